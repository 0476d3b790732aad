//! The decision screen's list of agenda dossiers, with the decided lists
//! beside it (wide terminals) or summed up below it (narrow ones).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Outcome;
use crate::rules::Ranking;
use crate::ui::app::App;
use crate::ui::format::decimal;
use crate::ui::screens::Screen;
use crate::ui::widgets::decided;
use crate::ui::widgets::doc::{Align, fit, safe};

/// From this width the decided lists stand beside the list.
const WIDE: u16 = 110;
const PANEL: u16 = 44;

/// Rows of the list for a terminal size: the body minus the title, the
/// column heading, the legend and (narrow) the two summary lines.
pub fn page_height(size: Size) -> usize {
    let body = crate::ui::body_area(size);
    let extra = if body.width >= WIDE { 3 } else { 5 };
    usize::from(body.height.saturating_sub(extra))
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list_area, panel) = if body.width >= WIDE {
        let [l, p] = Layout::horizontal([Constraint::Min(0), Constraint::Length(PANEL)]).areas(body);
        (l, Some(p))
    } else {
        (body, None)
    };
    let [top, rows_area, bottom] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(if panel.is_some() { 1 } else { 3 }),
    ])
    .areas(list_area);
    let w = usize::from(list_area.width);
    let s = app.strings();
    let d = s.decision;
    let t = &app.theme;
    let list = app.decided();
    let order = &app.state().proceedings.agenda.order;
    let open = list.undecided.len();
    let progress = d
        .progress
        .replace("{open}", &open.to_string())
        .replace("{decided}", &order.len().saturating_sub(open).to_string());
    let title = format!("{} · {progress}", Screen::Decision.title(s));
    let cols = Columns::new(w);
    let heading =
        cols.line(["", d.col_rank, d.col_total, s.col_id, d.col_proposal, d.col_decision, d.col_vote, ""]);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(fit(&title, w, Align::Left), t.heading),
            Line::styled(heading, t.label),
        ]),
        top,
    );

    let mut lines = Vec::new();
    if order.is_empty() {
        lines.push(Line::styled(d.no_items, t.muted));
    }
    let page = usize::from(rows_area.height);
    let start = app.decision.offset();
    for (i, id) in order.iter().enumerate().skip(start).take(page) {
        lines.push(row(app, app.ranking(), &cols, i, id));
    }
    frame.render_widget(Paragraph::new(lines), rows_area);

    let mut foot = Vec::new();
    if panel.is_none() {
        foot.extend(decided::summary(app, w));
    }
    foot.push(Line::styled(fit(d.legend, w, Align::Left), t.muted));
    frame.render_widget(Paragraph::new(foot), bottom);

    if let Some(panel) = panel {
        let block = Block::new().borders(Borders::LEFT).title(format!(" {} ", d.panel_title)).style(t.base);
        let inner = block.inner(panel);
        frame.render_widget(block, panel);
        let all = decided::lines(app, usize::from(inner.width));
        frame.render_widget(Paragraph::new(decided::cut(all, usize::from(inner.height), app)), inner);
    }
}

/// One dossier: rank, total, proposal, decision in words, the vote, ⚑.
fn row(app: &App, ranking: &Ranking, cols: &Columns, i: usize, id: &str) -> Line<'static> {
    let s = app.strings();
    let d = s.decision;
    let t = &app.theme;
    let lang = app.language();
    let selected = i == app.decision.selected();
    let ranked = ranking.get(id);
    let rank = ranked.map(|r| format!("{}{}", if r.tied { "=" } else { "" }, r.rank)).unwrap_or_default();
    let total = ranked.map(|r| decimal(r.total.value, 2, lang)).unwrap_or_default();
    let proposal = match ranking.proposed_outcome(id) {
        Some(Outcome::Admitted) => d.proposed[0].to_string(),
        Some(Outcome::WaitingList { position }) => format!("{} {position}", d.proposed[1]),
        Some(_) => d.proposed[2].to_string(),
        None => d.unranked.to_string(),
    };
    let entry = app.state().proceedings.decisions.get(id);
    // The last vote on this dossier alone, when it did not carry: the
    // motion was rejected and the item is still open.
    let rejected = app.state().proceedings.votes.iter().rev().find(
        |v| matches!(&v.vote.subject, crate::domain::VoteSubject::Dossier { dossier, .. } if dossier == id),
    );
    let rejected = rejected.filter(|v| !v.vote.carried && entry.is_none());
    let (decision, style) = match entry.map(|e| e.outcome) {
        None if rejected.is_some() => (d.motion_rejected.to_string(), t.warn),
        Some(Outcome::Admitted) => (d.decided[0].to_string(), t.ok),
        Some(Outcome::WaitingList { position }) => (format!("{} {position}", d.decided[1]), t.warn),
        Some(Outcome::NotAdmitted) => (d.decided[2].to_string(), t.bad),
        Some(Outcome::Deferred) => (d.decided[3].to_string(), t.muted),
        None => (d.decided[4].to_string(), t.muted),
    };
    let vote = entry
        .and_then(|e| e.vote)
        .and_then(|seq| app.state().proceedings.votes.iter().find(|v| v.seq == seq))
        .or(rejected)
        .map(|v| format!("{}:{}:{}", v.vote.yes, v.vote.no, v.vote.abstain))
        .unwrap_or_default();
    let flag = if entry.is_some_and(|e| e.departs_from_ranking) { d.departs } else { "" };
    let marker = if selected { "▶" } else { "" };
    let id = safe(id).into_owned();
    let texts = [marker, &rank, &total, &id, &proposal, &decision, &vote, flag];
    let base = if selected { t.selected } else { Style::default() };
    let spans: Vec<Span<'static>> = cols
        .cells(texts)
        .into_iter()
        .enumerate()
        .map(|(k, text)| Span::styled(text, if k == 5 && !selected { style } else { base }))
        .collect();
    Line::from(spans)
}

/// Column widths for the list at width `w`: the id takes what is left.
struct Columns {
    widths: [usize; 8],
}

impl Columns {
    fn new(w: usize) -> Columns {
        // The id gets what is left, so that at 120 columns ids of up to
        // 19 characters stand whole beside the decided lists.
        let fixed = [1, 4, 5, 0, 14, 19, 6, 1];
        let used: usize = fixed.iter().sum::<usize>() + 7;
        let id = w.saturating_sub(used).clamp(8, 26);
        let mut widths = fixed;
        widths[3] = id;
        Columns { widths }
    }

    fn cells(&self, texts: [&str; 8]) -> Vec<String> {
        let align = [
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
        ];
        texts
            .iter()
            .zip(self.widths)
            .zip(align)
            .enumerate()
            .map(|(k, ((text, w), a))| {
                let cell = fit(text, w, a);
                if k + 1 < 8 { format!("{cell} ") } else { cell }
            })
            .collect()
    }

    fn line(&self, texts: [&str; 8]) -> String {
        self.cells(texts).concat()
    }
}
