//! The selected figure whole, under the figures table: where it comes from
//! (parsed or added, its line), its section path, what was extracted against
//! what will be exported, its subject, and each flag with its reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::model::Quantity;
use crate::review::session::FigRow;
use crate::tui::app::{App, approx_word, decision_word};
use crate::tui::wrap::{char_width, display, fit, str_width, truncate};

/// A quantity in a few words: `1800 名 count over`.
pub fn quantity_words(q: &Quantity) -> String {
    let v = match (q.value, q.value_max) {
        (Some(a), Some(b)) => format!("{}-{}", num(a), num(b)),
        (Some(a), None) => num(a),
        _ => "?".into(),
    };
    let mut s = v;
    if !q.unit.is_empty() {
        s += &format!(" {}", q.unit);
    }
    s += &format!(" {}", q.kind.as_str());
    if q.approx.is_some() {
        s += &format!(" {}", approx_word(q.approx));
    }
    s
}

pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn draw(f: &mut Frame, app: &App, r: Rect, t: Theme) {
    let row = app.open.and_then(|_| app.fig_row_at(app.fig_sel));
    let title = match (&row, app.open) {
        (Some(row), Some(ei)) => origin(app, ei, row),
        _ => " Figure ".into(),
    };
    let w = r.width as usize;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(t.border())
        .title(Span::styled(truncate(&title, w.saturating_sub(2)), t.dim()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let lines = match (&row, app.open) {
        (Some(row), Some(ei)) => lines(app, ei, row, w, t),
        (None, Some(_)) => vec![Line::styled(
            "no figure selected (f cycles the filter)",
            t.dim(),
        )],
        _ => Vec::new(),
    };
    let lines: Vec<Line> = lines.into_iter().take(inner.height as usize).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// Where the figure comes from: ` f3 · parsed · line 7 ` or ` added by li `.
fn origin(app: &App, ei: usize, row: &FigRow) -> String {
    let file = app.body_of(ei).unwrap_or_default();
    let line = file.lines().partition_point(|l| l.end < row.start) + 1;
    let by = row
        .decision
        .filter(|d| !d.reviewer.is_empty())
        .map_or(String::new(), |d| {
            format!(" · {} by {}", decision_word(d.status), d.reviewer)
        });
    match row.figure {
        Some(fig) => format!(" {} · parsed · line {line}{by} ", fig.id),
        None => format!(" added · line {line}{by} "),
    }
}

/// Section path; values and subject; one line a flag.
fn lines(app: &App, ei: usize, row: &FigRow, w: usize, t: Theme) -> Vec<Line<'static>> {
    let s = app.session(ei);
    let path: Vec<String> = s
        .map(|s| s.section_path(row.start))
        .unwrap_or_default()
        .iter()
        .map(|sec| format!("{}{}", sec.marker, sec.title))
        .collect();
    let path = if path.is_empty() {
        "(before the first heading)".to_string()
    } else {
        path.join(" › ")
    };
    let mut out = vec![Line::from(vec![
        Span::styled("§ ", t.dim()),
        Span::raw(display(&keep_end(&path, w.saturating_sub(2)))),
    ])];
    out.push(values_line(row, w, t));
    for flag in row.flags {
        // The reason is what a reviewer needs; the code is in the table's flags
        // column, so a narrow screen drops the code before it cuts the reason.
        let full = display(&format!("! {}: {}", flag.as_str(), flag.reason()));
        let text = if str_width(&full) <= w {
            full
        } else {
            display(&format!("! {}", flag.reason()))
        };
        out.push(Line::styled(truncate(&text, w), t.warn()));
    }
    out.extend(check_lines(app, ei, row, w, t));
    out
}

/// The relations the figure takes part in, recomputed with the values as
/// reviewed: `= share: 6 / 13 = 46.2% ✓`, an inconsistent one in the warning
/// style.
fn check_lines(app: &App, ei: usize, row: &FigRow, w: usize, t: Theme) -> Vec<Line<'static>> {
    let (Some(s), Some(fig)) = (app.session(ei), row.figure) else {
        return Vec::new();
    };
    let body = app.body_of(ei).unwrap_or_default();
    s.checks_of(&fig.id, &body.text)
        .into_iter()
        .map(|c| {
            let text = display(&format!("= {}: {}", c.kind.as_str(), c.arithmetic));
            let style = match c.outcome {
                crate::relations::Outcome::Inconsistent => t.warn(),
                _ => t.dim(),
            };
            Line::styled(truncate(&text, w), style)
        })
        .collect()
}

/// `extracted 1800 名 count over → exports 1900 名 count · subject 妇女`.
fn values_line(row: &FigRow, w: usize, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let exported = quantity_words(row.quantity);
    match row.figure {
        Some(fig) => {
            let extracted = quantity_words(&fig.quantity);
            spans.push(Span::styled("extracted ", t.dim()));
            spans.push(Span::raw(extracted.clone()));
            if exported != extracted {
                spans.push(Span::styled(" → exports ", t.dim()));
                spans.push(Span::styled(exported, t.ok()));
            }
        }
        None => {
            spans.push(Span::styled("exports ", t.dim()));
            spans.push(Span::raw(exported));
        }
    }
    let subject = row.subject.unwrap_or("—");
    spans.push(Span::styled(" · subject ", t.dim()));
    spans.push(Span::raw(display(subject)));
    fit_spans(spans, w)
}

/// Spans cut to `w` columns, made safe to draw (text from the page or the store).
fn fit_spans(spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let sw = str_width(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(Span::styled(display(&s.content), s.style));
        } else {
            out.push(Span::styled(truncate(&s.content, w - used), s.style));
            break;
        }
    }
    Line::from(out)
}

/// The end of `s` that fits `w` columns, `…` in front when cut: the innermost
/// heading of a long path stays in view.
fn keep_end(s: &str, w: usize) -> String {
    if str_width(s) <= w {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let cw = char_width(c);
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.reverse();
    fit(&format!("…{}", out.into_iter().collect::<String>()), w)
}
