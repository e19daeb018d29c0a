//! The words of a clause and their parts of speech, exactly as jieba-rs 0.11 gives
//! them (`Jieba::tag(text, false)`: dictionary words along the most probable route,
//! no HMM for unknown words), over the dictionary built into the binary
//! (`dictionary.rs`). `tests/segmenter.rs` holds the two to the same answer on
//! every clause of the gold sets and on random ones.
//!
//! jieba-rs is the reference, not the engine: its `Jieba::new()` costs about 130 ms
//! at start-up, and its `tag` builds a `String` and a `Vec` per clause. Here a
//! clause is read from the line's characters as they are, into buffers kept per
//! thread.

use std::cell::RefCell;

use super::dictionary::{DICTIONARY, Dictionary, Entry, is_jieba_cjk};
use super::tag::Tag;

/// One word: its char range in the clause and jieba's part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    pub start: usize,
    pub end: usize,
    pub tag: &'static str,
    /// `tag` as the rules read it.
    pub kind: Tag,
}

/// One step of the best route through a block: the word taken at a character.
#[derive(Clone, Copy)]
struct Step {
    /// log-probability of the rest of the block from here
    prob: f64,
    end: usize,
    word: Option<Entry>,
}

/// Buffers reused from clause to clause.
#[derive(Default)]
struct Scratch {
    route: Vec<Step>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// jieba's `RE_HAN_DEFAULT`: the characters segmented with the dictionary; any
/// other character is a word of its own. Inlined, with the common ideographs
/// and ASCII settled first: a call per character cost 2.4 M of 731.6 M
/// instructions on bench-sub (callgrind).
#[inline(always)]
fn is_han(c: char) -> bool {
    let u = c as u32;
    if (0x4E00..=0x9FFF).contains(&u) {
        true
    } else if u < 128 {
        HAN_ASCII >> u & 1 == 1
    } else {
        is_jieba_cjk(c)
    }
}

/// The ASCII characters of `RE_HAN_DEFAULT`, a bit each: letters, digits and
/// `+#&._%-`.
const HAN_ASCII: u128 = {
    let mut mask = 0u128;
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'&' | b'.' | b'_' | b'%' | b'-')
        {
            mask |= 1 << b;
        }
        b += 1;
    }
    mask
};

/// The words of `cs`, appended to `out` (char ranges within `cs`).
pub fn tag(cs: &[char], out: &mut Vec<Tagged>) {
    tag_each(cs, |t| out.push(t));
}

/// The words of `cs` in order, each handed to `emit` (char ranges within `cs`):
/// a caller keeps them as it reads them, with no list of `Tagged` in between.
pub fn tag_each(cs: &[char], mut emit: impl FnMut(Tagged)) {
    let dict = &*DICTIONARY;
    SCRATCH.with(|s| {
        let scratch = &mut *s.borrow_mut();
        let mut i = 0;
        while i < cs.len() {
            let han = is_han(cs[i]);
            let j = i + cs[i..].iter().take_while(|&&c| is_han(c) == han).count();
            if han {
                tag_block(dict, &cs[i..j], i, scratch, &mut emit);
            } else {
                tag_others(dict, &cs[i..j], i, &mut emit);
            }
            i = j;
        }
    });
}

/// Characters outside the dictionary's class: one word each (`\r\n` one word).
fn tag_others(dict: &Dictionary, cs: &[char], base: usize, emit: &mut impl FnMut(Tagged)) {
    let mut i = 0;
    while i < cs.len() {
        let n = if cs[i] == '\r' && cs.get(i + 1) == Some(&'\n') {
            2
        } else {
            1
        };
        let (tag, kind) = dict
            .get(&cs[i..i + n])
            .map_or(("x", Tag::X), |e| (dict.tag(e), dict.kind(e)));
        emit(Tagged {
            start: base + i,
            end: base + i + n,
            tag,
            kind,
        });
        i += n;
    }
}

/// A run of the dictionary's characters: the most probable route through its
/// words (ties to the longer word), then runs of ASCII letters and digits the
/// route leaves as single characters joined into one word.
#[inline(never)]
fn tag_block(
    dict: &Dictionary,
    cs: &[char],
    base: usize,
    s: &mut Scratch,
    out: &mut impl FnMut(Tagged),
) {
    let n = cs.len();
    route(dict, cs, s);
    // a joined run is a word of its own if the dictionary has it
    let run_word = |a: usize, b: usize, route: &[Step]| {
        if b - a == 1 {
            route[a].word
        } else {
            dict.get(&cs[a..b])
        }
    };
    let mut x = 0;
    let mut run: Option<usize> = None;
    while x < n {
        let Step { end: y, word, .. } = s.route[x];
        if y - x == 1 && cs[x].is_ascii_alphanumeric() {
            run.get_or_insert(x);
        } else {
            if let Some(a) = run.take() {
                emit_word(dict, cs, base, (a, x), run_word(a, x, &s.route), out);
            }
            // a step without a word is a character no word starts at
            emit_word(dict, cs, base, (x, y), word, out);
        }
        x = y;
    }
    if let Some(a) = run {
        emit_word(dict, cs, base, (a, n), run_word(a, n, &s.route), out);
    }
}

/// Hand the word `cs[a..b]` of the block at `base` to `out`, with its tag.
/// Inlined: as a call for each word it cost 2.6 M more of 805 M instructions
/// (callgrind).
#[inline(always)]
fn emit_word(
    dict: &Dictionary,
    cs: &[char],
    base: usize,
    (a, b): (usize, usize),
    word: Option<Entry>,
    out: &mut impl FnMut(Tagged),
) {
    let (tag, kind) = match word {
        Some(e) => (dict.tag(e), dict.kind(e)),
        None => guess(dict, &cs[a..b]),
    };
    out(Tagged {
        start: base + a,
        end: base + b,
        tag,
        kind,
    });
}

/// jieba's `calc`: from the block's end back, the word at each character that
/// makes the rest most probable; a character no word starts at stands alone.
/// The dictionary's words at each character are weighed as the trie walk finds
/// them: kept in a list first, then weighed, they cost about 10 M more of 830 M
/// instructions on bench-sub (callgrind).
fn route(dict: &Dictionary, cs: &[char], s: &mut Scratch) {
    let n = cs.len();
    let log_total = dict.log_total();
    let end = Step {
        prob: 0.0,
        end: n,
        word: None,
    };
    // every step before `n` is written before it is read (a step reads only
    // those after it), so only the last needs setting, and the buffer is only
    // ever grown (a resize for each block, shrinking too: route 22.5 -> 21.5 M,
    // callgrind)
    if s.route.len() <= n {
        s.route.resize(n + 1, end);
    }
    s.route[n] = end;
    // the best of the rest from the step after, as the step before left it
    let mut next_prob = end.prob;
    for i in (0..n).rev() {
        // a character no word starts at stands alone; the first word replaces it
        // (the best kept as an `Option` instead: route 22.6 -> 24.1 M, callgrind)
        let mut best = Step {
            prob: (0.0 - log_total) + next_prob,
            end: i + 1,
            word: None,
        };
        let route = &s.route;
        dict.prefixes(&cs[i..], |len, e| {
            let end = i + len;
            // the same operations in the same order as jieba-rs, so ties fall
            // alike: (ln(freq) - ln(total)) + the rest
            let prob = dict.log_prob(e) + route[end].prob;
            // the words come shortest first, so a tie goes to the longer word
            if best.word.is_none() || prob >= best.prob {
                best = Step {
                    prob,
                    end,
                    word: Some(e),
                };
            }
        });
        s.route[i] = best;
        next_prob = best.prob;
    }
}

/// jieba's tag for a word not in the dictionary, and the rules' reading of it:
/// `m` for digits, `eng` for other ASCII letters and digits, its model's guess
/// for a Han character, else `x` (the reading given with the name, not looked up
/// by it: 17,842 lookups cost 0.27 M, callgrind). Kept out of line: the route's
/// words take the other branch (about 100 K of 116 K words on bench-sub), and
/// inlined this cost them 3.7 M (callgrind).
#[inline(never)]
fn guess(dict: &Dictionary, w: &[char]) -> (&'static str, Tag) {
    // one pass: any ASCII letter makes it `eng`, else any digit `m` (two counts
    // of the word's characters compared: guess 1.20 -> 1.00 M, callgrind)
    let (mut letter, mut digit) = (false, false);
    for c in w {
        letter |= c.is_ascii_alphabetic();
        digit |= c.is_ascii_digit();
    }
    if letter {
        return ("eng", Tag::Eng);
    }
    if digit {
        return ("m", Tag::M);
    }
    match w {
        // the route joins no unknown Han characters: one stands alone
        [c] if is_jieba_cjk(*c) => dict.guess(*c),
        _ => ("x", Tag::X),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_for_ideographs_keeps_jiebas_class() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let want = if c.is_ascii() {
                c.is_ascii_alphanumeric() || "+#&._%-".contains(c)
            } else {
                is_jieba_cjk(c)
            };
            assert_eq!(is_han(c), want, "{c:?}");
        }
    }
}
