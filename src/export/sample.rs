//! A small results document in the agreed shape, for tests: four dossiers
//! (two admitted, one on the waiting list, one not admitted, one deferred),
//! German text, an escape character in a note, fractional totals.

use serde_json::{Value, json};

/// The record hash the sample is sealed with.
pub const RECORD_LAST_HASH: &str = "5f0c6a3e9b1d4c2a8e7f6b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";

pub fn results() -> Value {
    json!({
        "format": "gremium.results/1",
        "session": {
            "id": "sz-hessen-2027",
            "title": "Auswahlgremium Sozialer Zusammenhalt – Neuaufnahmen 2027",
            "date": "2026-11-26",
            "place": "Wiesbaden",
            "language": "de"
        },
        "draft": false,
        "sign_off": { "by": "Dr. A. Beispiel", "at": "2026-11-26T16:42:00+01:00" },
        "admission_eur": 2_150_000,
        "dossiers": [
            { "id": "DA-NORD", "municipality": "Darmstadt", "requested_eur": 1_250_000, "total": 3.25, "rank": 1,
              "decision": { "outcome": "admitted" } },
            { "id": "KS-WESERTOR", "municipality": "Kassel", "requested_eur": 900_000,
              "total": 2.833_333_333_333_333_5, "rank": 2, "decision": { "outcome": "admitted" } },
            { "id": "OF-LAUTERBORN", "municipality": "Offenbach am Main", "requested_eur": 1_100_000,
              "total": 2.5, "rank": 3, "decision": { "outcome": "waiting_list", "position": 1 } },
            { "id": "GI-NORDSTADT", "municipality": "Gießen", "requested_eur": 700_000, "total": 1.1, "rank": 4,
              "decision": { "outcome": "not_admitted" },
              "rationale": "Konzept noch nicht beschlossen; \u{1b}[31m Hinweis" },
            { "id": "HU-WEST", "municipality": "Hanau", "requested_eur": 650_000,
              "decision": { "outcome": "deferred" } }
        ],
        "admission_list": ["DA-NORD", "KS-WESERTOR"],
        "waiting_list": [ { "position": 1, "id": "OF-LAUTERBORN" } ],
        "not_admitted": ["GI-NORDSTADT"],
        "deferred": ["HU-WEST"]
    })
}
