//! The minutes (*Niederschrift*, PRODUCT.md §2 step 9, §6): built from the
//! record as it stands, written in the session's language, as a neutral
//! document that the renderers turn into Markdown, HTML and the minutes
//! screen.
//!
//! Pure: no terminal, no I/O, no clock (the time "now" is passed in). Every
//! string in the document is plain text; untrusted text (names, reasons,
//! notes from the session files and the chair) is escaped or neutralised by
//! each renderer, never here.

mod closing;
mod context;
mod html;
mod items;
mod markdown;
mod opening;
mod progressive;
mod result;
mod text;
mod timeline;
mod votes;

#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset};

pub use html::html;
pub use markdown::markdown;
pub use progressive::{Builder, Piece};
pub use text::{Text, text};
pub use votes::result_line;

use crate::domain::{Language, SessionState};
use context::{Context, fill};
use timeline::Timeline;

/// The minutes as a document: title, a status line and sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Minutes {
    pub language: Language,
    /// The kind of document: "Niederschrift" / "Minutes".
    pub heading: String,
    /// The session's title.
    pub title: String,
    /// Not signed off: every rendering marks the document as a draft.
    pub draft: bool,
    /// The short draft mark ("ENTWURF"), shown on every printed page of a
    /// draft.
    pub draft_mark: String,
    /// The page number printed in each page's margin: "Seite {page} von
    /// {pages}".
    pub page_of: String,
    /// One line: not signed off as of when (after the draft mark), or
    /// signed off by whom and when.
    pub status: String,
    pub sections: Vec<Section>,
}

/// A part of the minutes; level 1 are the main parts, level 2 the agenda
/// items within "the items dealt with".
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub level: u8,
    pub heading: String,
    /// The dossier id of an agenda item's section: a place to link or
    /// jump to.
    pub anchor: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// Label and value pairs (the session's particulars, an item's facts).
    Fields(Vec<(String, String)>),
    Table(Table),
    List(Vec<Vec<Inline>>),
    /// A chair's note at its place in time.
    Note(Note),
    Signatures(Signatures),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column: numbers, aligned right.
    pub numeric: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The record line of the note, so that a view can find it.
    pub seq: u64,
    /// "Notiz, 10:42 Uhr".
    pub lead: String,
    pub text: String,
}

/// Lines to sign on: a place-and-date line and a signature line per signer.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatures {
    /// "Ort, Datum".
    pub place_date: String,
    /// "Unterschrift".
    pub signature: String,
    pub signers: Vec<Signer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    /// "Vorsitz", "Protokollführung".
    pub role: String,
    pub name: String,
}

impl Minutes {
    /// Every section heading, in order (tests, the screen's outline).
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|s| s.heading.as_str())
    }

    pub fn section(&self, heading: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.heading == heading)
    }
}

impl Inline {
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(s) | Inline::Strong(s) => s,
        }
    }
}

/// The minutes of the session as the record stands at `now` (which only
/// counts the time of an item still open and dates a draft).
pub fn build(state: &SessionState, now: DateTime<FixedOffset>) -> Minutes {
    let mut builder = Builder::new(state, now);
    let mut minutes = None;
    let mut sections = Vec::new();
    builder.advance(state, None, &mut || true, &mut |piece| match piece {
        Piece::Head(head) => minutes = Some(head),
        Piece::Section(section) => sections.push(section),
    });
    // `advance` gives the head before any section; made here only if not.
    let mut minutes = minutes.unwrap_or_else(|| head(&Context::new(state, &Timeline::of(state), now)));
    minutes.sections = sections;
    minutes
}

/// The document's head (everything but the sections).
fn head(cx: &Context) -> Minutes {
    let t = cx.t;
    let state = cx.state;
    let status = match &state.proceedings.signed_off {
        Some(s) => fill(t.status_signed, &[("name", &cx.member(&s.by)), ("when", &cx.stamp(s.at))]),
        None => fill(t.status_draft, &[("when", &cx.stamp(cx.now))]),
    };
    Minutes {
        language: cx.lang,
        heading: t.heading.to_string(),
        title: state.session.definition.title.clone(),
        draft: !state.is_signed_off(),
        draft_mark: t.draft_mark.to_string(),
        page_of: t.page_of.to_string(),
        status,
        sections: Vec::new(),
    }
}
