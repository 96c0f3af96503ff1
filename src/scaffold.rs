//! `pjece new`: a new content file with its settings filled in. Never overwrites a file.

use crate::cli::NewKind;
use crate::slug::slugify;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("`{0}` gives an empty file name; use letters or digits, like tryg-om-natten")]
    EmptySlug(String),
    #[error("{0} already exists; pjece never overwrites a file. Choose another name or edit that file")]
    Exists(PathBuf),
    #[error("there is no site.yaml in {0}; run this in the site's folder or give --root")]
    NoSite(PathBuf),
    #[error("{0} already gives the web address `{1}` (æ, ø and å become ae, oe and aa); pjece will not make a second file with it. Choose another name or edit that file")]
    SameSlug(PathBuf, String),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// The first category id in content/categories.yaml, as a starting value.
fn first_category(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join(crate::load::CATEGORIES)).unwrap_or_default();
    let mut ignored = Vec::new();
    crate::model::parse_categories(&text, &mut ignored).into_iter().next().map(|c| c.id).unwrap_or_default()
}

/// Slugs of existing files in a content folder, to list in the new file's comments.
fn existing(root: &Path, folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join("content").join(folder))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").filter(|s| !s.contains('.')).map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

/// "ældre og ensom" → "Ældre og ensom" (the first letter, not the first byte).
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn today() -> String {
    crate::yaml::Date::today().iso()
}

pub fn create(root: &Path, kind: NewKind, name: &str, title: Option<&str>) -> Result<PathBuf, NewError> {
    if !root.join(crate::config::FILE).is_file() {
        return Err(NewError::NoSite(root.to_path_buf()));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(NewError::EmptySlug(name.to_string()));
    }
    let title = title.map(str::to_string).unwrap_or_else(|| capitalise(&name.replace('-', " ")));
    let quoted = serde_json::to_string(&title).unwrap_or_default();
    let problem_list = existing(root, "problems");
    let problems = problem_list.join(", ");
    let first_problem = problem_list.first().cloned().unwrap_or_default();
    let first_category = first_category(root);
    let (folder, text) = match kind {
        NewKind::Leaflet => (
            "leaflets",
            format!(
                "---\ntitle: {quoted}\nsummary: \"Skriv en eller to sætninger om, hvad pjecen handler om.\"\n# At least one of: {problems}\nproblems: []\ntechnologies: []\naudience: [citizen, relative]\nreviewed: {}\ndraft: true\n---\n\nHar du svært ved …?\n\n## Det kan du selv gøre\n\n## Teknologi der kan hjælpe\n\n## Godt at vide\n\n## Sådan får du det\n",
                today()
            ),
        ),
        NewKind::Problem => (
            "problems",
            format!("---\ntitle: {quoted}\nsummary: \"Skriv en eller to sætninger om problemet.\"\n---\n\n"),
        ),
        NewKind::Technology => (
            "technologies",
            format!(
                "---\ntitle: {quoted}\nsummary: \"Skriv en eller to sætninger om, hvad det er.\"\n# An id from content/categories.yaml: change it to the right one\ncategory: {first_category}\n# Change to the right ones, from: {problems}\nproblems: [{first_problem}]\nexamples: []\nhow_to_get: [buy]\n---\n\n## Hvad er det?\n\n## Hvad kan det ikke?\n\n## Sådan får du det\n"
            ),
        ),
        NewKind::Page => ("pages", format!("---\ntitle: {quoted}\n---\n\n")),
    };
    let dir = root.join("content").join(folder);
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(NewError::Exists(path));
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.strip_suffix(".md").is_some_and(|stem| slugify(stem) == slug) {
            return Err(NewError::SameSlug(entry.path(), slug));
        }
    }
    let path = dir.join(format!("{slug}.md"));
    // create_new: fails if the file exists, even if it appeared a moment ago.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            NewError::Exists(path.clone())
        } else {
            NewError::Io(path.clone(), e)
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}
