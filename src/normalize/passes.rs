//! The normalization passes, in the order they run:
//!
//! 1. `width`: full-width digits, letters and number signs to half-width.
//! 2. `spaces`: odd spaces (NBSP, U+3000, en/em spaces) to one ASCII space;
//!    zero-width characters, BOMs and carriage returns dropped.
//! 3. `lines`: each line trimmed; lines of white space only dropped.
//! 4. `boilerplate`: web-page lines dropped (prefixes in
//!    `dicts/structure/boilerplate.txt`).
//! 5. `letterspace`: a line written letter by letter
//!    (`申 城 医 疗 服 务`) closed up.
//! 6. `spaced_digits`: spaces that PDF extraction leaves around numbers
//!    dropped (`2018 至 2020 年` to `2018至2020年`), but not before a list
//!    label (`万策 1.推动`).
//! 7. `linebreak`: in a PDF cut (most lines of one width), a line that
//!    fills the width and ends without sentence-final punctuation is joined
//!    with the next, unless the next starts a heading or a numbered item.
//!
//! Each pass copies what it keeps through the [`Builder`], so every kept
//! byte maps one to one to the input; dropped bytes map to their neighbours.

use super::{Builder, PassFn};
use crate::dict::Dicts;
use crate::structure::heading::label_at;
use crate::structure::is_han;

pub(crate) const PASSES: &[(&str, PassFn)] = &[
    ("width", width),
    ("spaces", spaces),
    ("lines", lines),
    ("boilerplate", boilerplate),
    ("letterspace", letterspace),
    ("spaced_digits", spaced_digits),
    ("linebreak", linebreak),
];

/// Folds full-width digits, letters and number signs (`０-９ Ａ-Ｚ ａ-ｚ ％ ． ＋ － ／`)
/// to half-width. Chinese punctuation （，：；） is kept: it is text, not a number.
fn width(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let mut last = 0;
    // Every character folded here is in U+FF00..U+FFFF, whose UTF-8 starts
    // with the byte 0xEF: only those positions need decoding.
    for i in lead_bytes(input.as_bytes(), |x| x == 0xEF) {
        let Some(c) = input[i..].chars().next() else {
            continue;
        };
        if ('\u{FF10}'..='\u{FF5A}').contains(&c) && c.is_alphanumeric()
            || matches!(c, '％' | '．' | '＋' | '－' | '／')
        {
            b.copy(last..i);
            let half = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            b.replace(i..i + c.len_utf8(), half.encode_utf8(&mut [0; 4]));
            last = i + c.len_utf8();
        }
    }
    b.copy(last..input.len());
}

/// The offsets of the bytes of UTF-8 text `bytes` that pass `lead`, for a
/// `lead` that never passes a byte from 0xE4 to 0xE9: those lead the
/// three-byte CJK ideographs (U+4000..U+9FFF), which are stepped over
/// whole.
fn lead_bytes<'a>(
    bytes: &'a [u8],
    lead: impl Fn(u8) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&x) = bytes.get(i) {
            let at = i;
            if (0xE4..=0xE9).contains(&x) {
                i += 3;
                continue;
            }
            i += 1;
            if lead(x) {
                return Some(at);
            }
        }
        None
    })
}

/// Whether `c` is a space that is not an ASCII space or line break.
fn odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{3000}' | '\t' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// Whether `c` is invisible and carries nothing (zero-width, BOM, CR).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r'
    )
}

/// Odd spaces to one ASCII space each; zero-width characters and CR dropped.
fn spaces(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let bytes = input.as_bytes();
    let mut last = 0;
    // The first UTF-8 byte of every odd space and invisible character.
    let lead = |x: u8| matches!(x, b'\t' | b'\r' | 0xC2 | 0xE2 | 0xE3 | 0xEF);
    for i in lead_bytes(bytes, lead) {
        // Frequent lead bytes of other characters (`、。，（`) are told
        // apart by their next byte without decoding.
        let next = bytes.get(i + 1).copied();
        let maybe = match bytes[i] {
            0xC2 => next == Some(0xA0),
            0xE2 => matches!(next, Some(0x80 | 0x81)),
            0xE3 => next == Some(0x80),
            0xEF => next == Some(0xBB),
            _ => true,
        };
        if !maybe {
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            continue;
        };
        if odd_space(c) {
            b.copy(last..i);
            b.replace(i..i + c.len_utf8(), " ");
            last = i + c.len_utf8();
        } else if invisible(c) {
            b.copy(last..i);
            last = i + c.len_utf8();
        }
    }
    b.copy(last..input.len());
}

/// Byte ranges of the lines of `s`, each without its `\n`, and whether a
/// `\n` follows it.
fn line_ranges(s: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices('\n') {
        out.push((start..i, true));
        start = i + 1;
    }
    if start < s.len() {
        out.push((start..s.len(), false));
    }
    out
}

/// Trims every line; drops lines that hold only white space.
fn lines(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    for (r, nl) in line_ranges(input) {
        let line = &input[r.clone()];
        let lead = line.len() - line.trim_start_matches(' ').len();
        let trail = line.len() - line.trim_end_matches(' ').len();
        if lead + trail >= line.len() {
            continue;
        }
        b.copy(r.start + lead..r.end - trail);
        if nl {
            b.copy(r.end..r.end + 1);
        }
    }
}

/// Drops lines that start with a boilerplate prefix of the dictionary.
fn boilerplate(b: &mut Builder<'_>, dicts: &Dicts) {
    let input = b.input();
    // Each prefix with its first character: only the prefixes that share
    // a line's first character are compared with it.
    let prefixes: Vec<(char, &str)> = dicts
        .boilerplate
        .iter()
        .filter_map(|p| Some((p.chars().next()?, p.as_str())))
        .collect();
    for (r, nl) in line_ranges(input) {
        let line = input[r.clone()].trim();
        let first = line.chars().next();
        if prefixes
            .iter()
            .any(|&(c, p)| Some(c) == first && line.starts_with(p))
        {
            continue;
        }
        b.copy(r.start..if nl { r.end + 1 } else { r.end });
    }
}

/// Whether a line is written letter by letter: at least five
/// space-separated pieces, four in five of them one Han character or one
/// punctuation mark.
fn letter_spaced(line: &str) -> bool {
    let pieces: Vec<&str> = line.split(' ').filter(|p| !p.is_empty()).collect();
    let single = pieces
        .iter()
        .filter(|p| {
            let mut it = p.chars();
            it.next()
                .is_some_and(|c| is_han(c) || "，。、；：！？".contains(c))
                && it.next().is_none()
        })
        .count();
    pieces.len() >= 5 && single * 5 >= pieces.len() * 4
}

/// Closes up the spaces of lines written letter by letter.
fn letterspace(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let mut last = 0;
    for (r, _) in line_ranges(input) {
        let line = &input[r.clone()];
        if !line.contains(' ') || !letter_spaced(line) {
            continue;
        }
        for (i, _) in line.match_indices(' ') {
            b.copy(last..r.start + i);
            last = r.start + i + 1;
        }
    }
    b.copy(last..input.len());
}

/// Whether `rest` starts with a number used as a list label (`1.推动`, `2、`,
/// `3）`).
fn starts_label(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let after = &rest[digits..];
    let mut it = after.chars();
    match it.next() {
        Some('.') | Some('、') | Some('）') | Some(')') => {
            !it.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether `before` ends with the number of a caption (`专栏1`, `表2`),
/// whose space to the caption text is kept.
fn caption_number(before: &str) -> bool {
    let head = before.trim_end_matches(|c: char| c.is_ascii_digit());
    head.ends_with("专栏") || head.ends_with('表') || head.ends_with('图')
}

/// Drops runs of spaces between a number and a CJK character
/// (`12.9 亿元`, `2018 至`, `到 2035 年`), except before a list label.
fn spaced_digits(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let bytes = input.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            // The next space, found by `memchr`.
            i = input[i..].find(' ').map_or(bytes.len(), |p| i + p);
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let before = input[..start].chars().next_back();
        let after = input[i..].chars().next();
        let (Some(a), Some(c)) = (before, after) else {
            continue;
        };
        let drop = (a.is_ascii_digit() && !caption_number(&input[..start]) || a == '%')
            && is_han(c)
            || is_han(a) && c.is_ascii_digit() && !starts_label(&input[i..]);
        if drop {
            b.copy(last..start);
            last = i;
        }
    }
    b.copy(last..input.len());
}

/// Whether a line ends a sentence or a clause that cannot continue on the
/// next line.
fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end_matches(['”', '’', '"', '」', '）', ')']);
    line.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…'])
}

/// Joins the hard line breaks of a PDF cut: when most lines have one width,
/// a line that fills it and does not end a sentence continues on the next
/// line, unless that line starts a heading, a numbered item or a byline.
fn linebreak(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let ranges = line_ranges(input);
    let lens: Vec<usize> = ranges
        .iter()
        .map(|(r, _)| input[r.clone()].chars().count())
        .collect();
    let Some(width) = pdf_width(&lens) else {
        b.copy(0..input.len());
        return;
    };
    let min_fill = width * 3 / 4;
    let mut last = 0;
    for (k, (r, nl)) in ranges.iter().enumerate() {
        if !nl || k + 1 >= ranges.len() {
            continue;
        }
        let line = &input[r.clone()];
        let next = &input[ranges[k + 1].0.clone()];
        // The next line continues the text if it ends a sentence or fills
        // the width too; a short line without a sentence end is a heading.
        let continues = ends_sentence(next) || lens[k + 1] >= min_fill;
        let join = lens[k] >= min_fill
            && continues
            && !doubled(line)
            && !ends_sentence(line)
            && !line.contains('|')
            && !next.contains('|')
            // A heading is never continued; a numbered item that wraps
            // (it has punctuation inside) is.
            && (label_at(line).is_none() || line.contains(['，', '。', '、', ',']))
            && label_at(next).is_none()
            && next
                .chars()
                .next()
                .is_some_and(|c| is_han(c) || c.is_ascii_digit() || "“《（(「‘".contains(c));
        if join {
            b.copy(last..r.end);
            last = r.end + 1;
        }
    }
    b.copy(last..input.len());
}

/// Whether a line is one text written twice (`多学科门诊多学科门诊`), as PDF
/// extraction leaves picture captions: a caption, never continued.
fn doubled(line: &str) -> bool {
    let n = line.chars().count();
    if n < 4 || n % 2 != 0 {
        return false;
    }
    let (mid, _) = line.char_indices().nth(n / 2).unwrap_or((0, ' '));
    line[..mid] == line[mid..]
}

/// The line width of a PDF cut: the most common length of lines of at least
/// 12 characters, if at least 10 lines and a third of all lines are within 2
/// characters of it.
fn pdf_width(lens: &[usize]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for &l in lens.iter().filter(|&&l| l >= 12) {
        *counts.entry(l).or_insert(0usize) += 1;
    }
    let (&mode, _) = counts.iter().max_by_key(|(l, c)| (**c, **l))?;
    let near = lens.iter().filter(|&&l| l.abs_diff(mode) <= 2).count();
    (near >= 10 && near * 3 >= lens.len()).then_some(mode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn run(pass: PassFn, input: &str) -> (String, crate::normalize::OffsetMap) {
        let mut b = Builder::new(input);
        pass(&mut b, &Dicts::embedded());
        b.finish()
    }

    /// The original text behind `needle` in the output.
    fn orig<'a>(
        input: &'a str,
        out: &str,
        map: &crate::normalize::OffsetMap,
        needle: &str,
    ) -> &'a str {
        let i = out.find(needle).expect("needle in output");
        &input[map.to_original(i..i + needle.len())]
    }

    #[test]
    fn width_folds_digits_keeps_chinese_punctuation() {
        let input = "到２０２５年（一）：ＡＢ％";
        let (out, map) = run(width, input);
        assert_eq!(out, "到2025年（一）：AB%");
        assert_eq!(orig(input, &out, &map, "2025"), "２０２５");
    }

    #[test]
    fn spaces_fold_and_drop() {
        let input = "第一章\u{A0}发展\u{200B}基础\u{3000}标\r\n";
        let (out, map) = run(spaces, input);
        assert_eq!(out, "第一章 发展基础 标\n");
        assert_eq!(orig(input, &out, &map, "发展基础"), "发展\u{200B}基础");
    }

    #[test]
    fn lines_trim_and_drop_blank() {
        let input = "  索 引 号：\n \n\n国务院  \n";
        let (out, map) = run(lines, input);
        assert_eq!(out, "索 引 号：\n国务院\n");
        assert_eq!(orig(input, &out, &map, "国务院"), "国务院");
    }

    #[test]
    fn boilerplate_drops_listed_lines_keeps_header() {
        let input = "会员专属,享看即看!\n当前位置:\n政策来源:成都市 | 发布时间:2023-06-12 | 分享到:\n正文。\n";
        let (out, map) = run(boilerplate, input);
        assert_eq!(
            out,
            "政策来源:成都市 | 发布时间:2023-06-12 | 分享到:\n正文。\n"
        );
        assert_eq!(orig(input, &out, &map, "正文"), "正文");
    }

    #[test]
    fn letterspace_closes_up_spaced_lines_only() {
        let input = "申 城 医 疗 服 务 能 级 。\n创新改革 政策聚焦\n■ 何秀芳 刘宇\n";
        let (out, map) = run(letterspace, input);
        assert_eq!(
            out,
            "申城医疗服务能级。\n创新改革 政策聚焦\n■ 何秀芳 刘宇\n"
        );
        assert_eq!(orig(input, &out, &map, "医疗服务"), "医 疗 服 务");
    }

    #[test]
    fn spaced_digits_join_numbers_not_labels() {
        let input = "2018 至 2020 年投入 12.9 亿元，放开 100 张，到 2035 年 万策 1.推动 共 2）完善 专栏1 指标";
        let (out, map) = run(spaced_digits, input);
        assert_eq!(
            out,
            "2018至2020年投入12.9亿元，放开100张，到2035年 万策 1.推动 共 2）完善 专栏1 指标"
        );
        assert_eq!(orig(input, &out, &map, "12.9亿元"), "12.9 亿元");
        assert_eq!(orig(input, &out, &map, "2018至2020年"), "2018 至 2020 年");
    }

    #[test]
    fn linebreak_joins_pdf_lines_only() {
        let body: String = (0..12)
            .map(|_| "健康服务业涉及药品医疗器械保健用品健身产\n品健康保险等支撑产业门类众多。\n")
            .collect();
        let input = format!("一、总体要求\n{body}（一）加强领导\n");
        let (out, map) = run(linebreak, &input);
        assert!(out.starts_with("一、总体要求\n健康服务业涉及药品医疗器械保健用品健身产品健康保险"));
        assert!(out.ends_with("门类众多。\n（一）加强领导\n"));
        assert_eq!(orig(&input, &out, &map, "健身产品"), "健身产\n品");
        // A doubled caption is not continued.
        let caption = format!("{body}多学科门诊的胸外科团队多学科门诊的胸外科团队\n健康服务业是一个特殊而重要的行业事关人民\n群众。\n");
        let (out, _) = run(linebreak, &caption);
        assert!(out.contains("胸外科团队\n健康服务业是一个特殊而重要的行业事关人民群众。"));
        // Not a PDF cut: nothing joined.
        let web = "成都市健康服务业领导小组办公室\n关于印发的通知\n";
        assert_eq!(run(linebreak, web).0, web);
    }

    #[test]
    fn all_passes_compose() {
        let input = "\u{FEFF}• 四川创新创业政策服务平台!\n到 ２０３５ 年\u{3000}\n\n";
        let n = normalize(input, &Dicts::embedded());
        assert_eq!(n.text, "到2035年\n");
        let r = n.to_original(0..n.text.len() - 1);
        assert_eq!(&input[r], "到 ２０３５ 年");
    }

    /// Characters random inputs are made of: Chinese, labels, odd spaces,
    /// digits of both widths, line breaks, header bars.
    const ALPHABET: &[char] = &[
        '发', '展', '年', '月', '日', '至', '亿', '元', '张', '关', '于', '第', '章', '专', '栏',
        '一', '二', '、', '（', '）', '(', ')', '。', '，', '；', ':', '|', '.', '%', '1', '2',
        '0', '9', '１', '２', '０', 'Ａ', '％', '．', ' ', ' ', '\u{A0}', '\u{3000}', '\u{200B}',
        '\u{FEFF}', '\r', '\n', '\n', '•', '会', '员', '专', '属', '当', '前', '位', '置', 'a',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Every char-boundary range of the normalized text maps to a
        /// char-boundary range of the input, never inverted, monotonic.
        #[test]
        fn map_ranges_stay_on_boundaries(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..120)
        ) {
            let input: String = chars.into_iter().collect();
            let n = normalize(&input, &Dicts::embedded());
            let bounds: Vec<usize> = n
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([n.text.len()])
                .collect();
            let mut prev_start = 0;
            for (a, &i) in bounds.iter().enumerate() {
                for &j in &bounds[a..] {
                    let r = n.to_original(i..j);
                    proptest::prop_assert!(r.start <= r.end && r.end <= input.len());
                    proptest::prop_assert!(input.is_char_boundary(r.start));
                    proptest::prop_assert!(input.is_char_boundary(r.end));
                }
                let r = n.to_original(i..i);
                proptest::prop_assert!(r.start >= prev_start);
                prev_start = r.start;
            }
            let all = n.to_original(0..n.text.len());
            proptest::prop_assert!(all.end <= input.len());
        }
    }
}
