//! A report's details (its outline sections, figures, relations, warnings and
//! chrome) dropped while nobody looks at them, and parsed again from the file
//! when somebody does. A workstation over a large corpus keeps the details of
//! the reports shown last and of every report with decisions; the others keep
//! what the report list draws (title, metadata, counts, the number of
//! findings) and the [`Tally`] that `stats` and the glance add up. A file with
//! no reviews is read that way from the start: each report's details are
//! dropped as it is parsed (`layout::Details::Drop`).
//!
//! Reports parse on their own and deterministically: a report is read again
//! from its file's split (kept with the file's text, `FileBody::split`), and
//! the file laid out again with the reviews as they are now (splits and joins
//! made this session included), so the details come back as they were. A
//! fingerprint taken when they were dropped proves it, and a report whose
//! parse no longer matches is reported ([`TextError::Reparsed`]) rather than
//! shown with other figures.
//!
//! Measured on the 10,001-file benchmark corpus (174.5 MB): the parsed reports
//! held whole were about 290 MB of the workstation's 336 MB peak heap
//! (heaptrack, `examples/replay … /tmp/bench10k --at 0.5`).

use std::collections::{HashMap, VecDeque};

use crate::model::{FigureKind, Flag, Report, WarningCode};
use crate::relations::{Outcome, RelationKind};

use super::super::ReportReview;
use super::corpus::Corpus;
use super::files::{FileBody, FileText, TextError};
use super::layout::{Details, ReviewedFile};
use super::{ReportSession, attach_cheap};

/// What the parse of one report adds to the statistics: figures by kind and
/// flag, warnings by code, relations by kind and outcome.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub figures: usize,
    pub kinds: Box<[(FigureKind, u32)]>,
    pub flags: Box<[(Flag, u32)]>,
    pub warnings: Box<[(WarningCode, u32)]>,
    pub relations: Box<[((RelationKind, Outcome), u32)]>,
}

/// Counts of `items` by key, in key order.
fn count_by<K: Ord + Copy>(items: impl Iterator<Item = K>) -> Box<[(K, u32)]> {
    let mut m = std::collections::BTreeMap::new();
    for k in items {
        *m.entry(k).or_insert(0u32) += 1;
    }
    m.into_iter().collect()
}

impl Tally {
    pub fn of(r: &Report) -> Tally {
        Tally {
            figures: r.figures.len(),
            kinds: count_by(r.figures.iter().map(|f| f.quantity.kind)),
            flags: count_by(r.figures.iter().flat_map(|f| f.flags.iter().copied())),
            warnings: count_by(r.warnings.iter().map(|w| w.code)),
            relations: count_by(r.relations.iter().map(|x| (x.kind, x.outcome))),
        }
    }
}

/// What a report keeps of its dropped details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dropped {
    /// Of the details, to tell the same parse from another.
    fingerprint: u64,
    /// How many findings the report has (the list shows the number).
    findings: usize,
}

/// A hash of what places the details in the text: the counts of each list,
/// and every figure's, section's, warning's and chrome run's span.
fn fingerprint(r: &Report) -> u64 {
    let counts = [
        r.figures.len(),
        r.sections.len(),
        r.warnings.len(),
        r.relations.len(),
        r.chrome.len(),
    ];
    let spans = r.figures.iter().map(|f| (f.start, f.end));
    let spans = spans.chain(r.sections.iter().map(|s| (s.start, s.end)));
    let spans = spans.chain(
        r.warnings
            .iter()
            .map(|w| (w.start.unwrap_or(0), w.end.unwrap_or(0))),
    );
    let spans = spans.chain(r.chrome.iter().map(|c| (c.start, c.end)));
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let all = [r.start, r.end].into_iter().chain(counts);
    for v in all.chain(spans.flat_map(|(a, b)| [a, b])) {
        h.update(&(v as u64).to_le_bytes());
    }
    h.digest()
}

impl ReportSession {
    /// Whether the report's details are in memory (see the module).
    pub fn has_details(&self) -> bool {
        self.dropped.is_none()
    }

    /// How many findings the report has, its details dropped or not.
    pub fn finding_count(&self) -> usize {
        match self.dropped {
            Some(d) => d.findings,
            None => self.findings().len(),
        }
    }

    /// What the report's parse adds to the statistics (kept when its details
    /// are dropped).
    pub fn tally(&self) -> &Tally {
        self.tally_memo
            .get_or_init(|| Box::new(Tally::of(&self.report)))
    }

    /// Whether the details may be dropped: they are here, and no decision
    /// needs them (a review with decisions is attached to its figures).
    fn droppable(&self) -> bool {
        self.dropped.is_none() && self.review.figures.is_empty() && self.review.sections.is_empty()
    }

    /// Drop the details, keeping what the list and the statistics read.
    pub(super) fn drop_details(&mut self) {
        let findings = self.findings().len();
        self.tally();
        self.dropped = Some(Dropped {
            fingerprint: fingerprint(&self.report),
            findings,
        });
        let r = &mut self.report;
        (r.figures, r.sections, r.relations) = Default::default();
        (r.warnings, r.chrome) = Default::default();
        self.attach = Default::default();
        self.outline_memo = Default::default();
        self.findings_memo = Default::default();
        self.rev += 1;
    }

    /// Take the details back from `parsed` (the same report parsed again);
    /// false, and nothing taken, if they are not the ones dropped.
    fn restore_details(&mut self, parsed: Report, text: &str) -> bool {
        let Some(d) = self.dropped else { return true };
        if fingerprint(&parsed) != d.fingerprint {
            return false;
        }
        let r = &mut self.report;
        (r.figures, r.sections, r.relations) = (parsed.figures, parsed.sections, parsed.relations);
        (r.warnings, r.chrome) = (parsed.warnings, parsed.chrome);
        super::compact(r);
        self.attach = attach_cheap(&self.review, &self.report, text);
        self.dropped = None;
        self.rev += 1;
        true
    }

    /// The review as far as it lays the report out (joins and splits), for
    /// laying a file out again without attaching decisions.
    fn layout_only(&self) -> ReportReview {
        let rv = &self.review;
        let mut only = ReportReview::new(&rv.file, &rv.report, &rv.title);
        only.join_previous = rv.join_previous;
        only.splits = rv.splits.clone();
        only
    }
}

impl ReviewedFile {
    /// Drop the details of the reports that have no decisions (see the module).
    pub fn drop_details(&mut self) {
        if self.file.disk.is_none() {
            return; // only in memory: nothing to read it again from
        }
        for s in &mut self.sessions {
            if s.droppable() {
                s.drop_details();
            }
        }
    }
}

/// Which reports keep their details: the ones shown last, at most `budget`
/// of them (`None`: every report, as `export` and tests want), and those with
/// decisions.
#[derive(Debug, Default)]
pub(super) struct DetailCache {
    budget: Option<usize>,
    /// Reports shown with their details, the one shown last first.
    recent: VecDeque<usize>,
    /// Files whose reports could not be read again: asked again, they fail
    /// again without a parse (a frame asks on every key).
    failed: HashMap<usize, TextError>,
}

impl DetailCache {
    /// Reports `at..at + removed` were replaced by `inserted` others (a
    /// layout edit, with their details): the reports after them moved, and
    /// the new ones count as shown last.
    pub(super) fn moved(&mut self, at: usize, removed: usize, inserted: usize) {
        if self.budget.is_none() {
            return;
        }
        self.recent.retain(|&ei| ei < at || ei >= at + removed);
        for ei in &mut self.recent {
            if *ei >= at + removed {
                *ei = *ei + inserted - removed;
            }
        }
        for ei in (at..at + inserted).rev() {
            self.recent.push_front(ei);
        }
    }
}

impl Corpus {
    /// Keep the details of at most `reports` reports (the ones shown last;
    /// at least two: the workstation shows the open report and the one under
    /// the list cursor) and of reports with decisions; the others' details are
    /// dropped, those of files added from now on as they are added.
    pub fn keep_details_of(&mut self, reports: usize) {
        self.details.budget = Some(reports.max(2));
        self.trim_details();
    }

    /// How files read for this session should come: with their reports'
    /// details, or without those the session would drop.
    pub fn details_on_load(&self) -> Details {
        match self.details.budget {
            Some(_) => Details::Drop,
            None => Details::Keep,
        }
    }

    /// Keep every report's details (the default; an adjudication reads every
    /// report's figures). Details dropped already stay so until shown.
    pub fn keep_all_details(&mut self) {
        self.details.budget = None;
        self.details.recent.clear();
    }

    /// Drop the details of a file added now, if only the reports shown keep
    /// theirs and the file can be read again from disk.
    pub(super) fn place_details(&mut self, range: std::ops::Range<usize>) {
        if self.details.budget.is_none() {
            return;
        }
        for s in &mut self.sessions[range] {
            if s.droppable() && self.files[s.file].on_disk() {
                s.drop_details();
            }
        }
    }

    /// The reports of file `fi` (a file's reports are next to each other).
    fn file_range(&self, fi: usize) -> std::ops::Range<usize> {
        let start = self.sessions.partition_point(|s| s.file < fi);
        let end = self.sessions.partition_point(|s| s.file <= fi);
        start..end
    }

    fn trim_details(&mut self) {
        let Some(budget) = self.details.budget else {
            return;
        };
        while self.details.recent.len() > budget {
            let Some(ei) = self.details.recent.pop_back() else {
                break;
            };
            let on_disk = |fi: usize| self.files.get(fi).is_some_and(|f| f.on_disk());
            if let Some(s) = self.sessions.get(ei)
                && s.droppable()
                && on_disk(s.file)
            {
                self.sessions[ei].drop_details();
            }
        }
    }

    /// Make sure report `ei`'s details are here (reading it again if they were
    /// dropped), and count it as shown last.
    pub fn show(&mut self, ei: usize) -> Result<(), TextError> {
        let Some(fi) = self.sessions.get(ei).map(|s| s.file) else {
            return Ok(());
        };
        if self.details.budget.is_some() {
            self.details.recent.retain(|&e| e != ei);
            self.details.recent.push_front(ei);
        }
        let result = if self.sessions[ei].has_details() {
            Ok(())
        } else if let Some(e) = self.details.failed.get(&fi) {
            Err(e.clone())
        } else {
            let r = self.parse_again(ei);
            if let Err(e) = &r {
                self.details.failed.insert(fi, e.clone());
            }
            r
        };
        self.trim_details();
        result
    }

    /// Bring back the details of reports `range` (a layout edit reads them
    /// all), without counting them as shown.
    pub(super) fn bring_back(
        &mut self,
        range: std::ops::RangeInclusive<usize>,
    ) -> Result<(), TextError> {
        for ei in range {
            let Some(s) = self.sessions.get(ei) else {
                continue;
            };
            if s.has_details() {
                continue;
            }
            if let Some(e) = self.details.failed.get(&s.file) {
                return Err(e.clone());
            }
            let fi = s.file;
            if let Err(e) = self.parse_again(ei) {
                self.details.failed.insert(fi, e.clone());
                return Err(e);
            }
        }
        Ok(())
    }

    /// Report `ei` with its details (see [`Corpus::show`]); `None` if there is
    /// no such report or its details cannot be had again.
    pub fn shown(&mut self, ei: usize) -> Option<&ReportSession> {
        self.show(ei).ok()?;
        self.sessions.get(ei)
    }

    /// Whether reading file `fi`'s reports again has failed.
    pub(super) fn details_failed(&self, fi: usize) -> bool {
        self.details.failed.contains_key(&fi)
    }

    /// Why report `ei`'s details cannot be shown, if they cannot.
    pub fn details_error(&self, ei: usize) -> Option<&TextError> {
        let s = self.sessions.get(ei)?;
        if s.has_details() {
            return None;
        }
        self.details.failed.get(&s.file)
    }

    /// Parse report `ei` again from its file's split and give it its details
    /// back: read alone when the file's reports are laid out as parsed (no
    /// split, no join), else with the file laid out again with the reviews as
    /// they are now.
    fn parse_again(&mut self, ei: usize) -> Result<(), TextError> {
        let fi = self.sessions[ei].file;
        let body = self.body(fi)?;
        let range = self.file_range(fi);
        let as_parsed = self.sessions[range.clone()].iter().all(|s| {
            s.absorbed.is_empty() && s.review.splits.is_empty() && !s.review.join_previous
        });
        let again = if as_parsed && body.split().len() == range.len() {
            body.split().parse_one(&body.text, ei - range.start)
        } else {
            self.laid_out_again(ei, &body)
        };
        let path = self.file(fi).path.clone();
        let s = &mut self.sessions[ei];
        let (start, end) = (s.report.start, s.report.end);
        let restored = again.is_some_and(|a| {
            a.id == s.report.id
                && (a.start, a.end) == (start, end)
                && s.restore_details(a, &body.text)
        });
        if restored {
            Ok(())
        } else {
            Err(TextError::Reparsed { path })
        }
    }

    /// Report `ei` as its file laid out again gives it: the reports of the
    /// split that make its span read, the others as split, joined and cut as
    /// the reviews now say.
    fn laid_out_again(&self, ei: usize, body: &FileBody) -> Option<Report> {
        let fi = self.sessions[ei].file;
        let f = self.file(fi);
        let file = FileText {
            path: f.path.clone(),
            key: f.key.clone(),
            encoding: f.encoding.clone(),
            text: body.text.clone(),
            disk: None,
            split: None,
        };
        let range = self.file_range(fi);
        let mut reviews: HashMap<String, ReportReview> = HashMap::new();
        for s in &self.sessions[range.clone()] {
            for id in &s.absorbed {
                let mut stub = ReportReview::new(&file.key, id, "");
                stub.join_previous = true;
                reviews.insert(id.clone(), stub);
            }
            reviews.insert(s.review.report.clone(), s.layout_only());
        }
        let (start, end) = (self.sessions[ei].report.start, self.sessions[ei].report.end);
        // The reports that overlap `ei`'s span: those it is made of.
        let overlaps = |r: std::ops::Range<usize>| r.start < end.max(start + 1) && start < r.end;
        let reports = body.split().parse_where(&body.text, overlaps);
        let laid = ReviewedFile::assemble(file, reports, |id| Ok(reviews.remove(id)));
        let again = laid.sessions.into_iter().nth(ei - range.start)?;
        Some(*again.report)
    }
}
