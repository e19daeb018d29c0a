//! Strings from pages, file names and stores made safe to print on a terminal.
//!
//! A scraped page can hold `ESC ]0;…BEL` (sets the window title), `ESC ]52;c;…`
//! (writes the clipboard) or a right-to-left override that reverses what
//! follows it on screen. Whatever such a string reaches standard output or
//! standard error as text goes through [`terminal_safe`], which shows those
//! characters escaped instead of sending them.
//!
//! JSON is escaped by serde_json for the C0 controls only: DEL, the C1 controls
//! (U+009B is CSI, U+009D OSC, which xterm obeys in UTF-8) and the bidi controls
//! pass through raw. [`write_json`] writes them as `\u` escapes, which JSON
//! readers decode to the same string.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

/// Characters a terminal acts on instead of showing: C0 controls (line breaks
/// and tabs too, so one field cannot forge another line), DEL, C1 controls, and
/// the bidirectional overrides and isolates (U+202A–202E, U+2066–2069).
pub fn is_terminal_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidirectional embeddings, overrides and isolates: they reorder what a
/// terminal shows after them, and take no cell of their own.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every [`is_terminal_unsafe`] character written as an escape:
/// `\n` `\r` `\t`, `\x1b` for the other C0 controls and DEL, `\u{85}` for C1
/// controls and `\u{202e}` for bidirectional controls. Borrowed when there is
/// nothing to escape.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(is_terminal_unsafe) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_terminal_unsafe(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_terminal_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Write `value` as JSON (compact, or pretty with two-space indents) with every
/// [`is_terminal_unsafe`] character `\u`-escaped: the same JSON value, safe to
/// show on a terminal. The value is written whole or not at all.
pub fn write_json<W: Write, T: Serialize + ?Sized>(
    mut out: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    let mut buf = Vec::new();
    write_json_to_vec(&mut buf, value, pretty)?;
    out.write_all(&buf).map_err(serde_json::Error::io)
}

/// [`write_json`] appended to `buf` (left as it was if the value cannot be written).
pub fn write_json_to_vec<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    let start = buf.len();
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *buf, value)
    } else {
        serde_json::to_writer(&mut *buf, value)
    };
    if let Err(e) = written {
        buf.truncate(start);
        return Err(e);
    }
    escape_raw_unsafe(buf, start);
    Ok(())
}

/// [`write_json`] into a string.
pub fn json_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut buf = Vec::new();
    // Writing to memory fails only for a value JSON cannot hold (a map with
    // non-string keys): none of ours.
    if write_json_to_vec(&mut buf, value, pretty).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// `\u`-escape, in the JSON serde_json wrote to `json[from..]`, the unsafe
/// characters it leaves raw. Outside strings serde_json writes ASCII only, and
/// it escapes the C0 controls itself, so every raw DEL, C1 or bidi control lies
/// in a string and its escape reads back as the same string. One pass over the
/// whole output replaced a test of each string fragment, which cost 63 M
/// instructions of a 1,387 M corpus parse (callgrind, /tmp/bench-sub).
pub(crate) fn escape_raw_unsafe(json: &mut Vec<u8>, from: usize) {
    let Some((first, _)) = next_raw_unsafe(&json[from..]) else {
        return;
    };
    let tail = json.split_off(from + first);
    let mut rest = &tail[..];
    while let Some((i, c)) = next_raw_unsafe(rest) {
        json.extend_from_slice(&rest[..i]);
        json.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
        rest = &rest[i + c.len_utf8()..];
    }
    json.extend_from_slice(rest);
}

/// The first [`is_terminal_unsafe`] character of UTF-8 `b` that is not a C0
/// control, with its byte offset, found by bytes: DEL is `7F`, the C1 controls
/// `C2 80`–`C2 9F`, the bidi controls `E2 80 AA`–`E2 80 AE` (U+202A–202E) and
/// `E2 81 A6`–`E2 81 A9` (U+2066–2069). Only their lead bytes are searched;
/// `E2` leads common Chinese punctuation (“ ” … —), so each hit is checked.
fn next_raw_unsafe(b: &[u8]) -> Option<(usize, char)> {
    memchr::memchr3_iter(0x7F, 0xC2, 0xE2, b).find_map(|i| {
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let code = match (b[i], at(1), at(2)) {
            (0x7F, _, _) => 0x7F,
            (0xC2, n @ 0x80..=0x9F, _) => u32::from(n),
            (0xE2, 0x80, n @ 0xAA..=0xAE) => 0x2000 + u32::from(n & 0x3F),
            (0xE2, 0x81, n @ 0xA6..=0xA9) => 0x2040 + u32::from(n & 0x3F),
            _ => return None,
        };
        char::from_u32(code).map(|c| (i, c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table() {
        for (raw, want) in [
            ("县妇联2013年工作总结", "县妇联2013年工作总结"),
            ("a\x1b]0;pwned\x07b", "a\\x1b]0;pwned\\x07b"),
            ("\x1b]52;c;cm0gLXJmIH4=\x07", "\\x1b]52;c;cm0gLXJmIH4=\\x07"),
            ("\x1b[2J", "\\x1b[2J"),
            ("tab\there", "tab\\there"),
            ("two\r\nlines", "two\\r\\nlines"),
            ("del\x7f", "del\\x7f"),
            ("c1\u{85}\u{9b}31m", "c1\\u{85}\\u{9b}31m"),
            ("\u{202E}txt.exe", "\\u{202e}txt.exe"),
            ("\u{2066}a\u{2069}", "\\u{2066}a\\u{2069}"),
            ("\u{200F}kept", "\u{200F}kept"),
            ("", ""),
        ] {
            assert_eq!(terminal_safe(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_reads_back_the_same() {
        let v = serde_json::json!({
            "t\u{9b}k": ["a\u{1b}]0;x\u{7}", "\u{7f}\u{85}\u{9b}2J\u{9d}52;c;eA==\u{9c}", "\u{202e}fdp.exe", "“引号”一、"],
        });
        let compact = json_string(&v, false);
        assert_eq!(
            compact,
            r#"{"t\u009bk":["a\u001b]0;x\u0007","\u007f\u0085\u009b2J\u009d52;c;eA==\u009c","\u202efdp.exe","“引号”一、"]}"#
        );
        let pretty = json_string(&v, true);
        let want: String = serde_json::to_string_pretty(&v)
            .unwrap()
            .chars()
            .map(|c| match c {
                c if is_terminal_unsafe_but_newline(c) => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            })
            .collect();
        assert_eq!(pretty, want);
        for s in [compact, pretty] {
            assert!(!s.contains(is_terminal_unsafe_but_newline), "{s:?}");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
        }
    }

    /// The JSON of `s` escaped as a test of each character would: serde_json's
    /// escapes, then every unsafe character it left raw as `\uXXXX`.
    fn json_by_chars(s: &str) -> String {
        let raw = serde_json::to_string(s).unwrap();
        raw.chars()
            .map(|c| match c {
                c if is_terminal_unsafe(c) => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn json_escapes_by_bytes_as_by_characters() {
        // every character of the Basic Multilingual Plane, alone, twice in a
        // row and inside Chinese, so a lead byte at the end is seen too
        let contexts: [fn(char) -> String; 3] = [
            |c| format!("{c}"),
            |c| format!("{c}{c}"),
            |c| format!("培训{c}妇女”"),
        ];
        crate::text::in_every_bmp_context(&contexts, |s, c| {
            assert_eq!(json_string(s, false), json_by_chars(s), "{:04X}", c as u32);
        });
        let pretty = json_string(&["\u{202e}\n”", "a\u{7f}"], true);
        assert_eq!(pretty, "[\n  \"\\u202e\\n”\",\n  \"a\\u007f\"\n]");
    }

    fn is_terminal_unsafe_but_newline(c: char) -> bool {
        c != '\n' && is_terminal_unsafe(c)
    }

    #[test]
    fn borrowed_when_clean() {
        assert!(matches!(
            terminal_safe("一、加强组织建设"),
            Cow::Borrowed(_)
        ));
    }
}
