//! Adjudication in the workstation: the reviewers' work beside the
//! adjudicator's, item by item, for the open report.
//!
//! The reviewers' stores are read once by the loader (each file's views, per
//! reviewer) and never written; the adjudicator's decisions are the session's
//! own, saved to the adjudication store like any review. This module is the
//! state and the rows the differences table shows; the keys are in
//! `update/adjudicate.rs`, the table in `view/adjudicate.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::export::records::format_number;
use crate::review::session::{Corpus, ReportSession};
use crate::review::team::compare::{
    FieldValue, FigureKey, FigureView, HeadingView, ReportField, Views, agreed,
};
use crate::review::{DecisionStatus, SectionDecisionKind};

/// The reviewers and their work, and the differences table's state.
#[derive(Debug, Default)]
pub struct TeamState {
    /// The reviewers' names, in column order.
    pub names: Vec<String>,
    /// Each file's views per reviewer, by the corpus's file index.
    pub files: Vec<Vec<Views>>,
    /// The selected row of the differences table.
    pub sel: usize,
    /// The differences table stands in the figures pane (else the figures do).
    pub shown: bool,
    /// Every item anyone decided, not only those where the reviewers differ.
    pub all: bool,
    /// Rows of the open report, memoised by (report, revision, all).
    memo: RefCell<Option<(RowsKey, Rc<Vec<AdjRow>>)>>,
}

/// What the rows were built for: (report, its revision, every item or only differences).
type RowsKey = (usize, u64, bool);

/// What a row is about.
#[derive(Debug, Clone, PartialEq)]
pub enum AdjItem {
    Figure(FigureKey),
    /// A heading, by its first byte.
    Heading(usize),
    Field(ReportField),
}

/// One row of the differences table.
#[derive(Debug, Clone, PartialEq)]
pub struct AdjRow {
    pub item: AdjItem,
    /// Where it is in the file's text (the source view goes there).
    pub at: usize,
    /// What it is: the figure's text, the heading's title, the field's name.
    pub label: String,
    /// Each reviewer's decision, as a short text (`·` for none).
    pub cells: Vec<String>,
    /// The adjudicator's decision so far.
    pub mine: String,
    /// Every reviewer decided it and all said the same.
    pub agreed: bool,
    /// The adjudicator has decided it.
    pub decided: bool,
}

impl TeamState {
    pub fn new(names: Vec<String>) -> TeamState {
        TeamState {
            names,
            shown: true,
            ..Default::default()
        }
    }

    /// The reviewers' views of file `fi` (none yet: empty).
    pub fn views(&self, fi: usize) -> &[Views] {
        self.files.get(fi).map_or(&[], |v| v.as_slice())
    }

    /// The rows of report `ei`: where the reviewers differ (or every item, with
    /// `all`), in text order, report fields first.
    pub fn rows(&self, corpus: &Corpus, ei: usize) -> Rc<Vec<AdjRow>> {
        let Some(s) = corpus.session(ei) else {
            return Rc::default();
        };
        let key = (ei, s.rev(), self.all);
        if let Some((k, rows)) = &*self.memo.borrow()
            && *k == key
        {
            return rows.clone();
        }
        let body = corpus.body(s.file).unwrap_or_default();
        let rows = Rc::new(build_rows(s, &body.text, self.views(s.file), self.all));
        *self.memo.borrow_mut() = Some((key, rows.clone()));
        rows
    }

    /// Forget the memo (the reports moved: a split or a join).
    pub fn forget(&self) {
        *self.memo.borrow_mut() = None;
    }
}

fn build_rows(s: &ReportSession, text: &str, theirs: &[Views], all: bool) -> Vec<AdjRow> {
    let mine = Views::of_session(s);
    let inside = |at: usize| s.report.start <= at && at < s.report.end.max(s.report.start + 1);
    let keep = |agreed: bool| all || !agreed;
    let mut rows = Vec::new();
    for field in ReportField::ALL {
        let key = (s.review.report.clone(), field);
        let views: Vec<Option<FieldValue>> = theirs
            .iter()
            .map(|v| v.fields.get(&key).map(|(_, f)| f.clone()))
            .collect();
        let ok = agreed(&views, |a, b| a == b).is_some();
        if views.iter().any(Option::is_some) && keep(ok) {
            let mine_v = mine.fields.get(&key).map(|(_, v)| v);
            rows.push(AdjRow {
                item: AdjItem::Field(field),
                at: s.report.start,
                label: field.as_str().to_string(),
                cells: views
                    .iter()
                    .map(|v| cell(v.as_ref(), FieldValue::label))
                    .collect(),
                mine: cell(mine_v, FieldValue::label),
                agreed: ok,
                decided: mine_v.is_some(),
            });
        }
    }
    let mut items: Vec<AdjRow> = Vec::new();
    let heading_keys = keys(theirs.iter().map(|v| v.headings.keys().copied()), &inside);
    for start in heading_keys {
        let views: Vec<Option<HeadingView>> = theirs
            .iter()
            .map(|v| v.headings.get(&start).cloned())
            .collect();
        let ok = agreed(&views, HeadingView::same).is_some();
        if !keep(ok) {
            continue;
        }
        let title = views
            .iter()
            .flatten()
            .next()
            .map_or("", |v| v.title.as_str());
        items.push(AdjRow {
            item: AdjItem::Heading(start),
            at: start,
            label: format!("§ {title}"),
            cells: views
                .iter()
                .map(|v| cell(v.as_ref(), heading_cell))
                .collect(),
            mine: cell(mine.headings.get(&start), heading_cell),
            agreed: ok,
            decided: mine.headings.contains_key(&start),
        });
    }
    let figure_keys = keys(
        theirs.iter().map(|v| v.figures.keys().copied()),
        &|k: FigureKey| inside(k.0),
    );
    for key in figure_keys {
        let views: Vec<Option<FigureView>> = theirs
            .iter()
            .map(|v| v.figures.get(&key).cloned())
            .collect();
        let ok = agreed(&views, FigureView::same).is_some();
        if !keep(ok) {
            continue;
        }
        items.push(AdjRow {
            item: AdjItem::Figure(key),
            at: key.0,
            label: text.get(key.0..key.1).unwrap_or("").to_string(),
            cells: views
                .iter()
                .map(|v| cell(v.as_ref(), figure_cell))
                .collect(),
            mine: cell(mine.figures.get(&key), figure_cell),
            agreed: ok,
            decided: mine.figures.contains_key(&key),
        });
    }
    items.sort_by_key(|r| r.at);
    rows.extend(items);
    rows
}

/// The keys any reviewer has, once each, in order, those `inside` kept.
fn keys<K: Ord + Copy>(
    each: impl Iterator<Item = impl Iterator<Item = K>>,
    inside: &dyn Fn(K) -> bool,
) -> Vec<K> {
    let mut all: Vec<K> = each.flatten().filter(|k| inside(*k)).collect();
    all.sort();
    all.dedup();
    all
}

fn cell<V>(v: Option<&V>, show: impl Fn(&V) -> String) -> String {
    v.map_or_else(|| "·".to_string(), show)
}

/// A figure decision in a few characters: `ok 1800人+`, `rej`, `fix 4242人`.
pub fn figure_cell(v: &FigureView) -> String {
    let word = match v.status {
        DecisionStatus::Accepted => "ok",
        DecisionStatus::Rejected => return "rej".into(),
        DecisionStatus::Corrected => "fix",
        DecisionStatus::Added => "add",
    };
    let q = &v.quantity;
    let n = |x: Option<f64>| x.map_or_else(|| "?".to_string(), format_number);
    let mut value = match q.value_max {
        Some(_) => format!("{}-{}", n(q.value), n(q.value_max)),
        None => n(q.value),
    };
    value += &q.unit;
    match q.approx {
        Some(crate::model::Approx::Over) => value += "+",
        Some(crate::model::Approx::About) => value.insert(0, '~'),
        Some(crate::model::Approx::Under) => value.insert(0, '<'),
        None => {}
    }
    match &v.subject {
        Some(subj) => format!("{word} {value} {subj}"),
        None => format!("{word} {value}"),
    }
}

/// A heading decision in a few characters.
pub fn heading_cell(v: &HeadingView) -> String {
    match v.kind {
        SectionDecisionKind::Accepted => "ok".into(),
        SectionDecisionKind::NotAHeading => "not a heading".into(),
        SectionDecisionKind::Corrected => format!("L{} {}", v.level, v.title),
        SectionDecisionKind::MissingHeading => format!("add L{} {}", v.level, v.title),
    }
}
