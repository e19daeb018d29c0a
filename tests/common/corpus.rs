//! Pages to test on: the samples in the repository, the seed corpus, and temp
//! folders holding copies of them.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::cli::BIN;

/// A temp folder with `data/` holding one file `name` (any name the file
/// system takes) of `contents`: (the temp folder, its `data/`).
pub fn data_folder(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join(name), contents).unwrap();
    (d, data)
}

/// `data/samples` of the repository.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// The `.txt` files of `dir`, in name order.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// The shared seed corpus where this machine has it, else `data/samples`.
pub fn seed_dir() -> PathBuf {
    super::shared::shared_dir()
        .map(|s| s.join("corpus"))
        .filter(|c| c.is_dir())
        .unwrap_or_else(samples_dir)
}

/// A temp folder with `data/` holding the `.txt` seed pages the parser gets
/// through (a page the binary's `parse` fails on is left out, and said so), in
/// name order: (the temp folder, its `data/`, the copied pages).
pub fn seed_corpus() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let d = tempfile::tempdir().unwrap();
    let corpus = d.path().join("data");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(seed_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    for p in entries {
        let ok = Command::new(BIN)
            .arg("parse")
            .arg(&p)
            .output()
            .unwrap()
            .status
            .success();
        if !ok {
            eprintln!("skipped (the parser fails on it): {}", p.display());
            continue;
        }
        let to = corpus.join(p.file_name().unwrap());
        std::fs::copy(&p, &to).unwrap();
        files.push(to);
    }
    (d, corpus, files)
}

/// A temp folder holding a copy of `data/samples` (as `data/samples`) and a
/// `home/.config` for a HOME whose config cannot leak in.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join("data/samples");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(samples_dir()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("home/.config")).unwrap();
    dir
}
