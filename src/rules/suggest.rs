//! Likely conflicts of interest (PRODUCT.md §3, § 20 VwVfG): a voting
//! member whose organisation, or the reason of a conflict already declared,
//! names a dossier's municipality or county. Suggestions only: the chair
//! declares the conflict or dismisses the suggestion, both recorded.

use crate::domain::SessionState;

/// Where the name was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The member's organisation, as the session file gives it.
    Organisation(String),
    /// The reason of a conflict the member declared on another dossier.
    Reason(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub member: String,
    pub dossier: String,
    /// The municipality or county found.
    pub name: String,
    pub basis: Basis,
}

impl Suggestion {
    /// The text the basis gives, for a reason.
    pub fn text(&self) -> &str {
        match &self.basis {
            Basis::Organisation(t) | Basis::Reason(t) => t,
        }
    }
}

/// Every open suggestion, by member in session order, then dossier in
/// agenda order: not for a member already conflicted on the dossier, not
/// one the chair dismissed.
pub fn conflict_suggestions(state: &SessionState) -> Vec<Suggestion> {
    let session = &state.session;
    let p = &state.proceedings;
    let mut out = Vec::new();
    for m in session.definition.members.iter().filter(|m| m.is_voting()) {
        let mut texts: Vec<Basis> = Vec::new();
        if let Some(org) = m.organisation.as_ref().filter(|o| !o.trim().is_empty()) {
            texts.push(Basis::Organisation(org.clone()));
        }
        for c in session.definition.conflicts.iter().filter(|c| c.member == m.id) {
            texts.extend(c.reason.clone().map(Basis::Reason));
        }
        for ((member, _), c) in &p.live_conflicts {
            if member == &m.id {
                texts.extend(c.reason.clone().map(Basis::Reason));
            }
        }
        for id in &p.agenda.order {
            let Some(d) = session.dossier(id) else { continue };
            if state.is_conflicted(&m.id, id) || p.dismissed.contains(&(m.id.clone(), id.clone())) {
                continue;
            }
            let names = std::iter::once(d.municipality.as_str())
                .chain(d.county.as_deref().filter(|c| !c.eq_ignore_ascii_case("kreisfreie Stadt")));
            let found = names.filter(|n| n.chars().count() >= 3).find_map(|name| {
                texts.iter().find(|b| names_word(text_of(b), name)).map(|b| (name.to_string(), b.clone()))
            });
            if let Some((name, basis)) = found {
                out.push(Suggestion { member: m.id.clone(), dossier: id.clone(), name, basis });
            }
        }
    }
    out
}

fn text_of(b: &Basis) -> &str {
    match b {
        Basis::Organisation(t) | Basis::Reason(t) => t,
    }
}

/// Whether `text` contains `name` as whole words, ignoring case.
fn names_word(text: &str, name: &str) -> bool {
    let (text, name) = (text.to_lowercase(), name.to_lowercase());
    let mut from = 0;
    while let Some(i) = text[from..].find(&name) {
        let start = from + i;
        let end = start + name.len();
        let before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = start + name.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_ignoring_case() {
        assert!(names_word("Stadtverordnete in Offenbach am Main", "Offenbach am Main"));
        assert!(names_word("LANDKREIS KASSEL", "Landkreis Kassel"));
        assert!(names_word("Regierungspräsidium Kassel", "kassel"));
        assert!(!names_word("Kasseler Sparkasse", "Kassel"));
        assert!(!names_word("Marburger Bund", "Marburg"));
        assert!(names_word("Stadt Gießen, Dezernat II", "Gießen"));
    }
}

#[cfg(test)]
mod session_tests {
    use std::sync::Arc;

    use super::*;
    use crate::domain::{SessionState, fixture};

    #[test]
    fn the_organisation_or_an_earlier_reason_names_the_place() {
        let mut s = fixture::session(3, 4, 1);
        s.dossiers[1].municipality = "Offenbach am Main".into();
        s.dossiers[2].county = Some("Landkreis Kassel".into());
        s.definition.members[2].organisation = Some("Kreistag Landkreis Kassel".into());
        // m01's pre-declared conflict on D0000 gives its reason.
        s.definition.conflicts[0].reason = Some("Stadtverordnete in Offenbach am Main".into());
        let state = SessionState::new(Arc::new(s));
        let found: Vec<(String, String, String)> =
            conflict_suggestions(&state).into_iter().map(|x| (x.member, x.dossier, x.name)).collect();
        assert_eq!(
            found,
            [
                ("m01".into(), "D0001".into(), "Offenbach am Main".into()),
                ("m02".into(), "D0002".into(), "Landkreis Kassel".into()),
            ]
        );
    }
}
