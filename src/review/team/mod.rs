//! Several reviewers on one corpus: each reviewer's work kept in a store of
//! their own, agreement measured between them, and the differences settled
//! (adjudicated) into a store of its own.
//!
//! A reviewer's store is an ordinary store folder ([`crate::review::Store`]):
//! two people reviewing on two machines each write only their own folder, so
//! the folders come together by copying or by `git merge` with no conflict.
//! An **adjudication store** is an ordinary store too, with a `team.json`
//! naming the reviewers' stores it settles ([`Manifest`]); its decisions are
//! the adjudicator's own, and the reviewers' stores are only ever read.
//!
//! - [`compare`]: what each reviewer said about each item of a file;
//! - [`agreement`]: Cohen's κ and Krippendorff's α, pure;
//! - [`agree`]: `zongjie agree`, field by field, per report and overall;
//! - [`adopt`]: taking a reviewer's decision over into the adjudicator's review.

pub mod adopt;
pub mod agree;
pub mod agreement;
pub mod compare;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Disk, Store};

/// The file that makes a store an adjudication store.
pub const TEAM_FILE: &str = "team.json";
/// Its schema tag.
pub const TEAM_SCHEMA: &str = "zongjie.team/1";

/// One reviewer's store, by the name shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub dir: PathBuf,
}

/// The stores of a team: the reviewers', and the adjudicated one if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    pub reviewers: Vec<Member>,
    pub adjudicated: Option<Member>,
}

impl Team {
    /// The reviewers' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.reviewers.iter().map(|m| m.name.clone()).collect()
    }

    /// The reviewer called `name` (or whose store folder is `name`).
    pub fn find(&self, name: &str) -> Option<&Member> {
        self.reviewers
            .iter()
            .chain(&self.adjudicated)
            .find(|m| m.name == name)
            .or_else(|| {
                self.reviewers
                    .iter()
                    .find(|m| m.dir.file_name().is_some_and(|f| f == name))
            })
    }
}

/// `team.json`: the reviewers an adjudication store settles, each store's path
/// relative to the adjudication store's folder (so the whole may be moved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: String,
    pub reviewers: Vec<ManifestEntry>,
    #[serde(flatten)]
    pub extra: super::Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub name: String,
    pub store: String,
    #[serde(flatten)]
    pub extra: super::Extra,
}

#[derive(Debug)]
pub enum TeamError {
    Io(PathBuf, std::io::Error),
    /// A `team.json` that cannot be read as one.
    Manifest(PathBuf, String),
    /// Two adjudication stores named at once.
    TwoAdjudications(PathBuf, PathBuf),
    /// `--reviewer NAME` names no store given.
    NoSuchReviewer(String, Vec<String>),
}

impl std::fmt::Display for TeamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TeamError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            TeamError::Manifest(p, why) => write!(f, "{}: not a team file ({why})", p.display()),
            TeamError::TwoAdjudications(a, b) => write!(
                f,
                "two adjudication stores given ({} and {}); name one",
                a.display(),
                b.display()
            ),
            TeamError::NoSuchReviewer(n, have) => write!(
                f,
                "no reviewer {n:?} among the stores given (they are: {})",
                have.join(", ")
            ),
        }
    }
}

impl std::error::Error for TeamError {}

/// The `team.json` of a store folder, if it has one.
pub fn read_manifest(dir: &Path) -> Result<Option<Manifest>, TeamError> {
    let path = dir.join(TEAM_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(TeamError::Io(path, e)),
    };
    let m: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| TeamError::Manifest(path.clone(), e.to_string()))?;
    if m.schema != TEAM_SCHEMA {
        return Err(TeamError::Manifest(
            path,
            format!("schema {:?}, this build reads {TEAM_SCHEMA}", m.schema),
        ));
    }
    Ok(Some(m))
}

/// Make `dir` an adjudication store of `reviewers`: write its `team.json`
/// (atomically, the same reviewers always as the same bytes).
pub fn write_manifest(dir: &Path, reviewers: &[Member]) -> Result<(), TeamError> {
    std::fs::create_dir_all(dir).map_err(|e| TeamError::Io(dir.to_path_buf(), e))?;
    let m = Manifest {
        schema: TEAM_SCHEMA.to_string(),
        reviewers: reviewers
            .iter()
            .map(|r| ManifestEntry {
                name: r.name.clone(),
                store: relative_to(dir, &r.dir),
                extra: Default::default(),
            })
            .collect(),
        extra: Default::default(),
    };
    let mut body = serde_json::to_vec_pretty(&m)
        .map_err(|e| TeamError::Manifest(dir.join(TEAM_FILE), e.to_string()))?;
    body.push(b'\n');
    let path = dir.join(TEAM_FILE);
    super::RealDisk
        .write_atomic(dir, &path, &body)
        .map_err(|e| TeamError::Io(path, e))
}

/// The stores named on the command line as a team: a store with a `team.json`
/// is the adjudicated one and brings the reviewers it names; the others are
/// reviewers. Names come from `team.json`, else from the store's decisions
/// (the name most of its reports carry), else from the folder; two alike are
/// told apart by their folders.
pub fn resolve(stores: &[PathBuf]) -> Result<Team, TeamError> {
    let mut team = Team::default();
    let mut named: Vec<(Option<String>, PathBuf)> = Vec::new();
    for dir in stores {
        match read_manifest(dir)? {
            Some(m) => {
                if let Some(a) = &team.adjudicated {
                    return Err(TeamError::TwoAdjudications(a.dir.clone(), dir.clone()));
                }
                team.adjudicated = Some(Member {
                    name: "adjudicated".into(),
                    dir: dir.clone(),
                });
                for e in m.reviewers {
                    named.push((Some(e.name), dir.join(e.store)));
                }
            }
            None => named.push((None, dir.clone())),
        }
    }
    // The same folder named twice (given, and listed in team.json) is one reviewer.
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut members: Vec<(Option<String>, PathBuf)> = Vec::new();
    for (name, dir) in named {
        let id = same_path_key(&dir);
        match seen.iter().position(|s| *s == id) {
            Some(i) => {
                if members[i].0.is_none() {
                    members[i].0 = name;
                }
            }
            None => {
                seen.push(id);
                members.push((name, dir));
            }
        }
    }
    let mut names: Vec<String> = members
        .iter()
        .map(|(n, d)| {
            n.clone()
                .or_else(|| store_reviewer(d))
                .unwrap_or_else(|| folder_name(d))
        })
        .collect();
    // Two alike: each goes by its folder's name, else by its path.
    let dirs: Vec<&PathBuf> = members.iter().map(|(_, d)| d).collect();
    for fallback in [
        (|d: &Path| folder_name(d)) as fn(&Path) -> String,
        |d: &Path| d.display().to_string(),
    ] {
        let mut count: HashMap<String, usize> = HashMap::new();
        for n in &names {
            *count.entry(n.clone()).or_default() += 1;
        }
        for (n, d) in names.iter_mut().zip(&dirs) {
            if count[n.as_str()] > 1 {
                *n = fallback(d);
            }
        }
    }
    team.reviewers = names
        .into_iter()
        .zip(members)
        .map(|(name, (_, dir))| Member { name, dir })
        .collect();
    Ok(team)
}

/// The name most of a store's reviews carry, if any does.
pub fn store_reviewer(dir: &Path) -> Option<String> {
    let (reviews, _) = Store::reader(dir).list();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for r in &reviews {
        if let Some(n) = r.reviewer.as_deref().filter(|n| !n.trim().is_empty()) {
            *count.entry(n).or_default() += 1;
        }
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(n, _)| n.to_string())
}

fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A path to compare folders by: canonical where it exists.
fn same_path_key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or(p.to_path_buf()))
}

/// `target` as a path relative to `base` (both made absolute first), with `/`
/// separators; absolute when they share no root.
pub fn relative_to(base: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Components as text, `.` and `x/..` worked out.
    let norm = |p: &Path| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if out.last().is_some_and(|l| l != "/" && l != "..") => {
                    out.pop();
                }
                Component::RootDir => out.push("/".into()),
                c => out.push(c.as_os_str().to_string_lossy().into_owned()),
            }
        }
        out
    };
    let (b, t) = (norm(&abs(base)), norm(&abs(target)));
    if b.first() != t.first() {
        return abs(target).display().to_string();
    }
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(t[common..].iter().cloned());
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        for (base, target, want) in [
            ("/w/reviews/final", "/w/reviews/li", "../li"),
            ("/w/reviews/final", "/w/reviews/final/sub", "sub"),
            ("/w/a", "/w/a", "."),
            ("/w/a/./b", "/w/c/../d", "../../d"),
        ] {
            assert_eq!(relative_to(Path::new(base), Path::new(target)), want);
        }
    }

    #[test]
    fn a_team_from_stores_and_a_manifest() {
        let d = tempfile::tempdir().unwrap();
        let li = d.path().join("li");
        let wang = d.path().join("wang");
        let fin = d.path().join("final");
        for p in [&li, &wang] {
            std::fs::create_dir_all(p).unwrap();
        }
        let t = resolve(&[li.clone(), wang.clone()]).unwrap();
        assert_eq!(t.names(), ["li", "wang"]);
        assert_eq!(t.adjudicated, None);
        write_manifest(&fin, &t.reviewers).unwrap();
        let text = std::fs::read_to_string(fin.join(TEAM_FILE)).unwrap();
        assert!(text.contains("\"store\": \"../li\""), "{text}");
        // The adjudication store alone brings its reviewers; naming one again adds nothing.
        for given in [vec![fin.clone()], vec![li.clone(), fin.clone()]] {
            let t2 = resolve(&given).unwrap();
            assert_eq!(t2.names(), ["li", "wang"], "{given:?}");
            assert_eq!(t2.adjudicated.as_ref().unwrap().dir, fin);
        }
        let other = d.path().join("final2");
        write_manifest(&other, &t.reviewers).unwrap();
        assert!(matches!(
            resolve(&[fin, other]),
            Err(TeamError::TwoAdjudications(..))
        ));
    }

    #[test]
    fn same_names_are_told_apart() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a").join("zongjie-reviews");
        let b = d.path().join("b").join("zongjie-reviews");
        let t = resolve(&[a.clone(), b]).unwrap();
        assert_eq!(t.reviewers.len(), 2);
        assert_ne!(t.reviewers[0].name, t.reviewers[1].name);
        assert!(t.reviewers[0].name.ends_with("a/zongjie-reviews"), "{t:?}");
        assert_eq!(t.find("nobody"), None);
    }
}
