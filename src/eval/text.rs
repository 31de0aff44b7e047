//! Text comparison for scoring: folding, character-bigram Dice, and the
//! overlap of two texts.

/// Folds `text` for comparison: removes all white space (including the
/// ideographic space U+3000) and maps full-width ASCII (U+FF01 to U+FF5E) to
/// half-width.
///
/// ```
/// use policy_extract::eval::fold;
///
/// assert_eq!(fold("到 ２０２５ 年\n（市卫生计生委）"), "到2025年(市卫生计生委)");
/// assert_eq!(fold(" \u{3000}"), "");
/// ```
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Dice coefficient of the character bigrams of `a` and `b` (multisets),
/// after [`fold`]: `2 |A ∩ B| / (|A| + |B|)`, from 0 to 1. A text of fewer
/// than two characters has no bigram: it scores 1 against an equal text and
/// 0 otherwise; two empty texts score 0.
///
/// ```
/// use policy_extract::eval::dice;
///
/// assert_eq!(dice("床位数", "床位数"), 1.0);
/// // 每千人口床位数: 6 bigrams; 床位数: 2 bigrams, both shared: 2*2/(6+2).
/// assert_eq!(dice("每千人口床位数", "床位数"), 0.5);
/// assert_eq!(dice("税率", "投入"), 0.0);
/// ```
pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (fold(a), fold(b));
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() < 2 || b.len() < 2 {
        return if !a.is_empty() && a == b { 1.0 } else { 0.0 };
    }
    let mut x: Vec<(char, char)> = a.windows(2).map(|w| (w[0], w[1])).collect();
    let mut y: Vec<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Whether two texts overlap, after [`fold`]: one contains the other, or
/// they share a substring covering at least half of the shorter one. Gives
/// the length of the longest shared substring over the length of the longer
/// text (1 for equal texts), or `None` if they do not overlap or either is
/// empty.
///
/// ```
/// use policy_extract::eval::text_overlap;
///
/// assert_eq!(text_overlap("到2025年", "到 2025 年"), Some(1.0));
/// assert_eq!(text_overlap("2025年", "到2025年底前"), Some(5.0 / 8.0));
/// // 达到4.74个 shares 4.74个 (5 of its 7 chars) with 托位数4.74个.
/// assert!(text_overlap("达到4.74个", "托位数4.74个").is_some());
/// assert_eq!(text_overlap("税率", "投入"), None);
/// ```
pub fn text_overlap(a: &str, b: &str) -> Option<f64> {
    let a: Vec<char> = fold(a).chars().collect();
    let b: Vec<char> = fold(b).chars().collect();
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let shorter = a.len().min(b.len());
    let longer = a.len().max(b.len());
    let shared = longest_common_substring(&a, &b);
    (2 * shared >= shorter).then(|| shared as f64 / longer as f64)
}

/// Length of the longest common substring of `a` and `b`, in O(|a|·|b|)
/// time and O(|b|) space (texts compared here are short).
fn longest_common_substring(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    let mut best = 0;
    for ca in a {
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_space_and_width() {
        assert_eq!(fold("ＡＢＣ　１２\t3"), "ABC123");
        // Only the full-width ASCII block is folded: 〔〕 stay.
        assert_eq!(fold("保政办发〔2018〕66号"), "保政办发〔2018〕66号");
        assert_eq!(fold("（市科技局）"), "(市科技局)");
    }

    #[test]
    fn dice_counts_multisets() {
        // aaaa: bigrams aa,aa,aa; aa: aa. Shared 1: 2*1/(3+1) = 0.5.
        assert_eq!(dice("aaaa", "aa"), 0.5);
        assert_eq!(dice("a", "a"), 1.0);
        assert_eq!(dice("a", "ab"), 0.0);
        assert_eq!(dice("", ""), 0.0);
        // Folding applies: full-width and spaces do not matter.
        assert_eq!(dice("ＧＤＰ 增速", "GDP增速"), 1.0);
    }

    #[test]
    fn overlap_needs_half_of_the_shorter() {
        assert_eq!(
            longest_common_substring(&['a', 'b', 'c'], &['x', 'b', 'c']),
            2
        );
        // 十四五时期 (5 chars) and 十四五 (3 chars): containment, 3/5.
        assert_eq!(text_overlap("十四五时期", "十四五"), Some(0.6));
        // abcd and xxcd: shared cd = 2 of the shorter's 4: overlap.
        assert_eq!(text_overlap("abcd", "xxcd"), Some(0.5));
        // abcde and xxxde: shared de = 2 of 5 < half: no overlap.
        assert_eq!(text_overlap("abcde", "xxxde"), None);
        assert_eq!(text_overlap("", "a"), None);
    }
}
