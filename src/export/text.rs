//! The words of the CSV files, in the session's language (exports follow
//! the session language, PRODUCT.md §8). The minutes have their own table.

use crate::domain::Language;

pub struct ExportText {
    /// The first column of every CSV row says whether the export is a draft.
    pub draft: &'static str,
    pub signed_off: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub admitted: &'static str,
    pub waiting_list: &'static str,
    pub not_admitted: &'static str,
    pub deferred: &'static str,
    /// A deferral with why: not quorate, the committee's, withdrawn.
    pub deferral_kinds: [&'static str; 3],
    pub undecided: &'static str,
    pub admission_header: [&'static str; 15],
    pub scores_header: [&'static str; 13],
    pub mean: &'static str,
    pub median: &'static str,
}

pub fn text(lang: Language) -> &'static ExportText {
    match lang {
        Language::De => &DE,
        Language::En => &EN,
    }
}

const DE: ExportText = ExportText {
    draft: "ENTWURF",
    signed_off: "freigegeben",
    yes: "ja",
    no: "nein",
    admitted: "aufgenommen",
    waiting_list: "Nachrückerliste",
    not_admitted: "nicht aufgenommen",
    deferred: "vertagt",
    deferral_kinds: [
        "vertagt (nicht beschlussfähig)",
        "vertagt (Beschluss des Gremiums)",
        "vertagt (Antrag zurückgezogen)",
    ],
    undecided: "offen",
    admission_header: [
        "Status",
        "Rang",
        "Gleichstand",
        "Kennung",
        "Kommune",
        "Regierungsbezirk",
        "Ländlicher Raum",
        "Gesamtpunktzahl",
        "Beantragt (EUR)",
        "Kumuliert (EUR)",
        "Beschluss",
        "Nachrückerplatz",
        "Ja",
        "Nein",
        "Enthaltung",
    ],
    scores_header: [
        "Status",
        "Kennung",
        "Runde",
        "Zählt",
        "Kriterium",
        "Gewicht",
        "Mitglied",
        "Name",
        "Punkte",
        "{aggregate}",
        "Spannweite",
        "Dissens",
        "Gesamtpunktzahl der Runde",
    ],
    mean: "Mittelwert",
    median: "Median",
};

const EN: ExportText = ExportText {
    draft: "DRAFT",
    signed_off: "signed off",
    yes: "yes",
    no: "no",
    admitted: "admitted",
    waiting_list: "waiting list",
    not_admitted: "not admitted",
    deferred: "deferred",
    deferral_kinds: [
        "deferred (not quorate)",
        "deferred (committee's resolution)",
        "deferred (application withdrawn)",
    ],
    undecided: "open",
    admission_header: [
        "Status",
        "Rank",
        "Tied",
        "Id",
        "Municipality",
        "Region",
        "Rural",
        "Total score",
        "Requested (EUR)",
        "Cumulative (EUR)",
        "Decision",
        "Waiting position",
        "Yes",
        "No",
        "Abstain",
    ],
    scores_header: [
        "Status",
        "Id",
        "Round",
        "Counts",
        "Criterion",
        "Weight",
        "Member",
        "Name",
        "Score",
        "{aggregate}",
        "Spread",
        "Disagreement",
        "Round total",
    ],
    mean: "Mean",
    median: "Median",
};
