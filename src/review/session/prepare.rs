//! A large file made ready to show on another thread. Showing a report reads
//! its file again when the text has left the cache (the source pane draws it),
//! and, if the report's details were dropped, splits the page before the one
//! report is parsed. On the 20 MB benchmark page that took 82–118 ms on the
//! key loop for the details (`examples/replay benches/replay-keys.txt
//! /tmp/bench10k --at 0.5`, the `j` onto it, end of issue 17's second stop)
//! and 101 ms for the text alone (the frame after a search lands on it). A
//! workstation asks [`Corpus::slow_to_show`] first and runs what it returns on
//! a thread; [`Corpus::hold`] takes the answer, and showing the report is then
//! at most the parse of that one report.
//!
//! The open report's anchors are made the same way, ahead of the edits that
//! need them (see `ahead`).

use std::sync::Arc;

use super::ahead::{AnchorsMade, AnchorsRequest};
use super::corpus::Corpus;
use super::files::{DiskText, FileBody, TextError};

/// Files smaller than this are made ready on the key loop: a split costs
/// about 60 instructions a byte (callgrind of `SplitText::new` on the
/// 300-file subset), a few milliseconds for a megabyte, less than a thread
/// and a second frame are worth.
pub const APART_FROM_BYTES: usize = 1 << 20;

/// What a large file needs before a report of it can be shown (read again,
/// and split for details, or only split), or the anchors of a report's
/// undecided figures.
#[derive(Debug, Clone)]
pub struct Preparation {
    file: usize,
    step: Step,
}

#[derive(Debug, Clone)]
enum Step {
    Read { disk: DiskText, split: bool },
    Split(Arc<FileBody>),
    Anchors(AnchorsRequest),
}

/// A file made ready (or why it could not be), or anchors made: for [`Corpus::hold`].
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    file: usize,
    made: Made,
}

#[derive(Debug, Clone, PartialEq)]
enum Made {
    Body {
        body: Result<Arc<FileBody>, TextError>,
        read: bool,
    },
    Anchors(AnchorsMade),
}

impl Preparation {
    /// The anchors of a report of file `file` (see `ahead`).
    pub(super) fn anchors(file: usize, request: AnchorsRequest) -> Preparation {
        Preparation {
            file,
            step: Step::Anchors(request),
        }
    }

    /// The file whose reports wait for this before they can be shown, if any
    /// (anchors made ahead keep nothing waiting).
    pub fn awaited_file(&self) -> Option<usize> {
        (!matches!(self.step, Step::Anchors(_))).then_some(self.file)
    }

    /// Read the file if it must be, and split it, or make the anchors: the
    /// slow part, for any thread.
    pub fn run(self) -> Prepared {
        let (body, read, split) = match self.step {
            Step::Split(body) => (Ok(body), false, true),
            Step::Read { disk, split } => {
                let body = disk.read().map(|t| Arc::new(FileBody::new(t)));
                (body, true, split)
            }
            Step::Anchors(request) => {
                return Prepared {
                    file: self.file,
                    made: Made::Anchors(request.make()),
                };
            }
        };
        if let Ok(b) = &body {
            // The source pane draws from the line table (14 ms for the 20 MB page).
            b.lines();
            if split {
                b.split();
            }
        }
        Prepared {
            file: self.file,
            made: Made::Body { body, read },
        }
    }
}

impl Prepared {
    /// The file whose reports waited for this, if any (see [`Preparation::awaited_file`]).
    pub fn awaited_file(&self) -> Option<usize> {
        matches!(self.made, Made::Body { .. }).then_some(self.file)
    }

    /// What was made, in a few words (the replay's timings name it).
    pub fn describe(&self) -> String {
        match &self.made {
            Made::Body { read: true, .. } => format!("file {} read (and split)", self.file),
            Made::Body { read: false, .. } => format!("file {} split", self.file),
            Made::Anchors(made) => format!("{} anchors of file {}", made.len(), self.file),
        }
    }
}

impl Corpus {
    /// What must be done apart before report `ei` can be shown, if its file
    /// is large and not ready: `None` when showing it is quick (its text is
    /// in memory and, if its details were dropped, split; or the file is
    /// small) or known to fail.
    pub fn slow_to_show(&self, ei: usize) -> Option<Preparation> {
        let s = self.sessions.get(ei)?;
        let split = !s.has_details();
        if split && self.details_failed(s.file) {
            return None;
        }
        let file = s.file;
        let step = match self.texts().cached(file, self.files.get(file)?)? {
            Ok(body) if split && body.text.len() >= APART_FROM_BYTES && !body.has_split() => {
                Step::Split(body)
            }
            Err(disk) if disk.len() >= APART_FROM_BYTES => Step::Read {
                disk: disk.clone(),
                split,
            },
            _ => return None,
        };
        Some(Preparation { file, step })
    }

    /// Take what was made on another thread: a file kept as the file used
    /// last (or its error remembered), so showing its reports reads nothing;
    /// anchors kept for the edits of the open report.
    pub fn hold(&mut self, p: Prepared) {
        match p.made {
            Made::Body { body, read } => self.texts_mut().hold(p.file, body, read),
            Made::Anchors(made) => self.hold_anchors(made),
        }
    }
}
