//! Issue 13 in TestBackend: warnings where the eye is (outline marks, report
//! rows, the warnings list, gaps and chrome in the source), the figure detail,
//! forms that keep the evidence in view, filters, labels, zoom, the layout.
//! The report is parsed by the real pipeline from a page written for it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use zongjie::review::session::{FileText, ReviewedFile};
use zongjie::review::{DecisionStatus, ReportStatus};
use zongjie::tui::action::Action;
use zongjie::tui::app::{App, FigFilter, Mode, Pane, Question};
use zongjie::tui::keymap::Keymap;
use zongjie::tui::layout::areas;
use zongjie::tui::update::update;
use zongjie::tui::view;

/// A report with a numbering gap (三、 missing), a placeholder (xx份, **期,
/// ○○人), a count with no number (余名), a page marker inside it (chrome), a
/// rate over 100%, a sum out of scale, and a long plan at the end.
fn page() -> String {
    let mut s = String::from(
        "某县妇联2015年工作总结\n\
         来源：某县妇联网 发布时间：2016-01-10\n\
         一、加强组织建设\n\
         全县“巾帼示范村”达到12个，建立妇女之家35个，培训妇女干部300余人次。\n\
         二、开展技能培训\n\
         全年举办培训班**期，培训农村妇女○○人，发放宣传资料xx份，培训女工余名。\n\
         第2页 共3页\n\
         四、维护妇女权益\n\
         全年受理来信来访近200件，办结率达到98.5%，覆盖率达200%。\n\
         落实小额担保贷款239450万元，扶持妇女创业1800多名。\n\
         五、下步打算\n",
    );
    for i in 0..40 {
        s += &format!(
            "（{}）加强宣传引导，营造良好氛围，推动各项工作落到实处。\n",
            cn(i + 1)
        );
    }
    s += "明年培训妇女2000人次，新建妇女之家10个。\n";
    s
}

/// 1 → 一, 12 → 十二, 40 → 四十.
fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u].into(),
        (1, u) => format!("十{}", D[u]),
        (t, u) => format!("{}十{}", D[t], D[u]),
    }
}

/// A short second report, titled as the first, in another folder.
const SAME_TITLE: &str = "某县妇联2015年工作总结\n一、组织建设\n建立妇女之家8个。\n";

fn loaded(path: &str, text: &str) -> Action {
    let key = path.rsplit('/').next().unwrap().to_string();
    let reports = zongjie::pipeline::parse_text(text);
    let file = FileText::new(path.into(), key, "UTF-8".into(), text.into());
    Action::Loaded(ReviewedFile::assemble(file, reports, |_| Ok(None)).into())
}

fn app() -> App {
    let mut app = App::new(Keymap::default(), "li");
    update(&mut app, Action::LoadTotal(3));
    update(&mut app, loaded("data/2015/a.txt", &page()));
    update(&mut app, loaded("data/2016/a.txt", SAME_TITLE));
    update(&mut app, loaded("data/b.txt", SAME_TITLE));
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

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c));
    }
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

/// The index of the finding whose code is `code` in the open report.
fn finding(app: &App, code: &str) -> usize {
    let s = app.session(0).unwrap();
    s.findings()
        .iter()
        .position(|f| f.kind.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", s.findings()))
}

/// Open the first report and go, through the warnings list, to finding `code`.
fn go_to(app: &mut App, code: &str) {
    keys(app, &[Action::Open, Action::Warnings]);
    let k = finding(app, code);
    for _ in 0..k {
        update(app, Action::Down);
    }
    update(app, Action::GoTo);
}

#[test]
fn a_report_with_warnings_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app();
        go_to(&mut app, "over-100-percent");
        let s = screen(&mut app, w, h);
        // The flagged figure's reason is in view, with its section path.
        assert!(s.contains("not a growth or completion rate"), "{s}");
        assert!(s.contains("§ 四、维护妇女权益"), "{s}");
        insta::assert_snapshot!(format!("warnings_report_{w}x{h}"), s);
    }
}

#[test]
fn the_warnings_list_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app();
        keys(&mut app, &[Action::Open, Action::Warnings]);
        assert!(matches!(app.mode(), Mode::Warnings { .. }));
        insta::assert_snapshot!(format!("warnings_list_{w}x{h}"), screen(&mut app, w, h));
    }
}

#[test]
fn the_figure_detail_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app();
        // The sum out of scale, corrected: extracted against what is exported.
        go_to(&mut app, "magnitude");
        keys(&mut app, &[Action::Correct]);
        for _ in 0..12 {
            update(&mut app, Action::Backspace);
        }
        typed(&mut app, "23945万元");
        keys(&mut app, &[Action::Submit]);
        let s = screen(&mut app, w, h);
        assert!(s.contains("extracted 2394500000 元 money"), "{s}");
        assert!(s.contains("exports 239450000 元 money"), "{s}");
        insta::assert_snapshot!(format!("figure_detail_{w}x{h}"), s);
    }
}

#[test]
fn the_correction_form_over_a_long_report_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app();
        keys(
            &mut app,
            &[Action::Open, Action::Bottom, Action::Up, Action::Correct],
        );
        assert!(matches!(app.mode(), Mode::Correct(_)));
        let t = draw(&mut app, w, h);
        let s = t.backend().to_string();
        // The figure's line (far down the report) is on screen, not under the form.
        let y = view::source::evidence_y(&app, w, h).expect("the source shows the figure");
        let row: String = row_text(&t, y).chars().filter(|c| *c != ' ').collect();
        assert!(row.contains("明年培训妇女2000人次"), "row {y}: {row}\n{s}");
        insta::assert_snapshot!(format!("correct_form_long_{w}x{h}"), s);
    }
}

#[test]
fn filters_applied_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app();
        keys(
            &mut app,
            &[Action::Open, Action::Accept, Action::Accept, Action::Filter],
        );
        assert_eq!(app.status(), "figures: undecided");
        let total = app.session(0).unwrap().counts().total;
        assert_eq!(app.fig_row_count(), total - 2);
        insta::assert_snapshot!(format!("filters_{w}x{h}"), screen(&mut app, w, h));
    }
}

/// The text of the source row that holds the evidence (spaces left out).
fn evidence_text(app: &App, w: u16, h: u16) -> String {
    let inn = zongjie::tui::layout::inner(areas(app, w, h).unwrap().source.unwrap());
    let v = view::source::source_rows(app, 0, inn).unwrap();
    let r = v.rows[v.focus_row].clone();
    app.body_of(0).unwrap().text[r]
        .chars()
        .filter(|c| *c != ' ')
        .collect()
}

/// The text of screen row `y`.
fn row_text(t: &Terminal<TestBackend>, y: u16) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn every_form_keeps_the_evidence_line_in_view() {
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 50), (60, 16)] {
        for fig in 0..11 {
            for open in [
                Action::Correct,
                Action::Tag,
                Action::Note,
                Action::AcceptAll,
            ] {
                let mut app = app_at(fig);
                // The source row holding the figure's start, as the pane draws it.
                let _ = draw(&mut app, w, h);
                let want = evidence_text(&app, w, h);
                update(&mut app, open.clone());
                let t = draw(&mut app, w, h);
                let y = view::source::evidence_y(&app, w, h).expect("evidence on screen");
                assert_eq!(evidence_text(&app, w, h), want, "the figure stays put");
                let row = row_text(&t, y);
                let compact: String = row.chars().filter(|c| *c != ' ').collect();
                assert!(
                    compact.contains(&want),
                    "{w}x{h} figure {fig} {open:?}: row {y} is {row:?}\n{}",
                    t.backend()
                );
            }
        }
    }
}

/// A fresh app with the first report open and figure `fig` selected.
fn app_at(fig: usize) -> App {
    let mut app = app();
    keys(&mut app, &[Action::Open]);
    for _ in 0..fig {
        update(&mut app, Action::Down);
    }
    app
}

#[test]
fn the_preview_reads_exactly_what_is_saved() {
    let mut app = app();
    go_to(&mut app, "over-100-percent");
    keys(&mut app, &[Action::Correct]);
    // Kind, unit and approx typed by hand, then the value: what is typed stays.
    keys(&mut app, &[Action::NextField]);
    for _ in 0..4 {
        update(&mut app, Action::Backspace);
    }
    typed(&mut app, "元");
    keys(&mut app, &[Action::NextField]);
    for _ in 0..8 {
        update(&mut app, Action::Backspace);
    }
    typed(&mut app, "money");
    keys(
        &mut app,
        &[Action::NextField, Action::NextField, Action::NextField],
    );
    for _ in 0..8 {
        update(&mut app, Action::Backspace);
    }
    typed(&mut app, "1.59萬余");
    let Mode::Correct(form) = app.mode().clone() else {
        panic!("the form is open")
    };
    assert_eq!(form.fields[1].text, "元", "the typed unit is kept");
    assert_eq!(form.fields[2].text, "money", "the typed kind is kept");
    assert_eq!(form.fields[3].text, "over", "the value's 余 fills approx");
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("saves: 15900 元 money over"), "{s}");
    keys(&mut app, &[Action::Submit]);
    let row = app.fig_row_at(app.fig_sel()).unwrap();
    let q = row.quantity;
    assert_eq!(
        (
            q.value,
            q.unit.as_str(),
            q.kind.as_str(),
            q.approx.map(|a| a.as_str())
        ),
        (Some(15900.0), "元", "money", Some("over"))
    );
    assert_eq!(row.status(), Some(DecisionStatus::Corrected));
}

#[test]
fn a_value_that_leaves_out_the_unit_never_blanks_it() {
    let mut app = app();
    keys(
        &mut app,
        &[Action::Open, Action::Down, Action::Down, Action::Correct],
    );
    let Mode::Correct(form) = app.mode().clone() else {
        panic!()
    };
    assert_eq!(form.fields[1].text, "人次");
    for _ in 0..6 {
        update(&mut app, Action::Backspace);
    }
    typed(&mut app, "320多");
    let Mode::Correct(form) = app.mode().clone() else {
        panic!()
    };
    assert_eq!(
        form.fields[1].text, "人次",
        "320多 says no unit: 人次 stays"
    );
    assert_eq!(form.fields[3].text, "over");
}

#[test]
fn outline_and_report_rows_show_every_warning() {
    let mut app = app();
    let s = screen(&mut app, 120, 40);
    let n = app.session(0).unwrap().findings().len();
    let total = app.session(0).unwrap().counts().total;
    assert!(n >= 5, "{n}");
    assert!(s.contains(&format!("0/{total}  {n}!")), "{s}");
    keys(&mut app, &[Action::Open, Action::PrevPane]);
    let s = screen(&mut app, 120, 40);
    // 四、 follows 二、: marked on the outline.
    let line = s.lines().find(|l| l.contains("四、维护")).unwrap();
    assert!(line.contains("│ ! 四、维护"), "{line}");
}

#[test]
fn gaps_are_lit_and_chrome_is_dimmed_in_the_source() {
    let mut app = app();
    go_to(&mut app, "placeholder");
    // The figures have the focus: no source cursor over the first character.
    keys(&mut app, &[Action::PrevPane]);
    let t = draw(&mut app, 120, 40);
    let buf = t.backend().buffer();
    let mut red = String::new();
    let mut dim = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.bg == Color::Red {
                red.push_str(c.symbol());
            }
            if c.fg == Color::DarkGray && !"─│┌┐└┘ ".contains(c.symbol()) {
                dim.push_str(c.symbol());
            }
        }
    }
    for gap in ["xx份", "余名"] {
        assert!(red.contains(gap), "{gap} not lit: {red:?}");
    }
    assert!(dim.contains("第2页共3页"), "chrome not dimmed: {dim:?}");
}

#[test]
fn the_warnings_list_goes_to_the_place() {
    let mut app = app();
    go_to(&mut app, "skipped-number");
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.pane(), Pane::Source);
    let text = app.body_of(0).unwrap().text.clone();
    assert_eq!(app.src_focus(), text.find("四、").unwrap());
    go_to(&mut app, "magnitude");
    assert_eq!(app.pane(), Pane::Figures);
    let row = app.fig_row_at(app.fig_sel()).unwrap();
    assert_eq!(&text[row.start..row.end], "239450万元");
    // From the list: the report under the cursor, opened at the place.
    let mut app = self::app();
    keys(&mut app, &[Action::Warnings, Action::Bottom, Action::GoTo]);
    assert_eq!(app.open(), Some(0));
    // A filter that hides the figure is dropped.
    let mut app = self::app();
    keys(
        &mut app,
        &[Action::Open, Action::Filter, Action::Filter, Action::Filter],
    );
    assert_eq!(app.status(), "figures: decided");
    go_to(&mut app, "magnitude");
    assert_eq!(app.pane(), Pane::Figures);
}

#[test]
fn search_starts_empty_and_typing_replaces_the_last_query() {
    let mut app = app();
    keys(&mut app, &[Action::Search]);
    typed(&mut app, "妇联");
    keys(&mut app, &[Action::Submit, Action::Search]);
    let Mode::Search(line) = app.mode() else {
        panic!()
    };
    assert_eq!(line.text, "", "the line starts empty");
    typed(&mut app, "贷款");
    keys(&mut app, &[Action::Submit]);
    assert_eq!(app.search().query, "贷款");
}

#[test]
fn same_titled_reports_are_told_apart_by_their_paths() {
    let mut app = app();
    assert_eq!(app.label(0), Some("2015/a"));
    assert_eq!(app.label(1), Some("2016/a"));
    assert_eq!(app.label(2), Some("b"));
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("[2015/a] 某县妇联"), "{s}");
    assert!(s.contains("[2016/a] 某县妇联"), "{s}");
}

#[test]
fn done_asks_while_figures_are_undecided() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Done]);
    let total = app.session(0).unwrap().counts().total;
    assert_eq!(
        *app.mode(),
        Mode::Confirm(Question::MarkDone {
            entry: 0,
            undecided: total
        })
    );
    keys(&mut app, &[Action::Back]);
    assert_eq!(app.session(0).unwrap().status(), ReportStatus::Unreviewed);
    keys(&mut app, &[Action::Done, Action::Submit]);
    assert_eq!(app.session(0).unwrap().status(), ReportStatus::Done);
    // With every figure decided it does not ask; done again reopens.
    keys(
        &mut app,
        &[Action::Back, Action::Down, Action::Open, Action::AcceptAll],
    );
    keys(&mut app, &[Action::Submit, Action::Done]);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.session(1).unwrap().status(), ReportStatus::Done);
}

#[test]
fn the_open_report_gets_the_width_and_any_pane_zooms() {
    let mut app = app();
    // 160 columns: the list narrows beside the open report.
    keys(&mut app, &[Action::Open]);
    update(&mut app, Action::Resize(160, 40));
    let a = areas(&app, 160, 40).unwrap();
    let list = a.list.expect("a narrow list");
    assert!(list.width <= 36, "{list:?}");
    let outline = a.outline.unwrap();
    assert!(outline.width >= 34, "outline titles have room: {outline:?}");
    // The list back in focus takes its width again.
    keys(&mut app, &[Action::Back]);
    assert!(areas(&app, 160, 40).unwrap().list.unwrap().width > 50);
    // 100 columns: no list beside the report.
    keys(&mut app, &[Action::Open]);
    assert!(areas(&app, 100, 30).unwrap().list.is_none());
    // Zoom: the focused pane fills the body; it follows the focus.
    keys(&mut app, &[Action::Zoom]);
    let a = areas(&app, 120, 40).unwrap();
    assert_eq!(a.figures.unwrap().width, 120);
    assert!(a.source.is_none() && a.outline.is_none() && a.list.is_none());
    keys(&mut app, &[Action::NextPane]);
    let a = areas(&app, 120, 40).unwrap();
    assert_eq!(a.source.unwrap().height, 38);
    keys(&mut app, &[Action::Zoom]);
    assert!(areas(&app, 120, 40).unwrap().figures.is_some());
}

#[test]
fn a_read_only_instance_refuses_edits_with_one_line() {
    let mut app = app();
    app.set_read_only("another instance holds its lock (li@host pid 7)".into());
    keys(&mut app, &[Action::Open, Action::Accept]);
    assert_eq!(
        app.status(),
        "READ-ONLY, nothing changed: another instance holds its lock (li@host pid 7)"
    );
    assert_eq!(app.session(0).unwrap().counts().decided, 0);
    for a in [Action::Correct, Action::Done, Action::Tag, Action::Visual] {
        update(&mut app, a);
        assert_eq!(*app.mode(), Mode::Normal);
    }
    assert!(app.corpus_mut().saves.take_outbox().is_empty());
}

#[test]
fn help_opens_with_a_typical_pass_then_marks_flags_and_keys() {
    let mut app = app();
    keys(&mut app, &[Action::Help]);
    let s = screen(&mut app, 100, 60);
    let at = |w: &str| s.find(w).unwrap_or_else(|| panic!("{w} missing:\n{s}"));
    assert!(at("A typical pass") < at("Marks"));
    assert!(at("Marks") < at("Flags on a figure"));
    assert!(at("over-100-percent") < at("Everywhere"));
    assert!(s.contains("! lists its warnings"), "{s}");
}

#[test]
fn filter_keeps_kinds_and_the_title_says_how_many_are_shown() {
    let mut app = app();
    keys(&mut app, &[Action::Open, Action::Filter, Action::Filter]);
    assert_eq!(app.status(), "figures: flagged");
    assert_eq!(app.fig_row_count(), 2);
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("filter flagged: 2 shown"), "{s}");
    for _ in 0..3 {
        update(&mut app, Action::Filter);
    }
    assert_eq!(app.status(), "figures: money");
    let _ = FigFilter::All;
}
