//! A folded view of a text for matching, whose offsets map back to the original.
//!
//! Matchers look at one spelling: full-width digits, letters and most
//! full-width punctuation become ASCII, the ideographic space a space,
//! traditional characters their simplified form. The original text keeps
//! every offset the library reports; `Normalized::to_orig` maps a byte offset
//! of the folded view back to the original.

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
    /// Fold `original` for matching. Cost: one pass plus one table look-up per CJK character.
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        for (i, c) in original.char_indices() {
            let f = fold_width(c);
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                shifts.push((text.len(), i + c.len_utf8()));
            }
        }
        // Traditional → simplified, character for character. fast2s maps a
        // 3-byte character to a 3-byte one, so offsets do not move; if a
        // future table broke that, keep the unfolded text rather than wrong offsets.
        let simplified = fast2s::convert(&text);
        if simplified.len() == text.len() {
            text = simplified;
        }
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
    fn clause_comma_is_kept() {
        assert_eq!(fold_str("3，5（一）％"), "3，5(一)%");
    }
}
