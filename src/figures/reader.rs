//! One quantity at a position: number, range, unit, percent forms and qualifiers.
//! The extractor and `read_quantity` both call `read_at`, so a reviewer's typed
//! correction is read exactly as the text would be.

use super::number::{Num, cn_digit, read_number, read_signed};
use super::units::{POST_QUALIFIERS, Unit, at, match_unit};
use crate::model::{Approx, FigureKind};

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

fn range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '—' | '至' | '到' | '－' | '～')
}

/// Read a quantity whose number starts at `i`. `loose`: a reviewer's typed
/// expression (signs, `折`, `打`, 角/分, bare numbers) rather than running text.
pub fn read_at(cs: &[char], i: usize, loose: bool) -> Option<Read> {
    let s = read_signed(cs, i, loose)?;
    let num = s.num;
    let mut j = num.end;
    let mut approx = num.approx;
    if s.fraction {
        // fractions are rates (guide §3): 三分之一 → 33.3 %, 1/4 → 25 %
        let value = if s.den.rem_euclid(100.0) == 0.0 {
            num.value / (s.den / 100.0)
        } else {
            num.value * 100.0 / s.den
        };
        let mut r = Read {
            end: j,
            value,
            value_max: None,
            unit: "%",
            kind: FigureKind::Percent,
            approx,
            num,
            num_end: j,
            has_unit: true,
            unit_ref: None,
            fraction: true,
            den: s.den,
        };
        post_qualifier(cs, &mut r);
        r.value = tidy(r.value);
        return Some(r);
    }
    let mut value = num.value;
    let mut value_max = None;
    // range: 15-49周岁, 3到6岁, 3至5万元
    if !s.mixed
        && let Some(&c) = cs.get(j)
        && range_sep(c)
        && !(c == '—' && cs.get(j + 1) == Some(&'—'))
        && let Some(m) = read_number(cs, j + 1)
    {
        let mut lo = value;
        if num.scale == 1.0 && m.scale > 1.0 && num.approx.is_none() {
            lo *= m.scale;
        }
        let chained = matches!(cs.get(m.end), Some('-' | '.' | '/'))
            && cs.get(m.end + 1).is_some_and(|c| c.is_ascii_digit());
        if lo < m.value && !chained && m.chinese == num.chinese {
            value = lo;
            value_max = Some(m.value);
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
    let scale_all = |r: &mut Read, k: f64| {
        r.value *= k;
        r.value_max = r.value_max.map(|v| v * k);
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
    let c = cs.get(j).copied();
    if c == Some('%') {
        r.unit = "%";
        r.kind = FigureKind::Percent;
        r.end = j + 1;
        r.has_unit = true;
    } else if c == Some('‰') {
        scale_all(&mut r, 0.1);
        r.unit = "%";
        r.kind = FigureKind::Percent;
        r.end = j + 1;
        r.has_unit = true;
    } else if at(cs, j, "个百分点") || at(cs, j, "百分点") {
        r.unit = "百分点";
        r.kind = FigureKind::Percent;
        r.end = j + if at(cs, j, "个") { 4 } else { 3 };
        r.has_unit = true;
    } else if c == Some('成') && (loose || cheng_is_rate(cs, j + 1)) && value <= 10.0 {
        // 九成 → 90 %, 七成六 → 76 %, 三成半 → 35 %
        scale_all(&mut r, 10.0);
        let mut e = j + 1;
        if let Some(d) = cs
            .get(e)
            .and_then(|&c| cn_digit(c).map(f64::from).or(c.to_digit(10).map(f64::from)))
        {
            if loose {
                r.value += d;
                e += 1;
            }
        } else if cs.get(e) == Some(&'半') {
            r.value += 5.0;
            e += 1;
        }
        r.unit = "%";
        r.kind = FigureKind::Percent;
        r.end = e;
        r.has_unit = true;
    } else if loose && c == Some('折') {
        if value < 10.0 {
            scale_all(&mut r, 10.0);
        }
        r.unit = "%";
        r.kind = FigureKind::Percent;
        r.end = j + 1;
        r.has_unit = true;
    } else if loose && c == Some('打') {
        scale_all(&mut r, 12.0);
        r.unit = "个";
        r.end = j + 1;
        r.has_unit = true;
    } else if let Some((unit, e)) = match_unit(cs, j) {
        r.unit = unit.unit;
        r.kind = unit.kind;
        r.end = e;
        r.has_unit = true;
        r.unit_ref = Some(unit);
        if loose && unit.kind == FigureKind::Money {
            // 五元三毛, 50元6角三分
            r.end = money_tail(cs, e, &mut r.value);
        }
        if cs.get(r.end) == Some(&'半') && r.value_max.is_none() {
            // 一吨半, 两米半
            r.value += 0.5;
            r.end += 1;
        }
    }
    if r.has_unit {
        post_qualifier(cs, &mut r);
    }
    r.value = tidy(r.value);
    r.value_max = r.value_max.map(tidy);
    Some(r)
}

/// Round away binary noise (3.5‰ → 0.35, not 0.35000000000000003): twelve significant digits.
pub fn tidy(v: f64) -> f64 {
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
    for (w, a) in POST_QUALIFIERS {
        if at(cs, r.end, w) {
            r.approx = Some(*a);
            r.end += w.chars().count();
            return;
        }
    }
}
