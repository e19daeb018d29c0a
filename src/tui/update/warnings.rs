//! The warnings list of a report (`!`): its findings in text order, each with
//! its reason; Enter goes to the place one is about.

use super::super::action::Action;
use super::super::app::{App, FigFilter, Mode, Pane};
use super::navigation::open_entry;
use super::{request_quit, synced};

/// Open the list of the report under the list cursor (from the list) or of the
/// open report, on the first finding at or after the source cursor.
pub(super) fn open(app: &mut App) {
    let entry = match app.pane {
        Pane::Reports => app.selected_entry(),
        _ => app.open,
    };
    let Some(entry) = entry else { return };
    let Some(s) = app.corpus.session(entry) else {
        return;
    };
    let found = s.findings();
    if found.is_empty() {
        app.status = "no warnings in this report".into();
        return;
    }
    let sel = if app.open == Some(entry) {
        found
            .partition_point(|f| f.start < app.src_focus)
            .min(found.len() - 1)
    } else {
        0
    };
    app.mode = Mode::Warnings { entry, sel };
}

pub(super) fn key(app: &mut App, entry: usize, sel: usize, action: Action) {
    let n = app.session(entry).map_or(0, |s| s.findings().len());
    if n == 0 {
        app.mode = Mode::Normal;
        return;
    }
    let page = (app.size.1 as usize / 2).max(1) as isize;
    let to = |d: isize| (sel as isize).saturating_add(d).clamp(0, n as isize - 1) as usize;
    let sel = match action {
        Action::Down => to(1),
        Action::Up => to(-1),
        Action::PageDown => to(page),
        Action::PageUp => to(-page),
        Action::Top => 0,
        Action::Bottom => n - 1,
        Action::GoTo => return go(app, entry, sel),
        Action::Back | Action::Warnings => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Quit => {
            app.mode = Mode::Normal;
            return request_quit(app);
        }
        _ => sel,
    };
    app.mode = Mode::Warnings { entry, sel };
}

/// Open the report at finding `k`: its figure selected when it is about one
/// (the whole report in scope, the filter dropped if it hides the row), the
/// source cursor on it.
fn go(app: &mut App, entry: usize, k: usize) {
    app.mode = Mode::Normal;
    let Some(f) = app
        .session(entry)
        .and_then(|s| s.findings().get(k))
        .cloned()
    else {
        return;
    };
    if let Some(p) = app.visible_reports().iter().position(|&v| v == entry) {
        app.report_sel = p;
    }
    open_entry(app, entry);
    app.outline_sel = 0;
    let mut row = synced(app).fig_row_starting_at(f.start);
    if row.is_none() && app.fig_filter != FigFilter::All {
        app.fig_filter = FigFilter::All;
        row = synced(app).fig_row_starting_at(f.start);
    }
    match row {
        Some(i) => {
            app.fig_sel = i;
            app.pane = Pane::Figures;
        }
        None => app.pane = Pane::Source,
    }
    app.src_focus = f.start;
    app.status = format!("{}: {}", f.kind.code(), f.message);
}
