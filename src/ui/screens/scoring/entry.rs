//! Typing a score as it is called out. One rule for every scale: a value is
//! committed as soon as what was typed is a value on the scale that no
//! further key could extend to another value on the scale ("3" on 0–4;
//! "7,5" or "10" on 1–10 in steps of 0.5). What could still grow ("7" on
//! 1–10 in halves) waits for the next key, Enter or Tab. What can never
//! become a value on the scale is refused at once.

use crate::domain::Scale;

/// Scales with more values than this are not searched for extensions:
/// values then wait for Enter or Tab.
const MAX_CANDIDATES: usize = 10_000;

/// What the keys typed so far amount to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typed {
    /// A value on the scale that no further key can change: record it.
    Commit(f64),
    /// Could still become a value (or another one): wait.
    Wait,
    /// Can never become a value on the scale; the number when it is one.
    Refuse(Option<f64>),
}

/// The values of a scale written the short way ("7", "7.5"), to tell
/// whether typed text can still grow into one.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleEntry {
    scale: Scale,
    /// Every value of the scale, `None` when there are too many to list.
    candidates: Option<Vec<String>>,
}

impl ScaleEntry {
    pub fn new(scale: Scale) -> ScaleEntry {
        let steps = if scale.step > 0.0 && scale.max >= scale.min {
            ((scale.max - scale.min) / scale.step + 1e-9).floor()
        } else {
            -1.0
        };
        let candidates = (steps >= 0.0 && steps < MAX_CANDIDATES as f64).then(|| {
            let decimals = decimals(scale.step);
            (0..=steps as usize).map(|k| canonical(scale.min + k as f64 * scale.step, decimals)).collect()
        });
        ScaleEntry { scale, candidates }
    }

    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Judge the text typed so far ("," counts as the decimal point).
    pub fn judge(&self, typed: &str) -> Typed {
        let text = typed.replace(',', ".");
        let exact = self.value(&text);
        let Some(candidates) = &self.candidates else {
            return match (exact, parse(&text)) {
                (None, Some(v)) if v > self.scale.max.max(0.0) * 10.0 => Typed::Refuse(Some(v)),
                _ => Typed::Wait,
            };
        };
        let grows = candidates.iter().any(|c| c.len() > text.len() && c.starts_with(&text));
        match (exact, grows) {
            (Some(v), false) => Typed::Commit(v),
            (_, true) => Typed::Wait,
            (None, false) => Typed::Refuse(parse(&text)),
        }
    }

    /// Enter or Tab: the typed text as a value, or why not.
    pub fn finish(&self, typed: &str) -> Result<f64, Option<f64>> {
        let text = typed.replace(',', ".");
        self.value(&text).ok_or_else(|| parse(&text))
    }

    fn value(&self, text: &str) -> Option<f64> {
        parse(text).filter(|v| self.scale.accepts(*v)).map(|v| snap(v, self.scale))
    }
}

/// A number as typed: digits with at most one point, optionally negative.
fn parse(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits == "." || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    text.parse().ok()
}

/// The exact step value near `v`, so that 0.1 + 0.2 never gets recorded.
fn snap(v: f64, scale: Scale) -> f64 {
    let k = ((v - scale.min) / scale.step).round();
    let d = decimals(scale.step) as i32;
    let factor = 10f64.powi(d);
    ((scale.min + k * scale.step) * factor).round() / factor
}

/// Places after the point the step needs (0.5 → 1, 0.25 → 2), at most 6.
pub fn decimals(step: f64) -> usize {
    (0..=6)
        .find(|d| ((step * 10f64.powi(*d as i32)).round() - step * 10f64.powi(*d as i32)).abs() < 1e-6)
        .unwrap_or(6)
}

/// The short way to write a value: no trailing zeros, "." as the point.
fn canonical(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(min: f64, max: f64, step: f64) -> ScaleEntry {
        ScaleEntry::new(Scale { min, max, step })
    }

    #[test]
    fn one_digit_commits_on_the_default_scale() {
        let e = entry(0.0, 4.0, 1.0);
        assert_eq!(e.judge("3"), Typed::Commit(3.0));
        assert_eq!(e.judge("0"), Typed::Commit(0.0));
        assert_eq!(e.judge("5"), Typed::Refuse(Some(5.0)));
        assert_eq!(e.judge(","), Typed::Refuse(None));
    }

    #[test]
    fn halves_wait_until_they_cannot_grow() {
        let e = entry(1.0, 10.0, 0.5);
        assert_eq!(e.judge("7"), Typed::Wait);
        assert_eq!(e.judge("7,"), Typed::Wait);
        assert_eq!(e.judge("7,5"), Typed::Commit(7.5));
        assert_eq!(e.judge("7.5"), Typed::Commit(7.5));
        assert_eq!(e.judge("7,0"), Typed::Commit(7.0));
        assert_eq!(e.judge("7,2"), Typed::Refuse(Some(7.2)));
        assert_eq!(e.judge("1"), Typed::Wait);
        assert_eq!(e.judge("10"), Typed::Commit(10.0));
        assert_eq!(e.judge("11"), Typed::Refuse(Some(11.0)));
        assert_eq!(e.judge("0"), Typed::Refuse(Some(0.0)));
        assert_eq!(e.finish("7"), Ok(7.0));
        assert_eq!(e.finish("7,"), Ok(7.0));
        assert_eq!(e.finish("0"), Err(Some(0.0)));
    }

    #[test]
    fn quarter_steps_and_negative_scales() {
        let e = entry(-2.0, 2.0, 0.25);
        assert_eq!(e.judge("-"), Typed::Wait);
        assert_eq!(e.judge("-1,75"), Typed::Commit(-1.75));
        assert_eq!(e.judge("2"), Typed::Commit(2.0));
        assert_eq!(e.judge("0,3"), Typed::Refuse(Some(0.3)));
        assert_eq!(e.judge("0,2"), Typed::Wait);
        assert_eq!(e.judge("0,25"), Typed::Commit(0.25));
    }

    #[test]
    fn huge_scales_wait_for_enter() {
        let e = entry(0.0, 1000.0, 0.01);
        assert_eq!(e.judge("12,5"), Typed::Wait);
        assert_eq!(e.finish("12,5"), Ok(12.5));
        assert_eq!(e.finish("12,505"), Err(Some(12.505)));
    }
}
