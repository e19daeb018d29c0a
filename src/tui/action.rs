//! Everything that can change the workstation's state, as one enum.
//!
//! Keys map to the first group of variants through the keymap (`keymap.rs`);
//! the rest come from the loader thread, the store writer, the terminal and
//! the mouse. `update::update` is the one function that applies them.

use crate::review::session::{ReviewedFile, SaveResult};

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
    /// List the report's warnings and flags, with their reasons (Enter goes to one).
    Warnings,
    /// Draw the focused pane over the whole screen, or every pane again.
    Zoom,
    /// In the warnings list: go to the place the selected warning is about.
    GoTo,
    /// Show or hide the help overlay.
    Help,
    /// Leave the workstation (asks first if decisions are not on disk).
    Quit,
    /// Show the corpus at a glance: review progress, figures, totals, reports by year and level.
    Glance,
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
    /// Correct the report's title, year, org, level and place (a form).
    EditReport,
    /// Mark the report as not a report (web chrome, a contents page, junk), or a report again.
    NotAReport,
    /// Split the open report at the source cursor's line: a report of its own from there.
    Split,
    /// Join the report to the one before it in its file.
    Join,
    /// Accept the selected heading as parsed.
    AcceptHeading,
    /// Say the selected heading is not a heading.
    RejectHeading,
    /// Correct the selected heading's title and level (a form).
    EditHeading,
    /// Promote the selected heading one level (towards the outermost).
    PromoteHeading,
    /// Demote the selected heading one level.
    DemoteHeading,
    /// Add a heading the parser missed at the source cursor's line (a form).
    AddHeading,
    /// Mark the open report done (or not done again).
    Done,
    /// Undo the last decision of this session.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Accept every undecided figure of the open report (asks first).
    AcceptAll,
    // ---- keys: adjudicating ----
    /// Take reviewer n's decision (1 the first) on the selected item.
    Take(u8),
    /// Take every decision the reviewers agree on, in every report (asks first).
    AcceptAgreed,
    /// Show the reviewers' differences in the figures pane, or the figures again.
    Differences,
    // ---- keys: inside a form, a selection or a question ----
    /// Move the cursor or selection one character left.
    Left,
    /// Move the cursor or selection one character right.
    Right,
    /// Move a selection's (or the selected figure's) start one character left.
    StartLeft,
    /// Move a selection's (or the selected figure's) start one character right.
    StartRight,
    /// Confirm: submit a form, add a selection as a missed figure, answer yes.
    Submit,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Delete the character before the cursor.
    Backspace,
    /// Adding over a figure: move that figure's boundary to the selection instead.
    ReplaceBoundary,
    /// Adding over a figure: add the selection as a figure of its own, both kept.
    KeepBoth,
    /// Quitting with unsaved decisions: try to save them again.
    RetrySaves,
    /// Quitting with unsaved decisions: write them to a recovery file beside the store.
    WriteRecovery,
    /// Quitting with unsaved decisions: quit without them.
    QuitAnyway,
    /// A typed character (forms and the search line).
    Input(char),
    // ---- not keys ----
    /// The loader found this many files to read.
    LoadTotal(usize),
    /// The loader parsed one more file and laid it out with its reviews.
    Loaded(LoadedFile),
    /// The reviewers' work on the file just loaded (adjudication), one per reviewer.
    TeamViews(Vec<crate::review::team::compare::Views>),
    /// One file could not be read (skipped); the message says why.
    LoadFailed(String),
    /// Something the reviewer should read in the status line.
    Notice(String),
    /// The loader has finished.
    LoadFinished,
    /// The store writer's answers about the saves it made.
    Saved(Vec<SaveResult>),
    /// A search finished: its request id and hits.
    SearchDone(u64, Vec<super::search::Hit>),
    /// A large file was read and split on another thread.
    Prepared(crate::review::session::Prepared),
    /// The terminal has a new size.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// The mouse wheel at a cell: negative is up.
    Scroll(u16, u16, i8),
}

/// A file the loader sends (compared by identity: no two are the same).
#[derive(Debug, Clone)]
pub struct LoadedFile(pub Box<ReviewedFile>);

impl PartialEq for LoadedFile {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(&*self.0, &*other.0)
    }
}

impl From<ReviewedFile> for LoadedFile {
    fn from(f: ReviewedFile) -> Self {
        LoadedFile(Box::new(f))
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
    (Action::Warnings, "warnings"),
    (Action::Zoom, "zoom"),
    (Action::GoTo, "go-to"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::Glance, "glance"),
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
    (Action::EditReport, "report-fields"),
    (Action::NotAReport, "not-a-report"),
    (Action::Split, "split"),
    (Action::Join, "join"),
    (Action::AcceptHeading, "accept-heading"),
    (Action::RejectHeading, "reject-heading"),
    (Action::EditHeading, "edit-heading"),
    (Action::PromoteHeading, "promote-heading"),
    (Action::DemoteHeading, "demote-heading"),
    (Action::AddHeading, "add-heading"),
    (Action::Done, "done"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::AcceptAll, "accept-all"),
    (Action::Take(1), "take-1"),
    (Action::Take(2), "take-2"),
    (Action::Take(3), "take-3"),
    (Action::Take(4), "take-4"),
    (Action::Take(5), "take-5"),
    (Action::Take(6), "take-6"),
    (Action::Take(7), "take-7"),
    (Action::Take(8), "take-8"),
    (Action::Take(9), "take-9"),
    (Action::AcceptAgreed, "accept-agreed"),
    (Action::Differences, "differences"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::StartLeft, "start-left"),
    (Action::StartRight, "start-right"),
    (Action::Submit, "submit"),
    (Action::NextField, "next-field"),
    (Action::PrevField, "prev-field"),
    (Action::Backspace, "backspace"),
    (Action::ReplaceBoundary, "replace-boundary"),
    (Action::KeepBoth, "keep-both"),
    (Action::RetrySaves, "retry-saves"),
    (Action::WriteRecovery, "write-recovery"),
    (Action::QuitAnyway, "quit-anyway"),
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

    /// Whether the action moves a list's cursor: a line, a page, or to an end.
    pub fn moves_cursor(&self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
        )
    }

    /// Whether the action changes a review (refused on a read-only instance).
    pub fn edits(&self) -> bool {
        matches!(
            self,
            Action::Accept
                | Action::Reject
                | Action::Correct
                | Action::Tag
                | Action::Note
                | Action::Visual
                | Action::ShrinkEnd
                | Action::GrowEnd
                | Action::StartLeft
                | Action::StartRight
                | Action::Done
                | Action::Undo
                | Action::Redo
                | Action::AcceptAll
                | Action::EditReport
                | Action::NotAReport
                | Action::Split
                | Action::Join
                | Action::AcceptHeading
                | Action::RejectHeading
                | Action::EditHeading
                | Action::PromoteHeading
                | Action::DemoteHeading
                | Action::AddHeading
                | Action::Take(_)
                | Action::AcceptAgreed
        )
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
            Action::Warnings => "warnings",
            Action::Zoom => "zoom pane",
            Action::GoTo => "go there",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Glance => "corpus at a glance",
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
            Action::EditReport => "report fields",
            Action::NotAReport => "not a report",
            Action::Split => "split here",
            Action::Join => "join to previous",
            Action::AcceptHeading => "accept heading",
            Action::RejectHeading => "not a heading",
            Action::EditHeading => "retitle heading",
            Action::PromoteHeading => "level up",
            Action::DemoteHeading => "level down",
            Action::AddHeading => "add heading",
            Action::Done => "report done",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::AcceptAll => "accept all",
            Action::Take(1) => "take reviewer 1's (…9)",
            Action::Take(2) => "take reviewer 2's",
            Action::Take(3) => "take reviewer 3's",
            Action::Take(4) => "take reviewer 4's",
            Action::Take(5) => "take reviewer 5's",
            Action::Take(6) => "take reviewer 6's",
            Action::Take(7) => "take reviewer 7's",
            Action::Take(8) => "take reviewer 8's",
            Action::Take(_) => "take reviewer 9's",
            Action::AcceptAgreed => "take all agreed",
            Action::Differences => "differences/figures",
            Action::Left => "left",
            Action::Right => "right",
            Action::StartLeft => "start ←",
            Action::StartRight => "start →",
            Action::Submit => "confirm",
            Action::NextField => "next field",
            Action::PrevField => "prev field",
            Action::Backspace => "delete",
            Action::ReplaceBoundary => "replace its boundary",
            Action::KeepBoth => "keep both",
            Action::RetrySaves => "save again",
            Action::WriteRecovery => "write recovery file",
            Action::QuitAnyway => "quit without them",
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
