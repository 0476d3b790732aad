//! The vocabulary between keys and state. Key bindings live in data (the
//! keymap TOML), so every action a key can trigger deserialises from a name.

use serde::{Deserialize, Serialize};

/// Everything the chair can ask the app to do.
///
/// The derived order is the order in which help and the footer list actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Moving within a screen.
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Open the selected item or confirm.
    Open,
    /// Start typing a search (jumps to the agenda from other screens).
    Search,
    /// Cycle the agenda's sort key.
    CycleSort,
    NextTab,
    PrevTab,
    /// Jump to a dossier tab by its number (1-based, as shown on screen).
    Tab(u8),
    NextDossier,
    PrevDossier,
    // Changes to the session, each recorded before the screen shows it.
    /// Move the selected agenda item one place earlier.
    MoveUp,
    /// Move the selected agenda item one place later.
    MoveDown,
    /// Defer the selected agenda item.
    Defer,
    /// Start typing a chair's note.
    Note,
    Undo,
    Redo,
    // Attendance, conflicts and the current agenda item.
    /// Roll call: the selected member is present.
    MarkPresent,
    /// Roll call: the selected member is absent.
    MarkAbsent,
    /// The selected member arrives late (or comes back).
    Arrive,
    /// The selected member leaves early.
    Leave,
    /// Type the time of the next attendance change (HH:MM today).
    EnterTime,
    /// Declare a conflict of interest of the selected member.
    DeclareConflict,
    /// Confirm that all members were duly invited (asks first).
    ConfirmInvited,
    /// Call up the selected agenda item (closes the current one).
    CallItem,
    /// Close the current agenda item.
    CloseItem,
    /// Move the agenda selection to the current item.
    JumpToCurrent,
    // Scoring: moving across the grid, and the recorded steps of a round.
    Left,
    Right,
    /// Reveal the current round before every score is in (confirmed).
    RevealScores,
    /// Open the next scoring round after discussion (confirmed).
    NewRound,
    // Sign-off and export.
    /// Sign the session off (asks first).
    SignOff,
    /// Write the export folder.
    Export,
    // Decisions: votes item by item or en bloc, deferral, decided lists.
    /// Vote en bloc on the proposal for all undecided ranked dossiers.
    EnBloc,
    /// Draw lots among the dossiers tied with the selected one (ranking).
    DrawLots,
    /// Import members' ballots (scoring screen): asks for a file or folder.
    ImportBallots,
    /// In a member's review: write the remark shared with the committee.
    ShareRemark,
    /// Dismiss the conflict suggested for the selected member.
    DismissSuggestion,
    /// The committee decides a doubtful conflict of the selected member,
    /// without them (§ 20 Abs. 4 VwVfG).
    DecideConflict,
    /// Confirm the second invitation (§ 90 Abs. 2 VwVfG) for the selected
    /// item.
    ConfirmReinvitation,
    /// Record why the result on the selected item stands although a
    /// conflict came to light after its vote.
    ConfirmResult,
    /// Vote dialog: the motion is admission.
    MotionAdmit,
    /// Vote dialog: the motion is the waiting list (with a position).
    MotionWaiting,
    /// Vote dialog: the motion is not to admit.
    MotionNotAdmit,
    /// Vote dialog: take the vote by name, or by counts again.
    ByName,
    /// By name: the selected member votes yes.
    BallotYes,
    /// By name: the selected member votes no.
    BallotNo,
    /// By name: the selected member abstains.
    BallotAbstain,
    // Going places: one key per screen from anywhere, in the order of the
    // session and of the F-keys (help lists them so).
    ShowOverview,
    ShowAttendance,
    ShowAgenda,
    ShowDossier,
    ShowScoring,
    ShowRanking,
    ShowDecision,
    /// Show or hide the decided lists (*Beschlusslage*) over any screen.
    ToggleDecided,
    ShowMinutes,
    /// The sign-off checklist and the export step.
    ShowSignOff,
    /// Step back: close the overlay, clear the search, or return to the
    /// previous screen.
    Back,
    Help,
    ToggleLanguage,
    CycleTheme,
    /// Leave the terminal to the shell until `fg` (as Ctrl-Z does in a
    /// shell); the session stays open.
    Suspend,
    Quit,
    // Text entry while a search is being typed: `Insert` comes from the
    // event loop for printable keys, never from the keymap.
    #[serde(skip)]
    Insert(char),
    DeleteChar,
    /// Delete the character under the cursor of a text field.
    DeleteForward,
    /// Move a text field's cursor to the start of the previous word.
    WordLeft,
    /// Move a text field's cursor past the end of the next word.
    WordRight,
    /// The terminal changed size; scrolling limits depend on it.
    #[serde(skip)]
    Resize(u16, u16),
}

impl Action {
    /// Every action a key can be bound to, in the order help lists them
    /// (`Tab` once, standing for `{ tab = 1 }` … `{ tab = 9 }`).
    pub const BINDABLE: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Open,
        Action::Search,
        Action::CycleSort,
        Action::NextTab,
        Action::PrevTab,
        Action::Tab(1),
        Action::NextDossier,
        Action::PrevDossier,
        Action::MoveUp,
        Action::MoveDown,
        Action::Defer,
        Action::Note,
        Action::Undo,
        Action::Redo,
        Action::MarkPresent,
        Action::MarkAbsent,
        Action::Arrive,
        Action::Leave,
        Action::EnterTime,
        Action::DeclareConflict,
        Action::ConfirmInvited,
        Action::CallItem,
        Action::CloseItem,
        Action::JumpToCurrent,
        Action::ShowAttendance,
        Action::Left,
        Action::Right,
        Action::RevealScores,
        Action::NewRound,
        Action::SignOff,
        Action::Export,
        Action::ConfirmReinvitation,
        Action::DecideConflict,
        Action::DismissSuggestion,
        Action::DrawLots,
        Action::ImportBallots,
        Action::ShareRemark,
        Action::ConfirmResult,
        Action::EnBloc,
        Action::MotionAdmit,
        Action::MotionWaiting,
        Action::MotionNotAdmit,
        Action::ByName,
        Action::BallotYes,
        Action::BallotNo,
        Action::BallotAbstain,
        Action::ShowOverview,
        Action::ShowAgenda,
        Action::ShowDossier,
        Action::ShowScoring,
        Action::ShowMinutes,
        Action::ShowDecision,
        Action::ToggleDecided,
        Action::ShowSignOff,
        Action::ShowRanking,
        Action::Back,
        Action::Help,
        Action::ToggleLanguage,
        Action::CycleTheme,
        Action::Suspend,
        Action::Quit,
        Action::DeleteChar,
        Action::DeleteForward,
        Action::WordLeft,
        Action::WordRight,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_deserialise_from_names() {
        #[derive(Deserialize)]
        struct T {
            a: Action,
            b: Action,
        }
        let t: T = toml::from_str("a = \"show_agenda\"\nb = { tab = 3 }").unwrap();
        assert_eq!(t.a, Action::ShowAgenda);
        assert_eq!(t.b, Action::Tab(3));
    }
}
