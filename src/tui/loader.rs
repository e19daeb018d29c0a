//! The background loader: reads and parses the files, fetches their saved reviews,
//! and sends each file as it is done, so the first frame shows at once and the
//! list fills while the reviewer starts work.
//!
//! Files are parsed by a small pool (one thread per core, at most four) that takes
//! them in list order; a reorder buffer hands them on in that order, so the list
//! grows from the top as it would with one thread, only faster.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};

use crate::load::{self, Input};
use crate::pipeline;

use super::action::{Action, Loaded};
use super::persist::StoreHandle;

/// Parsing threads: the cores there are, but no more than this.
const MAX_WORKERS: usize = 4;

/// Start loading `paths` on a thread; reports go to `tx` until it closes.
pub fn spawn(
    paths: Vec<PathBuf>,
    store: Option<StoreHandle>,
    tx: Sender<Action>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || run(&paths, store.as_ref(), &tx))
}

fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_WORKERS)
}

fn run(paths: &[PathBuf], store: Option<&StoreHandle>, tx: &Sender<Action>) {
    let (inputs, diags) = load::collect_inputs(paths);
    if tx.send(Action::LoadTotal(inputs.len())).is_err() {
        return;
    }
    for d in diags {
        let _ = tx.send(Action::Notice(format!("{d}")));
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Action>)>();
    std::thread::scope(|s| {
        for _ in 0..workers().min(inputs.len().max(1)) {
            let done_tx = done_tx.clone();
            let (next, stop, inputs) = (&next, &stop, &inputs);
            s.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    if done_tx.send((i, load_one(paths, store, input))).is_err() {
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

/// Read, decode and parse one input, with its saved reviews: the messages it makes.
fn load_one(paths: &[PathBuf], store: Option<&StoreHandle>, input: &Input) -> Vec<Action> {
    let doc = match load::load(input) {
        Err(d) => return vec![Action::LoadFailed(format!("{d}"))],
        Ok(doc) => doc,
    };
    let mut out = Vec::new();
    let parsed = pipeline::parse_document(&doc);
    let store_file = match input {
        Input::File(p) => store_name(paths, p),
        Input::Stdin => "-".to_string(),
    };
    let mut reviews = Vec::with_capacity(parsed.reports.len());
    let mut problem = None;
    for r in &parsed.reports {
        match store.map(|s| s.load(&store_file, r)) {
            Some(Ok(v)) => reviews.push(v),
            Some(Err(e)) => {
                problem = Some(e);
                reviews.push(None);
            }
            None => reviews.push(None),
        }
    }
    if let Some(e) = problem {
        out.push(Action::Notice(format!("store: {e}")));
    }
    for n in store.map(|s| s.notices()).unwrap_or_default() {
        out.push(Action::Notice(format!("store: {n}")));
    }
    out.push(Action::Loaded(Box::new(Loaded::new(
        parsed, doc.text, store_file, reviews,
    ))));
    out
}

/// The name a file is stored under: the store's own rule (relative to the named folder).
pub fn store_name(roots: &[PathBuf], p: &Path) -> String {
    crate::review::file_key(roots, p)
}
