//! Labelled blocks: headings (sections) and numbered items (measures).
//!
//! A block starts at a label at the start of a line, or inside a line after
//! a space or a sentence end when its number continues the sequence of its
//! kind (so `2.5亿` or `2024年` never start one). A kind's rank is the order
//! in which kinds first appear, counted from the first label of the highest
//! kind used (`第一章` before `一、` before `（一）` …); a block nests in the
//! nearest open block of a lower rank. A table of contents is skipped. A block whose text is a short heading is a section; one with
//! body text is a measure, spanning to the next block of the same or a
//! higher rank.
//!
//! Invariant: every span is a byte range of the text on char boundaries.

use super::heading::{label_at, Label, LabelKind};
use super::{Line, Outline};
use crate::record::{Diagnostic, Level, Measure, Section, Span};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// A labelled block.
#[derive(Debug, Clone)]
struct Block {
    /// Where the label starts.
    start: usize,
    /// The label.
    label: Label,
    /// The end of its first segment (the next inline label or the line end).
    seg_end: usize,
    /// The end of its line.
    line_end: usize,
    /// Index of its line.
    line: usize,
    /// Whether it starts inside a line.
    inline: bool,
}

/// Sentence-final punctuation.
const FINAL: &[char] = &['。', '！', '？', '；', '!', '?', ';'];

/// A heading line's text for comparison: white space, leader dots and
/// page numbers removed (`第一章 发展基础……1` gives `第一章发展基础`).
fn toc_key(line: &str) -> Option<String> {
    let lab = label_at(line)?;
    let rest = &line[lab.body..];
    if rest.contains(FINAL) || rest.chars().count() > 50 {
        return None;
    }
    let c: String = super::compact(line);
    let c = c.trim_end_matches(|ch: char| ch.is_ascii_digit() || ".…·-—".contains(ch));
    Some(c.to_string())
}

/// Lines of a table of contents: the `目录` line and the heading lines
/// right after it, and any run of three or more heading lines, with no
/// text between them, that all come again later in the document.
pub(super) fn toc_lines(text: &str, lines: &[Line]) -> Vec<bool> {
    let mut skip = vec![false; lines.len()];
    let keys: Vec<Option<String>> = lines.iter().map(|l| toc_key(l.text(text))).collect();
    // The last line where each heading text occurs.
    let mut last_at: HashMap<&str, usize> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            last_at.insert(key.as_str(), k);
        }
    }
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k].text(text);
        // Both titles hold `目`: only such lines are compacted.
        let titled = line.contains('目') && {
            let c = super::compact(line);
            c == "目录" || c == "目錄"
        };
        let from = if titled { k + 1 } else { k };
        // The run of heading lines, up to the first one that repeats a
        // heading of the run (where the body starts).
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut j = from;
        while let Some(Some(key)) = keys.get(j) {
            if !seen.insert(key.as_str()) {
                break;
            }
            j += 1;
        }
        let repeated = j - from >= 3
            && keys[from..j]
                .iter()
                .flatten()
                .all(|key| last_at.get(key.as_str()).is_some_and(|&at| at >= j));
        if titled || repeated {
            for s in &mut skip[k..j] {
                *s = true;
            }
        }
        k = j.max(k + 1);
    }
    skip
}

/// Finds the labelled blocks of the lines; notes numbering gaps.
fn blocks(
    text: &str,
    lines: &[Line],
    from: usize,
    skip: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut order: Vec<LabelKind> = Vec::new();
    let mut last: HashMap<LabelKind, (u64, bool)> = HashMap::new();
    // Per kind: its last value, and whether a higher label came since
    // (a reset, after which the kind may start again at 1).
    fn accept(
        label: &Label,
        order: &mut Vec<LabelKind>,
        last: &mut HashMap<LabelKind, (u64, bool)>,
    ) {
        if label.kind != LabelKind::Box && !order.contains(&label.kind) {
            order.push(label.kind);
        }
        if let Some(r) = order.iter().position(|k| *k == label.kind) {
            for deeper in &order[r + 1..] {
                if let Some(e) = last.get_mut(deeper) {
                    e.1 = true;
                }
            }
        }
        last.insert(label.kind, (label.value, false));
    }
    for (k, line) in lines.iter().enumerate().skip(from) {
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        let s = line.text(text);
        let first = out.len();
        if let Some(label) = label_at(s) {
            if let Some((v, reset)) = last.get(&label.kind) {
                let next = *v + 1 == label.value || *reset && label.value == 1;
                if !next && label.kind != LabelKind::Box {
                    diagnostics.push(Diagnostic {
                        level: Level::Warning,
                        message: format!(
                            "structure: numbering goes from {} to {} at `{}`",
                            v,
                            label.value,
                            &s[..label.len]
                        ),
                        span: Some(Span::new(line.start, line.start + label.len)),
                    });
                }
            }
            accept(&label, &mut order, &mut last);
            out.push(Block {
                start: line.start,
                label,
                seg_end: line.end,
                line_end: line.end,
                line: k,
                inline: false,
            });
        }
        // Inline labels after a space or a sentence end.
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            let after_break = prev.is_some_and(|p| p == ' ' || FINAL.contains(&p));
            prev = Some(c);
            if !after_break || i == 0 {
                continue;
            }
            let Some(label) = label_at(&s[i..]) else {
                continue;
            };
            if !matches!(
                label.kind,
                LabelKind::CnComma
                    | LabelKind::CnParen
                    | LabelKind::Arabic
                    | LabelKind::ArabicParen
            ) {
                continue;
            }
            let continues = match last.get(&label.kind) {
                Some((v, reset)) => *v + 1 == label.value || *reset && label.value == 1,
                None => label.value == 1,
            };
            if !continues {
                continue;
            }
            accept(&label, &mut order, &mut last);
            out.push(Block {
                start: line.start + i,
                label,
                seg_end: line.end,
                line_end: line.end,
                line: k,
                inline: true,
            });
        }
        // Each block's first segment ends where the next block of the line starts.
        for j in first..out.len() {
            if j + 1 < out.len() {
                let next = out[j + 1].start;
                out[j].seg_end = next;
            }
        }
    }
    out
}

/// `s` without white space and without trailing commas and colons.
fn clean(s: &str) -> String {
    let c: String = super::compact(s);
    c.trim_end_matches(['，', ',', '、', '：', ':', '。', '；', ';'])
        .to_string()
}

/// At most `n` graphemes of `s`.
fn truncate(s: &str, n: usize) -> String {
    s.graphemes(true).take(n).collect()
}

/// The title of an item: its text up to the first sentence end (or a colon
/// within the first 40 characters), cleaned.
fn item_title(body: &str) -> String {
    let mut depth = 0usize;
    let mut end = body.len();
    for (n, (i, c)) in body.char_indices().enumerate() {
        match c {
            '（' | '(' | '“' | '《' | '「' => depth += 1,
            '）' | ')' | '”' | '》' | '」' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == '\n' || depth == 0 && (FINAL.contains(&c) || (n < 40 && (c == '：' || c == ':'))) {
            end = i;
            break;
        }
    }
    truncate(&clean(&body[..end]), 60)
}

/// The end of `s`'s byte range `[start, end)` with trailing white space cut.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Builds sections and measures from the blocks.
pub(super) fn outline(
    text: &str,
    lines: &[Line],
    from: usize,
    skip: &[bool],
    body_end: usize,
) -> Outline {
    let mut out = Outline::default();
    let blocks: Vec<Block> = blocks(text, lines, from, skip, &mut out.diagnostics)
        .into_iter()
        .filter(|b| b.start < body_end)
        .collect();
    let inline = blocks.iter().filter(|b| b.inline).count();
    if inline > 0 {
        out.diagnostics.push(Diagnostic {
            level: Level::Info,
            message: format!("structure: split {inline} labels written inside lines"),
            span: None,
        });
    }
    // Ranks: kinds in order of appearance, counted from the first label of
    // the highest kind used (so an attachment list `1.…` in the cover
    // letter does not rank above the body's `一、`).
    let top = blocks
        .iter()
        .map(|b| b.label.kind)
        .filter(|k| *k != LabelKind::Box)
        .min();
    let first_top = blocks
        .iter()
        .position(|b| Some(b.label.kind) == top)
        .unwrap_or(0);
    let mut order: Vec<LabelKind> = Vec::new();
    for b in blocks[first_top..].iter().chain(&blocks[..first_top]) {
        if b.label.kind != LabelKind::Box && !order.contains(&b.label.kind) {
            order.push(b.label.kind);
        }
    }
    let rank = |k: LabelKind| order.iter().position(|o| *o == k).unwrap_or(0);

    struct Open {
        rank2: usize,
        section: Option<usize>,
        is_box: bool,
    }
    let end_line = lines.partition_point(|l| l.start < body_end);
    let mut stack: Vec<Open> = Vec::new();
    // Open measures: (index in out.measures, rank2).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut measure_blocks: Vec<usize> = Vec::new();
    let mut depth_of: Vec<usize> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let kind = b.label.kind;
        let is_box = kind == LabelKind::Box;
        if is_box {
            while stack.last().is_some_and(|o| o.is_box) {
                stack.pop();
            }
        }
        let rank2 = if is_box {
            stack.last().map_or(1, |o| o.rank2 + 1)
        } else {
            2 * (rank(kind) + 1)
        };
        while stack.last().is_some_and(|o| o.rank2 >= rank2) {
            stack.pop();
        }
        // Close the measures this block ends.
        while let Some(&(m, r)) = open.last() {
            if r >= rank2 || is_box {
                let s = out.measures[m].span.start;
                out.measures[m].span.end = trim_end(text, s, b.start).max(s);
                open.pop();
            } else {
                break;
            }
        }
        let parent = stack.iter().rev().find_map(|o| o.section);
        let heading_text = text[b.start + b.label.body..b.seg_end].trim();
        let heading_clean = heading_text.trim_end_matches(['。', '：', ':']);
        let is_section = match kind {
            LabelKind::Part | LabelKind::Chapter | LabelKind::Section | LabelKind::Box => true,
            LabelKind::Article => false,
            _ => {
                // Lines of unlabelled text between this block and the next.
                let next_line = blocks
                    .get(i + 1)
                    .map_or(end_line, |nb| nb.line.min(end_line));
                let body_lines = next_line.saturating_sub(b.line + 1);
                is_heading(heading_text, b, blocks.get(i + 1), body_lines, &rank)
            }
        };
        if is_section {
            let id = out.sections.len();
            let level = parent.map_or(1, |p| depth_of[p] + 1);
            depth_of.push(level);
            out.sections.push(Section {
                id,
                parent,
                level,
                label: b.label.number.clone(),
                heading: heading_clean.to_string(),
                span: Span::new(b.start, trim_end(text, b.start, b.seg_end)),
            });
            stack.push(Open {
                rank2,
                section: Some(id),
                is_box,
            });
        } else {
            let id = out.measures.len();
            let body = &text[b.start + b.label.body..b.line_end];
            out.measures.push(Measure {
                id,
                number: Some(b.label.number.clone()),
                section: parent,
                title: item_title(body),
                text: String::new(),
                span: Span::new(b.start, body_end),
                lead: Vec::new(),
                cooperating: Vec::new(),
                responsible: Vec::new(),
                targets: Vec::new(),
                dates: Vec::new(),
            });
            measure_blocks.push(i);
            open.push((id, rank2));
            stack.push(Open {
                rank2,
                section: None,
                is_box: false,
            });
        }
    }
    for (m, _) in open {
        let s = out.measures[m].span.start;
        out.measures[m].span.end = trim_end(text, s, body_end).max(s);
    }
    cut_single_paragraph_runs(text, &blocks, &measure_blocks, &mut out.measures);
    // `text` stays empty: the extractor fills it from the input, once the
    // spans are final (a copy here would double the memory the measures take).
    out
}

/// Whether a labelled block is only a heading: short text without a
/// sentence end (unless, below the top rank, it has no items under it and
/// one paragraph of body: then it is an item with a heading), or one short
/// sentence right above items of a deeper rank.
fn is_heading(
    heading: &str,
    b: &Block,
    next: Option<&Block>,
    body_lines: usize,
    rank: &dyn Fn(LabelKind) -> usize,
) -> bool {
    let n = heading.chars().count();
    if n == 0 {
        return true;
    }
    let has_children = next.is_some_and(|nb| rank(nb.label.kind) > rank(b.label.kind));
    if !heading.contains(FINAL) && n <= 40 {
        let item_with_heading =
            !b.inline && rank(b.label.kind) > 0 && !has_children && body_lines == 1;
        return !item_with_heading;
    }
    let one_sentence = heading.ends_with('。') && heading.matches(FINAL).count() == 1;
    one_sentence
        && n <= 30
        && has_children
        && next.is_some_and(|nb| !nb.inline && nb.line == b.line + 1)
}

/// Where items of one kind are each one paragraph, the last of the run
/// ends with its paragraph too, instead of taking in the unlabelled
/// paragraphs that follow it.
fn cut_single_paragraph_runs(
    text: &str,
    blocks: &[Block],
    measure_blocks: &[usize],
    measures: &mut [Measure],
) {
    // Per kind: whether every item so far in the current run is one line.
    let mut run: HashMap<LabelKind, bool> = HashMap::new();
    for (m, &bi) in measure_blocks.iter().enumerate() {
        let b = &blocks[bi];
        let one_line = measures[m].span.end <= b.line_end;
        let sibling_of_prev = m > 0 && {
            let pb = &blocks[measure_blocks[m - 1]];
            pb.label.kind == b.label.kind && pb.label.value + 1 == b.label.value
        };
        let all_single_before = sibling_of_prev && run.get(&b.label.kind).copied().unwrap_or(false);
        // Only the last of the run: a sibling that follows shows where
        // this item ends.
        let last_of_run = !blocks
            .get(bi + 1)
            .is_some_and(|nb| nb.label.kind == b.label.kind && nb.label.value == b.label.value + 1);
        if !one_line && all_single_before && last_of_run {
            let s = measures[m].span.start;
            measures[m].span.end = trim_end(text, s, b.line_end.min(measures[m].span.end));
            continue;
        }
        let single = if sibling_of_prev {
            all_single_before && one_line
        } else {
            one_line
        };
        run.insert(b.label.kind, single);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::lines_of;

    fn parse(text: &str) -> Outline {
        let lines = lines_of(text);
        let skip = toc_lines(text, &lines);
        outline(text, &lines, 0, &skip, text.len())
    }

    /// The text a measure spans (the extractor fills `Measure::text` later).
    fn text_of<'a>(text: &'a str, m: &Measure) -> &'a str {
        &text[m.span.start..m.span.end]
    }

    #[test]
    fn headings_and_items_nest() {
        let t =
            "一、总体要求\n（一）健康医疗\n1.发展特需医疗服务。错位发展。（市卫生计生委牵头）\n\
                 2.促进医学科研发展。集中优势资源。\n二、保障措施\n3.完善金融扶持政策。鼓励。\n";
        let o = parse(t);
        let labels: Vec<(&str, usize, Option<usize>)> = o
            .sections
            .iter()
            .map(|s| (s.label.as_str(), s.level, s.parent))
            .collect();
        assert_eq!(
            labels,
            [("一", 1, None), ("一", 2, Some(0)), ("二", 1, None)]
        );
        let ms: Vec<(&str, &str, Option<usize>)> = o
            .measures
            .iter()
            .map(|m| (m.number.as_deref().unwrap(), m.title.as_str(), m.section))
            .collect();
        assert_eq!(
            ms,
            [
                ("1", "发展特需医疗服务", Some(1)),
                ("2", "促进医学科研发展", Some(1)),
                ("3", "完善金融扶持政策", Some(2))
            ]
        );
        assert_eq!(
            text_of(t, &o.measures[1]),
            "2.促进医学科研发展。集中优势资源。"
        );
    }

    #[test]
    fn inline_items_follow_their_sequence() {
        let t = "通知如下: 一、实施战略,促进健康 1.推动建立体系。到2024年,投入2.5亿元。 \
                 2.深入实施行动。巩固。 二、推进改革 3.健全体系。深化。";
        let o = parse(t);
        let heads: Vec<&str> = o.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(heads, ["实施战略,促进健康", "推进改革"]);
        let nums: Vec<&str> = o
            .measures
            .iter()
            .map(|m| m.number.as_deref().unwrap())
            .collect();
        assert_eq!(nums, ["1", "2", "3"]);
        assert_eq!(
            o.diagnostics[0].message,
            "structure: split 5 labels written inside lines"
        );
        assert_eq!(
            text_of(t, &o.measures[0]),
            "1.推动建立体系。到2024年,投入2.5亿元。"
        );
        assert_eq!(o.measures[2].section, Some(1));
    }

    #[test]
    fn chapters_and_toc() {
        let t = "目录\n第一章 发展基础\n第一节 取得成就\n第二章 总体要求\n规划\n\
                 第一章 发展基础\n第一节 取得成就\n正文。\n第二节 存在问题\n正文。\n\
                 第二章 总体要求\n第一节 指导思想\n正文。\n";
        let o = parse(t);
        let s: Vec<(&str, usize, Option<usize>)> = o
            .sections
            .iter()
            .map(|s| (s.label.as_str(), s.level, s.parent))
            .collect();
        assert_eq!(
            s,
            [
                ("第一章", 1, None),
                ("第一节", 2, Some(0)),
                ("第二节", 2, Some(0)),
                ("第二章", 1, None),
                ("第一节", 2, Some(3))
            ]
        );
        assert!(o.measures.is_empty());
    }

    #[test]
    fn toc_without_a_title_line() {
        let t = "规划\n第一章 发展基础……1\n第一节 取得成就……2\n第二章 总体要求……5\n\
                 第一章 发展基础\n第一节 取得成就\n正文。\n第二章 总体要求\n正文。\n";
        let o = parse(t);
        let labels: Vec<&str> = o.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["第一章", "第一节", "第二章"]);
        assert!(o.sections[0].span.start > t.find("总体要求……5").unwrap());
    }

    #[test]
    fn heading_with_one_paragraph_is_an_item() {
        let t = "一、保障措施\n（一）加强组织领导\n各地要建立协调机制。（市发展改革委牵头）\n\
                 （二）强化督查\n各地要跟踪。\n再一段。\n";
        let o = parse(t);
        assert_eq!(o.measures.len(), 1);
        assert_eq!(o.measures[0].title, "加强组织领导");
        assert_eq!(o.measures[0].number.as_deref(), Some("一"));
        assert!(text_of(t, &o.measures[0]).ends_with("（市发展改革委牵头）"));
        let heads: Vec<&str> = o.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(heads, ["保障措施", "强化督查"]);
    }

    #[test]
    fn paren_items_and_circled() {
        let t = "（一）统筹两个市场，打造加工制造中心。\n1.拓展两个市场。积极稳妥。\n\
                 （二）加大稳岗支持力度。对不裁员的企业返还。\n①推进试点。开展。\n第三条 本办法自发布之日起施行。\n";
        let o = parse(t);
        assert_eq!(o.sections.len(), 1);
        assert_eq!(o.sections[0].heading, "统筹两个市场，打造加工制造中心");
        let nums: Vec<&str> = o
            .measures
            .iter()
            .map(|m| m.number.as_deref().unwrap())
            .collect();
        assert_eq!(nums, ["1", "二", "1", "第三条"]);
    }

    #[test]
    fn an_item_in_the_middle_of_a_run_keeps_its_paragraphs() {
        let t = "一、措施\n1. 加大支持。发挥作用。\n2. 加强保障。优化供给。\n另一段。\n3. 完善政策。落实。\n";
        let o = parse(t);
        assert_eq!(
            text_of(t, &o.measures[1]),
            "2. 加强保障。优化供给。\n另一段。"
        );
    }

    #[test]
    fn a_run_with_a_long_item_is_not_cut() {
        let t = "一、措施\n1. 加大支持。发挥作用。\n另一段。\n2. 加强保障。优化供给。\n3. 完善政策。落实。\n再一段。\n";
        let o = parse(t);
        assert_eq!(text_of(t, &o.measures[2]), "3. 完善政策。落实。\n再一段。");
    }

    #[test]
    fn an_attachment_list_does_not_rank_above_the_body() {
        let t =
            "附件：\n1.某某实施方案\n2.某某任务分工\n一、总体要求\n（一）加强领导。建立机制。\n\
                 1.落实责任。各地要落实。\n二、保障措施\n";
        let o = parse(t);
        let s: Vec<(&str, usize)> = o
            .sections
            .iter()
            .map(|s| (s.label.as_str(), s.level))
            .collect();
        assert_eq!(s, [("1", 1), ("2", 1), ("一", 1), ("二", 1)]);
        let m: Vec<(&str, Option<usize>)> = o
            .measures
            .iter()
            .map(|m| (m.number.as_deref().unwrap(), m.section))
            .collect();
        assert_eq!(m, [("一", Some(2)), ("1", Some(2))]);
    }

    #[test]
    fn last_item_of_one_line_run_keeps_its_paragraph() {
        let t =
            "一、措施\n1. 加大支持:发挥作用。\n2. 加强保障:优化供给。\n随着信息技术发展,另一段。\n";
        let o = parse(t);
        assert_eq!(text_of(t, &o.measures[1]), "2. 加强保障:优化供给。");
        assert_eq!(o.measures[1].title, "加强保障");
        let t = "一、任务\n（一）强化设计。建立体系。\n优化机制。落实。\n（二）实施生产。开采。\n严格控制。\n";
        let o = parse(t);
        assert_eq!(
            text_of(t, &o.measures[1]),
            "（二）实施生产。开采。\n严格控制。"
        );
    }
}
