//! Normalization: `&str -> Normalized { text, map }`.
//!
//! The extractors read normalized text: full-width ASCII folded to
//! half-width, odd spaces folded or dropped, PDF line breaks inside a
//! sentence joined, spaces inside numbers and dates dropped, web boilerplate
//! lines removed. Each pass is a function over a [`Builder`]; the passes run
//! in the order of `PASSES` and each one's map is composed into a single
//! [`OffsetMap`] as soon as it runs.
//!
//! Invariant: every byte range of `Normalized::text` on char boundaries maps,
//! through `Normalized::map`, to a byte range of the input on char boundaries.

mod offset;
mod passes;

pub use offset::{Builder, OffsetMap};

use crate::dict::Dicts;
use std::ops::Range;

/// One normalization pass: reads `b.input()` and writes through `b`.
pub(crate) type PassFn = fn(&mut Builder<'_>, &Dicts);

/// The passes, in the order they run, each with its name.
pub(crate) const PASSES: &[(&str, PassFn)] = passes::PASSES;

/// Normalized text and its map back to the input.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Byte offsets of `text` to byte offsets of the input.
    pub map: OffsetMap,
}

impl Normalized {
    /// The input byte range that the normalized byte range `r` stands for.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        self.map.to_original(r)
    }
}

/// Runs every normalization pass over `input` with the dictionaries `dicts`.
///
/// ```
/// use policy_extract::{dict::Dicts, normalize::normalize};
///
/// let n = normalize("到２０２５年", &Dicts::embedded());
/// assert_eq!(n.text, "到2025年");
/// assert_eq!(n.to_original(3..7), 3..15); // "2025" came from four 3-byte full-width digits
/// ```
pub fn normalize(input: &str, dicts: &Dicts) -> Normalized {
    // The input is copied only if no pass changes it.
    let mut text = std::borrow::Cow::Borrowed(input);
    let mut map = OffsetMap::identity(input.len());
    // The buffer of a text no longer read, for the next pass to write into.
    let mut spare = String::new();
    for (_name, pass) in PASSES {
        let mut b = Builder::with_buffer(&text, std::mem::take(&mut spare));
        pass(&mut b, dicts);
        let (out, m) = b.finish();
        // Every pass that changes the text shortens it, and one that copied
        // the whole input unchanged leaves an identity map: the full
        // comparison runs only when neither tells.
        let changed = out.len() != text.len() || (!m.is_identity() && out != *text);
        if changed {
            map = m.compose(&map);
            if let std::borrow::Cow::Owned(old) = std::mem::replace(&mut text, out.into()) {
                spare = old;
            }
        } else {
            spare = out;
        }
    }
    Normalized {
        text: text.into_owned(),
        map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The passes as they read without buffer reuse: a fresh builder each,
    /// every map composed.
    fn plain(input: &str, dicts: &Dicts) -> (String, OffsetMap) {
        let mut text = input.to_string();
        let mut map = OffsetMap::identity(input.len());
        for (_name, pass) in PASSES {
            let mut b = Builder::new(&text);
            pass(&mut b, dicts);
            let (out, m) = b.finish();
            map = m.compose(&map);
            text = out;
        }
        (text, map)
    }

    /// Handing buffers from pass to pass changes neither the text nor the
    /// map, on the fixtures and on inputs that shrink and grow between
    /// documents (a buffer left longer by an earlier text).
    #[test]
    fn reused_buffers_give_the_plain_result() {
        let dicts = Dicts::embedded();
        let mut texts = crate::rules::fixture_texts();
        texts.push("ＡＢＣ　１２\u{3000}\n2018 至 2020 年\n\n".repeat(50));
        texts.push(String::new());
        for t in &texts {
            let n = normalize(t, &dicts);
            let (text, map) = plain(t, &dicts);
            assert_eq!(n.text, text);
            for end in (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .step_by(97)
            {
                assert_eq!(n.to_original(0..end), map.to_original(0..end));
            }
        }
    }
}
