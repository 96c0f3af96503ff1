//! Incremental rebuilds for the dev server. A session keeps every stage's result — settings,
//! parsed files, rendered bodies, the site graph — and a save of one leaflet redoes only that
//! file, the checks, and the pages that show it. Anything else (settings, theme, categories,
//! translations, a file added, removed or drafted) is a full rebuild, still in memory.

use crate::diagnostics::{self, Finding};
use crate::frontmatter::{DocKind, Meta};
use crate::markdown::Rendered;
use crate::model::Site;
use crate::pipeline::{self, Options, Parsed, Settings};
use crate::render::{self, Bodies, OutFile, Renderer, Selection};
use crate::yaml::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// What a rebuild produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// False when the content has errors: nothing was rendered.
    pub ok: bool,
    /// Files to add or replace; with `replace_all`, the complete site.
    pub files: Vec<OutFile>,
    pub replace_all: bool,
    /// The search index was not rebuilt; call [`Session::search_files`] when there is time.
    pub search_stale: bool,
    /// How the rebuild went, for the terminal.
    pub kind: &'static str,
}

pub struct Session {
    opts: Options,
    settings: Option<Settings>,
    renderer: Option<Renderer>,
    files: BTreeMap<PathBuf, Parsed>,
    discover_findings: Vec<Finding>,
    bodies_cache: HashMap<String, Arc<Rendered>>,
    /// Where every file is published; the same as long as no file is added or removed.
    link_map: Option<crate::markdown::LinkMap>,
    /// The site graph's own findings (references), the same while no settings change.
    model_findings: Option<Vec<Finding>>,
    /// The rules' findings of the last rebuild, so an edit re-checks only the edited files.
    check_cache: Option<Vec<Finding>>,
    /// Print bundles to render after the reload event.
    pending_bundles: HashSet<usize>,
    site: Option<Site>,
    bodies: Bodies,
    findings: Vec<Finding>,
    /// True when what is served matches the session (the last rebuild had no errors).
    served_ok: bool,
}

/// The front-matter facts that other pages show (cards, lists, breadcrumbs, the sitemap).
fn shown_elsewhere(m: &Meta) -> impl PartialEq + '_ {
    let texts = |items: &[crate::yaml::Item]| items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    (
        (&m.title, &m.summary, texts(&m.problems), texts(&m.technologies)),
        (m.category.as_ref().map(|c| c.text.clone()), &m.reviewed, &m.audience, &m.examples, m.draft, m.order),
    )
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            settings: None,
            renderer: None,
            files: BTreeMap::new(),
            discover_findings: Vec::new(),
            bodies_cache: HashMap::new(),
            link_map: None,
            model_findings: None,
            check_cache: None,
            pending_bundles: HashSet::new(),
            site: None,
            bodies: Bodies::default(),
            findings: Vec::new(),
            served_ok: false,
        }
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    pub fn bodies(&self) -> &Bodies {
        &self.bodies
    }

    /// Rebuilds everything from the files on disk.
    pub fn full(&mut self) -> Outcome {
        self.settings = None;
        self.renderer = None;
        self.files.clear();
        self.site = None;
        let settings = match pipeline::load_settings(&self.opts) {
            Ok(s) => s,
            Err(findings) => {
                self.findings = findings;
                self.served_ok = false;
                return Outcome { kind: "full", ..Outcome::default() };
            }
        };
        let mut discover = Vec::new();
        let found = crate::load::discover(&self.opts.root, &mut discover);
        use rayon::prelude::*;
        let parsed: Vec<(PathBuf, Result<Parsed, Finding>)> = found
            .par_iter()
            .map(|(kind, path)| {
                (path.clone(), pipeline::parse_file(&self.opts.root, &settings.config, self.opts.drafts, *kind, path))
            })
            .collect();
        for (path, p) in parsed {
            match p {
                Ok(p) => {
                    self.files.insert(path, p);
                }
                Err(f) => discover.push(f),
            }
        }
        self.discover_findings = discover;
        self.settings = Some(settings);
        self.assemble(None)
    }

    /// Rebuilds after the given files changed; falls back to [`Session::full`] when the change
    /// is more than edits of existing content files.
    pub fn change(&mut self, changed: &[PathBuf]) -> Outcome {
        if self.settings.is_none() || self.site.is_none() {
            return self.full();
        }
        let content = self.opts.root.join(crate::load::CONTENT);
        let mut edited: Vec<(PathBuf, Meta)> = Vec::new();
        let mut body_only = true;
        let mut changed = changed.to_vec();
        changed.sort();
        changed.dedup();
        for path in &changed {
            let known = self.files.get(path);
            let is_md = path.extension().is_some_and(|e| e == "md");
            let (Some(old), true, true, true) = (known, is_md, path.is_file(), path.starts_with(&content)) else {
                return self.full();
            };
            if old.doc.lang.is_some() {
                return self.full();
            }
            let kind = old.doc.kind;
            let Some(settings) = &self.settings else { return self.full() };
            match pipeline::parse_file(&self.opts.root, &settings.config, self.opts.drafts, kind, path) {
                Ok(new) => {
                    if new.doc.meta.draft != old.doc.meta.draft {
                        return self.full();
                    }
                    body_only &= new.doc.front == old.doc.front && new.findings == old.findings;
                    let old_meta = old.doc.meta.clone();
                    self.files.insert(path.clone(), new);
                    edited.push((path.clone(), old_meta));
                }
                Err(_) => return self.full(),
            }
        }
        if edited.is_empty() {
            return Outcome { ok: self.served_ok, kind: "nothing", ..Outcome::default() };
        }
        if body_only {
            if let Some(outcome) = self.patch_bodies(&edited) {
                return outcome;
            }
        }
        self.assemble(Some(&edited))
    }

    /// The fast path for the usual save: only the text below the settings changed. The site
    /// graph stays as it is; the edited documents and their bodies are swapped in place.
    fn patch_bodies(&mut self, edited: &[(PathBuf, Meta)]) -> Option<Outcome> {
        let mut clock = Stages::new();
        let (Some(mut site), Some(map), Some(model_findings)) =
            (self.site.take(), self.link_map.clone(), self.model_findings.clone())
        else {
            return None;
        };
        let mut bodies = std::mem::take(&mut self.bodies);
        let lang = site.config.language.clone();
        for (path, _) in edited {
            let doc = &self.files.get(path)?.doc;
            let i = site.docs(doc.kind).iter().position(|d| d.rel_path == doc.rel_path)?;
            let from = doc.rel_path.strip_prefix("content/").unwrap_or(&doc.rel_path);
            let body = Arc::new(crate::markdown::render(&doc.body, from, doc.body_line, &lang, &map));
            site.docs_mut(doc.kind)[i] = doc.clone();
            bodies.of_mut(doc.kind)[i] = body.clone();
            self.bodies_cache.insert(doc.rel_path.clone(), body);
        }
        clock.mark("bodies");
        let mut findings = self.settings.as_ref()?.findings.clone();
        findings.extend(self.discover_findings.iter().cloned());
        for p in self.files.values() {
            findings.extend(p.findings.iter().cloned());
        }
        findings.extend(model_findings);
        self.site = Some(site);
        self.bodies = bodies;
        Some(self.finish(Some(edited), findings, clock))
    }

    /// Model, bodies, checks, and the pages (all of them, or those `edited` touches).
    fn assemble(&mut self, edited: Option<&[(PathBuf, Meta)]>) -> Outcome {
        let mut clock = Stages::new();
        let Some(settings) = &self.settings else { return Outcome::default() };
        let mut findings = settings.findings.clone();
        findings.extend(self.discover_findings.iter().cloned());
        let mut docs = Vec::with_capacity(self.files.len());
        for p in self.files.values() {
            findings.extend(p.findings.iter().cloned());
            docs.push(p.doc.clone());
        }
        let mut model_findings = Vec::new();
        let site = crate::model::build(
            settings.config.clone(),
            settings.categories.clone(),
            docs,
            self.opts.drafts,
            &mut model_findings,
        );
        findings.extend(model_findings.iter().cloned());
        self.model_findings = Some(model_findings);
        self.link_map = Some(pipeline::link_map(&site));
        clock.mark("model");
        // The files whose bodies and checks must be redone; `None`: all of them.
        let changed: Option<HashSet<String>> =
            edited.map(|e| e.iter().filter_map(|(p, _)| self.files.get(p).map(|f| f.doc.rel_path.clone())).collect());
        if changed.is_none() {
            self.bodies_cache.clear();
            self.check_cache = None;
        }
        // The set of files is the same, so every other body (and its links) is as it was.
        let cache = &self.bodies_cache;
        let bodies = pipeline::render_bodies(&site, &mut |doc, _| match &changed {
            Some(c) if !c.contains(&doc.rel_path) => cache.get(&doc.rel_path).cloned(),
            _ => None,
        });
        clock.mark("bodies");
        self.site = Some(site);
        self.bodies = bodies;
        self.finish(edited, findings, clock)
    }

    /// Checks and pages, once the site and its bodies are up to date.
    fn finish(&mut self, edited: Option<&[(PathBuf, Meta)]>, mut findings: Vec<Finding>, mut clock: Stages) -> Outcome {
        let Some(site) = self.site.take() else { return Outcome::default() };
        let bodies = std::mem::take(&mut self.bodies);
        let Some(settings) = &self.settings else { return Outcome::default() };
        let changed: Option<HashSet<String>> =
            edited.map(|e| e.iter().filter_map(|(p, _)| self.files.get(p).map(|f| f.doc.rel_path.clone())).collect());
        let mut headings_moved = false;
        let all_docs = DocKind::ALL
            .iter()
            .flat_map(|k| site.docs(*k).iter().zip(bodies.of(*k)))
            .chain(site.translations.iter().zip(&bodies.translations));
        for (d, r) in all_docs {
            if changed.as_ref().is_none_or(|c| c.contains(&d.rel_path)) {
                let old = self.bodies_cache.insert(d.rel_path.clone(), r.clone());
                let ids = |r: &Rendered| r.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
                headings_moved |= old.is_some_and(|o| ids(&o) != ids(r));
            }
        }
        // Other files' findings stay valid unless links into the changed pages' sections, or a
        // technology's consent flag, may have changed.
        let consent_moved = edited.is_some_and(|e| {
            e.iter().any(|(p, old)| self.files.get(p).is_some_and(|f| f.doc.meta.consent != old.consent))
        });
        let today = self.opts.today.unwrap_or_else(Date::today);
        let check_findings = match (&changed, self.check_cache.take()) {
            (Some(c), Some(mut cached)) if !headings_moved && !consent_moved => {
                cached.retain(|f| !c.contains(&f.path));
                let scope = crate::check::Scope { only: Some(c) };
                crate::check::run_in(
                    &site,
                    &bodies,
                    today,
                    &self.opts.root,
                    scope,
                    self.link_map.as_ref(),
                    &mut cached,
                );
                cached
            }
            _ => {
                let mut all = Vec::new();
                crate::check::run(&site, &bodies, today, &self.opts.root, &mut all);
                all
            }
        };
        findings.extend(check_findings.iter().cloned());
        self.check_cache = Some(check_findings);
        clock.mark("checks");
        diagnostics::sort(&mut findings);
        let ok = !diagnostics::has_errors(&findings);
        if self.renderer.is_none() {
            self.renderer = Renderer::new(&settings.theme, &site.config, &mut findings);
        }
        let mut selection = match edited {
            Some(edited) if self.served_ok => selection(&site, &self.files, edited),
            _ => None,
        };
        // Print bundles can hold hundreds of leaflets: they are brought up to date after the
        // reload event, with the search index.
        if let Some(sel) = &mut selection {
            self.pending_bundles.extend(sel.bundles.drain());
        }
        let mut outcome =
            Outcome { ok, kind: if selection.is_some() { "incremental" } else { "full" }, ..Outcome::default() };
        if ok {
            match &self.renderer {
                Some(r) => match render::render_pages(&site, &bodies, r, selection.as_ref()) {
                    Ok(files) => {
                        outcome.files = files;
                        outcome.replace_all = selection.is_none();
                        outcome.search_stale = selection.is_some();
                    }
                    Err(mut errs) => {
                        findings.append(&mut errs);
                        outcome.ok = false;
                    }
                },
                None => outcome.ok = false,
            }
        }
        clock.mark("pages");
        clock.report();
        if selection.is_none() {
            self.pending_bundles.clear();
        }
        self.served_ok = outcome.ok;
        self.findings = findings;
        self.site = Some(site);
        self.bodies = bodies;
        outcome
    }

    /// The search index of every language and the print bundles left over from incremental
    /// rebuilds.
    pub fn search_files(&mut self) -> Vec<OutFile> {
        let (Some(site), Some(r)) = (&self.site, &self.renderer) else { return Vec::new() };
        let only = Selection {
            search_index: true,
            bundles: std::mem::take(&mut self.pending_bundles),
            ..Selection::default()
        };
        render::render_pages(site, &self.bodies, r, Some(&only)).unwrap_or_default()
    }
}

/// Stage times of a rebuild, printed when PJECE_TIMINGS is set (for profiling, not for editors).
struct Stages {
    last: std::time::Instant,
    marks: Vec<(&'static str, u128)>,
    on: bool,
}

impl Stages {
    fn new() -> Stages {
        Stages { last: std::time::Instant::now(), marks: Vec::new(), on: std::env::var_os("PJECE_TIMINGS").is_some() }
    }
    fn mark(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.marks.push((name, (now - self.last).as_micros()));
        self.last = now;
    }
    fn report(&self) {
        if self.on {
            let parts: Vec<String> =
                self.marks.iter().map(|(n, us)| format!("{n} {:.1} ms", *us as f64 / 1000.0)).collect();
            eprintln!("timings: {}", parts.join(", "));
        }
    }
}

/// The pages an edit of existing files touches; `None` when it is simpler to render everything.
fn selection(site: &Site, files: &BTreeMap<PathBuf, Parsed>, edited: &[(PathBuf, Meta)]) -> Option<Selection> {
    let mut sel = Selection::default();
    let index_of = |kind: DocKind, slug: &str| site.docs(kind).iter().position(|d| d.slug == slug);
    let problems_of = |items: &[crate::yaml::Item]| -> Vec<usize> {
        items.iter().filter_map(|i| index_of(DocKind::Problem, i.text.trim().trim_end_matches(".md"))).collect()
    };
    let techs_of = |items: &[crate::yaml::Item]| -> Vec<usize> {
        items.iter().filter_map(|i| index_of(DocKind::Technology, i.text.trim().trim_end_matches(".md"))).collect()
    };
    for (path, old) in edited {
        let new = &files.get(path)?.doc;
        let i = index_of(new.kind, &new.slug)?;
        sel.docs.insert((new.kind, i));
        let moved = shown_elsewhere(old) != shown_elsewhere(&new.meta);
        match new.kind {
            DocKind::Leaflet => {
                let mut ps = problems_of(&old.problems);
                ps.extend(problems_of(&new.meta.problems));
                sel.bundles.extend(ps.iter().copied());
                if moved {
                    sel.home = true;
                    sel.search_page = true;
                    sel.sitemap = true;
                    for &p in &ps {
                        sel.docs.insert((DocKind::Problem, p));
                        for &l in &site.links.problem_leaflets[p] {
                            sel.docs.insert((DocKind::Leaflet, l));
                        }
                    }
                    let mut ts = techs_of(&old.technologies);
                    ts.extend(techs_of(&new.meta.technologies));
                    for t in ts {
                        sel.docs.insert((DocKind::Technology, t));
                    }
                }
            }
            DocKind::Technology => {
                if moved {
                    sel.catalogue = true;
                    sel.search_page = true;
                    sel.sitemap = true;
                    let mut ps = problems_of(&old.problems);
                    ps.extend(problems_of(&new.meta.problems));
                    for p in ps {
                        sel.docs.insert((DocKind::Problem, p));
                    }
                    for &l in &site.links.technology_leaflets[i] {
                        sel.docs.insert((DocKind::Leaflet, l));
                    }
                }
            }
            DocKind::Problem => {
                sel.bundles.insert(i);
                if moved {
                    return None; // problems appear on nearly every page
                }
            }
            DocKind::Page => {
                if moved {
                    return None;
                }
            }
        }
    }
    Some(sel)
}
