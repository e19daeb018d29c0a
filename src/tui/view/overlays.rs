//! Overlays drawn over the panes: help, correction form, tag picker, note, question.

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
        Mode::Help { scroll } => help(f, app, *scroll, t),
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
            match &form.error {
                Some(e) => lines.push(Line::styled(
                    truncate(e, w.saturating_sub(2) as usize),
                    t.error(),
                )),
                None => {
                    let r = form.reading.as_ref().map_or(String::new(), |q| {
                        let v = match (q.value, q.value_max) {
                            (Some(a), Some(b)) => format!("{a}-{b}"),
                            (Some(a), None) => format!("{a}"),
                            _ => "?".into(),
                        };
                        let ap = q
                            .approx
                            .map_or(String::new(), |a| format!(", {}", a.as_str()));
                        format!(" as {v} {} ({}{ap})", q.unit, q.kind.as_str())
                    });
                    lines.push(Line::styled(format!("reads{r}"), t.ok()))
                }
            }
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
            popup(f, title, lines, w, 13, t);
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
            popup(f, " Tags (Enter toggles) ", lines, w, h, t);
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
            popup(f, title, lines, w, 4, t);
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
            popup(f, " Report fields ", lines, w, 12, t);
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
            popup(f, title, lines, w, 7, t);
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
    popup(f, title, lines, w, 8, t);
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

fn hint_line(app: &App, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, l) in app.keymap().hints(&app.contexts()) {
        spans.push(Span::styled(k, t.key()));
        spans.push(Span::styled(format!(" {l}  "), t.dim()));
    }
    Line::from(spans)
}

fn popup(f: &mut Frame, title: &str, lines: Vec<Line<'static>>, w: u16, h: u16, t: Theme) {
    let area = f.area();
    let h = h.min(area.height.saturating_sub(2)).max(3);
    let r = Rect::new(
        area.width.saturating_sub(w) / 2,
        area.height.saturating_sub(h) / 2,
        w.min(area.width),
        h,
    );
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

/// Clear `r` and one column either side: a wide character that started just left of
/// the box would otherwise spill over its border.
fn clear_around(f: &mut Frame, r: Rect) {
    let area = f.area();
    let x = r.x.saturating_sub(1);
    let right = (r.x + r.width + 1).min(area.width);
    f.render_widget(Clear, Rect::new(x, r.y, right.saturating_sub(x), r.height));
}

fn help(f: &mut Frame, app: &App, scroll: u16, t: Theme) {
    let area = f.area();
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    for ctx in Ctx::ALL {
        let g = app.keymap().grouped(ctx);
        if g.is_empty() {
            continue;
        }
        lines.push(Line::styled(ctx.title().to_string(), t.focus_border()));
        for (a, keys) in g {
            let ks: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", fit(&ks.join(" "), 22)), t.key()),
                Span::raw(a.label().to_string()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", t.focus_border()));
    for l in [
        "  figures: · undecided  ok accepted  rej rejected  fix corrected  add added",
        "           1800+ over  ~200 about  <50 under  ! flagged  ✎ note",
        "  reports: ~ in progress  ✓ done  ✗ not a report  ✎ note  * search hit  3! flagged",
        "  headings: ✓ accepted  ✗ not a heading  ✎ corrected  + added",
    ] {
        lines.push(Line::raw(l));
    }
    lines.push(Line::styled(
        "Keys are remappable in ~/.config/zongjie/config.toml ([keys.report] accept = [\"a\"]).",
        t.dim(),
    ));
    let max_scroll = (lines.len() as u16).saturating_sub(h.saturating_sub(2));
    let lines: Vec<Line> = lines
        .into_iter()
        .skip(scroll.min(max_scroll) as usize)
        .collect();
    let r = Rect::new(area.width.saturating_sub(w) / 2, 1.min(area.height), w, h);
    clear_around(f, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(" Help — Esc closes, j/k scroll ");
    f.render_widget(Paragraph::new(lines).block(block), r);
}
