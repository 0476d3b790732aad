//! Findings of the walk-through as a new chair, each driven headlessly on
//! a live record: what the screens say must match what was recorded.

use crate::decide;
use crate::fixture;
use crate::live;

use chrono::{DateTime, FixedOffset};
use gremium::domain::Language;
use gremium::procedure::Command;
use gremium::ui::{Action, App, Screen};
use live::{demo, open_app, roll_call};

fn ten() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap()
}

fn screen(app: &mut App) -> String {
    fixture::screen_text(&fixture::render(app, 120, 40))
}

#[test]
fn the_overview_counts_conflicts_declared_during_the_session() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let setup =
        [Command::DeclareConflict { member: "hsgb".into(), dossier: "KS-WESERTOR".into(), reason: None }];
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &setup);
    assert!(screen(&mut app).contains(" Befangenheiten          5"), "{}", screen(&mut app));
}

#[test]
fn a_typed_time_in_the_future_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &[]).with_clock(ten());
    app.update(Action::ShowAttendance);
    app.update(Action::EnterTime);
    decide::type_text(&mut app, "10:05");
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some("10:05 Uhr liegt in der Zukunft – eine Änderung wird erfasst, wenn sie geschehen ist")
    );
    assert_eq!(app.attendance().pending_time(), None);
    assert!(app.attendance().typing(), "the entry stays open to be corrected");
    for _ in 0..5 {
        app.update(Action::DeleteChar);
    }
    decide::type_text(&mut app, "9:55");
    app.update(Action::Open);
    assert_eq!(
        app.attendance().pending_time().map(|t| t.to_rfc3339()),
        Some("2026-11-26T09:55:00+01:00".into())
    );
}

#[test]
fn a_tie_with_every_vote_cast_needs_the_chairs_vote_and_the_notice_names_the_motion() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &roll_call(&session, &[]));
    decide::score_everything(&mut app);
    app.update(Action::ShowDecision);
    decide::select(&mut app, "KS-WESERTOR");
    app.update(Action::Open);
    let present = app.decision().dialog().unwrap().quorum.present;
    assert_eq!(present, 8);
    decide::counts(&mut app, "4", "4", "");
    app.update(Action::Open);
    assert!(app.confirm().is_none());
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: Stimmengleichheit: alle haben abgestimmt, also auch der Vorsitz – seine Stimme angeben (Ja, Nein oder Enthaltung)"
        )
    );
    assert!(app.state().proceedings.votes.is_empty());
    // One vote fewer: the chair may not have voted, the tie rejects.
    decide::counts(&mut app, "3", "3", "1");
    app.update(Action::Open);
    assert!(app.confirm().is_some());
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Antrag auf Nichtaufnahme von KS-WESERTOR (Kassel): abgelehnt"));
}

#[test]
fn the_grid_says_not_recorded_for_a_member_not_yet_in_the_roll_call() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let setup = [
        Command::MarkPresent { member: "vorsitz".into(), at: gremium::record::now() },
        Command::OpenItem { dossier: "KS-WESERTOR".into() },
    ];
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &setup);
    app.update(Action::ShowScoring);
    let text = screen(&mut app);
    let korff = text.lines().find(|l| l.contains("H. Korff")).expect("Korff's row");
    assert!(korff.contains("? noch nicht erfasst"), "{korff}");
    assert!(!korff.contains("abwesend"), "{korff}");
}

#[test]
fn on_resume_the_current_item_is_selected() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let setup = [Command::OpenItem { dossier: "DA-NORD".into() }];
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &setup);
    let selected = app.agenda().selected_dossier().map(|i| app.session().dossiers[i].id.clone());
    assert_eq!(selected.as_deref(), Some("DA-NORD"));
    app.update(Action::ShowDecision);
    assert_eq!(gremium::ui::screens::decision::selected_dossier(&app).as_deref(), Some("DA-NORD"));
    app.update(Action::ShowAgenda);
    assert_eq!(app.screen(), Screen::Agenda);
}

#[test]
fn a_live_conflict_is_found_by_municipality() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &[]);
    app.update(Action::ShowAttendance);
    app.update(Action::DeclareConflict);
    decide::type_text(&mut app, "kassel");
    let text = screen(&mut app);
    assert!(text.contains("→ KS-WESERTOR – Kassel"), "{text}");
    app.update(Action::Open);
    decide::type_text(&mut app, "Wohnt im Gebiet");
    app.update(Action::Open);
    let conflicts: Vec<(String, String)> = app.state().proceedings.live_conflicts.keys().cloned().collect();
    assert_eq!(conflicts, [("vorsitz".to_string(), "KS-WESERTOR".to_string())]);
}

#[test]
fn one_record_entry_is_one_eintrag() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &[]);
    assert!(screen(&mut app).contains("(1 Eintrag)"), "{}", screen(&mut app));
    app.update(Action::ToggleLanguage);
    assert!(screen(&mut app).contains("(1 entry)"), "{}", screen(&mut app));
}

#[test]
fn names_labels_and_the_next_steps_keys_are_not_cut_at_80_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let setup = [Command::OpenItem { dossier: "OF-LAUTERBORN".into() }];
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &setup);
    app.update(Action::ShowAttendance);
    let text = fixture::screen_text(&fixture::render(&mut app, 80, 24));
    assert!(text.contains("   Prof. Dr. L. Voßberg "), "{text}");
    let footer = text.lines().last().unwrap_or_default().trim_end().to_string();
    assert_eq!(footer, " I Ladung  Enter anwesend  - abwesend  c befangen  i kommt  ? Hilfe  q beenden");
    // The selected member's organisation stands in full below the list.
    assert!(
        text.contains(" ▶ Dr. M. Ahrenfeld · Hessisches Ministerium für Wirtschaft, Energie, Verkehr,"),
        "{text}"
    );
    // Criteria by label, shortened with a mark, never by a cut id.
    app.update(Action::ShowScoring);
    let text = fixture::screen_text(&fixture::render(&mut app, 80, 24));
    let head = text.lines().find(|l| l.starts_with(" Mitglied")).unwrap_or_default().to_string();
    assert_eq!(head.trim_end(), " Mitglied                Sozia. Städt.  ISEK  Betei. Mitwi. Umset. erfasst");
}

#[test]
fn the_decision_screen_shows_shared_ranks_the_proposal_and_a_rejected_motion() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("r"), Language::De, &roll_call(&session, &[]));
    // Every dossier scored alike: all share rank 1.
    app.update(Action::ShowScoring);
    for k in 0..app.session().dossiers.len() {
        if k > 0 {
            app.update(Action::NextDossier);
        }
        for _ in 0..48 {
            app.update(Action::Insert('3'));
        }
    }
    app.update(Action::ShowDecision);
    decide::select(&mut app, "KS-WESERTOR");
    let text = screen(&mut app);
    let row = text.lines().find(|l| l.contains("KS-WESERTOR")).unwrap_or_default().to_string();
    assert!(row.contains("   =1     3 KS-WESERTOR"), "{row}");
    let esw = text.lines().find(|l| l.contains("ESW-")).unwrap_or_default().to_string();
    assert!(esw.contains("ESW-INNENSTADT-SUED "), "ids stand whole at 120 columns: {esw}");
    app.update(Action::Open);
    let text = screen(&mut app);
    assert!(text.contains("Vorschlag der Rangfolge: Nichtaufnahme (Rang =1, Gesamt 3,00)"), "{text}");
    // A motion that does not carry leaves the item open, and says so.
    decide::counts(&mut app, "1", "6", "1");
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Antrag auf Nichtaufnahme von KS-WESERTOR (Kassel): abgelehnt"));
    let text = screen(&mut app);
    let row = text.lines().find(|l| l.contains("KS-WESERTOR")).unwrap_or_default().to_string();
    assert!(row.contains("✗ Antrag abgelehnt   1:6:1"), "{row}");
}

#[test]
fn the_chairs_tag_is_never_cut_in_the_list_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let mut session = (*demo()).clone();
    if let Some(chair) = session.definition.members.iter_mut().find(|m| m.id == "vorsitz") {
        chair.name = "Prof. Dr. Maximiliane Ahrenfeld-Wittgenstein".into();
    }
    let session = std::sync::Arc::new(session);
    let inputs = gremium::record::inputs_digest(
        &gremium::demo::EmbeddedSource,
        std::path::Path::new(gremium::demo::SESSION_PATH),
    )
    .unwrap();
    let (mut live, _) = gremium::record::LiveSession::open(
        session.clone(),
        &tmp.path().join("r"),
        inputs,
        "t",
        gremium::record::now(),
    )
    .unwrap();
    for c in roll_call(&session, &[]) {
        live.execute(gremium::domain::Actor::Chair, &c, gremium::record::now()).unwrap();
    }
    let mut app =
        App::new(session, Some(Language::De)).with_journal(gremium::ui::Journal::Live(Box::new(live)));
    app.update(Action::ShowDecision);
    app.update(Action::Open);
    app.update(Action::ByName);
    let text = screen(&mut app);
    assert!(text.contains("Prof. Dr. Maximiliane Ahrenfeld-Wittgenstein (Vorsitz)"), "{text}");
}
