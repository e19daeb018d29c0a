//! The outline as the reviewer corrected it, and the edits on headings: accept,
//! reject ("not a heading"), retitle, promote or demote, add a missed one.
//!
//! A heading decision is found again by its anchor (the heading's first byte
//! on); the corrected outline is the parsed one with the decisions applied, its
//! levels, parents and ends worked out again, so figures' sections follow it
//! (through `pipeline::SectionLookup`, as the parser assigns them).

use crate::model::Section;

use super::super::{Anchor, SectionDecision, SectionDecisionKind, now_rfc3339};
use super::ReportSession;
use super::corpus::{Change, Corpus};
use super::edit::Window;

/// Deepest level a reviewer can give a heading.
pub const MAX_LEVEL: u8 = 6;
/// Characters of a heading's line kept in its anchor.
const ANCHOR_CHARS: usize = 24;

/// What the reviewer said about a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingStatus {
    /// Nothing: as parsed.
    Parsed,
    Accepted,
    /// Not a heading: kept in the list to be seen, out of the outline.
    Rejected,
    /// Title or level changed.
    Corrected,
    /// A heading the parser missed.
    Added,
}

/// One heading of the corrected outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineRow {
    /// As corrected: title, level, parent and end worked out again; a rejected
    /// heading keeps its parsed values and has no parent.
    pub section: Section,
    pub status: HeadingStatus,
    /// Its decision (index into the review's `sections`).
    pub decision: Option<usize>,
    /// The parsed section it is (index into the report's `sections`).
    pub parsed: Option<usize>,
}

impl ReportSession {
    /// The outline with the reviewer's decisions applied, rejected headings
    /// included (marked), in text order (worked out once per change).
    pub fn outline(&self) -> &[OutlineRow] {
        self.outline_memo.get_or_init(|| self.work_out_outline())
    }

    fn work_out_outline(&self) -> Vec<OutlineRow> {
        let mut by_start: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        let mut rows: Vec<OutlineRow> = Vec::new();
        for (k, s) in self.report.sections.iter().enumerate() {
            by_start.entry(s.start).or_insert(k);
            rows.push(OutlineRow {
                section: s.clone(),
                status: HeadingStatus::Parsed,
                decision: None,
                parsed: Some(k),
            });
        }
        for (di, d) in self.review.sections.iter().enumerate() {
            let Some((start, _)) = self.attach.section_spans.get(di).copied().flatten() else {
                continue;
            };
            if !(self.report.start <= start && start < self.report.end.max(self.report.start + 1)) {
                continue;
            }
            match (d.kind, by_start.get(&start)) {
                (SectionDecisionKind::MissingHeading, None) => rows.push(OutlineRow {
                    section: Section {
                        id: format!("h{}", di + 1),
                        start,
                        end: start,
                        level: d.level.unwrap_or(1).clamp(1, MAX_LEVEL),
                        title: d.title.clone().unwrap_or_else(|| d.anchor.text.clone()),
                        ..Default::default()
                    },
                    status: HeadingStatus::Added,
                    decision: Some(di),
                    parsed: None,
                }),
                (_, Some(&k)) => {
                    let row = &mut rows[k];
                    row.decision = Some(di);
                    row.status = match d.kind {
                        SectionDecisionKind::NotAHeading => HeadingStatus::Rejected,
                        SectionDecisionKind::Accepted => HeadingStatus::Accepted,
                        _ => HeadingStatus::Corrected,
                    };
                    if let Some(t) = &d.title {
                        row.section.title = t.clone();
                    }
                    if let Some(l) = d.level {
                        row.section.level = l.clamp(1, MAX_LEVEL);
                    }
                }
                _ => {}
            }
        }
        rows.sort_by_key(|r| r.section.start);
        relink(&mut rows, self.report.end);
        rows
    }

    /// The corrected outline's sections (rejected headings left out), in text order.
    pub fn sections(&self) -> Vec<Section> {
        self.outline()
            .iter()
            .filter(|r| r.status != HeadingStatus::Rejected)
            .map(|r| r.section.clone())
            .collect()
    }
}

/// Parents and ends from the levels: a heading's section runs to the next
/// heading of the same or a higher level (or the report's end).
fn relink(rows: &mut [OutlineRow], report_end: usize) {
    let mut stack: Vec<usize> = Vec::new();
    let live: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].status != HeadingStatus::Rejected)
        .collect();
    for &i in &live {
        let level = rows[i].section.level;
        while let Some(&top) = stack.last() {
            if rows[top].section.level >= level {
                rows[top].section.end = rows[i].section.start;
                stack.pop();
            } else {
                break;
            }
        }
        rows[i].section.parent = stack.last().map(|&p| rows[p].section.id.clone());
        stack.push(i);
    }
    for i in stack {
        rows[i].section.end = report_end;
    }
    for r in rows
        .iter_mut()
        .filter(|r| r.status == HeadingStatus::Rejected)
    {
        r.section.parent = None;
    }
}

/// What a heading edit does to a heading's decision.
enum HeadingEdit {
    Kind(SectionDecisionKind),
    Correct {
        title: Option<String>,
        level: Option<u8>,
    },
    Shift(i8),
}

impl Corpus {
    /// Accept heading `row` of report `ei`'s outline as parsed.
    pub fn heading_accept(&mut self, ei: usize, row: usize) -> Option<Change> {
        self.heading_edit(ei, row, HeadingEdit::Kind(SectionDecisionKind::Accepted))
    }

    /// Say heading `row` is not a heading (an added one is taken out again).
    pub fn heading_reject(&mut self, ei: usize, row: usize) -> Option<Change> {
        self.heading_edit(ei, row, HeadingEdit::Kind(SectionDecisionKind::NotAHeading))
    }

    /// Correct heading `row`'s title and level (`None`: keep as it is shown).
    pub fn heading_correct(
        &mut self,
        ei: usize,
        row: usize,
        title: Option<String>,
        level: Option<u8>,
    ) -> Option<Change> {
        self.heading_edit(ei, row, HeadingEdit::Correct { title, level })
    }

    /// Promote (`-1`) or demote (`+1`) heading `row` by one level.
    pub fn heading_shift(&mut self, ei: usize, row: usize, by: i8) -> Option<Change> {
        self.heading_edit(ei, row, HeadingEdit::Shift(by))
    }

    /// Add a heading the parser missed at the line holding byte `at`.
    pub fn heading_add(&mut self, ei: usize, at: usize, title: &str, level: u8) -> Option<Change> {
        self.show(ei).ok()?;
        let s = self.session(ei)?;
        let file = self.body_of(ei).ok()?;
        let (ls, le) = file.line_at(at)?;
        let line = file.text.get(ls..le)?;
        let start = ls + (line.len() - line.trim_start().len());
        if line.trim().is_empty() || start < s.report.start || start >= s.report.end {
            return None;
        }
        if s.outline().iter().any(|r| r.section.start == start) {
            return None; // a heading is there already: correct it instead
        }
        let anchor = heading_anchor(&file.text, start, le);
        let span = (anchor.start, anchor.end);
        let n = s.review.figures.len();
        let who = self.reviewer().to_string();
        let title = title.trim().to_string();
        self.edit(ei, Some(Window::report_only(n)), move |rv, at_, _| {
            rv.sections.push(SectionDecision {
                anchor,
                kind: SectionDecisionKind::MissingHeading,
                level: Some(level.clamp(1, MAX_LEVEL)),
                title: Some(title),
                reviewer: who,
                at: now_rfc3339(),
                extra: Default::default(),
            });
            at_.section_spans.resize(rv.sections.len() - 1, None);
            at_.section_spans.push(Some(span));
        })
    }

    fn heading_edit(&mut self, ei: usize, row: usize, what: HeadingEdit) -> Option<Change> {
        self.show(ei).ok()?;
        let s = self.session(ei)?;
        let r = s.outline().get(row)?.clone();
        let parsed = r.parsed.and_then(|k| s.report.sections.get(k)).cloned();
        let file = self.body_of(ei).ok()?;
        let anchor = {
            let (_, le) = file.line_at(r.section.start)?;
            heading_anchor(&file.text, r.section.start, le)
        };
        let n = s.review.figures.len();
        let who = self.reviewer().to_string();
        let start = r.section.start;
        self.edit(ei, Some(Window::report_only(n)), move |rv, at_, _| {
            let di = match r.decision {
                Some(di) if di < rv.sections.len() => di,
                _ => {
                    let span = (start, anchor.end);
                    rv.sections.push(SectionDecision {
                        anchor,
                        kind: SectionDecisionKind::Accepted,
                        level: None,
                        title: None,
                        reviewer: String::new(),
                        at: String::new(),
                        extra: Default::default(),
                    });
                    at_.section_spans.resize(rv.sections.len() - 1, None);
                    at_.section_spans.push(Some(span));
                    rv.sections.len() - 1
                }
            };
            let added = rv.sections[di].kind == SectionDecisionKind::MissingHeading;
            if added && matches!(what, HeadingEdit::Kind(SectionDecisionKind::NotAHeading)) {
                rv.sections.remove(di);
                if di < at_.section_spans.len() {
                    at_.section_spans.remove(di);
                }
                return;
            }
            let d = &mut rv.sections[di];
            what.apply(d, added, r.section.level, parsed.as_ref());
            d.reviewer = who;
            d.at = now_rfc3339();
        })
    }
}

impl HeadingEdit {
    /// Change heading decision `d` (of an added heading if `added`; shown at
    /// `level`; `parsed` as the parser read it).
    fn apply(self, d: &mut SectionDecision, added: bool, level: u8, parsed: Option<&Section>) {
        let is_kind = matches!(self, HeadingEdit::Kind(_));
        match self {
            HeadingEdit::Kind(k) => {
                if !added {
                    d.kind = k;
                    d.level = None;
                    d.title = None;
                }
            }
            HeadingEdit::Correct { title, level } => {
                if let Some(t) = title {
                    d.title = Some(t.trim().to_string());
                }
                if let Some(l) = level {
                    d.level = Some(l.clamp(1, MAX_LEVEL));
                }
            }
            HeadingEdit::Shift(by) => {
                let now = d.level.unwrap_or(level) as i16 + by as i16;
                d.level = Some(now.clamp(1, MAX_LEVEL as i16) as u8);
            }
        }
        if added || is_kind {
            return;
        }
        // Back to the parsed values is no correction at all.
        if let Some(p) = parsed {
            if d.title.as_deref() == Some(p.title.as_str()) {
                d.title = None;
            }
            if d.level == Some(p.level) {
                d.level = None;
            }
        }
        d.kind = if d.title.is_none() && d.level.is_none() {
            SectionDecisionKind::Accepted
        } else {
            SectionDecisionKind::Corrected
        };
    }
}

/// A heading's anchor: from its first byte to the end of its line, at most
/// [`ANCHOR_CHARS`] characters.
fn heading_anchor(text: &str, start: usize, line_end: usize) -> Anchor {
    let line = text.get(start..line_end).unwrap_or("");
    let end = line
        .char_indices()
        .nth(ANCHOR_CHARS)
        .map_or(line_end, |(i, _)| start + i);
    let trimmed = text.get(start..end).unwrap_or("").trim_end();
    Anchor::new(text, start, start + trimmed.len())
}

#[cfg(test)]
mod heading_edits {
    use super::*;
    use crate::model::{Figure, Report};
    use crate::review::ReportReview;
    use crate::review::session::{FileText, ReportSession};

    const TEXT: &str = "总结\n一、宣传\n培训100人。\n二是维权\n调处12件。\n三、计划\n明年3项。\n";

    fn corpus() -> Corpus {
        let sec = |id: &str, m: &str, t: &str, level: u8, parent: Option<&str>| {
            let start = TEXT.find(&format!("{m}{t}")).unwrap();
            Section {
                id: id.into(),
                start,
                end: start,
                level,
                marker: m.into(),
                title: t.into(),
                parent: parent.map(str::to_string),
                ..Default::default()
            }
        };
        let mut sections = vec![
            sec("s1", "一、", "宣传", 1, None),
            sec("s2", "二是", "维权", 2, Some("s1")),
            sec("s3", "三、", "计划", 1, None),
        ];
        let ends = [sections[2].start, sections[2].start, TEXT.len()];
        for (s, e) in sections.iter_mut().zip(ends) {
            s.end = e;
        }
        let at = TEXT.find("12件").unwrap();
        let figures = vec![Figure {
            id: "f1".into(),
            start: at,
            end: at + "12件".len(),
            text: "12件".into(),
            section: Some("s2".into()),
            ..Default::default()
        }];
        let report = Report {
            id: "r1".into(),
            end: TEXT.len(),
            sections,
            figures,
            ..Default::default()
        };
        let rv = ReportReview::new("a.txt", "r1", "");
        let s = ReportSession::new(0, report, rv, TEXT);
        let mut c = Corpus::new("li");
        c.add_file(
            FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), TEXT.into()),
            vec![s],
        );
        c
    }

    fn statuses(c: &Corpus) -> Vec<(String, u8, HeadingStatus)> {
        c.sessions()[0]
            .outline()
            .iter()
            .map(|r| (r.section.title.clone(), r.section.level, r.status))
            .collect()
    }

    #[test]
    fn heading_decisions_shape_the_outline_and_undo() {
        use HeadingStatus::*;
        let mut c = corpus();
        c.heading_accept(0, 0).unwrap();
        c.heading_shift(0, 1, -1).unwrap(); // 二是维权 promoted to level 1
        c.heading_correct(0, 2, Some("来年计划".into()), None)
            .unwrap();
        let add_at = TEXT.find("培训").unwrap();
        c.heading_add(0, add_at, "培训情况", 2).unwrap();
        assert_eq!(
            statuses(&c),
            [
                ("宣传".into(), 1, Accepted),
                ("培训情况".into(), 2, Added),
                ("维权".into(), 1, Corrected),
                ("来年计划".into(), 1, Corrected),
            ]
        );
        // The figure's section follows: 维权 is now outermost, its own parent.
        let secs = c.sessions()[0].sections();
        let weiquan = secs.iter().find(|s| s.title == "维权").unwrap();
        assert_eq!(weiquan.parent, None);
        // Rejecting the added heading takes it out; undo brings it back.
        c.heading_reject(0, 1).unwrap();
        assert_eq!(statuses(&c).len(), 3);
        c.undo().unwrap();
        assert_eq!(statuses(&c)[1].2, Added);
        // A heading is not one: kept in the list, out of the sections.
        c.heading_reject(0, 0).unwrap();
        assert_eq!(statuses(&c)[0].2, Rejected);
        assert!(c.sessions()[0].sections().iter().all(|s| s.title != "宣传"));
        // Back to the parsed values is no correction.
        c.heading_shift(0, 2, 1).unwrap();
        assert_eq!(statuses(&c)[2].2, Accepted);
        assert!(
            c.heading_add(0, add_at, "again", 1).is_none(),
            "a heading is there"
        );
    }
}
