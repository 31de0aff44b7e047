//! Indicator tables written one cell per line, as web and PDF copies of a
//! `专栏` box leave them:
//!
//! ```text
//! 专栏1  成都市“十四五”健康服务业发展指标
//! 指标名称 / 单位 / 2020 年 / 2025 年 / 指标属性
//! 人均预期寿命 / 81.52 / ≥82.42 / 预期性
//! 社区日间照料机构覆盖率 / % / 85 / 95 / 预期性
//! ```
//!
//! Empty cells are simply missing, so rows are found by what each cell is
//! (a running number, an indicator name, a unit, a value, an attribute),
//! not by counting lines.
//!
//! Invariant: every span is a byte range of the text on char boundaries.

use super::heading::label_at;
use super::{is_han, Line};
use crate::record::{Cell, CellRole, Row, Span, Table};
use regex::Regex;
use std::sync::LazyLock;

/// A value cell: a number, possibly with a comparator or a percent sign.
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[≥≤><]=?|约|不低于|不高于|不少于|不超过)?\s*-?\d+(?:\.\d+)?\s*[%‰]?(?:以上|以下|左右)?$")
        .expect("value pattern compiles")
});

/// A header cell naming a year column: `2020年`, `2025年目标值`.
static YEAR_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)\d{2}年(?:底|末)?(?:目标值|基期值|现状值|预期值|值|目标)?$")
        .expect("year header pattern compiles")
});

/// Header words of indicator tables.
const HEADER_WORDS: &[&str] = &[
    "序号",
    "类别",
    "领域",
    "指标",
    "指标名称",
    "单位",
    "计量单位",
    "指标属性",
    "属性",
    "备注",
    "基期值",
    "目标值",
    "现状值",
    "预期值",
];

/// Last characters of unit words (`张`, `岁`, `亿人次`).
const UNIT_ENDS: &str = "人次元个张岁家所名床米里吨户座项处辆台件天时倍平";

/// The role of a cell from its text.
fn role_of(cell: &str, units: &[String]) -> CellRole {
    let c: String = super::compact(cell);
    if c == "预期性" || c == "约束性" {
        CellRole::Attribute
    } else if VALUE.is_match(&c) {
        CellRole::Value
    } else if c == "%"
        || c == "‰"
        || c.chars().count() <= 4
            && c.chars().all(is_han)
            && (units.contains(&c) || c.ends_with(|ch| UNIT_ENDS.contains(ch)))
    {
        CellRole::Unit
    } else if c.chars().any(is_han) {
        CellRole::Indicator
    } else {
        CellRole::Other
    }
}

/// Whether a cell is a column name.
fn is_header(cell: &str) -> bool {
    // The longest header is a year column (`2025年底目标值`, 19 bytes) or
    // a header word: a cell with more non-space bytes is none.
    let limit = HEADER_WORDS
        .iter()
        .map(|w| w.len())
        .max()
        .unwrap_or(0)
        .max(19);
    let mut n = 0;
    for c in cell.chars().filter(|c| !c.is_whitespace()) {
        n += c.len_utf8();
        if n > limit {
            return false;
        }
    }
    let c: String = super::compact(cell);
    HEADER_WORDS.contains(&c.as_str()) || YEAR_HEADER.is_match(&c)
}

/// Whether a line can be one cell of a table (short, no sentence).
fn is_cell(line: &str) -> bool {
    line.chars().count() <= 40
        && !line.contains(['。', '；', '：', ':'])
        && label_at(line).is_none()
}

/// Reads the tables: a run of column-name lines (`指标名称`, `单位`,
/// `2020年`, …) followed by cell lines. The caption is the line above
/// (`专栏1 …`) when it is short.
pub(super) fn tables(text: &str, lines: &[Line], units: &[String]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut k = 0;
    while k + 1 < lines.len() {
        let starts = is_header(lines[k].text(text))
            && is_header(lines[k + 1].text(text))
            && (k == 0 || !is_header(lines[k - 1].text(text)));
        if !starts {
            k += 1;
            continue;
        }
        let cells: Vec<&Line> = lines[k..]
            .iter()
            .take_while(|l| is_cell(l.text(text)))
            .collect();
        let header_len = cells.iter().take_while(|l| is_header(l.text(text))).count();
        let header: Vec<String> = cells[..header_len]
            .iter()
            .map(|l| super::compact(l.text(text)))
            .collect();
        let rows = rows_of(text, &cells[header_len..], units);
        let consumed = cells.len().max(1);
        if rows.is_empty() {
            k += consumed;
            continue;
        }
        let caption = k.checked_sub(1).map(|p| lines[p]).filter(|l| {
            let t = l.text(text);
            t.chars().count() <= 40 && !t.contains(['。', '；'])
        });
        let title = caption.map(|l| {
            l.text(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
        let start = caption.map_or(lines[k].start, |l| l.start);
        let end = rows.last().map_or(lines[k].end, |r| r.span.end);
        out.push(Table {
            title,
            span: Span::new(start, end),
            header,
            rows,
        });
        k += consumed;
    }
    out
}

/// Groups cells into rows: a row starts at a running number or at an
/// indicator name once the current row has one.
fn rows_of(text: &str, cells: &[&Line], units: &[String]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut cur: Vec<Cell> = Vec::new();
    let mut labels = 0usize;
    let flush = |cur: &mut Vec<Cell>, rows: &mut Vec<Row>| {
        if cur.iter().any(|c| c.role == CellRole::Indicator) {
            let span = Span::new(cur[0].span.start, cur[cur.len() - 1].span.end);
            rows.push(Row {
                cells: std::mem::take(cur),
                span,
            });
        } else {
            cur.clear();
        }
    };
    for (i, l) in cells.iter().enumerate() {
        let t = l.text(text);
        let mut role = role_of(t, units);
        let next_is_indicator = cells
            .get(i + 1)
            .is_some_and(|n| role_of(n.text(text), units) == CellRole::Indicator);
        let row_closed = cur.is_empty()
            || cur
                .last()
                .is_some_and(|c| matches!(c.role, CellRole::Attribute | CellRole::Value));
        // A running number: the next in sequence, before an indicator, after
        // a finished row.
        if role == CellRole::Value
            && next_is_indicator
            && row_closed
            && t.parse::<usize>().is_ok_and(|n| n == labels + 1)
        {
            role = CellRole::Label;
            labels += 1;
        }
        let starts_row = match role {
            CellRole::Label => true,
            CellRole::Indicator => cur
                .iter()
                .any(|c| c.role == CellRole::Indicator || c.role == CellRole::Value),
            _ => false,
        };
        if starts_row
            && !(role == CellRole::Indicator && cur.iter().all(|c| c.role == CellRole::Label))
        {
            flush(&mut cur, &mut rows);
        }
        cur.push(Cell {
            text: t.to_string(),
            role,
            span: Span::new(l.start, l.end),
        });
    }
    flush(&mut cur, &mut rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::lines_of;

    fn table(t: &str) -> Vec<Table> {
        tables(t, &lines_of(t), &["万人".to_string()])
    }

    #[test]
    fn rows_by_cell_roles() {
        let t = "专栏1 发展指标\n序号\n指标名称\n单位\n2020年\n2025年\n指标属性\n\
                 1\n人均预期寿命\n岁\n81.52\n≥82.42\n预期性\n\
                 2\n国家体育消费示范城市\n1\n约束性\n\
                 3\n培训人数\n万人\n2\n3.5\n预期性\n正文一段。\n";
        let ts = table(t);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].title.as_deref(), Some("专栏1 发展指标"));
        assert_eq!(
            ts[0].header,
            ["序号", "指标名称", "单位", "2020年", "2025年", "指标属性"]
        );
        let roles: Vec<Vec<CellRole>> = ts[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.role).collect())
            .collect();
        use CellRole::*;
        assert_eq!(
            roles,
            [
                vec![Label, Indicator, Unit, Value, Value, Attribute],
                vec![Label, Indicator, Value, Attribute],
                vec![Label, Indicator, Unit, Value, Value, Attribute],
            ]
        );
        assert_eq!(
            &t[ts[0].rows[1].span.start..ts[0].rows[1].span.end],
            "2\n国家体育消费示范城市\n1\n约束性"
        );
    }

    #[test]
    fn a_box_of_projects_is_no_table() {
        let t = "专栏3 重大项目\n优质高效医疗服务体系建设项目:支持创建国家医学中心。\n";
        assert!(table(t).is_empty());
        let t = "单位\n2020年\n没有指标的一段话。\n";
        assert!(table(t).is_empty());
    }
}
