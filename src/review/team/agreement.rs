//! Agreement between reviewers, as pure functions over reliability data:
//! Cohen's κ for two reviewers, Krippendorff's α (nominal, interval) for any
//! number, each with the counts it rests on.
//!
//! Reliability data is given unit by unit as the values the reviewers gave
//! (a reviewer who gave none is left out of that unit): missing values are
//! handled as α handles them (a unit with fewer than two values says nothing
//! about agreement), never counted as disagreement. κ takes the units both
//! reviewers coded.
//!
//! α follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
//! α = 1 − D_o / D_e over the pairable values, with the coincidence sums
//! written in closed form so that the cost is linear in the values.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

/// Cohen's κ of two reviewers, and the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Kappa {
    /// `None` when undefined: no unit coded by both, or chance agreement is
    /// certain (both gave one and the same value throughout).
    pub kappa: Option<f64>,
    /// Units both reviewers coded.
    pub units: usize,
    /// Of those, the units where they gave the same value.
    pub agreed: usize,
    /// Observed agreement p_o = agreed / units.
    pub observed: Option<f64>,
    /// Agreement expected by chance p_e, from each reviewer's own distribution.
    pub expected: Option<f64>,
}

/// Cohen's κ over the units both reviewers coded: `(a's value, b's value)`.
pub fn cohen_kappa<T: Eq + Hash>(pairs: impl IntoIterator<Item = (T, T)>) -> Kappa {
    let mut first: HashMap<T, usize> = HashMap::new();
    let mut second: HashMap<T, usize> = HashMap::new();
    let (mut units, mut agreed) = (0usize, 0usize);
    for (a, b) in pairs {
        units += 1;
        agreed += usize::from(a == b);
        *first.entry(a).or_default() += 1;
        *second.entry(b).or_default() += 1;
    }
    if units == 0 {
        return Kappa::default();
    }
    let n = units as f64;
    let observed = agreed as f64 / n;
    let expected: f64 = first
        .iter()
        .filter_map(|(v, &ca)| second.get(v).map(|&cb| (ca as f64 / n) * (cb as f64 / n)))
        .sum();
    let kappa = (expected < 1.0).then(|| (observed - expected) / (1.0 - expected));
    Kappa {
        kappa,
        units,
        agreed,
        observed: Some(observed),
        expected: Some(expected),
    }
}

/// Krippendorff's α, and the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Alpha {
    /// `None` when undefined: fewer than two pairable values, or no variation
    /// at all among them (D_e = 0).
    pub alpha: Option<f64>,
    /// Pairable units: those with at least two values.
    pub units: usize,
    /// Pairable values (n): the values in those units.
    pub values: usize,
    /// Observed disagreement D_o.
    pub observed: Option<f64>,
    /// Disagreement expected by chance D_e.
    pub expected: Option<f64>,
}

impl Alpha {
    fn from_sums(units: usize, n: usize, within: f64, total: f64) -> Alpha {
        if n < 2 {
            return Alpha {
                units,
                values: n,
                ..Alpha::default()
            };
        }
        let nf = n as f64;
        // D_o = within / n; D_e = total / (n (n − 1)); α = 1 − D_o / D_e.
        let observed = within / nf;
        let expected = total / (nf * (nf - 1.0));
        let alpha = (expected > 0.0).then(|| 1.0 - observed / expected);
        Alpha {
            alpha,
            units,
            values: n,
            observed: Some(observed),
            expected: Some(expected),
        }
    }
}

/// Krippendorff's α for nominal values: any two different values disagree alike.
/// `units` holds, for each unit, the values the reviewers gave it.
pub fn alpha_nominal<T: Eq + Hash>(units: &[Vec<T>]) -> Alpha {
    let mut totals: HashMap<&T, usize> = HashMap::new();
    let (mut pairable, mut n, mut within) = (0usize, 0usize, 0.0f64);
    let mut counts: HashMap<&T, usize> = HashMap::new();
    for u in units.iter().filter(|u| u.len() >= 2) {
        counts.clear();
        for v in u {
            *counts.entry(v).or_default() += 1;
            *totals.entry(v).or_default() += 1;
        }
        let m = u.len();
        // Ordered pairs of different values in the unit, over m − 1.
        let same: usize = counts.values().map(|c| c * c).sum();
        within += (m * m - same) as f64 / (m - 1) as f64;
        pairable += 1;
        n += m;
    }
    let same: f64 = totals.values().map(|&c| (c as f64) * (c as f64)).sum();
    let total = (n as f64) * (n as f64) - same;
    Alpha::from_sums(pairable, n, within, total)
}

/// Krippendorff's α for interval values: disagreement is the squared difference.
/// `units` holds, for each unit, the values the reviewers gave it (finite ones
/// only: a caller leaves out what is not a number).
pub fn alpha_interval(units: &[Vec<f64>]) -> Alpha {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let n: usize = pairable.iter().map(|u| u.len()).sum();
    // Σ over ordered pairs i ≠ j of (v_i − v_j)² = 2 m Σ (v − mean)²: two passes,
    // around the mean, so large values (figures run to 10^12) keep their precision.
    let spread = |vs: &mut dyn Iterator<Item = f64>, m: usize| -> f64 {
        let vs: Vec<f64> = vs.collect();
        let mean = vs.iter().sum::<f64>() / m as f64;
        2.0 * m as f64 * vs.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>()
    };
    let within: f64 = pairable
        .iter()
        .map(|u| spread(&mut u.iter().copied(), u.len()) / (u.len() - 1) as f64)
        .sum();
    let total = if n == 0 {
        0.0
    } else {
        spread(&mut pairable.iter().flat_map(|u| u.iter().copied()), n)
    };
    Alpha::from_sums(pairable.len(), n, within, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C and
    /// §E: four observers, twelve units, missing values (`0` here is missing).
    const KRIPPENDORFF_2011: [[u8; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ];

    fn units_of(data: &[[u8; 12]]) -> Vec<Vec<u8>> {
        (0..12)
            .map(|u| data.iter().map(|r| r[u]).filter(|&v| v != 0).collect())
            .collect()
    }

    #[test]
    fn krippendorffs_worked_example() {
        let units = units_of(&KRIPPENDORFF_2011);
        let nominal = alpha_nominal(&units);
        // Stated: α_nominal = 0.743, α_interval = 0.849; unit 12 (one value) is
        // not pairable, so 11 units and 40 values.
        assert_eq!((nominal.units, nominal.values), (11, 40));
        assert!((nominal.alpha.unwrap() - 0.743).abs() < 5e-4, "{nominal:?}");
        let numeric: Vec<Vec<f64>> = units
            .iter()
            .map(|u| u.iter().map(|&v| f64::from(v)).collect())
            .collect();
        let interval = alpha_interval(&numeric);
        assert!(
            (interval.alpha.unwrap() - 0.849).abs() < 5e-4,
            "{interval:?}"
        );
    }

    #[test]
    fn krippendorffs_binary_example() {
        // §A: two observers, ten units, binary; stated α = 0.095.
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let units: Vec<Vec<i32>> = a.iter().zip(&b).map(|(x, y)| vec![*x, *y]).collect();
        let al = alpha_nominal(&units);
        assert!((al.alpha.unwrap() - 0.095).abs() < 5e-4, "{al:?}");
        // κ on the same data by hand: p_o = 0.6, p_e = 0.8·0.6 + 0.2·0.4 = 0.56.
        let k = cohen_kappa(a.iter().zip(&b));
        assert_eq!((k.units, k.agreed), (10, 6));
        assert!((k.kappa.unwrap() - 0.04 / 0.44).abs() < 1e-12);
    }

    #[test]
    fn cohens_worked_example() {
        // The worked example of Wikipedia's "Cohen's kappa": 50 proposals, both
        // yes 20, A yes B no 5, A no B yes 10, both no 15: p_o 0.7, p_e 0.5, κ 0.4.
        let mut pairs = Vec::new();
        for (a, b, n) in [
            ("y", "y", 20),
            ("y", "n", 5),
            ("n", "y", 10),
            ("n", "n", 15),
        ] {
            pairs.extend(std::iter::repeat_n((a, b), n));
        }
        let k = cohen_kappa(pairs);
        assert_eq!(k.observed, Some(0.7));
        assert!((k.expected.unwrap() - 0.5).abs() < 1e-12);
        assert!((k.kappa.unwrap() - 0.4).abs() < 1e-12);
    }

    #[test]
    fn undefined_cases_are_none_not_nan() {
        let empty: Vec<(u8, u8)> = Vec::new();
        assert_eq!(cohen_kappa(empty).kappa, None);
        // Both always say the same one thing: chance agreement is certain.
        assert_eq!(cohen_kappa([(1, 1), (1, 1)]).kappa, None);
        assert_eq!(alpha_nominal(&[vec![1, 1], vec![1, 1]]).alpha, None);
        assert_eq!(alpha_nominal::<u8>(&[vec![1], vec![2]]).alpha, None);
        assert_eq!(alpha_interval(&[vec![3.0, 3.0]]).alpha, None);
        assert_eq!(alpha_interval(&[]).values, 0);
    }

    #[test]
    fn perfect_and_missing() {
        // Perfect agreement with variation: 1. A lone value adds nothing.
        let units = vec![vec!["a", "a"], vec!["b", "b", "b"], vec!["c"]];
        let al = alpha_nominal(&units);
        assert_eq!((al.alpha, al.units, al.values), (Some(1.0), 2, 5));
        let iv = alpha_interval(&[vec![1e12, 1e12], vec![2e12, 2e12]]);
        assert_eq!(iv.alpha, Some(1.0));
    }

    #[test]
    fn interval_keeps_precision_on_large_values() {
        // The same data shifted by 10^12 gives the same α.
        let base = vec![vec![1.0, 2.0], vec![3.0, 3.0, 4.0], vec![5.0, 1.0]];
        let shifted: Vec<Vec<f64>> = base
            .iter()
            .map(|u| u.iter().map(|v| v + 1e12).collect())
            .collect();
        let (a, b) = (alpha_interval(&base), alpha_interval(&shifted));
        assert!(
            (a.alpha.unwrap() - b.alpha.unwrap()).abs() < 1e-6,
            "{a:?} {b:?}"
        );
    }
}
