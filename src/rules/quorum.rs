//! Quorum (§ 90 VwVfG): all members duly invited, and more than
//! `min_present_share` of the voting members and at least `min_present`
//! voting members present. Per agenda item only present voting members
//! without a conflict of interest on it count; the voting membership as a
//! whole stays the measure.

use crate::domain::{QuorumRule, SessionState};

/// The quorum finding at one moment, for the session or one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    /// Voting members counted as present (for an item: without a conflict).
    pub present: u32,
    /// Voting members of the committee.
    pub voting_members: u32,
    /// How many must be present.
    pub required: u32,
    pub duly_invited: bool,
}

impl Quorum {
    pub fn reached(&self) -> bool {
        self.duly_invited && self.present >= self.required
    }

    /// How many more must arrive (0 when enough are present).
    pub fn missing(&self) -> u32 {
        self.required.saturating_sub(self.present)
    }
}

/// The smallest number of present voting members that is "more than
/// `share` of `voting_members`" and at least `min_present`.
pub fn required_present(rule: &QuorumRule, voting_members: u32) -> u32 {
    let share = rule.min_present_share.clamp(0.0, 1.0) * f64::from(voting_members);
    // 0.5 × 8 is exactly 4, so 5 are needed; guard against 0.29 × 100
    // coming out as 28.999…
    let whole = if (share - share.round()).abs() < 1e-9 { share.round() } else { share.floor() };
    let more_than = (whole as u32).saturating_add(1);
    more_than.max(rule.min_present)
}

/// Quorum of the session as a whole: present voting members.
pub fn session_quorum(state: &SessionState) -> Quorum {
    let def = &state.session.definition;
    let voting_members = def.voting_members().count() as u32;
    let present = def.voting_members().filter(|m| state.is_present(&m.id)).count() as u32;
    Quorum {
        present,
        voting_members,
        required: required_present(&def.rules.quorum, voting_members),
        duly_invited: state.proceedings.duly_invited,
    }
}

/// Quorum for one agenda item: present voting members without a conflict
/// of interest on that dossier.
pub fn item_quorum(state: &SessionState, dossier: &str) -> Quorum {
    subject_quorum(state, &[dossier.to_string()])
}

/// Quorum for a vote on several items at once (en bloc): present voting
/// members without a conflict of interest on any of them.
///
/// Items taken up on a second invitation the chair confirmed (§ 90 Abs. 2
/// VwVfG) need nobody in particular: when every item of the subject is
/// such an item, none are required.
pub fn subject_quorum(state: &SessionState, dossiers: &[String]) -> Quorum {
    let def = &state.session.definition;
    let voting_members = def.voting_members().count() as u32;
    let second_invitation = !dossiers.is_empty() && dossiers.iter().all(|d| state.reinvited(d));
    Quorum {
        present: state.eligible_members(dossiers).len() as u32,
        voting_members,
        required: if second_invitation { 0 } else { required_present(&def.rules.quorum, voting_members) },
        duly_invited: state.proceedings.duly_invited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(share: f64, min: u32) -> QuorumRule {
        QuorumRule { min_present_share: share, min_present: min }
    }

    #[test]
    fn more_than_half_and_at_least_three() {
        let r = rule(0.5, 3);
        assert_eq!(required_present(&r, 8), 5);
        assert_eq!(required_present(&r, 9), 5);
        assert_eq!(required_present(&r, 10), 6);
        assert_eq!(required_present(&r, 4), 3);
        assert_eq!(required_present(&r, 2), 3);
        assert_eq!(required_present(&r, 0), 3);
    }

    #[test]
    fn shares_that_floats_get_wrong() {
        assert_eq!(required_present(&rule(0.29, 0), 100), 30);
        assert_eq!(required_present(&rule(0.6, 0), 10), 7);
        assert_eq!(required_present(&rule(0.7, 0), 10), 8);
        assert_eq!(required_present(&rule(2.0 / 3.0, 0), 9), 7);
        assert_eq!(required_present(&rule(1.0, 0), 9), 10);
    }

    #[test]
    fn quorum_needs_the_invitation_too() {
        let q = Quorum { present: 6, voting_members: 8, required: 5, duly_invited: false };
        assert!(!q.reached());
        assert!(Quorum { duly_invited: true, ..q }.reached());
        assert_eq!(Quorum { present: 3, ..q }.missing(), 2);
    }
}
