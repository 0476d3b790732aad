//! `SHA256SUMS`: one `<hex>  <name>` line per file, sorted by name, in the
//! format `sha256sum -c SHA256SUMS` reads.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;

use super::canonical::sha256_hex;

/// The file name.
pub const SUMS_FILE: &str = "SHA256SUMS";

/// The file's text for `digests` (name → SHA-256 hex); names in byte order.
pub fn sums_text(digests: &BTreeMap<String, String>) -> String {
    digests.iter().map(|(name, hex)| format!("{hex}  {name}\n")).collect()
}

/// What `check_sums` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumProblem {
    /// A line that is not `<64 hex>  <name>`.
    Malformed {
        line: usize,
    },
    Missing {
        name: String,
    },
    Mismatch {
        name: String,
    },
    Unreadable {
        name: String,
        why: String,
    },
}

impl fmt::Display for SumProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed { line } => write!(f, "{SUMS_FILE}: line {line}: not `<sha256>  <file name>`"),
            Self::Missing { name } => write!(f, "{name}: listed in {SUMS_FILE}, but missing"),
            Self::Mismatch { name } => write!(f, "{name}: altered: its SHA-256 differs from {SUMS_FILE}"),
            Self::Unreadable { name, why } => write!(f, "{name}: cannot read: {why}"),
        }
    }
}

/// The outcome of checking a folder's `SHA256SUMS`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SumsCheck {
    /// Files whose digest matched, in the order listed.
    pub matched: Vec<String>,
    pub problems: Vec<SumProblem>,
}

/// Check every file listed in `dir/SHA256SUMS`. `Ok(None)` when the folder
/// has no such file; `Err` when it exists and cannot be read.
pub fn check_sums(dir: &Path) -> io::Result<Option<SumsCheck>> {
    let text = match std::fs::read(dir.join(SUMS_FILE)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut check = SumsCheck::default();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let Some((hex, name)) = parse_line(line) else {
            check.problems.push(SumProblem::Malformed { line: i + 1 });
            continue;
        };
        match std::fs::read(dir.join(&name)) {
            Ok(bytes) if sha256_hex(&bytes) == hex => check.matched.push(name),
            Ok(_) => check.problems.push(SumProblem::Mismatch { name }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                check.problems.push(SumProblem::Missing { name })
            }
            Err(e) => check.problems.push(SumProblem::Unreadable { name, why: e.to_string() }),
        }
    }
    Ok(Some(check))
}

/// `<64 hex>  <name>` (text mode) or `<64 hex> *<name>` (binary mode), with
/// a plain file name: the checks stay inside the folder.
fn parse_line(line: &[u8]) -> Option<(String, String)> {
    let text = std::str::from_utf8(line).ok()?;
    let hex = text.get(..64)?;
    let name = text.get(64..)?.strip_prefix(" ").and_then(|r| r.strip_prefix([' ', '*']))?;
    let plain = !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\']);
    (hex.bytes().all(|b| b.is_ascii_hexdigit()) && plain)
        .then(|| (hex.to_ascii_lowercase(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_a_changed_file() {
        let tmp = tempfile::tempdir().unwrap();
        let files = [("b.csv", "x;y\r\n"), ("a.json", "{}\n"), ("minutes.md", "# Niederschrift\n")];
        let mut digests = BTreeMap::new();
        for (name, text) in files {
            std::fs::write(tmp.path().join(name), text).unwrap();
            digests.insert(name.to_string(), sha256_hex(text.as_bytes()));
        }
        let text = sums_text(&digests);
        assert_eq!(
            text,
            format!(
                "{}  a.json\n{}  b.csv\n{}  minutes.md\n",
                sha256_hex(b"{}\n"),
                sha256_hex(b"x;y\r\n"),
                sha256_hex(b"# Niederschrift\n")
            )
        );
        std::fs::write(tmp.path().join(SUMS_FILE), &text).unwrap();
        let check = check_sums(tmp.path()).unwrap().unwrap();
        assert_eq!(check.matched, ["a.json", "b.csv", "minutes.md"]);
        assert_eq!(check.problems, []);

        std::fs::write(tmp.path().join("b.csv"), "x;z\r\n").unwrap();
        std::fs::remove_file(tmp.path().join("minutes.md")).unwrap();
        let check = check_sums(tmp.path()).unwrap().unwrap();
        assert_eq!(check.matched, ["a.json"]);
        assert_eq!(
            check.problems,
            [
                SumProblem::Mismatch { name: "b.csv".into() },
                SumProblem::Missing { name: "minutes.md".into() }
            ]
        );
        assert_eq!(check.problems[0].to_string(), "b.csv: altered: its SHA-256 differs from SHA256SUMS");
    }

    #[test]
    fn odd_lines_are_reported_and_paths_refused() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a"), "a").unwrap();
        let hex = sha256_hex(b"a");
        let text = format!("{hex} *a\n{hex}  ../a\nnonsense\n{}  a\n", hex.to_uppercase());
        std::fs::write(tmp.path().join(SUMS_FILE), text).unwrap();
        let check = check_sums(tmp.path()).unwrap().unwrap();
        assert_eq!(check.matched, ["a", "a"]);
        assert_eq!(check.problems, [SumProblem::Malformed { line: 2 }, SumProblem::Malformed { line: 3 }]);
        assert_eq!(check_sums(&tmp.path().join("none")).unwrap(), None);
    }

    #[test]
    fn sha256sum_accepts_the_file() {
        let Ok(status) = std::process::Command::new("sha256sum").arg("--version").output() else {
            return; // not installed here; the format is asserted above
        };
        assert!(status.status.success());
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("results.json"), "{}\n").unwrap();
        let digests = BTreeMap::from([("results.json".to_string(), sha256_hex(b"{}\n"))]);
        std::fs::write(tmp.path().join(SUMS_FILE), sums_text(&digests)).unwrap();
        let out = std::process::Command::new("sha256sum")
            .args(["-c", SUMS_FILE])
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "results.json: OK\n");
        assert!(out.status.success());
    }
}
