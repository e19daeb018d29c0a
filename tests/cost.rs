//! Issue 18, cost: the section of each figure is found by binary search, and a
//! line of many inline markers is read in linear time. The speed is measured by
//! the `scale` group of `benches/core.rs` (100,000 headings: 11 s at 40,000
//! before, quadratic); these tests hold the answers to the old definitions.

mod common;

use std::path::{Path, PathBuf};

use zongjie::model::{Report, Section};
use zongjie::pipeline::{SectionLookup, parse_text};

/// The definition the binary search replaced: of every section holding `at`,
/// the deepest, then the last.
fn innermost_by_scan(sections: &[Section], at: usize) -> Option<&Section> {
    sections
        .iter()
        .filter(|s| s.start <= at && at < s.end)
        .max_by_key(|s| (s.level, s.start))
}

fn pages() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = vec![root.join("data/samples")];
    for d in ["corpus", "pages", "gov"] {
        dirs.push(root.join("../shared").join(d));
    }
    let mut out = Vec::new();
    for d in dirs.iter().filter(|d| d.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            if let Ok(doc) = zongjie::load::load_bytes(&f.display().to_string(), &bytes) {
                out.push((doc.path, doc.text));
            }
        }
    }
    out.push(("nested".into(), common::scale::nested_outline(3000)));
    out.push(("inline".into(), common::scale::inline_line(20_000)));
    out
}

fn check_report(name: &str, r: &Report) {
    let lookup = SectionLookup::new(&r.sections);
    let mut offsets: Vec<usize> = r.sections.iter().flat_map(|s| [s.start, s.end]).collect();
    offsets.extend(r.figures.iter().map(|f| f.start));
    offsets.extend([r.start, r.end]);
    for at in offsets
        .into_iter()
        .flat_map(|o| [o.saturating_sub(1), o, o + 1])
    {
        let want = innermost_by_scan(&r.sections, at).map(|s| &s.id);
        assert_eq!(
            lookup.innermost(at).map(|s| &s.id),
            want,
            "{name}: byte {at}"
        );
    }
    for f in &r.figures {
        let want = innermost_by_scan(&r.sections, f.start).map(|s| &s.id);
        assert_eq!(f.section.as_ref(), want, "{name}: figure {}", f.id);
    }
}

#[test]
fn figures_get_the_section_the_scan_of_every_section_gave() {
    let pages = pages();
    assert!(pages.len() >= 7, "the sample pages are there");
    for (name, text) in &pages {
        for r in parse_text(text) {
            check_report(name, &r);
        }
    }
}

#[test]
fn the_scale_pages_are_what_they_say() {
    let reports = parse_text(&common::scale::nested_outline(3000));
    let r = &reports[0];
    // 3 top sections × (1 + 10 × (1 + 99)) headings, a figure under each.
    assert_eq!((r.sections.len(), r.figures.len()), (3003, 3003));
    let reports = parse_text(&common::scale::inline_line(20_000));
    assert!(
        reports[0].sections.len() > 300,
        "{}",
        reports[0].sections.len()
    );
}

/// Sections out of document order (none the outline makes) still get the
/// scan's answer.
#[test]
fn sections_out_of_order_are_scanned() {
    let sec = |id: &str, start, end, level| Section {
        id: id.into(),
        start,
        end,
        level,
        marker: String::new(),
        number: None,
        title: String::new(),
        parent: None,
        kind: None,
    };
    let sections = vec![
        sec("s2", 50, 100, 1),
        sec("s1", 0, 50, 1),
        sec("s3", 60, 70, 2),
    ];
    let lookup = SectionLookup::new(&sections);
    for at in 0..110 {
        assert_eq!(
            lookup.innermost(at).map(|s| &s.id),
            innermost_by_scan(&sections, at).map(|s| &s.id),
            "byte {at}"
        );
    }
}
