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
use crate::domain::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::text_field::TextField;

pub use entry::type_entry;

/// Rows of the member list for a terminal size: the body minus two status
/// lines, the column header and the bottom line.
pub fn page_height(size: Size) -> usize {
    usize::from(crate::ui::body_area(size).height.saturating_sub(4))
}

pub fn handle(app: &mut App, action: Action) {
    let members = app.session().definition.members.len();
    let last = members.saturating_sub(1);
    let page = page_height(app.size).max(1);
    let Some(member) = app.session().definition.members.get(app.attendance.selected).map(|m| m.id.clone())
    else {
        return;
    };
    let at = app.attendance.pending_time.unwrap_or(app.now);
    let state = &mut app.attendance;
    let selected = match action {
        Action::Up => Some(state.selected.saturating_sub(1)),
        Action::Down => Some((state.selected + 1).min(last)),
        Action::PageUp => Some(state.selected.saturating_sub(page)),
        Action::PageDown => Some((state.selected + page).min(last)),
        Action::Home => Some(0),
        Action::End => Some(last),
        _ => None,
    };
    if let Some(selected) = selected {
        state.selected = selected;
        return;
    }
    match action {
        // Roll call goes down the list: after each answer the next member.
        Action::MarkPresent | Action::MarkAbsent => {
            let command = if action == Action::MarkPresent {
                Command::MarkPresent { member, at }
            } else {
                Command::MarkAbsent { member, at }
            };
            if timed(app, command) {
                app.attendance.selected = (app.attendance.selected + 1).min(last);
            }
        }
        Action::Arrive => {
            timed(app, Command::Arrive { member, at });
        }
        Action::Leave => {
            timed(app, Command::Leave { member, at });
        }
        Action::EnterTime => app.attendance.entry = Some(Entry::Time(TextField::new())),
        Action::DeclareConflict => {
            app.attendance.entry = Some(Entry::Dossier { member, text: TextField::new() })
        }
        Action::ConfirmInvited if app.state().proceedings.duly_invited => {
            app.execute(Command::ConfirmDulyInvited);
        }
        Action::ConfirmInvited => {
            let att = app.strings().att;
            app.confirm = Some(Confirm {
                title: att.confirm_title,
                question: att.confirm_invited_question.to_string(),
                command: Command::ConfirmDulyInvited,
            });
        }
        _ => {}
    }
}

/// An attendance change at the typed time (or now): the typed time is used
/// up once the change is recorded.
fn timed(app: &mut App, command: Command) -> bool {
    let recorded = record_change(app, command);
    if recorded {
        app.attendance.pending_time = None;
    }
    recorded
}

/// Record an attendance change and say what it was, with its time.
pub(crate) fn record_change(app: &mut App, command: Command) -> bool {
    app.record(command)
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
    // Moving is left out: the attendance keys matter more at 80 columns.
    vec![
        Hint::new(Action::MarkPresent, att.mark_present),
        Hint::new(Action::MarkAbsent, att.mark_absent),
        Hint::new(Action::Arrive, att.arrive),
        Hint::new(Action::Leave, att.leave),
        Hint::new(Action::EnterTime, att.enter_time),
        Hint::new(Action::DeclareConflict, att.declare_conflict),
        Hint::new(Action::ConfirmInvited, att.confirm_invited),
        Hint::new(Action::Undo, s.actions.undo),
    ]
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
