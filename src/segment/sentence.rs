//! Sentence boundaries.

use std::ops::Range;

/// Byte ranges of the sentences of `text`: split after 。！？；!?; and at line
/// ends, but not inside brackets or quotes. The ranges cover `text` without
/// gaps: the first starts at 0, the last ends at `text.len()`.
///
/// ```
/// use policy_extract::segment::sentences;
///
/// let t = "到2025年，建成3个。（市发展改革委牵头；市财政局配合）";
/// let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
/// assert_eq!(s, ["到2025年，建成3个。", "（市发展改革委牵头；市财政局配合）"]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth: usize = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '〔' | '[' | '【' | '“' | '‘' | '《' | '「' => depth += 1,
            '）' | ')' | '〕' | ']' | '】' | '”' | '’' | '》' | '」' => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
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
