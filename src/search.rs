//! Site search, built at build time: a small index per language, split into shards by a word's
//! first letter, that the search page loads only when a reader searches. No server code, no
//! WebAssembly. Words are stemmed with the Snowball stemmers, so "glemmer", "glemme" and "glemt"
//! meet; every word the site uses is shipped with its stem, so the browser needs no stemmer.

use crate::render::OutFile;
use rust_stemmers::{Algorithm, Stemmer};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

/// Documents per chunk of the document list; a result page loads only the chunks it shows.
pub const DOCS_PER_CHUNK: usize = 100;
/// The best postings kept per stem: enough for any result list a reader scrolls through.
pub const MAX_POSTINGS: usize = 200;

/// One searchable page.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    pub url: String,
    /// What it is ("Pjece", "Teknologi") and the problem it belongs to, shown with the result.
    pub label: String,
    pub snippet: String,
    pub summary: String,
    pub body: String,
    /// Words that should find this page though it does not use them (site.yaml synonyms).
    pub extra: Vec<String>,
}

fn algorithm(lang: &str) -> Option<Algorithm> {
    Some(match lang.split('-').next().unwrap_or(lang) {
        "da" => Algorithm::Danish,
        "en" => Algorithm::English,
        "ar" => Algorithm::Arabic,
        "sv" => Algorithm::Swedish,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// Words too common to help a search, per language.
fn stop_words(lang: &str) -> &'static [&'static str] {
    match lang.split('-').next().unwrap_or(lang) {
        "da" => &[
            "af", "alle", "at", "de", "dem", "den", "der", "det", "din", "dine", "dit", "du", "efter", "eller", "en",
            "er", "et", "for", "fra", "har", "hvis", "hvor", "i", "ikke", "jeg", "kan", "med", "men", "mig", "og",
            "om", "op", "os", "på", "sig", "skal", "som", "så", "til", "ud", "var", "vi", "være", "ved", "også",
        ],
        "en" => &[
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "has", "have", "i", "if",
            "in", "is", "it", "of", "on", "or", "that", "the", "this", "to", "was", "with", "you", "your",
        ],
        _ => &[],
    }
}

/// Lower-case words of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The shard a word belongs to: the hex code of its first character.
pub fn shard_of(word: &str) -> String {
    word.chars().next().map(|c| format!("{:x}", c as u32)).unwrap_or_default()
}

/// One shard: its words with their stems, and those stems' postings `[doc, score]`.
type Shard<'a> = (BTreeMap<&'a str, &'a str>, BTreeMap<&'a str, Vec<[u32; 2]>>);

/// Builds the index files for one language under `dir` (like `search/da/`).
pub fn build(lang: &str, dir: &str, entries: &[Entry]) -> Vec<OutFile> {
    let stemmer = algorithm(lang).map(Stemmer::create);
    let stops = stop_words(lang);
    let stem = |w: &str| -> String {
        match &stemmer {
            Some(s) => s.stem(w).into_owned(),
            None => w.to_string(),
        }
    };
    // word → stem, and stem → doc → score
    let mut vocabulary: BTreeMap<String, String> = BTreeMap::new();
    let mut postings: HashMap<String, HashMap<usize, u32>> = HashMap::new();
    for (doc, e) in entries.iter().enumerate() {
        let fields: [(&str, u32); 5] =
            [(&e.title, 10), (&e.summary, 4), (&e.label, 2), (&e.body, 1), (&e.extra.join(" "), 3)];
        for (text, weight) in fields {
            for w in words(text) {
                if stops.contains(&w.as_str()) || (w.chars().count() < 2 && !w.chars().all(|c| c.is_numeric())) {
                    continue;
                }
                let s = vocabulary.entry(w.clone()).or_insert_with(|| stem(&w)).clone();
                let score = postings.entry(s).or_default().entry(doc).or_insert(0);
                // Repeats count, but a long text cannot outweigh a title.
                *score = (*score + weight).min(weight * 5 + 20);
            }
        }
    }
    if lang.starts_with("da") {
        merge_past_tense(&mut vocabulary, &mut postings);
    }
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    let mut ranked: HashMap<&str, Vec<[u32; 2]>> = HashMap::new();
    for (s, docs) in &postings {
        let mut list: Vec<[u32; 2]> = docs.iter().map(|(d, sc)| [*d as u32, *sc]).collect();
        list.sort_by(|a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
        list.truncate(MAX_POSTINGS);
        ranked.insert(s.as_str(), list);
    }
    for (w, s) in &vocabulary {
        let shard = shards.entry(shard_of(w)).or_default();
        shard.0.insert(w.as_str(), s.as_str());
        if let Some(list) = ranked.get(s.as_str()) {
            shard.1.entry(s.as_str()).or_insert_with(|| list.clone());
        }
    }
    let mut files = Vec::new();
    for (key, (words, stems)) in &shards {
        files.push(OutFile {
            path: format!("{dir}t-{key}.json"),
            bytes: json!({ "w": words, "p": stems }).to_string().into_bytes(),
        });
    }
    for (n, chunk) in entries.chunks(DOCS_PER_CHUNK).enumerate() {
        let docs: Vec<_> = chunk.iter().map(|e| json!([e.title, e.url, e.label, e.snippet])).collect();
        files.push(OutFile { path: format!("{dir}d-{n}.json"), bytes: json!(docs).to_string().into_bytes() });
    }
    let meta = json!({
        "lang": lang,
        "docs": entries.len(),
        "chunk": DOCS_PER_CHUNK,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    files.push(OutFile { path: format!("{dir}meta.json"), bytes: meta.to_string().into_bytes() });
    files
}

/// Danish past forms keep their `t` in the Snowball stem ("glemt", "glemte" → `glemt`) while the
/// present loses its ending ("glemmer", "glemme" → `glem`). Where both stems occur, the `t` stem
/// is merged into the shorter one, so a reader who types "glemt" also finds "glemmer".
fn merge_past_tense(vocabulary: &mut BTreeMap<String, String>, postings: &mut HashMap<String, HashMap<usize, u32>>) {
    let merges: Vec<(String, String)> = postings
        .keys()
        .filter_map(|s| {
            let base = s.strip_suffix('t')?;
            (base.chars().count() >= 3 && postings.contains_key(base)).then(|| (s.clone(), base.to_string()))
        })
        .collect();
    let mut renamed: HashMap<String, String> = HashMap::new();
    for (from, to) in merges {
        if let Some(docs) = postings.remove(&from) {
            let target = postings.entry(to.clone()).or_default();
            for (d, sc) in docs {
                let t = target.entry(d).or_insert(0);
                *t = (*t).max(sc);
            }
        }
        renamed.insert(from, to);
    }
    for stem in vocabulary.values_mut() {
        if let Some(to) = renamed.get(stem) {
            *stem = to.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, body: &str) -> Entry {
        Entry {
            title: title.into(),
            url: format!("/{title}/"),
            label: String::new(),
            snippet: String::new(),
            summary: String::new(),
            body: body.into(),
            extra: vec![],
        }
    }

    #[test]
    fn danish_word_forms_share_a_stem_in_one_shard() {
        let files = build("da", "search/da/", &[entry("Huskeliste", "Når du glemmer aftaler. Det glemte ur.")]);
        let shard = files.iter().find(|f| f.path == format!("search/da/t-{}.json", shard_of("g"))).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&shard.bytes).unwrap();
        let stem = v["w"]["glemmer"].as_str().unwrap();
        assert_eq!(v["w"]["glemte"].as_str().unwrap(), stem);
        assert_eq!(v["p"][stem][0][0], 0);
        assert!(v["w"].get("du").is_none(), "stop words are left out");
    }

    #[test]
    fn documents_are_chunked_and_described() {
        let entries: Vec<Entry> = (0..250).map(|i| entry(&format!("p{i}"), "tekst")).collect();
        let files = build("da", "s/", &entries);
        assert!(files.iter().any(|f| f.path == "s/d-2.json"));
        let meta = files.iter().find(|f| f.path == "s/meta.json").unwrap();
        let v: serde_json::Value = serde_json::from_slice(&meta.bytes).unwrap();
        assert_eq!(v["docs"], 250);
        assert_eq!(v["chunk"], DOCS_PER_CHUNK);
    }
}
