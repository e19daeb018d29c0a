//! Whole-outline tables: input text → headings with levels (issue 3).

use super::*;
use crate::text::split_lines;

/// Parse `text` as one report whose body is every line.
fn outline(text: &str) -> Outline {
    let norm = Normalized::new(text);
    let body: Vec<Range<usize>> = split_lines(text).iter().map(|l| l.start..l.end).collect();
    parse_outline(text, &norm, &body, text.len())
}

/// `(level, marker, title)` of each heading.
fn heads(text: &str) -> Vec<(u8, String, String)> {
    outline(text)
        .sections
        .into_iter()
        .map(|s| (s.level, s.marker, s.title))
        .collect()
}

fn want(v: &[(u8, &str, &str)]) -> Vec<(u8, String, String)> {
    v.iter()
        .map(|(l, m, t)| (*l, m.to_string(), t.to_string()))
        .collect()
}

/// `(case name, input, expected (level, marker, title) rows)`.
pub(super) type Case<'a> = (&'a str, &'a str, &'a [(u8, &'a str, &'a str)]);

pub(super) fn check(cases: &[Case]) {
    for (name, text, expected) in cases {
        assert_eq!(heads(text), want(expected), "case {name}:\n{text}");
    }
}

#[test]
fn every_heading_style() {
    check(&[
        (
            "cn comma",
            "一、组织建设\n正文。\n二、维权工作\n正文。",
            &[(1, "一、", "组织建设"), (1, "二、", "维权工作")],
        ),
        (
            "ascii and full-width parens, (一)、",
            "(一)强势宣传。正文\n（二）创特色维权\n(三)、巩固成果",
            &[
                (1, "(一)", "强势宣传"),
                (1, "（二）", "创特色维权"),
                (1, "(三)、", "巩固成果"),
            ],
        ),
        (
            "digits with . 、 ． ⒈",
            "1.文明家庭\n2、权益保障\n３．家庭教育\n⒋联谊交往",
            &[
                (1, "1.", "文明家庭"),
                (1, "2、", "权益保障"),
                (1, "３．", "家庭教育"),
                (1, "⒋", "联谊交往"),
            ],
        ),
        (
            "(1) （1） ①",
            "(1)培训。\n（2）维权。\n①宣传\n②慰问",
            &[
                (1, "(1)", "培训"),
                (1, "（2）", "维权"),
                (2, "①", "宣传"),
                (2, "②", "慰问"),
            ],
        ),
        (
            "enumerators 一是 and 第一，",
            "一是加大宣传力度，营造环境。正文。\n二是拓展渠道。\n第一，要学习。\n第二，要实践。",
            &[
                (1, "一是", "加大宣传力度，营造环境"),
                (1, "二是", "拓展渠道"),
                (2, "第一，", "要学习"),
                (2, "第二，", "要实践"),
            ],
        ),
        (
            "headings mid-line after a full stop",
            "四是计生优教。正文正文。 五是联建共创，积极投身。正文。二是没有空格也算。",
            &[
                (1, "四是", "计生优教"),
                (1, "五是", "联建共创，积极投身"),
                (1, "二是", "没有空格也算"),
            ],
        ),
        (
            "enumerators after semicolons",
            "一是领导重视，氛围浓；二是指导有力；三是机制健全。",
            &[
                (1, "一是", "领导重视，氛围浓"),
                (1, "二是", "指导有力"),
                (1, "三是", "机制健全"),
            ],
        ),
        (
            "traditional script",
            "一、大力實施婦女創業行動。\n一是加大宣傳力度。\n二、維權",
            &[
                (1, "一、", "大力實施婦女創業行動"),
                (2, "一是", "加大宣傳力度"),
                (1, "二、", "維權"),
            ],
        ),
    ]);
}

#[test]
fn levels_by_nesting() {
    check(&[
        (
            "parts above the numbered outline, sloppy 一， at a line start",
            "第一部分 工作回顾\n一、宣传\n正文。\n二，维权\n正文。\n第二部分：工作计划\n一、培训\n正文，一，二，三。",
            &[
                (1, "第一部分", "工作回顾"),
                (2, "一、", "宣传"),
                (2, "二，", "维权"),
                (1, "第二部分：", "工作计划"),
                (2, "一、", "培训"),
            ],
        ),
        (
            "(一) is level 1 without 一、",
            "(一)推动维权\n正文。\n(二)宣传教育\n正文。",
            &[(1, "(一)", "推动维权"), (1, "(二)", "宣传教育")],
        ),
        (
            "four levels",
            "一、完成情况\n(一)文明创建\n1.文明家庭创建工作。一是宣传发动。二是服务月。\n2.权益保障。一是召开会议。\n(二)规划评估\n二、重点工作安排\n一是落实任务。",
            &[
                (1, "一、", "完成情况"),
                (2, "(一)", "文明创建"),
                (3, "1.", "文明家庭创建工作"),
                (4, "一是", "宣传发动"),
                (4, "二是", "服务月"),
                (3, "2.", "权益保障"),
                (4, "一是", "召开会议"),
                (2, "(二)", "规划评估"),
                (1, "二、", "重点工作安排"),
                (2, "一是", "落实任务"),
            ],
        ),
        (
            "unnumbered heading parallel to numbered ones (guide §2, corpus 003)",
            "一、实施建功工程\n1.强化服务。正文。\n2.争取项目。正文。\n实施“民生工程”，增进福祉\n1.家庭教育。正文。\n四、夯实基础\n1.妇女之家。正文。",
            &[
                (1, "一、", "实施建功工程"),
                (2, "1.", "强化服务"),
                (2, "2.", "争取项目"),
                (1, "", "实施“民生工程”，增进福祉"),
                (2, "1.", "家庭教育"),
                (1, "四、", "夯实基础"),
                (2, "1.", "妇女之家"),
            ],
        ),
        (
            "unnumbered headings that are all the top level",
            "工作回顾\n1.宣传。\n2.维权。\n存在问题\n1.人手不足。\n下步打算\n1.加强培训。",
            &[
                (1, "", "工作回顾"),
                (2, "1.", "宣传"),
                (2, "2.", "维权"),
                (1, "", "存在问题"),
                (2, "1.", "人手不足"),
                (1, "", "下步打算"),
                (2, "1.", "加强培训"),
            ],
        ),
        (
            "an unnumbered heading standing where 二、 is missing",
            "一、组织建设\n正文。\n加强自身建设，提高服务水平\n正文。\n三、维权工作\n正文。",
            &[
                (1, "一、", "组织建设"),
                (1, "", "加强自身建设，提高服务水平"),
                (1, "三、", "维权工作"),
            ],
        ),
        (
            "no number missing: a short line is body text",
            "一、组织建设\n正文。\n图为培训现场\n正文。\n二、维权工作\n正文。",
            &[(1, "一、", "组织建设"), (1, "二、", "维权工作")],
        ),
        (
            "more short lines than missing numbers: none is taken",
            "一、组织建设\n正文。\n图为培训现场\n正文。\n图为表彰大会\n正文。\n三、维权工作",
            &[(1, "一、", "组织建设"), (1, "三、", "维权工作")],
        ),
        (
            "a lone short line before a list is not a heading",
            "妇联工作总结\n1.宣传。\n2.维权。",
            &[(1, "1.", "宣传"), (1, "2.", "维权")],
        ),
    ]);
}

#[test]
fn traps_are_not_headings() {
    check(&[
        (
            "page markers that split a sentence or a number",
            "一、维稳\n组织开展了活动。市妇联在市委\n2、片区评比中取得第一。\n二、维权\n今年共培训18\n3、00名妇女，成效明显，\n4、继续推进。",
            &[(1, "一、", "维稳"), (1, "二、", "维权")],
        ),
        (
            "page markers: page 1 at the top, a word split before any full stop",
            "1、一年来，全县各级妇联组织按照要求开展工作。\n一、创业行动\n市妇联联合市\n2、委组织部举办培训班。\n二、维权行动\n正文。\n3、正文接着写。",
            &[(1, "一、", "创业行动"), (1, "二、", "维权行动")],
        ),
        (
            "a real list whose lines lack a closing stop is not taken for page markers (corpus 004)",
            "一、组织建设\n1.深化改革，充实了妇联队伍力量\n2.建立健全妇女队伍，努力开创新局面。\n3.加强培训\n5.倡导参与",
            &[
                (1, "一、", "组织建设"),
                (2, "1.", "深化改革，充实了妇联队伍力量"),
                (2, "2.", "建立健全妇女队伍，努力开创新局面"),
                (2, "3.", "加强培训"),
                (2, "5.", "倡导参与"),
            ],
        ),
        (
            "bracketed items inside one sentence",
            "一、宣传\n主要有：(1)宣传栏，(2)黑板报，(3)广播。",
            &[(1, "一、", "宣传")],
        ),
        (
            "a table of contents",
            "目录\n一、工作回顾\n二、存在问题\n三、下步打算\n一、工作回顾\n正文。\n二、存在问题\n正文。\n三、下步打算\n正文。",
            &[
                (1, "一、", "工作回顾"),
                (1, "二、", "存在问题"),
                (1, "三、", "下步打算"),
            ],
        ),
        (
            "a table of contents whose titles differ a little from the body",
            "目录\n一、工作回顾\n（一）宣传\n二、存在问题\n三、下步打算\n一、工作回顾\n（一）宣传教育\n正文。\n二、存在的问题\n正文。\n三、下步打算\n正文。",
            &[
                (1, "一、", "工作回顾"),
                (2, "（一）", "宣传教育"),
                (1, "二、", "存在的问题"),
                (1, "三、", "下步打算"),
            ],
        ),
        (
            "a list of heading-only lines that is not a table of contents",
            "今后将从以下方面努力:\n(一)继续加大宣传力度\n(二)充分发挥职能作用\n(三)争取活动丰富多彩",
            &[
                (1, "(一)", "继续加大宣传力度"),
                (1, "(二)", "充分发挥职能作用"),
                (1, "(三)", "争取活动丰富多彩"),
            ],
        ),
        (
            "same headings again later in the report, but not at its start: no table of contents",
            "一、组织建设\n正文。\n(一)评估\n一、组织建设\n正文。\n(一)评估\n正文。",
            &[
                (1, "一、", "组织建设"),
                (2, "(一)", "评估"),
                (1, "一、", "组织建设"),
                (2, "(一)", "评估"),
            ],
        ),
        (
            "a list mostly after full stops keeps those items",
            "一是加强宣传。二是完善制度，三是落实责任。",
            &[
                (1, "一是", "加强宣传"),
                (1, "二是", "完善制度，三是落实责任"),
            ],
        ),
        (
            "a preview that repeats the opening of the body",
            "一、大力实施创业行动。引领广大妇女投身建设……\n一、大力实施创业行动。\n正文。\n二、大力实施维权行动\n正文。",
            &[
                (1, "一、", "大力实施创业行动"),
                (1, "二、", "大力实施维权行动"),
            ],
        ),
        (
            "a marker alone on its line takes the next line as title",
            "一、\n工作回顾\n正文。\n二、\n存在问题\n正文。",
            &[(1, "一、", "工作回顾"), (1, "二、", "存在问题")],
        ),
        (
            "an enumerator glued to text is taken only inside a running block list",
            "主要表现在:一是基层组织建设得到进一步加强，奠定了组织基矗二是为民服务内容得到拓展。三是职能作用得到发挥。\n唯一是不变的，统一是目标。",
            &[
                (1, "一是", "基层组织建设得到进一步加强，奠定了组织基矗"),
                (1, "二是", "为民服务内容得到拓展"),
                (1, "三是", "职能作用得到发挥"),
            ],
        ),
        (
            "a table of contents with page numbers",
            "一、工作回顾……1\n二、存在问题……3\n一、工作回顾\n正文。\n二、存在问题\n正文。",
            &[(1, "一、", "工作回顾"), (1, "二、", "存在问题")],
        ),
        (
            "enumerators inside one running sentence",
            "一、宣传\n坚持三个结合：一是与普法结合，二是与教育结合，三是与信访结合。\n我们做到一是快，二是准。",
            &[(1, "一、", "宣传")],
        ),
        (
            "list markers inside a quoted title",
            "一、宣传\n印发了《关于做好1.宣传2.维权工作的通知》。正文“一是好”。",
            &[(1, "一、", "宣传")],
        ),
        (
            "dates and decimals",
            "一、维权\n开展“12、4”法律宣传日活动。“6.26”禁毒日。评出一、二、三等奖。\n12、4日开展活动。",
            &[(1, "一、", "维权")],
        ),
        (
            "pinyin glosses",
            "一、鎮(zhèn)妇联建设\n(一)加强(jiā qiáng)组织\n正文。",
            &[
                (1, "一、", "鎮(zhèn)妇联建设"),
                (2, "(一)", "加强(jiā qiáng)组织"),
            ],
        ),
    ]);
}

#[test]
fn heading_printed_twice_counts_once_and_is_reported() {
    let text = "一、宣传教育\n一、宣传教育\n正文。\n二、维权";
    let o = outline(text);
    let got: Vec<(usize, &str)> = o
        .sections
        .iter()
        .map(|s| (s.start, s.marker.as_str()))
        .collect();
    assert_eq!(got, vec![(0, "一、"), (text.find("二、").unwrap(), "二、")]);
    assert!(
        o.warnings
            .iter()
            .any(|w| w.code.as_str() == "duplicate-heading")
    );
}

#[test]
fn numbering_findings() {
    let cases: &[(&str, &[&str])] = &[
        ("一、甲\n二、乙\n三、丙", &[]),
        ("一、甲\n三、丙", &["skipped-number"]),
        ("一、甲\n1、子\n正文。\n1、子二", &["repeated-number"]),
        // A `1、` right under a heading-only `1、` opens a list inside it: no repeat.
        ("一、甲\n1、子\n1、子二", &[]),
        ("一是甲。二是乙。三是丙。五是丁。", &["skipped-number"]),
    ];
    for (text, want) in cases {
        let got: Vec<&str> = outline(text)
            .warnings
            .iter()
            .map(|w| w.code.as_str())
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

#[test]
fn offsets_ends_parents_and_kinds() {
    let text =
        "前言。\n一、工作回顾\n（一）宣传。正文\n二、存在的问题\n正文\n三、下一步工作计划\n正文";
    let o = outline(text);
    let s = &o.sections;
    assert_eq!(s.len(), 4);
    assert_eq!(&text[s[0].start..], &text[text.find("一、").unwrap()..]);
    assert_eq!(&text[s[1].start..s[1].start + "（一）".len()], "（一）");
    assert_eq!(s[1].parent.as_deref(), Some("s1"));
    assert_eq!(s[0].end, s[2].start);
    assert_eq!(s[1].end, s[2].start);
    assert_eq!(s[3].end, text.len());
    let ids: Vec<&str> = s.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4"]);
    use crate::model::SectionKind::*;
    let kinds: Vec<_> = s.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, [Some(Work), None, Some(Problems), Some(Plans)]);
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\n\n",
        "一",
        "(",
        "(一",
        "第",
        "1",
        "①",
        "一是",
        "（",
        "\u{3000}一、",
        "一、\r\n二、",
    ] {
        let _ = outline(t);
    }
}

/// Regressions from `score.py --show-errors` on the seed pages.
#[test]
fn regressions_from_seed_errors() {
    check(&[
        (
            // 002 @30242: a Cn marker followed by a year was rejected as a date,
            // and its twin 一、20xx was only found as an unnumbered line.
            "Cn marker before digits",
            "一、20xx年工作完成情况\n(一)围绕创建\n1.文明家庭创建工作。正文。\n二、20xx年重点工作安排\n一是落实任务。",
            &[
                (1, "一、", "20xx年工作完成情况"),
                (2, "(一)", "围绕创建"),
                (3, "1.", "文明家庭创建工作"),
                (1, "二、", "20xx年重点工作安排"),
                (2, "一是", "落实任务"),
            ],
        ),
        (
            // 002: 四、 mid-line after a paragraph's 。, and 五是 after 三是 (四是 missing).
            "mid-line Cn and a skipped enumerator",
            "三、开展茶话会活动。\n正文正文。四、对先进进行表彰。\n一是印制周历。二是发出倡议书。三是开展警示教育。五是纳入创建内容。",
            &[
                (1, "三、", "开展茶话会活动"),
                (1, "四、", "对先进进行表彰"),
                (2, "一是", "印制周历"),
                (2, "二是", "发出倡议书"),
                (2, "三是", "开展警示教育"),
                (2, "五是", "纳入创建内容"),
            ],
        ),
    ]);
}

/// Doc-viewer copies: one long line per page, a page number `2、` opening
/// each page (often mid-word), headings run into the text and printed twice.
#[test]
fn flattened_doc_viewer_pages() {
    check(&[
        (
            "page markers mid-word, inline enumerators printed twice",
            "上半年，镇妇联紧紧围绕中心任务开展工作。一是巾帼担当抗疫情。一是巾帼担当抗疫情。疫情期间，镇妇联积极行动，充分发\n2、挥各级妇联组织的作用。二是巾帼志愿扬新风。二是巾帼志愿扬新风。4 月 15 日，开展\n3、了宣传活动。三是关爱儿童。",
            &[
                (1, "一是", "巾帼担当抗疫情"),
                (1, "二是", "巾帼志愿扬新风"),
                (1, "三是", "关爱儿童"),
            ],
        ),
        (
            "headings after a colon and after lost line breaks",
            "现将活动情况汇报如下: 一、 领导重视，组织有力 为保证活动顺利进行，成立了领导小组。 二、 宣传到位，氛围浓厚 充分利用广播宣传。三、下一步工作计划 1.加强宣传教育 通过多种渠道宣传。2.争取资金支持 积极争取支持。",
            &[
                (1, "一、", "领导重视，组织有力"),
                (1, "二、", "宣传到位，氛围浓厚"),
                (1, "三、", "下一步工作计划"),
                (2, "1.", "加强宣传教育"),
                (2, "2.", "争取资金支持"),
            ],
        ),
        (
            "pinyin glosses on every word (traditional script)",
            "一年來，鎮(zhèn)婦聯(lián)做了一些工作:\n1、加強(qiáng)對婦女的教育、培訓(xùn)，促進(jìn)婦女素質(zhì)的提高。\n1、抓住婦女學(xué)校這塊陣地，舉辦了6次培訓(xùn)。\n2、維護(hù)婦女權(quán)益。",
            &[
                (
                    1,
                    "1、",
                    "加強(qiáng)對婦女的教育、培訓(xùn)，促進(jìn)婦女素質(zhì)的提高",
                ),
                // A `1、` right under a heading-only `1、`: a list inside it (pages/h15).
                (2, "1、", "抓住婦女學(xué)校這塊陣地，舉辦了6次培訓(xùn)"),
                (2, "2、", "維護(hù)婦女權(quán)益"),
            ],
        ),
    ]);
    let o = outline("一是巾帼担当。一是巾帼担当。正文。");
    assert_eq!(o.sections.len(), 1);
    assert_eq!(o.warnings[0].code.as_str(), "duplicate-heading");
}

/// The byte-level `title_stop` finds what the character-level one does, for
/// every character of the Basic Multilingual Plane, alone, before a stop and
/// between Chinese characters and spaces.
#[test]
fn title_stop_by_bytes_is_title_stop_by_characters() {
    let contexts: [fn(char) -> String; 4] = [
        |c| format!("培训{c}妇女。后"),
        |c| format!("{c}组织 有力{c}"),
        |c| format!("领导{c}{c}"),
        |c| format!("1 {c}"),
    ];
    crate::text::in_every_bmp_context(&contexts, |t, c| {
        assert_eq!(
            title_stop(t),
            title_stop_by_chars(t),
            "{:04X} in {t}",
            c as u32
        );
    });
    assert_eq!(title_stop("领导重视，组织有力 为保证。"), Some(27));
    assert_eq!(title_stop("加强教育！其后"), Some(12));
}

/// Section ids written digit by digit read as `format!` writes them.
#[test]
fn section_ids_are_s_and_the_number() {
    for n in (0..2000).chain([9_999, 10_000, 123_456_789, usize::MAX]) {
        assert_eq!(section_id(n), format!("s{n}"));
    }
}
