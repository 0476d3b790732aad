//! Drawing the attendance screen: who is there, the invitation finding,
//! the member list with conflicts beneath each member, and the line where
//! a time or a conflict is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Entry;
use crate::domain::{Member, Role, SessionState};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::widgets::doc::{Align, fit, safe, width, wrap};

/// Column widths: the organisation takes what is left.
struct Columns {
    name: usize,
    organisation: usize,
    role: usize,
    vote: usize,
    status: usize,
}

impl Columns {
    /// Names get the room of the longest one (names are never cut where
    /// the screen has room); the organisation takes what is left, and the
    /// selected member's stands in full below the list.
    fn new(total: usize, app: &App) -> Columns {
        let longest = app.session().definition.members.iter().map(|m| width(&m.name)).max().unwrap_or(0);
        let status = if total >= 110 { 34 } else { 28 };
        let name = longest.clamp(12, if total >= 110 { 32 } else { 24 });
        let (role, vote) = (9, 6);
        let organisation = total.saturating_sub(2 + 4 + name + role + vote + status);
        Columns { name, organisation, role, vote, status }
    }
}

/// The selected member in full: name, organisation, role and vote, on up
/// to two lines.
fn detail(app: &App, total: usize) -> Vec<Line<'static>> {
    let att = app.strings().att;
    let Some(m) = app.session().definition.members.get(app.attendance.selected()) else { return Vec::new() };
    let vote = if m.is_voting() { att.votes_yes } else { att.votes_no };
    let mut text = format!("▶ {}", safe(&m.name));
    if let Some(org) = m.organisation.as_deref().filter(|o| !o.is_empty()) {
        text.push_str(&format!(" · {}", safe(org)));
    }
    text.push_str(&format!(" · {} · {}: {vote}", role(app, m), att.col_vote));
    let mut lines: Vec<Line<'static>> =
        wrap(&text, total).into_iter().map(|l| Line::styled(l, app.theme.label)).collect();
    // A suggested conflict takes the last line.
    let suggestion = app.conflict_suggestions().iter().find(|s| s.member == m.id);
    if let Some(s) = suggestion {
        lines.truncate(DETAIL_LINES - 1);
        let basis = match s.basis {
            crate::rules::Basis::Organisation(_) => att.basis_organisation,
            crate::rules::Basis::Reason(_) => att.basis_reason,
        };
        let text = att
            .suggestion
            .replace("{dossier}", &safe(&s.dossier))
            .replace("{basis}", basis)
            .replace("{name}", &safe(&s.name));
        lines.push(Line::styled(
            crate::ui::widgets::doc::fit(&text, total, crate::ui::widgets::doc::Align::Left),
            app.theme.bad,
        ));
    }
    lines.truncate(DETAIL_LINES);
    lines
}

/// Lines under the list for the selected member.
pub const DETAIL_LINES: usize = 2;

fn inner(body: Rect) -> Rect {
    Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body }
}

/// Where a member stands, in words and with a symbol.
pub fn status(app: &App, member: &str) -> (String, Style) {
    let att = app.strings().att;
    let t = &app.theme;
    let lang = app.language();
    let Some(a) = app.state().proceedings.attendance.get(member) else {
        return (att.unrecorded.to_string(), t.muted);
    };
    // Excluded from the item being dealt with: out of the room for it
    // (§ 20 Abs. 4 VwVfG).
    let current = app.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.clone());
    let out = current.filter(|d| a.is_present() && app.state().is_conflicted(member, d));
    match a.periods.last() {
        Some(_) if out.is_some() => (att.out_of_room.to_string(), t.warn),
        Some(p) if p.until.is_none() => {
            let late = if p.late { format!(" {}", att.late) } else { String::new() };
            (format!("{} {}{late}", att.present_since, format::time(p.from, lang)), t.ok)
        }
        Some(p) => {
            let until = p.until.map(|u| format::time(u, lang)).unwrap_or_default();
            (format!("{} {until}", att.left), t.warn)
        }
        None if a.marked_absent.is_some() => (att.absent.to_string(), t.bad),
        None => (att.unrecorded.to_string(), t.muted),
    }
}

fn role(app: &App, m: &Member) -> &'static str {
    let roles = &app.strings().att.roles;
    match m.role {
        Role::Chair => roles[0],
        Role::Member => roles[1],
        Role::Advisory => roles[2],
    }
}

/// A member's conflicts: pre-declared first, then those declared live.
pub fn conflicts(app: &App, member: &str) -> Vec<String> {
    let att = app.strings().att;
    let state: &SessionState = app.state();
    let mut out = Vec::new();
    for c in app.session().conflicts_for_member(member) {
        let reason = c.reason.as_deref().map(|r| format!(": {}", safe(r))).unwrap_or_default();
        out.push(format!("⚑ {}{reason} ({})", safe(&c.dossier), att.pre_declared));
    }
    for ((m, dossier), live) in &state.proceedings.live_conflicts {
        if m == member {
            let reason = live.reason.as_deref().map(|r| format!(": {}", safe(r))).unwrap_or_default();
            let at = format::time(live.at, app.language());
            out.push(format!("⚑ {}{reason} ({} {at})", safe(dossier), att.declared_at));
        }
    }
    out
}

/// The member list as lines, and the first line of each member.
fn list(app: &App, total: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let s = app.strings();
    let att = s.att;
    let t = &app.theme;
    let cols = Columns::new(total, app);
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for (i, m) in app.session().definition.members.iter().enumerate() {
        starts.push(lines.len());
        let selected = i == app.attendance.selected();
        let plain = |style: Style| if selected { Style::new() } else { style };
        let (status, status_style) = status(app, &m.id);
        let organisation = m.organisation.as_deref().unwrap_or("");
        let vote = if m.is_voting() { att.votes_yes } else { att.votes_no };
        let spans = vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::styled(fit(&m.name, cols.name, Align::Left), plain(t.base)),
            Span::raw(" "),
            Span::styled(fit(organisation, cols.organisation, Align::Left), plain(t.muted)),
            Span::raw(" "),
            Span::styled(fit(role(app, m), cols.role, Align::Left), plain(t.base)),
            Span::raw(" "),
            Span::styled(fit(vote, cols.vote, Align::Left), plain(t.base)),
            Span::raw(" "),
            Span::styled(fit(&status, cols.status, Align::Left), plain(status_style)),
        ];
        let line = Line::from(spans);
        lines.push(if selected { line.style(t.selected) } else { line });
        for c in conflicts(app, &m.id) {
            lines.push(Line::styled(fit(&format!("    {c}"), total, Align::Left), t.warn));
        }
    }
    (lines, starts)
}

/// Lines of the member list at the current terminal width.
pub fn list_len(app: &App) -> usize {
    let body = crate::ui::body_area(app.size);
    list(app, usize::from(inner(body).width)).0.len()
}

/// The first list line of each member at the current terminal width.
pub fn member_lines(app: &App) -> Vec<usize> {
    let body = crate::ui::body_area(app.size);
    list(app, usize::from(inner(body).width)).1
}

fn summary(app: &App) -> String {
    let att = app.strings().att;
    let def = &app.session().definition;
    let state = app.state();
    let present = def.members.iter().filter(|m| state.is_present(&m.id)).count();
    let voting = def.voting_members().filter(|m| state.is_present(&m.id)).count();
    att.summary
        .replace("{present}", &present.to_string())
        .replace("{members}", &def.members.len().to_string())
        .replace("{voting}", &voting.to_string())
        .replace("{voting_members}", &def.voting_members().count().to_string())
}

/// The box in which a time or a conflict is typed: what is asked, the
/// dossier the typed text names so far, the whole text with its cursor.
fn render_entry(app: &App, frame: &mut Frame, body: Rect, entry: &Entry) {
    let att = app.strings().att;
    let name = |id: &str| app.session().member(id).map(|m| safe(&m.name).into_owned()).unwrap_or_default();
    let dossier_name = |id: &str| {
        let municipality = app.session().dossier(id).map(|d| safe(&d.municipality).into_owned());
        match municipality {
            Some(m) => format!("{} – {m}", safe(id)),
            None => safe(id).into_owned(),
        }
    };
    let (prompt, hint) = match entry {
        Entry::Time(_) => (att.time_prompt.to_string(), None),
        Entry::Dossier { member, text, decide } => {
            let order = &app.state().proceedings.agenda.order;
            let fallback = super::entry::suggested_dossier(app, member);
            let found = super::match_dossier(app.session(), order, text.text(), fallback.as_deref());
            let prompt = if *decide { att.decide_prompt } else { att.conflict_prompt };
            (prompt.replace("{}", &name(member)), found.map(|d| format!("→ {}", dossier_name(&d))))
        }
        // The title names who and where; what to type stands inside the
        // box, where it is not cut at 80 columns.
        Entry::Counts { member, dossier, .. } => (
            format!("{} · {}", att.decide_prompt.replace("{}", &name(member)), dossier_name(dossier)),
            Some(att.counts_prompt.to_string()),
        ),
        Entry::Reason { member, dossier, .. } => (
            format!(
                "{} · {}: {}",
                att.conflict_prompt.replace("{}", &name(member)),
                dossier_name(dossier),
                att.reason_prompt
            ),
            None,
        ),
    };
    let intro: Vec<String> = hint.into_iter().collect();
    crate::ui::widgets::prompt_box::render_prompt(app, frame, body, &prompt, &intro, entry.field());
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = inner(body);
    let [top, invited, header, list_area, detail_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(DETAIL_LINES as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    let s = app.strings();
    let att = s.att;
    let t = &app.theme;
    let total = usize::from(area.width);
    frame.render_widget(Paragraph::new(Line::raw(fit(&summary(app), total, Align::Left))), top);

    let (text, style) =
        if app.state().proceedings.duly_invited { (att.invited_yes, t.ok) } else { (att.invited_no, t.bad) };
    let mut spans = vec![Span::styled(text.to_string(), style)];
    let confirm_key = app.keymap.effective_keys(crate::ui::keymap::Scope::Attendance, Action::ConfirmInvited);
    if let (false, Some(key)) = (app.state().proceedings.duly_invited, confirm_key.first()) {
        spans.push(Span::styled(format!("  [{} {}]", key.label(s), att.confirm_invited), t.footer_key));
    }
    if let Some(at) = app.attendance.pending_time() {
        spans.push(Span::raw("  ·  "));
        spans.push(Span::styled(
            format!("{}: {}", att.pending_time, format::time(at, app.language())),
            t.search,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), invited);

    let cols = Columns::new(total, app);
    let head = [
        (att.col_name, cols.name),
        (att.col_organisation, cols.organisation),
        (att.col_role, cols.role),
        (att.col_vote, cols.vote),
        (att.col_status, cols.status),
    ];
    let mut spans = vec![Span::raw("  ")];
    for (i, (text, w)) in head.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(fit(text, *w, Align::Left), t.heading));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    let (lines, _) = list(app, total);
    let visible: Vec<Line> =
        lines.into_iter().skip(app.attendance.offset()).take(usize::from(list_area.height)).collect();
    frame.render_widget(Paragraph::new(visible), list_area);

    frame.render_widget(Paragraph::new(detail(app, total)), detail_area);
    let last = Line::styled(fit(att.legend, total, Align::Left), t.muted);
    frame.render_widget(Paragraph::new(last), bottom);
    if let Some(entry) = app.attendance.entry() {
        render_entry(app, frame, body, entry);
    }
}
