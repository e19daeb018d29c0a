//! The number reader: Arabic, Chinese (常用 and 大写) and mixed numerals over a
//! slice of folded characters (simplified script, ASCII digits).
//!
//! One pass, no allocation: the big-unit groups (万, 亿, 兆) live in a small
//! fixed stack, so `四千五百六十九万八千三百一十一亿…` reads as written.

use crate::model::Approx;
use crate::text::BmpSet;

mod plain;
mod signed;

use plain::read_plain_number;

pub use signed::{Signed, read_signed};

/// A numeral read from `cs[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    pub end: usize,
    /// 多, 余, 几 inside the numeral (`1800多`, `十余万`, `二十几万`).
    pub approx: Option<Approx>,
    /// Any Chinese numeral character was used (一, 十, 两 …), not a multiplier after digits.
    pub chinese: bool,
    /// The largest big unit (万 1e4, 亿 1e8) applied, 1 if none.
    pub scale: f64,
    /// Only unit characters, not led by 十 (百, 千, 百万): a bare round number.
    pub bare_unit: bool,
    /// Written with a decimal point.
    pub decimal: bool,
    /// The upper end of two neighbouring digits read as a range (三五百, 十七八万).
    pub value_max: Option<f64>,
}

pub use crate::text::cn_digit;

/// 十 百 千 and their 大写 forms.
pub fn cn_small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// 万 亿 兆.
pub fn cn_big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' => 1e4,
        '亿' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

/// 廿 卅 卌: twenty, thirty, forty in one character (廿二 = 22, 五百卅四 = 534).
pub fn cn_tens(c: char) -> Option<f64> {
    Some(match c {
        '廿' => 20.0,
        '卅' => 30.0,
        '卌' => 40.0,
        _ => return None,
    })
}

/// The 大写 (financial) forms, after folding: 参 is 3 only among these (参拾参), as
/// elsewhere it begins 参加, 参与 ….
const FINANCIAL: &str = "壹贰叁肆伍陆柒捌玖拾佰仟";
/// `FINANCIAL` as a bitmap: asked of every Chinese character a numeral reads,
/// where `str::contains` searched for the character's bytes as a substring
/// (9.2 M of 1,304 M instructions, callgrind).
static FINANCIAL_CHARS: BmpSet = BmpSet::new(FINANCIAL);

/// The digit at `j`, with 参 read as 3 where a financial numeral surrounds it.
/// Inlined: once the reader became steps the compiler called it, 2.3 M of 1,644 M
/// instructions (callgrind, `parse` of 300 reports).
#[inline]
fn digit_at(cs: &[char], j: usize, financial: bool) -> Option<u8> {
    let c = *cs.get(j)?;
    if c != '参' {
        return cn_digit(c);
    }
    let next = cs.get(j + 1).copied();
    let fin = |k: usize| cs.get(k).is_some_and(|&c| FINANCIAL_CHARS.contains(c));
    let before_unit = next.is_some_and(|c| "拾佰仟".contains(c))
        || (matches!(next, Some('万' | '亿')) && (fin(j + 2) || financial));
    (financial || before_unit).then_some(3)
}

/// Any character that can be part of a Chinese numeral. Asked of nearly every
/// character of a body, so answered from a bitmap.
pub fn is_cn_numeral(c: char) -> bool {
    NUMERALS.contains(c)
}

/// Every character of `cn_digit`, `cn_small_unit` and `cn_big_unit` (a test checks the three agree).
pub const NUMERAL_CHARS: &str =
    "零〇一壹二贰貳两兩俩倆三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万亿兆廿卅卌";
static NUMERALS: BmpSet = BmpSet::new(NUMERAL_CHARS);

/// An Arabic literal at `i`: digits with `,` thousands groups and a `.` fraction.
/// Returns (value, end, had_fraction).
pub fn read_arabic(cs: &[char], i: usize) -> Option<(f64, usize, bool)> {
    let mut j = i;
    let mut int: f64 = 0.0;
    let mut n = 0;
    while let Some(d) = cs.get(j).and_then(|c| c.to_digit(10)) {
        int = int * 10.0 + f64::from(d);
        j += 1;
        n += 1;
        // a thousands group: `,` then exactly three digits; the full-width `，`
        // only after a group of at most three digits (2，000元), as it mostly
        // separates clauses
        // a space likewise (12 345名), and only between groups of three
        let sep = match cs.get(j) {
            Some(',') => true,
            Some('，') => n <= 3 && !cs[i..j].contains(&'，') || cs[i..j].contains(&'，'),
            Some(' ') => cs[i..j].contains(&' ') || (n <= 3 && space_groups_then_unit(cs, j)),
            _ => false,
        };
        if sep
            && (1..=3).all(|k| cs.get(j + k).is_some_and(|c| c.is_ascii_digit()))
            && !cs.get(j + 4).is_some_and(|c| c.is_ascii_digit())
        {
            j += 1;
        }
    }
    let mut frac = false;
    if cs.get(j) == Some(&'.') && cs.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        let mut scale = 0.1;
        j += 1;
        while let Some(d) = cs.get(j).and_then(|c| c.to_digit(10)) {
            int += f64::from(d) * scale;
            scale /= 10.0;
            j += 1;
        }
        frac = true;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    Some((int, j, frac))
}

/// ` 345`, ` 345 678` … then a unit or `%`: a number grouped by spaces (12 345名), as
/// against numbers side by side in a row of cells (120 340 560).
fn space_groups_then_unit(cs: &[char], mut k: usize) -> bool {
    let start = k;
    while cs.get(k) == Some(&' ')
        && (1..=3).all(|d| cs.get(k + d).is_some_and(|c| c.is_ascii_digit()))
        && !cs.get(k + 4).is_some_and(|c| c.is_ascii_digit())
    {
        k += 4;
    }
    k > start
        && cs
            .get(k)
            .is_some_and(|&c| crate::text::is_cjk(c) || c == '%')
}

/// Read the longest numeral at `i` (no sign, no fraction `分之`). Two neighbouring
/// Chinese digits one apart (or 三五) make a range: 三五百 → 300..500, 十七八万 →
/// 170000..180000, 一万六七 → 16000..17000; each end is the numeral with one of them.
pub fn read_number(cs: &[char], i: usize) -> Option<Num> {
    if let Some(k) = digit_pair(cs, i) {
        let without = |drop: usize| -> Vec<char> {
            let mut v: Vec<char> = cs[i..].iter().take(k - i + 16).copied().collect();
            v.remove(drop - i);
            v
        };
        let (lo_cs, hi_cs) = (without(k + 1), without(k));
        if let (Some(lo), Some(hi)) = (read_plain_number(&lo_cs, 0), read_plain_number(&hi_cs, 0))
            && lo.end == hi.end
            && lo.end > k - i
            && hi.value > lo.value
        {
            let mut n = lo;
            n.end = i + lo.end + 1;
            n.value_max = Some(hi.value);
            n.chinese = true;
            return Some(n);
        }
    }
    read_plain_number(cs, i)
}

/// Where two neighbouring digits of a range stand in the numeral at `i` (the first's index).
fn digit_pair(cs: &[char], i: usize) -> Option<usize> {
    let mut k = i;
    while k + 1 < cs.len() && k - i < 8 && is_cn_numeral(cs[k]) {
        if let (Some(a), Some(b)) = (cn_digit(cs[k]), cn_digit(cs[k + 1]))
            && a > 0
            && (b == a + 1 || (a, b) == (3, 5))
        {
            return Some(k);
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(f64, usize)> {
        let cs: Vec<char> = s.chars().collect();
        read_number(&cs, 0).map(|n| (n.value, n.end))
    }

    #[test]
    fn numeral_bitmap_agrees_with_the_readers() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let by_reader = cn_digit(c).is_some()
                || cn_small_unit(c).is_some()
                || cn_big_unit(c).is_some()
                || cn_tens(c).is_some();
            assert_eq!(is_cn_numeral(c), by_reader, "{c}");
        }
    }

    #[test]
    fn financial_bitmap_is_the_financial_string() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            assert_eq!(FINANCIAL_CHARS.contains(c), FINANCIAL.contains(c), "{c}");
        }
    }

    #[test]
    fn reads_whole_numerals() {
        let cases: &[(&str, f64)] = &[
            ("1800", 1800.0),
            ("181,913", 181913.0),
            ("1.59万", 15900.0),
            ("三万", 30000.0),
            ("5万4千6百", 54600.0),
            ("二百五", 250.0),
            ("一千零五", 1005.0),
            ("九十二万四", 924000.0),
            (
                "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二",
                4569831148725382.0,
            ),
            ("10万万", 1e9),
            ("4.78万亿", 4.78e12),
            ("一百零十万", 1100000.0),
            ("零十", 10.0),
            ("两千万点五五四四", 20000000.5544),
            ("一千六点五", 1600.5),
            ("一点五万", 15000.0),
            ("239450万", 2394500000.0),
        ];
        for (s, v) in cases {
            let (got, end) = num(s).unwrap_or_else(|| panic!("{s}"));
            assert!(
                (got - v).abs() < 1e-6 * v.abs().max(1.0),
                "{s}: {got} != {v}"
            );
            assert_eq!(end, s.chars().count(), "{s}");
        }
    }

    #[test]
    fn side_by_side_digits_stop() {
        assert_eq!(num("三八"), Some((3.0, 1)));
        assert_eq!(num("二〇一四"), Some((2.0, 1)));
        assert_eq!(num("万人"), None);
    }
}
