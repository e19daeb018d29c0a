//! The store file's types: what a reviewer decided, as written to disk.
//!
//! Field names are the `zongjie.review/1` schema (see `docs/review-schema.md`).
//! Every field but `schema`, `file` and `report` may be missing when read, so a
//! file written by hand or by an older build still loads.

use serde::{Deserialize, Serialize};

use crate::model::Quantity;

/// Schema tag written in every store file.
pub const SCHEMA: &str = "zongjie.review/1";

/// The schema family; the number after the `/` is the version.
pub const SCHEMA_FAMILY: &str = "zongjie.review";

/// The version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Characters of context kept on each side of an anchor's span (whitespace not counted).
pub const CONTEXT_CHARS: usize = 8;

/// Where an item is: enough to find the same text again after the file or the parser changes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(default)]
pub struct Anchor {
    /// UTF-8 byte span in the file's text when the decision was made.
    pub start: usize,
    pub end: usize,
    /// The surface text at `start..end` when the decision was made.
    pub text: String,
    /// A short fingerprint of the text around the span: up to [`CONTEXT_CHARS`]
    /// non-whitespace characters before, `|`, up to as many after (a `|` of the
    /// text itself is written `¦`). Whitespace is left out so re-wrapped lines still match.
    pub context: String,
}

impl Anchor {
    /// The anchor of `text[start..end]`, with its context fingerprint.
    /// Out-of-range or non-boundary offsets give an empty surface text.
    pub fn new(text: &str, start: usize, end: usize) -> Anchor {
        Anchor {
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            context: context_fingerprint(text, start, end),
        }
    }
}

/// The context fingerprint of the span `start..end` of `text` (see [`Anchor::context`]).
pub fn context_fingerprint(text: &str, start: usize, end: usize) -> String {
    let (before, after) = context_sides(text, start, end);
    format!("{before}|{after}")
}

/// The two sides of a context fingerprint, nearest character last for `before`.
pub(crate) fn context_sides(text: &str, start: usize, end: usize) -> (String, String) {
    let clean = |c: char| if c == '|' { '¦' } else { c };
    let before: Vec<char> = text
        .get(..start)
        .unwrap_or_default()
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace())
        .take(CONTEXT_CHARS)
        .map(clean)
        .collect();
    let after: String = text
        .get(end..)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(CONTEXT_CHARS)
        .map(clean)
        .collect();
    (before.into_iter().rev().collect(), after)
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum DecisionStatus {
    Accepted,
    Rejected,
    Corrected,
    Added,
}

impl DecisionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Accepted => "accepted",
            DecisionStatus::Rejected => "rejected",
            DecisionStatus::Corrected => "corrected",
            DecisionStatus::Added => "added",
        }
    }

    /// The figure stands in the dataset (accepted as is, corrected, or added by hand).
    pub fn is_accepted(self) -> bool {
        !matches!(self, DecisionStatus::Rejected)
    }
}

/// A reviewer's decision on one figure (or a figure the parser missed: `Added`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct FigureDecision {
    pub anchor: Anchor,
    /// `None` while the reviewer has only tagged or annotated the figure.
    pub status: Option<DecisionStatus>,
    /// The corrected or added values; `None` for accepted/rejected.
    pub corrected: Option<Quantity>,
    /// A corrected span when the figure's boundary was wrong (`[`/`]` in the workstation),
    /// in the same coordinates as `anchor` (moved with it when the file changes).
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
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
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

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Unreviewed => "unreviewed",
            ReportStatus::InProgress => "in-progress",
            ReportStatus::Done => "done",
        }
    }
}

/// Everything decided about one report: the content of one store file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ReportReview {
    pub schema: String,
    /// The report's file, relative to the corpus root where it has one (see [`super::file_key`]).
    pub file: String,
    /// The report's id (`Report::id`).
    pub report: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub status: ReportStatus,
    #[serde(default)]
    pub reviewer: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub figures: Vec<FigureDecision>,
    #[serde(default)]
    pub sections: Vec<SectionDecision>,
}

impl ReportReview {
    /// An empty review of one report, ready to fill and save.
    pub fn new(file: &str, report: &str, title: &str) -> ReportReview {
        ReportReview {
            schema: SCHEMA.to_string(),
            file: file.to_string(),
            report: report.to_string(),
            title: title.to_string(),
            ..Default::default()
        }
    }
}

/// The version number of a schema tag: `Some(1)` for `zongjie.review/1`,
/// `None` for a tag of another family or no number.
pub fn schema_version(tag: &str) -> Option<u32> {
    let (family, v) = tag.rsplit_once('/')?;
    if family != SCHEMA_FAMILY {
        return None;
    }
    v.parse().ok()
}

/// The current time as RFC 3339 (UTC, seconds), for `at` fields.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| jiff::Timestamp::now().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_context_skips_whitespace_and_escapes_bar() {
        let t = "甲乙丙 丁\n戊己庚辛壬癸|子1800多名妇女 参加|培训";
        let s = t.find("1800").unwrap();
        let e = s + "1800多名".len();
        let a = Anchor::new(t, s, e);
        assert_eq!(a.text, "1800多名");
        assert_eq!(a.context, "戊己庚辛壬癸¦子|妇女参加¦培训");
    }

    #[test]
    fn anchor_at_edges_and_bad_offsets() {
        let a = Anchor::new("12个", 0, 5);
        assert_eq!(a.text, "12个");
        assert_eq!(a.context, "|");
        let b = Anchor::new("12个", 0, 3); // not a char boundary
        assert_eq!(b.text, "");
    }

    #[test]
    fn schema_versions() {
        for (tag, want) in [
            ("zongjie.review/1", Some(1)),
            ("zongjie.review/7", Some(7)),
            ("zongjie.review/x", None),
            ("other/1", None),
            ("", None),
        ] {
            assert_eq!(schema_version(tag), want, "{tag}");
        }
    }

    #[test]
    fn decision_reads_with_fields_missing() {
        let d: FigureDecision =
            serde_json::from_str(r#"{"anchor":{"start":1,"end":2},"status":"accepted"}"#).unwrap();
        assert_eq!(d.status, Some(DecisionStatus::Accepted));
        assert!(d.tags.is_empty());
    }
}
