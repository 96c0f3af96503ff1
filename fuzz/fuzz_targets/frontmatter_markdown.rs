//! A content file as bytes: split off the front matter, parse it as every kind of content
//! file (and as a translation), and render the body. Nothing may panic, and every finding must
//! be one line that names the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pjece::diagnostics::Finding;
use pjece::frontmatter::{self, DocKind};
use pjece::markdown::{self, LinkMap};
use pjece::yaml::{self, Source};

const PATH: &str = "content/leaflets/x.md";

fn link_map() -> LinkMap {
    let mut m = LinkMap { base_path: "/hverdag/".into(), ..Default::default() };
    m.by_path.insert("leaflets/tryg.md".into(), "/hverdag/leaflets/tryg/".into());
    m.by_name.insert("tryg.md".into(), "/hverdag/leaflets/tryg/".into());
    m
}

fuzz_target!(|data: &[u8]| {
    // The loader refuses invalid UTF-8 with a finding; the lossy text still exercises the rest.
    let text = String::from_utf8_lossy(data);
    let map = link_map();
    match pjece::load::split_front_matter(&text) {
        Ok((front, front_line, body, body_line)) => {
            let _ = yaml::parse(front);
            // Each kind's keys, and a leaflet translation's.
            let leaflet_translation = frontmatter::translation_specs(DocKind::Leaflet);
            for kind in DocKind::ALL {
                let src = Source {
                    path: PATH,
                    first_line: front_line,
                    what: kind.what(),
                    anchor_line: 1,
                    place: yaml::FRONT_MATTER,
                };
                let mut findings: Vec<Finding> = Vec::new();
                let _ = frontmatter::parse(kind, front, &src, &mut findings);
                if kind == DocKind::Leaflet {
                    let _ = frontmatter::parse_with(&leaflet_translation, front, &src, &mut findings);
                }
                for f in &findings {
                    assert_eq!(f.path, PATH);
                    // One line, as printed: no line breaks or other control characters.
                    let line = f.to_string();
                    assert!(!f.message.is_empty() && !line.chars().any(|c| c.is_control() && c != '\t'), "{line:?}");
                }
            }
            // Danish (quotes are turned) or another language, by the input's length.
            let lang = if data.len().is_multiple_of(2) { "da" } else { "ar" };
            let r = markdown::render(body, "leaflets/x.md", body_line, lang, &map);
            assert!(r.headings.iter().all(|h| h.line >= body_line));
            assert!(r.links.iter().all(|l| l.line >= body_line));
        }
        Err((line, message)) => {
            assert!(line >= 1 && !message.contains('\n'));
            let _ = markdown::render(&text, "leaflets/x.md", 1, "da", &map);
        }
    }
});
