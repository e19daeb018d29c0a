//! Issue 17, part 3: a session keeps the texts of files on disk only while
//! something uses them. A dropped text comes back identical (decoded again,
//! in whatever encoding the file is in); a file changed on disk since it was
//! loaded is reported, in the core and on the workstation's screen, and no
//! edit is made against offsets that no longer hold.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::screen::screen;

use zongjie::load::Input;
use zongjie::review::DecisionStatus;
use zongjie::review::session::layout::read_file;
use zongjie::review::session::{Catalog, Corpus, ReviewedFile, Target, TextError};
use zongjie::text::split_lines;
use zongjie::tui::action::Action;
use zongjie::tui::app::App;
use zongjie::tui::keymap::Keymap;
use zongjie::tui::update::update;

const TEXT: &str = "县妇联2013年工作总结\r\n一、大力实施妇女创业行动\r\n今年共培训1800多名妇女，已落实贷款16萬元，全县“巾帼示范村”达到12个。\r\n二、维护妇女儿童合法权益\r\n全年受理来信来访近200件，办结率达到98.5%。\r\n";

/// The file as the loader reads it: decoded, parsed, laid out (no store).
fn read(path: &Path) -> ReviewedFile {
    let key = path.file_name().unwrap().to_string_lossy().to_string();
    read_file(
        &key,
        &Input::File(path.to_path_buf()),
        &Catalog::default(),
        &HashSet::new(),
        |_, _| Ok(None),
    )
    .unwrap()
}

/// Files in a temporary folder: UTF-8 with CRLF, and the same text in GB18030.
fn folder() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("a.txt");
    std::fs::write(&utf8, TEXT).unwrap();
    let gb = dir.path().join("b.txt");
    let (bytes, _, bad) = encoding_rs::GB18030.encode(TEXT);
    assert!(!bad);
    std::fs::write(&gb, &bytes).unwrap();
    (dir, vec![utf8, gb])
}

fn corpus(paths: &[PathBuf]) -> Corpus {
    let mut c = Corpus::new("li");
    for p in paths {
        let f = read(p);
        c.add_file(f.file, f.sessions);
    }
    c
}

/// `TEXT` with two characters of the same length swapped: same size, other bytes.
fn same_size_other_text() -> String {
    TEXT.replacen("1800多名", "1800名多", 1)
}

#[test]
fn a_dropped_text_comes_back_identical() {
    let (_dir, paths) = folder();
    let c = corpus(&paths);
    for fi in 0..2 {
        let before = c.body(fi).unwrap();
        c.forget_texts();
        let reads = c.text_reads();
        let after = c.body(fi).unwrap();
        assert_eq!(c.text_reads(), reads + 1, "file {fi} read again");
        assert_eq!(&*after.text, TEXT, "file {fi}");
        assert_eq!(after.text, before.text);
        assert_eq!(after.lines(), split_lines(TEXT).as_slice());
        // Asked again, it comes from the cache.
        c.body(fi).unwrap();
        assert_eq!(c.text_reads(), reads + 1);
    }
    // The figures still sit where they say in the text read again.
    let body = c.body_of(0).unwrap();
    for fig in &c.session(0).unwrap().report.figures {
        assert_eq!(&body.text[fig.start..fig.end], fig.text);
    }
}

#[test]
fn a_file_changed_on_disk_is_reported_and_not_edited() {
    let (_dir, paths) = folder();
    let mut c = corpus(&paths);
    assert!(!c.session(0).unwrap().report.figures.is_empty());
    std::fs::write(&paths[0], same_size_other_text()).unwrap();
    // Held in the cache it is still the text the offsets belong to.
    assert_eq!(&*c.body(0).unwrap().text, TEXT);
    c.forget_texts();
    let err = c.body(0).unwrap_err();
    assert!(matches!(err, TextError::Changed { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk"), "{err}");
    // No decision is made against the stale offsets.
    let ei = 0;
    assert_eq!(
        c.set_status(ei, Target::Parsed(0), DecisionStatus::Accepted),
        None
    );
    assert!(c.session(ei).unwrap().review.figures.is_empty());
    // Once found changed it stays so, even if it is changed back.
    std::fs::write(&paths[0], TEXT).unwrap();
    assert!(c.body(0).is_err());
    // A file gone is another error; the other file is unaffected.
    std::fs::remove_file(&paths[1]).unwrap();
    c.forget_texts();
    let gone = c.body(1).unwrap_err();
    assert!(matches!(gone, TextError::Unreadable { .. }), "{gone}");
}

#[test]
fn the_workstation_draws_a_report_whose_text_was_dropped() {
    let (_dir, paths) = folder();
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(paths.len()));
    for p in &paths {
        update(&mut app, Action::Loaded(read(p).into()));
    }
    update(&mut app, Action::LoadFinished);
    update(&mut app, Action::Open);
    app.corpus().forget_texts();
    let reads = app.corpus().text_reads();
    let t = screen(&mut app, 100, 30);
    assert!(app.corpus().text_reads() > reads, "read again to draw");
    assert!(t.contains("1800多名妇女"), "{t}");
    // Accepting a figure works on the text read again.
    update(&mut app, Action::Accept);
    assert_eq!(app.session(0).unwrap().counts().decided, 1);

    // Changed on disk and dropped: the source pane says so, nothing is drawn
    // from the new text.
    std::fs::write(&paths[0], same_size_other_text()).unwrap();
    app.corpus().forget_texts();
    let t = screen(&mut app, 100, 30);
    assert!(t.contains("changed on disk"), "{t}");
    assert!(!t.contains("1800名多"), "{t}");
}
