//! A file's reports as the reviewer laid them out: the parser's reports, joined
//! where a review says `join_previous`, then cut where a review's `splits` say.
//!
//! Every report of the layout has its own store file: a parsed report's by its
//! id, a split-off part's by the id its split decision names ([`part_id`]). A
//! split moves the decisions after the cut into the new part's review; a join
//! moves the later report's decisions into the earlier one and leaves the later
//! report's file holding only the join. The report that gains decisions is
//! written first, so a crash between the two writes never loses a decision.

use std::collections::HashMap;

use crate::model::{Report, Section};
use crate::pipeline::SplitText;

use super::super::{Anchor, ReportReview, SplitDecision, StoreError, locate, now_rfc3339};
use super::ReportSession;
use super::corpus::{Change, Corpus};
use super::files::{FileBody, FileText};
use super::history::{LayoutEdit, ReportState, Step};

/// Characters of the split line kept in its anchor.
const SPLIT_ANCHOR_CHARS: usize = 24;
/// Characters of the split line taken as the new report's title.
const TITLE_CHARS: usize = 60;

/// The id of the report split off `parent` at `anchor`: stable as long as the
/// line's text and context are.
pub fn part_id(parent: &str, anchor: &Anchor) -> String {
    let h = xxhash_rust::xxh3::xxh3_64(format!("{}|{}", anchor.text, anchor.context).as_bytes());
    format!("{parent}~{:08x}", h as u32)
}

/// Read, decode and parse one input, and lay it out with its reviews: `review`
/// loads one by (file key, report id). The key is `key`, or the one the store
/// files this text under if it was renamed or moved (see [`super::Catalog`]).
pub fn read_file(
    key: &str,
    input: &crate::load::Input,
    catalog: &super::Catalog,
    read: &std::collections::HashSet<String>,
    mut review: impl FnMut(&str, &str) -> Result<Option<ReportReview>, StoreError>,
) -> Result<ReviewedFile, crate::load::Diagnostic> {
    let keep = Details::Keep;
    let (_, mut views) =
        read_file_views(key, input, &[catalog], read, keep, |_, k, id| review(k, id))?;
    Ok(views.remove(0))
}

/// Whether a file read keeps its reports' details (see `details`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    Keep,
    /// Dropped where no decision needs them and the file can be read again:
    /// a file without reviews is laid out report by report as each is parsed,
    /// so its parse is never held whole (a 20 MB page's reports are 60 MB).
    Drop,
}

/// [`read_file`] for several stores at once (several reviewers' work on the
/// same corpus): the file is read and parsed once and laid out with each
/// store's reviews (`review(store, key, id)`, stores in `catalogs`' order).
/// Also returns where the reports are as parsed, before any reviewer's layout.
pub fn read_file_views(
    key: &str,
    input: &crate::load::Input,
    catalogs: &[&super::Catalog],
    read: &std::collections::HashSet<String>,
    details: Details,
    mut review: impl FnMut(usize, &str, &str) -> Result<Option<ReportReview>, StoreError>,
) -> Result<(Vec<ParsedSpan>, Vec<ReviewedFile>), crate::load::Diagnostic> {
    let doc = crate::load::load(input)?;
    let split = SplitText::new(&doc.text);
    let ids: Vec<&str> = split.ids().collect();
    let on_disk = matches!(input, crate::load::Input::File(_));
    if let ([catalog], Details::Drop, true) = (catalogs, details, on_disk) {
        let own = catalog.key_for(key, &ids, read);
        if !catalog.holds(&own) {
            return Ok(read_unreviewed(doc, split, own, input));
        }
    }
    let parsed = split.parse_map(&doc.text, |r| r);
    let spans = parsed.iter().map(ParsedSpan::of).collect();
    let mut file = FileText::new(
        doc.path,
        key.to_string(),
        doc.encoding.to_string(),
        doc.text,
    );
    if let crate::load::Input::File(p) = input {
        file = file.read_from(p.clone());
    }
    let mut reports = Some(parsed);
    let mut views = Vec::with_capacity(catalogs.len());
    for (i, catalog) in catalogs.iter().enumerate() {
        let key = catalog.key_for(key, &ids, read);
        let mut file = file.clone();
        file.key = key.clone();
        // The last store takes the parse itself: one store costs no copy.
        let reports = if i + 1 == catalogs.len() {
            reports.take().unwrap_or_default()
        } else {
            reports.clone().unwrap_or_default()
        };
        views.push(ReviewedFile::assemble(file, reports, |id| {
            review(i, &key, id)
        }));
    }
    Ok((spans, views))
}

/// A file on disk that no review is filed under, its reports laid out one
/// each (no splits, no joins, fresh reviews) and their details dropped as
/// each report is parsed.
fn read_unreviewed(
    doc: crate::load::Document,
    split: SplitText,
    key: String,
    input: &crate::load::Input,
) -> (Vec<ParsedSpan>, Vec<ReviewedFile>) {
    let text = &doc.text;
    let sessions = split.parse_map(text, |r| {
        let review = ReportReview::new(&key, &r.id, &r.title);
        let mut s = ReportSession::new(0, r, review, text);
        s.drop_details();
        s
    });
    let spans = sessions.iter().map(|s| ParsedSpan::of(&s.report)).collect();
    let mut file = FileText::new(doc.path, key, doc.encoding.to_string(), doc.text);
    if let crate::load::Input::File(p) = input {
        file = file.read_from(p.clone());
    }
    // Handed on: a reader that shows the file reads its reports again from it.
    file.split = Some(std::sync::Arc::new(split));
    let reviewed = ReviewedFile {
        file,
        sessions,
        problems: Vec::new(),
        used: Vec::new(),
    };
    (spans, vec![reviewed])
}

/// Where a report is as the parser found it (before any reviewer's splits and
/// joins): the common ground on which several reviewers' work is compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedSpan {
    pub id: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
}

impl ParsedSpan {
    pub fn of(r: &Report) -> ParsedSpan {
        ParsedSpan {
            id: r.id.clone(),
            title: r.title.clone(),
            start: r.start,
            end: r.end,
        }
    }
}

/// One file with the reviews of its reports: what the workstation, `export` and
/// `stats` all read.
#[derive(Debug, Clone)]
pub struct ReviewedFile {
    pub file: FileText,
    pub sessions: Vec<ReportSession>,
    /// Problems met reading the store, each a line for a person.
    pub problems: Vec<String>,
    /// Store files read for this file's reports that hold decisions (file key,
    /// report id), including the joins: the reviews that are not orphaned.
    pub used: Vec<(String, String)>,
}

impl ReviewedFile {
    /// Lay out `reports` (as parsed from `file`'s text) with the reviews `load`
    /// finds by report id, and attach each review.
    pub fn assemble(
        file: FileText,
        reports: Vec<Report>,
        load: impl FnMut(&str) -> Result<Option<ReportReview>, StoreError>,
    ) -> ReviewedFile {
        let mut reader = Reader {
            key: file.key.clone(),
            load,
            problems: Vec::new(),
            used: Vec::new(),
        };
        let text = file.text.clone();
        let mut sessions = Vec::new();
        for (report, review, absorbed) in join_groups(reports, &mut reader) {
            let pieces = cut_at_splits(&text, report, &review);
            let mut review = Some(review);
            for (report, part) in pieces {
                let rv = match part {
                    None => review.take().unwrap_or_default(),
                    Some(id) => reader.get(&id, &report.title),
                };
                let mut s = ReportSession::new(0, report, rv, &text);
                s.absorbed = absorbed.clone();
                sessions.push(s);
            }
        }
        let key = reader.key.clone();
        for s in &sessions {
            for id in &s.absorbed {
                reader.used.push((key.clone(), id.clone()));
            }
        }
        ReviewedFile {
            file,
            sessions,
            problems: reader.problems,
            used: reader.used,
        }
    }
}

/// Reviews read for one file, and what reading them met.
struct Reader<F> {
    key: String,
    load: F,
    problems: Vec<String>,
    used: Vec<(String, String)>,
}

impl<F: FnMut(&str) -> Result<Option<ReportReview>, StoreError>> Reader<F> {
    /// The review of report `id` (a fresh one if none was saved or it could not be read).
    fn get(&mut self, id: &str, title: &str) -> ReportReview {
        match (self.load)(id) {
            Ok(Some(r)) => {
                self.used.push((r.file.clone(), id.to_string()));
                r
            }
            Ok(None) => ReportReview::new(&self.key, id, title),
            Err(e) => {
                self.problems.push(e.to_string());
                ReportReview::new(&self.key, id, title)
            }
        }
    }
}

/// The parsed reports with their reviews, those that say `join_previous` made
/// part of the one before: (report, review, ids joined into it).
fn join_groups<F>(
    reports: Vec<Report>,
    reader: &mut Reader<F>,
) -> Vec<(Report, ReportReview, Vec<String>)>
where
    F: FnMut(&str) -> Result<Option<ReportReview>, StoreError>,
{
    let mut groups: Vec<(Report, ReportReview, Vec<String>)> = Vec::new();
    for r in reports {
        let mut rv = reader.get(&r.id, &r.title);
        match groups.last_mut() {
            Some((head, head_rv, absorbed)) if rv.join_previous => {
                // Normally empty: a join moved them; kept if a crash did not.
                head_rv.figures.append(&mut rv.figures);
                head_rv.sections.append(&mut rv.sections);
                head_rv.splits.append(&mut rv.splits);
                absorbed.push(r.id.clone());
                merge_into(head, r);
            }
            _ => groups.push((r, rv, Vec::new())),
        }
    }
    groups
}

/// A report cut where its review's splits are found: the pieces in order, each
/// with the id of its part (`None` for the first, which keeps the report's).
fn cut_at_splits(
    text: &str,
    report: Report,
    review: &ReportReview,
) -> Vec<(Report, Option<String>)> {
    let mut cuts: Vec<(usize, String)> = review
        .splits
        .iter()
        .filter_map(|sp| {
            let (s, _) = locate(text, &report, &sp.anchor)?;
            (report.start < s && s < report.end).then(|| (s, split_id(&report.id, sp)))
        })
        .collect();
    cuts.sort();
    cuts.dedup_by_key(|c| c.0);
    let mut rest = report;
    let mut pieces: Vec<(Report, Option<String>)> = Vec::new();
    for (at, id) in cuts.into_iter().rev() {
        let title = line_title(text, at);
        let (left, right) = cut(&rest, at, id.clone(), title);
        pieces.push((right, Some(id)));
        rest = left;
    }
    pieces.push((rest, None));
    pieces.reverse();
    pieces
}

/// The id of the part a split makes: as the decision names it, or derived.
fn split_id(parent: &str, sp: &SplitDecision) -> String {
    if sp.report.is_empty() {
        part_id(parent, &sp.anchor)
    } else {
        sp.report.clone()
    }
}

/// The line at `at`, trimmed, as a report title.
fn line_title(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    line.trim().chars().take(TITLE_CHARS).collect()
}

/// Report `r` cut at byte `at`: the part before keeps the id; the part from `at`
/// on gets `id` and `title`, the rest of the metadata as the report's.
fn cut(r: &Report, at: usize, id: String, title: String) -> (Report, Report) {
    let mut left = r.clone();
    let mut right = r.clone();
    left.end = at;
    right.start = at;
    right.id = id;
    right.title = title;
    left.figures.retain(|f| f.start < at);
    right.figures.retain(|f| f.start >= at);
    left.sections.retain(|s| s.start < at);
    right.sections.retain(|s| s.start >= at);
    left.chrome.retain(|r| r.start < at);
    right.chrome.retain(|r| r.start >= at);
    for s in &mut left.sections {
        s.end = s.end.min(at);
    }
    let right_ids: std::collections::HashSet<String> =
        right.sections.iter().map(|s| s.id.clone()).collect();
    for s in &mut right.sections {
        if s.parent.as_ref().is_some_and(|p| !right_ids.contains(p)) {
            s.parent = None;
        }
    }
    let in_left = |w: &crate::model::Warning| w.start.is_none_or(|s| s < at);
    right.warnings.retain(|w| !in_left(w));
    left.warnings.retain(in_left);
    crate::pipeline::assign_sections(&mut left.figures, &left.sections);
    crate::pipeline::assign_sections(&mut right.figures, &right.sections);
    (left, right)
}

/// `b` (the report after `a` in the file) made part of `a`; ids renumbered so
/// they stay unique in the report.
fn merge_into(a: &mut Report, b: Report) {
    a.end = a.end.max(b.end);
    let offset_f = a.figures.len();
    let offset_s = a.sections.len();
    let mut remap: HashMap<String, String> = HashMap::new();
    for (k, mut s) in b.sections.into_iter().enumerate() {
        let id = format!("s{}", offset_s + k + 1);
        remap.insert(s.id.clone(), id.clone());
        s.id = id;
        a.sections.push(s);
    }
    for s in a.sections[offset_s..].iter_mut() {
        s.parent = s.parent.as_ref().and_then(|p| remap.get(p).cloned());
    }
    for (k, mut f) in b.figures.into_iter().enumerate() {
        f.id = format!("f{}", offset_f + k + 1);
        f.section = f.section.as_ref().and_then(|s| remap.get(s).cloned());
        a.figures.push(f);
    }
    a.warnings.extend(b.warnings);
    a.chrome.extend(b.chrome);
}

fn state_of(s: &ReportSession) -> ReportState {
    ReportState {
        report: (*s.report).clone(),
        review: (*s.review).clone(),
        attach: s.attach.clone(),
        absorbed: s.absorbed.clone(),
    }
}

/// The anchor of a split at the line holding byte `at`: the line's opening,
/// from its first character that is not a space; refused on an empty line or
/// outside the report `range` (or on its first line).
fn split_anchor(file: &FileBody, at: usize, range: (usize, usize)) -> Result<Anchor, String> {
    let text = &file.text;
    let (ls, le) = file.line_at(at).ok_or("no line there")?;
    let line = text.get(ls..le).unwrap_or("");
    let at = ls + (line.len() - line.trim_start().len());
    if line.trim().is_empty() {
        return Err("the line at the cursor is empty".into());
    }
    if at <= range.0 || at >= range.1 {
        return Err("the cursor is on the report's first line: nothing to split off".into());
    }
    let end = text[at..le]
        .char_indices()
        .nth(SPLIT_ANCHOR_CHARS)
        .map_or(le, |(i, _)| at + i);
    Ok(Anchor::new(text, at, end))
}

/// Decisions parted at byte `at` by where each is (`starts`, by index; one not
/// found stays): (before, from `at` on).
fn part_at<T>(items: Vec<T>, starts: &[Option<usize>], at: usize) -> (Vec<T>, Vec<T>) {
    let mut stay = starts.iter().map(|s| s.is_none_or(|s| s < at));
    items.into_iter().partition(|_| stay.next().unwrap_or(true))
}

/// Where the figure and section decisions of a review are now (their attached
/// spans), so a cut can tell the side each is on; `None`: not found.
fn decision_starts(s: &ReportSession) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut figs: Vec<Option<usize>> = (0..s.review.figures.len())
        .map(|i| s.attach.spans.get(i).copied().flatten().map(|(a, _)| a))
        .collect();
    for (fi, d) in s.attach.figure_decisions.iter().enumerate() {
        if let (Some(di), Some(f)) = (d, s.report.figures.get(fi))
            && let Some(slot) = figs.get_mut(*di)
        {
            slot.get_or_insert(f.start);
        }
    }
    let secs = (0..s.review.sections.len())
        .map(|i| {
            s.attach
                .section_spans
                .get(i)
                .copied()
                .flatten()
                .map(|(a, _)| a)
        })
        .collect();
    (figs, secs)
}

impl Corpus {
    /// The first report of the run of parts `ei` belongs to (the one whose
    /// review holds the splits): `ei` itself unless it is a split-off part.
    fn group_head(&self, ei: usize) -> usize {
        let file = self.sessions()[ei].file;
        let mut h = ei;
        while h > 0
            && self.sessions()[h].review.report.contains('~')
            && self.sessions()[h - 1].file == file
        {
            h -= 1;
        }
        h
    }

    /// Split report `ei` at byte `at` (the start of a line inside it): the text
    /// from there on becomes a report of its own, its decisions with it.
    pub fn split(&mut self, ei: usize, at: usize) -> Result<Change, String> {
        self.show(ei).map_err(|e| e.to_string())?;
        let s = self.session(ei).ok_or("no such report")?;
        let key = self.file_of(ei).key.clone();
        let file = self.body_of(ei).map_err(|e| e.to_string())?;
        let text = &file.text;
        let anchor = split_anchor(&file, at, (s.report.start, s.report.end))?;
        let at = anchor.start;
        let head = self.group_head(ei);
        self.bring_back(head..=ei).map_err(|e| e.to_string())?;
        let id = part_id(&self.sessions()[head].review.report, &anchor);
        let split = SplitDecision {
            anchor,
            report: id.clone(),
            reviewer: self.reviewer().to_string(),
            at: now_rfc3339(),
            ..Default::default()
        };
        let before: Vec<ReportState> = (head..=ei).map(|i| state_of(&self.sessions()[i])).collect();
        let mut after = before.clone();
        let (fig_at, sec_at) = decision_starts(&self.sessions()[ei]);
        let last = after.last_mut().ok_or("no report")?;
        let title = line_title(text, at);
        let (left, right) = cut(&last.report, at, id.clone(), title.clone());
        let mut part = ReportReview::new(&key, &id, &title);
        part.status = crate::review::ReportStatus::InProgress;
        part.reviewer = Some(self.reviewer().to_string());
        let rv = &mut last.review;
        (rv.figures, part.figures) = part_at(std::mem::take(&mut rv.figures), &fig_at, at);
        (rv.sections, part.sections) = part_at(std::mem::take(&mut rv.sections), &sec_at, at);
        last.report = left;
        after[0].review.splits.push(split);
        after.push(ReportState {
            report: right,
            review: part,
            attach: Default::default(),
            absorbed: Vec::new(),
        });
        Ok(self.lay_out(head, before, after, Vec::new(), text))
    }

    /// Make a layout edit of the reports from `head` (`after` attached afresh)
    /// and record it.
    fn lay_out(
        &mut self,
        head: usize,
        before: Vec<ReportState>,
        mut after: Vec<ReportState>,
        after_stubs: Vec<ReportReview>,
        text: &str,
    ) -> Change {
        for st in &mut after {
            st.attach = super::attach_cheap(&st.review, &st.report, text);
        }
        let le = LayoutEdit {
            at: head,
            before,
            after,
            after_stubs,
        };
        let change = self.apply_layout(&le, false);
        self.history.push(Step::Layout(le));
        change
    }

    /// Join report `ei` to the one before it in its file: one report from then
    /// on, the later one's decisions with it.
    pub fn join_previous(&mut self, ei: usize) -> Result<Change, String> {
        self.show(ei).map_err(|e| e.to_string())?;
        let s = self.session(ei).ok_or("no such report")?;
        if ei == 0 || self.sessions()[ei - 1].file != s.file {
            return Err("the first report of its file has none before it to join".into());
        }
        let text = self.body_of(ei).map_err(|e| e.to_string())?.text.clone();
        let b_id = s.review.report.clone();
        let head = self.group_head(ei - 1);
        self.bring_back(head..=ei).map_err(|e| e.to_string())?;
        let before: Vec<ReportState> = (head..=ei).map(|i| state_of(&self.sessions()[i])).collect();
        let mut after = before.clone();
        let mut b = after.pop().ok_or("no report")?;
        let mut stubs = Vec::new();
        // A split-off part goes back into its report: its split is taken out.
        let split_of_b = after[0]
            .review
            .splits
            .iter()
            .position(|sp| split_id(&after[0].review.report, sp) == b_id);
        match split_of_b {
            Some(k) if b_id.contains('~') => {
                after[0].review.splits.remove(k);
            }
            _ => {
                // A report of its own: its file keeps the join; its splits move to the head.
                let mut stub = b.review.clone();
                stub.join_previous = true;
                stub.figures.clear();
                stub.sections.clear();
                let moved = std::mem::take(&mut stub.splits);
                for mut sp in moved {
                    if sp.report.is_empty() {
                        sp.report = part_id(&b_id, &sp.anchor);
                    }
                    after[0].review.splits.push(sp);
                }
                stubs.push(stub);
            }
        }
        let a = after.last_mut().ok_or("no report")?;
        a.review.figures.append(&mut b.review.figures);
        a.review.sections.append(&mut b.review.sections);
        a.absorbed.append(&mut b.absorbed);
        if split_of_b.is_none() {
            a.absorbed.push(b_id);
        }
        merge_into(&mut a.report, b.report);
        Ok(self.lay_out(head, before, after, stubs, &text))
    }
}

/// Sections of a report in their parsed order, as a map by id (for section paths).
pub fn sections_by_id(sections: &[Section]) -> HashMap<&str, &Section> {
    sections.iter().map(|s| (s.id.as_str(), s)).collect()
}

#[cfg(test)]
mod tests;
