//! Scanning a report's body for figures: one pass per line over the folded text,
//! offsets mapped back to the original so `text[start..end]` is what was written.

use std::ops::Range;

use super::exclude::{can_start, excluded};
use super::flags::{figure_flags, run_together_date};
use super::number::NUMERAL_CHARS;
use super::reader::read_at;
use super::subject::{Clause, Previous, Subject, subject};
use super::table::{TableCell, find_tables};
use super::units::{PRE_QUALIFIERS, at, ends_at, match_unit};
use crate::model::{Approx, Figure, FigureKind, Flag, Quantity, Warning, WarningCode};
use crate::text::{BmpSet, Normalized, is_cjk};

mod missing;

use missing::{blank_count, digits_before, is_placeholder_char, missing_number, placeholder};

/// Characters of one line and the folded byte offset of each (plus the line end),
/// kept between lines so the scan allocates once per report, not per character.
struct LineBuf {
    cs: Vec<char>,
    offs: Vec<usize>,
}

pub fn extract(
    text: &str,
    norm: &Normalized,
    body: &[Range<usize>],
) -> (Vec<Figure>, Vec<Warning>) {
    let mut figures = Vec::new();
    let mut warnings = Vec::new();
    let mut buf = LineBuf {
        cs: Vec::new(),
        offs: Vec::new(),
    };
    // per figure: the words of its clause right before it (for conflicts)
    let mut leads: Vec<String> = Vec::new();
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
                    figures.push(f);
                    leads.push(String::new());
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
            // the space starts where the line ends (the last offset already there)
            buf.cs.push(' ');
            for (k, c) in norm.text[next.clone()].char_indices() {
                buf.cs.push(c);
                buf.offs.push(next.start + k);
            }
            buf.offs.push(next.end);
            joined = true;
        }
        scan_line(text, norm, &buf, &mut figures, &mut warnings, &mut leads);
    }
    mark_conflicts(text, &mut figures, &leads);
    for (n, f) in figures.iter_mut().enumerate() {
        f.id = format!("f{}", n + 1);
    }
    (figures, warnings)
}

/// Whether a line begins with a unit, a multiplier or `%` (the rest of a figure
/// broken across lines).
fn unit_starts(line: &str) -> bool {
    let cs: Vec<char> = line.chars().take(8).collect();
    matches!(cs.first(), Some('万' | '亿' | '%'))
        || match_unit(&cs, 0).is_some_and(|(u, _)| u.kind.is_figure())
}

/// Load the folded text `r` into `buf`; false where `r` is not a range of it.
fn fill(buf: &mut LineBuf, norm: &Normalized, r: Range<usize>) -> bool {
    let Some(line) = norm.text.get(r.clone()) else {
        return false;
    };
    buf.cs.clear();
    buf.offs.clear();
    for (k, c) in line.char_indices() {
        buf.cs.push(c);
        buf.offs.push(r.start + k);
    }
    buf.offs.push(r.end);
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
    let s = norm.to_orig(buf.offs[a]);
    let e = norm.to_orig(buf.offs[b]);
    let t = text.get(s..e).unwrap_or("").to_string();
    (s, e, t)
}

fn scan_line(
    text: &str,
    norm: &Normalized,
    buf: &LineBuf,
    figures: &mut Vec<Figure>,
    warnings: &mut Vec<Warning>,
    leads: &mut Vec<String>,
) {
    let cs = &buf.cs[..];
    let mut i = 0;
    // a qualifier before a list applies to each item (超过98%、85%): where the
    // last qualified figure ended, and its qualifier
    let mut list: Option<(usize, Approx)> = None;
    // the figure before in this line: its subject and where it ended
    let mut prev: Option<(Subject, usize)> = None;
    let mut clause = Clause::default();
    while i < cs.len() {
        let c = cs[i];
        if !SCAN_STARTS.contains(c) {
            i += 1; // most characters: no number, no gap where one should be
            continue;
        }
        // A place where a number should stand and does not: a warning, no figure.
        let gap = if is_placeholder_char(c) {
            placeholder(cs, i).map(|e| {
                let what = "placeholder in place of a number";
                (WarningCode::Placeholder, what, digits_before(cs, i), e)
            })
        } else if c == '余' && missing_number(cs, i) {
            let e = match_unit(cs, i + 1).map_or(i + 1, |(_, e)| e);
            Some((WarningCode::MissingNumber, "a count with no number", i, e))
        } else if matches!(c, '共' | '计' | '、') {
            blank_count(cs, i + 1).map(|e| {
                (
                    WarningCode::MissingNumber,
                    "a count with no number",
                    i + 1,
                    e,
                )
            })
        } else {
            None
        };
        if let Some((code, what, a, e)) = gap {
            let (s, e2, t) = orig_span(text, norm, buf, a, e);
            warnings.push(Warning::at(code, format!("{what}: {t}"), s, e2));
            i = e;
            continue;
        }
        if !can_start(cs, i) {
            i += 1;
            continue;
        }
        let Some(r) = read_at(cs, i, false) else {
            i += 1;
            continue;
        };
        if !r.num.chinese && run_together_date(cs, i, r.num_end) {
            let (s, e, t) = orig_span(text, norm, buf, i, r.num_end + 1);
            leads.push(String::new());
            figures.push(Figure {
                start: s,
                end: e,
                text: t.clone(),
                quantity: Quantity {
                    value: None,
                    value_max: None,
                    unit: "月".into(),
                    kind: FigureKind::Date,
                    approx: None,
                },
                flags: vec![Flag::RunTogetherDate],
                ..Default::default()
            });
            warnings.push(Warning {
                code: WarningCode::RunTogetherDate,
                message: format!("year and month written as one number: {t}"),
                start: Some(s),
                end: Some(e),
            });
            i = r.num_end + 1;
            continue;
        }
        if excluded(cs, i, &r).is_some() {
            i = r.num_end.max(i + 1);
            continue;
        }
        let (start, pre) = pre_qualifier(cs, i);
        let mut r = r;
        if !r.has_unit && money_before(cs, start) {
            // 筹集资金10万: a sum whose 元 is left out
            r.kind = FigureKind::Money;
            r.unit = "元";
        }
        let listed = list
            .filter(|&(end, _)| start > 0 && end + 1 == start && cs[end] == '、')
            .map(|(_, a)| a);
        let approx = r
            .approx
            .or(pre)
            .or_else(|| at_least_before(cs, start))
            .or(listed);
        list = pre.or(listed).map(|a| (r.end, a));
        let (s, e, t) = orig_span(text, norm, buf, start, r.end);
        let flags = figure_flags(cs, start, &r);
        leads.push(lead(cs, start));
        let subj = subject(
            cs,
            start,
            &r,
            prev.as_ref()
                .map(|(s, end)| Previous {
                    subject: s,
                    end: *end,
                })
                .as_ref(),
            &mut clause,
        );
        let subject_spans = subj
            .spans
            .iter()
            .map(|&(a, b)| (norm.to_orig(buf.offs[a]), norm.to_orig(buf.offs[b])))
            .collect();
        let subject_text = (!subj.text.is_empty()).then(|| subj.text.clone());
        prev = Some((subj, r.end));
        figures.push(Figure {
            id: String::new(),
            start: s,
            end: e,
            text: t,
            quantity: r.quantity(approx),
            subject: subject_text,
            subject_spans,
            section: None,
            flags,
        });
        i = r.end.max(i + 1);
    }
}

/// A qualifier right before the number: its first char and the approx it carries.
fn pre_qualifier(cs: &[char], i: usize) -> (usize, Option<Approx>) {
    for (w, a, not_after) in PRE_QUALIFIERS {
        if ends_at(cs, i, w) {
            let n = w.chars().count();
            let s = i - n;
            if s > 0 && not_after.contains(cs[s - 1]) {
                continue;
            }
            return (s, *a);
        }
    }
    (i, None)
}

/// 至少 a few characters back in the same clause (至少有一名, 至少组织3次).
fn at_least_before(cs: &[char], start: usize) -> Option<Approx> {
    let lo = start.saturating_sub(5);
    for k in (lo..start).rev() {
        if is_clause_break(cs[k]) {
            return None;
        }
        if ends_at(cs, k + 1, "至少") {
            return Some(Approx::Over);
        }
    }
    None
}

/// Up to four characters of the clause right before a figure (培训农村妇女1800人 → 农村妇女),
/// marked when the clause counts a part of a whole (其中留守儿童198人), so that a part
/// is not taken for the whole stated again with another value.
fn lead(cs: &[char], start: usize) -> String {
    let mut k = start;
    while k > 0 && start - k < 4 && is_cjk(cs[k - 1]) {
        k -= 1;
    }
    let mut c = start;
    while c > 0 && start - c < 16 && !is_clause_break(cs[c - 1]) {
        c -= 1;
    }
    let part = (c..start).any(|m| at(cs, m, "其中") || at(cs, m, "其余") || at(cs, m, "包括"));
    let near: String = cs[k..start].iter().collect();
    if part { format!("其中{near}") } else { near }
}

/// Conflicts (guide §4), marked where the text is at hand: the same subject and
/// unit, different plain values, in two sentences phrased the same way just
/// before the number (全年培训农村妇女1800人 … 全年培训农村妇女2000人). Two
/// activities that count the same people (为633万名农村妇女进行了宫颈癌检查, 为95.6万名
/// 农村妇女进行了乳腺癌检查) are not a conflict, so the phrasing must match.
/// `report_flags` then turns the marked pairs into warnings.
fn mark_conflicts(text: &str, figures: &mut [Figure], leads: &[String]) {
    // Bucket by lead, subject and unit: linear in the number of figures. A bucket
    // holding many figures is a repeated template, not one fact stated twice.
    const MAX_BUCKET: usize = 16;
    let mut buckets: std::collections::HashMap<(&str, &str, &str), Vec<usize>> = Default::default();
    for (k, l) in leads.iter().enumerate() {
        let f = &figures[k];
        let could = l.chars().count() >= 2 && super::flags::same_subject_other_value_possible(f);
        if let (true, Some(s)) = (could, f.subject.as_deref().map(super::flags::subject_head)) {
            buckets
                .entry((l.as_str(), s, f.quantity.unit.as_str()))
                .or_default()
                .push(k);
        }
    }
    let mut marked = Vec::new();
    for group in buckets
        .values()
        .filter(|g| g.len() >= 2 && g.len() <= MAX_BUCKET)
    {
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

/// A word for money a few characters back in the same clause (资金, 贷款, 善款 …).
fn money_before(cs: &[char], start: usize) -> bool {
    const WORDS: &[&str] = &[
        "资金",
        "经费",
        "善款",
        "捐款",
        "贷款",
        "金额",
        "投资",
        "募集",
        "筹集",
        "收入",
        "奖金",
        "款物",
        "基金",
        "救助金",
        "慰问金",
        "补助",
        "资助",
    ];
    let lo = start.saturating_sub(10);
    for k in (lo..start).rev() {
        if is_clause_break(cs[k]) && !matches!(cs[k], '“' | '”') {
            return false;
        }
        if WORDS.iter().any(|w| ends_at(cs, k + 1, w)) {
            return true;
        }
    }
    false
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '、'
            | ':'
            | '：'
            | '!'
            | '?'
            | '('
            | ')'
            | ' '
            | '“'
            | '”'
    )
}

/// Characters where `scan_line` has anything to do: a number's first
/// character (`can_start`), a placeholder, and the marks of a missing number.
static SCAN_STARTS: BmpSet = BmpSet::new("0123456789xX×_*○余共计、").and(NUMERAL_CHARS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_skips_only_characters_it_has_nothing_to_do_with() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            if can_start(&[c], 0) || is_placeholder_char(c) || "余共计、".contains(c) {
                assert!(SCAN_STARTS.contains(c), "{c}");
            }
        }
    }

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
