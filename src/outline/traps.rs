//! Markers that look like headings but are not (issue 3, "traps"):
//! enumerations inside one running sentence, doc-viewer page markers, a
//! table of contents, and a heading printed twice in a row.

use super::marker::Family;
use super::scan::{BodyLine, Cand, Pos, is_space};
use crate::model::Warning;

/// Drop enumerators that run inside one sentence (`一是…，二是…，三是…`):
/// a run of consecutive numbers on one line whose later items mostly follow
/// commas does not open blocks, so none of it is a heading. Weak items of a
/// run that does open blocks are dropped alone.
pub fn drop_running_enumerations(cands: &mut Vec<Cand>) {
    let mut keep = vec![true; cands.len()];
    let mut i = 0;
    while i < cands.len() {
        if !cands[i].family.is_inline() {
            i += 1;
            continue;
        }
        // Collect the run starting at i: same line, same family, numbers +1.
        let mut run = vec![i];
        let mut j = i + 1;
        while j < cands.len() && cands[j].line == cands[i].line {
            let last = &cands[*run.last().unwrap_or(&i)];
            if cands[j].family == last.family
                && cands[j]
                    .number
                    .zip(last.number)
                    .is_some_and(|(b, a)| b == a + 1)
            {
                run.push(j);
            }
            j += 1;
        }
        let rest = &run[1..];
        let weak = rest.iter().filter(|&&k| !cands[k].pos.opens()).count();
        let strong = rest.len() - weak;
        let drop_all = weak > 0 && weak >= strong;
        for &k in &run {
            if drop_all || !cands[k].pos.opens() {
                keep[k] = false;
            }
        }
        // Items already judged as part of this run are not run starts.
        i += 1;
        while i < cands.len() && run.contains(&i) {
            i += 1;
        }
    }
    // Weak candidates that were never part of a judged run.
    let mut k = 0;
    cands.retain(|c| {
        let ok = keep[k] && c.pos.opens();
        k += 1;
        ok
    });
}

/// Drop doc-viewer page markers: a `2、` at a line start where the line
/// before broke off mid-sentence. A line that ends with a comma or digit
/// is cut for sure; a paragraph with full stops inside that ends without
/// one is cut unless the number continues the list already running.
pub fn drop_page_markers(cands: &mut Vec<Cand>, lines: &[BodyLine]) {
    let mut last_digit: Option<u32> = None;
    let mut out = Vec::with_capacity(cands.len());
    for c in cands.drain(..) {
        if c.family == Family::Digit && c.pos == Pos::LineStart && c.line > 0 {
            let prev = &lines[c.line - 1];
            let cut_for_sure = prev.ends_mid_sentence;
            let cut_paragraph = !prev.terminated && prev.has_stop;
            let continues_list =
                c.number.zip(last_digit).is_some_and(|(n, l)| n == l + 1) || c.number == Some(1);
            if cut_for_sure || (cut_paragraph && !continues_list) {
                continue;
            }
        }
        if c.family == Family::Digit {
            last_digit = c.number;
        }
        out.push(c);
    }
    *cands = out;
}

/// A title for comparison: no white space, no dot leaders or page number at the end.
pub fn title_key(folded_title: &str) -> String {
    let t: String = folded_title.chars().filter(|c| !is_space(*c)).collect();
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

/// Drop a table of contents: heading-only lines standing one after the
/// other whose headings come again later in the report, or that end in
/// dot leaders and a page number.
pub fn drop_toc(cands: &mut Vec<Cand>, lines: &[BodyLine], folded: &str) {
    let title = |c: &Cand| folded.get(c.marker_end..c.title_end).unwrap_or("");
    let line_text = |i: usize| folded.get(lines[i].range.clone()).unwrap_or("");
    let heading_only = |c: &Cand| {
        c.pos == Pos::LineStart && !lines[c.line].has_stop && c.title_end == lines[c.line].range.end
    };
    let mut drop = vec![false; cands.len()];
    for i in 0..cands.len() {
        let c = &cands[i];
        if !heading_only(c) {
            continue;
        }
        if looks_like_toc_line(line_text(c.line)) {
            drop[i] = true;
            continue;
        }
        // Another heading-only line right before or after: a list of headings with no body.
        let neighbour = |j: usize| heading_only(&cands[j]) && cands[j].line.abs_diff(c.line) == 1;
        let in_block = (i > 0 && neighbour(i - 1)) || (i + 1 < cands.len() && neighbour(i + 1));
        if !in_block {
            continue;
        }
        let key = title_key(title(c));
        if key.is_empty() {
            continue;
        }
        let repeated_later = cands[i + 1..].iter().any(|d| {
            d.line > c.line + 1
                && d.family == c.family
                && d.number == c.number
                && title_key(title(d)) == key
        });
        drop[i] = repeated_later;
    }
    let mut k = 0;
    cands.retain(|_| {
        let d = drop[k];
        k += 1;
        !d
    });
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
        if let Some(p) = out.last() {
            let between = folded.get(p.title_end..c.start).unwrap_or("x");
            let only_gap = between
                .chars()
                .all(|ch| is_space(ch) || matches!(ch, '。' | '；' | ';' | '：' | ':'));
            let same = p.family == c.family
                && p.number == c.number
                && title_key(folded.get(p.marker_end..p.title_end).unwrap_or(""))
                    == title_key(folded.get(c.marker_end..c.title_end).unwrap_or(""));
            if only_gap && same {
                let marker = folded.get(c.start..c.marker_end).unwrap_or("");
                warnings.push(Warning::at(
                    "duplicate-heading",
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
