//! Bad input not covered by `parse_cli.rs` and `store_safety.rs`: huge numbers,
//! huge outlines, pages of chrome, broken figures, unreadable files, and store files
//! that are truncated, of an unknown reviewer, or opened by two writers at once.
//! Each case says what it expects; "finishes at all" is the time bound.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};

use common::cli::{BIN, assert_exit, assert_stderr_contains, stderr};
use common::corpus::samples_dir;
use common::review::decision;
use serde_json::Value;
use zongjie::load::{Input, load};
use zongjie::pipeline::parse_document;
use zongjie::review::{DecisionStatus, ReportReview, Store, StoreError};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn parse_one(dir: &Path, name: &str, body: &[u8]) -> (Output, Value) {
    std::fs::write(dir.join(name), body).unwrap();
    let out = run(dir, &["parse", "--format", "json", name]);
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|l| serde_json::from_str(l).unwrap())
        .unwrap_or(Value::Null);
    (out, line)
}

fn reports(v: &Value) -> &Vec<Value> {
    v["reports"].as_array().expect("reports array")
}

fn all_figures(v: &Value) -> Vec<&Value> {
    reports(v)
        .iter()
        .flat_map(|r| r["figures"].as_array().unwrap().iter())
        .collect()
}

/// Every span of a parse is a char range of `text`, and figure texts match.
fn assert_spans(v: &Value, text: &str) {
    let span = |x: &Value| {
        (
            x["start"].as_u64().unwrap() as usize,
            x["end"].as_u64().unwrap() as usize,
        )
    };
    for r in reports(v) {
        let (s, e) = span(r);
        assert!(s <= e && text.get(s..e).is_some(), "report span {s}..{e}");
        for sec in r["sections"].as_array().unwrap() {
            let (s, e) = span(sec);
            assert!(s <= e && text.get(s..e).is_some(), "section span {s}..{e}");
        }
        for f in r["figures"].as_array().unwrap() {
            let (s, e) = span(f);
            assert_eq!(text.get(s..e), f["text"].as_str(), "figure span {s}..{e}");
        }
    }
}

#[test]
fn five_mb_of_digits_is_one_untitled_report_and_no_figure() {
    let d = tempfile::tempdir().unwrap();
    let text = "7".repeat(5_000_000);
    let (out, v) = parse_one(d.path(), "digits.txt", text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(reports(&v).len(), 1);
    assert_spans(&v, &text);
    // A run of five million digits states no quantity: nothing to review.
    assert!(
        all_figures(&v).is_empty(),
        "a digit run read as a figure: {:?}",
        all_figures(&v).first()
    );
}

#[test]
fn forty_digits_and_wanyi_read_finite_and_flagged() {
    let d = tempfile::tempdir().unwrap();
    let n = "1234567890123456789012345678901234567890";
    // The number reader: a finite value, never inf or NaN, exit 0.
    let out = run(d.path(), &["figure", &format!("{n}万亿元")]);
    assert_eq!(out.status.code(), Some(0));
    let q: Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = q["value"].as_f64().expect("a JSON number");
    assert!(value.is_finite() && value > 1e51, "{q}");
    assert_eq!(q["kind"], "money");
    // In a report: extracted with its span, and flagged as an impossible magnitude.
    let text = format!("县妇联2013年工作总结\n\n全县共筹集资金{n}万亿元，培训妇女300人。\n");
    let (out, v) = parse_one(d.path(), "big.txt", text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_spans(&v, &text);
    let figs = all_figures(&v);
    let big = figs
        .iter()
        .find(|f| f["text"].as_str().is_some_and(|t| t.starts_with(n)))
        .unwrap_or_else(|| panic!("the 40-digit figure is extracted: {figs:?}"));
    assert!(big["value"].as_f64().is_some_and(f64::is_finite), "{big}");
    assert!(
        big["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "magnitude"),
        "flagged as a magnitude a reviewer must check: {big}"
    );
    // The plain figure beside it is unharmed.
    assert!(
        figs.iter()
            .any(|f| f["text"] == "300人" && f["value"] == 300)
    );
}

#[test]
fn a_hundred_thousand_headings_parse() {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::from("县妇联2013年工作总结\n");
    for i in 1..=100_000 {
        text.push_str(&format!(
            "{i}、第{i}项工作\n本项培训妇女{}人。\n",
            i % 50 + 1
        ));
    }
    let started = std::time::Instant::now();
    let (out, v) = parse_one(d.path(), "heads.txt", text.as_bytes());
    eprintln!("100,000 headings parsed in {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(reports(&v).len(), 1);
    assert_spans(&v, &text);
    let r = &reports(&v)[0];
    let sections = r["sections"].as_array().unwrap();
    assert!(!sections.is_empty(), "the outline is found");
    let mut ids = std::collections::HashSet::new();
    for s in sections {
        assert!(ids.insert(s["id"].as_str().unwrap()), "section ids unique");
        assert!(s["level"].as_u64().unwrap() >= 1);
    }
    // Every stated count is there, each pointing at a section that exists.
    let figs = r["figures"].as_array().unwrap();
    assert_eq!(figs.len(), 100_000);
    for f in figs {
        if let Some(sid) = f["section"].as_str() {
            assert!(ids.contains(sid), "figure points at a real section");
        }
    }
}

/// Guide §1: chrome is part of no report, so a page of chrome has none.
#[test]
fn a_page_of_only_web_chrome_has_no_report() {
    let d = tempfile::tempdir().unwrap();
    let text = "首页 | 新闻中心 | 工作动态 | 关于我们 | 联系我们\n\
        当前位置：首页 > 工作总结 > 正文\n\
        来源：某某网  发布时间：2014-01-05  浏览次数：1234\n\
        上一篇：没有了\n下一篇：没有了\n相关文章\n\
        版权所有 © 2013 某某网 All Rights Reserved  京ICP备12345678号\n\
        技术支持：某某科技  电话：010-12345678\n";
    let (out, v) = parse_one(d.path(), "chrome.txt", text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_spans(&v, text);
    // View counts, phone and licence numbers, dates are chrome, not figures.
    assert!(all_figures(&v).is_empty(), "{:?}", all_figures(&v));
    assert!(reports(&v).is_empty(), "{v}");
}

#[test]
fn full_width_digits_and_broken_figures() {
    let d = tempfile::tempdir().unwrap();
    let text = "县妇联2013年工作总结\n\n一、主要工作\n\
        今年培训了三分之的妇女，筹集萬余元资金，组织余名志愿者参加活动。\n\
        全县共有妇女１２３４５人，其中农村妇女８０００余人，发放贷款１，２３４万元。\n";
    let (out, v) = parse_one(d.path(), "broken.txt", text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_spans(&v, text);
    let figs = all_figures(&v);
    let find = |t: &str| figs.iter().find(|f| f["text"] == t).copied();
    // Full-width digits read as ASCII ones, the span keeps the text as written.
    let a = find("１２３４５人").expect("full-width count");
    assert_eq!(
        (a["value"].as_f64(), a["unit"].as_str()),
        (Some(12345.0), Some("人"))
    );
    let b = find("８０００余人").expect("full-width count with 余");
    assert_eq!(
        (b["value"].as_f64(), b["approx"].as_str()),
        (Some(8000.0), Some("over"))
    );
    let c = find("１，２３４万元").expect("full-width money with a full-width comma");
    assert_eq!(
        (c["value"].as_f64(), c["kind"].as_str()),
        (Some(12_340_000.0), Some("money"))
    );
    // 三分之 with no denominator is no fraction, and no figure is made of it.
    assert!(
        !figs
            .iter()
            .any(|f| f["text"].as_str().is_some_and(|t| t.contains("三分之"))),
        "{figs:?}"
    );
    // 萬余元 (over ten thousand yuan) is never read as another value: either
    // left out or read as 10000, over, money.
    for f in figs
        .iter()
        .filter(|f| f["text"].as_str().is_some_and(|t| t.contains("萬余")))
    {
        assert_eq!(f["value"].as_f64(), Some(10000.0), "{f}");
        assert_eq!(f["approx"], "over");
    }
    // 余名 with no number is a placeholder a reviewer is told about.
    let warnings: Vec<&Value> = reports(&v)
        .iter()
        .flat_map(|r| r["warnings"].as_array().unwrap().iter())
        .collect();
    let w = warnings
        .iter()
        .find(|w| w["code"] == "missing-number")
        .unwrap_or_else(|| panic!("余名 warned: {warnings:?}"));
    let (s, e) = (
        w["start"].as_u64().unwrap() as usize,
        w["end"].as_u64().unwrap() as usize,
    );
    assert!(
        text.get(s..e).is_some_and(|t| t.contains("余名")),
        "warning span"
    );
    // The number reader says why a broken expression has no value, and exits 0.
    let out = run(d.path(), &["figure", "三分之", "余名", "萬余元"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["error"].is_string(), "三分之: {}", lines[0]);
    assert!(lines[1]["error"].is_string(), "余名: {}", lines[1]);
    // 萬余元 is a bare round number, read as 千余人 is.
    assert_eq!(lines[2]["value"], 10000, "萬余元: {}", lines[2]);
    assert_eq!(lines[2]["approx"], "over", "萬余元: {}", lines[2]);
}

#[test]
fn an_unreadable_file_is_skipped_with_its_reason_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions; it only reads the process's ids.
    let root = unsafe { geteuid() } == 0;
    // Root reads any file: run the binary as `nobody` through setpriv where it can.
    let as_nobody = root
        && Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                BIN,
                "--version",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if root && !as_nobody {
        eprintln!(
            "skipped: running as root, and cannot run the binary as nobody (setpriv): \
             permissions do not stop root's reads"
        );
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(d.path(), open.clone()).unwrap();
    std::fs::create_dir(d.path().join("data")).unwrap();
    std::fs::set_permissions(d.path().join("data"), open).unwrap();
    std::fs::write(
        d.path().join("data/a.txt"),
        "县妇联工作总结\n培训妇女300人。\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("data/b.txt"),
        "县妇联工作总结\n培训妇女500人。\n",
    )
    .unwrap();
    let locked = d.path().join("data/a.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let out = cmd
        .args(["parse", "--format", "json", "data"])
        .current_dir(d.path())
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_exit(&out, 1, "a skipped file makes exit 1");
    assert_stderr_contains(&out, "zongjie: data/a.txt: permission denied");
    let v: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(v.len(), 1, "the readable file is still parsed");
    assert_eq!(v[0]["file"], "data/b.txt");
}

unsafe extern "C" {
    fn geteuid() -> u32;
}

/// A corpus folder with one sample page, its first report's id and its text.
fn corpus_with_sample(d: &Path) -> (PathBuf, String, String, Vec<(usize, usize)>) {
    let corpus = d.join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    let src = samples_dir().join("000_c894158fcb275fac.txt");
    let page = corpus.join("page.txt");
    std::fs::copy(src, &page).unwrap();
    let doc = load(&Input::File(page)).unwrap();
    let parsed = parse_document(&doc);
    let r = parsed
        .reports
        .iter()
        .find(|r| r.figures.len() >= 2)
        .expect("a sample report with figures");
    let spans = r.figures.iter().map(|f| (f.start, f.end)).collect();
    (corpus, r.id.clone(), doc.text, spans)
}

#[test]
fn a_store_file_truncated_anywhere_is_damaged_never_misread() {
    let d = tempfile::tempdir().unwrap();
    let (_, report, text, spans) = corpus_with_sample(d.path());
    let store_dir = d.path().join("store");
    let store = Store::open(&store_dir).unwrap();
    let mut review = ReportReview::new("page.txt", &report, "t");
    for (k, &sp) in spans.iter().enumerate().take(6) {
        let st = if k % 2 == 0 {
            DecisionStatus::Accepted
        } else {
            DecisionStatus::Rejected
        };
        review.figures.push(decision(&text, sp, st, "li"));
    }
    store.save(&review).unwrap();
    let path = store.path_for("page.txt", &report);
    let whole = std::fs::read(&path).unwrap();
    let body_len = whole.trim_ascii_end().len();
    let step = (whole.len() / 300).max(1);
    let mut cuts: Vec<usize> = (0..whole.len()).step_by(step).collect();
    cuts.extend([body_len - 1, body_len, whole.len()]);
    for cut in cuts {
        std::fs::write(&path, &whole[..cut]).unwrap();
        match store.load("page.txt", &report) {
            Ok(Some(r)) => {
                assert!(
                    cut >= body_len,
                    "a file cut at {cut} of {} read as whole",
                    whole.len()
                );
                assert_eq!(r.figures, review.figures);
            }
            Err(StoreError::Corrupt { moved_to, .. }) => {
                assert!(cut < body_len, "the whole file at cut {cut} refused");
                let to = moved_to.expect("the writer moves a damaged file aside");
                assert_eq!(std::fs::read(&to).unwrap(), &whole[..cut], "kept as it was");
                std::fs::remove_file(to).unwrap();
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    // The binary's view of a truncated file: reported by path, nothing exported.
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let out = run(
        d.path(),
        &["export", "--format", "jsonl", "--store", "store", "data"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_stderr_contains(&out, "damaged review file");
    assert!(
        path.exists(),
        "export (a reader) leaves the damaged file in place"
    );
}

#[test]
fn decisions_of_an_unknown_reviewer_load_export_and_are_kept() {
    let d = tempfile::tempdir().unwrap();
    let (corpus, report, text, spans) = corpus_with_sample(d.path());
    let store_dir = corpus.join("zongjie-reviews");
    std::fs::create_dir_all(&store_dir).unwrap();
    // Written by hand by someone this machine has never seen, with odd but valid names.
    let mut review = ReportReview::new("page.txt", &report, "t");
    review.reviewer = Some("王芳 (县妇联)".into());
    review.figures.push(decision(
        &text,
        spans[0],
        DecisionStatus::Accepted,
        "王芳 (县妇联)",
    ));
    review
        .figures
        .push(decision(&text, spans[1], DecisionStatus::Rejected, ""));
    let path = store_dir.join(zongjie::review::store_file_name("page.txt", &report));
    std::fs::write(&path, serde_json::to_vec_pretty(&review).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = run(d.path(), &["export", "--format", "jsonl", "data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_start = |s: usize| {
        recs.iter()
            .find(|r| r["byte_start"] == s)
            .unwrap_or_else(|| panic!("record at {s}"))
    };
    let a = by_start(spans[0].0);
    assert_eq!(
        (a["status"].as_str(), a["reviewer"].as_str()),
        (Some("accepted"), Some("王芳 (县妇联)"))
    );
    assert_eq!(by_start(spans[1].0)["status"], "rejected");
    // Another reviewer's writer keeps the first reviewer's names on a save.
    let store = Store::open(&store_dir).unwrap();
    let mut loaded = store.load("page.txt", &report).unwrap().unwrap();
    loaded.figures[1].reviewer = "li".into();
    store.save(&loaded).unwrap();
    let again = store.load("page.txt", &report).unwrap().unwrap();
    assert_eq!(again.reviewer.as_deref(), Some("王芳 (县妇联)"));
    assert_eq!(again.figures[0].reviewer, "王芳 (县妇联)");
    assert_ne!(before, std::fs::read(&path).unwrap(), "saved");
}

#[test]
fn two_writers_opening_at_once_get_one_lock() {
    for round in 0..20 {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("store");
        let n = 4;
        let barrier = Arc::new(Barrier::new(n));
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let (b, dir) = (barrier.clone(), dir.clone());
                std::thread::spawn(move || {
                    b.wait();
                    Store::open(&dir).unwrap()
                })
            })
            .collect();
        let stores: Vec<Store> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let writers = stores.iter().filter(|s| s.read_only().is_none()).count();
        assert_eq!(writers, 1, "round {round}: exactly one writer");
        for s in stores.iter().filter(|s| s.read_only().is_some()) {
            assert!(matches!(
                s.save(&ReportReview::new("a.txt", "r", "t")),
                Err(StoreError::ReadOnly(_))
            ));
        }
        let w = stores.iter().find(|s| s.read_only().is_none()).unwrap();
        w.save(&ReportReview::new("a.txt", "r", "t")).unwrap();
    }
}

#[test]
fn two_binaries_exporting_to_one_file_at_once_leave_a_whole_file() {
    let d = tempfile::tempdir().unwrap();
    let (_corpus, _, _, _) = corpus_with_sample(d.path());
    let spawn = |fmt: &str| {
        Command::new(BIN)
            .args(["export", "--format", fmt, "--out", "out.txt", "data"])
            .current_dir(d.path())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("jsonl"), spawn("json"));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let body = std::fs::read_to_string(d.path().join("out.txt")).unwrap();
    // One of the two, whole: a JSON array or JSON lines, never a mix.
    let whole_json = serde_json::from_str::<Value>(&body).is_ok_and(|v| v.is_array());
    let whole_lines = body
        .lines()
        .all(|l| serde_json::from_str::<Value>(l).is_ok());
    assert!(
        whole_json || whole_lines,
        "a torn export:\n{}",
        &body[..body.len().min(500)]
    );
}

fn sample_page() -> String {
    std::fs::read_to_string(samples_dir().join("001_80b970a49aa87452.txt")).unwrap()
}

#[test]
fn utf16_without_bom_in_either_byte_order_reads_like_utf8() {
    let d = tempfile::tempdir().unwrap();
    let page = sample_page();
    let (_, want) = parse_one(d.path(), "utf8.txt", page.as_bytes());
    let le: Vec<u8> = page.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = page.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    for (name, bytes, enc) in [("le.txt", le, "UTF-16LE"), ("be.txt", be, "UTF-16BE")] {
        let (out, v) = parse_one(d.path(), name, &bytes);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_stderr_contains(&out, "no byte order mark");
        assert_eq!(v["encoding"], enc);
        assert_eq!(
            v["reports"], want["reports"],
            "{name}: same reports as UTF-8"
        );
    }
}

#[test]
fn a_few_stray_nul_bytes_in_a_page_are_dropped_not_the_page() {
    let d = tempfile::tempdir().unwrap();
    let page = sample_page();
    let (_, want) = parse_one(d.path(), "clean.txt", page.as_bytes());
    // Two NULs after the first full stop, one at the very end.
    let cut = page.find('。').unwrap() + '。'.len_utf8();
    let mut bytes = page.as_bytes()[..cut].to_vec();
    bytes.extend_from_slice(b"\0\0");
    bytes.extend_from_slice(&page.as_bytes()[cut..]);
    bytes.push(0);
    let (out, v) = parse_one(d.path(), "nuls.txt", &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_stderr_contains(&out, "nuls.txt: 3 stray NUL byte(s) dropped");
    let figs = |v: &Value| -> Vec<String> {
        all_figures(v)
            .iter()
            .map(|f| format!("{} {}", f["text"], f["value"]))
            .collect()
    };
    assert_eq!(
        figs(&v),
        figs(&want),
        "every figure of the page is still read"
    );
    // Many NULs still mean a binary file.
    let mut binary = page.as_bytes().to_vec();
    for k in (0..binary.len()).step_by(50) {
        binary[k] = 0;
    }
    let (out, _) = parse_one(d.path(), "many.txt", &binary);
    assert_eq!(out.status.code(), Some(1));
    assert_stderr_contains(&out, "many.txt: not a text file");
}
