//! What a reviewer must see about one report, in text order: its warnings
//! (numbering gaps and repeats, placeholders, counts with no number,
//! conflicts, run-together dates) and the flags of its figures that no
//! warning already says, each with its reason; and where a figure sits in the
//! outline (its section path).

use crate::model::{Flag, Section, WarningCode};

use super::ReportSession;
use super::outline::HeadingStatus;

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A report warning.
    Warning(WarningCode),
    /// A flag of one figure that no warning covers.
    Flag(Flag),
}

impl FindingKind {
    /// The stable code (`skipped-number`, `over-100-percent`).
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Warning(c) => c.as_str(),
            FindingKind::Flag(f) => f.as_str(),
        }
    }

    /// Whether it is about the outline's numbering (marked on the outline).
    pub fn is_numbering(self) -> bool {
        matches!(
            self,
            FindingKind::Warning(
                WarningCode::SkippedNumber
                    | WarningCode::RepeatedNumber
                    | WarningCode::DuplicateHeading
            )
        )
    }

    /// Whether it marks a spot in the text where a number is missing
    /// (highlighted in the source).
    pub fn is_gap(self) -> bool {
        matches!(
            self,
            FindingKind::Warning(WarningCode::Placeholder | WarningCode::MissingNumber)
        )
    }
}

/// One thing to look at in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Where it is (a warning with no place: the report's start, empty).
    pub start: usize,
    pub end: usize,
    pub kind: FindingKind,
    /// A sentence for a person: the warning's message, or the figure's text and the flag's reason.
    pub message: String,
    /// The parsed figure it is about, for a flag.
    pub figure: Option<usize>,
}

impl ReportSession {
    /// The report's findings in text order (worked out once: they depend on the
    /// parse, not on the review).
    pub fn findings(&self) -> &[Finding] {
        self.findings_memo.get_or_init(|| self.work_out_findings())
    }

    fn work_out_findings(&self) -> Vec<Finding> {
        let r = &self.report;
        let mut out: Vec<Finding> = r
            .warnings
            .iter()
            .map(|w| {
                let start = w.start.unwrap_or(r.start);
                Finding {
                    start,
                    end: w.end.unwrap_or(start).max(start),
                    kind: FindingKind::Warning(w.code),
                    message: w.message.clone(),
                    figure: None,
                }
            })
            .collect();
        // A flag a warning already says at the figure's place is not said twice.
        let said = |code: WarningCode, at: usize| {
            r.warnings.iter().any(|w| {
                w.code == code
                    && w.start.is_some_and(|s| s <= at)
                    && w.end.is_some_and(|e| at < e.max(at + 1))
            })
        };
        for (i, f) in r.figures.iter().enumerate() {
            for &flag in &f.flags {
                if flag.warning().is_some_and(|c| said(c, f.start)) {
                    continue;
                }
                out.push(Finding {
                    start: f.start,
                    end: f.end,
                    kind: FindingKind::Flag(flag),
                    message: format!("{}: {}", f.text, flag.reason()),
                    figure: Some(i),
                });
            }
        }
        out.sort_by_key(|f| (f.start, f.end));
        out
    }

    /// The findings that start in `from..to` (a binary search: a frame asks for
    /// the lines on screen only).
    pub fn findings_in(&self, from: usize, to: usize) -> &[Finding] {
        let all = self.findings();
        let lo = all.partition_point(|f| f.start < from);
        let hi = all.partition_point(|f| f.start < to);
        &all[lo..hi.max(lo)]
    }

    /// The headings (of the corrected outline) that hold byte `at`, outermost first.
    pub fn section_path(&self, at: usize) -> Vec<&Section> {
        let mut path: Vec<&Section> = self
            .outline()
            .iter()
            .filter(|r| r.status != HeadingStatus::Rejected)
            .map(|r| &r.section)
            .filter(|s| s.start <= at && at < s.end)
            .collect();
        path.sort_by_key(|s| (s.level, s.start));
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Report, Warning};
    use crate::review::ReportReview;

    #[test]
    fn warnings_and_unsaid_flags_in_text_order() {
        let text = "一、甲\n三、乙\n贷款239450万元，巾帼示范村12个。xx份\n";
        let at = |s: &str| text.find(s).unwrap();
        let fig = |s: &str, flags: Vec<Flag>| Figure {
            start: at(s),
            end: at(s) + s.len(),
            text: s.into(),
            flags,
            ..Default::default()
        };
        let report = Report {
            end: text.len(),
            figures: vec![
                fig("239450万元", vec![Flag::Magnitude]),
                fig("12个", vec![Flag::Conflict]),
            ],
            warnings: vec![
                Warning::at(WarningCode::Placeholder, "xx份", at("xx份"), text.len() - 1),
                Warning::at(
                    WarningCode::SkippedNumber,
                    "三、 follows 1",
                    at("三、"),
                    at("乙"),
                ),
                Warning::at(
                    WarningCode::Conflict,
                    "示范村 12 and 15",
                    at("12个"),
                    at("12个") + 5,
                ),
            ],
            ..Default::default()
        };
        let s = ReportSession::new(0, report, ReportReview::new("a", "r", ""), text);
        let codes: Vec<&str> = s.findings().iter().map(|f| f.kind.code()).collect();
        // The conflict flag is the conflict warning's: said once.
        assert_eq!(
            codes,
            ["skipped-number", "magnitude", "conflict", "placeholder"]
        );
        assert!(s.findings()[1].message.contains("out of scale"));
        assert_eq!(s.findings_in(at("贷款"), text.len()).len(), 3);
        assert!(s.findings()[0].kind.is_numbering());
        assert!(s.findings()[3].kind.is_gap());
    }
}
