//! Invariants over every seed and over arbitrary input: each span slices the
//! input to its quoted text, ids and index lists are consistent, the same
//! input gives byte-identical JSON, and nothing panics.

use policy_extract::{Document, Extractor, Span};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::LazyLock;

static EX: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The `.txt` files of `dir`, sorted.
fn txt_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn seeds() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("devset")] {
        for f in txt_files(&dir) {
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((f.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    assert!(out.len() >= 11, "seeds and devset are present");
    out
}

fn check_span(input: &str, span: &Span, text: Option<&str>, what: &str) -> Result<(), String> {
    let chars = input.chars().count();
    if span.start > span.end || span.end > chars {
        return Err(format!("{what}: span {span:?} out of 0..{chars}"));
    }
    let slice = span
        .slice(input)
        .ok_or_else(|| format!("{what}: span {span:?} does not slice"))?;
    if let Some(t) = text {
        if slice != t {
            return Err(format!(
                "{what}: span {span:?} slices `{slice}`, text is `{t}`"
            ));
        }
    }
    Ok(())
}

/// Every span of `doc` slices `input` to its text; every reference points
/// inside its list.
fn check_doc(input: &str, doc: &Document) -> Result<(), String> {
    for s in &doc.sections {
        check_span(input, &s.span, None, "section")?;
        if let Some(p) = s.parent {
            if p >= s.id {
                return Err(format!("section {} has parent {p} not before it", s.id));
            }
        }
    }
    for (i, m) in doc.measures.iter().enumerate() {
        if m.id != i {
            return Err(format!("measure at {i} has id {}", m.id));
        }
        check_span(input, &m.span, Some(&m.text), "measure")?;
        for p in m.lead.iter().chain(&m.cooperating).chain(&m.responsible) {
            check_span(input, &p.span, None, "party")?;
            if !m.span.contains(&p.span) && p.span.start < m.span.start {
                return Err(format!("party {} before its measure", p.name));
            }
        }
        if m.section.is_some_and(|s| s >= doc.sections.len()) {
            return Err(format!("measure {i} points to a missing section"));
        }
        if m.targets.iter().any(|t| *t >= doc.targets.len())
            || m.dates.iter().any(|d| *d >= doc.dates.len())
        {
            return Err(format!("measure {i} points to a missing target or date"));
        }
    }
    for t in &doc.targets {
        check_span(input, &t.span, Some(&t.text), "target")?;
        if t.measure.is_some_and(|m| m >= doc.measures.len()) {
            return Err("target points to a missing measure".into());
        }
    }
    for d in &doc.dates {
        check_span(input, &d.span, Some(&d.text), "date")?;
    }
    for t in &doc.tables {
        check_span(input, &t.span, None, "table")?;
        for r in &t.rows {
            check_span(input, &r.span, None, "row")?;
            for c in &r.cells {
                check_span(input, &c.span, Some(&c.text), "cell")?;
            }
        }
    }
    for d in &doc.diagnostics {
        if let Some(s) = &d.span {
            check_span(input, s, None, "diagnostic")?;
        }
    }
    if doc.source.chars != input.chars().count() {
        return Err("source.chars differs from the input length".into());
    }
    Ok(())
}

#[test]
fn seed_spans_slice_the_input() {
    for (name, text) in seeds() {
        let doc = EX.extract(&text);
        if let Err(e) = check_doc(&text, &doc) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn same_input_gives_identical_json() {
    for (name, text) in seeds() {
        let a = serde_json::to_string(&EX.extract(&text)).unwrap();
        let b = serde_json::to_string(&Extractor::new().extract(&text)).unwrap();
        assert_eq!(a, b, "{name}: output differs between runs");
    }
}

#[test]
fn pdf_style_text_with_crlf_and_odd_spaces() {
    let text = "一、总体要求\r\n到 2025 年，全市\u{3000}每千人口\r\n床位数达到 ６.５ 张。\u{200b}\r\n（市卫生健康委牵头）";
    let doc = EX.extract(text);
    check_doc(text, &doc).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary text built from the characters policy documents are made of.
    #[test]
    fn arbitrary_text_keeps_invariants(s in "[一二三四五六七八九十〇（）()、，。；：:\\-—～~%％０-９0-9年月日至到前底牵头配合负责市局委办关于印发通知第章节条专栏 \u{3000}\u{a0}\u{200b}\n\r\t|≥≤.abcＡＢ]{0,400}") {
        let doc = EX.extract(&s);
        prop_assert!(check_doc(&s, &doc).is_ok(), "{:?}", check_doc(&s, &doc));
    }

    /// Arbitrary bytes never panic: either a record or an error.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(doc) = EX.extract_bytes(&bytes) {
            prop_assert!(doc.source.sha256.len() == 64);
        }
    }

    /// Arbitrary unicode never panics and keeps the span invariant.
    #[test]
    fn arbitrary_unicode_keeps_invariants(s in "\\PC{0,200}") {
        let doc = EX.extract(&s);
        prop_assert!(check_doc(&s, &doc).is_ok(), "{:?}", check_doc(&s, &doc));
    }
}

/// A document of more than 1 MiB runs the party stage on a second thread
/// beside the date and target stages: its first copy of the seeds must come
/// out exactly as the seeds alone, and every copy adds the same records.
#[test]
fn large_input_on_two_threads_matches_the_small_one() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let one: String = txt_files(&root)
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().trim_end().to_string() + "\n")
        .collect();
    let copies = (1 << 20) / one.len() + 2;
    let big = one.repeat(copies);
    assert!(big.len() > 1 << 20);
    let small = EX.extract(&one);
    let large = EX.extract(&big);
    assert!(!small.measures.is_empty() && !small.targets.is_empty() && !small.dates.is_empty());
    assert_eq!(large.measures.len(), copies * small.measures.len());
    assert_eq!(large.targets.len(), copies * small.targets.len());
    assert_eq!(large.dates.len(), copies * small.dates.len());
    assert_eq!(large.measures[..small.measures.len()], small.measures[..]);
    assert_eq!(large.targets[..small.targets.len()], small.targets[..]);
    assert_eq!(large.dates[..small.dates.len()], small.dates[..]);
    assert_eq!(large.meta, small.meta);
    if let Err(e) = check_doc(&big, &large) {
        panic!("large input: {e}");
    }
}
