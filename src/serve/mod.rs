//! `pjece serve`: builds the site into memory, serves it on this machine, rebuilds when a file
//! changes, and tells open tabs to reload (or shows the editor's mistakes in the page).
//!
//! The output lives in memory only: `serve` never writes `public/`.

pub mod classify;
mod events;
mod http;
mod overview;
mod watch;

use crate::diagnostics::{self, Finding};
use crate::pipeline::{self, Options};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

pub use http::{clean_path, content_type};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    pub drafts: bool,
}

/// The last good build, and what the last attempt found.
#[derive(Default)]
pub struct Built {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    pub findings: Vec<Finding>,
    pub overview: String,
    /// Bumped on every successful build; the reload script compares it.
    pub version: u64,
}

/// Everything the request threads and the watcher share.
pub struct State {
    pub root: PathBuf,
    pub drafts: bool,
    pub base_url: String,
    pub built: RwLock<Built>,
    pub events: events::Broadcaster,
}

impl State {
    /// Rebuilds the site into memory. On errors the last good pages stay; the findings change.
    pub fn rebuild(&self) -> bool {
        let started = Instant::now();
        let opts = Options {
            root: self.root.clone(),
            base_url: Some(self.base_url.clone()),
            drafts: self.drafts,
            ..Options::default()
        };
        let mut analysis = pipeline::analyse(&opts);
        let files = if analysis.has_errors() { None } else { pipeline::render_pages(&mut analysis) };
        let overview = overview::render(&analysis);
        let ok = files.is_some() && !analysis.has_errors();
        let mut built = match self.built.write() {
            Ok(b) => b,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let (true, Some(files)) = (ok, files) {
            built.files = files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect();
            built.version += 1;
        }
        built.findings = analysis.findings;
        built.overview = overview;
        let text = diagnostics::to_human(&built.findings);
        if !text.is_empty() {
            eprint!("{text}");
        }
        eprintln!(
            "{} in {} ms ({}).",
            if ok { "Rebuilt" } else { "Not rebuilt, still showing the last good pages" },
            started.elapsed().as_millis(),
            diagnostics::summary(&built.findings)
        );
        ok
    }
}

pub fn run(opts: ServeOptions) -> Result<(), String> {
    if !opts.root.join(crate::config::FILE).is_file() {
        return Err(format!(
            "there is no site.yaml in {}. Run pjece serve in the site's folder, or give --root.",
            opts.root.display()
        ));
    }
    let (server, port) = http::bind(&opts.bind, opts.port)?;
    let host = if opts.bind == "0.0.0.0" || opts.bind == "::" { "127.0.0.1".to_string() } else { opts.bind.clone() };
    let host = if host.contains(':') { format!("[{host}]") } else { host };
    let base_url = format!("http://{host}:{port}/");
    if !is_loopback(&opts.bind) {
        eprintln!(
            "warning: --bind {} makes the dev server reachable from other machines. It is meant for editors on their own machine; publish the built public/ folder instead.",
            opts.bind
        );
    }
    let state = Arc::new(State {
        root: opts.root.clone(),
        drafts: opts.drafts,
        base_url: base_url.clone(),
        built: RwLock::new(Built::default()),
        events: events::Broadcaster::default(),
    });
    state.rebuild();
    watch::start(state.clone(), opts.poll)?;
    eprintln!("Serving {base_url} (editor's overview: {base_url}__pjece/). Press Ctrl+C to stop.");
    http::serve(server, state);
    Ok(())
}

fn is_loopback(bind: &str) -> bool {
    bind == "localhost" || bind == "::1" || bind.parse::<std::net::Ipv4Addr>().map(|a| a.is_loopback()).unwrap_or(false)
}
