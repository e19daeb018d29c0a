//! Chinese line wrapping by display width.
//!
//! Lines are cut between characters (never inside one), so that no line is wider
//! than the pane, no line begins with closing punctuation (，。、；：）”》 …) and
//! none ends with an opening one (（“《 …) — the line-breaking rules a Chinese
//! reader expects. The result is byte ranges into the source text, so highlights
//! computed from figure offsets line up with what is drawn at any width.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

/// Characters that must not begin a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%％·～";
/// Characters that must not end a line.
const NO_END: &str = "（《「『【〔〈“‘([{";

/// Cells `c` takes on screen. Control characters (tabs, stray escapes) and bidi
/// controls (U+202E …, zero-width, which ratatui would send on with the cell
/// before) are drawn as one blank cell, so they cannot move the cursor, reorder
/// or misalign what follows.
pub fn char_width(c: char) -> usize {
    if crate::text::is_terminal_unsafe(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// What to draw for `s`: control and bidi characters replaced by a space, NFC composed,
/// so the drawn width equals the sum of `char_width` over `s`.
pub fn display(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::text::is_terminal_unsafe(c) {
                ' '
            } else {
                c
            }
        })
        .nfc()
        .collect()
}

/// Display width of a string, as drawn by `display`.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `width` cells, with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return display(s);
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    display(&out) + "…"
}

/// `s` padded with spaces (or cut) to exactly `width` cells.
pub fn fit(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = str_width(&t);
    t + &" ".repeat(width.saturating_sub(w))
}

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Wrap one line of text (no line terminators) into rows of at most `width` cells.
/// Returns byte ranges relative to `line`; an empty line gives one empty row.
/// A character wider than `width` gets a row of its own rather than being split.
pub fn wrap_line(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    // (byte offset, char, width) for every character.
    let chars: Vec<(usize, char, usize)> = line
        .char_indices()
        .map(|(i, c)| (i, c, char_width(c)))
        .collect();
    let mut rows = Vec::new();
    let mut start = 0; // index into `chars`
    while start < chars.len() {
        // Greedy: as many characters as fit.
        let mut w = 0;
        let mut end = start;
        while end < chars.len() && (end == start || w + chars[end].2 <= width) {
            w += chars[end].2;
            end += 1;
        }
        // Keep zero-width (combining) characters with their base.
        while end < chars.len() && chars[end].2 == 0 {
            end += 1;
        }
        if end < chars.len() {
            // Move the break back while the next row would start with closing
            // punctuation or this row would end with opening punctuation.
            let mut b = end;
            while b > start + 1 && (no_start(chars[b].1) || no_end(chars[b - 1].1)) {
                b -= 1;
            }
            if b > start + 1 || !(no_start(chars[b].1) || no_end(chars[b - 1].1)) {
                end = b;
            }
        }
        let s = chars[start].0;
        let e = chars.get(end).map_or(line.len(), |t| t.0);
        rows.push(s..e);
        start = end;
    }
    if rows.is_empty() {
        rows.push(0..0);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(s: &str, w: usize) -> Vec<&str> {
        wrap_line(s, w).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn rows_never_exceed_width_and_cover_the_text() {
        let cases = [
            "全年共培训农村妇女1800多名，发放贴息贷款16萬元。",
            "abc 中文 mixed ｆｕｌｌ width １２３ 和“引号”《书名》。",
            "一、加强组织建设，（一）夯实基层基础；二是深化“巾帼建功”活动。",
        ];
        for s in cases {
            for w in 2..40 {
                let r = wrap_line(s, w);
                let joined: String = r.iter().map(|x| &s[x.clone()]).collect();
                assert_eq!(joined, s, "width {w}");
                for x in &r {
                    assert!(
                        str_width(&s[x.clone()]) <= w,
                        "width {w}: {:?}",
                        &s[x.clone()]
                    );
                    assert!(s.is_char_boundary(x.start) && s.is_char_boundary(x.end));
                }
            }
        }
    }

    #[test]
    fn no_row_starts_with_closing_or_ends_with_opening_punctuation() {
        let s = "妇联组织开展了“最美家庭”评选，共评出家庭一百户。全县（含乡镇）妇女《纲要》实施。";
        // From 4 cells on, a row holds a character and its punctuation; narrower
        // than that the rule cannot hold and a plain cut is the fallback.
        for w in 4..30 {
            let r = rows(s, w);
            for (i, row) in r.iter().enumerate() {
                let first = row.chars().next().unwrap();
                let last = row.chars().last().unwrap();
                if i > 0 {
                    assert!(
                        !no_start(first),
                        "width {w} row {i} starts with {first}: {r:?}"
                    );
                }
                if i + 1 < r.len() {
                    assert!(!no_end(last), "width {w} row {i} ends with {last}: {r:?}");
                }
            }
        }
    }

    #[test]
    fn table_of_exact_wraps() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("妇女儿童", 4, &["妇女", "儿童"]),
            // A wide character never straddles an odd width.
            ("妇女儿童", 5, &["妇女", "儿童"]),
            ("ab妇女", 3, &["ab", "妇", "女"]),
            // 。 may not begin a row: 童 moves down with it.
            ("妇女儿童。好", 8, &["妇女儿", "童。好"]),
            // “ may not end a row.
            // “ and ” are one cell wide (East Asian ambiguous width).
            ("妇女“儿童”", 6, &["妇女", "“儿童”"]),
            ("妇女“儿童”", 5, &["妇女", "“儿", "童”"]),
            ("", 10, &[""]),
            // Too narrow for a wide character: it stands alone, never split.
            ("妇女", 1, &["妇", "女"]),
            // Nothing but punctuation: fall back to a plain cut rather than loop.
            ("。。。。", 4, &["。。", "。。"]),
        ];
        for (s, w, want) in cases {
            assert_eq!(rows(s, *w), *want, "{s:?} at {w}");
        }
    }

    #[test]
    fn truncate_and_fit_count_cells() {
        assert_eq!(truncate("妇女儿童", 5), "妇女…");
        assert_eq!(truncate("妇女", 4), "妇女");
        assert_eq!(fit("妇女儿童", 6), "妇女… ");
        assert_eq!(str_width(&fit("ab妇", 7)), 7);
    }

    #[test]
    fn combining_marks_stay_with_their_base_and_display_is_nfc() {
        let s = "cafe\u{301}s";
        let r = rows(s, 4);
        assert_eq!(r, vec!["cafe\u{301}", "s"]);
        assert_eq!(display("e\u{301}"), "é");
        assert_eq!(display("a\tb"), "a b");
        assert_eq!(str_width("a\tb妇"), 5);
    }
}
