//! The stack of layers that owns the keys (PRODUCT.md §8): the screen at
//! the bottom, then what the screen types into or asks in a dialog, the
//! decided lists, a note being typed, help, a confirmation, the amendment
//! prompt, the changed-inputs question, and the too-small notice on top.
//!
//! [`stack`] is the one place that says which layers are open. The topmost
//! gets every key ([`crate::ui::App::update`]), its keys are the ones the
//! footer and help show, and the layers are drawn in the same order, so a
//! layer the chair cannot see never gets a key.

use super::MIN_SIZE;
use super::app::App;
use super::keymap::Scope;
use super::screens::Screen;

/// One open layer, bottom to top in [`stack`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The screen the chair is on.
    Screen(Screen),
    /// Text typed into the screen itself: the agenda search, an attendance
    /// time or conflict, a deferral's reason.
    ScreenText,
    /// The vote dialog on the decision screen.
    VoteDialog,
    /// The decided lists over any screen (`b`).
    Decided,
    /// A chair's note being typed.
    Note,
    /// The help overlay.
    Help,
    /// An irreversible step waiting for the chair's yes.
    Confirm,
    /// A change after sign-off waiting for its reason.
    Amendment,
    /// Changed input files the chair must accept before anything else.
    InputsChanged,
    /// The terminal is smaller than the screens are laid out for.
    TooSmall,
}

impl Layer {
    /// Where keys are looked up while this layer is on top.
    pub fn scope(self, app: &App) -> Scope {
        match self {
            Layer::Screen(screen) => screen.scope(),
            Layer::ScreenText => match app.screen() {
                Screen::Agenda => Scope::Search,
                Screen::Decision => Scope::VoteText,
                _ => Scope::Note,
            },
            Layer::VoteDialog => app.decision().dialog().map_or(Scope::Decision, |d| d.scope()),
            Layer::Decided => Scope::Decided,
            Layer::Note | Layer::Amendment => Scope::Note,
            Layer::Help => Scope::Help,
            Layer::Confirm => Scope::Confirm,
            Layer::InputsChanged => Scope::Prompt,
            Layer::TooSmall => Scope::TooSmall,
        }
    }

    /// Whether typed characters are text on this layer.
    pub fn takes_text(self, app: &App) -> bool {
        match self {
            Layer::ScreenText | Layer::Note | Layer::Amendment => true,
            Layer::VoteDialog => self.scope(app) == Scope::VoteText,
            _ => false,
        }
    }
}

/// The open layers, bottom to top.
pub fn stack(app: &App) -> Vec<Layer> {
    let mut layers = vec![Layer::Screen(app.screen())];
    match app.screen() {
        Screen::Agenda if app.agenda().editing() => layers.push(Layer::ScreenText),
        Screen::Attendance if app.attendance().typing() => layers.push(Layer::ScreenText),
        Screen::Scoring if app.scoring.importing().is_some() => layers.push(Layer::ScreenText),
        Screen::Decision => {
            if app.decision().dialog().is_some() {
                layers.push(Layer::VoteDialog);
            }
            if app.decision().defer().is_some() || app.decision().confirm_prompt().is_some() {
                layers.push(Layer::ScreenText);
            }
        }
        _ => {}
    }
    if app.decision().overlay() {
        layers.push(Layer::Decided);
    }
    if app.note_field().is_some() {
        layers.push(Layer::Note);
    }
    if app.help_open() {
        layers.push(Layer::Help);
    }
    if app.confirm().is_some() || app.save_offered() {
        layers.push(Layer::Confirm);
    }
    if app.amendment().is_some() {
        layers.push(Layer::Amendment);
    }
    if !app.inputs_changed.is_empty() {
        layers.push(Layer::InputsChanged);
    }
    if too_small(app) {
        layers.push(Layer::TooSmall);
    }
    layers
}

/// The layer that gets the next key.
pub fn top(app: &App) -> Layer {
    stack(app).last().copied().unwrap_or(Layer::Screen(app.screen()))
}

/// Whether the terminal is below the smallest supported size.
pub fn too_small(app: &App) -> bool {
    app.size.width < MIN_SIZE.width || app.size.height < MIN_SIZE.height
}
