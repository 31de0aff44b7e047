//! Targets read from text: the cases of `tests/data/target.toml` (each
//! comparator, number forms, deadline inheritance, and the traps that are
//! not targets), and the gold targets of the seed documents.

use policy_extract::{Extractor, Target};
use serde::Deserialize;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    targets: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    value: f64,
    unit: String,
    comparator: String,
    indicator: Option<String>,
    deadline: Option<String>,
    text: Option<String>,
}

fn targets(text: &str) -> Vec<Target> {
    EXTRACTOR.extract(text).targets
}

fn describe(ts: &[Target]) -> String {
    ts.iter()
        .map(|t| {
            format!(
                "{} [{:?} {} {} {:?} by {:?}]",
                t.text, t.indicator, t.comparator, t.value, t.unit, t.deadline
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn target_cases() {
    let cases: Cases =
        toml::from_str(include_str!("data/target.toml")).expect("target.toml parses");
    assert!(cases.case.len() > 30);
    let mut failures = Vec::new();
    for case in &cases.case {
        let got = targets(&case.text);
        let ok = got.len() == case.targets.len()
            && got.iter().zip(&case.targets).all(|(g, e)| {
                (g.value - e.value).abs() < 1e-9
                    && g.unit.as_deref().unwrap_or("") == e.unit
                    && g.comparator == e.comparator
                    && e.indicator
                        .as_ref()
                        .is_none_or(|i| g.indicator.as_ref() == Some(i))
                    && e.deadline
                        .as_ref()
                        .is_none_or(|d| g.deadline.as_deref().unwrap_or("") == d)
                    && e.text.as_ref().is_none_or(|t| &g.text == t)
            });
        if !ok {
            failures.push(format!("{}: got {}", case.name, describe(&got)));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn spans_slice_the_input() {
    let text = "一、发展目标\n到２０２５年，每千人口拥有3岁以下婴幼儿托位数达到4.74个，普惠托位占比不低于50%。";
    let doc = EXTRACTOR.extract(text);
    assert_eq!(doc.targets.len(), 2);
    for t in &doc.targets {
        assert_eq!(t.span.slice(text), Some(t.text.as_str()));
        assert_eq!(t.deadline.as_deref(), Some("2025"));
    }
    assert_eq!(
        doc.targets[0].text,
        "每千人口拥有3岁以下婴幼儿托位数达到4.74个"
    );
}

#[test]
fn magnitudes_are_normalized() {
    let t = &targets("2018至2020年，上海将投入12.9亿元。")[0];
    let n = t.normalized.as_ref().expect("normalized");
    assert_eq!(n.value, 1_290_000_000.0);
    assert_eq!(n.unit.as_deref(), Some("元"));
    let t = &targets("到2025年，新增城镇就业约12万人。")[0];
    assert_eq!(t.normalized.as_ref().map(|n| n.value), Some(120_000.0));
    let t = &targets("到2025年，人口献血率达到25%。")[0];
    assert_eq!(t.normalized, None);
}

#[test]
fn targets_link_to_their_measure_field_unset_here() {
    // The target stage leaves `measure` to the extractor's linker.
    let t = &targets("到2025年，人口献血率达到25%。")[0];
    assert_eq!(t.measure, None);
    assert_eq!(t.baseline, None);
}

#[test]
fn never_panics_on_cut_text() {
    let text = "到2025年，普惠托位占比不低于百分之五十以上，建成3-5个，翻一番，三成，≥";
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, _) in &chars {
        for (j, _) in chars.iter().filter(|(j, _)| j > i) {
            let _ = targets(&text[*i..*j]);
        }
    }
}

#[derive(Debug, Deserialize)]
struct Gold {
    targets: Vec<GoldTarget>,
}

#[derive(Debug, Deserialize)]
struct GoldTarget {
    text: String,
    comparator: String,
    value: f64,
    unit: Option<String>,
    deadline: Option<String>,
    baseline: Option<policy_extract::Baseline>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The gold targets of `doc` that no extracted target matches: same value
/// and unit, and texts that overlap (one holds the other, white space aside).
fn missed(dir: &str, doc: &str, strict: bool) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(format!("{dir}/{doc}")).expect("seed text");
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/gold/{doc}.gold.json")).expect("gold"),
    )
    .expect("gold parses");
    let got = targets(&text);
    let missed = gold
        .targets
        .iter()
        .filter(|g| {
            !got.iter().any(|t| {
                let (a, b) = (squeeze(&t.text), squeeze(&g.text));
                (t.value - g.value).abs() < 1e-9
                    && t.unit == g.unit
                    && (a.contains(&b) || b.contains(&a))
                    && (!strict
                        || t.comparator == g.comparator
                            && t.deadline == g.deadline
                            && t.baseline == g.baseline)
            })
        })
        .map(|g| g.text.clone())
        .collect();
    (gold.targets.len(), missed)
}

#[test]
fn seed_indicator_table_rows_match_gold() {
    // Seed 004's 专栏1 is one cell a line; every row is a target with its
    // baseline, comparator and the plan's last year.
    let (n, missed) = missed("seeds", "004_146ac7f7088023ec.txt", true);
    assert_eq!(n, 27);
    // Only text targets may be missed in strict mode, never table rows.
    assert!(
        missed
            .iter()
            .all(|m| !m.chars().last().is_some_and(|c| c.is_ascii_digit())),
        "{missed:?}"
    );
    assert!(missed.len() <= 3, "{missed:?}");
}

#[test]
fn devset_targets_match_gold() {
    for doc in [
        "a03_gov_nongjihua_2018.txt",
        "a04_gov_tiyusaishi_2018.txt",
        "b02_gov_wufeichengshi_2018.txt",
    ] {
        let (n, missed) = missed("seeds/devset", doc, false);
        assert!(n > 0);
        assert!(missed.is_empty(), "{doc}: {missed:?}");
    }
}

#[test]
fn documents_without_goals_have_no_targets() {
    for doc in [
        "seeds/001_54f2aeee0e1916ab.txt",
        "seeds/002_e76e63234b5f296e.txt",
        "seeds/devset/a01_gov_zongbaoqu_2019.txt",
        "seeds/devset/a02_gov_jiuye_2018.txt",
        "seeds/devset/a05_gov_xiaofeifupin_2018.txt",
    ] {
        let text = std::fs::read_to_string(doc).expect("seed text");
        let got = targets(&text);
        assert!(got.is_empty(), "{doc}: {}", describe(&got));
    }
}

#[test]
fn numbered_table_with_categories_and_units_in_names() {
    let text = "二、主要目标\n表1 主要指标\n序号\n类别\n指标名称\n2020年\n2025年\n属性\n1\n环境治理\n细颗粒物（PM2.5）平均浓度（微克/立方米）\n33\n≤30\n约束性\n2\n地级及以上城市空气质量优良天数比率（%）\n88.5\n>89\n约束性\n3\n生态保护\n森林覆盖率（%）\n62.9\n63.5\n预期性\n三、重点任务\n";
    let got = targets(text);
    assert_eq!(got.len(), 3, "{}", describe(&got));
    let pm = &got[0];
    assert_eq!(pm.indicator.as_deref(), Some("细颗粒物（PM2.5）平均浓度"));
    assert_eq!((pm.comparator.as_str(), pm.value), ("<=", 30.0));
    assert_eq!(pm.unit.as_deref(), Some("微克/立方米"));
    assert_eq!(
        pm.baseline.as_ref().map(|b| (b.value, b.year.as_deref())),
        Some((33.0, Some("2020")))
    );
    assert_eq!(pm.deadline.as_deref(), Some("2025"));
    assert_eq!(pm.attribute.as_deref(), Some("约束性"));
    assert_eq!((got[1].comparator.as_str(), got[1].value), (">", 89.0));
    let forest = &got[2];
    assert_eq!(forest.indicator.as_deref(), Some("森林覆盖率"));
    assert_eq!((forest.value, forest.unit.as_deref()), (63.5, Some("%")));
    assert_eq!(forest.attribute.as_deref(), Some("预期性"));
}

#[test]
fn table_written_one_row_a_line() {
    // Plain-text and PDF copies keep a row on one line, cells apart by spaces.
    let text = "三、主要目标\n表1  主要指标\n序号  指标名称  单位  2020 年  2025 年  属性\n1  人均预期寿命  岁  78.5  79.5  预期性\n2  个人卫生支出占卫生总费用的比重  %  28  ≤27  约束性\n四、重点任务\n";
    let got = targets(text);
    assert_eq!(got.len(), 2, "{}", describe(&got));
    assert_eq!(got[0].indicator.as_deref(), Some("人均预期寿命"));
    assert_eq!((got[0].value, got[0].unit.as_deref()), (79.5, Some("岁")));
    assert_eq!(got[0].baseline.as_ref().map(|b| b.value), Some(78.5));
    assert_eq!(got[0].attribute.as_deref(), Some("预期性"));
    assert_eq!((got[1].comparator.as_str(), got[1].value), ("<=", 27.0));
    assert_eq!(got[1].unit.as_deref(), Some("%"));
    assert_eq!(got[1].deadline.as_deref(), Some("2025"));
}

#[test]
fn a_year_from_the_documents_own_on_plans() {
    use policy_extract::Options;
    let text = "（一）加强设施建设。2021年新建社区养老服务站50个，2022年再建设30个。";
    let opts = Options {
        document_date: Some("2021-03-01".into()),
    };
    let got = EXTRACTOR.extract_with(text, &opts).targets;
    assert_eq!(got.len(), 2, "{}", describe(&got));
    assert_eq!((got[0].value, got[0].unit.as_deref()), (50.0, Some("个")));
    assert_eq!((got[1].value, got[1].unit.as_deref()), (30.0, Some("个")));
    // Read in 2023, the same sentence reports what was done.
    let opts = Options {
        document_date: Some("2023-06-12".into()),
    };
    assert!(EXTRACTOR.extract_with(text, &opts).targets.is_empty());
}

/// `DictKind::TargetCues` entries join the embedded cue words: a user can
/// mark a word as naming a policy parameter, and a bad class is an error
/// naming its line.
#[test]
fn user_cue_words_extend_the_embedded_ones() {
    use policy_extract::dict::DictKind;
    let text = "到2025年，全市普惠托育机构收费标准不高于每月2000元。";
    let plain = targets(text);
    assert_eq!(
        describe(&plain),
        describe(&Extractor::new().extract(text).targets)
    );
    assert_eq!(plain.len(), 1, "{}", describe(&plain));
    assert_eq!(
        (plain[0].value, plain[0].unit.as_deref()),
        (2000.0, Some("元"))
    );
    let ex = Extractor::builder()
        .add_dict(DictKind::TargetCues, "收费标准\tpolicy\n".as_bytes())
        .unwrap()
        .build()
        .unwrap();
    assert!(ex.extract(text).targets.is_empty());
    let err = Extractor::builder()
        .add_dict(
            DictKind::TargetCues,
            "# mine\n收费标准\tpolicy,polcy\n".as_bytes(),
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains(":2: unknown target cue class `polcy`"),
        "{err}"
    );
}
