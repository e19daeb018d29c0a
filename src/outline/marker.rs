//! Recognising one heading marker at a place in the folded text.
//!
//! Works on the folded view (full-width `（一）` `１．` already read as
//! `(一)` `1.`, traditional numerals simplified), so one table covers every
//! spelling. Families group the spellings a writer uses interchangeably at
//! one outline level (`1.` `1、` `⒈`), because levels come from nesting of
//! families, not from the exact characters.

/// Marker spellings that play the same part in an outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `第一部分` `第二章`: parts above the numbered outline.
    Part,
    /// `一、` `一.` (and `一，` at a line start)
    Cn,
    /// `(一)` `(一)、` `㈠` `一)`
    ParenCn,
    /// `1.` `1、` `⒈`
    Digit,
    /// `(1)` `⑴` `1)`
    ParenDigit,
    /// `①` `❶`
    Circled,
    /// `一是` `二是`
    Enumerator,
    /// `第一，` `第二、` `其一，`
    Ordinal,
    /// A heading line without a number (guide §2).
    Unnumbered,
    /// `——突出…`: a short line led by a dash, one of a run of its like.
    Dash,
}

impl Family {
    /// Enumerator-like families that mostly run inside paragraphs; a block
    /// family never nests under them.
    pub fn is_inline(self) -> bool {
        matches!(self, Family::Enumerator | Family::Ordinal | Family::Circled)
    }

    /// Place of a block family in the usual order of official documents
    /// (一、 → （一） → 1. → （1） → ①); `None` for enumerators and unnumbered lines.
    pub fn rank(self) -> Option<u8> {
        match self {
            Family::Part => Some(0),
            Family::Cn => Some(1),
            Family::ParenCn => Some(2),
            Family::Digit => Some(3),
            Family::ParenDigit => Some(4),
            Family::Circled => Some(5),
            _ => None,
        }
    }
}

/// A marker read at some offset: its family, number and length in folded bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub family: Family,
    pub number: Option<u32>,
    /// Length of the marker in the folded text.
    pub len: usize,
    /// A loose spelling (`1)` `一)`) trusted only at a line start.
    pub weak: bool,
}

/// Value of one Chinese digit character, as the marker's number. Markers count
/// 一 二 三, never 两 (两是 is not an enumerator).
fn cn_digit(c: char) -> Option<u32> {
    if matches!(c, '两' | '兩' | '俩' | '倆') {
        return None;
    }
    crate::text::cn_digit(c).map(u32::from)
}

fn is_ten(c: char) -> bool {
    matches!(c, '十' | '拾')
}

/// Whether `cn_numeral` can read a numeral that starts with `c` (a cheap test,
/// made for every character of a body).
pub fn starts_cn_numeral(c: char) -> bool {
    is_ten(c) || cn_digit(c).is_some_and(|d| d > 0)
}

/// Read a Chinese numeral of 1..=99 at the start of `s`: `三`, `十二`, `二十`, `二十一`.
/// Returns the value and its length in bytes.
pub fn cn_numeral(s: &str) -> Option<(u32, usize)> {
    let mut it = s.char_indices();
    let (_, c0) = it.next()?;
    let mut len = c0.len_utf8();
    let mut value;
    if is_ten(c0) {
        value = 10;
        if let Some((i, c)) = it.next()
            && let Some(d) = cn_digit(c).filter(|&d| d > 0)
        {
            value += d;
            len = i + c.len_utf8();
        }
    } else {
        let d = cn_digit(c0).filter(|&d| d > 0)?;
        value = d;
        if let Some((i, c)) = it.next()
            && is_ten(c)
        {
            value = d * 10;
            len = i + c.len_utf8();
            if let Some((j, c2)) = it.next()
                && let Some(d2) = cn_digit(c2).filter(|&d| d > 0)
            {
                value += d2;
                len = j + c2.len_utf8();
            }
        }
    }
    Some((value, len))
}

/// Read 1–2 ASCII digits (a marker number; three digits is a year or a count).
fn ascii_number(s: &str) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 2 {
        return None;
    }
    let v = s.get(..n)?.parse::<u32>().ok()?;
    (v > 0).then_some((v, n))
}

/// The character at byte `i` of `s`, if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Whether the marker is glued to a following digit (`12、4`, `1.5`), which
/// makes it a date or a decimal, not a marker.
fn digit_follows(s: &str, i: usize) -> bool {
    char_at(s, i).is_some_and(|c| c.is_ascii_digit())
}

/// Recognise a heading marker at the start of `s` (folded text, up to the line end).
pub fn read_marker(s: &str) -> Option<Marker> {
    let c0 = s.chars().next()?;
    let code = c0 as u32;
    let single = |family, number: u32| {
        Some(Marker {
            family,
            number: Some(number),
            len: c0.len_utf8(),
            weak: false,
        })
    };
    match code {
        0x2460..=0x2473 => return single(Family::Circled, code - 0x2460 + 1),
        0x2776..=0x277F => return single(Family::Circled, code - 0x2776 + 1),
        0x2474..=0x2487 => return single(Family::ParenDigit, code - 0x2474 + 1),
        0x2488..=0x249B => return single(Family::Digit, code - 0x2488 + 1),
        0x3220..=0x3229 => return single(Family::ParenCn, code - 0x3220 + 1),
        _ => {}
    }
    if c0 == '(' {
        return read_paren(s);
    }
    if c0 == '第' || c0 == '其' {
        let (n, l) = cn_numeral(s.get(3..)?)?;
        let end = 3 + l;
        if c0 == '第' {
            for part in ["部分", "章"] {
                if s.get(end..).is_some_and(|r| r.starts_with(part)) {
                    let mut len = end + part.len();
                    if let Some(c @ ('：' | ':' | '、' | '.')) = char_at(s, len) {
                        len += c.len_utf8();
                    }
                    return Some(Marker {
                        family: Family::Part,
                        number: Some(n),
                        len,
                        weak: false,
                    });
                }
            }
        }
        return match char_at(s, end)? {
            '，' | ',' | '、' => Some(Marker {
                family: Family::Ordinal,
                number: Some(n),
                len: end + char_at(s, end)?.len_utf8(),
                weak: false,
            }),
            _ => None,
        };
    }
    if let Some((n, l)) = ascii_number(s) {
        let next = char_at(s, l)?;
        let (family, weak) = match next {
            '、' | '.' => (Family::Digit, false),
            ')' => (Family::ParenDigit, true),
            _ => return None,
        };
        let len = l + next.len_utf8();
        if digit_follows(s, len) {
            return None;
        }
        return Some(Marker {
            family,
            number: Some(n),
            len,
            weak,
        });
    }
    let (n, l) = cn_numeral(s)?;
    let next = char_at(s, l)?;
    let (family, weak) = match next {
        '、' => (Family::Cn, false),
        '.' => (Family::Cn, false),
        '，' => (Family::Cn, true),
        '是' => (Family::Enumerator, false),
        ')' => (Family::ParenCn, true),
        _ => return None,
    };
    let len = l + next.len_utf8();
    // `一、2014年工作回顾` is a heading; only a dot glued to a digit reads as a number.
    if next == '.' && digit_follows(s, len) {
        return None;
    }
    // `一、二、三等奖`: a run of bare numerals is a list of ranks, not a heading.
    if family == Family::Cn
        && let Some(rest) = s.get(len..)
        && let Some((_, l2)) = cn_numeral(rest)
        && char_at(rest, l2) == Some(next)
    {
        return None;
    }
    Some(Marker {
        family,
        number: Some(n),
        len,
        weak,
    })
}

/// `(一)` `(一)、` `(1)` `(1).`
fn read_paren(s: &str) -> Option<Marker> {
    let inner = s.get(1..)?;
    let (family, n, l) = if let Some((n, l)) = ascii_number(inner) {
        (Family::ParenDigit, n, l)
    } else {
        let (n, l) = cn_numeral(inner)?;
        (Family::ParenCn, n, l)
    };
    if char_at(inner, l)? != ')' {
        return None;
    }
    let mut len = 1 + l + 1;
    if let Some(c @ ('、' | '.')) = char_at(s, len) {
        len += c.len_utf8();
    }
    Some(Marker {
        family,
        number: Some(n),
        len,
        weak: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn numerals() {
        let cases = [
            ("一", Some(1)),
            ("十", Some(10)),
            ("十二", Some(12)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("壹", Some(1)),
            ("零", None),
            ("是", None),
        ];
        for (s, want) in cases {
            assert_eq!(cn_numeral(s).map(|x| x.0), want, "{s}");
        }
    }

    /// One case per marker style of the guide (§2), in original spelling.
    #[test]
    fn every_style_is_read() {
        use Family::*;
        type Case<'a> = (&'a str, Option<(Family, u32, &'a str)>);
        let cases: &[Case] = &[
            ("一、大力实施", Some((Cn, 1, "一、"))),
            ("十二、其他", Some((Cn, 12, "十二、"))),
            ("(一)强势宣传", Some((ParenCn, 1, "(一)"))),
            ("（二）创特色", Some((ParenCn, 2, "（二）"))),
            ("(三)、巩固", Some((ParenCn, 3, "(三)、"))),
            ("1.文明家庭", Some((Digit, 1, "1."))),
            ("2、组织开展", Some((Digit, 2, "2、"))),
            ("３．家政服务", Some((Digit, 3, "３．"))),
            ("⒋巾帼建功", Some((Digit, 4, "⒋"))),
            ("(1)培训", Some((ParenDigit, 1, "(1)"))),
            ("（2）维权", Some((ParenDigit, 2, "（2）"))),
            ("⑶宣传", Some((ParenDigit, 3, "⑶"))),
            ("①加强", Some((Circled, 1, "①"))),
            ("一是加大宣传力度", Some((Enumerator, 1, "一是"))),
            ("十是其他", Some((Enumerator, 10, "十是"))),
            ("第一，要", Some((Ordinal, 1, "第一，"))),
            ("第二、要", Some((Ordinal, 2, "第二、"))),
            ("其三，要", Some((Ordinal, 3, "其三，"))),
            ("㈢规范", Some((ParenCn, 3, "㈢"))),
            ("貳、維權", Some((Cn, 2, "貳、"))),
            ("二、20xx年重点工作安排", Some((Cn, 2, "二、"))),
            ("三，加强自身建设", Some((Cn, 3, "三，"))),
            ("第一部分 工作回顾", Some((Part, 1, "第一部分"))),
            ("第二部分：工作计划", Some((Part, 2, "第二部分："))),
            ("第三章 附则", Some((Part, 3, "第三章"))),
        ];
        for (orig, want) in cases {
            let folded = fold_str(orig);
            let got = read_marker(&folded);
            match (got, want) {
                (Some(m), Some((f, n, text))) => {
                    assert_eq!(m.family, *f, "{orig}");
                    assert_eq!(m.number, Some(*n), "{orig}");
                    // Folding keeps characters one for one, so the marker's
                    // character count is the same in both spellings.
                    let chars = folded[..m.len].chars().count();
                    let written: String = orig.chars().take(chars).collect();
                    assert_eq!(written, *text, "{orig}");
                }
                (None, None) => {}
                (g, w) => panic!("{orig}: got {g:?}, want {w:?}"),
            }
        }
    }

    /// Look-alikes that are not markers.
    #[test]
    fn look_alikes_are_not_markers() {
        let cases = [
            "12、4”法律宣传日",
            "1.5万元",
            "2014.12",
            "一、二、三等奖",
            "一，二，三",
            "(zhèn)",
            "第一次",
            "第八届",
            "其中",
            "其一是",
            "100%",
            "三八",
            "(单位)",
        ];
        for s in cases {
            assert_eq!(read_marker(&fold_str(s)), None, "{s}");
        }
    }
}
