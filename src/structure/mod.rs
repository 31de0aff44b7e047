//! Structure: normalized text -> [`Outline`] (metadata, section tree,
//! numbered items as measures, indicator tables).
//!
//! Invariant: every span of the outline is a byte range of the normalized
//! text on char boundaries; ids are positions in their lists.

use crate::record::{Diagnostic, Measure, Meta, Section, Table};
use crate::rules::Context;

/// What the structure stage finds.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub measures: Vec<Measure>,
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the outline of `ctx.text`.
pub(crate) fn parse(_ctx: &Context<'_>) -> Outline {
    Outline::default()
}
