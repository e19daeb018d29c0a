//! Screens of the workstation drawn into ratatui's TestBackend: snapshots of the
//! main views at several sizes, overlays, and behaviour through `update`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use zongjie::model::{Approx, Figure, FigureKind, Flag, Quantity, Report, Section};
use zongjie::review::session::saves::SaveOp;
use zongjie::review::session::{FileText, ReportSession, ReviewedFile};
use zongjie::review::{DecisionStatus, ReportStatus};
use zongjie::tui::action::Action;
use zongjie::tui::app::{App, Mode, Pane, Question};
use zongjie::tui::keymap::Keymap;
use zongjie::tui::update::update;
use zongjie::tui::view;

const TEXT_A: &str = "县妇联2013年工作总结\n来源:示例网 2014-01-05\n一、大力实施妇女创业行动，促进城乡妇女均衡发展。\n今年共培训1800多名妇女，她们现在都已在不同岗位创业、就业。县妇联积极协调财政、金融部门简化手续，已落实贷款16萬元，全县“巾帼示范村”达到12个。\n二、维护妇女儿童合法权益\n（一）信访工作\n全年受理来信来访近200件，办结率达到98.5%，比上年提高0.1个百分点。\n";
const TEXT_B: &str =
    "縣婦聯年終工作總結\n一、加強組織建設\n全縣共建立婦女之家35個，培訓婦女幹部300餘人次。\n";

fn fig(
    text: &str,
    id: &str,
    surface: &str,
    value: f64,
    unit: &str,
    kind: FigureKind,
    approx: Option<Approx>,
) -> Figure {
    let start = text.find(surface).expect("surface in text");
    Figure {
        id: id.into(),
        start,
        end: start + surface.len(),
        text: surface.into(),
        quantity: Quantity {
            value: Some(value),
            value_max: None,
            unit: unit.into(),
            kind,
            approx,
        },
        subject: None,
        subject_spans: Vec::new(),
        section: None,
        flags: Vec::new(),
    }
}

fn sec(
    text: &str,
    id: &str,
    level: u8,
    marker: &str,
    title: &str,
    end: usize,
    parent: Option<&str>,
) -> Section {
    let start = text
        .find(&format!("{marker}{title}"))
        .expect("heading in text");
    Section {
        id: id.into(),
        start,
        end,
        level,
        marker: marker.into(),
        number: None,
        title: title.into(),
        parent: parent.map(|p| p.into()),
        kind: None,
    }
}

fn report_a() -> Report {
    let t = TEXT_A;
    let s2 = t.find("二、").unwrap();
    let mut figures = vec![
        fig(
            t,
            "f1",
            "1800多名",
            1800.0,
            "名",
            FigureKind::Count,
            Some(Approx::Over),
        ),
        fig(t, "f2", "16萬元", 160000.0, "元", FigureKind::Money, None),
        fig(t, "f3", "12个", 12.0, "个", FigureKind::Count, None),
        fig(
            t,
            "f4",
            "近200件",
            200.0,
            "件",
            FigureKind::Count,
            Some(Approx::About),
        ),
        fig(t, "f5", "98.5%", 98.5, "%", FigureKind::Percent, None),
        fig(
            t,
            "f6",
            "0.1个百分点",
            0.1,
            "百分点",
            FigureKind::Percent,
            None,
        ),
    ];
    figures[0].subject = Some("妇女".into());
    figures[1].flags = vec![Flag::Magnitude];
    let sections = vec![
        sec(
            t,
            "s1",
            1,
            "一、",
            "大力实施妇女创业行动，促进城乡妇女均衡发展。",
            s2,
            None,
        ),
        sec(t, "s2", 1, "二、", "维护妇女儿童合法权益", t.len(), None),
        sec(t, "s3", 2, "（一）", "信访工作", t.len(), Some("s2")),
    ];
    for f in figures.iter_mut() {
        zongjie::pipeline::assign_sections(std::slice::from_mut(f), &sections);
    }
    Report {
        id: "ra".into(),
        start: 0,
        end: t.len(),
        title: "县妇联2013年工作总结".into(),
        year: Some(2013),
        org: Some("县妇联".into()),
        published: Some("2014-01-05".into()),
        sections,
        figures,
        ..Default::default()
    }
}

fn report_b() -> Report {
    let t = TEXT_B;
    let figures = vec![
        fig(t, "f1", "35個", 35.0, "个", FigureKind::Count, None),
        fig(
            t,
            "f2",
            "300餘人次",
            300.0,
            "人次",
            FigureKind::Count,
            Some(Approx::Over),
        ),
    ];
    Report {
        id: "rb".into(),
        start: 0,
        end: t.len(),
        title: "縣婦聯年終工作總結".into(),
        org: Some("縣婦聯".into()),
        sections: vec![sec(t, "s1", 1, "一、", "加強組織建設", t.len(), None)],
        figures,
        ..Default::default()
    }
}

fn loaded(path: &str, text: &str, r: Report) -> Action {
    let key: String = path.rsplit('/').next().unwrap().into();
    let review = zongjie::review::ReportReview::new(&key, &r.id, &r.title);
    let session = ReportSession::new(0, r, review, text);
    Action::Loaded(
        ReviewedFile {
            file: FileText::new(path.into(), key, "UTF-8".into(), text.into()),
            sessions: vec![session],
            problems: vec![],
            used: vec![],
        }
        .into(),
    )
}

/// Report `ei`'s review.
fn review(app: &App, ei: usize) -> std::sync::Arc<zongjie::review::ReportReview> {
    app.session(ei).unwrap().review.clone()
}

/// The saves queued (taken from the queue).
fn saves(app: &mut App) -> Vec<SaveOp> {
    app.corpus_mut()
        .saves
        .take_outbox()
        .into_iter()
        .map(|(_, op)| op)
        .collect()
}

/// An app with both files loaded, as the loader would deliver them.
fn app() -> App {
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(2));
    update(&mut app, loaded("data/a.txt", TEXT_A, report_a()));
    update(&mut app, loaded("data/b.txt", TEXT_B, report_b()));
    update(&mut app, Action::LoadFinished);
    app
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn keys(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

#[test]
fn report_list_while_loading() {
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(4));
    update(&mut app, loaded("data/a.txt", TEXT_A, report_a()));
    insta::assert_snapshot!("list_loading_120x40", screen(&mut app, 120, 40));
}

#[test]
fn main_screen_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (57, 20)] {
        let mut app = app();
        keys(&mut app, &[Action::Open, Action::Down]);
        assert_eq!(app.pane(), Pane::Figures);
        insta::assert_snapshot!(format!("main_{w}x{h}"), screen(&mut app, w, h));
    }
}

#[test]
fn list_screen_narrow() {
    let mut app = app();
    insta::assert_snapshot!("list_57x20", screen(&mut app, 57, 20));
}

#[test]
fn help_overlay() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Help]);
    insta::assert_snapshot!("help_80x24", screen(&mut app, 80, 24));
}

#[test]
fn correction_form_shows_the_parser_verdict() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Correct]);
    assert!(matches!(app.mode(), Mode::Correct(_)));
    // The snapshot uses a plain number, which reads the same with any parser.
    for _ in 0..6 {
        update(&mut app, Action::Backspace);
    }
    for c in "1234".chars() {
        update(&mut app, Action::Input(c));
    }
    insta::assert_snapshot!("correct_form_80x24", screen(&mut app, 80, 24));
    for _ in 0..4 {
        update(&mut app, Action::Backspace);
    }
    for c in "1.59萬余人".chars() {
        update(&mut app, Action::Input(c));
    }
    // Whatever the extraction parser says (what it saves, or its error) is on screen.
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("1.59萬余人"), "{s}");
    match zongjie::figures::read_quantity("1.59萬余人") {
        Ok(_) => assert!(s.contains("saves: 15900"), "{s}"),
        Err(e) => assert!(s.contains(&e[..e.len().min(20)]), "{e} not shown:\n{s}"),
    }
}

#[test]
fn terminal_too_small() {
    let mut app = app();
    keys(&mut app, &[Action::Open]);
    let s = screen(&mut app, 30, 8);
    assert!(s.contains("terminal too small"));
    insta::assert_snapshot!("too_small_30x8", s);
    // Every tiny size draws without a panic.
    for w in 1..45 {
        for h in 1..12 {
            let _ = screen(&mut app, w, h);
        }
    }
}

#[test]
fn highlight_lines_up_with_the_figure_at_any_width() {
    for w in [41u16, 57, 80, 99, 100, 121, 203] {
        let mut app = app();
        keys(&mut app, &[Action::Open, Action::Down]); // f2: 16萬元
        let t = draw(&mut app, w, 30);
        let buf = t.backend().buffer();
        let mut got = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let c = &buf[(x, y)];
                if c.bg == Color::Yellow {
                    got.push_str(c.symbol());
                }
            }
        }
        assert_eq!(got.replace(' ', ""), "16萬元", "width {w}");
    }
}

#[test]
fn accept_reject_undo_redo_and_saves_queued() {
    let mut app = app();
    keys(&mut app, &[Action::Open]);
    keys(&mut app, &[Action::Accept]);
    assert_eq!(app.fig_sel(), 1, "accept moves on");
    keys(&mut app, &[Action::Reject]);
    let e = app.session(0).unwrap();
    assert_eq!(e.review.figures.len(), 2);
    assert_eq!(e.review.figures[0].status, Some(DecisionStatus::Accepted));
    assert_eq!(e.review.figures[1].status, Some(DecisionStatus::Rejected));
    assert_eq!(e.review.figures[1].anchor.text, "16萬元");
    assert_eq!(e.review.status, ReportStatus::InProgress);
    assert_eq!(app.corpus().totals().decided, 2);
    assert_eq!(
        saves(&mut app).len(),
        2,
        "every decision is queued for saving"
    );
    keys(&mut app, &[Action::Undo]);
    assert_eq!(review(&app, 0).figures.len(), 1);
    assert_eq!(app.corpus().totals().decided, 1);
    keys(&mut app, &[Action::Redo]);
    assert_eq!(
        review(&app, 0).figures[1].status,
        Some(DecisionStatus::Rejected)
    );
}

/// Issue 12: selecting text over an existing figure added an overlapping
/// duplicate that export counted twice; now it can move that figure's boundary.
#[test]
fn adding_over_a_figure_can_move_its_boundary_instead() {
    let mut app = app();
    keys(&mut app, &[Action::Open]);
    let rows_before = app.fig_row_count();
    let f1 = TEXT_A.find("1800多名").unwrap();
    // From the character before 1800多名 to its end: "训1800多名".
    keys(&mut app, &[Action::Visual, Action::StartLeft]);
    for _ in 0..5 {
        update(&mut app, Action::Right);
    }
    keys(&mut app, &[Action::Submit]);
    let Mode::Confirm(Question::AddOver { start, end, .. }) = *app.mode() else {
        panic!("asks first: {:?}", app.mode())
    };
    assert_eq!(&TEXT_A[start..end], "训1800多名");
    keys(&mut app, &[Action::ReplaceBoundary]);
    let Mode::Correct(form) = app.mode() else {
        panic!("the form opens")
    };
    assert_eq!(form.fields[0].text, "1800", "the figure's own values");
    keys(&mut app, &[Action::Submit]);
    assert_eq!(app.fig_row_count(), rows_before, "no second row");
    let d = &review(&app, 0).figures;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].anchor.start, f1);
    assert_eq!(d[0].span, Some((start, end)));
    assert_eq!(d[0].status, Some(DecisionStatus::Corrected));
}

#[test]
fn select_adds_a_missed_figure_and_tags_and_notes_stick() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Visual]);
    assert!(matches!(app.mode(), Mode::Select { .. }));
    // Select "1800多名" from its first character: 6 characters.
    for _ in 0..5 {
        update(&mut app, Action::Right);
    }
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("1800"), "{s}");
    keys(&mut app, &[Action::Submit]);
    // "1800多名" is a figure already: the workstation asks first; both kept here.
    assert!(matches!(
        app.mode(),
        Mode::Confirm(Question::AddOver { .. })
    ));
    keys(&mut app, &[Action::KeepBoth]);
    let Mode::Correct(form) = app.mode() else {
        panic!("form opens")
    };
    assert_eq!(form.fields[0].text, "1800多名");
    // Type a plain value that any parser reads.
    for _ in 0..6 {
        update(&mut app, Action::Backspace);
    }
    keys(
        &mut app,
        &[Action::Input('4'), Action::Input('2'), Action::Submit],
    );
    assert_eq!(*app.mode(), Mode::Normal);
    let e = app.session(0).unwrap();
    let added: Vec<_> = e
        .review
        .figures
        .iter()
        .filter(|d| d.status == Some(DecisionStatus::Added))
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].anchor.text, "1800多名");
    assert_eq!(
        added[0].corrected.as_ref().and_then(|q| q.value),
        Some(42.0)
    );
    // Tag and note the selected figure.
    keys(&mut app, &[Action::Tag]);
    for c in "待核".chars() {
        update(&mut app, Action::Input(c));
    }
    keys(
        &mut app,
        &[
            Action::Submit,
            Action::Note,
            Action::Input('!'),
            Action::Submit,
        ],
    );
    let rows = app.fig_rows();
    let d = rows[app.fig_sel()].decision.unwrap();
    assert_eq!(d.tags, vec!["待核".to_string()]);
    assert_eq!(d.note.as_deref(), Some("!"));
}

#[test]
fn search_folds_script_and_jumps_between_hits() {
    let mut app = app();
    keys(&mut app, &[Action::Search]);
    for c in "妇联".chars() {
        update(&mut app, Action::Input(c));
    }
    keys(&mut app, &[Action::Submit]);
    // The run loop runs the search on a thread; here it runs in place.
    let req = app.take_search_request().expect("a search request");
    let hits = zongjie::tui::search::run(&req);
    update(&mut app, Action::SearchDone(req.id, hits));
    // 县妇联 ×2 in A, 縣婦聯 ×1 in B (traditional) — all found.
    assert_eq!(app.search().hits.len(), 3, "{:?}", app.search().hits);
    assert!(app.search().hits.iter().any(|h| h.0 == 1));
    keys(&mut app, &[Action::NextHit, Action::NextHit]);
    assert_eq!(app.selected_entry(), Some(1));
    insta::assert_snapshot!("search_hit_80x24", screen(&mut app, 80, 24));
}

#[test]
fn boundary_keys_move_the_end_and_accept_all_asks_first() {
    let mut app = app();
    keys(
        &mut app,
        &[
            Action::Open,
            Action::GrowEnd,
            Action::GrowEnd,
            Action::ShrinkEnd,
        ],
    );
    let rows = app.fig_rows();
    assert_eq!(&TEXT_A[rows[0].start..rows[0].end], "1800多名妇");
    keys(&mut app, &[Action::AcceptAll]);
    assert!(matches!(app.mode(), Mode::Confirm(_)));
    keys(&mut app, &[Action::Submit]);
    assert_eq!(app.session(0).unwrap().counts().decided, 6);
    keys(&mut app, &[Action::Done]);
    assert_eq!(review(&app, 0).status, ReportStatus::Done);
    assert_eq!(app.corpus().totals().done, 1);
}

#[test]
fn outline_scopes_the_figures_and_folds() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::PrevPane]);
    assert_eq!(app.pane(), Pane::Outline);
    keys(&mut app, &[Action::Down, Action::Down]); // 二、
    assert_eq!(app.fig_rows().len(), 3);
    keys(&mut app, &[Action::Open]); // fold 二、
    assert_eq!(app.outline_rows().len(), 3);
    keys(&mut app, &[Action::Open]);
    assert_eq!(app.outline_rows().len(), 4);
}

#[test]
fn keys_doc_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    let table = Keymap::default().markdown();
    if std::env::var_os("UPDATE_KEYS_DOC").is_some() {
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        let head = doc.split("| Where |").next().unwrap_or("").to_string();
        std::fs::write(path, head + &table).unwrap();
    }
    let doc = std::fs::read_to_string(path).expect("docs/keys.md");
    assert!(
        doc.contains(&table),
        "docs/keys.md is out of date; its table should be:\n{table}"
    );
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app();
    let _ = screen(&mut app, 120, 40);
    // Second report row: list inner starts at y=1, progress line, then rows.
    // A click opens it, as Enter does.
    update(&mut app, Action::Click(5, 3));
    assert_eq!(app.report_sel(), 1);
    assert_eq!(app.open(), Some(1));
    assert_eq!(app.pane(), Pane::Figures);
    keys(&mut app, &[Action::Back]);
    update(&mut app, Action::Scroll(5, 3, -1));
    assert_eq!(app.report_sel(), 0);
    keys(&mut app, &[Action::Open]);
    let a = zongjie::tui::layout::areas(&app, 120, 40).unwrap();
    let fig = a.figures.unwrap();
    // Header row at inner y, rows below it: click the third figure.
    update(&mut app, Action::Click(fig.x + 3, fig.y + 1 + 1 + 2));
    assert_eq!(app.fig_sel(), 2);
    assert_eq!(app.pane(), Pane::Figures);
    assert_eq!(app.src_focus(), TEXT_A.find("12个").unwrap());
}

#[test]
fn no_color_draws_without_colours() {
    let mut app = app();
    app.set_no_color(true);
    keys(&mut app, &[Action::Open, Action::Down]);
    let t = draw(&mut app, 100, 30);
    let buf = t.backend().buffer();
    for c in buf.content() {
        assert_eq!(c.fg, Color::Reset, "{c:?}");
        assert_eq!(c.bg, Color::Reset, "{c:?}");
    }
}

#[test]
fn source_scrolls_and_select_keeps_within_a_line() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::NextPane]);
    assert_eq!(app.pane(), Pane::Source);
    let _ = screen(&mut app, 80, 24);
    let before = app.src_focus();
    keys(&mut app, &[Action::Down, Action::Down]);
    assert!(app.src_focus() > before);
    keys(&mut app, &[Action::Top]);
    assert_eq!(app.src_focus(), 0);
    keys(&mut app, &[Action::Visual, Action::StartLeft]);
    // Nothing before the report start: the selection stays one character.
    assert_eq!(
        *app.mode(),
        Mode::Select {
            start: 0,
            end: "县".len()
        }
    );
    for _ in 0..100 {
        update(&mut app, Action::Right);
    }
    let Mode::Select { end, .. } = *app.mode() else {
        panic!()
    };
    assert_eq!(
        end,
        TEXT_A.find('\n').unwrap(),
        "selection stops at the line end"
    );
    keys(&mut app, &[Action::Back]);
    assert_eq!(*app.mode(), Mode::Normal);
}

#[test]
fn note_on_a_report_from_the_list() {
    let mut app = app();
    keys(&mut app, &[Action::Down, Action::Note]);
    for c in "重复页".chars() {
        update(&mut app, Action::Input(c));
    }
    keys(&mut app, &[Action::Submit]);
    assert_eq!(review(&app, 1).note.as_deref(), Some("重复页"));
    assert_eq!(review(&app, 1).status, ReportStatus::InProgress);
    assert_eq!(saves(&mut app).len(), 1);
}

#[test]
fn w_and_b_jump_between_numbers_in_the_source() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::NextPane, Action::Top]);
    keys(&mut app, &[Action::NextNumber]);
    assert_eq!(app.src_focus(), TEXT_A.find("2013").unwrap());
    keys(&mut app, &[Action::NextNumber]);
    assert_eq!(app.src_focus(), TEXT_A.find("2014").unwrap());
    keys(
        &mut app,
        &[Action::NextNumber, Action::NextNumber, Action::NextNumber],
    );
    // 一、 is a numeral too (a heading marker the reviewer skips past).
    assert_eq!(app.src_focus(), TEXT_A.find("一、").unwrap());
    keys(
        &mut app,
        &[Action::PrevNumber, Action::PrevNumber, Action::PrevNumber],
    );
    assert_eq!(app.src_focus(), TEXT_A.find("2014").unwrap());
    assert_eq!(app.pane(), Pane::Source);
}

/// Any sequence of actions at any size: no panic, and the counts stay consistent.
mod random_sessions {
    use super::*;
    use proptest::prelude::*;
    use zongjie::tui::action::NAMED;

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            8 => (0..NAMED.len()).prop_map(|i| NAMED[i].0.clone()),
            2 => prop::sample::select(vec!['1', '萬', 'a', ' ', '%', '-']).prop_map(Action::Input),
            1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Action::Click(x, y)),
            1 => (0u16..130, 0u16..45, prop::bool::ANY)
                .prop_map(|(x, y, up)| Action::Scroll(x, y, if up { -1 } else { 1 })),
            1 => (1u16..130, 1u16..45).prop_map(|(w, h)| Action::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn never_panics(actions in prop::collection::vec(action(), 1..60)) {
            let mut app = app();
            for a in actions {
                if a == Action::Quit {
                    continue;
                }
                update(&mut app, a);
                if let Some(req) = app.take_search_request() {
                    let hits = zongjie::tui::search::run(&req);
                    update(&mut app, Action::SearchDone(req.id, hits));
                }
                let (w, h) = app.size();
                let mut t = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
                t.draw(|f| view::draw(f, &app)).unwrap();
                let decided: usize = app.corpus().sessions().iter().map(|e| e.counts().decided).sum();
                prop_assert_eq!(decided, app.corpus().totals().decided);
            }
        }
    }
}
