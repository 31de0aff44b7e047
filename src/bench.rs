//! Stage entry points for `benches/extract.rs`: thin wrappers over the
//! crate-private stages (structure, parties, dates, targets), so that each
//! can be timed alone. Not a stable API; hidden from the docs.

use crate::dict::Dicts;
use crate::normalize::{normalize, Normalized};
use crate::record::{DateMention, Diagnostic, Measure, Meta, Section, Table, Target};
use crate::rules::{self, Context};
use crate::structure;
use crate::Extractor;

/// The stages of an [`Extractor`], callable one at a time on normalized
/// text.
///
/// ```
/// use policy_extract::{bench::Stages, Extractor};
///
/// let stages = Stages::new(Extractor::new());
/// let norm = stages.normalize("到２０２５年");
/// let mut parsed = stages.structure(&norm.text);
/// stages.parties(&norm.text, &mut parsed);
/// let dates = stages.dates(&norm.text, &parsed);
/// let _targets = stages.targets(&norm.text, &parsed, &dates);
/// ```
#[derive(Debug)]
pub struct Stages {
    extractor: Extractor,
}

/// What the structure stage found: the input of the rule stages.
#[derive(Debug, Clone)]
pub struct Parsed {
    meta: Meta,
    sections: Vec<Section>,
    measures: Vec<Measure>,
    tables: Vec<Table>,
    diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// The number of measures found.
    pub fn measures(&self) -> usize {
        self.measures.len()
    }
}

impl Stages {
    /// The stages of `extractor`, with its rules compiled.
    pub fn new(extractor: Extractor) -> Stages {
        extractor.rules();
        Stages { extractor }
    }

    /// The extractor.
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    fn dicts(&self) -> &Dicts {
        self.extractor.dicts()
    }

    fn context<'a>(&'a self, text: &'a str, doc_date: Option<&'a str>) -> Context<'a> {
        Context {
            text,
            dicts: self.dicts(),
            rules: self.extractor.rules(),
            words: self.extractor.words(),
            doc_date,
        }
    }

    /// The normalize stage.
    pub fn normalize(&self, input: &str) -> Normalized {
        normalize(input, self.dicts())
    }

    /// The structure stage over normalized `text`.
    pub fn structure(&self, text: &str) -> Parsed {
        let o = structure::parse(&self.context(text, None));
        Parsed {
            meta: o.meta,
            sections: o.sections,
            measures: o.measures,
            tables: o.tables,
            diagnostics: o.diagnostics,
        }
    }

    /// The party stage: fills the parties of `parsed`'s measures.
    pub fn parties(&self, text: &str, parsed: &mut Parsed) {
        let anchor = anchor(&parsed.meta);
        let ctx = self.context(text, anchor.as_deref());
        rules::party::assign(
            &ctx,
            &parsed.sections,
            &mut parsed.measures,
            &mut parsed.diagnostics,
        );
    }

    /// The date stage.
    pub fn dates(&self, text: &str, parsed: &Parsed) -> Vec<DateMention> {
        let anchor = anchor(&parsed.meta);
        let ctx = self.context(text, anchor.as_deref());
        rules::date::extract(&ctx, &parsed.meta, &mut Vec::new())
    }

    /// The target stage, given the dates found.
    pub fn targets(&self, text: &str, parsed: &Parsed, dates: &[DateMention]) -> Vec<Target> {
        let anchor = anchor(&parsed.meta);
        let ctx = self.context(text, anchor.as_deref());
        rules::target::extract(&ctx, &parsed.tables, dates, &mut Vec::new())
    }
}

/// The date anchoring partial dates, as the extractor picks it.
fn anchor(meta: &Meta) -> Option<String> {
    meta.publish_date
        .clone()
        .or_else(|| meta.signed_date.clone())
}
