//! Candidates settled by the characters right after them, without reading them:
//! a numeral that reads as a bare number (一是, 统一, 进一步; 1、, 2014:), or as
//! a number whose unit alone rules it out (2014年, 12月, 一个, 三项). Reading
//! one (`read_at`, then `excluded`) cost about 1,200 instructions to find
//! nothing: on bench-sub `read_at` ran 30,964 times for 13,025 figures, now
//! 17,685 (callgrind, non-LTO: `extract` 267.6 -> 258.7 M, all 777.3 -> 769.9 M).
//! Tests hold every answer here to the full reading, for every character of
//! the plane after each numeral and each run of digits, and for each unit.

use crate::figures::exclude::small_chinese_ruled_out;
use crate::figures::flags::run_together_date;
use crate::figures::number::{NUMERAL_CHARS, cn_digit, is_cn_numeral};
use crate::figures::units::{at, match_unit};
use crate::text::BmpSet;

/// Where the scan reads on if what stands at `i` (a place where a number can
/// start) is settled without reading it: nothing there is a figure, a date to
/// flag or a gap. None: it must be read.
pub(super) fn settled(cs: &[char], i: usize) -> Option<usize> {
    if cs[i].is_ascii_digit() {
        digits_settled(cs, i)
    } else {
        numeral_settled(cs, i)
    }
}

/// A Chinese numeral at `i` followed by a character that neither goes on with
/// it nor begins a unit, a range or a fraction after it reads as a bare number
/// of one character, which is never a figure. One digit (一 to 九, 两) followed
/// by a unit that rules a small Chinese count out (一个, 三项, 一元, 五年) is
/// settled too. Returns `i + 1`, where the reading would have ended.
fn numeral_settled(cs: &[char], i: usize) -> Option<usize> {
    let unit = match cs.get(i + 1) {
        None => return Some(i + 1),
        // 两个亿, 三个百分点: 个 goes on with the numeral; elsewhere it is a unit
        Some('个') if !matches!(cs.get(i + 2), Some('万' | '亿')) && !at(cs, i + 2, "百分点") => {
            match_unit(cs, i + 1)
        }
        Some(&d) if is_cn_numeral(d) || NUMERAL_GOES_ON.contains(d) => return None,
        Some(_) => match_unit(cs, i + 1),
    };
    let Some((unit, end)) = unit else {
        return Some(i + 1);
    };
    let one_digit = cn_digit(cs[i]).is_some();
    (one_digit && small_chinese_ruled_out(unit, cs.get(end).copied())).then_some(i + 1)
}

/// What may follow a numeral's first character in what `read_at` reads: digits
/// (十0 is one numeral), a qualifier (多, 余, 几), a decimal point, a percent form,
/// a fraction (分之), a range.
static NUMERAL_GOES_ON: BmpSet =
    BmpSet::new("0123456789多余来几左右点.分之成个百%‰-~—至到－～(参又半");

/// What may follow a run of ASCII digits in what `read_at` reads, besides a
/// `.` before a digit: a thousands mark or a space between groups (1,800, 12 345),
/// a fraction (1/4, 3又1/5), a multiplier, a qualifier, a range, a percent form.
static DIGITS_GO_ON: BmpSet =
    BmpSet::new(",， /多余来几左右点分之成个%‰-~—至到－～(参又半").and(NUMERAL_CHARS);

/// A run of ASCII digits at `i` followed by no unit, or by a unit of something
/// that is not a figure (2014年, 12月, 9点), reads as that number, and is ruled
/// out (no unit, not a figure's kind). Returns the end of the digits.
fn digits_settled(cs: &[char], i: usize) -> Option<usize> {
    let end = cs[i..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(cs.len(), |n| i + n);
    match cs.get(end) {
        None => return Some(end),
        Some('.') if cs.get(end + 1).is_some_and(|c| c.is_ascii_digit()) => return None,
        Some(&c) if DIGITS_GO_ON.contains(c) => return None,
        Some(_) => {}
    }
    if run_together_date(cs, i, end) {
        return None; // 20146月: flagged as a date
    }
    match match_unit(cs, end) {
        Some((unit, _)) if unit.kind.is_figure() => None,
        _ => Some(end),
    }
}

#[cfg(test)]
mod tests {
    use super::super::line::reads_to;
    use super::super::{Findings, LineBuf};
    use super::*;
    use crate::figures::exclude::can_start;
    use crate::figures::units::UNITS;
    use crate::text::Normalized;

    /// Every place `settled` answers in `lines` (each with the index of its
    /// candidate), held to the full reading: the scan reads on from the same
    /// place and finds nothing. Returns how many places it answered.
    fn agrees(lines: impl Iterator<Item = (String, usize)>) -> (usize, usize) {
        let norm = Normalized::new("");
        let mut buf = LineBuf::new();
        let (mut answered, mut all) = (0, 0);
        let mut wrong = Vec::new();
        for (line, i) in lines {
            buf.load(&line, 0);
            if !can_start(&buf.cs, i) {
                continue;
            }
            all += 1;
            if let Some(next) = settled(&buf.cs, i) {
                answered += 1;
                let mut found = Findings::default();
                let read = reads_to(&buf, &norm, i, &mut found);
                if read != next || !found.figures.is_empty() || !found.warnings.is_empty() {
                    wrong.push(line);
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "{} wrong: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(100)]
        );
        (answered, all)
    }

    fn plane() -> impl Iterator<Item = char> {
        (0..0x1_0000u32).filter_map(char::from_u32)
    }

    /// What may stand after a unit and change its reading: ranges, 半, (含), 整,
    /// qualifiers, digits, numerals, a letter, a clause mark.
    const AFTER_UNIT: &str = "-~—至到－～半(整以左上或多余个百万亿0a，、的人";

    #[test]
    fn a_numeral_then_any_character() {
        let lines = NUMERAL_CHARS.chars().flat_map(|c| {
            plane().flat_map(move |d| {
                [
                    (format!("{c}{d}"), 0),
                    (format!("培训{c}{d}万元人"), 2),
                    (format!("第{c}{d}"), 1),
                ]
            })
        });
        let (answered, all) = agrees(lines);
        // the shortcut is taken: most characters do not go on with a numeral
        assert!(answered * 2 > all, "{answered} of {all}");
    }

    #[test]
    fn a_numeral_then_each_unit() {
        let lines = NUMERAL_CHARS.chars().flat_map(|c| {
            UNITS.iter().flat_map(move |u| {
                AFTER_UNIT
                    .chars()
                    .map(move |t| (format!("有{c}{}{t}人", u.surface), 1))
                    .chain([(format!("{c}{}", u.surface), 0)])
            })
        });
        let (answered, _) = agrees(lines);
        assert!(answered > 1000, "{answered}");
        let words = [
            "一个",
            "两个半",
            "三项",
            "一元",
            "五年",
            "一个百分点",
            "两个亿",
        ];
        let settled_of = |w: &str| settled(&w.chars().collect::<Vec<_>>(), 0);
        let got: Vec<Option<usize>> = words.iter().map(|w| settled_of(w)).collect();
        assert_eq!(got, [Some(1), None, Some(1), Some(1), Some(1), None, None]);
    }

    #[test]
    fn digits_then_any_character() {
        let runs = ["5", "12", "0", "05", "2014", "20146", "199912", "1234567"];
        let lines = runs.into_iter().flat_map(|run| {
            plane().flat_map(move |d| {
                [
                    (format!("{run}{d}"), 0),
                    (format!("培训{run}{d}5"), 2),
                    (format!("第{run}{d}月份"), 1),
                ]
            })
        });
        let (answered, all) = agrees(lines);
        assert!(answered * 2 > all, "{answered} of {all}");
    }

    #[test]
    fn digits_then_each_unit() {
        let lines = ["8", "2014", "20146", "10"].into_iter().flat_map(|run| {
            UNITS.iter().flat_map(move |u| {
                AFTER_UNIT
                    .chars()
                    .map(move |t| (format!("有{run}{}{t}人", u.surface), 1))
                    .chain([(format!("{run}{}", u.surface), 0)])
            })
        });
        let (answered, _) = agrees(lines);
        assert!(answered > 100, "{answered}");
        let cases = [
            ("2014年", Some(4)),
            ("12月", Some(2)),
            ("20146月", None),
            ("1、", Some(1)),
            ("1.加强", Some(1)),
            ("1.5万", None),
            ("5名", None),
            ("12", Some(2)),
        ];
        for (w, want) in cases {
            let cs: Vec<char> = w.chars().collect();
            assert_eq!(settled(&cs, 0), want, "{w}");
        }
        // full-width digits are folded before the scan: none is asked about
        assert!(!can_start(&['１', '２'], 0));
    }
}
