//! Moving: the cursor of each pane, the focus between panes, opening a report,
//! folding the outline, scrolling the source, jumping to the next number.

use super::super::action::Action;
use super::super::app::{App, Pane, Target};
use super::super::layout::{areas, inner};
use super::synced;

/// Whether `a` is a move this module makes.
pub(super) fn handles(a: &Action) -> bool {
    a.moves_cursor()
        || matches!(
            a,
            Action::NextPane
                | Action::PrevPane
                | Action::Open
                | Action::Back
                | Action::Filter
                | Action::NextNumber
                | Action::PrevNumber
        )
}

pub(super) fn act(app: &mut App, action: Action) {
    match action {
        Action::Up => move_in(app, app.pane, -1),
        Action::Down => move_in(app, app.pane, 1),
        Action::PageUp => move_in(app, app.pane, -(page(app) as isize)),
        Action::PageDown => move_in(app, app.pane, page(app) as isize),
        Action::Top => move_in(app, app.pane, isize::MIN / 2),
        Action::Bottom => move_in(app, app.pane, isize::MAX / 2),
        Action::NextPane => cycle_pane(app, 1),
        Action::PrevPane => cycle_pane(app, -1),
        Action::Open => match app.pane {
            Pane::Reports => open_selected(app),
            Pane::Outline => toggle_outline(app),
            Pane::Figures => app.pane = Pane::Source,
            Pane::Source => {}
        },
        Action::Back => app.pane = Pane::Reports,
        Action::Filter => filter(app),
        Action::NextNumber => jump_number(app, true),
        Action::PrevNumber => jump_number(app, false),
        _ => {}
    }
}

fn filter(app: &mut App) {
    if app.pane == Pane::Reports {
        let keep = app.selected_entry();
        app.report_filter = app.report_filter.next();
        app.report_sel = keep
            .and_then(|e| app.visible_reports().iter().position(|&v| v == e))
            .unwrap_or(0);
        app.status = format!("reports: {}", app.report_filter.label());
    } else {
        app.fig_filter = app.fig_filter.next();
        app.fig_sel = 0;
        focus_figure(app);
        app.status = format!("figures: {}", app.fig_filter.label());
    }
}

/// Rows a page moves: the height of the focused pane's inside.
fn page(app: &App) -> usize {
    let (w, h) = app.size;
    let Some(a) = areas(app, w, h) else { return 1 };
    let r = match app.pane {
        Pane::Reports => a.list,
        Pane::Outline => a.outline,
        Pane::Figures => a.figures,
        Pane::Source => a.source,
    };
    r.map_or(1, |r| (inner(r).height as usize).saturating_sub(2).max(1))
}

fn clamp_move(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

/// Move the cursor of `pane` by `delta` rows.
pub(super) fn move_in(app: &mut App, pane: Pane, delta: isize) {
    match pane {
        Pane::Reports => {
            let n = app.visible_reports().len();
            app.report_sel = clamp_move(app.report_sel, delta, n);
            if app.open.is_none() {
                app.src_focus = 0;
            }
        }
        Pane::Outline => {
            let n = app.outline_rows().len();
            app.outline_sel = clamp_move(app.outline_sel, delta, n);
            app.fig_sel = 0;
            if let Some(s) = app.scope() {
                app.src_focus = s.section.start;
            } else {
                focus_figure(app);
            }
        }
        Pane::Figures => {
            let n = synced(app).fig_row_count();
            app.fig_sel = clamp_move(app.fig_sel, delta, n);
            focus_figure(app);
        }
        Pane::Source if delta.unsigned_abs() >= isize::MAX as usize / 4 => {
            source_edge(app, delta > 0)
        }
        Pane::Source => scroll_source(app, delta),
    }
}

/// Top or bottom of the open report's text.
fn source_edge(app: &mut App, end: bool) {
    let Some(ei) = app.open else { return };
    let e = &app.corpus.sessions()[ei];
    let Ok(f) = app.corpus.body(e.file) else {
        return;
    };
    let r = &e.report;
    app.src_focus = if end {
        let lines = f.lines();
        let li = lines.partition_point(|l| l.start < r.end).saturating_sub(1);
        lines.get(li).map_or(r.start, |l| l.start.max(r.start))
    } else {
        r.start
    };
}

/// Move the source view's focus by wrapped rows.
fn scroll_source(app: &mut App, delta: isize) {
    let Some(ei) = app.open else { return };
    let (w, h) = app.size;
    let Some(src) = areas(app, w, h).and_then(|a| a.source) else {
        return;
    };
    let width = inner(src).width.max(1);
    let e = &app.corpus.sessions()[ei];
    let Ok(f) = app.corpus.body(e.file) else {
        return;
    };
    let r = &e.report;
    let lines = f.lines();
    let mut rows: Vec<usize> = Vec::new();
    // Rows near the focus only: enough lines either side for the move.
    let li = lines.partition_point(|l| l.end < app.src_focus);
    let need = delta.unsigned_abs().min(10_000) + 1;
    let mut lo = li;
    let mut count = 0;
    while lo > 0 && count < need {
        lo -= 1;
        count += app
            .wrap
            .rows(e.file, &f.text, lines[lo].start..lines[lo].end, width)
            .len();
    }
    let mut hi = li;
    count = 0;
    while hi < lines.len() && count < need + 1 {
        count += app
            .wrap
            .rows(e.file, &f.text, lines[hi].start..lines[hi].end, width)
            .len();
        hi += 1;
    }
    for l in &lines[lo..hi] {
        if l.end < r.start || l.start > r.end {
            continue;
        }
        for row in app.wrap.rows(e.file, &f.text, l.start..l.end, width).iter() {
            rows.push(row.start);
        }
    }
    if rows.is_empty() {
        return;
    }
    let cur = rows
        .partition_point(|&s| s <= app.src_focus)
        .saturating_sub(1);
    let next = clamp_move(cur, delta, rows.len());
    app.src_focus = rows[next].max(r.start);
}

fn cycle_pane(app: &mut App, dir: isize) {
    if app.open.is_none() {
        if dir > 0 {
            open_selected(app);
        }
        return;
    }
    let order = [Pane::Reports, Pane::Outline, Pane::Figures, Pane::Source];
    let i = order.iter().position(|p| *p == app.pane).unwrap_or(0) as isize;
    app.pane = order[(i + dir).rem_euclid(4) as usize];
}

pub(super) fn open_selected(app: &mut App) {
    let Some(ei) = app.selected_entry() else {
        return;
    };
    open_entry(app, ei);
    app.pane = Pane::Figures;
}

pub(super) fn open_entry(app: &mut App, ei: usize) {
    if app.open != Some(ei) {
        app.open = Some(ei);
        app.outline_sel = 0;
        app.collapsed.clear();
        let a = synced(app);
        let first = (0..a.fig_row_count()).find(|&i| a.fig_row_decided(i) == Some(false));
        app.fig_sel = first.unwrap_or(0);
    }
    focus_figure(app);
}

/// Put the source view on the selected figure (or the report start).
pub(crate) fn focus_figure(app: &mut App) {
    let a = synced(app);
    if let Some(r) = a.fig_pos_at(a.fig_sel) {
        app.src_focus = r.start;
    } else if let Some(ei) = app.open {
        let start = app.corpus.sessions()[ei].report.start;
        app.src_focus = app.scope().map_or(start, |s| s.section.start);
    }
}

fn toggle_outline(app: &mut App) {
    let id = match app.scope() {
        Some(s) if app.has_children(&s.section.id) => s.section.id.clone(),
        _ => return,
    };
    if !app.collapsed.remove(&id) {
        app.collapsed.insert(id);
    }
}

pub(super) fn current_target(app: &mut App) -> Option<Target> {
    app.open?;
    let a = synced(app);
    a.fig_pos_at(a.fig_sel).map(|r| r.target)
}

/// Digits (ASCII and full-width) and Chinese numerals: where figures start.
pub(super) fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "一二三四五六七八九十百千万萬亿億零〇两兩".contains(c)
}

/// `w`/`b`: put the source cursor on the start of the next (previous) number in the
/// open report, focusing the source pane, so `v` can start a selection there.
fn jump_number(app: &mut App, forward: bool) {
    let Some(ei) = app.open else { return };
    let e = &app.corpus.sessions()[ei];
    let Ok(f) = app.corpus.body(e.file) else {
        return;
    };
    let r = &e.report;
    let Some(body) = f.text.get(r.start..r.end) else {
        return;
    };
    let mut cur = app.src_focus.clamp(r.start, r.end) - r.start;
    while !body.is_char_boundary(cur) {
        cur -= 1;
    }
    // Scan from the cursor, not from the report start: a 20 MB report answers at once.
    let found = if forward {
        next_run_start(body, cur)
    } else {
        prev_run_start(body, cur)
    };
    match found {
        Some(i) => {
            app.src_focus = r.start + i;
            app.pane = Pane::Source;
        }
        None => app.status = "no more numbers in this report".into(),
    }
}

/// The first start of a numeral run after byte `cur` of `body` (a char boundary).
fn next_run_start(body: &str, cur: usize) -> Option<usize> {
    let (head, tail) = body.split_at(cur);
    let mut prev_num = head.chars().next_back().is_some_and(is_numeral);
    for (i, c) in tail.char_indices() {
        let n = is_numeral(c);
        if n && !prev_num && i > 0 {
            return Some(cur + i);
        }
        prev_num = n;
    }
    None
}

/// The last start of a numeral run before byte `cur` of `body` (a char boundary).
fn prev_run_start(body: &str, cur: usize) -> Option<usize> {
    let mut it = body[..cur].char_indices().rev().peekable();
    while let Some((i, c)) = it.next() {
        if is_numeral(c) && !it.peek().is_some_and(|&(_, p)| is_numeral(p)) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::update;
    use super::*;

    /// Starts of numeral runs, found the slow way.
    fn starts(body: &str) -> Vec<usize> {
        let mut prev = false;
        let mut out = Vec::new();
        for (i, c) in body.char_indices() {
            let n = is_numeral(c);
            if n && !prev {
                out.push(i);
            }
            prev = n;
        }
        out
    }

    #[test]
    fn windowed_edits_undo_and_redo_exactly() {
        let mut app = crate::tui::replay::new_app(120, 40);
        let l = crate::tui::replay::synthetic(20_000, 30);
        update(&mut app, Action::Loaded(l.into()));
        update(&mut app, Action::Open);
        let review = |app: &App| app.corpus.sessions()[0].review.clone();
        let r0 = review(&app);
        update(&mut app, Action::Accept); // a new decision, pushed
        update(&mut app, Action::Up);
        let r1 = review(&app);
        update(&mut app, Action::Reject); // the same decision, changed in place
        update(&mut app, Action::Done); // the report's status only (asked first)
        update(&mut app, Action::Submit);
        let r3 = review(&app);
        assert_eq!(r3.figures.len(), 1);
        assert_eq!(app.corpus.history().undo.len(), 3);
        for _ in 0..2 {
            update(&mut app, Action::Undo);
        }
        assert_eq!(review(&app), r1);
        update(&mut app, Action::Undo);
        assert_eq!(review(&app), r0);
        for _ in 0..3 {
            update(&mut app, Action::Redo);
        }
        assert_eq!(review(&app), r3);
        assert_eq!(app.corpus.totals().done, 1);
    }

    #[test]
    fn number_jumps_from_the_cursor_match_a_scan_from_the_start() {
        for body in [
            "共培训1800多名妇女，落实贷款16萬元。",
            "12三四 five ６７ 八",
            "",
            "无数字",
            "1",
        ] {
            let all = starts(body);
            for (cur, _) in body.char_indices().chain([(body.len(), ' ')]) {
                let next = all.iter().copied().find(|&i| i > cur);
                let prev = all.iter().copied().rev().find(|&i| i < cur);
                assert_eq!(next_run_start(body, cur), next, "{body:?} at {cur}");
                assert_eq!(prev_run_start(body, cur), prev, "{body:?} at {cur}");
            }
        }
    }
}
