//! jieba's dictionary (the one jieba-rs 0.11 ships: 349,045 words, each with a
//! frequency and a part of speech) as a table built into the binary, read where it
//! lies: nothing is parsed or built at start-up.
//!
//! `jieba_rs::Jieba::new()` builds a trie of the whole dictionary on first use,
//! about 130 ms on the build machine, paid by every `zongjie parse` and every
//! workstation start. This table is such a trie laid out ahead of time by [`build`]
//! (`tests/segmenter.rs` checks the committed file against jieba-rs's own
//! `dict.txt` and writes it anew with `ZONGJIE_BLESS=1`).
//!
//! Layout (little-endian; every section starts on a multiple of 4 bytes):
//!
//! | section | content |
//! |---|---|
//! | header | `ZJDICT5\0`, u64 sum of all frequencies, u128 set of the ASCII characters found after the first in some word (bit `c` for `c`) |
//! | tags | u32 byte length, the tag names joined by `\n`, padding |
//! | freqs | u32 count, the distinct frequencies as u32, ascending |
//! | root | u32 count, per character code: the one-character word's entry (bits 0–19), whether longer words start with it (bit 20); 0: no word does |
//! | nodes | u32 count, then one u64 per prefix of three or more characters of a word (a trie node) |
//! | guess | u32 count, u32 runs `char << 8 \| tag`: jieba's guessed tag of a lone Han character that is not a word |
//! | pairs | u32 count (2^19), then per slot a u64: a check of the two first characters of a word and what the walk reads next (0: empty) |
//!
//! A word's entry is 0 where the prefix is not a word, else 1 + the index of its
//! frequency << 6 + its tag's index.
//!
//! The nodes are in breadth-first order, each level sorted, so the children of a
//! prefix are consecutive and sorted by character. A node and a slot of the pairs
//! hold the same fields above bit 17: the prefix's entry (20 bits), its first
//! child (19 bits) and its number of children (8 bits). Below, a node holds its
//! last character, a slot its check.
//!
//! The pairs are a hash table (open addressing, linear probing) from a word's
//! first two characters to what the trie walk reads next. A common first
//! character has hundreds of children: their binary search missed the cache at
//! each step, and was most of the segmenter's time (`perf annotate`); one probe
//! of the table replaces it. Twice as many slots as pairs, 2^19 of them: 4 MB.
//! A slot keeps the low 13 bits of its key's hash and its distance from the
//! key's first slot (at most 15): the hash is a bijection of the 32-bit key, and
//! its other 19 bits name that first slot, so the two settle the key exactly.
//! The walk of a position whose words end at two characters reads the root and
//! one slot, not also a node of each level (the first character's node and
//! the pair's node, which missed the cache: `perf annotate`).

use std::sync::LazyLock;

use super::tag::Tag;

mod build;

pub use build::build;

const MAGIC: &[u8; 8] = b"ZJDICT5\0";

/// The dictionary, as built by [`build`] from jieba-rs 0.11's `dict.txt`.
static DATA: &[u8] = include_bytes!("jieba_dict.bin");

/// The built-in dictionary. Reading the header takes microseconds (the
/// frequencies' logarithms, a few thousand, are the whole cost).
pub static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    Dictionary::new(DATA).expect("the built-in dictionary is well formed (tests/segmenter.rs)")
});

const CHAR_BITS: u32 = 16;
/// Bits 0–16 of a node or slot: a node's last character, a slot's check.
const KEY_BITS: u32 = 17;
const ENTRY_SHIFT: u32 = KEY_BITS;
const ENTRY_BITS: u32 = 20;
const CHILD_SHIFT: u32 = ENTRY_SHIFT + ENTRY_BITS;
const CHILD_BITS: u32 = 19;
const COUNT_SHIFT: u32 = CHILD_SHIFT + CHILD_BITS;
const COUNT_BITS: u32 = 64 - COUNT_SHIFT;
const TAG_BITS: u32 = 6;
/// A root entry's flag: words of two or more characters start with it.
const LONGER: u32 = 1 << ENTRY_BITS;
/// The table of pairs has `1 << PAIR_BITS` slots; a slot's check is the low
/// `CHECK_BITS` of its key's hash, its distance from the first slot the rest.
const PAIR_BITS: u32 = 19;
const PAIR_SLOTS: usize = 1 << PAIR_BITS;
const CHECK_BITS: u32 = 32 - PAIR_BITS;
const MAX_DISTANCE: usize = (1 << (KEY_BITS - CHECK_BITS)) - 1;

/// A word of the dictionary: its frequency's and its tag's place in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry(u32);

pub struct Dictionary {
    tags: Vec<&'static str>,
    /// `tags` as the rules read them, mapped once.
    kinds: Vec<Tag>,
    /// `ln` of each frequency less `ln` of their sum: a word's share of the
    /// route, subtracted once here instead of at every step of every route.
    log_probs: Vec<f64>,
    log_total: f64,
    /// The ASCII characters found after the first in some word, a bit each.
    later_ascii: u128,
    // the sections as arrays of their items' bytes: an item is read with one
    // bounds check, not a byte range and a conversion (with the children found
    // by `binary_search_by_key`: route 26.0 -> 24.1 M on bench-sub, callgrind)
    root: &'static [[u8; 4]],
    nodes: &'static [[u8; 8]],
    guess: &'static [[u8; 4]],
    /// The table of first two characters (see the layout).
    pairs: &'static [[u8; 8]; PAIR_SLOTS],
}

#[derive(Debug)]
pub struct Malformed(&'static str);

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed dictionary table: {}", self.0)
    }
}

impl std::error::Error for Malformed {}

/// Reads the sections of the table in order.
struct Cursor {
    data: &'static [u8],
    at: usize,
}

impl Cursor {
    fn take(&mut self, n: usize) -> Result<&'static [u8], Malformed> {
        let end = self.at.checked_add(n).ok_or(Malformed("size"))?;
        let s = self.data.get(self.at..end).ok_or(Malformed("truncated"))?;
        self.at = end.next_multiple_of(4);
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, Malformed> {
        Ok(read_u32(self.take(4)?, 0))
    }

    /// A section of `count` items of `size` bytes, after its u32 count.
    fn items(&mut self, size: usize) -> Result<&'static [u8], Malformed> {
        let n = self.u32()? as usize;
        self.take(n.checked_mul(size).ok_or(Malformed("size"))?)
    }

    /// A section of `count` items of `N` bytes each, after its u32 count.
    fn arrays<const N: usize>(&mut self) -> Result<&'static [[u8; N]], Malformed> {
        Ok(self.items(N)?.as_chunks::<N>().0)
    }
}

fn read_u32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes"))
}

fn node_char(node: u64) -> u32 {
    (node & ((1 << CHAR_BITS) - 1)) as u32
}

/// The entry of a prefix: in a node or a slot's bits from `shift` (0 for the root).
fn entry_at(v: u64, shift: u32) -> Option<Entry> {
    let e = ((v >> shift) & ((1 << ENTRY_BITS) - 1)) as u32;
    (e != 0).then(|| Entry(e - 1))
}

/// The children of the prefix of a node or a slot: their range in the nodes.
fn children(v: u64) -> std::ops::Range<usize> {
    let first = ((v >> CHILD_SHIFT) & ((1 << CHILD_BITS) - 1)) as usize;
    first..first + (v >> COUNT_SHIFT) as usize
}

/// The key of a two-character prefix; none for characters beyond the table's.
fn pair_key(a: char, b: char) -> Option<u32> {
    let (a, b) = (a as u32, b as u32);
    (a < 1 << CHAR_BITS && b < 1 << CHAR_BITS).then_some(a << CHAR_BITS | b)
}

/// A key's first slot and its check (Fibonacci hashing: the product by an odd
/// number is a bijection of `u32`, so the two give the key back).
fn pair_hash(key: u32) -> (usize, u64) {
    let h = key.wrapping_mul(0x9E37_79B9);
    (
        (h >> CHECK_BITS) as usize,
        (h & ((1 << CHECK_BITS) - 1)) as u64,
    )
}

impl Dictionary {
    pub fn new(data: &'static [u8]) -> Result<Self, Malformed> {
        let mut cur = Cursor { data, at: 0 };
        if cur.take(8)? != MAGIC {
            return Err(Malformed("magic"));
        }
        let total = u64::from_le_bytes(cur.take(8)?.try_into().expect("8 bytes"));
        let later_ascii = u128::from_le_bytes(cur.take(16)?.try_into().expect("16 bytes"));
        let names = cur.items(1)?;
        let tags: Vec<&'static str> = std::str::from_utf8(names)
            .map_err(|_| Malformed("tag names"))?
            .split('\n')
            .collect();
        let freqs = cur.items(4)?;
        let log_total = (total as f64).ln();
        // as jieba-rs computes them (`ln(freq) - ln(total)`, then the rest of the
        // route added), so routes compare exactly as its do
        let log_probs = (0..freqs.len() / 4)
            .map(|i| (read_u32(freqs, i) as f64).ln() - log_total)
            .collect();
        let root = cur.arrays::<4>()?;
        let nodes = cur.arrays::<8>()?;
        let guess = cur.arrays::<4>()?;
        let pairs = cur
            .arrays::<8>()?
            .try_into()
            .map_err(|_| Malformed("pairs"))?;
        if guess.is_empty() {
            return Err(Malformed("no guessed tags"));
        }
        Ok(Dictionary {
            kinds: tags.iter().map(|t| Tag::of(t)).collect(),
            tags,
            log_probs,
            log_total,
            later_ascii,
            root,
            nodes,
            guess,
            pairs,
        })
    }

    /// Whether `c` may follow the first character of a word. No digit does in
    /// jieba's dictionary: the character before a number, and the words that
    /// end right before one, go on to no probe of the table of pairs nor
    /// search of a node's children (one a figure at least, each a miss of the
    /// cache most likely: last-level misses of the segmenter 243.7 K -> 216.8 K
    /// on bench-sub, cachegrind).
    #[inline(always)]
    fn may_follow(&self, c: char) -> bool {
        let c = c as u32;
        c >= 128 || self.later_ascii >> c & 1 == 1
    }

    /// The root entry of `c` (see the layout), if a word starts with it.
    #[inline]
    fn root(&self, c: char) -> Option<u32> {
        let root = u32::from_le_bytes(*self.root.get(c as usize)?);
        (root != 0).then_some(root)
    }

    /// The slot of the two-character prefix `a b`, if a word starts with it: one
    /// probe of the table of pairs (rarely a few).
    #[inline(always)]
    fn pair(&self, a: char, b: char) -> Option<u64> {
        if !self.may_follow(b) {
            return None;
        }
        let (first, check) = pair_hash(pair_key(a, b)?);
        for distance in 0..MAX_DISTANCE + 1 {
            let v = u64::from_le_bytes(self.pairs[(first + distance) % PAIR_SLOTS]);
            if v == 0 {
                return None;
            }
            if v & ((1 << KEY_BITS) - 1) == check | (distance as u64) << CHECK_BITS {
                return Some(v);
            }
        }
        None
    }

    /// The node of the prefix one character longer than that of `v` (a node or
    /// a slot), on `c`: a binary search of its children, sorted by character.
    #[inline]
    fn child(&self, v: u64, c: char) -> Option<u64> {
        if !self.may_follow(c) {
            return None;
        }
        let children = self.nodes.get(children(v))?;
        let k = children
            .binary_search_by_key(&(c as u32), |&n| node_char(u64::from_le_bytes(n)))
            .ok()?;
        Some(u64::from_le_bytes(children[k]))
    }

    /// Every word that starts `cs`, shortest first: `emit(length, entry)`. The
    /// second character is found by the table of pairs, each later one by a
    /// search of the children.
    #[inline]
    pub fn prefixes(&self, cs: &[char], mut emit: impl FnMut(usize, Entry)) {
        let Some((&first, rest)) = cs.split_first() else {
            return;
        };
        let Some(root) = self.root(first) else {
            return;
        };
        if let Some(e) = entry_at(root.into(), 0) {
            emit(1, e);
        }
        if root & LONGER == 0 {
            return;
        }
        let Some(mut v) = rest.first().and_then(|&c| self.pair(first, c)) else {
            return;
        };
        let mut len = 2;
        loop {
            if let Some(e) = entry_at(v, ENTRY_SHIFT) {
                emit(len, e);
            }
            match cs.get(len).and_then(|&c| self.child(v, c)) {
                Some(next) => v = next,
                None => return,
            }
            len += 1;
        }
    }

    /// The entry of the word `w`, if it is one.
    pub fn get(&self, w: &[char]) -> Option<Entry> {
        let (&first, rest) = w.split_first()?;
        let root = self.root(first)?;
        let Some((&second, rest)) = rest.split_first() else {
            return entry_at(root.into(), 0);
        };
        let mut v = self.pair(first, second)?;
        for &c in rest {
            v = self.child(v, c)?;
        }
        entry_at(v, ENTRY_SHIFT)
    }

    pub fn tag(&self, e: Entry) -> &'static str {
        self.tags[(e.0 & ((1 << TAG_BITS) - 1)) as usize]
    }

    /// The word's tag as the rules read it.
    pub fn kind(&self, e: Entry) -> Tag {
        self.kinds[(e.0 & ((1 << TAG_BITS) - 1)) as usize]
    }

    /// `ln` of the word's frequency less `ln` of the sum of all frequencies.
    pub fn log_prob(&self, e: Entry) -> f64 {
        self.log_probs[(e.0 >> TAG_BITS) as usize]
    }

    /// `ln` of the sum of all frequencies.
    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// The tag jieba guesses for a lone Han character that is not a word, and
    /// the rules' reading of it.
    pub fn guess(&self, c: char) -> (&'static str, Tag) {
        let n = self.guess.len();
        let (mut lo, mut hi) = (0, n);
        // the last run starting at or before `c`
        while lo < hi {
            let mid = (lo + hi) / 2;
            if u32::from_le_bytes(self.guess[mid]) >> 8 <= c as u32 {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let run = u32::from_le_bytes(self.guess[lo.max(1) - 1]);
        let tag = (run & 0xFF) as usize;
        (self.tags[tag], self.kinds[tag])
    }
}

/// The characters jieba-rs calls CJK (its `is_cjk`): those its part-of-speech
/// model is asked about.
pub const JIEBA_CJK: &[(char, char)] = &[
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{20000}', '\u{2A6DF}'),
    ('\u{2A700}', '\u{2B73F}'),
    ('\u{2B740}', '\u{2B81F}'),
    ('\u{2B820}', '\u{2CEAF}'),
    ('\u{2CEB0}', '\u{2EBEF}'),
    ('\u{2F800}', '\u{2FA1F}'),
];

pub fn is_jieba_cjk(c: char) -> bool {
    JIEBA_CJK.iter().any(|&(a, b)| (a..=b).contains(&c))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A table of a few words read back as the segmenter reads the built-in one.
    fn small() -> Dictionary {
        let dict = "中 5 ns\n中国 9 ns\n中国人 7 n\n中国人民 3 nt\n国人 2 n\nab 4 eng\n人 6 n\n";
        let table = build(dict, |_| "x".to_string()).expect("a small dictionary");
        Dictionary::new(Box::leak(table.into_boxed_slice())).expect("well formed")
    }

    fn words(d: &Dictionary, s: &str) -> Vec<(usize, &'static str)> {
        let cs: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        d.prefixes(&cs, |len, e| out.push((len, d.tag(e))));
        out
    }

    #[test]
    fn prefixes_are_the_words_that_start_a_text_shortest_first() {
        let d = small();
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("中", &[(1, "ns")]),
            ("中国人民银行", &[(1, "ns"), (2, "ns"), (3, "n"), (4, "nt")]),
            ("中华", &[(1, "ns")]),
            // a prefix that is no word (国) starts words all the same
            ("国人民", &[(2, "n")]),
            ("国", &[]),
            ("abc", &[(2, "eng")]),
            ("a", &[]),
            // full-width digits, traditional and astral characters are in no word
            ("１２", &[]),
            ("國人", &[]),
            ("中\u{20000}", &[(1, "ns")]),
        ];
        for &(text, want) in cases {
            assert_eq!(words(&d, text), want, "{text:?}");
        }
    }

    #[test]
    fn get_finds_exactly_the_words() {
        let d = small();
        for (w, is_word) in [
            ("中国人", true),
            ("中国人民", true),
            ("中国人民银", false),
            ("国", false),
            ("国人", true),
            ("ab", true),
            ("", false),
            ("\u{20000}", false),
        ] {
            let cs: Vec<char> = w.chars().collect();
            assert_eq!(d.get(&cs).is_some(), is_word, "{w:?}");
        }
    }

    /// The key of the pair held in slot `slot` (see `pair_hash`).
    fn slot_key(slot: usize, v: u64) -> u32 {
        let check = (v & ((1 << CHECK_BITS) - 1)) as u32;
        let distance = ((v & ((1 << KEY_BITS) - 1)) >> CHECK_BITS) as usize;
        let first = (slot + PAIR_SLOTS - distance) % PAIR_SLOTS;
        let h = (first as u32) << CHECK_BITS | check;
        // the inverse of 0x9E37_79B9 modulo 2^32
        h.wrapping_mul(0x144C_BC89)
    }

    #[test]
    fn the_ascii_characters_that_follow_a_first_one_are_those_of_the_pairs_and_nodes() {
        let dict = &*DICTIONARY;
        let mut pairs = 0;
        for (slot, v) in dict.pairs.iter().enumerate() {
            let v = u64::from_le_bytes(*v);
            if v == 0 {
                continue;
            }
            pairs += 1;
            let key = slot_key(slot, v);
            let a = char::from_u32(key >> CHAR_BITS).expect("a character");
            let b = char::from_u32(key & ((1 << CHAR_BITS) - 1)).expect("a character");
            assert_eq!(dict.pair(a, b), Some(v), "{a:?}{b:?}");
            assert!(dict.may_follow(b), "{a:?}{b:?}");
        }
        assert!(pairs > 100_000, "{pairs}");
        for node in dict.nodes {
            let c = char::from_u32(node_char(u64::from_le_bytes(*node))).expect("a character");
            assert!(dict.may_follow(c), "{c:?}");
        }
        for (c, want) in [
            ('1', false),
            ('0', false),
            ('.', false),
            ('%', false),
            ('A', true),
            ('s', true),
            ('a', false),
            ('中', true),
            ('１', true),
        ] {
            assert_eq!(dict.may_follow(c), want, "{c:?}");
        }
    }

    #[test]
    fn a_slot_check_and_first_slot_give_the_key_back() {
        let keys = [0, 1, 0x4E2D_56FD, 0xFFFF_FFFF, 0x0061_0062, 0x8000_0000];
        let mut seen = HashMap::new();
        for key in keys {
            let (first, check) = pair_hash(key);
            assert!(first < PAIR_SLOTS && check < 1 << CHECK_BITS, "{key:#x}");
            assert_eq!(seen.insert((first, check), key), None, "{key:#x}");
        }
    }
}
