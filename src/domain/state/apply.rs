//! Taking events into the state. Never fails on content: an event naming
//! something the session no longer has (inputs changed since) is kept as far
//! as it makes sense, never a panic.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::undo::{AgendaPrior, BallotPrior};
use super::{
    AmendmentEntry, ApplyError, BallotEntry, Confirmation, ConflictDecision, CurrentItem, DecisionEntry,
    Done, LiveConflict, LotEntry, NoteEntry, Opening, Presence, Prior, Reveal, ScoreKey, SessionState,
    SignOff, Undone, VoteEntry,
};
use crate::domain::event::{DeferralReason, EventKind, Outcome};

type At = DateTime<FixedOffset>;

impl SessionState {
    pub(super) fn apply_parts(&mut self, seq: u64, at: At, kind: EventKind) -> Result<(), ApplyError> {
        // Undoing or redoing an action, or amending, touches what the
        // action itself touches.
        let touched = match &kind {
            EventKind::Undo { .. } => self.history.done.last().map(|d| &d.kind),
            EventKind::Redo { .. } => self.history.undone.last().map(|u| &u.kind),
            EventKind::Amendment { change, .. } => Some(&**change),
            other => Some(other),
        };
        self.revisions.note(seq, touched);
        self.meta.events += 1;
        self.meta.last_at = Some(at);
        match kind {
            EventKind::SessionOpened { app_version, inputs, .. } => {
                self.meta.openings.push(Opening { seq, at, app_version, resumed: false });
                self.meta.inputs = *inputs;
            }
            EventKind::SessionResumed { app_version, .. } => {
                self.meta.openings.push(Opening { seq, at, app_version, resumed: true });
            }
            EventKind::InputsAccepted { inputs, .. } => self.meta.inputs = *inputs,
            EventKind::SignedOff { by } => self.proceedings.signed_off = Some(SignOff { by, seq, at }),
            EventKind::Amendment { reason, change } => {
                // Amendments are not undoable: the prior is not kept.
                self.apply_action(seq, at, &change);
                self.proceedings.amendments.push(AmendmentEntry { reason, change: *change, seq, at });
            }
            EventKind::Undo { target } => {
                let expected = self.history.done.last().map(|d| d.seq);
                match self.history.done.pop() {
                    Some(done) if done.seq == target => {
                        self.restore(&done.kind, done.prior);
                        self.history.undone.push(Undone { seq: done.seq, at: done.at, kind: done.kind });
                    }
                    other => {
                        self.history.done.extend(other);
                        return Err(ApplyError::UndoMismatch { seq, target, expected });
                    }
                }
            }
            EventKind::Redo { target } => {
                let expected = self.history.undone.last().map(|u| u.seq);
                match self.history.undone.pop() {
                    Some(u) if u.seq == target => {
                        // Redo re-applies the original action as it was
                        // recorded, time included.
                        let prior = self.apply_action(u.seq, u.at, &u.kind);
                        self.history.done.push(Done { seq: u.seq, at: u.at, kind: u.kind, prior });
                    }
                    other => {
                        self.history.undone.extend(other);
                        return Err(ApplyError::RedoMismatch { seq, target, expected });
                    }
                }
            }
            action => {
                let prior = self.apply_action(seq, at, &action);
                self.history.done.push(Done { seq, at, kind: action, prior });
                self.history.undone.clear();
            }
        }
        Ok(())
    }

    /// Change the proceedings for one action; answer what it replaced.
    fn apply_action(&mut self, seq: u64, at: At, kind: &EventKind) -> Prior {
        let p = &mut self.proceedings;
        match kind {
            EventKind::DulyInvitedConfirmed {} => {
                Prior::DulyInvited(std::mem::replace(&mut p.duly_invited, true))
            }
            EventKind::MemberMarkedPresent { member, at } | EventKind::MemberArrived { member, at } => {
                let late = matches!(kind, EventKind::MemberArrived { .. });
                let entry = p.attendance.entry(member.clone()).or_default();
                let before = entry.clone();
                if !entry.is_present() {
                    entry.periods.push(Presence { from: *at, until: None, late });
                }
                Prior::Attendance(Box::new(Some(before).filter(|b| *b != Default::default())))
            }
            EventKind::MemberMarkedAbsent { member, at } | EventKind::MemberLeft { member, at } => {
                let entry = p.attendance.entry(member.clone()).or_default();
                let before = entry.clone();
                if let Some(open) = entry.periods.last_mut().filter(|p| p.until.is_none()) {
                    open.until = Some(*at);
                }
                if matches!(kind, EventKind::MemberMarkedAbsent { .. }) {
                    entry.marked_absent = Some(*at);
                }
                Prior::Attendance(Box::new(Some(before).filter(|b| *b != Default::default())))
            }
            EventKind::ConflictDeclared { member, dossier, reason } => {
                Prior::Conflict(Box::new(p.live_conflicts.insert(
                    (member.clone(), dossier.clone()),
                    LiveConflict { reason: reason.clone(), seq, at },
                )))
            }
            EventKind::AgendaItemMoved { dossier, to } => {
                let order = &mut p.agenda.order;
                match order.iter().position(|d| d == dossier) {
                    Some(from) => {
                        let item = order.remove(from);
                        order.insert((*to).min(order.len()), item);
                        Prior::Moved(from)
                    }
                    None => Prior::Nothing,
                }
            }
            EventKind::AgendaItemOpened { dossier } => {
                let prior = self.close_current(at, dossier);
                let agenda = &mut self.proceedings.agenda;
                agenda.deferred.remove(dossier);
                agenda.current = Some(CurrentItem { dossier: dossier.clone(), since: at });
                Prior::Agenda(Box::new(prior))
            }
            EventKind::AgendaItemClosed { dossier } => {
                Prior::Agenda(Box::new(self.close_current(at, dossier)))
            }
            EventKind::AgendaItemDeferred { dossier, .. } => {
                let closes = p.agenda.current.as_ref().is_some_and(|c| &c.dossier == dossier);
                let prior = if closes {
                    self.close_current(at, dossier)
                } else {
                    // Deferring another item leaves the current one open.
                    AgendaPrior {
                        current: p.agenda.current.clone(),
                        credited: None,
                        deferred: p.agenda.deferred.contains(dossier),
                    }
                };
                self.proceedings.agenda.deferred.insert(dossier.clone());
                Prior::Agenda(Box::new(prior))
            }
            EventKind::ScoringRoundOpened { dossier, round } => {
                Prior::Round(p.rounds.insert(dossier.clone(), *round))
            }
            EventKind::ScoreEntered { dossier, round, member, criterion, value }
            | EventKind::ScoreCorrected { dossier, round, member, criterion, value, .. } => {
                let n = &mut self.names;
                let key = ScoreKey {
                    dossier: n.intern(dossier),
                    round: *round,
                    member: n.intern(member),
                    criterion: n.intern(criterion),
                };
                let was_from_ballot = p.from_ballot.remove(&key);
                Prior::Score(p.scores.insert(key, *value), was_from_ballot)
            }
            EventKind::BallotImported(import) => {
                let member = import.member.clone();
                let before = p.ballots.get(&member).cloned();
                let n = &mut self.names;
                let mut scores = Vec::new();
                // The earlier ballot's scores that still stand as imported
                // give way to the new ballot.
                if let Some(old) = &before {
                    for s in &old.import.scores {
                        let key = ScoreKey {
                            dossier: n.intern(&s.dossier),
                            round: s.round,
                            member: n.intern(&member),
                            criterion: n.intern(&s.criterion),
                        };
                        if p.from_ballot.remove(&key) {
                            scores.push((key, p.scores.remove(&key), true));
                        }
                    }
                }
                for s in &import.scores {
                    let key = ScoreKey {
                        dossier: n.intern(&s.dossier),
                        round: s.round,
                        member: n.intern(&member),
                        criterion: n.intern(&s.criterion),
                    };
                    let was_from_ballot = !p.from_ballot.insert(key);
                    scores.push((key, p.scores.insert(key, s.value), was_from_ballot));
                }
                p.ballots.insert(member, BallotEntry { import: (**import).clone(), seq, at });
                Prior::Ballot(Box::new(BallotPrior { ballot: before, scores }))
            }
            EventKind::ReviewStarted { member } => Prior::Review(Box::new(
                p.review.replace(crate::domain::Review { member: member.clone(), ..Default::default() }),
            )),
            EventKind::ReviewScoreGiven { dossier, criterion, value } => match p.review.as_mut() {
                Some(r) => Prior::ReviewScore(r.scores.insert((dossier.clone(), criterion.clone()), *value)),
                None => Prior::Nothing,
            },
            EventKind::ReviewNoteWritten { dossier, text, shared } => match p.review.as_mut() {
                Some(r) => {
                    let notes = if *shared { &mut r.remarks } else { &mut r.notes };
                    let before = if text.trim().is_empty() {
                        notes.remove(dossier)
                    } else {
                        notes.insert(dossier.clone(), text.clone())
                    };
                    Prior::ReviewNote(before)
                }
                None => Prior::Nothing,
            },
            EventKind::ScoresRevealed { dossier, round, early } => Prior::Reveal(Box::new(
                p.reveals.insert((dossier.clone(), *round), Reveal { early: *early, seq, at }),
            )),
            EventKind::VoteRecorded(vote) => {
                p.votes.push(VoteEntry { seq, at, vote: (**vote).clone() });
                // A carried vote is the decision on each of its items.
                let mut replaced = Vec::new();
                if vote.carried {
                    for item in vote.subject.items() {
                        let entry = DecisionEntry {
                            outcome: item.outcome,
                            rationale: vote.rationale.clone(),
                            departs_from_ranking: vote.departing.contains(&item.dossier),
                            vote: Some(seq),
                            deferral: (item.outcome == Outcome::Deferred)
                                .then_some(DeferralReason::Committee),
                            seq,
                            at,
                        };
                        let before = p.decisions.insert(item.dossier.clone(), entry);
                        replaced.push((item.dossier, before));
                    }
                }
                Prior::Vote(replaced)
            }
            EventKind::DecisionRecorded { dossier, outcome, rationale, departs_from_ranking, deferral } => {
                // Records from before reasons: a deferral was the committee's.
                let deferral =
                    (*outcome == Outcome::Deferred).then(|| deferral.unwrap_or(DeferralReason::Committee));
                let entry = DecisionEntry {
                    outcome: *outcome,
                    rationale: rationale.clone(),
                    departs_from_ranking: *departs_from_ranking,
                    vote: None,
                    deferral,
                    seq,
                    at,
                };
                Prior::Decision(p.decisions.insert(dossier.clone(), entry).map(Box::new))
            }
            EventKind::ConflictDecided { member, dossier, yes, no, abstain, excluded } => {
                let key = (member.clone(), dossier.clone());
                let decision =
                    ConflictDecision { excluded: *excluded, yes: *yes, no: *no, abstain: *abstain, seq, at };
                let before_decision = p.conflict_decisions.insert(key.clone(), decision);
                let before_conflict = if *excluded {
                    let live = LiveConflict { reason: None, seq, at };
                    p.live_conflicts.insert(key, live)
                } else {
                    p.live_conflicts.get(&key).cloned()
                };
                Prior::ConflictDecision(Box::new((before_decision, before_conflict)))
            }
            EventKind::ConflictSuggestionDismissed { member, dossier } => {
                p.dismissed.insert((member.clone(), dossier.clone()));
                Prior::Dismissed
            }
            EventKind::ReinvitationConfirmed { dossier } => {
                Prior::Reinvitation(p.reinvitations.insert(dossier.clone(), (seq, at)))
            }
            EventKind::LotsDrawn { dossiers, seed } => {
                p.lots.push(LotEntry { order: dossiers.clone(), seed: seed.clone(), seq, at });
                Prior::Lot
            }
            EventKind::ResultConfirmed { dossier, reason } => {
                let entry = Confirmation { reason: reason.clone(), seq, at };
                Prior::Confirmation(Box::new(p.confirmations.insert(dossier.clone(), entry)))
            }
            EventKind::NoteAdded { text, dossier } => {
                p.notes.push(NoteEntry { text: text.clone(), dossier: dossier.clone(), seq, at });
                Prior::Pushed
            }
            // Not actions: handled in apply_parts.
            EventKind::SessionOpened { .. }
            | EventKind::SessionResumed { .. }
            | EventKind::InputsAccepted { .. }
            | EventKind::SignedOff { .. }
            | EventKind::Amendment { .. }
            | EventKind::Undo { .. }
            | EventKind::Redo { .. } => Prior::Nothing,
        }
    }

    /// Close the current item at `at`, crediting its time; remember what
    /// this and the change to `dossier`'s deferral replace.
    fn close_current(&mut self, at: At, dossier: &str) -> AgendaPrior {
        let agenda = &mut self.proceedings.agenda;
        let prior = AgendaPrior {
            current: agenda.current.clone(),
            credited: agenda
                .current
                .as_ref()
                .map(|c| (c.dossier.clone(), agenda.time_spent.get(&c.dossier).copied())),
            deferred: agenda.deferred.contains(dossier),
        };
        if let Some(c) = agenda.current.take() {
            let spent = (at - c.since).max(TimeDelta::zero());
            *agenda.time_spent.entry(c.dossier).or_default() += spent;
        }
        prior
    }
}
