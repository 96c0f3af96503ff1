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
use std::collections::BTreeMap;
use tera::{Context, Tera};

/// One output file, its path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The rendered Markdown of every document, in the same order as the site's vectors.
#[derive(Debug, Default)]
pub struct Bodies {
    pub problems: Vec<Rendered>,
    pub leaflets: Vec<Rendered>,
    pub technologies: Vec<Rendered>,
    pub pages: Vec<Rendered>,
}

impl Bodies {
    pub fn of(&self, kind: DocKind) -> &[Rendered] {
        match kind {
            DocKind::Problem => &self.problems,
            DocKind::Leaflet => &self.leaflets,
            DocKind::Technology => &self.technologies,
            DocKind::Page => &self.pages,
        }
    }
}

pub struct Renderer {
    tera: Tera,
    words: BTreeMap<String, String>,
    /// URL of the stylesheet, with a content hash so caches can keep it for a year.
    css_url: String,
    print_css_url: String,
    assets: Vec<OutFile>,
    /// The theme's name, for the paths in template faults.
    theme: String,
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
        let words = theme.words(&config.language, &config.language, findings);
        let mut assets = Vec::new();
        let (mut css_url, mut print_css_url) = (String::new(), String::new());
        for (name, content) in theme.assets() {
            let url = format!("{}assets/{name}?v={}", config.base_path, short_hash(content.as_bytes()));
            match name {
                "style.css" => css_url = url,
                "print.css" => print_css_url = url,
                _ => {}
            }
            assets.push(OutFile { path: format!("assets/{name}"), bytes: content.as_bytes().to_vec() });
        }
        Some(Renderer { tera, words, css_url, print_css_url, assets, theme: config.theme.clone() })
    }

    fn render(&self, template: &str, ctx: Value) -> Result<String, Finding> {
        let context = Context::from_serialize(&ctx).map_err(|e| Finding::error("themes", 0, 0, one_line(&e)))?;
        self.tera.render(template, &context).map_err(|e| {
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

/// Everything each page needs to know about the site.
struct Shared<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    r: &'a Renderer,
    base: Value,
}

/// A theme word; the key itself when the word is missing (missing words are warned about earlier).
fn t(r: &Renderer, key: &str) -> String {
    r.words.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// "3. maj 2026" with the theme's words.
pub fn format_date(d: &Date, words: &BTreeMap<String, String>) -> String {
    let month = words.get(&format!("month_{}", d.month)).cloned().unwrap_or_else(|| d.month.to_string());
    words
        .get("date_format")
        .map(String::as_str)
        .unwrap_or("{year}-{month}-{day}")
        .replace("{day}", &d.day.to_string())
        .replace("{month}", &month)
        .replace("{year}", &d.year.to_string())
}

/// A page that exists once per site.
type PageFn = fn(&Shared) -> Result<OutFile, Finding>;

/// Renders every page of the site.
pub fn render_site(site: &Site, bodies: &Bodies, r: &Renderer) -> Result<Vec<OutFile>, Vec<Finding>> {
    let cfg = &site.config;
    let a11y_url = cfg.accessibility_statement.clone().or_else(|| {
        site.pages.iter().find(|p| p.slug == "tilgaengelighed").map(|p| site.url(DocKind::Page, &p.slug, None))
    });
    let about_url = site.pages.iter().find(|p| p.slug == "om").map(|p| site.url(DocKind::Page, &p.slug, None));
    let base = json!({
        "site": {
            "title": cfg.title,
            "base_url": cfg.base_url,
            "base_path": cfg.base_path,
            "language": cfg.language,
            "contact": cfg.contact,
            "has_contact": !(cfg.contact.name.is_empty() && cfg.contact.phone.is_empty() && cfg.contact.email.is_empty()),
            "accessibility_url": a11y_url,
            "about_url": about_url,
            "home_url": cfg.base_path,
            "catalogue_url": format!("{}{}/", cfg.base_path, cfg.paths.technologies),
            "css_url": r.css_url,
            "print_css_url": r.print_css_url,
            "page_size": cfg.page_size,
        },
        "t": r.words,
    });
    let sh = Shared { site, bodies, r, base };

    let jobs: [PageFn; 4] = [home, catalogue, not_found, sitemap];
    let sh = &sh;
    let mut files: Vec<Result<OutFile, Finding>> = jobs.par_iter().map(|job| job(sh)).collect();
    files.par_extend((0..site.problems.len()).into_par_iter().map(|i| problem(sh, i)));
    files.par_extend((0..site.leaflets.len()).into_par_iter().map(|i| leaflet(sh, i)));
    files.par_extend((0..site.leaflets.len()).into_par_iter().map(|i| leaflet_print(sh, i, false)));
    files.par_extend((0..site.leaflets.len()).into_par_iter().map(|i| leaflet_print(sh, i, true)));
    files.par_extend((0..site.problems.len()).into_par_iter().map(|i| problem_print(sh, i)));
    files.par_extend((0..site.technologies.len()).into_par_iter().map(|i| technology(sh, i)));
    files.par_extend((0..site.pages.len()).into_par_iter().map(|i| page(sh, i)));

    let mut out = r.assets.clone();
    let mut errors = Vec::new();
    for f in files {
        match f {
            Ok(f) => out.push(f),
            Err(e) => {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn index_path(url: &str, base_path: &str) -> String {
    let rel = url.strip_prefix(base_path).unwrap_or(url.trim_start_matches('/'));
    format!("{rel}index.html")
}

fn with(base: &Value, extra: Value) -> Value {
    let mut v = base.clone();
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
    v
}

fn page_info(sh: &Shared, title: &str, description: &str, url: &str, crumbs: Vec<(String, String)>) -> Value {
    let lang = &sh.site.config.language;
    json!({
        "title": title,
        "description": description,
        "url": url,
        "canonical": sh.site.absolute(url),
        "lang": lang,
        "dir": if Config::is_rtl(lang) { "rtl" } else { "ltr" },
        "breadcrumbs": crumbs.into_iter().map(|(t, u)| json!({"title": t, "url": u})).collect::<Vec<_>>(),
    })
}

fn card(sh: &Shared, kind: DocKind, doc: &Doc) -> Value {
    json!({
        "title": doc.meta.title,
        "summary": doc.meta.summary,
        "url": sh.site.url(kind, &doc.slug, None),
        "slug": doc.slug,
    })
}

fn cards(sh: &Shared, kind: DocKind, idx: &[usize]) -> Vec<Value> {
    let docs = sh.site.docs(kind);
    let mut v: Vec<&Doc> = idx.iter().map(|&i| &docs[i]).collect();
    if kind != DocKind::Problem {
        v.sort_by_key(|d| crate::model::sort_key(&d.meta.title));
    }
    v.into_iter().map(|d| card(sh, kind, d)).collect()
}

fn home_crumb(sh: &Shared) -> (String, String) {
    (t(sh.r, "home"), sh.site.config.base_path.clone())
}

fn out(sh: &Shared, url: &str, template: &str, ctx: Value) -> Result<OutFile, Finding> {
    let html = sh.r.render(template, ctx)?;
    Ok(OutFile { path: index_path(url, &sh.site.config.base_path), bytes: html.into_bytes() })
}

fn home(sh: &Shared) -> Result<OutFile, Finding> {
    let site = sh.site;
    let problems: Vec<Value> = site
        .problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut c = card(sh, DocKind::Problem, p);
            c["count"] = json!(site.links.problem_leaflets[i].len());
            c
        })
        .collect();
    let mut newest: Vec<&Doc> = site.leaflets.iter().collect();
    newest.sort_by(|a, b| b.meta.reviewed.cmp(&a.meta.reviewed).then_with(|| a.slug.cmp(&b.slug)));
    let newest: Vec<Value> = newest.into_iter().take(6).map(|d| card(sh, DocKind::Leaflet, d)).collect();
    let url = site.config.base_path.clone();
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &site.config.title, &t(sh.r, "home_intro"), &url, vec![]),
            "problems": problems,
            "newest": newest,
        }),
    );
    out(sh, &url, "home.html", ctx)
}

fn problem(sh: &Shared, i: usize) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.problems[i];
    let url = site.url(DocKind::Problem, &doc.slug, None);
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &doc.meta.title, &doc.meta.summary, &url, vec![home_crumb(sh)]),
            "problem": {
                "title": doc.meta.title,
                "summary": doc.meta.summary,
                "html": sh.bodies.problems[i].html,
                "print_url": format!("{url}print/"),
            },
            "leaflets": cards(sh, DocKind::Leaflet, &site.links.problem_leaflets[i]),
            "technologies": cards(sh, DocKind::Technology, &site.links.problem_technologies[i]),
        }),
    );
    out(sh, &url, "problem.html", ctx)
}

fn leaflet(sh: &Shared, i: usize) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.leaflets[i];
    let url = site.url(DocKind::Leaflet, &doc.slug, None);
    let problems = &site.links.leaflet_problems[i];
    let mut related: Vec<usize> =
        problems.iter().flat_map(|&p| site.links.problem_leaflets[p].iter().copied()).filter(|&j| j != i).collect();
    related.sort_unstable();
    related.dedup();
    related.truncate(8);
    let crumbs = match problems.first() {
        Some(&p) => vec![
            home_crumb(sh),
            (site.problems[p].meta.title.clone(), site.url(DocKind::Problem, &site.problems[p].slug, None)),
        ],
        None => vec![home_crumb(sh)],
    };
    let audience: Vec<String> = doc.meta.audience.iter().map(|a| t(sh.r, &format!("audience_{a}"))).collect();
    let consent = site.links.leaflet_technologies[i].iter().any(|&t| site.technologies[t].meta.consent);
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &doc.meta.title, &doc.meta.summary, &url, crumbs),
            "leaflet": {
                "title": doc.meta.title,
                "summary": doc.meta.summary,
                "html": sh.bodies.leaflets[i].html,
                "reviewed": doc.meta.reviewed.map(|d| format_date(&d, &sh.r.words)),
                "reviewed_iso": doc.meta.reviewed.map(|d| d.iso()),
                "audience": audience,
                "consent": consent,
                "print_url": format!("{url}print/"),
                "print_large_url": format!("{url}print-large/"),
            },
            "problems": cards(sh, DocKind::Problem, problems),
            "technologies": cards(sh, DocKind::Technology, &site.links.leaflet_technologies[i]),
            "related": cards(sh, DocKind::Leaflet, &related),
        }),
    );
    out(sh, &url, "leaflet.html", ctx)
}

fn catalogue(sh: &Shared) -> Result<OutFile, Finding> {
    let site = sh.site;
    let url = format!("{}{}/", site.config.base_path, site.config.paths.technologies);
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
                "technologies": cards(sh, DocKind::Technology, &site.links.category_technologies[ci]),
            })
        })
        .collect();
    let title = t(sh.r, "catalogue_title");
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &title, &t(sh.r, "catalogue_intro"), &url, vec![home_crumb(sh)]),
            "categories": categories,
        }),
    );
    out(sh, &url, "catalogue.html", ctx)
}

fn technology(sh: &Shared, i: usize) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.technologies[i];
    let url = site.url(DocKind::Technology, &doc.slug, None);
    let catalogue_url = format!("{}{}/", site.config.base_path, site.config.paths.technologies);
    let category = site.links.technology_category[i].map(|c| {
        let c = &site.categories[c];
        json!({"title": c.title, "url": format!("{catalogue_url}#{}", c.id)})
    });
    let how: Vec<Value> = doc
        .meta
        .how_to_get
        .iter()
        .map(|h| json!({"id": h, "title": t(sh.r, &format!("how_{h}")), "text": t(sh.r, &format!("how_{h}_text"))}))
        .collect();
    let requires: Vec<String> = doc.meta.requires.iter().map(|r| t(sh.r, &format!("requires_{r}"))).collect();
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &doc.meta.title, &doc.meta.summary, &url, vec![home_crumb(sh), (t(sh.r, "catalogue_title"), catalogue_url.clone())]),
            "technology": {
                "title": doc.meta.title,
                "summary": doc.meta.summary,
                "html": sh.bodies.technologies[i].html,
                "examples": doc.meta.examples,
                "how_to_get": how,
                "price": doc.meta.price_band.as_ref().map(|p| t(sh.r, &format!("price_{p}"))),
                "requires": requires,
                "consent": doc.meta.consent,
                "category": category,
            },
            "problems": cards(sh, DocKind::Problem, &site.links.technology_problems[i]),
            "leaflets": cards(sh, DocKind::Leaflet, &site.links.technology_leaflets[i]),
        }),
    );
    out(sh, &url, "technology.html", ctx)
}

fn page(sh: &Shared, i: usize) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.pages[i];
    let url = site.url(DocKind::Page, &doc.slug, None);
    let ctx = with(
        &sh.base,
        json!({
            "page": page_info(sh, &doc.meta.title, &doc.meta.summary, &url, vec![home_crumb(sh)]),
            "doc": { "title": doc.meta.title, "summary": doc.meta.summary, "html": sh.bodies.pages[i].html },
        }),
    );
    out(sh, &url, "page.html", ctx)
}

fn not_found(sh: &Shared) -> Result<OutFile, Finding> {
    let url = format!("{}404.html", sh.site.config.base_path);
    let ctx = with(
        &sh.base,
        json!({ "page": page_info(sh, &t(sh.r, "not_found_title"), &t(sh.r, "not_found_text"), &url, vec![]) }),
    );
    let html = sh.r.render("404.html", ctx)?;
    Ok(OutFile { path: "404.html".into(), bytes: html.into_bytes() })
}

fn sitemap(sh: &Shared) -> Result<OutFile, Finding> {
    let site = sh.site;
    let mut urls: Vec<Value> = vec![json!({"loc": site.absolute(&site.config.base_path)})];
    urls.push(json!({"loc": site.absolute(&format!("{}{}/", site.config.base_path, site.config.paths.technologies))}));
    for kind in DocKind::ALL {
        for d in site.docs(kind) {
            urls.push(json!({
                "loc": site.absolute(&site.url(kind, &d.slug, None)),
                "lastmod": d.meta.reviewed.map(|r| r.iso()),
            }));
        }
    }
    let xml = sh.r.render("sitemap.xml", json!({ "urls": urls }))?;
    Ok(OutFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() })
}

/// The extra page facts of a print page: which web page it prints, the QR code, the paper size.
fn print_info(sh: &Shared, title: &str, description: &str, web_url: &str, large: bool) -> Value {
    let mut info = page_info(
        sh,
        title,
        description,
        &format!("{web_url}{}", if large { "print-large/" } else { "print/" }),
        vec![],
    );
    let canonical = sh.site.absolute(web_url);
    let label = format!("{}: {canonical}", t(sh.r, "print_scan"));
    info["web_url"] = json!(web_url);
    info["web_canonical"] = json!(canonical);
    info["qr"] = json!(crate::qr::svg(&canonical, &label).unwrap_or_default());
    info["large"] = json!(large);
    info["page_size"] = json!(if large { "A4" } else { sh.site.config.page_size.as_str() });
    info
}

fn leaflet_print(sh: &Shared, i: usize, large: bool) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.leaflets[i];
    let web = site.url(DocKind::Leaflet, &doc.slug, None);
    let page = print_info(sh, &doc.meta.title, &doc.meta.summary, &web, large);
    let url = page["url"].as_str().unwrap_or_default().to_string();
    let ctx = with(
        &sh.base,
        json!({
            "page": page,
            "leaflet": {
                "title": doc.meta.title,
                "summary": doc.meta.summary,
                "html": sh.bodies.leaflets[i].html,
                "reviewed": doc.meta.reviewed.map(|d| format_date(&d, &sh.r.words)),
                "reviewed_iso": doc.meta.reviewed.map(|d| d.iso()),
            },
        }),
    );
    out(sh, &url, "leaflet-print.html", ctx)
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

fn problem_print(sh: &Shared, i: usize) -> Result<OutFile, Finding> {
    let site = sh.site;
    let doc = &site.problems[i];
    let web = site.url(DocKind::Problem, &doc.slug, None);
    let page = print_info(sh, &doc.meta.title, &doc.meta.summary, &web, false);
    let url = page["url"].as_str().unwrap_or_default().to_string();
    let mut idx = site.links.problem_leaflets[i].clone();
    idx.sort_by_key(|&l| crate::model::sort_key(&site.leaflets[l].meta.title));
    let leaflets: Vec<Value> = idx
        .iter()
        .map(|&l| {
            let d = &site.leaflets[l];
            json!({
                "slug": d.slug,
                "title": d.meta.title,
                "summary": d.meta.summary,
                "html": nest_html(&sh.bodies.leaflets[l].html, &d.slug),
                "canonical": site.absolute(&site.url(DocKind::Leaflet, &d.slug, None)),
            })
        })
        .collect();
    let ctx = with(
        &sh.base,
        json!({
            "page": page,
            "problem": { "title": doc.meta.title, "summary": doc.meta.summary },
            "leaflets": leaflets,
        }),
    );
    out(sh, &url, "problem-print.html", ctx)
}
