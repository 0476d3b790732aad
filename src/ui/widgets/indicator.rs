//! The at-a-glance comparison of an area's indicator with the city and the
//! state: an arrow for the direction, the ratio, and a word saying whether
//! that is worse or better — readable on a projector without colour.

use ratatui::style::Style;
use ratatui::text::Span;

use super::doc::{Align, fit};
use crate::domain::Language;
use crate::ui::format;
use crate::ui::strings::Strings;
use crate::ui::theme::Theme;

/// Width of one rendered comparison cell.
pub const CELL_WIDTH: usize = 19;

/// Below this relative difference two values count as the same.
const SAME_TOLERANCE: f64 = 0.02;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Worse,
    Better,
    Same,
    /// Direction known, but not whether higher is worse.
    Higher,
    Lower,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub verdict: Verdict,
    /// "×2,1" when a ratio makes sense, otherwise the signed difference.
    pub magnitude: String,
    /// The area's value is above the reference.
    pub higher: bool,
}

/// Compare the area's value with a reference value.
pub fn compare(area: f64, reference: f64, higher_is_worse: Option<bool>, lang: Language) -> Comparison {
    let diff = area - reference;
    let same = if reference == 0.0 { area == 0.0 } else { (diff / reference).abs() < SAME_TOLERANCE };
    let magnitude = if reference > 0.0 && area >= 0.0 {
        format!("×{}", format::decimal(area / reference, 1, lang))
    } else {
        let sign = if diff >= 0.0 { "+" } else { "" };
        format!("{sign}{}", format::decimal(diff, 1, lang))
    };
    let higher = diff > 0.0;
    let verdict = match (same, higher_is_worse) {
        (true, _) => Verdict::Same,
        (false, Some(worse_if_higher)) if higher == worse_if_higher => Verdict::Worse,
        (false, Some(_)) => Verdict::Better,
        (false, None) if higher => Verdict::Higher,
        (false, None) => Verdict::Lower,
    };
    Comparison { verdict, magnitude, higher }
}

impl Comparison {
    /// "▲ ×2,1 schlechter", padded to [`CELL_WIDTH`].
    pub fn span(&self, s: &Strings, t: &Theme) -> Span<'static> {
        let (word, style): (&str, Style) = match self.verdict {
            Verdict::Worse => (s.ind_worse, t.bad),
            Verdict::Better => (s.ind_better, t.ok),
            Verdict::Same => (s.ind_same, t.base),
            Verdict::Higher => (s.ind_higher, t.base),
            Verdict::Lower => (s.ind_lower, t.base),
        };
        let arrow = match (self.verdict, self.higher) {
            (Verdict::Same, _) => "=",
            (_, true) => "▲",
            (_, false) => "▼",
        };
        Span::styled(fit(&format!("{arrow} {} {word}", self.magnitude), CELL_WIDTH, Align::Left), style)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_follows_higher_is_worse() {
        let c = compare(24.0, 12.0, Some(true), Language::De);
        assert_eq!(c.verdict, Verdict::Worse);
        assert_eq!(c.magnitude, "×2");
        assert_eq!(compare(10.0, 20.0, Some(true), Language::De).verdict, Verdict::Better);
        assert_eq!(compare(10.0, 20.0, Some(false), Language::De).verdict, Verdict::Worse);
        assert_eq!(compare(10.0, 10.1, Some(true), Language::De).verdict, Verdict::Same);
        assert_eq!(compare(5.0, 2.0, None, Language::En).verdict, Verdict::Higher);
        assert_eq!(compare(-1.5, 0.0, None, Language::En).magnitude, "-1.5".replace('-', "−"));
    }

    #[test]
    fn span_reads_without_colour() {
        let s = &crate::ui::strings::DE;
        let t = crate::ui::theme::ThemeKind::Plain.theme();
        let span = compare(12.0, 6.0, Some(true), Language::De).span(s, &t);
        assert_eq!(span.content.trim_end(), "▲ ×2 schlechter");
        let span = compare(3.0, 6.0, Some(true), Language::De).span(s, &t);
        assert_eq!(span.content.trim_end(), "▼ ×0,5 besser");
    }
}
