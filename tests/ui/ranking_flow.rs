//! The ranking screen driven headlessly on a live record: `r` and `F7`
//! reach it from anywhere, the selection moves over dossiers only (never
//! onto the separator rows), follows its dossier when the ranking changes,
//! and `Enter` opens the selected dossier.

use crate::fixture;
use crate::live;
use crate::ranked;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fixture::{render, row_text, screen_text};
use gremium::domain::{Language, Outcome, Proposal, VoteSubject};
use gremium::procedure::Command;
use gremium::ui::{Action, App, Screen};
use live::{demo, open_app, roll_call};

fn press(app: &mut App, code: KeyCode) {
    let action = app.action_for_key(&KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = action {
        app.update(action);
    }
}

/// The detail line: the row above the legend.
fn detail(app: &mut App) -> String {
    let terminal = render(app, 80, 24);
    row_text(&terminal, 20).trim().to_string()
}

fn scored_app(dir: &std::path::Path) -> App {
    let session = demo();
    let mut setup = roll_call(&session, &[]);
    setup.extend(ranked::scores(&session, &ranked::BY_COUNT, &[(2, 3)]));
    open_app(&session, dir, Language::De, &setup)
}

#[test]
fn r_shows_the_ranking_and_enter_opens_the_selected_dossier() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = scored_app(&tmp.path().join("rec"));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen(), Screen::Agenda);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen(), Screen::Ranking);
    assert_eq!(
        detail(&mut app),
        "DA-NORD: Summe 3,6 / 4 (90\u{a0}%) · ✓ formale Prüfung erfüllt · Vorschlag: Aufnah…"
    );

    // Down eight times: BUED-KERNSTADT, ninth, with its failed check named.
    for _ in 0..8 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(
        detail(&mut app),
        "BUED-KERNSTADT: ⚠ nicht erfüllt: ISEK beschlossen oder Aufstellungsbeschluss …"
    );
    let wide = render(&mut app, 120, 40);
    assert_eq!(
        (0..40)
            .map(|y| row_text(&wide, y))
            .find(|r| r.starts_with(" BUED-KERNSTADT: "))
            .unwrap_or_default()
            .trim(),
        "BUED-KERNSTADT: ⚠ nicht erfüllt: ISEK beschlossen oder Aufstellungsbeschluss · Summe 2,6 / 4 (65\u{a0}%) · \
         Vorschlag: Aufn…"
    );
    // Past the budget line and the waiting-list heading: DZB-NORD, eleventh.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert!(detail(&mut app).starts_with("DZB-NORD: Summe 2,4 / 4 (60\u{a0}%)"), "{}", detail(&mut app));
    press(&mut app, KeyCode::Up);
    assert!(detail(&mut app).starts_with("RAUN-NORD: "));

    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Dossier);
    let shown = app.dossier_state().current().map(|i| app.session().dossiers[i].id.clone());
    assert_eq!(shown.as_deref(), Some("RAUN-NORD"));
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Raunheim"), "{text}");

    // Esc goes back to the ranking, selection kept; F7 also leads there.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Ranking);
    assert!(detail(&mut app).starts_with("RAUN-NORD: "));
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::F(7));
    assert_eq!(app.screen(), Screen::Ranking);
}

#[test]
fn home_end_and_pages_stay_on_dossiers_and_keep_them_in_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = scored_app(&tmp.path().join("rec"));
    app.update(Action::ShowRanking);
    press(&mut app, KeyCode::Char('G'));
    assert!(detail(&mut app).starts_with("RUE-INNENSTADT-OST: "));
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("▶   21 RUE-INNENSTAD…"), "{text}");
    assert!(text.contains("── ohne Gesamtwertung (0) ──"), "the end of the table is in view: {text}");
    press(&mut app, KeyCode::Char('g'));
    assert!(detail(&mut app).starts_with("DA-NORD: "));
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.lines().nth(4).unwrap_or_default().contains("▶    1 DA-NORD"), "{text}");
    // The 80×24 table shows 16 rows: a page down moves 16 dossiers on, to
    // the seventeenth.
    press(&mut app, KeyCode::PageDown);
    assert!(detail(&mut app).starts_with("DIL-NORD: "), "{}", detail(&mut app));
    press(&mut app, KeyCode::PageUp);
    assert!(detail(&mut app).starts_with("DA-NORD: "));
}

#[test]
fn the_selection_follows_its_dossier_when_the_ranking_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut setup = roll_call(&session, &[]);
    // Three ranked, KS-WESERTOR third and revealed last.
    setup.extend(ranked::scores(&session, &ranked::BY_COUNT[..3], &[]));
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &setup);
    app.update(Action::ShowRanking);
    app.update(Action::Down);
    app.update(Action::Down);
    assert!(detail(&mut app).starts_with("KS-WESERTOR: Summe 3,2 / 4"), "{}", detail(&mut app));
    // Undoing the reveal takes KS-WESERTOR out of the ranking: the
    // selection goes with it to the unscored dossiers.
    app.update(Action::Undo);
    assert_eq!(app.ranking().ranked.len(), 2);
    assert_eq!(
        detail(&mut app),
        "KS-WESERTOR: noch keine aufgedeckte Gesamtwertung · ✓ formale Prüfung erfüllt"
    );
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("▶    – KS-WESERTOR"), "{text}");
}

/// The overview's "Als Nächstes" line and the proposal and decision lines
/// of its budget part.
fn overview(app: &mut App) -> (String, Vec<String>) {
    app.update(Action::ShowOverview);
    let text = screen_text(&render(app, 120, 40));
    let line = |l: &str| l.trim().to_string();
    let next = text.lines().find(|l| l.contains("Als Nächstes:")).map(line).unwrap_or_default();
    let money = text.lines().filter(|l| l.contains("Vorschlag (Rangfolge)") || l.contains("Beschlossen:"));
    (next, money.map(line).collect())
}

fn vote(subject: VoteSubject, yes: u32) -> Command {
    Command::RecordVote {
        subject,
        motion: None,
        yes,
        no: 0,
        abstain: 0,
        ballots: Default::default(),
        tie_choice: None,
        rationale: None,
    }
}

#[test]
fn the_overview_leads_from_the_ranking_to_the_decisions_and_the_sign_off() {
    let session = demo();
    let scored = || {
        let mut setup = roll_call(&session, &[]);
        setup.extend(ranked::scores(&session, &ranked::BY_COUNT, &[(2, 3)]));
        setup
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut app = open_app(&session, &tmp.path().join("a"), Language::De, &scored());
    let (next, money) = overview(&mut app);
    assert_eq!(next, "Als Nächstes: Rangfolge prüfen  [r]");
    assert_eq!(
        money,
        [
            "Vorschlag (Rangfolge): 10 Aufnahmen · 10.970.000\u{a0}€ · verbleibend 530.000\u{a0}€",
            "Beschlossen: 0 aufgenommen · 0\u{a0}€ · verbleibend 11.500.000\u{a0}€ · 21 Beschlüsse offen",
        ]
    );

    // The first vote admits DA-NORD: the decisions are under way.
    let mut setup = scored();
    let da = VoteSubject::Dossier { dossier: "DA-NORD".into(), outcome: Outcome::Admitted };
    setup.push(vote(da, 8));
    let mut app = open_app(&session, &tmp.path().join("b"), Language::De, &setup);
    let (next, money) = overview(&mut app);
    assert_eq!(next, "Als Nächstes: Beschlüsse fassen  [v]");
    assert_eq!(
        money[1],
        "Beschlossen: 1 aufgenommen · 1.380.000\u{a0}€ · verbleibend 10.120.000\u{a0}€ · 20 Beschlüsse offen"
    );

    // The whole ranking en bloc, as proposed: everything is decided.
    app.update(Action::ShowRanking);
    let ranking = app.ranking().clone();
    let items: Vec<Proposal> = ranking
        .ranked
        .iter()
        .filter(|r| r.dossier != "DA-NORD")
        .map(|r| Proposal {
            dossier: r.dossier.clone(),
            outcome: ranking.proposed_outcome(&r.dossier).unwrap_or(Outcome::NotAdmitted),
        })
        .collect();
    let mut setup = scored();
    setup.push(vote(VoteSubject::Dossier { dossier: "DA-NORD".into(), outcome: Outcome::Admitted }, 8));
    setup.push(vote(VoteSubject::EnBloc { items }, 5));
    let mut app = open_app(&session, &tmp.path().join("c"), Language::De, &setup);
    let (next, money) = overview(&mut app);
    assert_eq!(next, "Als Nächstes: Freigabe  [x]");
    assert_eq!(
        money[1],
        "Beschlossen: 10 aufgenommen · 10.970.000\u{a0}€ · verbleibend 530.000\u{a0}€ · 0 Beschlüsse offen"
    );
    // The ranking shows the decisions beside the proposal.
    app.update(Action::ShowRanking);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("Beschluss"), "{text}");
    let row = |id: &str| text.lines().find(|l| l.contains(id)).unwrap_or_default().trim_end().to_string();
    assert!(row("DA-NORD").ends_with("✓ aufg."), "{}", row("DA-NORD"));
    assert!(row("WZ-DALHEIM").ends_with("◔ NR 2"), "{}", row("WZ-DALHEIM"));
    assert!(row("RUE-INNENSTADT-OST").ends_with("✗ abgel."), "{}", row("RUE-INNENSTADT-OST"));
}

#[test]
fn l_draws_lots_among_the_dossiers_tied_with_the_selected_one() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = scored_app(&tmp.path().join("rec"));
    press(&mut app, KeyCode::Char('r'));
    // The first dossier is tied with none.
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(
        app.notice(),
        Some("Das gewählte Dossier ist mit keinem anderen gleichrangig: nichts zu losen.")
    );
    // Move down to the first dossier of a tie group.
    let ranking = app.ranking().clone();
    let group: Vec<String> = ranking
        .groups()
        .find(|g| g.len() > 1)
        .expect("the scores give a tie")
        .iter()
        .map(|r| r.dossier.clone())
        .collect();
    let index = ranking.ranked.iter().position(|r| r.dossier == group[0]).expect("ranked");
    for _ in 0..index {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('L'));
    let question = app.confirm().map(|c| c.question.clone()).expect("asked");
    assert_eq!(
        question,
        format!(
            "Die Reihenfolge von {} durch Los bestimmen? Startwert ist der letzte Hash des Protokolls; das Los wird aufgezeichnet und nicht wiederholt.",
            group.join(", ")
        )
    );
    let seed = app.journal().last_hash().expect("hash");
    press(&mut app, KeyCode::Char('y'));
    let lot = app.state().proceedings.lots.last().expect("drawn").clone();
    assert_eq!(lot.seed, seed, "the seed is the record's last hash at the draw");
    assert_eq!(lot.order, gremium::rules::draw(&seed, &group));
    // Not again.
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.notice(), Some("Für diese gleichrangigen Dossiers wurde bereits gelost."));
}
