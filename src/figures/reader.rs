//! One quantity at a position: number, range, unit, percent forms and qualifiers.
//! The extractor and `read_quantity` both call `read_at`, so a reviewer's typed
//! correction is read exactly as the text would be.

use super::number::{Num, Signed, cn_digit, read_number, read_signed};
use super::units::{POST_QUALIFIER_STARTS, POST_QUALIFIERS, Unit, at, match_unit};
use crate::model::{Approx, FigureKind, Quantity};

/// What was read at a position (char indices into the slice).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Read {
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: &'static str,
    pub kind: FigureKind,
    pub approx: Option<Approx>,
    /// The number itself (for context rules).
    pub num: Num,
    /// Index after the number (before any unit).
    pub num_end: usize,
    /// A unit word, `%` or another percent form was found.
    pub has_unit: bool,
    pub unit_ref: Option<&'static Unit>,
    pub fraction: bool,
    /// The denominator of a fraction, else 1.
    pub den: f64,
}

impl Read {
    /// The quantity this reading gives, qualified by `approx`. An overflowing
    /// number (hundreds of digits) has no value to give; the magnitude flag
    /// tells the reviewer why.
    pub fn quantity(&self, approx: Option<Approx>) -> Quantity {
        Quantity {
            value: Some(self.value).filter(|v| v.is_finite()),
            value_max: self.value_max.filter(|v| v.is_finite()),
            unit: self.unit.to_string(),
            kind: self.kind,
            approx,
        }
    }
}

/// A range separator at `k` and its length: 15-49, 3到6, 1万元--5万元, 2——3万.
fn range_sep(cs: &[char], k: usize) -> Option<usize> {
    match (cs.get(k)?, cs.get(k + 1)) {
        ('-', Some('-')) | ('—', Some('—')) | ('－', Some('－')) => Some(2),
        ('-' | '~' | '—' | '至' | '到' | '－' | '～', _) => Some(1),
        _ => None,
    }
}

/// The low end of a range whose multiplier is written once, on the high end:
/// 3至5万 → 30000, 两到三仟 → 2000; 8500到3万 keeps 8500 (scaled it would pass the top).
fn range_low(lo: &Num, hi: &Num) -> f64 {
    if lo.approx.is_some() {
        return lo.value;
    }
    if lo.scale == 1.0 && hi.scale > 1.0 && lo.value * hi.scale < hi.value {
        return lo.value * hi.scale;
    }
    // one Chinese digit before a round hundreds or thousands: 两到三仟, 两~3百
    let mag = 10f64.powi(hi.value.abs().log10().floor() as i32);
    let round = hi.value >= 100.0 && (hi.value / mag).fract() == 0.0;
    if lo.chinese
        && lo.value < 10.0
        && lo.value.fract() == 0.0
        && round
        && lo.value * mag < hi.value
    {
        return lo.value * mag;
    }
    lo.value
}

/// `(含)` after a bound (50万元(含)以上, 1万(含)-5万元): the bound is in the range.
fn skip_inclusive(cs: &[char], k: usize) -> usize {
    if at(cs, k, "(含)") { k + 3 } else { k }
}

/// Read a quantity whose number starts at `i`. `loose`: a reviewer's typed
/// expression (signs, `折`, `打`, 角/分, bare numbers) rather than running text.
pub fn read_at(cs: &[char], i: usize, loose: bool) -> Option<Read> {
    let s = read_signed(cs, i, loose)?;
    let num = s.num;
    let mut j = num.end;
    let mut approx = num.approx;
    if s.fraction {
        return Some(read_fraction(cs, &s, loose));
    }
    let mut value = num.value;
    let mut value_max = num.value_max;
    // range: 15-49周岁, 3到6岁, 3至5万元
    let k = skip_inclusive(cs, j);
    if !s.mixed
        && value_max.is_none()
        && let Some(n) = range_sep(cs, k)
        && (n == 1 || cs.get(k + n).is_some_and(|c| !c.is_ascii_punctuation()))
        && let Some(m) = read_number(cs, k + n)
    {
        let lo = range_low(&num, &m);
        let chained = matches!(cs.get(m.end), Some('-' | '.' | '/'))
            && cs.get(m.end + 1).is_some_and(|c| c.is_ascii_digit());
        if lo < m.value && !chained && (loose || m.chinese == num.chinese) {
            value = lo;
            value_max = Some(m.value_max.unwrap_or(m.value));
            j = m.end;
            if m.approx.is_some() {
                approx = m.approx;
            }
        }
    }
    let num_end = j;
    let mut r = Read {
        end: j,
        value,
        value_max,
        unit: "",
        kind: FigureKind::Count,
        approx,
        num,
        num_end,
        has_unit: false,
        unit_ref: None,
        fraction: false,
        den: 1.0,
    };
    // 1800 名, 90 %: one space left by a page's markup between number and unit
    if !loose
        && !num.chinese
        && cs.get(j) == Some(&' ')
        && (cs.get(j + 1) == Some(&'%')
            || match_unit(cs, j + 1).is_some_and(|(u, _)| u.kind.is_figure()))
    {
        j += 1;
    }
    read_unit(cs, j, loose, &mut r);
    if r.has_unit {
        unit_range(cs, loose, &mut r);
    }
    if r.has_unit || loose {
        r.end = skip_inclusive(cs, r.end);
        if r.end > j && !r.has_unit && r.end == j + 3 {
            r.end = j; // (含) belongs to a bound, not to a bare number's end
        }
        post_qualifier(cs, &mut r);
    }
    r.value = tidy(r.value);
    r.value_max = r.value_max.map(tidy);
    Some(r)
}

/// A fraction is a rate (guide §3): 三分之一 → 33.3 %, 1/4 → 25 %; 百分之三十到四十一 a range.
fn read_fraction(cs: &[char], s: &Signed, loose: bool) -> Read {
    let num = s.num;
    let as_rate = |v: f64| {
        if s.den.rem_euclid(100.0) == 0.0 {
            v / (s.den / 100.0)
        } else {
            v * 100.0 / s.den
        }
    };
    let mut r = Read {
        end: num.end,
        value: as_rate(num.value),
        value_max: None,
        unit: "%",
        kind: FigureKind::Percent,
        approx: num.approx,
        num,
        num_end: num.end,
        has_unit: true,
        unit_ref: None,
        fraction: true,
        den: s.den,
    };
    // 四分之一公升: a share of a unit, not a rate
    if loose
        && let Some((u, e)) = match_unit(cs, r.end)
        && matches!(u.kind, FigureKind::Measure | FigureKind::Money)
    {
        r.value = num.value / s.den;
        r.unit = u.unit;
        r.kind = u.kind;
        r.end = e;
        r.fraction = false;
        r.value = tidy(r.value);
        return r;
    }
    if loose && let Some(n) = range_sep(cs, r.end) {
        // the upper end as a bare numeral of the same denominator, or a fraction of its own
        let k = r.end + n;
        let hi = match read_signed(cs, k, false) {
            Some(t) if t.fraction => Some((
                if t.den == s.den {
                    t.num.value
                } else {
                    f64::NAN
                },
                t,
            )),
            Some(t) => Some((t.num.value, t)),
            None => None,
        };
        if let Some((v, t)) = hi
            && v.is_finite()
            && as_rate(v) > r.value
        {
            r.value_max = Some(as_rate(v));
            r.end = t.num.end;
        }
    }
    post_qualifier(cs, &mut r);
    r.value = tidy(r.value);
    r.value_max = r.value_max.map(tidy);
    r
}

/// The unit at `j`: %, ‰, 百分点, 成, and the words of `units`; in a typed
/// expression also 折, 打 and the change of money (角, 毛, 一块二).
fn read_unit(cs: &[char], j: usize, loose: bool, r: &mut Read) {
    let value = r.value;
    let c = cs.get(j).copied();
    let percent = |r: &mut Read, k: f64, end: usize| {
        scale_all(r, k);
        r.unit = "%";
        r.kind = FigureKind::Percent;
        r.end = end;
        r.has_unit = true;
    };
    if c == Some('%') {
        percent(r, 1.0, j + 1);
    } else if c == Some('‰') {
        percent(r, 0.1, j + 1);
    } else if at(cs, j, "个百分点") || at(cs, j, "百分点") {
        r.unit = "百分点";
        r.kind = FigureKind::Percent;
        r.end = j + if at(cs, j, "个") { 4 } else { 3 };
        r.has_unit = true;
    } else if c == Some('成') && (loose || cheng_is_rate(cs, j + 1)) && value <= 10.0 {
        // 九成 → 90 %, 七成六 → 76 %, 三成半 → 35 %
        let mut e = j + 1;
        let mut extra = 0.0;
        if let Some(d) = cs
            .get(e)
            .and_then(|&c| cn_digit(c).map(f64::from).or(c.to_digit(10).map(f64::from)))
        {
            if loose {
                extra = d;
                e += 1;
            }
        } else if cs.get(e) == Some(&'半') {
            extra = 5.0;
            e += 1;
        }
        percent(r, 10.0, e);
        r.value += extra;
    } else if loose && c == Some('折') {
        percent(r, if value < 10.0 { 10.0 } else { 1.0 }, j + 1);
    } else if loose && c == Some('打') {
        scale_all(r, 12.0);
        r.unit = "个";
        r.end = j + 1;
        r.has_unit = true;
    } else if loose && matches!(c, Some('角' | '毛')) {
        // 五角, 两毛五, 肆角叁分: tenths of a yuan
        scale_all(r, 0.1);
        money(r, j + 1);
        r.end = match read_number(cs, j + 1) {
            Some(n) if cs.get(n.end) == Some(&'分') && n.value < 10.0 => {
                r.value += n.value * 0.01;
                n.end + 1
            }
            _ => change_tail(cs, j + 1, 0.01, &mut r.value),
        };
    } else if let Some((unit, e)) = match_unit(cs, j) {
        r.unit = unit.unit;
        r.kind = unit.kind;
        r.end = e;
        r.has_unit = true;
        r.unit_ref = Some(unit);
        if loose {
            unit_tail(cs, unit, r);
        }
        if r.kind == FigureKind::Money && matches!(cs.get(r.end), Some('整')) {
            r.end += 1; // 伍仟元整
        } else if loose && r.kind == FigureKind::Money && cs.get(r.end) == Some(&'正') {
            r.end += 1;
        }
        if cs.get(r.end) == Some(&'半') && r.value_max.is_none() {
            // 一吨半, 两米半
            r.value += 0.5;
            r.end += 1;
        }
    }
}

fn scale_all(r: &mut Read, k: f64) {
    r.value *= k;
    r.value_max = r.value_max.map(|v| v * k);
}

fn money(r: &mut Read, end: usize) {
    r.unit = "元";
    r.kind = FigureKind::Money;
    r.end = end;
    r.has_unit = true;
}

/// What may follow a unit in a typed expression: the change after 元 or 块
/// (五元三毛, 一块二, 三块零四), 两 after 斤 (六斤八两), a tenth after 米 (三米九).
fn unit_tail(cs: &[char], unit: &Unit, r: &mut Read) {
    let e = r.end;
    if unit.kind == FigureKind::Money || unit.surface == "块" {
        let after = money_tail(cs, e, &mut r.value);
        let after = if after == e {
            change_tail(cs, e, 0.1, &mut r.value)
        } else if matches!(cs.get(after - 1), Some('角' | '毛')) {
            change_tail(cs, after, 0.01, &mut r.value) // 七毛八
        } else {
            after
        };
        let after = if cs.get(after) == Some(&'钱') {
            after + 1
        } else {
            after
        };
        if unit.surface == "块" && (after > e || r.value_max.is_some() || r.end == cs.len()) {
            // 块 with change, or standing alone in a typed expression, is money
            money(r, after);
        }
        r.end = after;
        return;
    }
    if unit.surface == "斤"
        && let Some(n) = read_number(cs, e)
        && cs.get(n.end) == Some(&'两')
        && n.value < 10.0
    {
        r.value += n.value / 10.0;
        r.end = n.end + 1;
        return;
    }
    if unit.kind == FigureKind::Measure
        && let Some(d) = cs.get(e).and_then(|&c| cn_digit(c))
        && e + 1 == cs.len()
    {
        r.value += f64::from(d) / 10.0;
        r.end = e + 1;
    }
}

/// One digit at the end (一块二, 两毛五), or 零 and a digit (三块零四): the next
/// coin down, worth `step` each.
fn change_tail(cs: &[char], k: usize, step: f64, value: &mut f64) -> usize {
    let (k2, step) = if cs.get(k) == Some(&'零') {
        (k + 1, step / 10.0)
    } else {
        (k, step)
    };
    match cs
        .get(k2)
        .and_then(|&c| cn_digit(c).or(c.to_digit(10).map(|d| d as u8)))
    {
        Some(d) if !cs.get(k2 + 1).is_some_and(|&c| is_numeral_or_digit(c)) => {
            *value += f64::from(d) * step;
            k2 + 1
        }
        _ => k,
    }
}

fn is_numeral_or_digit(c: char) -> bool {
    c.is_ascii_digit() || super::number::is_cn_numeral(c) || matches!(c, '角' | '毛' | '分')
}

/// A range whose ends both carry the unit: 两升到三升, 25岁-30岁, 1万元--5万元,
/// 五元六角-五元七毛八分.
fn unit_range(cs: &[char], loose: bool, r: &mut Read) {
    if r.value_max.is_some() {
        return;
    }
    let k = skip_inclusive(cs, r.end);
    let Some(n) = range_sep(cs, k) else { return };
    let Some(hi) = read_at_plain(cs, k + n, loose) else {
        return;
    };
    if hi.unit == r.unit && hi.value_max.is_none() && hi.value > r.value && hi.has_unit {
        r.value_max = Some(hi.value);
        r.end = hi.end;
    }
}

/// `read_at` for the upper end of a range: a number and its unit, no further range.
fn read_at_plain(cs: &[char], i: usize, loose: bool) -> Option<Read> {
    if !cs
        .get(i)
        .is_some_and(|&c| c.is_ascii_digit() || super::number::is_cn_numeral(c))
    {
        return None;
    }
    let s = read_signed(cs, i, false)?;
    if s.fraction || s.mixed {
        return None;
    }
    let mut r = Read {
        end: s.num.end,
        value: s.num.value,
        value_max: s.num.value_max,
        unit: "",
        kind: FigureKind::Count,
        approx: s.num.approx,
        num: s.num,
        num_end: s.num.end,
        has_unit: false,
        unit_ref: None,
        fraction: false,
        den: 1.0,
    };
    read_unit(cs, s.num.end, loose, &mut r);
    Some(r)
}

/// Round away binary noise (3.5‰ → 0.35, not 0.35000000000000003): twelve significant digits.
pub fn tidy(v: f64) -> f64 {
    // a whole number below 1e11 has fewer than twelve digits: nothing to round.
    // Most figures are whole; the log10, powi and round below cost them 7.2 M of
    // 1,387 M instructions (callgrind, 300 reports)
    if v.fract() == 0.0 && v.abs() < 1e11 {
        return v;
    }
    tidy_by_rounding(v)
}

/// `tidy` for any value: rounded at its twelfth significant digit.
fn tidy_by_rounding(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = 10f64.powi(11 - v.abs().log10().floor() as i32);
    if !mag.is_finite() || mag == 0.0 {
        return v;
    }
    let t = (v * mag).round() / mag;
    if t.is_finite() { t } else { v }
}

/// 成 as a rate, not the verb or the noun it begins (成立, 成员, 成效 …).
fn cheng_is_rate(cs: &[char], k: usize) -> bool {
    match cs.get(k) {
        None => true,
        Some(&c) => !('\u{4e00}'..='\u{9fff}').contains(&c) || "以左多的半".contains(c),
    }
}

/// 角/毛 and 分 after 元 (五元三毛, 50元6角三分): adds the change to `value`, returns the end.
fn money_tail(cs: &[char], mut k: usize, value: &mut f64) -> usize {
    // each step: a digit and its coin word, tenths before hundredths
    for (coins, w) in [("角毛", 0.1), ("分", 0.01)] {
        let Some(n) = read_number(cs, k) else { break };
        match cs.get(n.end) {
            Some(c) if coins.contains(*c) && n.value < 10.0 => {
                *value += n.value * w;
                k = n.end + 1;
            }
            _ => continue,
        }
    }
    k
}

fn post_qualifier(cs: &[char], r: &mut Read) {
    if !cs
        .get(r.end)
        .is_some_and(|&c| POST_QUALIFIER_STARTS.contains(c))
    {
        return;
    }
    for (w, a) in POST_QUALIFIERS {
        if at(cs, r.end, w) {
            r.approx = Some(*a);
            r.end += w.chars().count();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_tidy_as_they_are() {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values: Vec<f64> = (-200_000..200_000).map(f64::from).collect();
        for k in 0..=11 {
            let p = 10f64.powi(k);
            values.extend([p - 1.0, p, p + 1.0, -p, 2.0 * p, 9.0 * p + 9.0]);
        }
        values.extend((1..2000).map(|d| 1e11 - f64::from(d)));
        values.extend((0..200_000).map(|_| (random() % 100_000_000_000) as f64));
        values.extend([
            0.0,
            -0.0,
            1e11,
            1e12,
            123_456_789_012.0,
            f64::INFINITY,
            f64::NAN,
        ]);
        values.extend([0.35, 3.5 * 0.1, 1.0 / 3.0, 99_999.5, 1e-7, 1e15 + 0.5]);
        for v in values {
            let (got, want) = (tidy(v), tidy_by_rounding(v));
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{v}"
            );
        }
    }
}
