//! The checks a careful reader makes (issue 13, item 2), each as a table of
//! real-shaped reports: one that must be warned about and a near miss that must
//! not. Run through the whole parser (`parse_text`), as `zongjie parse` does.

use zongjie::model::{Flag, WarningCode};
use zongjie::pipeline::parse_text;

/// A report: a title line, then the body.
fn report(body: &str) -> String {
    format!("某县妇联2015年工作总结\n{body}\n")
}

/// The warnings of the one report in `body`, and the flags of its figures.
fn findings(body: &str) -> (Vec<WarningCode>, Vec<(String, Flag)>) {
    let reports = parse_text(&report(body));
    assert_eq!(reports.len(), 1, "{body}");
    let r = &reports[0];
    let warnings = r.warnings.iter().map(|w| w.code).collect();
    let flags = r
        .figures
        .iter()
        .flat_map(|f| f.flags.iter().map(move |&fl| (f.text.clone(), fl)))
        .collect();
    (warnings, flags)
}

fn count(body: &str, code: WarningCode) -> usize {
    findings(body).0.iter().filter(|&&c| c == code).count()
}

fn flagged(body: &str, flag: Flag) -> Vec<String> {
    findings(body)
        .1
        .into_iter()
        .filter(|(_, f)| *f == flag)
        .map(|(t, _)| t)
        .collect()
}

/// (report body, conflicts expected)
const CONFLICTS: &[(&str, usize)] = &[
    // One count of a thing stated twice, in two sections, with two values.
    (
        "一、组织建设\n全县建成巾帼示范村12个，带动妇女创业。\n二、维权工作\n开展维权活动30场。\n三、创建活动\n全县建成巾帼示范村15个，示范作用明显。",
        1,
    ),
    // Near miss: the second is a part of the first (其中), not the whole again.
    (
        "一、组织建设\n全县建成巾帼示范村12个，带动妇女创业。\n二、创建活动\n今年新建的村中，其中建成巾帼示范村5个。",
        0,
    ),
    // Near miss: the same value stated again is no conflict.
    (
        "一、组织建设\n全县建成巾帼示范村12个。\n二、创建活动\n全县建成巾帼示范村12个。",
        0,
    ),
    // Near miss: sums named alike in two sections are different sums (慰问资金 of
    // two activities), as every such pair on ../shared was.
    (
        "一、帮扶\n全镇共走访慰问了贫困妇女12名，慰问资金4000元。\n二、儿童工作\n全镇共落实结对80对，慰问资金22300元。",
        0,
    ),
];

#[test]
fn conflicts_across_sections_of_one_report() {
    for (body, want) in CONFLICTS {
        assert_eq!(count(body, WarningCode::Conflict), *want, "{body}");
        let marked = flagged(body, Flag::Conflict).len();
        assert_eq!(marked, want * 2, "both figures marked: {body}");
    }
}

/// (report body, placeholders expected)
const PLACEHOLDERS: &[(&str, usize)] = &[
    ("一、脱贫攻坚\n帮扶贫困妇女**户，组织培训**万人次。", 2),
    ("一、巾帼行动\n共培训农村妇女○○人，发放资料××份。", 2),
    ("一、宣传\n发放宣传资料xx余份，慰问__户。", 2),
    ("一、宣传\n全年编印简报XX期。", 1),
    // Near misses: a zero inside numerals, a footnote star, a multiplication sign.
    (
        "一、巾帼行动\n共培训农村妇女二〇〇人，发放资料三〇五份。",
        0,
    ),
    ("一、宣传\n*注：数据截至年底。共发放资料300份。", 0),
    ("一、场地\n建成3×4米展板10块。", 0),
];

#[test]
fn placeholders_of_every_kind() {
    for (body, want) in PLACEHOLDERS {
        assert_eq!(count(body, WarningCode::Placeholder), *want, "{body}");
    }
}

/// (report body, the figures flagged over 100%)
const RATES: &[(&str, &[&str])] = &[
    // A rate of a share right after a completion rate: the share is flagged.
    (
        "一、指标\n任务完成率为95%，妇女儿童覆盖率达200%。",
        &["达200%"],
    ),
    (
        "一、指标\n任务完成率为95%、妇女儿童覆盖率达200%。",
        &["达200%"],
    ),
    // Every rate of a list of shares.
    (
        "一、指标\n入会率、参保率分别达到98%、102%、120%。",
        &["102%", "120%"],
    ),
    // Near misses: completion and growth rates may exceed 100%, and a list of
    // growth rates is growth all along.
    ("一、指标\n任务完成率达120%，同比增长150%。", &[]),
    ("一、指标\n产量分别增长544.4%、199.2%、110.9%、32.2%。", &[]),
];

#[test]
fn rates_over_100_percent_except_completion_and_growth() {
    for (body, want) in RATES {
        assert_eq!(flagged(body, Flag::Over100Percent), *want, "{body}");
    }
}
