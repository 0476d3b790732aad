//! A conflict of interest that comes to light after a vote on its item
//! (PRODUCT.md §3, § 20 Abs. 4, § 21 VwVfG): the member may have taken part
//! in a vote they were excluded from. The vote is marked until the
//! committee votes on the item again or records why the result stands.

use chrono::{DateTime, FixedOffset};

use crate::domain::SessionState;

/// How a marked vote was dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A new vote on the item after the conflict was declared (its `seq`).
    Revoted(u64),
    /// The committee recorded why the result stands.
    Confirmed { reason: String, seq: u64 },
}

/// A vote taken while a member later declared conflicted was present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateConflict {
    /// The vote's `seq`.
    pub vote: u64,
    pub dossier: String,
    pub member: String,
    /// When the conflict was declared.
    pub declared: DateTime<FixedOffset>,
    pub resolution: Option<Resolution>,
}

impl LateConflict {
    /// Still open: the sign-off checklist fails on it.
    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }
}

/// Every vote a conflict declared after it concerns, in record order.
pub fn late_conflicts(state: &SessionState) -> Vec<LateConflict> {
    let p = &state.proceedings;
    let mut out = Vec::new();
    for ((member, dossier), conflict) in &p.live_conflicts {
        let voting = state.session.member(member).is_some_and(|m| m.is_voting());
        if !voting {
            continue;
        }
        for v in p.votes.iter().filter(|v| v.seq < conflict.seq) {
            if !v.vote.subject.concerns(dossier) || !was_present(state, member, v.at) {
                continue;
            }
            let revoted = p
                .votes
                .iter()
                .find(|w| w.seq > conflict.seq && w.vote.subject.concerns(dossier))
                .map(|w| Resolution::Revoted(w.seq));
            let confirmed = p
                .confirmations
                .get(dossier)
                .filter(|c| c.seq > conflict.seq)
                .map(|c| Resolution::Confirmed { reason: c.reason.clone(), seq: c.seq });
            out.push(LateConflict {
                vote: v.seq,
                dossier: dossier.clone(),
                member: member.clone(),
                declared: conflict.at,
                resolution: revoted.or(confirmed),
            });
        }
    }
    out.sort_by(|a, b| (a.vote, &a.member).cmp(&(b.vote, &b.member)));
    out
}

/// Whether `member` was present at `at`.
fn was_present(state: &SessionState, member: &str, at: DateTime<FixedOffset>) -> bool {
    state
        .proceedings
        .attendance
        .get(member)
        .is_some_and(|a| a.periods.iter().any(|p| p.from <= at && p.until.is_none_or(|u| u > at)))
}
