//! End-to-end tests of the `pjece` binary (site contract: "The command" and "Output").
//!
//! Each test copies a fixture site from `tests/fixtures/<case>/` into a fresh temporary folder
//! with [`TestSite`], runs the real binary there, and checks the exit code, the files it made
//! and the exact finding lines (`path:line:col: error|warning: message`).
//!
//! The tests near the end guard bugs and unclear messages found while writing this suite; each
//! names what was wrong.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

/// A copy of a fixture site in a temporary folder, removed when the test ends.
struct TestSite {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The finding lines (`path:line:col: error|warning: message`) of a stream, in order.
    fn findings_in(stream: &str) -> Vec<String> {
        stream.lines().filter(|l| is_finding_line(l)).map(str::to_string).collect()
    }

    /// Findings of `pjece build` (written to stderr).
    fn build_findings(&self) -> Vec<String> {
        Self::findings_in(&self.stderr)
    }

    /// Findings of `pjece check` (written to stdout).
    fn check_findings(&self) -> Vec<String> {
        Self::findings_in(&self.stdout)
    }

    #[track_caller]
    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// True for `path:line:col: error: message` and `…: warning: …`, with numeric line and column.
fn is_finding_line(line: &str) -> bool {
    for sev in [": error: ", ": warning: "] {
        if let Some(i) = line.find(sev) {
            let mut parts = line[..i].rsplitn(3, ':');
            let col = parts.next().unwrap_or("");
            let ln = parts.next().unwrap_or("");
            let path = parts.next();
            if path.is_some()
                && !col.is_empty()
                && !ln.is_empty()
                && col.bytes().all(|b| b.is_ascii_digit())
                && ln.bytes().all(|b| b.is_ascii_digit())
            {
                return true;
            }
        }
    }
    false
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

impl TestSite {
    /// Copies `tests/fixtures/<name>/` into a new temporary folder.
    fn fixture(name: &str) -> TestSite {
        let src = fixtures().join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&src, &root);
        TestSite { _dir: dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel} in the test site: {e}"))
    }

    fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs `pjece ARGS` in the site folder. `--root <site>` is added unless ARGS has `--root`.
    fn pjece(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pjece"));
        cmd.current_dir(&self.root).args(args);
        if !args.contains(&"--root") {
            cmd.arg("--root").arg(&self.root);
        }
        let out = cmd.output().expect("the pjece binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Makes a `public/` that looks like an earlier pjece build: the marker and a sentinel file.
    fn fake_previous_output(&self) -> &Self {
        self.write("public/.pjece-output", "made by an earlier build\n");
        self.write("public/index.html", "<p>the previous site</p>\n");
        self.write("public/sentinel.txt", "still here\n")
    }

    /// Every file of the whole site folder (content, settings and output).
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.root)
    }

    /// Staging or backup folders that a build leaves beside the output, if any.
    fn leftovers(&self) -> Vec<String> {
        fs::read_dir(&self.root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("pjece-staging") || n.contains("pjece-old"))
            .collect()
    }
}

/// Builds and checks `fixture`; both must report exactly `expected` and exit 1, and the build
/// must leave an earlier `public/` exactly as it was.
#[track_caller]
fn assert_rejected(fixture: &str, expected: &[&str]) {
    let site = TestSite::fixture(fixture);
    site.fake_previous_output();
    let before = site.snapshot();

    let build = site.pjece(&["build"]);
    build.assert_code(1);
    assert_eq!(build.build_findings(), expected, "build of {fixture}");
    assert!(
        build.stderr.contains("Nothing was written"),
        "build of {fixture} should say that nothing was written:\n{}",
        build.stderr
    );
    assert_eq!(
        site.snapshot(),
        before,
        "a failed build of {fixture} must leave every file, public/ included, as it was"
    );
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());

    let check = site.pjece(&["check"]);
    check.assert_code(1);
    assert_eq!(check.check_findings(), expected, "check of {fixture}");
    assert_eq!(site.snapshot(), before, "check must never write");
}

/// `href="…"` and `src="…"` values of an HTML page.
fn links_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The output file a site-internal URL lands on: `/hverdag/a/` → `a/index.html`.
fn file_of(url: &str, base_path: &str) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let rel = path.strip_prefix(base_path)?;
    Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() })
}

/// Follows every link under `base_path` from the home page; returns the files reached.
/// Panics on an internal link to a file that is not in the output.
fn crawl(out: &Path, base_path: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from(["index.html".to_string()]);
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(file) = queue.pop_front() {
        if !file.ends_with(".html") {
            continue;
        }
        let html = fs::read_to_string(out.join(&file)).unwrap();
        for link in links_in(&html) {
            let Some(target) = file_of(&link, base_path) else {
                continue;
            };
            assert!(out.join(&target).is_file(), "{file} links to {link}, but the output has no {target}");
            if seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    seen
}

fn html_pages(out: &Path) -> BTreeSet<String> {
    snapshot(out).into_keys().filter(|p| p.ends_with(".html")).collect()
}

fn today() -> String {
    pjece::yaml::Date::today().iso()
}

// ---------------------------------------------------------------------------------------------
// A good site
// ---------------------------------------------------------------------------------------------

#[test]
fn good_site_builds_without_findings() {
    let site = TestSite::fixture("good");
    let run = site.pjece(&["build"]);
    run.assert_code(0);
    assert_eq!(run.build_findings(), Vec::<String>::new());
    assert!(run.stderr.contains("(0 errors, 0 warnings)"), "{}", run.stderr);
    for file in [
        "public/index.html",
        "public/problems/soevn/index.html",
        "public/problems/tryghed/index.html",
        "public/leaflets/tryg/index.html",
        "public/leaflets/hjaelp-til-soevn/index.html",
        "public/technologies/index.html",
        "public/technologies/natlys/index.html",
        "public/om/index.html",
        "public/404.html",
        "public/sitemap.xml",
        "public/.pjece-output",
    ] {
        assert!(site.exists(file), "{file} is missing");
    }
    let check = site.pjece(&["check"]);
    check.assert_code(0);
    assert_eq!(check.check_findings(), Vec::<String>::new());
}

#[test]
fn every_page_is_reachable_from_the_home_page() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    let out = site.path("public");
    let reached = crawl(&out, "/hverdag/");
    let pages: BTreeSet<String> = html_pages(&out).into_iter().filter(|p| p != "404.html").collect();
    let missing: Vec<&String> = pages.difference(&reached).collect();
    assert!(missing.is_empty(), "pages no link leads to: {missing:?}; reached {reached:?}");
    // The sitemap lists every page by its full address (print versions are copies of a page).
    let sitemap = site.read("public/sitemap.xml");
    for page in &pages {
        let url = page.strip_suffix("index.html").unwrap();
        if url.ends_with("/print/") || url.ends_with("/print-large/") {
            continue;
        }
        assert!(
            sitemap.contains(&format!("<loc>https://example.dk/hverdag/{url}</loc>")),
            "sitemap.xml lacks {url}:\n{sitemap}"
        );
    }
}

#[test]
fn content_links_and_images_are_rewritten_under_the_base_path() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    let html = site.read("public/leaflets/hjaelp-til-soevn/index.html");
    let links = links_in(&html);
    // `/img/x.svg` means the site root: it must land under base_url's path.
    assert!(links.contains(&"/hverdag/img/x.svg".to_string()), "{links:?}");
    assert!(!links.contains(&"/img/x.svg".to_string()), "{links:?}");
    // `tryg.md` means that leaflet.
    assert!(links.contains(&"/hverdag/leaflets/tryg/".to_string()), "{links:?}");
    assert!(!html.contains("tryg.md"), "a .md link was left as it was");
}

#[test]
fn static_files_are_copied_as_they_are() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    assert_eq!(fs::read(site.path("public/img/x.svg")).unwrap(), fs::read(site.path("static/img/x.svg")).unwrap());
}

#[test]
fn danish_file_names_get_danish_slugs() {
    let site = TestSite::fixture("good");
    assert!(site.exists("content/leaflets/hjælp-til-søvn.md"));
    site.pjece(&["build"]).assert_code(0);
    assert!(site.exists("public/leaflets/hjaelp-til-soevn/index.html"));
    let html = site.read("public/problems/soevn/index.html");
    assert!(
        html.contains("href=\"/hverdag/leaflets/hjaelp-til-soevn/\""),
        "the problem page should link the leaflet by its slug"
    );
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    let first = snapshot(&site.path("public"));
    site.pjece(&["build"]).assert_code(0);
    let second = snapshot(&site.path("public"));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}

#[test]
fn a_new_build_replaces_an_earlier_output() {
    let site = TestSite::fixture("good");
    site.fake_previous_output();
    site.pjece(&["build"]).assert_code(0);
    assert!(!site.exists("public/sentinel.txt"), "old files must go");
    assert!(site.read("public/index.html").contains("Testby"));
    assert!(site.exists("public/.pjece-output"));
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}

#[test]
fn base_url_flag_moves_every_link_under_its_path() {
    let site = TestSite::fixture("good");
    site.pjece(&["build", "--base-url", "https://x.dk/sub/"]).assert_code(0);
    let out = site.path("public");
    for page in html_pages(&out) {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        for link in links_in(&html) {
            assert!(
                !link.starts_with("/hverdag/") && !link.contains("example.dk/hverdag"),
                "{page} still links to the base_url of site.yaml: {link}"
            );
            if link.starts_with('/') {
                assert!(link.starts_with("/sub/"), "{page} links outside /sub/: {link}");
            }
        }
    }
    let leaflet = site.read("public/leaflets/hjaelp-til-soevn/index.html");
    assert!(leaflet.contains("src=\"/sub/img/x.svg\""));
    assert!(leaflet.contains("href=\"/sub/leaflets/tryg/\""));
    let reached = crawl(&out, "/sub/");
    assert!(reached.contains("technologies/natlys/index.html"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://x.dk/sub/leaflets/tryg/</loc>"));
    assert!(!sitemap.contains("example.dk"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    assert!(!site.exists("public/leaflets/kladde"));
    assert!(!site.read("public/sitemap.xml").contains("kladde"));
    assert!(!site.read("public/problems/tryghed/index.html").contains("kladde"));

    site.pjece(&["build", "--drafts"]).assert_code(0);
    assert!(site.exists("public/leaflets/kladde/index.html"));
    let reached = crawl(&site.path("public"), "/hverdag/");
    assert!(reached.contains("leaflets/kladde/index.html"), "with --drafts the draft is linked from its problem");
}

#[test]
fn check_of_a_good_site_prints_an_empty_json_array() {
    let site = TestSite::fixture("good");
    let run = site.pjece(&["check", "--format", "json"]);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
    assert!(!site.exists("public"), "check never writes output");
}

// ---------------------------------------------------------------------------------------------
// Bad input: one fixture per kind of fault
// ---------------------------------------------------------------------------------------------

#[test]
fn yaml_syntax_error() {
    assert_rejected(
        "bad-yaml-syntax",
        &["content/leaflets/tryg.md:2:8: error: the settings at the top of the file are not valid YAML: unclosed quote. Check this line and the one above for a missing `:`, an unclosed `[` or quote, or wrong indentation. If a value contains `: `, put the value in quotes."],
    );
}

#[test]
fn unknown_key_with_suggestion() {
    assert_rejected(
        "bad-unknown-key",
        &[
            "content/leaflets/tryg.md:1:1: error: `title` is missing. Add a line `title: …` to the settings at the top of the file: the title in plain words.",
            "content/leaflets/tryg.md:2:1: error: `titel` is not a key a leaflet can have. Did you mean `title`? The keys are: title, summary, problems, technologies, audience, reviewed, draft.",
        ],
    );
}

#[test]
fn wrong_types() {
    assert_rejected(
        "bad-wrong-type",
        &[
            "content/leaflets/tryg.md:4:11: error: `problems` should be a list, like `[huske, tryghed]`, but it is a number.",
            "content/leaflets/tryg.md:6:8: error: `draft` should be `true` or `false`, but it is `maybe`. Write `draft: true` or `draft: false`.",
        ],
    );
}

#[test]
fn missing_required_keys() {
    assert_rejected(
        "bad-missing-key",
        &[
            "content/leaflets/tryg.md:1:1: error: `reviewed` is missing. Add a line `reviewed: …` to the settings at the top of the file: the date the text was last checked, written YYYY-MM-DD.",
            "content/leaflets/tryg.md:1:1: error: `summary` is missing. Add a line `summary: …` to the settings at the top of the file: one or two sentences for lists and search results.",
        ],
    );
}

#[test]
fn unknown_problem_with_suggestion() {
    assert_rejected(
        "bad-unknown-problem",
        &["content/leaflets/tryg.md:5:5: error: `problems` names `sovn`, but there is no file content/problems/sovn.md. Did you mean `soevn`? Use the file name without .md."],
    );
}

#[test]
fn unknown_technology() {
    assert_rejected(
        "bad-unknown-technology",
        &["content/leaflets/tryg.md:5:24: error: `technologies` names `robotstoevsuger`, but there is no file content/technologies/robotstoevsuger.md. Use the file name without .md."],
    );
}

#[test]
fn unknown_category() {
    assert_rejected(
        "bad-unknown-category",
        &["content/technologies/natlys.md:4:11: error: `category` is `trygged`, which is not an id in content/categories.yaml. Did you mean `tryghed`?"],
    );
}

#[test]
fn duplicate_slugs_from_danish_letters() {
    let site = TestSite::fixture("bad-duplicate-slug");
    assert!(site.exists("content/problems/søvn.md") && site.exists("content/problems/soevn.md"));
    assert_rejected(
        "bad-duplicate-slug",
        &["content/problems/søvn.md:1:1: error: gives the web address `soevn`, which content/problems/soevn.md already has (æ, ø and å become ae, oe and aa). Rename one of the two files."],
    );
}

#[test]
fn missing_front_matter() {
    assert_rejected(
        "bad-no-front-matter",
        &["content/leaflets/tryg.md:1:1: error: the file must start with a line `---`, then the settings (title, summary …), then another `---` line. The first line is something else."],
    );
}

#[test]
fn invalid_date() {
    assert_rejected(
        "bad-invalid-date",
        &["content/leaflets/tryg.md:5:11: error: `reviewed` should be a date written YYYY-MM-DD, like `2026-05-01`, but it is `1. maj 2026`."],
    );
}

#[test]
fn future_reviewed_date_is_an_error() {
    let line = format!(
        "content/leaflets/tryg.md:5:1: error: `reviewed` is 2999-01-01, a date in the future. Write the date the text was actually checked (today is {}).",
        today()
    );
    assert_rejected("bad-future-reviewed", &[line.as_str()]);
}

#[test]
fn old_reviewed_date_is_only_a_warning() {
    let site = TestSite::fixture("old-reviewed");
    // The month count grows with the calendar, so the line is matched around it.
    let (head, tail) = (
        "content/leaflets/tryg.md:5:1: warning: `reviewed` is 2000-01-02, ",
        " months ago; leaflets are due for review every 12 months. Read the leaflet through, check that it is still right, and set `reviewed` to today's date.",
    );
    let matches = |lines: Vec<String>| {
        lines.len() == 1
            && lines[0].starts_with(head)
            && lines[0].ends_with(tail)
            && lines[0][head.len()..lines[0].len() - tail.len()].parse::<u32>().is_ok_and(|m| m >= 322)
    };
    let build = site.pjece(&["build"]);
    build.assert_code(0);
    assert!(matches(build.build_findings()), "{}", build.stderr);
    assert!(build.stderr.contains("(0 errors, 1 warning)"), "{}", build.stderr);
    assert!(site.exists("public/leaflets/tryg/index.html"));
    let check = site.pjece(&["check"]);
    check.assert_code(0);
    assert!(matches(check.check_findings()), "{}", check.stdout);
}

#[test]
fn broken_md_link_in_body() {
    assert_rejected(
        "bad-broken-link",
        &["content/leaflets/tryg.md:9:1: error: the link to `sov-godt.md` leads nowhere: there is no such file in content/. Link to a file that exists, like `tryg-om-natten.md` or `../technologies/gps-tracker.md`."],
    );
}

#[test]
fn image_without_alt_text() {
    assert_rejected(
        "bad-image-alt",
        &["content/leaflets/tryg.md:10:1: error: the picture `/img/natlys.svg` has no text for people who cannot see it. Write what it shows between the brackets: `![Et ur med ugedag](…)`."],
    );
}

#[test]
fn skipped_heading_level() {
    assert_rejected(
        "bad-heading-skip",
        &["content/leaflets/tryg.md:12:1: error: the heading `#### Godt at vide` skips a level: after a level-2 heading, the next can be at most level 3. Use `### Godt at vide`, so screen readers can follow the order."],
    );
}

#[test]
fn consent_technology_without_a_word_on_consent() {
    assert_rejected(
        "bad-consent",
        &["content/leaflets/tryg.md:7:1: error: the leaflet links `gps-tracker`, which can locate or watch a person, but the text never says how consent is handled. Add a section on samtykke and privacy: the person decides, can say no, and who sees the data."],
    );
}

#[test]
fn consent_is_satisfied_by_the_word_samtykke() {
    let site = TestSite::fixture("bad-consent");
    let leaflet = site.read("content/leaflets/tryg.md");
    site.write(
        "content/leaflets/tryg.md",
        &format!("{leaflet}\n## Samtykke\n\nDu bestemmer selv, om du vil have den.\n"),
    );
    let run = site.pjece(&["build"]);
    run.assert_code(0);
    assert_eq!(run.build_findings(), Vec::<String>::new());
}

#[test]
fn bad_site_yaml() {
    assert_rejected(
        "bad-site-yaml",
        &[
            "site.yaml:1:1: error: `base_url` is missing. Add a line `base_url: …` to site.yaml: the full address the site is published at, like https://example.dk/hverdag/.",
            "site.yaml:3:1: error: `thema` is not a key site.yaml can have. Did you mean `theme`? The keys are: title, base_url, language, languages, theme, paths, contact, accessibility_statement, print, neutrality, readability, review, search.",
        ],
    );
}

#[test]
fn many_faults_in_many_files_are_all_reported_in_order() {
    assert_rejected(
        "bad-many",
        &[
            "content/categories.yaml:3:1: error: the id `tryghed` is used twice. Give each category its own id.",
            "content/leaflets/sov-godt.md:5:11: error: `reviewed` is `2026-13-01`, but that day does not exist. Check the month and the day.",
            "content/leaflets/sov-godt.md:8:1: error: the picture `/img/seng.svg` has no text for people who cannot see it. Write what it shows between the brackets: `![Et ur med ugedag](…)`.",
            "content/leaflets/sov-godt.md:10:1: error: the heading `### Godt at vide` skips a level: the title is the page's level-1 heading, so the text's headings start at level 2. Use `## Godt at vide`, so screen readers can follow the order.",
            "content/leaflets/tryg.md:1:1: error: `title` is missing. Add a line `title: …` to the settings at the top of the file: the title in plain words.",
            "content/leaflets/tryg.md:2:1: error: `titel` is not a key a leaflet can have. Did you mean `title`? The keys are: title, summary, problems, technologies, audience, reviewed, draft.",
            "content/leaflets/tryg.md:4:12: error: `problems` names `sovn`, but there is no file content/problems/sovn.md. Did you mean `soevn`? Use the file name without .md.",
            "content/leaflets/tryg.md:9:1: error: the link to `lys.md` leads nowhere: there is no such file in content/. Did you mean `natlys.md`? Link to a file that exists, like `tryg-om-natten.md` or `../technologies/gps-tracker.md`.",
            "content/problems/soevn.md:1:1: error: `summary` is missing. Add a line `summary: …` to the settings at the top of the file: one or two sentences for lists and search results.",
            "content/technologies/natlys.md:4:11: error: `category` is `lys`, which is not an id in content/categories.yaml. The ids are: tryghed.",
            "content/technologies/natlys.md:6:13: error: `price_band` has `billig`, which is not one of: low, medium, high.",
        ],
    );
}

#[test]
fn a_failed_build_after_a_good_one_keeps_the_good_output() {
    let site = TestSite::fixture("good");
    site.pjece(&["build"]).assert_code(0);
    let good = snapshot(&site.path("public"));
    site.write("content/leaflets/tryg.md", "---\ntitel: Tryg\n---\n\nTekst.\n");
    let run = site.pjece(&["build"]);
    run.assert_code(1);
    assert!(!run.build_findings().is_empty());
    assert_eq!(snapshot(&site.path("public")), good);
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

#[test]
fn check_json_is_the_same_findings_as_an_array() {
    let site = TestSite::fixture("bad-many");
    let human = site.pjece(&["check"]);
    human.assert_code(1);
    let run = site.pjece(&["check", "--format", "json"]);
    run.assert_code(1);
    let v: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    let items = v.as_array().expect("a JSON array");
    assert_eq!(items.len(), human.check_findings().len());
    let as_lines: Vec<String> = items
        .iter()
        .map(|f| {
            let path = f["path"].as_str().expect("path is a string");
            let line = f["line"].as_u64().expect("line is a number");
            let col = f["col"].as_u64().expect("col is a number");
            let sev = f["severity"].as_str().expect("severity is a string");
            let msg = f["message"].as_str().expect("message is a string");
            assert!(sev == "error" || sev == "warning", "{sev}");
            assert!(line >= 1 && col >= 1);
            format!("{path}:{line}:{col}: {sev}: {msg}")
        })
        .collect();
    assert_eq!(as_lines, human.check_findings());
}

#[test]
fn check_json_carries_warnings_too() {
    let site = TestSite::fixture("old-reviewed");
    let run = site.pjece(&["check", "--format", "json"]);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["path"], "content/leaflets/tryg.md");
    assert_eq!(v[0]["line"], 5);
    assert_eq!(v[0]["col"], 1);
    assert_eq!(v[0]["severity"], "warning");
    assert!(v[0]["message"].as_str().unwrap().starts_with("`reviewed` is 2000-01-02"));
}

// ---------------------------------------------------------------------------------------------
// Output safety
// ---------------------------------------------------------------------------------------------

#[test]
fn out_equal_to_the_root_is_refused() {
    let site = TestSite::fixture("good");
    let before = site.snapshot();
    let run = site.pjece(&["build", "--out", "."]);
    run.assert_code(1);
    let findings = run.build_findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0]
            .ends_with(": error: the output folder . is the site folder itself; choose another --out, like public/"),
        "{findings:?}"
    );
    assert_eq!(site.snapshot(), before);
    assert!(site.leftovers().is_empty());
}

#[test]
fn out_inside_content_is_refused() {
    let site = TestSite::fixture("good");
    let before = site.snapshot();
    let run = site.pjece(&["build", "--out", "content/out"]);
    run.assert_code(1);
    assert_eq!(
        run.build_findings(),
        ["--out:1:1: error: the output folder content/out is inside content/, where editors keep their files; choose another --out, like public/"]
    );
    assert_eq!(site.snapshot(), before);
    assert!(!site.exists("content/out"));
}

#[test]
fn out_that_is_someone_elses_folder_is_refused() {
    let site = TestSite::fixture("good");
    site.write("mine/notes.txt", "my own notes\n");
    let before = site.snapshot();
    let run = site.pjece(&["build", "--out", "mine"]);
    run.assert_code(1);
    assert_eq!(
        run.build_findings(),
        ["--out:1:1: error: the output folder mine already exists and was not made by pjece (it has no .pjece-output file), so pjece will not replace it; empty or remove it yourself, or choose another --out"]
    );
    assert_eq!(site.snapshot(), before);
    assert_eq!(site.read("mine/notes.txt"), "my own notes\n");
}

#[test]
fn out_that_is_an_empty_folder_or_a_new_one_is_used() {
    let site = TestSite::fixture("good");
    fs::create_dir_all(site.path("empty")).unwrap();
    site.pjece(&["build", "--out", "empty"]).assert_code(0);
    assert!(site.exists("empty/index.html"));
    site.pjece(&["build", "--out", "site-out"]).assert_code(0);
    assert!(site.exists("site-out/.pjece-output"));
    assert!(!site.exists("public"), "--out replaces public/");
}

// ---------------------------------------------------------------------------------------------
// pjece new, and wrong usage
// ---------------------------------------------------------------------------------------------

#[test]
fn new_leaflet_gets_a_danish_slug_and_never_overwrites() {
    let site = TestSite::fixture("good");
    // The fixture already has hjælp-til-søvn.md; this test is about a site without it.
    fs::remove_file(site.path("content/leaflets/hjælp-til-søvn.md")).unwrap();
    let run = site.pjece(&["new", "leaflet", "hjælp-til-søvn"]);
    run.assert_code(0);
    let rel = "content/leaflets/hjaelp-til-soevn.md";
    assert!(site.exists(rel), "{}", run.stdout);
    let made = site.read(rel);
    assert!(made.starts_with("---\ntitle: \"Hjælp til søvn\"\n"), "{made}");
    assert!(made.contains("draft: true"), "{made}");
    assert!(made.contains(&format!("reviewed: {}", today())), "{made}");

    // The new file is a draft: the site still builds, and leaves it out.
    let build = site.pjece(&["build"]);
    build.assert_code(0);
    // The new draft is left out of the site, with a reminder of what it still lacks.
    assert_eq!(
        build.build_findings(),
        ["content/leaflets/hjaelp-til-soevn.md:5:11: warning: `problems` is empty. Write the everyday problems it helps with, as file names from content/problems/ without .md, like `[huske]`. (This file is a draft, so it is left out of the site.)"]
    );
    assert!(!site.exists("public/leaflets/hjaelp-til-soevn"));

    site.write(rel, "mine now\n");
    let again = site.pjece(&["new", "leaflet", "hjælp-til-søvn"]);
    again.assert_code(1);
    assert!(again.stderr.contains("already exists; pjece never overwrites a file"), "{}", again.stderr);
    assert_eq!(site.read(rel), "mine now\n", "the file is unchanged");
}

#[test]
fn new_outside_a_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pjece"))
        .args(["new", "leaflet", "x", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no site.yaml in"));
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn wrong_usage_exits_with_2() {
    let site = TestSite::fixture("good");
    for args in [
        &["frobnicate"][..],
        &["new", "gadget", "x"],
        &["build", "--format", "json"],
        &["check", "--format", "xml"],
        &[],
    ] {
        let run = site.pjece(args);
        run.assert_code(2);
        assert!(!run.stderr.is_empty(), "{args:?} should explain itself");
    }
    assert!(!site.exists("public"));
}

// ---------------------------------------------------------------------------------------------
// Regression tests for bugs and unclear messages found in the first review of issue 2's build:
// each asserts the behaviour an editor should get.
// ---------------------------------------------------------------------------------------------

#[test]
fn reference_style_image_with_alt_text_is_accepted() {
    let site = TestSite::fixture("good");
    site.write(
        "content/pages/om.md",
        "---\ntitle: Om siden\n---\n\n![Et natlys på væggen][lys]\n\n[lys]: /img/x.svg\n",
    );
    let run = site.pjece(&["build"]);
    run.assert_code(0);
    assert_eq!(run.build_findings(), Vec::<String>::new());
    assert!(site.read("public/om/index.html").contains("src=\"/hverdag/img/x.svg\" alt=\"Et natlys på væggen\""));
}

#[test]
fn empty_problem_list_is_an_error() {
    let site = TestSite::fixture("good");
    site.write(
        "content/leaflets/tryg.md",
        "---\ntitle: Tryg\nsummary: Kort.\nproblems: []\nreviewed: 2026-05-01\n---\n\nTekst.\n",
    );
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["content/leaflets/tryg.md:4:11: error: `problems` is empty. Write the everyday problems it helps with, as file names from content/problems/ without .md, like `[huske]`."]
    );
}

#[test]
fn consent_finding_points_at_the_technology_even_when_written_with_md() {
    let site = TestSite::fixture("bad-consent");
    site.write(
        "content/leaflets/tryg.md",
        "---\ntitle: Tryg om natten\nsummary: Råd.\nproblems: [soevn]\ntechnologies: [natlys, gps-tracker.md]\nreviewed: 2026-05-01\n---\n\nEn GPS kan hjælpe.\n",
    );
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["content/leaflets/tryg.md:5:1: error: the leaflet links `gps-tracker`, which can locate or watch a person, but the text never says how consent is handled. Add a section on samtykke and privacy: the person decides, can say no, and who sees the data."]
    );
}

#[test]
fn link_by_slug_to_a_danish_file_name_works() {
    let site = TestSite::fixture("good");
    site.write("content/pages/om.md", "---\ntitle: Om siden\n---\n\nLæs [om søvn](hjaelp-til-soevn.md).\n");
    let run = site.pjece(&["build"]);
    run.assert_code(0);
    assert_eq!(run.build_findings(), Vec::<String>::new());
    assert!(site.read("public/om/index.html").contains("href=\"/hverdag/leaflets/hjaelp-til-soevn/\""));
}

#[test]
fn broken_link_suggests_a_file_name_that_exists() {
    let site = TestSite::fixture("good");
    site.write("content/pages/om.md", "---\ntitle: Om siden\n---\n\nLæs [om søvn](hjælp-til-søvnn.md).\n");
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["content/pages/om.md:5:1: error: the link to `hjælp-til-søvnn.md` leads nowhere: there is no such file in content/. Did you mean `hjælp-til-søvn.md`? Link to a file that exists, like `tryg-om-natten.md` or `../technologies/gps-tracker.md`."]
    );
}

#[test]
fn out_equal_to_the_root_names_the_flag() {
    let site = TestSite::fixture("good");
    let run = site.pjece(&["build", "--root", ".", "--out", "."]);
    run.assert_code(1);
    assert_eq!(
        run.build_findings(),
        ["--out:1:1: error: the output folder . is the site folder itself; choose another --out, like public/"]
    );
}

#[test]
fn out_outside_the_site_is_named_as_given() {
    let site = TestSite::fixture("good");
    let parent = site.root.parent().unwrap().to_path_buf();
    let parent_s = parent.to_str().unwrap();
    let run = site.pjece(&["build", "--out", parent_s]);
    run.assert_code(1);
    assert_eq!(
        run.build_findings(),
        [format!("--out:1:1: error: the output folder {parent_s} contains the site folder; choose a folder inside the site, like public/")]
    );
}

#[test]
fn a_site_yaml_typo_does_not_hide_content_errors() {
    let site = TestSite::fixture("bad-unknown-problem");
    site.write(
        "site.yaml",
        "title: Testby\nbase_url: https://example.dk/hverdag/\nlanguage: da\nthema: default\nreview:\n  max_age_months: 1200\n",
    );
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        [
            "content/leaflets/tryg.md:5:5: error: `problems` names `sovn`, but there is no file content/problems/sovn.md. Did you mean `soevn`? Use the file name without .md.",
            "site.yaml:4:1: error: `thema` is not a key site.yaml can have. Did you mean `theme`? The keys are: title, base_url, language, languages, theme, paths, contact, accessibility_statement, print, neutrality, readability, review, search.",
        ]
    );
}

#[test]
fn decimal_number_is_called_a_decimal_number() {
    let site = TestSite::fixture("good");
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}readability:\n  max_lix: 40.5\n"));
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["site.yaml:10:12: error: `max_lix` should be a whole number, but it is a number with decimals."]
    );
}

#[test]
fn impossible_day_is_called_an_impossible_day() {
    let site = TestSite::fixture("bad-invalid-date");
    site.write(
        "content/leaflets/tryg.md",
        "---\ntitle: Tryg\nsummary: Kort.\nproblems: [soevn]\nreviewed: 2026-02-30\n---\n\nTekst.\n",
    );
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["content/leaflets/tryg.md:5:11: error: `reviewed` is `2026-02-30`, but that day does not exist. Check the month and the day."]
    );
}

#[test]
fn missing_key_in_a_category_says_where_to_add_it() {
    let site = TestSite::fixture("good");
    site.write("content/categories.yaml", "- id: tryghed\n  title: Tryghed\n- id: sanse\n  summary: Lys og lyd.\n");
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        ["content/categories.yaml:3:1: error: `title` is missing. Add a line `title: …` to this category: the category's name."]
    );
}

#[test]
fn new_technology_does_not_mention_draft() {
    let site = TestSite::fixture("good");
    let run = site.pjece(&["new", "technology", "gps-ur"]);
    run.assert_code(0);
    assert!(site.exists("content/technologies/gps-ur.md"));
    assert!(!run.stdout.contains("draft"), "{}", run.stdout);
}

#[test]
fn new_title_starts_with_a_capital_danish_letter() {
    let site = TestSite::fixture("good");
    site.pjece(&["new", "problem", "ældre-og-ensom"]).assert_code(0);
    assert!(site.read("content/problems/aeldre-og-ensom.md").contains("title: \"Ældre og ensom\"\n"));
}

#[test]
fn new_refuses_a_name_whose_slug_an_existing_file_has() {
    let site = TestSite::fixture("good");
    let before = site.snapshot();
    let run = site.pjece(&["new", "leaflet", "hjælp-til-søvn"]);
    run.assert_code(1);
    assert!(run.stderr.contains("hjælp-til-søvn.md already"), "should name the existing file: {}", run.stderr);
    assert_eq!(site.snapshot(), before);
}

#[test]
fn links_inside_the_site_must_reach_a_page_a_file_or_a_section() {
    let site = TestSite::fixture("good");
    site.write(
        "content/leaflets/tryg.md",
        "---\ntitle: Tryg om natten\nsummary: Råd om tryghed om natten.\nproblems: [tryghed, soevn]\nreviewed: 2026-05-01\n---\n\nSe [forsiden](/), [natlys](/technologies/natlys/) og [godt at vide](#godt-at-vide).\n\nSe [noget](/findes-ikke/) og [et afsnit](/technologies/natlys/#intet) og ![Et ur](/img/ur.svg).\n\n## Godt at vide\n\nTekst.\n",
    );
    let run = site.pjece(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.check_findings(),
        [
            "content/leaflets/tryg.md:10:1: error: the link `/findes-ikke/` leads to nothing the site has. Check the address, or link to the file instead, like `tryg-om-natten.md`.",
            "content/leaflets/tryg.md:10:1: error: the link `/technologies/natlys/#intet` points to a section `#intet` that the page does not have. Its sections are: hvad-er-det.",
            "content/leaflets/tryg.md:10:1: error: the picture `/img/ur.svg` leads to nothing the site has. Put the picture in static/ (a link `/img/ur.svg` finds static/img/ur.svg).",
        ]
    );
}
