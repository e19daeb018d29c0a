//! The property checks of the fuzz targets, in one place for both users:
//! `fuzz/fuzz_targets/*.rs` include this file (`#[path] mod checks;`), and
//! `tests/fuzz_regressions.rs` replays the kept inputs through it (`mod common;`).
//! So it may use only what both crates have: `zongjie`, `serde_json` and std.

// Each fuzz target includes the whole file and calls one check.
#![allow(dead_code)]

use zongjie::review::{Store, StoreError};

/// `parse_bytes`: any bytes, decoded and parsed as a page. Every report, section
/// and figure span is a char-boundary range of the decoded text, a figure's text
/// is its span's, and every value read is finite.
pub fn parse_bytes(data: &[u8]) {
    let Ok(doc) = zongjie::load::load_bytes("fuzz.txt", data) else {
        return;
    };
    let parsed = zongjie::pipeline::parse_document(&doc);
    let text = doc.text.as_str();
    let range = |what: &str, s: usize, e: usize| {
        assert!(
            s <= e && text.get(s..e).is_some(),
            "{what} span {s}..{e} is not a char-boundary range of a {}-byte text",
            text.len()
        );
    };
    for r in &parsed.reports {
        range("report", r.start, r.end);
        for s in &r.sections {
            range("section", s.start, s.end);
        }
        for f in &r.figures {
            range("figure", f.start, f.end);
            assert_eq!(
                text.get(f.start..f.end),
                Some(f.text.as_str()),
                "figure text differs from its span"
            );
            for v in [f.quantity.value, f.quantity.value_max]
                .into_iter()
                .flatten()
            {
                assert!(v.is_finite(), "figure {} read as {v}", f.text);
            }
        }
    }
}

/// `read_quantity`: the number reader on any string (bytes that are not UTF-8
/// are passed over). A value read is finite, and the quantity serialises (as
/// `zongjie figure` prints it).
pub fn read_quantity(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = zongjie::figures::read_quantity(s) {
        for v in [q.value, q.value_max].into_iter().flatten() {
            assert!(v.is_finite(), "{s:?} read as {v}");
        }
        serde_json::to_string(&q).expect("quantity serialises");
    }
}

/// The file name and report the `store_load` check writes its bytes as.
pub const STORE_FILE: &str = "a.txt";
pub const STORE_REPORT: &str = "r1";

/// `store_load`: any bytes as a store file of `store` (a writable store holding
/// no review files). Loading never panics; a damaged file is moved aside and then
/// reads as absent; a newer or unknown schema is left byte for byte; a review that loads
/// saves and loads back equal.
pub fn store_load(store: &Store, data: &[u8]) {
    let path = store.path_for(STORE_FILE, STORE_REPORT);
    std::fs::write(&path, data).expect("write store file");
    let (listed, _errors) = store.list();
    // `list` moved a damaged file aside already; write it again for `load`.
    std::fs::write(&path, data).expect("write store file");
    match store.load(STORE_FILE, STORE_REPORT) {
        Ok(Some(review)) => {
            assert_eq!(listed.len(), 1, "load accepts what list refused");
            store.save(&review).expect("a loaded review saves");
            let again = store
                .load(&review.file, &review.report)
                .expect("a saved review loads")
                .expect("a saved review is there");
            let mut want = review;
            want.schema = again.schema.clone();
            assert_eq!(again, want, "save/load changed the review");
        }
        Ok(None) => panic!("a file that exists loaded as absent"),
        Err(StoreError::Corrupt { moved_to, .. }) => {
            assert!(moved_to.is_some(), "the writer moves a damaged file aside");
            assert!(!path.exists(), "damaged file still in place");
            assert!(
                matches!(store.load(STORE_FILE, STORE_REPORT), Ok(None)),
                "after moving aside, the review reads as absent"
            );
        }
        Err(StoreError::FutureSchema(..) | StoreError::UnknownSchema(..)) => {
            assert_eq!(
                std::fs::read(&path).expect("future file kept"),
                data,
                "a file of a schema this build does not know is never rewritten"
            );
        }
        Err(e) => panic!("unexpected store error: {e}"),
    }
}
