//! The report list and the outline (the figures table and the source are in `table`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph};

use super::Theme;
use crate::review::session::HeadingStatus;
use crate::tui::app::{App, Mode, Pane, status_mark};
use crate::tui::layout::{inner, list_header, list_offset};
use crate::tui::wrap::{fit, str_width, truncate};

pub(super) fn block(title: String, focused: bool, t: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(Span::styled(
            title,
            if focused {
                t.focus_border()
            } else {
                Style::default()
            },
        ))
}

pub fn report_list(f: &mut Frame, app: &App, r: Rect, t: Theme) {
    let focused = app.pane == Pane::Reports && app.mode == Mode::Normal;
    let vis = app.visible_reports();
    let title = if app.report_filter == crate::tui::app::ReportFilter::All {
        format!(" Reports ({}) ", vis.len())
    } else {
        format!(" Reports ({}, {}) ", vis.len(), app.report_filter.label())
    };
    f.render_widget(block(title, focused, t), r);
    let inn = inner(r);
    if inn.height == 0 || inn.width == 0 {
        return;
    }
    let w = inn.width as usize;
    let tot = app.corpus().totals();
    let progress = format!(
        "{}/{} reports done, {}/{} figures decided",
        tot.done, tot.reports, tot.decided, tot.figures
    );
    f.render_widget(
        Paragraph::new(Line::styled(truncate(&progress, w), t.ok())),
        Rect::new(inn.x, inn.y, inn.width, 1),
    );
    if let Some((done, total)) = app.loading
        && inn.height > 1
    {
        let ratio = if total == 0 {
            0.0
        } else {
            done as f64 / total as f64
        };
        let g = Gauge::default()
            .gauge_style(t.ok())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("parsing {done}/{total} files"));
        f.render_widget(g, Rect::new(inn.x, inn.y + 1, inn.width, 1));
    }
    let top = inn.y + list_header(app);
    let h = (inn.y + inn.height).saturating_sub(top) as usize;
    let off = list_offset(app.report_sel, vis.len(), h);
    // Hits come in entry order: a binary search per shown row, not a set of
    // every hit (up to 100,000) built on every frame.
    let has_hit = |ei: usize| {
        let hits = &app.search.hits;
        let i = hits.partition_point(|h| h.0 < ei);
        hits.get(i).is_some_and(|h| h.0 == ei)
    };
    for (row, &ei) in vis.iter().enumerate().skip(off).take(h) {
        let e = &app.corpus().sessions()[ei];
        let right = row_facts(e, w);
        let mark = status_mark(e);
        let hit = if has_hit(ei) { "*" } else { " " };
        let left_w = w.saturating_sub(str_width(&right) + 3);
        let shown = e.title().trim();
        let mut title = if shown.is_empty() {
            "(untitled)".to_string()
        } else {
            shown.to_string()
        };
        // Same title elsewhere: the shortest part of the path that tells them apart.
        if let Some(l) = app.label(ei) {
            title = format!("[{l}] {title}");
        }
        let text = format!("{mark}{hit} {}{right}", fit(&title, left_w));
        let mut style = Style::default();
        if row == app.report_sel {
            style = t.selected();
        } else if app.open == Some(ei) {
            style = t.warn();
        } else if e.not_a_report() {
            style = t.dim();
        }
        let y = top + (row - off) as u16;
        f.render_widget(
            Paragraph::new(Line::styled(fit(&text, w), style)),
            Rect::new(inn.x, y, inn.width, 1),
        );
    }
    if vis.is_empty() && app.loading.is_none() {
        let msg = if app.corpus().is_empty() {
            "no reports"
        } else {
            "no reports match the filter (f)"
        };
        f.render_widget(
            Paragraph::new(Line::styled(msg, t.dim())),
            Rect::new(inn.x, top, inn.width, 1),
        );
    }
}

/// The facts on a report's row, as many as `w` columns leave room for:
/// year, body, note, figures decided of all (12/42), warnings (3!).
fn row_facts(e: &crate::review::session::ReportSession, w: usize) -> String {
    let c = e.counts();
    let mut right = String::new();
    if let Some(y) = e.year()
        && w >= 40
    {
        right += &format!(" {y}");
    }
    if let Some(o) = e.org()
        && w > 56
    {
        right += &format!(" {}", truncate(o, 10));
    }
    if e.review.note.is_some() {
        right += " ✎";
    }
    if w >= 30 {
        right += &format!(" {:>7}", format!("{}/{}", c.decided, c.total));
    }
    let n = e.finding_count();
    right += &if n > 0 {
        format!(" {:>3}", format!("{n}!"))
    } else {
        "    ".to_string()
    };
    right
}

pub fn outline(f: &mut Frame, app: &App, r: Rect, t: Theme) {
    let focused = app.pane == Pane::Outline && app.mode == Mode::Normal;
    f.render_widget(block(" Outline ".into(), focused, t), r);
    let inn = inner(r);
    let rows = app.outline_rows();
    let h = inn.height as usize;
    let w = inn.width as usize;
    let off = list_offset(app.outline_sel, rows.len(), h);
    let session = app.open.and_then(|ei| app.session(ei));
    let n_figs = session.map_or(0, |s| s.counts().total);
    for (i, row) in rows.iter().enumerate().skip(off).take(h) {
        let mut numbering = false;
        let text = match row {
            None => format!("(whole report) {n_figs}"),
            Some(r) => {
                let s = &r.section;
                let fold = if app.has_children(&s.id) {
                    if app.is_folded(&s.id) { "▸" } else { "▾" }
                } else {
                    " "
                };
                // What the reviewer said: ✓ accepted, ✗ not a heading, ✎ corrected, + added.
                let mark = match r.status {
                    HeadingStatus::Parsed => " ",
                    HeadingStatus::Accepted => "✓",
                    HeadingStatus::Rejected => "✗",
                    HeadingStatus::Corrected => "✎",
                    HeadingStatus::Added => "+",
                };
                // A numbering warning (a number skipped or repeated) at this heading.
                numbering = session.is_some_and(|e| {
                    e.findings_in(s.start, s.start + 1)
                        .iter()
                        .any(|f| f.kind.is_numbering())
                });
                let warn = if numbering { "!" } else { " " };
                format!(
                    "{mark}{warn}{}{fold}{}{}",
                    "  ".repeat(s.level.saturating_sub(1) as usize),
                    s.marker,
                    s.title
                )
            }
        };
        let rejected = row.is_some_and(|r| r.status == HeadingStatus::Rejected);
        let style = if i == app.outline_sel {
            t.selected()
        } else if rejected {
            t.dim()
        } else if numbering {
            t.warn()
        } else {
            Style::default()
        };
        f.render_widget(
            Paragraph::new(Line::styled(fit(&text, w), style)),
            Rect::new(inn.x, inn.y + (i - off) as u16, inn.width, 1),
        );
    }
    if rows.len() <= 1 && h > 1 {
        f.render_widget(
            Paragraph::new(Line::styled(fit("no headings found", w), t.dim())),
            Rect::new(inn.x, inn.y + 1, inn.width, 1),
        );
    }
}
