//! `update(app, action)`: the only place the workstation's state changes.
//!
//! It does no input or output: reviews to save are left in `App::outbox` for the
//! run loop to hand to the store writer, so every decision is saved as it is made
//! without a key press waiting for the disk.

use std::sync::Arc;

use crate::figures::read_quantity;
use crate::model::{Approx, FigureKind, Quantity};
use crate::review::{Attachment, DecisionStatus, FigureDecision, ReportReview, ReportStatus};

use super::action::{Action, Loaded};
use super::app::{
    App, AttachEdit, CorrectForm, Edit, Entry, FileData, LineInput, Mode, NoteOn, Pane, Question,
    RowChange, Run, Side, TagForm, Target,
};
use super::layout::{self, areas, inner, list_offset};
use super::persist;
use super::search::{Hit, SearchRequest};

/// Apply one action.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::LoadTotal(n) => app.loading = Some((0, n)),
        Action::Loaded(l) => on_loaded(app, *l),
        Action::LoadFailed(msg) => {
            bump_loading(app);
            app.status = msg;
        }
        Action::Notice(msg) => app.status = msg,
        Action::LoadFinished => {
            app.loading = None;
            if app.entries.is_empty() && app.status.is_empty() {
                app.status = "no reports found".into();
            } else if app.status.is_empty() {
                app.status = format!(
                    "ready: {} reports in {} files",
                    app.entries.len(),
                    app.files.len()
                );
            }
        }
        Action::Saved(err) => {
            app.saving = app.saving.saturating_sub(1);
            if let Some(e) = err {
                app.status = format!("NOT SAVED: {e}");
            }
        }
        Action::SearchDone(id, hits) => search_done(app, id, hits),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Click(x, y) => click(app, x, y),
        Action::Scroll(x, y, d) => scroll(app, x, y, d),
        other => key(app, other),
    }
    // Views read the figure rows from the index: leave it current.
    app.sync_fig_index();
}

/// The app with its figure index brought up to date: `update` reads figure
/// rows through this, since an action may just have changed what they are.
fn synced(app: &mut App) -> &App {
    app.sync_fig_index();
    app
}

fn bump_loading(app: &mut App) {
    if let Some((d, t)) = app.loading.as_mut() {
        *d += 1;
        *t = (*t).max(*d);
    }
}

fn on_loaded(app: &mut App, l: Loaded) {
    bump_loading(app);
    let fi = app.files.len();
    let n = l.parsed.reports.len();
    for (ri, r) in l.parsed.reports.iter().enumerate() {
        let review = l
            .reviews
            .get(ri)
            .cloned()
            .flatten()
            .unwrap_or_else(|| persist::fresh_review(&l.store_file, r));
        for fd in &review.figures {
            for t in &fd.tags {
                if !app.tags.contains(t) {
                    app.tags.push(t.clone());
                }
            }
        }
        let attach = persist::attach(&review, r, &l.text);
        *app.title_counts
            .entry(r.title.trim().to_string())
            .or_default() += 1;
        app.entries.push(Entry {
            file: fi,
            report: ri,
            review: Arc::new(review),
            attach,
            decided: 0,
            total: 0,
            flagged: 0,
            done: false,
            rev: 0,
        });
    }
    app.files.push(FileData {
        path: l.parsed.file.clone(),
        store_file: l.store_file,
        text: l.text,
        reports: l.parsed.reports,
        lines: l.lines,
    });
    for ei in app.entries.len() - n..app.entries.len() {
        recount(app, ei);
    }
}

/// Refresh one entry's counts and the running totals, and mark its rows changed.
/// Every change to an entry's review or attachment ends here or in `recount_by`.
fn recount(app: &mut App, ei: usize) {
    let (total, decided, flagged) = count_rows(app, ei);
    set_counts(app, ei, total, decided, flagged);
}

/// `recount` after a change to one row's decision, which moved the decided
/// count by `delta`: no pass over the report's figures.
fn recount_by(app: &mut App, ei: usize, delta: isize) {
    let e = &app.entries[ei];
    let Some(decided) = e.decided.checked_add_signed(delta) else {
        return recount(app, ei);
    };
    let (total, flagged) = (e.total, e.flagged);
    debug_assert_eq!((total, decided, flagged), count_rows(app, ei));
    set_counts(app, ei, total, decided, flagged);
}

/// (rows, decided rows, flagged rows) of an entry: the counts of
/// `all_fig_rows(ei)`, without building the rows.
fn count_rows(app: &App, ei: usize) -> (usize, usize, usize) {
    let e = &app.entries[ei];
    let figs = &app.report_of(e).figures;
    let status = |di: Option<usize>| {
        di.and_then(|di| e.review.figures.get(di))
            .and_then(|d| d.status)
    };
    let mut total = figs.len();
    let mut decided = 0;
    let mut flagged = 0;
    for (i, f) in figs.iter().enumerate() {
        decided +=
            usize::from(status(e.attach.figure_decisions.get(i).copied().flatten()).is_some());
        flagged += usize::from(!f.flags.is_empty());
    }
    for &di in &e.attach.added {
        if let Some(d) = e.review.figures.get(di) {
            total += 1;
            decided += usize::from(d.status.is_some());
        }
    }
    (total, decided, flagged)
}

fn set_counts(app: &mut App, ei: usize, total: usize, decided: usize, flagged: usize) {
    let e = &mut app.entries[ei];
    e.rev += 1;
    app.decided_figs = app.decided_figs + decided - e.decided;
    app.total_figs = app.total_figs + total - e.total;
    e.decided = decided;
    e.total = total;
    e.flagged = flagged;
    // Kept by difference: counting every entry here made loading quadratic.
    let done = e.review.status == ReportStatus::Done;
    if done != e.done {
        e.done = done;
        if done {
            app.done_reports += 1;
        } else {
            app.done_reports = app.done_reports.saturating_sub(1);
        }
    }
}

fn key(app: &mut App, action: Action) {
    match app.mode.clone() {
        Mode::Normal => normal(app, action),
        Mode::Help { scroll } => match action {
            Action::Back | Action::Help => app.mode = Mode::Normal,
            Action::Down => {
                app.mode = Mode::Help {
                    scroll: scroll.saturating_add(1),
                }
            }
            Action::Up => {
                app.mode = Mode::Help {
                    scroll: scroll.saturating_sub(1),
                }
            }
            Action::Quit => app.quit = true,
            _ => {}
        },
        Mode::Search(mut input) => match action {
            Action::Submit => {
                app.mode = Mode::Normal;
                run_search(app, input.text.trim());
            }
            Action::Back => app.mode = Mode::Normal,
            Action::Quit => app.quit = true,
            a => {
                edit_line(&mut input, &a);
                app.mode = Mode::Search(input);
            }
        },
        Mode::Note(t, mut input) => match action {
            Action::Submit => {
                app.mode = Mode::Normal;
                let note = input.text.trim().to_string();
                let note = (!note.is_empty()).then_some(note);
                match t {
                    NoteOn::Figure(t) => decide(app, t, |d| d.note = note),
                    NoteOn::Report(ei) => {
                        let n = app.entries.get(ei).map_or(0, |e| e.review.figures.len());
                        let w = Window::decisions(n..n, RowChange::Nothing);
                        edit_review_in(app, ei, Some(w), |r, _, _| r.note = note)
                    }
                }
            }
            Action::Back => app.mode = Mode::Normal,
            Action::Quit => app.quit = true,
            a => {
                edit_line(&mut input, &a);
                app.mode = Mode::Note(t, input);
            }
        },
        Mode::Tags(mut form) => tags(app, &mut form, action),
        Mode::Correct(mut form) => correct(app, &mut form, action),
        Mode::Select { start, end } => select(app, start, end, action),
        Mode::Confirm(q) => match action {
            Action::Submit => {
                app.mode = Mode::Normal;
                match q {
                    Question::AcceptAll => accept_all(app),
                }
            }
            Action::Back => app.mode = Mode::Normal,
            Action::Quit => app.quit = true,
            _ => {}
        },
    }
}

fn edit_line(input: &mut LineInput, a: &Action) -> bool {
    match a {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        _ => return false,
    }
    true
}

fn normal(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Up => move_in(app, app.pane, -1),
        Action::Down => move_in(app, app.pane, 1),
        Action::PageUp => move_in(app, app.pane, -(page(app) as isize)),
        Action::PageDown => move_in(app, app.pane, page(app) as isize),
        Action::Top => move_in(app, app.pane, isize::MIN / 2),
        Action::Bottom => move_in(app, app.pane, isize::MAX / 2),
        Action::NextPane => cycle_pane(app, 1),
        Action::PrevPane => cycle_pane(app, -1),
        Action::Open => match app.pane {
            Pane::Reports => open_selected(app),
            Pane::Outline => toggle_outline(app),
            Pane::Figures => app.pane = Pane::Source,
            Pane::Source => {}
        },
        Action::Back => {
            if app.pane == Pane::Reports {
                app.hits.clear();
                app.hit_sel = None;
                app.status.clear();
            } else {
                app.pane = Pane::Reports;
            }
        }
        Action::Search => app.mode = Mode::Search(LineInput::new(&app.search)),
        Action::NextHit => jump_hit(app, 1),
        Action::PrevHit => jump_hit(app, -1),
        Action::Filter => {
            if app.pane == Pane::Reports {
                let keep = app.selected_entry();
                app.report_filter = app.report_filter.next();
                app.report_sel = keep
                    .and_then(|e| app.visible_reports().iter().position(|&v| v == e))
                    .unwrap_or(0);
                app.status = format!("reports: {}", app.report_filter.label());
            } else {
                app.fig_filter = app.fig_filter.next();
                app.fig_sel = 0;
                focus_figure(app);
                app.status = format!("figures: {}", app.fig_filter.label());
            }
        }
        Action::Undo => undo(app),
        Action::Redo => redo(app),
        Action::Done => toggle_done(app),
        Action::Accept => decide_and_move(app, DecisionStatus::Accepted),
        Action::Reject => decide_and_move(app, DecisionStatus::Rejected),
        Action::Correct => {
            if let Some(t) = current_target(app) {
                app.mode = Mode::Correct(correct_form(app, t));
            }
        }
        Action::Tag => {
            if let Some(target) = current_target(app) {
                app.mode = Mode::Tags(TagForm {
                    target,
                    input: LineInput::default(),
                    selected: 0,
                });
            }
        }
        Action::Note => {
            // On the selected figure; on the report from the list or when it has no figures.
            let fig = (app.pane != Pane::Reports)
                .then(|| current_target(app))
                .flatten();
            if let Some(t) = fig {
                let note = app
                    .row_of(app.open.unwrap_or(0), t)
                    .and_then(|r| r.decision.and_then(|d| d.note.clone()))
                    .unwrap_or_default();
                app.mode = Mode::Note(NoteOn::Figure(t), LineInput::new(&note));
            } else if let Some(ei) = if app.pane == Pane::Reports {
                app.selected_entry()
            } else {
                app.open
            } {
                let note = app.entries[ei].review.note.clone().unwrap_or_default();
                app.mode = Mode::Note(NoteOn::Report(ei), LineInput::new(&note));
            }
        }
        Action::Visual => start_select(app),
        Action::NextNumber => jump_number(app, true),
        Action::PrevNumber => jump_number(app, false),
        Action::ShrinkEnd => move_boundary(app, -1),
        Action::GrowEnd => move_boundary(app, 1),
        Action::AcceptAll if app.open.is_some() => app.mode = Mode::Confirm(Question::AcceptAll),
        _ => {}
    }
}

/// Rows a page moves: the height of the focused pane's inside.
fn page(app: &App) -> usize {
    let (w, h) = app.size;
    let Some(a) = areas(app, w, h) else { return 1 };
    let r = match app.pane {
        Pane::Reports => a.list,
        Pane::Outline => a.outline,
        Pane::Figures => a.figures,
        Pane::Source => a.source,
    };
    r.map_or(1, |r| (inner(r).height as usize).saturating_sub(2).max(1))
}

fn clamp_move(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

/// Move the cursor of `pane` by `delta` rows.
fn move_in(app: &mut App, pane: Pane, delta: isize) {
    match pane {
        Pane::Reports => {
            let n = app.visible_reports().len();
            app.report_sel = clamp_move(app.report_sel, delta, n);
            if app.open.is_none() {
                app.src_focus = 0;
            }
        }
        Pane::Outline => {
            let n = app.outline_rows().len();
            app.outline_sel = clamp_move(app.outline_sel, delta, n);
            app.fig_sel = 0;
            if let Some(s) = app.scope() {
                app.src_focus = s.start;
            } else {
                focus_figure(app);
            }
        }
        Pane::Figures => {
            let n = synced(app).fig_row_count();
            app.fig_sel = clamp_move(app.fig_sel, delta, n);
            focus_figure(app);
        }
        Pane::Source if delta.unsigned_abs() >= isize::MAX as usize / 4 => {
            source_edge(app, delta > 0)
        }
        Pane::Source => scroll_source(app, delta),
    }
}

/// Top or bottom of the open report's text.
fn source_edge(app: &mut App, end: bool) {
    let Some(ei) = app.open else { return };
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let r = &f.reports[e.report];
    app.src_focus = if end {
        let li = f
            .lines
            .partition_point(|l| l.start < r.end)
            .saturating_sub(1);
        f.lines.get(li).map_or(r.start, |l| l.start.max(r.start))
    } else {
        r.start
    };
}

/// Move the source view's focus by wrapped rows.
fn scroll_source(app: &mut App, delta: isize) {
    let Some(ei) = app.open else { return };
    let (w, h) = app.size;
    let Some(src) = areas(app, w, h).and_then(|a| a.source) else {
        return;
    };
    let width = inner(src).width.max(1);
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let r = &f.reports[e.report];
    let mut rows: Vec<usize> = Vec::new();
    // Rows near the focus only: enough lines either side for the move.
    let li = f.lines.partition_point(|l| l.end < app.src_focus);
    let need = delta.unsigned_abs().min(10_000) + 1;
    let mut lo = li;
    let mut count = 0;
    while lo > 0 && count < need {
        lo -= 1;
        count += app
            .wrap
            .rows(e.file, &f.text, f.lines[lo].start..f.lines[lo].end, width)
            .len();
    }
    let mut hi = li;
    count = 0;
    while hi < f.lines.len() && count < need + 1 {
        count += app
            .wrap
            .rows(e.file, &f.text, f.lines[hi].start..f.lines[hi].end, width)
            .len();
        hi += 1;
    }
    for l in &f.lines[lo..hi] {
        if l.end < r.start || l.start > r.end {
            continue;
        }
        for row in app.wrap.rows(e.file, &f.text, l.start..l.end, width).iter() {
            rows.push(row.start);
        }
    }
    if rows.is_empty() {
        return;
    }
    let cur = rows
        .partition_point(|&s| s <= app.src_focus)
        .saturating_sub(1);
    let next = clamp_move(cur, delta, rows.len());
    app.src_focus = rows[next].max(r.start);
}

fn cycle_pane(app: &mut App, dir: isize) {
    if app.open.is_none() {
        if dir > 0 {
            open_selected(app);
        }
        return;
    }
    let order = [Pane::Reports, Pane::Outline, Pane::Figures, Pane::Source];
    let i = order.iter().position(|p| *p == app.pane).unwrap_or(0) as isize;
    app.pane = order[(i + dir).rem_euclid(4) as usize];
}

fn open_selected(app: &mut App) {
    let Some(ei) = app.selected_entry() else {
        return;
    };
    open_entry(app, ei);
    app.pane = Pane::Figures;
}

fn open_entry(app: &mut App, ei: usize) {
    if app.open != Some(ei) {
        app.open = Some(ei);
        app.outline_sel = 0;
        app.collapsed.clear();
        let a = synced(app);
        let first = (0..a.fig_row_count()).find(|&i| a.fig_row_decided(i) == Some(false));
        app.fig_sel = first.unwrap_or(0);
    }
    focus_figure(app);
}

/// Put the source view on the selected figure (or the report start).
fn focus_figure(app: &mut App) {
    let a = synced(app);
    if let Some(r) = a.fig_pos_at(a.fig_sel) {
        app.src_focus = r.start;
    } else if let Some(ei) = app.open {
        let e = &app.entries[ei];
        app.src_focus = app.scope().map_or(app.report_of(e).start, |s| s.start);
    }
}

fn toggle_outline(app: &mut App) {
    let id = match app.scope() {
        Some(s) if app.has_children(s) => s.id.clone(),
        _ => return,
    };
    if !app.collapsed.remove(&id) {
        app.collapsed.insert(id);
    }
}

fn current_target(app: &mut App) -> Option<Target> {
    app.open?;
    let a = synced(app);
    a.fig_pos_at(a.fig_sel).map(|r| r.target)
}

/// Change one report's review through `f`, recording undo and queueing a save.
fn edit_review(app: &mut App, ei: usize, f: impl FnOnce(&mut ReportReview, &mut Attachment, &str)) {
    edit_review_in(app, ei, None, f)
}

/// What a windowed edit may change: the decisions in `figures` (it may replace
/// them with more or fewer, as a push at the end does), the entry
/// `figure_decision` of `attach.figure_decisions` (which must exist), and
/// `attach.added`; nothing else of the attachment. `rows` says which figure
/// rows that changes, so the counts and the figure index can follow.
#[derive(Debug, Clone)]
struct Window {
    figures: std::ops::Range<usize>,
    figure_decision: Option<usize>,
    rows: RowChange,
}

impl Window {
    /// A window on decisions only, the attachment left alone, changing `rows`.
    fn decisions(figures: std::ops::Range<usize>, rows: RowChange) -> Window {
        Window {
            figures,
            figure_decision: None,
            rows,
        }
    }
}

/// Whether the row of `t` in entry `ei` is decided; `None` without such a row.
fn row_decided(app: &App, ei: usize, rows: RowChange) -> Option<bool> {
    match rows {
        RowChange::One(t) => app.row_of(ei, t).map(|r| r.status().is_some()),
        _ => None,
    }
}

/// After a change to entry `ei` that changed `rows` (`was`: whether the one row
/// was decided before): its counts, and the figure index told what changed.
fn rows_changed(app: &mut App, ei: usize, rows: RowChange, was: Option<bool>) {
    let delta = match (rows, was, row_decided(app, ei, rows)) {
        (RowChange::Nothing, _, _) => 0,
        (RowChange::One(_), Some(was), Some(now)) => isize::from(now) - isize::from(was),
        _ => return recount(app, ei),
    };
    recount_by(app, ei, delta);
    let row = match rows {
        RowChange::One(t) => Some(t),
        _ => None,
    };
    let rev = app.entries[ei].rev;
    app.fig_index.touched(ei, rev, row);
}

/// `edit_review` for an `f` that changes only what `window` says. Only the
/// window is copied for undo, so a decision costs the same in a report with
/// 20,000 decisions as in one with 20. `None`: `f` may change anything, and the
/// review and attachment are copied whole to find what it changed.
fn edit_review_in(
    app: &mut App,
    ei: usize,
    window: Option<Window>,
    f: impl FnOnce(&mut ReportReview, &mut Attachment, &str),
) {
    let rows = window.as_ref().map_or(RowChange::Any, |w| w.rows);
    let was_decided = row_decided(app, ei, rows);
    let Some(e) = app.entries.get_mut(ei) else {
        return;
    };
    // Copies the review only if the writer still holds the state it was given.
    let review = Arc::make_mut(&mut e.review);
    let attach = &mut e.attach;
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
    let figs = std::mem::take(&mut review.figures);
    let before_rest = review.clone();
    review.figures = figs;
    // Before: the window's decisions, its entry of `figure_decisions` and
    // `added` (a list of the few added figures); or, without a window, all.
    let before_win = window.as_ref().map(|w| {
        (
            review.figures[w.figures.clone()].to_vec(),
            w.figure_decision.map(|i| attach.figure_decisions[i]),
            attach.added.clone(),
        )
    });
    let before_full = before_win
        .is_none()
        .then(|| (review.clone(), attach.clone()));
    let lens = |a: &Attachment| {
        (
            a.figure_decisions.len(),
            a.orphaned.len(),
            a.spans.len(),
            a.section_spans.len(),
        )
    };
    let before_lens = lens(attach);
    let text = &app.files[e.file].text;
    f(review, attach, text);
    if review.status == ReportStatus::Unreviewed {
        review.status = ReportStatus::InProgress;
    }
    if review.reviewer.is_none() {
        review.reviewer = Some(app.reviewer.clone());
    }
    let edit = match (window, before_win, before_full) {
        (Some(w), Some((before_win, before_fd, before_added)), _) => {
            debug_assert_eq!(lens(attach), before_lens, "edit outside its window");
            let new_len = review.figures.len();
            let end = (w.figures.end + new_len)
                .checked_sub(old_len)
                .filter(|&x| x >= w.figures.start);
            let Some(end) = end else {
                // `f` removed more than its window: nothing sound to record.
                app.outbox.push(e.review.clone());
                recount(app, ei);
                return;
            };
            let after_len = end - w.figures.start;
            let same_win = review.figures[w.figures.start..end] == before_win[..];
            let figs = std::mem::take(&mut review.figures);
            let after_rest = review.clone();
            review.figures = figs;
            let mut attach_edit = AttachEdit {
                added: Run::diff(before_added, &attach.added),
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
                return;
            }
            Edit {
                entry: ei,
                at: w.figures.start,
                before: Side {
                    review: before_rest,
                    len: before_win.len(),
                    figures: before_win,
                },
                after: Side {
                    review: after_rest,
                    figures: Vec::new(),
                    len: after_len,
                },
                attach: attach_edit,
                rows,
            }
        }
        (_, _, Some((before, before_attach))) => {
            if *review == before && *attach == before_attach {
                return;
            }
            Edit::new(ei, (before, before_attach), review, attach)
        }
        _ => return,
    };
    app.outbox.push(e.review.clone());
    app.undo.push(edit);
    app.redo.clear();
    rows_changed(app, ei, rows, was_decided);
}

/// Apply `f` to the decision for `target` in the open report, creating it if needed.
fn decide(app: &mut App, target: Target, f: impl FnOnce(&mut FigureDecision)) {
    let Some(ei) = app.open else { return };
    let who = app.reviewer.clone();
    let at = persist::now();
    let e = &app.entries[ei];
    // Only what the closure needs: cloning the report's figures would cost a
    // copy of every figure on every key.
    let figs = &app.files[e.file].reports[e.report].figures;
    let n_figs = figs.len();
    let span = match target {
        Target::Parsed(i) => figs.get(i).map(|f| (f.start, f.end)),
        _ => None,
    };
    // The one decision this changes, or the end where a new one goes.
    let n_dec = e.review.figures.len();
    let figures = match target {
        Target::Parsed(i) => match e.attach.figure_decisions.get(i).copied().flatten() {
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
        Target::Parsed(i) if e.attach.figure_decisions.len() >= n_figs => Some(Window {
            figures,
            figure_decision: Some(i),
            rows: RowChange::One(target),
        }),
        Target::Parsed(_) => None,
        Target::Added(_) => Some(Window::decisions(figures, RowChange::One(target))),
        // A new row.
        Target::New(..) => Some(Window::decisions(figures, RowChange::Any)),
    };
    edit_review_in(app, ei, window, move |review, attach, text| {
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
                            anchor: persist::anchor(text, fs, fe),
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
                    anchor: persist::anchor(text, s, e),
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
    });
}

fn decide_and_move(app: &mut App, status: DecisionStatus) {
    let Some(t) = current_target(app) else { return };
    match (t, status) {
        (Target::Added(di), DecisionStatus::Rejected) => remove_added(app, di),
        (Target::Added(_), _) => {}
        _ => decide(app, t, |d| {
            d.status = Some(status);
            if status != DecisionStatus::Corrected {
                d.corrected = None;
            }
        }),
    }
    next_undecided(app, t);
}

/// A rejected added figure is taken out again (undo brings it back).
fn remove_added(app: &mut App, di: usize) {
    let Some(ei) = app.open else { return };
    edit_review(app, ei, |review, attach, _| {
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
    });
}

/// After a decision: the next undecided row after the one decided, else the next row.
fn next_undecided(app: &mut App, after: Target) {
    let a = synced(app);
    let n = a.fig_row_count();
    let cur = a.fig_row_of_target(after).unwrap_or(a.fig_sel);
    // Every figure of the report decided (the counts say so): no row to look for.
    let all_decided = a
        .open
        .and_then(|ei| a.entries.get(ei))
        .is_some_and(|e| e.decided >= e.total);
    let next = if all_decided {
        None
    } else {
        (1..=n)
            .map(|k| (cur + k) % n.max(1))
            .find(|&i| a.fig_row_decided(i) == Some(false))
    };
    let sel = match next {
        Some(i) => i,
        None => (cur + 1).min(n.saturating_sub(1)),
    };
    let focus = a.fig_pos_at(sel).map(|r| r.start);
    app.fig_sel = sel;
    if next.is_none() && n > 0 {
        app.status = "every figure here is decided — d marks the report done".into();
    }
    match focus {
        Some(s) => app.src_focus = s,
        None => focus_figure(app),
    }
}

fn accept_all(app: &mut App) {
    let Some(ei) = app.open else { return };
    // The undecided parsed figures in text order (the index's order), read
    // from the index without resolving any row.
    let (pos, info) = synced(app).fig_positions(ei).unwrap_or_default();
    let targets: Vec<usize> = pos
        .iter()
        .zip(info)
        .filter_map(|(p, f)| match p.target {
            Target::Parsed(i) if !f.decided => Some(i),
            _ => None,
        })
        .collect();
    let who = app.reviewer.clone();
    let at = persist::now();
    let e = &app.entries[ei];
    let figs = &app.files[e.file].reports[e.report].figures;
    let n_figs = figs.len();
    let spans: Vec<(usize, usize, usize)> = targets
        .iter()
        .filter_map(|&i| figs.get(i).map(|f| (i, f.start, f.end)))
        .collect();
    let n = targets.len();
    edit_review(app, ei, |review, attach, text| {
        attach.figure_decisions.resize(n_figs, None);
        review.figures.reserve(spans.len());
        for (i, fs, fe) in spans {
            let di = match attach.figure_decisions[i] {
                Some(di) if di < review.figures.len() => di,
                _ => {
                    review.figures.push(FigureDecision {
                        anchor: persist::anchor(text, fs, fe),
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
    app.status = format!("accepted {n} figures");
}

fn toggle_done(app: &mut App) {
    let ei = if app.pane == Pane::Reports {
        app.selected_entry()
    } else {
        app.open
    };
    let Some(ei) = ei else { return };
    let n = app.entries.get(ei).map_or(0, |e| e.review.figures.len());
    let w = Window::decisions(n..n, RowChange::Nothing);
    edit_review_in(app, ei, Some(w), |review, _, _| {
        review.status = if review.status == ReportStatus::Done {
            ReportStatus::InProgress
        } else {
            ReportStatus::Done
        };
    });
    // `edit_review` only lifts Unreviewed; make sure Done stuck.
    let done = app.entries[ei].review.status == ReportStatus::Done;
    app.status = if done {
        "report done".into()
    } else {
        "report reopened".into()
    };
}

fn restore(app: &mut App, ed: &mut Edit, undo: bool) {
    let ei = ed.entry;
    if ei < app.entries.len() {
        let was = row_decided(app, ei, ed.rows);
        let e = &mut app.entries[ei];
        ed.apply(Arc::make_mut(&mut e.review), &mut e.attach, undo);
        app.outbox.push(e.review.clone());
        rows_changed(app, ei, ed.rows, was);
        let n = synced(app).fig_row_count();
        app.fig_sel = app.fig_sel.min(n.saturating_sub(1));
        focus_figure(app);
    }
}

fn undo(app: &mut App) {
    travel(app, true);
}

fn redo(app: &mut App) {
    travel(app, false);
}

/// Undo and redo are one move through the session's history: take the newest
/// edit from one stack, restore its before (undo) or after (redo) state, and
/// keep it on the other stack.
fn travel(app: &mut App, back: bool) {
    let popped = if back { app.undo.pop() } else { app.redo.pop() };
    let Some(mut ed) = popped else {
        app.status = if back {
            "nothing to undo"
        } else {
            "nothing to redo"
        }
        .into();
        return;
    };
    if app.open != Some(ed.entry) {
        open_entry(app, ed.entry);
    }
    restore(app, &mut ed, back);
    app.status = if back { "undone" } else { "redone" }.into();
    if back {
        app.redo.push(ed);
    } else {
        app.undo.push(ed);
    }
}

// ---- correction form ----

fn correct_form(app: &App, t: Target) -> CorrectForm {
    let (text, q) = match (app.open, t) {
        (Some(ei), Target::New(s, e)) => {
            let f = &app.files[app.entries[ei].file];
            (f.text.get(s..e).unwrap_or("").to_string(), None)
        }
        (Some(ei), _) => {
            let f = &app.files[app.entries[ei].file];
            match app.row_of(ei, t) {
                Some(r) => (
                    f.text.get(r.start..r.end).unwrap_or("").to_string(),
                    Some(r.quantity.clone()),
                ),
                None => (String::new(), None),
            }
        }
        _ => (String::new(), None),
    };
    let mut form = CorrectForm {
        target: t,
        fields: Default::default(),
        edited: [false; 4],
        focus: 0,
        error: None,
        reading: None,
    };
    form.fields[0] = LineInput::new(&text);
    match q {
        Some(q) => {
            // Show the current values, as the value field would read.
            form.fields[0] = LineInput::new(&value_text(&q).unwrap_or(text));
            fill_from(&mut form, &q);
            form.reading = Some(q);
        }
        None => {
            form.fields[2] = LineInput::new(FigureKind::Count.as_str());
            reread(&mut form);
        }
    }
    form
}

/// A value as a reviewer would type it back (`1800`, `15-49`).
fn value_text(q: &Quantity) -> Option<String> {
    let v = q.value?;
    Some(match q.value_max {
        Some(m) => format!("{}-{}", num(v), num(m)),
        None => num(v),
    })
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn fill_from(form: &mut CorrectForm, q: &Quantity) {
    let vals = [
        String::new(),
        q.unit.clone(),
        q.kind.as_str().to_string(),
        q.approx.map_or(String::new(), |a| a.as_str().to_string()),
    ];
    for (i, v) in vals.iter().enumerate().skip(1) {
        if !form.edited[i] {
            form.fields[i] = LineInput::new(v);
        }
    }
}

/// Read the value field with the extraction parser; a plain number always reads.
fn read_value(s: &str) -> Result<Quantity, String> {
    let s = s.trim();
    match read_quantity(s) {
        Ok(q) => Ok(q),
        Err(e) => {
            if let Ok(v) = s.replace(',', "").parse::<f64>()
                && v.is_finite()
            {
                return Ok(Quantity {
                    value: Some(v),
                    ..Default::default()
                });
            }
            if let Some((a, b)) = s.split_once('-')
                && let (Ok(a), Ok(b)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
            {
                return Ok(Quantity {
                    value: Some(a),
                    value_max: Some(b),
                    ..Default::default()
                });
            }
            Err(e)
        }
    }
}

fn reread(form: &mut CorrectForm) {
    match read_value(&form.fields[0].text) {
        Ok(q) => {
            form.error = None;
            form.reading = Some(q.clone());
            // A bare number says nothing about unit or kind: keep what is there.
            if !q.unit.is_empty() || q.kind != FigureKind::Count || q.approx.is_some() {
                fill_from(form, &q);
            }
        }
        Err(e) => {
            form.error = Some(e);
            form.reading = None;
        }
    }
}

fn parse_kind(s: &str) -> Option<FigureKind> {
    let all = [
        FigureKind::Count,
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Measure,
        FigureKind::Age,
        FigureKind::Date,
        FigureKind::Time,
        FigureKind::Duration,
        FigureKind::Ordinal,
    ];
    let s = s.trim();
    all.into_iter()
        .find(|k| k.as_str() == s || (!s.is_empty() && k.as_str().starts_with(s)))
}

fn parse_approx(s: &str) -> Result<Option<Approx>, String> {
    match s.trim() {
        "" | "none" | "-" => Ok(None),
        "over" | "o" | ">" => Ok(Some(Approx::Over)),
        "about" | "a" | "~" => Ok(Some(Approx::About)),
        "under" | "u" | "<" => Ok(Some(Approx::Under)),
        other => Err(format!("approx {other:?}: over, about, under or empty")),
    }
}

/// The quantity the form says, or why it cannot be saved.
fn form_quantity(form: &CorrectForm) -> Result<Quantity, String> {
    let mut q = read_value(&form.fields[0].text).map_err(|e| format!("value: {e}"))?;
    q.unit = form.fields[1].text.trim().to_string();
    q.kind = parse_kind(&form.fields[2].text).ok_or_else(|| {
        format!(
            "kind {:?}: count, money, percent, measure, age, …",
            form.fields[2].text
        )
    })?;
    q.approx = parse_approx(&form.fields[3].text)?;
    Ok(q)
}

/// Esc and quit in a form or a selection: leave it, its input dropped, or quit.
fn leaves_form(app: &mut App, action: &Action) -> bool {
    match action {
        Action::Back => app.mode = Mode::Normal,
        Action::Quit => app.quit = true,
        _ => return false,
    }
    true
}

fn correct(app: &mut App, form: &mut CorrectForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    match action {
        Action::NextField => form.focus = (form.focus + 1) % 4,
        Action::PrevField => form.focus = (form.focus + 3) % 4,
        Action::Submit => match form_quantity(form) {
            Ok(q) => {
                app.mode = Mode::Normal;
                let t = form.target;
                let new = matches!(t, Target::New(..));
                let added = matches!(t, Target::Added(_));
                decide(app, t, move |d| {
                    d.corrected = Some(q);
                    if !new && !added {
                        d.status = Some(DecisionStatus::Corrected);
                    }
                });
                if let Target::New(s, _) = t {
                    // Select the new row.
                    if let Some(i) = synced(app).fig_row_starting_at(s) {
                        app.fig_sel = i;
                    }
                    app.pane = Pane::Figures;
                    app.status = "missed figure added".into();
                } else {
                    app.status = "corrected".into();
                }
                focus_figure(app);
                return;
            }
            Err(e) => form.error = Some(e),
        },
        a => {
            let f = form.focus;
            if edit_line(&mut form.fields[f], &a)
                && matches!(a, Action::Input(_) | Action::Backspace)
            {
                if f == 0 {
                    reread(form);
                } else {
                    form.edited[f] = true;
                    form.error = form_quantity(form).err();
                }
            }
        }
    }
    app.mode = Mode::Correct(form.clone());
}

// ---- tags ----

fn tags(app: &mut App, form: &mut TagForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    match action {
        Action::NextField => form.selected += 1,
        Action::PrevField => form.selected = form.selected.saturating_sub(1),
        Action::Submit => {
            let choices = app.tag_choices(&form.input.text);
            let typed = form.input.text.trim().to_string();
            let tag = if choices.contains(&typed) || typed.is_empty() {
                choices
                    .get(form.selected.min(choices.len().saturating_sub(1)))
                    .cloned()
            } else if form.selected > 0 {
                choices.get(form.selected - 1).cloned()
            } else {
                Some(typed)
            };
            app.mode = Mode::Normal;
            let Some(tag) = tag.filter(|t| !t.is_empty()) else {
                return;
            };
            if !app.tags.contains(&tag) {
                app.tags.push(tag.clone());
            }
            let t = form.target;
            let mut on = false;
            decide(app, t, |d| {
                if let Some(i) = d.tags.iter().position(|x| *x == tag) {
                    d.tags.remove(i);
                } else {
                    d.tags.push(tag.clone());
                    on = true;
                }
            });
            app.status = format!("tag {tag} {}", if on { "added" } else { "removed" });
            return;
        }
        a => {
            if edit_line(&mut form.input, &a) {
                form.selected = 0;
            }
        }
    }
    app.mode = Mode::Tags(form.clone());
}

// ---- text selection ----

fn prev_char(text: &str, i: usize) -> usize {
    text.get(..i)
        .and_then(|s| s.char_indices().next_back())
        .map_or(i, |(j, _)| j)
}

fn next_char(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(i, |c| i + c.len_utf8())
}

fn start_select(app: &mut App) {
    let Some(ei) = app.open else { return };
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let r = &f.reports[e.report];
    let start = app.src_focus.clamp(r.start, r.end);
    let end = next_char(&f.text, start).min(r.end);
    if end <= start {
        return;
    }
    app.pane = Pane::Source;
    app.mode = Mode::Select { start, end };
    app.status = "selecting: l/h move the end, L/H the start, Enter adds a figure".into();
}

fn select(app: &mut App, mut start: usize, mut end: usize, action: Action) {
    let Some(ei) = app.open else {
        app.mode = Mode::Normal;
        return;
    };
    if matches!(action, Action::Back) {
        app.status.clear();
    }
    if leaves_form(app, &action) {
        return;
    }
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let r = &f.reports[e.report];
    let text = &f.text;
    match action {
        Action::Left | Action::ShrinkEnd => {
            let p = prev_char(text, end);
            if p > start {
                end = p;
            }
        }
        Action::Right | Action::GrowEnd => {
            let n = next_char(text, end);
            if n <= r.end && !text[end..n].contains(['\n', '\r']) {
                end = n;
            }
        }
        Action::StartLeft => {
            let p = prev_char(text, start);
            if p >= r.start && !text[p..start].contains(['\n', '\r']) {
                start = p;
            }
        }
        Action::StartRight => {
            let n = next_char(text, start);
            if n < end {
                start = n;
            } else if next_char(text, end) <= r.end
                && !text[end..next_char(text, end)].contains(['\n', '\r'])
            {
                // An empty selection is useless: slide it right instead.
                start = n;
                end = next_char(text, end);
            }
        }
        Action::Submit => {
            app.mode = Mode::Correct(correct_form(app, Target::New(start, end)));
            app.status.clear();
            return;
        }
        _ => {}
    }
    app.src_focus = start;
    app.mode = Mode::Select { start, end };
}

/// `[`/`]`: move the selected figure's end one character.
fn move_boundary(app: &mut App, dir: isize) {
    let Some(t) = current_target(app) else { return };
    let Some(ei) = app.open else { return };
    let Some(row) = app.row_of(ei, t) else {
        return;
    };
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let rep = &f.reports[e.report];
    let (s, end) = (row.start, row.end);
    let new_end = if dir < 0 {
        prev_char(&f.text, end)
    } else {
        next_char(&f.text, end)
    };
    if new_end <= s || new_end > rep.end {
        return;
    }
    decide(app, t, |d| d.span = Some((s, new_end)));
}

/// Digits (ASCII and full-width) and Chinese numerals: where figures start.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "一二三四五六七八九十百千万萬亿億零〇两兩".contains(c)
}

/// `w`/`b`: put the source cursor on the start of the next (previous) number in the
/// open report, focusing the source pane, so `v` can start a selection there.
fn jump_number(app: &mut App, forward: bool) {
    let Some(ei) = app.open else { return };
    let e = &app.entries[ei];
    let f = &app.files[e.file];
    let r = &f.reports[e.report];
    let Some(body) = f.text.get(r.start..r.end) else {
        return;
    };
    let mut cur = app.src_focus.clamp(r.start, r.end) - r.start;
    while !body.is_char_boundary(cur) {
        cur -= 1;
    }
    // Scan from the cursor, not from the report start: a 20 MB report answers at once.
    let found = if forward {
        next_run_start(body, cur)
    } else {
        prev_run_start(body, cur)
    };
    match found {
        Some(i) => {
            app.src_focus = r.start + i;
            app.pane = Pane::Source;
        }
        None => app.status = "no more numbers in this report".into(),
    }
}

/// The first start of a numeral run after byte `cur` of `body` (a char boundary).
fn next_run_start(body: &str, cur: usize) -> Option<usize> {
    let (head, tail) = body.split_at(cur);
    let mut prev_num = head.chars().next_back().is_some_and(is_numeral);
    for (i, c) in tail.char_indices() {
        let n = is_numeral(c);
        if n && !prev_num && i > 0 {
            return Some(cur + i);
        }
        prev_num = n;
    }
    None
}

/// The last start of a numeral run before byte `cur` of `body` (a char boundary).
fn prev_run_start(body: &str, cur: usize) -> Option<usize> {
    let mut it = body[..cur].char_indices().rev().peekable();
    while let Some((i, c)) = it.next() {
        if is_numeral(c) && !it.peek().is_some_and(|&(_, p)| is_numeral(p)) {
            return Some(i);
        }
    }
    None
}

// ---- search ----

fn run_search(app: &mut App, q: &str) {
    app.search = q.to_string();
    app.hits.clear();
    app.hit_sel = None;
    if q.is_empty() {
        app.status.clear();
        return;
    }
    app.search_id += 1;
    let targets = app
        .entries
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            let f = &app.files[e.file];
            let r = &f.reports[e.report];
            (ei, f.text.clone(), r.start, r.end)
        })
        .collect();
    app.search_request = Some(SearchRequest {
        id: app.search_id,
        query: q.to_string(),
        targets,
    });
    app.status = format!("searching for {q}…");
}

fn search_done(app: &mut App, id: u64, hits: Vec<Hit>) {
    if id != app.search_id {
        return;
    }
    let q = app.search.clone();
    app.hits = hits;
    if app.hits.is_empty() {
        app.status = format!("no match for {q}");
        return;
    }
    // First hit at or after the current report.
    let cur = app.open.or_else(|| app.selected_entry()).unwrap_or(0);
    let first = app.hits.iter().position(|h| h.0 >= cur).unwrap_or(0);
    go_hit(app, first);
}

fn jump_hit(app: &mut App, dir: isize) {
    if app.hits.is_empty() {
        app.status = if app.search.is_empty() {
            "no search yet: / searches".into()
        } else {
            format!("no match for {}", app.search)
        };
        return;
    }
    let n = app.hits.len() as isize;
    let i = app
        .hit_sel
        .map_or(0, |h| (h as isize + dir).rem_euclid(n) as usize);
    go_hit(app, i);
}

fn go_hit(app: &mut App, i: usize) {
    let Some(&(ei, off, _)) = app.hits.get(i) else {
        return;
    };
    app.hit_sel = Some(i);
    if !app.visible_reports().contains(&ei) {
        app.report_filter = super::app::ReportFilter::All;
    }
    if let Some(p) = app.visible_reports().iter().position(|&v| v == ei) {
        app.report_sel = p;
    }
    if app.open.is_some() || app.pane != Pane::Reports {
        open_entry(app, ei);
        if app.pane == Pane::Reports {
            app.pane = Pane::Source;
        }
    }
    app.src_focus = off;
    if !app.status.contains("hits") {
        app.status.clear();
    }
    let total = app.hits.len();
    app.status = format!("hit {}/{total} for {}", i + 1, app.search);
}

// ---- mouse ----

fn pane_at(app: &App, x: u16, y: u16) -> Option<(Pane, ratatui::layout::Rect)> {
    let (w, h) = app.size;
    let a = areas(app, w, h)?;
    let inside =
        |r: ratatui::layout::Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    [
        (Pane::Reports, a.list),
        (Pane::Outline, a.outline),
        (Pane::Figures, a.figures),
        (Pane::Source, a.source),
    ]
    .into_iter()
    .find_map(|(p, r)| r.filter(|r| inside(*r)).map(|r| (p, r)))
}

fn click(app: &mut App, x: u16, y: u16) {
    if app.mode != Mode::Normal {
        return;
    }
    let Some((pane, rect)) = pane_at(app, x, y) else {
        return;
    };
    if pane != Pane::Reports && app.open.is_none() {
        return;
    }
    app.pane = pane;
    let inn = inner(rect);
    match pane {
        Pane::Reports => {
            let top = inn.y + layout::list_header(app);
            if y < top {
                return;
            }
            let n = app.visible_reports().len();
            let h = inn.y + inn.height - top;
            let off = list_offset(app.report_sel, n, h as usize);
            let i = off + (y - top) as usize;
            if i < n {
                app.report_sel = i;
            }
        }
        Pane::Outline => {
            if y < inn.y {
                return;
            }
            let n = app.outline_rows().len();
            let off = list_offset(app.outline_sel, n, inn.height as usize);
            let i = off + (y - inn.y) as usize;
            if i < n {
                move_in(app, Pane::Outline, i as isize - app.outline_sel as isize);
            }
        }
        Pane::Figures => {
            let top = inn.y + 1; // header row
            if y < top {
                return;
            }
            let n = synced(app).fig_row_count();
            let h = inn.height.saturating_sub(1);
            let off = list_offset(app.fig_sel, n, h as usize);
            let i = off + (y - top) as usize;
            if i < n {
                app.fig_sel = i;
                focus_figure(app);
            }
        }
        Pane::Source => {}
    }
}

fn scroll(app: &mut App, x: u16, y: u16, d: i8) {
    if app.mode != Mode::Normal {
        return;
    }
    if let Some((pane, _)) = pane_at(app, x, y) {
        let step = if pane == Pane::Source { 3 } else { 1 };
        move_in(app, pane, d as isize * step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts of numeral runs, found the slow way.
    fn starts(body: &str) -> Vec<usize> {
        let mut prev = false;
        let mut out = Vec::new();
        for (i, c) in body.char_indices() {
            let n = is_numeral(c);
            if n && !prev {
                out.push(i);
            }
            prev = n;
        }
        out
    }

    #[test]
    fn windowed_edits_undo_and_redo_exactly() {
        let mut app = crate::tui::replay::new_app(120, 40);
        let l = crate::tui::replay::synthetic(20_000, 30);
        update(&mut app, Action::Loaded(Box::new(l)));
        update(&mut app, Action::Open);
        let r0 = app.entries[0].review.clone();
        update(&mut app, Action::Accept); // a new decision, pushed
        update(&mut app, Action::Up);
        let r1 = app.entries[0].review.clone();
        update(&mut app, Action::Reject); // the same decision, changed in place
        update(&mut app, Action::Done); // the report's status only
        let r3 = app.entries[0].review.clone();
        assert_eq!(r3.figures.len(), 1);
        assert_eq!(app.undo.len(), 3);
        for _ in 0..2 {
            update(&mut app, Action::Undo);
        }
        assert_eq!(app.entries[0].review, r1);
        update(&mut app, Action::Undo);
        assert_eq!(app.entries[0].review, r0);
        for _ in 0..3 {
            update(&mut app, Action::Redo);
        }
        assert_eq!(app.entries[0].review, r3);
        assert_eq!(app.done_reports, 1);
    }

    #[test]
    fn number_jumps_from_the_cursor_match_a_scan_from_the_start() {
        for body in [
            "共培训1800多名妇女，落实贷款16萬元。",
            "12三四 five ６７ 八",
            "",
            "无数字",
            "1",
        ] {
            let all = starts(body);
            for (cur, _) in body.char_indices().chain([(body.len(), ' ')]) {
                let next = all.iter().copied().find(|&i| i > cur);
                let prev = all.iter().copied().rev().find(|&i| i < cur);
                assert_eq!(next_run_start(body, cur), next, "{body:?} at {cur}");
                assert_eq!(prev_run_start(body, cur), prev, "{body:?} at {cur}");
            }
        }
    }
}
