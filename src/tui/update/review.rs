//! Decisions: on figures (accept, reject, correct, tag, note, boundaries,
//! accept all), on headings (accept, reject, retitle, level, add), on reports
//! (fields, not a report, note, done, split, join); undo and redo. Each is an
//! edit of the review session; what it changed goes to `changed`.

use crate::review::DecisionStatus;

use super::super::action::Action;
use super::super::app::{
    App, HeadingForm, LineInput, Mode, NoteOn, Pane, Question, TagForm, Target,
};
use super::forms::{correct_form, fields_form};
use super::navigation::{current_target, focus_figure, open_entry};
use super::{changed, selection, synced};

pub(super) fn act(app: &mut App, action: Action) {
    match action {
        Action::Undo => travel(app, true),
        Action::Redo => travel(app, false),
        Action::Done => done(app),
        Action::NotAReport => report_edit(app, |c, ei| c.toggle_not_a_report(ei), nar_word),
        Action::Accept => decide_and_move(app, DecisionStatus::Accepted),
        Action::Reject => decide_and_move(app, DecisionStatus::Rejected),
        Action::Correct => {
            if let Some(t) = current_target(app) {
                app.mode = Mode::Correct(correct_form(app, t, None));
            }
        }
        Action::Tag => {
            if let Some(target) = current_target(app) {
                app.mode = Mode::Tags(TagForm {
                    target,
                    input: LineInput::default(),
                    selected: 0,
                });
            }
        }
        Action::Note => note(app),
        Action::Visual => selection::start_select(app),
        Action::ShrinkEnd => nudge(app, false, -1),
        Action::GrowEnd => nudge(app, false, 1),
        Action::StartLeft => nudge(app, true, -1),
        Action::StartRight => nudge(app, true, 1),
        Action::AcceptAll if app.open.is_some() => app.mode = Mode::Confirm(Question::AcceptAll),
        Action::EditReport => {
            if let Some(f) = report_entry(app).and_then(|ei| fields_form(app, ei)) {
                app.mode = Mode::Fields(f);
            }
        }
        Action::Split => split(app),
        Action::Join => join(app),
        Action::AcceptHeading => heading(app, |c, ei, row| c.heading_accept(ei, row)),
        Action::RejectHeading => heading(app, |c, ei, row| c.heading_reject(ei, row)),
        Action::PromoteHeading => heading(app, |c, ei, row| c.heading_shift(ei, row, -1)),
        Action::DemoteHeading => heading(app, |c, ei, row| c.heading_shift(ei, row, 1)),
        Action::EditHeading => edit_heading(app),
        Action::AddHeading => add_heading(app),
        _ => {}
    }
}

/// The report a report-level key acts on: the list's cursor from the list,
/// else the open one.
fn report_entry(app: &App) -> Option<usize> {
    if app.pane == Pane::Reports {
        app.selected_entry()
    } else {
        app.open
    }
}

/// `d`: mark the report done, asking first when figures are undecided (or
/// open it again).
fn done(app: &mut App) {
    let Some(ei) = report_entry(app) else { return };
    let Some(s) = app.session(ei) else { return };
    let c = s.counts();
    let undecided = c.total.saturating_sub(c.decided);
    if !s.is_done() && undecided > 0 {
        app.mode = Mode::Confirm(Question::MarkDone {
            entry: ei,
            undecided,
        });
        return;
    }
    mark_done(app, ei);
}

/// Toggle report `ei` done, and say so.
pub(super) fn mark_done(app: &mut App, ei: usize) {
    let ch = app.corpus.toggle_done(ei);
    changed(app, ch);
    app.status = done_word(app, ei);
}

fn done_word(app: &App, ei: usize) -> String {
    match app.session(ei).is_some_and(|s| s.is_done()) {
        true => "report done".into(),
        false => "report reopened".into(),
    }
}

fn nar_word(app: &App, ei: usize) -> String {
    match app.session(ei).is_some_and(|s| s.not_a_report()) {
        true => "marked not a report: its figures leave the dataset".into(),
        false => "a report again".into(),
    }
}

fn report_edit(
    app: &mut App,
    edit: impl FnOnce(
        &mut crate::review::session::Corpus,
        usize,
    ) -> Option<crate::review::session::Change>,
    say: impl FnOnce(&App, usize) -> String,
) {
    let Some(ei) = report_entry(app) else { return };
    let ch = edit(&mut app.corpus, ei);
    changed(app, ch);
    app.status = say(app, ei);
}

fn note(app: &mut App) {
    // On the selected figure; on the report from the list or when it has no figures.
    let fig = (app.pane != Pane::Reports)
        .then(|| current_target(app))
        .flatten();
    if let Some(t) = fig {
        let note = app
            .row_of(app.open.unwrap_or(0), t)
            .and_then(|r| r.decision.and_then(|d| d.note.clone()))
            .unwrap_or_default();
        app.mode = Mode::Note(NoteOn::Figure(t), LineInput::new(&note));
    } else if let Some(ei) = report_entry(app) {
        let note = app
            .session(ei)
            .and_then(|s| s.review.note.clone())
            .unwrap_or_default();
        app.mode = Mode::Note(NoteOn::Report(ei), LineInput::new(&note));
    }
}

fn decide_and_move(app: &mut App, status: DecisionStatus) {
    let Some(t) = current_target(app) else { return };
    let Some(ei) = app.open else { return };
    let ch = app.corpus.set_status(ei, t, status);
    changed(app, ch);
    next_undecided(app, t);
}

/// `{`/`}`/`[`/`]`: move the selected figure's start or end one character.
fn nudge(app: &mut App, start: bool, dir: isize) {
    let Some(t) = current_target(app) else { return };
    let Some(ei) = app.open else { return };
    let ch = app.corpus.nudge(ei, t, start, dir);
    if changed(app, ch) {
        if let Some(i) = synced(app).fig_row_of_target(t) {
            app.fig_sel = i;
        }
        focus_figure(app);
    }
}

/// After a decision: the next undecided row after the one decided, else the next row.
fn next_undecided(app: &mut App, after: Target) {
    let a = synced(app);
    let n = a.fig_row_count();
    let cur = a.fig_row_of_target(after).unwrap_or(a.fig_sel);
    // Every figure of the report decided (the counts say so): no row to look for.
    let all_decided = a
        .open
        .and_then(|ei| a.session(ei))
        .is_some_and(|s| s.counts().decided >= s.counts().total);
    let next = if all_decided {
        None
    } else {
        (1..=n)
            .map(|k| (cur + k) % n.max(1))
            .find(|&i| a.fig_row_decided(i) == Some(false))
    };
    let sel = match next {
        Some(i) => i,
        None => (cur + 1).min(n.saturating_sub(1)),
    };
    let focus = a.fig_pos_at(sel).map(|r| r.start);
    app.fig_sel = sel;
    if next.is_none() && n > 0 {
        app.status = "every figure here is decided — d marks the report done".into();
    }
    match focus {
        Some(s) => app.src_focus = s,
        None => focus_figure(app),
    }
}

pub(super) fn accept_all(app: &mut App) {
    let Some(ei) = app.open else { return };
    // The undecided parsed figures in text order (the index's order), read
    // from the index without resolving any row.
    let (pos, info) = synced(app).fig_positions(ei).unwrap_or_default();
    let targets: Vec<usize> = pos
        .iter()
        .zip(info)
        .filter_map(|(p, f)| match p.target {
            Target::Parsed(i) if !f.decided => Some(i),
            _ => None,
        })
        .collect();
    let n = targets.len();
    let ch = app.corpus.accept_all(ei, &targets);
    changed(app, ch);
    app.status = format!("accepted {n} figures");
}

/// Undo and redo are one move through the session's history.
fn travel(app: &mut App, back: bool) {
    let next = if back {
        app.corpus.history().undo.last()
    } else {
        app.corpus.history().redo.last()
    };
    let Some(entry) = next.map(|s| s.entry()) else {
        app.status = if back {
            "nothing to undo"
        } else {
            "nothing to redo"
        }
        .into();
        return;
    };
    if app.open != Some(entry) && entry < app.corpus.len() {
        open_entry(app, entry);
    }
    let ch = if back {
        app.corpus.undo()
    } else {
        app.corpus.redo()
    };
    let layout = ch.and_then(|c| c.layout).is_some();
    changed(app, ch);
    if layout {
        open_entry(app, entry.min(app.corpus.len().saturating_sub(1)));
    }
    let n = synced(app).fig_row_count();
    app.fig_sel = app.fig_sel.min(n.saturating_sub(1));
    focus_figure(app);
    app.status = if back { "undone" } else { "redone" }.into();
}

fn split(app: &mut App) {
    let Some(ei) = app.open else {
        app.status =
            "open a report and put the source cursor on the line that starts the next one".into();
        return;
    };
    match app.corpus.split(ei, app.src_focus) {
        Ok(ch) => {
            changed(app, Some(ch));
            open_entry(app, ei + 1);
            app.status =
                "report split: the text from the cursor's line is a report of its own".into();
        }
        Err(e) => app.status = format!("not split: {e}"),
    }
}

fn join(app: &mut App) {
    let Some(ei) = report_entry(app) else { return };
    match app.corpus.join_previous(ei) {
        Ok(ch) => {
            changed(app, Some(ch));
            if app.open.is_some() {
                open_entry(app, ei - 1);
            }
            app.status = "joined to the report before".into();
        }
        Err(e) => app.status = format!("not joined: {e}"),
    }
}

/// The selected heading of the open report: its index in the outline.
fn selected_heading(app: &mut App) -> Option<(usize, usize)> {
    let ei = app.open?;
    let Some(start) = app.scope().map(|r| r.section.start) else {
        app.status = "select a heading in the outline (the first row is the whole report)".into();
        return None;
    };
    let row = app
        .session(ei)?
        .outline()
        .iter()
        .position(|r| r.section.start == start)?;
    Some((ei, row))
}

fn heading(
    app: &mut App,
    edit: impl FnOnce(
        &mut crate::review::session::Corpus,
        usize,
        usize,
    ) -> Option<crate::review::session::Change>,
) {
    let Some((ei, row)) = selected_heading(app) else {
        return;
    };
    let ch = edit(&mut app.corpus, ei, row);
    if changed(app, ch) {
        app.status = "heading decided".into();
    }
}

fn edit_heading(app: &mut App) {
    let Some((ei, row)) = selected_heading(app) else {
        return;
    };
    let Some(r) = app.session(ei).and_then(|s| s.outline().get(row)) else {
        return;
    };
    app.mode = Mode::Heading(HeadingForm {
        entry: ei,
        row: Some(row),
        at: r.section.start,
        fields: [
            LineInput::new(&r.section.title),
            LineInput::new(&r.section.level.to_string()),
        ],
        focus: 0,
        error: None,
    });
}

/// `+`: a heading the parser missed, at the source cursor's line.
fn add_heading(app: &mut App) {
    let Some(ei) = app.open else { return };
    let Some(f) = app.body_of(ei) else { return };
    let Some((ls, le)) = f.line_at(app.src_focus) else {
        return;
    };
    let line = f.text.get(ls..le).unwrap_or("").trim().to_string();
    let level = app
        .session(ei)
        .and_then(|s| {
            s.outline()
                .iter()
                .filter(|r| r.section.start < ls && ls < r.section.end)
                .map(|r| r.section.level)
                .max()
        })
        .map_or(1, |l| l + 1);
    app.mode = Mode::Heading(HeadingForm {
        entry: ei,
        row: None,
        at: app.src_focus,
        fields: [LineInput::new(&line), LineInput::new(&level.to_string())],
        focus: 0,
        error: None,
    });
}
