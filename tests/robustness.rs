//! Robustness and determinism of the real `pjece` binary (issue 8, items 3 and 4).
//!
//! Each test copies `tests/fixtures/good/` into a temporary folder, spoils it in one way (binary
//! garbage, invalid UTF-8, a 50 MB leaflet, deep nesting, symlink loops, unreadable files, a full
//! disk, an output folder that vanishes mid-build) and runs `pjece build`. Whatever happens, the
//! binary must not panic (exit code 0 or 1, never 101 or a signal, no "panicked" on stderr). When
//! the build fails, it prints one `path:line:col: error: …` line naming the file at fault and
//! leaves the previous `public/` exactly as it was.
//!
//! Tests run as root on the project's machines, where `chmod 000` does not stop reads: those
//! cases use other means (a file that fails with EIO, `mount -t tmpfs`, `ulimit -f`) and say so
//! on stderr when a means is not available.
//!
//! Timings are printed (`cargo test --test robustness -- --nocapture`), never asserted.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Helpers (the same shapes as in tests/cli.rs)
// ---------------------------------------------------------------------------------------------

struct TestSite {
    dir: tempfile::TempDir,
    root: PathBuf,
}

#[derive(Debug)]
struct Run {
    /// The exit code, or `None` when a signal ended the process.
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    /// No panic: exit code 0 or 1 (never 101, never a signal), and no panic message.
    #[track_caller]
    fn assert_no_panic(&self) -> &Self {
        assert!(
            matches!(self.code, Some(0) | Some(1)),
            "pjece must exit with 0 or 1, not {:?} (101 is a panic, None a signal such as a stack overflow)\n--- stderr:\n{}",
            self.code,
            tail(&self.stderr)
        );
        assert!(!self.stderr.contains("panicked"), "pjece panicked:\n{}", tail(&self.stderr));
        self
    }

    /// The finding lines (`path:line:col: error|warning: …`) that start with `path:`.
    fn lines_naming(&self, path: &str) -> Vec<&str> {
        let prefix = format!("{path}:");
        self.stderr.lines().filter(|l| l.starts_with(&prefix) && is_finding_line(l)).collect()
    }

    /// Every finding line is short enough to read.
    #[track_caller]
    fn assert_lines_readable(&self) -> &Self {
        for line in self.stderr.lines().filter(|l| is_finding_line(l)) {
            assert!(
                line.chars().count() <= MAX_LINE,
                "a finding line of {} characters is not a clear line: {}",
                line.chars().count(),
                short(line)
            );
        }
        self
    }

    /// The build failed with exactly one line that names `path`, an error, which contains every
    /// one of `words` (case-insensitive). For faults with one cause (a file that cannot be read,
    /// a disk that is full).
    #[track_caller]
    fn assert_one_clear_line(&self, path: &str, words: &[&str]) -> &Self {
        self.assert_no_panic();
        assert_eq!(self.code, Some(1), "the build should fail\n--- stderr:\n{}", tail(&self.stderr));
        let lines = self.lines_naming(path);
        assert_eq!(
            lines.len(),
            1,
            "expected one line naming {path}, got {:?}\n--- stderr:\n{}",
            lines.iter().map(|l| short(l)).collect::<Vec<_>>(),
            tail(&self.stderr)
        );
        self.assert_clear_failure(path, words)
    }

    /// The build failed, and the first error line that names `path` contains every one of
    /// `words`. For content with many faults (garbage), where every fault may be reported.
    #[track_caller]
    fn assert_clear_failure(&self, path: &str, words: &[&str]) -> &Self {
        self.assert_no_panic();
        assert_eq!(self.code, Some(1), "the build should fail\n--- stderr:\n{}", tail(&self.stderr));
        let errors: Vec<&str> = self.lines_naming(path).into_iter().filter(|l| l.contains(": error: ")).collect();
        assert!(!errors.is_empty(), "no error line names {path}\n--- stderr:\n{}", tail(&self.stderr));
        eprintln!("    {}", short(errors[0]));
        let lower = errors[0].to_lowercase();
        for w in words {
            assert!(lower.contains(&w.to_lowercase()), "the line should say `{w}`: {}", short(errors[0]));
        }
        // Warnings may still quote too much (see `a_long_sentence_is_quoted_briefly`); errors not.
        for line in errors {
            assert!(line.chars().count() <= MAX_LINE, "an error line too long to be clear: {}", short(line));
        }
        self
    }
}

/// The longest finding line that still counts as one clear line (messages quote the editor's
/// words, so they are long, but never pages long).
const MAX_LINE: usize = 1000;

/// The start of a long line.
fn short(line: &str) -> String {
    if line.chars().count() <= 400 {
        line.to_string()
    } else {
        format!("{} … ({} characters)", line.chars().take(400).collect::<String>(), line.chars().count())
    }
}

/// Keeps failure messages short when a run prints megabytes.
fn tail(s: &str) -> String {
    if s.len() <= 4000 {
        return s.to_string();
    }
    let mut cut = s.len() - 4000;
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    format!("…{}", &s[cut..])
}

fn is_finding_line(line: &str) -> bool {
    for sev in [": error: ", ": warning: "] {
        if let Some(i) = line.find(sev) {
            let mut parts = line[..i].rsplitn(3, ':');
            let col = parts.next().unwrap_or("");
            let ln = parts.next().unwrap_or("");
            if parts.next().is_some()
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

fn manifest_dir() -> PathBuf {
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

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            let ft = entry.file_type().unwrap();
            if ft.is_dir() {
                walk(base, &path, out);
            } else if ft.is_file() {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A front matter and body that make a valid leaflet about the fixture's problem `soevn`.
fn leaflet(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: Kort om {title}.\nproblems: [soevn]\nreviewed: 2026-05-01\n---\n\n{body}")
}

/// Deterministic pseudo-random bytes (a linear congruential generator), so failures repeat.
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

impl TestSite {
    fn good() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&manifest_dir().join("tests/fixtures/good"), &root);
        TestSite { dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A folder beside the site, inside the same temporary folder.
    fn beside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
        self
    }

    /// A `public/` as an earlier build would have left it.
    fn fake_previous_output(&self) -> &Self {
        self.write("public/.pjece-output", "made by an earlier build\n");
        self.write("public/index.html", "<p>the previous site</p>\n");
        self.write("public/sentinel.txt", "still here\n")
    }

    fn public(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path("public"))
    }

    /// Staging or backup folders that a build left beside the output.
    fn leftovers(&self, dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.contains("pjece-staging") || n.contains("pjece-old"))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pjece"));
        cmd.current_dir(&self.root).args(args).arg("--root").arg(&self.root);
        cmd
    }

    fn run(&self, mut cmd: Command) -> Run {
        let start = Instant::now();
        let out = cmd.stdin(Stdio::null()).output().expect("the pjece binary runs");
        Run {
            code: out.status.code(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            elapsed: start.elapsed(),
        }
    }

    fn pjece(&self, args: &[&str]) -> Run {
        self.run(self.command(args))
    }

    /// Builds a site that should fail because of `file`: one clear line naming it, and the
    /// previous output untouched.
    #[track_caller]
    fn assert_build_rejects(&self, file: &str, words: &[&str]) -> Run {
        self.fake_previous_output();
        let before = self.public();
        let run = self.pjece(&["build"]);
        run.assert_one_clear_line(file, words);
        assert_eq!(self.public(), before, "a failed build must leave public/ as it was");
        assert!(self.leftovers(&self.root).is_empty(), "{:?}", self.leftovers(&self.root));
        run
    }
}

// ---------------------------------------------------------------------------------------------
// Bad content
// ---------------------------------------------------------------------------------------------

#[test]
fn binary_garbage_in_a_leaflet() {
    let site = TestSite::good();
    // A picture saved as .md by mistake: a PNG signature, then noise with NULs.
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(garbage(64 * 1024, 1));
    site.write("content/leaflets/billede.md", bytes);
    site.assert_build_rejects("content/leaflets/billede.md", &["UTF-8"]);
}

#[test]
fn garbage_that_is_valid_utf8_in_front_matter_and_body() {
    let site = TestSite::good();
    // Control characters, NULs and stray bytes that happen to be UTF-8.
    let noise: String = garbage(16 * 1024, 2).into_iter().map(|b| char::from(b & 0x7f)).collect();
    site.write("content/leaflets/stoej.md", format!("---\ntitle: {}\n---\n{noise}", &noise[..200]));
    site.fake_previous_output();
    let before = site.public();
    site.pjece(&["build"]).assert_clear_failure("content/leaflets/stoej.md", &["not valid YAML"]);
    assert_eq!(site.public(), before);

    // The same noise only in the body of an otherwise good leaflet must build or fail clearly.
    let site = TestSite::good();
    site.write("content/leaflets/stoej.md", leaflet("Støj", &noise));
    site.fake_previous_output();
    let before = site.public();
    let run = site.pjece(&["build"]);
    run.assert_no_panic();
    if run.code == Some(1) {
        run.assert_clear_failure("content/leaflets/stoej.md", &[]);
        assert_eq!(site.public(), before);
    }
}

/// Garbage in the other files a build reads: the settings, the categories, a theme template.
const OTHER_FILES: [&str; 3] = ["site.yaml", "content/categories.yaml", "themes/default/templates/leaflet.html"];

#[test]
fn binary_garbage_in_settings_categories_and_theme() {
    for file in OTHER_FILES {
        let site = TestSite::good();
        site.write(file, garbage(4096, 3));
        site.assert_build_rejects(file, &["UTF-8"]);
    }
}

/// Each file that is not UTF-8 gets the advice a leaflet gets ("is not UTF-8 text … Save the
/// file as UTF-8 in your editor", with the line), not Rust's "stream did not contain valid
/// UTF-8", and site.yaml not the advice for a missing site.yaml ("copy the example site's").
#[test]
fn a_file_that_is_not_utf8_gets_plain_advice() {
    for file in OTHER_FILES {
        let site = TestSite::good();
        let mut bytes = fs::read(site.path(file)).unwrap_or_default();
        bytes.extend(b"\n# gemt som Latin-1: \xf8\n");
        site.write(file, bytes);
        let run = site.assert_build_rejects(file, &["UTF-8", "save the file as UTF-8"]);
        let line = run.lines_naming(file)[0];
        assert!(!line.contains("stream") && !line.contains("copy the example"), "{line}");
        assert!(!line.starts_with(&format!("{file}:1:1:")), "the line of the fault should be given: {line}");
    }
}

/// A YAML value folded over several lines (`draft: ja`, a blank line, `  måske` is the text
/// "ja\nmåske") is quoted in the finding: the finding must still be one line. Found by the
/// `frontmatter_markdown` fuzz target (minimised input: `---\ndraft: r\r\r b\n---`).
#[test]
fn a_value_over_several_lines_is_quoted_on_one_line() {
    let site = TestSite::good();
    site.write(
        "content/leaflets/tryg.md",
        "---\ntitle: Tryg om natten\nsummary: Råd.\nproblems: [tryghed]\nreviewed: 2026-05-01\ndraft: ja\n\n  måske\n---\n\nTekst.\n",
    );
    let run = site.assert_build_rejects("content/leaflets/tryg.md", &["draft"]);
    let finding = run.lines_naming("content/leaflets/tryg.md")[0];
    assert!(finding.contains("måske"), "the finding should quote the whole value on its line: {finding}");
}

/// Findings quote the editor's text. Control characters in it (an escape sequence pasted from
/// a terminal, a vertical tab from a word processor) must be shown escaped, or the "one line"
/// becomes several, or the terminal clears and turns red.
#[test]
fn control_characters_in_content_are_not_printed_raw() {
    let site = TestSite::good();
    site.write(
        "content/leaflets/kontrol.md",
        leaflet("Kontrol", "# Overskrift \x1b[2J\x1b[31mRØD\x0b\x0cslut\n\nTekst.\n"),
    );
    let run = site.pjece(&["build"]);
    run.assert_no_panic();
    let lines = run.lines_naming("content/leaflets/kontrol.md");
    assert!(!lines.is_empty(), "{}", run.stderr);
    for line in lines {
        assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "raw control characters in: {line:?}");
    }
}

#[test]
fn invalid_utf8_names_the_line() {
    let site = TestSite::good();
    let mut bytes = leaflet("Latin-1", "Første linje.\n\nAnden linje.\n").into_bytes();
    // "Tredje linje med ø" saved as Latin-1: 0xF8 is not UTF-8. It is on line 12.
    bytes.extend(b"\nTredje linje med \xf8.\n");
    site.write("content/leaflets/latin1.md", bytes);
    let run = site.assert_build_rejects("content/leaflets/latin1.md", &["UTF-8"]);
    let line = run.lines_naming("content/leaflets/latin1.md")[0];
    assert!(line.starts_with("content/leaflets/latin1.md:12:"), "{line}");
}

#[test]
fn a_50_mb_leaflet() {
    let site = TestSite::good();
    let block = "Når du har svært ved at sove, kan et natlys på væggen gøre det lettere at finde vej til \
                 badeværelset. Tal med hjemmeplejen om, hvad der passer til dig.\n\n\
                 - Sluk skærmen en time før sengetid.\n- Gå i seng på samme tid hver dag.\n\n";
    let mut body = String::with_capacity(50 * 1024 * 1024 + 4096);
    let mut n = 0;
    while body.len() < 50 * 1024 * 1024 {
        if n % 200 == 0 {
            body.push_str(&format!("## Afsnit {n}\n\n"));
        }
        body.push_str(block);
        n += 1;
    }
    body.push_str("Sidste linje i den store pjece.\n");
    site.write("content/leaflets/stor.md", leaflet("En meget stor pjece", &body));
    let size = fs::metadata(site.path("content/leaflets/stor.md")).unwrap().len();
    site.fake_previous_output();
    let before = site.public();

    let run = site.pjece(&["build"]);
    eprintln!(
        "a_50_mb_leaflet: a {:.1} MB leaflet built in {:.1} s with exit code {:?}",
        size as f64 / 1e6,
        run.elapsed.as_secs_f64(),
        run.code
    );
    run.assert_no_panic();
    match run.code {
        Some(0) => {
            let html = fs::read_to_string(site.path("public/leaflets/stor/index.html")).unwrap();
            assert!(html.contains("Sidste linje i den store pjece."), "the page was cut short");
        }
        _ => {
            run.assert_clear_failure("content/leaflets/stor.md", &[]);
            assert_eq!(site.public(), before);
        }
    }
}

/// Deep nesting must not overflow the stack: that would end pjece with a signal, not a message.
#[test]
fn deeply_nested_lists_and_quotes() {
    let depth = 10_000;
    let cases = [
        ("lister", format!("{}x\n", "- ".repeat(depth))),
        ("nummererede", format!("{}x\n", "1. ".repeat(depth))),
        ("citater", format!("{}x\n", "> ".repeat(depth))),
        ("blandet", format!("{}x\n", "> - 1. ".repeat(depth / 3))),
        // Properly indented nested lists, 1 000 levels (10 000 would make a 100 MB file).
        ("indrykket", (0..1000).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect()),
        ("fremhaevning", format!("{}x{}\n", "*_".repeat(depth), "_*".repeat(depth))),
        ("links", format!("## Top\n\n{}x{}\n", "[".repeat(depth), "](#top)".repeat(depth))),
    ];
    for (name, body) in cases {
        let site = TestSite::good();
        let file = format!("content/leaflets/{name}.md");
        site.write(&file, leaflet("Dybt", &body));
        site.fake_previous_output();
        let before = site.public();
        let run = site.pjece(&["build"]);
        eprintln!("deeply nested {name}: exit {:?} in {:.1} s", run.code, run.elapsed.as_secs_f64());
        run.assert_no_panic();
        if run.code == Some(1) {
            run.assert_clear_failure(&file, &[]);
            assert_eq!(site.public(), before);
        }
    }
}

fn front_matter_with(yaml: &str) -> String {
    format!("---\ntitle: Dybt\nsummary: Dybt.\nreviewed: 2026-05-01\n{yaml}---\n\nTekst.\n")
}

/// Deep YAML that the YAML parser's own limits stop (flow lists past its nesting limit).
#[test]
fn deeply_nested_yaml() {
    let depth = 10_000;
    let cases = [
        ("flow-lister", format!("problems: {}{}\n", "[".repeat(depth), "]".repeat(depth))),
        ("aabne-lister", format!("problems: {}\n", "[".repeat(depth))),
        ("ankre", format!("a: &x {}{}\nb: *x\n", "[".repeat(depth), "]".repeat(depth))),
    ];
    for (name, yaml) in cases {
        let site = TestSite::good();
        let file = format!("content/leaflets/{name}.md");
        site.write(&file, front_matter_with(&yaml));
        site.assert_build_rejects(&file, &["not valid YAML"]);
    }
}

/// Deep YAML that reaches serde-saphyr's recursive deserialiser: flow mappings 10 000 deep,
/// block mappings 1 000 deep, and lists only 60 deep (below serde-saphyr's depth budget of 64)
/// overflow the 2 MiB stack of a rayon worker in a debug build (SIGABRT, no message). In a
/// release build the budget stops them first, but with the message "budget breached: Depth {
/// depth: 65 }". The front matter of any kind needs at most 3 levels.
#[test]
fn deeply_nested_yaml_is_refused_in_plain_words() {
    let cases = [
        ("flow-grupper", format!("problems: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000))),
        ("blok", (0..1000).map(|i| format!("{}a{i}:\n", "  ".repeat(i))).collect()),
        ("lister-60", format!("problems: {}{}\n", "[".repeat(60), "]".repeat(60))),
        ("grupper-70", format!("problems: {}{}\n", "{a: ".repeat(70), "}".repeat(70))),
    ];
    for (name, yaml) in cases {
        let site = TestSite::good();
        let file = format!("content/leaflets/{name}.md");
        site.write(&file, front_matter_with(&yaml));
        let run = site.assert_build_rejects(&file, &["deep"]);
        let line = run.lines_naming(&file)[0];
        assert!(!line.contains("budget") && !line.contains("Depth {"), "not plain words: {}", short(line));
    }
}

/// The readability warning quotes the longest sentences: a sentence of thousands of words (a
/// pasted table or list without full stops) must be quoted by its start, as the "a sentence has
/// N words" warning already does, not in full.
#[test]
fn a_long_sentence_is_quoted_briefly() {
    let site = TestSite::good();
    let sentence = (0..5000).map(|i| format!("ord{i}")).collect::<Vec<_>>().join(" ");
    site.write("content/leaflets/lang.md", leaflet("Lang", &format!("{sentence}.\n")));
    let run = site.pjece(&["build"]);
    run.assert_no_panic();
    assert!(!run.lines_naming("content/leaflets/lang.md").is_empty(), "{}", tail(&run.stderr));
    run.assert_lines_readable();
}

// ---------------------------------------------------------------------------------------------
// The file system
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_folder_link_that_loops() {
    let site = TestSite::good();
    std::os::unix::fs::symlink(".", site.path("content/leaflets/loop")).unwrap();
    site.assert_build_rejects("content/leaflets/loop", &["loop"]);
}

#[cfg(unix)]
#[test]
fn a_folder_link_to_a_parent() {
    let site = TestSite::good();
    fs::create_dir_all(site.path("content/leaflets/under")).unwrap();
    std::os::unix::fs::symlink("../..", site.path("content/leaflets/under/op")).unwrap();
    site.assert_build_rejects("content/leaflets/under/op", &["loop"]);
}

#[cfg(unix)]
#[test]
fn file_links_that_loop() {
    let site = TestSite::good();
    std::os::unix::fs::symlink("b.md", site.path("content/leaflets/a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", site.path("content/leaflets/b.md")).unwrap();
    site.fake_previous_output();
    let before = site.public();
    let run = site.pjece(&["build"]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for f in ["content/leaflets/a.md", "content/leaflets/b.md"] {
        run.assert_one_clear_line(f, &[]);
    }
    assert_eq!(site.public(), before);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_chmod_000() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::good();
    let file = site.path("content/leaflets/tryg.md");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&file).is_ok() {
        eprintln!(
            "an_unreadable_file_chmod_000: skipped: this test runs as root (or with CAP_DAC_OVERRIDE), \
             where chmod 000 does not stop reads; an_unreadable_file_that_fails_to_read covers the case"
        );
        return;
    }
    site.assert_build_rejects("content/leaflets/tryg.md", &["cannot be read"]);
}

/// Reading `/proc/self/mem` from offset 0 fails with EIO for everyone, root included: a file
/// that is there, has a size, and cannot be read.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_that_fails_to_read() {
    let site = TestSite::good();
    std::os::unix::fs::symlink("/proc/self/mem", site.path("content/leaflets/ulaeselig.md")).unwrap();
    site.assert_build_rejects("content/leaflets/ulaeselig.md", &["cannot be read"]);
}

/// Unmounts a tmpfs when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// A full disk: the output goes to a tmpfs too small for it. Needs the right to mount (root
/// here); skipped with a message elsewhere. `a_file_size_limit_like_a_full_disk` runs anywhere.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk() {
    let site = TestSite::good();
    let disk = site.beside("disk");
    fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k,nr_inodes=64", "pjece-test", disk.to_str().unwrap()])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("a_full_disk: skipped: cannot mount a tmpfs here (not root?)");
        return;
    }
    let _mount = Mount(disk.clone());
    let out = disk.join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".pjece-output"), "made by an earlier build\n").unwrap();
    fs::write(out.join("index.html"), "<p>the previous site</p>\n").unwrap();
    let before = snapshot(&out);

    let run = site.run(site.command(&["build", "--out", out.to_str().unwrap()]));
    run.assert_one_clear_line("--out", &["no space left"]);
    assert_eq!(snapshot(&out), before, "a failed build must leave the output as it was");
    assert!(site.leftovers(&disk).is_empty(), "{:?}", site.leftovers(&disk));
}

/// A full disk as any user can make one: a file size limit (`ulimit -f`, with SIGXFSZ ignored so
/// that writes fail with EFBIG instead of killing the process).
#[cfg(unix)]
#[test]
fn a_file_size_limit_like_a_full_disk() {
    let site = TestSite::good();
    site.fake_previous_output();
    let before = site.public();
    let mut cmd = Command::new("sh");
    cmd.current_dir(&site.root)
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_pjece"))
        .args(["build", "--root"])
        .arg(&site.root);
    let run = site.run(cmd);
    run.assert_one_clear_line("public", &["too large"]);
    assert_eq!(site.public(), before);
    assert!(site.leftovers(&site.root).is_empty(), "{:?}", site.leftovers(&site.root));
}

/// When copying a static file into the output fails (here: a file size limit), the line must
/// not say that pjece "cannot write" the editor's own file in static/: it is the copy in the
/// output that failed.
#[cfg(unix)]
#[test]
fn a_failed_static_copy_names_the_output() {
    let site = TestSite::good();
    site.write("static/img/stor.bin", vec![0u8; 20_000]);
    site.fake_previous_output();
    let before = site.public();
    let mut cmd = Command::new("sh");
    cmd.current_dir(&site.root)
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_pjece"))
        .args(["build", "--root"])
        .arg(&site.root);
    let run = site.run(cmd);
    run.assert_one_clear_line("public", &["stor.bin", "too large"]);
    assert_eq!(site.public(), before);
    let line = run.lines_naming("public")[0];
    let source = site.path("static").display().to_string();
    assert!(
        !line.contains(&format!("cannot write {source}")),
        "the editor's file is named as the one that failed: {line}"
    );
}

/// A read-only file system: /sys refuses new folders, even to root.
#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_on_a_read_only_file_system() {
    let site = TestSite::good();
    if !Path::new("/sys/kernel").is_dir() {
        eprintln!("an_output_folder_on_a_read_only_file_system: skipped: no /sys");
        return;
    }
    let run = site.pjece(&["build", "--out", "/sys/pjece-test-out"]);
    run.assert_one_clear_line("--out", &["/sys/", "not permitted"]);
}

#[test]
fn a_file_where_the_output_folder_should_be() {
    let site = TestSite::good();
    let file = site.beside("en-fil");
    fs::write(&file, "not a folder").unwrap();
    let out = file.join("public");
    let run = site.pjece(&["build", "--out", out.to_str().unwrap()]);
    run.assert_one_clear_line("--out", &["en-fil"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
}

/// A static file where the build needs a folder (`static/leaflets` is a file, but leaflet pages
/// go to `leaflets/<slug>/`): the write fails mid-way, after some files are written.
#[test]
fn a_static_file_where_a_page_folder_goes() {
    let site = TestSite::good();
    site.write("static/leaflets", "a file, not a folder");
    site.fake_previous_output();
    let before = site.public();
    let run = site.pjece(&["build"]);
    run.assert_one_clear_line("static/leaflets", &["leaflets"]);
    assert_eq!(site.public(), before);
    assert!(site.leftovers(&site.root).is_empty(), "{:?}", site.leftovers(&site.root));
}

/// The same, with the line an editor needs: it names the file to move, `static/leaflets`, not
/// the staging folder's `.public.pjece-staging-<pid>/leaflets/hjaelp-til-soevn: Not a directory`.
#[test]
fn a_static_file_where_a_page_folder_goes_is_named() {
    let site = TestSite::good();
    site.write("static/leaflets", "a file, not a folder");
    site.fake_previous_output();
    let run = site.pjece(&["build"]);
    run.assert_one_clear_line("static/leaflets", &["leaflets/"]);
    assert!(!run.stderr.contains("pjece-staging"), "{}", run.stderr);
}

/// Adds `n` leaflets to the site, so that a build takes long enough to be interrupted.
fn add_many_leaflets(site: &TestSite, n: usize) {
    let body =
        "Gå i seng på samme tid hver dag. Et natlys kan hjælpe.\n\n## Godt at vide\n\n- Et punkt\n- Et andet punkt\n";
    for i in 0..n {
        site.write(&format!("content/leaflets/mange-{i:05}.md"), leaflet(&format!("Pjece nummer {i}"), body));
    }
}

/// Runs a build while a second thread removes whatever `victim` finds, as soon as it appears.
fn build_while_removing(
    site: &TestSite,
    args: &[&str],
    victim: impl Fn() -> Vec<PathBuf> + Send + 'static,
) -> (Run, usize) {
    let done = Arc::new(AtomicBool::new(false));
    let removed = Arc::new(AtomicUsize::new(0));
    let remover = {
        let done = done.clone();
        let removed = removed.clone();
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                for p in victim() {
                    if fs::remove_dir_all(&p).is_ok() {
                        removed.fetch_add(1, Ordering::Relaxed);
                    }
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let run = site.pjece(args);
    done.store(true, Ordering::Relaxed);
    remover.join().unwrap();
    (run, removed.load(Ordering::Relaxed))
}

/// The folder being written vanishes while the build fills it (another program, a clean-up
/// script, a sync tool). The build must stop with one line, and the previous output must stay.
#[test]
fn the_staging_folder_vanishes_mid_build() {
    let site = TestSite::good();
    add_many_leaflets(&site, 1500);
    site.fake_previous_output();
    let before = site.public();
    let root = site.root.clone();
    let (run, removed) = build_while_removing(&site, &["build"], move || {
        fs::read_dir(&root)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().contains("pjece-staging"))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default()
    });
    eprintln!("staging vanishes: removed {removed} time(s); exit {:?} in {:.1} s", run.code, run.elapsed.as_secs_f64());
    run.assert_no_panic();
    if removed == 0 {
        eprintln!("the_staging_folder_vanishes_mid_build: the build ended before the folder could be removed");
        return;
    }
    if run.code == Some(1) {
        run.assert_one_clear_line("public", &[]);
        assert_eq!(site.public(), before, "a failed build must leave public/ as it was");
    } else {
        // Removed after the swap began: then the new output must be whole.
        assert!(site.path("public/.pjece-output").is_file());
        assert!(site.path("public/leaflets/mange-01499/index.html").is_file());
    }
    assert!(site.leftovers(&site.root).is_empty(), "{:?}", site.leftovers(&site.root));
}

/// The whole output folder, and the folder it is in, vanish while the build runs.
#[test]
fn the_output_folder_and_its_parent_vanish_mid_build() {
    let site = TestSite::good();
    add_many_leaflets(&site, 1500);
    let parent = site.beside("ud");
    let out = parent.join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".pjece-output"), "made by an earlier build\n").unwrap();
    let watched = parent.clone();
    let (run, removed) = build_while_removing(&site, &["build", "--out", out.to_str().unwrap()], move || {
        // Wait until the build has started writing, then pull the rug.
        let writing = fs::read_dir(&watched)
            .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().contains("pjece-staging")))
            .unwrap_or(false);
        if writing {
            vec![watched.clone()]
        } else {
            Vec::new()
        }
    });
    eprintln!(
        "output and parent vanish: removed {removed} time(s); exit {:?} in {:.1} s",
        run.code,
        run.elapsed.as_secs_f64()
    );
    run.assert_no_panic();
    if removed > 0 && run.code == Some(1) {
        run.assert_one_clear_line("--out", &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

#[track_caller]
fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: files only in the first {only_a:?}, only in the second {only_b:?}"
    );
    let differing: Vec<&String> = a.iter().filter(|(k, v)| b[*k] != **v).map(|(k, _)| k).collect();
    assert!(
        differing.is_empty(),
        "{what}: {} files differ, such as {:?}",
        differing.len(),
        &differing[..differing.len().min(10)]
    );
}

/// Two builds of the example site (the repository root) are byte-identical, whatever the
/// number of threads and wherever the site and the output are.
#[test]
fn builds_of_the_example_site_are_byte_identical() {
    let root = manifest_dir();
    let tmp = tempfile::tempdir().unwrap();
    let build = |site: &Path, out: &Path, threads: &str| {
        let start = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_pjece"))
            .args(["build", "--root"])
            .arg(site)
            .arg("--out")
            .arg(out)
            .env("RAYON_NUM_THREADS", threads)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "the example site must build:\n{}", tail(&stderr));
        assert!(!stderr.contains("panicked"));
        eprintln!("example site built with {threads} thread(s) in {:.2} s", start.elapsed().as_secs_f64());
        snapshot(out)
    };
    let first = build(&root, &tmp.path().join("one"), "1");
    let second = build(&root, &tmp.path().join("two"), "4");
    assert!(first.len() > 50, "the example site made only {} files", first.len());
    assert_same_tree(&first, &second, "two builds of the example site");

    // A copy of the site in another folder gives the same output too: no absolute path leaks in.
    let copy = tmp.path().join("elsewhere/site");
    for part in ["site.yaml", "content", "static", "themes"] {
        let from = root.join(part);
        if from.is_dir() {
            copy_dir(&from, &copy.join(part));
        } else if from.is_file() {
            fs::create_dir_all(&copy).unwrap();
            fs::copy(&from, copy.join(part)).unwrap();
        }
    }
    let third = build(&copy, &tmp.path().join("three"), "2");
    assert_same_tree(&first, &third, "a build of a copy of the example site");
    let root_text = root.to_string_lossy();
    for (path, bytes) in &first {
        assert!(
            !String::from_utf8_lossy(bytes).contains(root_text.as_ref()),
            "{path} contains the site's folder {root_text}"
        );
    }
}

/// The same for a larger generated site, where parallel rendering has more room to reorder.
#[test]
fn builds_of_a_large_site_are_byte_identical() {
    let site = TestSite::good();
    add_many_leaflets(&site, 300);
    let mut trees = Vec::new();
    for (i, threads) in ["1", "3"].into_iter().enumerate() {
        let out = site.beside(&format!("out{i}"));
        let mut cmd = site.command(&["build", "--out", out.to_str().unwrap()]);
        cmd.env("RAYON_NUM_THREADS", threads);
        let run = site.run(cmd);
        run.assert_no_panic();
        assert_eq!(run.code, Some(0), "{}", tail(&run.stderr));
        trees.push(snapshot(&out));
    }
    assert_same_tree(&trees[0], &trees[1], "two builds of a 300-leaflet site");
}
