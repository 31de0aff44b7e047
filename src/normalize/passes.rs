//! The normalization passes (placeholder: full-width digit folding only).

use super::{Builder, PassFn};
use crate::dict::Dicts;

pub(crate) const PASSES: &[(&str, PassFn)] = &[("width", width)];

/// Folds full-width digits, letters and number signs (`０-９ Ａ-Ｚ ａ-ｚ ％ ． ＋ － ／`)
/// to half-width. Chinese punctuation （，：；） is kept: it is text, not a number.
fn width(b: &mut Builder<'_>, _dicts: &Dicts) {
    let input = b.input();
    let mut last = 0;
    for (i, c) in input.char_indices() {
        if c.is_alphanumeric() && ('\u{FF10}'..='\u{FF5A}').contains(&c)
            || matches!(c, '％' | '．' | '＋' | '－' | '／')
        {
            b.copy(last..i);
            let half = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            b.replace(i..i + c.len_utf8(), half.encode_utf8(&mut [0; 4]));
            last = i + c.len_utf8();
        }
    }
    b.copy(last..input.len());
}
