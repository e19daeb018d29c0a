//! The review workstation: a thin ratatui layer over the library.
//!
//! Shape (the Elm architecture): one `App` state (`app.rs`); one `Action` enum
//! (`action.rs`) that keys (through the data-driven `keymap.rs`), the loader
//! thread, the store writer and the terminal produce; `update::update`, the only
//! place state changes; views (`view/`) that draw from state. `run` is the loop
//! that ties them to a real terminal.

pub mod action;
pub mod app;
pub mod figindex;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod persist;
pub mod replay;
pub mod search;
pub mod terminal;
pub mod update;
pub mod view;
pub mod wrap;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use action::Action;
use app::{App, Mode};
use keymap::{Chord, Ctx};

/// What `zongjie review` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// The store folder; default `<first folder>/zongjie-reviews`.
    pub store: Option<PathBuf>,
    pub reviewer: Option<String>,
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
    if let Some(a) = app.keymap.lookup(&ctxs, &chord) {
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
            .filter(|_| app.mode != Mode::Normal)
            .map(Action::Input),
        _ => None,
    }
}

/// Debug builds only: panic on the key named by `ZONGJIE_TEST_PANIC_KEY`, so the
/// end-to-end tests can check the terminal is restored after a panic.
fn test_panic(ev: &Event) {
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

/// Run the workstation until the reviewer quits or a signal arrives.
pub fn run(opts: Options) -> Result<(), String> {
    let (keymap, problems) = keymap::load_keymap();
    let reviewer = opts
        .reviewer
        .clone()
        .unwrap_or_else(persist::default_reviewer);
    let mut app = App::new(keymap, &reviewer);
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if let Some(p) = problems.first() {
        app.status = p.clone();
    }
    let store_dir = opts
        .store
        .clone()
        .unwrap_or_else(|| default_store(&opts.paths));
    let store = match persist::StoreHandle::open(&store_dir) {
        Ok((s, ro)) => {
            if let Some(who) = &ro {
                app.status = format!("store is read-only: {who}; decisions are not saved");
            }
            app.read_only = ro;
            Some(s)
        }
        Err(e) => {
            app.status = format!("NOT SAVED: cannot open store {}: {e}", store_dir.display());
            app.read_only = Some("no store".into());
            None
        }
    };

    // The gauge shows from the first frame, before the loader has counted the files.
    app.loading = Some((0, 0));
    let (tx, rx) = mpsc::channel::<Action>();
    let _loader = loader::spawn(opts.paths.clone(), store.clone(), tx.clone());
    let writer = match (&store, &app.read_only) {
        (Some(s), None) => Some(s.spawn_writer(tx.clone())),
        _ => None,
    };
    let search_tx = tx.clone();
    drop(tx);

    let signalled = terminal::signal_flag();
    let mut term = terminal::setup().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    if let Ok(sz) = term.size() {
        update::update(&mut app, Action::Resize(sz.width, sz.height));
    }
    let result = (|| -> std::io::Result<()> {
        let mut dirty = true;
        let mut busy = false;
        loop {
            if dirty {
                term.draw(|f| view::draw(f, &app))?;
                dirty = false;
            }
            if app.quit || signalled.load(Ordering::SeqCst) {
                break;
            }
            // Input first: a key never waits behind loader messages.
            // Wait for input only when the loader has nothing queued.
            let wait = if busy {
                Duration::ZERO
            } else {
                Duration::from_millis(30)
            };
            if event::poll(wait)? {
                while event::poll(Duration::ZERO)? {
                    let ev = event::read()?;
                    test_panic(&ev);
                    if let Some(a) = event_action(&app, &ev) {
                        update::update(&mut app, a);
                        dirty = true;
                    }
                    if app.quit {
                        break;
                    }
                }
            }
            let budget = Instant::now() + Duration::from_millis(12);
            busy = false;
            while Instant::now() < budget {
                match rx.try_recv() {
                    Ok(a) => {
                        update::update(&mut app, a);
                        dirty = true;
                        busy = true;
                    }
                    Err(_) => {
                        busy = false;
                        break;
                    }
                }
            }
            if let Some(req) = app.search_request.take() {
                let tx = search_tx.clone();
                std::thread::spawn(move || {
                    let hits = search::run(&req);
                    let _ = tx.send(Action::SearchDone(req.id, hits));
                });
            }
            if !app.outbox.is_empty() {
                let out = std::mem::take(&mut app.outbox);
                if let Some((w, _)) = &writer {
                    for r in out {
                        if w.send(r).is_ok() {
                            app.saving += 1;
                        }
                    }
                }
                dirty = true;
            }
        }
        Ok(())
    })();
    // Write what is pending before leaving; the writer ends when its sender drops.
    if let Some((w, h)) = writer {
        for r in std::mem::take(&mut app.outbox) {
            let _ = w.send(r);
        }
        drop(w);
        let _ = h.join();
    }
    terminal::restore();
    result.map_err(|e| format!("terminal: {e}"))
}
