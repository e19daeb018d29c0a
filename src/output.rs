//! What the command line writes: messages on standard error, standard output
//! that reports its write errors, and the file `export --out` replaces.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One line on standard error, `zongjie: ` first. Whatever it quotes from a page,
/// a file name or a store is escaped (`text::terminal_safe`), and a closed or
/// full standard error is no reason to panic: there is nowhere left to tell.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let msg = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "zongjie: {}", zongjie::text::terminal_safe(&msg));
    }};
}
pub(crate) use say;

/// Standard output failed (a full disk, a closed pipe): say so and exit 1,
/// since what was written is incomplete.
pub fn output_failed(e: &io::Error) -> ExitCode {
    say!("standard output: {e}; the output is incomplete");
    ExitCode::from(1)
}

/// Write all of `bytes` to standard output and flush it.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// A size on the command line: bytes, or a number with `K`, `M` or `G` (binary
/// units, `256M` = 256 MiB).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (bytes, or a number with K, M or G)"))?;
    n.checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("{s:?} is not a size from 1 byte to 16 EiB"))
}

/// Where an export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    /// A regular file, new or replaced whole (a link to one: the file it names).
    File(PathBuf),
}

/// The target `--out` names: `-` is standard output; anything that exists must be
/// a regular file (or a link to one), never a folder, a device, a FIFO or a
/// socket, which a rename would replace (`--out /dev/null` as root would break
/// the system).
pub fn export_target(out: Option<&Path>) -> Result<Target, String> {
    let Some(path) = out.filter(|p| p.as_os_str() != "-") else {
        return Ok(Target::Stdout);
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        // Nothing there yet (or a dangling link), or we may not look: the write tells.
        Err(_) => return Ok(Target::File(path.to_path_buf())),
    };
    if meta.is_file() {
        let linked = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        return Ok(match std::fs::canonicalize(path) {
            Ok(real) if linked => Target::File(real),
            _ => Target::File(path.to_path_buf()),
        });
    }
    Err(format!(
        "is {}, not a regular file (--out - writes to standard output)",
        file_kind(&meta)
    ))
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() { "a folder" } else { "special" }
}

/// Why `out` must not be written: it is one of the inputs (by any spelling, link
/// or hard link), or lies in the review store, whose files the store owns.
pub fn export_target_problem(
    out: &Path,
    paths: &[PathBuf],
    store_dir: &Path,
) -> Option<&'static str> {
    let parent = out.parent().filter(|d| !d.as_os_str().is_empty());
    let in_store = std::fs::canonicalize(parent.unwrap_or(Path::new(".")))
        .ok()
        .zip(std::fs::canonicalize(store_dir).ok())
        .is_some_and(|(p, s)| p.starts_with(s));
    if in_store {
        return Some("is inside the review store; export elsewhere");
    }
    if !out.exists() {
        return None;
    }
    let (inputs, _) = zongjie::load::collect_inputs(paths);
    inputs
        .iter()
        .any(|i| match i {
            zongjie::load::Input::File(p) => same_file(p, out),
            zongjie::load::Input::Stdin => false,
        })
        .then_some("is an input file; refusing to overwrite it")
}

/// Whether two paths name one file (hard links included where the OS says so).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
            return false;
        };
        x.dev() == y.dev() && x.ino() == y.ino()
    }
    #[cfg(not(unix))]
    {
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Write a whole file through a temp file beside it, so a failed export leaves no half file.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The temp file's own (absolute, random) name is no path the user gave: keep
    // only the OS reason, printed after the --out path.
    let plain = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => io::Error::other("no such folder"),
        io::ErrorKind::PermissionDenied => io::Error::other("permission denied"),
        k => io::Error::from(k),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(plain)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Longest expression `figure -` reads from one line; the rest of a longer
/// line is skipped, so a line with no end cannot fill the memory.
pub const MAX_EXPRESSION_BYTES: usize = 64 * 1024;

/// Read one line (without its `\n`) into `buf`, keeping at most `cap` bytes.
/// `None` at the end of input; `Some(true)` when the line was longer than `cap`.
pub fn read_line_capped(
    input: &mut impl io::BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let (mut seen, mut long) = (false, false);
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(seen.then_some(long));
        }
        seen = true;
        let (line, used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        long |= line.len() > room;
        buf.extend_from_slice(&line[..line.len().min(room)]);
        input.consume(used);
        if done {
            return Ok(Some(long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        for (s, want) in [
            ("1000", Ok(1000)),
            ("300M", Ok(300 << 20)),
            ("1g", Ok(1 << 30)),
            ("64K", Ok(64 << 10)),
            ("0", Err(())),
            ("-1", Err(())),
            ("12X", Err(())),
            ("99999999999G", Err(())),
        ] {
            assert_eq!(parse_size(s).map_err(|_| ()), want, "{s}");
        }
    }

    #[test]
    fn lines_are_capped() {
        let mut input = io::BufReader::with_capacity(4, &b"ab\ncdefgh\n\nij"[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(long) = read_line_capped(&mut input, &mut buf, 3).unwrap() {
            got.push((String::from_utf8(buf.clone()).unwrap(), long));
        }
        let want = [("ab", false), ("cde", true), ("", false), ("ij", false)];
        let want: Vec<(String, bool)> = want.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        assert_eq!(got, want);
    }
}
