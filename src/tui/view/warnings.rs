//! The warnings list overlay: a report's findings in text order, each with
//! its line, its code and its reason.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;

use super::Theme;
use super::overlays::{hint_line, popup};
use crate::review::session::FindingKind;
use crate::tui::app::App;
use crate::tui::layout::list_offset;
use crate::tui::wrap::{fit, truncate};

pub fn draw(f: &mut Frame, app: &App, entry: usize, sel: usize, t: Theme) {
    let Some(s) = app.session(entry) else { return };
    let found = s.findings();
    let area = f.area();
    let w = area.width.saturating_sub(2).min(100);
    let inner_w = w.saturating_sub(2) as usize;
    // Room for the rows, a hint line and the border; at most about half the screen.
    let max_rows = (area.height / 2).saturating_sub(3).max(3) as usize;
    let shown = found.len().min(max_rows);
    let file = app.body_of(entry).unwrap_or_default();
    let off = list_offset(sel, found.len(), shown);
    let mut lines: Vec<Line> = Vec::new();
    for (i, fd) in found.iter().enumerate().skip(off).take(shown) {
        let line = file.lines().partition_point(|l| l.end < fd.start) + 1;
        // A report warning, or the flag of one figure.
        let mark = match fd.kind {
            FindingKind::Warning(_) => "warn",
            FindingKind::Flag(_) => "flag",
        };
        let text = format!(
            "L{line:<4} {mark} {} {}",
            fit(fd.kind.code(), 17),
            fd.message
        );
        let style = if i == sel {
            t.selected()
        } else {
            Style::default()
        };
        lines.push(Line::styled(fit(&text, inner_w), style));
    }
    lines.push(hint_line(app, t));
    let title = format!(
        " Warnings ({}) · {} ",
        found.len(),
        truncate(s.title().trim(), 40)
    );
    let h = lines.len() as u16 + 2;
    popup(f, app, &title, lines, w, h, t);
}
