//! Content rules that read the rendered site: one file per rule. `build` and `check` run them all.

mod consent;
mod freshness;
mod headings;
mod links;
mod neutrality;
pub mod readability;
mod wording;

use crate::diagnostics::Finding;
use crate::model::Site;
use crate::render::Bodies;
use crate::yaml::Date;

/// Runs every rule. `today` is passed in so tests can fix the date.
pub fn run(site: &Site, bodies: &Bodies, today: Date, findings: &mut Vec<Finding>) {
    links::check(site, bodies, findings);
    headings::check(site, bodies, findings);
    consent::check(site, findings);
    freshness::check(site, today, findings);
    readability::check(site, bodies, findings);
    neutrality::check(site, findings);
    wording::check(site, findings);
}
