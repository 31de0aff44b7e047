//! Rules: the families that read parties ([`party`]), targets ([`target`])
//! and dates ([`date`]) from normalized text, and the number parser they
//! share ([`numeral`]).
//!
//! A rule is a named row of its family's `RULES` table: pattern, examples
//! and negatives side by side. Placeholders such as `{cooperate}` in a
//! pattern expand to alternations of dictionary entries, so new wording is
//! one line of data in `dicts/`. Rules compile once per dictionary set: the
//! embedded set is compiled into a process-wide `LazyLock` that
//! `Extractor::new()` shares.
//!
//! Invariant: rules report byte ranges of the normalized text; only the
//! extractor maps them back to the input.

pub(crate) mod date;
pub(crate) mod numeral;
pub(crate) mod party;
pub(crate) mod target;

use crate::dict::Dicts;
use crate::error::{Error, ErrorKind, Result};
use crate::segment::Words;
use regex::Regex;

/// A named pattern with the texts it must and must not match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// A sentence naming what the rule reads: `"deadline: 到YYYY年"`.
    pub name: &'static str,
    /// A regex, with `{placeholder}`s expanded from the dictionaries.
    pub pattern: &'static str,
    /// Texts the pattern must match in full (read by the rule-table test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub examples: &'static [&'static str],
    /// Texts the pattern must not match anywhere (read by the rule-table test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub negatives: &'static [&'static str],
}

/// A rule with its pattern compiled.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub rule: Rule,
    pub regex: Regex,
}

/// Alternation of literal words, longest first (so the regex prefers them).
pub(crate) fn alternation<S: AsRef<str>>(words: &[S]) -> String {
    let mut w: Vec<&str> = words
        .iter()
        .map(|s| s.as_ref())
        .filter(|s| !s.is_empty())
        .collect();
    w.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    w.dedup();
    if w.is_empty() {
        // Matches nothing.
        return "[^\\s\\S]".to_string();
    }
    format!(
        "(?:{})",
        w.iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|")
    )
}

/// Replaces each `{name}` of `pattern` by the value given for it.
pub(crate) fn expand(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Compiles a family's rules with its placeholder values.
pub(crate) fn compile(rules: &[Rule], values: &[(&str, &str)]) -> Result<Vec<CompiledRule>> {
    rules
        .iter()
        .map(|rule| {
            let pattern = expand(rule.pattern, values);
            Regex::new(&pattern)
                .map(|regex| CompiledRule { rule: *rule, regex })
                .map_err(|e| {
                    Error::new(
                        ErrorKind::Dict(rule.name.to_string()),
                        format!("rule `{}`: {}", rule.name, e.to_string().to_lowercase()),
                    )
                })
        })
        .collect()
}

/// Every family's compiled rules for one dictionary set.
#[derive(Debug)]
pub(crate) struct Rules {
    pub party: party::PartyRules,
    pub target: target::TargetRules,
    pub date: date::DateRules,
}

impl Rules {
    /// Compiles all families for `dicts`.
    pub(crate) fn new(dicts: &Dicts) -> Result<Rules> {
        // The date rules, two thirds of the work, compile beside the others.
        let (date, (party, target)) = crate::par::both(
            || date::DateRules::new(dicts),
            || {
                (
                    party::PartyRules::new(dicts),
                    target::TargetRules::new(dicts),
                )
            },
        );
        Ok(Rules {
            party: party?,
            target: target?,
            date: date?,
        })
    }
}

/// What a rule family sees of one document.
pub(crate) struct Context<'a> {
    /// The normalized text; all ranges are byte ranges of it.
    pub text: &'a str,
    /// The dictionaries.
    pub dicts: &'a Dicts,
    /// The compiled rules.
    pub rules: &'a Rules,
    /// The word segmenter (jieba loads on first use).
    pub words: &'a Words,
    /// The document's own date (ISO), from the caller or the header, anchoring
    /// partial dates such as `10月21日` or `今年`.
    pub doc_date: Option<&'a str>,
}

/// The texts of the seed and devset documents, for tests that check a
/// fast path against a plain one on real text.
#[cfg(test)]
pub(crate) fn fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["seeds", "seeds/devset"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            texts.push(std::fs::read_to_string(path).expect("fixture text"));
        }
    }
    assert!(texts.len() >= 11, "seeds and devset are present");
    texts
}

/// Every rule of every family, for the rule-table test.
#[cfg(test)]
pub(crate) fn all_rules() -> Vec<(&'static str, &'static [Rule])> {
    vec![
        ("party", party::RULES),
        ("target", target::RULES),
        ("date", date::RULES),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every rule compiles, has a unique name, matches each example in full
    /// and no negative anywhere.
    #[test]
    fn rule_tables_hold() {
        let dicts = Dicts::embedded();
        let rules = Rules::new(&dicts).expect("embedded rules compile");
        let compiled: Vec<&CompiledRule> = rules
            .party
            .compiled()
            .iter()
            .chain(rules.target.compiled())
            .chain(rules.date.compiled())
            .collect();
        let mut names = HashSet::new();
        for c in &compiled {
            assert!(
                names.insert(c.rule.name),
                "duplicate rule name `{}`",
                c.rule.name
            );
            for ex in c.rule.examples {
                let full = c
                    .regex
                    .find_iter(ex)
                    .any(|m| m.start() == 0 && m.end() == ex.len());
                assert!(
                    full,
                    "rule `{}` does not match its example `{ex}` in full",
                    c.rule.name
                );
            }
            for neg in c.rule.negatives {
                assert!(
                    !c.regex.is_match(neg),
                    "rule `{}` matches its negative `{neg}`",
                    c.rule.name
                );
            }
        }
        let listed: usize = all_rules().iter().map(|(_, r)| r.len()).sum();
        assert_eq!(listed, compiled.len());
    }

    #[test]
    fn alternation_prefers_longer_words() {
        let re = Regex::new(&alternation(&["牵头", "共同牵头"])).unwrap();
        assert_eq!(re.find("共同牵头").unwrap().as_str(), "共同牵头");
        assert!(!Regex::new(&alternation::<&str>(&[])).unwrap().is_match("x"));
    }
}
