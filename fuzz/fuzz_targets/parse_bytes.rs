//! Any bytes, decoded and parsed as a page: no panic, and every span the parse
//! gives is a char-boundary range of the decoded text whose figure text matches.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = zongjie::load::load_bytes("fuzz.txt", data) else {
        return;
    };
    let parsed = zongjie::pipeline::parse_document(&doc);
    let text = doc.text.as_str();
    let range = |what: &str, s: usize, e: usize| {
        assert!(
            s <= e && text.get(s..e).is_some(),
            "{what} span {s}..{e} is not a char-boundary range of a {}-byte text",
            text.len()
        );
    };
    for r in &parsed.reports {
        range("report", r.start, r.end);
        for s in &r.sections {
            range("section", s.start, s.end);
        }
        for f in &r.figures {
            range("figure", f.start, f.end);
            assert_eq!(
                text.get(f.start..f.end),
                Some(f.text.as_str()),
                "figure text differs from its span"
            );
            for v in [f.quantity.value, f.quantity.value_max].into_iter().flatten() {
                assert!(v.is_finite(), "figure {} read as {v}", f.text);
            }
        }
    }
});
