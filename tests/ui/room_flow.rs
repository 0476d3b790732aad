//! The room's view (`gremium follow`) while the chair's record grows: a
//! follower reads the record another LiveSession appends to, and after
//! each step the view shows what the room may see — counts while blind,
//! never a value; aggregates once revealed; the vote with its arithmetic.
//! Snapshots at 80×24 and 200×50.

use std::path::Path;
use std::sync::Arc;

use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Actor, Language, Outcome, VoteSubject};
use gremium::procedure::Command;
use gremium::record::{self, Follower, LiveSession};
use gremium::ui::ThemeKind;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::live::{demo, roll_call};

const CRITERIA: [&str; 6] = ["social", "urban", "concept", "participation", "bundling", "feasibility"];
const SCORERS: [&str; 7] = ["vorsitz", "hmdi", "hmaijs", "lag", "hsgb", "hlt", "akh"];

fn text(follower: &Follower, lang: Language) -> String {
    let theme = ThemeKind::Default.theme();
    let lines = gremium::ui::room::lines(follower.state(), lang, &theme, 120, None);
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every command at 10:00 on the session's day: the view shows times.
fn run(live: &mut LiveSession, commands: Vec<Command>) {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").expect("time");
    for c in commands {
        live.execute(Actor::Chair, &c, at).expect("accepted");
    }
}

#[test]
fn the_room_sees_counts_while_blind_then_the_figures_and_the_vote() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = demo();
    let dir = tmp.path().join("rec");
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (mut live, _) =
        LiveSession::open(session.clone(), &dir, inputs, "test", record::now()).expect("opens");
    run(&mut live, roll_call(&session, &[]));
    let mut follower = Follower::open(Arc::clone(&session), &dir).expect("follows");
    assert!(text(&follower, Language::De).contains("Kein Punkt aufgerufen."));

    // The item is called and lag scores 4 on every criterion: the room
    // sees the count, never the value.
    run(&mut live, vec![Command::OpenItem { dossier: "OF-LAUTERBORN".into() }]);
    let scores = |m: &str, v: f64| -> Vec<Command> {
        CRITERIA
            .iter()
            .map(|c| Command::EnterScore {
                dossier: "OF-LAUTERBORN".into(),
                member: m.into(),
                criterion: (*c).into(),
                value: v,
            })
            .collect()
    };
    run(&mut live, scores("lag", 4.0));
    assert!(follower.poll().expect("poll"));
    let blind = text(&follower, Language::De);
    assert!(blind.contains("Aufgerufen: OF-LAUTERBORN · Offenbach am Main – Lauterborn-Ost"), "{blind}");
    assert!(
        blind.contains("Bewertung Runde 1: verdeckt – 6 von 42 Punktzahlen erfasst, 36 fehlen"),
        "{blind}"
    );
    assert!(blind.contains("beantragt 1.580.000\u{a0}€ · Darmstadt"), "key figures: {blind}");
    assert!(!blind.contains("Kriterium") && !blind.contains("4,00"), "no value while blind: {blind}");

    // Everyone else scores 2: revealed at the last score by the chair's
    // sheet; here the reveal is a command. (4 + 6 · 2) / 7 = 2,29.
    for m in SCORERS.iter().filter(|m| **m != "lag") {
        run(&mut live, scores(m, 2.0));
    }
    run(&mut live, vec![Command::RevealScores { dossier: "OF-LAUTERBORN".into() }]);
    assert!(follower.poll().expect("poll"));
    let revealed = text(&follower, Language::De);
    assert!(revealed.contains("Mittelwert"), "{revealed}");
    assert!(revealed.contains("Gewichtete Summe: 2,29"), "{revealed}");

    run(
        &mut live,
        vec![Command::RecordVote {
            subject: VoteSubject::Dossier { dossier: "OF-LAUTERBORN".into(), outcome: Outcome::Admitted },
            motion: None,
            yes: 7,
            no: 0,
            abstain: 0,
            ballots: Default::default(),
            tie_choice: None,
            rationale: None,
        }],
    );
    assert!(follower.poll().expect("poll"));
    let voted = text(&follower, Language::De);
    assert!(
        voted.contains("Abstimmung: 7 Ja, 0 Nein, 0 Enthaltungen – einfache Mehrheit erreicht – angenommen"),
        "{voted}"
    );
    assert!(
        voted.contains(
            "Beschlossen: 1 aufgenommen (1.580.000\u{a0}€) · 0 Nachrückerliste · 0 nicht aufgenommen"
        ),
        "{voted}"
    );

    // The item closed: between items the room sees the ranking with its
    // budget line.
    run(&mut live, vec![Command::CloseItem]);
    assert!(follower.poll().expect("poll"));
    let between = text(&follower, Language::De);
    assert!(between.contains("Rangfolge (1 von 21 bewertet)"), "{between}");
    assert!(
        between.contains("── Budgetlinie: 1 Standorte, 1.580.000\u{a0}€ von 11.500.000\u{a0}€"),
        "{between}"
    );
    run(&mut live, vec![Command::Undo]);
    assert!(follower.poll().expect("poll"));

    // Undo in the chair's instance: the room sees the vote gone.
    run(&mut live, vec![Command::Undo]);
    assert!(follower.poll().expect("poll"));
    assert!(!text(&follower, Language::De).contains("Abstimmung:"));
    run(&mut live, vec![Command::Redo]);
    assert!(follower.poll().expect("poll"));

    // When the record was replaced the view says so at the top.
    let theme = ThemeKind::Default.theme();
    let stopped = gremium::ui::room::lines(
        follower.state(),
        Language::De,
        &theme,
        120,
        Some("rec/record.jsonl: replaced"),
    );
    let third: String = stopped[2].spans.iter().map(|s| s.content.as_ref()).collect();
    assert_eq!(
        third.trim_end(),
        "⚠ Die Raumansicht folgt dem Protokoll nicht mehr: rec/record.jsonl: replaced"
    );

    for (w, h, lang) in [(80, 24, Language::De), (200, 50, Language::En)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let theme = ThemeKind::Default.theme();
        terminal.draw(|f| gremium::ui::room::render(follower.state(), lang, &theme, None, f)).expect("draw");
        insta::assert_snapshot!(format!("room_{}_{w}x{h}", lang.code()), terminal.backend());
    }
}
