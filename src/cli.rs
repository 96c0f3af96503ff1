//! The command line: one clap shape per subcommand, each with a `run` that returns the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "pjece", version, about = "Builds a site of technology leaflets, organised by everyday problem.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --out). Exit 1 if the content has errors.
    Build {
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site. Default: <root>/public.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Publish at this address instead of site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include leaflets marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also make a PDF of every print page, with headless Chromium.
        #[arg(long)]
        pdf: bool,
        /// The Chromium (or Chrome) program for --pdf. Default: found on PATH.
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
    },
    /// Build, serve on this machine, and rebuild when a file changes.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on. Only 127.0.0.1 keeps the site on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port; if it is taken, the next free one is used.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Check for changes by looking at the files every half second, for network drives
        /// and WSL, where change notices do not arrive.
        #[arg(long)]
        poll: bool,
        /// Include leaflets marked `draft: true` (default in serve: yes).
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        drafts: bool,
    },
    /// Check the content and report every error and warning, without building.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Check leaflets marked `draft: true` as strictly as the others.
        #[arg(long)]
        drafts: bool,
        /// Also fetch every link to another website (needs the network and curl).
        #[arg(long)]
        online: bool,
    },
    /// Make a new content file with the settings filled in, ready to write.
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// The file name, like tryg-om-natten (Danish letters are fine).
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Leaflet,
    Problem,
    Technology,
    Page,
}
