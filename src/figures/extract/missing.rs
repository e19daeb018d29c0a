//! Numbers missing from the text: a template's placeholder where a number is to
//! be filled in (`xx名`, `××户`), and a measure word with its number left blank
//! (`共个街道`, `培训女工余名`).

use crate::figures::number::is_cn_numeral;
use crate::figures::units::{at, match_unit};
use crate::model::WarningCode;
use crate::text::is_cjk;

/// Characters a template writes where a number is to be filled in: `xx`, `××`,
/// `__`, `**`, `○○` (and `〇〇`, the numeral zero, when it stands alone).
pub(super) fn is_placeholder_char(c: char) -> bool {
    matches!(c, 'x' | 'X' | '×' | '_' | '*' | '○' | '〇')
}

/// xx余份, 20xx多元, ××名, **户, ○○人: a placeholder run standing where a number
/// should be, followed by a unit of a figure. Returns the end of the unit.
fn placeholder(cs: &[char], i: usize) -> Option<usize> {
    if i > 0 && (cs[i - 1].is_ascii_alphabetic() || is_placeholder_char(cs[i - 1])) {
        return None;
    }
    // 二〇〇人, 一〇五户: a zero inside a number written in numerals is no gap
    if cs[i] == '〇' && i > 0 && is_cn_numeral(cs[i - 1]) {
        return None;
    }
    let mut k = i;
    while cs.get(k).is_some_and(|&c| is_placeholder_char(c)) {
        k += 1;
    }
    if cs.get(k).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // xx多万元, 20xx余元: a qualifier and a multiplier may stand between
    if matches!(cs.get(k), Some('多' | '余')) {
        k += 1;
    }
    if matches!(cs.get(k), Some('万' | '亿' | '千' | '百')) {
        k += 1;
        if matches!(cs.get(k), Some('多' | '余')) {
            k += 1;
        }
    }
    if at(cs, k, "%") {
        return Some(k + 1);
    }
    let (unit, e) = match_unit(cs, k)?;
    unit.kind.is_figure().then_some(e)
}

fn digits_before(cs: &[char], i: usize) -> usize {
    let mut k = i;
    while k > 0 && cs[k - 1].is_ascii_digit() {
        k -= 1;
    }
    k
}

/// 共个街道, 、个社区: a measure word right after 共 or an enumeration comma,
/// where the number was left blank. Returns the end of the unit.
fn blank_count(cs: &[char], k: usize) -> Option<usize> {
    let (u, e) = match_unit(cs, k)?;
    let counts = matches!(
        u.unit,
        "个" | "名" | "户" | "件" | "场" | "次" | "期" | "份" | "元" | "人次" | "家" | "所" | "篇"
    );
    (counts && cs.get(e).is_some_and(|&c| is_cjk(c))).then_some(e)
}

/// 培训女工余名: 余 + a unit, with no number before it.
fn missing_number(cs: &[char], i: usize) -> bool {
    let Some(&p) = (if i > 0 { cs.get(i - 1) } else { None }) else {
        return false;
    };
    if !is_cjk(p) || is_cn_numeral(p) || "其剩业多富盈结残节宽空有之以无课闲年月日的几".contains(p)
    {
        return false;
    }
    matches!(
        match_unit(cs, i + 1),
        Some((u, _)) if matches!(u.unit, "名" | "人" | "份" | "户" | "元" | "个" | "件" | "场" | "次" | "家" | "位" | "人次")
    )
}

/// A place where a number should stand and does not, as chars `start..end` of the line.
pub(super) struct Gap {
    pub code: WarningCode,
    pub what: &'static str,
    pub start: usize,
    pub end: usize,
}

/// The gap beginning at `i`, if any: a placeholder (xx名), 余 with no number before it
/// (培训女工余名), or a count left blank after 共, 计 or 、 (共个街道).
/// Inlined: asked at every scan start, as a call it cost 3.9 M of 1,640 M
/// instructions (callgrind, `parse` of 300 reports).
#[inline]
pub(super) fn gap_at(cs: &[char], i: usize) -> Option<Gap> {
    let c = cs[i];
    let missing = |start: usize, end: usize| Gap {
        code: WarningCode::MissingNumber,
        what: "a count with no number",
        start,
        end,
    };
    if is_placeholder_char(c) {
        placeholder(cs, i).map(|end| Gap {
            code: WarningCode::Placeholder,
            what: "placeholder in place of a number",
            start: digits_before(cs, i),
            end,
        })
    } else if c == '余' && missing_number(cs, i) {
        Some(missing(i, match_unit(cs, i + 1).map_or(i + 1, |(_, e)| e)))
    } else if matches!(c, '共' | '计' | '、') {
        blank_count(cs, i + 1).map(|end| missing(i + 1, end))
    } else {
        None
    }
}
