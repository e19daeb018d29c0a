//! The scores on every gold set, as golden files: `zongjie parse --format json` on
//! `../shared/{corpus,pages,gov}` through `../shared/eval/score.py`, and
//! `zongjie figure -` through the chinese-number-peers check, must print exactly
//! what `tests/golden/scores.txt` holds.
//!
//! Any change to the parser that moves a score, up or down, fails here until the
//! golden file is written anew (`ZONGJIE_BLESS=1 cargo test --test gold_scores`) and
//! the change is read in review: a score never moves unseen.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::cli::BIN;
use common::corpus::txt_files;
use common::shared::require_shared;

/// (label, the pages' folder and the gold folder inside the shared folder).
const SETS: &[(&str, &str, &str)] = &[
    ("seeds", "corpus", "gold"),
    ("pages", "pages", "pages/gold"),
    ("gov", "gov", "gov/gold"),
];

fn golden_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/scores.txt")
}

/// What the scorer prints for one set (its per-measure lines, without the summary).
fn score_set(shared: &Path, pages: &str, gold: &str) -> String {
    let parse = Command::new(BIN)
        .args(["parse", "--format", "json"])
        .args(txt_files(&shared.join(pages)))
        .output()
        .expect("run zongjie parse");
    assert!(parse.status.success(), "parse {pages} failed");
    let scored = python(
        &[
            shared.join("eval/score.py").as_os_str(),
            shared.join(gold).as_os_str(),
            "-".as_ref(),
        ],
        &parse.stdout,
    );
    scored
        .lines()
        .filter(|l| l.contains("precision="))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect()
}

/// The pass-rate line of the chinese-number-peers check.
fn peer_rate(shared: &Path) -> String {
    let dir = shared.join("peer-tests/chinese-number-peers");
    let out = python(
        &[
            dir.join("check.py").as_os_str(),
            BIN.as_ref(),
            dir.join("cases.jsonl").as_os_str(),
        ],
        b"",
    );
    let last = out.lines().rev().find(|l| l.contains("pass rate"));
    format!("{}\n", last.expect("the check prints a pass rate").trim())
}

fn python(args: &[&std::ffi::OsStr], stdin: &[u8]) -> String {
    let mut child = Command::new("python3")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python3 is needed for the gold scores (see README)");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn gold_scores_are_as_recorded() {
    let Some(shared) = require_shared("the gold scores") else {
        return;
    };
    let mut got = String::new();
    for (label, pages, gold) in SETS {
        got += &format!("== {label}\n");
        got += &score_set(&shared, pages, gold);
    }
    got += "== chinese-number-peers\n";
    got += &peer_rate(&shared);
    let path = golden_path();
    if std::env::var_os("ZONGJIE_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "gold scores moved; read the change, then ZONGJIE_BLESS=1 to record it\n\
         --- recorded ({})\n{want}--- now\n{got}",
        path.display()
    );
}
