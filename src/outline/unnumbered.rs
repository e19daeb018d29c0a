//! Unnumbered headings (guide §2): a short line without a closing stop
//! that plays a numbered heading's part. Two shapes are taken:
//! - it opens a numbered list (`实施“民生工程”，增进福祉` followed by `1.`);
//!   whether it is a heading is settled by the level pass;
//! - it stands where a number of the outermost family is missing
//!   (`一、` … `<line>` … `三、`), as many lines as numbers are missing.

use super::marker::Family;
use super::scan::{BodyLine, Cand, Pos};

/// Longest line (in characters, pinyin glosses not counted) taken for an unnumbered heading.
const MAX_CHARS: usize = 40;
const MIN_CHARS: usize = 4;

/// Whether line `li` has the shape of a heading without a number.
fn heading_shaped(lines: &[BodyLine], li: usize, folded: &str) -> bool {
    let line = &lines[li];
    if line.terminated
        || line.ends_mid_sentence
        || line.has_stop
        || !(MIN_CHARS..=MAX_CHARS).contains(&line.chars)
    {
        return false;
    }
    let Some(t) = folded.get(line.range.clone()) else {
        return false;
    };
    if t.contains([':', '：']) || t.contains("目录") {
        return false;
    }
    // The line before must not be a paragraph that broke off.
    !(li > 0 && !lines[li - 1].terminated && lines[li - 1].has_stop)
}

/// Add unnumbered heading candidates to `cands` (kept in document order).
pub fn add_unnumbered(cands: &mut Vec<Cand>, lines: &[BodyLine], folded: &str) {
    let top = cands
        .iter()
        .find(|c| !c.family.is_inline())
        .map(|c| c.family);
    let mut extra: Vec<Cand> = Vec::new();
    // Gap fillers, grouped by the numbered pair around them: (prev index, next index).
    let mut gap_groups: Vec<((usize, usize), Vec<Cand>)> = Vec::new();
    let mut next_cand = 0;
    let mut lines_with_heading = vec![false; lines.len()];
    for c in cands.iter().filter(|c| c.pos == Pos::LineStart) {
        lines_with_heading[c.line] = true;
    }
    for li in 0..lines.len() {
        while next_cand < cands.len() && cands[next_cand].line < li {
            next_cand += 1;
        }
        if cands.get(next_cand).is_some_and(|c| c.line == li) || !heading_shaped(lines, li, folded)
        {
            continue;
        }
        let line = &lines[li];
        let cand = |stands_for| Cand {
            start: line.range.start,
            marker_end: line.range.start,
            line: li,
            pos: Pos::LineStart,
            family: Family::Unnumbered,
            number: None,
            title_end: line.range.end,
            stands_for,
        };
        let opens_list = cands.get(next_cand).is_some_and(|n| {
            n.line == li + 1
                && n.pos == Pos::LineStart
                && n.number == Some(1)
                && !n.family.is_inline()
        });
        if opens_list {
            extra.push(cand(None));
            continue;
        }
        // A gap filler follows the end of a paragraph or a heading line.
        if li == 0 || !(lines[li - 1].terminated || lines_with_heading[li - 1]) {
            continue;
        }
        let Some(top) = top else { continue };
        let prev = cands[..next_cand].iter().rposition(|c| c.family == top);
        let next = cands[next_cand..]
            .iter()
            .position(|c| c.family == top)
            .map(|k| k + next_cand);
        let (Some(p), Some(n)) = (prev, next) else {
            continue;
        };
        let (Some(a), Some(b)) = (cands[p].number, cands[n].number) else {
            continue;
        };
        if b < a + 2 {
            continue;
        }
        match gap_groups.iter_mut().find(|(k, _)| *k == (p, n)) {
            Some((_, g)) => g.push(cand(Some(top))),
            None => gap_groups.push(((p, n), vec![cand(Some(top))])),
        }
    }
    for ((p, n), group) in gap_groups {
        let missing = cands[n]
            .number
            .unwrap_or(0)
            .saturating_sub(cands[p].number.unwrap_or(0) + 1);
        if group.len() <= missing as usize {
            extra.extend(group);
        }
    }
    if extra.is_empty() {
        return;
    }
    cands.extend(extra);
    cands.sort_by_key(|c| c.start);
}
