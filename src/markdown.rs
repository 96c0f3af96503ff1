//! Body → HTML with pulldown-cmark: heading ids, Danish quotes, and links rewritten so that
//! `/x` means the site root, `tryg-om-natten.md` means that leaflet, and the rest works as in a browser.

use crate::slug::slugify;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Where each content file is published, for links written as file names.
#[derive(Debug, Clone, Default)]
pub struct LinkMap {
    /// Content-relative path (`leaflets/tryg-om-natten.md`) → URL path.
    pub by_path: HashMap<String, String>,
    /// File name without folder (`tryg-om-natten.md`) → URL path; leaflets win over other kinds.
    pub by_name: HashMap<String, String>,
    /// The base path (`/hverdag/`) that `/x` links are placed under.
    pub base_path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub line: usize,
}

/// A link or image as written, with its line, for the link checks.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    pub dest: String,
    pub text: String,
    pub line: usize,
    pub image: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// Tables without a header row are impossible in CommonMark tables, so we only count them.
    pub tables: usize,
    /// The text without markup, for readability and search.
    pub text: String,
    /// Links to `.md` files that lead nowhere: (line, destination).
    pub broken: Vec<(usize, String)>,
}

/// The Markdown dialect of pjece; the content rules read bodies with the same options.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a body. `from` is the file's path under `content/` (`leaflets/a.md`), `first_line`
/// the file line of the body's first line.
pub fn render(body: &str, from: &str, first_line: usize, lang: &str, map: &LinkMap) -> Rendered {
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| first_line + line_starts.partition_point(|&s| s <= offset) - 1;
    let from_dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let danish = lang == "da" || lang.starts_with("da-");

    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_at: Option<(usize, usize)> = None; // (index in events, line)
    let mut link_at: Option<(usize, usize)> = None;
    let mut image_at: Option<(usize, usize)> = None;
    let mut used_ids: HashMap<String, usize> = HashMap::new();

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = rewrite_or_keep(&dest_url, from_dir, map, &mut out.broken, line_of(range.start));
                link_at = Some((out.links.len(), out.text.len()));
                out.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    line: line_of(range.start),
                    image: false,
                });
                Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id })
            }
            Event::End(TagEnd::Link) => {
                if let Some((i, start)) = link_at.take() {
                    out.links[i].text = out.text[start..].trim().to_string();
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = rewrite_or_keep(&dest_url, from_dir, map, &mut out.broken, line_of(range.start));
                image_at = Some((out.links.len(), out.text.len()));
                out.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    line: line_of(range.start),
                    image: true,
                });
                Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id })
            }
            Event::End(TagEnd::Image) => {
                // The alt text is the image's inner text, however the image was written.
                if let Some((i, start)) = image_at.take() {
                    out.links[i].text = out.text[start..].trim().to_string();
                }
                event
            }
            Event::Start(Tag::Heading { .. }) => {
                heading_at = Some((events.len(), line_of(range.start)));
                event
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((i, line)) = heading_at.take() {
                    let text = heading_text(&events[i + 1..]);
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                        let chosen = match id {
                            Some(given) => given.to_string(),
                            None => unique_id(&text, &mut used_ids),
                        };
                        *id = Some(CowStr::from(chosen.clone()));
                        out.headings.push(Heading { level: level_num(level), id: chosen, text, line });
                    }
                }
                event
            }
            Event::Start(Tag::Table(_)) => {
                out.tables += 1;
                event
            }
            Event::Text(t) => {
                out.text.push_str(&t);
                if danish && t.contains(['\u{201c}', '\u{201d}']) {
                    Event::Text(t.replace('\u{201c}', "\u{bb}").replace('\u{201d}', "\u{ab}").into())
                } else {
                    Event::Text(t)
                }
            }
            Event::Code(ref t) => {
                out.text.push_str(t);
                event
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                event
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.text.push('\n');
                event
            }
            other => other,
        };
        events.push(event);
    }
    out.html.reserve(body.len() * 3 / 2);
    html::push_html(&mut out.html, events.into_iter());
    out
}

fn rewrite_or_keep(
    dest: &str,
    from_dir: &str,
    map: &LinkMap,
    broken: &mut Vec<(usize, String)>,
    line: usize,
) -> String {
    match rewrite(dest, from_dir, map) {
        Ok(d) => d,
        Err(NoSuchFile) => {
            broken.push((line, dest.to_string()));
            dest.to_string()
        }
    }
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

fn heading_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

fn unique_id(text: &str, used: &mut HashMap<String, usize>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "afsnit".to_string(),
        s => s,
    };
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{n}")
    }
}

/// True for links that leave the site or stay on the page.
pub fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let first_sep = dest.find(['/', '?', '#']);
    dest.starts_with("//")
        || matches!((scheme_end, first_sep), (Some(c), None) if c > 0)
        || matches!((scheme_end, first_sep), (Some(c), Some(s)) if c > 0 && c < s)
}

/// A link to a `.md` file that is not in `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchFile;

/// Rewrites one link destination. `Err` when it names a `.md` file that does not exist.
pub fn rewrite(dest: &str, from_dir: &str, map: &LinkMap) -> Result<String, NoSuchFile> {
    if dest.is_empty() || dest.starts_with('#') || is_external(dest) {
        return Ok(dest.to_string());
    }
    let split = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(split);
    if path.ends_with(".md") {
        let decoded = percent_decode(path);
        let target = if let Some(abs) = decoded.strip_prefix('/') {
            // `/leaflets/a.md` from the site root, or `/content/leaflets/a.md`.
            let abs = abs.strip_prefix("content/").unwrap_or(abs);
            map.by_path.get(abs)
        } else {
            let joined = normalize(&format!("{from_dir}/{decoded}"));
            map.by_path.get(joined.as_str()).or_else(|| {
                let name = decoded.rsplit('/').next().unwrap_or(&decoded);
                map.by_name.get(name)
            })
        };
        return target.map(|url| format!("{url}{suffix}")).ok_or(NoSuchFile);
    }
    if let Some(rest) = dest.strip_prefix('/') {
        let rest =
            rest.strip_prefix(map.base_path.trim_start_matches('/')).filter(|_| map.base_path != "/").unwrap_or(rest);
        return Ok(format!("{}{rest}", map.base_path));
    }
    Ok(dest.to_string())
}

/// Resolves `.` and `..` in a `/`-separated path.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> LinkMap {
        let mut m = LinkMap { base_path: "/hverdag/".into(), ..Default::default() };
        m.by_path.insert("leaflets/tryg-om-natten.md".into(), "/hverdag/leaflets/tryg-om-natten/".into());
        m.by_path.insert("technologies/gps-tracker.md".into(), "/hverdag/technologies/gps-tracker/".into());
        m.by_name.insert("tryg-om-natten.md".into(), "/hverdag/leaflets/tryg-om-natten/".into());
        m
    }

    #[test]
    fn links_to_files_become_page_urls() {
        let m = map();
        assert_eq!(rewrite("tryg-om-natten.md", "leaflets", &m).unwrap(), "/hverdag/leaflets/tryg-om-natten/");
        assert_eq!(
            rewrite("tryg-om-natten.md#samtykke", "leaflets", &m).unwrap(),
            "/hverdag/leaflets/tryg-om-natten/#samtykke"
        );
        assert_eq!(
            rewrite("../technologies/gps-tracker.md", "leaflets", &m).unwrap(),
            "/hverdag/technologies/gps-tracker/"
        );
        assert_eq!(rewrite("/leaflets/tryg-om-natten.md", "pages", &m).unwrap(), "/hverdag/leaflets/tryg-om-natten/");
        assert!(rewrite("findes-ikke.md", "leaflets", &m).is_err());
    }

    #[test]
    fn root_links_go_under_the_base_path_and_others_are_kept() {
        let m = map();
        assert_eq!(rewrite("/img/ur.svg", "leaflets", &m).unwrap(), "/hverdag/img/ur.svg");
        assert_eq!(rewrite("/hverdag/img/ur.svg", "leaflets", &m).unwrap(), "/hverdag/img/ur.svg");
        assert_eq!(rewrite("../tryg-om-natten/", "leaflets", &m).unwrap(), "../tryg-om-natten/");
        assert_eq!(rewrite("https://borger.dk/", "leaflets", &m).unwrap(), "https://borger.dk/");
        assert_eq!(rewrite("mailto:a@b.dk", "leaflets", &m).unwrap(), "mailto:a@b.dk");
        assert_eq!(rewrite("#top", "leaflets", &m).unwrap(), "#top");
    }

    #[test]
    fn headings_get_unique_danish_ids_and_quotes_turn_danish() {
        let r = render("## Godt at vide\n\nHan sagde \"hej\".\n\n## Godt at vide\n", "leaflets/a.md", 5, "da", &map());
        assert!(r.html.contains(r#"<h2 id="godt-at-vide">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="godt-at-vide-2">"#));
        assert!(r.html.contains("»hej«"), "{}", r.html);
        assert_eq!(r.headings[1].line, 9);
    }

    #[test]
    fn links_are_collected_with_lines_and_broken_ones_reported() {
        let r = render(
            "Tekst\n\n[Tryg](tryg-om-natten.md) og [væk](vaek.md)\n\n![Et ur](/img/ur.svg)\n",
            "leaflets/a.md",
            10,
            "da",
            &map(),
        );
        assert_eq!(r.links.len(), 3);
        assert_eq!(r.links[0].text, "Tryg");
        assert_eq!(r.links[0].line, 12);
        assert_eq!(r.broken, vec![(12, "vaek.md".to_string())]);
        assert!(r.links[2].image);
        assert_eq!(r.links[2].text, "Et ur");
        assert!(r.html.contains(r#"src="/hverdag/img/ur.svg""#));
    }

    #[test]
    fn tables_and_footnotes_render() {
        let r = render(
            "| Hvad | Hvordan |\n|---|---|\n| Ur | Køb |\n\nTekst[^1]\n\n[^1]: Note.\n",
            "leaflets/a.md",
            1,
            "da",
            &map(),
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<th>Hvad</th>"));
        assert!(r.html.contains("footnote"));
        assert_eq!(r.tables, 1);
    }

    #[test]
    fn normalize_handles_dots() {
        assert_eq!(normalize("leaflets/../technologies/./a.md"), "technologies/a.md");
        assert_eq!(normalize("../../x"), "x");
    }
}
