//! The store's writes to disk, behind a trait so tests can make them fail the
//! way a full disk or a store turned read-only does.
//!
//! Every write goes through a temp file of the store's own name pattern
//! (`.zongjie-tmp-<host>-<pid>-…`): only files of that pattern, left by a process
//! of this host that is gone, are ever removed; anything else in the folder is
//! not the store's to delete.

use std::io::Write;
use std::path::Path;

/// Where the store's bytes go.
pub trait Disk: Send + Sync + std::fmt::Debug {
    /// Write `body` to `path` whole or not at all (`dir` is `path`'s folder).
    fn write_atomic(&self, dir: &Path, path: &Path, body: &[u8]) -> std::io::Result<()>;
    /// Remove a file the store wrote.
    fn remove(&self, path: &Path) -> std::io::Result<()>;
}

/// The real file system: temp file, fsync, rename, folder fsync.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealDisk;

impl Disk for RealDisk {
    fn write_atomic(&self, dir: &Path, path: &Path, body: &[u8]) -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(&temp_prefix())
            .suffix(".part")
            .tempfile_in(dir)?;
        tmp.write_all(body)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        sync_dir(dir);
        Ok(())
    }

    fn remove(&self, path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            r => {
                if let Some(dir) = path.parent() {
                    sync_dir(dir);
                }
                r
            }
        }
    }
}

/// A rename or removal must reach the disk too; not every platform can fsync a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What every temp file of the store starts with.
pub const TEMP_MARK: &str = ".zongjie-tmp-";

/// This process's temp file prefix: the mark, a hash of the host name, the pid.
pub fn temp_prefix() -> String {
    format!("{TEMP_MARK}{}-{}-", host_tag(), std::process::id())
}

fn host_tag() -> String {
    format!(
        "{:08x}",
        xxhash_rust::xxh3::xxh3_64(super::lock::this_host().as_bytes()) as u32
    )
}

/// Remove the temp files that a crashed writer of this store left: our own name
/// pattern, this host, a process that is gone. Returns how many were removed.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    let host = host_tag();
    let mut removed = 0;
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_MARK) else {
            continue;
        };
        let mut parts = rest.splitn(3, '-');
        let (Some(h), Some(pid)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if h == host && !super::lock::pid_alive(pid) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_stale_temp_files_are_removed() {
        let d = tempfile::tempdir().unwrap();
        let dead = u32::MAX - 7;
        let ours_dead = format!("{TEMP_MARK}{}-{dead}-abc.part", host_tag());
        let ours_live = format!("{}xyz.part", temp_prefix());
        let other_host = format!("{TEMP_MARK}00000000-{dead}-abc.part");
        for n in [
            ours_dead.as_str(),
            &ours_live,
            &other_host,
            ".tmp-someone-else",
            "notes.txt",
        ] {
            std::fs::write(d.path().join(n), "x").unwrap();
        }
        assert_eq!(remove_stale_temp_files(d.path()), 1);
        assert!(!d.path().join(&ours_dead).exists());
        for n in [&ours_live, &other_host, ".tmp-someone-else", "notes.txt"] {
            assert!(d.path().join(n).exists(), "{n} kept");
        }
    }
}
