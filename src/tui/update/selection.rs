//! Selecting text in the source and adding it as a figure the parser missed.
//! A selection over an existing figure asks first: move that figure's boundary
//! to the selection, or keep both (export would otherwise count it twice).

use crate::review::session::figures::{next_char, prev_char};

use super::super::action::Action;
use super::super::app::{App, Mode, Pane, Question, Target};
use super::forms::{correct_form, leaves_form};

pub(super) fn start_select(app: &mut App) {
    let Some(ei) = app.open else { return };
    let e = &app.corpus.sessions()[ei];
    let Ok(f) = app.corpus.body(e.file) else {
        return;
    };
    let r = &e.report;
    let start = app.src_focus.clamp(r.start, r.end);
    let end = next_char(&f.text, start).min(r.end);
    if end <= start {
        return;
    }
    app.pane = Pane::Source;
    app.mode = Mode::Select { start, end };
    app.status = "selecting: l/h move the end, L/H the start, Enter adds a figure".into();
}

pub(super) fn select(app: &mut App, mut start: usize, mut end: usize, action: Action) {
    let Some(ei) = app.open else {
        app.mode = Mode::Normal;
        return;
    };
    if matches!(action, Action::Back) {
        app.status.clear();
    }
    if leaves_form(app, &action) {
        return;
    }
    let e = &app.corpus.sessions()[ei];
    let Ok(f) = app.corpus.body(e.file) else {
        app.mode = Mode::Normal;
        return;
    };
    let r = &e.report;
    let text = &f.text;
    match action {
        Action::Left | Action::ShrinkEnd => {
            let p = prev_char(text, end);
            if p > start {
                end = p;
            }
        }
        Action::Right | Action::GrowEnd => {
            let n = next_char(text, end);
            if n <= r.end && !text[end..n].contains(['\n', '\r']) {
                end = n;
            }
        }
        Action::StartLeft => {
            let p = prev_char(text, start);
            if p >= r.start && !text[p..start].contains(['\n', '\r']) {
                start = p;
            }
        }
        Action::StartRight => {
            let n = next_char(text, start);
            if n < end {
                start = n;
            } else if next_char(text, end) <= r.end
                && !text[end..next_char(text, end)].contains(['\n', '\r'])
            {
                // An empty selection is useless: slide it right instead.
                start = n;
                end = next_char(text, end);
            }
        }
        Action::Submit => {
            let over = e.rows_overlapping(start, end);
            app.status.clear();
            app.mode = match over.first() {
                Some(&over) => Mode::Confirm(Question::AddOver { start, end, over }),
                None => Mode::Correct(correct_form(app, Target::New(start, end), None)),
            };
            return;
        }
        _ => {}
    }
    app.src_focus = start;
    app.mode = Mode::Select { start, end };
}
