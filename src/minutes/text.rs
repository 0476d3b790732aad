//! The words of the minutes, one table per session language. The screens'
//! tables (`ui/strings`) are for the screens; the minutes follow the
//! session's language whatever language the screens are in.
//!
//! Placeholders in braces (`{name}`, `{clock}` …) are filled in by the
//! builder; `{}` stands for the one value of a short pattern.

mod de;
mod en;

use crate::domain::Language;

/// The table for a session language.
pub fn text(lang: Language) -> &'static Text {
    match lang {
        Language::De => &de::DE,
        Language::En => &en::EN,
    }
}

#[derive(Debug)]
pub struct Text {
    // The document.
    pub heading: &'static str,
    pub draft_mark: &'static str,
    pub status_draft: &'static str,
    pub status_signed: &'static str,
    pub clock: &'static str,
    pub date_time_sep: &'static str,
    pub not_given: &'static str,
    pub quoted: &'static str,
    pub duration: &'static str,
    pub criterion_short: &'static str,
    pub mean: &'static str,
    pub median: &'static str,
    // The session's particulars.
    pub sec_session: &'static str,
    pub f_committee: &'static str,
    pub f_programme: &'static str,
    pub f_date: &'static str,
    pub f_place: &'static str,
    pub f_began: &'static str,
    pub f_chair: &'static str,
    pub f_secretary: &'static str,
    // Invitation and quorum.
    pub sec_quorum: &'static str,
    pub invited_yes: &'static str,
    pub invited_no: &'static str,
    pub quorum_rule: &'static str,
    pub findings_header: [&'static str; 5],
    pub cause_roll_call: &'static str,
    pub cause_invited: &'static str,
    pub cause_present: &'static str,
    pub cause_absent: &'static str,
    pub cause_arrived: &'static str,
    pub cause_left: &'static str,
    pub present_of: &'static str,
    pub quorate: &'static str,
    pub not_quorate: &'static str,
    pub not_invited: &'static str,
    pub no_findings: &'static str,
    // Attendance.
    pub sec_attendance: &'static str,
    pub attendance_header: [&'static str; 4],
    /// Chair, member, advisory member.
    pub roles: [&'static str; 3],
    pub voting: &'static str,
    pub non_voting: &'static str,
    pub att_from: &'static str,
    pub att_period: &'static str,
    pub att_late: &'static str,
    pub att_absent: &'static str,
    pub att_unrecorded: &'static str,
    pub att_summary: &'static str,
    // Conflicts of interest.
    pub sec_conflicts: &'static str,
    pub conflicts_header: [&'static str; 4],
    pub declared_before: &'static str,
    pub conflicts_rule: &'static str,
    pub no_conflicts: &'static str,
    // How scores count.
    pub sec_basis: &'static str,
    pub basis_header: [&'static str; 3],
    pub basis_scale: &'static str,
    pub blind_yes: &'static str,
    pub blind_no: &'static str,
    // The agenda.
    pub sec_agenda: &'static str,
    pub agenda_header: [&'static str; 4],
    pub agenda_dealt: &'static str,
    pub agenda_deferred: &'static str,
    pub agenda_dealt_deferred: &'static str,
    pub agenda_open: &'static str,
    // The items dealt with.
    pub sec_items: &'static str,
    pub no_items: &'static str,
    pub item_heading: &'static str,
    pub f_requested: &'static str,
    pub f_called: &'static str,
    pub call_range: &'static str,
    pub call_open: &'static str,
    pub not_called: &'static str,
    pub f_duration: &'static str,
    pub f_item_quorum: &'static str,
    pub item_quorum: &'static str,
    pub f_not_taking_part: &'static str,
    pub nobody: &'static str,
    pub conflict_before: &'static str,
    pub conflict_live: &'static str,
    pub round_revealed: &'static str,
    pub round_early: &'static str,
    pub round_counts: &'static str,
    pub round_opened: &'static str,
    pub round_running: &'static str,
    pub round_incomplete: &'static str,
    pub col_member: &'static str,
    pub spread: &'static str,
    pub disagreement: &'static str,
    pub total: &'static str,
    pub no_total: &'static str,
    pub not_counted: &'static str,
    pub deferred: &'static str,
    pub deferred_reason: &'static str,
    pub note_lead: &'static str,
    // Closing.
    pub sec_notes: &'static str,
    pub no_notes: &'static str,
    pub sec_signoff: &'static str,
    pub signed: &'static str,
    pub not_signed: &'static str,
    pub amendments_header: [&'static str; 3],
    pub no_amendments: &'static str,
    /// Names of recorded events, in the order of `domain::describe::Action`.
    pub events: [&'static str; 24],
    pub sec_signatures: &'static str,
    pub place_date: &'static str,
    pub signature: &'static str,
    pub sig_chair: &'static str,
    pub sig_secretary: &'static str,
}
