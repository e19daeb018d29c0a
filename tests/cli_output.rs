//! Issue 18, what the commands write: CSV cells a spreadsheet would run are
//! neutralised (numbers stay numbers), `export --out` writes regular files only,
//! every write error is reported with exit 1 (a full disk, a closed pipe),
//! `figure -` reads past a line that is not UTF-8, and an input over the size
//! limit or binary from its first bytes is skipped before it is read.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::cli::{BIN, run_in as run, stderr};
use zongjie::model::{FigureKind, Quantity};
use zongjie::review::{DecisionStatus, ReportReview, Store};

const PAGE: &str = "县妇联2013年工作总结\n来源：县妇联 2014-01-05\n一、开展培训工作\n全年培训1800名妇女，落实贷款16万元。\n";

/// A folder `data/` with one page, and a review of its first figure holding
/// formula-like text (a corrected negative value, unit, subject, tags, note).
fn reviewed_corpus() -> (tempfile::TempDir, PathBuf) {
    let (d, data) = common::corpus::data_folder("page.txt", PAGE);
    let file = data.join("page.txt");
    let paths = vec![data.clone()];
    let doc = zongjie::load::load(&zongjie::load::Input::File(file.clone())).unwrap();
    let report = &zongjie::pipeline::parse_document(&doc).reports[0];
    let f = &report.figures[0];
    let key = zongjie::review::file_key(&paths, &file);
    let mut rv = ReportReview::new(&key, &report.id, &report.title);
    let mut dec = common::review::decision(
        &doc.text,
        (f.start, f.end),
        DecisionStatus::Corrected,
        "@li",
    );
    dec.corrected = Some(Quantity {
        value: Some(-5.0),
        unit: "=1+1".into(),
        kind: FigureKind::Count,
        ..Default::default()
    });
    dec.subject = Some("-2+3".into());
    dec.tags = vec!["+x".into()];
    dec.note = Some("=HYPERLINK(\"http://x\",\"点击\")".into());
    rv.figures.push(dec);
    let store = Store::open(&zongjie::review::default_store_dir(&paths)).unwrap();
    store.save(&rv).unwrap();
    (d, data)
}

/// The first data row of a CSV export, by column name, read by the csv crate.
fn first_row(csv: &[u8]) -> std::collections::HashMap<String, String> {
    let mut r = csv::Reader::from_reader(csv);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let row = r.records().next().unwrap().unwrap();
    header
        .into_iter()
        .zip(row.iter().map(String::from))
        .collect()
}

#[test]
fn csv_cells_that_would_run_as_formulas_get_a_quote_and_numbers_stay() {
    let (d, _) = reviewed_corpus();
    let out = run(d.path(), &["export", "data", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    // The bytes as OWASP recommends: `'` in front, the cell quoted.
    assert!(
        raw.contains(r#","'=HYPERLINK(""http://x"",""点击"")","#),
        "{raw}"
    );
    assert!(raw.contains(r#","'=1+1","#), "{raw}");
    let row = first_row(&out.stdout);
    for (col, want) in [
        ("note", "'=HYPERLINK(\"http://x\",\"点击\")"),
        ("unit", "'=1+1"),
        ("subject", "'-2+3"),
        ("tags", "'+x"),
        ("reviewer", "'@li"),
        // A negative value is a number, and stays one.
        ("value", "-5"),
        ("status", "corrected"),
    ] {
        assert_eq!(row[col], want, "{col}");
    }
    let out = run(d.path(), &["export", "data", "--raw-cells"]);
    let row = first_row(&out.stdout);
    assert_eq!(row["note"], "=HYPERLINK(\"http://x\",\"点击\")");
    assert_eq!(
        (row["unit"].as_str(), row["value"].as_str()),
        ("=1+1", "-5")
    );
}

#[cfg(unix)]
#[test]
fn export_out_writes_regular_files_only() {
    use std::os::unix::fs::FileTypeExt;
    let (d, _) = reviewed_corpus();
    let dir = d.path();
    let fifo = dir.join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink(&fifo, dir.join("link-to-fifo")).unwrap();
    std::fs::create_dir(dir.join("folder")).unwrap();
    // A device node where this user may make one (root): /dev/null's numbers.
    let dev = dir.join("null-device");
    let has_dev = Command::new("mknod")
        .args([dev.as_os_str(), "c".as_ref(), "1".as_ref(), "3".as_ref()])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut targets = vec![
        ("fifo", "a FIFO"),
        ("link-to-fifo", "a FIFO"),
        ("folder", "a folder"),
    ];
    if has_dev {
        targets.push(("null-device", "a device"));
    }
    for (name, kind) in targets {
        let out = run(dir, &["export", "data", "--out", name]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let want = format!("zongjie: {name}: is {kind}, not a regular file");
        assert!(stderr(&out).contains(&want), "{name}: {}", stderr(&out));
    }
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO is kept"
    );
    assert!(
        dir.join("link-to-fifo")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    if has_dev {
        let t = std::fs::metadata(&dev).unwrap().file_type();
        assert!(t.is_char_device(), "the device node is kept");
    }
    // `-` is standard output, not a file named `-`.
    let out = run(dir, &["export", "data", "--out", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"file,report,"));
    assert!(!dir.join("-").exists());
    // A link to a regular file: the file it names is written, the link stays.
    std::fs::write(dir.join("real.csv"), "old").unwrap();
    std::os::unix::fs::symlink("real.csv", dir.join("link.csv")).unwrap();
    let out = run(dir, &["export", "data", "--out", "link.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        dir.join("link.csv")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert!(
        std::fs::read(dir.join("real.csv"))
            .unwrap()
            .starts_with(b"file,report,")
    );
}

/// Each command with its standard output on `stdout`: exit 1, the reason on
/// stderr, no panic.
fn assert_write_error_reported(dir: &Path, stdout: impl Fn() -> Stdio, reason: &str) {
    let commands: &[&[&str]] = &[
        &["parse", "data"],
        &["parse", "--format", "text", "data"],
        &["stats", "data"],
        &["stats", "--format", "json", "data"],
        &["figure", "1800多名", "三万余份"],
        &["export", "data"],
        &["export", "data", "--format", "jsonl"],
    ];
    for args in commands {
        let out = Command::new(BIN)
            .args(*args)
            .current_dir(dir)
            .stdout(stdout())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        let want = format!("zongjie: standard output: {reason}");
        assert!(err.contains(&want), "{args:?}: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_with_exit_1() {
    let (d, _) = reviewed_corpus();
    let full = || Stdio::from(std::fs::File::create("/dev/full").unwrap());
    assert_write_error_reported(d.path(), full, "No space left on device");
}

#[test]
fn a_closed_pipe_is_reported_with_exit_1() {
    let (d, _) = reviewed_corpus();
    // The reading end is closed before the command starts: its first write fails.
    let closed = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        Stdio::from(writer)
    };
    assert_write_error_reported(d.path(), closed, "Broken pipe");
}

#[test]
fn figure_reads_on_past_a_line_that_is_not_utf8() {
    let mut child = Command::new(BIN)
        .args(["figure", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"1800\xe5\xa4\x9a\xe5\x90\x8d\n\xff\xfe bad\r\n".to_vec();
    input.extend("三万余份\n".as_bytes());
    input.extend(vec![b'9'; 70 * 1024]);
    input.extend("\n16万元".as_bytes());
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            let text: String = v["text"].as_str().unwrap().chars().take(8).collect();
            let what = v["error"]
                .as_str()
                .map_or_else(|| v["value"].to_string(), String::from);
            (text, what)
        })
        .collect();
    let want = [
        ("1800多名", "1800"),
        ("\u{fffd}\u{fffd} bad", "not UTF-8"),
        ("三万余份", "30000"),
        ("99999999", "line too long"),
        ("16万元", "160000"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    assert!(
        stderr(&out)
            .contains("zongjie: standard input: 2 line(s) not read (not UTF-8, or too long)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn inputs_over_the_size_limit_or_binary_from_the_start_are_skipped_unread() {
    let (d, data) = common::corpus::data_folder("a-page.txt", PAGE);
    // 4 GiB that take no disk: skipped by its size before a byte is read (it cost
    // 5 GB of memory and aborted the run before).
    let sparse = std::fs::File::create(data.join("b-sparse.txt")).unwrap();
    sparse.set_len(4 << 30).unwrap();
    // 1 MiB of NUL bytes under the limit: binary from its first 64 KiB.
    std::fs::write(data.join("c-zeros.txt"), vec![0u8; 1 << 20]).unwrap();
    let out = run(d.path(), &["parse", "data"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("zongjie: data/b-sparse.txt: too large (4096 MiB, over the limit of 256 MiB; see --max-file-size)"),
        "{err}"
    );
    assert!(
        err.contains(
            "zongjie: data/c-zeros.txt: not a text file (65536 NUL byte(s) in its first 64 KiB)"
        ),
        "{err}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "the page is parsed"
    );
    // The limit is a flag, for files and for standard input.
    let out = run(
        d.path(),
        &["parse", "--max-file-size", "100", "data/a-page.txt"],
    );
    assert!(
        stderr(&out).contains("a-page.txt: too large (136 bytes, over the limit of 100 bytes"),
        "{}",
        stderr(&out)
    );
    let mut child = Command::new(BIN)
        .args(["--max-file-size", "64", "parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("zongjie: -: too large (over the limit of 64 bytes"),
        "{}",
        stderr(&out)
    );
}
