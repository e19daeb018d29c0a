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

/// A title for comparing two title lines: the text without white space (ASCII or
/// ideographic, zero-width), so that a re-wrapped or re-spaced copy of a title still matches.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|&c| !(c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
