//! From a decoded document to its reports: page split, outline, figures, flags.

use crate::figures;
use crate::load::Document;
use crate::model::{Figure, ParsedFile, Report, Section};
use crate::outline;
use crate::page;
use crate::relations;
use crate::text::Normalized;

/// Parse one decoded document into its reports.
pub fn parse_document(doc: &Document) -> ParsedFile {
    ParsedFile {
        file: doc.path.clone(),
        encoding: doc.encoding.to_string(),
        reports: parse_text(&doc.text),
    }
}

/// Parse a text (already decoded, BOM removed) into its reports.
pub fn parse_text(text: &str) -> Vec<Report> {
    use rayon::prelude::*;
    let norm = Normalized::new(text);
    let page = page::split_page(text, &norm);
    // Reports parse on their own: a page of a thousand reports uses every core.
    page.reports
        .into_par_iter()
        .map(|mut pr| {
            let outline = outline::parse_outline(text, &norm, &pr.body, pr.report.end);
            // Metadata is read from the opening, which the outline bounds.
            pr.read_meta(text, &norm, outline.opening_end(pr.report.end));
            let mut report = pr.report;
            let (mut figs, fig_warnings) = figures::extract_figures(text, &norm, &pr.body);
            assign_sections(&mut figs, &outline.sections);
            let flag_warnings = figures::report_flags(&mut figs);
            report.relations = relations::find_relations(text, &norm, &figs);
            let relation_warnings = relations::warnings(&report.relations, &figs);
            report.sections = outline.sections;
            report.figures = figs;
            report.warnings.extend(outline.warnings);
            report.warnings.extend(fig_warnings);
            report.warnings.extend(flag_warnings);
            report.warnings.extend(relation_warnings);
            report
        })
        .collect()
}

/// What a long run tells whoever watches it: how many inputs it has, then
/// each one finished (in input order). The command line draws a bar from it;
/// `()` watches nothing.
pub trait Progress {
    fn start(&mut self, _total: usize) {}
    fn advance(&mut self) {}
}

impl Progress for () {}

/// Inputs handled per parallel window: enough to keep every core busy, few
/// enough that a window's results are a small part of a large corpus.
const WINDOW: usize = 64;

/// Run `work` over `items` on all cores and hand each result to `sink` in the
/// items' order, a window at a time: output stays deterministic and memory holds
/// two windows of results, not the whole corpus. The next window is worked on
/// while `sink` takes the last, so the cores do not wait for the writer.
/// `sink` returns `false` to stop (a closed pipe), and no further window is started.
pub fn map_ordered<I, T, W, S>(items: &[I], work: W, mut sink: S)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync + Send,
    S: FnMut(T) -> bool,
{
    use rayon::prelude::*;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for window in items.chunks(WINDOW) {
                let results: Vec<T> = window.par_iter().map(&work).collect();
                if tx.send(results).is_err() {
                    return; // the sink stopped
                }
            }
        });
        'windows: for results in rx.iter() {
            for r in results {
                if !sink(r) {
                    break 'windows;
                }
            }
        }
        // Dropping the receiver here tells the worker to stop.
        drop(rx);
    });
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_ordered_keeps_order_and_stops_when_asked() {
        let items: Vec<usize> = (0..500).collect();
        let mut seen = Vec::new();
        map_ordered(
            &items,
            |i| i * 2,
            |v| {
                seen.push(v);
                v < 300
            },
        );
        assert_eq!(seen, (0..=150).map(|i| i * 2).collect::<Vec<_>>());
    }
}
