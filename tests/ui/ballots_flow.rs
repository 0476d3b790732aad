//! Ballots on the chair's scoring screen, headless on a live record of the
//! demo: `I`, a folder typed into the one text field, Enter; the member's
//! scores appear blind with a star, a conflicted member's ballot leaves
//! its dossier out and says so, the shared remark is on the dossier's
//! notes tab; after the reveal the total is the one computed by hand.

use std::path::Path;

use crate::fixture::{row_text, screen_text, type_text};
use crate::live::{demo, open_app, roll_call};
use gremium::domain::{BallotRemark, BallotScore, Language};
use gremium::export::ballot::{self, BallotFile, BallotInputs, BallotMember};
use gremium::procedure::Command;
use gremium::ui::Action;

const CRITERIA: [&str; 6] = ["social", "urban", "concept", "participation", "bundling", "feasibility"];

fn write_ballot(dir: &Path, member: &str, name: &str, value: f64) {
    let inputs = gremium::record::inputs_digest(
        &gremium::demo::EmbeddedSource,
        Path::new(gremium::demo::SESSION_PATH),
    )
    .expect("digest");
    let b = BallotFile {
        schema: None,
        format: ballot::BALLOT_FORMAT.into(),
        session_id: "sz-hessen-2027".into(),
        inputs: BallotInputs::from(&inputs),
        member: BallotMember { id: member.into(), name: name.into() },
        written_at: "2026-11-20T18:00:00+01:00".parse().expect("time"),
        scores: CRITERIA
            .iter()
            .map(|c| BallotScore { dossier: "OF-LAUTERBORN".into(), criterion: (*c).into(), value })
            .collect(),
        remarks: vec![BallotRemark {
            dossier: "OF-LAUTERBORN".into(),
            text: "Trägerschaft des QM klären".into(),
        }],
        signature: None,
    };
    std::fs::write(dir.join(ballot::file_name(member)), ballot::ballot_bytes(&b).expect("bytes"))
        .expect("write");
}

#[test]
fn import_on_the_scoring_screen_then_reveal_with_a_total_by_hand() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ballots = tmp.path().join("ballots");
    std::fs::create_dir_all(&ballots).expect("dir");
    write_ballot(&ballots, "lag", "T. Marquardt", 4.0);
    write_ballot(&ballots, "hst", "U. Degenhardt", 3.0);

    let session = demo();
    // Everyone present; the six others score 2 on every criterion of
    // OF-LAUTERBORN (hst is conflicted there, lag hands in a ballot).
    let mut setup = roll_call(&session, &[]);
    for m in ["vorsitz", "hmdi", "hmaijs", "hsgb", "hlt", "akh"] {
        for c in CRITERIA {
            setup.push(Command::EnterScore {
                dossier: "OF-LAUTERBORN".into(),
                member: m.into(),
                criterion: c.into(),
                value: 2.0,
            });
        }
    }
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &setup);
    app.update(Action::ShowScoring);
    app.update(Action::ImportBallots);
    type_text(&mut app, ballots.to_str().expect("utf-8"));
    let terminal = crate::fixture::render(&mut app, 120, 40);
    assert!(
        screen_text(&terminal).contains("Stimmzettel übernehmen – Datei oder Ordner"),
        "the prompt is shown"
    );
    app.update(Action::Open);

    // hst's ballot (first by name) is recorded with OF-LAUTERBORN left out;
    // lag's comes second and its notice is the one on screen.
    let p = &app.state().proceedings;
    assert_eq!(p.ballots["hst"].import.scores.len(), 0);
    assert_eq!(p.ballots["hst"].import.refused[0].dossier, "OF-LAUTERBORN");
    assert_eq!(p.ballots["lag"].import.scores.len(), 6);
    let terminal = crate::fixture::render(&mut app, 120, 40);
    let text = screen_text(&terminal);
    assert!(text.contains("Stimmzettel von T. Marquardt übernommen: 6 Bewertungen"), "{text}");
    let lag =
        (0..40).map(|y| row_text(&terminal, y)).find(|r| r.contains("T. Marquardt")).expect("lag's row");
    assert_eq!(lag.matches("✓*").count(), 6, "{lag}");
    assert!(text.contains("* aus dem Stimmzettel (zählt nur bei Anwesenheit)"), "{text}");

    // Every score is in: R reveals at once. By hand:
    // each criterion (4 + 6 × 2) / 7 = 16/7, and so the weighted total.
    app.update(Action::RevealScores);
    let result = gremium::rules::round_result(app.state(), "OF-LAUTERBORN", 1);
    assert_eq!(result.criteria[0].scores.len(), 7);
    assert_eq!(result.criteria[0].aggregate, Some(16.0 / 7.0));
    let total = result.total.expect("total").value;
    assert!((total - 16.0 / 7.0).abs() < 1e-12, "{total}");
    let terminal = crate::fixture::render(&mut app, 120, 40);
    let lag =
        (0..40).map(|y| row_text(&terminal, y)).find(|r| r.contains("T. Marquardt")).expect("lag's row");
    assert_eq!(lag.matches("4*").count(), 6, "{lag}");

    // The shared remark is on the dossier's notes tab.
    app.update(Action::ShowDossier);
    app.update(Action::Tab(9));
    let text = screen_text(&crate::fixture::render(&mut app, 120, 40));
    assert!(text.contains("Anmerkungen aus Stimmzetteln"), "{text}");
    assert!(text.contains("• T. Marquardt: Trägerschaft des QM klären"), "{text}");
    assert!(text.contains("• U. Degenhardt: Trägerschaft des QM klären"), "{text}");

    // Undo the reveal, then one undo takes back lag's import: its scores
    // are gone, hst's import stands.
    app.update(Action::Undo);
    assert!(app.state().proceedings.reveals.is_empty());
    app.update(Action::Undo);
    assert_eq!(app.state().score("OF-LAUTERBORN", 1, "lag", "social"), None);
    assert!(app.state().proceedings.ballots.contains_key("hst"));
    assert!(!app.state().proceedings.ballots.contains_key("lag"));
}

/// A member's review on the demo, headless: the sheet takes the member's
/// scores, `n` and `A` keep the private note and the remark, the session's
/// screens are not there, and the header says whose review and how far.
#[test]
fn a_members_review_scores_notes_and_keeps_to_the_dossiers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = demo();
    let setup = vec![Command::StartReview { member: "lag".into() }];
    let mut app = open_app(&session, &tmp.path().join("review"), Language::De, &setup);
    assert_eq!(app.screen(), gremium::ui::Screen::Agenda, "a review starts on the dossiers");
    app.update(Action::ShowScoring);
    for c in ["4", "3", "2", "1", "0", "4"] {
        type_text(&mut app, c);
    }
    app.update(Action::Note);
    type_text(&mut app, "Ortstermin");
    app.update(Action::Open);
    app.update(Action::ShareRemark);
    type_text(&mut app, "QM-Träger klären");
    app.update(Action::Open);
    let review = app.state().proceedings.review.clone().expect("review");
    let scores: Vec<f64> =
        CRITERIA.iter().map(|c| review.scores[&("OF-LAUTERBORN".to_string(), (*c).to_string())]).collect();
    assert_eq!(scores, [4.0, 3.0, 2.0, 1.0, 0.0, 4.0]);
    assert_eq!(review.notes["OF-LAUTERBORN"], "Ortstermin");
    assert_eq!(review.remarks["OF-LAUTERBORN"], "QM-Träger klären");

    let terminal = crate::fixture::render(&mut app, 120, 40);
    assert!(
        row_text(&terminal, 0).contains("Durchsicht: T. Marquardt · 1/21 bewertet"),
        "{}",
        row_text(&terminal, 0)
    );
    let text = screen_text(&terminal);
    assert!(text.contains("Durchsicht T. Marquardt: 1 von 21 Dossiers vollständig bewertet"), "{text}");

    // The agenda says how far each dossier is: in full, and conflicted.
    app.update(Action::ShowAgenda);
    let terminal = crate::fixture::render(&mut app, 120, 40);
    let row = (0..40).map(|y| row_text(&terminal, y)).find(|r| r.contains("OF-LAUTERBORN")).expect("row");
    assert!(row.trim_end().ends_with("✓ 6/6"), "{row}");
    assert!(screen_text(&terminal).contains(" Bewertet"), "the column's heading");
    app.update(Action::ShowScoring);

    // The session's screens are not there in a review.
    app.update(Action::ShowRanking);
    assert_eq!(app.screen(), gremium::ui::Screen::Scoring);
    let text = screen_text(&crate::fixture::render(&mut app, 120, 40));
    assert!(text.contains("In der Durchsicht nicht verfügbar"), "{text}");

    // hst is conflicted on OF-LAUTERBORN; lag is not, but KS-WESERTOR
    // next on the agenda takes scores as well: ] moves on, the cursor
    // starts at its first criterion.
    app.update(Action::NextDossier);
    type_text(&mut app, "2");
    let review = app.state().proceedings.review.clone().expect("review");
    assert_eq!(review.scores.get(&("KS-WESERTOR".to_string(), "social".to_string())), Some(&2.0));
}
