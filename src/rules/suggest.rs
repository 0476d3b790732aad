//! Likely conflicts of interest (PRODUCT.md §3, § 20 VwVfG): a voting
//! member whose organisation, or the reason of a conflict already declared,
//! names a dossier's municipality or county. Suggestions only: the chair
//! declares the conflict or dismisses the suggestion, both recorded.

use std::collections::HashMap;

use crate::domain::{Dossier, Member, SessionState};

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
///
/// A member without an organisation or a reason has nothing to match and
/// is passed over; the dossiers' names are lower-cased once, and whether a
/// member is conflicted on or dismissed a dossier is asked only where a
/// name matched, so a session of 2,000 dossiers and 40 members takes a
/// fraction of a millisecond where no member has a text.
pub fn conflict_suggestions(state: &SessionState) -> Vec<Suggestion> {
    let session = &state.session;
    let p = &state.proceedings;
    // The names each dossier on the agenda may be named by (municipality,
    // then county), as given and lower-cased; made when a member first
    // has a text to match.
    let mut places: Option<Vec<Place<'_>>> = None;
    let mut out = Vec::new();
    for m in session.definition.members.iter().filter(|m| m.is_voting()) {
        let texts = texts_of(state, m);
        if texts.is_empty() {
            continue;
        }
        let lowered: Vec<Lowered> = texts.iter().map(|b| Lowered::new(text_of(b))).collect();
        let places = places.get_or_insert_with(|| places_on_the_agenda(state));
        for (id, names) in places.iter() {
            let found = names
                .iter()
                .find_map(|(name, lower)| lowered.iter().position(|t| t.names(lower)).map(|i| (name, i)));
            let Some((name, i)) = found else { continue };
            if state.is_conflicted(&m.id, id) || p.dismissed.contains(&(m.id.clone(), (*id).clone())) {
                continue;
            }
            let basis = texts[i].clone();
            out.push(Suggestion {
                member: m.id.clone(),
                dossier: (*id).clone(),
                name: name.to_string(),
                basis,
            });
        }
    }
    out
}

/// What may name a place for `member`: the organisation, then the
/// reasons of the conflicts declared before the session, then those
/// declared in it.
fn texts_of(state: &SessionState, member: &Member) -> Vec<Basis> {
    let session = &state.session;
    let mut texts: Vec<Basis> = Vec::new();
    if let Some(org) = member.organisation.as_ref().filter(|o| !o.trim().is_empty()) {
        texts.push(Basis::Organisation(org.clone()));
    }
    for c in session.definition.conflicts.iter().filter(|c| c.member == member.id) {
        texts.extend(c.reason.clone().map(Basis::Reason));
    }
    for ((m, _), c) in &state.proceedings.live_conflicts {
        if m == &member.id {
            texts.extend(c.reason.clone().map(Basis::Reason));
        }
    }
    texts
}

/// A member's text lower-cased, with every run of three bytes in it: a
/// name whose first or last three bytes are not among them does not occur
/// in it, which most names of a long session do not (two set lookups
/// instead of a search of the text; the last three too, as many names
/// begin alike: "Bad …", "Stadt …").
struct Lowered {
    text: String,
    windows: foldhash::HashSet<[u8; 3]>,
}

impl Lowered {
    fn new(text: &str) -> Lowered {
        let text = text.to_lowercase();
        let windows = text.as_bytes().windows(3).filter_map(|w| <[u8; 3]>::try_from(w).ok()).collect();
        Lowered { text, windows }
    }

    /// Whether the text names `name` (lower-cased, three bytes or more)
    /// as whole words.
    fn names(&self, name: &str) -> bool {
        let bytes = name.as_bytes();
        bytes.first_chunk::<3>().is_none_or(|w| self.windows.contains(w))
            && bytes.last_chunk::<3>().is_none_or(|w| self.windows.contains(w))
            && names_word_lowered(&self.text, name)
    }
}

/// A dossier's id and the names it may be named by, as given and
/// lower-cased.
type Place<'a> = (&'a String, Vec<(&'a str, String)>);

/// Each dossier on the agenda, in its order, with the names it may be
/// named by: its municipality, then its county (not "kreisfreie Stadt"),
/// each of three characters or more, as given and lower-cased.
fn places_on_the_agenda(state: &SessionState) -> Vec<Place<'_>> {
    let mut by_id: HashMap<&str, &Dossier> = HashMap::with_capacity(state.session.dossiers.len());
    for d in &state.session.dossiers {
        // the first of an id, as `Session::dossier` finds it
        by_id.entry(d.id.as_str()).or_insert(d);
    }
    state
        .proceedings
        .agenda
        .order
        .iter()
        .filter_map(|id| {
            let d = by_id.get(id.as_str())?;
            let names = std::iter::once(d.municipality.as_str())
                .chain(d.county.as_deref().filter(|c| !c.eq_ignore_ascii_case("kreisfreie Stadt")))
                .filter(|n| n.chars().count() >= 3)
                .map(|n| (n, n.to_lowercase()))
                .collect();
            Some((id, names))
        })
        .collect()
}

fn text_of(b: &Basis) -> &str {
    match b {
        Basis::Organisation(t) | Basis::Reason(t) => t,
    }
}

/// Whether `text` contains `name` as whole words, ignoring case.
#[cfg(test)]
fn names_word(text: &str, name: &str) -> bool {
    names_word_lowered(&text.to_lowercase(), &name.to_lowercase())
}

/// [`names_word`] of a text and a name lower-cased already.
fn names_word_lowered(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
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

#[cfg(test)]
mod equivalence {
    use std::sync::Arc;

    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{LiveConflict, SessionState, fixture};

    /// The suggestions as first written: every member against every
    /// dossier, lower-casing both sides each time.
    fn reference(state: &SessionState) -> Vec<Suggestion> {
        let session = &state.session;
        let p = &state.proceedings;
        let mut out = Vec::new();
        for m in session.definition.members.iter().filter(|m| m.is_voting()) {
            let texts = texts_of(state, m);
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

    const PLACES: [&str; 10] = [
        "Kassel",
        "Landkreis Kassel",
        "Offenbach am Main",
        "Gießen",
        "Marburg",
        "kreisfreie Stadt",
        "Ab",
        "ÖHRINGEN",
        "Ulm",
        "Bad Homburg",
    ];
    const TEXTS: [&str; 12] = [
        "Stadt Ulm",
        "Ulmer Münster",
        "Kurbetriebe Bad Homburg vor der Höhe",
        "Kreistag Landkreis Kassel",
        "Marburger Bund",
        "Stadt Gießen, Dezernat II",
        "",
        "  ",
        "Kasseler Sparkasse",
        "Stadtverordnete in Offenbach am Main",
        "Ab und an in Öhringen",
        "KASSEL",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// On sessions of varied places, organisations, declared and live
        /// conflicts with reasons, dismissals and agenda orders, the
        /// suggestions are exactly the first version's, in its order.
        #[test]
        fn the_suggestions_are_the_first_versions(
            places in prop::collection::vec((0..PLACES.len(), prop::option::of(0..PLACES.len())), 6),
            orgs in prop::collection::vec(prop::option::of(0..TEXTS.len()), 5),
            declared in prop::collection::vec(prop::option::of(0..TEXTS.len()), 1..3),
            live in prop::collection::vec((0..5usize, 0..6usize, prop::option::of(0..TEXTS.len())), 0..4),
            dismissed in prop::collection::vec((0..5usize, 0..6usize), 0..4),
            reversed in any::<bool>(),
        ) {
            let mut s = fixture::session(6, 5, 1);
            for (d, (m, c)) in s.dossiers.iter_mut().zip(&places) {
                d.municipality = PLACES[*m].into();
                d.county = c.map(|c| PLACES[c].to_string());
            }
            for (m, o) in s.definition.members.iter_mut().zip(&orgs) {
                m.organisation = o.map(|o| TEXTS[o].to_string());
            }
            for (c, r) in s.definition.conflicts.iter_mut().zip(&declared) {
                c.reason = r.map(|r| TEXTS[r].to_string());
            }
            let mut state = SessionState::new(Arc::new(s));
            let member = |i: usize| format!("m{i:02}");
            let dossier = |i: usize| format!("D{i:04}");
            let at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
            for (m, d, r) in &live {
                let conflict = LiveConflict { reason: r.map(|r| TEXTS[r].to_string()), seq: 0, at };
                state.proceedings.live_conflicts.insert((member(*m), dossier(*d)), conflict);
            }
            for (m, d) in &dismissed {
                state.proceedings.dismissed.insert((member(*m), dossier(*d)));
            }
            if reversed {
                state.proceedings.agenda.order.reverse();
            }
            prop_assert_eq!(conflict_suggestions(&state), reference(&state));
        }
    }
}
