//! Markers that look like headings but are not (issue 3, "traps"):
//! enumerations inside one running sentence, doc-viewer page markers, a
//! table of contents, and a heading printed twice in a row.

use std::cell::OnceCell;

use super::marker::Family;
use super::scan::{BodyLine, Cand, Pos, is_space};
use crate::model::{Warning, WarningCode};
use crate::text::title_key;

/// Shortest text (bytes, about 12 Chinese characters) an enumerated item
/// must hold before the next one glued to it counts.
const MIN_ITEM_BYTES: usize = 36;

/// Drop lists that run inside one sentence (`一是…，二是…，三是…`): a run
/// of consecutive numbers of one family on one line whose later items
/// mostly follow commas does not open blocks, so none of it is a heading.
/// (A tie keeps the items that follow a full stop.)
/// Weak items of a run that does open blocks are dropped alone.
pub fn drop_running_enumerations(cands: &mut Vec<Cand>) {
    let mut keep: Vec<bool> = cands.iter().map(|c| c.pos.opens()).collect();
    let mut judged = vec![false; cands.len()];
    let next = next_in_run(cands);
    for i in 0..cands.len() {
        if judged[i] {
            continue;
        }
        // The run starting at i: same line, same family, numbers going up by
        // one; walked where needed, not collected (a vector for each run cost
        // 1.1 M of drop_running_enumerations' 3.8 M on bench-sub, callgrind).
        let run = || std::iter::successors(Some(i), |&k| next[k]);
        let after_comma = run()
            .skip(1)
            .filter(|&k| cands[k].pos == Pos::AfterComma)
            .count();
        let strong = run().skip(1).filter(|&k| cands[k].pos.opens()).count();
        if after_comma > strong {
            for k in run() {
                keep[k] = false;
            }
        } else if after_comma == 0 && cands[i].pos.opens() {
            // A block list whose full stop got lost before one item: take the
            // item in when a sentence or more stands since the item before.
            for (ka, kb) in run().zip(run().skip(1)) {
                let (a, b) = (&cands[ka], &cands[kb]);
                if b.pos == Pos::Inline && keep[ka] && b.start - a.marker_end >= MIN_ITEM_BYTES {
                    keep[kb] = true;
                }
            }
        }
        for k in run() {
            judged[k] = true;
        }
    }
    let mut k = 0;
    cands.retain(|_| {
        let ok = keep[k];
        k += 1;
        ok
    });
}

/// For each candidate, the first later one on its line of the same family whose
/// number is one more: the next item of its run. One pass from the end keeps a
/// line of many markers linear; a scan of the rest of the line from each marker
/// took 74 s on an 8 MB line of inline `一、` (issue 18).
fn next_in_run(cands: &[Cand]) -> Vec<Option<usize>> {
    let mut next = vec![None; cands.len()];
    // The first candidate of each (family, number) after i on i's line.
    // Keys are numbers, not a page's text: FxHash rather than SipHash.
    let mut first_after: rustc_hash::FxHashMap<(Family, u32), usize> =
        rustc_hash::FxHashMap::default();
    // Most lines hold one candidate: the map is asked only where a later
    // one of the line stands, and told only of those an earlier one may ask
    // for (drop_running_enumerations 3.7 -> 2.6 M on bench-sub, callgrind).
    for i in (0..cands.len()).rev() {
        let c = &cands[i];
        if cands.get(i + 1).is_some_and(|n| n.line != c.line) && !first_after.is_empty() {
            first_after.clear();
        }
        let Some(n) = c.number else {
            continue;
        };
        if !first_after.is_empty() {
            next[i] = n
                .checked_add(1)
                .and_then(|m| first_after.get(&(c.family, m)).copied());
        }
        if i > 0 && cands[i - 1].line == c.line {
            first_after.insert((c.family, n), i);
        }
    }
    next
}

/// Drop doc-viewer page markers: a `2、` at a line start where the line
/// before broke off mid-sentence. A line that ends with a comma or a digit
/// is cut for sure; a line without a closing stop is cut when it is a
/// paragraph (a full stop inside, or no heading of its own) and the number
/// does not continue the list already running, or continues the page
/// numbers instead. A `1、` whose line goes on to hold the outline above it
/// (`1、…总结 一、…`) is a page's number: a list item holds no `一、`. A `1、`
/// on the first line is page 1 when later page markers start at 2 and no
/// real `2、` follows. A `2、` after a gap inside a sentence (`…充分发 2、挥…`)
/// is a page's number too.
pub fn drop_page_markers(cands: &mut Vec<Cand>, lines: &[BodyLine], folded: &str) {
    let mut heading_line = vec![false; lines.len()];
    let mut holds_outline = vec![false; lines.len()];
    for c in cands.iter() {
        if c.pos == Pos::LineStart {
            heading_line[c.line] = true;
        } else if c.pos.opens() && matches!(c.family, Family::Part | Family::Cn | Family::ParenCn) {
            holds_outline[c.line] = true;
        }
    }
    let mut last_digit: Option<u32> = None;
    let mut pages: Vec<u32> = Vec::new();
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands.drain(..) {
        if c.family == Family::Digit
            && is_page_number(
                &c,
                lines,
                folded,
                &out,
                &pages,
                last_digit,
                &heading_line,
                &holds_outline,
            )
        {
            pages.extend(c.number);
            continue;
        }
        // A `1、` opening the body may be page 1: it does not start a list yet.
        let maybe_page_one = c.line == 0 && c.number == Some(1) && c.pos == Pos::LineStart;
        if c.family == Family::Digit && !maybe_page_one {
            last_digit = c.number;
        }
        out.push(c);
    }
    let page_two = pages.first() == Some(&2);
    let real_two = out
        .iter()
        .any(|c| c.family == Family::Digit && c.number == Some(2));
    if page_two && !real_two {
        out.retain(|c| {
            !(c.family == Family::Digit
                && c.line == 0
                && c.pos == Pos::LineStart
                && c.number == Some(1))
        });
    }
    *cands = out;
}

/// Longest heading (marker and title, bytes) a marker after a gap may sit under.
const HEADING_TITLE_MAX_BYTES: usize = 200;

/// Whether the digit marker `c` numbers a page of a doc viewer's copy rather than a list item.
#[allow(clippy::too_many_arguments)]
fn is_page_number(
    c: &Cand,
    lines: &[BodyLine],
    folded: &str,
    kept: &[Cand],
    pages: &[u32],
    last_digit: Option<u32>,
    heading_line: &[bool],
    holds_outline: &[bool],
) -> bool {
    let next_page = c.number.zip(pages.last()).is_some_and(|(n, &p)| n == p + 1);
    match c.pos {
        Pos::LineStart if holds_outline[c.line] => true,
        Pos::LineStart if c.line > 0 => {
            let prev = &lines[c.line - 1];
            let cut = !prev.terminated && (prev.has_stop || !heading_line[c.line - 1]);
            let continues_list =
                c.number.zip(last_digit).is_some_and(|(n, l)| n == l + 1) || c.number == Some(1);
            prev.ends_mid_sentence || (cut && next_page) || ((cut || next_page) && !continues_list)
        }
        Pos::AfterGap => {
            let line_start = lines[c.line].range.start;
            let before = folded
                .get(line_start..c.start)
                .unwrap_or("")
                .trim_end_matches(is_space);
            let ends_sentence = before
                .chars()
                .next_back()
                .is_some_and(|ch| "。！？；：!?;:…”’」』)】》".contains(ch));
            // A heading whose title the marker follows (`二、主要做法 1、…`) takes it as its
            // child; a heading's title is short, so only a short way back is looked at.
            let heading_before = kept.last().is_some_and(|k| {
                k.line == c.line
                    && c.start - k.start <= HEADING_TITLE_MAX_BYTES
                    && folded.get(k.marker_end..c.start).is_some_and(|rest| {
                        // Nothing but the heading's title between: it stops at a stop or a gap.
                        super::title_stop(rest)
                            .is_none_or(|j| rest[j..].trim_matches(is_space).is_empty())
                    })
            });
            !ends_sentence && !heading_before
        }
        _ => false,
    }
}

/// A heading's title for comparison: [`title_key`] without dot leaders or a page
/// number at the end, so a table of contents line matches the heading it lists.
pub fn heading_key(folded_title: &str) -> String {
    let t = title_key(folded_title);
    t.trim_end_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '_' | '—' | '。')
    })
    .to_string()
}

/// Ends with dot leaders and a page number (`工作回顾……3`).
fn looks_like_toc_line(line: &str) -> bool {
    let t = line.trim_end_matches(is_space);
    let no_digits = t.trim_end_matches(|c: char| c.is_ascii_digit() || is_space(c));
    if no_digits.len() == t.len() {
        return false;
    }
    no_digits.ends_with("..") || no_digits.ends_with('…') || no_digits.ends_with("··")
}

/// Drop a table of contents: a block of heading-only lines standing one
/// after the other, with no body between them, that either follows a 目录
/// line, or opens the report and comes again later (at least half of its
/// titles word for word); and any line ending in dot leaders and a page number.
pub fn drop_toc(cands: &mut Vec<Cand>, lines: &[BodyLine], folded: &str) {
    let title = |c: &Cand| folded.get(c.marker_end..c.title_end).unwrap_or("");
    let line_text = |i: usize| folded.get(lines[i].range.clone()).unwrap_or("");
    let heading_only = |c: &Cand| {
        c.pos == Pos::LineStart && !lines[c.line].has_stop && c.title_end == lines[c.line].range.end
    };
    let only: Vec<bool> = cands.iter().map(heading_only).collect();
    // Keys of heading-only lines, computed once and only where a block of
    // them is compared with a later heading of its number (every key made
    // up front cost 3.8 M of drop_toc's 5.5 M on bench-sub, callgrind).
    let keys: Vec<OnceCell<String>> = vec![OnceCell::new(); cands.len()];
    let key = |k: usize| {
        keys[k]
            .get_or_init(|| heading_key(title(&cands[k])))
            .as_str()
    };
    let mut drop: Vec<bool> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| only[i] && looks_like_toc_line(line_text(c.line)))
        .collect();
    let mut i = 0;
    while i < cands.len() {
        if !only[i] {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // The block ends where the body starts over with its first heading.
        let repeats = |j: usize| {
            cands[i..j]
                .iter()
                .any(|c| c.family == cands[j].family && c.number == cands[j].number)
        };
        while j < cands.len() && only[j] && cands[j].line == cands[j - 1].line + 1 && !repeats(j) {
            j += 1;
        }
        let block = i..j;
        i = j;
        if block.len() < 2 {
            continue;
        }
        let first_line = cands[block.start].line;
        let after_toc_word = first_line > 0 && {
            let t = line_text(first_line - 1);
            t.contains("目录") && t.chars().count() <= 6
        };
        let later = |k: usize, exact: bool| {
            let c = &cands[k];
            cands[block.end..].iter().enumerate().any(|(off, d)| {
                d.family == c.family
                    && d.number == c.number
                    && (!exact || {
                        let later = block.end + off;
                        if only[later] {
                            key(later) == key(k)
                        } else {
                            heading_key(title(d)) == key(k)
                        }
                    })
            })
        };
        let exact = block.clone().filter(|&k| later(k, true)).count();
        // Without a 目录 line, only the report's first headings can be a table of contents.
        if after_toc_word {
            block.for_each(|k| drop[k] = true);
        } else if block.start == 0 && exact > 0 && exact * 2 >= block.len() {
            for k in block.clone() {
                drop[k] = drop[k] || later(k, false);
            }
        }
    }
    let mut k = 0;
    cands.retain(|_| {
        let d = drop[k];
        k += 1;
        !d
    });
}

/// Drop the opening headings of a report when the same headings, in the
/// same order, come again right after them with no body line between: a
/// preview or summary that repeats the opening of the body (guide §2), or
/// a table of contents whose lines carry text.
pub fn drop_opening_copies(cands: &mut Vec<Cand>, folded: &str) {
    if cands.len() < 2 {
        return;
    }
    let key = |c: &Cand| heading_key(folded.get(c.marker_end..c.title_end).unwrap_or(""));
    // The key of heading `i` is made only once a later heading of its
    // number stands (made first, it cost 1.3 M of drop_opening_copies' 1.5 M
    // on bench-sub, callgrind).
    let copy_of = |i: usize, from: usize| {
        let k = OnceCell::new();
        (from..cands.len()).find(|&j| {
            cands[j].family == cands[i].family
                && cands[j].number == cands[i].number
                && cands[j].line > cands[i].line
                && {
                    let k: &String = k.get_or_init(|| key(&cands[i]));
                    !k.is_empty() && key(&cands[j]) == *k
                }
        })
    };
    let Some(first_copy) = copy_of(0, 1) else {
        return;
    };
    let mut n = 1;
    let mut from = first_copy + 1;
    while n < first_copy {
        match copy_of(n, from) {
            Some(j) => {
                n += 1;
                from = j + 1;
            }
            None => break,
        }
    }
    // Everything before the first copy must be repeated, else this is no
    // preview; and no body line may stand between them.
    let mut with_heading: Vec<usize> = cands[..=first_copy].iter().map(|c| c.line).collect();
    with_heading.dedup();
    let span = cands[first_copy].line - cands[0].line;
    if n == first_copy && with_heading.len() == span + 1 {
        cands.drain(..n);
    }
}

/// Drop the second of a heading printed twice in a row (guide §2: the first counts).
pub fn drop_repeated_headings(
    cands: &mut Vec<Cand>,
    folded: &str,
    to_orig: impl Fn(usize) -> usize,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands.drain(..) {
        // Most neighbours differ in their numbers: the text between them and
        // their titles' keys are read only for those that do not (is_space
        // over the text between every pair: drop_repeated_headings 3.5 -> 1.5 M
        // on bench-sub, callgrind).
        if let Some(p) = out
            .last()
            .filter(|p| p.family == c.family && p.number == c.number)
        {
            let between = folded.get(p.title_end..c.start).unwrap_or("x");
            let only_gap = between
                .chars()
                .all(|ch| is_space(ch) || matches!(ch, '。' | '；' | ';' | '：' | ':'));
            let same = only_gap
                && heading_key(folded.get(p.marker_end..p.title_end).unwrap_or(""))
                    == heading_key(folded.get(c.marker_end..c.title_end).unwrap_or(""));
            if same {
                let marker = folded.get(c.start..c.marker_end).unwrap_or("");
                warnings.push(Warning::at(
                    WarningCode::DuplicateHeading,
                    format!("heading {marker} printed twice in a row; the second is ignored"),
                    to_orig(c.start),
                    to_orig(c.title_end),
                ));
                continue;
            }
        }
        out.push(c);
    }
    *cands = out;
    warnings
}
