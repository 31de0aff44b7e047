//! Dates: every form the date rules read, every trap they must not read,
//! the seed gold, and a property test over arbitrary text.

use policy_extract::{DateKind, Extractor, Options};
use proptest::prelude::*;
use std::sync::LazyLock;

static EX: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// (text, value, kind) of every date of `text`, read with `doc_date`.
fn dates(text: &str, doc_date: Option<&str>) -> Vec<(String, Option<String>, DateKind)> {
    let opts = Options {
        document_date: doc_date.map(str::to_string),
    };
    EX.extract_with(text, &opts)
        .dates
        .into_iter()
        .map(|d| (d.text, d.value, d.kind))
        .collect()
}

/// The one date of `text`, as (text, value, kind).
#[track_caller]
fn one(text: &str, doc_date: Option<&str>) -> (String, Option<String>, DateKind) {
    let all = dates(text, doc_date);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

#[track_caller]
fn check(text: &str, doc_date: Option<&str>, want_text: &str, value: &str, kind: DateKind) {
    let (t, v, k) = one(text, doc_date);
    assert_eq!(
        (t.as_str(), v.as_deref(), k),
        (want_text, Some(value), kind),
        "{text}"
    );
}

use DateKind::{Deadline, Period, Point, Publication};

#[test]
fn absolute_dates() {
    for (text, want, value) in [
        ("于2018年12月19日召开", "2018年12月19日", "2018-12-19"),
        ("于2018年12月召开", "2018年12月", "2018-12"),
        ("较2018年增长", "2018年", "2018"),
        (
            "于2018 年 7 月 23 日召开",
            "2018 年 7 月 23 日",
            "2018-07-23",
        ),
        (
            "于２０１８年１２月１９日召开",
            "２０１８年１２月１９日",
            "2018-12-19",
        ),
        (
            "于二〇一八年十二月十九日召开",
            "二〇一八年十二月十九日",
            "2018-12-19",
        ),
        ("于2015年3月3号召开", "2015年3月3号", "2015-03-03"),
        ("于2019年01月12日召开", "2019年01月12日", "2019-01-12"),
        ("于2018-12-24召开", "2018-12-24", "2018-12-24"),
        ("于2018.12.24召开", "2018.12.24", "2018-12-24"),
        ("于2018/12/24召开", "2018/12/24", "2018-12-24"),
        ("于2015-3-3召开", "2015-3-3", "2015-03-03"),
        ("2019年度工作", "2019年度", "2019"),
    ] {
        check(text, None, want, value, Point);
    }
    // A year that is part of a plan's time line is still a point.
    check("二〇三五年基本实现", None, "二〇三五年", "2035", Point);
}

#[test]
fn partial_dates_use_the_document_date() {
    let doc = Some("2024-10-21");
    check("该平台于10月21日上线", doc, "10月21日", "2024-10-21", Point);
    check("该平台于今年4月试运行", doc, "今年4月", "2024-04", Point);
    check("明年将全面推开", doc, "明年", "2025", Point);
    check("去年12月份启动", doc, "去年12月份", "2023-12", Point);
    check("上半年完成试点", doc, "上半年", "2024-01/2024-06", Period);
    check("下半年全面推开", doc, "下半年", "2024-07/2024-12", Period);
    check("第一季度完成", doc, "第一季度", "2024-01/2024-03", Period);
    check("年底完成验收", doc, "年底", "2024-12", Point);
    check(
        "今年上半年完成",
        doc,
        "今年上半年",
        "2024-01/2024-06",
        Period,
    );
    check("明天开会", doc, "明天", "2024-10-22", Point);
    check("下个月开会", doc, "下个月", "2024-11", Point);
    check("二月十五号开会", doc, "二月十五号", "2024-02-15", Point);
}

#[test]
fn relative_days_cross_month_and_year_ends() {
    check("明天开会", Some("2024-12-31"), "明天", "2025-01-01", Point);
    check("昨天开会", Some("2024-03-01"), "昨天", "2024-02-29", Point);
    check("下个月开会", Some("2024-12-05"), "下个月", "2025-01", Point);
}

#[test]
fn unresolvable_dates_keep_no_value_and_warn() {
    let doc = EX.extract("该平台于今年4月试运行。");
    assert_eq!(doc.dates.len(), 1);
    assert_eq!(doc.dates[0].text, "今年4月");
    assert_eq!(doc.dates[0].value, None);
    assert_eq!(doc.dates[0].kind, Point);
    let warn = doc
        .diagnostics
        .iter()
        .find(|d| d.message.contains("今年M月"))
        .expect("a diagnostic names the rule");
    assert_eq!(warn.level, policy_extract::Level::Warning);
    assert_eq!(warn.span, Some(doc.dates[0].span));
}

#[test]
fn periods() {
    for (text, want, value) in [
        ("将于2018至2020年实施", "2018至2020年", "2018/2020"),
        ("规划期为2021年至2025年。", "2021年至2025年", "2021/2025"),
        ("行动计划（2024—2027年）》", "2024—2027年", "2024/2027"),
        ("规划(2016—2020年)》", "2016—2020年", "2016/2020"),
        ("将于 2018 至 2020 年实施", "2018 至 2020 年", "2018/2020"),
        (
            "二〇一九年至二〇二〇年",
            "二〇一九年至二〇二〇年",
            "2019/2020",
        ),
        (
            "2019年1月1日至12月31日，",
            "2019年1月1日至12月31日",
            "2019-01-01/2019-12-31",
        ),
        (
            "2019年1月1日至2020年12月31日，",
            "2019年1月1日至2020年12月31日",
            "2019-01-01/2020-12-31",
        ),
        ("2019年1-6月，", "2019年1-6月", "2019-01/2019-06"),
        (
            "2018年12月至2019年2月，",
            "2018年12月至2019年2月",
            "2018-12/2019-02",
        ),
        ("2019年上半年，", "2019年上半年", "2019-01/2019-06"),
        ("2020年第四季度", "2020年第四季度", "2020-10/2020-12"),
        ("规划（2016-2020）》", "2016-2020", "2016/2020"),
    ] {
        check(text, None, want, value, Period);
    }
}

#[test]
fn year_less_periods_use_the_document_year() {
    let doc = Some("2013-02-12");
    check(
        "6月12號到7月3號",
        doc,
        "6月12號到7月3號",
        "2013-06-12/2013-07-03",
        Period,
    );
    check(
        "十二月一日~一月一日",
        doc,
        "十二月一日~一月一日",
        "2013-12-01/2014-01-01",
        Period,
    );
    check(
        "十二月至一月",
        doc,
        "十二月至一月",
        "2013-12/2014-01",
        Period,
    );
}

#[test]
fn five_year_plans() {
    for (text, value) in [
        ("“十三五”以来", "2016/2020"),
        ("推进“十四五”时期", "2021/2025"),
        ("十四五期间", "2021/2025"),
        ("谋划十五五发展", "2026/2030"),
        ("“十五”时期", "2001/2005"),
        ("国家十五计划", "2001/2005"),
        ("“一五”计划", "1953/1957"),
        ("“三五”时期", "1966/1970"),
        ("第十四个五年规划", "2021/2025"),
        ("第一个五年计划", "1953/1957"),
        ("展望十六五", "2031/2035"),
    ] {
        let (_, v, k) = one(text, None);
        assert_eq!((v.as_deref(), k), (Some(value), Period), "{text}");
    }
}

#[test]
fn deadlines() {
    for (text, want, value) in [
        ("到2025年，", "到2025年", "2025"),
        ("至2025年，", "至2025年", "2025"),
        ("2025年前完成", "2025年前", "2025"),
        ("2024年底前完成", "2024年底前", "2024"),
        ("2025年6月底前完成", "2025年6月底前", "2025-06"),
        ("力争到2030年建成", "到2030年", "2030"),
        ("（2025年底前完成）", "2025年底前", "2025"),
        ("到2030年底，", "到2030年底", "2030"),
        ("到 2035 年，", "到 2035 年", "2035"),
        ("2030年前碳达峰", "2030年前", "2030"),
        ("二〇三五年远景目标", "二〇三五年", "2035"),
        ("《“健康中国2030”规划纲要》", "2030", "2030"),
    ] {
        check(text, None, want, value, Deadline);
    }
    check(
        "明年底前完成",
        Some("2024-05-01"),
        "明年底前",
        "2025",
        Deadline,
    );
    check(
        "6月底前完成",
        Some("2024-05-01"),
        "6月底前",
        "2024-06",
        Deadline,
    );
    check("年底前完成", Some("2024-05-01"), "年底前", "2024", Deadline);
}

#[test]
fn publication_dates() {
    // A header field and the date under the signature.
    let text = "发布日期 | 2018-12-24 |\n通知\n保山市人民政府办公室\n2018年12月19日\n（此件公开发布）\n到2025年，建成。";
    let got = dates(text, None);
    let kinds: Vec<_> = got.iter().map(|d| (d.1.as_deref(), d.2)).collect();
    assert_eq!(
        kinds,
        [
            (Some("2018-12-24"), Publication),
            (Some("2018-12-19"), Publication),
            (Some("2025"), Deadline),
        ]
    );
    // A header label on the line before.
    let got = dates("成文日期：\n2019年01月12日\n", None);
    assert_eq!(got[0].2, Publication);
    // A news lead: the year is the year the text speaks of.
    let got = dates(
        "10月21日，上海市卫生健康委员会发布通知。根据《2024年重点工作任务》，落实《行动计划（2024—2027年）》。",
        None,
    );
    assert_eq!(got[0].0, "10月21日");
    assert_eq!(got[0].1.as_deref(), Some("2024-10-21"));
    assert_eq!(got[0].2, Publication);
    // The date the text says this document was issued.
    check(
        "上海市人民政府于2018年7月23日发布了这一重要意见。",
        None,
        "2018年7月23日",
        "2018-07-23",
        Publication,
    );
    // Another document's date is a point.
    check(
        "国务院于2018年7月23日印发《意见》。",
        None,
        "2018年7月23日",
        "2018-07-23",
        Point,
    );
}

#[test]
fn indicator_table_years() {
    let text = "发布时间:2023-06-12\n指标名称\n\n2020 年\n\n2025 年\n\n指标属性\n";
    let got = dates(text, None);
    let kinds: Vec<_> = got.iter().map(|d| (d.1.as_deref(), d.2)).collect();
    assert_eq!(
        kinds,
        [
            (Some("2023-06-12"), Publication),
            (Some("2020"), Point),
            (Some("2025"), Deadline),
        ]
    );
}

#[test]
fn points_with_markers() {
    check("截至2020年，全市", None, "截至2020年", "2020", Point);
    check(
        "从2019年1月1日起，实施",
        None,
        "从2019年1月1日起",
        "2019-01-01",
        Point,
    );
    check("较2015年增加39家", None, "2015年", "2015", Point);
    check("2020天府金融指数", None, "2020", "2020", Point);
    check("2008年的教训", None, "2008年", "2008", Point);
}

#[test]
fn not_dates() {
    for text in [
        "规模达12.9亿元",
        "出台39条政策",
        "年均新增市场主体2.41万户",
        "提出50条措施",
        "保政办发〔2018〕66号",
        "索引号 | 58735799-9-/2018-1224003 |",
        "000014349/2018-00212",
        "联系电话：0875-2121234",
        "提供24小时服务",
        "增长十五个百分点",
        "三十四五岁的人",
        "3553 次浏览",
        "建成2000多个站点",
        "每年年底前报送",
        "每年上半年开展",
        "当年新招用",
        "上年度实际缴纳",
        "用6个月时间",
        "实施三年行动计划",
        "日前，国务院印发",
    ] {
        assert_eq!(dates(text, Some("2024-01-01")), [], "{text}");
    }
    // 初步 is not 年初.
    check("2019年初步建成", None, "2019年", "2019", Point);
    // 2019年前三季度 is a part of 2019, not a deadline.
    let got = dates("2019年前三季度，", None);
    assert!(got.iter().all(|d| d.2 != Deadline), "{got:?}");
}

#[test]
fn nested_expressions_give_one_mention() {
    assert_eq!(dates("2019年1月1日至12月31日", None).len(), 1);
    assert_eq!(dates("“十四五”期间", None).len(), 1);
    assert_eq!(dates("截至2020年底", None).len(), 1);
}

#[test]
fn mentions_are_sorted_and_slice_the_input() {
    let text = "到2025年，2018至2020年，十四五期间，2019年6月底前完成。";
    let doc = EX.extract(text);
    assert_eq!(doc.dates.len(), 4);
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for d in &doc.dates {
        assert!(d.span.start >= last);
        last = d.span.end;
        let slice: String = chars[d.span.start..d.span.end].iter().collect();
        assert_eq!(slice, d.text);
    }
}

/// Gold dates of the seeds, by value and kind (the full score is in the
/// corpus test).
#[test]
fn seed_gold_dates() {
    let seeds = [
        (
            "seeds/001_54f2aeee0e1916ab.txt",
            vec![
                ("2018-12-24", Publication),
                ("2018-12-19", Publication),
                ("2016/2020", Period),
                ("2025", Deadline),
            ],
        ),
        (
            "seeds/002_e76e63234b5f296e.txt",
            vec![
                ("2024-10-21", Publication),
                ("2024", Point),
                ("2024/2027", Period),
            ],
        ),
        (
            "seeds/devset/a02_gov_jiuye_2018.txt",
            vec![
                ("2018-11-16", Publication),
                ("2018-12-05", Publication),
                ("2019-01-01/2019-12-31", Period),
                ("2019-01-01", Point),
                ("2019-01-01/2019-12-31", Period),
                ("2019-01-01/2020-12-31", Period),
                ("2019-01-01/2020-12-31", Period),
                ("2018-11-16", Publication),
            ],
        ),
    ];
    for (path, want) in seeds {
        let doc = EX.extract_path(path).unwrap();
        let got: Vec<(&str, DateKind)> = doc
            .dates
            .iter()
            .map(|d| (d.value.as_deref().unwrap_or("-"), d.kind))
            .collect();
        assert_eq!(got, want, "{path}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Extraction never panics and every span slices the input to its text.
    #[test]
    fn never_panics_and_spans_slice(s in "[0-9０-９年月日号至到前底今明去上下半季度第十一二三四五〇—\\-./：:，“”（）《》\\s\\PC]{0,60}") {
        let doc = EX.extract(&s);
        let chars: Vec<char> = s.chars().collect();
        for d in &doc.dates {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= chars.len());
            let slice: String = chars[d.span.start..d.span.end].iter().collect();
            prop_assert_eq!(&slice, &d.text);
        }
    }

    #[test]
    fn never_panics_on_any_string(s in "\\PC{0,80}") {
        let opts = Options { document_date: Some("2024-02-29".into()) };
        let doc = EX.extract_with(&s, &opts);
        prop_assert!(doc.dates.iter().all(|d| d.span.end <= s.chars().count()));
    }
}

#[test]
fn forms_of_other_date_corpora() {
    let doc = Some("2013-02-12");
    check(
        "二零一五年三月三",
        doc,
        "二零一五年三月三",
        "2015-03-03",
        Point,
    );
    check("3/3/2015", doc, "3/3/2015", "2015-03-03", Point);
    check("2019-03，", doc, "2019-03", "2019-03", Point);
    check("国庆节", doc, "国庆节", "2013-10-01", Point);
    // A holiday already past in the document's year is the next one.
    check("元旦", doc, "元旦", "2014-01-01", Point);
    check("今明两年", doc, "今明两年", "2013/2014", Period);
    check("2015年3月三号", doc, "2015年3月三号", "2015-03-03", Point);
}

#[test]
fn plan_ends_are_deadlines() {
    check("到“十四五”末，", None, "到“十四五”末", "2025", Deadline);
    // 2020年前后 is around 2020, not before it.
    let got = dates("2020年前后", None);
    assert!(got.iter().all(|d| d.2 != Deadline), "{got:?}");
}

#[test]
fn more_traps() {
    for text in [
        "建成2000平方米的场地",
        "约2000，",
        "2019年内蒙古自治区",
        "下年度预算",
        "GB 50016-2014",
    ] {
        let got = dates(text, Some("2024-01-01"));
        assert!(
            got.iter()
                .all(|d| d.2 != Deadline && d.1.as_deref() != Some("2000")),
            "{text}: {got:?}"
        );
    }
    assert_eq!(dates("下年度预算", Some("2024-01-01")), []);
    assert_eq!(dates("GB 50016-2014", Some("2024-01-01")), []);
}

#[test]
fn day_deadlines_and_recurring_days() {
    check(
        "3月31日前报送",
        Some("2024-01-05"),
        "3月31日前",
        "2024-03-31",
        Deadline,
    );
    check(
        "今年3月31日前报送",
        Some("2024-01-05"),
        "今年3月31日前",
        "2024-03-31",
        Deadline,
    );
    assert_eq!(dates("每年3月31日前报送", Some("2024-01-05")), []);
    assert_eq!(dates("次年3月", Some("2024-01-05")), []);
}

#[test]
fn capital_numerals_roc_and_two_digit_years() {
    check(
        "贰零贰伍年捌月拾伍日",
        None,
        "贰零贰伍年捌月拾伍日",
        "2025-08-15",
        Point,
    );
    check(
        "民國112年02月07日",
        None,
        "民國112年02月07日",
        "2023-02-07",
        Point,
    );
    check("15年3月2日", None, "15年3月2日", "2015-03-02", Point);
    assert_eq!(dates("身份证号140302197706220124。", None), []);
}

/// Gold dates of one file: (char span, value, kind). Gold lists dates in
/// order of position with their text, white space aside; each is found
/// after the previous one.
fn gold_dates(text: &str, gold_path: &str) -> Vec<((usize, usize), Option<String>, String)> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let kept: Vec<usize> = (0..chars.len())
        .filter(|&i| !chars[i].is_whitespace())
        .collect();
    let flat: Vec<char> = kept.iter().map(|&i| chars[i]).collect();
    let mut cursor = 0;
    let mut out = Vec::new();
    for d in gold["dates"].as_array().unwrap() {
        let want: Vec<char> = d["text"]
            .as_str()
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let find = |from: usize| {
            (from..flat.len().saturating_sub(want.len()) + 1)
                .find(|&i| flat[i..].starts_with(&want))
        };
        let at = find(cursor)
            .or_else(|| find(0))
            .expect("gold text in the file");
        cursor = at + want.len();
        out.push((
            (kept[at], kept[at + want.len() - 1] + 1),
            d["value"].as_str().map(str::to_string),
            d["kind"].as_str().unwrap().to_string(),
        ));
    }
    out
}

/// (F1 on value, F1 on value and kind) over the `.txt` files of `dir`: a
/// date matches a gold date of the same value whose text overlaps it, one
/// to one.
fn score(dir: &str) -> (f64, f64) {
    let (mut tp_value, mut tp_kind, mut predicted, mut expected) = (0, 0, 0, 0);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let gold = gold_dates(&text, &format!("{dir}/gold/{name}.gold.json"));
        let doc = EX.extract_path(&path).unwrap();
        predicted += doc.dates.len();
        expected += gold.len();
        for with_kind in [false, true] {
            let mut used = vec![false; gold.len()];
            for d in &doc.dates {
                let hit = gold
                    .iter()
                    .enumerate()
                    .position(|(i, (span, value, kind))| {
                        !used[i]
                            && *value == d.value
                            && span.0 < d.span.end
                            && d.span.start < span.1
                            && (!with_kind || kind == d.kind.as_str())
                    });
                if let Some(i) = hit {
                    used[i] = true;
                    if with_kind {
                        tp_kind += 1;
                    } else {
                        tp_value += 1;
                    }
                }
            }
        }
    }
    let f1 = |tp: usize| 2.0 * tp as f64 / (predicted + expected) as f64;
    (f1(tp_value), f1(tp_kind))
}

#[test]
fn seed_and_devset_scores() {
    for dir in ["seeds", "seeds/devset"] {
        let (value, kind) = score(dir);
        println!("{dir}: dates value F1 {value:.3}, value+kind F1 {kind:.3}");
        assert!(value >= 0.95, "{dir}: value F1 {value:.3}");
        assert!(kind >= 0.90, "{dir}: value+kind F1 {kind:.3}");
    }
}

#[test]
fn year_ends_and_starts() {
    let doc = Some("2013-02-12");
    check("今年年尾", doc, "今年年尾", "2013-12", Point);
    check("2017年頭", doc, "2017年頭", "2017-01", Point);
    check("2019年初", doc, "2019年初", "2019-01", Point);
}

#[test]
fn odd_document_dates_do_not_panic() {
    for doc in ["2147483647", "-5", "2024-13-40", "", "0000-00-00"] {
        let got = dates("明天，明年，下个月，国庆节", Some(doc));
        assert_eq!(got.len(), 4, "{doc}");
    }
}

#[test]
fn weekdays_of_named_weeks() {
    // 2013-02-12 is a Tuesday.
    let doc = Some("2013-02-12");
    check("下周二开会", doc, "下周二", "2013-02-19", Point);
    check("上个星期天", doc, "上个星期天", "2013-02-10", Point);
    check("本周一", doc, "本周一", "2013-02-11", Point);
    assert_eq!(dates("周一至周五对外服务", doc), []);
}

#[test]
fn times_of_day_stay_inside_the_date() {
    check(
        "时间定于2021年4月20日11:00时至2021年4月25日17:00时。",
        None,
        "2021年4月20日11:00时至2021年4月25日17:00时",
        "2021-04-20/2021-04-25",
        Period,
    );
    check(
        "自2019年1月1日0时起",
        None,
        "2019年1月1日0时",
        "2019-01-01",
        Point,
    );
}

#[test]
fn year_words_inside_other_words() {
    let doc = Some("2024-05-01");
    for text in ["以下年龄段", "最后年限", "基本年金", "未来年度"] {
        assert_eq!(dates(text, doc), [], "{text}");
    }
    check("比上年增长5%", doc, "上年", "2023", Point);
    check("，下年继续", doc, "下年", "2025", Point);
}

#[test]
fn chinese_numeral_months_inside_words() {
    let doc = Some("2024-05-01");
    assert_eq!(dates("实行统一月度考核", doc), []);
    check("定于三月一日召开", doc, "三月一日", "2024-03-01", Point);
}
