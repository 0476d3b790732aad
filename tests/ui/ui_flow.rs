//! Headless flows: actions in, state and screen cells out.

use crate::fixture;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fixture::{app, demo_session, drive, render, rich_session, row_text, screen_text, type_text};
use gremium::domain::Language;
use gremium::ui::screens::agenda::SortKey;
use gremium::ui::screens::dossier::DossierTab;
use gremium::ui::{Action, App, Screen};
use ratatui::style::Modifier;

fn ids(a: &App) -> Vec<String> {
    a.agenda().visible().iter().map(|i| a.session().dossiers[*i].id.clone()).collect()
}

fn current_id(a: &App) -> Option<String> {
    a.dossier_state().current().map(|i| a.session().dossiers[i].id.clone())
}

#[test]
fn opens_a_dossier_from_the_agenda_and_switches_tabs() {
    let mut a = app(rich_session(), Language::De);
    assert_eq!(a.screen(), Screen::Overview);
    drive(&mut a, &[Action::ShowAgenda, Action::Down, Action::Open]);
    assert_eq!(a.screen(), Screen::Dossier);
    assert_eq!(current_id(&a).as_deref(), Some("DA-NORD"));
    assert_eq!(a.dossier_state().tab(), DossierTab::Profile);
    a.update(Action::NextTab);
    assert_eq!(a.dossier_state().tab(), DossierTab::Indicators);
    drive(&mut a, &[Action::PrevTab, Action::PrevTab]);
    assert_eq!(a.dossier_state().tab(), DossierTab::Notes);
    a.update(Action::Tab(8));
    assert_eq!(a.dossier_state().tab(), DossierTab::Checks);
    a.update(Action::Tab(0));
    assert_eq!(a.dossier_state().tab(), DossierTab::Checks, "tab 0 does not exist");
    a.update(Action::NextDossier);
    assert_eq!(current_id(&a).as_deref(), Some("VB-ALTSTADT"));
    a.update(Action::NextDossier);
    assert_eq!(current_id(&a).as_deref(), Some("VB-ALTSTADT"), "stays on the last");
    drive(&mut a, &[Action::PrevDossier, Action::PrevDossier]);
    assert_eq!(current_id(&a).as_deref(), Some("KS-WESERTOR"));
    assert_eq!(a.agenda().selected(), 0, "the agenda follows the dossier shown");
    a.update(Action::Back);
    assert_eq!(a.screen(), Screen::Agenda);
}

#[test]
fn search_narrows_the_list_and_esc_clears_it() {
    let mut a = app(rich_session(), Language::De);
    a.update(Action::Search);
    assert_eq!(a.screen(), Screen::Agenda);
    assert!(a.agenda().editing());
    type_text(&mut a, "kas");
    assert_eq!(ids(&a), ["KS-WESERTOR"]);
    a.update(Action::DeleteChar);
    a.update(Action::DeleteChar);
    assert_eq!(a.agenda().query(), "k");
    // Every word must match: county, area and municipality are searched.
    a.update(Action::DeleteChar);
    type_text(&mut a, "kreisfreie WESER");
    assert_eq!(ids(&a), ["KS-WESERTOR"]);
    a.update(Action::Back);
    assert_eq!(a.agenda().query(), "");
    assert!(!a.agenda().editing());
    assert_eq!(ids(&a).len(), 3);
    // Enter while typing opens the selected match.
    a.update(Action::Search);
    type_text(&mut a, "vogelsberg");
    assert_eq!(ids(&a), ["VB-ALTSTADT"]);
    a.update(Action::Open);
    assert_eq!(a.screen(), Screen::Dossier);
    assert_eq!(current_id(&a).as_deref(), Some("VB-ALTSTADT"));
    // Back on the agenda the filter is still there; Esc clears it, a second
    // Esc goes back a screen.
    a.update(Action::Back);
    assert_eq!(ids(&a), ["VB-ALTSTADT"]);
    a.update(Action::Back);
    assert_eq!(ids(&a).len(), 3);
    assert_eq!(a.screen(), Screen::Agenda);
    a.update(Action::Back);
    assert_eq!(a.screen(), Screen::Overview);
}

#[test]
fn search_without_match_says_so() {
    let mut a = app(rich_session(), Language::En);
    a.update(Action::Search);
    type_text(&mut a, "zzz");
    assert!(ids(&a).is_empty());
    let t = render(&mut a, 80, 24);
    assert!(row_text(&t, 3).contains("No match for “zzz”"), "{}", row_text(&t, 3));
    a.update(Action::Open);
    assert_eq!(a.screen(), Screen::Agenda, "nothing to open");
}

#[test]
fn sort_keys_cycle_and_order_the_list() {
    let mut a = app(rich_session(), Language::De);
    a.update(Action::ShowAgenda);
    assert_eq!(ids(&a), ["KS-WESERTOR", "DA-NORD", "VB-ALTSTADT"]);
    a.update(Action::CycleSort);
    assert_eq!(a.agenda().sort(), SortKey::Id);
    assert_eq!(ids(&a), ["DA-NORD", "KS-WESERTOR", "VB-ALTSTADT"]);
    a.update(Action::CycleSort);
    assert_eq!(ids(&a), ["DA-NORD", "KS-WESERTOR", "VB-ALTSTADT"], "Darmstadt, Kassel, Schotten");
    a.update(Action::CycleSort);
    assert_eq!(a.agenda().sort(), SortKey::Requested);
    assert_eq!(ids(&a), ["KS-WESERTOR", "DA-NORD", "VB-ALTSTADT"], "1.6 m, 1.25 m, 0.65 m");
    a.update(Action::CycleSort);
    assert_eq!(ids(&a), ["DA-NORD", "VB-ALTSTADT", "KS-WESERTOR"], "Darmstadt, Gießen, Kassel");
    a.update(Action::CycleSort);
    assert_eq!(a.agenda().sort(), SortKey::Agenda);
}

#[test]
fn language_toggles_and_quit_quits() {
    let mut a = app(demo_session(), Language::De);
    let t = render(&mut a, 80, 24);
    assert!(row_text(&t, 0).contains("Übersicht"));
    a.update(Action::ToggleLanguage);
    assert_eq!(a.language(), Language::En);
    let t = render(&mut a, 80, 24);
    assert!(row_text(&t, 0).contains("Overview"));
    assert!(!a.should_quit());
    a.update(Action::Quit);
    assert!(a.should_quit());
}

#[test]
fn session_language_is_the_default() {
    let mut session = demo_session();
    session.definition.language = Language::En;
    assert_eq!(App::new(session, None).language(), Language::En);
}

#[test]
fn keys_map_to_actions_by_scope() {
    let mut a = app(rich_session(), Language::De);
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(a.action_for_key(&key('q')), Some(Action::Quit));
    assert_eq!(
        a.action_for_key(&KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)),
        Some(Action::ToggleLanguage)
    );
    a.update(Action::Search);
    assert_eq!(a.action_for_key(&key('q')), Some(Action::Insert('q')));
    assert_eq!(a.action_for_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
    assert_eq!(
        a.action_for_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
    a.update(Action::Open);
    assert_eq!(a.action_for_key(&key('3')), Some(Action::Tab(3)));
    assert_eq!(
        a.action_for_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::PrevTab)
    );
}

#[test]
fn help_opens_closes_and_passes_other_keys_on() {
    let mut a = app(rich_session(), Language::De);
    a.update(Action::Help);
    assert!(a.help_open());
    let t = render(&mut a, 80, 24);
    assert!(screen_text(&t).contains("Hilfe — Übersicht"));
    a.update(Action::Back);
    assert!(!a.help_open());
    assert_eq!(a.screen(), Screen::Overview, "Esc closes help, it does not go back");
    a.update(Action::Help);
    a.update(Action::ShowAgenda);
    assert!(!a.help_open());
    assert_eq!(a.screen(), Screen::Agenda);
}

#[test]
fn selected_row_is_reversed_and_marked() {
    let mut a = app(rich_session(), Language::De);
    drive(&mut a, &[Action::ShowAgenda, Action::Down]);
    let t = render(&mut a, 80, 24);
    let buffer = t.backend().buffer();
    // Rows: header, status, column header, then the list from row 3.
    let selected = row_text(&t, 4);
    assert!(selected.starts_with(" ▶     2 DA-NORD"), "{selected}");
    for x in 1..79 {
        assert!(buffer[(x, 4)].modifier.contains(Modifier::REVERSED), "cell {x} of the selected row");
    }
    assert!(!buffer[(5, 3)].modifier.contains(Modifier::REVERSED));
    assert!(row_text(&t, 3).contains("✗2") && row_text(&t, 3).contains("⚑2"), "{}", row_text(&t, 3));
}

#[test]
fn failed_check_shows_a_cross_and_a_word() {
    let mut a = app(rich_session(), Language::De);
    drive(&mut a, &[Action::ShowAgenda, Action::Open, Action::Tab(8)]);
    let t = render(&mut a, 80, 24);
    assert_eq!(row_text(&t, 4).trim_end(), " ✗ 1 von 3 Prüfpunkte erfüllt");
    assert_eq!(row_text(&t, 6).trim_end(), " ✓ erfüllt       ISEK beschlossen oder Aufstellungsbeschluss");
    assert_eq!(row_text(&t, 7).trim_end(), " ✗ nicht erfüllt Kofinanzierung gesichert");
    assert_eq!(row_text(&t, 8).trim_end(), " ? fehlt         Gebietsabgrenzung beschlossen");
    a.update(Action::ToggleLanguage);
    let t = render(&mut a, 80, 24);
    assert_eq!(row_text(&t, 7).trim_end(), " ✗ failed  Co-financing secured");
}

#[test]
fn escape_sequences_are_neutralised() {
    let mut a = app(rich_session(), Language::De);
    drive(&mut a, &[Action::ShowAgenda, Action::Down, Action::Open]);
    for tab in 1..=9 {
        a.update(Action::Tab(tab));
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            render(&mut a, w, h);
        }
    }
    a.update(Action::Tab(1));
    let t = render(&mut a, 120, 40);
    assert!(screen_text(&t).contains("Eingeschleust:␛[2J"));
}

#[test]
fn too_small_says_what_is_needed_and_never_panics() {
    let mut a = app(demo_session(), Language::De);
    let t = render(&mut a, 79, 24);
    let text = screen_text(&t);
    assert!(text.contains("Terminal zu klein"));
    assert!(text.contains("aktuell 79×24"));
    assert!(text.contains("mindestens 80×24"));
    // Nothing but quit and help acts while the screens cannot be seen.
    a.update(Action::ToggleLanguage);
    assert_eq!(a.language(), Language::De);
    render(&mut a, 80, 24);
    a.update(Action::ToggleLanguage);
    let t = render(&mut a, 60, 20);
    assert!(screen_text(&t).contains("Terminal too small"));
    for (w, h) in [(0, 0), (1, 1), (0, 24), (80, 0), (2, 50), (200, 3), (80, 24)] {
        for screen in [Action::ShowOverview, Action::ShowAgenda, Action::ShowDossier, Action::Help] {
            a.update(screen);
            render(&mut a, w, h);
        }
    }
}

#[test]
fn scrolling_stops_at_the_end_of_a_tab() {
    let mut a = app(rich_session(), Language::De);
    drive(&mut a, &[Action::ShowAgenda, Action::Down, Action::Open]);
    render(&mut a, 80, 24);
    for _ in 0..100 {
        a.update(Action::Down);
    }
    let at_end = a.dossier_state().scroll();
    assert!(at_end > 0);
    a.update(Action::Up);
    assert_eq!(a.dossier_state().scroll(), at_end - 1, "one step up is visible at once");
    a.update(Action::End);
    assert_eq!(a.dossier_state().scroll(), at_end);
    render(&mut a, 120, 40);
    assert!(a.dossier_state().scroll() < at_end, "a taller terminal needs less scrolling");
}

#[test]
fn many_dossiers_stay_navigable() {
    let mut session = rich_session();
    let template = session.dossiers[1].clone();
    session.dossiers = (0..2000)
        .map(|i| {
            let mut d = template.clone();
            d.id = format!("D-{i:04}");
            d.municipality = format!("Gemeinde Nr{}", i % 97);
            d.funding.requested_eur = (i as u64 * 7919) % 2_000_000;
            d
        })
        .collect();
    let mut a = app(session, Language::De);
    a.update(Action::Search);
    type_text(&mut a, "gemeinde nr42");
    assert_eq!(ids(&a).len(), 21, "Gemeinde 42 appears for i ≡ 42 (mod 97)");
    drive(
        &mut a,
        &[
            Action::Back,
            Action::PageDown,
            Action::End,
            Action::CycleSort,
            Action::CycleSort,
            Action::CycleSort,
        ],
    );
    assert_eq!(a.agenda().visible().len(), 2000);
    let first = &a.session().dossiers[a.agenda().visible()[0]];
    assert_eq!(
        first.funding.requested_eur,
        a.session().dossiers.iter().map(|d| d.funding.requested_eur).max().unwrap()
    );
    render(&mut a, 120, 40);
}
