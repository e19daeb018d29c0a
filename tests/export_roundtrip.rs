//! Export round trip on the seed pages: every CSV, JSONL and JSON row's offsets
//! give back its `text` from the file, by bytes and by characters.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::{BIN, output_ok};
use common::review::decision;
use zongjie::export::records::{CharCursor, RecordStatus};
use zongjie::load::{Input, load};
use zongjie::model::{FigureKind, Quantity, Report};
use zongjie::pipeline::parse_document;
use zongjie::review::session::{FileText, ReportSession};
use zongjie::review::{DecisionStatus, ReportReview, ReportStatus, Store, file_key};

/// A temp corpus holding the seed pages the parser gets through.
fn corpus() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let (d, corpus, files) = common::corpus::seed_corpus();
    assert!(files.len() >= 4, "seed pages missing");
    (d, corpus, files)
}

/// Spans of ASCII digit runs plus the character after, inside `lo..hi`.
fn digit_spans(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = lo;
    while i < hi {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_ascii_digit() {
            let mut e = i;
            while text[e..].starts_with(|d: char| d.is_ascii_digit()) {
                e += 1;
            }
            if let Some(u) = text[e..].chars().next()
                && !u.is_whitespace()
                && !u.is_ascii()
            {
                e += u.len_utf8();
            }
            if e <= hi {
                out.push((i, e));
            }
            i = e;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// Decisions on every report: the first extracted figures accepted, corrected
/// (with a widened span), rejected; and a dozen added figures.
fn review_all(corpus: &Path, files: &[PathBuf]) -> usize {
    let paths = vec![corpus.to_path_buf()];
    let store = Store::open(&zongjie::review::default_store_dir(&paths)).unwrap();
    let mut added = 0;
    for f in files {
        let doc = load(&Input::File(f.clone())).unwrap();
        let text = &doc.text;
        let key = file_key(&paths, f);
        for report in parse_document(&doc).reports {
            let mut rv = ReportReview::new(&key, &report.id, &report.title);
            rv.status = ReportStatus::InProgress;
            decide_extracted(text, &report, &mut rv);
            let taken: Vec<(usize, usize)> =
                report.figures.iter().map(|f| (f.start, f.end)).collect();
            for (k, (s, e)) in digit_spans(text, report.start, report.end)
                .into_iter()
                .filter(|sp| !taken.iter().any(|t| t.0 < sp.1 && sp.0 < t.1))
                .take(12)
                .enumerate()
            {
                let mut d = decision(text, (s, e), DecisionStatus::Added, "tester");
                d.corrected = Some(Quantity {
                    value: Some(k as f64 + 0.5),
                    unit: "个".into(),
                    kind: FigureKind::Count,
                    ..Default::default()
                });
                d.tags = vec!["seed".into(), "t,2".into()];
                d.note = Some("含\"引号\", 逗号\n换行".into());
                rv.figures.push(d);
                added += 1;
            }
            store.save(&rv).unwrap();
        }
    }
    added
}

fn decide_extracted(text: &str, report: &Report, rv: &mut ReportReview) {
    for (i, f) in report.figures.iter().take(3).enumerate() {
        let mut d = decision(text, (f.start, f.end), DecisionStatus::Accepted, "tester");
        if i == 1 {
            d.status = Some(DecisionStatus::Corrected);
            d.corrected = Some(Quantity {
                value: Some(1.0),
                unit: "人".into(),
                ..Default::default()
            });
            if let Some(c) = text[f.end..].chars().next() {
                d.span = Some((f.start, f.end + c.len_utf8()));
            }
        }
        if i == 2 {
            d.status = Some(DecisionStatus::Rejected);
        }
        rv.figures.push(d);
    }
}

/// A small RFC 4180 reader (quoted fields, doubled quotes, CRLF) for the check.
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "CSV ends with a line break"
    );
    rows
}

fn export(corpus: &Path, args: &[&str]) -> Vec<u8> {
    output_ok(Command::new(BIN).arg("export").args(args).arg(corpus)).stdout
}

fn check_row(corpus: &Path, file: &str, text: &str, offs: [usize; 4]) {
    let src = load(&Input::File(corpus.join(file))).unwrap().text;
    let [bs, be, cs, ce] = offs;
    assert_eq!(src.get(bs..be), Some(text), "{file} bytes {bs}..{be}");
    let by_chars: String = src.chars().skip(cs).take(ce - cs).collect();
    assert_eq!(by_chars, text, "{file} chars {cs}..{ce}");
}

#[test]
fn every_exported_row_points_at_its_text() {
    let (d, corpus, files) = corpus();
    let added = review_all(&corpus, &files);

    // CSV with a BOM, as for a spreadsheet.
    let csv = String::from_utf8(export(&corpus, &["--format", "csv", "--bom"])).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let rows = read_csv(&csv);
    let head = &rows[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let n_csv = rows.len() - 1;
    assert!(n_csv >= added, "{n_csv} rows, {added} added");
    for r in &rows[1..] {
        assert_eq!(r.len(), head.len());
        let offs = ["byte_start", "byte_end", "char_start", "char_end"]
            .map(|c| r[col(c)].parse::<usize>().unwrap());
        check_row(&corpus, &r[col("file")], &r[col("text")], offs);
    }
    let notes: Vec<&String> = rows[1..]
        .iter()
        .map(|r| &r[col("note")])
        .filter(|n| !n.is_empty())
        .collect();
    assert!(notes.iter().all(|n| *n == "含\"引号\", 逗号\n换行"));
    assert_eq!(
        rows[1..]
            .iter()
            .filter(|r| r[col("origin")] == "added")
            .count(),
        added
    );

    // JSONL and JSON: the same rows.
    let jsonl = String::from_utf8(export(&corpus, &["--format", "jsonl"])).unwrap();
    let recs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), n_csv);
    for r in &recs {
        let offs = ["byte_start", "byte_end", "char_start", "char_end"]
            .map(|c| r[c].as_u64().unwrap() as usize);
        check_row(
            &corpus,
            r["file"].as_str().unwrap(),
            r["text"].as_str().unwrap(),
            offs,
        );
        let status = r["status"].as_str().unwrap();
        assert!(
            ["unreviewed", "accepted", "rejected", "corrected", "added"].contains(&status),
            "{status}"
        );
    }
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&export(&corpus, &["--format", "json"])).unwrap();
    assert_eq!(json, recs);

    // --status accepted keeps what stands in the dataset; --out writes a file.
    let out = corpus.parent().unwrap().join("accepted.jsonl");
    let o = out.to_str().unwrap();
    export(
        &corpus,
        &["--format", "jsonl", "--status", "accepted", "--out", o],
    );
    let acc = std::fs::read_to_string(&out).unwrap();
    let acc: Vec<serde_json::Value> = acc
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let want = recs
        .iter()
        .filter(|r| ["accepted", "corrected", "added"].contains(&r["status"].as_str().unwrap()))
        .count();
    assert_eq!(acc.len(), want);

    // ZONGJIE_EXPORT_KEEP=1 keeps the corpus and exports for a check from another language.
    if std::env::var_os("ZONGJIE_EXPORT_KEEP").is_some() {
        std::fs::write(corpus.parent().unwrap().join("export.csv"), &csv).unwrap();
        std::fs::write(corpus.parent().unwrap().join("export.jsonl"), &jsonl).unwrap();
        eprintln!("kept in {}", d.keep().display());
    }
}

#[test]
fn offsets_that_do_not_hold_are_an_error() {
    use zongjie::export::records::report_records;
    use zongjie::model::Figure;
    let text = "培训妇女1800多名，发放贷款16万元。";
    let s = text.find("1800").unwrap();
    let good = Figure {
        id: "f1".into(),
        start: s,
        end: s + "1800多名".len(),
        text: "1800多名".into(),
        ..Default::default()
    };
    let bad = Figure {
        id: "f2".into(),
        start: s + 1,
        end: s + 1 + "16万元".len(),
        text: "16万元".into(),
        ..Default::default()
    };
    let report = Report {
        id: "r1".into(),
        end: text.len(),
        figures: vec![good, bad],
        ..Default::default()
    };
    let file = FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), text.into());
    let review = zongjie::review::ReportReview::new("a.txt", "r1", "");
    let session = ReportSession::new(0, report, review, text);
    let (recs, errs) = report_records(&file, &session, &mut CharCursor::default());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].char_start, 4);
    assert_eq!(recs[0].char_end, 10);
    assert_eq!(recs[0].status, RecordStatus::Unreviewed);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].to_string().contains("does not match"));
}

/// A file that cannot be read is skipped with a message, and the export goes
/// on; unless the store holds decisions on it: then nothing is written.
#[test]
fn an_unreadable_file_is_skipped_unless_it_has_decisions() {
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::copy(
        common::corpus::samples_dir().join("004_1688e85965c51fce.txt"),
        corpus.join("good.txt"),
    )
    .unwrap();
    // A PNG image under a text name: not a text file.
    std::fs::write(
        corpus.join("bad.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    )
    .unwrap();
    let export = || {
        Command::new(BIN)
            .args(["export", "data", "--format", "csv"])
            .current_dir(d.path())
            .output()
            .unwrap()
    };
    let out = export();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "as parse: a file was skipped");
    assert!(err.contains("bad.txt"), "{err}");
    assert!(
        String::from_utf8_lossy(&out.stdout).lines().count() > 1,
        "rows written"
    );
    // Decisions on the unreadable file: the export stops.
    let store = Store::open(&corpus.join("zongjie-reviews")).unwrap();
    let mut rv = ReportReview::new("bad.txt", "r1", "t");
    rv.note = Some("reviewed before it broke".into());
    store.save(&rv).unwrap();
    drop(store);
    let out = export();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("holds decisions") && err.contains("nothing written"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
