//! Sets of characters asked about for nearly every character of a text: one
//! bit per character of the Basic Multilingual Plane, built at compile time.

/// A set of characters of the Basic Multilingual Plane (8 KB of bits).
pub struct BmpSet([u64; 1024]);

impl BmpSet {
    /// The set of the characters of `chars`. Characters beyond the plane are
    /// not taken (a compile-time error names the problem).
    pub const fn new(chars: &str) -> BmpSet {
        BmpSet([0u64; 1024]).and(chars)
    }

    /// This set with the characters of `chars` added.
    pub const fn and(self, chars: &str) -> BmpSet {
        let mut bits = self.0;
        let s = chars.as_bytes();
        let mut i = 0;
        while i < s.len() {
            let (u, len) = code_point_at(s, i);
            bits[(u >> 6) as usize] |= 1 << (u & 63);
            i += len;
        }
        BmpSet(bits)
    }

    /// The set of the first characters of `words` (empty words add none):
    /// what a line must open with to open with one of them.
    pub const fn first_chars_of(words: &[&str]) -> BmpSet {
        let mut bits = [0u64; 1024];
        let mut k = 0;
        while k < words.len() {
            let s = words[k].as_bytes();
            if !s.is_empty() {
                let (u, _) = code_point_at(s, 0);
                bits[(u >> 6) as usize] |= 1 << (u & 63);
            }
            k += 1;
        }
        BmpSet(bits)
    }

    pub fn contains(&self, c: char) -> bool {
        let u = c as u32;
        u < 0x1_0000 && self.0[(u >> 6) as usize] & (1 << (u & 63)) != 0
    }
}

/// The code point of the character at byte `i` of `s` (valid UTF-8), and its length.
const fn code_point_at(s: &[u8], i: usize) -> (u32, usize) {
    match s[i] {
        b if b < 0x80 => (b as u32, 1),
        b if b >= 0xF0 => panic!("BmpSet holds Basic Multilingual Plane characters only"),
        b if b >= 0xE0 => (
            ((b as u32 & 0x0F) << 12) | ((s[i + 1] as u32 & 0x3F) << 6) | (s[i + 2] as u32 & 0x3F),
            3,
        ),
        b => (((b as u32 & 0x1F) << 6) | (s[i + 1] as u32 & 0x3F), 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_exactly_its_characters() {
        const SET: BmpSet = BmpSet::new("a×一").and("〇十￥");
        let inside: Vec<char> = (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| SET.contains(c))
            .collect();
        assert_eq!(inside, ['a', '×', '〇', '一', '十', '￥']);
    }

    #[test]
    fn holds_the_first_characters_of_words() {
        const SET: BmpSet = BmpSet::first_chars_of(&["", "a", "×b", "一二", "一", "￥"]);
        let inside: Vec<char> = (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| SET.contains(c))
            .collect();
        assert_eq!(inside, ['a', '×', '一', '￥']);
    }
}
