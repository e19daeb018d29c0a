//! The corpus at a glance (key `o`): the seed corpus loaded as the loader
//! delivers it, some decisions made through `update`, the view drawn into
//! ratatui's TestBackend at 80×24 and 160×45; its numbers are the core's.

mod common;

use common::screen::screen;

use zongjie::review::Store;
use zongjie::tui::action::Action;
use zongjie::tui::app::{App, Mode};
use zongjie::tui::keymap::Keymap;
use zongjie::tui::update::update;

/// The seed pages loaded, as `review data` would load them.
fn seed_app() -> Option<App> {
    common::shared::require_shared("the seed corpus")?;
    let (_d, corpus, _) = common::corpus::seed_corpus();
    let paths = vec![corpus.clone()];
    let store = Store::reader(&zongjie::review::default_store_dir(&paths));
    let (files, g) = zongjie::export::gather(&paths, &store, &mut ());
    assert!(g.skipped.is_empty(), "{:?}", g.skipped);
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(files.len()));
    for f in files {
        update(&mut app, Action::Loaded(f.into()));
    }
    update(&mut app, Action::LoadFinished);
    Some(app)
}

fn keys(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

/// Decisions on two reports: the first done (three accepted, one rejected),
/// the third in progress (two accepted).
fn decide(app: &mut App) {
    use Action::*;
    // `d` asks while figures are undecided (issue 13): yes.
    keys(
        app,
        &[Open, Accept, Accept, Accept, Reject, Done, Submit, Back],
    );
    keys(app, &[Down, Down, Open, Accept, Accept, Back]);
}

#[test]
fn the_corpus_at_a_glance_at_two_sizes() {
    let Some(mut app) = seed_app() else { return };
    decide(&mut app);
    let totals = app.corpus().totals();
    assert_eq!(totals.decided, 6, "the decisions were made");
    keys(&mut app, &[Action::Glance]);
    let Mode::Glance(g) = app.mode() else {
        panic!("the glance opens: {:?}", app.mode())
    };
    // The view's numbers are the core's: the session's totals, the stats.
    assert_eq!(g.stats.reports, totals.reports);
    assert_eq!(g.progress.iter().map(|p| p.decided).sum::<usize>(), 6);
    assert_eq!(g.stats.review.reports_done, 1);
    assert_eq!(g.stats.review.reports_in_progress, 1);
    let accepted: usize = g.stats.accepted_totals.iter().map(|t| t.figures).sum();
    assert_eq!(accepted, 5);
    for (w, h) in [(80, 24), (160, 45)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("Corpus at a glance"), "{s}");
        insta::assert_snapshot!(format!("glance_{w}x{h}"), s);
    }
    // Every size down to the smallest draws without a panic.
    for w in 40..90 {
        for h in 10..30 {
            let _ = screen(&mut app, w, h);
        }
    }
    // The same key (or Esc) closes it; nothing was changed.
    keys(&mut app, &[Action::Glance]);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.corpus().totals(), totals);
}
