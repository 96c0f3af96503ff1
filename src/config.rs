//! `site.yaml` → [`Config`]: the site's settings, checked with the same rules as front matter.

use crate::diagnostics::Finding;
use crate::yaml::{self, check_map, KeySpec, Kind, Located, Node, Source};
use serde::Serialize;
use std::path::Path;

pub const FILE: &str = "site.yaml";

/// Languages written right to left.
pub const RTL: &[&str] = &["ar", "fa", "ur", "he", "yi", "ps", "ckb"];

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub hours: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub problems: String,
    pub leaflets: String,
    pub technologies: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/` ("/hverdag/").
    pub base_path: String,
    pub language: String,
    pub languages: Vec<String>,
    pub theme: String,
    pub paths: Paths,
    pub contact: Contact,
    pub accessibility_statement: Option<String>,
    pub page_size: String,
    pub forbidden: Vec<String>,
    pub max_lix: f64,
    pub max_age_months: i64,
    /// Search synonyms: a word readers use → the problems it should find.
    pub synonyms: Vec<Synonym>,
}

/// `glemsom: [huske]` under `search: synonyms:` in site.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct Synonym {
    pub word: String,
    pub problems: Vec<crate::yaml::Item>,
}

const SEARCH_SPECS: &[KeySpec] = &[KeySpec {
    name: "synonyms",
    required: false,
    kind: Kind::Group,
    help: "words readers use, each with the problems it should find",
}];

/// Reads the synonyms group: every key a word, every value a list of problem slugs.
fn synonyms(node: &Located, findings: &mut Vec<Finding>) -> Vec<Synonym> {
    let Node::Map(entries) = &node.node else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries {
        let items: Vec<&Located> = match &e.value.node {
            Node::Seq(items) => items.iter().collect(),
            Node::Str(_) => vec![&e.value],
            _ => Vec::new(),
        };
        let problems: Vec<crate::yaml::Item> = items
            .iter()
            .filter_map(|v| {
                v.node.scalar_text().map(|text| crate::yaml::Item { text, line: v.pos.line, col: v.pos.col.max(1) })
            })
            .collect();
        if problems.is_empty() {
            findings.push(
                Finding::error(
                    FILE,
                    e.key_pos.line,
                    e.key_pos.col.max(1),
                    format!(
                        "the search word `{}` has no problems. Write them as a list, like `{}: [huske]`.",
                        e.key, e.key
                    ),
                )
                .with_key("synonyms"),
            );
            continue;
        }
        out.push(Synonym { word: e.key.to_lowercase(), problems });
    }
    out
}

const CONTACT_SPECS: &[KeySpec] = &[
    KeySpec { name: "name", required: false, kind: Kind::Text, help: "who to contact" },
    KeySpec { name: "phone", required: false, kind: Kind::Text, help: "a phone number in quotes" },
    KeySpec { name: "email", required: false, kind: Kind::Text, help: "an e-mail address" },
    KeySpec { name: "address", required: false, kind: Kind::Text, help: "a postal address" },
    KeySpec { name: "hours", required: false, kind: Kind::Text, help: "opening hours" },
];

const PATHS_SPECS: &[KeySpec] = &[
    KeySpec { name: "problems", required: false, kind: Kind::Text, help: "the URL segment for problems" },
    KeySpec { name: "leaflets", required: false, kind: Kind::Text, help: "the URL segment for leaflets" },
    KeySpec { name: "technologies", required: false, kind: Kind::Text, help: "the URL segment for technologies" },
];

const PRINT_SPECS: &[KeySpec] =
    &[KeySpec { name: "page_size", required: false, kind: Kind::OneOf(&["A5", "A4"]), help: "A5 or A4" }];

const NEUTRALITY_SPECS: &[KeySpec] = &[KeySpec {
    name: "forbidden",
    required: false,
    kind: Kind::TextList,
    help: "brand, product or company names that must never appear",
}];

const READABILITY_SPECS: &[KeySpec] =
    &[KeySpec { name: "max_lix", required: false, kind: Kind::Int, help: "the highest LIX before a warning" }];

const REVIEW_SPECS: &[KeySpec] =
    &[KeySpec { name: "max_age_months", required: false, kind: Kind::Int, help: "months before a review is due" }];

const SPECS: &[KeySpec] = &[
    KeySpec { name: "title", required: true, kind: Kind::Text, help: "the site's name" },
    KeySpec {
        name: "base_url",
        required: true,
        kind: Kind::Text,
        help: "the full address the site is published at, like https://example.dk/hverdag/",
    },
    KeySpec { name: "language", required: true, kind: Kind::Text, help: "the main language, like `da`" },
    KeySpec { name: "languages", required: false, kind: Kind::TextList, help: "translation languages" },
    KeySpec { name: "theme", required: false, kind: Kind::Text, help: "the theme folder name" },
    KeySpec { name: "paths", required: false, kind: Kind::Group, help: "URL segments" },
    KeySpec { name: "contact", required: false, kind: Kind::Group, help: "the contact box" },
    KeySpec {
        name: "accessibility_statement",
        required: false,
        kind: Kind::Text,
        help: "the address of the accessibility statement",
    },
    KeySpec { name: "print", required: false, kind: Kind::Group, help: "print settings" },
    KeySpec { name: "neutrality", required: false, kind: Kind::Group, help: "neutrality settings" },
    KeySpec { name: "readability", required: false, kind: Kind::Group, help: "readability settings" },
    KeySpec { name: "review", required: false, kind: Kind::Group, help: "review settings" },
    KeySpec { name: "search", required: false, kind: Kind::Group, help: "search settings" },
];

/// Reads and checks `site.yaml` in `root`. `None` when the settings are unusable.
pub fn load(root: &Path, findings: &mut Vec<Finding>) -> Option<Config> {
    let path = root.join(FILE);
    if !path.is_file() {
        findings.push(Finding::error(
            FILE,
            0,
            0,
            format!(
                "there is no site.yaml in {}. Every site needs a `site.yaml` in its root folder with at least `title`, `base_url` and `language`; copy the example site's and change it.",
                root.display()
            ),
        ));
        return None;
    }
    let text = match crate::load::read_text(&path) {
        Ok(t) => t,
        Err((line, message)) => {
            findings.push(Finding::error(FILE, line, 1, message));
            return None;
        }
    };
    parse(&text, findings)
}

/// Checks the text of `site.yaml`.
pub fn parse(text: &str, findings: &mut Vec<Finding>) -> Option<Config> {
    let src = Source { path: FILE, first_line: 1, what: "site.yaml", anchor_line: 1, place: "site.yaml" };
    let tree = match yaml::parse(text.trim_start_matches('\u{feff}')) {
        Ok(t) => t,
        Err(e) => {
            findings.push(Finding::error(
                FILE,
                e.pos.line,
                e.pos.col,
                format!("site.yaml is not valid YAML: {}. Check this line for a missing `:`, an unclosed quote, or wrong indentation.", e.message),
            ));
            return None;
        }
    };
    let f = check_map(&tree, SPECS, &src, findings);
    let group = |name: &str, specs: &'static [KeySpec], findings: &mut Vec<Finding>| {
        f.get(name).map(|node| {
            let what = format!("the `{name}` group in site.yaml");
            let place = format!("the `{name}` group");
            let src = Source { what: &what, place: &place, ..src.clone() };
            let fields = check_map(node, specs, &src, findings);
            (fields, node)
        })
    };
    let contact = match group("contact", CONTACT_SPECS, findings) {
        Some((c, _)) => Contact {
            name: c.text("name").unwrap_or_default(),
            phone: c.text("phone").unwrap_or_default(),
            email: c.text("email").unwrap_or_default(),
            address: c.text("address").unwrap_or_default(),
            hours: c.text("hours").unwrap_or_default(),
        },
        None => Contact::default(),
    };
    let mut paths =
        Paths { problems: "problems".into(), leaflets: "leaflets".into(), technologies: "technologies".into() };
    if let Some((p, node)) = group("paths", PATHS_SPECS, findings) {
        for (key, slot) in [
            ("problems", &mut paths.problems),
            ("leaflets", &mut paths.leaflets),
            ("technologies", &mut paths.technologies),
        ] {
            if let Some(v) = p.text(key) {
                if crate::slug::is_clean(&v) {
                    *slot = v;
                } else {
                    let line = key_line(node, key).unwrap_or(1);
                    findings.push(
                        Finding::error(
                            FILE,
                            line,
                            1,
                            format!(
                                "paths: `{key}: {v}` is not a clean URL segment. Use small letters, digits and `-` only, like `{}`.",
                                crate::slug::slugify(&v)
                            ),
                        )
                        .with_key(key),
                    );
                }
            }
        }
    }
    let page_size =
        group("print", PRINT_SPECS, findings).and_then(|(p, _)| p.text("page_size")).unwrap_or_else(|| "A5".into());
    let forbidden =
        group("neutrality", NEUTRALITY_SPECS, findings).map(|(n, _)| n.texts("forbidden", &src)).unwrap_or_default();
    let max_lix =
        group("readability", READABILITY_SPECS, findings).and_then(|(r, _)| r.int("max_lix")).unwrap_or(40) as f64;
    let max_age_months =
        group("review", REVIEW_SPECS, findings).and_then(|(r, _)| r.int("max_age_months")).unwrap_or(12);
    let synonyms = group("search", SEARCH_SPECS, findings)
        .and_then(|(s, _)| s.get("synonyms"))
        .map(|node| synonyms(node, findings))
        .unwrap_or_default();

    let base_url = f.text("base_url").unwrap_or_default();
    let base_url_line = f.item("base_url", &src).map(|i| i.line).unwrap_or(1);
    let (base_url, base_path) = match normalize_base_url(&base_url) {
        Ok(v) => v,
        Err(msg) => {
            if !base_url.is_empty() {
                findings.push(Finding::error(FILE, base_url_line, 1, msg).with_key("base_url"));
            }
            (String::new(), "/".into())
        }
    };
    let language = f.text("language").unwrap_or_default();
    let languages = f.texts("languages", &src);
    for item in f.items("languages", &src) {
        if item.text == language {
            findings.push(
                Finding::error(
                    FILE,
                    item.line,
                    item.col,
                    format!(
                        "`languages` lists `{}`, the main language. List only the translation languages.",
                        item.text
                    ),
                )
                .with_key("languages"),
            );
        }
    }
    // One typo elsewhere must not hide the content's faults: stop only when the site cannot be
    // built at all (no title, language or usable address). The build still fails on the errors.
    if f.text("title").is_none() || language.is_empty() || base_url.is_empty() {
        return None;
    }
    Some(Config {
        title: f.text("title").unwrap_or_default(),
        base_url,
        base_path,
        language,
        languages,
        theme: f.text("theme").unwrap_or_else(|| "default".into()),
        paths,
        contact,
        accessibility_statement: f.text("accessibility_statement").filter(|s| !s.trim().is_empty()),
        page_size,
        forbidden,
        max_lix,
        max_age_months,
        synonyms,
    })
}

fn key_line(node: &Located, key: &str) -> Option<usize> {
    match &node.node {
        Node::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| e.key_pos.line),
        _ => None,
    }
}

/// `https://example.dk/hverdag` → (`https://example.dk/hverdag/`, `/hverdag/`).
pub fn normalize_base_url(raw: &str) -> Result<(String, String), String> {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`base_url` is `{raw}`, but it must be a full address that starts with https:// (or http://), like https://example.dk/hverdag/.")
        })?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || path.contains(['?', '#', ' ']) {
        return Err(format!(
            "`base_url` is `{raw}`, which is not a plain web address. Write it like https://example.dk/hverdag/, without spaces, `?` or `#`."
        ));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = &raw[..raw.len() - rest.len()];
    Ok((format!("{scheme}{host}{path}"), path))
}

impl Config {
    /// The URL segment of a kind.
    pub fn segment(&self, kind: crate::frontmatter::DocKind) -> &str {
        use crate::frontmatter::DocKind;
        match kind {
            DocKind::Problem => &self.paths.problems,
            DocKind::Leaflet => &self.paths.leaflets,
            DocKind::Technology => &self.paths.technologies,
            DocKind::Page => "",
        }
    }

    pub fn is_rtl(lang: &str) -> bool {
        RTL.contains(&lang.split('-').next().unwrap_or(lang))
    }

    /// Changes the base URL (for `--base-url` and for the dev server).
    pub fn set_base_url(&mut self, raw: &str) -> Result<(), String> {
        let (url, path) = normalize_base_url(raw)?;
        self.base_url = url;
        self.base_path = path;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_path() {
        assert_eq!(
            normalize_base_url("https://example.dk/hverdag").unwrap(),
            ("https://example.dk/hverdag/".into(), "/hverdag/".into())
        );
        assert_eq!(normalize_base_url("http://127.0.0.1:1111").unwrap(), ("http://127.0.0.1:1111/".into(), "/".into()));
        assert!(normalize_base_url("example.dk").is_err());
    }

    #[test]
    fn minimal_settings_use_the_defaults() {
        let mut findings = Vec::new();
        let c = parse("title: T\nbase_url: https://e.dk/\nlanguage: da\n", &mut findings).unwrap();
        assert!(findings.is_empty());
        assert_eq!(c.paths.leaflets, "leaflets");
        assert_eq!(c.page_size, "A5");
        assert_eq!(c.max_age_months, 12);
    }

    #[test]
    fn without_title_language_or_address_there_is_no_site() {
        let mut findings = Vec::new();
        assert!(parse("title: T\nlanguage: da\n", &mut findings).is_none());
        assert!(findings[0].to_string().contains("`base_url` is missing"));
    }

    #[test]
    fn faults_in_groups_name_their_line() {
        let mut findings = Vec::new();
        let c = parse(
            "title: T\nbase_url: https://e.dk/\nlanguage: da\ncontact:\n  name: X\n  telefon: 1\nprint:\n  page_size: A3\n",
            &mut findings,
        );
        // The faults are reported, and the rest of the settings stay usable so that the content
        // is still checked in the same run.
        let c = c.expect("title, base_url and language are fine");
        assert_eq!(c.page_size, "A5");
        let lines: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
        assert!(
            lines[0]
                .starts_with("site.yaml:6:3: error: `telefon` is not a key the `contact` group in site.yaml can have"),
            "{lines:?}"
        );
        assert!(lines[1].starts_with("site.yaml:8:14: error: `page_size` has `A3`"), "{lines:?}");
    }
}
