//! Issue 13, items 5 and 6, in a real terminal: the real binary in a
//! pseudo-terminal, driven by keys and the mouse, read back through vt100.
//! The list and navigation (search starts empty, labels for same-titled
//! reports, a click opens, figure filters, per-report progress, `d` asks, the
//! layout gives the open report the width, zoom) and the safe edges (a
//! read-only instance refuses edits in one line, a missing path is exit 2
//! before the terminal is touched, no store folder before the first save).

mod common;

use std::path::Path;
use std::time::Duration;

use common::corpus::workspace;
use common::pty::{self, COLS, ROWS, Session};
use portable_pty::CommandBuilder;

/// The status line (the second row from the bottom).
fn status(s: &Session) -> String {
    let t = s.text();
    t.lines()
        .nth(ROWS as usize - 2)
        .unwrap_or("")
        .trim_end()
        .to_string()
}

/// The store folder of a workspace.
fn store(ws: &Path) -> std::path::PathBuf {
    ws.join("data/zongjie-reviews")
}

/// Review files in the store (none when it is not there).
fn review_files(ws: &Path) -> usize {
    std::fs::read_dir(store(ws))
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0)
}

fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(std::time::Instant::now() < until, "never: {what}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// A left click at a cell (0-based), as an xterm sends it in SGR mode.
fn click(s: &Session, x: u16, y: u16) {
    s.send(format!("\x1b[<0;{};{}M", x + 1, y + 1).as_bytes());
    s.send(format!("\x1b[<0;{};{}m", x + 1, y + 1).as_bytes());
    std::thread::sleep(Duration::from_millis(150));
}

fn quit(mut s: Session) {
    s.press("q");
    s.wait_exit();
    s.assert_screen_restored("q");
}

#[test]
fn list_and_navigation() {
    let ws = workspace();
    let w = ws.path();
    let s = pty::start_loaded(w);
    // Per-report progress on every row: 000 has 42 figures, none decided.
    let t = s.wait_for("progress on the rows", |t| t.contains("0/42"));
    assert!(t.contains("reports done"), "{t}");

    // The search line starts empty; what is typed replaces the last query.
    s.press("/");
    s.type_text("妇联");
    s.press("Enter");
    s.wait_for("a hit", |t| t.contains("for 妇联"));
    s.press("/");
    s.wait_for("the search line", |_| status(&s).starts_with('/'));
    assert_eq!(status(&s), "/", "the line starts empty");
    s.type_text("贷款");
    s.press("Enter");
    s.wait_for("the new query alone", |t| {
        (t.contains("for 贷款") || t.contains("no match for 贷款")) && !t.contains("妇联贷款")
    });
    s.press("Esc g");

    // A click on the second report's row opens it (list rows start at row 2).
    click(&s, 5, 3);
    let t = s.wait_for("the clicked report open", |t| {
        t.contains("decided) ·") && t.contains("001_")
    });
    assert!(t.contains("Outline"), "{t}");

    // Figure filters: undecided, then flagged; the title says how many show.
    s.press("Esc g Enter");
    s.wait_for("000 open", |t| t.contains("(0/42 decided)"));
    s.press("a a");
    s.wait_for("two decided", |t| t.contains("(2/42 decided)"));
    s.press("f");
    s.wait_for("the undecided filter", |t| {
        t.contains("filter undecided: 40 shown")
    });
    s.press("f");
    s.wait_for("the flagged filter", |t| t.contains("filter flagged:"));
    s.press("f f f f f f f");
    s.wait_for("all again", |t| !t.contains(" shown "));

    // d asks while figures are undecided; n leaves the report as it was.
    s.press("d");
    s.wait_for("the question", |t| t.contains("Mark the report done"));
    s.press("n");
    s.wait_for("the question gone", |t| !t.contains("Mark the report done"));
    s.press("Esc");
    let t = s.wait_for("the list", |t| t.contains("2/42"));
    assert!(!t.contains("✓"), "not done: {t}");
    s.press("Enter d y Esc");
    s.wait_for("000 done", |t| t.contains("✓"));

    // Wide: the list narrows beside the open report; zoom fills the screen.
    s.resize(40, 160);
    s.press("Enter");
    let t = s.wait_for("the report at 160", |t| t.contains("Outline"));
    let first = t.lines().next().unwrap();
    let outline_at = first.find("Outline").unwrap();
    let col = first[..outline_at].chars().count();
    assert!(col < 40, "the list is a strip of {col} columns:\n{t}");
    s.press("z");
    let t = s.wait_for("zoomed", |t| !t.contains("Outline"));
    assert!(t.contains("decided)"), "the figures fill the screen:\n{t}");
    assert!(!t.contains("Reports ("), "{t}");
    s.press("z");
    s.wait_for("every pane again", |t| t.contains("Outline"));
    s.resize(ROWS, COLS);
    quit(s);
}

#[test]
fn same_titled_reports_carry_the_shortest_distinguishing_part_of_their_paths() {
    let ws = workspace();
    let w = ws.path();
    let page = "某县妇联2015年工作总结\n一、组织建设\n建立妇女之家8个。\n";
    for d in ["data/samples/2015", "data/samples/2016"] {
        std::fs::create_dir_all(w.join(d)).unwrap();
        std::fs::write(w.join(d).join("总结.txt"), page).unwrap();
    }
    let s = pty::start_loaded(w);
    let t = s.wait_for("the labels", |t| t.contains("[2015/总结]"));
    assert!(t.contains("[2016/总结]"), "{t}");
    quit(s);
}

#[test]
fn no_store_folder_before_the_first_decision() {
    let ws = workspace();
    let w = ws.path();
    let s = pty::start_loaded(w);
    s.press("Enter j j");
    s.wait_for("a report open", |t| t.contains("decided)"));
    quit(s);
    assert!(!store(w).exists(), "looking made a store folder");
    // Nothing beside the corpus either.
    let stray: Vec<_> = std::fs::read_dir(w)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("zongjie"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // The first decision makes it, inside the corpus folder.
    let s = pty::start_loaded(w);
    s.press("Enter a");
    wait_until("the store folder with the decision", || {
        review_files(w) == 1
    });
    quit(s);
}

#[test]
fn a_read_only_instance_refuses_edits_with_one_clear_line() {
    let ws = workspace();
    let w = ws.path();
    let first = pty::start_loaded(w);
    first.press("Enter a");
    wait_until("the first instance's store", || review_files(w) == 1);
    let before = std::fs::read(
        std::fs::read_dir(store(w))
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "json"))
            .unwrap()
            .path(),
    )
    .unwrap();
    let mut second = pty::start(w, &[]);
    second.patience = Duration::from_secs(10);
    second.wait_for("the read-only list", |t| {
        t.contains("READ-ONLY") && t.contains("reports done") && !t.contains("parsing ")
    });
    second.press("Enter");
    second.wait_for("the report open", |t| t.contains("(1/42 decided)"));
    for k in ["a", "x", "e", "d", "t"] {
        second.press(k);
        let line = second.wait_for("the refusal", |_| {
            status(&second).starts_with("READ-ONLY, nothing changed: another instance")
        });
        assert!(
            line.contains("(1/42 decided)"),
            "{k} changed nothing on screen:\n{line}"
        );
        assert!(!line.contains("Correct figure") && !line.contains("Tags"));
    }
    quit(second);
    let files: Vec<_> = std::fs::read_dir(store(w))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(files[0].path()).unwrap(), before);
    quit(first);
}

#[test]
fn a_missing_path_is_exit_2_before_the_terminal_is_touched() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("no/such/corpus");
    let mut cmd = CommandBuilder::new(common::cli::BIN);
    cmd.arg("review");
    cmd.arg(&missing);
    cmd.cwd(d.path());
    cmd.env("HOME", d.path());
    cmd.env("TERM", "xterm-256color");
    let mut s = pty::spawn(cmd);
    s.wait_exit();
    let status = s.child.wait().unwrap();
    assert_eq!(status.exit_code(), 2);
    let raw = s.raw.lock().unwrap().clone();
    let out = String::from_utf8_lossy(&raw);
    assert!(out.contains("no such file or folder"), "{out:?}");
    for seq in ["\x1b[?1049h", "\x1b[?1000h", "\x1b[?25l"] {
        assert!(
            !out.contains(seq),
            "the terminal was touched ({seq:?}): {out:?}"
        );
    }
    assert!(!d.path().join("no").exists(), "no folder made on the way");
    let made: Vec<_> = std::fs::read_dir(d.path()).unwrap().flatten().collect();
    assert!(made.is_empty(), "{made:?}");
}

#[test]
fn a_flagged_figure_shows_its_reason_at_80x24() {
    let ws = workspace();
    let s = pty::start_loaded(ws.path());
    s.resize(24, 80);
    // 003 (the next to last row): 2014年奈曼旗妇联工作总结, with sums out of scale.
    s.press("G k Enter");
    s.wait_for("003 open", |t| t.contains("decided)") && t.contains("003_"));
    // The flagged filter (the second press of f) puts a flagged figure under the cursor.
    s.press("f f");
    let t = s.wait_for("the flagged figure and its reason", |t| {
        t.contains("filter flagged:") && t.lines().any(|l| l.starts_with("! "))
    });
    // The capture for the report on issue 13 (`--nocapture` prints it).
    println!("{t}");
    let reason = t.lines().find(|l| l.starts_with("! ")).unwrap();
    assert!(reason.contains(':'), "a flag and its reason: {reason}");
    quit(s);
}
