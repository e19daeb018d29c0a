//! The corpus at a glance: review progress by folder or file (a gauge each,
//! its counts beside it), figures by kind and flag, accepted figures by unit
//! and subject, reports by year and level (horizontal bar charts, the exact
//! number at the start of each bar). The numbers are the core's
//! ([`crate::export::glance`]), counted when the view opened.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Clear, LineGauge, Paragraph};

use super::Theme;
use crate::export::glance::{Glance, ranked};
use crate::export::records::format_number;
use crate::text::terminal_safe;
use crate::tui::wrap::{str_width, truncate};

/// One panel: a title and its bars (label, length, the number written on it).
struct Panel {
    title: String,
    bars: Vec<(String, u64, String)>,
}

/// Draw the glance over the panes (`area`: everything above the status bar).
pub fn draw(f: &mut Frame, g: &Glance, loading: Option<(usize, usize)>, area: Rect, t: Theme) {
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .title(" Corpus at a glance ")
        .border_style(t.focus_border());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(summary(g, loading)), head);
    let panels = panels(g);
    let cols = if body.width >= 150 { 3 } else { 2 };
    // The progress gauges first, then one cell per bar chart.
    let cells = panels.len() + 1;
    let row_areas = Layout::vertical(vec![Constraint::Fill(1); cells.div_ceil(cols)]).split(body);
    for i in 0..cells {
        let row = Layout::horizontal(vec![Constraint::Fill(1); cols]).split(row_areas[i / cols]);
        match i.checked_sub(1) {
            None => progress(f, g, row[i % cols], t),
            Some(p) => panel(f, &panels[p], row[i % cols], t),
        }
    }
}

/// Review progress: per folder or file, a gauge of the figures decided, then
/// decided of all and reports done of all.
fn progress(f: &mut Frame, g: &Glance, area: Rect, t: Theme) {
    let title = format!(" Decided by {} · reports done ", g.grouping.as_str());
    let Some(inner) = framed(f, &title, area, t) else {
        return;
    };
    let (shown, more) = fitting(g.progress.len(), inner.height);
    let counts: Vec<String> = g.progress[..shown]
        .iter()
        .map(|p| {
            format!(
                " {}/{} · {}/{} done",
                p.decided, p.figures, p.done, p.reports
            )
        })
        .collect();
    let widest = counts.iter().map(|c| str_width(c)).max().unwrap_or(0) as u16;
    let counts_w = widest.min(inner.width / 2);
    let name_w = (inner.width / 4).max(4);
    for (i, (p, text)) in g.progress[..shown].iter().zip(&counts).enumerate() {
        let line = Rect {
            y: inner.y + i as u16,
            height: 1,
            ..inner
        };
        let [name, gauge, counts_area] = Layout::horizontal([
            Constraint::Length(name_w + 1),
            Constraint::Fill(1),
            Constraint::Length(counts_w),
        ])
        .areas(line);
        let label = truncate(&terminal_safe(&p.name), name_w as usize);
        f.render_widget(Paragraph::new(label), name);
        let ratio = if p.figures == 0 {
            0.0
        } else {
            p.decided as f64 / p.figures as f64
        };
        f.render_widget(
            LineGauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(format!("{:>3}%", p.percent_decided()))
                .filled_symbol("━")
                .unfilled_symbol("─")
                .filled_style(t.ok())
                .unfilled_style(t.dim()),
            gauge,
        );
        f.render_widget(
            Paragraph::new(truncate(text, counts_w as usize)),
            counts_area,
        );
    }
    more_line(f, inner, shown, more, t);
}

/// A panel's frame; its inside, or `None` when nothing fits in it.
fn framed(f: &mut Frame, title: &str, area: Rect, t: Theme) -> Option<Rect> {
    let block = Block::bordered()
        .title(truncate(title, area.width.saturating_sub(2) as usize))
        .border_style(t.border());
    let inner = block.inner(area);
    f.render_widget(block, area);
    (inner.height > 0 && inner.width > 0).then_some(inner)
}

/// Of `n` rows, how many fit in `height` (one row kept to say how many more
/// there are), and how many more.
fn fitting(n: usize, height: u16) -> (usize, usize) {
    let fits = height as usize;
    let shown = if n > fits { fits.saturating_sub(1) } else { n };
    (shown, n - shown)
}

fn more_line(f: &mut Frame, inner: Rect, shown: usize, more: usize, t: Theme) {
    if more == 0 {
        return;
    }
    let r = Rect {
        y: inner.y + shown as u16,
        height: 1,
        ..inner
    };
    let line = Line::styled(format!("… {more} more"), t.dim());
    f.render_widget(Paragraph::new(line), r);
}

/// The counts in one line: reports by review state, figures decided.
fn summary(g: &Glance, loading: Option<(usize, usize)>) -> String {
    let st = &g.stats;
    let decided: usize = g.progress.iter().map(|p| p.decided).sum();
    let rows: usize = g.progress.iter().map(|p| p.figures).sum();
    let mut s = format!(
        "{} reports: {} done, {} in progress, {} unreviewed · figures decided: {} of {}",
        st.reports,
        st.review.reports_done,
        st.review.reports_in_progress,
        st.review.reports_unreviewed,
        decided,
        rows,
    );
    if let Some((done, all)) = loading {
        s += &format!(" · still loading ({done} of {all} files)");
    }
    s
}

fn panels(g: &Glance) -> Vec<Panel> {
    let st = &g.stats;
    let counts = |m| {
        ranked(m)
            .into_iter()
            .map(|(k, n)| (k.to_string(), n as u64, n.to_string()))
            .collect::<Vec<_>>()
    };
    let mut figures = counts(&st.figures_by_kind);
    figures.extend(
        counts(&st.flags)
            .into_iter()
            .map(|(k, n, s)| (format!("⚑{k}"), n, s)),
    );
    let units = st
        .accepted_totals
        .iter()
        .map(|t| {
            let unit = if t.unit.is_empty() {
                "(no unit)"
            } else {
                &t.unit
            };
            let text = format!("{} · Σ {}", t.figures, format_number(t.sum));
            (format!("{unit} {}", t.kind), t.figures as u64, text)
        })
        .collect();
    // Years in order (the unknown ones last), not by count.
    let years = st
        .reports_by_year
        .iter()
        .map(|(y, n)| (y.clone(), *n as u64, n.to_string()))
        .collect();
    vec![
        Panel {
            title: " Figures by kind, ⚑ by flag ".into(),
            bars: figures,
        },
        Panel {
            title: " Accepted by unit (figures · sum) ".into(),
            bars: units,
        },
        Panel {
            title: " Accepted by subject ".into(),
            bars: counts(&st.accepted_by_subject),
        },
        Panel {
            title: " Reports by year ".into(),
            bars: years,
        },
        Panel {
            title: " Reports by org level ".into(),
            bars: counts(&st.reports_by_level),
        },
    ]
}

/// One panel: as many bars as fit, then how many more there are.
fn panel(f: &mut Frame, p: &Panel, area: Rect, t: Theme) {
    let Some(inner) = framed(f, &p.title, area, t) else {
        return;
    };
    if p.bars.is_empty() {
        f.render_widget(Paragraph::new(Line::styled("none yet", t.dim())), inner);
        return;
    }
    let (shown, more) = fitting(p.bars.len(), inner.height);
    // Labels come from pages and stores: escaped, and at most a third of the width.
    let label_w = (inner.width as usize / 3).max(4);
    let bars: Vec<Bar> = p.bars[..shown]
        .iter()
        .map(|(label, n, text)| {
            Bar::default()
                .label(Line::raw(truncate(&terminal_safe(label), label_w)))
                .value(*n)
                .text_value(terminal_safe(text).into_owned())
        })
        .collect();
    let chart = BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(t.ok())
        .value_style(t.selected());
    let chart_area = Rect {
        height: shown as u16,
        ..inner
    };
    f.render_widget(chart, chart_area);
    more_line(f, inner, shown, more, t);
}
