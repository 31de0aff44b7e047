//! Structure: normalized text -> [`Outline`] (metadata, section tree,
//! numbered items as measures, indicator tables).
//!
//! - `header`: the header table, title, 文号, addressees, signature, dates.
//! - `heading`: the labels of headings and items (`第一章` … `①`, `专栏1`).
//! - `item`: labelled blocks (at line starts and inline), their levels, and
//!   which are sections and which measures.
//! - `table`: indicator tables written one cell per line.
//!
//! Invariant: every span of the outline is a byte range of the normalized
//! text on char boundaries; ids are positions in their lists.

pub(crate) mod header;
pub(crate) mod heading;
mod item;
mod table;

use crate::record::{Diagnostic, Level, Measure, Meta, Section, Span, Table};
use crate::rules::Context;

/// What the structure stage finds.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub measures: Vec<Measure>,
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A line of the text: `[start, end)` without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    /// The line's text.
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The non-empty lines of `text`.
pub(crate) fn lines_of(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        if !text[start..i].trim().is_empty() {
            out.push(Line { start, end: i });
        }
        start = i + 1;
    }
    if !text[start..].trim().is_empty() {
        out.push(Line {
            start,
            end: text.len(),
        });
    }
    out
}

/// `s` without white space.
pub(crate) fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            out.push_str(&s[last..i]);
            last = i + c.len_utf8();
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Whether `c` is a CJK ideograph.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

/// Parses the outline of `ctx.text`.
pub(crate) fn parse(ctx: &Context<'_>) -> Outline {
    parse_text(ctx.text, &ctx.dicts.units)
}

/// Parses the outline of a normalized text; `units` are the unit words
/// that mark unit cells of tables.
pub(crate) fn parse_text(text: &str, units: &[String]) -> Outline {
    let lines = lines_of(text);
    let (meta, header_end) = header::parse_meta(text, &lines);
    let body_end = body_end(text, &lines);
    let skip = item::toc_lines(text, &lines);
    let mut outline = item::outline(text, &lines, header_end, &skip, body_end);
    let toc: Vec<&Line> = lines
        .iter()
        .zip(&skip)
        .filter(|(_, s)| **s)
        .map(|(l, _)| l)
        .collect();
    if let (Some(first), Some(last)) = (toc.first(), toc.last()) {
        outline.diagnostics.push(Diagnostic {
            level: Level::Info,
            message: format!(
                "structure: skipped a table of contents of {} lines",
                toc.len()
            ),
            span: Some(Span::new(first.start, last.end)),
        });
    }
    outline.tables = table::tables(text, &lines, units);
    outline.meta = meta;
    outline
}

/// Where the body ends: before a signature (an organ's name over a date)
/// among the last lines, else at the end of the text.
fn body_end(text: &str, lines: &[Line]) -> usize {
    let from = lines.len().saturating_sub(8).max(1);
    for k in from..lines.len() {
        if header::is_date_line(lines[k].text(text))
            && header::signature_line(lines[k - 1].text(text))
        {
            return lines[k - 1].start;
        }
    }
    text.len()
}
