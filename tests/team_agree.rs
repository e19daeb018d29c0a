//! `zongjie agree` on stores written through the store API: which items are
//! compared for each field (figure status and values, headings, report
//! fields), missing decisions left out as α leaves them (never counted as
//! disagreement), κ with two reviewers only, α for three; per report and overall.

mod common;

use std::path::Path;

use common::cli::{run_in, stderr};
use common::review::decision;
use serde_json::Value;
use zongjie::model::Report;
use zongjie::review::team::agreement::alpha_nominal;
use zongjie::review::{
    Anchor, DecisionStatus, ReportReview, SectionDecision, SectionDecisionKind, Store,
};

const TEXT: &str = "县妇联2013年工作总结\n一、大力实施妇女创业行动\n今年共培训1800多名妇女，已落实贷款16萬元，全县“巾帼示范村”达到12个。\n二、维护妇女儿童合法权益\n全年受理来信来访近200件，办结率达到98.5%。\n";

/// A heading decision on the section starting at `start`.
fn heading(start: usize, kind: SectionDecisionKind, who: &str) -> SectionDecision {
    let end = start
        + TEXT[start..]
            .chars()
            .take(6)
            .map(char::len_utf8)
            .sum::<usize>();
    SectionDecision {
        anchor: Anchor::new(TEXT, start, end),
        kind,
        level: None,
        title: None,
        reviewer: who.into(),
        at: "2026-11-22T10:00:00Z".into(),
        extra: Default::default(),
    }
}

/// One reviewer's review: figure statuses by index (`None`: not decided),
/// heading kinds by index, and a corrected year if any.
struct Says<'a> {
    figures: &'a [Option<DecisionStatus>],
    headings: &'a [Option<SectionDecisionKind>],
    year: Option<i32>,
}

fn write_store(dir: &Path, who: &str, report: &Report, says: &Says) {
    let store = Store::open(dir).unwrap();
    let mut r = ReportReview::new("a.txt", &report.id, &report.title);
    r.reviewer = Some(who.into());
    for (f, st) in report.figures.iter().zip(says.figures) {
        if let Some(st) = st {
            r.figures.push(decision(TEXT, (f.start, f.end), *st, who));
        }
    }
    for (s, k) in report.sections.iter().zip(says.headings) {
        if let Some(k) = k {
            r.sections.push(heading(s.start, *k, who));
        }
    }
    if let Some(y) = says.year {
        r.fields.year = Some(Some(y));
    }
    store.save(&r).unwrap();
}

fn agree(root: &Path, stores: &[&str]) -> Value {
    let mut args = vec!["agree", "data", "--format", "json"];
    for s in stores {
        args.extend(["--store", s]);
    }
    let out = run_in(root, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

fn alpha_of(units: &[&[&str]]) -> f64 {
    let units: Vec<Vec<&str>> = units.iter().map(|u| u.to_vec()).collect();
    alpha_nominal(&units).alpha.unwrap()
}

#[test]
fn fields_missing_decisions_and_reviewer_counts() {
    use DecisionStatus::{Accepted as A, Rejected as R};
    use SectionDecisionKind::{Accepted as Ok, NotAHeading as No};
    let (tmp, _data) = common::corpus::data_folder("a.txt", TEXT);
    let root = tmp.path();
    let reports = zongjie::pipeline::parse_text(TEXT);
    let report = &reports[0];
    assert!(
        report.figures.len() >= 2 && report.sections.len() >= 2,
        "{report:#?}"
    );

    write_store(
        &root.join("li"),
        "li",
        report,
        &Says {
            figures: &[Some(A), None],
            headings: &[Some(Ok), Some(No)],
            year: Some(2013),
        },
    );
    write_store(
        &root.join("wang"),
        "wang",
        report,
        &Says {
            figures: &[Some(A), Some(R)],
            headings: &[Some(Ok), Some(Ok)],
            year: Some(2014),
        },
    );
    write_store(
        &root.join("zhao"),
        "zhao",
        report,
        &Says {
            figures: &[Some(A), Some(R)],
            headings: &[Some(Ok), None],
            year: None,
        },
    );

    // Three reviewers: α only. Figure 2 was decided by two (li said nothing):
    // its unit holds two values, not a disagreement, so status α is 1.
    let a = agree(root, &["li", "wang", "zhao"]);
    assert_eq!(a["reviewers"], serde_json::json!(["li", "wang", "zhao"]));
    let all = &a["overall"];
    let status = field(all, "status");
    assert!(status.get("kappa").is_none(), "no κ for three: {status}");
    assert_eq!(
        (status["items"].as_u64(), status["alpha"]["units"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(status["alpha"]["values"], 5);
    assert_eq!(status["alpha"]["alpha"], 1.0);
    // The values of the figure all three accepted: one unit, no variation: undefined.
    let value = field(all, "value");
    assert_eq!(
        (value["items"].as_u64(), value["alpha"]["values"].as_u64()),
        (Some(1), Some(3))
    );
    assert!(value["alpha"]["alpha"].is_null() && value["alpha_interval"]["alpha"].is_null());
    // Headings: the first accepted by all three, the second not-a-heading by li,
    // accepted by wang, not decided by zhao.
    let h = field(all, "heading");
    assert_eq!(
        (h["items"].as_u64(), h["alpha"]["values"].as_u64()),
        (Some(2), Some(5))
    );
    let want = alpha_of(&[&["accepted"; 3], &["not-a-heading", "accepted"]]);
    assert!(
        (h["alpha"]["alpha"].as_f64().unwrap() - want).abs() < 1e-12,
        "{h}"
    );
    // The year: li and wang differ, zhao left it: one unit of two values.
    let y = field(all, "year");
    assert_eq!(
        (y["items"].as_u64(), y["alpha"]["units"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(y["alpha"]["values"], 2);
    // Per report: the one report, the same numbers.
    assert_eq!(a["reports"].as_array().unwrap().len(), 1);
    assert_eq!(a["reports"][0]["file"], "a.txt");
    assert_eq!(a["reports"][0]["report"], report.id.as_str());
    assert_eq!(field(&a["reports"][0]["fields"], "heading"), h);

    // Two reviewers: κ over the items both decided.
    let a = agree(root, &["li", "wang"]);
    let all = &a["overall"];
    let k = &field(all, "heading")["kappa"];
    // p_o = 1/2; li: accepted 1/2, not 1/2; wang: accepted 1: p_e = 1/2, κ = 0.
    assert_eq!(
        (k["units"].as_u64(), k["agreed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(k["kappa"], 0.0);
    // Status: only the first figure is decided by both, and both accepted:
    // chance agreement is certain, κ undefined (not 1, not 0).
    let k = &field(all, "status")["kappa"];
    assert_eq!(
        (k["units"].as_u64(), k["agreed"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(k["kappa"].is_null(), "{k}");

    // The text form says the same, and fails on one store.
    let out = run_in(root, &["agree", "data", "--store", "li", "--store", "wang"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("  heading            2   0.000  (2, 1)"),
        "{text}"
    );
    assert!(
        text.contains("  status             2   —      (1, 1)"),
        "{text}"
    );
    let out = run_in(root, &["agree", "data", "--store", "li"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("two or more reviewers"),
        "{}",
        stderr(&out)
    );
}
