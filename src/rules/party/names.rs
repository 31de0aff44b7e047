//! Party names: which strings are names of parties, how a written list of
//! them splits, and which canonical name the department dictionary gives.
//!
//! Everything here reads the folded text (traditional characters mapped to
//! simplified, same byte offsets) and returns byte ranges of it.

use crate::dict::Dicts;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Endings of a well-formed party name that is not in the dictionary,
/// longest first.
const SUFFIXES: &[&str] = &[
    "委员会",
    "管委会",
    "办公室",
    "联合会",
    "总局",
    "中心",
    "协会",
    "银行",
    "政府",
    "集团",
    "公司",
    "局",
    "委",
    "办",
    "厅",
    "部",
    "署",
];

/// More endings admitted inside annotations, where the list's place says
/// it names parties (`市第一人民医院牵头`, `市疾控中心检验科配合`).
const ANNOTATION_SUFFIXES: &[&str] = &[
    "部门", "院", "所", "站", "队", "室", "馆", "台", "社", "校", "会", "联", "团", "组", "处",
    "科", "学", "园",
];

/// Endings that look like a suffix but end ordinary words (全部, 内部 ...).
const BAD_ENDINGS: &[&str] = &[
    "全部",
    "内部",
    "外部",
    "东部",
    "西部",
    "中部",
    "南部",
    "北部",
    "局部",
    "干部",
    "总部",
    "底部",
    "顶部",
    "头部",
    "基部",
    "俱乐部",
    "大部",
    "细部",
    "联办",
    "创办",
    "举办",
    "开办",
    "兴办",
    "承办",
    "督办",
    "交办",
    "转办",
    "代办",
    "主办",
    "协办",
    "查办",
    "申办",
    "筹办",
    "合办",
    "民办",
    "公办",
    "布局",
    "格局",
    "大局",
    "全局",
    "结局",
    "当局",
    "开局",
    "残局",
    "编委",
    "常委",
    "政委",
];

/// Characters that never stand inside a party name (function words, verbs
/// of the sentence around it).
const STOP: &[char] = &[
    '的', '了', '着', '是', '在', '对', '把', '将', '要', '我', '这', '那', '其', '为', '被', '让',
    '使', '从', '向', '于', '以', '而', '并', '也', '都', '还', '就', '之', '因', '此', '等', '由',
    '或', '需', '应', '该', '能', '可', '已', '给', '及', '与', '。', '，', '；', '：', '、', ',',
    ';', ':', '!', '?', '！', '？', '“', '”', '"', '《', '》', '\n',
];

/// `STOP`, sorted for a binary search.
static STOP_SORTED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v = STOP.to_vec();
    v.sort_unstable();
    v.dedup();
    v
});

/// Whether `c` is one of `STOP`.
fn is_stop(c: char) -> bool {
    STOP_SORTED.binary_search(&c).is_ok()
}

/// Words that open a clause, never a place name (`鼓励市保险行业协会`).
const VERBS: &[&str] = &[
    "鼓励",
    "支持",
    "推动",
    "引导",
    "要求",
    "组织",
    "指导",
    "督促",
    "加强",
    "依托",
    "协调",
    "积极",
    "配合",
    "请",
    "报",
    "提请",
    "建议",
    "通过",
    "确保",
    "落实",
    "负责",
    "牵头",
    "参与",
    "协助",
    "会同",
    "及时",
    "认真",
    "切实",
    "进一步",
    "全面",
    "加快",
    "完善",
    "建立",
    "推进",
    "强化",
    "做好",
    "开展",
    "实施",
    "按照",
    "根据",
    "结合",
    "发挥",
    "充分",
    "明确",
    "同意",
    "授权",
    "委托",
    "邀请",
    "联合",
    "本",
    "各",
    "每",
    "该",
];

/// Administrative prefixes that a bare name in the same list takes over.
const ADMIN_ENDINGS: &[&str] = &[
    "自治区",
    "自治州",
    "省委",
    "市委",
    "区委",
    "县委",
    "州委",
    "省",
    "市",
    "区",
    "县",
    "州",
    "盟",
    "旗",
];

/// Prefixes that stand before a dictionary name without being a place.
const LEVEL_PREFIXES: &[&str] = &["国务院", "国家", "中国", "中央", "全国"];

/// The dictionary side of party names: department names and aliases,
/// generic parties.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Name or alias (folded) to the index of its canonical name.
    cores: HashMap<String, usize>,
    /// Canonical names.
    canon: Vec<String>,
    /// Longest core, in chars.
    longest: usize,
    /// The last characters of cores, sorted: a string that ends otherwise
    /// has no core.
    last_chars: Vec<char>,
    /// `core_bytes[n]`: whether some core is `n` bytes long.
    core_bytes: Vec<bool>,
    /// Generic parties, folded.
    generic: HashSet<String>,
    /// The characters a name can end with, sorted: see
    /// [`may_end_name`](Lexicon::may_end_name).
    name_ends: Vec<char>,
    /// More of them, in annotations (not strict).
    annotation_ends: Vec<char>,
}

/// Closing brackets: a name may end in one (`各市（州）`, `市发展改革委（牵头）`).
const CLOSERS: &[char] = &[')', '）', '〕', ']', '】'];

/// One party of a list: where its name is written, and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// Byte range of the name as written.
    pub range: Range<usize>,
    /// Whether it is a generic party (有关部门, 各区).
    pub generic: bool,
    /// Byte length of its administrative prefix (`市` of `市科技局`), 0 if none.
    pub admin_prefix: usize,
    /// Whether it is a dictionary name with no prefix at all (`科技局`).
    pub bare: bool,
    /// Canonical name of its dictionary core, if known.
    pub core_canonical: Option<String>,
    /// Byte length of the prefix before the dictionary core.
    pub core_prefix: usize,
    /// A role word written in brackets after the name (`市发展改革委（牵头）`).
    pub marker: Option<String>,
}

/// Patterns the splitter needs (compiled once with the rule table).
pub(crate) struct Patterns<'a> {
    /// Generic parties: 各…, 有关…, 相关….
    pub generic: &'a Regex,
    /// Words that open a list in prose (由, 包括, 离不开).
    pub trigger: &'a Regex,
    /// What may stand between a list and its role word (按职责分工, 等).
    pub tail: &'a Regex,
    /// A whole role word (`牵头`), for names marked `市发展改革委（牵头）`.
    pub marker: &'a Regex,
}

impl Lexicon {
    /// Reads the department and generic-party dictionaries.
    pub(crate) fn new(dicts: &Dicts) -> Lexicon {
        let mut cores = HashMap::new();
        let mut canon = Vec::new();
        let mut longest = 0;
        for d in &dicts.departments {
            let i = canon.len();
            canon.push(d.canonical.clone());
            for name in std::iter::once(&d.canonical).chain(&d.aliases) {
                let key = super::trad::fold(name).into_owned();
                longest = longest.max(key.chars().count());
                cores.entry(key).or_insert(i);
            }
        }
        let generic = dicts
            .generic_parties
            .iter()
            .map(|g| super::trad::fold(g).into_owned())
            .collect();
        let mut last_chars: Vec<char> =
            cores.keys().filter_map(|k| k.chars().next_back()).collect();
        last_chars.sort_unstable();
        last_chars.dedup();
        let mut core_bytes = vec![false; cores.keys().map(String::len).max().unwrap_or(0) + 1];
        for k in cores.keys() {
            core_bytes[k.len()] = true;
        }
        let mut name_ends: Vec<char> = cores
            .keys()
            .chain(&generic)
            .map(String::as_str)
            .chain(SUFFIXES.iter().chain(GENERIC_ENDS).copied())
            .filter_map(|w| w.chars().next_back())
            .chain(CLOSERS.iter().copied())
            .collect();
        name_ends.sort_unstable();
        name_ends.dedup();
        let mut annotation_ends: Vec<char> = ANNOTATION_SUFFIXES
            .iter()
            .filter_map(|w| w.chars().next_back())
            .collect();
        annotation_ends.sort_unstable();
        annotation_ends.dedup();
        Lexicon {
            cores,
            canon,
            longest,
            last_chars,
            core_bytes,
            generic,
            name_ends,
            annotation_ends,
        }
    }

    /// Whether a name can end with the last character of `s` (trimmed).
    /// Every way [`name`](Lexicon::name) accepts a string ends it with a
    /// dictionary name, a generic party, a listed suffix or a closing
    /// bracket, and every item [`split_item`](Lexicon::split_item) returns
    /// last ends where its text ends: an item that ends otherwise is read
    /// no further.
    fn may_end_name(&self, s: &str, strict: bool) -> bool {
        let Some(c) = s.chars().next_back() else {
            return false;
        };
        self.name_ends.binary_search(&c).is_ok()
            || (!strict && self.annotation_ends.binary_search(&c).is_ok())
    }

    /// The dictionary core of `s`: the longest dictionary name that ends `s`,
    /// as `(byte start of the core, canonical index)`.
    fn core(&self, s: &str) -> Option<(usize, usize)> {
        // Most strings end in no core's last character: no lookup at all.
        let last = s.chars().next_back()?;
        if self.last_chars.binary_search(&last).is_err() {
            return None;
        }
        let n = s.chars().count();
        s.char_indices()
            .skip(n.saturating_sub(self.longest))
            .filter(|&(i, _)| self.core_bytes.get(s.len() - i).copied().unwrap_or(false))
            .find_map(|(i, _)| self.cores.get(&s[i..]).map(|&c| (i, c)))
    }

    /// Reads `s` (one list item, already trimmed) as a party name.
    /// `strict` (prose) admits unknown names only with the main suffixes.
    pub(crate) fn name(
        &self,
        s: &str,
        start: usize,
        pats: &Patterns<'_>,
        strict: bool,
    ) -> Option<Item> {
        if s.contains(char::is_whitespace) {
            if strict {
                return None;
            }
            // A name cut by a line break or a space (`人力资源\n社会保障局`):
            // read it closed up; its range covers what is written.
            let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let first_space = s.find(char::is_whitespace).unwrap_or(s.len());
            let mut it = self.name(&compact, start, pats, strict)?;
            it.range = start..start + s.len();
            if it.admin_prefix > first_space || it.core_prefix > first_space {
                it.admin_prefix = 0;
                it.core_prefix = 0;
                it.core_canonical = None;
            }
            return Some(it);
        }
        let chars = s.chars().count();
        if !(2..=30).contains(&chars) {
            return None;
        }
        let generic_like = pats.generic.is_match(s);
        let listed = self.generic.contains(s);
        if generic_like && !listed && !generic_shape(s) {
            // 有关部门组建协调小组: a generic word that runs on into the sentence.
            return None;
        }
        if listed || generic_like {
            return Some(Item {
                range: start..start + s.len(),
                generic: true,
                admin_prefix: 0,
                bare: false,
                core_canonical: None,
                core_prefix: 0,
                marker: None,
            });
        }
        if let Some((at, c)) = self.core(s) {
            let prefix = &s[..at];
            if valid_prefix(prefix) && !pats.trigger.is_match(prefix) {
                return Some(Item {
                    range: start..start + s.len(),
                    generic: false,
                    admin_prefix: admin_prefix_len(prefix),
                    bare: at == 0,
                    core_canonical: Some(self.canon[c].clone()),
                    core_prefix: at,
                    marker: None,
                });
            }
            // A known name after words that are no prefix: not a name.
            return None;
        }
        if !(3..=20).contains(&chars)
            || s.chars().any(is_stop)
            || pats.trigger.find_iter(s).any(|t| t.as_str() != "经")
        {
            return None;
        }
        if !s
            .chars()
            .all(|c| is_han(c) || matches!(c, '(' | ')' | '（' | '）'))
        {
            return None;
        }
        if ends_with_any(s, BAD_ENDINGS) || starts_with_any(s, VERBS) {
            return None;
        }
        let suffix_ok =
            ends_with_any(s, SUFFIXES) || (!strict && ends_with_any(s, ANNOTATION_SUFFIXES));
        if !suffix_ok {
            return None;
        }
        let prefix_len = ADMIN_ENDINGS
            .iter()
            .filter_map(|e| {
                // `市科技馆局`-like names: an administrative prefix is a short
                // place word ending in 省/市/区/县 before the rest.
                let pos = s.find(e)?;
                let end = pos + e.len();
                (end < s.len() && s[..end].chars().count() <= 6 && !s[..end].starts_with("市场"))
                    .then_some(end)
            })
            .min()
            .unwrap_or(0);
        Some(Item {
            range: start..start + s.len(),
            generic: false,
            admin_prefix: prefix_len,
            bare: false,
            core_canonical: None,
            core_prefix: 0,
            marker: None,
        })
    }

    /// Reads `s` as a name, allowing a prose opener before it
    /// (`这一目标由市卫生计生委` gives `市卫生计生委`) when `first`.
    fn name_or_after_trigger(
        &self,
        s: &str,
        start: usize,
        pats: &Patterns<'_>,
        strict: bool,
        first: bool,
    ) -> Option<Item> {
        if let Some((name_len, marker)) = role_marker(s, pats) {
            let mut it = self.name_or_after_trigger(&s[..name_len], start, pats, strict, first)?;
            it.marker = Some(marker);
            return Some(it);
        }
        if let Some(it) = self.name(s, start, pats, strict) {
            return Some(it);
        }
        if !first {
            return None;
        }
        // `经` opens a clause (经生态环境部会同…) but also starts words
        // inside names (经济, 经信, 经开区).
        let cuts: Vec<usize> = pats
            .trigger
            .find_iter(s)
            .filter(|m| {
                m.as_str() != "经"
                    || !s[m.end()..].starts_with(['济', '信', '营', '贸', '费', '验', '开', '管'])
            })
            .map(|m| m.end())
            .collect();
        cuts.into_iter()
            .rev()
            .find_map(|e| self.name(&s[e..], start + e, pats, strict))
    }

    /// Splits one item on the conjunctions 和, 及, 以及, 与 and on `等`
    /// before a generic party, where both sides are names; a name that
    /// holds a conjunction (`工业和信息化部`) stays whole.
    fn split_item(
        &self,
        s: &str,
        start: usize,
        pats: &Patterns<'_>,
        strict: bool,
        first: bool,
        depth: usize,
    ) -> Option<Vec<Item>> {
        if s.chars().count() > 100 {
            // No list item (with its prose opener) is this long; keeps the
            // search below linear on run-on text.
            return None;
        }
        let s_trim = trim_item(s);
        let lead = s.len() - s.trim_start().len();
        let s = s_trim;
        let start = start + lead;
        if s.is_empty() {
            return Some(Vec::new());
        }
        if !self.may_end_name(s, strict) {
            return None;
        }
        if self.cores.contains_key(s) {
            return self.name(s, start, pats, strict).map(|i| vec![i]);
        }
        if depth < 8 {
            for (pos, len) in conjunctions(s) {
                let (l, r) = (&s[..pos], &s[pos + len..]);
                if l.is_empty() || r.is_empty() {
                    continue;
                }
                let Some(li) = self.name_or_after_trigger(trim_item(l), start, pats, strict, first)
                else {
                    continue;
                };
                if let Some(mut rest) =
                    self.split_item(r, start + pos + len, pats, strict, false, depth + 1)
                {
                    if rest.is_empty() {
                        continue;
                    }
                    rest.insert(0, li);
                    return Some(rest);
                }
            }
        }
        self.name_or_after_trigger(s, start, pats, strict, first)
            .map(|i| vec![i])
    }

    /// Splits a written list (`市科技局、人力资源社会保障局`) into parties.
    /// `None` when any piece is not a party name.
    pub(crate) fn split_list(
        &self,
        text: &str,
        range: Range<usize>,
        pats: &Patterns<'_>,
        strict: bool,
    ) -> Option<Vec<Item>> {
        let whole = &text[range.clone()];
        let seg = strip_tail(whole, pats);
        // `seg` is a subslice of `whole`: where it starts in the text.
        let base = range.start + (seg.as_ptr() as usize - whole.as_ptr() as usize);
        const SEPS: &[char] = &['、', '，', ',', '；', ';', '/', '／'];
        const SPACED: &[char] = &['、', '，', ',', '；', ';', '/', '／', ' ', '\t', '\u{3000}'];
        // Names set apart by spaces only (`市发改委 市财政局`) when that
        // reads; else spaces stay inside the pieces.
        // Without spaces both ways split alike: the second would read the
        // same pieces again.
        let spaced = seg.contains([' ', '\t', '\u{3000}']);
        let ways: &[&[char]] = if spaced { &[SPACED, SEPS] } else { &[SEPS] };
        ways.iter().find_map(|seps| {
            let mut items = Vec::new();
            let mut first = true;
            for piece in join_levels(seg, split_outside_brackets(seg, seps)) {
                let p = &seg[piece.clone()];
                if p.trim().is_empty() {
                    continue;
                }
                let got = self.split_item(p, base + piece.start, pats, strict, first, 0)?;
                first = false;
                items.extend(got);
            }
            (!items.is_empty()).then_some(items)
        })
    }

    /// The party name at the start of `text[range]` (the list after 会同,
    /// which runs on into the sentence): a dictionary name, a generic
    /// party, or the shortest well-formed name.
    pub(crate) fn leading_list(
        &self,
        text: &str,
        range: Range<usize>,
        pats: &Patterns<'_>,
    ) -> Vec<Item> {
        let seg = &text[range.clone()];
        let pieces = split_outside_brackets(seg, &['、', '，', ',']);
        let mut out = Vec::new();
        for piece in pieces {
            let p = &seg[piece.clone()];
            let base = range.start + piece.start;
            if let Some(items) = self.split_item(p, base, pats, true, false, 0) {
                out.extend(items);
                continue;
            }
            // The last piece: cut the name off the words after it.
            let ends: Vec<usize> = p.char_indices().map(|(i, _)| i).skip(2).take(24).collect();
            let mut best = None;
            for &e in ends.iter().rev() {
                let cand = &p[..e];
                if self.cores.contains_key(cand)
                    || self
                        .core(cand)
                        .is_some_and(|(at, _)| valid_prefix(&cand[..at]))
                    || self.generic.contains(cand)
                {
                    best = self.name(cand, base, pats, true);
                    if best.is_some() {
                        break;
                    }
                }
            }
            if best.is_none() {
                for &e in &ends {
                    let cand = &p[..e];
                    if pats.generic.is_match(cand) && generic_shape(cand) {
                        best = self.name(cand, base, pats, true);
                        break;
                    }
                }
            }
            if let Some(b) = best {
                out.push(b);
            }
            break;
        }
        out
    }
}

/// A role word in brackets at the end of `s` (`市发展改革委（牵头）`): the
/// byte length of the name before it and the role word.
fn role_marker(s: &str, pats: &Patterns<'_>) -> Option<(usize, String)> {
    let last = s.chars().next_back()?;
    if !CLOSERS.contains(&last) {
        return None;
    }
    let open = s.rfind(['(', '（', '〔', '[', '【'])?;
    let inner = &s[open..s.len() - last.len_utf8()];
    let inner = inner.get(inner.chars().next()?.len_utf8()..)?;
    let word = inner
        .trim()
        .trim_end_matches("单位")
        .trim_end_matches("部门");
    (pats.marker.is_match(word) && open > 0).then(|| (open, word.to_string()))
}

/// How a generic-looking party ends (部门, 政府, 各区 ...).
const GENERIC_ENDS: &[&str] = &[
    "部门",
    "单位",
    "政府",
    "区",
    "县",
    "市",
    "省",
    "机构",
    "地区",
    "城市",
    "委",
    "局",
    "办",
    "厅",
    "方面",
    "街道",
    "乡镇",
    "镇",
    "乡",
    "企业",
    "组织",
    "机关",
    "党委",
    "管委会",
];

/// Whether a generic-looking string ends like a party (部门, 政府, 各区 ...).
fn generic_shape(s: &str) -> bool {
    // `各市（州）`: the bracket says which levels; the word before it counts.
    let s = match s.strip_suffix(['）', ')']) {
        Some(inner) => inner
            .rfind(['（', '('])
            .map(|p| &s[..p])
            .filter(|t| !t.is_empty())
            .unwrap_or(s),
        None => s,
    };
    !s.chars()
        .any(|c| matches!(c, '的' | '要' | '将' | '是' | '在' | '对'))
        && GENERIC_ENDS.iter().any(|e| s.ends_with(e))
}

/// Whether `p`, written before a dictionary name, is a prefix a name may
/// carry: a level (国家), an administrative place (保山市, 省, 市委), or a
/// short place word (上海).
fn valid_prefix(p: &str) -> bool {
    if p.is_empty() || LEVEL_PREFIXES.contains(&p) {
        return true;
    }
    if p.chars().any(|c| is_stop(c) || !is_han(c) || c == '条') || starts_with_any(p, VERBS) {
        return false;
    }
    let n = p.chars().count();
    if admin_prefix_len(p) == p.len() && n <= 8 {
        return true;
    }
    n <= 3
}

/// Byte length of `p` when the whole of `p` is an administrative prefix
/// (`市`, `保山市`, `省委`), else 0.
fn admin_prefix_len(p: &str) -> usize {
    if p.is_empty() || p.starts_with("市场") {
        return 0;
    }
    let body = ["省委", "市委", "区委", "县委", "州委"]
        .iter()
        .find_map(|e| p.strip_suffix(e))
        .unwrap_or(p);
    let holds_body = ["银行", "公司", "局", "部", "厅", "署", "办", "中心", "委"]
        .iter()
        .any(|w| body.contains(w));
    if ends_with_any(p, ADMIN_ENDINGS) && p.chars().count() <= 7 && !holds_body {
        p.len()
    } else {
        0
    }
}

/// Whether `s` starts with one of `words`. Only the words that share its
/// first character are compared, so no byte comparison runs for most.
// `w.starts_with(c)` would compare through a call to memcmp: decoding the
// first character is cheaper.
#[allow(clippy::chars_next_cmp)]
fn starts_with_any(s: &str, words: &[&str]) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    words
        .iter()
        .any(|w| w.chars().next() == Some(c) && s.starts_with(w))
}

/// Whether `s` ends with one of `words`, comparing only the words that
/// share its last character.
#[allow(clippy::chars_last_cmp)]
fn ends_with_any(s: &str, words: &[&str]) -> bool {
    let Some(c) = s.chars().next_back() else {
        return false;
    };
    words
        .iter()
        .any(|w| w.chars().next_back() == Some(c) && s.ends_with(w))
}

/// Whether `c` is a CJK ideograph.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Trims white space, and `等` at the end of an item.
fn trim_item(s: &str) -> &str {
    let mut s = s.trim();
    while let Some(r) = s.strip_suffix('等') {
        s = r.trim_end();
    }
    s
}

/// Strips what stands between a list and its role word: 按职责分工, 分别,
/// 共同, 等部门, 的 ...
fn strip_tail<'a>(seg: &'a str, pats: &Patterns<'_>) -> &'a str {
    let mut s = seg.trim_end();
    loop {
        let before = s.len();
        if let Some(m) = pats.tail.find(s) {
            if m.end() == s.len() && m.start() > 0 {
                s = s[..m.start()].trim_end();
            }
        }
        s = s.trim_end_matches(['，', ',', '、', '；', ';', '：', ':', ' ']);
        if s.len() == before {
            return s.trim_start_matches(['，', ',', '、', '；', ';', '：', ':', ' ', '\t']);
        }
    }
}

/// Byte positions and lengths of conjunctions in `s` outside brackets:
/// 以及, 及, 和, 与, 暨 and 等.
fn conjunctions(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '[' | '〔' | '【' => depth += 1,
            ')' | '）' | ']' | '〕' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '以' if s[i..].starts_with("以及") => out.push((i, "以及".len())),
            '及' if !s[..i].ends_with('以') => out.push((i, c.len_utf8())),
            '和' | '与' | '暨' => out.push((i, c.len_utf8())),
            // `X等国务院相关部门`: both sides must read as parties.
            '等' => out.push((i, c.len_utf8())),
            _ => {}
        }
    }
    out
}

/// Joins `各州、市人民政府` (levels listed before one body, written without
/// brackets) back into one piece.
fn join_levels(s: &str, pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let text = s[p.clone()].trim();
        if let Some(last) = out.last_mut() {
            let prev = s[last.clone()].trim();
            let short_level = |t: &str| {
                let levels: Vec<char> = t.chars().filter(|c| !"（()）".contains(*c)).collect();
                levels.len() <= 4 && levels.iter().all(|c| "各市县区州盟旗乡镇".contains(*c))
            };
            if prev.starts_with('各')
                && short_level(prev)
                && text
                    .chars()
                    .next()
                    .is_some_and(|c| "市县区州盟旗乡镇".contains(c))
                && text.chars().count() <= 12
            {
                last.end = p.end;
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// The characters of `s` as `(byte offset, char)`, except those from
/// U+4000 to U+9FFF (nearly all CJK ideographs; three bytes led by 0xE4 to
/// 0xE9), which come undecoded as `None`. Scanners that look for
/// punctuation, brackets or line breaks skip the ideographs this way.
pub(crate) fn sketch(s: &str) -> impl Iterator<Item = (usize, Option<char>)> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let at = i;
        let lead = *b.get(at)?;
        if lead < 0x80 {
            i += 1;
            return Some((at, Some(char::from(lead))));
        }
        if (0xE4..=0xE9).contains(&lead) {
            i += 3;
            return Some((at, None));
        }
        let c = s[at..].chars().next()?;
        i += c.len_utf8();
        Some((at, Some(c)))
    })
}

/// Whether `c` is one `sketch` leaves undecoded.
fn sketched_away(c: char) -> bool {
    ('\u{4000}'..='\u{9FFF}').contains(&c)
}

/// Ranges of `s` between the separators `seps`, ignoring separators inside
/// brackets (`各县(市、区)人民政府` stays whole).
pub(crate) fn split_outside_brackets(s: &str, seps: &[char]) -> Vec<Range<usize>> {
    // `sketch` skips ideographs: it serves unless a separator is one.
    if seps.iter().any(|&c| sketched_away(c)) {
        split_chars(s, seps, s.char_indices().map(|(i, c)| (i, Some(c))))
    } else {
        split_chars(s, seps, sketch(s))
    }
}

/// [`split_outside_brackets`] over `chars`, the characters of `s` with their
/// offsets (`None` for one that is neither a bracket nor a separator).
fn split_chars(
    s: &str,
    seps: &[char],
    chars: impl Iterator<Item = (usize, Option<char>)>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in chars {
        let Some(c) = c else { continue };
        match c {
            '(' | '（' | '[' | '〔' | '【' => depth += 1,
            ')' | '）' | ']' | '〕' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 && seps.contains(&c) => {
                out.push(start..i);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..s.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_end_name` turns away only what `name` and `role_marker` would
    /// turn away: every string they accept, among windows of the fixture
    /// texts and among the dictionary's own names, ends with a character
    /// it accepts.
    #[test]
    fn names_end_only_where_may_end_name_says() {
        let rules = crate::rules::Rules::new(crate::dict::Dicts::embedded_ref()).unwrap();
        let (lex, pats) = (&rules.party.lexicon, rules.party.patterns());
        let mut strings: Vec<String> = lex.cores.keys().chain(&lex.generic).cloned().collect();
        for w in SUFFIXES
            .iter()
            .chain(ANNOTATION_SUFFIXES)
            .chain(GENERIC_ENDS)
        {
            strings.push(format!("市测试{w}"));
            strings.push(format!("各{w}"));
        }
        strings.extend(["各市（州）", "市发展改革委（牵头）", "有关单位(配合)"].map(String::from));
        for text in crate::rules::fixture_texts() {
            let at: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (k, &a) in at.iter().enumerate().step_by(5) {
                for len in [2, 3, 4, 5, 7, 9, 12, 16, 22, 30] {
                    if let Some(&b) = at.get(k + len) {
                        strings.push(text[a..b].trim().to_string());
                    }
                }
            }
        }
        let mut accepted = 0;
        for s in &strings {
            for strict in [true, false] {
                if lex.name(s, 0, &pats, strict).is_some() || role_marker(s, &pats).is_some() {
                    accepted += 1;
                    assert!(lex.may_end_name(s, strict), "{s} (strict: {strict})");
                }
            }
        }
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn split_keeps_brackets_whole() {
        let s = "市直有关部门、各县(市、区)人民政府";
        let parts: Vec<&str> = split_outside_brackets(s, &['、'])
            .into_iter()
            .map(|r| &s[r])
            .collect();
        assert_eq!(parts, ["市直有关部门", "各县(市、区)人民政府"]);
    }

    #[test]
    fn split_skips_ideographs_alike() {
        for (s, seps) in [
            (
                "市直有关部门、各县(市、区)人民政府，市财政局",
                &['、', '，'][..],
            ),
            ("A和B（C和D）和E", &['和'][..]),
            ("é😀、ab【、】c,d", &['、', ','][..]),
            ("", &['、'][..]),
        ] {
            assert_eq!(
                split_outside_brackets(s, seps),
                split_chars(s, seps, s.char_indices().map(|(i, c)| (i, Some(c)))),
                "{s}"
            );
        }
        let marks: Vec<(usize, Option<char>)> = sketch("a国é😀").collect();
        assert_eq!(
            marks,
            [(0, Some('a')), (1, None), (4, Some('é')), (6, Some('😀'))]
        );
    }

    #[test]
    fn stop_lookup_is_the_list() {
        for c in STOP
            .iter()
            .copied()
            .chain("市局委科技部门中心ab1（）".chars())
        {
            assert_eq!(is_stop(c), STOP.contains(&c), "{c}");
        }
    }

    #[test]
    fn prefixes() {
        assert!(valid_prefix("保山市"));
        assert!(valid_prefix("上海"));
        assert!(!valid_prefix("这一宏伟目标由市"));
        assert_eq!(admin_prefix_len("市"), 3);
        assert_eq!(admin_prefix_len("市场"), 0);
        assert_eq!(admin_prefix_len("国家"), 0);
    }

    #[test]
    fn conjunction_positions() {
        assert_eq!(conjunctions("市财政局以及各区"), vec![(12, 6)]);
        assert_eq!(conjunctions("A等有关部门").len(), 1);
        assert!(conjunctions("各县(市和区)").is_empty());
    }
}
