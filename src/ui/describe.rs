//! Recorded events and refusals put into words in the screen language.

use super::strings::Strings;
use crate::domain::{Action, Description, Language, Outcome, Scale, Session};
use crate::procedure::DomainError;
use crate::rules::CheckDetail;
use crate::text::clean_line;

/// One line naming an event: "Tagesordnung umgestellt: DA-NORD auf Platz 3".
pub fn event(d: &Description, s: &Strings) -> String {
    let r = &s.record;
    let name = d.action.map(|a| r.events[a.index()]).unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    if let Some(dossier) = &d.dossier {
        parts.push(clean_line(dossier).into_owned());
    }
    if !d.dossiers.is_empty() {
        parts.push(d.dossiers.iter().map(|x| clean_line(x).into_owned()).collect::<Vec<_>>().join(", "));
    }
    if let Some(member) = &d.member {
        parts.push(clean_line(member).into_owned());
    }
    if let Some(criterion) = &d.criterion {
        parts.push(clean_line(criterion).into_owned());
    }
    if let Some(value) = d.value {
        parts.push(value.to_string());
    }
    if let Some(outcome) = d.outcome {
        parts.push(outcome_word(outcome, s));
    }
    if let Some(kind) = d.deferral {
        parts.push(format!("({})", deferral_kind(kind, s)));
    }
    if let Some(carried) = d.carried {
        parts.push(if carried { r.carried } else { r.not_carried }.to_string());
    }
    if d.action == Some(Action::ItemMoved)
        && let Some(to) = d.position
    {
        parts.push(format!("{} {}", r.moved_to, to + 1));
    }
    if let Some(text) = &d.text {
        parts.push(s.quote(&clean_line(text)));
    }
    if let Some(inner) = &d.inner {
        parts.push(event(inner, s));
    }
    if parts.is_empty() { name.to_string() } else { format!("{name}: {}", parts.join(" ")) }
}

/// An outcome in words: "Nachrückerliste Platz 2".
pub fn outcome_word(outcome: Outcome, s: &Strings) -> String {
    let words = &s.record.outcomes;
    match outcome {
        Outcome::Admitted => words[0].to_string(),
        Outcome::WaitingList { position } => format!("{} {position}", words[1]),
        Outcome::NotAdmitted => words[2].to_string(),
        Outcome::Deferred => words[3].to_string(),
    }
}

/// Why the domain refused a change, in the screen language where the
/// refusal is one the current screens can provoke.
/// Every refusal has its words in both languages (the matches below are
/// exhaustive): members by name, never by id.
pub fn refusal(e: &DomainError, s: &Strings, session: &Session) -> String {
    match s.language {
        Language::De => german_refusal(e, session),
        Language::En => english_refusal(e, session),
    }
}

/// Refusals in English.
fn english_refusal(e: &DomainError, session: &Session) -> String {
    let q = |x: &str| format!("“{}”", clean_line(x));
    let who = |id: &str| member_name(session, id);
    let id = |x: &str| dossier_name(session, x);
    match e {
        DomainError::NothingToUndo => "nothing to undo".into(),
        DomainError::NothingToRedo => "nothing to redo".into(),
        DomainError::EmptyText => "the text is empty".into(),
        DomainError::AlreadyDeferred(d) => format!("{} is already deferred to a later session", id(d)),
        DomainError::AlreadyPostponed(d) => format!("{} is already moved later on today's agenda", id(d)),
        DomainError::NothingToMove(d) => format!("{} is already in that place", id(d)),
        DomainError::UnknownMember(m) => format!("unknown member {}", q(m)),
        DomainError::UnknownDossier(d) => format!("unknown dossier {}", q(d)),
        DomainError::UnknownCriterion(c) => format!("unknown criterion {}", q(c)),
        DomainError::NotPresent(m) => format!("{} is not present", who(m)),
        DomainError::AlreadyPresent(m) => format!("{} is already present", who(m)),
        DomainError::AttendanceOutOfOrder { member, at, last } => format!(
            "{} is before the last change for {} at {}",
            at.format("%H:%M"),
            who(member),
            last.format("%H:%M")
        ),
        DomainError::NotVoting(m) => format!("{} is an advisory member and neither scores nor votes", who(m)),
        DomainError::Conflicted { member, dossier } => {
            format!("{} has a conflict of interest on {} and takes no part", who(member), id(dossier))
        }
        DomainError::BallotImportedAlready { member, seq } => format!(
            "a ballot of {} is imported already (record line {seq}); a newer one replaces it only when confirmed",
            who(member)
        ),
        DomainError::ScoredTwice { dossier, criterion } => {
            format!("the ballot scores {} twice on {}", id(dossier), q(criterion))
        }
        DomainError::ReviewRecord => {
            "this is a member's review record: it takes only the member's scores and notes".to_string()
        }
        DomainError::NoReview => "not a member's review record".to_string(),
        DomainError::AlreadyConflicted { member, dossier } => {
            format!("a conflict of interest of {} on {} is already declared", who(member), id(dossier))
        }
        DomainError::AlreadyConfirmed => "the due invitation is already confirmed".into(),
        DomainError::AlreadyOpen(d) => format!("{} is already called up", id(d)),
        DomainError::NoCurrentItem => "no agenda item is called up".into(),
        DomainError::SignedOff => "the session is signed off; changes only as a recorded amendment".into(),
        DomainError::RoundNotRevealed { dossier, round } => {
            format!("round {round} of {} is not revealed yet", id(dossier))
        }
        DomainError::AlreadyRevealed { dossier, round } => {
            format!("round {round} of {} is already revealed", id(dossier))
        }
        DomainError::NoScores { dossier, round } => {
            format!("round {round} of {} has no scores yet", id(dossier))
        }
        DomainError::SameScore(v) => {
            format!("the score is already {}", crate::ui::format::decimal(*v, 6, Language::En))
        }
        DomainError::TooManyVotes { cast, eligible } => {
            format!("{cast} votes cast, but only {eligible} eligible members without a conflict present")
        }
        DomainError::NoVotes => "no votes cast".into(),
        DomainError::BallotsDisagree => "the votes by name do not add up to the counts".into(),
        DomainError::TieChoiceWithoutTie => "the chair's casting vote applies to a tie only".into(),
        DomainError::ChairDoesNotDecideTies => {
            "under the rules of procedure the chair does not decide ties".into()
        }
        DomainError::ConflictAlreadyDecided { member, dossier } => {
            format!(
                "the committee has already decided whether {} is conflicted on {}",
                who(member),
                id(dossier)
            )
        }
        DomainError::NoSuggestion { member, dossier } => {
            format!("nothing suggests a conflict of {} on {}", who(member), id(dossier))
        }
        DomainError::NotReinvited(d) => {
            format!(
                "{} is not taken up on a second invitation (the session file's reinvited does not name it)",
                id(d)
            )
        }
        DomainError::AlreadyReinvited(d) => {
            format!("the second invitation for {} is already confirmed", id(d))
        }
        DomainError::NotTied(ds) => {
            format!("lots are drawn among two or more dossiers tied in the ranking, not: {}", clean_line(ds))
        }
        DomainError::AlreadyDrawn => {
            "lots were drawn for these dossiers already; a draw is not repeated".into()
        }
        DomainError::DrawNeedsRecord => "a draw needs the record: its seed is the record's last hash".into(),
        DomainError::SamePosition(p) => {
            format!(
                "two dossiers share waiting-list position {p}: order the tie first (draw lots or vote the positions)"
            )
        }
        DomainError::NothingToConfirm(d) => {
            format!("no vote on {} is burdened by a conflict declared after it", id(d))
        }
        DomainError::DeferralQuorate(d) => {
            format!("the committee is quorate for {}: a deferral for lack of quorum does not apply", id(d))
        }
        DomainError::ChairVoteMissing => {
            "tie: everyone voted, so the chair did too – give the chair's vote (yes, no or abstain)".into()
        }
        DomainError::ChairAbstentionNotCounted => "the chair abstained, but no abstention is counted".into(),
        DomainError::NotChairing { member, acting: Some(a) } => format!(
            "{} does not chair now: sign-off is by {} (the chair present, or the deputy when the chair has left)",
            who(member),
            who(a)
        ),
        DomainError::NotChairing { member, acting: None } => format!(
            "{} does not chair now, and nobody does: the chair and the deputy are absent",
            who(member)
        ),
        DomainError::TieChoiceDisagrees => "the casting vote differs from the chair's vote by name".into(),
        DomainError::ChairNotEligible(m) => {
            format!("{} (chair) does not vote on this: absent, conflicted or not voting", who(m))
        }
        DomainError::EmptyEnBloc => "a vote en bloc needs at least one dossier".into(),
        DomainError::DuplicateInVote(d) => format!("{} is in the vote more than once", id(d)),
        DomainError::AlreadyDecided(d) => format!("{} is already decided", id(d)),
        DomainError::NotDulyInvited => "the due invitation is not confirmed".into(),
        DomainError::NotQuorate { present, required } => format!(
            "not quorate: {present} voting members present without a conflict, at least {required} required"
        ),
        DomainError::VoteRequired => "without a vote an item can only be deferred".into(),
        DomainError::RationaleRequired => {
            "departing from the ranking or going over the budget needs a written rationale".into()
        }
        DomainError::BadWaitingPosition => "waiting-list positions start at 1".into(),
        DomainError::SignOffIncomplete(check) => {
            format!("sign-off is not possible yet: {}", check_detail(&check.detail, Language::En))
        }
        DomainError::OutOfAgenda { to, len } => {
            format!("place {} is outside the agenda of {len} items", to + 1)
        }
        DomainError::NotSignedOff => "the session is not signed off; no amendment is needed".into(),
        DomainError::NotAmendable => "this cannot be changed by an amendment".into(),
        DomainError::OffScale { value, min, max, step } => {
            let s = &crate::ui::strings::EN;
            let scale = Scale { min: *min, max: *max, step: *step };
            format!("{} {} – {}", number(*value, s), s.scoring.not_on_scale, allowed(scale, s))
        }
    }
}

/// Refusals in German; members by name, as the committee knows them.
fn german_refusal(e: &DomainError, session: &Session) -> String {
    let q = |x: &str| format!("„{}“", clean_line(x));
    let who = |id: &str| member_name(session, id);
    let id = |x: &str| dossier_name(session, x);
    match e {
        DomainError::NothingToUndo => "nichts rückgängig zu machen".into(),
        DomainError::NothingToRedo => "nichts wiederherzustellen".into(),
        DomainError::EmptyText => "der Text ist leer".into(),
        DomainError::AlreadyDeferred(d) => format!("{} ist bereits vertagt", id(d)),
        DomainError::AlreadyPostponed(d) => format!("{} ist bereits zurückgestellt", id(d)),
        DomainError::NothingToMove(d) => format!("{} steht bereits an dieser Stelle", id(d)),
        DomainError::UnknownMember(m) => format!("unbekanntes Mitglied {}", q(m)),
        DomainError::UnknownDossier(d) => format!("unbekanntes Dossier {}", q(d)),
        DomainError::UnknownCriterion(c) => format!("unbekanntes Kriterium {}", q(c)),
        DomainError::NotPresent(m) => format!("{} ist nicht anwesend", who(m)),
        DomainError::AlreadyPresent(m) => format!("{} ist bereits anwesend", who(m)),
        DomainError::AttendanceOutOfOrder { member, at, last } => format!(
            "{} Uhr liegt vor der letzten Änderung für {} um {} Uhr",
            at.format("%H:%M"),
            who(member),
            last.format("%H:%M")
        ),
        DomainError::NotVoting(m) => format!("{} ist beratend und bewertet und stimmt nicht mit", who(m)),
        DomainError::Conflicted { member, dossier } => {
            format!("{} ist bei {} befangen und nimmt nicht teil", who(member), id(dossier))
        }
        DomainError::BallotImportedAlready { member, seq } => format!(
            "ein Stimmzettel von {} ist bereits übernommen (Protokollzeile {seq}); ein neuerer ersetzt ihn nur nach Bestätigung",
            who(member)
        ),
        DomainError::ScoredTwice { dossier, criterion } => {
            format!("der Stimmzettel bewertet {} zweimal bei {}", id(dossier), q(criterion))
        }
        DomainError::ReviewRecord => {
            "dies ist das Durchsichtsprotokoll eines Mitglieds: es nimmt nur dessen Bewertungen und Notizen auf".to_string()
        }
        DomainError::NoReview => "kein Durchsichtsprotokoll eines Mitglieds".to_string(),
        DomainError::AlreadyConflicted { member, dossier } => {
            format!("für {} ist bei {} bereits eine Befangenheit erklärt", who(member), id(dossier))
        }
        DomainError::AlreadyConfirmed => "die ordnungsgemäße Ladung ist bereits bestätigt".into(),
        DomainError::AlreadyOpen(d) => format!("{} ist bereits aufgerufen", id(d)),
        DomainError::NoCurrentItem => "kein Tagesordnungspunkt ist aufgerufen".into(),
        DomainError::SignedOff => {
            "die Sitzung ist freigegeben; Änderungen nur als protokollierte Änderung".into()
        }
        DomainError::RoundNotRevealed { dossier, round } => {
            format!("Runde {round} von {} ist noch nicht aufgedeckt", id(dossier))
        }
        DomainError::AlreadyRevealed { dossier, round } => {
            format!("Runde {round} von {} ist bereits aufgedeckt", id(dossier))
        }
        DomainError::NoScores { dossier, round } => {
            format!("Runde {round} von {} hat noch keine Punktzahlen", id(dossier))
        }
        DomainError::SameScore(v) => {
            format!("die Punktzahl ist bereits {}", crate::ui::format::decimal(*v, 6, Language::De))
        }
        DomainError::TooManyVotes { cast, eligible } => {
            format!("{cast} Stimmen abgegeben, aber nur {eligible} Stimmberechtigte ohne Befangenheit anwesend")
        }
        DomainError::NoVotes => "keine Stimmen abgegeben".into(),
        DomainError::BallotsDisagree => "die namentlichen Stimmen ergeben nicht die Zahlen".into(),
        DomainError::TieChoiceWithoutTie => "ein Stichentscheid gilt nur bei Stimmengleichheit".into(),
        DomainError::ChairDoesNotDecideTies => {
            "nach der Geschäftsordnung entscheidet der Vorsitz keine Stimmengleichheit".into()
        }
        DomainError::ConflictAlreadyDecided { member, dossier } => {
            format!("das Gremium hat über die Befangenheit von {} bei {} bereits entschieden", who(member), id(dossier))
        }
        DomainError::NoSuggestion { member, dossier } => {
            format!("für {} bei {} liegt kein Befangenheitsvorschlag vor", who(member), id(dossier))
        }
        DomainError::NotReinvited(d) => {
            format!("{} wird nicht auf wiederholte Ladung behandelt (reinvited in der Sitzungsdatei nennt es nicht)", id(d))
        }
        DomainError::AlreadyReinvited(d) => format!("die wiederholte Ladung für {} ist bereits festgestellt", id(d)),
        DomainError::NotTied(ds) => {
            format!("gelost wird unter zwei oder mehr gleichrangigen Dossiers der Rangfolge, nicht: {}", clean_line(ds))
        }
        DomainError::AlreadyDrawn => "für diese Dossiers wurde bereits gelost; ein Los wird nicht wiederholt".into(),
        DomainError::DrawNeedsRecord => "ein Losentscheid braucht das Protokoll: sein letzter Hash ist der Startwert".into(),
        DomainError::SamePosition(p) => format!(
            "zwei Dossiers teilen sich Platz {p} der Nachrückerliste: erst die Reihenfolge klären (losen oder die Plätze abstimmen)"
        ),
        DomainError::NothingToConfirm(d) => {
            format!("keine Abstimmung über {} ist durch eine später erklärte Befangenheit belastet", id(d))
        }
        DomainError::DeferralQuorate(d) => {
            format!("das Gremium ist für {} beschlussfähig: eine Vertagung mangels Beschlussfähigkeit scheidet aus", id(d))
        }
        DomainError::ChairVoteMissing => {
            "Stimmengleichheit: alle haben abgestimmt, also auch der Vorsitz – seine Stimme angeben (Ja, Nein oder Enthaltung)"
                .into()
        }
        DomainError::ChairAbstentionNotCounted => {
            "der Vorsitz hat sich enthalten, aber es ist keine Enthaltung gezählt".into()
        }
        DomainError::NotChairing { member, acting: Some(a) } => format!(
            "{} leitet die Sitzung gerade nicht: freigeben kann {} (der anwesende Vorsitz, oder die Stellvertretung, wenn der Vorsitz gegangen ist)",
            who(member),
            who(a)
        ),
        DomainError::NotChairing { member, acting: None } => format!(
            "{} leitet die Sitzung gerade nicht, und niemand tut es: Vorsitz und Stellvertretung sind abwesend",
            who(member)
        ),
        DomainError::TieChoiceDisagrees => {
            "der Stichentscheid weicht von der namentlichen Stimme des Vorsitzes ab".into()
        }
        DomainError::ChairNotEligible(m) => format!(
            "{} (Vorsitz) stimmt hier nicht mit: abwesend, befangen oder nicht stimmberechtigt",
            member_name(session, m)
        ),
        DomainError::EmptyEnBloc => "eine Abstimmung en bloc braucht mindestens ein Dossier".into(),
        DomainError::DuplicateInVote(d) => format!("{} steht mehrfach in der Abstimmung", id(d)),
        DomainError::AlreadyDecided(d) => format!("über {} ist bereits beschlossen", id(d)),
        DomainError::NotDulyInvited => "die ordnungsgemäße Ladung ist nicht festgestellt".into(),
        DomainError::NotQuorate { present, required } => format!(
            "nicht beschlussfähig: {present} Stimmberechtigte ohne Befangenheit anwesend, mindestens {required} nötig"
        ),
        DomainError::VoteRequired => "ohne Abstimmung kann nur vertagt werden".into(),
        DomainError::RationaleRequired => {
            "eine Abweichung von der Rangfolge oder ein Überschreiten des Budgets braucht eine schriftliche Begründung"
                .into()
        }
        DomainError::BadWaitingPosition => "die Plätze der Nachrückerliste beginnen bei 1".into(),
        DomainError::SignOffIncomplete(check) => {
            format!("Freigabe noch nicht möglich: {}", check_detail(&check.detail, Language::De))
        }
        DomainError::OutOfAgenda { to, len } => {
            format!("Platz {} liegt außerhalb der Tagesordnung mit {len} Punkten", to + 1)
        }
        DomainError::NotSignedOff => "die Sitzung ist nicht freigegeben; eine Änderung ist nicht nötig".into(),
        DomainError::NotAmendable => "das lässt sich nicht als Änderung protokollieren".into(),
        DomainError::OffScale { value, min, max, step } => {
            let s = &crate::ui::strings::DE;
            let scale = Scale { min: *min, max: *max, step: *step };
            format!("{} {} – {}", number(*value, s), s.scoring.not_on_scale, allowed(scale, s))
        }
    }
}

/// A dossier as messages name it, never by id alone: its id and
/// municipality ("KS-WESERTOR (Kassel)").
pub fn dossier_name(session: &Session, id: &str) -> String {
    match session.dossier(id) {
        Some(d) => format!("{} ({})", clean_line(id), clean_line(&d.municipality)),
        None => clean_line(id).into_owned(),
    }
}

pub fn member_name(session: &Session, id: &str) -> String {
    session
        .member(id)
        .map(|m| clean_line(&m.name).into_owned())
        .unwrap_or_else(|| format!("„{}“", clean_line(id)))
}

/// The words for why an item is deferred.
pub fn deferral_kind(kind: crate::domain::DeferralReason, s: &Strings) -> &'static str {
    use crate::domain::DeferralReason;
    let k = &s.decision.deferral_kinds;
    match kind {
        DeferralReason::NotQuorate => k[0],
        DeferralReason::Committee => k[1],
        DeferralReason::Withdrawn => k[2],
    }
}

/// What a failing sign-off check found, in a line.
fn check_detail(detail: &CheckDetail, lang: Language) -> String {
    let de = lang == Language::De;
    let ids = |v: &[String]| v.iter().map(|x| clean_line(x).into_owned()).collect::<Vec<_>>().join(", ");
    match detail {
        CheckDetail::LateConflicts { open } => {
            let lines: Vec<String> =
                open.iter().map(|(seq, d, _)| format!("{} ({})", seq + 1, clean_line(d))).collect();
            if de {
                format!(
                    "Befangenheit nach der Abstimmung erklärt (Zeilen {}): neu abstimmen oder Bestand begründen",
                    lines.join(", ")
                )
            } else {
                format!(
                    "a conflict declared after the vote (lines {}): vote again or record why the result stands",
                    lines.join(", ")
                )
            }
        }
        CheckDetail::Place { .. } if de => {
            "die Sitzungsdatei nennt keinen Ort (place); die Niederschrift braucht ihn".to_string()
        }
        CheckDetail::Place { .. } => {
            "the session file names no place (place); the minutes need it".to_string()
        }
        CheckDetail::Open { undecided } if de => format!("ohne Beschluss: {}", ids(undecided)),
        CheckDetail::Open { undecided } => format!("items without a decision: {}", ids(undecided)),
        CheckDetail::Quorum { without } => {
            let lines: Vec<String> = without.iter().map(|seq| (seq + 1).to_string()).collect();
            if de {
                format!("Abstimmungen ohne Beschlussfähigkeit (Protokollzeilen {})", lines.join(", "))
            } else {
                format!("votes without quorum (record lines {})", lines.join(", "))
            }
        }
        CheckDetail::Budget { admitted, admitted_eur, available_eur, max_admissions, .. } => {
            let money = |eur| crate::ui::format::money(eur, lang);
            match (de, max_admissions) {
                (true, Some(m)) => format!(
                    "die Liste ({admitted} Aufnahmen, {}) überschreitet Budget oder Höchstzahl ({}, höchstens {m}) ohne Begründung",
                    money(*admitted_eur),
                    money(*available_eur)
                ),
                (true, None) => format!(
                    "die Liste ({admitted} Aufnahmen, {}) überschreitet das Budget ({}) ohne Begründung",
                    money(*admitted_eur),
                    money(*available_eur)
                ),
                (false, Some(m)) => format!(
                    "the list ({admitted} admissions, {}) exceeds the budget or the limit ({}, at most {m}) without a rationale",
                    money(*admitted_eur),
                    money(*available_eur)
                ),
                (false, None) => format!(
                    "the list ({admitted} admissions, {}) exceeds the budget ({}) without a rationale",
                    money(*admitted_eur),
                    money(*available_eur)
                ),
            }
        }
    }
}

/// The values a scale allows: "erlaubt: 0–4 in Schritten von 1".
pub fn allowed(scale: Scale, s: &Strings) -> String {
    s.scoring
        .allowed
        .replace("{min}", &number(scale.min, s))
        .replace("{max}", &number(scale.max, s))
        .replace("{step}", &number(scale.step, s))
}

fn number(x: f64, s: &Strings) -> String {
    crate::ui::format::decimal(x, 6, s.language)
}

/// Keep score values out of event descriptions (undo, redo) while their
/// round is blind: the screen may be on a projector.
pub fn mask_blind(state: &crate::domain::SessionState, d: &mut Description) {
    if let (Some(dossier), Some(round)) = (&d.dossier, d.round)
        && d.value.is_some()
        && state.session.definition.rules.blind_scoring
        && !state.proceedings.reveals.contains_key(&(dossier.clone(), round))
    {
        d.value = None;
        d.previous_value = None;
    }
}

/// What was just recorded, in one line for the footer: members by name,
/// criteria by label, attendance with its time, and score values masked
/// while their round is blind (the screen may be on a projector).
pub fn announce(app: &crate::ui::App, kinds: &[crate::domain::EventKind]) -> Option<String> {
    let s = app.strings();
    let texts: Vec<String> = kinds
        .iter()
        .map(|kind| {
            let mut d = kind.describe();
            mask_blind(app.state(), &mut d);
            name_things(app, &mut d);
            let at = d.at.take();
            let sc = s.scoring;
            let text = match (d.action, d.round) {
                // A reveal and a new round say which round, in the words
                // of the scoring screen.
                (Some(Action::ScoresRevealed), Some(round)) => {
                    let text = if d.early == Some(true) { sc.revealed_notice } else { sc.auto_revealed };
                    text.replace("{round}", &round.to_string())
                }
                (Some(Action::VoteRecorded), _) if d.carried.is_some() => {
                    let dd = s.decision;
                    let result = if d.carried == Some(true) { dd.carried } else { dd.rejected };
                    match (&d.dossier, d.outcome) {
                        (Some(dossier), Some(outcome)) => dd
                            .vote_notice
                            .replace("{motion}", &crate::ui::screens::decision::words::motion(outcome, dd))
                            .replace("{dossier}", dossier)
                            .replace("{result}", result),
                        _ => crate::ui::strings::counted(dd.vote_notice_en_bloc, d.dossiers.len())
                            .replace("{result}", result),
                    }
                }
                (Some(Action::SignedOff), _) => {
                    s.sign_off.signed_notice.replace("{name}", &clean_line(d.member.as_deref().unwrap_or("")))
                }
                (Some(Action::RoundOpened), Some(round)) => sc
                    .round_opened
                    .replace("{round}", &round.to_string())
                    .replace("{previous}", &round.saturating_sub(1).to_string()),
                _ => event(&d, s),
            };
            match at {
                Some(at) => format!("{text} {}", crate::ui::format::time(at, app.language())),
                None => text,
            }
        })
        .collect();
    (!texts.is_empty()).then(|| texts.join(" · "))
}

/// Put names where a description holds ids: members by name, criteria by
/// their label in the screen language.
pub fn name_things(app: &crate::ui::App, d: &mut Description) {
    let session = app.session();
    if let Some(dossier) = d.dossier.as_deref() {
        d.dossier = Some(dossier_name(session, dossier));
    }
    d.dossiers = d.dossiers.iter().map(|x| dossier_name(session, x)).collect();
    if let Some(m) = d.member.as_deref().and_then(|id| session.member(id)) {
        d.member = Some(m.name.clone());
    }
    if let Some(c) =
        d.criterion.as_deref().and_then(|id| session.definition.criteria.iter().find(|c| c.id == id))
    {
        let label = match (app.language(), &c.label_en) {
            (Language::En, Some(en)) => en.clone(),
            _ => c.label.clone(),
        };
        d.criterion = Some(label);
    }
    if let Some(inner) = d.inner.as_deref_mut() {
        name_things(app, inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventKind, Proposal, Vote, VoteQuorum, VoteSubject, fixture};
    use crate::rules::{Check, CheckItem};
    use crate::ui::strings::{DE, EN};

    #[test]
    fn refusals_about_votes_name_the_chair_and_the_money() {
        let session = fixture::session(2, 3, 1);
        let chair = DomainError::ChairNotEligible("m00".into());
        assert_eq!(
            refusal(&chair, &DE, &session),
            "Member 0 (Vorsitz) stimmt hier nicht mit: abwesend, befangen oder nicht stimmberechtigt"
        );
        assert_eq!(
            refusal(&chair, &EN, &session),
            "Member 0 (chair) does not vote on this: absent, conflicted or not voting"
        );
        let quorum = DomainError::NotQuorate { present: 2, required: 3 };
        assert_eq!(
            refusal(&quorum, &DE, &session),
            "nicht beschlussfähig: 2 Stimmberechtigte ohne Befangenheit anwesend, mindestens 3 nötig"
        );
        let budget = Check {
            item: CheckItem::WithinBudget,
            ok: false,
            detail: CheckDetail::Budget {
                admitted: 3,
                admitted_eur: 2_400_000,
                available_eur: 1_500_000,
                max_admissions: None,
                over: true,
                unjustified: vec![],
            },
        };
        let sign_off = DomainError::SignOffIncomplete(Box::new(budget));
        assert_eq!(
            refusal(&sign_off, &DE, &session),
            "Freigabe noch nicht möglich: die Liste (3 Aufnahmen, 2.400.000\u{a0}€) überschreitet das Budget \
             (1.500.000\u{a0}€) ohne Begründung"
        );
        assert_eq!(
            refusal(&sign_off, &EN, &session),
            "sign-off is not possible yet: the list (3 admissions, €2,400,000) exceeds the budget (€1,500,000) \
             without a rationale"
        );
        let open = Check {
            item: CheckItem::AllDecided,
            ok: false,
            detail: CheckDetail::Open { undecided: vec!["D0000".into(), "D0001".into()] },
        };
        assert_eq!(
            refusal(&DomainError::SignOffIncomplete(Box::new(open)), &DE, &session),
            "Freigabe noch nicht möglich: ohne Beschluss: D0000, D0001"
        );
    }

    #[test]
    fn a_vote_is_named_with_its_outcome_and_result() {
        let vote = Vote {
            subject: VoteSubject::Dossier {
                dossier: "D0001".into(),
                outcome: Outcome::WaitingList { position: 2 },
            },
            motion: None,
            yes: 4,
            no: 1,
            abstain: 0,
            ballots: Default::default(),
            tie_choice: None,
            carried: true,
            rationale: None,
            departs_from_ranking: false,
            departing: vec![],
            over_budget: false,
            quorum: VoteQuorum { present: 5, required: 3 },
        };
        let d = EventKind::VoteRecorded(Box::new(vote.clone())).describe();
        assert_eq!(event(&d, &DE), "Abstimmung: D0001 Nachrückerliste Platz 2 angenommen");
        assert_eq!(
            event(&d, &EN),
            format!("{}: D0001 waiting list position 2 carried", EN.record.events[17])
        );
        let en_bloc = Vote {
            subject: VoteSubject::EnBloc {
                items: vec![
                    Proposal { dossier: "D0000".into(), outcome: Outcome::Admitted },
                    Proposal { dossier: "D0001".into(), outcome: Outcome::NotAdmitted },
                ],
            },
            carried: false,
            ..vote
        };
        let d = EventKind::VoteRecorded(Box::new(en_bloc)).describe();
        assert_eq!(event(&d, &DE), "Abstimmung: D0000, D0001 abgelehnt");
    }
}
