//! Scanning a report's body for figures: one pass per line over the folded text,
//! offsets mapped back to the original so `text[start..end]` is what was written.

use std::cell::Cell;
use std::ops::Range;

use super::flags::figure_flags;
use super::reader::read_at;
use super::table::{TableCell, find_tables};
use super::units::match_unit;
use crate::model::{Figure, Flag, Warning};
use crate::text::Normalized;

mod line;
mod missing;
mod settled;

use line::{NOTED, scan_line};

/// What the scan of a body finds.
#[derive(Default)]
struct Findings {
    figures: Vec<Figure>,
    warnings: Vec<Warning>,
    /// Per figure: the words of its clause right before it (for conflicts).
    leads: Vec<String>,
}

impl Findings {
    fn push(&mut self, figure: Figure, lead: String) {
        self.figures.push(figure);
        self.leads.push(lead);
    }
}

/// Characters of one line (or of two read as one), kept between lines so the
/// scan allocates once per report, not per character.
///
/// The folded byte offset of a character is worked out when asked (a figure's
/// ends, its subject's spans), not stored for each: storing it cost 41
/// instructions a character with the characters, 69 M of 1,387 M (callgrind,
/// 300 reports).
struct LineBuf {
    cs: Vec<char>,
    /// Where each line read into `cs` begins: (char index, folded byte offset);
    /// the second, if any, after the one space standing for a break.
    parts: Vec<(usize, usize)>,
    /// The last offset worked out, (char index, byte offset), to walk on from:
    /// offsets are asked near each other, so the walks add up to about a line.
    cursor: Cell<(usize, usize)>,
    /// The indices of the characters of `NOTED` (those of `SCAN_STARTS` and the
    /// quote marks), noted as `cs` is filled: the scan goes from one start to
    /// the next instead of asking each character again (13 instructions a
    /// character, 21 M of 1,286 M, callgrind), and an exclusion asks whether a
    /// candidate is quoted by visiting only these, not 50 characters each way.
    noted: Vec<usize>,
}

impl LineBuf {
    fn new() -> Self {
        LineBuf {
            cs: Vec::new(),
            parts: Vec::new(),
            cursor: Cell::new((0, 0)),
            noted: Vec::new(),
        }
    }

    /// Start the buffer on the folded `line`, which begins at byte `start`.
    fn load(&mut self, line: &str, start: usize) {
        self.cs.clear();
        self.parts.clear();
        self.noted.clear();
        self.push_part(line, start);
    }

    fn push_part(&mut self, line: &str, start: usize) {
        self.parts.push((self.cs.len(), start));
        self.cursor.set((self.cs.len(), start));
        for c in line.chars() {
            if NOTED.contains(c) {
                self.noted.push(self.cs.len());
            }
            self.cs.push(c);
        }
    }

    /// The folded byte offset of char `k` (`k == cs.len()`: the end of the line).
    fn offset(&self, k: usize) -> usize {
        let p = self.parts.iter().rposition(|p| p.0 <= k).unwrap_or(0);
        let (first, start) = self.parts.get(p).copied().unwrap_or((0, 0));
        let next = self.parts.get(p + 1).map_or(usize::MAX, |q| q.0);
        let (mut at, mut byte) = self.cursor.get();
        // the cursor serves only within the same part, and only if nearer than its start
        if at < first || at >= next || (at > k && at - k > k - first) {
            (at, byte) = (first, start);
        }
        if at <= k {
            byte += utf8_len(&self.cs[at..k]);
        } else {
            byte -= utf8_len(&self.cs[k..at]);
        }
        self.cursor.set((k, byte));
        byte
    }
}

pub fn extract(
    text: &str,
    norm: &Normalized,
    body: &[Range<usize>],
) -> (Vec<Figure>, Vec<Warning>) {
    let mut found = Findings::default();
    let mut buf = LineBuf::new();
    let folded: Vec<Range<usize>> = body
        .iter()
        .map(|r| norm.to_folded(r.start)..norm.to_folded(r.end))
        .collect();
    let (cells, in_table) = find_tables(&norm.text, &folded);
    let mut cells = cells.iter().peekable();
    let mut joined = false;
    for (li, r) in folded.iter().enumerate() {
        if std::mem::take(&mut joined) {
            continue; // read with the line before
        }
        if in_table[li] {
            while let Some(cell) = cells.next_if(|c| c.line <= li) {
                if let Some(f) = table_figure(text, norm, cell, &mut buf) {
                    found.push(f, String::new());
                }
            }
            continue;
        }
        if !fill(&mut buf, norm, r.clone()) {
            continue;
        }
        // 5.9 / 万元: a number at a line's end whose unit the page's layout put on
        // the next line is read across the break (the break stands as one space)
        if let Some(next) = folded.get(li + 1)
            && !in_table[li + 1]
            && buf.cs.last().is_some_and(|c| c.is_ascii_digit())
            && unit_starts(&norm.text[next.clone()])
        {
            append_line(&mut buf, norm, next);
            joined = true;
        }
        scan_line(text, norm, &buf, &mut found);
    }
    mark_conflicts(text, &mut found.figures, &found.leads);
    for (n, f) in found.figures.iter_mut().enumerate() {
        f.id = figure_id(n + 1);
    }
    (found.figures, found.warnings)
}

/// `f1`, `f2` …: built from the number's digits, not by `format!` (7.7 M of
/// 1,325 M instructions for 13 K ids, callgrind).
fn figure_id(n: usize) -> String {
    let digits = n.to_string();
    let mut id = String::with_capacity(1 + digits.len());
    id.push('f');
    id.push_str(&digits);
    id
}

/// Append the folded line `next` to `buf` after one space standing for the break
/// (the space's offset is where the line before ends).
fn append_line(buf: &mut LineBuf, norm: &Normalized, next: &Range<usize>) {
    buf.cs.push(' ');
    buf.push_part(&norm.text[next.clone()], next.start);
}

/// Whether a line begins with a unit, a multiplier or `%` (the rest of a figure
/// broken across lines).
fn unit_starts(line: &str) -> bool {
    let cs: Vec<char> = line.chars().take(8).collect();
    matches!(cs.first(), Some('万' | '亿' | '%'))
        || match_unit(&cs, 0).is_some_and(|(u, _)| u.kind.is_figure())
}

/// The UTF-8 length of `cs`, by comparisons the compiler turns into vector code
/// (`char::len_utf8` a character at a time cost 16.4 M of 1,340 M instructions).
fn utf8_len(cs: &[char]) -> usize {
    // summed as u32 a chunk, four to a vector register (as usize: 13.2 M)
    cs.chunks(1 << 16)
        .map(|chunk| {
            let n: u32 = chunk
                .iter()
                .map(|&c| {
                    let u = c as u32;
                    1 + u32::from(u >= 0x80) + u32::from(u >= 0x800) + u32::from(u >= 0x1_0000)
                })
                .sum();
            n as usize
        })
        .sum()
}

/// Load the folded text `r` into `buf`; false where `r` is not a range of it.
fn fill(buf: &mut LineBuf, norm: &Normalized, r: Range<usize>) -> bool {
    let Some(line) = norm.text.get(r.clone()) else {
        return false;
    };
    buf.load(line, r.start);
    true
}

/// The figure in a table cell (guide §3): the unit as written in the cell, else
/// none; the subject the row's label and the column's header.
fn table_figure(
    text: &str,
    norm: &Normalized,
    cell: &TableCell,
    buf: &mut LineBuf,
) -> Option<Figure> {
    if !fill(buf, norm, cell.range.clone()) {
        return None;
    }
    let cs = &buf.cs[..];
    let r = read_at(cs, 0, false)?;
    if !r.kind.is_figure() || r.end != cs.len() {
        return None;
    }
    let (s, e, t) = orig_span(text, norm, buf, 0, r.end);
    let subject: String = cell
        .labels
        .iter()
        .flat_map(|l| norm.text[l.clone()].chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let subject_spans = cell
        .labels
        .iter()
        .map(|l| (norm.to_orig(l.start), norm.to_orig(l.end)))
        .collect();
    Some(Figure {
        start: s,
        end: e,
        text: t,
        quantity: r.quantity(r.approx),
        subject: (!subject.is_empty()).then_some(subject),
        subject_spans,
        flags: figure_flags(cs, 0, &r),
        ..Default::default()
    })
}

fn orig_span(
    text: &str,
    norm: &Normalized,
    buf: &LineBuf,
    a: usize,
    b: usize,
) -> (usize, usize, String) {
    let s = norm.to_orig(buf.offset(a));
    let e = norm.to_orig(buf.offset(b));
    let t = text.get(s..e).unwrap_or("").to_string();
    (s, e, t)
}

/// Conflicts (guide §4), marked where the text is at hand: the same subject and
/// unit, different plain values, in two sentences phrased the same way just
/// before the number (全年培训农村妇女1800人 … 全年培训农村妇女2000人). Two
/// activities that count the same people (为633万名农村妇女进行了宫颈癌检查, 为95.6万名
/// 农村妇女进行了乳腺癌检查) are not a conflict, so the phrasing must match.
/// `report_flags` then turns the marked pairs into warnings.
fn mark_conflicts(text: &str, figures: &mut [Figure], leads: &[String]) {
    // Bucket by lead, subject and unit, by sorting (n log n; a map hashed with
    // SipHash cost 8.4 M of 1,325 M instructions, callgrind). A bucket holding
    // many figures is a repeated template, not one fact stated twice.
    const MAX_BUCKET: usize = 16;
    let mut keyed: Vec<((&str, &str, &str), usize)> = Vec::new();
    for (k, l) in leads.iter().enumerate() {
        let f = &figures[k];
        let could =
            super::flags::has_chars(l, 2) && super::flags::same_subject_other_value_possible(f);
        if let (true, Some(s)) = (could, f.subject.as_deref().map(super::flags::subject_head)) {
            keyed.push(((l.as_str(), s, f.quantity.unit.as_str()), k));
        }
    }
    keyed.sort_unstable(); // by key, then in reading order
    let mut marked = Vec::new();
    for bucket in keyed
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|g| g.len() >= 2 && g.len() <= MAX_BUCKET)
    {
        let group: Vec<usize> = bucket.iter().map(|&(_, k)| k).collect();
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                let (fa, fb) = (&figures[a], &figures[b]);
                // two sentences: a full stop between them (far apart counts as two)
                let two_sentences = fb.start.saturating_sub(fa.end) > 2000
                    || text.get(fa.end..fb.start).is_some_and(|between| {
                        between.contains(['。', '；', ';', '\n', '!', '！'])
                    });
                if two_sentences && super::flags::same_subject_other_value(fa, fb) {
                    marked.push(a);
                    marked.push(b);
                }
            }
        }
    }
    for k in marked {
        if !figures[k].flags.contains(&Flag::Conflict) {
            figures[k].flags.push(Flag::Conflict);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Approx, FigureKind};

    fn figs(s: &str) -> (Vec<Figure>, Vec<Warning>) {
        let norm = Normalized::new(s);
        extract(s, &norm, std::slice::from_ref(&(0..s.len())))
    }

    fn texts(s: &str) -> Vec<String> {
        figs(s)
            .0
            .into_iter()
            .filter(|f| f.quantity.kind.is_figure())
            .map(|f| f.text)
            .collect()
    }

    /// The offsets of `fill` and `append_line` as they were stored: each
    /// character's, then the end of the (last) line.
    fn stored_offsets(norm: &Normalized, lines: &[Range<usize>]) -> Vec<usize> {
        let mut offs = Vec::new();
        for r in lines {
            offs.extend(
                norm.text[r.clone()]
                    .char_indices()
                    .map(|(k, _)| r.start + k),
            );
            if r != lines.last().expect("a line") {
                offs.push(r.end); // the space standing for the break
            }
        }
        offs.push(lines.last().expect("a line").end);
        offs
    }

    #[test]
    fn figure_ids_are_f_and_the_number() {
        for n in [1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(figure_id(n), format!("f{n}"));
        }
    }

    #[test]
    fn utf8_length_by_comparisons_is_the_length_by_characters() {
        let astral = ['\u{10000}', '𠀀', '\u{10FFFF}'];
        for c in (0..0x1_0000u32).filter_map(char::from_u32).chain(astral) {
            assert_eq!(utf8_len(&[c, 'a']), c.len_utf8() + 1, "{c}");
        }
    }

    #[test]
    fn offsets_worked_out_are_the_offsets_stored() {
        let text = "培训1800多名妇女,\r\n5.9\n万元 a“é”𠀀字\n\n三万余份";
        let norm = Normalized::new(text);
        let lines: Vec<Range<usize>> = {
            let t = &norm.text;
            let mut v = Vec::new();
            let mut s = 0;
            for (k, c) in t.char_indices().filter(|&(_, c)| c == '\n') {
                v.push(s..k - usize::from(t[..k].ends_with('\r')));
                s = k + c.len_utf8();
            }
            v.push(s..t.len());
            v
        };
        let mut buf = LineBuf::new();
        let mut seed = 7u64;
        for pair in 0..lines.len() {
            let join = &lines[pair..(pair + 2).min(lines.len())];
            for n in 1..=join.len() {
                let want = stored_offsets(&norm, &join[..n]);
                assert!(fill(&mut buf, &norm, join[0].clone()));
                if n == 2 {
                    append_line(&mut buf, &norm, &join[1]);
                }
                assert_eq!(buf.cs.len() + 1, want.len());
                let noted: Vec<usize> = (0..buf.cs.len())
                    .filter(|&k| NOTED.contains(buf.cs[k]))
                    .collect();
                assert_eq!(buf.noted, noted);
                // asked in every order: forwards, backwards, jumping about
                let mut order: Vec<usize> = (0..want.len()).chain((0..want.len()).rev()).collect();
                for _ in 0..200 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    order.push((seed >> 33) as usize % want.len());
                }
                for k in order {
                    assert_eq!(buf.offset(k), want[k], "{k} of {join:?}");
                }
            }
        }
    }

    #[test]
    fn original_surface_and_values() {
        let (f, _) = figs("今年共培訓１８００多名婦女，落實貸款16萬元。");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].text, "１８００多名");
        assert_eq!(f[0].quantity.value, Some(1800.0));
        assert_eq!(f[0].quantity.approx, Some(Approx::Over));
        assert_eq!(f[0].subject.as_deref(), Some("培训妇女"));
        assert_eq!(f[1].text, "16萬元");
        assert_eq!(f[1].quantity.value, Some(160000.0));
        assert_eq!(f[1].quantity.unit, "元");
        assert_eq!(f[1].id, "f2");
    }

    #[test]
    fn placeholders_are_warnings() {
        let (f, w) = figs("發放宣傳資料xx餘份,培训女工余名,筹款20xx多元");
        assert!(f.iter().all(|f| !f.quantity.kind.is_figure()), "{f:?}");
        let codes: Vec<&str> = w.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, vec!["placeholder", "missing-number", "placeholder"]);
    }

    #[test]
    fn run_together_date_is_flagged() {
        let (f, w) = figs("截止20146月,全旗副处级女干部5名");
        assert_eq!(f[0].flags, vec![Flag::RunTogetherDate]);
        assert_eq!(f[0].quantity.kind, FigureKind::Date);
        assert_eq!(w[0].code.as_str(), "run-together-date");
        assert_eq!(f[1].text, "5名");
    }

    #[test]
    fn qualifiers_before() {
        let (f, _) =
            figs("辦結率達100%,近1/4的妇女,至少有一名女性,全年别超过3万元,至少组织3次活动");
        let t: Vec<(&str, Option<Approx>)> = f
            .iter()
            .map(|f| (f.text.as_str(), f.quantity.approx))
            .collect();
        assert_eq!(
            t,
            vec![
                ("達100%", None),
                ("近1/4", Some(Approx::About)),
                ("别超过3万元", Some(Approx::Under)),
                ("3次", Some(Approx::Over)),
            ]
        );
        assert_eq!(f[1].quantity.value, Some(25.0));
    }

    #[test]
    fn not_figures_in_running_text() {
        assert!(
            texts("2013年8月1日至2014年2月28日,开展“三八”维权周,评选十佳、五好家庭,拨打12338热线")
                .is_empty()
        );
        assert_eq!(
            texts("向20多萬15-49週歲婦女宣传"),
            vec!["20多萬", "15-49週歲"]
        );
    }
}
