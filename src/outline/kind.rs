//! What a level-1 section is about, read from its title (issue 3, item 5).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::SectionKind;

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

/// Every word of the three lists, in their order. Overlapping matches find
/// each word the title contains, as `str::contains` of each would; one pass
/// over the title instead of 32 (section_kind 9.5 M -> 4.2 M, the automaton
/// built once included, callgrind on bench-sub).
static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(PROBLEMS.iter().chain(PLANS).chain(OTHER))
        .expect("section kind words build an automaton")
});

/// Kind of a level-1 section from its folded (simplified) title.
pub fn section_kind(folded_title: &str) -> SectionKind {
    let (mut problems, mut plans, mut other) = (false, false, false);
    for m in WORDS.find_overlapping_iter(folded_title) {
        let i = m.pattern().as_usize();
        if i < PROBLEMS.len() {
            problems = true;
        } else if i < PROBLEMS.len() + PLANS.len() {
            plans = true;
        } else {
            other = true;
        }
    }
    if problems {
        SectionKind::Problems
    } else if plans {
        SectionKind::Plans
    } else if other {
        SectionKind::Other
    } else {
        SectionKind::Work
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
        ];
        for (t, want) in cases {
            assert_eq!(section_kind(&fold_str(t)), want, "{t}");
        }
    }
}
