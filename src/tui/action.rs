//! Everything that can change the workstation's state, as one enum.
//!
//! Keys map to the first group of variants through the keymap (`keymap.rs`);
//! the rest come from the loader thread, the store writer, the terminal and
//! the mouse. `update::update` is the one function that applies them.

use std::sync::Arc;

use crate::model::ParsedFile;
use crate::review::ReportReview;
use crate::text::{Line, split_lines};

/// One thing to do. Key-bound variants have a stable name (`Action::name`) used
/// by the config file, the help overlay, the hint bar and `docs/keys.md`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // ---- keys: moving ----
    /// Move the selection up one row (or the source view up one line).
    Up,
    /// Move the selection down one row.
    Down,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Focus the next pane (reports → outline → figures → source).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected report (focus goes to its figures), or fold/unfold an outline node.
    Open,
    /// Go back: close an overlay, cancel a selection, or return to the report list.
    Back,
    // ---- keys: finding ----
    /// Start a search of report titles and text (folded: 妇联 also finds 婦聯).
    Search,
    /// Jump to the next search hit.
    NextHit,
    /// Jump to the previous search hit.
    PrevHit,
    /// Cycle the report/figure filter (all → undecided → flagged → decided …).
    Filter,
    /// Show or hide the help overlay.
    Help,
    /// Leave the workstation (everything is already saved).
    Quit,
    // ---- keys: reviewing ----
    /// Accept the selected figure and move to the next undecided one.
    Accept,
    /// Reject the selected figure and move to the next undecided one.
    Reject,
    /// Open the correction form for the selected figure.
    Correct,
    /// Open the tag picker for the selected figure.
    Tag,
    /// Write a note on the selected figure.
    Note,
    /// Start a character selection in the source text at the selected figure.
    Visual,
    /// Move the source cursor to the next number in the text (where a missed figure may be).
    NextNumber,
    /// Move the source cursor to the previous number.
    PrevNumber,
    /// Move a figure's end one character left (in a selection: the selection's end).
    ShrinkEnd,
    /// Move a figure's end one character right.
    GrowEnd,
    /// Mark the open report done (or not done again).
    Done,
    /// Undo the last decision of this session.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Accept every undecided figure of the open report (asks first).
    AcceptAll,
    // ---- keys: inside a form, a selection or a question ----
    /// Move the cursor or selection one character left.
    Left,
    /// Move the cursor or selection one character right.
    Right,
    /// Move a selection's start one character left.
    StartLeft,
    /// Move a selection's start one character right.
    StartRight,
    /// Confirm: submit a form, add a selection as a missed figure, answer yes.
    Submit,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Delete the character before the cursor.
    Backspace,
    /// A typed character (forms and the search line).
    Input(char),
    // ---- not keys ----
    /// The loader found this many files to read.
    LoadTotal(usize),
    /// The loader parsed one more file.
    Loaded(Box<Loaded>),
    /// One file could not be read (skipped); the message says why.
    LoadFailed(String),
    /// Something the reviewer should read in the status line.
    Notice(String),
    /// The loader has finished.
    LoadFinished,
    /// The store writer finished a save (`None`) or failed (`Some(reason)`).
    Saved(Option<String>),
    /// A search finished: its request id and hits.
    SearchDone(u64, Vec<super::search::Hit>),
    /// The terminal has a new size.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel at a cell: negative is up.
    Scroll(u16, u16, i8),
}

/// One parsed file from the loader, with the reviews saved for its reports.
///
/// Made by `Loaded::new` on the loader's thread, which also does the work that
/// grows with the file's size (the line table, the shared text), so taking a
/// 20 MB file in costs the key loop no more than a small one.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub parsed: ParsedFile,
    /// The file's decoded text (report offsets point into it).
    pub text: Arc<str>,
    /// Line ranges of `text`.
    pub lines: Vec<Line>,
    /// The file name as the store knows it (relative to the corpus root).
    pub store_file: String,
    /// Saved reviews, by report index.
    pub reviews: Vec<Option<ReportReview>>,
}

impl Loaded {
    pub fn new(
        parsed: ParsedFile,
        text: String,
        store_file: String,
        reviews: Vec<Option<ReportReview>>,
    ) -> Loaded {
        Loaded {
            lines: split_lines(&text),
            text: Arc::from(text),
            parsed,
            store_file,
            reviews,
        }
    }
}

/// The key-bound actions, in help order, with their stable names.
pub const NAMED: &[(Action, &str)] = &[
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::PageUp, "page-up"),
    (Action::PageDown, "page-down"),
    (Action::NextPane, "next-pane"),
    (Action::PrevPane, "prev-pane"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Search, "search"),
    (Action::NextHit, "next-hit"),
    (Action::PrevHit, "prev-hit"),
    (Action::Filter, "filter"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::Accept, "accept"),
    (Action::Reject, "reject"),
    (Action::Correct, "correct"),
    (Action::Tag, "tag"),
    (Action::Note, "note"),
    (Action::Visual, "select"),
    (Action::NextNumber, "next-number"),
    (Action::PrevNumber, "prev-number"),
    (Action::ShrinkEnd, "shrink-end"),
    (Action::GrowEnd, "grow-end"),
    (Action::Done, "done"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::AcceptAll, "accept-all"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::StartLeft, "start-left"),
    (Action::StartRight, "start-right"),
    (Action::Submit, "submit"),
    (Action::NextField, "next-field"),
    (Action::PrevField, "prev-field"),
    (Action::Backspace, "backspace"),
];

impl Action {
    /// The config name of a key-bound action.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(a, _)| a == self).map(|(_, n)| *n)
    }

    /// The action a config name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| a.clone())
    }

    /// A few words for the hint bar and the help overlay.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::NextPane => "next pane",
            Action::PrevPane => "prev pane",
            Action::Open => "open/fold",
            Action::Back => "back",
            Action::Search => "search",
            Action::NextHit => "next hit",
            Action::PrevHit => "prev hit",
            Action::Filter => "filter",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Correct => "correct",
            Action::Tag => "tag",
            Action::Note => "note",
            Action::Visual => "select text",
            Action::NextNumber => "next number",
            Action::PrevNumber => "prev number",
            Action::ShrinkEnd => "end ←",
            Action::GrowEnd => "end →",
            Action::Done => "report done",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::AcceptAll => "accept all",
            Action::Left => "left",
            Action::Right => "right",
            Action::StartLeft => "start ←",
            Action::StartRight => "start →",
            Action::Submit => "confirm",
            Action::NextField => "next field",
            Action::PrevField => "prev field",
            Action::Backspace => "delete",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for (a, n) in NAMED {
            assert_eq!(Action::from_name(n).as_ref(), Some(a));
            assert_eq!(a.name(), Some(*n));
            assert!(!a.label().is_empty());
        }
        let mut names: Vec<_> = NAMED.iter().map(|(_, n)| n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), NAMED.len());
    }
}
