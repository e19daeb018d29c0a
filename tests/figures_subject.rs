//! What each figure counts (guide §5), tables flattened to text (guide §3), and
//! issue 14's running-text classes: our own real-shaped sentences, one table per
//! class, read by the same extractor `zongjie parse` runs.

use zongjie::figures::extract_figures;
use zongjie::model::Figure;
use zongjie::text::{Normalized, split_lines};

/// The figures of `s`, each line a body line as the page splitter gives them.
fn run(s: &str) -> Vec<Figure> {
    let norm = Normalized::new(s);
    let body: Vec<_> = split_lines(s)
        .into_iter()
        .map(|l| l.start..l.end)
        .filter(|r| !r.is_empty())
        .collect();
    extract_figures(s, &norm, &body)
        .0
        .into_iter()
        .filter(|f| f.quantity.kind.is_figure())
        .collect()
}

/// (sentence, the figure's text, its subject)
fn check_subjects(cases: &[(&str, &str, &str)]) {
    let mut bad = Vec::new();
    for &(sentence, text, want) in cases {
        let figs = run(sentence);
        match figs.iter().find(|f| f.text == text) {
            Some(f) if f.subject.as_deref().unwrap_or("") == want => {
                // the spans name the words the subject was joined from
                let from_spans: String = f
                    .subject_spans
                    .iter()
                    .map(|&(a, b)| zongjie::text::fold_str(&sentence[a..b]))
                    .collect::<String>()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if !want.contains("占比") && from_spans != want {
                    bad.push(format!(
                        "{sentence}: spans give {from_spans:?}, not {want:?}"
                    ));
                }
            }
            Some(f) => bad.push(format!(
                "{sentence}: {text} → {:?}, want {want:?}",
                f.subject
            )),
            None => bad.push(format!("{sentence}: no figure {text}")),
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn counts_keep_the_action_and_what_is_counted() {
    check_subjects(&[
        ("今年共培训2600多名农村妇女。", "2600多名", "培训农村妇女"),
        ("县妇联走访慰问了困难母亲35名。", "35名", "走访慰问困难母亲"),
        ("目前全镇共有巾帼志愿者412名。", "412名", "巾帼志愿者"),
        ("全年共受理来信、来访案件58件。", "58件", "受理来信来访案件"),
        ("全县386名留守妇女被结对帮扶。", "386名", "留守妇女结对帮扶"),
        (
            "向15万18-60周岁城乡妇女发放宣传册。",
            "15万",
            "18-60周岁城乡妇女",
        ),
    ]);
}

#[test]
fn money_says_what_the_money_is() {
    check_subjects(&[
        (
            "今年落实妇女创业贴息贷款230万元。",
            "230万元",
            "落实妇女创业贴息贷款",
        ),
        ("春节期间共筹集善款8.6万元。", "8.6万元", "筹集善款"),
        ("春节期间共发放慰问金6000元。", "6000元", "发放慰问金"),
    ]);
}

#[test]
fn rates_name_the_rate_or_the_share() {
    check_subjects(&[
        ("信访案件办结率达98.5%。", "达98.5%", "信访案件办结率"),
        ("村两委中女性占31.2%。", "31.2%", "村两委女性占比"),
        ("女性占42.6%。", "42.6%", "女性占比"),
        (
            "全年地区生产总值2860亿元，增长6.1%。",
            "6.1%",
            "地区生产总值增长",
        ),
        (
            "工业投资、民间投资分别增长7.4%、5.2%。",
            "5.2%",
            "工业投资民间投资增长",
        ),
    ]);
}

#[test]
fn ages_describe_whom() {
    check_subjects(&[
        ("为辖区65周岁以上的老人免费体检。", "65周岁以上", "老人"),
        ("为35-64岁农村妇女开展两癌筛查。", "35-64岁", "农村妇女"),
    ]);
}

#[test]
fn tables_take_their_labels() {
    // (table, cell text, subject, unit)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "| 乡镇 | 培训人数 | 落实贷款(万元) |\n| --- | --- | --- |\n| 河口镇 | 215 | 46.5 |\n| 白沙乡 | 132人 | 28 |",
            "215",
            "河口镇培训人数",
            "",
        ),
        (
            "| 乡镇 | 培训人数 | 落实贷款(万元) |\n| --- | --- | --- |\n| 河口镇 | 215 | 46.5 |\n| 白沙乡 | 132人 | 28 |",
            "132人",
            "白沙乡培训人数",
            "人",
        ),
        (
            "表1 各社区妇女之家建设情况\n社区\n活动场次\n参与人数\n东风社区\n48\n1260\n新华社区\n36场\n980\n以上为统计数。",
            "36场",
            "新华社区活动场次",
            "场",
        ),
        (
            "表1 各社区妇女之家建设情况\n社区\n活动场次\n参与人数\n东风社区\n48\n1260\n新华社区\n36场\n980\n以上为统计数。",
            "1260",
            "东风社区参与人数",
            "",
        ),
    ];
    for &(table, text, subject, unit) in cases {
        let figs = run(table);
        let f = figs
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("{text} not found in {figs:?}"));
        assert_eq!(f.subject.as_deref(), Some(subject), "{text}");
        assert_eq!(f.quantity.unit, unit, "{text}");
        assert_eq!(&table[f.start..f.end], text);
    }
}

#[test]
fn running_text_units_and_qualifiers() {
    // (sentence, figure text, value, unit, approx)
    let cases: &[(&str, &str, f64, &str, Option<&str>)] = &[
        ("落实小额贷款5.9 万元。", "5.9 万元", 59000.0, "元", None),
        (
            "落实小额贷款12.4\n万元，惠及妇女。",
            "12.4\n万元",
            124000.0,
            "元",
            None,
        ),
        (
            "土地流转租金每年650元/亩。",
            "650元/亩",
            650.0,
            "元/亩",
            None,
        ),
        (
            "年发电量超过2.3亿千瓦时。",
            "超过2.3亿千瓦时",
            230000000.0,
            "千瓦时",
            Some("over"),
        ),
        (
            "全年开行中欧班列超1800列。",
            "超1800列",
            1800.0,
            "列",
            Some("over"),
        ),
        ("全省生猪出栏5400万头。", "5400万头", 54000000.0, "头", None),
        ("高速公路通达6县。", "6县", 6.0, "县", None),
        (
            "农村自来水、卫生户厕普及率分别超过97%、88%。",
            "88%",
            88.0,
            "%",
            Some("over"),
        ),
        (
            "参加培训的妇女共12 480名。",
            "12 480名",
            12480.0,
            "名",
            None,
        ),
        (
            "引进项目资金超9亿元。",
            "超9亿元",
            900000000.0,
            "元",
            Some("over"),
        ),
    ];
    for &(sentence, text, value, unit, approx) in cases {
        let figs = run(sentence);
        let f = figs
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("{sentence}: {text} not in {figs:?}"));
        assert_eq!(f.quantity.value, Some(value), "{sentence}");
        assert_eq!(f.quantity.unit, unit, "{sentence}");
        assert_eq!(f.quantity.approx.map(|a| a.as_str()), approx, "{sentence}");
    }
}

#[test]
fn idioms_with_unit_words_are_not_figures() {
    for s in ["工作一度陷入停滞。", "落实二十字方针。", "大家一口气干完。"]
    {
        assert!(run(s).is_empty(), "{s}: {:?}", run(s));
    }
}
