//! The writer lock: one `.lock` file in the store folder naming its owner.
//!
//! The lock file is created whole (written to a temp file, then hard-linked into
//! place, which fails if a lock exists), so a reader never sees a half-written
//! owner. A lock left by a process that died on this host (its pid is gone) is
//! stale and taken over; a lock from another host is respected, since its
//! owner cannot be checked from here.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// File name of the lock inside the store folder.
pub const LOCK_FILE: &str = ".lock";

/// Who holds a store's lock.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LockOwner {
    pub pid: u32,
    pub host: String,
    /// RFC 3339 time the lock was taken.
    pub since: String,
    /// Tells this holder's lock from a later one that reused the pid.
    #[serde(default)]
    pub token: String,
}

impl LockOwner {
    fn me() -> LockOwner {
        let token = format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(
                format!("{}{:?}", std::process::id(), std::time::SystemTime::now()).as_bytes()
            )
        );
        LockOwner {
            pid: std::process::id(),
            host: this_host(),
            since: super::schema::now_rfc3339(),
            token,
        }
    }

    /// "pid 123 on host h since …", for messages.
    pub fn describe(&self) -> String {
        format!("pid {} on {} since {}", self.pid, self.host, self.since)
    }
}

pub fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// A held lock; released (the file removed, if still ours) when dropped.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
    owner: LockOwner,
}

/// Why a held lock is no longer ours.
#[derive(Debug)]
pub enum LockCheck {
    /// The lock file is ours still.
    Held,
    /// Removed, or now another owner's: the description says what is there now.
    Lost(String),
    /// It could not be read (the folder is gone or unreadable): not known to be lost.
    Unreadable(std::io::Error),
}

impl LockGuard {
    /// Whether the lock file still names this holder (same token): checked before
    /// every save, so a writer whose lock was removed never overwrites another's work.
    pub fn verify(&self) -> LockCheck {
        match std::fs::read(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                LockCheck::Lost(format!("the lock file {} was removed", self.path.display()))
            }
            Err(e) => LockCheck::Unreadable(e),
            Ok(bytes) => match serde_json::from_slice::<LockOwner>(&bytes) {
                Ok(o) if o == self.owner => LockCheck::Held,
                Ok(o) => LockCheck::Lost(format!("the lock is now held by {}", o.describe())),
                Err(_) => LockCheck::Lost(format!(
                    "the lock file {} was replaced by something unreadable",
                    self.path.display()
                )),
            },
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if read_owner(&self.path).is_some_and(|o| o == self.owner) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// What trying the lock gave.
#[derive(Debug)]
pub enum Acquired {
    Held(LockGuard),
    /// Another live (or unverifiable) owner holds it: this description says who.
    Busy(String),
}

/// Try to take the lock of store folder `dir`, taking over a stale one.
pub fn acquire(dir: &Path) -> std::io::Result<Acquired> {
    let path = dir.join(LOCK_FILE);
    let me = LockOwner::me();
    for _ in 0..3 {
        if try_create(dir, &path, &me)? {
            return Ok(Acquired::Held(LockGuard { path, owner: me }));
        }
        match read_owner(&path) {
            Some(o) if is_stale(&o) => {
                let _ = std::fs::remove_file(&path);
            }
            Some(o) => return Ok(Acquired::Busy(o.describe())),
            None => {
                // Unreadable lock: only a crash between create and write leaves one
                // (older builds without hard links); trust it for a minute.
                let age = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok());
                match age {
                    Some(a) if a.as_secs() > 60 => {
                        let _ = std::fs::remove_file(&path);
                    }
                    None if !path.exists() => {}
                    _ => {
                        return Ok(Acquired::Busy(format!(
                            "an unreadable lock {}",
                            path.display()
                        )));
                    }
                }
            }
        }
    }
    Ok(Acquired::Busy(format!(
        "another instance (lock {} keeps changing)",
        path.display()
    )))
}

/// Create the lock file with our owner record; `false` if one exists.
fn try_create(dir: &Path, path: &Path, me: &LockOwner) -> std::io::Result<bool> {
    let body = serde_json::to_vec(me).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{}lock-", super::disk::temp_prefix()))
        .suffix(".part")
        .tempfile_in(dir)?;
    tmp.write_all(&body)?;
    tmp.as_file().sync_all()?;
    match std::fs::hard_link(tmp.path(), path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) => {
            // A file system without hard links: exclusive create, then write.
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut f) => {
                    f.write_all(&body)?;
                    f.sync_all()?;
                    Ok(true)
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(e),
            }
        }
    }
}

fn read_owner(path: &Path) -> Option<LockOwner> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether the current owner of the lock, as recorded, is gone.
pub fn current_owner(dir: &Path) -> Option<LockOwner> {
    read_owner(&dir.join(LOCK_FILE))
}

fn is_stale(o: &LockOwner) -> bool {
    o.host == this_host() && !pid_alive(o.pid)
}

#[cfg(target_os = "linux")]
pub(super) fn pid_alive(pid: u32) -> bool {
    // A zombie (killed, not yet reaped by its parent) holds nothing.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn pid_alive(_pid: u32) -> bool {
    // Cannot check cheaply here: assume alive, so the lock is respected.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_is_busy_and_drop_releases() {
        let d = tempfile::tempdir().unwrap();
        let Acquired::Held(g) = acquire(d.path()).unwrap() else {
            panic!("first lock should be free")
        };
        match acquire(d.path()).unwrap() {
            Acquired::Busy(who) => assert!(who.contains(&std::process::id().to_string())),
            Acquired::Held(_) => panic!("second lock should be busy"),
        }
        assert!(matches!(g.verify(), LockCheck::Held));
        drop(g);
        assert!(!d.path().join(LOCK_FILE).exists());
        assert!(matches!(acquire(d.path()).unwrap(), Acquired::Held(_)));
    }

    #[test]
    fn a_removed_or_replaced_lock_is_lost() {
        let d = tempfile::tempdir().unwrap();
        let Acquired::Held(g) = acquire(d.path()).unwrap() else {
            panic!("free")
        };
        std::fs::remove_file(d.path().join(LOCK_FILE)).unwrap();
        assert!(matches!(g.verify(), LockCheck::Lost(ref m) if m.contains("removed")));
        // A second writer takes the free lock: the first sees it is someone else's.
        let Acquired::Held(g2) = acquire(d.path()).unwrap() else {
            panic!("free again")
        };
        assert!(matches!(g.verify(), LockCheck::Lost(ref m) if m.contains("now held by")));
        assert!(matches!(g2.verify(), LockCheck::Held));
        drop(g);
        assert!(
            d.path().join(LOCK_FILE).exists(),
            "not removed by the old holder"
        );
    }

    #[test]
    fn stale_lock_of_dead_pid_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let dead = LockOwner {
            pid: u32::MAX - 7, // no such process
            host: this_host(),
            since: "2020-01-01T00:00:00Z".into(),
            token: "x".into(),
        };
        std::fs::write(d.path().join(LOCK_FILE), serde_json::to_vec(&dead).unwrap()).unwrap();
        assert!(matches!(acquire(d.path()).unwrap(), Acquired::Held(_)));
    }

    #[test]
    fn lock_of_other_host_is_respected() {
        let d = tempfile::tempdir().unwrap();
        let other = LockOwner {
            pid: 1,
            host: format!("{}-elsewhere", this_host()),
            since: "2020-01-01T00:00:00Z".into(),
            token: "x".into(),
        };
        std::fs::write(
            d.path().join(LOCK_FILE),
            serde_json::to_vec(&other).unwrap(),
        )
        .unwrap();
        match acquire(d.path()).unwrap() {
            Acquired::Busy(who) => assert!(who.contains("-elsewhere")),
            Acquired::Held(_) => panic!("foreign lock must hold"),
        }
    }
}
