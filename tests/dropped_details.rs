//! Issue 17, part 3: the workstation keeps the details of the reports it shows
//! (and of those with decisions), not the corpus's. A report's dropped details
//! come back as they were loaded, through splits and joins made this session;
//! what the list and the statistics read is there while they are dropped; an
//! edit on a report whose details were dropped brings them back first; a file
//! changed on disk is reported, not shown with other figures.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::screen::screen;

use zongjie::export::glance::glance;
use zongjie::load::Input;
use zongjie::review::DecisionStatus;
use zongjie::review::session::layout::{Details, read_file_views};
use zongjie::review::session::{Catalog, Corpus, ReviewedFile, Target, TextError};
use zongjie::tui::action::Action;
use zongjie::tui::app::App;
use zongjie::tui::keymap::Keymap;
use zongjie::tui::update::update;

fn read(path: &Path, details: Details) -> ReviewedFile {
    let key = path.to_string_lossy().to_string();
    let catalog = Catalog::default();
    let (_, mut views) = read_file_views(
        &key,
        &Input::File(path.to_path_buf()),
        &[&catalog],
        &HashSet::new(),
        details,
        |_, _, _| Ok(None),
    )
    .unwrap();
    views.remove(0)
}

/// Real pages: the samples and every gold set's inputs.
fn real_pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "data/samples",
        "../shared/pages",
        "../shared/gov",
        "../shared/corpus",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        out.extend(files);
    }
    assert!(out.len() >= 5, "no pages found");
    out
}

/// The same files in a session holding every detail and in one keeping those
/// of `budget` reports shown.
fn both(paths: &[PathBuf], budget: usize) -> (Corpus, Corpus) {
    let mut whole = Corpus::new("li");
    let mut lean = Corpus::new("li");
    lean.keep_details_of(budget);
    for p in paths {
        let f = read(p, Details::Keep);
        whole.add_file(f.file, f.sessions);
        let f = read(p, Details::Drop);
        lean.add_file(f.file, f.sessions);
    }
    (whole, lean)
}

/// Report `ei` shown in `lean` is report `ei` of `whole`, detail for detail.
fn assert_same(whole: &Corpus, lean: &mut Corpus, ei: usize) {
    lean.show(ei).unwrap();
    let (a, b) = (&whole.sessions()[ei], &lean.sessions()[ei]);
    assert!(b.has_details(), "report {ei}");
    assert_eq!(b.report, a.report, "report {ei}");
    assert_eq!(b.attach, a.attach, "report {ei}");
    assert_eq!(b.counts(), a.counts(), "report {ei}");
    assert_eq!(b.findings(), a.findings(), "report {ei}");
    assert_eq!(b.outline(), a.outline(), "report {ei}");
}

#[test]
fn every_report_read_again_is_the_report_loaded() {
    let paths = real_pages();
    let (whole, mut lean) = both(&paths, 2);
    assert_eq!(lean.len(), whole.len());
    // Loaded, no report holds its details; the list and the totals are whole.
    assert!(lean.sessions().iter().all(|s| !s.has_details()));
    assert_eq!(lean.totals(), whole.totals());
    assert_eq!(glance(&lean), glance(&whole));
    for ei in 0..lean.len() {
        let (a, b) = (&whole.sessions()[ei], &lean.sessions()[ei]);
        assert_eq!(b.counts(), a.counts(), "report {ei}");
        assert_eq!(b.finding_count(), a.findings().len(), "report {ei}");
        assert_eq!(b.tally(), a.tally(), "report {ei}");
        assert_eq!(b.title(), a.title(), "report {ei}");
        assert_same(&whole, &mut lean, ei);
    }
    // Shown one after the other, only the last two kept theirs.
    let kept = lean.sessions().iter().filter(|s| s.has_details()).count();
    assert_eq!(kept, 2);
    assert_eq!(glance(&lean), glance(&whole));
}

/// A file of several reports (five) and two files of one, on disk.
fn three_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    vec![
        root.join("002_c9081185887d1039.txt"),
        root.join("000_c894158fcb275fac.txt"),
        root.join("001_80b970a49aa87452.txt"),
    ]
}

/// Show the reports of the last two files: the budget of two pushes out the
/// details of every other report without decisions.
fn look_elsewhere(lean: &mut Corpus) {
    let last = lean.len() - 1;
    lean.show(last - 1).unwrap();
    lean.show(last).unwrap();
    let last = last - 1;
    assert!(
        lean.sessions()[..last]
            .iter()
            .all(|s| !s.has_details() || !s.review.figures.is_empty())
    );
}

/// The start of the first line after the `n`th of report `ei` that is not
/// empty (a line a split can cut at).
fn line_start(c: &Corpus, ei: usize, n: usize) -> usize {
    let s = &c.sessions()[ei];
    let body = c.body_of(ei).unwrap();
    let text = &body.text[s.report.start..s.report.end];
    let mut at = s.report.start;
    for (k, line) in text.split_inclusive('\n').enumerate() {
        if k >= n && !line.trim().is_empty() {
            return at;
        }
        at += line.len();
    }
    panic!("report {ei} has no line after its {n}th");
}

#[test]
fn splits_joins_and_their_undo_come_back_as_laid_out() {
    let (mut whole, mut lean) = both(&three_files(), 2);
    let at = line_start(&whole, 1, 3);
    for c in [&mut whole, &mut lean] {
        c.split(1, at).unwrap();
    }
    assert_eq!(lean.len(), whole.len());
    look_elsewhere(&mut lean);
    for ei in 0..lean.len() {
        assert_same(&whole, &mut lean, ei);
    }
    // A join of two reports of their own, then undo and redo, each seen
    // after the details were dropped again.
    for c in [&mut whole, &mut lean] {
        c.join_previous(4).unwrap();
    }
    look_elsewhere(&mut lean);
    for ei in 0..lean.len() {
        assert_same(&whole, &mut lean, ei);
    }
    for step in 0..4 {
        for c in [&mut whole, &mut lean] {
            let change = if step % 2 == 0 { c.undo() } else { c.redo() };
            change.unwrap();
        }
        look_elsewhere(&mut lean);
        for ei in 0..lean.len() {
            assert_same(&whole, &mut lean, ei);
        }
    }
}

#[test]
fn a_decision_on_a_report_not_shown_brings_its_details_back() {
    let (mut whole, mut lean) = both(&three_files(), 2);
    look_elsewhere(&mut lean);
    // A report of the first file with figures.
    let ei = (0..whole.len() - 2)
        .find(|&i| whole.sessions()[i].counts().total > 0)
        .expect("a report with figures");
    assert!(!lean.sessions()[ei].has_details());
    for c in [&mut whole, &mut lean] {
        c.set_status(ei, Target::Parsed(0), DecisionStatus::Accepted)
            .expect("decided");
    }
    assert_eq!(lean.sessions()[ei].review.figures.len(), 1);
    assert_same(&whole, &mut lean, ei);
    assert_eq!(lean.totals(), whole.totals());
    // With a decision, its details stay whatever else is shown.
    look_elsewhere(&mut lean);
    assert!(lean.sessions()[ei].has_details());
    // Undone after the reviewer looked elsewhere: the same again.
    for c in [&mut whole, &mut lean] {
        c.undo().unwrap();
    }
    assert_same(&whole, &mut lean, ei);
    assert_eq!(lean.totals(), whole.totals());
    // Without its decision, it is dropped again once out of sight.
    look_elsewhere(&mut lean);
    assert!(!lean.sessions()[ei].has_details());
    assert_eq!(lean.sessions()[ei].counts(), whole.sessions()[ei].counts());
}

#[test]
fn a_file_changed_on_disk_is_not_read_again_for_its_details() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let sample = &three_files()[0];
    let text = std::fs::read_to_string(sample).unwrap();
    std::fs::write(&path, &text).unwrap();
    let mut lean = Corpus::new("li");
    lean.keep_details_of(2);
    let f = read(&path, Details::Drop);
    lean.add_file(f.file, f.sessions);
    let figures = lean.sessions()[0].counts().total;
    lean.forget_texts();
    std::fs::write(&path, text.replacen('。', "，", 1)).unwrap();
    assert!(matches!(lean.show(0), Err(TextError::Changed { .. })));
    assert!(lean.details_error(0).is_some());
    assert!(!lean.sessions()[0].has_details());
    // No edit against offsets that no longer hold; the counts stay.
    assert!(
        lean.set_status(0, Target::Parsed(0), DecisionStatus::Accepted)
            .is_none()
    );
    assert_eq!(lean.sessions()[0].counts().total, figures);
    assert_eq!(lean.totals().decided, 0);
}

#[test]
fn a_text_only_in_memory_keeps_its_details() {
    // Nothing to read it again from: a session over standard input holds it.
    let mut lean = Corpus::new("li");
    lean.keep_details_of(2);
    let f = read(&three_files()[0], Details::Drop);
    let mut file = f.file;
    file.disk = None;
    let n = f.sessions.len();
    lean.add_file(file, read(&three_files()[0], Details::Keep).sessions);
    assert_eq!(lean.len(), n);
    assert!(lean.sessions().iter().all(|s| s.has_details()));
}

#[test]
fn the_workstation_draws_every_report_from_its_details_read_again() {
    let paths = three_files();
    let (whole, _) = both(&paths, 2);
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(paths.len()));
    for p in &paths {
        update(&mut app, Action::Loaded(read(p, Details::Drop).into()));
    }
    update(&mut app, Action::LoadFinished);
    for ei in 0..whole.len() {
        assert_eq!(app.selected_entry(), Some(ei));
        // Only the reports shown so far were read again.
        let later = &app.corpus().sessions()[ei + 1..];
        assert!(later.iter().all(|s| !s.has_details()), "after {ei}");
        update(&mut app, Action::Open);
        let t = screen(&mut app, 120, 40);
        let s = app.session(ei).unwrap();
        assert!(s.has_details(), "report {ei}");
        assert_eq!(s.report, whole.sessions()[ei].report, "report {ei}");
        // The figures table shows the report's first figure.
        if let Some(f) = whole.sessions()[ei].report.figures.first() {
            let shown: String = f
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(4)
                .collect();
            assert!(t.contains(&shown), "report {ei}: {shown} not on\n{t}");
        }
        update(&mut app, Action::Back);
        update(&mut app, Action::Down);
    }
}
