//! Anwesenheit: every member with role, vote, presence and conflicts of
//! interest; roll call, late arrivals and early departures with their
//! times, live conflicts, and the duly-invited finding. Every change goes
//! through the record, and the header's quorum follows at once.

mod entry;
pub mod state;
mod table;
pub use state::{AttendanceState, Entry};

pub use entry::{match_dossier, parse_time};

use ratatui::Frame;
use ratatui::layout::{Rect, Size};

use super::Hint;
use crate::domain::EventKind;
use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::prompts::Confirm;
use crate::ui::widgets::text_field::TextField;

pub use entry::type_entry;

/// Rows of the member list for a terminal size: the body minus two status
/// lines, the column header and the bottom line.
pub fn page_height(size: Size) -> usize {
    usize::from(crate::ui::body_area(size).height.saturating_sub(4 + table::DETAIL_LINES as u16))
}

pub fn handle(app: &App, state: &mut AttendanceState, action: Action) -> Vec<Effect> {
    let members = app.session().definition.members.len();
    if state.cursor.step(action, members, page_height(app.size)) {
        return Vec::new();
    }
    let Some(member) = app.session().definition.members.get(state.selected()).map(|m| m.id.clone()) else {
        return Vec::new();
    };
    let at = state.pending_time.unwrap_or(app.now);
    let record = |command| vec![Effect::Record(command)];
    match action {
        Action::MarkPresent => record(Command::MarkPresent { member, at }),
        Action::MarkAbsent => record(Command::MarkAbsent { member, at }),
        Action::Arrive => record(Command::Arrive { member, at }),
        Action::Leave => record(Command::Leave { member, at }),
        Action::EnterTime => {
            state.entry = Some(Entry::Time(TextField::new()));
            Vec::new()
        }
        Action::DeclareConflict => {
            state.entry = Some(Entry::Dossier { member, text: TextField::new(), decide: false });
            Vec::new()
        }
        Action::DecideConflict => {
            state.entry = Some(Entry::Dossier { member, text: TextField::new(), decide: true });
            Vec::new()
        }
        Action::DismissSuggestion => {
            let first =
                app.conflict_suggestions().iter().find(|s| s.member == member).map(|s| s.dossier.clone());
            match first {
                Some(dossier) => record(Command::DismissSuggestion { member, dossier }),
                None => Vec::new(),
            }
        }
        Action::ConfirmInvited if app.state().proceedings.duly_invited => record(Command::ConfirmDulyInvited),
        Action::ConfirmInvited => {
            let att = app.strings().att;
            vec![Effect::Ask(Confirm {
                title: att.confirm_title,
                question: att.confirm_invited_question.to_string(),
                command: Command::ConfirmDulyInvited,
            })]
        }
        _ => Vec::new(),
    }
}

/// After an attendance change is recorded: the typed time is used up, the
/// roll call goes on to the next member, a declared conflict closes its
/// entry.
pub fn recorded(app: &App, state: &mut AttendanceState, kinds: &[EventKind]) -> Vec<Effect> {
    let last = app.session().definition.members.len().saturating_sub(1);
    for kind in kinds {
        match kind {
            EventKind::MemberMarkedPresent { .. } | EventKind::MemberMarkedAbsent { .. } => {
                state.pending_time = None;
                state.select((state.selected() + 1).min(last));
            }
            EventKind::MemberArrived { .. } | EventKind::MemberLeft { .. } => state.pending_time = None,
            EventKind::ConflictDeclared { .. } | EventKind::ConflictDecided { .. } => state.entry = None,
            _ => {}
        }
    }
    Vec::new()
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let att = s.att;
    if app.attendance.typing() {
        return vec![
            Hint::new(Action::Open, att.accept),
            Hint::new(Action::Back, att.cancel),
            Hint::new(Action::DeleteChar, s.actions.delete_char),
        ];
    }
    // Moving is left out: the attendance keys matter more at 80 columns,
    // and the next step's come first — the invitation until it is
    // confirmed, the roll call, conflicts.
    let mut hints = Vec::new();
    if !app.state().proceedings.duly_invited {
        hints.push(Hint::new(Action::ConfirmInvited, att.invited_short));
    }
    hints.extend([
        Hint::new(Action::MarkPresent, att.mark_present),
        Hint::new(Action::MarkAbsent, att.mark_absent),
        Hint::new(Action::DeclareConflict, att.declare_conflict),
        Hint::new(Action::Arrive, att.arrive),
        Hint::new(Action::Leave, att.leave),
        Hint::new(Action::EnterTime, att.enter_time),
        Hint::new(Action::Undo, s.actions.undo),
    ]);
    hints
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    table::render(app, frame, body);
}

/// The first list line of each member, for scrolling.
pub fn member_lines(app: &App) -> Vec<usize> {
    table::member_lines(app)
}

/// The member under a click on `row`: the member whose line, or one of
/// whose conflict lines, is there.
pub fn row_at(app: &App, body: Rect, row: u16) -> Option<usize> {
    let first = body.y + 3;
    let offset = usize::from(row.checked_sub(first)?);
    if offset >= page_height(app.size) {
        return None;
    }
    let line = app.attendance.offset() + offset;
    let starts = member_lines(app);
    let total = table::list_len(app);
    if line >= total {
        return None;
    }
    starts.iter().rposition(|&start| start <= line)
}
