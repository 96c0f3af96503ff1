//! Property tests (proptest) of the pure functions that see editors' text and visitors' URLs:
//! slugs, link rewriting, path normalisation, the dev server's path cleaning, YAML and front
//! matter parsing, and Markdown rendering.
//!
//! Each property runs `PROPTEST_CASES` cases (proptest's default, 256, unless set); the
//! "never panics" properties mix fully arbitrary strings with strings built from the tokens
//! that matter to each parser, so that the interesting corners are reached often.
//! `PROPTEST_CASES=100000 cargo test --release --test properties` is a long run.

use pjece::diagnostics::Finding;
use pjece::frontmatter::{self, DocKind};
use pjece::markdown::{self, LinkMap};
use pjece::serve::clean_path;
use pjece::slug::slugify;
use pjece::yaml::{self, Source};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Strings made of pieces drawn from `tokens`, up to `max` pieces.
fn tokens(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat())
}

/// Text an editor might give a file or a heading: Danish and other European letters, other
/// scripts, digits, spaces and punctuation.
fn title_like() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "a", "b", "z", "A", "Z", "0", "9", "æ", "ø", "å", "Æ", "Ø", "Å", "é", "ü", "ß", "ö", "ñ", " ", "  ", "-", "--",
        "_", ".", "/", "?", "!", "'", "\"", "»", "«", "–", "\t", "\n", "ب", "س", "ا", "ш", "Ж", "中", "文", "١", "²",
        "İ", "ǅ", "Å", "K", "\u{301}", "\u{200b}", "🙂", "hjælp", "til", "søvn",
    ];
    prop_oneof![tokens(PIECES, 24), any::<String>(), "\\PC*"]
}

/// Latin-script letters outside ASCII (Latin-1 Supplement up to Latin Extended Additional,
/// Latin Extended-C/D/E, full-width Latin), which a slug must transliterate, not keep.
fn is_latin_non_ascii(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
        && c.is_alphabetic()
        && c != '×'
        && c != '÷'
}

fn base_path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/".to_string()),
        Just("/hverdag/".to_string()),
        Just("/a/b/".to_string()),
        "[a-z0-9æøå-]{1,8}".prop_map(|s| format!("/{s}/")),
    ]
}

fn link_map(base: &str) -> LinkMap {
    let mut m = LinkMap { base_path: base.to_string(), ..Default::default() };
    let url = format!("{base}leaflets/tryg/");
    m.by_path.insert("leaflets/tryg.md".into(), url.clone());
    m.by_name.insert("tryg.md".into(), url);
    m.by_path.insert("technologies/natlys.md".into(), format!("{base}technologies/natlys/"));
    m
}

/// Link destinations as editors write them, good and bad.
fn dest_like() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "/", "//", ".", "..", "../", "./", "a", "tryg", "tryg.md", "natlys.md", ".md", "leaflets/", "technologies/",
        "content/", "hverdag/", "#", "?", "x=1", ":", "http:", "https://", "mailto:", "%", "%2e", "%2F", "%c3%a6",
        "%ff", "æ", " ", "\\", "\0",
    ];
    prop_oneof![tokens(PIECES, 12), any::<String>()]
}

/// URL paths as a browser or an attacker sends them.
fn url_like() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "/", "//", ".", "..", "...", "%2e", "%2E", "%2e%2e", "%2f", "%2F", "%5c", "%5C", "%00", "%", "%%", "%zz",
        "%c3", "%a6", "%c3%a6", "%ff", "%3f", "%3F", "%23", "%25", "%2525", "\\", "\0", ":", "C:", "?", "#", "a",
        "b.html", "index.html", "æ", " ", "~",
    ];
    prop_oneof![tokens(PIECES, 16), any::<String>(), "/\\PC*"]
}

/// YAML-ish text: keys, flow and block collections, anchors, tags, quotes, indentation.
fn yaml_like() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "title", "summary", "problems", "reviewed", "draft", "technologies", "audience", "category", "order",
        "consent", "examples", ": ", ":", "\n", "\n  ", "\n    ", "- ", "[", "]", "{", "}", ", ", "\"", "'", "&a ",
        "*a", "!!str ", "!!binary ", "!tag ", "<<: ", "? ", "|", ">", "#", "---\n", "...\n", "2026-05-01", "true",
        "no", "yes", "~", "null", "1e999", "-1", "0x1F", "9223372036854775808", "æøå", "\t", "%YAML 1.2\n", "\\",
        "\u{feff}",
    ];
    prop_oneof![tokens(PIECES, 40), any::<String>()]
}

/// Markdown-ish text: block and inline syntax, links, tables, footnotes, HTML, entities.
fn markdown_like() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "# ", "## ", "###### ", "####### ", "\n", "\n\n", "  ", "    ", "\t", "- ", "* ", "1. ", "> ", "```", "~~~",
        "---", "***", "===", "|", "|---|", ":-:", "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: ", "[a]: ", "<",
        ">", "<div>", "</div>", "<a href=\"x\">", "&amp;", "&#0;", "&#x110000;", "*", "_", "**", "~~", "`", "\\",
        "\"", "'", "{#id}", "{.c}", "tryg.md", "/img/x.svg", "../", "https://x.dk", "mailto:a@b.dk", "%", "%c3%a6",
        "æøå", "ب", "\u{0}", "\r", "\r\n", "\u{feff}", "\u{2028}",
    ];
    prop_oneof![tokens(PIECES, 60), any::<String>()]
}

/// True when the letter is a plain ASCII letter with accents or a ligature of such letters.
fn has_plain_base(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let base: String = std::iter::once(c).nfkd().filter(|c| !is_combining_mark(*c)).collect();
    !base.is_empty() && base.chars().all(|c| c.is_ascii_alphanumeric())
}

fn source(path: &str) -> Source<'_> {
    Source { path, first_line: 2, what: "a leaflet", anchor_line: 1, place: yaml::FRONT_MATTER }
}

// ---------------------------------------------------------------------------------------------
// slug::slugify
// ---------------------------------------------------------------------------------------------

proptest! {
    /// Only `[a-z0-9-]` and letters or digits of non-Latin scripts, kept as they are.
    #[test]
    fn slug_has_only_allowed_characters(text in title_like()) {
        let slug = slugify(&text);
        for c in slug.chars() {
            let ok = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (!c.is_ascii() && c.is_alphanumeric());
            prop_assert!(ok, "{slug:?} (from {text:?}) holds {c:?}");
            prop_assert!(c.to_lowercase().eq([c]), "{slug:?} (from {text:?}) holds an upper-case {c:?}");
        }
    }

    /// Latin letters with accents are transliterated ("other accents dropped", says slugify's
    /// doc), never kept: `dvořák` or `łódź` make web addresses an editor cannot type, and a
    /// link written `dvorak.md` then leads nowhere. (Letters with no plain base letter at all,
    /// like the old yogh `ȝ`, are kept as they are.)
    #[test]
    fn slug_keeps_no_latin_letter_with_an_accent(text in title_like()) {
        let slug = slugify(&text);
        let kept: Vec<char> = slug.chars().filter(|c| is_latin_non_ascii(*c) && has_plain_base(*c)).collect();
        prop_assert!(kept.is_empty(), "{slug:?} (from {text:?}) keeps Latin letters {kept:?}");
    }

    #[test]
    fn slug_has_no_leading_trailing_or_double_dashes(text in title_like()) {
        let slug = slugify(&text);
        prop_assert!(!slug.starts_with('-'), "{slug:?} from {text:?}");
        prop_assert!(!slug.ends_with('-'), "{slug:?} from {text:?}");
        prop_assert!(!slug.contains("--"), "{slug:?} from {text:?}");
    }

    #[test]
    fn slug_is_idempotent(text in title_like()) {
        let once = slugify(&text);
        prop_assert_eq!(slugify(&once), once.clone(), "from {:?}", text);
        prop_assert_eq!(pjece::slug::is_clean(&once), !once.is_empty());
    }

    /// æ→ae, ø→oe, å→aa (either case) between plain ASCII words.
    #[test]
    fn danish_letters_are_transliterated(
        a in "[a-z0-9]{0,6}",
        b in "[a-z0-9]{0,6}",
        (letter, expected) in prop::sample::select(vec![
            ('æ', "ae"), ('ø', "oe"), ('å', "aa"), ('Æ', "ae"), ('Ø', "oe"), ('Å', "aa"),
        ]),
    ) {
        prop_assert_eq!(slugify(&format!("{a}{letter}{b}")), format!("{a}{expected}{b}"));
    }

    /// A file name saved in decomposed form (NFD: `a` + U+030A COMBINING RING, as macOS's
    /// HFS+ and some zip and sync tools store names) gives the same slug as the composed one.
    #[test]
    fn decomposed_letters_give_the_same_slug(
        a in "[a-z]{0,6}",
        b in "[a-z]{0,6}",
        (composed, decomposed) in prop::sample::select(vec![
            ("å", "a\u{30a}"), ("Å", "A\u{30a}"), ("é", "e\u{301}"), ("ü", "u\u{308}"), ("ö", "o\u{308}"),
            ("ñ", "n\u{303}"),
        ]),
    ) {
        prop_assert_eq!(slugify(&format!("{a}{decomposed}{b}")), slugify(&format!("{a}{composed}{b}")));
    }

    /// Runs of anything that is not a letter or digit become one dash between words.
    #[test]
    fn separators_collapse_to_one_dash(
        words in prop::collection::vec("[a-z0-9]{1,5}", 1..5),
        seps in prop::collection::vec("[ \\-_./?!,:;()\\t]{1,4}", 4),
    ) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                text.push_str(&seps[i - 1]);
            }
            text.push_str(w);
        }
        prop_assert_eq!(slugify(&format!("  {text}  ")), words.join("-"));
    }
}

// ---------------------------------------------------------------------------------------------
// markdown::normalize and markdown::rewrite
// ---------------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn normalize_leaves_no_dot_segments(path in dest_like()) {
        let n = markdown::normalize(&path);
        for seg in n.split('/') {
            prop_assert!(seg != "." && seg != "..", "{n:?} (from {path:?}) has a dot segment");
        }
        prop_assert!(!n.starts_with('/') && !n.ends_with('/') && !n.contains("//"), "{n:?} from {path:?}");
        prop_assert_eq!(markdown::normalize(&n), n.clone(), "not idempotent, from {:?}", path);
    }

    #[test]
    fn rewrite_never_panics(dest in dest_like(), from_dir in dest_like(), base in base_path()) {
        let _ = markdown::rewrite(&dest, &from_dir, &link_map(&base));
    }

    /// `/x` means the site root: the result is under the base path, and a link already under
    /// the base path is not moved twice.
    #[test]
    fn root_links_land_under_the_base_path(
        rest in "[a-zA-Z0-9æøå_. %/-]{0,30}",
        suffix in prop_oneof![Just(String::new()), "#[a-z]{0,5}", "\\?[a-z=]{0,5}"],
        base in base_path(),
    ) {
        let rest = rest.trim_start_matches('/');
        prop_assume!(!rest.ends_with(".md"));
        let dest = format!("/{rest}{suffix}");
        let out = markdown::rewrite(&dest, "leaflets", &link_map(&base));
        prop_assert!(out.is_ok(), "{dest:?} → {out:?}");
        let out = out.unwrap();
        prop_assert!(out.starts_with(&base), "{dest:?} → {out:?} is not under {base:?}");
        prop_assert!(out.ends_with(&suffix), "{dest:?} → {out:?} lost its suffix");
        if dest.starts_with(&base) {
            prop_assert_eq!(&out, &dest, "a link already under the base path was moved");
        }
    }

    /// Links that leave the site (a scheme, or `//host`) are kept exactly as written.
    #[test]
    fn external_links_are_kept(
        scheme in prop::sample::select(vec!["https://", "http://", "mailto:", "tel:", "//", "ftp://", "HTTPS://"]),
        rest in "[a-zA-Z0-9æøå_.%/?#=&@+-]{0,30}",
        base in base_path(),
        from_dir in dest_like(),
    ) {
        let dest = format!("{scheme}{rest}");
        prop_assert!(markdown::is_external(&dest), "{dest:?} is not seen as external");
        prop_assert_eq!(markdown::rewrite(&dest, &from_dir, &link_map(&base)), Ok(dest.clone()));
    }

    /// Fragments, relative links that are not `.md` files, and empty links are kept.
    #[test]
    fn fragments_and_relative_links_are_kept(
        dest in prop_oneof!["#[a-z0-9-]{0,10}", "\\.\\./[a-z-]{1,10}/", "[a-z-]{1,10}/", "[a-z]{1,8}\\.(svg|png|pdf)"],
        base in base_path(),
    ) {
        prop_assert_eq!(markdown::rewrite(&dest, "leaflets", &link_map(&base)), Ok(dest.clone()));
    }

    /// A `.md` link resolves to that file's page (keeping `#…`), or is an error: never a `.md` URL.
    #[test]
    fn md_links_resolve_or_fail(
        prefix in prop::sample::select(vec!["", "./", "../leaflets/", "/leaflets/", "/content/leaflets/", "../../"]),
        name in prop::sample::select(vec!["tryg", "natlys", "findes-ikke"]),
        frag in prop_oneof![Just(String::new()), "#[a-z]{1,5}"],
        base in base_path(),
    ) {
        let dest = format!("{prefix}{name}.md{frag}");
        match markdown::rewrite(&dest, "leaflets", &link_map(&base)) {
            Ok(url) => {
                prop_assert!(url.starts_with(&base) && !url.contains(".md"), "{dest:?} → {url:?}");
                prop_assert!(url.ends_with(&format!("/{frag}")), "{dest:?} → {url:?}");
            }
            Err(_) => prop_assert!(name != "tryg", "{dest:?} should reach the leaflet"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// serve::clean_path
// ---------------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn clean_path_gives_a_safe_relative_path(url in url_like()) {
        if let Ok(p) = clean_path(&url) {
            prop_assert!(!p.starts_with('/'), "{url:?} → {p:?}");
            prop_assert!(!p.contains('\\') && !p.contains('\0'), "{url:?} → {p:?}");
            for seg in p.split('/') {
                prop_assert!(seg != ".." && seg != ".", "{url:?} → {p:?}");
            }
            prop_assert!(!p.contains("//"), "{url:?} → {p:?}");
            // Cleaning is stable: the cleaned path, percent-encoded again where it must be
            // (`/%3f` is a file named `?`), names the same file.
            let encoded = p.replace('%', "%25").replace('?', "%3F").replace('#', "%23");
            prop_assert_eq!(clean_path(&format!("/{encoded}")), Ok(p.clone()), "from {:?}", url);
        }
    }

    /// Any encoding of `..` or a backslash is refused, whatever surrounds it.
    #[test]
    fn traversal_is_refused(
        before in "(/[a-z]{1,4}){0,3}",
        dots in prop::sample::select(vec!["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2f..", "..%5c", "%5c", "%00", "\\"]),
        after in "(/[a-z]{1,4}){0,3}",
    ) {
        let url = format!("{before}/{dots}{after}");
        prop_assert!(clean_path(&url).is_err(), "{url:?} → {:?}", clean_path(&url));
    }
}

// ---------------------------------------------------------------------------------------------
// yaml::parse, frontmatter::parse, markdown::render
// ---------------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn yaml_and_front_matter_never_panic(text in yaml_like()) {
        let _ = yaml::parse(&text);
        for kind in DocKind::ALL {
            let mut findings: Vec<Finding> = Vec::new();
            let _ = frontmatter::parse(kind, &text, &source("content/leaflets/x.md"), &mut findings);
            let specs = frontmatter::translation_specs(kind);
            let _ = frontmatter::parse_with(&specs, &text, &source("content/leaflets/x.en.md"), &mut findings);
            // Every finding names the file and a line inside it (the YAML starts at line 2).
            for f in &findings {
                prop_assert!(f.path.starts_with("content/leaflets/x."), "{f:?}");
                prop_assert!(f.line >= 1 && f.col >= 1 && !f.message.is_empty(), "{f:?}");
            }
        }
    }

    /// A finding is one line, whatever the YAML quotes: a value folded over several lines
    /// (`draft: ja⏎⏎  måske` is `ja\nmåske`) or with control characters is shown escaped.
    #[test]
    fn front_matter_findings_are_one_line(
        value in prop_oneof![yaml_like(), "[a-zæøå]{1,5}(\n\n  [a-zæøå]{1,5}){1,3}", "[a-z]{1,5}\r\r [a-z]{1,5}"],
        key in prop::sample::select(vec!["draft", "title", "reviewed", "audience", "order", "nøgle"]),
    ) {
        let text = format!("{key}: {value}\n");
        for kind in DocKind::ALL {
            let mut findings: Vec<Finding> = Vec::new();
            let _ = frontmatter::parse(kind, &text, &source("content/leaflets/x.md"), &mut findings);
            for f in &findings {
                let line = f.to_string();
                prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "not one clean line: {line:?}");
            }
        }
    }

    #[test]
    fn front_matter_split_never_panics(text in prop_oneof![yaml_like(), markdown_like()], top in any::<bool>()) {
        let text = if top { format!("---\n{text}") } else { text };
        if let Ok((yaml, yaml_line, body, body_line)) = pjece::load::split_front_matter(&text) {
            prop_assert!(yaml_line >= 1 && body_line > yaml_line);
            prop_assert!(text.contains(yaml) && text.ends_with(body));
        }
    }

    #[test]
    fn markdown_render_never_panics(body in markdown_like(), lang in prop::sample::select(vec!["da", "en", "ar"])) {
        let r = markdown::render(&body, "leaflets/a.md", 5, lang, &link_map("/hverdag/"));
        for h in &r.headings {
            prop_assert!(h.line >= 5 && (1..=6).contains(&h.level));
        }
        for l in &r.links {
            prop_assert!(l.line >= 5);
        }
    }
}
