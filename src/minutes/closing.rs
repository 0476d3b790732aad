//! The last parts: the chair's notes that are not about one item, the
//! result of the session (`result.rs`), the sign-off with any amendments after it, and the lines to sign on.

use super::context::{Context, fill, para, table};
use super::{Block, Note, Section, Signatures, Signer};
use crate::domain::{Description, EventKind};

/// How many sections the closing has.
pub const SECTIONS: usize = 4;
/// The result's place among them (the one that needs the ranking).
pub const RESULT: usize = 1;

/// The closing's section `i` (below [`SECTIONS`]).
pub fn section_at(cx: &Context, i: usize) -> Option<Section> {
    match i {
        0 => Some(notes(cx)),
        RESULT => Some(super::result::section(cx)),
        2 => Some(sign_off(cx)),
        3 => Some(signatures(cx)),
        _ => None,
    }
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section { level: 1, heading: heading.to_string(), anchor: None, blocks }
}

fn notes(cx: &Context) -> Section {
    let t = cx.t;
    let notes = &cx.timeline.general_notes;
    let blocks = if notes.is_empty() {
        vec![para(t.no_notes)]
    } else {
        notes
            .iter()
            .map(|(seq, at, text)| {
                Block::Note(Note {
                    seq: *seq,
                    lead: t.note_lead.replace("{clock}", &cx.clock(*at)),
                    text: text.clone(),
                })
            })
            .collect()
    };
    section(t.sec_notes, blocks)
}

fn sign_off(cx: &Context) -> Section {
    let t = cx.t;
    let p = &cx.state.proceedings;
    let mut blocks = vec![match &p.signed_off {
        Some(s) => para(fill(t.signed, &[("when", &cx.stamp(s.at)), ("name", &cx.member(&s.by))])),
        None => para(t.not_signed),
    }];
    if !p.amendments.is_empty() {
        let rows = p
            .amendments
            .iter()
            .map(|a| vec![cx.stamp(a.at), a.reason.clone(), change(cx, &a.change)])
            .collect();
        blocks.push(table(&t.amendments_header, &[false; 3], rows));
    } else if p.signed_off.is_some() {
        blocks.push(para(t.no_amendments));
    }
    section(t.sec_signoff, blocks)
}

/// An amended change in words: "Eingetroffen: R. Falkenhain, 10:05 Uhr".
fn change(cx: &Context, kind: &EventKind) -> String {
    let d: Description = kind.describe();
    let name = d.action.map(|a| cx.t.events[a.index()]).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    if let Some(dossier) = &d.dossier {
        parts.push(dossier.clone());
    }
    if !d.dossiers.is_empty() {
        parts.push(d.dossiers.join(", "));
    }
    if let Some(member) = &d.member {
        parts.push(cx.member(member));
    }
    if let Some(criterion) = &d.criterion {
        parts.push(criterion.clone());
    }
    if let Some(value) = d.value {
        parts.push(cx.number(value));
    }
    if let Some(at) = d.at {
        parts.push(cx.clock(at));
    }
    if let Some(text) = &d.text {
        parts.push(cx.t.quoted.replace("{}", text));
    }
    if parts.is_empty() { name.to_string() } else { format!("{name}: {}", parts.join(", ")) }
}

fn signatures(cx: &Context) -> Section {
    let t = cx.t;
    let mut signers = Vec::new();
    if let Some(chair) = cx.def.chair() {
        signers.push(Signer { role: t.sig_chair.to_string(), name: chair.name.clone() });
    }
    if let Some(secretary) = &cx.def.secretary {
        signers.push(Signer { role: t.sig_secretary.to_string(), name: secretary.clone() });
    }
    let block = Block::Signatures(Signatures {
        place_date: t.place_date.to_string(),
        signature: t.signature.to_string(),
        signers,
    });
    section(t.sec_signatures, vec![block])
}
