//! The item being dealt with: calling an item up, closing it, jumping to
//! it, what comes next, the time spent and whether the item is quorate.
//! Shared by the agenda, the dossier screen and the overview.

use chrono::TimeDelta;
use ratatui::text::{Line, Span};

use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::screens::Screen;
use crate::ui::widgets::doc::safe;

/// The dossier id of the item being dealt with.
pub fn current(app: &App) -> Option<&str> {
    app.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.as_str())
}

/// The next item: the first in agenda order that is not current, not
/// deferred, not decided and not yet dealt with.
pub fn next(app: &App) -> Option<&str> {
    let p = &app.state().proceedings;
    let current = current(app);
    p.agenda
        .order
        .iter()
        .find(|d| {
            Some(d.as_str()) != current
                && !p.agenda.deferred.contains(*d)
                && !p.decisions.contains_key(*d)
                && !p.agenda.time_spent.contains_key(*d)
        })
        .map(String::as_str)
}

/// "12:34 min"; hours count on as minutes ("75:02 min").
pub fn duration(spent: TimeDelta, app: &App) -> String {
    let secs = spent.num_seconds().max(0);
    format!("{}:{:02} {}", secs / 60, secs % 60, app.strings().att.minutes)
}

/// Time spent on an item, when it has been called up at all.
pub fn spent(app: &App, dossier: &str) -> Option<String> {
    let state = app.state();
    let agenda = &state.proceedings.agenda;
    let touched = agenda.time_spent.contains_key(dossier) || current(app) == Some(dossier);
    touched.then(|| duration(state.time_spent(dossier, app.now), app))
}

/// "Aktueller Punkt: X (1:05 min) · Als Nächstes: Y".
pub fn current_and_next(app: &App) -> String {
    let att = app.strings().att;
    let now = match current(app) {
        Some(d) => match spent(app, d) {
            Some(time) => format!("{} ({time})", safe(d)),
            None => safe(d).into_owned(),
        },
        None => att.no_item.to_string(),
    };
    let next = next(app).map(|d| safe(d).into_owned()).unwrap_or_else(|| "—".to_string());
    format!("{}: {now} · {}: {next}", att.current_item, att.next_item)
}

/// One item's state in a line: quorum first (it must never be cut off),
/// then whether it is called up and the time spent.
pub fn status_line(app: &App, dossier: &str) -> Line<'static> {
    let att = app.strings().att;
    let t = &app.theme;
    let (text, reached) = crate::ui::widgets::quorum::item(app, dossier);
    let mut spans = vec![Span::styled(text, if reached { t.ok } else { t.bad })];
    if current(app) == Some(dossier) {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(att.called.to_string(), t.heading));
    }
    if let Some(time) = spent(app, dossier) {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(time, t.label));
    }
    Line::from(spans)
}

/// The dossier the item keys act on: the one shown on the dossier screen,
/// else the agenda's selection.
fn target(app: &App) -> Option<String> {
    let index = match app.screen() {
        Screen::Dossier => app.dossier_state().current(),
        _ => app.agenda().selected_dossier(),
    };
    index.and_then(|i| app.session().dossiers.get(i)).map(|d| d.id.clone())
}

/// Call up, close, or jump to the current item.
/// Call up, close or jump to the current item; from the agenda and the
/// dossier screen.
pub fn handle(app: &App, action: Action) -> Vec<Effect> {
    match action {
        Action::CallItem => {
            target(app).map(|dossier| Effect::Record(Command::OpenItem { dossier })).into_iter().collect()
        }
        Action::CloseItem => vec![Effect::Record(Command::CloseItem)],
        Action::JumpToCurrent => match current(app).and_then(|d| app.index.position.get(d)).copied() {
            Some(i) => vec![Effect::SelectDossier(i)],
            None => vec![Effect::Notify(crate::ui::describe::refusal(
                &crate::procedure::DomainError::NoCurrentItem,
                app.strings(),
                &app.session,
            ))],
        },
        _ => Vec::new(),
    }
}
