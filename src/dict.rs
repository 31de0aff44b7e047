//! Dictionaries and rule data: plain-text files under `dicts/`, embedded at
//! build time with `include_str!`, plus whatever the caller adds at run time.
//!
//! Every file is UTF-8, one entry a line, fields separated by tabs, `#`
//! starting a comment line. A bad line is an [`Error`] naming the file and
//! line (`dicts/roles/lead.txt:12: empty entry`), never a panic.

use crate::error::{Error, ErrorKind, Result};
use std::io::Read;
use std::sync::LazyLock;

/// Which dictionary a file feeds. Each kind has an embedded default file.
///
/// ```
/// use policy_extract::dict::DictKind;
///
/// assert_eq!(DictKind::Departments.embedded_path(), "dicts/parties/departments.txt");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DictKind {
    /// jieba user dictionary: `word [freq] [tag]` (space-separated, jieba's format).
    Jieba,
    /// `canonical<TAB>alias<TAB>alias...`: department names and their aliases.
    Departments,
    /// Generic parties (有关部门, 各区人民政府): one a line.
    GenericParties,
    /// Words that mark a leading party (牵头, 主办): one a line.
    Lead,
    /// Words that mark a cooperating party (配合, 参与): one a line.
    Cooperate,
    /// Words that mark a responsible party (负责, 责任单位): one a line.
    Responsible,
    /// `phrase<TAB>comparator`: comparator wording (不低于 `>=`).
    Comparators,
    /// Units of measure (个, 万人, 亿元): one a line.
    Units,
    /// `name<TAB>start/end`: five-year plans (十四五 `2021/2025`).
    Plans,
    /// Web-page lines to drop (打印本页, 浏览量): one a line, matched as a prefix.
    Boilerplate,
    /// `word<TAB>classes`: words that tell a target from a report around a
    /// number (截至 `past`, 力争 `future`, 补贴 `policy`; see `dicts/README.md`).
    TargetCues,
}

impl DictKind {
    /// Every kind, in a fixed order.
    pub const ALL: [DictKind; 11] = [
        DictKind::Jieba,
        DictKind::Departments,
        DictKind::GenericParties,
        DictKind::Lead,
        DictKind::Cooperate,
        DictKind::Responsible,
        DictKind::Comparators,
        DictKind::Units,
        DictKind::Plans,
        DictKind::Boilerplate,
        DictKind::TargetCues,
    ];

    /// The kind's short name, as the command line's `--dict NAME=FILE`
    /// takes it.
    ///
    /// ```
    /// use policy_extract::dict::DictKind;
    ///
    /// assert_eq!(DictKind::TargetCues.name(), "cues");
    /// assert_eq!(DictKind::from_name("cues"), Some(DictKind::TargetCues));
    /// assert!(DictKind::ALL.iter().all(|k| DictKind::from_name(k.name()) == Some(*k)));
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            DictKind::Jieba => "jieba",
            DictKind::Departments => "departments",
            DictKind::GenericParties => "generic",
            DictKind::Lead => "lead",
            DictKind::Cooperate => "cooperate",
            DictKind::Responsible => "responsible",
            DictKind::Comparators => "comparators",
            DictKind::Units => "units",
            DictKind::Plans => "plans",
            DictKind::Boilerplate => "boilerplate",
            DictKind::TargetCues => "cues",
        }
    }

    /// The kind named `name` (see [`name`](DictKind::name)).
    pub fn from_name(name: &str) -> Option<DictKind> {
        DictKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Path of the embedded file, relative to the crate root.
    pub fn embedded_path(&self) -> &'static str {
        match self {
            DictKind::Jieba => "dicts/jieba/user.txt",
            DictKind::Departments => "dicts/parties/departments.txt",
            DictKind::GenericParties => "dicts/parties/generic.txt",
            DictKind::Lead => "dicts/roles/lead.txt",
            DictKind::Cooperate => "dicts/roles/cooperate.txt",
            DictKind::Responsible => "dicts/roles/responsible.txt",
            DictKind::Comparators => "dicts/targets/comparators.tsv",
            DictKind::Units => "dicts/targets/units.txt",
            DictKind::Plans => "dicts/dates/plans.tsv",
            DictKind::Boilerplate => "dicts/structure/boilerplate.txt",
            DictKind::TargetCues => "dicts/targets/cues.tsv",
        }
    }

    /// Contents of the embedded file.
    pub fn embedded_text(&self) -> &'static str {
        match self {
            DictKind::Jieba => include_str!("../dicts/jieba/user.txt"),
            DictKind::Departments => include_str!("../dicts/parties/departments.txt"),
            DictKind::GenericParties => include_str!("../dicts/parties/generic.txt"),
            DictKind::Lead => include_str!("../dicts/roles/lead.txt"),
            DictKind::Cooperate => include_str!("../dicts/roles/cooperate.txt"),
            DictKind::Responsible => include_str!("../dicts/roles/responsible.txt"),
            DictKind::Comparators => include_str!("../dicts/targets/comparators.tsv"),
            DictKind::Units => include_str!("../dicts/targets/units.txt"),
            DictKind::Plans => include_str!("../dicts/dates/plans.tsv"),
            DictKind::Boilerplate => include_str!("../dicts/structure/boilerplate.txt"),
            DictKind::TargetCues => include_str!("../dicts/targets/cues.tsv"),
        }
    }

    /// Number of tab-separated fields a line must have: `(min, max)`.
    fn fields(&self) -> (usize, usize) {
        match self {
            DictKind::Departments => (1, usize::MAX),
            DictKind::Comparators | DictKind::Plans | DictKind::TargetCues => (2, 2),
            _ => (1, 1),
        }
    }
}

/// The classes of a [`DictKind::TargetCues`] entry (see `dicts/README.md`).
pub const TARGET_CUE_CLASSES: [&str; 14] = [
    "past",
    "future",
    "from",
    "policy",
    "stop",
    "adverb",
    "negation",
    "pastsection",
    "goalsection",
    "object",
    "growth",
    "notunit",
    "afterskip",
    "zero",
];

/// A department: its canonical name and the other names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// The name a party is reported under.
    pub canonical: String,
    /// Abbreviations and older names.
    pub aliases: Vec<String>,
}

/// A jieba user-dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JiebaWord {
    /// The word.
    pub word: String,
    /// Its frequency, if given.
    pub freq: Option<usize>,
    /// Its part-of-speech tag, if given.
    pub tag: Option<String>,
}

/// All dictionary data an [`Extractor`](crate::Extractor) uses.
///
/// ```
/// use policy_extract::dict::Dicts;
///
/// let d = Dicts::embedded();
/// assert!(d.lead.iter().any(|w| w == "牵头"));
/// assert!(Dicts::empty().lead.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dicts {
    /// jieba user words.
    pub jieba: Vec<JiebaWord>,
    /// Departments and aliases.
    pub departments: Vec<Department>,
    /// Generic parties.
    pub generic_parties: Vec<String>,
    /// Lead markers.
    pub lead: Vec<String>,
    /// Cooperation markers.
    pub cooperate: Vec<String>,
    /// Responsibility markers.
    pub responsible: Vec<String>,
    /// Comparator phrases and their comparator.
    pub comparators: Vec<(String, String)>,
    /// Units.
    pub units: Vec<String>,
    /// Five-year plan names and their period.
    pub plans: Vec<(String, String)>,
    /// Boilerplate line prefixes.
    pub boilerplate: Vec<String>,
    /// Target cue words and their comma-separated classes.
    pub target_cues: Vec<(String, String)>,
}

static EMBEDDED: LazyLock<Dicts> = LazyLock::new(|| {
    let mut d = Dicts::empty();
    for kind in DictKind::ALL {
        // The embedded files are checked by the tests below; a parse error
        // here would be a build defect, so fall back to skipping the file.
        let _ = d.add_str(kind, kind.embedded_text(), kind.embedded_path());
    }
    d
});

impl Dicts {
    /// No entries at all.
    pub fn empty() -> Dicts {
        Dicts::default()
    }

    /// The embedded defaults (parsed once per process, then cloned).
    pub fn embedded() -> Dicts {
        EMBEDDED.clone()
    }

    /// A shared reference to the embedded defaults.
    pub(crate) fn embedded_ref() -> &'static Dicts {
        &EMBEDDED
    }

    /// Adds the entries of `reader` (a file in the format of `kind`); `origin`
    /// names it in errors.
    pub fn add_reader<R: Read>(
        &mut self,
        kind: DictKind,
        mut reader: R,
        origin: &str,
    ) -> Result<()> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| Error::io(&e, Some(origin.as_ref())))?;
        self.add_str(kind, &text, origin)
    }

    /// Adds the entries of `text` (a file in the format of `kind`); `origin`
    /// names it in errors.
    ///
    /// ```
    /// use policy_extract::dict::{DictKind, Dicts};
    ///
    /// let mut d = Dicts::empty();
    /// d.add_str(DictKind::Plans, "十四五\t2021/2025\n", "plans.tsv").unwrap();
    /// let err = d.add_str(DictKind::Plans, "# ok\n十五五\n", "plans.tsv").unwrap_err();
    /// assert_eq!(err.to_string(), "plans.tsv:2: expected 2 tab-separated fields, found 1");
    /// ```
    pub fn add_str(&mut self, kind: DictKind, text: &str, origin: &str) -> Result<()> {
        let rows = parse(kind, text, origin)?;
        for (line, fields) in rows {
            let mut it = fields.into_iter();
            let first = it.next().unwrap_or_default();
            match kind {
                DictKind::Jieba => {
                    let mut parts = first.split_whitespace();
                    let word = parts.next().unwrap_or_default().to_string();
                    let freq = parts.next().and_then(|f| f.parse().ok());
                    let tag = parts.next().map(str::to_string);
                    self.jieba.push(JiebaWord { word, freq, tag });
                }
                DictKind::Departments => self.departments.push(Department {
                    canonical: first,
                    aliases: it.collect(),
                }),
                DictKind::GenericParties => self.generic_parties.push(first),
                DictKind::Lead => self.lead.push(first),
                DictKind::Cooperate => self.cooperate.push(first),
                DictKind::Responsible => self.responsible.push(first),
                DictKind::Comparators => self
                    .comparators
                    .push((first, it.next().unwrap_or_default())),
                DictKind::Units => self.units.push(first),
                DictKind::Plans => self.plans.push((first, it.next().unwrap_or_default())),
                DictKind::Boilerplate => self.boilerplate.push(first),
                DictKind::TargetCues => {
                    let classes = it.next().unwrap_or_default();
                    if let Some(bad) = classes
                        .split(',')
                        .find(|c| !TARGET_CUE_CLASSES.contains(&c.trim()))
                    {
                        let msg = format!(
                            "{origin}:{line}: unknown target cue class `{bad}` (known: {})",
                            TARGET_CUE_CLASSES.join(", ")
                        );
                        return Err(Error::new(ErrorKind::Dict(msg.clone()), msg));
                    }
                    self.target_cues.push((first, classes));
                }
            }
        }
        Ok(())
    }
}

/// Parses the lines of a dictionary file: `(line number, fields)` for each
/// entry, comments and blank lines skipped.
pub(crate) fn parse(kind: DictKind, text: &str, origin: &str) -> Result<Vec<(usize, Vec<String>)>> {
    let (min, max) = kind.fields();
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let err = |msg: String| {
            Err(Error::new(ErrorKind::Dict(msg.clone()), msg)
                .with_path(origin)
                .with_line(line_no))
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
        if fields.iter().any(|f| f.is_empty()) {
            return err("empty entry".to_string());
        }
        if fields.len() < min || fields.len() > max {
            return err(format!(
                "expected {min} tab-separated field{}, found {}",
                if min == 1 { "" } else { "s" },
                fields.len()
            ));
        }
        rows.push((line_no, fields));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse_sorted_without_duplicates() {
        for kind in DictKind::ALL {
            let rows = parse(kind, kind.embedded_text(), kind.embedded_path())
                .unwrap_or_else(|e| panic!("{e}"));
            let keys: Vec<&str> = rows.iter().map(|(_, f)| f[0].as_str()).collect();
            for w in keys.windows(2) {
                assert!(
                    w[0] < w[1],
                    "{}: `{}` and `{}` are unsorted or duplicated (keep the file sorted, LC_ALL=C sort)",
                    kind.embedded_path(),
                    w[0],
                    w[1]
                );
            }
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut d = Dicts::empty();
        let e = d
            .add_str(DictKind::Lead, "牵头\n主办\t\n", "lead.txt")
            .unwrap_err();
        assert_eq!(e.to_string(), "lead.txt:2: empty entry");
        assert_eq!(e.line(), Some(2));
        let e = d
            .add_str(DictKind::Lead, "牵头\t主办\n", "lead.txt")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "lead.txt:1: expected 1 tab-separated field, found 2"
        );
    }

    #[test]
    fn embedded_has_every_kind() {
        let d = Dicts::embedded();
        assert!(!d.departments.is_empty());
        assert!(!d.cooperate.is_empty());
        assert!(!d.plans.is_empty());
        assert!(!d.comparators.is_empty());
    }
}
