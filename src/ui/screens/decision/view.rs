//! The vote dialog, the deferral's reason and the confirmation, drawn over
//! the decision screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::dialog::{Field, Motion, Subject, VoteDialog};
use super::words;
use crate::domain::{Ballot, Outcome};
use crate::ui::app::App;
use crate::ui::widgets::doc::{Align, fit, safe, width, wrap};

const LABEL: usize = 24;

/// Draw whatever is open: the dialog, the reason, then the confirmation.
pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let d = &app.decision;
    if let Some(dialog) = d.dialog() {
        render_dialog(app, dialog, frame, body);
    }
    if let Some(dialog) = d.dialog()
        && dialog.focus == Field::Rationale
    {
        // The rationale is typed in the one text box, all of it in view.
        let s = app.strings().decision;
        let why = words::rationale_reasons(dialog, s);
        let mark = if why.is_empty() {
            format!("({})", s.optional_mark)
        } else {
            format!("({}: {})", s.required_mark, why.join(", "))
        };
        let title = format!("{} {mark}", s.f_rationale);
        crate::ui::widgets::prompt_box::render_prompt(app, frame, body, &title, &[], &dialog.rationale);
    }
    if let Some((dossier, reason)) = d.confirm_prompt() {
        let s = app.strings().decision;
        let title = format!("{}: {}", s.result_title, safe(dossier));
        let intro = [s.result_prompt.to_string()];
        crate::ui::widgets::prompt_box::render_prompt(app, frame, body, &title, &intro, reason);
    }
    if let Some(prompt) = d.defer() {
        let s = app.strings().decision;
        let title = format!("{}: {}", s.defer_title, safe(&prompt.dossier));
        let kind = crate::ui::describe::deferral_kind(prompt.kind, app.strings());
        let intro = [s.defer_prompt.to_string(), s.defer_kind.replace("{kind}", kind)];
        crate::ui::widgets::prompt_box::render_prompt(app, frame, body, &title, &intro, &prompt.reason);
    }
}

fn boxed(app: &App, frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line<'static>>, max_w: u16) {
    let width = body.width.saturating_sub(4).min(max_w);
    let height = (lines.len() as u16 + 2).min(body.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(title.to_string()).style(app.theme.base);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_dialog(app: &App, dialog: &VoteDialog, frame: &mut Frame, body: Rect) {
    let width = body.width.saturating_sub(4).min(84);
    let w = usize::from(width.saturating_sub(2));
    // The list by name gets what is left of the body.
    let fixed = dialog_lines(app, dialog, w, 0).len();
    let room = usize::from(body.height.saturating_sub(2)).saturating_sub(fixed).max(1);
    let lines = dialog_lines(app, dialog, w, room);
    let s = app.strings().decision;
    let title = match &dialog.subject {
        Subject::Item { dossier } => {
            let town = app
                .session()
                .dossier(dossier)
                .map(|x| safe(&x.municipality).into_owned())
                .unwrap_or_default();
            format!(" {}: {} · {town} ", s.dialog_item, safe(dossier))
        }
        Subject::EnBloc { items } => format!(" {} ({}) ", s.dialog_en_bloc, items.len()),
    };
    boxed(app, frame, body, &title, lines, 84);
}

/// The dialog's lines; `room` rows for the list by name.
fn dialog_lines(app: &App, dialog: &VoteDialog, w: usize, room: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let d = s.decision;
    let t = &app.theme;
    let lang = app.language();
    let mut out = Vec::new();
    match &dialog.subject {
        Subject::Item { dossier } => {
            let proposal = match app.ranking().proposed_outcome(dossier) {
                Some(o) => words::motion(o, d),
                None => d.unranked.to_string(),
            };
            let rank = app
                .ranking()
                .get(dossier)
                .map(|r| {
                    let tie = if r.tied { "=" } else { "" };
                    let total = crate::ui::format::fixed(r.total.value, 2, lang);
                    format!(" ({} {tie}{}, {} {total})", d.col_rank, r.rank, d.total_word)
                })
                .unwrap_or_default();
            out.push(Line::raw(fit(&format!("{}: {proposal}{rank}", d.proposal_note), w, Align::Left)));
        }
        Subject::EnBloc { items } => {
            let groups: [(&str, Vec<String>); 3] = [
                (d.admitted, ids(items, |o| o == Outcome::Admitted)),
                (d.waiting, waiting(items)),
                (d.not_admitted, ids(items, |o| o == Outcome::NotAdmitted)),
            ];
            for (word, group) in groups.iter().filter(|(_, g)| !g.is_empty()) {
                let text = format!("{word} ({}): {}", group.len(), group.join(", "));
                for part in wrap(&text, w) {
                    out.push(Line::raw(fit(&part, w, Align::Left)));
                }
            }
        }
    }
    let q = &dialog.quorum;
    let eligible = d
        .eligible
        .replace("{present}", &q.present.to_string())
        .replace("{required}", &q.required.to_string());
    out.push(Line::raw(fit(&eligible, w, Align::Left)));
    for (member, dossiers) in &dialog.excluded {
        let name = app.session().member(member).map(|m| safe(&m.name).into_owned()).unwrap_or_default();
        let text = if dialog.is_en_bloc() { d.excluded } else { d.excluded_item };
        let text = text.replace("{name}", &name).replace("{dossiers}", &dossiers.join(", "));
        for part in wrap(&format!("⚠ {text}"), w) {
            out.push(Line::styled(fit(&part, w, Align::Left), t.warn));
        }
    }
    if !dialog.excluded.is_empty() && dialog.is_en_bloc() {
        for part in wrap(d.excluded_hint, w) {
            out.push(Line::styled(fit(&part, w, Align::Left), t.muted));
        }
    }
    out.push(Line::raw(""));
    for field in dialog.fields() {
        match field {
            Field::Ballots => out.extend(ballot_lines(app, dialog, w, room)),
            _ => out.push(field_line(app, dialog, field, w)),
        }
    }
    out.push(Line::raw(""));
    let result =
        if dialog.cast() == 0 { d.no_votes_yet.to_string() } else { words::result_line(&dialog.result(), d) };
    let style = if dialog.cast() > 0 && dialog.result().carried { t.ok } else { Style::default() };
    for part in wrap(&format!("= {result}"), w) {
        out.push(Line::styled(fit(&part, w, Align::Left), style));
    }
    for problem in words::problems(dialog, d) {
        for part in wrap(&format!("✗ {problem}"), w) {
            out.push(Line::styled(fit(&part, w, Align::Left), t.bad));
        }
    }
    out
}

fn ids(items: &[crate::domain::Proposal], keep: impl Fn(Outcome) -> bool) -> Vec<String> {
    items.iter().filter(|p| keep(p.outcome)).map(|p| safe(&p.dossier).into_owned()).collect()
}

fn waiting(items: &[crate::domain::Proposal]) -> Vec<String> {
    items
        .iter()
        .filter_map(|p| match p.outcome {
            Outcome::WaitingList { position } => Some(format!("{position} {}", safe(&p.dossier))),
            _ => None,
        })
        .collect()
}

fn field_line(app: &App, dialog: &VoteDialog, field: Field, w: usize) -> Line<'static> {
    let d = app.strings().decision;
    let t = &app.theme;
    let focused = dialog.focus == field;
    let (label, value) = match field {
        Field::Motion => {
            let word = match (dialog.motion, dialog.outcome()) {
                (_, Some(outcome)) => words::motion(outcome, d),
                (Motion::Waiting, None) => d.motions[1].to_string(),
                (Motion::Admit, None) => d.motions[0].to_string(),
                (Motion::NotAdmit, None) => d.motions[2].to_string(),
            };
            (d.f_motion.to_string(), format!("‹ {word} ›"))
        }
        Field::Position => (d.f_position.to_string(), format!("[{:>4}]", dialog.position)),
        Field::Yes => (d.f_yes.to_string(), format!("[{:>4}]", dialog.yes)),
        Field::No => (d.f_no.to_string(), format!("[{:>4}]", dialog.no)),
        Field::Abstain => (d.f_abstain.to_string(), format!("[{:>4}]", dialog.abstain)),
        Field::Chair => {
            let choice = match dialog.chair {
                Some(Ballot::Yes) => d.chair_choices[0],
                Some(Ballot::No) => d.chair_choices[1],
                Some(Ballot::Abstain) => d.chair_choices[2],
                None => d.chair_choices[3],
            };
            (d.f_chair.to_string(), format!("‹ {choice} ›"))
        }
        Field::Rationale => {
            let why = words::rationale_reasons(dialog, d);
            let mark = if why.is_empty() {
                format!("({})", d.optional_mark)
            } else {
                format!("({}: {})", d.required_mark, why.join(", "))
            };
            (format!("{} {mark}", d.f_rationale), safe(dialog.rationale.text()).into_owned())
        }
        Field::Ballots => (d.f_by_name.to_string(), String::new()),
    };
    let marker = if focused { "▶ " } else { "  " };
    if field == Field::Rationale {
        // The rationale runs on the line below its label when it is long.
        let head = format!("{marker}{label}: ");
        let text = format!("{head}{value}");
        return Line::from(vec![Span::styled(
            fit(&text, w, Align::Left),
            if focused { t.selected } else { Style::default() },
        )]);
    }
    let head = fit(&format!("{marker}{label}"), LABEL, Align::Left);
    let value_style = if focused { t.selected } else { Style::default() };
    let rest = w.saturating_sub(LABEL);
    Line::from(vec![Span::raw(head), Span::styled(fit(&value, rest, Align::Left), value_style)])
}

/// The list by name: each eligible voter with their ballot, a window of
/// `room` rows around the selected one.
fn ballot_lines(app: &App, dialog: &VoteDialog, w: usize, room: usize) -> Vec<Line<'static>> {
    let d = app.strings().decision;
    let t = &app.theme;
    let focused = dialog.focus == Field::Ballots;
    let mut out = vec![Line::raw(fit(
        &format!("{}{}", if focused { "▶ " } else { "  " }, d.f_by_name),
        w,
        Align::Left,
    ))];
    let room = room.saturating_sub(1).max(1);
    let start =
        dialog.member.saturating_sub(room.saturating_sub(1)).min(dialog.ballots.len().saturating_sub(room));
    for (i, (member, ballot)) in dialog.ballots.iter().enumerate().skip(start).take(room) {
        // The name gives way, never the chair's tag: it says whose vote
        // decides a tie.
        // The widest ballot word ("nicht abgestimmt") and the marks beside
        // the name need about 24 cells; the name has the rest.
        let longest = dialog
            .ballots
            .iter()
            .filter_map(|(m, _)| app.session().member(m))
            .map(|m| {
                width(&m.name) + if m.role == crate::domain::Role::Chair { width(d.chair_tag) } else { 0 }
            })
            .max()
            .unwrap_or(0);
        let room = longest.max(LABEL + 8).min(w.saturating_sub(24).max(LABEL + 8));
        let name = app
            .session()
            .member(member)
            .map(|m| {
                let tag = if m.role == crate::domain::Role::Chair { d.chair_tag } else { "" };
                let name = fit(&safe(&m.name), room.saturating_sub(width(tag)), Align::Left);
                format!("{}{tag}", name.trim_end())
            })
            .unwrap_or_default();
        let word = match ballot {
            Some(Ballot::Yes) => d.ballots[0],
            Some(Ballot::No) => d.ballots[1],
            Some(Ballot::Abstain) => d.ballots[2],
            None => d.ballots[3],
        };
        let here = focused && i == dialog.member;
        let text = format!("    {} {} {word}", if here { "›" } else { " " }, fit(&name, room, Align::Left));
        out.push(Line::styled(fit(&text, w, Align::Left), if here { t.selected } else { Style::default() }));
    }
    out
}
