//! The correction form of a figure (value, unit, kind, approx, subject), also
//! the form that adds a missed figure.

use crate::figures::read_quantity;
use crate::model::{Approx, FigureKind, Quantity};
use crate::review::DecisionStatus;

use super::super::action::Action;
use super::super::app::{App, CorrectForm, LineInput, Mode, Pane, Target};
use super::forms::{cycle_focus, edit_line, leaves_form};
use super::{changed, focus_figure, synced};

/// The form for `t` of the open report, prefilled with what it shows now. A
/// new figure that `replaces` an existing one starts from that one's values.
pub(super) fn correct_form(app: &App, t: Target, replaces: Option<Target>) -> CorrectForm {
    let shown = replaces.unwrap_or(t);
    let (text, q, subject) = match (app.open, shown) {
        (Some(ei), Target::New(s, e)) => {
            let f = app.body_of(ei).unwrap_or_default();
            (f.text.get(s..e).unwrap_or("").to_string(), None, None)
        }
        (Some(ei), _) => {
            let f = app.body_of(ei).unwrap_or_default();
            match app.row_of(ei, shown) {
                Some(r) => (
                    f.text.get(r.start..r.end).unwrap_or("").to_string(),
                    Some(r.quantity.clone()),
                    r.subject.map(str::to_string),
                ),
                None => (String::new(), None, None),
            }
        }
        _ => (String::new(), None, None),
    };
    let mut form = CorrectForm {
        target: t,
        fields: Default::default(),
        edited: [false; 5],
        focus: 0,
        error: None,
        reading: None,
        replaces,
    };
    form.fields[0] = LineInput::new(&text);
    form.fields[4] = LineInput::new(subject.as_deref().unwrap_or(""));
    match q {
        Some(q) => {
            // Show the current values, as the value field would read.
            form.fields[0] = LineInput::new(&value_text(&q).unwrap_or(text));
            fill_from(&mut form, &q);
            form.reading = Some(q);
        }
        None => {
            form.fields[2] = LineInput::new(FigureKind::Count.as_str());
            reread(&mut form);
        }
    }
    form
}

/// A value as a reviewer would type it back (`1800`, `15-49`).
fn value_text(q: &Quantity) -> Option<String> {
    let v = q.value?;
    Some(match q.value_max {
        Some(m) => format!("{}-{}", num(v), num(m)),
        None => num(v),
    })
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The unit, kind and approx fields from `q` (prefilling the form).
fn fill_from(form: &mut CorrectForm, q: &Quantity) {
    form.fields[1] = LineInput::new(&q.unit);
    form.fields[2] = LineInput::new(q.kind.as_str());
    form.fields[3] = LineInput::new(q.approx.map_or("", |a| a.as_str()));
}

/// What the value as typed says of the other fields, into those the reviewer
/// has not typed in: a unit (and the kind it implies) or a qualifier the
/// value spells out. What the value leaves out (`1800` says no unit) never
/// blanks a field.
fn follow_value(form: &mut CorrectForm, q: &Quantity) {
    let says = [
        (1, (!q.unit.is_empty()).then(|| q.unit.clone())),
        (
            2,
            (!q.unit.is_empty() || q.kind != FigureKind::Count)
                .then(|| q.kind.as_str().to_string()),
        ),
        (3, q.approx.map(|a| a.as_str().to_string())),
    ];
    for (i, v) in says {
        if let Some(v) = v
            && !form.edited[i]
        {
            form.fields[i] = LineInput::new(&v);
        }
    }
}

/// Read the value field with the extraction parser; a plain number always reads.
fn read_value(s: &str) -> Result<Quantity, String> {
    let s = s.trim();
    match read_quantity(s) {
        Ok(q) => Ok(q),
        Err(e) => {
            if let Ok(v) = s.replace(',', "").parse::<f64>()
                && v.is_finite()
            {
                return Ok(Quantity {
                    value: Some(v),
                    ..Default::default()
                });
            }
            if let Some((a, b)) = s.split_once('-')
                && let (Ok(a), Ok(b)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
            {
                return Ok(Quantity {
                    value: Some(a),
                    value_max: Some(b),
                    ..Default::default()
                });
            }
            Err(e)
        }
    }
}

fn reread(form: &mut CorrectForm) {
    match read_value(&form.fields[0].text) {
        Ok(q) => {
            follow_value(form, &q);
            form.reading = Some(q);
            form.error = form_quantity(form).err();
        }
        Err(e) => {
            form.error = Some(format!("value: {e}"));
            form.reading = None;
        }
    }
}

fn parse_kind(s: &str) -> Option<FigureKind> {
    let all = [
        FigureKind::Count,
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Measure,
        FigureKind::Age,
        FigureKind::Date,
        FigureKind::Time,
        FigureKind::Duration,
        FigureKind::Ordinal,
    ];
    let s = s.trim();
    all.into_iter()
        .find(|k| k.as_str() == s || (!s.is_empty() && k.as_str().starts_with(s)))
}

fn parse_approx(s: &str) -> Result<Option<Approx>, String> {
    match s.trim() {
        "" | "none" | "-" => Ok(None),
        "over" | "o" | ">" => Ok(Some(Approx::Over)),
        "about" | "a" | "~" => Ok(Some(Approx::About)),
        "under" | "u" | "<" => Ok(Some(Approx::Under)),
        other => Err(format!("approx {other:?}: over, about, under or empty")),
    }
}

/// What submitting the form saves: the quantity and the subject typed (none
/// when empty), or why it cannot be saved. The form's preview shows this.
pub fn form_saves(form: &CorrectForm) -> Result<(Quantity, Option<String>), String> {
    let q = form_quantity(form)?;
    let subject = form.fields[4].text.trim();
    Ok((q, (!subject.is_empty()).then(|| subject.to_string())))
}

/// The quantity the form says, or why it cannot be saved.
fn form_quantity(form: &CorrectForm) -> Result<Quantity, String> {
    let mut q = read_value(&form.fields[0].text).map_err(|e| format!("value: {e}"))?;
    q.unit = form.fields[1].text.trim().to_string();
    q.kind = parse_kind(&form.fields[2].text).ok_or_else(|| {
        format!(
            "kind {:?}: count, money, percent, measure, age, …",
            form.fields[2].text
        )
    })?;
    q.approx = parse_approx(&form.fields[3].text)?;
    Ok(q)
}

pub(super) fn correct(app: &mut App, form: &mut CorrectForm, action: Action) {
    if leaves_form(app, &action) {
        return;
    }
    if cycle_focus(&mut form.focus, form.fields.len(), &action) {
        app.mode = Mode::Correct(form.clone());
        return;
    }
    match action {
        Action::Submit => match form_quantity(form) {
            Ok(q) => {
                app.mode = Mode::Normal;
                submit(app, form, q);
                return;
            }
            Err(e) => form.error = Some(e),
        },
        a => {
            let f = form.focus;
            if edit_line(&mut form.fields[f], &a)
                && matches!(a, Action::Input(_) | Action::Backspace)
            {
                if f == 0 {
                    reread(form);
                } else {
                    form.edited[f] = true;
                    form.error = form_quantity(form).err();
                }
            }
        }
    }
    app.mode = Mode::Correct(form.clone());
}

/// Save what the form says: a correction, a new figure, or a new boundary (and
/// values) for the figure the selection replaces.
fn submit(app: &mut App, form: &CorrectForm, q: Quantity) {
    let Some(ei) = app.open else { return };
    if let Some(why) = &app.read_only {
        app.status = format!("READ-ONLY, nothing changed: {why}");
        return;
    }
    let subject = form.fields[4].text.trim().to_string();
    let parsed_subject = match form.replaces.unwrap_or(form.target) {
        Target::Parsed(i) => app
            .session(ei)
            .and_then(|s| s.report.figures.get(i))
            .and_then(|f| f.subject.clone()),
        _ => None,
    };
    let subject =
        (!subject.is_empty() && Some(&subject) != parsed_subject.as_ref()).then_some(subject);
    let (t, span) = match (form.target, form.replaces) {
        (Target::New(s, e), Some(over)) => (over, Some((s, e))),
        (t, _) => (t, None),
    };
    let status = match t {
        Target::Parsed(_) => Some(DecisionStatus::Corrected),
        _ => None,
    };
    let ch = app.corpus.decide(ei, t, move |d| {
        d.corrected = Some(q);
        d.subject = subject;
        if let Some(s) = status {
            d.status = Some(s);
        }
        if span.is_some() {
            d.span = span;
        }
    });
    changed(app, ch);
    let start = match (form.target, span) {
        (Target::New(s, _), _) => Some(s),
        (_, Some((s, _))) => Some(s),
        _ => None,
    };
    if let Some(s) = start {
        // Select the new (or moved) row.
        if let Some(i) = synced(app).fig_row_starting_at(s) {
            app.fig_sel = i;
        }
        app.pane = Pane::Figures;
        app.status = if span.is_some() {
            "boundary moved to the selection".into()
        } else {
            "missed figure added".into()
        };
    } else {
        app.status = "corrected".into();
    }
    focus_figure(app);
}
