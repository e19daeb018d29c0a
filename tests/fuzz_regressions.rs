//! Replays every input kept under `tests/fuzz-regressions/<target>/` through the
//! same checks as the fuzz target of that name (`fuzz/fuzz_targets/`). A crash
//! a fuzzer finds is copied there (and fixed); the inputs found by hand while
//! hardening are kept there too.

use std::path::{Path, PathBuf};

use zongjie::review::{Store, StoreError};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// As `fuzz_targets/parse_bytes.rs`: decode and parse; every span is a char range.
fn check_parse_bytes(data: &[u8]) {
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
            assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
            for v in [f.quantity.value, f.quantity.value_max]
                .into_iter()
                .flatten()
            {
                assert!(v.is_finite(), "figure {} read as {v}", f.text);
            }
        }
    }
}

/// As `fuzz_targets/read_quantity.rs`: any value read is finite and serialises.
fn check_read_quantity(data: &[u8]) {
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

/// As `fuzz_targets/store_load.rs`: a store file loads, or is moved aside as
/// damaged, or is refused as newer and left untouched; what loads saves and loads back.
fn check_store_load(data: &[u8]) {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(&d.path().join("store")).unwrap();
    let path = store.path_for("a.txt", "r1");
    std::fs::write(&path, data).unwrap();
    let (listed, _) = store.list();
    std::fs::write(&path, data).unwrap();
    match store.load("a.txt", "r1") {
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
            assert!(!path.exists());
            assert!(matches!(store.load("a.txt", "r1"), Ok(None)));
        }
        Err(StoreError::FutureSchema(..)) => {
            assert_eq!(std::fs::read(&path).unwrap(), data, "never rewritten");
        }
        Err(e) => panic!("unexpected store error: {e}"),
    }
}

fn replay(target: &str, check: fn(&[u8])) {
    for (path, data) in inputs(target) {
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "{target}: {} fails again", path.display());
    }
}

#[test]
fn parse_bytes_regressions() {
    replay("parse_bytes", check_parse_bytes);
}

#[test]
fn read_quantity_regressions() {
    replay("read_quantity", check_read_quantity);
}

#[test]
fn store_load_regressions() {
    replay("store_load", check_store_load);
}

/// Found while hardening: hundreds of digits overflowed to infinity, which the
/// number reader handed back (and JSON printed as null).
#[test]
fn an_overflowing_number_is_an_error_not_infinity() {
    let q = zongjie::figures::read_quantity(&format!("{}万亿元", "9".repeat(400)));
    assert!(q.is_err(), "{q:?}");
    let q =
        zongjie::figures::read_quantity("1234567890123456789012345678901234567890万亿").unwrap();
    assert!(q.value.is_some_and(f64::is_finite));
}
