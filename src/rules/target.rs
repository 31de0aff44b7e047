//! Targets: every number a document commits to reach, with its indicator,
//! comparator, unit, deadline and, for indicator tables, its baseline.
//!
//! Two sources. Indicator tables ([`Table`] rows from the structure parser,
//! or, where it found none, tables read here from text written one cell or
//! one row a line) give one target per row: indicator cell, base-year value,
//! target value and comparator (`≥82.42`), unit and attribute (预期性/约束性),
//! the deadline from the last year column. The text
//! gives the rest: one pass over lines and sentences; in each sentence every
//! number ([`find_numerals`]) is read with the words around it:
//!
//! - a comparator before, after or around it (`达到`, `不低于`, `…以上`,
//!   `控制在…以内`; `dicts/targets/comparators.tsv`), a unit after it
//!   (`dicts/targets/units.txt`);
//! - cues (`dicts/targets/cues.tsv`) that tell a commitment from a report
//!   (`截至`, `较2015年`, a 发展基础 section), a policy parameter (`最高`,
//!   `返还`) or a starting value (`从1个扩大到4个`);
//! - the indicator: the noun phrase before the comparator (cut with jieba,
//!   on that short span only) and, for verbs such as `建成3个…功能区`, the
//!   object after the number;
//! - the deadline: in the sentence (`到2025年`, `2025年底前`, `2018至2020年`),
//!   else earlier in the paragraph, else in a lead-in ending with `：`, else
//!   the planning period of the document when the section states its goals.
//!
//! Invariant: spans are byte ranges of the normalized text on char
//! boundaries; `text` is the normalized slice (the extractor re-slices it).

use super::numeral::{self, find_numerals, magnitude_scale, parse_number, Numeral};
use super::{compile, CompiledRule, Context, Rule};
use crate::dict::Dicts;
use crate::error::{Error, ErrorKind, Result};
use crate::record::{
    Baseline, Cell, CellRole, DateKind, DateMention, Diagnostic, Level, Quantity, Row, Span,
    SpanIndex, Table, Target,
};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;

/// The target rules.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "target deadline: 到YYYY年, YYYY年底前",
        pattern: r"(?:到|至)\s*(?P<y1>(?:19|20)\d{2})\s*年(?:\s*(?P<m1>\d{1,2})\s*月)?(?:底|末)?|(?P<y2>(?:19|20)\d{2})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?(?:底|末)?(?:以前|之前|前)",
        examples: &[
            "到2025年",
            "2025年底前",
            "2025年6月底前",
            "到 2020 年",
            "2030年前",
        ],
        negatives: &["2020年医疗机构床位数", "2025年", "20255年"],
    },
    Rule {
        name: "target period: YYYY至YYYY年",
        pattern: r"(?P<from>(?:19|20)\d{2})\s*年?\s*(?:至|到|-|—|–|~|～)\s*(?P<to>(?:19|20)\d{2})\s*年",
        examples: &[
            "2018至2020年",
            "2018 至 2020 年",
            "2021—2025年",
            "2021年至2025年",
        ],
        negatives: &["到2025年", "2018年12月"],
    },
    Rule {
        name: "target heading: 第一章, 一、, （一）",
        pattern: r"^\s*(?:第(?P<chapter>[一二三四五六七八九十百零〇\d]+)[章篇]|第(?P<section>[一二三四五六七八九十百零〇\d]+)节|(?P<top>[一二三四五六七八九十]+)[、．.]|[（(](?P<sub>[一二三四五六七八九十]+)[）)])\s*",
        examples: &["第一章 ", "第三节  ", "二、", "（三）", "(十二)"],
        negatives: &["1.发展", "一是", "十四五"],
    },
    Rule {
        name: "target table cell: ≥82.42, 95%以上",
        pattern: r"^\s*(?P<cmp>≥|≤|>=|<=|>|<|＞|＜)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%|％)?\s*(?P<post>以上|以下|以内|左右)?\s*$",
        examples: &["≥82.42", "8.30", "95", "≥ 4.00", "95%以上", "1,200"],
        negatives: &["2020年", "—", "较大提升"],
    },
    Rule {
        name: "target table year column: 2020 年",
        pattern: r"^\s*(?P<year>(?:19|20)\d{2})\s*年?\s*(?:[（(]?(?:目标值|基期值|基数|现状值|规划值|预期值|基准值)[）)]?)?\s*$",
        examples: &[
            "2020 年",
            "2025年",
            "2025",
            "2025年目标值",
            "2020年（基期值）",
        ],
        negatives: &["2020年医疗机构床位数", "单位"],
    },
];

/// What a word of `dicts/targets/cues.tsv` signals around a number.
#[derive(Debug)]
struct Cues {
    past: WordSet,
    future: WordSet,
    from: WordSet,
    policy: WordSet,
    stop: WordSet,
    adverb: WordSet,
    negation: WordSet,
    past_section: WordSet,
    goal_section: WordSet,
    object: WordSet,
    growth: WordSet,
    not_unit: WordSet,
    zero: WordSet,
    after_skip: WordSet,
}

/// A comparator phrase: the words before the number and after it.
#[derive(Debug, Clone)]
struct Phrase {
    before: String,
    after: String,
    comparator: String,
}

/// The compiled target rules and their vocabulary.
#[derive(Debug)]
pub(crate) struct TargetRules {
    rules: Vec<CompiledRule>,
    /// Circumfixes first, then the longest.
    phrases: Vec<Phrase>,
    /// The phrases with nothing after the number, by the last character
    /// of their word before it, in `phrases` order.
    plain_by_last: HashMap<char, Vec<usize>>,
    /// The phrases with a word after the number, by its first character.
    after_by_first: HashMap<char, Vec<usize>>,
    /// Longest first.
    units: WordSet,
    /// An automaton over the words of the bounding phrases (`不超过`), and
    /// the index in `phrases` of each of its patterns.
    strong: AhoCorasick,
    strong_ids: Vec<usize>,
    cues: Cues,
    plans: Vec<(String, String)>,
    /// The plan names (`十四五`), longest first where they overlap.
    plan_names: AhoCorasick,
    /// The plan names, every match (四五 inside 十四五 too).
    plan_names_overlapping: AhoCorasick,
}

impl TargetRules {
    pub(crate) fn new(dicts: &Dicts) -> Result<TargetRules> {
        let mut phrases: Vec<Phrase> = dicts
            .comparators
            .iter()
            .map(|(p, c)| {
                let (before, after) = p.split_once('…').unwrap_or((p.as_str(), ""));
                Phrase {
                    before: before.to_string(),
                    after: after.to_string(),
                    comparator: c.clone(),
                }
            })
            .collect();
        // Circumfixes first, then the longest words.
        phrases.sort_by_key(|p| {
            std::cmp::Reverse((
                !p.before.is_empty() && !p.after.is_empty(),
                p.before.chars().count() + p.after.chars().count(),
            ))
        });
        let mut units = dicts.units.clone();
        units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        let mut classes: HashMap<&str, Vec<String>> = HashMap::new();
        for (word, classes_of) in &dicts.target_cues {
            for class in classes_of.split(',').map(str::trim) {
                classes.entry(class).or_default().push(word.clone());
            }
        }
        let mut class = |name: &str| {
            let mut words = classes.remove(name).unwrap_or_default();
            if matches!(name, "from" | "notunit" | "adverb") {
                words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            }
            WordSet::new(words)
        };
        let cues = Cues {
            past: class("past")?,
            future: class("future")?,
            from: class("from")?,
            policy: class("policy")?,
            stop: class("stop")?,
            adverb: class("adverb")?,
            negation: class("negation")?,
            past_section: class("pastsection")?,
            goal_section: class("goalsection")?,
            object: class("object")?,
            growth: class("growth")?,
            not_unit: class("notunit")?,
            zero: class("zero")?,
            after_skip: class("afterskip")?,
        };
        let mut plain_by_last: HashMap<char, Vec<usize>> = HashMap::new();
        let mut after_by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            if let Some(c) = p.after.chars().next() {
                after_by_first.entry(c).or_default().push(i);
            } else if let Some(c) = p.before.chars().next_back() {
                plain_by_last.entry(c).or_default().push(i);
            }
        }
        let plan_names = automaton(
            dicts.plans.iter().map(|(name, _)| name),
            MatchKind::LeftmostLongest,
        )?;
        // The bounds (不超过, 不低于) that may stand a few words before the number.
        let strong_ids: Vec<usize> = (0..phrases.len())
            .filter(|&i| {
                let p = &phrases[i];
                p.after.is_empty()
                    && !p.before.is_empty()
                    && matches!(p.comparator.as_str(), ">=" | "<=" | ">" | "<")
            })
            .collect();
        let strong = automaton(
            strong_ids.iter().map(|&i| &phrases[i].before),
            MatchKind::Standard,
        )?;
        Ok(TargetRules {
            rules: compile(RULES, &[])?,
            phrases,
            plain_by_last,
            after_by_first,
            units: WordSet::new(units)?,
            strong,
            strong_ids,
            cues,
            plans: dicts.plans.clone(),
            plan_names,
            plan_names_overlapping: automaton(
                dicts.plans.iter().map(|(name, _)| name),
                MatchKind::Standard,
            )?,
        })
    }

    /// The phrases with nothing after the number whose word before it may
    /// end `s`, in `phrases` order.
    fn plain_ending(&self, s: &str) -> impl Iterator<Item = &Phrase> {
        let ids = s
            .chars()
            .next_back()
            .and_then(|c| self.plain_by_last.get(&c));
        ids.into_iter().flatten().map(|&i| &self.phrases[i])
    }

    /// The compiled rules, for the rule-table test.
    #[cfg(test)]
    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }

    fn regex(&self, i: usize) -> &Regex {
        &self.rules[i].regex
    }

    fn deadline_re(&self) -> &Regex {
        self.regex(0)
    }

    fn period_re(&self) -> &Regex {
        self.regex(1)
    }

    fn heading_re(&self) -> &Regex {
        self.regex(2)
    }

    fn cell_re(&self) -> &Regex {
        self.regex(3)
    }

    fn year_column_re(&self) -> &Regex {
        self.regex(4)
    }
}

/// A word list with the indexes its lookups need: an automaton for "is
/// any of them in this text", and the words by first and by last
/// character, so that prefix and suffix lookups compare only the words
/// that can match. Derefs to the words, in their original order.
#[derive(Debug)]
struct WordSet {
    words: Vec<String>,
    /// Leftmost-first, so that aho-corasick can search with its SIMD
    /// prefilter: "is any word here" has the same answer under every match
    /// kind.
    any: AhoCorasick,
    /// Every occurrence, overlapping ones too (standard semantics).
    all: AhoCorasick,
    by_first: HashMap<char, Vec<usize>>,
    by_last: HashMap<char, Vec<usize>>,
}

impl WordSet {
    fn new(words: Vec<String>) -> Result<WordSet> {
        let mut set = WordSet {
            any: automaton(&words, MatchKind::LeftmostFirst)?,
            all: automaton(&words, MatchKind::Standard)?,
            words: Vec::new(),
            by_first: HashMap::new(),
            by_last: HashMap::new(),
        };
        for (i, w) in words.iter().enumerate() {
            if let (Some(first), Some(last)) = (w.chars().next(), w.chars().next_back()) {
                set.by_first.entry(first).or_default().push(i);
                set.by_last.entry(last).or_default().push(i);
            }
        }
        set.words = words;
        Ok(set)
    }

    /// The word that starts last in `s`, with where it starts (of words
    /// starting at the same place, the later in the list).
    fn last_in(&self, s: &str) -> Option<(usize, &String)> {
        self.all
            .find_overlapping_iter(s)
            .map(|m| (m.start(), m.pattern().as_usize()))
            .max()
            .map(|(at, i)| (at, &self.words[i]))
    }

    /// The indexes of the words that may start `s`, in list order.
    fn starting(&self, s: &str) -> impl Iterator<Item = &String> {
        let ids = s.chars().next().and_then(|c| self.by_first.get(&c));
        ids.into_iter().flatten().map(|&i| &self.words[i])
    }

    /// The indexes of the words that may end `s`, in list order.
    fn ending(&self, s: &str) -> impl Iterator<Item = &String> {
        let ids = s.chars().next_back().and_then(|c| self.by_last.get(&c));
        ids.into_iter().flatten().map(|&i| &self.words[i])
    }
}

impl std::ops::Deref for WordSet {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// Whether `s` contains any of `words`.
fn has_any(s: &str, words: &WordSet) -> bool {
    words.any.is_match(s)
}

/// An automaton over `words`; fails only on a list too large to compile.
fn automaton<I: AsRef<[u8]>>(
    words: impl IntoIterator<Item = I>,
    kind: MatchKind,
) -> Result<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(kind)
        .build(words)
        .map_err(|e| {
            Error::new(
                ErrorKind::Dict("targets".to_string()),
                format!("target words: {e}"),
            )
        })
}

/// The longest of `words` that `s` ends with.
fn ends_with_any<'w>(s: &str, words: &'w WordSet) -> Option<&'w str> {
    words
        .ending(s)
        .filter(|w| s.ends_with(w.as_str()))
        .max_by_key(|w| w.len())
        .map(String::as_str)
}

/// The longest of `words` that `s` starts with.
fn starts_with_any<'w>(s: &str, words: &'w WordSet) -> Option<&'w str> {
    words
        .starting(s)
        .filter(|w| s.starts_with(w.as_str()))
        .max_by_key(|w| w.len())
        .map(String::as_str)
}

/// Every target of the text and of its tables, in order of position.
pub(crate) fn extract(
    ctx: &Context<'_>,
    tables: &[Table],
    dates: &[DateMention],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Target> {
    let lines = line_tables(ctx.text, &ctx.rules.target);
    extract_with(ctx, tables, lines, dates, diagnostics)
}

/// [`extract`] with the tables [`line_tables`] read from `ctx.text` given
/// (they need only the text, so they can be read before the dates).
pub(crate) fn extract_with(
    ctx: &Context<'_>,
    tables: &[Table],
    line_tables: Vec<Table>,
    dates: &[DateMention],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Target> {
    let rules = &ctx.rules.target;
    let plan_end = planning_end(ctx.text, rules, dates);
    let mut out = Vec::new();
    // Tables the structure stage did not find, read here from one-cell-a-line text.
    let mut tables: Vec<Table> = tables.to_vec();
    for t in line_tables {
        if !tables.iter().any(|u| u.span.overlaps(&t.span)) {
            tables.push(t);
        }
    }
    for table in &tables {
        table_targets(rules, table, plan_end.as_deref(), &mut out, diagnostics);
    }
    let table_spans: Vec<Span> = tables.iter().map(|t| t.span).collect();
    let mut sorted: Vec<DateMention>;
    let dates = if dates.windows(2).all(|w| w[0].span.start <= w[1].span.start) {
        dates
    } else {
        sorted = dates.to_vec();
        sorted.sort_by_key(|d| d.span.start);
        &sorted
    };
    text_targets(
        ctx,
        dates,
        &table_spans,
        plan_end.as_deref(),
        &mut out,
        diagnostics,
    );
    out.sort_by_key(|t| (t.span.start, t.span.end));
    out.dedup_by(|a, b| a.span == b.span && a.value == b.value);
    out
}

/// The last year of the document's planning period, read from its head
/// (`“十四五”…规划` gives 2025, `（2018—2020年）` gives 2020).
fn planning_end(text: &str, rules: &TargetRules, dates: &[DateMention]) -> Option<String> {
    let mut head_end = text.len().min(1500);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    // Every period named in the head, with where it is.
    let mut periods: Vec<(usize, String)> = dates
        .iter()
        .filter(|d| d.kind == DateKind::Period && d.span.end <= head_end)
        .filter_map(|d| {
            let (_, end) = d.value.as_deref()?.split_once('/')?;
            Some((d.span.start, end[..end.len().min(4)].to_string()))
        })
        .collect();
    // The first place of each plan name, names inside longer ones included.
    let mut seen = vec![false; rules.plans.len()];
    for m in rules.plan_names_overlapping.find_overlapping_iter(head) {
        let k = m.pattern().as_usize();
        if std::mem::replace(&mut seen[k], true) {
            continue;
        }
        if let Some((_, end)) = rules.plans[k].1.split_once('/') {
            periods.push((m.start(), end.to_string()));
        }
    }
    for c in rules.period_re().captures_iter(head) {
        if let (Some(m), Some(to)) = (c.get(0), c.name("to")) {
            periods.push((m.start(), to.as_str().to_string()));
        }
    }
    periods.sort();
    // The period of the plan's own title line (规划, 计划, 方案; no comma or
    // full stop) first: a cover letter may cite older plans.
    let mut pos = 0;
    for line in head.split_inclusive('\n') {
        let range = pos..pos + line.len();
        pos = range.end;
        let title = !line.contains(['，', '。', ',']);
        if title
            && ["规划", "计划", "方案", "纲要", "規劃", "計劃"]
                .iter()
                .any(|w| line.contains(w))
        {
            if let Some((_, end)) = periods.iter().find(|(at, _)| range.contains(at)) {
                return Some(end.clone());
            }
        }
    }
    periods.first().map(|(_, end)| end.clone())
}

/// What kind of section a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Neutral,
    Past,
    Goal,
}

/// The deadlines of a text range, by position: from the date mentions if
/// the date stage found any there (`dates` sorted by start), else from the
/// deadline and period patterns.
fn deadlines_in(
    text: &str,
    range: Range<usize>,
    rules: &TargetRules,
    dates: &[DateMention],
) -> Vec<(usize, String)> {
    let first = dates.partition_point(|d| d.span.start < range.start);
    let mut found: Vec<(usize, String)> = dates[first..]
        .iter()
        .take_while(|d| d.span.start < range.end)
        .filter(|d| d.span.end <= range.end)
        .filter_map(|d| {
            let v = d.value.as_deref()?;
            match d.kind {
                DateKind::Deadline => Some((d.span.start, v.to_string())),
                DateKind::Period => v
                    .split_once('/')
                    .map(|(_, e)| (d.span.start, e.to_string())),
                _ => None,
            }
        })
        .collect();
    if found.is_empty() {
        let s = &text[range.clone()];
        // “十四五”期间, 十四五时期, “十四五”末: the plan's last year (the
        // longest name wins: 十四五 is not 四五).
        for m in rules.plan_names.find_iter(s) {
            let (_, period) = &rules.plans[m.pattern().as_usize()];
            let after = s[m.end()..].trim_start_matches(['”', '"', '’']);
            if ["期间", "时期", "末", "期末", "期間", "時期"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                if let Some((_, end)) = period.split_once('/') {
                    found.push((range.start + m.start(), end.to_string()));
                }
            }
        }
        // Both patterns below need a year in four digits.
        if !has_year_digits(s) {
            found.sort_by_key(|(at, _)| *at);
            return found;
        }
        let mut covered: Vec<Range<usize>> = Vec::new();
        for c in rules.period_re().captures_iter(s) {
            let m = c.get(0).map_or(0..0, |m| m.range());
            if let Some(to) = c.name("to") {
                found.push((range.start + m.start, to.as_str().to_string()));
                covered.push(m);
            }
        }
        for c in rules.deadline_re().captures_iter(s) {
            let m = c.get(0).map_or(0..0, |m| m.range());
            if covered.iter().any(|r| r.start < m.end && m.start < r.end) {
                continue;
            }
            // 截至2020年 reports, it does not set a deadline.
            if s[..m.start].ends_with('截') || s[..m.start].ends_with('止') {
                continue;
            }
            let year = c.name("y1").or_else(|| c.name("y2"));
            let month = c.name("m1").or_else(|| c.name("m2"));
            if let Some(y) = year {
                let v = match month.and_then(|m| m.as_str().parse::<u32>().ok()) {
                    Some(m) if (1..=12).contains(&m) => format!("{}-{m:02}", y.as_str()),
                    _ => y.as_str().to_string(),
                };
                found.push((range.start + m.start, v));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// Whether `s` has four ASCII digits in a row (a year may be there). Most
/// sentences have no digit at all: a vectorized test tells first.
fn has_year_digits(s: &str) -> bool {
    numeral::has_ascii_digit(s)
        && s.as_bytes()
            .split(|b| !b.is_ascii_digit())
            .any(|run| run.len() >= 4)
}

/// Where a text range states a deadline (到2025年, 2024年底前), as opposed to
/// a period (“十三五”以来, 2018至2020年), which may describe the past.
fn commitments_in(
    text: &str,
    range: Range<usize>,
    rules: &TargetRules,
    dates: &[DateMention],
) -> Vec<usize> {
    let first = dates.partition_point(|d| d.span.start < range.start);
    let mut out: Vec<usize> = dates[first..]
        .iter()
        .take_while(|d| d.span.start < range.end)
        .filter(|d| d.kind == DateKind::Deadline)
        .map(|d| d.span.start)
        .collect();
    let s = &text[range.clone()];
    for m in rules.deadline_re().find_iter(s) {
        let before = &s[..m.start()];
        if !before.ends_with('截') && !before.ends_with('止') && !m.as_str().contains(['—', '-'])
        {
            out.push(range.start + m.start());
        }
    }
    out
}

/// Of the deadlines of a sentence, the last one starting before `before`,
/// else the first one.
fn pick_deadline(found: &[(usize, String)], before: usize) -> Option<String> {
    found
        .iter()
        .rev()
        .find(|(at, _)| *at < before)
        .or_else(|| found.first())
        .map(|(_, v)| v.clone())
}

/// Splits `range` of `text` at any of `stops`, keeping each stop char with
/// the piece before it.
fn split_at_chars(text: &str, range: Range<usize>, stops: &Stops) -> Vec<Range<usize>> {
    let bytes = &text.as_bytes()[range.clone()];
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, b) in bytes.iter().enumerate() {
        // Only a byte that starts the UTF-8 form of a stop can start one,
        // and such a byte (never a continuation byte) starts a character:
        // the other bytes are stepped over without decoding.
        if !stops.first[usize::from(*b)] {
            continue;
        }
        let at = range.start + i;
        if let Some(c) = text[at..].chars().next().filter(|&c| stops.contains(c)) {
            let end = at + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// Characters that end a sentence or a clause, with the first bytes of
/// their UTF-8 forms, worked out at compile time.
struct Stops {
    chars: &'static [char],
    first: [bool; 256],
}

impl Stops {
    const fn new(chars: &'static [char]) -> Stops {
        let mut first = [false; 256];
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i] as u32;
            let lead = match c {
                0..=0x7F => c,
                0x80..=0x7FF => 0xC0 | (c >> 6),
                0x800..=0xFFFF => 0xE0 | (c >> 12),
                _ => 0xF0 | (c >> 18),
            };
            first[lead as usize] = true;
            i += 1;
        }
        Stops { chars, first }
    }

    fn contains(&self, c: char) -> bool {
        self.chars.contains(&c)
    }
}

/// Endings of the nouns that name a measure (`森林覆盖率`, `人均预期寿命`):
/// a number right after one, in a stated goal, is its plain value.
const MEASURE_ENDS: [&str; 16] = [
    "率", "比例", "占比", "比重", "数", "量", "规模", "面积", "总量", "人数", "寿命", "密度",
    "强度", "指数", "收入", "总值",
];

/// How far before a number its comparator and verb are looked for.
const PRE_BYTES: usize = 240;

/// Ends of sentences.
const SENTENCE_ENDS: Stops = Stops::new(&['。', '！', '？', '；', ';', '!']);
/// Ends of clauses inside a sentence.
const CLAUSE_ENDS: Stops = Stops::new(&['，', ',', '：', ':']);

/// State carried from line to line.
struct Flow {
    /// Section kind at each heading level (章, 节, 一、, （一）).
    levels: [SectionKind; 4],
    /// A deadline set by a lead-in line ending with `：`.
    lead: Option<String>,
}

impl Flow {
    fn kind(&self) -> SectionKind {
        self.levels
            .iter()
            .rev()
            .copied()
            .find(|k| *k != SectionKind::Neutral)
            .unwrap_or(SectionKind::Neutral)
    }
}

/// The targets written in running text.
fn text_targets(
    ctx: &Context<'_>,
    dates: &[DateMention],
    table_spans: &[Span],
    plan_end: Option<&str>,
    out: &mut Vec<Target>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = ctx.text;
    let rules = &ctx.rules.target;
    let mut flow = Flow {
        levels: [SectionKind::Neutral; 4],
        lead: None,
    };
    // Tables by start, with the furthest end so far: a line lies in a
    // table only if one starting before it reaches its end.
    // A table holds its lines up to one byte past its end (the line break).
    let tables: Vec<Span> = table_spans
        .iter()
        .map(|t| Span::new(t.start, t.end.max(t.start) + 1))
        .collect();
    let index = SpanIndex::new(&tables);
    let in_table = |range: &Range<usize>| {
        index
            .candidates(range.start, range.end)
            .any(|i| range.end <= tables[i].end)
    };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        if line.trim().is_empty() || in_table(&range) {
            continue;
        }
        let mut body = range.clone();
        // Every heading label starts with one of these.
        let may_head = line.trim_start().starts_with([
            '第', '（', '(', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
        ]);
        if let Some(c) = may_head
            .then(|| rules.heading_re().captures(line))
            .flatten()
        {
            let label_end = c.get(0).map_or(0, |m| m.end());
            let rest = &line[label_end..];
            let heading = rest
                .split(['。', '\n'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches(['：', ':']);
            if heading.chars().count() <= 30 {
                let level = if c.name("chapter").is_some() {
                    0
                } else if c.name("section").is_some() {
                    1
                } else if c.name("top").is_some() {
                    2
                } else {
                    3
                };
                let kind = if has_any(heading, &rules.cues.goal_section) {
                    SectionKind::Goal
                } else if has_any(heading, &rules.cues.past_section) {
                    SectionKind::Past
                } else {
                    SectionKind::Neutral
                };
                flow.levels[level] = kind;
                for l in flow.levels.iter_mut().skip(level + 1) {
                    *l = SectionKind::Neutral;
                }
                flow.lead = None;
                body = range.start + label_end..range.end;
            }
        }
        // A line with no number has no target, and without a year in digits
        // it opens no deadline for the lines after it.
        if !numeral::any_may_start(&text[body.clone()]) {
            continue;
        }
        let mut para_deadline: Option<String> = None;
        for sent in split_at_chars(text, body, &SENTENCE_ENDS) {
            let sent_text = text[sent.clone()].trim_end();
            let found = out.len();
            sentence_targets(ctx, dates, sent.clone(), &flow, out);
            for t in &mut out[found..] {
                if t.deadline.is_none() {
                    t.deadline =
                        para_deadline
                            .clone()
                            .or_else(|| flow.lead.clone())
                            .or_else(|| {
                                (flow.kind() == SectionKind::Goal)
                                    .then(|| plan_end.map(str::to_string))
                                    .flatten()
                            });
                }
            }
            // A deadline that opens its sentence (到2020年，……) governs the
            // rest of the paragraph; one inside a clause governs only it.
            let opens = || {
                has_year_digits(sent_text)
                    && rules.deadline_re().find(sent_text).is_some_and(|m| {
                        let lead = sent_text[..m.start()].trim();
                        (lead.chars().count() <= 2 || lead.ends_with(['，', ',']))
                            && !lead.chars().any(|c| c.is_ascii_digit())
                    })
            };
            if opens() {
                let own = pick_deadline(&deadlines_in(text, sent.clone(), rules, dates), sent.end);
                if own.is_some() {
                    para_deadline = own.clone();
                    if sent_text.ends_with('：') || sent_text.ends_with(':') {
                        flow.lead = own;
                    }
                }
            }
        }
    }
    for t in out
        .iter()
        .filter(|t| t.indicator.is_none() && t.baseline.is_none())
    {
        diagnostics.push(Diagnostic {
            level: Level::Info,
            message: "target: no indicator found before or after the number".to_string(),
            span: Some(t.span),
        });
    }
}

/// A target being read in a clause, before it is a [`Target`].
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    /// End of the number, unit and trailing comparator.
    value_end: usize,
    indicator: Option<String>,
    comparator: String,
    clause: usize,
}

/// The targets of one sentence, pushed to `out`, each with the deadline
/// the sentence sets for it, if any.
fn sentence_targets(
    ctx: &Context<'_>,
    dates: &[DateMention],
    sent: Range<usize>,
    flow: &Flow,
    out: &mut Vec<Target>,
) {
    let text = ctx.text;
    let rules = &ctx.rules.target;
    let cues = &rules.cues;
    let s = &text[sent.clone()];
    if !numeral::any_digit(s) {
        return;
    }
    let numerals = find_numerals(s);
    // A number in Chinese numerals is read only with a unit, 大 or a zero
    // goal after it (一批, 进一步 are not counts): a sentence with no other
    // number has no target, whatever its cues say.
    let may_count = |n: &Numeral| {
        let after = text[sent.start + n.end..].trim_start();
        !n.chinese
            || n.unit.is_some()
            || !n.magnitude.is_empty()
            || n.value == 0.0
            || after.starts_with('大')
            || rules
                .units
                .starting(after)
                .any(|u| after.starts_with(u.as_str()))
    };
    if !numerals.iter().any(may_count) {
        return;
    }
    let deadlines = &deadlines_in(text, sent.clone(), rules, dates);
    let clauses = split_at_chars(text, sent.clone(), &CLAUSE_ENDS);
    let own_deadline_any = pick_deadline(deadlines, sent.end);
    let commitments = commitments_in(text, sent.clone(), rules, dates);
    let future = !commitments.is_empty() || has_any(s, &cues.future);
    // 2020年医疗机构床位数……: a year before the document's own reports; a
    // year from the document's own on (2021年新建……in a 2021 plan) plans.
    let doc_year: Option<u32> = ctx
        .doc_date
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let starts_with_year = {
        let t = s.trim_start();
        t.len() >= 5
            && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && t[4..].trim_start().starts_with('年')
            && match (t[..4].parse::<u32>().ok(), doc_year) {
                (Some(y), Some(d)) => y < d,
                _ => true,
            }
    };
    let goal_context = flow.kind() == SectionKind::Goal;
    let past = has_any(s, &cues.past) || starts_with_year;
    // A section on achievements reports; only a stated deadline commits there.
    if past && !future || flow.kind() == SectionKind::Past && commitments.is_empty() {
        return;
    }
    // Quote depth at each numeral: counts in names (“健康服务业50条”) are not targets.
    let mut prev: Option<Found> = None;
    let (mut quote_depth, mut quote_pos) = (0, sent.start);
    for n in &numerals {
        let at = sent.start + n.start;
        let n_end = sent.start + n.end;
        let ci = clauses.partition_point(|c| c.end <= at);
        if ci >= clauses.len() || clauses[ci].start > at {
            continue;
        }
        let clause = clauses[ci].clone();
        let clause_body_end = text[clause.clone()]
            .trim_end_matches(|c: char| {
                CLAUSE_ENDS.contains(c) || SENTENCE_ENDS.contains(c) || c.is_whitespace()
            })
            .len()
            + clause.start;
        quote_depth = quote_depth_after(quote_depth, &text[quote_pos.min(at)..at]);
        quote_pos = at;
        if quote_depth > 0 {
            continue;
        }
        // A line holding only a value (a table cell): no indicator, no target.
        let clause_text = text[clause.clone()].trim();
        if clause_text.chars().all(|c| {
            !c.is_alphabetic()
                || c.is_ascii()
                || matches!(c, '以' | '上' | '下' | '内' | '左' | '右')
        }) {
            continue;
        }
        // The words before the number, at most a long clause's tail.
        let mut pre_start = clause.start.max(at.saturating_sub(PRE_BYTES));
        while !text.is_char_boundary(pre_start) {
            pre_start += 1;
        }
        let pre_all = &text[pre_start..at];
        let pre = pre_all.trim_end();
        let prev_char = pre.chars().last();
        if matches!(
            prev_char,
            Some('第' | '（' | '(' | '〔' | '[' | '.' | '/' | '-' | '—')
        ) || prev_char.is_some_and(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        let after_num = &text[n_end..clause_body_end.max(n_end)];
        let after_trim = after_num.trim_start();
        if after_trim.starts_with(|c: char| {
            c.is_ascii_alphabetic() || matches!(c, '、' | '.' | '．' | '）' | ')')
        }) && n.unit.is_none()
            && n.magnitude.is_empty()
        {
            continue;
        }
        if starts_with_any(after_trim, &cues.not_unit).is_some() && n.unit.is_none() {
            continue;
        }
        // The unit.
        let (unit, unit_len) = match n.unit {
            Some(u) => (Some(format!("{}{u}", n.magnitude)), 0),
            None => match rules
                .units
                .starting(after_trim)
                .find(|u| after_trim.starts_with(u.as_str()))
            {
                Some(u) => (Some(format!("{}{u}", n.magnitude)), u.len()),
                None if !n.magnitude.is_empty() => (Some(n.magnitude.to_string()), 0),
                None => (None, 0),
            },
        };
        // 二级医院, 三级以上: a grade written in Chinese names a class.
        if n.chinese && unit.as_deref() == Some("级") {
            continue;
        }
        // 岁以下 after a unit 岁 too (3岁以下婴幼儿).
        if unit.as_deref() == Some("岁") {
            let t = &after_trim["岁".len()..];
            if t.starts_with("以下") || t.starts_with("以上") || t.starts_with("及以上") {
                let t2 = t
                    .trim_start_matches("及")
                    .trim_start_matches("以下")
                    .trim_start_matches("以上");
                if t2.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                    continue;
                }
            }
        }
        let mut value_end =
            n_end + (after_num.len() - after_trim.len()) * usize::from(unit_len > 0) + unit_len;
        // 6大功能性平台: 大 as a measure word of a count.
        let mut measure_word = false;
        if unit.is_none()
            && text[value_end..].starts_with('大')
            && n.value.fract() == 0.0
            && n.value < 100.0
        {
            value_end += '大'.len_utf8();
            measure_word = true;
        }
        // 事件零发生: a zero goal.
        let zero = (n.chinese && n.value == 0.0)
            .then(|| starts_with_any(&text[at..], &cues.zero))
            .flatten();
        if let Some(z) = zero {
            value_end = at + z.len();
        } else if n.chinese && unit.is_none() && !measure_word {
            continue;
        }
        let after_unit = &text[value_end..clause_body_end.max(value_end)];
        // Comparator.
        let mut comparator: Option<String> = zero.map(|_| "=".to_string());
        let mut cmp_start = at;
        let mut adjacent = true;
        let mut object = false;
        let mut growth = false;
        let mut object_verb: Option<String> = None;
        let mut far_verb: Option<usize> = None;
        // A phrase after the number (…以上) or around it (控制在…以内).
        let after_start = after_unit.trim_start();
        let candidates = after_start
            .chars()
            .next()
            .and_then(|c| rules.after_by_first.get(&c));
        for p in candidates.into_iter().flatten().map(|&i| &rules.phrases[i]) {
            let around = !p.before.is_empty();
            if (!around || pre.ends_with(p.before.as_str()))
                && after_unit.trim_start().starts_with(p.after.as_str())
            {
                let skip = after_unit.len() - after_unit.trim_start().len();
                value_end += skip + p.after.len();
                if around {
                    cmp_start = pre_start + pre.len() - p.before.len();
                }
                comparator = Some(p.comparator.clone());
                break;
            }
        }
        // 翻一番 carries its own verb.
        if comparator.is_none() && n.unit == Some("倍") && n.chinese {
            comparator = Some("=".to_string());
        }
        let after_cmp = comparator.clone();
        // The phrase before (the longest).
        let before = rules
            .plain_ending(pre)
            .filter(|p| pre.ends_with(p.before.as_str()))
            .max_by_key(|p| p.before.len())
            // 为 states a value only after a measure (比例为30%), not as
            // a preposition (为100家企业提供服务).
            .filter(|p| {
                p.before != "为" && p.before != "為"
                    || MEASURE_ENDS
                        .iter()
                        .any(|e| pre[..pre.len() - p.before.len()].ends_with(e))
            });
        if let Some(p) = before {
            cmp_start = cmp_start.min(pre_start + pre.len() - p.before.len());
            // 至少建成1家: a bound before the verb decides.
            let rest = &pre[..pre.len() - p.before.len()];
            let bound = rules
                .plain_ending(rest)
                .filter(|q| q.comparator != "=" && rest.ends_with(q.before.as_str()))
                .max_by_key(|q| q.before.len());
            object = cues.object.iter().any(|o| o == &p.before);
            if object {
                object_verb = Some(p.before.clone());
            }
            growth = cues.growth.iter().any(|o| o == &p.before);
            comparator = match (after_cmp.as_deref(), bound) {
                // 达到95%以上: the trailing word decides; 不低于…左右 keeps 不低于.
                (Some(a), _) if p.comparator == "=" || a == ">=" || a == "<=" => {
                    Some(a.to_string())
                }
                (None, Some(q)) if p.comparator == "=" => {
                    cmp_start -= q.before.len();
                    Some(q.comparator.clone())
                }
                _ => Some(p.comparator.clone()),
            };
        }
        // A report in the clause itself (目前已选择1个区), whatever the sentence says next.
        if has_any(pre_all, &cues.past) && !commitments.iter().any(|p| clause.contains(p)) {
            continue;
        }
        // A class of things, not a goal: 100张床位及以上的医疗机构,
        // 二级以上公立医院 (unless a verb makes it one: 建成3个以上……).
        if after_cmp.as_deref().is_some_and(|c| c == ">=" || c == "<=")
            && (text[value_end..].starts_with('的')
                && !["的目标", "的水平", "的任务"]
                    .iter()
                    .any(|w| text[value_end..].starts_with(w))
                || before.is_none()
                    && text[value_end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() && !c.is_ascii() && c != '的'))
        {
            continue;
        }
        // A starting value: 从1个扩大到4个, 原来25%.
        if ends_with_any(pre, &cues.from).is_some() {
            continue;
        }
        // List continuation: 分别达到65%和55%.
        let mut inherited: Option<Found> = None;
        if let Some(p) = &prev {
            if p.clause == ci {
                let between = text[p.value_end.min(at)..at].trim();
                if matches!(between, "和" | "、" | "及" | "与" | "或" | "至") {
                    inherited = Some(p.clone());
                }
            }
        }
        if comparator.is_none() {
            if let Some(p) = &inherited {
                comparator = Some(p.comparator.clone());
            }
        }
        // A strong comparator a few words before: 不超过工资薪金总额8%.
        if comparator.is_none() && !n.chinese {
            let best = rules
                .strong
                .find_overlapping_iter(pre)
                .map(|m| {
                    (
                        m.start(),
                        &rules.phrases[rules.strong_ids[m.pattern().as_usize()]],
                    )
                })
                // The rightmost, and of those the longest (不超过 over 超过).
                .max_by_key(|(i, p)| (*i + p.before.len(), p.before.len()));
            if let Some((i, p)) = best {
                let gap = &pre[i + p.before.len()..];
                if gap.chars().count() <= 10
                    && !gap.chars().any(|c| {
                        c.is_ascii_digit()
                            || c.is_ascii_punctuation()
                            || "、，。；（）“”".contains(c)
                    })
                {
                    comparator = Some(p.comparator.clone());
                    cmp_start = pre_start + i;
                    adjacent = false;
                }
            }
        }
        // A verb of making far before: 打造……等6大功能性平台.
        if comparator.is_none() {
            let last = cues.object.last_in(pre);
            if let Some((i, o)) = last {
                let gap = &pre[i + o.len()..];
                if !gap
                    .chars()
                    .any(|c| c.is_ascii_digit() || super::numeral::digit(c).is_some())
                {
                    comparator = Some("=".to_string());
                    object = true;
                    object_verb = Some(o.clone());
                    far_verb = Some(pre_start + i);
                    adjacent = false;
                    cmp_start = at;
                }
            }
        }
        // 15%的税率: a rate named after the number.
        let mut named_after: Option<Range<usize>> = None;
        if comparator.is_none() && unit.as_deref() == Some("%") {
            if let Some(rest) = after_unit.strip_prefix('的') {
                let noun: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() && !c.is_ascii_digit())
                    .take(8)
                    .collect();
                let cut = ["率", "比例", "比重"]
                    .iter()
                    .filter_map(|e| noun.find(e).map(|i| i + e.len()))
                    .min();
                if let Some(cut) = cut {
                    let s0 = value_end + '的'.len_utf8();
                    named_after = Some(s0..s0 + cut);
                    comparator = Some("=".to_string());
                }
            }
        }
        // A plain value after a measure in a stated goal: 森林覆盖率41%.
        if comparator.is_none()
            && (goal_context || own_deadline_any.is_some())
            && unit.is_some()
            && MEASURE_ENDS.iter().any(|e| pre.ends_with(e))
        {
            comparator = Some("=".to_string());
        }
        // 三级医院50%出院患者……实现临床路径管理.
        let mut verb_after = false;
        // The shared verb phrase belongs to each indicator: 出院患者实现临床路径管理.
        let mut verb_phrase = String::new();
        if comparator.is_none() && unit.as_deref() == Some("%") && !after_unit.is_empty() {
            let tail = &text[value_end..clause_body_end.max(value_end)];
            if let Some(i) = tail.find("实现").or_else(|| tail.find("达到")) {
                if !tail[i..].chars().any(|c| c.is_ascii_digit()) {
                    comparator = Some("=".to_string());
                    verb_after = true;
                    verb_phrase = tail[i..].to_string();
                }
            }
        }
        let Some(mut comparator) = comparator else {
            continue;
        };
        // 一批, 一个, 一支: an article, not a count, unless bounded (至少一个).
        if n.chinese && n.value == 1.0 && matches!(comparator.as_str(), "=" | "~") {
            continue;
        }
        let mut near_end = clause.end.min(at + PRE_BYTES);
        while !text.is_char_boundary(near_end) {
            near_end -= 1;
        }
        if has_any(&text[pre_start..near_end.max(at)], &cues.policy) {
            continue;
        }
        if has_any(pre_all, &cues.negation) {
            comparator = match comparator.as_str() {
                "<" => ">=",
                ">" => "<=",
                "<=" => ">",
                ">=" => "<",
                c => c,
            }
            .to_string();
        }
        if n.upper.is_some() && comparator == "=" {
            comparator = ">=".to_string();
        }
        // The indicator before the comparator.
        let region_start = match &prev {
            Some(p) if p.clause == ci => p.end.max(clause.start).min(cmp_start.max(clause.start)),
            _ => clause.start,
        };
        let (mut ind_range, mut indicator) = if adjacent || cmp_start < at {
            indicator_before(ctx, region_start..cmp_start.max(region_start))
        } else {
            (cmp_start..cmp_start, String::new())
        };
        if growth && ind_range.start < ind_range.end {
            indicator = text[ind_range.start..at].trim().replace("分别", "");
        }
        // The object after the number: 建成3个以上……功能区, 0.75名卫生监督员.
        let mut end = value_end;
        let after_v = &text[value_end..clause_body_end.max(value_end)];
        let after_v = match starts_with_any(after_v, &cues.after_skip) {
            Some(w) => {
                end += w.len();
                &after_v[w.len()..]
            }
            None => after_v,
        };
        let mut after_noun = String::new();
        if let Some(r) = named_after.clone() {
            after_noun = text[r.clone()].to_string();
            end = r.end;
            indicator.clear();
            ind_range = at..at;
        } else if object || measure_word {
            let noun = after_v.trim_start_matches('的');
            let noun_len = noun
                .char_indices()
                .take(40)
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            let noun = &noun[..noun_len];
            if !noun.is_empty() {
                after_noun = noun.to_string();
                end = clause_body_end
                    .min(value_end + (after_v.len() - noun.len() + noun_len))
                    .max(end);
                end = end.max(
                    value_end + after_v.len() - after_v.trim_start_matches('的').len() + noun_len,
                );
            }
        } else if after_v.starts_with(|c: char| c.is_alphabetic() && !c.is_ascii())
            && !["和", "及", "与", "或", "以", "左", "的", "，"]
                .iter()
                .any(|w| after_v.starts_with(w))
        {
            let stop = after_v
                .char_indices()
                .find(|(_, c)| {
                    matches!(c, '的' | '、' | '，' | '。' | '；' | '：') || !c.is_alphanumeric()
                })
                .map_or(after_v.len(), |(i, _)| i);
            let mut noun = &after_v[..stop];
            if verb_after {
                if let Some(i) = noun.find("实现").or_else(|| noun.find("达到")) {
                    noun = &noun[..i];
                }
            }
            if noun.chars().count() <= 12 && !noun.is_empty() {
                after_noun = format!("{noun}{verb_phrase}");
                end = if verb_after && stop == after_v.len() {
                    clause_body_end
                } else {
                    value_end
                        + (after_v.as_ptr() as usize - text[value_end..].as_ptr() as usize)
                        + noun.len()
                };
            }
        }
        // 投入12.9亿元: what is spent is the indicator, not what follows.
        if object && unit.as_deref().is_some_and(|u| u.ends_with('元')) {
            after_noun.clear();
            end = value_end;
            if let Some(vs) = far_verb {
                // 完成投资1000亿元
                indicator = text[vs..at].trim().to_string();
                ind_range = vs..at;
            } else if let Some(v) = &object_verb {
                indicator = v.clone();
                ind_range = cmp_start..cmp_start;
            }
        }
        if object && !after_noun.is_empty() {
            indicator = after_noun.clone();
            if !adjacent {
                ind_range = at..at;
            }
        } else if !after_noun.is_empty() {
            indicator.push_str(&after_noun);
        }
        if object && indicator.is_empty() {
            // 培训全科医生2000名: the verb and its object before the number.
            let from = far_verb.unwrap_or(cmp_start);
            indicator = text[from..at].trim().to_string();
            ind_range = from..at;
        }
        if let Some(p) = &inherited {
            if !object || indicator.is_empty() {
                indicator = p.indicator.clone().unwrap_or_default();
            }
            ind_range = p.start..p.start;
        }
        // The same measure again, later in the sentence: 覆盖率达到80%，到2025年达到90%.
        if indicator.is_empty() && !object && ind_range.start >= ind_range.end {
            if let Some(p) = &prev {
                let lead = &text[clause.start..cmp_start.max(clause.start)];
                let lead = rules.deadline_re().replace(lead, "");
                let lead = lead.trim().trim_end_matches(['，', ',']);
                if lead.is_empty() || cues.adverb.iter().any(|a| a == lead) {
                    indicator = p.indicator.clone().unwrap_or_default();
                }
            }
        }
        // The previous clause, when this one starts with the comparator:
        // 职工教育经费支出，不超过工资薪金总额8%.
        if indicator.is_empty() && ci > 0 && !object {
            let pc = clauses[ci - 1].clone();
            let body_end = pc.start
                + text[pc.clone()]
                    .trim_end_matches(|c: char| CLAUSE_ENDS.contains(c))
                    .len();
            if !rules.deadline_re().is_match(&text[pc.start..body_end])
                && !text[pc.start..body_end].chars().any(|c| c.is_ascii_digit())
            {
                let (r, ind) = indicator_before(ctx, pc.start..body_end);
                ind_range = r;
                indicator = ind;
            }
        }
        let start = if adjacent {
            ind_range.start.min(cmp_start).min(at)
        } else if ind_range.start < ind_range.end {
            ind_range.start.min(cmp_start)
        } else {
            cmp_start.min(at)
        };
        let end = end.max(value_end);
        let deadline = pick_deadline(deadlines, at);
        let value = n.value;
        let normalized = unit.as_deref().and_then(|u| normalize(u, value));
        let indicator = clean_indicator(&indicator);
        let found = Found {
            start,
            end,
            value_end,
            indicator: indicator.clone(),
            comparator: comparator.clone(),
            clause: ci,
        };
        prev = Some(found);
        out.push(Target {
            text: text[start..end].to_string(),
            span: Span::new(start, end),
            indicator,
            comparator,
            value,
            unit,
            deadline,
            baseline: None,
            measure: None,
            attribute: None,
            normalized,
        });
    }
}

/// The depth of quotes and titles (`“…`, `《…`) after reading `s` from `depth`.
fn quote_depth_after(mut depth: i32, s: &str) -> i32 {
    for c in s.chars() {
        match c {
            '“' | '《' | '「' => depth += 1,
            '”' | '》' | '」' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth
}

/// Trims an indicator: leading punctuation, trailing adverbs and particles.
fn clean_indicator(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches(['、', '，', ',', '：', ':', ' ', '(', '（'])
        .trim_end_matches([' ', '、', '，', ',']);
    (!t.is_empty()).then(|| t.to_string())
}

/// The indicator that ends at `range.end`: the words after the last stop
/// word of the range (jieba cuts the range, which is one clause at most),
/// with trailing adverbs (`均`, `分别`) removed. A leading deadline (`到2025年`)
/// and a starting value (`从1个`) are left out.
fn indicator_before(ctx: &Context<'_>, range: Range<usize>) -> (Range<usize>, String) {
    let text = ctx.text;
    let rules = &ctx.rules.target;
    let cues = &rules.cues;
    let mut start = range.start.max(range.end.saturating_sub(PRE_BYTES));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = range.end;
    if start >= end {
        return (start..start, String::new());
    }
    // Leading deadline.
    if let Some(m) = rules.deadline_re().find(&text[start..end]) {
        if text[start..start + m.start()].trim().is_empty() {
            start += m.end();
        }
    }
    // A starting value: cut at 从/由 when a number follows.
    for w in ["从", "由"] {
        if let Some(i) = text[start..end].rfind(w) {
            if text[start + i..end].chars().any(|c| c.is_ascii_digit()) {
                end = start + i;
            }
        }
    }
    start += item_label_len(&text[start..end]);
    let slice = &text[start..end];
    if slice.trim().is_empty() {
        return (end..end, String::new());
    }
    let words = ctx.words.cut_ranges(slice);
    let mut last = words.len();
    while last > 0 {
        let word = &slice[words[last - 1].clone()];
        if cues.adverb.iter().any(|a| a == word) || word.trim().is_empty() {
            last -= 1;
        } else {
            break;
        }
    }
    let mut first = 0;
    for (i, w) in words.iter().enumerate().take(last) {
        let word = &slice[w.clone()];
        if cues.stop.iter().any(|s| s == word)
            || word
                .chars()
                .all(|c| !c.is_alphanumeric() && !matches!(c, '(' | ')' | '（' | '）' | '、'))
            || word.chars().any(|c| c.is_ascii_digit())
                && i + 1 < words.len()
                && slice[words[i + 1].clone()].starts_with('年')
        {
            first = i + 1;
        }
    }
    if first >= last {
        return (end..end, String::new());
    }
    let mut s0 = start + words[first].start;
    let mut e0 = start + words[last - 1].end;
    // Adverbs jieba joined to the word before (率均).
    while let Some(a) = ends_with_any(&text[s0..e0], &cues.adverb) {
        if e0 - a.len() <= s0 {
            break;
        }
        e0 -= a.len();
    }
    // Leading 年 left over from a year, and punctuation.
    while let Some(c) = text[s0..e0].chars().next() {
        if c == '年' || c == '、' || c.is_whitespace() || c == '，' {
            s0 += c.len_utf8();
        } else {
            break;
        }
    }
    (s0..e0, text[s0..e0].to_string())
}

/// Length of an item label opening `s`: `（1）`, `(2)`, `3.`, `4、`, `①`.
fn item_label_len(s: &str) -> usize {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    if t.starts_with(|c: char| ('①'..='⑳').contains(&c)) {
        return lead + t.chars().next().map_or(0, char::len_utf8);
    }
    let open = t.starts_with(['（', '(']);
    let body = t.trim_start_matches(['（', '(']);
    let digits: usize = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || super::numeral::digit(*c).is_some() || *c == '十')
        .map(char::len_utf8)
        .sum();
    if digits == 0 || digits > 6 {
        return 0;
    }
    let rest = &body[digits..];
    let close = if open {
        &['）', ')'][..]
    } else {
        &['、', '.', '．', '）', ')'][..]
    };
    match rest.chars().next() {
        Some(c) if close.contains(&c) => s.len() - rest.len() + c.len_utf8(),
        _ => 0,
    }
}

/// The value in the base unit, when the unit starts with a magnitude
/// (`亿元` gives ×1e8 `元`).
fn normalize(unit: &str, value: f64) -> Option<Quantity> {
    for m in [
        "万亿", "萬億", "千万", "千萬", "百万", "百萬", "亿", "億", "万", "萬",
    ] {
        if let Some(rest) = unit.strip_prefix(m) {
            let scaled = value * magnitude_scale(m);
            return Some(Quantity {
                value: (scaled * 1e6).round() / 1e6,
                unit: (!rest.is_empty()).then(|| rest.to_string()),
            });
        }
    }
    None
}

/// What a short line of a one-cell-a-line table holds.
fn line_role(rules: &TargetRules, line: &str) -> CellRole {
    let t = line.trim();
    if matches!(t, "预期性" | "约束性" | "預期性" | "約束性") {
        CellRole::Attribute
    } else if rules.cell_re().is_match(t) {
        CellRole::Value
    } else if t == "%"
        || t == "‰"
        || rules.units.iter().any(|u| {
            t == u.as_str()
                || ["万", "亿", "萬", "億"]
                    .iter()
                    .any(|m| t.strip_prefix(m) == Some(u.as_str()))
        })
    {
        CellRole::Unit
    } else if t.chars().all(|c| !c.is_alphabetic()) || t.chars().count() > 40 {
        CellRole::Other
    } else {
        CellRole::Indicator
    }
}

/// Indicator tables written one cell a line (web and PDF copies): a header
/// of short lines naming the indicator and two year columns, then rows
/// that each start with an indicator. Only used where the structure stage
/// found no table.
pub(crate) fn line_tables(text: &str, rules: &TargetRules) -> Vec<Table> {
    let mut out = cell_line_tables(text, rules);
    for t in row_line_tables(text, rules) {
        if !out.iter().any(|u| u.span.overlaps(&t.span)) {
            out.push(t);
        }
    }
    out
}

/// The fields of a line split at white space, with their byte ranges
/// (offset by `base`); a lone `年` joins the year before it (`2020 年`).
fn fields(line: &str, base: usize) -> Vec<(Range<usize>, &str)> {
    let mut out: Vec<(Range<usize>, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let f = &line[s..i];
                let joins = f == "年"
                    && out.last().is_some_and(|(_, p)| {
                        p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())
                    });
                if joins {
                    if let Some(last) = out.last_mut() {
                        last.0.end = base + i;
                        last.1 = &line[last.0.start - base..i];
                    }
                } else {
                    out.push((base + s..base + i, f));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Splits the fields that normalization glued together (`单位2020年2025年`,
/// `1人均预期寿命`, `岁78.5`, `79.5预期性`): a value or year at either end of a
/// field, next to a Chinese character, is a field of its own.
fn split_fields<'a>(
    rules: &TargetRules,
    fields: Vec<(Range<usize>, &'a str)>,
    base: usize,
    line: &'a str,
) -> Vec<(Range<usize>, &'a str)> {
    let whole = |t: &str| rules.cell_re().is_match(t) || rules.year_column_re().is_match(t);
    let cjk = |c: char| c.is_alphabetic() && !c.is_ascii() || matches!(c, '）' | ')' | '%');
    let mut out = Vec::new();
    let mut stack: Vec<Range<usize>> = fields.into_iter().rev().map(|(r, _)| r).collect();
    while let Some(r) = stack.pop() {
        let f = &line[r.start - base..r.end - base];
        let bounds: Vec<usize> = f.char_indices().map(|(i, _)| i).skip(1).collect();
        // The longest value or year opening the field, then the longest closing it.
        let head = bounds.iter().rev().find(|&&i| {
            whole(&f[..i]) && f[i..].chars().next().is_some_and(cjk) && !f[i..].starts_with('%')
        });
        if let Some(&i) = head {
            out.push((r.start..r.start + i, &f[..i]));
            stack.push(r.start + i..r.end);
            continue;
        }
        let tail = bounds
            .iter()
            .find(|&&i| whole(&f[i..]) && f[..i].chars().last().is_some_and(cjk));
        if let Some(&i) = tail {
            stack.push(r.start + i..r.end);
            stack.push(r.start..r.start + i);
            continue;
        }
        out.push((r, f));
    }
    out
}

/// Indicator tables written one row a line, cells apart by white space
/// (PDF and plain-text copies): a header line naming the indicator and two
/// year columns, then rows of an indicator and its values.
fn row_line_tables(text: &str, rules: &TargetRules) -> Vec<Table> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for raw in text.split_inclusive('\n') {
        lines.push((pos, raw.trim_end_matches(['\n', '\r'])));
        pos += raw.len();
    }
    let mut i = 0;
    while i < lines.len() {
        let (base, line) = lines[i];
        // A header names its indicator column and is short: test that on the
        // line before cutting it into fields (its fields are its substrings).
        if !["指标", "名称", "指標"].iter().any(|w| line.contains(w)) || line.chars().count() > 80
        {
            i += 1;
            continue;
        }
        let head = split_fields(rules, fields(line, base), base, line);
        let years = head
            .iter()
            .filter(|(_, f)| rules.year_column_re().is_match(f))
            .count();
        let named = head
            .iter()
            .any(|(_, f)| f.contains("指标") || f.contains("名称") || f.contains("指標"));
        if head.len() < 3 || years == 0 || !named || line.chars().count() > 80 {
            i += 1;
            continue;
        }
        let mut rows = Vec::new();
        let mut j = i + 1;
        while j < lines.len() {
            let (b, l) = lines[j];
            if l.trim().is_empty() {
                j += 1;
                continue;
            }
            let fs = split_fields(rules, fields(l, b), b, l);
            if fs.len() < 2 || l.chars().count() > 80 || l.trim_end().ends_with(['。', '；', '：'])
            {
                break;
            }
            let mut cells: Vec<Cell> = Vec::new();
            for (r, f) in &fs {
                let role = match line_role(rules, f) {
                    // A running number before the indicator.
                    CellRole::Value if cells.is_empty() && fs.len() > 2 => CellRole::Label,
                    // An indicator written with spaces: one cell.
                    CellRole::Indicator
                        if cells.last().is_some_and(|c| c.role == CellRole::Indicator) =>
                    {
                        if let Some(last) = cells.last_mut() {
                            last.span = Span::new(last.span.start, r.end);
                            last.text = text[last.span.start..r.end].to_string();
                        }
                        continue;
                    }
                    role => role,
                };
                cells.push(Cell {
                    text: f.to_string(),
                    role,
                    span: Span::new(r.start, r.end),
                });
            }
            if !cells.iter().any(|c| c.role == CellRole::Value)
                || !cells.iter().any(|c| c.role == CellRole::Indicator)
            {
                break;
            }
            let span = Span::new(cells[0].span.start, cells[cells.len() - 1].span.end);
            rows.push(Row { cells, span });
            j += 1;
        }
        if rows.len() >= 2 {
            let end = rows.last().map_or(base + line.len(), |r: &Row| r.span.end);
            out.push(Table {
                title: None,
                span: Span::new(base, end),
                header: head.iter().map(|(_, f)| f.to_string()).collect(),
                rows,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Indicator tables written one cell a line.
fn cell_line_tables(text: &str, rules: &TargetRules) -> Vec<Table> {
    let mut lines: Vec<(Range<usize>, &str)> = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        lines.push((start + lead..start + lead + t.len(), t));
    }
    let is_header = |t: &str| {
        t.chars().count() <= 15
            && (rules.year_column_re().is_match(t)
                || [
                    "指标", "名称", "单位", "属性", "性质", "序号", "类别", "领域", "目标", "現狀",
                    "现状", "基期", "指標", "單位", "屬性",
                ]
                .iter()
                .any(|w| t.contains(w)))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A header: a run of header cells with a year column and an indicator column.
        let mut j = i;
        while j < lines.len() && is_header(lines[j].1) {
            j += 1;
        }
        let header: Vec<&str> = lines[i..j].iter().map(|(_, t)| *t).collect();
        let years = header
            .iter()
            .filter(|h| rules.year_column_re().is_match(h))
            .count();
        let named = header
            .iter()
            .any(|h| h.contains("指标") || h.contains("名称") || h.contains("指標"));
        if j == i || years == 0 || !named || header.len() < 3 {
            i = j.max(i + 1);
            continue;
        }
        let numbered = header.iter().any(|h| h.contains("序号"));
        // Body: short lines up to a sentence, a heading or a box title.
        let mut k = j;
        while k < lines.len() {
            let t = lines[k].1;
            if t.chars().count() > 40
                || t.ends_with(['。', '；', '：'])
                || rules.heading_re().is_match(t)
                || t.starts_with("专栏")
                || t.starts_with("專欄")
            {
                break;
            }
            k += 1;
        }
        let roles: Vec<CellRole> = lines[j..k]
            .iter()
            .map(|(_, t)| line_role(rules, t))
            .collect();
        let mut rows: Vec<Row> = Vec::new();
        let mut current: Vec<Cell> = Vec::new();
        for (n, ((r, t), role)) in lines[j..k].iter().zip(&roles).enumerate() {
            let next = roles.get(n + 1).copied();
            let mut role = *role;
            // A category cell above its indicators; a running number before one.
            if role == CellRole::Indicator && next == Some(CellRole::Indicator)
                || role == CellRole::Value && numbered && next == Some(CellRole::Indicator)
            {
                role = CellRole::Label;
            }
            if matches!(role, CellRole::Indicator | CellRole::Label)
                && current.iter().any(|c| c.role == CellRole::Indicator)
            {
                let span = Span::new(current[0].span.start, current[current.len() - 1].span.end);
                rows.push(Row {
                    cells: std::mem::take(&mut current),
                    span,
                });
            }
            current.push(Cell {
                text: t.to_string(),
                role,
                span: Span::new(r.start, r.end),
            });
        }
        if current.iter().any(|c| c.role == CellRole::Indicator) {
            let span = Span::new(current[0].span.start, current[current.len() - 1].span.end);
            rows.push(Row {
                cells: current,
                span,
            });
        }
        let with_values = rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.role == CellRole::Value))
            .count();
        if with_values >= 2 {
            let title = (i > 0).then(|| lines[i - 1].1.to_string());
            out.push(Table {
                title,
                span: Span::new(lines[i].0.start, lines[k - 1].0.end),
                header: header.iter().map(|h| h.to_string()).collect(),
                rows,
            });
        }
        i = k.max(i + 1);
    }
    out
}

/// The targets of an indicator table: one per row with a numeric target.
fn table_targets(
    rules: &TargetRules,
    table: &Table,
    plan_end: Option<&str>,
    out: &mut Vec<Target>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let years: Vec<String> = table
        .header
        .iter()
        .filter_map(|h| {
            rules
                .year_column_re()
                .captures(h)
                .and_then(|c| c.name("year"))
                .map(|m| m.as_str().to_string())
        })
        .collect();
    let base_year = if years.len() >= 2 {
        years.first().cloned()
    } else {
        None
    };
    let target_year = years
        .last()
        .cloned()
        .or_else(|| plan_end.map(str::to_string));
    for row in &table.rows {
        let indicator = row.cells.iter().find(|c| c.role == CellRole::Indicator);
        let Some(indicator) = indicator else {
            continue;
        };
        let unit_cell = row.cells.iter().find(|c| c.role == CellRole::Unit);
        let attribute = row
            .cells
            .iter()
            .find(|c| c.role == CellRole::Attribute)
            .map(|c| c.text.trim().to_string());
        let values: Vec<(&crate::Cell, f64, String, Option<String>)> = row
            .cells
            .iter()
            .filter(|c| c.role == CellRole::Value)
            .filter_map(|c| {
                let caps = rules.cell_re().captures(&c.text)?;
                let num = parse_number(caps.name("num")?.as_str())?;
                let cmp = match (
                    caps.name("cmp").map(|m| m.as_str()),
                    caps.name("post").map(|m| m.as_str()),
                ) {
                    (Some("≥" | ">="), _) | (_, Some("以上")) => ">=",
                    (Some("≤" | "<="), _) | (_, Some("以下" | "以内")) => "<=",
                    (Some(">" | "＞"), _) => ">",
                    (Some("<" | "＜"), _) => "<",
                    (_, Some("左右")) => "~",
                    _ => "=",
                };
                let unit = caps.name("unit").map(|_| "%".to_string());
                Some((c, num, cmp.to_string(), unit))
            })
            .collect();
        let Some((target_cell, value, comparator, value_unit)) = values.last() else {
            if row.cells.iter().any(|c| c.role == CellRole::Value) {
                diagnostics.push(Diagnostic {
                    level: Level::Warning,
                    message: format!(
                        "target: table row `{}` has no numeric target",
                        indicator.text.trim()
                    ),
                    span: Some(row.span),
                });
            }
            continue;
        };
        let baseline = (values.len() >= 2).then(|| Baseline {
            value: values[0].1,
            year: base_year.clone(),
        });
        // A unit written in the indicator: 森林覆盖率（%）; a sub-row's 其中.
        let mut name = indicator.text.trim().to_string();
        if let Some(rest) = name.strip_prefix("其中") {
            let rest = rest.trim_start_matches([',', '，', ':', '：', '、', ' ']);
            if !rest.is_empty() {
                name = rest.to_string();
            }
        }
        let mut named_unit = None;
        if let Some(open) = name.rfind(['（', '(']) {
            let inner = name[open..]
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            if name.ends_with(['）', ')'])
                && (inner == "%"
                    || inner == "‰"
                    || rules.units.iter().any(|u| {
                        inner == u || inner.ends_with(u.as_str()) && inner.chars().count() <= 6
                    }))
            {
                named_unit = Some(inner.to_string());
                name.truncate(open);
            }
        }
        let unit = unit_cell
            .map(|c| c.text.trim().to_string())
            .filter(|u| !u.is_empty())
            .or(named_unit)
            .or_else(|| value_unit.clone());
        let start = indicator.span.start.min(target_cell.span.start);
        let end = target_cell.span.end.max(indicator.span.end);
        out.push(Target {
            text: row
                .cells
                .iter()
                .filter(|c| c.span.start >= start && c.span.end <= end)
                .map(|c| c.text.trim())
                .collect(),
            span: Span::new(start, end),
            indicator: Some(name),
            comparator: comparator.clone(),
            value: *value,
            normalized: unit.as_deref().and_then(|u| normalize(u, *value)),
            unit,
            deadline: target_year.clone(),
            baseline,
            measure: None,
            attribute,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Cell, Row};
    use crate::rules::Rules;
    use crate::segment::Words;

    /// The year test with its digit pre-check answers as the plain run scan
    /// does, on every line and sentence of the fixtures and at the edges.
    #[test]
    fn year_digits_test_matches_the_run_scan() {
        let plain = |s: &str| {
            s.as_bytes()
                .split(|b| !b.is_ascii_digit())
                .any(|run| run.len() >= 4)
        };
        let texts = crate::rules::fixture_texts();
        let mut cases: Vec<&str> = texts
            .iter()
            .flat_map(|t| t.lines().chain(t.split(['。', '，'])))
            .collect();
        cases.extend([
            "",
            "2025",
            "202",
            "到2025年",
            "20 25",
            "１２３４",
            "x12345y",
        ]);
        let mut years = 0;
        for s in cases {
            assert_eq!(has_year_digits(s), plain(s), "{s}");
            years += usize::from(plain(s));
        }
        assert!(years > 100);
    }

    /// The leftmost-first automaton of a word list finds a word in a text
    /// exactly when the standard one does, for every cue list and the
    /// units, on every line of the fixtures and on the words themselves.
    #[test]
    fn any_word_agrees_across_match_kinds() {
        let rules = TargetRules::new(&Dicts::embedded()).unwrap();
        let c = &rules.cues;
        let sets = [
            &c.past,
            &c.future,
            &c.from,
            &c.policy,
            &c.stop,
            &c.adverb,
            &c.negation,
            &c.past_section,
            &c.goal_section,
            &c.object,
            &c.growth,
            &c.not_unit,
            &c.zero,
            &c.after_skip,
            &rules.units,
        ];
        let texts = crate::rules::fixture_texts();
        let mut lines: Vec<&str> = texts.iter().flat_map(|t| t.lines()).collect();
        let words: Vec<&str> = sets
            .iter()
            .flat_map(|w| w.iter().map(String::as_str))
            .collect();
        lines.extend(&words);
        for set in sets {
            let mut hits = 0;
            for l in &lines {
                let any = has_any(l, set);
                assert_eq!(any, set.all.is_match(l), "{l}");
                hits += usize::from(any);
            }
            assert!(hits >= set.len(), "each word finds itself");
        }
    }

    /// The byte scan of `split_at_chars` cuts where a scan of every
    /// character does, on the seeds and on mixed ASCII and full-width stops.
    #[test]
    fn split_at_chars_cuts_where_a_char_scan_does() {
        fn plain(text: &str, stops: &[char]) -> Vec<Range<usize>> {
            let mut out = Vec::new();
            let mut start = 0;
            for (i, c) in text.char_indices() {
                if stops.contains(&c) {
                    out.push(start..i + c.len_utf8());
                    start = i + c.len_utf8();
                }
            }
            if start < text.len() {
                out.push(start..text.len());
            }
            out
        }
        let mut texts = crate::rules::fixture_texts();
        texts.push("到2025年;达到50%!其中：城市,农村；。！？".to_string());
        for t in &texts {
            for stops in [&SENTENCE_ENDS, &CLAUSE_ENDS] {
                assert_eq!(split_at_chars(t, 0..t.len(), stops), plain(t, stops.chars));
            }
        }
        assert_eq!(split_at_chars("甲；乙", 3..9, &SENTENCE_ENDS), [3..6, 6..9]);
    }

    /// A table laid out as web copies write it: one cell a line.
    fn table(text: &str, header_lines: usize, rows: &[&[(CellRole, &str)]]) -> Table {
        let mut pos = 0;
        let mut next = |cell: &str| {
            let at = text[pos..].find(cell).expect("cell in text") + pos;
            pos = at + cell.len();
            Span::new(at, at + cell.len())
        };
        let header: Vec<String> = text
            .lines()
            .skip(1)
            .take(header_lines)
            .map(str::to_string)
            .collect();
        for h in &header {
            next(h);
        }
        let rows: Vec<Row> = rows
            .iter()
            .map(|cells| {
                let cells: Vec<Cell> = cells
                    .iter()
                    .map(|(role, t)| Cell {
                        text: t.to_string(),
                        role: *role,
                        span: next(t),
                    })
                    .collect();
                Row {
                    span: Span::new(cells[0].span.start, cells[cells.len() - 1].span.end),
                    cells,
                }
            })
            .collect();
        Table {
            title: Some(text.lines().next().unwrap_or("").to_string()),
            span: Span::new(0, text.len()),
            header,
            rows,
        }
    }

    fn run(text: &str, tables: &[Table], dates: &[DateMention]) -> Vec<Target> {
        let dicts = Dicts::embedded();
        let rules = Rules::new(&dicts).expect("rules");
        let words = Words::new(&dicts);
        let ctx = Context {
            text,
            dicts: &dicts,
            rules: &rules,
            words: &words,
            doc_date: None,
        };
        extract(&ctx, tables, dates, &mut Vec::new())
    }

    use CellRole::{Attribute as A, Indicator as I, Unit as U, Value as V};

    const SEED_004_TABLE: &str = "专栏1  成都市“十四五”健康服务业发展指标\n指标名称\n单位\n2020 年\n2025 年\n指标属性\n人均预期寿命\n岁\n81.52\n≥82.42\n预期性\n社区日间照料机构覆盖率\n%\n85\n95\n预期性\n国家体育消费示范城市\n1\n约束性\n接待游客总人次\n亿人次\n2\n3.5\n预期性\n";

    #[test]
    fn table_rows_are_targets_with_baselines() {
        let t = table(
            SEED_004_TABLE,
            5,
            &[
                &[
                    (I, "人均预期寿命"),
                    (U, "岁"),
                    (V, "81.52"),
                    (V, "≥82.42"),
                    (A, "预期性"),
                ],
                &[
                    (I, "社区日间照料机构覆盖率"),
                    (U, "%"),
                    (V, "85"),
                    (V, "95"),
                    (A, "预期性"),
                ],
                &[(I, "国家体育消费示范城市"), (V, "1"), (A, "约束性")],
                &[
                    (I, "接待游客总人次"),
                    (U, "亿人次"),
                    (V, "2"),
                    (V, "3.5"),
                    (A, "预期性"),
                ],
            ],
        );
        let got = run(SEED_004_TABLE, &[t], &[]);
        assert_eq!(got.len(), 4, "{got:?}");
        let life = &got[0];
        assert_eq!(life.indicator.as_deref(), Some("人均预期寿命"));
        assert_eq!((life.comparator.as_str(), life.value), (">=", 82.42));
        assert_eq!(
            life.baseline,
            Some(Baseline {
                value: 81.52,
                year: Some("2020".into())
            })
        );
        assert_eq!(life.deadline.as_deref(), Some("2025"));
        assert_eq!(life.attribute.as_deref(), Some("预期性"));
        assert_eq!(
            life.text.split_whitespace().collect::<String>(),
            "人均预期寿命岁81.52≥82.42"
        );
        let rate = &got[1];
        assert_eq!((rate.value, rate.unit.as_deref()), (95.0, Some("%")));
        assert_eq!(rate.baseline.as_ref().map(|b| b.value), Some(85.0));
        let single = &got[2];
        assert_eq!((single.value, single.baseline.clone()), (1.0, None));
        assert_eq!(single.attribute.as_deref(), Some("约束性"));
        let visits = &got[3];
        assert_eq!(visits.unit.as_deref(), Some("亿人次"));
        assert_eq!(
            visits.normalized,
            Some(Quantity {
                value: 350_000_000.0,
                unit: Some("人次".into())
            })
        );
    }

    #[test]
    fn text_inside_a_table_is_not_read_twice() {
        let text = "表1\n指标\n2025年\n森林覆盖率达到\n≥40%\n";
        let t = table(text, 2, &[&[(I, "森林覆盖率达到"), (V, "≥40%")]]);
        let got = run(text, &[t], &[]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].value, got[0].unit.as_deref()), (40.0, Some("%")));
    }

    #[test]
    fn deadlines_come_from_date_mentions() {
        let text = "到明年年底，全市养老机构护理型床位占比达到60%。";
        let at = text.find("到明年年底").unwrap();
        let dates = [DateMention {
            text: "到明年年底".into(),
            span: Span::new(at, at + "到明年年底".len()),
            value: Some("2025".into()),
            kind: DateKind::Deadline,
        }];
        let got = run(text, &[], &dates);
        assert_eq!(got[0].deadline.as_deref(), Some("2025"));
        // A period gives its last year.
        let text = "规划期内，养老机构护理型床位占比达到60%。";
        let dates = [DateMention {
            text: "规划期内".into(),
            span: Span::new(0, "规划期内".len()),
            value: Some("2021/2025".into()),
            kind: DateKind::Period,
        }];
        assert_eq!(run(text, &[], &dates)[0].deadline.as_deref(), Some("2025"));
        // Without mentions, the patterns read the sentence.
        assert_eq!(run(text, &[], &[])[0].deadline, None);
        // A plan name is read whole: 十四五 ends in 2025, and the 四五 inside
        // it is not the fourth plan (1975).
        for text in [
            "“十四五”期间，全市养老机构护理型床位占比达到60%。",
            "十四五时期，城市建成区绿地率达到40%以上。",
        ] {
            assert_eq!(run(text, &[], &[])[0].deadline.as_deref(), Some("2025"));
        }
        let text = "四五期间，粮食产量达到3亿吨。";
        assert_eq!(run(text, &[], &[])[0].deadline.as_deref(), Some("1975"));
    }

    #[test]
    fn comparator_phrases_name_valid_comparators() {
        for (phrase, c) in &Dicts::embedded().comparators {
            assert!(
                ["=", ">=", "<=", ">", "<", "~"].contains(&c.as_str()),
                "`{phrase}` has comparator `{c}`"
            );
        }
    }
}
