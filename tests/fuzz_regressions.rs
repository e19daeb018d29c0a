//! Replays every input kept under `tests/fuzz-regressions/<target>/` through the
//! same checks as the fuzz target of that name (`fuzz/fuzz_targets/`): both take
//! them from `tests/common/fuzz_checks.rs`. A crash a fuzzer finds is copied there
//! (and fixed); the inputs found by hand while hardening are kept there too.

mod common;

use std::path::{Path, PathBuf};

use common::fuzz_checks;
use zongjie::review::Store;

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

/// As the `store_load` target, on a new store for each input.
fn store_load(data: &[u8]) {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(&d.path().join("store")).unwrap();
    fuzz_checks::store_load(&store, data);
}

fn replay(target: &str, check: fn(&[u8])) {
    for (path, data) in inputs(target) {
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "{target}: {} fails again", path.display());
    }
}

#[test]
fn parse_bytes_regressions() {
    replay("parse_bytes", fuzz_checks::parse_bytes);
}

#[test]
fn read_quantity_regressions() {
    replay("read_quantity", fuzz_checks::read_quantity);
}

#[test]
fn store_load_regressions() {
    replay("store_load", store_load);
}

#[test]
fn export_records_regressions() {
    replay("export_records", fuzz_checks::export_records);
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
