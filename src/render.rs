//! Model + theme → pages, with Tera. One function per page kind; each returns finished files.

use crate::config::Config;
use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::markdown::Rendered;
use crate::model::{Doc, Site};
use crate::theme::Theme;
use crate::yaml::Date;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use tera::{Context, Tera};

/// One output file, its path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The rendered Markdown of every document, in the same order as the site's vectors.
#[derive(Debug, Default)]
/// Shared (`Arc`) so that the dev server can keep the bodies of unchanged files between rebuilds.
pub struct Bodies {
    pub problems: Vec<Arc<Rendered>>,
    pub leaflets: Vec<Arc<Rendered>>,
    pub technologies: Vec<Arc<Rendered>>,
    pub pages: Vec<Arc<Rendered>>,
    /// In the order of `Site::translations`.
    pub translations: Vec<Arc<Rendered>>,
}

impl Bodies {
    pub fn of_mut(&mut self, kind: DocKind) -> &mut [Arc<Rendered>] {
        match kind {
            DocKind::Problem => &mut self.problems,
            DocKind::Leaflet => &mut self.leaflets,
            DocKind::Technology => &mut self.technologies,
            DocKind::Page => &mut self.pages,
        }
    }

    pub fn of(&self, kind: DocKind) -> &[Arc<Rendered>] {
        match kind {
            DocKind::Problem => &self.problems,
            DocKind::Leaflet => &self.leaflets,
            DocKind::Technology => &self.technologies,
            DocKind::Page => &self.pages,
        }
    }
}

/// The theme's words in one language.
pub type Words = BTreeMap<String, String>;

pub struct Renderer {
    tera: Tera,
    /// Language → the theme's words, for the main language and every translation language.
    words: BTreeMap<String, Words>,
    /// URL of the stylesheet, with a content hash so caches can keep it for a year.
    css_url: String,
    print_css_url: String,
    search_js_url: String,
    assets: Vec<OutFile>,
    /// The theme's name, for the paths in template faults.
    theme: String,
    /// True when the build makes PDFs of the print pages, so the pages link them.
    pub pdf: bool,
}

/// FNV-1a, for cache-busting asset names: stable across runs and platforms.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", h as u32)
}

impl Renderer {
    /// Parses the theme's templates once. Template faults are findings with the template's path.
    pub fn new(theme: &Theme, config: &Config, findings: &mut Vec<Finding>) -> Option<Renderer> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let templates: Vec<(&str, &str)> = theme.templates().collect();
        if let Err(e) = tera.add_raw_templates(templates) {
            findings.push(Finding::error(
                format!("themes/{}/templates", config.theme),
                0,
                0,
                format!("a template has a fault: {}", one_line(&e)),
            ));
            return None;
        }
        let mut words = BTreeMap::new();
        for lang in std::iter::once(&config.language).chain(&config.languages) {
            words.insert(lang.clone(), theme.words(lang, &config.language, findings));
        }
        let mut assets = Vec::new();
        let (mut css_url, mut print_css_url, mut search_js_url) = (String::new(), String::new(), String::new());
        for (name, content) in theme.assets() {
            let url = format!("{}assets/{name}?v={}", config.base_path, short_hash(content.as_bytes()));
            match name {
                "style.css" => css_url = url,
                "print.css" => print_css_url = url,
                "search.js" => search_js_url = url,
                _ => {}
            }
            assets.push(OutFile { path: format!("assets/{name}"), bytes: content.as_bytes().to_vec() });
        }
        Some(Renderer {
            tera,
            words,
            css_url,
            print_css_url,
            search_js_url,
            assets,
            theme: config.theme.clone(),
            pdf: false,
        })
    }

    fn render(&self, tera: &Tera, template: &str, ctx: Value) -> Result<String, Finding> {
        let context = Context::from_serialize(&ctx).map_err(|e| Finding::error("themes", 0, 0, one_line(&e)))?;
        tera.render(template, &context).map_err(|e| {
            let text = one_line(&e);
            let (line, col) = template_position(&text);
            Finding::error(
                format!("themes/{}/templates/{template}", self.theme),
                line,
                col,
                format!("the template could not be filled in: {text}"),
            )
        })
    }
}

/// Line and column from Tera's `--> name:13:27` pointer, if the message has one.
fn template_position(text: &str) -> (usize, usize) {
    text.split_once("--> ")
        .and_then(|(_, rest)| {
            let mut parts = rest.split(':').skip(1);
            let line = parts.next()?.trim().parse().ok()?;
            let col = parts.next()?.split_whitespace().next()?.parse().ok()?;
            Some((line, col))
        })
        .unwrap_or((0, 0))
}

fn one_line(e: &dyn std::fmt::Display) -> String {
    let mut s = e.to_string();
    let mut src = e.to_string();
    if let Some(i) = src.find('\n') {
        src.truncate(i);
    }
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 400 {
        s = src;
    }
    s
}

/// "3. maj 2026" with the theme's words.
pub fn format_date(d: &Date, words: &Words) -> String {
    let month = words.get(&format!("month_{}", d.month)).cloned().unwrap_or_else(|| d.month.to_string());
    words
        .get("date_format")
        .map(String::as_str)
        .unwrap_or("{year}-{month}-{day}")
        .replace("{day}", &d.day.to_string())
        .replace("{month}", &month)
        .replace("{year}", &d.year.to_string())
}

/// A page that exists once per language.
type PageFn = fn(&View) -> Result<OutFile, Finding>;

const KINDS: usize = 4;

fn kind_index(kind: DocKind) -> usize {
    match kind {
        DocKind::Problem => 0,
        DocKind::Leaflet => 1,
        DocKind::Technology => 2,
        DocKind::Page => 3,
    }
}

/// The site as seen in one language: translated documents where they exist, the main
/// language's documents elsewhere (marked with their own `lang`, so screen readers switch voice).
struct View<'a> {
    site: &'a Site,
    r: &'a Renderer,
    bodies: &'a Bodies,
    /// `None` for the main language.
    lang: Option<&'a str>,
    /// The language code of this view.
    code: &'a str,
    words: &'a Words,
    /// The templates, with this language's `site` and `t` in their global context, so that
    /// each page's own context stays small.
    tera: Tera,
    /// Per kind, per main-language index: the index in `site.translations` for this language.
    tr: [Vec<Option<usize>>; KINDS],
    /// Per kind, per main-language index: the languages it is translated into.
    langs_of: &'a [Vec<Vec<&'a str>>; KINDS],
}

impl<'a> View<'a> {
    fn t(&self, key: &str) -> String {
        self.words.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn translation(&self, kind: DocKind, i: usize) -> Option<usize> {
        self.tr[kind_index(kind)].get(i).copied().flatten()
    }

    /// True when this view has the document in its own language.
    fn has(&self, kind: DocKind, i: usize) -> bool {
        self.lang.is_none() || self.translation(kind, i).is_some()
    }

    fn doc(&self, kind: DocKind, i: usize) -> &'a Doc {
        match self.translation(kind, i) {
            Some(t) => &self.site.translations[t],
            None => &self.site.docs(kind)[i],
        }
    }

    fn body(&self, kind: DocKind, i: usize) -> &'a Rendered {
        match self.translation(kind, i) {
            Some(t) => &self.bodies.translations[t],
            None => &self.bodies.of(kind)[i],
        }
    }

    fn url(&self, kind: DocKind, i: usize) -> String {
        let slug = &self.site.docs(kind)[i].slug;
        self.site.url(kind, slug, if self.has(kind, i) { self.lang } else { None })
    }

    fn home_url(&self) -> String {
        home_of(self.site, self.lang)
    }

    /// Links to a page that every language has (home, catalogue, search), `suffix` below the
    /// language's home.
    fn every_language(&self, suffix: &str) -> Vec<Value> {
        let all: Vec<&str> = self.site.config.languages.iter().map(String::as_str).collect();
        self.alternates(&all, |l| format!("{}{suffix}", home_of(self.site, l)))
    }

    fn catalogue_url(&self) -> String {
        format!("{}{}/", self.home_url(), self.site.config.paths.technologies)
    }

    fn dir_of(lang: &str) -> &'static str {
        if Config::is_rtl(lang) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Links to the same page in every language it exists in; empty when there is only one.
    fn alternates(&self, langs: &[&str], url_in: impl Fn(Option<&str>) -> String) -> Vec<Value> {
        if langs.is_empty() {
            return Vec::new();
        }
        let main = self.site.config.language.as_str();
        std::iter::once(main)
            .chain(langs.iter().copied())
            .map(|l| {
                let lang = (l != main).then_some(l);
                json!({
                    "lang": l,
                    "name": self.r.words.get(l).and_then(|w| w.get("language_name")).cloned().unwrap_or_else(|| l.to_string()),
                    "url": url_in(lang),
                    "absolute": self.site.absolute(&url_in(lang)),
                    "current": l == self.code,
                    "dir": Self::dir_of(l),
                })
            })
            .collect()
    }

    fn doc_alternates(&self, kind: DocKind, i: usize, suffix: &str) -> Vec<Value> {
        let slug = &self.site.docs(kind)[i].slug;
        self.alternates(&self.langs_of[kind_index(kind)][i], |l| format!("{}{suffix}", self.site.url(kind, slug, l)))
    }
}

/// The home page's address in a language (`None`: the main language).
fn home_of(site: &Site, lang: Option<&str>) -> String {
    match lang {
        Some(l) => format!("{}{l}/", site.config.base_path),
        None => site.config.base_path.clone(),
    }
}

/// The facts of a leaflet that its web page and its print pages both show.
fn leaflet_facts(v: &View, i: usize) -> Value {
    let doc = v.doc(DocKind::Leaflet, i);
    // A translation may have been reviewed later than its original.
    let reviewed = v.site.leaflets[i].meta.reviewed.max(doc.meta.reviewed);
    json!({
        "title": doc.meta.title,
        "summary": doc.meta.summary,
        "html": v.body(DocKind::Leaflet, i).html,
        "reviewed": reviewed.map(|d| format_date(&d, v.words)),
        "reviewed_iso": reviewed.map(|d| d.iso()),
    })
}

/// Renders every page of the site, in every language.
pub fn render_site(site: &Site, bodies: &Bodies, r: &Renderer) -> Result<Vec<OutFile>, Vec<Finding>> {
    render_pages(site, bodies, r, None)
}

/// Which pages to render again after a change (the dev server's incremental rebuilds).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub home: bool,
    pub catalogue: bool,
    pub search_page: bool,
    pub sitemap: bool,
    pub search_index: bool,
    /// (kind, index in the main language): the page in every language, and a leaflet's print pages.
    pub docs: HashSet<(DocKind, usize)>,
    /// Problems whose print bundles to render.
    pub bundles: HashSet<usize>,
}

/// Renders the pages `only` asks for, or every page (and the theme's assets) when it is `None`.
pub fn render_pages(
    site: &Site,
    bodies: &Bodies,
    r: &Renderer,
    only: Option<&Selection>,
) -> Result<Vec<OutFile>, Vec<Finding>> {
    let collected = std::sync::Mutex::new(Vec::new());
    render_pages_to(site, bodies, r, only, &|f| {
        collected.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        Ok(())
    })?;
    Ok(collected.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// Where rendered files go as soon as they are made (a staging folder, or a list).
pub type Sink<'s> = dyn Fn(OutFile) -> Result<(), Finding> + Sync + 's;

/// Renders like [`render_pages`], handing each file to `sink` as soon as it is made, so a big
/// site's pages are never all in memory at once.
pub fn render_pages_to(
    site: &Site,
    bodies: &Bodies,
    r: &Renderer,
    only: Option<&Selection>,
    sink: &Sink,
) -> Result<(), Vec<Finding>> {
    let cfg = &site.config;
    // Which documents are translated into which language.
    let mut tr_index: BTreeMap<(usize, &str, &str), usize> = BTreeMap::new();
    for (ti, t) in site.translations.iter().enumerate() {
        if let Some(l) = t.lang.as_deref() {
            tr_index.insert((kind_index(t.kind), t.slug.as_str(), l), ti);
        }
    }
    let mut langs_of: [Vec<Vec<&str>>; KINDS] = Default::default();
    for kind in DocKind::ALL {
        langs_of[kind_index(kind)] = site
            .docs(kind)
            .iter()
            .map(|d| {
                cfg.languages
                    .iter()
                    .map(String::as_str)
                    .filter(|l| tr_index.contains_key(&(kind_index(kind), d.slug.as_str(), *l)))
                    .collect()
            })
            .collect();
    }
    let empty = Words::new();
    let views: Vec<View> = std::iter::once(None)
        .chain(cfg.languages.iter().map(|l| Some(l.as_str())))
        .map(|lang| {
            let code = lang.unwrap_or(cfg.language.as_str());
            let mut tr: [Vec<Option<usize>>; KINDS] = Default::default();
            if let Some(l) = lang {
                for kind in DocKind::ALL {
                    tr[kind_index(kind)] = site
                        .docs(kind)
                        .iter()
                        .map(|d| tr_index.get(&(kind_index(kind), d.slug.as_str(), l)).copied())
                        .collect();
                }
            }
            let mut view = View {
                site,
                r,
                bodies,
                lang,
                code,
                words: r.words.get(code).unwrap_or(&empty),
                tera: r.tera.clone(),
                tr,
                langs_of: &langs_of,
            };
            let base = base_context(&view);
            let global = view.tera.global_context();
            global.insert("site", &base["site"]);
            global.insert("t", view.words);
            view
        })
        .collect();

    let mut files: Vec<Result<(), Finding>> = Vec::new();
    let put = |f: Result<OutFile, Finding>| f.and_then(sink);
    let all = only.is_none();
    let sel = only.cloned().unwrap_or_default();
    let want = |flag: bool| all || flag;
    let wants_doc = |kind: DocKind, i: usize| all || sel.docs.contains(&(kind, i));
    let wants_bundle = |i: usize| all || sel.bundles.contains(&i);
    if all {
        let singles: [PageFn; 2] = [not_found, sitemap];
        files.par_extend(singles.par_iter().map(|job| put(job(&views[0]))));
    } else if sel.sitemap {
        files.push(put(sitemap(&views[0])));
    }
    for v in &views {
        if want(sel.search_index) {
            files.extend(search_index(v).into_iter().map(|f| put(Ok(f))));
        }
        let per_language: Vec<PageFn> =
            [(want(sel.home), home as PageFn), (want(sel.catalogue), catalogue), (want(sel.search_page), search_page)]
                .into_iter()
                .filter_map(|(w, f)| w.then_some(f))
                .collect();
        files.par_extend(per_language.par_iter().map(|job| put(job(v))));
        let pick = |kind: DocKind| {
            (0..site.docs(kind).len()).into_par_iter().filter(move |&i| v.has(kind, i) && wants_doc(kind, i))
        };
        files.par_extend(pick(DocKind::Problem).map(|i| put(problem(v, i))));
        files.par_extend(
            (0..site.problems.len())
                .into_par_iter()
                .filter(|&i| v.has(DocKind::Problem, i) && wants_bundle(i))
                .map(|i| put(problem_print(v, i))),
        );
        files.par_extend(pick(DocKind::Leaflet).map(|i| put(leaflet(v, i))));
        files.par_extend(pick(DocKind::Leaflet).map(|i| put(leaflet_print(v, i, false))));
        files.par_extend(pick(DocKind::Leaflet).map(|i| put(leaflet_print(v, i, true))));
        files.par_extend(pick(DocKind::Technology).map(|i| put(technology(v, i))));
        files.par_extend(pick(DocKind::Page).map(|i| put(page(v, i))));
    }

    let mut errors = Vec::new();
    if all {
        for a in &r.assets {
            if let Err(e) = sink(a.clone()) {
                errors.push(e);
            }
        }
    }
    for f in files {
        if let Err(e) = f {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What every page of one language knows about the site.
fn base_context(v: &View) -> Value {
    let site = v.site;
    let cfg = &site.config;
    let find_page = |slug: &str| site.pages.iter().position(|p| p.slug == slug).map(|i| v.url(DocKind::Page, i));
    let a11y_url = cfg.accessibility_statement.clone().or_else(|| find_page("tilgaengelighed"));
    json!({
        "site": {
            "title": cfg.title,
            "base_url": cfg.base_url,
            "base_path": cfg.base_path,
            "language": cfg.language,
            "contact": cfg.contact,
            "has_contact": !(cfg.contact.name.is_empty() && cfg.contact.phone.is_empty() && cfg.contact.email.is_empty()),
            "accessibility_url": a11y_url,
            "about_url": find_page("om"),
            "home_url": v.home_url(),
            "catalogue_url": v.catalogue_url(),
            "search_url": format!("{}search/", v.home_url()),
            "css_url": v.r.css_url,
            "print_css_url": v.r.print_css_url,
            "page_size": cfg.page_size,
            "pdf": v.r.pdf,
        },
        "t": v.words,
    })
}

fn index_path(url: &str, base_path: &str) -> String {
    let rel = url.strip_prefix(base_path).unwrap_or(url.trim_start_matches('/'));
    format!("{rel}index.html")
}

fn page_info(v: &View, title: &str, description: &str, url: &str, crumbs: Vec<(String, String)>) -> Value {
    json!({
        "title": title,
        "description": description,
        "url": url,
        "canonical": v.site.absolute(url),
        "lang": v.code,
        "dir": View::dir_of(v.code),
        "breadcrumbs": crumbs.into_iter().map(|(t, u)| json!({"title": t, "url": u})).collect::<Vec<_>>(),
        "alternates": [],
    })
}

/// A link card; one shown in another language than the page carries its own `lang` and `dir`.
fn card(v: &View, kind: DocKind, i: usize) -> Value {
    let doc = v.doc(kind, i);
    let other = doc.lang.as_deref().unwrap_or(v.site.config.language.as_str());
    let foreign = (other != v.code).then_some(other);
    json!({
        "title": doc.meta.title,
        "summary": doc.meta.summary,
        "url": v.url(kind, i),
        "slug": doc.slug,
        "lang": foreign,
        "dir": foreign.map(View::dir_of),
    })
}

fn cards(v: &View, kind: DocKind, idx: &[usize]) -> Vec<Value> {
    let mut idx = idx.to_vec();
    if kind != DocKind::Problem {
        idx.sort_by_cached_key(|&i| crate::model::sort_key(&v.doc(kind, i).meta.title));
    }
    idx.into_iter().map(|i| card(v, kind, i)).collect()
}

fn home_crumb(v: &View) -> (String, String) {
    (v.t("home"), v.home_url())
}

fn out(v: &View, url: &str, template: &str, ctx: Value) -> Result<OutFile, Finding> {
    let html = v.r.render(&v.tera, template, ctx)?;
    Ok(OutFile { path: index_path(url, &v.site.config.base_path), bytes: html.into_bytes() })
}

fn home(v: &View) -> Result<OutFile, Finding> {
    let site = v.site;
    let problems: Vec<Value> = (0..site.problems.len())
        .map(|i| {
            let mut c = card(v, DocKind::Problem, i);
            c["count"] = json!(site.links.problem_leaflets[i].len());
            c
        })
        .collect();
    // The newest leaflets this language has (all of them in the main language).
    let mut newest: Vec<usize> = (0..site.leaflets.len()).filter(|&i| v.has(DocKind::Leaflet, i)).collect();
    newest.sort_by(|&a, &b| {
        let (da, db) = (&site.leaflets[a], &site.leaflets[b]);
        db.meta.reviewed.cmp(&da.meta.reviewed).then_with(|| da.slug.cmp(&db.slug))
    });
    let newest: Vec<Value> = newest.into_iter().take(6).map(|i| card(v, DocKind::Leaflet, i)).collect();
    let url = v.home_url();
    let mut page = page_info(v, &site.config.title, &v.t("home_intro"), &url, vec![]);
    page["alternates"] = json!(v.every_language(""));
    let ctx = json!({ "page": page, "problems": problems, "newest": newest });
    out(v, &url, "home.html", ctx)
}

fn problem(v: &View, i: usize) -> Result<OutFile, Finding> {
    let site = v.site;
    let doc = v.doc(DocKind::Problem, i);
    let url = v.url(DocKind::Problem, i);
    let mut page = page_info(v, &doc.meta.title, &doc.meta.summary, &url, vec![home_crumb(v)]);
    page["alternates"] = json!(v.doc_alternates(DocKind::Problem, i, ""));
    let ctx = json!({
        "page": page,
        "problem": {
            "title": doc.meta.title,
            "summary": doc.meta.summary,
            "html": v.body(DocKind::Problem, i).html,
            "print_url": format!("{url}print/"),
        },
        "leaflets": cards(v, DocKind::Leaflet, &site.links.problem_leaflets[i]),
        "technologies": cards(v, DocKind::Technology, &site.links.problem_technologies[i]),
    });
    out(v, &url, "problem.html", ctx)
}

fn leaflet(v: &View, i: usize) -> Result<OutFile, Finding> {
    let site = v.site;
    let doc = v.doc(DocKind::Leaflet, i);
    let url = v.url(DocKind::Leaflet, i);
    let problems = &site.links.leaflet_problems[i];
    // At most nine from each problem: the list shows eight, and a big site's problems hold
    // thousands of leaflets.
    let mut related: Vec<usize> = problems
        .iter()
        .flat_map(|&p| site.links.problem_leaflets[p].iter().copied().filter(|&j| j != i).take(9))
        .collect();
    related.sort_unstable();
    related.dedup();
    related.truncate(8);
    let crumbs = match problems.first() {
        Some(&p) => vec![home_crumb(v), (v.doc(DocKind::Problem, p).meta.title.clone(), v.url(DocKind::Problem, p))],
        None => vec![home_crumb(v)],
    };
    let audience: Vec<String> = site.leaflets[i].meta.audience.iter().map(|a| v.t(&format!("audience_{a}"))).collect();
    let consent = site.links.leaflet_technologies[i].iter().any(|&t| site.technologies[t].meta.consent);
    let mut page = page_info(v, &doc.meta.title, &doc.meta.summary, &url, crumbs);
    page["alternates"] = json!(v.doc_alternates(DocKind::Leaflet, i, ""));
    let mut facts = leaflet_facts(v, i);
    facts["audience"] = json!(audience);
    facts["consent"] = json!(consent);
    facts["print_url"] = json!(format!("{url}print/"));
    facts["print_large_url"] = json!(format!("{url}print-large/"));
    facts["pdf_url"] = json!(format!("{url}print/{}.pdf", doc.slug));
    facts["pdf_large_url"] = json!(format!("{url}print-large/{}-stor-skrift.pdf", doc.slug));
    facts["pdf_booklet_url"] =
        json!((site.config.page_size == "A5").then(|| format!("{url}print/{}-haefte-a4.pdf", doc.slug)));
    let ctx = json!({
        "page": page,
        "leaflet": facts,
        "problems": cards(v, DocKind::Problem, problems),
        "technologies": cards(v, DocKind::Technology, &site.links.leaflet_technologies[i]),
        "related": cards(v, DocKind::Leaflet, &related),
    });
    out(v, &url, "leaflet.html", ctx)
}

fn catalogue(v: &View) -> Result<OutFile, Finding> {
    let site = v.site;
    let url = v.catalogue_url();
    let categories: Vec<Value> = site
        .categories
        .iter()
        .enumerate()
        .filter(|(ci, _)| !site.links.category_technologies[*ci].is_empty())
        .map(|(ci, c)| {
            json!({
                "id": c.id,
                "title": c.title,
                "summary": c.summary,
                "technologies": cards(v, DocKind::Technology, &site.links.category_technologies[ci]),
            })
        })
        .collect();
    let mut page = page_info(v, &v.t("catalogue_title"), &v.t("catalogue_intro"), &url, vec![home_crumb(v)]);
    page["alternates"] = json!(v.every_language(&format!("{}/", site.config.paths.technologies)));
    // Category names are in the main language until categories can be translated.
    let ctx = json!({ "page": page, "categories": categories, "categories_lang": site.config.language });
    out(v, &url, "catalogue.html", ctx)
}

fn technology(v: &View, i: usize) -> Result<OutFile, Finding> {
    let site = v.site;
    let doc = v.doc(DocKind::Technology, i);
    let meta = &site.technologies[i].meta;
    let url = v.url(DocKind::Technology, i);
    let catalogue_url = v.catalogue_url();
    let category = site.links.technology_category[i].map(|c| {
        let c = &site.categories[c];
        json!({"title": c.title, "url": format!("{catalogue_url}#{}", c.id)})
    });
    let how: Vec<Value> = meta
        .how_to_get
        .iter()
        .map(|h| json!({"id": h, "title": v.t(&format!("how_{h}")), "text": v.t(&format!("how_{h}_text"))}))
        .collect();
    let requires: Vec<String> = meta.requires.iter().map(|r| v.t(&format!("requires_{r}"))).collect();
    let mut page = page_info(
        v,
        &doc.meta.title,
        &doc.meta.summary,
        &url,
        vec![home_crumb(v), (v.t("catalogue_title"), catalogue_url.clone())],
    );
    page["alternates"] = json!(v.doc_alternates(DocKind::Technology, i, ""));
    let ctx = json!({
        "page": page,
        "technology": {
            "title": doc.meta.title,
            "summary": doc.meta.summary,
            "html": v.body(DocKind::Technology, i).html,
            "examples": if doc.meta.examples.is_empty() { &meta.examples } else { &doc.meta.examples },
            "how_to_get": how,
            "price": meta.price_band.as_ref().map(|p| v.t(&format!("price_{p}"))),
            "requires": requires,
            "consent": meta.consent,
            "category": category,
        },
        "problems": cards(v, DocKind::Problem, &site.links.technology_problems[i]),
        "leaflets": cards(v, DocKind::Leaflet, &site.links.technology_leaflets[i]),
    });
    out(v, &url, "technology.html", ctx)
}

fn page(v: &View, i: usize) -> Result<OutFile, Finding> {
    let doc = v.doc(DocKind::Page, i);
    let url = v.url(DocKind::Page, i);
    let mut page = page_info(v, &doc.meta.title, &doc.meta.summary, &url, vec![home_crumb(v)]);
    page["alternates"] = json!(v.doc_alternates(DocKind::Page, i, ""));
    let ctx = json!({
        "page": page,
        "doc": { "title": doc.meta.title, "summary": doc.meta.summary, "html": v.body(DocKind::Page, i).html },
    });
    out(v, &url, "page.html", ctx)
}

fn not_found(v: &View) -> Result<OutFile, Finding> {
    let url = format!("{}404.html", v.site.config.base_path);
    let ctx = json!({ "page": page_info(v, &v.t("not_found_title"), &v.t("not_found_text"), &url, vec![]) });
    let html = v.r.render(&v.tera, "404.html", ctx)?;
    Ok(OutFile { path: "404.html".into(), bytes: html.into_bytes() })
}

fn sitemap(v: &View) -> Result<OutFile, Finding> {
    let site = v.site;
    let cfg = &site.config;
    let mut urls: Vec<Value> = Vec::new();
    for lang in std::iter::once(None).chain(cfg.languages.iter().map(|l| Some(l.as_str()))) {
        let home = home_of(site, lang);
        urls.push(json!({"loc": site.absolute(&home)}));
        urls.push(json!({"loc": site.absolute(&format!("{home}{}/", cfg.paths.technologies))}));
        urls.push(json!({"loc": site.absolute(&format!("{home}search/"))}));
    }
    for kind in DocKind::ALL {
        for d in site.docs(kind).iter().chain(site.translations.iter().filter(|t| t.kind == kind)) {
            urls.push(json!({
                "loc": site.absolute(&site.url(kind, &d.slug, d.lang.as_deref())),
                "lastmod": d.meta.reviewed.map(|r| r.iso()),
            }));
        }
    }
    let xml = v.r.render(&v.tera, "sitemap.xml", json!({ "urls": urls }))?;
    Ok(OutFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() })
}

/// The extra page facts of a print page: which web page it prints, the QR code, the paper size.
fn print_info(v: &View, title: &str, description: &str, web_url: &str, large: bool) -> Value {
    let mut info = page_info(
        v,
        title,
        description,
        &format!("{web_url}{}", if large { "print-large/" } else { "print/" }),
        vec![],
    );
    let canonical = v.site.absolute(web_url);
    let label = format!("{}: {canonical}", v.t("print_scan"));
    info["web_url"] = json!(web_url);
    info["web_canonical"] = json!(canonical);
    info["qr"] = json!(crate::qr::svg(&canonical, &label).unwrap_or_default());
    info["large"] = json!(large);
    info["page_size"] = json!(if large { "A4" } else { v.site.config.page_size.as_str() });
    info
}

fn leaflet_print(v: &View, i: usize, large: bool) -> Result<OutFile, Finding> {
    let doc = v.doc(DocKind::Leaflet, i);
    let web = v.url(DocKind::Leaflet, i);
    let page = print_info(v, &doc.meta.title, &doc.meta.summary, &web, large);
    let url = page["url"].as_str().unwrap_or_default().to_string();
    let ctx = json!({ "page": page, "leaflet": leaflet_facts(v, i) });
    out(v, &url, "leaflet-print.html", ctx)
}

/// A leaflet's HTML moved one heading level down and its ids prefixed, so that many leaflets
/// can share one bundle page without clashing ids or a broken heading order.
pub fn nest_html(html: &str, prefix: &str) -> String {
    let mut s = html.to_string();
    for level in (2..=5).rev() {
        s = s
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    s.replace(" id=\"", &format!(" id=\"{prefix}-")).replace(" href=\"#", &format!(" href=\"#{prefix}-"))
}

/// The print bundle of a problem: the leaflets this language has.
fn problem_print(v: &View, i: usize) -> Result<OutFile, Finding> {
    let site = v.site;
    let doc = v.doc(DocKind::Problem, i);
    let web = v.url(DocKind::Problem, i);
    let page = print_info(v, &doc.meta.title, &doc.meta.summary, &web, false);
    let url = page["url"].as_str().unwrap_or_default().to_string();
    let mut idx: Vec<usize> =
        site.links.problem_leaflets[i].iter().copied().filter(|&l| v.has(DocKind::Leaflet, l)).collect();
    idx.sort_by_cached_key(|&l| crate::model::sort_key(&v.doc(DocKind::Leaflet, l).meta.title));
    let leaflets: Vec<Value> = idx
        .iter()
        .map(|&l| {
            let d = v.doc(DocKind::Leaflet, l);
            json!({
                "slug": d.slug,
                "title": d.meta.title,
                "summary": d.meta.summary,
                "html": nest_html(&v.body(DocKind::Leaflet, l).html, &d.slug),
                "canonical": site.absolute(&v.url(DocKind::Leaflet, l)),
            })
        })
        .collect();
    let ctx = json!({
        "page": page,
        "problem": { "title": doc.meta.title, "summary": doc.meta.summary },
        "leaflets": leaflets,
    });
    out(v, &url, "problem-print.html", ctx)
}

/// The search index of one language, under `<language home>search/index/`.
fn search_index(v: &View) -> Vec<OutFile> {
    let site = v.site;
    let home_rel = v.home_url().strip_prefix(&site.config.base_path).unwrap_or_default().to_string();
    let synonyms_of = |problems: &[usize]| -> Vec<String> {
        if v.lang.is_some() {
            return Vec::new(); // synonyms are words of the main language
        }
        site.config
            .synonyms
            .iter()
            .filter(|s| s.problems.iter().any(|p| problems.iter().any(|&i| site.problems[i].slug == p.text)))
            .map(|s| s.word.clone())
            .collect()
    };
    let mut entries = Vec::new();
    let problem_titles =
        |ps: &[usize]| ps.iter().map(|&p| v.doc(DocKind::Problem, p).meta.title.clone()).collect::<Vec<_>>();
    for i in (0..site.leaflets.len()).filter(|&i| v.has(DocKind::Leaflet, i)) {
        let d = v.doc(DocKind::Leaflet, i);
        let ps = &site.links.leaflet_problems[i];
        entries.push(crate::search::Entry {
            title: d.meta.title.clone(),
            url: v.url(DocKind::Leaflet, i),
            label: format!("{} · {}", v.t("search_kind_leaflet"), problem_titles(ps).join(", ")),
            snippet: d.meta.summary.clone(),
            summary: d.meta.summary.clone(),
            body: v.body(DocKind::Leaflet, i).text.clone(),
            extra: synonyms_of(ps),
        });
    }
    for i in (0..site.problems.len()).filter(|&i| v.has(DocKind::Problem, i)) {
        let d = v.doc(DocKind::Problem, i);
        entries.push(crate::search::Entry {
            title: d.meta.title.clone(),
            url: v.url(DocKind::Problem, i),
            label: v.t("search_kind_problem"),
            snippet: d.meta.summary.clone(),
            summary: d.meta.summary.clone(),
            body: v.body(DocKind::Problem, i).text.clone(),
            // Twice: a reader's own word for a problem should find the problem's page first.
            extra: synonyms_of(&[i]).iter().flat_map(|w| [w.clone(), w.clone()]).collect(),
        });
    }
    for i in (0..site.technologies.len()).filter(|&i| v.has(DocKind::Technology, i)) {
        let d = v.doc(DocKind::Technology, i);
        let ps = &site.links.technology_problems[i];
        let mut body = v.body(DocKind::Technology, i).text.clone();
        body.push(' ');
        body.push_str(&site.technologies[i].meta.examples.join(" "));
        entries.push(crate::search::Entry {
            title: d.meta.title.clone(),
            url: v.url(DocKind::Technology, i),
            label: format!("{} · {}", v.t("search_kind_technology"), problem_titles(ps).join(", ")),
            snippet: d.meta.summary.clone(),
            summary: d.meta.summary.clone(),
            body,
            extra: synonyms_of(ps),
        });
    }
    crate::search::build(v.code, &format!("{home_rel}search/index/"), &entries)
}

/// The search page: with JavaScript it searches the index; without, it lists every leaflet A–Z.
fn search_page(v: &View) -> Result<OutFile, Finding> {
    let site = v.site;
    let url = format!("{}search/", v.home_url());
    let all: Vec<usize> = (0..site.leaflets.len()).collect();
    let techs: Vec<usize> = (0..site.technologies.len()).collect();
    let mut page = page_info(v, &v.t("search_title"), &v.t("search_intro"), &url, vec![home_crumb(v)]);
    page["alternates"] = json!(v.every_language("search/"));
    let ctx = json!({
        "page": page,
        "search": {
            "index_url": format!("{url}index/"),
            "script_url": v.r.search_js_url,
        },
        "leaflets": cards(v, DocKind::Leaflet, &all),
        "technologies": cards(v, DocKind::Technology, &techs),
    });
    out(v, &url, "search.html", ctx)
}
