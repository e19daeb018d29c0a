//! The workstation's one state, and the questions views and tests ask of it.
//!
//! The review itself (files, reports, reviews, history, counts, saves) is the
//! core's [`Corpus`]; `App` adds what is on screen: focus, selections, mode,
//! search, status. Only `update` changes an `App`; its fields are the tui's
//! own, and everything outside reads it through the methods here.
//!
//! Two caches: `wrap`, a memo of wrapped rows behind a `RefCell` (filling it
//! never changes what is shown), and `fig_index`, the figure rows of the open
//! report, which `update` brings up to date (`App::sync_fig_index`) after every
//! action, so views read it as they read any other state.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::rc::Rc;

use crate::model::{Approx, Report};
use crate::review::session::{
    Corpus, FigRow, FileBody, OutlineRow, Preparation, Prepared, ReportSession,
};
use crate::review::{DecisionStatus, ReportStatus};

use super::figindex::FigIndex;

/// Reports that keep their details (figures, outline) once the reviewer has
/// moved on from them; the others are read again when shown (a report of a
/// file whose split is cached: well under a millisecond). Reports with
/// decisions always keep theirs.
const DETAIL_REPORTS: usize = 32;
use super::keymap::{Ctx, Keymap};
use super::search::{Hit, SearchRequest};
pub use super::state::*;
use super::wrap;

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

    /// Forget every row (the files' list changed under them).
    pub fn clear(&self) {
        self.map.borrow_mut().clear();
    }
}

/// The search: what was asked, its hits, the one shown.
#[derive(Debug, Default)]
pub struct Search {
    pub query: String,
    /// (entry, byte offset in the file text, length), in entry order.
    pub hits: Vec<Hit>,
    pub sel: Option<usize>,
    /// A search for the run loop to start on a thread (taken by it).
    pub request: Option<SearchRequest>,
    /// Id of the latest search; older answers are dropped.
    pub id: u64,
}

/// The whole state of the workstation.
#[derive(Debug)]
pub struct App {
    pub(super) keymap: Keymap,
    pub(super) corpus: Corpus,
    pub(super) pane: Pane,
    pub(super) mode: Mode,
    /// Index into `visible_reports()`.
    pub(super) report_sel: usize,
    /// The open report (index into the corpus's reports).
    pub(super) open: Option<usize>,
    /// Index into `outline_rows()`; row 0 is the whole report.
    pub(super) outline_sel: usize,
    pub(super) collapsed: HashSet<String>,
    /// Index into the figure table's rows.
    pub(super) fig_sel: usize,
    /// The source view keeps this byte offset in view.
    pub(super) src_focus: usize,
    pub(super) report_filter: ReportFilter,
    pub(super) fig_filter: FigFilter,
    pub(super) search: Search,
    pub(super) status: String,
    /// (files loaded, files in all) while the loader runs.
    pub(super) loading: Option<(usize, usize)>,
    pub(super) size: (u16, u16),
    pub(super) quit: bool,
    /// Quit once the saves in flight are answered (asking if any failed).
    pub(super) quit_when_saved: bool,
    pub(super) exit: Exit,
    /// Tags offered by the picker: the store's tag set, then those in use.
    pub(super) tags: Vec<String>,
    /// Why edits are refused (the store is another's, or the lock was lost).
    pub(super) read_only: Option<String>,
    /// The store folder, for a recovery file beside it.
    pub(super) store_dir: Option<PathBuf>,
    pub(super) no_color: bool,
    pub(super) wrap: WrapCache,
    pub(super) fig_index: FigIndex,
    /// Adjudicating: the reviewers' work beside this session's.
    pub(super) team: Option<super::team::TeamState>,
    /// Labels telling same-titled reports apart (by report index): the
    /// shortest part of their paths that does (`labels.rs`).
    pub(super) labels: HashMap<usize, String>,
    /// The focused pane drawn over the whole body.
    pub(super) zoom: bool,
    /// Large files being read and split on other threads.
    pub(super) preparing: Preparing,
}

/// Large files made ready on other threads before a report of them is shown
/// (see `review::session::prepare`).
#[derive(Debug, Default)]
pub struct Preparing {
    /// The files under way.
    pub files: Vec<usize>,
    /// Those for the run loop to start (taken by it).
    pub requests: Vec<Preparation>,
}

impl App {
    pub fn new(keymap: Keymap, reviewer: &str) -> App {
        let mut corpus = Corpus::new(reviewer);
        corpus.keep_details_of(DETAIL_REPORTS);
        App {
            keymap,
            corpus,
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
            search: Search::default(),
            status: String::new(),
            loading: None,
            size: (80, 24),
            quit: false,
            quit_when_saved: false,
            exit: Exit::Clean,
            tags: crate::review::DEFAULT_TAGS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            read_only: None,
            store_dir: None,
            no_color: false,
            wrap: WrapCache::default(),
            fig_index: FigIndex::default(),
            team: None,
            labels: HashMap::new(),
            zoom: false,
            preparing: Preparing::default(),
        }
    }

    // ---- what the session is ----

    /// The review session: files, reports, reviews, history, totals, saves.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The session, to take its saves (the run loop) or change it by hand (tests).
    pub fn corpus_mut(&mut self) -> &mut Corpus {
        &mut self.corpus
    }

    /// Report `ei` with its review.
    pub fn session(&self, ei: usize) -> Option<&ReportSession> {
        self.corpus.session(ei)
    }

    /// The text and lines of report `ei`'s file, read again if they were
    /// dropped; `None` if the file cannot be (the source pane says why) or is
    /// being read on another thread.
    pub fn body_of(&self, ei: usize) -> Option<std::sync::Arc<FileBody>> {
        if self.awaits_file(ei) {
            return None;
        }
        self.corpus.body_of(ei).ok()
    }

    /// Whether report `ei` waits for its file, read on another thread.
    pub fn awaits_file(&self, ei: usize) -> bool {
        self.corpus
            .session(ei)
            .is_some_and(|s| self.preparing.files.contains(&s.file))
    }

    /// Bring what the views read up to date: the details of the open report
    /// and of the one under the list cursor (parsed again if they were
    /// dropped), then the figure index. `update` calls it after every action
    /// and before it reads rows itself.
    pub fn sync_views(&mut self) {
        for ei in [self.selected_entry(), self.open].into_iter().flatten() {
            if self.awaits_file(ei) {
                continue;
            }
            if let Some(p) = self.corpus.slow_to_show(ei) {
                self.preparing.files.extend(p.awaited_file());
                self.preparing.requests.push(p);
                continue;
            }
            if let Err(e) = self.corpus.show(ei) {
                self.status = e.to_string();
            }
        }
        let open = self.open.filter(|&ei| !self.awaits_file(ei));
        self.preparing
            .requests
            .extend(self.corpus.anchors_ahead(open));
        self.sync_fig_index();
    }

    /// The large files the run loop should make ready on other threads, taken.
    pub fn take_preparations(&mut self) -> Vec<Preparation> {
        std::mem::take(&mut self.preparing.requests)
    }

    /// A file made ready on another thread: held, so its reports show at once.
    pub(super) fn prepared(&mut self, p: Prepared) {
        self.preparing
            .files
            .retain(|&f| Some(f) != p.awaited_file());
        self.corpus.hold(p);
    }

    /// Report `ei` as laid out.
    pub fn report(&self, ei: usize) -> Option<&Report> {
        self.corpus.session(ei).map(|s| &*s.report)
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn reviewer(&self) -> &str {
        self.corpus.reviewer()
    }

    /// Adjudicating: the reviewers and their work, if this session adjudicates.
    pub fn team(&self) -> Option<&super::team::TeamState> {
        self.team.as_ref()
    }

    /// Make this session an adjudication of the reviewers `names`.
    pub fn set_team(&mut self, names: Vec<String>) {
        // Agreement is counted over every report's figures.
        self.corpus.keep_all_details();
        self.team = Some(super::team::TeamState::new(names));
    }

    pub fn set_no_color(&mut self, on: bool) {
        self.no_color = on;
    }

    /// The store folder a recovery file goes beside, and the tags it offers.
    pub fn set_store(&mut self, dir: PathBuf, tags: Vec<String>) {
        self.store_dir = Some(dir);
        self.tags = tags;
    }

    // ---- what is on screen ----

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn open(&self) -> Option<usize> {
        self.open
    }

    pub fn src_focus(&self) -> usize {
        self.src_focus
    }

    pub fn fig_sel(&self) -> usize {
        self.fig_sel
    }

    pub fn report_sel(&self) -> usize {
        self.report_sel
    }

    pub fn outline_sel(&self) -> usize {
        self.outline_sel
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the focused pane is drawn over the whole body.
    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    /// The label that tells report `ei` from others of the same title, if any shares it.
    pub fn label(&self, ei: usize) -> Option<&str> {
        self.labels.get(&ei).map(String::as_str)
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The search the run loop should start, taken.
    pub fn take_search_request(&mut self) -> Option<SearchRequest> {
        self.search.request.take()
    }

    pub fn loading(&self) -> Option<(usize, usize)> {
        self.loading
    }

    /// Set while the loader runs (before it counts the files: `(0, 0)`).
    pub fn set_loading(&mut self, l: Option<(usize, usize)>) {
        self.loading = l;
    }

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Refuse edits from now on, saying why.
    pub fn set_read_only(&mut self, why: String) {
        self.read_only = Some(why);
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    pub fn exit(&self) -> &Exit {
        &self.exit
    }

    /// Entries the list shows, in order.
    pub fn visible_reports(&self) -> Vec<usize> {
        let all = self.corpus.sessions();
        (0..all.len())
            .filter(|&i| {
                let s = &all[i];
                match self.report_filter {
                    ReportFilter::All => true,
                    ReportFilter::Unreviewed => s.status() == ReportStatus::Unreviewed,
                    ReportFilter::InProgress => s.status() == ReportStatus::InProgress,
                    ReportFilter::Done => s.status() == ReportStatus::Done,
                    ReportFilter::Flagged => s.finding_count() > 0,
                }
            })
            .collect()
    }

    /// The entry under the list cursor.
    pub fn selected_entry(&self) -> Option<usize> {
        if self.report_filter == ReportFilter::All {
            // Every entry is shown: no list to build (20,000 reports in a corpus).
            return (self.report_sel < self.corpus.len()).then_some(self.report_sel);
        }
        self.visible_reports().get(self.report_sel).copied()
    }

    /// The outline rows of the open report: `None` for "whole report", then the
    /// headings of the corrected outline (rejected ones marked), folds applied.
    pub fn outline_rows(&self) -> Vec<Option<&OutlineRow>> {
        let Some(s) = self.open.and_then(|i| self.corpus.session(i)) else {
            return Vec::new();
        };
        let mut rows = vec![None];
        let mut hidden_under: Option<u8> = None;
        for r in s.outline() {
            if let Some(l) = hidden_under {
                if r.section.level > l {
                    continue;
                }
                hidden_under = None;
            }
            let folded = self.collapsed.contains(&r.section.id);
            let level = r.section.level;
            rows.push(Some(r));
            if folded {
                hidden_under = Some(level);
            }
        }
        rows
    }

    /// Whether a heading of the open report has children (so it can fold).
    pub fn has_children(&self, id: &str) -> bool {
        self.open
            .and_then(|i| self.corpus.session(i))
            .is_some_and(|s| {
                s.outline()
                    .iter()
                    .any(|c| c.section.parent.as_deref() == Some(id))
            })
    }

    /// Whether a heading is folded.
    pub fn is_folded(&self, id: &str) -> bool {
        self.collapsed.contains(id)
    }

    /// The heading the figures table is scoped to, if any: its row.
    pub fn scope(&self) -> Option<&OutlineRow> {
        self.outline_rows().get(self.outline_sel).copied().flatten()
    }

    /// The row of one target of report `ei`.
    pub fn row_of(&self, ei: usize, t: Target) -> Option<FigRow<'_>> {
        self.corpus.session(ei)?.row_of(t)
    }

    /// The contexts whose keys work now, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        let mut ctxs = self.mode_contexts();
        if self.team.is_some() && ctxs.contains(&Ctx::Global) {
            ctxs.insert(0, Ctx::Adjudicate);
        }
        ctxs
    }

    fn mode_contexts(&self) -> Vec<Ctx> {
        match &self.mode {
            Mode::Help { .. } => vec![Ctx::Help],
            Mode::Glance(_) => vec![Ctx::Glance],
            m if m.is_form() => vec![Ctx::Form],
            Mode::Select { .. } => vec![Ctx::Select],
            Mode::Confirm(_) => vec![Ctx::Confirm],
            Mode::Warnings { .. } => vec![Ctx::Warnings],
            _ => match self.pane {
                Pane::Reports => vec![Ctx::Reports, Ctx::Global],
                Pane::Outline if self.open.is_some() => {
                    vec![Ctx::Outline, Ctx::Report, Ctx::Global]
                }
                _ if self.open.is_some() => vec![Ctx::Report, Ctx::Global],
                _ => vec![Ctx::Global],
            },
        }
    }

    /// Tags a tag picker offers for `input`: known tags containing it.
    pub fn tag_choices(&self, input: &str) -> Vec<String> {
        let q = input.trim();
        self.tags
            .iter()
            .filter(|t| q.is_empty() || t.contains(q))
            .cloned()
            .collect()
    }

    /// The tags currently on a target of the open report.
    pub fn tags_of(&self, t: Target) -> Vec<String> {
        let Some(ei) = self.open else {
            return Vec::new();
        };
        self.row_of(ei, t)
            .and_then(|r| r.decision.map(|d| d.tags.clone()))
            .unwrap_or_default()
    }

    /// Reports whose latest decisions are not on disk (saves that failed).
    pub fn unsaved(&self) -> usize {
        self.corpus.saves.failed()
    }

    /// Saves made and not yet answered.
    pub fn saving(&self) -> usize {
        self.corpus.saves.pending()
    }
}

/// Short mark for a report's review status in the list.
pub fn status_mark(s: &ReportSession) -> &'static str {
    if s.not_a_report() {
        return "✗";
    }
    match s.status() {
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
