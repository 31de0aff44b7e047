//! Traditional to simplified folding, for matching only.
//!
//! Invariant: every pair maps a character to one of the same UTF-8 length
//! (all are BMP ideographs, three bytes), so the folded text has exactly the
//! byte offsets of the text it was folded from. Spans found in the folded text
//! are spans of the original.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Pairs `traditional simplified`, written side by side. The set covers role
/// words (牽頭, 負責, 責任單位, 配閤, 參與), department names and the words
/// around them in responsibility statements.
const PAIRS: &str = "\
牽牵頭头負负責责單单職职務务關关協协參参與与會会發发財财廳厅經经濟济資资設设衛卫\
監监質质場场農农業业環环運运輸输醫医療疗險险銀银稅税總总藥药體体廣广電电視视國国\
門门開开區区縣县聯联閤合辦办規规劃划際际億亿萬万屬属學学術术產产機机構构營营優优\
項项實实權权認认證证準准標标計计備备檢检驗验測测氣气護护員员團团黨党組组織织專专\
鄉乡鎮镇導导別别態态審审統统應应軍军遊游網网數数據据糧粮儲储郵邮識识僑侨臺台鐵铁\
為为個个們们這这來来對对過过進进從从將将現现點点動动時时間间內内後后當当條条類类\
長长問问題题義义論论語语說说議议讓让傳传範范價价費费貨货車车隊队獎奖勵励補补貼贴\
養养幫帮貧贫讀读圖图書书館馆園园歷历圍围島岛東东華华溝沟灣湾層层齊齐擬拟採采購购\
聽听號号碼码絡络線线訊讯雲云綠绿節节礦矿銷销邊边選选舉举領领帶带結结災灾處处報报\
評评籌筹調调幹干啟启橋桥漁渔維维穩稳貿贸詢询裝装製制藝艺聞闻編编輯辑務务歸归綜综\
館馆樂乐漢汉獲获積积極极紀纪級级繼继績绩勞劳愛爱兒儿養养婦妇殘残紅红廠厂門门軟软\
硬硬訂订級级彙汇匯汇線线務务區区劑剂療疗購购衛卫寧宁廈厦遼辽龍龙滬沪陝陕蘇苏閩闽\
贛赣魯鲁豫豫鄂鄂湘湘粵粤瓊琼渝渝黔黔滇滇藏藏隴陇寧宁暫暂責责級级縣县區区鄉乡鎮镇\
證证驗验舊旧強强標标準准設设備备執执許许擔担險险稱称傷伤災灾盡尽僅仅並并減减隨随\
響响帳账賬账價价錢钱額额貸贷續续單单據据稅税財财費费補补貼贴獎奖勵励懲惩罰罚訴诉\
訟讼視视聽听說说請请願愿顧顾問问訪访談谈論论評评測测試试誤误讀读寫写記记錄录檔档\
續续禮礼樓楼災灾廢废棄弃與与參参協协組组織织團团體体專专業业員员會会議议長长\
著着離离興兴繪绘陸陆遠远創创獸兽種种轉转換换師师貴贵慶庆陽阳鄭郑瀋沈蘭兰烏乌無无\
錫锡濱滨連连還还於于歲岁該该須须雙双戶户徵征飛飞遞递診诊斷断預预殯殡構构區区";

/// First code point of the table: every character of `PAIRS` lies in the
/// CJK blocks from here on.
const BASE: u32 = 0x3400;
/// One past the last code point of the table.
const END: u32 = 0xA000;

/// Simplified form by code point, from `BASE` to `END` (0 where the
/// character stays as it is): one array read per character, no hashing.
static TABLE: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let chars: Vec<char> = PAIRS.chars().collect();
    let mut table = vec![0u16; (END - BASE) as usize];
    for p in chars.chunks(2) {
        if p.len() == 2 && p[0].len_utf8() == p[1].len_utf8() && p[0] != p[1] {
            let (t, s) = (p[0] as u32, p[1] as u32);
            if let (true, Ok(s)) = ((BASE..END).contains(&t), u16::try_from(s)) {
                table[(t - BASE) as usize] = s;
            }
        }
    }
    table
});

/// Bit `k` set when the code point `BASE + k` folds: the scan reads this
/// small table (3.4 KB) for every character and `TABLE` only for the few
/// that fold.
static FOLDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; ((END - BASE) as usize).div_ceil(64)];
    for (k, &s) in TABLE.iter().enumerate() {
        if s != 0 {
            bits[k / 64] |= 1 << (k % 64);
        }
    }
    bits
});

/// The characters of `text` that fold, as `(byte offset, simplified form)`.
fn hits(text: &str, table: &[u16], folds: &[u64]) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Only three-byte characters fold, all of them led by a byte from 0xE3
    // (U+3xxx) to 0xE9 (U+9xxx); no other byte of UTF-8 text takes these
    // values, so the scan may step one byte at a time elsewhere. A lead byte
    // has its two continuation bytes after it, so `i + 2 < len`.
    while i + 2 < b.len() {
        let lead = b[i];
        if !(0xE3..=0xE9).contains(&lead) {
            i += 1;
            continue;
        }
        let code = (u32::from(lead & 0x0F) << 12)
            | (u32::from(b[i + 1] & 0x3F) << 6)
            | u32::from(b[i + 2] & 0x3F);
        i += 3;
        let Some(k) = code.checked_sub(BASE).map(|k| k as usize) else {
            continue;
        };
        if folds.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0) {
            let folded = table
                .get(k)
                .filter(|&&s| s != 0)
                .and_then(|&s| char::from_u32(u32::from(s)));
            if let Some(s) = folded {
                out.push((i - 3, s));
            }
        }
    }
    out
}

/// `text` with traditional characters replaced by simplified ones; byte
/// offsets are unchanged. Borrows when nothing changes.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    let hits = hits(text, &TABLE, &FOLDS);
    if hits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut buf = [0u8; 4];
    for (i, s) in hits {
        // `s` has the byte length of the character it replaces (three).
        out.push_str(&text[at..i]);
        let s = s.encode_utf8(&mut buf);
        out.push_str(s);
        at = i + s.len();
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_byte_length() {
        let chars: Vec<char> = PAIRS.chars().collect();
        assert_eq!(chars.len() % 2, 0, "PAIRS holds whole pairs");
        for p in chars.chunks(2) {
            assert_eq!(p[0].len_utf8(), p[1].len_utf8(), "{}{}", p[0], p[1]);
        }
    }

    #[test]
    fn pairs_agree_and_fit_the_table() {
        let chars: Vec<char> = PAIRS.chars().collect();
        let mut seen = std::collections::HashMap::new();
        for p in chars.chunks(2) {
            assert!((BASE..END).contains(&(p[0] as u32)), "{}", p[0]);
            let s = *seen.entry(p[0]).or_insert(p[1]);
            assert_eq!(s, p[1], "{} maps to {} and {}", p[0], s, p[1]);
        }
        assert_eq!(fold("國務院辦公廳"), "国务院办公厅");
        assert!(matches!(fold("河南豫剧"), Cow::Borrowed(_)));
    }

    #[test]
    fn folds_as_a_char_by_char_map() {
        let chars: Vec<char> = PAIRS.chars().collect();
        let map: std::collections::HashMap<char, char> =
            chars.chunks(2).map(|p| (p[0], p[1])).collect();
        for t in [
            "é國😀務ä院\n辦公廳（牽頭）",
            "ÿ㐀䶵一龥\u{9FFF}\u{A000}豫會同",
            "",
            "abc",
            "國",
        ] {
            let naive: String = t.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect();
            assert_eq!(fold(t), naive, "{t}");
        }
    }

    #[test]
    fn folds_role_words_and_keeps_offsets() {
        let t = "（市衛生計生委牽頭；市科技局配閤，按職責分工負責）";
        let f = fold(t);
        assert_eq!(f, "（市卫生计生委牵头；市科技局配合，按职责分工负责）");
        assert_eq!(f.len(), t.len());
        assert!(matches!(fold("牵头"), Cow::Borrowed(_)));
    }
}
