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
        let firsts = packed::Config::new()
            .builder()
            .extend(firsts.iter().map(|c| c.to_string()))
            .build()?;
        Some(Anchors { firsts })
    }
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
            let rest = &s[m.start()..];
            if SUFFIXES
                .iter()
                .chain(PLACED_BEFORE)
                .any(|w| rest.starts_with(w))
            {
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
            if filter.opens(c)
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
