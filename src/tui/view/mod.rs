//! Views: draw the `App` into a frame. They read the state and never change it.

mod adjudicate;
mod detail;
mod glance;
mod help;
mod overlays;
mod panes;
pub mod source;
mod table;
mod warnings;

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Mode};
use super::layout::{MIN_H, MIN_W, areas};
use super::wrap;

/// Styles, plain when `NO_COLOR` is set (modifiers only).
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn focus_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn figure(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }
    /// A figure with a flag, in the source.
    pub fn flagged_figure(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
    /// Where a number should stand and does not (a placeholder, a count with none).
    pub fn gap(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::ITALIC)
        }
    }
    pub fn current_figure(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn hit(self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(Color::Magenta)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }
    pub fn selection(self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(Color::LightBlue)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
}

/// Draw the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    let theme = Theme {
        color: !app.no_color,
    };
    let Some(a) = areas(app, area.width, area.height) else {
        too_small(f, app, area.width, area.height);
        return;
    };
    if let Some(r) = a.list {
        panes::report_list(f, app, r, theme);
    }
    if let Some(r) = a.outline {
        panes::outline(f, app, r, theme);
    }
    // Both panes read the figure rows they show from `app.fig_index`, which
    // `update` keeps current: a frame costs the rows on screen, not the report.
    debug_assert!(
        app.fig_index_fresh(),
        "figure index stale: state changed outside update"
    );
    if let Some(r) = a.figures {
        match app.team() {
            Some(team) if team.shown => adjudicate::differences(f, app, team, r, theme),
            _ => table::figures(f, app, r, theme),
        }
    }
    if let Some(r) = a.detail {
        detail::draw(f, app, r, theme);
    }
    if let Some(r) = a.source {
        source::draw(f, app, r, theme);
    }
    if let Mode::Glance(g) = &app.mode {
        let above_status = ratatui::layout::Rect::new(0, 0, area.width, a.status.y);
        glance::draw(f, g, app.loading, above_status, theme);
    }
    status_bar(f, app, a.status, theme);
    hint_bar(f, app, a.hints, theme);
    overlays::draw(f, app, theme);
}

fn too_small(f: &mut Frame, app: &App, w: u16, h: u16) {
    let area = f.area();
    let mut msg = vec![
        Line::from("terminal too small"),
        Line::from(format!("need {MIN_W}×{MIN_H}, have {w}×{h}")),
        Line::from("q quits; other keys wait"),
    ];
    if app.unsaved() > 0 {
        msg.push(Line::from(format!("UNSAVED: {}", app.unsaved())));
    }
    if *app.mode() == Mode::Confirm(super::app::Question::Unsaved) {
        msg.push(Line::from("s save again · w recovery file · Q quit"));
    }
    let n = msg.len() as u16;
    let y = area.height.saturating_sub(n) / 2;
    let r = ratatui::layout::Rect::new(0, y, area.width, area.height.saturating_sub(y).min(n));
    f.render_widget(Paragraph::new(msg).centered(), r);
}

fn status_bar(f: &mut Frame, app: &App, r: ratatui::layout::Rect, t: Theme) {
    if let Mode::Search(input) = &app.mode {
        let line = overlays::input_line("/", input, r.width as usize, t);
        f.render_widget(Paragraph::new(line), r);
        return;
    }
    // What is not on disk stays on screen until it is: a marker, not a message.
    let mut alarm = String::new();
    if app.unsaved() > 0 {
        alarm += &format!("UNSAVED {} ", app.unsaved());
    }
    if app.read_only.is_some() {
        alarm += "READ-ONLY ";
    }
    let mut right = String::new();
    if app.saving() > 0 {
        right += "saving… ";
    }
    if !app.preparing.files.is_empty() {
        right += "reading… ";
    }
    right += &format!("reviewer: {}", app.reviewer());
    let rw = wrap::str_width(&right) + wrap::str_width(&alarm);
    let lw = (r.width as usize).saturating_sub(rw + 1);
    let style = if app.status.starts_with("NOT SAVED") || app.status.starts_with("READ-ONLY") {
        t.error()
    } else {
        Style::default()
    };
    let line = Line::from(vec![
        Span::styled(wrap::fit(&app.status, lw), style),
        Span::raw(" "),
        Span::styled(alarm, t.error()),
        Span::styled(right, t.dim()),
    ]);
    f.render_widget(Paragraph::new(line), r);
}

fn hint_bar(f: &mut Frame, app: &App, r: ratatui::layout::Rect, t: Theme) {
    let mut spans = Vec::new();
    let mut used = 0;
    let ctxs = app.contexts();
    // The help key is always shown, at the end: it leads to everything else.
    let help = ctxs
        .iter()
        .find_map(|c| {
            app.keymap()
                .keys_for(*c, &super::action::Action::Help)
                .first()
                .copied()
        })
        .map(|k| k.label());
    let reserve = help.as_ref().map_or(0, |k| wrap::str_width(k) + 6);
    let max = (r.width as usize).saturating_sub(reserve);
    for (k, label) in app.keymap().hints(&ctxs) {
        if help.as_deref() == Some(k.as_str()) {
            continue;
        }
        let w = wrap::str_width(&k) + 1 + wrap::str_width(label) + 2;
        if used + w > max {
            break;
        }
        used += w;
        spans.push(Span::styled(k, t.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    if let Some(k) = help {
        spans.push(Span::styled(k, t.key()));
        spans.push(Span::raw(" help"));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}
