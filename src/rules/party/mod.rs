//! Parties: who leads (牵头), who cooperates (配合) and who is responsible
//! (责任单位) for each measure.
//!
//! Three kinds of statement are read, in this order of authority:
//! - annotations in brackets after an item, in any bracket kind:
//!   `（市卫生计生委牵头；市科技局、人力资源社会保障局配合）`,
//!   `〔责任单位：X、Y按职责分工负责〕`, `（X会同Y、Z）`;
//! - labelled lines or clauses: `牵头单位：X`, `配合单位：Y、Z`, `责任单位：…`;
//! - sentences of prose: `由X、Y及有关部门共同牵头`, `X、Y和Z联手推动`,
//!   `离不开X、Y的协同合作`, `X会同Y筛选确定`.
//!
//! A measure whose text holds an annotation takes its parties from its
//! annotations only; sentences count where no annotation speaks. A
//! declared convention (`列第一位者为牵头单位`, `排在第一位的部门为牵头部门`)
//! turns every later plain list (`X、Y负责`) into one lead and cooperators.
//!
//! Measures arrive from the structure stage; an annotation or sentence that
//! no measure holds makes a measure of its own (the item before the bracket,
//! or the paragraph).
//!
//! Invariant: all matching runs on the folded text (traditional characters
//! mapped to simplified, same byte offsets); every span is a byte range of
//! `ctx.text` on char boundaries, and every name is sliced from `ctx.text`.

mod names;
mod trad;

use super::{alternation, compile, CompiledRule, Context, Rule};
use crate::dict::Dicts;
use crate::error::Result;
use crate::record::{Diagnostic, Level, Measure, Party, Section, Span};
use aho_corasick::{AhoCorasick, MatchKind};
use names::{Item, Lexicon, Patterns};
use regex::Regex;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

/// The party rules. Placeholders: `{roles}` (every role word and 会同),
/// `{lead}`, `{cooperate}`, `{responsible}` (the role dictionaries).
pub(crate) const RULES: &[Rule] = &[
    Rule {
        name: "party role word: 牵头, 配合, 负责, 会同",
        pattern: "{roles}",
        examples: &[
            "牵头",
            "配合",
            "负责",
            "会同",
            "参与",
            "责任单位",
            "牵头负责",
        ],
        negatives: &["协调推进工作"],
    },
    Rule {
        name: "party label: 牵头单位：, 配合单位：, 责任单位：",
        pattern: r"(?:{lead}|{cooperate}|{responsible}|责任|主责)(?:单位|部门|处室|科室|机构|主体)?[ \t]*[:：]",
        examples: &[
            "牵头单位：",
            "配合单位:",
            "责任处室：",
            "责任主体：",
            "责任单位：",
            "责任部门：",
            "参与单位：",
        ],
        negatives: &["完成时限：", "主要任务："],
    },
    Rule {
        name: "party convention: 列第一位者为牵头单位",
        pattern: r"(?:(?:列|排|排名|排序)(?:在|于)?)?(?:第一位|第一个|第一|首位)的?(?:者|部门|单位)?(?:为|是)(?:{lead})(?:单位|部门)?|(?:{lead})(?:单位|部门)(?:列|排)(?:在|于)?(?:第一位|首位|第一|前)",
        examples: &[
            "列第一位者为牵头单位",
            "排在第一位的部门为牵头部门",
            "列第一位的为牵头单位",
            "排在第一位的为牵头单位",
            "第一个部门为牵头部门",
            "牵头单位列第一位",
        ],
        negatives: &["排在第一位", "列为牵头单位"],
    },
    Rule {
        name: "party attributive: a role word that describes (牵头组建的, 负责人, 负责解释)",
        pattern: r"\A(?:人|任|者|同志|解释|\p{Han}{0,3}?的)",
        examples: &["人", "组建的", "的", "解释"],
        negatives: &["实施这一战略", "，市科技局"],
    },
    Rule {
        name: "party opener: 由, 包括, 离不开 before a list in prose",
        pattern: r"由|包括|离不开|依靠|依托|需要|通过|为此|同时|其中|经",
        examples: &["由", "包括", "离不开"],
        negatives: &["市卫生计生委"],
    },
    Rule {
        name: "party list tail: 按职责分工, 分别, 等部门 before a role word",
        pattern: r"(?:按照?职责(?:分工)?(?:分别)?|根据职责(?:分工)?|依据职责|按分工|分别|各自|共同|联合|联手|一起|等多个?部门|等部门|等单位|等|的|为|均|也|具体|主要|作为|切实|积极|认真)$",
        examples: &["按职责分工", "按职责分别", "等多部门", "的"],
        negatives: &["市财政局"],
    },
    Rule {
        name: "party generic: 各…, 有关…, 相关…, 试点…",
        pattern: r"^(?:各|有关|相关|其他|其它|试点|所在地|当地|地方|属地|省级|市级|县级|区级|省直|市直|县直|区直|多个?|全市|全省|全县|全区|本级)|有关|相关|各",
        examples: &["各", "有关", "市直", "试点"],
        negatives: &["市卫生计生委", "全国总工会"],
    },
    Rule {
        name: "party item label: 1. （一） 一、 第一条 at the start of an item",
        pattern: r"(?:第[一二三四五六七八九十百零〇0-9]+条|[（(][一二三四五六七八九十百0-9]+[）)]|[一二三四五六七八九十百]+[、.．]|[0-9]+[.．、])",
        examples: &["1.", "（一）", "一、", "第三条", "(12)"],
        negatives: &["发展特需医疗服务"],
    },
    Rule {
        name: "party marker: a role word in brackets after a name (市发展改革委（牵头）)",
        pattern: r"\A(?:{roles})\z",
        examples: &["牵头", "配合"],
        negatives: &["含技工院校", "牵头组建"],
    },
    Rule {
        name: "party table cell separator: |, ｜, tab",
        pattern: r"[|｜\t]",
        examples: &["|", "｜", "\t"],
        negatives: &["、", "，", " "],
    },
];

// Positions of the rules in `RULES`.
const R_ROLE: usize = 0;
const R_LABEL: usize = 1;
const R_CONVENTION: usize = 2;
const R_ATTRIBUTIVE: usize = 3;
const R_TRIGGER: usize = 4;
const R_TAIL: usize = 5;
const R_GENERIC: usize = 6;
const R_NUMBER: usize = 7;
const R_MARKER: usize = 8;
const R_CELL: usize = 9;

/// What a party does for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// 配合, 参与, 协办.
    Cooperate,
    /// 负责, 责任单位.
    Responsible,
    /// 牵头, 主办.
    Lead,
    /// 会同: the list before leads, the list after cooperates.
    With,
}

impl Role {
    /// Which of two role words next to each other wins (`负责牵头` leads).
    fn strength(self) -> u8 {
        match self {
            Role::Responsible => 0,
            Role::Cooperate => 1,
            Role::Lead | Role::With => 2,
        }
    }
}

/// The compiled party rules and the vocabulary they read with.
#[derive(Debug)]
pub(crate) struct PartyRules {
    rules: Vec<CompiledRule>,
    roles: HashMap<String, Role>,
    lexicon: Lexicon,
}

impl PartyRules {
    pub(crate) fn new(dicts: &Dicts) -> Result<PartyRules> {
        let fold_all = |words: &[String]| -> Vec<String> {
            words.iter().map(|w| trad::fold(w).into_owned()).collect()
        };
        let (lead, coop, resp) = (
            fold_all(&dicts.lead),
            fold_all(&dicts.cooperate),
            fold_all(&dicts.responsible),
        );
        let mut roles = HashMap::new();
        for (words, role) in [
            (&resp, Role::Responsible),
            (&coop, Role::Cooperate),
            (&lead, Role::Lead),
        ] {
            for w in words {
                roles.insert(w.clone(), role);
            }
        }
        roles.insert("会同".to_string(), Role::With);
        let all: Vec<&String> = roles.keys().collect();
        let (all_alt, lead_alt, coop_alt, resp_alt) = (
            alternation(&all),
            alternation(&lead),
            alternation(&coop),
            alternation(&resp),
        );
        let rules = compile(
            RULES,
            &[
                ("roles", all_alt.as_str()),
                ("lead", lead_alt.as_str()),
                ("cooperate", coop_alt.as_str()),
                ("responsible", resp_alt.as_str()),
            ],
        )?;
        Ok(PartyRules {
            rules,
            roles,
            lexicon: Lexicon::new(dicts),
        })
    }

    /// The compiled rules, for the rule-table test.
    #[cfg(test)]
    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }

    fn re(&self, i: usize) -> &Regex {
        &self.rules[i].regex
    }

    fn patterns(&self) -> Patterns<'_> {
        Patterns {
            generic: self.re(R_GENERIC),
            trigger: self.re(R_TRIGGER),
            tail: self.re(R_TAIL),
            marker: self.re(R_MARKER),
        }
    }
}

/// A list of parties in one role.
#[derive(Debug, Clone)]
struct Entry {
    role: Role,
    items: Vec<Item>,
}

/// Where a statement was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// In brackets after an item.
    Bracket,
    /// A labelled line or clause (`牵头单位：X`); `true` when it opens its line.
    Label(bool),
    /// A row of a task table whose header names the role columns.
    Row,
    /// A sentence of prose.
    Prose,
}

/// The number cell and the task cell of a table row.
type RowCells = (Option<Range<usize>>, Option<Range<usize>>);

/// A task table's header: cell count, role of each column, number column,
/// task column.
struct Header {
    width: usize,
    roles: Vec<Option<Role>>,
    number: Option<usize>,
    task: Option<usize>,
}

/// One responsibility statement.
#[derive(Debug, Clone)]
struct Statement {
    kind: Kind,
    span: Range<usize>,
    entries: Vec<Entry>,
    /// For a row of a task table: its number cell and its task cell.
    row: Option<RowCells>,
}

impl Statement {
    fn has_named(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.items.iter().any(|i| !i.generic))
    }
}

/// Reads one document.
struct Reader<'a> {
    rules: &'a PartyRules,
    pats: Patterns<'a>,
    /// The folded text.
    m: &'a str,
}

/// Bracket pairs, opening and closing.
fn is_open(c: char) -> bool {
    OPENERS.contains(&c)
}

/// The opening brackets.
const OPENERS: [char; 7] = ['（', '(', '〔', '[', '【', '［', '〖'];

/// A searcher for the opening brackets: aho-corasick's SIMD prefilter
/// steps over Chinese text about three times as fast as a byte loop.
static OPEN_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(OPENERS.map(String::from))
        .ok()
});

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '〕' | ']' | '】' | '］' | '〗')
}

/// The line ranges of `text` (without their `\n`).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        out.push(start..i);
        start = i + 1;
    }
    out.push(start..text.len());
    out
}

/// Outermost bracket regions of `text`, each on one line and at most 400
/// chars long: `(open, close_end)` byte ranges.
fn brackets(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    // Outside a bracket only an opening bracket counts: the scan jumps from
    // one to the next and reads the characters of each bracket from there.
    while let Some(open) = next_open(text, pos) {
        pos = bracket_at(text, open, &mut out);
    }
    out
}

/// The offset of the first opening bracket (`is_open`) of `text` at or
/// after the char boundary `from`.
fn next_open(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    match &*OPEN_FINDER {
        Some(ac) => ac.find(rest).map(|m| from + m.start()),
        None => rest.find(is_open).map(|i| from + i),
    }
}

/// Reads the bracket that opens at `open` (an opening bracket outside any
/// other), pushing its region to `out` when it closes within the limits;
/// returns where the scan for the next opening bracket resumes: after the
/// character that closed it or gave it up.
fn bracket_at(text: &str, open: usize, out: &mut Vec<Range<usize>>) -> usize {
    let mut depth = 0usize;
    let mut chars = 0usize;
    let mut breaks = 0;
    // No bracket or line break is an ideograph: those come as `None`.
    for (i, c) in names::sketch(&text[open..]) {
        let i = open + i;
        let width = c.map_or(3, char::len_utf8);
        if c == Some('\n') {
            // A bracket may run over one line break (a PDF cut), if short.
            breaks += 1;
            if breaks > 1 || chars > 60 {
                return i + 1;
            }
            continue;
        }
        if depth > 0 {
            chars += 1;
            if chars > 400 || (breaks > 0 && chars > 200) {
                return i + width;
            }
        }
        let Some(c) = c else { continue };
        if is_open(c) {
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push(open..i + c.len_utf8());
                return i + width;
            }
        }
    }
    text.len()
}

/// Whether `pos` lies inside one of the sorted, disjoint `regions`.
fn inside(regions: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = regions.partition_point(|r| r.end <= pos);
    (i < regions.len() && regions[i].start <= pos).then_some(i)
}

/// The ranges of `spans` (sorted by start, none longer than `longest`) that
/// overlap `range`, in order.
fn overlapping<'s>(
    spans: &'s [Range<usize>],
    longest: usize,
    range: &Range<usize>,
) -> impl Iterator<Item = &'s Range<usize>> {
    // A span that reaches into `range` starts at most `longest` before it.
    let from = spans.partition_point(|a| a.start + longest < range.start);
    let range = range.clone();
    spans[from..]
        .iter()
        .take_while(move |a| a.start < range.end)
        .filter(move |a| range.start < a.end)
}

/// Ranges of `text[range]` cut at any of `seps` outside inner brackets.
fn clauses(text: &str, range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    names::split_outside_brackets(&text[range.clone()], seps)
        .into_iter()
        .map(|r| range.start + r.start..range.start + r.end)
        .collect()
}

/// The largest char boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Reader<'a> {
    /// The role matches in `range`, minus those inside `blocked`.
    fn roles(&self, range: Range<usize>, blocked: &[Range<usize>]) -> Vec<(Range<usize>, Role)> {
        let inner = brackets(&self.m[range.clone()]);
        self.rules
            .re(R_ROLE)
            .find_iter(&self.m[range.clone()])
            .filter_map(|mt| {
                if inside(&inner, mt.start()).is_some() {
                    return None;
                }
                let r = range.start + mt.start()..range.start + mt.end();
                if blocked.iter().any(|b| b.start < r.end && r.start < b.end) {
                    return None;
                }
                let role = *self.rules.roles.get(mt.as_str())?;
                Some((r, role))
            })
            .collect()
    }

    /// The list that ends `range`: the longest run of comma-separated
    /// pieces at its end that reads as parties.
    fn list_before(&self, range: Range<usize>, strict: bool) -> Option<Vec<Item>> {
        let seg = &self.m[range.clone()];
        if seg.trim().is_empty() {
            return None;
        }
        let pieces = names::split_outside_brackets(seg, &['，', ',', '：', ':', ' ']);
        pieces.iter().find_map(|p| {
            let r = range.start + p.start..range.end;
            if self.m[r.clone()].trim().is_empty() {
                return None;
            }
            self.rules.lexicon.split_list(self.m, r, &self.pats, strict)
        })
    }

    /// Reads the role statements of one clause.
    fn clause(&self, range: Range<usize>, strict: bool, blocked: &[Range<usize>]) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        let roles = self.roles(range.clone(), blocked);
        let mut prev = range.start;
        let mut last_end = usize::MAX;
        let mut i = 0;
        while i < roles.len() {
            let (r, role) = (roles[i].0.clone(), roles[i].1);
            i += 1;
            if r.start < prev {
                continue;
            }
            let after = &self.m[r.end..range.end];
            if self.rules.re(R_ATTRIBUTIVE).is_match(after) {
                prev = r.end;
                last_end = usize::MAX;
                continue;
            }
            // Two role words in a row (负责牵头): the stronger one counts.
            if self.m[last_end.min(r.start)..r.start].trim().is_empty() && last_end == r.start {
                if let Some(e) = out.last_mut() {
                    if role.strength() > e.role.strength() && role != Role::With {
                        e.role = role;
                    }
                }
                prev = r.end;
                last_end = r.end;
                continue;
            }
            let from = if strict {
                floor(self.m, prev.max(r.start.saturating_sub(300)))
            } else {
                prev
            };
            let before = self.list_before(from..r.start, strict);
            if role == Role::With {
                if let Some(items) = before {
                    out.push(Entry {
                        role: Role::Lead,
                        items,
                    });
                }
                let next = roles
                    .get(i)
                    .map(|n| n.0.start)
                    .unwrap_or(range.end)
                    .max(r.end);
                let full = self
                    .rules
                    .lexicon
                    .split_list(self.m, r.end..next, &self.pats, true);
                let (items, end) = match full {
                    Some(items) => (items, next),
                    None => {
                        let items =
                            self.rules
                                .lexicon
                                .leading_list(self.m, r.end..next, &self.pats);
                        let end = items.last().map(|it| it.range.end).unwrap_or(r.end);
                        (items, end)
                    }
                };
                if !items.is_empty() {
                    out.push(Entry {
                        role: Role::Cooperate,
                        items,
                    });
                }
                prev = end;
                last_end = usize::MAX;
                while i < roles.len() && roles[i].0.start < prev {
                    i += 1;
                }
                continue;
            }
            if let Some(items) = before {
                out.push(Entry { role, items });
                last_end = r.end;
                prev = r.end;
            } else {
                // No list before it: the word may stand inside a name
                // (市农业技术推广指导中心, 工商业联合会), so the next
                // list starts where this one would have.
                last_end = usize::MAX;
            }
        }
        out
    }

    /// Reads a labelled run (`牵头单位：X；配合单位：Y`) in `range`, given the
    /// label matches inside it.
    fn labelled(&self, range: Range<usize>, labels: &[Range<usize>]) -> Vec<Entry> {
        let mut out = Vec::new();
        for (k, l) in labels.iter().enumerate() {
            let next = labels.get(k + 1).map(|n| n.start).unwrap_or(range.end);
            let seg_end = self.m[l.end..next]
                .find(['。', '；', ';', '\n'])
                .map(|p| l.end + p)
                .unwrap_or(next);
            let seg = l.end..seg_end;
            let label = &self.m[l.clone()];
            let role = if label.starts_with("责任") || label.starts_with("主责") {
                Role::Responsible
            } else {
                self.roles(l.clone(), &[])
                    .first()
                    .map(|x| x.1)
                    .unwrap_or(Role::Responsible)
            };
            if self.roles(seg.clone(), &[]).is_empty() {
                if let Some(items) = self
                    .rules
                    .lexicon
                    .split_list(self.m, seg, &self.pats, false)
                {
                    out.push(Entry { role, items });
                }
                continue;
            }
            // Role words inside the run (`责任单位：X，Y配合`): the pieces
            // before the first one that holds a role word are the label's.
            let pieces = clauses(self.m, seg.clone(), &['，', ',']);
            let first_role = pieces
                .iter()
                .position(|p| !self.roles(p.clone(), &[]).is_empty())
                .unwrap_or(0);
            let mut inner = Vec::new();
            if first_role > 0 {
                let own = seg.start..pieces[first_role - 1].end;
                if let Some(items) = self
                    .rules
                    .lexicon
                    .split_list(self.m, own, &self.pats, false)
                {
                    inner.push(Entry { role, items });
                }
            }
            let rest = if inner.is_empty() {
                seg
            } else {
                pieces[first_role].start..seg.end
            };
            inner.extend(self.clause(rest, false, &[]));
            out.extend(inner);
        }
        out
    }

    /// Reads the content of one bracket.
    fn bracket(&self, content: Range<usize>, conventions: &[Range<usize>]) -> Vec<Entry> {
        let labels: Vec<Range<usize>> = self
            .rules
            .re(R_LABEL)
            .find_iter(&self.m[content.clone()])
            .map(|mt| content.start + mt.start()..content.start + mt.end())
            .collect();
        if let Some(first) = labels.first() {
            // Whatever stands before the first label (a deadline, or a
            // list with its own role word), then the labelled runs.
            let mut out = Vec::new();
            for c in clauses(self.m, content.start..first.start, &['；', ';', '。']) {
                out.extend(self.clause(c, false, conventions));
            }
            out.extend(self.labelled(first.start..content.end, &labels));
            return out;
        }
        let mut out = Vec::new();
        for c in clauses(self.m, content.clone(), &['；', ';', '。']) {
            out.extend(self.clause(c, false, conventions));
        }
        if out.is_empty() {
            out.extend(self.bare_list(content));
        }
        out
    }

    /// A bracket that holds nothing but known department names, standing
    /// after the end of a sentence (`。（市人力资源社会保障局、市教育局）`):
    /// the units responsible for the item.
    fn bare_list(&self, content: Range<usize>) -> Option<Entry> {
        let open = self.m[..content.start].char_indices().next_back()?.0;
        let before = self.m[..open].trim_end().chars().next_back()?;
        if !"。；;！!".contains(before) {
            return None;
        }
        let items = self
            .rules
            .lexicon
            .split_list(self.m, content, &self.pats, true)?;
        let known = items
            .iter()
            .all(|i| i.generic || i.core_canonical.is_some());
        (known && items.iter().any(|i| !i.generic)).then_some(Entry {
            role: Role::Responsible,
            items,
        })
    }
}

/// A measure and the statements it takes.
struct Target {
    annotations: Vec<usize>,
    prose: Vec<usize>,
}

/// Fills `lead`, `cooperating` and `responsible` of `measures` (and adds
/// measures for annotations and prose paragraphs that no measure holds).
///
/// Each measure's span must cover its text in `ctx.text`.
pub(crate) fn assign(
    ctx: &Context<'_>,
    sections: &[Section],
    measures: &mut Vec<Measure>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    assign_folded(ctx, &fold(ctx.text), sections, measures, diagnostics);
}

/// `text` with traditional characters folded to simplified ones (byte
/// offsets unchanged), as [`assign_folded`] reads it; borrowed when none
/// folds.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    trad::fold(text)
}

/// [`assign`] with `fold(ctx.text)` made beforehand (on another thread).
pub(crate) fn assign_folded(
    ctx: &Context<'_>,
    folded: &str,
    sections: &[Section],
    measures: &mut Vec<Measure>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let rules = &ctx.rules.party;
    debug_assert_eq!(folded.len(), ctx.text.len());
    let reader = Reader {
        rules,
        pats: rules.patterns(),
        m: folded,
    };
    let m: &str = folded;
    let lines = lines(m);
    let regions = brackets(m);

    // Conventions: where each one starts to hold.
    let convention_hits: Vec<Range<usize>> = rules
        .re(R_CONVENTION)
        .find_iter(m)
        .map(|x| x.range())
        .collect();
    let mut convention_from: Vec<usize> = convention_hits
        .iter()
        .map(|h| {
            inside(&regions, h.start)
                .map(|i| regions[i].start)
                .unwrap_or(h.start)
        })
        .collect();
    convention_from.sort_unstable();
    let convention_at = |pos: usize| convention_from.first().is_some_and(|&f| f <= pos);

    // Role words and labels of the whole text, each found in one pass. A
    // range holds a match of either pattern only if a match of the whole
    // text overlaps it: the leftmost-first pass cannot step over an
    // occurrence without a (non-empty) match that covers part of it.
    let role_re = rules.re(R_ROLE);
    let role_hits: Vec<Range<usize>> = role_re.find_iter(m).map(|x| x.range()).collect();
    let label_hits: Vec<Range<usize>> = rules.re(R_LABEL).find_iter(m).map(|x| x.range()).collect();
    // Matches of one pattern are disjoint and sorted: their ends too.
    let touches = |hits: &[Range<usize>], r: &Range<usize>| {
        let k = hits.partition_point(|h| h.end <= r.start);
        hits.get(k).is_some_and(|h| h.start < r.end)
    };

    // Annotations in brackets.
    let mut statements: Vec<Statement> = Vec::new();
    for r in &regions {
        let open = m[r.start..].chars().next().map_or(1, char::len_utf8);
        let close = m[..r.end].chars().next_back().map_or(1, char::len_utf8);
        let content = r.start + open..r.end - close;
        // Without a role word or a label, no clause of the bracket reads a
        // statement: only a bare list of names may.
        let entries = if touches(&role_hits, &content) || touches(&label_hits, &content) {
            reader.bracket(content, &convention_hits)
        } else {
            reader.bare_list(content).into_iter().collect()
        };
        if !entries.is_empty() {
            statements.push(Statement {
                kind: Kind::Bracket,
                span: r.clone(),
                entries,
                row: None,
            });
        } else if touches(&label_hits, r) && rules.re(R_LABEL).is_match(&m[r.clone()]) {
            diagnostics.push(Diagnostic {
                level: Level::Warning,
                message: "party rule `label`: no party read from a labelled annotation".to_string(),
                span: Some(Span::new(r.start, r.end)),
            });
        }
    }

    // Labelled lines and clauses outside brackets.
    let labels: Vec<Range<usize>> = label_hits
        .iter()
        .filter(|x| inside(&regions, x.start).is_none())
        .cloned()
        .collect();
    let mut k = 0;
    while k < labels.len() {
        let line = &lines[lines.partition_point(|l| l.end < labels[k].start)];
        let mut group = vec![labels[k].clone()];
        k += 1;
        while k < labels.len()
            && labels[k].start < line.end
            && !m[group.last().map_or(0, |g| g.end)..labels[k].start].contains('。')
        {
            group.push(labels[k].clone());
            k += 1;
        }
        let last = group.last().map_or(line.end, |g| g.end);
        let end = m[last..line.end]
            .find('。')
            .map(|p| last + p)
            .unwrap_or(line.end);
        // A web page's footer (主办单位：…　承办：…　ICP备…) names no one
        // responsible for a measure.
        const FOOTER: &[&str] = &[
            "网站",
            "版权",
            "备案",
            "ICP",
            "技术支持",
            "承办",
            "联系电话",
            "地址",
        ];
        if FOOTER.iter().any(|w| m[line.clone()].contains(w)) {
            continue;
        }
        let entries = reader.labelled(group[0].start..end, &group);
        if entries.is_empty() {
            continue;
        }
        let opens = m[line.start..group[0].start]
            .trim_matches(|c: char| c.is_whitespace() || "·•-—*".contains(c))
            .is_empty();
        statements.push(Statement {
            kind: Kind::Label(opens),
            span: group[0].start..end,
            entries,
            row: None,
        });
    }
    statements.extend(task_rows(&reader, &lines));
    statements.sort_by_key(|s| s.span.start);
    let annotated: Vec<Range<usize>> = statements.iter().map(|s| s.span.clone()).collect();

    // Prose sentences.
    let longest = |spans: &[Range<usize>]| spans.iter().map(|a| a.end - a.start).max();
    let (annotated_len, convention_len) = (
        longest(&annotated).unwrap_or(0),
        longest(&convention_hits).unwrap_or(0),
    );
    // A line holds a match of the role pattern exactly when a match of the
    // whole text starts in it (no role word holds a line break).
    for line in &lines {
        let k = role_hits.partition_point(|h| h.start < line.start);
        if role_hits.get(k).map_or(true, |h| h.start >= line.end) {
            continue;
        }
        // Clause bounds: sentence ends, annotations, conventions.
        let mut cuts: Vec<Range<usize>> = overlapping(&annotated, annotated_len, line)
            .chain(overlapping(&convention_hits, convention_len, line))
            .cloned()
            .collect();
        cuts.sort_by_key(|c| c.start);
        let mut pieces = Vec::new();
        let mut at = line.start;
        for c in cuts {
            if c.start > at {
                pieces.push(at..c.start);
            }
            at = at.max(c.end);
        }
        if at < line.end {
            pieces.push(at..line.end);
        }
        for piece in pieces {
            for c in clauses(m, piece, &['。', '；', ';', '！', '？', '!', '?']) {
                if !touches(&role_hits, &c) || !role_re.is_match(&m[c.clone()]) {
                    continue;
                }
                let entries = reader.clause(c.clone(), true, &[]);
                let st = Statement {
                    kind: Kind::Prose,
                    span: c,
                    entries,
                    row: None,
                };
                if st.has_named() {
                    statements.push(st);
                }
            }
        }
    }
    statements.sort_by_key(|s| s.span.start);

    // Attach statements to measures, making measures where none holds them.
    let mut targets: Vec<Target> = measures
        .iter()
        .map(|_| Target {
            annotations: Vec::new(),
            prose: Vec::new(),
        })
        .collect();
    let mut holders = Holders::new(measures);
    let section_index = Sections::new(sections);
    let line_of = |pos: usize| lines.partition_point(|l| l.end < pos).min(lines.len() - 1);
    let mut prev_stmt_end_on_line: HashMap<usize, usize> = HashMap::new();
    for (si, st) in statements.iter().enumerate() {
        if st.kind == Kind::Prose {
            continue;
        }
        let li = line_of(st.span.start);
        let prev_end = prev_stmt_end_on_line.insert(li, st.span.end);
        if let Some(t) = holders.innermost(measures, &st.span) {
            targets[t].annotations.push(si);
            continue;
        }
        if matches!(st.kind, Kind::Label(true)) {
            let before = holders.before(st.span.start);
            if let Some(t) = before
                .filter(|&t| gap_is_blank(m, &lines, measures[t].span.end..st.span.start, &labels))
            {
                // The item's text runs on over its labelled lines.
                let x = &mut measures[t];
                let end = lines[li].end.max(st.span.end).max(x.span.end);
                holders.remove(t, &x.span);
                x.span = Span::new(x.span.start, end);
                holders.insert(t, &x.span);
                x.text = ctx.text[x.span.start..end].to_string();
                targets[t].annotations.push(si);
                continue;
            }
        }
        if !st.has_named() {
            continue;
        }
        // No measure holds it: the item is the text before it on its line,
        // or, for a labelled line, the paragraph above.
        let span = match st.kind {
            Kind::Label(true) => {
                let mut j = li;
                while j > 0 {
                    j -= 1;
                    let t = m[lines[j].clone()].trim();
                    if !t.is_empty() && !rules.re(R_LABEL).is_match(t) {
                        break;
                    }
                }
                lines[j].start..st.span.end.max(lines[li].end)
            }
            _ => {
                let from = prev_end.unwrap_or(lines[li].start).max(lines[li].start);
                item_start(&reader, from, st.span.start)..st.span.end
            }
        };
        let span = if st.kind == Kind::Row {
            st.span.clone()
        } else {
            span
        };
        let t = push_measure(ctx, m, &section_index, measures, &reader, span);
        holders.insert(t, &measures[t].span);
        if let Some((number, task)) = &st.row {
            let x = &mut measures[t];
            if let Some(n) = number {
                x.number = Some(ctx.text[n.clone()].trim().to_string());
            }
            if let Some(task) = task {
                x.title = ctx.text[task.clone()]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(80)
                    .collect();
            }
        }
        targets.push(Target {
            annotations: vec![si],
            prose: Vec::new(),
        });
        debug_assert_eq!(t + 1, targets.len());
    }
    for (si, st) in statements.iter().enumerate() {
        if st.kind != Kind::Prose {
            continue;
        }
        let t = match holders.innermost(measures, &st.span) {
            Some(t) => t,
            None => {
                let line = lines[line_of(st.span.start)].clone();
                let span = trim_range(m, line);
                let t = push_measure(ctx, m, &section_index, measures, &reader, span);
                holders.insert(t, &measures[t].span);
                targets.push(Target {
                    annotations: Vec::new(),
                    prose: Vec::new(),
                });
                t
            }
        };
        targets[t].prose.push(si);
    }

    // Fill the roles.
    for (t, target) in targets.iter().enumerate() {
        let chosen = if target.annotations.is_empty() {
            &target.prose
        } else {
            &target.annotations
        };
        for &si in chosen {
            let st = &statements[si];
            let convention = st.kind != Kind::Prose && convention_at(st.span.start);
            fill(
                ctx,
                &rules.roles,
                &mut measures[t],
                st,
                convention,
                diagnostics,
            );
        }
    }

    // Keep document order when measures were added.
    if measures
        .windows(2)
        .any(|w| w[0].span.start > w[1].span.start)
    {
        measures.sort_by_key(|x| (x.span.start, std::cmp::Reverse(x.span.end)));
    }
    for (i, x) in measures.iter_mut().enumerate() {
        x.id = i;
    }
}

/// Cells of a table line: split at `|`, `｜` or tabs (at least three cells),
/// as byte ranges of the text.
fn cells(m: &str, line: &Range<usize>) -> Vec<Range<usize>> {
    let text = &m[line.clone()];
    let sep = ['|', '｜', '\t'];
    if text.matches(sep).count() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if sep.contains(&c) {
            out.push(line.start + start..line.start + i);
            start = i + c.len_utf8();
        }
    }
    out.push(line.start + start..line.end);
    // Edge pipes (`| a | b |`) leave empty first and last cells.
    if out.first().is_some_and(|r| m[r.clone()].trim().is_empty()) {
        out.remove(0);
    }
    if out.last().is_some_and(|r| m[r.clone()].trim().is_empty()) {
        out.pop();
    }
    out
}

/// Rows of task tables written one row a line (`序号 | 重点任务 | 牵头单位 |
/// 配合单位`): each role column's cell is a list in that role.
fn task_rows(reader: &Reader<'_>, lines: &[Range<usize>]) -> Vec<Statement> {
    let m = reader.m;
    let mut out = Vec::new();
    let mut header: Option<Header> = None;
    // Where cell separators stand, found in one pass: most lines hold
    // fewer than two, so no cells.
    let seps: Vec<usize> = reader
        .rules
        .re(R_CELL)
        .find_iter(m)
        .map(|x| x.start())
        .collect();
    for line in lines {
        let from = seps.partition_point(|&p| p < line.start);
        let held = seps[from..].partition_point(|&p| p < line.end);
        let cs = if held < 2 { Vec::new() } else { cells(m, line) };
        if cs.len() < 3 {
            header = None;
            continue;
        }
        let words: Vec<&str> = cs.iter().map(|c| m[c.clone()].trim()).collect();
        let roles: Vec<Option<Role>> = words
            .iter()
            .map(|w| {
                let w = w.trim_end_matches("单位").trim_end_matches("部门");
                if w.is_empty() || w.chars().count() > 4 {
                    return None;
                }
                if w == "责任" || w == "主责" {
                    return Some(Role::Responsible);
                }
                reader.rules.roles.get(w).copied()
            })
            .collect();
        if roles.iter().any(Option::is_some) {
            let number = words.iter().position(|w| *w == "序号" || *w == "编号");
            let task = words.iter().position(|w| {
                ["任务", "事项", "工作", "内容", "措施", "举措"]
                    .iter()
                    .any(|k| w.contains(k))
            });
            header = Some(Header {
                width: cs.len(),
                roles,
                number,
                task,
            });
            continue;
        }
        let Some(Header {
            width,
            roles,
            number,
            task,
        }) = &header
        else {
            continue;
        };
        if cs.len() != *width {
            continue;
        }
        let mut entries = Vec::new();
        for (c, role) in cs.iter().zip(roles) {
            let Some(role) = role else { continue };
            if let Some(items) = reader
                .rules
                .lexicon
                .split_list(m, c.clone(), &reader.pats, false)
            {
                let role = if *role == Role::With {
                    Role::Lead
                } else {
                    *role
                };
                entries.push(Entry { role, items });
            }
        }
        if !entries.is_empty() {
            out.push(Statement {
                kind: Kind::Row,
                span: line.clone(),
                entries,
                row: Some((number.map(|i| cs[i].clone()), task.map(|i| cs[i].clone()))),
            });
        }
    }
    out
}

/// Measures by where they lie, kept up to date as measures are added or
/// grow, for the two questions attachment asks: which is the smallest
/// measure that holds a span, and which measure ends last before a
/// position. Each answers without a pass over all measures.
struct Holders {
    /// Measures of at most `LONG` bytes, as `(start, index)`.
    short: BTreeSet<(usize, usize)>,
    /// Indices of longer measures.
    long: BTreeSet<usize>,
    /// Every measure as `(end, Reverse(length), index)`.
    by_end: BTreeSet<(usize, Reverse<usize>, usize)>,
}

impl Holders {
    /// Longest measure, in bytes, kept in `short`.
    const LONG: usize = 8192;

    fn new(measures: &[Measure]) -> Holders {
        let mut h = Holders {
            short: BTreeSet::new(),
            long: BTreeSet::new(),
            by_end: BTreeSet::new(),
        };
        for (i, x) in measures.iter().enumerate() {
            h.insert(i, &x.span);
        }
        h
    }

    fn len(span: &Span) -> usize {
        span.end.saturating_sub(span.start)
    }

    fn insert(&mut self, i: usize, span: &Span) {
        if Self::len(span) <= Self::LONG {
            self.short.insert((span.start, i));
        } else {
            self.long.insert(i);
        }
        self.by_end.insert((span.end, Reverse(Self::len(span)), i));
    }

    fn remove(&mut self, i: usize, span: &Span) {
        if Self::len(span) <= Self::LONG {
            self.short.remove(&(span.start, i));
        } else {
            self.long.remove(&i);
        }
        self.by_end.remove(&(span.end, Reverse(Self::len(span)), i));
    }

    /// The smallest measure that holds `span` (the first one on a tie).
    fn innermost(&self, measures: &[Measure], span: &Range<usize>) -> Option<usize> {
        // A short measure that holds `span` starts at most `LONG` before
        // its end.
        let lo = span.end.saturating_sub(Self::LONG);
        let short = (lo <= span.start)
            .then(|| self.short.range((lo, 0)..=(span.start, usize::MAX)))
            .into_iter()
            .flatten()
            .map(|&(_, i)| i);
        short
            .chain(self.long.iter().copied())
            .filter(|&i| {
                let x = &measures[i].span;
                x.start <= span.start && span.end <= x.end
            })
            .min_by_key(|&i| (Self::len(&measures[i].span), i))
    }

    /// The measure that ends last at or before `pos`: the shortest of
    /// those, the last one on a tie.
    fn before(&self, pos: usize) -> Option<usize> {
        self.by_end
            .range(..=(pos, Reverse(0), usize::MAX))
            .next_back()
            .map(|&(_, _, i)| i)
    }
}

/// Whether only white space, labelled lines and deadline lines
/// (`完成时限：`) fill `gap`, between a measure and a labelled line.
fn gap_is_blank(
    m: &str,
    lines: &[Range<usize>],
    gap: Range<usize>,
    labels: &[Range<usize>],
) -> bool {
    let first = lines.partition_point(|l| l.end < gap.start);
    lines[first..]
        .iter()
        .take_while(|l| l.start < gap.end)
        .filter(|l| gap.start < l.end)
        .all(|l| {
            let part = &m[l.start.max(gap.start)..l.end.min(gap.end)];
            part.trim().is_empty()
                || part.contains("时限")
                || part.contains("完成时间")
                || labels
                    .get(labels.partition_point(|lb| lb.start < l.start))
                    .is_some_and(|lb| lb.start < l.end)
        })
}

/// Where the item ending at `end` starts, searching from `from`: at its
/// number label if one opens a sentence there, else at `from` (after white
/// space).
fn item_start(reader: &Reader<'_>, from: usize, end: usize) -> usize {
    let m = reader.m;
    let from = from.min(end);
    let text = &m[from..end];
    let mut best = None;
    for mt in reader.rules.re(R_NUMBER).find_iter(text) {
        let at = from + mt.start();
        let before = m[from..at].chars().next_back();
        let boundary = before.map_or(true, |c| {
            c.is_whitespace() || "。；;！？!?：:）)".contains(c)
        });
        let after = m[from + mt.end()..].chars().next();
        let decimal = mt.as_str().ends_with('.') && after.is_some_and(|c| c.is_ascii_digit());
        if boundary && !decimal && m[at..end].contains('。') {
            best = Some(at);
        }
    }
    best.unwrap_or_else(|| from + (text.len() - text.trim_start().len()))
}

/// `range` without white space at either end.
fn trim_range(m: &str, range: Range<usize>) -> Range<usize> {
    let t = &m[range.clone()];
    let start = range.start + (t.len() - t.trim_start().len());
    let end = range.start + t.trim_end().len();
    start..end.max(start)
}

/// The sections, to find the one a new measure falls in.
struct Sections<'s> {
    all: &'s [Section],
    /// Whether the sections are sorted by start, as the structure stage
    /// writes them: then a binary search finds the last one starting at or
    /// before a position.
    sorted: bool,
}

impl<'s> Sections<'s> {
    fn new(all: &'s [Section]) -> Sections<'s> {
        let sorted = all.windows(2).all(|w| w[0].span.start <= w[1].span.start);
        Sections { all, sorted }
    }

    /// The id of the last section (in order) that starts at or before `pos`.
    fn of(&self, pos: usize) -> Option<usize> {
        if self.sorted {
            let i = self.all.partition_point(|s| s.span.start <= pos);
            return i.checked_sub(1).map(|i| self.all[i].id);
        }
        self.all
            .iter()
            .rev()
            .find(|s| s.span.start <= pos)
            .map(|s| s.id)
    }
}

/// Adds a measure for `span` and returns its index.
fn push_measure(
    ctx: &Context<'_>,
    m: &str,
    sections: &Sections<'_>,
    measures: &mut Vec<Measure>,
    reader: &Reader<'_>,
    span: Range<usize>,
) -> usize {
    let span = trim_range(m, span);
    let text = &m[span.clone()];
    let (number, body) = match reader.rules.re(R_NUMBER).find(text) {
        Some(mt) if mt.start() == 0 => {
            // `（一）` gives `一`, `第三条` gives `三`, `1.` gives `1`.
            let label = mt
                .as_str()
                .trim_matches(|c: char| "（()）、.．第条".contains(c));
            (Some(label.to_string()), span.start + mt.end())
        }
        _ => (None, span.start),
    };
    let rest = &m[body..span.end];
    let first = rest
        .find(['。', '；', ';', '！', '？', '!', '?', '\n', '（', '('])
        .map(|p| &rest[..p])
        .unwrap_or(rest);
    let title: String = ctx.text[body..body + first.len()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(80)
        .collect();
    let section = sections.of(span.start);
    measures.push(Measure {
        id: measures.len(),
        number,
        section,
        title,
        text: ctx.text[span.clone()].to_string(),
        span: Span::new(span.start, span.end),
        lead: Vec::new(),
        cooperating: Vec::new(),
        responsible: Vec::new(),
        targets: Vec::new(),
        dates: Vec::new(),
    });
    measures.len() - 1
}

/// Adds the parties of `st` to `measure`: prefixes restored, the convention
/// applied, duplicates dropped.
fn fill(
    ctx: &Context<'_>,
    roles: &HashMap<String, Role>,
    measure: &mut Measure,
    st: &Statement,
    convention: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let marked = |item: &Item| -> Option<Role> {
        item.marker
            .as_ref()
            .and_then(|w| roles.get(w.as_str()))
            .copied()
    };
    // The administrative prefixes written in this statement, in order.
    let all: Vec<&Item> = st.entries.iter().flat_map(|e| &e.items).collect();
    let prefixes: Vec<(usize, &str)> = all
        .iter()
        .filter(|i| !i.generic && i.admin_prefix > 0)
        .map(|i| {
            (
                i.range.start,
                &ctx.text[i.range.start..i.range.start + i.admin_prefix],
            )
        })
        .collect();
    let explicit = st
        .entries
        .iter()
        .any(|e| matches!(e.role, Role::Lead | Role::Cooperate))
        || all
            .iter()
            .any(|i| matches!(marked(i), Some(Role::Lead | Role::Cooperate)));
    let mut first_taken = false;
    for e in &st.entries {
        for item in &e.items {
            let role = if let Some(r) = marked(item) {
                r
            } else if convention && !explicit && e.role == Role::Responsible {
                if first_taken {
                    Role::Cooperate
                } else {
                    first_taken = true;
                    Role::Lead
                }
            } else {
                e.role
            };
            let written = &ctx.text[item.range.clone()];
            let prefix = if item.bare && !item.generic {
                let p = prefixes
                    .iter()
                    .rev()
                    .find(|(at, _)| *at < item.range.start)
                    .or_else(|| prefixes.first())
                    .map(|(_, p)| *p)
                    .unwrap_or("");
                // A ministry (财政部, 海关总署) stays national beside local
                // bureaus; only a party committee (省委, 市委) prefixes a 部.
                let written = &ctx.text[item.range.clone()];
                let national = ["部", "总局", "署"]
                    .iter()
                    .any(|e| trad::fold(written).ends_with(e));
                if national && !p.ends_with('委') {
                    ""
                } else {
                    p
                }
            } else {
                ""
            };
            if !prefix.is_empty() {
                diagnostics.push(Diagnostic {
                    level: Level::Info,
                    message: format!(
                        "party rule `prefix`: `{written}` given the prefix `{prefix}` of its list"
                    ),
                    span: Some(Span::new(item.range.start, item.range.end)),
                });
            }
            let name: String = format!("{prefix}{written}")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let canonical = item.core_canonical.as_ref().map(|c| {
                let p = &ctx.text[item.range.start..item.range.start + item.core_prefix];
                format!("{prefix}{}{c}", trad::fold(p))
            });
            let party = Party {
                name,
                generic: item.generic,
                span: Span::new(item.range.start, item.range.end),
                canonical,
            };
            let list = match role {
                Role::Lead | Role::With => &mut measure.lead,
                Role::Cooperate => &mut measure.cooperating,
                Role::Responsible => &mut measure.responsible,
            };
            if !list.iter().any(|p| p.name == party.name) {
                list.push(party);
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// The bracket scan as one pass over every character, against which
/// [`brackets`] (which jumps between opening brackets) is tested.
#[cfg(test)]
pub(crate) fn brackets_by_char(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    let mut chars = 0usize;
    let mut breaks = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            breaks += 1;
            if breaks > 1 || chars > 60 {
                depth = 0;
            }
            continue;
        }
        if depth > 0 {
            chars += 1;
            if chars > 400 || (breaks > 0 && chars > 200) {
                depth = 0;
                continue;
            }
        }
        if is_open(c) {
            if depth == 0 {
                open = i;
                chars = 0;
                breaks = 0;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push(open..i + c.len_utf8());
            }
        }
    }
    out
}
