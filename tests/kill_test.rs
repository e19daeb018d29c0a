//! The real binary in a pseudo-terminal, killed with SIGKILL at random moments
//! while review keys arrive fast: the store always loads, and what the screen
//! showed as decided 100 ms before the kill is on disk. Also: the terminal is
//! given back (normal buffer, cursor, cooked mode) on every way out, and a
//! terminal that goes away ends the process.

mod common;

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::Rng;
use common::corpus::workspace;
use common::pty::{loaded, start};
use zongjie::review::Store;

/// `N` of "N/M figures decided" on the screen.
fn decided_on_screen(t: &str) -> Option<usize> {
    // The list's summary when it has room; beside an open report the list
    // narrows and the figures pane's title says the open report's count (the
    // keys here only decide in the open report, so it is a lower bound too).
    let i = t.find(" figures decided").or_else(|| t.find(" decided)"))?;
    let head = &t[..i];
    let slash = head.rfind('/')?;
    let digits: String = head[..slash]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// Every figure decision in the store (and the heading decisions' anchors);
/// panics if any file does not load.
fn store_decisions(
    store_dir: &Path,
) -> (
    Vec<zongjie::review::FigureDecision>,
    Vec<zongjie::review::Anchor>,
) {
    let (reviews, errors) = Store::reader(store_dir).list();
    assert!(
        errors.is_empty(),
        "store files that do not load: {errors:?}"
    );
    let headings = reviews
        .iter()
        .flat_map(|r| r.sections.iter().map(|s| s.anchor.clone()))
        .collect();
    (
        reviews.into_iter().flat_map(|r| r.figures).collect(),
        headings,
    )
}

#[test]
fn kill_9_at_random_moments_never_loses_a_decision_older_than_100_ms() {
    let seed = std::env::var("ZONGJIE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill test seed {seed} (ZONGJIE_KILL_SEED to replay)");
    let mut rng = Rng(seed);
    let ws = workspace();
    let store_dir = ws.path().join("data/zongjie-reviews");
    let page_texts: Vec<(String, String)> = std::fs::read_dir(ws.path().join("data/samples"))
        .unwrap()
        .flatten()
        .map(|e| {
            let doc = zongjie::load::load(&zongjie::load::Input::File(e.path())).unwrap();
            (
                format!("samples/{}", e.file_name().to_string_lossy()),
                doc.text,
            )
        })
        .collect();
    let started = Instant::now();
    let budget = Duration::from_secs(58);
    let (mut kills, mut checked, mut during_start, mut most) = (0, 0, 0, 0);
    while kills < 100 || (kills < 400 && started.elapsed() < Duration::from_secs(20)) {
        assert!(
            started.elapsed() < budget,
            "only {kills} kills in {budget:?}: the test must stay under a minute"
        );
        let s = start(ws.path(), &[]);
        // One kill in five lands while the workstation is starting or loading.
        if rng.below(5) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(250)));
            s.signal("-KILL");
            during_start += 1;
        } else {
            s.wait_for("the list", loaded);
            assert!(
                !s.text().contains("READ-ONLY"),
                "a killed instance's lock is taken over:\n{}",
                s.text()
            );
            s.send(b"\r");
            s.wait_for("the open report", |t| t.contains("Figures ("));
            // Figure decisions mostly; also the decision kinds of schema 2: a
            // figure's start (`}`), not a report (`X`), headings (`a`/`x`/`>`
            // with the outline focused, reached by Shift-Tab), a split at the
            // source cursor (`S`) and a join (`J`).
            let keys: &[(&[u8], u64)] = &[
                (b"a", 30),
                (b"x", 15),
                (b"j", 14),
                (b"k", 5),
                (b"u", 12),
                (b"\x12", 6),
                (b"}", 3),
                (b"X", 3),
                (b"\x1b[Z", 4),
                (b"\t", 4),
                (b">", 2),
                (b"S", 1),
                (b"J", 1),
            ];
            let life = Duration::from_millis(150 + rng.below(450));
            let t_start = Instant::now();
            // (time read, decided count shown) and (time sent, was undo)
            let mut shown: Vec<(Instant, usize)> = Vec::new();
            let mut undos: Vec<Instant> = Vec::new();
            while t_start.elapsed() < life {
                let mut pick = rng.below(100);
                let key = keys
                    .iter()
                    .find(|(_, w)| {
                        if pick < *w {
                            true
                        } else {
                            pick -= w;
                            false
                        }
                    })
                    .unwrap()
                    .0;
                if key == b"u" {
                    undos.push(Instant::now());
                }
                s.send(key);
                std::thread::sleep(Duration::from_millis(4 + rng.below(20)));
                if let Some(n) = decided_on_screen(&s.text()) {
                    shown.push((Instant::now(), n));
                }
            }
            let killed_at = Instant::now();
            s.signal("-KILL");
            // What the screen showed 100 ms before the kill was decided by then;
            // only undo keys sent since (with a margin for keys still in flight)
            // may have taken decisions back out.
            let t0 = killed_at - Duration::from_millis(100);
            if let Some(&(ts, n0)) = shown.iter().rev().find(|(t, _)| *t <= t0) {
                let margin = ts - Duration::from_millis(300).min(ts - t_start);
                let undone = undos.iter().filter(|&&u| u >= margin).count();
                let want = n0.saturating_sub(undone);
                let mut s = s;
                assert!(s.exited_within(Duration::from_secs(5)), "SIGKILL ends it");
                let got = store_decisions(&store_dir)
                    .0
                    .iter()
                    .filter(|d| d.status.is_some())
                    .count();
                assert!(
                    got >= want,
                    "kill {kills}: screen showed {n0} decided {:?} before the kill, \
                     {undone} undo key(s) since; the store holds {got}",
                    killed_at - ts
                );
                most = most.max(got);
                checked += 1;
                kills += 1;
                continue;
            }
        }
        let mut s = s;
        assert!(s.exited_within(Duration::from_secs(5)), "SIGKILL ends it");
        kills += 1;
        // The store always loads, whatever moment the kill came at.
        let (decisions, headings) = store_decisions(&store_dir);
        for d in &decisions {
            assert_eq!(d.reviewer, "tester");
        }
        for a in decisions.iter().map(|d| &d.anchor).chain(&headings) {
            let holds = page_texts
                .iter()
                .any(|(_, t)| t.get(a.start..a.end) == Some(a.text.as_str()));
            assert!(holds, "a stored anchor points at its text: {a:?}");
        }
    }
    // No file was ever found damaged: nothing was moved aside.
    let aside = std::fs::read_dir(&store_dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(aside, 0, "a kill left a damaged store file");
    // The new decision kinds were made and survived too.
    let (reviews, _) = Store::reader(&store_dir).list();
    let kinds = reviews
        .iter()
        .map(|r| {
            r.sections.len()
                + r.splits.len()
                + usize::from(r.not_a_report)
                + usize::from(r.join_previous)
                + r.figures.iter().filter(|d| d.span.is_some()).count()
        })
        .sum::<usize>();
    eprintln!("{kinds} heading, split, join, not-a-report and boundary decisions in the store");
    assert!(kinds > 0, "the keys made decisions of the new kinds");
    let elapsed = started.elapsed();
    eprintln!(
        "{kills} kills ({during_start} while starting, {checked} checked against the screen) \
         in {elapsed:?}; up to {most} decisions in the store"
    );
    assert!(kills >= 100);
    assert!(
        checked >= 50,
        "too few kills mid-review were checked: {checked}"
    );
    assert!(most > 0, "the keys made decisions at all");
}

#[test]
fn raw_mode_is_on_while_running_and_everything_is_restored_on_each_way_out() {
    let ws = workspace();
    for how in ["q", "C-c", "-TERM", "-HUP", "panic"] {
        let env: &[(&str, &str)] = if how == "panic" {
            &[("ZONGJIE_TEST_PANIC_KEY", "%")]
        } else {
            &[]
        };
        let mut s = start(ws.path(), env);
        s.wait_for("the list", loaded);
        assert!(s.screen.lock().unwrap().screen().alternate_screen());
        s.assert_raw();
        match how {
            "q" => s.send(b"q"),
            "C-c" => s.send(b"\x03"),
            "panic" => s.send(b"%"),
            sig => s.signal(sig),
        }
        s.wait_exit();
        s.assert_restored(how);
    }
}

#[test]
fn the_terminal_going_away_ends_the_process_within_2_s() {
    let ws = workspace();
    let mut s = start(ws.path(), &[]);
    s.wait_for("the list", loaded);
    // Drop every handle on the terminal's master side: the reader at its next
    // read (a key makes the workstation redraw), then the writer and the master.
    s.stop_reading.store(true, Ordering::SeqCst);
    s.send(b"j");
    let until = Instant::now() + Duration::from_secs(5);
    while !s.reader_done.load(Ordering::SeqCst) {
        assert!(Instant::now() < until, "reader never woke");
        s.send(b"k");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.writer = None;
    s.master = None;
    let gone = Instant::now();
    let exited = s.exited_within(Duration::from_secs(2));
    if !exited {
        let _ = s.child.kill();
    }
    assert!(exited, "still running 2 s after its terminal went away");
    eprintln!("exited {:?} after the terminal closed", gone.elapsed());
}
