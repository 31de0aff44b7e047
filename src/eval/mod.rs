//! Scoring records against gold annotations (`spec/gold-format.md`):
//! precision, recall and F1 per field, micro-averaged over documents.
//!
//! [`score`] compares one [`Document`] with its [`Gold`]; a [`Report`] adds
//! up documents and renders the table (`policy-extract eval` prints it, and
//! `tests/corpus.rs` asserts floors on it).
//!
//! ```
//! use policy_extract::{eval::{Field, Gold, Report}, Extractor};
//!
//! let gold = Gold::from_json(r#"{"doc": "a.txt", "meta": {"doc_number": "国发〔2019〕3号"}}"#)?;
//! let record = Extractor::new().extract("国发〔2019〕3号");
//! let mut report = Report::new();
//! report.add(&gold, &record);
//! let counts = report.summary()[&Field::MetaDocNumber];
//! assert_eq!(counts.tp + counts.fn_, 1); // one gold value, found or missed
//! # Ok::<(), policy_extract::Error>(())
//! ```
//!
//! # Matching rules
//!
//! Texts are compared after [`fold`] (white space removed, full-width ASCII
//! to half-width). Each field counts true positives (tp), false positives
//! (fp) and false negatives (fn); precision is tp/(tp+fp), recall
//! tp/(tp+fn), F1 their harmonic mean. An empty denominator gives 1 (nothing
//! claimed is nothing wrong; nothing to find is nothing missed), so a field
//! with neither gold nor record items scores 1 and one with gold items but
//! no record items scores P 1, R 0, F1 0.
//!
//! - `meta.title`, `meta.issuer`, `meta.doc_number`, `meta.publish_date`:
//!   equal after folding is a tp; gold `null` with record `null` is not
//!   counted; a gold value with a record `null` is a fn, a record value with
//!   a gold `null` a fp, and two different values a fp and a fn.
//! - `measures.aligned`: a gold measure aligns with the shortest record
//!   measure whose folded `text` contains its folded `key` (the first such
//!   measure on a tie); several gold measures may align with the same record
//!   measure. tp = gold measures aligned, fn = gold measures not aligned,
//!   fp = record measures naming at least one non-generic party that no gold
//!   measure aligned with (gold lists only measures that name a party).
//! - `parties.role`: the triples (gold measure, role, folded name) against
//!   the (role, folded name) pairs of the aligned record measure; record
//!   parties flagged `generic` are ignored, duplicates count once. A gold
//!   triple is a tp if its aligned record measure has the pair, else a fn (all
//!   triples of an unaligned gold measure are fns). A record pair is a fp if
//!   no gold measure aligned with its measure has it (so every party of a
//!   record measure that no gold measure aligned with is a fp).
//! - `parties.any_role`: the same with names alone, roles ignored.
//! - `targets.lenient`: a record target matches a gold target with the same
//!   `value` (relative difference below 1e-6), the same folded `unit` (`null`
//!   equals `null`), and either overlapping text ([`text_overlap`]: one
//!   folded text contains the other, or they share a substring covering at
//!   least half of the shorter) or similar indicators (character-bigram
//!   [`dice`] ≥ 0.4). Pairs are taken best first (text overlap plus
//!   indicator Dice, then gold order, then record order), one to one.
//!   tp = matched pairs, fn = unmatched gold, fp = unmatched record targets.
//! - `targets.strict`: the same matching, where a pair also needs the same
//!   `comparator`, the same folded `deadline`, the same `baseline` (value as
//!   above and folded year; `null` equals `null`) and a near-identical
//!   indicator: equal after folding or Dice ≥ 0.8 (both `null` also passes).
//!   Dice ≥ 0.8 rather than equality forgives one stray character at
//!   either end of an indicator of four characters or more (`人均预期寿命`
//!   against `人均预期寿命岁`: 2·5/(5+6) = 0.91) or a short lead-in
//!   (`其中,市办及以上公立医院`: 0.84), not a different indicator.
//! - `dates.value`: a record date matches a gold date with the same `value`
//!   (`null` equals `null`) and equal or overlapping text
//!   ([`text_overlap`]), best first, one to one.
//! - `dates.kind`: the same matching, where a pair also needs the same
//!   `kind`.
//!
//! The summary adds the counts of all documents (micro-average) before
//! computing P, R and F1.

mod gold;
mod text;

pub use gold::{load_gold_dir, Gold, GoldDate, GoldMeasure, GoldMeta, GoldTarget};
pub use text::{dice, fold, text_overlap};

use crate::extractor::Extractor;
use crate::record::{Baseline, DateMention, Document, Measure, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Indicator Dice at or above which two targets of equal value and unit
/// match leniently without overlapping text.
pub const LENIENT_INDICATOR_DICE: f64 = 0.4;

/// Indicator Dice at or above which a lenient target pair also passes the
/// strict indicator test.
pub const STRICT_INDICATOR_DICE: f64 = 0.8;

/// A scored field.
///
/// ```
/// use policy_extract::eval::Field;
///
/// assert_eq!(Field::TargetsLenient.name(), "targets.lenient");
/// assert_eq!(Field::from_name("dates.kind"), Some(Field::DatesKind));
/// assert_eq!(Field::ALL.len(), 11);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `meta.title`.
    MetaTitle,
    /// `meta.issuer`.
    MetaIssuer,
    /// `meta.doc_number`.
    MetaDocNumber,
    /// `meta.publish_date`.
    MetaPublishDate,
    /// `measures.aligned`: gold measures found in the record.
    MeasuresAligned,
    /// `parties.role`: (measure, role, party) triples.
    PartiesRole,
    /// `parties.any_role`: (measure, party) pairs, role ignored.
    PartiesAnyRole,
    /// `targets.lenient`: value, unit and text or indicator.
    TargetsLenient,
    /// `targets.strict`: also comparator, deadline, indicator, baseline.
    TargetsStrict,
    /// `dates.value`: value and text.
    DatesValue,
    /// `dates.kind`: also the kind.
    DatesKind,
}

impl Field {
    /// Every field, in the order of the score table.
    pub const ALL: [Field; 11] = [
        Field::MetaTitle,
        Field::MetaIssuer,
        Field::MetaDocNumber,
        Field::MetaPublishDate,
        Field::MeasuresAligned,
        Field::PartiesRole,
        Field::PartiesAnyRole,
        Field::TargetsLenient,
        Field::TargetsStrict,
        Field::DatesValue,
        Field::DatesKind,
    ];

    /// The dotted name used in tables and JSON: `parties.role`.
    pub fn name(self) -> &'static str {
        match self {
            Field::MetaTitle => "meta.title",
            Field::MetaIssuer => "meta.issuer",
            Field::MetaDocNumber => "meta.doc_number",
            Field::MetaPublishDate => "meta.publish_date",
            Field::MeasuresAligned => "measures.aligned",
            Field::PartiesRole => "parties.role",
            Field::PartiesAnyRole => "parties.any_role",
            Field::TargetsLenient => "targets.lenient",
            Field::TargetsStrict => "targets.strict",
            Field::DatesValue => "dates.value",
            Field::DatesKind => "dates.kind",
        }
    }

    /// The field of a dotted name, or `None` for an unknown name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// True positives, false positives and false negatives of one field.
///
/// ```
/// use policy_extract::eval::Counts;
///
/// let c = Counts { tp: 3, fp: 1, fn_: 2 };
/// assert_eq!(c.precision(), 0.75);
/// assert_eq!(c.recall(), 0.6);
/// assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12); // 2·0.75·0.6 / 1.35
/// assert_eq!(Counts::default().f1(), 1.0); // nothing to find, nothing claimed
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Record items that match a gold item.
    pub tp: usize,
    /// Record items that match no gold item.
    pub fp: usize,
    /// Gold items that no record item matches.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), or 1 when nothing was claimed.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), or 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// The counts of one field in one document, with what was missed and what
/// was extra, described for humans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldScore {
    /// The counts.
    pub counts: Counts,
    /// The gold items no record item matched (one per fn).
    pub misses: Vec<String>,
    /// The record items that matched no gold item (one per fp).
    pub extras: Vec<String>,
}

impl FieldScore {
    fn hit(&mut self) {
        self.counts.tp += 1;
    }

    fn miss(&mut self, what: String) {
        self.counts.fn_ += 1;
        self.misses.push(what);
    }

    fn extra(&mut self, what: String) {
        self.counts.fp += 1;
        self.extras.push(what);
    }
}

/// The scores of one document, one [`FieldScore`] per [`Field`].
#[derive(Debug, Clone, PartialEq)]
pub struct DocScore {
    /// The document's name (the gold file's `doc`).
    pub doc: String,
    /// Every field of [`Field::ALL`].
    pub fields: BTreeMap<Field, FieldScore>,
}

impl DocScore {
    /// The score of `field`.
    pub fn field(&self, field: Field) -> &FieldScore {
        &self.fields[&field]
    }

    fn field_mut(&mut self, field: Field) -> &mut FieldScore {
        self.fields.entry(field).or_default()
    }
}

/// Scores one record against its gold annotation (see the module docs for
/// the matching rules).
///
/// ```
/// use policy_extract::{eval::{score, Field, Gold}, Document};
///
/// let gold = Gold::from_json(r#"{"doc": "a.txt", "meta": {"issuer": "国务院"}}"#)?;
/// let s = score(&gold, &Document::default());
/// assert_eq!(s.field(Field::MetaIssuer).counts.fn_, 1);
/// assert_eq!(s.field(Field::MetaIssuer).misses, ["国务院"]);
/// # Ok::<(), policy_extract::Error>(())
/// ```
pub fn score(gold: &Gold, record: &Document) -> DocScore {
    let mut s = DocScore {
        doc: gold.doc.clone(),
        fields: Field::ALL
            .into_iter()
            .map(|f| (f, FieldScore::default()))
            .collect(),
    };
    let (g, r) = (&gold.meta, &record.meta);
    score_meta(s.field_mut(Field::MetaTitle), &g.title, &r.title);
    score_meta(s.field_mut(Field::MetaIssuer), &g.issuer, &r.issuer);
    score_meta(
        s.field_mut(Field::MetaDocNumber),
        &g.doc_number,
        &r.doc_number,
    );
    score_meta(
        s.field_mut(Field::MetaPublishDate),
        &g.publish_date,
        &r.publish_date,
    );
    score_measures(&mut s, &gold.measures, &record.measures);
    score_targets(&mut s, &gold.targets, &record.targets);
    score_dates(&mut s, &gold.dates, &record.dates);
    s
}

/// A folded, non-empty value.
fn folded(value: Option<&str>) -> Option<String> {
    value.map(fold).filter(|v| !v.is_empty())
}

fn score_meta(field: &mut FieldScore, gold: &Option<String>, record: &Option<String>) {
    match (folded(gold.as_deref()), folded(record.as_deref())) {
        (None, None) => {}
        (Some(_), None) => field.miss(gold.clone().unwrap_or_default()),
        (None, Some(_)) => field.extra(record.clone().unwrap_or_default()),
        (Some(g), Some(r)) if g == r => field.hit(),
        (Some(_), Some(_)) => {
            field.miss(gold.clone().unwrap_or_default());
            field.extra(record.clone().unwrap_or_default());
        }
    }
}

/// For each gold measure, the record measure it aligns with.
fn align(gold: &[GoldMeasure], record: &[Measure]) -> Vec<Option<usize>> {
    let texts: Vec<(String, usize)> = record
        .iter()
        .map(|m| {
            let t = fold(&m.text);
            let n = t.chars().count();
            (t, n)
        })
        .collect();
    gold.iter()
        .map(|g| {
            let key = fold(&g.key);
            if key.is_empty() {
                return None;
            }
            texts
                .iter()
                .enumerate()
                .filter(|(_, (t, _))| t.contains(&key))
                .min_by_key(|(i, (_, n))| (*n, *i))
                .map(|(i, _)| i)
        })
        .collect()
}

/// The (role, folded name) pairs of a gold measure.
fn gold_pairs(m: &GoldMeasure) -> BTreeSet<(&'static str, String)> {
    [
        ("lead", &m.lead),
        ("cooperating", &m.cooperating),
        ("responsible", &m.responsible),
    ]
    .into_iter()
    .flat_map(|(role, names)| names.iter().map(move |n| (role, fold(n))))
    .filter(|(_, n)| !n.is_empty())
    .collect()
}

/// The (role, folded name) pairs of the non-generic parties of a record measure.
fn record_pairs(m: &Measure) -> BTreeSet<(&'static str, String)> {
    [
        ("lead", &m.lead),
        ("cooperating", &m.cooperating),
        ("responsible", &m.responsible),
    ]
    .into_iter()
    .flat_map(|(role, parties)| {
        parties
            .iter()
            .filter(|p| !p.generic)
            .map(move |p| (role, fold(&p.name)))
    })
    .filter(|(_, n)| !n.is_empty())
    .collect()
}

fn names(pairs: &BTreeSet<(&'static str, String)>) -> BTreeSet<String> {
    pairs.iter().map(|(_, n)| n.clone()).collect()
}

/// A short label of a record measure for the lists of extras.
fn measure_label(m: &Measure) -> String {
    let head = if m.title.trim().is_empty() {
        &m.text
    } else {
        &m.title
    };
    let head: String = fold(head).chars().take(20).collect();
    match &m.number {
        Some(n) => format!("#{} {head}", n),
        None => head,
    }
}

fn score_measures(s: &mut DocScore, gold: &[GoldMeasure], record: &[Measure]) {
    let aligned = align(gold, record);
    let mut by_record: Vec<Vec<usize>> = vec![Vec::new(); record.len()];
    for (gi, a) in aligned.iter().enumerate() {
        if let Some(ri) = a {
            by_record[*ri].push(gi);
        }
    }
    let gold_sets: Vec<_> = gold.iter().map(gold_pairs).collect();
    let record_sets: Vec<_> = record.iter().map(record_pairs).collect();

    let field = s.field_mut(Field::MeasuresAligned);
    for (g, a) in gold.iter().zip(&aligned) {
        match a {
            Some(_) => field.hit(),
            None => field.miss(g.key.clone()),
        }
    }
    for (ri, m) in record.iter().enumerate() {
        if by_record[ri].is_empty() && !record_sets[ri].is_empty() {
            field.extra(measure_label(m));
        }
    }

    // parties.role: gold triples, then record pairs not claimed by an aligned gold measure.
    let field = s.field_mut(Field::PartiesRole);
    for (gi, g) in gold.iter().enumerate() {
        let found = aligned[gi].map(|ri| &record_sets[ri]);
        for pair in &gold_sets[gi] {
            if found.is_some_and(|r| r.contains(pair)) {
                field.hit();
            } else {
                field.miss(format!("{}: {} {}", g.key, pair.0, pair.1));
            }
        }
    }
    for (ri, m) in record.iter().enumerate() {
        let claimed: BTreeSet<&(&str, String)> = by_record[ri]
            .iter()
            .flat_map(|gi| &gold_sets[*gi])
            .collect();
        for pair in &record_sets[ri] {
            if !claimed.contains(pair) {
                field.extra(format!("{}: {} {}", measure_label(m), pair.0, pair.1));
            }
        }
    }

    // parties.any_role: the same with names alone.
    let field = s.field_mut(Field::PartiesAnyRole);
    for (gi, g) in gold.iter().enumerate() {
        let found = aligned[gi].map(|ri| names(&record_sets[ri]));
        for name in names(&gold_sets[gi]) {
            if found.as_ref().is_some_and(|r| r.contains(&name)) {
                field.hit();
            } else {
                field.miss(format!("{}: {name}", g.key));
            }
        }
    }
    for (ri, m) in record.iter().enumerate() {
        let claimed: BTreeSet<String> = by_record[ri]
            .iter()
            .flat_map(|gi| names(&gold_sets[*gi]))
            .collect();
        for name in names(&record_sets[ri]) {
            if !claimed.contains(&name) {
                field.extra(format!("{}: {name}", measure_label(m)));
            }
        }
    }
}

/// Equal numbers: relative difference below 1e-6.
fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() < 1e-6 * a.abs().max(b.abs())
}

/// Equal after folding, `None` (or empty) equal to `None`.
fn same_text(a: Option<&str>, b: Option<&str>) -> bool {
    folded(a) == folded(b)
}

fn same_baseline(a: Option<&Baseline>, b: Option<&Baseline>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            same_value(a.value, b.value) && same_text(a.year.as_deref(), b.year.as_deref())
        }
        _ => false,
    }
}

/// The lenient match score of a gold and a record target, `None` if they
/// do not match.
fn lenient_target(g: &GoldTarget, r: &Target) -> Option<f64> {
    if !same_value(g.value, r.value) || !same_text(g.unit.as_deref(), r.unit.as_deref()) {
        return None;
    }
    let overlap = text_overlap(&g.text, &r.text);
    let similar = match (&g.indicator, &r.indicator) {
        (Some(a), Some(b)) => dice(a, b),
        _ => 0.0,
    };
    if overlap.is_none() && similar < LENIENT_INDICATOR_DICE {
        return None;
    }
    Some(overlap.unwrap_or(0.0) + similar)
}

/// Whether a lenient pair also passes the strict tests.
fn strict_target(g: &GoldTarget, r: &Target) -> bool {
    let indicator = match (
        folded(g.indicator.as_deref()),
        folded(r.indicator.as_deref()),
    ) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b || dice(&a, &b) >= STRICT_INDICATOR_DICE,
        _ => false,
    };
    g.comparator.trim() == r.comparator.trim()
        && same_text(g.deadline.as_deref(), r.deadline.as_deref())
        && same_baseline(g.baseline.as_ref(), r.baseline.as_ref())
        && indicator
}

/// One-to-one matching, best candidate first: `candidates` are
/// `(score, gold, record)`; gives each gold item its record item, if any.
fn assign(
    n_gold: usize,
    n_record: usize,
    mut candidates: Vec<(f64, usize, usize)>,
) -> Vec<Option<usize>> {
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold = vec![None; n_gold];
    let mut taken = vec![false; n_record];
    for (_, gi, ri) in candidates {
        if gold[gi].is_none() && !taken[ri] {
            gold[gi] = Some(ri);
            taken[ri] = true;
        }
    }
    gold
}

/// Adds the counts of a one-to-one matching to `field`.
fn count_matching<G, R>(
    field: &mut FieldScore,
    gold: &[G],
    record: &[R],
    matched: &[Option<usize>],
    describe_gold: impl Fn(&G) -> String,
    describe_record: impl Fn(&R) -> String,
) {
    let mut taken = vec![false; record.len()];
    for (g, m) in gold.iter().zip(matched) {
        match m {
            Some(ri) => {
                taken[*ri] = true;
                field.hit();
            }
            None => field.miss(describe_gold(g)),
        }
    }
    for (r, t) in record.iter().zip(taken) {
        if !t {
            field.extra(describe_record(r));
        }
    }
}

fn describe_target(
    text: &str,
    indicator: Option<&str>,
    comparator: &str,
    value: f64,
    unit: Option<&str>,
    deadline: Option<&str>,
) -> String {
    let mut s = format!(
        "{} [{} {comparator} {value}{}",
        fold(text),
        indicator.unwrap_or("-"),
        unit.unwrap_or("")
    );
    if let Some(d) = deadline {
        let _ = write!(s, " by {d}");
    }
    s.push(']');
    s
}

fn score_targets(s: &mut DocScore, gold: &[GoldTarget], record: &[Target]) {
    let mut lenient = Vec::new();
    let mut strict = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (ri, r) in record.iter().enumerate() {
            if let Some(score) = lenient_target(g, r) {
                lenient.push((score, gi, ri));
                if strict_target(g, r) {
                    strict.push((score, gi, ri));
                }
            }
        }
    }
    let dg = |g: &GoldTarget| {
        describe_target(
            &g.text,
            g.indicator.as_deref(),
            &g.comparator,
            g.value,
            g.unit.as_deref(),
            g.deadline.as_deref(),
        )
    };
    let dr = |r: &Target| {
        describe_target(
            &r.text,
            r.indicator.as_deref(),
            &r.comparator,
            r.value,
            r.unit.as_deref(),
            r.deadline.as_deref(),
        )
    };
    let m = assign(gold.len(), record.len(), lenient);
    count_matching(s.field_mut(Field::TargetsLenient), gold, record, &m, dg, dr);
    let m = assign(gold.len(), record.len(), strict);
    count_matching(s.field_mut(Field::TargetsStrict), gold, record, &m, dg, dr);
}

fn score_dates(s: &mut DocScore, gold: &[GoldDate], record: &[DateMention]) {
    let mut by_value = Vec::new();
    let mut by_kind = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (ri, r) in record.iter().enumerate() {
            if !same_text(g.value.as_deref(), r.value.as_deref()) {
                continue;
            }
            if let Some(score) = text_overlap(&g.text, &r.text) {
                by_value.push((score, gi, ri));
                if g.kind == r.kind {
                    by_kind.push((score, gi, ri));
                }
            }
        }
    }
    let describe = |text: &str, value: Option<&str>, kind: &str| {
        format!("{} = {} ({kind})", fold(text), value.unwrap_or("null"))
    };
    let dg = |g: &GoldDate| describe(&g.text, g.value.as_deref(), g.kind.as_str());
    let dr = |r: &DateMention| describe(&r.text, r.value.as_deref(), r.kind.as_str());
    let m = assign(gold.len(), record.len(), by_value);
    count_matching(s.field_mut(Field::DatesValue), gold, record, &m, dg, dr);
    let m = assign(gold.len(), record.len(), by_kind);
    count_matching(s.field_mut(Field::DatesKind), gold, record, &m, dg, dr);
}

/// The scores of a set of documents.
///
/// ```
/// use policy_extract::{eval::{Field, Gold, Report}, Document};
///
/// let gold = Gold::from_json(r#"{"doc": "a.txt", "meta": {"title": "通知"}}"#)?;
/// let mut report = Report::new();
/// report.add(&gold, &Document::default());
/// assert_eq!(report.summary()[&Field::MetaTitle].fn_, 1);
/// assert!(report.table().contains("meta.title"));
/// # Ok::<(), policy_extract::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// One score per document, in the order they were added.
    pub docs: Vec<DocScore>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report::default()
    }

    /// Scores `record` against `gold` and adds the result.
    pub fn add(&mut self, gold: &Gold, record: &Document) -> &DocScore {
        self.docs.push(score(gold, record));
        self.docs.last().expect("just pushed")
    }

    /// The counts of every field summed over the documents (micro-average).
    /// Every field is present, with zero counts if there is no document.
    pub fn summary(&self) -> BTreeMap<Field, Counts> {
        let mut out: BTreeMap<Field, Counts> = Field::ALL
            .into_iter()
            .map(|f| (f, Counts::default()))
            .collect();
        for d in &self.docs {
            for (f, s) in &d.fields {
                *out.entry(*f).or_default() += s.counts;
            }
        }
        out
    }

    /// The summary as a text table: one line per field with P, R, F1, tp,
    /// fp and fn.
    pub fn table(&self) -> String {
        table(&self.summary())
    }

    /// One table per document, each followed by its misses (`-`) and
    /// extras (`+`), field by field.
    pub fn per_doc(&self) -> String {
        let mut out = String::new();
        for d in &self.docs {
            let counts: BTreeMap<Field, Counts> =
                d.fields.iter().map(|(f, s)| (*f, s.counts)).collect();
            let _ = writeln!(out, "== {}", d.doc);
            out.push_str(&table(&counts));
            for f in Field::ALL {
                let s = d.field(f);
                for m in &s.misses {
                    let _ = writeln!(out, "  - {f}: {m}");
                }
                for e in &s.extras {
                    let _ = writeln!(out, "  + {f}: {e}");
                }
            }
            out.push('\n');
        }
        out
    }

    /// The report as JSON: `{"summary": {FIELD: {"p", "r", "f1", "tp", "fp",
    /// "fn"}}, "docs": {DOC: {FIELD: {..., "misses": [...], "extras": [...]}}}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let counts_json = |c: &Counts| {
            serde_json::json!({
                "p": c.precision(), "r": c.recall(), "f1": c.f1(),
                "tp": c.tp, "fp": c.fp, "fn": c.fn_,
            })
        };
        let summary: serde_json::Map<String, serde_json::Value> = self
            .summary()
            .iter()
            .map(|(f, c)| (f.name().to_string(), counts_json(c)))
            .collect();
        let docs: serde_json::Map<String, serde_json::Value> = self
            .docs
            .iter()
            .map(|d| {
                let fields: serde_json::Map<String, serde_json::Value> = d
                    .fields
                    .iter()
                    .map(|(f, s)| {
                        let mut v = counts_json(&s.counts);
                        v["misses"] = serde_json::json!(s.misses);
                        v["extras"] = serde_json::json!(s.extras);
                        (f.name().to_string(), v)
                    })
                    .collect();
                (d.doc.clone(), serde_json::Value::Object(fields))
            })
            .collect();
        serde_json::json!({ "summary": summary, "docs": docs })
    }
}

fn table(counts: &BTreeMap<Field, Counts>) -> String {
    let mut out = format!(
        "{:<18} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
        "field", "P", "R", "F1", "tp", "fp", "fn"
    );
    for (f, c) in counts {
        let _ = writeln!(
            out,
            "{:<18} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
            f.name(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    out
}

/// The name a record goes by: the file name of `source.path`, else
/// `source.id`.
///
/// ```
/// use policy_extract::{eval::record_name, Document};
///
/// let mut doc = Document::default();
/// assert_eq!(record_name(&doc), None);
/// doc.source.path = Some("seeds/001_54f2aeee0e1916ab.txt".into());
/// assert_eq!(record_name(&doc).as_deref(), Some("001_54f2aeee0e1916ab.txt"));
/// ```
pub fn record_name(record: &Document) -> Option<String> {
    if let Some(p) = &record.source.path {
        if let Some(name) = Path::new(p).file_name() {
            return Some(name.to_string_lossy().into_owned());
        }
    }
    record.source.id.clone()
}

/// Extracts `docs_dir/<doc>` for each gold annotation with `extractor` and
/// scores it. A document that cannot be read is scored as an empty record
/// (all its gold items missed); its error is returned beside the report.
///
/// ```
/// use policy_extract::{eval::{evaluate_folder, load_gold_dir}, Extractor};
///
/// let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
/// let gold = load_gold_dir(format!("{seeds}/gold"))?;
/// let (report, errors) = evaluate_folder(&Extractor::new(), &gold[..1], seeds.as_ref());
/// assert!(errors.is_empty());
/// assert_eq!(report.docs[0].doc, "000_a64539d2c57e2cb1.txt");
/// # Ok::<(), policy_extract::Error>(())
/// ```
pub fn evaluate_folder(
    extractor: &Extractor,
    gold: &[Gold],
    docs_dir: &Path,
) -> (Report, Vec<crate::Error>) {
    let mut report = Report::new();
    let mut errors = Vec::new();
    for g in gold {
        let record = match extractor.extract_path(docs_dir.join(&g.doc)) {
            Ok(doc) => doc,
            Err(e) => {
                errors.push(e);
                Document::default()
            }
        };
        report.add(g, &record);
    }
    (report, errors)
}

/// Scores `records` against `gold`, pairing them by [`record_name`] and
/// `doc`. A gold annotation without a record is scored against an empty
/// record; the returned warnings say which, and name records that cannot be
/// paired (no name, or a second record of the same name). Records without a
/// gold annotation are left out.
///
/// ```
/// use policy_extract::{eval::{evaluate_records, Gold}, Document};
///
/// let gold = [Gold::from_json(r#"{"doc": "a.txt"}"#)?];
/// let (report, warnings) = evaluate_records(&gold, &[Document::default()]);
/// assert_eq!(report.docs.len(), 1);
/// assert_eq!(warnings.len(), 2); // no record for a.txt; a record without a name
/// # Ok::<(), policy_extract::Error>(())
/// ```
pub fn evaluate_records(gold: &[Gold], records: &[Document]) -> (Report, Vec<String>) {
    let mut warnings = Vec::new();
    let mut by_name: BTreeMap<String, &Document> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        match record_name(r) {
            Some(name) => {
                if by_name.insert(name.clone(), r).is_some() {
                    warnings.push(format!(
                        "record {}: a second record for `{name}`; the last one is scored",
                        i + 1
                    ));
                }
            }
            None => warnings.push(format!(
                "record {}: no source.path or source.id; not scored",
                i + 1
            )),
        }
    }
    let mut report = Report::new();
    let empty = Document::default();
    for g in gold {
        let record = match by_name.remove(&g.doc) {
            Some(r) => r,
            None => {
                warnings.push(format!("{}: no record; scored as empty", g.doc));
                &empty
            }
        };
        report.add(g, record);
    }
    (report, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DateKind, Party, Span};

    fn party(name: &str) -> Party {
        Party {
            name: name.into(),
            generic: false,
            span: Span::default(),
            canonical: None,
        }
    }

    fn generic(name: &str) -> Party {
        Party {
            generic: true,
            ..party(name)
        }
    }

    fn measure(text: &str, lead: &[&str], coop: &[&str], resp: &[&str]) -> Measure {
        Measure {
            id: 0,
            number: None,
            section: None,
            title: String::new(),
            text: text.into(),
            span: Span::default(),
            lead: lead.iter().map(|n| party(n)).collect(),
            cooperating: coop.iter().map(|n| party(n)).collect(),
            responsible: resp.iter().map(|n| party(n)).collect(),
            targets: vec![],
            dates: vec![],
        }
    }

    fn gold_measure(key: &str, lead: &[&str], coop: &[&str], resp: &[&str]) -> GoldMeasure {
        let v = |s: &[&str]| s.iter().map(|n| n.to_string()).collect();
        GoldMeasure {
            key: key.into(),
            number: None,
            lead: v(lead),
            cooperating: v(coop),
            responsible: v(resp),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn target(
        text: &str,
        indicator: Option<&str>,
        comparator: &str,
        value: f64,
        unit: Option<&str>,
        deadline: Option<&str>,
        baseline: Option<(f64, &str)>,
    ) -> (GoldTarget, Target) {
        let baseline = baseline.map(|(value, year)| Baseline {
            value,
            year: Some(year.into()),
        });
        let g = GoldTarget {
            text: text.into(),
            indicator: indicator.map(Into::into),
            comparator: comparator.into(),
            value,
            unit: unit.map(Into::into),
            deadline: deadline.map(Into::into),
            baseline: baseline.clone(),
        };
        let r = Target {
            text: text.into(),
            span: Span::default(),
            indicator: indicator.map(Into::into),
            comparator: comparator.into(),
            value,
            unit: unit.map(Into::into),
            deadline: deadline.map(Into::into),
            baseline,
            measure: None,
            attribute: None,
            normalized: None,
        };
        (g, r)
    }

    fn date(text: &str, value: Option<&str>, kind: DateKind) -> (GoldDate, DateMention) {
        let g = GoldDate {
            text: text.into(),
            value: value.map(Into::into),
            kind,
        };
        let r = DateMention {
            text: text.into(),
            span: Span::default(),
            value: value.map(Into::into),
            kind,
        };
        (g, r)
    }

    fn gold(doc: &str) -> Gold {
        Gold::from_json(&format!(r#"{{"doc": "{doc}"}}"#)).unwrap()
    }

    fn pr(s: &DocScore, f: Field) -> (usize, usize, usize, f64, f64) {
        let c = s.field(f).counts;
        (c.tp, c.fp, c.fn_, c.precision(), c.recall())
    }

    #[test]
    fn meta_fields_count_each_case() {
        let mut g = gold("a.txt");
        g.meta = GoldMeta {
            title: Some("关于印发方案的通知".into()),
            issuer: Some("国务院".into()),
            doc_number: None,
            publish_date: Some("2018-12-05".into()),
        };
        let mut r = Document::default();
        r.meta.title = Some("关于印发方案的 通知".into()); // equal after folding: tp
        r.meta.issuer = None; // gold value, no record value: fn
        r.meta.doc_number = Some("国发〔2018〕39号".into()); // no gold value: fp
        r.meta.publish_date = Some("2018-12-06".into()); // mismatch: fp + fn
        let s = score(&g, &r);
        // title: tp 1 -> P = R = 1.
        assert_eq!(pr(&s, Field::MetaTitle), (1, 0, 0, 1.0, 1.0));
        // issuer: fn 1 -> P = 1 (nothing claimed), R = 0/1.
        assert_eq!(pr(&s, Field::MetaIssuer), (0, 0, 1, 1.0, 0.0));
        // doc_number: fp 1 -> P = 0/1, R = 1 (nothing to find).
        assert_eq!(pr(&s, Field::MetaDocNumber), (0, 1, 0, 0.0, 1.0));
        // publish_date: fp 1, fn 1 -> P = 0, R = 0, F1 = 0.
        assert_eq!(pr(&s, Field::MetaPublishDate), (0, 1, 1, 0.0, 0.0));
        assert_eq!(s.field(Field::MetaPublishDate).counts.f1(), 0.0);
        assert_eq!(s.field(Field::MetaPublishDate).misses, ["2018-12-05"]);
        assert_eq!(s.field(Field::MetaPublishDate).extras, ["2018-12-06"]);
        // Both null: not counted.
        let s = score(&gold("b.txt"), &Document::default());
        assert_eq!(pr(&s, Field::MetaTitle), (0, 0, 0, 1.0, 1.0));
    }

    /// Gold: g0 (3 parties), g1 (2), g2 (1, not in the record).
    /// Record: r0 holds g0's key; r1, a parent measure, holds g0's and
    /// g1's keys but is longer; r2 holds g1's key (with a space); r3 has no
    /// gold measure; r4 names only a generic party.
    fn measures_case() -> (Gold, Document) {
        let mut g = gold("a.txt");
        g.measures = vec![
            gold_measure(
                "发展特需医疗服务",
                &["市卫生计生委"],
                &["市科技局", "市人力资源社会保障局"],
                &[],
            ),
            gold_measure("促进医学科研发展", &[], &[], &["市卫生计生委", "市科技局"]),
            gold_measure("发挥财政资金引导作用", &["市财政局"], &[], &[]),
        ];
        let mut r0 = measure(
            "1.发展特需医疗服务。（市卫生计生委牵头；市科技局、有关部门配合）",
            &["市卫生计生委"],
            &["市科技局"],
            &[],
        );
        r0.cooperating.push(generic("有关部门"));
        let r1 = measure(
            "一、健康医疗\n1.发展特需医疗服务。……2.促进医学科研发展。……（市政府负责）",
            &[],
            &[],
            &["市政府"],
        );
        let r2 = measure(
            "2.促进医学 科研发展。（市卫生计生委负责；市科技局牵头）",
            &["市科技局"],
            &[],
            &["市卫生计生委"],
        );
        let r3 = measure("3.加强宣传。（市委宣传部负责）", &[], &[], &["市委宣传部"]);
        let mut r4 = measure("4.其他工作。（有关部门负责）", &[], &[], &[]);
        r4.responsible.push(generic("有关部门"));
        let r = Document {
            measures: vec![r0, r1, r2, r3, r4],
            ..Document::default()
        };
        (g, r)
    }

    #[test]
    fn measures_align_with_the_shortest_holder() {
        let (g, r) = measures_case();
        assert_eq!(align(&g.measures, &r.measures), [Some(0), Some(2), None]);
        let s = score(&g, &r);
        // tp: g0, g1 aligned = 2; fn: g2 = 1; fp: r1 (市政府) and r3
        // (市委宣传部) name a non-generic party and no gold measure aligned
        // with them = 2 (r4 names only a generic party).
        // P = 2/4 = 0.5, R = 2/3.
        assert_eq!(pr(&s, Field::MeasuresAligned), (2, 2, 1, 0.5, 2.0 / 3.0));
        assert_eq!(
            s.field(Field::MeasuresAligned).misses,
            ["发挥财政资金引导作用"]
        );
    }

    #[test]
    fn parties_count_triples_of_aligned_measures() {
        let (g, r) = measures_case();
        let s = score(&g, &r);
        // Gold triples: g0 (lead 卫生计生委, coop 科技局, coop 人社局),
        // g1 (resp 卫生计生委, resp 科技局), g2 (lead 财政局) = 6.
        // g0 vs r0: 卫生计生委 and 科技局 found, 人社局 missed: tp 2, fn 1.
        // g1 vs r2: resp 卫生计生委 found, resp 科技局 missed (r2 says
        // lead): tp 1, fn 1. g2 unaligned: fn 1. So tp 3, fn 3.
        // fp: r0's generic 有关部门 ignored: 0; r1 (lead 市政府, no gold
        // measure): 1; r2 lead 科技局 not in g1: 1; r3 市委宣传部: 1. fp 3.
        // P = 3/6, R = 3/6.
        assert_eq!(pr(&s, Field::PartiesRole), (3, 3, 3, 0.5, 0.5));
        assert_eq!(
            s.field(Field::PartiesRole).misses,
            [
                "发展特需医疗服务: cooperating 市人力资源社会保障局",
                "促进医学科研发展: responsible 市科技局",
                "发挥财政资金引导作用: lead 市财政局",
            ]
        );
        // Roles ignored: g0 {卫生计生委, 科技局, 人社局} vs r0 {卫生计生委,
        // 科技局}: tp 2, fn 1; g1 {卫生计生委, 科技局} vs r2 (same names):
        // tp 2; g2: fn 1. fp: 市政府 (r1), 市委宣传部 (r3) = 2.
        // P = 4/6, R = 4/6.
        assert_eq!(
            pr(&s, Field::PartiesAnyRole),
            (4, 2, 2, 4.0 / 6.0, 4.0 / 6.0)
        );
    }

    #[test]
    fn targets_match_best_first_one_to_one() {
        let (t0, r5) = target(
            "每千人口拥有3岁以下婴幼儿托位数达到4.74个",
            Some("每千人口拥有3岁以下婴幼儿托位数"),
            "=",
            4.74,
            Some("个"),
            Some("2025"),
            None,
        );
        // r0: a shorter text inside t0's, indicator Dice 0.5 with t0's
        // (5 shared bigrams: 2·5/(15+5)): lenient, not strict.
        let mut r0 = r5.clone();
        r0.text = "托位数达到4.74个".into();
        r0.indicator = Some("婴幼儿托位数".into());
        let (t1, mut r1) = target(
            "人均预期寿命81.52≥82.42",
            Some("人均预期寿命"),
            ">=",
            82.42,
            None,
            Some("2025"),
            Some((81.52, "2020")),
        );
        // One stray character: Dice 2·5/(5+6) = 0.91 >= 0.8, still strict.
        r1.indicator = Some("人均预期寿命岁".into());
        let (t2, mut r2) = target(
            "建成3个以上千亿级产业功能区",
            Some("千亿级产业功能区"),
            ">=",
            3.0,
            Some("个"),
            Some("2025"),
            None,
        );
        // Text inside the gold text: lenient; no indicator: not strict.
        r2.text = "建成3个以上".into();
        r2.indicator = None;
        let (t3, mut r3) = target(
            "投入12.9亿元",
            Some("投入"),
            "=",
            12.9,
            Some("亿元"),
            Some("2020"),
            None,
        );
        r3.deadline = None; // lenient; deadline differs: not strict
        let (_, r4) = target("增加39家", None, "=", 39.0, Some("家"), None, None);
        let mut g = gold("a.txt");
        g.targets = vec![t0, t1, t2, t3];
        let r = Document {
            targets: vec![r0, r1, r2, r3, r4, r5],
            ..Document::default()
        };
        let s = score(&g, &r);
        // t0 could take r0 (overlap 10/23 + Dice 0.5) or r5 (1 + 1): best
        // first gives it r5, and r0 stays unmatched.
        // Lenient: t0-r5, t1-r1, t2-r2, t3-r3: tp 4, fn 0; fp r0, r4 = 2.
        // P = 4/6, R = 4/4.
        assert_eq!(pr(&s, Field::TargetsLenient), (4, 2, 0, 4.0 / 6.0, 1.0));
        // Strict: t0-r5 and t1-r1 only: tp 2, fn 2 (t2, t3), fp 6-2 = 4.
        // P = 2/6, R = 2/4.
        assert_eq!(pr(&s, Field::TargetsStrict), (2, 4, 2, 2.0 / 6.0, 0.5));
        assert_eq!(s.field(Field::TargetsLenient).extras.len(), 2);
        assert!(s.field(Field::TargetsLenient).extras[0].starts_with("托位数达到4.74个 ["));
    }

    #[test]
    fn targets_need_value_and_unit() {
        let (t, mut r) = target(
            "床位数8.30张",
            Some("床位数"),
            "=",
            8.3,
            Some("张"),
            None,
            None,
        );
        r.value = 8.3 + 1e-9; // relative difference ~1e-10: same value
        let mut g = gold("a.txt");
        g.targets = vec![t.clone()];
        let doc = |r: Target| Document {
            targets: vec![r],
            ..Document::default()
        };
        let s = score(&g, &doc(r.clone()));
        assert_eq!(pr(&s, Field::TargetsLenient), (1, 0, 0, 1.0, 1.0));
        let mut other = r.clone();
        other.value = 8.31;
        let s = score(&g, &doc(other));
        assert_eq!(pr(&s, Field::TargetsLenient), (0, 1, 1, 0.0, 0.0));
        let mut other = r;
        other.unit = None;
        let s = score(&g, &doc(other));
        assert_eq!(pr(&s, Field::TargetsLenient), (0, 1, 1, 0.0, 0.0));
    }

    #[test]
    fn dates_match_value_and_text_then_kind() {
        let (d0, mut r0) = date("2018年12月19日", Some("2018-12-19"), DateKind::Publication);
        r0.kind = DateKind::Point; // right value, wrong kind
        let (d1, _) = date("到2025年", Some("2025"), DateKind::Deadline);
        let (_, r1) = date("2025年", Some("2025"), DateKind::Deadline); // inside 到2025年
        let (d2, r2) = date("2021年至2025年", Some("2021/2025"), DateKind::Period);
        let (d3, r3) = date("今年4月", None, DateKind::Point); // null equals null
        let (d4, _) = date("到2025年", Some("2025"), DateKind::Deadline); // a second mention
        let (_, r4) = date("2020年", Some("2020"), DateKind::Point);
        let (_, r5) = date("到 2025 年", Some("2025"), DateKind::Deadline);
        let mut g = gold("a.txt");
        g.dates = vec![d0, d1, d2, d3, d4];
        let r = Document {
            dates: vec![r0, r1, r2, r3, r4, r5],
            ..Document::default()
        };
        let s = score(&g, &r);
        // Value: d0-r0, d1-r5 (equal text, best), d4-r1, d2-r2, d3-r3:
        // tp 5, fn 0; fp r4 = 1. P = 5/6, R = 1.
        assert_eq!(pr(&s, Field::DatesValue), (5, 1, 0, 5.0 / 6.0, 1.0));
        // Kind: d0 loses r0 (point vs publication): tp 4, fn 1 (d0),
        // fp 2 (r0, r4). P = 4/6, R = 4/5.
        assert_eq!(pr(&s, Field::DatesKind), (4, 2, 1, 4.0 / 6.0, 0.8));
        assert_eq!(
            s.field(Field::DatesKind).misses,
            ["2018年12月19日 = 2018-12-19 (publication)"]
        );
    }

    #[test]
    fn summary_is_micro_averaged() {
        // Doc a: one gold date found (tp 1). Doc b: three gold dates, none
        // found (fn 3). Micro: R = 1/4 = 0.25 (a macro average would give
        // (1 + 0)/2 = 0.5).
        let (d, r) = date("2025年", Some("2025"), DateKind::Point);
        let mut a = gold("a.txt");
        a.dates = vec![d.clone()];
        let mut b = gold("b.txt");
        b.dates = vec![d.clone(), d.clone(), d];
        let mut report = Report::new();
        report.add(
            &a,
            &Document {
                dates: vec![r],
                ..Document::default()
            },
        );
        report.add(&b, &Document::default());
        let c = report.summary()[&Field::DatesValue];
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 3));
        assert_eq!(c.recall(), 0.25);
        assert_eq!(c.precision(), 1.0);
        // F1 = 2·1·0.25/1.25 = 0.4.
        assert!((c.f1() - 0.4).abs() < 1e-12);
        let json = report.to_json();
        assert_eq!(json["summary"]["dates.value"]["fn"], 3);
        assert_eq!(json["summary"]["dates.value"]["r"], 0.25);
        assert_eq!(
            json["docs"]["b.txt"]["dates.value"]["misses"][0],
            "2025年 = 2025 (point)"
        );
        assert_eq!(json["summary"].as_object().unwrap().len(), Field::ALL.len());
        let per_doc = report.per_doc();
        assert!(per_doc.contains("== b.txt\n"));
        assert!(per_doc.contains("  - dates.value: 2025年 = 2025 (point)\n"));
    }

    #[test]
    fn records_pair_by_file_name() {
        let mut g = gold("a.txt");
        g.meta.issuer = Some("国务院".into());
        let mut rec = Document::default();
        rec.source.path = Some("some/dir/a.txt".into());
        rec.meta.issuer = Some("国务院".into());
        let mut stray = Document::default();
        stray.source.id = Some("z.txt".into());
        let (report, warnings) = evaluate_records(&[g], &[rec, stray]);
        assert_eq!(report.summary()[&Field::MetaIssuer].tp, 1);
        assert!(warnings.is_empty()); // z.txt has no gold: left out
        let (report, warnings) = evaluate_records(&[gold("b.txt")], &[]);
        assert_eq!(report.docs[0].doc, "b.txt");
        assert_eq!(warnings, ["b.txt: no record; scored as empty"]);
    }
}
