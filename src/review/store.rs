//! Opening a store folder, and reading and writing its files safely.
//!
//! Writes are atomic: the new content goes to a temp file in the same folder,
//! is fsynced, renamed over the old file, and the folder is fsynced, so a crash
//! at any instant leaves the previous or the new file, both whole.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::corrupt::move_aside;
use super::lock::{self, Acquired, LockGuard};
use super::schema::{ReportReview, SCHEMA, SCHEMA_VERSION, schema_version};

/// The configurable tag set's file in the store folder.
pub const TAGS_FILE: &str = "tags.txt";

/// Tags offered when the store has no `tags.txt`.
pub const DEFAULT_TAGS: &[&str] = &[
    "training",
    "funding",
    "rights",
    "children",
    "family",
    "doubtful",
    "duplicate",
];

/// Prefix of the temp files a write goes through; left-overs of a crash are removed on open.
const TMP_PREFIX: &str = ".tmp-";

/// An open store folder.
#[derive(Debug)]
pub struct Store {
    pub dir: PathBuf,
    /// Held while this instance is the writer.
    lock: Option<LockGuard>,
    /// Why this store is read-only, when it is.
    busy: Option<String>,
    /// Things a user should be told that did not stop the operation (files moved aside).
    notices: Mutex<Vec<String>>,
}

#[derive(Debug)]
pub enum StoreError {
    Io(PathBuf, std::io::Error),
    /// A file written by a newer zongjie: refused, not rewritten.
    FutureSchema(PathBuf, String),
    /// Another instance holds the lock; this store is read-only.
    ReadOnly(String),
    /// A store file that does not parse (or is not a review): moved aside to
    /// `moved_to` when this instance is the writer, left alone otherwise.
    Corrupt {
        path: PathBuf,
        moved_to: Option<PathBuf>,
        reason: String,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            StoreError::FutureSchema(p, tag) => write!(
                f,
                "{}: written by a newer zongjie (schema {tag}; this build reads {SCHEMA}); \
                 left untouched, upgrade zongjie to use it",
                p.display()
            ),
            StoreError::ReadOnly(who) => write!(
                f,
                "the review store is read-only: another instance holds its lock ({who})"
            ),
            StoreError::Corrupt {
                path,
                moved_to: Some(to),
                reason,
            } => write!(
                f,
                "{}: damaged review file ({reason}); moved aside to {}",
                path.display(),
                to.display()
            ),
            StoreError::Corrupt {
                path,
                moved_to: None,
                reason,
            } => write!(f, "{}: damaged review file ({reason})", path.display()),
        }
    }
}

impl std::error::Error for StoreError {}

impl Store {
    /// Open (creating if needed) a store folder. Takes the writer lock if it is free;
    /// otherwise opens read-only and `read_only()` says who holds it.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        let (lock, busy) = match lock::acquire(dir) {
            Ok(Acquired::Held(g)) => (Some(g), None),
            Ok(Acquired::Busy(who)) => (None, Some(who)),
            Err(e) => (None, Some(format!("cannot lock {}: {e}", dir.display()))),
        };
        let store = Store {
            dir: dir.to_path_buf(),
            lock,
            busy,
            notices: Mutex::new(Vec::new()),
        };
        if store.lock.is_some() {
            store.remove_temp_files();
        }
        Ok(store)
    }

    /// Open a store folder only to read it (export, stats): no lock is taken, nothing
    /// is created, moved or written. A missing folder reads as empty.
    pub fn reader(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
            lock: None,
            busy: Some("opened for reading only".to_string()),
            notices: Mutex::new(Vec::new()),
        }
    }

    /// `Some(owner description)` when another instance holds the lock
    /// (or the store was opened with [`Store::reader`]).
    pub fn read_only(&self) -> Option<&str> {
        self.busy.as_deref()
    }

    /// The file holding the review of `report_id` in `file` (it may not exist yet).
    pub fn path_for(&self, file: &str, report_id: &str) -> PathBuf {
        self.dir.join(store_file_name(file, report_id))
    }

    /// The review of one report, if any was saved.
    ///
    /// A file that does not parse is moved aside (by the writer) and reported as
    /// [`StoreError::Corrupt`]; loading again then gives `Ok(None)`. A file of a newer
    /// schema is refused with [`StoreError::FutureSchema`] and left as it is.
    pub fn load(&self, file: &str, report_id: &str) -> Result<Option<ReportReview>, StoreError> {
        let path = self.path_for(file, report_id);
        match std::fs::read(&path) {
            Ok(bytes) => self.parse_file(&path, &bytes).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::Io(path, e)),
        }
    }

    /// Write one report's review at once, atomically. The `schema` field is
    /// written as this build's [`SCHEMA`] whatever the value holds.
    pub fn save(&self, review: &ReportReview) -> Result<(), StoreError> {
        if let Some(who) = &self.busy {
            return Err(StoreError::ReadOnly(who.clone()));
        }
        let path = self.path_for(&review.file, &review.report);
        // Never replace a newer file; move a damaged one aside first.
        if let Ok(bytes) = std::fs::read(&path)
            && let Err(e) = self.parse_file(&path, &bytes)
        {
            match e {
                StoreError::Corrupt { .. } => self.notice(e.to_string()),
                other => return Err(other),
            }
        }
        let mut out = review.clone();
        out.schema = SCHEMA.to_string();
        let mut body = serde_json::to_vec_pretty(&out)
            .map_err(|e| StoreError::Io(path.clone(), std::io::Error::other(e)))?;
        body.push(b'\n');
        write_atomic(&self.dir, &path, &body)
    }

    /// Every review in the store, in file-name order, and the files that could
    /// not be read (damaged ones are moved aside by the writer, as in `load`).
    pub fn list(&self) -> (Vec<ReportReview>, Vec<StoreError>) {
        let mut reviews = Vec::new();
        let mut errors = Vec::new();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (reviews, errors),
            Err(e) => {
                errors.push(StoreError::Io(self.dir.clone(), e));
                return (reviews, errors);
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_review_file(p))
            .collect();
        paths.sort();
        for p in paths {
            match std::fs::read(&p) {
                Ok(bytes) => match self.parse_file(&p, &bytes) {
                    Ok(r) => reviews.push(r),
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(StoreError::Io(p, e)),
            }
        }
        (reviews, errors)
    }

    /// The tags a reviewer picks from: `tags.txt` in the store folder (one a line,
    /// `#` starts a comment), or [`DEFAULT_TAGS`] without one. Free-text tags stay allowed.
    pub fn tag_set(&self) -> Vec<String> {
        match std::fs::read_to_string(self.dir.join(TAGS_FILE)) {
            Ok(s) => {
                let mut tags: Vec<String> = Vec::new();
                for t in s.lines().map(|l| l.split('#').next().unwrap_or("").trim()) {
                    if !t.is_empty() && !tags.iter().any(|x| x == t) {
                        tags.push(t.to_string());
                    }
                }
                tags
            }
            Err(_) => DEFAULT_TAGS.iter().map(|t| t.to_string()).collect(),
        }
    }

    /// Messages about things done on the way (a damaged file moved aside during a
    /// save), cleared as they are taken.
    pub fn take_notices(&self) -> Vec<String> {
        self.notices
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    }

    fn notice(&self, msg: String) {
        if let Ok(mut n) = self.notices.lock() {
            n.push(msg);
        }
    }

    /// Read a store file: refuse a newer schema, move a damaged file aside.
    fn parse_file(&self, path: &Path, bytes: &[u8]) -> Result<ReportReview, StoreError> {
        match parse_review(bytes) {
            Ok(r) => Ok(r),
            Err(Parsed::Future(tag)) => Err(StoreError::FutureSchema(path.to_path_buf(), tag)),
            Err(Parsed::Bad(reason)) => {
                let moved_to = if self.lock.is_some() {
                    match move_aside(path) {
                        Ok(to) => Some(to),
                        Err(e) => return Err(StoreError::Io(path.to_path_buf(), e)),
                    }
                } else {
                    None
                };
                Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    moved_to,
                    reason,
                })
            }
        }
    }

    fn remove_temp_files(&self) {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

enum Parsed {
    Future(String),
    Bad(String),
}

fn parse_review(bytes: &[u8]) -> Result<ReportReview, Parsed> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Parsed::Bad(format!("not JSON: {e}")))?;
    let tag = value
        .get("schema")
        .and_then(|s| s.as_str())
        .ok_or_else(|| Parsed::Bad("no \"schema\" field".to_string()))?;
    match schema_version(tag) {
        Some(v) if v > SCHEMA_VERSION => return Err(Parsed::Future(tag.to_string())),
        Some(_) => {}
        None => return Err(Parsed::Bad(format!("unknown schema {tag:?}"))),
    }
    serde_json::from_value(value).map_err(|e| Parsed::Bad(format!("not a review: {e}")))
}

/// Whether a folder entry is a review file (not a temp file, lock or moved-aside file).
fn is_review_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "json")
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
}

/// Write `body` to `path` through a fsynced temp file in `dir` and a rename.
fn write_atomic(dir: &Path, path: &Path, body: &[u8]) -> Result<(), StoreError> {
    let io = |e: std::io::Error| StoreError::Io(path.to_path_buf(), e);
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(body).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    // The rename itself must reach the disk; not every platform can fsync a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The store file name of one report: readable, safe on every file system, and
/// stable (never change it: existing stores are found by it). A hash of the exact
/// `file` and `report_id` keeps two reports from sharing a name.
pub fn store_file_name(file: &str, report_id: &str) -> String {
    fn clean(s: &str, max: usize) -> String {
        let mut out: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(max)
            .collect();
        while out.starts_with('.') {
            out.replace_range(..1, "_");
        }
        out
    }
    let hash = xxhash_rust::xxh3::xxh3_64(format!("{file}\0{report_id}").as_bytes());
    format!(
        "{}--{}--{:016x}.json",
        clean(file, 80),
        clean(report_id, 40),
        hash
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::schema::{Anchor, DecisionStatus, FigureDecision};

    fn sample() -> ReportReview {
        let mut r = ReportReview::new("sub/000.txt", "r1", "标题");
        r.figures.push(FigureDecision {
            anchor: Anchor::new("培训1800多名妇女", 6, 16),
            status: Some(DecisionStatus::Accepted),
            reviewer: "li".into(),
            at: "2026-01-01T00:00:00Z".into(),
            ..Default::default()
        });
        r
    }

    #[test]
    fn save_load_round_trip_and_list() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        assert_eq!(s.read_only(), None);
        assert_eq!(s.load("sub/000.txt", "r1").unwrap(), None);
        let r = sample();
        s.save(&r).unwrap();
        assert_eq!(s.load("sub/000.txt", "r1").unwrap(), Some(r.clone()));
        let (all, errs) = s.list();
        assert_eq!(all, vec![r]);
        assert!(errs.is_empty());
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        for (f, r) in [
            ("../../etc/passwd", "r1"),
            ("a/b.txt", "r1"),
            ("a_b.txt", "r1"),
            ("报告.txt", "r/2"),
            (".hidden", ""),
        ] {
            let n = store_file_name(f, r);
            assert!(
                !n.contains('/') && !n.contains('\\') && !n.starts_with('.'),
                "{n}"
            );
            assert!(n.ends_with(".json"));
        }
        assert_ne!(
            store_file_name("a/b.txt", "r1"),
            store_file_name("a_b.txt", "r1")
        );
        assert_eq!(
            store_file_name("a/b.txt", "r1"),
            store_file_name("a/b.txt", "r1")
        );
    }

    #[test]
    fn tag_set_from_file_or_default() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        assert_eq!(s.tag_set().len(), DEFAULT_TAGS.len());
        std::fs::write(
            d.path().join(TAGS_FILE),
            "# ours\n培训\n\n 存疑 # doubtful\n培训\n",
        )
        .unwrap();
        assert_eq!(s.tag_set(), vec!["培训", "存疑"]);
    }

    #[test]
    fn temp_leftovers_removed_on_open() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(".tmp-abc"), "half").unwrap();
        let _s = Store::open(d.path()).unwrap();
        assert!(!d.path().join(".tmp-abc").exists());
    }
}
