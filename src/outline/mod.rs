//! The section outline of one report (guide §2).
//!
//! Steps: `scan` finds every marker where a heading could begin; `traps`
//! drops what only looks like a heading (running enumerations, page
//! markers, a table of contents, a heading printed twice); short unnumbered
//! lines that open a numbered list are added; `levels` assigns depth by
//! nesting; `kind` and `findings` add the section kind and numbering warnings.

mod findings;
mod kind;
mod levels;
mod marker;
mod scan;
mod scan_bytes;
mod traps;
mod unnumbered;

use std::ops::Range;

use crate::model::{Section, Warning};
use crate::text::Normalized;

use marker::Family;
pub(crate) use marker::cn_numeral;
use scan::{BodyLine, Cand};
pub use unnumbered::is_part_heading;

/// The heading marker that opens `line` (folded text): its number (`一、` → 1,
/// `(2)` → 2; none for `第一部分`-like parts without one) and its length in bytes.
/// Loose spellings (`1)`) are left out.
pub fn leading_marker(line: &str) -> Option<(Option<u32>, usize)> {
    marker::read_marker(line)
        .filter(|m| !m.weak)
        .map(|m| (m.number, m.len))
}

/// Sections found in one report plus numbering findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
}

impl Outline {
    /// Where the report's opening (what it says before its outline) ends: at the
    /// first numbered heading; a part heading over the outline (`2013年工作回顾`)
    /// leaves the opening running.
    pub fn opening_end(&self, report_end: usize) -> usize {
        self.sections
            .iter()
            .find(|s| s.number.is_some())
            .map_or(report_end, |s| s.start)
    }
}

/// Parse the headings of one report.
///
/// `text` is the whole file text, `norm` its folded view, `body` the byte ranges
/// (into `text`, in order, without line terminators) of the report's body lines:
/// the title and web chrome are already left out. `report_end` closes the last
/// section. Section ids are `s1`, `s2`, … in document order.
pub fn parse_outline(
    text: &str,
    norm: &Normalized,
    body: &[Range<usize>],
    report_end: usize,
) -> Outline {
    let folded = norm.text.as_str();
    let (lines, mut cands) = scan::scan(folded, body, |o| norm.to_folded(o));

    traps::drop_running_enumerations(&mut cands);
    traps::drop_page_markers(&mut cands, &lines, folded);
    set_title_ends(&mut cands, &lines, folded);
    traps::drop_toc(&mut cands, &lines, folded);
    set_title_ends(&mut cands, &lines, folded);
    let mut warnings = traps::drop_repeated_headings(&mut cands, folded, |o| norm.to_orig(o));
    traps::drop_opening_copies(&mut cands, folded);
    set_title_ends(&mut cands, &lines, folded);

    unnumbered::add_unnumbered(&mut cands, &lines, folded);
    let restarts = restarts_under_sibling(&cands, &lines, folded);
    let (cands, levels) = assign_levels(cands, &restarts);

    let (mut sections, parents) = build_sections(text, norm, &cands, &levels, report_end);
    let numbered: Vec<findings::Numbered> = sections
        .iter()
        .zip(&cands)
        .zip(parents)
        .map(|((s, c), parent)| findings::Numbered {
            parent,
            level: s.level,
            family: c.family,
            number: s.number,
            marker: &s.marker,
            start: s.start,
            end: s.start + s.marker.len(),
        })
        .collect();
    warnings.extend(findings::numbering_warnings(&numbered));
    for s in sections.iter_mut().filter(|s| s.level == 1) {
        s.kind = Some(kind::section_kind(&crate::text::fold_str(&s.title)));
    }
    Outline { sections, warnings }
}

fn is_title_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Bytes that can begin a title stop or a white-space character (`scan::is_space`):
/// ASCII up to the space, `!` `?`, and the lead bytes of the stops and spaces
/// beyond ASCII (U+0085, U+00A0, U+1680, U+2000…U+205F, U+3000, `。`, U+FEFF, `！` `？`).
const MAY_STOP_A_TITLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b <= 0x20 || matches!(b, 0x21 | 0x3F | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        b += 1;
    }
    t
};

/// Where a title stops inside `rest` (the text after its marker): at a full
/// stop, or at a gap of white space between Chinese characters, which is a
/// line break lost in a flattened copy (`一、 领导重视，组织有力 为保证…`).
/// Candidates first: only bytes that can begin a stop or a space are decoded;
/// a space before the first stop hands the title to `title_stop_by_chars`.
fn title_stop(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut j = 0;
    while let Some(&b) = bytes.get(j) {
        // A Chinese character (lead byte E4..=E9, three bytes) is neither:
        // stepped over whole (title_stop 7.4 M byte by byte, callgrind on bench-sub).
        if (0xE4..=0xE9).contains(&b) {
            j += 3;
            continue;
        }
        if MAY_STOP_A_TITLE[usize::from(b)] {
            // Every byte of the table is ASCII or a lead byte: `j` is a char boundary.
            let ch = rest[j..].chars().next()?;
            if is_title_stop(ch) {
                return Some(j);
            }
            if scan::is_space(ch) {
                return title_stop_by_chars(rest);
            }
        }
        j += 1;
    }
    None
}

/// `title_stop`, a character at a time.
fn title_stop_by_chars(rest: &str) -> Option<usize> {
    let mut seen_text = false;
    let mut prev_cjk = false;
    let mut gap_at: Option<usize> = None;
    for (j, ch) in rest.char_indices() {
        if is_title_stop(ch) {
            return Some(gap_at.unwrap_or(j));
        }
        if scan::is_space(ch) {
            if seen_text && prev_cjk && gap_at.is_none() {
                gap_at = Some(j);
            }
            continue;
        }
        if let Some(g) = gap_at {
            if scan::is_cjk(ch) {
                return Some(g);
            }
            gap_at = None;
        }
        seen_text = true;
        prev_cjk = scan::is_cjk(ch);
    }
    None
}

/// Each title runs to the first full stop, the line end, or the next heading's marker.
/// The titles are set three times as the traps drop candidates, and most
/// ranges do not change: each candidate keeps the stop of the range it was
/// last asked for (set_title_ends 9.8 -> 6.1 M, callgrind on bench-sub, where a
/// hash map of every range asked cost 3.7 M of it).
fn set_title_ends(cands: &mut [Cand], lines: &[BodyLine], folded: &str) {
    for i in 0..cands.len() {
        let mut end = lines[cands[i].line].range.end;
        if let Some(n) = cands.get(i + 1).filter(|n| n.line == cands[i].line) {
            end = end.min(n.start);
        }
        let stop = match cands[i].title_stop {
            Some((asked, stop)) if asked == end => stop,
            _ => {
                let stop = folded.get(cands[i].marker_end..end).and_then(title_stop);
                cands[i].title_stop = Some((end, stop));
                stop
            }
        };
        let c = &cands[i];
        if let Some(j) = stop {
            end = c.marker_end + j;
        }
        // A marker alone on its line (`一、` then the title below): the next line is the title.
        // Asked only where the next line holds no heading, and up to the first
        // character that is not white space (trimming both ends cost 3.5 M of
        // set_title_ends' 16.4 M on bench-sub, callgrind).
        let li = c.line;
        let next_free = cands.get(i + 1).is_none_or(|n| n.line > li + 1);
        let alone = || {
            folded
                .get(c.marker_end..lines[li].range.end)
                .is_some_and(|t| t.chars().all(scan::is_space))
        };
        if next_free
            && alone()
            && let Some(next) = lines.get(li + 1)
            && folded.get(next.range.clone()).is_some()
        {
            let (a, b) = (next.range.start, next.range.end);
            end = a + folded.get(a..b).and_then(title_stop).unwrap_or(b - a);
        }
        cands[i].title_end = end;
    }
}

/// A block marker numbered 1 on the line right under a heading of its own
/// family that is nothing but its title (`1、加强教育。` then `1、住妇女学校…`): the
/// writer numbers a list inside that heading with the same style, one level down.
fn restarts_under_sibling(cands: &[Cand], lines: &[BodyLine], folded: &str) -> Vec<bool> {
    let mut out = vec![false; cands.len()];
    for i in 1..cands.len() {
        let (p, c) = (&cands[i - 1], &cands[i]);
        let title_only = folded
            .get(p.title_end..lines[p.line].range.end)
            .is_some_and(|rest| {
                rest.chars()
                    .all(|ch| is_title_stop(ch) || scan::is_space(ch))
            });
        out[i] = c.number == Some(1)
            && c.family == p.family
            && p.number.is_some()
            && !c.family.is_inline()
            && c.family != Family::Unnumbered
            && c.pos == scan::Pos::LineStart
            && p.pos == scan::Pos::LineStart
            && c.line == p.line + 1
            && title_only;
    }
    out
}

/// Levels by nesting; unnumbered candidates that are not headings drop out.
fn assign_levels(cands: Vec<Cand>, restarts: &[bool]) -> (Vec<Cand>, Vec<u8>) {
    let next_family = |i: usize| cands.get(i + 1).map(|n| n.family);
    // How many unnumbered candidates open a list of each family.
    let mut opening: Vec<(Family, usize)> = Vec::new();
    for i in (0..cands.len()).filter(|&i| cands[i].family == Family::Unnumbered) {
        if let Some(nf) = next_family(i) {
            match opening.iter_mut().find(|(f, _)| *f == nf) {
                Some((_, n)) => *n += 1,
                None => opening.push((nf, 1)),
            }
        }
    }
    let items: Vec<levels::Item> = (0..cands.len())
        .map(|i| {
            let c = &cands[i];
            let next = (c.family == Family::Unnumbered)
                .then(|| next_family(i))
                .flatten();
            let has_peers = next.is_some_and(|nf| opening.iter().any(|&(f, n)| f == nf && n >= 2));
            levels::Item {
                family: c.family,
                next,
                has_peers,
                stands_for: c.stands_for,
                restarts: restarts[i],
            }
        })
        .collect();
    let lv = levels::assign(&items);
    let mut kept = Vec::with_capacity(cands.len());
    let mut out_levels = Vec::with_capacity(cands.len());
    for (c, l) in cands.into_iter().zip(lv) {
        if let Some(l) = l {
            kept.push(c);
            out_levels.push(l);
        }
    }
    (kept, out_levels)
}

/// Turn headings into `Section`s: ids, original offsets and strings, ends,
/// parents; and the index of each one's parent.
fn build_sections(
    text: &str,
    norm: &Normalized,
    cands: &[Cand],
    levels: &[u8],
    report_end: usize,
) -> (Vec<Section>, Vec<Option<usize>>) {
    let mut sections: Vec<Section> = Vec::with_capacity(cands.len());
    let mut parents = Vec::with_capacity(cands.len());
    // Index of the open section at each depth (index = level - 1); the ids
    // are cloned only into the children (the open ids cloned as well cost
    // 1.0 M on bench-sub, callgrind).
    let mut open: Vec<Option<usize>> = Vec::new();
    for (i, (c, &level)) in cands.iter().zip(levels).enumerate() {
        let depth = usize::from(level.max(1));
        open.truncate(depth - 1);
        let parent = open.last().copied().flatten();
        while open.len() < depth - 1 {
            // A level skipped (should not happen with nesting levels): no parent there.
            open.push(None);
        }
        open.push(Some(i));
        // Each folded offset mapped once: the marker's end is the title's
        // start, its start the section's (five `to_orig` a section cost
        // 1.4 M on bench-sub, callgrind).
        let start = norm.to_orig(c.start);
        let marker_end = norm.to_orig(c.marker_end);
        let title_end = norm.to_orig(c.title_end);
        let title = text
            .get(marker_end..title_end)
            .unwrap_or("")
            .trim_matches(|ch: char| scan::is_space(ch) || is_title_trim(ch))
            .to_string();
        sections.push(Section {
            id: section_id(i + 1),
            start,
            end: report_end,
            level,
            marker: text.get(start..marker_end).unwrap_or("").to_string(),
            number: c.number,
            title,
            parent: parent.map(|p| sections[p].id.clone()),
            kind: None,
        });
        parents.push(parent);
    }
    for i in 0..sections.len() {
        let level = sections[i].level;
        if let Some(next) = sections[i + 1..].iter().find(|s| s.level <= level) {
            sections[i].end = next.start;
        }
        sections[i].end = sections[i].end.max(sections[i].start);
    }
    (sections, parents)
}

/// `s1`, `s2`, …: the id of the `n`th section, written digit by digit (the
/// `format!` machinery cost 5.8 M over 11,090 ids, callgrind on bench-sub).
fn section_id(mut n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        // `n % 10` is below 10: the cast keeps every bit.
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(1 + digits.len() - k);
    id.push('s');
    id.extend(digits[k..].iter().map(|&d| char::from(d)));
    id
}

/// Punctuation left at a title's edges when it stops before the next marker.
fn is_title_trim(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '、')
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_issue14;
