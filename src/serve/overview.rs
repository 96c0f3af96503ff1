//! The editor's overview at `/__pjece/`: every leaflet with its readability, review age and
//! findings, worst first. Only the dev server shows it.

use super::Built;
use crate::check::readability;
use crate::diagnostics::{Finding, Severity};
use crate::frontmatter::DocKind;
use crate::model::Site;
use crate::render::Bodies;
use crate::yaml::Date;
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    match tera::escape_html(s, &mut buf) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

struct Row<'a> {
    title: &'a str,
    url: String,
    path: &'a str,
    lix: f64,
    age: Option<i32>,
    errors: Vec<&'a Finding>,
    warnings: Vec<&'a Finding>,
}

/// The overview page as HTML.
pub fn render(site: Option<&Site>, bodies: &Bodies, findings: &[Finding]) -> String {
    let today = Date::today();
    let mut rows: Vec<Row> = Vec::new();
    let of = |path: &str, sev: Severity| -> Vec<&Finding> {
        findings.iter().filter(|f| f.path == path && f.severity == sev).collect()
    };
    if let Some(site) = site {
        for (doc, body) in site.leaflets.iter().zip(&bodies.leaflets) {
            rows.push(Row {
                title: &doc.meta.title,
                url: site.url(DocKind::Leaflet, &doc.slug, None),
                path: &doc.rel_path,
                lix: readability::lix(&body.text).score,
                age: doc.meta.reviewed.map(|r| r.months_until(&today)),
                errors: of(&doc.rel_path, Severity::Error),
                warnings: of(&doc.rel_path, Severity::Warning),
            });
        }
    }
    rows.sort_by(|a, b| {
        (b.errors.len(), b.warnings.len()).cmp(&(a.errors.len(), a.warnings.len())).then(b.lix.total_cmp(&a.lix))
    });
    let listed: Vec<&str> = rows.iter().map(|r| r.path).collect();
    let others: Vec<&Finding> = findings.iter().filter(|f| !listed.contains(&f.path.as_str())).collect();

    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Editor's overview – pjece</title>\
<style>body{font:18px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.4rem .6rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:700;margin:.5rem 0}.err{color:#a00000}.warn{color:#6b4500}ul{margin:0;padding-left:1.2rem}a{color:#0a4a8f}</style></head><body><main><h1>Editor's overview</h1>",
    );
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let _ = write!(h, "<p>{} leaflets, {} errors, {} warnings. Worst first. This page exists only while <code>pjece serve</code> runs.</p>", rows.len(), errors, findings.len() - errors);
    if !others.is_empty() {
        h.push_str("<h2>Other findings</h2><ul>");
        for f in &others {
            let _ = write!(
                h,
                "<li class=\"{}\">{}</li>",
                if f.severity == Severity::Error { "err" } else { "warn" },
                esc(&f.to_string())
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("<table><caption>Leaflets</caption><thead><tr><th scope=\"col\">Leaflet</th><th scope=\"col\">LIX</th><th scope=\"col\">Reviewed (months ago)</th><th scope=\"col\">Findings</th></tr></thead><tbody>");
    for r in &rows {
        let _ = write!(
            h,
            "<tr><td><a href=\"{}\">{}</a><br><small>{}</small></td><td>{:.0}</td><td>{}</td><td>",
            esc(&r.url),
            esc(r.title),
            esc(r.path),
            r.lix,
            r.age.map(|a| a.to_string()).unwrap_or_else(|| "–".into())
        );
        if r.errors.is_empty() && r.warnings.is_empty() {
            h.push_str("none");
        } else {
            h.push_str("<ul>");
            for f in r.errors.iter().chain(&r.warnings) {
                let _ = write!(
                    h,
                    "<li class=\"{}\">{}</li>",
                    if f.severity == Severity::Error { "err" } else { "warn" },
                    esc(&format!("line {}: {}", f.line.max(1), f.message))
                );
            }
            h.push_str("</ul>");
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table></main></body></html>");
    h
}

/// `{"version": n, "errors": [lines]}`: the lines are given only while the build is broken.
pub fn status_json(built: &Built) -> String {
    let broken = built.findings.iter().any(|f| f.severity == Severity::Error);
    let lines: Vec<String> = if broken { built.findings.iter().map(|f| f.to_string()).collect() } else { Vec::new() };
    serde_json::json!({ "version": built.version, "errors": lines }).to_string()
}
