//! Numbers as Chinese documents write them: Arabic (`4.74`, `1,200`) and
//! Chinese (`二十五`, `一百零八`, `二〇一八`, `两`), with the magnitudes 万 and
//! 亿 (`2.41万`, `1.5万亿`). Shared by the target and date rules.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
