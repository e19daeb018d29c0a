//! The source pane: the open report's text wrapped to the pane, the focus a
//! third of the way down, with highlights: figures (the selected one lit,
//! flagged ones in the warning colour), search hits, gaps where a number
//! should be, web chrome the parser stripped (dimmed), the cursor and a
//! selection.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::panes::block;
use crate::review::session::{ReportSession, Target};
use crate::tui::app::{App, Mode, Pane};
use crate::tui::layout::{areas, inner};
use crate::tui::wrap::{self, truncate};

/// The wrapped rows the pane shows, and which of them holds the focus.
pub struct SourceRows {
    pub rows: Vec<Range<usize>>,
    /// The index in `rows` of the row holding the focus.
    pub focus_row: usize,
    /// The focus: the source cursor (a selection's end), clamped to the report.
    pub focus: usize,
}

/// The rows of report `ei` that an inner area `inn` shows, the focus a third
/// of the way down (fewer above it near the report's start).
pub fn source_rows(app: &App, ei: usize, inn: Rect) -> Option<SourceRows> {
    if inn.height == 0 || inn.width == 0 {
        return None;
    }
    let e = app.session(ei)?;
    let file = app.body_of(ei)?;
    let rep = &e.report;
    let width = inn.width;
    let height = inn.height as usize;
    let text: &str = &file.text;
    let focus = match app.mode() {
        Mode::Select { end, .. } => *end,
        _ if app.open() == Some(ei) => app.src_focus(),
        _ => rep.start,
    }
    .clamp(rep.start, rep.end);
    let lines = file.lines();
    // The report's lines, clipped to it.
    let first = lines.partition_point(|l| l.end < rep.start);
    let last = lines.partition_point(|l| l.start < rep.end);
    if first >= last {
        return None;
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
    let focus_row = above.len();
    let mut rows = above;
    rows.extend(focus_rows[fr..].iter().cloned());
    let mut li = fl + 1;
    while rows.len() < height && li < last {
        rows.extend(rows_of(li).iter().cloned());
        li += 1;
    }
    rows.truncate(height);
    Some(SourceRows {
        rows,
        focus_row,
        focus,
    })
}

/// The screen row of the evidence: the line of the open report's source
/// cursor (the selected figure, a selection) as the source pane draws it, so
/// a form can be put where it does not cover it.
pub fn evidence_y(app: &App, w: u16, h: u16) -> Option<u16> {
    let ei = app.open()?;
    let inn = inner(areas(app, w, h)?.source?);
    let v = source_rows(app, ei, inn)?;
    Some(inn.y + v.focus_row as u16)
}

/// Whether the row `t` of report `e` is a parsed figure with a flag.
fn flagged(e: &ReportSession, t: Target) -> bool {
    match t {
        Target::Parsed(i) => e.report.figures.get(i).is_some_and(|f| !f.flags.is_empty()),
        _ => false,
    }
}

/// Gaps (a placeholder, a count with no number) and the chrome lines inside
/// the report that reach into the visible bytes `vs..=ve`.
fn finding_marks(e: &ReportSession, vs: usize, ve: usize, t: Theme) -> Vec<Mark> {
    let mut marks: Vec<Mark> = e
        .findings_in(vs.saturating_sub(200), ve + 1)
        .iter()
        .filter(|f| f.kind.is_gap() && f.end > vs && f.start <= ve)
        .map(|f| Mark {
            range: f.start..f.end,
            style: t.gap(),
            prio: 2,
        })
        .collect();
    let chrome = &e.report.chrome;
    let from = chrome.partition_point(|r| r.end < vs);
    for r in chrome[from..].iter().take_while(|r| r.start <= ve) {
        marks.push(Mark {
            range: r.clone(),
            style: t.dim(),
            prio: 0,
        });
    }
    marks
}

/// A highlight on the source text.
struct Mark {
    range: Range<usize>,
    style: Style,
    prio: u8,
}

/// The source text, with the figures in view highlighted (found in
/// `app.fig_index`), gaps where a number should be, and chrome dimmed.
pub fn draw(f: &mut Frame, app: &App, r: Rect, t: Theme) {
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
    if app.awaits_file(ei) {
        f.render_widget(Paragraph::new("reading…").style(t.dim()), inn);
        return;
    }
    // The text is read again if it was dropped: a file changed on disk since
    // is said so, never drawn with the offsets of the text it was.
    let body = match app.corpus().body(e.file) {
        Ok(b) => b,
        Err(err) => {
            let msg = crate::text::terminal_safe(&err.to_string()).into_owned();
            let p = Paragraph::new(msg)
                .style(t.error())
                .wrap(ratatui::widgets::Wrap { trim: false });
            f.render_widget(p, inn);
            return;
        }
    };
    let Some(SourceRows { rows, focus, .. }) = source_rows(app, ei, inn) else {
        return;
    };
    let text: &str = &body.text;
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
            } else if flagged(e, fr.target) {
                t.flagged_figure()
            } else {
                t.figure()
            },
            prio: if current { 3 } else { 1 },
        });
    }
    marks.extend(finding_marks(e, vs, ve, t));
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
