//! One row per report, for the workbook's Reports sheet: the report's fields
//! as the reviewer corrected them, its review status, and what its figures
//! add up to (every figure row, and those the export kept).

use std::collections::{BTreeMap, HashMap};

use crate::model::OrgLevel;
use crate::review::ReportStatus;
use crate::review::session::{ReportSession, ReviewedFile};

use super::records::{Record, RecordStatus, ReportState};

/// One report with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub file: String,
    pub report: String,
    pub title: String,
    pub org: Option<String>,
    pub org_level: Option<OrgLevel>,
    pub place: Option<String>,
    pub year: Option<i32>,
    /// Publication date from the page chrome (`YYYY-MM-DD` where it reads).
    pub published: Option<String>,
    /// The site the page came from.
    pub source: Option<String>,
    pub status: ReportState,
    pub note: Option<String>,
    /// Warning codes with how often each occurs: `skipped-number 3`.
    pub warnings: Vec<(String, usize)>,
    /// Figure rows: extracted (decided or not) and added.
    pub figures: usize,
    /// Extracted figures carrying a flag.
    pub flagged: usize,
    /// Rows by decision.
    pub unreviewed: usize,
    pub accepted: usize,
    pub corrected: usize,
    pub rejected: usize,
    pub added: usize,
    /// Rows the export kept (`--status`).
    pub exported: usize,
}

impl ReportState {
    /// A report's standing in its review session.
    pub fn of_session(s: &ReportSession) -> ReportState {
        if s.not_a_report() {
            return ReportState::NotAReport;
        }
        match s.status() {
            ReportStatus::Unreviewed => ReportState::Unreviewed,
            ReportStatus::InProgress => ReportState::InProgress,
            ReportStatus::Done => ReportState::Done,
        }
    }
}

/// The row of every report of `files`, in file and report order, counted from
/// `records` (all of them, before any filter); `kept` says which the export keeps.
pub fn report_rows(
    files: &[ReviewedFile],
    records: &[Record],
    kept: impl Fn(&Record) -> bool,
) -> Vec<ReportRow> {
    let mut counts: HashMap<(&str, &str), Tally> = HashMap::new();
    for r in records {
        counts
            .entry((r.file.as_str(), r.report.as_str()))
            .or_default()
            .add(r, kept(r));
    }
    let mut rows = Vec::new();
    for f in files {
        for s in &f.sessions {
            let tally = counts
                .get(&(f.file.key.as_str(), s.report.id.as_str()))
                .copied()
                .unwrap_or_default();
            rows.push(report_row(&f.file.key, s, tally));
        }
    }
    rows
}

/// A report's figure rows, counted.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    figures: usize,
    flagged: usize,
    by_status: [usize; 5],
    exported: usize,
}

impl Tally {
    fn add(&mut self, r: &Record, kept: bool) {
        self.figures += 1;
        self.flagged += usize::from(!r.flags.is_empty());
        self.by_status[r.status as usize] += 1;
        self.exported += usize::from(kept);
    }

    fn of(&self, s: RecordStatus) -> usize {
        self.by_status[s as usize]
    }
}

fn report_row(key: &str, s: &ReportSession, t: Tally) -> ReportRow {
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    for w in &s.report.warnings {
        *warnings.entry(w.code.as_str().to_string()).or_default() += 1;
    }
    ReportRow {
        file: key.to_string(),
        report: s.report.id.clone(),
        title: s.title().to_string(),
        org: s.org().map(str::to_string),
        org_level: s.org_level(),
        place: s.place().map(str::to_string),
        year: s.year(),
        published: s.report.published.clone(),
        source: s.report.source.clone(),
        status: ReportState::of_session(s),
        note: s.review.note.clone(),
        warnings: warnings.into_iter().collect(),
        figures: t.figures,
        flagged: t.flagged,
        unreviewed: t.of(RecordStatus::Unreviewed),
        accepted: t.of(RecordStatus::Accepted),
        corrected: t.of(RecordStatus::Corrected),
        rejected: t.of(RecordStatus::Rejected),
        added: t.of(RecordStatus::Added),
        exported: t.exported,
    }
}
