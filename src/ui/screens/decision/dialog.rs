//! The vote dialog: the motion (prefilled with the ranking's proposal),
//! the counts or the ballots by name, the chair's vote on a tie, and the
//! rationale. It holds only what the chair typed; the result, the quorum
//! and whether a rationale is needed come from `rules`, as `decide` sees
//! them.

use crate::ui::widgets::text_field::{Edit, TextField};
use std::collections::BTreeMap;

use crate::domain::{Ballot, Majority, Outcome, Proposal, SessionState, TieRule, VoteSubject};
use crate::procedure::Command;
use crate::rules::{self, Counts, MotionCheck, Quorum, Ranking, VoteResult};
use crate::ui::action::Action;
use crate::ui::keymap::Scope;

/// Counts and positions have at most this many digits.
const MAX_DIGITS: usize = 4;

/// The fields of the dialog, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Motion,
    Position,
    Yes,
    No,
    Abstain,
    Ballots,
    Chair,
    Rationale,
}

/// The outcome moved, for a vote on one dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Admit,
    Waiting,
    NotAdmit,
}

/// What is put to the vote.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Item {
        dossier: String,
    },
    /// The ranking's proposal for every undecided ranked dossier.
    EnBloc {
        items: Vec<Proposal>,
    },
}

/// What a key did to the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stay,
    Submit,
    Cancel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VoteDialog {
    pub subject: Subject,
    pub motion: Motion,
    /// The waiting-list position typed.
    pub position: String,
    pub yes: String,
    pub no: String,
    pub abstain: String,
    pub by_name: bool,
    /// The eligible voters present, in session order, with their ballot.
    pub ballots: Vec<(String, Option<Ballot>)>,
    /// The member selected in the list by name.
    pub member: usize,
    /// The chair's deciding vote on a tie; `None`: did not vote.
    pub chair: Option<Ballot>,
    pub rationale: TextField,
    pub focus: Field,
    /// The quorum for the subject, as the dialog opened (attendance cannot
    /// change while it is open).
    pub quorum: Quorum,
    /// Present voting members conflicted on some item, with those items.
    pub excluded: Vec<(String, Vec<String>)>,
    /// Departures and budget if carried; follows the motion.
    pub check: MotionCheck,
    majority: Majority,
    tie: TieRule,
    chair_id: Option<String>,
}

impl VoteDialog {
    /// A vote on one dossier, the motion prefilled with the ranking's
    /// proposal (not admitted when the dossier is not ranked).
    pub fn item(state: &SessionState, ranking: &Ranking, dossier: &str) -> VoteDialog {
        let (motion, position) = match ranking.proposed_outcome(dossier) {
            Some(Outcome::Admitted) => (Motion::Admit, String::new()),
            Some(Outcome::WaitingList { position }) => (Motion::Waiting, position.to_string()),
            _ => (Motion::NotAdmit, String::new()),
        };
        let subject = Subject::Item { dossier: dossier.to_string() };
        let mut dialog = VoteDialog::new(state, subject, motion, position);
        dialog.refresh(state, ranking);
        dialog
    }

    /// One vote on the ranking's proposal for every ranked dossier without
    /// a decision; `None` when there is none.
    pub fn en_bloc(state: &SessionState, ranking: &Ranking) -> Option<VoteDialog> {
        let decisions = &state.proceedings.decisions;
        let items: Vec<Proposal> = ranking
            .ranked
            .iter()
            .filter(|r| !decisions.contains_key(&r.dossier))
            .filter_map(|r| {
                ranking
                    .proposed_outcome(&r.dossier)
                    .map(|outcome| Proposal { dossier: r.dossier.clone(), outcome })
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let mut dialog = VoteDialog::new(state, Subject::EnBloc { items }, Motion::Admit, String::new());
        dialog.refresh(state, ranking);
        Some(dialog)
    }

    fn new(state: &SessionState, subject: Subject, motion: Motion, position: String) -> VoteDialog {
        let dossiers = match &subject {
            Subject::Item { dossier } => vec![dossier.clone()],
            Subject::EnBloc { items } => items.iter().map(|p| p.dossier.clone()).collect(),
        };
        let quorum = rules::subject_quorum(state, &dossiers);
        let ballots = state.eligible_members(&dossiers).into_iter().map(|m| (m.to_string(), None)).collect();
        let def = &state.session.definition;
        let excluded = def
            .voting_members()
            .filter(|m| state.is_present(&m.id))
            .filter_map(|m| {
                let on: Vec<String> =
                    dossiers.iter().filter(|d| state.is_conflicted(&m.id, d)).cloned().collect();
                (!on.is_empty()).then(|| (m.id.clone(), on))
            })
            .collect();
        // The motion is prefilled and `a`/`w`/`n` change it from any field:
        // the chair types the yes count at once.
        let focus = Field::Yes;
        VoteDialog {
            subject,
            motion,
            position,
            yes: String::new(),
            no: String::new(),
            abstain: String::new(),
            by_name: false,
            ballots,
            member: 0,
            chair: None,
            rationale: TextField::new(),
            focus,
            quorum,
            excluded,
            check: MotionCheck::default(),
            majority: def.rules.majority,
            tie: def.rules.tie,
            chair_id: state.acting_chair(&dossiers).map(|c| c.id.clone()),
        }
    }

    /// Recompute what follows from the motion.
    pub fn refresh(&mut self, state: &SessionState, ranking: &Ranking) {
        self.check = rules::motion_check(state, ranking, &self.items());
    }

    pub fn is_en_bloc(&self) -> bool {
        matches!(self.subject, Subject::EnBloc { .. })
    }

    /// The outcome moved for a single dossier; `None` while a waiting-list
    /// position is missing.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.motion {
            Motion::Admit => Some(Outcome::Admitted),
            Motion::NotAdmit => Some(Outcome::NotAdmitted),
            Motion::Waiting => self
                .position
                .parse()
                .ok()
                .filter(|p| *p > 0)
                .map(|position| Outcome::WaitingList { position }),
        }
    }

    /// The items of the motion (none while it is incomplete).
    pub fn items(&self) -> Vec<Proposal> {
        match &self.subject {
            Subject::Item { dossier } => self
                .outcome()
                .map(|outcome| Proposal { dossier: dossier.clone(), outcome })
                .into_iter()
                .collect(),
            Subject::EnBloc { items } => items.clone(),
        }
    }

    /// The counts typed, or those of the ballots by name.
    pub fn counts(&self) -> Counts {
        if self.by_name {
            let count = |b| self.ballots.iter().filter(|(_, x)| *x == Some(b)).count() as u32;
            return Counts {
                yes: count(Ballot::Yes),
                no: count(Ballot::No),
                abstain: count(Ballot::Abstain),
            };
        }
        let n = |s: &str| s.parse().unwrap_or(0);
        Counts { yes: n(&self.yes), no: n(&self.no), abstain: n(&self.abstain) }
    }

    pub fn cast(&self) -> u32 {
        let c = self.counts();
        c.yes.saturating_add(c.no).saturating_add(c.abstain)
    }

    /// The chair decides this tie under the rules and takes part in it:
    /// asked for their vote (by name it is their ballot).
    pub fn asks_chair(&self) -> bool {
        let c = self.counts();
        !self.by_name
            && c.yes == c.no
            && c.yes > 0
            && self.majority == Majority::Simple
            && self.tie == TieRule::ChairDecides
            && self.chair_id.as_ref().is_some_and(|id| self.ballots.iter().any(|(m, _)| m == id))
    }

    /// A tie the chair decides, with every eligible member present having
    /// voted — the chair among them — and the chair's vote not given: it
    /// must be, the tie cannot be left to "did not vote".
    pub fn chair_vote_missing(&self) -> bool {
        self.asks_chair() && self.chair.is_none() && self.cast() == self.quorum.present
    }

    /// How the chair voted, as far as the result depends on it.
    fn chair_ballot(&self) -> Option<Ballot> {
        if self.by_name {
            let id = self.chair_id.as_deref()?;
            return self.ballots.iter().find(|(m, _)| m == id).and_then(|(_, b)| *b);
        }
        if self.asks_chair() { self.chair } else { None }
    }

    /// The result under the session's rules, as `decide` would find it.
    pub fn result(&self) -> VoteResult {
        rules::vote_result(self.counts(), self.majority, self.tie, self.quorum.present, self.chair_ballot())
    }

    pub fn majority(&self) -> Majority {
        self.majority
    }

    /// The command to record; `None` while the motion is incomplete.
    pub fn command(&self) -> Option<Command> {
        let subject = match &self.subject {
            Subject::Item { dossier } => {
                VoteSubject::Dossier { dossier: dossier.clone(), outcome: self.outcome()? }
            }
            Subject::EnBloc { items } => VoteSubject::EnBloc { items: items.clone() },
        };
        let c = self.counts();
        let ballots: BTreeMap<String, Ballot> = if self.by_name {
            self.ballots.iter().filter_map(|(m, b)| b.map(|b| (m.clone(), b))).collect()
        } else {
            BTreeMap::new()
        };
        let rationale = Some(self.rationale.text().trim().to_string()).filter(|r| !r.is_empty());
        Some(Command::RecordVote {
            subject,
            motion: None,
            yes: c.yes,
            no: c.no,
            abstain: c.abstain,
            ballots,
            tie_choice: if self.asks_chair() { self.chair } else { None },
            rationale,
        })
    }

    /// The fields shown, in Tab order.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = Vec::new();
        if !self.is_en_bloc() {
            fields.push(Field::Motion);
            if self.motion == Motion::Waiting {
                fields.push(Field::Position);
            }
        }
        if self.by_name {
            fields.push(Field::Ballots);
        } else {
            fields.extend([Field::Yes, Field::No, Field::Abstain]);
        }
        if self.asks_chair() {
            fields.push(Field::Chair);
        }
        fields.push(Field::Rationale);
        fields
    }

    /// Where keys are looked up while the dialog has `focus`.
    pub fn scope(&self) -> Scope {
        match self.focus {
            Field::Rationale => Scope::VoteText,
            Field::Ballots => Scope::Ballots,
            _ => Scope::Vote,
        }
    }

    /// Apply a key.
    pub fn key(&mut self, action: Action, state: &SessionState, ranking: &Ranking) -> Step {
        if self.focus == Field::Rationale && self.rationale.edit(action) == Edit::Changed {
            return Step::Stay;
        }
        match action {
            Action::Open => return Step::Submit,
            Action::Back => return Step::Cancel,
            Action::Down if self.focus == Field::Ballots && self.member + 1 < self.ballots.len() => {
                self.member += 1
            }
            Action::Up if self.focus == Field::Ballots && self.member > 0 => self.member -= 1,
            Action::Down => self.move_focus(1),
            Action::Up => self.move_focus(-1),
            Action::Left | Action::Right => {
                self.cycle(if action == Action::Left { -1 } else { 1 }, state, ranking)
            }
            Action::MotionAdmit => self.set_motion(Motion::Admit, state, ranking),
            Action::MotionWaiting => self.set_motion(Motion::Waiting, state, ranking),
            Action::MotionNotAdmit => self.set_motion(Motion::NotAdmit, state, ranking),
            Action::ByName => {
                self.by_name = !self.by_name;
                self.focus = if self.by_name { Field::Ballots } else { Field::Yes };
            }
            Action::BallotYes => self.ballot(Ballot::Yes),
            Action::BallotNo => self.ballot(Ballot::No),
            Action::BallotAbstain => self.ballot(Ballot::Abstain),
            Action::Insert(c) => self.type_char(c, state, ranking),
            Action::DeleteChar => self.delete(state, ranking),
            _ => {}
        }
        self.keep_focus();
        Step::Stay
    }

    fn move_focus(&mut self, delta: i32) {
        let fields = self.fields();
        let Some(i) = fields.iter().position(|f| *f == self.focus) else { return self.keep_focus() };
        let j = (i as i64 + i64::from(delta)).clamp(0, fields.len() as i64 - 1) as usize;
        self.focus = fields[j];
        if self.focus == Field::Ballots {
            self.member = if delta > 0 { 0 } else { self.ballots.len().saturating_sub(1) };
        }
    }

    /// A field that has gone (the tie was resolved, the motion changed)
    /// hands the focus to the next one shown.
    fn keep_focus(&mut self) {
        let fields = self.fields();
        if !fields.contains(&self.focus) {
            self.focus = fields.iter().copied().find(|f| *f > self.focus).unwrap_or(Field::Rationale);
        }
    }

    fn cycle(&mut self, delta: i32, state: &SessionState, ranking: &Ranking) {
        match self.focus {
            Field::Motion => {
                let all = [Motion::Admit, Motion::Waiting, Motion::NotAdmit];
                let i = all.iter().position(|m| *m == self.motion).unwrap_or(0) as i32;
                self.set_motion(all[(i + delta).rem_euclid(3) as usize], state, ranking);
            }
            Field::Chair => {
                let all = [Some(Ballot::Yes), Some(Ballot::No), Some(Ballot::Abstain), None];
                let i = all.iter().position(|c| *c == self.chair).unwrap_or(3) as i32;
                self.chair = all[(i + delta).rem_euclid(4) as usize];
            }
            _ => {}
        }
    }

    fn set_motion(&mut self, motion: Motion, state: &SessionState, ranking: &Ranking) {
        if self.is_en_bloc() {
            return;
        }
        self.motion = motion;
        if motion == Motion::Waiting && self.position.is_empty() {
            self.position = next_waiting_position(state).to_string();
        }
        self.refresh(state, ranking);
    }

    fn ballot(&mut self, ballot: Ballot) {
        if let Some((_, b)) = self.ballots.get_mut(self.member) {
            *b = Some(ballot);
            self.member = (self.member + 1).min(self.ballots.len().saturating_sub(1));
        }
    }

    fn type_char(&mut self, c: char, state: &SessionState, ranking: &Ranking) {
        let Some(text) = self.digits_mut() else { return };
        if c.is_ascii_digit() && text.len() < MAX_DIGITS {
            // A leading zero says nothing.
            if text == "0" {
                text.clear();
            }
            text.push(c);
        }
        if self.focus == Field::Position {
            self.refresh(state, ranking);
        }
    }

    fn delete(&mut self, state: &SessionState, ranking: &Ranking) {
        match self.focus {
            Field::Rationale => {}
            Field::Ballots => {
                if let Some((_, b)) = self.ballots.get_mut(self.member) {
                    *b = None;
                }
            }
            Field::Chair => self.chair = None,
            _ => {
                if let Some(text) = self.digits_mut() {
                    text.pop();
                }
                if self.focus == Field::Position {
                    self.refresh(state, ranking);
                }
            }
        }
    }

    fn digits_mut(&mut self) -> Option<&mut String> {
        match self.focus {
            Field::Position => Some(&mut self.position),
            Field::Yes => Some(&mut self.yes),
            Field::No => Some(&mut self.no),
            Field::Abstain => Some(&mut self.abstain),
            _ => None,
        }
    }
}

/// The place after the last one given on the waiting list so far.
fn next_waiting_position(state: &SessionState) -> u32 {
    let last = state
        .proceedings
        .decisions
        .values()
        .filter_map(|e| match e.outcome {
            Outcome::WaitingList { position } => Some(position),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    last.saturating_add(1)
}
