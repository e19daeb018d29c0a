use std::collections::HashMap;

use super::*;
use crate::model::{Figure, Quantity};
use crate::review::DecisionStatus;
use crate::review::session::{SaveOp, Target};

const TEXT: &str = "县妇联工作总结\n培训妇女1800名，发放贷款16万元。\n第二份报告标题\n办结率100%，调处纠纷12个。\n尾声3人。\n";

fn fig(id: &str, s: &str) -> Figure {
    let start = TEXT.find(s).unwrap();
    Figure {
        id: id.into(),
        start,
        end: start + s.len(),
        text: s.into(),
        quantity: Quantity {
            value: Some(1.0),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// One parsed report over the whole text (the parser missed the second).
fn reports() -> Vec<Report> {
    vec![Report {
        id: "r1".into(),
        start: 0,
        end: TEXT.len(),
        title: "县妇联工作总结".into(),
        figures: ["1800名", "16万元", "100%", "12个", "3人"]
            .iter()
            .enumerate()
            .map(|(i, s)| fig(&format!("f{}", i + 1), s))
            .collect(),
        ..Default::default()
    }]
}

/// A store as a map, written by the saves a corpus queued.
#[derive(Default)]
struct MapStore(HashMap<String, ReportReview>);

impl MapStore {
    fn take(&mut self, c: &mut Corpus) -> Vec<SaveOp> {
        let ops: Vec<SaveOp> = c.saves.take_outbox().into_iter().map(|(_, o)| o).collect();
        for op in &ops {
            match op {
                SaveOp::Save(r) => {
                    self.0.insert(r.report.clone(), (**r).clone());
                }
                SaveOp::Remove { report, .. } => {
                    self.0.remove(report);
                }
            }
        }
        ops
    }

    fn corpus(&self) -> Corpus {
        let file = FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), TEXT.into());
        let f = ReviewedFile::assemble(file, reports(), |id| Ok(self.0.get(id).cloned()));
        let mut c = Corpus::new("li");
        c.add_file(f.file, f.sessions);
        c
    }
}

fn layout(c: &Corpus) -> Vec<(String, usize, usize, usize)> {
    c.sessions()
        .iter()
        .map(|s| {
            (
                s.report.id.clone(),
                s.report.start,
                s.report.figures.len(),
                s.review.figures.len(),
            )
        })
        .collect()
}

#[test]
fn a_split_takes_its_decisions_along_survives_a_reload_and_undoes() {
    let mut store = MapStore::default();
    let mut c = store.corpus();
    // Decide the first and the fourth figure, then split at the second report's title.
    c.set_status(0, Target::Parsed(0), DecisionStatus::Accepted);
    c.set_status(0, Target::Parsed(3), DecisionStatus::Rejected);
    store.take(&mut c);
    let at = TEXT.find("第二份").unwrap();
    c.split(0, at + 3).unwrap();
    let ops = store.take(&mut c);
    let part = c.sessions()[1].report.id.clone();
    assert!(part.starts_with("r1~"));
    // The part (gaining a decision) is written before the report losing it.
    assert!(
        matches!(&ops[0], SaveOp::Save(r) if r.report == part),
        "{ops:?}"
    );
    let want = vec![("r1".into(), 0, 2, 1), (part.clone(), at, 3, 1)];
    assert_eq!(layout(&c), want);
    assert_eq!(c.sessions()[1].report.title, "第二份报告标题");
    assert_eq!(c.totals().decided, 2);
    // Read again from the store: the same layout, the decisions attached.
    let again = store.corpus();
    assert_eq!(layout(&again), want);
    assert_eq!(again.totals().decided, 2);
    // Undo: one report again, the part's file removed.
    c.undo().unwrap();
    let ops = store.take(&mut c);
    assert!(
        ops.iter()
            .any(|o| matches!(o, SaveOp::Remove { report, .. } if *report == part))
    );
    assert_eq!(layout(&c), vec![("r1".into(), 0, 5, 2)]);
    assert_eq!(layout(&store.corpus()), vec![("r1".into(), 0, 5, 2)]);
    c.redo().unwrap();
    store.take(&mut c);
    assert_eq!(layout(&store.corpus()), want);
}

#[test]
fn a_join_gives_back_one_report_and_survives_a_reload() {
    let mut store = MapStore::default();
    let mut c = store.corpus();
    let at = TEXT.find("尾声").unwrap();
    c.split(0, at).unwrap();
    c.set_status(1, Target::Parsed(0), DecisionStatus::Accepted);
    store.take(&mut c);
    assert_eq!(c.len(), 2);
    // Join the part back: its split is taken out, its decision moves.
    c.join_previous(1).unwrap();
    store.take(&mut c);
    assert_eq!(layout(&c), vec![("r1".into(), 0, 5, 1)]);
    assert_eq!(layout(&store.corpus()), vec![("r1".into(), 0, 5, 1)]);
    assert_eq!(store.corpus().totals().decided, 1);
    // Undo the join: two reports, the decision back in the part.
    c.undo().unwrap();
    store.take(&mut c);
    let back = store.corpus();
    assert_eq!(back.len(), 2);
    assert_eq!(back.sessions()[1].review.figures.len(), 1);
    assert!(
        c.join_previous(0).is_err(),
        "nothing before the first report"
    );
    assert!(c.split(0, 3).is_err(), "not on the report's first line");
}

#[test]
fn joining_two_parsed_reports_leaves_a_join_in_the_later_ones_file() {
    let mut rs = reports();
    let cut_at = TEXT.find("第二份").unwrap();
    let (a, mut b) = cut(&rs[0], cut_at, "r2".into(), "第二份报告标题".into());
    b.figures
        .iter_mut()
        .for_each(|f| f.id = format!("g{}", f.id));
    rs = vec![a, b];
    let mut store = MapStore::default();
    let load = |store: &MapStore, rs: Vec<Report>| {
        let file = FileText::new("a.txt".into(), "a.txt".into(), "UTF-8".into(), TEXT.into());
        let f = ReviewedFile::assemble(file, rs, |id| Ok(store.0.get(id).cloned()));
        let mut c = Corpus::new("li");
        c.add_file(f.file, f.sessions);
        (c, f.used)
    };
    let (mut c, _) = load(&store, rs.clone());
    c.set_status(1, Target::Parsed(0), DecisionStatus::Accepted);
    store.take(&mut c);
    c.join_previous(1).unwrap();
    let ops = store.take(&mut c);
    // r1 (gaining the decision) first, then r2's join.
    let order: Vec<String> = ops.iter().map(|o| o.key().1).collect();
    assert_eq!(order, ["r1", "r2"]);
    assert!(store.0["r2"].join_previous && store.0["r2"].figures.is_empty());
    let (again, used) = load(&store, rs);
    assert_eq!(again.len(), 1);
    assert_eq!(again.sessions()[0].report.figures.len(), 5);
    assert_eq!(again.sessions()[0].absorbed, ["r2"]);
    assert_eq!(again.totals().decided, 1);
    assert!(
        used.contains(&("a.txt".to_string(), "r2".to_string())),
        "not orphaned"
    );
    // Figure ids stay unique in the joined report.
    let mut ids: Vec<&str> = again.sessions()[0]
        .report
        .figures
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}
