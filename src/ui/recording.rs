//! The one path from a command to the record: execute it, get the recorded
//! events back, and say on screen what they mean; or say why it was
//! refused, in the screen language. Irreversible steps ask first through
//! the one confirmation, and after sign-off through the amendment prompt.

use super::app::App;
use super::journal::JournalError;
use super::widgets::amend;
use super::widgets::confirm::Confirm;
use crate::domain::Event;
use crate::procedure::{Command, DomainError};
use crate::record::{Changed, LiveError, RecordError};

impl App {
    /// Record the opening or the resumption of a session drawn before its
    /// record was begun ([`super::Begin`]); the changed input files it
    /// found are put to the chair as at any opening.
    pub(crate) fn begin(&mut self, begin: super::Begin) -> Result<(), super::BeginFailed> {
        let super::journal::Journal::Live(live) = &mut self.journal else {
            return Ok(());
        };
        self.inputs_changed = begin(live).map_err(super::BeginFailed)?;
        self.sync_agenda();
        Ok(())
    }

    /// Carry out a change through the record. On refusal the chair is told
    /// why and nothing changes; `true` when it was recorded.
    pub(crate) fn execute(&mut self, command: Command) -> bool {
        self.execute_events(command).is_some()
    }

    /// An irreversible step: the one confirmation when the domain would
    /// record `command`; after sign-off the amendment prompt instead (the
    /// reason is the confirmation there); else the refusal, on screen.
    pub(crate) fn ask(&mut self, title: &'static str, question: String, command: Command) {
        // The record's last hash: the seed a draw of lots would take.
        let hash = self.journal.last_hash().ok();
        match crate::procedure::decide_at(self.state(), &command, hash.as_deref()) {
            Ok(_) => self.confirm = Some(Confirm { title, question, command }),
            Err(DomainError::SignedOff) if amend::amendable(&command) => {
                self.note = None;
                self.amend = Some(amend::prompt(self, command));
            }
            Err(e) => {
                let s = self.strings();
                let text =
                    format!("{}: {}", s.record.refused, super::describe::refusal(&e, s, &self.session));
                self.notify(text);
            }
        }
    }

    /// The chair's yes to the offer after the record file was changed:
    /// every acknowledged line goes to a new file beside the record.
    pub(crate) fn save_history(&mut self) {
        self.save_offer = None;
        let s = self.strings();
        let text = match self.journal.save_history() {
            Ok(path) => {
                s.record.saved.replace("{path}", &crate::text::clean_line(&path.display().to_string()))
            }
            Err(e) => s.record.save_failed.replace("{why}", &crate::text::clean_line(&e.to_string())),
        };
        self.notify(text);
    }

    /// Carry out a change and say on screen what was recorded: members by
    /// name, criteria by label, blind values masked (see
    /// [`super::describe::announce`]). `true` when it was recorded.
    pub(crate) fn record(&mut self, command: Command) -> bool {
        match self.execute_events(command) {
            Some(events) => {
                let kinds: Vec<_> = events.iter().map(|e| e.event.clone()).collect();
                if let Some(text) = super::describe::announce(self, &kinds) {
                    self.notify(text);
                }
                true
            }
            None => false,
        }
    }

    /// The one path from a command to the record: the recorded events, or
    /// `None` after the refusal has been put on screen in the session
    /// language. A change refused only because the session is signed off
    /// opens the amendment prompt instead.
    pub(crate) fn execute_events(&mut self, command: Command) -> Option<Vec<Event>> {
        match self.journal.execute_at(&command, self.now) {
            Ok(events) => {
                self.sync_agenda();
                Some(events)
            }
            Err(JournalError::Live(LiveError::Domain(DomainError::SignedOff)))
                if amend::amendable(&command) =>
            {
                // After sign-off the change needs a reason: ask for it, and
                // record it as an amendment once given.
                self.note = None;
                self.amend = Some(amend::prompt(self, command));
                None
            }
            Err(e) => {
                let s = self.strings();
                let why = match &e {
                    JournalError::ReadOnly => s.record.read_only.to_string(),
                    JournalError::Live(LiveError::Domain(d)) => super::describe::refusal(d, s, &self.session),
                    JournalError::Live(LiveError::Record(RecordError::Changed { path, what })) => {
                        let what = match what {
                            Changed::Deleted => s.record.changed_deleted.to_string(),
                            Changed::Replaced => s.record.changed_replaced.to_string(),
                            Changed::Truncated { written, found } | Changed::Grown { written, found } => s
                                .record
                                .changed_length
                                .replace("{written}", &written.to_string())
                                .replace("{found}", &found.to_string()),
                        };
                        self.save_offer =
                            Some(path.parent().unwrap_or(std::path::Path::new(".")).to_path_buf());
                        s.record
                            .changed
                            .replace("{path}", &crate::text::clean_line(&path.display().to_string()))
                            .replace("{what}", &what)
                    }
                    JournalError::Live(LiveError::Record(RecordError::Io { path, op: "append", source })) => {
                        let why = match source.kind() {
                            std::io::ErrorKind::StorageFull => s.record.why_full.to_string(),
                            std::io::ErrorKind::FileTooLarge => s.record.why_too_large.to_string(),
                            std::io::ErrorKind::PermissionDenied => s.record.why_denied.to_string(),
                            std::io::ErrorKind::ReadOnlyFilesystem => s.record.why_read_only_fs.to_string(),
                            _ => crate::text::clean_line(&source.to_string()).into_owned(),
                        };
                        s.record
                            .write_failed
                            .replace("{path}", &crate::text::clean_line(&path.display().to_string()))
                            .replace("{why}", &why)
                    }
                    JournalError::Live(LiveError::Record(RecordError::Poisoned(path))) => s
                        .record
                        .poisoned
                        .replace("{path}", &crate::text::clean_line(&path.display().to_string())),
                    JournalError::Live(other) => crate::text::clean_line(&other.to_string()).into_owned(),
                };
                self.notify(format!("{}: {why}", s.record.refused));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::domain::{ChangeKind, InputChange, InputsDigest, fixture};
    use crate::record::LiveSession;
    use crate::ui::journal::Journal;

    fn deferred_app(dir: &std::path::Path) -> (App, crate::record::Deferred) {
        let session = Arc::new(fixture::session(3, 3, 2));
        let (live, deferred) = LiveSession::prepare(session.clone(), dir, "test").unwrap().defer();
        (App::on(session, None, Journal::Live(Box::new(live))), deferred)
    }

    /// Begun after the first frame: the changes it found are put to the
    /// chair, and commands are recorded from then on.
    #[test]
    fn the_opening_recorded_after_the_first_frame_lets_commands_through() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, deferred) = deferred_app(dir.path());
        assert!(!app.execute(Command::AddNote { text: "zu früh".into(), dossier: None }));
        let changed = vec![InputChange { path: "dossiers.json".into(), change: ChangeKind::Modified }];
        let found = changed.clone();
        app.begin(Box::new(move |live| {
            live.begin(deferred, InputsDigest::default(), crate::record::now()).map_err(|e| e.to_string())?;
            Ok(found)
        }))
        .unwrap();
        assert_eq!(app.inputs_changed, changed);
        assert!(app.execute(Command::AddNote { text: "jetzt".into(), dossier: None }));
        assert_eq!(app.state().proceedings.notes.len(), 1);
        assert_eq!(app.state().meta.events, 2, "the opening and the note");
    }

    #[test]
    fn an_opening_that_cannot_be_recorded_ends_the_screens_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = deferred_app(dir.path());
        let failed =
            app.begin(Box::new(|_| Err("/x/record.jsonl: cannot append: disk full".into()))).unwrap_err();
        assert_eq!(failed.to_string(), "/x/record.jsonl: cannot append: disk full");
        assert_eq!(app.state().meta.events, 0);
    }
}
