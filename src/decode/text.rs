//! Plain-text encodings: BOM, UTF-8, UTF-16, GBK/GB18030.

use crate::error::{Error, ErrorKind, Result};

/// Decodes text bytes and names their encoding.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(String, &'static str)> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), "utf-8")),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                Err(Error::new(
                    ErrorKind::Encoding("unknown".into()),
                    "input is neither utf-8 nor gbk",
                ))
            } else {
                Ok((text.into_owned(), "gbk"))
            }
        }
    }
}
