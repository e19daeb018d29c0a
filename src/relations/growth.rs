//! Growth between two stated values: `由1800人增加到2000人，增长11.1%`,
//! `达到13697.5亿元，较上年的9323.1亿元增加4374.4亿元`.
//!
//! A rate needs both values stated (同比增长5% alone is no relation). The
//! growth of output (生产总值, 增加值, 产值) is stated at comparable prices, which
//! the values do not show: its rate is left out, its difference still checked.

use super::sentence::{Cue, SFig, Sentence, chars, clause_breaks, same_measure};
use super::{Direction, Found, RelationKind, Role};
use crate::model::FigureKind;

const UP: &[&str] = &[
    "增加", "增长", "提高", "上升", "扩大", "提升", "增至", "升至", "增到",
];
const DOWN: &[&str] = &[
    "减少", "下降", "降低", "缩小", "缩减", "降至", "减至", "压缩",
];
/// Words saying an output is measured at comparable prices.
const REAL_TERMS: &[&str] = &["生产总值", "增加值", "产值", "GDP"];
/// Characters allowed between 由/从 and the first value (`由上年`).
const FROM_LEAD: usize = 8;
/// Characters allowed between the two values (`增加到`, `，较上年的`).
const BETWEEN: usize = 12;
/// Characters allowed before a stated change or rate (`，增长`).
const CHANGE_LEAD: usize = 6;

fn direction(words: &str) -> Option<Direction> {
    // The last verb is the one the value after it belongs to.
    let last = |list: &[&str]| list.iter().filter_map(|v| words.rfind(v)).max();
    match (last(UP), last(DOWN)) {
        (Some(u), Some(d)) => Some(if u > d {
            Direction::Up
        } else {
            Direction::Down
        }),
        (Some(_), None) => Some(Direction::Up),
        (None, Some(_)) => Some(Direction::Down),
        (None, None) => None,
    }
}

/// A single value of the same measure as `other`, not a rate.
fn comparable(a: &SFig, b: &SFig) -> bool {
    a.single()
        && b.single()
        && same_measure(a.q(), b.q())
        && matches!(
            a.q().kind,
            FigureKind::Count | FigureKind::Money | FigureKind::Measure | FigureKind::Percent
        )
}

/// Growths among a sentence's figures.
pub fn find(s: &Sentence) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 1..s.figs.len() {
        if let Some(f) = from_to(s, k).or_else(|| compared(s, k)) {
            out.push(f);
        }
    }
    out
}

/// `由A增加到B`: A is figure k-1, B is figure k.
fn from_to(s: &Sentence, k: usize) -> Option<Found> {
    if !s.cued(k - 1, Cue::YOU) {
        return None;
    }
    let (a, b) = (&s.figs[k - 1], &s.figs[k]);
    let lead = s.gap(k - 1);
    let at = lead.rfind('由').or_else(|| lead.rfind('从'))?;
    let after = &lead[at..];
    let words = s.between(k - 1, k);
    let to = words.contains('到') || words.contains('至') || words.ends_with('为');
    if chars(after) > FROM_LEAD || clause_breaks(after) > 0 || chars(words) > BETWEEN {
        return None;
    }
    if clause_breaks(words) > 0 || !to || !comparable(a, b) {
        return None;
    }
    let dir = direction(words)?;
    let mut terms = vec![(Role::From, a.index), (Role::To, b.index)];
    if a.q().kind != FigureKind::Percent {
        terms.extend(stated_changes(s, k, a));
    }
    Some(growth(s, k - 1, terms, dir))
}

/// `B，较上年的A增加D，增长R%`: B is figure k-1, A is figure k, then D or R.
fn compared(s: &Sentence, k: usize) -> Option<Found> {
    if !s.cued(k, Cue::BI) {
        return None;
    }
    let (b, a) = (&s.figs[k - 1], &s.figs[k]);
    let words = s.between(k - 1, k);
    let at = words.rfind('较').or_else(|| {
        words
            .rfind('比')
            .filter(|&i| !words[i..].starts_with("比例") && !words[i..].starts_with("比重"))
    })?;
    if chars(words) > BETWEEN || clause_breaks(words) > 1 || clause_breaks(&words[at..]) > 0 {
        return None;
    }
    if direction(words).is_some() || !comparable(a, b) || a.q().kind == FigureKind::Percent {
        return None;
    }
    let changes = stated_changes(s, k, a);
    let first = changes.first()?;
    let dir = direction(s.gap(s.figs.iter().position(|f| f.index == first.1)?))?;
    let mut terms = vec![(Role::From, a.index), (Role::To, b.index)];
    terms.extend(changes);
    Some(growth(s, k - 1, terms, dir))
}

/// The change and rate stated right after figure `k` (`增加4374.4亿元，增长33.6%`).
fn stated_changes(s: &Sentence, k: usize, base: &SFig) -> Vec<(Role, usize)> {
    let mut out = Vec::new();
    let mut dir = None;
    for i in k + 1..s.figs.len().min(k + 3) {
        let f = &s.figs[i];
        let words = s.gap(i);
        let d = direction(words);
        let ok = chars(words) <= CHANGE_LEAD
            && clause_breaks(words) <= 1
            && d.is_some()
            && dir.is_none_or(|x| Some(x) == d)
            && !words.contains('比')
            && !words.contains('较');
        if !ok {
            break;
        }
        dir = d;
        let role = if f.percent() {
            Role::Rate
        } else if f.single() && same_measure(f.q(), base.q()) {
            Role::Change
        } else {
            break;
        };
        if out.iter().any(|&(r, _)| r == role) {
            break;
        }
        out.push((role, f.index));
    }
    out
}

/// A growth, its rate left out where the sentence is about output at comparable prices.
fn growth(s: &Sentence, first: usize, mut terms: Vec<(Role, usize)>, dir: Direction) -> Found {
    let about = s.before(first);
    if REAL_TERMS.iter().any(|t| about.contains(t)) {
        terms.retain(|&(r, _)| r != Role::Rate);
    }
    Found {
        kind: RelationKind::Growth,
        terms,
        direction: Some(dir),
    }
}
