//! Wording that gets in the way of readers who use a screen reader or skim a page:
//!
//! - link texts that do not say where the link goes ("klik her", "læs mere", "her") → warning;
//! - links without any text → warning;
//! - tables whose header row is empty → warning. (A CommonMark table always has a header row,
//!   so an editor who wants "no header" writes an empty one; then nobody knows what the
//!   columns hold.)
//!
//! Pictures without a text alternative are an error in `links.rs`.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::model::{Doc, Site};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Link texts that say nothing about the link's goal, in small letters, without punctuation.
pub const VAGUE_LINK_TEXTS: &[&str] = &[
    // Danish
    "her",
    "klik her",
    "tryk her",
    "klik",
    "tryk",
    "læs mere",
    "læs mere her",
    "læs her",
    "se her",
    "se mere",
    "mere",
    "mere her",
    "mere info",
    "mere information",
    "link",
    "linket",
    "link her",
    "dette link",
    "denne side",
    "hjemmeside",
    // English
    "here",
    "click here",
    "click",
    "read more",
    "more",
    "learn more",
    "more info",
    "this link",
    "link here",
    "this page",
];

/// A link text in small letters, with spaces collapsed and the punctuation around it removed.
pub fn normalize_link_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ").to_lowercase();
    joined.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// File line and 1-based column of a byte offset in a document's body.
struct Lines<'a> {
    body: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl Lines<'_> {
    fn new(doc: &Doc) -> Lines<'_> {
        let starts = std::iter::once(0).chain(doc.body.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { body: &doc.body, starts, first_line: doc.body_line }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|&s| s <= offset) - 1;
        (self.first_line + i, self.body[self.starts[i]..offset].chars().count() + 1)
    }
}

fn check_doc(doc: &Doc, findings: &mut Vec<Finding>) {
    let lines = Lines::new(doc);
    // (destination, offset, text so far) of the link being read; links do not nest.
    let mut link: Option<(String, usize, String)> = None;
    // (offset, header cells' text, in the header row) of the table being read.
    let mut table: Option<(usize, Vec<String>, bool)> = None;
    for (event, range) in Parser::new_ext(&doc.body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), range.start, String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((dest, offset, text)) = link.take() {
                    link_text(doc, &lines, &dest, offset, &text, findings);
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((range.start, Vec::new(), false)),
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut table {
                    t.2 = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.2 = false;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some((_, cells, true)) = &mut table {
                    cells.push(String::new());
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((offset, cells, _)) = table.take() {
                    if cells.iter().all(|c| c.trim().is_empty()) {
                        let (line, col) = lines.at(offset);
                        findings.push(Finding::warning(
                            &doc.rel_path,
                            line,
                            col,
                            "the table has an empty header row, so nobody can tell what the columns hold, and a screen reader cannot say it either. Write a short title over each column in the first row, like `| Hvad | Hvordan får du det |`.",
                        ));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = &mut link {
                    text.push_str(&t);
                }
                if let Some((_, cells, true)) = &mut table {
                    if let Some(cell) = cells.last_mut() {
                        cell.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text)) = &mut link {
                    text.push(' ');
                }
            }
            // A picture inside a link: its alt text is the link's text for a screen reader,
            // and its own Text events are collected above.
            _ => {}
        }
    }
}

fn link_text(doc: &Doc, lines: &Lines, dest: &str, offset: usize, text: &str, findings: &mut Vec<Finding>) {
    let (line, col) = lines.at(offset);
    let normalized = normalize_link_text(text);
    if text.trim().is_empty() {
        findings.push(Finding::warning(
            &doc.rel_path,
            line,
            col,
            format!(
                "the link to `{dest}` has no text, so nobody can see or hear it. Write what the reader will find between the brackets, like `[Læs om nødkald]({dest})`."
            ),
        ));
    } else if VAGUE_LINK_TEXTS.contains(&normalized.as_str()) {
        findings.push(Finding::warning(
            &doc.rel_path,
            line,
            col,
            format!(
                "the link text »{}« (the link to `{dest}`) does not say where the link goes. People who use a screen reader often hear only the links, and everyone skims them. Write what the reader will find, like »Læs om nødkald«.",
                text.trim()
            ),
        ));
    }
}

pub fn check(site: &Site, scope: super::Scope, findings: &mut Vec<Finding>) {
    let docs = DocKind::ALL
        .iter()
        .flat_map(|k| site.docs(*k).iter())
        .chain(site.translations.iter())
        .filter(|d| scope.wants(d));
    for doc in docs {
        check_doc(doc, findings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_texts_are_compared_without_case_spaces_or_punctuation() {
        assert_eq!(normalize_link_text("  Klik\n HER! "), "klik her");
        assert_eq!(normalize_link_text("»Læs mere…«"), "læs mere");
        assert!(VAGUE_LINK_TEXTS.contains(&normalize_link_text("Read more.").as_str()));
        assert!(!VAGUE_LINK_TEXTS.contains(&normalize_link_text("Læs om nødkald").as_str()));
    }
}
