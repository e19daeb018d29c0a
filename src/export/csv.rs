//! CSV per RFC 4180: UTF-8, CRLF line ends, a field quoted when it holds a comma,
//! a quote, a line break or edge spaces, quotes doubled. Lists join with `;`.

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
];

/// Write records as CSV, with a UTF-8 byte order mark first when `bom` (for spreadsheet programs).
pub fn write_csv<W: Write>(out: &mut W, records: &[Record], bom: bool) -> std::io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    write_row(out, COLUMNS.iter().map(|c| c.to_string()))?;
    for r in records {
        write_row(out, fields(r).into_iter())?;
    }
    Ok(())
}

fn fields(r: &Record) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    let level =
        |l: Option<crate::model::OrgLevel>| l.map(level_name).unwrap_or_default().to_string();
    vec![
        r.file.clone(),
        r.report.clone(),
        r.title.clone(),
        opt(&r.org),
        level(r.org_level),
        opt(&r.place),
        year(r.year),
        r.section.clone(),
        r.figure.clone(),
        r.text.clone(),
        num(r.value),
        num(r.value_max),
        r.unit.clone(),
        r.kind.clone(),
        opt(&r.approx),
        opt(&r.subject),
        r.status.as_str().to_string(),
        r.origin.as_str().to_string(),
        opt(&r.extracted_text),
        num(r.extracted_value),
        num(r.extracted_value_max),
        opt(&r.extracted_unit),
        opt(&r.extracted_kind),
        opt(&r.extracted_approx),
        opt(&r.extracted_subject),
        r.extracted_title.clone(),
        opt(&r.extracted_org),
        level(r.extracted_org_level),
        opt(&r.extracted_place),
        year(r.extracted_year),
        r.extracted_section.clone(),
        r.tags.join(";"),
        opt(&r.note),
        opt(&r.reviewer),
        opt(&r.reviewed_at),
        r.report_status.as_str().to_string(),
        opt(&r.report_note),
        r.report_warnings.join(";"),
        r.encoding.clone(),
        r.byte_start.to_string(),
        r.byte_end.to_string(),
        r.char_start.to_string(),
        r.char_end.to_string(),
        r.context.clone(),
        r.flags.join(";"),
    ]
}

fn write_row<W: Write>(out: &mut W, fields: impl Iterator<Item = String>) -> std::io::Result<()> {
    let mut first = true;
    for f in fields {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(quote(&f).as_bytes())?;
    }
    out.write_all(b"\r\n")
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
        write_csv(&mut out, &[r], true).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("\u{feff}file,report,"));
        assert!(s.contains(",12,,个,count,"), "{s}");
        assert!(s.contains(",t,,county,,2013,一,f1,"), "{s}");
        assert!(
            s.ends_with(",a;b,,,,in-progress,,,UTF-8,0,5,0,3,c,\r\n"),
            "{s}"
        );
    }
}
