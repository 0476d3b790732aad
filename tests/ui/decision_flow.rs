//! A whole session on the demo, driven through the app's actions: roll
//! call, every dossier scored, then the conflicted items decided one by
//! one and the rest en bloc, to a complete admission list; refusals on
//! the way, and undo of the en-bloc vote.

use crate::decide;
use crate::fixture;
use crate::live;

use decide::{counts, score_everything, select, type_text};
use fixture::screen_text;
use gremium::domain::{DeferralReason, Language, Outcome};
use gremium::ui::screens::decision::words;
use gremium::ui::{Action, Screen, render_to_test_backend};
use live::{demo, open_app, roll_call};

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_demo_session_runs_to_a_complete_admission_list() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    score_everything(&mut app);
    assert_eq!(app.ranking().ranked.len(), 21);

    app.update(Action::ShowDecision);
    assert_eq!(app.screen(), Screen::Decision);

    // En bloc first: three members are conflicted on items of the list.
    app.update(Action::EnBloc);
    let dialog = app.decision().dialog().unwrap();
    assert_eq!(dialog.items().len(), 21);
    let excluded: Vec<&str> = dialog.excluded.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(excluded, ["hst", "hsgb", "hlt"]);
    assert_eq!(dialog.quorum.present, 5);
    let text = screen_text(&render_to_test_backend(&mut app, 120, 40));
    assert!(
        text.contains("U. Degenhardt ist befangen bei OF-LAUTERBORN und stimmt en bloc nicht mit"),
        "{text}"
    );
    assert!(text.contains("Tipp: diese Punkte zuerst einzeln beschließen"), "{text}");
    app.update(Action::Back);
    assert!(app.decision().dialog().is_none());

    // OF-LAUTERBORN (hst conflicted): proposed not admitted.
    select(&mut app, "OF-LAUTERBORN");
    app.update(Action::Open);
    assert_eq!(app.decision().dialog().unwrap().outcome(), Some(Outcome::NotAdmitted));
    // Admitting it departs from the ranking: refused without a rationale.
    app.update(Action::MotionAdmit);
    counts(&mut app, "7", "0", "0");
    let before = app.state().proceedings.votes.len();
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: eine Abweichung von der Rangfolge oder ein Überschreiten des Budgets braucht eine \
             schriftliche Begründung"
        )
    );
    assert!(app.confirm().is_none());
    assert_eq!(app.decision().dialog().unwrap().counts().yes, 7, "the dialog keeps its values");
    // Nine votes with seven eligible voters: refused, said live first.
    counts(&mut app, "9", "0", "0");
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("✗ 9 Stimmen, aber nur 7 Stimmberechtigte anwesend"), "{text}");
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: 9 Stimmen abgegeben, aber nur 7 Stimmberechtigte ohne Befangenheit anwesend")
    );
    assert_eq!(app.state().proceedings.votes.len(), before, "nothing recorded");
    // The ranking's proposal, 5:1:1.
    app.update(Action::MotionNotAdmit);
    counts(&mut app, "5", "1", "1");
    app.update(Action::Open);
    assert_eq!(
        app.confirm().map(|p| p.question.as_str()),
        Some(
            "Beschluss festhalten: OF-LAUTERBORN (Offenbach am Main) – Nichtaufnahme, 5 Ja, 1 Nein, 1 Enthaltung – angenommen?"
        )
    );
    app.update(Action::Open);
    assert!(app.decision().dialog().is_none());
    assert_eq!(
        app.notice(),
        Some("Antrag auf Nichtaufnahme von OF-LAUTERBORN (Offenbach am Main): angenommen")
    );

    // HR-ALTSTADT (hsgb conflicted): waiting list 1, a tie the chair decides.
    select(&mut app, "HR-ALTSTADT");
    app.update(Action::Open);
    assert_eq!(app.decision().dialog().unwrap().outcome(), Some(Outcome::WaitingList { position: 1 }));
    counts(&mut app, "3", "3", "1");
    // The chair's vote is the field after the counts.
    app.update(Action::Right);
    let text = screen_text(&render_to_test_backend(&mut app, 120, 40));
    assert!(
        text.contains("= 3 Ja, 3 Nein, 1 Enthaltung – Stimmengleichheit, Stimme des Vorsitzes: Ja"),
        "{text}"
    );
    let result = app.decision().dialog().unwrap().result();
    assert_eq!(
        words::result_line(&result, gremium::ui::strings::DE.decision),
        "3 Ja, 3 Nein, 1 Enthaltung – Stimmengleichheit, Stimme des Vorsitzes: Ja – angenommen"
    );
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(
        app.state().proceedings.votes.last().unwrap().vote.tie_choice,
        Some(gremium::domain::Ballot::Yes)
    );

    // ESW-INNENSTADT-SUED (hlt conflicted): admitted, 7:0.
    select(&mut app, "ESW-INNENSTADT-SUED");
    app.update(Action::Open);
    counts(&mut app, "7", "", "");
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(app.state().proceedings.decisions.len(), 3);

    // The rest en bloc: everyone votes.
    app.update(Action::EnBloc);
    let dialog = app.decision().dialog().unwrap();
    assert_eq!(dialog.items().len(), 18);
    assert!(dialog.excluded.is_empty());
    assert_eq!(dialog.quorum.present, 8);
    type_text(&mut app, "8");
    app.update(Action::Open);
    assert_eq!(
        app.confirm().map(|p| p.question.as_str()),
        Some("Beschluss festhalten: en bloc 18 Dossiers, 8 Ja, 0 Nein – angenommen?")
    );
    app.update(Action::Open);

    let list = app.decided().clone();
    assert_eq!(
        list.admitted,
        ids(&[
            "VH-INNENSTADT",
            "RUE-INNENSTADT-OST",
            "LM-SUED",
            "RAUN-NORD",
            "KB-ALTSTADT",
            "ESW-INNENSTADT-SUED",
            "WZ-DALHEIM",
            "MR-RICHTSBERG-WEST",
            "HOG-NORD",
            "DZB-NORD",
        ])
    );
    assert_eq!(
        list.waiting,
        vec![
            (1, "HR-ALTSTADT".to_string()),
            (2, "MIC-ALTSTADT".to_string()),
            (3, "HEF-HOHE-LUFT".to_string())
        ]
    );
    assert_eq!(
        list.not_admitted,
        ids(&[
            "DIL-NORD",
            "ALS-ALTSTADT",
            "FD-ZIEHERS-SUED",
            "DA-NORD",
            "GI-WESTSTADT",
            "BUED-KERNSTADT",
            "KS-WESERTOR",
            "OF-LAUTERBORN",
        ])
    );
    assert!(list.deferred.is_empty() && list.undecided.is_empty());
    assert_eq!(list.admitted_eur, 9_350_000);
    assert_eq!(list.remaining_eur, 2_150_000);
    let text = screen_text(&render_to_test_backend(&mut app, 120, 40));
    assert!(text.contains("Rest: 2.150.000\u{a0}€ von 11.500.000\u{a0}€"), "{text}");
    assert!(text.contains("0 offen · 21 entschieden"), "{text}");

    // The decided lists from another screen.
    app.update(Action::ShowAgenda);
    app.update(Action::ToggleDecided);
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("Aufnahmeliste (10 von max. 10, 9.350.000\u{a0}€)"), "{text}");
    // At 80×24 the lists are longer than the overlay: it says how much is
    // left and scrolls to the end, where the deferred part stands.
    assert!(text.contains("weitere Zeilen"), "{text}");
    assert!(!text.contains("Vertagt (0)"), "{text}");
    app.update(Action::End);
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("Vertagt (0)"), "{text}");
    assert!(!text.contains("weitere Zeilen"), "{text}");
    assert_eq!(app.screen(), Screen::Agenda, "the keys scrolled the overlay, not the agenda");
    app.update(Action::Home);
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("Aufnahmeliste (10 von max. 10, 9.350.000\u{a0}€)"), "{text}");
    app.update(Action::Back);
    assert!(!app.decision().overlay());
    assert_eq!(app.screen(), Screen::Agenda);

    // One undo takes back the en-bloc vote and all its decisions.
    app.update(Action::Undo);
    assert_eq!(app.state().proceedings.decisions.len(), 3);
    assert_eq!(app.decided().undecided.len(), 18);
    assert_eq!(app.decided().admitted, ids(&["ESW-INNENSTADT-SUED"]));
}

#[test]
fn a_deferral_asks_for_its_reason_and_a_confirmation() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    app.update(Action::ShowDecision);
    select(&mut app, "KS-WESERTOR");
    app.update(Action::Defer);
    // Quorate: the committee's resolution first, a withdrawal on ↓, and
    // lack of quorum is not offered.
    let prompt = app.decision().defer().expect("prompt");
    assert_eq!(prompt.kinds, [DeferralReason::Committee, DeferralReason::Withdrawn]);
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("Anlass: ‹ Beschluss des Gremiums › (↑/↓ ändern)"), "{text}");
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.decision().defer().map(|p| p.kind), Some(DeferralReason::Committee), "↓ twice wraps");
    type_text(&mut app, "Nachreichung");
    app.update(Action::Open);
    assert_eq!(
        app.confirm().map(|p| p.question.as_str()),
        Some(
            "Vertagung festhalten: KS-WESERTOR (Kassel) – Beschluss des Gremiums; Begründung: „Nachreichung“?"
        )
    );
    app.update(Action::Open);
    let entry = &app.state().proceedings.decisions["KS-WESERTOR"];
    assert_eq!((entry.outcome, entry.rationale.as_deref()), (Outcome::Deferred, Some("Nachreichung")));
    assert_eq!(entry.deferral, Some(DeferralReason::Committee));
    assert_eq!(app.decided().deferred, ids(&["KS-WESERTOR"]));
    // Deferred twice: refused with the reason.
    app.update(Action::Defer);
    assert_eq!(app.notice(), Some("Abgelehnt: KS-WESERTOR (Kassel) ist bereits vertagt"));
    assert!(app.decision().defer().is_none());
}

#[test]
fn a_conflict_declared_after_the_vote_is_dealt_with_on_the_decision_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut setup = roll_call(&session, &[]);
    setup.push(gremium::procedure::Command::RecordVote {
        subject: gremium::domain::VoteSubject::Dossier {
            dossier: "DA-NORD".into(),
            outcome: Outcome::Admitted,
        },
        motion: None,
        yes: 6,
        no: 2,
        abstain: 0,
        ballots: Default::default(),
        tie_choice: None,
        rationale: Some("vor der Bewertung".into()),
    });
    setup.push(gremium::procedure::Command::DeclareConflict {
        member: "lag".into(),
        dossier: "DA-NORD".into(),
        reason: Some("Vorstand des Trägervereins".into()),
    });
    let mut app = open_app(&session, &dir, Language::De, &setup);
    app.update(Action::ShowDecision);
    // On another item the key says why not.
    select(&mut app, "KS-WESERTOR");
    app.update(Action::ConfirmResult);
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: keine Abstimmung über KS-WESERTOR (Kassel) ist durch eine später erklärte Befangenheit belastet"
        )
    );
    select(&mut app, "DA-NORD");
    let text = screen_text(&render_to_test_backend(&mut app, 120, 40));
    assert!(text.contains("B Ergebnis hat Bestand"), "the footer offers it here: {text}");
    app.update(Action::ConfirmResult);
    type_text(&mut app, "Ohne die Stimme 5:2");
    let text = screen_text(&render_to_test_backend(&mut app, 80, 24));
    assert!(text.contains("Ergebnis trotz späterer Befangenheit: DA-NORD"), "{text}");
    app.update(Action::Open);
    assert_eq!(
        app.confirm().map(|p| p.question.as_str()),
        Some("Festhalten, dass das Ergebnis zu DA-NORD (Darmstadt) Bestand hat: „Ohne die Stimme 5:2“?")
    );
    assert!(
        gremium::rules::sign_off_checklist(app.state())
            .iter()
            .any(|c| !c.ok && c.item == gremium::rules::CheckItem::NoLateConflict)
    );
    app.update(Action::Open);
    assert_eq!(app.state().proceedings.confirmations["DA-NORD"].reason, "Ohne die Stimme 5:2");
    assert!(app.decision().confirm_prompt().is_none(), "the prompt closes with the recording");
    assert!(gremium::rules::late_conflicts(app.state()).iter().all(|c| !c.is_open()));
}
