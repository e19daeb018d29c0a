//! One flat record per figure: extracted (reviewed or not), corrected, added,
//! with its report's fields as the reviewer corrected them, the parser's values
//! beside every corrected one (`extracted_*`), and the section path of the
//! corrected outline.

use std::collections::HashMap;

use crate::model::{OrgLevel, Quantity, Section};
use crate::review::session::{FigRow, FileText, ReportSession, ReviewedFile, Target};
use crate::review::{DecisionStatus, FigureDecision};

pub use super::record::{
    OffsetError, Origin, Orphan, Record, RecordStatus, ReportState, StatusFilter, format_number,
};

/// Characters of context on each side of a figure in a record's `context`.
pub const SNIPPET_CHARS: usize = 15;

/// The orphaned decisions of one report.
pub fn orphans_of(key: &str, s: &ReportSession) -> Vec<Orphan> {
    s.attach
        .orphaned
        .iter()
        .filter_map(|&i| {
            let d = s.review.figures.get(i)?;
            Some(Orphan {
                file: key.to_string(),
                report: s.report.id.clone(),
                text: d.anchor.text.clone(),
                status: d.status.map(|s| s.as_str().to_string()),
                at: d.at.clone(),
            })
        })
        .collect()
}

/// The records of every file, in file and text order, with the orphaned decisions
/// left out of them; any offset that does not hold is an error.
pub fn records(files: &[ReviewedFile]) -> Result<(Vec<Record>, Vec<Orphan>), Vec<OffsetError>> {
    let mut out = Vec::new();
    let mut orphans = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        let (recs, errs) = file_records(f);
        out.extend(recs);
        errors.extend(errs);
        for s in &f.sessions {
            orphans.extend(orphans_of(&f.file.key, s));
        }
    }
    if errors.is_empty() {
        Ok((out, orphans))
    } else {
        Err(errors)
    }
}

/// The records of one file, its reports in order; character offsets counted in
/// one pass over the file.
pub fn file_records(f: &ReviewedFile) -> (Vec<Record>, Vec<OffsetError>) {
    let mut chars = CharCursor::default();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for s in &f.sessions {
        let (recs, errs) = report_records(&f.file, s, &mut chars);
        out.extend(recs);
        errors.extend(errs);
    }
    (out, errors)
}

/// Counts characters up to a byte offset, moving forward from the last one asked.
#[derive(Debug, Default)]
pub struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    /// Unicode scalar index of byte `at` (a boundary) of `text`.
    pub fn at(&mut self, text: &str, at: usize) -> usize {
        if at < self.byte {
            *self = CharCursor::default();
        }
        self.chars += text.get(self.byte..at).map_or(0, |s| s.chars().count());
        self.byte = at;
        self.chars
    }
}

/// The records of one report (extracted figures, with their decisions, and
/// added ones). Every record is checked against the file's text; those that
/// fail come back as errors.
pub fn report_records(
    file: &FileText,
    s: &ReportSession,
    chars: &mut CharCursor,
) -> (Vec<Record>, Vec<OffsetError>) {
    let text: &str = &file.text;
    let report = &s.report;
    let parsed: HashMap<&str, &Section> =
        report.sections.iter().map(|x| (x.id.as_str(), x)).collect();
    let corrected = s.sections();
    let by_id: HashMap<&str, &Section> = corrected.iter().map(|x| (x.id.as_str(), x)).collect();
    let base = ReportBase::of(file, s);
    let mut recs = Vec::new();
    let mut errors = Vec::new();
    let mut current: HashMap<&str, (&str, &Quantity)> = HashMap::new();
    let fail = |surface: &str, span: (usize, usize)| OffsetError {
        file: file.key.clone(),
        report: report.id.clone(),
        text: surface.to_string(),
        byte_start: span.0,
        byte_end: span.1,
        found: text.get(span.0..span.1).map(str::to_string),
    };
    for row in s.all_rows() {
        if let Some(fig) = row.figure
            && text.get(fig.start..fig.end) != Some(fig.text.as_str())
        {
            // The extracted figure itself must sit where it says.
            errors.push(fail(&fig.text, (fig.start, fig.end)));
            continue;
        }
        let Some(surface) = text.get(row.start..row.end) else {
            let t = row.decision.map_or("", |d| d.anchor.text.as_str());
            errors.push(fail(t, (row.start, row.end)));
            continue;
        };
        if let Some(fig) = row.figure {
            current.insert(fig.id.as_str(), (surface, row.quantity));
        }
        if matches!(row.target, Target::Added(_)) && row.status().is_none() {
            continue;
        }
        let extracted_section = row
            .figure
            .map(|f| section_path(f.section.as_deref(), &parsed))
            .unwrap_or_default();
        recs.push(record(&base, &row, surface, extracted_section));
    }
    add_checks(&mut recs, &report.relations, &current);
    // Sections of the corrected outline, as the parser assigns them.
    let lookup = crate::pipeline::SectionLookup::new(&corrected);
    for r in recs.iter_mut() {
        let sec = lookup.innermost(r.byte_start).map(|s| s.id.as_str());
        r.section = section_path(sec, &by_id);
        r.char_start = chars.at(text, r.byte_start);
        r.char_end = r.char_start + r.text.chars().count();
        r.context = snippet(text, r.byte_start, r.byte_end);
        if let Err(e) = check(text, r) {
            errors.push(e);
        }
    }
    (recs, errors)
}

/// Each record's relations, rechecked with the values the review gave its figures.
fn add_checks(
    recs: &mut [Record],
    relations: &[crate::relations::Relation],
    current: &HashMap<&str, (&str, &Quantity)>,
) {
    for rel in relations {
        let Some((_, arithmetic)) = crate::relations::recheck(rel, |id| current.get(id).copied())
        else {
            continue;
        };
        let label = format!("{}: {arithmetic}", rel.kind.as_str());
        for r in recs.iter_mut().filter(|r| rel.involves(&r.figure)) {
            r.checks.push(label.clone());
        }
    }
}

/// What every record of a report carries.
struct ReportBase {
    file: String,
    report: String,
    title: String,
    org: Option<String>,
    org_level: Option<OrgLevel>,
    place: Option<String>,
    year: Option<i32>,
    extracted_title: String,
    extracted_org: Option<String>,
    extracted_org_level: Option<OrgLevel>,
    extracted_place: Option<String>,
    extracted_year: Option<i32>,
    report_status: ReportState,
    report_note: Option<String>,
    report_warnings: Vec<String>,
    encoding: String,
}

impl ReportBase {
    fn of(file: &FileText, s: &ReportSession) -> ReportBase {
        let r = &s.report;
        let mut warnings: Vec<String> = r.warnings.iter().map(|w| w.code.to_string()).collect();
        warnings.sort();
        warnings.dedup();
        ReportBase {
            file: file.key.clone(),
            report: r.id.clone(),
            title: s.title().to_string(),
            org: s.org().map(str::to_string),
            org_level: s.org_level(),
            place: s.place().map(str::to_string),
            year: s.year(),
            extracted_title: r.title.clone(),
            extracted_org: r.org.clone(),
            extracted_org_level: r.org_level,
            extracted_place: r.place.clone(),
            extracted_year: r.year,
            report_status: ReportState::of_session(s),
            report_note: s.review.note.clone(),
            report_warnings: warnings,
            encoding: file.encoding.clone(),
        }
    }
}

/// One row as a record (sections, character offsets and context are filled
/// in afterwards, for the report at once).
fn record(b: &ReportBase, row: &FigRow, surface: &str, extracted_section: String) -> Record {
    let fig = row.figure;
    let q = row.quantity;
    let mut r = Record {
        file: b.file.clone(),
        report: b.report.clone(),
        title: b.title.clone(),
        org: b.org.clone(),
        org_level: b.org_level,
        place: b.place.clone(),
        year: b.year,
        section: String::new(),
        figure: fig.map(|f| f.id.clone()).unwrap_or_default(),
        text: surface.to_string(),
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        kind: q.kind.as_str().to_string(),
        approx: q.approx.map(|a| a.as_str().to_string()),
        subject: row.subject.map(str::to_string),
        status: RecordStatus::Unreviewed,
        origin: if fig.is_some() {
            Origin::Extracted
        } else {
            Origin::Added
        },
        extracted_text: fig.map(|f| f.text.clone()),
        extracted_value: fig.and_then(|f| f.quantity.value),
        extracted_value_max: fig.and_then(|f| f.quantity.value_max),
        extracted_unit: fig.map(|f| f.quantity.unit.clone()),
        extracted_kind: fig.map(|f| f.quantity.kind.as_str().to_string()),
        extracted_approx: fig.and_then(|f| f.quantity.approx.map(|a| a.as_str().to_string())),
        extracted_subject: fig.and_then(|f| f.subject.clone()),
        extracted_title: b.extracted_title.clone(),
        extracted_org: b.extracted_org.clone(),
        extracted_org_level: b.extracted_org_level,
        extracted_place: b.extracted_place.clone(),
        extracted_year: b.extracted_year,
        extracted_section,
        tags: Vec::new(),
        note: None,
        reviewer: None,
        reviewed_at: None,
        report_status: b.report_status,
        report_note: b.report_note.clone(),
        report_warnings: b.report_warnings.clone(),
        encoding: b.encoding.clone(),
        byte_start: row.start,
        byte_end: row.end,
        char_start: 0,
        char_end: 0,
        context: String::new(),
        flags: fig
            .map(|f| f.flags.iter().map(|x| x.as_str().to_string()).collect())
            .unwrap_or_default(),
        checks: Vec::new(),
        reviewers: Default::default(),
    };
    if let Some(d) = row.decision {
        apply_decision(&mut r, d, fig.map(|f| &f.quantity));
    }
    r
}

fn apply_decision(r: &mut Record, d: &FigureDecision, extracted: Option<&Quantity>) {
    if let Some(s) = d.status {
        r.status = RecordStatus::of(s);
        match s {
            DecisionStatus::Corrected => r.origin = Origin::Corrected,
            DecisionStatus::Added => r.origin = Origin::Added,
            _ => {}
        }
    }
    if d.corrected.is_some() && r.origin == Origin::Extracted && d.corrected.as_ref() != extracted {
        r.origin = Origin::Corrected;
    }
    r.tags = d.tags.clone();
    r.note = d.note.clone();
    r.reviewer = (!d.reviewer.is_empty()).then(|| d.reviewer.clone());
    r.reviewed_at = (!d.at.is_empty()).then(|| d.at.clone());
}

/// Offsets hold: the bytes give back `text`, and the character span is as long
/// as `text` (the start is counted from the bytes, in one pass per file).
pub fn check(text: &str, r: &Record) -> Result<(), OffsetError> {
    let by_bytes = text.get(r.byte_start..r.byte_end);
    let chars = r.char_end.saturating_sub(r.char_start);
    if by_bytes == Some(r.text.as_str()) && chars == r.text.chars().count() && !r.text.is_empty() {
        Ok(())
    } else {
        Err(OffsetError {
            file: r.file.clone(),
            report: r.report.clone(),
            text: r.text.clone(),
            byte_start: r.byte_start,
            byte_end: r.byte_end,
            found: by_bytes.map(str::to_string),
        })
    }
}

/// Unicode scalar index of a byte offset (which must be a boundary).
#[cfg(test)]
fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |p| p.chars().count())
}

/// The figure with a few characters either side, whitespace runs as one space.
fn snippet(text: &str, start: usize, end: usize) -> String {
    let before: Vec<char> = text
        .get(..start)
        .unwrap_or_default()
        .chars()
        .rev()
        .take(SNIPPET_CHARS)
        .collect();
    let mut raw: String = before.into_iter().rev().collect();
    raw.push_str(text.get(start..end).unwrap_or_default());
    raw.extend(
        text.get(end..)
            .unwrap_or_default()
            .chars()
            .take(SNIPPET_CHARS),
    );
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `一/(二)/3`: the markers from the outermost section down, each without its
/// trailing punctuation; an unnumbered heading stands as its title's opening.
pub fn section_path(id: Option<&str>, sections: &HashMap<&str, &Section>) -> String {
    let mut parts = Vec::new();
    let mut cur = id.and_then(|i| sections.get(i).copied());
    while let Some(s) = cur {
        parts.push(marker_label(s));
        if parts.len() > 32 {
            break; // a parent loop in bad data
        }
        cur = s.parent.as_deref().and_then(|p| sections.get(p).copied());
    }
    parts.reverse();
    parts.join("/")
}

fn marker_label(s: &Section) -> String {
    let m: String = s
        .marker
        .trim()
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '/' => '_',
            c => c,
        })
        .collect();
    let m = m.trim_end_matches(['、', '.', '．', ',', '，', ':', '：', ' ']);
    if m.is_empty() {
        s.title.trim().chars().take(12).collect()
    } else {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(id: &str, marker: &str, title: &str, parent: Option<&str>) -> Section {
        Section {
            id: id.into(),
            marker: marker.into(),
            title: title.into(),
            parent: parent.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn section_paths_from_markers() {
        let secs = [
            sec("s1", "一、", "加强宣传", None),
            sec("s2", "（二）", "培训", Some("s1")),
            sec("s3", "3.", "成效", Some("s2")),
            sec("s4", "", "实施“妇女儿童民生工程”，增进妇女儿童福祉", None),
            sec("s5", "一是", "抓学习", Some("s4")),
            sec("s6", "(1)", "x", Some("s9")), // parent missing: path stops there
        ];
        let map: HashMap<&str, &Section> = secs.iter().map(|s| (s.id.as_str(), s)).collect();
        for (id, want) in [
            (Some("s1"), "一"),
            (Some("s2"), "一/(二)"),
            (Some("s3"), "一/(二)/3"),
            (Some("s5"), "实施“妇女儿童民生工程”/一是"),
            (Some("s6"), "(1)"),
            (Some("nope"), ""),
            (None, ""),
        ] {
            assert_eq!(section_path(id, &map), want, "{id:?}");
        }
    }

    #[test]
    fn snippet_and_char_offsets() {
        let t = "第一行\r\n培训妇女 1800多名，\n发放贷款。";
        let s = t.find("1800").unwrap();
        let e = s + "1800多名".len();
        assert_eq!(char_offset(t, s), 10);
        assert_eq!(snippet(t, s, e), "第一行 培训妇女 1800多名， 发放贷款。");
    }

    #[test]
    fn numbers_print_plainly() {
        for (v, want) in [
            (160000.0, "160000"),
            (62.1, "62.1"),
            (0.5, "0.5"),
            (-3.0, "-3"),
        ] {
            assert_eq!(format_number(v), want);
        }
    }
}
