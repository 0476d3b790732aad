//! The questions that wait for the chair's answer, as data: the one
//! confirmation and the amendment prompt. The app holds them; their keys
//! and their look live in `widgets::confirm` and `widgets::amend`.

use crate::procedure::Command;
use crate::ui::widgets::text_field::TextField;

/// A step waiting for the chair's yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: &'static str,
    /// What will be recorded, in words; may run over several lines.
    pub question: String,
    pub command: Command,
}

/// The refused change and the reason being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AmendPrompt {
    pub command: Command,
    /// The change in words, as the record will name it.
    pub change: String,
    pub reason: TextField,
}
