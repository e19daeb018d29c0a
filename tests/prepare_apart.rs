//! Issue 17: a large file whose reports' details were dropped is read again
//! and split on another thread, not on the key loop. On the 20 MB benchmark
//! page the one `j` onto it took 82–118 ms before (`examples/replay
//! benches/replay-keys.txt /tmp/bench10k --at 0.5`); the workstation now
//! says "reading…" and shows the report when the file is ready.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::screen::screen;

use zongjie::load::Input;
use zongjie::review::session::layout::{Details, read_file_views};
use zongjie::review::session::prepare::APART_FROM_BYTES;
use zongjie::review::session::{Catalog, Corpus, ReviewedFile};
use zongjie::tui::action::Action;
use zongjie::tui::app::App;
use zongjie::tui::keymap::Keymap;
use zongjie::tui::update::update;

fn read(path: &Path, details: Details) -> ReviewedFile {
    let key = path.to_string_lossy().to_string();
    let (_, mut views) = read_file_views(
        &key,
        &Input::File(path.to_path_buf()),
        &[&Catalog::default()],
        &HashSet::new(),
        details,
        |_, _, _| Ok(None),
    )
    .unwrap();
    views.remove(0)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/samples")
        .join(name)
}

/// A real page repeated past the size read apart: a small file, then the
/// large one.
fn files(dir: &Path) -> [PathBuf; 2] {
    let page = std::fs::read_to_string(sample("003_7b6f4a0a863edf68.txt")).unwrap();
    let big = page.repeat(APART_FROM_BYTES / page.len() + 2);
    let path = dir.join("big.txt");
    std::fs::write(&path, big).unwrap();
    [sample("004_1688e85965c51fce.txt"), path]
}

#[test]
fn a_large_file_is_read_apart_and_then_shown_without_reading_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let paths = files(dir.path());
    let (mut whole, mut lean) = (Corpus::new("li"), Corpus::new("li"));
    lean.keep_details_of(2);
    for p in &paths {
        let f = read(p, Details::Keep);
        whole.add_file(f.file, f.sessions);
        let f = read(p, Details::Drop);
        lean.add_file(f.file, f.sessions);
    }
    let small = 0;
    let large = lean.sessions().iter().position(|s| s.file == 1).unwrap();
    assert!(
        lean.slow_to_show(small).is_none(),
        "a small file is read at once"
    );
    // Text gone from memory: read and split apart.
    lean.forget_texts();
    let reads = lean.text_reads();
    let p = lean
        .slow_to_show(large)
        .expect("a large file is read apart");
    assert_eq!(p.awaited_file(), Some(1));
    lean.hold(p.run());
    assert_eq!(lean.text_reads(), reads + 1);
    assert!(lean.slow_to_show(large).is_none(), "ready now");
    lean.show(large).unwrap();
    assert_eq!(lean.text_reads(), reads + 1, "shown without a second read");
    assert_eq!(
        lean.sessions()[large].report,
        whole.sessions()[large].report
    );
    // Text in memory but not split (read for the source pane): split apart.
    lean.forget_texts();
    let next = large + 1;
    lean.show(small).unwrap();
    lean.body(1).unwrap();
    let p = lean
        .slow_to_show(next)
        .expect("a large text not split is split apart");
    let reads = lean.text_reads();
    lean.hold(p.run());
    assert_eq!(lean.text_reads(), reads, "split only, not read");
    lean.show(next).unwrap();
    assert_eq!(lean.sessions()[next].report, whole.sessions()[next].report);
    // Details here, text gone (the source pane draws it): read apart, not split.
    lean.forget_texts();
    let p = lean.slow_to_show(next).expect("a large text is read apart");
    let reads = lean.text_reads();
    lean.hold(p.run());
    assert!(!lean.body(1).unwrap().has_split());
    assert_eq!(lean.text_reads(), reads + 1, "read once, apart");
}

#[test]
fn the_workstation_says_reading_then_draws_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let paths = files(dir.path());
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(paths.len()));
    for p in &paths {
        update(&mut app, Action::Loaded(read(p, Details::Drop).into()));
    }
    update(&mut app, Action::LoadFinished);
    app.corpus().forget_texts();
    let large = app.corpus().sessions().iter().position(|s| s.file == 1);
    let large = large.unwrap();
    while app.selected_entry() != Some(large) {
        update(&mut app, Action::Down);
    }
    // Waiting: no details, no text, "reading…" in the status bar.
    assert!(app.awaits_file(large));
    assert!(app.body_of(large).is_none());
    assert!(screen(&mut app, 120, 30).contains("reading…"));
    // Moving on within the file asks for it once.
    update(&mut app, Action::Down);
    let asked = app.take_preparations();
    assert_eq!(asked.len(), 1);
    for p in asked {
        update(&mut app, Action::Prepared(p.run()));
    }
    let ei = app.selected_entry().unwrap();
    assert!(!app.awaits_file(ei));
    assert!(app.session(ei).unwrap().has_details());
    assert!(!screen(&mut app, 120, 30).contains("reading…"));
    assert!(app.take_preparations().is_empty());
}
