//! The keymap as the user sees it outside the program: the config file that
//! rebinds keys, and the markdown table of `docs/keys.md`.

use std::path::{Path, PathBuf};

use super::{Action, Binding, Chord, Ctx, Keymap};

impl Keymap {
    /// Apply a config file's `[keys.<context>]` tables: each `action = ["key", …]`
    /// replaces that action's keys in that context. Unknown names are reported, not fatal.
    pub fn apply_config(&mut self, toml_text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let value: toml::Table = match toml_text.parse() {
            Ok(v) => v,
            Err(e) => return vec![format!("config: {e}")],
        };
        let Some(keys) = value.get("keys").and_then(|k| k.as_table()) else {
            return problems;
        };
        for (ctx_name, table) in keys {
            let Some(ctx) = Ctx::from_name(ctx_name) else {
                problems.push(format!("config: unknown key context [keys.{ctx_name}]"));
                continue;
            };
            let Some(table) = table.as_table() else {
                continue;
            };
            for (action_name, keys) in table {
                let Some(action) = Action::from_name(action_name) else {
                    problems.push(format!("config: unknown action {action_name:?}"));
                    continue;
                };
                let chords = read_chords(keys, &mut problems);
                self.rebind(ctx, &action, chords);
            }
        }
        problems
    }

    /// Give `action` in `ctx` the keys `chords` instead of its own; a chord bound to
    /// another action of `ctx` leaves it.
    fn rebind(&mut self, ctx: Ctx, action: &Action, chords: Vec<Chord>) {
        // Position of the first old binding, so help order is kept.
        let pos = self
            .bindings
            .iter()
            .position(|b| b.ctx == ctx && b.action == *action)
            .unwrap_or(self.bindings.len());
        self.bindings
            .retain(|b| !(b.ctx == ctx && (b.action == *action || chords.contains(&b.key))));
        let pos = pos.min(self.bindings.len());
        for (i, key) in chords.into_iter().enumerate() {
            self.bindings.insert(
                pos + i,
                Binding {
                    ctx,
                    key,
                    action: action.clone(),
                },
            );
        }
    }

    /// The markdown table for `docs/keys.md`.
    pub fn markdown(&self) -> String {
        let mut s = String::from("| Where | Keys | Action |\n| --- | --- | --- |\n");
        for ctx in Ctx::ALL {
            for (a, keys) in self.grouped(ctx) {
                let ks: Vec<String> = keys
                    .iter()
                    .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                    .collect();
                s += &format!("| {} | {} | {} |\n", ctx.title(), ks.join(" "), a.label());
            }
        }
        s
    }
}

/// The keys of one config entry, a string or a list of strings; a key that does
/// not read is reported in `problems` and left out.
fn read_chords(keys: &toml::Value, problems: &mut Vec<String>) -> Vec<Chord> {
    let list: Vec<&str> = match keys {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    let mut chords = Vec::new();
    for k in list {
        match Chord::parse(k) {
            Some(c) => chords.push(c),
            None => problems.push(format!("config: cannot read key {k:?}")),
        }
    }
    chords
}

/// The config file path: `$XDG_CONFIG_HOME/zongjie/config.toml`, else `$HOME/.config/zongjie/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("zongjie").join("config.toml"))
}

/// The default keymap with the user's config applied, and any problems reading it.
pub fn load_keymap() -> (Keymap, Vec<String>) {
    let mut km = Keymap::default();
    let mut problems = Vec::new();
    if let Some(p) = config_path()
        && let Ok(text) = std::fs::read_to_string(&p)
    {
        problems = km.apply_config(&text);
    }
    (km, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_rebinds_and_reports_problems() {
        let mut km = Keymap::default();
        let problems = km.apply_config(
            "[keys.report]\naccept = [\"y\", \"Space\"]\nfrobnicate = \"z\"\n[keys.nowhere]\n",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        let y = Chord::parse("y").unwrap();
        assert_eq!(km.lookup(&[Ctx::Report], &y), Some(Action::Accept));
        let a = Chord::parse("a").unwrap();
        assert_eq!(km.lookup(&[Ctx::Report], &a), None);
        assert!(km.apply_config("not = [valid").len() == 1);
    }
}
