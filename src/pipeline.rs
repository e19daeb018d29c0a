//! From a decoded document to its reports: page split, outline, figures, flags.

use std::ops::Range;

use crate::figures;
use crate::load::Document;
use crate::model::{Figure, ParsedFile, Report, Section};
use crate::outline;
use crate::page;
use crate::relations;
use crate::text::Normalized;

/// Parse one decoded document into its reports.
pub fn parse_document(doc: &Document) -> ParsedFile {
    ParsedFile {
        file: doc.path.clone(),
        encoding: doc.encoding.to_string(),
        reports: parse_text(&doc.text),
    }
}

/// Parse a text (already decoded, BOM removed) into its reports.
pub fn parse_text(text: &str) -> Vec<Report> {
    SplitText::new(text).parse_map(text, |r| r)
}

/// A text split into its reports, none of them read yet: the folded text and
/// the page's reports with their bodies. Reports are read on their own, so one
/// report read from here is the same as in the whole parse: the workstation
/// keeps the split of a file it shows and reads one report of a 20 MB page
/// again without the other 2,000 (the split is most of the cost: 33 ms to
/// fold and 93 ms to split that page, `examples/replay`).
#[derive(Debug, Clone)]
pub struct SplitText {
    norm: Normalized,
    reports: Vec<page::PageReport>,
}

impl SplitText {
    pub fn new(text: &str) -> SplitText {
        let norm = Normalized::new(text);
        let reports = page::split_page(text, &norm).reports;
        SplitText { norm, reports }
    }

    /// The reports' ids, in text order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.reports.iter().map(|r| r.report.id.as_str())
    }

    /// Bytes held (the folded text and the reports' bodies).
    pub fn bytes(&self) -> usize {
        let bodies: usize = self.reports.iter().map(|r| r.body.len()).sum();
        self.norm.text.len() + bodies * std::mem::size_of::<std::ops::Range<usize>>()
    }

    /// Every report read, each handed to `finish` as it is (on all cores: a
    /// page of a thousand reports uses every core), in text order.
    pub fn parse_map<T: Send>(&self, text: &str, finish: impl Fn(Report) -> T + Sync) -> Vec<T> {
        use rayon::prelude::*;
        let norm = &self.norm;
        self.reports
            .par_iter()
            .map(|pr| finish(read_report(text, norm, pr.clone())))
            .collect()
    }

    /// How many reports the page has.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// Report `k` of the page read.
    pub fn parse_one(&self, text: &str, k: usize) -> Option<Report> {
        let pr = self.reports.get(k)?;
        Some(read_report(text, &self.norm, pr.clone()))
    }

    /// The reports, those whose span `wanted` keeps read, the others as the
    /// page split found them (id, span, title, chrome).
    pub fn parse_where(&self, text: &str, wanted: impl Fn(Range<usize>) -> bool) -> Vec<Report> {
        self.reports
            .iter()
            .map(|pr| {
                let span = pr.report.start..pr.report.end;
                if wanted(span) {
                    read_report(text, &self.norm, pr.clone())
                } else {
                    pr.report.clone()
                }
            })
            .collect()
    }
}

/// One report of the page read: outline, metadata, figures, flags, relations.
fn read_report(text: &str, norm: &Normalized, mut pr: page::PageReport) -> Report {
    let outline = outline::parse_outline(text, norm, &pr.body, pr.report.end);
    // Metadata is read from the opening, which the outline bounds.
    pr.read_meta(text, norm, outline.opening_end(pr.report.end));
    let mut report = pr.report;
    let (mut figs, fig_warnings) = figures::extract_figures(text, norm, &pr.body);
    assign_sections(&mut figs, &outline.sections);
    let flag_warnings = figures::report_flags(&mut figs);
    report.relations = relations::find_relations(text, norm, &figs);
    let relation_warnings = relations::warnings(&report.relations, &figs);
    report.sections = outline.sections;
    report.figures = figs;
    report.warnings.extend(outline.warnings);
    report.warnings.extend(fig_warnings);
    report.warnings.extend(flag_warnings);
    report.warnings.extend(relation_warnings);
    report
}

/// What a long run tells whoever watches it: how many inputs it has, then
/// each one finished (in input order). The command line draws a bar from it;
/// `()` watches nothing.
pub trait Progress {
    fn start(&mut self, _total: usize) {}
    fn advance(&mut self) {}
}

impl Progress for () {}

/// How far ahead of the input the sink waits for the work may run. A large input
/// early in the list must not leave the other cores idle (with a window of 128
/// inputs, the 20 MB page of /tmp/bench10k parsed alone for half a second while
/// the other core, done with its 127 files, waited), yet the results waiting
/// must stay a small, bounded part of a large corpus.
mod ahead {
    /// Results finished and waiting for the sink, at most, in the caller's
    /// weight (bytes of output for `parse`).
    pub const HELD_WEIGHT: usize = 64 << 20;
    /// Inputs started and not yet finished, at most: enough to keep every core
    /// busy between two wakes of the sink.
    pub const IN_FLIGHT: usize = 32;
    /// Inputs past the one the sink waits for, at most, however light.
    pub const ITEMS: usize = 4096;
}

/// Run `work` over `items` on all cores and hand each result to `sink` in the
/// items' order: output stays deterministic. Each input is a task of its own,
/// started while the results waiting weigh (by `weigh`) less than
/// `ahead::HELD_WEIGHT`, so a large file does not hold a core idle while it
/// ends, and memory holds a bounded weight of results.
/// `sink` returns `false` to stop (a closed pipe): no further input is started,
/// and those started are dropped.
pub fn map_ordered<I, T, W, G, S>(items: &[I], work: W, weigh: G, mut sink: S)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync + Send,
    G: Fn(&T) -> usize + Sync + Send,
    S: FnMut(T) -> bool,
{
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Condvar, Mutex};
    let board: Mutex<Board<T>> = Mutex::new(Board::default());
    let ready = Condvar::new();
    let stopped = AtomicBool::new(false);
    let panicked = AtomicBool::new(false);
    let (work, weigh, board, ready) = (&work, &weigh, &board, &ready);
    let (stopped, panicked) = (&stopped, &panicked);
    rayon::in_place_scope(|scope| {
        let (mut next, mut started) = (0, 0);
        let mut b = lock(board);
        while next < items.len() {
            while started < items.len() && b.may_start(started, next) {
                let i = started;
                scope.spawn(move |_| {
                    if stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    // wakes the sink even if `work` panics, which it then stops on
                    let _wake = Wake { ready, panicked };
                    let result = work(&items[i]);
                    let w = weigh(&result);
                    lock(board).finish(i, result, w);
                });
                started += 1;
            }
            if let Some(result) = b.take(next) {
                drop(b);
                if !sink(result) {
                    stopped.store(true, Ordering::Relaxed);
                    lock(board).done.clear();
                    return;
                }
                next += 1;
                b = lock(board);
            } else if panicked.load(Ordering::Relaxed) {
                // the scope raises the task's panic again at its end
                return;
            } else {
                b = ready.wait(b).unwrap_or_else(|e| e.into_inner());
            }
        }
    });
}

/// What `map_ordered`'s tasks have finished: results by input index, with
/// their weight, and how many tasks ended.
struct Board<T> {
    done: std::collections::BTreeMap<usize, (T, usize)>,
    held: usize,
    ended: usize,
}

impl<T> Default for Board<T> {
    fn default() -> Self {
        Board {
            done: std::collections::BTreeMap::new(),
            held: 0,
            ended: 0,
        }
    }
}

impl<T> Board<T> {
    /// Whether input `i` may start while the sink waits for input `next`.
    /// Input `next` itself always may: nothing after it can be held then.
    fn may_start(&self, i: usize, next: usize) -> bool {
        i == next
            || (i - self.ended < ahead::IN_FLIGHT
                && i < next + ahead::ITEMS
                && self.held < ahead::HELD_WEIGHT)
    }

    fn finish(&mut self, i: usize, result: T, weight: usize) {
        self.held += weight;
        self.ended += 1;
        self.done.insert(i, (result, weight));
    }

    fn take(&mut self, i: usize) -> Option<T> {
        let (result, weight) = self.done.remove(&i)?;
        self.held -= weight;
        Some(result)
    }
}

/// Tells the sink that a task ended, and whether it panicked, when dropped.
struct Wake<'a> {
    ready: &'a std::sync::Condvar,
    panicked: &'a std::sync::atomic::AtomicBool,
}

impl Drop for Wake<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.panicked
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.ready.notify_all();
    }
}

/// The lock, even if a task panicked while holding it (the map it guards is
/// whole between two statements).
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Point each figure at its innermost section: the last section that starts at
/// or before it and whose body still holds it. One binary search a figure: the
/// scan of every section for every figure it replaces took 11 s for 40,000
/// headings each with a figure (issue 18).
pub fn assign_sections(figures: &mut [Figure], sections: &[Section]) {
    let lookup = SectionLookup::new(sections);
    for f in figures.iter_mut() {
        f.section = lookup.innermost(f.start).map(|s| s.id.clone());
    }
}

/// Which section holds a byte offset, in O(log n + depth) a question.
///
/// The sections holding an offset all hold the start of the last section that
/// starts at or before it, so they are among the sections still open there:
/// a stack built once, in one pass, keeps for each section the open one below it.
pub struct SectionLookup<'a> {
    sections: &'a [Section],
    /// For each section, the section below it on the stack of open sections.
    enclosing: Vec<Option<usize>>,
    /// The sections are in document order (an outline's always are); if not,
    /// each question scans them all.
    sorted: bool,
}

impl<'a> SectionLookup<'a> {
    pub fn new(sections: &'a [Section]) -> Self {
        let sorted = sections.is_sorted_by_key(|s| s.start);
        let mut enclosing = Vec::with_capacity(sections.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            while open.last().is_some_and(|&j| sections[j].end <= s.start) {
                open.pop();
            }
            enclosing.push(open.last().copied());
            open.push(i);
        }
        SectionLookup {
            sections,
            enclosing,
            sorted,
        }
    }

    /// The innermost section holding byte `at`: of those with `start <= at < end`,
    /// the deepest, then the one that starts last.
    pub fn innermost(&self, at: usize) -> Option<&'a Section> {
        let holds = |&(_, s): &(usize, &Section)| s.start <= at && at < s.end;
        // The index breaks ties as a scan in document order would.
        let key = |&(k, s): &(usize, &Section)| (s.level, s.start, k);
        let found = if self.sorted {
            let last = self
                .sections
                .partition_point(|s| s.start <= at)
                .checked_sub(1);
            std::iter::successors(last, |&k| self.enclosing[k])
                .map(|k| (k, &self.sections[k]))
                .filter(holds)
                .max_by_key(key)
        } else {
            self.sections
                .iter()
                .enumerate()
                .filter(holds)
                .max_by_key(key)
        };
        found.map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_ordered_keeps_order_and_stops_when_asked() {
        let items: Vec<usize> = (0..500).collect();
        let mut seen = Vec::new();
        map_ordered(
            &items,
            |i| i * 2,
            |_| 1,
            |v| {
                seen.push(v);
                v < 300
            },
        );
        assert_eq!(seen, (0..=150).map(|i| i * 2).collect::<Vec<_>>());
    }

    /// Runs `map_ordered` on a pool of three threads, whatever the machine has:
    /// the sink waits on one (as `parse`'s main thread waits beside the pool),
    /// one works on the first input, one on the rest.
    fn on_two_threads(run: impl FnOnce() + Send) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build();
        pool.expect("a pool of three threads").install(run);
    }

    /// Waits until `count` reaches `at_least` (or 10 s pass), then says what it is.
    fn wait_for(count: &std::sync::atomic::AtomicUsize, at_least: usize) -> usize {
        use std::sync::atomic::Ordering;
        let since = std::time::Instant::now();
        while count.load(Ordering::SeqCst) < at_least && since.elapsed().as_secs() < 10 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        count.load(Ordering::SeqCst)
    }

    #[test]
    fn a_large_first_input_does_not_hold_the_other_core_idle() {
        // With a window of 128 inputs, the other core stopped after 127 files
        // while the 20 MB page at the head of /tmp/bench10k parsed: 0.5 s of
        // its 3.1 s on one core. Light results now run on past it.
        use std::sync::atomic::{AtomicUsize, Ordering};
        let others = AtomicUsize::new(0);
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        on_two_threads(|| {
            map_ordered(
                &items,
                |&i| match i {
                    0 => wait_for(&others, 900),
                    _ => others.fetch_add(1, Ordering::SeqCst),
                },
                |_| 1,
                |v| {
                    seen.push(v);
                    true
                },
            )
        });
        assert!(seen[0] >= 900, "only {} inputs ran past the first", seen[0]);
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn results_waiting_for_the_sink_stay_within_the_weight() {
        // Each result weighs a quarter of what may wait: once four wait behind
        // the first input, nothing new starts; those already started finish.
        use std::sync::atomic::{AtomicUsize, Ordering};
        let others = AtomicUsize::new(0);
        let items: Vec<usize> = (0..1000).collect();
        let mut first = None;
        on_two_threads(|| {
            map_ordered(
                &items,
                |&i| match i {
                    0 => {
                        wait_for(&others, 4);
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        others.load(Ordering::SeqCst)
                    }
                    _ => others.fetch_add(1, Ordering::SeqCst),
                },
                |_| ahead::HELD_WEIGHT / 4,
                |v| {
                    first.get_or_insert(v);
                    true
                },
            )
        });
        let ran_past = first.unwrap_or(0);
        assert!((4..=4 + ahead::IN_FLIGHT).contains(&ran_past), "{ran_past}");
    }

    #[test]
    fn a_panic_in_the_work_is_raised_not_waited_for() {
        // The sink waits for each input in turn: a task that panicked must wake
        // it, or the run would hang instead of failing.
        let items: Vec<usize> = (0..300).collect();
        let run = std::panic::catch_unwind(|| {
            map_ordered(
                &items,
                |&i| {
                    assert!(i != 7, "input 7");
                    i
                },
                |_| 1,
                |_| true,
            )
        });
        assert!(run.is_err());
    }
}
