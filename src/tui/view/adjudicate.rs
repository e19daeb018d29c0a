//! The differences table (adjudicating): for the open report, each item the
//! reviewers differ on (or every item, `f`), each reviewer's decision side by
//! side and the adjudicated one so far.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use super::panes::block;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::layout::{inner, list_offset};
use crate::tui::team::TeamState;
use crate::tui::wrap::{fit, str_width};

/// The table in the figures pane's place.
pub fn differences(f: &mut Frame, app: &App, team: &TeamState, r: Rect, t: Theme) {
    let focused = app.pane() == Pane::Figures && *app.mode() == Mode::Normal;
    let rows = app
        .open()
        .map(|ei| team.rows(app.corpus(), ei))
        .unwrap_or_default();
    let open = rows.iter().filter(|r| !r.decided).count();
    let what = if team.all { "items" } else { "differences" };
    let title = format!(" Adjudicating: {} {what}, {open} open ", rows.len());
    f.render_widget(block(title, focused, t), r);
    let inn = inner(r);
    if inn.height == 0 || inn.width == 0 {
        return;
    }
    let w = inn.width as usize;
    // Columns: the item, each reviewer (numbered: the key that takes theirs),
    // the adjudicated decision.
    let n = team.names.len().max(1);
    let item_w = (w / (n + 3)).clamp(6, 16);
    let col_w = (w.saturating_sub(item_w + 2) / (n + 1)).max(4);
    let mut header = fit("item", item_w) + " ";
    for (i, name) in team.names.iter().enumerate() {
        header += &fit(&format!("{} {name}", i + 1), col_w.saturating_sub(1));
        header.push(' ');
    }
    header += &fit("adjudicated", col_w);
    f.render_widget(
        Paragraph::new(Line::styled(fit(&header, w), t.dim())),
        Rect::new(inn.x, inn.y, inn.width, 1),
    );
    let h = inn.height.saturating_sub(1) as usize;
    if rows.is_empty() {
        let msg = match app.open() {
            Some(_) if team.all => "no reviewer decided anything here",
            Some(_) => "the reviewers agree on everything here (f: show every item)",
            None => "open a report",
        };
        f.render_widget(
            Paragraph::new(Line::styled(fit(msg, w), t.dim())),
            Rect::new(inn.x, inn.y + 1, inn.width, 1),
        );
        return;
    }
    let sel = team.sel.min(rows.len() - 1);
    let off = list_offset(sel, rows.len(), h);
    for (i, row) in rows.iter().enumerate().skip(off).take(h) {
        let mut line = fit(&row.label, item_w) + " ";
        for c in &row.cells {
            line += &fit(c, col_w.saturating_sub(1));
            line.push(' ');
        }
        line += &fit(&row.mine, col_w.max(w.saturating_sub(str_width(&line))));
        let style = if i == sel {
            t.selected()
        } else if row.decided {
            t.ok()
        } else if row.agreed {
            t.dim()
        } else {
            Style::default()
        };
        let y = inn.y + 1 + (i - off) as u16;
        f.render_widget(
            Paragraph::new(Line::styled(fit(&line, w), style)),
            Rect::new(inn.x, y, inn.width, 1),
        );
    }
}
