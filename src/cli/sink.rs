//! Where records go: JSON Lines (stdout or a file), one JSON file per input
//! under a folder, or three CSV tables.
//!
//! Every file is written atomically: into a temporary file in the same
//! folder, renamed into place once complete, so an interrupted run never
//! leaves a half-written file under its final name. An output that already
//! exists and is not a regular file (`/dev/null`, a named pipe) is written
//! to directly: renaming over it would replace the device or pipe.

use policy_extract::Document;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A record's destination.
pub enum Sink {
    /// JSON Lines on standard output, flushed after each record.
    Stdout { pretty: bool },
    /// JSON Lines into a file, renamed into place at the end.
    JsonlFile {
        temp: io::BufWriter<Output>,
        path: PathBuf,
        pretty: bool,
    },
    /// One `<rel>.json` per record under `dir`.
    JsonDir {
        dir: PathBuf,
        pretty: bool,
        written: HashSet<PathBuf>,
    },
    /// `measures.csv`, `targets.csv` and `dates.csv` under `dir`.
    Csv(Box<CsvSink>),
}

/// The three CSV tables being written.
pub struct CsvSink {
    dir: PathBuf,
    measures: csv::Writer<NamedTempFile>,
    targets: csv::Writer<NamedTempFile>,
    dates: csv::Writer<NamedTempFile>,
}

/// The CSV file names and their header rows.
pub const CSV_FILES: [(&str, &[&str]); 3] = [
    (
        "measures.csv",
        &[
            "document",
            "number",
            "section",
            "title",
            "lead",
            "cooperating",
            "responsible",
            "measure",
            "start",
            "end",
        ],
    ),
    (
        "targets.csv",
        &[
            "document",
            "measure",
            "indicator",
            "comparator",
            "value",
            "unit",
            "deadline",
            "baseline",
            "attribute",
            "text",
            "start",
            "end",
        ],
    ),
    (
        "dates.csv",
        &[
            "document", "measure", "text", "value", "kind", "start", "end",
        ],
    ),
];

/// Where a JSON Lines file is written.
pub enum Output {
    /// A temporary file, renamed to the final name at the end.
    Temp(NamedTempFile),
    /// An existing device or pipe, written in place.
    Direct(std::fs::File),
}

impl Output {
    /// The output for `path`: direct for an existing file that is not a
    /// regular file, else a temporary file beside it.
    fn for_path(path: &Path) -> io::Result<Output> {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() && !m.is_dir() => Ok(Output::Direct(
                std::fs::OpenOptions::new().write(true).open(path)?,
            )),
            _ => temp_in(parent_of(path)).map(Output::Temp),
        }
    }

    /// Puts the written file under `path` (a rename for a temporary file).
    fn finish(self, path: &Path) -> io::Result<()> {
        match self {
            Output::Temp(temp) => temp.persist(path).map(drop).map_err(|e| e.error),
            Output::Direct(mut file) => file.flush(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Temp(t) => t.write(buf),
            Output::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Temp(t) => t.flush(),
            Output::Direct(f) => f.flush(),
        }
    }
}

/// A temporary file in `dir`, hidden, for an atomic write.
/// On Unix the file gets mode 0666 less the umask, as a plain `File::create`
/// would, rather than tempfile's private 0600.
fn temp_in(dir: &Path) -> io::Result<NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".policy-extract-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// The folder of `path`, `.` for a bare file name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes the JSON text of a record and a line end to `out`, streaming:
/// no copy of the whole text is held in memory.
fn write_json<W: Write>(mut out: W, doc: &Document, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut out, doc)?;
    } else {
        serde_json::to_writer(&mut out, doc)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// Bytes buffered before a write call: a 10 MB input's record (7 MB of
/// JSON) takes about a hundred writes instead of nearly a thousand.
const WRITE_BUFFER: usize = 64 * 1024;

impl Sink {
    /// JSON Lines to standard output.
    pub fn stdout(pretty: bool) -> Sink {
        Sink::Stdout { pretty }
    }

    /// JSON Lines into the file `path`.
    pub fn jsonl_file(path: &Path, pretty: bool) -> io::Result<Sink> {
        Ok(Sink::JsonlFile {
            temp: io::BufWriter::with_capacity(WRITE_BUFFER, Output::for_path(path)?),
            path: path.to_path_buf(),
            pretty,
        })
    }

    /// The `--errors` file: JSON Lines of errors, renamed into place at the end.
    pub fn jsonl_errors(path: &Path) -> io::Result<Sink> {
        Sink::jsonl_file(path, false)
    }

    /// Appends a line to a JSON Lines file sink (the `--errors` file).
    pub fn write_line(&mut self, line: &str) -> io::Result<()> {
        match self {
            Sink::JsonlFile { temp, .. } => {
                temp.write_all(line.as_bytes())?;
                temp.write_all(b"\n")
            }
            _ => Ok(()),
        }
    }

    /// One JSON file per record under `dir` (created if missing).
    pub fn json_dir(dir: &Path, pretty: bool) -> io::Result<Sink> {
        std::fs::create_dir_all(dir)?;
        Ok(Sink::JsonDir {
            dir: dir.to_path_buf(),
            pretty,
            written: HashSet::new(),
        })
    }

    /// The CSV tables under `dir` (created if missing), UTF-8 with a BOM so
    /// that spreadsheet programs read the Chinese text right.
    pub fn csv_dir(dir: &Path) -> io::Result<Sink> {
        std::fs::create_dir_all(dir)?;
        let open = |header: &[&str]| -> io::Result<csv::Writer<NamedTempFile>> {
            let mut f = temp_in(dir)?;
            f.write_all(b"\xef\xbb\xbf")?;
            let mut w = csv::Writer::from_writer(f);
            w.write_record(header)?;
            Ok(w)
        };
        Ok(Sink::Csv(Box::new(CsvSink {
            dir: dir.to_path_buf(),
            measures: open(CSV_FILES[0].1)?,
            targets: open(CSV_FILES[1].1)?,
            dates: open(CSV_FILES[2].1)?,
        })))
    }

    /// Where the record of the input at `rel` goes, for a folder sink.
    pub fn json_path(dir: &Path, rel: &Path) -> PathBuf {
        let mut name = rel.as_os_str().to_os_string();
        if name.is_empty() {
            name = "document".into();
        }
        name.push(".json");
        dir.join(name)
    }

    /// Writes one record. `rel` names it under an output folder; `name` is
    /// the document column of the CSV tables. An error is about this record
    /// only for a folder sink, and fatal otherwise.
    pub fn write(&mut self, doc: &Document, rel: &Path, name: &str) -> io::Result<()> {
        match self {
            Sink::Stdout { pretty } => write_json(
                io::BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock()),
                doc,
                *pretty,
            ),
            Sink::JsonlFile { temp, pretty, .. } => write_json(temp, doc, *pretty),
            Sink::JsonDir {
                dir,
                pretty,
                written,
            } => {
                let path = Sink::json_path(dir, rel);
                if !written.insert(path.clone()) {
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!(
                            "output {} is already written for another input",
                            path.display()
                        ),
                    ));
                }
                let folder = parent_of(&path);
                std::fs::create_dir_all(folder)?;
                let mut temp = temp_in(folder)?;
                write_json(
                    io::BufWriter::with_capacity(WRITE_BUFFER, &mut temp),
                    doc,
                    *pretty,
                )?;
                temp.persist(&path).map_err(|e| e.error)?;
                Ok(())
            }
            Sink::Csv(c) => c.write(doc, name),
        }
    }

    /// Finishes: renames the temporary files into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout { .. } | Sink::JsonDir { .. } => Ok(()),
            Sink::JsonlFile { temp, path, .. } => {
                let out = temp.into_inner().map_err(|e| e.into_error())?;
                out.finish(&path)
            }
            Sink::Csv(c) => {
                let CsvSink {
                    dir,
                    measures,
                    targets,
                    dates,
                } = *c;
                for (w, (name, _)) in [measures, targets, dates].into_iter().zip(CSV_FILES) {
                    let temp = w.into_inner().map_err(|e| e.into_error())?;
                    temp.persist(dir.join(name)).map_err(|e| e.error)?;
                }
                Ok(())
            }
        }
    }
}

/// Party names joined for one CSV cell.
fn names(parties: &[policy_extract::Party]) -> String {
    parties
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A number as written in CSV: `90`, `7.34`.
fn num(v: f64) -> String {
    format!("{v}")
}

impl CsvSink {
    fn write(&mut self, doc: &Document, name: &str) -> io::Result<()> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        for m in &doc.measures {
            let section = m
                .section
                .and_then(|s| doc.sections.get(s))
                .map(|s| {
                    if s.label.is_empty() {
                        s.heading.clone()
                    } else {
                        format!("{} {}", s.label, s.heading)
                    }
                })
                .unwrap_or_default();
            self.measures.write_record([
                name,
                &opt(&m.number),
                &section,
                &m.title,
                &names(&m.lead),
                &names(&m.cooperating),
                &names(&m.responsible),
                &m.id.to_string(),
                &m.span.start.to_string(),
                &m.span.end.to_string(),
            ])?;
        }
        for t in &doc.targets {
            let baseline = t
                .baseline
                .as_ref()
                .map(|b| match &b.year {
                    Some(y) => format!("{} ({y})", num(b.value)),
                    None => num(b.value),
                })
                .unwrap_or_default();
            self.targets.write_record([
                name,
                &t.measure.map(|m| m.to_string()).unwrap_or_default(),
                &opt(&t.indicator),
                &t.comparator,
                &num(t.value),
                &opt(&t.unit),
                &opt(&t.deadline),
                &baseline,
                &opt(&t.attribute),
                &t.text,
                &t.span.start.to_string(),
                &t.span.end.to_string(),
            ])?;
        }
        let date_measure: HashMap<usize, usize> = doc
            .measures
            .iter()
            .flat_map(|m| m.dates.iter().map(move |d| (*d, m.id)))
            .collect();
        for (i, d) in doc.dates.iter().enumerate() {
            self.dates.write_record([
                name,
                &date_measure
                    .get(&i)
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                &d.text,
                &opt(&d.value),
                d.kind.as_str(),
                &d.span.start.to_string(),
                &d.span.end.to_string(),
            ])?;
        }
        Ok(())
    }
}
