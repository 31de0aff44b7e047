//! Placeholder of the date rule family.

use super::{compile, CompiledRule, Rule};
use crate::dict::Dicts;
use crate::error::Result;

/// The date rules.
pub(crate) const RULES: &[Rule] = &[];

/// The compiled date rules.
#[derive(Debug)]
pub(crate) struct DateRules {
    rules: Vec<CompiledRule>,
}

impl DateRules {
    pub(crate) fn new(_dicts: &Dicts) -> Result<DateRules> {
        Ok(DateRules {
            rules: compile(RULES, &[])?,
        })
    }

    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }
}

/// Every time expression of the text, in order of position.
pub(crate) fn extract(
    _ctx: &super::Context<'_>,
    _meta: &crate::Meta,
    _diagnostics: &mut Vec<crate::Diagnostic>,
) -> Vec<crate::DateMention> {
    Vec::new()
}
