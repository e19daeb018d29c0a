//! The number reader: Arabic, Chinese (常用 and 大写) and mixed numerals over a
//! slice of folded characters (simplified script, ASCII digits).
//!
//! One pass, no allocation: the big-unit groups (万, 亿, 兆) live in a small
//! fixed stack, so `四千五百六十九万八千三百一十一亿…` reads as written.

use crate::model::Approx;
use crate::text::BmpSet;

mod signed;

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

/// The digit at `j`, with 参 read as 3 where a financial numeral surrounds it.
fn digit_at(cs: &[char], j: usize, financial: bool) -> Option<u8> {
    let c = *cs.get(j)?;
    if c != '参' {
        return cn_digit(c);
    }
    let next = cs.get(j + 1).copied();
    let fin = |k: usize| cs.get(k).is_some_and(|&c| FINANCIAL.contains(c));
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

/// Whether the 千/百 at `i` begins a unit word rather than multiplying (千米, 千克, 百分点).
fn unit_word_follows(cs: &[char], i: usize) -> bool {
    matches!(
        (cs.get(i), cs.get(i + 1)),
        (
            Some('千' | '兆'),
            Some('米' | '克' | '瓦' | '卡' | '伏' | '帕' | '赫')
        )
    ) || (cs.get(i) == Some(&'百') && cs.get(i + 1) == Some(&'分') && cs.get(i + 2) == Some(&'点'))
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

fn read_plain_number(cs: &[char], i: usize) -> Option<Num> {
    let mut stack: [(f64, f64); 6] = [(0.0, 0.0); 6];
    let mut sp = 0usize;
    let mut section = 0.0f64;
    let mut digit: Option<f64> = None;
    let mut digit_is_cn = false;
    let mut last_unit: f64 = 0.0; // the unit the pending digit may elide (二百五: 百)
    let mut zero = false;
    let mut last_big = false;
    let mut chinese = false;
    let mut decimal = false;
    let mut approx = None;
    let mut scale = 1.0f64;
    let mut any = false;
    let mut j = i;
    let mut frac_extra = 0.0f64;
    let mut after_approx = false;
    let mut only_units = true;

    // fold the pending digit into the value, eliding a unit when written 二百五
    let elide = |digit: Option<f64>, cn: bool, zero: bool, last_unit: f64| -> f64 {
        match digit {
            Some(d) if cn && !zero && last_unit >= 100.0 => d * last_unit / 10.0,
            Some(d) => d,
            None => 0.0,
        }
    };

    let mut financial = false;
    while let Some(&c) = cs.get(j) {
        if after_approx && cn_big_unit(c).is_none() {
            break;
        }
        if c.is_ascii_digit() {
            if digit.is_some() {
                break;
            }
            let (v, mut e, f) = read_arabic(cs, j)?;
            if last_big && !zero {
                // 3万4000 and 1万600 fill the group; 20万15 does not (two numbers side by side)
                let want = if last_unit >= 1e8 { 8 } else { 4 };
                let unit_next = cs
                    .get(e)
                    .is_some_and(|&c| cn_small_unit(c).is_some() || cn_big_unit(c).is_some());
                if f || (e - j != want && e - j != want - 1 && !unit_next) {
                    break;
                }
            }
            // 5.9 万元: a space left by the page's markup before the multiplier
            if cs.get(e) == Some(&' ') && cs.get(e + 1).is_some_and(|&c| cn_big_unit(c).is_some()) {
                e += 1;
            }
            digit = Some(v);
            digit_is_cn = false;
            decimal |= f;
            only_units = false;
            any = true;
            last_big = false;
            j = e;
            continue;
        }
        if let Some(t) = cn_tens(c) {
            if digit.is_some_and(|d| d != 0.0) || (last_unit > 0.0 && last_unit <= 10.0) {
                break;
            }
            section += t;
            digit = None;
            last_unit = 10.0;
            zero = false;
            chinese = true;
            only_units = false;
            any = true;
            last_big = false;
            j += 1;
            continue;
        }
        financial |= FINANCIAL.contains(c);
        // 两个亿: a measure word between a digit and its multiplier
        if c == '个' && digit_is_cn && digit.is_some() && matches!(cs.get(j + 1), Some('万' | '亿'))
        {
            j += 1;
            continue;
        }
        if let Some(d) = digit_at(cs, j, financial) {
            if d == 0 {
                if digit.is_some() {
                    break; // 二〇一四: digits side by side are not a quantity
                }
                if !any {
                    digit = Some(0.0);
                    digit_is_cn = true;
                } else {
                    zero = true;
                }
                chinese = true;
                only_units = false;
                any = true;
                last_big = false;
                j += 1;
                continue;
            }
            if digit.is_some_and(|v| v != 0.0) {
                break;
            }
            digit = Some(f64::from(d));
            digit_is_cn = true;
            chinese = true;
            only_units = false;
            any = true;
            last_big = false;
            j += 1;
            continue;
        }
        if c == '几' && any {
            if digit.is_some() {
                break;
            }
            digit = Some(0.0);
            digit_is_cn = true;
            approx = Some(Approx::Over);
            j += 1;
            continue;
        }
        if let Some(u) = cn_small_unit(c) {
            if unit_word_follows(cs, j) {
                break;
            }
            if last_unit > 0.0 && last_unit < 1e4 && u >= last_unit && section > 0.0 {
                break; // 五十百: not a numeral
            }
            let m = match digit {
                Some(d) if d != 0.0 => d,
                _ => 1.0,
            };
            section += m * u;
            digit = None;
            last_unit = u;
            zero = false;
            chinese |= digit_is_cn || !any;
            any = true;
            last_big = false;
            j += 1;
            continue;
        }
        if let Some(u) = cn_big_unit(c) {
            if unit_word_follows(cs, j) {
                break;
            }
            if !any {
                // 万分之三, 万万分之七: a bare unit as a denominator; 万余元 a
                // bare round number like 千余人; 万人 has no number
                let mut k = j;
                while cs.get(k).is_some_and(|&c| cn_big_unit(c).is_some()) {
                    k += 1;
                }
                let denominator = cs.get(k) == Some(&'分') && cs.get(k + 1) == Some(&'之');
                let round = k == j + 1 && matches!(cs.get(k), Some('余' | '多'));
                if !(denominator || round) {
                    return None;
                }
                section = 1.0;
                any = true;
            }
            // 百二万 = 120万, as 一百二 = 120: one rule for the elided digit
            let pending = if last_unit < 1e4 {
                elide(digit, digit_is_cn, zero, last_unit)
            } else {
                digit.unwrap_or(0.0)
            };
            let cur = section + pending;
            if cur == 0.0 && last_big && sp > 0 {
                // 万万, 万亿: the units multiply
                stack[sp - 1].0 *= u;
                stack[sp - 1].1 *= u;
            } else if cur == 0.0 && !last_big && sp == 0 && frac_extra == 0.0 {
                break;
            } else {
                let mut v = cur;
                while sp > 0 && stack[sp - 1].1 < u {
                    v += stack[sp - 1].0;
                    sp -= 1;
                }
                if sp >= stack.len() {
                    break;
                }
                stack[sp] = (v * u, u);
                sp += 1;
            }
            if frac_extra != 0.0 {
                // 一点五万: the fraction was part of the multiplied group
                stack[sp - 1].0 += frac_extra * u;
                frac_extra = 0.0;
            }
            scale = scale.max(stack[sp - 1].1);
            section = 0.0;
            digit = None;
            last_unit = u;
            zero = false;
            last_big = true;
            j += 1;
            continue;
        }
        if (c == '多' || c == '余') && any && !after_approx {
            // 1800多, 十余万: more than; a big unit may still follow
            approx = Some(Approx::Over);
            after_approx = true;
            j += 1;
            continue;
        }
        if c == '点' && any && !decimal {
            // Chinese decimal point: 五十五点五七九, 两千万点五五四四
            let mut k = j + 1;
            let mut f = 0.0;
            let mut s = 0.1;
            while let Some(d) = cs.get(k).and_then(|&c| cn_digit(c)) {
                f += f64::from(d) * s;
                s /= 10.0;
                k += 1;
            }
            if k == j + 1 {
                break;
            }
            let whole = elide(digit, digit_is_cn, zero, last_unit);
            if digit.is_some() && section == 0.0 && sp == 0 {
                digit = Some(whole + f);
                digit_is_cn = false;
            } else {
                section += whole;
                digit = None;
                frac_extra += f;
            }
            decimal = true;
            last_unit = 0.0;
            j = k;
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    let mut value = section + elide(digit, digit_is_cn, zero, last_unit) + frac_extra;
    for &(v, _) in &stack[..sp] {
        value += v;
    }
    // a trailing 多/余 that no big unit followed stays in the numeral (1800多)
    Some(Num {
        value,
        end: j,
        approx,
        chinese,
        scale,
        bare_unit: only_units && !matches!(cs.get(i), Some('十' | '拾')),
        decimal,
        value_max: None,
    })
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
