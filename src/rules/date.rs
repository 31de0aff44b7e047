//! Dates: every time expression of the text with its ISO 8601 value and
//! its role (`point`, `deadline`, `period`, `publication`).
//!
//! Each rule of [`RULES`] is a regex whose named groups carry the parts of
//! one expression: `y1 m1 d1` (start), `y2 m2 d2` (end), `r1` (a relative
//! year word: 今年, 明年), `q1` (a part of a year: 上半年, 第一季度, 年底),
//! `p` (a five-year plan name), `po` (a plan ordinal: 第十四个五年规划),
//! `rd`/`rm` (a relative day or month: 明天, 下个月), `wk`/`wd` (a weekday of
//! a named week: 下周二), `h` (a fixed-date holiday), `rp` (今明两年), `yr`
//! (a year of the Republic of China), `yy` (a two-digit year), `s1`/`s2`
//! (separators that must agree: 2018-12-24), and `t` (the span of the
//! expression, when the pattern also reads a character around it). The
//! word before the colon of a rule's name is the kind it produces.
//!
//! The pass: every rule proposes candidates; overlaps are settled leftmost,
//! then longest, then by table order (so `2019年1月1日至12月31日` is one
//! period, not three dates); then the context decides publication dates
//! (a header's 发布日期, a date line under a signature, a news lead) and
//! the target-year column of indicator tables; last, partial dates are
//! resolved against the document's date.
//!
//! Invariant: every span is a byte range of `ctx.text` on char boundaries.

use super::numeral::{digit, parse_chinese_int};
use super::{alternation, compile, expand, CompiledRule, Context, Rule};
use crate::dict::Dicts;
use crate::error::Result;
use crate::{DateKind, DateMention, Diagnostic, Level, Meta, Span};
use regex::Captures;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::HashMap;

/// Placeholders shared by the patterns (expanded before compiling).
const FRAGMENTS: &[(&str, &str)] = &[
    // A year: four Arabic (ASCII or full-width) or Chinese digits.
    (
        "Y",
        r"(?:[12１２][0-9０-９]{3}|[一二壹贰貳][〇零○Ｏ一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]{3})",
    ),
    // A bare year without 年: 1900-2099 only.
    ("YA", r"(?:[1１][9９]|[2２][0０])[0-9０-９]{2}"),
    (
        "M",
        r"(?:[0-9０-９]{1,2}|[十拾][一二壹贰貳]?|[〇零]?[一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖])",
    ),
    (
        "D",
        r"(?:[0-9０-９]{1,2}|[二三贰貳叁參]?[十拾][一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]?|[〇零]?[一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]|廿[一二三四五六七八九]?|卅一?)",
    ),
    ("DM", r"[日号號]"),
    // An optional time of day after a date (read, not valued).
    (
        "TM",
        r"(?:\s{0,2}(?:[上下]午|早上|晚上|凌晨|中午)?\s{0,2}(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?[时時]?|(?:[0-9０-９]{1,2}|[一二三四五六七八九十两兩]{1,3})[时点時點](?:[0-9０-９]{1,2}分|[一二三四五六七八九十]{1,3}分|半)?))?",
    ),
    ("S", r"\s{0,2}"),
    ("TO", r"(?:至|到|—{1,2}|－|-|–|~|～|―)"),
    (
        "RY",
        r"(?:今年|明年|去年|前年|后年|後年|本年|上年|下年|来年|來年)",
    ),
    (
        "QS",
        r"(?:上半年|下半年|前三季度|第?[一二三四1-4１-４]季度)",
    ),
    ("PS", r"(?:以前|之前|前|内|內)"),
    ("NUMPRE", r"(?:^|[^0-9０-９.．\-/／])"),
    ("NUMPOST", r"(?:[^0-9０-９.．]|$)"),
    ("NUMPOST_DASH", r"(?:[^0-9０-９.．\-/]|$)"),
];

/// The date rules, most specific first (the order breaks ties).
pub(crate) const RULES: &[Rule] = &[
    // --- deadlines -------------------------------------------------------
    Rule {
        name: "deadline: 到YYYY年",
        pattern: r"(?:到|至|不晚于|不晚於|最迟于|最迟|最晚于|最晚){S}(?P<y1>{Y}){S}年(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?(?:{S}(?P<q1>年?底|年?末|{QS}))?",
        examples: &[
            "到2025年",
            "至2025年",
            "到 2035 年",
            "到2030年底",
            "到2025年6月",
            "到二〇三五年",
            "不晚于2025年6月",
        ],
        negatives: &["到2.5万", "到20个"],
    },
    Rule {
        name: "deadline: YYYY年底前",
        pattern: r"(?P<y1>{Y}){S}年(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?(?:{S}(?P<q1>底|末|{QS}))?{S}{PS}",
        examples: &[
            "2025年前",
            "2024年底前",
            "2025年6月底前",
            "2019年内",
            "2019年1月1日前",
            "2030年以前",
        ],
        negatives: &["2025年", "2024年底"],
    },
    Rule {
        name: "deadline: 明年底前 (year of the document)",
        pattern: r"(?P<r1>{RY})(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?(?:{S}(?P<q1>年?底|年?末|{QS}))?{S}{PS}",
        examples: &["明年底前", "今年6月底前", "今年内", "明年年底前"],
        negatives: &["明年"],
    },
    Rule {
        name: "deadline: 6月底前 (year of the document)",
        pattern: r"(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM}|{S}(?P<q1>底|末|上旬|中旬|下旬))?{S}(?:以前|之前|前)",
        examples: &["6月底前", "十二月前", "9月中旬前", "3月31日前"],
        negatives: &["6个月前", "6月"],
    },
    Rule {
        name: "deadline: 年底前 (year of the document)",
        pattern: r"(?P<q1>年底|年末){S}(?:以前|之前|前)",
        examples: &["年底前", "年末以前"],
        negatives: &["年底"],
    },
    Rule {
        name: "deadline: 到“十四五”末",
        pattern: r"(?:到|至){S}[“\x22]?(?P<p>{PLANS})[”\x22]?{S}(?:时期末|期末|末)",
        examples: &["到“十四五”末", "到十四五期末", "至“十五”末"],
        negatives: &["“十四五”时期"],
    },
    Rule {
        name: "deadline: YYYY年远景目标",
        pattern: r"(?P<t>(?P<y1>{Y}){S}年){S}远景",
        examples: &["二〇三五年远景", "2035年远景"],
        negatives: &["2035年"],
    },
    Rule {
        name: "deadline: a plan named after its target year (健康中国2030)",
        pattern: r"\p{Han}(?P<t>(?P<y1>{YA}))(?:[”\x22》]|规划|行动|纲要|战略)",
        examples: &["国2030”", "都2030规划", "造2025》"],
        negatives: &["〔2018〕", "2030年"],
    },
    // --- periods ---------------------------------------------------------
    Rule {
        name: "period: YYYY年M月D日至[YYYY年][M月]D日",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}?{TM}{S}{TO}{S}(?:(?P<y2>{Y}){S}年{S})?(?:(?P<m2>{M}){S}月{S})?(?P<d2>{D}){S}{DM}{TM}",
        examples: &[
            "2019年1月1日至12月31日",
            "2021年4月20日11:00时至2021年4月25日17:00时",
            "2019年1月1日至2020年12月31日",
            "2019年6月1日-30日",
            "二〇一三年六月十二號至二〇一三年七月三號",
        ],
        negatives: &["2019年1月1日"],
    },
    Rule {
        name: "period: YYYY年M月至[YYYY年]M月",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<m1>{M}){S}月?{S}{TO}{S}(?:(?P<y2>{Y}){S}年{S})?(?P<m2>{M}){S}月份?",
        examples: &["2019年1月至3月", "2019年1-6月", "2018年12月至2019年2月"],
        negatives: &["2019年1月"],
    },
    Rule {
        name: "period: YYYY至YYYY年",
        pattern: r"(?P<y1>{Y}){S}年?{S}{TO}{S}(?P<y2>{Y}){S}年度?",
        examples: &[
            "2018至2020年",
            "2021年至2025年",
            "2024—2027年",
            "2018 至 2020 年",
            "2019年-2020年",
            "二〇一九年至二〇二〇年",
            "2016-2020年度",
        ],
        negatives: &["2018年", "至2020年"],
    },
    Rule {
        name: "period: YYYY-YYYY without 年",
        pattern: r"{NUMPRE}(?P<t>(?P<y1>{YA}){S}{TO}{S}(?P<y2>{YA})){NUMPOST}",
        examples: &["2016-2020", "2018—2035"],
        negatives: &["2018-1224003", "000014349/2018-2019", "2018-12-24"],
    },
    Rule {
        name: "period: M月D日至[M月]D日 (year of the document)",
        pattern: r"(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}?{S}{TO}{S}(?:(?P<m2>{M}){S}月{S})?(?P<d2>{D}){S}{DM}",
        examples: &[
            "6月12號到7月3號",
            "十二月一日~一月一日",
            "二月十三號到十五號",
        ],
        negatives: &["6月12日"],
    },
    Rule {
        name: "period: M月D至D without 日 (year of the document)",
        pattern: r"(?P<t>(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}?{S}{TO}{S}(?:(?P<m2>{M}){S}月{S})?(?P<d2>{D}))(?:[\s，,。；;、）)]|$)",
        examples: &["二月十三到十五", "6月1日至30，"],
        negatives: &["6月1日至30个"],
    },
    Rule {
        name: "period: M月至M月 (year of the document)",
        pattern: r"(?P<m1>{M}){S}月?{S}(?:至|到|—{1,2}|－|-|–|~|～)(?P<m2>{M}){S}月份?",
        examples: &["十二月至一月", "1-6月", "3月至5月"],
        negatives: &["6月", "3个月至5个月"],
    },
    Rule {
        name: "period: YYYY年上半年",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<q1>{QS})",
        examples: &[
            "2019年上半年",
            "2020年第一季度",
            "2021年三季度",
            "2019年前三季度",
        ],
        negatives: &["2019年"],
    },
    Rule {
        name: "period: 今年上半年 (year of the document)",
        pattern: r"(?P<r1>{RY}){S}(?P<q1>{QS})",
        examples: &["今年上半年", "明年第二季度"],
        negatives: &["今年"],
    },
    Rule {
        name: "period: 上半年 (year of the document)",
        pattern: r"(?P<q1>{QS})",
        examples: &["上半年", "第一季度", "四季度", "前三季度"],
        negatives: &["半年"],
    },
    Rule {
        name: "period: “十四五”时期",
        pattern: r"[“\x22]?(?P<p>{PLANS})[”\x22]?{S}(?:时期|期间|時期|期間)",
        examples: &["“十四五”时期", "十四五期间", "“十五”时期", "“十三五”期间"],
        negatives: &["十四五个"],
    },
    Rule {
        name: "period: 十四五 (five-year plan)",
        pattern: r"(?:^|[^一二三四五六七八九十百千零〇两])(?P<t>(?P<p>{PLANS_LONG}))(?:[^岁歲个個人名万亿元倍天年分点米]|$)",
        examples: &["十四五", "“十三五”", "十六五"],
        negatives: &["三十四五岁", "十四五个", "十五"],
    },
    Rule {
        name: "period: “十五” in quotes (short plan name)",
        pattern: r"[“\x22](?P<p>{PLANS_SHORT})[”\x22]",
        examples: &["“十五”", "“九五”"],
        negatives: &["十五", "“十五条”"],
    },
    Rule {
        name: "period: 十五计划 (short plan name)",
        pattern: r"(?:^|[^一二三四五六七八九十百千零〇两])(?P<t>(?P<p>{PLANS_SHORT}){S}(?:计划|規劃|计画|規畫|规划))",
        examples: &["十五计划", "九五规划"],
        negatives: &["十五", "二十五计划"],
    },
    Rule {
        name: "period: 第十四个五年规划",
        pattern: r"第(?P<po>[一二三四五六七八九十]{1,3})[个個]五年(?:规划|计划|規劃|計劃)",
        examples: &["第十四个五年规划", "第一个五年计划"],
        negatives: &["十四个五年"],
    },
    // --- points ----------------------------------------------------------
    Rule {
        name: "period: 今明两年 (years of the document)",
        pattern: r"(?P<rp>今明两年|今明兩年)",
        examples: &["今明两年"],
        negatives: &["明年"],
    },
    Rule {
        name: "point: 从YYYY年M月D日起",
        pattern: r"(?:从|自|從){S}(?P<y1>{Y}){S}年(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?{S}(?:起|开始|開始)",
        examples: &["从2019年1月1日起", "自2020年起", "从2019年3月开始"],
        negatives: &["2019年1月1日"],
    },
    Rule {
        name: "point: 截至YYYY年",
        pattern: r"(?:截至|截止到|截止|截止至){S}(?P<y1>{Y}){S}年(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?(?:{S}(?P<q1>底|末))?",
        examples: &["截至2020年", "截至2020年底", "截止到2019年6月30日"],
        negatives: &["至2020年"],
    },
    Rule {
        name: "point: 民国N年M月D日 (Republic of China years)",
        pattern: r"民[国國]{S}(?P<yr>[0-9０-９]{1,3}|[一二三四五六七八九十百零〇]{1,5}){S}年(?:{S}(?P<m1>{M}){S}月(?:{S}(?P<d1>{D}){S}{DM})?)?",
        examples: &["民國112年02月07日", "民国38年", "民國一百一十二年二月"],
        negatives: &["国112年"],
    },
    Rule {
        name: "point: YY年M月D日 (two-digit year)",
        pattern: r"{NUMPRE}(?P<t>(?P<yy>[0-9]{2}){S}年{S}(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM})",
        examples: &["15年3月2日", "99年12月31日"],
        negatives: &["115年3月2日", "15年"],
    },
    Rule {
        name: "point: YYYY年M月D日",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}{TM}",
        examples: &[
            "2018年12月19日",
            "2019年1月1日0时",
            "2019年1月1日 上午9:30",
            "2018 年 7 月 23 日",
            "二〇一八年十二月十九日",
            "２０１８年１２月１９日",
            "2015年3月3号",
            "2019年01月12日",
        ],
        negatives: &["2018年12月"],
    },
    Rule {
        name: "point: YYYY-MM-DD",
        pattern: r"{NUMPRE}(?P<t>(?P<y1>[12１２][0-9０-９]{3})(?P<s1>[-./／－])(?P<m1>[0-9０-９]{1,2})(?P<s2>[-./／－])(?P<d1>[0-9０-９]{1,2})){NUMPOST}",
        examples: &["2018-12-24", "2018.12.24", "2018/12/24", "2015-3-3"],
        negatives: &[
            "58735799-9-/2018-1224003",
            "000014349/2018-00212",
            "2018-12-24003",
        ],
    },
    Rule {
        name: "point: YYYY年M月D without 日",
        pattern: r"(?P<t>(?P<y1>{Y}){S}年{S}(?P<m1>{M}){S}月{S}(?P<d1>{D}))(?:[\s，,。；;、）)]|$)",
        examples: &["二〇一五年三月三", "2015年3月3，"],
        negatives: &["2015年3月3个", "2015年3月"],
    },
    Rule {
        name: "point: M/D/YYYY",
        pattern: r"{NUMPRE}(?P<t>(?P<m1>[0-9]{1,2})/(?P<d1>[0-9]{1,2})/(?P<y1>[12][0-9]{3})){NUMPOST}",
        examples: &["3/3/2015", "10/31/1974"],
        negatives: &["58735799-9-/2018-1224003", "1/2/20181"],
    },
    Rule {
        name: "point: YYYY-MM",
        pattern: r"{NUMPRE}(?P<t>(?P<y1>{YA})(?P<s1>[-/.])(?P<m1>0[1-9]|1[0-2])){NUMPOST_DASH}",
        examples: &["2019-03", "2020/12"],
        negatives: &[
            "2018-1224003",
            "000014349/2018-00212",
            "2018-12-24",
            "2019-13",
        ],
    },
    Rule {
        name: "point: YYYY年M月",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<m1>{M}){S}月(?:份|{S}(?P<q1>底|末|初|上旬|中旬|下旬))?",
        examples: &[
            "2018年12月",
            "2023年1月",
            "2019年3月份",
            "2019年6月底",
            "二〇一九年三月",
        ],
        negatives: &["2018年"],
    },
    Rule {
        name: "point: YYYY年底",
        pattern: r"(?P<y1>{Y}){S}年{S}(?P<q1>年?底|年?末|年?尾|年?初|年?頭)",
        examples: &["2024年底", "2020年末", "2019年初", "2019年年底"],
        negatives: &["2024年"],
    },
    Rule {
        name: "point: YYYY年",
        pattern: r"(?P<y1>{Y}){S}年度?",
        examples: &["2018年", "2020 年", "二〇三五年", "2019年度", "２０２０年"],
        negatives: &[
            "〔2018〕66号",
            "12.9亿元",
            "39条",
            "2.41万户",
            "50条",
            "24小时",
            "5年",
        ],
    },
    Rule {
        name: "point: 今年M月D日 (year of the document)",
        pattern: r"(?P<r1>{RY}){S}(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}",
        examples: &["今年4月1日", "明年三月十五号"],
        negatives: &["今年"],
    },
    Rule {
        name: "point: 今年M月 (year of the document)",
        pattern: r"(?P<r1>{RY}){S}(?P<m1>{M}){S}月(?:份|{S}(?P<q1>底|末|初|上旬|中旬|下旬))?",
        examples: &["今年4月", "去年12月份", "明年3月底"],
        negatives: &["今年"],
    },
    Rule {
        name: "point: 今年底 (year of the document)",
        pattern: r"(?P<r1>{RY}){S}(?P<q1>年?底|年?末|年?尾|年?初|年?頭)",
        examples: &["今年底", "明年年初", "去年年末"],
        negatives: &["今年"],
    },
    Rule {
        name: "point: 今年 (year of the document)",
        pattern: r"(?P<r1>{RY})",
        examples: &["今年", "明年", "去年", "上年"],
        negatives: &["年年", "当年"],
    },
    Rule {
        name: "point: M月D日 (year of the document)",
        pattern: r"(?P<m1>{M}){S}月{S}(?P<d1>{D}){S}{DM}",
        examples: &["10月21日", "三月一号", "2月15號", "十月二十一日"],
        negatives: &["10月", "24小时"],
    },
    Rule {
        name: "point: M月D without 日 (year of the document)",
        pattern: r"(?P<t>(?P<m1>{M}){S}月{S}(?P<d1>{D}))(?:[\s，,。；;、）)]|$)",
        examples: &["二月十五", "3月3，"],
        negatives: &["3月3个", "3月"],
    },
    Rule {
        name: "point: M月 (year of the document)",
        pattern: r"(?P<m1>{M}){S}月(?:份|{S}(?P<q1>底|末|初|上旬|中旬|下旬))?",
        examples: &["3月", "3月份", "三月", "十二月", "6月底"],
        negatives: &["6个月", "岁月"],
    },
    Rule {
        name: "point: 年底 (year of the document)",
        pattern: r"(?P<q1>年底|年末|年尾|年初)",
        examples: &["年底", "年末", "年初"],
        negatives: &["年度"],
    },
    Rule {
        name: "point: 国庆节 (a holiday of the document's year)",
        pattern: r"(?P<h>元旦|情人节|情人節|妇女节|婦女節|植树节|植樹節|愚人节|愚人節|劳动节|勞動節|青年节|青年節|儿童节|兒童節|建党节|建黨節|建军节|建軍節|教师节|教師節|国庆节|國慶節|国庆|國慶|万圣节|萬聖節|平安夜|圣诞节|聖誕節|圣诞|聖誕)",
        examples: &["国庆节", "元旦", "聖誕節", "劳动节"],
        negatives: &["春节"],
    },
    Rule {
        name: "point: 今天 (day of the document)",
        pattern: r"(?P<rd>今天|今日|明天|明日|昨天|昨日|后天|後天|前天)",
        examples: &["今天", "明天", "昨日", "后天"],
        negatives: &["日前", "近日"],
    },
    Rule {
        name: "point: 下周二 (week of the document)",
        pattern: r"(?P<wk>上上|下下|上|下|这|這|本)(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?P<wd>[一二三四五六日天1-7])",
        examples: &["下周二", "上个星期天", "本周五", "這禮拜三"],
        negatives: &["周一至周五", "每周一"],
    },
    Rule {
        name: "point: 下个月 (month of the document)",
        pattern: r"(?P<rm>本月|上个月|上個月|上月|下个月|下個月|下月)",
        examples: &["本月", "下个月", "上月"],
        negatives: &["每月", "个月"],
    },
    Rule {
        name: "point: YYYY without 年",
        pattern: r"(?:^|[^0-9０-９.．\-/／〔\[(（［【约約近超达達共计計逾第每])(?P<t>(?P<y1>{YA}))(?:[^0-9０-９.．%％A-Za-zＡ-Ｚａ-ｚ年月日号號个個家人张張名条條项項次户戶余餘多千百万萬亿億元个米吨噸台辆輛所座套件份只头頭平公毫间間亩畝床种種册冊篇场場支批斤克小字处處分位例道款部株棵根块塊盏盞枚倍兆瓦秒〕\])）］】\-/／—–~～至到]|$)",
        examples: &["2020天", "2030”", "，2019 "],
        negatives: &[
            "〔2018〕66号",
            "3553 次",
            "2000多",
            "2018-1224003",
            "2019年",
            "2020个",
            "(2018)",
            "2.2030",
            "2000平方米",
            "约2000，",
            "2000km",
        ],
    },
];

/// The compiled date rules with the plan table.
#[derive(Debug)]
pub(crate) struct DateRules {
    rules: Vec<CompiledRule>,
    /// Five-year plans by name: (start year, end year).
    plans: HashMap<String, (i32, i32)>,
    /// Where each rule can match: see [`Triggers`].
    triggers: Triggers,
}

/// A prefilter for the rules: one pass finds the literals ("triggers")
/// that every match of a rule contains; a rule is then searched only
/// within its longest match length around its triggers. Rules without
/// such a literal or bound are searched over the whole text.
#[derive(Debug)]
struct Triggers {
    /// All the rules' trigger characters, sorted.
    chars: Vec<char>,
    /// Bit `c` set for every trigger character `c` below U+10000: most
    /// characters of a text are told apart from the triggers by one read.
    bmp: Vec<u64>,
    /// For each character of `chars`, the rules it triggers.
    rules_of: Vec<Vec<usize>>,
    /// For each rule, its longest match in bytes, `None` when it is
    /// searched over the whole text.
    max_len: Vec<Option<usize>>,
}

impl Triggers {
    fn new(patterns: &[String]) -> Triggers {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        let mut max_len = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let Ok(hir) = regex_syntax::parse(p) else {
                max_len.push(None);
                continue;
            };
            let props = hir.properties();
            let bounded = props
                .maximum_len()
                .filter(|_| props.minimum_len() != Some(0));
            let req = required(&hir);
            let (Some(len), Some(req)) = (bounded, req) else {
                max_len.push(None);
                continue;
            };
            max_len.push(Some(len));
            for lit in req {
                match literals.iter().position(|l| *l == lit) {
                    Some(k) if rules_of[k].contains(&i) => {}
                    Some(k) => rules_of[k].push(i),
                    None => {
                        literals.push(lit);
                        rules_of.push(vec![i]);
                    }
                }
            }
        }
        // Every literal is one character (see `required`); were one not,
        // or none found, every rule is searched over the whole text.
        let chars: Option<Vec<char>> = literals
            .iter()
            .map(|l| {
                let s = std::str::from_utf8(l).ok()?;
                let mut it = s.chars();
                let c = it.next()?;
                it.next().is_none().then_some(c)
            })
            .collect();
        let chars = chars.filter(|c| !c.is_empty()).unwrap_or_default();
        if chars.is_empty() {
            max_len.iter_mut().for_each(|m| *m = None);
        }
        // Sorted by character, each with its rules.
        let mut pairs: Vec<(char, Vec<usize>)> = chars.into_iter().zip(rules_of).collect();
        pairs.sort_by_key(|p| p.0);
        let (chars, rules_of): (Vec<char>, Vec<Vec<usize>>) = pairs.into_iter().unzip();
        let mut bmp = vec![0u64; 0x10000 / 64];
        for &c in &chars {
            let c = c as usize;
            if c < 0x10000 {
                bmp[c / 64] |= 1 << (c % 64);
            }
        }
        Triggers {
            chars,
            bmp,
            rules_of,
            max_len,
        }
    }

    /// The index in `chars` of `c`, if it is a trigger.
    fn trigger(&self, c: char) -> Option<usize> {
        let u = c as usize;
        if u < 0x10000 && self.bmp[u / 64] & (1 << (u % 64)) == 0 {
            return None;
        }
        self.chars.binary_search(&c).ok()
    }

    /// For each rule, the disjoint byte windows (in order) that hold all
    /// its matches in `text`; `None` for a rule searched everywhere.
    fn windows(&self, text: &str) -> Vec<Option<Vec<(usize, usize)>>> {
        let mut out: Vec<Option<Vec<(usize, usize)>>> =
            self.max_len.iter().map(|m| m.map(|_| Vec::new())).collect();
        if self.chars.is_empty() {
            return out;
        }
        // Single characters: occurrences never overlap.
        for (start, c) in chars_fast(text) {
            let Some(k) = self.trigger(c) else {
                continue;
            };
            let end = start + c.len_utf8();
            for &r in &self.rules_of[k] {
                let (Some(len), Some(ws)) = (self.max_len[r], out[r].as_mut()) else {
                    continue;
                };
                // A match holding this trigger lies in [end - len, start + len].
                let a = end.saturating_sub(len);
                let b = (start + len).min(text.len());
                match ws.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => ws.push((a, b)),
                }
            }
        }
        for ws in out.iter_mut().flatten() {
            for w in ws.iter_mut() {
                w.0 = floor_boundary(text, w.0);
                w.1 = ceil_boundary(text, w.1);
            }
        }
        out
    }
}

/// The characters of `text` with their byte offsets, as `char_indices`
/// gives them, decoding the one- and three-byte forms (ASCII and nearly
/// all Chinese) inline.
fn chars_fast(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let at = i;
        let lead = *b.get(at)?;
        if lead < 0x80 {
            i += 1;
            return Some((at, char::from(lead)));
        }
        if (0xE0..0xF0).contains(&lead) && at + 2 < b.len() {
            let u = (u32::from(lead & 0x0F) << 12)
                | (u32::from(b[at + 1] & 0x3F) << 6)
                | u32::from(b[at + 2] & 0x3F);
            if let Some(c) = char::from_u32(u) {
                i += 3;
                return Some((at, c));
            }
        }
        let c = text[at..].chars().next()?;
        i += c.len_utf8();
        Some((at, c))
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Literals of which every match of `hir` contains one; `None` when no
/// small such set is known.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    const MAX_CLASS: usize = 32;
    // Common characters, most common first.
    const COMMON: &str = "的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发动同工也能下过产种面而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别角期根论运农指几九区强放决西被干做必战先回则任取据处府研";
    match hir.kind() {
        // One character of the literal (all are required), so that the
        // triggers never overlap: the least common one.
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let c = s
                .chars()
                .max_by_key(|c| COMMON.chars().position(|k| k == *c).unwrap_or(usize::MAX))?;
            Some(vec![c.to_string().into_bytes()])
        }
        HirKind::Class(Class::Unicode(c)) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    out.push(ch.to_string().into_bytes());
                    if out.len() > MAX_CLASS {
                        return None;
                    }
                }
            }
            if out.is_empty() {
                None
            } else {
                Some(out)
            }
        }
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Concat(subs) => subs.iter().filter_map(required).min_by_key(|set| {
            (
                set.len(),
                usize::MAX - set.iter().map(Vec::len).min().unwrap_or(0),
            )
        }),
        HirKind::Alternation(subs) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for s in subs {
                out.extend(required(s)?);
            }
            Some(out)
        }
        _ => None,
    }
}

impl DateRules {
    /// Compiles [`RULES`] with the plan names of `dicts`.
    pub(crate) fn new(dicts: &Dicts) -> Result<DateRules> {
        let mut plans = HashMap::new();
        for (name, range) in &dicts.plans {
            if let Some((s, e)) = range.split_once('/') {
                if let (Ok(s), Ok(e)) = (s.trim().parse(), e.trim().parse()) {
                    plans.insert(name.clone(), (s, e));
                }
            }
        }
        let long: Vec<&str> = dicts
            .plans
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| n.chars().count() >= 3)
            .collect();
        let short: Vec<&str> = dicts
            .plans
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| n.chars().count() < 3)
            .collect();
        // Plans beyond the table (十六五 ...) are read generically and computed.
        let generic = "十[一二三四五六七八九]五";
        let plans_long = format!("(?:{}|{generic})", alternation(&long));
        let plans_short = alternation(&short);
        let plans_all = format!("(?:{plans_long}|{plans_short})");
        let mut values: Vec<(&str, &str)> = vec![
            ("PLANS_LONG", plans_long.as_str()),
            ("PLANS_SHORT", plans_short.as_str()),
            ("PLANS", plans_all.as_str()),
        ];
        values.extend_from_slice(FRAGMENTS);
        let patterns: Vec<String> = RULES.iter().map(|r| expand(r.pattern, &values)).collect();
        Ok(DateRules {
            rules: compile(RULES, &values)?,
            plans,
            triggers: Triggers::new(&patterns),
        })
    }

    pub(crate) fn compiled(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// The years of plan number `n` (一五 is 1): from the table, else on the
    /// five-year cadence from 三五 (1966).
    fn plan(&self, n: u64) -> Option<(i32, i32)> {
        if n == 0 || n > 99 {
            return None;
        }
        if let Some(r) = plan_name(n).and_then(|name| self.plans.get(&name)) {
            return Some(*r);
        }
        let start = if n <= 2 {
            1953 + 5 * (n as i32 - 1)
        } else {
            1966 + 5 * (n as i32 - 3)
        };
        Some((start, start + 4))
    }

    /// The years of a plan named `name` (十四五).
    fn plan_by_name(&self, name: &str) -> Option<(i32, i32)> {
        if let Some(r) = self.plans.get(name) {
            return Some(*r);
        }
        let n = parse_chinese_int(name.strip_suffix('五')?)?;
        self.plan(n)
    }
}

/// The name of plan `n`: 一五, 十五, 十四五.
fn plan_name(n: u64) -> Option<String> {
    const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        1..=9 => Some(format!("{}五", DIGITS[n as usize - 1])),
        10 => Some("十五".to_string()),
        11..=19 => Some(format!("十{}五", DIGITS[n as usize - 11])),
        _ => None,
    }
}

/// A year as written: absolute, or relative to the document's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Year {
    Abs(i32),
    /// Offset from the document's year (今年 0, 明年 1, and 0 when absent).
    Rel(i32),
}

/// One end of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Date {
        year: Year,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// Days from the document's date (今天 0, 明天 1).
    RelDay(i64),
    /// Months from the document's month (本月 0, 下个月 1).
    RelMonth(i32),
    /// A fixed-date holiday: the next one from the document's date.
    Holiday(u32, u32),
    /// A weekday (Monday 0) of the week `.0` weeks from the document's.
    Week(i64, i64),
}

impl When {
    fn year(&self) -> Option<Year> {
        match self {
            When::Date { year, .. } => Some(*year),
            _ => None,
        }
    }

    fn needs_anchor(&self) -> bool {
        !matches!(
            self,
            When::Date {
                year: Year::Abs(_),
                ..
            }
        )
    }
}

/// What an expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    One(When),
    Span(When, When),
}

/// A proposed date before overlaps are settled.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    rank: usize,
    rule: &'static str,
    kind: DateKind,
    shape: Shape,
}

/// The document's date as (year, month, day).
type Anchor = (i32, Option<u32>, Option<u32>);

/// Every time expression of the text, in order of position.
pub(crate) fn extract(
    ctx: &Context<'_>,
    meta: &Meta,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<DateMention> {
    let found = find(ctx.text, &ctx.rules.date);
    resolve(ctx, meta, found, diagnostics)
}

/// The rule matches of a text, before they are chosen and given values:
/// the part of [`extract`] that needs neither the header nor the document
/// date, so it can run beside the structure stage.
pub(crate) struct Found(Vec<Candidate>);

/// Finds every rule's matches in `text` (the normalized text).
pub(crate) fn find(text: &str, rules: &DateRules) -> Found {
    Found(candidates(text, rules, true))
}

/// Chooses among the matches [`find`] made in `ctx.text` and resolves them
/// against the document's date: the rest of [`extract`].
pub(crate) fn resolve(
    ctx: &Context<'_>,
    meta: &Meta,
    found: Found,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<DateMention> {
    let text = ctx.text;
    let Found(mut cands) = found;
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rank.cmp(&b.rank))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in cands {
        if chosen.last().map_or(true, |last| c.start >= last.end) {
            chosen.push(c);
        }
    }
    for c in &mut chosen {
        if is_publication(text, c) {
            c.kind = DateKind::Publication;
        }
    }
    let anchor = ctx
        .doc_date
        .and_then(parse_iso)
        .or_else(|| meta.publish_date.as_deref().and_then(parse_iso))
        .or_else(|| meta.signed_date.as_deref().and_then(parse_iso))
        .or_else(|| own_anchor(&chosen));
    mark_target_years(text, &mut chosen, anchor);
    let inferred = infer_year(&chosen);
    let mut out = Vec::with_capacity(chosen.len());
    for c in &chosen {
        let mut a = anchor;
        // A news lead (`10月21日，...发布`) names the day the text appeared;
        // without a document date, its year is the year the text speaks of.
        if a.is_none() && c.kind == DateKind::Publication {
            a = inferred.map(|y| (y, None, None));
        }
        let value = value(&c.shape, a);
        if value.is_none() {
            diagnostics.push(Diagnostic {
                level: Level::Warning,
                message: format!(
                    "date rule `{}`: cannot resolve `{}` {}",
                    c.rule,
                    &text[c.start..c.end],
                    if a.is_some() {
                        "to a calendar day"
                    } else {
                        "without a document date"
                    }
                ),
                span: Some(Span::new(c.start, c.end)),
            });
        }
        out.push(DateMention {
            text: text[c.start..c.end].to_string(),
            span: Span::new(c.start, c.end),
            value,
            kind: c.kind,
        });
    }
    out
}

/// Every rule's candidates in `text`, searched near the rules' triggers
/// (`windowed`) or over the whole text (the same result, slower).
fn candidates(text: &str, rules: &DateRules, windowed: bool) -> Vec<Candidate> {
    let mut cands = Vec::new();
    let windows = if windowed {
        rules.triggers.windows(text)
    } else {
        vec![None; rules.compiled().len()]
    };
    for (rank, (c, ws)) in rules.compiled().iter().zip(windows).enumerate() {
        let (Some(ws), Some(len)) = (ws, rules.triggers.max_len[rank]) else {
            for caps in c.regex.captures_iter(text) {
                if let Some(cand) = candidate(text, rules, rank, c.rule.name, &caps) {
                    cands.push(cand);
                }
            }
            continue;
        };
        // Every match lies in one window, so searching window by window
        // finds the matches `captures_iter` finds over the whole text. The
        // haystack ends `len` past the window: a match that starts in the
        // window ends before that cut, so `$` at the cut never counts.
        let mut pos = 0;
        for (a, b) in ws {
            let hay = &text[..ceil_boundary(text, b + len + 1)];
            pos = pos.max(a);
            // Most windows hold no match: `find_at` tells so without
            // building the capture groups.
            while let Some(found) = c.regex.find_at(hay, pos) {
                if found.start() >= b {
                    break;
                }
                let Some(caps) = c.regex.captures_at(hay, pos) else {
                    break;
                };
                let Some(m) = caps.get(0) else { break };
                if m.start() >= b {
                    break;
                }
                if let Some(cand) = candidate(text, rules, rank, c.rule.name, &caps) {
                    cands.push(cand);
                }
                pos = m.end();
            }
        }
    }
    cands
}

/// Reads one match into a candidate; `None` if its context or values say
/// it is not a date.
fn candidate(
    text: &str,
    rules: &DateRules,
    rank: usize,
    rule: &'static str,
    caps: &Captures<'_>,
) -> Option<Candidate> {
    let whole = caps.get(0)?;
    let span = caps.name("t").unwrap_or(whole);
    let (start, end) = (span.start(), span.end());
    let before = &text[..start];
    let after = &text[end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let first = span.as_str().chars().next()?;
    // A number glued to a longer number is not a date.
    if first.is_ascii_digit() || is_fullwidth_digit(first) {
        if prev.is_some_and(|p| p.is_ascii_digit() || is_fullwidth_digit(p) || p == '.') {
            return None;
        }
    } else if is_cn_numeral(first) && prev.is_some_and(is_cn_numeral) {
        return None;
    }
    let kind = match rule.split(':').next().unwrap_or("") {
        "deadline" => DateKind::Deadline,
        "period" => DateKind::Period,
        "publication" => DateKind::Publication,
        _ => DateKind::Point,
    };
    let g = |name: &str| caps.name(name).map(|m| m.as_str());
    // Recurring times (每年年底, 各季度) and 当年 (that year) name no date.
    if g("q1").is_some()
        && g("y1").is_none()
        && g("r1").is_none()
        && prev.is_some_and(|p| "每各当當同全该該年".contains(p))
    {
        return None;
    }
    // 每年3月31日, 次年3月: a month of no year the document names.
    if g("m1").is_some()
        && g("y1").is_none()
        && g("r1").is_none()
        && prev.is_some_and(|p| "每年月".contains(p))
    {
        return None;
    }
    // 以下年龄, 最后年限, 基本年金: two-character year words inside other
    // words. Only the unambiguous 今年 明年 去年 stand after any character.
    if let Some(r) = g("r1") {
        let ambiguous = !matches!(r, "今年" | "明年" | "去年");
        let free = prev.map_or(true, |p| {
            !is_han(p) || "于於在从從自到至比较較与與和及同截止".contains(p)
        });
        if ambiguous && !free {
            return None;
        }
    }
    // 统一月度, 唯一月份: a Chinese-numeral month right after another word.
    if g("y1").is_none()
        && g("r1").is_none()
        && g("m1").is_some_and(|m| m.chars().any(is_cn_numeral))
        && span.as_str().starts_with(is_cn_numeral)
        && prev.is_some_and(|p| is_han(p) && !"于於在从從自到至截止及和与與、".contains(p))
    {
        return None;
    }
    // 上年度 and the like are each party's own year, not the document's.
    if g("r1").is_some() && g("m1").is_none() && g("q1").is_none() && next == Some('度') {
        return None;
    }
    if g("q1").is_some_and(|q| q.ends_with('初')) && next.is_some_and(|c| "步级級".contains(c))
    {
        return None;
    }
    // 2019年前三季度 is a part of 2019, not a time before it.
    if kind == DateKind::Deadline
        && span.as_str().ends_with('前')
        && next.is_some_and(|c| is_cn_numeral(c) || c.is_ascii_digit() || "季个個后後".contains(c))
    {
        return None;
    }
    if span.as_str().ends_with(['内', '內']) && next.is_some_and(|c| "部容外地涵蒙".contains(c))
    {
        return None;
    }
    if let (Some(a), Some(b)) = (g("s1"), g("s2")) {
        if a != b {
            return None;
        }
    }
    let shape = if let Some(p) = g("p") {
        let (s, e) = rules.plan_by_name(p)?;
        years(s, e)
    } else if let Some(po) = g("po") {
        let (s, e) = rules.plan(parse_chinese_int(po)?)?;
        years(s, e)
    } else if let Some(rd) = g("rd") {
        Shape::One(When::RelDay(match rd {
            "今天" | "今日" => 0,
            "明天" | "明日" => 1,
            "后天" | "後天" => 2,
            "昨天" | "昨日" => -1,
            _ => -2,
        }))
    } else if g("rp").is_some() {
        let y = |o| When::Date {
            year: Year::Rel(o),
            month: None,
            day: None,
        };
        Shape::Span(y(0), y(1))
    } else if let Some(h) = g("h") {
        let (m, d) = holiday(h)?;
        Shape::One(When::Holiday(m, d))
    } else if let (Some(wk), Some(wd)) = (g("wk"), g("wd")) {
        let weeks = match wk {
            "上上" => -2,
            "上" => -1,
            "下" => 1,
            "下下" => 2,
            _ => 0,
        };
        let day = match wd {
            "日" | "天" | "7" => 6,
            d => i64::from(parse_small(d)?) - 1,
        };
        Shape::One(When::Week(weeks, day))
    } else if let Some(rm) = g("rm") {
        Shape::One(When::RelMonth(match rm {
            "本月" => 0,
            s if s.starts_with('上') => -1,
            _ => 1,
        }))
    } else {
        let year = match (g("y1"), g("r1")) {
            (Some(y), _) => Year::Abs(parse_year(y)?),
            (None, _) if g("yr").is_some() => Year::Abs(1911 + parse_small(g("yr")?)? as i32),
            (None, _) if g("yy").is_some() => {
                let yy = parse_small(g("yy")?)? as i32;
                Year::Abs(if yy < 50 { 2000 + yy } else { 1900 + yy })
            }
            (None, Some(r)) => Year::Rel(relative_year(r)),
            (None, None) => Year::Rel(0),
        };
        let month = read(g("m1"), parse_small)?;
        let day = read(g("d1"), parse_small)?;
        let start = When::Date { year, month, day };
        if g("y2").is_some() || g("m2").is_some() || g("d2").is_some() {
            let y2 = read(g("y2"), parse_year)?;
            let m2 = read(g("m2"), parse_small)?;
            let d2 = read(g("d2"), parse_small)?;
            // The end has the start's grain: 1日至12月31日, 1月至3月, 2018至2020年.
            if day.is_some() != d2.is_some() || (month.is_some() && d2.is_none() && m2.is_none()) {
                return None;
            }
            let mut end_year = y2.map(Year::Abs).unwrap_or(year);
            let end_month = m2.or(month);
            if y2.is_none() && (end_month, d2) < (month, day) {
                end_year = match end_year {
                    Year::Abs(y) => Year::Abs(y + 1),
                    Year::Rel(o) => Year::Rel(o + 1),
                };
            }
            let end_w = When::Date {
                year: end_year,
                month: end_month,
                day: d2,
            };
            if let (Year::Abs(a), Year::Abs(b)) = (year, end_year) {
                if b < a || b - a > 100 || (a == b && month.is_none()) {
                    return None;
                }
            }
            Shape::Span(start, end_w)
        } else if let Some(q) = g("q1") {
            part_of_year(year, month, q, kind)
        } else {
            Shape::One(start)
        }
    };
    if !valid(&shape) {
        return None;
    }
    let (kind, shape) = match (kind, shape) {
        (DateKind::Point, Shape::Span(..)) => (DateKind::Period, shape),
        // 到“十四五”末 is due at the plan's end.
        (DateKind::Deadline, Shape::Span(_, b)) => (kind, Shape::One(b)),
        (k, s) => (k, s),
    };
    Some(Candidate {
        start,
        end,
        rank,
        rule,
        kind,
        shape,
    })
}

/// `Some(None)` when the part is absent, `None` when it is unreadable.
fn read<T>(part: Option<&str>, parse: fn(&str) -> Option<T>) -> Option<Option<T>> {
    match part {
        None => Some(None),
        Some(s) => parse(s).map(Some),
    }
}

/// A span of whole years.
fn years(s: i32, e: i32) -> Shape {
    let y = |y| When::Date {
        year: Year::Abs(y),
        month: None,
        day: None,
    };
    Shape::Span(y(s), y(e))
}

/// 上半年, 第一季度, 年底 ... of `year` (with `month` for 6月底).
fn part_of_year(year: Year, month: Option<u32>, q: &str, kind: DateKind) -> Shape {
    let m = |mo: u32| When::Date {
        year,
        month: Some(mo),
        day: None,
    };
    if month.is_some() {
        return Shape::One(m(month.unwrap_or(1)));
    }
    let quarter = q
        .chars()
        .find_map(|c| match c {
            '一' | '1' | '１' => Some(1),
            '二' | '2' | '２' => Some(2),
            '三' | '3' | '３' => Some(3),
            '四' | '4' | '４' => Some(4),
            _ => None,
        })
        .filter(|_| q.contains('季'));
    let span = if q.starts_with("前三") {
        Some((1, 9))
    } else if let Some(n) = quarter {
        Some((3 * n - 2, 3 * n))
    } else if q == "上半年" {
        Some((1, 6))
    } else if q == "下半年" {
        Some((7, 12))
    } else {
        None
    };
    match span {
        // A deadline names the end of the part (上半年前: by June).
        Some((_, b)) if kind == DateKind::Deadline => Shape::One(m(b)),
        Some((a, b)) => Shape::Span(m(a), m(b)),
        None if q.ends_with(['初', '頭']) => Shape::One(m(1)),
        // 2024年底前 is due in 2024; 2024年底 as a time is its December.
        None if kind == DateKind::Deadline => Shape::One(When::Date {
            year,
            month: None,
            day: None,
        }),
        None => Shape::One(m(12)),
    }
}

/// The month and day of a fixed-date holiday.
fn holiday(name: &str) -> Option<(u32, u32)> {
    let first = name.chars().next()?;
    Some(match first {
        '元' => (1, 1),
        '情' => (2, 14),
        '妇' | '婦' => (3, 8),
        '植' => (3, 12),
        '愚' => (4, 1),
        '劳' | '勞' => (5, 1),
        '青' => (5, 4),
        '儿' | '兒' => (6, 1),
        '建' if name.contains(['党', '黨']) => (7, 1),
        '建' => (8, 1),
        '教' => (9, 10),
        '国' | '國' => (10, 1),
        '万' | '萬' => (10, 31),
        '平' => (12, 24),
        '圣' | '聖' => (12, 25),
        _ => return None,
    })
}

fn relative_year(word: &str) -> i32 {
    match word {
        "明年" | "下年" | "来年" | "來年" => 1,
        "后年" | "後年" => 2,
        "去年" | "上年" => -1,
        "前年" => -2,
        _ => 0,
    }
}

/// Months and days in range (days checked against the month where the
/// year is known).
fn valid(shape: &Shape) -> bool {
    let ok = |w: &When| match *w {
        When::Date { year, month, day } => {
            let m_ok = month.map_or(true, |m| (1..=12).contains(&m));
            let max = match (year, month) {
                (Year::Abs(y), Some(m)) => days_in_month(y, m),
                _ => 31,
            };
            let d_ok =
                day.map_or(true, |d| d >= 1 && d <= max) && (day.is_none() || month.is_some());
            let y_ok = match year {
                Year::Abs(y) => (1000..=2999).contains(&y),
                Year::Rel(_) => true,
            };
            m_ok && d_ok && y_ok
        }
        _ => true,
    };
    match shape {
        Shape::One(w) => ok(w),
        Shape::Span(a, b) => ok(a) && ok(b),
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number from [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_cn_numeral(c: char) -> bool {
    digit(c).is_some() || "十百千廿卅".contains(c)
}

/// A year written in Arabic, full-width or Chinese digits.
fn parse_year(s: &str) -> Option<i32> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.chars().count() != 4 {
        return None;
    }
    let mut y = 0i32;
    for c in s.chars() {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if is_fullwidth_digit(c) {
            c as u32 - '０' as u32
        } else {
            digit(c)? as u32
        };
        y = y * 10 + d as i32;
    }
    Some(y)
}

/// A month or day: `12`, `１２`, `十二`, `〇三`, `廿一`, `卅一`.
fn parse_small(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || is_fullwidth_digit(c))
    {
        return s.chars().try_fold(0u32, |acc, c| {
            let d = if c.is_ascii_digit() {
                c as u32 - '0' as u32
            } else {
                c as u32 - '０' as u32
            };
            acc.checked_mul(10)?.checked_add(d)
        });
    }
    let s = s.trim_start_matches(['〇', '零']);
    if let Some(rest) = s.strip_prefix('廿') {
        return Some(
            20 + if rest.is_empty() {
                0
            } else {
                parse_chinese_int(rest)? as u32
            },
        );
    }
    if let Some(rest) = s.strip_prefix('卅') {
        return Some(
            30 + if rest.is_empty() {
                0
            } else {
                parse_chinese_int(rest)? as u32
            },
        );
    }
    parse_chinese_int(s).and_then(|v| u32::try_from(v).ok())
}

/// `2024-10-21`, `2024-10` or `2024` to an anchor.
fn parse_iso(s: &str) -> Option<Anchor> {
    let mut it = s.trim().splitn(3, '-');
    let y: i32 = it.next()?.parse().ok().filter(|y| (1..=9999).contains(y))?;
    let m: Option<u32> = it
        .next()
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    let d: Option<u32> = it
        .next()
        .and_then(|d| d.get(..2).unwrap_or(d).parse().ok())
        .filter(|d| m.is_some_and(|m| *d >= 1 && *d <= days_in_month(y, m)));
    Some((y, m, d))
}

/// Is the date the document's own: after a header label (发布日期), alone
/// on its line under a signature, the lead of a news text, or the date the
/// text says "this" document was issued?
fn is_publication(text: &str, c: &Candidate) -> bool {
    let Shape::One(When::Date { year, month, .. }) = c.shape else {
        return false;
    };
    if month.is_none() || c.kind != DateKind::Point {
        return false;
    }
    let before = &text[..c.start];
    let after = &text[c.end..];
    let label = before.trim_end_matches(|ch: char| ch.is_whitespace() || "|｜丨│:：".contains(ch));
    const LABELS: &[&str] = &[
        "发布日期",
        "发布时间",
        "成文日期",
        "成文时间",
        "印发日期",
        "发文日期",
        "公布日期",
        "公布时间",
        "签发日期",
        "颁布日期",
        "發佈日期",
        "發布日期",
        "成文日期",
    ];
    if LABELS.iter().any(|l| label.ends_with(l)) {
        return true;
    }
    let blank = |s: &str| s.chars().all(|ch| ch.is_whitespace());
    // A date line under a signature or title (not a text of one line).
    if matches!(year, Year::Abs(_)) && !blank(before) && alone_on_line(text, c.start, c.end) {
        return true;
    }
    // A news lead: the text opens with the date, then the issuer.
    if blank(before)
        && text[c.start..].starts_with(|ch: char| ch.is_ascii_digit() || is_cn_numeral(ch))
        && after.starts_with(['，', ',', ' ', '　'])
    {
        let sentence: String = after
            .chars()
            .take_while(|ch| *ch != '。')
            .take(80)
            .collect();
        if ["发布", "印发", "公布", "颁布", "出台"]
            .iter()
            .any(|v| sentence.contains(v))
        {
            return true;
        }
    }
    let rest: String = after.chars().take(8).collect();
    let rest = rest.trim_start_matches('正').trim_start_matches('式');
    ["发布", "印发", "公布", "颁布"].iter().any(|v| {
        rest.strip_prefix(v)
            .map(|r| r.trim_start_matches('了'))
            .is_some_and(|r| r.starts_with("这一") || r.starts_with('本') || r.starts_with('该'))
    })
}

/// Is `start..end` alone on its line (white space aside)? Reads only up to
/// the first other character on either side.
fn alone_on_line(text: &str, start: usize, end: usize) -> bool {
    fn blank_to_newline(it: impl Iterator<Item = char>) -> bool {
        it.take_while(|c| *c != '\n').all(char::is_whitespace)
    }
    blank_to_newline(text[..start].chars().rev()) && blank_to_newline(text[end..].chars())
}

/// Without a given document date: the first publication date that names
/// its year.
fn own_anchor(chosen: &[Candidate]) -> Option<Anchor> {
    chosen.iter().find_map(|c| match c.shape {
        Shape::One(When::Date {
            year: Year::Abs(y),
            month,
            day,
        }) if c.kind == DateKind::Publication => Some((y, month, day)),
        _ => None,
    })
}

/// The year a text speaks of as its present: the latest year it names as a
/// time (not a deadline), or the start of a period.
fn infer_year(chosen: &[Candidate]) -> Option<i32> {
    chosen
        .iter()
        .filter(|c| matches!(c.kind, DateKind::Point | DateKind::Period))
        .filter_map(|c| match c.shape {
            Shape::One(w) | Shape::Span(w, _) => match w.year() {
                Some(Year::Abs(y)) => Some(y),
                _ => None,
            },
        })
        .max()
}

/// In an indicator table a year alone in its cell (`2025 年`) heads the
/// target column when it lies after the document's year (or after the
/// year cell before it): a deadline.
fn mark_target_years(text: &str, chosen: &mut [Candidate], anchor: Option<Anchor>) {
    let mut prev_cell: Option<i32> = None;
    for c in chosen.iter_mut() {
        let Shape::One(When::Date {
            year: Year::Abs(y),
            month: None,
            day: None,
        }) = c.shape
        else {
            continue;
        };
        if c.kind != DateKind::Point {
            continue;
        }
        if !alone_on_line(text, c.start, c.end) {
            continue;
        }
        let later = match anchor {
            Some((a, _, _)) => y > a,
            None => prev_cell.is_some_and(|p| y > p),
        };
        if later {
            c.kind = DateKind::Deadline;
        }
        prev_cell = Some(y);
    }
}

/// The ISO value of a candidate, given the document's date.
fn value(shape: &Shape, anchor: Option<Anchor>) -> Option<String> {
    match shape {
        Shape::One(w) => iso(w, anchor),
        Shape::Span(a, b) => Some(format!("{}/{}", iso(a, anchor)?, iso(b, anchor)?)),
    }
}

fn iso(w: &When, anchor: Option<Anchor>) -> Option<String> {
    let fmt = |y: i32, m: Option<u32>, d: Option<u32>| match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    if !w.needs_anchor() {
        if let When::Date {
            year: Year::Abs(y),
            month,
            day,
        } = *w
        {
            return Some(fmt(y, month, day));
        }
    }
    let (ay, am, ad) = anchor?;
    match *w {
        When::Date { year, month, day } => {
            let y = match year {
                Year::Abs(y) => y,
                Year::Rel(o) => ay + o,
            };
            if let (Some(m), Some(d)) = (month, day) {
                if d > days_in_month(y, m) {
                    return None;
                }
            }
            Some(fmt(y, month, day))
        }
        When::RelMonth(o) => {
            let total = ay * 12 + am? as i32 - 1 + o;
            Some(fmt(
                total.div_euclid(12),
                Some(total.rem_euclid(12) as u32 + 1),
                None,
            ))
        }
        When::RelDay(o) => {
            let (y, m, d) = civil_from_days(days_from_civil(ay, am?, ad?) + o);
            Some(fmt(y, Some(m), Some(d)))
        }
        When::Week(weeks, wd) => {
            let today = days_from_civil(ay, am?, ad?);
            let monday = today - (today + 3).rem_euclid(7);
            let (y, m, d) = civil_from_days(monday + 7 * weeks + wd);
            Some(fmt(y, Some(m), Some(d)))
        }
        When::Holiday(m, d) => {
            let passed = matches!((am, ad), (Some(am), Some(ad)) if (m, d) < (am, ad));
            Some(fmt(ay + i32::from(passed), Some(m), Some(d)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        for (s, v) in [
            ("12", 12),
            ("０１", 1),
            ("十二", 12),
            ("二十一", 21),
            ("廿一", 21),
            ("卅一", 31),
            ("〇三", 3),
            ("三十", 30),
        ] {
            assert_eq!(parse_small(s), Some(v), "{s}");
        }
        assert_eq!(parse_year("二〇一八"), Some(2018));
        assert_eq!(parse_year("２０２０"), Some(2020));
        assert_eq!(parse_year("一九九八"), Some(1998));
    }

    #[test]
    fn civil_days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (2013, 2, 12)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 2), 1);
    }

    #[test]
    fn plans_follow_the_table_and_the_cadence() {
        let rules = DateRules::new(&Dicts::embedded()).unwrap();
        assert_eq!(rules.plan(1), Some((1953, 1957)));
        assert_eq!(rules.plan(3), Some((1966, 1970)));
        assert_eq!(rules.plan(10), Some((2001, 2005)));
        assert_eq!(rules.plan(14), Some((2021, 2025)));
        assert_eq!(rules.plan_by_name("十六五"), Some((2031, 2035)));
        assert_eq!(rules.plan_by_name("十九五"), Some((2046, 2050)));
        // The table and the cadence agree from 三五 on.
        let empty = DateRules::new(&Dicts::empty()).unwrap();
        for n in 1..=15 {
            assert_eq!(rules.plan(n), empty.plan(n), "plan {n}");
        }
    }

    #[test]
    fn fast_chars_are_char_indices() {
        for t in [
            "",
            "a",
            "到2025年底，é😀\u{FEFF}\n（一）",
            "\u{800}\u{FFFF}\u{10000}",
        ] {
            assert_eq!(
                chars_fast(t).collect::<Vec<_>>(),
                t.char_indices().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn windows_find_what_the_whole_text_search_finds() {
        let rules = DateRules::new(&Dicts::embedded()).unwrap();
        let mut texts = crate::rules::fixture_texts();
        // The rules' own examples and negatives, glued and spaced, so that
        // matches meet the windows' edges.
        let words: Vec<&str> = RULES
            .iter()
            .flat_map(|r| r.examples.iter().chain(r.negatives.iter()))
            .copied()
            .collect();
        for sep in ["", " ", "\n", "，", "至", "年", "月", "2", "一"] {
            texts.push(words.join(sep));
        }
        let show =
            |cs: Vec<Candidate>| -> Vec<String> { cs.iter().map(|c| format!("{c:?}")).collect() };
        for t in &texts {
            let fast = show(candidates(t, &rules, true));
            assert!(!fast.is_empty());
            assert_eq!(fast, show(candidates(t, &rules, false)));
        }
    }

    #[test]
    fn iso_parsing() {
        assert_eq!(parse_iso("2024-10-21"), Some((2024, Some(10), Some(21))));
        assert_eq!(parse_iso("2024"), Some((2024, None, None)));
        assert_eq!(parse_iso("x"), None);
        assert_eq!(parse_iso("2147483647"), None);
        assert_eq!(parse_iso("2023-02-29"), Some((2023, Some(2), None)));
    }
}
