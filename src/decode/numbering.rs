//! DOCX automatic numbering (`word/numbering.xml`): the labels Word draws
//! before list paragraphs (`一、`, `（一）`, `1.`, `第一章`) are not in the
//! document text, so they are rebuilt here, as Word counts them.
//!
//! Each `w:num` is a list instance with its own counters; a level's counter
//! starts at its `w:start` (or a `w:startOverride`), and counting at a level
//! restarts the deeper levels. Bullets and `none` give no label. Numbering
//! inherited from paragraph styles is not followed.

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The list definitions of a document and the running counters.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// abstractNumId -> levels 0..9.
    abstract_levels: HashMap<String, Vec<Level>>,
    /// numId -> (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// numId -> counters by level.
    counters: HashMap<String, [Option<u32>; 9]>,
}

/// The local-name attribute `name` of an element.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
}

impl Numbering {
    /// Reads `word/numbering.xml`; malformed parts give what was read so far.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut num: Option<String> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => abs = None,
                        b"lvl" => level = None,
                        b"num" => num = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let val = || attr(&e, b"val");
            match e.local_name().as_ref() {
                b"abstractNum" if !empty => {
                    abs = attr(&e, b"abstractNumId");
                    if let Some(a) = &abs {
                        n.abstract_levels
                            .insert(a.clone(), vec![Level::default(); 9]);
                    }
                }
                b"lvl" if !empty && num.is_none() => {
                    level = attr(&e, b"ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|l| *l < 9);
                    if let (Some(a), Some(l)) = (&abs, level) {
                        if let Some(levels) = n.abstract_levels.get_mut(a) {
                            levels[l].start = 1;
                        }
                    }
                }
                b"start" | b"numFmt" | b"lvlText" => {
                    if let (Some(a), Some(l), Some(v)) = (&abs, level, val()) {
                        if let Some(lv) = n.abstract_levels.get_mut(a).map(|ls| &mut ls[l]) {
                            match e.local_name().as_ref() {
                                b"start" => lv.start = v.parse().unwrap_or(1),
                                b"numFmt" => lv.format = v,
                                _ => lv.text = v,
                            }
                        }
                    }
                }
                b"num" if !empty => num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num, val()) {
                        n.nums.insert(id.clone(), (v, HashMap::new()));
                    }
                }
                b"lvlOverride" if !empty => {
                    override_level = attr(&e, b"ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|l| *l < 9);
                }
                b"startOverride" => {
                    if let (Some(id), Some(l), Some(v)) = (&num, override_level, val()) {
                        if let Some((_, o)) = n.nums.get_mut(id) {
                            o.insert(l, v.parse().unwrap_or(1));
                        }
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// Counts a paragraph of list `num_id` at `level` and returns its label
    /// (`一、`, `（二）`, `1.2`), or `None` for bullets and unknown lists.
    pub(crate) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        if level >= 9 {
            return None;
        }
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstract_levels.get(abs)?;
        let counters = self.counters.entry(num_id.to_string()).or_default();
        let start = |l: usize| overrides.get(&l).copied().unwrap_or(levels[l].start);
        counters[level] = Some(counters[level].map_or(start(level), |c| c + 1));
        for c in counters.iter_mut().skip(level + 1) {
            *c = None;
        }
        let lv = &levels[level];
        if lv.format == "bullet" || lv.format == "none" || lv.text.is_empty() {
            return None;
        }
        let mut label = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let value = counters[l].unwrap_or_else(|| start(l));
                    let format = if lv.format == "decimalZero" || l == level {
                        lv.format.as_str()
                    } else {
                        levels[l].format.as_str()
                    };
                    label.push_str(&format_number(value, format));
                    continue;
                }
            }
            label.push(c);
        }
        Some(label)
    }
}

/// `value` written in the Word number format `format`.
fn format_number(value: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital" => {
            let s = chinese(value);
            if format == "chineseLegalSimplified" {
                s.chars()
                    .map(|c| match c {
                        '一' => '壹',
                        '二' => '贰',
                        '三' => '叁',
                        '四' => '肆',
                        '五' => '伍',
                        '六' => '陆',
                        '七' => '柒',
                        '八' => '捌',
                        '九' => '玖',
                        '十' => '拾',
                        '百' => '佰',
                        '千' => '仟',
                        c => c,
                    })
                    .collect()
            } else {
                s
            }
        }
        "ideographTraditional" => nth(value, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => nth(value, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&value) => {
            char::from_u32(0x2460 + value - 1).map_or(value.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&value) => {
            char::from_u32(0x2474 + value - 1).map_or(value.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap_or(c))
            .collect(),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((value.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((value.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(value);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "decimalZero" if value < 10 => format!("0{value}"),
        _ => value.to_string(),
    }
}

/// The `value`-th (1-based) character of `cycle`, wrapping around.
fn nth(value: u32, cycle: &str) -> String {
    let chars: Vec<char> = cycle.chars().collect();
    chars[(value.max(1) as usize - 1) % chars.len()].to_string()
}

/// Chinese numerals as in 一、十一、二十、一百零五.
fn chinese(value: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if value == 0 {
        return "零".into();
    }
    if value >= 10_000 {
        return value.to_string();
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = value;
    let mut zero = false;
    for (size, unit) in units {
        let d = rest / size;
        rest %= size;
        if d > 0 {
            if zero {
                out.push('零');
                zero = false;
            }
            if !(d == 1 && size == 10 && out.is_empty()) {
                out.push(DIGITS[d as usize]);
            }
            out.push(unit);
        } else if !out.is_empty() {
            zero = true;
        }
    }
    if rest > 0 {
        if zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// Roman numerals up to 3999 (larger values in digits).
fn roman(mut value: u32) -> String {
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let got: Vec<String> = [1, 10, 11, 20, 21, 100, 105, 110, 1001]
            .iter()
            .map(|v| chinese(*v))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一"
            ]
        );
    }

    #[test]
    fn lists_count_and_restart() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
            <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml);
        let labels: Vec<Option<String>> = [
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("1", 2),
            ("1", 1),
            ("1", 0),
            ("1", 1),
            ("1", 3),
            ("2", 0),
            ("9", 0),
        ]
        .iter()
        .map(|(id, l)| n.next_label(id, *l))
        .collect();
        let want = [
            Some("一、"),
            Some("（一）"),
            Some("1."),
            Some("2."),
            Some("（二）"),
            Some("二、"),
            Some("（一）"),
            None,
            Some("三、"),
            None,
        ];
        assert_eq!(labels, want.map(|w| w.map(String::from)));
    }

    #[test]
    fn formats() {
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "upperRoman"), "XII");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
    }
}
