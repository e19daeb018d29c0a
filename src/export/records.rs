//! One flat record per figure: extracted (reviewed or not), corrected, added.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::model::{Quantity, Report, Section};
use crate::review::{Attachment, DecisionStatus, FigureDecision, ReportReview};

use super::ReviewedFile;

/// Characters of context on each side of a figure in a record's `context`.
pub const SNIPPET_CHARS: usize = 15;

/// One exported figure. Field order is the CSV column order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub file: String,
    pub report: String,
    pub title: String,
    pub org: Option<String>,
    pub year: Option<i32>,
    /// Section path from the outermost heading's marker: `一/(二)/3`.
    pub section: String,
    /// The figure's id in its report (`f3`); empty for an added figure.
    pub figure: String,
    pub text: String,
    #[serde(serialize_with = "ser_num")]
    pub value: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub value_max: Option<f64>,
    pub unit: String,
    pub kind: String,
    pub approx: Option<String>,
    pub subject: Option<String>,
    /// `unreviewed`, `accepted`, `rejected`, `corrected`, `added`.
    pub status: String,
    /// `extracted`, `corrected`, `added`.
    pub origin: String,
    /// What the parser read, beside the reviewer's values (empty for an added figure).
    pub extracted_text: Option<String>,
    #[serde(serialize_with = "ser_num")]
    pub extracted_value: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub extracted_value_max: Option<f64>,
    pub extracted_unit: Option<String>,
    pub extracted_kind: Option<String>,
    pub extracted_approx: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Unicode scalar offsets, as Python indexes `str`.
    pub char_start: usize,
    pub char_end: usize,
    pub context: String,
    pub flags: Vec<String>,
}

/// Which records to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Anything a reviewer decided on.
    Reviewed,
    /// What stands in the dataset: accepted, corrected, added.
    Accepted,
}

impl StatusFilter {
    pub fn keeps(self, r: &Record) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Reviewed => r.status != "unreviewed",
            StatusFilter::Accepted => {
                matches!(r.status.as_str(), "accepted" | "corrected" | "added")
            }
        }
    }
}

/// A record whose offsets do not hold against the file's text.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetError {
    pub file: String,
    pub report: String,
    pub text: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub found: Option<String>,
}

impl std::fmt::Display for OffsetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: report {}: figure {:?} at bytes {}..{} does not match the text there ({})",
            self.file,
            self.report,
            self.text,
            self.byte_start,
            self.byte_end,
            match &self.found {
                Some(t) => format!("{t:?}"),
                None => "not a character boundary or past the end".to_string(),
            }
        )
    }
}

/// An orphaned decision: kept in the store, not exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Orphan {
    pub file: String,
    pub report: String,
    pub text: String,
    pub status: Option<String>,
    pub at: String,
}

/// The records of every file, in file and text order, with the orphaned decisions
/// left out of them; any offset that does not hold is an error.
pub fn records(files: &[ReviewedFile]) -> Result<(Vec<Record>, Vec<Orphan>), Vec<OffsetError>> {
    let mut out = Vec::new();
    let mut orphans = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        for rr in &f.reports {
            let (recs, errs) = report_records(
                &f.key,
                &f.text,
                &rr.report,
                rr.review.as_ref().zip(rr.attachment.as_ref()),
            );
            out.extend(recs);
            errors.extend(errs);
            if let (Some(rv), Some(at)) = (&rr.review, &rr.attachment) {
                orphans.extend(at.orphaned.iter().filter_map(|&i| {
                    let d = rv.figures.get(i)?;
                    Some(Orphan {
                        file: f.key.clone(),
                        report: rr.report.id.clone(),
                        text: d.anchor.text.clone(),
                        status: d.status.map(|s| s.as_str().to_string()),
                        at: d.at.clone(),
                    })
                }));
            }
        }
    }
    if errors.is_empty() {
        Ok((out, orphans))
    } else {
        Err(errors)
    }
}

/// The records of one report (extracted figures, with their decisions, and added ones).
/// Every record is checked against `text`; those that fail come back as errors.
pub fn report_records(
    file: &str,
    text: &str,
    report: &Report,
    review: Option<(&ReportReview, &Attachment)>,
) -> (Vec<Record>, Vec<OffsetError>) {
    let sections: HashMap<&str, &Section> =
        report.sections.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut recs = Vec::new();
    let mut errors = Vec::new();
    let base = |span: (usize, usize), surface: String, section: String| Record {
        file: file.to_string(),
        report: report.id.clone(),
        title: report.title.clone(),
        org: report.org.clone(),
        year: report.year,
        section,
        figure: String::new(),
        text: surface,
        value: None,
        value_max: None,
        unit: String::new(),
        kind: String::new(),
        approx: None,
        subject: None,
        status: "unreviewed".to_string(),
        origin: "extracted".to_string(),
        extracted_text: None,
        extracted_value: None,
        extracted_value_max: None,
        extracted_unit: None,
        extracted_kind: None,
        extracted_approx: None,
        tags: Vec::new(),
        note: None,
        reviewer: None,
        reviewed_at: None,
        byte_start: span.0,
        byte_end: span.1,
        char_start: 0,
        char_end: 0,
        context: String::new(),
        flags: Vec::new(),
    };
    let fail = |surface: &str, span: (usize, usize)| OffsetError {
        file: file.to_string(),
        report: report.id.clone(),
        text: surface.to_string(),
        byte_start: span.0,
        byte_end: span.1,
        found: text.get(span.0..span.1).map(str::to_string),
    };
    for (fi, fig) in report.figures.iter().enumerate() {
        let decision = review.and_then(|(rv, at)| {
            let i = (*at.figure_decisions.get(fi)?)?;
            Some((i, rv.figures.get(i)?, rv, at))
        });
        // The extracted figure itself must sit where it says.
        if text.get(fig.start..fig.end) != Some(fig.text.as_str()) {
            errors.push(fail(&fig.text, (fig.start, fig.end)));
            continue;
        }
        let span = decision
            .and_then(|(i, _, rv, at)| at.corrected_span(rv, i))
            .unwrap_or((fig.start, fig.end));
        let Some(surface) = text.get(span.0..span.1) else {
            errors.push(fail(&fig.text, span));
            continue;
        };
        let mut r = base(
            span,
            surface.to_string(),
            section_path(fig.section.as_deref(), &sections),
        );
        r.figure = fig.id.clone();
        set_values(&mut r, &fig.quantity);
        r.subject = fig.subject.clone();
        r.extracted_text = Some(fig.text.clone());
        r.extracted_value = fig.quantity.value;
        r.extracted_value_max = fig.quantity.value_max;
        r.extracted_unit = Some(fig.quantity.unit.clone());
        r.extracted_kind = Some(fig.quantity.kind.as_str().to_string());
        r.extracted_approx = fig.quantity.approx.map(|a| a.as_str().to_string());
        r.flags = fig.flags.iter().map(|f| f.as_str().to_string()).collect();
        if let Some((_, d, _, _)) = decision {
            apply_decision(&mut r, d);
        }
        recs.push(r);
    }
    if let Some((rv, at)) = review {
        for &i in &at.added {
            let Some(d) = rv.figures.get(i) else { continue };
            let Some(span) = at
                .corrected_span(rv, i)
                .or(at.spans.get(i).copied().flatten())
            else {
                continue;
            };
            let Some(surface) = text.get(span.0..span.1) else {
                errors.push(fail(&d.anchor.text, span));
                continue;
            };
            let sec = innermost_section(&report.sections, span.0);
            let mut r = base(span, surface.to_string(), section_path(sec, &sections));
            r.origin = "added".to_string();
            apply_decision(&mut r, d);
            recs.push(r);
        }
    }
    recs.sort_by_key(|r| (r.byte_start, r.byte_end));
    for r in &mut recs {
        r.char_start = char_offset(text, r.byte_start);
        r.char_end = r.char_start + r.text.chars().count();
        r.context = snippet(text, r.byte_start, r.byte_end);
        if let Err(e) = check(text, r) {
            errors.push(e);
        }
    }
    (recs, errors)
}

fn set_values(r: &mut Record, q: &Quantity) {
    r.value = q.value;
    r.value_max = q.value_max;
    r.unit = q.unit.clone();
    r.kind = q.kind.as_str().to_string();
    r.approx = q.approx.map(|a| a.as_str().to_string());
}

fn apply_decision(r: &mut Record, d: &FigureDecision) {
    if let Some(s) = d.status {
        r.status = s.as_str().to_string();
        r.origin = match s {
            DecisionStatus::Corrected => "corrected",
            DecisionStatus::Added => "added",
            _ => r.origin.as_str(),
        }
        .to_string();
    }
    if let Some(q) = &d.corrected {
        set_values(r, q);
        if r.origin == "extracted" {
            r.origin = "corrected".to_string();
        }
    }
    if d.subject.is_some() {
        r.subject = d.subject.clone();
    }
    r.tags = d.tags.clone();
    r.note = d.note.clone();
    r.reviewer = (!d.reviewer.is_empty()).then(|| d.reviewer.clone());
    r.reviewed_at = (!d.at.is_empty()).then(|| d.at.clone());
}

/// Offsets hold: bytes and characters both give back `text`.
pub fn check(text: &str, r: &Record) -> Result<(), OffsetError> {
    let by_bytes = text.get(r.byte_start..r.byte_end);
    let by_chars: String = text
        .chars()
        .skip(r.char_start)
        .take(r.char_end.saturating_sub(r.char_start))
        .collect();
    if by_bytes == Some(r.text.as_str()) && by_chars == r.text && !r.text.is_empty() {
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

/// The innermost section holding byte `at` (as the pipeline assigns figures).
fn innermost_section(sections: &[Section], at: usize) -> Option<&str> {
    sections
        .iter()
        .filter(|s| s.start <= at && at < s.end)
        .max_by_key(|s| (s.level, s.start))
        .map(|s| s.id.as_str())
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

/// Whole numbers without a fraction (`160000`), others as they are.
pub fn format_number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => {
            s.serialize_i64(*x as i64)
        }
        Some(x) if x.is_finite() => s.serialize_f64(*x),
        _ => s.serialize_none(),
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
