//! `pjece serve`: the editor's dev server.

use std::path::PathBuf;

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    pub drafts: bool,
}

pub fn run(_opts: ServeOptions) -> Result<(), String> {
    Err("not yet".into())
}
