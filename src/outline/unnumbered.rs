//! Unnumbered headings (guide §2): a short line without a closing stop
//! that plays a numbered heading's part. Three shapes are taken:
//! - it names a part of the report by the time it covers (`2013年工作回顾`,
//!   `“十四五”时期工作回顾`, `明年工作思路`): a part above the numbered outline,
//!   on its own line or between gaps of a flattened copy;
//! - it opens a numbered list (`实施“民生工程”，增进福祉` followed by `1.`);
//!   whether it is a heading is settled by the level pass;
//! - it stands where a number of the outermost family is missing
//!   (`一、` … `<line>` … `三、`), as many lines as numbers are missing;
//! - it is led by a dash (`——突出政治引领，筑牢思想根基`), one of two or more
//!   such lines in the report: a list whose items carry a dash for a number.

use super::marker::Family;
use super::scan::{BodyLine, Cand, Pos, is_cjk, is_space, line_chars};

/// Longest line (in characters, pinyin glosses not counted) taken for an unnumbered heading.
const MAX_CHARS: usize = 40;
const MIN_CHARS: usize = 4;

/// Whether line `li` has the shape of a heading without a number.
fn heading_shaped(lines: &[BodyLine], li: usize, folded: &str) -> bool {
    let line = &lines[li];
    if line.terminated || line.ends_mid_sentence || line.has_stop {
        return false;
    }
    let Some(t) = folded.get(line.range.clone()) else {
        return false;
    };
    if !(MIN_CHARS..=MAX_CHARS).contains(&line_chars(t, MAX_CHARS))
        || t.contains([':', '：'])
        || t.contains("目录")
    {
        return false;
    }
    // The line before must not be a paragraph that broke off.
    !(li > 0 && !lines[li - 1].terminated && lines[li - 1].has_stop)
}

/// What a part heading ends with: the part of the report it names.
const PART_WORDS: &[&str] = &[
    "工作回顾",
    "回顾",
    "工作总结",
    "工作思路",
    "工作计划",
    "工作安排",
    "工作打算",
    "工作意见",
    "工作要点",
    "重点工作",
    "主要工作",
    "主要目标任务",
    "目标任务",
];

/// Words of a time phrase (`2025年和“十四五”时期`, `今年上半年`, `下一步`), longest first.
const TIME_WORDS: &[&str] = &[
    "新的一年",
    "下一步",
    "过去",
    "时期",
    "期间",
    "以来",
    "上半",
    "下半",
    "下步",
    "今后",
    "今",
    "明",
    "去",
    "来",
    "全",
    "近",
    "年",
    "度",
    "月",
    "和",
    "及",
    "与",
    "、",
    "的",
];

/// Longest part heading, in characters.
const PART_MAX_CHARS: usize = 24;
/// Longest run of Latin letters and digits a scraper left after a heading (`sO100`).
const JUNK_MAX: usize = 8;

/// `2013年工作回顾`, `“十四五”时期工作回顾`, `明年工作思路`: a line that names a part of
/// the report by the time it covers, and nothing else (no body, no report word),
/// in the folded text.
pub fn is_part_heading(line: &str) -> bool {
    let t = line.trim_matches(is_space);
    if t.len() > PART_MAX_CHARS * 4 + JUNK_MAX {
        return false;
    }
    // Letters and digits glued to the end by a scraper (`2006年工作总结sO100`).
    let clean = t.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
    let t = if t.len() - clean.len() <= JUNK_MAX && clean.ends_with(is_cjk) {
        clean
    } else {
        t
    };
    if t.chars().count() > PART_MAX_CHARS
        || t.contains(['。', '，', ',', '；', ';', '：', ':', '！', '？', ' '])
    {
        return false;
    }
    if super::marker::read_marker(t).is_some() {
        return false; // `一、工作回顾` is a numbered heading (or a table of contents' line)
    }
    PART_WORDS
        .iter()
        .find_map(|w| t.strip_suffix(w))
        .is_some_and(|head| {
            is_time_phrase(head)
                && (head.is_empty() || TIME_ANCHORS.iter().any(|a| head.contains(a)))
        })
}

/// A time phrase says when: a year, a period, or the time ahead.
const TIME_ANCHORS: &[&str] = &["年", "时期", "期间", "下一步", "下步", "以来", "今后"];

/// Only time: years (`2013年`, `20xx年`, `二〇一四年`), plan periods (`“十四五”时期`),
/// and words like 今年, 上半年, 下一步.
fn is_time_phrase(mut head: &str) -> bool {
    while !head.is_empty() {
        if let Some(w) = TIME_WORDS.iter().find(|w| head.starts_with(**w)) {
            head = &head[w.len()..];
            continue;
        }
        let c = head.chars().next().unwrap_or(' ');
        let numeral = c.is_ascii_digit() || "xX×〇零○一二三四五六七八九十".contains(c);
        if !(numeral || "“”\"‘’「」".contains(c)) {
            return false;
        }
        head = &head[c.len_utf8()..];
    }
    true
}

/// Part headings standing between gaps of a flattened line (`…工作思路 2013年工作回顾 2013年,在…`).
fn parts_between_gaps(cands: &[Cand], lines: &[BodyLine], folded: &str, out: &mut Vec<Cand>) {
    // A line without white space is one segment, the whole line: only lines
    // the scan saw a gap in are searched (memchr2 on every line cost 1.9 M
    // of add_unnumbered's 5.2 M on bench-sub, callgrind).
    for (li, line) in lines.iter().enumerate().filter(|(_, l)| l.has_gap) {
        let Some(t) = folded.get(line.range.clone()) else {
            continue;
        };
        // Gaps are spaces and tabs in the folded text (ideographic spaces fold to
        // spaces): ASCII bytes, found by one `memchr2` pass (a search for a tab,
        // then for spaces, made add_unnumbered 16.7 M where it is 4.9 M now, callgrind
        // on bench-sub).
        let gaps = memchr::memchr2_iter(b' ', b'\t', t.as_bytes());
        let mut seg_start = 0;
        let mut prev_end: Option<usize> = None;
        for i in gaps.chain([t.len()]) {
            if i > seg_start {
                let (a, b) = (line.range.start + seg_start, line.range.start + i);
                let whole_line = seg_start == 0 && i == t.len();
                if !whole_line
                    && is_part_heading(&folded[a..b])
                    && !after_comma(folded, prev_end)
                    && !is_title_of_marker(cands, li, a, folded)
                {
                    out.push(part(li, a, b, Pos::AfterGap));
                }
                prev_end = Some(b);
            }
            seg_start = i + 1;
        }
    }
}

/// The segment before ended with a comma: the line goes on with the same sentence.
fn after_comma(folded: &str, prev_end: Option<usize>) -> bool {
    prev_end
        .and_then(|e| folded[..e].chars().next_back())
        .is_some_and(|c| matches!(c, '，' | ',' | '、'))
}

/// The segment at `a` is the title of a marker that stands before it (`一、 2013年工作回顾`).
fn is_title_of_marker(cands: &[Cand], li: usize, a: usize, folded: &str) -> bool {
    cands.iter().any(|c| {
        c.line == li
            && c.start < a
            && folded
                .get(c.marker_end..a)
                .is_some_and(|g| g.trim_matches(is_space).is_empty())
    })
}

/// An unnumbered part heading over `start..end` of line `li`.
fn part(li: usize, start: usize, end: usize, pos: Pos) -> Cand {
    Cand {
        start,
        marker_end: start,
        line: li,
        pos,
        family: Family::Part,
        number: None,
        title_end: end,
        stands_for: None,
        title_stop: None,
    }
}

/// The dash that leads a dash heading (`——`, or a long dash written once or as `--`).
const DASHES: &[&str] = &["——", "--", "—"];

/// The length of the dash leading line `li`, where the line is a heading's shape.
fn dash_heading(lines: &[BodyLine], li: usize, folded: &str) -> Option<usize> {
    let t = folded.get(lines[li].range.clone())?;
    // Asked of every line: the first byte settles most (dash_heading 1.8 M
    // -> 0.5 M on bench-sub, callgrind).
    let first = t.as_bytes().first()?;
    if !DASHES.iter().any(|d| d.as_bytes().first() == Some(first)) {
        return None;
    }
    let dash = DASHES.iter().find(|d| t.starts_with(**d))?;
    let title = t[dash.len()..].trim_start_matches(is_space);
    (title.starts_with(is_cjk) && heading_shaped(lines, li, folded))
        .then_some(t.len() - title.len())
}

/// A heading led by a dash over line `li`.
fn dash(li: usize, line: &BodyLine, marker_len: usize) -> Cand {
    Cand {
        start: line.range.start,
        marker_end: line.range.start + marker_len,
        line: li,
        pos: Pos::LineStart,
        family: Family::Dash,
        number: None,
        title_end: line.range.end,
        stands_for: None,
        title_stop: None,
    }
}

/// Add unnumbered heading candidates to `cands` (kept in document order).
pub fn add_unnumbered(cands: &mut Vec<Cand>, lines: &[BodyLine], folded: &str) {
    // Dash headings come in runs: one dash line alone is a sentence's aside.
    let dash_lines = (0..lines.len())
        .filter(|&li| dash_heading(lines, li, folded).is_some())
        .take(2)
        .count();
    let top = cands
        .iter()
        .find(|c| !c.family.is_inline())
        .map(|c| c.family);
    let mut extra: Vec<Cand> = Vec::new();
    parts_between_gaps(cands, lines, folded, &mut extra);
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
        let line = &lines[li];
        // A line that holds a heading, or is the title of a marker alone on the line above.
        let titles_prev = next_cand > 0 && cands[next_cand - 1].title_end > line.range.start;
        if cands.get(next_cand).is_some_and(|c| c.line == li) || titles_prev {
            continue;
        }
        let broke_off = li > 0 && !lines[li - 1].terminated && lines[li - 1].has_stop;
        if !line.has_stop
            && !broke_off
            && folded.get(line.range.clone()).is_some_and(is_part_heading)
        {
            extra.push(part(li, line.range.start, line.range.end, Pos::LineStart));
            continue;
        }
        if !heading_shaped(lines, li, folded) {
            continue;
        }
        if dash_lines >= 2
            && let Some(len) = dash_heading(lines, li, folded)
        {
            extra.push(dash(li, line, len));
            continue;
        }
        let cand = |stands_for| Cand {
            start: line.range.start,
            marker_end: line.range.start,
            line: li,
            pos: Pos::LineStart,
            family: Family::Unnumbered,
            number: None,
            title_end: line.range.end,
            stands_for,
            title_stop: None,
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
    // A heading run into the same line as a part heading after it stops there.
    for i in 1..cands.len() {
        if cands[i - 1].line == cands[i].line && cands[i - 1].title_end > cands[i].start {
            cands[i - 1].title_end = cands[i].start.max(cands[i - 1].marker_end);
        }
    }
}
