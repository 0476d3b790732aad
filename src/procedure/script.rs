//! The commands file, `gremium.commands/1` (PRODUCT.md §10,
//! docs/commands.md): JSON Lines; the first line is
//! `{"format": "gremium.commands/1"}`, every other line one [`Command`] —
//! an object whose `command` names it — with two optional fields of the
//! line: `actor` (`chair`, the default, or `secretary`) and `at` (RFC 3339:
//! when it is recorded; for attendance, also when it happened). Blank
//! lines and lines starting with `#` are skipped. Pure: the caller reads
//! the file and runs the commands.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::command::Command;
use crate::domain::Actor;

/// The `format` of a commands file.
pub const COMMANDS_FORMAT: &str = "gremium.commands/1";

/// One command of the file, with who gives it and when.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptLine {
    /// 1-based line number in the file.
    pub line: usize,
    pub command: Command,
    pub actor: Actor,
    /// When it is recorded; `None`: now.
    pub at: Option<DateTime<FixedOffset>>,
}

/// A line that is not a command: its number and what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// What the file holds, line by line, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Command(ScriptLine),
    Error(LineError),
}

/// Read a commands file. `Err` when it is not one at all (no header line);
/// otherwise every line that is not blank, a comment or the header, as a
/// command or as what is wrong with it.
pub fn parse(text: &str, now: DateTime<FixedOffset>) -> Result<Vec<Entry>, LineError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_start_matches('\u{FEFF}').trim()));
    let header = lines.by_ref().find(|(_, l)| !skipped(l));
    match header {
        Some((_, l)) if is_header(l) => {}
        Some((n, _)) => {
            return Err(LineError {
                line: n,
                message: format!("the first line must be {{\"format\": \"{COMMANDS_FORMAT}\"}}"),
            });
        }
        None => {
            return Err(LineError {
                line: 1,
                message: format!("empty: not a commands file ({{\"format\": \"{COMMANDS_FORMAT}\"}} first)"),
            });
        }
    }
    Ok(lines
        .filter(|(_, l)| !skipped(l))
        .map(|(n, l)| match command_line(l, now) {
            Ok((command, actor, at)) => Entry::Command(ScriptLine { line: n, command, actor, at }),
            Err(message) => Entry::Error(LineError { line: n, message }),
        })
        .collect())
}

fn skipped(line: &str) -> bool {
    line.is_empty() || line.starts_with('#')
}

fn is_header(line: &str) -> bool {
    serde_json::from_str::<Value>(line).is_ok_and(|v| {
        v.get("format").and_then(Value::as_str) == Some(COMMANDS_FORMAT)
            && v.as_object().is_some_and(|o| o.len() == 1)
    })
}

type Parts = (Command, Actor, Option<DateTime<FixedOffset>>);

/// The attendance commands: their `at` is when it happened.
const ATTENDANCE: [&str; 4] = ["mark_present", "mark_absent", "arrive", "leave"];

fn command_line(line: &str, now: DateTime<FixedOffset>) -> Result<Parts, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut object) = value else {
        return Err("expected an object with a `command` field".into());
    };
    let actor = match object.remove("actor") {
        None => Actor::Chair,
        Some(Value::String(s)) if s == "chair" => Actor::Chair,
        Some(Value::String(s)) if s == "secretary" => Actor::Secretary,
        Some(other) => return Err(format!("`actor` is `chair` or `secretary`, not {other}")),
    };
    let at = match object.remove("at") {
        None => None,
        Some(Value::String(s)) => Some(
            DateTime::parse_from_rfc3339(&s)
                .map_err(|e| format!("`at`: {s:?} is not an RFC 3339 time with offset ({e})"))?,
        ),
        Some(other) => return Err(format!("`at` is a time as text (RFC 3339), not {other}")),
    };
    let name = object.get("command").and_then(Value::as_str).map(str::to_string);
    let Some(name) = name else {
        return Err("no `command`: every line names its command".into());
    };
    if ATTENDANCE.contains(&name.as_str()) {
        let when = at.unwrap_or(now).to_rfc3339();
        object.entry("at").or_insert(Value::String(when));
    }
    with_amendment_time(&mut object, at.unwrap_or(now));
    let command: Command = serde_json::from_value(Value::Object(object)).map_err(|e| e.to_string())?;
    Ok((command, actor, at))
}

/// An amendment carrying an attendance change: its `at` too.
fn with_amendment_time(object: &mut Map<String, Value>, at: DateTime<FixedOffset>) {
    if let Some(Value::Object(change)) = object.get_mut("change") {
        let name = change.get("command").and_then(Value::as_str).unwrap_or_default();
        if ATTENDANCE.contains(&name) {
            change.entry("at").or_insert(Value::String(at.to_rfc3339()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Ballot, Outcome, VoteSubject};

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn now() -> DateTime<FixedOffset> {
        t("2026-11-26T09:00:00+01:00")
    }

    #[test]
    fn commands_with_actor_time_and_defaults() {
        let text = r#"{"format": "gremium.commands/1"}
# roll call
{"command": "mark_present", "member": "m1", "at": "2026-11-26T09:05:00+01:00"}
{"command": "mark_present", "member": "m2"}

{"command": "enter_score", "dossier": "D1", "member": "m1", "criterion": "c", "value": 7.5, "actor": "secretary"}
{"command": "record_vote", "subject": {"kind": "dossier", "dossier": "D1", "outcome": {"kind": "admitted"}}, "yes": 3, "no": 1, "ballots": {}}
{"command": "sign_off", "by": "m1"}
"#;
        let entries = parse(text, now()).unwrap();
        let commands: Vec<(usize, Command, Actor, Option<DateTime<FixedOffset>>)> = entries
            .into_iter()
            .map(|e| match e {
                Entry::Command(l) => (l.line, l.command, l.actor, l.at),
                Entry::Error(e) => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(
            commands,
            [
                (
                    3,
                    Command::MarkPresent { member: "m1".into(), at: t("2026-11-26T09:05:00+01:00") },
                    Actor::Chair,
                    Some(t("2026-11-26T09:05:00+01:00"))
                ),
                (4, Command::MarkPresent { member: "m2".into(), at: now() }, Actor::Chair, None),
                (
                    6,
                    Command::EnterScore {
                        dossier: "D1".into(),
                        member: "m1".into(),
                        criterion: "c".into(),
                        value: 7.5
                    },
                    Actor::Secretary,
                    None
                ),
                (
                    7,
                    Command::RecordVote {
                        subject: VoteSubject::Dossier { dossier: "D1".into(), outcome: Outcome::Admitted },
                        motion: None,
                        yes: 3,
                        no: 1,
                        abstain: 0,
                        ballots: Default::default(),
                        tie_choice: None,
                        rationale: None
                    },
                    Actor::Chair,
                    None
                ),
                (8, Command::SignOff { by: "m1".into() }, Actor::Chair, None),
            ]
        );
        let _ = Ballot::Yes;
    }

    #[test]
    fn what_is_wrong_with_a_line_is_said_by_its_number() {
        let text = "{\"format\": \"gremium.commands/1\"}\n\
            {\"command\": \"mark_presnt\", \"member\": \"m1\"}\n\
            {\"command\": \"add_note\", \"txt\": \"x\"}\n\
            {\"command\": \"undo\", \"actor\": \"system\"}\n\
            {\"command\": \"undo\", \"at\": \"9 Uhr\"}\n\
            [1, 2]\n\
            {\"member\": \"m1\"}\n\
            {\"command\": \"undo\"\n";
        let errors: Vec<(usize, String)> = parse(text, now())
            .unwrap()
            .into_iter()
            .map(|e| match e {
                Entry::Error(e) => (e.line, e.message),
                Entry::Command(c) => panic!("{c:?}"),
            })
            .collect();
        assert_eq!(errors.len(), 7);
        assert_eq!(errors[0].0, 2);
        assert!(
            errors[0].1.starts_with("unknown variant `mark_presnt`, expected one of `confirm_duly_invited`"),
            "{}",
            errors[0].1
        );
        assert!(
            errors[1].1.starts_with("unknown field `txt`, expected `text` or `dossier`"),
            "{}",
            errors[1].1
        );
        assert_eq!(errors[2].1, "`actor` is `chair` or `secretary`, not \"system\"");
        assert!(
            errors[3].1.starts_with("`at`: \"9 Uhr\" is not an RFC 3339 time with offset"),
            "{}",
            errors[3].1
        );
        assert_eq!(errors[4].1, "expected an object with a `command` field");
        assert_eq!(errors[5].1, "no `command`: every line names its command");
        assert!(errors[6].1.starts_with("not JSON: "), "{}", errors[6].1);
    }

    #[test]
    fn a_file_without_the_header_is_not_a_commands_file() {
        let err = parse("{\"command\": \"undo\"}\n", now()).unwrap_err();
        assert_eq!(
            err,
            LineError {
                line: 1,
                message: "the first line must be {\"format\": \"gremium.commands/1\"}".into()
            }
        );
        assert_eq!(parse("\n# nur Kommentar\n", now()).unwrap_err().line, 1);
    }

    /// Every example in docs/commands.md reads as a command, and every
    /// command has one.
    #[test]
    fn the_documented_examples_are_commands() {
        let doc = include_str!("../../docs/commands.md");
        let examples: Vec<&str> = doc.lines().filter(|l| l.starts_with("{\"command\"")).collect();
        let text = format!("{{\"format\": \"gremium.commands/1\"}}\n{}", examples.join("\n"));
        let mut names = std::collections::BTreeSet::new();
        for entry in parse(&text, now()).unwrap() {
            match entry {
                Entry::Command(l) => {
                    let v = serde_json::to_value(&l.command).unwrap();
                    names.insert(v["command"].as_str().unwrap().to_string());
                }
                Entry::Error(e) => panic!("docs/commands.md example {}: {}", e.line, e.message),
            }
        }
        let schema = crate::schema::schema_value(crate::schema::SchemaKind::Commands);
        let all: std::collections::BTreeSet<String> = schema["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["properties"]["command"]["const"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, all, "one example per command");
    }

    #[test]
    fn an_amendment_carries_its_change() {
        let text = "{\"format\": \"gremium.commands/1\"}\n\
            {\"command\": \"amend\", \"reason\": \"Nachtrag\", \"change\": {\"command\": \"add_note\", \"text\": \"spät\"}}\n";
        let entries = parse(text, now()).unwrap();
        assert_eq!(
            entries,
            [Entry::Command(ScriptLine {
                line: 2,
                command: Command::Amend {
                    reason: "Nachtrag".into(),
                    command: Box::new(Command::AddNote { text: "spät".into(), dossier: None })
                },
                actor: Actor::Chair,
                at: None
            })]
        );
    }
}
