//! Numbering findings (guide §2, §4): a number skipped or used twice among
//! siblings. Numbers are kept as written; these only warn the reviewer.

use std::fmt::Write;

use rustc_hash::FxHashMap;

use super::marker::Family;
use crate::model::{Warning, WarningCode};

/// What the findings pass needs of one heading.
#[derive(Debug, Clone)]
pub struct Numbered<'a> {
    /// Index of the parent section.
    pub parent: Option<usize>,
    pub level: u8,
    pub family: Family,
    pub number: Option<u32>,
    pub marker: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Warn where siblings of one family under one parent skip or repeat a
/// number. A new run of enumerators (`一是` again after `三是`) is a fresh
/// list in a new paragraph, not a repeat.
pub fn numbering_warnings(items: &[Numbered<'_>]) -> Vec<Warning> {
    // Fx, not SipHash: the keys are section indexes and numbers, not a
    // page's text, and the maps are only looked up, never iterated; the pass
    // cost 17.0 M with SipHash, 6.8 M with Fx (callgrind, bench-sub).
    // Sized for every item up front and asked once per item (insert hands
    // back the number before): growing it by rehashing and asking it twice
    // made the pass 6.0 M where it was 4.5 M (callgrind, bench-sub). The
    // parents' ids as keys (hashed and compared as strings): 4.8 M where it
    // is 4.3 M now.
    let mut last: FxHashMap<(Option<usize>, u8, Family), u32> =
        FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    // Unnumbered siblings since the last numbered one: they stand in for numbers (corpus 003).
    let mut unnumbered: FxHashMap<(Option<usize>, u8), u32> = FxHashMap::default();
    let mut out = Vec::new();
    for it in items {
        let Some(n) = it.number else {
            *unnumbered.entry((it.parent, it.level)).or_default() += 1;
            continue;
        };
        let key = (it.parent, it.level, it.family);
        // Most reports have no unnumbered heading: no key to hash then.
        let stand_ins = if unnumbered.is_empty() {
            0
        } else {
            unnumbered.remove(&(it.parent, it.level)).unwrap_or(0)
        };
        if let Some(prev) = last.insert(key, n) {
            // The number the next sibling should carry, unnumbered stand-ins counted.
            let expected = prev + stand_ins + 1;
            let restart = n == 1 && it.family.is_inline();
            if n == prev && stand_ins == 0 {
                out.push(Warning::at(
                    WarningCode::RepeatedNumber,
                    format!("number {n} used twice in a row ({})", it.marker),
                    it.start,
                    it.end,
                ));
            } else if n > expected {
                out.push(Warning::at(
                    WarningCode::SkippedNumber,
                    format!(
                        "{} follows {prev}: {} missing",
                        it.marker,
                        missing_numbers(expected..n)
                    ),
                    it.start,
                    it.end,
                ));
            } else if n < expected && !restart {
                out.push(Warning::at(
                    WarningCode::RepeatedNumber,
                    format!("{} comes again after {prev} at the same level", it.marker),
                    it.start,
                    it.end,
                ));
            }
        } else if n > 1 && it.family != Family::Unnumbered {
            out.push(Warning::at(
                WarningCode::SkippedNumber,
                format!("list starts at {} instead of 1", it.marker),
                it.start,
                it.end,
            ));
        }
    }
    out
}

/// `3, 4, 5`: the numbers of `range`, written into one string (a string
/// for each number, then joined, cost two allocations more a number).
fn missing_numbers(range: std::ops::Range<u32>) -> String {
    let mut out = String::new();
    for k in range {
        if !out.is_empty() {
            out.push_str(", ");
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{k}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(parent: Option<usize>, family: Family, n: u32) -> Numbered<'static> {
        Numbered {
            parent,
            level: if parent.is_some() { 2 } else { 1 },
            family,
            number: Some(n),
            marker: "",
            start: 0,
            end: 0,
        }
    }

    fn unnumbered() -> Numbered<'static> {
        Numbered {
            number: None,
            family: Family::Unnumbered,
            ..item(None, Family::Unnumbered, 1)
        }
    }

    #[test]
    fn missing_numbers_table() {
        let cases = [
            (1..1, ""),
            (2..3, "2"),
            (2..5, "2, 3, 4"),
            (9..12, "9, 10, 11"),
            (u32::MAX - 1..u32::MAX, "4294967294"),
        ];
        for (range, want) in cases {
            let joined: Vec<String> = range.clone().map(|k| k.to_string()).collect();
            assert_eq!(missing_numbers(range.clone()), want, "{range:?}");
            assert_eq!(missing_numbers(range), joined.join(", "));
        }
    }

    #[test]
    fn findings_table() {
        use Family::*;
        let cases: Vec<(Vec<Numbered>, Vec<&str>)> = vec![
            (
                vec![item(None, Cn, 1), item(None, Cn, 2), item(None, Cn, 3)],
                vec![],
            ),
            (
                vec![item(None, Cn, 1), item(None, Cn, 3)],
                vec!["skipped-number"],
            ),
            // Unnumbered headings in the places of 二、 and 三、 (corpus 003): no gap.
            (
                vec![
                    item(None, Cn, 1),
                    unnumbered(),
                    unnumbered(),
                    item(None, Cn, 4),
                ],
                vec![],
            ),
            (
                vec![item(None, Digit, 1), item(None, Digit, 1)],
                vec!["repeated-number"],
            ),
            (
                vec![item(Some(0), Enumerator, 1), item(Some(0), Enumerator, 3)],
                vec!["skipped-number"],
            ),
            // Enumerators start again in a later paragraph: no finding.
            (
                vec![
                    item(Some(0), Enumerator, 1),
                    item(Some(0), Enumerator, 2),
                    item(Some(0), Enumerator, 1),
                ],
                vec![],
            ),
            // Each parent numbers its own children.
            (
                vec![item(Some(0), Digit, 1), item(Some(1), Digit, 1)],
                vec![],
            ),
        ];
        for (items, want) in cases {
            let got: Vec<&str> = numbering_warnings(&items)
                .iter()
                .map(|w| w.code.as_str())
                .collect();
            assert_eq!(got, want, "{items:?}");
        }
    }
}
