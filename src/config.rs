//! The user's settings: `config.toml` in the platform config directory (or
//! in `$GREMIUM_CONFIG`): language, theme and key bindings.
//!
//! A broken config never stops the app: every problem becomes a warning that
//! names the file, line and column, and the defaults apply.

use std::path::{Path, PathBuf};

use crate::domain::Language;

pub const FILE_NAME: &str = "config.toml";

/// The settings that were read, each `None` when not set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub language: Option<Language>,
    /// Theme name: `default`, `high-contrast` or `plain`.
    pub theme: Option<String>,
    /// Key bindings in the keymap's own format (`[keys.global]`, `[keys.agenda]` …).
    pub keys: Option<toml::Table>,
    /// The CSV dialect of the export step in the UI (`gremium export` has
    /// `--csv`).
    pub export_csv: Option<crate::export::Dialect>,
    /// Mouse clicks and the wheel (on unless set to `false`).
    pub mouse: Option<bool>,
    /// The file and its text, to point warnings at a line.
    pub source: Option<(PathBuf, String)>,
}

impl Config {
    /// "config.toml:12:1" for the entry at `path` (section names, then the
    /// key), or the file alone when it cannot be found.
    pub fn place(&self, path: &[String]) -> String {
        let Some((file, text)) = &self.source else { return FILE_NAME.to_string() };
        match locate(text, path) {
            Some((line, col)) => format!("{}:{line}:{col}", file.display()),
            None => file.display().to_string(),
        }
    }
}

/// Where the entry at `path` under `[keys]` stands: the line of
/// `key = …` inside `[keys.<section>]`, or the section's header line.
fn locate(text: &str, path: &[String]) -> Option<(usize, usize)> {
    let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_string();
    let mut table: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let col = line.len() - line.trim_start().len() + 1;
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            table = header.split('.').map(unquote).collect();
            if table.len() == path.len() + 1 && table[0] == "keys" && table[1..] == path[..] {
                return Some((i + 1, col));
            }
            continue;
        }
        if let Some((key, _)) = trimmed.split_once('=') {
            let mut full = table.clone();
            full.push(unquote(key));
            if full.len() == path.len() + 1 && full[0] == "keys" && full[1..] == path[..] {
                return Some((i + 1, col));
            }
        }
    }
    None
}

/// The config directory: `$GREMIUM_CONFIG` if set, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GREMIUM_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "gremium").map(|p| p.config_dir().to_path_buf())
}

/// Read the config file; a missing file is no problem, anything else wrong
/// is a warning and leaves that setting at its default.
pub fn load() -> (Config, Vec<String>) {
    match config_dir() {
        Some(dir) => load_from(&dir.join(FILE_NAME)),
        None => (Config::default(), Vec::new()),
    }
}

pub fn load_from(path: &Path) -> (Config, Vec<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (Config::default(), vec![format!("{}: cannot read: {e}", path.display())]),
    }
}

/// Parse config text; `path` only names the file in warnings.
pub fn parse(path: &Path, text: &str) -> (Config, Vec<String>) {
    let mut config = Config { source: Some((path.to_path_buf(), text.to_string())), ..Config::default() };
    let mut warnings = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            warnings.push(format!("{}:{line}:{col}: {}", path.display(), e.message()));
            return (config, warnings);
        }
    };
    let at = |key: &str| format!("{}: `{key}`", path.display());
    for (key, value) in table {
        match (key.as_str(), value) {
            ("language", toml::Value::String(s)) => match s.as_str() {
                "de" => config.language = Some(Language::De),
                "en" => config.language = Some(Language::En),
                other => warnings
                    .push(format!("{}: unknown language {other:?}, expected \"de\" or \"en\"", at(&key))),
            },
            ("theme", toml::Value::String(s)) => match s.as_str() {
                "default" | "high-contrast" | "plain" => config.theme = Some(s),
                other => warnings.push(format!(
                    "{}: unknown theme {other:?}, expected \"default\", \"high-contrast\" or \"plain\"",
                    at(&key)
                )),
            },
            ("keys", toml::Value::Table(t)) => config.keys = Some(t),
            ("export_csv", toml::Value::String(s)) => match s.parse() {
                Ok(dialect) => config.export_csv = Some(dialect),
                Err(e) => warnings.push(format!("{}: {e}", at(&key))),
            },
            ("mouse", toml::Value::Boolean(b)) => config.mouse = Some(b),
            ("mouse", _) => warnings.push(format!("{}: expected true or false", at(&key))),
            ("language" | "theme" | "export_csv", _) => {
                warnings.push(format!("{}: expected a string", at(&key)))
            }
            ("keys", _) => warnings.push(format!("{}: expected a table such as [keys.global]", at(&key))),
            (other, _) => {
                let near = ["language", "theme", "keys", "export_csv", "mouse"]
                    .into_iter()
                    .min_by_key(|k| strsim::levenshtein(k, other))
                    .unwrap_or("language");
                warnings.push(format!("{}: unknown setting, did you mean `{near}`?", at(other)));
            }
        }
    }
    // Warnings quote the file (a key, a value): neutralised for the screen.
    let warnings = warnings.into_iter().map(|w| crate::text::clean_line(&w).into_owned()).collect();
    (config, warnings)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The key folder under the config directory (`GREMIUM_CONFIG` overrides).
pub fn keys_dir() -> Result<PathBuf, crate::export::keys::KeyError> {
    config_dir()
        .map(|d| d.join(crate::export::keys::KEYS_DIR))
        .ok_or(crate::export::keys::KeyError::NoConfigDir)
}

/// Where a committee member's ballot key lives: `keys/members/<id>/`.
/// The id is the session's member id, which the session format allows
/// only as letters, digits, `.`, `_` and `-` (never a path).
pub fn member_keys_dir(member: &str) -> Result<PathBuf, crate::export::keys::KeyError> {
    let valid = !member.is_empty()
        && member.len() <= 40
        && member.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && member.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return Err(crate::export::keys::KeyError::Malformed {
            what: format!("member id {member:?}"),
            why: "a member id is letters, digits, `.`, `_` and `-`, starting with a letter or digit".into(),
        });
    }
    Ok(keys_dir()?.join("members").join(member))
}

/// A member's ballot key, `None` when `gremium keygen --member` was never run.
pub fn member_key(member: &str) -> Result<Option<ed25519_dalek::SigningKey>, crate::export::keys::KeyError> {
    crate::export::keys::load_signing_key(&member_keys_dir(member)?)
}

/// The chair's signing key from the config directory, `None` when
/// `gremium keygen` was never run: what export signs with.
pub fn chair_key() -> Result<Option<ed25519_dalek::SigningKey>, crate::export::keys::KeyError> {
    crate::export::keys::load_signing_key(&keys_dir()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let (c, w) = parse(
            Path::new("config.toml"),
            "language = \"en\"\ntheme = \"high-contrast\"\nexport_csv = \"rfc4180\"\n[keys.global]\n\"Q\" = \"quit\"\n",
        );
        assert_eq!(w, Vec::<String>::new());
        assert_eq!(c.language, Some(Language::En));
        assert_eq!(c.theme.as_deref(), Some("high-contrast"));
        assert_eq!(c.export_csv, Some(crate::export::Dialect::Rfc4180));
        assert_eq!(c.keys.map(|k| k.to_string()), Some("[global]\nQ = \"quit\"\n".to_string()));
    }

    #[test]
    fn problems_are_warnings_with_a_place() {
        let (c, w) = parse(Path::new("c.toml"), "langauge = \"en\"\ntheme = \"pink\"\n");
        assert_eq!(Config { source: None, ..c }, Config::default());
        assert_eq!(
            w,
            vec![
                "c.toml: `langauge`: unknown setting, did you mean `language`?".to_string(),
                "c.toml: `theme`: unknown theme \"pink\", expected \"default\", \"high-contrast\" or \"plain\""
                    .to_string(),
            ]
        );
        let (c, w) = parse(Path::new("c.toml"), "export_csv = \"excel\"\n");
        assert_eq!(c.export_csv, None);
        assert_eq!(
            w,
            vec![
                "c.toml: `export_csv`: unknown CSV dialect \"excel\", expected \"excel-de\" or \"rfc4180\""
                    .to_string()
            ]
        );
        let (_, w) = parse(Path::new("c.toml"), "language = \"de\"\ntheme = \n");
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("c.toml:2:9: "), "{}", w[0]);
    }

    #[test]
    fn a_missing_file_is_fine() {
        let (c, w) = load_from(Path::new("/nonexistent/gremium/config.toml"));
        assert_eq!((c, w), (Config::default(), Vec::new()));
    }
}
