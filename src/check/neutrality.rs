//! Neutrality: a public body may not advertise products or companies (domain rule 1).
//!
//! - A brand, product or company name from `data/brands.txt` or from `neutrality.forbidden` in
//!   site.yaml, in a title, summary, example, the text (picture texts and link texts included)
//!   or a file name → error.
//! - A trademark sign (™ or ®) → error.
//! - A link to a shop (`data/shop-domains.txt`) or to a domain that contains a listed name →
//!   warning.
//! - A price ("499 kr.", "DKK 300", "€ 50") anywhere but on free pages → warning.
//!
//! Names are matched as whole words, ignoring upper and lower case, except names marked
//! `!case` in the list: those are ordinary words too ("Netto", "Power", "Jysk") and are only
//! found with exactly the capital letters of the list. See the notes at the top of
//! `data/brands.txt`.

use crate::diagnostics::Finding;
use crate::frontmatter::DocKind;
use crate::model::{Doc, Site};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The shipped list of names, grouped by kind of technology.
pub const BRANDS: &str = include_str!("../../data/brands.txt");
/// The shipped list of shop domains.
pub const SHOP_DOMAINS: &str = include_str!("../../data/shop-domains.txt");

/// Advice for names from site.yaml, which carry no group of their own.
const DEFAULT_INSTEAD: &str = "en stemmestyret højttaler";

/// Danish endings that may follow a name that is not marked `!case`: `iPads`, `iPaden`, `iPhonen`.
const ENDINGS: &[&str] = &["erne", "ens", "ets", "en", "et", "ns", "s", "n"];

/// One name that must never appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// As written in the list.
    pub text: String,
    /// `!case`: only found with exactly these capital letters, and never in file names.
    pub exact_case: bool,
    /// The group in brands.txt ("phones, tablets and computers"); empty for site.yaml names.
    pub group: String,
    /// What to write instead, in Danish.
    pub instead: String,
    /// From site.yaml's `neutrality.forbidden` rather than the shipped list.
    pub from_site: bool,
}

/// Reads a name list: `[group | instead]` lines start a group, `#` starts a comment, and every
/// other line is one name, optionally followed by `!case`.
pub fn parse_names(list: &str) -> Vec<Name> {
    let mut out = Vec::new();
    let (mut group, mut instead) = (String::new(), DEFAULT_INSTEAD.to_string());
    for line in list.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (g, i) = inner.split_once('|').unwrap_or((inner, DEFAULT_INSTEAD));
            group = g.trim().to_string();
            instead = i.trim().to_string();
            continue;
        }
        out.push(name(line, &group, &instead, false));
    }
    out
}

fn name(line: &str, group: &str, instead: &str, from_site: bool) -> Name {
    let (text, exact_case) = match line.trim().strip_suffix("!case") {
        Some(t) => (t.trim(), true),
        None => (line.trim(), false),
    };
    Name { text: text.to_string(), exact_case, group: group.to_string(), instead: instead.to_string(), from_site }
}

/// The names shipped with pjece.
pub fn shipped_names() -> &'static [Name] {
    static NAMES: OnceLock<Vec<Name>> = OnceLock::new();
    NAMES.get_or_init(|| parse_names(BRANDS))
}

/// The shop domains shipped with pjece, in small letters.
pub fn shop_domains() -> &'static [String] {
    static DOMAINS: OnceLock<Vec<String>> = OnceLock::new();
    DOMAINS.get_or_init(|| {
        SHOP_DOMAINS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.trim_start_matches("www.").to_lowercase())
            .collect()
    })
}

/// The site's own names first (so their message wins when a name is in both lists), then the
/// shipped ones.
fn all_names(site: &Site) -> Vec<Name> {
    let mut names: Vec<Name> = site
        .config
        .forbidden
        .iter()
        .filter(|f| !f.trim().trim_end_matches("!case").trim().is_empty())
        .map(|f| name(f, "", DEFAULT_INSTEAD, true))
        .collect();
    names.extend(shipped_names().iter().cloned());
    names
}

// ---------------------------------------------------------------------------------------------
// Text with positions
// ---------------------------------------------------------------------------------------------

/// Text as characters, each with its file line and 1-based column (0, 0 when unknown).
/// Characters that an editor does not see as text (Markdown signs, link addresses) are spaces.
#[derive(Debug, Default)]
pub(crate) struct Placed {
    pub chars: Vec<char>,
    pub pos: Vec<(usize, usize)>,
}

impl Placed {
    /// `src` starting at file line `first_line`; bytes for which `keep` is false become spaces.
    pub fn new(src: &str, first_line: usize, keep: impl Fn(usize) -> bool) -> Placed {
        let mut out = Placed::default();
        let (mut line, mut col) = (first_line, 1);
        for (i, c) in src.char_indices() {
            out.chars.push(if c == '\n' || keep(i) { c } else { ' ' });
            out.pos.push((line, col));
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        out
    }

    /// A value whose place in the file is not known: every character at line 0.
    fn unplaced(text: &str) -> Placed {
        Placed { chars: text.chars().collect(), pos: vec![(0, 0); text.chars().count()] }
    }

    fn text(&self, start: usize, end: usize) -> String {
        let s: String = self.chars[start..end].iter().collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Byte ranges of a Markdown body that are text a reader sees: paragraphs, headings, list items,
/// table cells, code, picture texts and link texts — not link addresses, HTML or Markdown signs.
fn visible_text(body: &str) -> Vec<bool> {
    let mut keep = vec![false; body.len()];
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        if let Event::Text(_) | Event::Code(_) = event {
            keep[range].fill(true);
        }
    }
    keep
}

/// The front matter as written and the file line of its first line, kept with each document.
fn front_matter(doc: &Doc) -> Option<(String, usize)> {
    Some((doc.front.clone(), doc.front_line))
}

/// The front-matter keys whose values readers see.
const SHOWN_KEYS: &[&str] = &["title", "summary", "examples"];

/// The values of `title`, `summary` and `examples` with their places in the file, as
/// (key, text) pairs. Without the front matter text, the parsed values without places.
fn front_values(doc: &Doc, front: Option<&(String, usize)>) -> Vec<(&'static str, Placed)> {
    let Some((front, first)) = front else {
        let mut out = vec![("title", Placed::unplaced(&doc.meta.title))];
        out.push(("summary", Placed::unplaced(&doc.meta.summary)));
        out.extend(doc.meta.examples.iter().map(|e| ("examples", Placed::unplaced(e))));
        return out;
    };
    // Each top-level key starts a line with `key:`; its value runs to the next such line.
    let mut spans: Vec<(usize, &str)> = Vec::new(); // (byte offset of the line, key)
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let key: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !key.is_empty() && line[key.len()..].trim_start().starts_with(':') {
            spans.push((offset, &line[..key.len()]));
        }
        offset += line.len();
    }
    let mut out = Vec::new();
    for (i, (start, key)) in spans.iter().enumerate() {
        let Some(&shown) = SHOWN_KEYS.iter().find(|k| *k == key) else { continue };
        let end = spans.get(i + 1).map(|s| s.0).unwrap_or(front.len());
        let value_start = start + front[*start..].find(':').map(|c| c + 1).unwrap_or(0);
        let mut keep = vec![false; front.len()];
        keep[value_start..end].fill(true);
        // Comment lines are not shown to readers.
        let mut o = 0;
        for line in front.split_inclusive('\n') {
            if line.trim_start().starts_with('#') {
                keep[o..o + line.len()].fill(false);
            }
            o += line.len();
        }
        out.push((shown, Placed::new(front, *first, |b| keep[b])));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Finding names
// ---------------------------------------------------------------------------------------------

/// A name found in a text: character range and the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit<'n> {
    pub start: usize,
    pub end: usize,
    pub name: &'n Name,
}

fn same(a: char, b: char, exact: bool) -> bool {
    let a = if a == '\u{2019}' { '\'' } else { a };
    let b = if b == '\u{2019}' { '\'' } else { b };
    a == b || (!exact && (a.eq_ignore_ascii_case(&b) || (!a.is_ascii() && a.to_lowercase().eq(b.to_lowercase()))))
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Where the name `name` ends if it starts at `i` of `t`, as a whole word.
fn match_at(t: &[char], i: usize, name: &[char], exact: bool) -> Option<usize> {
    let (mut k, mut j) = (i, 0);
    while j < name.len() {
        if name[j] == ' ' || name[j] == '-' {
            // A space or hyphen in a name matches any run of spaces, hyphens and line breaks.
            let from = k;
            while k < t.len() && is_separator(t[k]) {
                k += 1;
            }
            if k == from {
                return None;
            }
            while j < name.len() && (name[j] == ' ' || name[j] == '-') {
                j += 1;
            }
            continue;
        }
        if k >= t.len() || !same(name[j], t[k], exact) {
            return None;
        }
        j += 1;
        k += 1;
    }
    let boundary = |at: usize| at >= t.len() || !t[at].is_alphanumeric();
    if boundary(k) {
        return Some(k);
    }
    if exact || !name.last().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    ENDINGS.iter().find_map(|e| {
        let len = e.chars().count();
        let fits = t.len() >= k + len && e.chars().zip(&t[k..]).all(|(a, b)| same(a, *b, false));
        (fits && boundary(k + len)).then_some(k + len)
    })
}

/// The names to look for, indexed by their first letter in small letters.
pub(crate) struct Matcher<'n> {
    by_first: HashMap<char, Vec<(&'n Name, Vec<char>)>>,
}

impl<'n> Matcher<'n> {
    /// `in_file_name`: leave out the names that need their capital letters.
    pub fn new(names: &'n [Name], in_file_name: bool) -> Matcher<'n> {
        let mut by_first: HashMap<char, Vec<(&'n Name, Vec<char>)>> = HashMap::new();
        for n in names.iter().filter(|n| !(in_file_name && n.exact_case)) {
            let chars: Vec<char> = n.text.chars().collect();
            if let Some(first) = chars.first() {
                by_first.entry(lower(*first)).or_default().push((n, chars.clone()));
            }
        }
        Matcher { by_first }
    }

    /// Every name in `t`, in text order; where two overlap, the longest.
    pub fn find(&self, t: &[char]) -> Vec<Hit<'n>> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < t.len() {
            let starts_word = i == 0 || !t[i - 1].is_alphanumeric();
            let mut best: Option<Hit> = None;
            if starts_word && t[i].is_alphanumeric() {
                let key = lower(t[i]);
                let next = t.get(i + 1).map(|c| lower(*c));
                for (n, chars) in self.by_first.get(&key).into_iter().flatten() {
                    // Most names differ from the text by their second letter: a cheap test first.
                    if let (Some(second), Some(next)) = (chars.get(1), next) {
                        if second.is_alphanumeric() && lower(*second) != next {
                            continue;
                        }
                    }
                    if let Some(end) = match_at(t, i, chars, n.exact_case) {
                        if best.is_none_or(|b| end > b.end) {
                            best = Some(Hit { start: i, end, name: n });
                        }
                    }
                }
            }
            match best {
                Some(h) => {
                    hits.push(h);
                    i = h.end;
                }
                None => i += 1,
            }
        }
        hits
    }
}

/// A character in small letters (its first small letter where there are several).
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn name_message(found: &str, n: &Name, place: Option<&str>) -> String {
    let which = if found == n.text { format!("»{found}«") } else { format!("»{found}« (the name »{}«)", n.text) };
    let lead = match place {
        Some(key) => format!("`{key}` contains {which}"),
        None => format!("the text contains {which}"),
    };
    if n.from_site {
        format!(
            "{lead}, a name on this site's list of names that must never appear (`neutrality.forbidden` in site.yaml). Name the kind of technology instead, like »{}«.",
            n.instead
        )
    } else {
        format!(
            "{lead}, a brand, product or company name ({}). A municipality must not advertise products or companies: name the kind of technology instead, like »{}«.",
            n.group, n.instead
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Trademark signs and prices
// ---------------------------------------------------------------------------------------------

/// ™ and ® as characters, and as HTML entities an editor may type in Markdown.
const TRADEMARKS: &[(&str, &str)] = &[
    ("™", "™"),
    ("®", "®"),
    ("&trade;", "™"),
    ("&reg;", "®"),
    ("&#8482;", "™"),
    ("&#174;", "®"),
    ("&#x2122;", "™"),
    ("&#xae;", "®"),
];

fn trademark_signs(t: &Placed, path: &str, place: Option<&str>, findings: &mut Vec<Finding>) {
    let mut i = 0;
    while i < t.chars.len() {
        // Every form starts with the sign itself or `&`; most characters need no closer look.
        if !matches!(t.chars[i], '™' | '®' | '&') {
            i += 1;
            continue;
        }
        let found = TRADEMARKS.iter().find(|(written, _)| {
            let w: Vec<char> = written.chars().collect();
            t.chars.len() >= i + w.len() && w.iter().zip(&t.chars[i..]).all(|(a, b)| same(*a, *b, false))
        });
        let Some((written, sign)) = found else {
            i += 1;
            continue;
        };
        let (line, col) = t.pos[i];
        let whre = place.map(|k| format!("`{k}` contains")).unwrap_or_else(|| "the text contains".into());
        let shown =
            if written == sign { format!("»{sign}«") } else { format!("»{written}« (the sign »{sign}«)") };
        findings.push(Finding::error(
            path,
            line,
            col,
            format!(
                "{whre} the trademark sign {shown}. A trademark sign points to a brand, and a municipality must not advertise products. Remove the sign, and write the kind of technology instead of the brand."
            ),
        ));
        i += written.chars().count();
    }
}

/// Currency words and signs, in small letters, that make a number a price.
const CURRENCIES_AFTER: &[&str] =
    &["kr.", "kr", "kroner", "kroners", "dkk", "€", "eur", "euro", "$", "usd", "sek", "nok"];
const CURRENCIES_BEFORE: &[&str] = &["kr.", "kr", "dkk", "€", "eur", "$", "usd", "sek", "nok"];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')
}

/// The end of a number starting at `i`: `499`, `1.499,95`, `1 499`.
fn number_end(t: &[char], i: usize) -> usize {
    let mut k = i;
    while k < t.len() {
        if t[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let next_digit = t.get(k + 1).is_some_and(char::is_ascii_digit);
        let grouped = t.len() >= k + 4 && t[k + 1..k + 4].iter().all(char::is_ascii_digit);
        if (matches!(t[k], '.' | ',') && next_digit) || (is_space(t[k]) && grouped) {
            k += 1;
            continue;
        }
        break;
    }
    k
}

/// True when `word` (small letters) is written in `t` at `at`, followed by a word boundary.
fn word_at(t: &[char], at: usize, word: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    let fits = t.len() >= at + w.len() && w.iter().zip(&t[at..]).all(|(a, b)| same(*a, *b, false));
    let end = at + w.len();
    let closed = !w.last().is_some_and(|c| c.is_alphanumeric()) || end >= t.len() || !t[end].is_alphanumeric();
    (fits && closed).then_some(end)
}

/// Prices in `t` as character ranges: a number with a currency before or after it, or `499,-`.
pub(crate) fn find_prices(t: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let starts = t[i].is_ascii_digit() && (i == 0 || !t[i - 1].is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let end = number_end(t, i);
        let mut found: Option<(usize, usize)> = None;
        // `499,-` or `499,–`
        if t.get(end) == Some(&',') && matches!(t.get(end + 1), Some('-' | '–')) {
            found = Some((i, end + 2));
        }
        // `499 kr.`, `50€`
        if found.is_none() {
            let mut k = end;
            if k < t.len() && is_space(t[k]) {
                k += 1;
            }
            found = CURRENCIES_AFTER.iter().find_map(|c| word_at(t, k, c)).map(|e| (i, e));
        }
        // `kr. 499`, `€50`
        if found.is_none() {
            let mut k = i;
            if k > 0 && is_space(t[k - 1]) {
                k -= 1;
            }
            found = CURRENCIES_BEFORE.iter().find_map(|c| {
                let len = c.chars().count();
                let start = k.checked_sub(len)?;
                let opens = start == 0 || !t[start - 1].is_alphanumeric() || !c.starts_with(char::is_alphabetic);
                (opens && word_at(t, start, c).is_some()).then_some((start, end))
            });
        }
        match found {
            Some(range) => {
                out.push(range);
                i = range.1.max(end);
            }
            None => i = end.max(i + 1),
        }
    }
    out
}

fn prices(t: &Placed, path: &str, place: Option<&str>, findings: &mut Vec<Finding>) {
    for (start, end) in find_prices(&t.chars) {
        let (line, col) = t.pos[start];
        let whre = place.map(|k| format!("`{k}` contains")).unwrap_or_else(|| "the text contains".into());
        findings.push(Finding::warning(
            path,
            line,
            col,
            format!(
                "{whre} the price »{}«. Prices change and differ from shop to shop, and a price points to one product. Write a general price level instead: billig, mellem or dyr.",
                t.text(start, end)
            ),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Links to shops and brands
// ---------------------------------------------------------------------------------------------

/// The host of a web link in small letters, without `www.`; `None` for other links.
pub(crate) fn host_of(dest: &str) -> Option<String> {
    let lower = dest.trim().to_lowercase();
    let rest = if let Some((scheme, r)) = lower.split_once("://") {
        if !matches!(scheme, "http" | "https") {
            return None;
        }
        r.to_string()
    } else if let Some(r) = lower.strip_prefix("//") {
        r.to_string()
    } else if lower.starts_with("www.") {
        lower.clone()
    } else {
        return None;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.trim_start_matches("www.").trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_string())
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Why a link's host is a shop or brand site: the listed domain, or the name it contains.
pub(crate) fn shop_or_brand(host: &str, names: &[Name]) -> Option<String> {
    if let Some(d) = shop_domains().iter().find(|d| host == d.as_str() || host.ends_with(&format!(".{d}"))) {
        return Some(format!("a shop or brand site (`{d}`)"));
    }
    // The name part of the host: without the country or top-level part (`.dk`, `.com`).
    let labels: Vec<&str> = host.split('.').collect();
    let named = &labels[..labels.len().saturating_sub(1)];
    let parts: Vec<String> = named.iter().flat_map(|l| l.split('-')).map(compact).collect();
    let whole: String = named.iter().map(|l| compact(l)).collect();
    names.iter().find_map(|n| {
        let c = compact(&n.text);
        if c.is_empty() {
            return None;
        }
        // Short names and ordinary words must be a whole part of the address (`doro.com`);
        // longer names may be inside one (`bangolufsen.dk`, `samsungshop.dk`).
        let hit = if n.exact_case || c.chars().count() < 5 {
            parts.contains(&c) || named.iter().any(|l| compact(l) == c)
        } else {
            whole.contains(&c)
        };
        hit.then(|| format!("the website of a brand or company (»{}«)", n.text))
    })
}

fn link_warnings(doc: &Doc, names: &[Name], own_host: Option<&str>, findings: &mut Vec<Finding>) {
    let starts: Vec<usize> = std::iter::once(0).chain(doc.body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    for (event, range) in Parser::new_ext(&doc.body, crate::markdown::options()).into_offset_iter() {
        let (dest, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let Some(host) = host_of(&dest) else { continue };
        if own_host == Some(host.as_str()) {
            continue;
        }
        let Some(why) = shop_or_brand(&host, names) else { continue };
        let line0 = starts.partition_point(|&s| s <= range.start) - 1;
        let col = doc.body[starts[line0]..range.start].chars().count() + 1;
        let message = if image {
            format!(
                "the picture comes from {why}: `{dest}`. A municipality must not show a particular shop's or brand's pictures. Use a picture of your own: put it in static/ and write its path, like `/img/natlys.svg`."
            )
        } else {
            format!(
                "the link goes to {why}: `{dest}`. A municipality must not send citizens to a particular shop or brand. Link to neutral advice instead, like the municipality's own pages or borger.dk, or write »i butikker med elektronik« without a link."
            )
        };
        findings.push(Finding::warning(&doc.rel_path, doc.body_line + line0, col, message));
    }
}

// ---------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------

pub fn check(site: &Site, scope: super::Scope, findings: &mut Vec<Finding>) {
    let names = all_names(site);
    let in_text = Matcher::new(&names, false);
    let in_file_names = Matcher::new(&names, true);
    let own_host = host_of(&site.config.base_url);
    let docs = DocKind::ALL
        .iter()
        .flat_map(|k| site.docs(*k).iter())
        .chain(site.translations.iter())
        .filter(|d| scope.wants(d));
    for doc in docs {
        let front = front_matter(doc);
        let mut texts = front_values(doc, front.as_ref());
        let body_keep = visible_text(&doc.body);
        texts.push(("", Placed::new(&doc.body, doc.body_line, |b| body_keep[b])));
        let priced = doc.kind != DocKind::Page;
        for (key, text) in &texts {
            let place = (!key.is_empty()).then_some(*key);
            for hit in in_text.find(&text.chars) {
                let (line, col) = text.pos[hit.start];
                let found = text.text(hit.start, hit.end);
                findings.push(Finding::error(&doc.rel_path, line, col, name_message(&found, hit.name, place)));
            }
            if priced {
                prices(text, &doc.rel_path, place, findings);
            }
        }
        // Trademark signs, written or as HTML, in the shown settings and anywhere in the body.
        for (key, text) in texts.iter().filter(|(k, _)| !k.is_empty()) {
            trademark_signs(text, &doc.rel_path, Some(key), findings);
        }
        trademark_signs(&Placed::new(&doc.body, doc.body_line, |_| true), &doc.rel_path, None, findings);
        // The file name: it becomes the page's web address.
        let file_name = doc.rel_path.rsplit('/').next().unwrap_or(&doc.rel_path);
        let chars: Vec<char> = file_name.chars().collect();
        for hit in in_file_names.find(&chars) {
            let found: String = chars[hit.start..hit.end].iter().collect();
            findings.push(Finding::error(
                &doc.rel_path,
                0,
                0,
                format!(
                    "the file name contains »{found}« (the name »{}«), {}. The file name becomes the page's web address: rename the file after the kind of technology, like `stemmestyret-hoejttaler.md`.",
                    hit.name.text,
                    if hit.name.from_site {
                        "a name on this site's list of names that must never appear (`neutrality.forbidden` in site.yaml)".to_string()
                    } else {
                        format!("a brand, product or company name ({})", hit.name.group)
                    }
                ),
            ));
        }
        link_warnings(doc, &names, own_host.as_deref(), findings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<String> {
        let t: Vec<char> = text.chars().collect();
        Matcher::new(shipped_names(), false).find(&t).iter().map(|h| t[h.start..h.end].iter().collect()).collect()
    }

    fn prices_in(text: &str) -> Vec<String> {
        let t: Vec<char> = text.chars().collect();
        find_prices(&t).iter().map(|(s, e)| t[*s..*e].iter().collect()).collect()
    }

    #[test]
    fn the_shipped_list_is_long_grouped_and_without_duplicates() {
        let names = shipped_names();
        assert!(names.len() >= 150, "only {} names", names.len());
        assert!(names.iter().all(|n| !n.group.is_empty() && !n.instead.is_empty()));
        let mut seen = std::collections::HashSet::new();
        for n in names {
            assert!(seen.insert(n.text.clone()), "`{}` is listed twice in data/brands.txt", n.text);
            assert!(!n.text.contains('!'), "`{}`: the only marker is ` !case`", n.text);
        }
        // Every group says where its names come from.
        let groups = BRANDS.lines().filter(|l| l.starts_with('[')).count();
        let sources = BRANDS.lines().filter(|l| l.starts_with("# Source:")).count();
        assert_eq!(groups, sources);
    }

    #[test]
    fn names_match_whole_words_in_any_case_with_danish_endings() {
        assert_eq!(hits("Min ipad og din IPHONE"), vec!["ipad", "IPHONE"]);
        assert_eq!(hits("iPaden, iPads og iPhonen"), vec!["iPaden", "iPads", "iPhonen"]);
        assert_eq!(hits("ipadholder og superipad"), Vec::<String>::new());
        assert_eq!(hits("et Apple-Watch ur og Apple\nWatch"), vec!["Apple-Watch", "Apple\nWatch"]);
        assert_eq!(hits("Google Nest Hub"), vec!["Google Nest"]);
        assert_eq!(hits("B&O og Bang & Olufsen"), vec!["B&O", "Bang & Olufsen"]);
    }

    #[test]
    fn ordinary_words_are_left_alone() {
        // Danish words that are also names, written as ordinary words.
        for text in [
            "Ring til os. Han gav hende en ring.",
            "Spar tid og penge. Prisen er netto det samme.",
            "Det er helt normal. Normal søvn er godt.",
            "Giv et signal. Zoom ind på billedet med to fingre: zoom ud igen.",
            "Hun har en jysk dialekt og er kry. Sæt power på.",
            "en giraf, giraffen og giraffens unger",
            "viber og storke ved søen",
            "Teams af frivillige. Et ekko. En rede (nest).",
            "an apple a day; a shark; a tile on the roof",
        ] {
            assert_eq!(hits(text), Vec::<String>::new(), "{text}");
        }
        // … but the brands with their capital letters are found.
        assert_eq!(hits("Et Zoom-møde i Netto eller Power"), vec!["Zoom-møde", "Netto", "Power"]);
    }

    #[test]
    fn file_names_skip_names_that_need_their_capital_letters() {
        let t: Vec<char> = "apple-watch-og-netto.md".chars().collect();
        let found: Vec<&str> =
            Matcher::new(shipped_names(), true).find(&t).iter().map(|h| h.name.text.as_str()).collect();
        assert_eq!(found, vec!["Apple Watch"]);
    }

    #[test]
    fn prices_are_numbers_with_a_currency() {
        assert_eq!(
            prices_in("Den koster 499 kr. eller kr. 1.299,95 – ja, 300 kroner, 50€, $20, DKK 150 og 199,-."),
            vec!["499 kr.", "kr. 1.299,95", "300 kroner", "50€", "$20", "DKK 150", "199,-"]
        );
        assert_eq!(prices_in("1 499 kr"), vec!["1 499 kr"]);
        for text in ["Kl. 10.30 kommer hun.", "I 2 krydser", "§ 112 og § 113", "500 krukker", "5 euroer"] {
            assert_eq!(prices_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn links_to_shops_and_brands_are_recognised_but_public_sites_are_not() {
        let names = shipped_names();
        let why = |url: &str| host_of(url).and_then(|h| shop_or_brand(&h, names));
        assert!(why("https://www.elgiganten.dk/product/123").unwrap().contains("elgiganten.dk"));
        assert!(why("https://www.doro.com/da-dk/").unwrap().contains("Doro"));
        assert!(why("https://support.apple.com/da-dk").unwrap().contains("Apple"));
        assert!(why("https://www.bang-olufsen.com/").unwrap().contains("Bang & Olufsen"));
        assert!(why("https://netto.dk").is_some());
        for public in [
            "https://www.borger.dk/",
            "https://www.sundhed.dk/borger/",
            "https://www.kl.dk/",
            "https://was.digst.dk/example-dk",
            "https://hjaelpemiddelbasen.dk/",
            "https://www.socialstyrelsen.dk/",
            "https://www.aeldresagen.dk/",
            "https://www.alzheimer.dk/",
            "https://videnscenterfordemens.dk/",
            "https://ereolen.dk/",
            "https://www.mitid.dk/",
            "https://www.regionh.dk/",
            "https://www.sst.dk/",
            "https://example.dk/hverdagsteknologi/",
            "mailto:hjaelpemidler@example.dk",
            "../technologies/gps-tracker.md",
        ] {
            assert_eq!(why(public), None, "{public}");
        }
    }
}
