//! What a screen asks for after a key, as data (gitui's queue, television's
//! actions): a screen changes only its own state and returns these; the
//! dispatcher ([`super::update`]) carries them out in order. So no screen
//! reaches into another's state, and recording has one path.

use crate::procedure::Command;
use crate::ui::prompts::Confirm;
use crate::ui::screens::kind::Screen;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Go to a screen.
    Go(Screen),
    /// Open dossier `i` (index into the session's dossiers) on the dossier
    /// screen, selected on the agenda too.
    ShowDossier(usize),
    /// Follow dossier `i` wherever a dossier is selected: the agenda, the
    /// dossier screen and the scoring sheet (when no item is open).
    SelectDossier(usize),
    /// Record a command and say on screen what was recorded.
    Record(Command),
    /// Record a command without a word on screen (a score typed into a
    /// blind round: the cell shows it).
    RecordQuietly(Command),
    /// An irreversible step: the one confirmation first (after sign-off,
    /// the amendment prompt).
    Ask(Confirm),
    /// A message in the footer.
    Notify(String),
    /// End the session (everything is recorded already).
    Quit,
}
