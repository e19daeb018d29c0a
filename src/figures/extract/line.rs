//! Scanning one line of a body: at each character where a number or a gap can
//! begin, a warning for a missing number, a run-together date, or a figure with its
//! qualifier and subject.

use super::missing::{Gap, gap_at};
use super::settled::settled;
use super::{Findings, LineBuf, orig_span};
use crate::figures::exclude::{QUOTE_MARKS, can_start, excluded, is_quote_mark};
use crate::figures::flags::{figure_flags, run_together_date};
use crate::figures::number::NUMERAL_CHARS;
use crate::figures::reader::{Read, read_at};
use crate::figures::subject::{Clause, Previous, Subject, subject};
use crate::figures::units::{PRE_QUALIFIER_ENDS, PRE_QUALIFIERS, at, ends_at};
use crate::model::{Approx, Figure, FigureKind, Flag, Quantity, Warning, WarningCode};
use crate::text::{BmpSet, Normalized, is_cjk};

/// Scan the line in `buf` for figures and for places where a number is missing.
pub(super) fn scan_line(text: &str, norm: &Normalized, buf: &LineBuf, found: &mut Findings) {
    let mut scan = LineScan {
        text,
        norm,
        buf,
        list: None,
        prev: None,
        clause: None,
    };
    // most characters: no number, no gap where one should be; the scan visits
    // the others in order, from where the last thing read ended
    let mut i = 0;
    for &k in &buf.noted {
        if k >= i {
            i = scan.at(k, found);
        }
    }
}

/// One line being scanned, and what one figure passes to the next.
struct LineScan<'a> {
    text: &'a str,
    norm: &'a Normalized,
    buf: &'a LineBuf,
    /// A qualifier before a list applies to each item (超过98%、85%): where the
    /// last qualified figure ended, and its qualifier.
    list: Option<(usize, Approx)>,
    /// The figure before in this line: its subject and where it ended.
    prev: Option<(Subject, usize)>,
    /// Made when the line's first figure asks for its subject: most lines hold
    /// none, and making and dropping a clause (its buffers taken from the
    /// thread's spare set and given back) cost 3.1 M for 10.9 K lines.
    clause: Option<Clause>,
}

impl LineScan<'_> {
    /// What begins at `i` (a character of `NOTED`): a gap, a date, a figure or
    /// nothing. Returns where the scan reads on.
    fn at(&mut self, i: usize, found: &mut Findings) -> usize {
        let buf = self.buf;
        let cs = &buf.cs[..];
        if is_quote_mark(cs[i]) {
            return i + 1; // noted for `excluded`, nothing begins there
        }
        if let Some(gap) = gap_at(cs, i) {
            self.warn_gap(&gap, found);
            return gap.end;
        }
        if !can_start(cs, i) {
            return i + 1;
        }
        if let Some(next) = settled(cs, i) {
            return next;
        }
        self.read_from(i, found)
    }

    /// The number read at `i` (a place where one can start): a date, a figure, or
    /// nothing. Returns where the scan reads on.
    fn read_from(&mut self, i: usize, found: &mut Findings) -> usize {
        let cs = &self.buf.cs[..];
        let Some(r) = read_at(cs, i, false) else {
            return i + 1;
        };
        if !r.num.chinese && run_together_date(cs, i, r.num_end) {
            self.push_run_together_date(i, r.num_end + 1, found);
            return r.num_end + 1;
        }
        if excluded(cs, &self.buf.noted, i, &r).is_some() {
            return r.num_end.max(i + 1);
        }
        let next = r.end.max(i + 1);
        self.push_figure(i, r, found);
        next
    }

    /// The original span, byte offsets and text, of the line's chars `a..b`.
    fn span(&self, a: usize, b: usize) -> (usize, usize, String) {
        orig_span(self.text, self.norm, self.buf, a, b)
    }

    /// A place where a number should stand and does not: a warning, no figure.
    fn warn_gap(&self, gap: &Gap, found: &mut Findings) {
        let (s, e, t) = self.span(gap.start, gap.end);
        let message = format!("{}: {t}", gap.what);
        found.warnings.push(Warning::at(gap.code, message, s, e));
    }

    /// 20146月 (chars `i..end`): a year and month written as one number, kept as a
    /// date with no value, flagged and warned of.
    fn push_run_together_date(&self, i: usize, end: usize, found: &mut Findings) {
        let (s, e, t) = self.span(i, end);
        let figure = Figure {
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
        };
        found.push(figure, String::new());
        found.warnings.push(Warning {
            code: WarningCode::RunTogetherDate,
            message: format!("year and month written as one number: {t}"),
            start: Some(s),
            end: Some(e),
        });
    }

    /// The figure read as `r` at `i`, with what stands before it: a qualifier, a
    /// word for money, its subject.
    fn push_figure(&mut self, i: usize, mut r: Read, found: &mut Findings) {
        let buf = self.buf;
        let cs = &buf.cs[..];
        let (start, pre) = pre_qualifier(cs, i);
        if !r.has_unit && money_before(cs, start) {
            // 筹集资金10万: a sum whose 元 is left out
            r.kind = FigureKind::Money;
            r.unit = "元";
        }
        let approx = self.qualifier(start, pre, &r);
        let (s, e, t) = self.span(start, r.end);
        let flags = figure_flags(cs, start, &r);
        let lead = lead(cs, start);
        let (subject, subject_spans) = self.subject_of(start, &r);
        let figure = Figure {
            id: String::new(),
            start: s,
            end: e,
            text: t,
            quantity: r.quantity(approx),
            subject,
            subject_spans,
            section: None,
            flags,
        };
        found.push(figure, lead);
    }

    /// The figure's qualifier: its own (1800多), one right before it (超过), 至少 a
    /// few characters back, or that of the list it continues (超过98%、85%).
    fn qualifier(&mut self, start: usize, pre: Option<Approx>, r: &Read) -> Option<Approx> {
        let cs = &self.buf.cs[..];
        let listed = self
            .list
            .filter(|&(end, _)| start > 0 && end + 1 == start && cs[end] == '、')
            .map(|(_, a)| a);
        let approx = r
            .approx
            .or(pre)
            .or_else(|| at_least_before(cs, start))
            .or(listed);
        self.list = pre.or(listed).map(|a| (r.end, a));
        approx
    }

    /// The subject of the figure at `start` (none if empty) and its original spans;
    /// kept as the previous subject for the next figure of the line.
    fn subject_of(&mut self, start: usize, r: &Read) -> (Option<String>, Vec<(usize, usize)>) {
        let buf = self.buf;
        let prev = self.prev.as_ref().map(|(s, end)| Previous {
            subject: s,
            end: *end,
        });
        let clause = self.clause.get_or_insert_with(Clause::default);
        let subj = subject(&buf.cs, start, r, prev.as_ref(), clause);
        let spans = subj
            .spans
            .iter()
            .map(|&(a, b)| {
                (
                    self.norm.to_orig(buf.offset(a)),
                    self.norm.to_orig(buf.offset(b)),
                )
            })
            .collect();
        let text = (!subj.text.is_empty()).then(|| subj.text.clone());
        self.prev = Some((subj, r.end));
        (text, spans)
    }
}

/// A qualifier right before the number: its first char and the approx it carries.
fn pre_qualifier(cs: &[char], i: usize) -> (usize, Option<Approx>) {
    if i == 0 || !PRE_QUALIFIER_ENDS.contains(cs[i - 1]) {
        return (i, None);
    }
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
        if cs[k] == '少' && ends_at(cs, k + 1, "至少") {
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
    let part = (c..start).any(|m| {
        matches!(cs[m], '其' | '包')
            && (at(cs, m, "其中") || at(cs, m, "其余") || at(cs, m, "包括"))
    });
    // built in place, room made once: collected, then `format!`ted, it cost
    // 4.5 M of 1,023 M instructions for 13 K figures (callgrind)
    let mut lead = String::with_capacity(4 * (start - k) + if part { 6 } else { 0 });
    if part {
        lead.push_str("其中");
    }
    for &c in &cs[k..start] {
        lead.push(c);
    }
    lead
}

/// Words for money (资金, 贷款, 善款 …).
const MONEY_WORDS: &[&str] = &[
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

/// The last character of each of `MONEY_WORDS`: only where one stands is each word tried.
static MONEY_WORD_ENDS: BmpSet = BmpSet::new("金费款额资集入物助");

/// A word for money a few characters back in the same clause.
fn money_before(cs: &[char], start: usize) -> bool {
    let lo = start.saturating_sub(10);
    for k in (lo..start).rev() {
        if is_clause_break(cs[k]) && !matches!(cs[k], '“' | '”') {
            return false;
        }
        if MONEY_WORD_ENDS.contains(cs[k]) && MONEY_WORDS.iter().any(|w| ends_at(cs, k + 1, w)) {
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
const SCAN_START_CHARS: &str = "0123456789xX×_*○余共计、";
#[cfg(test)]
pub(super) static SCAN_STARTS: BmpSet = BmpSet::new(SCAN_START_CHARS).and(NUMERAL_CHARS);

/// The characters `LineBuf` notes where they stand as it fills a line: those of
/// `SCAN_STARTS` and the quote marks.
pub(super) static NOTED: BmpSet = BmpSet::new(SCAN_START_CHARS)
    .and(NUMERAL_CHARS)
    .and(QUOTE_MARKS);

/// Where the scan reads on after reading the number at `i` of the line in
/// `buf`, as it does at a place where one can start; what it finds goes to `found`.
#[cfg(test)]
pub(super) fn reads_to(buf: &LineBuf, norm: &Normalized, i: usize, found: &mut Findings) -> usize {
    let mut scan = LineScan {
        text: "",
        norm,
        buf,
        list: None,
        prev: None,
        clause: None,
    };
    scan.read_from(i, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract::missing::is_placeholder_char;

    #[test]
    fn money_word_ends_are_the_last_characters_of_the_money_words() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let ends = MONEY_WORDS.iter().any(|w| w.ends_with(c));
            assert_eq!(MONEY_WORD_ENDS.contains(c), ends, "{c}");
        }
    }

    #[test]
    fn the_scan_skips_only_characters_it_has_nothing_to_do_with() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            if can_start(&[c], 0) || is_placeholder_char(c) || "余共计、".contains(c) {
                assert!(SCAN_STARTS.contains(c), "{c}");
            }
        }
    }

    #[test]
    fn noted_characters_are_the_scan_starts_and_the_quote_marks_apart() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let (start, mark) = (SCAN_STARTS.contains(c), QUOTE_MARKS.contains(c));
            assert!(!(start && mark), "{c}");
            assert_eq!(NOTED.contains(c), start || mark, "{c}");
        }
    }
}
