//! [`OffsetMap`]: from byte offsets of normalized text to byte offsets of the
//! original text, composed pass by pass.
//!
//! Invariant: every byte offset of the normalized text that is a char
//! boundary maps to a char boundary of the original, and a normalized range
//! maps to an original range that is never inverted. A pass writes its output
//! through a [`Builder`], piece by piece: a piece is either copied verbatim
//! from the pass's input (offsets inside it map one to one) or a replacement
//! (any offset inside it maps to the edge of the input range it replaced).

use std::ops::Range;

/// One run of normalized bytes, `[norm, next.norm)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Start in the normalized text.
    norm: usize,
    /// Start of the original range this run stands for.
    orig_start: usize,
    /// End of that original range (for a copy, `orig_start + len`).
    orig_end: usize,
    /// Copied verbatim (offsets map one to one) or replaced.
    copy: bool,
}

/// Maps byte offsets of normalized text back to byte offsets of the original.
///
/// ```
/// use policy_extract::normalize::{Builder, OffsetMap};
///
/// // A pass that drops the space of "2018 年".
/// let input = "到2018 年";
/// let mut b = Builder::new(input);
/// b.copy(0..7);            // 到2018
/// b.replace(7..8, "");     // the space
/// b.copy(8..input.len());  // 年
/// let (text, map) = b.finish();
/// assert_eq!(text, "到2018年");
/// let r = map.to_original(3..10); // "2018年" in the normalized text
/// assert_eq!(&input[r], "2018 年");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    norm_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap {
            segs: vec![Seg {
                norm: 0,
                orig_start: 0,
                orig_end: len,
                copy: true,
            }],
            norm_len: len,
            orig_len: len,
        }
    }

    /// Whether the map is one copied run over the whole text (the text
    /// maps one to one onto the original).
    pub(crate) fn is_identity(&self) -> bool {
        self.norm_len == self.orig_len
            && match self.segs.as_slice() {
                [s] => s.copy && s.norm == 0 && s.orig_start == 0 && s.orig_end == self.orig_len,
                [] => self.norm_len == 0,
                _ => false,
            }
    }

    /// Length in bytes of the normalized text.
    pub fn normalized_len(&self) -> usize {
        self.norm_len
    }

    /// Length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.orig_len
    }

    fn seg_at(&self, pos: usize) -> &Seg {
        let i = self.segs.partition_point(|s| s.norm <= pos);
        &self.segs[i.saturating_sub(1)]
    }

    fn seg_end(&self, idx: usize) -> usize {
        self.segs.get(idx + 1).map_or(self.norm_len, |s| s.norm)
    }

    /// Original offset of a start position.
    fn start(&self, pos: usize) -> usize {
        let pos = pos.min(self.norm_len);
        let s = self.seg_at(pos);
        if s.copy {
            (s.orig_start + (pos - s.norm)).min(s.orig_end)
        } else {
            s.orig_start
        }
    }

    /// Original offset of an end position.
    fn end(&self, pos: usize) -> usize {
        let pos = pos.min(self.norm_len);
        if pos == 0 {
            return self.start(0);
        }
        let i = self
            .segs
            .partition_point(|s| s.norm < pos)
            .saturating_sub(1);
        let s = &self.segs[i];
        if s.copy {
            (s.orig_start + (pos - s.norm)).min(s.orig_end)
        } else {
            s.orig_end
        }
    }

    /// The original byte range that the normalized byte range `r` stands for.
    /// Out-of-range input is clamped; an empty range maps to an empty range.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let start = self.start(r.start);
        if r.end <= r.start {
            return start..start;
        }
        let end = self.end(r.end).max(start);
        start..end
    }

    /// `self` maps text B to text A; `inner` maps text A to the original.
    /// The result maps B to the original.
    pub(crate) fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut segs: Vec<Seg> = Vec::with_capacity(self.segs.len() + inner.segs.len());
        for (i, s) in self.segs.iter().enumerate() {
            let len = self.seg_end(i) - s.norm;
            if s.copy {
                // Split along the inner segments that cover [orig_start, orig_end).
                let (a, b) = (s.orig_start, s.orig_end);
                let mut j = inner
                    .segs
                    .partition_point(|t| t.norm <= a)
                    .saturating_sub(1);
                let mut pos = a;
                while pos < b && j < inner.segs.len() {
                    let t = &inner.segs[j];
                    let t_end = inner.seg_end(j);
                    let piece_end = t_end.min(b);
                    if piece_end > pos {
                        let norm = s.norm + (pos - a);
                        let seg = if t.copy {
                            let o = t.orig_start + (pos - t.norm);
                            Seg {
                                norm,
                                orig_start: o,
                                orig_end: o + (piece_end - pos),
                                copy: true,
                            }
                        } else {
                            Seg {
                                norm,
                                orig_start: t.orig_start,
                                orig_end: t.orig_end,
                                copy: false,
                            }
                        };
                        push_seg(&mut segs, seg);
                    }
                    pos = piece_end;
                    j += 1;
                }
            } else if len > 0 {
                let r = inner.to_original(s.orig_start..s.orig_end);
                push_seg(
                    &mut segs,
                    Seg {
                        norm: s.norm,
                        orig_start: r.start,
                        orig_end: r.end,
                        copy: false,
                    },
                );
            }
        }
        if segs.is_empty() {
            segs.push(Seg {
                norm: 0,
                orig_start: 0,
                orig_end: 0,
                copy: true,
            });
        }
        OffsetMap {
            segs,
            norm_len: self.norm_len,
            orig_len: inner.orig_len,
        }
    }
}

/// Appends a segment, merging it into the previous copy run when contiguous.
fn push_seg(segs: &mut Vec<Seg>, seg: Seg) {
    if let Some(last) = segs.last_mut() {
        if last.norm == seg.norm {
            // The previous segment was empty: replace it.
            *last = seg;
            return;
        }
        if last.copy && seg.copy && last.orig_end == seg.orig_start {
            last.orig_end = seg.orig_end;
            return;
        }
    }
    segs.push(seg);
}

/// Writes the output of one normalization pass and records its offset map.
///
/// Ranges given to [`copy`](Builder::copy) and [`replace`](Builder::replace)
/// are byte ranges of the pass's input, in increasing order, on char
/// boundaries; input bytes that no call covers are dropped (an offset inside
/// them maps to the nearest kept byte).
#[derive(Debug)]
pub struct Builder<'a> {
    input: &'a str,
    out: String,
    segs: Vec<Seg>,
}

impl<'a> Builder<'a> {
    /// A builder for a pass over `input`.
    pub fn new(input: &'a str) -> Builder<'a> {
        Builder {
            input,
            out: String::with_capacity(input.len()),
            segs: Vec::new(),
        }
    }

    /// A builder for a pass over `input` that writes into `buf` (cleared
    /// first): the passes hand their buffers on, so that a large input
    /// costs two fresh allocations, not one per pass.
    pub(crate) fn with_buffer(input: &'a str, mut buf: String) -> Builder<'a> {
        buf.clear();
        buf.reserve(input.len());
        Builder {
            input,
            out: buf,
            segs: Vec::new(),
        }
    }

    /// The pass's input.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// Copies `input[r]` verbatim.
    pub fn copy(&mut self, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        let norm = self.out.len();
        self.out.push_str(&self.input[r.clone()]);
        push_seg(
            &mut self.segs,
            Seg {
                norm,
                orig_start: r.start,
                orig_end: r.end,
                copy: true,
            },
        );
    }

    /// Writes `with` in place of `input[r]` (either may be empty).
    pub fn replace(&mut self, r: Range<usize>, with: &str) {
        if with.is_empty() {
            return;
        }
        let norm = self.out.len();
        self.out.push_str(with);
        self.segs.push(Seg {
            norm,
            orig_start: r.start,
            orig_end: r.end,
            copy: false,
        });
    }

    /// The text written so far.
    pub fn output(&self) -> &str {
        &self.out
    }

    /// The normalized text and its map to the pass's input.
    pub fn finish(self) -> (String, OffsetMap) {
        let mut segs = self.segs;
        if segs.is_empty() {
            segs.push(Seg {
                norm: 0,
                orig_start: 0,
                orig_end: 0,
                copy: true,
            });
        }
        let map = OffsetMap {
            segs,
            norm_len: self.out.len(),
            orig_len: self.input.len(),
        };
        (self.out, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space_drop(input: &str) -> (String, OffsetMap) {
        let mut b = Builder::new(input);
        let mut last = 0;
        for (i, c) in input.char_indices() {
            if c == ' ' {
                b.copy(last..i);
                last = i + 1;
            }
        }
        b.copy(last..input.len());
        b.finish()
    }

    fn fullwidth_fold(input: &str) -> (String, OffsetMap) {
        let mut b = Builder::new(input);
        let mut last = 0;
        for (i, c) in input.char_indices() {
            if ('０'..='９').contains(&c) {
                b.copy(last..i);
                let d = char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap();
                b.replace(i..i + c.len_utf8(), &d.to_string());
                last = i + c.len_utf8();
            }
        }
        b.copy(last..input.len());
        b.finish()
    }

    #[test]
    fn identity_maps_one_to_one() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_original(2..5), 2..5);
        assert_eq!(m.to_original(12..15), 10..10);
    }

    #[test]
    fn composed_passes_map_to_the_original() {
        let orig = "到 ２０２５ 年达到 4.74 个";
        let (t1, m1) = fullwidth_fold(orig);
        assert_eq!(t1, "到 2025 年达到 4.74 个");
        let (t2, m2) = space_drop(&t1);
        assert_eq!(t2, "到2025年达到4.74个");
        let m = m2.compose(&m1);
        let find = |s: &str| {
            let i = t2.find(s).unwrap();
            i..i + s.len()
        };
        assert_eq!(&orig[m.to_original(find("2025年"))], "２０２５ 年");
        assert_eq!(&orig[m.to_original(find("4.74个"))], "4.74 个");
        assert_eq!(&orig[m.to_original(find("到"))], "到");
        assert_eq!(&orig[m.to_original(0..t2.len())], orig);
    }

    #[test]
    fn dropped_prefix_and_empty_ranges() {
        let orig = "  一、总则";
        let mut b = Builder::new(orig);
        b.copy(2..orig.len());
        let (t, m) = b.finish();
        assert_eq!(t, "一、总则");
        assert_eq!(&orig[m.to_original(0..3)], "一");
        assert_eq!(m.to_original(3..3), 5..5);
    }
}
