//! The workstation's one door to the review store.
//!
//! Every store call the workstation makes is here. Saves run on a writer
//! thread: a key press never waits for the disk, and a burst of decisions on
//! one report is written once. Each save is answered (`Action::Saved`), so the
//! session knows what is on disk and what is not.

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::review::session::saves::coalesce;
use crate::review::session::{SaveOp, SaveResult};
use crate::review::{Store, StoreError};

use super::action::Action;

/// A store shared by the loader (reads) and the writer (saves).
///
/// A store folder that does not exist yet is not made until the first save:
/// opening a corpus to look at it leaves no folder behind. Until then the
/// handle reads (nothing) and holds no lock; the first save makes the folder
/// and takes the lock, and if another instance took it first, the saves are
/// refused as after a lost lock (this instance turns read-only, nothing lost).
#[derive(Debug, Clone)]
pub struct StoreHandle {
    store: Arc<Mutex<Store>>,
    /// The folder to make at the first save, while it is not made.
    pending: Arc<Mutex<Option<std::path::PathBuf>>>,
}

/// Saves handed to the writer: each with the sequence number it answers for.
pub type Batch = Vec<(u64, SaveOp)>;

impl StoreHandle {
    /// Open the store folder; also says why it is read-only when it is. A
    /// folder that does not exist is made at the first save, not here.
    pub fn open(dir: &Path) -> Result<(StoreHandle, Option<String>), String> {
        if !dir.exists() {
            return Ok((
                StoreHandle {
                    store: Arc::new(Mutex::new(Store::reader(dir))),
                    pending: Arc::new(Mutex::new(Some(dir.to_path_buf()))),
                },
                None,
            ));
        }
        let store = Store::open(dir).map_err(|e| e.to_string())?;
        let ro = store.read_only();
        Ok((
            StoreHandle {
                store: Arc::new(Mutex::new(store)),
                pending: Arc::new(Mutex::new(None)),
            },
            ro,
        ))
    }

    /// Whether the folder is still to be made (no save yet).
    pub fn pending(&self) -> bool {
        self.pending.lock().map(|p| p.is_some()).unwrap_or(false)
    }

    /// Before the first save: make the folder and take its lock. `Err` says
    /// why the saves cannot be made (and whether it is a lock another holds).
    fn make_pending(&self) -> Result<(), (String, Option<String>)> {
        let mut pending = self
            .pending
            .lock()
            .map_err(|_| ("store lock poisoned".to_string(), None))?;
        let Some(dir) = pending.clone() else {
            return Ok(());
        };
        let store = Store::open(&dir).map_err(|e| (e.to_string(), None))?;
        let busy = store.read_only();
        let mut held = self
            .store
            .lock()
            .map_err(|_| ("store lock poisoned".to_string(), None))?;
        *held = store;
        *pending = None;
        match busy {
            None => Ok(()),
            Some(who) => {
                let why = format!("another instance made the store first: {who}");
                Err((why.clone(), Some(why)))
            }
        }
    }

    /// Run `f` on the store.
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> Result<T, String> {
        let store = self
            .store
            .lock()
            .map_err(|_| "store lock poisoned".to_string())?;
        Ok(f(&store))
    }

    /// The tag set the store offers (`tags.txt`, or the defaults).
    pub fn tag_set(&self) -> Vec<String> {
        self.with(|s| s.tag_set()).unwrap_or_default()
    }

    /// Things the store did on the way that a reviewer should hear about.
    pub fn notices(&self) -> Vec<String> {
        self.with(|s| s.take_notices()).unwrap_or_default()
    }

    /// Start the writer thread: send it batches of saves; it makes them and
    /// answers each as `Action::Saved` on `events`. It ends when the sender is dropped.
    pub fn spawn_writer(
        &self,
        events: Sender<Action>,
    ) -> (Sender<Batch>, std::thread::JoinHandle<()>) {
        let (tx, rx) = std::sync::mpsc::channel::<Batch>();
        let me = self.clone();
        let h = std::thread::spawn(move || writer(me, rx, events));
        (tx, h)
    }

    /// Make one batch of saves now, on this thread (at exit): the answers.
    pub fn save_now(&self, batch: Batch) -> Vec<SaveResult> {
        self.save_batch(batch, &mut |_| {})
    }

    fn save_batch(&self, batch: Batch, notice: &mut dyn FnMut(String)) -> Vec<SaveResult> {
        let mut out = Vec::new();
        if batch.is_empty() {
            return out;
        }
        if let Err((error, lock_lost)) = self.make_pending() {
            for (seqs, op) in coalesce(batch) {
                let key = op.key();
                out.extend(seqs.into_iter().map(|seq| SaveResult {
                    seq,
                    key: key.clone(),
                    error: Some(error.clone()),
                    lock_lost: lock_lost.clone(),
                }));
            }
            return out;
        }
        for (seqs, op) in coalesce(batch) {
            let key = op.key();
            let result = self.with(|s| {
                let r = match &op {
                    SaveOp::Save(review) => s.save(review),
                    SaveOp::Remove { file, report } => s.remove(file, report),
                };
                for n in s.take_notices() {
                    notice(n);
                }
                r
            });
            let (error, lock_lost) = match result {
                Ok(Ok(())) => (None, None),
                Ok(Err(StoreError::LockLost(why))) => {
                    (Some(format!("the store's lock was lost: {why}")), Some(why))
                }
                Ok(Err(e)) => (Some(e.to_string()), None),
                Err(e) => (Some(e), None),
            };
            // Drop the saved state before answering, so the next edit of that
            // report changes it in place instead of copying it.
            drop(op);
            for seq in seqs {
                out.push(SaveResult {
                    seq,
                    key: key.clone(),
                    error: error.clone(),
                    lock_lost: lock_lost.clone(),
                });
            }
        }
        out
    }
}

/// Saves batches as they come, coalescing whatever queued meanwhile: only the
/// latest state of a report matters.
fn writer(store: StoreHandle, rx: Receiver<Batch>, events: Sender<Action>) {
    while let Ok(mut batch) = rx.recv() {
        while let Ok(more) = rx.try_recv() {
            batch.extend(more);
        }
        let mut notices = Vec::new();
        let results = store.save_batch(batch, &mut |n| notices.push(n));
        for n in notices {
            let _ = events.send(Action::Notice(format!("store: {n}")));
        }
        if events.send(Action::Saved(results)).is_err() {
            return;
        }
    }
}

/// The reviewer name when none is given: the user's login name.
pub fn default_reviewer() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "reviewer".to_string())
}
