//! The loop that ties the workstation to a real terminal: input first, then
//! what the loader, the writer and searches sent, then a frame; saves handed to
//! the writer as they are made, failed ones retried; at the end, everything
//! not on disk written or put in a recovery file.

use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event;

use super::action::Action;
use super::app::App;
use super::persist::{self, Batch, StoreHandle};
use super::state::Exit;
use super::{
    Options, default_store, event_action, keymap, loader, search, terminal, test_panic, update,
    view,
};

/// How often failed saves are tried again.
const RETRY_EVERY: Duration = Duration::from_secs(2);

/// Run the workstation until the reviewer quits or a signal arrives; how it ended.
pub fn run(opts: Options) -> Result<Exit, String> {
    let (keymap, problems) = keymap::load_keymap();
    let reviewer = opts
        .reviewer
        .clone()
        .unwrap_or_else(persist::default_reviewer);
    let mut app = App::new(keymap, &reviewer);
    app.set_no_color(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    if let Some(p) = problems.first() {
        update::update(&mut app, Action::Notice(p.clone()));
    }
    let store_dir = opts
        .store
        .clone()
        .unwrap_or_else(|| default_store(&opts.paths));
    let store = open_store(&mut app, &store_dir);
    let team_dirs = start_adjudication(&mut app, &opts, &store_dir);

    // The gauge shows from the first frame, before the loader has counted the files.
    app.set_loading(Some((0, 0)));
    let (tx, rx) = mpsc::channel::<Action>();
    let _loader = loader::spawn(
        opts.paths.clone(),
        store.clone(),
        team_dirs,
        app.corpus().details_on_load(),
        tx.clone(),
    );
    let writer = match (&store, app.read_only()) {
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
    let result = event_loop(
        &mut app,
        &mut term,
        &rx,
        &search_tx,
        writer.as_ref().map(|(w, _)| w),
        &signalled,
    );
    let exit = finish(&mut app, store.as_ref(), writer, &store_dir);
    terminal::restore();
    result.map_err(|e| format!("terminal: {e}"))?;
    Ok(exit)
}

/// Input first, then what the loader, the writer and searches sent, then a
/// frame; until the reviewer quits or a signal comes.
fn event_loop(
    app: &mut App,
    term: &mut terminal::Term,
    rx: &mpsc::Receiver<Action>,
    search_tx: &mpsc::Sender<Action>,
    writer: Option<&mpsc::Sender<Batch>>,
    signalled: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    let mut dirty = true;
    let mut busy = false;
    let mut last_retry = Instant::now();
    loop {
        if dirty {
            term.draw(|f| view::draw(f, app))?;
            dirty = false;
        }
        if app.quitting() || signalled.load(Ordering::SeqCst) {
            return Ok(());
        }
        // Wait for input only when the loader has nothing queued.
        let wait = if busy {
            Duration::ZERO
        } else {
            Duration::from_millis(30)
        };
        dirty |= keys(app, wait)?;
        (dirty, busy) = {
            let (d, b) = messages(app, rx);
            (dirty | d, b)
        };
        if let Some(req) = app.take_search_request() {
            let tx = search_tx.clone();
            std::thread::spawn(move || {
                let hits = search::run(&req);
                let _ = tx.send(Action::SearchDone(req.id, hits));
            });
        }
        for p in app.take_preparations() {
            let tx = search_tx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(Action::Prepared(p.run()));
            });
        }
        let saves = &mut app.corpus_mut().saves;
        if saves.failed() > 0 && saves.pending() == 0 && last_retry.elapsed() > RETRY_EVERY {
            saves.retry();
            last_retry = Instant::now();
        }
        dirty |= send_saves(app, writer);
    }
}

/// The keys waiting (after up to `wait` for the first): whether any acted.
fn keys(app: &mut App, wait: Duration) -> std::io::Result<bool> {
    let mut acted = false;
    if event::poll(wait)? {
        while event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            test_panic(&ev);
            if let Some(a) = event_action(app, &ev) {
                update::update(app, a);
                acted = true;
            }
            if app.quitting() {
                break;
            }
        }
    }
    Ok(acted)
}

/// What the loader, the writer and searches sent, for up to 12 ms: (whether
/// any came, whether more may be waiting).
fn messages(app: &mut App, rx: &mpsc::Receiver<Action>) -> (bool, bool) {
    let budget = Instant::now() + Duration::from_millis(12);
    let mut any = false;
    while Instant::now() < budget {
        match rx.try_recv() {
            Ok(a) => {
                update::update(app, a);
                any = true;
            }
            Err(_) => return (any, false),
        }
    }
    (any, any)
}

/// Open the store: a read-only one (another instance's, or none at all)
/// refuses edits, and says why.
fn open_store(app: &mut App, dir: &std::path::Path) -> Option<StoreHandle> {
    match StoreHandle::open(dir) {
        Ok((s, ro)) => {
            app.set_store(dir.to_path_buf(), s.tag_set());
            if let Some(who) = ro {
                update::update(
                    app,
                    Action::Notice(format!("READ-ONLY: {who}; decisions cannot be made here")),
                );
                app.set_read_only(who);
            }
            Some(s)
        }
        Err(e) => {
            update::update(
                app,
                Action::Notice(format!(
                    "READ-ONLY: cannot open the store {}: {e}",
                    dir.display()
                )),
            );
            app.set_read_only(format!("no store: {e}"));
            None
        }
    }
}

/// Adjudicating: the store says whose work it settles (`team.json`), and the
/// workstation shows their differences. The reviewers' store folders, to load.
fn start_adjudication(
    app: &mut App,
    opts: &Options,
    dir: &std::path::Path,
) -> Vec<std::path::PathBuf> {
    let Some(team) = &opts.adjudicate else {
        return Vec::new();
    };
    if app.read_only().is_none()
        && let Err(e) = crate::review::team::write_manifest(dir, &team.reviewers)
    {
        update::update(
            app,
            Action::Notice(format!("cannot write the team file: {e}")),
        );
    }
    app.set_team(team.names());
    team.reviewers.iter().map(|m| m.dir.clone()).collect()
}

/// Hand the saves made since the last turn to the writer.
fn send_saves(app: &mut App, writer: Option<&mpsc::Sender<Batch>>) -> bool {
    let Some(w) = writer else { return false };
    let batch = app.corpus_mut().saves.take_outbox();
    if batch.is_empty() {
        return false;
    }
    let _ = w.send(batch);
    true
}

/// At the end: the writer finishes what it was given, what is left is saved
/// here, and anything still not on disk (a full disk, a lost lock, a signal
/// that left no time to ask) goes to a recovery file beside the store.
fn finish(
    app: &mut App,
    store: Option<&StoreHandle>,
    writer: Option<(mpsc::Sender<Batch>, std::thread::JoinHandle<()>)>,
    store_dir: &std::path::Path,
) -> Exit {
    if let Some((w, h)) = writer {
        let _ = w.send(app.corpus_mut().saves.take_outbox());
        drop(w);
        let _ = h.join();
    }
    // The writer's last answers were sent on a channel nobody reads now: make
    // whatever is not known to be on disk again, here, and see what fails.
    let left = app.corpus().saves.unsaved();
    let failed = match (store, app.read_only()) {
        (Some(s), None) if !left.is_empty() => {
            let batch: Batch = left
                .into_iter()
                .zip(1u64..)
                .map(|(op, i)| (i, op))
                .collect();
            let bad: std::collections::HashSet<u64> = s
                .save_now(batch.clone())
                .into_iter()
                .filter(|r| r.error.is_some())
                .map(|r| r.seq)
                .collect();
            batch
                .into_iter()
                .filter(|(i, _)| bad.contains(i))
                .map(|(_, op)| op)
                .collect()
        }
        _ => left,
    };
    recover(app, failed, store_dir)
}

/// How the session ended, given the saves that are still not on disk: none,
/// clean (whatever was asked); else as the reviewer chose, or (a signal, no
/// time to ask) in a recovery file.
fn recover(app: &App, failed: Vec<crate::review::session::SaveOp>, dir: &std::path::Path) -> Exit {
    if failed.is_empty() {
        return Exit::Clean;
    }
    match app.exit() {
        Exit::Clean => match crate::review::session::saves::write_recovery(dir, &failed) {
            Ok(p) => Exit::Recovered(p),
            Err(_) => Exit::Abandoned(failed.len()),
        },
        Exit::Abandoned(_) => Exit::Abandoned(failed.len()),
        e => e.clone(),
    }
}
