//! Facts derived once from the session, so that a key press never walks
//! all dossiers more than once (search, sort, overview): the overview's
//! when the app opens, the search and sort keys at the first search or
//! sort, which the first frame does not need (docs/performance.md).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::domain::Session;

/// Per-dossier facts, parallel to `session.dossiers`.
#[derive(Debug, Clone)]
pub struct DossierFacts {
    /// Declared checks this dossier fails or leaves unanswered.
    pub open_checks: usize,
    /// Pre-declared conflicts of interest on this dossier.
    pub conflicts: usize,
}

/// A dossier's search and sort keys, parallel to `session.dossiers`.
#[derive(Debug, Clone)]
pub struct TextKeys {
    /// Lower-cased id, municipality, area name and county, for search.
    pub haystack: String,
    /// Lower-cased municipality, for sorting.
    pub municipality_key: String,
    /// Lower-cased region ("" when absent), for sorting.
    pub region_key: String,
}

/// Session-wide figures for the overview.
#[derive(Debug, Clone, Default)]
pub struct SessionFigures {
    pub rural: usize,
    pub urban: usize,
    /// Dossiers per region; `None` collects those without one.
    pub by_region: BTreeMap<Option<String>, usize>,
    pub requested_eur: u64,
    pub voting: usize,
    pub advisory: usize,
    pub dossiers_with_open_checks: usize,
}

#[derive(Debug, Clone)]
pub struct SessionIndex {
    pub dossiers: Vec<DossierFacts>,
    pub figures: SessionFigures,
    /// Position in `session.dossiers` by dossier id.
    pub position: HashMap<String, usize>,
    /// Made by [`SessionIndex::keys`] when first asked.
    keys: OnceLock<Vec<TextKeys>>,
}

impl SessionIndex {
    pub fn new(session: &Session) -> SessionIndex {
        let def = &session.definition;
        let mut conflicts: HashMap<&str, usize> = HashMap::new();
        for c in &def.conflicts {
            *conflicts.entry(c.dossier.as_str()).or_default() += 1;
        }
        let facts: Vec<DossierFacts> = session
            .dossiers
            .iter()
            .map(|d| DossierFacts {
                open_checks: d.failed_checks(&def.eligibility).count(),
                conflicts: conflicts.get(d.id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        let mut figures = SessionFigures::default();
        let mut position = HashMap::with_capacity(session.dossiers.len());
        for (i, (d, f)) in session.dossiers.iter().zip(&facts).enumerate() {
            position.entry(d.id.clone()).or_insert(i);
            if d.rural {
                figures.rural += 1;
            } else {
                figures.urban += 1;
            }
            match figures.by_region.get_mut(&d.region) {
                Some(n) => *n += 1,
                None => {
                    figures.by_region.insert(d.region.clone(), 1);
                }
            }
            figures.requested_eur = figures.requested_eur.saturating_add(d.funding.requested_eur);
            if f.open_checks > 0 {
                figures.dossiers_with_open_checks += 1;
            }
        }
        figures.voting = def.members.iter().filter(|m| m.is_voting()).count();
        figures.advisory = def.members.len() - figures.voting;
        SessionIndex { dossiers: facts, figures, position, keys: OnceLock::new() }
    }

    /// Every dossier's search and sort keys, made at the first call. The
    /// lower-cased texts are most of the work: on every core, in the
    /// session's order. `session` is the one the index was made from.
    pub fn keys(&self, session: &Session) -> &[TextKeys] {
        self.keys.get_or_init(|| {
            session
                .dossiers
                .par_iter()
                .map(|d| TextKeys {
                    haystack: format!(
                        "{}\n{}\n{}\n{}",
                        d.id,
                        d.municipality,
                        d.area.name,
                        d.county.as_deref().unwrap_or("")
                    )
                    .to_lowercase(),
                    municipality_key: d.municipality.to_lowercase(),
                    region_key: d.region.as_deref().unwrap_or("").to_lowercase(),
                })
                .collect()
        })
    }

    /// Whether dossier `i` matches every word of a lower-cased query; an
    /// empty query matches every dossier without making the keys.
    pub fn matches(&self, session: &Session, i: usize, query_words: &[String]) -> bool {
        query_words.is_empty()
            || self
                .keys(session)
                .get(i)
                .is_some_and(|k| query_words.iter().all(|w| k.haystack.contains(w.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opening makes the overview's figures only; the search and sort keys
    /// come with the first search, once, and find what they should.
    #[test]
    fn the_keys_wait_for_the_first_search() {
        let session = crate::domain::fixture::session(3, 2, 1);
        let index = SessionIndex::new(&session);
        assert_eq!(index.figures.rural + index.figures.urban, 3);
        assert!(index.matches(&session, 1, &[]), "an empty query matches");
        assert!(index.keys.get().is_none(), "no keys before a search");
        let words = [session.dossiers[1].id.to_lowercase()];
        let found: Vec<usize> = (0..3).filter(|i| index.matches(&session, *i, &words)).collect();
        assert_eq!(found, [1]);
        let keys = index.keys.get().map(Vec::len);
        assert_eq!(keys, Some(3));
        assert_eq!(index.keys(&session)[2].municipality_key, session.dossiers[2].municipality.to_lowercase());
    }
}
