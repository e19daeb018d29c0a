//! The review store and the review session: a reviewer's decisions, kept as
//! versioned JSON, one file per report, and every edit that makes them.
//!
//! A store is a folder (by default `zongjie-reviews/` inside the corpus folder, see
//! [`default_store_dir`]) holding one JSON file per reviewed report, named by
//! [`store_file_name`] from the report's file key ([`file_key`]) and id. Every file
//! carries `"schema": "zongjie.review/2"` (version 1 is read and upgraded on the
//! first write); the full description is in `docs/review-schema.md`.
//!
//! Safety: [`Store::open`] takes a writer lock (`.lock`, naming pid, host and a
//! token, checked before every save); a second instance opens read-only and
//! [`Store::read_only`] says who holds the lock. Saves are atomic (temp file,
//! fsync, rename). A damaged file is moved aside as `*.corrupt-<time>` and
//! reported; a file of a newer or unknown schema is refused, never rewritten.
//! Decisions re-attach to a fresh parse through [`attach`], by span, else by text
//! and context; those that cannot are `orphaned` and kept.
//!
//! [`session`] is the review itself: a corpus of files with their reports and
//! reviews, every edit (figure, heading, report, split, join), undo and redo,
//! and the counts, used alike by the workstation, `export` and `stats`.
//!
//! [`team`] is several reviewers' work side by side: agreement between them
//! and the adjudication of their differences.

mod anchor;
mod context;
mod corrupt;
pub mod disk;
mod lock;
mod paths;
mod schema;
pub mod session;
mod store;
pub mod team;

pub use anchor::{Attachment, attach, locate};
pub use context::context_fingerprint;
pub use corrupt::move_aside;
pub use disk::{Disk, RealDisk};
pub use lock::{LOCK_FILE, LockOwner, current_owner};
pub use paths::{default_store_dir, file_key};
pub use schema::{
    Anchor, CONTEXT_CHARS, DecisionStatus, Extra, FigureDecision, OLDEST_VERSION, ReportFields,
    ReportReview, ReportStatus, SCHEMA, SCHEMA_FAMILY, SCHEMA_VERSION, SectionDecision,
    SectionDecisionKind, SplitDecision, now_rfc3339, schema_version,
};
pub use store::{
    DEFAULT_TAGS, REPORT_WRONG_TAG, Store, StoreError, StoreMode, TAGS_FILE, serialize,
    store_file_name,
};

/// Name of the store folder inside a corpus folder; the corpus walk skips it.
pub const STORE_DIR_NAME: &str = "zongjie-reviews";
