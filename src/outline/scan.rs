//! One pass over the report's body lines: every place a heading could begin.
//!
//! A marker counts only where a heading can start: at a line start, or after
//! a sentence's end (`。` `！` `？`, and for enumerators also `；` `：`).
//! Markers after a comma are kept too, marked weak, so that `traps` can tell
//! an enumeration inside one running sentence from a list of headings.
//! Markers inside quotes or book-title marks are never headings.

use std::ops::Range;

use super::marker::{Family, Marker, read_marker};
use super::scan_bytes::{
    PLAIN_ASCII, clause_mark_at, han_run, plain_han_at, quote_at, trim_spaces, trim_start_spaces,
};
use crate::text::BmpSet;

/// Where a candidate marker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// First thing on its line.
    LineStart,
    /// After `。` `！` `？`.
    AfterStop,
    /// After `；`.
    AfterSemi,
    /// After `：` (`现将情况汇报如下: 一、…`).
    AfterColon,
    /// After a gap of white space that follows a Chinese character: a line
    /// break lost when a viewer flattened the text (`组织有力 二、宣传到位`).
    AfterGap,
    /// After `，` `、`: inside a sentence.
    AfterComma,
    /// Glued to the short title of the heading that opens the line, with no
    /// punctuation between (`二、主要做法(一)围绕…`): a child heading run into
    /// its parent's line. Only a bracketed marker of a family below the
    /// parent's is taken here.
    AfterTitle,
    /// Glued to the text before (`…奠定了组织基矗二是…`, a full stop lost in
    /// the copy); only enumerators from `二是` on are collected here, and
    /// only a list already running can take them in.
    Inline,
}

impl Pos {
    /// A position where a heading may begin.
    pub fn opens(self) -> bool {
        !matches!(self, Pos::AfterComma | Pos::Inline)
    }
}

/// One body line in the folded text.
#[derive(Debug, Clone)]
pub struct BodyLine {
    /// Folded byte range of the line, surrounding white space trimmed.
    pub range: Range<usize>,
    /// Ends with a sentence or clause end (`。` `：` `；` `！` …).
    pub terminated: bool,
    /// Ends with a character that only makes sense mid-sentence (`，` `、` or a digit).
    pub ends_mid_sentence: bool,
    /// Holds a `。` `！` `？` somewhere.
    pub has_stop: bool,
    /// Holds white space (`is_space`) inside: only such a line can hold
    /// segments between gaps.
    pub has_gap: bool,
}

/// A possible heading.
#[derive(Debug, Clone)]
pub struct Cand {
    /// Folded offset of the marker (of the title for an unnumbered heading).
    pub start: usize,
    /// Folded offset where the marker ends and the title begins.
    pub marker_end: usize,
    /// Index into the body lines.
    pub line: usize,
    pub pos: Pos,
    pub family: Family,
    pub number: Option<u32>,
    /// Folded offset where the title ends (filled once the headings are known).
    pub title_end: usize,
    /// For an unnumbered heading standing where a number of this family is missing.
    pub stands_for: Option<Family>,
    /// Where the title stops (`title_stop`) in the range from `marker_end`
    /// to the first field, as last asked by `set_title_ends`.
    pub title_stop: Option<(usize, Option<usize>)>,
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

fn is_semi(c: char) -> bool {
    matches!(c, '；' | ';')
}

fn is_colon(c: char) -> bool {
    matches!(c, '：' | ':')
}

pub use crate::text::is_cjk;

/// As many quotation marks open as close on the line.
fn balanced_quotes(line: &str) -> bool {
    let (mut open, mut close) = (0usize, 0usize);
    for c in line.chars() {
        match c {
            '“' | '《' | '「' | '『' | '‘' => open += 1,
            '”' | '》' | '」' | '』' | '’' => close += 1,
            _ => {}
        }
    }
    open == close
}

fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',' | '、')
}

/// Characters after which a line may end without the paragraph going on.
fn is_terminator(c: char) -> bool {
    is_stop(c)
        || is_semi(c)
        || is_colon(c)
        || matches!(c, '…' | '”' | '"' | '’' | '」' | '』' | ')' | '】' | '》')
}

/// A common Chinese character that cannot begin a marker: for the scan, only
/// one more character of the line.
pub(super) fn is_plain_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) && !HAN_MARKER_STARTS.contains(c)
}

/// The Chinese characters `may_start_marker` admits (a test checks the two agree).
pub(super) const HAN_MARKER_START_CHARS: &str =
    "第其十拾一壹二贰貳三叁參四肆五伍六陆陸七柒八捌九玖";

/// `HAN_MARKER_START_CHARS` as a set.
static HAN_MARKER_STARTS: BmpSet = BmpSet::new(HAN_MARKER_START_CHARS);

/// Characters that can begin a marker (cheap pre-check before `read_marker`).
fn may_start_marker(c: char) -> bool {
    matches!(c, '(' | '第' | '其') || c.is_ascii_digit() || {
        let u = c as u32;
        (0x2460..=0x249B).contains(&u)
            || (0x2776..=0x277F).contains(&u)
            || (0x3220..=0x3229).contains(&u)
            || super::marker::starts_cn_numeral(c)
    }
}

/// Which families a position admits. Block markers (`一、` `1.`) need a
/// line start or a sentence end; enumerators and bracketed markers may also
/// follow `；` `：`, and are collected after commas (as weak) too.
fn admits(pos: Pos, m: &Marker) -> bool {
    if m.weak {
        return pos == Pos::LineStart;
    }
    match pos {
        Pos::LineStart | Pos::AfterStop | Pos::AfterColon | Pos::AfterGap | Pos::AfterTitle => true,
        Pos::AfterSemi => matches!(
            m.family,
            Family::Enumerator
                | Family::Ordinal
                | Family::Circled
                | Family::ParenCn
                | Family::ParenDigit
        ),
        // Collected only so that `traps` can see a list running inside a sentence.
        Pos::Inline => m.family == Family::Enumerator && m.number.is_some_and(|n| n >= 2),
        Pos::AfterComma => {
            m.family.is_inline() || matches!(m.family, Family::ParenCn | Family::ParenDigit)
        }
    }
}

/// Longest title (bytes) a child heading may be glued to.
const GLUED_TITLE_MAX_BYTES: usize = 90;

/// The family of the heading last found on line `line_idx`, where a heading may
/// open, when the text from its marker up to byte `i` of the line is a short
/// title: no stop, semicolon or colon, and, for a bracketed child, no comma
/// either (`二、主要做法(一)…`); a `1、` may follow a title of two clauses
/// (`一、坚持党建引领，凝聚妇女力量1、牢牢把握…`), which a list item never does.
fn glued_to_heading(
    cands: &[Cand],
    line_idx: usize,
    line_start: usize,
    trimmed: &str,
    i: usize,
    child: &Marker,
) -> Option<Family> {
    let head = cands
        .last()
        .filter(|h| h.line == line_idx && h.pos.opens())?;
    let title = trimmed.get(head.marker_end - line_start..i)?;
    let commas_ok = child.family == Family::Digit;
    let plain = !title.is_empty()
        && title.len() <= GLUED_TITLE_MAX_BYTES
        && !title.contains(|c: char| {
            is_stop(c) || is_semi(c) || is_colon(c) || (!commas_ok && is_comma(c))
        });
    let fits = match child.family {
        Family::ParenCn | Family::ParenDigit => true,
        // `1、` glued to its parent's title: only the list's first item.
        Family::Digit => child.number == Some(1),
        _ => false,
    };
    let below = child.family.rank() > head.family.rank() && head.family.rank().is_some();
    (plain && fits && below).then_some(head.family)
}

/// Split the body into trimmed, non-blank folded lines and collect every candidate marker.
pub fn scan(
    folded: &str,
    body: &[Range<usize>],
    to_folded: impl Fn(usize) -> usize,
) -> (Vec<BodyLine>, Vec<Cand>) {
    let mut lines = Vec::with_capacity(body.len());
    let mut cands = Vec::new();
    for r in body {
        let (fs, fe) = (to_folded(r.start), to_folded(r.end));
        let Some(raw) = folded.get(fs..fe) else {
            continue;
        };
        // A doc viewer's page marker glued before the page's first words (`第2页共9页二、…`).
        let mut lead = raw.len() - trim_start_spaces(raw).len();
        if raw[lead..].starts_with('第') {
            lead += crate::page::page_marker_len(&raw[lead..]).unwrap_or(0);
        }
        let trimmed = trim_spaces(&raw[lead..]);
        if trimmed.is_empty() {
            continue;
        }
        let start = fs + lead;
        let last = trimmed.chars().next_back().unwrap_or(' ');
        let (has_stop, has_gap) = scan_line(trimmed, start, lines.len(), &mut cands);
        lines.push(BodyLine {
            range: start..start + trimmed.len(),
            terminated: is_terminator(last),
            ends_mid_sentence: is_comma(last) || last.is_ascii_digit(),
            has_stop,
            has_gap,
        });
    }
    (lines, cands)
}

/// What stands before a character that may open a marker, as far as its
/// position (`Pos`) asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    LineStart,
    Stop,
    Semi,
    Colon,
    Comma,
    Cjk,
    Other,
}

impl Before {
    fn of(c: char) -> Before {
        if is_stop(c) {
            Before::Stop
        } else if is_semi(c) {
            Before::Semi
        } else if is_colon(c) {
            Before::Colon
        } else if is_comma(c) {
            Before::Comma
        } else if is_cjk(c) {
            Before::Cjk
        } else {
            Before::Other
        }
    }

    /// The position of a marker after this, `after_gap` if white space stands between.
    fn pos(self, after_gap: bool) -> Option<Pos> {
        Some(match self {
            Before::LineStart => Pos::LineStart,
            Before::Stop => Pos::AfterStop,
            Before::Semi => Pos::AfterSemi,
            Before::Colon => Pos::AfterColon,
            Before::Comma => Pos::AfterComma,
            Before::Cjk if after_gap => Pos::AfterGap,
            Before::Cjk => Pos::Inline,
            Before::Other => return None,
        })
    }
}

/// Weigh the characters from `from` up to the `是` at `shi`, inside a run of
/// Chinese characters, as the start of an enumerator (a numeral is at most
/// three characters: `二十一是`).
fn weigh_enumerators(
    cands: &mut Vec<Cand>,
    trimmed: &str,
    line: (usize, usize),
    from: usize,
    shi: usize,
) {
    let mut p = from.max(shi.saturating_sub(9));
    while p < shi {
        if trimmed
            .get(p..)
            .and_then(|s| s.chars().next())
            .is_some_and(may_start_marker)
        {
            push_candidate(cands, trimmed, line, p, Pos::Inline);
        }
        p += 3;
    }
}

/// Pinyin glosses (鎮(zhèn)) do not make a line longer to a reader.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// The length of a line in characters, pinyin glosses not counted, up to
/// `cap + 1`. Asked only of the few lines shaped like an unnumbered heading
/// (the scan counted every line's characters as it walked them).
pub fn line_chars(line: &str, cap: usize) -> usize {
    line.chars()
        .filter(|&c| !is_latin_letter(c))
        .take(cap.saturating_add(1))
        .count()
}

/// What the scan knows of a line up to the character it reads.
struct LineState {
    has_stop: bool,
    /// White space read somewhere on the line.
    has_gap: bool,
    quote_depth: i32,
    /// Whether the line's quotation marks pair up, counted at the first full stop inside one.
    quotes_balanced: Option<bool>,
    before: Before,
    gap: bool,
}

impl LineState {
    /// Take in character `c` of `line`; the position of a marker it may begin.
    fn read(&mut self, c: char, line: &str) -> Option<Pos> {
        // The common punctuation of Chinese text settles at one or two tests.
        let before = match c {
            '，' | '、' | ',' => Before::Comma,
            '：' | ':' => Before::Colon,
            '；' | ';' => Before::Semi,
            '。' => {
                self.full_stop(line);
                Before::Stop
            }
            '“' => {
                self.quote_depth += 1;
                Before::Other
            }
            '”' => {
                self.quote_depth = (self.quote_depth - 1).max(0);
                Before::Other
            }
            ' ' => {
                self.gap = true;
                self.has_gap = true;
                return None;
            }
            '0'..='9' => {
                let (before, after_gap) = (self.before, self.gap);
                self.before = Before::Other;
                self.gap = false;
                return self.marker_pos(before, after_gap);
            }
            _ => return self.read_any(c, line),
        };
        self.before = before;
        self.gap = false;
        None
    }

    /// A full stop (`is_stop`) read in `line`.
    fn full_stop(&mut self, line: &str) {
        self.has_stop = true;
        // On a line whose quotation marks do not pair up, a quotation
        // still open at a full stop lost its closing mark: it ends here.
        if self.quote_depth > 0
            && !*self
                .quotes_balanced
                .get_or_insert_with(|| balanced_quotes(line))
        {
            self.quote_depth = 0;
        }
    }

    /// `read` for any character.
    fn read_any(&mut self, c: char, line: &str) -> Option<Pos> {
        match c {
            '“' | '《' | '「' | '『' | '‘' => self.quote_depth += 1,
            '”' | '》' | '」' | '』' | '’' => {
                self.quote_depth = (self.quote_depth - 1).max(0)
            }
            _ => {}
        }
        if is_stop(c) {
            self.full_stop(line);
        }
        if is_space(c) {
            self.gap = true;
            self.has_gap = true;
            return None;
        }
        let (before, after_gap) = (self.before, self.gap);
        self.before = Before::of(c);
        self.gap = false;
        if !may_start_marker(c) {
            return None;
        }
        self.marker_pos(before, after_gap)
    }

    /// Where a marker after `before` stands, unless inside a quotation.
    fn marker_pos(&self, before: Before, after_gap: bool) -> Option<Pos> {
        before
            .pos(after_gap)
            .filter(|&pos| self.quote_depth == 0 || pos == Pos::LineStart)
    }
}

/// Whether a marker at byte `i` of the line may be glued to the title of a
/// heading found before it on the line: only within `GLUED_TITLE_MAX_BYTES`
/// of that heading's marker (`glued_to_heading` asks the rest).
fn may_glue(cands: &[Cand], (start, line_idx): (usize, usize), i: usize) -> bool {
    cands.last().is_some_and(|h| {
        h.line == line_idx && h.pos.opens() && start + i <= h.marker_end + GLUED_TITLE_MAX_BYTES
    })
}

impl LineState {
    /// Take in the character at byte `i` of `line` where its bytes settle it
    /// and it can begin no candidate (`can_glue`: whether a marker there may
    /// be glued to a heading's title); its length, or `None` to `read` it.
    fn read_fast(
        &mut self,
        line: &str,
        i: usize,
        can_glue: impl FnOnce() -> bool,
    ) -> Option<usize> {
        let b = line.as_bytes();
        let b0 = *b.get(i)?;
        let (before, len) = if b0 < 0x80 {
            (self.ascii_before(b0, can_glue)?, 1)
        } else if plain_han_at(b, i) {
            (Before::Cjk, 3)
        } else if let Some(mark) = clause_mark_at(b, i) {
            (mark, 3)
        } else {
            let opens = quote_at(b, i)?;
            self.quote_depth = if opens {
                self.quote_depth + 1
            } else {
                (self.quote_depth - 1).max(0)
            };
            (Before::Other, 3)
        };
        if before == Before::Stop {
            self.full_stop(line);
        }
        self.before = before;
        self.gap = false;
        Some(len)
    }

    /// What the ASCII character `b0` leaves before the next one where its
    /// byte settles it and it can begin no candidate: clause and sentence
    /// marks (a third of the characters `read` decoded on bench-sub were `,`),
    /// and plain text. After plain text a digit or `(` stands nowhere a marker
    /// counts; after Chinese text only where it may be glued to a title.
    fn ascii_before(&self, b0: u8, can_glue: impl FnOnce() -> bool) -> Option<Before> {
        let plain = match b0 {
            b',' => return Some(Before::Comma),
            b';' => return Some(Before::Semi),
            b':' => return Some(Before::Colon),
            b'!' | b'?' => return Some(Before::Stop),
            b'0'..=b'9' | b'(' => {
                self.before == Before::Other
                    || (self.before == Before::Cjk && !self.gap && !can_glue())
            }
            _ => PLAIN_ASCII[usize::from(b0)],
        };
        plain.then_some(Before::Other)
    }
}

/// Read one trimmed line (`start` its folded offset): push its candidate
/// markers, return whether it holds a full stop and whether white space. Candidates first: Chinese
/// text after Chinese text can hold only an enumerator (`admits` takes
/// nothing else `Inline`), settled at its `是`; plain ASCII, clause marks,
/// double quotation marks and Chinese text after anything else are settled
/// by their bytes; only what is left (white space, other quotes, markers after
/// a stop, a comma or a gap) is decoded and `read`.
fn scan_line(trimmed: &str, start: usize, line_idx: usize, cands: &mut Vec<Cand>) -> (bool, bool) {
    let bytes = trimmed.as_bytes();
    let line = (start, line_idx);
    let mut st = LineState {
        has_stop: false,
        has_gap: false,
        quote_depth: 0,
        quotes_balanced: None,
        before: Before::LineStart,
        gap: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        if st.before == Before::Cjk && !st.gap {
            // The bulk of a body: Chinese text after Chinese text.
            let (end, shi) = han_run(bytes, i);
            if shi {
                if st.quote_depth == 0 {
                    weigh_enumerators(cands, trimmed, line, i, end);
                }
                i = end + 3;
                continue;
            }
            i = end;
        }
        if let Some(len) = st.read_fast(trimmed, i, || may_glue(cands, line, i)) {
            i += len;
            continue;
        }
        let Some(c) = trimmed.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        if let Some(pos) = st.read(c, trimmed) {
            push_candidate(cands, trimmed, line, at, pos);
        }
    }
    (st.has_stop, st.has_gap)
}

/// The marker at byte `i` of the line (`line` its folded start and index), if
/// one is there that `pos` admits.
fn push_candidate(
    cands: &mut Vec<Cand>,
    trimmed: &str,
    (start, line_idx): (usize, usize),
    i: usize,
    mut pos: Pos,
) {
    let Some(m) = trimmed.get(i..).and_then(read_marker) else {
        return;
    };
    if pos == Pos::Inline && glued_to_heading(cands, line_idx, start, trimmed, i, &m).is_some() {
        pos = Pos::AfterTitle;
    }
    if !admits(pos, &m) {
        return;
    }
    cands.push(Cand {
        start: start + i,
        marker_end: start + i + m.len,
        line: line_idx,
        pos,
        family: m.family,
        number: m.number,
        title_end: start + trimmed.len(),
        stands_for: None,
        title_stop: None,
    });
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
