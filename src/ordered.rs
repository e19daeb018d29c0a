//! Work on every core, results in input order: [`map_ordered`].
//!
//! Each input is a task of its own, started by the sink's thread. A task that
//! ends wakes that thread only when a batch of results waits for it in order,
//! or a batch of inputs can start. On this 2-core VM a wake per input (a
//! context switch of the sink's thread each way) cost 0.2 s of kernel time on
//! /tmp/bench10k: waking for a batch took its context switches from 18,712 to
//! 2,033 (`perf stat`), system time from 0.39 s to 0.21 s and the run from
//! 2.22 s to 2.11 s (hyperfine, 5 runs, idle machine).

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far ahead of the input the sink waits for the work may run. A large input
/// early in the list must not leave the other cores idle (with a window of 128
/// inputs, the 20 MB page of /tmp/bench10k parsed alone for half a second while
/// the other core, done with its 127 files, waited), yet the results waiting
/// must stay a small, bounded part of a large corpus.
pub mod ahead {
    /// Results finished and waiting for the sink, at most, in the caller's
    /// weight (bytes of output for `parse`).
    pub const HELD_WEIGHT: usize = 64 << 20;
    /// Inputs started and not yet finished, at most: enough to keep every core
    /// busy.
    pub const IN_FLIGHT: usize = 32;
    /// Inputs past the one the sink waits for, at most, however light.
    pub const ITEMS: usize = 4096;
    /// Results waiting in order that wake the sink (fewer do at the end, or
    /// when nothing else can start until the sink takes them).
    pub const BATCH: usize = 16;
}

/// Run `work` over `items` on all cores and hand each result to `sink` in the
/// items' order: output stays deterministic, and the results waiting weigh (by
/// `weigh`) about `ahead::HELD_WEIGHT` at most, so a large file does not hold
/// a core idle while it ends, and memory stays bounded.
/// `sink` returns `false` to stop (a closed pipe): no further input is started,
/// and those started are dropped. A panic in `work` is raised again here.
pub fn map_ordered<I, T, W, G, S>(items: &[I], work: W, weigh: G, mut sink: S)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync + Send,
    G: Fn(&T) -> usize + Sync + Send,
    S: FnMut(T) -> bool,
{
    let run = Run {
        items,
        work: &work,
        weigh: &weigh,
        board: Mutex::new(Board::new(items.len())),
        ready: Condvar::new(),
    };
    let run = &run;
    rayon::in_place_scope(|scope| {
        let mut b = run.lock();
        run.start_allowed(&mut b, scope);
        loop {
            while let Some(result) = b.take_next() {
                drop(b);
                let go_on = sink(result);
                b = run.lock();
                if !go_on {
                    b.stopped = true;
                    b.done.clear();
                    return;
                }
            }
            // the scope raises the task's panic again at its end
            if b.next == items.len() || b.panicked {
                return;
            }
            run.start_allowed(&mut b, scope);
            b.sink_waits = true;
            b = run.ready.wait(b).unwrap_or_else(|e| e.into_inner());
            b.sink_waits = false;
        }
    });
}

/// What every task of one `map_ordered` shares.
struct Run<'a, I, T, W, G> {
    items: &'a [I],
    work: &'a W,
    weigh: &'a G,
    board: Mutex<Board<T>>,
    ready: Condvar,
}

impl<'a, I, T, W, G> Run<'a, I, T, W, G>
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    G: Fn(&T) -> usize + Sync,
{
    /// The board, even if a task panicked while holding it (it is whole
    /// between two statements).
    fn lock(&self) -> MutexGuard<'_, Board<T>> {
        self.board.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Start every input the board allows now (the sink's thread only: the
    /// tasks go to the pool's common queue, which its threads take in order).
    fn start_allowed<'s>(&'s self, b: &mut Board<T>, scope: &rayon::Scope<'s>)
    where
        'a: 's,
    {
        while b.may_start() {
            let i = b.started;
            b.started += 1;
            scope.spawn(move |_| self.task(i));
        }
    }

    fn task(&self, i: usize) {
        if self.lock().stopped {
            return;
        }
        let on_panic = OnPanic(self);
        let result = (self.work)(&self.items[i]);
        let weight = (self.weigh)(&result);
        std::mem::forget(on_panic);
        let mut b = self.lock();
        b.finish(i, result, weight);
        if b.sink_waits && b.worth_waking() {
            self.ready.notify_one();
        }
    }

    fn panicked(&self) {
        let mut b = self.lock();
        b.panicked = true;
        b.stopped = true;
        self.ready.notify_one();
    }
}

/// Tells the sink, when dropped while a task unwinds, that the task panicked:
/// the sink would otherwise wait for its result for ever.
struct OnPanic<'r, 'a, I, T, W, G>(&'r Run<'a, I, T, W, G>)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    G: Fn(&T) -> usize + Sync;

impl<I, T, W, G> Drop for OnPanic<'_, '_, I, T, W, G>
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    G: Fn(&T) -> usize + Sync,
{
    fn drop(&mut self) {
        self.0.panicked();
    }
}

/// Where the run is: inputs started and ended, results waiting by input
/// index with their weight, the next one the sink takes.
struct Board<T> {
    len: usize,
    started: usize,
    ended: usize,
    next: usize,
    done: BTreeMap<usize, (T, usize)>,
    held: usize,
    sink_waits: bool,
    stopped: bool,
    panicked: bool,
}

impl<T> Board<T> {
    fn new(len: usize) -> Self {
        Board {
            len,
            started: 0,
            ended: 0,
            next: 0,
            done: BTreeMap::new(),
            held: 0,
            sink_waits: false,
            stopped: false,
            panicked: false,
        }
    }

    /// Whether the next input may start. The one the sink waits for always
    /// may: nothing after it is held then.
    fn may_start(&self) -> bool {
        let i = self.started;
        i < self.len
            && !self.stopped
            && (i == self.next || (i - self.ended < ahead::IN_FLIGHT && !self.held_back()))
    }

    /// Whether only the sink can let further inputs start.
    fn held_back(&self) -> bool {
        self.started >= self.next + ahead::ITEMS || self.held >= ahead::HELD_WEIGHT
    }

    fn finish(&mut self, i: usize, result: T, weight: usize) {
        self.held += weight;
        self.ended += 1;
        self.done.insert(i, (result, weight));
    }

    fn take_next(&mut self) -> Option<T> {
        let (result, weight) = self.done.remove(&self.next)?;
        self.held -= weight;
        self.next += 1;
        Some(result)
    }

    /// Whether the sink has work: results to take (see `in_order_to_take`),
    /// or room to start a batch of inputs before the cores run dry.
    fn worth_waking(&self) -> bool {
        let in_flight = self.started - self.ended;
        let room = self.started < self.len
            && !self.held_back()
            && in_flight + ahead::BATCH <= ahead::IN_FLIGHT;
        room || self.in_order_to_take()
    }

    /// Whether results wait in order: a batch of them, or all that is left,
    /// or those the sink must take before anything else can start.
    fn in_order_to_take(&self) -> bool {
        let in_order = self
            .done
            .range(self.next..)
            .zip(self.next..)
            .take_while(|((k, _), want)| **k == *want)
            .take(ahead::BATCH)
            .count();
        in_order > 0
            && (in_order == ahead::BATCH
                || self.next + in_order == self.len
                || self.started == self.ended
                || self.held_back())
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

    #[test]
    fn runs_shorter_than_a_batch_reach_the_sink() {
        // the sink is woken for a batch, or for what is left at the end
        for n in [0, 1, 3, ahead::BATCH + 1] {
            let items: Vec<usize> = (0..n).collect();
            let mut seen = Vec::new();
            map_ordered(
                &items,
                |&i| i,
                |_| 1,
                |v| {
                    seen.push(v);
                    true
                },
            );
            assert_eq!(seen, items);
        }
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
