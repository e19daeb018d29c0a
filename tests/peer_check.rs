//! The peer check of `../shared/eval/peer_check.py` as a test: Microsoft
//! Recognizers-Text's public Chinese number, percent, currency, age and dimension
//! cases, read through the same `read_quantity` that `zongjie figure -` uses.
//!
//! The shared folder sits beside the clone (`CARGO_MANIFEST_DIR/../shared`); set
//! `ZONGJIE_SHARED` to point elsewhere. Without it the test says so and passes,
//! except under CI (`CI` set), where it must run.

mod common;

use std::path::PathBuf;

use serde_json::Value;
use zongjie::figures::read_quantity;

/// Dimension units the check keeps (as `peer_check.py` does).
const DIM_UNITS: &[&str] = &[
    "Mu",
    "Kilogram",
    "Ton",
    "Square meter",
    "Square kilometer",
    "Meter",
    "Kilometer",
    "Jin",
    "Gram",
];

/// Cases judged out of scope, with the reason. They still count as failures in the rate.
const OUT_OF_SCOPE: &[(&str, &str)] = &[(
    "人民币",
    "a currency named with no amount: the peer expects a null value; zongjie reads no quantity (an error)",
)];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(1e-6 * a.abs().max(b.abs()))
}

struct Case {
    model: String,
    text: String,
    expected: Option<String>,
}

fn cases(dir: &std::path::Path) -> Vec<Case> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("peer dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let model = f.file_stem().unwrap().to_string_lossy().to_string();
        if ![
            "NumberModel",
            "PercentModel",
            "CurrencyModel",
            "AgeModel",
            "DimensionModel",
        ]
        .contains(&model.as_str())
        {
            continue;
        }
        let body = std::fs::read_to_string(&f).expect("read peer file");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let row: Value = serde_json::from_str(line).expect("peer json");
            for e in row["expected"].as_array().into_iter().flatten() {
                let text = e["text"].as_str().unwrap_or("").to_string();
                if text.chars().any(|c| c.is_ascii_alphabetic() || c == '^') {
                    continue;
                }
                let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                match model.as_str() {
                    "CurrencyModel" if field("isoCurrency") != "CNY" => continue,
                    "AgeModel" if field("unit") != "Year" => continue,
                    "DimensionModel" if !DIM_UNITS.contains(&field("unit").as_str()) => continue,
                    _ => {}
                }
                out.push(Case {
                    model: model.clone(),
                    text,
                    expected: e["value"].as_str().map(str::to_string),
                });
            }
        }
    }
    out
}

fn passes(c: &Case) -> bool {
    // the CLI reads one line per case, newlines folded to spaces
    let Ok(q) = read_quantity(&c.text.replace('\n', " ")) else {
        return false;
    };
    let (Some(v), Some(exp)) = (q.value, c.expected.as_deref()) else {
        return false;
    };
    let e: f64 = match exp.trim_end_matches('%').parse() {
        Ok(e) => e,
        Err(_) => return false,
    };
    if c.model == "PercentModel" {
        return close(v, e);
    }
    close(v, e) || (q.kind == zongjie::model::FigureKind::Percent && close(v / 100.0, e))
}

#[test]
fn peer_number_cases_pass_at_least_ninety_percent() {
    let Some(shared) = common::shared::require_shared("the peer number check") else {
        return;
    };
    let dir = shared.join("peer-tests/recognizers-text");
    let cs = cases(&dir);
    assert_eq!(cs.len(), 564, "the check's case selection changed");
    let mut failed = Vec::new();
    for c in &cs {
        if !passes(c) {
            failed.push(c);
        }
    }
    let rate = (cs.len() - failed.len()) as f64 / cs.len() as f64;
    for c in &failed {
        let why = OUT_OF_SCOPE
            .iter()
            .find(|(t, _)| *t == c.text)
            .map_or("(not judged out of scope)", |(_, w)| w);
        eprintln!(
            "FAIL {} {:?} expected {:?}: {why}",
            c.model, c.text, c.expected
        );
    }
    eprintln!(
        "pass rate {rate:.3} ({}/{})",
        cs.len() - failed.len(),
        cs.len()
    );
    assert!(rate >= 0.90, "pass rate {rate:.3}");
    // every failure is one we have judged out of scope
    let unexplained: Vec<&str> = failed
        .iter()
        .filter(|c| !OUT_OF_SCOPE.iter().any(|(t, _)| *t == c.text))
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        unexplained.is_empty(),
        "failures not judged out of scope: {unexplained:?}"
    );
}
