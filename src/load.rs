//! Walks `content/` and reads each file into a [`RawDoc`]: front matter text, body, line offsets.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::slug::slugify;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub const CONTENT: &str = "content";
pub const CATEGORIES: &str = "content/categories.yaml";

/// One content file as read from disk, before its front matter is understood.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub kind: DocKind,
    /// Path relative to the site root, with `/` separators.
    pub rel_path: String,
    pub slug: String,
    /// The translation language, or `None` for the main language.
    pub lang: Option<String>,
    pub front: String,
    /// File line of the front matter's first YAML line.
    pub front_line: usize,
    pub body: String,
    /// File line of the body's first line.
    pub body_line: usize,
}

/// Finds every content file. Paths come back sorted, so output never depends on the file system's order.
pub fn discover(root: &Path, findings: &mut Vec<Finding>) -> Vec<(DocKind, PathBuf)> {
    let content = root.join(CONTENT);
    if !content.is_dir() {
        findings.push(Finding::error(
            CONTENT,
            0,
            0,
            "there is no `content` folder. Make one beside site.yaml, with the folders problems/, leaflets/, technologies/ and pages/.",
        ));
        return Vec::new();
    }
    let mut files = Vec::new();
    for kind in DocKind::ALL {
        let dir = content.join(kind.folder());
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(|p| rel(root, p)).unwrap_or_else(|| rel(root, &dir));
                    let why = if e.loop_ancestor().is_some() {
                        "a folder link points back to a folder it is in (a loop); remove the link".to_string()
                    } else {
                        format!("cannot be read ({e}); check that the file exists and that you may read it")
                    };
                    findings.push(Finding::error(path, 0, 0, why));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') || name.ends_with('~') || name.starts_with('#') {
                continue; // editors' backup and lock files
            }
            if path.extension().and_then(|e| e.to_str()) == Some("md") {
                files.push((kind, path.to_path_buf()));
            } else {
                findings.push(Finding::warning(
                    rel(root, path),
                    0,
                    0,
                    format!(
                        "only Markdown files (.md) are read in content/{}/; this file is left out. Put pictures and other files in static/.",
                        kind.folder()
                    ),
                ));
            }
        }
    }
    files
}

/// The path of `path` relative to `root`, with `/` separators.
pub fn rel(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(p) => p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}

/// Reads a text file. A file that is not UTF-8 gives the line of the first character that cannot
/// be read and plain advice; `Err((line, message))`.
pub fn read_text(path: &Path) -> Result<String, (usize, String)> {
    let bytes = std::fs::read(path)
        .map_err(|e| (0, format!("cannot be read ({e}); check that the file exists and that you may read it")))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..good].iter().filter(|b| **b == b'\n').count() + 1;
        (
            line,
            "is not UTF-8 text (there is a character here that cannot be read). Save the file as UTF-8 in your editor."
                .to_string(),
        )
    })
}

/// Reads one file and splits it into front matter and body.
pub fn read(root: &Path, kind: DocKind, path: &Path, languages: &[String]) -> Result<RawDoc, Finding> {
    let rel_path = rel(root, path);
    let text = read_text(path).map_err(|(line, message)| Finding::error(&rel_path, line, line.min(1), message))?;
    // Old Mac (`\r`) and Windows (`\r\n`) line ends count as one line end, as in the YAML reader.
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (base, lang) = split_lang(&stem, languages);
    if let Some(unknown) = lang.as_ref().filter(|l| !languages.contains(l)) {
        return Err(Finding::error(
            &rel_path,
            0,
            0,
            format!(
                "looks like a translation into `{unknown}`, but `{unknown}` is not in `languages` in site.yaml. Add it there, or rename the file without `.{unknown}`."
            ),
        ));
    }
    let slug = slugify(base);
    if slug.is_empty() {
        return Err(Finding::error(
            &rel_path,
            0,
            0,
            "the file name gives an empty web address. Use letters or digits in the name, like `tryg-om-natten.md`.",
        ));
    }
    let (front, front_line, body, body_line) =
        split_front_matter(&text).map_err(|(line, msg)| Finding::error(&rel_path, line, 1, msg))?;
    Ok(RawDoc { kind, rel_path, slug, lang, front: front.to_string(), front_line, body: body.to_string(), body_line })
}

/// `tryg.en` → (`tryg`, Some("en")). A suffix counts as a language when it looks like one
/// (two or three small letters, maybe with a region), so a typo in a language is caught.
pub fn split_lang<'a>(stem: &'a str, languages: &[String]) -> (&'a str, Option<String>) {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        let primary = suffix.split('-').next().unwrap_or("");
        let looks_like_lang = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
        if looks_like_lang || languages.iter().any(|l| l == suffix) {
            return (base, Some(suffix.to_string()));
        }
    }
    (stem, None)
}

/// Splits `---\nyaml\n---\nbody` into (yaml, yaml's first line, body, body's first line).
pub fn split_front_matter(text: &str) -> Result<(&str, usize, &str, usize), (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((
            1,
            "the file must start with a line `---`, then the settings (title, summary …), then another `---` line. The first line is something else.".into(),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok((yaml, 2, body, line_no + 1));
        }
        offset += line.len();
    }
    Err((
        1,
        "the settings at the top of the file start with `---` but never end: add a line `---` after the last setting."
            .into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_are_split_with_their_lines() {
        let (yaml, yl, body, bl) = split_front_matter("---\ntitle: A\n---\n\nBody\n").unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(yl, 2);
        assert_eq!(body, "\nBody\n");
        assert_eq!(bl, 4);
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let err = split_front_matter("# Title\n").unwrap_err();
        assert_eq!(err.0, 1);
        assert!(err.1.contains("must start with a line `---`"));
        let err = split_front_matter("---\ntitle: A\n").unwrap_err();
        assert!(err.1.contains("never end"));
    }

    #[test]
    fn translation_suffixes_are_found() {
        let langs = vec!["en".to_string(), "ar".to_string()];
        assert_eq!(split_lang("tryg.en", &langs), ("tryg", Some("en".into())));
        assert_eq!(split_lang("tryg.de", &langs), ("tryg", Some("de".into())));
        assert_eq!(split_lang("tryg", &langs), ("tryg", None));
        assert_eq!(split_lang("version.2", &langs), ("version.2", None));
    }
}
