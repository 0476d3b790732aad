//! A change after sign-off (PRODUCT.md §2 step 10): the domain refuses it
//! as it stands; the chair is asked for a reason, and with one the change
//! is recorded as an amendment (`Command::Amend`), which the minutes and
//! the results show as such. Esc drops the change.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::EventKind;
use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe;
use crate::ui::widgets::text_field::{Edit, TextField};

pub use crate::ui::prompts::AmendPrompt;

/// Ask for the reason of `command`; the change is named by what the domain
/// would record for it (or why it would refuse it).
pub fn prompt(app: &App, command: Command) -> AmendPrompt {
    let s = app.strings();
    let probe = Command::Amend { reason: "-".into(), command: Box::new(command.clone()) };
    let change = match crate::procedure::decide(app.state(), &probe) {
        Ok(kinds) => kinds
            .iter()
            .map(|k| match k {
                EventKind::Amendment { change, .. } => describe::event(&change.describe(), s),
                other => describe::event(&other.describe(), s),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Err(e) => describe::refusal(&e, s, app.session()),
    };
    AmendPrompt { command, change, reason: TextField::new() }
}

/// Changes that can be amended: everything but undo, redo, sign-off and
/// amendments themselves (the domain refuses those as part of one).
pub fn amendable(command: &Command) -> bool {
    !matches!(command, Command::Undo | Command::Redo | Command::SignOff { .. } | Command::Amend { .. })
}

/// Keys while the reason is typed: text, Enter records, Esc drops.
pub fn answer(app: &mut App, action: Action) {
    let Some(prompt) = app.amend.as_mut() else { return };
    if prompt.reason.edit(action) == Edit::Changed {
        return;
    }
    match action {
        Action::Back => {
            app.amend = None;
            app.notify(app.strings().sign_off.amend_dropped);
        }
        Action::Quit => app.request_quit(),
        Action::Open => {
            let reason = prompt.reason.text().trim().to_string();
            if reason.is_empty() {
                app.notify(app.strings().sign_off.amend_empty);
                return;
            }
            let command = Box::new(prompt.command.clone());
            let closes_dialog = matches!(
                *command,
                Command::RecordVote { .. } | Command::RecordDecision { .. } | Command::ConfirmResult { .. }
            );
            if app.execute(Command::Amend { reason, command }) {
                app.amend = None;
                if closes_dialog {
                    app.decision.close_dialogs();
                }
                let s = app.strings();
                let what = app
                    .state()
                    .proceedings
                    .amendments
                    .last()
                    .map(|a| describe::event(&a.change.describe(), s))
                    .unwrap_or_default();
                app.notify(format!("{}: {what}", s.sign_off.amended));
            }
        }
        _ => {}
    }
}

/// The change, then the reason typed in the one text box.
pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let Some(prompt) = &app.amend else { return };
    let s = app.strings();
    let intro =
        [format!("{}: {}", s.sign_off.amend_change, prompt.change), s.sign_off.amend_prompt.to_string()];
    let title = format!("⚠ {}", s.sign_off.amend_title);
    super::prompt_box::render_prompt(app, frame, body, &title, &intro, &prompt.reason);
}
