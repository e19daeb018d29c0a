//! Overlays drawn over the panes: correction form, tag picker, note,
//! question (help and the warnings list have files of their own). A box is
//! put where it does not cover the line of the source cursor: the evidence
//! stays in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::tui::action::Action;
use crate::tui::app::{
    App, FIELD_LABELS, FORM_LABELS, HEADING_LABELS, LineInput, Mode, Question, Target,
};
use crate::tui::keymap::Ctx;
use crate::tui::wrap::{self, fit, str_width, truncate};

pub fn draw(f: &mut Frame, app: &App, t: Theme) {
    match &app.mode {
        Mode::Help { scroll } => super::help::draw(f, app, *scroll, t),
        Mode::Warnings { entry, sel } => super::warnings::draw(f, app, *entry, *sel, t),
        Mode::Correct(form) => {
            let title = match (form.target, form.replaces) {
                (Target::New(..), Some(_)) => " Move the figure's boundary to the selection ",
                (Target::New(..), None) => " Add a missed figure ",
                _ => " Correct figure ",
            };
            let mut lines = Vec::new();
            let w = box_width(f, 64);
            for (i, fld) in form.fields.iter().enumerate() {
                let label = format!("{:>7}: ", FORM_LABELS[i]);
                let mut l = input_line(&label, fld, w.saturating_sub(2) as usize, t);
                if i != form.focus {
                    l = Line::from(vec![
                        Span::styled(label, t.dim()),
                        Span::raw(fit(&fld.text, w.saturating_sub(11) as usize)),
                    ]);
                }
                lines.push(l);
            }
            lines.push(Line::raw(""));
            lines.push(preview_line(form, w, t));
            lines.push(Line::styled(
                "value as written: 1.59萬余人, 90%, 15-49",
                t.dim(),
            ));
            lines.push(Line::styled(
                "kind: count money percent measure age",
                t.dim(),
            ));
            lines.push(Line::styled(
                "approx: over about under (or empty); subject: what it counts",
                t.dim(),
            ));
            lines.push(hint_line(app, t));
            popup(f, app, title, lines, w, 13, t);
        }
        Mode::Tags(form) => {
            let w = box_width(f, 48);
            let on = app.tags_of(form.target);
            let choices = app.tag_choices(&form.input.text);
            let mut lines = vec![input_line(
                "tag: ",
                &form.input,
                w.saturating_sub(2) as usize,
                t,
            )];
            let typed = form.input.text.trim();
            let mut items: Vec<String> = Vec::new();
            if !typed.is_empty() && !choices.iter().any(|c| c == typed) {
                items.push(format!("+ new tag \"{typed}\""));
            }
            for c in &choices {
                let mark = if on.contains(c) { "✓" } else { " " };
                items.push(format!("{mark} {c}"));
            }
            for (i, it) in items.iter().enumerate().take(8) {
                let st = if i == form.selected.min(items.len().saturating_sub(1)) {
                    t.selected()
                } else {
                    Style::default()
                };
                lines.push(Line::styled(fit(it, w.saturating_sub(2) as usize), st));
            }
            lines.push(hint_line(app, t));
            let h = lines.len() as u16 + 2;
            popup(f, app, " Tags (Enter toggles) ", lines, w, h, t);
        }
        Mode::Note(on, input) => {
            let title = match on {
                crate::tui::app::NoteOn::Figure(_) => " Note on the figure ",
                crate::tui::app::NoteOn::Report(_) => " Note on the report ",
            };
            let w = box_width(f, 64);
            let lines = vec![
                input_line("note: ", input, w.saturating_sub(2) as usize, t),
                hint_line(app, t),
            ];
            popup(f, app, title, lines, w, 4, t);
        }
        Mode::Fields(form) => {
            let w = box_width(f, 64);
            let mut lines = fields_lines(&form.fields, &FIELD_LABELS, form.focus, w, t);
            lines.push(error_line(form.error.as_deref(), w, t));
            lines.push(Line::styled("year: 2014 or empty", t.dim()));
            lines.push(Line::styled(
                "level: village community town county district banner city province national",
                t.dim(),
            ));
            lines.push(hint_line(app, t));
            popup(f, app, " Report fields ", lines, w, 12, t);
        }
        Mode::Heading(form) => {
            let w = box_width(f, 64);
            let title = match form.row {
                Some(_) => " Correct the heading ",
                None => " Add a missed heading at the cursor's line ",
            };
            let mut lines = fields_lines(&form.fields, &HEADING_LABELS, form.focus, w, t);
            lines.push(error_line(form.error.as_deref(), w, t));
            lines.push(Line::styled("level: 1 outermost … 6", t.dim()));
            lines.push(hint_line(app, t));
            popup(f, app, title, lines, w, 7, t);
        }
        Mode::Confirm(q) => question(f, app, *q, t),
        _ => {}
    }
}

fn question(f: &mut Frame, app: &App, q: Question, t: Theme) {
    let w = box_width(f, 64);
    let (title, text, answers): (&str, String, &[Action]) = match q {
        Question::AcceptAll => {
            // Undecided = rows - decided rows, both counted by the session.
            let n = app
                .open
                .and_then(|ei| app.session(ei))
                .map_or(0, |s| s.counts().total.saturating_sub(s.counts().decided));
            (
                " Accept all ",
                format!("Accept all {n} undecided figures of this report?"),
                &[Action::Submit, Action::Back],
            )
        }
        Question::AcceptAgreed => {
            let (items, reports) = crate::tui::update::agreed_counts(app);
            (
                " Take what the reviewers agree on ",
                format!(
                    "Take the {items} decision(s) every reviewer agrees on, in {reports} \
                     report(s), as the adjudicated ones? (u takes them back a report at a time)"
                ),
                &[Action::Submit, Action::Back],
            )
        }
        Question::MarkDone { undecided, .. } => (
            " Mark the report done ",
            format!(
                "{undecided} figure(s) of this report are still undecided; they would be \
                 exported unreviewed. Mark it done anyway?"
            ),
            &[Action::Submit, Action::Back],
        ),
        Question::AddOver { .. } => (
            " Over an existing figure ",
            "The selection lies over a figure already in the table. Move that figure's \
             boundary to the selection, or keep both (they would be counted twice)?"
                .to_string(),
            &[Action::ReplaceBoundary, Action::KeepBoth, Action::Back],
        ),
        Question::Unsaved => (
            " Decisions not saved ",
            format!(
                "The decisions on {} report(s) are not on disk ({}). Save again, write them \
                 to a recovery file beside the store, or quit without them?",
                app.unsaved(),
                app.corpus()
                    .saves
                    .last_error()
                    .unwrap_or("the store refused them")
            ),
            &[
                Action::RetrySaves,
                Action::WriteRecovery,
                Action::QuitAnyway,
                Action::Back,
            ],
        ),
    };
    let mut spans = Vec::new();
    for a in answers {
        if let Some(k) = app.keymap().keys_for(Ctx::Confirm, a).first() {
            spans.push(Span::styled(k.label(), t.key()));
            spans.push(Span::styled(format!(" {}  ", a.label()), t.dim()));
        }
    }
    let lines = vec![Line::raw(text), Line::raw(""), Line::from(spans)];
    popup(f, app, title, lines, w, 8, t);
}

/// The lines of a form's fields, the focused one with its cursor.
fn fields_lines(
    fields: &[LineInput],
    labels: &[&str],
    focus: usize,
    w: u16,
    t: Theme,
) -> Vec<Line<'static>> {
    fields
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (fld, label))| {
            let label = format!("{label:>7}: ");
            if i == focus {
                input_line(&label, fld, w.saturating_sub(2) as usize, t)
            } else {
                Line::from(vec![
                    Span::styled(label, t.dim()),
                    Span::raw(fit(
                        &wrap::display(&fld.text),
                        w.saturating_sub(11) as usize,
                    )),
                ])
            }
        })
        .collect()
}

fn error_line(e: Option<&str>, w: u16, t: Theme) -> Line<'static> {
    match e {
        Some(e) => Line::styled(truncate(e, w.saturating_sub(2) as usize), t.error()),
        None => Line::raw(""),
    }
}

fn box_width(f: &Frame, want: u16) -> u16 {
    want.min(f.area().width.saturating_sub(2)).max(10)
}

/// A prompt with the input text and a block cursor.
pub fn input_line(prompt: &str, input: &LineInput, width: usize, t: Theme) -> Line<'static> {
    let chars: Vec<char> = input.text.chars().collect();
    let cur = input.cursor.min(chars.len());
    let before: String = chars[..cur].iter().collect();
    let at: String = chars.get(cur).map_or(" ".to_string(), |c| c.to_string());
    let after: String = chars
        .get(cur + 1..)
        .map_or(String::new(), |s| s.iter().collect());
    // Keep the cursor in view when the text is long: cut from the left.
    let room = width.saturating_sub(str_width(prompt) + 2);
    let mut before_v = before.clone();
    while str_width(&before_v) > room {
        before_v.remove(0);
    }
    Line::from(vec![
        Span::styled(prompt.to_string(), t.key()),
        Span::raw(wrap::display(&before_v)),
        Span::styled(wrap::display(&at), t.selected()),
        Span::raw(wrap::display(&after)),
    ])
}

pub(super) fn hint_line(app: &App, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, l) in app.keymap().hints(&app.contexts()) {
        spans.push(Span::styled(k, t.key()));
        spans.push(Span::styled(format!(" {l}  "), t.dim()));
    }
    Line::from(spans)
}

/// A bordered box of `w` × `h` with `lines`, centred across, put above or
/// below the evidence line (`source::evidence_y`) so it never covers it.
pub(super) fn popup(
    f: &mut Frame,
    app: &App,
    title: &str,
    lines: Vec<Line<'static>>,
    w: u16,
    h: u16,
    t: Theme,
) {
    let area = f.area();
    let avoid = super::source::evidence_y(app, area.width, area.height);
    let r = place(area, w, h, avoid);
    clear_around(f, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(title.to_string());
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        r,
    );
}

/// Where a `w` × `h` box goes in `area`: centred, unless that covers row
/// `avoid`; then on the side of it with more room (shorter if it must be).
pub fn place(area: Rect, w: u16, h: u16, avoid: Option<u16>) -> Rect {
    let w = w.min(area.width);
    let x = area.width.saturating_sub(w) / 2;
    let h = h.min(area.height.saturating_sub(2)).max(3).min(area.height);
    let centred = area.height.saturating_sub(h) / 2;
    let Some(row) = avoid.filter(|&r| r >= centred && r < centred + h) else {
        return Rect::new(x, centred, w, h);
    };
    // Rows above the evidence line, and below it (the status and hint bars
    // are the last two rows: a box may cover them).
    let above = row;
    let below = area.height.saturating_sub(row + 1);
    if above >= h {
        Rect::new(x, row - h, w, h)
    } else if below >= h {
        Rect::new(x, row + 1, w, h)
    } else if above >= below {
        Rect::new(x, 0, w, above.max(3).min(area.height))
    } else {
        Rect::new(x, row + 1, w, below.max(3))
    }
}

/// What the form would save, exactly: the value, unit, kind and qualifier as
/// they will be written, and the subject; or why it cannot be saved.
fn preview_line(form: &crate::tui::app::CorrectForm, w: u16, t: Theme) -> Line<'static> {
    let width = w.saturating_sub(2) as usize;
    match crate::tui::update::form_saves(form) {
        Ok((q, subject)) => {
            let mut s = format!("saves: {}", super::detail::quantity_words(&q));
            if let Some(sub) = subject {
                s += &format!(" · subject {sub}");
            }
            Line::styled(truncate(&s, width), t.ok())
        }
        Err(e) => Line::styled(truncate(&e, width), t.error()),
    }
}

/// Clear `r` and one column either side: a wide character that started just left of
/// the box would otherwise spill over its border.
pub(super) fn clear_around(f: &mut Frame, r: Rect) {
    let area = f.area();
    let x = r.x.saturating_sub(1);
    let right = (r.x + r.width + 1).min(area.width);
    f.render_widget(Clear, Rect::new(x, r.y, right.saturating_sub(x), r.height));
}
