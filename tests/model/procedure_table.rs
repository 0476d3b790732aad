//! The procedure to the letter, case by case, through `gremium apply` on
//! the real binary (PRODUCT.md §3, §§ 20, 90–93 VwVfG). Each case is a
//! commands file against the session in tests/fixtures/apply (five voting
//! members: the chair `vors`, the deputy `stv`, `arch`, `quart`, `wiss`;
//! `gst` advisory; a 1–10 scale in half points), with the rules it names.
//! What each case expects is written from the rule, not from the program:
//! which lines are refused (and why, in a word of the refusal), and how
//! every recorded vote came out.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

/// A case: its name, the rules it changes, the command lines (after the
/// header), the commands refused (1-based among the command lines; the
/// file's line is one more) with a word of the refusal, and the recorded
/// votes' results in order (`true`: carried).
struct Case {
    name: &'static str,
    rules: Value,
    lines: Vec<String>,
    refused: Vec<(usize, &'static str)>,
    carried: Vec<bool>,
}

const T: &str = "2026-11-26T09:00:00+01:00";

fn cmd(v: Value) -> String {
    v.to_string()
}

fn invite() -> String {
    cmd(json!({"command": "confirm_duly_invited", "at": T}))
}

fn present(members: &[&str]) -> Vec<String> {
    members.iter().map(|m| cmd(json!({"command": "mark_present", "member": m, "at": T}))).collect()
}

/// Invitation confirmed and these members present.
fn opened(members: &[&str]) -> Vec<String> {
    let mut v = vec![invite()];
    v.extend(present(members));
    v
}

const ALL: [&str; 5] = ["vors", "stv", "arch", "quart", "wiss"];

fn vote(dossier: &str, yes: u32, no: u32, abstain: u32) -> Value {
    json!({"command": "record_vote", "subject": {"kind": "dossier", "dossier": dossier, "outcome": {"kind": "not_admitted"}},
           "yes": yes, "no": no, "abstain": abstain, "rationale": "Begründung"})
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

fn score(member: &str, value: f64) -> String {
    cmd(
        json!({"command": "enter_score", "dossier": "KS-NORD", "member": member, "criterion": "need", "value": value}),
    )
}

fn lines(parts: Vec<Vec<String>>) -> Vec<String> {
    parts.into_iter().flatten().collect()
}

fn rules(majority: &str, tie: &str) -> Value {
    json!({"majority": majority, "tie": tie})
}

/// Every case.
fn cases() -> Vec<Case> {
    let mut c = Vec::new();
    let simple = || rules("simple", "rejected");
    let mut add =
        |name, rules: Value, lines: Vec<String>, refused: Vec<(usize, &'static str)>, carried: Vec<bool>| {
            c.push(Case { name, rules, lines, refused, carried })
        };
    let v = |y, n, a| cmd(vote("KS-NORD", y, n, a));

    // Quorum (§ 90 VwVfG): invited, more than half and at least 3.
    add(
        "3 of 5 present is quorate",
        simple(),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![v(2, 1, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "2 of 5 present is not",
        simple(),
        lines(vec![opened(&["vors", "stv"]), vec![v(2, 0, 0)]]),
        vec![(4, "not quorate")],
        vec![],
    );
    add(
        "without the invitation confirmed nothing is quorate",
        simple(),
        lines(vec![present(&ALL), vec![v(3, 0, 0)]]),
        vec![(6, "invitation")],
        vec![],
    );
    add(
        "a conflicted member does not count for the item",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch"]),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "arch", "dossier": "KS-NORD"})),
                v(2, 0, 0),
            ],
        ]),
        vec![(6, "not quorate")],
        vec![],
    );
    add(
        "the conflicted member's item is the only one affected",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch"]),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "arch", "dossier": "HOG-SUED"})),
                v(2, 1, 0),
            ],
        ]),
        vec![],
        vec![true],
    );
    add(
        "min_present 4 with 3 present",
        json!({"majority": "simple", "tie": "rejected", "quorum": {"min_present_share": 0.5, "min_present": 4}}),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![v(2, 1, 0)]]),
        vec![(5, "not quorate")],
        vec![],
    );
    add(
        "more than 60 % of 5 needs 4",
        json!({"majority": "simple", "tie": "rejected", "quorum": {"min_present_share": 0.6, "min_present": 3}}),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![v(2, 1, 0)]]),
        vec![(5, "not quorate")],
        vec![],
    );
    add(
        "more than 60 % of 5: 4 present is enough",
        json!({"majority": "simple", "tie": "rejected", "quorum": {"min_present_share": 0.6, "min_present": 3}}),
        lines(vec![opened(&["vors", "stv", "arch", "quart"]), vec![v(3, 1, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "a member leaving takes the quorum",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch"]),
            vec![
                cmd(json!({"command": "leave", "member": "arch", "at": "2026-11-26T09:30:00+01:00"})),
                v(2, 0, 0),
            ],
        ]),
        vec![(6, "not quorate")],
        vec![],
    );
    add(
        "the advisory member never counts",
        simple(),
        lines(vec![opened(&["vors", "stv", "gst"]), vec![v(2, 0, 0)]]),
        vec![(5, "not quorate")],
        vec![],
    );

    // Second invitation (§ 90 Abs. 2 VwVfG): quorate whatever the number
    // present, once the chair confirms the notice at the item.
    let reinvited = || json!({"majority": "simple", "tie": "rejected", "reinvited": [{"dossier": "KS-NORD", "note": "Ladung vom 12.11."}]});
    let confirm_reinvited = |d: &str| cmd(json!({"command": "confirm_reinvitation", "dossier": d}));
    add(
        "a second invitation, confirmed, makes 2 of 5 quorate for the item",
        reinvited(),
        lines(vec![opened(&["vors", "stv"]), vec![confirm_reinvited("KS-NORD"), v(2, 0, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "a second invitation not yet confirmed does not",
        reinvited(),
        lines(vec![opened(&["vors", "stv"]), vec![v(2, 0, 0)]]),
        vec![(4, "not quorate")],
        vec![],
    );
    add(
        "a second invitation counts for its own item only",
        reinvited(),
        lines(vec![
            opened(&["vors", "stv"]),
            vec![confirm_reinvited("KS-NORD"), cmd(vote("HOG-SUED", 2, 0, 0))],
        ]),
        vec![(5, "not quorate")],
        vec![],
    );
    add(
        "only an item the session names is taken up on a second invitation",
        reinvited(),
        lines(vec![opened(&ALL), vec![confirm_reinvited("HOG-SUED")]]),
        vec![(7, "not taken up")],
        vec![],
    );
    add(
        "the second invitation is confirmed once",
        reinvited(),
        lines(vec![opened(&ALL), vec![confirm_reinvited("KS-NORD"), confirm_reinvited("KS-NORD")]]),
        vec![(8, "already confirmed")],
        vec![],
    );
    add(
        "without the invitation confirmed even a second invitation is not quorate",
        reinvited(),
        lines(vec![present(&["vors", "stv"]), vec![confirm_reinvited("KS-NORD"), v(2, 0, 0)]]),
        vec![(4, "invitation")],
        vec![],
    );

    // A doubtful conflict: the committee decides without the member (§ 20
    // Abs. 4 VwVfG); excluded, the member no longer counts for the item.
    let decide = |m: &str, y: u32, n: u32| {
        cmd(json!({"command": "decide_conflict", "member": m, "dossier": "KS-NORD", "yes": y, "no": n}))
    };
    add(
        "the committee excludes a member; the vote then counts four",
        simple(),
        lines(vec![opened(&ALL), vec![decide("arch", 3, 1), v(3, 1, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "excluded, the member's vote is one too many",
        simple(),
        lines(vec![opened(&ALL), vec![decide("arch", 3, 1), v(3, 2, 0)]]),
        vec![(8, "5 votes")],
        vec![],
    );
    add(
        "the member concerned does not vote on their own exclusion",
        simple(),
        lines(vec![opened(&ALL), vec![decide("arch", 4, 1)]]),
        vec![(7, "5 votes")],
        vec![],
    );
    add(
        "a tie does not exclude",
        simple(),
        lines(vec![opened(&ALL), vec![decide("arch", 2, 2), v(3, 2, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "the committee decides once",
        simple(),
        lines(vec![opened(&ALL), vec![decide("arch", 1, 3), decide("arch", 3, 1)]]),
        vec![(8, "already decided")],
        vec![],
    );
    add(
        "without quorum among the others no decision",
        simple(),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![decide("arch", 2, 0)]]),
        vec![(5, "not quorate")],
        vec![],
    );

    // Conflict suggestions: the chair dismisses them (recorded) or
    // declares the conflict; nothing to dismiss where nothing suggests one.
    let dismiss = |m: &str, d: &str| cmd(json!({"command": "dismiss_suggestion", "member": m, "dossier": d}));
    add(
        "a suggestion from the organisation is dismissed once",
        simple(),
        lines(vec![opened(&ALL), vec![dismiss("vors", "KS-NORD"), dismiss("vors", "KS-NORD")]]),
        vec![(8, "nothing suggests")],
        vec![],
    );
    add(
        "nothing suggests a conflict of a member whose organisation names no place",
        simple(),
        lines(vec![opened(&ALL), vec![dismiss("quart", "KS-NORD")]]),
        vec![(7, "nothing suggests")],
        vec![],
    );
    add(
        "a declared conflict leaves nothing to dismiss",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "stv", "dossier": "HOG-SUED"})),
                dismiss("stv", "HOG-SUED"),
            ],
        ]),
        vec![(8, "nothing suggests")],
        vec![],
    );

    // Simple majority: more yes than no; abstentions do not count.
    add("simple 3:2 carries", simple(), lines(vec![opened(&ALL), vec![v(3, 2, 0)]]), vec![], vec![true]);
    add(
        "simple 2:2 under the rejected tie rule does not",
        simple(),
        lines(vec![opened(&ALL), vec![v(2, 2, 1)]]),
        vec![],
        vec![false],
    );
    add("simple 2:1:2 carries", simple(), lines(vec![opened(&ALL), vec![v(2, 1, 2)]]), vec![], vec![true]);
    add("simple 1:0:4 carries", simple(), lines(vec![opened(&ALL), vec![v(1, 0, 4)]]), vec![], vec![true]);
    add("simple 0:0:5 does not", simple(), lines(vec![opened(&ALL), vec![v(0, 0, 5)]]), vec![], vec![false]);
    add("simple 2:3 does not", simple(), lines(vec![opened(&ALL), vec![v(2, 3, 0)]]), vec![], vec![false]);
    add(
        "no votes at all are refused",
        simple(),
        lines(vec![opened(&ALL), vec![v(0, 0, 0)]]),
        vec![(7, "no votes")],
        vec![],
    );
    add(
        "more votes than eligible present are refused",
        simple(),
        lines(vec![opened(&ALL), vec![v(4, 2, 0)]]),
        vec![(7, "6 votes")],
        vec![],
    );

    // Absolute majority: more yes than half of the eligible present.
    let absolute = || rules("absolute", "rejected");
    add(
        "absolute 3 of 5 carries",
        absolute(),
        lines(vec![opened(&ALL), vec![v(3, 0, 2)]]),
        vec![],
        vec![true],
    );
    add(
        "absolute 2 of 5 does not, even 2:0",
        absolute(),
        lines(vec![opened(&ALL), vec![v(2, 0, 3)]]),
        vec![],
        vec![false],
    );
    add(
        "absolute 2 of 3 present carries",
        absolute(),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![v(2, 1, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "absolute counts the present, not the votes cast",
        absolute(),
        lines(vec![opened(&ALL), vec![v(2, 1, 0)]]),
        vec![],
        vec![false],
    );

    // Two-thirds: yes at least two thirds of yes and no.
    let thirds = || rules("two_thirds", "rejected");
    add(
        "two thirds 4:2 is exactly two thirds",
        thirds(),
        lines(vec![opened(&["vors", "stv", "arch", "quart", "wiss"]), vec![v(4, 1, 0)]]),
        vec![],
        vec![true],
    );
    add("two thirds 3:2 is not", thirds(), lines(vec![opened(&ALL), vec![v(3, 2, 0)]]), vec![], vec![false]);
    add("two thirds 2:1 is", thirds(), lines(vec![opened(&ALL), vec![v(2, 1, 2)]]), vec![], vec![true]);
    add("two thirds 1:1 is not", thirds(), lines(vec![opened(&ALL), vec![v(1, 1, 3)]]), vec![], vec![false]);
    add("two thirds 3:0 is", thirds(), lines(vec![opened(&ALL), vec![v(3, 0, 2)]]), vec![], vec![true]);

    // Ties (§ 91 VwVfG): the chair decides, or a tie rejects.
    let chair = || rules("simple", "chair_decides");
    let tie = |choice: &str, y, n, a| cmd(with(vote("KS-NORD", y, n, a), "tie_choice", json!(choice)));
    add(
        "the chair's yes decides a tie",
        chair(),
        lines(vec![opened(&["vors", "stv", "arch", "quart"]), vec![tie("yes", 2, 2, 0)]]),
        vec![],
        vec![true],
    );
    add(
        "the chair's no decides a tie",
        chair(),
        lines(vec![opened(&["vors", "stv", "arch", "quart"]), vec![tie("no", 2, 2, 0)]]),
        vec![],
        vec![false],
    );
    add(
        "the chair abstained: the tie rejects",
        chair(),
        lines(vec![opened(&ALL), vec![tie("abstain", 2, 2, 1)]]),
        vec![],
        vec![false],
    );
    add(
        "everyone voted: the chair's vote is needed",
        chair(),
        lines(vec![opened(&ALL), vec![v(2, 2, 1)]]),
        vec![(7, "chair's vote")],
        vec![],
    );
    add(
        "not everyone voted: without the chair's vote the tie rejects",
        chair(),
        lines(vec![opened(&ALL), vec![v(2, 2, 0)]]),
        vec![],
        vec![false],
    );
    add(
        "an abstention as the chair's vote needs one counted",
        chair(),
        lines(vec![opened(&ALL), vec![tie("abstain", 2, 2, 0)]]),
        vec![(7, "abstention")],
        vec![],
    );
    add(
        "a casting vote on no tie is refused",
        chair(),
        lines(vec![opened(&ALL), vec![tie("yes", 3, 1, 0)]]),
        vec![(7, "tie only")],
        vec![],
    );
    add(
        "under the rejected rule there is no casting vote",
        simple(),
        lines(vec![opened(&ALL), vec![tie("yes", 2, 2, 0)]]),
        vec![(7, "does not decide")],
        vec![],
    );
    add(
        "under two thirds a tie misses the majority",
        json!({"majority": "two_thirds", "tie": "chair_decides"}),
        lines(vec![opened(&ALL), vec![tie("yes", 2, 2, 0)]]),
        vec![(7, "does not decide")],
        vec![],
    );
    add(
        "the chair who left: the deputy's casting vote decides",
        json!({"majority": "simple", "tie": "chair_decides"}),
        lines(vec![
            opened(&ALL),
            vec![
                cmd(json!({"command": "leave", "member": "vors", "at": "2026-11-26T09:30:00+01:00"})),
                tie("yes", 2, 2, 0),
            ],
        ]),
        vec![],
        vec![true],
    );
    add(
        "the deputy decides the tie where the chair is conflicted",
        chair(),
        lines(vec![
            opened(&ALL),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "vors", "dossier": "KS-NORD"})),
                tie("no", 2, 2, 0),
            ],
        ]),
        vec![],
        vec![false],
    );
    add(
        "by name, the chair's ballot is the casting vote",
        chair(),
        lines(vec![
            opened(&["vors", "stv", "arch", "quart"]),
            vec![cmd(with(
                vote("KS-NORD", 2, 2, 0),
                "ballots",
                json!({"vors": "yes", "stv": "yes", "arch": "no", "quart": "no"}),
            ))],
        ]),
        vec![],
        vec![true],
    );

    // Ballots by name.
    add(
        "ballots must add up to the counts",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch"]),
            vec![cmd(with(
                vote("KS-NORD", 2, 1, 0),
                "ballots",
                json!({"vors": "yes", "stv": "no", "arch": "no"}),
            ))],
        ]),
        vec![(5, "do not add up")],
        vec![],
    );
    add(
        "an advisory member has no ballot",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch", "gst"]),
            vec![cmd(with(
                vote("KS-NORD", 2, 1, 0),
                "ballots",
                json!({"vors": "yes", "stv": "yes", "gst": "no"}),
            ))],
        ]),
        vec![(6, "advisory")],
        vec![],
    );
    add(
        "an absent member has no ballot",
        simple(),
        lines(vec![
            opened(&["vors", "stv", "arch"]),
            vec![cmd(with(
                vote("KS-NORD", 2, 1, 0),
                "ballots",
                json!({"vors": "yes", "stv": "yes", "wiss": "no"}),
            ))],
        ]),
        vec![(5, "not present")],
        vec![],
    );
    add(
        "a conflicted member has no ballot",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "wiss", "dossier": "KS-NORD"})),
                cmd(with(
                    vote("KS-NORD", 2, 1, 0),
                    "ballots",
                    json!({"vors": "yes", "stv": "yes", "wiss": "no"}),
                )),
            ],
        ]),
        vec![(8, "conflict")],
        vec![],
    );

    // Scores on the 1–10 scale in half points.
    add(
        "scores on the scale are taken",
        simple(),
        lines(vec![opened(&ALL), vec![score("vors", 1.0), score("stv", 10.0), score("arch", 9.5)]]),
        vec![],
        vec![],
    );
    add(
        "a quarter point is off the scale",
        simple(),
        lines(vec![opened(&ALL), vec![score("vors", 7.25)]]),
        vec![(7, "not on the scale")],
        vec![],
    );
    add(
        "below the minimum is off the scale",
        simple(),
        lines(vec![opened(&ALL), vec![score("vors", 0.5)]]),
        vec![(7, "not on the scale")],
        vec![],
    );
    add(
        "above the maximum is off the scale",
        simple(),
        lines(vec![opened(&ALL), vec![score("vors", 10.5)]]),
        vec![(7, "not on the scale")],
        vec![],
    );
    add(
        "the advisory member does not score",
        simple(),
        lines(vec![opened(&["vors", "stv", "arch", "gst"]), vec![score("gst", 5.0)]]),
        vec![(6, "advisory")],
        vec![],
    );
    add(
        "an absent member does not score",
        simple(),
        lines(vec![opened(&["vors", "stv", "arch"]), vec![score("wiss", 5.0)]]),
        vec![(5, "not present")],
        vec![],
    );
    add(
        "a conflicted member does not score",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![
                cmd(json!({"command": "declare_conflict", "member": "wiss", "dossier": "KS-NORD"})),
                score("wiss", 5.0),
            ],
        ]),
        vec![(8, "conflict")],
        vec![],
    );
    add(
        "the same score twice is refused, a correction taken",
        simple(),
        lines(vec![opened(&ALL), vec![score("vors", 5.0), score("vors", 5.0), score("vors", 5.5)]]),
        vec![(8, "already")],
        vec![],
    );

    // Deferral (PRODUCT.md §3).
    let defer = |reason: &str| {
        cmd(
            json!({"command": "record_decision", "dossier": "KS-NORD", "outcome": {"kind": "deferred"}, "deferral": reason}),
        )
    };
    add(
        "lack of quorum is no reason while quorate",
        simple(),
        lines(vec![opened(&ALL), vec![defer("not_quorate")]]),
        vec![(7, "quorate")],
        vec![],
    );
    add(
        "lack of quorum is the reason when not quorate",
        simple(),
        lines(vec![opened(&["vors"]), vec![defer("not_quorate")]]),
        vec![],
        vec![],
    );
    add(
        "the committee's deferral needs the committee quorate",
        simple(),
        lines(vec![opened(&["vors"]), vec![defer("committee")]]),
        vec![(3, "not quorate")],
        vec![],
    );
    add(
        "a withdrawal is recorded either way",
        simple(),
        lines(vec![opened(&["vors"]), vec![defer("withdrawn")]]),
        vec![],
        vec![],
    );
    add(
        "only a deferral is decided without a vote",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![cmd(
                json!({"command": "record_decision", "dossier": "KS-NORD", "outcome": {"kind": "admitted"}, "deferral": "committee"}),
            )],
        ]),
        vec![(7, "only be deferred")],
        vec![],
    );

    // A conflict that came to light after the vote.
    add(
        "a re-vote is allowed on an item whose vote a later conflict marks",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![
                v(3, 2, 0),
                cmd(json!({"command": "declare_conflict", "member": "wiss", "dossier": "KS-NORD"})),
                v(3, 1, 0),
            ],
        ]),
        vec![],
        vec![true, true],
    );
    add(
        "without a late conflict the decided item is not voted on again",
        simple(),
        lines(vec![opened(&ALL), vec![v(3, 2, 0), v(3, 1, 0)]]),
        vec![(8, "already decided")],
        vec![true],
    );
    add(
        "a result is confirmed only where a late conflict marks it",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![cmd(json!({"command": "confirm_result", "dossier": "KS-NORD", "reason": "x"}))],
        ]),
        vec![(7, "burdened")],
        vec![],
    );

    // Sign-off: the chair present, or the deputy when the chair has left.
    let decide_all = || {
        ["KS-NORD", "ESW-ALTSTADT", "HOG-SUED"]
            .iter()
            .map(|d| cmd(json!({"command": "record_decision", "dossier": d, "outcome": {"kind": "deferred"}, "deferral": "withdrawn"})))
            .collect::<Vec<_>>()
    };
    let sign = |by: &str| cmd(json!({"command": "sign_off", "by": by}));
    add(
        "a member does not sign off",
        simple(),
        lines(vec![opened(&ALL), decide_all(), vec![sign("arch")]]),
        vec![(10, "does not chair")],
        vec![],
    );
    add(
        "the deputy does not sign off while the chair is there",
        simple(),
        lines(vec![opened(&ALL), decide_all(), vec![sign("stv")]]),
        vec![(10, "does not chair")],
        vec![],
    );
    add(
        "the chair signs off",
        simple(),
        lines(vec![opened(&ALL), decide_all(), vec![sign("vors")]]),
        vec![],
        vec![],
    );
    add(
        "the deputy signs off when the chair has left",
        simple(),
        lines(vec![
            opened(&ALL),
            decide_all(),
            vec![
                cmd(json!({"command": "leave", "member": "vors", "at": "2026-11-26T12:00:00+01:00"})),
                sign("stv"),
            ],
        ]),
        vec![],
        vec![],
    );
    add(
        "sign-off waits for every item",
        simple(),
        lines(vec![opened(&ALL), vec![sign("vors")]]),
        vec![(7, "without a decision")],
        vec![],
    );
    add(
        "after sign-off a change needs an amendment",
        simple(),
        lines(vec![
            opened(&ALL),
            decide_all(),
            vec![
                sign("vors"),
                cmd(json!({"command": "add_note", "text": "spät"})),
                cmd(
                    json!({"command": "amend", "reason": "Nachtrag", "change": {"command": "add_note", "text": "spät"}}),
                ),
            ],
        ]),
        vec![(11, "signed off")],
        vec![],
    );
    add(
        "before sign-off no amendment",
        simple(),
        lines(vec![
            opened(&ALL),
            vec![cmd(
                json!({"command": "amend", "reason": "x", "change": {"command": "add_note", "text": "y"}}),
            )],
        ]),
        vec![(7, "not signed off")],
        vec![],
    );

    // Attendance.
    add(
        "present twice is refused",
        simple(),
        lines(vec![opened(&["vors"]), present(&["vors"])]),
        vec![(3, "already present")],
        vec![],
    );
    add(
        "a departure before the arrival is refused",
        simple(),
        lines(vec![
            opened(&["vors"]),
            vec![cmd(json!({"command": "leave", "member": "vors", "at": "2026-11-26T08:30:00+01:00"}))],
        ]),
        vec![(3, "before")],
        vec![],
    );
    add(
        "nothing to undo",
        simple(),
        vec![cmd(json!({"command": "undo"}))],
        vec![(1, "nothing to undo")],
        vec![],
    );
    add(
        "an undone vote frees the item for another",
        simple(),
        lines(vec![opened(&ALL), vec![v(3, 2, 0), cmd(json!({"command": "undo"})), v(2, 3, 0)]]),
        vec![],
        vec![true, false],
    );
    c
}

fn session_with(dir: &Path, rules: &Value) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apply");
    let mut session: Value =
        serde_json::from_slice(&std::fs::read(fixture.join("session.json")).expect("session")).expect("json");
    for (k, v) in rules.as_object().expect("rules") {
        // `reinvited` belongs to the session, everything else to its rules.
        if k == "reinvited" {
            session[k] = v.clone();
        } else {
            session["rules"][k] = v.clone();
        }
    }
    let folder = dir.join("session");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("session.json"), session.to_string()).expect("write");
    std::fs::copy(fixture.join("dossiers.json"), folder.join("dossiers.json")).expect("dossiers");
    folder
}

/// Run one case; what went otherwise than expected, in words.
fn run(case: &Case) -> Option<String> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = session_with(tmp.path(), &case.rules);
    let commands = tmp.path().join("commands.jsonl");
    let mut text = String::from("{\"format\": \"gremium.commands/1\"}\n");
    for l in &case.lines {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&commands, text).expect("commands");
    let out = Command::cargo_bin("gremium")
        .expect("binary")
        .env("GREMIUM_CONFIG", tmp.path().join("config"))
        .env("GREMIUM_DATA", tmp.path().join("data"))
        .env("SOURCE_DATE_EPOCH", "1795680000")
        .args(["--lang", "en", "apply"])
        .arg(&session)
        .arg(&commands)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let prefix = format!("{}:", commands.display());
    let refused: Vec<(usize, String)> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|l| l.split_once(": ").and_then(|(n, m)| Some((n.parse().ok()?, m.to_string()))))
        .collect();
    let mut problems = Vec::new();
    let want_code = if case.refused.is_empty() { 0 } else { 1 };
    if out.status.code() != Some(want_code) {
        problems.push(format!("exit {:?}, expected {want_code}", out.status.code()));
    }
    if refused.len() != case.refused.len()
        || refused.iter().zip(&case.refused).any(|((n, m), (wn, wm))| *n != wn + 1 || !m.contains(wm))
    {
        problems.push(format!("refused {refused:?}, expected {:?}", case.refused));
    }
    let record = tmp.path().join("data/records/jury-stadtteilpreis/record.jsonl");
    let carried: Vec<bool> = std::fs::read_to_string(&record)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["event"]["type"] == "vote_recorded")
        .map(|e| e["event"]["carried"] == true)
        .collect();
    if carried != case.carried {
        problems.push(format!("votes carried {carried:?}, expected {:?}", case.carried));
    }
    (!problems.is_empty()).then(|| format!("{}: {}\n{stdout}", case.name, problems.join("; ")))
}

#[test]
fn the_procedure_case_by_case_through_gremium_apply() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let failed: Vec<String> = cases.iter().filter_map(run).collect();
    assert!(
        failed.is_empty(),
        "{} of {} cases went otherwise:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}
