//! A review session over a corpus: its files, their reports with reviews, the
//! history, the running totals and the saves to make. Every edit goes through
//! [`Corpus::edit`] (one report) or a layout edit (several), and says what it
//! changed ([`Change`]) so a view can patch what it shows.

use std::sync::{Arc, Mutex, MutexGuard};

use super::super::{Attachment, ReportReview};
use super::ahead::Ahead;
use super::details::DetailCache;
use super::edit::{Edited, Window};
use super::files::{CorpusFile, FileBody, FileText, TextCache, TextError, TextSource};
use super::history::{History, LayoutEdit, RowChange, Step};
use super::saves::{SaveOp, SaveQueue};
use super::{Counts, ReportSession};

/// Running totals over every report, kept by difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub reports: usize,
    pub done: usize,
    /// Figure rows decided and in all.
    pub decided: usize,
    pub figures: usize,
}

/// What an edit, an undo or a redo changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The report changed (the first of a layout run).
    pub entry: usize,
    pub rows: RowChange,
    /// A layout edit: the reports from `entry` on, `removed` of them, were
    /// replaced by `inserted` (indices after them moved by the difference).
    pub layout: Option<(usize, usize)>,
}

/// The session: files, reports, history, totals, saves.
#[derive(Debug, Default)]
pub struct Corpus {
    pub(super) files: Vec<CorpusFile>,
    /// Texts of files on disk read again, the last few used (see `files`).
    texts: Mutex<TextCache>,
    /// Which files keep their reports' details (see `details`).
    pub(super) details: DetailCache,
    pub(super) sessions: Vec<ReportSession>,
    pub(super) history: History,
    totals: Totals,
    pub saves: SaveQueue,
    reviewer: String,
    /// The open report's anchors, made on another thread (see `ahead`).
    pub(super) ahead: Ahead,
}

impl Corpus {
    pub fn new(reviewer: &str) -> Corpus {
        Corpus {
            reviewer: reviewer.to_string(),
            ..Default::default()
        }
    }

    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    /// Add a file and its reports (their `file` is set here); returns the
    /// indices of the reports added.
    pub fn add_file(
        &mut self,
        file: FileText,
        sessions: Vec<ReportSession>,
    ) -> std::ops::Range<usize> {
        let fi = self.files.len();
        self.texts
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .add(&mut self.files, file);
        let from = self.sessions.len();
        for mut s in sessions {
            s.file = fi;
            self.count_in(&s, 1);
            self.sessions.push(s);
        }
        self.place_details(from..self.sessions.len());
        from..self.sessions.len()
    }

    pub fn files(&self) -> &[CorpusFile] {
        &self.files
    }

    pub fn file(&self, fi: usize) -> &CorpusFile {
        &self.files[fi]
    }

    pub(super) fn texts(&self) -> MutexGuard<'_, TextCache> {
        // The cache holds no invariant a panic elsewhere could break.
        self.texts.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn texts_mut(&mut self) -> &mut TextCache {
        self.texts.get_mut().unwrap_or_else(|p| p.into_inner())
    }

    /// File `fi`'s text and lines: held, or read again from disk (and kept
    /// among the last few used); an error if the file changed since loading.
    pub fn body(&self, fi: usize) -> Result<Arc<FileBody>, TextError> {
        let file = self.files.get(fi).ok_or_else(|| TextError::Unreadable {
            path: String::new(),
            reason: format!("no file {fi}"),
        })?;
        self.texts().body(fi, file)
    }

    /// The text and lines of report `ei`'s file.
    pub fn body_of(&self, ei: usize) -> Result<Arc<FileBody>, TextError> {
        let fi = self.sessions.get(ei).map_or(usize::MAX, |s| s.file);
        self.body(fi)
    }

    /// File `fi` with its text, for a pass over many files (a glance): read
    /// again if it is not in memory, without pushing the files in use out of
    /// the cache.
    pub fn file_text(&self, fi: usize) -> Result<FileText, TextError> {
        let f = self.files.get(fi).ok_or_else(|| TextError::Unreadable {
            path: String::new(),
            reason: format!("no file {fi}"),
        })?;
        Ok(FileText {
            path: f.path.clone(),
            key: f.key.clone(),
            encoding: f.encoding.clone(),
            text: self.text_source(fi).text()?,
            disk: None,
            split: None,
        })
    }

    /// Where file `fi`'s text is now, for a search on another thread.
    pub fn text_source(&self, fi: usize) -> TextSource {
        match self.files.get(fi) {
            Some(f) => self.texts().source(fi, f),
            None => TextSource::Held(Arc::from("")),
        }
    }

    /// Files read again from disk so far.
    pub fn text_reads(&self) -> usize {
        self.texts().reads()
    }

    /// Drop every text that can be read again (the next use reads it from
    /// disk). Files already found changed stay so.
    pub fn forget_texts(&self) {
        self.texts().forget();
    }

    pub fn sessions(&self) -> &[ReportSession] {
        &self.sessions
    }

    pub fn session(&self, ei: usize) -> Option<&ReportSession> {
        self.sessions.get(ei)
    }

    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// The file of report `ei`.
    pub fn file_of(&self, ei: usize) -> &CorpusFile {
        &self.files[self.sessions[ei].file]
    }

    pub fn totals(&self) -> Totals {
        self.totals
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    fn count_in(&mut self, s: &ReportSession, sign: isize) {
        let c = s.counts();
        let t = &mut self.totals;
        let add = |v: &mut usize, by: usize| {
            *v = v.saturating_add_signed(sign * by as isize);
        };
        add(&mut t.reports, 1);
        add(&mut t.done, usize::from(s.is_done()));
        add(&mut t.decided, c.decided);
        add(&mut t.figures, c.total);
    }

    /// Totals moved from one state of a report to another.
    fn retotal(&mut self, before: (Counts, bool), after: (Counts, bool)) {
        let t = &mut self.totals;
        t.decided = (t.decided + after.0.decided).saturating_sub(before.0.decided);
        t.figures = (t.figures + after.0.total).saturating_sub(before.0.total);
        t.done = (t.done + usize::from(after.1)).saturating_sub(usize::from(before.1));
    }

    /// Change report `ei`'s review through `f` (see [`ReportSession::edit`]):
    /// recorded for undo, saved, counted. `None` when nothing changed.
    pub fn edit(
        &mut self,
        ei: usize,
        window: Option<Window>,
        f: impl FnOnce(&mut ReportReview, &mut Attachment, &str),
    ) -> Option<Change> {
        self.show(ei).ok()?;
        let body = self.body_of(ei).ok()?;
        let text = &body.text;
        let s = &mut self.sessions[ei];
        let before = (s.counts(), s.is_done());
        let edited = s.edit(ei, text, &self.reviewer, window, f);
        let after = (s.counts(), s.is_done());
        let review = s.review.clone();
        let rows = match edited {
            Edited::Nothing => return None,
            Edited::Recorded(ed) => {
                let rows = ed.rows;
                self.history.push(Step::Review(ed));
                rows
            }
            Edited::Unrecorded => RowChange::Any,
        };
        self.retotal(before, after);
        self.saves.push(SaveOp::Save(review));
        Some(Change {
            entry: ei,
            rows,
            layout: None,
        })
    }

    /// Undo the newest step: what it changed, or `None` with nothing to undo.
    pub fn undo(&mut self) -> Option<Change> {
        self.travel(true)
    }

    /// Redo the newest undone step.
    pub fn redo(&mut self) -> Option<Change> {
        self.travel(false)
    }

    fn travel(&mut self, back: bool) -> Option<Change> {
        let mut step = if back {
            self.history.undo.pop()?
        } else {
            self.history.redo.pop()?
        };
        let at = match &step {
            Step::Review(ed) => ed.entry,
            Step::Layout(le) => le.at,
        };
        if self.show(at).is_err() {
            // Not applied: the step stays where it was.
            if back {
                self.history.undo.push(step);
            } else {
                self.history.redo.push(step);
            }
            return None;
        }
        let change = match &mut step {
            Step::Review(ed) => {
                let ei = ed.entry;
                let s = self.sessions.get_mut(ei)?;
                let before = (s.counts(), s.is_done());
                s.apply_edit(ed, back);
                let after = (s.counts(), s.is_done());
                let review = s.review.clone();
                self.retotal(before, after);
                self.saves.push(SaveOp::Save(review));
                Change {
                    entry: ei,
                    rows: ed.rows,
                    layout: None,
                }
            }
            Step::Layout(le) => self.apply_layout(le, back),
        };
        if back {
            self.history.redo.push(step);
        } else {
            self.history.undo.push(step);
        }
        Some(change)
    }

    /// Replace the run of reports a layout edit covers by its other side
    /// (`undo`: by `before`), saving what changed: reviews that gain decisions
    /// first, then those that lose them, then the files of reports gone.
    pub(super) fn apply_layout(&mut self, le: &LayoutEdit, undo: bool) -> Change {
        let (from, to) = if undo {
            (&le.after, &le.before)
        } else {
            (&le.before, &le.after)
        };
        let stubs: &[ReportReview] = if undo { &[] } else { &le.after_stubs };
        let at = le.at.min(self.sessions.len());
        let end = (at + from.len()).min(self.sessions.len());
        let file = self.sessions.get(at).map_or(0, |s| s.file);
        let text = self.body(file).ok().map(|b| b.text.clone());
        let old: Vec<ReportSession> = self.sessions.drain(at..end).collect();
        for s in &old {
            self.count_in(s, -1);
        }
        let mut new = Vec::with_capacity(to.len());
        for st in to {
            let mut s = ReportSession::restored(file, st);
            if let Some(t) = &text
                && s.attach.figure_decisions.len() != s.report.figures.len()
            {
                s.reattach(t);
            }
            s.recount();
            self.count_in(&s, 1);
            new.push(s);
        }
        self.save_layout(&old, &new, stubs);
        let inserted = new.len();
        self.sessions.splice(at..at, new);
        self.details.moved(at, old.len(), inserted);
        Change {
            entry: at,
            rows: RowChange::Any,
            layout: Some((old.len(), inserted)),
        }
    }

    /// The saves a layout change makes: reviews that gain decisions first, then
    /// those that lose them, the joins, then the files of reports gone.
    fn save_layout(
        &mut self,
        old: &[ReportSession],
        new: &[ReportSession],
        stubs: &[ReportReview],
    ) {
        let had = |id: &str| {
            old.iter()
                .find(|o| o.review.report == id)
                .map_or(0, |o| o.review.figures.len())
        };
        let mut ordered: Vec<&ReportSession> = new.iter().collect();
        ordered.sort_by_key(|s| {
            std::cmp::Reverse(s.review.figures.len().saturating_sub(had(&s.review.report)))
        });
        for s in ordered {
            self.saves.push(SaveOp::Save(s.review.clone()));
        }
        for st in stubs {
            self.saves.push(SaveOp::Save(Arc::new(st.clone())));
        }
        for o in old {
            let kept = new.iter().any(|s| s.review.report == o.review.report)
                || stubs.iter().any(|s| s.report == o.review.report);
            if !kept {
                self.saves.push(SaveOp::Remove {
                    file: o.review.file.clone(),
                    report: o.review.report.clone(),
                });
            }
        }
    }

    /// The session of report `ei`, to change it outside an edit (tests).
    pub fn session_mut(&mut self, ei: usize) -> Option<&mut ReportSession> {
        self.sessions.get_mut(ei)
    }
}
