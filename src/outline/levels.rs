//! Levels by nesting (guide §2): the first family met is level 1, a family
//! met for the first time nests under the current heading, a family seen
//! before closes everything opened after it. The marker's kind alone never
//! decides the level: `(一)` is level 1 in a report with no `一、`.

use super::marker::Family;

/// One heading as the level pass sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub family: Family,
    /// For an unnumbered heading: the family of the list that follows it.
    pub next: Option<Family>,
    /// For an unnumbered heading: other unnumbered headings in the report open the same kind of list.
    pub has_peers: bool,
    /// For an unnumbered heading standing where a number of this family is missing.
    pub stands_for: Option<Family>,
    /// A `1` of the family of the heading right above it, with no body between:
    /// a list inside that heading, one level down.
    pub restarts: bool,
}

/// The level of each item; `None` for an unnumbered candidate that does
/// not play a numbered heading's part after all.
pub fn assign(items: &[Item]) -> Vec<Option<u8>> {
    let mut stack: Vec<Family> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if it.family == Family::Unnumbered {
            if let Some(i) = it
                .stands_for
                .and_then(|f| stack.iter().position(|g| *g == f))
            {
                stack.truncate(i + 1);
                out.push(Some(level(i + 1)));
                continue;
            }
            // A parent-less list whose family already nests under something:
            // the unnumbered line is a sibling of that something.
            let nested_at = it
                .next
                .and_then(|n| stack.iter().position(|f| *f == n))
                .filter(|&i| i >= 1);
            if let Some(i) = nested_at {
                stack.truncate(i);
                out.push(Some(level(i)));
                continue;
            }
            if !it.has_peers {
                out.push(None);
                continue;
            }
        }
        if it.restarts {
            stack.push(it.family);
            out.push(Some(level(stack.len())));
            continue;
        }
        // The innermost list of the family: a family opened twice (`1、` `1、`) goes on inside.
        if let Some(i) = stack.iter().rposition(|f| *f == it.family) {
            stack.truncate(i + 1);
            out.push(Some(level(i + 1)));
            continue;
        }
        // A family met for the first time nests under the current heading,
        // except that a block family never nests under an enumerator (`一是…`
        // in an introduction, then `一、`) nor under a family that usually
        // sits below it (`1.` in one section, `（一）` in the next).
        if !it.family.is_inline() {
            let rank = it.family.rank();
            while stack.last().is_some_and(|f| {
                f.is_inline() || f.rank().zip(rank).is_some_and(|(top, new)| top > new)
            }) {
                stack.pop();
            }
        }
        stack.push(it.family);
        out.push(Some(level(stack.len())));
    }
    out
}

fn level(depth: usize) -> u8 {
    u8::try_from(depth).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Family::*;

    fn plain(fs: &[Family]) -> Vec<Option<u8>> {
        let items: Vec<Item> = fs
            .iter()
            .map(|&family| Item {
                family,
                next: None,
                has_peers: false,
                stands_for: None,
                restarts: false,
            })
            .collect();
        assign(&items)
    }

    /// Table: families in document order → levels.
    #[test]
    fn nesting_tables() {
        let cases: &[(&[Family], &[u8])] = &[
            // 一、 (一) 一是 二是 (二) 二、
            (
                &[Cn, ParenCn, Enumerator, Enumerator, ParenCn, Cn],
                &[1, 2, 3, 3, 2, 1],
            ),
            // (一) is level 1 in a report with no 一、
            (&[ParenCn, ParenCn, ParenCn], &[1, 1, 1]),
            // 一、 (一) 1. 一是 … 二、 一是: the enumerator is level 2 there.
            (
                &[Cn, ParenCn, Digit, Enumerator, Cn, Enumerator],
                &[1, 2, 3, 4, 1, 2],
            ),
            // Enumerators in an introduction do not take 一、 under them.
            (&[Enumerator, Enumerator, Cn, Digit], &[1, 1, 1, 2]),
            // 1. at the top, (1) under it, ① under that.
            (
                &[Digit, ParenDigit, Circled, ParenDigit, Digit],
                &[1, 2, 3, 2, 1],
            ),
        ];
        for (fs, want) in cases {
            let got: Vec<u8> = plain(fs).into_iter().map(|l| l.unwrap_or(0)).collect();
            assert_eq!(&got, want, "{fs:?}");
        }
    }

    #[test]
    fn unnumbered_heading_is_a_sibling_of_the_numbered_parent() {
        // 一、 1. 2. <unnumbered> 1. 2. 四、
        let u = Item {
            family: Unnumbered,
            next: Some(Digit),
            has_peers: false,
            stands_for: None,
            restarts: false,
        };
        let p = |family| Item {
            family,
            next: None,
            has_peers: false,
            stands_for: None,
            restarts: false,
        };
        let items = [p(Cn), p(Digit), p(Digit), u, p(Digit), p(Cn)];
        let got = assign(&items);
        assert_eq!(
            got,
            vec![Some(1), Some(2), Some(2), Some(1), Some(2), Some(1)]
        );
    }

    #[test]
    fn unnumbered_headings_with_peers_make_their_own_level() {
        let u = Item {
            family: Unnumbered,
            next: Some(Digit),
            has_peers: true,
            stands_for: None,
            restarts: false,
        };
        let d = Item {
            family: Digit,
            next: None,
            has_peers: false,
            stands_for: None,
            restarts: false,
        };
        assert_eq!(
            assign(&[u, d, d, u, d]),
            vec![Some(1), Some(2), Some(2), Some(1), Some(2)]
        );
        // Alone and with nothing to be parallel to: not a heading.
        let lone = Item {
            has_peers: false,
            ..u
        };
        assert_eq!(assign(&[lone, d, d]), vec![None, Some(1), Some(1)]);
    }
}
