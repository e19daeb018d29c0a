//! The `parse --format json` line of a [`ParsedFile`], written straight to bytes.
//!
//! Through serde, serde_json escapes every map key again at each use (it cannot
//! know the key is a constant) and writes a figure as a map because of its
//! flattened quantity: 168 M instructions of a 1,033 M corpus parse, 52 M of them
//! in `format_escaped_str` over 412,379 calls (callgrind, /tmp/bench-sub). Here
//! each key with its punctuation is one constant, enum names are copied as they
//! are, integers are written by the `itoa` serde_json writes them with, and a
//! string takes one scan for the bytes JSON escapes; strings that hold one, and
//! fractions, still go through serde_json, so the bytes stay serde_json's.
//! `tests/parse_json.rs` checks that over every gold input, the samples and
//! generated records. The field order is the order the model declares.

use serde::Serialize;

use crate::load::Document;
use crate::model::{Figure, ParsedFile, Quantity, Report, Section, Warning};
use crate::pipeline::{SplitText, parse_document_split};
use crate::relations::{Relation, Term};
use crate::review::session::report::level_name;

/// `file` as compact JSON, appended to `out`, with the characters a terminal
/// acts on `\u`-escaped: the bytes [`crate::text::write_json_to_vec`] writes.
pub fn write_parsed_file(out: &mut Vec<u8>, file: &ParsedFile) {
    let start = out.len();
    file_head(out, &file.file, &file.encoding);
    out.list(&file.reports, report);
    out.push(b'}');
    crate::text::escape_raw_unsafe(out, start);
}

/// The line of `doc` parsed, with its newline, in pieces to write one after the
/// other: the bytes [`write_parsed_file`] writes for
/// [`crate::pipeline::parse_document`], without holding the parse or the line.
/// Each report of a page of several is written as soon as it is read, on the
/// core that read it, and dropped.
///
/// Held until the whole page was read, the 2,381 reports of the 20 MB page left
/// the allocator's free blocks cold for the files after it: with that page
/// first, malloc took 5.6–6.2 % of a parse of /tmp/bench10k, 3.4–4.6 % this way
/// (`perf`); the parse 3.160 → 2.902 s, user 5.86 → 5.45 s (medians of 14
/// rounds alternating). Not joined into one line, the line is not copied and
/// not held twice: a 200 MB page's line is 254 MB, and the parse's peak
/// memory fell 1,056–1,060 → 760–764 MB (`/usr/bin/time -v`, 2 runs each).
pub fn document_pieces(doc: &Document) -> Vec<Vec<u8>> {
    let split = SplitText::new(&doc.text);
    if split.len() <= 1 {
        let mut line = Vec::with_capacity(json_room(doc.text.len()));
        write_parsed_file(&mut line, &parse_document_split(doc, &split));
        line.push(b'\n');
        return vec![line];
    }
    let mut head = Vec::with_capacity(json_room(doc.path.len()));
    file_head(&mut head, &doc.path, doc.encoding);
    head.push(b'[');
    crate::text::escape_raw_unsafe(&mut head, 0);
    let mut pieces = vec![head];
    pieces.extend(split.parse_map(&doc.text, |r| {
        let mut json = Vec::with_capacity(json_room(r.end.saturating_sub(r.start)));
        report(&mut json, &r);
        crate::text::escape_raw_unsafe(&mut json, 0);
        json
    }));
    let last = pieces.len() - 1;
    for piece in &mut pieces[1..last] {
        piece.push(b',');
    }
    pieces[last].extend_from_slice(b"]}\n");
    pieces
}

/// Room for the JSON of `text_bytes` of text at once (1.08 times the text at
/// the median, 1.57 at most over the UTF-8 files of /tmp/bench-sub): growing by
/// doubling copied it up to four times (8 M instructions, callgrind).
fn json_room(text_bytes: usize) -> usize {
    text_bytes / 5 * 8 + 1024
}

/// A file's line up to its list of reports: `{"file":…,"encoding":…,"reports":`.
fn file_head(out: &mut Vec<u8>, file: &str, encoding: &str) {
    out.extend_from_slice(br#"{"file":"#);
    string(out, file);
    out.extend_from_slice(br#","encoding":"#);
    string(out, encoding);
    out.extend_from_slice(br#","reports":"#);
}

/// Write a JSON object, `{"key":value,…}`: each key with the punctuation around
/// it is one constant (`,"start":`), copied by one `extend_from_slice` of known
/// length; `key => method(args)` writes the value by [`Value`]'s `method`.
/// Keys are plain ASCII names, nothing to escape.
macro_rules! object {
    ($out:expr, $k0:literal => $m0:ident($($a0:expr),*) $(, $k:literal => $m:ident($($a:expr),*))* $(,)?) => {{
        let out: &mut Vec<u8> = $out;
        out.extend_from_slice(concat!("{\"", $k0, "\":").as_bytes());
        out.$m0($($a0),*);
        $(
            out.extend_from_slice(concat!(",\"", $k, "\":").as_bytes());
            out.$m($($a),*);
        )*
        out.push(b'}');
    }};
}

fn report(out: &mut Vec<u8>, r: &Report) {
    object!(out,
        "id" => string(&r.id),
        "start" => integer(r.start),
        "end" => integer(r.end),
        "title" => string(&r.title),
        "year" => integer(r.year),
        "org" => opt_string(r.org.as_deref()),
        "org_level" => name(r.org_level.map(level_name)),
        "place" => opt_string(r.place.as_deref()),
        "source" => opt_string(r.source.as_deref()),
        "published" => opt_string(r.published.as_deref()),
        "sections" => list(&r.sections, section),
        "figures" => list(&r.figures, figure),
        "relations" => list(&r.relations, relation),
        "warnings" => list(&r.warnings, warning),
    );
}

fn section(out: &mut Vec<u8>, s: &Section) {
    object!(out,
        "id" => string(&s.id),
        "start" => integer(s.start),
        "end" => integer(s.end),
        "level" => integer(s.level),
        "marker" => string(&s.marker),
        "number" => integer(s.number),
        "title" => string(&s.title),
        "parent" => opt_string(s.parent.as_deref()),
        "kind" => name(s.kind.map(|k| k.as_str())),
    );
}

/// A figure with its quantity's fields inside its object (`#[serde(flatten)]`).
fn figure(out: &mut Vec<u8>, f: &Figure) {
    let q: &Quantity = &f.quantity;
    object!(out,
        "id" => string(&f.id),
        "start" => integer(f.start),
        "end" => integer(f.end),
        "text" => string(&f.text),
        "value" => opt_number(q.value),
        "value_max" => opt_number(q.value_max),
        "unit" => string(&q.unit),
        "kind" => name(Some(q.kind.as_str())),
        "approx" => name(q.approx.map(|a| a.as_str())),
        "subject" => opt_string(f.subject.as_deref()),
        "subject_spans" => list(&f.subject_spans, span),
        "section" => opt_string(f.section.as_deref()),
        "flags" => list(&f.flags, |out, flag| out.name(Some(flag.as_str()))),
    );
}

/// A pair of byte offsets, `[start,end]`, as serde writes a tuple.
fn span(out: &mut Vec<u8>, &(start, end): &(usize, usize)) {
    out.push(b'[');
    out.integer(start);
    out.push(b',');
    out.integer(end);
    out.push(b']');
}

fn relation(out: &mut Vec<u8>, r: &Relation) {
    out.extend_from_slice(br#"{"kind":"#);
    out.name(Some(r.kind.as_str()));
    out.extend_from_slice(br#","terms":"#);
    out.list(&r.terms, term);
    // `skip_serializing_if = "Option::is_none"`
    if let Some(d) = r.direction {
        out.extend_from_slice(br#","direction":"#);
        out.name(Some(d.as_str()));
    }
    out.extend_from_slice(br#","outcome":"#);
    out.name(Some(r.outcome.as_str()));
    out.extend_from_slice(br#","arithmetic":"#);
    out.string(&r.arithmetic);
    out.push(b'}');
}

fn term(out: &mut Vec<u8>, t: &Term) {
    object!(out,
        "role" => name(Some(t.role.as_str())),
        "figure" => string(&t.figure),
    );
}

fn warning(out: &mut Vec<u8>, w: &Warning) {
    object!(out,
        "code" => name(Some(w.code.as_str())),
        "message" => string(&w.message),
        "start" => integer(w.start),
        "end" => integer(w.end),
    );
}

/// How a member's value is written, on the buffer [`object!`] writes to.
trait Value {
    fn string(&mut self, s: &str);
    fn opt_string(&mut self, s: Option<&str>);
    /// A serde enum's variant name (`as_str` of the model's enums), or `null`.
    fn name(&mut self, s: Option<&'static str>);
    fn integer(&mut self, n: impl Integer);
    /// A quantity's value, as [`crate::model::ser_opt_number`] writes it.
    fn opt_number(&mut self, v: Option<f64>);
    fn list<T>(&mut self, items: &[T], each: impl FnMut(&mut Vec<u8>, &T));
}

impl Value for Vec<u8> {
    fn string(&mut self, s: &str) {
        string(self, s);
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => string(self, s),
            None => self.extend_from_slice(b"null"),
        }
    }

    /// Copied between quotes unscanned: the names are constants of ours, plain
    /// ASCII words (a test holds every one to serde's bytes).
    #[inline(always)]
    fn name(&mut self, s: Option<&'static str>) {
        match s {
            Some(s) => {
                debug_assert!(!s.bytes().any(escaped_in_json));
                self.push(b'"');
                self.extend_from_slice(s.as_bytes());
                self.push(b'"');
            }
            None => self.extend_from_slice(b"null"),
        }
    }

    #[inline(always)]
    fn integer(&mut self, n: impl Integer) {
        n.write_to(self);
    }

    fn opt_number(&mut self, v: Option<f64>) {
        match v {
            // `ser_opt_number`'s whole numbers, which serde_json writes by itoa
            Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => {
                self.integer(x as i64);
            }
            // a fraction, by serde_json (zmij); a non-finite value as `null`
            Some(x) if x.is_finite() => serde_value(self, &x),
            _ => self.extend_from_slice(b"null"),
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Vec<u8>, &T)) {
        self.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(b',');
            }
            each(self, item);
        }
        self.push(b']');
    }
}

/// An integer field of the model, written as serde_json writes it: its digits by
/// the `itoa` serde_json uses (the version Cargo.lock holds for both), or `null`.
trait Integer {
    fn write_to(self, out: &mut Vec<u8>);
}

macro_rules! integer_by_itoa {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            #[inline(always)]
            fn write_to(self, out: &mut Vec<u8>) {
                out.extend_from_slice(itoa::Buffer::new().format(self).as_bytes());
            }
        }
    )*};
}
integer_by_itoa!(u8, u32, usize, i32, i64);

impl<T: Integer> Integer for Option<T> {
    #[inline(always)]
    fn write_to(self, out: &mut Vec<u8>) {
        match self {
            Some(n) => n.write_to(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

/// `s` as a JSON string: copied between quotes when it holds nothing JSON
/// escapes (nearly every string of a report), else written by serde_json.
fn string(out: &mut Vec<u8>, s: &str) {
    if has_byte_escaped_in_json(s.as_bytes()) {
        serde_value(out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// Whether any byte of `b` is [`escaped_in_json`], eight bytes at a time: a
/// byte at a time the test took 23 M instructions of a 994 M corpus parse
/// (callgrind, /tmp/bench-sub). The three tests of a word are joined into one
/// branch, and the last bytes are read as the word ending there (it overlaps
/// the one before), not one at a time.
///
/// Tried and not kept: the test for the characters a terminal acts on made in
/// this scan, instead of [`crate::text::escape_raw_unsafe`]'s pass over the
/// whole line: 720.1 -> 720.0 M (the three more tests a word cost what the pass
/// did).
fn has_byte_escaped_in_json(b: &[u8]) -> bool {
    let Some(last) = b.last_chunk::<8>() else {
        // shorter than a word (most strings: ids, units): read into one padded with spaces
        const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
        let w = b.iter().fold(SPACES, |w, &c| w << 8 | u64::from(c));
        return word_has_escaped(w.to_ne_bytes());
    };
    let (words, _) = b.as_chunks::<8>();
    words.iter().any(|w| word_has_escaped(*w)) || word_has_escaped(*last)
}

/// Whether a byte of `w` is [`escaped_in_json`], by the bit trick that finds a
/// zero byte ("haszero"), which is exact for whether there is one.
#[inline(always)]
fn word_has_escaped(w: [u8; 8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let w = u64::from_ne_bytes(w);
    // High bit set in some byte exactly when a byte of `w` is below `n` (`n` <= 0x80).
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w;
    let equal = |w: u64, c: u8| below(w ^ (ONES * u64::from(c)), 1);
    (below(w, 0x20) | equal(w, b'"') | equal(w, b'\\')) & HIGH != 0
}

/// The bytes serde_json escapes inside a string: the C0 controls, `"` and `\`
/// (RFC 8259 §7). Every other byte of UTF-8 it copies as it is.
fn escaped_in_json(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A value no map key is in (a number, a string, a pair of numbers), by serde_json.
fn serde_value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing such a value to memory cannot fail.
    let _ = serde_json::to_writer(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        // every character of the Basic Multilingual Plane, alone and inside Chinese
        // and at every place in an eight-byte word and in the tail after the words
        let contexts: [fn(char) -> String; 5] = [
            |c| c.to_string(),
            |c| format!("培训{c}妇女"),
            |c| format!("1234567{c}"),
            |c| format!("{c}1234567"),
            |c| format!("abcd{c}efgh1234{c}5"),
        ];
        crate::text::in_every_bmp_context(&contexts, |s, c| {
            let mut ours = Vec::new();
            string(&mut ours, s);
            let theirs = serde_json::to_vec(s).unwrap();
            assert_eq!(ours, theirs, "U+{:04X}", c as u32);
        });
    }

    #[test]
    fn escaped_bytes_are_found_eight_at_a_time_as_one_at_a_time() {
        // every byte at every place of every length up to two words and a tail,
        // among bytes next to the ones searched for and high bytes
        for fill in [
            b'a', b'!', b'#', b'[', b']', 0x20, 0x7f, 0x80, 0xa2, 0xdc, 0xff,
        ] {
            for len in 1..=19 {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut buf = vec![fill; len];
                        buf[at] = b;
                        let one_at_a_time = buf.iter().any(|&c| escaped_in_json(c));
                        assert_eq!(has_byte_escaped_in_json(&buf), one_at_a_time, "{buf:?}");
                    }
                }
            }
        }
        assert!(!has_byte_escaped_in_json(b""));
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let ints: [i64; 9] = [
            0,
            1,
            9,
            10,
            99,
            12345,
            i64::from(i32::MAX),
            -1,
            i64::from(i32::MIN),
        ];
        for n in ints {
            let mut ours = Vec::new();
            if let Ok(u) = usize::try_from(n) {
                ours.integer(u);
                assert_eq!(ours, serde_json::to_vec(&u).unwrap(), "{n}");
                ours.clear();
            }
            if let Ok(i) = i32::try_from(n) {
                ours.integer(Some(i));
                assert_eq!(ours, serde_json::to_vec(&Some(i)).unwrap(), "{n}");
                ours.clear();
            }
        }
        let mut ours = Vec::new();
        ours.integer(None::<u32>);
        ours.integer(u8::MAX);
        ours.integer(usize::MAX);
        assert_eq!(ours, format!("null255{}", usize::MAX).into_bytes());
        let values = [
            0.0, -0.0, 1.0, -3.0, 46.2, 0.5, 1e-7, 8.9e15, 9.0e15, -9.5e15, 1e300,
        ]
        .into_iter()
        .chain([
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]);
        for v in values.map(Some).chain([None]) {
            let mut ours = Vec::new();
            ours.opt_number(v);
            let mut theirs = Vec::new();
            crate::model::ser_opt_number(&v, &mut serde_json::Serializer::new(&mut theirs))
                .unwrap();
            assert_eq!(ours, theirs, "{v:?}");
        }
    }

    #[test]
    fn spans_are_written_as_serde_json_writes_them() {
        for pair in [(0, 0), (3, 11), (9, 10), (123_456, usize::MAX)] {
            let mut ours = Vec::new();
            span(&mut ours, &pair);
            assert_eq!(ours, serde_json::to_vec(&pair).unwrap(), "{pair:?}");
        }
    }

    /// `name` is what serde writes for `v`.
    fn serde_name<T: Serialize + std::fmt::Debug>(v: T, name: &'static str) {
        let mut ours = Vec::new();
        ours.name(Some(name));
        assert_eq!(ours, serde_json::to_vec(&v).unwrap(), "{v:?}");
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            format!("\"{name}\""),
            "{v:?}"
        );
    }

    #[test]
    fn enum_names_are_the_serde_names() {
        use crate::model::{Approx, FigureKind, Flag, SectionKind, WarningCode};
        use crate::relations::{Direction, Outcome, RelationKind, Role};
        use crate::review::session::report::LEVELS;
        LEVELS.iter().for_each(|&l| serde_name(l, level_name(l)));
        use SectionKind as S;
        [S::Work, S::Problems, S::Plans, S::Other]
            .into_iter()
            .for_each(|k| serde_name(k, k.as_str()));
        use FigureKind as K;
        [K::Count, K::Money, K::Percent, K::Measure, K::Age]
            .into_iter()
            .chain([K::Date, K::Time, K::Duration, K::Ordinal])
            .for_each(|k| serde_name(k, k.as_str()));
        [Approx::Over, Approx::About, Approx::Under]
            .into_iter()
            .for_each(|a| serde_name(a, a.as_str()));
        Flag::ALL
            .into_iter()
            .for_each(|f| serde_name(f, f.as_str()));
        WarningCode::ALL
            .into_iter()
            .for_each(|c| serde_name(c, c.as_str()));
        use RelationKind as R;
        [R::Share, R::Parts, R::Total, R::Growth, R::Product]
            .into_iter()
            .for_each(|k| serde_name(k, k.as_str()));
        [Outcome::Consistent, Outcome::Loose, Outcome::Inconsistent]
            .into_iter()
            .for_each(|o| serde_name(o, o.as_str()));
        Role::ALL
            .into_iter()
            .for_each(|r| serde_name(r, r.as_str()));
        [Direction::Up, Direction::Down]
            .into_iter()
            .for_each(|d| serde_name(d, d.as_str()));
    }
}
