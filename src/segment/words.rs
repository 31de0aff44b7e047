//! Word segmentation through jieba-rs, with the user words of the
//! dictionaries. The jieba dictionary is loaded on first use, once.
//!
//! The main dictionary is `dicts/jieba/dict.txt`: the words of jieba's own
//! dictionary with a frequency of 10 or more (105,157 of 349,045). It loads
//! in a fifth of the time of the full one and takes about 30 MB less memory;
//! the words left out are rare (names, idioms, long compounds), and the
//! segmenter's HMM still cuts the text they cover.

use crate::dict::Dicts;
use jieba_rs::Jieba;
use std::sync::OnceLock;

/// A word segmenter, built lazily on its first [`cut`](Words::cut).
///
/// ```
/// use policy_extract::{dict::Dicts, segment::Words};
///
/// let w = Words::new(&Dicts::embedded());
/// assert_eq!(w.cut("发展特需医疗服务").concat(), "发展特需医疗服务");
/// ```
pub struct Words {
    user: Vec<(String, Option<usize>, Option<String>)>,
    jieba: OnceLock<Jieba>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("user_words", &self.user.len())
            .finish()
    }
}

/// jieba's main dictionary, cut to the words of frequency 10 or more.
const MAIN_DICT: &str = include_str!("../../dicts/jieba/dict.txt");

/// A segmenter with [`MAIN_DICT`] loaded. The file is embedded and checked by
/// a test, so the empty fallback is never taken in practice.
fn main_dictionary() -> Jieba {
    Jieba::with_dict(&mut MAIN_DICT.as_bytes()).unwrap_or_else(|_| Jieba::empty())
}

impl Words {
    /// A segmenter with the jieba user words of `dicts`.
    pub fn new(dicts: &Dicts) -> Words {
        Words {
            user: dicts
                .jieba
                .iter()
                .map(|w| (w.word.clone(), w.freq, w.tag.clone()))
                .collect(),
            jieba: OnceLock::new(),
        }
    }

    /// The underlying jieba segmenter (loaded now if not yet).
    pub fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let mut j = main_dictionary();
            for (word, freq, tag) in &self.user {
                j.add_word(word, *freq, tag.as_deref());
            }
            j
        })
    }

    /// The words of `text` (HMM on), in order; they concatenate to `text`.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba()
            .cut(text, true)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    /// The words of `text` with their byte ranges in `text`.
    pub fn cut_ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.jieba()
            .cut(text, true)
            .into_iter()
            .map(|t| t.byte_start..t.byte_end)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded main dictionary parses in full, and cuts a target
    /// sentence into the words the indicator rule reads.
    #[test]
    fn main_dictionary_loads() {
        assert!(Jieba::with_dict(&mut MAIN_DICT.as_bytes()).is_ok());
        let lines = MAIN_DICT.lines().count();
        assert_eq!(lines, 105_157);
        let jieba = main_dictionary();
        let words: Vec<&str> = jieba
            .cut("到2025年，全市每千人口执业医师数达到4.74个", true)
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert_eq!(
            words,
            [
                "到", "2025", "年", "，", "全市", "每千", "人口", "执业", "医师", "数", "达到",
                "4.74", "个"
            ]
        );
    }
}
