//! Errors of the fallible entry points: decoding, I/O and dictionary loading.
//!
//! Extraction itself never fails: what it cannot settle goes into
//! [`Document::diagnostics`](crate::Document::diagnostics). Messages are
//! lowercase, carry the path and line where there is one, and have no
//! trailing period (`dicts/roles/lead.txt:12: empty entry`).

use std::path::{Path, PathBuf};

/// What went wrong, without the context. Match on it with a wildcard arm:
/// new kinds may be added.
///
/// ```
/// use policy_extract::{Extractor, ErrorKind};
///
/// let err = Extractor::new().extract_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnsupportedFormat("png".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io(std::io::ErrorKind),
    /// The bytes are in a format the crate does not read (PDF, PNG, DOC, ...);
    /// the value names the format.
    UnsupportedFormat(String),
    /// The bytes look like text but decode in no supported encoding.
    Encoding(String),
    /// A container (DOCX zip, XML part) is damaged or too large.
    Corrupt(String),
    /// A dictionary or rule file has a bad line.
    Dict(String),
    /// A gold or record file does not follow its format.
    Format(String),
}

/// The error of [`Extractor::extract_bytes`](crate::Extractor::extract_bytes),
/// [`Extractor::extract_path`](crate::Extractor::extract_path) and dictionary loading.
///
/// ```
/// use policy_extract::Extractor;
///
/// let err = Extractor::new().extract_path("no/such/file.txt").unwrap_err();
/// assert!(err.to_string().starts_with("no/such/file.txt: "));
/// assert_eq!(err.path().unwrap().to_str(), Some("no/such/file.txt"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", location(.path.as_deref(), *.line), .message)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<PathBuf>,
    line: Option<usize>,
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a lowercase `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            path: None,
            line: None,
        }
    }

    /// The same error, located in the file `path`.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// The same error, located at the 1-based `line` of its file.
    pub fn with_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of that file, if any.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The message alone, without path or line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A short stable name of the kind: `io`, `unsupported_format`,
    /// `encoding`, `corrupt`, `dict`, `format`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Io(_) => "io",
            ErrorKind::UnsupportedFormat(_) => "unsupported_format",
            ErrorKind::Encoding(_) => "encoding",
            ErrorKind::Corrupt(_) => "corrupt",
            ErrorKind::Dict(_) => "dict",
            ErrorKind::Format(_) => "format",
        }
    }

    pub(crate) fn io(err: &std::io::Error, path: Option<&Path>) -> Error {
        let e = Error::new(ErrorKind::Io(err.kind()), err.to_string().to_lowercase());
        match path {
            Some(p) => e.with_path(p),
            None => e,
        }
    }
}

/// `path:line: ` (or `path: `, or nothing) before a message.
fn location(path: Option<&Path>, line: Option<usize>) -> String {
    match (path, line) {
        (Some(p), Some(l)) => format!("{}:{l}: ", p.display()),
        (Some(p), None) => format!("{}: ", p.display()),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_path_and_line() {
        let e = Error::new(ErrorKind::Dict("empty".into()), "empty entry")
            .with_path("dicts/roles/lead.txt")
            .with_line(12);
        assert_eq!(e.to_string(), "dicts/roles/lead.txt:12: empty entry");
        assert_eq!(e.kind_name(), "dict");
    }
}
