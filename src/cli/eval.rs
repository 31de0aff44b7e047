//! `policy-extract eval`: score records against gold annotations.
//!
//! The records are either extracted now from a folder of documents
//! (`--docs`, by default the gold folder's parent, as in `seeds/` and
//! `seeds/gold/`) or read from a file of JSON Lines (`--records`, the output
//! of `policy-extract extract`) or a folder of `*.json` records
//! (`extract --output DIR`).

use clap::Args;
use policy_extract::eval::{evaluate_folder, evaluate_records, load_gold_dir, record_name, Report};
use policy_extract::{Document, Extractor};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of gold files (`<document name>.gold.json`).
    #[arg(long)]
    pub gold: PathBuf,
    /// Folder of the documents to extract and score [default: the gold folder's parent].
    #[arg(long, conflicts_with = "records")]
    pub docs: Option<PathBuf>,
    /// Records to score instead: a JSON Lines file, or a folder of `*.json` records.
    #[arg(long)]
    pub records: Option<PathBuf>,
    /// Also print a table per document, with the missed (-) and extra (+) items.
    #[arg(long)]
    pub per_doc: bool,
    /// Also write the scores as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

/// Reads records: one JSON record per line of a file, or one per `*.json`
/// file of a folder. A record that does not parse is left out and named in
/// the second list (its document is then scored as empty); only a file or
/// folder that cannot be read at all is an error.
fn read_records(path: &Path) -> Result<(Vec<Document>, Vec<String>), String> {
    let mut records = Vec::new();
    let mut bad = Vec::new();
    let mut add = |json: Result<&str, String>, at: String| match json
        .and_then(|j| serde_json::from_str::<Document>(j).map_err(|e| e.to_string()))
    {
        Ok(doc) => records.push(doc),
        Err(e) => bad.push(format!("{at}: {e}; record left out")),
    };
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
            .collect();
        files.sort();
        for f in &files {
            let json = std::fs::read_to_string(f);
            add(
                json.as_deref().map_err(|e| e.to_string()),
                f.display().to_string(),
            );
        }
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                add(Ok(line), format!("{}:{}", path.display(), i + 1));
            }
        }
    }
    Ok((records, bad))
}

/// Runs `eval`: exit 0 when every document was scored, 1 when one could not
/// be read or paired (it is then scored as empty) or a record could not be
/// read, 2 when nothing could be scored.
pub fn run(args: EvalArgs) -> ExitCode {
    let gold = match load_gold_dir(&args.gold) {
        Ok(g) if g.is_empty() => {
            eprintln!("{}: no *.gold.json file", args.gold.display());
            return ExitCode::from(2);
        }
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (report, problems): (Report, Vec<String>) = match &args.records {
        Some(path) => match read_records(path) {
            Ok((records, bad)) if records.is_empty() && !bad.is_empty() => {
                for b in &bad {
                    eprintln!("{b}");
                }
                eprintln!("{}: no record could be read", path.display());
                return ExitCode::from(2);
            }
            Ok((records, bad)) => {
                let unpaired = records
                    .iter()
                    .filter_map(record_name)
                    .filter(|n| !gold.iter().any(|g| &g.doc == n))
                    .count();
                if unpaired > 0 {
                    eprintln!("note: {unpaired} records without a gold file are left out");
                }
                let (report, mut problems) = evaluate_records(&gold, &records);
                problems.splice(0..0, bad);
                (report, problems)
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
        None => {
            let docs = args.docs.clone().unwrap_or_else(|| {
                args.gold
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("."))
            });
            let (report, errors) = evaluate_folder(&Extractor::new(), &gold, &docs);
            let errors = errors
                .iter()
                .map(|e| format!("{e}; scored as empty"))
                .collect();
            (report, errors)
        }
    };
    for p in &problems {
        eprintln!("warning: {p}");
    }
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
        if let Err(e) = std::fs::write(path, json + "\n") {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    let mut text = String::new();
    if args.per_doc {
        text.push_str(&report.per_doc());
    }
    text.push_str(&format!("{} documents\n", report.docs.len()));
    text.push_str(&report.table());
    // A closed pipe (`| head`) ends the output quietly.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
