//! Numbers, money and dates the way each language writes them.

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
    let text = format!("{:.*}", max_decimals, x.abs());
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

/// A percentage: "12,5 %" / "12.5%".
pub fn percent(x: f64, lang: Language) -> String {
    let n = decimal(x, 1, lang);
    match lang {
        Language::De => format!("{n}\u{a0}%"),
        Language::En => format!("{n}%"),
    }
}

/// A decimal with exactly `decimals` places, for columns that line up by
/// the decimal point: "3,60" / "3.60"; thousands grouped.
pub fn fixed(x: f64, decimals: usize, lang: Language) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (thousands, point) = separators(lang);
    let text = format!("{:.*}", decimals, x.abs());
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
