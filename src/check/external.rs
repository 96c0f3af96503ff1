//! `pjece check --online`: every link to another website is fetched once, with a short timeout.
//! Never part of `build` or CI: the result depends on other people's servers.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::markdown;
use crate::model::Site;
use crate::render::Bodies;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::process::Command;

/// Seconds one address may take.
const TIMEOUT: &str = "8";

/// The HTTP status of `url` (after redirects), with curl; `Err` when it cannot be fetched.
fn status(url: &str) -> Result<u16, String> {
    let out = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-L", "--max-time", TIMEOUT, "-w", "%{http_code}", "-A", "pjece-link-check"])
        .arg(url)
        .output()
        .map_err(|e| format!("curl could not be started ({e}); install curl to check links online"))?;
    let code: u16 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0);
    if code == 0 {
        Err("no answer within the time limit".into())
    } else {
        Ok(code)
    }
}

pub fn check(site: &Site, bodies: &Bodies, findings: &mut Vec<Finding>) {
    // Address → every (file, line) that links it, so each address is fetched once.
    let mut uses: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    let docs = DocKind::ALL
        .iter()
        .flat_map(|k| site.docs(*k).iter().zip(bodies.of(*k)))
        .chain(site.translations.iter().zip(&bodies.translations));
    for (doc, body) in docs {
        for link in &body.links {
            if markdown::is_external(&link.dest)
                && (link.dest.starts_with("http://") || link.dest.starts_with("https://"))
            {
                uses.entry(link.dest.clone()).or_default().push((doc.rel_path.clone(), link.line));
            }
        }
    }
    let results: Vec<(&String, Result<u16, String>)> =
        uses.keys().collect::<Vec<_>>().into_par_iter().map(|u| (u, status(u))).collect();
    for (url, result) in results {
        let problem = match result {
            Ok(code) if code < 400 => continue,
            Ok(code) => format!("answers with error {code}"),
            Err(e) => e,
        };
        for (path, line) in &uses[url] {
            findings.push(Finding::warning(
                path,
                *line,
                1,
                format!("the link to {url} does not work right now ({problem}). Check the address in a browser, and change or remove the link."),
            ));
        }
    }
}
