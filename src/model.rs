//! The site graph: problems, leaflets, technologies, pages and categories, with every
//! cross-reference checked and turned into indexes (no lookups by name after this stage).

use crate::config::Config;
use crate::diagnostics::{did_you_mean, Finding};
use crate::frontmatter::{DocKind, Meta};
use crate::yaml::{self, check_map, KeySpec, Kind, Node, Source};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// One content file with its checked front matter.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    pub slug: String,
    /// `None` for the main language.
    pub lang: Option<String>,
    pub rel_path: String,
    pub meta: Meta,
    /// The front matter as written, for rules that need the place of a word in it.
    pub front: String,
    /// File line of the front matter's first line.
    pub front_line: usize,
    pub body: String,
    pub body_line: usize,
}

/// Indexes into the vectors of [`Site`]; each list is sorted the way readers see it.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub problem_leaflets: Vec<Vec<usize>>,
    pub problem_technologies: Vec<Vec<usize>>,
    pub leaflet_problems: Vec<Vec<usize>>,
    pub leaflet_technologies: Vec<Vec<usize>>,
    pub technology_problems: Vec<Vec<usize>>,
    pub technology_leaflets: Vec<Vec<usize>>,
    pub technology_category: Vec<Option<usize>>,
    pub category_technologies: Vec<Vec<usize>>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub categories: Vec<Category>,
    pub problems: Vec<Doc>,
    pub leaflets: Vec<Doc>,
    pub technologies: Vec<Doc>,
    pub pages: Vec<Doc>,
    /// Translated files, rendered under `/<lang>/`.
    pub translations: Vec<Doc>,
    pub links: Links,
}

/// URL segments that a free page may not take, because the site uses them itself.
pub const RESERVED: &[&str] = &["assets", "404", "sitemap", "__pjece", "search", "static"];

/// A sort key that puts æ, ø, å after z, as Danish readers expect.
pub fn sort_key(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => '\u{7b}',
            'ø' => '\u{7c}',
            'å' => '\u{7d}',
            c => c,
        })
        .collect()
}

const CATEGORY_SPECS: &[KeySpec] = &[
    KeySpec { name: "id", required: true, kind: Kind::Text, help: "a short name used in technologies' `category`" },
    KeySpec { name: "title", required: true, kind: Kind::Text, help: "the category's name" },
    KeySpec { name: "summary", required: false, kind: Kind::Text, help: "one sentence" },
];

/// Reads `content/categories.yaml`: a list of `{id, title, summary}`.
pub fn load_categories(root: &Path, findings: &mut Vec<Finding>) -> Vec<Category> {
    let path = root.join(crate::load::CATEGORIES);
    if !path.exists() {
        return Vec::new();
    }
    let text = match crate::load::read_text(&path) {
        Ok(t) => t,
        Err((line, message)) => {
            findings.push(Finding::error(crate::load::CATEGORIES, line, 1, message));
            return Vec::new();
        }
    };
    parse_categories(&text, findings)
}

pub fn parse_categories(text: &str, findings: &mut Vec<Finding>) -> Vec<Category> {
    let file = crate::load::CATEGORIES;
    let tree = match yaml::parse(text) {
        Ok(t) => t,
        Err(e) => {
            findings.push(Finding::error(
                file,
                e.pos.line,
                e.pos.col,
                format!("is not valid YAML: {}. Each category is a line `- id: …` followed by indented `title:` and `summary:` lines.", e.message),
            ));
            return Vec::new();
        }
    };
    let items = match tree.node {
        Node::Seq(items) => items,
        Node::Null => return Vec::new(),
        other => {
            findings.push(Finding::error(
                file,
                1,
                1,
                format!(
                    "should be a list of categories (lines starting with `- id:`), but it is {}.",
                    other.describe()
                ),
            ));
            return Vec::new();
        }
    };
    let mut out: Vec<Category> = Vec::new();
    for item in &items {
        let src = Source {
            path: file,
            first_line: 1,
            what: "a category",
            anchor_line: item.pos.line.max(1),
            place: "this category",
        };
        let f = check_map(item, CATEGORY_SPECS, &src, findings);
        let Some(id) = f.text("id") else { continue };
        if out.iter().any(|c| c.id == id) {
            findings.push(
                Finding::error(
                    file,
                    item.pos.line,
                    1,
                    format!("the id `{id}` is used twice. Give each category its own id."),
                )
                .with_key("id"),
            );
            continue;
        }
        out.push(Category {
            id,
            title: f.text("title").unwrap_or_default(),
            summary: f.text("summary").unwrap_or_default(),
        });
    }
    out
}

/// Builds the graph, reporting every reference that leads nowhere.
pub fn build(
    config: Config,
    categories: Vec<Category>,
    docs: Vec<Doc>,
    drafts: bool,
    findings: &mut Vec<Finding>,
) -> Site {
    let mut site = Site {
        config,
        categories,
        problems: Vec::new(),
        leaflets: Vec::new(),
        technologies: Vec::new(),
        pages: Vec::new(),
        translations: Vec::new(),
        links: Links::default(),
    };
    check_duplicate_slugs(&docs, findings);
    for doc in docs {
        if doc.meta.draft && !drafts {
            continue;
        }
        if doc.lang.is_some() {
            site.translations.push(doc);
            continue;
        }
        match doc.kind {
            DocKind::Problem => site.problems.push(doc),
            DocKind::Leaflet => site.leaflets.push(doc),
            DocKind::Technology => site.technologies.push(doc),
            DocKind::Page => site.pages.push(doc),
        }
    }
    site.problems.sort_by_cached_key(|d| (d.meta.order.unwrap_or(i64::MAX), sort_key(&d.meta.title), d.slug.clone()));
    for list in [&mut site.leaflets, &mut site.technologies, &mut site.pages] {
        list.sort_by_cached_key(|d| (sort_key(&d.meta.title), d.slug.clone()));
    }
    check_page_slugs(&site, findings);
    check_translations(&site, findings);
    site.links = link(&site, findings);
    site
}

/// Two files that give the same slug (and language) in the same folder are an error.
fn check_duplicate_slugs(docs: &[Doc], findings: &mut Vec<Finding>) {
    let mut seen: HashMap<(DocKind, &str, Option<&str>), &str> = HashMap::new();
    let mut sorted: Vec<&Doc> = docs.iter().collect();
    sorted.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    for d in sorted {
        let key = (d.kind, d.slug.as_str(), d.lang.as_deref());
        if let Some(first) = seen.get(&key) {
            findings.push(Finding::error(
                &d.rel_path,
                0,
                0,
                format!(
                    "gives the web address `{}`, which {first} already has (æ, ø and å become ae, oe and aa). Rename one of the two files.",
                    d.slug
                ),
            ));
        } else {
            seen.insert(key, &d.rel_path);
        }
    }
}

fn index(docs: &[Doc]) -> HashMap<&str, usize> {
    docs.iter().enumerate().map(|(i, d)| (d.slug.as_str(), i)).collect()
}

/// Resolves a list of slugs, reporting each unknown one at its own line.
fn resolve(
    doc: &Doc,
    items: &[yaml::Item],
    key: &str,
    targets: &HashMap<&str, usize>,
    folder: &str,
    findings: &mut Vec<Finding>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for item in items {
        let slug = item.text.trim().trim_end_matches(".md");
        match targets.get(slug) {
            Some(&i) => {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
            None => findings.push(
                Finding::error(
                    &doc.rel_path,
                    item.line,
                    item.col,
                    format!(
                        "`{key}` names `{}`, but there is no file content/{folder}/{}.md.{} Use the file name without .md.",
                        item.text,
                        item.text,
                        did_you_mean(slug, targets.keys().copied())
                    ),
                )
                .with_key(key),
            ),
        }
    }
    out
}

fn link(site: &Site, findings: &mut Vec<Finding>) -> Links {
    let problems = index(&site.problems);
    let technologies = index(&site.technologies);
    let categories: HashMap<&str, usize> =
        site.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    for syn in &site.config.synonyms {
        for p in &syn.problems {
            if !problems.contains_key(p.text.as_str()) {
                findings.push(
                    Finding::error(
                        crate::config::FILE,
                        p.line,
                        p.col,
                        format!(
                            "the search word `{}` points to the problem `{}`, but there is no file content/problems/{}.md.{}",
                            syn.word,
                            p.text,
                            p.text,
                            did_you_mean(&p.text, problems.keys().copied())
                        ),
                    )
                    .with_key("synonyms"),
                );
            }
        }
    }
    let mut l = Links {
        problem_leaflets: vec![Vec::new(); site.problems.len()],
        problem_technologies: vec![Vec::new(); site.problems.len()],
        technology_leaflets: vec![Vec::new(); site.technologies.len()],
        category_technologies: vec![Vec::new(); site.categories.len()],
        ..Links::default()
    };
    for (i, doc) in site.leaflets.iter().enumerate() {
        let ps = resolve(doc, &doc.meta.problems, "problems", &problems, "problems", findings);
        let ts = resolve(doc, &doc.meta.technologies, "technologies", &technologies, "technologies", findings);
        for &p in &ps {
            l.problem_leaflets[p].push(i);
        }
        for &t in &ts {
            l.technology_leaflets[t].push(i);
        }
        l.leaflet_problems.push(ps);
        l.leaflet_technologies.push(ts);
    }
    for (i, doc) in site.technologies.iter().enumerate() {
        let ps = resolve(doc, &doc.meta.problems, "problems", &problems, "problems", findings);
        for &p in &ps {
            l.problem_technologies[p].push(i);
        }
        l.technology_problems.push(ps);
        let cat = doc.meta.category.as_ref().and_then(|c| match categories.get(c.text.as_str()) {
            Some(&ci) => Some(ci),
            None => {
                let hint = did_you_mean(&c.text, categories.keys().copied());
                let message = if site.categories.is_empty() {
                    format!("`category` is `{}`, but there is no content/categories.yaml with categories. Add the file with a list of `{{id, title, summary}}`.", c.text)
                } else if hint.is_empty() {
                    let ids: Vec<&str> = site.categories.iter().map(|c| c.id.as_str()).collect();
                    format!(
                        "`category` is `{}`, which is not an id in content/categories.yaml. The ids are: {}.",
                        c.text,
                        ids.join(", ")
                    )
                } else {
                    format!("`category` is `{}`, which is not an id in content/categories.yaml.{hint}", c.text)
                };
                findings.push(Finding::error(&doc.rel_path, c.line, c.col, message).with_key("category"));
                None
            }
        });
        if let Some(ci) = cat {
            l.category_technologies[ci].push(i);
        }
        l.technology_category.push(cat);
    }
    l
}

fn check_page_slugs(site: &Site, findings: &mut Vec<Finding>) {
    let c = &site.config;
    let taken: Vec<&str> = [c.paths.problems.as_str(), c.paths.leaflets.as_str(), c.paths.technologies.as_str()]
        .into_iter()
        .chain(RESERVED.iter().copied())
        .chain(c.languages.iter().map(String::as_str))
        .collect();
    for page in &site.pages {
        if taken.contains(&page.slug.as_str()) {
            findings.push(Finding::error(
                &page.rel_path,
                0,
                0,
                format!(
                    "a free page cannot be called `{}`: the site uses that address itself. Rename the file.",
                    page.slug
                ),
            ));
        }
    }
}

fn check_translations(site: &Site, findings: &mut Vec<Finding>) {
    for t in &site.translations {
        let originals = match t.kind {
            DocKind::Problem => &site.problems,
            DocKind::Leaflet => &site.leaflets,
            DocKind::Technology => &site.technologies,
            DocKind::Page => &site.pages,
        };
        if !originals.iter().any(|d| d.slug == t.slug) {
            findings.push(Finding::error(
                &t.rel_path,
                0,
                0,
                format!(
                    "is a translation, but there is no original content/{}/{}.md in the main language. Name it after the original file.",
                    t.kind.folder(),
                    t.slug
                ),
            ));
        }
    }
}

impl Site {
    pub fn docs(&self, kind: DocKind) -> &[Doc] {
        match kind {
            DocKind::Problem => &self.problems,
            DocKind::Leaflet => &self.leaflets,
            DocKind::Technology => &self.technologies,
            DocKind::Page => &self.pages,
        }
    }

    pub fn docs_mut(&mut self, kind: DocKind) -> &mut [Doc] {
        match kind {
            DocKind::Problem => &mut self.problems,
            DocKind::Leaflet => &mut self.leaflets,
            DocKind::Technology => &mut self.technologies,
            DocKind::Page => &mut self.pages,
        }
    }

    /// The site-relative URL path of a document, like `/hverdag/leaflets/tryg-om-natten/`.
    pub fn url(&self, kind: DocKind, slug: &str, lang: Option<&str>) -> String {
        let mut url = self.config.base_path.clone();
        if let Some(lang) = lang {
            url.push_str(lang);
            url.push('/');
        }
        let segment = self.config.segment(kind);
        if !segment.is_empty() {
            url.push_str(segment);
            url.push('/');
        }
        url.push_str(slug);
        url.push('/');
        url
    }

    /// The full URL, for the sitemap, canonical links and QR codes.
    pub fn absolute(&self, path: &str) -> String {
        let origin_end = self.config.base_url.len() - self.config.base_path.len();
        format!("{}{}", &self.config.base_url[..origin_end], path)
    }
}
