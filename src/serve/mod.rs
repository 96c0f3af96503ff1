//! `pjece serve`: builds the site into memory, serves it on this machine, rebuilds when a file
//! changes, and tells open tabs to reload (or shows the editor's mistakes in the page).
//!
//! The output lives in memory only: `serve` never writes `public/`.

pub mod classify;
mod events;
mod http;
mod overview;
pub mod session;
mod watch;

use crate::diagnostics::{self, Finding};
use crate::pipeline::Options;
use session::{Outcome, Session};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

pub use http::{clean_path, content_type};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    pub drafts: bool,
}

/// The pages being served, from the last good build, and what the last attempt found.
#[derive(Default)]
pub struct Built {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    pub findings: Vec<Finding>,
    /// Bumped on every successful build; the reload script compares it.
    pub version: u64,
}

/// Everything the request threads and the watcher share.
pub struct State {
    pub root: PathBuf,
    pub built: RwLock<Built>,
    pub session: Mutex<Session>,
    pub events: events::Broadcaster,
}

impl State {
    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Rebuilds everything, or only what `changed` touches. On errors the last good pages stay.
    pub fn rebuild(&self, changed: Option<&[PathBuf]>) -> Outcome {
        let started = Instant::now();
        let mut session = self.session();
        let mut outcome = match changed {
            Some(paths) => session.change(paths),
            None => session.full(),
        };
        let findings = session.findings().to_vec();
        drop(session);
        let mut built = self.built.write().unwrap_or_else(|p| p.into_inner());
        if outcome.ok {
            if outcome.replace_all {
                built.files.clear();
            }
            for f in std::mem::take(&mut outcome.files) {
                built.files.insert(f.path, Arc::new(f.bytes));
            }
            built.version += 1;
        }
        built.findings = findings;
        let text = diagnostics::to_human(&built.findings);
        if !text.is_empty() {
            eprint!("{text}");
        }
        eprintln!(
            "{} in {} ms ({}).",
            if outcome.ok {
                if outcome.kind == "incremental" {
                    "Rebuilt the changed pages"
                } else {
                    "Rebuilt"
                }
            } else {
                "Not rebuilt, still showing the last good pages"
            },
            started.elapsed().as_millis(),
            diagnostics::summary(&built.findings)
        );
        outcome
    }

    /// Brings the search index up to date after an incremental rebuild.
    pub fn refresh_search(&self) {
        let files = self.session().search_files();
        let mut built = self.built.write().unwrap_or_else(|p| p.into_inner());
        for f in files {
            built.files.insert(f.path, Arc::new(f.bytes));
        }
    }

    /// The editor's overview, made when asked for.
    pub fn overview(&self) -> String {
        let session = self.session();
        overview::render(session.site(), session.bodies(), session.findings())
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
    let root = opts.root.canonicalize().unwrap_or_else(|_| opts.root.clone());
    let session = Session::new(Options {
        root: root.clone(),
        base_url: Some(base_url.clone()),
        drafts: opts.drafts,
        ..Options::default()
    });
    let state = Arc::new(State {
        root,
        built: RwLock::new(Built::default()),
        session: Mutex::new(session),
        events: events::Broadcaster::default(),
    });
    state.rebuild(None);
    watch::start(state.clone(), opts.poll)?;
    eprintln!("Serving {base_url} (editor's overview: {base_url}__pjece/). Press Ctrl+C to stop.");
    http::serve(server, state);
    Ok(())
}

fn is_loopback(bind: &str) -> bool {
    bind == "localhost" || bind == "::1" || bind.parse::<std::net::Ipv4Addr>().map(|a| a.is_loopback()).unwrap_or(false)
}
