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
use crate::model::Site;
use crate::render::Bodies;
use crate::yaml::Date;

/// Runs every rule. `today` is passed in so tests can fix the date; `root` is the site folder
/// (for the files in static/).
pub fn run(site: &Site, bodies: &Bodies, today: Date, root: &std::path::Path, findings: &mut Vec<Finding>) {
    links::check(site, bodies, findings);
    internal::check(site, bodies, root, &crate::pipeline::link_map(site), findings);
    headings::check(site, bodies, findings);
    consent::check(site, findings);
    freshness::check(site, today, findings);
    readability::check(site, bodies, findings);
    neutrality::check(site, findings);
    wording::check(site, findings);
}
