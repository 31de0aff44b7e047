//! [`Extractor`] and [`ExtractorBuilder`]: own the dictionaries and the
//! compiled rules, and run the stages in order.
//!
//! The extractor is also the resolver: it is the one place where spans of
//! the normalized text become character spans of the input, and where every
//! `text` field is re-sliced from the input.

use crate::decode::{self, DecodedRef};
use crate::dict::{DictKind, Dicts};
use crate::error::{Error, Result};
use crate::normalize::{normalize, Normalized};
use crate::par::both;
use crate::record::*;
use crate::rules::{self, Context, Rules};
use crate::segment::Words;
use crate::structure;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The rules of the embedded dictionaries, compiled on first use (a test
/// checks that they compile).
static DEFAULT_RULES: LazyLock<Rules> = LazyLock::new(|| {
    Rules::new(Dicts::embedded_ref()).expect("embedded rules compile (checked by tests)")
});

/// An extractor's compiled rules: the shared defaults, compiled the first
/// time any extractor uses them, or its own, compiled when it was built.
#[derive(Debug, Clone)]
enum RuleSet {
    Default,
    Own(Arc<Rules>),
}

impl RuleSet {
    fn get(&self) -> &Rules {
        match self {
            RuleSet::Default => &DEFAULT_RULES,
            RuleSet::Own(rules) => rules,
        }
    }
}

/// Per-call settings of an extraction.
///
/// ```
/// use policy_extract::{Extractor, Options};
///
/// let opts = Options { document_date: Some("2024-10-21".into()) };
/// let doc = Extractor::new().extract_with("通知", &opts);
/// assert!(doc.measures.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The document's own date (ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`). It
    /// anchors partial dates (`10月21日`, `今年`, `明年底前`) instead of the
    /// date found in the text.
    pub document_date: Option<String>,
}

/// Reads policy documents into [`Document`] records. Build it once and share
/// it: it is `Send + Sync`, and clones share their dictionaries. The
/// embedded rules compile on the first extraction in a process (about
/// 17 ms) and jieba's dictionary loads on an extractor's first target
/// sentence (about 20 ms); both are paid once, and
/// [`prepare`](Extractor::prepare) pays them ahead.
///
/// ```
/// use policy_extract::Extractor;
///
/// let ex = Extractor::new();
/// let doc = ex.extract("一、总体要求\n1.发展特需医疗服务。");
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(json.starts_with("{\"source\":"));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    dicts: Arc<Dicts>,
    rules: RuleSet,
    words: Arc<Words>,
    options: Options,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the embedded dictionaries and rules. Cannot fail,
    /// and costs about a millisecond: the rules compile on first use.
    pub fn new() -> Extractor {
        let dicts = Dicts::embedded();
        Extractor {
            words: Arc::new(Words::new(&dicts)),
            dicts: Arc::new(dicts),
            rules: RuleSet::Default,
            options: Options::default(),
        }
    }

    /// An extractor without any dictionary entry (rules that need vocabulary
    /// find nothing); add data with [`ExtractorBuilder`].
    pub fn empty() -> Extractor {
        let dicts = Dicts::empty();
        let rules = RuleSet::Own(Arc::new(
            Rules::new(&dicts).expect("rules compile without dictionaries"),
        ));
        Extractor {
            words: Arc::new(Words::new(&dicts)),
            dicts: Arc::new(dicts),
            rules,
            options: Options::default(),
        }
    }

    /// A builder starting from the embedded dictionaries.
    ///
    /// ```
    /// use policy_extract::{dict::DictKind, Extractor};
    ///
    /// let ex = Extractor::builder()
    ///     .add_dict(DictKind::Lead, "主抓\n".as_bytes())?
    ///     .build()?;
    /// assert!(ex.dicts().lead.iter().any(|w| w == "主抓"));
    /// # Ok::<(), policy_extract::Error>(())
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder {
            dicts: Dicts::embedded(),
            changed: false,
            options: Options::default(),
        }
    }

    /// The dictionaries in use.
    pub fn dicts(&self) -> &Dicts {
        &self.dicts
    }

    /// The word segmenter in use (jieba with the user words).
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// The compiled rules (the defaults are compiled now if not yet).
    pub(crate) fn rules(&self) -> &Rules {
        self.rules.get()
    }

    /// Compiles the rules and loads jieba's dictionary now rather than in
    /// the first extraction that needs them. Clones share both, so a clone
    /// can do it on a thread of its own while the first input is read:
    ///
    /// ```
    /// use policy_extract::Extractor;
    ///
    /// let ex = Extractor::new();
    /// let ahead = ex.clone();
    /// let warm = std::thread::spawn(move || ahead.prepare());
    /// let text = "到2025年，覆盖率达到90%。"; // read meanwhile
    /// warm.join().unwrap();
    /// assert_eq!(ex.extract(text).targets[0].value, 90.0);
    /// ```
    pub fn prepare(&self) {
        self.rules();
        self.words.jieba();
    }

    /// Extracts a record from text. Never fails and never panics; what it
    /// cannot settle goes into [`Document::diagnostics`]. Empty text gives an
    /// empty record.
    ///
    /// ```
    /// use policy_extract::Extractor;
    ///
    /// let doc = Extractor::new().extract("");
    /// assert_eq!(doc.source.encoding, "utf-8");
    /// ```
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with(text, &self.options)
    }

    /// Same as [`extract`](Extractor::extract).
    pub fn extract_str(&self, text: &str) -> Document {
        self.extract(text)
    }

    /// Extracts a record from text with per-call `options`.
    pub fn extract_with(&self, text: &str, options: &Options) -> Document {
        let decoded = DecodedRef {
            text: text.into(),
            encoding: "utf-8",
            format: "text",
        };
        self.run(decoded, text.as_bytes(), options)
    }

    /// Decodes `bytes` (UTF-8, UTF-16, GBK; text, HTML or DOCX) and extracts
    /// a record. Fails on input that is not a supported document (see
    /// [`decode::decode`]); empty input gives an empty record.
    ///
    /// ```
    /// use policy_extract::Extractor;
    ///
    /// let doc = Extractor::new().extract_bytes("通知".as_bytes())?;
    /// assert_eq!(doc.source.chars, 2);
    /// assert!(Extractor::new().extract_bytes(b"%PDF-1.4").is_err());
    /// # Ok::<(), policy_extract::Error>(())
    /// ```
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Document> {
        self.extract_bytes_with(bytes, None, &self.options)
    }

    /// [`extract_bytes`](Extractor::extract_bytes) with the file `name` the
    /// bytes came from (its extension hints the format: `.html`, `.docx`)
    /// and per-call `options`. `source.path` stays unset.
    ///
    /// ```
    /// use policy_extract::{Extractor, Options};
    /// use std::path::Path;
    ///
    /// let page = "<html><body><p>一、总体要求</p></body></html>";
    /// let doc = Extractor::new().extract_bytes_with(
    ///     page.as_bytes(),
    ///     Some(Path::new("notice.html")),
    ///     &Options::default(),
    /// )?;
    /// assert_eq!((doc.source.format.as_str(), doc.source.chars), ("html", 6));
    /// # Ok::<(), policy_extract::Error>(())
    /// ```
    pub fn extract_bytes_with(
        &self,
        bytes: &[u8],
        name: Option<&Path>,
        options: &Options,
    ) -> Result<Document> {
        let decoded = decode::decode_borrowed(bytes, name)?;
        Ok(self.run(decoded, bytes, options))
    }

    /// Reads, decodes and extracts the file at `path`; `source.path` is set.
    /// Errors carry the path.
    ///
    /// ```
    /// use policy_extract::Extractor;
    ///
    /// let doc = Extractor::new().extract_path("seeds/001_54f2aeee0e1916ab.txt")?;
    /// assert_eq!(doc.source.path.as_deref(), Some("seeds/001_54f2aeee0e1916ab.txt"));
    /// # Ok::<(), policy_extract::Error>(())
    /// ```
    pub fn extract_path(&self, path: impl AsRef<Path>) -> Result<Document> {
        self.extract_path_with(path, &self.options)
    }

    /// [`extract_path`](Extractor::extract_path) with per-call `options`.
    pub fn extract_path_with(&self, path: impl AsRef<Path>, options: &Options) -> Result<Document> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&e, Some(path)))?;
        let mut doc = self
            .extract_bytes_with(&bytes, Some(path), options)
            .map_err(|e| e.with_path(path))?;
        doc.source.path = Some(path.to_string_lossy().into_owned());
        Ok(doc)
    }

    /// Runs every stage over decoded text.
    ///
    /// A large document keeps a second core busy, in three steps that each
    /// pair work of about equal cost: the rules' compilation (first use in a
    /// process) and the jieba load beside normalization and the digest; the
    /// date rules' search beside the structure stage, the line tables and
    /// the party stage's folded text; the party stage and the char index
    /// beside the dates' values and the targets. The output is the same
    /// either way.
    fn run(&self, decoded: DecodedRef<'_>, bytes: &[u8], options: &Options) -> Document {
        let input: &str = &decoded.text;
        let parallel = bytes.len() >= PARALLEL_FROM;
        let (norm, sha256) = if parallel {
            let ((), out) = both(
                || self.prepare(),
                || {
                    let norm = normalize(input, &self.dicts);
                    (norm, hex(&Sha256::digest(bytes)))
                },
            );
            out
        } else {
            (normalize(input, &self.dicts), hex(&Sha256::digest(bytes)))
        };
        let mut ctx = Context {
            text: &norm.text,
            dicts: &self.dicts,
            rules: self.rules(),
            words: &self.words,
            doc_date: options.document_date.as_deref(),
        };
        // On two threads, the date matches are found beside the structure
        // stage, the line tables and the party stage's folded text.
        let (outline, early) = if parallel {
            let (found, (outline, lines, folded)) = both(
                || rules::date::find(ctx.text, &ctx.rules.date),
                || {
                    let outline = structure::parse(&ctx);
                    let lines = rules::target::line_tables(ctx.text, &ctx.rules.target);
                    (outline, lines, rules::party::fold(ctx.text))
                },
            );
            (outline, Some((found, lines, folded)))
        } else {
            (structure::parse(&ctx), None)
        };
        let structure::Outline {
            meta,
            sections,
            mut measures,
            tables,
            mut diagnostics,
        } = outline;
        let anchor = options
            .document_date
            .clone()
            .or_else(|| meta.publish_date.clone())
            .or_else(|| meta.signed_date.clone());
        ctx.doc_date = anchor.as_deref();
        let ctx = &ctx;
        let mut later = Vec::new();
        let (dates, targets, index) = match early {
            Some((found, lines, folded)) => {
                let (sections, measures, diagnostics) =
                    (&sections, &mut measures, &mut diagnostics);
                let (index, (dates, targets)) = both(
                    move || {
                        rules::party::assign_folded(ctx, &folded, sections, measures, diagnostics);
                        CharIndex::new(input)
                    },
                    || {
                        let dates = rules::date::resolve(ctx, &meta, found, &mut later);
                        let targets =
                            rules::target::extract_with(ctx, &tables, lines, &dates, &mut later);
                        (dates, targets)
                    },
                );
                (dates, targets, index)
            }
            None => {
                rules::party::assign(ctx, &sections, &mut measures, &mut diagnostics);
                let dates = rules::date::extract(ctx, &meta, &mut later);
                let targets = rules::target::extract(ctx, &tables, &dates, &mut later);
                (dates, targets, CharIndex::new(input))
            }
        };
        diagnostics.append(&mut later);
        let mut doc = Document {
            source: Source {
                path: None,
                id: None,
                encoding: decoded.encoding.to_string(),
                format: decoded.format.to_string(),
                chars: index.total(),
                sha256,
            },
            meta,
            sections,
            measures,
            tables,
            dates,
            targets,
            diagnostics,
        };
        link(&mut doc);
        resolve(&mut doc, input, &index, &norm);
        doc
    }
}

/// Input size (bytes) from which one extraction uses a second thread.
const PARALLEL_FROM: usize = 1 << 20;

/// Builds an [`Extractor`] with added dictionary data and options.
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    dicts: Dicts,
    changed: bool,
    options: Options,
}

impl ExtractorBuilder {
    /// Adds the entries read from `reader` (a file in the format of `kind`,
    /// see `dicts/README.md`) to the dictionaries.
    pub fn add_dict<R: Read>(mut self, kind: DictKind, reader: R) -> Result<Self> {
        self.dicts.add_reader(kind, reader, kind.embedded_path())?;
        self.changed = true;
        Ok(self)
    }

    /// Adds the entries of the file at `path`; errors name the path and line.
    pub fn add_dict_file(mut self, kind: DictKind, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(&e, Some(path)))?;
        self.dicts.add_str(kind, &text, &path.to_string_lossy())?;
        self.changed = true;
        Ok(self)
    }

    /// Starts from no dictionary entries at all instead of the embedded ones.
    pub fn without_embedded(mut self) -> Self {
        self.dicts = Dicts::empty();
        self.changed = true;
        self
    }

    /// Sets the default [`Options`] of every extraction.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Compiles the rules for the dictionaries. Fails if an added entry makes
    /// a rule pattern invalid.
    pub fn build(self) -> Result<Extractor> {
        let rules = if self.changed {
            RuleSet::Own(Arc::new(Rules::new(&self.dicts)?))
        } else {
            RuleSet::Default
        };
        Ok(Extractor {
            words: Arc::new(Words::new(&self.dicts)),
            dicts: Arc::new(self.dicts),
            rules,
            options: self.options,
        })
    }
}

/// Lowercase hex of a digest.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Sets `measure` of targets and the `targets`/`dates` index lists of
/// measures: each item goes to the innermost (shortest) measure holding it.
/// Spans are still normalized byte ranges here.
fn link(doc: &mut Document) {
    for (i, m) in doc.measures.iter_mut().enumerate() {
        m.id = i;
        m.targets.clear();
        m.dates.clear();
    }
    let spans: Vec<Span> = doc.measures.iter().map(|m| m.span).collect();
    let index = SpanIndex::new(&spans);
    // The innermost (shortest, then first) measure holding `span`.
    let innermost = |measures: &[Measure], span: &Span| {
        index
            .candidates(span.start, span.end)
            .filter(|&i| measures[i].span.contains(span))
            .min_by_key(|&i| (measures[i].span.len(), i))
    };
    for i in 0..doc.targets.len() {
        let id = innermost(&doc.measures, &doc.targets[i].span);
        doc.targets[i].measure = id;
        if let Some(id) = id {
            doc.measures[id].targets.push(i);
        }
    }
    for i in 0..doc.dates.len() {
        if let Some(id) = innermost(&doc.measures, &doc.dates[i].span) {
            doc.measures[id].dates.push(i);
        }
    }
}

/// Byte offset to char offset of one text, in O(block) per lookup with a
/// checkpoint every `BLOCK` bytes.
struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const BLOCK: usize = 64;

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut chars = 0;
        // Block by block, so that the count compiles to vector instructions.
        for block in bytes.chunks(BLOCK) {
            checkpoints.push(chars);
            chars += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        checkpoints.push(chars);
        CharIndex { text, checkpoints }
    }

    /// The number of chars of the text.
    fn total(&self) -> usize {
        self.checkpoints.last().copied().unwrap_or(0)
    }

    /// Chars before byte `pos` (which is clamped to the text).
    fn chars_before(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        let block = pos / BLOCK;
        let base = self.checkpoints[block.min(self.checkpoints.len() - 1)];
        base + self.text.as_bytes()[block * BLOCK..pos]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }
}

/// Whether `b` continues a UTF-8 character (`10xxxxxx`) rather than start one.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Maps every span from normalized bytes to input chars and re-slices every
/// `text` field from the input.
fn resolve(doc: &mut Document, input: &str, index: &CharIndex<'_>, norm: &Normalized) {
    let map = |span: &mut Span| -> std::ops::Range<usize> {
        let r = norm.to_original(span.start..span.end);
        let r = floor_boundary(input, r.start)..floor_boundary(input, r.end.max(r.start));
        *span = Span::new(index.chars_before(r.start), index.chars_before(r.end));
        r
    };
    for s in &mut doc.sections {
        map(&mut s.span);
    }
    for m in &mut doc.measures {
        let r = map(&mut m.span);
        m.text = input[r].to_string();
        for p in m
            .lead
            .iter_mut()
            .chain(&mut m.cooperating)
            .chain(&mut m.responsible)
        {
            map(&mut p.span);
        }
    }
    for t in &mut doc.targets {
        let r = map(&mut t.span);
        t.text = input[r].to_string();
    }
    for d in &mut doc.dates {
        let r = map(&mut d.span);
        d.text = input[r].to_string();
    }
    for t in &mut doc.tables {
        map(&mut t.span);
        for row in &mut t.rows {
            map(&mut row.span);
            for c in &mut row.cells {
                let r = map(&mut c.span);
                c.text = input[r].to_string();
            }
        }
    }
    for d in &mut doc.diagnostics {
        if let Some(s) = &mut d.span {
            map(s);
        }
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_multibyte() {
        let t = "a中b".repeat(200);
        let idx = CharIndex::new(&t);
        assert_eq!(idx.chars_before(0), 0);
        assert_eq!(idx.chars_before(4), 2);
        assert_eq!(idx.chars_before(t.len()), 600);
        assert_eq!(idx.total(), t.chars().count());
        assert_eq!(idx.chars_before(5 * 150 + 1), 451);
        // Every char boundary, across many checkpoints, in mixed widths.
        let t = "a中😀\né".repeat(97);
        let idx = CharIndex::new(&t);
        for (n, (i, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.chars_before(i), n);
        }
        assert_eq!(idx.chars_before(t.len()), t.chars().count());
    }

    #[test]
    fn extractor_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
    }
}
