//! Per-reviewer columns (`export --per-reviewer`): beside each exported
//! figure, what every reviewer of a team said about it, so a reader sees the
//! adjudicated value and each reviewer's side by side.

use std::collections::HashMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::record::{Record, RecordStatus, format_number, ser_num};
use crate::review::session::ReviewedFile;
use crate::review::team::compare::{FigureKey, FigureView, Views};

/// The fields written for each reviewer, as column suffixes and JSON keys.
pub const FIELDS: [&str; 7] = [
    "status",
    "value",
    "value_max",
    "unit",
    "kind",
    "approx",
    "subject",
];

/// Every reviewer's cells of one record, in the team's order (empty: no columns).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PerReviewer(pub Vec<ReviewerCells>);

impl PerReviewer {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The CSV column names: `<reviewer>_<field>`.
    pub fn column_names(&self) -> Vec<String> {
        self.0
            .iter()
            .flat_map(|c| FIELDS.iter().map(move |f| format!("{}_{f}", c.name)))
            .collect()
    }
}

/// Written as an object by reviewer name, in the team's order.
impl Serialize for PerReviewer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for c in &self.0 {
            m.serialize_entry(&c.name, c)?;
        }
        m.end()
    }
}

/// What one reviewer said about one figure; all empty without a decision.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ReviewerCells {
    #[serde(skip)]
    pub name: String,
    pub status: Option<RecordStatus>,
    #[serde(serialize_with = "ser_num")]
    pub value: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub kind: Option<String>,
    pub approx: Option<String>,
    pub subject: Option<String>,
}

impl ReviewerCells {
    fn of(name: &str, v: Option<&FigureView>) -> ReviewerCells {
        let mut c = ReviewerCells {
            name: name.to_string(),
            ..Default::default()
        };
        let Some(v) = v else { return c };
        c.status = Some(RecordStatus::of(v.status));
        if v.status.is_accepted() {
            let q = &v.quantity;
            c.value = q.value;
            c.value_max = q.value_max;
            c.unit = Some(q.unit.clone());
            c.kind = Some(q.kind.as_str().to_string());
            c.approx = q.approx.map(|a| a.as_str().to_string());
            c.subject = v.subject.clone();
        }
        c
    }

    /// The cells in [`FIELDS`] order: (text, whether it is a number).
    pub fn cells(&self) -> Vec<(String, bool)> {
        let text = |o: &Option<String>| (o.clone().unwrap_or_default(), false);
        let num = |v: Option<f64>| (v.map(format_number).unwrap_or_default(), true);
        vec![
            (
                self.status
                    .map(|s| s.as_str())
                    .unwrap_or_default()
                    .to_string(),
                false,
            ),
            num(self.value),
            num(self.value_max),
            text(&self.unit),
            text(&self.kind),
            text(&self.approx),
            text(&self.subject),
        ]
    }
}

/// Fill in the per-reviewer cells of one file's records (`records`, made from
/// `base`): each reviewer's view of the same figure, found by its span as
/// parsed (or as added).
pub fn fill(records: &mut [Record], base: &ReviewedFile, names: &[String], theirs: &[Views]) {
    let mut keys: HashMap<(&str, &str), FigureKey> = HashMap::new();
    for s in &base.sessions {
        for f in &s.report.figures {
            keys.insert((s.report.id.as_str(), f.id.as_str()), (f.start, f.end));
        }
    }
    for r in records.iter_mut() {
        let key = if r.figure.is_empty() {
            Some((r.byte_start, r.byte_end))
        } else {
            keys.get(&(r.report.as_str(), r.figure.as_str())).copied()
        };
        r.reviewers = PerReviewer(
            names
                .iter()
                .zip(theirs)
                .map(|(n, v)| ReviewerCells::of(n, key.and_then(|k| v.figures.get(&k))))
                .collect(),
        );
    }
}
