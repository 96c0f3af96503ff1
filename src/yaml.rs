//! YAML with a position for every key and value, and the checks that compare it with a schema.
//!
//! Front matter and site.yaml are parsed into [`Located`] trees (serde-saphyr's `Spanned` gives
//! the positions), then checked key by key, so one run reports every fault of a file.

use crate::diagnostics::{did_you_mean, Finding};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A 1-based position inside the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Located>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub pos: Pos,
    pub node: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Located,
}

impl Node {
    /// What an editor would call this kind of value.
    pub fn describe(&self) -> &'static str {
        match self {
            Node::Null => "empty",
            Node::Bool(_) => "true/false",
            Node::Int(_) => "a number",
            Node::Float(_) => "a number with decimals",
            Node::Str(_) => "a text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a group of keys",
        }
    }

    /// The value as text, for scalars (numbers and booleans too: `order: 3` → "3").
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos { line: s.referenced.line() as usize, col: s.referenced.column() as usize }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map(Node::Int).unwrap_or(Node::Float(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(Located { pos: pos_of(&item), node: item.value });
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push(Entry {
                key: key.value.scalar_text().unwrap_or_default(),
                key_pos: pos_of(&key),
                value: Located { pos: pos_of(&value), node: value.value },
            });
        }
        Ok(Node::Map(entries))
    }
}

/// A YAML syntax fault, in plain words, at a position inside the YAML text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses YAML text. `no`, `yes`, `on` and `off` stay text (strict booleans), so a Danish
/// "no" or a Norwegian country code is never read as false.
pub fn parse(text: &str) -> Result<Located, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Located { pos: Pos { line: 1, col: 1 }, node: Node::Null });
    }
    // Front matter is a few flat keys: 16 levels are plenty, and keep the recursive reader far
    // from the stack's end even in debug builds.
    let budget = serde_saphyr::budget! { max_depth: MAX_DEPTH };
    let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false, budget: budget };
    match serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options) {
        Ok(v) => Ok(Located { pos: pos_of(&v), node: v.value }),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos { line: l.line() as usize, col: l.column() as usize })
                .unwrap_or(Pos { line: 1, col: 1 });
            Err(SyntaxError { pos, message: plain_message(&e.to_string()) })
        }
    }
}

/// How deeply lists and groups may nest in front matter and settings.
pub const MAX_DEPTH: usize = 16;

/// serde-saphyr's message without its own location suffix (we print ours in front).
fn plain_message(raw: &str) -> String {
    if (raw.contains("budget breached") && raw.contains("Depth")) || raw.contains("recursion limit") {
        return format!("lists or groups are nested more than {MAX_DEPTH} levels deep, which settings never need");
    }
    let first = raw.lines().next().unwrap_or(raw).trim();
    let cut = first.find(" at line ").map(|i| &first[..i]).unwrap_or(first);
    cut.trim_end_matches('.').to_string()
}

/// What a key's value must look like.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Non-empty text.
    Text,
    /// A list of texts (a single text is accepted as a list of one).
    TextList,
    /// `YYYY-MM-DD`.
    Date,
    Bool,
    Int,
    /// One of the given words.
    OneOf(&'static [&'static str]),
    /// A list of the given words.
    ListOf(&'static [&'static str]),
    /// A group of keys, checked by the caller.
    Group,
}

impl Kind {
    fn expectation(&self) -> String {
        match self {
            Kind::Text => "a text".into(),
            Kind::TextList => "a list, like `[huske, tryghed]`".into(),
            Kind::Date => "a date written YYYY-MM-DD, like `2026-05-01`".into(),
            Kind::Bool => "`true` or `false`".into(),
            Kind::Int => "a whole number".into(),
            Kind::OneOf(words) => format!("one of: {}", words.join(", ")),
            Kind::ListOf(words) => format!("a list of any of: {}", words.join(", ")),
            Kind::Group => "a group of keys, each on its own indented line".into(),
        }
    }
}

/// One key of a schema.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// Plain words on what the key is for, used in the "missing" message.
    pub help: &'static str,
}

/// Where a YAML text sits in its file, so positions become file positions.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// Path relative to the site root.
    pub path: &'a str,
    /// File line of the YAML text's first line.
    pub first_line: usize,
    /// What the file is, for messages ("a leaflet").
    pub what: &'a str,
    /// Where a missing key is reported (the front matter's opening line).
    pub anchor_line: usize,
    /// Where a missing key's line goes, for messages ("the settings at the top of the file").
    pub place: &'a str,
}

/// The usual `place` of front matter.
pub const FRONT_MATTER: &str = "the settings at the top of the file";

impl Source<'_> {
    pub fn line(&self, pos: Pos) -> usize {
        self.first_line + pos.line.saturating_sub(1)
    }

    pub fn error(&self, pos: Pos, key: &str, message: String) -> Finding {
        Finding::error(self.path, self.line(pos), pos.col.max(1), message).with_key(key)
    }
}

/// The checked keys of one mapping: every value here has the kind its spec asks for.
#[derive(Debug, Default)]
pub struct Fields<'t> {
    entries: Vec<(&'static str, &'t Located)>,
}

/// A text value with the file position it came from (references are checked later).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub text: String,
    pub line: usize,
    pub col: usize,
}

impl<'t> Fields<'t> {
    pub fn get(&self, name: &str) -> Option<&'t Located> {
        self.entries.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).and_then(|v| v.node.scalar_text())
    }

    pub fn item(&self, name: &str, src: &Source) -> Option<Item> {
        self.get(name)
            .and_then(|v| v.node.scalar_text().map(|text| Item { text, line: src.line(v.pos), col: v.pos.col.max(1) }))
    }

    pub fn items(&self, name: &str, src: &Source) -> Vec<Item> {
        match self.get(name) {
            Some(Located { node: Node::Seq(items), .. }) => items
                .iter()
                .filter_map(|v| {
                    v.node.scalar_text().map(|text| Item { text, line: src.line(v.pos), col: v.pos.col.max(1) })
                })
                .collect(),
            Some(v) => v
                .node
                .scalar_text()
                .map(|text| vec![Item { text, line: src.line(v.pos), col: v.pos.col.max(1) }])
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    pub fn texts(&self, name: &str, src: &Source) -> Vec<String> {
        self.items(name, src).into_iter().map(|i| i.text).collect()
    }

    pub fn bool(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Located { node: Node::Bool(true), .. }))
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name) {
            Some(Located { node: Node::Int(i), .. }) => Some(*i),
            _ => None,
        }
    }
}

/// Checks a mapping against `specs`; pushes one finding per fault and returns the good keys.
pub fn check_map<'t>(root: &'t Located, specs: &[KeySpec], src: &Source, findings: &mut Vec<Finding>) -> Fields<'t> {
    let mut fields = Fields::default();
    let entries: &[Entry] = match &root.node {
        Node::Map(entries) => entries,
        Node::Null => &[],
        other => {
            findings.push(Finding::error(
                src.path,
                src.anchor_line,
                1,
                format!(
                    "the settings at the top of {} should be lines of `key: value`, but they are {}.",
                    src.what,
                    other.describe()
                ),
            ));
            return fields;
        }
    };
    for entry in entries {
        let Some(spec) = specs.iter().find(|s| s.name == entry.key) else {
            let hint = did_you_mean(&entry.key, specs.iter().map(|s| s.name));
            let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
            findings.push(src.error(
                entry.key_pos,
                &entry.key,
                format!(
                    "`{}` is not a key {} can have.{hint} The keys are: {}.",
                    entry.key,
                    src.what,
                    known.join(", ")
                ),
            ));
            continue;
        };
        if let Some(message) = check_value(spec, &entry.value) {
            let pos = bad_item_pos(&entry.value).unwrap_or(entry.value.pos);
            let pos = if pos.line == 0 { entry.key_pos } else { pos };
            findings.push(src.error(pos, spec.name, message));
            continue;
        }
        fields.entries.push((spec.name, &entry.value));
    }
    for spec in specs.iter().filter(|s| s.required) {
        let present = entries.iter().any(|e| e.key == spec.name);
        if !present {
            findings.push(
                Finding::error(
                    src.path,
                    src.anchor_line,
                    1,
                    format!(
                        "`{}` is missing. Add a line `{}: …` to {}: {}.",
                        spec.name, spec.name, src.place, spec.help
                    ),
                )
                .with_key(spec.name),
            );
        }
    }
    fields
}

/// The position of the first list item that is of the wrong kind, so the finding points at it.
fn bad_item_pos(value: &Located) -> Option<Pos> {
    if let Node::Seq(items) = &value.node {
        items.iter().find(|i| i.node.scalar_text().is_none()).map(|i| i.pos)
    } else {
        None
    }
}

fn check_value(spec: &KeySpec, value: &Located) -> Option<String> {
    let name = spec.name;
    let wrong = |what: &str| Some(format!("`{name}` should be {}, but it is {what}.", spec.kind.expectation()));
    match (spec.kind, &value.node) {
        (Kind::Text, Node::Str(s)) if s.trim().is_empty() => Some(format!("`{name}` is empty. Write {}.", spec.help)),
        (Kind::Text, Node::Str(_) | Node::Int(_) | Node::Float(_)) => None,
        (Kind::Text, Node::Null) => Some(format!("`{name}` is empty. Write {}.", spec.help)),
        (Kind::TextList | Kind::ListOf(_), Node::Seq(items)) if spec.required && items.is_empty() => {
            Some(format!("`{name}` is empty. Write {}.", spec.help))
        }
        (Kind::TextList, Node::Seq(items)) => {
            if items.iter().all(|i| matches!(i.node, Node::Str(_) | Node::Int(_))) {
                None
            } else {
                wrong("a list with something other than plain words in it")
            }
        }
        (Kind::TextList, Node::Str(_)) => None,
        (Kind::TextList, Node::Null) if !spec.required => None,
        (Kind::Date, Node::Str(s)) => match Date::parse(s) {
            Some(_) => None,
            None if Date::has_shape(s) => {
                Some(format!("`{name}` is `{s}`, but that day does not exist. Check the month and the day."))
            }
            None => wrong(&format!("`{s}`")),
        },
        (Kind::Bool, Node::Bool(_)) => None,
        (Kind::Bool, Node::Str(s)) => Some(format!(
            "`{name}` should be `true` or `false`, but it is `{s}`. Write `{name}: true` or `{name}: false`."
        )),
        (Kind::Int, Node::Int(_)) => None,
        (Kind::OneOf(words), Node::Str(s)) => {
            if words.contains(&s.as_str()) {
                None
            } else {
                Some(format!(
                    "`{name}` has `{s}`, which is not one of: {}.{}",
                    words.join(", "),
                    did_you_mean(s, words.iter().copied())
                ))
            }
        }
        (Kind::ListOf(words), Node::Seq(items)) => items.iter().find_map(|i| match &i.node {
            Node::Str(s) if words.contains(&s.as_str()) => None,
            Node::Str(s) => Some(format!(
                "`{name}` has `{s}`, which is not one of: {}.{}",
                words.join(", "),
                did_you_mean(s, words.iter().copied())
            )),
            other => {
                Some(format!("`{name}` should be {}, but one item is {}.", spec.kind.expectation(), other.describe()))
            }
        }),
        (Kind::ListOf(words), Node::Str(s)) => {
            if words.contains(&s.as_str()) {
                None
            } else {
                Some(format!(
                    "`{name}` has `{s}`, which is not one of: {}.{}",
                    words.join(", "),
                    did_you_mean(s, words.iter().copied())
                ))
            }
        }
        (Kind::ListOf(_), Node::Null) if !spec.required => None,
        (Kind::Group, Node::Map(_)) => None,
        (_, Node::Null) if !spec.required => None,
        (_, other) => wrong(other.describe()),
    }
}

/// A calendar date, as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// True for `dddd-dd-dd`, whether or not the day exists.
    pub fn has_shape(s: &str) -> bool {
        let b = s.trim().as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
    }

    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        let leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let valid = (1..=12).contains(&date.month) && date.day >= 1 && date.day <= days[(date.month - 1) as usize];
        valid.then_some(date)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(&self, later: &Date) -> i32 {
        let mut months = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if later.day < self.day {
            months -= 1;
        }
        months
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> Source<'static> {
        Source { path: "content/leaflets/a.md", first_line: 2, what: "a leaflet", anchor_line: 1, place: FRONT_MATTER }
    }

    const SPECS: &[KeySpec] = &[
        KeySpec { name: "title", required: true, kind: Kind::Text, help: "a title" },
        KeySpec { name: "problems", required: true, kind: Kind::TextList, help: "problems" },
        KeySpec { name: "reviewed", required: false, kind: Kind::Date, help: "a date" },
        KeySpec { name: "draft", required: false, kind: Kind::Bool, help: "draft" },
    ];

    #[test]
    fn keys_and_list_items_carry_their_lines() {
        let tree = parse("title: Hej\nproblems:\n  - huske\n  - tryghed\n").unwrap();
        let mut findings = Vec::new();
        let fields = check_map(&tree, SPECS, &src(), &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let items = fields.items("problems", &src());
        assert_eq!(items[0].text, "huske");
        assert_eq!(items[0].line, 4);
        assert_eq!(items[1].line, 5);
    }

    #[test]
    fn every_fault_is_reported_with_its_line() {
        let tree = parse("titel: Hej\nreviewed: 1. maj\ndraft: no\n").unwrap();
        let mut findings = Vec::new();
        check_map(&tree, SPECS, &src(), &mut findings);
        let lines: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines[0].starts_with(
            "content/leaflets/a.md:2:1: error: `titel` is not a key a leaflet can have. Did you mean `title`?"
        ));
        assert!(
            lines[1].starts_with("content/leaflets/a.md:3:11: error: `reviewed` should be a date written YYYY-MM-DD")
        );
        assert!(lines[2]
            .starts_with("content/leaflets/a.md:4:8: error: `draft` should be `true` or `false`, but it is `no`."));
        assert!(lines[3].contains("`title` is missing"));
        assert!(lines[4].contains("`problems` is missing"));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("title: [unclosed\nsummary: x\n").unwrap_err();
        assert!(err.pos.line >= 1);
        assert!(!err.message.is_empty());
    }

    #[test]
    fn dates_are_checked_for_real_days() {
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("26-01-01").is_none());
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(20_517).iso(), "2026-03-05");
        let a = Date::parse("2025-11-25").unwrap();
        assert_eq!(a.months_until(&Date::parse("2026-11-25").unwrap()), 12);
        assert_eq!(a.months_until(&Date::parse("2026-11-24").unwrap()), 11);
    }
}
