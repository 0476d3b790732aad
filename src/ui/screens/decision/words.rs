//! The vote in words: counts, the arithmetic behind the finding, what
//! stands in the way of recording it, and the confirmation question.

use super::dialog::{Field, VoteDialog};
use crate::domain::{Ballot, Majority, Outcome};
use crate::rules::{Counts, VoteReason, VoteResult};
use crate::ui::strings::Strings;
use crate::ui::strings::decision::DecisionStrings;

/// "5 Ja, 2 Nein, 1 Enthaltung"; abstentions only when there are any.
pub fn counts(c: Counts, d: &DecisionStrings) -> String {
    let mut text = format!("{} {}, {} {}", c.yes, d.yes_word, c.no, d.no_word);
    if c.abstain > 0 {
        let word = if c.abstain == 1 { d.abstention } else { d.abstentions };
        text.push_str(&format!(", {} {word}", c.abstain));
    }
    text
}

/// The finding with its arithmetic: "5 Ja, 2 Nein, 1 Enthaltung –
/// einfache Mehrheit erreicht", "4 Ja, 4 Nein – Stimmengleichheit, Stimme
/// des Vorsitzes: Ja – angenommen", "5 Ja von 8 Stimmberechtigten –
/// absolute Mehrheit (mind. 5) erreicht", "6 Ja, 3 Nein –
/// Zweidrittelmehrheit (mind. 6 von 9) erreicht".
pub fn result_line(r: &VoteResult, d: &DecisionStrings) -> String {
    let c = counts(r.counts, d);
    let outcome = if r.carried { d.carried } else { d.rejected };
    let choice = |b: Ballot| {
        d.chair_vote
            .replace("{choice}", if b == Ballot::Yes { d.chair_choices[0] } else { d.chair_choices[1] })
    };
    match r.reason {
        VoteReason::NoVotesForOrAgainst => format!("{c} – {} – {outcome}", d.no_yes_or_no),
        VoteReason::TieChairDecidedYes => format!("{c} – {}, {} – {outcome}", d.tie, choice(Ballot::Yes)),
        VoteReason::TieChairDecidedNo => format!("{c} – {}, {} – {outcome}", d.tie, choice(Ballot::No)),
        VoteReason::TieRejected => format!("{c} – {} – {outcome}", d.tie),
        VoteReason::MajorityReached | VoteReason::MajorityMissed => {
            let finding = if r.carried { d.reached } else { d.missed };
            let needed = r.needed.to_string();
            match r.majority {
                Majority::Simple => format!("{c} – {} {finding}", d.simple),
                Majority::Absolute => {
                    let yes = d
                        .yes_of_eligible
                        .replace("{yes}", &r.counts.yes.to_string())
                        .replace("{eligible}", &r.eligible.to_string());
                    format!("{yes} – {} {finding}", d.absolute.replace("{needed}", &needed))
                }
                Majority::TwoThirds => {
                    let cast = r.counts.yes.saturating_add(r.counts.no).to_string();
                    let rule = d.two_thirds.replace("{needed}", &needed).replace("{cast}", &cast);
                    format!("{c} – {rule} {finding}")
                }
            }
        }
    }
}

/// The motion for one dossier in words: "Aufnahme", "Nachrückerliste
/// Platz 2", "Nichtaufnahme".
pub fn motion(outcome: Outcome, d: &DecisionStrings) -> String {
    match outcome {
        Outcome::Admitted => d.motions[0].to_string(),
        Outcome::WaitingList { position } => format!("{} {position}", d.motions[1]),
        Outcome::NotAdmitted | Outcome::Deferred => d.motions[2].to_string(),
    }
}

/// What stands in the way of recording the vote as typed, as the domain
/// would see it: quorum, too many votes, a missing position, a missing
/// rationale. Empty when nothing does (no votes yet is not a problem to
/// show, the result line says it).
pub fn problems(dialog: &VoteDialog, d: &DecisionStrings) -> Vec<String> {
    let q = &dialog.quorum;
    let mut out = Vec::new();
    if !q.duly_invited {
        out.push(d.not_invited.to_string());
    }
    if q.present < q.required {
        out.push(
            d.not_quorate
                .replace("{present}", &q.present.to_string())
                .replace("{required}", &q.required.to_string()),
        );
    }
    let cast = dialog.cast();
    if cast > q.present {
        out.push(
            d.too_many.replace("{cast}", &cast.to_string()).replace("{eligible}", &q.present.to_string()),
        );
    }
    if dialog.chair_vote_missing() {
        out.push(d.chair_vote_missing.to_string());
    }
    if !dialog.is_en_bloc() && dialog.outcome().is_none() {
        out.push(d.position_missing.to_string());
    }
    if dialog.check.needs_rationale()
        && dialog.rationale.text().trim().is_empty()
        && cast > 0
        && dialog.result().carried
    {
        out.push(d.rationale_missing.to_string());
    }
    out
}

/// Why the rationale is required: "weicht von der Rangfolge ab",
/// "überschreitet Budget oder Höchstzahl"; empty when it is not.
pub fn rationale_reasons(dialog: &VoteDialog, d: &DecisionStrings) -> Vec<&'static str> {
    let mut why = Vec::new();
    if !dialog.check.departing.is_empty() {
        why.push(d.why_departs);
    }
    if dialog.check.over_budget {
        why.push(d.why_over);
    }
    why
}

/// The confirmation: "Beschluss festhalten: KS-WESERTOR – Aufnahme, 5 Ja,
/// 2 Nein, 1 Enthaltung – angenommen?"
/// `name` is how the dossier voted on is named (id and municipality).
pub fn confirm_question(dialog: &VoteDialog, s: &Strings, name: &dyn Fn(&str) -> String) -> String {
    let d = s.decision;
    let what = match (&dialog.subject, dialog.outcome()) {
        (super::dialog::Subject::Item { dossier }, Some(outcome)) => {
            format!("{} – {}", name(dossier), motion(outcome, d))
        }
        (super::dialog::Subject::Item { dossier }, None) => name(dossier),
        (super::dialog::Subject::EnBloc { items }, _) => {
            crate::ui::strings::counted(d.en_bloc_what, items.len())
        }
    };
    let r = dialog.result();
    let mut tally = counts(r.counts, d);
    if matches!(r.reason, VoteReason::TieChairDecidedYes | VoteReason::TieChairDecidedNo) {
        let choice = if r.carried { d.chair_choices[0] } else { d.chair_choices[1] };
        tally = format!("{tally}, {}", d.chair_vote.replace("{choice}", choice));
    }
    let result = if r.carried { d.carried } else { d.rejected };
    d.confirm_vote.replace("{what}", &what).replace("{counts}", &tally).replace("{result}", result)
}

/// Whether a field is a number field (digits typed).
pub fn is_number(field: Field) -> bool {
    matches!(field, Field::Position | Field::Yes | Field::No | Field::Abstain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TieRule;
    use crate::rules::vote_result;
    use crate::ui::strings::decision::{DE, EN};

    fn line(yes: u32, no: u32, abstain: u32, m: Majority, eligible: u32, chair: Option<Ballot>) -> String {
        let r = vote_result(Counts { yes, no, abstain }, m, TieRule::ChairDecides, eligible, chair);
        result_line(&r, &DE)
    }

    #[test]
    fn the_arithmetic_in_words() {
        assert_eq!(
            line(5, 2, 1, Majority::Simple, 8, None),
            "5 Ja, 2 Nein, 1 Enthaltung – einfache Mehrheit erreicht"
        );
        assert_eq!(line(2, 5, 0, Majority::Simple, 8, None), "2 Ja, 5 Nein – einfache Mehrheit verfehlt");
        assert_eq!(
            line(4, 4, 0, Majority::Simple, 8, Some(Ballot::Yes)),
            "4 Ja, 4 Nein – Stimmengleichheit, Stimme des Vorsitzes: Ja – angenommen"
        );
        assert_eq!(
            line(4, 4, 0, Majority::Simple, 8, Some(Ballot::No)),
            "4 Ja, 4 Nein – Stimmengleichheit, Stimme des Vorsitzes: Nein – abgelehnt"
        );
        assert_eq!(line(4, 4, 0, Majority::Simple, 8, None), "4 Ja, 4 Nein – Stimmengleichheit – abgelehnt");
        assert_eq!(
            line(5, 0, 3, Majority::Absolute, 8, None),
            "5 Ja von 8 Stimmberechtigten – absolute Mehrheit (mind. 5) erreicht"
        );
        assert_eq!(
            line(6, 3, 0, Majority::TwoThirds, 9, None),
            "6 Ja, 3 Nein – Zweidrittelmehrheit (mind. 6 von 9) erreicht"
        );
        assert_eq!(
            line(0, 0, 7, Majority::Simple, 8, None),
            "0 Ja, 0 Nein, 7 Enthaltungen – keine Ja- oder Nein-Stimmen – abgelehnt"
        );
        let r = vote_result(
            Counts { yes: 5, no: 3, abstain: 0 },
            Majority::TwoThirds,
            TieRule::Rejected,
            8,
            None,
        );
        assert_eq!(result_line(&r, &EN), "5 yes, 3 no – two-thirds majority (at least 6 of 8) missed");
    }
}
