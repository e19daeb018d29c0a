//! Figure rows: a report's figures (parsed and added) resolved against their
//! decisions, as the workstation's table and the export read them.

use crate::model::{Figure, Flag, Quantity};

use super::super::{DecisionStatus, FigureDecision};
use super::ReportSession;

/// The figure an edit works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A parsed figure, by index in the report.
    Parsed(usize),
    /// A figure the reviewer added, by index in the review's decisions.
    Added(usize),
    /// A new figure for the span `start..end` (from a text selection).
    New(usize, usize),
}

/// One figure row, resolved against its decision.
#[derive(Debug, Clone)]
pub struct FigRow<'a> {
    pub target: Target,
    pub start: usize,
    pub end: usize,
    /// Borrowed, like the rest: rows are rebuilt on every key and every frame,
    /// so building one must not allocate (20,000 figures in a report).
    pub quantity: &'a Quantity,
    pub subject: Option<&'a str>,
    pub flags: &'a [Flag],
    pub decision: Option<&'a FigureDecision>,
    /// The parsed figure, `None` for an added one.
    pub figure: Option<&'a Figure>,
}

/// The quantity of an added figure not yet given one.
static NO_QUANTITY: Quantity = Quantity {
    value: None,
    value_max: None,
    unit: String::new(),
    kind: crate::model::FigureKind::Count,
    approx: None,
};

impl FigRow<'_> {
    pub fn status(&self) -> Option<DecisionStatus> {
        self.decision.and_then(|d| d.status)
    }
}

impl ReportSession {
    /// Row of parsed figure `i`, resolved against its decision.
    pub fn parsed_row(&self, i: usize) -> Option<FigRow<'_>> {
        let f = self.report.figures.get(i)?;
        let di = self.attach.figure_decisions.get(i).copied().flatten();
        let d = di.and_then(|di| self.review.figures.get(di));
        let span = di.and_then(|di| {
            self.attach
                .corrected_span(&self.review, di)
                .or_else(|| d.and_then(|d| d.span))
        });
        let (start, end) = span.unwrap_or((f.start, f.end));
        Some(FigRow {
            target: Target::Parsed(i),
            start,
            end,
            quantity: d.and_then(|d| d.corrected.as_ref()).unwrap_or(&f.quantity),
            subject: d
                .and_then(|d| d.subject.as_deref())
                .or(f.subject.as_deref()),
            flags: &f.flags,
            decision: d,
            figure: Some(f),
        })
    }

    /// Span of the added figure whose decision is `di`, if it has a decision.
    pub fn added_span(&self, di: usize) -> Option<(usize, usize)> {
        let d = self.review.figures.get(di)?;
        let found = self.attach.spans.get(di).copied().flatten();
        Some(
            self.attach
                .corrected_span(&self.review, di)
                .or(d.span)
                .or(found)
                .unwrap_or((d.anchor.start, d.anchor.end)),
        )
    }

    /// Row of the added figure whose decision is `di` (`attach.added` lists it).
    pub fn added_row(&self, di: usize) -> Option<FigRow<'_>> {
        let d = self.review.figures.get(di)?;
        let (start, end) = self.added_span(di)?;
        Some(FigRow {
            target: Target::Added(di),
            start,
            end,
            quantity: d.corrected.as_ref().unwrap_or(&NO_QUANTITY),
            subject: d.subject.as_deref(),
            flags: &[],
            decision: Some(d),
            figure: None,
        })
    }

    /// The row of one target, whether or not a table shows it; `None` for
    /// `Target::New` and for targets the report does not have.
    pub fn row_of(&self, t: Target) -> Option<FigRow<'_>> {
        match t {
            Target::Parsed(i) => self.parsed_row(i),
            Target::Added(di) if self.attach.added.contains(&di) => self.added_row(di),
            _ => None,
        }
    }

    /// All figure rows (parsed and added), in text order: builds every row, for
    /// export, tests and the workstation's index, not for every key.
    pub fn all_rows(&self) -> Vec<FigRow<'_>> {
        let mut rows = Vec::with_capacity(self.report.figures.len() + self.attach.added.len());
        rows.extend((0..self.report.figures.len()).filter_map(|i| self.parsed_row(i)));
        rows.extend(
            self.attach
                .added
                .iter()
                .filter_map(|&di| self.added_row(di)),
        );
        // Parsed figures come in text order; only corrected spans and added
        // figures can put a row out of place.
        if !rows.is_sorted_by_key(|r| (r.start, r.end)) {
            rows.sort_by_key(|r| (r.start, r.end));
        }
        rows
    }

    /// The rows whose span overlaps `start..end` (not touching): what a new
    /// figure over that span would duplicate.
    pub fn rows_overlapping(&self, start: usize, end: usize) -> Vec<Target> {
        self.all_rows()
            .into_iter()
            .filter(|r| r.start < end && start < r.end)
            .map(|r| r.target)
            .collect()
    }
}
