//! Structured records from Chinese government policy documents: metadata and
//! structure, measures (numbered work items), who leads (牵头), cooperates
//! (配合) or is responsible (责任单位) for each, numeric targets, and dates.
//!
//! ```
//! use policy_extract::Extractor;
//!
//! let extractor = Extractor::new(); // embedded dictionaries and rules; cannot fail
//! let doc = extractor.extract("1.发展特需医疗服务。（市卫生计生委牵头；市科技局配合）");
//! println!("{}", serde_json::to_string_pretty(&doc).unwrap());
//! ```
//!
//! # Pipeline
//!
//! Each stage is a module with a typed output, run in this order by
//! [`Extractor`]:
//!
//! 1. [`decode`]: bytes to text (`Decoded`): container sniffing (text, HTML,
//!    DOCX) and encoding detection (UTF-8, UTF-16, GBK).
//! 2. [`normalize`]: text to `Normalized { text, map }`: a static list of
//!    passes, each composed into one [`normalize::OffsetMap`].
//! 3. `structure`: header metadata, the section tree, numbered items
//!    (measures) and indicator tables.
//! 4. `rules`: rule families for parties, dates and targets, reading the
//!    normalized text, with vocabulary from [`dict`].
//! 5. The extractor links targets and dates to measures, then resolves every
//!    span back to the input (the only place that does).
//!
//! A document of 1 MiB or more also uses a second thread (the rules'
//! compilation, the jieba load and the digest beside normalization, the
//! date rules' search beside the structure stage, the party stage beside the
//! targets); the record is the same.
//! Word segmentation (jieba) runs only on the short spans a target rule
//! needs, and its dictionary loads once per [`Extractor`], on first use.
//!
//! # Spans
//!
//! Every [`Span`] of a [`Document`] is `[start, end)` in characters of the
//! decoded input, and every `text` field is that slice of the input, whatever
//! normalization ran inside. Cleaned forms (titles, party names) are fields
//! of their own.
//!
//! # Errors
//!
//! [`Extractor::extract`] never fails. [`Extractor::extract_bytes`] and
//! [`Extractor::extract_path`] return [`Error`] for I/O, undecodable or
//! unsupported input; dictionary loading returns it for a bad line, with the
//! file and line in the message.
//!
//! # Crate features
//!
//! - `cli` (default): the `policy-extract` binary and its dependencies (clap,
//!   indicatif, csv, rayon, tempfile). Library users write
//!   `default-features = false` and compile none of them.

#![deny(missing_docs)]

#[doc(hidden)]
pub mod bench;
pub mod decode;
pub mod dict;
mod error;
pub mod eval;
mod extractor;
pub mod normalize;
mod par;
mod record;
mod rules;
pub mod segment;
mod structure;

pub use error::{Error, ErrorKind, Result};
pub use extractor::{Extractor, ExtractorBuilder, Options};
pub use record::*;

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
