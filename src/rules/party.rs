//! Placeholder of the party rule family.

use super::{compile, CompiledRule, Rule};
use crate::dict::Dicts;
use crate::error::Result;

/// The party rules.
pub(crate) const RULES: &[Rule] = &[];

/// The compiled party rules.
#[derive(Debug)]
pub(crate) struct PartyRules {
    rules: Vec<CompiledRule>,
}

impl PartyRules {
    pub(crate) fn new(_dicts: &Dicts) -> Result<PartyRules> {
        Ok(PartyRules {
            rules: compile(RULES, &[])?,
        })
    }

    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }
}

/// Fills `lead`, `cooperating` and `responsible` of `measures` (and may add
/// measures for prose paragraphs that carry a responsibility statement).
pub(crate) fn assign(
    _ctx: &super::Context<'_>,
    _sections: &[crate::Section],
    _measures: &mut Vec<crate::Measure>,
    _diagnostics: &mut Vec<crate::Diagnostic>,
) {
}
