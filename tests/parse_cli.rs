//! `zongjie parse` on real files: encodings, bad input, folders, stdin, exit codes.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::cli::{BIN, assert_exit, assert_stderr_contains, stderr};
use common::corpus::samples_dir;
use serde_json::Value;

fn sample(name: &str) -> String {
    let p = std::fs::read_dir(samples_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(name))
        .unwrap();
    std::fs::read_to_string(p).unwrap()
}

fn parse(args: &[&Path]) -> Output {
    Command::new(BIN)
        .arg("parse")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The parts of a parse that do not depend on byte layout: report metadata and figure readings.
fn content(file: &Value) -> Vec<String> {
    let mut v = Vec::new();
    for r in file["reports"].as_array().unwrap() {
        v.push(format!(
            "{} {} {} {} {}",
            r["title"], r["year"], r["org"], r["org_level"], r["place"]
        ));
        for s in r["sections"].as_array().unwrap() {
            v.push(format!("  s {} {} {}", s["level"], s["marker"], s["title"]));
        }
        for f in r["figures"].as_array().unwrap() {
            v.push(format!(
                "  f {} {} {} {} {}",
                f["text"], f["value"], f["unit"], f["kind"], f["approx"]
            ));
        }
    }
    v
}

/// Every span in a parse slices its decoded text to what the parse says is there.
fn assert_spans_hold(file: &Value, text: &str) {
    for r in file["reports"].as_array().unwrap() {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert!(
            text.get(s..e).is_some(),
            "report span {s}..{e} is not a char range"
        );
        let title = r["title"].as_str().unwrap();
        assert!(
            text[s..e].starts_with(title),
            "report starts with its title"
        );
        for f in r["figures"].as_array().unwrap() {
            let (s, e) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(s..e), f["text"].as_str(), "figure span");
        }
        for sec in r["sections"].as_array().unwrap() {
            let s = sec["start"].as_u64().unwrap() as usize;
            assert!(text.is_char_boundary(s), "section start on a char boundary");
        }
    }
}

#[test]
fn same_page_in_four_encodings_gives_the_same_reports_and_figures() {
    let page = sample("001_");
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, &page).unwrap();
    let gb = dir.path().join("gb18030.txt");
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&page);
    assert!(!bad);
    std::fs::write(&gb, &bytes).unwrap();
    let u16 = dir.path().join("utf16le.txt");
    let mut b = vec![0xFF, 0xFE];
    b.extend(page.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(&u16, &b).unwrap();
    let crlf = dir.path().join("bom-crlf.txt");
    let crlf_text = page.replace('\n', "\r\n");
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(crlf_text.as_bytes());
    std::fs::write(&crlf, &b).unwrap();

    let out = parse(&[&utf8, &gb, &u16, &crlf]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = json_lines(&out);
    assert_eq!(files.len(), 4);
    let encodings: Vec<&str> = files
        .iter()
        .map(|f| f["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(encodings, ["UTF-8", "GB18030", "UTF-16LE", "UTF-8"]);
    let first = content(&files[0]);
    assert!(
        !files[0]["reports"].as_array().unwrap().is_empty(),
        "the page has reports"
    );
    for f in &files[1..] {
        assert_eq!(content(f), first, "{}", f["file"]);
    }
    // Offsets are into the decoded text: the same for the first three, CRLF-shifted for the last.
    assert_eq!(files[0]["reports"], files[1]["reports"]);
    assert_eq!(files[0]["reports"], files[2]["reports"]);
    assert_spans_hold(&files[0], &page);
    assert_spans_hold(&files[3], &crlf_text);
}

#[test]
fn big5_traditional_page_is_read() {
    let page = "縣婦聯年終工作總結\n\n一、大力實施婦女創業行動\n今年共培訓婦女一千八百多名，落實貸款十六萬元。\n";
    let (bytes, _, bad) = encoding_rs::BIG5.encode(page);
    assert!(!bad);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big5.txt");
    std::fs::write(&p, &bytes).unwrap();
    let out = parse(&[&p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f = &json_lines(&out)[0];
    assert_eq!(f["encoding"], "Big5");
    assert_eq!(f["reports"][0]["title"], "縣婦聯年終工作總結");
    assert_eq!(f["reports"][0]["org_level"], "county");
}

#[test]
fn empty_and_whitespace_files_are_read_and_hold_no_reports() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, " \n\t\r\n\u{3000}\n".as_bytes()).unwrap();
    let out = parse(&[&empty, &blank]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = json_lines(&out);
    assert_eq!(files.len(), 2);
    for f in files {
        assert_eq!(f["reports"], Value::Array(vec![]));
    }
}

#[test]
fn binary_file_is_skipped_with_a_named_reason_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bin_file = dir.path().join("picture.txt");
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(&bin_file, &b).unwrap();
    let nul = dir.path().join("nul.txt");
    std::fs::write(&nul, vec![0u8; 10_000]).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, sample("004_")).unwrap();
    let out = parse(&[&bin_file, &nul, &good]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: not a text file (a PNG image)",
            bin_file.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}: not a text file (10000 NUL byte(s))",
            nul.display()
        )),
        "{err}"
    );
    let files = json_lines(&out);
    assert_eq!(files.len(), 1, "the good file is still parsed");
    assert_eq!(files[0]["reports"][0]["year"], 2023);
}

#[test]
fn invalid_bytes_inside_utf8_are_replaced_noted_and_offsets_hold() {
    let page = sample("003_");
    let cut = page.char_indices().nth(200).unwrap().0;
    let mut b = page.as_bytes()[..cut].to_vec();
    b.extend_from_slice(&[0xE5, 0xA6]); // a character cut in half by a scraper
    b.extend_from_slice(&page.as_bytes()[cut..]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("damaged.txt");
    std::fs::write(&p, &b).unwrap();
    let out = parse(&[&p]);
    assert_eq!(out.status.code(), Some(0), "read, with a remark");
    assert_stderr_contains(&out, "invalid UTF-8 byte(s) replaced");
    let f = &json_lines(&out)[0];
    assert_eq!(f["encoding"], "UTF-8");
    assert_eq!(f["reports"][0]["year"], 2014);
    let decoded = String::from_utf8_lossy(&b).into_owned();
    assert_spans_hold(f, &decoded);
}

#[test]
fn a_50_mb_single_line_file_is_parsed() {
    // A real report with its line breaks lost, pasted over and over into one 50 MB line.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("one-line.txt");
    let page = sample("003_");
    let unit: String = page.lines().filter(|l| l.chars().count() > 60).collect();
    let n = 50 * 1024 * 1024 / unit.len();
    std::fs::write(&p, unit.repeat(n)).unwrap();
    let out = parse(&[&p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f = &json_lines(&out)[0];
    let reports = f["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    let first_clause: String = unit
        .split(['。', '，', ','])
        .next()
        .unwrap()
        .chars()
        .take(40)
        .collect();
    assert!(
        reports[0]["title"]
            .as_str()
            .unwrap()
            .starts_with(&first_clause)
    );
    assert_eq!(reports[0]["start"], 0);
    assert_eq!(reports[0]["end"].as_u64().unwrap() as usize, unit.len() * n);
}

#[cfg(unix)]
#[test]
fn folders_are_walked_without_going_round_a_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("reports/2014");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), sample("003_")).unwrap();
    std::fs::write(dir.path().join("reports/b.txt"), sample("004_")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("reports"), sub.join("loop")).unwrap();
    // Hidden files and the review store are not reports.
    std::fs::write(dir.path().join("reports/.hidden.txt"), "x").unwrap();
    std::fs::write(dir.path().join("reports/README.md"), "# 说明\n这些是报告。").unwrap();
    std::fs::create_dir_all(dir.path().join("reports/zongjie-reviews")).unwrap();
    std::fs::write(dir.path().join("reports/zongjie-reviews/r.json"), "{}").unwrap();

    let out = parse(&[&dir.path().join("reports")]);
    assert_exit(&out, 0, "a loop is a remark, no file is lost");
    assert_stderr_contains(&out, "symbolic link loop");
    let names: Vec<String> = json_lines(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with("reports/2014/a.txt"), "{names:?}");
    assert!(names[1].ends_with("reports/b.txt"), "{names:?}");
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = Command::new(BIN)
        .args(["parse", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let page = sample("004_");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f = &json_lines(&out)[0];
    assert_eq!(f["file"], "-");
    assert_eq!(f["reports"][0]["place"], "茶盘洲镇");
    assert_spans_hold(f, &page);
}

#[test]
fn missing_path_exits_1_and_a_usage_error_exits_2() {
    let out = parse(&[Path::new("/no/such/folder")]);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "/no/such/folder: no such file or folder");
    let out = Command::new(BIN)
        .args(["parse", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_format_prints_an_outline_for_a_person() {
    let out = Command::new(BIN)
        .args(["parse", "--format", "text"])
        .arg(samples_dir().join("004_1688e85965c51fce.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("2023年茶盘洲镇妇联工作总结"), "{s}");
    assert!(s.contains("UTF-8"), "{s}");
}

#[test]
fn seed_pages_parse_with_spans_that_hold() {
    let out = parse(&[&samples_dir()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = json_lines(&out);
    assert_eq!(files.len(), 5);
    let reports: usize = files
        .iter()
        .map(|f| f["reports"].as_array().unwrap().len())
        .sum();
    assert_eq!(reports, 9);
    for f in &files {
        let text = std::fs::read_to_string(f["file"].as_str().unwrap()).unwrap();
        assert_spans_hold(f, &text);
    }
}
