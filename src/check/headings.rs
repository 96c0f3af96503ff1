//! Headings: the title is the page's only main heading, and levels are never skipped.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::model::Site;
use crate::render::Bodies;

pub fn check(site: &Site, bodies: &Bodies, scope: super::Scope, findings: &mut Vec<Finding>) {
    for kind in DocKind::ALL {
        for (doc, body) in site.docs(kind).iter().zip(bodies.of(kind)).filter(|(d, _)| scope.wants(d)) {
            let mut previous = 1u8;
            for h in &body.headings {
                if h.level == 1 {
                    findings.push(Finding::error(
                        &doc.rel_path,
                        h.line,
                        1,
                        format!("the heading `# {}` is a main heading, but the title is already the page's main heading. Use `## {}` instead.", h.text, h.text),
                    ));
                } else if h.level > previous + 1 {
                    let why = if previous == 1 {
                        "the title is the page's level-1 heading, so the text's headings start at level 2".to_string()
                    } else {
                        format!("after a level-{previous} heading, the next can be at most level {}", previous + 1)
                    };
                    findings.push(Finding::error(
                        &doc.rel_path,
                        h.line,
                        1,
                        format!(
                            "the heading `{} {}` skips a level: {why}. Use `{} {}`, so screen readers can follow the order.",
                            "#".repeat(h.level as usize),
                            h.text,
                            "#".repeat(previous as usize + 1),
                            h.text
                        ),
                    ));
                }
                previous = h.level;
            }
        }
    }
}
