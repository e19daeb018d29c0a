//! Timing smoke test for the workstation (ignored by default).

use ratatui::{Terminal, backend::TestBackend};
use std::time::Instant;
use zongjie::tui::{action::Action, app::App, keymap::Keymap, update::update, view};

/// Timing smoke test on a 20 MB report with 20,000 figures (run by hand:
/// `cargo test --release --test tui_perf -- --ignored --nocapture`). It prints how
/// long each key's `update` and the following draw take; a frame is 16 ms.

#[test]
#[ignore]
fn perf() {
    let file = zongjie::tui::replay::synthetic(20_000_000, 20_000);
    let mut app = App::new(Keymap::default(), "x");
    let t0 = Instant::now();
    update(&mut app, Action::Loaded(file.into()));
    eprintln!("loaded in {:?}", t0.elapsed());
    update(&mut app, Action::Resize(120, 40));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t0 = Instant::now();
    update(&mut app, Action::Open);
    eprintln!("open {:?}", t0.elapsed());
    for (name, a) in [
        ("first draw", None),
        ("accept", Some(Action::Accept)),
        ("down", Some(Action::Down)),
        ("pagedown", Some(Action::PageDown)),
        ("bottom", Some(Action::Bottom)),
    ] {
        let t0 = Instant::now();
        if let Some(a) = a {
            update(&mut app, a);
        }
        let t1 = t0.elapsed();
        term.draw(|f| view::draw(f, &app)).unwrap();
        eprintln!("{name}: update {:?} draw {:?}", t1, t0.elapsed() - t1);
    }
    update(&mut app, Action::NextPane);
    for _ in 0..3 {
        let t0 = Instant::now();
        update(&mut app, Action::PageDown);
        let t1 = t0.elapsed();
        term.draw(|f| view::draw(f, &app)).unwrap();
        eprintln!(
            "source pagedown: update {:?} draw {:?}",
            t1,
            t0.elapsed() - t1
        );
    }
    let t0 = Instant::now();
    update(&mut app, Action::Search);
    for c in "妇联".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Submit);
    eprintln!("search request (on the key): {:?}", t0.elapsed());
    let req = app.take_search_request().unwrap();
    let t0 = Instant::now();
    let hits = zongjie::tui::search::run(&req);
    eprintln!(
        "search 20MB (on its thread): {:?} hits {}",
        t0.elapsed(),
        hits.len()
    );
}
