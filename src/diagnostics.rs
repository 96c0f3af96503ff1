//! Findings: every content error or warning, with the place it was found and advice in plain words.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One thing an editor should know about: where it is, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the finding is about the file as a whole.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    pub severity: Severity,
    /// The front-matter or settings key concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub message: String,
}

impl Finding {
    pub fn error(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Finding { path: path.into(), line, col, severity: Severity::Error, key: None, message: message.into() }
    }

    pub fn warning(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(path, line, col, message) }
    }

    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            one_line(&self.path),
            self.line.max(1),
            self.col.max(1),
            self.severity,
            one_line(&self.message)
        )
    }
}

/// Text fit for one terminal line: line breaks and tabs become spaces; other control characters
/// (which could move the cursor or colour the terminal) are written as `\u{…}`.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts findings the way an editor reads them: file by file, top to bottom.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Human output: one line per finding, then a one-line summary.
pub fn to_human(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&f.to_string());
        out.push('\n');
    }
    out
}

/// A one-line count, for the end of a run.
pub fn summary(findings: &[Finding]) -> String {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    format!(
        "{} {}, {} {}",
        errors,
        if errors == 1 { "error" } else { "errors" },
        warnings,
        if warnings == 1 { "warning" } else { "warnings" }
    )
}

/// Machine output: the findings as a JSON array, with `line` and `col` as in the human form.
pub fn to_json(findings: &[Finding]) -> String {
    let fixed: Vec<Finding> =
        findings.iter().map(|f| Finding { line: f.line.max(1), col: f.col.max(1), ..f.clone() }).collect();
    serde_json::to_string_pretty(&fixed).unwrap_or_else(|_| "[]".into())
}

/// The closest candidate to a misspelt word, if one is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// " Did you mean `x`?" or an empty string.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(word, candidates) {
        Some(c) => format!(" Did you mean `{c}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let known = ["huske", "mobilitet", "tryghed"];
        assert_eq!(nearest("hukse", known), Some("huske"));
        assert_eq!(nearest("mobiliteet", known), Some("mobilitet"));
        assert_eq!(nearest("helt-andet", known), None);
    }

    #[test]
    fn display_is_path_line_col_severity_message() {
        let f = Finding::error("content/leaflets/a.md", 3, 1, "`title` is missing.");
        assert_eq!(f.to_string(), "content/leaflets/a.md:3:1: error: `title` is missing.");
    }
}
