//! The separators web chrome is made of (`>` of a path, `:` of a label, `|` of
//! a menu), found once a line before the line-class tests that need them.

use std::borrow::Cow;
use std::ops::Range;

/// The separators web chrome is made of, found in one look at a line's bytes
/// before the line-class tests that need them: a line of running text holds
/// none of them, and is then asked nothing that needs them (each question
/// searched the line again, 5 % of a corpus parse, callgrind). White space is
/// found in the same look: the line is squeezed only where it holds some.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Marks {
    /// `>` `»` `›`: a path of sections.
    pub path: bool,
    /// `:` `：`: a label.
    pub colon: bool,
    /// `|` `｜` `丨` `·` `•`: a menu's bars.
    pub bar: bool,
    /// White space (`char::is_whitespace`).
    pub space: bool,
    /// White space other than the ASCII space: where there is none, the
    /// spaces are taken out by a byte search alone (`squeezed`).
    pub other_space: bool,
}

impl Marks {
    pub fn of(t: &str) -> Marks {
        use memchr::memmem::Finder;
        use std::sync::LazyLock;
        /// The marks of three bytes whose first byte opens common Chinese
        /// characters and punctuation: a vector search each.
        static WIDE: LazyLock<[(Finder<'static>, Kind); 3]> = LazyLock::new(|| {
            [("：", Kind::Colon), ("｜", Kind::Bar), ("丨", Kind::Bar)]
                .map(|(m, k)| (Finder::new(m), k))
        });
        let b = t.as_bytes();
        let space = crate::text::has_whitespace(t);
        let mut m = Marks {
            space,
            other_space: space && t.contains(|c: char| c.is_whitespace() && c != ' '),
            ..Marks::default()
        };
        for i in memchr::memchr3_iter(b'>', b':', b'|', b) {
            m.mark(match b[i] {
                b'>' => Kind::Path,
                b':' => Kind::Colon,
                _ => Kind::Bar,
            });
        }
        // `»` `·` open with `C2`, `›` `•` with `E2`: rare first bytes in Chinese
        // text, each hit read as a character (a search for each of the four
        // marks cost 4 instructions a byte, callgrind).
        for i in memchr::memchr2_iter(0xC2, 0xE2, b) {
            match t.get(i..).and_then(|rest| rest.chars().next()) {
                Some('»' | '›') => m.mark(Kind::Path),
                Some('·' | '•') => m.mark(Kind::Bar),
                _ => {}
            }
        }
        for (finder, kind) in WIDE.iter() {
            if !m.has(*kind) && finder.find(b).is_some() {
                m.mark(*kind);
            }
        }
        m
    }

    fn mark(&mut self, kind: Kind) {
        match kind {
            Kind::Path => self.path = true,
            Kind::Colon => self.colon = true,
            Kind::Bar => self.bar = true,
            Kind::Space => self.space = true,
            Kind::OtherSpace => (self.space, self.other_space) = (true, true),
        }
    }

    fn has(self, kind: Kind) -> bool {
        match kind {
            Kind::Path => self.path,
            Kind::Colon => self.colon,
            Kind::Bar => self.bar,
            Kind::Space => self.space,
            Kind::OtherSpace => self.other_space,
        }
    }
}

/// The marks of each of `lines` (sorted, disjoint, trimmed ranges of `text`
/// that hold no `\n` or `\r`, as `split_lines` cuts them) of a folded `text`
/// (`Normalized`): for each, what `Marks::of` says of its text. Each vector
/// search runs once over the whole text and its hits are handed to the lines
/// they fall in: a search a line paid its set-up on every short line, and
/// `Marks::of` cost 35.5 M of a 1,014 M bench-sub parse (callgrind). The fold
/// leaves no `：` `｜`, ideographic or no-break space (they fold to ASCII), so
/// none is searched for: no search for `E3 80 80`, and no hit at each `，`
/// (`EF BC 8C`) read (`marks_of_lines` 15.0 -> 12.4 M, callgrind).
pub(super) fn marks_of_lines(text: &str, lines: &[Range<usize>]) -> Vec<Marks> {
    use memchr::memmem::Finder;
    let b = text.as_bytes();
    let mut marks = vec![Marks::default(); lines.len()];
    let char_at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
    let ascii = memchr::memchr3_iter(b'>', b':', b'|', b).map(|i| {
        let kind = match b[i] {
            b'>' => Kind::Path,
            b':' => Kind::Colon,
            _ => Kind::Bar,
        };
        (i, Some(kind))
    });
    mark_lines(&mut marks, lines, ascii);
    // Lines hold no `\n` `\r`: white space is one of these bytes or a wider character.
    let white = |i: usize| {
        let kind = if b[i] == b' ' {
            Kind::Space
        } else {
            Kind::OtherSpace
        };
        (i, Some(kind))
    };
    mark_lines(
        &mut marks,
        lines,
        memchr::memchr2_iter(b' ', b'\t', b).map(white),
    );
    // `»` `·` open with `C2`, `›` `•` with `E2`, as do white-space characters
    // (and with `E1`), each hit read as a character; `0B` `0C` are white.
    let wide = |i: usize| {
        let kind = match char_at(i) {
            Some('»' | '›') => Some(Kind::Path),
            Some('·' | '•') => Some(Kind::Bar),
            Some(c) if c.is_whitespace() => Some(Kind::OtherSpace),
            _ => None,
        };
        (i, kind)
    };
    mark_lines(
        &mut marks,
        lines,
        memchr::memchr2_iter(0xC2, 0xE2, b).map(wide),
    );
    mark_lines(
        &mut marks,
        lines,
        memchr::memchr3_iter(0x0B, 0x0C, 0xE1, b).map(wide),
    );
    // `丨` `E4 B8 A8` by its two last bytes: `E4 B8` opens `一` `上` `不`.
    let tail = Finder::new(&"丨".as_bytes()[1..]);
    let hits = tail.find_iter(b).filter(|&i| i > 0).map(|i| {
        let found = char_at(i - 1).is_some_and(|f| f == '丨');
        (i - 1, found.then_some(Kind::Bar))
    });
    mark_lines(&mut marks, lines, hits);
    marks
}

/// Each hit `(offset, kind)` (in text order) marked on the line it falls in.
fn mark_lines(
    marks: &mut [Marks],
    lines: &[Range<usize>],
    hits: impl Iterator<Item = (usize, Option<Kind>)>,
) {
    let mut k = 0;
    for (i, kind) in hits {
        while lines.get(k).is_some_and(|l| l.end <= i) {
            k += 1;
        }
        let Some(line) = lines.get(k) else {
            return;
        };
        if let Some(kind) = kind.filter(|_| line.start <= i) {
            marks[k].mark(kind);
        }
    }
}

/// The line without any white space: chrome is often spaced out (`索 引 号`).
/// Most lines have none inside, and are borrowed as they are.
pub(super) fn squeeze(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if crate::text::has_whitespace(s) {
        Cow::Owned(s.split_whitespace().collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `trimmed` (a trimmed line) squeezed, given its marks (`space`, `other_space`).
pub(super) fn squeezed(trimmed: &str, marks: Marks) -> Cow<'_, str> {
    if !marks.space {
        Cow::Borrowed(trimmed)
    } else if !marks.other_space {
        // The ASCII spaces by a byte search: reading every line a character at
        // a time cost 6.6 M of a bench-sub parse, and a search of the rest for
        // other white space 1.9 M (callgrind).
        Cow::Owned(trimmed.split(' ').collect())
    } else {
        Cow::Owned(trimmed.split_whitespace().collect())
    }
}

/// Which mark a separator is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Path,
    Colon,
    Bar,
    Space,
    /// White space other than the ASCII space (a space too).
    OtherSpace,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeezed_by_spaces_is_squeezed_by_characters() {
        let contexts: [fn(char) -> String; 2] = [|c| format!("索 引{c}号"), |c| format!("{c} {c}")];
        crate::text::in_every_bmp_context(&contexts, |t, c| {
            let want: String = t.split_whitespace().collect();
            assert_eq!(squeezed(t, Marks::of(t)), want, "{:04X}", c as u32);
            assert_eq!(squeeze(t), want.trim(), "{:04X}", c as u32);
        });
    }

    #[test]
    fn marks_by_bytes_are_the_characters_searched() {
        // every character of the Basic Multilingual Plane, at a line's start,
        // inside Chinese text and at its end
        let contexts: [fn(char) -> String; 3] = [
            |c| format!("{c}妇女"),
            |c| format!("培训{c}妇女"),
            |c| format!("培训{c}"),
        ];
        crate::text::in_every_bmp_context(&contexts, |line, c| {
            let want = Marks {
                path: line.contains(['>', '»', '›']),
                colon: line.contains([':', '：']),
                bar: line.contains(['|', '｜', '丨', '·', '•']),
                space: line.contains(char::is_whitespace),
                other_space: line.contains(|c: char| c.is_whitespace() && c != ' '),
            };
            assert_eq!(Marks::of(line), want, "{:04X}", c as u32);
        });
    }

    #[test]
    fn marks_of_the_whole_text_are_those_of_each_line() {
        // every character of the plane in several lines of one folded text,
        // at the ends of lines (trimmed away when white) and inside them
        let contexts: [fn(char) -> String; 2] = [
            |c| crate::text::fold_str(&format!("{c}妇女\n 培训{c} \n\n培训{c}\r\n{c}")),
            |c| crate::text::fold_str(&format!("培训 {c}\u{3000}\n{c}{c}\n:丨{c}")),
        ];
        crate::text::in_every_bmp_context(&contexts, |text, c| {
            let mut lines = Vec::new();
            let mut start = 0;
            for line in text.split(['\n', '\r']) {
                let at = start + line.len() - line.trim_start().len();
                lines.push(at..at + line.trim().len());
                start += line.len() + 1;
            }
            let want: Vec<Marks> = lines.iter().map(|r| Marks::of(&text[r.clone()])).collect();
            assert_eq!(marks_of_lines(text, &lines), want, "{:04X}", c as u32);
        });
    }
}
