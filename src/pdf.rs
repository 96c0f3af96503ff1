//! `build --pdf`: print pages → PDF files with headless Chromium.
//!
//! After every page is written into the staging folder, [`render`] serves that folder on
//! 127.0.0.1 (a port of its own, for the length of the run) and has headless Chromium print each
//! print page to a PDF beside its `index.html`:
//!
//! | print page | PDF |
//! |---|---|
//! | `…/<slug>/print/index.html` | `…/<slug>/print/<slug>.pdf` |
//! | `…/<slug>/print-large/index.html` | `…/<slug>/print-large/<slug>-stor-skrift.pdf` |
//! | a leaflet's `print/`, when it is A5 | also `…/<slug>/print/<slug>-haefte-a4.pdf`: the A4 booklet ([`crate::booklet`]) |
//!
//! Chromium makes tagged PDFs (headings, lists, alt texts) with the page's `<title>` as the title,
//! `<html lang>` as the language, an outline from the headings (`--generate-pdf-document-outline`),
//! embedded font subsets and selectable text.
//!
//! Several Chromium processes run at once, one per core. Each PDF is kept in
//! `<root>/.pjece-cache/pdf/`, under a hash of the page's HTML, the files it loads (style sheet,
//! images) and the Chromium program, and copied from there while none of these change.

use crate::render::OutFile;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Bump when the flags or the post-processing change, so that old cached PDFs are not reused.
const CACHE_VERSION: &str = "pjece-pdf-1";

/// How long one page may take in Chromium before it counts as hung.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// How to make PDFs.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The Chromium program.
    pub chromium: PathBuf,
    /// The site folder; the cache lives in `<root>/.pjece-cache/pdf/`.
    pub root: PathBuf,
    /// The URL path the site's root-relative links start with (`/` or `/hverdagsteknologi/`).
    pub base_path: String,
    /// How many Chromium processes run at once; 0 means one per core.
    pub jobs: usize,
}

impl PdfOptions {
    /// Finds Chromium: the given path, or `chromium`, `chromium-browser`, `google-chrome` on PATH.
    pub fn new(given: Option<PathBuf>) -> Result<PdfOptions, String> {
        let with =
            |chromium: PathBuf| PdfOptions { chromium, root: PathBuf::from("."), base_path: "/".into(), jobs: 0 };
        if let Some(p) = given {
            return if p.is_file() {
                Ok(with(p))
            } else {
                Err(format!("--chromium {}: there is no such program.", p.display()))
            };
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for dir in std::env::split_paths(&path) {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Ok(with(candidate));
                }
            }
        }
        Err("--pdf needs Chromium, and none was found on PATH. Install it (Debian: apt-get install chromium) or give its path with --chromium.".into())
    }

    /// The same options for a given site: its folder (for the cache) and its base path.
    pub fn for_site(&self, root: &Path, base_path: &str) -> PdfOptions {
        PdfOptions { root: root.to_path_buf(), base_path: base_path.to_string(), ..self.clone() }
    }
}

/// What kind of print page a job prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A leaflet's `print/`: the site's page size; A5 ones also get a booklet.
    Leaflet,
    /// A leaflet's `print-large/`.
    Large,
    /// Any other `print/`: a problem's bundle.
    Bundle,
}

/// One print page to make a PDF of.
#[derive(Debug)]
struct Job {
    /// The folder of the page inside the output, with a trailing `/`: `leaflets/sov-bedre/print/`.
    dir: String,
    /// The PDF's file name.
    name: String,
    kind: Kind,
    /// `<html dir="rtl">`: the booklet is bound on the right.
    rtl: bool,
    /// The cache key: a hash of everything the PDF depends on.
    key: String,
}

impl Job {
    fn booklet_name(&self) -> String {
        format!("{}-haefte-a4.pdf", self.name.trim_end_matches(".pdf"))
    }
}

/// True for a print page (`…/print/index.html` or `…/print-large/index.html`).
pub fn is_print_page(path: &str) -> bool {
    path.ends_with("/print/index.html") || path.ends_with("/print-large/index.html")
}

/// The print pages among the output files, with the names of their PDFs.
fn jobs(files: &[OutFile]) -> Vec<(String, String, Kind)> {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut out = Vec::new();
    for f in files {
        for (folder, kind) in [("print/", Kind::Leaflet), ("print-large/", Kind::Large)] {
            let Some(dir) = f.path.strip_suffix("index.html") else { continue };
            let Some(parent) = dir.strip_suffix(folder) else { continue };
            let Some(slug) = parent.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty()) else {
                continue;
            };
            if !(parent.is_empty() || parent.ends_with('/')) {
                continue; // `…/reprint/`, not `…/print/`
            }
            let (name, kind) = match kind {
                Kind::Large => (format!("{slug}-stor-skrift.pdf"), Kind::Large),
                // A leaflet has a large-print page beside its print page; a problem's bundle has not.
                _ if paths.contains(format!("{parent}print-large/index.html").as_str()) => {
                    (format!("{slug}.pdf"), Kind::Leaflet)
                }
                _ => (format!("{slug}.pdf"), Kind::Bundle),
            };
            out.push((dir.to_string(), name, kind));
        }
    }
    out.sort();
    out
}

/// True when the page's `<html>` tag says `dir="rtl"`.
fn is_rtl(html: &[u8]) -> bool {
    let html = String::from_utf8_lossy(html);
    let Some(start) = html.find("<html") else { return false };
    let tag = html[start..].split('>').next().unwrap_or("");
    tag.contains("dir=\"rtl\"") || tag.contains("dir=rtl")
}

/// 128-bit FNV-1a: enough to tell page versions apart in a local cache, with no new dependency.
#[derive(Clone)]
struct Fnv(u128);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0x6c62_272e_07bb_0142_62b8_2175_6295_c58d)
    }
    fn write(&mut self, bytes: &[u8]) {
        // Length first, so that ("ab", "c") and ("a", "bc") differ.
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 ^= u128::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
    }
    fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
}

/// The local files a page loads (`src="…"`, `href="…"` to anything but a page), as paths inside
/// the output, sorted and without repeats.
fn dependencies(html: &str, dir: &str, base_path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = rest[..end].split(['?', '#']).next().unwrap_or("");
            rest = &rest[end..];
            if value.is_empty() || value.contains("://") || value.starts_with("data:") || value.starts_with("mailto:") {
                continue;
            }
            let joined = match value.strip_prefix(base_path) {
                Some(rel) => rel.to_string(),
                None if value.starts_with('/') => continue,
                None => format!("{dir}{value}"),
            };
            let Some(resolved) = resolve_dots(&joined) else { continue };
            let Ok(clean) = crate::serve::clean_path(&format!("/{resolved}")) else { continue };
            if clean.is_empty() || clean.ends_with('/') || clean.ends_with(".html") {
                continue; // a page: following a link does not change how this page prints
            }
            out.push(clean);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `a/b/../c/./d` → `a/c/d`; `None` when `..` climbs above the top.
fn resolve_dots(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn cache_key(html: &[u8], dir: &str, staging: &Path, opts: &PdfOptions) -> String {
    let mut h = Fnv::new();
    h.write(CACHE_VERSION.as_bytes());
    h.write(opts.chromium.to_string_lossy().as_bytes());
    h.write(dir.as_bytes());
    h.write(html);
    for dep in dependencies(&String::from_utf8_lossy(html), dir, &opts.base_path) {
        h.write(dep.as_bytes());
        h.write(&fs::read(staging.join(&dep)).unwrap_or_default());
    }
    h.hex()
}

/// Serves the staging folder on 127.0.0.1 until dropped.
struct Server {
    port: u16,
    stop: std::sync::Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(staging: &Path, base_path: &str, threads: usize) -> Result<Server, String> {
        let server = tiny_http::Server::http("127.0.0.1:0")
            .map_err(|e| format!("cannot start the local web server that Chromium prints from: {e}"))?;
        let port = server.server_addr().to_ip().map(|a| a.port()).ok_or("the local web server has no port")?;
        let server = std::sync::Arc::new(server);
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let prefix = base_path.trim_start_matches('/').to_string();
        let handles = (0..threads.max(1))
            .map(|_| {
                let (server, stop, staging, prefix) =
                    (server.clone(), stop.clone(), staging.to_path_buf(), prefix.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(100)) {
                            answer(request, &staging, &prefix);
                        }
                    }
                })
            })
            .collect();
        Ok(Server { port, stop, threads: handles })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The file inside the output for a request path, or the status to answer.
fn local_file(url: &str, prefix: &str) -> Result<String, u16> {
    let path = crate::serve::clean_path(url)?;
    let rel = if prefix.is_empty() {
        path.as_str()
    } else if path == prefix.trim_end_matches('/') {
        ""
    } else {
        path.strip_prefix(prefix).ok_or(404u16)?
    };
    Ok(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() })
}

fn answer(request: tiny_http::Request, staging: &Path, prefix: &str) {
    let found = local_file(request.url(), prefix).and_then(|rel| match fs::read(staging.join(&rel)) {
        Ok(bytes) => Ok((rel, bytes)),
        Err(_) => Err(404),
    });
    let response = match found {
        Ok((rel, bytes)) => {
            let ctype = crate::serve::content_type(&rel);
            tiny_http::Response::from_data(bytes).with_header(
                tiny_http::Header::from_bytes(&b"Content-Type"[..], ctype.as_bytes()).expect("valid header"),
            )
        }
        Err(status) => tiny_http::Response::from_data(Vec::new()).with_status_code(status),
    };
    let _ = request.respond(response); // Chromium may have moved on; nothing to do then
}

/// Percent-encodes what is not safe in a URL path.
fn url_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Runs Chromium once: `url` → `pdf`. The error is a short reason.
fn chromium(opts: &PdfOptions, profile: &Path, url: &str, pdf: &Path) -> Result<(), String> {
    fs::create_dir_all(profile).map_err(|e| format!("cannot make {}: {e}", profile.display()))?;
    let log_path = profile.with_extension("log");
    let log = fs::File::create(&log_path).map_err(|e| format!("cannot make {}: {e}", log_path.display()))?;
    let _ = fs::remove_file(pdf);
    let mut child = Command::new(&opts.chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            // Only the local server: a page that names another host prints without it rather than
            // waiting for a network a build machine may not have.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            // Tagged PDF is the default since Chromium 85; older versions need the flag.
            "--export-tagged-pdf",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", opts.chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PAGE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("Chromium did not finish within {} s", PAGE_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(25)),
            Err(e) => return Err(format!("cannot wait for Chromium: {e}")),
        }
    };
    let made = fs::read(pdf).map(|b| b.starts_with(b"%PDF")).unwrap_or(false);
    if status.success() && made {
        return Ok(());
    }
    // The last line of Chromium's log that says what went wrong, without the noise of a
    // machine with no desktop session (D-Bus and the like).
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    let reason = log
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.contains("dbus") && !l.contains("unexpected operator"))
        .map(|l| l.rsplit_once("] ").map_or(l, |(_, m)| m).to_string());
    let what = if status.success() { "wrote no PDF".to_string() } else { format!("failed ({status})") };
    Err(match reason {
        Some(r) => format!("Chromium {what}: {r}"),
        None => format!("Chromium {what}"),
    })
}

/// Writes `bytes` to `path` through a temporary file beside it, so that no reader sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

/// What happened to one page.
enum Outcome {
    Rendered,
    Reused,
}

/// Counts and times of a run, for the closing line and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub rendered: usize,
    pub reused: usize,
    pub booklets: usize,
}

/// Renders the print pages among `files`, already written under `staging`, to PDFs beside them.
pub fn render(staging: &Path, files: &[OutFile], opts: &PdfOptions) -> Result<(), String> {
    let started = Instant::now();
    let summary = render_quiet(staging, files, opts, &|done, total| {
        if std::io::stderr().is_terminal() {
            eprint!("\rPDF {done}/{total}");
            let _ = std::io::stderr().flush();
        }
    })?;
    let clear = if std::io::stderr().is_terminal() { "\r\x1b[K" } else { "" };
    eprintln!(
        "{clear}PDF: {} rendered, {} reused, {} booklets in {:.1} s.",
        summary.rendered,
        summary.reused,
        summary.booklets,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// As [`render`], reporting progress to `progress(done, total)` instead of the terminal.
pub fn render_quiet(
    staging: &Path,
    files: &[OutFile],
    opts: &PdfOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, String> {
    let base_path = if opts.base_path.ends_with('/') { opts.base_path.clone() } else { format!("{}/", opts.base_path) };
    let opts = &PdfOptions { base_path, ..opts.clone() };
    let by_path: HashMap<&str, &[u8]> = files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
    let jobs: Vec<Job> = jobs(files)
        .into_iter()
        .map(|(dir, name, kind)| {
            let html = by_path.get(format!("{dir}index.html").as_str()).copied().unwrap_or_default();
            let key = cache_key(html, &dir, staging, opts);
            Job { dir, name, kind, rtl: is_rtl(html), key }
        })
        .collect();
    if jobs.is_empty() {
        return Ok(Summary::default());
    }
    let cache = opts.root.join(".pjece-cache").join("pdf");
    fs::create_dir_all(&cache).map_err(|e| format!("cannot make the PDF cache {}: {e}", cache.display()))?;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let workers = if opts.jobs == 0 { cores } else { opts.jobs }.min(jobs.len());
    // The server starts only when a page is not in the cache.
    let needs_chromium = jobs.iter().any(|j| !cache.join(format!("{}.pdf", j.key)).is_file());
    let server = if needs_chromium { Some(Server::start(staging, &opts.base_path, workers + 1)?) } else { None };
    let port = server.as_ref().map_or(0, |s| s.port);
    let scratch = std::env::temp_dir().join(format!("pjece-pdf-{}-{port}", std::process::id()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| format!("cannot start the PDF workers: {e}"))?;
    let done = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let total = jobs.len();
    progress(0, total);
    // `None`: skipped, because another page failed already and the build will stop anyway.
    let results: Vec<Option<Result<(Outcome, bool), String>>> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                if failed.load(Ordering::Relaxed) {
                    return None;
                }
                let r = one(job, staging, &cache, &scratch, port, opts)
                    .map_err(|e| format!("PDF of {}: {e}", job_url(opts, job)));
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                Some(r)
            })
            .collect()
    });
    drop(server);
    let _ = fs::remove_dir_all(&scratch);
    let mut summary = Summary::default();
    let mut errors = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok((outcome, booklet)) => {
                match outcome {
                    Outcome::Rendered => summary.rendered += 1,
                    Outcome::Reused => summary.reused += 1,
                }
                summary.booklets += usize::from(booklet);
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(first) = errors.first() {
        let more = match errors.len() {
            1 => String::new(),
            2 => " (and 1 more page failed)".to_string(),
            n => format!(" (and {} more pages failed)", n - 1),
        };
        return Err(format!("{first}{more}"));
    }
    prune(&cache, &jobs);
    Ok(summary)
}

/// The page's path as an editor knows it: `/hverdagsteknologi/leaflets/sov-bedre/print/`.
fn job_url(opts: &PdfOptions, job: &Job) -> String {
    format!("{}{}", opts.base_path, job.dir)
}

/// Makes one page's PDF (and booklet): from the cache, or with Chromium into the cache.
fn one(
    job: &Job,
    staging: &Path,
    cache: &Path,
    scratch: &Path,
    port: u16,
    opts: &PdfOptions,
) -> Result<(Outcome, bool), String> {
    let cached = cache.join(format!("{}.pdf", job.key));
    let outcome = if cached.is_file() {
        Outcome::Reused
    } else {
        // One Chromium profile per worker thread: a profile is locked while Chromium runs.
        let worker = rayon::current_thread_index().unwrap_or(0);
        let profile = scratch.join(format!("profile-{worker}"));
        let tmp = scratch.join(format!("{}.pdf", job.key));
        let url = format!("http://127.0.0.1:{port}{}", url_path(&job_url(opts, job)));
        chromium(opts, &profile, &url, &tmp)?;
        let bytes = fs::read(&tmp).map_err(|e| format!("cannot read Chromium's PDF: {e}"))?;
        write_atomic(&cached, &bytes).map_err(|e| format!("cannot write {}: {e}", cached.display()))?;
        let _ = fs::remove_file(&tmp);
        Outcome::Rendered
    };
    let pdf = fs::read(&cached).map_err(|e| format!("cannot read {}: {e}", cached.display()))?;
    let target = staging.join(&job.dir).join(&job.name);
    fs::write(&target, &pdf).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    let mut booklet = false;
    if job.kind == Kind::Leaflet {
        let (w, h) = crate::booklet::first_page_size(&pdf)?;
        if crate::booklet::is_a5(w, h) {
            let imposed = crate::booklet::impose(&pdf, job.rtl).map_err(|e| format!("A4 booklet: {e}"))?;
            let target = staging.join(&job.dir).join(job.booklet_name());
            fs::write(&target, imposed).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            booklet = true;
        }
    }
    Ok((outcome, booklet))
}

/// Removes cached PDFs this build did not use: the cache holds one version of each page.
fn prune(cache: &Path, jobs: &[Job]) {
    let keep: HashSet<String> = jobs.iter().map(|j| format!("{}.pdf", j.key)).collect();
    let Ok(entries) = fs::read_dir(cache) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> OutFile {
        OutFile { path: path.into(), bytes: Vec::new() }
    }

    #[test]
    fn finds_print_pages_and_names_their_pdfs() {
        let files = [
            file("index.html"),
            file("pjecer/sov-bedre/index.html"),
            file("pjecer/sov-bedre/print/index.html"),
            file("pjecer/sov-bedre/print-large/index.html"),
            file("en/pjecer/sov-bedre/print/index.html"),
            file("en/pjecer/sov-bedre/print-large/index.html"),
            file("hverdag/soevn/print/index.html"),
            file("reprint/index.html"),
            file("print/index.html"),
            file("assets/print.css"),
        ];
        let found: Vec<(String, String, Kind)> = jobs(&files);
        let found: Vec<(&str, &str, Kind)> = found.iter().map(|(d, n, k)| (d.as_str(), n.as_str(), *k)).collect();
        assert_eq!(
            found,
            vec![
                ("en/pjecer/sov-bedre/print-large/", "sov-bedre-stor-skrift.pdf", Kind::Large),
                ("en/pjecer/sov-bedre/print/", "sov-bedre.pdf", Kind::Leaflet),
                ("hverdag/soevn/print/", "soevn.pdf", Kind::Bundle),
                ("pjecer/sov-bedre/print-large/", "sov-bedre-stor-skrift.pdf", Kind::Large),
                ("pjecer/sov-bedre/print/", "sov-bedre.pdf", Kind::Leaflet),
            ]
        );
    }

    #[test]
    fn request_paths_map_into_the_output_below_the_base_path() {
        assert_eq!(local_file("/h/pjecer/a/print/", "h/").unwrap(), "pjecer/a/print/index.html");
        assert_eq!(local_file("/h/assets/print.css?v=1", "h/").unwrap(), "assets/print.css");
        assert_eq!(local_file("/h", "h/").unwrap(), "index.html");
        assert_eq!(local_file("/other/x.css", "h/"), Err(404));
        assert_eq!(local_file("/h/../site.yaml", "h/"), Err(400));
        assert_eq!(local_file("/img/a.svg", "").unwrap(), "img/a.svg");
    }

    #[test]
    fn the_cache_key_follows_the_style_sheet_and_images() {
        let html = r#"<link rel="stylesheet" href="/h/assets/print.css?v=1"><img src="../../img/a.svg" alt="">
            <a href="/h/pjecer/">x</a> <a href="https://example.dk/">y</a> <img src="/elsewhere.png">"#;
        assert_eq!(dependencies(html, "pjecer/a/print/", "/h/"), vec!["assets/print.css", "pjecer/img/a.svg"]);

        let dir = std::env::temp_dir().join(format!("pjece-pdf-key-{}", std::process::id()));
        fs::create_dir_all(dir.join("assets")).unwrap();
        fs::write(dir.join("assets/print.css"), "body{}").unwrap();
        let opts = PdfOptions { chromium: "chromium".into(), root: dir.clone(), base_path: "/h/".into(), jobs: 0 };
        let a = cache_key(html.as_bytes(), "pjecer/a/print/", &dir, &opts);
        assert_eq!(a, cache_key(html.as_bytes(), "pjecer/a/print/", &dir, &opts));
        fs::write(dir.join("assets/print.css"), "body{color:red}").unwrap();
        assert_ne!(a, cache_key(html.as_bytes(), "pjecer/a/print/", &dir, &opts));
        assert_ne!(a, cache_key(b"other", "pjecer/a/print/", &dir, &opts));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn right_to_left_pages_are_recognised() {
        assert!(is_rtl(br#"<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head>"#));
        assert!(!is_rtl(br#"<!DOCTYPE html>\n<html lang="da" dir="ltr"><body><p dir="rtl">"#));
    }

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(url_path("/h/pjecer/a b/æ/"), "/h/pjecer/a%20b/%C3%A6/");
    }
}
