//! Loading: which files a set of paths names, and each file's decoded text.

mod decode;
mod own;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use decode::{DecodeError, Decoded, decode, decode_owned};
pub use own::own_file;

use crate::review::STORE_DIR_NAME;

/// One decoded input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The path as the user named it (`-` for stdin).
    pub path: String,
    pub encoding: &'static str,
    /// Decoded text, BOM removed, line endings as in the file.
    pub text: String,
    /// Non-fatal remarks from decoding.
    pub notes: Vec<String>,
}

/// Something to read: a file found under the paths given, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Something to tell the user about one path. Printed as `zongjie: PATH: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
    /// The file was not read (the run goes on, and exits 1); otherwise a remark.
    pub skipped: bool,
}

impl Diagnostic {
    pub fn skipped(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            message: message.into(),
            skipped: true,
        }
    }

    pub fn note(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            message: message.into(),
            skipped: false,
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Expand the paths the user gave into inputs, in a stable order: a folder is
/// walked recursively (following links, but never round a loop; hidden entries and
/// review stores are skipped), `-` is standard input.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                diags.push(Diagnostic::skipped(p.display().to_string(), io_reason(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            inputs.push(Input::File(p.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_skipped_entry(e.path()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
                Ok(_) => {}
                Err(e) => diags.push(walk_diagnostic(p, &e)),
            }
        }
    }
    (inputs, diags)
}

/// Hidden files and folders, the review store, and a folder's own papers
/// (README, LICENSE, …) are not reports. A file named explicitly is always read.
fn is_skipped_entry(path: &Path) -> bool {
    const PAPERS: &[&str] = &[
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "changelog",
    ];
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        let lower = n.to_ascii_lowercase();
        n.starts_with('.') || n == STORE_DIR_NAME || PAPERS.iter().any(|p| lower.starts_with(p))
    })
}

fn walk_diagnostic(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(root).display().to_string();
    if let Some(anc) = e.loop_ancestor() {
        // Nothing is lost by not going round a loop: a remark, not a skipped file.
        return Diagnostic::note(
            path,
            format!("symbolic link loop back to {}; not followed", anc.display()),
        );
    }
    let message = e.io_error().map_or_else(|| e.to_string(), io_reason);
    Diagnostic::skipped(path, message)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// The size limit of one input when none is set (`--max-file-size`): a few
/// times the largest report page seen, far under what the machine can hold.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Set the size limit of one input, in bytes, for the rest of the run. A
/// larger file is skipped, judged from its metadata before it is read; a
/// stream (standard input, a pipe, a device) is read up to the limit only.
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// The size limit of one input, in bytes.
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// What a file's opening is read as before the rest: enough to see a binary
/// file (signature, NUL bytes) and skip it unread.
const HEAD_BYTES: u64 = 64 * 1024;

/// Read and decode one input.
pub fn load(input: &Input) -> Result<Document, Diagnostic> {
    let path = input.display();
    let skipped = |why: String| Diagnostic::skipped(path.clone(), why);
    let bytes = match input {
        Input::File(p) => read_file(p),
        Input::Stdin => read_limited(std::io::stdin().lock(), 0),
    }
    .map_err(&skipped)?;
    if let Some(what) = own_file(&bytes) {
        return Err(Diagnostic::note(
            path,
            format!("{what}, not a report; not read"),
        ));
    }
    let d = decode_owned(bytes).map_err(|e| skipped(e.to_string()))?;
    Ok(Document {
        path,
        encoding: d.encoding,
        text: d.text,
        notes: d.notes,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if meta.is_file() && meta.len() > max_file_size() {
        return Err(too_large(Some(meta.len())));
    }
    read_limited(file, meta.len())
}

/// Read at most the size limit (one byte past it says it is too large); the
/// opening first, and stop there if it is not text.
fn read_limited(input: impl Read, size_hint: u64) -> Result<Vec<u8>, String> {
    let limit = max_file_size();
    let mut input = input.take(limit.saturating_add(1));
    // Room for the whole file at once: growing by doubling would hold up to twice it.
    let room = size_hint.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    let io = |e: std::io::Error| io_reason(&e);
    (&mut input)
        .take(HEAD_BYTES)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 == HEAD_BYTES
        && let Some(e) = decode::sniff(&bytes)
    {
        return Err(e.to_string());
    }
    input.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

fn too_large(size: Option<u64>) -> String {
    let size = size.map_or_else(String::new, |s| format!("{}, ", size_text(s)));
    format!(
        "too large ({size}over the limit of {}; see --max-file-size)",
        size_text(max_file_size())
    )
}

/// `4096 MiB`, `1.5 MiB`, `100 bytes`.
fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b => format!("{b} bytes"),
    }
}

/// Decode bytes held in memory as if they were the file `path`.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<Document, Diagnostic> {
    let d = decode(bytes).map_err(|e| Diagnostic::skipped(path.to_string(), e.to_string()))?;
    Ok(Document {
        path: path.to_string(),
        encoding: d.encoding,
        text: d.text,
        notes: d.notes,
    })
}
