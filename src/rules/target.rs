//! Placeholder of the target rule family.

use super::{compile, CompiledRule, Rule};
use crate::dict::Dicts;
use crate::error::Result;

/// The target rules.
pub(crate) const RULES: &[Rule] = &[];

/// The compiled target rules.
#[derive(Debug)]
pub(crate) struct TargetRules {
    rules: Vec<CompiledRule>,
}

impl TargetRules {
    pub(crate) fn new(_dicts: &Dicts) -> Result<TargetRules> {
        Ok(TargetRules {
            rules: compile(RULES, &[])?,
        })
    }

    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }
}

/// Every target of the text and of its tables, in order of position.
pub(crate) fn extract(
    _ctx: &super::Context<'_>,
    _tables: &[crate::Table],
    _dates: &[crate::DateMention],
    _diagnostics: &mut Vec<crate::Diagnostic>,
) -> Vec<crate::Target> {
    Vec::new()
}
