//! Word segmentation through jieba-rs, with the user words of the
//! dictionaries. The jieba dictionary is loaded on first use, once.

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
            let mut j = Jieba::new();
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
