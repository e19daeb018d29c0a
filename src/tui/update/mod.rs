//! `update(app, action)`: the only place the workstation's state changes.
//!
//! It does no input or output: the review session (`app.corpus`) queues what
//! to save, and the run loop hands it to the store writer, so every decision is
//! saved as it is made without a key press waiting for the disk.
//!
//! By concern: `navigation` (moving, panes, opening), `review` (decisions on
//! figures, headings and reports; undo and redo), `forms` (the correction,
//! report, heading, tag and note forms, questions), `selection` (text selection
//! and adding a missed figure), `search`, `mouse`, `warnings` (the list of a
//! report's findings).

mod adjudicate;
mod correct;
mod forms;
mod mouse;
mod navigation;
mod review;
mod search;
mod selection;
mod warnings;

use crate::review::session::{Change, ReviewedFile, SaveResult};

use super::action::Action;
use super::app::{App, Exit, Mode, Pane, Question};
use super::figindex::FigIndex;
use super::layout::areas;

pub(crate) use adjudicate::agreed_counts;
pub use correct::form_saves;
use navigation::focus_figure;

/// Apply one action.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::LoadTotal(n) => app.loading = Some((0, n)),
        Action::Loaded(f) => on_loaded(app, *f.0),
        Action::TeamViews(v) => {
            if let Some(t) = app.team.as_mut() {
                let fi = app.corpus.files().len().saturating_sub(1);
                t.files.resize(fi, Vec::new());
                t.files.push(v);
            }
        }
        Action::LoadFailed(msg) => {
            bump_loading(app);
            app.status = msg;
        }
        Action::Notice(msg) => app.status = msg,
        Action::LoadFinished => load_finished(app),
        Action::Saved(results) => on_saved(app, &results),
        Action::SearchDone(id, hits) => search::done(app, id, hits),
        Action::Prepared(p) => app.prepared(p),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Click(x, y) => mouse::click(app, x, y),
        Action::Scroll(x, y, d) => mouse::scroll(app, x, y, d),
        other => key(app, other),
    }
    // Views read the details and the figure rows: leave them current.
    app.sync_views();
}

/// The app with its figure index brought up to date: `update` reads figure
/// rows through this, since an action may just have changed what they are.
fn synced(app: &mut App) -> &App {
    app.sync_views();
    app
}

fn bump_loading(app: &mut App) {
    if let Some((d, t)) = app.loading.as_mut() {
        *d += 1;
        *t = (*t).max(*d);
    }
}

/// The labels that tell same-titled reports apart, worked out again (once the
/// list is loaded, and after a split or a join: a pass over the reports).
fn relabel(app: &mut App) {
    let c = &app.corpus;
    app.labels = super::labels::labels(
        c.sessions()
            .iter()
            .map(|s| (s.title(), c.file(s.file).path.as_str())),
    );
}

fn load_finished(app: &mut App) {
    app.loading = None;
    relabel(app);
    if app.corpus.is_empty() && app.status.is_empty() {
        app.status = "no reports found".into();
    } else if app.status.is_empty() {
        app.status = format!(
            "ready: {} reports in {} files",
            app.corpus.len(),
            app.corpus.files().len()
        );
    }
}

fn on_loaded(app: &mut App, f: ReviewedFile) {
    bump_loading(app);
    if let Some(p) = f.problems.first() {
        app.status = format!("store: {p}");
    }
    for s in &f.sessions {
        for d in &s.review.figures {
            for t in &d.tags {
                if !app.tags.contains(t) {
                    app.tags.push(t.clone());
                }
            }
        }
    }
    app.corpus.add_file(f.file, f.sessions);
}

/// The writer answered: failures are kept (and shown until saved), a lost lock
/// makes this instance read-only at once; a quit waiting for the saves goes on.
fn on_saved(app: &mut App, results: &[SaveResult]) {
    for r in results {
        app.corpus.saves.answer(r);
        if let Some(why) = &r.lock_lost
            && app.read_only.is_none()
        {
            app.read_only = Some(format!("lock lost: {why}"));
            app.status = format!(
                "READ-ONLY now: the store's lock was lost ({why}); decisions not on disk are kept \
                 until you quit"
            );
        }
    }
    if let Some(e) = app.corpus.saves.last_error()
        && results.iter().any(|r| r.error.is_some())
        && app.read_only.is_none()
    {
        app.status = format!("NOT SAVED: {e} (kept, retried)");
    }
    if app.quit_when_saved && app.corpus.saves.pending() == 0 {
        app.quit_when_saved = false;
        request_quit(app);
    }
}

/// Quit, once everything is on disk; ask when something is not.
fn request_quit(app: &mut App) {
    let saves = &app.corpus.saves;
    if saves.is_clean() {
        app.quit = true;
    } else if saves.failed() == 0 {
        app.quit_when_saved = true;
        app.status = "saving… quits when the saves are done".into();
    } else {
        app.mode = Mode::Confirm(Question::Unsaved);
    }
}

/// After the reviewer chose to quit with unsaved decisions: write them to a
/// recovery file beside the store, then quit.
fn write_recovery_and_quit(app: &mut App) {
    let ops = app.corpus.saves.unsaved();
    let dir = app
        .store_dir
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from(crate::review::STORE_DIR_NAME));
    match crate::review::session::saves::write_recovery(&dir, &ops) {
        Ok(p) => {
            app.exit = Exit::Recovered(p);
            app.quit = true;
        }
        Err(e) => {
            app.mode = Mode::Normal;
            app.status = format!("NOT SAVED: cannot write a recovery file either: {e}");
        }
    }
}

/// What an edit changed, passed on to what shows it: the figure index told of
/// a one-row change; after a split or a join, the indices that moved.
fn changed(app: &mut App, ch: Option<Change>) -> bool {
    let Some(ch) = ch else { return false };
    match ch.layout {
        Some((removed, inserted)) => {
            let at = ch.entry;
            let moved = |i: usize| {
                if i < at {
                    i
                } else if i < at + removed {
                    at + (i - at).min(inserted.saturating_sub(1))
                } else {
                    i + inserted - removed
                }
            };
            app.open = app.open.map(moved);
            if app.report_filter == super::app::ReportFilter::All {
                app.report_sel = moved(app.report_sel);
            }
            app.search.hits.clear();
            app.search.sel = None;
            relabel(app);
            app.fig_index = FigIndex::default();
            if let Some(t) = &app.team {
                t.forget();
            }
            app.outline_sel = 0;
            app.fig_sel = 0;
        }
        None => {
            if !matches!(ch.rows, crate::review::session::RowChange::Any)
                && let Some(s) = app.corpus.session(ch.entry)
            {
                let row = match ch.rows {
                    crate::review::session::RowChange::One(t) => Some(t),
                    _ => None,
                };
                app.fig_index.touched(ch.entry, s.rev(), row);
            }
        }
    }
    true
}

/// A key (or a key-like action) in the current mode.
fn key(app: &mut App, action: Action) {
    let (w, h) = app.size;
    // Behind the too-small screen only quitting works (and answering what
    // quitting asks, which that screen shows).
    let answering = app.mode == Mode::Confirm(Question::Unsaved);
    if areas(app, w, h).is_none() && !matches!(action, Action::Quit) && !answering {
        app.status = "terminal too small: keys do nothing until it is larger (q quits)".into();
        return;
    }
    if action.edits()
        && app.mode == Mode::Normal
        && let Some(why) = &app.read_only
    {
        app.status = format!("READ-ONLY, nothing changed: {why}");
        return;
    }
    if matches!(app.mode, Mode::Glance(_)) {
        return glance_key(app, action);
    }
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
            Action::Quit => request_quit(app),
            _ => {}
        },
        Mode::Select { start, end } => selection::select(app, start, end, action),
        Mode::Warnings { entry, sel } => warnings::key(app, entry, sel, action),
        Mode::Confirm(q) => forms::confirm(app, q, action),
        _ => forms::form(app, action),
    }
}

/// Keys over the glance: it closes, or the workstation quits.
fn glance_key(app: &mut App, action: Action) {
    match action {
        Action::Back | Action::Glance => app.mode = Mode::Normal,
        Action::Quit => request_quit(app),
        _ => {}
    }
}

fn normal(app: &mut App, action: Action) {
    match action {
        Action::Quit => request_quit(app),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        // The line starts empty: typing never appends to the last query.
        Action::Search => app.mode = Mode::Search(super::app::LineInput::default()),
        Action::Warnings => warnings::open(app),
        Action::Zoom => zoom(app),
        Action::Glance => {
            let g = crate::export::glance::glance(&app.corpus);
            app.mode = Mode::Glance(Box::new(g));
        }
        Action::NextHit => search::jump(app, 1),
        Action::PrevHit => search::jump(app, -1),
        a if adjudicate::handles(app, &a) => adjudicate::act(app, a),
        Action::Back if app.pane == Pane::Reports => {
            app.search.hits.clear();
            app.search.sel = None;
            app.status.clear();
        }
        a if navigation::handles(&a) => navigation::act(app, a),
        a => review::act(app, a),
    }
}

/// `z`: the focused pane over the whole body (it follows the focus), or back
/// to every pane.
fn zoom(app: &mut App) {
    app.zoom = !app.zoom;
    app.status = if app.zoom {
        "zoomed: the focused pane fills the screen; z shows every pane again".into()
    } else {
        String::new()
    };
}
