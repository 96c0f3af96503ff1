//! `pjece build --pdf` end to end (issue 4): print pages → PDFs in headless Chromium, checked with
//! Debian's tools: `pdfinfo`, `pdftotext`, `pdffonts`, `pdftoppm` (poppler-utils) and `zbarimg`
//! (zbar-tools).
//!
//! The tests that need Chromium skip, with a message, when `/usr/bin/chromium` is missing; CI
//! installs it. The PDF tools are required: a test that needs one and cannot find it fails and
//! names the package to install.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// A5 and A4 portrait in points; Chromium rounds page sizes to whole CSS pixels, hence ±1.
const A5: (f64, f64) = (419.53, 595.28);
const A4: (f64, f64) = (595.28, 841.89);
const A4_LANDSCAPE: (f64, f64) = (841.89, 595.28);

// ---------------------------------------------------------------------------------------------
// Sites and runs
// ---------------------------------------------------------------------------------------------

/// A copy of a site in a temporary folder, removed when the test ends.
struct TestSite {
    _dir: tempfile::TempDir,
    root: PathBuf,
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

/// What one run of the binary did.
struct Run {
    code: i32,
    stderr: String,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>/`.
    fn fixture(name: &str) -> TestSite {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&src, &root);
        TestSite { _dir: dir, root }
    }

    /// Copies the repository's example site: site.yaml and the editor's folders.
    fn example() -> TestSite {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
        for folder in ["content", "static", "themes"] {
            if repo.join(folder).is_dir() {
                copy_dir(&repo.join(folder), &root.join(folder));
            }
        }
        TestSite { _dir: dir, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_pjece"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("the pjece binary runs");
        Run { code: out.status.code().unwrap_or(-1), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
    }

    /// `pjece build --pdf --chromium /usr/bin/chromium`, which must succeed.
    fn build_pdf(&self) -> Run {
        let run = self.run(&["build", "--pdf", "--chromium", CHROMIUM]);
        assert_eq!(run.code, 0, "build --pdf failed:\n{}", run.stderr);
        run
    }
}

/// False (with a message) when Chromium is missing, so that the test can skip.
fn have_chromium() -> bool {
    if Path::new(CHROMIUM).is_file() {
        return true;
    }
    eprintln!("SKIPPED: {CHROMIUM} is missing (Debian: apt-get install chromium); PDF output not tested.");
    false
}

/// Runs a PDF tool and returns its standard output; fails with the Debian package to install.
fn tool(program: &str, args: &[&str]) -> String {
    let package = if program == "zbarimg" { "zbar-tools" } else { "poppler-utils" };
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {program} ({e}): install it with `apt-get install {package}`");
    });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr).lines().next().unwrap_or("")
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------
// What a PDF holds
// ---------------------------------------------------------------------------------------------

/// `pdfinfo`'s `Key: value` lines.
fn info(pdf: &Path) -> BTreeMap<String, String> {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn page_count(pdf: &Path) -> usize {
    info(pdf)["Pages"].parse().unwrap()
}

/// The size of every page in points, from `pdfinfo -f 1 -l N`.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let n = page_count(pdf).to_string();
    tool("pdfinfo", &["-f", "1", "-l", &n, pdf.to_str().unwrap()])
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let nums: Vec<f64> =
                l.split(':').nth(1).unwrap().split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (nums[0], nums[1])
        })
        .collect()
}

#[track_caller]
fn assert_size(pdf: &Path, (w, h): (f64, f64)) {
    let sizes = page_sizes(pdf);
    assert!(!sizes.is_empty(), "{} has no pages", pdf.display());
    for (i, (pw, ph)) in sizes.iter().enumerate() {
        assert!(
            (pw - w).abs() <= 1.0 && (ph - h).abs() <= 1.0,
            "{} page {}: {pw} × {ph} pt, expected {w} × {h} pt",
            pdf.display(),
            i + 1
        );
    }
}

/// The PDF's text in content order; `-raw` also keeps a hyphen at a line end, as in a URL broken
/// over two lines, where the default layout mode would join the halves without it.
fn text(pdf: &Path) -> String {
    tool("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// No word lies outside the page box or in the outer 5 mm of either side; Chromium would cut it
/// off on paper (poppler drops characters wholly outside the page, so a word that is half outside
/// shows up here, and the full-URL checks catch the rest).
#[track_caller]
fn assert_inside_page(pdf: &Path) {
    let xml = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let side = 5.0 * 72.0 / 25.4;
    let (mut w, mut h, mut page, mut words) = (0.0, 0.0, 0, 0);
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            (w, h) = (attr(line, "width"), attr(line, "height"));
            page += 1;
        } else if line.starts_with("<word ") {
            words += 1;
            let (x0, y0, x1, y1) = (attr(line, "xMin"), attr(line, "yMin"), attr(line, "xMax"), attr(line, "yMax"));
            let word = line.split('>').nth(1).unwrap_or("").trim_end_matches("</word");
            assert!(
                x0 >= side && x1 <= w - side && y0 >= 0.0 && y1 <= h,
                "{} page {page}: \"{word}\" at x {x0:.1}–{x1:.1}, y {y0:.1}–{y1:.1} is outside the page ({w} × {h} pt) or its 5 mm side margins",
                pdf.display()
            );
        }
    }
    assert!(words > 0, "{}: no text at all", pdf.display());
}

/// The QR codes on the PDF's pages, decoded from 200 dpi images.
fn qr_codes(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    tool("pdftoppm", &["-r", "200", "-gray", "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let mut codes = Vec::new();
    let mut pages: Vec<PathBuf> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    for png in pages {
        // zbarimg exits 4 when a page has no code; that is not an error here.
        let out = Command::new("zbarimg")
            .args(["-q", "--raw"])
            .arg(&png)
            .output()
            .unwrap_or_else(|e| panic!("cannot run zbarimg ({e}): install it with `apt-get install zbar-tools`"));
        codes.extend(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string));
    }
    codes
}

/// Every font in the PDF is embedded (`pdffonts`' `emb` column).
#[track_caller]
fn assert_fonts_embedded(pdf: &Path) {
    let list = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = list.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{}: no fonts, so no text", pdf.display());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type… encoding emb sub uni object-id generation
        assert_eq!(cols[cols.len() - 5], "yes", "{}: font not embedded: {row}", pdf.display());
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

/// The `good` fixture (A5, base path /hverdag/): every PDF, booklet, QR code and the cache.
#[test]
fn build_pdf_makes_leaflet_large_print_bundle_and_booklet_pdfs() {
    if !have_chromium() {
        return;
    }
    let site = TestSite::fixture("good");
    let first = site.build_pdf();
    let public = site.path("public");
    let leaflet = public.join("leaflets/tryg/print/tryg.pdf");
    let large = public.join("leaflets/tryg/print-large/tryg-stor-skrift.pdf");
    let booklet = public.join("leaflets/tryg/print/tryg-haefte-a4.pdf");
    let bundle = public.join("problems/soevn/print/soevn.pdf");
    let danish = public.join("leaflets/hjaelp-til-soevn/print/hjaelp-til-soevn.pdf");
    for pdf in [&leaflet, &large, &booklet, &bundle, &danish] {
        assert!(pdf.is_file(), "{} was not made; build said:\n{}", pdf.display(), first.stderr);
    }
    assert!(!public.join("leaflets/kladde").exists(), "a draft is not built, so it gets no PDF either");
    assert!(first.stderr.contains("PDF: 6 rendered, 0 reused, 2 booklets"), "{}", first.stderr);

    // Paper sizes: the site's A5, large print on A4, the bundle in the site's size.
    assert_size(&leaflet, A5);
    assert_size(&danish, A5);
    assert_size(&bundle, A5);
    assert_size(&large, A4);

    // Title, language, tags, outline, fonts, selectable text.
    for (pdf, title) in [(&leaflet, "Tryg om natten"), (&large, "Tryg om natten"), (&danish, "Hjælp til søvn")] {
        let i = info(pdf);
        assert_eq!(i["Title"], format!("{title} – Hverdagsteknologi i Testby"), "{}", pdf.display());
        assert_eq!(i["Tagged"], "yes", "{} is not a tagged PDF", pdf.display());
        let raw = fs::read(pdf).unwrap();
        let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"/Lang (da)"), "{}: no /Lang (da) in the catalog", pdf.display());
        assert!(has(b"/Outlines"), "{}: no document outline", pdf.display());
        assert_fonts_embedded(pdf);
        let t = text(pdf);
        assert!(t.contains(title), "{}: the title is not extractable text:\n{t}", pdf.display());
        assert!(t.contains("Hjælpemiddelteamet"), "{}: the contact box is missing", pdf.display());
    }
    assert!(text(&bundle).contains("Hjælp til søvn") && text(&bundle).contains("Tryg om natten"));

    // The QR code leads to the leaflet's web page, and the URL is printed in full beside it.
    for (pdf, url) in [
        (&leaflet, "https://example.dk/hverdag/leaflets/tryg/"),
        (&large, "https://example.dk/hverdag/leaflets/tryg/"),
        (&danish, "https://example.dk/hverdag/leaflets/hjaelp-til-soevn/"),
    ] {
        assert_eq!(qr_codes(pdf), vec![url.to_string()], "{}", pdf.display());
        assert!(squeeze(&text(pdf)).contains(url), "{}: {url} is not printed in full", pdf.display());
    }

    for pdf in [&leaflet, &large, &bundle, &danish] {
        assert_inside_page(pdf);
    }

    // The booklet: padded to a multiple of 4, two A5 pages per A4 landscape side.
    let pages = page_count(&leaflet);
    assert_eq!(page_count(&booklet), pages.div_ceil(4) * 4 / 2, "booklet of a {pages}-page leaflet");
    assert_size(&booklet, A4_LANDSCAPE);
    assert!(text(&booklet).contains("Tryg om natten"), "the booklet keeps the text as text");
    assert_eq!(qr_codes(&booklet), vec!["https://example.dk/hverdag/leaflets/tryg/".to_string()]);
    // Large print is A4 already: no booklet.
    assert!(!public.join("leaflets/tryg/print-large/tryg-stor-skrift-haefte-a4.pdf").exists());
    assert!(!public.join("problems/soevn/print/soevn-haefte-a4.pdf").exists(), "booklets are for leaflets");

    // A second build reuses every PDF from the cache: same bytes, no Chromium.
    let before: Vec<Vec<u8>> = [&leaflet, &large, &bundle].iter().map(|p| fs::read(p).unwrap()).collect();
    let second = site.build_pdf();
    assert!(second.stderr.contains("PDF: 0 rendered, 6 reused, 2 booklets"), "{}", second.stderr);
    let after: Vec<Vec<u8>> = [&leaflet, &large, &bundle].iter().map(|p| fs::read(p).unwrap()).collect();
    assert!(before == after, "cached PDFs are copied unchanged");
    assert!(site.path(".pjece-cache/pdf").is_dir());

    // Editing one leaflet renders its pages (and the bundles it is in) again, and only those.
    let other = public.join("leaflets/hjaelp-til-soevn/print-large/hjaelp-til-soevn-stor-skrift.pdf");
    let other_before = fs::read(&other).unwrap();
    let md = site.path("content/leaflets/tryg.md");
    let edited = fs::read_to_string(&md).unwrap().replace("Et natlys kan hjælpe.", "Et natlys kan hjælpe meget.");
    fs::write(&md, edited).unwrap();
    let third = site.build_pdf();
    assert!(third.stderr.contains("PDF: 4 rendered, 2 reused, 2 booklets"), "{}", third.stderr);
    assert!(text(&leaflet).contains("hjælpe meget"));
    assert_eq!(fs::read(&other).unwrap(), other_before, "an unchanged leaflet's PDF is reused");
}

/// The repository's example site (A5, base path /hverdagsteknologi/): typical leaflets fit on two
/// A5 pages (four in large print), the style sheet is applied, nothing falls off the page.
#[test]
fn example_leaflets_fit_on_two_a5_pages() {
    if !have_chromium() {
        return;
    }
    let site = TestSite::example();
    let run = site.build_pdf();
    let leaflets = site.path("public/leaflets");
    let mut counts = Vec::new();
    for entry in fs::read_dir(&leaflets).unwrap() {
        let dir = entry.unwrap().path();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let a5 = dir.join(format!("print/{slug}.pdf"));
        let a4 = dir.join(format!("print-large/{slug}-stor-skrift.pdf"));
        assert!(a5.is_file() && a4.is_file(), "no PDFs for {slug}:\n{}", run.stderr);
        assert_size(&a5, A5);
        assert_size(&a4, A4);
        assert_inside_page(&a5);
        assert_inside_page(&a4);
        // The style sheet reached Chromium through the base path: its page numbers are there.
        let t = text(&a5);
        assert!(
            squeeze(&t).contains(&format!("1/{}", page_count(&a5))),
            "{slug}: no page numbers, so no print.css:\n{t}"
        );
        let url = format!("https://example.dk/hverdagsteknologi/leaflets/{slug}/");
        assert!(squeeze(&t).contains(&url), "{slug}: {url} is not printed in full");
        let booklet = dir.join(format!("print/{slug}-haefte-a4.pdf"));
        assert_eq!(page_count(&booklet), page_count(&a5).div_ceil(4) * 4 / 2, "{slug} booklet");
        counts.push((page_count(&a5), page_count(&a4), slug));
    }
    counts.sort();
    assert!(counts.len() >= 10, "the example site has leaflets: {counts:?}");
    let median = &counts[counts.len() / 2];
    let table: String = counts.iter().map(|(a5, a4, s)| format!("\n  {s}: {a5} A5, {a4} large print")).collect();
    assert!(median.0 <= 2, "a typical example leaflet must fit on 2 A5 pages; the median is {}:{table}", median.0);
    let mut large: Vec<usize> = counts.iter().map(|c| c.1).collect();
    large.sort();
    assert!(large[large.len() / 2] <= 4, "a typical example leaflet must fit on 4 A4 pages in large print:{table}");
    // One QR code, decoded, as a reader's phone would.
    let slug = &counts[0].2;
    let a5 = leaflets.join(format!("{slug}/print/{slug}.pdf"));
    assert_eq!(qr_codes(&a5), vec![format!("https://example.dk/hverdagsteknologi/leaflets/{slug}/")]);
}

/// A Chromium that fails gives one clear line naming the page, and leaves no output behind.
#[test]
fn a_failing_chromium_names_the_page_and_writes_nothing() {
    let site = TestSite::fixture("good");
    let fake = site.root.parent().unwrap().join("fake-chromium");
    fs::write(&fake, "#!/bin/sh\necho 'cannot open display: no screen' >&2\nexit 3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = site.run(&["build", "--pdf", "--chromium", fake.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run.stderr.lines().find(|l| l.contains("PDF of")).unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.contains(": error: PDF of /hverdag/"), "{line}");
    assert!(line.contains("/print/") || line.contains("/print-large/"), "names the page: {line}");
    assert!(line.contains("Chromium failed") && line.contains("cannot open display: no screen"), "{line}");
    let lines = run.stderr.lines().filter(|l| l.contains("PDF of")).count();
    assert_eq!(lines, 1, "one line, however many pages failed:\n{}", run.stderr);
    assert!(!site.path("public").exists(), "a failed PDF step leaves no output");
}

#[test]
fn missing_chromium_is_one_clear_line() {
    let site = TestSite::fixture("good");
    let run = site.run(&["build", "--pdf", "--chromium", "/nonexistent/chromium"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--chromium /nonexistent/chromium: there is no such program."), "{}", run.stderr);
    assert!(!site.path("public").exists());
}
