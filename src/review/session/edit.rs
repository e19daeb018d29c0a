//! The one way a report's review changes: [`ReportSession::edit`], which keeps
//! what changed for undo and the counts current.

use std::ops::Range;
use std::sync::Arc;

use super::super::{Attachment, ReportReview, ReportStatus};
use super::ReportSession;
use super::history::{AttachEdit, Edit, RowChange, Run, Side};

/// What a windowed edit may change: the decisions in `figures` (it may replace
/// them with more or fewer, as a push at the end does), the entry
/// `figure_decision` of `attach.figure_decisions` (which must exist),
/// `attach.added` and `attach.section_spans`, and the review's other fields;
/// nothing else of the attachment. `rows` says which figure rows that changes,
/// so the counts and any index of rows can follow.
#[derive(Debug, Clone)]
pub struct Window {
    pub figures: Range<usize>,
    pub figure_decision: Option<usize>,
    pub rows: RowChange,
}

impl Window {
    /// A window on decisions only, `figure_decisions` left alone, changing `rows`.
    pub fn decisions(figures: Range<usize>, rows: RowChange) -> Window {
        Window {
            figures,
            figure_decision: None,
            rows,
        }
    }

    /// No decision changes: the review's other fields (status, note, fields,
    /// sections, splits) only, no figure row.
    pub fn report_only(n_decisions: usize) -> Window {
        Window::decisions(n_decisions..n_decisions, RowChange::Nothing)
    }
}

/// What an edit did.
#[derive(Debug)]
pub enum Edited {
    /// Nothing changed.
    Nothing,
    /// Changed, and this is how to undo it.
    Recorded(Box<Edit>),
    /// Changed beyond what can be recorded (an edit that broke its window).
    Unrecorded,
}

impl ReportSession {
    /// Change the review through `f`, which gets the review, its attachment and
    /// the file's text. Only the window is copied for undo, so a decision costs
    /// the same in a report with 20,000 decisions as in one with 20. `None`: `f`
    /// may change anything, and the review and attachment are copied whole to
    /// find what it changed. An unreviewed report becomes in progress, and the
    /// reviewer is set if none was.
    pub fn edit(
        &mut self,
        entry: usize,
        text: &str,
        reviewer: &str,
        window: Option<Window>,
        f: impl FnOnce(&mut ReportReview, &mut Attachment, &str),
    ) -> Edited {
        let rows = window.as_ref().map_or(RowChange::Any, |w| w.rows);
        let was_decided = self.row_decided(rows);
        let review = Arc::make_mut(&mut self.review);
        let attach = &mut self.attach;
        let old_len = review.figures.len();
        let window = window.filter(|w| {
            w.figures.start <= w.figures.end
                && w.figures.end <= old_len
                && w.figure_decision
                    .is_none_or(|i| i < attach.figure_decisions.len())
        });
        let rows = if window.is_some() {
            rows
        } else {
            RowChange::Any
        };
        let before_rest = rest_of(review);
        // Before: the window's decisions, its entry of `figure_decisions`,
        // `added` and `section_spans` (short lists); or, without a window, all.
        let before_win = window.as_ref().map(|w| {
            (
                review.figures[w.figures.clone()].to_vec(),
                w.figure_decision.map(|i| attach.figure_decisions[i]),
                attach.added.clone(),
                attach.section_spans.clone(),
            )
        });
        let before_full = before_win
            .is_none()
            .then(|| (review.clone(), attach.clone()));
        let lens = |a: &Attachment| (a.figure_decisions.len(), a.orphaned.len(), a.spans.len());
        let before_lens = lens(attach);
        f(review, attach, text);
        if review.status == ReportStatus::Unreviewed {
            review.status = ReportStatus::InProgress;
        }
        if review.reviewer.is_none() {
            review.reviewer = Some(reviewer.to_string());
        }
        let edit = match (window, before_win, before_full) {
            (Some(w), Some((before_win, before_fd, before_added, before_ss)), _) => {
                debug_assert_eq!(lens(attach), before_lens, "edit outside its window");
                let new_len = review.figures.len();
                let end = (w.figures.end + new_len)
                    .checked_sub(old_len)
                    .filter(|&x| x >= w.figures.start);
                let Some(end) = end else {
                    // `f` removed more than its window: nothing sound to record.
                    self.recount();
                    return Edited::Unrecorded;
                };
                let same_win = review.figures[w.figures.start..end] == before_win[..];
                let after_rest = rest_of(review);
                let mut attach_edit = AttachEdit {
                    added: Run::diff(before_added, &attach.added),
                    section_spans: Run::diff(before_ss, &attach.section_spans),
                    ..Default::default()
                };
                if let (Some(i), Some(before)) = (w.figure_decision, before_fd) {
                    attach_edit.figure_decisions = Run {
                        at: i,
                        before: vec![before],
                        after: vec![attach.figure_decisions[i]],
                    };
                }
                if same_win && after_rest == before_rest && attach_edit.is_empty() {
                    return Edited::Nothing;
                }
                if after_rest.sections != before_rest.sections
                    || !attach_edit.section_spans.is_empty()
                {
                    self.forget_outline();
                }
                Edit {
                    entry,
                    at: w.figures.start,
                    before: Side {
                        review: before_rest,
                        len: before_win.len(),
                        figures: before_win,
                    },
                    after: Side {
                        review: after_rest,
                        figures: Vec::new(),
                        len: end - w.figures.start,
                    },
                    attach: attach_edit,
                    rows,
                }
            }
            (_, _, Some((before, before_attach))) => {
                if *review == before && *attach == before_attach {
                    return Edited::Nothing;
                }
                Edit::new(entry, (before, before_attach), review, attach)
            }
            _ => return Edited::Nothing,
        };
        self.rows_changed(rows, was_decided);
        Edited::Recorded(Box::new(edit))
    }

    /// Take the review back to before `ed` (`undo`) or on to after it.
    pub fn apply_edit(&mut self, ed: &mut Edit, undo: bool) {
        let was = self.row_decided(ed.rows);
        if ed.before.review.sections != ed.after.review.sections
            || !ed.attach.section_spans.is_empty()
        {
            self.forget_outline();
        }
        ed.apply(Arc::make_mut(&mut self.review), &mut self.attach, undo);
        self.rows_changed(ed.rows, was);
    }

    /// Whether the one row `rows` names is decided; `None` without such a row.
    fn row_decided(&self, rows: RowChange) -> Option<bool> {
        match rows {
            RowChange::One(t) => self.row_of(t).map(|r| r.status().is_some()),
            _ => None,
        }
    }

    /// The counts after a change to `rows` (`was`: whether the one row was
    /// decided before): patched for one row, counted again for any.
    fn rows_changed(&mut self, rows: RowChange, was: Option<bool>) {
        match (rows, was, self.row_decided(rows)) {
            (RowChange::Nothing, _, _) => self.recount_by(0),
            (RowChange::One(_), Some(was), Some(now)) => {
                self.recount_by(isize::from(now) - isize::from(was))
            }
            _ => self.recount(),
        }
    }
}

/// The review without its figure decisions (they are kept by run).
fn rest_of(review: &mut ReportReview) -> ReportReview {
    let figs = std::mem::take(&mut review.figures);
    let rest = review.clone();
    review.figures = figs;
    rest
}
