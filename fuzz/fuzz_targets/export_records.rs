//! Any bytes as export records, through the CSV (neutralised and raw), JSONL and
//! JSON writers: every output reads back to the records, no neutralised text cell
//! runs as a formula, no JSON holds a raw terminal control, nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks, shared with the replay of kept inputs (`tests/fuzz_regressions.rs`).
#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::export_records(data));
