//! The review store: a reviewer's decisions, kept as versioned JSON, one file per report.
//!
//! A store is a folder (by default `zongjie-reviews/` inside the corpus folder, see
//! [`default_store_dir`]) holding one JSON file per reviewed report, named by
//! [`store_file_name`] from the report's file key ([`file_key`]) and id. Every file
//! carries `"schema": "zongjie.review/1"`; the full description is in
//! `docs/review-schema.md`. An example:
//!
//! ```json
//! {
//!   "schema": "zongjie.review/1",
//!   "file": "000_c894158fcb275fac.txt",
//!   "report": "03b970956b99",
//!   "title": "县妇联2013年工作总结",
//!   "status": "in-progress",
//!   "reviewer": "li",
//!   "note": null,
//!   "figures": [
//!     {
//!       "anchor": {"start": 1356, "end": 1366, "text": "1800多名",
//!                  "context": "培训农村妇女|，发放小额担保"},
//!       "status": "corrected",
//!       "corrected": {"value": 1800, "value_max": null, "unit": "人",
//!                     "kind": "count", "approx": "over"},
//!       "span": null,
//!       "subject": "妇女",
//!       "tags": ["training"],
//!       "note": "unit is 名; counted as people",
//!       "reviewer": "li",
//!       "at": "2026-11-22T13:30:00Z"
//!     }
//!   ],
//!   "sections": [
//!     {"anchor": {"start": 2001, "end": 2013, "text": "一是加强宣传", "context": "…|…"},
//!      "kind": "not-a-heading", "level": null, "title": null,
//!      "reviewer": "li", "at": "2026-11-22T13:31:00Z"}
//!   ]
//! }
//! ```
//!
//! Safety: [`Store::open`] takes a writer lock (`.lock`, naming pid and host); a second
//! instance opens read-only and [`Store::read_only`] says who holds the lock. Saves are
//! atomic (temp file, fsync, rename). A damaged file is moved aside as
//! `*.corrupt-<time>` and reported; a file of a newer schema is refused, never rewritten.
//! Decisions re-attach to a fresh parse through [`attach`], by span, else by text and
//! context; those that cannot are `orphaned` and kept.

mod anchor;
mod corrupt;
mod lock;
mod paths;
mod schema;
mod store;

pub use anchor::{Attachment, attach, locate};
pub use corrupt::move_aside;
pub use lock::{LOCK_FILE, LockOwner, current_owner};
pub use paths::{default_store_dir, file_key};
pub use schema::{
    Anchor, CONTEXT_CHARS, DecisionStatus, FigureDecision, ReportReview, ReportStatus, SCHEMA,
    SCHEMA_FAMILY, SCHEMA_VERSION, SectionDecision, SectionDecisionKind, context_fingerprint,
    now_rfc3339, schema_version,
};
pub use store::{DEFAULT_TAGS, Store, StoreError, TAGS_FILE, store_file_name};

/// Name of the store folder inside a corpus folder; the corpus walk skips it.
pub const STORE_DIR_NAME: &str = "zongjie-reviews";
