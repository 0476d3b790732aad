//! Internal consistency of a results document: the lists agree with the
//! dossiers' decisions, and the sums with the amounts.
//!
//! It reads the agreed shape over `serde_json::Value`:
//! `session {id, title, …}`, `draft`, `sign_off? {by, at}`,
//! `dossiers [{id, municipality, requested_eur, total?, rank?,
//! decision? {outcome, position?}}]`, `admission_list [id]`,
//! `waiting_list [{position, id}]`, `not_admitted [id]`, `deferred [id]`,
//! `undecided? [id]`, `admission_eur?`, `available_eur?`, `remaining_eur?`,
//! and the votes a decision names (`decision.vote` in the dossier's
//! `votes` or in `en_bloc_votes`, with `vote`, `carried`, `items`). Every rule is in [`check_consistency`] so that it can
//! grow with the model.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::RESULTS_FORMAT;

/// One contradiction inside the document, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistency {
    pub at: String,
    pub what: String,
}

impl fmt::Display for Inconsistency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.what)
    }
}

/// The lists of decided dossiers and the outcome each one stands for.
const LISTS: [(&str, &str); 4] = [
    ("admission_list", "admitted"),
    ("waiting_list", "waiting_list"),
    ("not_admitted", "not_admitted"),
    ("deferred", "deferred"),
];

struct Dossier<'a> {
    requested_eur: Option<i64>,
    outcome: Option<&'a str>,
    position: Option<u64>,
}

/// Every contradiction in `doc`, in document order; empty when it holds.
pub fn check_consistency(doc: &Value) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    let mut problem = |at: String, what: String| out.push(Inconsistency { at, what });

    if doc.get("format").and_then(Value::as_str) != Some(RESULTS_FORMAT) {
        problem("$.format".into(), format!("expected \"{RESULTS_FORMAT}\""));
    }
    match doc.get("session") {
        Some(Value::Object(s)) => {
            for field in ["id", "title"] {
                if !s.get(field).is_some_and(Value::is_string) {
                    problem(format!("$.session.{field}"), "missing or not a string".into());
                }
            }
        }
        _ => problem("$.session".into(), "missing or not an object".into()),
    }
    match (doc.get("draft"), doc.get("sign_off")) {
        (Some(Value::Bool(true)), Some(s)) if !s.is_null() => {
            problem("$.sign_off".into(), "a draft carries no sign-off".into())
        }
        (Some(Value::Bool(false)), None | Some(Value::Null)) => {
            problem("$.draft".into(), "false, but there is no sign-off".into())
        }
        (Some(Value::Bool(false)), Some(s)) => {
            for field in ["by", "at"] {
                if !s.get(field).is_some_and(Value::is_string) {
                    problem(format!("$.sign_off.{field}"), "missing or not a string".into());
                }
            }
        }
        (Some(Value::Bool(true)), _) => {}
        _ => problem("$.draft".into(), "missing or not true/false".into()),
    }

    let mut dossiers: BTreeMap<&str, Dossier<'_>> = BTreeMap::new();
    match doc.get("dossiers").and_then(Value::as_array) {
        None => problem("$.dossiers".into(), "missing or not a list".into()),
        Some(list) => {
            for (i, d) in list.iter().enumerate() {
                let at = format!("$.dossiers[{i}]");
                let Some(id) = d.get("id").and_then(Value::as_str) else {
                    problem(format!("{at}.id"), "missing or not a string".into());
                    continue;
                };
                let requested_eur = d.get("requested_eur").and_then(Value::as_i64).filter(|v| *v >= 0);
                if requested_eur.is_none() {
                    problem(
                        format!("{at}.requested_eur"),
                        "missing or not a whole number of euros ≥ 0".into(),
                    );
                }
                if let Some(rank) = d.get("rank").filter(|r| !r.is_null())
                    && rank.as_u64().is_none_or(|r| r < 1)
                {
                    problem(format!("{at}.rank"), "not a whole number ≥ 1".into());
                }
                let (outcome, position) = match d.get("decision") {
                    None | Some(Value::Null) => (None, None),
                    Some(dec) => {
                        let outcome = dec.get("outcome").and_then(Value::as_str);
                        let position = dec.get("position").and_then(Value::as_u64);
                        match outcome {
                            Some(o) if LISTS.iter().any(|(_, known)| *known == o) => {}
                            _ => problem(
                                format!("{at}.decision.outcome"),
                                "not one of admitted, waiting_list, not_admitted, deferred".into(),
                            ),
                        }
                        let needs_position = outcome == Some("waiting_list");
                        if needs_position != dec.get("position").is_some_and(|p| !p.is_null()) {
                            let what = if needs_position {
                                "a waiting-list decision needs a position"
                            } else {
                                "only a waiting-list decision has a position"
                            };
                            problem(format!("{at}.decision.position"), what.into());
                        }
                        (outcome, position)
                    }
                };
                if dossiers.insert(id, Dossier { requested_eur, outcome, position }).is_some() {
                    problem(format!("{at}.id"), format!("{id} is listed twice"));
                }
            }
        }
    }

    // Where each dossier is listed, so that a second listing is caught.
    let mut listed: BTreeMap<&str, String> = BTreeMap::new();
    let mut admitted_sum: i64 = 0;
    let mut last_position = 1;
    for (list, outcome) in LISTS {
        let Some(entries) = doc.get(list).and_then(Value::as_array) else {
            problem(format!("$.{list}"), "missing or not a list".into());
            continue;
        };
        for (i, entry) in entries.iter().enumerate() {
            let at = format!("$.{list}[{i}]");
            let id = if list == "waiting_list" {
                let position = entry.get("position").and_then(Value::as_u64);
                match position {
                    Some(p) if p >= 1 && p >= last_position => last_position = p,
                    Some(p) if p >= 1 => problem(
                        format!("{at}.position"),
                        format!("{p} after {last_position}: positions must not go down"),
                    ),
                    _ => problem(format!("{at}.position"), "not a whole number ≥ 1".into()),
                }
                match entry.get("id").and_then(Value::as_str) {
                    Some(id) => {
                        if let Some(d) = dossiers.get(id)
                            && d.outcome == Some(outcome)
                            && d.position != position
                        {
                            problem(
                                format!("{at}.position"),
                                format!("{id} has waiting-list position {:?} in its decision", d.position),
                            );
                        }
                        id
                    }
                    None => {
                        problem(format!("{at}.id"), "missing or not a string".into());
                        continue;
                    }
                }
            } else if let Some(id) = entry.as_str() {
                id
            } else {
                problem(at, "not a dossier id".into());
                continue;
            };
            let Some(d) = dossiers.get(id) else {
                problem(at, format!("{id} is not among the dossiers"));
                continue;
            };
            if d.outcome != Some(outcome) {
                let decided = d.outcome.map_or("no decision".to_string(), |o| format!("decision {o}"));
                problem(at.clone(), format!("{id} is listed here, but its dossier has {decided}"));
            }
            if let Some(first) = listed.insert(id, at.clone()) {
                problem(at, format!("{id} is listed already at {first}"));
            }
            if list == "admission_list" {
                admitted_sum = admitted_sum.saturating_add(d.requested_eur.unwrap_or(0));
            }
        }
    }
    for (id, d) in &dossiers {
        if let Some(outcome) = d.outcome
            && !listed.contains_key(id)
            && let Some((list, _)) = LISTS.iter().find(|(_, o)| *o == outcome)
        {
            problem(format!("$.{list}"), format!("{id} has decision {outcome}, but is not listed here"));
        }
    }
    if let Some(stated) = doc.get("admission_eur")
        && stated.as_i64() != Some(admitted_sum)
    {
        problem(
            "$.admission_eur".into(),
            format!("{stated}, but the admitted dossiers request {admitted_sum} in total"),
        );
    }
    if let (Some(available), Some(remaining)) = (doc.get("available_eur"), doc.get("remaining_eur")) {
        let expected = available.as_i64().map(|a| a.saturating_sub(admitted_sum));
        if expected.is_none() || remaining.as_i64() != expected {
            problem(
                "$.remaining_eur".into(),
                format!(
                    "{remaining}, but the available {available} minus the admitted {admitted_sum} differ"
                ),
            );
        }
    }
    if let Some(undecided) = doc.get("undecided") {
        match undecided.as_array() {
            None => problem("$.undecided".into(), "not a list".into()),
            Some(entries) => {
                if !entries.is_empty() && doc.get("draft") == Some(&Value::Bool(false)) {
                    problem("$.undecided".into(), "a signed-off session has every item decided".into());
                }
                for (i, entry) in entries.iter().enumerate() {
                    let at = format!("$.undecided[{i}]");
                    match entry.as_str().map(|id| (id, dossiers.get(id))) {
                        None => problem(at, "not a dossier id".into()),
                        Some((id, None)) => problem(at, format!("{id} is not among the dossiers")),
                        Some((id, Some(d))) if d.outcome.is_some() => {
                            problem(at, format!("{id} is listed here, but has a decision"))
                        }
                        Some((id, Some(_))) => {
                            if let Some(first) = listed.insert(id, at.clone()) {
                                problem(at, format!("{id} is listed already at {first}"));
                            }
                        }
                    }
                }
                for (id, d) in &dossiers {
                    if d.outcome.is_none() && !listed.contains_key(id) {
                        problem(
                            "$.undecided".into(),
                            format!("{id} has no decision, but is not listed here"),
                        );
                    }
                }
            }
        }
    }
    check_vote_references(doc, &mut out);
    out
}

/// A decision that names a vote names one in the document that was
/// carried and put this outcome for this dossier.
fn check_vote_references(doc: &Value, out: &mut Vec<Inconsistency>) {
    let en_bloc = doc.get("en_bloc_votes").and_then(Value::as_array);
    let Some(list) = doc.get("dossiers").and_then(Value::as_array) else { return };
    for (i, d) in list.iter().enumerate() {
        let Some(id) = d.get("id").and_then(Value::as_str) else { continue };
        let Some(decision) = d.get("decision").filter(|x| !x.is_null()) else { continue };
        let Some(n) = decision.get("vote").filter(|x| !x.is_null()) else { continue };
        let at = format!("$.dossiers[{i}].decision.vote");
        let own = d.get("votes").and_then(Value::as_array);
        let vote = own.into_iter().chain(en_bloc).flatten().find(|v| v.get("vote") == Some(n));
        let Some(vote) = vote else {
            out.push(Inconsistency { at, what: format!("vote {n} is not in the document") });
            continue;
        };
        if vote.get("carried") != Some(&Value::Bool(true)) {
            out.push(Inconsistency { at: at.clone(), what: format!("vote {n} was not carried") });
        }
        let item = vote
            .get("items")
            .and_then(Value::as_array)
            .and_then(|items| items.iter().find(|x| x.get("dossier").and_then(Value::as_str) == Some(id)));
        let matches = item.is_some_and(|x| {
            x.get("outcome") == decision.get("outcome")
                && x.get("position").filter(|p| !p.is_null())
                    == decision.get("position").filter(|p| !p.is_null())
        });
        if !matches {
            out.push(Inconsistency { at, what: format!("vote {n} did not put this outcome for {id}") });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;
    use serde_json::json;

    fn problems(doc: &Value) -> Vec<String> {
        check_consistency(doc).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_sample_holds() {
        assert_eq!(problems(&sample::results()), Vec::<String>::new());
    }

    #[test]
    fn a_list_entry_must_match_its_dossier() {
        let mut doc = sample::results();
        doc["admission_list"] = json!(["DA-NORD", "GI-NORDSTADT"]);
        assert_eq!(
            problems(&doc),
            [
                "$.admission_list[1]: GI-NORDSTADT is listed here, but its dossier has decision not_admitted",
                "$.not_admitted[0]: GI-NORDSTADT is listed already at $.admission_list[1]",
                "$.admission_list: KS-WESERTOR has decision admitted, but is not listed here",
                "$.admission_eur: 2150000, but the admitted dossiers request 1950000 in total",
            ]
        );
    }

    #[test]
    fn unknown_ids_positions_and_sign_off() {
        let mut doc = sample::results();
        doc["deferred"] = json!(["HU-WEST", "XX-NOWHERE"]);
        doc["waiting_list"] = json!([{ "position": 2, "id": "OF-LAUTERBORN" }]);
        doc["draft"] = json!(true);
        assert_eq!(
            problems(&doc),
            [
                "$.sign_off: a draft carries no sign-off",
                "$.waiting_list[0].position: OF-LAUTERBORN has waiting-list position Some(1) in its decision",
                "$.deferred[1]: XX-NOWHERE is not among the dossiers",
            ]
        );
    }

    #[test]
    fn sums_undecided_and_tied_waiting_positions() {
        let mut doc = sample::results();
        doc["available_eur"] = json!(3_000_000);
        doc["remaining_eur"] = json!(800_000);
        doc["dossiers"][2]["decision"] = json!(null);
        doc["waiting_list"] = json!([]);
        doc["undecided"] = json!(["OF-LAUTERBORN", "DA-NORD"]);
        assert_eq!(
            problems(&doc),
            [
                "$.remaining_eur: 800000, but the available 3000000 minus the admitted 2150000 differ",
                "$.undecided: a signed-off session has every item decided",
                "$.undecided[1]: DA-NORD is listed here, but has a decision",
            ]
        );
        doc["undecided"] = json!([]);
        doc["remaining_eur"] = json!(850_000);
        doc["draft"] = json!(true);
        doc.as_object_mut().unwrap().remove("sign_off");
        assert_eq!(problems(&doc), ["$.undecided: OF-LAUTERBORN has no decision, but is not listed here"]);

        // Dossiers tied on the ranking share a waiting-list position.
        let mut doc = sample::results();
        doc["dossiers"][3]["decision"] = json!({ "outcome": "waiting_list", "position": 1 });
        doc["not_admitted"] = json!([]);
        doc["waiting_list"] =
            json!([{ "position": 1, "id": "OF-LAUTERBORN" }, { "position": 1, "id": "GI-NORDSTADT" }]);
        assert_eq!(problems(&doc), Vec::<String>::new());
        doc["waiting_list"] =
            json!([{ "position": 2, "id": "OF-LAUTERBORN" }, { "position": 1, "id": "GI-NORDSTADT" }]);
        assert_eq!(
            problems(&doc),
            [
                "$.waiting_list[0].position: OF-LAUTERBORN has waiting-list position Some(1) in its decision",
                "$.waiting_list[1].position: 1 after 2: positions must not go down",
            ]
        );
    }

    #[test]
    fn a_decision_names_a_carried_vote_that_put_its_outcome() {
        let mut doc = sample::results();
        doc["dossiers"][0]["decision"]["vote"] = json!(40);
        doc["dossiers"][0]["votes"] = json!([{ "vote": 40, "carried": true,
            "items": [{ "dossier": "DA-NORD", "outcome": "admitted" }] }]);
        doc["dossiers"][1]["decision"]["vote"] = json!(41);
        doc["dossiers"][2]["decision"]["vote"] = json!(41);
        doc["dossiers"][3]["decision"]["vote"] = json!(42);
        doc["dossiers"][4]["decision"]["vote"] = json!(43);
        doc["en_bloc_votes"] = json!([
            { "vote": 41, "carried": true, "items": [
                { "dossier": "KS-WESERTOR", "outcome": "admitted" },
                { "dossier": "OF-LAUTERBORN", "outcome": "waiting_list", "position": 2 } ] },
            { "vote": 42, "carried": false, "items": [{ "dossier": "GI-NORDSTADT", "outcome": "not_admitted" }] }
        ]);
        assert_eq!(
            problems(&doc),
            [
                "$.dossiers[2].decision.vote: vote 41 did not put this outcome for OF-LAUTERBORN",
                "$.dossiers[3].decision.vote: vote 42 was not carried",
                "$.dossiers[4].decision.vote: vote 43 is not in the document",
            ]
        );
    }

    #[test]
    fn malformed_dossiers_are_named() {
        let mut doc = sample::results();
        doc["dossiers"][0]["decision"] = json!({ "outcome": "accepted", "position": 3 });
        doc["dossiers"][1]["requested_eur"] = json!(-1);
        doc["dossiers"][2]["id"] = json!("DA-NORD");
        doc["draft"] = json!(false);
        doc.as_object_mut().unwrap().remove("sign_off");
        let got = problems(&doc);
        assert_eq!(
            got[..5],
            [
                "$.draft: false, but there is no sign-off",
                "$.dossiers[0].decision.outcome: not one of admitted, waiting_list, not_admitted, deferred",
                "$.dossiers[0].decision.position: only a waiting-list decision has a position",
                "$.dossiers[1].requested_eur: missing or not a whole number of euros ≥ 0",
                "$.dossiers[2].id: DA-NORD is listed twice",
            ]
        );
    }
}
