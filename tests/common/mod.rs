//! Helpers shared by the integration tests; each test file takes them in with
//! `mod common;`.
//!
//! - [`cli`]: the `zongjie` binary, its output and exit-code assertions.
//! - [`corpus`]: the sample pages, the seed corpus and temp workspaces.
//! - [`pty`]: the real binary in a pseudo-terminal, read back through vt100.
//! - [`review`]: review-store values built by hand.
//! - [`scale`]: large pages for scale checks (the benchmarks share them).
//! - [`screen`]: the workstation drawn into a `TestBackend`, as text.
//! - [`shared`]: the shared gold sets, scorer and peer cases beside the clone.
//! - [`fuzz_checks`]: the fuzz targets' property checks (the fuzz crate includes
//!   the same file), replayed by `fuzz_regressions.rs`.

// Every test file is its own crate and compiles its own copy of this module, but
// each uses only part of it: what one file leaves unused is not dead code.
#![allow(dead_code)]

pub mod cli;
pub mod corpus;
pub mod fuzz_checks;
pub mod pty;
pub mod review;
pub mod scale;
pub mod screen;
pub mod shared;

/// A small xorshift; seed it with an odd number (and print the seed to replay a
/// failure).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
