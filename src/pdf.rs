//! `build --pdf`: print pages → PDF files with headless Chromium. (Being built: see issue 4.)

use crate::render::OutFile;
use std::path::{Path, PathBuf};

/// How to make PDFs.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The Chromium program.
    pub chromium: PathBuf,
}

impl PdfOptions {
    /// Finds Chromium: the given path, or `chromium`, `chromium-browser`, `google-chrome` on PATH.
    pub fn new(given: Option<PathBuf>) -> Result<PdfOptions, String> {
        if let Some(p) = given {
            return if p.is_file() {
                Ok(PdfOptions { chromium: p })
            } else {
                Err(format!("--chromium {}: there is no such program.", p.display()))
            };
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for dir in std::env::split_paths(&path) {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Ok(PdfOptions { chromium: candidate });
                }
            }
        }
        Err("--pdf needs Chromium, and none was found on PATH. Install it (Debian: apt-get install chromium) or give its path with --chromium.".into())
    }
}

/// Renders the print pages among `files`, already written under `staging`, to PDFs beside them.
pub fn render(_staging: &Path, _files: &[OutFile], _opts: &PdfOptions) -> Result<(), String> {
    Err("PDF export is not built yet.".into())
}
