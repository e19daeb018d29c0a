//! The review store: a reviewer's decisions, kept as versioned JSON, one file per report.
//!
//! CONTRACT (skeleton): the types and signatures below are the API the
//! workstation and the export use. The bodies are filled by the store work.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Quantity, Report};

/// Schema tag written in every store file.
pub const SCHEMA: &str = "zongjie.review/1";

/// Name of the store folder inside a corpus folder; the corpus walk skips it.
pub const STORE_DIR_NAME: &str = "zongjie-reviews";

/// Where an item is: enough to find the same text again after the file or the parser changes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    /// The surface text at `start..end` when the decision was made.
    pub text: String,
    /// A short fingerprint of the text around the span (a few characters either side).
    pub context: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum DecisionStatus {
    Accepted,
    Rejected,
    Corrected,
    Added,
}

/// A reviewer's decision on one figure (or a figure the parser missed: `Added`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct FigureDecision {
    pub anchor: Anchor,
    pub status: Option<DecisionStatus>,
    /// The corrected or added values; `None` for accepted/rejected.
    pub corrected: Option<Quantity>,
    /// A corrected span when the figure's boundary was wrong (`[`/`]` in the workstation).
    pub span: Option<(usize, usize)>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub reviewer: String,
    /// RFC 3339 time of the decision.
    pub at: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum SectionDecisionKind {
    NotAHeading,
    MissingHeading,
    Corrected,
}

/// A reviewer's decision on the outline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SectionDecision {
    pub anchor: Anchor,
    pub kind: SectionDecisionKind,
    pub level: Option<u8>,
    pub title: Option<String>,
    pub reviewer: String,
    pub at: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ReportStatus {
    #[default]
    Unreviewed,
    InProgress,
    Done,
}

/// Everything decided about one report: the content of one store file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ReportReview {
    pub schema: String,
    /// The report's file, relative to the corpus root where it has one.
    pub file: String,
    /// The report's id (`Report::id`).
    pub report: String,
    pub title: String,
    pub status: ReportStatus,
    pub reviewer: Option<String>,
    pub note: Option<String>,
    pub figures: Vec<FigureDecision>,
    pub sections: Vec<SectionDecision>,
}

/// How a review's decisions map onto a fresh parse of its report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attachment {
    /// For each figure of the report (by index), the index of its decision in `ReportReview::figures`.
    pub figure_decisions: Vec<Option<usize>>,
    /// Decisions with status `Added` that found their text again (indices into `ReportReview::figures`).
    pub added: Vec<usize>,
    /// Decisions whose text could not be found again: kept, listed, never dropped.
    pub orphaned: Vec<usize>,
}

/// An open store folder.
#[derive(Debug)]
pub struct Store {
    pub dir: PathBuf,
}

#[derive(Debug)]
pub enum StoreError {
    Io(PathBuf, std::io::Error),
    /// A file written by a newer zongjie: refused, not rewritten.
    FutureSchema(PathBuf, String),
    /// Another instance holds the lock; this store is read-only.
    ReadOnly(String),
}

impl Store {
    /// Open (creating if needed) a store folder. Takes the writer lock if it is free;
    /// otherwise opens read-only and `read_only()` says who holds it.
    pub fn open(_dir: &Path) -> Result<Store, StoreError> {
        todo!("store work")
    }

    /// `Some(owner description)` when another instance holds the lock.
    pub fn read_only(&self) -> Option<&str> {
        todo!("store work")
    }

    /// The review of one report, if any was saved.
    pub fn load(&self, _file: &str, _report_id: &str) -> Result<Option<ReportReview>, StoreError> {
        todo!("store work")
    }

    /// Write one report's review at once, atomically.
    pub fn save(&self, _review: &ReportReview) -> Result<(), StoreError> {
        todo!("store work")
    }
}

/// Re-attach a review's decisions to a fresh parse of the report's file text.
pub fn attach(_review: &ReportReview, _report: &Report, _text: &str) -> Attachment {
    todo!("store work")
}
