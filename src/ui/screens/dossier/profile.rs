//! The text tabs: Überblick, Missstände, Konzept, Beteiligung, Hinweise.

use crate::domain::{Dossier, IsekStatus, QuarterManagement};
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::strings::Strings;
use crate::ui::widgets::doc::Doc;

fn or_dash(s: &Strings, v: Option<&str>) -> String {
    v.map(str::to_string).unwrap_or_else(|| s.not_given.to_string())
}

fn yes_no(s: &Strings, v: Option<bool>) -> String {
    match v {
        Some(true) => s.yes.into(),
        Some(false) => s.no.into(),
        None => s.not_given.into(),
    }
}

pub fn profile(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let lang = app.language();
    doc.field(s.f_id, &d.id);
    doc.field(s.f_municipality, &d.municipality);
    doc.field(s.f_ags, &or_dash(s, d.ags.as_deref()));
    doc.field(s.f_county, &or_dash(s, d.county.as_deref()));
    doc.field(s.f_region, &or_dash(s, d.region.as_deref()));
    doc.field(s.f_space, if d.rural { s.rural } else { s.urban });
    doc.field(
        s.f_submitted,
        &d.submitted.map(|x| format::date(x, lang)).unwrap_or_else(|| s.not_given.into()),
    );
    doc.heading(s.f_area);
    doc.field(s.f_area, &d.area.name);
    let hectares = d.area.hectares.map(|h| format!("{} ha", format::decimal(h, 2, lang)));
    doc.field(s.f_hectares, &or_dash(s, hectares.as_deref()));
    let residents = d.area.residents.map(|r| format::integer(r, lang));
    doc.field(s.f_residents, &or_dash(s, residents.as_deref()));
    doc.field(s.f_kind, &or_dash(s, d.area.kind.as_deref()));
    doc.heading(s.f_summary);
    doc.paragraph(&d.summary);
    doc.heading(s.f_contact);
    match &d.contact {
        Some(c) => {
            doc.field(s.f_contact, &c.name);
            doc.field(s.f_role, &or_dash(s, c.role.as_deref()));
            doc.field(s.f_email, &or_dash(s, c.email.as_deref()));
            doc.field(s.f_phone, &or_dash(s, c.phone.as_deref()));
        }
        None => doc.paragraph(s.not_given),
    }
    doc.heading(s.f_conflicts);
    let session = app.session();
    let mut any = false;
    for c in session.conflicts_for_dossier(&d.id) {
        any = true;
        let who = match session.member(&c.member) {
            Some(m) => match &m.organisation {
                Some(org) => format!("{} ({org})", m.name),
                None => m.name.clone(),
            },
            None => c.member.clone(),
        };
        let reason = c.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
        doc.indented(&format!("{who}{reason}"), "⚑ ", "  ");
    }
    for ((member, dossier), live) in &app.state().proceedings.live_conflicts {
        if dossier != &d.id {
            continue;
        }
        any = true;
        let who = session.member(member).map(|m| m.name.clone()).unwrap_or_else(|| member.clone());
        let reason = live.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
        let at = format::time(live.at, app.language());
        doc.indented(&format!("{who}{reason} ({} {at})", s.att.declared_at), "⚑ ", "  ");
    }
    if !any {
        doc.paragraph(s.none_declared);
    }
    for sug in app.conflict_suggestions().iter().filter(|x| x.dossier == d.id) {
        let who = session.member(&sug.member).map_or_else(|| sug.member.clone(), |m| m.name.clone());
        let text = s
            .suggested_conflict
            .replace("{member}", &who)
            .replace("{basis}", sug.text())
            .replace("{name}", &sug.name);
        doc.indented(&text, "⚑? ", "   ");
    }
}

pub fn deficits(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    if d.deficits.is_empty() {
        doc.paragraph(s.no_deficits);
    }
    for deficit in &d.deficits {
        doc.bullet(deficit);
    }
}

pub fn isek_label(s: &Strings, status: IsekStatus) -> &'static str {
    let i = match status {
        IsekStatus::Adopted => 0,
        IsekStatus::Draft => 1,
        IsekStatus::Resolution => 2,
        IsekStatus::None => 3,
    };
    s.isek_status[i]
}

pub fn concept(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let Some(c) = &d.concept else {
        doc.paragraph(s.no_concept);
        return;
    };
    let mark = match c.isek {
        IsekStatus::Adopted => "✓",
        IsekStatus::Draft | IsekStatus::Resolution => "◐",
        IsekStatus::None => "✗",
    };
    doc.field(s.f_isek, &format!("{mark} {}", isek_label(s, c.isek)));
    let date = c.isek_date.map(|x| format::date(x, app.language()));
    doc.field(s.f_isek_date, &or_dash(s, date.as_deref()));
    doc.heading(s.f_fields_of_action);
    if c.fields_of_action.is_empty() {
        doc.paragraph(s.not_given);
    }
    for f in &c.fields_of_action {
        doc.bullet(f);
    }
    doc.heading(s.f_climate);
    doc.paragraph(&or_dash(s, c.climate.as_deref()));
    doc.heading(s.f_citywide);
    doc.paragraph(&or_dash(s, c.citywide.as_deref()));
}

pub fn participation(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let Some(p) = &d.participation else {
        doc.paragraph(s.no_participation);
        return;
    };
    let (mark, i) = match p.quarter_management {
        QuarterManagement::Existing => ("✓", 0),
        QuarterManagement::Planned => ("◐", 1),
        QuarterManagement::None => ("✗", 2),
    };
    doc.field(s.f_quarter_management, &format!("{mark} {}", s.quarter_management[i]));
    doc.field(s.f_local_partnership, &yes_no(s, p.local_partnership));
    doc.heading(s.f_formats);
    if p.formats.is_empty() {
        doc.paragraph(s.not_given);
    }
    for f in &p.formats {
        doc.bullet(f);
    }
}

pub fn notes(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    doc.heading(s.f_notes);
    match &d.notes {
        Some(n) => doc.paragraph(n),
        None => doc.paragraph(s.no_notes),
    }
    doc.heading(s.f_attachments);
    if d.attachments.is_empty() {
        doc.paragraph(s.no_attachments);
    }
    for a in &d.attachments {
        doc.indented(&format!("{} ({})", a.title, a.path), "• ", "  ");
    }
    // What members shared in their ballots on this dossier, in the order
    // the ballots were imported.
    let mut ballots: Vec<_> = app.state().proceedings.ballots.values().collect();
    ballots.sort_by_key(|b| b.seq);
    let remarks: Vec<String> = ballots
        .iter()
        .flat_map(|b| {
            let who = crate::ui::describe::member_name(app.session(), &b.import.member);
            b.import.remarks.iter().filter(|r| r.dossier == d.id).map(move |r| format!("{who}: {}", r.text))
        })
        .collect();
    if !remarks.is_empty() {
        doc.heading(s.f_ballot_remarks);
        for r in &remarks {
            doc.indented(r, "• ", "  ");
        }
    }
}
