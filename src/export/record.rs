//! The exported record: one figure with its report's fields, as every format
//! writes it, and the filters and errors around it.

use serde::{Serialize, Serializer};

use crate::model::OrgLevel;
use crate::review::DecisionStatus;

use super::per_reviewer::PerReviewer;

/// A record's decision status.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum RecordStatus {
    Unreviewed,
    Accepted,
    Rejected,
    Corrected,
    Added,
}

impl RecordStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordStatus::Unreviewed => "unreviewed",
            RecordStatus::Accepted => "accepted",
            RecordStatus::Rejected => "rejected",
            RecordStatus::Corrected => "corrected",
            RecordStatus::Added => "added",
        }
    }

    pub fn of(s: DecisionStatus) -> RecordStatus {
        match s {
            DecisionStatus::Accepted => RecordStatus::Accepted,
            DecisionStatus::Rejected => RecordStatus::Rejected,
            DecisionStatus::Corrected => RecordStatus::Corrected,
            DecisionStatus::Added => RecordStatus::Added,
        }
    }
}

/// Where a record's values come from.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Extracted,
    /// The reviewer's values differ from the parser's.
    Corrected,
    Added,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Corrected => "corrected",
            Origin::Added => "added",
        }
    }
}

/// A report's standing, as a record carries it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ReportState {
    Unreviewed,
    InProgress,
    Done,
    /// The reviewer said it is not a report: its figures are not in the dataset.
    NotAReport,
}

impl ReportState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Unreviewed => "unreviewed",
            ReportState::InProgress => "in-progress",
            ReportState::Done => "done",
            ReportState::NotAReport => "not-a-report",
        }
    }
}

/// One exported figure. Field order is the CSV column order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub file: String,
    pub report: String,
    pub title: String,
    pub org: Option<String>,
    pub org_level: Option<OrgLevel>,
    pub place: Option<String>,
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
    pub status: RecordStatus,
    pub origin: Origin,
    /// What the parser read, beside the reviewer's values (empty for an added figure).
    pub extracted_text: Option<String>,
    #[serde(serialize_with = "ser_num")]
    pub extracted_value: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub extracted_value_max: Option<f64>,
    pub extracted_unit: Option<String>,
    pub extracted_kind: Option<String>,
    pub extracted_approx: Option<String>,
    pub extracted_subject: Option<String>,
    /// The report's fields as the parser read them, beside the corrected ones.
    pub extracted_title: String,
    pub extracted_org: Option<String>,
    pub extracted_org_level: Option<OrgLevel>,
    pub extracted_place: Option<String>,
    pub extracted_year: Option<i32>,
    /// The section path of the parsed outline.
    pub extracted_section: String,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub report_status: ReportState,
    pub report_note: Option<String>,
    /// The report's warning codes (`skipped-number`, …).
    pub report_warnings: Vec<String>,
    /// The file's encoding (`UTF-8`, `GB18030`, …).
    pub encoding: String,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Unicode scalar offsets, as Python indexes `str`.
    pub char_start: usize,
    pub char_end: usize,
    pub context: String,
    pub flags: Vec<String>,
    /// The relations this figure takes part in, rechecked with the reviewer's
    /// values: `share: 6 / 13 = 46.2% ✓`.
    pub checks: Vec<String>,
    /// Each reviewer's view of the figure (`export --per-reviewer`); none by default.
    #[serde(skip_serializing_if = "PerReviewer::is_empty")]
    pub reviewers: PerReviewer,
}

/// Which records to export (`--status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFilter {
    All,
    /// Anything a reviewer decided on.
    Reviewed,
    /// What stands in the dataset: accepted, corrected, added, in a report that
    /// is one.
    Accepted,
}

impl StatusFilter {
    pub fn keeps(self, r: &Record) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Reviewed => r.status != RecordStatus::Unreviewed,
            StatusFilter::Accepted => {
                r.report_status != ReportState::NotAReport
                    && matches!(
                        r.status,
                        RecordStatus::Accepted | RecordStatus::Corrected | RecordStatus::Added
                    )
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

/// Whole numbers without a fraction (`160000`), others as they are.
pub fn format_number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub(super) fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => {
            s.serialize_i64(*x as i64)
        }
        Some(x) if x.is_finite() => s.serialize_f64(*x),
        _ => s.serialize_none(),
    }
}
