//! The content rules of `pjece check` for neutrality (no brands, trademark signs, shop links or
//! prices) and wording (vague link texts, empty table headers), run through the real binary.
//!
//! Each fixture in `tests/fixtures/<case>/` plants one kind of fault; the tests assert the exact
//! finding lines (`path:line:col: error|warning: message`). The example site at the repository
//! root must pass with no findings at all, and names planted in a copy of it must be found on
//! the right line and column.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of a site in a temporary folder, removed when the test ends.
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
    /// The finding lines of `pjece check` (written to stdout), in order.
    fn findings(&self) -> Vec<String> {
        self.stdout.lines().filter(|l| is_finding_line(l)).map(str::to_string).collect()
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

/// True for `path:line:col: error: message` and `…: warning: …`.
fn is_finding_line(line: &str) -> bool {
    [": error: ", ": warning: "].iter().any(|sev| {
        line.find(sev).is_some_and(|i| {
            let mut parts = line[..i].rsplitn(3, ':');
            let col = parts.next().unwrap_or("");
            let ln = parts.next().unwrap_or("");
            parts.next().is_some()
                && !col.is_empty()
                && !ln.is_empty()
                && col.bytes().all(|b| b.is_ascii_digit())
                && ln.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

impl TestSite {
    /// Copies `tests/fixtures/<name>/` into a new temporary folder.
    fn fixture(name: &str) -> TestSite {
        let src = repo().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        Self::copy_of(&src, &["site.yaml", "content", "static", "themes"])
    }

    /// Copies the example site at the repository root (its settings, content, pictures, themes).
    fn example() -> TestSite {
        Self::copy_of(&repo(), &["site.yaml", "content", "static", "themes"])
    }

    fn copy_of(src: &Path, parts: &[&str]) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        for part in parts {
            let from = src.join(part);
            if from.is_dir() {
                copy_dir(&from, &root.join(part));
            } else if from.is_file() {
                fs::copy(&from, root.join(part)).unwrap();
            }
        }
        TestSite { _dir: dir, root }
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.root.join(rel), text).unwrap();
    }

    /// Replaces `from` (which must be in the file exactly once) with `to`.
    #[track_caller]
    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "`{from}` should be in {rel} exactly once");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// `path:line:col` of the first `word` in a file, counting columns in characters.
    #[track_caller]
    fn place_of(&self, rel: &str, word: &str) -> String {
        let text = self.read(rel);
        let (i, line) =
            text.lines().enumerate().find(|(_, l)| l.contains(word)).unwrap_or_else(|| panic!("no `{word}` in {rel}"));
        let col = line[..line.find(word).unwrap()].chars().count() + 1;
        format!("{rel}:{}:{col}", i + 1)
    }

    /// Runs `pjece ARGS --root <site>` in the site folder, as an editor would.
    fn pjece(&self, args: &[&str]) -> Run {
        run_in(&self.root, args, &self.root)
    }
}

fn run_in(cwd: &Path, args: &[&str], root: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pjece"))
        .current_dir(cwd)
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("the pjece binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks `fixture` and compares every finding line with `expected`.
#[track_caller]
fn assert_findings(fixture: &str, code: i32, expected: &[&str]) {
    let site = TestSite::fixture(fixture);
    let run = site.pjece(&["check"]);
    run.assert_code(code);
    assert_eq!(run.findings(), expected, "check of {fixture}");
}

// ---------------------------------------------------------------------------------------------
// The example site
// ---------------------------------------------------------------------------------------------

#[test]
fn the_example_site_passes_with_no_errors_and_no_warnings() {
    // The real binary on the repository root: the shipped name list, the shop list and the price
    // and wording rules must not fire on the example content.
    let run = run_in(&repo(), &["check"], &repo());
    run.assert_code(0);
    assert_eq!(run.findings(), Vec::<String>::new());
}

#[test]
fn names_and_signs_planted_in_the_example_site_are_found_on_their_line_and_column() {
    let site = TestSite::example();
    site.replace("site.yaml", "forbidden: []", "forbidden: [Hjemmeglad]");
    let leaflet = "content/leaflets/tryg-om-natten.md";
    let technology = "content/technologies/stemmestyring.md";
    site.replace(leaflet, "Hav en telefon ved sengen.", "Hav en iPhone ved sengen.");
    site.replace(leaflet, "Lys der følger døgnet kan du selv købe.", "Lys der følger døgnet™ kan du selv købe.");
    site.replace(
        leaflet,
        "Kommunen anbefaler ikke bestemte mærker eller butikker.",
        "Kommunen anbefaler ikke bestemte mærker eller butikker, heller ikke Hjemmeglad.",
    );
    site.replace(technology, "title: Stemmestyret højttaler", "title: Stemmestyret højttaler som Alexa");

    let run = site.pjece(&["check"]);
    run.assert_code(1);
    let found = run.findings();
    let expected = [
        (site.place_of(leaflet, "iPhone"), "error: the text contains »iPhone«, a brand"),
        (site.place_of(leaflet, "™"), "error: the text contains the trademark sign »™«"),
        (site.place_of(leaflet, "Hjemmeglad"), "error: the text contains »Hjemmeglad«, a name on this site's list"),
        (site.place_of(technology, "Alexa"), "error: `title` contains »Alexa«, a brand"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (place, start) in expected {
        let prefix = format!("{place}: {start}");
        assert!(found.iter().any(|f| f.starts_with(&prefix)), "no finding starting `{prefix}` in {found:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Neutrality
// ---------------------------------------------------------------------------------------------

#[test]
fn brand_and_forbidden_names_in_titles_text_alt_text_link_text_examples_and_file_names() {
    // The fixture also holds ordinary words that look like names ("Ring til os", "Zoom ind",
    // "netto", "en ring", "jysk"): they must not be reported.
    assert_findings(
        "bad-brand-name",
        1,
        &[
            "content/leaflets/tryg.md:2:27: error: `title` contains »Alexa«, a brand, product or company name (smart speakers, voice assistants and smart home). A municipality must not advertise products or companies: name the kind of technology instead, like »en stemmestyret højttaler«.",
            "content/leaflets/tryg.md:3:39: error: `summary` contains »Hjemmeglad«, a name on this site's list of names that must never appear (`neutrality.forbidden` in site.yaml). Name the kind of technology instead, like »en stemmestyret højttaler«.",
            "content/leaflets/tryg.md:8:19: error: the text contains »IKEA«, a brand, product or company name (shops, chains, online shops and phone companies). A municipality must not advertise products or companies: name the kind of technology instead, like »i en butik, på nettet eller hos et teleselskab – uden navn«.",
            "content/leaflets/tryg.md:10:6: error: the text contains »iPad«, a brand, product or company name (phones, tablets and computers). A municipality must not advertise products or companies: name the kind of technology instead, like »en enkel mobiltelefon, en tablet eller en smartphone«.",
            "content/leaflets/tryg.md:12:17: error: the text contains »Philips Hue«, a brand, product or company name (smart speakers, voice assistants and smart home). A municipality must not advertise products or companies: name the kind of technology instead, like »en stemmestyret højttaler«.",
            "content/leaflets/tryg.md:12:68: error: the text contains »Apple Watch«, a brand, product or company name (watches, activity trackers and health measuring). A municipality must not advertise products or companies: name the kind of technology instead, like »et aktivitetsur, en skridttæller eller en blodtryksmåler«.",
            "content/technologies/google-home.md:1:1: error: the file name contains »google-home« (the name »Google Home«), a brand, product or company name (smart speakers, voice assistants and smart home). The file name becomes the page's web address: rename the file after the kind of technology, like `stemmestyret-hoejttaler.md`.",
            "content/technologies/natlys.md:8:15: error: `examples` contains »Philips Hue«, a brand, product or company name (smart speakers, voice assistants and smart home). A municipality must not advertise products or companies: name the kind of technology instead, like »en stemmestyret højttaler«.",
        ],
    );
}

#[test]
fn a_build_stops_on_brand_names_too() {
    let site = TestSite::fixture("bad-brand-name");
    let run = site.pjece(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("»Alexa«"), "{}", run.stderr);
}

#[test]
fn outside_the_site_folder_names_in_the_settings_are_still_found() {
    // Run with --root from another folder, names in the settings keep their exact places.
    let site = TestSite::fixture("bad-brand-name");
    let elsewhere = tempfile::tempdir().unwrap();
    let run = run_in(elsewhere.path(), &["check"], &site.root);
    run.assert_code(1);
    let found = run.findings();
    assert!(
        found.iter().any(|f| f.starts_with("content/leaflets/tryg.md:2:27: error: `title` contains »Alexa«")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.starts_with("content/leaflets/tryg.md:10:6: error: the text contains »iPad«")),
        "{found:#?}"
    );
}

#[test]
fn trademark_signs_written_or_as_html() {
    assert_findings(
        "bad-trademark",
        1,
        &[
            "content/leaflets/tryg.md:3:45: error: `summary` contains the trademark sign »®«. A trademark sign points to a brand, and a municipality must not advertise products. Remove the sign, and write the kind of technology instead of the brand.",
            "content/leaflets/tryg.md:8:10: error: the text contains the trademark sign »™«. A trademark sign points to a brand, and a municipality must not advertise products. Remove the sign, and write the kind of technology instead of the brand.",
            "content/leaflets/tryg.md:10:16: error: the text contains the trademark sign »&reg;« (the sign »®«). A trademark sign points to a brand, and a municipality must not advertise products. Remove the sign, and write the kind of technology instead of the brand.",
        ],
    );
}

#[test]
fn links_and_pictures_from_shops_and_brand_sites_but_not_public_sites() {
    assert_findings(
        "bad-shop-link",
        0,
        &[
            "content/leaflets/tryg.md:8:16: warning: the link goes to a shop or brand site (`elgiganten.dk`): `https://www.elgiganten.dk/natlys`. A municipality must not send citizens to a particular shop or brand. Link to neutral advice instead, like the municipality's own pages or borger.dk, or write »i butikker med elektronik« without a link.",
            "content/leaflets/tryg.md:10:14: warning: the link goes to the website of a brand or company (»Doro«): `https://www.doro.com/da-dk/`. A municipality must not send citizens to a particular shop or brand. Link to neutral advice instead, like the municipality's own pages or borger.dk, or write »i butikker med elektronik« without a link.",
            "content/leaflets/tryg.md:12:1: warning: the picture comes from the website of a brand or company (»Apple«): `https://images.apple.com/natlys.jpg`. A municipality must not show a particular shop's or brand's pictures. Use a picture of your own: put it in static/ and write its path, like `/img/natlys.svg`.",
        ],
    );
}

#[test]
fn prices_in_leaflets_but_not_times_or_free_pages() {
    assert_findings(
        "bad-price",
        0,
        &[
            "content/leaflets/tryg.md:3:33: warning: `summary` contains the price »100 kr.«. Prices change and differ from shop to shop, and a price points to one product. Write a general price level instead: billig, mellem or dyr.",
            "content/leaflets/tryg.md:8:18: warning: the text contains the price »99 kr.«. Prices change and differ from shop to shop, and a price points to one product. Write a general price level instead: billig, mellem or dyr.",
            "content/leaflets/tryg.md:10:22: warning: the text contains the price »1.499,-«. Prices change and differ from shop to shop, and a price points to one product. Write a general price level instead: billig, mellem or dyr.",
            "content/leaflets/tryg.md:10:44: warning: the text contains the price »2 000 kroner«. Prices change and differ from shop to shop, and a price points to one product. Write a general price level instead: billig, mellem or dyr.",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

#[test]
fn link_texts_that_do_not_say_where_the_link_goes() {
    assert_findings(
        "bad-link-text",
        0,
        &[
            "content/leaflets/tryg.md:8:23: warning: the link text »her« (the link to `../technologies/natlys.md`) does not say where the link goes. People who use a screen reader often hear only the links, and everyone skims them. Write what the reader will find, like »Læs om nødkald«.",
            "content/leaflets/tryg.md:10:1: warning: the link text »Klik her« (the link to `../technologies/natlys.md`) does not say where the link goes. People who use a screen reader often hear only the links, and everyone skims them. Write what the reader will find, like »Læs om nødkald«.",
            "content/leaflets/tryg.md:10:61: warning: the link text »læs mere …« (the link to `https://www.borger.dk/`) does not say where the link goes. People who use a screen reader often hear only the links, and everyone skims them. Write what the reader will find, like »Læs om nødkald«.",
            "content/leaflets/tryg.md:12:9: warning: the link to `https://www.borger.dk/` has no text, so nobody can see or hear it. Write what the reader will find between the brackets, like `[Læs om nødkald](https://www.borger.dk/)`.",
        ],
    );
}

#[test]
fn a_table_with_an_empty_header_row() {
    assert_findings(
        "bad-table-header",
        0,
        &[
            "content/leaflets/tryg.md:10:1: warning: the table has an empty header row, so nobody can tell what the columns hold, and a screen reader cannot say it either. Write a short title over each column in the first row, like `| Hvad | Hvordan får du det |`.",
        ],
    );
}
