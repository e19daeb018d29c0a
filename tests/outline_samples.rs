//! The outline through the whole pipeline on the sample pages: the cases the
//! guide names (unnumbered headings in 003, a heading mid-line in 001) and
//! the outline invariants every report must keep.

use zongjie::model::Report;
use zongjie::pipeline::parse_text;

fn reports(name: &str) -> Vec<Report> {
    let path = format!("{}/data/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("sample page");
    parse_text(text.trim_start_matches('\u{FEFF}'))
}

#[test]
fn unnumbered_headings_are_level_one_between_numbered_ones() {
    let rs = reports("003_7b6f4a0a863edf68.txt");
    let top: Vec<(&str, Option<u32>)> = rs
        .iter()
        .flat_map(|r| &r.sections)
        .filter(|s| s.level == 1)
        .map(|s| (s.marker.as_str(), s.number))
        .collect();
    assert_eq!(
        top,
        vec![("一、", Some(1)), ("", None), ("", None), ("四、", Some(4))]
    );
}

#[test]
fn heading_mid_line_after_a_full_stop() {
    let rs = reports("001_80b970a49aa87452.txt");
    let titles: Vec<&str> = rs
        .iter()
        .flat_map(|r| &r.sections)
        .filter(|s| s.marker == "五是")
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, vec!["环绕联建共创,积极投身于迎省运会,创文明城活动"]);
}

#[test]
fn outline_invariants_hold_on_every_sample() {
    for name in [
        "000_c894158fcb275fac.txt",
        "001_80b970a49aa87452.txt",
        "002_c9081185887d1039.txt",
        "003_7b6f4a0a863edf68.txt",
        "004_1688e85965c51fce.txt",
    ] {
        for r in reports(name) {
            let mut prev_start = 0;
            for (i, s) in r.sections.iter().enumerate() {
                assert_eq!(s.id, format!("s{}", i + 1), "{name}");
                assert!(
                    s.start >= prev_start && s.start <= s.end && s.end <= r.end,
                    "{name} {s:?}"
                );
                assert!(s.start >= r.start, "{name} {s:?}");
                prev_start = s.start;
                assert_eq!(s.level == 1, s.parent.is_none(), "{name} {s:?}");
                assert_eq!(s.level == 1, s.kind.is_some(), "{name} {s:?}");
                if let Some(p) = &s.parent {
                    let parent = r.sections.iter().find(|x| &x.id == p).expect("parent");
                    assert_eq!(parent.level + 1, s.level, "{name} {s:?}");
                    assert!(
                        parent.start < s.start && s.end <= parent.end,
                        "{name} {s:?}"
                    );
                }
            }
        }
    }
}
