//! What a figure counts (guide §5): the few words of its own clause that a table's
//! column header would say, joined from where they stand (`培训1800多名妇女` → `培训妇女`).
//!
//! The clause is cut into words by jieba's dictionary and route, each word tagged
//! with a part of speech (`segment.rs`: jieba-rs 0.11's answer over a table built
//! into the binary). The words are then chosen by rules of
//! the guide, not by the pages scored: time words, qualifiers, numbers, the
//! reporting body and place, particles and prepositions are left out; a count
//! keeps the action right before it and the noun phrase right after it; a rate
//! keeps its name (办结率, 增长) or says what it is a share of (女性占比).

use super::reader::Read;
use super::segment;
use super::tag::Tag;
use crate::model::FigureKind;
use std::cell::RefCell;
use std::mem::take;

mod choose;
mod left_out;

use choose::Around;
use left_out::{is_area_char, is_body_or_place, is_function_word, is_not_what, is_time, keep_left};

/// How far the segmenter reads before and after a figure, in characters. The
/// segmenter's cost grows with the text it reads; a subject is at most 12
/// characters, so a little more than that each side is enough.
const LEFT_REACH: usize = 16;
const RIGHT_REACH: usize = 12;

/// The guide's cap on a subject's length, in characters.
const MAX_CHARS: usize = 12;

/// A subject and the char ranges of the line it was taken from, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subject {
    pub text: String,
    pub spans: Vec<(usize, usize)>,
    /// The action word right before the number, for the next item of a list
    /// (表彰50名双学双比先进个人，50名巾帼建功先进个人).
    pub verb: Option<(usize, usize)>,
}

/// The figure before this one in the same sentence, to share its words with a list.
pub struct Previous<'a> {
    pub subject: &'a Subject,
    /// Where it ended (char index in the line).
    pub end: usize,
}

/// One word of the clause: its char range in the line and its part of speech.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    tag: Tag,
}

/// The words of one clause of a line, tagged once for every figure in it.
///
/// A line's clause takes its buffers from the thread's spare set and gives them
/// back when dropped: a new set per line, grown word by word, cost 7.6 M of
/// 815.7 M instructions on bench-sub (callgrind).
#[derive(Debug)]
pub struct Clause {
    start: usize,
    end: usize,
    /// Whether `words` hold the words of `start..end`: a clause is segmented only
    /// when a figure reads words from it (see `cover`).
    tagged: bool,
    words: Vec<Word>,
    /// The words before and after a figure, kept to reuse their buffers: a new
    /// pair per figure, grown word by word, cost 2.5 M of 1,055.9 M (callgrind).
    left: Vec<Word>,
    right: Vec<Word>,
    /// The kept words before a figure, and which of `left` are kept.
    kept: Vec<Word>,
    keep: Vec<bool>,
}

/// A clause's buffers while no clause holds them.
#[derive(Default)]
struct Buffers {
    words: Vec<Word>,
    left: Vec<Word>,
    right: Vec<Word>,
    kept: Vec<Word>,
    keep: Vec<bool>,
}

thread_local! {
    static SPARE: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Default for Clause {
    fn default() -> Self {
        let b = SPARE
            .try_with(|s| take(&mut *s.borrow_mut()))
            .unwrap_or_default();
        let mut words = b.words;
        // no words yet: the first figure segments its clause
        words.clear();
        Clause {
            start: 0,
            end: 0,
            tagged: true,
            words,
            left: b.left,
            right: b.right,
            kept: b.kept,
            keep: b.keep,
        }
    }
}

impl Drop for Clause {
    fn drop(&mut self) {
        let b = Buffers {
            words: take(&mut self.words),
            left: take(&mut self.left),
            right: take(&mut self.right),
            kept: take(&mut self.kept),
            keep: take(&mut self.keep),
        };
        // during the thread's teardown the buffers are simply freed
        let _ = SPARE.try_with(|s| *s.borrow_mut() = b);
    }
}

impl Clause {
    /// The clause's words within `a..b`; a word running over `a` (a unit the
    /// segmenter joined to the noun after it, 个村) keeps its part inside, as an
    /// unknown word. The clause is segmented here, the first time words are read.
    fn words_in(&mut self, cs: &[char], a: usize, b: usize, out: &mut Vec<Word>) {
        out.clear();
        if a >= b {
            return;
        }
        if !self.tagged {
            self.tag_words(cs);
            self.tagged = true;
        }
        // the words are in order and each ends after it starts: those ending in
        // `a + 1..=b` are one run (a filter of all of them: 1.4 M, callgrind)
        let first = self.words.partition_point(|w| w.end <= a);
        let inside = self.words[first..].iter().take_while(|w| w.end <= b);
        out.extend(inside.map(|w| {
            if w.start < a {
                Word {
                    start: a,
                    end: w.end,
                    tag: Tag::Zg,
                }
            } else {
                *w
            }
        }));
    }

    /// Make the clause cover `a..b`, keeping the words tagged for the figure before
    /// when its clause covers this one (an empty range covers only itself: its
    /// words are none either way). Segmenting waits for `words_in`: a figure
    /// with no text before it and none after it that it reads (a rate) needs none.
    fn cover(&mut self, a: usize, b: usize) {
        if !(self.start <= a && b <= self.end) {
            self.start = a;
            self.end = b;
            self.tagged = false;
        }
    }
}

/// The subject of the figure read as `r`, whose text starts at `start` in `cs`.
/// `clause` keeps the segmented clause between the figures of a line.
pub fn subject(
    cs: &[char],
    start: usize,
    r: &Read,
    prev: Option<&Previous>,
    clause: &mut Clause,
) -> Subject {
    let (clause_start, clause_end) = clause_reach(cs, start, r.end);
    clause.cover(clause_start, clause_end);
    // … and back only to the figure before, if it is in the clause
    let prev_in_clause = prev.filter(|p| p.end <= start && p.end >= clause_start);
    let left_start = prev_in_clause.map_or(clause_start, |p| p.end);
    let (mut all_left, mut right) = (take(&mut clause.left), take(&mut clause.right));
    let (mut left, mut keep) = (take(&mut clause.kept), take(&mut clause.keep));
    clause.words_in(cs, left_start, start, &mut all_left);
    after_examples(cs, &mut all_left);
    kept_left_words(cs, &all_left, &mut keep, &mut left);
    if r.kind == FigureKind::Percent {
        right.clear(); // a rate's name comes before it
    } else {
        clause.words_in(cs, r.end, clause_end, &mut right);
    }
    // a list item with nothing of its own before it shares the item before it
    let prev_near =
        prev.filter(|p| prev_in_clause.is_some() || list_follows(cs, left_start, p.end));
    let around = Around {
        cs,
        start,
        r,
        left: &left,
        right: &right,
        prev_near,
        inherited: prev_near.filter(|_| left.is_empty()),
        verb_before: action_before(&left, start, cs),
    };
    let chosen = around.choose();
    (clause.left, clause.right) = (all_left, right);
    (clause.kept, clause.keep) = (left, keep);
    chosen
}

/// The clause around the figure at `start..end`, at most `LEFT_REACH` characters
/// back and `RIGHT_REACH` on: a subject is a few words (guide §5), and a long
/// clause would cost the segmenter for nothing.
fn clause_reach(cs: &[char], start: usize, end: usize) -> (usize, usize) {
    let mut left_start = start;
    while left_start > 0 && !is_clause_break(cs[left_start - 1]) && start - left_start < LEFT_REACH
    {
        left_start -= 1;
    }
    let mut right_end = end;
    while right_end < cs.len() && !is_clause_break(cs[right_end]) && right_end - end < RIGHT_REACH {
        right_end += 1;
    }
    (left_start, right_end)
}

/// The words before the figure after the last `等`: examples listed before 等 are
/// not the subject (文化教育、公共服务等各类心愿).
fn after_examples(cs: &[char], left: &mut Vec<Word>) {
    if let Some(k) = left
        .iter()
        .rposition(|w| word_is(cs, w, &['等']) || word_is(cs, w, &['等', '等']))
    {
        left.drain(..=k);
    }
}

/// The words before the figure that may name it (`keep_left`), with the short
/// words inside a name that joins them, into `out` (`keep`: which are kept).
fn kept_left_words(cs: &[char], left: &[Word], keep: &mut Vec<bool>, out: &mut Vec<Word>) {
    // a one-character area word qualifies what follows (省资金, 市级) unless it
    // names the reporting body (县妇联)
    let body_next = |k: usize| {
        left.get(k + 1)
            .is_some_and(|n| is_body_or_place(word(cs, n)))
    };
    keep.clear();
    keep.extend(
        left.iter()
            .enumerate()
            .map(|(k, w)| keep_left(cs, w) && !(is_area_char(word(cs, w)) && body_next(k))),
    );
    out.clear();
    out.extend(
        (0..left.len())
            .filter(|&k| keep[k] || inside_name(cs, left, keep, k))
            .map(|k| left[k]),
    );
}

/// Whether word `k` is a short word inside a name that stays with it
/// (检查检验结果互认项目, 千亿级产业链, 卫生户厕): an adverb, measure word or
/// numeral word between two kept words it touches.
fn inside_name(cs: &[char], left: &[Word], keep: &[bool], k: usize) -> bool {
    let w = &left[k];
    k > 0
        && keep.get(k + 1) == Some(&true)
        && keep[k - 1]
        && w.start == left[k - 1].end
        && left[k + 1].start == w.end
        && matches!(w.tag, Tag::D | Tag::Q | Tag::M)
        && !is_not_what(word(cs, w))
        && !word(cs, w)
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
}

/// What a count's subject did, after it in the clause: a verb and its object, with
/// particles and adverbs left out (被结对帮扶, 入选国家农作物优良品种推广目录).
fn predicate(cs: &[char], words: &[Word], from: usize) -> Vec<(usize, usize)> {
    let out = verb_and_object(cs, words, from);
    // a verb alone (8000多名青年参加) adds nothing a header needs
    if out.len() < 2 { Vec::new() } else { out }
}

fn verb_and_object(cs: &[char], words: &[Word], from: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut started = false;
    for w in words.iter().filter(|w| w.start >= from) {
        let ws = word(cs, w);
        if ws.iter().all(|&c| is_quote(c)) {
            continue;
        }
        let skip = matches!(
            w.tag,
            Tag::D | Tag::Ul | Tag::Uz | Tag::Ug | Tag::U | Tag::F
        ) || word_is(cs, w, &['被'])
            || word_is(cs, w, &['均']);
        if !started {
            if skip {
                continue;
            }
            if !is_verb(w) {
                break;
            }
            started = true;
        }
        let stop = matches!(
            w.tag,
            Tag::X
                | Tag::C
                | Tag::U
                | Tag::Uj
                | Tag::Ul
                | Tag::Uz
                | Tag::Ug
                | Tag::M
                | Tag::Q
                | Tag::Y
                | Tag::E
                | Tag::R
        );
        if stop {
            break;
        }
        if keep_left(cs, w) || is_verb(w) {
            out.push((w.start, w.end));
        }
    }
    out
}

/// Verbs that bring people to do something else (组织, 带领): the count's subject is
/// what they then did.
const CAUSATIVE: &[&str] = &[
    "组织", "带领", "动员", "引导", "帮助", "吸引", "鼓励", "发动", "带动", "推荐", "选派", "安排",
    "使", "让", "促使",
];

fn is_verb(w: &Word) -> bool {
    matches!(w.tag, Tag::V | Tag::Vd | Tag::Vg)
}

/// Whether the figure before ended right before this clause, across one list mark
/// (`、` or `，`) and nothing else: 分别增长6.8%、12.3%.
fn list_follows(cs: &[char], left_start: usize, prev_end: usize) -> bool {
    left_start > 0 && prev_end + 1 == left_start && matches!(cs[prev_end], '、' | '，' | ',')
}

/// A char range of the line: a word, or a range of a subject already built.
trait Span: Copy {
    fn span(self) -> (usize, usize);
}

impl Span for (usize, usize) {
    fn span(self) -> (usize, usize) {
        self
    }
}

impl Span for Word {
    fn span(self) -> (usize, usize) {
        (self.start, self.end)
    }
}

/// No ranges, for a `build` with no head or no tail.
const NO_SPANS: &[(usize, usize)] = &[];

/// Join the chosen ranges: `head` (words before the number, trimmed from the far
/// left when too long) then `tail` (the noun after a count, trimmed from its far
/// right), then an optional suffix, within the guide's length. Ranges or words
/// alike: a list of the words' ranges first cost an allocation a figure.
fn build(
    cs: &[char],
    head: &[impl Span],
    tail: &[impl Span],
    suffix: Option<&str>,
    verb: Option<(usize, usize)>,
) -> Subject {
    let budget = MAX_CHARS.saturating_sub(suffix.map_or(0, |s| s.chars().count()));
    // how many of the tail, then of the head (from its end), fit the budget
    let mut n = 0;
    let mut n_tail = 0;
    for (a, b) in tail.iter().map(|w| w.span()) {
        if n + (b - a) > budget && n_tail > 0 {
            break;
        }
        n += b - a;
        n_tail += 1;
    }
    let mut n_head = 0;
    for (a, b) in head.iter().rev().map(|w| w.span()) {
        if n + (b - a) > budget && n_head + n_tail > 0 {
            break;
        }
        n += b - a;
        n_head += 1;
    }
    let kept = head[head.len() - n_head..]
        .iter()
        .map(|w| w.span())
        .chain(tail[..n_tail].iter().map(|w| w.span()));
    // no room for an empty subject (the suffix goes only after some text)
    let mut text = String::with_capacity(if n == 0 { 0 } else { 3 * (n + 2) });
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(n_head + n_tail);
    for (a, b) in kept {
        // char by char into the room reserved above (`extend` reserved again
        // for each range: build 8.6 -> 7.8 M of 805 M instructions, callgrind)
        for &c in &cs[a..b] {
            text.push(c);
        }
        // neighbouring ranges as one (the workstation highlights each range)
        match spans.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => spans.push((a, b)),
        }
    }
    if let Some(s) = suffix
        && !text.is_empty()
    {
        text.push_str(s);
    }
    Subject { text, spans, verb }
}

impl Clause {
    /// Segment `cs[start..end]` into the clause's words. The HMM for words outside
    /// the dictionary is off: it costs about a hundred times as much per clause
    /// (measured with jieba-rs 0.11), and an unknown character is kept as a word.
    fn tag_words(&mut self, cs: &[char]) {
        let (a, b) = (self.start, self.end);
        self.words.clear();
        if a >= b {
            return;
        }
        let words = &mut self.words;
        // the words as the segmenter gives them: through a list of its own and a
        // second pass they cost 3.7 M more of 830 M instructions (callgrind)
        segment::tag_each(&cs[a..b], |t| {
            let (start, end) = (a + t.start, a + t.end);
            let unknown_han = t.kind == Tag::X
                && t.tag == "x"
                && cs[start..end].iter().all(|&c| crate::text::is_cjk(c));
            words.push(Word {
                start,
                end,
                tag: if unknown_han { Tag::Zg } else { t.kind },
            });
        });
    }
}

/// The characters of `w`. Inlined: a call for each of 118 K words cost 1.3 M
/// of 690.8 M instructions (callgrind).
#[inline(always)]
fn word<'c>(cs: &'c [char], w: &Word) -> &'c [char] {
    &cs[w.start..w.end]
}

/// Whether word `w` is `s`. Given as characters, not a `&str`: decoding the
/// constant at each call cost about 2 M of 703 M instructions (callgrind).
#[inline(always)]
fn word_is(cs: &[char], w: &Word, s: &[char]) -> bool {
    word(cs, w) == s
}

/// The action word right before the number (培训, 慰问, 接待): a verb that is the
/// last kept word of the clause and stands next to the figure but for particles.
fn action_before(words: &[Word], start: usize, cs: &[char]) -> Option<(usize, usize)> {
    let w = words.last()?;
    let gap_ok = cs[w.end..start].iter().all(|&c| {
        matches!(
            c,
            '了' | '共' | '计' | '为' | '给' | '向' | '对' | '达' | '到' | '约' | '近' | '有'
        )
    });
    (matches!(w.tag, Tag::V | Tag::Vn | Tag::Vd) && gap_ok).then_some((w.start, w.end))
}

/// The noun phrase right after a count's unit: `妇女`, `特困老年妇女`,
/// `15-49周岁妇女`, `留守妇女` (a verb may modify the noun it comes before), across
/// quotes and, where `after_de`, a `的`. It ends at a function word, or at a verb
/// after its noun.
fn noun_phrase_after(cs: &[char], words: &[Word], after_de: bool) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut lead = true;
    let mut has_noun = false;
    for w in words {
        let ws = word(cs, w);
        if ws.iter().all(|&c| is_quote(c)) {
            continue;
        }
        if lead && word_is(cs, w, &['的']) {
            if !after_de {
                break;
            }
            continue;
        }
        if lead && out.len() < 5 && is_age_word(cs, w) {
            out.push(Word { tag: Tag::M, ..*w });
            continue;
        }
        lead = false;
        let acts = acts_as_verb(cs, words, w, has_noun);
        let verb = acts
            || matches!(
                w.tag,
                Tag::V | Tag::Vd | Tag::Vg | Tag::Ad | Tag::I | Tag::L
            );
        if acts && out.is_empty() {
            break;
        }
        if is_function_word(w.tag) || is_time(cs, w) || (verb && has_noun) || is_not_what(ws) {
            break;
        }
        has_noun |= !matches!(
            w.tag,
            Tag::V | Tag::Vd | Tag::Vg | Tag::A | Tag::Ad | Tag::B | Tag::Z
        );
        out.push(*w);
    }
    end_on_noun(&mut out);
    out
}

/// An age or range before the noun (20多万15-49周岁妇女).
fn is_age_word(cs: &[char], w: &Word) -> bool {
    w.tag == Tag::M
        || matches!(word(cs, w), ['-' | '~' | '—' | '至' | '到'])
        || word_is(cs, w, &['周', '岁'])
        || word_is(cs, w, &['岁'])
}

/// Whether a verbal noun of the phrase acts as a verb: 救助了, a verbal noun with an
/// aspect particle after it; 老人免费体检, after the noun, a verbal noun before a
/// verb begins what they got.
fn acts_as_verb(cs: &[char], words: &[Word], w: &Word, has_noun: bool) -> bool {
    // only a verbal noun: the search for the next word is for it alone
    if w.tag != Tag::Vn {
        return false;
    }
    let next = words.iter().find(|x| x.start == w.end);
    let aspect = next.is_some_and(|x| matches!(word(cs, x), ['了' | '着' | '过']));
    let next_is_verb = next.is_some_and(|x| matches!(x.tag, Tag::V | Tag::Vn));
    aspect || (has_noun && next_is_verb)
}

/// End the phrase on its noun: modifiers left hanging are dropped, and a phrase of
/// numbers only is none.
fn end_on_noun(out: &mut Vec<Word>) {
    while out.last().is_some_and(|w| {
        matches!(
            w.tag,
            Tag::V | Tag::Vd | Tag::Vg | Tag::A | Tag::Ad | Tag::B | Tag::Z | Tag::M
        )
    }) {
        out.pop();
    }
    if out.iter().all(|w| w.tag == Tag::M) {
        out.clear();
    }
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '‘' | '’' | '\'' | '《' | '》' | '「' | '」'
    )
}

/// Whether `cs[..i]` ends with `s`. Given as characters: through
/// `units::ends_at` and a `&str` decoded at each call, the three questions of
/// each figure cost 1.1 M of 690.8 M instructions (callgrind).
#[inline]
fn ends_with(cs: &[char], i: usize, s: &[char]) -> bool {
    let Some(before) = cs.get(..i) else {
        return false;
    };
    // compared char by char from the end (`<[char]>::ends_with` is a call to a
    // memory compare, 33 instructions a question)
    before.len() >= s.len() && before.iter().rev().zip(s.iter().rev()).all(|(a, b)| a == b)
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | ':' | '：' | '!' | '！' | '?' | '？' | '|'
    )
}

#[cfg(test)]
mod tests;
