//! Gold annotations (`spec/gold-format.md`): one [`Gold`] per document.

use crate::error::{Error, ErrorKind, Result};
use crate::record::{Baseline, DateKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a careful reader extracts from one document: the yardstick of
/// [`score`](super::score).
///
/// ```
/// use policy_extract::eval::Gold;
///
/// let gold = Gold::from_json(r#"{"doc": "a.txt", "meta": {"title": "通知"}}"#)?;
/// assert_eq!(gold.doc, "a.txt");
/// assert_eq!(gold.meta.title.as_deref(), Some("通知"));
/// assert!(gold.measures.is_empty() && gold.meta.issuer.is_none());
/// # Ok::<(), policy_extract::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// The document's file name (`001_54f2aeee0e1916ab.txt`).
    pub doc: String,
    /// Title, issuer, document number and publication date; `None` where the
    /// document does not state them.
    #[serde(default)]
    pub meta: GoldMeta,
    /// The measures that name at least one non-generic party.
    #[serde(default)]
    pub measures: Vec<GoldMeasure>,
    /// The quantified goals.
    #[serde(default)]
    pub targets: Vec<GoldTarget>,
    /// The time expressions.
    #[serde(default)]
    pub dates: Vec<GoldDate>,
}

/// The gold metadata of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GoldMeta {
    /// The title line, white space removed.
    #[serde(default)]
    pub title: Option<String>,
    /// The issuing body.
    #[serde(default)]
    pub issuer: Option<String>,
    /// The document number (文号), brackets kept.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// ISO date of publication.
    #[serde(default)]
    pub publish_date: Option<String>,
}

/// A gold measure: a key to find it by, and its parties by role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldMeasure {
    /// A verbatim substring (6 to 20 characters) of the measure's start.
    pub key: String,
    /// The measure's own label (`1`, `一`), if numbered.
    #[serde(default)]
    pub number: Option<String>,
    /// Parties that lead.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Parties that cooperate.
    #[serde(default)]
    pub cooperating: Vec<String>,
    /// Parties responsible without a lead/cooperate split.
    #[serde(default)]
    pub responsible: Vec<String>,
}

/// A gold target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTarget {
    /// The shortest verbatim span holding indicator, comparator and value.
    pub text: String,
    /// What is measured.
    #[serde(default)]
    pub indicator: Option<String>,
    /// One of `=`, `>=`, `<=`, `>`, `<`, `~`.
    pub comparator: String,
    /// The number in Arabic digits.
    pub value: f64,
    /// The unit written after the number.
    #[serde(default)]
    pub unit: Option<String>,
    /// The year or ISO date by which it is due.
    #[serde(default)]
    pub deadline: Option<String>,
    /// The base value of an indicator table row.
    #[serde(default)]
    pub baseline: Option<Baseline>,
}

/// A gold time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldDate {
    /// The verbatim span.
    pub text: String,
    /// The ISO 8601 value, `None` when the document does not settle it.
    #[serde(default)]
    pub value: Option<String>,
    /// What the date is for.
    pub kind: DateKind,
}

impl Gold {
    /// Parses a gold file's JSON. Fails with [`ErrorKind::Format`] on JSON
    /// that does not follow the gold format.
    ///
    /// ```
    /// use policy_extract::eval::Gold;
    ///
    /// assert!(Gold::from_json("{}").is_err()); // `doc` is required
    /// ```
    pub fn from_json(json: &str) -> Result<Gold> {
        serde_json::from_str(json).map_err(|e| {
            let line = e.line();
            let err = Error::new(
                ErrorKind::Format("gold".into()),
                e.to_string().to_lowercase(),
            );
            if line > 0 {
                err.with_line(line)
            } else {
                err
            }
        })
    }

    /// Reads and parses the gold file at `path`; errors name the path.
    pub fn load(path: impl AsRef<Path>) -> Result<Gold> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path).map_err(|e| {
            Error::new(ErrorKind::Io(e.kind()), e.to_string().to_lowercase()).with_path(path)
        })?;
        Gold::from_json(&json).map_err(|e| e.with_path(path))
    }
}

/// Reads every `*.gold.json` file of the folder `dir` (not its subfolders),
/// in file-name order. Fails on the first unreadable or malformed file, or if
/// two files name the same `doc`.
///
/// ```
/// use policy_extract::eval::load_gold_dir;
///
/// let gold = load_gold_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/gold"))?;
/// assert_eq!(gold[1].doc, "001_54f2aeee0e1916ab.txt");
/// assert!(load_gold_dir("no/such/folder").is_err());
/// # Ok::<(), policy_extract::Error>(())
/// ```
pub fn load_gold_dir(dir: impl AsRef<Path>) -> Result<Vec<Gold>> {
    let dir = dir.as_ref();
    let io = |e: std::io::Error| {
        Error::new(ErrorKind::Io(e.kind()), e.to_string().to_lowercase()).with_path(dir)
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_gold = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".gold.json"));
        if is_gold && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut out: Vec<Gold> = Vec::with_capacity(paths.len());
    for path in &paths {
        let gold = Gold::load(path)?;
        if out.iter().any(|g| g.doc == gold.doc) {
            return Err(Error::new(
                ErrorKind::Format("gold".into()),
                format!("a second gold file for `{}`", gold.doc),
            )
            .with_path(path));
        }
        out.push(gold);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_gold_files_name_path_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let a = r#"{"doc": "a.txt", "dates": [{"text": "2025年", "value": "2025", "kind": "deadline"}]}"#;
        std::fs::write(dir.path().join("a.txt.gold.json"), a).unwrap();
        std::fs::write(dir.path().join("notes.json"), "not gold").unwrap();
        let gold = load_gold_dir(dir.path()).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].dates[0].kind, DateKind::Deadline);
        // A second file for the same document.
        std::fs::write(dir.path().join("b.txt.gold.json"), a).unwrap();
        let err = load_gold_dir(dir.path()).unwrap_err();
        assert!(err
            .to_string()
            .ends_with("b.txt.gold.json: a second gold file for `a.txt`"));
        // An unknown date kind, on line 3.
        std::fs::write(
            dir.path().join("b.txt.gold.json"),
            "{\"doc\": \"b.txt\",\n\"dates\": [\n{\"text\": \"x\", \"value\": null, \"kind\": \"soon\"}]}",
        )
        .unwrap();
        let err = load_gold_dir(dir.path()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Format("gold".into()));
        assert_eq!(err.line(), Some(3));
        assert!(err.path().unwrap().ends_with("b.txt.gold.json"));
    }
}
