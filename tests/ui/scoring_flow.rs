//! Scoring through key actions on a live record: blind entry, auto-reveal,
//! refusals, corrections, early reveal, rounds, and reopening mid-grid.

use crate::fixture;
use crate::live;

use std::path::Path;

use fixture::{row_text, screen_text};
use gremium::domain::Language;
use gremium::record;
use gremium::rules::{current_result, round_result};
use gremium::ui::{Action, App, render_to_test_backend};
use live::{demo, open_app, roll_call};

const FIRST: &str = "OF-LAUTERBORN";

fn types(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(record::RECORD_FILE))
        .unwrap()
        .lines()
        .map(|l| l.split(r#""type":""#).nth(1).and_then(|t| t.split('"').next()).unwrap_or("").to_string())
        .collect()
}

fn type_values(app: &mut App, values: &str) {
    for c in values.chars() {
        app.update(Action::Insert(c));
    }
}

fn revealed(app: &App, dossier: &str) -> Option<bool> {
    let round = app.state().round(dossier);
    app.state().proceedings.reveals.get(&(dossier.to_string(), round)).map(|r| r.early)
}

/// Type `value` until the round of `dossier` is revealed; the number typed.
fn score_all(app: &mut App, dossier: &str, value: char) -> usize {
    let mut typed = 0;
    while revealed(app, dossier).is_none() {
        assert!(typed < 100, "{dossier} never revealed");
        app.update(Action::Insert(value));
        typed += 1;
    }
    typed
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    screen_text(&render_to_test_backend(app, w, h))
}

/// No digit in the criterion columns of any member row: the check a blind
/// round must pass. Columns run from the first criterion's label to the
/// "entered" heading.
fn assert_no_values_shown(app: &mut App, w: u16, h: u16) {
    let term = render_to_test_backend(app, w, h);
    let height = term.backend().buffer().area.height;
    let rows: Vec<String> = (0..height).map(|y| row_text(&term, y)).collect();
    let head =
        rows.iter().find(|r| r.contains(" Mitglied ") || r.contains(" Member ")).expect("grid heading");
    let chars: Vec<char> = head.chars().collect();
    let find = |word: &str| head.find(word).map(|b| head[..b].chars().count());
    // The first criterion's label, shortened to its column ("Sozia." at 80).
    let from = find(" Sozia").or_else(|| find(" Concentrat")).expect("first criterion");
    let to = find("erfasst").or_else(|| find("entered")).expect("row counter heading");
    assert!(from < to && to <= chars.len());
    let names: Vec<String> = app.session().definition.voting_members().map(|m| m.name.clone()).collect();
    let mut checked = 0;
    for row in &rows {
        if names.iter().any(|n| row.contains(n.as_str())) {
            let cells: String = row.chars().skip(from).take(to - from).collect();
            assert!(!cells.chars().any(|c| c.is_ascii_digit()), "value shown in a blind round: {row:?}");
            checked += 1;
        }
    }
    assert!(checked >= 7, "member rows found: {checked}");
}

#[test]
fn blind_until_complete_then_revealed_with_exact_totals_for_every_dossier() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    // OF-LAUTERBORN: hst is conflicted, so 7 members × 6 criteria. The
    // chair scores 4 3 2 1 0 4, participation 3 for the chair only.
    for member in 0..7 {
        let participation = if member == 0 { '3' } else { '1' };
        for (i, v) in ['4', '3', '2', participation, '0', '4'].into_iter().enumerate() {
            if member == 6 && i == 5 {
                let text = screen(&mut app, 80, 24);
                assert!(text.contains("Runde 1 · verdeckt · 41 von 42 erfasst"), "{text}");
                assert!(!text.contains("Mittelwert"), "{text}");
                assert_no_values_shown(&mut app, 80, 24);
                assert_no_values_shown(&mut app, 120, 40);
            }
            app.update(Action::Insert(v));
        }
    }
    assert_eq!(revealed(&app, FIRST), Some(false), "revealed automatically, not early");
    assert_eq!(app.notice(), Some("Alle Punktzahlen erfasst – Runde 1 aufgedeckt"));
    assert_eq!(types(&dir).iter().filter(|t| *t == "score_entered").count(), 42);
    assert_eq!(types(&dir).last().map(String::as_str), Some("scores_revealed"));
    // (25×4 + 20×3 + 20×2 + 15×9/7 + 10×0 + 10×4) / 100 = 1815/700
    let result = current_result(app.state(), FIRST);
    let total = result.total.unwrap();
    assert!((total.value - 1815.0 / 700.0).abs() < 1e-12, "{total:?}");
    assert!(result.criteria[3].disagreement && !result.criteria[0].disagreement);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Gewichtete Summe: 2,59 / 4 (64,8\u{a0}%)"), "{text}");
    assert!(text.contains("⚑ Uneinigkeit (Spannweite ≥ 2) – zur Diskussion: Beteiligung"), "{text}");
    assert!(text.contains("Mittelwert"), "{text}");

    // Every other dossier, stepping with ] from the sheet.
    let mut dossiers = vec![FIRST.to_string()];
    for _ in 1..session.dossiers.len() {
        app.update(Action::NextDossier);
        let (i, _) = gremium::ui::screens::scoring::target(&app).unwrap();
        let id = session.dossiers[i].id.clone();
        assert!(!dossiers.contains(&id), "{id} twice");
        let typed = score_all(&mut app, &id, '2');
        let scorers = app.state().eligible_members(std::slice::from_ref(&id)).len();
        assert_eq!(typed, scorers * 6, "{id}");
        assert_eq!(revealed(&app, &id), Some(false), "{id}");
        let total = current_result(app.state(), &id).total.unwrap();
        assert!((total.value - 2.0).abs() < 1e-12 && (total.percent - 50.0).abs() < 1e-9);
        dossiers.push(id);
    }
    assert_eq!(dossiers.len(), 21);
    assert_eq!(app.state().proceedings.reveals.len(), 21);
}

#[test]
fn off_scale_values_are_refused_with_the_allowed_values() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    let before = types(&dir).len();
    app.update(Action::ShowScoring);
    app.update(Action::Insert('5'));
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: 5 liegt nicht auf der Skala – erlaubt: 0–4 in Schritten von 1")
    );
    app.update(Action::Insert(','));
    assert_eq!(app.notice(), Some("Abgelehnt: erlaubt: 0–4 in Schritten von 1"));
    assert_eq!(types(&dir).len(), before, "nothing recorded");
    app.update(Action::DeleteChar);
    assert_eq!(
        app.notice(),
        Some("Punktzahlen lassen sich nicht löschen: überschreiben oder mit u rückgängig machen")
    );

    let mut app = open_app(&session, &tmp.path().join("en"), Language::En, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    app.update(Action::Insert('9'));
    assert_eq!(app.notice(), Some("Refused: 9 is not on the scale – allowed: 0–4 in steps of 1"));
}

#[test]
fn a_correction_in_place_is_recorded_as_such_and_undo_keeps_it_blind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    type_values(&mut app, "32");
    app.update(Action::Left);
    app.update(Action::Insert('1'));
    assert_eq!(app.notice(), Some("Korrigiert: Dr. M. Ahrenfeld · urban"));
    assert_eq!(types(&dir).last().map(String::as_str), Some("score_corrected"));
    let scores: Vec<f64> = app.state().round_scores(FIRST, 1).map(|(_, v)| v).collect();
    assert_eq!(scores, [3.0, 1.0], "social 3 (key order) and urban corrected to 1");
    // The cursor moved on to concept; typing the same value again there
    // after going back is not a change.
    app.update(Action::Left);
    app.update(Action::Insert('1'));
    assert_eq!(app.notice(), Some("unverändert (gleicher Wert)"));
    app.update(Action::Undo);
    let notice = app.notice().unwrap().to_string();
    assert!(notice.starts_with("Rückgängig gemacht: Punktzahl korrigiert"), "{notice}");
    assert!(!notice.chars().any(|c| c.is_ascii_digit()), "undo shows no value in a blind round: {notice}");
}

#[test]
fn an_early_reveal_is_confirmed_and_recorded_as_early() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    type_values(&mut app, "43210");
    app.update(Action::RevealScores);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Vorzeitig aufdecken? Es fehlen 37 von 42"), "{text}");
    app.update(Action::Back);
    assert_eq!(revealed(&app, FIRST), None, "Esc cancels");
    assert!(!screen(&mut app, 80, 24).contains("Vorzeitig aufdecken?"));
    app.update(Action::RevealScores);
    app.update(Action::Open);
    assert_eq!(revealed(&app, FIRST), Some(true));
    assert_eq!(app.notice(), Some("Runde 1 vorzeitig aufgedeckt (protokolliert)"));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Runde 1 · vorzeitig aufgedeckt · 5 von 42 erfasst"), "{text}");
    assert!(text.contains("Gewichtete Summe: —"), "{text}");
    app.update(Action::RevealScores);
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: Runde 1 von OF-LAUTERBORN (Offenbach am Main) ist bereits aufgedeckt")
    );
    app.update(Action::Insert('2'));
    assert_eq!(app.notice(), Some("Runde 1 ist aufgedeckt; neue Werte nur in einer neuen Runde (N)"));
}

#[test]
fn a_second_round_after_discussion_and_the_last_round_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    app.update(Action::NewRound);
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: Runde 1 von OF-LAUTERBORN (Offenbach am Main) ist noch nicht aufgedeckt")
    );
    score_all(&mut app, FIRST, '2');
    app.update(Action::NewRound);
    assert!(screen(&mut app, 80, 24).contains("Runde 2 eröffnen?"));
    app.update(Action::Open);
    assert_eq!(app.state().round(FIRST), 2);
    assert_eq!(app.notice(), Some("Runde 2 eröffnet; Runde 1 bleibt im Protokoll"));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Runde 2 · verdeckt · 0 von 42 erfasst"), "{text}");
    assert!(text.contains("Frühere Runden: Runde 1: 2,00 / 4 (50\u{a0}%)"), "{text}");
    score_all(&mut app, FIRST, '3');
    assert!((current_result(app.state(), FIRST).total.unwrap().value - 3.0).abs() < 1e-12);
    assert!((round_result(app.state(), FIRST, 1).total.unwrap().value - 2.0).abs() < 1e-12);
    assert_eq!(types(&dir).iter().filter(|t| *t == "scoring_round_opened").count(), 1);
}

#[test]
fn conflicted_and_absent_members_are_refused_by_the_domain() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &roll_call(&session, &["akh"]));
    app.update(Action::ShowScoring);
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::Insert('3'));
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: U. Degenhardt ist bei OF-LAUTERBORN (Offenbach am Main) befangen und nimmt nicht teil"
        )
    );
    app.update(Action::End);
    app.update(Action::Insert('3'));
    assert_eq!(app.notice(), Some("Abgelehnt: S. Vogelsang ist nicht anwesend"));
    assert_eq!(app.state().round_scores(FIRST, 1).count(), 0);
    let text = screen(&mut app, 80, 24);
    let row = |name: &str| text.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    assert!(row("U. Degenhardt").contains(" befangen – nimmt nicht teil"), "{text}");
    // Not in the roll call yet: not "absent", which would be a finding.
    assert!(row("S. Vogelsang").contains(" ? noch nicht erfasst"), "{text}");
    assert!(text.contains("0 von 36 erfasst"), "{text}");
}

#[test]
fn scoring_without_quorum_is_recorded_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let absent = ["hmdi", "hmaijs", "lag", "hsgb"];
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &absent));
    app.update(Action::ShowScoring);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("⚠ Nicht beschlussfähig: 3 von 5 nötigen"), "{text}");
    app.update(Action::Insert('4'));
    assert_eq!(types(&dir).last().map(String::as_str), Some("score_entered"));
}

#[test]
fn reopening_mid_grid_shows_the_same_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowScoring);
    type_values(&mut app, "3210432104");
    let before = screen(&mut app, 80, 24);
    let scores_before = app.state().proceedings.scores.clone();
    drop(app);
    let mut app = open_app(&session, &dir, Language::De, &[]);
    app.update(Action::ShowScoring);
    assert_eq!(app.state().proceedings.scores, scores_before);
    assert_eq!(screen(&mut app, 80, 24), before);
    assert!(before.contains("10 von 42 erfasst"), "{before}");
    // The cursor is on the first missing score: typing goes on from there.
    type_values(&mut app, "1");
    assert_eq!(app.state().round_scores(FIRST, 1).count(), 11);

    // Revealed early, then reopened: still revealed, values shown.
    app.update(Action::RevealScores);
    app.update(Action::Open);
    let before = screen(&mut app, 120, 40);
    drop(app);
    let mut app = open_app(&session, &dir, Language::De, &[]);
    app.update(Action::ShowScoring);
    assert_eq!(revealed(&app, FIRST), Some(true));
    let after = screen(&mut app, 120, 40);
    assert_eq!(
        after.lines().skip(1).take(38).collect::<Vec<_>>(),
        before.lines().skip(1).take(38).collect::<Vec<_>>()
    );
}
