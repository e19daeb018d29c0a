//! The keymap as data: which key does what, where.
//!
//! One table feeds the key lookup, the hint bar, the help overlay, the config
//! file (`$XDG_CONFIG_HOME/zongjie/config.toml`, else `~/.config/zongjie/config.toml`)
//! and `docs/keys.md`, so what the screen says is what the keys do.

use super::action::Action;

mod chord;
mod config;

pub use chord::Chord;
pub use config::{config_path, load_keymap};

/// Where a binding applies. Lookup tries the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Anywhere in normal mode.
    Global,
    /// The report list has the focus.
    Reports,
    /// A report is open (outline, figures or source has the focus).
    Report,
    /// The outline of an open report has the focus: keys act on the heading.
    Outline,
    /// A text selection in the source is being made.
    Select,
    /// A form, the search line, the tag picker or the note line is open.
    Form,
    /// The help overlay is open.
    Help,
    /// A yes/no question is open.
    Confirm,
    /// Adjudicating (`review --adjudicate`): the reviewers' differences.
    Adjudicate,
    /// A report's warnings list is open.
    Warnings,
    /// The corpus at a glance is open.
    Glance,
}

impl Ctx {
    pub const ALL: [Ctx; 11] = [
        Ctx::Global,
        Ctx::Reports,
        Ctx::Report,
        Ctx::Outline,
        Ctx::Select,
        Ctx::Form,
        Ctx::Help,
        Ctx::Confirm,
        Ctx::Adjudicate,
        Ctx::Warnings,
        Ctx::Glance,
    ];

    /// The config table name (`[keys.report]`).
    pub fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::Reports => "reports",
            Ctx::Report => "report",
            Ctx::Outline => "outline",
            Ctx::Select => "select",
            Ctx::Form => "form",
            Ctx::Help => "help",
            Ctx::Confirm => "confirm",
            Ctx::Adjudicate => "adjudicate",
            Ctx::Warnings => "warnings",
            Ctx::Glance => "glance",
        }
    }

    /// Words for the help overlay and `docs/keys.md`.
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Global => "Everywhere",
            Ctx::Reports => "Report list",
            Ctx::Report => "Open report (outline, figures, source)",
            Ctx::Outline => "Outline (the selected heading)",
            Ctx::Select => "Selecting text in the source",
            Ctx::Form => "Forms, search line, tags, note",
            Ctx::Help => "Help overlay",
            Ctx::Confirm => "Questions",
            Ctx::Adjudicate => "Adjudicating (review --adjudicate)",
            Ctx::Warnings => "Warnings list",
            Ctx::Glance => "Corpus at a glance",
        }
    }

    fn from_name(s: &str) -> Option<Ctx> {
        Ctx::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// One binding.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub ctx: Ctx,
    pub key: Chord,
    pub action: Action,
}

/// All bindings, in help order.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// The actions the hint bar shows first, most useful first; the others follow
/// in keymap order, as far as the bar has room.
const HINT_ORDER: &[Action] = &[
    Action::Submit,
    Action::GoTo,
    Action::AcceptHeading,
    Action::RejectHeading,
    Action::EditHeading,
    Action::Accept,
    Action::Reject,
    Action::Correct,
    Action::Warnings,
    Action::Filter,
    Action::Done,
    Action::Open,
    Action::NextPane,
    Action::Search,
    Action::Visual,
    Action::NextNumber,
    Action::Zoom,
    Action::Tag,
    Action::Note,
    Action::Undo,
];

const DEFAULTS: &[(Ctx, &str, &[&str])] = &[
    (Ctx::Global, "down", &["j", "Down"]),
    (Ctx::Global, "up", &["k", "Up"]),
    (Ctx::Global, "top", &["g", "Home"]),
    (Ctx::Global, "bottom", &["G", "End"]),
    (Ctx::Global, "page-down", &["PageDown", "Ctrl-d"]),
    (Ctx::Global, "page-up", &["PageUp", "Ctrl-u"]),
    (Ctx::Global, "next-pane", &["Tab", "l", "Right"]),
    (Ctx::Global, "prev-pane", &["Shift-Tab", "h", "Left"]),
    (Ctx::Global, "open", &["Enter"]),
    (Ctx::Global, "back", &["Esc"]),
    (Ctx::Global, "search", &["/"]),
    (Ctx::Global, "next-hit", &["n"]),
    (Ctx::Global, "prev-hit", &["N"]),
    (Ctx::Global, "filter", &["f"]),
    (Ctx::Global, "warnings", &["!"]),
    (Ctx::Global, "zoom", &["z"]),
    (Ctx::Global, "undo", &["u"]),
    (Ctx::Global, "redo", &["Ctrl-r"]),
    (Ctx::Global, "help", &["?"]),
    (Ctx::Global, "quit", &["q", "Ctrl-c"]),
    (Ctx::Global, "glance", &["o"]),
    (Ctx::Reports, "done", &["d"]),
    (Ctx::Reports, "note", &["c"]),
    (Ctx::Reports, "report-fields", &["E"]),
    (Ctx::Reports, "not-a-report", &["X"]),
    (Ctx::Reports, "join", &["J"]),
    (Ctx::Report, "accept", &["a"]),
    (Ctx::Report, "reject", &["x"]),
    (Ctx::Report, "correct", &["e"]),
    (Ctx::Report, "tag", &["t"]),
    (Ctx::Report, "note", &["c"]),
    (Ctx::Report, "select", &["v"]),
    (Ctx::Report, "next-number", &["w"]),
    (Ctx::Report, "prev-number", &["b"]),
    (Ctx::Report, "shrink-end", &["["]),
    (Ctx::Report, "grow-end", &["]"]),
    (Ctx::Report, "start-left", &["{"]),
    (Ctx::Report, "start-right", &["}"]),
    (Ctx::Report, "accept-all", &["A"]),
    (Ctx::Report, "done", &["d"]),
    (Ctx::Report, "report-fields", &["E"]),
    (Ctx::Report, "not-a-report", &["X"]),
    (Ctx::Report, "split", &["S"]),
    (Ctx::Report, "join", &["J"]),
    (Ctx::Report, "add-heading", &["+"]),
    (Ctx::Outline, "accept-heading", &["a"]),
    (Ctx::Outline, "reject-heading", &["x"]),
    (Ctx::Outline, "edit-heading", &["e"]),
    (Ctx::Outline, "promote-heading", &["<"]),
    (Ctx::Outline, "demote-heading", &[">"]),
    (Ctx::Select, "left", &["h", "Left"]),
    (Ctx::Select, "right", &["l", "Right"]),
    (Ctx::Select, "start-left", &["H"]),
    (Ctx::Select, "start-right", &["L"]),
    (Ctx::Select, "shrink-end", &["["]),
    (Ctx::Select, "grow-end", &["]"]),
    (Ctx::Select, "submit", &["Enter"]),
    (Ctx::Select, "back", &["Esc"]),
    (Ctx::Select, "quit", &["Ctrl-c"]),
    (Ctx::Form, "submit", &["Enter"]),
    (Ctx::Form, "back", &["Esc"]),
    (Ctx::Form, "next-field", &["Tab", "Down"]),
    (Ctx::Form, "prev-field", &["Shift-Tab", "Up"]),
    (Ctx::Form, "left", &["Left"]),
    (Ctx::Form, "right", &["Right"]),
    (Ctx::Form, "backspace", &["Backspace"]),
    (Ctx::Form, "quit", &["Ctrl-c"]),
    (Ctx::Help, "back", &["Esc", "?", "q"]),
    (Ctx::Help, "down", &["j", "Down"]),
    (Ctx::Help, "up", &["k", "Up"]),
    (Ctx::Help, "quit", &["Ctrl-c"]),
    (Ctx::Confirm, "submit", &["y", "Enter"]),
    (Ctx::Confirm, "back", &["n", "Esc"]),
    (Ctx::Confirm, "replace-boundary", &["r"]),
    (Ctx::Confirm, "keep-both", &["k"]),
    (Ctx::Confirm, "retry-saves", &["s"]),
    (Ctx::Confirm, "write-recovery", &["w"]),
    (Ctx::Confirm, "quit-anyway", &["Q"]),
    (Ctx::Confirm, "quit", &["Ctrl-c"]),
    (Ctx::Adjudicate, "take-1", &["1"]),
    (Ctx::Adjudicate, "take-2", &["2"]),
    (Ctx::Adjudicate, "take-3", &["3"]),
    (Ctx::Adjudicate, "take-4", &["4"]),
    (Ctx::Adjudicate, "take-5", &["5"]),
    (Ctx::Adjudicate, "take-6", &["6"]),
    (Ctx::Adjudicate, "take-7", &["7"]),
    (Ctx::Adjudicate, "take-8", &["8"]),
    (Ctx::Adjudicate, "take-9", &["9"]),
    (Ctx::Adjudicate, "accept-agreed", &["="]),
    (Ctx::Adjudicate, "differences", &["D"]),
    (Ctx::Warnings, "go-to", &["Enter"]),
    (Ctx::Warnings, "down", &["j", "Down"]),
    (Ctx::Warnings, "up", &["k", "Up"]),
    (Ctx::Warnings, "top", &["g", "Home"]),
    (Ctx::Warnings, "bottom", &["G", "End"]),
    (Ctx::Warnings, "back", &["Esc", "!", "q"]),
    (Ctx::Warnings, "quit", &["Ctrl-c"]),
    (Ctx::Glance, "back", &["Esc", "o", "q"]),
    (Ctx::Glance, "quit", &["Ctrl-c"]),
];

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = Vec::new();
        for (ctx, name, keys) in DEFAULTS {
            let action = Action::from_name(name).expect("default action names are valid");
            for k in *keys {
                let key = Chord::parse(k).expect("default keys parse");
                bindings.push(Binding {
                    ctx: *ctx,
                    key,
                    action: action.clone(),
                });
            }
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action for a key, trying `ctxs` in order.
    pub fn lookup(&self, ctxs: &[Ctx], key: &Chord) -> Option<Action> {
        ctxs.iter().find_map(|c| {
            self.bindings
                .iter()
                .find(|b| b.ctx == *c && b.key == *key)
                .map(|b| b.action.clone())
        })
    }

    /// The keys bound to `action` in `ctx`, in order.
    pub fn keys_for(&self, ctx: Ctx, action: &Action) -> Vec<Chord> {
        self.bindings
            .iter()
            .filter(|b| b.ctx == ctx && &b.action == action)
            .map(|b| b.key)
            .collect()
    }

    /// Actions of `ctx` in help order, each with all its keys.
    pub fn grouped(&self, ctx: Ctx) -> Vec<(Action, Vec<Chord>)> {
        let mut out: Vec<(Action, Vec<Chord>)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.ctx == ctx) {
            match out.iter_mut().find(|(a, _)| *a == b.action) {
                Some((_, ks)) => ks.push(b.key),
                None => out.push((b.action.clone(), vec![b.key])),
            }
        }
        out
    }

    /// Short hints for the bar: the first key of each action of the given contexts,
    /// with actions already listed by an earlier context left out, the most
    /// useful first ([`HINT_ORDER`]): a narrow bar keeps those.
    pub fn hints(&self, ctxs: &[Ctx]) -> Vec<(String, &'static str)> {
        let mut seen: Vec<Action> = Vec::new();
        let mut out: Vec<(usize, (String, &'static str))> = Vec::new();
        // Keys bound by an earlier context: a later context's action on one is shadowed.
        let mut taken: Vec<String> = Vec::new();
        for c in ctxs {
            let grouped = self.grouped(*c);
            for (a, keys) in &grouped {
                let a = a.clone();
                if seen.contains(&a) || taken.contains(&keys[0].label()) {
                    continue;
                }
                // Skip plain movement in the bar: everyone knows arrows.
                if a.moves_cursor()
                    || matches!(
                        a,
                        Action::PrevPane
                            | Action::Left
                            | Action::Right
                            | Action::PrevField
                            | Action::Backspace
                            | Action::PrevHit
                            | Action::Take(2..)
                    )
                {
                    seen.push(a);
                    continue;
                }
                let rank = HINT_ORDER
                    .iter()
                    .position(|h| *h == a)
                    .unwrap_or(HINT_ORDER.len() + out.len());
                out.push((rank, (keys[0].label(), a.label())));
                seen.push(a);
            }
            taken.extend(
                grouped
                    .iter()
                    .flat_map(|(_, ks)| ks.iter().map(|k| k.label())),
            );
        }
        out.sort_by_key(|(rank, _)| *rank);
        out.into_iter().map(|(_, h)| h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_prefers_the_specific_context() {
        let km = Keymap::default();
        let h = Chord::parse("h").unwrap();
        assert_eq!(
            km.lookup(&[Ctx::Select, Ctx::Global], &h),
            Some(Action::Left)
        );
        assert_eq!(
            km.lookup(&[Ctx::Report, Ctx::Global], &h),
            Some(Action::PrevPane)
        );
        let a = Chord::parse("a").unwrap();
        assert_eq!(km.lookup(&[Ctx::Reports, Ctx::Global], &a), None);
        assert_eq!(
            km.lookup(&[Ctx::Report, Ctx::Global], &a),
            Some(Action::Accept)
        );
    }

    #[test]
    fn hints_list_each_action_once() {
        let km = Keymap::default();
        let h = km.hints(&[Ctx::Report, Ctx::Global]);
        assert!(h.iter().any(|(k, l)| k == "a" && *l == "accept"));
        let done = h.iter().filter(|(_, l)| *l == "report done").count();
        assert_eq!(done, 1);
    }
}
