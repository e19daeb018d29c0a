//! The separators web chrome is made of (`>` of a path, `:` of a label, `|` of
//! a menu), found once a line before the line-class tests that need them.

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
        let mut m = Marks {
            space: crate::text::has_whitespace(t),
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
        *self.slot(kind) = true;
    }

    fn has(self, kind: Kind) -> bool {
        match kind {
            Kind::Path => self.path,
            Kind::Colon => self.colon,
            Kind::Bar => self.bar,
        }
    }

    fn slot(&mut self, kind: Kind) -> &mut bool {
        match kind {
            Kind::Path => &mut self.path,
            Kind::Colon => &mut self.colon,
            Kind::Bar => &mut self.bar,
        }
    }
}

/// Which mark a separator is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Path,
    Colon,
    Bar,
}

#[cfg(test)]
mod tests {
    use super::*;

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
            };
            assert_eq!(Marks::of(line), want, "{:04X}", c as u32);
        });
    }
}
