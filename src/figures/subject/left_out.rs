//! Which words a subject leaves out (guide §5): words that say how, when or by
//! whom rather than what, time words, the reporting body and its place, and
//! text that is not a name of a thing.

use std::sync::LazyLock;

use super::{Word, word};
use crate::figures::tag::Tag;

/// Words that say how, when or by whom rather than what: left out (guide §5).
const NOT_WHAT: &[&str] = &[
    "共",
    "共计",
    "合计",
    "总计",
    "累计",
    "共有",
    "有",
    "现有",
    "已有",
    "拥有",
    "达",
    "达到",
    "为",
    "是",
    "约",
    "近",
    "其中",
    "分别",
    "实现",
    "全部",
    "先后",
    "已",
    "已经",
    "目前",
    "截至",
    "截止",
    "今年",
    "全年",
    "去年",
    "当年",
    "本年",
    "上半年",
    "下半年",
    "年内",
    "年底",
    "期间",
    "以来",
    "同比",
    "比",
    "较",
    "共同",
    "积极",
    "进一步",
    "全面",
    "大力",
    "认真",
    "突破",
    "超过",
    "超",
    "逾",
    "多",
    "余",
    "等",
    "各",
    "各级",
    "各类",
    "各种",
    "一批",
    "一些",
    "通过",
    "全",
    "每",
    "每年",
    "年度",
    "每年度",
    "使",
    "让",
    "给",
    "向",
    "对",
    "在",
    "从",
    "于",
    "和",
    "及",
    "首批",
    "其",
    "这",
    "该",
    "此",
    "以上",
    "以下",
    "左右",
];

/// `NOT_WHAT` as sorted keys (`word_key`): asked of every word near every figure.
/// A search over sorted char slices cost about 100 instructions a word (keep_left
/// 267 a call of its own, callgrind); over one `u64` each, a few dozen.
static NOT_WHAT_SORTED: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut v: Vec<u64> = NOT_WHAT
        .iter()
        .map(|w| word_key(&w.chars().collect::<Vec<char>>()).expect("a short word"))
        .collect();
    v.sort_unstable();
    v
});

/// A word of at most three characters as one number: a leading 1 then 21 bits a
/// character, so words of different lengths never share a key. None if longer.
fn word_key(w: &[char]) -> Option<u64> {
    (w.len() <= 3).then(|| w.iter().fold(1u64, |k, &c| (k << 21) | u64::from(c)))
}

/// The first characters of `NOT_WHAT`, a bit each over the BMP: most words
/// before a figure start with none of them and skip the search (the search for
/// every word: 50 instructions of keep_left's 110, callgrind).
static NOT_WHAT_FIRST: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x1_0000 / 64];
    for w in NOT_WHAT {
        let c = w.chars().next().expect("a word") as usize;
        bits[c / 64] |= 1 << (c % 64);
    }
    bits
});

pub(super) fn is_not_what(w: &[char]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    let c = first as usize;
    c < 0x1_0000
        && NOT_WHAT_FIRST[c / 64] & (1 << (c % 64)) != 0
        && word_key(w).is_some_and(|k| NOT_WHAT_SORTED.binary_search(&k).is_ok())
}

/// Words that are not what a figure counts, and end a noun phrase: prepositions, conjunctions, particles,
/// adverbs, pronouns, locatives, measure words and numerals, and unknown words.
pub(super) fn is_function_word(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::C
            | Tag::U
            | Tag::Uj
            | Tag::Ul
            | Tag::Uz
            | Tag::Ud
            | Tag::Ug
            | Tag::Uv
            | Tag::D
            | Tag::R
            | Tag::Rz
            | Tag::Rr
            | Tag::Y
            | Tag::E
            | Tag::F
            | Tag::Q
            | Tag::M
            | Tag::Mq
            | Tag::X
    )
}

/// Whether a word of the clause before the figure belongs in the subject.
pub(super) fn keep_left(cs: &[char], w: &Word) -> bool {
    // an organisation's name (`nt`) is the reporting body, said in the record elsewhere
    let function_word = is_function_word(w.tag) || w.tag == Tag::Nt;
    if function_word || is_time(cs, w) || is_not_what(word(cs, w)) {
        return false;
    }
    let ws = word(cs, w);
    !is_body_or_place(ws) && is_subject_text(ws)
}

/// A time word (今年, 上半年, 年底): jieba tags them `t`, but also 青年 and 老年,
/// which are people; those stay.
#[inline]
pub(super) fn is_time(cs: &[char], w: &Word) -> bool {
    matches!(w.tag, Tag::T | Tag::Tg)
        && !matches!(
            word(cs, w),
            ['青' | '老' | '少' | '中' | '成' | '童' | '幼', '年']
        )
}

/// 省, 市, 县 … standing alone as a word. A `match`, not a search of a `&str`:
/// asked of every kept word before every figure, the search cost 1.4 M of
/// 690.8 M instructions (callgrind).
pub(super) fn is_area_char(w: &[char]) -> bool {
    matches!(
        w,
        ['国' | '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '旗' | '州' | '盟']
    )
}

/// Text a subject may hold: Han characters and digits, and Latin letters only
/// beside a digit (5G, PM2.5); a romanisation in brackets (联(lián)系) is left out.
fn is_subject_text(w: &[char]) -> bool {
    // one pass, `is_cjk` first (three passes cost 3.9 M of 815.7 M instructions,
    // callgrind): any other character must be an ASCII letter, digit or `.`
    let (mut latin, mut digit) = (false, false);
    for &c in w {
        if crate::text::is_cjk(c) {
            continue;
        }
        if c.is_ascii_digit() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else if c != '.' {
            return false;
        }
    }
    !latin || digit
}

/// The reporting body or its area: 全县, 我市, 县妇联, 市政府 (guide §5: left out
/// unless counted).
pub(super) fn is_body_or_place(w: &[char]) -> bool {
    match w {
        // 全国 stays: a national scope names the kind (全国重点实验室)
        [a, b] if matches!(a, '全' | '我' | '本' | '该') && is_area(*b) && *w != ['全', '国'] => {
            true
        }
        [a] if *a == '全' => true,
        // most words end in none of the body words' last characters: the seven
        // suffixes compared for every word: keep_left 7.15 -> 6.90 M (callgrind)
        [.., last] if ends_a_body_word(*last) => BODY_WORDS.iter().any(|b| w.ends_with(b)),
        _ => false,
    }
}

/// Whether `c` is the last character of one of `BODY_WORDS`.
fn ends_a_body_word(c: char) -> bool {
    matches!(c, '联' | '府' | '委' | '会')
}

/// The characters of `AREAS`, as a `match` (asked of every two-character word
/// before every figure).
fn is_area(c: char) -> bool {
    matches!(
        c,
        '国' | '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '旗' | '州' | '盟' | '街' | '社'
    )
}

/// Areas and units a body is named after: 全县, 我市, 本村.
#[cfg(test)]
const AREAS: &str = "国省市县区镇乡村旗州盟街社";

/// Words that end the name of a body, as characters: asked of every word
/// before every figure (as strings, decoded at each question, they cost 1.6 %
/// of a corpus parse, callgrind).
const BODY_WORDS: [&[char]; 7] = [
    &['妇', '联'],
    &['政', '府'],
    &['党', '委'],
    &['团', '委'],
    &['工', '会'],
    &['残', '联'],
    &['妇', '委', '会'],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_what_by_key_is_not_what_by_text() {
        // every word of the list, each with a character more or less, and every
        // BMP character alone, before and after a word of the list
        let by_text = |w: &[char]| NOT_WHAT.iter().any(|x| x.chars().eq(w.iter().copied()));
        let mut words: Vec<Vec<char>> = Vec::new();
        for x in NOT_WHAT {
            let cs: Vec<char> = x.chars().collect();
            words.push(cs[1..].to_vec());
            words.push(cs[..cs.len() - 1].to_vec());
            words.push([cs.clone(), vec!['年']].concat());
            words.push(cs);
        }
        for w in &words {
            assert_eq!(is_not_what(w), by_text(w), "{w:?}");
        }
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for w in [
                vec![c],
                vec![c, '年'],
                vec!['全', c],
                vec!['上', '半', c],
                vec![c; 4],
            ] {
                assert_eq!(is_not_what(&w), by_text(&w), "{w:?}");
            }
        }
    }

    #[test]
    fn one_pass_subject_text_is_the_three_pass_test() {
        let three_passes = |w: &[char]| {
            let latin = w
                .iter()
                .any(|c| !crate::text::is_cjk(*c) && c.is_alphabetic());
            let digit = w.iter().any(|c| c.is_ascii_digit());
            w.iter()
                .all(|&c| crate::text::is_cjk(c) || c.is_ascii_alphanumeric() || c == '.')
                && (!latin || digit)
        };
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for w in [vec![c], vec!['5', c], vec![c, '妇'], vec!['G', c, '.']] {
                assert_eq!(is_subject_text(&w), three_passes(&w), "{w:?}");
            }
            assert_eq!(is_area(c), AREAS.contains(c), "{c:?}");
        }
    }

    #[test]
    fn area_chars_stand_alone() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let want = "国省市县区镇乡村旗州盟".contains(c);
            assert_eq!(is_area_char(&[c]), want, "{c:?}");
            assert!(!is_area_char(&[c, '市']), "{c:?}");
        }
        assert!(!is_area_char(&[]));
    }

    #[test]
    fn every_body_word_ends_in_a_listed_character() {
        for b in BODY_WORDS {
            assert!(ends_a_body_word(*b.last().expect("a word")), "{b:?}");
        }
        assert!(!ends_a_body_word('女'));
        assert!(!ends_a_body_word('a'));
    }

    #[test]
    fn body_words_end_a_body_or_place() {
        for (word, want) in [
            ("县妇联", true),
            ("妇联", true),
            ("联", false),
            ("市人民政府", true),
            ("村妇委会", true),
            ("委会", false),
            ("全县", true),
            ("全国", false),
            ("全", true),
            ("妇女", false),
            ("工会", true),
            ("协会", false),
            ("妇聯", false),
            ("5", false),
            ("", false),
        ] {
            let cs: Vec<char> = word.chars().collect();
            assert_eq!(is_body_or_place(&cs), want, "{word}");
        }
    }
}
