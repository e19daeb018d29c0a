//! Where body words (`妇联`, `人民政府`, `团市委`) stand in a line, found by
//! their last characters. Every body word ends with one of six characters
//! (会 联 府 局 委 协); a packed (Teddy) search for those six alone has almost
//! no false hits, where one for the 31 words' openings checked a candidate
//! every few characters of Chinese text. Each hit is checked against the words
//! ending there, and the leftmost-longest matches are chosen from those, as the
//! automaton of the words chooses them (a test holds the two to each other).
//! `read_report_meta` 115.8 M -> 97.6 M on the benchmark's subset (callgrind).

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, MatchKind};

/// The body words' searcher.
pub(super) enum BodyWords {
    /// The words' last characters, and per character (the pattern's index)
    /// the words ending with it.
    ByLastChar {
        ends: packed::Searcher,
        words: Vec<Vec<&'static str>>,
    },
    /// Where no packed searcher can be built (no SIMD): the words' automaton.
    Automaton(AhoCorasick),
}

impl BodyWords {
    pub(super) fn new(words: &[&'static str]) -> BodyWords {
        let mut lasts: Vec<char> = Vec::new();
        let mut by_last: Vec<Vec<&'static str>> = Vec::new();
        for &w in words {
            let Some(c) = w.chars().next_back() else {
                continue;
            };
            let k = lasts.iter().position(|&d| d == c).unwrap_or_else(|| {
                lasts.push(c);
                by_last.push(Vec::new());
                lasts.len() - 1
            });
            by_last[k].push(w);
        }
        let ends = packed::Config::new()
            .builder()
            .extend(lasts.iter().map(|c| c.to_string()))
            .build();
        match ends {
            Some(ends) => BodyWords::ByLastChar {
                ends,
                words: by_last,
            },
            None => BodyWords::Automaton(automaton(words)),
        }
    }

    /// The byte spans of the body words in `s`, leftmost-longest, without overlap.
    pub(super) fn find(&self, s: &str) -> Vec<(usize, usize)> {
        let (ends, words) = match self {
            BodyWords::ByLastChar { ends, words } => (ends, words),
            BodyWords::Automaton(ac) => {
                return ac.find_iter(s).map(|m| (m.start(), m.end())).collect();
            }
        };
        let mut all: Vec<(usize, usize)> = Vec::new();
        for m in ends.find_iter(s) {
            let head = &s.as_bytes()[..m.end()];
            for w in &words[m.pattern().as_usize()] {
                if ends_with_word(head, w.as_bytes()) {
                    all.push((m.end() - w.len(), m.end()));
                }
            }
        }
        leftmost_longest(all)
    }
}

/// Whether `head` ends with `w`. The last byte of the character before `w`'s
/// last is compared first: it settles most hits (`BodyWords::find` 18.3 M
/// -> 14.4 M on bench-sub, callgrind).
fn ends_with_word(head: &[u8], w: &[u8]) -> bool {
    let (h, n) = (head.len(), w.len());
    h >= n && (n < 4 || head[h - 4] == w[n - 4]) && head[h - n..] == *w
}

/// The words' leftmost-longest automaton.
pub(super) fn automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .expect("body words build an automaton")
}

/// Of every (possibly overlapping) match, those a leftmost-longest search
/// reports: from where the last ended, the one that starts first, the longest
/// of those.
fn leftmost_longest(mut all: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    all.sort_unstable_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
    let mut from = 0;
    all.retain(|&(a, b)| {
        let keep = a >= from;
        if keep {
            from = b;
        }
        keep
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<&'static str> {
        super::super::BODY_WORDS
            .iter()
            .copied()
            .chain(super::super::LEVELLED_BODIES.iter().map(|(w, _)| *w))
            .collect()
    }

    fn by_automaton(ac: &AhoCorasick, s: &str) -> Vec<(usize, usize)> {
        ac.find_iter(s).map(|m| (m.start(), m.end())).collect()
    }

    /// The search by last characters finds what the words' automaton finds,
    /// with every character of the Basic Multilingual Plane before, inside and
    /// after the words, and on every real page in shared/.
    #[test]
    fn by_last_char_is_the_automaton() {
        let words = words();
        let found = BodyWords::new(&words);
        assert!(matches!(found, BodyWords::ByLastChar { .. }));
        let ac = automaton(&words);
        let contexts: [fn(char) -> String; 6] = [
            |c| format!("{c}妇联{c}"),
            |c| format!("市{c}妇女联合会{c}工会"),
            |c| format!("人民政{c}府政府{c}总工会"),
            |c| format!("团{c}委团市委{c}村民委员会居委会"),
            |c| format!("{c}残疾人联合会卫生健康委员会{c}局"),
            |c| format!("妇儿工委{c}妇工委人力资源和社会保障局{c}"),
        ];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            assert_eq!(
                found.find(t),
                by_automaton(&ac, t),
                "{:04X} in {t}",
                c as u32
            );
        });
        // every pair of words run together, whole and without its first or last character
        for a in &words {
            for b in &words {
                let pair: Vec<char> = format!("{a}{b}").chars().collect();
                let n = pair.len();
                for t in [&pair[..], &pair[1..], &pair[..n - 1]] {
                    let t: String = t.iter().collect();
                    assert_eq!(found.find(&t), by_automaton(&ac, &t), "{t}");
                }
            }
        }
        let pages = crate::page::shared_pages();
        for page in &pages {
            for line in page.lines() {
                assert_eq!(found.find(line), by_automaton(&ac, line), "{line}");
            }
        }
    }

    /// `ends_with_word` is `ends_with`: empty, ASCII, one character, and the
    /// byte compared first differing or equal.
    #[test]
    fn ends_with_word_is_ends_with() {
        let heads: Vec<&str> = "|a|ab|联|妇联|县妇联|x妇联|残联|妇女联合会"
            .split('|')
            .collect();
        let words: Vec<&str> = "|b|ab|联|妇联|残联|文联|人民政府|联合会"
            .split('|')
            .collect();
        for &h in &heads {
            for &w in &words {
                let want = h.as_bytes().ends_with(w.as_bytes());
                assert_eq!(ends_with_word(h.as_bytes(), w.as_bytes()), want, "{h} {w}");
            }
        }
    }

    /// Where no packed searcher can be built, the automaton answers.
    #[test]
    fn automaton_fallback_finds_the_words() {
        let ac = BodyWords::Automaton(automaton(&words()));
        assert_eq!(ac.find("县人民政府和妇联"), vec![(3, 15), (18, 24)]);
    }
}
