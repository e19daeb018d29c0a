use super::*;
use crate::review::disk::TEMP_MARK;
use crate::review::schema::{Anchor, DecisionStatus, FigureDecision};

fn sample() -> ReportReview {
    let mut r = ReportReview::new("sub/000.txt", "r1", "标题");
    r.figures.push(FigureDecision {
        anchor: Anchor::new("培训1800多名妇女", 6, 16),
        status: Some(DecisionStatus::Accepted),
        reviewer: "li".into(),
        at: "2026-01-01T00:00:00Z".into(),
        ..Default::default()
    });
    r
}

/// A disk whose writes fail as a full one does, while `full` is set.
#[derive(Debug, Default)]
pub struct FullDisk {
    pub full: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Disk for FullDisk {
    fn write_atomic(&self, dir: &Path, path: &Path, body: &[u8]) -> std::io::Result<()> {
        if self.full.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        RealDisk.write_atomic(dir, path, body)
    }
    fn remove(&self, path: &Path) -> std::io::Result<()> {
        RealDisk.remove(path)
    }
}

#[test]
fn save_load_round_trip_and_list() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(d.path()).unwrap();
    assert_eq!(s.read_only(), None);
    assert_eq!(s.load("sub/000.txt", "r1").unwrap(), None);
    let r = sample();
    s.save(&r).unwrap();
    assert_eq!(s.load("sub/000.txt", "r1").unwrap(), Some(r.clone()));
    let (all, errs) = s.list();
    assert_eq!(all, vec![r]);
    assert!(errs.is_empty());
    s.remove("sub/000.txt", "r1").unwrap();
    assert_eq!(s.load("sub/000.txt", "r1").unwrap(), None);
}

#[test]
fn file_names_are_safe_and_distinct() {
    for (f, r) in [
        ("../../etc/passwd", "r1"),
        ("a/b.txt", "r1"),
        ("a_b.txt", "r1"),
        ("报告.txt", "r/2"),
        (".hidden", ""),
    ] {
        let n = store_file_name(f, r);
        assert!(
            !n.contains('/') && !n.contains('\\') && !n.starts_with('.'),
            "{n}"
        );
        assert!(n.ends_with(".json"));
    }
    assert_ne!(
        store_file_name("a/b.txt", "r1"),
        store_file_name("a_b.txt", "r1")
    );
    assert_eq!(
        store_file_name("a/b.txt", "r1"),
        store_file_name("a/b.txt", "r1")
    );
}

#[test]
fn tag_set_from_file_or_default() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(d.path()).unwrap();
    assert_eq!(s.tag_set().len(), DEFAULT_TAGS.len());
    std::fs::write(
        d.path().join(TAGS_FILE),
        "\u{feff}# ours\n培训\n\n 存疑 # doubtful\n培训\n",
    )
    .unwrap();
    // The tag for an inconsistency the reviewer blames on the report stays offered.
    assert_eq!(s.tag_set(), vec!["培训", "存疑", REPORT_WRONG_TAG]);
}

/// Issue 18: opening the store deleted every `.tmp-*` file, whoever made it.
#[test]
fn temp_files_of_others_survive_open() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(".tmp-abc"), "someone's").unwrap();
    let stale = format!("{TEMP_MARK}{}", "x");
    std::fs::write(d.path().join(&stale), "not ours either: no pid").unwrap();
    let _s = Store::open(d.path()).unwrap();
    assert!(d.path().join(".tmp-abc").exists());
    assert!(d.path().join(&stale).exists());
}

/// Issue 18: a store file with a BOM was moved aside as damaged, and unknown
/// fields were dropped on the next save.
#[test]
fn bom_and_unknown_fields_are_kept() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(d.path()).unwrap();
    let path = s.path_for("a.txt", "r1");
    let body = "\u{feff}{\"schema\":\"zongjie.review/2\",\"file\":\"a.txt\",\"report\":\"r1\",\
                \"x-team\":{\"round\":2},\"figures\":[]}";
    std::fs::write(&path, body).unwrap();
    let mut r = s
        .load("a.txt", "r1")
        .unwrap()
        .expect("read, not moved aside");
    assert!(r.bom);
    r.note = Some("seen".into());
    s.save(&r).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(BOM), "the BOM is written back");
    let v: serde_json::Value = serde_json::from_slice(&bytes[3..]).unwrap();
    assert_eq!(v["x-team"]["round"], 2);
    assert_eq!(v["note"], "seen");
}

/// Issue 18: schema `/0` was read and rewritten as `/1`.
#[test]
fn an_unknown_older_schema_is_refused_and_left_alone() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(d.path()).unwrap();
    let path = s.path_for("a.txt", "r1");
    let body = r#"{"schema":"zongjie.review/0","file":"a.txt","report":"r1"}"#;
    std::fs::write(&path, body).unwrap();
    assert!(matches!(
        s.load("a.txt", "r1"),
        Err(StoreError::UnknownSchema(..))
    ));
    assert!(matches!(
        s.save(&ReportReview::new("a.txt", "r1", "")),
        Err(StoreError::UnknownSchema(..))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
}

#[test]
fn the_first_write_upgrades_a_v1_file_and_keeps_a_copy() {
    let d = tempfile::tempdir().unwrap();
    let s = Store::open(d.path()).unwrap();
    let path = s.path_for("a.txt", "r1");
    let v1 = r#"{"schema":"zongjie.review/1","file":"a.txt","report":"r1","status":"done"}"#;
    std::fs::write(&path, v1).unwrap();
    let r = s.load("a.txt", "r1").unwrap().unwrap();
    s.save(&r).unwrap();
    s.save(&r).unwrap();
    let copy = d.path().join(
        store_file_name("a.txt", "r1")
            .strip_suffix(".json")
            .unwrap()
            .to_string()
            + ".v1.json",
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), v1);
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(now["schema"], SCHEMA);
    assert_eq!(now["status"], "done");
    let (all, errs) = s.list();
    assert_eq!((all.len(), errs.len()), (1, 0), "the copy is not a review");
}

/// Issue 18: the lock was checked only at quit; a writer whose lock was
/// removed went on overwriting a second writer's saves.
#[test]
fn a_writer_that_lost_its_lock_stops_writing() {
    let d = tempfile::tempdir().unwrap();
    let first = Store::open(d.path()).unwrap();
    first.save(&sample()).unwrap();
    std::fs::remove_file(d.path().join(lock::LOCK_FILE)).unwrap();
    let second = Store::open(d.path()).unwrap();
    assert_eq!(second.read_only(), None, "the free lock is taken");
    let mut theirs = sample();
    theirs.note = Some("second writer".into());
    second.save(&theirs).unwrap();
    let err = first.save(&sample()).unwrap_err();
    assert!(matches!(err, StoreError::LockLost(_)), "{err}");
    assert!(first.read_only().is_some_and(|w| w.contains("lost")));
    assert_eq!(
        second
            .load("sub/000.txt", "r1")
            .unwrap()
            .unwrap()
            .note
            .as_deref(),
        Some("second writer")
    );
}

#[test]
fn a_full_disk_fails_the_save_and_leaves_the_old_file() {
    let d = tempfile::tempdir().unwrap();
    let disk = FullDisk::default();
    let full = disk.full.clone();
    let s = Store::open_with(d.path(), Box::new(disk)).unwrap();
    s.save(&sample()).unwrap();
    full.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut r = sample();
    r.note = Some("later".into());
    assert!(matches!(s.save(&r), Err(StoreError::Io(..))));
    assert_eq!(s.load("sub/000.txt", "r1").unwrap().unwrap(), sample());
    full.store(false, std::sync::atomic::Ordering::SeqCst);
    s.save(&r).unwrap();
    assert_eq!(s.load("sub/000.txt", "r1").unwrap().unwrap(), r);
}
