//! Extraction over running text: what is a figure, what is not (guide §3), the
//! warnings and flags (guide §4), and one regression test per error fixed from
//! `score.py --show-errors` on the seed pages.

use zongjie::figures::{extract_figures, report_flags};
use zongjie::model::{Figure, Flag, Warning};
use zongjie::text::Normalized;

fn run(s: &str) -> (Vec<Figure>, Vec<Warning>) {
    let norm = Normalized::new(s);
    let (mut f, mut w) = extract_figures(s, &norm, std::slice::from_ref(&(0..s.len())));
    w.extend(report_flags(&mut f));
    (f, w)
}

/// The scored figures' surfaces (dates, durations and ordinals set aside).
fn texts(s: &str) -> Vec<String> {
    run(s)
        .0
        .into_iter()
        .filter(|f| f.quantity.kind.is_figure())
        .map(|f| f.text)
        .collect()
}

#[test]
fn not_figures() {
    // (sentence, the figures it does hold)
    let cases: &[(&str, &[&str])] = &[
        // list markers and ordinals
        ("1.加强组织领导,2.落实责任", &[]),
        ("1、强化宣传。2、培训骨干", &[]),
        ("(1)开展培训;(2)组织活动", &[]),
        ("一是加大宣传力度;二是拓展培训渠道", &[]),
        ("这是第十次妇女代表大会,第八屆執委會", &[]),
        ("项目实施第3年,共培训200人", &["200人"]),
        ("第一批10个示范点", &["10个"]),
        ("区政协九届四十八次主席会议", &[]),
        // names, slogans, honours
        ("开展“三八”维权周活动", &[]),
        ("评选三八红旗手150名", &["150名"]),
        ("评选五好家庭100户", &["100户"]),
        ("开展十佳巾帼评选", &[]),
        ("双百佳评选和两癌筛查", &[]),
        ("实施两规划,推进四大一新", &[]),
        ("围绕六个环绕开展工作", &[]),
        ("开展十个一活动", &[]),
        ("学习十九大精神,推进六五普法", &[]),
        ("庆祝三八国际劳动妇女节101周年", &[]),
        ("六一儿童节期间慰问儿童30名", &["30名"]),
        ("3·8节、3.8节期间", &[]),
        ("十三五规划开局", &[]),
        ("一对一帮扶,1对1结对", &[]),
        ("千家万户,上百人,成千上万", &[]),
        // quoted titles
        ("学习《3到6岁儿童学习与发展指南》", &[]),
        ("开展“百名好父亲好母亲”评选,4人获奖", &["4人"]),
        ("举办“12.4”法制宣传日和“6.26”禁毒日活动", &[]),
        // identifiers
        ("开通12338妇女维权热线", &[]),
        ("索引号:000014349/2014-00123", &[]),
        ("根据x妇字〔2014〕15号文件", &[]),
        ("电话:0477-8512338", &[]),
        ("开展HPV16检测500人", &["500人"]),
        // dates, times, durations
        ("2013年8月1日至2014年2月28日", &[]),
        ("12月8日上午9点在广场举行", &[]),
        ("连续五年,三年共计30万元", &["30万元"]),
        ("用了两个月时间,每周3天", &[]),
        ("2014年度,20xx-20xx年", &[]),
        // placeholders carry no value
        ("发放宣传资料xx余份", &[]),
        ("培训女工余名", &[]),
        ("筹集资金20xx多元", &[]),
        ("慰问××户困难家庭", &[]),
        ("筹集资金XX万元,xx多万人次参与", &[]),
        // small counts in Chinese numerals and idioms stay out
        ("召开一次座谈会,两位同志,三个村", &[]),
        ("和她们一起参加", &[]),
        ("形成一批品牌,建立一支队伍", &[]),
        // but a count in words is a figure
        (
            "发放宣传品三万余份,参与群众近四万人",
            &["三万余份", "近四万人"],
        ),
        ("表彰十二名先进个人", &["十二名"]),
    ];
    let mut bad = Vec::new();
    for (s, want) in cases {
        let got = texts(s);
        if got != *want {
            bad.push(format!("{s}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn figures_in_running_text() {
    let cases: &[(&str, &[&str])] = &[
        (
            "今年共培訓1800多名婦女,落實貸款16萬元",
            &["1800多名", "16萬元"],
        ),
        (
            "已完成了向20多萬15-49週歲婦女宣传",
            &["20多萬", "15-49週歲"],
        ),
        ("平安家庭181,913户,占全区总户数的90%", &["181,913户", "90%"]),
        ("辦結率達100%,信访结案率达到99%", &["達100%", "达到99%"]),
        ("近1/4的家庭,三分之一的妇女", &["近1/4", "三分之一"]),
        (
            "比例提高0.1個百分點,占百分之九十",
            &["0.1個百分點", "百分之九十"],
        ),
        ("新建服务大厅8间200多平米", &["8间", "200多平米"]),
        ("全旗56家非公有制企业和5家中介组织", &["56家", "5家"]),
        ("为3到6岁儿童,资助3至5万元", &["3到6岁", "3至5万元"]),
        (
            "会务费全年别超过3万元,燃修费控制在2万元以内",
            &["别超过3万元", "2万元以内"],
        ),
        ("确保参评率达90%以上", &["达90%以上"]),
        (
            "米、面、油15090斤,建一栋2000平方米的宿舍楼",
            &["15090斤", "2000平方米"],
        ),
        ("为60周岁以上的老人体检", &["60周岁以上"]),
        ("九成以上的村", &["九成以上"]),
        ("慰问金2，000元,资金12，500元", &["2，000元", "12，500元"]),
        ("编号00123名单", &[]),
        (
            "共培训 1800 名妇女,合格率 98.5 %,第 3 次会议,2014 年",
            &["1800 名", "98.5 %"],
        ),
        (
            "處理信訪案件２０個案件,超过了3000人参加",
            &["２０個", "超过了3000人"],
        ),
        ("已有十余人报名", &["十余人"]),
    ];
    let mut bad = Vec::new();
    for (s, want) in cases {
        let got = texts(s);
        if got != *want {
            bad.push(format!("{s}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn values_units_and_qualifiers() {
    let (f, _) = run("共有8000多名青年参加,近16萬人受益,人均1.5万元,增长0.1個百分點");
    let got: Vec<(f64, &str, &str, Option<&str>)> = f
        .iter()
        .map(|f| {
            (
                f.quantity.value.unwrap_or(f64::NAN),
                f.quantity.unit.as_str(),
                f.quantity.kind.as_str(),
                f.quantity.approx.map(|a| a.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (8000.0, "名", "count", Some("over")),
            (160000.0, "人", "count", Some("about")),
            (15000.0, "元", "money", None),
            (0.1, "百分点", "percent", None),
        ]
    );
    assert_eq!(f[0].subject.as_deref(), Some("青年"));
    let ids: Vec<&str> = f.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["f1", "f2", "f3", "f4"]);
}

#[test]
fn offsets_point_at_the_original_surface() {
    let s = "縣婦聯慰問３戶特困老年婦女，送去慰問金３０００元。";
    let (f, _) = run(s);
    for fig in &f {
        assert_eq!(&s[fig.start..fig.end], fig.text);
    }
    assert_eq!(f[1].text, "３０００元");
    assert_eq!(f[1].quantity.value, Some(3000.0));
}

#[test]
fn warnings_for_placeholders_and_missing_numbers() {
    let (f, w) = run("发放宣传资料xx餘份,接受咨询19人次;培训女工余名;捐款20xx多元");
    assert_eq!(texts("发放宣传资料xx餘份,接受咨询19人次"), vec!["19人次"]);
    let codes: Vec<&str> = w.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, vec!["placeholder", "missing-number", "placeholder"]);
    let s = "发放宣传资料xx餘份,接受咨询19人次;培训女工余名;捐款20xx多元";
    let spans: Vec<&str> = w
        .iter()
        .map(|w| &s[w.start.unwrap()..w.end.unwrap()])
        .collect();
    assert_eq!(spans, vec!["xx餘份", "余名", "20xx多元"]);
    assert_eq!(f.len(), 1);
}

#[test]
fn blank_counts_are_missing_numbers() {
    let s = "全区共个街道、个社区、个行政村多人参加,个别同志、个人";
    let (f, w) = run(s);
    assert!(f.is_empty());
    let spans: Vec<&str> = w
        .iter()
        .map(|w| &s[w.start.unwrap()..w.end.unwrap()])
        .collect();
    assert_eq!(spans, vec!["个", "个", "个"]);
    assert!(w.iter().all(|w| w.code.as_str() == "missing-number"));
}

#[test]
fn placeholders_with_multipliers() {
    let s = "筹集资金XX万元,xx多万人次参与";
    let (_, w) = run(s);
    let spans: Vec<&str> = w
        .iter()
        .map(|w| &s[w.start.unwrap()..w.end.unwrap()])
        .collect();
    assert_eq!(spans, vec!["XX万元", "xx多万人次"]);
}

#[test]
fn flags_fire_on_what_is_wrong_on_its_face() {
    let flags = |s: &str| -> Vec<Vec<Flag>> { run(s).0.into_iter().map(|f| f.flags).collect() };
    assert_eq!(flags("筹集各方善款239450万元"), vec![vec![Flag::Magnitude]]);
    assert_eq!(
        flags("获得贴息贷款500元,用于扶持84户"),
        vec![vec![Flag::Magnitude], vec![]]
    );
    assert_eq!(flags("为她们每人送去500元慰问金"), vec![Vec::<Flag>::new()]);
    assert_eq!(flags("参评率达120%"), vec![vec![Flag::Over100Percent]]);
    assert_eq!(flags("收入同比增长150%"), vec![Vec::<Flag>::new()]);
    assert_eq!(flags("今年是去年的150%"), vec![Vec::<Flag>::new()]);
    assert_eq!(flags("完成率達到105%"), vec![Vec::<Flag>::new()]);
    assert_eq!(
        flags("截止20146月,女干部5名")[0],
        vec![Flag::RunTogetherDate]
    );
    let (f, w) = run("全年培训农村妇女1800人。下半年……全年培训农村妇女2000人。");
    assert_eq!(f[0].flags, vec![Flag::Conflict]);
    assert_eq!(f[1].flags, vec![Flag::Conflict]);
    assert!(w.iter().any(|w| w.code.as_str() == "conflict"));
}

/// One case per error fixed from `score.py --show-errors` on the seed pages.
#[test]
fn regressions_from_seed_errors() {
    // a number after an ASCII clause comma was taken for a thousands group
    assert_eq!(
        texts("其中6名女性當選爲黨支部書記,10名女性當選"),
        vec!["6名", "10名"]
    );
    assert_eq!(
        texts("动员全区16700余人参加,500余人参加摄影比赛"),
        vec!["16700余人", "500余人"]
    );
    assert_eq!(
        texts("配备了12台电脑,5台电子琴,2个乒乓球台"),
        vec!["12台", "5台", "2个"]
    );
    // a campaign name, not a sum
    assert_eq!(
        texts("全市再次掀起春蕾打算十元捐热潮"),
        Vec::<String>::new()
    );
    // a round number inside a contest's name
    assert_eq!(
        texts("获得第*届北京市百万家庭数字生活技能大赛"),
        Vec::<String>::new()
    );
    // a measure word before a larger number is not the slogan 十个一
    assert_eq!(
        texts("新建“便民服务大厅”8间200多平米"),
        vec!["8间", "200多平米"]
    );
    // 家 before 中介 is still a measure word
    assert_eq!(
        texts("完善了全旗56家非公有制企业和5家中介组织"),
        vec!["56家", "5家"]
    );
    // a part (其中) is not the whole stated again: no conflict
    let (f, w) = run("全旗初步掌握留守儿童1355人。在校生800名,其中留守儿童198人。");
    assert!(f.iter().all(|f| f.flags.is_empty()), "{f:?}");
    assert!(w.is_empty());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const ALPHABET: &[char] = &[
        '1', '2', '0', '9', '.', ',', '-', '/', '%', '１', '％', '，', '。', '一', '两', '十',
        '百', '千', '万', '萬', '亿', '零', '〇', '多', '余', '餘', '几', '点', '分', '之', '又',
        '名', '人', '次', '元', '岁', '週', '歲', '成', '个', '個', '第', '年', '月', '近', '约',
        '达', '超', '过', '以', '上', 'x', 'X', '×', '_', '“', '”', '《', '》', '\r', '\n', ' ',
        '　', 'a', '负', '半', '折',
    ];

    proptest! {
        #[test]
        fn extraction_and_reader_hold_up(idx in proptest::collection::vec(0..ALPHABET.len(), 0..40)) {
            let s: String = idx.iter().map(|&i| ALPHABET[i]).collect();
            let (f, w) = run(&s);
            for fig in &f {
                prop_assert_eq!(s.get(fig.start..fig.end), Some(fig.text.as_str()));
            }
            for w in &w {
                if let (Some(a), Some(b)) = (w.start, w.end) {
                    prop_assert!(s.get(a..b).is_some());
                }
            }
            let _ = zongjie::figures::read_quantity(&s);
        }
    }
}

#[test]
fn vague_ranks_durations_and_unitless_sums() {
    assert_eq!(texts("数十名妇女参加,好几百人观看"), Vec::<String>::new());
    assert_eq!(
        texts("获得前10名,历时2个多月,用了1个半小时"),
        Vec::<String>::new()
    );
    let (f, _) = run("领取“贫困母亲两癌救助专项基金”共270万");
    assert_eq!(f[0].quantity.kind.as_str(), "money");
    let (f, _) = run("共筹集资金10万,检出率3.5‰");
    assert_eq!(f[0].quantity.kind.as_str(), "money");
    assert_eq!(f[0].quantity.unit, "元");
    assert_eq!(f[1].quantity.value, Some(0.35));
}

#[test]
fn conflict_needs_the_same_phrasing_and_sums_the_same_section() {
    // A count of one thing conflicts across sections of a report (issue 13).
    let s = "走访慰问了贫困妇女12名。共慰问贫困妇女15名。";
    let norm = Normalized::new(s);
    let body = vec![std::ops::Range {
        start: 0,
        end: s.len(),
    }];
    let (mut f, _) = extract_figures(s, &norm, &body);
    f[0].section = Some("s1".into());
    f[1].section = Some("s2".into());
    assert_eq!(report_flags(&mut f).len(), 1);
    // A sum named alike in two sections is two sums.
    let m = "走访贫困妇女，慰问资金4000元。结对帮扶，慰问资金22300元。";
    let mnorm = Normalized::new(m);
    let mbody = vec![std::ops::Range {
        start: 0,
        end: m.len(),
    }];
    let (mut g, _) = extract_figures(m, &mnorm, &mbody);
    g[0].section = Some("s1".into());
    g[1].section = Some("s2".into());
    assert!(report_flags(&mut g).is_empty());
    assert!(g.iter().all(|f| f.flags.is_empty()));
    let (mut f, _) = extract_figures(s, &norm, &body);
    f[0].section = Some("s1".into());
    f[1].section = Some("s1".into());
    assert_eq!(report_flags(&mut f).len(), 1);
    assert_eq!(f[0].flags, vec![Flag::Conflict]);
    // a reviewer corrects one value: the conflict goes
    f[1].quantity.value = Some(12.0);
    assert!(report_flags(&mut f).is_empty());
    assert!(f[0].flags.is_empty());
    // two activities counting the same people in one sentence, or phrased differently
    for s in [
        "共为633万名农村妇女进行了宫颈癌免费检查,为95.6万名农村妇女进行了乳腺癌免费检查。",
        "1月至9月,共为633万名农村妇女检查。已累计为3882万名农村妇女检查。",
    ] {
        let (mut f, _) = run(s);
        assert!(report_flags(&mut f).is_empty(), "{s}");
        assert!(f.iter().all(|f| f.flags.is_empty()), "{s}");
    }
}
