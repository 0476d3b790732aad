//! The agenda items dealt with, in the order the committee took them up:
//! each item's facts (funding requested, when it was called up, time
//! spent, its quorum, who did not take part), then its proceedings in time
//! order: scoring rounds as they were revealed, the chair's notes,
//! deferrals, votes and decisions (`votes.rs`). An en-bloc vote has a
//! section of its own among the items, at the time it was taken.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use super::context::{Context, fill, para, table};
use super::timeline::{Call, Entry, Item, Part};
use super::votes::{self, capitalised};
use super::{Block, Inline, Note, Section};
use crate::rules::{RoundResult, round_result};

type At = DateTime<FixedOffset>;

/// The heading of "the items dealt with" (with a line when there were
/// none); the parts follow it, one by one ([`part`]).
pub fn intro(cx: &Context) -> Section {
    let t = cx.t;
    let blocks = if cx.timeline.items.is_empty() { vec![para(t.no_items)] } else { Vec::new() };
    Section { level: 1, heading: t.sec_items.to_string(), anchor: None, blocks }
}

/// The section of the timeline's part `part`: an item or an en-bloc vote.
pub fn part(cx: &Context, part: Part) -> Option<Section> {
    match part {
        Part::Item(i) => cx.timeline.items.get(i).map(|item| item_section(cx, i + 1, item)),
        Part::EnBloc(i) => cx.timeline.en_bloc.get(i).map(|v| votes::en_bloc_section(cx, v)),
    }
}

fn item_section(cx: &Context, n: usize, item: &Item) -> Section {
    let heading = fill(cx.t.item_heading, &[("n", &n.to_string()), ("dossier", &cx.dossier(&item.dossier))]);
    let mut blocks = vec![Block::Fields(facts(cx, item))];
    blocks.extend(proceedings(cx, item));
    Section { level: 2, heading, anchor: Some(item.dossier.clone()), blocks }
}

fn facts(cx: &Context, item: &Item) -> Vec<(String, String)> {
    let t = cx.t;
    let d = item.dossier.as_str();
    let mut fields = Vec::new();
    if let Some(dossier) = cx.find_dossier(d) {
        fields.push((t.f_requested.to_string(), cx.money(dossier.funding.requested_eur)));
    }
    if item.calls.is_empty() {
        fields.push((t.f_called.to_string(), t.not_called.to_string()));
    } else {
        let calls: Vec<String> = item.calls.iter().map(|c| call(cx, c)).collect();
        fields.push((t.f_called.to_string(), calls.join("; ")));
        fields.push((t.f_duration.to_string(), cx.duration(cx.state.time_spent(d, cx.now))));
    }
    if let Some(q) = &item.quorum_at_call {
        let text = fill(
            t.item_quorum,
            &[
                ("present", &q.present.to_string()),
                ("required", &q.required.to_string()),
                ("finding", &super::opening::finding(cx, q)),
            ],
        );
        fields.push((t.f_item_quorum.to_string(), text));
    }
    if let Some((_, at)) = cx.state.proceedings.reinvitations.get(d) {
        let note = cx.def.reinvited.iter().find(|r| r.dossier == d).and_then(|r| r.note.clone());
        let mut text = fill(t.reinvited, &[("clock", &cx.clock(*at))]);
        if let Some(n) = note {
            text.push_str(&format!(" – {n}"));
        }
        fields.push((t.f_reinvited.to_string(), text));
    }
    if let Some(chaired) = &item.chaired_by {
        let deputy = chaired.as_deref().is_some_and(|id| cx.def.chair().is_none_or(|c| c.id != id));
        let text = match chaired {
            Some(id) if deputy => fill(t.chaired_deputy, &[("name", &cx.member(id))]),
            Some(id) => cx.member(id),
            None => t.chaired_nobody.to_string(),
        };
        fields.push((t.f_chaired.to_string(), text));
    }
    fields.push((t.f_not_taking_part.to_string(), not_taking_part(cx, d)));
    // Doubtful conflicts the committee decided, without the member.
    let decided: Vec<String> = cx
        .state
        .proceedings
        .conflict_decisions
        .iter()
        .filter(|((_, x), _)| x == d)
        .map(|((member, _), c)| {
            let template = if c.excluded { t.conflict_excluded } else { t.conflict_not_excluded };
            let counts = format!("{}:{}:{}", c.yes, c.no, c.abstain);
            fill(template, &[("name", &cx.member(member)), ("clock", &cx.clock(c.at)), ("counts", &counts)])
        })
        .collect();
    if !decided.is_empty() {
        fields.push((t.f_conflict_decided.to_string(), decided.join("; ")));
    }
    fields
}

fn call(cx: &Context, c: &Call) -> String {
    let from = cx.clock(c.from);
    match c.until {
        Some(until) => fill(cx.t.call_range, &[("from", &from), ("until", &cx.clock(until))]),
        None => fill(cx.t.call_open, &[("from", &from)]),
    }
}

/// Members with a conflict of interest on the item, pre-declared first.
fn not_taking_part(cx: &Context, d: &str) -> String {
    let t = cx.t;
    let mut names: Vec<String> = cx
        .state
        .session
        .conflicts_for_dossier(d)
        .map(|c| fill(t.conflict_before, &[("name", &cx.member(&c.member))]))
        .collect();
    let mut live: Vec<_> = cx.state.proceedings.live_conflicts.iter().filter(|((_, x), _)| x == d).collect();
    live.sort_by_key(|(_, c)| c.seq);
    names.extend(live.into_iter().map(|((member, _), c)| {
        fill(t.conflict_live, &[("name", &cx.member(member)), ("clock", &cx.clock(c.at))])
    }));
    if names.is_empty() { t.nobody.to_string() } else { names.join(", ") }
}

/// The item's proceedings in time order; a round not revealed yet comes
/// last, as it stands.
fn proceedings(cx: &Context, item: &Item) -> Vec<Block> {
    let t = cx.t;
    let d = item.dossier.as_str();
    let mut blocks = Vec::new();
    let mut shown = BTreeSet::new();
    for entry in &item.entries {
        match entry {
            Entry::RoundOpened { round, at } => blocks.push(para(fill(
                t.round_opened,
                &[("clock", &cx.clock(*at)), ("round", &round.to_string())],
            ))),
            Entry::Revealed { round, early, at } => {
                if shown.insert(*round) {
                    blocks.extend(round_blocks(cx, d, *round, Some((*at, *early))));
                }
            }
            Entry::Note { seq, at, text } => blocks.push(Block::Note(Note {
                seq: *seq,
                lead: fill(t.note_lead, &[("clock", &cx.clock(*at))]),
                text: text.clone(),
            })),
            Entry::Deferred { at, reason } => blocks.push(para(match reason {
                Some(r) => fill(t.deferred_reason, &[("clock", &cx.clock(*at)), ("reason", r)]),
                None => fill(t.deferred, &[("clock", &cx.clock(*at))]),
            })),
            Entry::Vote(voted) => {
                blocks.extend(amended(cx, voted.seq));
                blocks.extend(votes::item_vote(cx, voted));
                blocks.extend(late_conflicts(cx, d, voted.seq));
            }
            Entry::EnBloc { index } => {
                if let Some(voted) = cx.timeline.en_bloc.get(*index) {
                    blocks.extend(amended(cx, voted.seq));
                    blocks.push(votes::en_bloc_entry(cx, d, voted));
                    blocks.extend(late_conflicts(cx, d, voted.seq));
                }
            }
            Entry::Decision { seq, at, outcome, rationale, departs, deferral } => {
                blocks.extend(amended(cx, *seq));
                blocks.extend(votes::decision(
                    cx,
                    d,
                    *at,
                    *outcome,
                    *deferral,
                    rationale.as_deref(),
                    *departs,
                ))
            }
        }
    }
    for round in 1..=cx.state.round(d) {
        if shown.contains(&round) {
            continue;
        }
        match cx.state.proceedings.reveals.get(&(d.to_string(), round)) {
            Some(r) => blocks.extend(round_blocks(cx, d, round, Some((r.at, r.early)))),
            None => blocks.extend(unrevealed(cx, d, round)),
        }
    }
    blocks
}

/// A round still being scored: with blind scoring only how far it is,
/// else the values so far.
fn unrevealed(cx: &Context, d: &str, round: u32) -> Vec<Block> {
    let entered = cx.state.round_scores(d, round).count();
    if entered == 0 && round == 1 {
        return Vec::new();
    }
    if !cx.def.rules.blind_scoring {
        return round_blocks(cx, d, round, None);
    }
    let total = cx.state.eligible_members(&[d.to_string()]).len() * cx.def.criteria.len();
    vec![para(fill(
        cx.t.round_running,
        &[
            ("round", &round.to_string()),
            ("done", &entered.to_string()),
            ("total", &total.max(entered).to_string()),
        ],
    ))]
}

/// A round's scores by member and criterion, aggregates, spread and flags,
/// and the weighted total.
fn round_blocks(cx: &Context, d: &str, round: u32, reveal: Option<(At, bool)>) -> Vec<Block> {
    let t = cx.t;
    let result = round_result(cx.state, d, round);
    let latest = cx.state.round(d);
    let mut title = match reveal {
        Some((at, early)) => {
            let mut s = fill(t.round_revealed, &[("round", &round.to_string()), ("clock", &cx.clock(at))]);
            if early {
                s.push_str(t.round_early);
            }
            s
        }
        None => fill(t.round_incomplete, &[("round", &round.to_string())]),
    };
    if latest > 1 && round == latest {
        title.push_str(t.round_counts);
    }
    let mut blocks = vec![Block::Paragraph(vec![Inline::Strong(title)]), score_table(cx, &result)];
    let flagged: Vec<String> = cx
        .def
        .criteria
        .iter()
        .enumerate()
        .zip(&result.criteria)
        .filter(|(_, r)| r.disagreement)
        .map(|((i, c), _)| format!("{} {}", cx.criterion_short(i), c.label))
        .collect();
    if !flagged.is_empty() {
        blocks.push(para(fill(
            t.disagreement,
            &[("spread", &cx.number(cx.def.rules.disagreement_spread)), ("criteria", &flagged.join(", "))],
        )));
    }
    blocks.push(para(match result.total {
        Some(total) => fill(
            t.total,
            &[
                ("value", &cx.number(total.value)),
                ("max", &cx.number(cx.def.scale.max)),
                ("percent", &cx.percent(total.percent)),
            ],
        ),
        None => t.no_total.to_string(),
    }));
    let not_counted: Vec<String> = cx
        .def
        .voting_members()
        .filter(|m| cx.state.is_conflicted(&m.id, d))
        .filter(|m| cx.def.criteria.iter().any(|c| cx.state.score(d, round, &m.id, &c.id).is_some()))
        .map(|m| m.name.clone())
        .collect();
    if !not_counted.is_empty() {
        blocks.push(para(fill(t.not_counted, &[("names", &not_counted.join(", "))])));
    }
    blocks
}

fn score_table(cx: &Context, result: &RoundResult) -> Block {
    let t = cx.t;
    let n = cx.def.criteria.len();
    let mut header = vec![t.col_member.to_string()];
    header.extend((0..n).map(|i| cx.criterion_short(i)));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut numeric = vec![true; n + 1];
    numeric[0] = false;
    let scored: std::collections::HashSet<&str> =
        result.criteria.iter().flat_map(|c| c.scores.keys().map(String::as_str)).collect();
    let mut rows: Vec<Vec<String>> = cx
        .def
        .voting_members()
        .filter(|m| scored.contains(m.id.as_str()))
        .map(|m| {
            let mut row = vec![m.name.clone()];
            row.extend(result.criteria.iter().map(|c| {
                c.scores.get(&m.id).map(|v| cx.number(*v)).unwrap_or_else(|| t.not_given.to_string())
            }));
            row
        })
        .collect();
    let mut aggregate = vec![capitalised(cx.aggregate_name())];
    aggregate.extend(
        result
            .criteria
            .iter()
            .map(|c| c.aggregate.map(|a| cx.number(a)).unwrap_or_else(|| t.not_given.into())),
    );
    let mut spread = vec![t.spread.to_string()];
    spread.extend(result.criteria.iter().map(|c| {
        let value = cx.number(c.spread);
        if c.disagreement { format!("{value} ⚑") } else { value }
    }));
    rows.push(aggregate);
    rows.push(spread);
    table(&header, &numeric, rows)
}

/// A change made after sign-off is marked at its place, with its reason.
fn amended(cx: &Context, seq: u64) -> Option<Block> {
    let a = cx.state.proceedings.amendments.iter().find(|a| a.seq == seq)?;
    Some(para(format!("⚠ {}", fill(cx.t.amended, &[("clock", &cx.clock(a.at)), ("reason", &a.reason)]))))
}

/// A conflict on `dossier` declared after the vote `seq`: said at the vote,
/// with how it was dealt with (PRODUCT.md §3).
fn late_conflicts(cx: &Context, dossier: &str, seq: u64) -> Vec<Block> {
    let t = cx.t;
    crate::rules::late_conflicts(cx.state)
        .into_iter()
        .filter(|c| c.vote == seq && c.dossier == dossier)
        .map(|c| {
            let name =
                cx.state.session.member(&c.member).map_or_else(|| c.member.clone(), |m| m.name.clone());
            let lead = fill(t.late_conflict, &[("member", &name), ("clock", &cx.clock(c.declared))]);
            let how = match &c.resolution {
                Some(crate::rules::Resolution::Revoted(_)) => t.late_revoted.to_string(),
                Some(crate::rules::Resolution::Confirmed { reason, .. }) => {
                    t.late_confirmed.replace("{reason}", reason)
                }
                None => t.late_open.to_string(),
            };
            para(format!("⚠ {lead} {how}"))
        })
        .collect()
}
