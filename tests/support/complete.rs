//! A complete demo session, recorded through the real record writer with
//! a held clock, so that everything built from it (results, lists,
//! minutes) is the same on every run: roll call with a late arrival and
//! an early departure, a conflict declared live, every dossier scored
//! (one revealed early, one in a second round), one deferred, the
//! conflicted dossiers voted one by one (one by name), the rest en bloc on
//! the ranking's proposal; then sign-off and an amendment.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Actor, Ballot, Outcome, Proposal, Session, SessionState, VoteSubject};
use gremium::procedure::Command;
use gremium::record::{self, LiveSession};
use gremium::rules::{self, Place};

/// How far the session goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Roll call and scoring done, nothing decided.
    Scored,
    /// Every item decided, not signed off.
    Decided,
    /// Signed off.
    SignedOff,
    /// Signed off, then one amendment.
    Amended,
}

pub fn demo() -> Arc<Session> {
    Arc::new(gremium::demo::session().expect("demo loads"))
}

/// 26.11.2026 at `h:m`, Wiesbaden time.
pub fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:{m:02}:00+01:00")).expect("valid time")
}

/// The export time of the golden files.
pub fn exported_at() -> DateTime<FixedOffset> {
    at(16, 30)
}

struct Run {
    live: LiveSession,
    now: DateTime<FixedOffset>,
}

impl Run {
    fn ok(&mut self, command: Command) {
        self.now += TimeDelta::seconds(5);
        if let Err(e) = self.live.execute(Actor::Chair, &command, self.now) {
            panic!("{command:?} refused: {e}");
        }
    }

    fn at(&mut self, h: u32, m: u32) {
        assert!(at(h, m) >= self.now, "the clock only goes forward");
        self.now = at(h, m);
    }

    fn state(&self) -> &SessionState {
        self.live.state()
    }
}

/// A score in 0–4 that differs by dossier, member and criterion.
fn score(d: usize, m: usize, c: usize, round: u32) -> f64 {
    let target = ((d * 37) % 17) as f64 / 4.0;
    let noise = ((m * 5 + c * 3 + round as usize * 2 + d) % 3) as f64 - 1.0;
    (target + noise).round().clamp(0.0, 4.0)
}

/// Record the complete session up to `stage` in `dir`; answer the live
/// session (the writer lock is held until it is dropped).
pub fn record_session(session: &Arc<Session>, dir: &Path, stage: Stage) -> LiveSession {
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (live, _) = LiveSession::open(session.clone(), dir, inputs, "test", at(9, 0)).expect("record opens");
    let mut run = Run { live, now: at(9, 0) };
    let def = &session.definition;
    run.ok(Command::ConfirmDulyInvited);
    for m in &def.members {
        match m.id.as_str() {
            "akh" => {}
            "wiss" => run.ok(Command::MarkAbsent { member: m.id.clone(), at: at(9, 2) }),
            _ => run.ok(Command::MarkPresent { member: m.id.clone(), at: at(9, 2) }),
        }
    }
    run.ok(Command::DeclareConflict {
        member: "lag".into(),
        dossier: "DA-NORD".into(),
        reason: Some("Vorstandsmitglied des Trägervereins im Gebiet".into()),
    });
    let voting: Vec<String> = def.voting_members().map(|m| m.id.clone()).collect();
    let order: Vec<String> = run.state().proceedings.agenda.order.clone();
    let mut minute = 9 * 60 + 5;
    for (d, dossier) in order.iter().enumerate() {
        if dossier == "HR-ALTSTADT" {
            continue;
        }
        run.at(minute / 60, minute % 60);
        minute += 14;
        if dossier == "GI-WESTSTADT" {
            run.ok(Command::Arrive { member: "akh".into(), at: run.now });
        }
        run.ok(Command::OpenItem { dossier: dossier.clone() });
        let rounds = if dossier == "KS-WESERTOR" { 2 } else { 1 };
        for round in 1..=rounds {
            if round == 2 {
                run.ok(Command::AddNote {
                    text: "Aussprache: Bewertung der Beteiligung strittig; zweite Runde.".into(),
                    dossier: Some(dossier.clone()),
                });
                run.ok(Command::OpenRound { dossier: dossier.clone() });
            }
            let eligible: Vec<String> = run
                .state()
                .eligible_members(std::slice::from_ref(dossier))
                .iter()
                .map(|s| s.to_string())
                .collect();
            for (m, member) in voting.iter().enumerate() {
                if !eligible.contains(member) {
                    continue;
                }
                for (c, criterion) in def.criteria.iter().enumerate() {
                    // One score is still missing when DZB-NORD is revealed early.
                    if dossier == "DZB-NORD" && member == "akh" && c == 5 {
                        continue;
                    }
                    run.ok(Command::EnterScore {
                        dossier: dossier.clone(),
                        member: member.clone(),
                        criterion: criterion.id.clone(),
                        value: score(d, m, c, round),
                    });
                }
            }
            run.ok(Command::RevealScores { dossier: dossier.clone() });
        }
    }
    run.at(13, 40);
    run.ok(Command::CloseItem);
    if stage == Stage::Scored {
        return run.live;
    }

    run.ok(Command::RecordDecision {
        dossier: "HR-ALTSTADT".into(),
        outcome: Outcome::Deferred,
        rationale: Some(
            "Kosten- und Finanzierungsübersicht fehlt; Wiedervorlage in der nächsten Sitzung.".into(),
        ),
        deferral: gremium::domain::DeferralReason::Committee,
    });
    // Dossiers tied on the waiting list get their order by lot.
    let before = rules::ranking(run.state());
    let tied: Vec<Vec<String>> = before
        .groups()
        .filter(|g| g.len() > 1 && matches!(g[0].place, Place::WaitingList { .. }))
        .map(|g| g.iter().map(|r| r.dossier.clone()).collect())
        .collect();
    for dossiers in tied {
        run.ok(Command::DrawLots { dossiers });
    }
    let ranking = rules::ranking(run.state());
    let proposal = |d: &str| match ranking.get(d).map(|r| r.place) {
        Some(Place::Proposed) => Outcome::Admitted,
        Some(Place::WaitingList { position }) => Outcome::WaitingList { position },
        _ => Outcome::NotAdmitted,
    };
    // The conflicted dossiers one by one, so that the others vote en bloc
    // with everyone.
    run.at(14, 0);
    let by_name: std::collections::BTreeMap<String, Ballot> =
        ["vorsitz", "hmdi", "hmaijs", "lag", "hsgb", "hlt", "akh"]
            .iter()
            .map(|m| (m.to_string(), if *m == "hlt" { Ballot::Abstain } else { Ballot::Yes }))
            .collect();
    run.ok(Command::RecordVote {
        subject: VoteSubject::Dossier { dossier: "OF-LAUTERBORN".into(), outcome: proposal("OF-LAUTERBORN") },
        motion: None,
        yes: 6,
        no: 0,
        abstain: 1,
        ballots: by_name,
        tie_choice: None,
        rationale: None,
    });
    for dossier in ["DA-NORD", "ESW-INNENSTADT-SUED"] {
        run.ok(Command::RecordVote {
            subject: VoteSubject::Dossier { dossier: dossier.into(), outcome: proposal(dossier) },
            motion: None,
            yes: 5,
            no: 1,
            abstain: 1,
            ballots: Default::default(),
            tie_choice: None,
            rationale: None,
        });
    }
    run.at(14, 20);
    let items: Vec<Proposal> = ranking
        .ranked
        .iter()
        .filter(|r| !["OF-LAUTERBORN", "DA-NORD", "ESW-INNENSTADT-SUED"].contains(&r.dossier.as_str()))
        .map(|r| Proposal { dossier: r.dossier.clone(), outcome: proposal(&r.dossier) })
        .collect();
    run.ok(Command::RecordVote {
        subject: VoteSubject::EnBloc { items },
        motion: Some("Beschluss über die übrigen Anträge gemäß Rangfolge und Budgetlinie".into()),
        yes: 7,
        no: 0,
        abstain: 1,
        ballots: Default::default(),
        tie_choice: None,
        rationale: None,
    });
    run.at(14, 45);
    run.ok(Command::Leave { member: "hmdi".into(), at: run.now });
    if stage == Stage::Decided {
        return run.live;
    }
    run.at(15, 0);
    run.ok(Command::SignOff { by: "vorsitz".into() });
    if stage == Stage::SignedOff {
        return run.live;
    }
    run.at(15, 20);
    run.ok(Command::Amend {
        reason: "Hinweis der Geschäftsstelle nachgetragen".into(),
        command: Box::new(Command::AddNote {
            text: "Die Bescheide ergehen bis 15.12.2026.".into(),
            dossier: None,
        }),
    });
    run.live
}
