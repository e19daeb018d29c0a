//! Timing smoke test for the workstation (ignored by default).

use ratatui::{Terminal, backend::TestBackend};
use std::time::Instant;
use zongjie::model::*;
use zongjie::tui::{
    action::{Action, Loaded},
    app::App,
    keymap::Keymap,
    update::update,
    view,
};

/// Timing smoke test on a 20 MB report with 20,000 figures (run by hand:
/// `cargo test --release --test tui_perf -- --ignored --nocapture`). It prints how
/// long each key's `update` and the following draw take; a frame is 16 ms.

#[test]
#[ignore]
fn perf() {
    let unit = "今年共培训1800多名妇女，她们现在都已在不同岗位创业、就业。县妇联积极协调财政、金融部门简化手续，已落实贷款16萬元。\n";
    let n = 20_000_000 / unit.len();
    let text = unit.repeat(n);
    let mut figures = Vec::new();
    let off = unit.find("1800多名").unwrap();
    for i in 0..20_000usize {
        let s = i * (n / 20_000) * unit.len() + off;
        figures.push(Figure {
            id: format!("f{i}"),
            start: s,
            end: s + "1800多名".len(),
            text: "1800多名".into(),
            quantity: Quantity {
                value: Some(1800.0),
                unit: "名".into(),
                ..Default::default()
            },
            ..Default::default()
        });
    }
    let r = Report {
        id: "r".into(),
        start: 0,
        end: text.len(),
        title: "big".into(),
        figures,
        ..Default::default()
    };
    let mut app = App::new(Keymap::default(), "x");
    let t0 = Instant::now();
    update(
        &mut app,
        Action::Loaded(Box::new(Loaded::new(
            ParsedFile {
                file: "big".into(),
                encoding: "UTF-8".into(),
                reports: vec![r],
            },
            text.clone(),
            "big".into(),
            vec![None],
        ))),
    );
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
    let req = app.search_request.take().unwrap();
    let t0 = Instant::now();
    let hits = zongjie::tui::search::run(&req);
    eprintln!(
        "search 20MB (on its thread): {:?} hits {}",
        t0.elapsed(),
        hits.len()
    );
}
