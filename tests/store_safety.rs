//! The review store keeps a reviewer's work: kill -9 mid-write, edits to the
//! source, a second instance, a damaged file, a newer schema.
//!
//! Child processes are this test binary run again with an environment variable
//! naming the role (`ZONGJIE_TEST_ROLE`); the role tests do nothing otherwise.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Rng;
use common::cli::{BIN, output_ok};
use zongjie::load::{Input, load};
use zongjie::model::{FigureKind, Quantity};
use zongjie::pipeline::parse_document;
use zongjie::review::{
    Anchor, DecisionStatus, FigureDecision, ReportReview, ReportStatus, Store, StoreError, attach,
    file_key, store_file_name,
};

const SEED: &str = "/work/shared/corpus/000_c894158fcb275fac.txt";

fn seed_text() -> String {
    let p = Path::new(SEED);
    let p = if p.exists() {
        p.to_path_buf()
    } else {
        common::corpus::samples_dir().join("000_c894158fcb275fac.txt")
    };
    load(&Input::File(p)).unwrap().text
}

/// Byte spans of the first `n` runs of ASCII digits followed by one more character
/// (a measure word), as a reviewer might add them.
fn digit_spans(text: &str, n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, d)) = it.peek() {
            if d.is_ascii_digit() {
                it.next();
                end = j + 1;
            } else {
                if !d.is_whitespace() && !d.is_ascii_punctuation() {
                    end = j + d.len_utf8();
                }
                break;
            }
        }
        out.push((i, end));
        if out.len() == n {
            break;
        }
    }
    out
}

fn review_with(text: &str, file: &str, report: &str, n: usize, counter: usize) -> ReportReview {
    let mut r = ReportReview::new(file, report, "title");
    r.status = ReportStatus::InProgress;
    r.note = Some(format!("counter {counter}"));
    let spans = digit_spans(text, 40);
    for k in 0..n {
        let (s, e) = spans[k % spans.len()];
        r.figures.push(FigureDecision {
            anchor: Anchor::new(text, s, e),
            status: Some(DecisionStatus::Added),
            corrected: Some(Quantity {
                value: Some(k as f64),
                unit: "个".into(),
                kind: FigureKind::Count,
                ..Default::default()
            }),
            tags: vec!["t".into()],
            reviewer: "tester".into(),
            at: "2026-11-22T00:00:00Z".into(),
            ..Default::default()
        });
    }
    r
}

fn counter_of(r: &ReportReview) -> usize {
    r.note
        .as_deref()
        .and_then(|n| n.strip_prefix("counter "))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

fn child(role: &str, dir: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([role, "--exact", "--nocapture", "--test-threads=1"])
        .env("ZONGJIE_TEST_ROLE", role)
        .env("ZONGJIE_TEST_DIR", dir);
    c
}

fn role_dir(role: &str) -> Option<PathBuf> {
    (std::env::var("ZONGJIE_TEST_ROLE").ok()? == role)
        .then(|| PathBuf::from(std::env::var("ZONGJIE_TEST_DIR").unwrap()))
}

/// Child role: save the same review with a rising counter as fast as it can,
/// printing `saved N` after each save returns.
#[test]
fn role_tight_saver() {
    let Some(dir) = role_dir("role_tight_saver") else {
        return;
    };
    let text = seed_text();
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.read_only(), None, "the saver must hold the lock");
    let start = match store.load("seed.txt", "r1") {
        Ok(Some(r)) => counter_of(&r) + 1,
        _ => 0,
    };
    for i in start.. {
        // Vary the size so a torn write would show as a length mismatch too.
        let r = review_with(&text, "seed.txt", "r1", 300 + (i % 7) * 40, i);
        store.save(&r).unwrap();
        println!("saved {i}");
    }
}

/// Child role: open a store another process holds, report what it is told.
#[test]
fn role_second_instance() {
    let Some(dir) = role_dir("role_second_instance") else {
        return;
    };
    let store = Store::open(&dir).unwrap();
    println!(
        "read_only: {}",
        store.read_only().unwrap_or_else(|| "no".into())
    );
    let r = ReportReview::new("seed.txt", "r1", "t");
    match store.save(&r) {
        Err(e @ StoreError::ReadOnly(_)) => println!("save refused: {e}"),
        other => println!("save result: {other:?}"),
    }
}

fn has_temp(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
    })
}

#[test]
fn decisions_survive_kill_9_mid_write() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("zongjie-reviews");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = Rng(seed | 1);
    let mut last_seen: Option<usize> = None;
    let mut mid_write = 0;
    let rounds = 16;
    for round in 0..rounds {
        let mut c = child("role_tight_saver", &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = c.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("saved ") {
                    let _ = tx.send(n.parse::<usize>().unwrap());
                }
            }
        });
        // Wait for the first save of this round, then a random moment.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("child saves");
        std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
        if round % 2 == 1 {
            // Aim inside a save: kill as soon as its temp file shows.
            let until = Instant::now() + Duration::from_millis(500);
            while Instant::now() < until && !has_temp(&dir) {
                std::hint::spin_loop();
            }
        }
        c.kill().unwrap(); // SIGKILL on Unix
        c.wait().unwrap();
        reader.join().unwrap();
        let confirmed = rx.try_iter().last().unwrap_or(first);
        // A temp file left behind means the kill landed inside a save.
        if has_temp(&dir) {
            mid_write += 1;
        }
        let store = Store::open(&dir).unwrap();
        assert_eq!(
            store.read_only(),
            None,
            "stale lock of a killed writer is taken over"
        );
        let r = store
            .load("seed.txt", "r1")
            .unwrap_or_else(|e| panic!("round {round}: store file damaged: {e}"))
            .expect("a review was saved");
        let n = counter_of(&r);
        assert!(
            n == confirmed || n == confirmed + 1,
            "round {round}: file holds counter {n}, last confirmed save was {confirmed}"
        );
        assert_eq!(r.figures.len(), 300 + (n % 7) * 40, "a whole review");
        assert!(last_seen.is_none_or(|l| n >= l));
        last_seen = Some(n);
        let stray: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("corrupt") || n.starts_with(".tmp"))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
        drop(store);
    }
    // The real binary reads what survived.
    let corpus = d.path();
    std::fs::write(corpus.join("seed.txt"), seed_text()).unwrap();
    let out = Command::new(BIN)
        .args(["stats", "--format", "json", "--store"])
        .arg(&dir)
        .arg(corpus.join("seed.txt"))
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("\"reports\""),
        "{s}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!(
        "kill -9 rounds: {rounds}, {mid_write} inside a save (temp file left), last counter {last_seen:?}"
    );
}

#[test]
fn second_instance_is_read_only_and_told_so() {
    let d = tempfile::tempdir().unwrap();
    let first = Store::open(d.path()).unwrap();
    assert_eq!(first.read_only(), None);
    let out = child("role_second_instance", d.path()).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    let me = std::process::id().to_string();
    assert!(
        s.contains("read_only: ") && s.contains(&format!("pid {me}")),
        "second instance should name the holder (pid {me}):\n{s}"
    );
    assert!(
        s.contains("save refused: the review store is read-only"),
        "{s}"
    );
    // The lock names our host too.
    let owner = zongjie::review::current_owner(d.path()).unwrap();
    assert_eq!(owner.pid, std::process::id());
    assert!(!owner.host.is_empty());
    drop(first);
    // Once released, a new instance writes.
    let again = Store::open(d.path()).unwrap();
    assert_eq!(again.read_only(), None);
}

#[test]
fn corrupted_store_file_is_moved_aside_and_reported() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let path = store.path_for("a.txt", "r1");
    let garbage = b"{\"schema\": \"zongjie.review/1\", \"figures\": [tor";
    std::fs::write(&path, garbage).unwrap();
    // A reader (export, stats) reports it and leaves it alone.
    let reader = Store::reader(d.path());
    assert!(matches!(
        reader.load("a.txt", "r1"),
        Err(StoreError::Corrupt { moved_to: None, .. })
    ));
    assert!(path.exists());
    // The writer moves it aside and says where.
    let err = store.load("a.txt", "r1").unwrap_err();
    let StoreError::Corrupt {
        moved_to: Some(to), ..
    } = &err
    else {
        panic!("expected Corrupt, got {err:?}")
    };
    assert!(!path.exists());
    let name = to.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&store_file_name("a.txt", "r1")) && name.contains(".corrupt-"));
    assert!(err.to_string().contains("moved aside"), "{err}");
    assert_eq!(std::fs::read(to).unwrap(), garbage.to_vec());
    // Work goes on: the next load is empty, a save writes a fresh file.
    assert_eq!(store.load("a.txt", "r1").unwrap(), None);
    store.save(&ReportReview::new("a.txt", "r1", "t")).unwrap();
    assert!(store.load("a.txt", "r1").unwrap().is_some());
    // A damaged file met during a save is moved aside too, never overwritten in place.
    std::fs::write(&path, b"not json").unwrap();
    store.save(&ReportReview::new("a.txt", "r1", "t")).unwrap();
    assert_eq!(store.take_notices().len(), 1);
    let aside = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .count();
    assert_eq!(aside, 2);
}

#[test]
fn corrupted_store_file_reported_by_the_binary() {
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("seed.txt"), seed_text()).unwrap();
    let report = parse_document(&load(&Input::File(corpus.join("seed.txt"))).unwrap()).reports[0]
        .id
        .clone();
    let store_dir = corpus.join("zongjie-reviews");
    std::fs::create_dir_all(&store_dir).unwrap();
    let path = store_dir.join(store_file_name("seed.txt", &report));
    std::fs::write(&path, b"\x00\x01garbage").unwrap();
    let out = Command::new(BIN)
        .arg("stats")
        .arg(&corpus)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("damaged review file"), "{err}");
    let out = Command::new(BIN)
        .args(["export", "--format", "jsonl"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing exported over a damaged review"
    );
}

#[test]
fn future_schema_is_refused_not_rewritten() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let path = store.path_for("a.txt", "r1");
    let future = br#"{"schema": "zongjie.review/3", "file": "a.txt", "report": "r1", "decisions": {"new": "shape"}}"#;
    std::fs::write(&path, future).unwrap();
    let err = store.load("a.txt", "r1").unwrap_err();
    assert!(matches!(err, StoreError::FutureSchema(_, ref t) if t == "zongjie.review/3"));
    assert!(err.to_string().contains("newer zongjie"), "{err}");
    let err = store
        .save(&ReportReview::new("a.txt", "r1", "t"))
        .unwrap_err();
    assert!(matches!(err, StoreError::FutureSchema(..)));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        future.to_vec(),
        "left untouched"
    );
    let (all, errs) = store.list();
    assert!(all.is_empty());
    assert!(matches!(errs[..], [StoreError::FutureSchema(..)]));
    // The binary says so too and exports nothing.
    let c = tempfile::tempdir().unwrap();
    let corpus = c.path();
    std::fs::write(corpus.join("a.txt"), seed_text()).unwrap();
    let report = parse_document(&load(&Input::File(corpus.join("a.txt"))).unwrap()).reports[0]
        .id
        .clone();
    std::fs::write(d.path().join(store_file_name("a.txt", &report)), future).unwrap();
    let out = Command::new(BIN)
        .args(["export", "--format", "csv", "--store"])
        .arg(d.path())
        .arg(corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer zongjie"));
    assert!(out.stdout.is_empty());
}

#[test]
fn source_edited_above_the_figure_reattaches() {
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    let file = corpus.join("seed.txt");
    let text = seed_text();
    std::fs::write(&file, &text).unwrap();
    let paths = vec![corpus.clone()];
    let key = file_key(&paths, &file);
    assert_eq!(key, "seed.txt");
    let parsed = parse_document(&load(&Input::File(file.clone())).unwrap());
    let report = &parsed.reports[0];
    // Decide on a span in the latter half of the text.
    let spans = digit_spans(&text, 200);
    let (s, e) = spans[spans.len() * 2 / 3];
    let mut rv = review_with(&text, &key, &report.id, 0, 0);
    rv.figures.push(FigureDecision {
        anchor: Anchor::new(&text, s, e),
        status: Some(DecisionStatus::Added),
        corrected: Some(Quantity {
            value: Some(7.0),
            unit: "个".into(),
            ..Default::default()
        }),
        note: Some("marked".into()),
        reviewer: "tester".into(),
        at: zongjie::review::now_rfc3339(),
        ..Default::default()
    });
    let store_dir = zongjie::review::default_store_dir(&paths);
    assert_eq!(store_dir, corpus.join("zongjie-reviews"));
    Store::open(&store_dir).unwrap().save(&rv).unwrap();

    // Edit the file above the figure: a new paragraph just before its line.
    let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let inserted = "新增的一段文字，共有3个数字和5名人员。\n";
    let edited = format!("{}{}{}", &text[..line_start], inserted, &text[line_start..]);
    std::fs::write(&file, &edited).unwrap();

    // Library: the decision finds its text at the new place.
    let parsed2 = parse_document(&load(&Input::File(file.clone())).unwrap());
    let report2 = parsed2
        .reports
        .iter()
        .find(|r| r.id == report.id)
        .expect("an edit in the body keeps the report id");
    let store = Store::open(&store_dir).unwrap();
    let back = store.load(&key, &report2.id).unwrap().unwrap();
    let at = attach(&back, report2, &edited);
    let now = at.spans[0].expect("found again");
    assert_eq!(now, (s + inserted.len(), e + inserted.len()));
    assert!(at.orphaned.is_empty());
    drop(store);

    // Binary: the export carries it at the new offsets.
    let out = output_ok(
        Command::new(BIN)
            .args(["export", "--format", "jsonl", "--status", "reviewed"])
            .arg(&corpus),
    );
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = rows
        .iter()
        .find(|r| r["note"] == "marked")
        .expect("the decision is exported");
    assert_eq!(row["byte_start"], now.0);
    assert_eq!(row["text"], &text[s..e]);
    assert_eq!(row["status"], "added");
    assert_eq!(row["value"], 7);
}

#[test]
fn save_of_500_decisions_is_quick() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let text = seed_text();
    let r = review_with(&text, "seed.txt", "r1", 500, 1);
    store.save(&r).unwrap(); // warm
    let n = 10;
    let t = Instant::now();
    for _ in 0..n {
        store.save(&r).unwrap();
    }
    let per = t.elapsed() / n;
    let size = std::fs::metadata(store.path_for("seed.txt", "r1"))
        .unwrap()
        .len();
    eprintln!("save of 500 decisions: {per:?} per save ({size} bytes, mean of {n})");
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(serde_json::to_vec_pretty(&r).unwrap());
    }
    eprintln!(
        "of which serialising to JSON: {:?} per save",
        t.elapsed() / n
    );
    let t = Instant::now();
    let back = store.load("seed.txt", "r1").unwrap().unwrap();
    eprintln!("load of 500 decisions: {:?}", t.elapsed());
    assert_eq!(back.figures.len(), 500);
    assert!(per < Duration::from_secs(2));
}
