//! Facts derived once from the session when the app opens, so that a key
//! press never walks all dossiers more than once (search, sort, overview).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::domain::Session;

/// Per-dossier facts, parallel to `session.dossiers`.
#[derive(Debug, Clone)]
pub struct DossierFacts {
    /// Lower-cased id, municipality, area name and county, for search.
    pub haystack: String,
    /// Lower-cased municipality, for sorting.
    pub municipality_key: String,
    /// Lower-cased region ("" when absent), for sorting.
    pub region_key: String,
    /// Declared checks this dossier fails or leaves unanswered.
    pub open_checks: usize,
    /// Pre-declared conflicts of interest on this dossier.
    pub conflicts: usize,
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
}

impl SessionIndex {
    pub fn new(session: &Session) -> SessionIndex {
        let def = &session.definition;
        let mut conflicts: HashMap<&str, usize> = HashMap::new();
        for c in &def.conflicts {
            *conflicts.entry(c.dossier.as_str()).or_default() += 1;
        }
        // The lower-cased texts are most of the work: on every core, in
        // the session's order.
        let facts: Vec<DossierFacts> = session
            .dossiers
            .par_iter()
            .map(|d| {
                let county = d.county.as_deref().unwrap_or("");
                DossierFacts {
                    haystack: format!("{}\n{}\n{}\n{}", d.id, d.municipality, d.area.name, county)
                        .to_lowercase(),
                    municipality_key: d.municipality.to_lowercase(),
                    region_key: d.region.as_deref().unwrap_or("").to_lowercase(),
                    open_checks: d.failed_checks(&def.eligibility).count(),
                    conflicts: conflicts.get(d.id.as_str()).copied().unwrap_or(0),
                }
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
        SessionIndex { dossiers: facts, figures, position }
    }

    /// Whether dossier `i` matches every word of a lower-cased query.
    pub fn matches(&self, i: usize, query_words: &[String]) -> bool {
        self.dossiers.get(i).is_some_and(|f| query_words.iter().all(|w| f.haystack.contains(w.as_str())))
    }
}
