//! Saves from the time a decision is made until it is on disk: made and not yet
//! sent, sent and not yet answered, failed. A failed save is kept (the latest
//! state of its report), shown, and retried until one succeeds; a reviewer who
//! quits with failed saves is asked what to do with them, and can write them all
//! to a recovery file beside the store.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::super::disk::{Disk, RealDisk};
use super::super::{ReportReview, now_rfc3339};

/// A store file is named by its file key and report id.
pub type SaveKey = (String, String);

/// One write to the store.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOp {
    /// Write this review (shared with the session until it is written).
    Save(Arc<ReportReview>),
    /// Remove a report's file (a split-off part an undo took back).
    Remove { file: String, report: String },
}

impl SaveOp {
    pub fn key(&self) -> SaveKey {
        match self {
            SaveOp::Save(r) => (r.file.clone(), r.report.clone()),
            SaveOp::Remove { file, report } => (file.clone(), report.clone()),
        }
    }
}

/// The writer's answer about one save.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveResult {
    pub seq: u64,
    pub key: SaveKey,
    /// Why it failed; `None` when it is on disk.
    pub error: Option<String>,
    /// The store lost its lock: it is read-only from now on (the reason).
    pub lock_lost: Option<String>,
}

/// Saves not yet known to be on disk.
#[derive(Debug, Default)]
pub struct SaveQueue {
    next: u64,
    /// Made, not yet handed to the writer, in order.
    outbox: Vec<(u64, SaveOp)>,
    /// Handed to the writer, not yet answered.
    in_flight: BTreeMap<u64, SaveOp>,
    /// Failed, by report: the latest state of each, with the reason.
    failed: BTreeMap<SaveKey, (u64, SaveOp, String)>,
    /// The latest save made for each report.
    latest: HashMap<SaveKey, u64>,
}

impl SaveQueue {
    /// A save to make.
    pub fn push(&mut self, op: SaveOp) {
        self.next += 1;
        self.latest.insert(op.key(), self.next);
        self.outbox.push((self.next, op));
    }

    /// The saves to hand to the writer now, in the order they were made.
    pub fn take_outbox(&mut self) -> Vec<(u64, SaveOp)> {
        let out = std::mem::take(&mut self.outbox);
        for (seq, op) in &out {
            self.in_flight.insert(*seq, op.clone());
        }
        out
    }

    /// Forget the saves not yet sent (a replay without a store).
    pub fn drop_outbox(&mut self) {
        self.outbox.clear();
    }

    /// The writer answered: a failure is kept unless a newer save of the same
    /// report was made since; a success clears an older failure.
    pub fn answer(&mut self, r: &SaveResult) {
        let Some(op) = self.in_flight.remove(&r.seq) else {
            return;
        };
        match &r.error {
            Some(e) => {
                if self.latest.get(&r.key) == Some(&r.seq) {
                    self.failed.insert(r.key.clone(), (r.seq, op, e.clone()));
                }
            }
            None => {
                if self.failed.get(&r.key).is_some_and(|(s, _, _)| *s <= r.seq) {
                    self.failed.remove(&r.key);
                }
            }
        }
    }

    /// Put every failed save back in the outbox, to be tried again.
    pub fn retry(&mut self) -> usize {
        let failed = std::mem::take(&mut self.failed);
        let n = failed.len();
        for (_, (_, op, _)) in failed {
            self.push(op);
        }
        n
    }

    /// Reports whose latest state failed to save.
    pub fn failed(&self) -> usize {
        self.failed.len()
    }

    /// The reason of the latest failure, if any.
    pub fn last_error(&self) -> Option<&str> {
        self.failed
            .values()
            .max_by_key(|(s, _, _)| *s)
            .map(|(_, _, e)| e.as_str())
    }

    /// Saves made or sent and not yet answered.
    pub fn pending(&self) -> usize {
        self.outbox.len() + self.in_flight.len()
    }

    /// Everything is on disk.
    pub fn is_clean(&self) -> bool {
        self.pending() == 0 && self.failed.is_empty()
    }

    /// The latest unsaved state of every report (failed, in flight or not yet
    /// sent): what a recovery file must hold.
    pub fn unsaved(&self) -> Vec<SaveOp> {
        let mut by_key: BTreeMap<SaveKey, (u64, &SaveOp)> = BTreeMap::new();
        let all = self
            .failed
            .values()
            .map(|(s, op, _)| (*s, op))
            .chain(self.in_flight.iter().map(|(s, op)| (*s, op)))
            .chain(self.outbox.iter().map(|(s, op)| (*s, op)));
        for (s, op) in all {
            let e = by_key.entry(op.key()).or_insert((s, op));
            if s > e.0 {
                *e = (s, op);
            }
        }
        by_key.into_values().map(|(_, op)| op.clone()).collect()
    }
}

/// A batch of saves as the writer should make them: the latest of each report
/// only, in the order the latest were made (a join writes the report that gains
/// decisions before the one that loses them). Each comes with the sequence
/// numbers it answers for.
pub fn coalesce(batch: Vec<(u64, SaveOp)>) -> Vec<(Vec<u64>, SaveOp)> {
    let mut last: HashMap<SaveKey, usize> = HashMap::new();
    for (i, (_, op)) in batch.iter().enumerate() {
        last.insert(op.key(), i);
    }
    let mut answers: HashMap<SaveKey, Vec<u64>> = HashMap::new();
    for (seq, op) in &batch {
        answers.entry(op.key()).or_default().push(*seq);
    }
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, (_, op))| last.get(&op.key()) == Some(i))
        .map(|(_, (_, op))| (answers.remove(&op.key()).unwrap_or_default(), op))
        .collect()
}

#[derive(Serialize)]
struct Recovery<'a> {
    schema: &'static str,
    store: String,
    written: String,
    /// Store files as they should be: each the content of one file.
    reviews: Vec<&'a ReportReview>,
    /// Store files that should be removed (file key, report id).
    removals: Vec<SaveKey>,
}

/// Write unsaved work to `zongjie-reviews.recovery-<time>.json` beside the store
/// folder (or, if that cannot be written, in the temp folder): where it went.
pub fn write_recovery(store_dir: &Path, ops: &[SaveOp]) -> std::io::Result<PathBuf> {
    let rec = Recovery {
        schema: "zongjie.recovery/1",
        store: store_dir.display().to_string(),
        written: now_rfc3339(),
        reviews: ops
            .iter()
            .filter_map(|o| match o {
                SaveOp::Save(r) => Some(&**r),
                SaveOp::Remove { .. } => None,
            })
            .collect(),
        removals: ops
            .iter()
            .filter(|o| matches!(o, SaveOp::Remove { .. }))
            .map(SaveOp::key)
            .collect(),
    };
    let mut body = serde_json::to_vec_pretty(&rec).map_err(std::io::Error::other)?;
    body.push(b'\n');
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let name = format!(
        "{}.recovery-{stamp}-{}.json",
        store_dir
            .file_name()
            .map_or("zongjie-reviews".into(), |n| n.to_string_lossy()),
        std::process::id()
    );
    let beside = store_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut last_err = None;
    for dir in [beside.to_path_buf(), std::env::temp_dir()] {
        let path = dir.join(&name);
        match RealDisk.write_atomic(&dir, &path, &body) {
            Ok(()) => return Ok(path),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("nowhere to write")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(report: &str, note: &str) -> SaveOp {
        let mut r = ReportReview::new("a.txt", report, "");
        r.note = Some(note.into());
        SaveOp::Save(Arc::new(r))
    }

    fn result(seq: u64, op: &SaveOp, error: Option<&str>) -> SaveResult {
        SaveResult {
            seq,
            key: op.key(),
            error: error.map(str::to_string),
            lock_lost: None,
        }
    }

    #[test]
    fn a_failed_save_is_kept_until_a_later_one_succeeds() {
        let mut q = SaveQueue::default();
        q.push(review("r1", "one"));
        let sent = q.take_outbox();
        q.answer(&result(sent[0].0, &sent[0].1, Some("disk full")));
        assert_eq!((q.failed(), q.pending()), (1, 0));
        assert!(!q.is_clean());
        assert_eq!(q.last_error(), Some("disk full"));
        // Retried: fails again, still kept; then succeeds.
        assert_eq!(q.retry(), 1);
        let sent = q.take_outbox();
        q.answer(&result(sent[0].0, &sent[0].1, Some("disk full")));
        assert_eq!(q.failed(), 1);
        q.retry();
        let sent = q.take_outbox();
        q.answer(&result(sent[0].0, &sent[0].1, None));
        assert!(q.is_clean());
    }

    #[test]
    fn an_older_failure_is_dropped_for_a_newer_save_and_unsaved_holds_the_latest() {
        let mut q = SaveQueue::default();
        q.push(review("r1", "old"));
        let old = q.take_outbox();
        q.push(review("r1", "new"));
        q.push(review("r2", "other"));
        q.answer(&result(old[0].0, &old[0].1, Some("disk full")));
        assert_eq!(q.failed(), 0, "a newer save of r1 is on its way");
        let unsaved = q.unsaved();
        assert_eq!(unsaved.len(), 2);
        assert_eq!(unsaved[0], review("r1", "new"));
    }

    #[test]
    fn coalescing_keeps_the_latest_of_each_in_the_order_made() {
        let batch = vec![
            (1, review("a", "1")),
            (2, review("b", "1")),
            (3, review("a", "2")),
            (
                4,
                SaveOp::Remove {
                    file: "a.txt".into(),
                    report: "c".into(),
                },
            ),
        ];
        let out = coalesce(batch);
        let keys: Vec<(Vec<u64>, String)> =
            out.iter().map(|(s, o)| (s.clone(), o.key().1)).collect();
        assert_eq!(
            keys,
            vec![
                (vec![2], "b".to_string()),
                (vec![1, 3], "a".to_string()),
                (vec![4], "c".to_string())
            ]
        );
    }

    #[test]
    fn a_recovery_file_is_written_beside_the_store() {
        let d = tempfile::tempdir().unwrap();
        let store = d.path().join("zongjie-reviews");
        let p = write_recovery(&store, &[review("r1", "keep me")]).unwrap();
        assert_eq!(p.parent(), Some(d.path()));
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        assert_eq!(v["reviews"][0]["note"], "keep me");
    }
}
