//! End to end, every decision issue 12 added: report fields, not a report,
//! split, join, heading accept / reject / retitle / level / add, subject, a
//! figure's start — made with keys in the real binary in a pseudo-terminal,
//! on disk at once, on screen again after a restart, and in `export --format
//! csv` as `tests/export_check.py` (an independent reader) checks it.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::cli::{BIN, output_ok};
use common::corpus::workspace;
use common::pty;
use serde_json::{Value, json};

/// Every review in the store, as JSON.
fn reviews(ws: &Path) -> Vec<Value> {
    let dir = ws.join("data/zongjie-reviews");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && !name.starts_with('.') {
            out.push(serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap());
        }
    }
    out
}

/// The review of report `id`.
fn review_of(ws: &Path, id: &str) -> Option<Value> {
    reviews(ws).into_iter().find(|r| r["report"] == id)
}

/// Waits until the store holds what `cond` wants.
fn wait_store(ws: &Path, what: &str, cond: impl Fn(&[Value]) -> bool) {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let r = reviews(ws);
        if cond(&r) {
            return;
        }
        assert!(Instant::now() < until, "store never showed {what}: {r:#?}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn sections_of(r: &Value) -> Vec<Value> {
    r["sections"].as_array().cloned().unwrap_or_default()
}

/// `BS` `n` times.
fn bs(n: usize) -> String {
    "BS ".repeat(n)
}

// The sample reports in list order (`parse data`): 0 000 (03b970956b99), 1 001,
// 2..6 the five reports of 002 (b5f8fb9f94c8, b5921016ebff, 623b405b80bb,
// ca431133c163, 83927d245bea), 7 003, 8 004.
const R000: &str = "03b970956b99";
const R002A: &str = "b5f8fb9f94c8";
const R002D: &str = "ca431133c163";

#[test]
fn every_new_decision_is_saved_shown_after_a_restart_and_exported() {
    let ws = workspace();
    let w = ws.path();
    let mut s = pty::start_loaded(w);

    // Report fields, from the list: year, org, level, place.
    s.press("E");
    s.wait_for("the report form", |t| t.contains("Report fields"));
    s.press("Tab");
    s.press(&bs(8));
    s.type_text("2013");
    s.press("Tab");
    s.press(&bs(20));
    s.type_text("测试县妇联");
    s.press("Tab");
    s.press(&bs(12));
    s.type_text("town");
    s.press("Tab");
    s.press(&bs(12));
    s.type_text("测试县");
    s.press("Enter");
    wait_store(w, "the report fields", |_| {
        review_of(w, R000).is_some_and(|r| {
            r["fields"]["year"] == 2013
                && r["fields"]["org"] == "测试县妇联"
                && r["fields"]["org_level"] == "town"
                && r["fields"]["place"] == "测试县"
        })
    });

    // Not a report: the first report of 002. Join: its fourth to the third.
    s.press("j j X");
    wait_store(w, "not a report", |_| {
        review_of(w, R002A).is_some_and(|r| r["not_a_report"] == true)
    });
    s.press("j j j J");
    wait_store(w, "the join", |_| {
        review_of(w, R002D).is_some_and(|r| r["join_previous"] == true)
    });

    // Open 000: a subject, and a figure's start moved right.
    s.press("g Enter");
    s.wait_for("000 open", |t| t.contains("/42 decided)"));
    s.press("e");
    s.wait_for("the correction form", |t| t.contains("Correct figure"));
    s.press("Tab Tab Tab Tab");
    s.press(&bs(20));
    s.type_text("农村妇女");
    s.press("Enter");
    wait_store(w, "the subject", |_| {
        review_of(w, R000).is_some_and(|r| {
            r["figures"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["subject"] == "农村妇女" && d["status"] == "corrected")
        })
    });
    s.press("j }");
    wait_store(w, "the moved start", |_| {
        review_of(w, R000).is_some_and(|r| {
            r["figures"].as_array().unwrap().iter().any(|d| {
                d["span"][0].as_u64().unwrap_or(0) > d["anchor"]["start"].as_u64().unwrap()
            })
        })
    });

    // The outline: accept, reject, retitle and relevel, demote.
    s.press("S-Tab");
    s.wait_for("the outline focused", |t| t.contains("accept heading"));
    s.press("j a j x j e");
    s.wait_for("the heading form", |t| t.contains("Correct the heading"));
    s.press(&bs(40));
    s.type_text("改过的标题");
    s.press("Tab");
    s.press(&bs(3));
    s.type_text("3");
    s.press("Enter");
    s.press("j >");
    wait_store(w, "four heading decisions", |_| {
        review_of(w, R000).is_some_and(|r| {
            let k: Vec<String> = sections_of(&r)
                .iter()
                .map(|d| d["kind"].as_str().unwrap_or("").to_string())
                .collect();
            k.iter().any(|k| k == "accepted")
                && k.iter().any(|k| k == "not-a-heading")
                && sections_of(&r)
                    .iter()
                    .any(|d| d["title"] == "改过的标题" && d["level"] == 3)
                && k.len() >= 4
        })
    });

    // A missed heading and a split, at source lines.
    // The top of the report, two rows down: the preamble, not a heading's line.
    s.press("Tab Tab g j j +");
    s.wait_for("the add-heading form", |t| {
        t.contains("Add a missed heading")
    });
    s.press("Enter");
    s.wait_for("heading added", |t| {
        t.lines().any(|l| l.starts_with("heading added"))
    });
    wait_store(w, "the added heading", |_| {
        review_of(w, R000).is_some_and(|r| {
            sections_of(&r)
                .iter()
                .any(|d| d["kind"] == "missing-heading")
        })
    });
    s.press("G k k k S");
    wait_store(w, "the split", |rs| {
        review_of(w, R000).is_some_and(|r| r["splits"].as_array().is_some_and(|a| a.len() == 1))
            && rs.iter().any(|r| {
                r["report"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{R000}~"))
            })
    });
    let t = s.text();
    s.press("q");
    s.wait_exit();
    assert!(s.child.wait().unwrap().success(), "q exits 0:\n{t}");

    // After a restart every decision shows: the list (split +1, join -1), marks.
    let mut s = pty::start_loaded(w);
    let t = s.text();
    assert!(t.contains("Reports (9)"), "{t}");
    assert!(t.contains('✗'), "not a report marked:\n{t}");
    s.press("Enter");
    let t = s.wait_for("000 open again", |t| t.contains("Figures ("));
    for want in ["测试县妇联", "town", "测试县", "2013", "改过的标题"] {
        assert!(t.contains(want), "{want} on screen:\n{t}");
    }
    for mark in ['✓', '✗', '✎', '+'] {
        assert!(t.contains(mark), "heading mark {mark}:\n{t}");
    }
    // The first figure's subject, in its form.
    s.press("g e");
    let t = s.wait_for("the form", |t| t.contains("Correct figure"));
    assert!(t.contains("农村妇女"), "{t}");
    s.press("Esc");
    std::thread::sleep(Duration::from_millis(100));
    s.press("q");
    s.wait_exit();

    export_carries_it_all(w);
}

/// `export --format csv` holds the decisions, as an independent reader sees them.
fn export_carries_it_all(w: &Path) {
    let out = output_ok(
        Command::new(BIN)
            .args(["export", "data", "--format", "csv"])
            .current_dir(w),
    );
    let csv = w.join("out.csv");
    std::fs::write(&csv, &out.stdout).unwrap();
    let expect = json!([
        {"where": {"report": R000, "subject": "农村妇女"}, "count": 1,
         "want": {"status": "corrected", "origin": "corrected", "org": "测试县妇联",
                  "org_level": "town", "extracted_org_level": "county", "place": "测试县", "year": 2013}},
        {"where": {"report": R002A}, "min": 1,
         "want": {"report_status": "not-a-report"}},
        {"where": {"report": R000, "report_status": "in-progress"}, "min": 5},
        {"where": {"report": R002D}, "count": 0},
    ]);
    let exp = w.join("expect.json");
    std::fs::write(&exp, expect.to_string()).unwrap();
    let check = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export_check.py");
    let out = Command::new("python3")
        .arg(check)
        .arg(w.join("data"))
        .arg(&csv)
        .arg("--expect")
        .arg(&exp)
        .output()
        .expect("python3 runs tests/export_check.py");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "export_check.py:\n{said}");
    // The split-off part is a report of its own in the export.
    let text = String::from_utf8_lossy(&std::fs::read(&csv).unwrap()).into_owned();
    assert!(text.contains(&format!("{R000}~")), "the split part's rows");
}
