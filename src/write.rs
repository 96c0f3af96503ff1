//! Staged output folder → atomic swap into `public/`. A failed build never touches the old output,
//! and pjece never replaces a folder it did not make.

use crate::render::OutFile;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file pjece leaves in every output folder it makes; without it, a folder is not ours to replace.
pub const MARKER: &str = ".pjece-output";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the output folder {0} is the site folder itself; choose another --out, like public/")]
    IsRoot(PathBuf),
    #[error("the output folder {0} contains the site folder; choose a folder inside the site, like public/")]
    ContainsRoot(PathBuf),
    #[error(
        "the output folder {0} is inside {1}/, where editors keep their files; choose another --out, like public/"
    )]
    InsideSource(PathBuf, &'static str),
    #[error("the output folder {0} already exists and was not made by pjece (it has no {MARKER} file), so pjece will not replace it; empty or remove it yourself, or choose another --out")]
    NotOurs(PathBuf),
    #[error("{0}")]
    Pdf(String),
    #[error("is a file, but the site makes pages in a folder {0}/ at that place. Rename or move static/{0}")]
    StaticInTheWay(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// Makes a path absolute and clean without requiring it to exist.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    // Resolve symlinks of the part that exists, so `public -> ..` cannot trick the checks.
    let mut existing = out.clone();
    let mut tail = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => tail.push(name.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut real = existing.canonicalize().unwrap_or(existing);
    for name in tail.into_iter().rev() {
        real.push(name);
    }
    real
}

/// Refuses output folders that could hold an editor's files.
pub fn check_out(root: &Path, out: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    let out_abs = absolute(out);
    if out_abs == root {
        return Err(WriteError::IsRoot(out.to_path_buf()));
    }
    if root.starts_with(&out_abs) {
        return Err(WriteError::ContainsRoot(out.to_path_buf()));
    }
    for dir in ["content", "static", "themes"] {
        if out_abs.starts_with(root.join(dir)) {
            return Err(WriteError::InsideSource(out.to_path_buf(), dir));
        }
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() {
        let empty = fs::read_dir(&out_abs).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(WriteError::NotOurs(out.to_path_buf()));
        }
    } else if out_abs.exists() && !out_abs.is_dir() {
        return Err(WriteError::NotOurs(out.to_path_buf()));
    }
    Ok(())
}

/// Writes `files` and copies `static_dir` into a staging folder beside `out`, then swaps it in.
pub fn write_site(root: &Path, out: &Path, files: &[OutFile], static_dir: &Path) -> Result<(), WriteError> {
    write_site_with(root, out, files, static_dir, |_| Ok(()))
}

/// As [`write_site`], with a last step (`finish`) that may add files to the staging folder, such
/// as PDFs made from its pages, before the swap. If it fails, nothing is swapped.
pub fn write_site_with(
    root: &Path,
    out: &Path,
    files: &[OutFile],
    static_dir: &Path,
    finish: impl FnOnce(&Path) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let staging = Staging::begin(root, out, static_dir)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    finish(staging.path())?;
    staging.commit()
}

/// A staging folder beside the output. Files go into it as they are made; it replaces the
/// output in one step only when everything succeeded, and is removed if it is dropped before.
pub struct Staging {
    dir: PathBuf,
    /// Files under static/, to name one that stands where a page folder must go.
    static_dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    committed: bool,
}

impl Staging {
    /// Checks `out`, makes the staging folder and copies `static_dir` into it.
    pub fn begin(root: &Path, out: &Path, static_dir: &Path) -> Result<Staging, WriteError> {
        check_out(root, out)?;
        let out = absolute(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.pjece-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        let staging = Staging { dir, static_dir: static_dir.to_path_buf(), out, parent, name, committed: false };
        fs::create_dir_all(&staging.dir).map_err(io_err(&staging.dir))?;
        staging.copy_static(static_dir)?;
        Ok(staging)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Static files first, so that a generated page always wins over a stray static file.
    fn copy_static(&self, static_dir: &Path) -> Result<(), WriteError> {
        if !static_dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(static_dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| WriteError::Io {
                path: e.path().map(Path::to_path_buf).unwrap_or_else(|| static_dir.to_path_buf()),
                source: e.into_io_error().unwrap_or_else(|| io::Error::other("a folder link loops back to itself")),
            })?;
            let rel = entry.path().strip_prefix(static_dir).unwrap_or(entry.path());
            let target = self.dir.join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).map_err(io_err(&target))?;
            } else {
                fs::copy(entry.path(), &target).map_err(io_err(&target))?;
            }
        }
        Ok(())
    }

    /// Writes one file into the staging folder (safe to call from several threads).
    pub fn write(&self, f: &OutFile) -> Result<(), WriteError> {
        let path = self.dir.join(&f.path);
        let result = match path.parent() {
            Some(dir) => fs::create_dir_all(dir).map_err(io_err(dir)),
            None => Ok(()),
        };
        result.and_then(|()| fs::write(&path, &f.bytes).map_err(io_err(&path))).map_err(|e| self.explain(&f.path, e))
    }

    /// A static file where the site needs a folder is named, rather than the staging path.
    fn explain(&self, rel: &str, e: WriteError) -> WriteError {
        let mut prefix = PathBuf::new();
        for part in rel.split('/').take(rel.split('/').count().saturating_sub(1)) {
            prefix.push(part);
            if self.static_dir.join(&prefix).is_file() {
                return WriteError::StaticInTheWay(crate::load::rel(Path::new(""), &prefix));
            }
        }
        e
    }

    /// Marks the folder as pjece's and swaps it into place.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, "This folder is made by pjece and replaced on every build. Do not edit files here.\n")
            .map_err(io_err(&marker))?;
        swap(&self.dir, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(io_err(out));
    }
    let old = parent.join(format!(".{name}.pjece-old-{}", std::process::id()));
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous output back before reporting.
        let _ = fs::rename(&old, out);
        return Err(WriteError::Io { path: out.to_path_buf(), source: e });
    }
    fs::remove_dir_all(&old).map_err(io_err(&old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_that_may_hold_editors_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/leaflets")).unwrap();
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "x").unwrap();
        assert!(matches!(check_out(root, root), Err(WriteError::IsRoot(_))));
        assert!(matches!(check_out(root, &root.join("content/out")), Err(WriteError::InsideSource(..))));
        assert!(matches!(check_out(root, &root.join("mine")), Err(WriteError::NotOurs(_))));
        assert!(matches!(check_out(&root.join("content"), root), Err(WriteError::ContainsRoot(_))));
        assert!(check_out(root, &root.join("public")).is_ok());
    }

    #[test]
    fn swap_replaces_old_output_and_leaves_a_marker() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let files = vec![OutFile { path: "a/index.html".into(), bytes: b"one".to_vec() }];
        write_site(root, &out, &files, &root.join("static")).unwrap();
        let files = vec![OutFile { path: "b/index.html".into(), bytes: b"two".to_vec() }];
        write_site(root, &out, &files, &root.join("static")).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(root)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("pjece-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
