//! The result of the session (*Ergebnis*): the decisions as they stand —
//! the admission list with each dossier's rank and funding requested, the
//! waiting list by position, not admitted, deferred, and what is still
//! undecided — with the money admitted against the budget. From
//! `rules::decided`, the same lists the decision screen and the export use.

use super::context::{Context, fill, para, table};
use super::{Block, Inline, Section};
use crate::rules::{decided_with, ranking};

pub fn section(cx: &Context) -> Section {
    let t = cx.t;
    let computed;
    let ranking = match cx.ranking {
        Some(kept) => kept,
        None => {
            computed = ranking(cx.state);
            &computed
        }
    };
    let list = decided_with(cx.state, ranking);
    let rank = |d: &str| ranking.get(d).map(|r| r.rank.to_string()).unwrap_or_else(|| t.not_given.into());
    let mut blocks = Vec::new();
    part(cx, &mut blocks, t.res_admitted, t.res_header[0], ranked(&list.admitted, &rank));
    let waiting = list.waiting.iter().map(|(p, d)| (p.to_string(), d.as_str())).collect();
    part(cx, &mut blocks, t.res_waiting, t.res_position, waiting);
    // Ties ordered by lot: the order and the seed, so anyone can repeat it.
    for lot in &cx.state.proceedings.lots {
        let order = lot.order.join(t.lot_before);
        blocks.push(para(fill(
            t.res_lot,
            &[("clock", &cx.clock(lot.at)), ("order", &order), ("seed", &lot.seed)],
        )));
    }
    part(cx, &mut blocks, t.res_not_admitted, t.res_header[0], ranked(&list.not_admitted, &rank));
    part(cx, &mut blocks, t.res_deferred, t.res_header[0], ranked(&list.deferred, &rank));
    if !list.undecided.is_empty() {
        let (n, items) = (list.undecided.len().to_string(), list.undecided.join(", "));
        blocks.push(para(fill(t.res_undecided, &[("n", &n), ("items", &items)])));
    }
    blocks.push(Block::Fields(money(cx, list.admitted.len(), list.admitted_eur, list.remaining_eur)));
    Section { level: 1, heading: t.sec_result.to_string(), anchor: None, blocks }
}

fn ranked<'a>(ids: &'a [String], rank: &impl Fn(&str) -> String) -> Vec<(String, &'a str)> {
    ids.iter().map(|d| (rank(d), d.as_str())).collect()
}

/// A list under its heading: first column (rank or position), id,
/// municipality, funding requested; "keine" when empty.
fn part(cx: &Context, blocks: &mut Vec<Block>, heading: &str, first: &str, rows: Vec<(String, &str)>) {
    let t = cx.t;
    blocks.push(Block::Paragraph(vec![Inline::Strong(heading.to_string())]));
    if rows.is_empty() {
        blocks.push(para(t.res_none));
        return;
    }
    let rows = rows
        .into_iter()
        .map(|(first, d)| {
            let dossier = cx.find_dossier(d);
            vec![
                first,
                d.to_string(),
                dossier.map(|x| x.municipality.clone()).unwrap_or_else(|| t.not_given.into()),
                dossier.map(|x| cx.money(x.funding.requested_eur)).unwrap_or_else(|| t.not_given.into()),
            ]
        })
        .collect();
    let header = [first, t.res_header[1], t.res_header[2], t.res_header[3]];
    blocks.push(table(&header, &[true, false, false, true], rows));
}

/// Admissions against the maximum, the sum admitted, the budget, and what
/// remains or by how much it is exceeded.
fn money(cx: &Context, count: usize, admitted_eur: u64, remaining_eur: i64) -> Vec<(String, String)> {
    let t = cx.t;
    let budget = &cx.def.budget;
    let mut fields = Vec::new();
    let count_text = match budget.max_admissions {
        Some(max) => {
            let mut s = fill(t.count_of, &[("count", &count.to_string()), ("max", &max.to_string())]);
            if count > max as usize {
                s.push_str(t.count_over);
            }
            s
        }
        None => count.to_string(),
    };
    fields.push((t.f_count.to_string(), count_text));
    fields.push((t.f_admitted_eur.to_string(), cx.money(admitted_eur)));
    fields.push((t.f_available.to_string(), cx.money(budget.available_eur)));
    if remaining_eur >= 0 {
        fields.push((t.f_remaining.to_string(), cx.money(remaining_eur.unsigned_abs())));
    } else {
        let over = t.excess.replace("{}", &cx.money(remaining_eur.unsigned_abs()));
        fields.push((t.f_excess.to_string(), over));
    }
    fields
}
