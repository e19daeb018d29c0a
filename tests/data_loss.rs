//! Issue 18, data loss: one test per defect found, each through the real binary
//! (the store's own unit tests cover the same with a fault-injecting disk).
//!
//! A failing store is made by putting a regular file where the store folder
//! was: every write into it fails (`ENOTDIR`), even for root; putting the
//! folder back makes writes work again.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::cli::{BIN, output_ok, stderr};
use common::corpus::workspace;
use common::pty;
use serde_json::Value;

fn store(ws: &Path) -> PathBuf {
    ws.join("data/zongjie-reviews")
}

/// Figure decisions with a status in the store, by report.
fn decided(ws: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(store(ws)).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.starts_with('.') {
            continue;
        }
        let v: Value = serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
        n += v["figures"]
            .as_array()
            .map_or(0, |a| a.iter().filter(|d| !d["status"].is_null()).count());
    }
    n
}

fn wait_decided(ws: &Path, n: usize) {
    let until = Instant::now() + Duration::from_secs(5);
    while decided(ws) != n {
        assert!(
            Instant::now() < until,
            "the store never held {n} decisions: {}",
            decided(ws)
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Make the store folder before an instance starts: it then opens the store
/// and takes its lock at once (a corpus with no store gets one at the first
/// save, and no lock until then).
fn made_store(ws: &Path) {
    std::fs::create_dir_all(store(ws)).unwrap();
}

/// Put a regular file where the store folder is; `restore` undoes it.
fn break_store(ws: &Path) -> impl FnOnce() {
    let dir = store(ws);
    let away = ws.join("data/store-away");
    std::fs::rename(&dir, &away).unwrap();
    std::fs::write(&dir, "not a folder").unwrap();
    move || {
        std::fs::remove_file(&dir).unwrap();
        std::fs::rename(&away, &dir).unwrap();
    }
}

/// Decisions on two reports while the store refuses them: the screen says so
/// until they are saved, `q` asks, and "save again" saves them once the store
/// works again. (Before: "NOT SAVED" once, lost at `q` with exit 0.)
#[test]
fn failed_saves_are_kept_shown_and_saved_again() {
    let ws = workspace();
    let w = ws.path();
    let mut s = pty::start_loaded(w);
    s.press("Enter a");
    wait_decided(w, 1);
    let restore = break_store(w);
    s.press("a Esc j Enter a");
    s.wait_for("the marker", |t| t.contains("UNSAVED 2"));
    // A later save elsewhere does not clear it, and it is retried.
    std::thread::sleep(Duration::from_millis(2500));
    assert!(s.text().contains("UNSAVED 2"), "{}", s.text());
    s.press("q");
    s.wait_for("the question", |t| t.contains("Decisions not saved"));
    assert!(
        !s.exited_within(Duration::from_millis(300)),
        "q does not quit"
    );
    restore();
    s.press("s");
    s.wait_exit();
    assert!(s.child.wait().unwrap().success(), "saved, then quit");
    wait_decided(w, 3);
}

/// Quitting with decisions that cannot be saved writes them to a recovery file
/// beside the store, and says so with a non-zero exit.
#[test]
fn unsaved_decisions_go_to_a_recovery_file_at_quit() {
    let ws = workspace();
    let w = ws.path();
    made_store(w);
    let mut s = pty::start_loaded(w);
    let _never = break_store(w);
    s.press("Enter a x");
    s.wait_for("the marker", |t| t.contains("UNSAVED 1"));
    s.press("q");
    s.wait_for("the question", |t| t.contains("recovery file"));
    s.press("w");
    s.wait_exit();
    assert!(!s.child.wait().unwrap().success(), "not a clean exit");
    let rec: Vec<PathBuf> = std::fs::read_dir(w.join("data"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("zongjie-reviews.recovery-"))
        .collect();
    assert_eq!(rec.len(), 1, "one recovery file beside the store");
    let v: Value = serde_json::from_slice(&std::fs::read(&rec[0]).unwrap()).unwrap();
    let figs = v["reviews"][0]["figures"].as_array().unwrap();
    assert_eq!(figs.len(), 2, "both decisions: {v}");
    // The recovery file is never read as a report.
    let out = output_ok(
        Command::new(BIN)
            .args(["parse", "data", "--format", "json"])
            .current_dir(w),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
}

/// The lock is checked before every save: a writer whose lock was removed
/// (and taken by a second writer) turns read-only at once instead of
/// overwriting the second one's saves. Others' temp files are left alone.
#[test]
fn losing_the_lock_turns_an_instance_read_only() {
    let ws = workspace();
    let w = ws.path();
    made_store(w);
    let mut first = pty::start_loaded(w);
    std::fs::write(store(w).join(".tmp-not-ours"), "someone's").unwrap();
    std::fs::remove_file(store(w).join(".lock")).unwrap();
    let mut second = pty::start_loaded(w);
    assert!(!second.text().contains("READ-ONLY"), "{}", second.text());
    second.press("Enter a");
    wait_decided(w, 1);
    first.press("Enter x");
    first.wait_for("read-only now", |t| {
        t.contains("READ-ONLY") && t.contains("lock")
    });
    first.press("a");
    first.wait_for("a refusal", |t| t.contains("nothing changed"));
    // The second writer's decision stands: accepted, not overwritten by the first.
    let review = std::fs::read_dir(store(w))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("samples_000"))
        .unwrap();
    let v: Value = serde_json::from_slice(&std::fs::read(review.path()).unwrap()).unwrap();
    assert_eq!(v["figures"][0]["status"], "accepted");
    assert!(
        store(w).join(".tmp-not-ours").exists(),
        "not ours to delete"
    );
    second.press("q");
    second.wait_exit();
    assert!(second.child.wait().unwrap().success());
    first.press("q");
    first.wait_for("the question", |t| t.contains("Decisions not saved"));
    first.press("Q");
    first.wait_exit();
    assert!(
        !first.child.wait().unwrap().success(),
        "quit without saving is no success"
    );
}

/// A read-only second instance and the "terminal too small" screen refuse edits
/// (before: the second instance took decisions and dropped them at quit).
#[test]
fn a_read_only_instance_and_the_too_small_screen_refuse_edits() {
    let ws = workspace();
    let w = ws.path();
    made_store(w);
    let mut first = pty::start_loaded(w);
    let mut second = pty::start(w, &[]);
    second.wait_for("read-only, loaded", |t| {
        t.contains("READ-ONLY") && t.contains("Reports (9)") && !t.contains("parsing")
    });
    second.press("Enter a");
    second.wait_for("the refusal", |t| t.contains("nothing changed"));
    // Nothing decided on screen (the list narrows beside the open report, so
    // the report's own count says it).
    assert!(
        second.text().contains("(0/42 decided)"),
        "{}",
        second.text()
    );
    second.press("q");
    second.wait_exit();
    assert!(second.child.wait().unwrap().success());
    // Too small: keys do nothing (the list stays, no report opens, nothing decided).
    first.resize(8, 30);
    first.wait_for("too small", |t| t.contains("terminal too small"));
    first.press("Enter a a d");
    first.resize(pty::ROWS, pty::COLS);
    let t = first.wait_for("the list again", |t| t.contains("Reports ("));
    assert!(t.contains("0/9 reports done, 0/214 figures decided"), "{t}");
    assert!(!t.contains("Outline"), "no report opened:\n{t}");
    assert_eq!(decided(w), 0);
    first.press("q");
    first.wait_exit();
}

/// A review of a file renamed or opened through a subfolder still counts and
/// exports (re-attached by its reports' text); one whose file is gone is
/// listed by `stats` and `export`; an export written into the corpus is not
/// read back as input (before: 214 figures became 807).
#[test]
fn orphaned_reviews_are_listed_renamed_files_reattach_and_exports_are_not_input() {
    let ws = workspace();
    let w = ws.path();
    let mut s = pty::start_loaded(w);
    s.press("Enter a Esc j Enter a");
    wait_decided(w, 2);
    s.press("q");
    s.wait_exit();
    let stats = |args: &[&str]| -> Value {
        let out = Command::new(BIN)
            .args(["stats", "--format", "json"])
            .args(args)
            .current_dir(w)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Renamed: the review follows the text.
    let samples = w.join("data/samples");
    std::fs::rename(
        samples.join("000_c894158fcb275fac.txt"),
        samples.join("renamed.txt"),
    )
    .unwrap();
    let st = stats(&["data"]);
    assert_eq!(st["review"]["figures_decided"], 2, "{st}");
    assert_eq!(st["orphaned_reviews"].as_array().unwrap().len(), 0);
    // Through the subfolder, with the corpus's store.
    let st = stats(&["data/samples", "--store", "data/zongjie-reviews"]);
    assert_eq!(st["review"]["figures_decided"], 2, "{st}");
    // Gone: listed by stats, and by export on stderr.
    std::fs::rename(samples.join("renamed.txt"), w.join("elsewhere.txt")).unwrap();
    let st = stats(&["data"]);
    assert_eq!(st["orphaned_reviews"].as_array().unwrap().len(), 1, "{st}");
    assert_eq!(st["review"]["figures_decided"], 1);
    let out = output_ok(
        Command::new(BIN)
            .args(["export", "data", "--format", "csv"])
            .current_dir(w),
    );
    assert!(stderr(&out).contains("orphaned review"), "{}", stderr(&out));
    // Exports written inside the corpus are never read as input.
    let before = stats(&["data"])["figures"].clone();
    for (fmt, name) in [
        ("csv", "out.csv"),
        ("jsonl", "out.jsonl"),
        ("json", "out.json"),
    ] {
        output_ok(
            Command::new(BIN)
                .args(["export", "data", "--format", fmt, "--out"])
                .arg(w.join("data").join(name))
                .current_dir(w),
        );
    }
    assert_eq!(stats(&["data"])["figures"], before);
}
