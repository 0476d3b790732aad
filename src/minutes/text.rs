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
    /// The page number in a printed page's margin: "{page}", "{pages}".
    pub page_of: &'static str,
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
    /// Who chaired an item; the deputy ("{name}"); nobody who could.
    pub f_chaired: &'static str,
    /// § 20 Abs. 4 VwVfG: "{name}", "{clock}", "{counts}" (yes:no:abstain).
    pub f_conflict_decided: &'static str,
    pub conflict_excluded: &'static str,
    pub conflict_not_excluded: &'static str,
    /// A second invitation (§ 90 Abs. 2 VwVfG): "{clock}".
    pub f_reinvited: &'static str,
    pub reinvited: &'static str,
    pub chaired_deputy: &'static str,
    pub chaired_nobody: &'static str,
    pub f_ended: &'static str,
    /// The end while the session is not signed off.
    pub not_ended: &'static str,
    /// The session file's date is not the day(s) the events happened on:
    /// "{planned}", "{held}".
    pub other_day: &'static str,
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
    /// Imported ballots (PRODUCT.md §11): heading, table header, the
    /// paragraph under it, "not signed", and the words for a dossier left
    /// out (conflict, revealed, scored in the session): "{dossier}".
    pub sec_ballots: &'static str,
    pub ballots_header: [&'static str; 6],
    pub ballots_rule: &'static str,
    pub ballot_unsigned: &'static str,
    /// "{time}, replacing the ballot of {before}".
    pub ballot_replaces: &'static str,
    pub ballot_left_out: [&'static str; 3],
    pub sec_conflicts: &'static str,
    pub conflicts_header: [&'static str; 4],
    pub declared_before: &'static str,
    pub conflicts_rule: &'static str,
    /// Lots drawn: "{clock}", "{order}" (ids joined by `lot_before`),
    /// "{seed}".
    pub res_lot: &'static str,
    pub lot_before: &'static str,
    /// The exception: a conflict declared after a vote.
    pub conflicts_late: &'static str,
    /// A conflict declared after a vote: "{member}", "{clock}".
    pub late_conflict: &'static str,
    pub late_revoted: &'static str,
    /// "{reason}"
    pub late_confirmed: &'static str,
    pub late_open: &'static str,
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
    // Votes and decisions.
    pub vote_heading: &'static str,
    pub motion: &'static str,
    pub motion_en_bloc: &'static str,
    pub motion_worded: &'static str,
    /// A motion's outcome: admitted, waiting list (`{position}`), not
    /// admitted, deferred.
    pub outcome_motion: [&'static str; 4],
    /// What a resolution does to a dossier, in the same order.
    pub outcome_resolution: [&'static str; 4],
    /// One, several eligible voters present.
    pub vote_quorum: [&'static str; 2],
    pub counts: &'static str,
    /// One, several abstentions.
    pub abstentions: [&'static str; 2],
    /// Simple, absolute (`{needed}` of `{eligible}`), two thirds
    /// (`{needed}` of `{cast}`).
    pub majority: [&'static str; 3],
    pub reached: &'static str,
    pub missed: &'static str,
    pub tie_chair: &'static str,
    pub tie_rejected: &'static str,
    pub no_yes_no: &'static str,
    pub carried: &'static str,
    pub rejected: &'static str,
    /// Yes, no, abstain.
    pub ballots: [&'static str; 3],
    pub by_name: &'static str,
    pub vote_conflicted: &'static str,
    pub resolution: &'static str,
    pub resolution_en_bloc: &'static str,
    pub departs: &'static str,
    pub departs_items: &'static str,
    pub over_budget: &'static str,
    pub rationale: &'static str,
    pub decision_no_vote: &'static str,
    /// A deferral for lack of quorum: no resolution. "{clock}", "{dossier}".
    pub deferral_not_quorate: &'static str,
    /// A deferral because the application was withdrawn.
    pub deferral_withdrawn: &'static str,
    pub en_bloc_heading: &'static str,
    pub en_bloc_header: [&'static str; 4],
    pub en_bloc_carried: &'static str,
    pub en_bloc_rejected: &'static str,
    // The result.
    pub sec_result: &'static str,
    pub res_admitted: &'static str,
    pub res_waiting: &'static str,
    pub res_not_admitted: &'static str,
    pub res_deferred: &'static str,
    pub res_none: &'static str,
    /// Rank (or, for the waiting list, position), id, municipality,
    /// funding requested.
    pub res_header: [&'static str; 4],
    pub res_position: &'static str,
    pub res_undecided: &'static str,
    pub f_count: &'static str,
    pub count_of: &'static str,
    pub count_over: &'static str,
    pub f_admitted_eur: &'static str,
    pub f_available: &'static str,
    pub f_remaining: &'static str,
    pub f_excess: &'static str,
    pub excess: &'static str,
    // Closing.
    pub sec_notes: &'static str,
    pub no_notes: &'static str,
    pub sec_signoff: &'static str,
    pub signed: &'static str,
    pub not_signed: &'static str,
    pub amendments_header: [&'static str; 3],
    pub no_amendments: &'static str,
    /// Before a vote or decision made after sign-off: `{clock}`, `{reason}`.
    pub amended: &'static str,
    /// Names of recorded events, in the order of `domain::describe::Action`.
    pub events: [&'static str; crate::domain::Action::COUNT],
    pub sec_signatures: &'static str,
    pub place_date: &'static str,
    pub signature: &'static str,
    pub sig_chair: &'static str,
    pub sig_secretary: &'static str,
}
