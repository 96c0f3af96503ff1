//! A leaflet that links a technology which locates, senses or watches a person must say how
//! consent and privacy are handled (site contract, `consent: true`).

use crate::diagnostics::Finding;
use crate::model::Site;

/// Words that show the text speaks of consent, per main language.
fn consent_words(lang: &str) -> &'static [&'static str] {
    match lang.split('-').next().unwrap_or(lang) {
        "da" => &["samtykke"],
        "en" => &["consent"],
        "sv" => &["samtycke"],
        "nb" | "nn" | "no" => &["samtykke"],
        _ => &[],
    }
}

pub fn check(site: &Site, scope: super::Scope, findings: &mut Vec<Finding>) {
    let words = consent_words(&site.config.language);
    if words.is_empty() {
        return;
    }
    for (i, doc) in site.leaflets.iter().enumerate().filter(|(_, d)| scope.wants(d)) {
        let watching: Vec<&str> = site.links.leaflet_technologies[i]
            .iter()
            .filter(|&&t| site.technologies[t].meta.consent)
            .map(|&t| site.technologies[t].slug.as_str())
            .collect();
        if watching.is_empty() {
            continue;
        }
        let body = doc.body.to_lowercase();
        if !words.iter().any(|w| body.contains(w)) {
            let line = doc
                .meta
                .technologies
                .iter()
                .find(|t| watching.contains(&t.text.trim().trim_end_matches(".md")))
                .map(|t| t.line)
                .unwrap_or(1);
            findings.push(
                Finding::error(
                    &doc.rel_path,
                    line,
                    1,
                    format!(
                        "the leaflet links `{}`, which can locate or watch a person, but the text never says how consent is handled. Add a section on {} and privacy: the person decides, can say no, and who sees the data.",
                        watching.join("`, `"),
                        words[0]
                    ),
                )
                .with_key("technologies"),
            );
        }
    }
}
