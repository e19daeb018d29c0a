//! A store file that does not parse is moved aside, never overwritten in place.

use std::path::{Path, PathBuf};

/// Rename `path` to `<path>.corrupt-<UTC time>` (with `-2`, `-3`, … if taken)
/// and return the new path.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let base = format!("{}.corrupt-{stamp}", path.display());
    let mut target = PathBuf::from(&base);
    let mut n = 2;
    while target.exists() {
        target = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    std::fs::rename(path, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_aside_twice_without_clobbering() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.json");
        std::fs::write(&p, "{broken").unwrap();
        let a = move_aside(&p).unwrap();
        std::fs::write(&p, "{broken again").unwrap();
        let b = move_aside(&p).unwrap();
        assert_ne!(a, b);
        assert!(!p.exists());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "{broken");
        assert!(
            a.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .contains(".json.corrupt-")
        );
    }
}
