//! The figures table and the source text.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::panes::block;
use crate::tui::app::{App, Mode, Pane, approx_word, decision_word};
use crate::tui::layout::{inner, list_offset};
use crate::tui::wrap::{self, fit, truncate};

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
    let scope = app.scope().map_or("whole report".to_string(), |s| {
        format!("{}{}", s.section.marker, s.section.title)
    });
    let mut title = format!(" Figures ({n_rows}) · {} ", truncate(&scope, 20));
    if app.fig_filter != crate::tui::app::FigFilter::All {
        title += &format!("· {} ", app.fig_filter.label());
    }
    // Decisions whose text is gone from the file: kept in the store, said here.
    let orphaned = app
        .open
        .and_then(|ei| app.session(ei))
        .map_or(0, |s| s.attach.orphaned.len());
    if orphaned > 0 {
        title += &format!("· {orphaned} orphaned ");
    }
    f.render_widget(block(title, focused, t), r);
    let inn = inner(r);
    if inn.height == 0 {
        return;
    }
    let w = inn.width as usize;
    // Columns that fit: status, value, unit, kind, approx, subject, tags, flags.
    let wide = w >= 70;
    let header = if wide {
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
    };
    f.render_widget(
        Paragraph::new(Line::styled(fit(&header, w), t.dim())),
        Rect::new(inn.x, inn.y, inn.width, 1),
    );
    let h = inn.height.saturating_sub(1) as usize;
    let off = list_offset(app.fig_sel, n_rows, h);
    let text = app.open.map(|ei| &*app.file_of(ei).text).unwrap_or("");
    for i in off..n_rows.min(off + h) {
        let Some(row) = app.fig_row_at(i) else {
            continue;
        };
        let q = &row.quantity;
        let value = match (q.value, q.value_max) {
            (Some(v), Some(m)) => format!("{}-{}", num(v), num(m)),
            (Some(v), None) => num(v),
            _ => "?".into(),
        };
        let st = decision_word(row.status());
        let surface = text.get(row.start..row.end).unwrap_or("");
        let line = if wide {
            let mut tf: Vec<String> = row.decision.map(|d| d.tags.clone()).unwrap_or_default();
            tf.extend(row.flags.iter().map(|f| format!("!{}", f.as_str())));
            if row.decision.is_some_and(|d| d.note.is_some()) {
                tf.push("✎".into());
            }
            format!(
                "{} {} {} {} {} {} {}",
                fit(st, 3),
                fit(&value, 12),
                fit(&q.unit, 6),
                fit(q.kind.as_str(), 7),
                fit(approx_word(q.approx), 5),
                fit(row.subject.unwrap_or(surface), 10),
                tf.join(" ")
            )
        } else {
            let flag = if row.flags.is_empty() { "" } else { "!" };
            // No approx column here: a sign on the value says it (1800+ ~200 <50).
            let value = match q.approx {
                Some(crate::model::Approx::Over) => format!("{value}+"),
                Some(crate::model::Approx::About) => format!("~{value}"),
                Some(crate::model::Approx::Under) => format!("<{value}"),
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
                fit(st, 3),
                fit(&value, 10),
                fit(&q.unit, 4),
                fit(q.kind.as_str(), 7)
            )
        };
        let style = if i == app.fig_sel {
            t.selected()
        } else {
            match row.status() {
                Some(crate::review::DecisionStatus::Rejected) => t.dim(),
                Some(_) => t.ok(),
                None if !row.flags.is_empty() => t.warn(),
                None => Style::default(),
            }
        };
        f.render_widget(
            Paragraph::new(Line::styled(fit(&line, w), style)),
            Rect::new(inn.x, inn.y + 1 + (i - off) as u16, inn.width, 1),
        );
    }
    if n_rows == 0 && h > 0 {
        let msg = if app.open.is_some() {
            "no figures here (v in the source adds a missed one)"
        } else {
            "Enter opens a report"
        };
        f.render_widget(
            Paragraph::new(Line::styled(fit(msg, w), t.dim())),
            Rect::new(inn.x, inn.y + 1, inn.width, 1),
        );
    }
}

/// A highlight on the source text.
struct Mark {
    range: Range<usize>,
    style: Style,
    prio: u8,
}

/// The source text, with the figures in view highlighted (found in `app.fig_index`).
pub fn source(f: &mut Frame, app: &App, r: Rect, t: Theme) {
    let focused = app.pane == Pane::Source;
    let ei = app.open.or_else(|| app.selected_entry());
    let Some(ei) = ei else {
        f.render_widget(block(" Source ".into(), focused, t), r);
        return;
    };
    let e = &app.corpus().sessions()[ei];
    let file = app.corpus().file(e.file);
    let rep = &e.report;
    let mut title = format!(" {} ", file.path);
    if e.not_a_report() {
        title += "· NOT A REPORT ";
    }
    let meta: Vec<String> = [
        e.org().map(str::to_string),
        e.org_level()
            .map(|l| crate::review::session::report::level_name(l).to_string()),
        e.place().map(str::to_string),
        e.year().map(|y| y.to_string()),
        rep.published.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        title += &format!("· {} ", meta.join(" "));
    }
    f.render_widget(
        block(
            truncate(&title, r.width.saturating_sub(2) as usize),
            focused,
            t,
        ),
        r,
    );
    let inn = inner(r);
    if inn.height == 0 || inn.width == 0 {
        return;
    }
    let width = inn.width;
    let height = inn.height as usize;
    let text: &str = &file.text;
    let focus = match app.mode {
        Mode::Select { end, .. } => end,
        _ if app.open == Some(ei) => app.src_focus,
        _ => rep.start,
    }
    .clamp(rep.start, rep.end);
    let lines = &file.lines;
    // The report's lines, clipped to it.
    let first = lines.partition_point(|l| l.end < rep.start);
    let last = lines.partition_point(|l| l.start < rep.end);
    if first >= last {
        return;
    }
    let clip = |i: usize| lines[i].start.max(rep.start)..lines[i].end.min(rep.end);
    let rows_of = |i: usize| app.wrap.rows(e.file, text, clip(i), width);
    let fl = lines[first..last].partition_point(|l| l.end < focus) + first;
    let fl = fl.min(last - 1);
    let focus_rows = rows_of(fl);
    let fr = focus_rows
        .iter()
        .position(|rg| focus >= rg.start && focus <= rg.end)
        .unwrap_or(0);
    // Rows above the focus: about a third of the pane.
    let want_above = height / 3;
    let mut above: Vec<Range<usize>> = focus_rows[..fr].iter().rev().cloned().collect();
    let mut li = fl;
    while above.len() < want_above && li > first {
        li -= 1;
        above.extend(rows_of(li).iter().rev().cloned());
    }
    above.truncate(want_above);
    above.reverse();
    let mut rows = above;
    rows.extend(focus_rows[fr..].iter().cloned());
    let mut li = fl + 1;
    while rows.len() < height && li < last {
        rows.extend(rows_of(li).iter().cloned());
        li += 1;
    }
    rows.truncate(height);
    let (vs, ve) = (
        rows.first().map_or(0, |r| r.start),
        rows.last().map_or(0, |r| r.end),
    );

    // Highlights within the visible span.
    let mut marks: Vec<Mark> = Vec::new();
    let overlaps = |s: usize, e: usize| s <= ve && e >= vs;
    let selected = if app.open == Some(ei) {
        app.fig_pos_at(app.fig_sel).map(|r| r.target)
    } else {
        None
    };
    // Only the rows that reach into the visible bytes, by binary search.
    for fr in app.rows_reaching(ei, vs, ve).unwrap_or_default() {
        if !overlaps(fr.start, fr.end) {
            continue;
        }
        let current = Some(fr.target) == selected;
        marks.push(Mark {
            range: fr.start..fr.end,
            style: if current {
                t.current_figure()
            } else {
                t.figure()
            },
            prio: if current { 3 } else { 1 },
        });
    }
    let hits = &app.search.hits;
    let from = hits.partition_point(|h| h.0 < ei);
    for h in hits[from..].iter().take_while(|h| h.0 == ei) {
        if overlaps(h.1, h.1 + h.2) {
            marks.push(Mark {
                range: h.1..h.1 + h.2,
                style: t.hit(),
                prio: 2,
            });
        }
    }
    // The source cursor: where `v` starts a selection and j/k scroll from.
    if focused && app.mode == Mode::Normal && app.open == Some(ei) {
        let c = text
            .get(focus..)
            .and_then(|s| s.chars().next())
            .map_or(0, |c| c.len_utf8());
        if c > 0 {
            marks.push(Mark {
                range: focus..focus + c,
                style: t.selected(),
                prio: 5,
            });
        }
    }
    if let Mode::Select { start, end } = app.mode
        && app.open == Some(ei)
    {
        marks.push(Mark {
            range: start..end,
            style: t.selection(),
            prio: 4,
        });
    }

    for (y, row) in rows.iter().enumerate() {
        let line = styled_row(text, row.clone(), &marks);
        f.render_widget(
            Paragraph::new(line),
            Rect::new(inn.x, inn.y + y as u16, inn.width, 1),
        );
    }
}

/// One wrapped row split at highlight boundaries, each piece drawn in its strongest style.
fn styled_row(text: &str, row: Range<usize>, marks: &[Mark]) -> Line<'static> {
    let mut cuts = vec![row.start, row.end];
    for m in marks {
        for p in [m.range.start, m.range.end] {
            if p > row.start && p < row.end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let Some(piece) = text.get(s..e) else {
            continue;
        };
        let style = marks
            .iter()
            .filter(|m| m.range.start <= s && e <= m.range.end && m.range.start < m.range.end)
            .max_by_key(|m| m.prio)
            .map_or(Style::default(), |m| m.style);
        spans.push(Span::styled(wrap::display(piece), style));
    }
    Line::from(spans)
}
