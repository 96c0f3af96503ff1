//! Links to content files that do not exist, and images without a text alternative.

use crate::diagnostics::{did_you_mean, Finding};
use crate::frontmatter::DocKind;
use crate::model::Site;
use crate::render::Bodies;

pub fn check(site: &Site, bodies: &Bodies, scope: super::Scope, findings: &mut Vec<Finding>) {
    // Suggest real file names: they are what the editor sees in the folder. Made only when a
    // link is broken.
    let names = std::cell::OnceCell::<Vec<String>>::new();
    let names = || {
        names.get_or_init(|| {
            DocKind::ALL
                .iter()
                .flat_map(|k| site.docs(*k).iter())
                .filter_map(|d| d.rel_path.rsplit('/').next().map(str::to_string))
                .collect()
        })
    };
    for kind in DocKind::ALL {
        for (doc, body) in site.docs(kind).iter().zip(bodies.of(kind)).filter(|(d, _)| scope.wants(d)) {
            for (line, dest) in &body.broken {
                let name = dest.rsplit('/').next().unwrap_or(dest);
                findings.push(Finding::error(
                    &doc.rel_path,
                    *line,
                    1,
                    format!(
                        "the link to `{dest}` leads nowhere: there is no such file in content/.{} Link to a file that exists, like `tryg-om-natten.md` or `../technologies/gps-tracker.md`.",
                        did_you_mean(name, names().iter().map(String::as_str))
                    ),
                ));
            }
            for link in body.links.iter().filter(|l| l.image && l.text.trim().is_empty()) {
                findings.push(Finding::error(
                    &doc.rel_path,
                    link.line,
                    1,
                    format!(
                        "the picture `{}` has no text for people who cannot see it. Write what it shows between the brackets: `![Et ur med ugedag](…)`.",
                        link.dest
                    ),
                ));
            }
        }
    }
}
