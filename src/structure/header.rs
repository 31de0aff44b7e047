//! Document metadata: the header table (`索引号 | … | 发布日期 | …`, or a
//! label line followed by its value line), the title line, the 文号, the
//! addressees, the signature and its date.
//!
//! Invariant: reads the normalized text only; every value is a cleaned
//! string (white space removed from titles, dates in ISO form).

use super::Line;
use crate::record::Meta;
use crate::rules::numeral::parse_chinese_int;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `2018年12月19日`, `2018-12-24`, `2018/12/24`, `2018.12.24`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))")
        .expect("date pattern compiles")
});

/// `二〇一八年十二月十九日`.
static CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
        .expect("chinese date pattern compiles")
});

/// `10月21日` (no year), for the publication sentence.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日").expect("month-day pattern compiles")
});

/// A year used as a time: `2024年`, or the start of a period `2024—2027年`.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])((?:19|20)\d{2})\s*(?:年|[—\-－~～至到]\s*(?:19|20)\d{2})")
        .expect("year pattern compiles")
});

/// A 文号 on a line of its own: `保政办发〔2018〕66号` (traditional `國辦發〔2017〕32號`).
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d{1,4}[号號]$")
        .expect("doc number pattern compiles")
});

/// The 文号 of a line that is only a 文号, or that ends with one in
/// brackets after a title (`…的若干意见（国发〔2019〕3号）`).
fn doc_number_in(line: &str) -> Option<String> {
    // Both forms end with 号 or a closing bracket.
    if !line.trim_end().ends_with(['号', '號', '）', ')']) {
        return None;
    }
    let c = compact(line);
    if DOC_NUMBER.is_match(&c) {
        return Some(c);
    }
    let inner = c.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let tail = &inner[open..];
    let tail = tail.trim_start_matches(['（', '(']);
    (find_about(&c).is_some() && DOC_NUMBER.is_match(tail)).then(|| tail.to_string())
}

/// The ISO form of a full date, `None` for an impossible one.
fn iso(y: u64, m: u64, d: u64) -> Option<String> {
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first full date in `s`, in ISO form: `2018年12月19日`, `2019年01月25日`,
/// `2018-12-24`, `二〇一八年十二月十九日`.
pub(crate) fn parse_date(s: &str) -> Option<String> {
    let a = DATE.captures(s).and_then(|c| {
        let y = c[1].parse().ok()?;
        let (m, d) = match (c.get(2), c.get(3)) {
            (Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => (c.get(4)?.as_str(), c.get(5)?.as_str()),
        };
        Some((c.get(0)?.start(), iso(y, m.parse().ok()?, d.parse().ok()?)?))
    });
    let b = CN_DATE.captures(s).and_then(|c| {
        let y = parse_chinese_int(&c[1])?;
        let m = parse_chinese_int(&c[2])?;
        let d = parse_chinese_int(&c[3])?;
        Some((c.get(0)?.start(), iso(y, m, d)?))
    });
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// Whether `s` is only a full date (white space and a trailing `印发`
/// aside).
pub(crate) fn is_date_line(s: &str) -> bool {
    // Both patterns start with a digit of the year: most lines fail here,
    // before any copy or search.
    let first = s.trim_start().chars().next();
    if !first.is_some_and(|c| c.is_numeric() || "〇零一二三四五六七八九○Ｏ".contains(c))
    {
        return false;
    }
    let t: String = super::compact(s);
    let t = t
        .trim_end_matches("印发")
        .trim_end_matches("发布")
        .trim_end_matches("签发");
    (DATE
        .find(t)
        .is_some_and(|m| m.start() == 0 && m.end() == t.len())
        || CN_DATE
            .find(t)
            .is_some_and(|m| m.start() == 0 && m.end() == t.len()))
        && parse_date(t).is_some()
}

/// The longest label of [`LABELS`], in bytes.
const MAX_LABEL_BYTES: usize = 12;

/// Header field labels, white space removed, and the field each fills.
const LABELS: &[(&str, Field)] = &[
    ("索引号", Field::Index),
    ("发文机关", Field::Issuer),
    ("发布机构", Field::Publisher),
    ("成文日期", Field::Written),
    ("发布日期", Field::Published),
    ("发布时间", Field::Published),
    ("标题", Field::Title),
    ("发文字号", Field::DocNumber),
    ("文号", Field::DocNumber),
    ("主题分类", Field::Other),
    ("主题词", Field::Other),
    ("公开目录", Field::Other),
    ("政策来源", Field::Other),
    ("来源", Field::Other),
    ("浏览量", Field::Other),
    ("分享到", Field::Other),
    // Traditional characters.
    ("索引號", Field::Index),
    ("發文機關", Field::Issuer),
    ("發布機構", Field::Publisher),
    ("發佈機構", Field::Publisher),
    ("發布日期", Field::Published),
    ("發佈日期", Field::Published),
    ("發布時間", Field::Published),
    ("標題", Field::Title),
    ("發文字號", Field::DocNumber),
    ("文號", Field::DocNumber),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Index,
    Issuer,
    Publisher,
    Written,
    Published,
    Title,
    DocNumber,
    Other,
}

/// `s` without white space.
fn compact(s: &str) -> String {
    super::compact(s)
}

/// The header field that `cell` labels (`索 引 号：`, `发布日期`), if any.
fn label_of(cell: &str) -> Option<Field> {
    // A label is short: count what is not white space or a colon first.
    let mut seen = 0;
    for c in cell.chars() {
        if !c.is_whitespace() && c != ':' && c != '：' {
            seen += c.len_utf8();
            if seen > MAX_LABEL_BYTES {
                return None;
            }
        }
    }
    let c = compact(cell);
    let c = c.trim_end_matches([':', '：']);
    LABELS.iter().find(|(l, _)| *l == c).map(|(_, f)| *f)
}

/// A `label:value` cell (`发布时间:2023-06-12`), split.
fn label_value(cell: &str) -> Option<(Field, String)> {
    // The first colon, if no more than a label comes before it.
    let mut seen = 0;
    let i = cell.char_indices().find_map(|(i, c)| {
        if c == ':' || c == '：' {
            return Some(Some(i));
        }
        if !c.is_whitespace() {
            seen += c.len_utf8();
        }
        (seen > MAX_LABEL_BYTES).then_some(None)
    })??;
    let f = label_of(&cell[..i])?;
    let sep = cell[i..].chars().next()?.len_utf8();
    Some((f, cell[i + sep..].trim().to_string()))
}

/// Splits a line of `label：value` fields separated by spaces
/// (`发布时间：2021-03-08  来源：省政府办公厅`) into its fields.
fn split_fields(line: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        if prev_space && !c.is_whitespace() && label_value(&line[i..]).is_some() {
            cuts.push(i);
        }
        prev_space = c.is_whitespace();
    }
    cuts.push(line.len());
    cuts.windows(2)
        .map(|w| line[w[0]..w[1]].trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The fields of the header table found in the first lines.
fn header_fields(text: &str, lines: &[Line]) -> (HashMap<Field, String>, usize) {
    let mut fields: HashMap<Field, String> = HashMap::new();
    let mut last_header_line = 0;
    let mut put = |f: Field, v: String| {
        if !v.is_empty() && f != Field::Other {
            fields.entry(f).or_insert(v);
        }
    };
    let n = lines.len().min(40);
    let mut k = 0;
    while k < n {
        let line = lines[k].text(text);
        let fields_in_line = split_fields(line);
        if line.contains(['|', '｜']) || fields_in_line.len() > 1 {
            let cells: Vec<&str> = if line.contains(['|', '｜']) {
                line.split(['|', '｜']).map(str::trim).collect()
            } else {
                fields_in_line
            };
            let mut i = 0;
            let mut any = false;
            while i < cells.len() {
                if let Some(f) = label_of(cells[i]) {
                    any = true;
                    let v = cells.get(i + 1).copied().unwrap_or("");
                    if !v.is_empty() && label_of(v).is_none() && label_value(v).is_none() {
                        put(f, v.to_string());
                        i += 2;
                        continue;
                    }
                } else if let Some((f, v)) = label_value(cells[i]) {
                    any = true;
                    put(f, v);
                }
                i += 1;
            }
            if any {
                last_header_line = k + 1;
            }
        } else if let Some(f) = label_of(line) {
            // Label on one line, value on the next (unless that is a label too).
            if let Some(next) = lines.get(k + 1).map(|l| l.text(text)) {
                if label_of(next).is_none() && label_value(next).is_none() {
                    put(f, next.trim().to_string());
                    k += 1;
                }
            }
            last_header_line = k + 1;
        } else if let Some((f, v)) = label_value(line) {
            if line.chars().count() <= 60 {
                put(f, v);
                last_header_line = k + 1;
            }
        }
        k += 1;
    }
    (fields, last_header_line)
}

/// Document-type words that end a title.
const TITLE_ENDS: &[&str] = &[
    "通知", "意见", "方案", "办法", "决定", "规定", "规划", "通告", "公告", "批复", "细则", "措施",
    "计划", "纲要", "报告", "指引", "指南", "条例", "函", "决议", "要点", "清单", "意見", "辦法",
    "決定", "規定", "規劃", "細則", "計劃", "綱要", "報告", "條例", "決議",
];

/// `关于` in both scripts.
const ABOUT: &[&str] = &["关于", "關於"];

/// Where `关于`/`關於` first occurs in `s`.
fn find_about(s: &str) -> Option<usize> {
    ABOUT.iter().filter_map(|a| s.find(a)).min()
}

/// The end (byte offset in `s`) of a title that starts at `s`'s start:
/// the first document-type word outside `《》` followed by the end of `s`
/// or by a non-Han character.
fn title_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '。' | '；' | '!' | '！' if depth == 0 => return None,
            _ => {}
        }
        if depth == 0 {
            let upto = &s[..i + c.len_utf8()];
            if TITLE_ENDS.iter().any(|w| upto.ends_with(w)) {
                let next = s[i + c.len_utf8()..].chars().next();
                if !next.is_some_and(super::is_han) {
                    return Some(i + c.len_utf8());
                }
            }
        }
    }
    None
}

/// The title: the header's 标题, else the first line holding `…关于…的通知`
/// (possibly over two lines), else a `X发布关于…` sentence, else the first
/// line when it names a 关于 title, else the line above a byline (`■ 作者`).
/// Returns the title and, when found in a line, the issuer-like prefix
/// before `关于`.
fn find_title(text: &str, lines: &[Line], from: usize) -> (Option<String>, Option<String>) {
    let n = lines.len().min(from + 30);
    for k in from..n {
        let line = lines[k].text(text);
        if line.contains('|') || line.chars().count() > 80 {
            continue;
        }
        let Some(at) = find_about(line) else {
            continue;
        };
        let prefix = &line[..at];
        if prefix.contains(['《', '“', '，', ',', '。']) {
            continue;
        }
        if let Some(e) = title_end(&line[at..]) {
            // The title may carry its 文号 in brackets: `…的若干意见（国发〔2019〕3号）`.
            let rest = compact(&line[at + e..]);
            let rest = rest
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            if rest.is_empty() || DOC_NUMBER.is_match(rest) {
                return (Some(compact(&line[..at + e])), non_empty(prefix));
            }
        }
        // A title over two lines.
        if let Some(next) = lines.get(k + 1).map(|l| l.text(text)) {
            let joined = format!("{line}{next}");
            if next.chars().count() <= 40
                && title_end(&joined[at..]).is_some_and(|e| at + e == joined.len())
            {
                return (Some(compact(&joined)), non_empty(prefix));
            }
        }
    }
    // `X发布关于印发《…》的通知。` inside the first sentences.
    let head = &text[..floor(text, 600)];
    if let Some(i) = head.find("发布关于").or_else(|| head.find("印发关于")) {
        let at = i + "发布".len();
        if let Some(e) = title_end(&head[at..]) {
            let before = &head[..i];
            let start = before
                .char_indices()
                .rev()
                .find(|(_, c)| !super::is_han(*c))
                .map_or(0, |(j, c)| j + c.len_utf8());
            return (
                Some(compact(&head[at..at + e])),
                non_empty(&before[start..]),
            );
        }
    }
    if let Some(first) = lines.get(from).map(|l| l.text(text)) {
        if let Some(at) = find_about(first) {
            if first.chars().count() <= 60 && !first.contains(['。', '，', ',']) {
                return (Some(compact(first)), non_empty(&first[..at]));
            }
        }
    }
    // A first line that names a document: `上海市促进健康服务业发展行动方案`.
    if let Some(first) = lines.get(from).map(|l| l.text(text)) {
        let c = compact(first);
        if c.chars().count() <= 40
            && !c.contains(['。', '，', ',', '；', '|', ':', '：'])
            && title_end(&c).is_some_and(|e| e == c.len())
        {
            return (Some(c), None);
        }
    }
    for k in 1..lines.len() {
        let line = lines[k].text(text);
        if line.starts_with('■') || line.starts_with("记者") || line.starts_with("作者") {
            let prev = lines[k - 1].text(text);
            if prev.chars().count() <= 40 && !prev.contains(['。', '，', ',', '；']) {
                return (Some(compact(prev)), None);
            }
        }
    }
    (None, None)
}

/// The issuer-like prefix of a title, if any: `X关于…` gives `X`, and
/// `X转发Y关于…` gives `X`.
fn non_empty(s: &str) -> Option<String> {
    let s = s.split("转发").next().unwrap_or(s);
    let c = compact(s);
    (!c.is_empty() && c.chars().count() <= 30).then_some(c)
}

/// The largest char boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Splits an addressee line on `，,` outside brackets, and on `、` when
/// every piece is a name of its own (four characters or more).
fn split_addressees(s: &str) -> Vec<String> {
    let split = |s: &str, seps: &[char]| -> Vec<String> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut cur = String::new();
        for c in s.chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 && seps.contains(&c) {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur.clear();
            } else {
                cur.push(c);
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
        out
    };
    let mut out = Vec::new();
    for part in split(s, &['，', ',']) {
        let pieces = split(&part, &['、']);
        if pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() >= 4) {
            out.extend(pieces);
        } else {
            out.push(part);
        }
    }
    out
}

/// Last characters of the names of bodies (`政府`, `管委会`, `局`).
const ORG_ENDS: &str = "府会门位构局委厅办院室处心司部署行所团队站";

/// Whether a line reads as the addressee line of a cover letter: every
/// name in it names a body (`各…`, `…人民政府`, `…局`).
fn addressee_line(line: &str) -> Option<&str> {
    let body = line.strip_suffix('：').or_else(|| line.strip_suffix(':'))?;
    if body.is_empty() || body.chars().count() > 150 || body.contains(['。', '；', '|']) {
        return None;
    }
    let names = split_addressees(body);
    let bodies = names
        .iter()
        .all(|n| n.starts_with('各') || n.ends_with(|c| ORG_ENDS.contains(c)));
    bodies.then_some(body)
}

/// A short line that can be a signature (an organ's name).
pub(crate) fn signature_line(line: &str) -> bool {
    let n = line.chars().count();
    (2..=30).contains(&n)
        && !line.contains(['。', '，', ',', '；', '：', ':', '|', '《'])
        && line
            .chars()
            .all(|c| super::is_han(c) || "()（）".contains(c))
}

/// The year the document speaks of most (`YYYY年`, `YYYY—YYYY年`), the
/// earlier on a tie (plans name their end years).
fn main_year(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in YEAR.captures_iter(text) {
        if let Some(m) = c.get(1) {
            *counts.entry(m.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, std::cmp::Reverse(*y)))
        .map(|(y, _)| y.to_string())
}

/// A date that the text says the document was issued on: `10月21日,X发布`,
/// `于2018年7月23日发布`. A date without a year takes the year the
/// document speaks of most.
fn publication_sentence(text: &str) -> Option<String> {
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0)?;
        let after = &text[m.end()..floor(text, m.end() + 60)];
        let Some(at) = after.find("发布").or_else(|| after.find("印发")) else {
            continue;
        };
        let between = &after[..at];
        if between.contains(['。', '；', '，']) {
            continue;
        }
        let year = match c.get(1) {
            Some(y) => y.as_str().to_string(),
            None => main_year(text)?,
        };
        let (mo, d) = (c[2].parse().ok()?, c[3].parse().ok()?);
        return iso(year.parse().ok()?, mo, d);
    }
    None
}

/// Reads the metadata of the document; also returns the number of lines
/// the header table takes.
pub(crate) fn parse_meta(text: &str, lines: &[Line]) -> (Meta, usize) {
    let (fields, header_end) = header_fields(text, lines);
    let mut meta = Meta {
        index_number: fields.get(&Field::Index).cloned(),
        ..Meta::default()
    };
    let (title, prefix) = match fields.get(&Field::Title) {
        Some(t) => (Some(compact(t)), None),
        None => find_title(text, lines, 0),
    };
    meta.title = title;
    meta.doc_number = fields
        .get(&Field::DocNumber)
        .map(|s| compact(s))
        .or_else(|| {
            lines
                .iter()
                .take(40)
                .find_map(|l| doc_number_in(l.text(text)))
        });
    // Addressees and the signature of the cover letter.
    let mut signature: Option<(String, String)> = None;
    for (k, l) in lines.iter().enumerate().skip(header_end).take(40) {
        let line = l.text(text);
        if meta.addressees.is_empty() {
            if let Some(body) = addressee_line(line) {
                meta.addressees = split_addressees(body);
            }
        }
        if signature.is_none() && k > header_end && is_date_line(line) {
            let prev = lines[k - 1].text(text);
            if signature_line(prev) && label_of(prev).is_none() {
                if let Some(d) = parse_date(&compact(line)) {
                    signature = Some((compact(prev), d));
                }
            }
        }
    }
    if signature.is_none() {
        // A signature at the end (documents without a cover letter).
        let from = lines.len().saturating_sub(8).max(header_end + 1);
        for k in from..lines.len() {
            let line = lines[k].text(text);
            if is_date_line(line) && signature_line(lines[k - 1].text(text)) {
                if let Some(d) = parse_date(&compact(line)) {
                    signature = Some((compact(lines[k - 1].text(text)), d));
                    break;
                }
            }
        }
    }
    meta.signed_date = signature.as_ref().map(|s| s.1.clone());
    meta.issuer = fields
        .get(&Field::Issuer)
        .map(|s| compact(s))
        .or(prefix)
        .or_else(|| signature.as_ref().map(|s| s.0.clone()))
        .or_else(|| fields.get(&Field::Publisher).map(|s| compact(s)));
    meta.publish_date = fields
        .get(&Field::Published)
        .and_then(|s| parse_date(s))
        .or_else(|| fields.get(&Field::Written).and_then(|s| parse_date(s)))
        .or_else(|| meta.signed_date.clone())
        .or_else(|| publication_sentence(text));
    (meta, header_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::lines_of;

    fn meta(text: &str) -> Meta {
        parse_meta(text, &lines_of(text)).0
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2018年12月19日").as_deref(), Some("2018-12-19"));
        assert_eq!(parse_date("2019年01月25日").as_deref(), Some("2019-01-25"));
        assert_eq!(
            parse_date("发布日期 2018-12-24").as_deref(),
            Some("2018-12-24")
        );
        assert_eq!(
            parse_date("二〇一八年十二月十九日").as_deref(),
            Some("2018-12-19")
        );
        assert_eq!(parse_date("2018年13月1日"), None);
        assert_eq!(parse_date("2018年"), None);
    }

    #[test]
    fn pipe_header() {
        let t = "索引号 | 58735799-9-/2018-1224003 | 发布机构 | 保山市人民政府研究室 |\n\
                 公开目录 | 市政府办公室文件 | 发布日期 | 2018-12-24 |\n\
                 文号 | 保政办发〔2018〕66号 | 浏览量 |\n\
                 保山市人民政府办公室关于印发保山市大健康产业发展工作实施方案的通知\n\
                 各县(市、区)人民政府,各园区管委会,市直各委、办、局:\n\
                 《方案》已经市人民政府同意。\n\
                 保山市人民政府办公室\n\
                 2018年12月19日\n";
        let m = meta(t);
        assert_eq!(
            m.title.as_deref(),
            Some("保山市人民政府办公室关于印发保山市大健康产业发展工作实施方案的通知")
        );
        assert_eq!(m.issuer.as_deref(), Some("保山市人民政府办公室"));
        assert_eq!(m.doc_number.as_deref(), Some("保政办发〔2018〕66号"));
        assert_eq!(m.publish_date.as_deref(), Some("2018-12-24"));
        assert_eq!(m.index_number.as_deref(), Some("58735799-9-/2018-1224003"));
        assert_eq!(m.signed_date.as_deref(), Some("2018-12-19"));
        assert_eq!(
            m.addressees,
            ["各县(市、区)人民政府", "各园区管委会", "市直各委、办、局"]
        );
    }

    #[test]
    fn label_then_value_header() {
        let t = "索 引 号：\n000014349/2018-00212\n发文机关：\n国务院\n成文日期：\n\
                 2018年11月16日\n标  题：\n国务院关于做好促进就业工作的若干意见\n\
                 发文字号：\n国发〔2018〕39号\n发布日期：\n2018年12月05日\n主 题 词：\n";
        let m = meta(t);
        assert_eq!(
            m.title.as_deref(),
            Some("国务院关于做好促进就业工作的若干意见")
        );
        assert_eq!(m.issuer.as_deref(), Some("国务院"));
        assert_eq!(m.doc_number.as_deref(), Some("国发〔2018〕39号"));
        assert_eq!(m.publish_date.as_deref(), Some("2018-12-05"));
        assert_eq!(m.index_number.as_deref(), Some("000014349/2018-00212"));
    }

    #[test]
    fn labels_are_found_however_spaced_and_long_cells_are_not_labels() {
        assert_eq!(
            MAX_LABEL_BYTES,
            LABELS.iter().map(|(l, _)| l.len()).max().unwrap_or(0)
        );
        assert_eq!(label_of("索  引  号："), Some(Field::Index));
        assert_eq!(
            label_value("发 布 日 期 ：2023-06-12"),
            Some((Field::Published, "2023-06-12".to_string()))
        );
        assert_eq!(label_value("发布日期2023：06"), None);
        assert_eq!(label_of("各区人民政府，市政府各部门："), None);
        assert_eq!(
            label_value("各区人民政府，市政府各部门：现将方案印发给你们"),
            None
        );
        assert_eq!(
            doc_number_in("  保政办发〔2018〕66号  "),
            Some("保政办发〔2018〕66号".into())
        );
        assert_eq!(doc_number_in("保政办发〔2018〕66号文件精神"), None);
    }

    #[test]
    fn inline_label_value_header() {
        let t = "成都市健康服务业领导小组办公室关于印发落实《成都市“十四五”健康服务业发展规划》的通知\n\
                 政策来源:成都市卫生健康委员会 | 发布机构:成都市卫生健康委员会 | 发布时间:2023-06-12 | 3553次浏览: | 分享到:\n\
                 成都天府新区管委会、成都东部新区管委会、各区(市)县政府,成都市健康服务业领导小组成员单位:\n\
                 成都市健康服务业领导小组办公室\n2023年1月29日\n";
        let m = meta(t);
        assert_eq!(m.issuer.as_deref(), Some("成都市健康服务业领导小组办公室"));
        assert_eq!(m.publish_date.as_deref(), Some("2023-06-12"));
        assert_eq!(m.signed_date.as_deref(), Some("2023-01-29"));
        assert_eq!(
            m.addressees,
            [
                "成都天府新区管委会",
                "成都东部新区管委会",
                "各区(市)县政府",
                "成都市健康服务业领导小组成员单位"
            ]
        );
    }

    #[test]
    fn addressees_are_bodies_only() {
        assert_eq!(addressee_line("为此，市政府决定："), None);
        assert_eq!(
            addressee_line("各区人民政府，市政府各委、办、局："),
            Some("各区人民政府，市政府各委、办、局")
        );
        let t = "某市人民政府办公室转发市发展改革委关于推进健康产业发展意见的通知\n";
        assert_eq!(meta(t).issuer.as_deref(), Some("某市人民政府办公室"));
    }

    #[test]
    fn a_first_line_naming_a_document_is_the_title() {
        let t = "上海市促进健康服务业发展行动方案\n为了促进发展，制定本方案。\n";
        assert_eq!(
            meta(t).title.as_deref(),
            Some("上海市促进健康服务业发展行动方案")
        );
        assert_eq!(meta(t).issuer, None);
        let t = "推进健康服务业高质量发展，既要进一步深化改革方案\n";
        assert_eq!(meta(t).title, None);
    }

    #[test]
    fn fields_on_one_line_split_at_labels() {
        let t = "发文机关：国务院  成文日期：2018年12月21日 发布日期：2018年12月29日\n";
        let m = meta(t);
        assert_eq!(m.issuer.as_deref(), Some("国务院"));
        assert_eq!(m.publish_date.as_deref(), Some("2018-12-29"));
    }

    #[test]
    fn title_with_its_doc_number_and_dated_signature() {
        let t = "国务院关于促进就业的若干意见（国发〔2018〕39号）\n正文。\n国务院\n2018年11月16日印发\n";
        let m = meta(t);
        assert_eq!(m.title.as_deref(), Some("国务院关于促进就业的若干意见"));
        assert_eq!(m.doc_number.as_deref(), Some("国发〔2018〕39号"));
        assert_eq!(m.signed_date.as_deref(), Some("2018-11-16"));
        assert_eq!(m.publish_date.as_deref(), Some("2018-11-16"));
    }

    #[test]
    fn traditional_doc_number() {
        let t = "國務院辦公廳關於推進醫療聯合體建設和發展的指導意見\n國辦發〔2017〕32號\n一、總體要求\n";
        let m = meta(t);
        assert_eq!(m.doc_number.as_deref(), Some("國辦發〔2017〕32號"));
        assert_eq!(m.issuer.as_deref(), Some("國務院辦公廳"));
    }

    #[test]
    fn title_over_two_lines_and_publication_sentence() {
        let t = "国务院关于促进综合保税区\n高水平开放高质量发展的若干意见\n国发〔2019〕3号\n";
        let m = meta(t);
        assert_eq!(
            m.title.as_deref(),
            Some("国务院关于促进综合保税区高水平开放高质量发展的若干意见")
        );
        assert_eq!(m.doc_number.as_deref(), Some("国发〔2019〕3号"));
        let t = "10月21日,上海市卫生健康委员会发布关于印发《关于深化改革的实施方案》的通知。 \
                 根据《2024年重点工作任务》，落实《行动计划(2024—2027年)》。";
        let m = meta(t);
        assert_eq!(
            m.title.as_deref(),
            Some("关于印发《关于深化改革的实施方案》的通知")
        );
        assert_eq!(m.issuer.as_deref(), Some("上海市卫生健康委员会"));
        assert_eq!(m.publish_date.as_deref(), Some("2024-10-21"));
    }
}
