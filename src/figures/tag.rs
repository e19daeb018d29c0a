//! The parts of speech the subject rules read, as an enum: the segmenter's tags
//! were `&'static str`s compared by length and bytes in every rule, and mapped
//! from the dictionary's names word by word (`static_tag`, 4.5 M of 1,058 M
//! instructions on bench-sub, callgrind). The dictionary now maps each of its
//! tag names once, when it is loaded.

macro_rules! tags {
    ($($v:ident = $name:literal,)*) => {
        /// A jieba part-of-speech tag the rules look at; any other tag of the
        /// dictionary (`df`, `mg`, …) reads as `X`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tag {
            $($v,)*
        }

        impl Tag {
            /// The tag named `name` (jieba's spelling); `X` for a tag the rules
            /// do not look at.
            pub fn of(name: &str) -> Tag {
                match name {
                    $($name => Tag::$v,)*
                    _ => Tag::X,
                }
            }

            /// jieba's name of the tag.
            pub fn name(self) -> &'static str {
                match self {
                    $(Tag::$v => $name,)*
                }
            }
        }
    };
}

tags! {
    N = "n", Nr = "nr", Nrt = "nrt", Nrfg = "nrfg", Ns = "ns", Nt = "nt", Nz = "nz", Ng = "ng",
    V = "v", Vn = "vn", Vd = "vd", Vg = "vg", A = "a", Ad = "ad", An = "an", B = "b", D = "d",
    P = "p", C = "c", U = "u", Uj = "uj", Ul = "ul", Uz = "uz", Ud = "ud", Ug = "ug", Uv = "uv",
    M = "m", Mq = "mq", Q = "q", T = "t", Tg = "tg", F = "f", R = "r", Rz = "rz", Rr = "rr",
    Zg = "zg", X = "x", J = "j", L = "l", I = "i", S = "s", Z = "z", Y = "y", E = "e", O = "o",
    K = "k", H = "h", G = "g", Eng = "eng",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_read_back_from_its_name_and_other_names_read_as_x() {
        for name in ["n", "nrfg", "vn", "uj", "zg", "x", "eng", "mq"] {
            assert_eq!(Tag::of(name).name(), name);
        }
        for name in ["df", "mg", "vi", "", "N", "nn"] {
            assert_eq!(Tag::of(name), Tag::X, "{name}");
        }
    }
}
