//! `export --format xlsx` read back by an independent reader (calamine): sheet
//! names, the header, cell types, and every figure row equal, field by field,
//! to the CSV export of the same corpus and store.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

use common::cli::{BIN, output_ok, stderr};
use common::review::decision;
use zongjie::load::{Input, load};
use zongjie::model::{FigureKind, Quantity};
use zongjie::pipeline::parse_document;
use zongjie::review::{DecisionStatus, ReportReview, ReportStatus, Store, file_key};

/// Text a spreadsheet would run as a formula if it were one.
const FORMULA_NOTE: &str = "=HYPERLINK(\"http://example.com\",\"点击\")";
const FORMULA_TAG: &str = "+cmd|' /C calc'!A0";

/// The seed pages, one of them under a name a spreadsheet would take for a
/// formula, with decisions on every report: the first figures accepted,
/// corrected, rejected; a figure added; hostile notes and tags.
fn reviewed_corpus() -> (tempfile::TempDir, PathBuf) {
    let (d, corpus, files) = common::corpus::seed_corpus();
    assert!(files.len() >= 4, "seed pages missing");
    std::fs::rename(&files[0], corpus.join("=SUM(1,2).txt")).unwrap();
    let paths = vec![corpus.clone()];
    let store = Store::open(&zongjie::review::default_store_dir(&paths)).unwrap();
    let (inputs, _) = zongjie::load::collect_inputs(&paths);
    for input in &inputs {
        let Input::File(f) = input else { continue };
        let doc = load(input).unwrap();
        let key = file_key(&paths, f);
        for (i, report) in parse_document(&doc).reports.iter().enumerate() {
            let mut rv = ReportReview::new(&key, &report.id, &report.title);
            rv.status = [ReportStatus::Done, ReportStatus::InProgress][i % 2];
            rv.note = Some("@SUM(A1) 报告备注".into());
            decide(&doc.text, report, &mut rv);
            store.save(&rv).unwrap();
        }
    }
    (d, corpus)
}

fn decide(text: &str, report: &zongjie::model::Report, rv: &mut ReportReview) {
    let statuses = [
        DecisionStatus::Accepted,
        DecisionStatus::Corrected,
        DecisionStatus::Rejected,
    ];
    for (f, status) in report.figures.iter().zip(statuses) {
        let mut d = decision(text, (f.start, f.end), status, "tester");
        if status == DecisionStatus::Corrected {
            d.corrected = Some(Quantity {
                value: Some(12.5),
                unit: "人".into(),
                ..Default::default()
            });
            d.note = Some(FORMULA_NOTE.into());
            d.tags = vec![FORMULA_TAG.into(), "-1".into()];
        }
        rv.figures.push(d);
    }
    // An added figure: the report's last figure's text again, as a count.
    if let Some(f) = report.figures.last() {
        let mut d = decision(text, (f.start, f.end), DecisionStatus::Added, "tester");
        d.corrected = Some(Quantity {
            value: Some(3.0),
            unit: "个".into(),
            kind: FigureKind::Count,
            ..Default::default()
        });
        rv.figures.push(d);
    }
}

fn export(corpus: &Path, args: &[&str]) -> std::process::Output {
    output_ok(
        Command::new(BIN)
            .arg("export")
            .arg(corpus)
            .args(args)
            .current_dir(corpus.parent().unwrap()),
    )
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Excel's serial number of an RFC 3339 time: days since 1899-12-30.
fn serial(rfc3339: &str) -> f64 {
    let t: jiff::Timestamp = rfc3339.parse().unwrap();
    t.as_second() as f64 / 86_400.0 + 25_569.0
}

/// Whether a workbook cell holds what the CSV field says, as its column types it.
fn same(cell: &Data, field: &str, column: &str) -> bool {
    match cell {
        Data::Empty => field.is_empty(),
        Data::String(s) => s == field,
        Data::Float(x) => field.parse::<f64>().is_ok_and(|v| v == *x),
        Data::Int(x) => field.parse::<i64>().is_ok_and(|v| v == *x),
        Data::DateTime(dt) => column == "reviewed_at" && (dt.as_f64() - serial(field)).abs() < 1e-6,
        _ => false,
    }
}

/// Columns whose cells are numbers, dates and times.
const NUMBERS: &[&str] = &[
    "year",
    "value",
    "value_max",
    "extracted_value",
    "extracted_value_max",
    "extracted_year",
    "byte_start",
    "byte_end",
    "char_start",
    "char_end",
];

#[test]
fn the_workbook_reads_back_as_the_csv() {
    let (d, corpus) = reviewed_corpus();
    let book = d.path().join("figures.xlsx");
    let csv = d.path().join("figures.csv");
    let out = export(
        &corpus,
        &["--format", "xlsx", "--out", book.to_str().unwrap()],
    );
    assert!(
        stderr(&out).contains("record(s) written"),
        "{}",
        stderr(&out)
    );
    // Raw cells: the workbook has no `'` to add (its text cells are never formulas).
    export(
        &corpus,
        &[
            "--format",
            "csv",
            "--raw-cells",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    let rows = read_csv(&csv);
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["Figures", "Reports", "About"]);
    let figures = wb.worksheet_range("Figures").unwrap();
    let cells: Vec<&[Data]> = figures.rows().collect();
    assert_eq!(cells.len(), rows.len(), "a row per figure, and the header");
    let header = header(&figures);
    assert_eq!(header, rows[0]);
    let mut typed = 0;
    for (i, (got, want)) in cells.iter().zip(&rows).enumerate().skip(1) {
        assert_eq!(got.len(), want.len(), "row {i}");
        for ((cell, field), column) in got.iter().zip(want).zip(&rows[0]) {
            assert!(
                same(cell, field, column),
                "row {i} {column}: {cell:?} in the workbook, {field:?} in the CSV"
            );
            let number = matches!(cell, Data::Float(_) | Data::Int(_));
            assert!(!number || NUMBERS.contains(&column.as_str()), "{column}");
            assert!(
                !NUMBERS.contains(&column.as_str()) || number || field.is_empty(),
                "{column}: {cell:?} is not a number"
            );
            typed += usize::from(matches!(cell, Data::DateTime(_)));
        }
    }
    assert!(typed > 0, "reviewed_at is a date and time");
    check_reports(&mut wb, &rows);
    check_about(&mut wb, &corpus);
}

/// A sheet's first row, as text.
fn header(sheet: &calamine::Range<Data>) -> Vec<String> {
    let first = sheet.rows().next().unwrap_or_default();
    first.iter().map(|c| c.to_string()).collect()
}

/// One Reports row per report, its figure counts adding up to the Figures rows.
fn check_reports(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, rows: &[Vec<String>]) {
    let reports = wb.worksheet_range("Reports").unwrap();
    let head = header(&reports);
    assert_eq!(head, zongjie::export::xlsx::REPORT_COLUMNS);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let body: Vec<&[Data]> = reports.rows().skip(1).collect();
    let csv_col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let mut keys: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[csv_col("file")].as_str(), r[csv_col("report")].as_str()))
        .collect();
    keys.dedup();
    assert!(
        body.len() >= keys.len(),
        "every report with figures has a row"
    );
    let count = |r: &[Data], c: &str| match r[col(c)] {
        Data::Float(x) => x as usize,
        ref other => panic!("{c}: {other:?} is not a number"),
    };
    let figures: usize = body.iter().map(|r| count(r, "figures")).sum();
    let exported: usize = body.iter().map(|r| count(r, "exported")).sum();
    assert_eq!((figures, exported), (rows.len() - 1, rows.len() - 1));
    for r in &body {
        let decided = ["accepted", "corrected", "rejected", "added", "unreviewed"];
        let sum: usize = decided.iter().map(|c| count(r, c)).sum();
        assert_eq!(sum, count(r, "figures"));
        assert_eq!(
            r[col("report_note")],
            Data::String("@SUM(A1) 报告备注".into())
        );
    }
}

fn check_about(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, corpus: &Path) {
    let about = wb.worksheet_range("About").unwrap();
    let pairs: Vec<(String, Data)> = about
        .rows()
        .map(|r| (r[0].to_string(), r[1].clone()))
        .collect();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(
        get("zongjie"),
        Some(Data::String(env!("CARGO_PKG_VERSION").into()))
    );
    assert_eq!(
        get("source"),
        Some(Data::String(corpus.display().to_string()))
    );
    assert_eq!(
        get("figures kept (--status)"),
        Some(Data::String("all".into()))
    );
    assert!(matches!(get("written at (UTC)"), Some(Data::DateTime(_))));
}

/// Cells that begin with `=`, `+`, `-` or `@` are string cells with Excel's
/// quote prefix (editing one keeps it text); flagged figures' rows are filled.
#[test]
fn text_is_never_a_formula_and_flagged_rows_are_marked() {
    let (d, corpus) = reviewed_corpus();
    let book = d.path().join("figures.xlsx");
    export(
        &corpus,
        &["--format", "xlsx", "--out", book.to_str().unwrap()],
    );
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let figures = wb.worksheet_range("Figures").unwrap();
    let strings: Vec<&str> = figures
        .used_cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    for want in [FORMULA_NOTE, "=SUM(1,2).txt", "@SUM(A1) 报告备注"] {
        assert!(strings.contains(&want), "{want} is a string cell");
    }
    assert!(strings.iter().any(|s| s.starts_with(FORMULA_TAG)));
    assert_eq!(
        wb.worksheet_formula("Figures")
            .unwrap()
            .used_cells()
            .count(),
        0
    );
    let (quoted, formula_like) = quote_prefixed_cells(&book);
    assert!(formula_like > 0);
    assert_eq!(
        quoted, formula_like,
        "every formula-like cell is quote-prefixed"
    );

    let styles = wb.worksheet_style("Figures").unwrap();
    let head = header(&figures);
    let flags = head.iter().position(|h| h == "flags").unwrap();
    let mut flagged = 0;
    for (i, row) in figures.rows().enumerate().skip(1) {
        let filled = styles
            .get((u32::try_from(i).unwrap(), 0))
            .and_then(|s| s.fill.as_ref())
            .is_some_and(|f| f.foreground_color.is_some() || f.background_color.is_some());
        assert_eq!(
            filled,
            !row[flags].to_string().is_empty(),
            "row {i}: {:?}",
            row[flags]
        );
        flagged += usize::from(filled);
    }
    assert!(flagged > 0, "the seed pages have flagged figures");
}

/// (quote-prefixed, formula-like) string cells of the Figures sheet, read from
/// the package's XML: the shared strings, the sheet's cells and their styles.
fn quote_prefixed_cells(book: &Path) -> (usize, usize) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let (shared, sheet, styles) = (
        part("xl/sharedStrings.xml"),
        part("xl/worksheets/sheet1.xml"),
        part("xl/styles.xml"),
    );
    let strings: Vec<String> = shared
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = si.split_once('>').map_or("", |x| x.1);
            unescape(t.split("</t>").next().unwrap_or(""))
        })
        .collect();
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap();
    let quoted_xf: Vec<bool> = xfs
        .split("<xf ")
        .skip(1)
        .map(|x| x.contains("quotePrefix=\"1\""))
        .collect();
    let (mut quoted, mut formula_like) = (0, 0);
    for c in sheet.split("<c ").skip(1) {
        if !c.contains("t=\"s\"") {
            continue;
        }
        let attr = |name: &str| {
            c.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
        };
        let v: usize = c
            .split("<v>")
            .nth(1)
            .unwrap()
            .split("</v>")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let style: usize = attr("s").map_or(0, |s| s.parse().unwrap());
        if zongjie::export::csv::is_formula_like(&strings[v]) {
            formula_like += 1;
            quoted += usize::from(quoted_xf[style]);
        }
    }
    (quoted, formula_like)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A workbook is binary: to a terminal it is refused; `--out` into a folder
/// that does not exist writes nothing, as for the other formats.
#[test]
fn the_workbook_goes_to_a_file_whole_or_not_at_all() {
    let (d, corpus) = reviewed_corpus();
    let missing = d.path().join("no/such/folder/book.xlsx");
    let out = Command::new(BIN)
        .args(["export", "--format", "xlsx", "--out"])
        .arg(&missing)
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing written"), "{}", stderr(&out));
    assert!(!missing.parent().unwrap().exists());
    // To a pipe it is written whole: a zip that calamine opens.
    let out = export(&corpus, &["--format", "xlsx"]);
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let wb = Xlsx::new(std::io::Cursor::new(out.stdout)).unwrap();
    assert_eq!(wb.sheet_names(), ["Figures", "Reports", "About"]);
}

/// Past a sheet's rows the figures go on in "Figures 2", … under the same
/// header, none lost; text past Excel's cell limit is cut, and counted.
#[test]
fn figures_past_a_sheets_rows_go_on_in_the_next_sheet() {
    use zongjie::export::xlsx::{About, MAX_CELL_UNITS, write_with_sheet_rows};
    let (_d, corpus) = reviewed_corpus();
    let paths = vec![corpus.clone()];
    let store = Store::reader(&zongjie::review::default_store_dir(&paths));
    let (files, _) = zongjie::export::gather(&paths, &store, &mut ());
    let (mut recs, _) = zongjie::export::records::records(&files).unwrap();
    assert!(recs.len() > 5, "seed figures");
    recs[0].context = "长".repeat(MAX_CELL_UNITS + 10);
    let about = About {
        sources: vec![corpus.display().to_string()],
        store: String::new(),
        status: "all".into(),
        written_at: "2026-11-30T12:00:00Z".into(),
    };
    let book = write_with_sheet_rows(&recs, &[], &about, 4).unwrap();
    assert_eq!(book.cut_cells, 1);
    let sheets = recs.len().div_ceil(4);
    assert_eq!(book.figure_sheets.len(), sheets);
    assert_eq!(book.figure_sheets[1], "Figures 2");
    let mut wb = Xlsx::new(std::io::Cursor::new(book.bytes)).unwrap();
    let mut rows = 0;
    let mut first = None;
    for name in &book.figure_sheets {
        let sheet = wb.worksheet_range(name).unwrap();
        let head = header(&sheet);
        assert_eq!(head, zongjie::export::csv::COLUMNS, "{name}");
        rows += sheet.height() - 1;
        first.get_or_insert_with(|| sheet.rows().nth(1).unwrap().to_vec());
    }
    assert_eq!(rows, recs.len(), "every figure on some sheet");
    let context = zongjie::export::csv::COLUMNS
        .iter()
        .position(|c| *c == "context")
        .unwrap();
    let Data::String(cut) = &first.unwrap()[context] else {
        panic!("context is text")
    };
    assert_eq!(cut.encode_utf16().count(), MAX_CELL_UNITS);
}
