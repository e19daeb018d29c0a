//! Signed numbers and fractions over the number reader: a sign (负, -), `A分之B`,
//! `1/4`, mixed numbers (`3又一千分之23`), and the loose forms a reviewer types.

use super::{Num, read_arabic, read_number};

/// A number with an optional sign (负, -) and fraction forms: `三分之一`, `百分之五`,
/// `3又一千分之23`, `1/4`. Returns the numeral and, for a fraction, that it was one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signed {
    pub num: Num,
    /// `分之` or `/`: the value is a ratio (percent in the guide).
    pub fraction: bool,
    /// `X又A分之B`: a mixed number, not a rate.
    pub mixed: bool,
    /// The denominator of a fraction (`num.value` is then the signed numerator), else 1.
    pub den: f64,
}

fn read_sign(cs: &[char], i: usize) -> (f64, usize) {
    match cs.get(i) {
        Some('负') => (-1.0, i + 1),
        Some('-')
            if cs
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.') =>
        {
            (-1.0, i + 1)
        }
        _ => (1.0, i),
    }
}

/// A numeral that may start with `.` (`.5`), as a reviewer types it.
fn read_number_loose(cs: &[char], i: usize) -> Option<Num> {
    if cs.get(i) == Some(&'.') && cs.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        let mut k = i + 1;
        let mut v = 0.0;
        let mut s = 0.1;
        while let Some(d) = cs.get(k).and_then(|c| c.to_digit(10)) {
            v += f64::from(d) * s;
            s /= 10.0;
            k += 1;
        }
        return Some(Num {
            value: v,
            end: k,
            approx: None,
            chinese: false,
            scale: 1.0,
            bare_unit: false,
            decimal: true,
            value_max: None,
        });
    }
    read_number(cs, i)
}

/// `A分之B` after a denominator already read.
fn read_fraction_tail(cs: &[char], den: &Num, sign: f64) -> Option<(Num, usize)> {
    let j = den.end;
    if cs.get(j) == Some(&'分') && cs.get(j + 1) == Some(&'之') {
        let (s2, k) = read_sign(cs, j + 2);
        let num = read_number_loose(cs, k)?;
        if den.value == 0.0 {
            return None;
        }
        let v = sign * s2 * num.value;
        let mut out = num;
        out.value = v;
        out.chinese |= den.chinese;
        return Some((out, num.end));
    }
    None
}

/// Read a signed number, fraction or mixed number at `i`. `loose` accepts what a
/// reviewer types but running text would not mean as a fraction (`16/5`, `4 6/3`).
pub fn read_signed(cs: &[char], i: usize, loose: bool) -> Option<Signed> {
    let (sign, k) = if loose { read_sign(cs, i) } else { (1.0, i) };
    let first = if loose {
        read_number_loose(cs, k)?
    } else {
        read_number(cs, k)?
    };
    // A分之B
    if let Some((n, _)) = read_fraction_tail(cs, &first, sign) {
        return Some(Signed {
            num: n,
            fraction: true,
            mixed: false,
            den: first.value,
        });
    }
    // X又A分之B
    if cs.get(first.end) == Some(&'又')
        && let Some(den) = read_number(cs, first.end + 1)
        && let Some((n, _)) = read_fraction_tail(cs, &den, 1.0)
    {
        let mut out = n;
        out.value = sign * (first.value + n.value / den.value);
        return Some(Signed {
            num: out,
            fraction: false,
            mixed: true,
            den: 1.0,
        });
    }
    // X又a/b (1又1/5)
    if cs.get(first.end) == Some(&'又')
        && let Some((n, e, false)) = read_arabic(cs, first.end + 1)
        && cs.get(e) == Some(&'/')
        && let Some((d, e2, false)) = read_arabic(cs, e + 1)
        && d != 0.0
    {
        let mut out = first;
        out.value = sign * (first.value + n / d);
        out.end = e2;
        return Some(Signed {
            num: out,
            fraction: false,
            mixed: true,
            den: 1.0,
        });
    }
    // a/b
    if cs.get(first.end) == Some(&'/')
        && !first.chinese
        && !first.decimal
        && let Some((den, e, _)) = read_arabic(cs, first.end + 1)
        && den != 0.0
        && cs.get(e) != Some(&'/')
    {
        let mut out = first;
        out.value = sign * first.value;
        out.end = e;
        return Some(Signed {
            num: out,
            fraction: true,
            mixed: false,
            den,
        });
    }
    let mut out = first;
    out.value *= sign;
    Some(Signed {
        num: out,
        fraction: false,
        mixed: false,
        den: 1.0,
    })
}
