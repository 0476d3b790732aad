//! Numbers, money and dates the way each language writes them. Pure, so
//! that the screens (`ui::format` re-exports this) and the documents
//! (the minutes, the exports) write them alike.

use chrono::NaiveDate;

use crate::domain::Language;

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn separators(lang: Language) -> (char, char) {
    match lang {
        Language::De => ('.', ','),
        Language::En => (',', '.'),
    }
}

/// A whole number with thousands separators: "12.345" / "12,345".
pub fn integer(n: u64, lang: Language) -> String {
    group(&n.to_string(), separators(lang).0)
}

/// Euros: "1.250.000 €" in German, "€1,250,000" in English.
pub fn money(eur: u64, lang: Language) -> String {
    let n = integer(eur, lang);
    match lang {
        Language::De => format!("{n}\u{a0}€"),
        Language::En => format!("€{n}"),
    }
}

/// A signed amount of euros (differences).
pub fn money_signed(eur: i128, lang: Language) -> String {
    let abs = money(u64::try_from(eur.unsigned_abs()).unwrap_or(u64::MAX), lang);
    if eur < 0 { format!("−{abs}") } else { abs }
}

/// A decimal with at most `max_decimals` places, trailing zeros dropped:
/// "12,5" / "12.5"; thousands grouped.
pub fn decimal(x: f64, max_decimals: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (thousands, point) = separators(lang);
    let text = plain_fixed(x.abs(), max_decimals);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    out.push_str(&group(int, thousands));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// `x` (not negative) with exactly `decimals` places, as `{:.*}` writes
/// it. Scores and their means are mostly whole or short decimals: those are
/// written from an integer, which is many times faster than the exact float
/// formatting a minutes document would otherwise spend most of its time in.
fn plain_fixed(x: f64, decimals: usize) -> String {
    const POWERS: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    if let Some(&power) = POWERS.get(decimals) {
        let scaled = x * power;
        // Within a millionth of a step of a whole number of steps, the
        // digits are that number's: rounding to `decimals` places gives it.
        if scaled < 1e15 && (scaled - scaled.round()).abs() < 1e-6 {
            let mut digits = (scaled.round() as u64).to_string();
            if digits.len() <= decimals {
                digits.insert_str(0, &"0".repeat(decimals + 1 - digits.len()));
            }
            let (int, frac) = digits.split_at(digits.len() - decimals);
            return if decimals == 0 { int.to_string() } else { format!("{int}.{frac}") };
        }
    }
    format!("{:.*}", decimals, x)
}

/// A decimal with exactly `decimals` places, for columns that line up by
/// the decimal point: "3,60" / "3.60"; thousands grouped.
pub fn fixed(x: f64, decimals: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (thousands, point) = separators(lang);
    let text = plain_fixed(x.abs(), decimals);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    out.push_str(&group(int, thousands));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A percentage with exactly one decimal: "90,0 %" / "90.0%".
pub fn percent_fixed(x: f64, lang: Language) -> String {
    let n = fixed(x, 1, lang);
    match lang {
        Language::De => format!("{n}\u{a0}%"),
        Language::En => format!("{n}%"),
    }
}

/// A percentage: "12,5 %" / "12.5%".
pub fn percent(x: f64, lang: Language) -> String {
    let n = decimal(x, 1, lang);
    match lang {
        Language::De => format!("{n}\u{a0}%"),
        Language::En => format!("{n}%"),
    }
}

/// A date: "26.11.2026" in German, "2026-11-26" in English (unambiguous).
pub fn date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::De => d.format("%d.%m.%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A time of day as the committee reads it: "14:05" (the event's own offset).
pub fn time(at: chrono::DateTime<chrono::FixedOffset>, _lang: Language) -> String {
    at.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_both_languages() {
        assert_eq!(money(1_250_000, Language::De), "1.250.000\u{a0}€");
        assert_eq!(money(1_250_000, Language::En), "€1,250,000");
        assert_eq!(money(0, Language::De), "0\u{a0}€");
        assert_eq!(money(999, Language::En), "€999");
        assert_eq!(money(1000, Language::En), "€1,000");
        assert_eq!(money_signed(-1500, Language::De), "−1.500\u{a0}€");
    }

    #[test]
    fn the_fast_path_writes_what_the_float_formatter_writes() {
        for x in [0.0, 1.0, 2.5, 3.25, 0.1 + 0.2, 2.675, 1.005, 12345.678, 79.76190476, 1e14, 0.0000004] {
            for d in 0..=7 {
                assert_eq!(plain_fixed(x, d), format!("{:.*}", d, x), "{x} to {d} places");
            }
        }
    }

    #[test]
    fn decimals_and_dates() {
        assert_eq!(decimal(12.5, 2, Language::De), "12,5");
        assert_eq!(decimal(1234.0, 2, Language::En), "1,234");
        assert_eq!(decimal(-0.001, 1, Language::De), "0");
        assert_eq!(decimal(-3.25, 2, Language::En), "−3.25");
        assert_eq!(percent(33.333, Language::De), "33,3\u{a0}%");
        assert_eq!(fixed(3.6, 2, Language::De), "3,60");
        assert_eq!(fixed(1234.5, 1, Language::En), "1,234.5");
        assert_eq!(fixed(-0.001, 2, Language::De), "0,00");
        assert_eq!(fixed(4.0, 0, Language::De), "4");
        assert_eq!(percent_fixed(90.0, Language::De), "90,0\u{a0}%");
        assert_eq!(percent_fixed(63.76, Language::En), "63.8%");
        let d = NaiveDate::from_ymd_opt(2026, 11, 6).unwrap();
        assert_eq!(date(d, Language::De), "06.11.2026");
        assert_eq!(date(d, Language::En), "2026-11-06");
    }
}
