//! The section outline of one report (guide §2).
//!
//! CONTRACT (skeleton): `parse_outline` is what the pipeline calls. The body is
//! filled by the outline work.

use std::ops::Range;

use crate::model::{Section, Warning};
use crate::text::Normalized;

/// Sections found in one report plus numbering findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
}

/// Parse the headings of one report.
///
/// `text` is the whole file text, `norm` its folded view, `body` the byte ranges
/// (into `text`, in order, without line terminators) of the report's body lines:
/// the title and web chrome are already left out. `report_end` closes the last
/// section. Section ids are `s1`, `s2`, … in document order.
pub fn parse_outline(
    _text: &str,
    _norm: &Normalized,
    _body: &[Range<usize>],
    _report_end: usize,
) -> Outline {
    Outline::default()
}
