//! Keys of adjudication: move in the differences table, take a reviewer's
//! decision (`1`…`9`), correct anew (`e`, the usual forms), accept or reject
//! the figure as the adjudicator sees it, take every agreed decision at once
//! (`=`, asks first), show the figures again (`D`), every item or only the
//! differences (`f`). Every change is an edit of the session: undo works.

use crate::review::DecisionStatus;
use crate::review::team::adopt::{Adoption, agreed_adoptions};

use super::super::action::Action;
use super::super::app::{App, HeadingForm, LineInput, Mode, Pane, Question, Target};
use super::super::team::{AdjItem, AdjRow};
use super::forms::{correct_form, fields_form};
use super::{changed, synced};

/// Whether `action` is adjudication's to handle now.
pub(super) fn handles(app: &App, action: &Action) -> bool {
    let Some(team) = &app.team else { return false };
    let table = team.shown && app.open.is_some() && app.pane == Pane::Figures;
    match action {
        Action::Take(_) | Action::AcceptAgreed | Action::Differences => true,
        Action::Correct | Action::Accept | Action::Reject | Action::Filter => table,
        a => a.moves_cursor() && table,
    }
}

pub(super) fn act(app: &mut App, action: Action) {
    match action {
        Action::Differences => toggle(app),
        Action::AcceptAgreed => ask_agreed(app),
        Action::Take(n) => take(app, usize::from(n).saturating_sub(1)),
        Action::Filter => {
            if let Some(t) = app.team.as_mut() {
                t.all = !t.all;
                t.sel = 0;
            }
            app.status = match app.team.as_ref().is_some_and(|t| t.all) {
                true => "every item the reviewers decided".into(),
                false => "only where the reviewers differ".into(),
            };
        }
        Action::Correct => correct(app),
        Action::Accept => set_status(app, DecisionStatus::Accepted),
        Action::Reject => set_status(app, DecisionStatus::Rejected),
        Action::Up => move_sel(app, -1),
        Action::Down => move_sel(app, 1),
        Action::PageUp => move_sel(app, -10),
        Action::PageDown => move_sel(app, 10),
        Action::Top => move_sel(app, isize::MIN / 2),
        Action::Bottom => move_sel(app, isize::MAX / 2),
        _ => {}
    }
}

fn toggle(app: &mut App) {
    if let Some(t) = app.team.as_mut() {
        t.shown = !t.shown;
        app.status = match t.shown {
            true => "the reviewers' differences (D: the figures)".into(),
            false => "the figures (D: the reviewers' differences)".into(),
        };
    }
}

/// The rows of the open report and the selected one.
fn selected(app: &App) -> Option<(usize, AdjRow)> {
    let ei = app.open?;
    let t = app.team.as_ref()?;
    let rows = t.rows(&app.corpus, ei);
    let row = rows.get(t.sel.min(rows.len().saturating_sub(1)))?.clone();
    Some((ei, row))
}

fn move_sel(app: &mut App, delta: isize) {
    let Some(ei) = app.open else { return };
    let Some(t) = app.team.as_mut() else { return };
    let n = t.rows(&app.corpus, ei).len();
    t.sel = t.sel.saturating_add_signed(delta).min(n.saturating_sub(1));
    focus(app);
}

/// The source view on the selected item.
fn focus(app: &mut App) {
    if let Some((_, row)) = selected(app) {
        app.src_focus = row.at;
    }
}

/// Take reviewer `r`'s decision on the selected item.
fn take(app: &mut App, r: usize) {
    let Some((ei, row)) = selected(app) else {
        app.status = "open a report: its differences are in the figures pane".into();
        return;
    };
    let Some(team) = app.team.as_ref() else {
        return;
    };
    let Some(name) = team.names.get(r).cloned() else {
        app.status = format!("there are {} reviewers", team.names.len());
        return;
    };
    let fi = app.corpus.sessions()[ei].file;
    let theirs = &team.views(fi).get(r);
    let adoption = theirs.and_then(|v| match &row.item {
        AdjItem::Figure(k) => v
            .figures
            .get(k)
            .map(|f| Adoption::Figure(*k, Box::new(f.clone()))),
        AdjItem::Heading(h) => v
            .headings
            .get(h)
            .map(|x| Adoption::Heading(*h, Box::new(x.clone()))),
        AdjItem::Field(f) => {
            let key = (app.corpus.sessions()[ei].review.report.clone(), *f);
            v.fields
                .get(&key)
                .map(|(_, val)| Adoption::Field(*f, val.clone()))
        }
    });
    let Some(a) = adoption else {
        app.status = format!("{name} made no decision here: nothing to take");
        return;
    };
    let ch = app.corpus.adopt(ei, &[a]);
    let any = changed(app, ch);
    app.status = match any {
        true => format!("took {name}'s decision on {}", short(&row.label)),
        false => format!("{name}'s decision is already the adjudicated one"),
    };
    after_change(app);
}

fn short(s: &str) -> String {
    crate::tui::wrap::truncate(s, 24)
}

/// After an edit the rows may be fewer (an agreed one taken): keep the
/// selection in range, on the item's place.
fn after_change(app: &mut App) {
    let Some(ei) = app.open else { return };
    if let Some(t) = app.team.as_mut() {
        let n = t.rows(&app.corpus, ei).len();
        t.sel = t.sel.min(n.saturating_sub(1));
    }
    focus(app);
}

/// `=`: how many agreed decisions there are to take, asked first.
fn ask_agreed(app: &mut App) {
    let (items, reports) = agreed_counts(app);
    if items == 0 {
        app.status = "no agreed decision left to take".into();
        return;
    }
    app.status = format!("{items} agreed decision(s) in {reports} report(s)");
    app.mode = Mode::Confirm(Question::AcceptAgreed);
}

/// Agreed decisions not yet taken, and the reports they are in.
pub(crate) fn agreed_counts(app: &App) -> (usize, usize) {
    let Some(t) = &app.team else { return (0, 0) };
    let mut items = 0;
    let mut reports = 0;
    for s in app.corpus.sessions() {
        let n = agreed_adoptions(s, t.views(s.file)).len();
        items += n;
        reports += usize::from(n > 0);
    }
    (items, reports)
}

/// Take every agreed decision of every report: one edit per report.
pub(super) fn accept_agreed(app: &mut App) {
    let Some(t) = app.team.as_ref() else { return };
    let todo: Vec<(usize, Vec<Adoption>)> = app
        .corpus
        .sessions()
        .iter()
        .enumerate()
        .map(|(ei, s)| (ei, agreed_adoptions(s, t.views(s.file))))
        .filter(|(_, a)| !a.is_empty())
        .collect();
    let (mut items, reports) = (0, todo.len());
    for (ei, adoptions) in todo {
        items += adoptions.len();
        let ch = app.corpus.adopt(ei, &adoptions);
        changed(app, ch);
    }
    app.status = format!(
        "took {items} agreed decision(s) in {reports} report(s); u takes them back a report at a time"
    );
    after_change(app);
}

/// The adjudicator's own target for a figure item: the figure, the added one,
/// or a new one over the span.
fn target_of(app: &mut App, ei: usize, key: (usize, usize)) -> Option<Target> {
    let s = synced(app).session(ei)?;
    if let Some(i) = s
        .report
        .figures
        .iter()
        .position(|f| (f.start, f.end) == key)
    {
        return Some(Target::Parsed(i));
    }
    let added = s.attach.added.iter().copied();
    Some(
        added
            .clone()
            .find(|&di| s.added_span(di) == Some(key))
            .map_or(Target::New(key.0, key.1), Target::Added),
    )
}

/// `e`: correct the selected item anew, in the form its kind has.
fn correct(app: &mut App) {
    let Some((ei, row)) = selected(app) else {
        return;
    };
    match row.item {
        AdjItem::Figure(key) => {
            if let Some(t) = target_of(app, ei, key) {
                app.mode = Mode::Correct(correct_form(app, t, None));
            }
        }
        AdjItem::Field(_) => {
            if let Some(f) = fields_form(app, ei) {
                app.mode = Mode::Fields(f);
            }
        }
        AdjItem::Heading(start) => heading_form(app, ei, start, &row),
    }
}

fn heading_form(app: &mut App, ei: usize, start: usize, row: &AdjRow) {
    let Some(s) = app.session(ei) else { return };
    let at_row = s.outline().iter().position(|r| r.section.start == start);
    let (title, level) = match at_row.and_then(|i| s.outline().get(i)) {
        Some(r) => (r.section.title.clone(), r.section.level),
        None => (row.label.trim_start_matches("§ ").to_string(), 1),
    };
    app.mode = Mode::Heading(HeadingForm {
        entry: ei,
        row: at_row,
        at: start,
        fields: [LineInput::new(&title), LineInput::new(&level.to_string())],
        focus: 0,
        error: None,
    });
}

/// `a`/`x` on a figure item: the adjudicator's own decision, as in the figures table.
fn set_status(app: &mut App, status: DecisionStatus) {
    let Some((ei, row)) = selected(app) else {
        return;
    };
    let AdjItem::Figure(key) = row.item else {
        app.status = "a and x decide figures; 1…9 take a reviewer's decision here".into();
        return;
    };
    match target_of(app, ei, key) {
        Some(t @ (Target::Parsed(_) | Target::Added(_))) => {
            let ch = app.corpus.set_status(ei, t, status);
            changed(app, ch);
            after_change(app);
        }
        _ => app.status = "a figure only a reviewer added: take it (1…9) or correct it (e)".into(),
    }
}
