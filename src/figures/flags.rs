//! What a reviewer must be warned about (guide §4). No flag is better than a
//! wrong one: each rule fires only on a pattern that is wrong on its face.

use super::reader::Read;
use super::units::ends_at;
use crate::model::{Figure, FigureKind, Flag, Warning};

/// Words before a rate that make a value over 100 % ordinary (增长150%).
const GROWTH: &[&str] = &[
    "增长", "增加", "提高", "上升", "同比", "增幅", "翻", "超额", "完成", "上年", "去年", "同期",
];

fn window_has(cs: &[char], from: usize, to: usize, words: &[&str]) -> bool {
    (from..=to).any(|k| words.iter().any(|w| ends_at(cs, k, w)))
}

/// Flags seen on one figure: `start` is its first char (qualifier included).
pub fn figure_flags(cs: &[char], start: usize, r: &Read) -> Vec<Flag> {
    let mut flags = Vec::new();
    let from = start.saturating_sub(12);
    if r.kind == FigureKind::Percent
        && r.unit == "%"
        && r.value > 100.0
        && !r.fraction
        && !window_has(cs, from, start, GROWTH)
    {
        flags.push(Flag::Over100Percent);
    }
    if r.kind == FigureKind::Money {
        // 239450万元: a mantissa of five or more digits before 万 is a slip of the
        // keyboard (it would be written 亿); sums in the billions are out of reach
        // of the bodies that write these reports.
        let mantissa = r.num.value / r.num.scale;
        let odd_mantissa = !r.num.chinese && r.num.scale == 1e4 && mantissa >= 10000.0;
        if odd_mantissa || r.value >= 1e9 {
            flags.push(Flag::Magnitude);
        }
        // a loan of a few hundred yuan (贴息贷款500元 for 84 households)
        let per_head = window_has(cs, from, start, &["每", "人均", "户均", "平均"]);
        if r.value < 1000.0 && window_has(cs, from, start, &["贷款"]) && !per_head {
            flags.push(Flag::Magnitude);
        }
    }
    if matches!(r.unit, "人" | "名" | "人次" | "户") && r.value >= 1e8 {
        flags.push(Flag::Magnitude);
    }
    flags
}

/// A run-together date: `20146月` (2014 and 6 written as one number before 月).
pub fn run_together_date(cs: &[char], i: usize, end: usize) -> bool {
    let n = end - i;
    (5..=6).contains(&n)
        && cs[i..end].iter().all(|c| c.is_ascii_digit())
        && matches!((cs[i], cs[i + 1]), ('1', '9') | ('2', '0'))
        && cs.get(end) == Some(&'月')
}

/// The same subject counted twice with different values in one report.
/// Only plain statements (no qualifier, no range) with the same unit and the same
/// subject of three or more characters, in the same section (or, with no outline,
/// close together): the same words in two sections are usually two activities.
pub fn conflicts(figures: &mut [Figure]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for a in 0..figures.len() {
        for b in a + 1..figures.len() {
            let (fa, fb) = (&figures[a], &figures[b]);
            let (Some(sa), Some(sb)) = (&fa.subject, &fb.subject) else {
                continue;
            };
            if sa != sb
                || sa.chars().count() < 3
                || fa.quantity.unit != fb.quantity.unit
                || fa.quantity.unit.is_empty()
                || fa.quantity.kind != fb.quantity.kind
                || fa.quantity.approx.is_some()
                || fb.quantity.approx.is_some()
                || fa.quantity.value_max.is_some()
                || fb.quantity.value_max.is_some()
                || fa.quantity.value == fb.quantity.value
                || fa.section != fb.section
                || (fa.section.is_none() && fb.start.saturating_sub(fa.end) > 600)
            {
                continue;
            }
            let msg = format!(
                "{} stated as {} and {}",
                sa,
                fa.text.as_str(),
                fb.text.as_str()
            );
            for k in [a, b] {
                if !figures[k].flags.contains(&Flag::Conflict) {
                    figures[k].flags.push(Flag::Conflict);
                }
            }
            warnings.push(Warning::at(
                "conflict",
                msg,
                figures[a].start,
                figures[b].end,
            ));
        }
    }
    warnings
}
