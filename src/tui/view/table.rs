//! The figures table (the source text is in `source`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use super::panes::block;
use crate::model::{Approx, Quantity};
use crate::review::DecisionStatus;
use crate::review::session::FigRow;
use crate::tui::app::{App, Mode, Pane, approx_word, decision_word};
use crate::tui::layout::{inner, list_offset};
use crate::tui::wrap::{fit, truncate};

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The figures table: only the rows on screen are resolved (`App::fig_row_at`).
pub fn figures(f: &mut Frame, app: &App, r: Rect, t: Theme) {
    let n_rows = app.fig_row_count();
    let focused = app.pane == Pane::Figures && app.mode == Mode::Normal;
    f.render_widget(block(title(app, n_rows), focused, t), r);
    let inn = inner(r);
    if inn.height == 0 {
        return;
    }
    let w = inn.width as usize;
    // Columns that fit: status, value, unit, kind, approx, subject, tags, flags.
    let wide = w >= 70;
    f.render_widget(
        Paragraph::new(Line::styled(fit(&header(wide), w), t.dim())),
        Rect::new(inn.x, inn.y, inn.width, 1),
    );
    let h = inn.height.saturating_sub(1) as usize;
    let off = list_offset(app.fig_sel, n_rows, h);
    let body = app.open.and_then(|ei| app.body_of(ei)).unwrap_or_default();
    let text: &str = &body.text;
    for i in off..n_rows.min(off + h) {
        let Some(row) = app.fig_row_at(i) else {
            continue;
        };
        let surface = text.get(row.start..row.end).unwrap_or("");
        let line = if wide {
            wide_row(&row, surface)
        } else {
            narrow_row(&row, surface)
        };
        let style = row_style(&row, i == app.fig_sel, t);
        f.render_widget(
            Paragraph::new(Line::styled(fit(&line, w), style)),
            Rect::new(inn.x, inn.y + 1 + (i - off) as u16, inn.width, 1),
        );
    }
    if n_rows == 0 && h > 0 {
        f.render_widget(
            Paragraph::new(Line::styled(fit(empty_message(app), w), t.dim())),
            Rect::new(inn.x, inn.y + 1, inn.width, 1),
        );
    }
}

/// The table's title: the report's progress, then what the table shows of it.
fn title(app: &App, n_rows: usize) -> String {
    let scope = app.scope().map_or("whole report".to_string(), |s| {
        format!("{}{}", s.section.marker, s.section.title)
    });
    let c = app
        .open
        .and_then(|ei| app.session(ei))
        .map(|s| s.counts())
        .unwrap_or_default();
    let mut title = format!(
        " Figures ({}/{} decided) · {} ",
        c.decided,
        c.total,
        truncate(&scope, 20)
    );
    if app.fig_filter != crate::tui::app::FigFilter::All {
        title += &format!("· filter {}: {n_rows} shown ", app.fig_filter.label());
    } else if app.scope().is_some() {
        title += &format!("· {n_rows} shown ");
    }
    // Decisions whose text is gone from the file: kept in the store, said here.
    let orphaned = app
        .open
        .and_then(|ei| app.session(ei))
        .map_or(0, |s| s.attach.orphaned.len());
    if orphaned > 0 {
        title += &format!("· {orphaned} orphaned ");
    }
    title
}

/// The column names, as wide as the columns of `wide_row` or `narrow_row`.
fn header(wide: bool) -> String {
    if wide {
        format!(
            "{} {} {} {} {} {} {}",
            fit("st", 3),
            fit("value", 12),
            fit("unit", 6),
            fit("kind", 7),
            fit("appr", 5),
            fit("subject", 10),
            "tags/flags"
        )
    } else {
        format!(
            "{} {} {} {} {}",
            fit("st", 3),
            fit("value", 10),
            fit("unit", 4),
            fit("kind", 7),
            "text"
        )
    }
}

/// A figure's value, or its range, or `?` when it has none.
fn value_text(q: &Quantity) -> String {
    match (q.value, q.value_max) {
        (Some(v), Some(m)) => format!("{}-{}", num(v), num(m)),
        (Some(v), None) => num(v),
        _ => "?".into(),
    }
}

/// A row with every column: status, value, unit, kind, approx, subject (or the
/// figure's text), then tags, flags and a mark for a note.
fn wide_row(row: &FigRow, surface: &str) -> String {
    let q = row.quantity;
    let mut tf: Vec<String> = row.decision.map(|d| d.tags.clone()).unwrap_or_default();
    tf.extend(row.flags.iter().map(|f| format!("!{}", f.as_str())));
    if row.decision.is_some_and(|d| d.note.is_some()) {
        tf.push("✎".into());
    }
    format!(
        "{} {} {} {} {} {} {}",
        fit(decision_word(row.status()), 3),
        fit(&value_text(q), 12),
        fit(&q.unit, 6),
        fit(q.kind.as_str(), 7),
        fit(approx_word(q.approx), 5),
        fit(row.subject.unwrap_or(surface), 10),
        tf.join(" ")
    )
}

/// A row for a narrow pane: status, value, unit, kind, then the figure's text.
fn narrow_row(row: &FigRow, surface: &str) -> String {
    let q = row.quantity;
    let flag = if row.flags.is_empty() { "" } else { "!" };
    // No approx column here: a sign on the value says it (1800+ ~200 <50).
    let value = value_text(q);
    let value = match q.approx {
        Some(Approx::Over) => format!("{value}+"),
        Some(Approx::About) => format!("~{value}"),
        Some(Approx::Under) => format!("<{value}"),
        None => value,
    };
    let tags = row.decision.map(|d| d.tags.join(" ")).unwrap_or_default();
    let note = if row.decision.is_some_and(|d| d.note.is_some()) {
        " ✎"
    } else {
        ""
    };
    format!(
        "{} {} {} {} {flag}{surface} {tags}{note}",
        fit(decision_word(row.status()), 3),
        fit(&value, 10),
        fit(&q.unit, 4),
        fit(q.kind.as_str(), 7)
    )
}

/// A row's colour: the selection, else what was decided, else a warning for a
/// flagged figure nobody has looked at.
fn row_style(row: &FigRow, selected: bool, t: Theme) -> Style {
    if selected {
        return t.selected();
    }
    match row.status() {
        Some(DecisionStatus::Rejected) => t.dim(),
        Some(_) => t.ok(),
        None if !row.flags.is_empty() => t.warn(),
        None => Style::default(),
    }
}

/// What an empty table says instead.
fn empty_message(app: &App) -> &'static str {
    if app.open.is_some() {
        "no figures here (v in the source adds a missed one)"
    } else {
        "Enter opens a report"
    }
}
