//! Not figures (guide §3): ordinals, list markers, names and slogans, quoted
//! titles, identifiers, dates and durations. Each rule reads the context of one
//! candidate in its line.

use super::number::{cn_big_unit, cn_digit, cn_small_unit, is_cn_numeral};
use super::reader::Read;
use super::units::Unit;
use crate::model::FigureKind;

/// Why a candidate is not a figure (for tests and debugging).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    Ordinal,
    Identifier,
    NotAFigureKind,
    NoUnit,
    SmallChineseCount,
    BareRound,
    Quoted,
    Slogan,
    NotARate,
}

/// Units that also end common words after a small Chinese numeral (一度, 八字方针, 一口气).
const IDIOM_UNITS: &[&str] = &["度", "字", "口", "头", "两", "笔", "列", "羽"];

/// Whether a Chinese numeral of one digit (一 to 九, 两: under 10, no multiplier,
/// no range) followed by `unit`, with `after` after the unit, is ruled out
/// whatever stands around it: the unit is no figure's, an idiom's, money, or a
/// count (unless a range or 半 may follow the unit). The rules of `excluded` for
/// such a numeral, so that the scan need not read it (`extract::settled`).
pub fn small_chinese_ruled_out(unit: &Unit, after: Option<char>) -> bool {
    let range_may_follow = after
        .is_some_and(|c| matches!(c, '半' | '(' | '-' | '~' | '—' | '至' | '到' | '－' | '～'));
    // the idioms last: comparing the unit with each of them cost 250
    // instructions a call, and the kinds settle most units
    !unit.kind.is_figure()
        || unit.kind == FigureKind::Money
        || (unit.kind == FigureKind::Count && !range_may_follow)
        || IDIOM_UNITS.contains(&unit.unit)
}

/// Whether a number may start at `i`: not in the middle of another number or word.
pub fn can_start(cs: &[char], i: usize) -> bool {
    let Some(&c) = cs.get(i) else { return false };
    let prev = if i > 0 { cs.get(i - 1).copied() } else { None };
    if c.is_ascii_digit() {
        let prev2 = if i > 1 { cs.get(i - 2).copied() } else { None };
        return !prev.is_some_and(|p| {
            p.is_ascii_alphanumeric()
                || matches!(p, '_' | '/' | '*' | '#')
                // 2014.5.6, 0477-123: the middle of a date or an identifier
                || (matches!(p, '.' | ',' | '-') && prev2.is_some_and(|q| q.is_ascii_digit()))
        });
    }
    if is_cn_numeral(c) {
        if cn_big_unit(c).is_some() && cs.get(i + 1) != Some(&'分') {
            return false;
        }
        return !prev.is_some_and(|p| is_cn_numeral(p) || p == '几' || p == '点');
    }
    false
}

/// Quotation marks and book-title marks, open and close, and how far (in
/// characters) each pair is looked for on either side of a candidate.
const QUOTE_PAIRS: [(char, char, usize); 4] = [
    ('“', '”', 30),
    ('《', '》', 50),
    ('‘', '’', 30),
    ('「', '」', 30),
];
/// The longest reach of `QUOTE_PAIRS`.
const QUOTE_REACH: usize = 50;
/// The characters of `QUOTE_PAIRS`: the line scan notes where they stand as it
/// fills its characters, so `quoted` visits only them.
pub const QUOTE_MARKS: &str = "“”《》‘’「」";

/// The pair `c` belongs to in `QUOTE_PAIRS`, and whether it opens it. A range
/// test first: the eight marks are U+2018…U+201D and U+300A…U+300D.
fn quote_mark(c: char) -> Option<(usize, bool)> {
    let u = c as u32;
    if u.wrapping_sub(0x2018) > 5 && u.wrapping_sub(0x300A) > 3 {
        return None;
    }
    QUOTE_PAIRS
        .iter()
        .enumerate()
        .find_map(|(k, &(open, close, _))| (c == open || c == close).then_some((k, c == open)))
}

/// Whether `c` is one of `QUOTE_MARKS`.
pub fn is_quote_mark(c: char) -> bool {
    quote_mark(c).is_some()
}

/// The nearest mark of each pair among `steps` (index into `cs`, distance from
/// the candidate), within the pair's reach: whether it opens the pair.
fn nearest_marks(cs: &[char], steps: impl Iterator<Item = (usize, usize)>) -> [Option<bool>; 4] {
    let mut nearest = [None; 4];
    for (k, d) in steps {
        if let Some((pair, opens)) = quote_mark(cs[k])
            && nearest[pair].is_none()
            && d <= QUOTE_PAIRS[pair].2
        {
            nearest[pair] = Some(opens);
        }
    }
    nearest
}

/// Whether `cs[i]` sits inside a short balanced quotation or a book title on
/// its line: the nearest mark of a pair before it opens it, the nearest after
/// closes it. `noted` holds indices of `cs` in order, among them every quote
/// mark's: only they are visited, not the 50 characters each way (most of the
/// 13 K candidates have a mark in reach: `excluded` 8.6 M -> 5.9 M of 703.9 M
/// instructions, callgrind bench-sub). A test checks it against a walk per pair.
pub fn quoted(cs: &[char], noted: &[usize], i: usize) -> bool {
    let first = noted.partition_point(|&k| k < i.saturating_sub(QUOTE_REACH));
    let split = first + noted[first..].partition_point(|&k| k < i);
    // distances as the walks count them: from 1 backwards, from 1 forwards
    // starting at the candidate itself
    let back = noted[first..split].iter().rev().map(|&k| (k, i - k));
    let before = nearest_marks(cs, back);
    if !before.contains(&Some(true)) {
        return false;
    }
    let end = cs.len().min(i + QUOTE_REACH);
    let ahead = noted[split..].iter().take_while(|&&k| k < end);
    let after = nearest_marks(cs, ahead.map(|&k| (k, k - i + 1)));
    (0..QUOTE_PAIRS.len()).any(|p| before[p] == Some(true) && after[p] == Some(false))
}

/// The rule that rules the candidate out, if any. `noted`: indices of `cs` in
/// order, among them those of all its quote marks (`quoted`).
pub fn excluded(cs: &[char], noted: &[usize], i: usize, r: &Read) -> Option<Skip> {
    let mut prev = if i > 0 { cs.get(i - 1).copied() } else { None };
    if prev == Some(' ') && i > 1 {
        prev = cs.get(i - 2).copied(); // 第 3 次
    }
    // 第十次; 九届四十八次会议 (the session of a numbered term)
    if matches!(prev, Some('第' | '届')) {
        return Some(Skip::Ordinal);
    }
    if prev.is_some_and(|p| p.is_ascii_alphabetic() || matches!(p, '_' | '*' | '×')) {
        return Some(Skip::Identifier);
    }
    // 0477, 000014349: leading zeros make a code, not a quantity
    if cs.get(i) == Some(&'0') && cs.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        return Some(Skip::Identifier);
    }
    if !r.kind.is_figure() {
        return Some(Skip::NotAFigureKind);
    }
    if !r.has_unit && r.num.scale < 1e4 {
        return Some(Skip::NoUnit);
    }
    if !r.has_unit {
        // a bare 万/亿 amount: only where the unit is left out, not before a letter or digit
        if cs.get(r.end).is_some_and(|c| c.is_ascii_alphabetic()) {
            return Some(Skip::Identifier);
        }
    }
    if r.num.bare_unit {
        return Some(Skip::BareRound);
    }
    // 数十名, 好几百人: a vague amount, not a stated number
    if r.num.chinese && prev.is_some_and(|p| matches!(p, '数' | '几' | '上')) {
        return Some(Skip::BareRound);
    }
    // 前10名: a rank, not a count
    if prev == Some('前') && matches!(r.unit, "名" | "位") {
        return Some(Skip::Ordinal);
    }
    // units that are also the second half of a word or a slogan: 一度 (once), 二十字方针,
    // 一口气, 一头: a small Chinese numeral before them is not a measurement
    if r.num.chinese && r.value < 100.0 && r.num.scale == 1.0 && IDIOM_UNITS.contains(&r.unit) {
        return Some(Skip::SmallChineseCount);
    }
    if r.num.chinese && r.kind == FigureKind::Money && r.value < 100.0 {
        // 十元捐, 一元钱: sums in words this small are names and idioms
        return Some(Skip::SmallChineseCount);
    }
    if r.num.chinese
        && r.kind == FigureKind::Count
        && r.value < 10.0
        && r.value_max.is_none()
        && r.num.scale == 1.0
    {
        return Some(Skip::SmallChineseCount);
    }
    // a measure word followed by a small numeral of the same script and no unit
    // of its own: 十个一, 1对1, 一对一 (slogans, not counts)
    if r.has_unit && r.value <= 10.0 {
        let same = cs.get(r.end).is_some_and(|&n| {
            if r.num.chinese {
                cn_digit(n).is_some() || cn_small_unit(n).is_some()
            } else {
                n.is_ascii_digit()
            }
        });
        if same {
            let next = super::number::read_number(cs, r.end);
            let slogan = next
                .is_some_and(|n| n.value <= 10.0 && super::units::match_unit(cs, n.end).is_none());
            if slogan {
                return Some(Skip::Slogan);
            }
        }
    }
    if r.fraction && !r.num.chinese {
        // 1/4 is a rate; 6/26 or 3/2 in running text is a date or an identifier
        let ok = r.value < 100.0
            && r.value > 0.0
            && r.den <= 10.0
            && !cs
                .get(r.end)
                .is_some_and(|c| matches!(c, '日' | '月' | '号' | '/'));
        if !ok {
            return Some(Skip::NotARate);
        }
    }
    if quoted(cs, noted, i) {
        return Some(Skip::Quoted);
    }
    // a letter right after the unit continues an identifier (3号楼A座, 5G)
    if r.has_unit && !r.num.chinese && cs.get(r.end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some(Skip::Identifier);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::reader::read_at;
    use super::*;

    /// `quoted` as it was: a walk each way per pair of marks.
    fn quoted_pair_by_pair(cs: &[char], i: usize) -> bool {
        QUOTE_PAIRS.iter().any(|&(open, close, reach)| {
            let back = (i.saturating_sub(reach)..i).rev().map(|k| cs[k]);
            let opened = back.into_iter().find(|&c| c == open || c == close) == Some(open);
            let mut ahead = cs[i..cs.len().min(i + reach)].iter();
            opened && ahead.find(|&&c| c == open || c == close) == Some(&close)
        })
    }

    #[test]
    fn one_walk_for_all_quote_pairs_is_a_walk_per_pair() {
        let alphabet = ['“', '”', '《', '》', '‘', '’', '「', '」', '1', '"'];
        let mut seed = 0x9E37_79B9_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..3000 {
            let len = 1 + next(140) as usize;
            // mostly plain characters, so that marks stand near and beyond each reach
            let cs: Vec<char> = (0..len)
                .map(|_| match next(12) {
                    k @ 0..=9 if next(4) == 0 => alphabet[k as usize],
                    _ => '字',
                })
                .collect();
            let marks = quote_marks(&cs);
            let all: Vec<usize> = (0..cs.len()).collect();
            for i in 0..cs.len() {
                let line: String = cs.iter().collect();
                let want = quoted_pair_by_pair(&cs, i);
                assert_eq!(quoted(&cs, &marks, i), want, "{i} in {line}");
                assert_eq!(quoted(&cs, &all, i), want, "{i} in {line}");
            }
        }
        let cs: Vec<char> = "《中华人民共和国妇女权益保障法》第2条".chars().collect();
        let marks = quote_marks(&cs);
        assert!(quoted(&cs, &marks, 8) && !quoted(&cs, &marks, 17));
        assert!(!quoted(&[], &[], 0) && !quoted(&['“', '1'], &[0], 1));
    }

    fn why(line: &str, at: &str) -> Option<Skip> {
        let cs: Vec<char> = line.chars().collect();
        let pos = line.find(at).expect("marker");
        let i = line[..pos].chars().count();
        let r = read_at(&cs, i, false).expect("a number");
        excluded(&cs, &quote_marks(&cs), i, &r)
    }

    /// The indices of the quote marks of `cs`, in order.
    fn quote_marks(cs: &[char]) -> Vec<usize> {
        (0..cs.len()).filter(|&k| is_quote_mark(cs[k])).collect()
    }

    #[test]
    fn quote_marks_are_the_characters_of_the_quote_pairs() {
        let pairs: String = QUOTE_PAIRS.iter().flat_map(|&(o, c, _)| [o, c]).collect();
        assert_eq!(QUOTE_MARKS, pairs);
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_quote_mark(c), QUOTE_MARKS.contains(c), "{c}");
        }
        let cs: Vec<char> = "a“b”《》‘’「」‚„".chars().collect();
        assert_eq!(quote_marks(&cs), [1, 3, 4, 5, 6, 7, 8, 9]);
        assert!(quote_marks(&[]).is_empty());
    }

    #[test]
    fn exclusions() {
        let cases: &[(&str, &str, Skip)] = &[
            ("这是第十次会议", "十次", Skip::Ordinal),
            ("第3年", "3年", Skip::Ordinal),
            ("开展“三八”维权周", "三八", Skip::NoUnit),
            ("评选五好家庭", "五好", Skip::NoUnit),
            ("评选十佳家庭", "十佳", Skip::NoUnit),
            ("开展两癌筛查", "两癌", Skip::NoUnit),
            ("落实六个环绕", "六个", Skip::SmallChineseCount),
            ("推进十个一工程", "十个", Skip::Slogan),
            ("学习《3到6岁儿童学习与发展指南》", "3到6岁", Skip::Quoted),
            ("拨打12338热线", "12338", Skip::NoUnit),
            ("索引号:000014349/2014-00123", "000014349", Skip::Identifier),
            ("下发x妇发〔2014〕5号文件", "5号", Skip::NotAFigureKind),
            ("1.加强领导", "1.", Skip::NoUnit),
            ("2014年3月", "2014年", Skip::NotAFigureKind),
            ("12月8日举行", "12月", Skip::NotAFigureKind),
            ("连续五年", "五年", Skip::NotAFigureKind),
            ("用了两个月", "两个月", Skip::NotAFigureKind),
            ("上午9点开始", "9点", Skip::NotAFigureKind),
            ("“12.4”法制宣传日", "12.4", Skip::NoUnit),
            ("三年共计", "三年", Skip::NotAFigureKind),
            ("举办千人参加的仪式", "千人", Skip::BareRound),
            ("一对一帮扶", "一对", Skip::SmallChineseCount),
            ("1对1帮扶", "1对", Skip::Slogan),
            ("十九大精神", "十九", Skip::NoUnit),
            ("六五普法", "六五", Skip::NoUnit),
            ("建党101周年", "101周年", Skip::NotAFigureKind),
            ("检测HPV16型", "16", Skip::Identifier),
            ("6/26国际禁毒日", "6/26", Skip::NotARate),
            ("第八届", "八届", Skip::Ordinal),
            ("选出十九届代表", "十九届", Skip::NotAFigureKind),
        ];
        for (line, at, want) in cases {
            assert_eq!(why(line, at), Some(*want), "{line} at {at}");
        }
    }

    #[test]
    fn figures_pass() {
        for (line, at) in [
            ("培训1800多名妇女", "1800"),
            ("参与群众近四万人", "四万"),
            ("“单亲特困母亲帮扶”2个项目", "2个"),
            ("其中区级“平安家庭51,529户", "51,529"),
            ("向20多万15-49周岁妇女", "20多万"),
        ] {
            assert_eq!(why(line, at), None, "{line}");
        }
    }
}
