//! The mouse: a click opens a report, selects a row or focuses a pane; the
//! wheel scrolls.

use super::super::app::{App, Mode, Pane};
use super::super::layout::{self, areas, inner, list_offset};
use super::navigation::{focus_figure, move_in, open_selected};
use super::synced;

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

pub(super) fn click(app: &mut App, x: u16, y: u16) {
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
                // A click opens the report, as Enter does.
                app.report_sel = i;
                open_selected(app);
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

pub(super) fn scroll(app: &mut App, x: u16, y: u16, d: i8) {
    if app.mode != Mode::Normal {
        return;
    }
    if let Some((pane, _)) = pane_at(app, x, y) {
        let step = if pane == Pane::Source { 3 } else { 1 };
        move_in(app, pane, d as isize * step);
    }
}
