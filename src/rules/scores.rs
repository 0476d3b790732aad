//! Scores of one round of a dossier: per-criterion aggregate (mean or
//! median), spread, the disagreement flag, and the weighted total.
//!
//! Only scores of voting members without a conflict on the dossier count: a
//! conflict declared after scoring takes the member's scores out. A score
//! from a member's ballot counts only while the member is present (at the
//! reveal for a revealed round): PRODUCT.md §11.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{Aggregate, Name, SessionDefinition, SessionState};

/// Mean or median of `values`; `None` when there are none.
pub fn aggregate(values: &[f64], how: Aggregate) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    match how {
        Aggregate::Mean => Some(values.iter().sum::<f64>() / values.len() as f64),
        Aggregate::Median => {
            let mut v = values.to_vec();
            v.sort_by(f64::total_cmp);
            let mid = v.len() / 2;
            Some(if v.len().is_multiple_of(2) { (v[mid - 1] + v[mid]) / 2.0 } else { v[mid] })
        }
    }
}

/// Highest minus lowest score; 0 for fewer than two.
pub fn spread(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    if values.len() < 2 { 0.0 } else { max - min }
}

/// One criterion of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionResult {
    pub criterion: String,
    /// Scores that count, by member id.
    pub scores: BTreeMap<String, f64>,
    pub aggregate: Option<f64>,
    pub spread: f64,
    /// The spread reaches the disagreement threshold: discuss this.
    pub disagreement: bool,
}

/// The weighted total on the scale and as a percentage of its maximum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Total {
    pub value: f64,
    pub percent: f64,
}

/// Weighted total: Σ weight × aggregate / Σ weight, over all criteria;
/// `None` until every criterion has an aggregate.
pub fn weighted_total(def: &SessionDefinition, aggregates: &[Option<f64>]) -> Option<Total> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (c, agg) in def.criteria.iter().zip(aggregates) {
        sum += c.weight * (*agg)?;
        weights += c.weight;
    }
    if aggregates.len() != def.criteria.len() || weights <= 0.0 {
        return None;
    }
    let value = sum / weights;
    let percent = if def.scale.max > 0.0 { value / def.scale.max * 100.0 } else { 0.0 };
    Some(Total { value, percent })
}

/// Everything about one round of a dossier's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundResult {
    pub dossier: String,
    pub round: u32,
    /// In the order of the session's criteria.
    pub criteria: Vec<CriterionResult>,
    pub total: Option<Total>,
}

impl RoundResult {
    pub fn any_disagreement(&self) -> bool {
        self.criteria.iter().any(|c| c.disagreement)
    }
}

/// The result of `round` of `dossier` as the record stands.
pub fn round_result(state: &SessionState, dossier: &str, round: u32) -> RoundResult {
    let def = &state.session.definition;
    let counted: Vec<&str> = def
        .voting_members()
        .filter(|m| !state.is_conflicted(&m.id, dossier))
        .map(|m| m.id.as_str())
        .collect();
    let mut by_criterion: BTreeMap<&str, BTreeMap<String, f64>> = BTreeMap::new();
    for c in &def.criteria {
        let scores = by_criterion.entry(c.id.as_str()).or_default();
        for member in &counted {
            if let Some(value) = state.score(dossier, round, member, &c.id)
                && (!state.is_from_ballot(dossier, round, member, &c.id)
                    || state.ballot_score_counts(dossier, round, member))
            {
                scores.insert(member.to_string(), value);
            }
        }
    }
    let threshold = def.rules.disagreement_spread;
    let criteria: Vec<CriterionResult> = def
        .criteria
        .iter()
        .map(|c| {
            let scores = by_criterion.remove(c.id.as_str()).unwrap_or_default();
            let values: Vec<f64> = scores.values().copied().collect();
            let spread = spread(&values);
            CriterionResult {
                criterion: c.id.clone(),
                aggregate: aggregate(&values, def.rules.aggregate),
                disagreement: values.len() >= 2 && spread >= threshold - 1e-9,
                spread,
                scores,
            }
        })
        .collect();
    let aggregates: Vec<Option<f64>> = criteria.iter().map(|c| c.aggregate).collect();
    RoundResult { dossier: dossier.to_string(), round, total: weighted_total(def, &aggregates), criteria }
}

/// Weighted totals of many dossiers, for the ranking: one pass over each
/// round's scores instead of a lookup per member and criterion. Counts the
/// same scores as [`round_result`], in the same order, so totals agree to
/// the bit.
pub struct Totals<'a> {
    state: &'a SessionState,
    /// Voting members, sorted.
    voting: Vec<Name>,
    /// Criteria and their index in the session's order, sorted.
    criteria: Vec<(Name, usize)>,
    /// Members with a conflict, by dossier.
    conflicted: HashMap<&'a str, Vec<Name>>,
}

impl<'a> Totals<'a> {
    pub fn new(state: &'a SessionState) -> Totals<'a> {
        let def = &state.session.definition;
        let names = &state.names;
        let mut voting: Vec<Name> = def.voting_members().filter_map(|m| names.get(&m.id)).collect();
        voting.sort();
        let mut criteria: Vec<(Name, usize)> =
            def.criteria.iter().enumerate().filter_map(|(i, c)| Some((names.get(&c.id)?, i))).collect();
        criteria.sort();
        let mut conflicted: HashMap<&str, Vec<Name>> = HashMap::new();
        let declared = def.conflicts.iter().map(|c| (c.member.as_str(), c.dossier.as_str()));
        let live = state.proceedings.live_conflicts.keys().map(|(m, d)| (m.as_str(), d.as_str()));
        for (member, dossier) in declared.chain(live) {
            if let Some(name) = names.get(member) {
                conflicted.entry(dossier).or_default().push(name);
            }
        }
        Totals { state, voting, criteria, conflicted }
    }

    /// The weighted total of `round` of `dossier`, as [`round_result`]
    /// gives it.
    pub fn total(&self, dossier: &str, round: u32) -> Option<Total> {
        weighted_total(&self.state.session.definition, &self.aggregates(dossier, round))
    }

    /// The aggregate of each criterion, in the session's order; `None`
    /// where no counted score is in.
    pub fn aggregates(&self, dossier: &str, round: u32) -> Vec<Option<f64>> {
        let def = &self.state.session.definition;
        let excluded = self.conflicted.get(dossier).map_or(&[][..], Vec::as_slice);
        let mut values: Vec<Vec<f64>> = vec![Vec::new(); def.criteria.len()];
        for (key, value) in self.state.round_scores(dossier, round) {
            if self.voting.binary_search(&key.member).is_err() || excluded.contains(&key.member) {
                continue;
            }
            if self.state.proceedings.from_ballot.contains(key)
                && !self.state.ballot_score_counts(dossier, round, self.state.names.id(key.member))
            {
                continue;
            }
            if let Ok(i) = self.criteria.binary_search_by(|(c, _)| c.cmp(&key.criterion)) {
                values[self.criteria[i].1].push(value);
            }
        }
        values.iter().map(|v| aggregate(v, def.rules.aggregate)).collect()
    }
}

/// The result that counts for a dossier: its latest round.
pub fn current_result(state: &SessionState, dossier: &str) -> RoundResult {
    round_result(state, dossier, state.round(dossier))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Criterion, Scale};

    #[test]
    fn mean_and_median_on_worked_examples() {
        assert_eq!(aggregate(&[3.0, 4.0, 2.0, 4.0], Aggregate::Mean), Some(3.25));
        assert_eq!(aggregate(&[3.0, 4.0, 2.0, 4.0], Aggregate::Median), Some(3.5));
        assert_eq!(aggregate(&[1.0, 4.0, 2.0], Aggregate::Median), Some(2.0));
        assert_eq!(aggregate(&[], Aggregate::Mean), None);
        assert_eq!(spread(&[1.0, 4.0, 2.0]), 3.0);
        assert_eq!(spread(&[2.0]), 0.0);
    }

    fn definition(weights: &[f64], scale: Scale) -> SessionDefinition {
        let mut def: SessionDefinition = serde_json::from_value(serde_json::json!({
            "format": "gremium.session/1", "id": "t", "title": "t", "dossiers": [],
            "budget": {"available_eur": 1}, "criteria": [],
            "members": [{"id": "c", "name": "C", "role": "chair"}]
        }))
        .unwrap();
        def.scale = scale;
        def.criteria = weights
            .iter()
            .enumerate()
            .map(|(i, w)| Criterion {
                id: format!("c{i}"),
                label: format!("C{i}"),
                label_en: None,
                weight: *w,
                guidance: None,
            })
            .collect();
        def
    }

    #[test]
    fn weighted_total_worked_example() {
        let def = definition(&[30.0, 20.0, 50.0], Scale::default());
        let t = weighted_total(&def, &[Some(4.0), Some(2.0), Some(3.0)]).unwrap();
        // (30×4 + 20×2 + 50×3) / 100 = 3.1 of 4 = 77.5 %
        assert!((t.value - 3.1).abs() < 1e-12);
        assert!((t.percent - 77.5).abs() < 1e-9);
        assert_eq!(weighted_total(&def, &[Some(4.0), None, Some(3.0)]), None);
    }

    fn reference_median(v: &[f64]) -> f64 {
        let mut s = v.to_vec();
        s.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let n = s.len();
        if !n.is_multiple_of(2) { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 }
    }

    proptest! {
        #[test]
        fn mean_and_median_match_a_reference(v in prop::collection::vec(0u8..=20, 1..40)) {
            let values: Vec<f64> = v.iter().map(|x| f64::from(*x) * 0.5).collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            prop_assert!((aggregate(&values, Aggregate::Mean).unwrap() - mean).abs() < 1e-9);
            prop_assert_eq!(aggregate(&values, Aggregate::Median).unwrap(), reference_median(&values));
        }

        #[test]
        fn a_total_stays_within_the_scale(
            weights in prop::collection::vec(1u16..1000, 1..9),
            picks in prop::collection::vec(0u8..=18, 9),
        ) {
            let scale = Scale { min: 1.0, max: 10.0, step: 0.5 };
            let weights: Vec<f64> = weights.into_iter().map(f64::from).collect();
            let def = definition(&weights, scale);
            let aggs: Vec<Option<f64>> =
                picks.iter().take(weights.len()).map(|p| Some(1.0 + f64::from(*p) * 0.5)).collect();
            let t = weighted_total(&def, &aggs).unwrap();
            prop_assert!(t.value >= scale.min - 1e-9 && t.value <= scale.max + 1e-9);
            prop_assert!(t.percent <= 100.0 + 1e-9);
        }
    }
}
