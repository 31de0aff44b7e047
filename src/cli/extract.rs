//! `policy-extract extract`: files and folders to JSON records.

use clap::Args;
use policy_extract::Extractor;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read (folders are walked recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write one `<file name>.json` per input into this folder instead of JSON Lines to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Indent the JSON for humans.
    #[arg(long)]
    pub pretty: bool,
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            if e.is_dir()
                || e.extension()
                    .is_some_and(|x| x == "txt" || x == "html" || x == "htm" || x == "docx")
            {
                collect(&e, out);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> ExitCode {
    let ex = Extractor::new();
    let mut files = Vec::new();
    for p in &args.inputs {
        collect(p, &mut files);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for f in &files {
        match ex.extract_path(f) {
            Ok(doc) => {
                let json = if args.pretty {
                    serde_json::to_string_pretty(&doc)
                } else {
                    serde_json::to_string(&doc)
                }
                .unwrap_or_default();
                if let Some(dir) = &args.output {
                    let name = f
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if let Err(e) = std::fs::create_dir_all(dir)
                        .and_then(|_| std::fs::write(dir.join(format!("{name}.json")), json))
                    {
                        eprintln!("{}: {e}", f.display());
                        failed += 1;
                    }
                } else if writeln!(out, "{json}").is_err() {
                    return ExitCode::from(1);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
