//! What the store holds, by file key and report id: to find the reviews of a
//! file that was renamed, moved or opened through another folder (its key
//! changed, its reports' ids did not), and to tell which reviews no file read
//! has used (orphaned reviews).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::super::ReportReview;

/// The reviews of a store, by file key.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// File key → report ids with a review.
    by_key: BTreeMap<String, BTreeSet<String>>,
}

impl Catalog {
    pub fn new(reviews: &[ReportReview]) -> Catalog {
        let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in reviews {
            by_key
                .entry(r.file.clone())
                .or_default()
                .insert(r.report.clone());
        }
        Catalog { by_key }
    }

    /// Whether the store holds a review of a report of file `key`.
    pub fn holds(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The key a file's reviews are filed under. Its own key when the store has
    /// reviews under it; otherwise the key, among those of no file being read
    /// (`read`), whose reviews share the most report ids with `ids` (the same
    /// text under another name), if one does and no other shares as many.
    pub fn key_for(&self, own: &str, ids: &[&str], read: &HashSet<String>) -> String {
        if self.by_key.contains_key(own) || ids.is_empty() {
            return own.to_string();
        }
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for (k, have) in &self.by_key {
            if read.contains(k) {
                continue;
            }
            let n = ids.iter().filter(|i| have.contains(**i)).count();
            if n == 0 {
                continue;
            }
            match best {
                Some((b, _)) if n < b => {}
                Some((b, _)) if n == b => tie = true,
                _ => {
                    best = Some((n, k));
                    tie = false;
                }
            }
        }
        match best {
            Some((_, k)) if !tie => k.to_string(),
            _ => own.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_file_finds_its_reviews_by_report_ids() {
        let rv = |f: &str, r: &str| ReportReview::new(f, r, "");
        let cat = Catalog::new(&[
            rv("old/a.txt", "r1"),
            rv("old/a.txt", "r2"),
            rv("b.txt", "r9"),
            rv("c.txt", "r1"),
        ]);
        let read: HashSet<String> = ["a.txt".to_string(), "c.txt".to_string()].into();
        assert_eq!(cat.key_for("a.txt", &["r1", "r2"], &read), "old/a.txt");
        // Its own key wins when the store has it.
        assert_eq!(cat.key_for("c.txt", &["r1"], &read), "c.txt");
        // Nothing shared: its own key.
        assert_eq!(cat.key_for("d.txt", &["r5"], &read), "d.txt");
        // A tie is no answer.
        let cat = Catalog::new(&[rv("x.txt", "r1"), rv("y.txt", "r1")]);
        assert_eq!(cat.key_for("z.txt", &["r1"], &HashSet::new()), "z.txt");
    }
}
