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
//! | header | `ZJDICT3\0`, u64 sum of all frequencies |
//! | tags | u32 byte length, the tag names joined by `\n`, padding |
//! | freqs | u32 count, the distinct frequencies as u32, ascending |
//! | root | u32 count, per character code: the node of the one-character prefix + 1, or 0 |
//! | nodes | u32 count, then one u64 per prefix of a word (a trie node), and one more |
//! | guess | u32 count, u32 runs `char << 8 \| tag`: jieba's guessed tag of a lone Han character that is not a word |
//! | pairs | u32 count (a power of two), then per slot a u64: the two first characters of a word (`a << 16 \| b`, bits 0–31) and their node + 1 (bits 32–63, 0: empty) |
//!
//! The nodes are in breadth-first order, each level sorted, so the children of a
//! node are consecutive and sorted by character: they run from its first child to
//! the next node's first child (the extra node at the end closes the last range).
//! A node holds, from bit 0: its last character (16 bits), its first child (20
//! bits) and its word's entry (20 bits; 0: the prefix is not a word; else 1 + the
//! index of its frequency << 6 + its tag's index). 498,113 nodes: about 4 MB.
//!
//! The pairs are a hash table (open addressing, linear probing) from a word's
//! first two characters to their node. A common first character has hundreds of
//! children: their binary search missed the cache at each step, and was most of
//! the segmenter's time (`perf annotate`); one probe of the table replaces it.
//! Twice as many slots as pairs, 2^19 of them: 4 MB more in the binary.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::tag::Tag;

const MAGIC: &[u8; 8] = b"ZJDICT3\0";

/// The dictionary, as built by [`build`] from jieba-rs 0.11's `dict.txt`.
static DATA: &[u8] = include_bytes!("jieba_dict.bin");

/// The built-in dictionary. Reading the header takes microseconds (the
/// frequencies' logarithms, a few thousand, are the whole cost).
pub static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    Dictionary::new(DATA).expect("the built-in dictionary is well formed (tests/segmenter.rs)")
});

const CHAR_BITS: u32 = 16;
const CHILD_SHIFT: u32 = CHAR_BITS;
const CHILD_BITS: u32 = 20;
const ENTRY_SHIFT: u32 = CHILD_SHIFT + CHILD_BITS;
const ENTRY_BITS: u32 = 20;
const TAG_BITS: u32 = 6;

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
    // the sections as arrays of their items' bytes: an item is read with one
    // bounds check, not a byte range and a conversion (with the children found
    // by `binary_search_by_key`: route 26.0 -> 24.1 M on bench-sub, callgrind)
    root: &'static [[u8; 4]],
    nodes: &'static [[u8; 8]],
    guess: &'static [[u8; 4]],
    /// The table of first two characters (see the layout); its length is a power of two.
    pairs: &'static [[u8; 8]],
    pair_bits: u32,
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

fn first_child(node: u64) -> usize {
    ((node >> CHILD_SHIFT) & ((1 << CHILD_BITS) - 1)) as usize
}

fn entry_of(node: u64) -> Option<Entry> {
    let e = ((node >> ENTRY_SHIFT) & ((1 << ENTRY_BITS) - 1)) as u32;
    (e != 0).then(|| Entry(e - 1))
}

/// The key of a two-character prefix; none for characters beyond the table's.
fn pair_key(a: char, b: char) -> Option<u32> {
    let (a, b) = (a as u32, b as u32);
    (a < 1 << CHAR_BITS && b < 1 << CHAR_BITS).then_some(a << CHAR_BITS | b)
}

/// A key's first slot in a table of `1 << bits` slots (Fibonacci hashing).
fn pair_slot(key: u32, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9) >> (32 - bits)) as usize
}

impl Dictionary {
    pub fn new(data: &'static [u8]) -> Result<Self, Malformed> {
        let mut cur = Cursor { data, at: 0 };
        if cur.take(8)? != MAGIC {
            return Err(Malformed("magic"));
        }
        let total = u64::from_le_bytes(cur.take(8)?.try_into().expect("8 bytes"));
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
        let pairs = cur.arrays::<8>()?;
        let slots = pairs.len();
        if nodes.is_empty() || guess.is_empty() || !slots.is_power_of_two() || slots < 2 {
            return Err(Malformed("no nodes, no guessed tags or no table of pairs"));
        }
        Ok(Dictionary {
            kinds: tags.iter().map(|t| Tag::of(t)).collect(),
            tags,
            log_probs,
            log_total,
            root,
            nodes,
            guess,
            pairs,
            pair_bits: slots.trailing_zeros(),
        })
    }

    #[inline]
    fn node(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.nodes[i])
    }

    /// The node of the one-character prefix `c`, if a word starts with it.
    #[inline]
    fn root(&self, c: char) -> Option<usize> {
        let node = u32::from_le_bytes(*self.root.get(c as usize)?);
        (node as usize).checked_sub(1)
    }

    /// The child of node `i` (whose content is `node`) on `c`: a binary search of
    /// its children, which are sorted by character.
    #[inline]
    fn child(&self, i: usize, node: u64, c: char) -> Option<usize> {
        let first = first_child(node);
        let children = self.nodes.get(first..first_child(self.node(i + 1)))?;
        let k = children
            .binary_search_by_key(&(c as u32), |&n| node_char(u64::from_le_bytes(n)))
            .ok()?;
        Some(first + k)
    }

    /// The node of the two-character prefix `a b`, if a word starts with it: one
    /// probe of the table of pairs (rarely a few).
    #[inline]
    fn pair(&self, a: char, b: char) -> Option<usize> {
        let key = pair_key(a, b)?;
        let mask = (1usize << self.pair_bits) - 1;
        let mut slot = pair_slot(key, self.pair_bits);
        loop {
            let v = u64::from_le_bytes(self.pairs[slot]);
            match (v >> 32) as usize {
                0 => return None,
                node if v as u32 == key => return Some(node - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The node after node `i` (whose content is `node`, and which is the
    /// prefix `cs[..len]`) on the next character `c`.
    #[inline]
    fn next(&self, cs: &[char], len: usize, i: usize, node: u64, c: char) -> Option<usize> {
        if len == 1 {
            self.pair(cs[0], c)
        } else {
            self.child(i, node, c)
        }
    }

    /// Every word that starts `cs`, shortest first: `emit(length, entry)`. The
    /// second character is found by the table of pairs, each later one by a
    /// search of the node's children.
    #[inline]
    pub fn prefixes(&self, cs: &[char], mut emit: impl FnMut(usize, Entry)) {
        let Some((&first, rest)) = cs.split_first() else {
            return;
        };
        let Some(root) = self.root(first) else {
            return;
        };
        if let Some(e) = entry_of(self.node(root)) {
            emit(1, e);
        }
        let Some(mut i) = rest.first().and_then(|&c| self.pair(first, c)) else {
            return;
        };
        let mut len = 2;
        loop {
            let node = self.node(i);
            if let Some(e) = entry_of(node) {
                emit(len, e);
            }
            match cs.get(len).and_then(|&c| self.child(i, node, c)) {
                Some(next) => i = next,
                None => return,
            }
            len += 1;
        }
    }

    /// The entry of the word `w`, if it is one.
    pub fn get(&self, w: &[char]) -> Option<Entry> {
        let mut i = self.root(*w.first()?)?;
        for (k, &c) in w.iter().enumerate().skip(1) {
            i = self.next(w, k, i, self.node(i), c)?;
        }
        entry_of(self.node(i))
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

/// The table for `dict` (jieba's `word freq tag` lines); `guess` gives jieba's
/// tag for a lone character of [`JIEBA_CJK`] that is not a word.
pub fn build(dict: &str, guess: impl Fn(char) -> String) -> Result<Vec<u8>, String> {
    let mut words: Vec<(Vec<char>, u32, &str)> = Vec::new();
    for line in dict.lines() {
        let mut it = line.split_whitespace();
        let Some(w) = it.next() else { continue };
        let freq = it
            .next()
            .map_or(Ok(0), str::parse)
            .map_err(|e| format!("{line}: {e}"))?;
        words.push((w.chars().collect(), freq, it.next().unwrap_or("")));
    }
    words.sort();
    if words.windows(2).any(|p| p[0].0 == p[1].0) {
        return Err("a word twice: jieba keeps the last frequency".into());
    }
    if let Some(c) = words
        .iter()
        .flat_map(|w| &w.0)
        .find(|&&c| c as u32 >= 1 << CHAR_BITS)
    {
        return Err(format!("{c:?} is beyond the table's characters"));
    }
    let total: u64 = words.iter().map(|w| w.1 as u64).sum();
    let mut freqs: Vec<u32> = words.iter().map(|w| w.1).collect();
    freqs.sort_unstable();
    freqs.dedup();
    let mut tags: Vec<String> = Vec::new();
    let entries: HashMap<&[char], u64> = words
        .iter()
        .map(|(w, freq, tag)| {
            let f = freqs.binary_search(freq).expect("listed") as u64;
            let t = tag_index(tag, &mut tags) as u64;
            (w.as_slice(), (f << TAG_BITS | t) + 1)
        })
        .collect();
    if tags.len() > 1 << TAG_BITS || entries.values().any(|&e| e >= 1 << ENTRY_BITS) {
        return Err("too many tags or frequencies".into());
    }
    let levels = levels(&words);
    let count: usize = levels.iter().map(Vec::len).sum();
    if count >= 1 << CHILD_BITS {
        return Err("too many prefixes".into());
    }
    let max_first = words.iter().map(|w| w.0[0] as usize).max().unwrap_or(0);
    let mut root = vec![0u32; max_first + 1];
    for (i, p) in levels[0].iter().enumerate() {
        root[p[0] as usize] = i as u32 + 1;
    }
    let mut nodes: Vec<u64> = Vec::with_capacity(count + 1);
    let mut next_level_start = 0;
    for (d, level) in levels.iter().enumerate() {
        next_level_start += level.len();
        let children = levels.get(d + 1).map_or(&[][..], Vec::as_slice);
        let mut child = 0;
        for p in level {
            // the children of `p` are the next level's prefixes that extend it
            let first = next_level_start + child;
            while child < children.len() && children[child].starts_with(p) {
                child += 1;
            }
            let entry = entries.get(p).copied().unwrap_or(0);
            let last = *p.last().expect("a prefix has a character") as u64;
            nodes.push(last | (first as u64) << CHILD_SHIFT | entry << ENTRY_SHIFT);
        }
    }
    nodes.push((count as u64) << CHILD_SHIFT);
    let runs = guess_runs(&entries, guess, &mut tags);
    let mut out = Vec::with_capacity(8 * nodes.len() + 4 * root.len() + 4 * runs.len() + 4096);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&total.to_le_bytes());
    let names = tags.join("\n");
    if tags.len() > 1 << TAG_BITS || tags.iter().any(|t| t.contains('\n')) {
        return Err("tags".into());
    }
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    out.extend_from_slice(names.as_bytes());
    out.resize(out.len().next_multiple_of(4), 0);
    let count_of = |n: usize| (n as u32).to_le_bytes();
    out.extend_from_slice(&count_of(freqs.len()));
    freqs
        .iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    out.extend_from_slice(&count_of(root.len()));
    root.iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    out.extend_from_slice(&count_of(nodes.len()));
    nodes
        .iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    out.extend_from_slice(&count_of(runs.len()));
    runs.iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    let pairs = pair_table(&levels);
    out.extend_from_slice(&count_of(pairs.len()));
    pairs
        .iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    Ok(out)
}

/// The table of pairs for the trie of `levels`: every two-character prefix and
/// its node (those of level 1, numbered after level 0's), in at least twice as
/// many slots as there are pairs.
fn pair_table(levels: &[Vec<&[char]>]) -> Vec<u64> {
    let (Some(firsts), Some(pairs)) = (levels.first(), levels.get(1)) else {
        return vec![0; 2];
    };
    let bits = (2 * pairs.len())
        .next_power_of_two()
        .trailing_zeros()
        .max(1);
    let mask = (1usize << bits) - 1;
    let mut table = vec![0u64; 1 << bits];
    for (k, p) in pairs.iter().enumerate() {
        let key = pair_key(p[0], p[1]).expect("characters were checked");
        let node = (firsts.len() + k + 1) as u64;
        let mut slot = pair_slot(key, bits);
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = node << 32 | key as u64;
    }
    table
}

fn tag_index(t: &str, tags: &mut Vec<String>) -> usize {
    tags.iter().position(|x| x == t).unwrap_or_else(|| {
        tags.push(t.to_string());
        tags.len() - 1
    })
}

/// The distinct prefixes of the sorted `words`, by length: level `d` holds those
/// of `d + 1` characters, sorted (prefixes of a sorted list come out sorted).
fn levels<'a>(words: &'a [(Vec<char>, u32, &str)]) -> Vec<Vec<&'a [char]>> {
    let longest = words.iter().map(|w| w.0.len()).max().unwrap_or(0);
    (1..=longest)
        .map(|len| {
            let mut level: Vec<&[char]> = words
                .iter()
                .filter(|w| w.0.len() >= len)
                .map(|w| &w.0[..len])
                .collect();
            level.dedup();
            level
        })
        .collect()
}

/// Runs of jieba's guessed tags over [`JIEBA_CJK`]; a character that is a word
/// leaves the run as it is.
fn guess_runs(
    entries: &HashMap<&[char], u64>,
    guess: impl Fn(char) -> String,
    tags: &mut Vec<String>,
) -> Vec<u32> {
    let mut runs: Vec<u32> = Vec::new();
    let mut last: Option<usize> = None;
    for &(a, b) in JIEBA_CJK {
        for c in a..=b {
            if entries.contains_key(&[c][..]) {
                continue;
            }
            let t = tag_index(&guess(c), tags);
            if last != Some(t) {
                runs.push((c as u32) << 8 | t as u32);
                last = Some(t);
            }
        }
    }
    runs
}
