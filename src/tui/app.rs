//! The workstation's one state, and read-only questions about it.
//!
//! Only `update::update` changes an `App`. Views and the run loop read it. The
//! one exception is `wrap`, a memo of wrapped rows behind a `RefCell`: filling
//! it never changes what is shown, and it lets views wrap only what is visible.
//!
//! `fig_index` is a cache too, but a plain one: `update` brings it up to date
//! (`App::sync_fig_index`) after every action and before it reads rows itself,
//! so views read it as they read any other state.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use crate::model::{Approx, FigureKind, Flag, Quantity, Report, Section};
use crate::review::{Attachment, DecisionStatus, FigureDecision, ReportReview, ReportStatus};
use crate::text::Line;

use super::figindex::FigIndex;
use super::keymap::{Ctx, Keymap};
use super::wrap;

/// Which pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Reports,
    Outline,
    Figures,
    Source,
}

/// A one-line text input with a cursor (in characters).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn new(s: &str) -> LineInput {
        LineInput {
            text: s.to_string(),
            cursor: s.chars().count(),
        }
    }

    fn byte_at(&self, ci: usize) -> usize {
        self.text
            .char_indices()
            .nth(ci)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let b = self.byte_at(self.cursor);
        self.text.insert(b, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            let b = self.byte_at(self.cursor - 1);
            self.text.remove(b);
            self.cursor -= 1;
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }
}

/// The figure a form works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A parsed figure, by index in the report.
    Parsed(usize),
    /// A figure the reviewer added, by index in the review's decisions.
    Added(usize),
    /// A new figure for the span `start..end` (from a text selection).
    New(usize, usize),
}

/// The correction form: value (read by the extraction parser), unit, kind, approx.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectForm {
    pub target: Target,
    /// value, unit, kind, approx.
    pub fields: [LineInput; 4],
    /// Fields the reviewer typed in; the others follow what the value reads as.
    pub edited: [bool; 4],
    pub focus: usize,
    /// What the parser says about the value field, or why the form cannot be saved.
    pub error: Option<String>,
    /// What the value field reads as, when it reads.
    pub reading: Option<Quantity>,
}

pub const FORM_LABELS: [&str; 4] = ["value", "unit", "kind", "approx"];

/// The tag picker: known tags filtered by what is typed.
#[derive(Debug, Clone, PartialEq)]
pub struct TagForm {
    pub target: Target,
    pub input: LineInput,
    pub selected: usize,
}

/// What a note is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOn {
    /// A figure of the open report.
    Figure(Target),
    /// A whole report (index into `App::entries`).
    Report(usize),
}

/// What a yes/no question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    AcceptAll,
}

/// Overlays and input modes; `Normal` when none is open.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Help {
        scroll: u16,
    },
    Search(LineInput),
    Correct(CorrectForm),
    Tags(TagForm),
    Note(NoteOn, LineInput),
    /// A text selection `start..end` in the open report's file text.
    Select {
        start: usize,
        end: usize,
    },
    Confirm(Question),
}

/// Which figures the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigFilter {
    All,
    Undecided,
    Flagged,
    Decided,
    Kind(FigureKind),
}

impl FigFilter {
    pub fn next(self) -> FigFilter {
        use FigFilter::*;
        match self {
            All => Undecided,
            Undecided => Flagged,
            Flagged => Decided,
            Decided => Kind(FigureKind::Count),
            Kind(FigureKind::Count) => Kind(FigureKind::Money),
            Kind(FigureKind::Money) => Kind(FigureKind::Percent),
            Kind(FigureKind::Percent) => Kind(FigureKind::Measure),
            Kind(FigureKind::Measure) => Kind(FigureKind::Age),
            Kind(_) => All,
        }
    }

    pub fn label(self) -> String {
        match self {
            FigFilter::All => "all".into(),
            FigFilter::Undecided => "undecided".into(),
            FigFilter::Flagged => "flagged".into(),
            FigFilter::Decided => "decided".into(),
            FigFilter::Kind(k) => k.as_str().into(),
        }
    }
}

/// Which reports the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFilter {
    All,
    Unreviewed,
    InProgress,
    Done,
    Flagged,
}

impl ReportFilter {
    pub fn next(self) -> ReportFilter {
        use ReportFilter::*;
        match self {
            All => Unreviewed,
            Unreviewed => InProgress,
            InProgress => Done,
            Done => Flagged,
            Flagged => All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportFilter::All => "all",
            ReportFilter::Unreviewed => "unreviewed",
            ReportFilter::InProgress => "in progress",
            ReportFilter::Done => "done",
            ReportFilter::Flagged => "flagged",
        }
    }
}

/// One loaded file.
#[derive(Debug, Clone)]
pub struct FileData {
    /// The path as found on disk.
    pub path: String,
    /// The name the store files it under.
    pub store_file: String,
    pub text: std::sync::Arc<str>,
    pub reports: Vec<Report>,
    /// Line ranges of `text`, for drawing the source.
    pub lines: Vec<Line>,
}

/// One report in the list, with its review.
#[derive(Debug, Clone)]
pub struct Entry {
    pub file: usize,
    pub report: usize,
    /// Behind an `Arc` so a save queued for the writer shares it instead of
    /// copying 20,000 decisions; `update` changes it through `Arc::make_mut`,
    /// which copies only while the writer still holds an older state.
    pub review: Arc<ReportReview>,
    pub attach: Attachment,
    /// Figures decided / figures in all (parsed + added), kept current by `update`.
    pub decided: usize,
    pub total: usize,
    pub flagged: usize,
    /// Whether the review says done, as counted in `App::done_reports`.
    pub done: bool,
    /// Bumped by `update` whenever `review` or `attach` changes (in `recount`,
    /// which every change goes through): the figure index is rebuilt when it moves.
    pub rev: u64,
}

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

/// One row of the figures table, resolved against its decision.
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
    pub section: Option<&'a str>,
}

/// The quantity of an added figure not yet given one.
static NO_QUANTITY: Quantity = Quantity {
    value: None,
    value_max: None,
    unit: String::new(),
    kind: FigureKind::Count,
    approx: None,
};

impl FigRow<'_> {
    pub fn status(&self) -> Option<DecisionStatus> {
        self.decision.and_then(|d| d.status)
    }
}

/// Wrapped rows of one line: absolute byte ranges.
pub type Rows = Rc<Vec<Range<usize>>>;

/// Memo of wrapped rows: (file, line start, width) → rows.
#[derive(Debug, Default)]
pub struct WrapCache {
    map: RefCell<HashMap<(usize, usize, u16), Rows>>,
}

impl WrapCache {
    /// Rows of one line of a file at a width, wrapping it the first time it is asked for.
    pub fn rows(&self, file: usize, text: &str, line: Range<usize>, width: u16) -> Rows {
        let key = (file, line.start, width);
        if let Some(r) = self.map.borrow().get(&key) {
            return r.clone();
        }
        let s = text.get(line.clone()).unwrap_or("");
        let rows: Vec<Range<usize>> = wrap::wrap_line(s, width as usize)
            .into_iter()
            .map(|r| r.start + line.start..r.end + line.start)
            .collect();
        let rows = Rc::new(rows);
        let mut m = self.map.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(key, rows.clone());
        rows
    }
}

/// The whole state of the workstation.
#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub reviewer: String,
    pub files: Vec<FileData>,
    pub entries: Vec<Entry>,
    pub pane: Pane,
    pub mode: Mode,
    /// Index into `visible_reports()`.
    pub report_sel: usize,
    /// The open report (index into `entries`).
    pub open: Option<usize>,
    /// Index into `outline_rows()`; row 0 is the whole report.
    pub outline_sel: usize,
    pub collapsed: HashSet<String>,
    /// Index into `fig_rows()`.
    pub fig_sel: usize,
    /// The source view keeps this byte offset in view.
    pub src_focus: usize,
    pub report_filter: ReportFilter,
    pub fig_filter: FigFilter,
    pub search: String,
    /// Search hits: (entry, byte offset in the file text, length).
    pub hits: Vec<(usize, usize, usize)>,
    pub hit_sel: Option<usize>,
    /// A search for the run loop to start on a thread (taken by it).
    pub search_request: Option<super::search::SearchRequest>,
    /// Id of the latest search; older answers are dropped.
    pub search_id: u64,
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    /// Reviews waiting to be written by the store writer (shared with the entry).
    pub outbox: Vec<Arc<ReportReview>>,
    /// Saves sent but not yet confirmed.
    pub saving: usize,
    pub status: String,
    /// (files loaded, files in all) while the loader runs.
    pub loading: Option<(usize, usize)>,
    pub size: (u16, u16),
    pub quit: bool,
    /// Tags known this session, for the picker.
    pub tags: Vec<String>,
    /// Set when the store is read-only: decisions are kept in memory only.
    pub read_only: Option<String>,
    pub no_color: bool,
    pub wrap: WrapCache,
    /// The figure rows of the open report; kept current by `update`.
    pub fig_index: FigIndex,
    /// How many reports carry each title, so the list can tell same-titled ones apart.
    pub title_counts: HashMap<String, usize>,
    /// Running totals for the progress line.
    pub done_reports: usize,
    pub decided_figs: usize,
    pub total_figs: usize,
}

/// Tags offered before any are used.
pub const DEFAULT_TAGS: &[&str] = &["check-source", "double-count", "typo", "unclear-unit"];

impl App {
    pub fn new(keymap: Keymap, reviewer: &str) -> App {
        App {
            keymap,
            reviewer: reviewer.to_string(),
            files: Vec::new(),
            entries: Vec::new(),
            pane: Pane::Reports,
            mode: Mode::Normal,
            report_sel: 0,
            open: None,
            outline_sel: 0,
            collapsed: HashSet::new(),
            fig_sel: 0,
            src_focus: 0,
            report_filter: ReportFilter::All,
            fig_filter: FigFilter::All,
            search: String::new(),
            hits: Vec::new(),
            hit_sel: None,
            search_request: None,
            search_id: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            outbox: Vec::new(),
            saving: 0,
            status: String::new(),
            loading: None,
            size: (80, 24),
            quit: false,
            tags: DEFAULT_TAGS.iter().map(|s| s.to_string()).collect(),
            read_only: None,
            no_color: false,
            wrap: WrapCache::default(),
            fig_index: FigIndex::default(),
            title_counts: HashMap::new(),
            done_reports: 0,
            decided_figs: 0,
            total_figs: 0,
        }
    }

    pub fn report_of(&self, e: &Entry) -> &Report {
        &self.files[e.file].reports[e.report]
    }

    /// Entries the list shows, in order.
    pub fn visible_reports(&self) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                match self.report_filter {
                    ReportFilter::All => true,
                    ReportFilter::Unreviewed => e.review.status == ReportStatus::Unreviewed,
                    ReportFilter::InProgress => e.review.status == ReportStatus::InProgress,
                    ReportFilter::Done => e.review.status == ReportStatus::Done,
                    ReportFilter::Flagged => e.flagged > 0,
                }
            })
            .collect()
    }

    /// The entry under the list cursor.
    pub fn selected_entry(&self) -> Option<usize> {
        if self.report_filter == ReportFilter::All {
            // Every entry is shown: no list to build (20,000 reports in a corpus).
            return (self.report_sel < self.entries.len()).then_some(self.report_sel);
        }
        self.visible_reports().get(self.report_sel).copied()
    }

    /// The outline rows of the open report: `None` for "whole report", then visible sections.
    pub fn outline_rows(&self) -> Vec<Option<&Section>> {
        let Some(e) = self.open.and_then(|i| self.entries.get(i)) else {
            return Vec::new();
        };
        let r = self.report_of(e);
        let mut rows = vec![None];
        let mut hidden_under: Option<u8> = None;
        for s in &r.sections {
            if let Some(l) = hidden_under {
                if s.level > l {
                    continue;
                }
                hidden_under = None;
            }
            rows.push(Some(s));
            if self.collapsed.contains(&s.id) {
                hidden_under = Some(s.level);
            }
        }
        rows
    }

    /// Whether a section has children (so it can fold).
    pub fn has_children(&self, s: &Section) -> bool {
        self.open
            .and_then(|i| self.entries.get(i))
            .is_some_and(|e| {
                self.report_of(e)
                    .sections
                    .iter()
                    .any(|c| c.parent.as_deref() == Some(s.id.as_str()))
            })
    }

    /// The section the figures table is scoped to, with its byte range.
    pub fn scope(&self) -> Option<&Section> {
        self.outline_rows().get(self.outline_sel).copied().flatten()
    }

    /// Row of parsed figure `i` of an entry, resolved against its decision.
    pub(super) fn parsed_row<'a>(&'a self, e: &'a Entry, i: usize) -> Option<FigRow<'a>> {
        let f = self.report_of(e).figures.get(i)?;
        let di = e.attach.figure_decisions.get(i).copied().flatten();
        let d = di.and_then(|di| e.review.figures.get(di));
        let span = di.and_then(|di| {
            e.attach
                .corrected_span(&e.review, di)
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
            section: f.section.as_deref(),
        })
    }

    /// Span of the added figure whose decision is `di`, if it has a decision.
    fn added_span(e: &Entry, di: usize) -> Option<(usize, usize)> {
        let d = e.review.figures.get(di)?;
        let found = e.attach.spans.get(di).copied().flatten();
        Some(
            e.attach
                .corrected_span(&e.review, di)
                .or(d.span)
                .or(found)
                .unwrap_or((d.anchor.start, d.anchor.end)),
        )
    }

    /// Row of the added figure whose decision is `di` (`attach.added` lists it).
    pub(super) fn added_row<'a>(&'a self, e: &'a Entry, di: usize) -> Option<FigRow<'a>> {
        let d = e.review.figures.get(di)?;
        let (start, end) = Self::added_span(e, di)?;
        let section = self
            .report_of(e)
            .sections
            .iter()
            .filter(|s| s.start <= start && start < s.end)
            .max_by_key(|s| (s.level, s.start))
            .map(|s| s.id.as_str());
        Some(FigRow {
            target: Target::Added(di),
            start,
            end,
            quantity: d.corrected.as_ref().unwrap_or(&NO_QUANTITY),
            subject: d.subject.as_deref(),
            flags: &[],
            decision: Some(d),
            section,
        })
    }

    /// The row of one target of an entry, whether or not the table shows it;
    /// `None` for `Target::New` and for targets the entry does not have.
    /// Costs one row (and, for an added figure, a look through `attach.added`).
    pub fn row_of(&self, ei: usize, t: Target) -> Option<FigRow<'_>> {
        let e = self.entries.get(ei)?;
        match t {
            Target::Parsed(i) => self.parsed_row(e, i),
            Target::Added(di) if e.attach.added.contains(&di) => self.added_row(e, di),
            _ => None,
        }
    }

    /// All figure rows of an entry (parsed and added), in text order, unfiltered.
    ///
    /// Builds every row: for tests and for the index, not for every key or frame
    /// (`fig_row_count`, `fig_row_at` and `rows_reaching` read the index).
    pub fn all_fig_rows(&self, ei: usize) -> Vec<FigRow<'_>> {
        let Some(e) = self.entries.get(ei) else {
            return Vec::new();
        };
        let r = self.report_of(e);
        let mut rows = Vec::with_capacity(r.figures.len() + e.attach.added.len());
        rows.extend((0..r.figures.len()).filter_map(|i| self.parsed_row(e, i)));
        rows.extend(
            e.attach
                .added
                .iter()
                .filter_map(|&di| self.added_row(e, di)),
        );
        // Parsed figures come in text order; only corrected spans and added
        // figures can put a row out of place.
        if !rows.is_sorted_by_key(|r| (r.start, r.end)) {
            rows.sort_by_key(|r| (r.start, r.end));
        }
        rows
    }

    /// The contexts whose keys work now, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match &self.mode {
            Mode::Help { .. } => vec![Ctx::Help],
            Mode::Search(_) | Mode::Correct(_) | Mode::Tags(_) | Mode::Note(..) => vec![Ctx::Form],
            Mode::Select { .. } => vec![Ctx::Select],
            Mode::Confirm(_) => vec![Ctx::Confirm],
            Mode::Normal => match self.pane {
                Pane::Reports => vec![Ctx::Reports, Ctx::Global],
                _ if self.open.is_some() => vec![Ctx::Report, Ctx::Global],
                _ => vec![Ctx::Global],
            },
        }
    }

    /// Figures a tag picker offers for `input`: known tags containing it.
    pub fn tag_choices(&self, input: &str) -> Vec<String> {
        let q = input.trim();
        self.tags
            .iter()
            .filter(|t| q.is_empty() || t.contains(q))
            .cloned()
            .collect()
    }

    /// The tags currently on a target.
    pub fn tags_of(&self, t: Target) -> Vec<String> {
        let Some(ei) = self.open else {
            return Vec::new();
        };
        self.row_of(ei, t)
            .and_then(|r| r.decision.map(|d| d.tags.clone()))
            .unwrap_or_default()
    }
}

/// Short mark for a report's review status in the list.
pub fn status_mark(s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Unreviewed => " ",
        ReportStatus::InProgress => "~",
        ReportStatus::Done => "✓",
    }
}

/// Short word for a figure decision.
pub fn decision_word(s: Option<DecisionStatus>) -> &'static str {
    match s {
        None => "·",
        Some(DecisionStatus::Accepted) => "ok",
        Some(DecisionStatus::Rejected) => "rej",
        Some(DecisionStatus::Corrected) => "fix",
        Some(DecisionStatus::Added) => "add",
    }
}

/// Approx as a short word.
pub fn approx_word(a: Option<Approx>) -> &'static str {
    a.map_or("", |a| a.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

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
