//! Key bindings: an embedded default TOML (`keymap.toml`) that user overrides
//! can be merged onto, looked up per scope (screen, search, help) with
//! `[global]` as the fallback.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use serde::Deserialize;

use super::action::Action;
use super::strings::Strings;

/// The default bindings, compiled into the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where a key is looked up: the focused screen or mode, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Overview,
    Agenda,
    Dossier,
    Scoring,
    /// A search is being typed.
    Search,
    /// The help overlay is open.
    Help,
    /// A chair's note is being typed.
    Note,
    /// A question that must be answered before anything else (changed inputs).
    Prompt,
    Attendance,
    /// An irreversible step waiting for the chair's yes.
    Confirm,
    Minutes,
    SignOff,
    Decision,
    /// The vote dialog, on a count, a choice or the motion.
    Vote,
    /// The vote dialog, on the list of ballots by name.
    Ballots,
    /// Text typed in the vote dialog (rationale) or a deferral's reason.
    VoteText,
    Ranking,
    /// The decided lists over a screen: moving scrolls them, a screen key
    /// closes them and goes there.
    Decided,
    /// The terminal is too small: only quit and help.
    TooSmall,
}

impl Scope {
    const ALL: [(Scope, &'static str); 20] = [
        (Scope::Global, "global"),
        (Scope::Overview, "overview"),
        (Scope::Agenda, "agenda"),
        (Scope::Dossier, "dossier"),
        (Scope::Scoring, "scoring"),
        (Scope::Search, "search"),
        (Scope::Help, "help"),
        (Scope::Note, "note"),
        (Scope::Prompt, "prompt"),
        (Scope::Attendance, "attendance"),
        (Scope::Confirm, "confirm"),
        (Scope::Minutes, "minutes"),
        (Scope::SignOff, "sign_off"),
        (Scope::Decision, "decision"),
        (Scope::Vote, "vote"),
        (Scope::Ballots, "ballots"),
        (Scope::VoteText, "vote_text"),
        (Scope::Ranking, "ranking"),
        (Scope::Decided, "decided"),
        (Scope::TooSmall, "too_small"),
    ];

    fn from_name(name: &str) -> Option<Scope> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    /// Modes that capture keys; lookups in them do not fall back to `Global`.
    fn is_modal(self) -> bool {
        matches!(
            self,
            Scope::Search
                | Scope::Note
                | Scope::Prompt
                | Scope::Confirm
                | Scope::Vote
                | Scope::Ballots
                | Scope::VoteText
                | Scope::TooSmall
        )
    }
}

/// A key with the modifiers that matter. Shift is carried by the character
/// itself ("L"), so it is not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyChord {
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let m = event.modifiers;
        Some(KeyChord {
            code: event.code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
        })
    }

    /// Parse a key name as written in the keymap file.
    pub fn parse(name: &str) -> Option<KeyChord> {
        let (ctrl, rest) = match name.strip_prefix("ctrl-") {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, name),
        };
        let (alt, rest) = match rest.strip_prefix("alt-") {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, rest),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "esc" => KeyCode::Esc,
                "enter" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f => KeyCode::F(f.strip_prefix('f')?.parse().ok().filter(|n| (1..=24).contains(n))?),
            },
        };
        Some(KeyChord { code, ctrl, alt })
    }

    /// The key as written in the keymap file ("ctrl-r", "enter", "K").
    pub fn name(&self, _s: &Strings) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "backtab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::PageUp => "pageup".into(),
            KeyCode::PageDown => "pagedown".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::F(n) => format!("f{n}"),
            _ => "?".into(),
        };
        let ctrl = if self.ctrl { "ctrl-" } else { "" };
        let alt = if self.alt { "alt-" } else { "" };
        format!("{ctrl}{alt}{base}")
    }

    /// How the key is shown in the footer and in help.
    pub fn label(&self, s: &Strings) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => s.key_space.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => s.key_enter.into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "⇧Tab".into(),
            KeyCode::Backspace => "⌫".into(),
            KeyCode::Delete => s.key_delete.into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => s.key_page_up.into(),
            KeyCode::PageDown => s.key_page_down.into(),
            KeyCode::Home => s.key_home.into(),
            KeyCode::End => s.key_end.into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        let ctrl = if self.ctrl { s.key_ctrl } else { "" };
        let alt = if self.alt { "Alt-" } else { "" };
        format!("{ctrl}{alt}{base}")
    }

    /// Which of several keys for one action is shown first: Enter, Esc and
    /// Tab, then letters ("j/↓", not "↓/j"), then arrows and the rest,
    /// F-keys and modified keys last.
    fn display_rank(&self) -> u8 {
        let base = match self.code {
            KeyCode::Enter | KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab => 0,
            KeyCode::Char(c) if c.is_ascii_graphic() => 1,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right => 2,
            KeyCode::F(_) => 4,
            _ => 3,
        };
        base + 10 * (u8::from(self.ctrl) + u8::from(self.alt))
    }
}

/// A binding of the user's that was left out, and why; `path` is its place
/// under `[keys]` (section, then key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingProblem {
    pub path: Vec<String>,
    pub message: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Syntax(String),
    #[error("keymap: unknown section [{0}]")]
    UnknownScope(String),
    #[error("keymap: unknown key name {0:?} in [{1}]")]
    UnknownKey(String, String),
}

/// Bindings per scope, plus the reverse index used by the footer and help.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<Scope, HashMap<KeyChord, Action>>,
}

impl Keymap {
    /// The embedded default bindings.
    pub fn embedded() -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        map.merge(DEFAULT_KEYMAP)?;
        Ok(map)
    }

    /// Add or replace bindings from TOML text (the user's overrides).
    pub fn merge(&mut self, text: &str) -> Result<(), KeymapError> {
        let tables: BTreeMap<String, BTreeMap<String, Action>> =
            toml::from_str(text).map_err(|e| KeymapError::Syntax(e.message().to_string()))?;
        for (scope_name, keys) in tables {
            let scope = Scope::from_name(&scope_name).ok_or(KeymapError::UnknownScope(scope_name.clone()))?;
            let table = self.bindings.entry(scope).or_default();
            for (key, action) in keys {
                let chord =
                    KeyChord::parse(&key).ok_or_else(|| KeymapError::UnknownKey(key, scope_name.clone()))?;
                table.insert(chord, action);
            }
        }
        Ok(())
    }

    /// Add the user's bindings one by one: a binding with an unknown
    /// section, key or action is left out and named in the answer, every
    /// other one applies. `keys` is the `[keys]` table of config.toml.
    pub fn merge_each(&mut self, keys: &toml::Table) -> Vec<BindingProblem> {
        let mut problems = Vec::new();
        for (scope_name, table) in keys {
            let Some(scope) = Scope::from_name(scope_name) else {
                let known: Vec<&str> = Scope::ALL.iter().map(|(_, n)| *n).collect();
                problems.push(BindingProblem {
                    path: vec![scope_name.clone()],
                    message: format!("unknown section [keys.{scope_name}]; known: {}", known.join(", ")),
                });
                continue;
            };
            let Some(table) = table.as_table() else {
                problems.push(BindingProblem {
                    path: vec![scope_name.clone()],
                    message: format!("[keys.{scope_name}] must be a table of key = \"action\""),
                });
                continue;
            };
            for (key, value) in table {
                let path = vec![scope_name.clone(), key.clone()];
                let Some(chord) = KeyChord::parse(key) else {
                    problems.push(BindingProblem { path, message: format!("unknown key name {key:?}") });
                    continue;
                };
                match Action::deserialize(value.clone()) {
                    Ok(action) => {
                        self.bindings.entry(scope).or_default().insert(chord, action);
                    }
                    Err(_) => problems.push(BindingProblem {
                        path,
                        message: format!("unknown action {value}; `gremium keys` lists them"),
                    }),
                }
            }
        }
        problems
    }

    /// Every binding, scope by scope in the order of the keymap file, keys
    /// in display order.
    pub fn listing(&self, s: &Strings) -> Vec<(&'static str, Vec<(String, Action)>)> {
        Scope::ALL
            .iter()
            .map(|(scope, name)| {
                let mut keys: Vec<(KeyChord, Action)> = self
                    .bindings
                    .get(scope)
                    .map(|t| t.iter().map(|(k, a)| (*k, *a)).collect())
                    .unwrap_or_default();
                keys.sort_by_key(|(k, a)| (*a, k.display_rank(), format!("{:?}", k.code)));
                (*name, keys.into_iter().map(|(k, a)| (k.name(s), a)).collect())
            })
            .collect()
    }

    /// The action for a key in a scope, falling back to `[global]` unless the
    /// scope captures keys.
    pub fn lookup(&self, scope: Scope, key: KeyChord) -> Option<Action> {
        let own = self.bindings.get(&scope).and_then(|t| t.get(&key)).copied();
        if own.is_some() || scope.is_modal() {
            return own;
        }
        self.bindings.get(&Scope::Global).and_then(|t| t.get(&key)).copied()
    }

    /// The keys bound to `action` in exactly this scope, best shown first.
    pub fn keys_for(&self, scope: Scope, action: Action) -> Vec<KeyChord> {
        let mut keys: Vec<KeyChord> = self
            .bindings
            .get(&scope)
            .map(|t| t.iter().filter(|(_, a)| **a == action).map(|(k, _)| *k).collect())
            .unwrap_or_default();
        keys.sort_by_key(|k| (k.display_rank(), format!("{:?}", k.code)));
        keys
    }

    /// Keys for `action` as seen from `scope`: its own bindings, else the
    /// global ones that are not shadowed by the scope.
    pub fn effective_keys(&self, scope: Scope, action: Action) -> Vec<KeyChord> {
        let mut keys = self.keys_for(scope, action);
        if !scope.is_modal() && scope != Scope::Global {
            let global: Vec<KeyChord> = self
                .keys_for(Scope::Global, action)
                .into_iter()
                .filter(|k| self.lookup(scope, *k) == Some(action) && !keys.contains(k))
                .collect();
            keys.extend(global);
        }
        keys
    }

    /// Every action bound in exactly this scope, in the display order.
    pub fn actions(&self, scope: Scope) -> Vec<Action> {
        let mut actions: Vec<Action> =
            self.bindings.get(&scope).map(|t| t.values().copied().collect()).unwrap_or_default();
        actions.sort();
        actions.dedup();
        actions
    }
}

/// The bindings and the action names as text in config.toml's form: what
/// `gremium keys` prints.
pub fn describe(keymap: &Keymap, s: &Strings) -> String {
    let mut out = String::from(
        "# Key bindings of gremium: the built-in ones with config.toml's [keys] applied.\n\
         # To change one, put the line under [keys.<section>] in config.toml,\n\
         # e.g. [keys.global] \"x\" = \"show_sign_off\".\n",
    );
    for (scope, keys) in keymap.listing(s) {
        out.push_str(&format!("\n[{scope}]\n"));
        for (key, action) in keys {
            out.push_str(&format!(
                "{:<14} = {:<26} # {}\n",
                format!("{key:?}"),
                action_name(action),
                s.action(action)
            ));
        }
    }
    out.push_str("\n# Actions a key can be bound to:\n");
    for action in Action::BINDABLE {
        out.push_str(&format!("#   {:<24} {}\n", action_name(*action), s.action(*action)));
    }
    out
}

/// An action as written in the keymap file: "quit", `{ tab = 3 }`.
pub fn action_name(action: Action) -> String {
    match action {
        Action::Tab(n) => format!("{{ tab = {n} }}"),
        other => match toml::Value::try_from(other) {
            Ok(toml::Value::String(name)) => format!("{name:?}"),
            _ => format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyChord {
        KeyChord { code: KeyCode::Char(c), ctrl: false, alt: false }
    }

    #[test]
    fn embedded_keymap_parses_and_falls_back_to_global() {
        let map = Keymap::embedded().unwrap();
        assert_eq!(map.lookup(Scope::Agenda, key('q')), Some(Action::Quit));
        assert_eq!(map.lookup(Scope::Agenda, key('S')), Some(Action::CycleSort));
        assert_eq!(map.lookup(Scope::Dossier, key('3')), Some(Action::Tab(3)));
        // Search captures keys: 'q' is text there.
        assert_eq!(map.lookup(Scope::Search, key('q')), None);
        // A screen's binding shadows the global one.
        assert_eq!(map.lookup(Scope::Dossier, key('l')), Some(Action::NextTab));
        assert_eq!(map.lookup(Scope::Agenda, key('l')), Some(Action::Open));
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(
            KeyChord::parse("ctrl-c"),
            Some(KeyChord { code: KeyCode::Char('c'), ctrl: true, alt: false })
        );
        assert_eq!(KeyChord::parse("F10").map(|k| k.code), Some(KeyCode::F(10)));
        assert_eq!(KeyChord::parse("backtab").map(|k| k.code), Some(KeyCode::BackTab));
        assert_eq!(KeyChord::parse("f99"), None);
        assert_eq!(KeyChord::parse("nonsense"), None);
    }

    #[test]
    fn overrides_replace_bindings_and_report_errors() {
        let mut map = Keymap::embedded().unwrap();
        map.merge("[agenda]\n\"x\" = \"cycle_sort\"").unwrap();
        assert_eq!(map.lookup(Scope::Agenda, key('x')), Some(Action::CycleSort));
        assert!(matches!(map.merge("[nowhere]\n\"x\" = \"quit\""), Err(KeymapError::UnknownScope(_))));
        assert!(matches!(map.merge("[global]\n\"bogus\" = \"quit\""), Err(KeymapError::UnknownKey(..))));
        assert!(matches!(map.merge("[global]\n\"x\" = \"fly\""), Err(KeymapError::Syntax(_))));
    }

    #[test]
    fn shadowed_global_keys_are_not_listed_for_a_screen() {
        let map = Keymap::embedded().unwrap();
        let s = &super::super::strings::DE;
        let labels: Vec<String> =
            map.effective_keys(Scope::Dossier, Action::Down).iter().map(|k| k.label(s)).collect();
        assert_eq!(labels, vec!["j", "↓"]);
        let open: Vec<String> =
            map.effective_keys(Scope::Agenda, Action::Open).iter().map(|k| k.label(s)).collect();
        assert_eq!(open, vec!["Enter", "l", "→"]);
        assert!(map.effective_keys(Scope::Dossier, Action::Open).is_empty());
    }
}
