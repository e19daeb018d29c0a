//! Any bytes as a store file: loading never panics, a damaged file is moved aside
//! (and then reads as absent), and a file that loads saves and loads back the same.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::review::Store;

// The checks, shared with the replay of kept inputs (`tests/fuzz_regressions.rs`).
#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            tempfile::tempdir_in("/dev/shm")
        } else {
            tempfile::tempdir()
        }
        .expect("temp dir");
        let store = Store::open(&base.path().join("store")).expect("open store");
        assert!(store.read_only().is_none(), "fuzz store must be writable");
        Fixture { _dir: base, store }
    })
}

fn clear(store: &Store) {
    for e in std::fs::read_dir(&store.dir)
        .expect("read store dir")
        .flatten()
    {
        let name = e.file_name();
        if name.to_string_lossy() != zongjie::review::LOCK_FILE {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

// One store for the whole run (in `/dev/shm` where there is one), emptied of
// review files before each input.
fuzz_target!(|data: &[u8]| {
    let store = &fixture().store;
    clear(store);
    checks::store_load(store, data);
});
