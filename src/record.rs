//! The serde records of the JSON contract (`spec/output.md`): one [`Document`]
//! per input, with fields in the contract's order.
//!
//! Invariant: every [`Span`] in a finished `Document` is `[start, end)` in
//! characters of the decoded input, and every `text` field equals that slice
//! of the input. Inside the pipeline, before the [`Extractor`](crate::Extractor)
//! maps them back, spans are byte ranges of the normalized text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A half-open range `[start, end)`, serialized as a two-element array.
///
/// In a finished [`Document`] the unit is characters (Unicode scalar values)
/// of the decoded input, so Python's `text[start:end]` gives the quoted text.
///
/// ```
/// use policy_extract::Span;
///
/// let span = Span::new(2, 5);
/// assert_eq!(serde_json::to_string(&span).unwrap(), "[2,5]");
/// assert_eq!(span.slice("一二三四五六"), Some("三四五"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First position, inclusive.
    pub start: usize,
    /// Last position, exclusive.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is clamped to empty.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Number of positions covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one position.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The characters `[start, end)` of `text`, or `None` if out of range.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        let start = indices.nth(self.start)?;
        let end = if self.end == self.start {
            start
        } else {
            indices.nth(self.end - self.start - 1)?
        };
        Some(&text[start..end])
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// One extraction record: everything the crate reads from one document.
///
/// ```
/// use policy_extract::Extractor;
///
/// let doc = Extractor::new().extract("");
/// assert!(doc.measures.is_empty());
/// assert_eq!(doc.source.chars, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Where the text came from and how it was decoded.
    pub source: Source,
    /// Title, issuer, document number, dates of the document.
    pub meta: Meta,
    /// The heading tree, in document order.
    pub sections: Vec<Section>,
    /// Numbered items and responsibility-bearing paragraphs, in document order.
    pub measures: Vec<Measure>,
    /// Quantified goals.
    pub targets: Vec<Target>,
    /// Time expressions.
    pub dates: Vec<DateMention>,
    /// Indicator tables (added field): rows and cells as found in the text.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// What the extractor noticed but could not settle.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a record's text came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    /// The input path as given, if the input was a file.
    pub path: Option<String>,
    /// A caller-given identifier (JSON Lines input), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The encoding the bytes were decoded from (`utf-8`, `gbk`, `utf-16le`, ...).
    pub encoding: String,
    /// The container format: `text`, `html` or `docx`.
    pub format: String,
    /// Length of the decoded text in characters.
    pub chars: usize,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
}

/// The document's metadata; any field may be `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Meta {
    /// The document's own title line, white space removed.
    pub title: Option<String>,
    /// The issuing body as written.
    pub issuer: Option<String>,
    /// The document number (文号) as written, brackets kept: `国发〔2018〕39号`.
    pub doc_number: Option<String>,
    /// ISO date of publication (发布日期/成文日期, else the signature date).
    pub publish_date: Option<String>,
    /// The index number (索引号).
    pub index_number: Option<String>,
    /// The addressees of the cover letter (`各县(市、区)人民政府`, ...).
    pub addressees: Vec<String>,
    /// ISO date under the signature.
    pub signed_date: Option<String>,
}

/// A heading: chapter, section, `一、`, `（一）` ... or a `专栏` box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Position in [`Document::sections`].
    pub id: usize,
    /// The enclosing section's id.
    pub parent: Option<usize>,
    /// Depth in the tree, 1 for the top level.
    pub level: usize,
    /// The label without brackets and punctuation: `一`, `第一章`, `1`.
    pub label: String,
    /// The heading text after the label.
    pub heading: String,
    /// The whole heading line (label and heading).
    pub span: Span,
}

/// A unit of work: a numbered item, or a paragraph that names who is responsible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Position in [`Document::measures`].
    pub id: usize,
    /// The item's own label without brackets and dots (`1`, `一`), if numbered.
    pub number: Option<String>,
    /// The id of the section the measure stands in.
    pub section: Option<usize>,
    /// The item's heading or first sentence, cleaned.
    pub title: String,
    /// The measure's text as written in the input.
    pub text: String,
    /// Where `text` is.
    pub span: Span,
    /// Parties that lead (牵头).
    pub lead: Vec<Party>,
    /// Parties that cooperate (配合, 参与, 协办 ...).
    pub cooperating: Vec<Party>,
    /// Parties responsible without a lead/cooperate split (责任单位).
    pub responsible: Vec<Party>,
    /// Positions in [`Document::targets`] of the targets inside this measure.
    pub targets: Vec<usize>,
    /// Positions in [`Document::dates`] of the dates inside this measure.
    pub dates: Vec<usize>,
}

/// A party named in a responsibility statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The name as written, with a dropped administrative prefix restored.
    pub name: String,
    /// Whether the party is generic (有关部门, 各区人民政府).
    pub generic: bool,
    /// Where the name is written.
    pub span: Span,
    /// The dictionary's canonical name for it, if known (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

/// A quantified goal, limit or commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The shortest verbatim span holding indicator, comparator and value.
    pub text: String,
    /// Where `text` is.
    pub span: Span,
    /// What is measured, as written.
    pub indicator: Option<String>,
    /// One of `=`, `>=`, `<=`, `>`, `<`, `~`.
    pub comparator: String,
    /// The number, in Arabic digits (`百分之五十` gives 50 with unit `%`).
    pub value: f64,
    /// The unit as written after the number.
    pub unit: Option<String>,
    /// The year or ISO date by which it is due.
    pub deadline: Option<String>,
    /// The base value of an indicator table row.
    pub baseline: Option<Baseline>,
    /// Position in [`Document::measures`] of the measure holding it.
    pub measure: Option<usize>,
    /// 预期性 or 约束性, for indicator table rows (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// The value scaled to a base unit: `12.9亿元` gives 1290000000 `元` (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Quantity>,
}

/// A value with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number.
    pub value: f64,
    /// The unit, if any.
    pub unit: Option<String>,
}

/// The base value of an indicator: `{"value": 7.34, "year": "2020"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// The base value.
    pub value: f64,
    /// The base year, if the table names it.
    pub year: Option<String>,
}

/// A time expression and its ISO 8601 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression as written.
    pub text: String,
    /// Where `text` is.
    pub span: Span,
    /// `2018-12-19`, `2018-12`, `2018`, or an interval `2021/2025`;
    /// `None` when it cannot be resolved.
    pub value: Option<String>,
    /// What the date is for.
    pub kind: DateKind,
}

/// The role of a [`DateMention`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A date or month when something happens or happened.
    Point,
    /// A time by which something is due: 到2025年, 2024年底前.
    Deadline,
    /// A span of time: 2018至2020年, 十四五时期.
    Period,
    /// The document's own date of issue or signature.
    Publication,
}

impl DateKind {
    /// The lowercase name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateKind::Point => "point",
            DateKind::Deadline => "deadline",
            DateKind::Period => "period",
            DateKind::Publication => "publication",
        }
    }
}

/// A table found in the text (one cell per line in web and PDF copies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The caption (`专栏1 ……`), if any.
    pub title: Option<String>,
    /// The whole table.
    pub span: Span,
    /// Column names, as found in the header rows.
    pub header: Vec<String>,
    /// Body rows, in order.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The row's cells; empty cells are missing.
    pub cells: Vec<Cell>,
    /// Where the row is.
    pub span: Span,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell's text as written.
    pub text: String,
    /// What the cell holds, judged from its text.
    pub role: CellRole,
    /// Where `text` is.
    pub span: Span,
}

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellRole {
    /// A running number or category label.
    Label,
    /// An indicator name.
    Indicator,
    /// A unit (`%`, `岁`, `张`).
    Unit,
    /// A number, possibly with a comparator (`≥82.42`).
    Value,
    /// 预期性 or 约束性.
    Attribute,
    /// Anything else.
    Other,
}

/// Something the extractor noticed but could not settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub level: Level,
    /// What was noticed, lowercase, naming the rule where one applies.
    pub message: String,
    /// Where, if it is about a place in the text.
    pub span: Option<Span>,
}

/// The weight of a [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// For information: a repair that was made.
    Info,
    /// Something possibly missed or unresolved.
    Warning,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_by_chars() {
        assert_eq!(Span::new(0, 2).slice("保山市"), Some("保山"));
        assert_eq!(Span::new(3, 3).slice("保山市"), Some(""));
        assert_eq!(Span::new(2, 4).slice("保山市"), None);
        assert_eq!(Span::new(5, 2), Span::new(5, 5));
    }

    #[test]
    fn date_kind_serializes_lowercase() {
        assert_eq!(
            serde_json::to_string(&DateKind::Deadline).unwrap(),
            "\"deadline\""
        );
    }
}

/// Spans ordered by start, with the furthest end reached so far: the spans
/// that may hold a range are found by scanning back from the last one
/// starting at or before it, stopping where no earlier span reaches its end.
#[derive(Debug)]
pub(crate) struct SpanIndex {
    /// Indexes into the spans, by (start, index).
    order: Vec<usize>,
    starts: Vec<usize>,
    /// The largest end among the spans of `order[..=k]`.
    reach: Vec<usize>,
}

impl SpanIndex {
    pub(crate) fn new(spans: &[Span]) -> SpanIndex {
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&i| (spans[i].start, i));
        let starts = order.iter().map(|&i| spans[i].start).collect();
        let reach = order
            .iter()
            .scan(0, |max, &i| {
                *max = spans[i].end.max(*max);
                Some(*max)
            })
            .collect();
        SpanIndex {
            order,
            starts,
            reach,
        }
    }

    /// The indexes of the spans that may hold `start..end`: every one that
    /// does is among them (the caller checks each).
    pub(crate) fn candidates(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.starts.partition_point(|&s| s <= start);
        (0..k)
            .rev()
            .take_while(move |&k| self.reach[k] >= end)
            .map(|k| self.order[k])
    }
}

#[cfg(test)]
mod span_index_tests {
    use super::*;

    #[test]
    fn candidates_hold_every_span_that_holds_the_range() {
        let spans = [
            Span::new(0, 100),
            Span::new(10, 20),
            Span::new(30, 40),
            Span::new(35, 38),
            Span::new(50, 60),
        ];
        let index = SpanIndex::new(&spans);
        for (start, end) in [(0, 0), (12, 15), (36, 37), (39, 40), (55, 70), (101, 102)] {
            let r = Span::new(start, end);
            let mut got: Vec<usize> = index
                .candidates(start, end)
                .filter(|&i| spans[i].contains(&r))
                .collect();
            got.sort();
            let want: Vec<usize> = (0..spans.len())
                .filter(|&i| spans[i].contains(&r))
                .collect();
            assert_eq!(got, want, "{start}..{end}");
        }
    }
}
