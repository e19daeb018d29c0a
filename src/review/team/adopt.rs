//! Adjudication's one edit: a reviewer's decision on an item taken over into
//! the adjudicator's review, or many at once (the agreed items), as one step
//! of the session (one undo takes it back). The reviewer's store is not
//! touched: the decision is copied, signed by the adjudicator.

use crate::review::session::{Change, Corpus, ReportSession};
use crate::review::{Anchor, DecisionStatus, FigureDecision, SectionDecision, now_rfc3339};

use super::compare::{
    FieldValue, FigureKey, FigureView, HeadingView, ReportField, Views, agreed, field_value,
};

/// One decision to take over.
#[derive(Debug, Clone, PartialEq)]
pub enum Adoption {
    /// A figure's decision (by the figure's key: its span as parsed or added).
    Figure(FigureKey, Box<FigureView>),
    /// A heading's decision (by the heading's first byte).
    Heading(usize, Box<HeadingView>),
    /// A report field's value.
    Field(ReportField, FieldValue),
}

/// Where a figure adoption lands in the adjudicator's report.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Parsed(usize),
    Added(usize),
    New,
}

fn slot_of(s: &ReportSession, key: FigureKey) -> Slot {
    if let Some(i) = s
        .report
        .figures
        .iter()
        .position(|f| (f.start, f.end) == key)
    {
        return Slot::Parsed(i);
    }
    s.attach
        .added
        .iter()
        .copied()
        .find(|&di| s.added_span(di) == Some(key))
        .map_or(Slot::New, Slot::Added)
}

impl Corpus {
    /// Take the decisions `items` over into report `ei`'s review, as one edit
    /// signed by this session's reviewer. `None` when nothing changed.
    pub fn adopt(&mut self, ei: usize, items: &[Adoption]) -> Option<Change> {
        let who = self.reviewer().to_string();
        let at = now_rfc3339();
        let s = self.session(ei)?;
        let slots: Vec<Option<Slot>> = items
            .iter()
            .map(|a| match a {
                Adoption::Figure(key, _) => Some(slot_of(s, *key)),
                _ => None,
            })
            .collect();
        let parsed: Vec<(ReportField, FieldValue)> = {
            let r = &s.report;
            vec![
                (
                    ReportField::Title,
                    FieldValue::Text(Some(r.title.trim().to_string())),
                ),
                (ReportField::Year, FieldValue::Year(r.year)),
                (ReportField::Org, FieldValue::Text(r.org.clone())),
                (ReportField::OrgLevel, FieldValue::Level(r.org_level)),
                (ReportField::Place, FieldValue::Text(r.place.clone())),
            ]
        };
        let items = items.to_vec();
        self.edit(ei, None, move |review, attach, text| {
            for (item, slot) in items.into_iter().zip(slots) {
                match item {
                    Adoption::Figure(key, view) => {
                        let n = review.figures.len();
                        let di = match slot {
                            Some(Slot::Parsed(i)) => {
                                if attach.figure_decisions.len() <= i {
                                    attach.figure_decisions.resize(i + 1, None);
                                }
                                match attach.figure_decisions[i] {
                                    Some(di) if di < n => di,
                                    _ => {
                                        attach.figure_decisions[i] = Some(n);
                                        n
                                    }
                                }
                            }
                            Some(Slot::Added(di)) if di < n => di,
                            _ => {
                                attach.added.push(n);
                                n
                            }
                        };
                        if di == n {
                            review.figures.push(FigureDecision {
                                anchor: Anchor::new(text, key.0, key.1),
                                ..Default::default()
                            });
                        }
                        take_figure(&mut review.figures[di], key, &view, &who, &at);
                    }
                    Adoption::Heading(start, view) => {
                        let found = attach
                            .section_spans
                            .iter()
                            .position(|sp| sp.is_some_and(|(s, _)| s == start));
                        let d = SectionDecision {
                            anchor: Anchor::new(text, view.span.0, view.span.1),
                            kind: view.decision.kind,
                            level: view.decision.level,
                            title: view.decision.title.clone(),
                            reviewer: who.clone(),
                            at: at.clone(),
                            extra: Default::default(),
                        };
                        match found.filter(|&di| di < review.sections.len()) {
                            Some(di) => review.sections[di] = d,
                            None => {
                                review.sections.push(d);
                                attach.section_spans.resize(review.sections.len() - 1, None);
                                attach.section_spans.push(Some(view.span));
                            }
                        }
                    }
                    Adoption::Field(field, value) => {
                        let as_parsed = parsed.iter().any(|(f, v)| *f == field && *v == value);
                        set_field(review, field, value, as_parsed);
                    }
                }
            }
        })
    }
}

/// The adjudicator's decision made the reviewer's: status, values, boundary,
/// subject, tags and note, signed by the adjudicator.
fn take_figure(d: &mut FigureDecision, key: FigureKey, v: &FigureView, who: &str, at: &str) {
    let from = &v.decision;
    d.status = Some(v.status);
    d.corrected = match v.status {
        DecisionStatus::Corrected | DecisionStatus::Added => Some(v.quantity.clone()),
        _ => None,
    };
    d.span = (v.span != key).then_some(v.span);
    d.subject = from.subject.clone();
    d.tags = from.tags.clone();
    d.note = from.note.clone();
    d.reviewer = who.to_string();
    d.at = at.to_string();
}

fn set_field(
    review: &mut crate::review::ReportReview,
    field: ReportField,
    value: FieldValue,
    as_parsed: bool,
) {
    let f = &mut review.fields;
    match (field, value) {
        (ReportField::Title, FieldValue::Text(t)) => f.title = t.filter(|_| !as_parsed),
        (ReportField::Year, FieldValue::Year(y)) => f.year = (!as_parsed).then_some(y),
        (ReportField::Org, FieldValue::Text(t)) => f.org = (!as_parsed).then_some(t),
        (ReportField::OrgLevel, FieldValue::Level(l)) => f.org_level = (!as_parsed).then_some(l),
        (ReportField::Place, FieldValue::Text(t)) => f.place = (!as_parsed).then_some(t),
        (ReportField::NotAReport, FieldValue::Flag(b)) => review.not_a_report = b,
        _ => {}
    }
}

/// The items of report `s` (the adjudicator's) on which every reviewer said the
/// same and the adjudicator has said nothing yet: what "accept the agreed" takes.
pub fn agreed_adoptions(s: &ReportSession, theirs: &[Views]) -> Vec<Adoption> {
    let mine = Views::of_session(s);
    let mut out = Vec::new();
    let in_report = |at: usize| s.report.start <= at && at < s.report.end.max(s.report.start + 1);
    let first = theirs.first().cloned().unwrap_or_default();
    for key in first.figures.keys().filter(|k| in_report(k.0)) {
        let views: Vec<Option<FigureView>> =
            theirs.iter().map(|v| v.figures.get(key).cloned()).collect();
        if let Some(v) = agreed(&views, FigureView::same)
            && !mine.figures.contains_key(key)
        {
            out.push(Adoption::Figure(*key, Box::new(v.clone())));
        }
    }
    for start in first.headings.keys().filter(|k| in_report(**k)) {
        let views: Vec<Option<HeadingView>> = theirs
            .iter()
            .map(|v| v.headings.get(start).cloned())
            .collect();
        if let Some(v) = agreed(&views, HeadingView::same)
            && !mine.headings.contains_key(start)
        {
            out.push(Adoption::Heading(*start, Box::new(v.clone())));
        }
    }
    for field in ReportField::ALL {
        let key = (s.review.report.clone(), field);
        let views: Vec<Option<FieldValue>> = theirs
            .iter()
            .map(|v| v.fields.get(&key).map(|(_, val)| val.clone()))
            .collect();
        if let Some(v) = agreed(&views, |a, b| a == b)
            && !mine.fields.contains_key(&key)
            && field_value(s, field) != *v
        {
            out.push(Adoption::Field(field, v.clone()));
        }
    }
    out
}
