//! Two reviewers, end to end, with the real binary in pseudo-terminals: each
//! reviews the seed corpus in a store folder of their own on a git branch of
//! their own; the branches merge without conflict; `agree` measures them; an
//! adjudicator takes reviewer A's decision on one figure and B's on another,
//! takes the agreed ones at once (and undoes and redoes that); `export` shows
//! the adjudicated values, one reviewer's view, and both side by side.
//!
//! Needs `git` (`.ci/run` installs it where it is missing).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::cli::{BIN, output_ok, run_in, stderr};
use common::corpus::seed_corpus;
use common::pty::{self, Session, loaded};
use portable_pty::CommandBuilder;
use serde_json::Value;

/// `zongjie review data ARGS…` in `root`, HOME inside it, in a terminal.
fn review(root: &Path, args: &[&str]) -> Session {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["review", "data"]);
    cmd.args(args);
    cmd.cwd(root);
    cmd.env("HOME", root.join("home"));
    cmd.env("XDG_CONFIG_HOME", root.join("home/.config"));
    cmd.env("TERM", "xterm-256color");
    let mut s = pty::spawn(cmd);
    s.patience = Duration::from_secs(15);
    s.wait_for("the list", loaded);
    s
}

/// git in `root`, with an identity and no user or system config.
fn git(root: &Path, args: &[&str]) -> String {
    let out = output_ok(
        Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(root)
            .env("HOME", root.join("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null"),
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out)
}

/// Every figure decision of a store folder, as JSON.
fn decisions(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") && name != "team.json" {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            out.extend(v["figures"].as_array().cloned().unwrap_or_default());
        }
    }
    out
}

/// Waits up to 5 s for store `dir` to hold `n` figure decisions.
fn wait_decisions(dir: &Path, n: usize) -> Vec<Value> {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let d = decisions(dir);
        if d.len() == n {
            return d;
        }
        assert!(
            Instant::now() < until,
            "{}: {} decisions, not {n}: {d:#?}",
            dir.display(),
            d.len()
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Every file of a folder with its bytes, in name order.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Opens the first report and decides its first five figures with `keys`,
/// then quits; the store must hold five decisions.
fn review_first_report(root: &Path, name: &str, keys: &[&str]) {
    let store = format!("reviews/{name}");
    let mut s = review(root, &["--store", &store, "--reviewer", name]);
    s.press("Enter");
    s.wait_for("the open report", |t| t.contains("Figures ("));
    for k in keys {
        if *k == "e" {
            // Correct the value to 4242; the selection stays on the figure.
            s.press("e");
            s.wait_for("the correction form", |t| t.contains("Correct figure"));
            s.press(&"BS ".repeat(30));
            s.type_text("4242");
            s.press("Enter");
            s.wait_for("the form to close", |t| !t.contains("Correct figure"));
            s.press("j");
        } else {
            s.press(k);
        }
    }
    wait_decisions(&root.join(&store), 5);
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q");
}

/// The first report's figures as `parse` reads them: (text, value).
fn first_figures(root: &Path) -> Vec<(String, Value)> {
    let out = run_in(root, &["parse", "--format", "json", "data"]);
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap()
        .to_string();
    let p: Value = serde_json::from_str(&line).unwrap();
    p["reports"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap().to_string(), f["value"].clone()))
        .collect()
}

fn jsonl(out: &std::process::Output) -> Vec<Value> {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Whether git is here; under CI it must be.
fn git_available() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "git is needed (.ci/run installs it)"
        );
        eprintln!("skipping: git is not installed");
    }
    ok
}

#[test]
fn two_reviewers_merge_agree_adjudicate_and_export() {
    if !git_available() {
        return;
    }
    let (tmp, _data, files) = seed_corpus();
    assert!(!files.is_empty(), "the seed corpus has pages");
    let root = tmp.path();
    std::fs::create_dir_all(root.join("home/.config")).unwrap();
    let figs = first_figures(root);
    assert!(
        figs.len() >= 5,
        "the first report has five figures: {figs:?}"
    );
    assert!(figs[1].1 != 4242, "the correction differs from the parse");

    review_on_two_branches(root);
    check_agreement(root, &figs);
    adjudicate(root);
    check_exports(root, &figs);
    reopen_and_refuse(root);
}

const STORES: [&str; 4] = ["--store", "reviews/li", "--store", "reviews/wang"];

/// Li and Wang each review on a branch of their own, in a store of their own;
/// both branches merge into main without conflict.
fn review_on_two_branches(root: &Path) {
    git(root, &["init", "-q"]);
    std::fs::write(root.join(".gitignore"), "home/\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "corpus"]);

    // Li accepts, accepts, rejects, accepts, accepts; Wang accepts, corrects
    // the second to 4242, rejects the third and the fourth, accepts the fifth.
    git(root, &["checkout", "-qb", "li"]);
    review_first_report(root, "li", &["a", "a", "x", "a", "a"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "li's review"]);
    git(root, &["checkout", "-q", "main"]);
    git(root, &["checkout", "-qb", "wang"]);
    assert!(!root.join("reviews/li").exists());
    review_first_report(root, "wang", &["a", "e", "x", "x", "a"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "wang's review"]);

    // Both branches into main: no conflict, both stores whole.
    git(root, &["checkout", "-q", "main"]);
    let merged = git(root, &["merge", "--no-edit", "li", "wang"]);
    assert!(!merged.contains("CONFLICT"), "{merged}");
    assert!(git(root, &["status", "--porcelain"]).trim().is_empty());
    assert_eq!(decisions(&root.join("reviews/li")).len(), 5);
    assert_eq!(decisions(&root.join("reviews/wang")).len(), 5);
}

/// `agree`, as text and JSON: the κ worked out by hand.
fn check_agreement(root: &Path, figs: &[(String, Value)]) {
    let stores = STORES;
    // Status: li A A R A A, wang A C R R A. p_o = 3/5; li's marginals
    // A 4/5, R 1/5, wang's A 2/5, C 1/5, R 2/5: p_e = 0.32 + 0.08 = 0.40,
    // κ = 0.2 / 0.6 = 1/3. Values (the three both let stand): p_o = 2/3,
    // p_e = 2/9 (distinct values), κ = 4/7 = 0.571.
    let out = run_in(root, &[&["agree", "data"][..], &stores].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("reviewers: li, wang"), "{text}");
    assert!(
        text.contains("  status             5   0.333  (5, 3)"),
        "status κ 1/3 of 5 figures, 3 agreed:\n{text}"
    );
    let out = run_in(
        root,
        &[&["agree", "data", "--format", "json"][..], &stores].concat(),
    );
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    let field = |name: &str| {
        a["overall"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == name)
            .unwrap()
            .clone()
    };
    let status = field("status");
    assert!((status["kappa"]["kappa"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(
        (
            status["kappa"]["units"].as_u64(),
            status["kappa"]["agreed"].as_u64()
        ),
        (Some(5), Some(3))
    );
    // The one report decided has the same counts as the whole.
    assert_eq!(a["reports"].as_array().unwrap().len(), 1, "{a}");
    assert_eq!(a["reports"][0]["fields"][0]["kappa"], status["kappa"]);
    let distinct = figs[0].1 != figs[4].1;
    let value = field("value");
    assert_eq!(value["kappa"]["units"], 3, "{value}");
    if distinct {
        assert!(
            (value["kappa"]["kappa"].as_f64().unwrap() - 4.0 / 7.0).abs() < 1e-12,
            "{value}"
        );
    }
}

/// Adjudication: wang's decision on one figure, li's on another, the agreed
/// ones at once (undone and redone); the reviewers' stores never change.
fn adjudicate(root: &Path) {
    let stores = STORES;
    // Adjudicate: the differences are the second figure (ok / fix) and the
    // fourth (ok / rej). Take wang's (2) on the first, li's (1) on the second.
    let before = (
        snapshot(&root.join("reviews/li")),
        snapshot(&root.join("reviews/wang")),
    );
    let final_dir = root.join("reviews/final");
    let mut s = review(
        root,
        &[
            &["--adjudicate", "reviews/final"][..],
            &stores,
            &["--reviewer", "judge"],
        ]
        .concat(),
    );
    s.press("Enter");
    let t = s.wait_for("the differences", |t| {
        t.contains("Adjudicating: 2 differences")
    });
    assert!(t.contains("1 li") && t.contains("2 wang"), "{t}");
    assert!(t.contains("fix 4242"), "{t}");
    s.press("2");
    s.wait_for("wang's taken", |t| t.contains("took wang's decision"));
    s.press("j 1");
    s.wait_for("li's taken", |t| t.contains("took li's decision"));
    wait_decisions(&final_dir, 2);
    // Take the three agreed decisions at once: asked first.
    s.press("=");
    s.wait_for("the question", |t| {
        t.contains("3 agreed decision(s) in 1 report(s)")
    });
    s.press("y");
    wait_decisions(&final_dir, 5);
    s.press("u");
    wait_decisions(&final_dir, 2);
    s.press("C-r");
    wait_decisions(&final_dir, 5);
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q");
    // team.json names the reviewers and is never taken for a damaged review file.
    let names: Vec<String> = snapshot(&final_dir).into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n == "team.json"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("corrupt")), "{names:?}");
    let after = (
        snapshot(&root.join("reviews/li")),
        snapshot(&root.join("reviews/wang")),
    );
    assert!(before == after, "the reviewers' stores changed");
}

/// The adjudicated export, one reviewer's, and both side by side.
fn check_exports(root: &Path, figs: &[(String, Value)]) {
    // Export: the adjudicated store by default (it names its reviewers).
    let adjudicated = jsonl(&run_in(
        root,
        &[
            "export",
            "data",
            "--store",
            "reviews/final",
            "--format",
            "jsonl",
            "--status",
            "reviewed",
        ],
    ));
    let row = |rows: &[Value], i: usize| {
        rows.iter()
            .find(|r| r["text"] == figs[i].0.as_str())
            .unwrap_or_else(|| panic!("no row for {:?} in {rows:#?}", figs[i].0))
            .clone()
    };
    assert_eq!(adjudicated.len(), 5);
    let (second, fourth) = (row(&adjudicated, 1), row(&adjudicated, 3));
    assert_eq!(
        (second["status"].as_str(), second["value"].as_f64()),
        (Some("corrected"), Some(4242.0))
    );
    assert_eq!(fourth["status"], "accepted");
    assert_eq!(fourth["value"], figs[3].1);
    assert_eq!(row(&adjudicated, 2)["status"], "rejected");
    assert_eq!(second["reviewer"], "judge");

    // One reviewer's view.
    let wang = jsonl(&run_in(
        root,
        &[
            "export",
            "data",
            "--store",
            "reviews/final",
            "--reviewer",
            "wang",
            "--format",
            "jsonl",
            "--status",
            "reviewed",
        ],
    ));
    assert_eq!(row(&wang, 3)["status"], "rejected");

    check_per_reviewer_csv(root, figs);
}

/// `zongjie export data --store reviews/final --per-reviewer` with `more`.
fn export_per_reviewer(root: &Path, more: &[&str]) -> std::process::Output {
    let head = [
        "export",
        "data",
        "--store",
        "reviews/final",
        "--per-reviewer",
    ];
    run_in(root, &[&head[..], more].concat())
}

/// `--per-reviewer`: the same rows, with each reviewer's columns beside.
fn check_per_reviewer_csv(root: &Path, figs: &[(String, Value)]) {
    let out = export_per_reviewer(root, &["--format", "csv", "--status", "reviewed"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    let head: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| {
        head.iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("no {n} in {head:?}"))
    };
    let recs: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let r = recs
        .iter()
        .find(|r| &r[col("text")] == figs[1].0.as_str())
        .unwrap();
    assert_eq!((&r[col("value")], &r[col("status")]), ("4242", "corrected"));
    assert_eq!(&r[col("li_status")], "accepted");
    assert_eq!(&r[col("li_value")], figs[1].1.to_string());
    assert_eq!(
        (&r[col("wang_status")], &r[col("wang_value")]),
        ("corrected", "4242")
    );
    let r = recs
        .iter()
        .find(|r| &r[col("text")] == figs[3].0.as_str())
        .unwrap();
    assert_eq!(
        (
            &r[col("status")],
            &r[col("li_status")],
            &r[col("wang_status")]
        ),
        ("accepted", "accepted", "rejected")
    );
    // xlsx has no per-reviewer columns: refused before anything is read or written
    let out_file = root.join("per-reviewer.xlsx");
    let out = export_per_reviewer(
        root,
        &["--format", "xlsx", "--out", out_file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing written"), "{}", stderr(&out));
    assert!(!out_file.exists());
}

/// The adjudication store alone reopens; several stores and none adjudicated
/// is refused.
fn reopen_and_refuse(root: &Path) {
    let stores = STORES;
    // The adjudication store alone brings its reviewers back (team.json).
    let mut s = review(
        root,
        &["--adjudicate", "reviews/final", "--reviewer", "judge"],
    );
    s.press("Enter");
    let t = s.wait_for("the differences again", |t| {
        t.contains("Adjudicating: 2 differences, 0 open")
    });
    assert!(t.contains("1 li") && t.contains("2 wang"), "{t}");
    s.press("q");
    s.wait_exit();

    // Without an adjudicated store, several reviewers' stores must be told apart.
    let out = run_in(
        root,
        &[&["export", "data", "--format", "csv"][..], &stores].concat(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--reviewer (li, wang)"),
        "{}",
        stderr(&out)
    );
}
