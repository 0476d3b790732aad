//! Rendered snapshots of the ranking screen on a live record, scored
//! through commands: all 21 dossiers with a tie inside the proposal (the
//! line bound by the number of admissions), a tie at the line, the line
//! bound by the budget, and a partly scored session; at 80×24 and 120×40.
//! The budget line's words and the style-critical cells are asserted on
//! the buffer.

use crate::fixture;
use crate::live;
use crate::ranked;

use fixture::row_text;
use gremium::domain::{Language, Outcome};
use gremium::procedure::Command;
use gremium::ui::{Action, App};
use live::{demo, open_app, roll_call};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        let terminal = fixture::render(app, w, h);
        let lang = app.language().code();
        insta::assert_snapshot!(format!("ranking_{name}_{lang}_{w}x{h}"), terminal.backend());
    }
}

/// The demo with everyone present and `extra` carried out, on the ranking.
fn ranking_app(lang: Language, extra: Vec<Command>) -> (tempfile::TempDir, App) {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut setup = roll_call(&session, &[]);
    setup.extend(extra);
    let mut app = open_app(&session, &tmp.path().join("rec"), lang, &setup);
    app.update(Action::ShowRanking);
    (tmp, app)
}

/// A separator row as drawn: one blank column, then `text` filled with
/// "─" to the table's width (the screen less a column each side).
fn ruled(text: &str, screen: usize) -> String {
    format!(" {text}{}", "─".repeat(screen - 2 - text.chars().count()))
}

/// The row of the screen that contains `text`.
fn find_row(terminal: &Terminal<TestBackend>, text: &str) -> Option<u16> {
    (0..terminal.backend().buffer().area.height).find(|y| row_text(terminal, *y).contains(text))
}

fn in_both_languages(app: &mut App, name: &str) {
    snap(name, app, &SIZES);
    app.update(Action::ToggleLanguage);
    snap(name, app, &SIZES);
    app.update(Action::ToggleLanguage);
}

#[test]
fn all_scored_with_a_tie_inside_the_proposal() {
    let session = demo();
    let (_tmp, mut app) = ranking_app(Language::De, ranked::scores(&session, &ranked::BY_COUNT, &[(2, 3)]));
    let terminal = fixture::render(&mut app, 120, 40);
    let y = find_row(&terminal, "Budgetlinie").expect("budget line shown");
    assert_eq!(
        row_text(&terminal, y).trim_end(),
        ruled(
            "── Budgetlinie · 10 von max. 10 · 10.970.000\u{a0}€ von 11.500.000\u{a0}€ · bindet: Höchstzahl ",
            120
        )
    );
    // The line stands out without colour: bold, and the words say it.
    let buffer = terminal.backend().buffer();
    assert!(buffer[(10, y)].modifier.contains(Modifier::BOLD));
    // KS-WESERTOR and GI-WESTSTADT share rank 3.
    let ks = find_row(&terminal, "KS-WESERTOR").unwrap();
    let gi = find_row(&terminal, "GI-WESTSTADT").unwrap();
    let first_two = |y: u16| row_text(&terminal, y).split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    assert_eq!(first_two(ks), "=3 KS-WESERTOR");
    assert_eq!(first_two(gi), "=3 GI-WESTSTADT");
    assert_eq!(first_two(ks + 2), "5 FD-ZIEHERS-SUED");
    // BUED-KERNSTADT has no adopted ISEK: ⚠ in the flags column, in the
    // "bad" style, with the rural mark beside it.
    let bued = find_row(&terminal, "BUED-KERNSTADT").unwrap();
    let row = row_text(&terminal, bued);
    let x = row.chars().position(|c| c == '⚠').expect("flag shown") as u16;
    assert_eq!(buffer[(x, bued)].fg, Color::Red);
    assert!(buffer[(x, bued)].modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(x + 2, bued)].symbol(), "L");
    assert_eq!(
        row_text(&terminal, 1).trim_end(),
        " Vorschlag: 10 Standorte · 7 städtisch, 3 ländlich · Darmstadt 4 · Gießen 3 · Kassel 3"
    );
    assert_eq!(
        row_text(&terminal, 2).trim_end(),
        " Summe Vorschlag 10.970.000\u{a0}€ · verbleibend 530.000\u{a0}€ · 21 von 21 gewertet"
    );
    in_both_languages(&mut app, "all_scored");
    app.update(Action::End);
    snap("all_scored_end", &mut app, &[(80, 24)]);
}

#[test]
fn a_tie_at_the_line_is_left_to_the_committee() {
    let session = demo();
    let (_tmp, mut app) = ranking_app(Language::De, ranked::scores(&session, &ranked::BY_COUNT, &[(9, 10)]));
    let terminal = fixture::render(&mut app, 80, 24);
    let y = find_row(&terminal, "Budgetlinie").expect("budget line shown");
    assert_eq!(
        row_text(&terminal, y).trim_end(),
        ruled("── Budgetlinie · 9/10 · 10.080.000\u{a0}€/11.500.000\u{a0}€ · bindet: Höchstzahl ", 80)
    );
    assert_eq!(
        row_text(&terminal, y + 1).trim_end(),
        "   ⚠ Gleichstand an der Linie – Entscheidung des Gremiums"
    );
    assert!(terminal.backend().buffer()[(5, y + 1)].modifier.contains(Modifier::BOLD));
    snap("tie_at_line", &mut app, &SIZES);
}

#[test]
fn the_line_bound_by_the_budget() {
    let session = demo();
    let (_tmp, mut app) = ranking_app(Language::De, ranked::scores(&session, &ranked::BY_BUDGET, &[]));
    let terminal = fixture::render(&mut app, 120, 40);
    let y = find_row(&terminal, "Budgetlinie").expect("budget line shown");
    assert_eq!(
        row_text(&terminal, y).trim_end(),
        ruled(
            "── Budgetlinie · 9 von max. 10 · 11.260.000\u{a0}€ von 11.500.000\u{a0}€ · bindet: Budget ",
            120
        )
    );
    snap("by_budget", &mut app, &SIZES);
    app.update(Action::ToggleLanguage);
    let terminal = fixture::render(&mut app, 80, 24);
    let y = find_row(&terminal, "Budget line").expect("budget line shown");
    assert_eq!(
        row_text(&terminal, y).trim_end(),
        ruled("── Budget line · 9 of max. 10 · €11,260,000 of €11,500,000 · binds: budget ", 80)
    );
    snap("by_budget", &mut app, &[(80, 24)]);
}

#[test]
fn a_partly_scored_session_keeps_the_unscored_apart() {
    let session = demo();
    let order =
        ["OF-LAUTERBORN", "KS-WESERTOR", "GI-WESTSTADT", "ALS-ALTSTADT", "HR-ALTSTADT", "BUED-KERNSTADT"];
    let mut setup = ranked::scores(&session, &order, &[]);
    // DA-NORD scored by the chair only: not revealed, so not ranked.
    setup.push(Command::EnterScore {
        dossier: "DA-NORD".into(),
        member: "vorsitz".into(),
        criterion: "social".into(),
        value: 4.0,
    });
    setup.push(Command::RecordDecision {
        dossier: "MIC-ALTSTADT".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: gremium::domain::DeferralReason::Committee,
    });
    let (_tmp, mut app) = ranking_app(Language::De, setup);
    let terminal = fixture::render(&mut app, 80, 24);
    let y = find_row(&terminal, "Budgetlinie").expect("budget line shown");
    assert_eq!(
        row_text(&terminal, y).trim_end(),
        ruled("── Budgetlinie · 6 von max. 10 · 6.500.000\u{a0}€ von 11.500.000\u{a0}€ · alle passen ", 80)
    );
    in_both_languages(&mut app, "partly_scored");
    app.update(Action::End);
    snap("partly_scored_end", &mut app, &[(80, 24)]);
}
