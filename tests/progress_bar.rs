//! The progress bar of `parse`, `export` and `stats`: drawn on a real terminal
//! (the binary in a pty), wiped when the run ends, and absent when standard
//! error is a pipe.
//!
//! A run is made long enough for the bar (it waits half a second before it
//! shows) without a large corpus: its first input is standard input, fed by a
//! writer that waits a second, so every file after it finishes late.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::cli::BIN;
use common::pty;

/// How long standard input stays open before its page comes.
const STDIN_DELAY: &str = "1";

/// A command's arguments after the binary; `{data}` and `{out}` stand for the
/// corpus folder and an output file.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    /// Standard output goes to `{out}` rather than the terminal.
    stdout_to_file: bool,
    /// The bar is drawn (on a terminal).
    drawn: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "parse",
        args: &["parse", "-", "{data}"],
        stdout_to_file: true,
        drawn: true,
    },
    // `parse` streams its output: on the same terminal a bar would tear it.
    Case {
        name: "parse",
        args: &["parse", "-", "{data}"],
        stdout_to_file: false,
        drawn: false,
    },
    Case {
        name: "export",
        args: &["export", "-", "{data}", "--out", "{out}"],
        stdout_to_file: false,
        drawn: true,
    },
    Case {
        name: "stats",
        args: &["stats", "-", "{data}"],
        stdout_to_file: false,
        drawn: true,
    },
];

fn args(case: &Case, data: &Path, out: &Path) -> Vec<String> {
    case.args
        .iter()
        .map(|a| match *a {
            "{data}" => data.display().to_string(),
            "{out}" => out.display().to_string(),
            a => a.to_string(),
        })
        .collect()
}

/// `sh -c` quoting for a path or argument.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The case in a pty: standard error (and output, unless sent to a file) is
/// the terminal; standard input a pipe that waits first. Every byte written
/// to the terminal, and the screen at the end.
fn on_a_terminal(case: &Case, page: &Path, data: &Path, out: &Path) -> (String, String) {
    let mut line = format!(
        "(sleep {STDIN_DELAY}; cat {}) | {}",
        quote(&page.display().to_string()),
        quote(BIN)
    );
    for a in args(case, data, out) {
        line += &format!(" {}", quote(&a));
    }
    if case.stdout_to_file {
        line += &format!(
            " > {}",
            quote(&out.with_extension("stdout").display().to_string())
        );
    }
    let mut cmd = portable_pty::CommandBuilder::new("sh");
    cmd.args(["-c", &line]);
    cmd.cwd(data.parent().unwrap());
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut s = pty::spawn(cmd);
    s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    (raw, s.text())
}

/// The corpus: the seed pages, one of them also given as standard input.
fn corpus() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (d, data, files) = common::corpus::seed_corpus();
    assert!(
        files.len() >= 2,
        "two pages at least, so the bar moves once shown"
    );
    let page = d.path().join("stdin.txt");
    std::fs::copy(&files[0], &page).unwrap();
    (d, data, page)
}

#[test]
fn a_terminal_sees_the_bar_with_rate_and_time_left_then_a_clean_line() {
    let (d, data, page) = corpus();
    let inputs = 1 + std::fs::read_dir(&data).unwrap().count();
    // The cases wait on their standard input together.
    let runs: Vec<(String, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = CASES
            .iter()
            .enumerate()
            .map(|(i, case)| {
                let out = d.path().join(format!("out{i}"));
                let (page, data) = (&page, &data);
                scope.spawn(move || on_a_terminal(case, page, data, &out))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (case, (raw, screen))) in CASES.iter().zip(runs).enumerate() {
        let bar = format!("{} ", case.name);
        let drawn = raw.contains("files/s") && raw.contains(" left");
        assert_eq!(
            drawn, case.drawn,
            "case {i} ({}):\n{raw:?}\n{screen}",
            case.name
        );
        if case.drawn {
            assert!(raw.contains(&bar), "labelled {bar:?}: {raw:?}");
            assert!(
                raw.contains(&format!("/{inputs} files")),
                "{inputs} inputs: {raw:?}"
            );
            // Wiped at the end: what the command says afterwards is on a clean line.
            assert!(!screen.contains("files/s"), "bar left on screen:\n{screen}");
        }
    }
}

/// The same runs with standard error a pipe: only what the command says.
#[test]
fn a_pipe_gets_no_bar() {
    let (d, data, page) = corpus();
    let text = std::fs::read(&page).unwrap();
    let children: Vec<_> = CASES
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let out = d.path().join(format!("out{i}"));
            Command::new(BIN)
                .args(args(case, &data, &out))
                .current_dir(d.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // All of them wait on their standard input at once.
    std::thread::sleep(Duration::from_secs(1));
    for (i, mut child) in children.into_iter().enumerate() {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&text).unwrap();
        drop(stdin);
        let got = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&got.stderr);
        assert!(got.status.success(), "case {i}: {err}");
        assert!(!err.contains("files/s"), "case {i}: {err:?}");
        assert!(
            !err.contains('\x1b') && !err.contains('\r'),
            "case {i}: {err:?}"
        );
    }
}
