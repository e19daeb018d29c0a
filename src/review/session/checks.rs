//! The relations a figure takes part in (issue 19), rechecked with the values
//! the review gives each figure now: after a reviewer corrects one figure of a
//! share, the share is recomputed with the correction. The export's `checks`
//! column and the workstation's figure detail both read this arithmetic.

use crate::model::Quantity;
use crate::relations::{self, Outcome, RelationKind};

use super::ReportSession;

/// One relation as it stands now: its kind, outcome and arithmetic
/// (`6 / 13 = 46.2% ✓`).
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub kind: RelationKind,
    pub outcome: Outcome,
    pub arithmetic: String,
}

impl ReportSession {
    /// The relations parsed figure `figure_id` takes part in, rechecked with
    /// every figure's current value; `text` is the file's text. A relation
    /// whose figures are gone (a rejected split) is left out.
    pub fn checks_of(&self, figure_id: &str, text: &str) -> Vec<Check> {
        let current = |id: &str| -> Option<(&str, &Quantity)> {
            let i = self.report.figures.iter().position(|f| f.id == id)?;
            let row = self.parsed_row(i)?;
            Some((text.get(row.start..row.end)?, row.quantity))
        };
        self.report
            .relations
            .iter()
            .filter(|rel| rel.involves(figure_id))
            .filter_map(|rel| {
                let (outcome, arithmetic) = relations::recheck(rel, current)?;
                Some(Check {
                    kind: rel.kind,
                    outcome,
                    arithmetic,
                })
            })
            .collect()
    }
}
