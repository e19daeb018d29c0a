//! The shared material beside the clone (`../shared`: gold sets, the scorer, peer
//! cases), found the same way by every test that reads it.

use std::path::PathBuf;

/// `$ZONGJIE_SHARED`, else `../shared` beside the clone, else `/work/shared`.
pub fn shared_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ZONGJIE_SHARED") {
        return Some(PathBuf::from(p));
    }
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if beside.is_dir() {
        return Some(beside);
    }
    let work = PathBuf::from("/work/shared");
    work.is_dir().then_some(work)
}

/// The shared folder, or `None` (said on stderr) where this machine has none. Under
/// CI (`$CI` set) a missing folder fails the test instead: CI always has it beside
/// the clone, and a check that silently skips there checks nothing.
pub fn require_shared(what: &str) -> Option<PathBuf> {
    let found = shared_dir();
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("../shared not found beside the clone ({what}); set ZONGJIE_SHARED");
        }
        eprintln!("skipping {what}: no shared folder (set ZONGJIE_SHARED)");
    }
    found
}
