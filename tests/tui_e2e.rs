//! End to end: the real binary in a pseudo-terminal, driven by keys, read back
//! through a vt100 screen, against a temporary copy of `data/samples`.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::cli::BIN;
use common::corpus::workspace;
use common::pty::{self, COLS, ROWS, Session, loaded};

fn start(ws: &Path) -> Session {
    start_with(ws, &[])
}

/// `zongjie review` with `env`, never NO_COLOR, and 10 s to wait for a screen.
fn start_with(ws: &Path, env: &[(&str, &str)]) -> Session {
    let mut cmd = pty::review_command(ws, env);
    cmd.env_remove("NO_COLOR");
    let mut s = pty::spawn(cmd);
    s.patience = Duration::from_secs(10);
    s
}

/// Figure counts of the reports in list order, from the same binary's `parse`.
fn figure_counts(ws: &Path) -> Vec<usize> {
    let out = std::process::Command::new(BIN)
        .args(["parse", "--format", "json", "data"])
        .current_dir(ws)
        .output()
        .unwrap();
    let mut v = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let p: serde_json::Value = serde_json::from_str(line).unwrap();
        for r in p["reports"].as_array().unwrap() {
            v.push(r["figures"].as_array().map_or(0, |f| f.len()));
        }
    }
    v
}

/// Every figure decision in the store, as JSON.
fn stored_decisions(ws: &Path) -> Vec<serde_json::Value> {
    let dir: PathBuf = ws.join("data/zongjie-reviews");
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return out;
    };
    for e in rd.flatten() {
        if e.path().extension().is_some_and(|x| x == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
            assert_eq!(v["schema"], "zongjie.review/2");
            out.extend(v["figures"].as_array().cloned().unwrap_or_default());
        }
    }
    out
}

fn wait_store(
    ws: &Path,
    what: &str,
    cond: impl Fn(&[serde_json::Value]) -> bool,
) -> Vec<serde_json::Value> {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let d = stored_decisions(ws);
        if cond(&d) {
            return d;
        }
        if Instant::now() > until {
            panic!("store never showed {what}: {d:#?}");
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn with_status<'a>(d: &'a [serde_json::Value], s: &str) -> Vec<&'a serde_json::Value> {
    d.iter().filter(|x| x["status"] == s).collect()
}

#[test]
fn review_session_is_saved_and_survives_a_restart() {
    let ws = workspace();
    let counts = figure_counts(ws.path());
    assert!(!counts.is_empty(), "samples have reports");
    // The first report with three figures to decide, else the first report.
    let target = counts.iter().position(|&n| n >= 3);
    let full = target.is_some();
    if !full {
        eprintln!("no report has 3 extracted figures yet: a/x/e/t steps are checked as no-ops");
    }
    let idx = target.unwrap_or(0);

    let mut s = start(ws.path());
    s.wait_for("the list", loaded);
    s.press(&"j ".repeat(idx));
    s.press("Enter");
    s.wait_for("the open report", |t| {
        t.contains("Figures (") && t.contains("Outline")
    });
    s.press("a x");
    if full {
        wait_store(ws.path(), "accept and reject", |d| {
            with_status(d, "accepted").len() == 1 && with_status(d, "rejected").len() == 1
        });
    }
    // Correct the next figure: clear the value, type one.
    s.press("e");
    if full {
        s.wait_for("the correction form", |t| t.contains("Correct figure"));
        s.press(&"BS ".repeat(30));
        s.type_text("4242");
        s.press("Enter");
        wait_store(ws.path(), "the correction", |d| {
            with_status(d, "corrected")
                .iter()
                .any(|x| x["corrected"]["value"] == 4242)
        });
        s.press("t");
        s.wait_for("the tag picker", |t| t.contains("Tags"));
        s.type_text("e2e-tag");
        s.press("Enter");
        wait_store(ws.path(), "the tag", |d| {
            d.iter().any(|x| {
                x["tags"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t == "e2e-tag"))
            })
        });
    }
    // Select three characters of the source and add them as a missed figure.
    // Start one character before the focus where there is one, so the span is not
    // exactly an extracted figure's (which the store would attach it to instead).
    s.press("v H l l Enter");
    // Over a figure the parser found, the workstation asks first: keep both.
    let t = s.wait_for("the add form or the question", |t| {
        t.contains("Add a missed figure") || t.contains("Over an existing figure")
    });
    if t.contains("Over an existing figure") {
        s.press("k");
    }
    s.wait_for("the add form", |t| t.contains("Add a missed figure"));
    s.press(&"BS ".repeat(30));
    s.type_text("77");
    s.press("Enter");
    s.wait_for("the form to close", |t| !t.contains("Add a missed figure"));
    wait_store(ws.path(), "the added figure", |d| {
        with_status(d, "added").len() == 1
    });
    // Undo takes it out of the store, redo puts it back.
    s.press("u");
    wait_store(ws.path(), "the undo", |d| {
        with_status(d, "added").is_empty()
    });
    s.press("C-r");
    let d = wait_store(ws.path(), "the redo", |d| {
        with_status(d, "added").len() == 1
    });
    let added = with_status(&d, "added")[0].clone();
    assert_eq!(added["corrected"]["value"], 77);
    assert_eq!(added["reviewer"], "tester");
    let n = added["anchor"]["text"]
        .as_str()
        .map_or(0, |t| t.chars().count());
    assert!((3..=4).contains(&n), "{added}");
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q");

    // Restart: the decisions are on screen again.
    let mut s = start(ws.path());
    s.wait_for("the list", loaded);
    s.press(&"j ".repeat(idx));
    s.press("Enter");
    let t = s.wait_for("the decisions", |t| t.contains("add"));
    if full {
        assert!(
            t.contains("ok ") && t.contains("rej") && t.contains("fix"),
            "{t}"
        );
        assert!(t.contains("e2e-tag"), "{t}");
        assert!(t.contains("4242"), "{t}");
    }
    assert!(t.contains("77"), "{t}");
    let decided = if full { 4 } else { 1 };
    assert!(
        t.contains(&format!(" {decided}/")),
        "progress counts {decided} decided:\n{t}"
    );
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q after the restart");
}

#[test]
fn terminal_is_restored_after_sigterm_sighup_and_ctrl_c() {
    let ws = workspace();
    for how in ["-TERM", "-HUP", "C-c"] {
        let mut s = start(ws.path());
        s.wait_for("the list", loaded);
        assert!(s.screen.lock().unwrap().screen().alternate_screen());
        if how == "C-c" {
            s.press("C-c");
        } else {
            s.signal(how);
        }
        s.wait_exit();
        s.assert_screen_restored(how);
    }
}

#[test]
fn terminal_is_restored_after_a_panic() {
    let ws = workspace();
    let mut s = start_with(ws.path(), &[("ZONGJIE_TEST_PANIC_KEY", "%")]);
    s.wait_for("the list", loaded);
    s.press("%");
    s.wait_exit();
    s.assert_screen_restored("panic");
    assert!(
        s.text().contains("test panic"),
        "the panic message is shown:\n{}",
        s.text()
    );
}

#[test]
fn help_config_remap_and_too_small_in_a_real_terminal() {
    let ws = workspace();
    // A user's config remaps help to `z` (the config lives under XDG_CONFIG_HOME).
    let cfg = ws.path().join("home/.config/zongjie");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "[keys.global]\nhelp = [\"z\"]\n").unwrap();
    let mut s = start(ws.path());
    s.wait_for("the list", loaded);
    s.wait_for("the remapped hint", |t| t.contains("z help"));
    s.press("?");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.text().contains("Help —"), "? is no longer help");
    s.press("z");
    s.wait_for("help", |t| {
        t.contains("Help") && t.contains("A typical pass")
    });
    s.press("q");
    s.wait_for("help closed", |t| !t.contains("Help —"));
    // Search runs on a thread and lands on a hit; traditional 婦聯 matches 妇联 too.
    s.press("/");
    s.type_text("妇联");
    s.press("Enter");
    s.wait_for("a search hit", |t| {
        t.contains("hit 1/") || t.contains("hit ")
    });
    s.press("n");
    s.resize(8, 30);
    s.wait_for("too small", |t| t.contains("terminal too small"));
    s.resize(ROWS, COLS);
    s.wait_for("the list again", |t| {
        t.contains("reports done") && t.contains("Reports (")
    });
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q");
}

#[test]
fn a_second_instance_is_read_only_and_says_so() {
    let ws = workspace();
    let mut first = start(ws.path());
    first.wait_for("the first list", loaded);
    // The store folder (and its lock) is made with the first decision.
    first.press("Enter a");
    wait_store(ws.path(), "the first decision", |d| d.len() == 1);
    let mut second = start(ws.path());
    second.wait_for("the read-only notice", |t| t.contains("READ-ONLY"));
    second.press("q");
    second.wait_exit();
    second.assert_screen_restored("second instance, q");
    first.press("q");
    first.wait_exit();
    first.assert_screen_restored("first instance, q");
}

/// The tag picker offers the store's `tags.txt` (before: the workstation's own
/// defaults, `Store::tag_set` never called).
#[test]
fn the_tag_picker_offers_the_stores_tag_set() {
    let ws = workspace();
    let store = ws.path().join("data/zongjie-reviews");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::write(store.join("tags.txt"), "# ours\n待核实\n重复计数\n").unwrap();
    let mut s = start(ws.path());
    s.wait_for("the list", loaded);
    s.press("Enter t");
    let t = s.wait_for("the tag picker", |t| t.contains("Tags"));
    assert!(t.contains("待核实") && t.contains("重复计数"), "{t}");
    assert!(
        !t.contains("check-source"),
        "the old built-in tags are gone:\n{t}"
    );
    s.press("Esc q");
    s.wait_exit();
}
