//! Headless replay: feed a recorded sequence of keys to the workstation drawing
//! into ratatui's `TestBackend`, and time each key (update + draw) and the first
//! frame. It drives the same pieces as `tui::run` — the background loader, the
//! keymap, `update`, the views — without a terminal, so the numbers are the
//! workstation's own work, not the terminal's.
//!
//! What it leaves out: the store (decisions are not saved; a save runs on the
//! writer thread and is measured by the `core` bench) and terminal output.
//! A search, or a large file read and split, runs on its own thread in the
//! workstation; here it runs between two keys, timed apart, and its answer is
//! applied and drawn as one more frame.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::model::{Figure, Quantity, Report, Section};
use crate::review::ReportReview;
use crate::review::session::{FileText, ReportSession, ReviewedFile};

use super::action::Action;
use super::app::{App, Pane};
use super::keymap::{Chord, Keymap};
use super::{key_action, loader, search, update, view};

/// One recorded key and how the keys file wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub label: String,
    pub event: KeyEvent,
}

/// Read a keys file: whitespace-separated keys as the config writes them (`j`,
/// `PageDown`, `Ctrl-r`, `Enter`); `KEY*N` repeats a key; `'text` types each
/// character of `text`; `#` starts a comment.
pub fn parse_keys(text: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        let line = line.split_once('#').map_or(line, |(a, _)| a);
        for tok in line.split_whitespace() {
            if let Some(typed) = tok.strip_prefix('\'') {
                for c in typed.chars() {
                    let chord = Chord::parse(&c.to_string())
                        .ok_or_else(|| format!("line {}: cannot type {c:?}", ln + 1))?;
                    keys.push(key_of(c.to_string(), chord));
                }
                continue;
            }
            let (name, times) = match tok.rsplit_once('*') {
                Some((k, n)) if !k.is_empty() && n.parse::<usize>().is_ok() => {
                    (k, n.parse::<usize>().unwrap_or(1))
                }
                _ => (tok, 1),
            };
            let chord = Chord::parse(name)
                .ok_or_else(|| format!("line {}: unknown key {name:?}", ln + 1))?;
            for _ in 0..times {
                keys.push(key_of(name.to_string(), chord));
            }
        }
    }
    Ok(keys)
}

fn key_of(label: String, c: Chord) -> Key {
    let mut m = KeyModifiers::NONE;
    if c.ctrl {
        m |= KeyModifiers::CONTROL;
    }
    if c.alt {
        m |= KeyModifiers::ALT;
    }
    Key {
        label,
        event: KeyEvent::new(c.code, m),
    }
}

/// What to load.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files or folders, through the workstation's own background loader.
    Paths(Vec<PathBuf>),
    /// One synthetic report of about `bytes` bytes with `figures` figures.
    Synthetic { bytes: usize, figures: usize },
}

/// What to replay.
#[derive(Debug, Clone)]
pub struct Options {
    pub source: Source,
    pub keys: Vec<Key>,
    pub width: u16,
    pub height: u16,
    /// Put the report-list cursor at this fraction of the list before the keys
    /// start (0.5: the report in the middle).
    pub at: Option<f64>,
}

/// Time of one frame: the update that led to it and the draw.
#[derive(Debug, Clone)]
pub struct Timing {
    pub label: String,
    /// Focused pane and mode after the key, to read a trace by.
    pub state: String,
    pub update: Duration,
    pub draw: Duration,
}

impl Timing {
    pub fn total(&self) -> Duration {
        self.update + self.draw
    }
}

/// What a replay measured.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// From start to the first frame drawn (the loader runs meanwhile).
    pub first_frame: Duration,
    /// From start to the first frame that shows a report.
    pub first_report: Option<Duration>,
    /// From start until the loader said it was done.
    pub all_loaded: Duration,
    /// The longest frame (messages applied in one turn + draw) while loading.
    pub load_frame_max: Duration,
    pub load_frames: usize,
    /// The longest single loader message applied, and the longest draw, while loading.
    pub load_update_max: Duration,
    pub load_draw_max: Duration,
    pub files: usize,
    pub reports: usize,
    pub figures: usize,
    /// One per key, in order.
    pub keys: Vec<Timing>,
    /// Frames that were not keys: answers from other threads applied and drawn.
    pub events: Vec<Timing>,
    /// Work run off the key path, as the workstation runs it on other threads
    /// (searches, large files read and split): what, and how long.
    pub apart: Vec<(String, Duration)>,
}

/// A fresh app with the default keymap and size.
pub fn new_app(width: u16, height: u16) -> App {
    let mut app = App::new(Keymap::default(), "replay");
    app.no_color = false;
    update::update(&mut app, Action::Resize(width, height));
    app
}

/// A report of about `bytes` bytes in one file: a paragraph repeated, a heading
/// every 1/200 of it, `figures` figures spread evenly — the shape of a report a
/// scrape glued together, without waiting for the parser.
pub fn synthetic(bytes: usize, figures: usize) -> ReviewedFile {
    let unit = "今年共培训1800多名妇女，她们现在都已在不同岗位创业、就业。县妇联积极协调财政、金融部门简化手续，已落实贷款16萬元。\n";
    let units = (bytes / unit.len()).max(1);
    let n_sections = 200.min(units);
    let per_section = units.div_ceil(n_sections);
    let every = (units / figures.max(1)).max(1);
    let fig_off = unit.find("1800多名").unwrap_or(0);
    let fig_text = "1800多名";
    let mut text = String::with_capacity(bytes + n_sections * 40);
    let mut sections: Vec<Section> = Vec::new();
    let mut figs = Vec::new();
    for u in 0..units {
        if u % per_section == 0 {
            if let Some(s) = sections.last_mut() {
                s.end = text.len();
            }
            let k = sections.len() + 1;
            let start = text.len();
            text.push_str(&format!("{k}、第{k}部分工作\n"));
            sections.push(Section {
                id: format!("s{k}"),
                start,
                end: start,
                level: 1,
                marker: format!("{k}、"),
                number: Some(k as u32),
                title: format!("第{k}部分工作"),
                parent: None,
                kind: None,
            });
        }
        if u % every == 0 && figs.len() < figures {
            let s = text.len() + fig_off;
            figs.push(Figure {
                id: format!("f{}", figs.len()),
                start: s,
                end: s + fig_text.len(),
                text: fig_text.into(),
                quantity: Quantity {
                    value: Some(1800.0),
                    unit: "名".into(),
                    ..Default::default()
                },
                section: sections.last().map(|s| s.id.clone()),
                ..Default::default()
            });
        }
        text.push_str(unit);
    }
    if let Some(s) = sections.last_mut() {
        s.end = text.len();
    }
    let r = Report {
        id: "synthetic".into(),
        start: 0,
        end: text.len(),
        title: "synthetic report".into(),
        sections,
        figures: figs,
        ..Default::default()
    };
    let review = ReportReview::new("synthetic.txt", &r.id, &r.title);
    let session = ReportSession::new(0, r, review, &text);
    ReviewedFile {
        file: FileText::new(
            "synthetic.txt".into(),
            "synthetic.txt".into(),
            "UTF-8".into(),
            text,
        ),
        sessions: vec![session],
        problems: Vec::new(),
        used: Vec::new(),
    }
}

fn shows_a_report(app: &App) -> bool {
    !app.corpus().is_empty()
}

/// Load `source` into a fresh app the way the workstation does, drawing a frame
/// after each turn of the loop as `tui::run` does, and time it.
pub fn load(
    source: &Source,
    term: &mut Terminal<TestBackend>,
    out: &mut Outcome,
) -> Result<App, String> {
    let size = term.size().map_err(|e| e.to_string())?;
    // Making the synthetic report is not the workstation's work: before the clock.
    let made = match source {
        Source::Synthetic { bytes, figures } => Some(synthetic(*bytes, *figures)),
        Source::Paths(_) => None,
    };
    let t0 = Instant::now();
    let mut app = new_app(size.width, size.height);
    match source {
        Source::Synthetic { .. } => {
            let Some(l) = made else {
                return Err("no synthetic report".into());
            };
            term.draw(|f| view::draw(f, &app))
                .map_err(|e| e.to_string())?;
            out.first_frame = t0.elapsed();
            update::update(&mut app, Action::Loaded(l.into()));
            update::update(&mut app, Action::LoadFinished);
            term.draw(|f| view::draw(f, &app))
                .map_err(|e| e.to_string())?;
            out.first_report = Some(t0.elapsed());
            out.all_loaded = t0.elapsed();
        }
        Source::Paths(paths) => {
            app.set_loading(Some((0, 0)));
            let (tx, rx) = mpsc::channel::<Action>();
            let keep = app.corpus().details_on_load();
            let _loader = loader::spawn(paths.clone(), None, Vec::new(), keep, tx);
            term.draw(|f| view::draw(f, &app))
                .map_err(|e| e.to_string())?;
            out.first_frame = t0.elapsed();
            // The run loop: apply what the loader sent for up to 12 ms, then draw.
            let mut done = false;
            while !done {
                let mut got = false;
                // Waiting for the loader is idle time; the frame's work starts
                // when a message arrives.
                let msg = rx.recv_timeout(Duration::from_millis(30));
                let turn = Instant::now();
                let budget = turn + Duration::from_millis(12);
                match msg {
                    Ok(a) => {
                        done |= a == Action::LoadFinished;
                        update::update(&mut app, a);
                        out.load_update_max = out.load_update_max.max(turn.elapsed());
                        got = true;
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
                while !done && Instant::now() < budget {
                    match rx.try_recv() {
                        Ok(a) => {
                            done |= a == Action::LoadFinished;
                            let t = Instant::now();
                            update::update(&mut app, a);
                            out.load_update_max = out.load_update_max.max(t.elapsed());
                        }
                        Err(_) => break,
                    }
                }
                if got {
                    let t = Instant::now();
                    term.draw(|f| view::draw(f, &app))
                        .map_err(|e| e.to_string())?;
                    out.load_draw_max = out.load_draw_max.max(t.elapsed());
                    out.load_frame_max = out.load_frame_max.max(turn.elapsed());
                    out.load_frames += 1;
                    if out.first_report.is_none() && shows_a_report(&app) {
                        out.first_report = Some(t0.elapsed());
                    }
                }
            }
            out.all_loaded = t0.elapsed();
        }
    }
    out.files = app.corpus().files().len();
    out.reports = app.corpus().len();
    out.figures = app.corpus().totals().figures;
    Ok(app)
}

/// Put the list cursor on the report at `frac` of the list — the first from
/// there on with figures, so the recorded keys have figures to decide.
pub fn select_at(app: &mut App, frac: f64) {
    let vis = app.visible_reports();
    let n = vis.len();
    if n == 0 {
        return;
    }
    let at = ((n - 1) as f64 * frac.clamp(0.0, 1.0)).round() as usize;
    app.report_sel = (0..n)
        .map(|k| (at + k) % n)
        .find(|&i| app.corpus().sessions()[vis[i]].counts().total > 0)
        .unwrap_or(at);
}

/// Put the list cursor on entry `ei` (as the list shows it).
pub fn select_entry(app: &mut App, ei: usize) {
    app.report_sel = app
        .visible_reports()
        .iter()
        .position(|&v| v == ei)
        .unwrap_or(0);
}

/// Open the selected report and put its middle figure (and the source view) in
/// the middle of the report.
pub fn open_middle(app: &mut App) {
    update::update(app, Action::Open);
    let n = app.fig_row_count();
    app.pane = Pane::Figures;
    if n > 2 {
        app.fig_sel = n / 2 - 1;
        update::update(app, Action::Down);
    }
}

/// Index of the entry whose report spans the most bytes.
pub fn largest_entry(app: &App) -> Option<usize> {
    (0..app.corpus().len()).max_by_key(|&i| {
        let r = &app.corpus().sessions()[i].report;
        r.end.saturating_sub(r.start)
    })
}

/// Apply one key the way the run loop does; saves are dropped (no store here).
pub fn press(app: &mut App, key: &KeyEvent) {
    if let Some(a) = key_action(app, key) {
        update::update(app, a);
    }
    app.corpus_mut().saves.drop_outbox();
}

fn state(app: &App) -> String {
    let mode = format!("{:?}", app.mode());
    let mode = mode.split([' ', '(', '{']).next().unwrap_or("");
    format!("{:?}/{mode}", app.pane)
}

/// Run a replay.
pub fn run(opts: &Options) -> Result<Outcome, String> {
    let mut term =
        Terminal::new(TestBackend::new(opts.width, opts.height)).map_err(|e| e.to_string())?;
    let mut out = Outcome::default();
    let mut app = load(&opts.source, &mut term, &mut out)?;
    if let Some(f) = opts.at {
        select_at(&mut app, f);
    }
    for k in &opts.keys {
        let t0 = Instant::now();
        press(&mut app, &k.event);
        let t1 = Instant::now();
        term.draw(|f| view::draw(f, &app))
            .map_err(|e| e.to_string())?;
        out.keys.push(Timing {
            label: k.label.clone(),
            state: state(&app),
            update: t1 - t0,
            draw: t1.elapsed(),
        });
        apart(&mut app, &mut term, &mut out)?;
        if app.quitting() {
            break;
        }
    }
    Ok(out)
}

/// `f` run on a thread of its own, waited for.
fn on_a_thread<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|s| s.spawn(f).join()).map_err(|_| "work apart panicked".to_string())
}

/// What the workstation runs on other threads after a key (a search, a large
/// file read and split, the open report's anchors), run on a thread as there
/// (its memory comes from that thread's heap), waited for, timed apart, and
/// its answer applied and drawn as one more frame.
fn apart(app: &mut App, term: &mut Terminal<TestBackend>, out: &mut Outcome) -> Result<(), String> {
    let mut answers = Vec::new();
    if let Some(req) = app.take_search_request() {
        let t0 = Instant::now();
        let hits = on_a_thread(|| search::run(&req))?;
        let what = format!("search {:?}: {} hits", req.query, hits.len());
        out.apart.push((what, t0.elapsed()));
        answers.push((
            format!("search answer for {}", req.query),
            Action::SearchDone(req.id, hits),
        ));
    }
    for p in app.take_preparations() {
        let t0 = Instant::now();
        let done = on_a_thread(|| p.run())?;
        let what = format!("{} apart", done.describe());
        out.apart.push((what.clone(), t0.elapsed()));
        answers.push((what, Action::Prepared(done)));
    }
    for (label, a) in answers {
        let t0 = Instant::now();
        update::update(app, a);
        let t1 = Instant::now();
        term.draw(|f| view::draw(f, app))
            .map_err(|e| e.to_string())?;
        out.events.push(Timing {
            label,
            state: state(app),
            update: t1 - t0,
            draw: t1.elapsed(),
        });
    }
    Ok(())
}

/// The `p`-th percentile (nearest rank) of some durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// The outcome as text for a person: the summary first, then the slowest keys.
pub fn summary(o: &Outcome) -> String {
    let mut s = String::new();
    s += &format!(
        "loaded: {} files, {} reports, {} figures\n",
        o.files, o.reports, o.figures
    );
    s += &format!("first frame: {}\n", ms(o.first_frame));
    if let Some(d) = o.first_report {
        s += &format!("first frame showing a report: {}\n", ms(d));
    }
    s += &format!(
        "all loaded: {} ({} frames while loading, longest {}; longest message {}, longest draw {})\n",
        ms(o.all_loaded),
        o.load_frames,
        ms(o.load_frame_max),
        ms(o.load_update_max),
        ms(o.load_draw_max)
    );
    let mut all: Vec<Duration> = o.keys.iter().map(Timing::total).collect();
    all.sort_unstable();
    let mut upd: Vec<Duration> = o.keys.iter().map(|t| t.update).collect();
    upd.sort_unstable();
    let mut drw: Vec<Duration> = o.keys.iter().map(|t| t.draw).collect();
    drw.sort_unstable();
    s += &format!("keys: {}\n", o.keys.len());
    for (name, v) in [("update+draw", &all), ("update", &upd), ("draw", &drw)] {
        s += &format!(
            "  {name:<12} p50 {}  p99 {}  max {}\n",
            ms(percentile(v, 50.0)),
            ms(percentile(v, 99.0)),
            ms(v.last().copied().unwrap_or_default())
        );
    }
    let mut slow: Vec<&Timing> = o.keys.iter().collect();
    slow.sort_by_key(|t| std::cmp::Reverse(t.total()));
    s += "slowest keys:\n";
    for t in slow.iter().take(8) {
        s += &format!(
            "  {:<10} update {}  draw {}\n",
            t.label,
            ms(t.update),
            ms(t.draw)
        );
    }
    for (what, d) in &o.apart {
        s += &format!("{what} (own thread): {}\n", ms(*d));
    }
    for t in &o.events {
        s += &format!(
            "{}: update {}  draw {}\n",
            t.label,
            ms(t.update),
            ms(t.draw)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn keys_files_read_repeats_typing_and_comments() {
        let k = parse_keys("j*3 PageDown # a comment\n'妇联 Enter Ctrl-r").unwrap();
        let labels: Vec<&str> = k.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(
            labels,
            ["j", "j", "j", "PageDown", "妇", "联", "Enter", "Ctrl-r"]
        );
        assert_eq!(k[4].event.code, KeyCode::Char('妇'));
        assert!(k[7].event.modifiers.contains(KeyModifiers::CONTROL));
        assert!(parse_keys("Nope").is_err());
        // A `*` that is not a repeat is the key itself.
        assert_eq!(parse_keys("*").unwrap()[0].event.code, KeyCode::Char('*'));
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&v, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&v, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&v, 100.0), Duration::from_millis(100));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn a_replay_on_a_synthetic_report_times_every_key() {
        let keys = parse_keys("Enter j*3 a x e '12 Enter Tab PageDown G g Esc q").unwrap();
        let n = keys.len();
        let o = run(&Options {
            source: Source::Synthetic {
                bytes: 200_000,
                figures: 300,
            },
            keys,
            width: 120,
            height: 40,
            at: None,
        })
        .unwrap();
        assert_eq!(o.reports, 1);
        assert_eq!(o.figures, 300);
        assert_eq!(o.keys.len(), n);
        assert!(summary(&o).contains("p99"));
    }

    #[test]
    fn synthetic_offsets_point_at_their_text() {
        let l = synthetic(50_000, 40);
        let r = &l.sessions[0].report;
        assert_eq!(r.figures.len(), 40);
        for f in &r.figures {
            assert_eq!(l.file.text.get(f.start..f.end), Some(f.text.as_str()));
        }
        for s in &r.sections {
            assert!(l.file.text[s.start..].starts_with(&s.marker));
            assert!(s.end <= l.file.text.len() && s.start < s.end);
        }
    }
}
