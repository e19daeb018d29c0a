//! The context fingerprint of an anchor: up to [`CONTEXT_CHARS`] characters on
//! each side of its span, whitespace left out (so re-wrapped lines still match)
//! and a `|` of the text written `¦` (the sides are joined by `|`).
//!
//! Accept-all makes one for each of 20,000 figures in one key. Built a
//! character at a time they were three quarters of that key (30.7 of 42.0 M
//! instructions, about 1.5 K a fingerprint), so each side is found as a run of
//! the text and copied whole; only a side holding whitespace or `|` is copied
//! piece by piece.

use super::schema::CONTEXT_CHARS;

/// The context fingerprint of the span `start..end` of `text` (see
/// [`super::Anchor::context`]). Offsets out of range or off a character
/// boundary read as an empty side.
pub fn context_fingerprint(text: &str, start: usize, end: usize) -> String {
    let before = side_before(text.get(..start).unwrap_or_default());
    let after = side_after(text.get(end..).unwrap_or_default());
    // `¦` is one byte longer than the `|` it stands for.
    let mut out = String::with_capacity(before.run.len() + after.run.len() + 5);
    before.push_to(&mut out);
    out.push('|');
    after.push_to(&mut out);
    out
}

/// The two sides of a context fingerprint, nearest character last for `before`.
pub(crate) fn context_sides(text: &str, start: usize, end: usize) -> (String, String) {
    let mut before = String::new();
    side_before(text.get(..start).unwrap_or_default()).push_to(&mut before);
    let mut after = String::new();
    side_after(text.get(end..).unwrap_or_default()).push_to(&mut after);
    (before, after)
}

/// The run of text one side of a fingerprint is read from, and whether it is
/// the side as it stands (no whitespace to leave out, no `|` to rewrite).
struct Side<'a> {
    run: &'a str,
    verbatim: bool,
}

impl Side<'_> {
    fn push_to(&self, out: &mut String) {
        if self.verbatim {
            out.push_str(self.run);
            return;
        }
        let (mut from, mut i) = (0, 0);
        while i < self.run.len() {
            let (len, fate) = char_at(self.run.as_bytes(), i);
            if fate != Fate::Kept {
                out.push_str(&self.run[from..i]);
                if fate == Fate::Barred {
                    out.push('¦');
                }
                from = i + len;
            }
            i += len;
        }
        out.push_str(&self.run[from..]);
    }
}

/// How a character goes into a fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Kept,
    /// Whitespace: left out, not counted.
    Dropped,
    /// `|`: written `¦`.
    Barred,
}

/// For each byte, the length in bytes of a character starting with it (0 for
/// a byte that cannot start one), and [`MAYBE`] when that character may be
/// whitespace or `|`: ASCII ones, U+0085 and U+00A0 (C2), and U+1680, U+2000
/// to U+205F and U+3000 (E1 to E3). Every other character is kept unread.
const LEAD: [u8; 256] = lead_table();
const MAYBE: u8 = 0x10;
const LEN: u8 = 0x0F;

const fn lead_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let len = match b {
            0x00..=0x7F => 1,
            0x80..=0xBF => 0,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let maybe = matches!(b, 0x09..=0x0D | 0x20 | 0x7C | 0xC2 | 0xE1..=0xE3);
        t[b] = len | if maybe { MAYBE } else { 0 };
        b += 1;
    }
    t
}

/// The fate of the character starting at byte `i` of `b` (UTF-8) whose lead
/// is [`MAYBE`]: `|`, or one of Unicode's White_Space characters (those of
/// `char::is_whitespace`), told by their bytes.
fn fate_of_maybe(b: &[u8], i: usize) -> Fate {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let white = match b[i] {
        b'|' => return Fate::Barred,
        0x09..=0x0D | 0x20 => true,
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        0xE1 => (next(1), next(2)) == (0x9A, 0x80),
        0xE2 => matches!(
            (next(1), next(2)),
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
        ),
        0xE3 => (next(1), next(2)) == (0x80, 0x80),
        _ => false,
    };
    if white { Fate::Dropped } else { Fate::Kept }
}

/// The length and fate of the character starting at byte `i` of `b` (UTF-8, `i` a boundary).
#[inline(always)]
fn char_at(b: &[u8], i: usize) -> (usize, Fate) {
    let lead = LEAD[usize::from(b[i])];
    let fate = if lead & MAYBE == 0 {
        Fate::Kept
    } else {
        fate_of_maybe(b, i)
    };
    (usize::from(lead & LEN).max(1), fate)
}

/// The end of `before` holding its last [`CONTEXT_CHARS`] characters that are not whitespace.
fn side_before(before: &str) -> Side<'_> {
    let b = before.as_bytes();
    let (mut i, mut kept, mut verbatim) = (b.len(), 0, true);
    while i > 0 && kept < CONTEXT_CHARS {
        i -= 1;
        let lead = LEAD[usize::from(b[i])];
        if lead & LEN == 0 {
            continue; // inside a character
        }
        let (_, fate) = char_at(b, i);
        verbatim &= fate == Fate::Kept;
        kept += usize::from(fate != Fate::Dropped);
    }
    Side {
        run: &before[i..],
        verbatim,
    }
}

/// The start of `after` holding its first [`CONTEXT_CHARS`] characters that are not whitespace.
fn side_after(after: &str) -> Side<'_> {
    let b = after.as_bytes();
    let (mut i, mut kept, mut verbatim) = (0, 0, true);
    while i < b.len() && kept < CONTEXT_CHARS {
        let (len, fate) = char_at(b, i);
        verbatim &= fate == Fate::Kept;
        kept += usize::from(fate != Fate::Dropped);
        i += len;
    }
    Side {
        run: &after[..i],
        verbatim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprint's definition, a character at a time: what the runs must equal.
    fn reference_sides(text: &str, start: usize, end: usize) -> (String, String) {
        let side = |chars: &mut dyn Iterator<Item = char>| -> Vec<char> {
            chars
                .filter(|c| !c.is_whitespace())
                .take(CONTEXT_CHARS)
                .map(|c| if c == '|' { '¦' } else { c })
                .collect()
        };
        let before = side(&mut text.get(..start).unwrap_or_default().chars().rev());
        let after = side(&mut text.get(end..).unwrap_or_default().chars());
        (
            before.into_iter().rev().collect(),
            after.into_iter().collect(),
        )
    }

    #[test]
    fn lead_table_gives_every_length_and_every_changing_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf).as_bytes();
            let lead = LEAD[usize::from(s[0])];
            assert_eq!(usize::from(lead & LEN), c.len_utf8(), "U+{:04X}", c as u32);
            if c == '|' || c.is_whitespace() {
                assert_ne!(lead & MAYBE, 0, "U+{:04X}", c as u32);
            }
            let want = match c {
                '|' => Fate::Barred,
                c if c.is_whitespace() => Fate::Dropped,
                _ => Fate::Kept,
            };
            assert_eq!(char_at(s, 0), (c.len_utf8(), want), "U+{:04X}", c as u32);
            // a character's other bytes never start one
            for &b in &s[1..] {
                assert_eq!(LEAD[usize::from(b)] & LEN, 0, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn skips_whitespace_and_escapes_bar() {
        let t = "甲乙丙 丁\n戊己庚辛壬癸|子1800多名妇女 参加|培训";
        let s = t.find("1800").unwrap();
        let e = s + "1800多名".len();
        assert_eq!(
            context_fingerprint(t, s, e),
            "戊己庚辛壬癸¦子|妇女参加¦培训"
        );
    }

    #[test]
    fn edges_and_bad_offsets() {
        let t = "甲乙丙";
        // (start, end, fingerprint): a side off a character boundary reads as empty
        let cases = [
            (0, 0, "|甲乙丙"),
            (9, 9, "甲乙丙|"),
            (0, 9, "|"),
            (1, 3, "|乙丙"),
            (3, 4, "甲|"),
            (3, 100, "甲|"),
        ];
        for (s, e, want) in cases {
            assert_eq!(context_fingerprint(t, s, e), want, "{s}..{e}");
        }
    }

    #[test]
    fn equals_the_character_walk_on_every_span() {
        // every span of texts where whitespace and `|` fall at and next to the
        // eighth character of a side, and spaces beyond ASCII
        for t in [
            "甲乙丙 丁\n戊己庚辛壬癸|子1800多名妇女 参加|培训 ab|c",
            "一二三四五六七|八九 十|一二三四五六七八|\t九十",
            "||||||||||  ||||| a|b c|d\u{3000}e|",
            "甲\u{85}乙\u{a0}丙\u{a9}丁\u{1680}戊\u{1234}己\u{2003}庚“辛”壬…癸\u{2028}子\u{205f}丑\u{3000}寅、卯。辰",
            "一二三四五六七八九十一二三四五六七八九十",
            "abcdefgh ijklmnop",
            "丁",
            "",
        ] {
            let ends: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &s in &ends {
                for &e in ends.iter().filter(|&&e| e >= s) {
                    let (b, a) = reference_sides(t, s, e);
                    assert_eq!(
                        context_sides(t, s, e),
                        (b.clone(), a.clone()),
                        "{t:?} {s}..{e}"
                    );
                    assert_eq!(
                        context_fingerprint(t, s, e),
                        format!("{b}|{a}"),
                        "{t:?} {s}..{e}"
                    );
                }
            }
        }
    }
}
