//! The `parse --format json` line of a [`ParsedFile`], written straight to bytes.
//!
//! Through serde, serde_json escapes every map key again at each use (it cannot
//! know the key is a constant) and writes a figure as a map because of its
//! flattened quantity: 168 M instructions of a 1,033 M corpus parse, 52 M of them
//! in `format_escaped_str` over 412,379 calls (callgrind, /tmp/bench-sub). Here
//! the keys are written as they are (plain ASCII names, nothing to escape) and a
//! string takes one scan for the bytes JSON escapes; strings that hold one, and
//! every number, still go through serde_json, so the bytes stay serde_json's.
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
    let mut o = Object::open(out);
    o.key("file").string(file);
    o.key("encoding").string(encoding);
    o.key("reports");
}

fn report(out: &mut Vec<u8>, r: &Report) {
    let mut o = Object::open(out);
    o.key("id").string(&r.id);
    o.key("start").number(&r.start);
    o.key("end").number(&r.end);
    o.key("title").string(&r.title);
    o.key("year").number(&r.year);
    o.key("org").opt_string(r.org.as_deref());
    o.key("org_level").name(r.org_level.map(level_name));
    o.key("place").opt_string(r.place.as_deref());
    o.key("source").opt_string(r.source.as_deref());
    o.key("published").opt_string(r.published.as_deref());
    o.key("sections").list(&r.sections, section);
    o.key("figures").list(&r.figures, figure);
    o.key("relations").list(&r.relations, relation);
    o.key("warnings").list(&r.warnings, warning);
    o.close();
}

fn section(out: &mut Vec<u8>, s: &Section) {
    let mut o = Object::open(out);
    o.key("id").string(&s.id);
    o.key("start").number(&s.start);
    o.key("end").number(&s.end);
    o.key("level").number(&s.level);
    o.key("marker").string(&s.marker);
    o.key("number").number(&s.number);
    o.key("title").string(&s.title);
    o.key("parent").opt_string(s.parent.as_deref());
    o.key("kind").name(s.kind.map(|k| k.as_str()));
    o.close();
}

fn figure(out: &mut Vec<u8>, f: &Figure) {
    let mut o = Object::open(out);
    o.key("id").string(&f.id);
    o.key("start").number(&f.start);
    o.key("end").number(&f.end);
    o.key("text").string(&f.text);
    quantity(&mut o, &f.quantity);
    o.key("subject").opt_string(f.subject.as_deref());
    o.key("subject_spans").list(&f.subject_spans, |out, span| {
        serde_value(out, span);
    });
    o.key("section").opt_string(f.section.as_deref());
    o.key("flags")
        .list(&f.flags, |out, flag| string(out, flag.as_str()));
    o.close();
}

/// The quantity's fields inside its figure's object (`#[serde(flatten)]`).
fn quantity(o: &mut Object<'_>, q: &Quantity) {
    o.key("value").opt_number(q.value);
    o.key("value_max").opt_number(q.value_max);
    o.key("unit").string(&q.unit);
    o.key("kind").name(Some(q.kind.as_str()));
    o.key("approx").name(q.approx.map(|a| a.as_str()));
}

fn relation(out: &mut Vec<u8>, r: &Relation) {
    let mut o = Object::open(out);
    o.key("kind").name(Some(r.kind.as_str()));
    o.key("terms").list(&r.terms, term);
    // `skip_serializing_if = "Option::is_none"`
    if let Some(d) = r.direction {
        o.key("direction").name(Some(d.as_str()));
    }
    o.key("outcome").name(Some(r.outcome.as_str()));
    o.key("arithmetic").string(&r.arithmetic);
    o.close();
}

fn term(out: &mut Vec<u8>, t: &Term) {
    let mut o = Object::open(out);
    o.key("role").name(Some(t.role.as_str()));
    o.key("figure").string(&t.figure);
    o.close();
}

fn warning(out: &mut Vec<u8>, w: &Warning) {
    let mut o = Object::open(out);
    o.key("code").name(Some(w.code.as_str()));
    o.key("message").string(&w.message);
    o.key("start").number(&w.start);
    o.key("end").number(&w.end);
    o.close();
}

/// A JSON object being written: `{`, then `"key":value` pairs joined by commas.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    #[inline(always)]
    fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Start the next member: `key` is a field name, ASCII with nothing to escape.
    /// Inlined, the name is a constant and its copy a few moves, not a `memcpy`.
    #[inline(always)]
    fn key(&mut self, key: &'static str) -> &mut Vec<u8> {
        debug_assert!(!key.bytes().any(escaped_in_json));
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

/// How a member's value is written, on the buffer [`Object::key`] hands back.
trait Value {
    fn string(&mut self, s: &str);
    fn opt_string(&mut self, s: Option<&str>);
    /// A serde enum's variant name (`as_str` of the model's enums), or `null`.
    fn name(&mut self, s: Option<&'static str>);
    fn number<T: Serialize>(&mut self, n: &T);
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

    fn name(&mut self, s: Option<&'static str>) {
        self.opt_string(s);
    }

    fn number<T: Serialize>(&mut self, n: &T) {
        serde_value(self, n);
    }

    fn opt_number(&mut self, v: Option<f64>) {
        let mut ser = serde_json::Serializer::new(&mut *self);
        // Writing a number to memory cannot fail.
        let _ = crate::model::ser_opt_number(&v, &mut ser);
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
/// (callgrind, /tmp/bench-sub).
fn has_byte_escaped_in_json(b: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Set in some byte exactly when a byte of `w` is below `n` (`n` <= 0x80);
    // the classic bit trick ("haszero" with `n` = 1).
    let has_below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH != 0;
    let has = |w: u64, c: u8| has_below(w ^ (ONES * u64::from(c)), 1);
    let mut words = b.chunks_exact(8);
    let hit = words.by_ref().any(|w| {
        let w = u64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        has_below(w, 0x20) || has(w, b'"') || has(w, b'\\')
    });
    hit || words.remainder().iter().any(|&c| escaped_in_json(c))
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

    /// `name` is what serde writes for `v`.
    fn serde_name<T: Serialize + std::fmt::Debug>(v: T, name: &str) {
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
