//! The review session: a corpus of files, their reports and the reviews of
//! those reports, and every edit a reviewer makes to them, with undo and redo,
//! the counts, and the figure rows. Plain data and functions: the workstation
//! (`tui`) drives it by keys, `export` and `stats` read it, tests drive it
//! without a terminal.
//!
//! Layout:
//! - [`ReportSession`] (here): one report as laid out (after splits and joins),
//!   its review, where the review's decisions attach, its counts;
//! - [`rows`]: figure rows resolved against their decisions;
//! - [`edit`]: the one way a review changes, recording what changed for undo;
//! - [`figures`], [`outline`], [`report`]: the edits on figures, headings and
//!   report fields (methods of [`Corpus`]);
//! - [`findings`]: a report's warnings and flags in text order, with reasons,
//!   and a figure's section path;
//! - [`layout`]: a file's reports as the reviewer laid them out (split, join),
//!   from a parse and the store;
//! - [`catalog`]: which reviews the store holds, to find a renamed file's;
//! - [`corpus`]: the files and reports of a session, the history, the totals
//!   and the saves to make;
//! - [`files`]: a session's files and their texts, dropped and read again
//!   from disk when needed;
//! - [`saves`]: saves waiting, in flight and failed, until they are on disk;
//! - [`prepare`], [`ahead`]: a large file's text, and the open report's
//!   anchors, made on another thread before they are needed;
//! - [`history`]: undo and redo steps.

pub mod ahead;
pub mod catalog;
pub mod checks;
pub mod corpus;
pub mod details;
pub mod edit;
pub mod figures;
pub mod files;
pub mod findings;
pub mod history;
pub mod layout;
pub mod outline;
pub mod prepare;
pub mod report;
pub mod rows;
pub mod saves;

use std::sync::Arc;

use crate::model::{OrgLevel, Report};

use super::{Attachment, ReportReview, ReportStatus, attach};

pub use catalog::Catalog;
pub use corpus::{Change, Corpus, Totals};
pub use details::Tally;
pub use edit::Window;
pub use files::{CorpusFile, DiskText, FileBody, FileText, TextError, TextSource};
pub use findings::{Finding, FindingKind};
pub use history::{History, RowChange, Step};
pub use layout::{ReviewedFile, part_id};
pub use outline::{HeadingStatus, OutlineRow};
pub use prepare::{Preparation, Prepared};
pub use rows::{FigRow, Target};
pub use saves::{SaveOp, SaveQueue, SaveResult};

/// Figures of one report: how many rows, decided, flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Parsed figures and added ones.
    pub total: usize,
    /// Rows with a decision status.
    pub decided: usize,
    /// Parsed figures with a flag.
    pub flagged: usize,
}

/// One report of a session: as laid out, with its review and where the
/// review's decisions attach.
#[derive(Debug, Clone)]
pub struct ReportSession {
    /// The report's file (an index into the corpus's files).
    pub file: usize,
    /// The report as parsed, cut or joined as the review's layout says; the
    /// reviewer's corrections are read through the accessors (`title()`, …).
    pub report: Box<Report>,
    /// Behind an `Arc` so a save queued for the writer shares it instead of
    /// copying 20,000 decisions; edits go through `Arc::make_mut`, which copies
    /// only while the writer still holds an older state.
    pub review: Arc<ReportReview>,
    pub attach: Attachment,
    /// Ids of parsed reports joined into this one: their store files hold only
    /// the join (they are not orphaned reviews).
    pub absorbed: Vec<String>,
    counts: Counts,
    /// The corrected outline, worked out when first asked for after a change to
    /// the headings (a key or a frame reads it many times).
    outline_memo: std::sync::OnceLock<Vec<outline::OutlineRow>>,
    /// The report's findings, worked out when first asked for (they depend on
    /// the parse only).
    findings_memo: std::sync::OnceLock<Vec<findings::Finding>>,
    /// What the parse adds to the statistics, worked out when first asked for.
    tally_memo: std::sync::OnceLock<Box<Tally>>,
    /// Set while the report's details are dropped (see [`details`]).
    dropped: Option<details::Dropped>,
    /// Bumped on every change to the review or the attachment: caches of rows
    /// (the workstation's figure index) are stale when it moves.
    rev: u64,
}

/// A session holds every parsed report for as long as it runs: the lists the
/// parser grew by doubling are cut to their length (on the 10,001-file corpus
/// the figures alone held 130 MB for 106 MB of figures, heaptrack).
fn compact(report: &mut Report) {
    report.figures.shrink_to_fit();
    report.sections.shrink_to_fit();
    report.relations.shrink_to_fit();
    report.warnings.shrink_to_fit();
    report.chrome.shrink_to_fit();
}

impl ReportSession {
    /// A report with its review (a fresh one without), its decisions attached to
    /// `text` (the file's text).
    pub fn new(file: usize, mut report: Report, review: ReportReview, text: &str) -> ReportSession {
        compact(&mut report);
        let attach = attach_cheap(&review, &report, text);
        let mut s = ReportSession {
            file,
            report: Box::new(report),
            review: Arc::new(review),
            attach,
            absorbed: Vec::new(),
            counts: Counts::default(),
            outline_memo: Default::default(),
            findings_memo: Default::default(),
            tally_memo: Default::default(),
            dropped: None,
            rev: 0,
        };
        s.recount();
        s
    }

    /// A report restored whole (a layout edit's undo or redo).
    pub(crate) fn restored(file: usize, st: &history::ReportState) -> ReportSession {
        ReportSession {
            file,
            report: Box::new(st.report.clone()),
            review: Arc::new(st.review.clone()),
            attach: st.attach.clone(),
            absorbed: st.absorbed.clone(),
            counts: Counts::default(),
            outline_memo: Default::default(),
            findings_memo: Default::default(),
            tally_memo: Default::default(),
            dropped: None,
            rev: 0,
        }
    }

    /// Forget the corrected outline: the headings changed.
    fn forget_outline(&mut self) {
        self.outline_memo = Default::default();
    }

    /// The figure counts, kept current by every edit.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The revision: moves on every change to the review or its attachment.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    pub fn status(&self) -> ReportStatus {
        self.review.status
    }

    pub fn is_done(&self) -> bool {
        self.review.status == ReportStatus::Done
    }

    pub fn not_a_report(&self) -> bool {
        self.review.not_a_report
    }

    /// The title as corrected, else as parsed.
    pub fn title(&self) -> &str {
        self.review
            .fields
            .title
            .as_deref()
            .unwrap_or(&self.report.title)
    }

    pub fn year(&self) -> Option<i32> {
        self.review.fields.year.unwrap_or(self.report.year)
    }

    pub fn org(&self) -> Option<&str> {
        match &self.review.fields.org {
            Some(o) => o.as_deref(),
            None => self.report.org.as_deref(),
        }
    }

    pub fn org_level(&self) -> Option<OrgLevel> {
        self.review
            .fields
            .org_level
            .unwrap_or(self.report.org_level)
    }

    pub fn place(&self) -> Option<&str> {
        match &self.review.fields.place {
            Some(p) => p.as_deref(),
            None => self.report.place.as_deref(),
        }
    }

    /// Count the rows again (a pass over the figures), and move the revision.
    pub fn recount(&mut self) {
        self.rev += 1;
        if self.dropped.is_some() {
            // Nothing can change a report's figures while they are dropped:
            // every edit brings them back first (`Corpus::show`).
            debug_assert!(false, "recount of a report without its details");
            return;
        }
        self.counts = self.count();
        self.forget_outline();
    }

    /// The counts, by a pass over the figures.
    fn count(&self) -> Counts {
        let figs = &self.report.figures;
        let status = |di: Option<usize>| {
            di.and_then(|di| self.review.figures.get(di))
                .and_then(|d| d.status)
        };
        let mut c = Counts {
            total: figs.len(),
            ..Counts::default()
        };
        for (i, f) in figs.iter().enumerate() {
            let di = self.attach.figure_decisions.get(i).copied().flatten();
            c.decided += usize::from(status(di).is_some());
            c.flagged += usize::from(!f.flags.is_empty());
        }
        for &di in &self.attach.added {
            if let Some(d) = self.review.figures.get(di) {
                c.total += 1;
                c.decided += usize::from(d.status.is_some());
            }
        }
        c
    }

    /// After a change to one row's decision that moved the decided count by
    /// `delta`: no pass over the figures (a debug build checks it against one).
    pub fn recount_by(&mut self, delta: isize) {
        match self.counts.decided.checked_add_signed(delta) {
            Some(d) => {
                self.counts.decided = d;
                self.rev += 1;
                debug_assert_eq!(self.counts, self.count(), "counts patched wrongly");
            }
            None => self.recount(),
        }
    }

    /// Re-attach the review to the report from scratch (after a layout change).
    pub fn reattach(&mut self, text: &str) {
        self.attach = attach_cheap(&self.review, &self.report, text);
        self.recount();
    }

    /// Lengthen `figure_decisions` to one per figure (an attachment made by hand
    /// may be short), so windowed edits can index it.
    pub fn ensure_attach_len(&mut self) {
        let n = self.report.figures.len();
        if self.attach.figure_decisions.len() < n {
            self.attach.figure_decisions.resize(n, None);
            self.rev += 1;
        }
    }
}

/// [`attach`], at no cost for a review without decisions (most of a corpus).
pub fn attach_cheap(review: &ReportReview, report: &Report, text: &str) -> Attachment {
    if review.figures.is_empty() && review.sections.is_empty() {
        return Attachment {
            figure_decisions: vec![None; report.figures.len()],
            ..Default::default()
        };
    }
    attach(review, report, text)
}
