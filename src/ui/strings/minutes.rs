//! Texts of the minutes screen (*Niederschrift*). The document itself is
//! in the session's language from `minutes::text`; these are the screen's
//! own words around it, in the screen language.

#[derive(Debug)]
pub struct MinutesStrings {
    pub screen: &'static str,
    /// Action label of the screen key.
    pub show: &'static str,
    pub add_note: &'static str,
    pub draft: &'static str,
    pub signed: &'static str,
    /// "{}" is the language's name.
    pub language: &'static str,
    /// German, English: in the order of `Language`.
    pub languages: [&'static str; 2],
    /// "{from}", "{to}", "{total}".
    pub lines: &'static str,
    /// Where `n` puts the note: "{}" is the current item.
    pub note_on_item: &'static str,
    pub note_general: &'static str,
    /// While a long session's minutes are built: "{}" is the percentage.
    pub building: &'static str,
    /// A scrolling key pressed meanwhile.
    pub still_building: &'static str,
}

pub static DE: MinutesStrings = MinutesStrings {
    screen: "Niederschrift",
    show: "Niederschrift",
    add_note: "Notiz einfügen",
    draft: "⚠ ENTWURF – nicht freigegeben",
    signed: "✓ freigegeben",
    language: "in {}",
    languages: ["Deutsch", "Englisch"],
    lines: "{from}–{to} / {total}",
    note_on_item: "n: Notiz zu {}",
    note_general: "n: allgemeine Notiz",
    building: "Die Niederschrift wird erstellt … {} %",
    still_building: "die Niederschrift wird noch erstellt – danach lässt sie sich blättern",
};

pub static EN: MinutesStrings = MinutesStrings {
    screen: "Minutes",
    show: "Minutes",
    add_note: "add a note",
    draft: "⚠ DRAFT – not signed off",
    signed: "✓ signed off",
    language: "in {}",
    languages: ["German", "English"],
    lines: "{from}–{to} / {total}",
    note_on_item: "n: note on {}",
    note_general: "n: general note",
    building: "Building the minutes … {} %",
    still_building: "the minutes are still being built – they scroll once they are there",
};
