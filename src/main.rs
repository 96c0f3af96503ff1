//! Thin entry point: parse arguments, run the library, map the result to exit code 0/1/2.

use clap::Parser;
use pjece::cli::{Cli, Command, Format, NewKind};
use pjece::diagnostics;
use pjece::pipeline::{self, Options};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, base_url, drafts, pdf, chromium } => {
            let started = Instant::now();
            let existed = out.clone().unwrap_or_else(|| root.join("public")).join(pjece::write::MARKER).is_file();
            let pdf = match pdf.then(|| pjece::pdf::PdfOptions::new(chromium)).transpose() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(1);
                }
            };
            let report = pipeline::build(&Options { root, out, base_url, drafts, today: None, pdf });
            eprint!("{}", diagnostics::to_human(&report.findings));
            match report.written {
                Some(pages) => {
                    eprintln!(
                        "Built {pages} pages into {} in {} ms ({}).",
                        report.out.display(),
                        started.elapsed().as_millis(),
                        diagnostics::summary(&report.findings)
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    let kept = if existed {
                        format!(" The previous {} is as it was.", report.out.display())
                    } else {
                        String::new()
                    };
                    eprintln!(
                        "Nothing was written: {}.{kept} Fix the lines above and build again.",
                        diagnostics::summary(&report.findings)
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, format, drafts, online } => {
            let mut analysis = pipeline::analyse(&Options { root, drafts, ..Options::default() });
            if let (true, Some(site)) = (online, &analysis.site) {
                pjece::check::external::check(site, &analysis.bodies, &mut analysis.findings);
                diagnostics::sort(&mut analysis.findings);
            }
            match format {
                Format::Human => {
                    print!("{}", diagnostics::to_human(&analysis.findings));
                    eprintln!("{}", pipeline::check_summary(&analysis));
                }
                Format::Json => println!("{}", diagnostics::to_json(&analysis.findings)),
            }
            if analysis.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::New { kind, slug, root, title } => match pjece::scaffold::create(&root, kind, &slug, title.as_deref())
        {
            Ok(path) => {
                if kind == NewKind::Leaflet {
                    println!(
                        "Made {}. Open it, write the text, and remove `draft: true` when it is ready.",
                        path.display()
                    );
                } else {
                    println!(
                        "Made {}. Open it and write the text; it is on the site from the next build.",
                        path.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Serve { root, bind, port, poll, drafts } => {
            match pjece::serve::run(pjece::serve::ServeOptions { root, bind, port, poll, drafts }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
