//! Votes and decisions as the minutes tell them (PRODUCT.md §2 step 8, §6,
//! § 93 VwVfG): the motion put, the quorum at the vote, the counts with
//! the arithmetic of the majority rule and the finding, the ballots by
//! name, who did not vote because of a conflict, the resolution, and a
//! departure from the ranking or the budget with its rationale. The
//! majority logic is `rules::vote_result`; nothing here decides anything.

use chrono::{DateTime, FixedOffset};

use super::context::{Context, fill, para, table};
use super::timeline::Voted;
use super::{Block, Inline, Section};
use crate::domain::{Ballot, DeferralReason, Majority, Outcome, Vote, VoteSubject};
use crate::rules::{Counts, VoteReason, vote_result};

type At = DateTime<FixedOffset>;

/// A vote on one item, in that item's proceedings.
pub fn item_vote(cx: &Context, voted: &Voted) -> Vec<Block> {
    let t = cx.t;
    let mut blocks =
        vec![Block::Paragraph(vec![Inline::Strong(fill(t.vote_heading, &[("clock", &cx.clock(voted.at))]))])];
    let vote = &voted.vote;
    let motion = match &vote.subject {
        VoteSubject::Dossier { outcome, .. } => fill(t.motion, &[("outcome", &motion_outcome(cx, *outcome))]),
        VoteSubject::EnBloc { .. } => t.motion_en_bloc.to_string(),
    };
    blocks.push(para(worded(cx, motion, vote)));
    blocks.extend(finding(cx, voted));
    if vote.carried
        && let VoteSubject::Dossier { dossier, outcome } = &vote.subject
    {
        blocks.push(para(fill(
            t.resolution,
            &[("dossier", dossier), ("outcome", &resolution_outcome(cx, *outcome))],
        )));
    }
    blocks.extend(flags(cx, vote, false));
    blocks
}

/// The section of an en-bloc vote: the motion, the table of its items, the
/// vote and the resolution.
pub fn en_bloc_section(cx: &Context, voted: &Voted) -> Section {
    let t = cx.t;
    let vote = &voted.vote;
    let mut blocks = vec![para(worded(cx, t.motion_en_bloc.to_string(), vote))];
    let rows = vote
        .subject
        .items()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let municipality = cx.find_dossier(&p.dossier).map(|d| d.municipality.clone());
            vec![
                (i + 1).to_string(),
                p.dossier.clone(),
                municipality.unwrap_or_else(|| t.not_given.to_string()),
                capitalised(&motion_outcome(cx, p.outcome)),
            ]
        })
        .collect();
    blocks.push(table(&t.en_bloc_header, &[true, false, false, false], rows));
    blocks.extend(finding(cx, voted));
    if vote.carried {
        blocks.push(para(t.resolution_en_bloc));
    }
    blocks.extend(flags(cx, vote, true));
    Section { level: 2, heading: en_bloc_heading(cx, voted.at), anchor: None, blocks }
}

pub fn en_bloc_heading(cx: &Context, at: At) -> String {
    fill(cx.t.en_bloc_heading, &[("clock", &cx.clock(at))])
}

/// In an item's proceedings: the item was part of an en-bloc vote.
pub fn en_bloc_entry(cx: &Context, dossier: &str, voted: &Voted) -> Block {
    let t = cx.t;
    let outcome = voted.vote.subject.items().into_iter().find(|p| p.dossier == dossier).map(|p| p.outcome);
    let outcome = outcome.map(|o| motion_outcome(cx, o)).unwrap_or_default();
    let template = if voted.vote.carried { t.en_bloc_carried } else { t.en_bloc_rejected };
    let section = t.quoted.replace("{}", &en_bloc_heading(cx, voted.at));
    para(fill(template, &[("clock", &cx.clock(voted.at)), ("outcome", &outcome), ("section", &section)]))
}

/// A decision without a vote (a deferral), with its rationale.
pub fn decision(
    cx: &Context,
    dossier: &str,
    at: At,
    outcome: Outcome,
    deferral: Option<DeferralReason>,
    rationale: Option<&str>,
    departs: bool,
) -> Vec<Block> {
    let t = cx.t;
    // Only the committee's deferral is a resolution; lack of quorum and a
    // withdrawal are recorded as what they are.
    let template = match deferral {
        Some(DeferralReason::NotQuorate) => t.deferral_not_quorate,
        Some(DeferralReason::Withdrawn) => t.deferral_withdrawn,
        Some(DeferralReason::Committee) | None => t.decision_no_vote,
    };
    let mut blocks = vec![para(fill(
        template,
        &[("clock", &cx.clock(at)), ("dossier", dossier), ("outcome", &resolution_outcome(cx, outcome))],
    ))];
    if departs {
        blocks.push(para(format!("⚑ {}", t.departs)));
    }
    if let Some(r) = rationale {
        blocks.push(para(t.rationale.replace("{}", r)));
    }
    blocks
}

/// "Aufnahme in die Nachrückerliste, Platz 2".
pub fn motion_outcome(cx: &Context, outcome: Outcome) -> String {
    outcome_words(&cx.t.outcome_motion, outcome)
}

/// "wird auf Platz 2 der Nachrückerliste gesetzt".
fn resolution_outcome(cx: &Context, outcome: Outcome) -> String {
    outcome_words(&cx.t.outcome_resolution, outcome)
}

fn outcome_words(words: &[&str; 4], outcome: Outcome) -> String {
    match outcome {
        Outcome::Admitted => words[0].to_string(),
        Outcome::WaitingList { position } => fill(words[1], &[("position", &position.to_string())]),
        Outcome::NotAdmitted => words[2].to_string(),
        Outcome::Deferred => words[3].to_string(),
    }
}

/// The motion, with its wording when the chair recorded one.
fn worded(cx: &Context, motion: String, vote: &Vote) -> String {
    match &vote.motion {
        Some(text) => {
            fill(cx.t.motion_worded, &[("motion", &motion), ("text", &cx.t.quoted.replace("{}", text))])
        }
        None => motion,
    }
}

/// Quorum, counts with the rule and the finding, ballots by name, and who
/// did not vote because of a conflict.
fn finding(cx: &Context, voted: &Voted) -> Vec<Block> {
    let t = cx.t;
    let vote = &voted.vote;
    let q = vote.quorum;
    let held = if q.held() { t.quorate } else { t.not_quorate };
    let quorum = fill(
        t.vote_quorum[usize::from(q.present != 1)],
        &[("finding", held), ("present", &q.present.to_string()), ("required", &q.required.to_string())],
    );
    let mut blocks = vec![para(quorum), para(result_line(cx.t, &cx.def.rules, vote))];
    if !vote.ballots.is_empty() {
        blocks.push(para(fill(t.by_name, &[("groups", &by_name(cx, vote))])));
    }
    if !voted.conflicted.is_empty() {
        let names: Vec<String> = voted.conflicted.iter().map(|m| cx.member(m)).collect();
        blocks.push(para(fill(t.vote_conflicted, &[("names", &names.join(", "))])));
    }
    blocks
}

/// "5 Ja, 2 Nein, 1 Enthaltung – absolute Mehrheit (mind. 5 von 8)
/// erreicht – angenommen".
pub fn result_line(t: &super::Text, rules: &crate::domain::Rules, vote: &Vote) -> String {
    let counts = Counts { yes: vote.yes, no: vote.no, abstain: vote.abstain };
    let r = vote_result(counts, rules.majority, rules.tie, vote.quorum.present, vote.tie_choice);
    let abstentions =
        fill(t.abstentions[usize::from(vote.abstain != 1)], &[("n", &vote.abstain.to_string())]);
    let counted = fill(
        t.counts,
        &[("yes", &vote.yes.to_string()), ("no", &vote.no.to_string()), ("abstentions", &abstentions)],
    );
    let majority = || {
        let i = match r.majority {
            Majority::Simple => 0,
            Majority::Absolute => 1,
            Majority::TwoThirds => 2,
        };
        fill(
            t.majority[i],
            &[
                ("needed", &r.needed.to_string()),
                ("eligible", &r.eligible.to_string()),
                ("cast", &(u64::from(vote.yes) + u64::from(vote.no)).to_string()),
            ],
        )
    };
    let rule = match r.reason {
        VoteReason::MajorityReached => format!("{} {}", majority(), t.reached),
        VoteReason::MajorityMissed => format!("{} {}", majority(), t.missed),
        VoteReason::TieChairDecidedYes => fill(t.tie_chair, &[("ballot", t.ballots[0])]),
        VoteReason::TieChairDecidedNo => fill(t.tie_chair, &[("ballot", t.ballots[1])]),
        // "gilt als abgelehnt" already is the finding.
        VoteReason::TieRejected => return format!("{counted} – {}", t.tie_rejected),
        VoteReason::NoVotesForOrAgainst => t.no_yes_no.to_string(),
    };
    // The finding is the one recorded: the decisions in the state follow it.
    let outcome = if vote.carried { t.carried } else { t.rejected };
    format!("{counted} – {rule} – {outcome}")
}

/// "Ja: Member 0, Member 2; Nein: Member 3", members in the order of the
/// session, ids it does not know after them.
fn by_name(cx: &Context, vote: &Vote) -> String {
    let t = cx.t;
    let known: Vec<&str> = cx.def.members.iter().map(|m| m.id.as_str()).collect();
    let mut order: Vec<&str> = known.iter().copied().filter(|id| vote.ballots.contains_key(*id)).collect();
    order.extend(vote.ballots.keys().map(String::as_str).filter(|id| !known.contains(id)));
    let groups: Vec<String> = [Ballot::Yes, Ballot::No, Ballot::Abstain]
        .into_iter()
        .zip(t.ballots)
        .filter_map(|(ballot, label)| {
            let names: Vec<String> = order
                .iter()
                .filter(|id| vote.ballots.get(**id) == Some(&ballot))
                .map(|id| cx.member(id))
                .collect();
            (!names.is_empty()).then(|| format!("{label}: {}", names.join(", ")))
        })
        .collect();
    groups.join("; ")
}

/// "⚑ weicht von der Rangfolge ab, über dem Budget", then the rationale.
fn flags(cx: &Context, vote: &Vote, name_items: bool) -> Vec<Block> {
    let t = cx.t;
    let mut flags = Vec::new();
    if vote.departs_from_ranking {
        flags.push(if name_items && !vote.departing.is_empty() {
            fill(t.departs_items, &[("items", &vote.departing.join(", "))])
        } else {
            t.departs.to_string()
        });
    }
    if vote.over_budget {
        flags.push(t.over_budget.to_string());
    }
    let mut blocks = Vec::new();
    if !flags.is_empty() {
        blocks.push(para(format!("⚑ {}", flags.join(", "))));
    }
    if let Some(r) = &vote.rationale {
        blocks.push(para(t.rationale.replace("{}", r)));
    }
    blocks
}

pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
