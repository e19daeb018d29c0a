//! Export of reviewed figures (CSV, JSONL, JSON, xlsx) and corpus statistics.
//!
//! Both start from the review session's own model of a file with its reviews
//! ([`ReviewedFile`]): every input file parsed afresh, laid out and attached to
//! its saved reviews as the workstation does. [`records`] turns that into one
//! flat record per figure; [`stats`] counts it.

pub mod csv;
pub mod glance;
pub mod json;
pub mod per_reviewer;
pub mod record;
pub mod records;
pub mod reports;
pub mod stats;
pub mod xlsx;

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::load;
use crate::pipeline::Progress;
use crate::review::session::layout::{Details, ParsedSpan, read_file_views};
use crate::review::session::{Catalog, ReviewedFile};
use crate::review::{ReportReview, Store, file_key};

/// Every file read, and what was met on the way.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Files not read (the run goes on without them), each a line for a person.
    pub skipped: Vec<String>,
    /// Remarks that skipped nothing.
    pub notes: Vec<String>,
    /// Store files that could not be read, and files not read although the
    /// store holds decisions on them: an export must stop rather than leave
    /// those decisions out.
    pub blocking: Vec<String>,
    /// Reviews in the store that no file read has used: the file was renamed,
    /// moved, or is outside the paths named.
    pub orphaned: Vec<OrphanReview>,
}

/// A review no report read carries.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct OrphanReview {
    pub file: String,
    pub report: String,
    pub title: String,
    pub decisions: usize,
}

/// Parse every file the paths name and attach its reviews from `store`,
/// telling `progress` of each file read.
pub fn gather(
    paths: &[PathBuf],
    store: &Store,
    progress: &mut dyn Progress,
) -> (Vec<ReviewedFile>, Gathered) {
    let mut files = Vec::new();
    let g = for_each_file(paths, store, progress, |f| files.push(f));
    (files, g)
}

/// Like [`gather`], but hands each file to `sink` in input order as soon as it is
/// parsed (on all cores), so a caller that only counts never holds the corpus.
pub fn for_each_file(
    paths: &[PathBuf],
    store: &Store,
    progress: &mut dyn Progress,
    mut sink: impl FnMut(ReviewedFile),
) -> Gathered {
    for_each_file_views(paths, &[store], progress, |_, mut views| {
        if let Some(f) = views.pop() {
            sink(f)
        }
    })
}

/// [`for_each_file`] over several stores (several reviewers' work on one
/// corpus): each file is parsed once and handed on with where its reports are
/// as parsed and one layout per store, in `stores`' order. What any store
/// could not give blocks; orphaned reviews are the first store's.
pub fn for_each_file_views(
    paths: &[PathBuf],
    stores: &[&Store],
    progress: &mut dyn Progress,
    mut sink: impl FnMut(Vec<ParsedSpan>, Vec<ReviewedFile>),
) -> Gathered {
    let (inputs, diags) = load::collect_inputs(paths);
    progress.start(inputs.len());
    let mut g = Gathered::default();
    let mut listed: Vec<Vec<ReportReview>> = Vec::with_capacity(stores.len());
    for store in stores {
        let (saved, errors) = store.list();
        g.blocking.extend(errors.iter().map(|e| e.to_string()));
        listed.push(saved);
    }
    let catalogs: Vec<Catalog> = listed.iter().map(|s| Catalog::new(s)).collect();
    let catalog_refs: Vec<&Catalog> = catalogs.iter().collect();
    let saved: &[ReportReview] = listed.first().map_or(&[], |v| v.as_slice());
    let keys: Vec<String> = inputs.iter().map(|i| input_key(paths, i)).collect();
    let read: HashSet<String> = keys.iter().cloned().collect();
    for d in &diags {
        let list = if d.skipped {
            &mut g.skipped
        } else {
            &mut g.notes
        };
        list.push(d.to_string());
    }
    let mut used: HashSet<(String, String)> = HashSet::new();
    let indexed: Vec<(usize, &load::Input)> = inputs.iter().enumerate().collect();
    let load = |(i, input): &(usize, &load::Input)| {
        read_file_views(
            &keys[*i],
            input,
            &catalog_refs,
            &read,
            Details::Keep,
            |si, k, id| stores[si].load(k, id),
        )
        .map_err(|d| (keys[*i].clone(), d))
    };
    // a file's weight: its text, held by its views until the sink takes them
    let weigh = |outcome: &Result<(Vec<ParsedSpan>, Vec<ReviewedFile>), _>| {
        outcome.as_ref().map_or(0, |(_, views)| {
            views.iter().map(|v| v.file.text.len()).sum::<usize>()
        })
    };
    crate::ordered::map_ordered(&indexed, load, weigh, |outcome| {
        progress.advance();
        match outcome {
            Ok((spans, views)) => {
                for f in &views {
                    g.blocking.extend(f.problems.iter().cloned());
                }
                if let Some(f) = views.first() {
                    used.extend(f.used.iter().cloned());
                }
                sink(spans, views);
            }
            Err((_, d)) if !d.skipped => g.notes.push(d.to_string()),
            Err((key, d)) => {
                let msg = d.to_string();
                if listed.iter().any(|saved| catalog_has(saved, &key)) {
                    g.blocking
                        .push(format!("{msg} (the store holds decisions on it)"));
                    used.extend(
                        saved
                            .iter()
                            .filter(|r| r.file == key)
                            .map(|r| (r.file.clone(), r.report.clone())),
                    );
                } else {
                    g.skipped.push(msg);
                }
            }
        }
        true
    });
    g.orphaned = saved
        .iter()
        .filter(|r| !used.contains(&(r.file.clone(), r.report.clone())))
        .map(|r| OrphanReview {
            file: r.file.clone(),
            report: r.report.clone(),
            title: r.title.clone(),
            decisions: r.figures.len() + r.sections.len() + r.splits.len(),
        })
        .collect();
    g.blocking.sort();
    g.blocking.dedup();
    g
}

fn catalog_has(saved: &[ReportReview], key: &str) -> bool {
    saved.iter().any(|r| r.file == key)
}

fn input_key(paths: &[PathBuf], input: &load::Input) -> String {
    match input {
        load::Input::File(p) => file_key(paths, p),
        load::Input::Stdin => "-".to_string(),
    }
}
