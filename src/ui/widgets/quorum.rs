//! Quorum in words (§ 90 VwVfG), for the header of every screen and for
//! each agenda item: a symbol and words, never colour alone.

use crate::rules::{Quorum, item_quorum, session_quorum};
use crate::ui::app::App;
use crate::ui::strings::Strings;

/// "✓ beschlussfähig 6/8 (mind. 5)" or
/// "✗ nicht beschlussfähig: 4/8, mind. 5; Ladung nicht bestätigt".
pub fn session_text(q: &Quorum, s: &Strings) -> String {
    let att = s.att;
    if q.reached() {
        return format!("{} {}/{} ({} {})", att.quorate, q.present, q.voting_members, att.min, q.required);
    }
    let mut text =
        format!("{}: {}/{}, {} {}", att.not_quorate, q.present, q.voting_members, att.min, q.required);
    if !q.duly_invited {
        text.push_str(&format!("; {}", att.not_invited));
    }
    text
}

/// "✗ Punkt nicht beschlussfähig: 4 von mind. 5 ohne Befangenheit anwesend".
pub fn item_text(q: &Quorum, s: &Strings) -> String {
    let att = s.att;
    let lead = if q.reached() { att.item_quorate } else { att.item_not_quorate };
    let counts = att
        .item_counts
        .replace("{present}", &q.present.to_string())
        .replace("{required}", &q.required.to_string());
    let mut text = format!("{lead}: {counts}");
    if !q.duly_invited {
        text.push_str(&format!("; {}", att.not_invited));
    }
    text
}

/// The session's quorum as the header shows it, and whether it is reached.
pub fn session(app: &App) -> (String, bool) {
    let q = session_quorum(app.state());
    (session_text(&q, app.strings()), q.reached())
}

/// One item's quorum in words, and whether it is reached.
pub fn item(app: &App, dossier: &str) -> (String, bool) {
    let q = item_quorum(app.state(), dossier);
    (item_text(&q, app.strings()), q.reached())
}
