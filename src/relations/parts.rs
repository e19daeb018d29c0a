//! Parts under a whole (`98人，其中省级6人，全国级3人`) and lists closed by a
//! total (`新建5个、改建3个，共8个`).
//!
//! Items of a `其中` list may overlap (女性 and 党员 among the same members), so
//! only each part against the whole is checked; a list closed by 共/合计/总计
//! must sum to its total.

use super::sentence::{Cue, SFig, Sentence, chars, clause_breaks, same_measure};
use super::{Found, RelationKind, Role};

/// Characters allowed between `其中` and its first part (`其中，妇女工作者代表8名`).
const PART_LEAD: usize = 20;
/// Characters allowed between two items of a list (`，全国级`).
const ITEM_GAP: usize = 16;

/// Words after which a figure no longer belongs to the list before it.
const LIST_BREAKERS: &[&str] = &[
    "其中", "共", "合计", "总计", "累计", "另", "每", "均", "比", "较", "增", "减", "下降", "提高",
];

/// `其中` lists: the whole just before `其中`, its parts after it.
pub fn find(s: &Sentence) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 1..s.figs.len() {
        if !s.cued(k, Cue::QI) {
            continue;
        }
        let gap = s.gap(k);
        let Some(at) = gap.rfind("其中") else {
            continue;
        };
        let lead = gap[at + "其中".len()..].trim_start_matches([',', '，', ':', '：', ' ']);
        let first = &s.figs[k];
        if !first.amount() || chars(lead) > PART_LEAD || clause_breaks(lead) > 0 {
            continue;
        }
        let Some(w) = whole_before(s, k, &gap[..at]) else {
            continue;
        };
        let whole = &s.figs[w];
        let in_parens = gap
            .get(at.saturating_sub(3)..at)
            .is_some_and(|w| w.contains(['(', '（']));
        let mut terms = vec![(Role::Whole, whole.index), (Role::Part, first.index)];
        let mut last = k;
        for i in k + 1..s.figs.len() {
            let f = &s.figs[i];
            let words = s.between(last, i);
            if in_parens && words.contains([')', '）']) {
                break;
            }
            if f.percent() && ["占", "比例", "比重"].iter().any(|w| words.contains(w)) {
                last = i;
                continue; // a share of the part just listed
            }
            if !continues(words) || !f.amount() || !same_measure(f.q(), first.q()) {
                break;
            }
            // A later "part" larger than the whole is the next statement, not
            // a part: the list ends (only the first part is held to the whole).
            if !at_most(f, whole) {
                break;
            }
            terms.push((Role::Part, f.index));
            last = i;
        }
        out.push(Found {
            kind: RelationKind::Parts,
            terms,
            direction: None,
        });
    }
    out
}

/// The whole a `其中` refers to: the figure right before it, or the one before
/// a share of it (`33613人，占总劳动力的84.2%，其中…`), in the same clause or the one before.
fn whole_before(s: &Sentence, k: usize, before_qizhong: &str) -> Option<usize> {
    let part = &s.figs[k];
    let close = |words: &str| chars(words) <= ITEM_GAP && clause_breaks(words) <= 1;
    let prev = k - 1;
    let fits = |f: &SFig| f.amount() && same_measure(f.q(), part.q());
    if fits(&s.figs[prev]) && close(before_qizhong) {
        return Some(prev);
    }
    let share = &s.figs[prev];
    if prev >= 1 && share.percent() && s.gap(prev).contains('占') {
        let w = prev - 1;
        let words = s.gap(prev);
        if fits(&s.figs[w]) && clause_breaks(words) <= 1 && close(before_qizhong) {
            return Some(w);
        }
    }
    None
}

/// The words between two items of a list: short, one clause break at most,
/// and none that starts another statement.
fn continues(words: &str) -> bool {
    chars(words) <= ITEM_GAP
        && clause_breaks(words) <= 1
        && !LIST_BREAKERS.iter().any(|b| words.contains(b))
}

/// `part` is no larger than `whole` as written (a qualified whole may be larger).
fn at_most(part: &SFig, whole: &SFig) -> bool {
    match (part.q().value, whole.q().value) {
        (Some(p), Some(w)) => p <= w || whole.q().approx.is_some(),
        _ => false,
    }
}

/// Words that close a list with its total, longest first.
const CLOSERS: &[&str] = &["共计", "合计", "总计", "一共", "共"];
/// Words where 共 does not close a list (公共, 共同, 共青团, …).
const NOT_CLOSER: &[&str] = &[
    "公共", "共同", "共享", "共青", "共产", "共建", "共识", "共有",
];
/// Characters allowed between the closer and the total (`共培训`).
const TOTAL_LEAD: usize = 6;

/// Lists closed by a total: two or more items, then 共/合计/总计 and the total.
pub fn find_totals(s: &Sentence) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 2..s.figs.len() {
        let total = &s.figs[k];
        if !total.amount() || !s.cued(k, Cue::GONG) {
            continue;
        }
        let gap = s.gap(k);
        let Some((at, closer)) = closer_in(gap) else {
            continue;
        };
        let (head, tail) = (&gap[..at], &gap[at + closer.len()..]);
        if chars(head) > 3 || chars(tail) > TOTAL_LEAD || clause_breaks(tail) > 0 {
            continue;
        }
        let mut items = Vec::new();
        let mut i = k - 1;
        loop {
            let f = &s.figs[i];
            if !f.amount() || !same_measure(f.q(), total.q()) || s.gap(i).contains('每') {
                break;
            }
            items.push((Role::Part, f.index));
            if i == 0 || !continues(s.between(i - 1, i)) {
                break;
            }
            i -= 1;
        }
        if items.len() < 2 {
            continue;
        }
        items.reverse();
        items.push((Role::Total, total.index));
        out.push(Found {
            kind: RelationKind::Total,
            terms: items,
            direction: None,
        });
    }
    out
}

/// The last closing word in `gap`, with its byte offset.
fn closer_in(gap: &str) -> Option<(usize, &'static str)> {
    let (at, closer) = CLOSERS
        .iter()
        .filter_map(|c| gap.rfind(c).map(|i| (i, *c)))
        .max_by_key(|&(i, c)| (i, c.len()))?;
    // 共 inside 共计 is the same closer: the longer word found at the same place wins.
    let from = |i: usize| gap.get(i..).unwrap_or("");
    let not = NOT_CLOSER
        .iter()
        .any(|n| from(at.saturating_sub(3)).starts_with(n) || from(at).starts_with(n));
    (!not).then_some((at, closer))
}
