//! The review workstation: a thin ratatui layer over the library's review
//! session (`review::session`).
//!
//! Shape (the Elm architecture): one `App` state (`app.rs`, its modes and forms
//! in `state.rs`) holding the core's `Corpus`; one `Action` enum (`action.rs`)
//! that keys (through the data-driven `keymap.rs`), the loader thread, the store
//! writer and the terminal produce; `update::update`, the only place state
//! changes (by concern in `update/`); views (`view/`) that draw from state.
//! `run::run` is the loop that ties them to a real terminal.

pub mod action;
pub mod app;
pub mod figindex;
pub mod keymap;
pub mod labels;
pub mod layout;
pub mod loader;
pub mod persist;
pub mod replay;
mod run;
pub mod search;
pub mod state;
pub mod team;
pub mod terminal;
pub mod update;
pub mod view;
pub mod wrap;

use std::path::PathBuf;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use action::Action;
use app::{App, Mode};
use keymap::{Chord, Ctx};

pub use run::run;
pub use state::Exit;

/// What `zongjie review` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// The store folder; default `<first folder>/zongjie-reviews`.
    pub store: Option<PathBuf>,
    pub reviewer: Option<String>,
    /// Adjudicating: the reviewers whose differences this session settles
    /// (read only); `store` is the adjudication store.
    pub adjudicate: Option<crate::review::team::Team>,
}

/// The store folder for a set of paths when none is given (the store's own rule).
pub fn default_store(paths: &[PathBuf]) -> PathBuf {
    crate::review::default_store_dir(paths)
}

/// The action a key press stands for in the current state, if any.
pub fn key_action(app: &App, key: &event::KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let chord = Chord::from_event(key);
    let ctxs = app.contexts();
    if let Some(a) = app.keymap().lookup(&ctxs, &chord) {
        return Some(a);
    }
    if ctxs.contains(&Ctx::Form)
        && !chord.ctrl
        && !chord.alt
        && let event::KeyCode::Char(c) = chord.code
    {
        return Some(Action::Input(c));
    }
    None
}

/// The action for a terminal event.
pub fn event_action(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => key_action(app, k),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, 1)),
            _ => None,
        },
        Event::Paste(s) => s
            .chars()
            .next()
            .filter(|_| *app.mode() != Mode::Normal)
            .map(Action::Input),
        _ => None,
    }
}

/// Debug builds only: panic on the key named by `ZONGJIE_TEST_PANIC_KEY`, so the
/// end-to-end tests can check the terminal is restored after a panic.
pub(crate) fn test_panic(ev: &Event) {
    #[cfg(debug_assertions)]
    if let Event::Key(k) = ev
        && let event::KeyCode::Char(c) = k.code
        && std::env::var("ZONGJIE_TEST_PANIC_KEY").is_ok_and(|v| v.starts_with(c))
    {
        panic!("test panic on key {c}");
    }
    #[cfg(not(debug_assertions))]
    let _ = ev;
}
