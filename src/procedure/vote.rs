//! Checking a vote (PRODUCT.md §2 step 8, §3): known and open items,
//! quorum, counts that can stand, ballots and the chair's tie choice; then
//! the result under the majority and tie rules, and whether the motion
//! departs from the ranking or goes over the budget, so that the record
//! states what the chair saw.

use std::collections::{BTreeMap, BTreeSet};

use super::command::DomainError;
use super::decide::Procedure;
use crate::domain::{Ballot, Majority, Outcome, TieRule, Vote, VoteQuorum, VoteSubject};
use crate::rules::{self, Counts};

impl Procedure<'_> {
    /// The vote to record, without motion and rationale, or why it cannot
    /// be recorded. `amending`: an amendment may replace a decision.
    pub(super) fn decide_vote(
        &self,
        subject: &VoteSubject,
        counts: Counts,
        ballots: BTreeMap<String, Ballot>,
        tie_choice: Option<Ballot>,
        amending: bool,
    ) -> Result<Vote, DomainError> {
        let items = subject.items();
        if items.is_empty() {
            return Err(DomainError::EmptyEnBloc);
        }
        for item in &items {
            self.known_dossier(&item.dossier)?;
        }
        if items.iter().any(|i| matches!(i.outcome, Outcome::WaitingList { position: 0 })) {
            return Err(DomainError::BadWaitingPosition);
        }
        let mut positions = BTreeSet::new();
        for item in &items {
            if let Outcome::WaitingList { position } = item.outcome
                && !positions.insert(position)
            {
                return Err(DomainError::SamePosition(position));
            }
        }
        // A vote marked by a conflict that came to light after it may be
        // taken again.
        let marked: BTreeSet<String> =
            rules::late_conflicts(self).into_iter().filter(|c| c.is_open()).map(|c| c.dossier).collect();
        for item in &items {
            let decided = self.proceedings.decisions.get(&item.dossier);
            if !amending
                && !marked.contains(&item.dossier)
                && decided.is_some_and(|e| e.outcome != Outcome::Deferred)
            {
                return Err(DomainError::AlreadyDecided(item.dossier.clone()));
            }
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = items.iter().find(|i| !seen.insert(i.dossier.as_str())) {
            return Err(DomainError::DuplicateInVote(dup.dossier.clone()));
        }

        let dossiers = subject.dossiers();
        let quorum = rules::subject_quorum(self, &dossiers);
        if !quorum.duly_invited {
            return Err(DomainError::NotDulyInvited);
        }
        if !quorum.reached() {
            return Err(DomainError::NotQuorate { present: quorum.present, required: quorum.required });
        }
        let cast = counts.yes.saturating_add(counts.no).saturating_add(counts.abstain);
        if cast == 0 {
            return Err(DomainError::NoVotes);
        }
        if cast > quorum.present {
            return Err(DomainError::TooManyVotes { cast, eligible: quorum.present });
        }
        self.check_ballots(&ballots, &dossiers, counts)?;
        let chair_ballot = self.chair_ballot(&ballots, &dossiers, counts, tie_choice)?;

        let r = &self.session.definition.rules;
        let result = rules::vote_result(counts, r.majority, r.tie, quorum.present, chair_ballot);
        let check = rules::motion_check(self, &rules::ranking(self), &items);
        let over_budget = result.carried && check.over_budget;
        let departing = check.departing;
        let is_tie = counts.yes == counts.no && counts.yes > 0;
        let chair_decides = r.majority == Majority::Simple && r.tie == TieRule::ChairDecides;
        Ok(Vote {
            subject: subject.clone(),
            motion: None,
            yes: counts.yes,
            no: counts.no,
            abstain: counts.abstain,
            ballots,
            tie_choice: chair_ballot.filter(|b| *b != Ballot::Abstain && is_tie && chair_decides),
            carried: result.carried,
            rationale: None,
            departs_from_ranking: !departing.is_empty(),
            departing,
            over_budget,
            quorum: VoteQuorum { present: quorum.present, required: quorum.required },
        })
    }

    /// Ballots by name come from eligible voters and add up to the counts.
    fn check_ballots(
        &self,
        ballots: &BTreeMap<String, Ballot>,
        dossiers: &[String],
        counts: Counts,
    ) -> Result<(), DomainError> {
        for member in ballots.keys() {
            let m = self.known_member(member)?;
            if !m.is_voting() {
                return Err(DomainError::NotVoting(member.clone()));
            }
            if !self.is_present(member) {
                return Err(DomainError::NotPresent(member.clone()));
            }
            if let Some(d) = dossiers.iter().find(|d| self.is_conflicted(member, d)) {
                return Err(DomainError::Conflicted { member: member.clone(), dossier: d.clone() });
            }
        }
        if !ballots.is_empty() {
            let count = |b| ballots.values().filter(|&&x| x == b).count() as u32;
            if (count(Ballot::Yes), count(Ballot::No), count(Ballot::Abstain))
                != (counts.yes, counts.no, counts.abstain)
            {
                return Err(DomainError::BallotsDisagree);
            }
        }
        Ok(())
    }

    /// How the chair voted, as far as it matters for a tie: the ballot by
    /// name when the vote was taken by name, else the tie choice given. The
    /// chair is the acting chair for the items (the deputy when the chair
    /// is absent or conflicted). A tie choice is only for a tie the chair
    /// decides under the rules, from a chair who votes on the item; it is
    /// needed when every eligible member voted (the chair did too), and an
    /// abstention only when one is counted.
    fn chair_ballot(
        &self,
        ballots: &BTreeMap<String, Ballot>,
        dossiers: &[String],
        counts: Counts,
        tie_choice: Option<Ballot>,
    ) -> Result<Option<Ballot>, DomainError> {
        let chair = self.acting_chair(dossiers).filter(|m| m.is_voting()).map(|m| m.id.as_str());
        let named = chair.and_then(|c| ballots.get(c)).copied();
        let r = &self.session.definition.rules;
        let is_tie = counts.yes == counts.no && counts.yes > 0;
        let chair_decides = r.majority == Majority::Simple && r.tie == TieRule::ChairDecides;
        let Some(choice) = tie_choice else {
            if !ballots.is_empty() {
                return Ok(named);
            }
            let cast = counts.yes.saturating_add(counts.no).saturating_add(counts.abstain);
            let everyone = cast == self.eligible_members(dossiers).len() as u32;
            if is_tie && chair_decides && chair.is_some() && everyone {
                return Err(DomainError::ChairVoteMissing);
            }
            return Ok(None);
        };
        if !is_tie {
            return Err(DomainError::TieChoiceWithoutTie);
        }
        if !chair_decides {
            return Err(DomainError::ChairDoesNotDecideTies);
        }
        if choice == Ballot::Abstain && counts.abstain == 0 {
            return Err(DomainError::ChairAbstentionNotCounted);
        }
        let Some(_) = chair else {
            let named_chair = self.session.definition.chair().map(|c| c.id.clone()).unwrap_or_default();
            return Err(DomainError::ChairNotEligible(named_chair));
        };
        if !ballots.is_empty() && named != Some(choice) {
            return Err(DomainError::TieChoiceDisagrees);
        }
        Ok(Some(choice))
    }
}
