//! Recompute a relation and compare, to the precision written.
//!
//! Every stated value stands for an interval: a rate or a number written with a
//! fraction or a multiplier (`46.2%`, `11.8万人`) for what rounds to it, a whole
//! count (`13人`) for itself. A qualifier widens it (`1800多` is 1800 to 1900,
//! `超7亿` has no upper end, `约` ±10%). A check holds when the recomputed
//! interval meets the stated one; when it holds only thanks to a qualifier the
//! outcome is `loose`, and it is `inconsistent` only when no reading fits.

use super::{Direction, Outcome, RelationKind, Role};
use crate::model::{Approx, FigureKind, Quantity};
use crate::text::fold_str;

/// A stated value as the check reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Operand {
    pub value: Option<f64>,
    pub approx: Option<Approx>,
    /// The place value of the last digit written (`46.2%` 0.1, `11.8万` 1000).
    pub step: f64,
    /// Digits written after the point.
    pub decimals: usize,
    /// The multiplier written (`万` 10000), 1 without one.
    pub multiplier: f64,
    /// Written rounded: a rate, a fraction or a multiplier.
    pub rounded: bool,
    /// `多`/`余`: over by less than one place of its last digit; other `over`
    /// qualifiers (以上, 超过, 至少) have no upper end.
    pub bounded_over: bool,
}

impl Operand {
    /// Read from a figure's surface text and its (possibly corrected) quantity.
    pub fn new(text: &str, q: &Quantity) -> Operand {
        let folded = fold_str(text);
        let value = q.value.filter(|v| v.is_finite());
        let (decimals, multiplier) = written_digits(&folded, value);
        let step = if folded.bytes().any(|b| b.is_ascii_digit()) {
            10f64.powi(-(decimals as i32)) * multiplier
        } else {
            value.map_or(1.0, last_place)
        };
        Operand {
            value,
            approx: q.approx,
            step,
            decimals,
            multiplier,
            rounded: q.kind == FigureKind::Percent || decimals > 0 || multiplier > 1.0,
            bounded_over: folded.contains(['多', '余']),
        }
    }

    /// The values the written form allows; with `loose`, the qualifier's too.
    fn interval(&self, loose: bool) -> (f64, f64) {
        let v = self.value.unwrap_or(f64::NAN);
        let half = if self.rounded { self.step / 2.0 } else { 0.0 };
        let (lo, hi) = (v - half, v + half);
        match (loose, self.approx) {
            (false, _) | (true, None) => (lo, hi),
            (true, Some(Approx::Over)) if self.bounded_over => (lo, hi + last_place(v)),
            (true, Some(Approx::Over)) => (lo, f64::INFINITY),
            (true, Some(Approx::About)) => (lo * 0.9, hi * 1.1),
            (true, Some(Approx::Under)) => (0.0, hi),
        }
    }

    /// The value as a person reads it: in its written multiplier, with its
    /// qualifier (`1800+`, `~200`, `<5`, `119万`).
    pub fn shown(&self) -> String {
        let n = self
            .value
            .map_or("?".to_string(), |v| in_unit(v, self, self.decimals));
        match self.approx {
            None => n,
            Some(Approx::Over) => format!("{n}+"),
            Some(Approx::About) => format!("~{n}"),
            Some(Approx::Under) => format!("<{n}"),
        }
    }
}

/// Digits after the point and the multiplier of the first number written in
/// `folded` (`16.5万元` → 1 and 10000), read against the figure's value.
fn written_digits(folded: &str, value: Option<f64>) -> (usize, f64) {
    let start = folded.find(|c: char| c.is_ascii_digit());
    let Some(start) = start else {
        return (0, 1.0);
    };
    let run: String = folded[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|&c| c != ',')
        .collect();
    let decimals = run.split_once('.').map_or(0, |(_, f)| f.len());
    let read = run.parse::<f64>().ok().filter(|&l| l > 0.0);
    match (read, value) {
        (Some(lit), Some(v)) if v > 0.0 => {
            let m = 10f64.powf((v / lit).log10().round());
            if ((v / lit) / m - 1.0).abs() < 1e-6 && m >= 1.0 {
                (decimals, m)
            } else {
                // The text no longer says the value (a reviewer corrected it):
                // its own digits give the precision.
                (value_decimals(v), 1.0)
            }
        }
        _ => (decimals, 1.0),
    }
}

/// Digits after the point a value needs, up to 4 (`46.2` → 1).
fn value_decimals(v: f64) -> usize {
    (0..4)
        .find(|&d| {
            let s = 10f64.powi(d as i32);
            ((v * s).round() - v * s).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// The place value of the last non-zero digit of a whole number (1800 → 100),
/// 1 for fractions and zero.
fn last_place(v: f64) -> f64 {
    if v.fract() != 0.0 || v < 1.0 || !v.is_finite() {
        return 1.0;
    }
    let mut p = 1.0;
    while (v / (p * 10.0)).fract() == 0.0 && p < 1e15 {
        p *= 10.0;
    }
    p
}

/// `v` in `like`'s written multiplier with `decimals` digits after the point.
fn in_unit(v: f64, like: &Operand, decimals: usize) -> String {
    let (m, word) = match like.multiplier {
        m if m == 1e8 => (m, "亿"),
        m if m == 1e4 => (m, "万"),
        m if m == 1e3 => (m, "千"),
        _ => (1.0, ""),
    };
    let decimals = if m == 1.0 && like.multiplier > 1.0 {
        0
    } else {
        decimals
    };
    format!("{:.*}{word}", decimals, v / m)
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    // A relative slack for binary fractions (40.16 + 78.84 is not quite 119).
    let eps = 1e-9 * (a.0.abs() + a.1.abs() + b.0.abs() + b.1.abs()).min(1e300);
    a.0 <= b.1 + eps && b.0 <= a.1 + eps
}

/// One comparison: the recomputed interval of `ops`, against `stated`.
/// Consistent when it holds as written, loose when only a qualifier makes it hold.
fn compare(
    ops: &[&Operand],
    stated: &Operand,
    recompute: impl Fn(&[(f64, f64)]) -> (f64, f64),
) -> Outcome {
    let holds = |loose: bool| {
        let ivs: Vec<(f64, f64)> = ops.iter().map(|o| o.interval(loose)).collect();
        overlaps(recompute(&ivs), stated.interval(loose))
    };
    let qualified = ops.iter().chain([&stated]).any(|o| o.approx.is_some());
    if holds(false) {
        if qualified {
            Outcome::Loose
        } else {
            Outcome::Consistent
        }
    } else if qualified && holds(true) {
        Outcome::Loose
    } else {
        Outcome::Inconsistent
    }
}

/// Interval quotient ×100 of two non-negative intervals.
fn percent_of(p: (f64, f64), w: (f64, f64)) -> (f64, f64) {
    (p.0 / w.1 * 100.0, p.1 / w.0.max(f64::MIN_POSITIVE) * 100.0)
}

/// `computed` beside the stated operand: `46.2%`, or `50.04% ≠ 48%`.
fn against(computed: f64, stated: &Operand, suffix: &str, outcome: Outcome) -> String {
    let same = in_unit(computed, stated, stated.decimals);
    let stated_text = in_unit(val(stated), stated, stated.decimals);
    if stated.approx.is_none() && same == stated_text {
        return format!("{same}{suffix}");
    }
    let (d, rel) = match outcome {
        // A rate, or two that would read alike, gets one digit more.
        Outcome::Inconsistent if suffix == "%" || same == stated_text => (stated.decimals + 1, "≠"),
        Outcome::Inconsistent => (stated.decimals, "≠"),
        _ => (stated.decimals, "~"),
    };
    format!(
        "{}{suffix} {rel} {}{suffix}",
        in_unit(computed, stated, d),
        stated.shown()
    )
}

/// Recompute a relation from its figures (role and operand, in the relation's
/// order): the outcome and the arithmetic for a person.
pub fn check_relation(
    kind: RelationKind,
    direction: Option<Direction>,
    ops: &[(Role, Operand)],
) -> (Outcome, String) {
    let of = |r: Role| {
        ops.iter()
            .filter(move |(role, _)| *role == r)
            .map(|(_, o)| o)
    };
    if ops.iter().any(|(_, o)| o.value.is_none()) {
        return (Outcome::Loose, "not checked: a figure has no value".into());
    }
    let one = |r: Role| of(r).next();
    match kind {
        RelationKind::Share => match (one(Role::Part), one(Role::Whole), one(Role::Rate)) {
            (Some(p), Some(w), Some(r)) => share(p, w, r),
            _ => malformed(),
        },
        RelationKind::Parts => match one(Role::Whole) {
            Some(w) => parts(&of(Role::Part).collect::<Vec<_>>(), w),
            None => malformed(),
        },
        RelationKind::Total => match one(Role::Total) {
            Some(t) => total(&of(Role::Part).collect::<Vec<_>>(), t),
            None => malformed(),
        },
        RelationKind::Growth => match (one(Role::From), one(Role::To)) {
            (Some(a), Some(b)) => growth(a, b, one(Role::Change), one(Role::Rate), direction),
            _ => malformed(),
        },
        RelationKind::Product => match (one(Role::PerItem), one(Role::Items), one(Role::Total)) {
            (Some(v), Some(n), Some(t)) => product(v, n, t),
            _ => malformed(),
        },
    }
}

fn malformed() -> (Outcome, String) {
    (Outcome::Loose, "not checked: a figure is missing".into())
}

fn val(o: &Operand) -> f64 {
    o.value.unwrap_or(f64::NAN)
}

fn share(p: &Operand, w: &Operand, r: &Operand) -> (Outcome, String) {
    let out = compare(&[p, w], r, |iv| percent_of(iv[0], iv[1]));
    let computed = val(p) / val(w) * 100.0;
    let rhs = against(computed, r, "%", out);
    let text = format!("{} / {} = {rhs} {}", p.shown(), w.shown(), out.mark());
    (out, text)
}

fn parts(ps: &[&Operand], w: &Operand) -> (Outcome, String) {
    let each: Vec<Outcome> = ps.iter().map(|p| fits_under(p, w)).collect();
    let out = each.iter().copied().max().unwrap_or(Outcome::Consistent);
    let list = |keep: &dyn Fn(Outcome) -> bool| {
        ps.iter()
            .zip(&each)
            .filter(|(_, o)| keep(**o))
            .map(|(p, _)| p.shown())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = if out == Outcome::Inconsistent {
        let over = list(&|o| o == Outcome::Inconsistent);
        format!("{over} > {} {}", w.shown(), out.mark())
    } else {
        format!("{} ≤ {} {}", list(&|_| true), w.shown(), out.mark())
    };
    (out, text)
}

/// A part is no larger than its whole: only its lowest reading must fit under
/// the whole's highest (the comparison above asks only that they meet).
fn fits_under(p: &Operand, w: &Operand) -> Outcome {
    let ok = |loose: bool| p.interval(loose).0 <= w.interval(loose).1 * (1.0 + 1e-9);
    let qualified = p.approx.is_some() || w.approx.is_some();
    match (ok(false), qualified && ok(true)) {
        (true, false) if !qualified => Outcome::Consistent,
        (true, _) | (false, true) => Outcome::Loose,
        (false, false) => Outcome::Inconsistent,
    }
}

fn total(ps: &[&Operand], t: &Operand) -> (Outcome, String) {
    let out = compare(ps, t, |iv| {
        iv.iter().fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let sum: f64 = ps.iter().map(|p| val(p)).sum();
    let terms: Vec<String> = ps.iter().map(|p| p.shown()).collect();
    let rhs = against(sum, t, "", out);
    (out, format!("{} = {rhs} {}", terms.join(" + "), out.mark()))
}

fn growth(
    a: &Operand,
    b: &Operand,
    change: Option<&Operand>,
    rate: Option<&Operand>,
    direction: Option<Direction>,
) -> (Outcome, String) {
    let sign = if direction == Some(Direction::Down) {
        -1.0
    } else {
        1.0
    };
    let mut outs = Vec::new();
    let mut texts = Vec::new();
    let diff = |iv: &[(f64, f64)]| {
        let d = (iv[1].0 - iv[0].1, iv[1].1 - iv[0].0);
        if sign < 0.0 { (-d.1, -d.0) } else { d }
    };
    let computed = (val(b) - val(a)) * sign;
    if let Some(d) = change {
        let o = compare(&[a, b], d, diff);
        let (x, y) = if sign < 0.0 { (a, b) } else { (b, a) };
        let rhs = against(computed, d, "", o);
        texts.push(format!(
            "{} − {} = {rhs} {}",
            x.shown(),
            y.shown(),
            o.mark()
        ));
        outs.push(o);
    }
    if let Some(r) = rate {
        let o = compare(&[a, b], r, |iv| {
            let d = diff(iv);
            (
                d.0 / iv[0].1 * 100.0,
                d.1 / iv[0].0.max(f64::MIN_POSITIVE) * 100.0,
            )
        });
        let rhs = against(computed / val(a) * 100.0, r, "%", o);
        let (x, y) = if sign < 0.0 { (a, b) } else { (b, a) };
        texts.push(format!(
            "({} − {}) / {} = {rhs} {}",
            x.shown(),
            y.shown(),
            a.shown(),
            o.mark()
        ));
        outs.push(o);
    }
    if texts.is_empty() {
        let (ia, ib) = (a.interval(true), b.interval(true));
        let ok = match direction {
            Some(Direction::Down) => ib.0 < ia.1,
            _ => ib.1 > ia.0,
        };
        let o = match (ok, a.approx.is_some() || b.approx.is_some()) {
            (false, _) => Outcome::Inconsistent,
            (true, true) => Outcome::Loose,
            (true, false) => Outcome::Consistent,
        };
        let arrow = if sign < 0.0 { "↓" } else { "↑" };
        texts.push(format!(
            "{} → {} {arrow} {}",
            a.shown(),
            b.shown(),
            o.mark()
        ));
        outs.push(o);
    }
    let out = outs.into_iter().max().unwrap_or(Outcome::Consistent);
    (out, texts.join("; "))
}

fn product(v: &Operand, n: &Operand, t: &Operand) -> (Outcome, String) {
    let out = compare(&[n, v], t, |iv| (iv[0].0 * iv[1].0, iv[0].1 * iv[1].1));
    let rhs = against(val(n) * val(v), t, "", out);
    (
        out,
        format!("{} × {} = {rhs} {}", n.shown(), v.shown(), out.mark()),
    )
}
