//! Decoding end to end: the same seed in other encodings and containers
//! gives the same record; binary input is an error, never a panic.

use policy_extract::decode::decode;
use policy_extract::{Document, ErrorKind, Extractor};
use proptest::prelude::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Every seed and devset text.
fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ["seeds", "seeds/devset"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 11, "seeds missing: {v:?}");
    v
}

/// The record as JSON without the fields that depend on the bytes.
fn content(doc: &Document) -> Value {
    let mut v = serde_json::to_value(doc).unwrap();
    let source = v["source"].as_object_mut().unwrap();
    source.remove("encoding");
    source.remove("sha256");
    v
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn gbk_and_utf16_copies_give_the_same_record() {
    for seed in seeds() {
        let text = std::fs::read_to_string(&seed).unwrap();
        let original = EXTRACTOR.extract_bytes(text.as_bytes()).unwrap();
        assert_eq!(original.source.encoding, "utf-8");
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{}", seed.display());
        let copies = [
            (gb.into_owned(), ["gbk", "gb18030"].as_slice()),
            (utf16(&text, true), ["utf-16le"].as_slice()),
            (utf16(&text, false), ["utf-16be"].as_slice()),
        ];
        for (bytes, names) in copies {
            let doc = EXTRACTOR.extract_bytes(&bytes).unwrap();
            assert!(
                names.contains(&doc.source.encoding.as_str()),
                "{}: {}",
                seed.display(),
                doc.source.encoding
            );
            assert_ne!(doc.source.sha256, original.source.sha256);
            assert_eq!(content(&doc), content(&original), "{}", seed.display());
        }
    }
}

#[test]
fn seed_001_is_plain_gbk() {
    // Seed 001 has only GBK characters: its GBK copy is reported as gbk.
    let text = std::fs::read_to_string("seeds/001_54f2aeee0e1916ab.txt").unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let d = decode(&gbk, Some(Path::new("001.txt"))).unwrap();
    assert_eq!((d.encoding.as_str(), d.format.as_str()), ("gbk", "text"));
    assert_eq!(d.text, text);
}

#[test]
fn png_is_an_error_not_a_panic() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let err = EXTRACTOR.extract_bytes(png).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnsupportedFormat("png".into()));
    assert_eq!(err.to_string(), "unsupported format: png");
    assert_eq!(err.kind_name(), "unsupported_format");
}

/// Escapes text for HTML and XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The cells of a `cell | cell |` metadata line, if it is one.
fn pipe_cells(line: &str) -> Option<Vec<&str>> {
    let body = line.trim().strip_suffix(" |")?;
    Some(body.split(" | ").collect())
}

/// The seed as a government web page: paragraphs, metadata rows as a table.
fn to_html(text: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        match pipe_cells(line) {
            Some(cells) => {
                if !in_table {
                    body.push_str("<table class=\"xxgk\">\n");
                    in_table = true;
                }
                body.push_str("<tr>");
                for c in cells {
                    body.push_str(&format!("<td>{}</td>", escape(c)));
                }
                body.push_str("</tr>\n");
            }
            None => {
                if in_table {
                    body.push_str("</table>\n");
                    in_table = false;
                }
                // Blank lines are `<p>&nbsp;</p>` spacers, as on government pages.
                let line = if line.trim().is_empty() {
                    "&nbsp;".to_string()
                } else {
                    escape(line)
                };
                body.push_str(&format!("<p>{line}</p>\n"));
            }
        }
    }
    if in_table {
        body.push_str("</table>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>网站</title>\
         <script>var a = 1 < 2;</script></head>\n<body>\
         <div class=\"nav\"><a href=\"/\">首页</a></div>\n\
         <div class=\"content\">\n{body}</div>\n<div class=\"footer\">版权所有</div></body></html>"
    )
}

/// The seed as `word/document.xml`.
fn to_document_xml(text: &str) -> String {
    let para = |s: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(s)
        )
    };
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        match pipe_cells(line) {
            Some(cells) => {
                if !in_table {
                    body.push_str("<w:tbl>");
                    in_table = true;
                }
                body.push_str("<w:tr>");
                for c in cells {
                    body.push_str(&format!("<w:tc>{}</w:tc>", para(c)));
                }
                body.push_str("</w:tr>");
            }
            None => {
                if in_table {
                    body.push_str("</w:tbl>");
                    in_table = false;
                }
                body.push_str(&para(line));
            }
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

/// A minimal DOCX holding `document_xml`.
fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
        ("word/document.xml", document_xml),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Lines with white space runs collapsed, as HTML shows them, and runs of
/// blank lines collapsed to one (none first or last).
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in text.lines() {
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if !l.is_empty() || out.last().is_some_and(|p| !p.is_empty()) {
            out.push(l);
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// What must not depend on the container: metadata, measures with their
/// parties, targets and dates (spans and `text` slices differ, since HTML
/// and DOCX drop blank lines and indentation).
fn facts(doc: &Document) -> Value {
    let names = |ps: &[policy_extract::Party]| -> Vec<String> {
        ps.iter().map(|p| p.name.clone()).collect()
    };
    serde_json::json!({
        "meta": doc.meta,
        "measures": doc.measures.iter().map(|m| serde_json::json!({
            "number": m.number, "section": m.section, "title": m.title,
            "lead": names(&m.lead), "cooperating": names(&m.cooperating),
            "responsible": names(&m.responsible), "targets": m.targets, "dates": m.dates,
        })).collect::<Vec<_>>(),
        "targets": doc.targets.iter().map(|t| serde_json::json!({
            "indicator": t.indicator, "comparator": t.comparator, "value": t.value,
            "unit": t.unit, "deadline": t.deadline, "measure": t.measure,
        })).collect::<Vec<_>>(),
        "dates": doc.dates.iter().map(|d| serde_json::json!({
            "text": d.text.split_whitespace().collect::<String>(), "value": d.value, "kind": d.kind,
        })).collect::<Vec<_>>(),
        "sections": doc.sections.iter().map(|s| (&s.label, &s.heading)).collect::<Vec<_>>(),
    })
}

#[test]
fn txt_html_and_docx_give_the_same_facts() {
    let dir = tempfile::tempdir().unwrap();
    for seed in seeds() {
        let text = std::fs::read_to_string(&seed).unwrap();
        let stem = seed.file_stem().unwrap().to_str().unwrap();
        let html_path = dir.path().join(format!("{stem}.html"));
        let docx_path = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&html_path, to_html(&text)).unwrap();
        std::fs::write(&docx_path, docx(&to_document_xml(&text))).unwrap();

        let html = decode(&std::fs::read(&html_path).unwrap(), Some(&html_path)).unwrap();
        let word = decode(&std::fs::read(&docx_path).unwrap(), Some(&docx_path)).unwrap();
        assert_eq!(
            (html.format.as_str(), word.format.as_str()),
            ("html", "docx")
        );
        assert_eq!(lines(&html.text), lines(&text), "{stem}.html");
        assert_eq!(lines(&word.text), lines(&text), "{stem}.docx");

        let txt_doc = EXTRACTOR.extract_path(&seed).unwrap();
        let html_doc = EXTRACTOR.extract_path(&html_path).unwrap();
        let docx_doc = EXTRACTOR.extract_path(&docx_path).unwrap();
        assert_eq!(facts(&html_doc), facts(&txt_doc), "{stem}.html");
        assert_eq!(facts(&docx_doc), facts(&txt_doc), "{stem}.docx");
    }
}

#[test]
fn html_spans_slice_the_decoded_text() {
    // Spans index the decoded text, not the markup.
    let page =
        "<html><body><p>1.发展特需医疗服务。</p><p>到2025年，覆盖率达到90%。</p></body></html>";
    let doc = EXTRACTOR.extract_bytes(page.as_bytes()).unwrap();
    let text = decode(page.as_bytes(), None).unwrap().text;
    assert_eq!(doc.source.chars, text.chars().count());
    for d in &doc.dates {
        assert_eq!(d.span.slice(&text), Some(d.text.as_str()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = EXTRACTOR.extract_bytes(&bytes);
        for name in ["a.html", "a.docx", "a.txt"] {
            let _ = EXTRACTOR.extract_bytes_with(&bytes, Some(Path::new(name)), &Default::default());
        }
    }

    #[test]
    fn arbitrary_markup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>"), Just("</p>"), Just("<td>"), Just("<tr>"), Just("<table>"), Just("</table>"),
            Just("<br>"), Just("<div class=\"nav\">"), Just("</div>"), Just("<script>"), Just("</script>"),
            Just("<!--"), Just("-->"), Just("&amp;"), Just("&#x"), Just("&"), Just("<"), Just(">"),
            Just("一、总体要求"), Just("1.发展"), Just("（市卫生计生委牵头）"), Just("到2025年"), Just(" \n"),
        ],
        0..64,
    )) {
        let page = format!("<html>{}", parts.concat());
        let doc = EXTRACTOR.extract_bytes(page.as_bytes()).unwrap();
        let text = decode(page.as_bytes(), None).unwrap().text;
        prop_assert_eq!(doc.source.chars, text.chars().count());
    }

    #[test]
    fn zip_with_arbitrary_document_never_panics(xml in "[<>/a-z:=\" 一二&;#]{0,200}") {
        let _ = EXTRACTOR.extract_bytes_with(&docx(&xml), Some(Path::new("a.docx")), &Default::default());
    }
}
