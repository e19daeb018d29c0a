//! CSV per RFC 4180: UTF-8, CRLF line ends, a field quoted when it holds a comma,
//! a quote, a line break or edge spaces, quotes doubled. Lists join with `;`.
//!
//! Text cells come from scraped pages and reviewers' notes, and a spreadsheet
//! runs a cell that begins with `=`, `+`, `-` or `@` as a formula (and one that
//! begins with a tab or CR after trimming). As OWASP's "CSV Injection" page
//! recommends, such a text cell gets a `'` in front and is quoted; the number
//! columns (a negative value is a number) are left as they are.
//! [`CsvOptions::raw_cells`] turns this off.

use std::io::Write;

use super::records::{Record, format_number};
use crate::review::session::report::level_name;

/// Column names, in the order of [`Record`]'s fields.
pub const COLUMNS: &[&str] = &[
    "file",
    "report",
    "title",
    "org",
    "org_level",
    "place",
    "year",
    "section",
    "figure",
    "text",
    "value",
    "value_max",
    "unit",
    "kind",
    "approx",
    "subject",
    "status",
    "origin",
    "extracted_text",
    "extracted_value",
    "extracted_value_max",
    "extracted_unit",
    "extracted_kind",
    "extracted_approx",
    "extracted_subject",
    "extracted_title",
    "extracted_org",
    "extracted_org_level",
    "extracted_place",
    "extracted_year",
    "extracted_section",
    "tags",
    "note",
    "reviewer",
    "reviewed_at",
    "report_status",
    "report_note",
    "report_warnings",
    "encoding",
    "byte_start",
    "byte_end",
    "char_start",
    "char_end",
    "context",
    "flags",
    "checks",
];

/// How to write the CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// A UTF-8 byte order mark first, for spreadsheet programs.
    pub bom: bool,
    /// Text cells as they are, even those a spreadsheet would run as formulas.
    pub raw_cells: bool,
}

/// One cell: text from a page, a store or a reviewer, or a number we formatted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(String),
}

/// Write records as CSV.
pub fn write_csv<W: Write>(
    out: &mut W,
    records: &[Record],
    options: CsvOptions,
) -> std::io::Result<()> {
    if options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut header: Vec<Cell> = COLUMNS.iter().map(|c| Cell::Text(c.to_string())).collect();
    // Per-reviewer columns, when the records carry them (all alike).
    if let Some(r) = records.first() {
        header.extend(r.reviewers.column_names().into_iter().map(Cell::Text));
    }
    write_row(out, &header, options)?;
    for r in records {
        let mut cells = fields(r);
        for c in &r.reviewers.0 {
            cells.extend(c.cells().into_iter().map(|(t, number)| match number {
                true => Cell::Number(t),
                false => Cell::Text(t),
            }));
        }
        write_row(out, &cells, options)?;
    }
    Ok(())
}

/// A record's cells, one per column of [`COLUMNS`] (the xlsx writer types them).
pub(crate) fn fields(r: &Record) -> Vec<Cell> {
    use Cell::{Number, Text};
    let opt = |o: &Option<String>| Text(o.clone().unwrap_or_default());
    let num = |v: Option<f64>| Number(v.map(format_number).unwrap_or_default());
    let int = |v: usize| Number(v.to_string());
    let year = |y: Option<i32>| Number(y.map(|y| y.to_string()).unwrap_or_default());
    let level =
        |l: Option<crate::model::OrgLevel>| Text(l.map(level_name).unwrap_or_default().to_string());
    vec![
        Text(r.file.clone()),
        Text(r.report.clone()),
        Text(r.title.clone()),
        opt(&r.org),
        level(r.org_level),
        opt(&r.place),
        year(r.year),
        Text(r.section.clone()),
        Text(r.figure.clone()),
        Text(r.text.clone()),
        num(r.value),
        num(r.value_max),
        Text(r.unit.clone()),
        Text(r.kind.clone()),
        opt(&r.approx),
        opt(&r.subject),
        Text(r.status.as_str().to_string()),
        Text(r.origin.as_str().to_string()),
        opt(&r.extracted_text),
        num(r.extracted_value),
        num(r.extracted_value_max),
        opt(&r.extracted_unit),
        opt(&r.extracted_kind),
        opt(&r.extracted_approx),
        opt(&r.extracted_subject),
        Text(r.extracted_title.clone()),
        opt(&r.extracted_org),
        level(r.extracted_org_level),
        opt(&r.extracted_place),
        year(r.extracted_year),
        Text(r.extracted_section.clone()),
        Text(r.tags.join(";")),
        opt(&r.note),
        opt(&r.reviewer),
        opt(&r.reviewed_at),
        Text(r.report_status.as_str().to_string()),
        opt(&r.report_note),
        Text(r.report_warnings.join(";")),
        Text(r.encoding.clone()),
        int(r.byte_start),
        int(r.byte_end),
        int(r.char_start),
        int(r.char_end),
        Text(r.context.clone()),
        Text(r.flags.join(";")),
        Text(r.checks.join(";")),
    ]
}

fn write_row<W: Write>(out: &mut W, cells: &[Cell], options: CsvOptions) -> std::io::Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let field = match cell {
            Cell::Text(t) if !options.raw_cells => neutralize(t),
            Cell::Text(t) | Cell::Number(t) => quote(t),
        };
        out.write_all(field.as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// Whether a spreadsheet could read a text cell as a formula: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list).
pub fn is_formula_like(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell as written: a formula-like one with `'` in front and quoted,
/// any other as [`quote`] writes it.
pub fn neutralize(field: &str) -> String {
    if is_formula_like(field) {
        format!("\"'{}\"", field.replace('"', "\"\""))
    } else {
        quote(field)
    }
}

/// One field, quoted when it must be.
pub fn quote(field: &str) -> String {
    let needs = field.contains([',', '"', '\r', '\n'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_table() {
        for (raw, want) in [
            ("plain", "plain"),
            ("16万元", "16万元"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            (" lead", "\" lead\""),
            ("", ""),
        ] {
            assert_eq!(quote(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn formula_like_text_cells_are_neutralized() {
        for (raw, want) in [
            (
                "=HYPERLINK(\"http://x\",\"点击\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"",
            ),
            ("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("a=1", "a=1"),
            ("1800多名", "1800多名"),
            ("’=1", "’=1"),
            ("", ""),
        ] {
            assert_eq!(neutralize(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn columns_match_record_fields() {
        use super::super::records::{Origin, RecordStatus, ReportState};
        let r = super::super::records::Record {
            file: "f".into(),
            report: "r".into(),
            title: "t".into(),
            org: None,
            org_level: Some(crate::model::OrgLevel::County),
            place: None,
            year: Some(2013),
            section: "一".into(),
            figure: "f1".into(),
            text: "12个".into(),
            value: Some(12.0),
            value_max: None,
            unit: "个".into(),
            kind: "count".into(),
            approx: None,
            subject: None,
            status: RecordStatus::Unreviewed,
            origin: Origin::Extracted,
            extracted_text: None,
            extracted_value: None,
            extracted_value_max: None,
            extracted_unit: None,
            extracted_kind: None,
            extracted_approx: None,
            extracted_subject: None,
            extracted_title: "t".into(),
            extracted_org: None,
            extracted_org_level: None,
            extracted_place: None,
            extracted_year: Some(2013),
            extracted_section: "一".into(),
            tags: vec!["a".into(), "b".into()],
            note: None,
            reviewer: None,
            reviewed_at: None,
            report_status: ReportState::InProgress,
            report_note: None,
            report_warnings: vec![],
            encoding: "UTF-8".into(),
            byte_start: 0,
            byte_end: 5,
            char_start: 0,
            char_end: 3,
            context: "c".into(),
            flags: vec![],
            checks: vec![],
            reviewers: Default::default(),
        };
        assert_eq!(fields(&r).len(), COLUMNS.len());
        let v = serde_json::to_value(&r).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        let mut cols: Vec<&str> = COLUMNS.to_vec();
        cols.sort();
        let mut ks: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
        ks.sort();
        assert_eq!(ks, cols);
        let mut out = Vec::new();
        let options = CsvOptions {
            bom: true,
            raw_cells: false,
        };
        write_csv(&mut out, &[r], options).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("\u{feff}file,report,"));
        assert!(s.contains(",12,,个,count,"), "{s}");
        assert!(s.contains(",t,,county,,2013,一,f1,"), "{s}");
        assert!(
            s.ends_with(",a;b,,,,in-progress,,,UTF-8,0,5,0,3,c,,\r\n"),
            "{s}"
        );
    }
}
