//! The files of a session and their texts. A session over a large corpus does
//! not hold every file's text: a file read from disk keeps only its identity
//! (path, decoded length, hash), and its text and line table are read again
//! when something needs them (the open report, the source pane, an edit),
//! through a small cache of the files used last. A file that changed on disk
//! since it was loaded is reported ([`TextError::Changed`]), never drawn with
//! the old offsets.
//!
//! Measured on the 10,001-file benchmark corpus (174.5 MB): the texts and line
//! tables held whole were 180 MB of the workstation's 560 MB peak heap
//! (heaptrack, `examples/replay … /tmp/bench10k --at 0.5`).

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::load::{self, Input};
use crate::pipeline::SplitText;
use crate::text::{Line, split_lines};

/// Files kept in the cache of texts read again, at most …
const CACHE_FILES: usize = 8;
/// … and at most this many bytes of text (the newest file is always kept).
const CACHE_BYTES: usize = 32 << 20;

/// One file with its text: what the loader makes and `export` reads.
#[derive(Debug, Clone)]
pub struct FileText {
    /// The path as found on disk (as the user named it).
    pub path: String,
    /// The name the store files its reviews under (see `review::file_key`).
    pub key: String,
    pub encoding: String,
    pub text: Arc<str>,
    /// Where the text can be read again; `None` for a text that is only in
    /// memory (standard input, tests), which a session then holds whole.
    pub disk: Option<DiskText>,
    /// The text split into its reports, when the reader hands it on (the
    /// file the workstation shows first: its first report is read again from
    /// it without splitting the page twice).
    pub split: Option<Arc<SplitText>>,
}

impl FileText {
    pub fn new(path: String, key: String, encoding: String, text: String) -> FileText {
        FileText {
            text: Arc::from(text),
            path,
            key,
            encoding,
            disk: None,
            split: None,
        }
    }

    /// The same text, known to be the decoded content of file `on_disk`: a
    /// session may drop it and read it again from there.
    pub fn read_from(mut self, on_disk: PathBuf) -> FileText {
        self.disk = Some(DiskText::of(on_disk, &self.text));
        self
    }
}

/// A file's decoded text with its line table, shared while something uses it.
#[derive(Debug, Clone, Default)]
pub struct FileBody {
    pub text: Arc<str>,
    /// Line ranges of `text`, made when first asked for: a file only searched
    /// or edited by a decision never needs them.
    lines: OnceLock<Vec<Line>>,
    /// The text split into its reports, made when a report's details are
    /// read again (see `details`): the next report of the file shown is read
    /// without splitting the page again.
    split: OnceLock<Arc<SplitText>>,
}

impl PartialEq for FileBody {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl FileBody {
    pub fn new(text: Arc<str>) -> FileBody {
        FileBody {
            text,
            lines: OnceLock::new(),
            split: OnceLock::new(),
        }
    }

    /// The text split into its reports (made on first use).
    pub fn split(&self) -> &SplitText {
        self.split
            .get_or_init(|| Arc::new(SplitText::new(&self.text)))
    }

    /// Whether the text is split into its reports yet.
    pub fn has_split(&self) -> bool {
        self.split.get().is_some()
    }

    /// Line ranges of the text, for drawing and for "the line at the cursor".
    pub fn lines(&self) -> &[Line] {
        self.lines.get_or_init(|| split_lines(&self.text))
    }

    /// The line holding byte `at`, as a byte range (line end excluded).
    pub fn line_at(&self, at: usize) -> Option<(usize, usize)> {
        let lines = self.lines();
        let i = lines.partition_point(|l| l.end < at);
        lines.get(i).map(|l| (l.start, l.end))
    }

    /// Bytes held, as the cache counts them (the line table when made).
    fn bytes(&self) -> usize {
        let lines = self.lines.get().map_or(0, Vec::len);
        let split = self.split.get().map_or(0, |s| s.bytes());
        self.text.len() + lines * std::mem::size_of::<Line>() + split
    }
}

/// Where a file's text is on disk, and what it was when loaded: its decoded
/// length and hash, to tell a changed file from the one the offsets belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskText {
    pub path: PathBuf,
    len: usize,
    hash: u64,
}

impl DiskText {
    fn of(path: PathBuf, text: &str) -> DiskText {
        DiskText {
            path,
            len: text.len(),
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }
    }

    /// The decoded text's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Read and decode the file again; an error if it is not the text it was.
    pub fn read(&self) -> Result<Arc<str>, TextError> {
        let shown = self.path.display().to_string();
        let doc =
            load::load(&Input::File(self.path.clone())).map_err(|d| TextError::Unreadable {
                path: shown.clone(),
                reason: d.message,
            })?;
        if doc.text.len() != self.len
            || xxhash_rust::xxh3::xxh3_64(doc.text.as_bytes()) != self.hash
        {
            return Err(TextError::Changed { path: shown });
        }
        Ok(Arc::from(doc.text))
    }
}

/// Why a file's text cannot be had again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// The file on disk is no longer the text its reports were read from.
    Changed { path: String },
    /// The file could not be read again (gone, unreadable).
    Unreadable { path: String, reason: String },
    /// Parsed again, the file did not give the reports it gave when loaded
    /// (a parser that is not deterministic, or a layout laid out otherwise).
    Reparsed { path: String },
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextError::Changed { path } => write!(
                f,
                "{path} changed on disk since it was loaded: restart the review to read it again"
            ),
            TextError::Unreadable { path, reason } => {
                write!(f, "{path} cannot be read again: {reason}")
            }
            TextError::Reparsed { path } => write!(
                f,
                "{path} parsed again does not give the reports it gave when loaded: restart the review"
            ),
        }
    }
}

impl std::error::Error for TextError {}

/// A file of a session: its names, and where its text is.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: String,
    pub key: String,
    pub encoding: String,
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    /// Only in memory: held for the whole session.
    Held(Arc<FileBody>),
    /// On disk: read again when needed.
    Disk(DiskText),
}

impl CorpusFile {
    /// Whether the text can be read again from disk (else the session holds it).
    pub fn on_disk(&self) -> bool {
        matches!(self.source, Source::Disk(_))
    }

    /// The file as a session keeps it, and its text if the session must hold
    /// it (it cannot be read again) or `None`.
    fn new(file: FileText) -> (CorpusFile, Option<Arc<FileBody>>) {
        let mut body = FileBody::new(file.text);
        if let Some(split) = file.split {
            body.split = OnceLock::from(split);
        }
        let body = Arc::new(body);
        let (source, spare) = match file.disk {
            Some(d) => (Source::Disk(d), Some(body)),
            None => (Source::Held(body), None),
        };
        let f = CorpusFile {
            path: file.path,
            key: file.key,
            encoding: file.encoding,
            source,
        };
        (f, spare)
    }
}

/// Where a search finds a file's text: in memory, or on disk to read on the
/// searching thread.
#[derive(Debug, Clone, PartialEq)]
pub enum TextSource {
    Held(Arc<str>),
    Disk(DiskText),
}

impl TextSource {
    pub fn text(&self) -> Result<Arc<str>, TextError> {
        match self {
            TextSource::Held(t) => Ok(t.clone()),
            TextSource::Disk(d) => d.read(),
        }
    }
}

/// The texts read again, newest first, and the files that failed (asked
/// again, they fail again without a read: a draw asks on every frame).
#[derive(Debug, Default)]
pub(super) struct TextCache {
    held: VecDeque<(usize, Arc<FileBody>)>,
    failed: HashMap<usize, TextError>,
    /// Reads from disk so far (tests and benchmarks read it).
    reads: usize,
}

impl TextCache {
    /// File `fi`'s text and lines: held, cached, or read again.
    pub(super) fn body(
        &mut self,
        fi: usize,
        file: &CorpusFile,
    ) -> Result<Arc<FileBody>, TextError> {
        let disk = match &file.source {
            Source::Held(b) => return Ok(b.clone()),
            Source::Disk(d) => d,
        };
        if let Some(i) = self.held.iter().position(|(f, _)| *f == fi) {
            let hit = self.held.remove(i).map(|(_, b)| b);
            if let Some(b) = hit {
                self.held.push_front((fi, b.clone()));
                return Ok(b);
            }
        }
        if let Some(e) = self.failed.get(&fi) {
            return Err(e.clone());
        }
        self.reads += 1;
        match disk.read() {
            Ok(text) => {
                let body = Arc::new(FileBody::new(text));
                self.held.push_front((fi, body.clone()));
                self.trim();
                Ok(body)
            }
            Err(e) => {
                self.failed.insert(fi, e.clone());
                Err(e)
            }
        }
    }

    /// File `fi`'s text if it is in memory now (`Ok`), or where to read it
    /// (`Err`); `None` if reading it failed before.
    pub(super) fn cached<'f>(
        &self,
        fi: usize,
        file: &'f CorpusFile,
    ) -> Option<Result<Arc<FileBody>, &'f DiskText>> {
        let disk = match &file.source {
            Source::Held(b) => return Some(Ok(b.clone())),
            Source::Disk(d) => d,
        };
        if self.failed.contains_key(&fi) {
            return None;
        }
        let hit = self.held.iter().find(|(f, _)| *f == fi);
        Some(hit.map(|(_, b)| b.clone()).ok_or(disk))
    }

    /// Keep file `fi`'s text, read (`read`) or split on another thread, as the
    /// file used last; or remember why it could not be read.
    pub(super) fn hold(&mut self, fi: usize, body: Result<Arc<FileBody>, TextError>, read: bool) {
        self.reads += usize::from(read);
        match body {
            Ok(b) => {
                self.held.retain(|(f, _)| *f != fi);
                self.held.push_front((fi, b));
                self.trim();
            }
            Err(e) => {
                self.failed.insert(fi, e);
            }
        }
    }

    /// File `fi`'s text if it is in memory now, or where to read it.
    pub(super) fn source(&self, fi: usize, file: &CorpusFile) -> TextSource {
        match &file.source {
            Source::Held(b) => TextSource::Held(b.text.clone()),
            Source::Disk(d) => self.held.iter().find(|(f, _)| *f == fi).map_or_else(
                || TextSource::Disk(d.clone()),
                |(_, b)| TextSource::Held(b.text.clone()),
            ),
        }
    }

    pub(super) fn reads(&self) -> usize {
        self.reads
    }

    pub(super) fn forget(&mut self) {
        self.held.clear();
    }

    /// Add file `fi` (index `fi` of `files`, as the corpus adds it), its text
    /// kept while there is room: as the least recently used, so a file loaded
    /// never pushes out one in use (the first file loaded is the one the
    /// first frame shows; it is not read twice).
    pub(super) fn add(&mut self, files: &mut Vec<CorpusFile>, file: FileText) {
        let (f, spare) = CorpusFile::new(file);
        if let Some(body) = spare {
            self.held.push_back((files.len(), body));
            self.trim();
        }
        files.push(f);
    }

    fn trim(&mut self) {
        let mut bytes: usize = self.held.iter().map(|(_, b)| b.bytes()).sum();
        while self.held.len() > 1 && (self.held.len() > CACHE_FILES || bytes > CACHE_BYTES) {
            if let Some((_, b)) = self.held.pop_back() {
                bytes -= b.bytes();
            }
        }
    }
}
