//! A byte-level test of where a gazetteer stem can be in a text, so that the
//! stems are looked up only there. Every stem is written in characters
//! of three UTF-8 bytes (CJK ideographs); a text's characters are read three
//! bytes at a time straight from its lead byte, tested against bit sets.
//!
//! In the benchmark's subset (300 files, 1.8 M characters) only 5,841 runs of
//! stem characters have a place where a stem of two characters can open, 17 K
//! characters from there to the run's end; the automaton walked every character.
//! `gazetteer_mentions` 63.5 M -> 50.7 M instructions there (callgrind).
/// A set of characters of the Basic Multilingual Plane, one bit each.
struct CharSet(Box<[u64; 1024]>);

impl CharSet {
    fn new() -> Self {
        CharSet(Box::new([0; 1024]))
    }

    fn insert(&mut self, c: u32) {
        self.0[(c >> 6) as usize & 1023] |= 1 << (c & 63);
    }

    fn contains(&self, c: u32) -> bool {
        self.0[(c >> 6) as usize & 1023] >> (c & 63) & 1 == 1
    }
}

/// The characters stems are made of, and how stems open.
pub(super) struct StemFilter {
    /// Every character of every stem.
    in_stem: CharSet,
    /// First characters of stems: one test per character of a text.
    opens: CharSet,
    /// Stems of a single character (`县` is a division's whole name).
    alone: CharSet,
    /// The first two characters of stems of two or more, hashed into a bit
    /// set: a false hit only costs look-ups that find nothing
    /// (a hash set cost 8 M of the filter's 37 M on the benchmark's subset).
    openings: CharSet,
}

/// The bit of `openings` for a stem opening with `c` then `d`.
fn opening_bit(c: u32, d: u32) -> u32 {
    (c << 16 | d).wrapping_mul(0x9E37_79B1) >> 16
}

/// The character whose UTF-8 encoding is three bytes long from `i`, if it is.
fn three_byte_char(b: &[u8], i: usize) -> Option<u32> {
    let lead = *b.get(i)?;
    if lead & 0xF0 != 0xE0 {
        return None;
    }
    // A `str` holds whole characters: a three-byte lead is followed by two more.
    let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
    Some(u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F))
}

/// The character whose UTF-8 encoding is three bytes long and ends at `end`, if
/// it is. A three-byte lead is never another character's byte, so the bytes
/// from one are a whole character.
pub(super) fn char_before(b: &[u8], end: usize) -> Option<u32> {
    three_byte_char(b, end.checked_sub(3)?)
}

impl StemFilter {
    /// The filter for `stems`, or `None` if a stem has a character that is not
    /// three bytes long in UTF-8 (the byte-level reading would miss it).
    pub(super) fn new<'a>(stems: impl Iterator<Item = &'a str>) -> Option<StemFilter> {
        let mut f = StemFilter {
            in_stem: CharSet::new(),
            opens: CharSet::new(),
            alone: CharSet::new(),
            openings: CharSet::new(),
        };
        for stem in stems {
            let mut chars = stem
                .chars()
                .map(|c| (c.len_utf8() == 3).then_some(c as u32));
            let first = chars.next()??;
            f.opens.insert(first);
            match chars.next() {
                None => f.alone.insert(first),
                Some(second) => f.openings.insert(opening_bit(first, second?)),
            }
            for c in stem.chars() {
                (c.len_utf8() == 3).then_some(())?;
                f.in_stem.insert(c as u32);
            }
        }
        Some(f)
    }

    /// Whether a stem can start with `c` (a stem's first character) where
    /// `after` follows it.
    fn can_open(&self, c: u32, after: &[u8]) -> bool {
        self.alone.contains(c)
            || three_byte_char(after, 0).is_some_and(|d| self.openings.contains(opening_bit(c, d)))
    }

    /// The first place from `at` where a stem can start. The text is walked as
    /// a shrinking slice, which spares the bounds checks of indexing
    /// (`gazetteer_mentions` 50.7 M -> 45.6 M on the benchmark's subset, callgrind).
    pub(super) fn next_start(&self, b: &[u8], at: usize) -> Option<usize> {
        let mut rest = b.get(at..)?;
        while let [lead, b1, b2, after @ ..] = rest {
            if lead & 0xF0 != 0xE0 {
                // A byte of another length's character: its other bytes are
                // never three-byte leads, so stepping one byte is safe.
                rest = &rest[1..];
                continue;
            }
            let c = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
            if self.may_open(c, after) {
                return Some(b.len() - rest.len());
            }
            rest = after;
        }
        None
    }

    /// Whether `c` is a character of a stem.
    pub(super) fn in_stem(&self, c: u32) -> bool {
        self.in_stem.contains(c)
    }

    /// Whether a stem can open with the character `c` where `after` follows
    /// it: its first character, and alone or with its second after it.
    pub(super) fn may_open(&self, c: u32, after: &[u8]) -> bool {
        self.opens.contains(c) && self.can_open(c, after)
    }

    /// Whether a stem can open with `c`.
    pub(super) fn opens_with(&self, c: char) -> bool {
        c.len_utf8() == 3 && self.opens.contains(c as u32)
    }

    /// Where the run of stem characters from `start` ends.
    pub(super) fn run_end(&self, b: &[u8], mut start: usize) -> usize {
        while three_byte_char(b, start).is_some_and(|c| self.in_stem.contains(c)) {
            start += 3;
        }
        start
    }
}
