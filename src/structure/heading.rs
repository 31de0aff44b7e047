//! Labels of headings and numbered items: `第一章`, `第一节`, `第一条`,
//! `一、`, `（一）`/`(一)`, `1.`/`1、`, `（1）`/`(1)`, `①`, `专栏1`.
//!
//! Invariant: [`label_at`] reads only the start of its input and every
//! length it reports ends on a char boundary.

use crate::rules::numeral::parse_chinese_int;

/// The kind of a label; each kind is one numbering sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum LabelKind {
    /// `第一编`, `第一部分`.
    Part,
    /// `第一章`.
    Chapter,
    /// `第一节`.
    Section,
    /// `第一条`.
    Article,
    /// `一、`.
    CnComma,
    /// `（一）`, `(一)`.
    CnParen,
    /// `1.`, `1、`.
    Arabic,
    /// `（1）`, `(1)`.
    ArabicParen,
    /// `①`.
    Circled,
    /// `专栏1`: a box, not a rank of the outline.
    Box,
}

/// A label at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// Its kind.
    pub kind: LabelKind,
    /// Its value in its sequence (`十一` 11).
    pub value: u64,
    /// The label without brackets and dots: `一`, `1`, `第一章`, `专栏1`.
    pub number: String,
    /// Bytes of the label with its punctuation.
    pub len: usize,
    /// Bytes up to the heading text (the label and the spaces after it).
    pub body: usize,
}

/// Whether `c` is a Chinese numeral character of a label.
fn cn_digit(c: char) -> bool {
    "一二三四五六七八九十百零〇两".contains(c)
}

/// The longest prefix of `s` whose chars satisfy `f`: `(prefix, bytes)`.
fn take_while(s: &str, f: impl Fn(char) -> bool) -> (&str, usize) {
    let n = s
        .char_indices()
        .find(|(_, c)| !f(*c))
        .map_or(s.len(), |(i, _)| i);
    (&s[..n], n)
}

/// Parses a number of Chinese numerals or Arabic digits.
fn value_of(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    parse_chinese_int(s)
}

/// The label at the start of `s`, if any.
///
/// `1.5亿` and `2024年` are not labels: an Arabic label is 1 to 3 digits
/// followed by `.`/`、` and then not a digit.
pub(crate) fn label_at(s: &str) -> Option<Label> {
    let first = s.chars().next()?;
    let (kind, number, len) = if first == '第' {
        let rest = &s[first.len_utf8()..];
        let (num, n) = take_while(rest, |c| cn_digit(c) || c.is_ascii_digit());
        if num.is_empty() || num.chars().count() > 5 {
            return None;
        }
        let after = &rest[n..];
        // Simplified and traditional unit characters.
        let units: [(&str, LabelKind); 8] = [
            ("章", LabelKind::Chapter),
            ("节", LabelKind::Section),
            ("節", LabelKind::Section),
            ("条", LabelKind::Article),
            ("條", LabelKind::Article),
            ("编", LabelKind::Part),
            ("編", LabelKind::Part),
            ("部分", LabelKind::Part),
        ];
        let &(unit, kind) = units.iter().find(|(u, _)| after.starts_with(u))?;
        let len = first.len_utf8() + n + unit.len();
        (kind, s[..len].to_string(), len)
    } else if first == '（' || first == '(' {
        let rest = &s[first.len_utf8()..];
        let (num, n) = take_while(rest, |c| cn_digit(c) || c.is_ascii_digit());
        if num.is_empty() || num.chars().count() > 4 {
            return None;
        }
        let close = rest[n..].chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let kind = if num.bytes().all(|b| b.is_ascii_digit()) {
            if num.len() > 2 {
                return None;
            }
            LabelKind::ArabicParen
        } else if num.chars().all(cn_digit) {
            LabelKind::CnParen
        } else {
            return None;
        };
        (
            kind,
            num.to_string(),
            first.len_utf8() + n + close.len_utf8(),
        )
    } else if first.is_ascii_digit() {
        let (num, n) = take_while(s, |c| c.is_ascii_digit());
        if num.len() > 3 {
            return None;
        }
        let mut it = s[n..].chars();
        let punct = it.next()?;
        if matches!(punct, '）' | ')') {
            // `1）` without its opening bracket: the same rank as `（1）`.
            if num.len() > 2 || it.next().is_none() {
                return None;
            }
            let len = n + punct.len_utf8();
            return finish(s, LabelKind::ArabicParen, num.to_string(), len);
        }
        if !matches!(punct, '.' | '、') {
            return None;
        }
        match it.next() {
            None => return None,
            Some(c) if c.is_ascii_digit() || c == '%' || c == '.' => return None,
            _ => {}
        }
        (LabelKind::Arabic, num.to_string(), n + punct.len_utf8())
    } else if cn_digit(first) {
        let (num, n) = take_while(s, cn_digit);
        let punct = s[n..].chars().next()?;
        // `一、`, and `一.` when a non-digit follows.
        let dot_label = punct == '.'
            && !s[n + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
        if num.chars().count() > 4 || !(punct == '、' || dot_label) {
            return None;
        }
        (LabelKind::CnComma, num.to_string(), n + punct.len_utf8())
    } else if ('\u{2460}'..='\u{2473}').contains(&first) {
        let v = first as u32 - 0x2460 + 1;
        (LabelKind::Circled, v.to_string(), first.len_utf8())
    } else if let Some(rest) = s.strip_prefix("专栏").or_else(|| s.strip_prefix("專欄")) {
        let (num, n) = take_while(rest, |c| c.is_ascii_digit() || cn_digit(c));
        if num.is_empty() {
            return None;
        }
        let len = "专栏".len() + n;
        (LabelKind::Box, s[..len].to_string(), len)
    } else {
        return None;
    };
    finish(s, kind, number, len)
}

/// Completes a label: its value, and where its heading text starts.
fn finish(s: &str, kind: LabelKind, number: String, len: usize) -> Option<Label> {
    let value = match kind {
        LabelKind::Circled => number.parse().ok()?,
        LabelKind::Box => value_of(&number["专栏".len()..])?, // 專欄 has the same length
        LabelKind::Part | LabelKind::Chapter | LabelKind::Section | LabelKind::Article => {
            let inner = number.trim_start_matches('第');
            let inner = inner
                .trim_end_matches("部分")
                .trim_end_matches(['章', '节', '節', '条', '條', '编', '編']);
            value_of(inner)?
        }
        _ => value_of(&number)?,
    };
    if value == 0 {
        return None;
    }
    let rest = &s[len..];
    let rest_trim = rest.trim_start_matches([' ', ':', '：']);
    let body = len + (rest.len() - rest_trim.len());
    Some(Label {
        kind,
        value,
        number,
        len,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_value(s: &str) -> Option<(LabelKind, u64, String)> {
        label_at(s).map(|l| (l.kind, l.value, l.number))
    }

    #[test]
    fn every_level() {
        use LabelKind::*;
        let cases = [
            ("第一章 发展基础", Chapter, 1, "第一章"),
            ("第十二节 取得成就", Section, 12, "第十二节"),
            ("第三条 为了", Article, 3, "第三条"),
            ("第二部分 任务", Part, 2, "第二部分"),
            ("一、指导思想", CnComma, 1, "一"),
            ("十一、保障", CnComma, 11, "十一"),
            ("（一）健康医疗", CnParen, 1, "一"),
            ("(十五)改革", CnParen, 15, "十五"),
            ("1.发展特需医疗服务。", Arabic, 1, "1"),
            ("25.健全", Arabic, 25, "25"),
            ("1、成都未来医学城", Arabic, 1, "1"),
            ("（1）放宽规划限制", ArabicParen, 1, "1"),
            ("(2)淡化", ArabicParen, 2, "2"),
            ("3）完善", ArabicParen, 3, "3"),
            ("一.总体要求", CnComma, 1, "一"),
            ("③推进", Circled, 3, "3"),
            ("专栏1 成都市指标", Box, 1, "专栏1"),
            ("专栏10 健康", Box, 10, "专栏10"),
            ("專欄2 指標", Box, 2, "專欄2"),
            ("第二節 現狀", Section, 2, "第二節"),
            ("第五條 本辦法", Article, 5, "第五條"),
        ];
        for (s, k, v, n) in cases {
            assert_eq!(kind_value(s), Some((k, v, n.to_string())), "{s}");
        }
    }

    #[test]
    fn not_labels() {
        for s in [
            "2.5亿元",
            "2024年重点工作",
            "1.5",
            "第三方机构",
            "第十四次党代会",
            "（此件公开发布）",
            "(2016—2020年)",
            "一方面，持续深化",
            "1.",
            "0.75名",
            "85%",
            "2018年12月19日",
            "2020）",
            "123）",
        ] {
            assert_eq!(kind_value(s), None, "{s}");
        }
    }

    #[test]
    fn body_skips_spaces() {
        let l = label_at("1. 促进健康管理").unwrap();
        assert_eq!(&"1. 促进健康管理"[l.body..], "促进健康管理");
        let l = label_at("第一章 发展基础").unwrap();
        assert_eq!(&"第一章 发展基础"[l.body..], "发展基础");
    }
}
