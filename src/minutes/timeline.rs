//! What the state does not keep but the minutes need: when things happened
//! in order. One walk over the actions that count (the undo history's
//! `done`, with amendments at their place) gives the quorum findings, the
//! openings of each agenda item, each item's entries in time order (votes
//! and decisions among them), and the en-bloc votes at their place.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset};

use crate::domain::{DeferralReason, EventKind, Outcome, SessionState, Vote, VoteSubject};
use crate::rules::{Quorum, required_present};

type At = DateTime<FixedOffset>;

/// Why the quorum was found anew.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// After the roll call: the finding at the opening.
    RollCall,
    /// The due invitation confirmed after the roll call.
    Invited,
    MarkedPresent(String),
    MarkedAbsent(String),
    Arrived(String),
    Left(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub at: At,
    pub cause: Cause,
    pub quorum: Quorum,
}

/// One calling-up of an item: from its opening until it was closed,
/// deferred or another item was called (open while `until` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub from: At,
    pub until: Option<At>,
}

/// What happened on an item, at its place in time.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    RoundOpened {
        round: u32,
        at: At,
    },
    Revealed {
        round: u32,
        early: bool,
        at: At,
    },
    Note {
        seq: u64,
        at: At,
        text: String,
    },
    Deferred {
        at: At,
        reason: Option<String>,
    },
    /// A vote on this item alone.
    Vote(Box<Voted>),
    /// This item was part of the en-bloc vote `en_bloc[index]`.
    EnBloc {
        index: usize,
    },
    /// A decision without a vote (a deferral).
    Decision {
        seq: u64,
        at: At,
        outcome: Outcome,
        rationale: Option<String>,
        departs: bool,
        /// Why a deferral (records before reasons: the committee's).
        deferral: Option<DeferralReason>,
    },
}

/// A vote as the minutes tell it: the recorded vote, and the voting
/// members present then who did not vote because of a conflict of
/// interest on one of its items.
#[derive(Debug, Clone, PartialEq)]
pub struct Voted {
    pub seq: u64,
    pub at: At,
    pub vote: Vote,
    /// Member ids, in the order of the session.
    pub conflicted: Vec<String>,
}

/// The parts of "the items dealt with", in time order: an item's section
/// where it was first dealt with, an en-bloc vote's section where it was
/// taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part {
    Item(usize),
    EnBloc(usize),
}

/// An agenda item dealt with.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub dossier: String,
    pub calls: Vec<Call>,
    /// The item's quorum when it was first called up.
    pub quorum_at_call: Option<Quorum>,
    /// Who chaired it when it was first called up: the chair, or the
    /// deputy when the chair was absent or conflicted on it; `None`:
    /// nobody who could.
    pub chaired_by: Option<Option<String>>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// The earliest time anything counted happened.
    pub began: Option<At>,
    /// The days the session's own events happened on (up to sign-off;
    /// not the program's opening lines, not later amendments), each in the
    /// offset it was recorded with.
    pub days: std::collections::BTreeSet<chrono::NaiveDate>,
    /// The sign-off: the end of the session.
    pub ended: Option<At>,
    pub invited_at: Option<At>,
    pub findings: Vec<Finding>,
    /// In the order first dealt with.
    pub items: Vec<Item>,
    /// Votes on a whole list, in time order.
    pub en_bloc: Vec<Voted>,
    /// Items and en-bloc votes in the order they appear.
    pub parts: Vec<Part>,
    /// Notes not about a dossier: seq, time, text.
    pub general_notes: Vec<(u64, At, String)>,
}

/// The walk's running picture of the committee.
#[derive(Default)]
struct Walk {
    present: BTreeSet<String>,
    invited: bool,
    live_conflicts: BTreeSet<(String, String)>,
    in_roll_call: bool,
    /// Time of the last roll-call step, for the opening finding.
    roll_call_at: Option<At>,
    current: Option<usize>,
    index: HashMap<String, usize>,
    out: Timeline,
}

/// The walk at work on a state: the state is lent for a stretch of steps,
/// the picture is kept between them.
struct Stepper<'a> {
    state: &'a SessionState,
    walk: &'a mut Walk,
}

impl std::ops::Deref for Stepper<'_> {
    type Target = Walk;
    fn deref(&self) -> &Walk {
        self.walk
    }
}

impl std::ops::DerefMut for Stepper<'_> {
    fn deref_mut(&mut self) -> &mut Walk {
        self.walk
    }
}

/// Where an action that counts is kept in the state: its seq, and the
/// undo history's `done` (`false`) or the amendments (`true`) at an index.
type Place = (u64, bool, usize);

/// The actions in seq order. The state keeps both lists in seq order
/// (an undone action is redone before any later one is done; amendments
/// are appended), so they are merged as the walk goes. Should the merge
/// ever give a seq below the one before, a list was out of order: the walk
/// starts again on the actions sorted first.
enum Order {
    Merge { done: usize, amendments: usize, last: u64 },
    Sorted { places: Vec<Place>, next: usize },
}

impl Order {
    fn sorted(state: &SessionState) -> Order {
        let mut places: Vec<Place> =
            state.history.done.iter().enumerate().map(|(i, d)| (d.seq, false, i)).collect();
        places.extend(state.proceedings.amendments.iter().enumerate().map(|(i, a)| (a.seq, true, i)));
        // Stable: the same order as a sort of the actions themselves.
        places.sort_by_key(|(seq, ..)| *seq);
        Order::Sorted { places, next: 0 }
    }

    /// The next action's place (on equal seqs the undo history's first, as
    /// the stable sort puts it); `Err` when the merge went backwards.
    fn next(&mut self, state: &SessionState) -> Result<Option<Place>, OutOfOrder> {
        match self {
            Order::Merge { done, amendments, last } => {
                let d = state.history.done.get(*done).map(|d| d.seq);
                let a = state.proceedings.amendments.get(*amendments).map(|a| a.seq);
                let place = match (d, a) {
                    (Some(d), Some(a)) if a < d => {
                        *amendments += 1;
                        (a, true, *amendments - 1)
                    }
                    (Some(d), _) => {
                        *done += 1;
                        (d, false, *done - 1)
                    }
                    (None, Some(a)) => {
                        *amendments += 1;
                        (a, true, *amendments - 1)
                    }
                    (None, None) => return Ok(None),
                };
                if place.0 < *last {
                    return Err(OutOfOrder);
                }
                *last = place.0;
                Ok(Some(place))
            }
            Order::Sorted { places, next } => {
                let place = places.get(*next).copied();
                *next += 1;
                Ok(place)
            }
        }
    }

    fn walked(&self) -> usize {
        match self {
            Order::Merge { done, amendments, .. } => done + amendments,
            Order::Sorted { next, .. } => *next,
        }
    }
}

struct OutOfOrder;

/// The timeline walked a stretch at a time, for a state that does not
/// change in between (the caller's promise: the minutes screen keys its
/// work on the record's length).
pub struct TimelineWalk {
    order: Order,
    total: usize,
    walk: Walk,
}

impl TimelineWalk {
    pub fn new(state: &SessionState) -> TimelineWalk {
        TimelineWalk::start(state, Order::Merge { done: 0, amendments: 0, last: 0 })
    }

    fn start(state: &SessionState, order: Order) -> TimelineWalk {
        let mut walk = Walk { in_roll_call: true, ..Walk::default() };
        if let Some(s) = &state.proceedings.signed_off {
            walk.out.ended = Some(s.at);
            walk.out.days.insert(s.at.date_naive());
        }
        let total = state.history.done.len() + state.proceedings.amendments.len();
        TimelineWalk { order, total, walk }
    }

    /// Actions walked and all there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.order.walked().min(self.total), self.total)
    }

    /// Walk up to `steps` more actions; the timeline once all are walked.
    pub fn advance(&mut self, state: &SessionState, steps: usize) -> Option<Timeline> {
        for _ in 0..steps {
            let (seq, amendment, i) = match self.order.next(state) {
                Ok(Some(place)) => place,
                Ok(None) => {
                    let mut stepper = Stepper { state, walk: &mut self.walk };
                    stepper.end_roll_call();
                    return Some(std::mem::take(&mut self.walk.out));
                }
                Err(OutOfOrder) => {
                    *self = TimelineWalk::start(state, Order::sorted(state));
                    continue;
                }
            };
            let action = if amendment {
                state.proceedings.amendments.get(i).map(|a| (a.at, &a.change))
            } else {
                state.history.done.get(i).map(|d| (d.at, &d.kind))
            };
            if let Some((at, kind)) = action {
                Stepper { state, walk: &mut self.walk }.step(seq, at, kind);
            }
        }
        None
    }
}

impl Timeline {
    pub fn of(state: &SessionState) -> Timeline {
        let mut walk = TimelineWalk::new(state);
        walk.advance(state, usize::MAX).unwrap_or_default()
    }

    /// The same walk on the actions sorted first (the way for lists out of
    /// order), to hold the merge to it.
    #[cfg(test)]
    pub fn of_sorted(state: &SessionState) -> Timeline {
        let mut walk = TimelineWalk::start(state, Order::sorted(state));
        walk.advance(state, usize::MAX).unwrap_or_default()
    }
}

/// The time an event stands for: an attendance change's own time (typed
/// by the chair), else when it was recorded.
fn effective_at(at: At, kind: &EventKind) -> At {
    match kind {
        EventKind::MemberMarkedPresent { at, .. }
        | EventKind::MemberMarkedAbsent { at, .. }
        | EventKind::MemberArrived { at, .. }
        | EventKind::MemberLeft { at, .. } => *at,
        _ => at,
    }
}

impl Stepper<'_> {
    fn step(&mut self, seq: u64, at: At, kind: &EventKind) {
        let when = effective_at(at, kind);
        self.out.began = Some(self.out.began.map_or(when, |b| b.min(when)));
        let own = !matches!(
            kind,
            EventKind::SessionOpened { .. }
                | EventKind::SessionResumed { .. }
                | EventKind::InputsAccepted { .. }
        );
        let before_sign_off = self.state.proceedings.signed_off.as_ref().is_none_or(|s| seq < s.seq);
        if own && before_sign_off {
            self.out.days.insert(when.date_naive());
        }
        if self.in_roll_call && ends_roll_call(kind) {
            self.end_roll_call();
        }
        match kind {
            EventKind::DulyInvitedConfirmed {} => {
                self.invited = true;
                self.out.invited_at = Some(at);
                self.attendance_step(at, Cause::Invited);
            }
            EventKind::MemberMarkedPresent { member, at } => {
                let changed = self.present.insert(member.clone());
                self.change(changed, member, *at, Cause::MarkedPresent(member.clone()));
            }
            EventKind::MemberArrived { member, at } => {
                let changed = self.present.insert(member.clone());
                self.change(changed, member, *at, Cause::Arrived(member.clone()));
            }
            EventKind::MemberMarkedAbsent { member, at } => {
                let changed = self.present.remove(member);
                self.change(changed, member, *at, Cause::MarkedAbsent(member.clone()));
            }
            EventKind::MemberLeft { member, at } => {
                let changed = self.present.remove(member);
                self.change(changed, member, *at, Cause::Left(member.clone()));
            }
            EventKind::ConflictDeclared { member, dossier, .. } => {
                self.live_conflicts.insert((member.clone(), dossier.clone()));
            }
            EventKind::AgendaItemOpened { dossier } => {
                self.close_current(at);
                let quorum = self.item_quorum(dossier);
                let i = self.touch(dossier);
                let item = &mut self.out.items[i];
                item.calls.push(Call { from: at, until: None });
                item.quorum_at_call.get_or_insert(quorum);
                if item.chaired_by.is_none() {
                    let chair = self.acting_chair(dossier);
                    self.out.items[i].chaired_by = Some(chair);
                }
                self.current = Some(i);
            }
            EventKind::AgendaItemClosed { .. } => self.close_current(at),
            EventKind::AgendaItemDeferred { dossier, reason } => {
                if self.current.is_some_and(|i| self.out.items[i].dossier == *dossier) {
                    self.close_current(at);
                }
                let i = self.touch(dossier);
                self.out.items[i].entries.push(Entry::Deferred { at, reason: reason.clone() });
            }
            EventKind::ScoringRoundOpened { dossier, round } => {
                let i = self.touch(dossier);
                self.out.items[i].entries.push(Entry::RoundOpened { round: *round, at });
            }
            EventKind::ScoreEntered { dossier, .. } | EventKind::ScoreCorrected { dossier, .. } => {
                self.touch(dossier);
            }
            EventKind::ScoresRevealed { dossier, round, early } => {
                let i = self.touch(dossier);
                self.out.items[i].entries.push(Entry::Revealed { round: *round, early: *early, at });
            }
            EventKind::NoteAdded { text, dossier: Some(dossier) } => {
                let i = self.touch(dossier);
                self.out.items[i].entries.push(Entry::Note { seq, at, text: text.clone() });
            }
            EventKind::NoteAdded { text, dossier: None } => {
                self.out.general_notes.push((seq, at, text.clone()));
            }
            // An item voted or decided on is an item dealt with.
            EventKind::VoteRecorded(vote) => {
                let conflicted = self.conflicted_present(&vote.subject.dossiers());
                let voted = Voted { seq, at, vote: (**vote).clone(), conflicted };
                match &vote.subject {
                    VoteSubject::Dossier { dossier, .. } => {
                        let i = self.touch(dossier);
                        self.out.items[i].entries.push(Entry::Vote(Box::new(voted)));
                    }
                    VoteSubject::EnBloc { items } => {
                        let index = self.out.en_bloc.len();
                        self.out.en_bloc.push(voted);
                        self.out.parts.push(Part::EnBloc(index));
                        for p in items {
                            let i = self.touch(&p.dossier);
                            self.out.items[i].entries.push(Entry::EnBloc { index });
                        }
                    }
                }
            }
            EventKind::DecisionRecorded { dossier, outcome, rationale, departs_from_ranking, deferral } => {
                let i = self.touch(dossier);
                self.out.items[i].entries.push(Entry::Decision {
                    seq,
                    at,
                    outcome: *outcome,
                    rationale: rationale.clone(),
                    departs: *departs_from_ranking,
                    deferral: (*outcome == Outcome::Deferred)
                        .then(|| deferral.unwrap_or(DeferralReason::Committee)),
                });
            }
            _ => {}
        }
    }

    /// The index of `dossier`'s item, adding it when first dealt with.
    fn touch(&mut self, dossier: &str) -> usize {
        if let Some(&i) = self.index.get(dossier) {
            return i;
        }
        let i = self.out.items.len();
        self.out.items.push(Item {
            dossier: dossier.to_string(),
            calls: Vec::new(),
            quorum_at_call: None,
            chaired_by: None,
            entries: Vec::new(),
        });
        self.index.insert(dossier.to_string(), i);
        self.out.parts.push(Part::Item(i));
        i
    }

    /// Voting members present with a conflict of interest (pre-declared or
    /// declared so far) on any of `dossiers`, in the order of the session.
    fn conflicted_present(&self, dossiers: &[String]) -> Vec<String> {
        let def = &self.state.session.definition;
        def.voting_members()
            .filter(|m| self.present.contains(&m.id))
            .filter(|m| dossiers.iter().any(|d| !self.free_of_conflict(&m.id, d)))
            .map(|m| m.id.clone())
            .collect()
    }

    fn free_of_conflict(&self, member: &str, dossier: &str) -> bool {
        !self.state.session.definition.conflicts.iter().any(|c| c.member == member && c.dossier == dossier)
            && !self.live_conflicts.contains(&(member.to_string(), dossier.to_string()))
    }

    fn close_current(&mut self, at: At) {
        if let Some(i) = self.current.take()
            && let Some(call) = self.out.items[i].calls.last_mut()
        {
            call.until = Some(at);
        }
    }

    /// An attendance change: part of the roll call, or (after it) a new
    /// finding when it changed who of the voting members is present.
    fn change(&mut self, changed: bool, member: &str, at: At, cause: Cause) {
        let voting = self.state.session.member(member).is_some_and(|m| m.is_voting());
        if changed && voting {
            self.attendance_step(at, cause);
        } else if self.in_roll_call {
            self.roll_call_at = Some(at);
        }
    }

    fn attendance_step(&mut self, at: At, cause: Cause) {
        if self.in_roll_call {
            self.roll_call_at = Some(at);
        } else {
            let quorum = self.session_quorum();
            self.out.findings.push(Finding { at, cause, quorum });
        }
    }

    /// The roll call is over: the finding at the opening, if anyone was
    /// called at all.
    fn end_roll_call(&mut self) {
        if !self.in_roll_call {
            return;
        }
        self.in_roll_call = false;
        if let Some(at) = self.roll_call_at {
            let quorum = self.session_quorum();
            self.out.findings.push(Finding { at, cause: Cause::RollCall, quorum });
        }
    }

    fn session_quorum(&self) -> Quorum {
        self.quorum(|_| true)
    }

    /// The chair, else the deputy, present and free of a conflict on
    /// `dossier` at this point of the walk.
    fn acting_chair(&self, dossier: &str) -> Option<String> {
        let def = &self.state.session.definition;
        [def.chair(), def.deputy()]
            .into_iter()
            .flatten()
            .find(|m| self.present.contains(&m.id) && self.free_of_conflict(&m.id, dossier))
            .map(|m| m.id.clone())
    }

    fn item_quorum(&self, dossier: &str) -> Quorum {
        self.quorum(|member| self.free_of_conflict(member, dossier))
    }

    fn quorum(&self, counts: impl Fn(&str) -> bool) -> Quorum {
        let def = &self.state.session.definition;
        let voting_members = def.voting_members().count() as u32;
        let present = def.voting_members().filter(|m| self.present.contains(&m.id) && counts(&m.id)).count();
        Quorum {
            present: present as u32,
            voting_members,
            required: required_present(&def.rules.quorum, voting_members),
            duly_invited: self.invited,
        }
    }
}

/// The roll call ends with the first arrival or departure, or when the
/// committee turns to an item.
fn ends_roll_call(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::MemberArrived { .. }
            | EventKind::MemberLeft { .. }
            | EventKind::AgendaItemOpened { .. }
            | EventKind::ScoringRoundOpened { .. }
            | EventKind::ScoreEntered { .. }
            | EventKind::ScoreCorrected { .. }
            | EventKind::ScoresRevealed { .. }
            | EventKind::VoteRecorded(..)
            | EventKind::DecisionRecorded { .. }
    )
}
