//! Majority and tie rules (PRODUCT.md §3, § 91 VwVfG): whether a motion is
//! carried by the counts, and how many yes votes it needed, which the
//! minutes show as the arithmetic behind the finding.

use crate::domain::{Ballot, Majority, TieRule};

/// Votes cast: yes, no, abstain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

/// Why a motion was carried or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteReason {
    MajorityReached,
    MajorityMissed,
    /// A tie under simple majority, decided by the chair's yes.
    TieChairDecidedYes,
    /// A tie under simple majority, decided by the chair's no.
    TieChairDecidedNo,
    /// A tie under simple majority that nobody decided: rejected.
    TieRejected,
    /// Everyone abstained.
    NoVotesForOrAgainst,
}

/// The finding on a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteResult {
    pub carried: bool,
    pub reason: VoteReason,
    pub majority: Majority,
    /// The smallest number of yes votes that would have carried it: given
    /// the no votes (simple), the eligible voters present (absolute), or
    /// the yes and no votes cast (two thirds).
    pub needed: u32,
    pub counts: Counts,
    /// Eligible voters present.
    pub eligible: u32,
}

/// Apply the majority and tie rules to `counts`. `chair_ballot` is how the
/// chair voted, if known; it matters only for a tie under simple majority
/// with `tie: chair_decides`. Under a qualified majority a tie simply
/// misses it (docs/decisions.md).
pub fn vote_result(
    counts: Counts,
    majority: Majority,
    tie: TieRule,
    eligible_present: u32,
    chair_ballot: Option<Ballot>,
) -> VoteResult {
    let Counts { yes, no, .. } = counts;
    let (yes64, no64) = (u64::from(yes), u64::from(no));
    let needed = match majority {
        Majority::Simple => no.saturating_add(1),
        Majority::Absolute => eligible_present / 2 + 1,
        // ⌈2·(yes + no) / 3⌉, and at least one.
        Majority::TwoThirds => (((yes64 + no64) * 2).div_ceil(3)).max(1).min(u64::from(u32::MAX)) as u32,
    };
    let (carried, reason) = if yes == 0 && no == 0 {
        (false, VoteReason::NoVotesForOrAgainst)
    } else {
        match majority {
            Majority::Simple if yes == no => match (tie, chair_ballot) {
                (TieRule::ChairDecides, Some(Ballot::Yes)) => (true, VoteReason::TieChairDecidedYes),
                (TieRule::ChairDecides, Some(Ballot::No)) => (false, VoteReason::TieChairDecidedNo),
                _ => (false, VoteReason::TieRejected),
            },
            Majority::Simple => reached(yes > no),
            Majority::Absolute => reached(2 * yes64 > u64::from(eligible_present)),
            Majority::TwoThirds => reached(3 * yes64 >= 2 * (yes64 + no64)),
        }
    };
    VoteResult { carried, reason, majority, needed, counts, eligible: eligible_present }
}

fn reached(carried: bool) -> (bool, VoteReason) {
    if carried { (true, VoteReason::MajorityReached) } else { (false, VoteReason::MajorityMissed) }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Ballot::{Abstain, No, Yes};
    use Majority::{Absolute, Simple, TwoThirds};
    use TieRule::{ChairDecides, Rejected};
    use VoteReason::*;

    /// (majority, tie, yes, no, abstain, eligible, chair, carried, reason, needed)
    type Case = (Majority, TieRule, u32, u32, u32, u32, Option<Ballot>, bool, VoteReason, u32);

    #[test]
    fn the_table_of_cases() {
        // (majority, tie, yes, no, abstain, eligible, chair, carried, reason, needed)
        #[rustfmt::skip]
        let cases: &[Case] = &[
            (Simple, ChairDecides, 5, 3, 0, 8, None, true, MajorityReached, 4),
            (Simple, ChairDecides, 3, 5, 0, 8, None, false, MajorityMissed, 6),
            (Simple, ChairDecides, 2, 1, 5, 8, None, true, MajorityReached, 2),
            (Simple, ChairDecides, 1, 0, 7, 8, None, true, MajorityReached, 1),
            (Simple, ChairDecides, 0, 0, 8, 8, None, false, NoVotesForOrAgainst, 1),
            (Simple, ChairDecides, 0, 0, 8, 8, Some(Yes), false, NoVotesForOrAgainst, 1),
            // Ties under simple majority.
            (Simple, ChairDecides, 1, 1, 0, 2, Some(Yes), true, TieChairDecidedYes, 2),
            (Simple, ChairDecides, 3, 3, 1, 7, Some(Yes), true, TieChairDecidedYes, 4),
            (Simple, ChairDecides, 3, 3, 1, 7, Some(No), false, TieChairDecidedNo, 4),
            (Simple, ChairDecides, 3, 3, 1, 7, Some(Abstain), false, TieRejected, 4),
            (Simple, ChairDecides, 3, 3, 0, 7, None, false, TieRejected, 4),
            (Simple, Rejected, 3, 3, 0, 6, Some(Yes), false, TieRejected, 4),
            (Simple, Rejected, 1, 1, 0, 2, None, false, TieRejected, 2),
            // Absolute: more than half of the eligible voters present.
            (Absolute, ChairDecides, 5, 0, 3, 8, None, true, MajorityReached, 5),
            (Absolute, ChairDecides, 4, 0, 4, 8, None, false, MajorityMissed, 5),
            (Absolute, ChairDecides, 4, 1, 2, 7, None, true, MajorityReached, 4),
            (Absolute, ChairDecides, 3, 1, 3, 7, None, false, MajorityMissed, 4),
            (Absolute, ChairDecides, 4, 4, 0, 8, Some(Yes), false, MajorityMissed, 5),
            (Absolute, Rejected, 0, 0, 5, 5, None, false, NoVotesForOrAgainst, 3),
            // Two thirds of yes + no, abstentions excluded.
            (TwoThirds, ChairDecides, 6, 3, 0, 9, None, true, MajorityReached, 6),
            (TwoThirds, ChairDecides, 5, 3, 0, 8, None, false, MajorityMissed, 6),
            (TwoThirds, ChairDecides, 4, 2, 3, 9, None, true, MajorityReached, 4),
            (TwoThirds, ChairDecides, 2, 1, 0, 3, None, true, MajorityReached, 2),
            (TwoThirds, ChairDecides, 1, 1, 0, 2, Some(Yes), false, MajorityMissed, 2),
            (TwoThirds, Rejected, 1, 1, 0, 2, None, false, MajorityMissed, 2),
            (TwoThirds, ChairDecides, 1, 0, 6, 7, None, true, MajorityReached, 1),
            (TwoThirds, ChairDecides, 0, 1, 0, 1, None, false, MajorityMissed, 1),
            (TwoThirds, ChairDecides, 0, 0, 4, 4, None, false, NoVotesForOrAgainst, 1),
            (TwoThirds, ChairDecides, 7, 4, 0, 11, None, false, MajorityMissed, 8),
            (TwoThirds, ChairDecides, 8, 4, 0, 12, None, true, MajorityReached, 8),
        ];
        for (i, &(majority, tie, yes, no, abstain, eligible, chair, carried, reason, needed)) in
            cases.iter().enumerate()
        {
            let counts = Counts { yes, no, abstain };
            let r = vote_result(counts, majority, tie, eligible, chair);
            assert_eq!(
                r,
                VoteResult { carried, reason, majority, needed, counts, eligible },
                "case {i}: {majority:?} {tie:?} {yes}:{no}:{abstain} of {eligible}, chair {chair:?}"
            );
        }
    }

    #[test]
    fn needed_yes_votes_carry_and_one_fewer_does_not() {
        for majority in [Simple, Absolute, TwoThirds] {
            for no in 0..6 {
                for eligible in 1..14u32 {
                    let r =
                        vote_result(Counts { yes: 0, no, abstain: 0 }, majority, Rejected, eligible, None);
                    // Two thirds: `needed` is measured on the votes cast,
                    // so check it on the cast it was computed from.
                    if majority == TwoThirds {
                        continue;
                    }
                    let n = r.needed;
                    let with =
                        |yes| vote_result(Counts { yes, no, abstain: 0 }, majority, Rejected, eligible, None);
                    assert!(with(n).carried, "{majority:?} no {no} eligible {eligible}");
                    assert!(n == 0 || !with(n - 1).carried, "{majority:?} no {no} eligible {eligible}");
                }
            }
        }
        for cast in 1..30u32 {
            let needed =
                vote_result(Counts { yes: cast, no: 0, abstain: 0 }, TwoThirds, Rejected, cast, None).needed;
            let at = |yes: u32| {
                vote_result(Counts { yes, no: cast - yes, abstain: 0 }, TwoThirds, Rejected, cast, None)
            };
            assert!(at(needed).carried, "cast {cast}");
            assert!(!at(needed - 1).carried, "cast {cast}");
        }
    }
}
