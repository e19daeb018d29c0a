//! From a decoded document to its reports: page split, outline, figures, flags.

use std::ops::Range;

use crate::figures;
use crate::load::Document;
use crate::model::{Figure, ParsedFile, Report, Section};
use crate::outline;
use crate::page;
use crate::relations;
use crate::text::Normalized;

/// Parse one decoded document into its reports.
pub fn parse_document(doc: &Document) -> ParsedFile {
    parse_document_split(doc, &SplitText::new(&doc.text))
}

/// [`parse_document`] of a document whose text is split already.
pub fn parse_document_split(doc: &Document, split: &SplitText) -> ParsedFile {
    ParsedFile {
        file: doc.path.clone(),
        encoding: doc.encoding.to_string(),
        reports: split.parse_map(&doc.text, |r| r),
    }
}

/// Parse a text (already decoded, BOM removed) into its reports.
pub fn parse_text(text: &str) -> Vec<Report> {
    SplitText::new(text).parse_map(text, |r| r)
}

/// A text split into its reports, none of them read yet: the folded text and
/// the page's reports with their bodies. Reports are read on their own, so one
/// report read from here is the same as in the whole parse: the workstation
/// keeps the split of a file it shows and reads one report of a 20 MB page
/// again without the other 2,000 (the split is most of the cost: 33 ms to
/// fold and 93 ms to split that page, `examples/replay`).
#[derive(Debug, Clone)]
pub struct SplitText {
    norm: Normalized,
    reports: Vec<page::PageReport>,
}

impl SplitText {
    pub fn new(text: &str) -> SplitText {
        let norm = Normalized::new(text);
        let reports = page::split_page(text, &norm).reports;
        SplitText { norm, reports }
    }

    /// The reports' ids, in text order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.reports.iter().map(|r| r.report.id.as_str())
    }

    /// Bytes held (the folded text and the reports' bodies).
    pub fn bytes(&self) -> usize {
        let bodies: usize = self.reports.iter().map(|r| r.body.len()).sum();
        self.norm.text.len() + bodies * std::mem::size_of::<std::ops::Range<usize>>()
    }

    /// Every report read, each handed to `finish` as it is (on all cores: a
    /// page of a thousand reports uses every core), in text order.
    pub fn parse_map<T: Send>(&self, text: &str, finish: impl Fn(Report) -> T + Sync) -> Vec<T> {
        use rayon::prelude::*;
        let norm = &self.norm;
        self.reports
            .par_iter()
            .map(|pr| finish(read_report(text, norm, pr.clone())))
            .collect()
    }

    /// How many reports the page has.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// Report `k` of the page read.
    pub fn parse_one(&self, text: &str, k: usize) -> Option<Report> {
        let pr = self.reports.get(k)?;
        Some(read_report(text, &self.norm, pr.clone()))
    }

    /// The reports, those whose span `wanted` keeps read, the others as the
    /// page split found them (id, span, title, chrome).
    pub fn parse_where(&self, text: &str, wanted: impl Fn(Range<usize>) -> bool) -> Vec<Report> {
        self.reports
            .iter()
            .map(|pr| {
                let span = pr.report.start..pr.report.end;
                if wanted(span) {
                    read_report(text, &self.norm, pr.clone())
                } else {
                    pr.report.clone()
                }
            })
            .collect()
    }
}

/// One report of the page read: outline, metadata, figures, flags, relations.
fn read_report(text: &str, norm: &Normalized, mut pr: page::PageReport) -> Report {
    let outline = outline::parse_outline(text, norm, &pr.body, pr.report.end);
    // Metadata is read from the opening, which the outline bounds.
    pr.read_meta(text, norm, outline.opening_end(pr.report.end));
    let mut report = pr.report;
    let (mut figs, fig_warnings) = figures::extract_figures(text, norm, &pr.body);
    assign_sections(&mut figs, &outline.sections);
    let flag_warnings = figures::report_flags(&mut figs);
    report.relations = relations::find_relations(text, norm, &figs);
    let relation_warnings = relations::warnings(&report.relations, &figs);
    report.sections = outline.sections;
    report.figures = figs;
    report.warnings.extend(outline.warnings);
    report.warnings.extend(fig_warnings);
    report.warnings.extend(flag_warnings);
    report.warnings.extend(relation_warnings);
    report
}

/// What a long run tells whoever watches it: how many inputs it has, then
/// each one finished (in input order). The command line draws a bar from it;
/// `()` watches nothing.
pub trait Progress {
    fn start(&mut self, _total: usize) {}
    fn advance(&mut self) {}
}

impl Progress for () {}

/// Point each figure at its innermost section: the last section that starts at
/// or before it and whose body still holds it. One binary search a figure: the
/// scan of every section for every figure it replaces took 11 s for 40,000
/// headings each with a figure (issue 18).
pub fn assign_sections(figures: &mut [Figure], sections: &[Section]) {
    let lookup = SectionLookup::new(sections);
    for f in figures.iter_mut() {
        f.section = lookup.innermost(f.start).map(|s| s.id.clone());
    }
}

/// Which section holds a byte offset, in O(log n + depth) a question.
///
/// The sections holding an offset all hold the start of the last section that
/// starts at or before it, so they are among the sections still open there:
/// a stack built once, in one pass, keeps for each section the open one below it.
pub struct SectionLookup<'a> {
    sections: &'a [Section],
    /// For each section, the section below it on the stack of open sections.
    enclosing: Vec<Option<usize>>,
    /// The sections are in document order (an outline's always are); if not,
    /// each question scans them all.
    sorted: bool,
}

impl<'a> SectionLookup<'a> {
    pub fn new(sections: &'a [Section]) -> Self {
        let sorted = sections.is_sorted_by_key(|s| s.start);
        let mut enclosing = Vec::with_capacity(sections.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            while open.last().is_some_and(|&j| sections[j].end <= s.start) {
                open.pop();
            }
            enclosing.push(open.last().copied());
            open.push(i);
        }
        SectionLookup {
            sections,
            enclosing,
            sorted,
        }
    }

    /// The innermost section holding byte `at`: of those with `start <= at < end`,
    /// the deepest, then the one that starts last.
    pub fn innermost(&self, at: usize) -> Option<&'a Section> {
        let holds = |&(_, s): &(usize, &Section)| s.start <= at && at < s.end;
        // The index breaks ties as a scan in document order would.
        let key = |&(k, s): &(usize, &Section)| (s.level, s.start, k);
        let found = if self.sorted {
            let last = self
                .sections
                .partition_point(|s| s.start <= at)
                .checked_sub(1);
            std::iter::successors(last, |&k| self.enclosing[k])
                .map(|k| (k, &self.sections[k]))
                .filter(holds)
                .max_by_key(key)
        } else {
            self.sections
                .iter()
                .enumerate()
                .filter(holds)
                .max_by_key(key)
        };
        found.map(|(_, s)| s)
    }
}
