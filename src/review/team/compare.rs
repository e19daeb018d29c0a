//! Several reviewers' work on one file, side by side: for every figure,
//! heading and report field that any of them decided, what each one said.
//!
//! The common ground is the text: a figure is the same item for everyone when
//! its span (as parsed, or as added) is the same, a heading when it starts at
//! the same byte, a report field when the report has the same id. Items are
//! grouped by the report the parser found them in, whatever each reviewer's
//! splits and joins. A reviewer who decided nothing on an item has no view of
//! it (`None`): missing, not a disagreement.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{OrgLevel, Quantity};
use crate::review::session::layout::ParsedSpan;
use crate::review::session::{HeadingStatus, ReportSession, ReviewedFile, Target};
use crate::review::{DecisionStatus, FigureDecision, SectionDecision, SectionDecisionKind};

/// What one reviewer said about one figure.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureView {
    pub status: DecisionStatus,
    /// The figure's values as this reviewer left them (the parser's when accepted).
    pub quantity: Quantity,
    pub subject: Option<String>,
    /// The figure's span as this reviewer left it, in the file's text.
    pub span: (usize, usize),
    /// The decision as saved, to take it over.
    pub decision: FigureDecision,
}

impl FigureView {
    /// Whether two reviewers said the same: the same status and, where the
    /// figure stands, the same values, subject and span.
    pub fn same(&self, other: &FigureView) -> bool {
        self.status == other.status
            && (self.status == DecisionStatus::Rejected
                || (self.quantity == other.quantity
                    && self.subject == other.subject
                    && self.span == other.span))
    }
}

/// What one reviewer said about one heading.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingView {
    pub kind: SectionDecisionKind,
    /// The heading's level and title as this reviewer left them.
    pub level: u8,
    pub title: String,
    /// Where the decision's anchor is in the file's text.
    pub span: (usize, usize),
    pub decision: SectionDecision,
}

impl HeadingView {
    pub fn same(&self, other: &HeadingView) -> bool {
        self.kind == other.kind
            && (self.kind == SectionDecisionKind::NotAHeading
                || (self.level == other.level && self.title == other.title))
    }
}

/// A report's field, as compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportField {
    Title,
    Year,
    Org,
    OrgLevel,
    Place,
    NotAReport,
}

impl ReportField {
    pub const ALL: [ReportField; 6] = [
        ReportField::Title,
        ReportField::Year,
        ReportField::Org,
        ReportField::OrgLevel,
        ReportField::Place,
        ReportField::NotAReport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportField::Title => "title",
            ReportField::Year => "year",
            ReportField::Org => "org",
            ReportField::OrgLevel => "org_level",
            ReportField::Place => "place",
            ReportField::NotAReport => "not_a_report",
        }
    }
}

/// A report field's value as one reviewer left it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldValue {
    Text(Option<String>),
    Year(Option<i32>),
    Level(Option<OrgLevel>),
    Flag(bool),
}

impl FieldValue {
    /// The value as a person reads it (`—` for none).
    pub fn label(&self) -> String {
        let none = || "—".to_string();
        match self {
            FieldValue::Text(t) => t.clone().unwrap_or_else(none),
            FieldValue::Year(y) => y.map_or_else(none, |y| y.to_string()),
            FieldValue::Level(l) => l.map_or_else(none, |l| {
                crate::review::session::report::level_name(l).to_string()
            }),
            FieldValue::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }
}

/// One item and each reviewer's view of it (in the reviewers' order).
#[derive(Debug, Clone, PartialEq)]
pub struct Item<K, V> {
    pub key: K,
    pub views: Vec<Option<V>>,
}

impl<K, V> Item<K, V> {
    /// The views given.
    pub fn given(&self) -> impl Iterator<Item = &V> {
        self.views.iter().flatten()
    }
}

/// Where an item agrees: every reviewer decided it and all said the same.
pub fn agreed<V>(views: &[Option<V>], same: impl Fn(&V, &V) -> bool) -> Option<&V> {
    let first = views.first()?.as_ref()?;
    views
        .iter()
        .all(|v| v.as_ref().is_some_and(|v| same(first, v)))
        .then_some(first)
}

/// A figure's key: its span as parsed (or as added), in the file's text.
pub type FigureKey = (usize, usize);
/// A report field's key: the report's id (as laid out) and the field.
pub type FieldKey = (String, ReportField);

/// The items of one report as parsed: its figures, headings and fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportItems {
    pub report: ParsedSpan,
    pub figures: Vec<Item<FigureKey, FigureView>>,
    /// By the heading's first byte.
    pub headings: Vec<Item<usize, HeadingView>>,
    pub fields: Vec<Item<FieldKey, FieldValue>>,
}

/// One reviewer's views of one file (or one report), by key.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Views {
    pub figures: BTreeMap<FigureKey, FigureView>,
    pub headings: BTreeMap<usize, HeadingView>,
    /// Field views with the start of the report they belong to.
    pub fields: BTreeMap<FieldKey, (usize, FieldValue)>,
}

impl Views {
    /// What one reviewer decided in one report, as laid out.
    pub fn of_session(s: &ReportSession) -> Views {
        let mut v = Views::default();
        v.add_session(s);
        v
    }

    fn add_session(&mut self, s: &ReportSession) {
        figure_views(s, &mut self.figures);
        heading_views(s, &mut self.headings);
        for (field, val) in field_views(s) {
            self.fields
                .insert((s.review.report.clone(), field), (s.report.start, val));
        }
    }
}

/// Every item of one file that any reviewer decided, grouped by the reports as
/// parsed (`reports`), each with the views of `reviewers` in order.
pub fn compare(reports: &[ParsedSpan], reviewers: &[&ReviewedFile]) -> Vec<ReportItems> {
    let views: Vec<Views> = reviewers.iter().map(|f| views_of(f)).collect();
    let mut out: Vec<ReportItems> = reports
        .iter()
        .map(|r| ReportItems {
            report: r.clone(),
            ..Default::default()
        })
        .collect();
    if out.is_empty() {
        return out;
    }
    let group = |at: usize| {
        reports
            .partition_point(|r| r.start <= at)
            .saturating_sub(1)
            .min(reports.len() - 1)
    };
    let n = views.len();
    let mut figures: BTreeMap<FigureKey, Vec<Option<FigureView>>> = BTreeMap::new();
    let mut headings: BTreeMap<usize, Vec<Option<HeadingView>>> = BTreeMap::new();
    // Each field with where its report starts, to group and order it.
    let mut fields: BTreeMap<FieldKey, (usize, Vec<Option<FieldValue>>)> = BTreeMap::new();
    for (i, v) in views.into_iter().enumerate() {
        for (k, fv) in v.figures {
            figures.entry(k).or_insert_with(|| vec![None; n])[i] = Some(fv);
        }
        for (k, hv) in v.headings {
            headings.entry(k).or_insert_with(|| vec![None; n])[i] = Some(hv);
        }
        for (k, (at, val)) in v.fields {
            let e = fields.entry(k).or_insert_with(|| (at, vec![None; n]));
            e.0 = e.0.min(at);
            e.1[i] = Some(val);
        }
    }
    for (key, views) in figures {
        out[group(key.0)].figures.push(Item { key, views });
    }
    for (key, views) in headings {
        out[group(key)].headings.push(Item { key, views });
    }
    let mut fields: Vec<(usize, FieldKey, Vec<Option<FieldValue>>)> =
        fields.into_iter().map(|(k, (at, v))| (at, k, v)).collect();
    fields.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (at, key, views) in fields {
        out[group(at)].fields.push(Item { key, views });
    }
    out
}

/// What one reviewer decided in one file.
pub fn views_of(f: &ReviewedFile) -> Views {
    let mut v = Views::default();
    for s in &f.sessions {
        v.add_session(s);
    }
    v
}

fn figure_views(s: &ReportSession, out: &mut BTreeMap<FigureKey, FigureView>) {
    for row in s.all_rows() {
        let (Some(status), Some(d)) = (row.status(), row.decision) else {
            continue;
        };
        let key = match (row.target, row.figure) {
            (Target::Parsed(_), Some(f)) => (f.start, f.end),
            _ => (row.start, row.end),
        };
        out.insert(
            key,
            FigureView {
                status,
                quantity: row.quantity.clone(),
                subject: row.subject.map(str::to_string),
                span: (row.start, row.end),
                decision: d.clone(),
            },
        );
    }
}

fn heading_views(s: &ReportSession, out: &mut BTreeMap<usize, HeadingView>) {
    for row in s.outline() {
        let Some(di) = row.decision else { continue };
        let Some(d) = s.review.sections.get(di) else {
            continue;
        };
        if row.status == HeadingStatus::Parsed {
            continue;
        }
        let span = s
            .attach
            .section_spans
            .get(di)
            .copied()
            .flatten()
            .unwrap_or((row.section.start, row.section.start));
        out.insert(
            row.section.start,
            HeadingView {
                kind: d.kind,
                level: row.section.level,
                title: row.section.title.clone(),
                span,
                decision: d.clone(),
            },
        );
    }
}

/// The report fields this reviewer decided: all of them once the report is
/// done, else those corrected (and "not a report" once said).
pub fn field_views(s: &ReportSession) -> Vec<(ReportField, FieldValue)> {
    let f = &s.review.fields;
    let done = s.is_done();
    let mut out = Vec::new();
    for field in ReportField::ALL {
        let decided = done
            || match field {
                ReportField::Title => f.title.is_some(),
                ReportField::Year => f.year.is_some(),
                ReportField::Org => f.org.is_some(),
                ReportField::OrgLevel => f.org_level.is_some(),
                ReportField::Place => f.place.is_some(),
                ReportField::NotAReport => s.not_a_report(),
            };
        if decided {
            out.push((field, field_value(s, field)));
        }
    }
    out
}

/// A report field's value as the session shows it (corrected, else parsed).
pub fn field_value(s: &ReportSession, field: ReportField) -> FieldValue {
    match field {
        ReportField::Title => FieldValue::Text(Some(s.title().trim().to_string())),
        ReportField::Year => FieldValue::Year(s.year()),
        ReportField::Org => FieldValue::Text(s.org().map(str::to_string)),
        ReportField::OrgLevel => FieldValue::Level(s.org_level()),
        ReportField::Place => FieldValue::Text(s.place().map(str::to_string)),
        ReportField::NotAReport => FieldValue::Flag(s.not_a_report()),
    }
}
