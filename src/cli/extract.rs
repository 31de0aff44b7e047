//! `policy-extract extract`: files, folders or JSON Lines to JSON records
//! or CSV tables, in parallel, in input order.
//!
//! Inputs are processed in windows of a few records per thread: a window is
//! extracted in parallel (one shared [`Extractor`]), then written in input
//! order before the next one is read, so memory stays bounded and output
//! order never depends on scheduling. One failing input never stops the
//! batch: its error goes to standard error (and `--errors FILE`) as a JSON
//! line. Exit code: 0 all ok, 1 some input failed, 2 usage error.

use super::sink::{Sink, CSV_FILES};
use super::walk::{self, Filter, Input};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use policy_extract::dict::DictKind;
use policy_extract::{Document, Extractor, Options};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read (folders recursively); `-` reads standard
    /// input. With `--input jsonl`: JSON Lines files (none or `-`: stdin).
    pub inputs: Vec<PathBuf>,
    /// Keep only files matching this pattern in folders (`*.txt`,
    /// `**/2024/*.html`; repeatable). Default: txt, html, htm, docx.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Read more input paths from this file, one per line (`-`: stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// What the inputs are: document files, or JSON Lines of
    /// `{"id": …, "text": …, "date": …}` records.
    #[arg(long, value_enum, default_value_t = InputKind::Files)]
    pub input: InputKind,
    /// The document date of every input (YYYY-MM-DD, YYYY-MM or YYYY): it
    /// anchors partial dates such as 10月21日 or 明年.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Add the entries of FILE to a dictionary (repeatable). KIND is one of
    /// jieba, departments, generic, lead, cooperate, responsible,
    /// comparators, units, plans, boilerplate, cues; the file format is the
    /// one of the embedded file (see dicts/README.md).
    #[arg(long, value_name = "KIND=FILE")]
    pub dict: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Output: a file for jsonl (default stdout), a folder for json and csv.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Indent the JSON.
    #[arg(long)]
    pub pretty: bool,
    /// Skip inputs whose output file is newer than the input (json format).
    #[arg(long)]
    pub skip_existing: bool,
    /// Also write each error as a JSON line to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What the inputs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Document files (text, HTML, DOCX).
    Files,
    /// JSON Lines records with `id`, `text` and optional `date`.
    Jsonl,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One record per line (stdout or `-o FILE`).
    Jsonl,
    /// One `<relative path>.json` per input under `-o DIR`.
    Json,
    /// `measures.csv`, `targets.csv`, `dates.csv` under `-o DIR`.
    Csv,
}

/// One unit of work, in input order.
enum Task {
    File {
        path: PathBuf,
        rel: PathBuf,
    },
    Stdin,
    Record {
        at: String,
        line: usize,
        id: Option<String>,
        text: String,
        date: Option<String>,
    },
    Failed {
        path: Option<String>,
        line: Option<usize>,
        kind: String,
        message: String,
    },
}

/// What became of a task.
enum Outcome {
    Done {
        doc: Box<Document>,
        rel: PathBuf,
        name: String,
        bytes: u64,
    },
    Skipped,
    Failed {
        path: Option<String>,
        id: Option<String>,
        line: Option<usize>,
        kind: String,
        message: String,
    },
}

/// A usage error: message on stderr, exit code 2.
fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The extractor with the `--dict KIND=FILE` entries added.
fn extractor_with(dicts: &[String]) -> Result<Extractor, String> {
    if dicts.is_empty() {
        return Ok(Extractor::new());
    }
    let mut builder = Extractor::builder();
    for arg in dicts {
        let Some((name, file)) = arg.split_once('=') else {
            return Err(format!("--dict {arg}: expected KIND=FILE"));
        };
        let Some(kind) = DictKind::from_name(name) else {
            let known: Vec<&str> = DictKind::ALL.iter().map(DictKind::name).collect();
            return Err(format!(
                "--dict {arg}: unknown dictionary `{name}` (one of {})",
                known.join(", ")
            ));
        };
        builder = builder
            .add_dict_file(kind, file)
            .map_err(|e| format!("--dict {arg}: {e}"))?;
    }
    builder.build().map_err(|e| format!("--dict: {e}"))
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a valid month and day.
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// The path as it is on disk, for comparing outputs with inputs; a file
/// that does not exist yet is resolved through its folder.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
}

/// Runs `extract`.
pub fn run(args: ExtractArgs) -> ExitCode {
    // Usage checks first: nothing is read or written before they pass.
    if let Some(d) = &args.date {
        if !valid_date(d) {
            return usage(format!("--date {d}: expected YYYY-MM-DD, YYYY-MM or YYYY"));
        }
    }
    match (args.format, &args.output) {
        (Format::Json | Format::Csv, None) => {
            return usage("--format json and csv need an output folder: -o DIR")
        }
        (Format::Json | Format::Csv, Some(dir)) if dir.is_file() => {
            return usage(format!("-o {}: is a file, not a folder", dir.display()))
        }
        (Format::Jsonl, Some(file)) if file.is_dir() => {
            return usage(format!(
                "-o {}: is a folder; --format jsonl writes one file",
                file.display()
            ))
        }
        _ => {}
    }
    if args.skip_existing && args.format != Format::Json {
        return usage("--skip-existing needs --format json");
    }
    let extractor = match extractor_with(&args.dict) {
        Ok(ex) => ex,
        Err(message) => return usage(message),
    };
    let stdin_list = args.files_from.as_deref() == Some(Path::new("-"));
    let mut paths = args.inputs.clone();
    let mut list_rel = false;
    if let Some(list) = &args.files_from {
        let text = if stdin_list {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map(|_| s)
        } else {
            std::fs::read_to_string(list)
        };
        match text {
            Ok(t) => {
                paths.extend(
                    t.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(PathBuf::from),
                );
                list_rel = true;
            }
            Err(e) => {
                return usage(format!(
                    "--files-from {}: {}",
                    list.display(),
                    walk::io_message(&e)
                ))
            }
        }
    }
    if args.input == InputKind::Files && paths.is_empty() {
        return usage("no input: give files, folders, `-` or --files-from");
    }
    let stdin_inputs = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_inputs > 1 || (stdin_inputs == 1 && stdin_list) {
        return usage("standard input can be read only once");
    }
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => return usage(format!("cannot start {jobs} threads: {e}")),
    };

    // The inputs: a list of files, or a stream of JSON Lines.
    let files: Vec<Input> = match args.input {
        InputKind::Files => {
            let filter = Filter::new(&args.glob);
            let mut inputs = walk::collect(&args.inputs, &filter, false);
            if list_rel {
                inputs.extend(walk::collect(&paths[args.inputs.len()..], &filter, true));
            }
            inputs
        }
        InputKind::Jsonl => Vec::new(),
    };

    // An output must never overwrite an input.
    let input_set: HashSet<PathBuf> = files
        .iter()
        .filter_map(|i| match i {
            Input::File { path, .. } => std::fs::canonicalize(path).ok(),
            _ => None,
        })
        .chain(paths.iter().filter_map(|p| std::fs::canonicalize(p).ok()))
        .collect();
    let mut outputs: Vec<PathBuf> = Vec::new();
    if let Some(e) = &args.errors {
        outputs.push(e.clone());
    }
    match (args.format, &args.output) {
        (Format::Jsonl, Some(f)) => outputs.push(f.clone()),
        (Format::Csv, Some(dir)) => outputs.extend(CSV_FILES.iter().map(|(n, _)| dir.join(n))),
        (Format::Json, Some(dir)) => outputs.extend(files.iter().filter_map(|i| match i {
            Input::File { rel, .. } => Some(Sink::json_path(dir, rel)),
            _ => None,
        })),
        _ => {}
    }
    for out in &outputs {
        if resolved(out).is_some_and(|r| input_set.contains(&r)) {
            return usage(format!(
                "output {} is also an input; refusing to overwrite it",
                out.display()
            ));
        }
    }

    let sink = match (args.format, &args.output) {
        (Format::Jsonl, None) => Ok(Sink::stdout(args.pretty)),
        (Format::Jsonl, Some(f)) => Sink::jsonl_file(f, args.pretty),
        (Format::Json, Some(d)) => Sink::json_dir(d, args.pretty),
        (Format::Csv, Some(d)) => Sink::csv_dir(d),
        _ => unreachable!("checked above"),
    };
    let mut sink = match sink {
        Ok(s) => s,
        Err(e) => {
            let out = args.output.as_deref().unwrap_or(Path::new("-"));
            return usage(format!("{}: {}", out.display(), walk::io_message(&e)));
        }
    };
    let mut errors = match &args.errors {
        Some(path) => match Sink::jsonl_errors(path) {
            Ok(e) => Some(e),
            Err(e) => {
                return usage(format!(
                    "--errors {}: {}",
                    path.display(),
                    walk::io_message(&e)
                ))
            }
        },
        None => None,
    };

    let show_progress = !args.quiet && io::stderr().is_terminal();
    let progress = if !show_progress {
        ProgressBar::hidden()
    } else if args.input == InputKind::Files {
        let pb = ProgressBar::new(files.len() as u64);
        pb.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  {msg}  ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        pb
    } else {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} records  {per_sec}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb
    };

    let options = Options {
        document_date: args.date.clone(),
    };
    let window = (jobs * 4).max(8);
    let mut stats = Stats::default();
    let started = Instant::now();
    let out_dir = match args.format {
        Format::Json => args.output.clone(),
        _ => None,
    };
    let ctx = Ctx {
        extractor: &extractor,
        options: &options,
        skip_dir: out_dir.as_deref().filter(|_| args.skip_existing),
    };

    let mut process = |tasks: Vec<Task>, stats: &mut Stats, sink: &mut Sink| -> io::Result<()> {
        let outcomes: Vec<Outcome> =
            pool.install(|| tasks.into_par_iter().map(|t| ctx.run(t)).collect());
        for outcome in outcomes {
            match outcome {
                Outcome::Done {
                    doc,
                    rel,
                    name,
                    bytes,
                } => match sink.write(&doc, &rel, &name) {
                    Ok(()) => {
                        stats.ok += 1;
                        stats.bytes += bytes;
                        stats.measures += doc.measures.len();
                        stats.targets += doc.targets.len();
                        stats.dates += doc.dates.len();
                    }
                    Err(e) if matches!(sink, Sink::JsonDir { .. }) => {
                        stats.failed += 1;
                        report(
                            &progress,
                            &mut errors,
                            doc.source.path.clone(),
                            doc.source.id.clone(),
                            None,
                            "io",
                            &walk::io_message(&e),
                        );
                    }
                    Err(e) => return Err(e),
                },
                Outcome::Skipped => stats.skipped += 1,
                Outcome::Failed {
                    path,
                    id,
                    line,
                    kind,
                    message,
                } => {
                    stats.failed += 1;
                    report(&progress, &mut errors, path, id, line, &kind, &message);
                }
            }
            progress.inc(1);
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            progress.set_message(format!("{:.1} MB/s", stats.bytes as f64 / 1e6 / secs));
        }
        Ok(())
    };

    let result: io::Result<()> = (|| {
        match args.input {
            InputKind::Files => {
                let mut tasks = files.into_iter().map(|i| match i {
                    Input::File { path, rel } => Task::File { path, rel },
                    Input::Stdin => Task::Stdin,
                    Input::Unreadable { path, message } => Task::Failed {
                        path: Some(path.display().to_string()),
                        line: None,
                        kind: "io".into(),
                        message,
                    },
                });
                loop {
                    let chunk: Vec<Task> = tasks.by_ref().take(window).collect();
                    if chunk.is_empty() {
                        break;
                    }
                    process(chunk, &mut stats, &mut sink)?;
                }
            }
            InputKind::Jsonl => {
                let sources: Vec<PathBuf> = if args.inputs.is_empty() {
                    vec![PathBuf::from("-")]
                } else {
                    args.inputs.clone()
                };
                for src in sources {
                    let at = src.display().to_string();
                    let reader: Box<dyn BufRead> = if src.as_os_str() == "-" {
                        Box::new(io::BufReader::new(io::stdin()))
                    } else {
                        match std::fs::File::open(&src) {
                            Ok(f) => Box::new(io::BufReader::new(f)),
                            Err(e) => {
                                process(
                                    vec![Task::Failed {
                                        path: Some(at),
                                        line: None,
                                        kind: "io".into(),
                                        message: walk::io_message(&e),
                                    }],
                                    &mut stats,
                                    &mut sink,
                                )?;
                                continue;
                            }
                        }
                    };
                    let mut lines = reader.lines().enumerate();
                    loop {
                        let mut chunk = Vec::with_capacity(window);
                        for (n, line) in lines.by_ref() {
                            match line {
                                Ok(l) if l.trim().is_empty() => continue,
                                Ok(l) => chunk.push(parse_record(&at, n + 1, &l)),
                                Err(e) => chunk.push(Task::Failed {
                                    path: Some(at.clone()),
                                    line: Some(n + 1),
                                    kind: "encoding".into(),
                                    message: walk::io_message(&e),
                                }),
                            }
                            if chunk.len() == window {
                                break;
                            }
                        }
                        if chunk.is_empty() {
                            break;
                        }
                        process(chunk, &mut stats, &mut sink)?;
                    }
                }
            }
        }
        Ok(())
    })();
    progress.finish_and_clear();

    if let Err(e) = result.and_then(|_| sink.finish()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {}", walk::io_message(&e));
        }
        return ExitCode::from(1);
    }
    if let Some(errors) = errors.take() {
        if let Err(e) = errors.finish() {
            eprintln!(
                "error: cannot write the error file: {}",
                walk::io_message(&e)
            );
            return ExitCode::from(1);
        }
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "{} ok, {} failed, {} skipped; {} measures, {} targets, {} dates; {:.1} MB in {:.1} s ({:.1} MB/s)",
            stats.ok,
            stats.failed,
            stats.skipped,
            stats.measures,
            stats.targets,
            stats.dates,
            stats.bytes as f64 / 1e6,
            secs,
            stats.bytes as f64 / 1e6 / secs.max(1e-3)
        );
    }
    if stats.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Counts for the closing summary.
#[derive(Debug, Default)]
struct Stats {
    ok: usize,
    failed: usize,
    skipped: usize,
    measures: usize,
    targets: usize,
    dates: usize,
    bytes: u64,
}

/// What every worker shares.
struct Ctx<'a> {
    extractor: &'a Extractor,
    options: &'a Options,
    skip_dir: Option<&'a Path>,
}

impl Ctx<'_> {
    fn run(&self, task: Task) -> Outcome {
        match task {
            Task::File { path, rel } => {
                let shown = path.display().to_string();
                if let Some(dir) = self.skip_dir {
                    if is_fresh(&path, &Sink::json_path(dir, &rel)) {
                        return Outcome::Skipped;
                    }
                }
                let bytes = match std::fs::read(&path) {
                    Ok(b) => b,
                    Err(e) => return failed(Some(shown), None, None, "io", &walk::io_message(&e)),
                };
                match self
                    .extractor
                    .extract_bytes_with(&bytes, Some(&path), self.options)
                {
                    Ok(mut doc) => {
                        doc.source.path = Some(shown.clone());
                        Outcome::Done {
                            doc: Box::new(doc),
                            rel,
                            name: shown,
                            bytes: bytes.len() as u64,
                        }
                    }
                    Err(e) => failed(Some(shown), None, None, e.kind_name(), e.message()),
                }
            }
            Task::Stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = io::stdin().lock().read_to_end(&mut bytes) {
                    return failed(Some("-".into()), None, None, "io", &walk::io_message(&e));
                }
                match self
                    .extractor
                    .extract_bytes_with(&bytes, None, self.options)
                {
                    Ok(doc) => Outcome::Done {
                        doc: Box::new(doc),
                        rel: PathBuf::from("stdin"),
                        name: "-".into(),
                        bytes: bytes.len() as u64,
                    },
                    Err(e) => failed(Some("-".into()), None, None, e.kind_name(), e.message()),
                }
            }
            Task::Record {
                at,
                line,
                id,
                text,
                date,
            } => {
                let options = match date {
                    Some(d) if !valid_date(&d) => {
                        return failed(
                            Some(at),
                            id,
                            Some(line),
                            "format",
                            &format!("date {d}: expected YYYY-MM-DD, YYYY-MM or YYYY"),
                        )
                    }
                    Some(d) => Options {
                        document_date: Some(d),
                    },
                    None => self.options.clone(),
                };
                let mut doc = self.extractor.extract_with(&text, &options);
                doc.source.id = id.clone();
                let name = id.clone().unwrap_or_else(|| format!("{at}:{line}"));
                let rel =
                    walk::sanitize(Path::new(id.as_deref().unwrap_or(&format!("line-{line}"))));
                Outcome::Done {
                    doc: Box::new(doc),
                    rel,
                    name,
                    bytes: text.len() as u64,
                }
            }
            Task::Failed {
                path,
                line,
                kind,
                message,
            } => failed(path, None, line, &kind, &message),
        }
    }
}

/// A failed outcome.
fn failed(
    path: Option<String>,
    id: Option<String>,
    line: Option<usize>,
    kind: &str,
    message: &str,
) -> Outcome {
    Outcome::Failed {
        path,
        id,
        line,
        kind: kind.to_string(),
        message: message.to_string(),
    }
}

/// Whether `output` exists and is newer than `input`.
fn is_fresh(input: &Path, output: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(input), modified(output)) {
        (Some(i), Some(o)) => o > i,
        _ => false,
    }
}

/// Parses one line of JSON Lines input.
fn parse_record(at: &str, line: usize, text: &str) -> Task {
    let bad = |message: String| Task::Failed {
        path: Some(at.to_string()),
        line: Some(line),
        kind: "format".into(),
        message,
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return bad(format!("invalid json: {e}")),
    };
    let Some(obj) = value.as_object() else {
        return bad("expected a json object".into());
    };
    let id = match obj.get("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(_) => return bad("id: expected a string or a number".into()),
    };
    let Some(body) = obj.get("text").and_then(|t| t.as_str()) else {
        return bad("text: missing or not a string".into());
    };
    let date = match obj.get("date") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return bad("date: expected a string".into()),
    };
    Task::Record {
        at: at.to_string(),
        line,
        id,
        text: body.to_string(),
        date,
    }
}

/// One error line: `{"path":…,"kind":…,"message":…}`, with `id` and
/// `line` for JSON Lines input.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    kind: &'a str,
    message: &'a str,
}

/// Reports a failed input: a JSON line on stderr and in the error file.
fn report(
    progress: &ProgressBar,
    errors: &mut Option<Sink>,
    path: Option<String>,
    id: Option<String>,
    line: Option<usize>,
    kind: &str,
    message: &str,
) {
    let json = serde_json::to_string(&ErrorLine {
        path: path.as_deref(),
        id: id.as_deref(),
        line,
        kind,
        message,
    })
    .unwrap_or_default();
    progress.suspend(|| {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{json}");
    });
    if let Some(sink) = errors {
        if let Err(e) = sink.write_line(&json) {
            progress.suspend(|| {
                eprintln!(
                    "error: cannot write the error file: {}",
                    walk::io_message(&e)
                )
            });
            *errors = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2024-10-21"));
        assert!(valid_date("2024-10"));
        assert!(valid_date("2024"));
        assert!(!valid_date("2024-13-01"));
        assert!(!valid_date("24-10-21"));
        assert!(!valid_date("2024/10/21"));
    }

    #[test]
    fn records_parse() {
        match parse_record(
            "in",
            1,
            r#"{"id": 7, "text": "通知", "date": "2024-10-21"}"#,
        ) {
            Task::Record { id, text, date, .. } => {
                assert_eq!(
                    (id.as_deref(), text.as_str(), date.as_deref()),
                    (Some("7"), "通知", Some("2024-10-21"))
                )
            }
            _ => panic!("expected a record"),
        }
        assert!(matches!(
            parse_record("in", 2, r#"{"id": "a"}"#),
            Task::Failed { .. }
        ));
        assert!(matches!(
            parse_record("in", 3, "not json"),
            Task::Failed { .. }
        ));
    }
}
