//! Corpus statistics: what was parsed, how far the review is, what it adds up to.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::review::ReportStatus;
use crate::review::session::report::level_name;
use crate::review::session::{FileText, ReportSession, ReviewedFile, Tally};

use super::OrphanReview;
use super::records::{
    CharCursor, Orphan, Record, RecordStatus, format_number, orphans_of, report_records,
};

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub files: usize,
    pub reports: usize,
    /// Figures the parser extracted, of every kind.
    pub figures: usize,
    pub figures_by_kind: BTreeMap<String, usize>,
    /// Extracted figures carrying each flag.
    pub flags: BTreeMap<String, usize>,
    /// Report warnings by code.
    pub warnings: BTreeMap<String, usize>,
    /// Relations between figures by kind, then by outcome (consistent, loose, inconsistent).
    pub relations: BTreeMap<String, BTreeMap<String, usize>>,
    pub review: Progress,
    /// Decisions that no longer find their figure (kept in the store).
    pub orphaned: Vec<Orphan>,
    /// Saved reviews that no report read carries (the report is gone from its
    /// file, or the file was renamed, moved, or not among the paths).
    pub orphaned_reviews: Vec<OrphanReview>,
    /// Reports the reviewer said are not reports.
    pub not_reports: usize,
    /// Reports whose fields (title, year, org, level, place) were corrected.
    pub reports_corrected: usize,
    /// Sums over accepted figures (accepted, corrected, added), by kind and unit.
    pub accepted_totals: Vec<Total>,
    /// Accepted figures by what they count (`(no subject)` when none is given).
    pub accepted_by_subject: BTreeMap<String, usize>,
    /// Reports by year as the reviewer corrected it (`(no year)` when unknown).
    pub reports_by_year: BTreeMap<String, usize>,
    /// Reports by the level of the reporting body (`(no level)` when unknown).
    pub reports_by_level: BTreeMap<String, usize>,
    /// Records whose offsets did not hold (a bug to report), as messages.
    pub offset_errors: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Progress {
    pub reports_done: usize,
    pub reports_in_progress: usize,
    pub reports_unreviewed: usize,
    /// Extracted figures with a decision (any status).
    pub figures_decided: usize,
    /// Attached decisions by status (`added` included).
    pub decisions: BTreeMap<String, usize>,
    /// Outline decisions (not a heading, missing heading, corrected).
    pub section_decisions: usize,
    /// Outline decisions whose text was not found again.
    pub section_decisions_orphaned: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Total {
    pub kind: String,
    pub unit: String,
    pub figures: usize,
    /// Sum of `value` (a range counts its lower end); figures without a value are not summed.
    pub sum: f64,
}

/// Count everything in `files`; `orphaned` are the reviews no report carried.
pub fn stats(files: &[ReviewedFile], orphaned: Vec<OrphanReview>) -> Stats {
    let mut b = StatsBuilder::default();
    for f in files {
        b.add(f);
    }
    b.finish(orphaned)
}

/// Statistics counted one file at a time, so a corpus never has to be held whole.
#[derive(Debug, Default)]
pub struct StatsBuilder {
    st: Stats,
    totals: BTreeMap<(String, String), (usize, f64)>,
}

impl StatsBuilder {
    pub fn add(&mut self, f: &ReviewedFile) {
        self.add_file(&f.file, &f.sessions);
    }

    /// One file and its reports as a review session holds them.
    pub fn add_file<'a>(
        &mut self,
        file: &FileText,
        sessions: impl IntoIterator<Item = &'a ReportSession>,
    ) {
        let st = &mut self.st;
        st.files += 1;
        let mut chars = CharCursor::default();
        for s in sessions {
            st.reports += 1;
            let year = s.year().map_or("(no year)".to_string(), |y| y.to_string());
            *st.reports_by_year.entry(year).or_default() += 1;
            let level = s.org_level().map_or("(no level)", level_name);
            *st.reports_by_level.entry(level.to_string()).or_default() += 1;
            add_tally(st, s.tally());
            match s.status() {
                ReportStatus::Done => st.review.reports_done += 1,
                ReportStatus::InProgress => st.review.reports_in_progress += 1,
                ReportStatus::Unreviewed => st.review.reports_unreviewed += 1,
            }
            st.not_reports += usize::from(s.not_a_report());
            st.reports_corrected += usize::from(!s.review.fields.is_empty());
            if s.review.figures.is_empty() && s.review.sections.is_empty() {
                continue; // no decisions: no totals, no orphans
            }
            let (recs, errs) = report_records(file, s, &mut chars);
            st.offset_errors.extend(errs.iter().map(|e| e.to_string()));
            for r in &recs {
                count_record(st, &mut self.totals, r);
            }
            st.review.section_decisions += s.review.sections.len();
            st.review.section_decisions_orphaned += s
                .attach
                .section_spans
                .iter()
                .filter(|x| x.is_none())
                .count();
            st.orphaned.extend(orphans_of(&file.key, s));
        }
    }

    pub fn finish(mut self, orphaned: Vec<OrphanReview>) -> Stats {
        self.st.orphaned_reviews = orphaned;
        self.st.accepted_totals = self
            .totals
            .into_iter()
            .map(|((kind, unit), (figures, sum))| Total {
                kind,
                unit,
                figures,
                sum,
            })
            .collect();
        self.st
    }
}

/// What one report's parse adds: figures by kind and flag, warnings,
/// relations (from its tally, kept when its details are dropped).
fn add_tally(st: &mut Stats, t: &Tally) {
    st.figures += t.figures;
    for &(kind, n) in &t.kinds {
        *st.figures_by_kind
            .entry(kind.as_str().to_string())
            .or_default() += n as usize;
    }
    for &(flag, n) in &t.flags {
        *st.flags.entry(flag.as_str().to_string()).or_default() += n as usize;
    }
    for &(code, n) in &t.warnings {
        *st.warnings.entry(code.as_str().to_string()).or_default() += n as usize;
    }
    for &((kind, outcome), n) in &t.relations {
        *st.relations
            .entry(kind.as_str().to_string())
            .or_default()
            .entry(outcome.as_str().to_string())
            .or_default() += n as usize;
    }
}

fn count_record(st: &mut Stats, totals: &mut BTreeMap<(String, String), (usize, f64)>, r: &Record) {
    if r.status == RecordStatus::Unreviewed {
        return;
    }
    *st.review
        .decisions
        .entry(r.status.as_str().to_string())
        .or_default() += 1;
    if !r.figure.is_empty() {
        st.review.figures_decided += 1;
    }
    if super::records::StatusFilter::Accepted.keeps(r) {
        let subject = r.subject.as_deref().unwrap_or("(no subject)");
        *st.accepted_by_subject
            .entry(subject.to_string())
            .or_default() += 1;
        let e = totals.entry((r.kind.clone(), r.unit.clone())).or_default();
        e.0 += 1;
        e.1 += r.value.unwrap_or(0.0);
    }
}

/// `growth 5 consistent, 1 loose; share 3 consistent, 1 inconsistent`.
fn relation_counts(m: &BTreeMap<String, BTreeMap<String, usize>>) -> String {
    if m.is_empty() {
        return "none".to_string();
    }
    m.iter()
        .map(|(kind, by)| {
            let counts: Vec<String> = by.iter().map(|(o, n)| format!("{n} {o}")).collect();
            format!("{kind} {}", counts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The statistics for a person.
pub fn render_text(st: &Stats) -> String {
    // Titles, file names, units and notes come from pages and stores: escaped.
    let safe = |s: &str| crate::text::terminal_safe(s).into_owned();
    let list = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{} {v}", safe(k)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut s = String::new();
    s += &format!(
        "files {}, reports {}, figures {}\n",
        st.files, st.reports, st.figures
    );
    s += &format!("figures by kind: {}\n", list(&st.figures_by_kind));
    s += &format!("flags: {}\n", list(&st.flags));
    s += &format!("warnings: {}\n", list(&st.warnings));
    s += &format!("relations: {}\n", relation_counts(&st.relations));
    s += &format!("reports by year: {}\n", list(&st.reports_by_year));
    s += &format!("reports by level: {}\n", list(&st.reports_by_level));
    s += &format!(
        "review: reports done {}, in progress {}, unreviewed {}; figures decided {} of {}\n",
        st.review.reports_done,
        st.review.reports_in_progress,
        st.review.reports_unreviewed,
        st.review.figures_decided,
        st.figures
    );
    s += &format!("decisions: {}\n", list(&st.review.decisions));
    if st.review.section_decisions > 0 {
        s += &format!(
            "outline decisions: {} ({} not found again)\n",
            st.review.section_decisions, st.review.section_decisions_orphaned
        );
    }
    s += &format!("orphaned decisions: {}\n", st.orphaned.len());
    for o in &st.orphaned {
        s += &format!(
            "  {}  {}  {}  {}\n",
            safe(&o.file),
            safe(&o.report),
            safe(&format!("{:?}", o.text)),
            safe(o.status.as_deref().unwrap_or("-"))
        );
    }
    if st.not_reports > 0 || st.reports_corrected > 0 {
        s += &format!(
            "reports: {} not reports, {} with corrected fields\n",
            st.not_reports, st.reports_corrected
        );
    }
    if !st.orphaned_reviews.is_empty() {
        s += &format!(
            "orphaned reviews (report or file not found): {}\n",
            st.orphaned_reviews.len()
        );
        for o in &st.orphaned_reviews {
            s += &format!(
                "  {}  {}  {}  ({} decisions)\n",
                safe(&o.file),
                safe(&o.report),
                safe(&o.title),
                o.decisions
            );
        }
    }
    s += "accepted totals:";
    if st.accepted_totals.is_empty() {
        s += " none\n";
    } else {
        s += "\n";
        for t in &st.accepted_totals {
            let unit = if t.unit.is_empty() {
                "(no unit)"
            } else {
                &t.unit
            };
            s += &format!(
                "  {:<8} {:<8} {:>14}  ({} figure{})\n",
                safe(&t.kind),
                safe(unit),
                format_number(t.sum),
                t.figures,
                if t.figures == 1 { "" } else { "s" }
            );
        }
    }
    if !st.offset_errors.is_empty() {
        s += &format!("offset errors: {}\n", st.offset_errors.len());
        for e in &st.offset_errors {
            s += &format!("  {}\n", safe(e));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Quantity, Report};
    use crate::review::session::{FileText, ReportSession};
    use crate::review::{Anchor, DecisionStatus, FigureDecision, ReportReview};

    #[test]
    fn counts_progress_totals_and_orphans() {
        let text = "培训妇女1800名，发放16万元，办结率100%。";
        let fig = |s: &str, v: f64, unit: &str, kind| {
            let i = text.find(s).unwrap();
            Figure {
                id: format!("f{i}"),
                start: i,
                end: i + s.len(),
                text: s.into(),
                quantity: Quantity {
                    value: Some(v),
                    unit: unit.into(),
                    kind,
                    ..Default::default()
                },
                ..Default::default()
            }
        };
        use crate::model::FigureKind::*;
        let report = Report {
            id: "r1".into(),
            end: text.len(),
            figures: vec![
                fig("1800名", 1800.0, "名", Count),
                fig("16万元", 160000.0, "元", Money),
                fig("100%", 100.0, "%", Percent),
            ],
            ..Default::default()
        };
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.status = ReportStatus::Done;
        for (i, st) in [(0, DecisionStatus::Accepted), (1, DecisionStatus::Rejected)] {
            let f = &report.figures[i];
            rv.figures.push(FigureDecision {
                anchor: Anchor::new(text, f.start, f.end),
                status: Some(st),
                ..Default::default()
            });
        }
        rv.figures.push(FigureDecision {
            anchor: Anchor {
                text: "不在".into(),
                ..Default::default()
            },
            status: Some(DecisionStatus::Accepted),
            ..Default::default()
        });
        let file = FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), text.into());
        let files = vec![ReviewedFile {
            sessions: vec![ReportSession::new(0, report, rv, text)],
            file,
            problems: vec![],
            used: vec![],
        }];
        let gone = OrphanReview {
            file: "a.txt".into(),
            report: "r-old".into(),
            title: "old".into(),
            decisions: 0,
        };
        let st = stats(&files, vec![gone]);
        assert_eq!((st.files, st.reports, st.figures), (1, 1, 3));
        assert_eq!(st.figures_by_kind.get("money"), Some(&1));
        assert_eq!(st.review.reports_done, 1);
        assert_eq!(st.review.figures_decided, 2);
        assert_eq!(st.review.decisions.get("rejected"), Some(&1));
        assert_eq!(st.orphaned.len(), 1);
        assert_eq!(st.orphaned_reviews.len(), 1);
        assert_eq!(st.orphaned_reviews[0].report, "r-old");
        assert_eq!(
            st.accepted_totals,
            vec![Total {
                kind: "count".into(),
                unit: "名".into(),
                figures: 1,
                sum: 1800.0
            }]
        );
        assert_eq!(st.accepted_by_subject.get("(no subject)"), Some(&1));
        assert_eq!(st.reports_by_year.get("(no year)"), Some(&1));
        assert_eq!(st.reports_by_level.get("(no level)"), Some(&1));
        let text = render_text(&st);
        assert!(text.contains("figures decided 2 of 3"), "{text}");
        assert!(text.contains("reports by year: (no year) 1"), "{text}");
    }
}
