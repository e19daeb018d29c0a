//! Labels that tell same-titled reports apart: for each, the shortest end of
//! its file's path that no other file of the group ends with (`r000123`,
//! `2014/summary`), and `#n` when one file holds several of them.

use std::collections::HashMap;

/// A path's parts, file name last, its extension dropped.
fn parts(path: &str) -> Vec<&str> {
    let mut v: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    if let Some(last) = v.last_mut()
        && let Some((stem, _)) = last.rsplit_once('.')
        && !stem.is_empty()
    {
        *last = stem;
    }
    v
}

/// The last `k` parts joined with `/`.
fn tail(p: &[&str], k: usize) -> String {
    p[p.len().saturating_sub(k)..].join("/")
}

/// Labels for the members of one group of same-titled reports, given as the
/// path of each one's file, in list order: the shortest path end that tells the
/// files apart (the whole path when only the extension does), then `#n` (the
/// nth of the group in that file) when the file holds more than one.
pub fn group_labels(paths: &[&str]) -> Vec<String> {
    let mut distinct: Vec<&str> = paths.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let split: Vec<Vec<&str>> = distinct.iter().map(|p| parts(p)).collect();
    let deepest = split.iter().map(Vec::len).max().unwrap_or(0);
    let mut label_of: HashMap<&str, String> = HashMap::new();
    // Paths still looking for a unique end, tried one part longer each round:
    // a pass over the group per part of the deepest path.
    let mut left: Vec<usize> = (0..distinct.len()).collect();
    for k in 1..=deepest {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for p in &split {
            *seen.entry(tail(p, k)).or_default() += 1;
        }
        left.retain(|&i| {
            let t = tail(&split[i], k);
            if seen[&t] == 1 {
                label_of.insert(distinct[i], t);
                false
            } else {
                true
            }
        });
        if left.is_empty() {
            break;
        }
    }
    for i in left {
        label_of.insert(distinct[i], distinct[i].to_string());
    }
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    for p in paths {
        *per_file.entry(p).or_default() += 1;
    }
    let mut nth: HashMap<&str, usize> = HashMap::new();
    paths
        .iter()
        .map(|p| {
            let base = label_of[p].clone();
            if per_file[p] > 1 {
                let n = nth.entry(p).or_default();
                *n += 1;
                format!("{base}#{n}")
            } else {
                base
            }
        })
        .collect()
}

/// Labels for every report that shares its title with another: (report
/// index, label). `reports` gives each report's title and file path, in list order.
pub fn labels<'a>(reports: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<usize, String> {
    let mut groups: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for (i, (title, path)) in reports.enumerate() {
        groups.entry(title.trim()).or_default().push((i, path));
    }
    let mut out = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let paths: Vec<&str> = members.iter().map(|m| m.1).collect();
        for ((i, _), l) in members.iter().zip(group_labels(&paths)) {
            out.insert(*i, l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_distinguishing_ends() {
        let cases: &[(&[&str], &[&str])] = &[
            // A generated corpus: the file names differ past any 6-character prefix.
            (
                &["big/r000001.txt", "big/r000002.txt", "big/r000010.txt"],
                &["r000001", "r000002", "r000010"],
            ),
            // Same file name in two folders: the folder tells them apart.
            (
                &["a/2014/总结.txt", "a/2015/总结.txt"],
                &["2014/总结", "2015/总结"],
            ),
            // Only the extension differs: the whole path.
            (&["d/x.txt", "d/x.html"], &["d/x.txt", "d/x.html"]),
            // Several reports of one file, and one of another.
            (&["p/a.txt", "p/a.txt", "p/b.txt"], &["a#1", "a#2", "b"]),
            (&["one.txt", "one.txt"], &["one#1", "one#2"]),
        ];
        for (paths, want) in cases {
            assert_eq!(group_labels(paths), *want, "{paths:?}");
        }
    }

    #[test]
    fn only_shared_titles_get_labels() {
        let reports = [
            ("总结", "x/a.txt"),
            ("计划", "x/b.txt"),
            ("总结 ", "y/a.txt"),
        ];
        let l = labels(reports.iter().map(|(t, p)| (*t, *p)));
        assert_eq!(l.len(), 2);
        assert_eq!(l[&0], "x/a");
        assert_eq!(l[&2], "y/a");
    }
}
