//! The property checks of the fuzz targets, in one place for both users:
//! `fuzz/fuzz_targets/*.rs` include this file (`#[path] mod checks;`), and
//! `tests/fuzz_regressions.rs` replays the kept inputs through it (`mod common;`).
//! So it may use only what both crates have: `zongjie`, `serde_json`, `csv` and std.

// Each fuzz target includes the whole file and calls one check.
#![allow(dead_code)]

use zongjie::review::{Store, StoreError};

/// `parse_bytes`: any bytes, decoded and parsed as a page. Every report, section
/// and figure span is a char-boundary range of the decoded text, a figure's text
/// is its span's, and every value read is finite.
pub fn parse_bytes(data: &[u8]) {
    let Ok(doc) = zongjie::load::load_bytes("fuzz.txt", data) else {
        return;
    };
    let parsed = zongjie::pipeline::parse_document(&doc);
    let text = doc.text.as_str();
    let range = |what: &str, s: usize, e: usize| {
        assert!(
            s <= e && text.get(s..e).is_some(),
            "{what} span {s}..{e} is not a char-boundary range of a {}-byte text",
            text.len()
        );
    };
    for r in &parsed.reports {
        range("report", r.start, r.end);
        for s in &r.sections {
            range("section", s.start, s.end);
        }
        for f in &r.figures {
            range("figure", f.start, f.end);
            assert_eq!(
                text.get(f.start..f.end),
                Some(f.text.as_str()),
                "figure text differs from its span"
            );
            for v in [f.quantity.value, f.quantity.value_max]
                .into_iter()
                .flatten()
            {
                assert!(v.is_finite(), "figure {} read as {v}", f.text);
            }
        }
    }
}

/// `read_quantity`: the number reader on any string (bytes that are not UTF-8
/// are passed over). A value read is finite, and the quantity serialises (as
/// `zongjie figure` prints it).
pub fn read_quantity(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = zongjie::figures::read_quantity(s) {
        for v in [q.value, q.value_max].into_iter().flatten() {
            assert!(v.is_finite(), "{s:?} read as {v}");
        }
        serde_json::to_string(&q).expect("quantity serialises");
    }
}

/// The file name and report the `store_load` check writes its bytes as.
pub const STORE_FILE: &str = "a.txt";
pub const STORE_REPORT: &str = "r1";

/// `store_load`: any bytes as a store file of `store` (a writable store holding
/// no review files). Loading never panics; a damaged file is moved aside and then
/// reads as absent; a newer or unknown schema is left byte for byte; a review that loads
/// saves and loads back equal.
pub fn store_load(store: &Store, data: &[u8]) {
    let path = store.path_for(STORE_FILE, STORE_REPORT);
    std::fs::write(&path, data).expect("write store file");
    let (listed, _errors) = store.list();
    // `list` moved a damaged file aside already; write it again for `load`.
    std::fs::write(&path, data).expect("write store file");
    match store.load(STORE_FILE, STORE_REPORT) {
        Ok(Some(review)) => {
            assert_eq!(listed.len(), 1, "load accepts what list refused");
            store.save(&review).expect("a loaded review saves");
            let again = store
                .load(&review.file, &review.report)
                .expect("a saved review loads")
                .expect("a saved review is there");
            let mut want = review;
            want.schema = again.schema.clone();
            assert_eq!(again, want, "save/load changed the review");
        }
        Ok(None) => panic!("a file that exists loaded as absent"),
        Err(StoreError::Corrupt { moved_to, .. }) => {
            assert!(moved_to.is_some(), "the writer moves a damaged file aside");
            assert!(!path.exists(), "damaged file still in place");
            assert!(
                matches!(store.load(STORE_FILE, STORE_REPORT), Ok(None)),
                "after moving aside, the review reads as absent"
            );
        }
        Err(StoreError::FutureSchema(..) | StoreError::UnknownSchema(..)) => {
            assert_eq!(
                std::fs::read(&path).expect("future file kept"),
                data,
                "a file of a schema this build does not know is never rewritten"
            );
        }
        Err(e) => panic!("unexpected store error: {e}"),
    }
}

/// `export_records`: any bytes as export records (see [`records_from_bytes`]),
/// through the CSV writer (cells neutralised, and raw), the JSONL and the JSON
/// writers. Each output reads back, CSV by the `csv` crate and JSON by
/// serde_json, to what the record holds (its own JSON value is the reference);
/// no neutralised text cell is one a spreadsheet runs; no JSON output holds a
/// raw terminal control.
pub fn export_records(data: &[u8]) {
    use zongjie::export::{csv as zcsv, json};
    let records = records_from_bytes(data);
    let want: Vec<serde_json::Value> = records
        .iter()
        .map(|r| serde_json::to_value(r).expect("a record serialises"))
        .collect();
    for raw_cells in [false, true] {
        let mut out = Vec::new();
        let options = zcsv::CsvOptions {
            bom: raw_cells,
            raw_cells,
        };
        zcsv::write_csv(&mut out, &records, options).expect("CSV to memory");
        check_csv(&out, &want, options);
    }
    let mut out = Vec::new();
    json::write_jsonl(&mut out, &records).expect("JSONL to memory");
    let text = String::from_utf8(out).expect("JSONL is UTF-8");
    assert_terminal_safe(&text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), records.len(), "one JSON line a record");
    for (line, w) in lines.iter().zip(&want) {
        let got: serde_json::Value = serde_json::from_str(line).expect("a JSONL line parses");
        assert_same_json(&got, w);
    }
    let mut out = Vec::new();
    json::write_json(&mut out, &records).expect("JSON to memory");
    let text = String::from_utf8(out).expect("JSON is UTF-8");
    assert_terminal_safe(&text);
    let got: serde_json::Value = serde_json::from_str(&text).expect("the JSON parses");
    assert_same_json(&got, &serde_json::Value::Array(want));
}

/// Records made of `data`: records split at `0xFE`, fields at `0xFF`; each field
/// takes the next piece (round again when they run out), text as lossy UTF-8,
/// a number from the piece's text or its first 8 bytes (non-finite numbers, which
/// no record holds, read as none).
pub fn records_from_bytes(data: &[u8]) -> Vec<zongjie::export::records::Record> {
    data.split(|&b| b == 0xFE)
        .take(64)
        .map(|chunk| {
            let pieces: Vec<&[u8]> = chunk.split(|&b| b == 0xFF).collect();
            let mut k = 0;
            let mut next = || {
                k += 1;
                pieces[(k - 1) % pieces.len()]
            };
            let text = |p: &[u8]| String::from_utf8_lossy(p).into_owned();
            let num = |p: &[u8]| -> Option<f64> {
                let v = match std::str::from_utf8(p)
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok())
                {
                    Some(v) => v,
                    None if p.len() >= 8 => f64::from_le_bytes(p[..8].try_into().ok()?),
                    None => return None,
                };
                v.is_finite().then_some(v)
            };
            let int = |p: &[u8]| {
                p.iter()
                    .fold(0usize, |a, &b| a.wrapping_mul(31).wrapping_add(b as usize))
            };
            let opt = |p: &[u8]| (!p.is_empty()).then(|| text(p));
            let list = |p: &[u8]| text(p).split(';').map(str::to_string).collect::<Vec<_>>();
            use zongjie::export::records::{Origin, RecordStatus, ReportState};
            use zongjie::model::OrgLevel;
            let pick = |p: &[u8], n: usize| int(p) % n;
            let status = [
                RecordStatus::Unreviewed,
                RecordStatus::Accepted,
                RecordStatus::Rejected,
                RecordStatus::Corrected,
                RecordStatus::Added,
            ];
            let origin = [Origin::Extracted, Origin::Corrected, Origin::Added];
            let report_status = [
                ReportState::Unreviewed,
                ReportState::InProgress,
                ReportState::Done,
                ReportState::NotAReport,
            ];
            let level = |p: &[u8]| {
                [
                    None,
                    Some(OrgLevel::County),
                    Some(OrgLevel::Village),
                    Some(OrgLevel::Province),
                ][int(p) % 4]
            };
            zongjie::export::records::Record {
                file: text(next()),
                report: text(next()),
                title: text(next()),
                org: opt(next()),
                org_level: level(next()),
                place: opt(next()),
                year: num(next()).map(|v| v as i32),
                section: text(next()),
                figure: text(next()),
                text: text(next()),
                value: num(next()),
                value_max: num(next()),
                unit: text(next()),
                kind: text(next()),
                approx: opt(next()),
                subject: opt(next()),
                status: status[pick(next(), 5)],
                origin: origin[pick(next(), 3)],
                extracted_text: opt(next()),
                extracted_value: num(next()),
                extracted_value_max: num(next()),
                extracted_unit: opt(next()),
                extracted_kind: opt(next()),
                extracted_approx: opt(next()),
                extracted_subject: opt(next()),
                extracted_title: text(next()),
                extracted_org: opt(next()),
                extracted_org_level: level(next()),
                extracted_place: opt(next()),
                extracted_year: num(next()).map(|v| v as i32),
                extracted_section: text(next()),
                tags: list(next()),
                note: opt(next()),
                reviewer: opt(next()),
                reviewed_at: opt(next()),
                report_status: report_status[pick(next(), 4)],
                report_note: opt(next()),
                report_warnings: list(next()),
                encoding: text(next()),
                byte_start: int(next()),
                byte_end: int(next()),
                char_start: int(next()),
                char_end: int(next()),
                context: text(next()),
                flags: list(next()),
                checks: list(next()),
                reviewers: Default::default(),
            }
        })
        .collect()
}

/// The CSV read back by the `csv` crate: a header of the columns, then each
/// record's cells; a JSON string (or list, joined with `;`) is a text cell,
/// neutralised unless raw; a JSON number is a number cell, never neutralised.
fn check_csv(out: &[u8], want: &[serde_json::Value], options: zongjie::export::csv::CsvOptions) {
    use zongjie::export::csv::{COLUMNS, is_formula_like};
    let body = match out.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) if options.bom => rest,
        _ => {
            assert!(!options.bom, "the byte order mark comes first");
            out
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("the CSV reads back"))
        .collect();
    assert_eq!(rows.len(), want.len() + 1, "a header and a row a record");
    assert_eq!(rows[0].iter().collect::<Vec<_>>(), COLUMNS, "the header");
    for (row, w) in rows[1..].iter().zip(want) {
        assert_eq!(row.len(), COLUMNS.len(), "every row has every column");
        for (cell, col) in row.iter().zip(COLUMNS) {
            let text = |s: &str| {
                if !options.raw_cells && is_formula_like(s) {
                    format!("'{s}")
                } else {
                    s.to_string()
                }
            };
            match &w[*col] {
                serde_json::Value::Null => assert_eq!(cell, "", "{col}"),
                serde_json::Value::String(s) => assert_eq!(cell, text(s), "{col}"),
                serde_json::Value::Array(items) => {
                    let joined: Vec<&str> =
                        items.iter().map(|i| i.as_str().unwrap_or("")).collect();
                    assert_eq!(cell, text(&joined.join(";")), "{col}");
                }
                serde_json::Value::Number(n) => {
                    let got: f64 = cell
                        .parse()
                        .unwrap_or_else(|_| panic!("{col}: {cell:?} is no number"));
                    assert_eq!(Some(got), n.as_f64(), "{col}");
                }
                other => panic!("{col}: a record holds no {other}"),
            }
            let is_text = matches!(
                &w[*col],
                serde_json::Value::String(_) | serde_json::Value::Array(_)
            );
            if is_text && !options.raw_cells {
                assert!(
                    !is_formula_like(cell),
                    "{col}: {cell:?} would run as a formula"
                );
            }
        }
    }
}

/// JSON values equal, numbers within two units in the last place: serde_json's
/// default number parser is not always correctly rounded (the fuzzer found
/// 1.799755599098633e-308, a subnormal, read back one ulp off).
fn assert_same_json(got: &serde_json::Value, want: &serde_json::Value) {
    use serde_json::Value;
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            let ulps = (a.to_bits() as i64).abs_diff(b.to_bits() as i64);
            assert!(
                a == b || (a.signum() == b.signum() && ulps <= 2),
                "{a:e} != {b:e}"
            );
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            a.iter().zip(b).for_each(|(x, y)| assert_same_json(x, y));
        }
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
            a.values()
                .zip(b.values())
                .for_each(|(x, y)| assert_same_json(x, y));
        }
        _ => assert_eq!(got, want),
    }
}

fn assert_terminal_safe(json: &str) {
    let raw: Vec<char> = json
        .chars()
        .filter(|&c| c != '\n' && zongjie::text::is_terminal_unsafe(c))
        .collect();
    assert!(raw.is_empty(), "raw terminal controls in JSON: {raw:?}");
}
