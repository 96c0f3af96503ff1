//! The default theme, compiled into the binary, with single files overridden by the site's
//! own `themes/<name>/` folder.

use crate::diagnostics::Finding;
use crate::yaml::{self, Node};
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../themes/default/", $path)))),*]
    };
}

/// Every file of the default theme: (path inside the theme, content).
pub const DEFAULT: &[(&str, &str)] = embed![
    "templates/base.html",
    "templates/home.html",
    "templates/problem.html",
    "templates/leaflet.html",
    "templates/catalogue.html",
    "templates/technology.html",
    "templates/page.html",
    "templates/404.html",
    "templates/sitemap.xml",
    "templates/print.html",
    "templates/search.html",
    "assets/search.js",
    "templates/leaflet-print.html",
    "templates/problem-print.html",
    "assets/print.css",
    "templates/cards.html",
    "templates/contact.html",
    "assets/style.css",
    "i18n/da.yaml",
    "i18n/en.yaml",
    "i18n/ar.yaml",
];

/// The theme as used for one build: default files with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Path inside the theme → content.
    pub files: BTreeMap<String, String>,
    /// The theme's folder name, for the paths in messages.
    pub name: String,
}

impl Theme {
    /// Loads the default theme and applies `root/themes/<name>/` on top of it.
    pub fn load(root: &Path, name: &str, findings: &mut Vec<Finding>) -> Theme {
        let mut files: BTreeMap<String, String> = DEFAULT.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                findings.push(Finding::error(
                    crate::config::FILE,
                    0,
                    0,
                    format!("`theme` is `{name}`, but there is no folder themes/{name}/. Make the folder or write `theme: default`."),
                ).with_key("theme"));
            }
            return Theme { files, name: name.to_string() };
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::load::rel(&dir, entry.path());
            let shown = crate::load::rel(root, entry.path());
            match crate::load::read_text(entry.path()) {
                Ok(text) => {
                    files.insert(rel, text);
                }
                Err((line, message)) => findings.push(Finding::error(shown, line, 1, message).with_key("theme")),
            }
        }
        Theme { files, name: name.to_string() }
    }

    pub fn templates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter_map(|(p, c)| p.strip_prefix("templates/").map(|name| (name, c.as_str())))
    }

    pub fn assets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter_map(|(p, c)| p.strip_prefix("assets/").map(|name| (name, c.as_str())))
    }

    /// The theme's words in `lang`, with the main language's words filling any gap.
    /// Gaps are reported as warnings naming the key and the file.
    pub fn words(&self, lang: &str, fallback: &str, findings: &mut Vec<Finding>) -> BTreeMap<String, String> {
        let mut base = self.words_of(fallback, findings).unwrap_or_default();
        if lang == fallback {
            return base;
        }
        let path = format!("i18n/{lang}.yaml");
        match self.words_of(lang, findings) {
            Some(words) => {
                for key in base.keys() {
                    if !words.contains_key(key) {
                        findings.push(Finding::warning(
                            format!("themes/{}/{path}", self.name),
                            0,
                            0,
                            format!("the theme word `{key}` is missing in `{lang}`; the {fallback} word is used. Add `{key}: …` to {path}."),
                        ).with_key(key.clone()));
                    }
                }
                base.extend(words);
            }
            None => findings.push(Finding::warning(
                format!("themes/{}/{path}", self.name),
                0,
                0,
                format!("the theme has no words for `{lang}`; the {fallback} words are used. Add {path} to your theme folder."),
            )),
        }
        base
    }

    fn words_of(&self, lang: &str, findings: &mut Vec<Finding>) -> Option<BTreeMap<String, String>> {
        let path = format!("i18n/{lang}.yaml");
        let text = self.files.get(&path)?;
        match yaml::parse(text) {
            Ok(tree) => match tree.node {
                Node::Map(entries) => {
                    Some(entries.into_iter().filter_map(|e| e.value.node.scalar_text().map(|v| (e.key, v))).collect())
                }
                _ => None,
            },
            Err(e) => {
                findings.push(Finding::error(
                    format!("themes/{}/{path}", self.name),
                    e.pos.line,
                    e.pos.col,
                    format!("is not valid YAML: {}.", e.message),
                ));
                None
            }
        }
    }
}
