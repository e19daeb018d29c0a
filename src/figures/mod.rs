//! Figures: every stated quantity in a report, read to value, unit, kind and qualifier (guide §3).
//!
//! CONTRACT (skeleton): `extract_figures`, `read_quantity` and `report_flags`
//! are what the pipeline, the CLI and the workstation call. Bodies are filled by
//! the figures work.

use std::ops::Range;

use crate::model::{Figure, Quantity, Warning};
use crate::text::Normalized;

/// Find the figures in a report's body lines (same `body` as `outline::parse_outline`).
/// Returns figures in document order (ids `f1`, `f2`, …; `section` left `None` for the
/// pipeline to fill) and report-level warnings (placeholders with no number, …).
pub fn extract_figures(
    _text: &str,
    _norm: &Normalized,
    _body: &[Range<usize>],
) -> (Vec<Figure>, Vec<Warning>) {
    (Vec::new(), Vec::new())
}

/// Read one quantity expression as a reviewer types it (`1.59萬余人`, `百分之九十`).
pub fn read_quantity(expr: &str) -> Result<Quantity, String> {
    Err(format!("cannot read a quantity in {expr:?} yet"))
}

/// Flags that need the whole report (the same subject with different values): set on
/// the figures, returned as warnings too.
pub fn report_flags(_figures: &mut [Figure]) -> Vec<Warning> {
    Vec::new()
}
