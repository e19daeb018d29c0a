//! A folded view of a text for matching, whose offsets map back to the original.
//!
//! Matchers look at one spelling: full-width digits, letters and most
//! full-width punctuation become ASCII, the ideographic space a space,
//! traditional characters their simplified form. The original text keeps
//! every offset the library reports; `Normalized::to_orig` maps a byte offset
//! of the folded view back to the original.

use std::sync::LazyLock;

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
    /// Fold `original` for matching: one pass, one table look-up per character,
    /// and the runs of characters that stay as they are copied whole.
    pub fn new(original: &str) -> Normalized {
        let table = &*FOLD;
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        let mut copied = 0;
        for (i, c) in original.char_indices() {
            let Some(&to) = table.get(c as usize) else {
                continue; // beyond the Basic Multilingual Plane: nothing folds
            };
            if to == c as u32 {
                continue;
            }
            let f = if to == ASK_FAST2S {
                simplify_in_context(original, i, c)
            } else {
                char::from_u32(to).unwrap_or(c)
            };
            if f == c {
                continue;
            }
            text.push_str(&original[copied..i]);
            text.push(f);
            copied = i + c.len_utf8();
            if f.len_utf8() != c.len_utf8() {
                shifts.push((text.len(), copied));
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

/// fast2s's reading of the character at `i` beside its neighbours. Its
/// context rules pair Chinese characters only, which the width fold leaves alone.
fn simplify_in_context(original: &str, i: usize, c: char) -> char {
    let end = i + c.len_utf8();
    let before = original[..i].chars().next_back();
    let after = original[end..].chars().next();
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

    #[test]
    fn clause_comma_is_kept() {
        assert_eq!(fold_str("3，5（一）％"), "3，5(一)%");
    }
}
