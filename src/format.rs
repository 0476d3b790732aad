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

/// `x` (not negative) with exactly `decimals` places, rounded half up
/// (*kaufmännisch*): 3.125 → "3.13", 84.25 → "84.3". The figure meant is
/// the decimal one: 8.425 is stored a hair below 8.425 and still rounds up.
/// Scores and their means are mostly whole or short decimals: those are
/// written from an integer, which is also many times faster than the exact
/// float formatting a minutes document would otherwise spend its time in.
fn plain_fixed(x: f64, decimals: usize) -> String {
    const POWERS: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    if let Some(&power) = POWERS.get(decimals) {
        let scaled = x * power;
        // Within a millionth of a step of a whole number of steps, the
        // digits are that number's; within a millionth of a half step,
        // the next one up's.
        let whole = if (scaled - scaled.round()).abs() < 1e-6 {
            Some(scaled.round())
        } else if (scaled - scaled.floor() - 0.5).abs() < 1e-6 {
            Some(scaled.floor() + 1.0)
        } else {
            None
        };
        if let Some(whole) = whole.filter(|_| scaled < 1e15) {
            let mut digits = (whole as u64).to_string();
            if digits.len() <= decimals {
                digits.insert_str(0, &"0".repeat(decimals + 1 - digits.len()));
            }
            let (int, frac) = digits.split_at(digits.len() - decimals);
            return if decimals == 0 { int.to_string() } else { format!("{int}.{frac}") };
        }
    }
    format!("{:.*}", decimals, x)
}

/// `x` with exactly `decimals` places, rounded half up, with a `.` and an
/// ASCII minus, never `-0`: what files meant for programs carry (CSV).
pub fn plain(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let text = plain_fixed(x.abs(), decimals);
    if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("-{text}") } else { text }
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
    fn away_from_halves_the_fast_path_writes_what_the_float_formatter_writes() {
        for x in [0.0, 1.0, 0.1 + 0.2, 12345.678, 79.76190476, 1e14, 0.0000004, 2.6749, 3.1251] {
            for d in 0..=7 {
                assert_eq!(plain_fixed(x, d), format!("{:.*}", d, x), "{x} to {d} places");
            }
        }
    }

    #[test]
    fn halves_round_up_kaufmaennisch() {
        // The float formatter rounds these to even, or down where the
        // binary value lies a hair below the decimal one.
        let cases = [
            (3.125, 2, "3.13"),
            (2.5, 0, "3"),
            (3.25, 1, "3.3"),
            (2.675, 2, "2.68"),
            (1.005, 2, "1.01"),
            (8.425, 2, "8.43"),
            (84.25, 1, "84.3"),
            (0.125, 2, "0.13"),
            (3.124999, 2, "3.12"),
        ];
        for (x, d, want) in cases {
            assert_eq!(plain_fixed(x, d), want, "{x} to {d} places");
        }
        assert_eq!(fixed(3.125, 2, Language::De), "3,13");
        assert_eq!(fixed(-3.125, 2, Language::De), "−3,13");
        assert_eq!(decimal(8.425, 2, Language::De), "8,43");
        assert_eq!(percent(84.25, Language::De), "84,3\u{a0}%");
        assert_eq!(percent_fixed(84.25, Language::En), "84.3%");
        assert_eq!(plain(3.125, 2), "3.13");
        assert_eq!(plain(-3.125, 2), "-3.13");
        assert_eq!(plain(-0.001, 2), "0.00");
        assert_eq!(plain(f64::NAN, 2), "");
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
