//! Scored demo sessions for the ranking tests: every present, eligible
//! member enters the same scores for a dossier (the chair one point less on
//! the first criterion where asked), then the round is revealed; all
//! through commands on a live record.

#![allow(dead_code)]

use gremium::domain::Session;
use gremium::procedure::Command;

/// Score vectors (social, urban, concept, participation, bundling,
/// feasibility; weights 25/20/20/15/10/10), strictly descending by total.
pub const VECTORS: [[u8; 6]; 21] = [
    [4, 4, 3, 4, 3, 3], // 3,60
    [4, 3, 4, 3, 3, 3], // 3,45, less the chair's point on social
    [3, 4, 3, 3, 3, 3], // 3,20
    [3, 3, 3, 3, 3, 4], // 3,10
    [3, 3, 3, 3, 3, 3], // 3,00
    [3, 3, 3, 3, 2, 3], // 2,90
    [3, 3, 2, 3, 3, 3], // 2,80
    [3, 2, 3, 3, 3, 2], // 2,70
    [3, 3, 2, 3, 2, 2], // 2,60
    [2, 3, 3, 3, 2, 2], // 2,55
    [3, 2, 2, 3, 2, 2], // 2,40
    [2, 3, 2, 3, 2, 2], // 2,35
    [2, 2, 2, 3, 2, 2], // 2,15
    [2, 2, 2, 2, 2, 2], // 2,00
    [2, 2, 2, 2, 1, 2], // 1,90
    [2, 2, 1, 2, 2, 2], // 1,80
    [1, 2, 2, 2, 2, 2], // 1,75
    [2, 1, 2, 1, 2, 2], // 1,65
    [1, 2, 1, 2, 2, 2], // 1,55
    [1, 1, 1, 2, 2, 1], // 1,25
    [1, 1, 1, 1, 1, 1], // 1,00
];

/// The position whose chair gives one point less on the first criterion.
const CHAIR_LOWER: usize = 1;

/// Ranked by the budget's maximum of 10 admissions: the ten above the line
/// ask for 10,970,000 € of 11,500,000 €.
pub const BY_COUNT: [&str; 21] = [
    "DA-NORD",
    "OF-LAUTERBORN",
    "KS-WESERTOR",
    "GI-WESTSTADT",
    "FD-ZIEHERS-SUED",
    "MR-RICHTSBERG-WEST",
    "ALS-ALTSTADT",
    "HR-ALTSTADT",
    "BUED-KERNSTADT",
    "RAUN-NORD",
    "DZB-NORD",
    "WZ-DALHEIM",
    "LM-SUED",
    "VH-INNENSTADT",
    "HEF-HOHE-LUFT",
    "ESW-INNENSTADT-SUED",
    "DIL-NORD",
    "KB-ALTSTADT",
    "HOG-NORD",
    "MIC-ALTSTADT",
    "RUE-INNENSTADT-OST",
];

/// The expensive ones first: the ninth brings 11,260,000 €, the tenth
/// would pass 11,500,000 €.
pub const BY_BUDGET: [&str; 21] = [
    "OF-LAUTERBORN",
    "RUE-INNENSTADT-OST",
    "KS-WESERTOR",
    "DA-NORD",
    "GI-WESTSTADT",
    "MR-RICHTSBERG-WEST",
    "FD-ZIEHERS-SUED",
    "WZ-DALHEIM",
    "DZB-NORD",
    "LM-SUED",
    "RAUN-NORD",
    "VH-INNENSTADT",
    "HEF-HOHE-LUFT",
    "BUED-KERNSTADT",
    "ESW-INNENSTADT-SUED",
    "HR-ALTSTADT",
    "ALS-ALTSTADT",
    "DIL-NORD",
    "KB-ALTSTADT",
    "HOG-NORD",
    "MIC-ALTSTADT",
];

/// Commands that score `order[i]` with `VECTORS[i]` and reveal it; a pair
/// `(i, j)` in `ties` gives position `j` the scores of position `i`.
pub fn scores(session: &Session, order: &[&str], ties: &[(usize, usize)]) -> Vec<Command> {
    let def = &session.definition;
    let mut commands = Vec::new();
    for (i, dossier) in order.iter().enumerate() {
        let source = ties.iter().find(|(_, j)| *j == i).map_or(i, |(from, _)| *from);
        let vector = VECTORS[source];
        for member in def.voting_members() {
            let conflicted = def.conflicts.iter().any(|c| c.member == member.id && c.dossier == *dossier);
            if conflicted {
                continue;
            }
            for (k, criterion) in def.criteria.iter().enumerate() {
                let lower = source == CHAIR_LOWER && k == 0 && def.chair().is_some_and(|c| c.id == member.id);
                let value = f64::from(vector[k]) - if lower { 1.0 } else { 0.0 };
                commands.push(Command::EnterScore {
                    dossier: dossier.to_string(),
                    member: member.id.clone(),
                    criterion: criterion.id.clone(),
                    value,
                });
            }
        }
        commands.push(Command::RevealScores { dossier: dossier.to_string() });
    }
    commands
}
