//! The first parts of the minutes: the session's particulars, the due
//! invitation and the quorum findings, attendance with times, conflicts of
//! interest, how scores count, and the agenda with each item's standing.

use super::context::{Context, fill, para, table};
use super::timeline::{Cause, Finding};
use super::{Block, Section};
use crate::domain::{Attendance, Member, Role};
use crate::rules::Quorum;

/// How many sections the opening has at most.
pub const SECTIONS: usize = 7;

/// The opening's section `i` (below [`SECTIONS`]); `None` where there is
/// none (no ballots were imported).
pub fn section_at(cx: &Context, i: usize) -> Option<Section> {
    match i {
        0 => Some(session(cx)),
        1 => Some(quorum(cx)),
        2 => Some(attendance(cx)),
        3 => Some(conflicts(cx)),
        4 => ballots(cx),
        5 => Some(basis(cx)),
        6 => Some(agenda(cx)),
        _ => None,
    }
}

/// The ballots imported, in record order: whose, when, the file and its
/// digest, the signer, how many scores, and the dossiers left out. No
/// section when there were none.
fn ballots(cx: &Context) -> Option<Section> {
    let t = cx.t;
    // Every import that stands (not undone), a replaced one too.
    let entries = cx.state.ballot_imports();
    if entries.is_empty() {
        return None;
    }
    let at_of = |seq: u64| entries.iter().find(|(s, _, _)| *s == seq).map(|(_, at, _)| *at);
    let rows = entries
        .iter()
        .map(|&(_, at, i)| {
            let left: Vec<String> = i
                .refused
                .iter()
                .map(|r| {
                    let words = match r.reason {
                        crate::domain::BallotRefusalReason::Conflict => t.ballot_left_out[0],
                        crate::domain::BallotRefusalReason::Revealed => t.ballot_left_out[1],
                        crate::domain::BallotRefusalReason::ScoredInSession => t.ballot_left_out[2],
                    };
                    fill(words, &[("dossier", &r.dossier)])
                })
                .collect();
            vec![
                cx.member(&i.member),
                match i.replaces.and_then(at_of) {
                    Some(before) => {
                        fill(t.ballot_replaces, &[("time", &cx.clock(at)), ("before", &cx.clock(before))])
                    }
                    None => cx.clock(at),
                },
                format!("{} ({})", i.file, i.sha256),
                i.signer.clone().unwrap_or_else(|| t.ballot_unsigned.to_string()),
                i.scores.len().to_string(),
                if left.is_empty() { t.not_given.to_string() } else { left.join(", ") },
            ]
        })
        .collect();
    let numeric = [false, false, false, false, true, false];
    Some(section(t.sec_ballots, vec![table(&t.ballots_header, &numeric, rows), para(t.ballots_rule)]))
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section { level: 1, heading: heading.to_string(), anchor: None, blocks }
}

/// "Dr. M. Ahrenfeld, HMWVW".
fn with_organisation(m: &Member) -> String {
    match &m.organisation {
        Some(o) => format!("{}, {o}", m.name),
        None => m.name.clone(),
    }
}

fn session(cx: &Context) -> Section {
    let (t, def) = (cx.t, cx.def);
    let or_none = |v: Option<String>| v.unwrap_or_else(|| t.not_given.to_string());
    let mut fields = vec![(t.f_committee.to_string(), def.title.clone())];
    if let Some(p) = &def.programme {
        fields.push((t.f_programme.to_string(), p.clone()));
    }
    // The days the events happened on, not the day the file planned.
    let days = &cx.timeline.days;
    let date = match days.is_empty() {
        true => def.date.map(|d| cx.date(d)),
        false => Some(days.iter().map(|d| cx.date(*d)).collect::<Vec<_>>().join(", ")),
    };
    fields.push((t.f_date.to_string(), or_none(date.clone())));
    fields.push((t.f_place.to_string(), or_none(def.place.clone())));
    fields.push((t.f_began.to_string(), or_none(cx.timeline.began.map(|b| cx.clock(b)))));
    let ended = cx.timeline.ended.map_or_else(|| t.not_ended.to_string(), |e| cx.clock(e));
    fields.push((t.f_ended.to_string(), ended));
    fields.push((t.f_chair.to_string(), or_none(def.chair().map(with_organisation))));
    if let Some(s) = &def.secretary {
        fields.push((t.f_secretary.to_string(), s.clone()));
    }
    let mut blocks = vec![Block::Fields(fields)];
    if let (Some(planned), Some(held)) = (def.date, date.filter(|_| !days.is_empty()))
        && !(days.len() == 1 && days.contains(&planned))
    {
        blocks.push(para(fill(t.other_day, &[("planned", &cx.date(planned)), ("held", &held)])));
    }
    section(t.sec_session, blocks)
}

/// "beschlussfähig", or why not.
pub fn finding(cx: &Context, q: &Quorum) -> String {
    let t = cx.t;
    if q.reached() {
        t.quorate.to_string()
    } else if !q.duly_invited {
        format!("{} ({})", t.not_quorate, t.not_invited)
    } else {
        t.not_quorate.to_string()
    }
}

fn quorum(cx: &Context) -> Section {
    let (t, def) = (cx.t, cx.def);
    let mut blocks = vec![match cx.timeline.invited_at {
        Some(at) if cx.state.proceedings.duly_invited => {
            para(fill(t.invited_yes, &[("clock", &cx.clock(at))]))
        }
        _ => para(t.invited_no),
    }];
    let voting = def.voting_members().count() as u32;
    let rule = &def.rules.quorum;
    blocks.push(para(fill(
        t.quorum_rule,
        &[
            ("required", &crate::rules::required_present(rule, voting).to_string()),
            ("voting", &voting.to_string()),
            ("share", &cx.percent(rule.min_present_share * 100.0)),
            ("min", &rule.min_present.to_string()),
        ],
    )));
    if cx.timeline.findings.is_empty() {
        blocks.push(para(t.no_findings));
    } else {
        let rows = cx.timeline.findings.iter().map(|f| finding_row(cx, f)).collect();
        blocks.push(table(&t.findings_header, &[false, false, true, true, false], rows));
    }
    section(t.sec_quorum, blocks)
}

fn finding_row(cx: &Context, f: &Finding) -> Vec<String> {
    let t = cx.t;
    let name = |pattern: &str, id: &str| fill(pattern, &[("name", &cx.member(id))]);
    let cause = match &f.cause {
        Cause::RollCall => t.cause_roll_call.to_string(),
        Cause::Invited => t.cause_invited.to_string(),
        Cause::MarkedPresent(m) => name(t.cause_present, m),
        Cause::MarkedAbsent(m) => name(t.cause_absent, m),
        Cause::Arrived(m) => name(t.cause_arrived, m),
        Cause::Left(m) => name(t.cause_left, m),
    };
    let q = &f.quorum;
    vec![
        cx.clock(f.at),
        cause,
        fill(t.present_of, &[("present", &q.present.to_string()), ("voting", &q.voting_members.to_string())]),
        q.required.to_string(),
        finding(cx, q),
    ]
}

fn role(cx: &Context, m: &Member) -> String {
    let t = cx.t;
    match m.role {
        Role::Advisory => t.roles[2].to_string(),
        Role::Chair | Role::Member => {
            let role = if m.role == Role::Chair { t.roles[0] } else { t.roles[1] };
            format!("{role}, {}", if m.is_voting() { t.voting } else { t.non_voting })
        }
    }
}

/// "09:00 Uhr bis 10:15 Uhr; ab 11:00 Uhr (verspätet)", "abwesend".
fn presence(cx: &Context, a: Option<&Attendance>) -> String {
    let t = cx.t;
    let Some(a) = a.filter(|a| !a.periods.is_empty() || a.marked_absent.is_some()) else {
        return t.att_unrecorded.to_string();
    };
    if a.periods.is_empty() {
        return t.att_absent.to_string();
    }
    let periods: Vec<String> = a
        .periods
        .iter()
        .map(|p| {
            let from = cx.clock(p.from);
            let text = match p.until {
                Some(until) => fill(t.att_period, &[("from", &from), ("until", &cx.clock(until))]),
                None => fill(t.att_from, &[("from", &from)]),
            };
            if p.late { format!("{text} {}", t.att_late) } else { text }
        })
        .collect();
    periods.join("; ")
}

fn attendance(cx: &Context) -> Section {
    let (t, def) = (cx.t, cx.def);
    let p = &cx.state.proceedings;
    let rows = def
        .members
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.organisation.clone().unwrap_or_else(|| t.not_given.to_string()),
                role(cx, m),
                presence(cx, p.attendance.get(&m.id)),
            ]
        })
        .collect();
    let count = |voting: bool| def.members.iter().filter(|m| m.is_voting() == voting).count();
    let present = |voting: bool| {
        def.members.iter().filter(|m| m.is_voting() == voting && cx.state.is_present(&m.id)).count()
    };
    let summary = fill(
        t.att_summary,
        &[
            ("voting_present", &present(true).to_string()),
            ("voting", &count(true).to_string()),
            ("other_present", &present(false).to_string()),
            ("other", &count(false).to_string()),
        ],
    );
    section(t.sec_attendance, vec![table(&t.attendance_header, &[false; 4], rows), para(summary)])
}

fn conflicts(cx: &Context) -> Section {
    let t = cx.t;
    let item = |d: &str| cx.dossier(d);
    let reason = |r: &Option<String>| r.clone().unwrap_or_else(|| t.not_given.to_string());
    let mut rows: Vec<Vec<String>> = cx
        .def
        .conflicts
        .iter()
        .map(|c| vec![cx.member(&c.member), item(&c.dossier), reason(&c.reason), t.declared_before.into()])
        .collect();
    let mut live: Vec<_> = cx.state.proceedings.live_conflicts.iter().collect();
    live.sort_by_key(|(_, c)| c.seq);
    rows.extend(live.into_iter().map(|((member, dossier), c)| {
        vec![cx.member(member), item(dossier), reason(&c.reason), cx.clock(c.at)]
    }));
    let mut blocks = if rows.is_empty() {
        vec![para(t.no_conflicts)]
    } else {
        vec![table(&t.conflicts_header, &[false; 4], rows), para(t.conflicts_rule)]
    };
    // The rule does not hold for a vote taken before the conflict came to
    // light: say so, and where.
    if !crate::rules::late_conflicts(cx.state).is_empty() {
        blocks.push(para(t.conflicts_late));
    }
    section(t.sec_conflicts, blocks)
}

fn basis(cx: &Context) -> Section {
    let (t, def) = (cx.t, cx.def);
    let rows = def
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| vec![cx.criterion_short(i), c.label.clone(), cx.number(c.weight)])
        .collect();
    let scale = fill(
        t.basis_scale,
        &[
            ("min", &cx.number(def.scale.min)),
            ("max", &cx.number(def.scale.max)),
            ("step", &cx.number(def.scale.step)),
            ("aggregate", cx.aggregate_name()),
            ("spread", &cx.number(def.rules.disagreement_spread)),
        ],
    );
    let blind = if def.rules.blind_scoring { t.blind_yes } else { t.blind_no };
    section(t.sec_basis, vec![table(&t.basis_header, &[false, false, true], rows), para(scale), para(blind)])
}

fn agenda(cx: &Context) -> Section {
    let t = cx.t;
    let agenda = &cx.state.proceedings.agenda;
    let numbers: std::collections::HashMap<&str, usize> =
        cx.timeline.items.iter().enumerate().map(|(n, i)| (i.dossier.as_str(), n + 1)).collect();
    let dealt = |d: &str| numbers.get(d).map(|n| n.to_string());
    let rows = agenda
        .order
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let requested = cx.find_dossier(d).map(|x| cx.money(x.funding.requested_eur));
            let status = match (dealt(d), agenda.deferred.contains(d)) {
                (Some(n), false) => fill(t.agenda_dealt, &[("n", &n)]),
                (Some(n), true) => fill(t.agenda_dealt_deferred, &[("n", &n)]),
                (None, true) => t.agenda_deferred.to_string(),
                (None, false) => t.agenda_open.to_string(),
            };
            vec![
                (i + 1).to_string(),
                cx.dossier(d),
                requested.unwrap_or_else(|| t.not_given.to_string()),
                status,
            ]
        })
        .collect();
    section(t.sec_agenda, vec![table(&t.agenda_header, &[true, false, true, false], rows)])
}
