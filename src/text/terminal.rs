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
use std::io::{self, Write};

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
/// show on a terminal.
pub fn write_json<W: Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let f = SafeStrings(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    } else {
        let f = SafeStrings(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(out, f))
    }
}

/// [`write_json`] into a string.
pub fn json_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut buf = Vec::new();
    // Writing to memory fails only for a value JSON cannot hold (a map with
    // non-string keys): none of ours.
    if write_json(&mut buf, value, pretty).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// A JSON formatter that escapes what serde_json leaves raw in strings; the rest
/// is `F`'s (the methods `PrettyFormatter` overrides are handed on).
struct SafeStrings<F>(F);

/// Whether `fragment` may hold an unsafe character: DEL, or a lead byte of the
/// C1 controls (C2) or of the bidi controls (E2). A byte test first, as nearly
/// every string has none; `fold`, with no early exit, runs on whole vectors
/// (`any` asked byte by byte cost 2 % of a corpus parse, and memchr's search
/// costs more than that to start on strings this short, callgrind).
fn may_hold_unsafe(fragment: &str) -> bool {
    fragment
        .bytes()
        .fold(false, |hit, b| hit | matches!(b, 0x7F | 0xC2 | 0xE2))
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeStrings<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !may_hold_unsafe(fragment) {
            return self.0.write_string_fragment(w, fragment);
        }
        let mut from = 0;
        for (i, c) in fragment
            .char_indices()
            .filter(|&(_, c)| is_terminal_unsafe(c))
        {
            self.0.write_string_fragment(w, &fragment[from..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            from = i + c.len_utf8();
        }
        self.0.write_string_fragment(w, &fragment[from..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
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
