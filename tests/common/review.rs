//! Review-store values built by hand.

use zongjie::review::{Anchor, DecisionStatus, FigureDecision};

/// A decision on `text[span.0..span.1]` by `who`, at a fixed time.
pub fn decision(
    text: &str,
    span: (usize, usize),
    status: DecisionStatus,
    who: &str,
) -> FigureDecision {
    FigureDecision {
        anchor: Anchor::new(text, span.0, span.1),
        status: Some(status),
        reviewer: who.into(),
        at: "2026-11-22T10:00:00Z".into(),
        ..Default::default()
    }
}
