//! Cohen's κ and Krippendorff's α of `review::team::agreement` against
//! reference implementations on random reliability data: the `krippendorff`
//! Python package (nominal and interval α) and scikit-learn's
//! `cohen_kappa_score`, through `tests/agreement_reference.py`.
//!
//! Needs `python3` with `krippendorff` and `scikit-learn` (`.ci/run` installs
//! them): skipped with a message where they are missing, a failure under CI.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::Rng;
use serde_json::{Value, json};
use zongjie::review::team::agreement::{alpha_interval, alpha_nominal, cohen_kappa};

/// Whether the reference packages can be imported; under CI they must be.
fn references_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import krippendorff, sklearn, numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!(
                "python3 with krippendorff and scikit-learn is needed (.ci/run installs them \
                 with pip): the agreement statistics are checked against them"
            );
        }
        eprintln!("skipping: python3 -m pip install krippendorff scikit-learn to run this test");
    }
    ok
}

/// Random reliability data: `coders` × `units`, each value in `0..categories`
/// or missing with probability `missing`/10, and agreement made likely by
/// starting from a unit's "true" value.
fn data(
    rng: &mut Rng,
    coders: usize,
    units: usize,
    categories: u64,
    missing: u64,
) -> Vec<Vec<Option<u64>>> {
    let truth: Vec<u64> = (0..units).map(|_| rng.below(categories)).collect();
    (0..coders)
        .map(|_| {
            truth
                .iter()
                .map(|&t| {
                    if rng.below(10) < missing {
                        None
                    } else if rng.below(3) == 0 {
                        Some(rng.below(categories))
                    } else {
                        Some(t)
                    }
                })
                .collect()
        })
        .collect()
}

/// The values present in each unit, as the library takes them.
fn units_of<T: Copy>(d: &[Vec<Option<T>>]) -> Vec<Vec<T>> {
    (0..d[0].len())
        .map(|u| d.iter().filter_map(|row| row[u]).collect())
        .collect()
}

fn close(ours: Option<f64>, theirs: &Value, what: &str) {
    match (ours, theirs.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: ours {a}, reference {b}"),
        (None, None) => {}
        (a, _) => panic!("{what}: ours {a:?}, reference {theirs}"),
    }
}

#[test]
fn kappa_and_alpha_match_reference_implementations() {
    if !references_available() {
        return;
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for round in 0..60 {
        let coders = 2 + (round % 4);
        let units = 5 + rng.below(60) as usize;
        let categories = 2 + rng.below(6);
        let missing = rng.below(4);
        let d = data(&mut rng, coders, units, categories, missing);
        let nulls: Vec<Vec<Value>> = d
            .iter()
            .map(|r| r.iter().map(|v| json!(v)).collect())
            .collect();
        let units = units_of(&d);
        cases.push(json!({"kind": "nominal", "data": nulls}));
        ours.push((
            format!("round {round} nominal"),
            alpha_nominal(&units).alpha,
        ));
        // Interval: the categories as numbers, spread wide (figures run large).
        let scale = 10f64.powi(rng.below(9) as i32);
        let nums: Vec<Vec<Option<f64>>> = d
            .iter()
            .map(|r| r.iter().map(|v| v.map(|x| x as f64 * scale)).collect())
            .collect();
        cases.push(json!({"kind": "interval", "data": nums}));
        ours.push((
            format!("round {round} interval"),
            alpha_interval(&units_of(&nums)).alpha,
        ));
        // κ: the first two reviewers on the units both coded.
        let (a, b): (Vec<u64>, Vec<u64>) = d[0]
            .iter()
            .zip(&d[1])
            .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
            .unzip();
        if !a.is_empty() {
            cases.push(json!({"kind": "kappa", "a": a, "b": b}));
            ours.push((
                format!("round {round} kappa"),
                cohen_kappa(a.iter().zip(&b)).kappa,
            ));
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/agreement_reference.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs tests/agreement_reference.py");
    let input = json!({ "cases": cases }).to_string();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "agreement_reference.py failed");
    let theirs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs.len(), ours.len());
    for ((what, ours), theirs) in ours.iter().zip(&theirs) {
        close(*ours, theirs, what);
    }
}
