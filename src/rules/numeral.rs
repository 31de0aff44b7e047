//! Numbers as Chinese documents write them: Arabic (`4.74`, `1,200`) and
//! Chinese (`二十五`, `一百零八`, `二〇一八`, `两`), with the magnitudes 万 and
//! 亿 (`2.41万`, `1.5万亿`), percentages (`50%`, `百分之三点五`), ranges
//! (`3-5`, `3至5`), `三成` and `翻一番`. Shared by the target and date rules.
//!
//! [`parse_number`] reads a whole string; [`find_numerals`] scans a text in
//! one pass and reports each number with its byte range, so that the target
//! rules can look at the words around it. Neither allocates per character
//! nor panics on any input.

/// The value of one Chinese digit character, if it is one.
pub(crate) fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '貳' | '贰' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a small unit character (十 百 千).
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Parses a whole string of Chinese numerals to an integer: `十二` 12,
/// `二十五` 25, `一百零八` 108, `三千五百` 3500, `十万` 100000, and
/// digit-by-digit forms such as years (`二〇一八` 2018). `None` if any
/// character is not part of a numeral or the string is empty.
///
/// ```ignore
/// assert_eq!(parse_chinese_int("一百零八"), Some(108));
/// ```
pub(crate) fn parse_chinese_int(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    // Digit-by-digit (years, codes): every char a digit, more than one.
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0; // finished 亿 and 万 groups
    let mut section: u64 = 0; // below 万
    let mut number: u64 = 0; // pending digit
    let mut seen = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            number = d;
            seen = true;
        } else if let Some(u) = small_unit(c) {
            // `十` alone means 10: a unit without a digit before it counts once.
            let n = if number == 0 { 1 } else { number };
            section = section.checked_add(n.checked_mul(u)?)?;
            number = 0;
            seen = true;
        } else if c == '万' || c == '萬' {
            section = section.checked_add(number)?;
            total = total.checked_add(section.checked_mul(10_000)?)?;
            section = 0;
            number = 0;
        } else if c == '亿' || c == '億' {
            section = section.checked_add(number)?;
            total = total.checked_add(section)?.checked_mul(100_000_000)?;
            section = 0;
            number = 0;
        } else {
            return None;
        }
    }
    if !seen {
        return None;
    }
    total.checked_add(section)?.checked_add(number)
}

/// Parses an Arabic or Chinese number with an optional magnitude suffix:
/// `4.74`, `1,200`, `2.41万` (24100), `1.5万亿`, `二十五`, `三点五` (3.5).
/// `None` for anything else.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut body = s;
    let mut scale = 1.0;
    loop {
        if let Some(rest) = body.strip_suffix('亿').or_else(|| body.strip_suffix('億')) {
            scale *= 1e8;
            body = rest;
        } else if let Some(rest) = body.strip_suffix('万').or_else(|| body.strip_suffix('萬')) {
            scale *= 1e4;
            body = rest;
        } else {
            break;
        }
    }
    if body.is_empty() {
        return None;
    }
    let arabic: String = body.chars().filter(|c| *c != ',').collect();
    if arabic.chars().all(|c| c.is_ascii_digit() || c == '.')
        && arabic.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return arabic.parse::<f64>().ok().map(|v| v * scale);
    }
    if let Some((int, frac)) = body.split_once('点') {
        let i = parse_chinese_int(int)? as f64;
        let digits: Option<String> = frac
            .chars()
            .map(|c| digit(c).and_then(|d| char::from_digit(d as u32, 10)))
            .collect();
        let f: f64 = format!("0.{}", digits?).parse().ok()?;
        return Some((i + f) * scale);
    }
    parse_chinese_int(body).map(|v| v as f64 * scale)
}

/// A number found in a text by [`find_numerals`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Numeral {
    /// Byte range of the whole number: `百分之` prefix, digits, range upper
    /// bound, magnitude and percent sign included.
    pub start: usize,
    /// End of the number (exclusive), see `start`.
    pub end: usize,
    /// The value as written, without the magnitude: `12.9亿` gives 12.9.
    pub value: f64,
    /// The upper bound of a range (`3-5` gives value 3, upper 5).
    pub upper: Option<f64>,
    /// The magnitude written after the digits: `""`, `"万"`, `"亿"`, `"万亿"`,
    /// `"千万"` or `"百万"`; it belongs to the unit (`亿元`).
    pub magnitude: &'static str,
    /// A unit the number form itself implies: `%` (`50%`, `百分之五十`),
    /// `‰`, `成` (`三成`) or `倍` (`翻一番`).
    pub unit: Option<&'static str>,
    /// Written in Chinese numerals (`四`, `二十五`), not Arabic digits.
    pub chinese: bool,
}

impl Numeral {
    /// The scale of the magnitude: `亿` gives 1e8, none gives 1.
    #[cfg(test)]
    pub(crate) fn scale(&self) -> f64 {
        magnitude_scale(self.magnitude)
    }
}

/// The factor of a magnitude word written before a unit (`亿` 1e8).
pub(crate) fn magnitude_scale(m: &str) -> f64 {
    match m {
        "万亿" | "萬億" => 1e12,
        "亿" | "億" => 1e8,
        "千万" | "千萬" => 1e7,
        "百万" | "百萬" => 1e6,
        "万" | "萬" => 1e4,
        _ => 1.0,
    }
}

/// Magnitude words, longest first (traditional forms as written).
const MAGNITUDES: [&str; 10] = [
    "万亿", "萬億", "千万", "千萬", "百万", "百萬", "亿", "億", "万", "萬",
];

/// Characters that may form a Chinese numeral.
fn is_chinese_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || matches!(c, '万' | '亿' | '萬' | '億')
}

/// Whether a number may start with `c` (an ASCII digit, a Chinese numeral
/// such as 一 or 百 of 百分之, or 翻 of 翻一番): a text without any of these
/// has no number.
pub(crate) fn may_start(c: char) -> bool {
    START.contains(c)
}

/// The characters of [`digit`] (a test checks the list).
const DIGITS: &[char] = &[
    '〇', '零', '○', 'Ｏ', '一', '壹', '二', '两', '貳', '贰', '兩', '三', '叁', '四', '肆', '五',
    '伍', '六', '陆', '陸', '七', '柒', '八', '捌', '九', '玖',
];

/// The characters [`may_start`] accepts: ASCII digits, 翻, and every
/// character of [`digit`], [`small_unit`] and the magnitudes.
static START: CharSet = CharSet::new(&[
    DIGITS,
    &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '翻'],
    &['十', '拾', '百', '佰', '千', '仟', '万', '亿', '萬', '億'],
]);

/// The characters of [`digit`], and 十: a text without one, and without an
/// ASCII digit, holds no number a target can read.
static DIGIT_OR_TEN: CharSet = CharSet::new(&[DIGITS, &['十']]);

/// Whether `s` holds a character [`may_start`] accepts: a line without one
/// holds no number. Equal to `s.chars().any(may_start)`, with the ASCII
/// digits looked for in a vectorized pass first.
pub(crate) fn any_may_start(s: &str) -> bool {
    has_ascii_digit(s) || START.any_in(s)
}

/// Whether `s` holds an ASCII digit, a Chinese digit ([`digit`]) or 十,
/// read as [`any_may_start`] reads.
pub(crate) fn any_digit(s: &str) -> bool {
    has_ascii_digit(s) || DIGIT_OR_TEN.any_in(s)
}

/// Whether `s` holds an ASCII digit: 64 bytes at a time with no branch
/// inside a block, so that the test vectorizes.
pub(crate) fn has_ascii_digit(s: &str) -> bool {
    s.as_bytes().chunks(64).any(|block| {
        block
            .iter()
            .fold(0u8, |acc, &b| acc | u8::from(b.wrapping_sub(b'0') < 10))
            != 0
    })
}

/// A set of characters of the Basic Multilingual Plane as a bitmap (8 KB),
/// built at compile time, so that testing a character costs one load.
struct CharSet([u64; 1024]);

impl CharSet {
    /// The union of the lists `parts` (characters beyond the BMP are left
    /// out).
    const fn new(parts: &[&[char]]) -> CharSet {
        let mut bits = [0u64; 1024];
        let mut p = 0;
        while p < parts.len() {
            let mut i = 0;
            while i < parts[p].len() {
                let c = parts[p][i] as u32;
                if c < 0x10000 {
                    bits[(c >> 6) as usize] |= 1 << (c & 63);
                }
                i += 1;
            }
            p += 1;
        }
        CharSet(bits)
    }

    /// Whether `c` is in the set.
    fn contains(&self, c: char) -> bool {
        let c = c as u32;
        c < 0x10000 && self.0[(c >> 6) as usize] & (1 << (c & 63)) != 0
    }

    /// Whether a character of `s` is in the set.
    fn any_in(&self, s: &str) -> bool {
        s.chars().any(|c| self.contains(c))
    }
}

/// Range separators: `3-5`, `3～5`, `3至5`, `3到5`.
const RANGE_SEPARATORS: [char; 8] = ['-', '—', '–', '～', '~', '至', '到', '－'];

/// Every number of `text`, in order, not overlapping. Years and other
/// numbers are all reported; deciding what a number means is the caller's
/// business.
///
/// ```ignore
/// let n = find_numerals("达到百分之五十");
/// assert_eq!((n[0].value, n[0].unit), (50.0, Some("%")));
/// ```
pub(crate) fn find_numerals(text: &str) -> Vec<Numeral> {
    let mut out = Vec::new();
    let mut i = 0;
    // `str::find` steps over the characters that cannot start a number.
    while let Some(at) = text.get(i..).and_then(|rest| rest.find(may_start)) {
        let at = i + at;
        match scan_numeral(text, at) {
            Some(n) => {
                i = n.end.max(at + 1);
                out.push(n);
            }
            None => i = at + text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The number starting exactly at byte `at` of `text` (a char boundary), if any.
pub(crate) fn scan_numeral(text: &str, at: usize) -> Option<Numeral> {
    if !text.is_char_boundary(at) {
        return None;
    }
    let rest = &text[at..];
    let first = rest.chars().next()?;
    // 百分之五十, 百分之3.5, 千分之三
    for (prefix, unit) in [("百分之", "%"), ("千分之", "‰")] {
        if let Some(tail) = rest.strip_prefix(prefix) {
            let (value, upper, len) = scan_plain(tail, 0)?;
            return Some(Numeral {
                start: at,
                end: at + prefix.len() + len,
                value,
                upper,
                magnitude: "",
                unit: Some(unit),
                chinese: true,
            });
        }
    }
    // 翻一番 (2x), 翻两番 (4x)
    if let Some(tail) = rest.strip_prefix('翻') {
        let count: String = tail.chars().take_while(|c| digit(*c).is_some()).collect();
        if !count.is_empty() && tail[count.len()..].starts_with('番') {
            let n = parse_chinese_int(&count)?;
            if n > 0 && n < 10 {
                return Some(Numeral {
                    start: at,
                    end: at + '翻'.len_utf8() + count.len() + '番'.len_utf8(),
                    value: f64::from(2u32.pow(n as u32)),
                    upper: None,
                    magnitude: "",
                    unit: Some("倍"),
                    chinese: true,
                });
            }
        }
        return None;
    }
    if !(first.is_ascii_digit() || is_chinese_numeral_char(first))
        || matches!(first, '万' | '亿' | '萬' | '億')
    {
        return None;
    }
    let chinese = !first.is_ascii_digit();
    let (value, mut upper, len) = scan_plain(rest, 0)?;
    let mut end = at + len;
    // A range: 3-5, 3至5 (the upper bound in the same script).
    if upper.is_none() {
        let after = &text[end..];
        let after_trim = after.trim_start_matches(' ');
        if let Some(sep) = after_trim
            .chars()
            .next()
            .filter(|c| RANGE_SEPARATORS.contains(c))
        {
            let next_at = sep.len_utf8();
            let tail = after_trim[next_at..].trim_start_matches(' ');
            let skipped = after.len() - tail.len();
            let same_script = tail.chars().next().is_some_and(|c| {
                if chinese {
                    digit(c).is_some() || small_unit(c).is_some()
                } else {
                    c.is_ascii_digit()
                }
            });
            if same_script {
                if let Some((hi, None, hlen)) = scan_plain(tail, 0) {
                    if hi >= value {
                        upper = Some(hi);
                        end += skipped + hlen;
                    }
                }
            }
        }
    }
    // Magnitude (Arabic numbers; Chinese ones carry it inside scan_plain).
    let mut magnitude = "";
    let after = &text[end..];
    let after_trim = after.trim_start_matches(' ');
    for m in MAGNITUDES {
        if chinese && !matches!(m, "万" | "亿" | "万亿" | "萬" | "億" | "萬億") {
            continue;
        }
        if after_trim.starts_with(m) {
            magnitude = m;
            end += after.len() - after_trim.len() + m.len();
            break;
        }
    }
    // Chinese numerals ending in 万/亿 (`十万`): split the magnitude off.
    let mut value = value;
    if chinese && magnitude.is_empty() && upper.is_none() {
        let written = &text[at..end];
        for m in ["万亿", "萬億", "亿", "億", "万", "萬"] {
            if let Some(head) = written.strip_suffix(m) {
                if !head.is_empty() && !head.contains(['万', '亿', '萬', '億']) {
                    if let Some(v) = parse_number(head) {
                        value = v;
                        magnitude = m;
                    }
                }
                break;
            }
        }
    }
    let mut unit = None;
    let after = &text[end..];
    let after_trim = after.trim_start_matches(' ');
    for (sign, u) in [("%", "%"), ("％", "%"), ("‰", "‰")] {
        if after_trim.starts_with(sign) {
            unit = Some(u);
            end += after.len() - after_trim.len() + sign.len();
            break;
        }
    }
    // 10%-15%: a range of percentages.
    if unit.is_some() && upper.is_none() {
        let after = &text[end..];
        if let Some(sep) = after
            .chars()
            .next()
            .filter(|c| RANGE_SEPARATORS.contains(c))
        {
            let tail = &after[sep.len_utf8()..];
            if let Some((hi, None, hlen)) = scan_plain(tail, 0).filter(|_| !chinese) {
                let sign = tail[hlen..].chars().next();
                if hi >= value && matches!(sign, Some('%' | '％' | '‰')) {
                    upper = Some(hi);
                    end += sep.len_utf8() + hlen + sign.map_or(0, char::len_utf8);
                }
            }
        }
    }
    // 三成: 成 as a unit of tenths, only after a bare Chinese digit.
    if unit.is_none() && chinese && magnitude.is_empty() && after.starts_with('成') && value < 10.0
    {
        let next = after['成'.len_utf8()..].chars().next();
        // Not 成为/成立/成果/成本/成效...: 成 followed by a word char is a verb or noun.
        if !matches!(next, Some(c) if c.is_alphanumeric() && !matches!(c, '以' | '左')) {
            unit = Some("成");
            end += '成'.len_utf8();
        }
    }
    Some(Numeral {
        start: at,
        end,
        value,
        upper,
        magnitude,
        unit,
        chinese,
    })
}

/// Reads one plain number (Arabic with separators and decimals, or a
/// Chinese numeral with `点`) at `at` of `s`: value, range upper bound (none
/// here), byte length.
fn scan_plain(s: &str, at: usize) -> Option<(f64, Option<f64>, usize)> {
    let rest = s.get(at..)?;
    let first = rest.chars().next()?;
    if first.is_ascii_digit() {
        let b = rest.as_bytes();
        let mut i = 0;
        let mut digits = String::new();
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                digits.push(c as char);
                i += 1;
            } else if c == b','
                && !digits.is_empty()
                && b.len() >= i + 4
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && !matches!(b.get(i + 4), Some(d) if d.is_ascii_digit())
            {
                // 1,200 and 12,345,678: a comma before exactly three digits.
                i += 1;
            } else {
                break;
            }
        }
        // Decimals, tolerating one space around the point (PDF copies).
        let mut j = i;
        while b.get(j) == Some(&b' ') && j < i + 1 {
            j += 1;
        }
        if b.get(j) == Some(&b'.') {
            let mut k = j + 1;
            while b.get(k) == Some(&b' ') && k < j + 2 {
                k += 1;
            }
            let frac_start = k;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            if k > frac_start {
                digits.push('.');
                digits.push_str(&rest[frac_start..k]);
                i = k;
            }
        }
        let v: f64 = digits.parse().ok()?;
        return Some((v, None, i));
    }
    // Chinese: a run of numeral characters, then 点 and digits.
    let mut len = 0;
    for c in rest.chars() {
        if is_chinese_numeral_char(c) {
            len += c.len_utf8();
        } else {
            break;
        }
    }
    if len == 0 {
        return None;
    }
    let mut int_part = &rest[..len];
    // A trailing 万/亿 after a digit belongs to the number (十万); a leading one does not.
    let mut value = parse_chinese_int(int_part);
    while value.is_none() && !int_part.is_empty() {
        // Back off one char at a time: 五十万亿元 parses, 一万物 does not need to.
        let last = int_part.chars().last()?;
        int_part = &int_part[..int_part.len() - last.len_utf8()];
        len = int_part.len();
        value = parse_chinese_int(int_part);
    }
    let mut value = value? as f64;
    let tail = &rest[len..];
    if let Some(frac) = tail.strip_prefix('点') {
        let digits: String = frac.chars().take_while(|c| digit(*c).is_some()).collect();
        if !digits.is_empty() && !int_part.contains(['万', '亿']) {
            let f: String = digits
                .chars()
                .filter_map(|c| digit(c).and_then(|d| char::from_digit(d as u32, 10)))
                .collect();
            if let Ok(fv) = format!("0.{f}").parse::<f64>() {
                value += fv;
                len += '点'.len_utf8() + digits.len();
            }
        }
    }
    Some((value, None, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition of the characters `any_digit` looks for.
    fn digit_or_ten(c: char) -> bool {
        digit(c).is_some() || c == '十'
    }

    /// The whole-text tests agree with a char-by-char test on the fixtures
    /// (whole, by line and in pieces of 50 characters) and on every
    /// character up to U+2FFFF between two ideographs.
    #[test]
    fn whole_text_tests_match_the_char_tests() {
        let mut texts = crate::rules::fixture_texts();
        texts.extend(
            [
                "",
                "a",
                "翻一番",
                "第十",
                "x9",
                "二〇",
                "百分之",
                "○",
                "Ｏ型",
                "〇",
            ]
            .map(String::from),
        );
        for t in &texts {
            let pieces = t.lines().chain(
                t.char_indices()
                    .map(|(i, _)| i)
                    .step_by(50)
                    .zip(t.char_indices().map(|(i, _)| i).step_by(50).skip(1))
                    .map(|(a, b)| &t[a..b]),
            );
            for p in pieces.chain([t.as_str()]) {
                assert_eq!(any_may_start(p), p.chars().any(may_start), "{p}");
                let plain = p.chars().any(|c| c.is_ascii_digit() || digit_or_ten(c));
                assert_eq!(any_digit(p), plain, "{p}");
            }
        }
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            let s = format!("文{c}字");
            assert_eq!(any_may_start(&s), may_start(c), "{c:?}");
            assert_eq!(
                any_digit(&s),
                c.is_ascii_digit() || digit_or_ten(c),
                "{c:?}"
            );
        }
    }

    /// The bitmap holds exactly the characters of the numeral tables.
    #[test]
    fn may_start_matches_the_numeral_tables() {
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            let plain = c.is_ascii_digit() || c == '翻' || is_chinese_numeral_char(c);
            assert_eq!(may_start(c), plain, "{c:?}");
        }
    }

    #[test]
    fn chinese_integers() {
        for (s, v) in [
            ("四", 4),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("一百零八", 108),
            ("两", 2),
            ("〇", 0),
            ("三千五百", 3500),
            ("二〇一八", 2018),
            ("二〇三五", 2035),
            ("十万", 100_000),
            ("一亿二千万", 120_000_000),
        ] {
            assert_eq!(parse_chinese_int(s), Some(v), "{s}");
        }
        for s in ["", "十五条", "abc", "万"] {
            assert_eq!(parse_chinese_int(s), None, "{s}");
        }
    }

    #[test]
    fn numbers_with_magnitudes() {
        assert_eq!(parse_number("4.74"), Some(4.74));
        assert_eq!(parse_number("1,200"), Some(1200.0));
        assert_eq!(parse_number("2.41万"), Some(24100.0));
        assert_eq!(parse_number("12.9亿"), Some(1_290_000_000.0));
        assert_eq!(parse_number("1.5万亿"), Some(1.5e12));
        assert_eq!(parse_number("三点五"), Some(3.5));
        assert_eq!(parse_number("五十"), Some(50.0));
        assert_eq!(parse_number(".5"), None);
        assert_eq!(parse_number("亿"), None);
    }

    /// (text, value, upper, magnitude, unit, chinese) of the first numeral.
    fn first(text: &str) -> (f64, Option<f64>, &'static str, Option<&'static str>, bool) {
        let n = find_numerals(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no numeral in {text}"));
        (n.value, n.upper, n.magnitude, n.unit, n.chinese)
    }

    #[test]
    fn finds_arabic_forms() {
        assert_eq!(first("达到4.74个"), (4.74, None, "", None, false));
        assert_eq!(first("共1,200人"), (1200.0, None, "", None, false));
        assert_eq!(first("12,345,678元"), (12_345_678.0, None, "", None, false));
        assert_eq!(first("投入 12.9 亿元"), (12.9, None, "亿", None, false));
        assert_eq!(first("2.41万户"), (2.41, None, "万", None, false));
        assert_eq!(first("1.5万亿元"), (1.5, None, "万亿", None, false));
        assert_eq!(first("15万"), (15.0, None, "万", None, false));
        assert_eq!(first("12 .9亿"), (12.9, None, "亿", None, false));
        assert_eq!(first("2.5萬人"), (2.5, None, "萬", None, false));
    }

    #[test]
    fn finds_percentages() {
        assert_eq!(first("不低于50%"), (50.0, None, "", Some("%"), false));
        assert_eq!(first("不低于50 ％"), (50.0, None, "", Some("%"), false));
        assert_eq!(first("百分之五十"), (50.0, None, "", Some("%"), true));
        assert_eq!(first("百分之三点五"), (3.5, None, "", Some("%"), true));
        assert_eq!(first("百分之3.5"), (3.5, None, "", Some("%"), true));
        assert_eq!(first("千分之三"), (3.0, None, "", Some("‰"), true));
    }

    #[test]
    fn finds_ranges() {
        assert_eq!(first("3-5个"), (3.0, Some(5.0), "", None, false));
        assert_eq!(first("3至5个"), (3.0, Some(5.0), "", None, false));
        assert_eq!(first("3～5个"), (3.0, Some(5.0), "", None, false));
        assert_eq!(first("10%-15%"), (10.0, Some(15.0), "", Some("%"), false));
        assert_eq!(first("三至五个"), (3.0, Some(5.0), "", None, true));
        // A falling pair is not a range.
        assert_eq!(first("5-3"), (5.0, None, "", None, false));
    }

    #[test]
    fn finds_chinese_forms() {
        assert_eq!(first("四个"), (4.0, None, "", None, true));
        assert_eq!(first("十二项"), (12.0, None, "", None, true));
        assert_eq!(first("二十五家"), (25.0, None, "", None, true));
        assert_eq!(first("一百零八个"), (108.0, None, "", None, true));
        assert_eq!(first("两个"), (2.0, None, "", None, true));
        assert_eq!(first("零发生"), (0.0, None, "", None, true));
        assert_eq!(first("〇"), (0.0, None, "", None, true));
        assert_eq!(first("三千五百人"), (3500.0, None, "", None, true));
        assert_eq!(first("十万人"), (10.0, None, "万", None, true));
        assert_eq!(first("三成"), (3.0, None, "", Some("成"), true));
        assert_eq!(first("翻一番"), (2.0, None, "", Some("倍"), true));
        assert_eq!(first("翻两番"), (4.0, None, "", Some("倍"), true));
    }

    #[test]
    fn spans_cover_the_written_number() {
        let t = "占比不低于百分之五十，投入12.9亿元";
        let n = find_numerals(t);
        assert_eq!(&t[n[0].start..n[0].end], "百分之五十");
        assert_eq!(&t[n[1].start..n[1].end], "12.9亿");
        assert_eq!(n[1].scale(), 1e8);
    }

    #[test]
    fn not_numbers() {
        for t in [
            "", "万物", "亿万", "发展", "成为", "翻番", "abc", "，。", "%", ".",
        ] {
            let found: Vec<f64> = find_numerals(t).iter().map(|n| n.value).collect();
            assert!(found.is_empty(), "{t}: {found:?}");
        }
        // 成 as a verb is not the unit 成.
        assert_eq!(first("三成为").3, None);
        // A comma before four digits is a list, not a separator.
        assert_eq!(first("3,2000").0, 3.0);
        // Never panics on any boundary.
        let t = "到2025年，占比达到百分之五十以上";
        for i in 0..=t.len() {
            let _ = scan_numeral(t, i);
        }
    }
}
