//! Every string the UI shows, one table per language. Text that comes from
//! the session or the dossiers is data and never lives here.

pub mod attendance;
mod de;
pub mod decision;
mod en;
pub mod minutes;
pub mod ranking;
pub mod scoring;
pub mod sign_off;

pub use de::DE;
pub use en::EN;
pub use scoring::ScoringStrings;

use super::action::Action;
use crate::domain::Language;

/// A counted template: `{n}` becomes `n`, and each `[one|many]` the word
/// for that count ("{n} [Beschluss|Beschlüsse] offen" → "1 Beschluss offen").
pub fn counted(template: &str, n: usize) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..close];
        match inner.split_once('|') {
            Some((one, many)) => out.push_str(if n == 1 { one } else { many }),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.replace("{n}", &n.to_string())
}

/// The table for a language.
pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::De => &DE,
        Language::En => &EN,
    }
}

/// All UI strings of one language.
#[derive(Debug)]
pub struct Strings {
    pub lang_code: &'static str,
    /// The language of this table: what refusals and numbers follow.
    pub language: Language,
    /// Quotation marks around quoted text: „…“ in German, “…” in English.
    pub quotes: (&'static str, &'static str),
    // Screens.
    pub screen_overview: &'static str,
    pub screen_agenda: &'static str,
    pub screen_dossier: &'static str,
    pub screen_help: &'static str,
    // Terminal too small.
    pub too_small_title: &'static str,
    pub too_small_current: &'static str,
    pub too_small_required: &'static str,
    pub too_small_hint: &'static str,
    /// What still works while the terminal is too small.
    pub too_small_keys: &'static str,
    /// A paste where no text is being typed.
    pub paste_refused: &'static str,
    // Keys.
    pub key_enter: &'static str,
    pub key_space: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_home: &'static str,
    pub key_delete: &'static str,
    pub key_end: &'static str,
    pub key_ctrl: &'static str,
    /// Labels of actions, in `Action` order (see [`Strings::action`]).
    pub actions: ActionLabels,
    /// The session record: where it is, what was recorded, undo and redo.
    pub record: RecordStrings,
    /// Attendance, quorum, conflicts, the current agenda item.
    pub att: &'static attendance::AttendanceStrings,
    /// The scoring screen.
    pub scoring: &'static ScoringStrings,
    /// The minutes screen.
    pub minutes: &'static minutes::MinutesStrings,
    /// The sign-off and export screen, and amendments.
    pub sign_off: &'static sign_off::SignOffStrings,
    /// The decision screen, the vote dialog and the decided lists.
    pub decision: &'static decision::DecisionStrings,
    /// The ranking screen, and the overview's words about it.
    pub ranking: &'static ranking::RankingStrings,
    // Help.
    pub hint_reorder: &'static str,
    pub hint_move: &'static str,
    pub hint_scroll: &'static str,
    pub hint_tabs: &'static str,
    pub hint_tab_direct: &'static str,
    pub hint_dossier_step: &'static str,
    pub help_screen_keys: &'static str,
    pub help_global_keys: &'static str,
    pub help_tab_digits: &'static str,
    pub help_search_typing: &'static str,
    // Common values.
    pub yes: &'static str,
    pub no: &'static str,
    pub not_given: &'static str,
    pub rural: &'static str,
    pub urban: &'static str,
    pub rural_short: &'static str,
    pub urban_short: &'static str,
    pub of: &'static str,
    pub theme_names: [&'static str; 3],
    // Overview.
    pub ov_programme: &'static str,
    pub ov_date: &'static str,
    pub ov_place: &'static str,
    pub ov_secretary: &'static str,
    pub ov_dossiers: &'static str,
    pub ov_by_region: &'static str,
    pub ov_no_region: &'static str,
    pub ov_budget: &'static str,
    pub ov_requested: &'static str,
    pub ov_available: &'static str,
    pub ov_oversubscribed: &'static str,
    pub ov_remaining: &'static str,
    pub ov_max_admissions: &'static str,
    pub ov_unlimited: &'static str,
    pub ov_waiting_list: &'static str,
    pub ov_members: &'static str,
    pub ov_voting: &'static str,
    pub ov_advisory: &'static str,
    pub ov_chair: &'static str,
    pub ov_criteria: &'static str,
    pub ov_scale: &'static str,
    pub ov_conflicts: &'static str,
    pub ov_checks: &'static str,
    pub ov_checks_all_passed: &'static str,
    pub ov_checks_open: &'static str,
    pub ov_of_available: &'static str,
    pub ov_next: &'static str,
    pub ov_next_roll_call: &'static str,
    pub ov_next_quorum: &'static str,
    pub ov_next_call: &'static str,
    pub ov_next_score: &'static str,
    pub ov_next_review: &'static str,
    // Agenda.
    pub col_pos: &'static str,
    pub col_id: &'static str,
    pub col_municipality: &'static str,
    pub col_area: &'static str,
    pub col_municipality_area: &'static str,
    pub col_region: &'static str,
    pub col_space: &'static str,
    pub col_requested: &'static str,
    pub col_checks: &'static str,
    pub col_conflicts: &'static str,
    pub sort_label: &'static str,
    pub sort_keys: [&'static str; 5],
    pub search_prompt: &'static str,
    pub search_hint: &'static str,
    pub dossiers_word: &'static str,
    /// `{}` stands for the search text.
    pub no_match: &'static str,
    pub no_dossiers: &'static str,
    pub agenda_legend: &'static str,
    // Dossier.
    pub tabs: [&'static str; 9],
    pub tabs_short: [&'static str; 9],
    pub no_dossier: &'static str,
    pub f_id: &'static str,
    pub f_municipality: &'static str,
    pub f_ags: &'static str,
    pub f_county: &'static str,
    pub f_region: &'static str,
    pub f_space: &'static str,
    pub f_area: &'static str,
    pub f_hectares: &'static str,
    pub f_residents: &'static str,
    pub f_kind: &'static str,
    pub f_submitted: &'static str,
    pub f_summary: &'static str,
    pub f_contact: &'static str,
    pub f_role: &'static str,
    pub f_email: &'static str,
    pub f_phone: &'static str,
    pub f_conflicts: &'static str,
    pub none_declared: &'static str,
    /// A suggested conflict on the dossier: "{member}", "{basis}" (the
    /// text that names the place), "{name}" (the place).
    pub suggested_conflict: &'static str,
    pub ind_glance: &'static str,
    pub ind_vs_city: &'static str,
    pub ind_vs_state: &'static str,
    pub ind_worse: &'static str,
    pub ind_better: &'static str,
    pub ind_same: &'static str,
    pub ind_higher: &'static str,
    pub ind_lower: &'static str,
    pub ind_legend: &'static str,
    pub col_indicator: &'static str,
    pub col_unit: &'static str,
    pub col_area_value: &'static str,
    pub col_city: &'static str,
    pub col_state: &'static str,
    pub col_year: &'static str,
    pub col_source: &'static str,
    pub no_indicators: &'static str,
    pub no_deficits: &'static str,
    pub f_isek: &'static str,
    pub isek_status: [&'static str; 4],
    pub f_isek_date: &'static str,
    pub f_fields_of_action: &'static str,
    pub f_climate: &'static str,
    pub f_citywide: &'static str,
    pub no_concept: &'static str,
    pub f_quarter_management: &'static str,
    pub quarter_management: [&'static str; 3],
    pub f_formats: &'static str,
    pub f_local_partnership: &'static str,
    pub no_participation: &'static str,
    pub col_measure: &'static str,
    pub col_category: &'static str,
    pub col_cost: &'static str,
    pub col_years: &'static str,
    pub measures_sum: &'static str,
    pub no_measures: &'static str,
    pub f_requested: &'static str,
    pub f_total_cost: &'static str,
    pub f_requested_share: &'static str,
    pub f_municipal_share: &'static str,
    pub f_budget_recovery: &'static str,
    pub f_measures_sum: &'static str,
    pub check_passed: &'static str,
    pub check_failed: &'static str,
    pub check_missing: &'static str,
    pub check_undeclared: &'static str,
    pub checks_summary: &'static str,
    pub no_checks: &'static str,
    pub f_notes: &'static str,
    pub f_attachments: &'static str,
    /// Remarks members shared in their ballots.
    pub f_ballot_remarks: &'static str,
    pub no_notes: &'static str,
    pub no_attachments: &'static str,
}

/// Short labels of actions for the footer and the help overlay.
#[derive(Debug)]
pub struct ActionLabels {
    pub up: &'static str,
    pub down: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub home: &'static str,
    pub end: &'static str,
    pub open: &'static str,
    pub search: &'static str,
    pub cycle_sort: &'static str,
    pub next_tab: &'static str,
    pub prev_tab: &'static str,
    pub tab: &'static str,
    pub next_dossier: &'static str,
    pub prev_dossier: &'static str,
    pub show_overview: &'static str,
    pub show_agenda: &'static str,
    pub show_dossier: &'static str,
    pub back: &'static str,
    pub help: &'static str,
    pub toggle_language: &'static str,
    pub cycle_theme: &'static str,
    pub quit: &'static str,
    pub suspend: &'static str,
    pub typing: &'static str,
    pub resize: &'static str,
    pub delete_char: &'static str,
    pub delete_forward: &'static str,
    pub word_left: &'static str,
    pub word_right: &'static str,
    pub confirm_search: &'static str,
    pub clear_search: &'static str,
    pub close_help: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub defer: &'static str,
    pub note: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub save_note: &'static str,
    pub cancel_note: &'static str,
    /// Moving the cursor in a text field.
    pub cursor: &'static str,
    pub cursor_left: &'static str,
    pub cursor_right: &'static str,
    pub cursor_home: &'static str,
    pub cursor_end: &'static str,
    pub continue_session: &'static str,
    pub stop_session: &'static str,
}

/// Texts about the session record.
#[derive(Debug)]
pub struct RecordStrings {
    pub label: &'static str,
    pub file: &'static str,
    pub entries: &'static str,
    /// One entry ("1 Eintrag").
    pub entry: &'static str,
    pub none: &'static str,
    pub read_only: &'static str,
    /// A write to the record failed; `{path}`, `{why}`.
    pub write_failed: &'static str,
    /// Why, for the kinds of failure a laptop meets.
    pub why_full: &'static str,
    pub why_too_large: &'static str,
    pub why_denied: &'static str,
    pub why_read_only_fs: &'static str,
    /// A failed write could not even be taken back yet; `{path}`.
    pub poisoned: &'static str,
    /// The record file changed under the session: `{path}`, `{what}`.
    pub changed: &'static str,
    pub changed_deleted: &'static str,
    pub changed_replaced: &'static str,
    /// `{written}`, `{found}` bytes.
    pub changed_length: &'static str,
    /// Title of the offer to save the recorded history elsewhere.
    pub save_title: &'static str,
    /// The offer; `{path}` is where the copy would go.
    pub save_question: &'static str,
    /// The copy was written; `{path}`.
    pub saved: &'static str,
    /// The copy failed; `{why}`.
    pub save_failed: &'static str,
    /// Another gremium holds the record: `{record}`, `{who}`.
    pub locked: &'static str,
    /// Who holds it when the process id is known: `{pid}`.
    pub locked_pid: &'static str,
    pub locked_unknown: &'static str,
    pub locked_offer: &'static str,
    pub locked_hint: &'static str,
    /// The answers that mean yes to the offer.
    pub yes_answers: [&'static str; 4],
    pub refused: &'static str,
    pub note_prompt: &'static str,
    pub note_saved: &'static str,
    pub notes: &'static str,
    pub undone: &'static str,
    pub redone: &'static str,
    pub moved_to: &'static str,
    pub deferred_mark: &'static str,
    pub deferred_legend: &'static str,
    pub sort_first: &'static str,
    pub torn: &'static str,
    /// The screens were asked for without a terminal.
    pub no_terminal: &'static str,
    /// The terminal failed during the session; `{error}` the system's words.
    pub terminal_failed: &'static str,
    /// The record held events but no anchor lay beside it: `{path}`.
    pub anchor_missing: &'static str,
    /// Opening refused: the record does not match its anchor; `{record}`,
    /// `{anchor}`, `{what}` (one of the `anchor_*` below).
    pub anchor_refused: &'static str,
    /// `{why}`
    pub anchor_unreadable: &'static str,
    /// `{anchored}`, `{found}`: session ids.
    pub anchor_other_session: &'static str,
    /// `{events}`, `{hash}`: what the anchor says.
    pub anchor_record_missing: &'static str,
    /// `{events}`, `{hash}`
    pub anchor_emptied: &'static str,
    /// `{found}`, `{found_hash}`, `{events}`, `{hash}`
    pub anchor_shorter: &'static str,
    /// `{events}`, `{found_hash}`, `{hash}`
    pub anchor_differs: &'static str,
    /// What to do after a refusal.
    pub anchor_hint: &'static str,
    pub inputs_title: &'static str,
    pub inputs_intro: &'static str,
    pub inputs_added: &'static str,
    pub inputs_removed: &'static str,
    pub inputs_modified: &'static str,
    pub inputs_question: &'static str,
    pub inputs_accepted: &'static str,
    /// A vote's result.
    pub carried: &'static str,
    pub not_carried: &'static str,
    /// Admitted, waiting list (followed by the position), not admitted,
    /// deferred.
    pub outcomes: [&'static str; 4],
    /// Names of recorded events, in the order of `domain::describe::Action`.
    pub events: [&'static str; crate::domain::Action::COUNT],
}

impl Strings {
    /// `text` in this language's quotation marks.
    pub fn quote(&self, text: &str) -> String {
        format!("{}{text}{}", self.quotes.0, self.quotes.1)
    }

    /// The label of an action.
    pub fn action(&self, action: Action) -> &'static str {
        let a = &self.actions;
        match action {
            Action::Up => a.up,
            Action::Down => a.down,
            Action::PageUp => a.page_up,
            Action::PageDown => a.page_down,
            Action::Home => a.home,
            Action::End => a.end,
            Action::Open => a.open,
            Action::Search => a.search,
            Action::CycleSort => a.cycle_sort,
            Action::NextTab => a.next_tab,
            Action::PrevTab => a.prev_tab,
            Action::Tab(_) => a.tab,
            Action::NextDossier => a.next_dossier,
            Action::PrevDossier => a.prev_dossier,
            Action::ShowOverview => a.show_overview,
            Action::ShowAgenda => a.show_agenda,
            Action::ShowDossier => a.show_dossier,
            Action::Back => a.back,
            Action::Help => a.help,
            Action::ToggleLanguage => a.toggle_language,
            Action::CycleTheme => a.cycle_theme,
            Action::Quit => a.quit,
            Action::Suspend => a.suspend,
            Action::DeleteChar => a.delete_char,
            Action::DeleteForward => a.delete_forward,
            Action::WordLeft => a.word_left,
            Action::WordRight => a.word_right,
            Action::MoveUp => a.move_up,
            Action::MoveDown => a.move_down,
            Action::Defer => a.defer,
            Action::Note => a.note,
            Action::Undo => a.undo,
            Action::Redo => a.redo,
            Action::Left => self.scoring.left,
            Action::Right => self.scoring.right,
            Action::RevealScores => self.scoring.reveal,
            Action::NewRound => self.scoring.new_round,
            Action::ShowScoring => self.scoring.show,
            Action::ShowMinutes => self.minutes.show,
            Action::ShowSignOff => self.sign_off.show,
            Action::SignOff => self.sign_off.sign_off,
            Action::Export => self.sign_off.export,
            Action::ShowRanking => self.ranking.show,
            Action::ShowAttendance => self.att.show_attendance,
            Action::MarkPresent => self.att.mark_present,
            Action::MarkAbsent => self.att.mark_absent,
            Action::Arrive => self.att.arrive,
            Action::Leave => self.att.leave,
            Action::EnterTime => self.att.enter_time,
            Action::DeclareConflict => self.att.declare_conflict,
            Action::ConfirmInvited => self.att.confirm_invited,
            Action::CallItem => self.att.call_item,
            Action::CloseItem => self.att.close_item,
            Action::JumpToCurrent => self.att.jump_current,
            Action::ShowDecision => self.decision.show,
            Action::ToggleDecided => self.decision.toggle_decided,
            Action::EnBloc => self.decision.en_bloc,
            Action::ConfirmResult => self.decision.confirm_result,
            Action::DrawLots => self.ranking.draw_lots,
            Action::ImportBallots => self.scoring.ballots_title,
            Action::ShareRemark => self.scoring.share_remark,
            Action::DismissSuggestion => self.att.dismiss_suggestion,
            Action::DecideConflict => self.att.decide_conflict,
            Action::ConfirmReinvitation => self.decision.reinvitation,
            Action::MotionAdmit => self.decision.motion_admit,
            Action::MotionWaiting => self.decision.motion_waiting,
            Action::MotionNotAdmit => self.decision.motion_not_admit,
            Action::ByName => self.decision.by_name,
            Action::BallotYes => self.decision.ballot_yes,
            Action::BallotNo => self.decision.ballot_no,
            Action::BallotAbstain => self.decision.ballot_abstain,
            // Typed text and a resize come from the terminal, never from a
            // binding; they are named for completeness.
            Action::Insert(_) => a.typing,
            Action::Resize(..) => a.resize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{placeholders}` of a line of a table's debug form.
    fn placeholders(line: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close)
                    if close > 0 && after[..close].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    out.push(after[..close].to_string());
                    rest = &after[close + 1..];
                }
                _ => rest = after,
            }
        }
        out.sort();
        out
    }

    /// Every template of one table carries the same placeholders as its
    /// counterpart in the other: a translation cannot drop `{name}`. The
    /// debug form lists the fields of both tables in the same order, one
    /// string per line.
    #[test]
    fn german_and_english_templates_carry_the_same_placeholders() {
        let de = format!("{DE:#?}");
        let en = format!("{EN:#?}");
        let (de, en): (Vec<&str>, Vec<&str>) = (de.lines().collect(), en.lines().collect());
        assert_eq!(de.len(), en.len(), "the tables have the same shape");
        let mut checked = 0;
        for (d, e) in de.iter().zip(&en) {
            let field = d.trim_start().split(':').next().unwrap_or_default();
            assert_eq!(placeholders(d), placeholders(e), "field {field}:\n  de {d}\n  en {e}");
            checked += usize::from(!placeholders(d).is_empty());
        }
        assert!(checked > 40, "templates with placeholders found: {checked}");
    }

    #[test]
    fn counted_templates_pick_the_word_for_the_count() {
        assert_eq!(counted("{n} [Beschluss|Beschlüsse] offen", 1), "1 Beschluss offen");
        assert_eq!(counted("{n} [Beschluss|Beschlüsse] offen", 0), "0 Beschlüsse offen");
        assert_eq!(counted("⚑ {n} [conflict|conflicts] [x]", 2), "⚑ 2 conflicts [x]");
    }

    #[test]
    fn the_placeholder_check_can_fail() {
        assert_eq!(placeholders("„{dossier}“ auf Platz {n}"), ["dossier", "n"]);
        assert_ne!(placeholders("{dossier} to {n}"), placeholders("{dossier} to {m}"));
        assert!(placeholders("{} ohne Namen, {?}").is_empty());
    }

    #[test]
    fn every_action_has_a_label_in_both_languages() {
        let all = Action::BINDABLE.iter().copied().chain([Action::Insert('x'), Action::Resize(1, 1)]);
        for action in all {
            assert!(!DE.action(action).is_empty(), "{action:?} in German");
            assert!(!EN.action(action).is_empty(), "{action:?} in English");
        }
    }
}
