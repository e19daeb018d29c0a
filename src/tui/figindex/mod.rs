//! The figure rows of the report the panes show, kept by `update` so that a key
//! or a frame costs what it shows or what it changed, not a pass over every
//! figure of the report (20,000 in one report).
//!
//! Two levels, both in `FigIndex`:
//!
//! * every row of the report, in text order: its target, span and what the
//!   filters ask of it (`RowInfo`), with the running maximum of the ends for
//!   finding the rows in view by binary search. It depends on the report and its
//!   review only: rebuilt (one pass over the figures) when the open report
//!   changes, or when its review changes in a way `update` did not describe; a
//!   decision on one parsed figure patches that figure's row instead;
//! * the rows the table shows: those in the outline scope (a range of the
//!   first level, found by binary search) that pass the filter. Refilled from
//!   the first level's compact rows when the scope or the filter changes;
//!   after a patched decision, one row goes in or out.
//!
//! Staleness is decided by a key: the entry, its revision (`Entry::rev`, bumped
//! by `update` on every change to its review or attachment), the scope's byte
//! range, the filter and whether the report is open. `update` calls
//! `App::sync_fig_index` after every action and before it reads rows itself;
//! views only read. Debug builds check every patch against a full rebuild.

use super::app::{App, FigFilter, Target};
use crate::model::FigureKind;
use crate::review::session::FigRow;

/// Where one figure row is: its target and span. The rest of the row is read
/// from the report and the review when it is drawn (`App::fig_row_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowPos {
    pub target: Target,
    pub start: usize,
    pub end: usize,
}

/// What the table's filters ask of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowInfo {
    pub decided: bool,
    pub flagged: bool,
    pub kind: FigureKind,
}

impl RowInfo {
    pub fn of(r: &FigRow) -> RowInfo {
        RowInfo {
            decided: r.status().is_some(),
            flagged: !r.flags.is_empty(),
            kind: r.quantity.kind,
        }
    }

    /// Whether the filter keeps the row.
    pub fn passes(self, f: FigFilter) -> bool {
        match f {
            FigFilter::All => true,
            FigFilter::Undecided => !self.decided,
            FigFilter::Flagged => self.flagged,
            FigFilter::Decided => self.decided,
            FigFilter::Kind(k) => self.kind == k,
        }
    }
}

/// How the table looks at the rows: which of them it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct View {
    /// Whether the report is open (with none, the table is empty).
    open: bool,
    /// The outline scope's byte range.
    scope: Option<(usize, usize)>,
    filter: FigFilter,
}

/// What a `FigIndex` was built from; when the state says otherwise it is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IndexKey {
    /// The open report, or with none open the selected one (the source pane's).
    entry: usize,
    /// `Entry::rev` then: the review and its attachment.
    rev: u64,
    view: View,
}

/// A change `update` made to one row only (`row`), or to no row (`None`): the
/// entry's revision after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Touch {
    entry: usize,
    rev: u64,
    row: Option<Target>,
}

/// The figure rows of the report the panes show (see the module).
#[derive(Debug, Default, Clone)]
pub struct FigIndex {
    key: Option<IndexKey>,
    /// Every row of the report, in text order (as `App::all_fig_rows`).
    all: Vec<RowPos>,
    /// What the filters ask of each row of `all`.
    info: Vec<RowInfo>,
    /// Running maximum of `all[..=i].end`: where the rows reaching a byte start.
    reach: Vec<usize>,
    /// For each parsed figure, where its row is in `all`.
    slot: Vec<u32>,
    /// The rows the table shows (scope and filter), as indices into `all`.
    shown: Vec<u32>,
    /// The one-row change since the last sync, if `update` said so.
    touch: Option<Touch>,
    /// How many times the first level was rebuilt (a pass over the report).
    builds: u64,
}

impl FigIndex {
    /// Say that the last change to `entry` (now at revision `rev`) changed only
    /// the decision of `row`'s row (`None`: no row at all), so the next sync
    /// can patch that row instead of rebuilding. The row's span is checked, and
    /// a debug build compares the patched index with a full rebuild.
    pub fn touched(&mut self, entry: usize, rev: u64, row: Option<Target>) {
        self.touch = Some(Touch { entry, rev, row });
    }

    /// The same rows and the same table (the key aside).
    #[cfg(debug_assertions)]
    fn same_rows(&self, o: &FigIndex) -> bool {
        (&self.all, &self.info, &self.reach, &self.slot, &self.shown)
            == (&o.all, &o.info, &o.reach, &o.slot, &o.shown)
    }

    fn clear(&mut self) {
        self.all.clear();
        self.info.clear();
        self.reach.clear();
        self.slot.clear();
        self.shown.clear();
    }

    /// Where the rows starting in the scope are: `all` is in text order.
    fn scope_range(&self, v: View) -> std::ops::Range<usize> {
        match v.scope {
            Some((s, e)) => {
                let lo = self.all.partition_point(|p| p.start < s);
                let hi = self.all.partition_point(|p| p.start < e);
                lo..hi.max(lo)
            }
            None => 0..self.all.len(),
        }
    }

    /// Refill the table's rows from the first level: the rows in scope only.
    fn fill_shown(&mut self) {
        self.shown.clear();
        let Some(k) = self.key else { return };
        if !k.view.open {
            return;
        }
        for n in self.scope_range(k.view) {
            if self.info[n].passes(k.view.filter) {
                self.shown.push(n as u32);
            }
        }
    }

    /// Whether the table, as the key says, shows row `n` of `all` with `info`.
    fn shows(&self, n: usize, info: RowInfo) -> bool {
        let Some(k) = self.key else { return false };
        let start = self.all[n].start;
        k.view.open
            && k.view.scope.is_none_or(|(s, e)| s <= start && start < e)
            && info.passes(k.view.filter)
    }
}

impl App {
    /// The figure rows the table shows: the open report's, scoped to the outline
    /// selection and filtered. Built from the index (`update` keeps it current),
    /// one row per shown figure: for tests; keys and frames use `fig_row_count`
    /// and `fig_row_at`.
    pub fn fig_rows(&self) -> Vec<FigRow<'_>> {
        (0..self.fig_row_count())
            .filter_map(|i| self.fig_row_at(i))
            .collect()
    }

    /// How many times the figure index was rebuilt from the report's figures:
    /// for tests that keys which should not do that do not.
    pub fn fig_index_builds(&self) -> u64 {
        self.fig_index.builds
    }

    /// How many rows the figures table shows.
    pub fn fig_row_count(&self) -> usize {
        self.fig_index.shown.len()
    }

    /// Target and span of row `i` of the figures table.
    pub fn fig_pos_at(&self, i: usize) -> Option<RowPos> {
        let k = *self.fig_index.shown.get(i)?;
        self.fig_index.all.get(k as usize).copied()
    }

    /// Whether row `i` of the figures table is decided (from the index: no
    /// look at the report).
    pub fn fig_row_decided(&self, i: usize) -> Option<bool> {
        let k = *self.fig_index.shown.get(i)?;
        self.fig_index.info.get(k as usize).map(|f| f.decided)
    }

    /// Row `i` of the figures table, resolved: costs one row, not the table.
    pub fn fig_row_at(&self, i: usize) -> Option<FigRow<'_>> {
        let p = self.fig_pos_at(i)?;
        let s = self.corpus.session(self.fig_index.key?.entry)?;
        match p.target {
            Target::Parsed(i) => s.parsed_row(i),
            Target::Added(di) => s.added_row(di),
            Target::New(..) => None,
        }
    }

    /// The first row of the figures table that starts at byte `s`: the table is
    /// in text order, so a binary search.
    pub fn fig_row_starting_at(&self, s: usize) -> Option<usize> {
        let ix = &self.fig_index;
        let i = ix.shown.partition_point(|&k| ix.all[k as usize].start < s);
        self.fig_pos_at(i).filter(|p| p.start == s).map(|_| i)
    }

    /// Where the table shows `t`, if it does: the selected row, or a binary
    /// search by the target's span (the table is in text order).
    pub fn fig_row_of_target(&self, t: Target) -> Option<usize> {
        if self.fig_pos_at(self.fig_sel).is_some_and(|p| p.target == t) {
            return Some(self.fig_sel);
        }
        let ix = &self.fig_index;
        let r = self.row_of(ix.key?.entry, t)?;
        let span = |k: u32| {
            let p = &ix.all[k as usize];
            (p.start, p.end)
        };
        let key = (r.start, r.end);
        let i = ix.shown.partition_point(|&k| span(k) < key);
        ix.shown[i..]
            .iter()
            .take_while(|&&k| span(k) == key)
            .position(|&k| ix.all[k as usize].target == t)
            .map(|j| i + j)
    }

    /// Every row of entry `ei` in text order, as `all_fig_rows` orders them:
    /// where each is and what the filters ask of it; `None` when the index is
    /// of another entry.
    pub fn fig_positions(&self, ei: usize) -> Option<(&[RowPos], &[RowInfo])> {
        let ix = &self.fig_index;
        (ix.key?.entry == ei).then_some((&ix.all[..], &ix.info[..]))
    }

    /// Rows of entry `ei` (open or shown in the source pane) that overlap the
    /// bytes `from..=to` (touching counts), in text order: a binary search in
    /// the index, then only those rows. `None` when the index is of another entry.
    pub fn rows_reaching(&self, ei: usize, from: usize, to: usize) -> Option<&[RowPos]> {
        let ix = &self.fig_index;
        if ix.key?.entry != ei {
            return None;
        }
        let hi = ix.all.partition_point(|p| p.start <= to);
        // `reach` is the running maximum of the ends: rows before `lo` all end before `from`.
        let lo = ix.reach[..hi].partition_point(|&m| m < from);
        Some(&ix.all[lo..hi])
    }

    /// What the figure index should be built from now.
    fn fig_index_key(&self) -> Option<IndexKey> {
        match self.open {
            Some(ei) => Some(IndexKey {
                entry: ei,
                rev: self.corpus.session(ei)?.rev(),
                view: View {
                    open: true,
                    scope: self.scope().map(|s| (s.section.start, s.section.end)),
                    filter: self.fig_filter,
                },
            }),
            // Nothing open: the source pane shows the selected report; the table is empty.
            None => {
                let ei = self.selected_entry()?;
                Some(IndexKey {
                    entry: ei,
                    rev: self.corpus.session(ei)?.rev(),
                    view: View {
                        open: false,
                        scope: None,
                        filter: FigFilter::All,
                    },
                })
            }
        }
    }

    /// Whether the figure index matches the state (what `update` keeps true).
    pub fn fig_index_fresh(&self) -> bool {
        self.fig_index.key == self.fig_index_key()
    }

    /// Bring the figure index up to date (see the module): nothing when nothing
    /// it depends on changed; the table's rows when only the scope or the filter
    /// did; one row after a decision `update` described with
    /// `FigIndex::touched`; else a rebuild. Called by `update`, the only place
    /// state changes; views only read the index.
    pub fn sync_fig_index(&mut self) {
        let key = self.fig_index_key();
        let touch = self.fig_index.touch.take();
        if self.fig_index.key == key {
            return;
        }
        let mut ix = std::mem::take(&mut self.fig_index);
        let old = ix.key;
        ix.key = key;
        match (old, key) {
            (_, None) => ix.clear(),
            (Some(o), Some(k)) if o.entry == k.entry && o.rev == k.rev => ix.fill_shown(),
            (Some(o), Some(k))
                if o.entry == k.entry
                    && o.rev + 1 == k.rev
                    && touch.is_some_and(|t| t.entry == k.entry && t.rev == k.rev)
                    && self.patch_row(&mut ix, touch.and_then(|t| t.row), o.view == k.view) => {}
            (_, Some(_)) => {
                self.fill_all(&mut ix);
                ix.fill_shown();
                ix.builds += 1;
            }
        }
        #[cfg(debug_assertions)]
        {
            let mut fresh = FigIndex {
                key,
                ..FigIndex::default()
            };
            self.fill_all(&mut fresh);
            fresh.fill_shown();
            debug_assert!(ix.same_rows(&fresh), "figure index differs from a rebuild");
        }
        self.fig_index = ix;
    }

    /// Patch the row of `target` after a change to its decision alone (`None`:
    /// after a change to no row); `false`, with nothing changed, when that
    /// cannot be done: not a parsed figure, or its span moved (it may belong
    /// elsewhere in the order).
    fn patch_row(&self, ix: &mut FigIndex, target: Option<Target>, same_view: bool) -> bool {
        let mut changed = None;
        if let Some(t) = target {
            let Target::Parsed(i) = t else { return false };
            let Some(k) = ix.key else { return false };
            let Some(n) = ix.slot.get(i).map(|&n| n as usize) else {
                return false;
            };
            let (Some(e), Some(p)) = (self.corpus.session(k.entry), ix.all.get(n)) else {
                return false;
            };
            let Some(r) = e.parsed_row(i) else {
                return false;
            };
            if p.target != t || (p.start, p.end) != (r.start, r.end) {
                return false;
            }
            changed = Some((n, ix.info[n], RowInfo::of(&r)));
            ix.info[n] = RowInfo::of(&r);
        }
        if !same_view {
            ix.fill_shown();
            return true;
        }
        // One row in or out of the table, in its place.
        if let Some((n, was, now)) = changed {
            let at = ix.shown.partition_point(|&x| (x as usize) < n);
            match (ix.shows(n, was), ix.shows(n, now)) {
                (false, true) => ix.shown.insert(at, n as u32),
                (true, false) if ix.shown.get(at) == Some(&(n as u32)) => {
                    ix.shown.remove(at);
                }
                _ => {}
            }
        }
        true
    }

    /// Rebuild the first level: one pass over the report's figures and added
    /// figures; the buffers are reused.
    fn fill_all(&self, ix: &mut FigIndex) {
        ix.clear();
        let Some(k) = ix.key else { return };
        let Some(e) = self.corpus.session(k.entry) else {
            return;
        };
        let n_figs = e.report.figures.len();
        let parsed = (0..n_figs).filter_map(|i| e.parsed_row(i));
        let added = e.attach.added.iter().filter_map(|&di| e.added_row(di));
        for r in parsed.chain(added) {
            ix.all.push(RowPos {
                target: r.target,
                start: r.start,
                end: r.end,
            });
            ix.info.push(RowInfo::of(&r));
        }
        // The same order as `all_fig_rows`: a stable sort, only when needed
        // (corrected spans and added figures).
        if !ix.all.is_sorted_by_key(|p| (p.start, p.end)) {
            let mut rows: Vec<(RowPos, RowInfo)> = ix
                .all
                .iter()
                .copied()
                .zip(ix.info.iter().copied())
                .collect();
            rows.sort_by_key(|(p, _)| (p.start, p.end));
            (ix.all, ix.info) = rows.into_iter().unzip();
        }
        ix.slot.resize(n_figs, u32::MAX);
        let mut reach = 0;
        for (n, p) in ix.all.iter().enumerate() {
            reach = reach.max(p.end);
            ix.reach.push(reach);
            if let Target::Parsed(i) = p.target
                && let Some(s) = ix.slot.get_mut(i)
            {
                *s = n as u32;
            }
        }
    }
}

#[cfg(test)]
mod tests;
