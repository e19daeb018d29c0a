//! Where the store is, and how a report's file is named in it, from the paths
//! the user gave: one rule for the CLI and the workstation.

use std::path::{Component, Path, PathBuf};

use super::STORE_DIR_NAME;

/// The default store folder for the paths a user named: `zongjie-reviews/` inside
/// the first folder, or beside the first file; in the current folder when only
/// standard input (or nothing) is named. `--store DIR` overrides it.
pub fn default_store_dir(paths: &[PathBuf]) -> PathBuf {
    for p in paths {
        if p.as_os_str() == "-" {
            continue;
        }
        if p.is_dir() {
            return p.join(STORE_DIR_NAME);
        }
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        return parent.unwrap_or(Path::new(".")).join(STORE_DIR_NAME);
    }
    PathBuf::from(STORE_DIR_NAME)
}

/// How a file is named in the store (`ReportReview::file`): its path relative to
/// the folder the user named that holds it, or its file name when the user named
/// the file itself, with `/` separators. So a review stays with its report when the
/// corpus folder moves or is opened from elsewhere. Standard input is `-`.
pub fn file_key(paths: &[PathBuf], file: &Path) -> String {
    if file.as_os_str() == "-" {
        return "-".to_string();
    }
    for p in paths {
        if p.as_os_str() == "-" {
            continue;
        }
        if p == file {
            break;
        }
        if let Ok(rel) = file.strip_prefix(p)
            && !rel.as_os_str().is_empty()
        {
            return slash_path(rel);
        }
    }
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| slash_path(file))
}

fn slash_path(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_dir_and_keys() {
        let d = tempfile::tempdir().unwrap();
        let corpus = d.path().join("data");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        let f = corpus.join("sub").join("a.txt");
        std::fs::write(&f, "x").unwrap();
        let folder = vec![corpus.clone()];
        assert_eq!(default_store_dir(&folder), corpus.join("zongjie-reviews"));
        assert_eq!(file_key(&folder, &f), "sub/a.txt");
        let single = vec![f.clone()];
        assert_eq!(
            default_store_dir(&single),
            corpus.join("sub").join("zongjie-reviews")
        );
        assert_eq!(file_key(&single, &f), "a.txt");
        assert_eq!(
            default_store_dir(&[PathBuf::from("a.txt")]),
            PathBuf::from("./zongjie-reviews")
        );
        assert_eq!(
            default_store_dir(&[PathBuf::from("-")]),
            PathBuf::from("zongjie-reviews")
        );
        assert_eq!(file_key(&[PathBuf::from("-")], Path::new("-")), "-");
    }
}
