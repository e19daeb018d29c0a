//! Tests of the scan: the byte-level reading against the character walk it replaced.

use super::*;

fn cands_of(text: &str) -> Vec<(String, Pos)> {
    let body: Vec<Range<usize>> = crate::text::split_lines(text)
        .iter()
        .map(|l| l.start..l.end)
        .collect();
    let (_, c) = scan(text, &body, |x| x);
    c.iter()
        .map(|c| (text[c.start..c.marker_end].to_string(), c.pos))
        .collect()
}

/// The scan of a line as it was before the byte-level reading, a character at a time.
fn scan_line_by_chars(
    trimmed: &str,
    start: usize,
    line_idx: usize,
    cands: &mut Vec<Cand>,
) -> (usize, bool, bool) {
    let mut chars = 0;
    let mut has_stop = false;
    let mut has_gap = false;
    let mut quote_depth: i32 = 0;
    let mut quotes_balanced: Option<bool> = None;
    let mut prev: Option<char> = None;
    let mut gap = false;
    for (i, c) in trimmed.char_indices() {
        if is_plain_han(c) {
            chars += 1;
            prev = Some(c);
            gap = false;
            continue;
        }
        let latin_letter =
            c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic());
        if !latin_letter {
            chars += 1;
        }
        match c {
            '“' | '《' | '「' | '『' | '‘' => quote_depth += 1,
            '”' | '》' | '」' | '』' | '’' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        if is_stop(c) {
            has_stop = true;
            if quote_depth > 0 && !*quotes_balanced.get_or_insert_with(|| balanced_quotes(trimmed))
            {
                quote_depth = 0;
            }
        }
        if is_space(c) {
            gap = true;
            has_gap = true;
            continue;
        }
        let (before, after_gap) = (prev, gap);
        prev = Some(c);
        gap = false;
        if !may_start_marker(c) {
            continue;
        }
        let pos = match before {
            None => Some(Pos::LineStart),
            Some(p) if is_stop(p) => Some(Pos::AfterStop),
            Some(p) if is_semi(p) => Some(Pos::AfterSemi),
            Some(p) if is_colon(p) => Some(Pos::AfterColon),
            Some(p) if is_comma(p) => Some(Pos::AfterComma),
            Some(p) if after_gap && is_cjk(p) => Some(Pos::AfterGap),
            Some(p) if is_cjk(p) => Some(Pos::Inline),
            _ => None,
        };
        let Some(pos) = pos else { continue };
        if quote_depth > 0 && pos != Pos::LineStart {
            continue;
        }
        push_candidate(cands, trimmed, (start, line_idx), i, pos);
    }
    (chars, has_stop, has_gap)
}

/// Lines of `text` scanned by `scan_line`, then by the character walk.
fn both_scans(text: &str) -> (String, String) {
    let mut by_bytes = (Vec::new(), Vec::new());
    let mut by_chars = (Vec::new(), Vec::new());
    for (k, line) in text.split('\n').enumerate() {
        let start = text.len() * k;
        let (has_stop, has_gap) = scan_line(line, start, k, &mut by_bytes.1);
        by_bytes
            .0
            .push((line_chars(line, usize::MAX - 1), has_stop, has_gap));
        by_chars
            .0
            .push(scan_line_by_chars(line, start, k, &mut by_chars.1));
    }
    (format!("{by_bytes:?}"), format!("{by_chars:?}"))
}

/// Every character of the Basic Multilingual Plane where a marker or a
/// heading's title can be: at a line start, before and after markers,
/// between Chinese text and a numeral, inside quotes and gaps.
#[test]
fn scan_by_bytes_agrees_with_the_character_walk() {
    let contexts: [fn(char) -> String; 13] = [
        |c| format!("{c}二是甲{c}三是乙"),
        |c| format!("一、总体{c}(一)甲。二是乙{c}1.丙"),
        |c| format!("甲{c}二、乙；{c}(2)丙，{c}三是丁：{c}①戊"),
        |c| format!("“甲{c}。二是乙”{c} 四、己 {c}十二是庚"),
        |c| format!("二、主要做法{c}\n{c}\n第一，甲{c}第二部分{c}"),
        |c| format!("甲乙{c}"),
        |c| format!("甲{c}二十一是乙十是丙二是是“{c}三是”丁{c}"),
        |c| format!("，二十是{c}是 五是(三){c}"),
        |c| format!("一、甲{c}1.乙{c}(二)丙{c}2、丁"),
        |c| format!("二、{}{c}(一)甲{c}1、乙{c}3是", "乙".repeat(29)),
        |c| format!("二、{}a{c}(一)甲", "乙".repeat(29)),
        |c| format!("a{c}二是b，{c}是三是{c}(4){c}5)"),
        |c| format!("甲{c}{c}三是；{c}。{c}、{c}”{c}"),
    ];
    crate::text::in_every_bmp_context(&contexts, |line, c| {
        let (got, want) = both_scans(line);
        assert_eq!(got, want, "{:04X} in {line}", c as u32);
    });
}

#[test]
fn plain_han_is_what_may_start_no_marker() {
    for c in ('\u{4E00}'..='\u{9FFF}').filter(|c| !c.is_ascii()) {
        assert_eq!(is_plain_han(c), !may_start_marker(c), "{c}");
    }
}

/// The byte test of a plain Chinese character agrees with the character
/// test for every character of the Basic Multilingual Plane, at the start,
/// in the middle and cut off at the end of a line.
#[test]
fn plain_han_at_is_is_plain_han_for_every_bmp_character() {
    use super::super::scan_bytes::plain_han_at;
    for c in ('\u{0}'..='\u{FFFF}').filter(|c| !c.is_ascii()) {
        let line = format!("a{c}");
        let b = line.as_bytes();
        assert_eq!(plain_han_at(b, 1), is_plain_han(c), "{:04X}", c as u32);
        assert!(!plain_han_at(&b[..b.len() - 1], 1), "{:04X} cut", c as u32);
    }
    let cases: [(&str, usize, bool); 9] = [
        ("", 0, false),
        ("abc", 0, false),
        ("甲", 0, true),
        ("甲", 1, false),
        ("一", 0, false),
        ("貳", 0, false),
        ("國", 0, true),
        ("是", 0, true),
        ("㐀", 0, false),
    ];
    for (line, i, want) in cases {
        assert_eq!(plain_han_at(line.as_bytes(), i), want, "{line} at {i}");
    }
}

/// The double quotation marks the scan counts, read from their bytes.
#[test]
fn quotes_by_their_bytes() {
    use super::super::scan_bytes::quote_at;
    let cases: [(&str, usize, Option<bool>); 7] = [
        ("", 0, None),
        ("\"", 0, None),
        ("“", 0, Some(true)),
        ("”", 0, Some(false)),
        ("甲“", 3, Some(true)),
        ("‘’", 0, None),
        ("“", 1, None),
    ];
    for (line, i, want) in cases {
        assert_eq!(quote_at(line.as_bytes(), i), want, "{line} at {i}");
    }
}

#[test]
fn positions() {
    let got = cands_of("一、总体\n  (一)甲。一是乙；二是丙，三是丁。四、戊\n“一是引号”里");
    let want = vec![
        ("一、".to_string(), Pos::LineStart),
        ("(一)".to_string(), Pos::LineStart),
        ("一是".to_string(), Pos::AfterStop),
        ("二是".to_string(), Pos::AfterSemi),
        ("三是".to_string(), Pos::AfterComma),
        ("四、".to_string(), Pos::AfterStop),
    ];
    assert_eq!(got, want);
}

/// The byte-level trims agree with trimming by characters, over every BMP
/// character at either end, alone, and next to white space.
#[test]
fn trims_agree_with_the_character_trims() {
    use super::super::scan_bytes::{trim_spaces, trim_start_spaces};
    let contexts: [fn(char) -> String; 6] = [
        |c| format!("{c}"),
        |c| format!("{c}甲{c}"),
        |c| format!(" {c}\u{3000}"),
        |c| format!("\u{3000}{c} "),
        |c| format!("{c}{c}a"),
        |c| format!("1{c}\u{FEFF}{c}"),
    ];
    crate::text::in_every_bmp_context(&contexts, |s, c| {
        assert_eq!(trim_spaces(s), s.trim_matches(is_space), "{:04X}", c as u32);
        assert_eq!(
            trim_start_spaces(s),
            s.trim_start_matches(is_space),
            "{:04X}",
            c as u32
        );
    });
    let cases = [
        ("", ""),
        (" ", ""),
        ("abc", "abc"),
        ("  abc\t", "abc"),
        ("\u{3000}一、總體\u{3000}", "一、總體"),
        ("\u{A0}１２\u{2028}", "１２"),
        ("\u{FEFF}\u{200B}甲", "甲"),
        ("甲\u{85}", "甲"),
        ("é", "é"),
        ("😀 ", "😀"),
    ];
    for (s, want) in cases {
        assert_eq!(trim_spaces(s), want, "{s:?}");
    }
}
