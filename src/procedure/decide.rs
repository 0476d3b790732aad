//! Checking a command against the state: the events to record, or why not.
//!
//! Procedural rules that depend on configuration (quorum, majority, tie,
//! ranking, sign-off checklist) live in the `rules` module; votes are
//! checked in `vote.rs`.

use super::command::{Command, DomainError};
use crate::domain::{DeferralReason, EventKind, Outcome, SessionState, Vote};
use crate::rules::Counts;

type Decided = Result<Vec<EventKind>, DomainError>;

/// The session state seen by the procedure: every read of the state,
/// plus the checks that need the rules.
pub(super) struct Procedure<'a>(pub(super) &'a SessionState, pub(super) Option<&'a str>);

impl std::ops::Deref for Procedure<'_> {
    type Target = SessionState;

    fn deref(&self) -> &SessionState {
        self.0
    }
}

impl Procedure<'_> {
    /// The events that carry out `command`, or why it is refused.
    pub fn decide(&self, command: &Command) -> Decided {
        match command {
            Command::Amend { reason, command } => {
                if !self.is_signed_off() {
                    return Err(DomainError::NotSignedOff);
                }
                if reason.trim().is_empty() {
                    return Err(DomainError::EmptyText);
                }
                if matches!(
                    **command,
                    Command::Amend { .. }
                        | Command::SignOff { .. }
                        | Command::Undo
                        | Command::Redo
                        | Command::ImportBallot { .. }
                        | Command::StartReview { .. }
                        | Command::ReviewScore { .. }
                        | Command::ReviewNote { .. }
                ) {
                    return Err(DomainError::NotAmendable);
                }
                let kinds = self.decide_action(command, true)?;
                Ok(kinds
                    .into_iter()
                    .map(|k| EventKind::Amendment { reason: reason.clone(), change: Box::new(k) })
                    .collect())
            }
            _ if self.is_signed_off() => Err(DomainError::SignedOff),
            // A member's review record takes the review's commands only,
            // and a session's record none of them.
            Command::ReviewScore { .. } | Command::ReviewNote { .. } | Command::Undo | Command::Redo
                if self.proceedings.review.is_some() =>
            {
                self.decide_action(command, false)
            }
            _ if self.proceedings.review.is_some() => Err(DomainError::ReviewRecord),
            Command::ReviewScore { .. } | Command::ReviewNote { .. } => Err(DomainError::NoReview),
            _ => self.decide_action(command, false),
        }
    }

    /// `amending`: the command is part of an amendment after sign-off,
    /// which may replace a decision (its reason is recorded with it).
    fn decide_action(&self, command: &Command, amending: bool) -> Decided {
        let p = &self.proceedings;
        let one = |k: EventKind| Ok(vec![k]);
        match command {
            Command::ConfirmDulyInvited if p.duly_invited => Err(DomainError::AlreadyConfirmed),
            Command::ConfirmDulyInvited => one(EventKind::DulyInvitedConfirmed {}),
            Command::MarkPresent { member, at } | Command::Arrive { member, at } => {
                self.known_member(member)?;
                if self.is_present(member) {
                    return Err(DomainError::AlreadyPresent(member.clone()));
                }
                self.in_time_order(member, *at)?;
                let (member, at) = (member.clone(), *at);
                match command {
                    Command::Arrive { .. } => one(EventKind::MemberArrived { member, at }),
                    _ => one(EventKind::MemberMarkedPresent { member, at }),
                }
            }
            Command::MarkAbsent { member, at } => {
                self.known_member(member)?;
                if self.is_present(member) {
                    return Err(DomainError::AlreadyPresent(member.clone()));
                }
                one(EventKind::MemberMarkedAbsent { member: member.clone(), at: *at })
            }
            Command::Leave { member, at } => {
                self.known_member(member)?;
                if !self.is_present(member) {
                    return Err(DomainError::NotPresent(member.clone()));
                }
                self.in_time_order(member, *at)?;
                one(EventKind::MemberLeft { member: member.clone(), at: *at })
            }
            Command::DeclareConflict { member, dossier, reason } => {
                self.known_member(member)?;
                self.known_dossier(dossier)?;
                if self.is_conflicted(member, dossier) {
                    return Err(DomainError::AlreadyConflicted {
                        member: member.clone(),
                        dossier: dossier.clone(),
                    });
                }
                let reason = reason.clone().filter(|r| !r.trim().is_empty());
                one(EventKind::ConflictDeclared { member: member.clone(), dossier: dossier.clone(), reason })
            }
            Command::MoveItem { dossier, to } => {
                let order = &p.agenda.order;
                let from = order.iter().position(|d| d == dossier);
                let Some(from) = from else { return Err(DomainError::UnknownDossier(dossier.clone())) };
                if *to >= order.len() {
                    return Err(DomainError::OutOfAgenda { to: *to, len: order.len() });
                }
                if from == *to {
                    return Err(DomainError::NothingToMove(dossier.clone()));
                }
                one(EventKind::AgendaItemMoved { dossier: dossier.clone(), to: *to })
            }
            Command::DeferItem { dossier, reason } => {
                self.known_dossier(dossier)?;
                if p.agenda.deferred.contains(dossier) {
                    return Err(DomainError::AlreadyPostponed(dossier.clone()));
                }
                let reason = reason.clone().filter(|r| !r.trim().is_empty());
                one(EventKind::AgendaItemDeferred { dossier: dossier.clone(), reason })
            }
            Command::OpenItem { dossier } => {
                self.known_dossier(dossier)?;
                if p.agenda.current.as_ref().is_some_and(|c| &c.dossier == dossier) {
                    return Err(DomainError::AlreadyOpen(dossier.clone()));
                }
                one(EventKind::AgendaItemOpened { dossier: dossier.clone() })
            }
            Command::CloseItem => match &p.agenda.current {
                Some(c) => one(EventKind::AgendaItemClosed { dossier: c.dossier.clone() }),
                None => Err(DomainError::NoCurrentItem),
            },
            Command::OpenRound { dossier } => {
                self.known_dossier(dossier)?;
                let round = self.round(dossier);
                if !p.reveals.contains_key(&(dossier.clone(), round)) {
                    return Err(DomainError::RoundNotRevealed { dossier: dossier.clone(), round });
                }
                one(EventKind::ScoringRoundOpened { dossier: dossier.clone(), round: round + 1 })
            }
            Command::EnterScore { dossier, member, criterion, value } => {
                self.decide_score(dossier, member, criterion, *value)
            }
            Command::StartReview { member } => {
                // Only a record on which nothing was done yet.
                if !self.history.done.is_empty() || !self.history.undone.is_empty() {
                    return Err(DomainError::ReviewRecord);
                }
                let m = self.known_member(member)?;
                if !m.is_voting() {
                    return Err(DomainError::NotVoting(member.clone()));
                }
                one(EventKind::ReviewStarted { member: member.clone() })
            }
            Command::ReviewScore { dossier, criterion, value } => {
                let Some(review) = &p.review else { return Err(DomainError::NoReview) };
                self.known_dossier(dossier)?;
                if self.session.definition.criterion(criterion).is_none() {
                    return Err(DomainError::UnknownCriterion(criterion.clone()));
                }
                let scale = self.session.definition.scale;
                if !scale.accepts(*value) {
                    return Err(DomainError::OffScale {
                        value: *value,
                        min: scale.min,
                        max: scale.max,
                        step: scale.step,
                    });
                }
                if self.is_conflicted(&review.member, dossier) {
                    return Err(DomainError::Conflicted {
                        member: review.member.clone(),
                        dossier: dossier.clone(),
                    });
                }
                if review.scores.get(&(dossier.clone(), criterion.clone())) == Some(value) {
                    return Err(DomainError::SameScore(*value));
                }
                one(EventKind::ReviewScoreGiven {
                    dossier: dossier.clone(),
                    criterion: criterion.clone(),
                    value: *value,
                })
            }
            Command::ReviewNote { dossier, text, shared } => {
                let Some(review) = &p.review else { return Err(DomainError::NoReview) };
                self.known_dossier(dossier)?;
                let text = text.trim().to_string();
                let notes = if *shared { &review.remarks } else { &review.notes };
                if text.is_empty() && !notes.contains_key(dossier) {
                    return Err(DomainError::EmptyText);
                }
                if notes.get(dossier) == Some(&text) {
                    return Err(DomainError::EmptyText);
                }
                one(EventKind::ReviewNoteWritten { dossier: dossier.clone(), text, shared: *shared })
            }
            Command::ImportBallot { member, file, sha256, signer, written_at, scores, remarks, replace } => {
                let import = crate::domain::BallotImport {
                    member: member.clone(),
                    file: file.clone(),
                    sha256: sha256.clone(),
                    signer: signer.clone(),
                    written_at: *written_at,
                    scores: Vec::new(),
                    refused: Vec::new(),
                    remarks: remarks.clone(),
                    replaces: None,
                };
                self.decide_ballot(import, scores, *replace)
            }
            Command::RevealScores { dossier } => {
                self.known_dossier(dossier)?;
                let round = self.round(dossier);
                if p.reveals.contains_key(&(dossier.clone(), round)) {
                    return Err(DomainError::AlreadyRevealed { dossier: dossier.clone(), round });
                }
                if self.round_scores(dossier, round).next().is_none() {
                    return Err(DomainError::NoScores { dossier: dossier.clone(), round });
                }
                let early = !self.missing_scores(dossier).is_empty();
                one(EventKind::ScoresRevealed { dossier: dossier.clone(), round, early })
            }
            Command::RecordVote { subject, motion, yes, no, abstain, ballots, tie_choice, rationale } => {
                let counts = Counts { yes: *yes, no: *no, abstain: *abstain };
                let ballots = ballots.clone();
                let vote = self.decide_vote(subject, counts, ballots, *tie_choice, amending)?;
                let motion = motion.clone().filter(|m| !m.trim().is_empty());
                let rationale = rationale.clone().filter(|r| !r.trim().is_empty());
                if vote.carried && (vote.departs_from_ranking || vote.over_budget) && rationale.is_none() {
                    return Err(DomainError::RationaleRequired);
                }
                one(EventKind::VoteRecorded(Box::new(Vote { motion, rationale, ..vote })))
            }
            Command::RecordDecision { dossier, outcome, rationale, deferral } => {
                self.known_dossier(dossier)?;
                if *outcome != Outcome::Deferred {
                    return Err(DomainError::VoteRequired);
                }
                // Lack of quorum is a fact, not a choice; a resolution of
                // the committee needs the committee quorate.
                let quorum = crate::rules::subject_quorum(self.0, std::slice::from_ref(dossier));
                match deferral {
                    DeferralReason::NotQuorate if quorum.reached() => {
                        return Err(DomainError::DeferralQuorate(dossier.clone()));
                    }
                    DeferralReason::Committee if !quorum.reached() => {
                        return Err(DomainError::NotQuorate {
                            present: quorum.present,
                            required: quorum.required,
                        });
                    }
                    _ => {}
                }
                match p.decisions.get(dossier) {
                    Some(e) if e.outcome == Outcome::Deferred => {
                        return Err(DomainError::AlreadyDeferred(dossier.clone()));
                    }
                    Some(_) if !amending => return Err(DomainError::AlreadyDecided(dossier.clone())),
                    _ => {}
                }
                let rationale = rationale.clone().filter(|r| !r.trim().is_empty());
                one(EventKind::DecisionRecorded {
                    dossier: dossier.clone(),
                    outcome: *outcome,
                    rationale,
                    departs_from_ranking: false,
                    deferral: Some(*deferral),
                })
            }
            Command::DecideConflict { member, dossier, yes, no, abstain } => {
                let m = self.known_member(member)?;
                self.known_dossier(dossier)?;
                if !m.is_voting() {
                    return Err(DomainError::NotVoting(member.clone()));
                }
                if self.is_conflicted(member, dossier) {
                    return Err(DomainError::AlreadyConflicted {
                        member: member.clone(),
                        dossier: dossier.clone(),
                    });
                }
                let key = (member.clone(), dossier.clone());
                if p.conflict_decisions.contains_key(&key) {
                    return Err(DomainError::ConflictAlreadyDecided {
                        member: member.clone(),
                        dossier: dossier.clone(),
                    });
                }
                // The committee without the member concerned.
                let eligible = self
                    .eligible_members(std::slice::from_ref(dossier))
                    .into_iter()
                    .filter(|e| *e != member)
                    .count() as u32;
                let quorum = crate::rules::subject_quorum(self.0, std::slice::from_ref(dossier));
                if !quorum.duly_invited {
                    return Err(DomainError::NotDulyInvited);
                }
                if eligible < quorum.required {
                    return Err(DomainError::NotQuorate { present: eligible, required: quorum.required });
                }
                let cast = yes.saturating_add(*no).saturating_add(*abstain);
                if cast == 0 {
                    return Err(DomainError::NoVotes);
                }
                if cast > eligible {
                    return Err(DomainError::TooManyVotes { cast, eligible });
                }
                let counts = Counts { yes: *yes, no: *no, abstain: *abstain };
                let r = &self.session.definition.rules;
                // A tie does not exclude.
                let result = crate::rules::vote_result(
                    counts,
                    r.majority,
                    crate::domain::TieRule::Rejected,
                    eligible,
                    None,
                );
                one(EventKind::ConflictDecided {
                    member: member.clone(),
                    dossier: dossier.clone(),
                    yes: *yes,
                    no: *no,
                    abstain: *abstain,
                    excluded: result.carried,
                })
            }
            Command::DismissSuggestion { member, dossier } => {
                let open = crate::rules::conflict_suggestions(self.0)
                    .into_iter()
                    .any(|s| &s.member == member && &s.dossier == dossier);
                if !open {
                    return Err(DomainError::NoSuggestion {
                        member: member.clone(),
                        dossier: dossier.clone(),
                    });
                }
                one(EventKind::ConflictSuggestionDismissed {
                    member: member.clone(),
                    dossier: dossier.clone(),
                })
            }
            Command::ConfirmReinvitation { dossier } => {
                self.known_dossier(dossier)?;
                if !self.session.definition.reinvited.iter().any(|r| &r.dossier == dossier) {
                    return Err(DomainError::NotReinvited(dossier.clone()));
                }
                if self.reinvited(dossier) {
                    return Err(DomainError::AlreadyReinvited(dossier.clone()));
                }
                one(EventKind::ReinvitationConfirmed { dossier: dossier.clone() })
            }
            Command::DrawLots { dossiers } => {
                for d in dossiers {
                    self.known_dossier(d)?;
                }
                let ranking = crate::rules::ranking(self.0);
                let ranks: Vec<Option<u32>> =
                    dossiers.iter().map(|d| ranking.get(d).map(|r| r.rank)).collect();
                let distinct: std::collections::BTreeSet<&String> = dossiers.iter().collect();
                let tied = distinct.len() >= 2
                    && distinct.len() == dossiers.len()
                    && ranks.iter().all(|r| r.is_some() && *r == ranks[0]);
                if !tied {
                    return Err(DomainError::NotTied(dossiers.join(", ")));
                }
                let ids: Vec<&str> = dossiers.iter().map(String::as_str).collect();
                if crate::rules::lot_order(self.0, &ids).is_some() {
                    return Err(DomainError::AlreadyDrawn);
                }
                let Some(seed) = self.1 else { return Err(DomainError::DrawNeedsRecord) };
                one(EventKind::LotsDrawn {
                    dossiers: crate::rules::draw(seed, dossiers),
                    seed: seed.to_string(),
                })
            }
            Command::ConfirmResult { dossier, reason } => {
                self.known_dossier(dossier)?;
                if reason.trim().is_empty() {
                    return Err(DomainError::EmptyText);
                }
                let open = crate::rules::late_conflicts(self.0)
                    .into_iter()
                    .any(|c| c.is_open() && &c.dossier == dossier);
                if !open {
                    return Err(DomainError::NothingToConfirm(dossier.clone()));
                }
                one(EventKind::ResultConfirmed { dossier: dossier.clone(), reason: reason.clone() })
            }
            Command::AddNote { text, dossier } => {
                if text.trim().is_empty() {
                    return Err(DomainError::EmptyText);
                }
                if let Some(d) = dossier {
                    self.known_dossier(d)?;
                }
                one(EventKind::NoteAdded { text: text.clone(), dossier: dossier.clone() })
            }
            Command::SignOff { by } => {
                self.known_member(by)?;
                let acting = self.acting_chair(&[]).map(|m| m.id.clone());
                if acting.as_ref() != Some(by) {
                    return Err(DomainError::NotChairing { member: by.clone(), acting });
                }
                self.check_sign_off()?;
                // An item still open is closed at sign-off: its time ends
                // there, not whenever the minutes are read.
                let mut kinds = Vec::new();
                if let Some(current) = &p.agenda.current {
                    kinds.push(EventKind::AgendaItemClosed { dossier: current.dossier.clone() });
                }
                kinds.push(EventKind::SignedOff { by: by.clone() });
                Ok(kinds)
            }
            Command::Undo => match self.next_undo() {
                Some(done) => one(EventKind::Undo { target: done.seq }),
                None => Err(DomainError::NothingToUndo),
            },
            Command::Redo => match self.next_redo() {
                Some(undone) => one(EventKind::Redo { target: undone.seq }),
                None => Err(DomainError::NothingToRedo),
            },
            Command::Amend { .. } => Err(DomainError::NotAmendable),
        }
    }

    fn decide_score(&self, dossier: &str, member: &str, criterion: &str, value: f64) -> Decided {
        self.known_dossier(dossier)?;
        let m = self.known_member(member)?;
        let scale = self.session.definition.scale;
        if self.session.definition.criterion(criterion).is_none() {
            return Err(DomainError::UnknownCriterion(criterion.to_string()));
        }
        if !scale.accepts(value) {
            return Err(DomainError::OffScale { value, min: scale.min, max: scale.max, step: scale.step });
        }
        if !m.is_voting() {
            return Err(DomainError::NotVoting(member.to_string()));
        }
        if !self.is_present(member) {
            return Err(DomainError::NotPresent(member.to_string()));
        }
        if self.is_conflicted(member, dossier) {
            return Err(DomainError::Conflicted { member: member.to_string(), dossier: dossier.to_string() });
        }
        let round = self.round(dossier);
        let previous = self.score(dossier, round, member, criterion);
        let (dossier, member, criterion) = (dossier.to_string(), member.to_string(), criterion.to_string());
        Ok(vec![match previous {
            Some(previous) if previous == value => return Err(DomainError::SameScore(value)),
            Some(previous) => EventKind::ScoreCorrected {
                dossier,
                round,
                member,
                criterion,
                value,
                previous: Some(previous),
            },
            None => EventKind::ScoreEntered { dossier, round, member, criterion, value },
        }])
    }

    /// A ballot is taken whole or refused with the first reason: a known
    /// voting member, known dossiers and criteria, values on the scale, one
    /// score per criterion. Then per dossier: no conflict, round not
    /// revealed, not scored by the member in the session — else that
    /// dossier's scores are refused and named, and the rest is taken.
    fn decide_ballot(
        &self,
        mut import: crate::domain::BallotImport,
        scores: &[crate::domain::BallotScore],
        replace: bool,
    ) -> Decided {
        use crate::domain::{BallotRefusal, BallotRefusalReason, ImportedScore};
        let member = import.member.clone();
        let m = self.known_member(&member)?;
        if !m.is_voting() {
            return Err(DomainError::NotVoting(member));
        }
        let scale = self.session.definition.scale;
        let mut seen = std::collections::BTreeSet::new();
        for s in scores {
            self.known_dossier(&s.dossier)?;
            if self.session.definition.criterion(&s.criterion).is_none() {
                return Err(DomainError::UnknownCriterion(s.criterion.clone()));
            }
            if !scale.accepts(s.value) {
                return Err(DomainError::OffScale {
                    value: s.value,
                    min: scale.min,
                    max: scale.max,
                    step: scale.step,
                });
            }
            if !seen.insert((s.dossier.as_str(), s.criterion.as_str())) {
                return Err(DomainError::ScoredTwice {
                    dossier: s.dossier.clone(),
                    criterion: s.criterion.clone(),
                });
            }
        }
        for r in &import.remarks {
            self.known_dossier(&r.dossier)?;
        }
        let earlier = self.proceedings.ballots.get(&member);
        match earlier {
            Some(e) if !replace => return Err(DomainError::BallotImportedAlready { member, seq: e.seq }),
            Some(e) => import.replaces = Some(e.seq),
            None => {}
        }
        // What the member scored in the session (not from a ballot) stands.
        let scored_in_session = |dossier: &str, round: u32| {
            self.session.definition.criteria.iter().any(|c| {
                self.score(dossier, round, &member, &c.id).is_some()
                    && !self.is_from_ballot(dossier, round, &member, &c.id)
            })
        };
        let mut refused: std::collections::BTreeMap<&str, BallotRefusalReason> = Default::default();
        for s in scores {
            let round = self.round(&s.dossier);
            let reason = if self.is_conflicted(&member, &s.dossier) {
                Some(BallotRefusalReason::Conflict)
            } else if self.proceedings.reveals.contains_key(&(s.dossier.clone(), round)) {
                Some(BallotRefusalReason::Revealed)
            } else if scored_in_session(&s.dossier, round) {
                Some(BallotRefusalReason::ScoredInSession)
            } else {
                None
            };
            match reason {
                Some(reason) => {
                    refused.entry(s.dossier.as_str()).or_insert(reason);
                }
                None => import.scores.push(ImportedScore {
                    dossier: s.dossier.clone(),
                    round,
                    criterion: s.criterion.clone(),
                    value: s.value,
                }),
            }
        }
        import.refused = refused
            .into_iter()
            .map(|(dossier, reason)| BallotRefusal { dossier: dossier.to_string(), reason })
            .collect();
        Ok(vec![EventKind::BallotImported(Box::new(import))])
    }

    /// Sign-off waits for the checklist (`rules::sign_off_checklist`):
    /// the first check that fails is the reason.
    fn check_sign_off(&self) -> Result<(), DomainError> {
        match crate::rules::sign_off_checklist(self.0).into_iter().find(|c| !c.ok) {
            Some(check) => Err(DomainError::SignOffIncomplete(Box::new(check))),
            None => Ok(()),
        }
    }

    pub(super) fn known_member(&self, id: &str) -> Result<&crate::domain::Member, DomainError> {
        self.session.member(id).ok_or_else(|| DomainError::UnknownMember(id.to_string()))
    }

    pub(super) fn known_dossier(&self, id: &str) -> Result<(), DomainError> {
        match self.session.dossier(id) {
            Some(_) => Ok(()),
            None => Err(DomainError::UnknownDossier(id.to_string())),
        }
    }
}

impl Procedure<'_> {
    /// A member's attendance changes must follow one another in time: a
    /// departure typed as 09:40 after an arrival at 10:15 is a slip.
    fn in_time_order(
        &self,
        member: &str,
        at: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<(), DomainError> {
        let last = self
            .proceedings
            .attendance
            .get(member)
            .and_then(|a| a.periods.last().map(|p| p.until.unwrap_or(p.from)));
        match last {
            Some(last) if at < last => {
                Err(DomainError::AttendanceOutOfOrder { member: member.to_string(), at, last })
            }
            _ => Ok(()),
        }
    }
}
