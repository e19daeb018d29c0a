//! Corpus statistics: what was parsed, how far the review is, what it adds up to.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::review::{ReportReview, ReportStatus};

use super::ReviewedFile;
use super::records::{Orphan, Record, format_number, report_records};

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
    pub review: Progress,
    /// Decisions that no longer find their figure (kept in the store).
    pub orphaned: Vec<Orphan>,
    /// Saved reviews of reports no longer found in a file that was read.
    pub orphaned_reviews: Vec<OrphanReview>,
    /// Sums over accepted figures (accepted, corrected, added), by kind and unit.
    pub accepted_totals: Vec<Total>,
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
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct OrphanReview {
    pub file: String,
    pub report: String,
    pub title: String,
    pub decisions: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Total {
    pub kind: String,
    pub unit: String,
    pub figures: usize,
    /// Sum of `value` (a range counts its lower end); figures without a value are not summed.
    pub sum: f64,
}

/// Count everything in `files`; `saved` is every review in the store, to find the
/// reviews whose report is gone from a file that was read.
pub fn stats(files: &[ReviewedFile], saved: &[ReportReview]) -> Stats {
    let mut st = Stats {
        files: files.len(),
        ..Default::default()
    };
    let mut totals: BTreeMap<(String, String), (usize, f64)> = BTreeMap::new();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for f in files {
        for rr in &f.reports {
            seen.insert((f.key.as_str(), rr.report.id.as_str()));
            st.reports += 1;
            st.figures += rr.report.figures.len();
            for fig in &rr.report.figures {
                *st.figures_by_kind
                    .entry(fig.quantity.kind.as_str().to_string())
                    .or_default() += 1;
                for fl in &fig.flags {
                    *st.flags.entry(fl.as_str().to_string()).or_default() += 1;
                }
            }
            for w in &rr.report.warnings {
                *st.warnings.entry(w.code.clone()).or_default() += 1;
            }
            match rr.review.as_ref().map(|r| r.status).unwrap_or_default() {
                ReportStatus::Done => st.review.reports_done += 1,
                ReportStatus::InProgress => st.review.reports_in_progress += 1,
                ReportStatus::Unreviewed => st.review.reports_unreviewed += 1,
            }
            let (recs, errs) = report_records(
                &f.key,
                &f.text,
                &rr.report,
                rr.review.as_ref().zip(rr.attachment.as_ref()),
            );
            st.offset_errors.extend(errs.iter().map(|e| e.to_string()));
            for r in &recs {
                count_record(&mut st, &mut totals, r);
            }
            if let (Some(rv), Some(at)) = (&rr.review, &rr.attachment) {
                for &i in &at.orphaned {
                    if let Some(d) = rv.figures.get(i) {
                        st.orphaned.push(Orphan {
                            file: f.key.clone(),
                            report: rr.report.id.clone(),
                            text: d.anchor.text.clone(),
                            status: d.status.map(|s| s.as_str().to_string()),
                            at: d.at.clone(),
                        });
                    }
                }
            }
        }
    }
    let read: BTreeSet<&str> = files.iter().map(|f| f.key.as_str()).collect();
    for rv in saved {
        if read.contains(rv.file.as_str())
            && !seen.contains(&(rv.file.as_str(), rv.report.as_str()))
        {
            st.orphaned_reviews.push(OrphanReview {
                file: rv.file.clone(),
                report: rv.report.clone(),
                title: rv.title.clone(),
                decisions: rv.figures.len(),
            });
        }
    }
    st.accepted_totals = totals
        .into_iter()
        .map(|((kind, unit), (figures, sum))| Total {
            kind,
            unit,
            figures,
            sum,
        })
        .collect();
    st
}

fn count_record(st: &mut Stats, totals: &mut BTreeMap<(String, String), (usize, f64)>, r: &Record) {
    if r.status == "unreviewed" {
        return;
    }
    *st.review.decisions.entry(r.status.clone()).or_default() += 1;
    if !r.figure.is_empty() {
        st.review.figures_decided += 1;
    }
    if matches!(r.status.as_str(), "accepted" | "corrected" | "added") {
        let e = totals.entry((r.kind.clone(), r.unit.clone())).or_default();
        e.0 += 1;
        e.1 += r.value.unwrap_or(0.0);
    }
}

/// The statistics for a person.
pub fn render_text(st: &Stats) -> String {
    let list = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
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
    s += &format!(
        "review: reports done {}, in progress {}, unreviewed {}; figures decided {} of {}\n",
        st.review.reports_done,
        st.review.reports_in_progress,
        st.review.reports_unreviewed,
        st.review.figures_decided,
        st.figures
    );
    s += &format!("decisions: {}\n", list(&st.review.decisions));
    s += &format!("orphaned decisions: {}\n", st.orphaned.len());
    for o in &st.orphaned {
        s += &format!(
            "  {}  {}  {:?}  {}\n",
            o.file,
            o.report,
            o.text,
            o.status.as_deref().unwrap_or("-")
        );
    }
    if !st.orphaned_reviews.is_empty() {
        s += &format!(
            "orphaned reviews (report not found): {}\n",
            st.orphaned_reviews.len()
        );
        for o in &st.orphaned_reviews {
            s += &format!(
                "  {}  {}  {}  ({} decisions)\n",
                o.file, o.report, o.title, o.decisions
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
                "  {:<8} {:<8} {:>14}  ({} figures)\n",
                t.kind,
                unit,
                format_number(t.sum),
                t.figures
            );
        }
    }
    if !st.offset_errors.is_empty() {
        s += &format!("offset errors: {}\n", st.offset_errors.len());
        for e in &st.offset_errors {
            s += &format!("  {e}\n");
        }
    }
    s
}
