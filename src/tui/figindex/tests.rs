use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::model::Flag;
use crate::review::DecisionStatus;
use crate::review::session::{SaveOp, Step};
use crate::tui::action::Action;
use crate::tui::app::Pane;
use crate::tui::replay;
use crate::tui::update::update;

/// Two synthetic reports (one file each), figures of several kinds, some
/// flagged, every fifth a section's.
fn app() -> App {
    let mut app = replay::new_app(120, 40);
    for name in ["a.txt", "b.txt"] {
        let mut l = replay::synthetic(40_000, 60);
        l.file.path = name.into();
        l.file.key = name.into();
        let s = &mut l.sessions[0];
        for (i, f) in s.report.figures.iter_mut().enumerate() {
            if i % 4 == 1 {
                f.flags.push(Flag::Magnitude);
            }
            if i % 3 == 2 {
                f.quantity.kind = FigureKind::Percent;
            }
        }
        s.recount();
        update(&mut app, Action::Loaded(l.into()));
    }
    update(&mut app, Action::LoadFinished);
    app
}

/// The table's rows the slow way: what `fig_rows` was before the index.
fn reference(app: &App) -> Vec<(Target, usize, usize)> {
    let Some(ei) = app.open else {
        return Vec::new();
    };
    let scope = app.scope().map(|s| (s.section.start, s.section.end));
    app.session(ei)
        .unwrap()
        .all_rows()
        .into_iter()
        .filter(|r| scope.is_none_or(|(s, e)| s <= r.start && r.start < e))
        .filter(|r| match app.fig_filter {
            FigFilter::All => true,
            FigFilter::Undecided => r.status().is_none(),
            FigFilter::Flagged => !r.flags.is_empty(),
            FigFilter::Decided => r.status().is_some(),
            FigFilter::Kind(k) => r.quantity.kind == k,
        })
        .map(|r| (r.target, r.start, r.end))
        .collect()
}

fn table(app: &App) -> Vec<(Target, usize, usize)> {
    app.fig_rows()
        .iter()
        .map(|r| (r.target, r.start, r.end))
        .collect()
}

/// Everything the index answers agrees with a pass over every row.
fn check(app: &App) {
    assert!(app.fig_index_fresh());
    assert_eq!(table(app), reference(app));
    let Some(ei) = app.open.or_else(|| app.selected_entry()) else {
        return;
    };
    let e = app.session(ei).unwrap();
    let all = e.all_rows();
    let decided = all.iter().filter(|r| r.status().is_some()).count();
    let flagged = all.iter().filter(|r| !r.flags.is_empty()).count();
    let c = e.counts();
    assert_eq!(
        (c.total, c.decided, c.flagged),
        (all.len(), decided, flagged)
    );
    let r = &e.report;
    let step = ((r.end - r.start) / 37).max(1);
    for from in (r.start..r.end).step_by(step) {
        for len in [0, 3, 40, 900] {
            let to = from + len;
            let want: Vec<Target> = all
                .iter()
                .filter(|f| f.start <= to && f.end >= from)
                .map(|f| f.target)
                .collect();
            let got: Vec<Target> = app
                .rows_reaching(ei, from, to)
                .unwrap_or_default()
                .iter()
                .filter(|p| p.start <= to && p.end >= from)
                .map(|p| p.target)
                .collect();
            assert_eq!(got, want, "rows reaching {from}..={to}");
        }
    }
}

fn keys(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
        check(app);
    }
}

#[test]
fn accepting_under_the_undecided_filter_takes_the_row_out_and_undo_brings_it_back() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Filter]);
    assert_eq!(app.fig_filter, FigFilter::Undecided);
    assert_eq!(app.fig_row_count(), 60);
    let first = app.fig_pos_at(0).unwrap().target;
    let builds = app.fig_index_builds();
    keys(&mut app, &[Action::Accept]);
    assert_eq!(app.fig_row_count(), 59);
    assert_eq!(app.fig_row_of_target(first), None);
    assert_ne!(app.fig_pos_at(0).unwrap().target, first);
    keys(&mut app, &[Action::Undo]);
    assert_eq!(app.fig_row_count(), 60);
    assert_eq!(app.fig_pos_at(0).unwrap().target, first);
    keys(&mut app, &[Action::Redo]);
    assert_eq!(app.fig_row_count(), 59);
    // Under the Decided filter the same row comes in, and goes on undo.
    keys(&mut app, &[Action::Filter, Action::Filter]);
    assert_eq!(app.fig_filter, FigFilter::Decided);
    assert_eq!(table(&app).iter().map(|r| r.0).collect::<Vec<_>>(), [first]);
    keys(&mut app, &[Action::Undo]);
    assert_eq!(app.fig_row_count(), 0);
    // All by patching one row or refilling the table: no pass over the figures.
    assert_eq!(app.fig_index_builds(), builds);
}

#[test]
fn keys_that_change_no_row_or_one_row_do_not_rebuild() {
    let mut app = app();
    keys(&mut app, &[Action::Open]);
    let builds = app.fig_index_builds();
    keys(
        &mut app,
        &[
            Action::Down,
            Action::PageDown,
            Action::Accept,
            Action::Reject,
            Action::Accept,
            Action::Undo,
            Action::Redo,
            Action::Done,
            Action::Submit, // figures are undecided: it asks first
            Action::Undo,
            Action::Filter,
            Action::Accept,
            Action::Filter,
            Action::PrevPane, // the outline: scopes
            Action::Down,
            Action::Down,
            Action::Open, // fold
            Action::Bottom,
            Action::Top,
        ],
    );
    assert_eq!(app.fig_index_builds(), builds);
    // A moved span, an added figure and accept-all do rebuild.
    keys(&mut app, &[Action::NextPane, Action::GrowEnd]);
    assert_eq!(app.fig_index_builds(), builds + 1);
}

#[test]
fn with_nothing_open_the_index_follows_the_list_cursor() {
    let mut app = app();
    check(&app);
    assert_eq!(app.fig_positions(0).map(|(p, _)| p.len()), Some(60));
    keys(&mut app, &[Action::Down]);
    assert_eq!(app.fig_positions(1).map(|(p, _)| p.len()), Some(60));
    assert_eq!(app.fig_row_count(), 0, "no table without an open report");
    keys(
        &mut app,
        &[Action::Open, Action::Accept, Action::Back, Action::Up],
    );
    assert_eq!(app.open, Some(1));
    assert!(app.fig_positions(1).is_some(), "the open report's, still");
}

#[test]
fn a_queued_save_keeps_its_state_and_an_unshared_review_is_not_copied() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Accept, Action::Up]);
    let mut sent = app.corpus_mut().saves.take_outbox();
    let Some((_, SaveOp::Save(saved))) = sent.pop() else {
        panic!("a save was queued")
    };
    drop(sent);
    // The writer still holds `saved`: the next change copies the review first.
    keys(&mut app, &[Action::Reject]);
    assert_eq!(saved.figures[0].status, Some(DecisionStatus::Accepted));
    let review = |app: &App| app.session(0).unwrap().review.clone();
    assert_eq!(
        review(&app).figures[0].status,
        Some(DecisionStatus::Rejected)
    );
    // Nobody holds it: changed in place.
    drop(saved);
    app.corpus_mut().saves.drop_outbox();
    let at = Arc::as_ptr(&app.session(0).unwrap().review);
    keys(&mut app, &[Action::Up, Action::Accept]);
    assert_eq!(Arc::as_ptr(&app.session(0).unwrap().review), at);
    let out = app.corpus_mut().saves.take_outbox();
    assert_eq!(out.len(), 1);
    assert!(
        matches!(&out[0].1, SaveOp::Save(r) if Arc::ptr_eq(r, &app.session(0).unwrap().review))
    );
}

#[test]
fn undo_restores_the_attachment_exactly() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Down]);
    let state = |app: &App| {
        let e = app.session(0).unwrap();
        (e.review.clone(), e.attach.clone())
    };
    let before = state(&app);
    // A first decision (sets `figure_decisions`), a change of it, a moved end.
    keys(
        &mut app,
        &[Action::Accept, Action::Up, Action::Reject, Action::GrowEnd],
    );
    let after = state(&app);
    for _ in 0..3 {
        update(&mut app, Action::Undo);
    }
    check(&app);
    let e = state(&app);
    assert_eq!((&*e.0, &e.1), (&*before.0, &before.1));
    for _ in 0..3 {
        update(&mut app, Action::Redo);
    }
    check(&app);
    let e = state(&app);
    assert_eq!((&*e.0, &e.1), (&*after.0, &after.1));
    let undo = &app.corpus().history().undo;
    assert_eq!(undo.len(), 3);
    // Each step keeps one decision a side at most, not the attachment whole.
    for step in undo {
        let Step::Review(ed) = step else {
            panic!("a review edit")
        };
        assert!(ed.before.figures.len() <= 1 && ed.after.figures.is_empty());
        assert!(ed.attach.figure_decisions.before.len() <= 1);
    }
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(vec![
            Action::Up,
            Action::Down,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::Bottom,
            Action::Accept,
            Action::Accept,
            Action::Reject,
            Action::Undo,
            Action::Undo,
            Action::Redo,
            Action::Filter,
            Action::NextPane,
            Action::PrevPane,
            Action::Open,
            Action::Back,
            Action::Done,
            Action::GrowEnd,
            Action::ShrinkEnd,
            Action::Visual,
            Action::Right,
            Action::Submit,
            Action::Correct,
            Action::Tag,
            Action::Note,
            Action::AcceptAll,
            Action::NextNumber,
        ]),
        prop::sample::select(vec!['1', '8', 'a']).prop_map(Action::Input),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    /// Whatever the keys, the index answers as a pass over every row would
    /// (and, in a debug build, every sync compares itself with a rebuild).
    #[test]
    fn the_index_agrees_with_every_row_after_any_keys(
        actions in prop::collection::vec(action(), 1..80)
    ) {
        let mut app = app();
        update(&mut app, Action::Open);
        app.pane = Pane::Figures;
        for a in actions {
            update(&mut app, a);
            check(&app);
        }
    }
}
