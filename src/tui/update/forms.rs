//! Forms and questions: the report form, the heading form, the tag picker, the
//! note line, the search line, and the answers to questions. (The figure form
//! is `correct`.)

use crate::review::session::report::FieldInput;

use super::super::action::Action;
use super::super::app::{
    App, Exit, FieldsForm, HeadingForm, LineInput, Mode, NoteOn, Question, TagForm,
};
use super::{changed, correct, request_quit, review, search, write_recovery_and_quit};

pub(super) use super::correct::correct_form;

/// Typing in a line: `true` if the action was one.
pub(super) fn edit_line(input: &mut LineInput, a: &Action) -> bool {
    match a {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        _ => return false,
    }
    true
}

/// Tab and Shift-Tab: the next or previous of `n` fields; `true` if it was one.
pub(super) fn cycle_focus(focus: &mut usize, n: usize, a: &Action) -> bool {
    match a {
        Action::NextField => *focus = (*focus + 1) % n,
        Action::PrevField => *focus = (*focus + n - 1) % n,
        _ => return false,
    }
    true
}

/// Esc and quit in a form or a selection: leave it, its input dropped, or quit.
pub(super) fn leaves_form(app: &mut App, action: &Action) -> bool {
    match action {
        Action::Back => app.mode = Mode::Normal,
        Action::Quit => {
            app.mode = Mode::Normal;
            request_quit(app);
        }
        _ => return false,
    }
    true
}

/// A key in whichever form is open.
pub(super) fn form(app: &mut App, action: Action) {
    match app.mode.clone() {
        Mode::Search(input) => search_line(app, input, action),
        Mode::Note(on, input) => note(app, on, input, action),
        Mode::Tags(mut f) => tags(app, &mut f, action),
        Mode::Correct(mut f) => correct::correct(app, &mut f, action),
        Mode::Fields(mut f) => fields(app, &mut f, action),
        Mode::Heading(mut f) => heading(app, &mut f, action),
        _ => {}
    }
}

fn search_line(app: &mut App, mut input: LineInput, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    if action == Action::Submit {
        app.mode = Mode::Normal;
        search::run(app, input.text.trim());
        return;
    }
    edit_line(&mut input, &action);
    app.mode = Mode::Search(input);
}

fn note(app: &mut App, on: NoteOn, mut input: LineInput, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    if action != Action::Submit {
        edit_line(&mut input, &action);
        app.mode = Mode::Note(on, input);
        return;
    }
    app.mode = Mode::Normal;
    if refused(app) {
        return;
    }
    let note = input.text.trim().to_string();
    let note = (!note.is_empty()).then_some(note);
    let ch = match on {
        NoteOn::Figure(t) => match app.open {
            Some(ei) => app.corpus.decide(ei, t, |d| d.note = note),
            None => None,
        },
        NoteOn::Report(ei) => app.corpus.set_report_note(ei, note),
    };
    changed(app, ch);
}

/// A form submitted on a read-only instance changes nothing, and says so.
fn refused(app: &mut App) -> bool {
    match &app.read_only {
        Some(why) => {
            app.status = format!("READ-ONLY, nothing changed: {why}");
            true
        }
        None => false,
    }
}

fn tags(app: &mut App, form: &mut TagForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    match action {
        Action::NextField => form.selected += 1,
        Action::PrevField => form.selected = form.selected.saturating_sub(1),
        Action::Submit => {
            let choices = app.tag_choices(&form.input.text);
            let typed = form.input.text.trim().to_string();
            let tag = if choices.contains(&typed) || typed.is_empty() {
                choices
                    .get(form.selected.min(choices.len().saturating_sub(1)))
                    .cloned()
            } else if form.selected > 0 {
                choices.get(form.selected - 1).cloned()
            } else {
                Some(typed)
            };
            app.mode = Mode::Normal;
            let Some(tag) = tag.filter(|t| !t.is_empty()) else {
                return;
            };
            if refused(app) {
                return;
            }
            if !app.tags.contains(&tag) {
                app.tags.push(tag.clone());
            }
            let Some(ei) = app.open else { return };
            let mut on = false;
            let ch = app.corpus.decide(ei, form.target, |d| {
                if let Some(i) = d.tags.iter().position(|x| *x == tag) {
                    d.tags.remove(i);
                } else {
                    d.tags.push(tag.clone());
                    on = true;
                }
            });
            changed(app, ch);
            app.status = format!("tag {tag} {}", if on { "added" } else { "removed" });
            return;
        }
        a => {
            if edit_line(&mut form.input, &a) {
                form.selected = 0;
            }
        }
    }
    app.mode = Mode::Tags(form.clone());
}

/// The report form for report `ei`, prefilled with its fields as they stand.
pub(super) fn fields_form(app: &App, ei: usize) -> Option<FieldsForm> {
    let s = app.session(ei)?;
    let level = s
        .org_level()
        .map_or("", crate::review::session::report::level_name);
    let year = s.year().map(|y| y.to_string()).unwrap_or_default();
    Some(FieldsForm {
        entry: ei,
        fields: [
            LineInput::new(s.title().trim()),
            LineInput::new(&year),
            LineInput::new(s.org().unwrap_or("")),
            LineInput::new(level),
            LineInput::new(s.place().unwrap_or("")),
        ],
        focus: 0,
        error: None,
    })
}

fn fields(app: &mut App, form: &mut FieldsForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    if cycle_focus(&mut form.focus, form.fields.len(), &action) {
        app.mode = Mode::Fields(form.clone());
        return;
    }
    match action {
        Action::Submit => {
            if refused(app) {
                app.mode = Mode::Normal;
                return;
            }
            let [title, year, org, org_level, place] = form.fields.clone().map(|f| f.text);
            let input = FieldInput {
                title,
                year,
                org,
                org_level,
                place,
            };
            match app.corpus.set_fields(form.entry, &input) {
                Ok(ch) => {
                    app.mode = Mode::Normal;
                    changed(app, ch);
                    app.status = "report fields saved".into();
                    return;
                }
                Err(e) => form.error = Some(e),
            }
        }
        a => {
            edit_line(&mut form.fields[form.focus], &a);
        }
    }
    app.mode = Mode::Fields(form.clone());
}

fn heading(app: &mut App, form: &mut HeadingForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    if cycle_focus(&mut form.focus, form.fields.len(), &action) {
        app.mode = Mode::Heading(form.clone());
        return;
    }
    match action {
        Action::Submit => {
            let level = match form.fields[1].text.trim().parse::<u8>() {
                Ok(l) if (1..=crate::review::session::outline::MAX_LEVEL).contains(&l) => l,
                _ => {
                    form.error = Some("level: a number from 1 (outermost) to 6".into());
                    app.mode = Mode::Heading(form.clone());
                    return;
                }
            };
            app.mode = Mode::Normal;
            if refused(app) {
                return;
            }
            let title = form.fields[0].text.trim().to_string();
            let ch = match form.row {
                Some(row) => app
                    .corpus
                    .heading_correct(form.entry, row, Some(title), Some(level)),
                None => app.corpus.heading_add(form.entry, form.at, &title, level),
            };
            let done = changed(app, ch);
            app.status = match (done, form.row) {
                (true, Some(_)) => "heading corrected".into(),
                (true, None) => "heading added".into(),
                (false, None) => "no heading added: a heading is there already".into(),
                (false, Some(_)) => "heading unchanged".into(),
            };
            return;
        }
        a => {
            edit_line(&mut form.fields[form.focus], &a);
        }
    }
    app.mode = Mode::Heading(form.clone());
}

/// An answer to the open question.
pub(super) fn confirm(app: &mut App, q: Question, action: Action) {
    match (q, action) {
        (_, Action::Back) => app.mode = Mode::Normal,
        (Question::Unsaved, Action::Quit) => {}
        (_, Action::Quit) => {
            app.mode = Mode::Normal;
            request_quit(app);
        }
        (Question::AcceptAll, Action::Submit) => {
            app.mode = Mode::Normal;
            review::accept_all(app);
        }
        (Question::AcceptAgreed, Action::Submit) => {
            app.mode = Mode::Normal;
            if !refused(app) {
                super::adjudicate::accept_agreed(app);
            }
        }
        (Question::MarkDone { entry, .. }, Action::Submit) => {
            app.mode = Mode::Normal;
            if !refused(app) {
                review::mark_done(app, entry);
            }
        }
        (Question::AddOver { start, end, over }, Action::ReplaceBoundary) => {
            let t = super::super::app::Target::New(start, end);
            app.mode = Mode::Correct(correct_form(app, t, Some(over)));
        }
        (Question::AddOver { start, end, .. }, Action::KeepBoth) => {
            let t = super::super::app::Target::New(start, end);
            app.mode = Mode::Correct(correct_form(app, t, None));
        }
        (Question::Unsaved, Action::RetrySaves) => {
            app.mode = Mode::Normal;
            let n = app.corpus.saves.retry();
            app.quit_when_saved = true;
            app.status = format!("saving {n} report(s) again…");
        }
        (Question::Unsaved, Action::WriteRecovery) => write_recovery_and_quit(app),
        (Question::Unsaved, Action::QuitAnyway) => {
            app.exit = Exit::Abandoned(app.corpus.saves.unsaved().len());
            app.quit = true;
        }
        _ => {}
    }
}
