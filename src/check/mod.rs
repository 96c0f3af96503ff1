//! Content rules that read the rendered site: one file per rule. `build` and `check` run them all.

mod consent;
pub mod external;
mod freshness;
mod headings;
mod internal;
mod links;
mod neutrality;
pub mod readability;
mod wording;

use crate::diagnostics::Finding;
use crate::model::{Doc, Site};
use crate::render::Bodies;
use crate::yaml::Date;
use rayon::prelude::*;
use std::collections::HashSet;

/// Which documents the rules look at: all, or (for the dev server's incremental rebuilds) only
/// the files that changed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub only: Option<&'a HashSet<String>>,
}

impl Scope<'_> {
    pub const ALL: Scope<'static> = Scope { only: None };

    pub fn wants(&self, doc: &Doc) -> bool {
        self.only.is_none_or(|only| only.contains(&doc.rel_path))
    }
}

/// Runs every rule. `today` is passed in so tests can fix the date; `root` is the site folder
/// (for the files in static/).
pub fn run(site: &Site, bodies: &Bodies, today: Date, root: &std::path::Path, findings: &mut Vec<Finding>) {
    run_in(site, bodies, today, root, Scope::ALL, None, findings);
}

/// One rule, writing its findings into a list.
type Rule<'a> = dyn Fn(&mut Vec<Finding>) + Sync + 'a;

/// Runs every rule on the documents in `scope`.
pub fn run_in(
    site: &Site,
    bodies: &Bodies,
    today: Date,
    root: &std::path::Path,
    scope: Scope,
    link_map: Option<&crate::markdown::LinkMap>,
    findings: &mut Vec<Finding>,
) {
    // The rules are independent: they run side by side, each into its own list.
    let own;
    let map = match link_map {
        Some(m) => m,
        None => {
            own = crate::pipeline::link_map(site);
            &own
        }
    };
    let rules: [&Rule; 8] = [
        &|f| links::check(site, bodies, scope, f),
        &|f| internal::check(site, bodies, root, map, scope, f),
        &|f| headings::check(site, bodies, scope, f),
        &|f| consent::check(site, scope, f),
        &|f| freshness::check(site, today, scope, f),
        &|f| readability::check(site, bodies, scope, f),
        &|f| neutrality::check(site, scope, f),
        &|f| wording::check(site, scope, f),
    ];
    let found: Vec<Vec<Finding>> = rules
        .par_iter()
        .enumerate()
        .map(|(n, rule)| {
            let t = std::time::Instant::now();
            let mut f = Vec::new();
            rule(&mut f);
            if std::env::var_os("PJECE_TIMINGS").is_some() {
                eprintln!("rule {n}: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
            }
            f
        })
        .collect();
    for mut f in found {
        findings.append(&mut f);
    }
}
