//! DOCX: a zip of XML parts; `word/document.xml` holds the text.
//!
//! Each paragraph (`w:p`) is a line (a `w:br` inside it starts a new one;
//! an empty paragraph leaves one blank line, runs of them collapse);
//! list paragraphs get the label Word draws before them (`一、`, `（一）`,
//! `1.`), rebuilt from `word/numbering.xml` (see [`Numbering`]);
//! tables (`w:tbl`) render as in HTML through [`TableBuf`]; deleted text,
//! field codes and the fallback copy of text boxes are skipped. At most
//! [`MAX_XML`] bytes are decompressed: a larger part (a zip bomb) is a
//! `corrupt` error, as is a damaged archive or malformed XML.

use super::numbering::Numbering;
use super::TableBuf;
use crate::error::{Error, ErrorKind, Result};
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The most bytes decompressed from `word/document.xml`.
pub(crate) const MAX_XML: u64 = 64 << 20;

/// A `corrupt` error.
fn corrupt(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Corrupt("docx".into()), message)
}

/// The unsupported-format error for a zip that is not a DOCX.
fn not_docx(format: &str) -> Error {
    Error::new(
        ErrorKind::UnsupportedFormat(format.into()),
        format!("unsupported format: {format}"),
    )
}

/// Extracts the text of a DOCX (or names the zip-based format it is instead).
pub(crate) fn decode_docx(bytes: &[u8]) -> Result<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("corrupt zip archive: {}", lower(&e.to_string()))))?;
    if zip.index_for_name("word/document.xml").is_none() {
        let has = |zip: &zip::ZipArchive<_>, name| zip.index_for_name(name).is_some();
        let format = if has(&zip, "OFD.xml") {
            "ofd"
        } else if has(&zip, "xl/workbook.xml") {
            "xlsx"
        } else if has(&zip, "ppt/presentation.xml") {
            "pptx"
        } else if has(&zip, "content.xml") && has(&zip, "mimetype") {
            "odf"
        } else {
            "zip"
        };
        return Err(not_docx(format));
    }
    let xml = read_part(&mut zip, "word/document.xml")?.unwrap_or_default();
    let mut numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(n) => Numbering::parse(&n),
        None => Numbering::default(),
    };
    document_text(&xml, &mut numbering)
}

/// The text of the part `name`, if the archive has it, decompressing at
/// most [`MAX_XML`] bytes.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>> {
    if zip.index_for_name(name).is_none() {
        return Ok(None);
    }
    let file = zip
        .by_name(name)
        .map_err(|e| corrupt(format!("corrupt zip archive: {}", lower(&e.to_string()))))?;
    if file.size() > MAX_XML {
        return Err(too_large(name));
    }
    let mut xml = Vec::with_capacity(file.size() as usize);
    file.take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| corrupt(format!("corrupt zip archive: {}", lower(&e.to_string()))))?;
    if xml.len() as u64 > MAX_XML {
        return Err(too_large(name));
    }
    let xml = String::from_utf8(xml).map_err(|e| {
        corrupt(format!(
            "invalid utf-8 in {name} at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Some(xml))
}

/// The zip-bomb error.
fn too_large(name: &str) -> Error {
    corrupt(format!(
        "{name} decompresses to more than {} mib",
        MAX_XML >> 20
    ))
}

/// A library message, lowercased as this crate's messages are.
fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Reads the text of `word/document.xml`.
fn document_text(xml: &str, numbering: &mut Numbering) -> Result<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<TableBuf> = Vec::new();
    let mut in_text = false;
    let mut in_run = 0usize;
    let mut fallback = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            corrupt(format!(
                "malformed word/document.xml at byte {}: {}",
                reader.error_position(),
                lower(&e.to_string())
            ))
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"Fallback" => fallback += 1,
                _ if fallback > 0 => {}
                b"p" => paragraphs.push(Paragraph::default()),
                b"r" => in_run += 1,
                b"t" => in_text = true,
                b"tbl" => {
                    if let Some(outer) = tables.last_mut() {
                        outer.set_nested();
                    }
                    tables.push(TableBuf::default());
                }
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.start_row();
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.start_cell();
                    }
                }
                _ => {}
            },
            Event::Empty(e) => {
                if fallback > 0 {
                    continue;
                }
                let add = match e.local_name().as_ref() {
                    b"tab" if in_run > 0 => Some('\t'),
                    b"br" | b"cr" if in_run > 0 => Some('\n'),
                    b"noBreakHyphen" => Some('-'),
                    b"numId" | b"ilvl" => {
                        let val = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == b"val")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                        if let (Some(p), Some(v)) = (paragraphs.last_mut(), val) {
                            if e.local_name().as_ref() == b"numId" {
                                p.num_id = Some(v);
                            } else {
                                p.level = v.parse().unwrap_or(0);
                            }
                        }
                        None
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.start_cell();
                        }
                        None
                    }
                    _ => None,
                };
                if let (Some(c), Some(p)) = (add, paragraphs.last_mut()) {
                    p.text.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"Fallback" => fallback = fallback.saturating_sub(1),
                _ if fallback > 0 => {}
                b"t" => in_text = false,
                b"r" => in_run = in_run.saturating_sub(1),
                b"p" => {
                    if let Some(p) = paragraphs.pop() {
                        let label = p
                            .num_id
                            .filter(|id| id != "0")
                            .and_then(|id| numbering.next_label(&id, p.level));
                        let text = match label {
                            Some(l) if !p.text.trim().is_empty() => {
                                let joined =
                                    l.ends_with(['、', '.', '．', '）', ')', '：', ':', ' ']);
                                format!(
                                    "{l}{}{}",
                                    if joined { "" } else { " " },
                                    p.text.trim_start()
                                )
                            }
                            _ => p.text,
                        };
                        if text.trim().is_empty() {
                            // An empty paragraph: one blank line, as in text copies.
                            if tables.is_empty() && lines.last().is_some_and(|l| !l.is_empty()) {
                                lines.push(String::new());
                            }
                        }
                        for line in text.split('\n') {
                            let line = line.trim();
                            if !line.is_empty() {
                                push_line(&mut tables, &mut lines, line.to_string());
                            }
                        }
                    }
                }
                b"tbl" => {
                    if let Some(t) = tables.pop() {
                        for line in t.into_lines() {
                            push_line(&mut tables, &mut lines, line);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && fallback == 0 => {
                let s = t
                    .decode()
                    .map_err(|e| corrupt(format!("malformed word/document.xml: {e}")))?;
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Event::CData(t) if in_text && fallback == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) if in_text && fallback == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r.decode().ok().and_then(|name| {
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                    }),
                };
                if let (Some(c), Some(p)) = (c, paragraphs.last_mut()) {
                    p.text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while let Some(t) = tables.pop() {
        for line in t.into_lines() {
            push_line(&mut tables, &mut lines, line);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ok(lines.join("\n"))
}

/// A paragraph being read: its text and its list numbering, if any.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    level: usize,
}

/// Adds a line to the innermost table's current cell, or to the output.
fn push_line(tables: &mut [TableBuf], lines: &mut Vec<String>, line: String) {
    match tables.last_mut() {
        Some(t) => t.push_line(line),
        None => lines.push(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> String {
        format!("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_tables_and_skipped_parts() {
        let body = [
            para("一、总体要求"),
            "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>".to_string(),
            "<w:p><w:r><w:t>1.发展</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>\
             <w:r><w:instrText>PAGE</w:instrText><w:t>特需&amp;医疗</w:t><w:br/><w:t>&#x4e2d;</w:t></w:r></w:p>"
                .to_string(),
            "<w:tbl><w:tr><w:tc>".to_string() + &para("索引号") + "</w:tc><w:tc>" + &para("123") + "</w:tc></w:tr></w:tbl>",
            "<w:tbl><w:tr><w:tc>".to_string() + &para("序号") + "</w:tc><w:tc>" + &para("指标") + "</w:tc></w:tr></w:tbl>",
            "<mc:AlternateContent><mc:Choice>".to_string() + &para("文本框") + "</mc:Choice><mc:Fallback>" + &para("文本框") + "</mc:Fallback></mc:AlternateContent>",
        ]
        .concat();
        let xml = format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\" xmlns:mc=\"y\"><w:body>{body}</w:body></w:document>");
        assert_eq!(
            document_text(&xml, &mut Numbering::default()).unwrap(),
            "一、总体要求\n\n1.发展特需&医疗\n中\n索引号 | 123 |\n序号\n指标\n文本框"
        );
    }

    #[test]
    fn automatic_numbering_is_written_out() {
        use std::io::Write;
        let numbered = |level: usize, text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let body = [
            numbered(0, "总体要求"),
            numbered(1, "指导思想"),
            numbered(0, "重点任务"),
            numbered(1, "发展特需医疗服务"),
            numbered(1, ""),
            numbered(1, "推进健康保险"),
        ]
        .concat();
        let document = format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>");
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="5">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in [
            ("word/document.xml", document.as_str()),
            ("word/numbering.xml", numbering),
        ] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert_eq!(
            decode_docx(&bytes).unwrap(),
            "一、总体要求\n1.指导思想\n二、重点任务\n1.发展特需医疗服务\n\n3.推进健康保险"
        );
    }

    #[test]
    fn malformed_xml_is_corrupt() {
        let e = document_text("<w:document><w:p></w:q>", &mut Numbering::default()).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Corrupt("docx".into()));
        assert!(
            e.message().starts_with("malformed word/document.xml"),
            "{e}"
        );
    }

    #[test]
    fn other_zips_are_named() {
        use std::io::Write;
        for (part, format) in [
            ("OFD.xml", "ofd"),
            ("xl/workbook.xml", "xlsx"),
            ("a.txt", "zip"),
        ] {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            zip.start_file(part, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(b"<x/>").unwrap();
            let bytes = zip.finish().unwrap().into_inner();
            let e = decode_docx(&bytes).unwrap_err();
            assert_eq!(e.kind(), &ErrorKind::UnsupportedFormat(format.into()));
            assert_eq!(e.to_string(), format!("unsupported format: {format}"));
        }
    }

    #[test]
    fn garbage_after_zip_magic_is_corrupt() {
        let e = decode_docx(b"PK\x03\x04 not really a zip").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Corrupt("docx".into()));
        assert!(e.message().starts_with("corrupt zip archive"), "{e}");
    }
}
