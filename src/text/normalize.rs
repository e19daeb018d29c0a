//! A folded view of a text for matching, whose offsets map back to the original.
//!
//! Matchers look at one spelling: full-width digits, letters and most
//! full-width punctuation become ASCII, the ideographic space a space,
//! traditional characters their simplified form. The original text keeps
//! every offset the library reports; `Normalized::to_orig` maps a byte offset
//! of the folded view back to the original.

use std::cell::RefCell;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

/// The folded text plus the few places where its byte offsets drift from the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text. Same characters, one for one, as the original.
    pub text: String,
    /// `(folded_offset, original_offset)` after every character whose folded
    /// form is shorter than the original; empty when the two align byte for byte.
    shifts: Vec<(usize, usize)>,
}

impl Normalized {
    /// Fold `original` for matching. A byte-level scan (`next_change`) finds
    /// the characters that fold; the runs between them, most of a simplified
    /// Chinese text, are copied whole (the character loop this replaced
    /// decoded and looked up every character: Normalized::new on bench-sub
    /// 83.4 M -> 64.1 M, callgrind). In traditional text the characters after
    /// one that folds often fold too: they are read in place (`fold_following`),
    /// not found by another scan.
    pub fn new(original: &str) -> Normalized {
        let table = &*FOLD;
        let changes = &*CHANGES;
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        let mut copied = 0;
        let mut from = 0;
        while let Some((i, c)) = next_change(bytes, from, changes) {
            from = i + c.len_utf8();
            let f = fold_at(table, original, i, c);
            if f != c {
                text.push_str(original.get(copied..i).unwrap_or_default());
                text.push(f);
                if f.len_utf8() != c.len_utf8() {
                    shifts.push((text.len(), from));
                }
                from = fold_following(original, from, (table, changes), &mut text, &mut shifts);
                copied = from;
            }
        }
        text.push_str(&original[copied..]);
        Normalized { text, shifts }
    }

    /// The original byte offset of a byte offset in the folded text
    /// (a character boundary there maps to a character boundary here).
    pub fn to_orig(&self, folded: usize) -> usize {
        match self.shifts.partition_point(|&(f, _)| f <= folded) {
            0 => folded,
            n => {
                let (f, o) = self.shifts[n - 1];
                o + (folded - f)
            }
        }
    }

    /// The folded byte offset of an original byte offset (inverse of `to_orig` on boundaries).
    pub fn to_folded(&self, orig: usize) -> usize {
        match self.shifts.partition_point(|&(_, o)| o <= orig) {
            0 => orig,
            n => {
                let (f, o) = self.shifts[n - 1];
                f + (orig - o)
            }
        }
    }

    /// Whether folded and original offsets are the same everywhere.
    pub fn is_aligned(&self) -> bool {
        self.shifts.is_empty()
    }
}

/// In `FOLD`, a character fast2s reads with its neighbours (`*` in `fold.tsv`).
const ASK_FAST2S: u32 = u32::MAX;

/// What each character of the Basic Multilingual Plane folds to: its width
/// fold, then fast2s's simplified form. fast2s looks characters up in hash
/// maps; asked once per character of the plane, its answers are kept in
/// `fold.tsv` (hexadecimal code points, `*` for `ASK_FAST2S`; only the
/// characters that change), so folding is a look-up and the table costs no
/// start-up work beyond reading that file (asking fast2s at every start cost
/// 14 M instructions, a third of a one-line run, callgrind). A test checks
/// the file against fast2s and rewrites it when asked. Only a simplified form
/// of the same UTF-8 length is taken, so offsets keep to the width fold's shifts.
static FOLD: LazyLock<Box<[u32]>> = LazyLock::new(|| {
    let mut table: Box<[u32]> = (0..0x1_0000u32).collect();
    for line in include_str!("fold.tsv").lines() {
        let hex =
            |h: &str| u32::from_str_radix(h, 16).expect("fold.tsv holds hexadecimal code points");
        let (from, to) = line.split_once('\t').expect("fold.tsv: two columns");
        table[hex(from) as usize] = if to == "*" { ASK_FAST2S } else { hex(to) };
    }
    table
});

/// What the character `c` at byte `i` of `original` folds to.
fn fold_at(table: &[u32], original: &str, i: usize, c: char) -> char {
    match table.get(c as usize) {
        Some(&ASK_FAST2S) => simplify_in_context(original, i, c),
        Some(&to) => char::from_u32(to).unwrap_or(c),
        None => c,
    }
}

/// Fold the three-byte characters from byte `from` of `original` on while
/// each folds, their folded forms pushed to `text` (and `shifts`, as
/// `Normalized::new` keeps them); the offset after them.
fn fold_following(
    original: &str,
    mut from: usize,
    (table, changes): (&[u32], &Changes),
    text: &mut String,
    shifts: &mut Vec<(usize, usize)>,
) -> usize {
    while let Some(&[a, b, c]) = original.as_bytes().get(from..from + 3) {
        let w = u64::from_le_bytes([a, b, c, 0, 0, 0, 0, 0]);
        if a & 0xF0 != 0xE0 || changes.tail_bit(w) == 0 {
            break;
        }
        let Some(ch) = char::from_u32(three_byte_code_point(w)) else {
            break;
        };
        let f = fold_at(table, original, from, ch);
        if f == ch {
            break;
        }
        text.push(f);
        from += 3;
        if f.len_utf8() != 3 {
            shifts.push((text.len(), from));
        }
    }
    from
}

/// The character of the plane at code point `u`, for `next_change` (which
/// decodes only valid UTF-8).
fn found(i: usize, u: u32) -> Option<(usize, char)> {
    char::from_u32(u).map(|c| (i, c))
}

/// The characters of the Basic Multilingual Plane that `FOLD` changes, for
/// the byte-level scan: one bit each by code point (8 KB), and for the
/// three-byte ones a second form, indexed by the character's last two bytes,
/// with one bit per low half of its first byte, read without decoding.
struct Changes {
    bits: Box<[u64; 1024]>,
    by_tail: Box<[u16; 0x1_0000]>,
}

static CHANGES: LazyLock<Changes> = LazyLock::new(|| {
    let mut bits = Box::new([0u64; 1024]);
    let mut by_tail = Box::new([0u16; 0x1_0000]);
    for (u, _) in FOLD.iter().enumerate().filter(|&(u, &to)| to != u as u32) {
        bits[u >> 6] |= 1 << (u & 63);
        if let Some(c) = char::from_u32(u as u32).filter(|c| c.len_utf8() == 3) {
            let mut utf8 = [0; 4];
            c.encode_utf8(&mut utf8);
            by_tail[usize::from(u16::from_le_bytes([utf8[1], utf8[2]]))] |= 1 << (utf8[0] & 0x0F);
        }
    }
    Changes { bits, by_tail }
});

impl Changes {
    /// Whether the character at code point `u` (of the plane) folds.
    fn at(&self, u: u32) -> bool {
        self.bits[(u >> 6) as usize & 1023] >> (u & 63) & 1 == 1
    }

    /// 1 if the three-byte character in the low three bytes of `w` folds, else 0.
    fn tail_bit(&self, w: u64) -> u32 {
        u32::from(self.by_tail[usize::from((w >> 8) as u16)] >> (w & 0x0F)) & 1
    }
}

/// The first character at or after byte `from` (a character boundary) that
/// `FOLD` changes, and its offset. Eight bytes are read at once: two
/// three-byte characters in a row, most of a Chinese text, are tested first
/// and together, without decoding them; leading ASCII (which never folds) is
/// stepped over whole. The last bytes go one character at a time.
fn next_change(bytes: &[u8], from: usize, changes: &Changes) -> Option<(usize, char)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The first bytes of the first two characters, if both are three-byte ones.
    const TWO_LEADS: u64 = u64::from_le_bytes([0xF0, 0, 0, 0xF0, 0, 0, 0, 0]);
    const TWO_THREE_BYTE_LEADS: u64 = u64::from_le_bytes([0xE0, 0, 0, 0xE0, 0, 0, 0, 0]);
    let mut i = from;
    // The bound as one test the compiler sees (`get(i..i + 8)` made two).
    let last_word = bytes.len().saturating_sub(8);
    while i <= last_word && bytes.len() >= 8 {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        if w & TWO_LEADS == TWO_THREE_BYTE_LEADS {
            match changes.tail_bit(w) | changes.tail_bit(w >> 24) << 1 {
                0 => i += 6,
                1 | 3 => return found(i, three_byte_code_point(w)),
                _ => return found(i + 3, three_byte_code_point(w >> 24)),
            }
            continue;
        }
        let ascii = (w & HIGH).trailing_zeros() as usize / 8;
        if ascii > 0 {
            i += ascii;
        } else {
            match one_character(&bytes[i..], changes) {
                (len, None) => i += len,
                (_, Some(u)) => return found(i, u),
            }
        }
    }
    while i < bytes.len() {
        match one_character(&bytes[i..], changes) {
            (len, None) => i += len,
            (_, Some(u)) => return found(i, u),
        }
    }
    None
}

/// The code point of the three-byte character in the low three bytes of `w`.
fn three_byte_code_point(w: u64) -> u32 {
    let [a, b, c, ..] = w.to_le_bytes();
    u32::from(a & 0x0F) << 12 | u32::from(b & 0x3F) << 6 | u32::from(c & 0x3F)
}

/// The byte length of the character `rest` starts with, and its code point if it folds.
fn one_character(rest: &[u8], changes: &Changes) -> (usize, Option<u32>) {
    let (len, u) = match *rest {
        [a @ 0xE0..=0xEF, b, c, ..] => (
            3,
            three_byte_code_point(u64::from_le_bytes([a, b, c, 0, 0, 0, 0, 0])),
        ),
        [a @ 0xC0..=0xDF, b, ..] => (2, u32::from(a & 0x1F) << 6 | u32::from(b & 0x3F)),
        [a, ..] if a < 0x80 => return (1, None),
        // four-byte characters lie beyond the plane, where nothing folds
        _ => return (4, None),
    };
    (len, changes.at(u).then_some(u))
}

/// Most windows `simplify_in_context` keeps answers for, per thread.
const CONTEXT_ANSWERS_MAX: usize = 4096;

/// A character fast2s reads with its neighbours, and the two neighbours.
type Window = (Option<char>, char, Option<char>);

/// fast2s's reading of the character at `i` beside its neighbours. Its
/// context rules pair Chinese characters only, which the width fold leaves
/// alone. Answers are kept by window: a traditional text repeats its words
/// (`兒童`), and asking fast2s (a string built and converted each time) cost
/// 1,640 instructions a character, 4.5 M of bench-sub (callgrind).
fn simplify_in_context(original: &str, i: usize, c: char) -> char {
    thread_local! {
        static ANSWERS: RefCell<HashMap<Window, char>> = RefCell::new(HashMap::new());
    }
    let end = i + c.len_utf8();
    let window = (
        original[..i].chars().next_back(),
        c,
        original[end..].chars().next(),
    );
    ANSWERS.with_borrow_mut(|answers| {
        if let Some(&f) = answers.get(&window) {
            return f;
        }
        if answers.len() >= CONTEXT_ANSWERS_MAX {
            answers.clear();
        }
        let f = ask_fast2s(window);
        answers.insert(window, f);
        f
    })
}

/// What fast2s makes of the middle character of `window`, if of the same UTF-8 length.
fn ask_fast2s((before, c, after): Window) -> char {
    let window: String = before.into_iter().chain([c]).chain(after).collect();
    let converted = fast2s::convert(&window);
    let f = converted
        .chars()
        .nth(usize::from(before.is_some()))
        .unwrap_or(c);
    if f.len_utf8() == c.len_utf8() { f } else { c }
}

/// Full-width ASCII forms to ASCII, ideographic and no-break spaces to a space.
/// The full-width comma `，` and semicolon `；` stay: in Chinese text they separate
/// clauses, and as `,` they would read as thousands separators.
pub fn fold_width(c: char) -> char {
    match c {
        '，' | '；' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Fold one string for comparison (search, titles): width and script.
pub fn fold_str(s: &str) -> String {
    Normalized::new(s).text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters fast2s treats by their neighbours (its special-case table): a
    /// probe of one character at a time cannot tell what it does with them.
    const CONTEXT_DEPENDENT: &str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

    /// The fold table as the width fold and fast2s give it, a character at a time.
    fn fold_table_from_fast2s() -> Vec<u32> {
        let mut table: Vec<u32> = (0..0x1_0000u32).collect();
        for (u, slot) in table.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(u as u32) {
                *slot = fold_width(c) as u32;
            }
        }
        // fast2s changes only three-byte characters.
        let probe: String = (0x800..0x1_0000u32).filter_map(char::from_u32).collect();
        for (a, b) in probe.chars().zip(fast2s::convert(&probe).chars()) {
            if a != b && a.len_utf8() == b.len_utf8() {
                table[a as usize] = b as u32;
            }
        }
        for c in CONTEXT_DEPENDENT.chars() {
            table[c as usize] = ASK_FAST2S;
        }
        table
    }

    /// `table` as `fold.tsv` writes it.
    fn fold_tsv(table: &[u32]) -> String {
        let mut tsv = String::new();
        for (u, &to) in table.iter().enumerate().filter(|&(u, &to)| u as u32 != to) {
            let to = if to == ASK_FAST2S {
                "*".to_string()
            } else {
                format!("{to:04X}")
            };
            tsv += &format!("{u:04X}\t{to}\n");
        }
        tsv
    }

    #[test]
    fn fold_tsv_is_what_fast2s_and_the_width_fold_say() {
        let table = fold_table_from_fast2s();
        let want = fold_tsv(&table);
        if std::env::var_os("ZONGJIE_WRITE_FOLD").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/fold.tsv");
            std::fs::write(path, &want).unwrap();
        }
        assert!(
            include_str!("fold.tsv") == want,
            "src/text/fold.tsv is stale: rewrite it with ZONGJIE_WRITE_FOLD=1 cargo test --lib fold_tsv"
        );
        assert!(FOLD[..] == table[..]);
    }

    #[test]
    fn folds_script_and_width_and_maps_offsets_back() {
        let orig = "培训１８００多名婦女，落实贷款16萬元";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "培训1800多名妇女，落实贷款16万元");
        let f = n.text.find("1800").unwrap();
        let o = n.to_orig(f);
        let oe = n.to_orig(f + 4);
        assert_eq!(&orig[o..oe], "１８００");
        let w = n.text.find("16万元").unwrap();
        assert_eq!(&orig[n.to_orig(w)..n.to_orig(w + "16万元".len())], "16萬元");
        assert_eq!(n.to_folded(n.to_orig(w)), w);
    }

    #[test]
    fn aligned_text_has_identity_offsets() {
        let n = Normalized::new("縣婦聯年終工作總結");
        assert!(n.is_aligned());
        assert_eq!(n.text, "县妇联年终工作总结");
        assert_eq!(n.to_orig(9), 9);
    }

    #[test]
    fn folds_like_fast2s_over_the_whole_text() {
        // The table and the context rules give what fast2s gives on the whole text.
        let texts = [
            "縣婦聯年終工作總結，培訓婦女1.59萬餘人",
            "看著、顯著、憑藉、藉口、乾隆、乾燥、計畫、回覆、覆蓋",
            "县妇联年终工作总结，培训1800多名妇女",
        ];
        for t in texts {
            assert_eq!(fold_str(t), fast2s::convert(t), "{t}");
        }
        assert_eq!(fold_str("看著"), "看着");
        assert_eq!(fold_str("著"), fast2s::convert("著"));
    }

    /// The fold one character at a time, as it was before the byte-level scan.
    fn fold_by_characters(original: &str) -> (String, Vec<(usize, usize)>) {
        let (mut text, mut shifts) = (String::new(), Vec::new());
        for (i, c) in original.char_indices() {
            let f = match FOLD.get(c as usize) {
                Some(&ASK_FAST2S) => simplify_in_context(original, i, c),
                Some(&to) => char::from_u32(to).unwrap_or(c),
                None => c,
            };
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                shifts.push((text.len(), i + c.len_utf8()));
            }
        }
        (text, shifts)
    }

    #[test]
    fn byte_scan_folds_like_the_character_loop_in_every_bmp_context() {
        let contexts: [fn(char) -> String; 5] = [
            |c| c.to_string(),
            |c| format!("培训{c}婦女,abcdefgh{c}"),
            |c| format!("看{c}著\u{10000}１2345678{c}\u{A0}"),
            |c| format!("{c}{c}縣{c}"),
            |c| format!("婦{c}{c}縣聯{c}"),
        ];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            let n = Normalized::new(t);
            let (text, shifts) = fold_by_characters(t);
            assert_eq!((n.text, n.shifts), (text, shifts), "{:04X}", c as u32);
        });
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let changes = FOLD[c as usize] != c as u32;
            assert_eq!(CHANGES.at(c as u32), changes, "{:04X}", c as u32);
        }
    }

    #[test]
    fn kept_context_answers_are_fast2s_answers() {
        // Every context-dependent character beside every neighbour of a
        // sample (traditional, simplified, ASCII, none), asked three times:
        // once of fast2s, then from the kept answers.
        let neighbours: Vec<Option<char>> = "兒童女看著乾隆覆蓋a1，"
            .chars()
            .map(Some)
            .chain(CONTEXT_DEPENDENT.chars().map(Some))
            .chain([None])
            .collect();
        for _ in 0..3 {
            for c in CONTEXT_DEPENDENT.chars() {
                for &before in &neighbours {
                    for &after in &neighbours {
                        let text: String = before.into_iter().chain([c]).chain(after).collect();
                        let i = before.map_or(0, char::len_utf8);
                        let want = ask_fast2s((before, c, after));
                        assert_eq!(simplify_in_context(&text, i, c), want, "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn clause_comma_is_kept() {
        assert_eq!(fold_str("3，5（一）％"), "3，5(一)%");
    }
}
