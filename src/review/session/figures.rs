//! The edits on figures: decide (accept, reject, correct, tag, note, subject),
//! move a boundary, add a missed figure (or move an existing one's boundary to
//! it), take an added figure out, accept every undecided one.

use super::super::{Anchor, DecisionStatus, FigureDecision, now_rfc3339};
use super::corpus::{Change, Corpus};
use super::edit::Window;
use super::history::RowChange;
use super::rows::Target;

impl Corpus {
    /// Apply `f` to the decision for `target` in report `ei`, creating it if
    /// needed (a `New` target adds a figure). Only that decision is copied for
    /// undo; the one row changes.
    pub fn decide(
        &mut self,
        ei: usize,
        target: Target,
        f: impl FnOnce(&mut FigureDecision),
    ) -> Option<Change> {
        let who = self.reviewer().to_string();
        let at = now_rfc3339();
        let s = self.shown(ei)?;
        let figs = &s.report.figures;
        let n_figs = figs.len();
        let span = match target {
            Target::Parsed(i) => figs.get(i).map(|f| (f.start, f.end)),
            _ => None,
        };
        // The one decision this changes, or the end where a new one goes.
        let n_dec = s.review.figures.len();
        let figures = match target {
            Target::Parsed(i) => match s.attach.figure_decisions.get(i).copied().flatten() {
                Some(di) if di < n_dec => di..di + 1,
                _ => n_dec..n_dec,
            },
            Target::Added(di) if di < n_dec => di..di + 1,
            _ => n_dec..n_dec,
        };
        // And the figure's entry in `figure_decisions`. A list too short for the
        // report (never made so by `attach`) is lengthened below: then the whole
        // attachment may change, and no window is given.
        let window = match target {
            Target::Parsed(i) if s.attach.figure_decisions.len() >= n_figs => Some(Window {
                figures,
                figure_decision: Some(i),
                rows: RowChange::One(target),
            }),
            Target::Parsed(_) => None,
            Target::Added(_) => Some(Window::decisions(figures, RowChange::One(target))),
            // A new row.
            Target::New(..) => Some(Window::decisions(figures, RowChange::Any)),
        };
        self.edit(ei, window, move |review, attach, text| {
            let di = match target {
                Target::Parsed(i) => {
                    let Some((fs, fe)) = span else { return };
                    if attach.figure_decisions.len() < n_figs {
                        attach.figure_decisions.resize(n_figs, None);
                    }
                    match attach.figure_decisions[i] {
                        Some(di) if di < review.figures.len() => di,
                        _ => {
                            review.figures.push(FigureDecision {
                                anchor: Anchor::new(text, fs, fe),
                                ..Default::default()
                            });
                            let di = review.figures.len() - 1;
                            attach.figure_decisions[i] = Some(di);
                            di
                        }
                    }
                }
                Target::Added(di) if di < review.figures.len() => di,
                Target::Added(_) => return,
                Target::New(s, e) => {
                    review.figures.push(FigureDecision {
                        anchor: Anchor::new(text, s, e),
                        status: Some(DecisionStatus::Added),
                        ..Default::default()
                    });
                    let di = review.figures.len() - 1;
                    attach.added.push(di);
                    di
                }
            };
            let d = &mut review.figures[di];
            f(d);
            d.reviewer = who;
            d.at = at;
        })
    }

    /// Accept or reject a figure. Rejecting an added figure takes it out.
    pub fn set_status(&mut self, ei: usize, t: Target, status: DecisionStatus) -> Option<Change> {
        match (t, status) {
            (Target::Added(di), DecisionStatus::Rejected) => self.remove_added(ei, di),
            (Target::Added(_), _) => None,
            _ => self.decide(ei, t, |d| {
                d.status = Some(status);
                if status != DecisionStatus::Corrected {
                    d.corrected = None;
                }
            }),
        }
    }

    /// Move a figure's boundary to `start..end` (a span inside its report).
    pub fn set_span(&mut self, ei: usize, t: Target, start: usize, end: usize) -> Option<Change> {
        let s = self.shown(ei)?;
        let r = &s.report;
        if start >= end || start < r.start || end > r.end {
            return None;
        }
        self.decide(ei, t, |d| d.span = Some((start, end)))
    }

    /// Move a figure's start (`start`) or end one character left (`-1`) or right.
    pub fn nudge(&mut self, ei: usize, t: Target, start: bool, dir: isize) -> Option<Change> {
        self.show(ei).ok()?;
        let s = self.session(ei)?;
        let row = s.row_of(t)?;
        let body = self.body_of(ei).ok()?;
        let text = &body.text;
        let step = |at: usize| {
            if dir < 0 {
                prev_char(text, at)
            } else {
                next_char(text, at)
            }
        };
        let (a, b) = if start {
            (step(row.start), row.end)
        } else {
            (row.start, step(row.end))
        };
        if text.get(a..b).is_none_or(|t| t.contains(['\n', '\r'])) {
            return None;
        }
        self.set_span(ei, t, a, b)
    }

    /// A rejected added figure is taken out again (undo brings it back).
    pub fn remove_added(&mut self, ei: usize, di: usize) -> Option<Change> {
        self.edit(ei, None, |review, attach, _| {
            if di < review.figures.len() {
                review.figures.remove(di);
                let fix = |v: &mut usize| {
                    if *v > di {
                        *v -= 1
                    }
                };
                if di < attach.spans.len() {
                    attach.spans.remove(di);
                }
                attach.added.retain(|&a| a != di);
                attach.added.iter_mut().for_each(fix);
                attach.orphaned.retain(|&a| a != di);
                attach.orphaned.iter_mut().for_each(fix);
                for x in attach.figure_decisions.iter_mut().flatten() {
                    fix(x);
                }
            }
        })
    }

    /// Accept the parsed figures `targets` (indices into the report's figures).
    /// Their anchors and room are those made ahead (see `ahead`) where there are.
    pub fn accept_all(&mut self, ei: usize, targets: &[usize]) -> Option<Change> {
        let who = self.reviewer().to_string();
        let at = now_rfc3339();
        let s = self.shown(ei)?;
        let figs = &s.report.figures;
        let n_figs = figs.len();
        let spans: Vec<(usize, usize, usize)> = targets
            .iter()
            .filter_map(|&i| figs.get(i).map(|f| (i, f.start, f.end)))
            .collect();
        let body = self.body_of(ei).ok()?;
        let mut ready = self.lend_ready(&body);
        let change = self.edit(ei, None, |review, attach, text| {
            attach.figure_decisions.resize(n_figs, None);
            ready.make_room(&mut review.figures, spans.len());
            for (i, fs, fe) in spans {
                let di = match attach.figure_decisions[i] {
                    Some(di) if di < review.figures.len() => di,
                    _ => {
                        let anchor = match ready.take(fs, fe) {
                            Some(a) => {
                                debug_assert_eq!(a, Anchor::new(text, fs, fe), "made ahead");
                                a
                            }
                            None => Anchor::new(text, fs, fe),
                        };
                        review.figures.push(FigureDecision {
                            anchor,
                            ..Default::default()
                        });
                        attach.figure_decisions[i] = Some(review.figures.len() - 1);
                        review.figures.len() - 1
                    }
                };
                let d = &mut review.figures[di];
                d.status = Some(DecisionStatus::Accepted);
                d.reviewer = who.clone();
                d.at = at.clone();
            }
        });
        self.give_back(ready);
        change
    }
}

/// The start of the character before byte `i` (or `i` at the start).
pub fn prev_char(text: &str, i: usize) -> usize {
    text.get(..i)
        .and_then(|s| s.char_indices().next_back())
        .map_or(i, |(j, _)| j)
}

/// The end of the character at byte `i` (or `i` at the end).
pub fn next_char(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(i, |c| i + c.len_utf8())
}
