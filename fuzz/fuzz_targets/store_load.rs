//! Any bytes as a store file: loading never panics, a damaged file is moved aside
//! (and then reads as absent), and a file that loads saves and loads back the same.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zongjie::review::{Store, StoreError};

const FILE: &str = "a.txt";
const REPORT: &str = "r1";

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

fuzz_target!(|data: &[u8]| {
    let fx = fixture();
    let store = &fx.store;
    clear(store);
    let path = store.path_for(FILE, REPORT);
    std::fs::write(&path, data).expect("write store file");

    let (listed, _errors) = store.list();
    // `list` moved a damaged file aside already; write it again for `load`.
    std::fs::write(&path, data).expect("write store file");
    match store.load(FILE, REPORT) {
        Ok(Some(review)) => {
            assert_eq!(listed.len(), 1, "load accepts what list refused");
            store.save(&review).expect("a loaded review saves");
            let again = store
                .load(&review.file, &review.report)
                .expect("a saved review loads")
                .expect("a saved review is there");
            let mut want = review;
            want.schema = again.schema.clone();
            assert_eq!(again, want, "save/load changed the review");
        }
        Ok(None) => panic!("a file that exists loaded as absent"),
        Err(StoreError::Corrupt { moved_to, .. }) => {
            assert!(moved_to.is_some(), "the writer moves a damaged file aside");
            assert!(!path.exists(), "damaged file still in place");
            assert!(
                matches!(store.load(FILE, REPORT), Ok(None)),
                "after moving aside, the review reads as absent"
            );
        }
        Err(StoreError::FutureSchema(..)) => {
            assert_eq!(
                std::fs::read(&path).expect("future file kept"),
                data,
                "a future-schema file is never rewritten"
            );
        }
        Err(e) => panic!("unexpected store error: {e}"),
    }
});
