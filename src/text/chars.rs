//! Character classes and the Chinese numeral table, each defined once for every parser.

/// A CJK ideograph (the writing, as against digits, Latin letters and punctuation):
/// the unified ideographs, extension A, the compatibility block and extensions B–G.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Value of one Chinese digit character: simplified, traditional and financial (大写)
/// forms, with `两` and `俩` as 2.
pub fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '俩' | '倆' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Whether `s` holds white space (`char::is_whitespace`), found by memchr's
/// vector searches for the bytes it is made of: the six ASCII white-space bytes,
/// the first bytes `C2` `E1` `E2` of the others (each hit read as a character),
/// and the ideographic space `E3 80 80` by its two last bytes, as `E3 80` opens
/// `、` and `。` (a block test reading every block that held `E3` character by
/// character cost 34 M of a 1,387 M bench-sub parse, callgrind).
pub fn has_whitespace(s: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static IDEOGRAPHIC_SPACE_TAIL: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new(&"\u{3000}".as_bytes()[1..]));
    let b = s.as_bytes();
    let starts_white = |i: usize| {
        s.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    };
    memchr::memchr3(b' ', b'\t', b'\n', b).is_some()
        || memchr::memchr3(b'\r', 0x0B, 0x0C, b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(starts_white)
        || IDEOGRAPHIC_SPACE_TAIL
            .find_iter(b)
            .any(|i| i > 0 && starts_white(i - 1))
}

/// A title for comparing two title lines: the text without white space (ASCII or
/// ideographic, zero-width), so that a re-wrapped or re-spaced copy of a title still matches.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|&c| !(c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')))
        .collect()
}

/// Every character of the Basic Multilingual Plane set in each of `contexts`,
/// handed to `check` with the character: how a byte-level shortcut is held to
/// the character-level code it replaces.
#[cfg(test)]
pub(crate) fn in_every_bmp_context(
    contexts: &[fn(char) -> String],
    mut check: impl FnMut(&str, char),
) {
    for c in (0..0x1_0000u32).filter_map(char::from_u32) {
        for make in contexts {
            check(&make(c), c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_by_bytes_is_white_space_by_characters() {
        // every character of the Basic Multilingual Plane, alone and inside Chinese
        in_every_bmp_context(&[|c| format!("培训{c}妇女。")], |line, c| {
            assert_eq!(has_whitespace(line), c.is_whitespace(), "{:04X}", c as u32);
        });
        assert!(!has_whitespace("县妇联年终工作总结，培训1800多名妇女。"));
        assert!(has_whitespace("索 引 号"));
        assert!(has_whitespace("索\u{3000}引"));
        // `80 80` closes U+3000 but also U+4000 and the four-byte U+10000
        assert!(!has_whitespace("\u{10000}\u{4000}\u{1000}"));
        assert!(has_whitespace("\u{10000}\u{4000}\u{3000}"));
        // a white-space character across the edge of a block of bytes
        for n in 0..40 {
            let head = "字".repeat(n);
            assert!(has_whitespace(&format!("{head}\u{3000}字字")), "{n}");
            assert!(has_whitespace(&format!("a{head}\u{2029}")), "{n}");
            assert!(!has_whitespace(&format!("{head}。、字")), "{n}");
        }
    }

    #[test]
    fn digits_in_every_script() {
        let cases = [
            ('〇', 0),
            ('壹', 1),
            ('两', 2),
            ('貳', 2),
            ('參', 3),
            ('陸', 6),
            ('玖', 9),
        ];
        for (c, d) in cases {
            assert_eq!(cn_digit(c), Some(d), "{c}");
        }
        for c in ['十', '百', 'x', '1'] {
            assert_eq!(cn_digit(c), None, "{c}");
        }
    }

    #[test]
    fn cjk_and_title_keys() {
        assert!(is_cjk('妇') && is_cjk('㐀') && !is_cjk('1') && !is_cjk('，'));
        assert_eq!(
            title_key(" 县妇联\u{3000}2013年 工作总结\n"),
            "县妇联2013年工作总结"
        );
    }
}
