//! The committee's world as plain data: session definition, dossiers, members,
//! criteria. No I/O and no terminal code lives here.
//!
//! The serde and schemars attributes on these types are the single source of
//! truth for the input formats (PRODUCT.md §4): `gremium schema` prints the
//! schema generated from them, and the loader checks input against it.

mod ballot;
mod describe;
mod dossier;
mod event;
#[doc(hidden)]
pub mod fixture;
mod session;
mod state;

pub use ballot::*;
pub use describe::*;
pub use dossier::*;
pub use event::*;
pub use session::*;
pub use state::*;

/// The pattern every identifier (dossier, member, criterion, check) must match.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";

/// True when `id` matches [`ID_PATTERN`].
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 40
        && bytes[0].is_ascii_alphanumeric()
        && bytes[1..].iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A fully loaded and validated session: the definition with defaults applied
/// and every dossier it references, in agenda order.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub definition: SessionDefinition,
    /// All dossiers, in agenda order (configured agenda first, then the rest
    /// by id).
    pub dossiers: Vec<Dossier>,
}

impl Session {
    pub fn dossier(&self, id: &str) -> Option<&Dossier> {
        self.dossiers.iter().find(|d| d.id == id)
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.definition.members.iter().find(|m| m.id == id)
    }

    /// The pre-declared conflicts concerning one dossier.
    pub fn conflicts_for_dossier<'a>(&'a self, dossier: &'a str) -> impl Iterator<Item = &'a Conflict> {
        self.definition.conflicts.iter().filter(move |c| c.dossier == dossier)
    }

    /// The pre-declared conflicts of one member.
    pub fn conflicts_for_member<'a>(&'a self, member: &'a str) -> impl Iterator<Item = &'a Conflict> {
        self.definition.conflicts.iter().filter(move |c| c.member == member)
    }

    /// Sum of requested funding over all dossiers.
    pub fn total_requested_eur(&self) -> u64 {
        self.dossiers.iter().map(|d| d.funding.requested_eur).fold(0, u64::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_pattern_accepts_and_rejects() {
        assert!(is_valid_id("DA-NORD"));
        assert!(is_valid_id("a"));
        assert!(is_valid_id("ks.wesertor_2"));
        assert!(is_valid_id(&"x".repeat(40)));
        assert!(!is_valid_id(&"x".repeat(41)));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-lead"));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("Ümlaut"));
    }
}
