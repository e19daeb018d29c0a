//! The `zongjie` binary under test: running it, and what it printed.

use std::process::{Command, Output};

/// The binary cargo built for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_zongjie");

/// The binary with `args`, run to its end in `dir`.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// What a finished command wrote to stderr, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `cmd` to its end and asserts it exited 0 (the command and its stderr
/// are shown if not).
#[track_caller]
pub fn output_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
    out
}

/// Asserts `out` exited with `code`; the message is `why` and the stderr.
#[track_caller]
pub fn assert_exit(out: &Output, code: i32, why: &str) {
    assert_eq!(out.status.code(), Some(code), "{why}: {}", stderr(out));
}

/// Asserts `out`'s stderr contains `want` (the whole stderr is shown if not).
#[track_caller]
pub fn assert_stderr_contains(out: &Output, want: &str) {
    let err = stderr(out);
    assert!(err.contains(want), "{err}");
}
