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
    run_in(site, bodies, today, root, Scope::ALL, findings);
}

/// Runs every rule on the documents in `scope`.
pub fn run_in(
    site: &Site,
    bodies: &Bodies,
    today: Date,
    root: &std::path::Path,
    scope: Scope,
    findings: &mut Vec<Finding>,
) {
    let mut findings_here = Vec::new();
    let findings_all = findings;
    let findings = &mut findings_here;
    links::check(site, bodies, scope, findings);
    internal::check(site, bodies, root, &crate::pipeline::link_map(site), scope, findings);
    headings::check(site, bodies, scope, findings);
    consent::check(site, scope, findings);
    freshness::check(site, today, scope, findings);
    readability::check(site, bodies, scope, findings);
    neutrality::check(site, scope, findings);
    wording::check(site, scope, findings);
    findings_all.append(findings);
}
