//! Sessions built in code, for tests and benchmarks. Not part of the
//! application's API.

use chrono::DateTime;

use crate::domain::{
    Area, Budget, Criterion, Dossier, EventKind, Funding, Language, Member, Outcome, Prev, Role, Rules,
    Scale, Session, SessionDefinition, Vote, VoteQuorum, VoteSubject,
};

/// A session with `dossiers` dossiers (`D0000`, …), `members` voting
/// members (`m00` is the chair) plus one advisory member `adv`, and
/// `criteria` criteria (`c0`, …) on the default 0–4 scale.
pub fn session(dossiers: usize, members: usize, criteria: usize) -> Session {
    let mut people: Vec<Member> = (0..members)
        .map(|i| Member {
            id: format!("m{i:02}"),
            name: format!("Member {i}"),
            organisation: None,
            role: if i == 0 { Role::Chair } else { Role::Member },
            voting: None,
            deputy: false,
            public_key: None,
        })
        .collect();
    people.push(Member {
        id: "adv".into(),
        name: "Advisor".into(),
        organisation: None,
        role: Role::Advisory,
        voting: Some(false),
        deputy: false,
        public_key: None,
    });
    let definition = SessionDefinition {
        format: crate::domain::SESSION_FORMAT.into(),
        id: "test-session".into(),
        title: "Test session".into(),
        programme: None,
        date: None,
        place: Some("Wiesbaden".into()),
        secretary: None,
        language: Language::De,
        dossiers: vec!["dossiers/".into()],
        agenda: Vec::new(),
        budget: Budget { available_eur: 9_000_000, max_admissions: Some(10), waiting_list: 3 },
        scale: Scale::default(),
        criteria: (0..criteria)
            .map(|i| Criterion {
                id: format!("c{i}"),
                label: format!("Criterion {i}"),
                label_en: None,
                weight: 10.0 + i as f64,
                guidance: None,
            })
            .collect(),
        eligibility: Vec::new(),
        members: people,
        conflicts: vec![crate::domain::Conflict {
            member: "m01".into(),
            dossier: "D0000".into(),
            reason: Some("pre-declared".into()),
        }],
        reinvited: Vec::new(),
        rules: Rules::default(),
    };
    let dossiers = (0..dossiers).map(dossier).collect();
    Session { definition, dossiers }
}

/// Give every voting member an organisation: every other one names a
/// dossier's municipality (`Town 0`, `Town 74`, …), so the conflict
/// suggestions have names to find in the dossiers' texts.
pub fn with_organisations(session: &mut Session) {
    let voting = session.definition.members.iter_mut().filter(|m| m.role != Role::Advisory);
    for (i, m) in voting.enumerate() {
        m.organisation = Some(if i % 2 == 0 {
            format!("Rat von Town {}, Dezernat für Soziales", i * 37)
        } else {
            format!("Magistrat der Stadt Nummer {i}")
        });
    }
}

fn dossier(i: usize) -> Dossier {
    Dossier {
        format: None,
        id: format!("D{i:04}"),
        municipality: format!("Town {i}"),
        ags: None,
        county: None,
        region: None,
        rural: i.is_multiple_of(3),
        area: Area { name: format!("Quarter {i}"), hectares: None, residents: None, kind: None },
        submitted: None,
        summary: "A neighbourhood.".into(),
        deficits: Vec::new(),
        indicators: Vec::new(),
        concept: None,
        participation: None,
        measures: Vec::new(),
        funding: Funding {
            requested_eur: 600_000 + (i as u64 % 10) * 100_000,
            total_cost_eur: None,
            municipal_share_percent: None,
            budget_recovery: None,
        },
        eligibility: Default::default(),
        contact: None,
        attachments: Vec::new(),
        notes: None,
    }
}

/// `kinds` as the chair's record lines from `first` on, `step` apart, with
/// no hash chain (for a state replayed in memory).
pub fn as_events(
    kinds: Vec<EventKind>,
    first: DateTime<chrono::FixedOffset>,
    step: chrono::TimeDelta,
) -> Vec<crate::domain::Event> {
    kinds
        .into_iter()
        .enumerate()
        .map(|(seq, event)| crate::domain::Event {
            v: crate::domain::RECORD_FORMAT_VERSION,
            seq: seq as u64,
            at: first + step * seq as i32,
            actor: crate::domain::Actor::Chair,
            prev: Prev::default(),
            event,
        })
        .collect()
}

/// The events of a long session on [`session`]`(dossiers, members,
/// criteria)`, cut at `limit`: roll call, then per dossier the item opened,
/// every member but the chair scoring every criterion, the chair's
/// corrections, the reveal, a note and the vote that decides it. The benchmark's and
/// the profiling example's record (docs/performance.md).
pub fn long_session(dossiers: usize, members: usize, criteria: usize, limit: usize) -> Vec<EventKind> {
    let t0 = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap_or_default();
    let mut kinds = vec![
        EventKind::SessionOpened {
            session_id: "bench".into(),
            title: "Bench".into(),
            app_version: "bench".into(),
            inputs: Box::default(),
        },
        EventKind::DulyInvitedConfirmed {},
    ];
    for m in 0..members {
        kinds.push(EventKind::MemberMarkedPresent { member: format!("m{m:02}"), at: t0 });
    }
    for d in 0..dossiers {
        let dossier = format!("D{d:04}");
        kinds.push(EventKind::AgendaItemOpened { dossier: dossier.clone() });
        for m in 1..members {
            for c in 0..criteria {
                kinds.push(EventKind::ScoreEntered {
                    dossier: dossier.clone(),
                    round: 1,
                    member: format!("m{m:02}"),
                    criterion: format!("c{c}"),
                    value: ((d + m + c) % 5) as f64,
                });
            }
        }
        for c in 0..criteria {
            kinds.push(EventKind::ScoreCorrected {
                dossier: dossier.clone(),
                round: 1,
                member: "m01".into(),
                criterion: format!("c{c}"),
                value: 2.0,
                previous: Some(((d + 1 + c) % 5) as f64),
            });
        }
        kinds.push(EventKind::ScoresRevealed { dossier: dossier.clone(), round: 1, early: false });
        kinds.push(EventKind::NoteAdded {
            text: format!("Aussprache zu {dossier}: Konzept überzeugend."),
            dossier: Some(dossier.clone()),
        });
        let voters = members.saturating_sub(1) as u32;
        kinds.push(EventKind::VoteRecorded(Box::new(Vote {
            subject: VoteSubject::Dossier { dossier, outcome: Outcome::NotAdmitted },
            motion: None,
            yes: voters.saturating_sub(1),
            no: voters.min(1),
            abstain: 0,
            ballots: Default::default(),
            tie_choice: None,
            carried: voters > 2,
            rationale: None,
            departs_from_ranking: false,
            departing: Vec::new(),
            over_budget: false,
            quorum: VoteQuorum { present: voters, required: members as u32 / 2 + 1 },
        })));
    }
    kinds.truncate(limit);
    kinds
}
