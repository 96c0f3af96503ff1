//! Typed front matter for each kind of content file, checked key by key against the contract.

use crate::diagnostics::Finding;
use crate::yaml::{self, check_map, Date, Item, KeySpec, Kind, Source};

pub const AUDIENCES: &[&str] = &["citizen", "relative", "staff"];
pub const HOW_TO_GET: &[&str] = &["buy", "municipality", "care", "healthcare"];
pub const PRICE_BANDS: &[&str] = &["low", "medium", "high"];
pub const REQUIRES: &[&str] = &["power", "wifi", "smartphone", "subscription", "installation"];

/// The four kinds of content file, each in its own folder of `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Problem,
    Leaflet,
    Technology,
    Page,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [DocKind::Problem, DocKind::Leaflet, DocKind::Technology, DocKind::Page];

    /// The folder under `content/`, which is also the default URL segment.
    pub fn folder(self) -> &'static str {
        match self {
            DocKind::Problem => "problems",
            DocKind::Leaflet => "leaflets",
            DocKind::Technology => "technologies",
            DocKind::Page => "pages",
        }
    }

    /// "a leaflet", for messages.
    pub fn what(self) -> &'static str {
        match self {
            DocKind::Problem => "a problem",
            DocKind::Leaflet => "a leaflet",
            DocKind::Technology => "a technology",
            DocKind::Page => "a page",
        }
    }

    pub fn specs(self) -> &'static [KeySpec] {
        match self {
            DocKind::Problem => PROBLEM,
            DocKind::Leaflet => LEAFLET,
            DocKind::Technology => TECHNOLOGY,
            DocKind::Page => PAGE,
        }
    }
}

const TITLE: KeySpec = KeySpec { name: "title", required: true, kind: Kind::Text, help: "the title in plain words" };
const SUMMARY: KeySpec = KeySpec {
    name: "summary",
    required: true,
    kind: Kind::Text,
    help: "one or two sentences for lists and search results",
};
const PROBLEMS: KeySpec = KeySpec {
    name: "problems",
    required: true,
    kind: Kind::TextList,
    help: "the everyday problems it helps with, as file names from content/problems/ without .md, like `[huske]`",
};

const LEAFLET: &[KeySpec] = &[
    TITLE,
    SUMMARY,
    PROBLEMS,
    KeySpec {
        name: "technologies",
        required: false,
        kind: Kind::TextList,
        help: "kinds of technology from content/technologies/",
    },
    KeySpec { name: "audience", required: false, kind: Kind::ListOf(AUDIENCES), help: "who it is written for" },
    KeySpec {
        name: "reviewed",
        required: true,
        kind: Kind::Date,
        help: "the date the text was last checked, written YYYY-MM-DD",
    },
    KeySpec { name: "draft", required: false, kind: Kind::Bool, help: "`true` keeps it off the site" },
];

const TECHNOLOGY: &[KeySpec] = &[
    TITLE,
    SUMMARY,
    KeySpec {
        name: "category",
        required: true,
        kind: Kind::Text,
        help: "the catalogue category, an `id` from content/categories.yaml",
    },
    PROBLEMS,
    KeySpec {
        name: "examples",
        required: false,
        kind: Kind::TextList,
        help: "general descriptions, never brand names",
    },
    KeySpec { name: "how_to_get", required: false, kind: Kind::ListOf(HOW_TO_GET), help: "how a citizen gets it" },
    KeySpec { name: "price_band", required: false, kind: Kind::OneOf(PRICE_BANDS), help: "a rough price level" },
    KeySpec { name: "requires", required: false, kind: Kind::ListOf(REQUIRES), help: "what it needs to work" },
    KeySpec {
        name: "consent",
        required: false,
        kind: Kind::Bool,
        help: "`true` if it locates, senses or watches a person",
    },
];

const PROBLEM: &[KeySpec] =
    &[TITLE, SUMMARY, KeySpec { name: "order", required: false, kind: Kind::Int, help: "a number for the sort order" }];

const PAGE: &[KeySpec] =
    &[TITLE, KeySpec { name: "summary", required: false, kind: Kind::Text, help: "one or two sentences" }];

/// The front matter of any kind, with the keys each kind knows.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub summary: String,
    pub problems: Vec<Item>,
    pub technologies: Vec<Item>,
    pub category: Option<Item>,
    pub audience: Vec<String>,
    pub reviewed: Option<Date>,
    /// Line of the `reviewed` value, for freshness findings.
    pub reviewed_line: usize,
    pub draft: bool,
    pub examples: Vec<String>,
    pub how_to_get: Vec<String>,
    pub price_band: Option<String>,
    pub requires: Vec<String>,
    pub consent: bool,
    pub order: Option<i64>,
}

/// Parses and checks one file's front matter. Faults go to `findings`; what could be read is
/// returned so that later stages can still check the rest of the file.
pub fn parse(kind: DocKind, text: &str, src: &Source, findings: &mut Vec<Finding>) -> Meta {
    parse_with(kind.specs(), text, src, findings)
}

/// The keys of a translation: the same as the original's, but only the words must be given
/// again (`title`, `summary`); problems, technologies and the rest come from the original.
pub fn translation_specs(kind: DocKind) -> Vec<KeySpec> {
    kind.specs()
        .iter()
        .map(|s| KeySpec { required: s.required && matches!(s.name, "title" | "summary"), ..*s })
        .collect()
}

/// Parses front matter against the given keys.
pub fn parse_with(specs: &[KeySpec], text: &str, src: &Source, findings: &mut Vec<Finding>) -> Meta {
    let tree = match yaml::parse(text) {
        Ok(tree) => tree,
        Err(e) => {
            findings.push(Finding::error(
                src.path,
                src.line(e.pos),
                e.pos.col.max(1),
                format!(
                    "the settings at the top of the file are not valid YAML: {}. Check this line and the one above for a missing `:`, an unclosed `[` or quote, or wrong indentation. If a value contains `: `, put the value in quotes.",
                    e.message
                ),
            ));
            return Meta::default();
        }
    };
    let f = check_map(&tree, specs, src, findings);
    Meta {
        title: f.text("title").unwrap_or_default().trim().to_string(),
        summary: f.text("summary").unwrap_or_default().trim().to_string(),
        problems: f.items("problems", src),
        technologies: f.items("technologies", src),
        category: f.item("category", src),
        audience: f.texts("audience", src),
        reviewed: f.text("reviewed").and_then(|s| Date::parse(&s)),
        reviewed_line: f.item("reviewed", src).map(|i| i.line).unwrap_or(src.anchor_line),
        draft: f.bool("draft"),
        examples: f.texts("examples", src),
        how_to_get: f.texts("how_to_get", src),
        price_band: f.text("price_band"),
        requires: f.texts("requires", src),
        consent: f.bool("consent"),
        order: f.int("order"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> Source<'static> {
        Source {
            path: "content/leaflets/x.md",
            first_line: 2,
            what: "a leaflet",
            anchor_line: 1,
            place: yaml::FRONT_MATTER,
        }
    }

    #[test]
    fn a_good_leaflet_reads_into_meta() {
        let text = "title: Tryg om natten\nsummary: Kort.\nproblems: [tryghed, soevn]\nreviewed: 2026-05-01\naudience: [citizen]\n";
        let mut findings = Vec::new();
        let meta = parse(DocKind::Leaflet, text, &src(), &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(meta.title, "Tryg om natten");
        assert_eq!(meta.problems.len(), 2);
        assert_eq!(meta.problems[1].text, "soevn");
        assert_eq!(meta.problems[1].line, 4);
        assert_eq!(meta.reviewed.unwrap().iso(), "2026-05-01");
        assert!(!meta.draft);
    }

    #[test]
    fn an_unknown_audience_is_named_with_a_suggestion() {
        let text = "title: T\nsummary: S\nproblems: [a]\nreviewed: 2026-05-01\naudience: [citizen, relatve]\n";
        let mut findings = Vec::new();
        parse(DocKind::Leaflet, text, &src(), &mut findings);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("`relatve`"));
        assert!(findings[0].message.contains("Did you mean `relative`?"));
        assert_eq!(findings[0].line, 6);
    }

    #[test]
    fn broken_yaml_is_one_finding_in_the_file() {
        let mut findings = Vec::new();
        parse(DocKind::Leaflet, "title: \"open\nsummary: x\n", &src(), &mut findings);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("not valid YAML"));
    }
}
