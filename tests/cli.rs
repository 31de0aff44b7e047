//! The `policy-extract extract` command on real files made by each test:
//! bad inputs never stop a batch, outputs stay inside their folder, writes
//! are atomic, records come out in input order.
//!
//! Decisions these tests pin down:
//! - an empty file gives an empty record (`chars` 0), not an error;
//! - a file without read permission is an `io` error (skipped when the tests
//!   run as root, who can read it anyway);
//! - the large single-line file is 5 MB by default; the 50 MB variant is
//!   `#[ignore]`d to keep debug builds fast (`cargo test -- --ignored`).

#![cfg(feature = "cli")]

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_policy-extract");

const SEED: &str = "seeds/001_54f2aeee0e1916ab.txt";

fn seed() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout_records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr_errors(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stderr.clone())
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every file under `dir`, relative.
fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_str().unwrap().to_string());
            }
        }
    }
    out
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for u in s.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

fn gbk(s: &str) -> Vec<u8> {
    let (b, _, unmappable) = encoding_rs::GBK.encode(s);
    assert!(!unmappable);
    b.into_owned()
}

/// A zip holding `parts`, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, body) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A DOCX whose document holds `paragraphs`.
fn docx_of(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

/// A zip bomb: `word/document.xml` inflates to 65 MiB of spaces.
fn zip_bomb() -> Vec<u8> {
    // Stream the spaces through the writer in 1 MiB slices.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
        .unwrap();
    let slice = vec![b' '; 1 << 20];
    for _ in 0..65 {
        zip.write_all(&slice).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// A zip bomb whose headers claim `word/document.xml` is 1000 bytes.
fn lying_zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("word/document.xml", opts).unwrap();
    let slice = vec![b' '; 1 << 20];
    for _ in 0..65 {
        zip.write_all(&slice).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    let claim = 1000u32.to_le_bytes();
    // Uncompressed size: byte 22 of the local header, 24 of the central one.
    bytes[22..26].copy_from_slice(&claim);
    let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&claim);
    bytes
}

/// Whether the current user can read a file without read permission (root can).
fn can_read_unreadable(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

#[test]
fn mixed_folder_converts_good_files_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let text = seed();
    let good: &[(&str, Vec<u8>, &str, &str)] = &[
        ("good.txt", text.clone().into_bytes(), "utf-8", "text"),
        ("empty.txt", Vec::new(), "utf-8", "text"),
        ("gbk.txt", gbk(&text), "gbk", "text"),
        (
            "sub/page.html",
            [
                b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head><body><p>".as_slice(),
                &gbk("保山市人民政府办公室关于印发保山市大健康产业发展工作实施方案的通知"),
                b"</p></body></html>",
            ]
            .concat(),
            "gbk",
            "html",
        ),
        ("sub/utf16.txt", utf16le(&text), "utf-16le", "text"),
        ("带 空格 的文件.txt", text.clone().into_bytes(), "utf-8", "text"),
        ("word.docx", docx_of(&["一、总体要求", "1.发展特需医疗服务。"]), "utf-8", "docx"),
    ];
    let mut truncated = utf16le(&text);
    truncated.pop();
    let bad: &[(&str, Vec<u8>, &str)] = &[
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            "unsupported_format",
        ),
        (
            "random.txt",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
            "unsupported_format",
        ),
        (
            "latin.txt",
            b"abc \xc3\x28 \xff\xfe\xff def \xff".to_vec(),
            "encoding",
        ),
        ("sub/truncated.txt", truncated, "encoding"),
        (
            "corrupt.docx",
            docx_of(&["一、总体要求"])[..60].to_vec(),
            "corrupt",
        ),
        ("bomb.docx", zip_bomb(), "corrupt"),
    ];
    for (name, bytes, _, _) in good {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    for (name, bytes, _) in bad {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    // Not matched by the default filter: never read.
    std::fs::write(input.join("notes.pdf"), b"%PDF-1.7").unwrap();

    let errors = dir.path().join("errors.jsonl");
    let o = run(&[
        "extract",
        s(&input),
        "--format",
        "json",
        "-o",
        s(&out),
        "--errors",
        s(&errors),
        "-j",
        "2",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let expected: BTreeSet<String> = good.iter().map(|(n, ..)| format!("{n}.json")).collect();
    assert_eq!(files_under(&out), expected, "no partial or stray files");
    for (name, _, encoding, format) in good {
        let rec: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(rec["source"]["encoding"], *encoding, "{name}");
        assert_eq!(rec["source"]["format"], *format, "{name}");
        assert_eq!(rec["source"]["path"], s(&input.join(name)), "{name}");
    }
    let rec = |n: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(n)).unwrap()).unwrap()
    };
    assert_eq!(rec("empty.txt.json")["source"]["chars"], 0);
    let chars = text.chars().count();
    for n in [
        "good.txt.json",
        "gbk.txt.json",
        "sub/utf16.txt.json",
        "带 空格 的文件.txt.json",
    ] {
        assert_eq!(rec(n)["source"]["chars"], chars, "{n}");
    }
    assert_eq!(
        rec("sub/page.html.json")["source"]["chars"],
        "保山市人民政府办公室关于印发保山市大健康产业发展工作实施方案的通知"
            .chars()
            .count()
    );
    assert_eq!(
        rec("word.docx.json")["source"]["chars"],
        "一、总体要求\n1.发展特需医疗服务。".chars().count()
    );

    let errs = stderr_errors(&o);
    assert_eq!(errs.len(), bad.len(), "{errs:?}");
    for (name, _, kind) in bad {
        let path = s(&input.join(name)).to_string();
        let e = errs
            .iter()
            .find(|e| e["path"] == path.as_str())
            .unwrap_or_else(|| panic!("no error for {name}: {errs:?}"));
        assert_eq!(e["kind"], *kind, "{name}: {e}");
        let msg = e["message"].as_str().unwrap();
        assert!(
            !msg.ends_with('.') && msg.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{msg}"
        );
    }
    let from_file: Vec<Value> = std::fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(from_file, errs);
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(
        summary.contains(&format!(
            "{} ok, {} failed, 0 skipped",
            good.len(),
            bad.len()
        )),
        "{summary}"
    );
}

#[test]
fn error_messages_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("a.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let pdf = dir.path().join("b.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let bomb = dir.path().join("bomb.docx");
    std::fs::write(&bomb, zip_bomb()).unwrap();
    let o = run(&["extract", "-q", s(&png), s(&pdf), s(&bomb)]);
    assert_eq!(o.status.code(), Some(1));
    let errs = stderr_errors(&o);
    let msgs: Vec<&str> = errs
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        msgs[..2],
        ["unsupported format: png", "unsupported format: pdf"]
    );
    assert!(msgs[2].contains("more than 64 mib"), "{}", msgs[2]);
    assert!(o.stdout.is_empty());
}

#[test]
fn zip_bomb_with_a_false_size_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.docx");
    std::fs::write(&bomb, lying_zip_bomb()).unwrap();
    let o = run(&["extract", "-q", s(&bomb)]);
    assert_eq!(o.status.code(), Some(1));
    let errs = stderr_errors(&o);
    assert_eq!(errs[0]["kind"], "corrupt", "{errs:?}");
    // The size check happens while inflating, not only on the header.
    assert!(errs[0]["message"]
        .as_str()
        .unwrap()
        .contains("more than 64 mib"));
}

#[test]
fn csv_tables_have_bom_header_and_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let odd = input.join("逗号,引号\"名.txt");
    std::fs::write(&odd, seed()).unwrap();
    std::fs::write(
        input.join("b.txt"),
        std::fs::read("seeds/devset/a01_gov_zongbaoqu_2019.txt").unwrap(),
    )
    .unwrap();
    let out = dir.path().join("csv");
    let o = run(&["extract", "-q", s(&input), "--format", "csv", "-o", s(&out)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        files_under(&out),
        ["dates.csv", "measures.csv", "targets.csv"]
            .map(String::from)
            .into()
    );
    let json = run(&["extract", "-q", s(&input)]);
    let records = stdout_records(&json);
    let count = |field: &str| {
        records
            .iter()
            .map(|r| r[field].as_array().unwrap().len())
            .sum::<usize>()
    };
    for (file, first, field) in [
        (
            "measures.csv",
            "document,number,section,title,lead,cooperating,responsible",
            "measures",
        ),
        ("targets.csv", "document,measure,indicator", "targets"),
        ("dates.csv", "document,measure,text,value,kind", "dates"),
    ] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(bytes.starts_with(b"\xef\xbb\xbf"), "{file}: BOM");
        assert!(
            std::str::from_utf8(&bytes[3..]).unwrap().starts_with(first),
            "{file}"
        );
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), count(field), "{file}");
        for r in &rows {
            assert!(r[0] == *s(&odd) || r[0].ends_with("b.txt"), "{:?}", &r[0]);
        }
    }
}

#[test]
fn jsonl_input_streams_records_in_order_with_ids() {
    let lines = [
        r#"{"id": "a", "text": "一、总体要求\n1.发展特需医疗服务。", "date": "2024-10-21"}"#,
        "",
        "not json",
        r#"{"id": 2, "text": "到2025年，覆盖率达到90%。"}"#,
        r#"{"id": "c", "text": "x", "date": "21/10/2024"}"#,
        r#"{"text": "无编号"}"#,
    ];
    let o = run_stdin(
        &["extract", "-q", "--input", "jsonl", "--date", "2023-01-01"],
        lines.join("\n").as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let recs = stdout_records(&o);
    let ids: Vec<&Value> = recs.iter().map(|r| &r["source"]["id"]).collect();
    assert_eq!(ids, [&Value::from("a"), &Value::from("2"), &Value::Null]);
    assert_eq!(recs[0]["source"]["chars"], 18);
    let errs = stderr_errors(&o);
    assert_eq!(errs.len(), 2);
    assert_eq!(
        (errs[0]["line"].as_u64(), errs[0]["kind"].as_str()),
        (Some(3), Some("format"))
    );
    assert_eq!(
        (errs[1]["line"].as_u64(), errs[1]["id"].as_str()),
        (Some(5), Some("c"))
    );
}

#[test]
fn jsonl_ids_cannot_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deep/out");
    let input = "{\"id\": \"../../evil\", \"text\": \"a\"}\n{\"id\": \"/abs/x\", \"text\": \"b\"}\n{\"id\": \"..\", \"text\": \"c\"}\n";
    let o = run_stdin(
        &[
            "extract",
            "-q",
            "--input",
            "jsonl",
            "--format",
            "json",
            "-o",
            s(&out),
        ],
        input.as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        files_under(dir.path()),
        [
            "deep/out/evil.json",
            "deep/out/abs/x.json",
            "deep/out/document.json"
        ]
        .map(String::from)
        .into()
    );
}

#[test]
fn order_follows_input_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for i in 0..40 {
        // Sizes vary so that workers finish out of order.
        let name = format!("{i:02}.txt");
        std::fs::write(dir.path().join(&name), seed().repeat(1 + (i * 7) % 5)).unwrap();
        names.push(s(&dir.path().join(name)).to_string());
    }
    let o = run(&["extract", "-q", "-j", "3", s(dir.path())]);
    assert_eq!(o.status.code(), Some(0));
    let paths: Vec<String> = stdout_records(&o)
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, names);
}

#[test]
fn stdin_files_from_and_glob() {
    let o = run_stdin(&["extract", "-q", "-"], seed().as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout_records(&o)[0]["source"]["chars"],
        seed().chars().count()
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "甲").unwrap();
    std::fs::write(dir.path().join("b.md"), "乙乙").unwrap();
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/c.md"), "丙丙丙").unwrap();
    let o = run(&["extract", "-q", "--glob", "*.md", s(dir.path())]);
    let chars: Vec<u64> = stdout_records(&o)
        .iter()
        .map(|r| r["source"]["chars"].as_u64().unwrap())
        .collect();
    assert_eq!(chars, [2, 3]);

    let list = dir.path().join("list.txt");
    std::fs::write(
        &list,
        format!(
            "{}\n\n{}\n",
            s(&dir.path().join("d/c.md")),
            s(&dir.path().join("a.txt"))
        ),
    )
    .unwrap();
    let o = run(&["extract", "-q", "--files-from", s(&list)]);
    let chars: Vec<u64> = stdout_records(&o)
        .iter()
        .map(|r| r["source"]["chars"].as_u64().unwrap())
        .collect();
    assert_eq!(chars, [3, 1]);
}

#[test]
fn usage_errors_exit_2_and_touch_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, seed()).unwrap();
    let before = std::fs::read(&input).unwrap();
    for args in [
        vec!["extract", s(&input), "-o", s(&input)],
        vec!["extract", s(&input), "--errors", s(&input)],
        vec!["extract", s(&input), "--format", "json"],
        vec!["extract", s(&input), "--date", "2024/10/21"],
        vec!["extract", s(&input), "--skip-existing"],
        vec!["extract", s(&input), "--jobs", "0"],
        vec!["extract"],
        vec!["extract", s(&input), "--format", "xml"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // An input folder's JSON output path that is itself an input.
    let json_input = dir.path().join("a.txt.json");
    std::fs::write(&json_input, "{}").unwrap();
    let o = run(&[
        "extract",
        s(&input),
        s(&json_input),
        "--format",
        "json",
        "-o",
        s(dir.path()),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&json_input).unwrap(), b"{}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(
        files_under(dir.path()),
        ["a.txt", "a.txt.json"].map(String::from).into()
    );
}

#[test]
fn skip_existing_skips_fresh_outputs_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let a = input.join("a.txt");
    std::fs::write(&a, seed()).unwrap();
    std::fs::write(input.join("b.txt"), "乙").unwrap();
    let out = dir.path().join("out");
    let args = [
        "extract",
        s(&input),
        "--format",
        "json",
        "-o",
        s(&out),
        "--skip-existing",
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2 ok, 0 failed, 0 skipped"));
    let o = run(&args);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("0 ok, 0 failed, 2 skipped"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // An input newer than its output is converted again.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&a)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let o = run(&args);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("1 ok, 0 failed, 1 skipped"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn jsonl_file_output_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records.jsonl");
    let o = run(&["extract", "-q", "seeds", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let records: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = records.len();
    assert_eq!(n, 11);
    assert_eq!(
        files_under(dir.path()),
        ["records.jsonl".to_string()].into()
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("a/b/doc.txt"), "甲").unwrap();
    std::os::unix::fs::symlink("../..", root.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    let o = run(&["extract", "-q", s(&root)]);
    assert_eq!(o.status.code(), Some(1));
    let recs = stdout_records(&o);
    assert_eq!(recs.len(), 1, "the loop is entered once");
    let errs = stderr_errors(&o);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        (errs[0]["path"].as_str(), errs[0]["kind"].as_str()),
        (Some(s(&root.join("self.txt"))), Some("io"))
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "甲").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if can_read_unreadable(&locked) {
        eprintln!("skipped: this user (root?) can read a file without read permission");
        return;
    }
    let o = run(&["extract", "-q", s(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    let errs = stderr_errors(&o);
    assert_eq!((errs[0]["kind"].as_str(), errs.len()), (Some("io"), 1));
}

fn one_line_file(megabytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    // Few matches per sentence: the test is about size, not record volume.
    let unit = "推进健康服务业集聚化融合化特色化发展，优化发展环境，";
    let line = unit.repeat(megabytes * 1_000_000 / unit.len() + 1);
    std::fs::write(&path, &line).unwrap();
    let o = run(&["extract", "-q", s(&path)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        stdout_records(&o)[0]["source"]["chars"],
        line.chars().count()
    );
}

#[test]
fn large_single_line_file() {
    one_line_file(5);
}

#[test]
#[ignore = "50 MB: slow in debug builds; run with --ignored"]
fn fifty_megabyte_single_line_file() {
    one_line_file(50);
}

#[test]
fn names_with_spaces_and_chinese_characters() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("政策 文件");
    std::fs::create_dir(&sub).unwrap();
    let file = sub.join("关于 印发 方案.html");
    std::fs::write(&file, "<p>一、总体要求</p>").unwrap();
    let out = dir.path().join("输出 目录");
    let o = run(&[
        "extract",
        "-q",
        s(dir.path()),
        "--format",
        "json",
        "-o",
        s(&out),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        files_under(&out),
        ["政策 文件/关于 印发 方案.html.json".to_string()].into()
    );
}

#[test]
fn missing_input_is_reported_and_the_rest_converted() {
    let o = run(&["extract", "-q", "no/such/file.txt", SEED]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout_records(&o).len(), 1);
    let errs = stderr_errors(&o);
    assert_eq!(
        (errs[0]["path"].as_str(), errs[0]["kind"].as_str()),
        (Some("no/such/file.txt"), Some("io"))
    );
}

#[test]
fn dict_option_adds_entries_and_rejects_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(
        &input,
        "到2025年，全市普惠托育机构收费标准不高于每月2000元。\n",
    )
    .unwrap();
    let targets = |extra: &[&str]| {
        let mut args = vec!["extract", s(&input), "-q"];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{extra:?}");
        stdout_records(&o)[0]["targets"].as_array().unwrap().len()
    };
    assert_eq!(targets(&[]), 1);
    let cues = dir.path().join("cues.tsv");
    std::fs::write(&cues, "收费标准\tpolicy\n").unwrap();
    let arg = format!("cues={}", s(&cues));
    assert_eq!(targets(&["--dict", &arg]), 0);
    // Unknown kind, missing file, bad entry: usage errors naming the problem.
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "收费标准\tpolice\n").unwrap();
    for (arg, says) in [
        (
            format!("cue={}", s(&cues)),
            "unknown dictionary `cue`".to_string(),
        ),
        (
            format!("cues={}", s(&dir.path().join("none.tsv"))),
            "none.tsv".to_string(),
        ),
        (
            format!("cues={}", s(&bad)),
            "bad.tsv:1: unknown target cue class `police`".to_string(),
        ),
        (s(&cues).to_string(), "expected KIND=FILE".to_string()),
    ] {
        let o = run(&["extract", s(&input), "--dict", &arg]);
        assert_eq!(o.status.code(), Some(2), "{arg}");
        assert!(o.stdout.is_empty(), "{arg}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&says), "{arg}: {err}");
    }
}

/// `-o` naming a named pipe writes into the pipe: the atomic rename used for
/// regular files would replace it (and would replace `/dev/null` the same
/// way).
#[cfg(unix)]
#[test]
fn jsonl_output_into_a_pipe_keeps_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("records.pipe");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let out = run(&["extract", SEED, "-o", s(&pipe)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before the reader is joined: a reader left waiting on a
    // replaced pipe would never return.
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a {kind:?}");
    let written = reader.join().unwrap();
    let records: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source"]["path"], SEED);
}
