//! Figures that check each other (issue 19): real-shaped sentences for each
//! kind of relation, consistent, inconsistent and qualified, and the near
//! misses that must not relate. Precision first: a false inconsistency is worse
//! than a missed relation.

mod common;

use common::review::decision;
use zongjie::export::csv::{COLUMNS, CsvOptions, write_csv};
use zongjie::export::records::records;
use zongjie::export::stats::{render_text, stats};
use zongjie::figures::extract_figures;
use zongjie::model::{FigureKind, Quantity, Report, WarningCode};
use zongjie::relations::{Outcome, Relation, find_relations, warnings};
use zongjie::review::session::{FileText, ReportSession, ReviewedFile};
use zongjie::review::{DecisionStatus, REPORT_WRONG_TAG, ReportReview};
use zongjie::text::Normalized;

fn run(s: &str) -> Vec<Relation> {
    let norm = Normalized::new(s);
    let (figs, _) = extract_figures(s, &norm, std::slice::from_ref(&(0..s.len())));
    find_relations(s, &norm, &figs)
}

/// (text, relations found: kind, outcome, the arithmetic written)
type Case = (
    &'static str,
    &'static [(&'static str, Outcome, &'static str)],
);

fn check(cases: &[Case]) {
    let mut failed = Vec::new();
    for (text, want) in cases {
        let got: Vec<(String, Outcome, String)> = run(text)
            .into_iter()
            .map(|r| (r.kind.as_str().to_string(), r.outcome, r.arithmetic))
            .collect();
        let same = got.len() == want.len()
            && got
                .iter()
                .zip(want.iter())
                .all(|(g, w)| g.0 == w.0 && g.1 == w.1 && g.2 == w.2);
        if !same {
            failed.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}

use Outcome::{Consistent as Ok, Inconsistent as Bad, Loose};

#[test]
fn shares() {
    check(&[
        (
            "代表共13人，其中女性代表6名，占46.2%。",
            &[("parts", Ok, "6 ≤ 13 ✓"), ("share", Ok, "6 / 13 = 46.2% ✓")],
        ),
        (
            "代表共13人，其中女性代表6名，占46%。",
            &[("parts", Ok, "6 ≤ 13 ✓"), ("share", Ok, "6 / 13 = 46% ✓")],
        ),
        (
            "代表共13人，其中女性代表6名，占47%。",
            &[
                ("parts", Ok, "6 ≤ 13 ✓"),
                ("share", Bad, "6 / 13 = 46.2% ≠ 47% ✗"),
            ],
        ),
        // The whole named inside the 占 phrase.
        (
            "女性代表6名，占代表总数13名的46.2%。",
            &[("share", Ok, "6 / 13 = 46.2% ✓")],
        ),
        // A rate in a 比例 clause after a 其中 part (traditional script).
        (
            "共選出村委會成員63名,其中女性委員23名,女性進村委比例為36.5%,比上一屆提高了0.1個百分點。",
            &[
                ("parts", Ok, "23 ≤ 63 ✓"),
                ("share", Ok, "23 / 63 = 36.5% ✓"),
            ],
        ),
        // The whole of the 其中 list named again after 占, the list's whole
        // itself a share of another whole.
        (
            "全镇已转移农村劳动力33613人,占总劳动力的84.2%,其中转移妇女劳动力16820人,占转移劳动力的48%。",
            &[
                ("parts", Ok, "16820 ≤ 33613 ✓"),
                ("share", Bad, "16820 / 33613 = 50.0% ≠ 48% ✗"),
            ],
        ),
        // A qualified part: loose, not wrong.
        (
            "培训妇女1800多名，其中贫困妇女900名，占50%。",
            &[
                ("parts", Loose, "900 ≤ 1800+ ≈"),
                ("share", Loose, "900 / 1800+ = 50% ≈"),
            ],
        ),
    ]);
}

#[test]
fn parts_and_totals() {
    check(&[
        (
            "市级以上女能人、女状元98人,其中省级6人,全国级3人。",
            &[("parts", Ok, "6, 3 ≤ 98 ✓")],
        ),
        (
            "上级下拔68人的资金93.6万元(其中,国家资金60万元、省资金26.88万元、市资金6.72万元)。",
            &[("parts", Ok, "60万, 26.88万, 6.72万 ≤ 93.6万 ✓")],
        ),
        (
            "全村有党员50名，其中女党员60名。",
            &[("parts", Bad, "60 > 50 ✗")],
        ),
        (
            "全省接待游客超11亿人次，其中入境游客340万人次。",
            &[("parts", Loose, "340万 ≤ 11亿+ ≈")],
        ),
        (
            "今年新建活动室5个、改建3个，共8个。",
            &[("total", Ok, "5 + 3 = 8 ✓")],
        ),
        (
            "今年新建活动室8个、改建6个，共13个。",
            &[("total", Bad, "8 + 6 = 14 ≠ 13 ✗")],
        ),
        (
            "发放救助金2万元、慰问金5000元，合计2.5万元。",
            &[("total", Ok, "2万 + 5000 = 2.5万 ✓")],
        ),
    ]);
}

#[test]
fn growth() {
    check(&[
        (
            "常住人口由上年729万人增加到732万人，城镇化率达69.1%。",
            &[("growth", Ok, "729万 → 732万 ↑ ✓")],
        ),
        (
            "培训人数由1800人增加到2000人，增长11.1%。",
            &[("growth", Ok, "(2000 − 1800) / 1800 = 11.1% ✓")],
        ),
        (
            "培训人数由1800人增加到2000人，增长15%。",
            &[("growth", Bad, "(2000 − 1800) / 1800 = 11.1% ≠ 15% ✗")],
        ),
        (
            "村委会女性成员比例由30%提高到35%。",
            &[("growth", Ok, "30 → 35 ↑ ✓")],
        ),
        (
            "贫困妇女由1200人减少到800人。",
            &[("growth", Ok, "1200 → 800 ↓ ✓")],
        ),
        (
            "贫困妇女由1200人减少到1500人。",
            &[("growth", Bad, "1200 → 1500 ↓ ✗")],
        ),
        (
            "贷款余额由500万元减少到400万元，减少100万元，下降20%。",
            &[(
                "growth",
                Ok,
                "500万 − 400万 = 100万 ✓; (500万 − 400万) / 500万 = 20% ✓",
            )],
        ),
        // Output grows at comparable prices: its rate is not recomputed from
        // the nominal values, the difference is.
        (
            "全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元，增长33.6%。",
            &[("growth", Ok, "13697.5亿 − 9323.1亿 = 4374.4亿 ✓")],
        ),
        (
            "妇女小额贷款达到1200万元，比上年的1000万元增加200万元，增长20%。",
            &[(
                "growth",
                Ok,
                "1200万 − 1000万 = 200万 ✓; (1200万 − 1000万) / 1000万 = 20% ✓",
            )],
        ),
        (
            "会员由1800多人增加到2000人。",
            &[("growth", Loose, "1800+ → 2000 ↑ ≈")],
        ),
    ]);
}

#[test]
fn products() {
    check(&[
        (
            "举办培训班3期，每期60人，共180人。",
            &[("product", Ok, "3 × 60 = 180 ✓")],
        ),
        (
            "举办培训班3期，每期60人，共200人。",
            &[("product", Bad, "3 × 60 = 180 ≠ 200 ✗")],
        ),
        (
            "慰问困难妇女20户，每户500元，共计1万元。",
            &[("product", Ok, "20 × 500 = 1万 ✓")],
        ),
    ]);
}

#[test]
fn near_misses_do_not_relate() {
    check(&[
        // Two unrelated percentages in one sentence.
        ("女性比例为36.5%，比上一届提高了0.1个百分点。", &[]),
        ("群众满意率达95%，办结率98%。", &[]),
        // A share of a whole the text does not state.
        ("已有平安家庭181,913户,占全区总户数的90%。", &[]),
        // A share of another whole: the 占 phrase names the county's women,
        // not the women trained.
        (
            "全县共培训妇女3000人，其中贫困妇女1000人，占全县妇女总数的2%。",
            &[("parts", Ok, "1000 ≤ 3000 ✓")],
        ),
        // 占 with no whole named and no list to take it from.
        ("全市共有妇女10万人，培训妇女3000人，占40%。", &[]),
        // Growth with one value only.
        ("全年实现地区生产总值5696亿元，同比增长5.3%。", &[]),
        ("技术合同成交额突破3000亿元、增长15.1%。", &[]),
        // Ranges and years are not values of a growth.
        ("从2014年到2016年，共培训妇女300人。", &[]),
        ("服务对象年龄由15-49岁扩大到15-64岁。", &[]),
        // Different sentences.
        ("代表共13人。女性代表6名，占47%。", &[]),
        // A per-person amount and a total of something else.
        (
            "为20名贫困单亲母亲发放救助金2万元，为她们每人送去500元慰问金。",
            &[],
        ),
        (
            "共为1190名贫困精神残疾人每人每年发放1000元药费补助，补贴资金119万元。",
            &[],
        ),
        // A later figure of the same unit after a 其中 list is the next statement.
        (
            "培训妇女300人，其中贫困妇女100人，带动就业1000人。",
            &[("parts", Ok, "100 ≤ 300 ✓")],
        ),
        // Parts of different measures.
        (
            "我县应换届的319个村，全部选出女性成员，其中6名女性当选为村书记。",
            &[],
        ),
        // Categories of a 其中 list overlap: their sum is not checked.
        (
            "执委13人，其中女性8名、党员7名。",
            &[("parts", Ok, "8, 7 ≤ 13 ✓")],
        ),
    ]);
}

#[test]
fn inconsistency_is_a_warning_with_the_recomputed_value() {
    let s = "代表共13人，其中女性代表6名，占47%。";
    let norm = Normalized::new(s);
    let (figs, _) = extract_figures(s, &norm, std::slice::from_ref(&(0..s.len())));
    let rels = find_relations(s, &norm, &figs);
    let w = warnings(&rels, &figs);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, WarningCode::Inconsistent);
    assert!(w[0].message.contains("46.2%"), "{}", w[0].message);
    assert_eq!(
        &s[w[0].start.unwrap()..w[0].end.unwrap()],
        "13人，其中女性代表6名，占47%"
    );
}

#[test]
fn relations_serialise_with_figure_ids() {
    let rels = run("代表共13人，其中女性代表6名，占46.2%。");
    let j = serde_json::to_value(&rels[1]).unwrap();
    assert_eq!(j["kind"], "share");
    assert_eq!(j["outcome"], "consistent");
    assert_eq!(j["terms"][0]["role"], "part");
    assert_eq!(j["terms"][1]["role"], "whole");
    assert_eq!(j["terms"][2]["role"], "rate");
    assert_eq!(j["terms"][0]["figure"], "f2");
    let back: Relation = serde_json::from_value(j).unwrap();
    assert_eq!(back, rels[1]);
}

/// A one-report file with its review, as export and stats see it.
fn reviewed(text: &str, rv: impl FnOnce(&Report, &mut ReportReview)) -> Vec<ReviewedFile> {
    let norm = Normalized::new(text);
    let (figures, _) = extract_figures(text, &norm, std::slice::from_ref(&(0..text.len())));
    let relations = find_relations(text, &norm, &figures);
    let report = Report {
        id: "r1".into(),
        end: text.len(),
        warnings: warnings(&relations, &figures),
        figures,
        relations,
        ..Default::default()
    };
    let mut review = ReportReview::new("a.txt", "r1", "");
    rv(&report, &mut review);
    let file = FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), text.into());
    vec![ReviewedFile {
        sessions: vec![ReportSession::new(0, report, review, text)],
        file,
        problems: vec![],
        used: vec![],
    }]
}

#[test]
fn export_checks_column_rechecks_with_the_reviewers_values() {
    let text = "代表共13人，其中女性代表6名，占47%。";
    let rate = |r: &Report| r.figures.iter().find(|f| f.text == "47%").unwrap().clone();
    // As parsed: the share is wrong, and the reviewer blames the report.
    let files = reviewed(text, |r, rv| {
        let f = rate(r);
        let mut d = decision(text, (f.start, f.end), DecisionStatus::Accepted, "t");
        d.tags = vec![REPORT_WRONG_TAG.into()];
        rv.figures.push(d);
    });
    let (recs, _) = records(&files).unwrap();
    let rec = recs.iter().find(|r| r.text == "47%").unwrap();
    assert_eq!(rec.checks, vec!["share: 6 / 13 = 46.2% ≠ 47% ✗"]);
    let six = recs.iter().find(|r| r.text == "6名").unwrap();
    assert_eq!(
        six.checks,
        vec!["parts: 6 ≤ 13 ✓", "share: 6 / 13 = 46.2% ≠ 47% ✗"]
    );
    let mut csv = Vec::new();
    write_csv(&mut csv, &recs, CsvOptions::default()).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(COLUMNS.last(), Some(&"checks"));
    let row = csv.lines().find(|l| l.contains(",47%,")).unwrap();
    assert!(row.contains(REPORT_WRONG_TAG), "{row}");
    assert!(row.ends_with("share: 6 / 13 = 46.2% ≠ 47% ✗"), "{row}");
    let st = stats(&files, vec![]);
    assert_eq!(st.relations["share"]["inconsistent"], 1);
    assert_eq!(st.warnings["inconsistent"], 1);
    let shown = render_text(&st);
    assert!(
        shown.contains("relations: parts 1 consistent; share 1 inconsistent"),
        "{shown}"
    );

    // Corrected to what the report should say, the check passes again.
    let files = reviewed(text, |r, rv| {
        let f = rate(r);
        let mut d = decision(text, (f.start, f.end), DecisionStatus::Corrected, "t");
        d.corrected = Some(Quantity {
            value: Some(46.2),
            unit: "%".into(),
            kind: FigureKind::Percent,
            ..Default::default()
        });
        rv.figures.push(d);
    });
    let (recs, _) = records(&files).unwrap();
    let rec = recs.iter().find(|r| r.text == "47%").unwrap();
    assert_eq!(rec.checks, vec!["share: 6 / 13 = 46.2% ✓"]);
}
