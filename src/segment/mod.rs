//! Segmentation: sentences ([`sentences`]) and words ([`Words`], jieba-rs
//! with the embedded user dictionary). Words are cut only where a rule asks.

mod sentence;
mod words;

pub use sentence::sentences;
pub use words::Words;
