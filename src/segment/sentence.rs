//! Sentence boundaries.
//!
//! Invariant: the ranges returned by [`sentences`] cover the text without
//! gaps or overlaps, in order, on char boundaries.

use std::ops::Range;

/// How many characters a bracket or quote may stay open before it is taken
/// as unclosed (a typo or a cut), so that it does not swallow the rest of
/// a long line.
const MAX_OPEN: usize = 200;

/// Byte ranges of the sentences of `text`: split after 。！？；!?; and at line
/// ends, but not inside brackets or quotes (one left open for more than 200
/// characters counts as unclosed). The ranges cover `text` without gaps: the
/// first starts at 0, the last ends at `text.len()`; empty text gives one
/// empty range.
///
/// ```
/// use policy_extract::segment::sentences;
///
/// let t = "到2025年，建成3个。（市发展改革委牵头；市财政局配合）";
/// let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
/// assert_eq!(s, ["到2025年，建成3个。", "（市发展改革委牵头；市财政局配合）"]);
/// assert_eq!(sentences(""), [0..0]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth: usize = 0;
    // Chars since the outermost bracket opened.
    let mut open_for = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '〔' | '[' | '【' | '“' | '‘' | '《' | '「' => depth += 1,
            '）' | ')' | '〕' | ']' | '】' | '”' | '’' | '》' | '」' => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        if depth > 0 {
            open_for += 1;
            if open_for > MAX_OPEN {
                depth = 0;
            }
        } else {
            open_for = 0;
        }
        let end = i + c.len_utf8();
        let boundary =
            c == '\n' || (depth == 0 && matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';'));
        if c == '\n' {
            depth = 0;
        }
        if boundary {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn brackets_quotes_and_lines() {
        assert_eq!(
            split("按照“以岗定责；以岗定薪”原则。第二句\n第三句"),
            ["按照“以岗定责；以岗定薪”原则。", "第二句\n", "第三句"]
        );
        assert_eq!(split("甲。（乙；丙）丁！"), ["甲。", "（乙；丙）丁！"]);
    }

    #[test]
    fn an_unclosed_bracket_does_not_swallow_the_line() {
        let long = "长".repeat(250);
        let t = format!("（未闭合{long}。后一句。");
        let s = split(&t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1], "后一句。");
    }

    #[test]
    fn ranges_cover_the_text() {
        for t in ["", "。", "a。b", "无标点", "（（。", "一。\n\n二"] {
            let r = sentences(t);
            assert_eq!(r[0].start, 0);
            assert_eq!(r.last().unwrap().end, t.len());
            for w in r.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
        }
    }
}
