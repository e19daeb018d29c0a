//! Opening a store folder, and reading and writing its files safely.
//!
//! Writes are atomic (see [`Disk`]): a crash at any instant leaves the previous
//! or the new file, both whole. Before every write the writer checks that the
//! lock is still its own (by token); a store whose lock was lost turns read-only
//! at once. A file is only ever rewritten in a schema this build knows; a
//! version-1 file is copied aside (`*.v1.json`) before its first upgrade.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::corrupt::move_aside;
use super::disk::{Disk, RealDisk, remove_stale_temp_files};
use super::lock::{self, Acquired, LockCheck, LockGuard};
use super::schema::{OLDEST_VERSION, ReportReview, SCHEMA, SCHEMA_VERSION, schema_version};

/// The configurable tag set's file in the store folder.
pub const TAGS_FILE: &str = "tags.txt";

/// The tag a reviewer puts on a figure when the report itself is wrong (its
/// figures disagree: an `inconsistent` warning accepted as the report's error).
/// Always offered, with or without `tags.txt`.
pub const REPORT_WRONG_TAG: &str = "report-is-wrong";

/// Tags offered when the store has no `tags.txt`.
pub const DEFAULT_TAGS: &[&str] = &[
    "training",
    "funding",
    "rights",
    "children",
    "family",
    "doubtful",
    "duplicate",
    REPORT_WRONG_TAG,
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An open store folder.
#[derive(Debug)]
pub struct Store {
    pub dir: PathBuf,
    /// Held while this instance is the writer.
    lock: Option<LockGuard>,
    /// Whether this instance writes, and if not why (set for good when the lock is lost).
    mode: Mutex<StoreMode>,
    /// Things a user should be told that did not stop the operation (files moved aside).
    notices: Mutex<Vec<String>>,
    disk: Box<dyn Disk>,
}

/// Whether a store is written by this instance, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreMode {
    /// This instance holds the lock and writes.
    Writer,
    /// Another instance holds the lock: who.
    Busy(String),
    /// Opened to read only (export, stats).
    Reader,
    /// The lock could not be taken: why.
    Unlockable(String),
    /// The lock was taken away while held: what is there now.
    LockLost(String),
}

impl StoreMode {
    /// Why the store cannot be written, for a person; `None` for the writer.
    pub fn why_read_only(&self) -> Option<String> {
        match self {
            StoreMode::Writer => None,
            StoreMode::Busy(who) => Some(format!("another instance holds its lock ({who})")),
            StoreMode::Reader => Some("opened for reading only".into()),
            StoreMode::Unlockable(why) => Some(why.clone()),
            StoreMode::LockLost(why) => Some(format!("its lock was lost: {why}")),
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    Io(PathBuf, std::io::Error),
    /// A file written by a newer zongjie: refused, not rewritten.
    FutureSchema(PathBuf, String),
    /// A file of a schema version this build does not know (`zongjie.review/0`):
    /// refused, not rewritten, not moved.
    UnknownSchema(PathBuf, String),
    /// Another instance holds the lock, or this one lost it: read-only.
    ReadOnly(String),
    /// The lock was taken away while this instance held it (the save was not made).
    LockLost(String),
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
            StoreError::UnknownSchema(p, tag) => write!(
                f,
                "{}: schema {tag} is not one this build knows (it reads versions \
                 {OLDEST_VERSION} to {SCHEMA_VERSION}); left untouched",
                p.display()
            ),
            StoreError::ReadOnly(who) => write!(f, "the review store is read-only: {who}"),
            StoreError::LockLost(why) => write!(
                f,
                "the review store's lock was lost ({why}); this instance is read-only now"
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
        Store::open_with(dir, Box::new(RealDisk))
    }

    /// [`Store::open`] writing through `disk` (tests inject failures there).
    pub fn open_with(dir: &Path, disk: Box<dyn Disk>) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        let (lock, mode) = match lock::acquire(dir) {
            Ok(Acquired::Held(g)) => (Some(g), StoreMode::Writer),
            Ok(Acquired::Busy(who)) => (None, StoreMode::Busy(who)),
            Err(e) => (
                None,
                StoreMode::Unlockable(format!("cannot lock {}: {e}", dir.display())),
            ),
        };
        if lock.is_some() {
            remove_stale_temp_files(dir);
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            lock,
            mode: Mutex::new(mode),
            notices: Mutex::new(Vec::new()),
            disk,
        })
    }

    /// Open a store folder only to read it (export, stats): no lock is taken, nothing
    /// is created, moved or written. A missing folder reads as empty.
    pub fn reader(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
            lock: None,
            mode: Mutex::new(StoreMode::Reader),
            notices: Mutex::new(Vec::new()),
            disk: Box::new(RealDisk),
        }
    }

    /// `Some(why)` when this store cannot be written: another instance holds the
    /// lock, this one lost it, or it was opened with [`Store::reader`].
    pub fn read_only(&self) -> Option<String> {
        self.mode().why_read_only()
    }

    /// Whether this instance writes, and if not why.
    pub fn mode(&self) -> StoreMode {
        self.mode
            .lock()
            .map(|m| m.clone())
            .unwrap_or(StoreMode::Reader)
    }

    fn lose_lock(&self, why: String) {
        if let Ok(mut m) = self.mode.lock() {
            *m = StoreMode::LockLost(why);
        }
    }

    /// The file holding the review of `report_id` in `file` (it may not exist yet).
    pub fn path_for(&self, file: &str, report_id: &str) -> PathBuf {
        self.dir.join(store_file_name(file, report_id))
    }

    /// The review of one report, if any was saved.
    ///
    /// A file that does not parse is moved aside (by the writer) and reported as
    /// [`StoreError::Corrupt`]; loading again then gives `Ok(None)`. A file of a newer
    /// or unknown schema is refused and left as it is.
    pub fn load(&self, file: &str, report_id: &str) -> Result<Option<ReportReview>, StoreError> {
        let path = self.path_for(file, report_id);
        match std::fs::read(&path) {
            Ok(bytes) => self.parse_file(&path, &bytes).map(|(r, _)| Some(r)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::Io(path, e)),
        }
    }

    /// Check that this instance may write: not read-only, and the lock still its
    /// own. A lost lock turns the store read-only for good.
    fn check_writer(&self) -> Result<(), StoreError> {
        if let Some(why) = self.read_only() {
            return Err(StoreError::ReadOnly(why));
        }
        let Some(lock) = &self.lock else {
            return Err(StoreError::ReadOnly("no lock held".into()));
        };
        match lock.verify() {
            LockCheck::Held => Ok(()),
            LockCheck::Lost(why) => {
                self.lose_lock(why.clone());
                Err(StoreError::LockLost(why))
            }
            LockCheck::Unreadable(e) => Err(StoreError::Io(self.dir.join(lock::LOCK_FILE), e)),
        }
    }

    /// Write one report's review at once, atomically, as schema [`SCHEMA`] with
    /// its decisions in a stable order. A version-1 file it replaces is copied
    /// aside first (`*.v1.json`); a damaged one is moved aside; a newer or unknown
    /// one is never replaced.
    pub fn save(&self, review: &ReportReview) -> Result<(), StoreError> {
        self.check_writer()?;
        let path = self.path_for(&review.file, &review.report);
        if let Ok(bytes) = std::fs::read(&path) {
            match self.parse_file(&path, &bytes) {
                Ok((_, 1)) => self.keep_v1_copy(&path, &bytes)?,
                Ok(_) => {}
                Err(e @ StoreError::Corrupt { .. }) => self.notice(e.to_string()),
                Err(other) => return Err(other),
            }
        }
        let body = serialize(review).map_err(|e| StoreError::Io(path.clone(), e))?;
        self.disk
            .write_atomic(&self.dir, &path, &body)
            .map_err(|e| StoreError::Io(path, e))
    }

    /// Remove the store file of one report (a split-off part that an undo took
    /// back): only ever a file this store names for a review.
    pub fn remove(&self, file: &str, report_id: &str) -> Result<(), StoreError> {
        self.check_writer()?;
        let path = self.path_for(file, report_id);
        self.disk.remove(&path).map_err(|e| StoreError::Io(path, e))
    }

    /// Copy a version-1 file aside before its first upgrade, under a name no
    /// other copy has (`x.v1.json`, `x.v1-2.json`, …): never deleted, never read.
    fn keep_v1_copy(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let stem = path.to_string_lossy();
        let stem = stem.strip_suffix(".json").unwrap_or(&stem);
        let mut copy = PathBuf::from(format!("{stem}.v1.json"));
        let mut n = 2;
        while copy.exists() {
            if std::fs::read(&copy).is_ok_and(|b| b == bytes) {
                return Ok(());
            }
            copy = PathBuf::from(format!("{stem}.v1-{n}.json"));
            n += 1;
        }
        self.disk
            .write_atomic(&self.dir, &copy, bytes)
            .map_err(|e| StoreError::Io(copy, e))
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
                    Ok((r, _)) => reviews.push(r),
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(StoreError::Io(p, e)),
            }
        }
        (reviews, errors)
    }

    /// The tags a reviewer picks from: `tags.txt` in the store folder (one a line,
    /// `#` starts a comment), or [`DEFAULT_TAGS`] without one; [`REPORT_WRONG_TAG`]
    /// is always among them. Free-text tags stay allowed.
    pub fn tag_set(&self) -> Vec<String> {
        match std::fs::read_to_string(self.dir.join(TAGS_FILE)) {
            Ok(s) => {
                let mut tags: Vec<String> = Vec::new();
                for t in s.lines().map(|l| l.split('#').next().unwrap_or("").trim()) {
                    let t = t.trim_start_matches('\u{feff}');
                    if !t.is_empty() && !tags.iter().any(|x| x == t) {
                        tags.push(t.to_string());
                    }
                }
                if !tags.iter().any(|t| t == REPORT_WRONG_TAG) {
                    tags.push(REPORT_WRONG_TAG.to_string());
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

    /// Read a store file and its version: refuse a newer or unknown schema, move a
    /// damaged file aside.
    fn parse_file(&self, path: &Path, bytes: &[u8]) -> Result<(ReportReview, u32), StoreError> {
        match parse_review(bytes) {
            Ok(r) => Ok(r),
            Err(Parsed::Future(tag)) => Err(StoreError::FutureSchema(path.to_path_buf(), tag)),
            Err(Parsed::Unknown(tag)) => Err(StoreError::UnknownSchema(path.to_path_buf(), tag)),
            Err(Parsed::Bad(reason)) => {
                let moved_to = if self.lock.is_some() && self.read_only().is_none() {
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
}

/// A review as the bytes of its file: this schema, decisions in a stable order,
/// a byte order mark if it was read with one.
pub fn serialize(review: &ReportReview) -> std::io::Result<Vec<u8>> {
    let mut out = review.clone();
    out.schema = SCHEMA.to_string();
    out.sort_for_writing();
    let mut body = if out.bom { BOM.to_vec() } else { Vec::new() };
    serde_json::to_writer_pretty(&mut body, &out).map_err(std::io::Error::other)?;
    body.push(b'\n');
    Ok(body)
}

enum Parsed {
    Future(String),
    Unknown(String),
    Bad(String),
}

fn parse_review(bytes: &[u8]) -> Result<(ReportReview, u32), Parsed> {
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| Parsed::Bad(format!("not JSON: {e}")))?;
    let tag = value
        .get("schema")
        .and_then(|s| s.as_str())
        .ok_or_else(|| Parsed::Bad("no \"schema\" field".to_string()))?;
    let version = match schema_version(tag) {
        Some(v) if v > SCHEMA_VERSION => return Err(Parsed::Future(tag.to_string())),
        Some(v) if v >= OLDEST_VERSION => v,
        _ => return Err(Parsed::Unknown(tag.to_string())),
    };
    let mut r: ReportReview =
        serde_json::from_value(value).map_err(|e| Parsed::Bad(format!("not a review: {e}")))?;
    r.bom = bom;
    Ok((r, version))
}

/// Whether a folder entry is a review file: not a temp file, the lock, a file
/// moved aside, a version-1 copy, or an adjudication store's team file.
fn is_review_file(p: &Path) -> bool {
    let Some(n) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if n == crate::review::team::TEAM_FILE {
        return false;
    }
    let Some(stem) = n.strip_suffix(".json") else {
        return false;
    };
    let v1_copy = stem.ends_with(".v1")
        || stem
            .rsplit_once(".v1-")
            .is_some_and(|(_, k)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
    !n.starts_with('.') && !v1_copy
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
mod tests;
