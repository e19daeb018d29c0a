//! The background loader: reads and parses the files, fetches their saved reviews,
//! and sends each file as it is done, so the first frame shows at once and the
//! list fills while the reviewer starts work.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use crate::load::{self, Input};
use crate::pipeline;

use super::action::{Action, Loaded};
use super::persist::StoreHandle;

/// Start loading `paths` on a thread; reports go to `tx` until it closes.
pub fn spawn(
    paths: Vec<PathBuf>,
    store: Option<StoreHandle>,
    tx: Sender<Action>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || run(&paths, store.as_ref(), &tx))
}

fn run(paths: &[PathBuf], store: Option<&StoreHandle>, tx: &Sender<Action>) {
    let (inputs, diags) = load::collect_inputs(paths);
    if tx.send(Action::LoadTotal(inputs.len())).is_err() {
        return;
    }
    for d in diags {
        let _ = tx.send(Action::Notice(format!("{d}")));
    }
    for input in &inputs {
        let msg = match load::load(input) {
            Err(d) => Action::LoadFailed(format!("{d}")),
            Ok(doc) => {
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
                    let _ = tx.send(Action::Notice(format!("store: {e}")));
                }
                for n in store.map(|s| s.notices()).unwrap_or_default() {
                    let _ = tx.send(Action::Notice(format!("store: {n}")));
                }
                Action::Loaded(Box::new(Loaded {
                    parsed,
                    text: doc.text,
                    store_file,
                    reviews,
                }))
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
    let _ = tx.send(Action::LoadFinished);
}

/// The name a file is stored under: the store's own rule (relative to the named folder).
pub fn store_name(roots: &[PathBuf], p: &Path) -> String {
    crate::review::file_key(roots, p)
}
