//! The byte-level steps of the outline scan: what `scan` settles from a
//! line's bytes without decoding its characters (the agreement with the
//! character walk is tested in `scan_tests.rs`).

use super::scan::{Before, HAN_MARKER_START_CHARS, is_plain_han, is_space};

/// Whether the character at byte `i` of `b` is a Chinese character
/// (U+4E00..=U+9FFF) that cannot begin a marker (`is_plain_han`), read from
/// its three bytes. The last two bytes hold the low twelve bits of the code
/// point: most characters share them with no marker start and are settled
/// without being decoded (plain_han_at 9.3 -> 6.1 M, callgrind on bench-sub).
pub(super) fn plain_han_at(b: &[u8], i: usize) -> bool {
    let Some(&[lead @ 0xE4..=0xE9, b1, b2]) = b.get(i..i + 3) else {
        return false;
    };
    if MARKER_START_LOW_BITS[usize::from(b1 & 0x3F)] >> (b2 & 0x3F) & 1 == 0 {
        // U+4E00 is `E4 B8 80`: below it, `E4` leads an earlier block.
        return lead != 0xE4 || b1 >= 0xB8;
    }
    let c = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
    char::from_u32(c).is_some_and(is_plain_han)
}

/// For each value of the middle six bits of a three-byte character, a bit
/// for each value of its last six bits that a marker start
/// (`HAN_MARKER_START_CHARS`, all three bytes long) has with it.
const MARKER_START_LOW_BITS: [u64; 64] = {
    let s = HAN_MARKER_START_CHARS.as_bytes();
    let mut t = [0u64; 64];
    let mut i = 0;
    while i + 2 < s.len() {
        // Masked to six bits: the casts keep every bit.
        t[(s[i + 1] & 0x3F) as usize] |= 1 << (s[i + 2] & 0x3F);
        i += 3;
    }
    t
};

/// Whether the character at byte `i` of `b` is a double quotation mark
/// that `LineState::read` counts: `Some(true)` for `“`, `Some(false)` for `”`.
pub(super) fn quote_at(b: &[u8], i: usize) -> Option<bool> {
    match b.get(i..i + 3)? {
        [0xE2, 0x80, 0x9C] => Some(true),
        [0xE2, 0x80, 0x9D] => Some(false),
        _ => None,
    }
}

/// ASCII bytes whose character `LineState::read` takes as plain text
/// (`Before::Other`, no marker, stop or quote): all but white space and
/// control bytes, `, : ; ! ?`, `(` and the digits.
pub(super) const PLAIN_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x80 {
        // `b` is below 0x80: the cast keeps every bit.
        t[b] = !matches!(
            b as u8,
            b',' | b':' | b';' | b'!' | b'?' | b'(' | b'0'..=b'9'
        );
        b += 1;
    }
    t
};

/// What the first byte of a character says of it inside a run of Chinese
/// characters (`han_run`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// `E5`, `E7`..=`E9`: a Chinese character that is no `是`.
    Han,
    /// `E4`: a Chinese character from `E4 B8`, else an earlier block.
    E4,
    /// `E6`: a Chinese character, maybe `是` (`E6 98 AF`).
    E6,
    /// Anything else ends the run.
    End,
}

/// `Lead` of each byte.
const LEADS: [Lead; 256] = {
    let mut t = [Lead::End; 256];
    t[0xE4] = Lead::E4;
    t[0xE5] = Lead::Han;
    t[0xE6] = Lead::E6;
    t[0xE7] = Lead::Han;
    t[0xE8] = Lead::Han;
    t[0xE9] = Lead::Han;
    t
};

/// Where the run of Chinese characters (U+4E00..=U+9FFF, `E4 B8 80`..=`E9 BF BF`)
/// from byte `i` ends, and whether it ends at a `是`. Inside such a run, where
/// each character follows another, only an enumerator (`二是`, `十二是`) can
/// be a candidate (`admits` takes nothing else `Inline`), so a lead byte is
/// all the scan reads of the bulk of a body (a `str` holds whole characters:
/// two more bytes follow each lead byte of the run). The lead byte is looked
/// up in `LEADS`, one test for most characters where a chain of byte
/// compares took 11–16 instructions (parse_outline 97.4 -> 95.8 M on
/// bench-sub, callgrind); a table of two characters a step cost more (scan
/// 45.0 -> 45.5 M, callgrind).
pub(super) fn han_run(b: &[u8], mut i: usize) -> (usize, bool) {
    while let Some(&lead) = b.get(i) {
        match LEADS[usize::from(lead)] {
            Lead::Han => {}
            Lead::E6 => {
                if b.get(i + 1) == Some(&0x98) && b.get(i + 2) == Some(&0xAF) {
                    return (i, true);
                }
            }
            Lead::E4 if b.get(i + 1).is_some_and(|&b1| b1 >= 0xB8) => {}
            Lead::E4 | Lead::End => break,
        }
        i += 3;
    }
    (i, false)
}

/// The clause marks of Chinese text (`，` `、` `。` `；`), read from their bytes.
pub(super) fn clause_mark_at(b: &[u8], i: usize) -> Option<Before> {
    match b.get(i..i + 3)? {
        [0xEF, 0xBC, 0x8C] | [0xE3, 0x80, 0x81] => Some(Before::Comma),
        [0xE3, 0x80, 0x82] => Some(Before::Stop),
        [0xEF, 0xBC, 0x9B] => Some(Before::Semi),
        _ => None,
    }
}

/// Bytes that can begin a white-space character (`is_space`): ASCII up to
/// the space, and the lead bytes of U+0085, U+00A0, U+1680, U+2000…U+205F,
/// U+3000 and U+FEFF.
const MAY_BEGIN_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b <= 0x20 || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        b += 1;
    }
    t
};

/// `s` without white space (`is_space`) at either end. Most lines begin and
/// end with a character whose first byte begins no space: those are not
/// decoded (trimming every line by its characters cost 1.5 M on bench-sub,
/// callgrind).
pub(super) fn trim_spaces(s: &str) -> &str {
    trim_end_spaces(trim_start_spaces(s))
}

/// `s` without white space at its start.
pub(super) fn trim_start_spaces(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if !MAY_BEGIN_SPACE[usize::from(b)] => s,
        _ => s.trim_start_matches(is_space),
    }
}

/// `s` without white space at its end: the last character is read from its
/// bytes when it is ASCII or three bytes long.
fn trim_end_spaces(s: &str) -> &str {
    let b = s.as_bytes();
    let lead = match *b {
        [.., last] if last < 0x80 => Some(last),
        [.., lead @ 0xE0..=0xEF, _, _] => Some(lead),
        _ => None,
    };
    match lead {
        Some(l) if !MAY_BEGIN_SPACE[usize::from(l)] => s,
        _ => s.trim_end_matches(is_space),
    }
}
