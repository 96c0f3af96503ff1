//! Freshness: a leaflet's `reviewed` date is not in the future and not older than the site allows.

use crate::diagnostics::Finding;
use crate::model::Site;
use crate::yaml::Date;

pub fn check(site: &Site, today: Date, scope: super::Scope, findings: &mut Vec<Finding>) {
    let max = site.config.max_age_months;
    for doc in site.leaflets.iter().filter(|d| scope.wants(d)) {
        let Some(reviewed) = doc.meta.reviewed else {
            continue;
        };
        if reviewed > today {
            findings.push(
                Finding::error(
                    &doc.rel_path,
                    doc.meta.reviewed_line,
                    1,
                    format!("`reviewed` is {}, a date in the future. Write the date the text was actually checked (today is {}).", reviewed.iso(), today.iso()),
                )
                .with_key("reviewed"),
            );
        } else if i64::from(reviewed.months_until(&today)) >= max {
            findings.push(
                Finding::warning(
                    &doc.rel_path,
                    doc.meta.reviewed_line,
                    1,
                    format!(
                        "`reviewed` is {}, {} months ago; leaflets are due for review every {max} months. Read the leaflet through, check that it is still right, and set `reviewed` to today's date.",
                        reviewed.iso(),
                        reviewed.months_until(&today)
                    ),
                )
                .with_key("reviewed"),
            );
        }
    }
}
