//! Re-attaching saved decisions to a fresh parse: by span when nothing moved,
//! else by surface text and context fingerprint.

use crate::model::Report;

use super::context::{context_fingerprint, context_sides};
use super::schema::{Anchor, DecisionStatus, ReportReview};

/// How a review's decisions map onto a fresh parse of its report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attachment {
    /// For each figure of the report (by index), the index of its decision in `ReportReview::figures`.
    pub figure_decisions: Vec<Option<usize>>,
    /// Decisions with status `Added` that found their text again (indices into `ReportReview::figures`)
    /// where no extracted figure has exactly that span (if one has, it is attached to it instead).
    pub added: Vec<usize>,
    /// Decisions whose text could not be found again, or whose figure the parser no
    /// longer finds: kept, listed, never dropped.
    pub orphaned: Vec<usize>,
    /// For each decision (by index), where its anchor's text is in the current text, if found.
    pub spans: Vec<Option<(usize, usize)>>,
    /// For each section decision (by index), where its anchor's text is now, if found.
    pub section_spans: Vec<Option<(usize, usize)>>,
}

impl Attachment {
    /// The decision's corrected span (`FigureDecision::span`) moved by as much as its
    /// anchor moved, so it fits the current text; `None` without one or when orphaned.
    pub fn corrected_span(&self, review: &ReportReview, i: usize) -> Option<(usize, usize)> {
        let d = review.figures.get(i)?;
        let (s, e) = d.span?;
        let (now, _) = (*self.spans.get(i)?)?;
        let shift = now as i64 - d.anchor.start as i64;
        let s2 = usize::try_from(s as i64 + shift).ok()?;
        let e2 = usize::try_from(e as i64 + shift).ok()?;
        (s2 <= e2).then_some((s2, e2))
    }
}

/// Re-attach a review's decisions to a fresh parse of the report's file text.
///
/// A decision attaches to the figure at its anchor's span when the text and
/// context there are unchanged; otherwise its surface text is searched for in
/// the file, the occurrence whose context fingerprint agrees best is taken (ties
/// go to the report's own range, then to the nearest to the old place), and it
/// attaches to the figure with that span, or failing that the figure overlapping
/// it most (the parser moved a boundary). Each figure takes one decision.
pub fn attach(review: &ReportReview, report: &Report, text: &str) -> Attachment {
    let n = review.figures.len();
    let mut at = Attachment {
        figure_decisions: vec![None; report.figures.len()],
        added: Vec::new(),
        orphaned: Vec::new(),
        spans: vec![None; n],
        section_spans: review
            .sections
            .iter()
            .map(|s| locate(text, report, &s.anchor))
            .collect(),
    };
    let mut placed = vec![false; n];
    // Figures by span, and the longest figure: a decision finds its figure by a
    // look-up, not a pass over every figure (20,000 decisions on 20,000 figures).
    let mut by_span: std::collections::HashMap<(usize, usize), Vec<usize>> =
        std::collections::HashMap::with_capacity(report.figures.len());
    for (fi, f) in report.figures.iter().enumerate() {
        by_span.entry((f.start, f.end)).or_default().push(fi);
    }
    let longest = report
        .figures
        .iter()
        .map(|f| f.end.saturating_sub(f.start))
        .max()
        .unwrap_or(0);
    let sorted = report.figures.is_sorted_by_key(|f| f.start);
    let free_at = |taken: &[Option<usize>], span: (usize, usize)| {
        by_span
            .get(&span)
            .and_then(|v| v.iter().copied().find(|&fi| taken[fi].is_none()))
    };
    // Pass 1: nothing moved.
    for (i, d) in review.figures.iter().enumerate() {
        let a = &d.anchor;
        if !unchanged_at(text, a) {
            continue;
        }
        at.spans[i] = Some((a.start, a.end));
        if let Some(fi) = free_at(&at.figure_decisions, (a.start, a.end)) {
            at.figure_decisions[fi] = Some(i);
            placed[i] = true;
        }
    }
    // Pass 2: find the text again.
    for (i, d) in review.figures.iter().enumerate() {
        if placed[i] {
            continue;
        }
        let span = at.spans[i].or_else(|| locate(text, report, &d.anchor));
        at.spans[i] = span;
        let Some((s, e)) = span else {
            at.orphaned.push(i);
            continue;
        };
        let exact = free_at(&at.figure_decisions, (s, e));
        let added = d.status == Some(DecisionStatus::Added);
        let fig = exact.or_else(|| {
            if added {
                return None;
            }
            // The figures that can overlap `s..e`: those starting before `e` and
            // not more than the longest figure before `s` (all, if out of order).
            let range = if sorted {
                let lo = report.figures.partition_point(|f| f.start + longest <= s);
                let hi = report.figures.partition_point(|f| f.start < e);
                lo..hi.max(lo)
            } else {
                0..report.figures.len()
            };
            range
                .filter(|&fi| at.figure_decisions[fi].is_none())
                .map(|fi| {
                    let f = &report.figures[fi];
                    (fi, overlap(f.start, f.end, s, e))
                })
                .filter(|&(_, o)| o > 0)
                .max_by_key(|&(fi, o)| (o, std::cmp::Reverse(fi)))
                .map(|(fi, _)| fi)
        });
        match fig {
            Some(fi) => at.figure_decisions[fi] = Some(i),
            None if added => at.added.push(i),
            None => at.orphaned.push(i),
        }
    }
    at
}

fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

/// The anchor's text and context are still exactly where they were.
fn unchanged_at(text: &str, a: &Anchor) -> bool {
    !a.text.is_empty()
        && text.get(a.start..a.end) == Some(a.text.as_str())
        && (a.context.is_empty() || context_fingerprint(text, a.start, a.end) == a.context)
}

/// Where an anchor's text is now, or `None` if it cannot be told.
pub fn locate(text: &str, report: &Report, a: &Anchor) -> Option<(usize, usize)> {
    if a.text.is_empty() {
        return None;
    }
    if unchanged_at(text, a) {
        return Some((a.start, a.end));
    }
    let (want_before, want_after) = a.context.split_once('|').unwrap_or(("", ""));
    let mut best: Option<(usize, bool, usize, usize)> = None; // (score, in report, -distance, start)
    let mut count = 0usize;
    for (s, m) in text.match_indices(a.text.as_str()) {
        count += 1;
        let e = s + m.len();
        let (before, after) = context_sides(text, s, e);
        let score = common_suffix(want_before, &before) + common_prefix(want_after, &after);
        let inside = report.start <= s && e <= report.end.max(report.start);
        let dist = s.abs_diff(a.start);
        let key = (score, inside, usize::MAX - dist, s);
        if best.is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2)) {
            best = Some(key);
        }
    }
    let (score, _, _, s) = best?;
    // Enough context agrees, or the text is found once only: the same figure.
    let needed = (want_before.chars().count() + want_after.chars().count()).min(4);
    (score >= needed || count == 1).then_some((s, s + a.text.len()))
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Figure;
    use crate::review::schema::FigureDecision;

    fn fig(text: &str, needle: &str, nth: usize) -> Figure {
        let s = text.match_indices(needle).nth(nth).unwrap().0;
        Figure {
            start: s,
            end: s + needle.len(),
            text: needle.to_string(),
            ..Default::default()
        }
    }

    fn report(text: &str, figs: Vec<Figure>) -> Report {
        Report {
            id: "r1".into(),
            start: 0,
            end: text.len(),
            figures: figs,
            ..Default::default()
        }
    }

    fn decide(text: &str, f: &Figure, status: DecisionStatus) -> FigureDecision {
        FigureDecision {
            anchor: Anchor::new(text, f.start, f.end),
            status: Some(status),
            ..Default::default()
        }
    }

    const OLD: &str = "一、培训\n全年培训12个村的妇女1800多名，发放贷款16万元。\n二、维权\n调处纠纷12个，办结率100%。";

    #[test]
    fn unchanged_text_attaches_in_place() {
        let figs = vec![fig(OLD, "12个", 0), fig(OLD, "12个", 1)];
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures
            .push(decide(OLD, &figs[1], DecisionStatus::Rejected));
        let a = attach(&rv, &report(OLD, figs), OLD);
        assert_eq!(a.figure_decisions, vec![None, Some(0)]);
        assert!(a.orphaned.is_empty());
    }

    #[test]
    fn edit_above_moves_decisions_with_their_text() {
        let figs = [
            fig(OLD, "12个", 0),
            fig(OLD, "1800多名", 0),
            fig(OLD, "12个", 1),
        ];
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures
            .push(decide(OLD, &figs[2], DecisionStatus::Rejected));
        rv.figures
            .push(decide(OLD, &figs[1], DecisionStatus::Accepted));
        let new = format!("前言加了一段话，共3个字。\n{OLD}");
        let nfigs = vec![
            fig(&new, "3个", 0),
            fig(&new, "12个", 0),
            fig(&new, "1800多名", 0),
            fig(&new, "12个", 1),
        ];
        let a = attach(&rv, &report(&new, nfigs), &new);
        assert_eq!(a.figure_decisions, vec![None, None, Some(1), Some(0)]);
    }

    #[test]
    fn parser_boundary_change_attaches_by_overlap() {
        let f = fig(OLD, "1800多名", 0);
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures.push(decide(OLD, &f, DecisionStatus::Accepted));
        let narrower = fig(OLD, "1800多", 0);
        let a = attach(&rv, &report(OLD, vec![narrower]), OLD);
        assert_eq!(a.figure_decisions, vec![Some(0)]);
    }

    #[test]
    fn vanished_text_is_orphaned_not_dropped() {
        let f = fig(OLD, "16万元", 0);
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures.push(decide(OLD, &f, DecisionStatus::Accepted));
        let new = OLD.replace("16万元", "十六万元");
        let a = attach(&rv, &report(&new, vec![]), &new);
        assert_eq!(a.orphaned, vec![0]);
        assert_eq!(a.spans, vec![None]);
    }

    #[test]
    fn added_decision_found_again_or_attached_when_parser_learns_it() {
        let f = fig(OLD, "100%", 0);
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures.push(decide(OLD, &f, DecisionStatus::Added));
        let new = format!("xx\n{OLD}");
        let a = attach(&rv, &report(&new, vec![]), &new);
        assert_eq!(a.added, vec![0]);
        assert_eq!(a.spans[0], Some((f.start + 3, f.end + 3)));
        let learnt = fig(&new, "100%", 0);
        let a = attach(&rv, &report(&new, vec![learnt]), &new);
        assert_eq!(a.figure_decisions, vec![Some(0)]);
        assert!(a.added.is_empty());
    }

    #[test]
    fn ambiguous_text_without_context_is_orphaned() {
        let text = "甲12个乙。丙12个丁。";
        let f = fig(text, "12个", 0);
        let mut rv = ReportReview::new("a.txt", "r1", "");
        rv.figures.push(decide(text, &f, DecisionStatus::Accepted));
        let new = "子12个丑。寅12个卯。";
        let a = attach(&rv, &report(new, vec![]), new);
        assert_eq!(a.orphaned, vec![0]);
    }

    #[test]
    fn corrected_span_moves_with_anchor() {
        let f = fig(OLD, "1800多", 0);
        let mut rv = ReportReview::new("a.txt", "r1", "");
        let mut d = decide(OLD, &f, DecisionStatus::Corrected);
        d.span = Some((f.start, f.end + "名".len()));
        rv.figures.push(d);
        let new = format!("新{OLD}");
        let nf = fig(&new, "1800多", 0);
        let a = attach(&rv, &report(&new, vec![nf.clone()]), &new);
        let (s, e) = a.corrected_span(&rv, 0).unwrap();
        assert_eq!(&new[s..e], "1800多名");
    }
}
