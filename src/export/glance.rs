//! The corpus at a glance: the statistics of a review session as it stands
//! (the same counts `zongjie stats` prints), with review progress by folder,
//! or by file when the corpus is one folder. The workstation draws it.

use std::collections::BTreeMap;

use crate::review::ReportStatus;
use crate::review::session::{Corpus, FileText, ReportSession};

use super::stats::{Stats, StatsBuilder};

/// What the review session adds up to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Glance {
    pub stats: Stats,
    /// Whether `progress` is by folder or by file.
    pub grouping: Grouping,
    /// Review progress of each folder (or file), in name order.
    pub progress: Vec<GroupProgress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Folder,
    File,
}

impl Grouping {
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Folder => "folder",
            Grouping::File => "file",
        }
    }
}

/// Review progress of one folder or file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupProgress {
    /// The folder (`.` for the top one) or the file, as the store names it.
    pub name: String,
    pub reports: usize,
    pub done: usize,
    pub in_progress: usize,
    /// Figure rows (parsed and added) and those with a decision.
    pub figures: usize,
    pub decided: usize,
}

impl GroupProgress {
    /// Decided figure rows, in percent (0 when there are none).
    pub fn percent_decided(&self) -> u64 {
        (self.decided * 100).checked_div(self.figures).unwrap_or(0) as u64
    }
}

/// The glance at a session's files and reports (a file's reports next to each
/// other, as the session keeps them). Only the files with decisions are read
/// again (their records need the text), one at a time.
pub fn glance(corpus: &Corpus) -> Glance {
    let mut stats = StatsBuilder::default();
    let mut by_folder: BTreeMap<String, GroupProgress> = BTreeMap::new();
    let mut by_file: BTreeMap<String, GroupProgress> = BTreeMap::new();
    for group in corpus.sessions().chunk_by(|a, b| a.file == b.file) {
        let fi = group[0].file;
        let Some(f) = corpus.files().get(fi) else {
            continue;
        };
        let decided = group
            .iter()
            .any(|s| !s.review.figures.is_empty() || !s.review.sections.is_empty());
        // Without decisions the statistics read no text; a file that cannot be
        // read again counts its records as offset errors.
        let text = if decided {
            corpus.file_text(fi).ok()
        } else {
            None
        };
        let file = text.unwrap_or_else(|| {
            FileText::new(
                f.path.clone(),
                f.key.clone(),
                f.encoding.clone(),
                String::new(),
            )
        });
        stats.add_file(&file, group);
        let folder = match file.key.rsplit_once('/') {
            Some((dir, _)) => dir.to_string(),
            None => ".".to_string(),
        };
        for s in group {
            count(by_folder.entry(folder.clone()).or_default(), s);
            count(by_file.entry(file.key.clone()).or_default(), s);
        }
    }
    let (grouping, groups) = if by_folder.len() > 1 {
        (Grouping::Folder, by_folder)
    } else {
        (Grouping::File, by_file)
    };
    Glance {
        stats: stats.finish(Vec::new()),
        grouping,
        progress: groups
            .into_iter()
            .map(|(name, g)| GroupProgress { name, ..g })
            .collect(),
    }
}

fn count(g: &mut GroupProgress, s: &ReportSession) {
    let c = s.counts();
    g.reports += 1;
    g.done += usize::from(s.status() == ReportStatus::Done);
    g.in_progress += usize::from(s.status() == ReportStatus::InProgress);
    g.figures += c.total;
    g.decided += c.decided;
}

/// A count's entries, largest first (then by name).
pub fn ranked(m: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = m.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Quantity, Report};
    use crate::review::{Anchor, DecisionStatus, FigureDecision, ReportReview};

    fn session(file: usize, text: &str, year: Option<i32>, decide: bool) -> ReportSession {
        let i = text.find("12个").unwrap();
        let report = Report {
            id: "r1".into(),
            end: text.len(),
            year,
            figures: vec![Figure {
                id: "f1".into(),
                start: i,
                end: i + "12个".len(),
                text: "12个".into(),
                quantity: Quantity {
                    value: Some(12.0),
                    unit: "个".into(),
                    ..Default::default()
                },
                subject: Some("示范村".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut rv = ReportReview::new("k", "r1", "");
        if decide {
            rv.status = ReportStatus::Done;
            rv.figures.push(FigureDecision {
                anchor: Anchor::new(text, i, i + "12个".len()),
                status: Some(DecisionStatus::Accepted),
                ..Default::default()
            });
        }
        ReportSession::new(file, report, rv, text)
    }

    #[test]
    fn progress_by_folder_or_by_file() {
        let text = "建成示范村12个。";
        let file = |key: &str| FileText::new(key.into(), key.into(), "UTF-8".into(), text.into());
        let corpus = |n: usize| {
            let mut c = Corpus::new("r");
            let files = [
                (file("a/1.txt"), session(0, text, Some(2013), true)),
                (file("a/2.txt"), session(1, text, Some(2013), false)),
                (file("b/3.txt"), session(2, text, None, false)),
            ];
            for (f, s) in files.into_iter().take(n) {
                c.add_file(f, vec![s]);
            }
            c
        };
        let g = glance(&corpus(3));
        assert_eq!(g.grouping, Grouping::Folder);
        let a = &g.progress[0];
        assert_eq!((a.name.as_str(), a.reports, a.done), ("a", 2, 1));
        assert_eq!((a.figures, a.decided, a.percent_decided()), (2, 1, 50));
        assert_eq!(g.progress[1].name, "b");
        assert_eq!(g.stats.reports_by_year.get("2013"), Some(&2));
        assert_eq!(g.stats.accepted_by_subject.get("示范村"), Some(&1));
        assert_eq!(g.stats.files, 3);
        // One folder: progress by file.
        let g = glance(&corpus(2));
        assert_eq!(g.grouping, Grouping::File);
        assert_eq!(g.progress.len(), 2);
        assert_eq!(ranked(&g.stats.reports_by_year), vec![("2013", 2)]);
    }
}
