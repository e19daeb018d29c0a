//! Figures: every stated quantity in a report, read to value, unit, kind and qualifier (guide §3).
//!
//! `number` reads numerals, `units` knows the words after them, `reader` puts the
//! two together (ranges, percent forms, qualifiers), `exclude` rules out what is
//! not a figure, `extract` scans a report, `flags` warns the reviewer (guide §4).

pub mod dictionary;
mod exclude;
mod extract;
mod flags;
mod number;
mod reader;
pub mod segment;
mod subject;
mod table;
pub mod tag;
mod units;

use std::ops::Range;

use crate::model::{Approx, Figure, FigureKind, Quantity, Warning};
use crate::text::{Normalized, fold_str};

pub use exclude::Skip;

/// Find the figures in a report's body lines (same `body` as `outline::parse_outline`).
/// Returns figures in document order (ids `f1`, `f2`, …; `section` left `None` for the
/// pipeline to fill) and report-level warnings (placeholders with no number, …).
pub fn extract_figures(
    text: &str,
    norm: &Normalized,
    body: &[Range<usize>],
) -> (Vec<Figure>, Vec<Warning>) {
    extract::extract(text, norm, body)
}

/// Read one quantity expression as a reviewer types it (`1.59萬余人`, `百分之九十`).
pub fn read_quantity(expr: &str) -> Result<Quantity, String> {
    let q = read_unchecked(expr)?;
    // Hundreds of digits overflow f64: say so rather than hand back infinity
    // (which JSON cannot hold and a reviewer could not check).
    if [q.value, q.value_max]
        .into_iter()
        .flatten()
        .any(|v| !v.is_finite())
    {
        return Err(format!("{expr:?} is too large a number to read"));
    }
    Ok(q)
}

/// Currencies written before the amount (￥500, 港币3.14, US$1.5万), longest first, and
/// the unit each gives an amount that names none or says only 元.
const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("人民币", "元"),
    ("RMB", "元"),
    ("CNY", "元"),
    ("￥", "元"),
    ("¥", "元"),
    ("US$", "美元"),
    ("USD", "美元"),
    ("美元", "美元"),
    ("$", "美元"),
    ("HK$", "港元"),
    ("HKD", "港元"),
    ("港币", "港元"),
    ("港元", "港元"),
    ("A$", "澳元"),
    ("AUD", "澳元"),
    ("新台币", "新台币"),
    ("NT$", "新台币"),
    ("EUR", "欧元"),
    ("€", "欧元"),
    ("GBP", "英镑"),
    ("£", "英镑"),
    ("KRW", "韩元"),
    ("₩", "韩元"),
    ("JPY", "日元"),
];

/// What a typed expression says before its number: a sign word, a currency, a
/// temperature scale, 从 (从8500到3万), a qualifier.
#[derive(Default)]
struct Lead {
    currency: Option<&'static str>,
    scale: Option<&'static str>,
    negative: bool,
    approx: Option<Approx>,
    end: usize,
}

fn read_lead(cs: &[char]) -> Lead {
    let mut lead = Lead::default();
    let mut i = 0;
    if units::at(cs, i, "零下") {
        lead.negative = true;
        i += 2;
    }
    for (w, unit) in [("摄氏", "摄氏度"), ("华氏", "华氏度")] {
        if units::at(cs, i, w) {
            lead.scale = Some(unit);
            i += 2;
        }
    }
    if let Some((w, unit)) = CURRENCY_BEFORE.iter().find(|(w, _)| units::at(cs, i, w)) {
        lead.currency = Some(unit);
        i += w.chars().count();
    }
    if units::at(cs, i, "从") {
        i += 1;
    }
    if let Some((w, a, _)) = units::PRE_QUALIFIERS
        .iter()
        .find(|(w, _, _)| units::at(cs, i, w))
    {
        lead.approx = *a;
        i += w.chars().count();
    }
    lead.end = i;
    lead
}

fn read_unchecked(expr: &str) -> Result<Quantity, String> {
    let folded = fold_str(expr.trim());
    if folded.is_empty() {
        return Err("empty expression".into());
    }
    if let Some(q) = mixed_arabic(&folded) {
        return Ok(q);
    }
    let cs: Vec<char> = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let lead = read_lead(&cs);
    let i = lead.end;
    if let Some(q) = special(&cs[i..]) {
        return Ok(q);
    }
    // -百分之1: a sign before a fraction word
    let (sign, i) = match cs.get(i) {
        Some('-' | '负') if cs.get(i + 1) == Some(&'百') => (-1.0, i + 1),
        _ => (if lead.negative { -1.0 } else { 1.0 }, i),
    };
    let Some(r) = reader::read_at(&cs, i, true) else {
        return Err(format!("no number in {expr:?}"));
    };
    let mut end = r.end;
    if r.kind == FigureKind::Money && units::at(&cs, end, "人民币") {
        end += 3;
    }
    if end != cs.len() {
        let rest: String = cs[end..].iter().collect();
        return Err(format!("cannot read {rest:?} after the number"));
    }
    let mut q = Quantity {
        value: Some(r.value * sign),
        value_max: r.value_max.map(|v| v * sign),
        unit: r.unit.to_string(),
        kind: r.kind,
        approx: r.approx.or(lead.approx),
    };
    if let Some(c) = lead.currency
        && (q.unit.is_empty() || q.unit == "元")
    {
        q.unit = c.into();
        q.kind = FigureKind::Money;
    }
    if let Some(t) = lead.scale
        && (q.unit.is_empty() || q.unit == "度")
    {
        q.unit = t.into();
        q.kind = FigureKind::Measure;
    }
    Ok(q)
}

/// `4 6/3`, `1 3/5`: a whole number, a space, a fraction.
fn mixed_arabic(s: &str) -> Option<Quantity> {
    let mut parts = s.split_whitespace();
    let (a, b) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let whole: f64 = a.parse().ok()?;
    let (n, d) = b.split_once('/')?;
    let (n, d): (f64, f64) = (n.parse().ok()?, d.parse().ok()?);
    if d == 0.0 || !a.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let v = if whole < 0.0 {
        whole - n / d
    } else {
        whole + n / d
    };
    Some(plain(v, "", FigureKind::Count))
}

fn plain(v: f64, unit: &str, kind: FigureKind) -> Quantity {
    Quantity {
        value: Some(v),
        value_max: None,
        unit: unit.into(),
        kind,
        approx: None,
    }
}

/// Forms the general reader leaves alone: 对折, 半折, 半成, 半百, and digits side by side before 折 (三八折).
fn special(cs: &[char]) -> Option<Quantity> {
    let s: String = cs.iter().collect();
    match s.as_str() {
        "对折" | "半折" => return Some(plain(50.0, "%", FigureKind::Percent)),
        "半成" => return Some(plain(5.0, "%", FigureKind::Percent)),
        _ => {}
    }
    match s.as_str() {
        "一半" => return Some(plain(50.0, "%", FigureKind::Percent)),
        "百分百" => return Some(plain(100.0, "%", FigureKind::Percent)),
        _ => {}
    }
    if cs.first() == Some(&'半')
        && let Some(u) = cs
            .get(1)
            .and_then(|&c| number::cn_small_unit(c).or(number::cn_big_unit(c)))
        && cs.len() == 2
    {
        return Some(plain(u / 2.0, "", FigureKind::Count));
    }
    // 半斤, 半公升, 半个: half of one unit
    if cs.first() == Some(&'半')
        && let Some((u, e)) = units::match_unit(cs, 1)
        && e == cs.len()
        && u.kind.is_figure()
    {
        return Some(plain(0.5, u.unit, u.kind));
    }
    if cs.len() == 3 && cs[2] == '折' {
        let (a, b) = (number::cn_digit(cs[0])?, number::cn_digit(cs[1])?);
        return Some(plain(f64::from(a * 10 + b), "%", FigureKind::Percent));
    }
    None
}

/// Flags that need the whole report (the same subject with different values): set on
/// the figures, returned as warnings too.
pub fn report_flags(figures: &mut [Figure]) -> Vec<Warning> {
    flags::conflicts(figures)
}
