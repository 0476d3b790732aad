//! What a motion would do to the lists: which of its items depart from the
//! ranking's proposal, and whether the admission list would go over the
//! budget or the maximum number of admissions if it were carried. The
//! domain records this with a vote and asks for a rationale; the decision
//! screen shows it while the vote is being entered, from the same function.

use crate::domain::{Outcome, Proposal, SessionState};
use crate::rules::{Ranking, admitted_after};

/// The consequences of carrying a motion.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MotionCheck {
    /// Items whose outcome differs from the ranking's proposal, in the
    /// order put.
    pub departing: Vec<String>,
    /// Carried, the admission list would exceed the available budget or the
    /// maximum number of admissions.
    pub over_budget: bool,
}

impl MotionCheck {
    /// Carried, the motion needs a written rationale.
    pub fn needs_rationale(&self) -> bool {
        !self.departing.is_empty() || self.over_budget
    }
}

/// Check `items` against the ranking and the budget as the record stands.
pub fn motion_check(state: &SessionState, ranking: &Ranking, items: &[Proposal]) -> MotionCheck {
    let departing =
        items.iter().filter(|i| departs(ranking, &i.dossier, i.outcome)).map(|i| i.dossier.clone()).collect();
    let budget = &state.session.definition.budget;
    let over_budget = items.iter().any(|i| i.outcome == Outcome::Admitted) && {
        let (count, eur) = admitted_after(state, items);
        eur > budget.available_eur || budget.max_admissions.is_some_and(|m| count > m as usize)
    };
    MotionCheck { departing, over_budget }
}

/// Whether deciding `outcome` departs from the ranking's proposal: a
/// deferral never does; an unranked dossier departs when admitted or put on
/// the waiting list; a ranked one when the outcome (or the waiting-list
/// position) differs.
pub fn departs(ranking: &Ranking, dossier: &str, outcome: Outcome) -> bool {
    match (outcome, ranking.proposed_outcome(dossier)) {
        (Outcome::Deferred, _) => false,
        (Outcome::NotAdmitted, None) => false,
        (_, None) => true,
        (outcome, Some(proposed)) => outcome != proposed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixture;

    fn admit(d: &str) -> Proposal {
        Proposal { dossier: d.to_string(), outcome: Outcome::Admitted }
    }

    #[test]
    fn unranked_dossiers_depart_when_admitted_and_a_large_list_goes_over_budget() {
        let mut session = fixture::session(3, 3, 1);
        session.definition.budget.available_eur = 1_300_000;
        let ids: Vec<String> = session.dossiers.iter().map(|d| d.id.clone()).collect();
        let state = SessionState::new(std::sync::Arc::new(session));
        let ranking = crate::rules::ranking(&state);
        // 600,000 € alone fits; with 700,000 € more it is 1,300,000 €, still
        // within; all three (2,100,000 €) are over.
        let one = motion_check(&state, &ranking, &[admit(&ids[0])]);
        assert_eq!(one, MotionCheck { departing: vec![ids[0].clone()], over_budget: false });
        assert!(one.needs_rationale());
        assert!(!motion_check(&state, &ranking, &[admit(&ids[0]), admit(&ids[1])]).over_budget);
        let all: Vec<Proposal> = ids.iter().map(|d| admit(d)).collect();
        assert_eq!(motion_check(&state, &ranking, &all).departing, ids);
        assert!(motion_check(&state, &ranking, &all).over_budget);
        let not = Proposal { dossier: ids[1].clone(), outcome: Outcome::NotAdmitted };
        assert_eq!(motion_check(&state, &ranking, &[not]), MotionCheck::default());
        assert!(!MotionCheck::default().needs_rationale());
    }
}
