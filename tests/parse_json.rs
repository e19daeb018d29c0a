//! `parse_json` writes the `parse --format json` line without serde: its bytes
//! must be serde_json's, byte for byte, for every parse of the gold inputs and
//! the samples, and for generated records full of what JSON and a terminal
//! escape (controls, quotes, backslashes, C1 and bidi controls, odd numbers).

mod common;

use common::Rng;
use common::corpus::{samples_dir, txt_files};
use common::shared::require_shared;
use zongjie::model::{
    Approx, Figure, FigureKind, Flag, OrgLevel, ParsedFile, Quantity, Report, Section, SectionKind,
    Warning, WarningCode,
};
use zongjie::relations::{Direction, Outcome, Relation, RelationKind, Role, Term};

/// The two writers' bytes for `file`, asserted equal.
fn assert_same_json(file: &ParsedFile, what: &str) {
    let mut theirs = Vec::new();
    zongjie::text::write_json_to_vec(&mut theirs, file, false).unwrap();
    let mut ours = b"kept".to_vec();
    zongjie::parse_json::write_parsed_file(&mut ours, file);
    assert_eq!(
        &ours[..4],
        b"kept",
        "{what}: the buffer's start was changed"
    );
    if ours[4..] != theirs[..] {
        let at = theirs
            .iter()
            .zip(&ours[4..])
            .take_while(|(a, b)| a == b)
            .count();
        let show = |b: &[u8]| {
            String::from_utf8_lossy(&b[at.saturating_sub(60)..])
                .chars()
                .take(120)
                .collect::<String>()
        };
        panic!(
            "{what}: differs at byte {at}\nserde: {}\nours:  {}",
            show(&theirs),
            show(&ours[4..])
        );
    }
}

#[test]
fn parses_of_the_gold_inputs_and_samples_are_written_as_serde_json_writes_them() {
    let mut dirs = vec![samples_dir()];
    if let Some(shared) = require_shared("the gold inputs") {
        dirs.extend(["corpus", "pages", "gov"].map(|d| shared.join(d)));
    }
    let mut figures = 0;
    for f in dirs.iter().flat_map(|d| txt_files(d)) {
        let doc = zongjie::load::load(&zongjie::load::Input::File(f.clone())).unwrap();
        let parsed = zongjie::pipeline::parse_document(&doc);
        figures += parsed
            .reports
            .iter()
            .map(|r| r.figures.len())
            .sum::<usize>();
        assert_same_json(&parsed, &f.display().to_string());
        assert_document_written_as_parsed(&doc, &f.display().to_string());
    }
    assert!(figures > 800, "only {figures} figures written");
}

/// `document_pieces` joined are a document's line as `write_parsed_file` writes
/// its parse, with a newline.
fn assert_document_written_as_parsed(doc: &zongjie::load::Document, what: &str) {
    let mut whole = Vec::new();
    zongjie::parse_json::write_parsed_file(&mut whole, &zongjie::pipeline::parse_document(doc));
    whole.push(b'\n');
    let by_reports = zongjie::parse_json::document_pieces(doc).concat();
    assert!(
        whole == by_reports,
        "{what}: the line written report by report differs"
    );
}

/// A page of several reports is written report by report (each on the core that
/// read it) and joined: the same bytes as the whole parse written at once, with
/// what a terminal acts on escaped in the file name and in the reports' text.
#[test]
fn a_page_of_many_reports_is_written_as_its_whole_parse() {
    let samples = txt_files(&samples_dir());
    let mut text: String = samples
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect::<Vec<_>>()
        .join("\n\n");
    // controls a terminal acts on, inside the reports' text and figures
    text = text.replacen("一、", "一、\u{202e}培训\u{9b}1800人\u{7f}，", 3);
    let doc = zongjie::load::Document {
        path: "pages/\"odd\u{202e}\u{1b}[2J\".txt".into(),
        encoding: "UTF-8",
        text,
        notes: Vec::new(),
    };
    let reports = zongjie::pipeline::SplitText::new(&doc.text).len();
    assert!(reports > 3, "the samples joined make {reports} report(s)");
    assert_document_written_as_parsed(&doc, "the joined samples");
    let pieces = zongjie::parse_json::document_pieces(&doc);
    assert_eq!(
        pieces.len(),
        reports + 1,
        "a piece a report, after the head"
    );
    let line = String::from_utf8(pieces.concat()).unwrap();
    for raw in ['\u{202e}', '\u{9b}', '\u{7f}', '\u{1b}'] {
        assert!(!line.contains(raw), "{raw:?} left raw");
    }
}

/// A string of up to `max` characters, most of them ones JSON or a terminal escapes.
fn text(rng: &mut Rng, max: u64) -> String {
    const ODD: &[char] = &[
        '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}',
        '\u{80}', '\u{85}', '\u{9b}', '\u{9f}', '\u{a0}', '\u{202a}', '\u{202e}', '\u{2066}',
        '\u{2069}', '\u{2028}', '\u{2029}', '“', '—', '…', '\u{feff}', '\u{ffff}', '😀', '培',
        '萬', '元', 'x', '1',
    ];
    let n = rng.below(max + 1);
    (0..n)
        .map(|_| match rng.below(3) {
            0 => ODD[rng.below(ODD.len() as u64) as usize],
            1 => char::from_u32(0x4e00 + rng.below(0x5200) as u32).unwrap(),
            _ => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        })
        .collect()
}

fn maybe<T>(rng: &mut Rng, make: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    (rng.below(3) > 0).then(|| make(rng))
}

fn pick<T: Copy>(rng: &mut Rng, from: &[T]) -> T {
    from[rng.below(from.len() as u64) as usize]
}

/// Values a figure may hold, the edges of "a whole number" among them.
fn value(rng: &mut Rng) -> f64 {
    const EDGES: &[f64] = &[
        0.0,
        -0.0,
        0.5,
        46.2,
        1e-7,
        0.1 + 0.2,
        160000.0,
        -3.0,
        8.999_999_999_999_998e15,
        9.0e15,
        1e16,
        1e300,
        -1e-300,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        123456789.125,
    ];
    match rng.below(3) {
        0 => pick(rng, EDGES),
        1 => f64::from_bits(rng.next()),
        _ => rng.below(1 << 40) as f64 / 10f64.powi(rng.below(6) as i32),
    }
}

fn figure(rng: &mut Rng) -> Figure {
    use FigureKind as K;
    let kinds = [
        K::Count,
        K::Money,
        K::Percent,
        K::Measure,
        K::Age,
        K::Date,
        K::Time,
        K::Duration,
        K::Ordinal,
    ];
    Figure {
        id: text(rng, 4),
        start: rng.next() as usize,
        end: rng.below(1000) as usize,
        text: text(rng, 12),
        quantity: Quantity {
            value: maybe(rng, value),
            value_max: maybe(rng, value),
            unit: text(rng, 3),
            kind: pick(rng, &kinds),
            approx: maybe(rng, |r| {
                pick(r, &[Approx::Over, Approx::About, Approx::Under])
            }),
        },
        subject: maybe(rng, |r| text(r, 8)),
        subject_spans: (0..rng.below(3))
            .map(|_| (rng.next() as usize, 7))
            .collect(),
        section: maybe(rng, |r| text(r, 3)),
        flags: (0..rng.below(3)).map(|_| pick(rng, &Flag::ALL)).collect(),
    }
}

fn section(rng: &mut Rng) -> Section {
    let kinds = [
        SectionKind::Work,
        SectionKind::Problems,
        SectionKind::Plans,
        SectionKind::Other,
    ];
    Section {
        id: text(rng, 4),
        start: rng.below(1 << 20) as usize,
        end: usize::MAX,
        level: rng.next() as u8,
        marker: text(rng, 3),
        number: maybe(rng, |r| r.next() as u32),
        title: text(rng, 20),
        parent: maybe(rng, |r| text(r, 3)),
        kind: maybe(rng, |r| pick(r, &kinds)),
    }
}

fn relation(rng: &mut Rng) -> Relation {
    use RelationKind as K;
    let kinds = [K::Share, K::Parts, K::Total, K::Growth, K::Product];
    let outcomes = [Outcome::Consistent, Outcome::Loose, Outcome::Inconsistent];
    Relation {
        kind: pick(rng, &kinds),
        terms: (0..rng.below(4))
            .map(|_| Term {
                role: pick(rng, &Role::ALL),
                figure: text(rng, 3),
            })
            .collect(),
        direction: maybe(rng, |r| pick(r, &[Direction::Up, Direction::Down])),
        outcome: pick(rng, &outcomes),
        arithmetic: text(rng, 16),
    }
}

fn report(rng: &mut Rng) -> Report {
    use OrgLevel as L;
    let levels = [
        L::Village,
        L::Community,
        L::Town,
        L::County,
        L::District,
        L::Banner,
        L::City,
        L::Province,
        L::National,
    ];
    Report {
        id: text(rng, 8),
        start: 0,
        end: rng.next() as usize,
        title: text(rng, 30),
        year: maybe(rng, |r| r.next() as i32),
        org: maybe(rng, |r| text(r, 10)),
        org_level: maybe(rng, |r| pick(r, &levels)),
        place: maybe(rng, |r| text(r, 6)),
        source: maybe(rng, |r| text(r, 6)),
        published: maybe(rng, |r| text(r, 10)),
        sections: (0..rng.below(4)).map(|_| section(rng)).collect(),
        figures: (0..rng.below(6)).map(|_| figure(rng)).collect(),
        relations: (0..rng.below(3)).map(|_| relation(rng)).collect(),
        warnings: (0..rng.below(3))
            .map(|_| Warning {
                code: pick(rng, &WarningCode::ALL),
                message: text(rng, 20),
                start: maybe(rng, |r| r.next() as usize),
                end: maybe(rng, |r| r.below(9) as usize),
            })
            .collect(),
        // kept for the workstation, never in the JSON
        chrome: vec![0..3, 5..9],
    }
}

#[test]
fn generated_records_are_written_as_serde_json_writes_them() {
    let seed = 0x0d15_ea5e_1357_9bdf;
    let mut rng = Rng(seed);
    for i in 0..2_000 {
        let file = ParsedFile {
            file: text(&mut rng, 10),
            encoding: text(&mut rng, 3),
            reports: (0..rng.below(3)).map(|_| report(&mut rng)).collect(),
        };
        assert_same_json(&file, &format!("record {i} of seed {seed:#x}"));
    }
}
