//! What a reviewer must be warned about (guide §4). No flag is better than a
//! wrong one: each rule fires only on a pattern that is wrong on its face.

use super::reader::Read;
use super::units::ends_at;
use crate::model::{Figure, FigureKind, Flag, Warning, WarningCode};

/// Words before a rate that make a value over 100 % ordinary (增长150%).
const GROWTH: &[&str] = &[
    "增长", "增加", "提高", "上升", "同比", "增幅", "翻", "超额", "完成", "上年", "去年", "同期",
];

fn window_has(cs: &[char], from: usize, to: usize, words: &[&str]) -> bool {
    (from..=to).any(|k| words.iter().any(|w| ends_at(cs, k, w)))
}

/// Where the words that name the rate at `start` begin: the start of its own
/// item of a list (完成率为95%、覆盖率达200%: 覆盖率 names the second), or of the
/// first item that names one when the items are bare values (增长15%、120%), at
/// most 12 characters before the item and 40 before the figure.
fn rate_words_from(cs: &[char], start: usize) -> usize {
    let lo = start.saturating_sub(40);
    let mut k = start;
    loop {
        let item_lo = k.saturating_sub(12).max(lo);
        let mut b = k;
        while b > item_lo && !matches!(cs[b - 1], '，' | ',' | '、' | '；' | ';' | '。') {
            b -= 1;
        }
        let named =
            (b..k).any(|m| !(cs[m].is_ascii_digit() || ".%％约近超过达到为是".contains(cs[m])));
        // a bare value after 、 and another value: the list's name is further back
        let bare_item =
            !named && b > lo && cs[b - 1] == '、' && b >= 2 && matches!(cs[b - 2], '%' | '％');
        if !bare_item {
            return b;
        }
        k = b - 1;
    }
}

/// Flags seen on one figure: `start` is its first char (qualifier included).
pub fn figure_flags(cs: &[char], start: usize, r: &Read) -> Vec<Flag> {
    let mut flags = Vec::new();
    let from = start.saturating_sub(12);
    if r.kind == FigureKind::Percent
        && r.unit == "%"
        && r.value > 100.0
        && !r.fraction
        && !window_has(cs, rate_words_from(cs, start), start, GROWTH)
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
        // the words for a share per head looked for only before such a loan,
        // not before every sum of money (13 places by four words each): all of
        // bench-sub 766.4 -> 762.6 M instructions (callgrind, non-LTO)
        let per_head = || window_has(cs, from, start, &["每", "人均", "户均", "平均"]);
        if r.value < 1000.0 && window_has(cs, from, start, &["贷款"]) && !per_head() {
            flags.push(Flag::Magnitude);
        }
    }
    if matches!(r.unit, "人" | "名" | "人次" | "户") && r.value >= 1e8 {
        flags.push(Flag::Magnitude);
    }
    // Too many digits for any number: the figure keeps no value, the flag says why.
    let overflow = !r.value.is_finite() || r.value_max.is_some_and(|v| !v.is_finite());
    if overflow && !flags.contains(&Flag::Magnitude) {
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

/// Whether two figures of one report state one subject with different values:
/// plain statements (no qualifier, no range) with the same unit and the same
/// subject of three or more characters. A count of a thing (巾帼示范村12个 in 一、,
/// 巾帼示范村15个 in 三、) may conflict anywhere in the report; sums and rates only
/// in one section (or, with no outline, close together): the same words name
/// different sums and rates across sections (慰问资金4000元 for visits, 慰问资金
/// 22300元 for pairings; 增加值增长6.9% of one trade and 7.3% of another: all the
/// cross-section pairs of those kinds on ../shared/gov and corpus were such).
/// A part (其中 …) never meets its whole: extraction keeps parts apart (`lead`).
pub fn may_conflict(fa: &Figure, fb: &Figure) -> bool {
    let near = fa.section == fb.section
        && !(fa.section.is_none() && fb.start.saturating_sub(fa.end) > 600);
    same_subject_other_value(fa, fb) && (near || fa.quantity.kind == FigureKind::Count)
}

/// What a conflict compares of two subjects: their last four characters, the thing
/// counted, so that one fact phrased with another verb (走访慰问贫困妇女, 慰问贫困妇女)
/// still meets itself.
pub fn subject_head(s: &str) -> &str {
    // from the end: counting every char first cost 2.4 M of 1,032 M (callgrind)
    s.char_indices().nth_back(3).map_or(s, |(i, _)| &s[i..])
}

/// Whether `s` has at least `n` chars (`n > 0`), looking at no more than `n` of them:
/// `chars().count()` over each subject cost 4.6 M of 1,032 M instructions (callgrind).
pub fn has_chars(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}

/// Whether `f` could be one side of [`same_subject_other_value`] at all.
pub fn same_subject_other_value_possible(f: &Figure) -> bool {
    f.subject.as_ref().is_some_and(|s| has_chars(s, 3))
        && !f.quantity.unit.is_empty()
        && f.quantity.approx.is_none()
        && f.quantity.value_max.is_none()
}

/// [`may_conflict`] without the section test (sections are not known at extraction).
pub fn same_subject_other_value(fa: &Figure, fb: &Figure) -> bool {
    let (Some(sa), Some(sb)) = (&fa.subject, &fb.subject) else {
        return false;
    };
    subject_head(sa) == subject_head(sb)
        && has_chars(sa, 3)
        && !fa.quantity.unit.is_empty()
        && fa.quantity.unit == fb.quantity.unit
        && fa.quantity.kind == fb.quantity.kind
        && fa.quantity.approx.is_none()
        && fb.quantity.approx.is_none()
        && fa.quantity.value_max.is_none()
        && fb.quantity.value_max.is_none()
        && fa.quantity.value != fb.quantity.value
}

/// Turn the conflicts marked at extraction into warnings, and drop the mark where
/// the values no longer differ (a reviewer corrected one). Only figures already
/// marked are paired: the phrasing check needs the text, which is gone here.
pub fn conflicts(figures: &mut [Figure]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut keep = vec![false; figures.len()];
    // only marked figures, bucketed by subject and unit (linear on long reports)
    let mut buckets: foldhash::HashMap<(&str, &str), Vec<usize>> = Default::default();
    for (k, f) in figures.iter().enumerate() {
        if let (true, Some(s)) = (
            f.flags.contains(&Flag::Conflict),
            f.subject.as_deref().map(subject_head),
        ) {
            buckets
                .entry((s, f.quantity.unit.as_str()))
                .or_default()
                .push(k);
        }
    }
    let mut groups: Vec<Vec<usize>> = buckets.into_values().filter(|g| g.len() <= 16).collect();
    groups.sort();
    for group in &groups {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                if !may_conflict(&figures[a], &figures[b]) {
                    continue;
                }
                keep[a] = true;
                keep[b] = true;
                let (fa, fb) = (&figures[a], &figures[b]);
                let msg = format!(
                    "{} stated as {} and {}",
                    fa.subject.as_deref().unwrap_or(""),
                    fa.text,
                    fb.text
                );
                warnings.push(Warning::at(WarningCode::Conflict, msg, fa.start, fb.end));
            }
        }
    }
    for (f, k) in figures.iter_mut().zip(keep) {
        if !k {
            f.flags.retain(|&x| x != Flag::Conflict);
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_and_the_length_test_read_as_counting_every_char() {
        let heads = [
            "",
            "妇",
            "a妇女",
            "培训妇女",
            "培训农村妇女",
            "x𠀀é字ab",
            "全年培训农村妇女人数",
        ];
        for s in heads {
            let n = s.chars().count();
            let want = s
                .char_indices()
                .nth(n.saturating_sub(4))
                .map_or(s, |(i, _)| &s[i..]);
            assert_eq!(subject_head(s), want, "{s}");
            for k in 1..=12 {
                assert_eq!(has_chars(s, k), n >= k, "{s} {k}");
            }
        }
    }
}
