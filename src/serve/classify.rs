//! Sorts changed paths into what must happen: nothing, a reload for static files, a stylesheet
//! swap, or a rebuild. A pure function, so it is tested without a file system.

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Editor temp files, output, or files pjece does not read.
    Nothing,
    /// Files under static/: served from disk, so the page only needs a reload.
    Static,
    /// Only theme stylesheets: rebuild, then swap the stylesheet without reloading the page.
    Css,
    /// Content, templates, theme words or settings.
    Rebuild,
}

/// Files that editors write while saving, and never mean a real change.
pub fn is_editor_noise(name: &str) -> bool {
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".crdownload")
        || name == "4913" // vim's write test
        || name == ".DS_Store"
        || (name.starts_with('.') && name.contains(".sb-")) // some editors' atomic-save temp files
}

/// What a set of changed paths (relative to the site root, `/`-separated) requires.
pub fn classify<S: AsRef<str>>(paths: &[S]) -> Change {
    paths.iter().map(|p| classify_one(p.as_ref())).max().unwrap_or(Change::Nothing)
}

fn classify_one(rel: &str) -> Change {
    let name = Path::new(rel).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if is_editor_noise(&name) {
        return Change::Nothing;
    }
    let mut parts = rel.split('/');
    match parts.next() {
        Some("site.yaml") => Change::Rebuild,
        Some("content") => Change::Rebuild,
        Some("static") => Change::Static,
        Some("themes") => {
            let rest: Vec<&str> = parts.collect();
            if rest.len() >= 3 && rest[1] == "assets" && name.ends_with(".css") {
                Change::Css
            } else {
                Change::Rebuild
            }
        }
        _ => Change::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_file_gets_its_change() {
        assert_eq!(classify(&["content/leaflets/a.md"]), Change::Rebuild);
        assert_eq!(classify(&["site.yaml"]), Change::Rebuild);
        assert_eq!(classify(&["static/img/ur.svg"]), Change::Static);
        assert_eq!(classify(&["themes/default/assets/style.css"]), Change::Css);
        assert_eq!(classify(&["themes/default/templates/base.html"]), Change::Rebuild);
        assert_eq!(classify(&["themes/default/i18n/da.yaml"]), Change::Rebuild);
        assert_eq!(classify(&["public/index.html", "target/x", "README.md"]), Change::Nothing);
    }

    #[test]
    fn the_biggest_change_wins() {
        assert_eq!(classify(&["static/a.png", "themes/default/assets/style.css"]), Change::Css);
        assert_eq!(classify(&["static/a.png", "content/leaflets/a.md"]), Change::Rebuild);
        let none: [&str; 0] = [];
        assert_eq!(classify(&none), Change::Nothing);
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        assert_eq!(classify(&["content/leaflets/.a.md.swp"]), Change::Nothing);
        assert_eq!(classify(&["content/leaflets/a.md~"]), Change::Nothing);
        assert_eq!(classify(&["content/leaflets/4913"]), Change::Nothing);
        assert_eq!(classify(&["content/leaflets/.#a.md"]), Change::Nothing);
    }
}
