//! Links inside the site: every `/…` or relative link and picture must reach a page the site
//! makes or a file in static/, and every `#section` must be a heading of the page it points to.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::markdown::{self, normalize, LinkMap};
use crate::model::{Doc, Site};
use crate::render::Bodies;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Finds the page an address (without the base path) leads to, by its parts: an optional
/// language, a kind's URL segment, a slug, and `print/` or `print-large/`. `Some(Some(ids))` is a
/// document with its section ids; `Some(None)` another page the site makes.
struct Pages<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    slugs: [HashMap<&'a str, usize>; 4],
    translations: HashMap<(DocKind, &'a str, &'a str), usize>,
}

impl<'a> Pages<'a> {
    fn new(site: &'a Site, bodies: &'a Bodies) -> Pages<'a> {
        let slugs = DocKind::ALL.map(|k| site.docs(k).iter().enumerate().map(|(i, d)| (d.slug.as_str(), i)).collect());
        let translations = site
            .translations
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some(((t.kind, t.slug.as_str(), t.lang.as_deref()?), i)))
            .collect();
        Pages { site, bodies, slugs, translations }
    }

    fn find(&self, rel: &str) -> Option<Option<Vec<&'a str>>> {
        let cfg = &self.site.config;
        let rel = if rel.is_empty() { rel } else { rel.strip_suffix('/')? };
        let mut parts: Vec<&str> = if rel.is_empty() { Vec::new() } else { rel.split('/').collect() };
        let lang = match parts.first() {
            Some(l) if cfg.languages.iter().any(|x| x == l) => Some(parts.remove(0)),
            _ => None,
        };
        let print = matches!(parts.last(), Some(&"print") | Some(&"print-large"));
        if print {
            parts.pop();
        }
        let kind_slug = match parts.as_slice() {
            [] if !print => return Some(None),
            ["search"] if !print => return Some(None),
            [seg] if !print && *seg == cfg.paths.technologies => return Some(None),
            [seg, slug] => {
                let kind = [DocKind::Problem, DocKind::Leaflet, DocKind::Technology]
                    .into_iter()
                    .find(|k| cfg.segment(*k) == *seg)?;
                (kind, *slug)
            }
            [slug] if !print => (DocKind::Page, *slug),
            _ => return None,
        };
        let (kind, slug) = kind_slug;
        if print && !matches!(kind, DocKind::Leaflet | DocKind::Problem) {
            return None;
        }
        let body = match lang {
            Some(l) => &self.bodies.translations[*self.translations.get(&(kind, slug, l))?],
            None => &self.bodies.of(kind)[*self.slugs[kind_index(kind)].get(slug)?],
        };
        if print {
            return Some(None);
        }
        Some(Some(body.headings.iter().map(|h| h.id.as_str()).collect()))
    }
}

fn kind_index(kind: DocKind) -> usize {
    DocKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Files under static/, as `/`-separated paths.
fn static_files(root: &Path) -> HashSet<String> {
    let dir = root.join("static");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| crate::load::rel(&dir, e.path()))
        .collect()
}

pub fn check(
    site: &Site,
    bodies: &Bodies,
    root: &Path,
    map: &LinkMap,
    scope: super::Scope,
    findings: &mut Vec<Finding>,
) {
    let pages = Pages::new(site, bodies);
    let statics = static_files(root);
    let base = site.config.base_path.as_str();
    let generated = ["sitemap.xml", "404.html", "assets/style.css", "assets/print.css", "assets/search.js"];
    let docs = DocKind::ALL
        .iter()
        .flat_map(|k| site.docs(*k).iter().zip(bodies.of(*k)))
        .chain(site.translations.iter().zip(&bodies.translations))
        .filter(|(d, _)| scope.wants(d));
    for (doc, body) in docs {
        let page = site.url(doc.kind, &doc.slug, doc.lang.as_deref());
        let own_ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        let from = doc.rel_path.strip_prefix("content/").unwrap_or(&doc.rel_path);
        let from_dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        for link in &body.links {
            if markdown::is_external(&link.dest) {
                continue;
            }
            let Ok(target) = markdown::rewrite(&link.dest, from_dir, map) else { continue }; // reported as broken
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (target.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let what = if link.image { "picture" } else { "link" };
            if path.is_empty() {
                if let Some(f) = fragment.filter(|f| !f.is_empty() && !own_ids.contains(&f.as_str())) {
                    findings.push(missing_section(doc, link.line, &link.dest, &f, &own_ids));
                }
                continue;
            }
            // Relative links work as in the browser, from the page's own address.
            let mut absolute =
                if path.starts_with('/') { normalize(&path) } else { normalize(&format!("{page}{path}")) };
            if path.ends_with('/') && !absolute.is_empty() {
                absolute.push('/');
            }
            let Some(rel) = format!("/{absolute}").strip_prefix(base).map(str::to_string) else {
                findings.push(Finding::error(
                    &doc.rel_path,
                    link.line,
                    1,
                    format!("the {what} `{}` goes outside the site's address {base}. Start it with `/` for the site's root.", link.dest),
                ));
                continue;
            };
            let as_page = if rel.is_empty() || rel.ends_with('/') { rel.clone() } else { format!("{rel}/") };
            let as_page = as_page.trim_start_matches("index.html").to_string();
            if let Some(headings) = pages.find(&as_page).or_else(|| pages.find(rel.trim_end_matches("index.html"))) {
                if let (Some(f), Some(ids)) = (fragment, headings) {
                    if !f.is_empty() && !ids.contains(&f.as_str()) {
                        findings.push(missing_section(doc, link.line, &link.dest, &f, &ids));
                    }
                }
                continue;
            }
            if statics.contains(&rel) || generated.contains(&rel.as_str()) {
                continue;
            }
            let hint = if link.image {
                "Put the picture in static/ (a link `/img/ur.svg` finds static/img/ur.svg)".to_string()
            } else {
                "Check the address, or link to the file instead, like `tryg-om-natten.md`".to_string()
            };
            findings.push(Finding::error(
                &doc.rel_path,
                link.line,
                1,
                format!("the {what} `{}` leads to nothing the site has. {hint}.", link.dest),
            ));
        }
    }
}

fn missing_section(doc: &Doc, line: usize, dest: &str, fragment: &str, ids: &[&str]) -> Finding {
    let list = if ids.is_empty() { "none".to_string() } else { ids.join(", ") };
    Finding::error(
        &doc.rel_path,
        line,
        1,
        format!(
            "the link `{dest}` points to a section `#{fragment}` that the page does not have. Its sections are: {list}."
        ),
    )
}
