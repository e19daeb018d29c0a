//! A product: `举办培训3期，每期60人，共180人`, `每年10万元，三年共计30万元`.
//!
//! The amount per item follows 每 and an item word; the number of items is a
//! figure counted in that word; the total follows 共/共计/合计/累计/总计 after the
//! amount per item, in the same measure.

use super::sentence::{Cue, SFig, Sentence, chars, clause_breaks, same_measure};
use super::{Found, RelationKind, Role};
use crate::model::FigureKind;

const CLOSERS: &[&str] = &["共计", "合计", "总计", "累计", "共"];
/// Characters allowed between 每 and its amount (`每期`, `每人发放`).
const PER_LEAD: usize = 5;
/// Characters allowed between a closer and the total.
const TOTAL_LEAD: usize = 4;
/// Characters allowed between the amount per item and the total.
const SPAN: usize = 24;

/// Products among a sentence's figures.
pub fn find(s: &Sentence) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 0..s.figs.len() {
        let per = &s.figs[k];
        if !s.cued(k, Cue::MEI) {
            continue;
        }
        let Some(item) = item_word(s.gap(k)) else {
            continue;
        };
        if !per.amount() {
            continue;
        }
        let Some(t) = total_after(s, k) else {
            continue;
        };
        let Some(n) = items(s, k, t, &item) else {
            continue;
        };
        out.push(Found {
            kind: RelationKind::Product,
            terms: vec![
                (Role::PerItem, per.index),
                (Role::Items, s.figs[n].index),
                (Role::Total, s.figs[t].index),
            ],
            direction: None,
        });
    }
    out
}

/// The item word after the one 每 right before an amount (`每期` → 期,
/// `每年度` → 年); none where two 每 stack (`每人每年`).
fn item_word(gap: &str) -> Option<String> {
    let at = gap.rfind('每')?;
    let after = &gap[at + '每'.len_utf8()..];
    if chars(after) > PER_LEAD || clause_breaks(after) > 0 || gap.matches('每').count() > 1 {
        return None;
    }
    after
        .chars()
        .next()
        .filter(|c| !c.is_ascii())
        .map(String::from)
}

/// The total after the amount per item: 共… and a figure of the same measure.
fn total_after(s: &Sentence, k: usize) -> Option<usize> {
    let per = &s.figs[k];
    (k + 1..s.figs.len()).find(|&t| {
        let f = &s.figs[t];
        let gap = s.gap(t);
        let closer = CLOSERS
            .iter()
            .filter_map(|c| gap.rfind(c).map(|i| &gap[i + c.len()..]))
            .next();
        f.single()
            && same_measure(f.q(), per.q())
            && closer.is_some_and(|tail| chars(tail) <= TOTAL_LEAD && clause_breaks(tail) == 0)
            && chars(s.between(k, t)) <= SPAN
            && clause_breaks(s.between(k, t)) <= 2
    })
}

/// The number of items: the nearest figure before the total counted in the item word.
fn items(s: &Sentence, k: usize, t: usize, item: &str) -> Option<usize> {
    let counted = |f: &SFig| {
        f.single()
            && matches!(f.q().kind, FigureKind::Count | FigureKind::Duration)
            && (f.q().unit == item || f.fig.text.ends_with(item) || people(item, &f.q().unit))
    };
    let mut near: Vec<usize> = (0..t).filter(|&i| i != k && counted(&s.figs[i])).collect();
    near.sort_by_key(|&i| i.abs_diff(k));
    near.first().copied()
}

/// 每人 counts in people words (名, 位, 人).
fn people(item: &str, unit: &str) -> bool {
    item == "人" && matches!(unit, "人" | "名" | "位")
}
