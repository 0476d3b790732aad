//! What an action replaced, so that undo can put it back exactly.
//!
//! Each action records only the values it overwrote (not a copy of the
//! state), which keeps replay of long records cheap.

use chrono::TimeDelta;

use super::{Attendance, CurrentItem, DecisionEntry, LiveConflict, Reveal, ScoreKey, SessionState};
use crate::domain::event::EventKind;

/// The values an action overwrote.
#[derive(Debug, Clone, PartialEq)]
pub enum Prior {
    /// The action changed nothing (it named something unknown).
    Nothing,
    DulyInvited(bool),
    // The larger priors are boxed: an action keeps its prior for undo, and
    // a session keeps every action, so `Prior` stays as small as a score's.
    Attendance(Box<Option<Attendance>>),
    Conflict(Box<Option<LiveConflict>>),
    /// An agenda move: the index the item came from.
    Moved(usize),
    Agenda(Box<AgendaPrior>),
    Round(Option<u32>),
    /// A score: its value before, and whether that value was from a ballot.
    Score(Option<f64>, bool),
    /// A ballot imported.
    Ballot(Box<BallotPrior>),
    /// A review started: the review before (none).
    Review(Box<Option<super::Review>>),
    /// A review score or note: its value before.
    ReviewScore(Option<f64>),
    ReviewNote(Option<String>),
    Reveal(Box<Option<Reveal>>),
    Decision(Option<Box<DecisionEntry>>),
    /// A vote was appended; when carried, the decisions it replaced, by
    /// dossier, in the order set.
    Vote(Vec<(String, Option<DecisionEntry>)>),
    /// A note was appended.
    Pushed,
    /// Lots drawn: the entry appended.
    Lot,
    /// A suggestion dismissed (it was not before).
    Dismissed,
    /// A conflict decided: the decision and the live conflict before.
    ConflictDecision(Box<(Option<super::ConflictDecision>, Option<super::LiveConflict>)>),
    /// A second invitation confirmed: what it replaced.
    Reinvitation(Option<(u64, chrono::DateTime<chrono::FixedOffset>)>),
    /// A result confirmed: the confirmation it replaced.
    Confirmation(Box<Option<super::Confirmation>>),
}

/// What importing a ballot replaced: the member's ballot before, and each
/// score touched in order (its value before, and whether that was from a
/// ballot).
#[derive(Debug, Clone, PartialEq)]
pub struct BallotPrior {
    pub ballot: Option<super::BallotEntry>,
    pub scores: Vec<(ScoreKey, Option<f64>, bool)>,
}

/// What opening, closing or deferring an item replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaPrior {
    pub current: Option<CurrentItem>,
    /// The item whose time was credited, and its time before.
    pub credited: Option<(String, Option<TimeDelta>)>,
    /// Whether the event's item was deferred before.
    pub deferred: bool,
}

impl SessionState {
    /// Put back what `kind` replaced.
    pub(super) fn restore(&mut self, kind: &EventKind, prior: Prior) {
        let p = &mut self.proceedings;
        match (kind, prior) {
            (_, Prior::Nothing) => {}
            (_, Prior::DulyInvited(b)) => p.duly_invited = b,
            (
                EventKind::MemberMarkedPresent { member, .. }
                | EventKind::MemberMarkedAbsent { member, .. }
                | EventKind::MemberArrived { member, .. }
                | EventKind::MemberLeft { member, .. },
                Prior::Attendance(before),
            ) => put(&mut p.attendance, member.clone(), *before),
            (EventKind::ConflictDeclared { member, dossier, .. }, Prior::Conflict(before)) => {
                put(&mut p.live_conflicts, (member.clone(), dossier.clone()), *before)
            }
            (EventKind::AgendaItemMoved { dossier, .. }, Prior::Moved(from)) => {
                let order = &mut p.agenda.order;
                if let Some(now) = order.iter().position(|d| d == dossier) {
                    let item = order.remove(now);
                    order.insert(from.min(order.len()), item);
                }
            }
            (
                EventKind::AgendaItemOpened { dossier }
                | EventKind::AgendaItemClosed { dossier }
                | EventKind::AgendaItemDeferred { dossier, .. },
                Prior::Agenda(before),
            ) => {
                let agenda = &mut p.agenda;
                agenda.current = before.current;
                if let Some((item, time)) = before.credited {
                    put(&mut agenda.time_spent, item, time);
                }
                if before.deferred {
                    agenda.deferred.insert(dossier.clone());
                } else {
                    agenda.deferred.remove(dossier);
                }
            }
            (EventKind::ScoringRoundOpened { dossier, .. }, Prior::Round(before)) => {
                put(&mut p.rounds, dossier.clone(), before)
            }
            (
                EventKind::ScoreEntered { dossier, round, member, criterion, .. }
                | EventKind::ScoreCorrected { dossier, round, member, criterion, .. },
                Prior::Score(before, was_from_ballot),
            ) => {
                let n = &mut self.names;
                let key = ScoreKey {
                    dossier: n.intern(dossier),
                    round: *round,
                    member: n.intern(member),
                    criterion: n.intern(criterion),
                };
                put(&mut p.scores, key, before);
                if was_from_ballot {
                    p.from_ballot.insert(key);
                }
            }
            (EventKind::ReviewStarted { .. }, Prior::Review(before)) => p.review = *before,
            (EventKind::ReviewScoreGiven { dossier, criterion, .. }, Prior::ReviewScore(before)) => {
                if let Some(r) = p.review.as_mut() {
                    put(&mut r.scores, (dossier.clone(), criterion.clone()), before);
                }
            }
            (EventKind::ReviewNoteWritten { dossier, shared, .. }, Prior::ReviewNote(before)) => {
                if let Some(r) = p.review.as_mut() {
                    put(if *shared { &mut r.remarks } else { &mut r.notes }, dossier.clone(), before);
                }
            }
            (EventKind::BallotImported(import), Prior::Ballot(before)) => {
                let BallotPrior { ballot, scores } = *before;
                for (key, value, was_from_ballot) in scores.into_iter().rev() {
                    put(&mut p.scores, key, value);
                    if was_from_ballot {
                        p.from_ballot.insert(key);
                    } else {
                        p.from_ballot.remove(&key);
                    }
                }
                put(&mut p.ballots, import.member.clone(), ballot);
            }
            (EventKind::ScoresRevealed { dossier, round, .. }, Prior::Reveal(before)) => {
                put(&mut p.reveals, (dossier.clone(), *round), *before)
            }
            (EventKind::DecisionRecorded { dossier, .. }, Prior::Decision(before)) => {
                put(&mut p.decisions, dossier.clone(), before.map(|b| *b))
            }
            (EventKind::VoteRecorded(_), Prior::Vote(replaced)) => {
                p.votes.pop();
                for (dossier, before) in replaced.into_iter().rev() {
                    put(&mut p.decisions, dossier, before);
                }
            }
            (EventKind::ReinvitationConfirmed { dossier }, Prior::Reinvitation(before)) => {
                put(&mut p.reinvitations, dossier.clone(), before)
            }
            (EventKind::ConflictDecided { member, dossier, .. }, Prior::ConflictDecision(before)) => {
                let key = (member.clone(), dossier.clone());
                let (decision, conflict) = *before;
                put(&mut p.conflict_decisions, key.clone(), decision);
                put(&mut p.live_conflicts, key, conflict);
            }
            (EventKind::ConflictSuggestionDismissed { member, dossier }, Prior::Dismissed) => {
                p.dismissed.remove(&(member.clone(), dossier.clone()));
            }
            (EventKind::LotsDrawn { .. }, Prior::Lot) => {
                p.lots.pop();
            }
            (EventKind::ResultConfirmed { dossier, .. }, Prior::Confirmation(before)) => {
                put(&mut p.confirmations, dossier.clone(), *before)
            }
            (EventKind::NoteAdded { .. }, Prior::Pushed) => {
                p.notes.pop();
            }
            // apply() pairs every kind with its own prior; other pairs do
            // not arise.
            _ => {}
        }
    }
}

fn put<K: Ord, V>(map: &mut std::collections::BTreeMap<K, V>, key: K, value: Option<V>) {
    match value {
        Some(v) => {
            map.insert(key, v);
        }
        None => {
            map.remove(&key);
        }
    }
}
