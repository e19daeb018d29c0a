//! The least work a `zongjie parse` of a folder must do, to time beside it and
//! beside ripgrep (issue 17: `parse` at most 10 times `rg -c '[0-9]'`).
//!
//! ```sh
//! cargo build --release --locked --example floor
//! python3 benches/alternate.py -r 5 "rg -c '[0-9]' /tmp/bench10k" \
//!   "target/release/examples/floor read /tmp/bench10k" \
//!   "target/release/examples/floor load /tmp/bench10k" \
//!   "target/release/examples/floor scan /tmp/bench10k" \
//!   "target/release/examples/floor automaton /tmp/bench10k" \
//!   "target/release/zongjie parse --format json /tmp/bench10k"
//! ```
//!
//! Each step runs on every core the way `parse` does (`ordered::map_ordered`,
//! results in input order) and prints one line a file, so nothing is skipped:
//!
//! - `read`: the file's bytes, nothing else;
//! - `load`: what `parse` reads first (`load::load`: the bytes, the encoding
//!   found and the text decoded, checked for control characters);
//! - `scan`: `load`, then one pass over the text's bytes that finds what the
//!   readers start from: every line end, digit and numeral (a byte test, then
//!   a bit set for a character of three bytes), the places a windowed parse
//!   would look at;
//! - `automaton`: the same places found by automata instead (memchr for line
//!   ends, aho-corasick for digits and numerals).
//!
//! What `parse` does beyond `scan` (folding, the page split, the outline, the
//! figures with what each counts, the metadata, the JSON) must fit in the
//! difference between them. `scan` and `automaton` find the same places: on
//! /tmp/bench10k both print lines that sum to 4,032,819 (`floor scan
//! /tmp/bench10k | awk '{s+=$1} END {print s}'`), one a 44.5 bytes of text.

use std::io::Write;
use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use zongjie::load;
use zongjie::text::BmpSet;

/// Digits and numerals, simplified, traditional and formal, half and full width.
const NUMERALS: &str = "0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两\
                        壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸";

static NUMERAL_SET: BmpSet = BmpSet::new(NUMERALS);

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Read,
    Load,
    Scan,
    Automaton,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let step = match args.next().as_deref() {
        Some("read") => Step::Read,
        Some("load") => Step::Load,
        Some("scan") => Step::Scan,
        Some("automaton") => Step::Automaton,
        _ => {
            eprintln!("usage: floor read|load|scan|automaton PATH...");
            std::process::exit(2);
        }
    };
    let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let (inputs, _) = load::collect_inputs(&paths);
    let numerals: Vec<String> = NUMERALS.chars().map(String::from).collect();
    let finder = AhoCorasick::new(&numerals).expect("a few hundred bytes of patterns");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    zongjie::ordered::map_ordered(
        &inputs,
        |input| match (step, input) {
            (Step::Read, load::Input::File(p)) => std::fs::read(p).map_or(0, |b| b.len()),
            (Step::Read, load::Input::Stdin) => 0,
            (_, _) => match load::load(input) {
                Ok(doc) => match step {
                    Step::Scan => places(doc.text.as_bytes()),
                    Step::Automaton => places_by_automata(&finder, &doc.text),
                    _ => doc.text.len(),
                },
                Err(_) => 0,
            },
        },
        |_| 1,
        |n| writeln!(out, "{n}").is_ok(),
    );
    out.flush().expect("stdout");
}

/// Line ends and digits or numerals in `text`, found by the automata.
fn places_by_automata(finder: &AhoCorasick, text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + finder.find_iter(text).count()
}

/// Line ends and digits or numerals in `text` (UTF-8), byte by byte: an ASCII
/// byte is tested as it is, a character of three bytes (every numeral that is
/// not ASCII) by the set, the rest stepped over.
fn places(text: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b < 0x80 {
            n += usize::from(b == b'\n' || b.is_ascii_digit());
            i += 1;
        } else if (0xE0..0xF0).contains(&b) && i + 2 < text.len() {
            let u = (u32::from(b) & 0x0F) << 12
                | (u32::from(text[i + 1]) & 0x3F) << 6
                | u32::from(text[i + 2]) & 0x3F;
            n += usize::from(char::from_u32(u).is_some_and(|c| NUMERAL_SET.contains(c)));
            i += 3;
        } else {
            i += if b >= 0xF0 { 4 } else { 2 };
        }
    }
    n
}
