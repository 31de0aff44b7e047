//! Unit tests of the party rules, on text.

use super::*;
use crate::rules::Rules;
use crate::segment::Words;
use std::sync::LazyLock;

static RULES_SET: LazyLock<Rules> =
    LazyLock::new(|| Rules::new(Dicts::embedded_ref()).expect("rules compile"));
static WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(Dicts::embedded_ref()));

/// Runs `assign` over `text` with `measures` given as byte ranges of it.
fn run_with(text: &str, given: &[Range<usize>]) -> Vec<Measure> {
    let ctx = Context {
        text,
        dicts: Dicts::embedded_ref(),
        rules: &RULES_SET,
        words: &WORDS,
        doc_date: None,
    };
    let mut measures: Vec<Measure> = given
        .iter()
        .enumerate()
        .map(|(i, r)| Measure {
            id: i,
            number: None,
            section: None,
            title: String::new(),
            text: text[r.clone()].to_string(),
            span: Span::new(r.start, r.end),
            lead: vec![],
            cooperating: vec![],
            responsible: vec![],
            targets: vec![],
            dates: vec![],
        })
        .collect();
    let mut diags = Vec::new();
    assign(&ctx, &[], &mut measures, &mut diags);
    for d in &diags {
        assert!(d
            .span
            .is_some_and(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }
    measures
}

fn run(text: &str) -> Vec<Measure> {
    run_with(text, &[])
}

fn names(p: &[Party]) -> Vec<String> {
    p.iter()
        .filter(|p| !p.generic)
        .map(|p| p.name.clone())
        .collect()
}

/// `(lead, cooperating, responsible)` of the one measure of `text`.
fn roles(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let ms = run(text);
    assert_eq!(ms.len(), 1, "one measure expected in {text:?}: {ms:#?}");
    (
        names(&ms[0].lead),
        names(&ms[0].cooperating),
        names(&ms[0].responsible),
    )
}

#[test]
fn lead_and_cooperate_in_brackets() {
    let (l, c, r) = roles("1.发展特需医疗服务。建设高端医疗服务中心。（市卫生计生委牵头；市科技局、人力资源社会保障局配合）");
    assert_eq!(l, ["市卫生计生委"]);
    assert_eq!(c, ["市科技局", "市人力资源社会保障局"]);
    assert!(r.is_empty());
}

#[test]
fn lead_and_cooperate_with_comma() {
    let (l, c, r) = roles("5.发展特色中医服务。鼓励做大做强。（市卫生计生委牵头，市直有关部门、各县(市、区)人民政府配合）");
    assert_eq!(l, ["市卫生计生委"]);
    assert!(c.is_empty(), "generic parties only: {c:?}");
    assert!(r.is_empty());
    let ms = run("5.发展特色中医服务。鼓励做大做强。（市卫生计生委牵头，市直有关部门、各县(市、区)人民政府配合）");
    let coop: Vec<(&str, bool)> = ms[0]
        .cooperating
        .iter()
        .map(|p| (p.name.as_str(), p.generic))
        .collect();
    assert_eq!(
        coop,
        [("市直有关部门", true), ("各县(市、区)人民政府", true)]
    );
}

#[test]
fn every_bracket_kind() {
    for (open, close) in [
        ("（", "）"),
        ("(", ")"),
        ("〔", "〕"),
        ("[", "]"),
        ("【", "】"),
    ] {
        let t =
            format!("1.完善金融扶持政策。加大支持力度。{open}市金融办牵头，市财政局配合{close}");
        let (l, c, _) = roles(&t);
        assert_eq!(l, ["市金融办"], "{t}");
        assert_eq!(c, ["市财政局"], "{t}");
    }
}

#[test]
fn lead_by_duty_and_plain_duty() {
    let (l, c, r) = roles("6.提升健康管理服务能级。培育健康体检机构品牌。（市卫生计生委、人力资源社会保障局按职责分别牵头负责，市保险行业协会配合）");
    assert_eq!(l, ["市卫生计生委", "市人力资源社会保障局"]);
    assert_eq!(c, ["市保险行业协会"]);
    assert!(r.is_empty());
    let (l, c, r) = roles(
        "2.促进医学科研发展。集中优势资源。（市卫生计生委、科技局、食品药品监管局按职责分别负责）",
    );
    assert!(l.is_empty() && c.is_empty());
    assert_eq!(r, ["市卫生计生委", "市科技局", "市食品药品监管局"]);
}

#[test]
fn responsible_unit_labels() {
    let (_, _, r) =
        roles("1.推动建立完善政策法规体系。贯彻条例。（责任单位：市卫生健康委、市疾控局）");
    assert_eq!(r, ["市卫生健康委", "市疾控局"]);
    let (l, c, r) = roles("3.加强监测。完善体系。〔责任单位：省卫生健康委、省发展改革委、财政厅按职责分工负责。具体任务均涉及各市县政府，下同。〕");
    assert!(l.is_empty() && c.is_empty());
    assert_eq!(r, ["省卫生健康委", "省发展改革委", "省财政厅"]);
    let (_, _, r) = roles("4.强化保障。加大投入。（市财政局、市发展改革委负责）");
    assert_eq!(r, ["市财政局", "市发展改革委"]);
}

#[test]
fn lead_and_participants() {
    let (l, c, _) = roles(
        "（一）强化顶层设计。建立指标体系。〔生态环境部牵头，国家发展改革委、工业和信息化部参与〕",
    );
    assert_eq!(l, ["生态环境部"]);
    assert_eq!(c, ["国家发展改革委", "工业和信息化部"]);
    let (l, c, _) = roles("2.加强督导。定期通报进展。（市政府办公室牵头督导，各区落实）");
    assert_eq!(l, ["市政府办公室"]);
    assert!(c.is_empty());
}

#[test]
fn labelled_roles_in_one_bracket() {
    let (l, c, r) = roles("7.推进智慧医疗。建设平台。（牵头单位：市卫生健康委；配合单位：市经济信息化委、市大数据局）");
    assert_eq!(l, ["市卫生健康委"]);
    assert_eq!(c, ["市经济信息化委", "市大数据局"]);
    assert!(r.is_empty());
    let (l, c, r) = roles("8.加强人才培养。完善机制。（牵头单位：市人力资源社会保障局，责任单位：市教育局、市科技局）");
    assert_eq!(l, ["市人力资源社会保障局"]);
    assert!(c.is_empty());
    assert_eq!(r, ["市教育局", "市科技局"]);
}

#[test]
fn several_leads_and_huitong() {
    let (l, _, _) = roles("10.鼓励合作。建设机制。（市人力资源社会保障局、卫生计生委分别牵头）");
    assert_eq!(l, ["市人力资源社会保障局", "市卫生计生委"]);
    let (l, c, _) = roles("3.完善标准。制定目录。（商务部会同发展改革委、财政部）");
    assert_eq!(l, ["商务部"]);
    assert_eq!(c, ["发展改革委", "财政部"]);
}

#[test]
fn several_brackets_after_one_item() {
    let text = "（一）实施绿色生产。推行绿色开采。（自然资源部、工业和信息化部指导）\n开展绿色设计。（工业和信息化部、商务部指导）推广技术。（商务部指导，供销合作总社参与）\n（二）下一项";
    let end = text.find("\n（二）").unwrap();
    let ms = run_with(text, &[0..end, end + 1..text.len()]);
    assert_eq!(
        names(&ms[0].responsible),
        ["自然资源部", "工业和信息化部", "商务部"]
    );
    assert_eq!(names(&ms[0].cooperating), ["供销合作总社"]);
    assert!(ms[1].responsible.is_empty());
}

#[test]
fn line_forms_after_an_item() {
    let text = "1.建设医学中心。加快推进项目建设。\n牵头单位：市卫生健康委\n配合单位：市发展改革委、市财政局\n完成时限：2020年底\n2.发展健康旅游。培育品牌。\n责任单位：市文化旅游局、市商务局";
    let second = text.find("2.发展").unwrap();
    let first_end = text.find("\n牵头").unwrap();
    let second_end = text.find("\n责任").unwrap();
    let ms = run_with(text, &[0..first_end, second..second_end]);
    assert_eq!(ms.len(), 2);
    // The items now run on over their labelled lines.
    assert!(ms[0].text.ends_with("完成时限：2020年底") || ms[0].text.ends_with("市财政局"));
    assert!(ms[1].text.ends_with("市商务局"));
    assert_eq!(names(&ms[0].lead), ["市卫生健康委"]);
    assert_eq!(names(&ms[0].cooperating), ["市发展改革委", "市财政局"]);
    assert_eq!(names(&ms[1].responsible), ["市文化旅游局", "市商务局"]);
    // Without given measures the item above becomes the measure.
    let ms = run(text);
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert_eq!(ms[0].number.as_deref(), Some("1"));
    assert_eq!(names(&ms[0].lead), ["市卫生健康委"]);
    assert_eq!(names(&ms[1].responsible), ["市文化旅游局", "市商务局"]);
}

#[test]
fn declared_first_unit_leads() {
    let text = "1.拓展两个市场。推广试点。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）\n2.提前适用政策。可享受政策。（海关总署、财政部、税务总局负责）\n3.强化企业地位。简化手续。（海关总署负责）\n4.促进研发创新。免于提交许可证件。（海关总署、商务部等有关部门负责）";
    let ms = run(text);
    assert_eq!(ms.len(), 4);
    assert_eq!(names(&ms[0].lead), ["税务总局"]);
    assert_eq!(names(&ms[0].cooperating), ["财政部", "海关总署"]);
    assert_eq!(names(&ms[1].lead), ["海关总署"]);
    assert_eq!(names(&ms[1].cooperating), ["财政部", "税务总局"]);
    assert_eq!(names(&ms[2].lead), ["海关总署"]);
    assert!(ms[2].cooperating.is_empty() && ms[2].responsible.is_empty());
    assert_eq!(names(&ms[3].lead), ["海关总署"]);
    assert_eq!(names(&ms[3].cooperating), ["商务部"]);
    // Before the declaration a plain list stays responsible.
    let (l, _, r) = roles("（三）完善创新体系。研发农机。（工业和信息化部、发展改革委等负责）");
    assert!(l.is_empty());
    assert_eq!(r, ["工业和信息化部", "发展改革委"]);
    let (l, c, _) = roles("（三）完善创新体系。研发农机。（工业和信息化部、发展改革委、科技部等负责。列第一位者为牵头单位，下同）");
    assert_eq!(l, ["工业和信息化部"]);
    assert_eq!(c, ["发展改革委", "科技部"]);
}

#[test]
fn prose_statements_lead() {
    let t = "推动医疗体系升级\n由市卫生计生委、市发展改革委及有关部门共同牵头,本市正大力推动医疗体系全面升级。\n我们推进标准建设。为此,市科委、市财政局及市税务局共同牵头实施这一战略。\n加快仿制药一致性评价进程。市食品药品监管局、市卫生计生委和市科委联手推动此项工作。\n努力打造创新中心。这一宏伟目标由市卫生计生委、市科委以及市食品药品监管局联合牵头推进。\n由市卫生计生委、市医保办、市工商局和市公安局等多部门联合,严厉打击非法行医。";
    let ms = run(t);
    let leads: Vec<Vec<String>> = ms.iter().map(|m| names(&m.lead)).collect();
    assert_eq!(
        leads,
        [
            vec!["市卫生计生委", "市发展改革委"],
            vec!["市科委", "市财政局", "市税务局"],
            vec!["市食品药品监管局", "市卫生计生委", "市科委"],
            vec!["市卫生计生委", "市科委", "市食品药品监管局"],
            vec!["市卫生计生委", "市医保办", "市工商局", "市公安局"],
        ]
    );
    // Each paragraph is its own measure, titled by its first sentence.
    assert_eq!(ms[1].title, "我们推进标准建设");
    assert!(ms.iter().all(|m| m.number.is_none()));
}

#[test]
fn prose_statements_responsible() {
    let t = "鼓励存量用地优化使用,这一目标的实现离不开市规划国土资源局、市财政局以及各区的协同合作与鼎力支持。\n在此过程中,市经济信息化委、市卫生计生委和市统计局等部门扮演着重要的角色。\n这一目标的实现离不开多个部门的协同合作,包括市卫生计生委、市公务员局等部门的共同努力。";
    let ms = run(t);
    let resp: Vec<Vec<String>> = ms.iter().map(|m| names(&m.responsible)).collect();
    assert_eq!(
        resp,
        [
            vec!["市规划国土资源局", "市财政局"],
            vec!["市经济信息化委", "市卫生计生委", "市统计局"],
            vec!["市卫生计生委", "市公务员局"],
        ]
    );
    assert!(ms[0]
        .responsible
        .iter()
        .any(|p| p.name == "各区" && p.generic));
}

#[test]
fn prose_huitong() {
    let (l, c, _) = roles("（一）确定试点城市。试点城市由省级有关部门推荐，生态环境部会同国家发展改革委、工业和信息化部、国家邮政局等部门筛选确定。");
    assert_eq!(l, ["生态环境部"]);
    assert_eq!(c, ["国家发展改革委", "工业和信息化部", "国家邮政局"]);
    let (l, c, _) = roles("（二）制定实施方案。实施方案报送生态环境部，经生态环境部会同有关部门组织专家评审通过后实施。");
    assert_eq!(l, ["生态环境部"]);
    assert!(c.is_empty());
    let ms = run(
        "（一）加强组织领导。生态环境部会同有关部门组建协调小组和专家委员会，建立工作协调机制。",
    );
    assert_eq!(names(&ms[0].lead), ["生态环境部"]);
    let coop: Vec<(&str, bool)> = ms[0]
        .cooperating
        .iter()
        .map(|p| (p.name.as_str(), p.generic))
        .collect();
    assert_eq!(coop, [("有关部门", true)]);
    // A duty stated as an exhortation (要会同) is not read.
    assert!(
        run("各有关部门要加强组织领导。体育总局要会同有关方面做好指导、督查和总结工作。")
            .is_empty()
    );
}

#[test]
fn traps_are_not_statements() {
    // A lead word that describes something else.
    assert!(run("瑞金医院胸外科牵头组建的多学科门诊已接诊数千人。").is_empty());
    assert!(run("据报道，活动由香港中国商会牵头，多家企业参加。").is_empty());
    assert!(
        run("地方各级人民政府要建立由政府负责人牵头、相关部门共同参与的工作机制。")
            .iter()
            .all(|m| names(&m.lead).is_empty() && names(&m.cooperating).is_empty())
    );
    assert!(run("海关总署要继续做好牵头工作，进一步优化区域布局。").is_empty());
    // An annotation wins over a sentence inside the item.
    let (l, c, r) = roles("4.强化监测预警能力。加快建立疾控部门牵头，跨部门、跨区域的监测预警体系。（责任单位：市卫生健康委、市疾控局）");
    assert!(l.is_empty() && c.is_empty());
    assert_eq!(r, ["市卫生健康委", "市疾控局"]);
    let (l, _, _) = roles("（十八）健全组织实施机制。建立由农业农村部、工业和信息化部牵头的协调推进机制。（农业农村部、工业和信息化部牵头负责）");
    assert_eq!(l, ["农业农村部", "工业和信息化部"]);
}

#[test]
fn names_with_conjunctions_stay_whole() {
    let (_, _, r) = roles("5.拓展销售途径。（国家发展和改革委员会、工业和信息化部、住房和城乡建设部、文化和旅游部、粮食和储备局、中央和国家机关工委等和各省级人民政府负责）");
    assert_eq!(
        r,
        [
            "国家发展和改革委员会",
            "工业和信息化部",
            "住房和城乡建设部",
            "文化和旅游部",
            "粮食和储备局",
            "中央和国家机关工委"
        ]
    );
    let (l, c, _) = roles("1.稳定就业。（市人力资源和社会保障局牵头，市财政局和市税务局配合）");
    assert_eq!(l, ["市人力资源和社会保障局"]);
    assert_eq!(c, ["市财政局", "市税务局"]);
}

#[test]
fn prefix_restoration_is_reported() {
    let text = "1.发展特需医疗服务。（市卫生计生委牵头；市科技局、人力资源社会保障局配合）";
    let ctx = Context {
        text,
        dicts: Dicts::embedded_ref(),
        rules: &RULES_SET,
        words: &WORDS,
        doc_date: None,
    };
    let mut measures = Vec::new();
    let mut diags = Vec::new();
    assign(&ctx, &[], &mut measures, &mut diags);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].level, Level::Info);
    assert!(diags[0]
        .message
        .contains("`人力资源社会保障局` given the prefix `市`"));
}

#[test]
fn prefix_restoration() {
    let (_, c, _) =
        roles("1.发展特需医疗服务。（市卫生计生委牵头；市科技局、人力资源社会保障局配合）");
    assert_eq!(c, ["市科技局", "市人力资源社会保障局"]);
    let (_, _, r) = roles("2.优化营商环境。（省发展改革委、省市场监管局、商务厅负责）");
    assert_eq!(r, ["省发展改革委", "省市场监管局", "省商务厅"]);
    // National names without a prefix stay as written.
    let (_, _, r) = roles("3.加强协同。（国家发展改革委、工业和信息化部、财政部负责）");
    assert_eq!(r, ["国家发展改革委", "工业和信息化部", "财政部"]);
    // A proper name after a prefixed one is not given the prefix.
    let (_, _, r) = roles("4.完善支付机制。（责任单位：市医保局、上海金融监管局、市卫生健康委）");
    assert_eq!(r, ["市医保局", "上海金融监管局", "市卫生健康委"]);
}

#[test]
fn traditional_characters() {
    let (l, c, _) =
        roles("1.發展特需醫療服務。（市衛生計生委牽頭；市科技局、人力資源社會保障局配閤）");
    assert_eq!(l, ["市衛生計生委"]);
    assert_eq!(c, ["市科技局", "市人力資源社會保障局"]);
    let (_, _, r) = roles("2.促進科研發展。（責任單位：市財政局、市稅務局按職責分工負責）");
    assert_eq!(r, ["市財政局", "市稅務局"]);
    let ms = run("3.加強協作。（市財政局牽頭，市稅務局參與）");
    assert_eq!(ms[0].lead[0].canonical.as_deref(), Some("市财政局"));
    assert_eq!(names(&ms[0].cooperating), ["市稅務局"]);
}

#[test]
fn spans_point_at_names_as_written() {
    let t = "1.发展特需医疗服务。（市卫生计生委牵头；市科技局、人力资源社会保障局配合）";
    let ms = run(t);
    let p = &ms[0].cooperating[1];
    assert_eq!(&t[p.span.start..p.span.end], "人力资源社会保障局");
    assert_eq!(p.name, "市人力资源社会保障局");
    assert_eq!(p.canonical.as_deref(), Some("市人力资源社会保障局"));
    let m = &ms[0];
    assert_eq!(&t[m.span.start..m.span.end], t);
    assert_eq!(m.title, "发展特需医疗服务");
}

#[test]
fn generic_parties_are_flagged() {
    let ms = run("11.发挥财政资金引导作用。（市财政局牵头，市直有关部门、各县市区人民政府、地方各级人民政府、各有关单位配合）");
    assert!(ms[0].cooperating.len() == 4 && ms[0].cooperating.iter().all(|p| p.generic));
    assert!(!ms[0].lead[0].generic);
}

#[test]
fn inline_items_of_one_line_split_at_annotations() {
    let t = "实施方案如下: 一、健康优先 1.推动建立规划体系。贯彻条例。(责任单位:市卫生健康委) 2.深入实施健康行动。巩固创建。(责任单位:市卫生健康委、市疾控局)";
    let ms = run(t);
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].number.as_deref(), Some("1"));
    assert!(ms[0].title.starts_with("推动建立规划体系"));
    assert_eq!(ms[1].number.as_deref(), Some("2"));
    assert_eq!(names(&ms[1].responsible), ["市卫生健康委", "市疾控局"]);
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "（",
        "）牵头",
        "（牵头）",
        "牵头单位：",
        "（市卫生计生委牵头",
        "由牵头",
        "会同",
        "、、牵头",
        "（责任单位：）",
    ] {
        let _ = run(t);
    }
}

#[test]
fn lead_marked_in_a_list() {
    let text = "1.推进项目建设。加快审批。\n责任单位：省发展改革委（牵头）、省财政厅、省自然资源厅";
    let (l, c, r) = roles(text);
    assert_eq!(l, ["省发展改革委"]);
    assert!(c.is_empty());
    assert_eq!(r, ["省财政厅", "省自然资源厅"]);
    let ms = run(text);
    let p = &ms[0].lead[0];
    assert_eq!(&text[p.span.start..p.span.end], "省发展改革委");
}

#[test]
fn other_convention_wordings() {
    let (l, c, _) = roles("（各项任务中第一个部门为牵头部门）1.推进项目建设。加快审批。（市发展改革委、市财政局负责）");
    assert_eq!(l, ["市发展改革委"]);
    assert_eq!(c, ["市财政局"]);
    let (l, c, _) =
        roles("1.推进项目建设。加快审批。（市发展改革委、市财政局负责，牵头单位列第一位）");
    assert_eq!(l, ["市发展改革委"]);
    assert_eq!(c, ["市财政局"]);
}

#[test]
fn names_set_apart_by_spaces() {
    let (l, c, _) = roles("1.推进项目建设。加快审批。\n牵头单位：市发展改革委\n配合单位：市财政局　市自然资源局 市住房城乡建设局");
    assert_eq!(l, ["市发展改革委"]);
    assert_eq!(c, ["市财政局", "市自然资源局", "市住房城乡建设局"]);
}

#[test]
fn annotation_cut_by_a_line_break() {
    let (l, c, _) = roles(
        "1.发展特需医疗服务。建设中心。（市卫生计生委牵头；市科技局、人力资源\n社会保障局配合）",
    );
    assert_eq!(l, ["市卫生计生委"]);
    assert_eq!(c, ["市科技局", "市人力资源社会保障局"]);
}

#[test]
fn annotations_admit_more_unit_kinds() {
    let (l, c, _) = roles("2.组建专科联盟。（市第一人民医院牵头，市疾控中心检验科、市医学会配合）");
    assert_eq!(l, ["市第一人民医院"]);
    assert_eq!(c, ["市疾控中心检验科", "市医学会"]);
    let (_, _, r) = roles("3.强化监督。（市卫生健康委具体负责）");
    assert_eq!(r, ["市卫生健康委"]);
}

#[test]
fn role_words_inside_names() {
    let (_, _, r) = roles("4.推广新技术。（市农业技术推广指导中心负责）");
    assert_eq!(r, ["市农业技术推广指导中心"]);
    let (l, c, _) = roles("5.支持民营企业。（市工商业联合会牵头，市科协配合）");
    assert_eq!(l, ["市工商业联合会"]);
    assert_eq!(c, ["市科协"]);
}

#[test]
fn a_verb_is_no_place_prefix() {
    assert!(run("鼓励市保险行业协会参与健康服务。").is_empty());
    let (_, c, _) = roles("由保山市卫生计生委牵头，市民政局参与。");
    assert_eq!(c, ["市民政局"]);
}

#[test]
fn levels_before_one_body_stay_one_generic() {
    let ms = run("（一）完善养老服务体系。建设服务网络。（省民政厅、省发展改革委、财政厅，各州、市人民政府负责）");
    assert_eq!(
        names(&ms[0].responsible),
        ["省民政厅", "省发展改革委", "省财政厅"]
    );
    let g: Vec<&str> = ms[0]
        .responsible
        .iter()
        .filter(|p| p.generic)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(g, ["各州、市人民政府"]);
}

#[test]
fn levels_with_brackets_stay_generic() {
    for tail in [
        "各市（州）、县（市、区）人民政府",
        "各市、县(市、区)人民政府",
        "国务院各部委、各直属机构",
    ] {
        let t = format!("1.加强组织领导。（省发展改革委牵头，{tail}配合）");
        let ms = run(&t);
        assert_eq!(names(&ms[0].lead), ["省发展改革委"], "{t}");
        assert!(!ms[0].cooperating.is_empty(), "{t}");
        assert!(
            ms[0].cooperating.iter().all(|p| p.generic),
            "{t}: {:?}",
            ms[0].cooperating
        );
    }
}

#[test]
fn labels_of_events() {
    let (l, c, _) = roles("5.举办数字经济峰会。主办单位：市数字经济协会；协办单位：市大数据中心。");
    assert_eq!(l, ["市数字经济协会"]);
    assert_eq!(c, ["市大数据中心"]);
}

#[test]
fn bare_list_after_an_item() {
    let (l, c, r) = roles("3.培育数字人才。建立实训基地。（市人力资源社会保障局、市教育局）");
    assert!(l.is_empty() && c.is_empty());
    assert_eq!(r, ["市人力资源社会保障局", "市教育局"]);
    // Not after a sentence, or not department names: not an annotation.
    assert!(run("筹建国家基因库(上海)，建立样本库。").is_empty());
    assert!(run("支持各类职业院校（含技工院校）开展培训。").is_empty());
    assert!(run("推动上海金融监管局（市财政局）合作。").is_empty());
}

#[test]
fn task_table_rows() {
    let text = "附件：重点任务分工\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 推进5G网络建设 | 市工业和信息化局 | 市通信管理办、市住房城乡建设局 | 2025年\n2 | 支持企业上云 | 市发展改革委 | 市财政局 | 2024年";
    let ms = run(text);
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert_eq!(ms[0].number.as_deref(), Some("1"));
    assert_eq!(ms[0].title, "推进5G网络建设");
    assert_eq!(names(&ms[0].lead), ["市工业和信息化局"]);
    assert_eq!(
        names(&ms[0].cooperating),
        ["市通信管理办", "市住房城乡建设局"]
    );
    assert_eq!(names(&ms[1].lead), ["市发展改革委"]);
    assert_eq!(names(&ms[1].cooperating), ["市财政局"]);
}

#[test]
fn traditional_prose() {
    let ms = run("鼓勵存量用地優化使用，這一目標的實現離不開市規劃國土資源局、市財政局以及各區的協同合作。\n市經濟信息化委、市衛生計生委和市統計局等部門扮演著重要的角色。\n由市衛生計生委、市發展改革委及有關部門共同牽頭，推動醫療體系升級。");
    let got: Vec<(Vec<String>, Vec<String>)> = ms
        .iter()
        .map(|m| (names(&m.lead), names(&m.responsible)))
        .collect();
    assert_eq!(
        got,
        [
            (
                vec![],
                vec!["市規劃國土資源局".to_string(), "市財政局".to_string()]
            ),
            (
                vec![],
                vec![
                    "市經濟信息化委".to_string(),
                    "市衛生計生委".to_string(),
                    "市統計局".to_string()
                ]
            ),
            (
                vec!["市衛生計生委".to_string(), "市發展改革委".to_string()],
                vec![]
            ),
        ]
    );
}

#[test]
fn deng_before_a_generic_body() {
    let ms = run("（一）优化审批流程。健全机制。（国家发展改革委牵头，自然资源部、住房城乡建设部等国务院相关部门及各地区按职责分工负责）");
    assert_eq!(names(&ms[0].lead), ["国家发展改革委"]);
    assert_eq!(names(&ms[0].responsible), ["自然资源部", "住房城乡建设部"]);
    let g: Vec<&str> = ms[0]
        .responsible
        .iter()
        .filter(|p| p.generic)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(g, ["国务院相关部门", "各地区"]);
}

#[test]
fn interpretation_clause_is_no_measure() {
    assert!(run("二、附则\n本意见自印发之日起施行，由省卫生健康委负责解释。").is_empty());
    assert!(run("本办法由市财政局负责本办法的解释。").is_empty());
}

#[test]
fn web_footer_is_no_annotation() {
    assert!(run("打印本页 关闭窗口\n主办单位：保山市人民政府办公室 承办单位：保山市信息中心\n滇ICP备05000000号").is_empty());
}

#[test]
fn label_after_a_deadline_in_one_bracket() {
    let (_, _, r) =
        roles("5.推进医联体建设。（完成时限：2025年底；责任单位：市卫生健康委、市医保局）");
    assert_eq!(r, ["市卫生健康委", "市医保局"]);
    let (l, c, _) = roles("6.推进分级诊疗。（市卫生健康委牵头，配合单位：市医保局）");
    assert_eq!(l, ["市卫生健康委"]);
    assert_eq!(c, ["市医保局"]);
}

#[test]
fn more_bracket_wordings() {
    let (_, _, r) = roles("1.推进工作。（市卫生健康委、市医保局按照职责分工负责）");
    assert_eq!(r, ["市卫生健康委", "市医保局"]);
    let (l, _, _) = roles("2.推进工作。（由市卫生健康委牵头）");
    assert_eq!(l, ["市卫生健康委"]);
    let (l, c, _) = roles("3.推进工作。（市卫生健康委负责，市财政局、市医保局按职责配合）");
    assert!(l.is_empty());
    assert_eq!(c, ["市财政局", "市医保局"]);
    let (l, _, r) =
        roles("4.推进工作。（省卫生健康委牵头，各市州人民政府、省直相关部门按职责分工落实）");
    assert_eq!(l, ["省卫生健康委"]);
    assert!(r.is_empty());
}

#[test]
fn ministries_keep_no_local_prefix() {
    let (_, _, r) = roles("1.落实税收政策。（省财政厅、财政部、海关总署负责）");
    assert_eq!(r, ["省财政厅", "财政部", "海关总署"]);
    let (_, _, r) = roles("2.加强宣传。（省委宣传部、统战部负责）");
    assert_eq!(r, ["省委宣传部", "省委统战部"]);
}

#[test]
fn more_prose_wordings() {
    let (l, c, _) = roles("由市发展改革委会同市财政局负责，建立项目库。");
    assert_eq!(l, ["市发展改革委"]);
    assert_eq!(c, ["市财政局"]);
    let (l, _, _) = roles("市卫生健康委负责牵头组织实施。");
    assert_eq!(l, ["市卫生健康委"]);
    let (l, c, _) = roles("市民政局为牵头单位，市卫生健康委为配合单位。");
    assert_eq!(l, ["市民政局"]);
    assert_eq!(c, ["市卫生健康委"]);
    let (_, _, r) = roles("市教育局、市体育局共同负责校园体育工作。");
    assert_eq!(r, ["市教育局", "市体育局"]);
}

#[test]
fn label_then_cooperators_in_one_run() {
    let (l, c, r) = roles("3.推进工作。（责任单位：市卫生健康委，市医保局、市财政局配合）");
    assert!(l.is_empty());
    assert_eq!(r, ["市卫生健康委"]);
    assert_eq!(c, ["市医保局", "市财政局"]);
    let (l, c, _) = roles("4.推进工作。（责任单位：市卫生健康委牵头，市医保局配合）");
    assert_eq!(l, ["市卫生健康委"]);
    assert_eq!(c, ["市医保局"]);
}

#[test]
fn created_measures_take_their_label() {
    let ms = run("第三条 市财政局负责资金保障。");
    assert_eq!(ms[0].number.as_deref(), Some("三"));
    assert_eq!(ms[0].title, "市财政局负责资金保障");
    assert_eq!(names(&ms[0].responsible), ["市财政局"]);
}

#[test]
fn bracket_scan_jumps_alike() {
    let mut texts = crate::rules::fixture_texts();
    let long = "长".repeat(450);
    let mid = "中".repeat(70);
    texts.extend([
        String::new(),
        "（".to_string(),
        "(a)[b]〔c〕【d】［e］〖f〗（g）".to_string(),
        "（一（二）三）（四\n五）（六\n七\n八）".to_string(),
        format!("（{long}）（短）"),
        format!("（{mid}\n尾）（{long}\n）"),
        "）（（）".to_string(),
        "é😀（x〔y】z）".to_string(),
    ]);
    for t in &texts {
        let fast = brackets(t);
        assert_eq!(fast, brackets_by_char(t));
    }
    assert_eq!(brackets("（一（二）三）（四\n五）"), vec![0..21, 21..34]);
}

/// The bracket search finds the first opening bracket a char scan finds,
/// from every line start and many other points of the fixtures.
#[test]
fn next_open_finds_what_a_char_scan_finds() {
    let mut texts = crate::rules::fixture_texts();
    texts.push("a(b)（c）〔d〕[e]【f】［g］〖h〗(".repeat(3));
    for t in &texts {
        let starts = t
            .char_indices()
            .map(|(i, _)| i)
            .step_by(13)
            .chain(t.match_indices('\n').map(|(i, _)| i + 1))
            .chain([t.len()]);
        for from in starts {
            let plain = t[from..].find(is_open).map(|i| from + i);
            assert_eq!(next_open(t, from), plain, "from {from}");
        }
    }
    assert_eq!(next_open("ab", 5), None);
}
