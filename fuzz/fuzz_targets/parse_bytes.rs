//! Any bytes, decoded and parsed as a page: no panic, and every span the parse
//! gives is a char-boundary range of the decoded text whose figure text matches.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks, shared with the replay of kept inputs (`tests/fuzz_regressions.rs`).
#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::parse_bytes(data));
