//! Watches the site's files with notify (or by polling), waits for saves to settle, and asks
//! the state to rebuild; then tells the open tabs what happened.

use super::classify::{classify, Change};
use super::State;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

/// How long a burst of file events must be quiet before we rebuild (editors save in steps).
const SETTLE: Duration = Duration::from_millis(30);
const POLL_EVERY: Duration = Duration::from_millis(500);
/// How long the editor must pause before the search index is brought up to date.
const IDLE: Duration = Duration::from_millis(300);
const WATCHED: [&str; 3] = ["content", "static", "themes"];

type Events = Receiver<notify::Result<notify::Event>>;

fn watch_all(w: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    w.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let p = root.join(dir);
        if p.is_dir() {
            w.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

/// Passes on only real changes: reads (our own rebuilds and the server open files all the time)
/// must neither trigger a rebuild nor keep the watcher from seeing that the editor paused.
fn changes_only(tx: std::sync::mpsc::Sender<notify::Result<notify::Event>>) -> impl notify::EventHandler {
    move |res: notify::Result<notify::Event>| {
        if res.as_ref().is_ok_and(|ev| !is_change(&ev.kind)) {
            return;
        }
        let _ = tx.send(res);
    }
}

fn polling(root: &Path) -> Result<(Box<dyn Watcher + Send>, Events), String> {
    let (tx, rx) = channel();
    let mut w = PollWatcher::new(changes_only(tx), notify::Config::default().with_poll_interval(POLL_EVERY))
        .map_err(|e| format!("cannot watch files: {e}"))?;
    watch_all(&mut w, root).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    Ok((Box::new(w), rx))
}

fn native(root: &Path) -> notify::Result<(Box<dyn Watcher + Send>, Events)> {
    let (tx, rx) = channel();
    let mut w: RecommendedWatcher = notify::recommended_watcher(changes_only(tx))?;
    watch_all(&mut w, root)?;
    Ok((Box::new(w), rx))
}

/// Starts the watcher thread. Native change notices are used unless `poll` is set or they fail.
pub fn start(state: Arc<State>, poll: bool) -> Result<(), String> {
    let root = state.root.canonicalize().unwrap_or_else(|_| state.root.clone());
    let (watcher, rx) = if poll {
        eprintln!("Watching for changes by looking at the files every {} ms (--poll).", POLL_EVERY.as_millis());
        polling(&root)?
    } else {
        match native(&root) {
            Ok(v) => v,
            Err(e) => {
                eprintln!(
                    "Change notices do not work here ({e}); looking at the files every {} ms instead.",
                    POLL_EVERY.as_millis()
                );
                polling(&root)?
            }
        }
    };
    std::thread::spawn(move || run(state, root, watcher, rx));
    Ok(())
}

/// The changed paths inside the site, each with its `/`-separated path relative to the root.
fn inside(root: &Path, mut paths: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<String>) {
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|p| {
            let rel = crate::load::rel(Path::new(""), p.strip_prefix(root).ok()?);
            Some((p, rel))
        })
        .unzip()
}

fn is_change(kind: &EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    !matches!(kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)))
}

fn run(state: Arc<State>, root: PathBuf, mut watcher: Box<dyn Watcher + Send>, rx: Events) {
    // The search index (and print bundles) wait until the editor pauses: a burst of saves
    // rebuilds pages at once and the index only after the last one.
    let mut stale = false;
    loop {
        let first = if stale {
            match rx.recv_timeout(IDLE) {
                Ok(ev) => ev,
                Err(RecvTimeoutError::Timeout) => {
                    state.refresh_search();
                    stale = false;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(ev) => ev,
                Err(_) => return,
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut collect = |ev: notify::Result<notify::Event>| {
            // Reads (our own rebuild opens every file) and access-time updates are not changes.
            match ev {
                Ok(ev) if is_change(&ev.kind) => paths.extend(ev.paths),
                _ => {}
            }
        };
        collect(first);
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(ev) => collect(ev),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // A watched folder made after start (static/ for the first picture) gets watched too.
        for dir in WATCHED {
            let p = root.join(dir);
            if paths.contains(&p) && p.is_dir() {
                let _ = watcher.watch(&p, RecursiveMode::Recursive);
            }
        }
        let (paths, rel) = inside(&root, paths);
        match classify(&rel) {
            Change::Nothing => {}
            Change::Static => state.events.send("reload", "static"),
            change => {
                let content: Vec<PathBuf> = paths
                    .iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .filter(|p| !super::classify::is_editor_noise(&p.file_name().unwrap_or_default().to_string_lossy()))
                    .cloned()
                    .collect();
                // Editors save through temporary files that are gone again by now; they do not count.
                let relevant = paths
                    .iter()
                    .zip(&rel)
                    .filter(|(p, r)| {
                        classify(&[r.as_str()]) != Change::Nothing
                            && (p.exists() || p.extension().is_some_and(|e| e == "md"))
                    })
                    .count();
                let only_content = change == Change::Rebuild && content.len() == relevant;
                let outcome = state.rebuild(if only_content { Some(&content) } else { None });
                let version = state.built.read().map(|b| b.version).unwrap_or(0);
                if !outcome.ok {
                    let built = state.built.read().unwrap_or_else(|p| p.into_inner());
                    let lines: Vec<String> = built.findings.iter().map(|f| f.to_string()).collect();
                    drop(built);
                    state.events.send("errors", &serde_json::to_string(&lines).unwrap_or_default());
                } else if change == Change::Css {
                    state.events.send("css", &version.to_string());
                } else {
                    state.events.send("reload", &version.to_string());
                }
                stale |= outcome.search_stale;
            }
        }
    }
}
