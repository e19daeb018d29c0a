//! Where the text names a division as a place: its stem right before a suffix
//! (`衡阳` + `市`) or before `妇女`, `妇联`, `妇儿`. Only such a division can be
//! the report's place by the gazetteer (`meta`), so the body is searched for
//! these anchors first: one packed search for the few characters that open a
//! suffix or `妇`, then a look back from each for a stem ending there, instead
//! of reading every character of the body for a stem.

use aho_corasick::packed;

use super::filter::char_before;
use super::{Gazetteer, PLACED_BEFORE, SUFFIXES};

/// What the anchors of places are found with.
pub(super) struct Anchors {
    /// The first characters of the suffixes and of `PLACED_BEFORE`.
    firsts: packed::Searcher,
    /// Per first character (the pattern's index), the suffixes and words of
    /// `PLACED_BEFORE` it opens, shortest first: a hit on `市` is a suffix at
    /// once, and only the few longer words are compared, not all eighteen
    /// (`Gazetteer::placed_stems` 21.1 M -> 19.2 M on bench-sub, callgrind).
    opened: Vec<Vec<&'static str>>,
}

impl Anchors {
    /// `None` where no packed searcher can be built (no SIMD).
    pub(super) fn new() -> Option<Anchors> {
        let mut firsts: Vec<char> = SUFFIXES
            .iter()
            .chain(PLACED_BEFORE)
            .filter_map(|w| w.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let opened = firsts
            .iter()
            .map(|&c| {
                let mut words: Vec<&'static str> = SUFFIXES
                    .iter()
                    .chain(PLACED_BEFORE)
                    .copied()
                    .filter(|w| w.starts_with(c))
                    .collect();
                words.sort_by_key(|w| w.len());
                words
            })
            .collect();
        let firsts = packed::Config::new()
            .builder()
            .extend(firsts.iter().map(|c| c.to_string()))
            .build()?;
        Some(Anchors { firsts, opened })
    }

    /// Whether the anchor character found as pattern `k` at the start of
    /// `rest` opens a suffix or a word of `PLACED_BEFORE` there.
    fn opens_anchor(&self, k: usize, rest: &str) -> bool {
        self.opened[k]
            .iter()
            .any(|w| starts_with_word(rest.as_bytes(), w.as_bytes()))
    }
}

/// Whether `rest` starts with `w`. The last byte of `w`'s second character (if
/// it is Chinese) is compared first: after a common anchor character (新, 地,
/// 自, 妇) it settles most hits (`Gazetteer::placed_stems` 23.3 M -> 22.2 M on
/// bench-sub, callgrind).
fn starts_with_word(rest: &[u8], w: &[u8]) -> bool {
    let n = w.len();
    rest.len() >= n && (n < 6 || rest[5] == w[5]) && rest[..n] == *w
}

impl Gazetteer {
    /// Adds to `out` the first division (as `stems_in` reports it) of every
    /// stem in `s` that is named as a place, and maybe of some others; every
    /// mention that `meta` counts as a place has its stem there. `false` if
    /// that cannot be told (then every stem must be read).
    pub fn placed_stems(&self, s: &str, out: &mut Vec<usize>) -> bool {
        let Some(anchors) = &self.anchors else {
            return false;
        };
        for m in anchors.firsts.find_iter(s) {
            if anchors.opens_anchor(m.pattern().as_usize(), &s[m.start()..]) {
                self.stems_ending_at(s, m.start(), out);
            }
        }
        true
    }

    /// Every stem that ends at `end`, read back a character at a time over
    /// the characters stems are made of.
    fn stems_ending_at(&self, s: &str, end: usize, out: &mut Vec<usize>) {
        let filter = &self.filter;
        let mut start = end;
        for _ in 0..self.max_stem_chars {
            let Some(c) = char_before(s.as_bytes(), start).filter(|&c| filter.in_stem(c)) else {
                return;
            };
            start -= 3;
            // The stems' first two characters tested before the hashed look-up
            // (`Gazetteer::placed_stems` 19.2 M -> 19.1 M on bench-sub, callgrind).
            if filter.may_open(c, &s.as_bytes()[start + 3..])
                && let Some(&i) = self.by_stem.get(&s[start..end])
            {
                out.push(i as usize);
            }
        }
    }

    /// Whether a division with the stem of division `i` (it or a twin) is `pred`'s.
    pub fn any_with_stem(&self, i: usize, pred: impl Fn(&super::Place) -> bool) -> bool {
        match self.shared_stems.get(self.places[i].stem) {
            Some(twins) => twins.iter().any(|&k| pred(&self.places[k])),
            None => pred(&self.places[i]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit on an anchor character opens a suffix or a word of
    /// `PLACED_BEFORE` exactly where one of all of them starts there: for
    /// every anchor, before each word, each word's opening, and other text.
    #[test]
    fn anchor_words_by_first_character_are_all_words() {
        let anchors = Anchors::new().expect("a packed searcher on x86_64");
        let all: Vec<&str> = SUFFIXES.iter().chain(PLACED_BEFORE).copied().collect();
        for (k, words) in anchors.opened.iter().enumerate() {
            let c = words[0].chars().next().expect("words are not empty");
            let mut rests: Vec<String> = vec![c.to_string(), format!("{c}a"), format!("{c}妇女")];
            for w in &all {
                let chars: Vec<char> = w.chars().collect();
                for n in 0..=chars.len() {
                    let tail: String = chars[..n].iter().collect();
                    rests.push(format!("{c}{tail}"));
                    rests.push(format!("{tail}x"));
                }
            }
            for rest in rests.iter().filter(|r| r.starts_with(c)) {
                let want = all.iter().any(|w| rest.starts_with(w));
                assert_eq!(anchors.opens_anchor(k, rest), want, "{rest}");
            }
        }
        for (rest, w) in [
            ("", ""),
            ("", "市"),
            ("a", "a"),
            ("ab", "abcdef"),
            ("新区", "新区"),
            ("新闻", "新区"),
            ("新区x", "新区"),
            ("自治区", "自治县"),
            ("妇联", "妇女"),
        ] {
            let want = rest.starts_with(w);
            assert_eq!(
                starts_with_word(rest.as_bytes(), w.as_bytes()),
                want,
                "{rest} {w}"
            );
        }
        assert_eq!(anchors.opened.len(), {
            let mut firsts: Vec<char> = all.iter().filter_map(|w| w.chars().next()).collect();
            firsts.sort_unstable();
            firsts.dedup();
            firsts.len()
        });
    }
}
