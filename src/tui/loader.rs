//! The background loader: reads and parses the files, lays each out with its
//! saved reviews, and sends each file as it is done, so the first frame shows
//! at once and the list fills while the reviewer starts work.
//!
//! Files are parsed by a small pool (one thread per core, at most four) that takes
//! them in list order; a reorder buffer hands them on in that order, so the list
//! grows from the top as it would with one thread, only faster.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};

use crate::load::{self, Input};
use crate::review::Store;
use crate::review::file_key;
use crate::review::session::Catalog;
use crate::review::session::ReviewedFile;
use crate::review::session::layout::{Details, read_file_views};
use crate::review::team::compare::views_of;

use super::action::Action;
use super::persist::StoreHandle;

/// Parsing threads: the cores there are, but no more than this.
const MAX_WORKERS: usize = 4;

/// Start loading `paths` on a thread; reports go to `tx` until it closes.
pub fn spawn(
    paths: Vec<PathBuf>,
    store: Option<StoreHandle>,
    team: Vec<PathBuf>,
    details: Details,
    tx: Sender<Action>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || run(&paths, store.as_ref(), &team, details, &tx))
}

fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_WORKERS)
}

/// What every worker reads: the inputs, their store keys, the store's catalog.
struct Shared<'a> {
    inputs: Vec<Input>,
    keys: Vec<String>,
    read: HashSet<String>,
    catalog: Catalog,
    store: Option<&'a StoreHandle>,
    /// Adjudicating: the reviewers' stores (read only) and their catalogs.
    team: Vec<(Store, Catalog)>,
    /// Whether files are handed over with their reports' details dropped, as
    /// the session would drop them (it keeps only those of reports shown).
    /// Files waiting for a large one before them to finish would otherwise
    /// hold theirs.
    details: Details,
}

fn run(
    paths: &[PathBuf],
    store: Option<&StoreHandle>,
    team: &[PathBuf],
    details: Details,
    tx: &Sender<Action>,
) {
    let (inputs, diags) = load::collect_inputs(paths);
    if tx.send(Action::LoadTotal(inputs.len())).is_err() {
        return;
    }
    for d in diags {
        let _ = tx.send(Action::Notice(format!("{d}")));
    }
    let keys: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => file_key(paths, p),
            Input::Stdin => "-".to_string(),
        })
        .collect();
    // Every review in the store, to find those of a renamed or moved file.
    let listed = store.and_then(|s| s.with(|s| s.list()).ok());
    let catalog = listed
        .as_ref()
        .map(|(r, _)| Catalog::new(r))
        .unwrap_or_default();
    for e in listed.iter().flat_map(|(_, errors)| errors) {
        let _ = tx.send(Action::Notice(format!("store: {e}")));
    }
    let team = team
        .iter()
        .map(|dir| {
            let s = Store::reader(dir);
            let (reviews, errors) = s.list();
            for e in errors {
                let _ = tx.send(Action::Notice(format!("reviewer's store: {e}")));
            }
            (s, Catalog::new(&reviews))
        })
        .collect();
    let shared = Shared {
        read: keys.iter().cloned().collect(),
        inputs,
        keys,
        catalog,
        store,
        team,
        details,
    };
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Action>)>();
    std::thread::scope(|s| {
        for _ in 0..workers().min(shared.inputs.len().max(1)) {
            let done_tx = done_tx.clone();
            let (next, stop, shared) = (&next, &stop, &shared);
            s.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= shared.inputs.len() {
                        break;
                    }
                    if done_tx.send((i, load_one(shared, i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Hand files on in list order; the workers stay close to it, so few wait here.
        let mut waiting: BTreeMap<usize, Vec<Action>> = BTreeMap::new();
        let mut want = 0;
        for (i, msgs) in done_rx {
            waiting.insert(i, msgs);
            while let Some(msgs) = waiting.remove(&want) {
                want += 1;
                for m in msgs {
                    if tx.send(m).is_err() {
                        stop.store(true, Ordering::Relaxed);
                        return;
                    }
                }
            }
        }
    });
    if !stop.load(Ordering::Relaxed) {
        let _ = tx.send(Action::LoadFinished);
    }
}

/// Read, decode and parse input `i`, with its saved reviews: the messages it makes.
fn load_one(sh: &Shared, i: usize) -> Vec<Action> {
    let mut catalogs = vec![&sh.catalog];
    catalogs.extend(sh.team.iter().map(|(_, c)| c));
    let review = |si: usize, key: &str, id: &str| match (si, sh.store) {
        (0, Some(s)) => s.with(|s| s.load(key, id)).unwrap_or(Ok(None)),
        (0, None) => Ok(None),
        (_, _) => sh.team[si - 1].0.load(key, id),
    };
    let (key, input) = (&sh.keys[i], &sh.inputs[i]);
    let mut views = match read_file_views(key, input, &catalogs, &sh.read, sh.details, review) {
        Err(d) => return vec![Action::LoadFailed(format!("{d}"))],
        Ok((_, views)) => views,
    };
    let theirs: Vec<ReviewedFile> = views.split_off(1.min(views.len()));
    let Some(mut f) = views.pop() else {
        return Vec::new();
    };
    if sh.details == Details::Drop {
        f.drop_details();
    }
    let mut out = Vec::new();
    for n in sh.store.map(|s| s.notices()).unwrap_or_default() {
        out.push(Action::Notice(format!("store: {n}")));
    }
    out.push(Action::Loaded(f.into()));
    if !sh.team.is_empty() {
        out.push(Action::TeamViews(theirs.iter().map(views_of).collect()));
    }
    out
}
