//! The workstation's one door to the review store.
//!
//! Every store call the workstation makes is here, so the rest of `tui` sees
//! plain `ReportReview`s. Saves run on a writer thread: a key press never waits
//! for the disk, and a burst of decisions on one report is written once.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::model::Report;
use crate::review::{self, Anchor, Attachment, ReportReview, Store, StoreError};

use super::action::Action;

/// A store shared by the loader (reads) and the writer (saves).
#[derive(Debug, Clone)]
pub struct StoreHandle {
    store: Arc<Mutex<Store>>,
}

fn describe(e: &StoreError) -> String {
    e.to_string()
}

impl StoreHandle {
    /// Open the store folder; also says who holds it when it is read-only.
    pub fn open(dir: &Path) -> Result<(StoreHandle, Option<String>), String> {
        let store = Store::open(dir).map_err(|e| describe(&e))?;
        let ro = store.read_only().map(|s| s.to_string());
        Ok((
            StoreHandle {
                store: Arc::new(Mutex::new(store)),
            },
            ro,
        ))
    }

    /// The saved review of one report, or a fresh one.
    pub fn load(&self, file: &str, report: &Report) -> Result<Option<ReportReview>, String> {
        let store = self
            .store
            .lock()
            .map_err(|_| "store lock poisoned".to_string())?;
        store.load(file, &report.id).map_err(|e| describe(&e))
    }

    /// Save one review; `Ok` carries notices (a damaged file moved aside on the way).
    fn save(&self, r: &ReportReview) -> Result<Vec<String>, String> {
        let store = self
            .store
            .lock()
            .map_err(|_| "store lock poisoned".to_string())?;
        store.save(r).map_err(|e| describe(&e))?;
        Ok(store.take_notices())
    }

    /// Things the store did on the way that a reviewer should hear about.
    pub fn notices(&self) -> Vec<String> {
        self.store
            .lock()
            .map(|s| s.take_notices())
            .unwrap_or_default()
    }

    /// Start the writer thread: send it reviews, it saves them and reports each
    /// result as `Action::Saved` on `events`. It ends when the sender is dropped.
    pub fn spawn_writer(
        &self,
        events: Sender<Action>,
    ) -> (Sender<Arc<ReportReview>>, std::thread::JoinHandle<()>) {
        let (tx, rx) = std::sync::mpsc::channel::<Arc<ReportReview>>();
        let me = self.clone();
        let h = std::thread::spawn(move || writer(me, rx, events));
        (tx, h)
    }
}

/// Saves reviews as they come. They arrive behind an `Arc` shared with the
/// workstation's entry: dropped here once saved, so the next edit of that
/// report changes it in place instead of copying it.
fn writer(store: StoreHandle, rx: Receiver<Arc<ReportReview>>, events: Sender<Action>) {
    while let Ok(first) = rx.recv() {
        // Coalesce whatever queued meanwhile: only the latest state of a report matters.
        let mut batch: Vec<Arc<ReportReview>> = vec![first];
        while let Ok(r) = rx.try_recv() {
            batch.push(r);
        }
        let mut latest: HashMap<(String, String), Arc<ReportReview>> = HashMap::new();
        let n = batch.len();
        for r in batch {
            latest.insert((r.file.clone(), r.report.clone()), r);
        }
        let mut err = None;
        for r in latest.values() {
            match store.save(r) {
                Ok(notices) => {
                    for n in notices {
                        let _ = events.send(Action::Notice(n));
                    }
                }
                Err(e) => err = Some(e),
            }
        }
        // Let go of the saved states before saying so.
        drop(latest);
        for i in 0..n {
            let e = if i + 1 == n { err.clone() } else { None };
            if events.send(Action::Saved(e)).is_err() {
                return;
            }
        }
    }
}

/// A new, empty review for a report.
pub fn fresh_review(file: &str, report: &Report) -> ReportReview {
    ReportReview::new(file, &report.id, &report.title)
}

/// Where a saved review's decisions land on this parse of the report.
pub fn attach(review: &ReportReview, report: &Report, text: &str) -> Attachment {
    if review.figures.is_empty() && review.sections.is_empty() {
        return Attachment {
            figure_decisions: vec![None; report.figures.len()],
            ..Default::default()
        };
    }
    review::attach(review, report, text)
}

/// An anchor for `start..end` of `text`, as the store fingerprints it.
pub fn anchor(text: &str, start: usize, end: usize) -> Anchor {
    Anchor::new(text, start, end)
}

/// Now, as RFC 3339.
pub fn now() -> String {
    review::now_rfc3339()
}

/// The reviewer name when none is given: the user's login name.
pub fn default_reviewer() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "reviewer".to_string())
}
