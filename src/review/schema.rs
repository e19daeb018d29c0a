//! The store file's types: what a reviewer decided, as written to disk.
//!
//! Field names are the `zongjie.review/2` schema (see `docs/review-schema.md`).
//! Every field but `schema`, `file` and `report` may be missing when read, so a
//! file written by hand or by an older build still loads; fields this build does
//! not know are kept (`extra`) and written back as they were.

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{OrgLevel, Quantity};

use super::context::context_fingerprint;

/// Schema tag written in every store file.
pub const SCHEMA: &str = "zongjie.review/2";

/// The schema family; the number after the `/` is the version.
pub const SCHEMA_FAMILY: &str = "zongjie.review";

/// The version this build writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest version this build reads (and upgrades on its first write).
pub const OLDEST_VERSION: u32 = 1;

/// Characters of context kept on each side of an anchor's span (whitespace not counted).
pub const CONTEXT_CHARS: usize = 8;

/// Fields of a store object this build does not know: kept, written back as read.
pub type Extra = serde_json::Map<String, serde_json::Value>;

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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// A corrected span when the figure's boundary was wrong (`{`/`}`/`[`/`]` in
    /// the workstation), in the same coordinates as `anchor` (moved with it when
    /// the file changes).
    pub span: Option<(usize, usize)>,
    /// What the figure counts, as the reviewer says (guide §5).
    pub subject: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub reviewer: String,
    /// RFC 3339 time of the decision.
    pub at: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum SectionDecisionKind {
    /// The heading is right as parsed.
    Accepted,
    NotAHeading,
    /// A heading the parser missed, at the anchor's line.
    MissingHeading,
    /// Title or level corrected.
    Corrected,
}

impl SectionDecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionDecisionKind::Accepted => "accepted",
            SectionDecisionKind::NotAHeading => "not-a-heading",
            SectionDecisionKind::MissingHeading => "missing-heading",
            SectionDecisionKind::Corrected => "corrected",
        }
    }
}

/// A reviewer's decision on the outline: a heading by its anchor (the marker's
/// first byte on), or a missed heading at a line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SectionDecision {
    pub anchor: Anchor,
    pub kind: SectionDecisionKind,
    /// The corrected (or added) depth, 1 outermost; `None`: as parsed.
    #[serde(default)]
    pub level: Option<u8>,
    /// The corrected (or added) title; `None`: as parsed.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub at: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report cut in two at the anchor's line: the text from there on is a report of
/// its own (web chrome read as one report with the next, two reports on one page).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct SplitDecision {
    /// The opening of the line where the new report starts.
    pub anchor: Anchor,
    /// The new report's id (its store file's); empty in a file written by hand:
    /// then it is derived from the anchor (`session::part_id`).
    pub report: String,
    pub reviewer: String,
    pub at: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report's metadata as the reviewer corrected it. A field left out is as the
/// parser read it; `null` says "the report has none" (a year that is a placeholder).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct ReportFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub year: Option<Option<i32>>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub org: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub org_level: Option<Option<OrgLevel>>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub place: Option<Option<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ReportFields {
    /// Nothing corrected (and nothing unknown kept).
    pub fn is_empty(&self) -> bool {
        *self == ReportFields::default()
    }
}

/// A field that is present reads as `Some` (`Some(None)` for `null`); a missing
/// one is `None` through `#[serde(default)]`.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// Everything decided about one report: the content of one store file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ReportReview {
    pub schema: String,
    /// The report's file, relative to the corpus root where it has one (see [`super::file_key`]).
    pub file: String,
    /// The report's id (`Report::id`, or a split-off part's id, see `session::part_id`).
    pub report: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub status: ReportStatus,
    /// The text is not a report (web chrome, a table of contents, junk): its
    /// figures leave the dataset.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_a_report: bool,
    #[serde(default)]
    pub reviewer: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Title, year, org, level and place as corrected.
    #[serde(default, skip_serializing_if = "ReportFields::is_empty")]
    pub fields: ReportFields,
    /// This report is the continuation of the one before it in the file: they are one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub join_previous: bool,
    /// Lines where a new report starts inside this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<SplitDecision>,
    #[serde(default)]
    pub figures: Vec<FigureDecision>,
    #[serde(default)]
    pub sections: Vec<SectionDecision>,
    #[serde(flatten)]
    pub extra: Extra,
    /// The file began with a UTF-8 byte order mark: it is written back with one.
    #[serde(skip)]
    pub bom: bool,
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

    /// Whether the review holds any decision at all (a fresh review does not).
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
            && self.sections.is_empty()
            && self.splits.is_empty()
            && self.fields.is_empty()
            && self.note.is_none()
            && !self.not_a_report
            && !self.join_previous
            && self.status == ReportStatus::Unreviewed
    }

    /// Decisions in a stable order (by anchor, then by content), so that the same
    /// review is always written as the same bytes whatever order it was made in:
    /// two reviewers' files diff and merge cleanly.
    pub fn sort_for_writing(&mut self) {
        let anchor_key = |a: &Anchor| (a.start, a.end, a.text.clone(), a.context.clone());
        self.figures.sort_by(|a, b| {
            anchor_key(&a.anchor)
                .cmp(&anchor_key(&b.anchor))
                .then_with(|| a.status.cmp(&b.status))
                .then_with(|| a.at.cmp(&b.at))
                .then_with(|| a.reviewer.cmp(&b.reviewer))
        });
        self.sections.sort_by(|a, b| {
            anchor_key(&a.anchor)
                .cmp(&anchor_key(&b.anchor))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.at.cmp(&b.at))
        });
        self.splits.sort_by_key(|s| anchor_key(&s.anchor));
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

    #[test]
    fn report_fields_tell_missing_from_null() {
        let f: ReportFields =
            serde_json::from_str(r#"{"year": null, "place": "奈曼旗", "later": [1]}"#).unwrap();
        assert_eq!(f.year, Some(None));
        assert_eq!(f.org, None);
        assert_eq!(f.place, Some(Some("奈曼旗".into())));
        assert_eq!(f.extra["later"], serde_json::json!([1]));
        let back = serde_json::to_value(&f).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"year": null, "place": "奈曼旗", "later": [1]})
        );
        assert!(ReportFields::default().is_empty());
    }

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let j = r#"{"schema":"zongjie.review/2","file":"a.txt","report":"r1","x-top":1,
            "figures":[{"anchor":{"start":0,"end":1,"text":"1","context":"|"},"x-fig":"y"}],
            "sections":[{"anchor":{"start":0,"end":1},"kind":"accepted","x-sec":true}]}"#;
        let r: ReportReview = serde_json::from_str(j).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["x-top"], 1);
        assert_eq!(v["figures"][0]["x-fig"], "y");
        assert_eq!(v["sections"][0]["x-sec"], true);
    }

    #[test]
    fn writing_order_does_not_depend_on_decision_order() {
        let text = "培训1800名妇女，贷款16万元，办结率100%。";
        let d = |s: &str| FigureDecision {
            anchor: Anchor::new(text, text.find(s).unwrap(), text.find(s).unwrap() + s.len()),
            status: Some(DecisionStatus::Accepted),
            ..Default::default()
        };
        let mut a = ReportReview::new("a.txt", "r1", "");
        a.figures = vec![d("1800名"), d("16万元"), d("100%")];
        let mut b = a.clone();
        b.figures.reverse();
        a.sort_for_writing();
        b.sort_for_writing();
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }
}
