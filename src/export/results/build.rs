//! Building the results document from the state of a session.

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::domain::{Ballot, Outcome, SessionState, Vote, VoteEntry, VoteSubject};
use crate::export::RESULTS_FORMAT;
use crate::rules::{self, Counts, DecidedList, Place, Ranking, VoteReason};

/// What the document says about the export itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    /// The hash of the record's last line.
    pub record_last_hash: String,
    pub exported_at: DateTime<FixedOffset>,
    /// The generator's version (the crate version; fixed in golden tests).
    pub generator_version: String,
}

impl Results {
    /// The results as the record stands.
    pub fn build(state: &SessionState, meta: &ExportMeta) -> Results {
        let ranking = rules::ranking(state);
        let list = rules::decided_with(state, &ranking);
        Results::build_with(state, &ranking, &list, meta)
    }

    /// [`Results::build`] with the ranking and decided list at hand.
    pub fn build_with(
        state: &SessionState,
        ranking: &Ranking,
        list: &DecidedList,
        meta: &ExportMeta,
    ) -> Results {
        let session = &state.session;
        let def = &session.definition;
        let p = &state.proceedings;
        let members = def
            .members
            .iter()
            .map(|m| {
                let attendance = p.attendance.get(&m.id);
                MemberResult {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    organisation: m.organisation.clone(),
                    role: m.role,
                    voting: m.is_voting(),
                    present: attendance
                        .map(|a| {
                            a.periods
                                .iter()
                                .map(|x| PresenceResult { from: x.from, until: x.until, late: x.late })
                                .collect()
                        })
                        .unwrap_or_default(),
                    marked_absent_at: attendance.and_then(|a| a.marked_absent),
                }
            })
            .collect();
        let mut conflicts: Vec<ConflictResult> = def
            .conflicts
            .iter()
            .map(|c| ConflictResult {
                member: c.member.clone(),
                dossier: c.dossier.clone(),
                reason: c.reason.clone(),
                declared: Declared::InAdvance,
                at: None,
            })
            .collect();
        let mut live: Vec<_> = p.live_conflicts.iter().collect();
        live.sort_by_key(|(_, c)| c.seq);
        conflicts.extend(live.into_iter().map(|((member, dossier), c)| ConflictResult {
            member: member.clone(),
            dossier: dossier.clone(),
            reason: c.reason.clone(),
            declared: Declared::Live,
            at: Some(c.at),
        }));

        let amended = |seq: u64| p.amendments.iter().any(|a| a.seq == seq);
        let votes: Vec<VoteResult> = p.votes.iter().map(|v| vote_result(state, v, amended(v.seq))).collect();
        let dossiers = p
            .agenda
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| session.dossier(id).map(|d| (i, d)))
            .map(|(i, d)| {
                let ranked = ranking.get(&d.id);
                let round = state.round(&d.id);
                let revealed = p.reveals.contains_key(&(d.id.clone(), round));
                let mut own = Vec::new();
                let mut en_bloc = Vec::new();
                for (entry, result) in p.votes.iter().zip(&votes) {
                    match &entry.vote.subject {
                        VoteSubject::Dossier { dossier, .. } if dossier == &d.id => own.push(result.clone()),
                        VoteSubject::EnBloc { items } if items.iter().any(|x| x.dossier == d.id) => {
                            en_bloc.push(entry.seq)
                        }
                        _ => {}
                    }
                }
                DossierResult {
                    id: d.id.clone(),
                    municipality: d.municipality.clone(),
                    area: d.area.name.clone(),
                    county: d.county.clone(),
                    region: d.region.clone(),
                    rural: d.rural,
                    requested_eur: d.funding.requested_eur,
                    agenda_position: i as u32 + 1,
                    time_spent_seconds: state.time_spent(&d.id, meta.exported_at).num_seconds(),
                    eligible: d.failed_checks(&def.eligibility).next().is_none(),
                    failed_checks: d.failed_checks(&def.eligibility).map(|c| c.id.clone()).collect(),
                    rounds: (1..=round).map(|r| round_result(state, &d.id, r)).collect(),
                    counting_round: revealed.then_some(round),
                    total: ranked.map(|r| r.total.value),
                    percent: ranked.map(|r| r.total.percent),
                    rank: ranked.map(|r| r.rank),
                    tied: ranked.is_some_and(|r| r.tied),
                    proposed: ranked.map(|r| match r.place {
                        Place::Proposed => DecisionPlace { outcome: OutcomeName::Admitted, position: None },
                        Place::WaitingList { position } => {
                            DecisionPlace { outcome: OutcomeName::WaitingList, position: Some(position) }
                        }
                        Place::NotAdmitted => {
                            DecisionPlace { outcome: OutcomeName::NotAdmitted, position: None }
                        }
                    }),
                    cumulative_eur: ranked.map(|r| r.cumulative_eur),
                    votes: own,
                    en_bloc_votes: en_bloc,
                    decision: p.decisions.get(&d.id).map(|e| {
                        let place = place(e.outcome);
                        DecisionResult {
                            outcome: place.outcome,
                            position: place.position,
                            rationale: e.rationale.clone(),
                            departs_from_ranking: e.departs_from_ranking,
                            vote: e.vote,
                            deferral: e.deferral,
                            at: e.at,
                            amended: amended(e.seq),
                        }
                    }),
                }
            })
            .collect();
        let en_bloc_votes = p
            .votes
            .iter()
            .zip(&votes)
            .filter(|(e, _)| matches!(e.vote.subject, VoteSubject::EnBloc { .. }))
            .map(|(_, v)| v.clone())
            .collect();

        Results {
            format: RESULTS_FORMAT.to_string(),
            draft: !state.is_signed_off(),
            session: SessionInfo {
                id: def.id.clone(),
                title: def.title.clone(),
                programme: def.programme.clone(),
                date: def.date,
                place: def.place.clone(),
                language: def.language,
                chair: def.chair().map(|c| c.id.clone()).unwrap_or_default(),
                secretary: def.secretary.clone(),
                rules: def.rules.clone(),
                budget: def.budget.clone(),
                scale: def.scale,
                criteria: def.criteria.clone(),
                eligibility: def.eligibility.clone(),
            },
            record: RecordIdentity {
                session_id: def.id.clone(),
                last_hash: meta.record_last_hash.clone(),
                events: state.meta.events,
            },
            generator: Generator { name: "gremium".into(), version: meta.generator_version.clone() },
            exported_at: meta.exported_at,
            duly_invited: p.duly_invited,
            members,
            conflicts,
            dossiers,
            en_bloc_votes,
            admission_list: list.admitted.clone(),
            waiting_list: list
                .waiting
                .iter()
                .map(|(position, id)| WaitingEntry { position: *position, id: id.clone() })
                .collect(),
            not_admitted: list.not_admitted.clone(),
            deferred: list.deferred.clone(),
            undecided: list.undecided.clone(),
            admission_eur: list.admitted_eur,
            available_eur: def.budget.available_eur,
            remaining_eur: list.remaining_eur,
            notes: p
                .notes
                .iter()
                .map(|n| NoteResult { at: n.at, dossier: n.dossier.clone(), text: n.text.clone() })
                .collect(),
            ballots: ballots(state),
            sign_off: p.signed_off.as_ref().map(|s| SignOffResult {
                by: session.member(&s.by).map_or_else(|| s.by.clone(), |m| m.name.clone()),
                member: s.by.clone(),
                at: s.at,
            }),
            amendments: p
                .amendments
                .iter()
                .map(|a| AmendmentResult {
                    at: a.at,
                    reason: a.reason.clone(),
                    change: serde_json::to_value(&a.change).unwrap_or(serde_json::Value::Null),
                })
                .collect(),
            integrity: None,
        }
    }
}

/// An outcome in the document's terms.
pub(crate) fn place(outcome: Outcome) -> DecisionPlace {
    match outcome {
        Outcome::Admitted => DecisionPlace { outcome: OutcomeName::Admitted, position: None },
        Outcome::WaitingList { position } => {
            DecisionPlace { outcome: OutcomeName::WaitingList, position: Some(position) }
        }
        Outcome::NotAdmitted => DecisionPlace { outcome: OutcomeName::NotAdmitted, position: None },
        Outcome::Deferred => DecisionPlace { outcome: OutcomeName::Deferred, position: None },
    }
}

fn round_result(state: &SessionState, dossier: &str, round: u32) -> RoundResult {
    let def = &state.session.definition;
    let entered = state.round_scores(dossier, round).count() as u32;
    let Some(reveal) = state.proceedings.reveals.get(&(dossier.to_string(), round)) else {
        return RoundResult {
            round,
            revealed: None,
            entered,
            scores: Vec::new(),
            criteria: Vec::new(),
            total: None,
            percent: None,
        };
    };
    let result = rules::round_result(state, dossier, round);
    let mut scores = Vec::new();
    for c in &result.criteria {
        for m in &def.members {
            if let Some(value) = c.scores.get(&m.id) {
                scores.push(ScoreResult {
                    member: m.id.clone(),
                    criterion: c.criterion.clone(),
                    value: *value,
                    from_ballot: state.is_from_ballot(dossier, round, &m.id, &c.criterion),
                });
            }
        }
    }
    RoundResult {
        round,
        revealed: Some(RevealResult { at: reveal.at, early: reveal.early }),
        entered,
        scores,
        criteria: result
            .criteria
            .iter()
            .map(|c| CriterionAggregate {
                criterion: c.criterion.clone(),
                aggregate: c.aggregate,
                spread: c.spread,
                disagreement: c.disagreement,
            })
            .collect(),
        total: result.total.map(|t| t.value),
        percent: result.total.map(|t| t.percent),
    }
}

fn vote_result(state: &SessionState, entry: &VoteEntry, amended: bool) -> VoteResult {
    let Vote { subject, motion, yes, no, abstain, ballots, tie_choice, .. } = &entry.vote;
    let v = &entry.vote;
    let rules = &state.session.definition.rules;
    let chair = state.session.definition.chair().map(|c| c.id.as_str());
    let chair_ballot: Option<Ballot> = tie_choice.or_else(|| chair.and_then(|c| ballots.get(c)).copied());
    let counts = Counts { yes: *yes, no: *no, abstain: *abstain };
    let found = rules::vote_result(counts, rules.majority, rules.tie, v.quorum.present, chair_ballot);
    VoteResult {
        vote: entry.seq,
        at: entry.at,
        items: subject
            .items()
            .into_iter()
            .map(|i| {
                let place = place(i.outcome);
                VoteItem { dossier: i.dossier, outcome: place.outcome, position: place.position }
            })
            .collect(),
        motion: motion.clone(),
        yes: *yes,
        no: *no,
        abstain: *abstain,
        ballots: ballots.iter().map(|(m, b)| (m.clone(), BallotName::from(*b))).collect(),
        tie_choice: tie_choice.map(BallotName::from),
        majority: rules.majority,
        needed: found.needed,
        result: match found.reason {
            VoteReason::MajorityReached => VoteReasonName::MajorityReached,
            VoteReason::MajorityMissed => VoteReasonName::MajorityMissed,
            VoteReason::TieChairDecidedYes => VoteReasonName::TieChairDecidedYes,
            VoteReason::TieChairDecidedNo => VoteReasonName::TieChairDecidedNo,
            VoteReason::TieRejected => VoteReasonName::TieRejected,
            VoteReason::NoVotesForOrAgainst => VoteReasonName::NoVotesForOrAgainst,
        },
        // What was recorded stands, also should the rules be read differently later.
        carried: v.carried,
        quorum: QuorumResult {
            present: v.quorum.present,
            required: v.quorum.required,
            held: v.quorum.held(),
        },
        rationale: v.rationale.clone(),
        departing: v.departing.clone(),
        over_budget: v.over_budget,
        amended,
    }
}

/// The ballots imported (and not undone), in record order.
fn ballots(state: &SessionState) -> Vec<super::BallotResult> {
    let imports = state.ballot_imports();
    imports
        .iter()
        .map(|&(_, at, i)| super::BallotResult {
            at,
            member: i.member.clone(),
            file: i.file.clone(),
            sha256: i.sha256.clone(),
            signer: i.signer.clone(),
            scores: u32::try_from(i.scores.len()).unwrap_or(u32::MAX),
            refused: i
                .refused
                .iter()
                .map(|r| super::BallotRefusedResult {
                    dossier: r.dossier.clone(),
                    reason: match r.reason {
                        crate::domain::BallotRefusalReason::Conflict => "conflict",
                        crate::domain::BallotRefusalReason::Revealed => "revealed",
                        crate::domain::BallotRefusalReason::ScoredInSession => "scored_in_session",
                    }
                    .to_string(),
                })
                .collect(),
            remarks: i.remarks.clone(),
            replaces: i
                .replaces
                .and_then(|seq| imports.iter().find(|(s, _, _)| *s == seq).map(|(_, at, _)| *at)),
        })
        .collect()
}
