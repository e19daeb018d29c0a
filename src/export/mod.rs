//! Export of reviewed figures (CSV, JSONL, JSON) and corpus statistics.
//!
//! Both start from [`gather`]: every input file parsed afresh, each report with its
//! saved review (if any) re-attached. [`records`] turns that into one flat record
//! per figure; [`stats`] counts it.

pub mod csv;
pub mod json;
pub mod records;
pub mod stats;

use std::path::PathBuf;

use crate::load;
use crate::model::Report;
use crate::pipeline;
use crate::review::{Attachment, ReportReview, Store, attach, file_key};

/// One report of a parsed file, with its review re-attached.
#[derive(Debug, Clone)]
pub struct ReviewedReport {
    pub report: Report,
    pub review: Option<ReportReview>,
    /// Present exactly when `review` is.
    pub attachment: Option<Attachment>,
}

/// One input file, parsed, with the reviews of its reports.
#[derive(Debug, Clone)]
pub struct ReviewedFile {
    /// The file's key in the store (`ReportReview::file`).
    pub key: String,
    /// The file as the user named it.
    pub path: String,
    /// Decoded text (BOM removed): every offset points into it.
    pub text: String,
    pub reports: Vec<ReviewedReport>,
}

/// Parse every file the paths name and attach its reviews from `store`.
/// Returns the files and the problems met (unreadable files, damaged or newer
/// store files), each a line for a person.
pub fn gather(paths: &[PathBuf], store: &Store) -> (Vec<ReviewedFile>, Vec<String>) {
    let mut files = Vec::new();
    let problems = for_each_file(paths, store, |f| files.push(f));
    (files, problems)
}

/// Like [`gather`], but hands each file to `sink` in input order as soon as it is
/// parsed (on all cores), so a caller that only counts never holds the corpus.
pub fn for_each_file(
    paths: &[PathBuf],
    store: &Store,
    mut sink: impl FnMut(ReviewedFile),
) -> Vec<String> {
    let (inputs, diags) = load::collect_inputs(paths);
    let mut problems: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    pipeline::map_ordered(
        &inputs,
        |input| review_file(paths, store, input),
        |(file, met)| {
            problems.extend(met);
            if let Some(f) = file {
                sink(f);
            }
            true
        },
    );
    problems
}

/// Load and parse one input and attach the saved reviews of its reports.
fn review_file(
    paths: &[PathBuf],
    store: &Store,
    input: &load::Input,
) -> (Option<ReviewedFile>, Vec<String>) {
    let doc = match load::load(input) {
        Ok(d) => d,
        Err(d) => return (None, vec![d.to_string()]),
    };
    let mut problems = Vec::new();
    let key = match input {
        load::Input::File(p) => file_key(paths, p),
        load::Input::Stdin => "-".to_string(),
    };
    let parsed = pipeline::parse_document(&doc);
    let reports = parsed
        .reports
        .into_iter()
        .map(|report| {
            let review = match store.load(&key, &report.id) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(e.to_string());
                    None
                }
            };
            let attachment = review.as_ref().map(|r| attach(r, &report, &doc.text));
            ReviewedReport {
                report,
                review,
                attachment,
            }
        })
        .collect();
    let file = ReviewedFile {
        key,
        path: doc.path,
        text: doc.text,
        reports,
    };
    (Some(file), problems)
}
