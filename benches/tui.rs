//! Criterion benchmarks of the workstation: one frame drawn into ratatui's
//! `TestBackend` (120×40) with a report open and scrolled to its middle.
//! Run: `cargo bench --bench tui`.
//!
//! Reports: a synthetic 20 MB single report with 20,000 figures (the worst
//! case: everything in one report); the largest report of the 20 MB page when
//! `ZONGJIE_BENCH_BIG` names it (`python3 ../shared/bench/make_corpus.py OUT
//! 10000 --big 20`, then `OUT/big.txt`); a normal sample report from `data/`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use zongjie::tui::app::App;
use zongjie::tui::replay::{self, Outcome, Source};
use zongjie::tui::view;

const W: u16 = 120;
const H: u16 = 40;

fn term() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(W, H)).expect("a test backend")
}

/// Load `source` as the workstation does and open entry `pick(app)` at its middle.
fn opened(source: Source, pick: impl Fn(&App) -> Option<usize>) -> App {
    let mut t = term();
    let mut app = replay::load(&source, &mut t, &mut Outcome::default()).expect("loads");
    let ei = pick(&app).expect("a report to open");
    replay::select_entry(&mut app, ei);
    replay::open_middle(&mut app);
    app
}

fn bench_frame(c: &mut Criterion, name: &str, app: &App) {
    let mut t = term();
    // The first frame fills the wrap cache; the bench measures the frames after.
    t.draw(|f| view::draw(f, app)).expect("draws");
    c.bench_function(name, |b| {
        b.iter(|| {
            t.draw(|f| view::draw(f, black_box(app))).expect("draws");
        })
    });
}

fn frames(c: &mut Criterion) {
    let app = opened(
        Source::Synthetic {
            bytes: 20_000_000,
            figures: 20_000,
        },
        |_| Some(0),
    );
    bench_frame(c, "frame: synthetic 20 MB report, middle", &app);

    if let Ok(p) = std::env::var("ZONGJIE_BENCH_BIG") {
        let app = opened(Source::Paths(vec![PathBuf::from(p)]), replay::largest_entry);
        bench_frame(c, "frame: largest report of the 20 MB page, middle", &app);
    }

    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let app = opened(Source::Paths(vec![samples]), |app| {
        // A normal report: the one with the median size.
        let mut by_size: Vec<usize> = (0..app.corpus().len()).collect();
        by_size.sort_by_key(|&i| {
            let r = &app.corpus().sessions()[i].report;
            r.end - r.start
        });
        by_size.get(by_size.len() / 2).copied()
    });
    bench_frame(c, "frame: sample report, middle", &app);
}

criterion_group!(benches, frames);
criterion_main!(benches);
