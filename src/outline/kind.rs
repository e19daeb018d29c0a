//! What a level-1 section is about, read from its title (issue 3, item 5).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::model::SectionKind;
use crate::text::BmpSet;

const PROBLEMS: &[&str] = &["问题", "不足", "差距", "困难", "短板", "薄弱", "教训"];
const PLANS: &[&str] = &[
    "下一步",
    "下步",
    "明年",
    "来年",
    "新的一年",
    "工作计划",
    "工作安排",
    "工作打算",
    "工作思路",
    "工作重点",
    "重点工作",
    "今后",
    "展望",
    "打算",
    "设想",
    "努力方向",
    "工作目标",
];
const OTHER: &[&str] = &[
    "基本情况",
    "概况",
    "体会",
    "启示",
    "经验",
    "思考",
    "建议",
    "认识",
];

/// The kind word lists, in the order they win: problems, plans, the rest.
const LISTS: [&[&str]; 3] = [PROBLEMS, PLANS, OTHER];

/// The first characters of the kind words (a test checks them against the
/// lists): only where one stands can a word begin.
static FIRSTS: BmpSet = BmpSet::new("问不差困短薄教下明来新工重今展打设努基概体启经思建认");

/// The kind words by their first character, each with the index of its
/// list in `LISTS`, in the lists' order.
static BY_FIRST: LazyLock<FxHashMap<char, Vec<(usize, &str)>>> = LazyLock::new(|| {
    let mut by_first: FxHashMap<char, Vec<(usize, &str)>> = FxHashMap::default();
    for (k, words) in LISTS.iter().enumerate() {
        for w in *words {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push((k, w));
            }
        }
    }
    by_first
});

/// Kind of a level-1 section from its folded (simplified) title: the first
/// list with a word anywhere in it. Words are tried only where a title
/// character begins one (an Aho-Corasick automaton cost 4.2 M over 2,142
/// titles on bench-sub, 1.6 M of it built at each start, callgrind), and
/// only the words that begin with it (every word tried there: 124,734
/// `starts_with`, section_kind 6.2 -> 2.1 M, callgrind).
pub fn section_kind(folded_title: &str) -> SectionKind {
    let mut found = [false; 3];
    for (i, c) in folded_title.char_indices() {
        if !FIRSTS.contains(c) {
            continue;
        }
        let rest = &folded_title[i..];
        for &(k, w) in BY_FIRST.get(&c).map_or(&[][..], Vec::as_slice) {
            found[k] = found[k] || rest.starts_with(w);
        }
        if found[0] {
            // The first list wins whatever else the title holds.
            break;
        }
    }
    match found {
        [true, _, _] => SectionKind::Problems,
        [_, true, _] => SectionKind::Plans,
        [_, _, true] => SectionKind::Other,
        _ => SectionKind::Work,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn kinds_from_titles() {
        let cases = [
            (
                "大力实施婦女創業行動，促進城鄉婦女均衡發展",
                SectionKind::Work,
            ),
            ("20xx年工作完成情况", SectionKind::Work),
            ("存在的问题", SectionKind::Problems),
            ("工作中的不足", SectionKind::Problems),
            ("下一步工作计划", SectionKind::Plans),
            ("20xx年重点工作安排", SectionKind::Plans),
            ("明年工作打算", SectionKind::Plans),
            ("几点体会", SectionKind::Other),
            // Words of two lists in one title: the earlier list wins.
            ("今后困难", SectionKind::Problems),
            ("展望问题", SectionKind::Problems),
            ("下一步的建议", SectionKind::Plans),
            ("2024年重点工作", SectionKind::Plans),
            // A word at either end; first characters of words with no word there.
            ("问题", SectionKind::Problems),
            ("经验", SectionKind::Other),
            ("不断加强作风建设", SectionKind::Work),
            ("", SectionKind::Work),
            ("abc 123", SectionKind::Work),
            ("問題", SectionKind::Problems),
            ("２０２４年工作計劃", SectionKind::Plans),
        ];
        for (t, want) in cases {
            assert_eq!(section_kind(&fold_str(t)), want, "{t}");
        }
    }

    /// `BY_FIRST` holds every word of the lists once, under its first character.
    #[test]
    fn by_first_holds_every_word_under_its_first_character() {
        let mut held: Vec<(usize, &str)> = BY_FIRST
            .iter()
            .flat_map(|(c, words)| {
                assert!(words.iter().all(|(_, w)| w.starts_with(*c)), "{c}");
                words.iter().copied()
            })
            .collect();
        held.sort();
        let mut want: Vec<(usize, &str)> = LISTS
            .iter()
            .enumerate()
            .flat_map(|(k, words)| words.iter().map(move |w| (k, *w)))
            .collect();
        want.sort();
        assert_eq!(held, want);
    }

    /// `FIRSTS` holds the first character of every word and nothing else.
    #[test]
    fn firsts_are_the_words_first_characters() {
        let firsts: std::collections::BTreeSet<char> = LISTS
            .iter()
            .flat_map(|l| l.iter())
            .filter_map(|w| w.chars().next())
            .collect();
        let set: std::collections::BTreeSet<char> = (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| FIRSTS.contains(c))
            .collect();
        assert_eq!(set, firsts);
    }
}
