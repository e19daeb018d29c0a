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
        let asked = window.as_ref().map_or(RowChange::Any, |w| w.rows);
        let was_decided = self.row_decided(asked);
        let window = window.filter(|w| self.fits(w));
        let rows = if window.is_some() {
            asked
        } else {
            RowChange::Any
        };
        let review = Arc::make_mut(&mut self.review);
        let before = Before::take(review, &self.attach, window);
        f(review, &mut self.attach, text);
        if review.status == ReportStatus::Unreviewed {
            review.status = ReportStatus::InProgress;
        }
        if review.reviewer.is_none() {
            review.reviewer = Some(reviewer.to_string());
        }
        let edit = match before {
            Before::Window(b) => match self.windowed_edit(entry, b, rows) {
                Ok(Some(e)) => e,
                Ok(None) => return Edited::Nothing,
                Err(()) => return Edited::Unrecorded,
            },
            Before::Whole(before, before_attach) => {
                let review = Arc::make_mut(&mut self.review);
                if *review == before && self.attach == before_attach {
                    return Edited::Nothing;
                }
                Edit::new(entry, (before, before_attach), review, &self.attach)
            }
        };
        self.rows_changed(rows, was_decided);
        Edited::Recorded(Box::new(edit))
    }

    /// Whether a window holds for the review as it is.
    fn fits(&self, w: &Window) -> bool {
        w.figures.start <= w.figures.end
            && w.figures.end <= self.review.figures.len()
            && w.figure_decision
                .is_none_or(|i| i < self.attach.figure_decisions.len())
    }

    /// The edit a windowed change made: `Ok(None)` if it changed nothing,
    /// `Err` if it changed more than its window (nothing sound to record).
    fn windowed_edit(
        &mut self,
        entry: usize,
        b: WindowBefore,
        rows: RowChange,
    ) -> Result<Option<Edit>, ()> {
        let review = Arc::make_mut(&mut self.review);
        let attach = &self.attach;
        debug_assert_eq!(lens(attach), b.lens, "edit outside its window");
        let w = b.window;
        let end = (w.figures.end + review.figures.len())
            .checked_sub(b.old_len)
            .filter(|&x| x >= w.figures.start);
        let Some(end) = end else {
            self.recount();
            return Err(());
        };
        let same_win = review.figures[w.figures.start..end] == b.figures[..];
        let after_rest = rest_of(review);
        let mut attach_edit = AttachEdit {
            added: Run::diff(b.added, &attach.added),
            section_spans: Run::diff(b.section_spans, &attach.section_spans),
            ..Default::default()
        };
        if let (Some(i), Some(before)) = (w.figure_decision, b.figure_decision) {
            attach_edit.figure_decisions = Run {
                at: i,
                before: vec![before],
                after: vec![attach.figure_decisions[i]],
            };
        }
        if same_win && after_rest == b.rest && attach_edit.is_empty() {
            return Ok(None);
        }
        if after_rest.sections != b.rest.sections || !attach_edit.section_spans.is_empty() {
            self.forget_outline();
        }
        Ok(Some(Edit {
            entry,
            at: w.figures.start,
            before: Side {
                review: b.rest,
                len: b.figures.len(),
                figures: b.figures,
            },
            after: Side {
                review: after_rest,
                figures: Vec::new(),
                len: end - w.figures.start,
            },
            attach: attach_edit,
            rows,
        }))
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

/// What an edit must keep of the state before it.
enum Before {
    /// A windowed edit: the window's decisions and the short lists it may change.
    Window(WindowBefore),
    /// Anything may change: the review and its attachment, whole.
    Whole(ReportReview, Attachment),
}

/// Before a windowed edit: the window's decisions, its entry of
/// `figure_decisions`, `added` and `section_spans` (short lists), the rest of
/// the review, and the lengths the edit must not change.
struct WindowBefore {
    window: Window,
    old_len: usize,
    rest: ReportReview,
    figures: Vec<crate::review::FigureDecision>,
    figure_decision: Option<Option<usize>>,
    added: Vec<usize>,
    section_spans: Vec<Option<(usize, usize)>>,
    lens: (usize, usize, usize),
}

impl Before {
    fn take(review: &mut ReportReview, attach: &Attachment, window: Option<Window>) -> Before {
        let Some(w) = window else {
            return Before::Whole(review.clone(), attach.clone());
        };
        Before::Window(WindowBefore {
            old_len: review.figures.len(),
            rest: rest_of(review),
            figures: review.figures[w.figures.clone()].to_vec(),
            figure_decision: w.figure_decision.map(|i| attach.figure_decisions[i]),
            added: attach.added.clone(),
            section_spans: attach.section_spans.clone(),
            lens: lens(attach),
            window: w,
        })
    }
}

/// The lengths of the attachment's lists a windowed edit leaves alone.
fn lens(a: &Attachment) -> (usize, usize, usize) {
    (a.figure_decisions.len(), a.orphaned.len(), a.spans.len())
}

/// The review without its figure decisions (they are kept by run).
fn rest_of(review: &mut ReportReview) -> ReportReview {
    let figs = std::mem::take(&mut review.figures);
    let rest = review.clone();
    review.figures = figs;
    rest
}
