//! Runs the stages in order: settings, content, front matter, model, Markdown, checks, pages, output.

use crate::config::{self, Config};
use crate::diagnostics::{self, Finding, Severity};
use crate::frontmatter::{self, DocKind};
use crate::load;
use crate::markdown::{self, LinkMap};
use crate::model::{self, Doc, Site};
use crate::render::{self, Bodies, OutFile, Renderer};
use crate::theme::Theme;
use crate::write;
use crate::yaml::{Date, Source};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The date freshness is measured against; `None` means today.
    pub today: Option<Date>,
    /// `build --pdf`: also render the print pages to PDF with headless Chromium.
    pub pdf: Option<crate::pdf::PdfOptions>,
}

/// What a run found and made.
#[derive(Debug, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub site: Option<Site>,
    pub bodies: Bodies,
    pub theme: Theme,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.findings)
    }
}

/// The settings, theme and categories: what every page depends on.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub theme: Theme,
    pub categories: Vec<model::Category>,
    /// Faults found while reading them.
    pub findings: Vec<Finding>,
}

/// One content file, read and with its front matter checked, and what was found in it.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub doc: Doc,
    pub findings: Vec<Finding>,
}

/// Reads `site.yaml`, the theme and the categories. `Err` when the site cannot be built at all.
pub fn load_settings(opts: &Options) -> Result<Settings, Vec<Finding>> {
    let root = &opts.root;
    let mut findings = Vec::new();
    let Some(mut config) = config::load(root, &mut findings) else {
        diagnostics::sort(&mut findings);
        return Err(findings);
    };
    if let Some(url) = &opts.base_url {
        if let Err(msg) = config.set_base_url(url) {
            findings.push(Finding::error("--base-url", 0, 0, msg.replace("`base_url`", "--base-url")));
        }
    }
    let theme = Theme::load(root, &config.theme, &mut findings);
    let categories = model::load_categories(root, &mut findings);
    Ok(Settings { config, theme, categories, findings })
}

/// Reads and checks everything, without writing anything.
pub fn analyse(opts: &Options) -> Analysis {
    let settings = match load_settings(opts) {
        Ok(s) => s,
        Err(findings) => return Analysis { findings, ..Analysis::default() },
    };
    let mut findings = settings.findings.clone();
    let files = load::discover(&opts.root, &mut findings);
    let parsed: Vec<Result<Parsed, Finding>> = files
        .par_iter()
        .map(|(kind, path)| parse_file(&opts.root, &settings.config, opts.drafts, *kind, path))
        .collect();
    let mut docs = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok(mut p) => {
                findings.append(&mut p.findings);
                docs.push(p.doc);
            }
            Err(f) => findings.push(f),
        }
    }
    let site = model::build(settings.config, settings.categories, docs, opts.drafts, &mut findings);
    let bodies = render_bodies(&site, &mut |_, _| None);
    crate::check::run(&site, &bodies, opts.today.unwrap_or_else(Date::today), &opts.root, &mut findings);
    diagnostics::sort(&mut findings);
    Analysis { findings, site: Some(site), bodies, theme: settings.theme }
}

/// The closing line of `pjece check`: pages, errors, warnings, and the leaflets' readability.
pub fn check_summary(analysis: &Analysis) -> String {
    let mut line = String::new();
    if let Some(site) = &analysis.site {
        let pages = DocKind::ALL.iter().map(|k| site.docs(*k).len()).sum::<usize>() + site.translations.len();
        line.push_str(&format!("Checked {pages} files: "));
        line.push_str(&diagnostics::summary(&analysis.findings));
        let scores: Vec<(f64, &str)> = site
            .leaflets
            .iter()
            .zip(&analysis.bodies.leaflets)
            .map(|(d, b)| (crate::check::readability::lix(&b.text).score, d.rel_path.as_str()))
            .collect();
        if let Some(worst) = scores.iter().max_by(|a, b| a.0.total_cmp(&b.0)) {
            let average = scores.iter().map(|s| s.0).sum::<f64>() / scores.len() as f64;
            line.push_str(&format!(
                ". LIX of the leaflets: average {average:.0}, hardest {:.0} ({})",
                worst.0, worst.1
            ));
        }
        line.push('.');
    } else {
        line.push_str(&diagnostics::summary(&analysis.findings));
    }
    line
}

/// Reads one content file and checks its front matter.
pub fn parse_file(root: &Path, config: &Config, drafts: bool, kind: DocKind, path: &Path) -> Result<Parsed, Finding> {
    let raw = load::read(root, kind, path, &config.languages)?;
    let mut local = Vec::new();
    let src = Source {
        path: &raw.rel_path,
        first_line: raw.front_line,
        what: raw.kind.what(),
        anchor_line: 1,
        place: crate::yaml::FRONT_MATTER,
    };
    let meta = match raw.lang {
        Some(_) => frontmatter::parse_with(&frontmatter::translation_specs(raw.kind), &raw.front, &src, &mut local),
        None => frontmatter::parse(raw.kind, &raw.front, &src, &mut local),
    };
    if meta.draft && !drafts {
        // A draft's faults must not stop the rest of the site from being published.
        for f in &mut local {
            f.severity = Severity::Warning;
            f.message.push_str(" (This file is a draft, so it is left out of the site.)");
        }
    }
    let doc = Doc {
        kind: raw.kind,
        slug: raw.slug,
        lang: raw.lang,
        rel_path: raw.rel_path,
        meta,
        front: raw.front,
        front_line: raw.front_line,
        body: raw.body,
        body_line: raw.body_line,
    };
    Ok(Parsed { doc, findings: local })
}

/// Where every content file is published, for links written as file names.
pub fn link_map(site: &Site) -> LinkMap {
    let mut map = LinkMap { base_path: site.config.base_path.clone(), ..LinkMap::default() };
    // Leaflets first: a bare `x.md` means the leaflet when two kinds share a name.
    for kind in [DocKind::Leaflet, DocKind::Technology, DocKind::Problem, DocKind::Page] {
        for d in site.docs(kind).iter().chain(site.translations.iter().filter(|t| t.kind == kind)) {
            let url = site.url(kind, &d.slug, d.lang.as_deref());
            let content_rel = d.rel_path.strip_prefix("content/").unwrap_or(&d.rel_path).to_string();
            let name = content_rel.rsplit('/').next().unwrap_or(&content_rel).to_string();
            // Both the real file name (`hjælp.md`) and the slug's (`hjaelp.md`) lead to the page.
            let slug_name = match &d.lang {
                Some(lang) => format!("{}.{lang}.md", d.slug),
                None => format!("{}.md", d.slug),
            };
            map.by_name.entry(name).or_insert_with(|| url.clone());
            map.by_name.entry(slug_name.clone()).or_insert_with(|| url.clone());
            map.by_path.insert(format!("{}/{slug_name}", kind.folder()), url.clone());
            map.by_path.insert(content_rel, url);
        }
    }
    map
}

/// The link map seen from a translation into `lang`: `x.md` leads to the translation of `x`
/// where there is one, else to the original.
pub fn link_map_for(site: &Site, main: &LinkMap, lang: &str) -> LinkMap {
    let mut map = main.clone();
    for t in site.translations.iter().filter(|t| t.lang.as_deref() == Some(lang)) {
        let url = site.url(t.kind, &t.slug, Some(lang));
        let original = site.docs(t.kind).iter().find(|d| d.slug == t.slug);
        let mut names = vec![format!("{}.md", t.slug)];
        if let Some(o) = original {
            names.extend(o.rel_path.rsplit('/').next().map(str::to_string));
        }
        for name in names {
            if map.by_name.get(&name) == original.map(|o| site.url(o.kind, &o.slug, None)).as_ref() {
                map.by_name.insert(name.clone(), url.clone());
            }
            map.by_path.insert(format!("{}/{name}", t.kind.folder()), url.clone());
        }
    }
    map
}

/// A body's rendering from an earlier build, if the body and its links are the same.
pub type BodyCache<'c> = dyn FnMut(&Doc, &LinkMap) -> Option<Arc<markdown::Rendered>> + 'c;

/// Renders every body to HTML, in parallel; `cached` may hand back earlier renderings.
pub fn render_bodies(site: &Site, cached: &mut BodyCache) -> Bodies {
    let map = link_map(site);
    let lang = &site.config.language;
    let maps: std::collections::HashMap<&str, LinkMap> =
        site.config.languages.iter().map(|l| (l.as_str(), link_map_for(site, &map, l))).collect();
    let map_of = |d: &Doc| d.lang.as_deref().and_then(|l| maps.get(l)).unwrap_or(&map);
    let mut go = |docs: &[Doc]| -> Vec<Arc<markdown::Rendered>> {
        let known: Vec<Option<Arc<markdown::Rendered>>> = docs.iter().map(|d| cached(d, map_of(d))).collect();
        docs.par_iter()
            .zip(known)
            .map(|(d, known)| {
                known.unwrap_or_else(|| {
                    let from = d.rel_path.strip_prefix("content/").unwrap_or(&d.rel_path);
                    Arc::new(markdown::render(&d.body, from, d.body_line, d.lang.as_deref().unwrap_or(lang), map_of(d)))
                })
            })
            .collect()
    };
    Bodies {
        problems: go(&site.problems),
        leaflets: go(&site.leaflets),
        technologies: go(&site.technologies),
        pages: go(&site.pages),
        translations: go(&site.translations),
    }
}

/// The result of `pjece build`.
#[derive(Debug)]
pub struct BuildReport {
    pub findings: Vec<Finding>,
    /// Pages written; `None` when the build stopped before writing.
    pub written: Option<usize>,
    pub out: PathBuf,
}

/// `pjece build`: analyse, render, and swap the output into place, or leave the old output alone.
pub fn build(opts: &Options) -> BuildReport {
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    let mut analysis = analyse(opts);
    if analysis.has_errors() {
        return BuildReport { findings: analysis.findings, written: None, out };
    }
    // The fault of a write is in the option the editor gave (or in the default public/ folder).
    let place = if opts.out.is_some() { "--out".to_string() } else { load::rel(&opts.root, &out) };
    let failed = |mut findings: Vec<Finding>, e: write::WriteError| {
        let at = match &e {
            write::WriteError::StaticInTheWay(rel) => format!("static/{rel}"),
            _ => place.clone(),
        };
        findings.push(Finding::error(at, 0, 0, e.to_string()));
        diagnostics::sort(&mut findings);
        BuildReport { findings, written: None, out: out.clone() }
    };
    let Some(site) = analysis.site.as_ref() else {
        return BuildReport { findings: analysis.findings, written: None, out };
    };
    let Some(mut renderer) = Renderer::new(&analysis.theme, &site.config, &mut analysis.findings) else {
        return BuildReport { findings: analysis.findings, written: None, out };
    };
    renderer.pdf = opts.pdf.is_some();
    let mut findings = std::mem::take(&mut analysis.findings);
    let staging = match write::Staging::begin(&opts.root, &out, &opts.root.join("static")) {
        Ok(s) => s,
        Err(e) => return failed(findings, e),
    };
    // Pages go to the staging folder as they are made, so memory does not grow with the site;
    // PDFs need the print pages' text, so those are kept when --pdf is given.
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let kept = std::sync::Mutex::new(Vec::new());
    let write_error = std::sync::Mutex::new(None);
    let sink = |f: OutFile| {
        if f.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if let Err(e) = staging.write(&f) {
            let message = e.to_string();
            write_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
            return Err(Finding::error(place.clone(), 0, 0, message));
        }
        if opts.pdf.is_some() && crate::pdf::is_print_page(&f.path) {
            kept.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        }
        Ok(())
    };
    if let Err(mut errs) = render::render_pages_to(site, &analysis.bodies, &renderer, None, &sink) {
        if let Some(e) = write_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return failed(findings, e);
        }
        findings.append(&mut errs);
        diagnostics::sort(&mut findings);
        return BuildReport { findings, written: None, out };
    }
    if let Some(pdf) = &opts.pdf {
        let print_pages = kept.into_inner().unwrap_or_else(|p| p.into_inner());
        let pdf = pdf.for_site(&opts.root, &site.config.base_path);
        if let Err(e) = crate::pdf::render(staging.path(), &print_pages, &pdf) {
            return failed(findings, write::WriteError::Pdf(e));
        }
    }
    match staging.commit() {
        Ok(()) => BuildReport { findings, written: Some(pages.into_inner()), out },
        Err(e) => failed(findings, e),
    }
}
