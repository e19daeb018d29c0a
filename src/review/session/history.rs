//! Undo and redo: the session's history of edits, each keeping only what it
//! changed, so that a decision costs the same in a report with 20,000 decisions
//! as in one with 20 (as helix keeps its `History` in its core).
//!
//! Two kinds of step: an [`Edit`] of one report's review (a run of decisions,
//! the review's other fields, the runs of its attachment that changed), and a
//! [`LayoutEdit`] that replaced a run of reports (a split or a join), kept whole.
//! History is linear: a step is undone only when every newer one has been, so
//! the report indices each step holds are the ones it was made with.

use crate::model::Report;

use super::super::{Attachment, FigureDecision, ReportReview};
use super::rows::Target;

/// The run of a list that an edit changed: from index `at`, `before` became `after`.
#[derive(Debug, Clone, PartialEq)]
pub struct Run<T> {
    pub at: usize,
    pub before: Vec<T>,
    pub after: Vec<T>,
}

impl<T> Default for Run<T> {
    fn default() -> Self {
        Run {
            at: 0,
            before: Vec::new(),
            after: Vec::new(),
        }
    }
}

/// How long the common head and the common tail of two lists are (not
/// overlapping): what an edit left alone.
pub fn common_ends<T: PartialEq>(before: &[T], after: &[T]) -> (usize, usize) {
    let at = before.iter().zip(after).take_while(|(x, y)| x == y).count();
    let room = before.len().min(after.len()) - at;
    let tail = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (at, tail)
}

impl<T: Clone + PartialEq> Run<T> {
    /// The smallest run turning `before` into `after`: their common head and
    /// tail left out (taken from `before`, so its run is not copied).
    pub fn diff(mut before: Vec<T>, after: &[T]) -> Run<T> {
        let (at, tail) = common_ends(&before, after);
        before.truncate(before.len() - tail);
        before.drain(..at);
        Run {
            at,
            before,
            after: after[at..after.len() - tail].to_vec(),
        }
    }

    /// Whether the run changes nothing.
    pub fn is_empty(&self) -> bool {
        self.before == self.after
    }

    /// Turn `v` in one state of this run into the other: back to before
    /// (`undo`) or on to after.
    pub fn apply(&self, v: &mut Vec<T>, undo: bool) {
        let (from, to) = if undo {
            (&self.after, &self.before)
        } else {
            (&self.before, &self.after)
        };
        let end = (self.at + from.len()).min(v.len());
        let at = self.at.min(end);
        v.splice(at..end, to.iter().cloned());
    }
}

/// What an edit changed in a report's attachment: for each of its lists, the
/// run that differs. A decision changes one entry of `figure_decisions`, which
/// has one per figure: keeping the whole attachment twice per edit cost 640 KB
/// of history per decision in a report with 20,000 figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AttachEdit {
    pub figure_decisions: Run<Option<usize>>,
    pub added: Run<usize>,
    pub orphaned: Run<usize>,
    pub spans: Run<Option<(usize, usize)>>,
    pub section_spans: Run<Option<(usize, usize)>>,
}

impl AttachEdit {
    /// The change from `before` to `after`, list by list.
    pub fn diff(before: Attachment, after: &Attachment) -> AttachEdit {
        AttachEdit {
            figure_decisions: Run::diff(before.figure_decisions, &after.figure_decisions),
            added: Run::diff(before.added, &after.added),
            orphaned: Run::diff(before.orphaned, &after.orphaned),
            spans: Run::diff(before.spans, &after.spans),
            section_spans: Run::diff(before.section_spans, &after.section_spans),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.figure_decisions.is_empty()
            && self.added.is_empty()
            && self.orphaned.is_empty()
            && self.spans.is_empty()
            && self.section_spans.is_empty()
    }

    /// Back to before (`undo`) or on to after.
    pub fn apply(&self, a: &mut Attachment, undo: bool) {
        self.figure_decisions.apply(&mut a.figure_decisions, undo);
        self.added.apply(&mut a.added, undo);
        self.orphaned.apply(&mut a.orphaned, undo);
        self.spans.apply(&mut a.spans, undo);
        self.section_spans.apply(&mut a.section_spans, undo);
    }
}

/// One side of an edit: the review without its decisions, and the run of
/// decisions that differs from the other side's.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The review's other fields (`figures` left empty).
    pub review: ReportReview,
    /// This side's run of decisions while the review is in the other state;
    /// empty while the review holds it (it is there, `len` long). Undo and redo
    /// move the runs between the review and the edit instead of copying them:
    /// accept-all makes a run of 20,000 decisions.
    pub figures: Vec<FigureDecision>,
    pub len: usize,
}

/// A decision that can be undone: one report's review before and after.
///
/// Only the run of decisions that changed is kept (from index `at`), not the whole
/// review twice: in a report with 20,000 decisions, whole copies added megabytes
/// to the history and tens of milliseconds to every key. The attachment is kept
/// the same way (`attach`).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub entry: usize,
    pub at: usize,
    pub before: Side,
    pub after: Side,
    pub attach: AttachEdit,
    /// Which figure rows the edit changes (undoing it changes the same).
    pub rows: RowChange,
}

/// Which figure rows of a report an edit changes, when `update` knows: then
/// the counts and the figure index follow that row alone instead of a pass
/// over the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    /// No row (the report's status or note).
    Nothing,
    /// The decision of this row; no row comes or goes.
    One(Target),
    /// Any: rows may come, go or move.
    Any,
}

impl Edit {
    /// The edit from `before` (whole) to `after` (as the entry now holds it).
    pub fn new(
        entry: usize,
        before: (ReportReview, Attachment),
        after: &mut ReportReview,
        after_attach: &Attachment,
    ) -> Edit {
        let (mut b_rest, b_attach) = before;
        let mut bf = std::mem::take(&mut b_rest.figures);
        let af = std::mem::take(&mut after.figures);
        let (at, tail) = common_ends(&bf, &af);
        bf.truncate(bf.len() - tail);
        bf.drain(..at);
        let a_len = af.len() - tail - at;
        let a_rest = after.clone();
        after.figures = af;
        Edit {
            entry,
            at,
            before: Side {
                review: b_rest,
                len: bf.len(),
                figures: bf,
            },
            after: Side {
                review: a_rest,
                figures: Vec::new(),
                len: a_len,
            },
            attach: AttachEdit::diff(b_attach, after_attach),
            rows: RowChange::Any,
        }
    }

    /// Turn a review in one state of this edit into the other: back to before
    /// (`undo`) or on to after. The run taken out of the review is kept here
    /// for the way back.
    pub fn apply(&mut self, review: &mut ReportReview, attach: &mut Attachment, undo: bool) {
        let (from, to) = if undo {
            (&mut self.after, &mut self.before)
        } else {
            (&mut self.before, &mut self.after)
        };
        let mut figs = std::mem::take(&mut review.figures);
        let end = (self.at + from.len).min(figs.len());
        let at = self.at.min(end);
        let incoming = std::mem::take(&mut to.figures);
        to.len = incoming.len();
        from.figures = figs.splice(at..end, incoming).collect();
        from.len = from.figures.len();
        *review = to.review.clone();
        review.figures = figs;
        self.attach.apply(attach, undo);
    }
}

/// The reports of a run before or after a layout edit, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportState {
    pub report: Report,
    pub review: ReportReview,
    pub attach: Attachment,
    pub absorbed: Vec<String>,
}

/// A split or a join: the run of reports from `at` that was `before` became
/// `after` (in the corpus's list of reports).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutEdit {
    pub at: usize,
    pub before: Vec<ReportState>,
    pub after: Vec<ReportState>,
    /// Reviews of reports joined into one of `after` (each says `join_previous`
    /// and holds no decisions): written with the after side, so the join is
    /// found again, and not removed.
    pub after_stubs: Vec<ReportReview>,
}

/// One step of the history.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Review(Box<Edit>),
    Layout(LayoutEdit),
}

impl Step {
    /// The report the step is about (the first of a layout run).
    pub fn entry(&self) -> usize {
        match self {
            Step::Review(e) => e.entry,
            Step::Layout(l) => l.at,
        }
    }
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}

impl History {
    /// A new step: it can be undone, and what was undone can no longer be redone.
    pub fn push(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReportStatus;

    fn dec(note: &str) -> FigureDecision {
        FigureDecision {
            note: Some(note.to_string()),
            ..Default::default()
        }
    }

    #[test]
    fn edits_keep_only_what_changed_and_undo_redo_exactly() {
        let base: Vec<FigureDecision> = ["a", "b", "c", "d"].iter().map(|n| dec(n)).collect();
        // (what the edit does, decisions it should keep on the before side)
        type Change = Box<dyn Fn(&mut ReportReview)>;
        let cases: Vec<(&str, Change, usize)> = vec![
            ("change one", Box::new(|r| r.figures[1] = dec("B")), 1),
            ("push", Box::new(|r| r.figures.push(dec("e"))), 0),
            (
                "remove middle",
                Box::new(|r| {
                    r.figures.remove(2);
                }),
                1,
            ),
            (
                "status only",
                Box::new(|r| r.status = ReportStatus::Done),
                0,
            ),
            (
                "change all",
                Box::new(|r| r.figures.iter_mut().for_each(|d| d.note = None)),
                4,
            ),
            ("clear", Box::new(|r| r.figures.clear()), 4),
        ];
        for (name, edit, kept) in cases {
            let mut before = ReportReview::new("f.txt", "r1", "t");
            before.figures = base.clone();
            let attach = Attachment::default();
            let mut now = before.clone();
            edit(&mut now);
            let mut a2 = attach.clone();
            a2.added.push(9);
            let mut ed = Edit::new(0, (before.clone(), attach.clone()), &mut now, &a2);
            assert_eq!(ed.before.figures.len(), kept, "{name}");
            // The after side is in the review, not copied into the edit.
            assert!(ed.after.figures.is_empty(), "{name}");
            let after = now.clone();
            let mut at = a2.clone();
            for _ in 0..2 {
                ed.apply(&mut now, &mut at, true);
                assert_eq!((&now, &at), (&before, &attach), "{name}: undo");
                assert!(ed.before.figures.is_empty(), "{name}");
                ed.apply(&mut now, &mut at, false);
                assert_eq!((&now, &at), (&after, &a2), "{name}: redo");
            }
        }
    }
}
