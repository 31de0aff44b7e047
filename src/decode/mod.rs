//! Decoding: `&[u8] -> Decoded { text, encoding, format }`.
//!
//! Sniffs the container (plain text, HTML, DOCX; anything else is an
//! `unsupported format` error naming it) and the text encoding (BOM, UTF-8,
//! UTF-16, GBK/GB18030, Big5). Invariant: `Decoded::text` is exactly the
//! text that every span of the record indexes.
//!
//! # What is decided here
//!
//! - **Format** comes from the content first (magic numbers, an `<html` or
//!   `<!doctype` start, a zip holding `word/document.xml`), then from the
//!   file name's extension (`.html`, `.htm`, `.docx`). A `.doc` that is in
//!   fact HTML or text (as many government sites serve) is read as such.
//! - **Binary** input (PNG, PDF, OLE `.doc`, OFD, images, a zip that is not a
//!   DOCX, or bytes with NULs or more than 1% control bytes) is an
//!   [`ErrorKind::UnsupportedFormat`] error naming the format
//!   (`unsupported format: pdf`, `unsupported format: binary data`).
//! - **Encoding**: a BOM wins (UTF-8, UTF-16LE, UTF-16BE); then valid UTF-8
//!   (a few GBK bytes can happen to be valid UTF-8, as `\xcd\xa8` is; in a
//!   whole document that does not happen);
//!   then, for HTML, the `<meta charset>`; then the legacy encoding that
//!   [`chardetng`] guesses, decoded strictly (GBK/GB18030 or Big5). Bytes
//!   that decode in none of them are an [`ErrorKind::Encoding`] error:
//!   decoding never invents replacement characters, so every character of
//!   the text is in the input.
//! - **Truncated UTF-16** (an odd number of bytes after the BOM, or an
//!   unpaired surrogate) is an [`ErrorKind::Encoding`] error, for the same
//!   reason: a damaged file is reported, not silently repaired.
//! - **Empty input** (or only a BOM) decodes to empty text; the extractor
//!   then gives an empty record.
//! - **DOCX**: each paragraph of `word/document.xml` is a line; tables are
//!   rendered as in HTML (see below); at most 64 MiB are decompressed (a zip
//!   bomb is an [`ErrorKind::Corrupt`] error, as is a damaged zip).
//! - **Tables** (HTML and DOCX): a metadata table (`索引号 | … | 发布机构 | … |`,
//!   recognised by its labels) becomes one `cell | cell |` line per row, as
//!   government pages are usually copied; any other table becomes one cell
//!   per line, row after row, which is how indicator tables read in text.

mod docx;
mod html;
mod numbering;
mod text;

use crate::error::{Error, ErrorKind, Result};
use std::borrow::Cow;
use std::path::Path;

/// Decoded input text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding the bytes were in: `utf-8`, `utf-16le`, `utf-16be`,
    /// `gbk`, `gb18030` or `big5`.
    pub encoding: String,
    /// The container format: `text`, `html` or `docx`.
    pub format: String,
}

/// Decodes `bytes`; `name` (a file name, if known) helps tell the format.
///
/// Fails with [`ErrorKind::UnsupportedFormat`] on binary input,
/// [`ErrorKind::Encoding`] on text in no supported encoding and
/// [`ErrorKind::Corrupt`] on a damaged or oversized DOCX. Empty input gives
/// empty text.
///
/// ```
/// use policy_extract::{decode::decode, ErrorKind};
/// use std::path::Path;
///
/// let d = decode("\u{feff}通知".as_bytes(), None).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding.as_str()), ("通知", "utf-8"));
///
/// let gbk = b"\xcd\xa8\xd6\xaa\xa1\xa3"; // 通知。 in GBK
/// assert_eq!(decode(gbk, None).unwrap().text, "通知。");
///
/// let page = "<p>一、总体要求</p><script>x()</script><p>1.发展<br>2.推进</p>";
/// let d = decode(page.as_bytes(), Some(Path::new("a.html"))).unwrap();
/// assert_eq!((d.text.as_str(), d.format.as_str()), ("一、总体要求\n1.发展\n2.推进", "html"));
///
/// let err = decode(b"%PDF-1.7\n", None).unwrap_err();
/// assert_eq!(err.to_string(), "unsupported format: pdf");
/// assert_eq!(err.kind(), &ErrorKind::UnsupportedFormat("pdf".into()));
/// ```
pub fn decode(bytes: &[u8], name: Option<&Path>) -> Result<Decoded> {
    decode_borrowed(bytes, name).map(|d| Decoded {
        text: d.text.into_owned(),
        encoding: d.encoding.to_string(),
        format: d.format.to_string(),
    })
}

/// [`Decoded`] that borrows the input when it already is UTF-8 text, so
/// that a large file is not held twice.
#[derive(Debug)]
pub(crate) struct DecodedRef<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) encoding: &'static str,
    pub(crate) format: &'static str,
}

/// [`decode`], borrowing UTF-8 text instead of copying it.
pub(crate) fn decode_borrowed<'a>(bytes: &'a [u8], name: Option<&Path>) -> Result<DecodedRef<'a>> {
    let ext = name
        .and_then(|n| n.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if is_zip(bytes) {
        let text = docx::decode_docx(bytes)?;
        return Ok(DecodedRef {
            text: Cow::Owned(text),
            encoding: "utf-8",
            format: "docx",
        });
    }
    if let Some(format) = binary_format(bytes) {
        return Err(unsupported(format));
    }
    if ext == "docx" && !bytes.is_empty() {
        return Err(Error::new(
            ErrorKind::Corrupt("docx".into()),
            "corrupt docx: not a zip archive",
        ));
    }
    let html = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") || looks_like_html(bytes);
    let declared = if html {
        html::declared_charset(bytes)
    } else {
        None
    };
    let (text, encoding) = match text::decode_text(bytes, declared) {
        Ok(decoded) => decoded,
        Err(e) if matches!(e.kind(), ErrorKind::UnsupportedFormat(_)) => {
            // Binary bytes: name the format by extension when it tells one.
            return Err(match unsupported_extension(&ext) {
                Some(format) => unsupported(format),
                None => e,
            });
        }
        Err(e) => return Err(e),
    };
    if html {
        Ok(DecodedRef {
            text: Cow::Owned(html::html_to_text(&text)),
            encoding,
            format: "html",
        })
    } else {
        Ok(DecodedRef {
            text,
            encoding,
            format: "text",
        })
    }
}

/// The `unsupported format: {format}` error.
fn unsupported(format: &str) -> Error {
    Error::new(
        ErrorKind::UnsupportedFormat(format.to_string()),
        format!("unsupported format: {format}"),
    )
}

/// Whether `bytes` start like a zip archive (local file header, or the end
/// record of an empty archive).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Names the format of bytes that are certainly not text, by magic number.
pub(crate) fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "png"),
        (b"%PDF", "pdf"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"PK\x03\x04", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
        (b"{\\rtf", "rtf"),
        (b"II*\0", "tiff"),
        (b"MM\0*", "tiff"),
        (b"\x1f\x8b", "gzip"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"Rar!\x1a\x07", "rar"),
        (b"\x7fELF", "elf"),
    ];
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("webp");
    }
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, name)| *name)
}

/// The format a file extension names, for binary bytes without a known magic number.
fn unsupported_extension(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "pdf" => "pdf",
        "doc" | "wps" => "doc",
        "ofd" => "ofd",
        "xls" | "xlsx" | "et" => "spreadsheet",
        "ppt" | "pptx" | "dps" => "presentation",
        "png" => "png",
        "jpg" | "jpeg" => "jpeg",
        "gif" => "gif",
        "bmp" => "bmp",
        "tif" | "tiff" => "tiff",
        _ => return None,
    })
}

/// Whether the first bytes look like an HTML page: after white space and
/// comments, `<!doctype html`, `<html`, `<head`, `<meta`, or `<body`; or an
/// `<html` tag within the first 1024 bytes (pages with a leading banner).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf)
        .unwrap_or(lower.len());
    let rest = &lower[start..];
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<meta",
        b"<body",
        b"<!--",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
        || contains(&lower, b"<html")
        || contains(&lower, b"<body")
}

/// Whether `hay` contains `needle`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Labels of the metadata tables that government sites put above a
/// document (`索引号 | … | 发布机构 | … |`).
const META_LABELS: &[&str] = &[
    "索引号",
    "发布机构",
    "发文机关",
    "发文机构",
    "发布日期",
    "成文日期",
    "发文日期",
    "文号",
    "发文字号",
    "主题分类",
    "公开目录",
    "主题词",
    "公开方式",
    "信息来源",
    "生效日期",
    "有效性",
];

/// A table being read: rows of cells, each cell a list of lines.
#[derive(Debug, Default)]
pub(crate) struct TableBuf {
    rows: Vec<Vec<Vec<String>>>,
    nested: bool,
}

impl TableBuf {
    /// Starts a row.
    pub(crate) fn start_row(&mut self) {
        self.rows.push(Vec::new());
    }

    /// Starts a cell (and a row if there is none).
    pub(crate) fn start_cell(&mut self) {
        if self.rows.is_empty() {
            self.start_row();
        }
        if let Some(row) = self.rows.last_mut() {
            row.push(Vec::new());
        }
    }

    /// Adds a line to the current cell (starting one if needed).
    pub(crate) fn push_line(&mut self, line: String) {
        if self.rows.last().map_or(true, |r| r.is_empty()) {
            self.start_cell();
        }
        if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
            cell.push(line);
        }
    }

    /// Marks that a table was nested inside (so it is a layout table).
    pub(crate) fn set_nested(&mut self) {
        self.nested = true;
    }

    /// Renders the table as lines: `cell | cell |` rows for a metadata
    /// table, else one cell line per line.
    pub(crate) fn into_lines(self) -> Vec<String> {
        let is_meta = !self.nested
            && self.rows.iter().flatten().all(|cell| cell.len() <= 1)
            && self.rows.iter().flatten().flatten().any(|line| {
                let label = line.trim_end_matches([':', '：', ' ']);
                META_LABELS.contains(&label)
            });
        if is_meta {
            self.rows
                .into_iter()
                .filter_map(|row| {
                    let cells: Vec<String> = row.into_iter().flatten().collect();
                    (!cells.is_empty()).then(|| format!("{} |", cells.join(" | ")))
                })
                .collect()
        } else {
            self.rows.into_iter().flatten().flatten().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_of(bytes: &[u8], name: &str) -> Error {
        decode(bytes, Some(Path::new(name))).unwrap_err()
    }

    #[test]
    fn binary_formats_are_named() {
        let png = err_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a.png");
        assert_eq!(png.kind(), &ErrorKind::UnsupportedFormat("png".into()));
        let doc = err_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", "a.doc");
        assert_eq!(doc.to_string(), "unsupported format: doc");
        let ofd = err_of(b"\x01\x02\x03\0\0\0\x05", "a.ofd");
        assert_eq!(ofd.to_string(), "unsupported format: ofd");
        let bin = err_of(b"\x01\x02\x03\0\0\0\x05", "a.txt");
        assert_eq!(bin.to_string(), "unsupported format: binary data");
    }

    #[test]
    fn doc_extension_with_html_content_is_html() {
        let d = decode(
            "<html><body><p>通知</p></body></html>".as_bytes(),
            Some(Path::new("a.doc")),
        )
        .unwrap();
        assert_eq!((d.text.as_str(), d.format.as_str()), ("通知", "html"));
    }

    #[test]
    fn docx_name_without_zip_is_corrupt() {
        let e = err_of(b"just text", "a.docx");
        assert_eq!(e.kind(), &ErrorKind::Corrupt("docx".into()));
    }

    #[test]
    fn empty_input_is_empty_text() {
        let d = decode(b"", None).unwrap();
        assert_eq!((d.text.as_str(), d.format.as_str()), ("", "text"));
        assert_eq!(decode(b"\xef\xbb\xbf", None).unwrap().text, "");
    }

    #[test]
    fn meta_table_renders_pipe_rows() {
        let mut t = TableBuf::default();
        for row in [["索引号", "123"], ["文号", "保政办发〔2018〕66号"]] {
            t.start_row();
            for cell in row {
                t.start_cell();
                t.push_line(cell.to_string());
            }
        }
        assert_eq!(
            t.into_lines(),
            ["索引号 | 123 |", "文号 | 保政办发〔2018〕66号 |"]
        );
        let mut t = TableBuf::default();
        t.start_row();
        for cell in ["序号", "指标"] {
            t.start_cell();
            t.push_line(cell.to_string());
        }
        assert_eq!(t.into_lines(), ["序号", "指标"]);
    }
}
