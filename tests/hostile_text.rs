//! Issue 18, hostile text: a page, a file name or a store holding terminal
//! escapes (`ESC ]0;…BEL` sets the window title, `ESC ]52;c;…BEL` writes the
//! clipboard, U+009B is CSI in UTF-8 xterm, U+202E reverses what follows) never
//! reaches a terminal raw. Each test asserts the bytes written.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::cli::{BIN, run_in as run, stderr};

/// A report page with an escape in its title, a heading and near a figure,
/// and enough plain text that the loader does not call it binary.
fn hostile_page() -> String {
    let mut s =
        String::from("县妇联2013年工作总结\u{202E}\x1b]0;PWNED\x07\n来源：县妇联 2014-01-05\n");
    for _ in 0..30 {
        s += "今年全县妇联系统认真贯彻落实上级精神，扎实开展各项工作，取得了较好成效。\n";
    }
    s += "一、开展培训\x1b]52;c;cm0gLXJmIH4=\x07工作\u{9b}2J\n全年培训1800名妇女。\n";
    s
}

const EVIL_NAME: &str = "evil\x1b[31m\u{202E}name.txt";

/// A folder holding the hostile page under a hostile name.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    common::corpus::data_folder(EVIL_NAME, &hostile_page())
}

/// The raw characters a terminal would act on; `\n` ends lines and may stay.
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| c != '\n' && zongjie::text::is_terminal_unsafe(c))
        .collect()
}

#[test]
fn parse_text_output_and_messages_are_escaped() {
    let (d, _) = corpus();
    let out = run(d.path(), &["parse", "--format", "text", "data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        raw_controls(&out.stdout),
        vec![],
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("data/evil\\x1b[31m\\u{202e}name.txt (UTF-8)\n"),
        "{text}"
    );
    assert!(
        text.contains("工作总结\\u{202e}\\x1b]0;PWNED\\x07  ["),
        "{text}"
    );
    assert!(
        text.contains("一、开展培训\\x1b]52;c;cm0gLXJmIH4=\\x07工作\\u{9b}2J\n"),
        "{text}"
    );
}

#[test]
fn parse_json_escapes_c1_and_bidi_controls_too() {
    let (d, _) = corpus();
    let out = run(d.path(), &["parse", "data"]);
    assert_eq!(raw_controls(&out.stdout), vec![]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(r#""file":"data/evil\u001b[31m\u202ename.txt""#),
        "{text}"
    );
    assert!(text.contains(r#"工作\u009b2J"#), "{text}");
    // The same JSON values all the same.
    let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(v["file"], format!("data/{EVIL_NAME}"));
}

#[test]
fn figure_output_is_escaped() {
    let out = Command::new(BIN)
        .args(["figure", "\u{9b}2J1800\u{202E}名"])
        .output()
        .unwrap();
    assert_eq!(raw_controls(&out.stdout), vec![]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(r#""text":"\u009b2J1800\u202e名""#));
}

#[test]
fn messages_naming_a_file_are_escaped() {
    let (d, data) = corpus();
    // A binary file under a hostile name: the message names it.
    let bad = format!("bad\x1b]0;x\x07\u{202E}{}.txt", "\u{85}");
    std::fs::write(data.join(&bad), [0u8; 100]).unwrap();
    let out = run(d.path(), &["parse", "data"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(raw_controls(&out.stderr), vec![], "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("zongjie: data/bad\\x1b]0;x\\x07\\u{202e}\\u{85}.txt: not a text file"),
        "{}",
        stderr(&out)
    );
    // A missing path given on the command line, and an --out that is a folder.
    let missing = "gone\x1b]52;c;eA==\x07";
    let out = run(d.path(), &["export", missing, "--out", "data"]);
    assert_eq!(raw_controls(&out.stderr), vec![], "{}", stderr(&out));
}

#[test]
fn stats_text_is_escaped() {
    use zongjie::review::{DecisionStatus, ReportReview, Store};
    let (d, data) = corpus();
    // A saved review whose report is gone from the file: `stats` lists its title,
    // and a decision whose text is gone: `stats` lists its text and status.
    let key = zongjie::review::file_key(std::slice::from_ref(&data), &data.join(EVIL_NAME));
    let store = Store::open(&zongjie::review::default_store_dir(std::slice::from_ref(
        &data,
    )))
    .unwrap();
    let title = "旧报告\x1b]0;PWNED\x07\u{202E}";
    let mut gone = ReportReview::new(&key, "0123456789ab", title);
    let missing = "不在文件里\x1b]52;c;eA==\x07的99个";
    gone.figures.push(common::review::decision(
        missing,
        (0, missing.len()),
        DecisionStatus::Accepted,
        "li\u{9b}2J",
    ));
    store.save(&gone).unwrap();
    let out = run(d.path(), &["stats", "data"]);
    assert_eq!(
        raw_controls(&out.stdout),
        vec![],
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(raw_controls(&out.stderr), vec![]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("0123456789ab  旧报告\\x1b]0;PWNED\\x07\\u{202e}  (1 decisions)"),
        "{text}"
    );
}

/// The workstation: ratatui drops C0/C1 controls from cells itself, but a
/// zero-width bidi control is appended to the cell before it and would reach
/// the terminal. Every cell of the list and the report is checked.
#[test]
fn workstation_cells_hold_no_terminal_controls() {
    use ratatui::{Terminal, backend::TestBackend};
    use zongjie::review::session::{FileText, ReviewedFile};
    use zongjie::tui::action::Action;
    use zongjie::tui::{app::App, keymap::Keymap, update::update, view};

    let text = hostile_page();
    let reports = zongjie::pipeline::parse_text(&text);
    let file = FileText::new(
        format!("data/{EVIL_NAME}"),
        EVIL_NAME.into(),
        "UTF-8".into(),
        text,
    );
    let loaded = ReviewedFile::assemble(file, reports, |_| Ok(None));
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(1));
    update(&mut app, Action::Loaded(loaded.into()));
    update(&mut app, Action::LoadFinished);
    for step in [None, Some(Action::Open), Some(Action::Down)] {
        if let Some(a) = step {
            update(&mut app, a);
        }
        update(&mut app, Action::Resize(120, 40));
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view::draw(f, &app)).unwrap();
        for cell in t.backend().buffer().content() {
            let bad: Vec<char> = cell
                .symbol()
                .chars()
                .filter(|&c| zongjie::text::is_terminal_unsafe(c))
                .collect();
            assert!(bad.is_empty(), "a cell holds {bad:?}");
        }
    }
}

/// The real binary in a real terminal: what it writes holds none of the page's
/// or the file name's escapes (no OSC at all: zongjie sends none of its own),
/// no C1 control and no bidi control.
#[cfg(unix)]
#[test]
fn workstation_writes_no_escape_from_the_page_to_the_terminal() {
    let ws = common::corpus::workspace();
    let data = ws.path().join("data");
    std::fs::write(data.join(EVIL_NAME), hostile_page()).unwrap();
    let mut s = common::pty::start(ws.path(), &[]);
    s.wait_for("the list", common::pty::loaded);
    // The hostile report is first in name order (`evil…` before the samples' folder).
    s.press("Enter");
    s.wait_for("the report", |t| t.contains("开展培训"));
    s.press("q");
    s.wait_exit();
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\x1b]"),
        "an OSC sequence reached the terminal"
    );
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| ('\u{80}'..='\u{9f}').contains(&c) || zongjie::text::is_bidi_control(c))
        .collect();
    assert_eq!(bad, vec![], "C1 or bidi controls reached the terminal");
}
