//! The separators web chrome is made of (`>` of a path, `:` of a label, `|` of
//! a menu), found once a line before the line-class tests that need them.

/// The separators web chrome is made of, found in one pass over a line's bytes:
/// a line of running text holds none of them, and is then asked nothing that
/// needs them (each question searched the line again, 5 % of a corpus parse,
/// callgrind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Marks {
    /// `>` `»` `›`: a path of sections.
    pub path: bool,
    /// `:` `：`: a label.
    pub colon: bool,
    /// `|` `｜` `丨` `·` `•`: a menu's bars.
    pub bar: bool,
}

impl Marks {
    pub fn of(t: &str) -> Marks {
        use memchr::memmem::Finder;
        use std::sync::LazyLock;
        /// The marks of more than one byte, by kind: a vector search each
        /// (a look at every byte in turn cost 15 instructions a byte, callgrind).
        static WIDE: LazyLock<[(Finder<'static>, Kind); 7]> = LazyLock::new(|| {
            [
                ("»", Kind::Path),
                ("›", Kind::Path),
                ("：", Kind::Colon),
                ("｜", Kind::Bar),
                ("丨", Kind::Bar),
                ("·", Kind::Bar),
                ("•", Kind::Bar),
            ]
            .map(|(m, k)| (Finder::new(m), k))
        });
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Kind {
            Path,
            Colon,
            Bar,
        }
        let b = t.as_bytes();
        let mut m = Marks::default();
        for i in memchr::memchr3_iter(b'>', b':', b'|', b) {
            match b[i] {
                b'>' => m.path = true,
                b':' => m.colon = true,
                _ => m.bar = true,
            }
        }
        for (finder, kind) in WIDE.iter() {
            let seen = match kind {
                Kind::Path => &mut m.path,
                Kind::Colon => &mut m.colon,
                Kind::Bar => &mut m.bar,
            };
            if !*seen && finder.find(b).is_some() {
                *seen = true;
            }
        }
        m
    }
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
            };
            assert_eq!(Marks::of(line), want, "{:04X}", c as u32);
        });
    }
}
