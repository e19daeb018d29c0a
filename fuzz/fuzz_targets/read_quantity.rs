//! The number reader on any string: no panic, and what it reads is a usable value.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks, shared with the replay of kept inputs (`tests/fuzz_regressions.rs`).
#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::read_quantity(data));
