//! Structure on the seeds and the devset: metadata equals the gold meta,
//! numbered items are measures numbered as gold numbers them, chapters form
//! the tree, the indicator table of seed 004 is read, and every span slices
//! the input to its text.

use policy_extract::{CellRole, Document, Extractor};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every seed and devset document with its gold file.
fn docs() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (dir, gold) in [
        ("seeds", "seeds/gold"),
        ("seeds/devset", "seeds/devset/gold"),
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            out.push((f, root().join(gold).join(format!("{name}.gold.json"))));
        }
    }
    out
}

fn extract(path: &Path) -> (String, Document) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Extractor::new().extract(&text);
    (text, doc)
}

fn gold(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn seed(prefix: &str) -> (String, Document, Value) {
    let (txt, g) = docs()
        .into_iter()
        .find(|(t, _)| t.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let (text, doc) = extract(&txt);
    (text, doc, gold(&g))
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn meta_equals_gold_meta_on_every_document() {
    let mut failures = Vec::new();
    for (txt, g) in docs() {
        let (_, doc) = extract(&txt);
        let g = gold(&g);
        let got = serde_json::to_value(&doc.meta).unwrap();
        for field in ["title", "issuer", "doc_number", "publish_date"] {
            if got[field] != g["meta"][field] {
                failures.push(format!(
                    "{}: {field}: expected {}, got {}",
                    txt.display(),
                    g["meta"][field],
                    got[field]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_001_has_19_measures_with_gold_keys() {
    let (_, doc, g) = seed("001_");
    let numbers: Vec<&str> = doc
        .measures
        .iter()
        .map(|m| m.number.as_deref().unwrap_or(""))
        .collect();
    let expected: Vec<String> = (1..=19).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    for (m, gm) in doc.measures.iter().zip(g["measures"].as_array().unwrap()) {
        let key = gm["key"].as_str().unwrap();
        assert_eq!(m.number.as_deref(), gm["number"].as_str());
        assert!(compact(&m.text).contains(key), "{key} not in {}", m.text);
        // Item 16's key is from its body: its title is the heading 优化供给.
        if key != "加强与土地利用总体规划" {
            assert!(m.title.starts_with(key), "{} / {key}", m.title);
        }
    }
    assert_eq!(doc.measures[0].title, "发展特需医疗服务");
    // The sections 一、… and (一)… hold the items.
    let s = &doc.sections[doc.measures[0].section.unwrap()];
    assert_eq!((s.label.as_str(), s.heading.as_str()), ("一", "健康医疗"));
    assert_eq!(s.level, 2);
    let meta = &doc.meta;
    assert_eq!(
        meta.index_number.as_deref(),
        Some("58735799-9-/2018-1224003")
    );
    assert_eq!(meta.signed_date.as_deref(), Some("2018-12-19"));
    assert_eq!(
        meta.addressees,
        ["各县(市、区)人民政府", "各园区管委会", "市直各委、办、局"]
    );
}

#[test]
fn seed_002_inline_items_are_25_measures() {
    let (_, doc, g) = seed("002_");
    let numbers: Vec<&str> = doc
        .measures
        .iter()
        .map(|m| m.number.as_deref().unwrap_or(""))
        .collect();
    let expected: Vec<String> = (1..=25).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    for (m, gm) in doc.measures.iter().zip(g["measures"].as_array().unwrap()) {
        let key = gm["key"].as_str().unwrap();
        assert!(m.title.starts_with(key), "{} / {key}", m.title);
    }
    let heads: Vec<&str> = doc.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(heads, ["一", "二", "三", "四", "五", "六"]);
    // Item 25 is the last: it does not run into the web page's footer.
    assert!(doc.measures[24].text.ends_with("申康医院发展中心)"));
}

#[test]
fn seed_004_chapters_form_the_tree_and_toc_gives_nothing() {
    let (text, doc, _) = seed("004_");
    let top: Vec<&str> = doc
        .sections
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(top, ["第一章", "第二章", "第三章", "第四章", "第五章"]);
    // Each chapter's 节 children, in order; the 目录 block gave no sections.
    let children = |label: &str| -> Vec<String> {
        let id = doc
            .sections
            .iter()
            .find(|s| s.label == label && s.parent.is_none())
            .unwrap()
            .id;
        doc.sections
            .iter()
            .filter(|s| s.parent == Some(id) && s.label.ends_with('节'))
            .map(|s| s.heading.clone())
            .collect()
    };
    assert_eq!(children("第一章"), ["取得成就", "存在问题", "面临形势"]);
    assert_eq!(children("第二章"), ["指导思想", "基本原则", "发展目标"]);
    assert!(children("第三章").is_empty());
    assert_eq!(children("第四章").len(), 6);
    assert_eq!(children("第五章").len(), 5);
    let first = &doc.sections[0];
    let toc_end = text
        .find("成都市“十四五”健康服务业发展规划\n\n\u{a0}\n\n\u{a0}")
        .unwrap();
    let first_char = text[..toc_end].chars().count();
    assert!(
        first.span.start > first_char,
        "the 目录 block gave a section"
    );
    // 专栏 boxes are sections too, under their chapter or 节.
    let box1 = doc.sections.iter().find(|s| s.label == "专栏1").unwrap();
    assert_eq!(box1.heading, "成都市“十四五”健康服务业发展指标");
    assert_eq!(doc.sections[box1.parent.unwrap()].heading, "发展目标");
    // The places of 专栏2 with one paragraph each are items of the box.
    let box2 = doc.sections.iter().find(|s| s.label == "专栏2").unwrap();
    assert!(!doc.measures.is_empty());
    assert!(doc.measures.iter().all(|m| m.section == Some(box2.id)));
    assert_eq!(doc.measures[0].title, "成都未来医学城");
    assert!(doc.measures[0].text.contains("东部新区聚焦先进医疗技术"));
}

#[test]
fn seed_004_indicator_table() {
    let (_, doc, _) = seed("004_");
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(
        t.title.as_deref(),
        Some("专栏1 成都市“十四五”健康服务业发展指标")
    );
    assert_eq!(
        t.header,
        ["指标名称", "单位", "2020年", "2025年", "指标属性"]
    );
    assert_eq!(t.rows.len(), 19);
    let row = |i: usize| -> Vec<(&str, CellRole)> {
        t.rows[i]
            .cells
            .iter()
            .map(|c| (c.text.as_str(), c.role))
            .collect()
    };
    use CellRole::*;
    assert_eq!(
        row(0),
        [
            ("人均预期寿命", Indicator),
            ("81.52", Value),
            ("≥82.42", Value),
            ("预期性", Attribute)
        ]
    );
    assert_eq!(
        row(10),
        [
            ("社区日间照料机构覆盖率", Indicator),
            ("%", Unit),
            ("85", Value),
            ("95", Value),
            ("预期性", Attribute)
        ]
    );
    assert_eq!(
        row(14),
        [
            ("国家体育消费示范城市", Indicator),
            ("1", Value),
            ("约束性", Attribute)
        ]
    );
    assert_eq!(
        row(16),
        [
            ("接待游客总人次", Indicator),
            ("亿人次", Unit),
            ("2", Value),
            ("3.5", Value),
            ("预期性", Attribute)
        ]
    );
    assert_eq!(row(18)[0].0, "重点人群家庭医生签约服务率");
}

#[test]
fn every_span_slices_the_input_to_its_text() {
    for (txt, _) in docs() {
        let (text, doc) = extract(&txt);
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: &policy_extract::Span| -> String { chars[s.start..s.end].iter().collect() };
        for m in &doc.measures {
            assert_eq!(slice(&m.span), m.text, "{}", txt.display());
            assert!(!m.text.is_empty());
        }
        for s in &doc.sections {
            let got = slice(&s.span);
            assert!(
                compact(&got).contains(&compact(&s.heading)),
                "{}: {got} / {}",
                txt.display(),
                s.heading
            );
            if let Some(p) = s.parent {
                assert!(p < s.id);
                assert_eq!(doc.sections[p].level + 1, s.level);
            }
        }
        for t in &doc.tables {
            for r in &t.rows {
                for c in &r.cells {
                    assert_eq!(slice(&c.span), c.text);
                }
            }
        }
    }
}

/// Gold measures (seeds and devset) whose key lies in a measure of the same
/// number. Prints the count; asserts a floor.
#[test]
fn gold_measures_align_by_key() {
    let (mut found, mut total) = (0, 0);
    let (mut any_found, mut any_total) = (0, 0);
    let mut missed = Vec::new();
    for (txt, g) in docs() {
        let (_, doc) = extract(&txt);
        let texts: Vec<(Option<&str>, String)> = doc
            .measures
            .iter()
            .map(|m| (m.number.as_deref(), compact(&m.text)))
            .collect();
        for gm in gold(&g)["measures"].as_array().unwrap() {
            let key = gm["key"].as_str().unwrap();
            let num = gm["number"].as_str();
            any_total += 1;
            if texts.iter().any(|(_, t)| t.contains(key)) {
                any_found += 1;
            }
            if num.is_none() {
                continue; // prose paragraphs: not numbered items
            }
            total += 1;
            if texts.iter().any(|(n, t)| *n == num && t.contains(key)) {
                found += 1;
            } else {
                missed.push(format!("{} {:?} {key}", txt.display(), num));
            }
        }
    }
    println!("numbered gold measures aligned by key: {found}/{total}");
    println!("all gold measures whose key lies in some measure: {any_found}/{any_total}");
    for m in &missed {
        println!("  missed: {m}");
    }
    assert!(found * 100 >= total * 95, "{found}/{total}");
}

/// `cargo test --test structure dump -- --ignored --nocapture` prints the
/// outline of every document.
#[test]
#[ignore]
fn dump() {
    for (txt, _) in docs() {
        let (_, doc) = extract(&txt);
        println!("== {} {:?}", txt.display(), doc.meta);
        for d in &doc.diagnostics {
            println!("  D {:?} {}", d.level, d.message);
        }
        for s in &doc.sections {
            println!(
                "  S{} p={:?} L{} {} | {}",
                s.id, s.parent, s.level, s.label, s.heading
            );
        }
        for m in &doc.measures {
            println!(
                "  M{} s={:?} {:?} | {} | {}",
                m.id,
                m.section,
                m.number,
                m.title,
                m.text.chars().take(30).collect::<String>()
            );
        }
        for t in &doc.tables {
            println!("  T {:?} {:?} rows={}", t.title, t.header, t.rows.len());
        }
    }
}

/// Pieces random documents are made of: labels of every kind, header
/// fields, table cells, dates, odd spaces and line breaks.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "第一章",
    "第二节",
    "第三条",
    "专栏1",
    "目录",
    "\n",
    "\n",
    "指标名称",
    "单位",
    "2020 年",
    "预期性",
    "81.5",
    "≥8",
    "%",
    "。",
    " ",
    "\u{a0}",
    "\u{3000}",
    "索 引 号：",
    "发布日期 | 2018-12-24 |",
    "2018年12月19日",
    "关于",
    "的通知",
    "国发〔2018〕39号",
    "发展健康服务",
    "（市卫生计生委牵头）",
    "各区人民政府，",
    "：",
    "10月21日,",
    "发布",
    "\u{200b}",
    "２０２５",
    "|",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any mix of pieces: no panic, and every span slices the input to its text.
    #[test]
    fn random_documents_never_panic(
        picks in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)
    ) {
        let text: String = picks.concat();
        let doc = Extractor::new().extract(&text);
        let chars: Vec<char> = text.chars().collect();
        for m in &doc.measures {
            proptest::prop_assert!(m.span.end <= chars.len());
            let got: String = chars[m.span.start..m.span.end].iter().collect();
            proptest::prop_assert_eq!(got, m.text.clone());
        }
        for s in &doc.sections {
            proptest::prop_assert!(s.span.start <= s.span.end && s.span.end <= chars.len());
        }
        for t in &doc.tables {
            for c in t.rows.iter().flat_map(|r| &r.cells) {
                let got: String = chars[c.span.start..c.span.end].iter().collect();
                proptest::prop_assert_eq!(got, c.text.clone());
            }
        }
    }
}

#[test]
fn diagnostics_name_what_structure_repaired() {
    let (_, doc, _) = seed("004_");
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.message == "structure: skipped a table of contents of 23 lines"));
    let (_, doc, _) = seed("002_");
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.message == "structure: split 31 labels written inside lines"));
}

/// `POLICY_DOC=003 cargo test --test structure dump_normalized -- --ignored
/// --nocapture` prints the normalized text of the documents whose name
/// starts with `POLICY_DOC`.
#[test]
#[ignore]
fn dump_normalized() {
    let prefix = std::env::var("POLICY_DOC").unwrap_or_default();
    for (txt, _) in docs() {
        let name = txt.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with(&prefix) {
            let text = std::fs::read_to_string(&txt).unwrap();
            let n = policy_extract::normalize::normalize(
                &text,
                &policy_extract::dict::Dicts::embedded(),
            );
            println!("== {name}\n{}", n.text);
        }
    }
}

/// A provincial page as saved from the web: full-width indents, a header
/// line of `label：value` fields, items with their responsibility.
#[test]
fn unseen_web_page_shape() {
    let text = "首页 > 政务公开\n\
        发布时间：2021-03-08  来源：省政府办公厅\n\
        \u{3000}\u{3000}某某省人民政府办公厅关于加快发展健康产业的实施意见\n\
        \u{3000}\u{3000}某政办发〔2021〕12号\n\
        \u{3000}\u{3000}各市、县人民政府，省政府各部门：\n\
        \u{3000}\u{3000}现就加快发展健康产业提出如下意见。\n\
        \u{3000}\u{3000}一、总体要求\n\
        \u{3000}\u{3000}（一）发展目标。到2025年，健康产业总规模达到1万亿元。\n\
        \u{3000}\u{3000}二、重点任务\n\
        \u{3000}\u{3000}1.加强组织领导。建立协调机制。（省卫生健康委牵头，省财政厅配合）\n\
        \u{3000}\u{3000}2.完善支持政策。落实税收优惠。（省税务局负责）\n\
        \u{3000}\u{3000}某某省人民政府办公厅\n\
        \u{3000}\u{3000}2021年3月5日\n";
    let doc = Extractor::new().extract(text);
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("某某省人民政府办公厅关于加快发展健康产业的实施意见")
    );
    assert_eq!(m.issuer.as_deref(), Some("某某省人民政府办公厅"));
    assert_eq!(m.doc_number.as_deref(), Some("某政办发〔2021〕12号"));
    assert_eq!(m.publish_date.as_deref(), Some("2021-03-08"));
    assert_eq!(m.signed_date.as_deref(), Some("2021-03-05"));
    assert_eq!(m.addressees, ["各市、县人民政府", "省政府各部门"]);
    let nums: Vec<&str> = doc
        .measures
        .iter()
        .map(|m| m.number.as_deref().unwrap())
        .collect();
    assert_eq!(nums, ["一", "1", "2"]);
    // The last item stops before the signature.
    assert!(doc.measures[2].text.ends_with("（省税务局负责）"));
    assert_eq!(doc.measures[1].title, "加强组织领导");
}

/// A PDF cut whose numbered items wrap: the wrapped lines are joined, the
/// headings are not.
#[test]
fn unseen_pdf_items_wrap() {
    let mut text = String::from("一、保障措施\n");
    let labels = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for label in labels {
        text.push_str(&format!(
            "（{label}）加强组织领导。各地要建立健全工作协调\n机制，明确责任分工和进度安排要求。\n"
        ));
    }
    text.push_str("二、附则\n本意见自印发之日起施行，由省卫生健康委负\n责解释。\n");
    let norm =
        policy_extract::normalize::normalize(&text, &policy_extract::dict::Dicts::embedded());
    assert!(norm
        .text
        .contains("（一）加强组织领导。各地要建立健全工作协调机制，明确"));
    assert!(norm.text.starts_with("一、保障措施\n（一）"));
    assert!(norm
        .text
        .contains("\n二、附则\n本意见自印发之日起施行，由省卫生健康委负责解释。"));
    let doc = Extractor::new().extract(&text);
    assert_eq!(doc.measures.len(), 10);
    assert!(doc.measures[0]
        .text
        .ends_with("协调\n机制，明确责任分工和进度安排要求。"));
    let heads: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(heads, ["保障措施", "附则"]);
}

/// `cargo test --release --test structure big_input -- --ignored --nocapture`
/// prints how long a 50-fold seed takes (a check for quadratic passes).
#[test]
#[ignore]
fn big_input() {
    for prefix in ["002_", "004_", "003_"] {
        let (txt, _) = docs()
            .into_iter()
            .find(|(t, _)| t.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        let one = std::fs::read_to_string(&txt).unwrap();
        let big = one.repeat(50);
        let ex = Extractor::new();
        let t = std::time::Instant::now();
        let doc = ex.extract(&big);
        println!(
            "{prefix} x50: {} bytes, {} measures, {:?}",
            big.len(),
            doc.measures.len(),
            t.elapsed()
        );
    }
}
