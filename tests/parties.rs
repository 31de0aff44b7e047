//! Responsibility extraction: hand-written cases (tests/data/party.toml) and
//! F1 over the seeds' gold measures.

use policy_extract::eval::{load_gold_dir, Gold};
use policy_extract::{Document, Extractor, Measure, Party};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    measures: Option<usize>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
struct Expect {
    key: String,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    cooperating: Vec<String>,
    #[serde(default)]
    responsible: Vec<String>,
}

fn named(parties: &[Party]) -> Vec<String> {
    parties
        .iter()
        .filter(|p| !p.generic)
        .map(|p| p.name.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The shortest measure whose text holds `key` (white space removed).
fn aligned<'a>(doc: &'a Document, key: &str) -> Option<&'a Measure> {
    let key = squeeze(key);
    doc.measures
        .iter()
        .filter(|m| squeeze(&m.text).contains(&key))
        .min_by_key(|m| m.text.chars().count())
}

#[test]
fn party_cases() {
    let cases: Cases =
        toml::from_str(include_str!("data/party.toml")).expect("tests/data/party.toml parses");
    let ex = Extractor::new();
    for case in &cases.case {
        let doc = ex.extract(&case.text);
        if let Some(n) = case.measures {
            let with_parties = doc
                .measures
                .iter()
                .filter(|m| {
                    !(m.lead.is_empty() && m.cooperating.is_empty() && m.responsible.is_empty())
                })
                .count();
            assert_eq!(with_parties, n, "{}: measures with parties", case.name);
        }
        for e in &case.expect {
            let m = aligned(&doc, &e.key)
                .unwrap_or_else(|| panic!("{}: no measure holds `{}`", case.name, e.key));
            assert_eq!(named(&m.lead), e.lead, "{}: lead", case.name);
            assert_eq!(
                named(&m.cooperating),
                e.cooperating,
                "{}: cooperating",
                case.name
            );
            assert_eq!(
                named(&m.responsible),
                e.responsible,
                "{}: responsible",
                case.name
            );
        }
    }
}

#[test]
fn party_spans_slice_the_input() {
    let ex = Extractor::new();
    let text = "（一）健康医疗\n1.发展特需医疗服务。（市卫生计生委牵头；市科技局、人力资源社会保障局配合）";
    let doc = ex.extract(text);
    let m = aligned(&doc, "发展特需医疗服务").expect("a measure");
    for p in m.lead.iter().chain(&m.cooperating) {
        let written = p.span.slice(text).expect("span in range");
        assert!(p.name.ends_with(written), "{} / {written}", p.name);
    }
    assert_eq!(m.cooperating[1].name, "市人力资源社会保障局");
    assert_eq!(
        m.cooperating[1].span.slice(text),
        Some("人力资源社会保障局")
    );
}

/// `(true positives, predicted, gold)` triples (measure, role, party) of one
/// document, measures aligned by key as gold-format.md says.
fn triples(doc: &Document, gold: &Gold) -> (usize, usize, usize) {
    let mut pred = HashSet::new();
    for (i, m) in doc.measures.iter().enumerate() {
        for (role, list) in [
            ("lead", &m.lead),
            ("cooperating", &m.cooperating),
            ("responsible", &m.responsible),
        ] {
            for n in named(list) {
                pred.insert((Some(i), role, n));
            }
        }
    }
    let mut want = HashSet::new();
    for g in &gold.measures {
        let key = squeeze(&g.key);
        let at = doc
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| squeeze(&m.text).contains(&key))
            .min_by_key(|(_, m)| m.text.chars().count())
            .map(|(i, _)| i);
        for (role, list) in [
            ("lead", &g.lead),
            ("cooperating", &g.cooperating),
            ("responsible", &g.responsible),
        ] {
            for n in list {
                want.insert((at, role, n.clone()));
            }
        }
    }
    (pred.intersection(&want).count(), pred.len(), want.len())
}

fn f1(dir: &str) -> f64 {
    let ex = Extractor::new();
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let golds = load_gold_dir(format!("{dir}/gold")).expect("gold folder loads");
    assert!(!golds.is_empty());
    for gold in &golds {
        let doc = ex
            .extract_path(format!("{dir}/{}", gold.doc))
            .expect("fixture reads");
        let (t, p, g) = triples(&doc, gold);
        tp += t;
        np += p;
        ng += g;
    }
    let p = if np == 0 { 1.0 } else { tp as f64 / np as f64 };
    let r = if ng == 0 { 1.0 } else { tp as f64 / ng as f64 };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn seeds_party_f1() {
    let f = f1("seeds");
    assert!(f >= 0.97, "party F1 on seeds/ is {f:.3}");
}

#[test]
fn devset_party_f1() {
    let f = f1("seeds/devset");
    assert!(f >= 0.90, "party F1 on seeds/devset/ is {f:.3}");
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of responsibility statements, glued at random.
    const PIECES: &[&str] = &[
        "市卫生计生委",
        "人力资源社会保障局",
        "财政部",
        "工业和信息化部",
        "有关部门",
        "各县(市、区)人民政府",
        "牵头",
        "配合",
        "负责",
        "按职责分工负责",
        "会同",
        "参与",
        "责任单位：",
        "牵头单位:",
        "列第一位者为牵头单位",
        "（",
        "）",
        "〔",
        "〕",
        "[",
        "]",
        "、",
        "，",
        "；",
        "。",
        "\n",
        " ",
        "由",
        "及",
        "和",
        "等",
        "1.",
        "（一）",
        "發展",
        "牽頭",
        "負責",
        "a",
        "😀",
        "的",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn spans_hold_on_any_glue(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let doc = Extractor::new().extract(&text);
            for m in &doc.measures {
                prop_assert_eq!(m.span.slice(&text), Some(m.text.as_str()));
                for p in m.lead.iter().chain(&m.cooperating).chain(&m.responsible) {
                    let written = p.span.slice(&text).expect("party span in range");
                    let squeezed: String = written.chars().filter(|c| !c.is_whitespace()).collect();
                    prop_assert!(p.name.ends_with(&squeezed), "{} / {}", p.name, written);
                    prop_assert!(m.span.contains(&p.span));
                }
            }
        }
    }
}
