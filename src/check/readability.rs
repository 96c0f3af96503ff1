//! Readability: LIX (the Scandinavian readability index) and over-long sentences.
//!
//! LIX = words / sentences + 100 × long words / words, where a long word has more than six
//! letters. Public-sector text for citizens aims at about 35 or below.

use crate::diagnostics::Finding;
use crate::model::Site;
use crate::render::Bodies;

/// The longest sentence an editor should write, in words.
pub const MAX_SENTENCE_WORDS: usize = 25;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lix {
    pub score: f64,
    pub words: usize,
    pub sentences: usize,
    pub long_words: usize,
}

/// Splits text into sentences: at `.`, `!`, `?` and `:` followed by a space, and at line ends
/// (each paragraph, list item and table cell ends a sentence).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        let end = match ch {
            '\n' => true,
            '.' | '!' | '?' | ':' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if end {
            let s = text[start..i + ch.len_utf8()].trim();
            if s.chars().any(char::is_alphanumeric) {
                out.push(s);
            }
            start = i + ch.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if rest.chars().any(char::is_alphanumeric) {
        out.push(rest);
    }
    out
}

pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| w.chars().any(char::is_alphabetic))
}

pub fn lix(text: &str) -> Lix {
    let sentences = sentences(text).len();
    let (mut words_n, mut long) = (0, 0);
    for w in words(text) {
        words_n += 1;
        if w.chars().filter(|c| c.is_alphabetic()).count() > 6 {
            long += 1;
        }
    }
    if words_n == 0 || sentences == 0 {
        return Lix::default();
    }
    Lix {
        score: words_n as f64 / sentences as f64 + 100.0 * long as f64 / words_n as f64,
        words: words_n,
        sentences,
        long_words: long,
    }
}

pub fn check(site: &Site, bodies: &Bodies, scope: super::Scope, findings: &mut Vec<Finding>) {
    let max = site.config.max_lix;
    for (doc, body) in site.leaflets.iter().zip(&bodies.leaflets).filter(|(d, _)| scope.wants(d)) {
        let l = lix(&body.text);
        if l.words > 0 && l.score > max {
            let mut long: Vec<&str> = sentences(&body.text);
            long.sort_by_key(|s| std::cmp::Reverse(words(s).count()));
            let examples: Vec<String> = long.iter().take(2).map(|s| format!("»{}«", shorten(s))).collect();
            findings.push(Finding::warning(
                &doc.rel_path,
                doc.body_line,
                1,
                format!(
                    "the text is hard to read: LIX is {:.0}, above the site's limit of {max:.0}. Use shorter sentences and shorter words. The longest sentences: {}",
                    l.score,
                    examples.join(" ")
                ),
            ));
        }
        for sentence in sentences(&body.text) {
            let n = words(sentence).count();
            if n > MAX_SENTENCE_WORDS {
                let line = find_line(&doc.body, sentence).map(|l| doc.body_line + l).unwrap_or(doc.body_line);
                let start: String = sentence.chars().take(60).collect();
                findings.push(Finding::warning(
                    &doc.rel_path,
                    line,
                    1,
                    format!("a sentence has {n} words (»{start} …«). Split it: sentences of at most {MAX_SENTENCE_WORDS} words are easier to read."),
                ));
            }
        }
    }
}

/// At most 80 characters of a sentence, for quoting it in a finding.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if out.len() < s.len() {
        out.push_str(" …");
    }
    out
}

/// The 0-based line of the body where a sentence starts (matching its first few words).
fn find_line(body: &str, sentence: &str) -> Option<usize> {
    let probe: Vec<&str> = words(sentence).take(4).collect();
    let first = probe.first()?;
    body.lines().position(|line| line.contains(first) && probe.iter().skip(1).all(|w| line.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lix_of_a_known_text() {
        // 10 words, 2 sentences, 2 long words (fjernsynet, telefonen): 5 + 20 = 25.
        let l = lix("Jeg ser fjernsynet hver dag. Jeg ringer med telefonen i dag.");
        assert_eq!((l.words, l.sentences, l.long_words), (11, 2, 2));
        assert!((l.score - (11.0 / 2.0 + 200.0 / 11.0)).abs() < 1e-9);
    }

    #[test]
    fn sentences_end_at_stops_and_line_ends() {
        assert_eq!(
            sentences("Et. To! Tre?\nFire\n\n5. juni er godt"),
            vec!["Et.", "To!", "Tre?", "Fire", "5.", "juni er godt"]
        );
        assert_eq!(sentences("Kl. 3.30 kommer hun."), vec!["Kl.", "3.30 kommer hun."]);
    }
}
