//! Driving the decision screen in tests: every dossier scored with
//! distinct totals, a dossier selected, counts typed into the vote dialog.

#![allow(dead_code)]

use gremium::ui::screens::decision::dialog::Field;
use gremium::ui::screens::decision::selected_dossier;
use gremium::ui::{Action, App};

pub fn revealed(app: &App, dossier: &str) -> bool {
    let round = app.state().round(dossier);
    app.state().proceedings.reveals.contains_key(&(dossier.to_string(), round))
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
}

/// Score every dossier so that the totals differ: the k-th dossier visited
/// gets k / 5 on the first criterion, k % 5 on the second, 2 elsewhere.
pub fn score_everything(app: &mut App) {
    app.update(Action::ShowScoring);
    let count = app.session().dossiers.len();
    for k in 0..count {
        if k > 0 {
            app.update(Action::NextDossier);
        }
        let (i, _) = gremium::ui::screens::scoring::target(app).unwrap();
        let id = app.session().dossiers[i].id.clone();
        let row = [char::from(b'0' + (k / 5) as u8), char::from(b'0' + (k % 5) as u8), '2', '2', '2', '2'];
        let mut typed = 0;
        while !revealed(app, &id) {
            assert!(typed < 100, "{id} never revealed");
            app.update(Action::Insert(row[typed % 6]));
            typed += 1;
        }
    }
    assert_eq!(app.state().proceedings.reveals.len(), count);
}

pub fn select(app: &mut App, id: &str) {
    app.update(Action::Home);
    for _ in 0..app.state().proceedings.agenda.order.len() {
        if selected_dossier(app).as_deref() == Some(id) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("{id} not on the decision screen");
}

/// Tab from the motion to the yes count, clearing what is typed there.
pub fn counts(app: &mut App, yes: &str, no: &str, abstain: &str) {
    let dialog = app.decision().dialog().unwrap();
    let steps = dialog.fields().iter().position(|f| *f == Field::Yes);
    for _ in 0..20 {
        app.update(Action::Up);
    }
    for _ in 0..steps.unwrap() {
        app.update(Action::Down);
    }
    for value in [yes, no, abstain] {
        for _ in 0..4 {
            app.update(Action::DeleteChar);
        }
        type_text(app, value);
        app.update(Action::Down);
    }
}
