//! Anchors made ahead, on another thread, for the open report's undecided
//! figures. Accept-all on a report of 20,000 undecided figures makes 20,000
//! anchors (each figure's text and context fingerprint) in one key: about
//! four fifths of that key's instructions (`valgrind --tool=callgrind
//! --toggle-collect='*Corpus>::accept_all'` on `examples/replay
//! benches/replay-keys.txt --synthetic-mb 20`: 33.2 of 42.0 M at b89dbaa).
//!
//! An anchor depends only on the file's text and the figure's span, so one
//! made from the same text (the same [`FileBody`]) for the same span is the
//! anchor the key would make. The workstation asks [`Corpus::anchors_ahead`]
//! after each key and runs what it returns on a thread (as it does for a
//! large file's text, see `prepare`); [`Corpus::hold`] takes the answer, and
//! accept-all takes each anchor once. A key that comes before the answer
//! makes its anchors itself.
//!
//! The same thread makes room for the decisions: written for the first time,
//! the 6.8 MB of 20,000 new decisions cost the key 1,667 page faults (`perf
//! record -e page-faults` on the replay), 41 % of its time (`perf record -F
//! 20000 --call-graph dwarf`, samples under accept-all).

use std::sync::Arc;

use super::super::{Anchor, FigureDecision};
use super::corpus::Corpus;
use super::files::FileBody;
use super::prepare::Preparation;

/// Reports with fewer undecided figures make their anchors in the key: a
/// thousand take about a millisecond.
pub const AHEAD_FROM_FIGURES: usize = 1_000;

/// Nor are they made ahead for more than this many: what is made ahead is
/// held whether or not it is used (about 350 bytes a figure: peak memory of
/// the replay on the 20,000-figure report rose by 6.8 MB), so a page of a
/// million figures does not make a report's opening hold 350 MB more.
/// Accept-all on such a report makes its own.
pub const AHEAD_UP_TO_FIGURES: usize = 1 << 16;

/// Room for this many decisions more than asked for, for those the reviewer
/// adds before accept-all.
const SPARE_ROOM: usize = 256;

/// The anchors made ahead for the open report.
#[derive(Debug, Default)]
pub(super) struct Ahead {
    /// Bumped at each request, so a late answer to an older one is dropped.
    asked: u64,
    slot: Option<Slot>,
}

#[derive(Debug)]
struct Slot {
    body: Arc<FileBody>,
    /// The report's byte range (it names the report across splits and joins).
    report: (usize, usize),
    ready: Ready,
}

impl Slot {
    /// Whether it holds, or will hold, anchors still to be used.
    fn useful(&self) -> bool {
        self.ready.anchors.is_empty() || self.ready.left > 0
    }
}

/// What to make on another thread: the anchors of `spans` of `body`'s text,
/// and room for `room` decisions.
#[derive(Debug, Clone)]
pub(super) struct AnchorsRequest {
    body: Arc<FileBody>,
    spans: Vec<(usize, usize)>,
    room: usize,
    asked: u64,
}

/// What was made for an [`AnchorsRequest`].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct AnchorsMade {
    spans: Vec<(usize, usize)>,
    anchors: Vec<Anchor>,
    /// Empty, its memory written once (so it is in place).
    room: Vec<FigureDecision>,
    asked: u64,
}

impl AnchorsRequest {
    /// The slow part, for any thread.
    pub(super) fn make(self) -> AnchorsMade {
        let text = &self.body.text;
        let anchors = (self.spans.iter())
            .map(|&(s, e)| Anchor::new(text, s, e))
            .collect();
        let mut room = Vec::with_capacity(self.room);
        room.resize(self.room, FigureDecision::default());
        room.clear();
        AnchorsMade {
            spans: self.spans,
            anchors,
            room,
            asked: self.asked,
        }
    }
}

impl AnchorsMade {
    pub(super) fn len(&self) -> usize {
        self.anchors.len()
    }
}

/// The open report's anchors and room made ahead, lent to an edit, which
/// takes what it uses.
#[derive(Debug, Default)]
pub(super) struct Ready {
    /// Sorted, without repeats.
    spans: Vec<(usize, usize)>,
    /// One for each span once made (empty until then); `None` once taken.
    anchors: Vec<Option<Anchor>>,
    /// Anchors made and not yet taken.
    left: usize,
    room: Vec<FigureDecision>,
}

impl Ready {
    /// The anchor made for `start..end`, taken (each is used once).
    pub(super) fn take(&mut self, start: usize, end: usize) -> Option<Anchor> {
        let k = self.spans.binary_search(&(start, end)).ok()?;
        let anchor = self.anchors.get_mut(k)?.take()?;
        self.left -= 1;
        Some(anchor)
    }

    /// Room in `decisions` for `more`: the room made ahead if it is enough
    /// and theirs is not (the decisions move into it).
    pub(super) fn make_room(&mut self, decisions: &mut Vec<FigureDecision>, more: usize) {
        let need = decisions.len() + more;
        if decisions.capacity() < need && self.room.capacity() >= need {
            let mut room = std::mem::take(&mut self.room);
            room.append(decisions);
            *decisions = room;
        }
        decisions.reserve(more);
    }
}

impl Corpus {
    /// The anchors to make on another thread for report `open` (the report
    /// shown), if it has [`AHEAD_FROM_FIGURES`] to [`AHEAD_UP_TO_FIGURES`]
    /// figures without a decision
    /// and they are not made or asked for already. Anchors made for any other
    /// report are dropped here: only the open report's are kept.
    pub fn anchors_ahead(&mut self, open: Option<usize>) -> Option<Preparation> {
        let Some((file, body, report)) = open.and_then(|ei| self.text_of_shown(ei)) else {
            self.ahead.slot = None;
            return None;
        };
        let same = |s: &Slot| Arc::ptr_eq(&s.body, &body) && s.report == report;
        if self
            .ahead
            .slot
            .as_ref()
            .is_some_and(|s| same(s) && s.useful())
        {
            return None;
        }
        let (spans, decisions) = open.map(|ei| self.undecided_spans(ei)).unwrap_or_default();
        if !(AHEAD_FROM_FIGURES..=AHEAD_UP_TO_FIGURES).contains(&spans.len()) {
            self.ahead.slot = None;
            return None;
        }
        self.ahead.asked += 1;
        self.ahead.slot = Some(Slot {
            body: body.clone(),
            report,
            ready: Ready::default(),
        });
        let room = decisions + spans.len() + SPARE_ROOM;
        let request = AnchorsRequest {
            body,
            spans,
            room,
            asked: self.ahead.asked,
        };
        Some(Preparation::anchors(file, request))
    }

    /// Report `ei`'s file, its text if in memory, and the report's range, if
    /// its details are there.
    fn text_of_shown(&self, ei: usize) -> Option<(usize, Arc<FileBody>, (usize, usize))> {
        let s = self.sessions.get(ei).filter(|s| s.has_details())?;
        let body = self.texts().cached(s.file, self.files.get(s.file)?)?.ok()?;
        Some((s.file, body, (s.report.start, s.report.end)))
    }

    /// The spans of report `ei`'s figures without a decision, sorted, without
    /// repeats, and how many decisions its review holds.
    fn undecided_spans(&self, ei: usize) -> (Vec<(usize, usize)>, usize) {
        let Some(s) = self.sessions.get(ei) else {
            return (Vec::new(), 0);
        };
        let decided = |i: usize| {
            s.attach
                .figure_decisions
                .get(i)
                .is_some_and(Option::is_some)
        };
        let mut spans: Vec<(usize, usize)> = (s.report.figures.iter().enumerate())
            .filter(|&(i, _)| !decided(i))
            .map(|(_, f)| (f.start, f.end))
            .collect();
        spans.sort_unstable();
        spans.dedup();
        (spans, s.review.figures.len())
    }

    /// What was made for the latest request: kept if it is still the open report's.
    pub(super) fn hold_anchors(&mut self, made: AnchorsMade) {
        if made.asked != self.ahead.asked {
            return;
        }
        if let Some(s) = self.ahead.slot.as_mut() {
            s.ready = Ready {
                spans: made.spans,
                left: made.anchors.len(),
                anchors: made.anchors.into_iter().map(Some).collect(),
                room: made.room,
            };
        }
    }

    /// How many anchors made ahead wait to be taken.
    pub fn anchors_left(&self) -> usize {
        self.ahead.slot.as_ref().map_or(0, |s| s.ready.left)
    }

    /// What was made ahead from `body`'s text, lent to an edit (moved, not
    /// copied: 20,000 anchors in a large report); empty if nothing was.
    /// [`Corpus::give_back`] keeps what the edit did not take.
    pub(super) fn lend_ready(&mut self, body: &Arc<FileBody>) -> Ready {
        match self.ahead.slot.as_mut() {
            Some(s) if Arc::ptr_eq(&s.body, body) => std::mem::take(&mut s.ready),
            _ => Ready::default(),
        }
    }

    /// What [`Corpus::lend_ready`] lent, less what the edit took.
    pub(super) fn give_back(&mut self, ready: Ready) {
        if let Some(s) = self
            .ahead
            .slot
            .as_mut()
            .filter(|s| s.ready.anchors.is_empty())
        {
            s.ready = ready;
        }
    }
}
