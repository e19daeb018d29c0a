//! The help overlay: a typical pass through a report, what each mark and
//! flag means (the reasons the core gives), then every key by context (from
//! the keymap table, as the hint bar and `docs/keys.md`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::overlays::clear_around;
use crate::model::{Flag, WarningCode};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Ctx;
use crate::tui::wrap::{fit, str_width};

/// The first key of `a` in `ctx`, as the screen writes it.
fn key(app: &App, ctx: Ctx, a: Action) -> String {
    let global = [ctx, Ctx::Global];
    global
        .iter()
        .find_map(|c| app.keymap().keys_for(*c, &a).first().map(|k| k.label()))
        .unwrap_or_else(|| "(unbound)".into())
}

/// A typical pass, with the keys as they are bound now.
fn typical_pass(app: &App) -> Vec<String> {
    let r = |a| key(app, Ctx::Report, a);
    vec![
        format!(
            "1. {} opens the report under the cursor; its figures have the focus.",
            key(app, Ctx::Global, Action::Open)
        ),
        format!(
            "2. {} lists its warnings; Enter goes to one. The line under the table shows \
             the selected figure whole: section, values, subject, flags and why.",
            key(app, Ctx::Global, Action::Warnings)
        ),
        format!(
            "3. Read each figure in the source below: {} accepts, {} rejects (both move on), \
             {} corrects it (the form says what will be saved).",
            r(Action::Accept),
            r(Action::Reject),
            r(Action::Correct)
        ),
        format!(
            "4. Missed a number? {} jumps to the next one in the text, {} selects it, \
             Enter adds it.",
            r(Action::NextNumber),
            r(Action::Visual)
        ),
        format!(
            "5. {} shows only the undecided (then flagged, decided, each kind); \
             {} zooms the focused pane; {} undoes.",
            key(app, Ctx::Global, Action::Filter),
            key(app, Ctx::Global, Action::Zoom),
            key(app, Ctx::Global, Action::Undo)
        ),
        format!(
            "6. {} marks the report done (it asks while figures are undecided). \
             Every decision is saved as it is made.",
            r(Action::Done)
        ),
    ]
}

/// What the marks on screen mean.
const MARKS: &[&str] = &[
    "figures:  · undecided  ok accepted  rej rejected  fix corrected",
    "          add added  1800+ over  ~200 about  <50 under  ✎ note",
    "          !flag (its reason under the table; the flags below)",
    "reports:  ~ in progress  ✓ done  ✗ not a report  ✎ note  * search hit",
    "          12/42 figures decided  3! warnings and flags (! lists them)",
    "outline:  ✓ accepted  ✗ not a heading  ✎ corrected  + added",
    "          ! a numbering warning at the heading",
    "source:   figures underlined (flagged ones yellow, the selected one",
    "          lit); gaps where a number should be in red; stripped web",
    "          chrome dimmed",
];

/// `s` wrapped at spaces to `w` columns, the first row led by `lead`, the
/// rest indented as far: the overlay scrolls by rows, so it wraps its own text.
fn wrapped(s: &str, lead: &str, w: usize) -> Vec<Line<'static>> {
    let pad = " ".repeat(str_width(lead));
    let room = w.saturating_sub(pad.len()).max(10);
    let mut rows: Vec<String> = vec![String::new()];
    for word in s.split(' ').filter(|x| !x.is_empty()) {
        let last = rows.last_mut().expect("one row at least");
        if !last.is_empty() && str_width(last) + 1 + str_width(word) > room {
            rows.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| Line::raw(format!("{}{r}", if i == 0 { lead } else { &pad })))
        .collect()
}

fn lines(app: &App, w: usize, t: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = vec![Line::styled("A typical pass", t.focus_border())];
    for step in typical_pass(app) {
        let (n, rest) = step.split_at(3);
        lines.extend(wrapped(rest, &format!("  {n}"), w));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", t.focus_border()));
    lines.extend(MARKS.iter().map(|l| Line::raw(format!("  {l}"))));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Flags on a figure", t.focus_border()));
    for f in Flag::ALL {
        lines.extend(wrapped(
            f.reason(),
            &format!("  {}", fit(f.as_str(), 18)),
            w,
        ));
    }
    lines.push(Line::styled("Warnings on a report", t.focus_border()));
    for c in WarningCode::ALL {
        lines.extend(wrapped(
            c.reason(),
            &format!("  {}", fit(c.as_str(), 18)),
            w,
        ));
    }
    lines.push(Line::raw(""));
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
    lines.push(Line::styled(
        "Keys are remappable in ~/.config/zongjie/config.toml ([keys.report] accept = [\"a\"]).",
        t.dim(),
    ));
    lines
}

pub fn draw(f: &mut Frame, app: &App, scroll: u16, t: Theme) {
    let area = f.area();
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2);
    let lines = lines(app, w.saturating_sub(2) as usize, t);
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
