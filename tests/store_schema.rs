//! Schema 2 and the version-1 stores before it: a store made by the workstation
//! before schema 2 (`tests/fixtures/v1-store`, see its README) opens, shows
//! every decision in a real terminal, exports the rows that build exported,
//! and is upgraded on its first write with the version-1 copy kept beside it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::{BIN, output_ok};
use common::corpus::workspace;
use common::pty::{self, loaded};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A workspace whose `data/zongjie-reviews` is the version-1 fixture store.
fn v1_workspace() -> tempfile::TempDir {
    let ws = workspace();
    let store = ws.path().join("data/zongjie-reviews");
    std::fs::create_dir_all(&store).unwrap();
    for e in std::fs::read_dir(fixture("v1-store")).unwrap().flatten() {
        std::fs::copy(e.path(), store.join(e.file_name())).unwrap();
    }
    ws
}

/// Export columns that hold the parser's judgement where no decision overrides it.
/// The fixture's decisions set none of them (all 90 have `"subject": null`), so the
/// values come from the parser of the day: when subjects were first read by rule
/// (issue 14) 178 of the 215 rows changed subject and 2 changed flags.
const PARSER_JUDGED: &[&str] = &["subject", "flags"];

/// Export records keyed by where they are: (file, report, byte_start, byte_end, text).
fn by_place(jsonl: &str) -> BTreeMap<(String, String, u64, u64, String), Value> {
    jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let key = (
                v["file"].as_str().unwrap().to_string(),
                v["report"].as_str().unwrap().to_string(),
                v["byte_start"].as_u64().unwrap(),
                v["byte_end"].as_u64().unwrap(),
                v["text"].as_str().unwrap().to_string(),
            );
            (key, v)
        })
        .collect()
}

#[test]
fn a_v1_store_exports_the_rows_it_exported_before() {
    let ws = v1_workspace();
    let out = output_ok(
        Command::new(BIN)
            .args(["export", "data", "--format", "jsonl"])
            .current_dir(ws.path()),
    );
    let now = by_place(&String::from_utf8(out.stdout).unwrap());
    let before = by_place(&std::fs::read_to_string(fixture("v1-store-export.jsonl")).unwrap());
    assert_eq!(now.len(), before.len(), "the same number of records");
    let mut decided = 0;
    for (key, old) in &before {
        let new = now
            .get(key)
            .unwrap_or_else(|| panic!("record gone: {key:?}"));
        // Every column the version-1 export had holds the same value, but for the
        // parser's own judgements, which move whenever the parser gets better.
        for (col, v) in old.as_object().unwrap() {
            if !PARSER_JUDGED.contains(&col.as_str()) {
                assert_eq!(&new[col], v, "{col} of {key:?}");
            }
        }
        decided += usize::from(old["status"] != "unreviewed");
    }
    // 5 + 2 + 82 figure decisions with a status (000's moved end has none; 001
    // has a report note only).
    assert_eq!(decided, 89, "the fixture's decisions are in the rows");
    // Nothing was written by an export.
    let store = ws.path().join("data/zongjie-reviews");
    let names: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".v1.json")), "{names:?}");
}

#[test]
fn a_v1_store_counts_as_before() {
    let ws = v1_workspace();
    let out = output_ok(
        Command::new(BIN)
            .args(["stats", "data", "--format", "json"])
            .current_dir(ws.path()),
    );
    let now: Value = serde_json::from_slice(&out.stdout).unwrap();
    let before: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("v1-store-stats.json")).unwrap())
            .unwrap();
    for (k, v) in before.as_object().unwrap() {
        // Flag and warning counts are the parser's judgement, not the store's.
        if !matches!(k.as_str(), "flags" | "warnings") {
            assert_eq!(&now[k], v, "stats field {k}");
        }
    }
}

#[test]
fn a_v1_store_opens_shows_its_decisions_and_upgrades_on_the_first_write() {
    let ws = v1_workspace();
    let store = ws.path().join("data/zongjie-reviews");
    let name = "samples_000_c894158fcb275fac.txt--03b970956b99--61a4065965227958";
    let v1_bytes = std::fs::read(store.join(format!("{name}.json"))).unwrap();
    let mut s = pty::start(ws.path(), &[]);
    let t = s.wait_for("the list", loaded);
    // 1 done (000), 3 in progress; 5 + 3 + 82 decided figures (one decision of
    // 000 only moved an end: no status).
    assert!(t.contains("1/9 reports done"), "{t}");
    assert!(t.contains("89/215 figures decided"), "{t}");
    s.press("Enter");
    let t = s.wait_for("the decisions of 000", |t| t.contains("Figures ("));
    for mark in ["ok ", "rej", "fix", "add", "4242", "fixtag", "77"] {
        assert!(t.contains(mark), "{mark} on screen:\n{t}");
    }
    // The first write: `d` reopens the report (it was done).
    s.press("d");
    let upgraded = store.join(format!("{name}.json"));
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let v: Value = serde_json::from_slice(&std::fs::read(&upgraded).unwrap()).unwrap();
        if v["schema"] == "zongjie.review/2" {
            assert_eq!(
                v["figures"].as_array().unwrap().len(),
                5,
                "every decision kept"
            );
            break;
        }
        assert!(std::time::Instant::now() < until, "never upgraded: {v}");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    assert_eq!(
        std::fs::read(store.join(format!("{name}.v1.json"))).unwrap(),
        v1_bytes,
        "the version-1 file is kept beside, byte for byte"
    );
    s.press("q");
    s.wait_exit();
    // The untouched version-1 files are still version 1.
    let other = store.join("samples_001_80b970a49aa87452.txt--c69e12553c0f--2d2f49ec5ddeeab9.json");
    let v: Value = serde_json::from_slice(&std::fs::read(other).unwrap()).unwrap();
    assert_eq!(v["schema"], "zongjie.review/1");
}
