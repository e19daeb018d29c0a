//! A part stated as a share of its whole: `女性代表6名，占46.2%` under a
//! `其中` whole, `占代表总数13名的46.2%`, `女性进村委比例为36.5%`.
//!
//! The whole must be certain: a figure named inside the 占 phrase, or the whole
//! of the `其中` list the part belongs to, or a `共`/`总` figure earlier in the
//! sentence that the 占 phrase names. A share of a whole the text does not state
//! (`占全区总户数的90%`) is no relation.

use super::sentence::{Cue, Sentence, chars, clause_breaks, is_clause_sep, same_measure};
use super::{Found, RelationKind, Role};

/// Characters allowed between a part and its 占 (`，占`).
const PART_TO_ZHAN: usize = 6;
/// Characters allowed between a part and a 比例 clause (`，女性进村委比例为`).
const PART_TO_RATIO: usize = 14;
/// Characters looked at before a whole for the words naming it.
const WHOLE_CONTEXT: usize = 24;

/// Shares among a sentence's figures; `parts` are its `其中` lists.
pub fn find(s: &Sentence, parts: &[Found]) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 1..s.figs.len() {
        if !s.figs[k].percent() || !s.cued(k, Cue::ZHAN | Cue::BI) && !s.cued(k - 1, Cue::ZHAN) {
            continue;
        }
        if let Some(f) = named_inside(s, k).or_else(|| stated_apart(s, k, parts)) {
            out.push(f);
        }
    }
    out
}

fn share(part: usize, whole: usize, rate: usize) -> Found {
    Found {
        kind: RelationKind::Share,
        terms: vec![(Role::Part, part), (Role::Whole, whole), (Role::Rate, rate)],
        direction: None,
    }
}

/// `6名，占代表总数13名的46.2%`: the whole sits between 占 and the rate.
fn named_inside(s: &Sentence, k: usize) -> Option<Found> {
    if k < 2 || chars(s.gap(k).trim()) > 2 || !s.gap(k).trim().trim_end_matches('的').is_empty() {
        return None;
    }
    let (part, whole) = (&s.figs[k - 2], &s.figs[k - 1]);
    let words = s.gap(k - 1);
    let at = words.rfind('占')?;
    let head = &words[..at];
    let ok = part.amount()
        && whole.amount()
        && same_measure(part.q(), whole.q())
        && chars(head) <= PART_TO_ZHAN
        && clause_breaks(head) <= 1
        && clause_breaks(&words[at..]) == 0;
    ok.then(|| share(part.index, whole.index, s.figs[k].index))
}

/// `…，占46.2%` or `…比例为36.5%` after a part; the whole is found apart.
fn stated_apart(s: &Sentence, k: usize, parts: &[Found]) -> Option<Found> {
    let gap = s.gap(k);
    let clause_at = gap
        .rfind(is_clause_sep)
        .map_or(0, |i| i + gap[i..].chars().next().map_or(1, char::len_utf8));
    let clause = &gap[clause_at..];
    let (named, limit, head) = if let Some(at) = clause.find('占') {
        let named = whole_words(&clause[at + '占'.len_utf8()..]);
        (named, PART_TO_ZHAN, &gap[..clause_at + at])
    } else if let Some(at) = clause.find("比例").or_else(|| clause.find("比重")) {
        (&clause[..at], PART_TO_RATIO, &gap[..clause_at + at])
    } else {
        return None;
    };
    let part = &s.figs[k - 1];
    if !part.amount() || chars(head) > limit || clause_breaks(gap) > 1 {
        return None;
    }
    let whole = whole_of_list(parts, part.index)
        .and_then(|w| s.figs.iter().position(|f| f.index == w))
        .filter(|&w| named.is_empty() || names_whole(named, &context(s, w)))
        .or_else(|| stated_total(s, k - 1, named))?;
    Some(share(part.index, s.figs[whole].index, s.figs[k].index))
}

/// The whole named in a 占 phrase, without the words around it:
/// `全区总户数的` → `全区总户数`, `女委员比例的` → `女委员`.
fn whole_words(after_zhan: &str) -> &str {
    let mut w = after_zhan.trim();
    for suffix in ["达到", "为", "达", "了", "约", "的", "比例", "比重", "的"] {
        w = w.strip_suffix(suffix).unwrap_or(w);
    }
    w
}

/// The whole of the `其中` list that has `part` among its parts.
fn whole_of_list(parts: &[Found], part: usize) -> Option<usize> {
    parts.iter().find_map(|f| {
        let has = f.terms.iter().any(|&(r, i)| r == Role::Part && i == part);
        has.then(|| f.terms.iter().find(|t| t.0 == Role::Whole).map(|t| t.1))
            .flatten()
    })
}

/// A figure earlier in the sentence stated as a total (共, 总) that the 占
/// phrase names: `代表共13人，女性代表6名，占代表总数的46.2%`.
fn stated_total(s: &Sentence, part: usize, named: &str) -> Option<usize> {
    if named.is_empty() {
        return None; // 占46.2% of what? Not said: no relation.
    }
    let p = &s.figs[part];
    (0..part).rev().find(|&w| {
        let f = &s.figs[w];
        let lead: String = last_chars(s.gap(w), 4);
        f.amount()
            && same_measure(f.q(), p.q())
            && (lead.contains('共') || lead.contains('总'))
            && names_whole(named, &context(s, w))
    })
}

/// The words naming figure `w`: the sentence before it (a bounded tail) and its subject.
fn context(s: &Sentence, w: usize) -> String {
    let mut c = last_chars(s.before(w), WHOLE_CONTEXT);
    if let Some(subject) = &s.figs[w].fig.subject {
        c.push('|');
        c.push_str(subject);
    }
    c
}

fn last_chars(s: &str, n: usize) -> String {
    let skip = s.chars().count().saturating_sub(n);
    s.chars().skip(skip).collect()
}

/// Characters that say "all of" or "total" rather than what is counted.
fn is_generic(c: char) -> bool {
    matches!(c, '全' | '总' | '数' | '的' | '人' | '占' | '为' | '之')
}

/// Do the words `named` (after 占, or before 比例) name the figure whose
/// context is `ctx`? A whole of a place (`全县…`) must be named there as one
/// phrase; else the phrase, or two characters in a row of what is counted.
pub fn names_whole(named: &str, ctx: &str) -> bool {
    if let Some(at) = named.find('全') {
        // A whole of a place (占全县妇女总数): the place and what it counts, as
        // one phrase (全县共培训妇女 is not 全县妇女).
        let core = named[at..].trim_end_matches(['总', '数', '人', '的']);
        return ctx.contains(core);
    }
    if ctx.contains(named) {
        return true;
    }
    let cs: Vec<char> = named.chars().collect();
    cs.windows(2).any(|w| {
        !is_generic(w[0]) && !is_generic(w[1]) && ctx.contains(&format!("{}{}", w[0], w[1]))
    })
}
