//! A large file made ready to show on another thread. Showing a report whose
//! details were dropped reads its file again (when the text has left the
//! cache) and splits the page before the one report is parsed; on the 20 MB
//! benchmark page that took 82–118 ms on the key loop (`examples/replay
//! benches/replay-keys.txt /tmp/bench10k --at 0.5`, the `j` onto it, end of
//! issue 17's second stop). A workstation asks [`Corpus::slow_to_show`] first
//! and runs what it returns on a thread; [`Corpus::hold`] takes the answer,
//! and showing the report is then the parse of that one report.

use std::sync::Arc;

use super::corpus::Corpus;
use super::files::{DiskText, FileBody, TextError};

/// Files smaller than this are made ready on the key loop: a split costs
/// about 60 instructions a byte (callgrind of `SplitText::new` on the
/// 300-file subset), a few milliseconds for a megabyte, less than a thread
/// and a second frame are worth.
pub const APART_FROM_BYTES: usize = 1 << 20;

/// What a large file needs before a report of it can be shown: read again
/// and split, or only split.
#[derive(Debug, Clone)]
pub struct Preparation {
    file: usize,
    step: Step,
}

#[derive(Debug, Clone)]
enum Step {
    Read(DiskText),
    Split(Arc<FileBody>),
}

/// A file made ready (or why it could not be): for [`Corpus::hold`].
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    file: usize,
    body: Result<Arc<FileBody>, TextError>,
    read: bool,
}

impl Preparation {
    /// The file (its index in the corpus) this makes ready.
    pub fn file(&self) -> usize {
        self.file
    }

    /// Read the file if it must be, and split it: the slow part, for any
    /// thread.
    pub fn run(self) -> Prepared {
        let (body, read) = match self.step {
            Step::Split(body) => (Ok(body), false),
            Step::Read(disk) => (disk.read().map(|t| Arc::new(FileBody::new(t))), true),
        };
        if let Ok(b) = &body {
            b.split();
        }
        Prepared {
            file: self.file,
            body,
            read,
        }
    }
}

impl Prepared {
    pub fn file(&self) -> usize {
        self.file
    }
}

impl Corpus {
    /// What must be done apart before report `ei` can be shown, if its file
    /// is large and not ready: `None` when showing it is quick (its details
    /// are here, or its file is small or already split) or known to fail.
    pub fn slow_to_show(&self, ei: usize) -> Option<Preparation> {
        let s = self.sessions.get(ei)?;
        if s.has_details() || self.details_failed(s.file) {
            return None;
        }
        let file = s.file;
        let step = match self.texts().cached(file, self.files.get(file)?)? {
            Ok(body) if body.text.len() >= APART_FROM_BYTES && !body.has_split() => {
                Step::Split(body)
            }
            Err(disk) if disk.len() >= APART_FROM_BYTES => Step::Read(disk.clone()),
            _ => return None,
        };
        Some(Preparation { file, step })
    }

    /// Take a file made ready on another thread: kept as the file used last
    /// (or its error remembered), so showing its reports reads nothing.
    pub fn hold(&mut self, p: Prepared) {
        self.texts_mut().hold(p.file, p.body, p.read);
    }
}
