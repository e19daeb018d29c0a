//! The workstation's modes and forms: what is open over the panes, and the
//! list filters. Plain data; `update` changes them, views draw them.

use crate::model::{FigureKind, Quantity};
pub use crate::review::session::Target;

/// Which pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Reports,
    Outline,
    Figures,
    Source,
}

/// A one-line text input with a cursor (in characters).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn new(s: &str) -> LineInput {
        LineInput {
            text: s.to_string(),
            cursor: s.chars().count(),
        }
    }

    fn byte_at(&self, ci: usize) -> usize {
        self.text
            .char_indices()
            .nth(ci)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let b = self.byte_at(self.cursor);
        self.text.insert(b, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            let b = self.byte_at(self.cursor - 1);
            self.text.remove(b);
            self.cursor -= 1;
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }
}

/// The correction form: value (read by the extraction parser), unit, kind,
/// approx, subject.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectForm {
    pub target: Target,
    /// value, unit, kind, approx, subject.
    pub fields: [LineInput; 5],
    /// Fields the reviewer typed in; the others follow what the value reads as.
    pub edited: [bool; 5],
    pub focus: usize,
    /// What the parser says about the value field, or why the form cannot be saved.
    pub error: Option<String>,
    /// What the value field reads as, when it reads.
    pub reading: Option<Quantity>,
    /// Adding over an existing figure: that figure, whose boundary the new
    /// span replaces (answered in the question before the form).
    pub replaces: Option<Target>,
}

pub const FORM_LABELS: [&str; 5] = ["value", "unit", "kind", "approx", "subject"];

/// The report form: title, year, org, level, place.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldsForm {
    pub entry: usize,
    pub fields: [LineInput; 5],
    pub focus: usize,
    pub error: Option<String>,
}

pub const FIELD_LABELS: [&str; 5] = ["title", "year", "org", "level", "place"];

/// The heading form: a heading's title and level, or a missed heading's.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingForm {
    pub entry: usize,
    /// The outline row corrected; `None`: a heading added at byte `at`.
    pub row: Option<usize>,
    pub at: usize,
    /// title, level.
    pub fields: [LineInput; 2],
    pub focus: usize,
    pub error: Option<String>,
}

pub const HEADING_LABELS: [&str; 2] = ["title", "level"];

/// The tag picker: known tags filtered by what is typed.
#[derive(Debug, Clone, PartialEq)]
pub struct TagForm {
    pub target: Target,
    pub input: LineInput,
    pub selected: usize,
}

/// What a note is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOn {
    /// A figure of the open report.
    Figure(Target),
    /// A whole report (index into the corpus's reports).
    Report(usize),
}

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    AcceptAll,
    /// A selection `start..end` to add lies over figure `over`: replace its
    /// boundary, or keep both?
    AddOver {
        start: usize,
        end: usize,
        over: Target,
    },
    /// Quitting with decisions not on disk: try again, write a recovery file,
    /// or quit anyway?
    Unsaved,
}

/// Overlays and input modes; `Normal` when none is open.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Help {
        scroll: u16,
    },
    Search(LineInput),
    Correct(CorrectForm),
    Fields(FieldsForm),
    Heading(HeadingForm),
    Tags(TagForm),
    Note(NoteOn, LineInput),
    /// A text selection `start..end` in the open report's file text.
    Select {
        start: usize,
        end: usize,
    },
    Confirm(Question),
    /// The corpus at a glance, as counted when it opened.
    Glance(Box<crate::export::glance::Glance>),
}

impl Mode {
    /// A form or line takes typed characters.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Mode::Search(_)
                | Mode::Correct(_)
                | Mode::Fields(_)
                | Mode::Heading(_)
                | Mode::Tags(_)
                | Mode::Note(..)
        )
    }
}

/// Which figures the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigFilter {
    All,
    Undecided,
    Flagged,
    Decided,
    Kind(FigureKind),
}

impl FigFilter {
    pub fn next(self) -> FigFilter {
        use FigFilter::*;
        match self {
            All => Undecided,
            Undecided => Flagged,
            Flagged => Decided,
            Decided => Kind(FigureKind::Count),
            Kind(FigureKind::Count) => Kind(FigureKind::Money),
            Kind(FigureKind::Money) => Kind(FigureKind::Percent),
            Kind(FigureKind::Percent) => Kind(FigureKind::Measure),
            Kind(FigureKind::Measure) => Kind(FigureKind::Age),
            Kind(_) => All,
        }
    }

    pub fn label(self) -> String {
        match self {
            FigFilter::All => "all".into(),
            FigFilter::Undecided => "undecided".into(),
            FigFilter::Flagged => "flagged".into(),
            FigFilter::Decided => "decided".into(),
            FigFilter::Kind(k) => k.as_str().into(),
        }
    }
}

/// Which reports the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFilter {
    All,
    Unreviewed,
    InProgress,
    Done,
    Flagged,
}

impl ReportFilter {
    pub fn next(self) -> ReportFilter {
        use ReportFilter::*;
        match self {
            All => Unreviewed,
            Unreviewed => InProgress,
            InProgress => Done,
            Done => Flagged,
            Flagged => All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportFilter::All => "all",
            ReportFilter::Unreviewed => "unreviewed",
            ReportFilter::InProgress => "in progress",
            ReportFilter::Done => "done",
            ReportFilter::Flagged => "flagged",
        }
    }
}

/// How the session ended, for the command line to say and exit with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Exit {
    /// Still running, or ended with everything on disk.
    #[default]
    Clean,
    /// Unsaved decisions written to a recovery file here.
    Recovered(std::path::PathBuf),
    /// The reviewer quit with this many reports' decisions not on disk.
    Abandoned(usize),
}
