//! `policy-extract eval` end to end: gold and records written to a
//! temporary folder, the binary run on them, and its table and JSON read
//! back. Expected scores are worked out by hand in the comments.

#![cfg(feature = "cli")]

use policy_extract::{DateKind, DateMention, Document, Span};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_policy-extract");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("run the binary");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// One gold file for `a.txt`: title, doc_number, two dates.
fn write_gold(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("a.txt.gold.json"),
        r#"{
  "doc": "a.txt",
  "meta": {"title": "关于印发方案的通知", "issuer": null, "doc_number": "国发〔2019〕3号", "publish_date": null},
  "measures": [],
  "targets": [],
  "dates": [
    {"text": "到2025年", "value": "2025", "kind": "deadline"},
    {"text": "2019年1月25日", "value": "2019-01-25", "kind": "publication"}
  ]
}"#,
    )
    .unwrap();
}

/// The record of `a.txt`: title right (after folding), doc_number wrong,
/// one date right, one date extra.
fn record() -> Document {
    let mut r = Document::default();
    r.source.path = Some("docs/a.txt".into());
    r.meta.title = Some("关于印发方案的 通知".into());
    r.meta.doc_number = Some("国发〔2019〕4号".into());
    let date = |text: &str, value: &str, kind| DateMention {
        text: text.into(),
        span: Span::default(),
        value: Some(value.into()),
        kind,
    };
    r.dates = vec![
        date("2025年", "2025", DateKind::Deadline),
        date("2020年", "2020", DateKind::Point),
    ];
    r
}

/// Runs `eval` over the gold of `write_gold` and a records file holding
/// `lines`, with `extra` arguments; returns the exit code, standard output
/// and standard error.
fn eval_lines(dir: &Path, lines: &str, extra: &[&str]) -> (i32, String, String) {
    let gold = dir.join("gold");
    write_gold(&gold);
    let records = dir.join("records.jsonl");
    std::fs::write(&records, lines).unwrap();
    let mut args = vec![
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--records",
        records.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args)
}

#[test]
fn scores_records_from_json_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("scores.json");
    let (code, out, err) = eval_lines(
        tmp.path(),
        &(serde_json::to_string(&record()).unwrap() + "\n"),
        &["--per-doc", "--json", json.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    // title: tp 1 -> 1.000 1.000 1.000.
    assert!(out.contains("meta.title          1.000  1.000  1.000      1      0      0\n"));
    // doc_number: fp 1, fn 1 -> 0 0 0.
    assert!(out.contains("meta.doc_number     0.000  0.000  0.000      0      1      1\n"));
    // dates.value: 2025年 matches 到2025年 (tp 1); 2019年1月25日 missed
    // (fn 1); 2020年 extra (fp 1): P = 1/2, R = 1/2.
    assert!(out.contains("dates.value         0.500  0.500  0.500      1      1      1\n"));
    assert!(out.contains("  - dates.value: 2019年1月25日 = 2019-01-25 (publication)\n"));
    assert!(out.contains("  + dates.value: 2020年 = 2020 (point)\n"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["summary"]["dates.value"]["p"], 0.5);
    assert_eq!(v["summary"]["meta.doc_number"]["fp"], 1);
    assert_eq!(
        v["docs"]["a.txt"]["meta.doc_number"]["extras"][0],
        "国发〔2019〕4号"
    );
}

#[test]
fn scores_a_folder_of_documents() {
    let tmp = tempfile::tempdir().unwrap();
    write_gold(&tmp.path().join("gold"));
    // The document sits in the gold folder's parent (the default --docs).
    // What the extractor finds in it is the corpus test's business; here
    // it must be read and scored.
    std::fs::write(
        tmp.path().join("a.txt"),
        "国发〔2019〕3号\n到2025年，完成。\n",
    )
    .unwrap();
    let gold = tmp.path().join("gold");
    let (code, out, err) = run(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 documents\n"), "{out}");
    // A missing document is scored as empty, with a warning and exit 1:
    // title and doc_number are fns, dates.value 2 fns.
    let (code, out, err) = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--docs",
        "/nonexistent",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("a.txt") && err.contains("scored as empty"),
        "{err}"
    );
    assert!(out.contains("dates.value         1.000  0.000  0.000      0      0      2\n"));
}

#[test]
fn bad_input_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    // A gold file without `doc`.
    std::fs::write(tmp.path().join("x.txt.gold.json"), "{\"meta\": {}}").unwrap();
    let (code, _, err) = run(&["eval", "--gold", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("x.txt.gold.json") && err.contains("doc"),
        "{err}"
    );
    // No gold file at all.
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["eval", "--gold", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no *.gold.json"), "{err}");
    // A broken record line names the file and line.
    let gold = tmp.path().join("g");
    write_gold(&gold);
    let records = tmp.path().join("r.jsonl");
    std::fs::write(&records, "\n{not json}\n").unwrap();
    let (code, _, err) = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--records",
        records.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("r.jsonl:2:"), "{err}");
}

/// A record that does not parse is left out with a warning naming its
/// line; the others are scored, and the exit code says something was
/// missing.
#[test]
fn a_broken_record_does_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let good = serde_json::to_string(&record()).unwrap();
    let (code, out, err) = eval_lines(tmp.path(), &format!("{{\"source\": 1}}\n{good}\n"), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("records.jsonl:1:") && err.contains("left out"),
        "{err}"
    );
    // The good record is scored as in `scores_records_from_json_lines`.
    assert!(
        out.contains("meta.title          1.000  1.000  1.000      1      0      0\n"),
        "{out}"
    );
    assert!(
        out.contains("dates.value         0.500  0.500  0.500      1      1      1\n"),
        "{out}"
    );
}
