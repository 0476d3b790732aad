//! CSV in two dialects, on top of the `csv` crate.
//!
//! - [`Dialect::ExcelDe`]: what a German Excel opens with a double click:
//!   UTF-8 byte order mark, `;` between fields, decimal comma, dates as
//!   `dd.mm.yyyy`, percent as `71,3%`, CRLF line ends.
//! - [`Dialect::Rfc4180`]: for programs: no byte order mark, `,`, decimal
//!   point, ISO dates, percent as a plain number (the header says `%`),
//!   CRLF line ends.
//!
//! In both, text is untrusted: control characters and bidi overrides show
//! as visible placeholders (`text::clean_line`), and a text cell that a
//! spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`
//! (also full-width, and after leading spaces) or with a tab or a line
//! break — gets a leading `'` (CSV injection). results.json keeps the text
//! as it was, escaped by JSON.
//!
//! Money is a whole number of euros without grouping in both, so that it
//! stays a number in a spreadsheet.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    ExcelDe,
    Rfc4180,
}

impl Dialect {
    /// The name on the command line (`--csv excel-de|rfc4180`).
    pub fn name(self) -> &'static str {
        match self {
            Dialect::ExcelDe => "excel-de",
            Dialect::Rfc4180 => "rfc4180",
        }
    }
}

impl std::str::FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Dialect::ExcelDe, Dialect::Rfc4180]
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| format!("unknown CSV dialect {s:?}, expected \"excel-de\" or \"rfc4180\""))
    }
}

/// One field of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, possibly untrusted (guarded against formulas in `ExcelDe`).
    Text(String),
    Int(i64),
    /// Whole euros.
    Money(i64),
    /// A number with a fixed count of decimal places.
    Decimal {
        value: f64,
        places: usize,
    },
    /// A fraction (0.713) written as percent (71.3) with `places` decimals.
    Percent {
        fraction: f64,
        places: usize,
    },
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// The field's text in `dialect`, before CSV quoting.
    pub fn render(&self, dialect: Dialect) -> String {
        match self {
            Cell::Text(s) => {
                let clean = crate::text::clean_line(s);
                if starts_like_formula(s) { format!("'{clean}") } else { clean.into_owned() }
            }
            Cell::Int(n) | Cell::Money(n) => n.to_string(),
            Cell::Decimal { value, places } => decimal(*value, *places, dialect),
            Cell::Percent { fraction, places } => {
                let number = decimal(fraction * 100.0, *places, dialect);
                match dialect {
                    Dialect::ExcelDe if !number.is_empty() => format!("{number}%"),
                    _ => number,
                }
            }
            Cell::Date(d) => match dialect {
                Dialect::ExcelDe => d.format("%d.%m.%Y").to_string(),
                Dialect::Rfc4180 => d.format("%Y-%m-%d").to_string(),
            },
            Cell::Empty => String::new(),
        }
    }
}

/// Spreadsheets run a cell as a formula when it starts with one of these
/// (OWASP's list for CSV injection).
fn starts_like_formula(s: &str) -> bool {
    s.starts_with(['\t', '\r', '\n'])
        || s.trim_start_matches([' ', '\u{a0}', '\u{3000}'])
            .starts_with(['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'])
}

/// `value` rounded to `places` decimals; empty for NaN and infinities, and
/// never `-0`.
fn decimal(value: f64, places: usize, dialect: Dialect) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let s = crate::format::plain(value, places);
    match dialect {
        Dialect::ExcelDe => s.replace('.', ","),
        Dialect::Rfc4180 => s,
    }
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write CSV: {0}")]
pub struct CsvError(String);

/// A CSV file being built in memory.
pub struct CsvTable {
    dialect: Dialect,
    writer: csv::Writer<Vec<u8>>,
}

impl CsvTable {
    pub fn new(dialect: Dialect) -> Self {
        let mut start = Vec::new();
        if dialect == Dialect::ExcelDe {
            start.extend_from_slice("\u{FEFF}".as_bytes());
        }
        let writer = csv::WriterBuilder::new()
            .delimiter(match dialect {
                Dialect::ExcelDe => b';',
                Dialect::Rfc4180 => b',',
            })
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(start);
        CsvTable { dialect, writer }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), CsvError> {
        let fields: Vec<String> = cells.iter().map(|c| c.render(self.dialect)).collect();
        self.writer.write_record(&fields).map_err(|e| CsvError(e.to_string()))
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, CsvError> {
        self.writer.into_inner().map_err(|e| CsvError(e.error().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(dialect: Dialect) -> Vec<u8> {
        let mut t = CsvTable::new(dialect);
        t.row(&[
            Cell::text("Rang"),
            Cell::text("Kommune"),
            Cell::text("Fördersumme (EUR)"),
            Cell::text("Gesamt"),
            Cell::text("Anteil (%)"),
            Cell::text("Eingang"),
        ])
        .unwrap();
        t.row(&[
            Cell::Int(1),
            Cell::text("Darmstadt; Nord \"Quartier\""),
            Cell::Money(1_250_000),
            Cell::Decimal { value: 2.83333, places: 2 },
            Cell::Percent { fraction: 0.713, places: 1 },
            Cell::Date(NaiveDate::from_ymd_opt(2026, 9, 3).unwrap()),
        ])
        .unwrap();
        t.row(&[
            Cell::Int(2),
            Cell::text("=HYPERLINK(\"http://x\")"),
            Cell::Money(-5),
            Cell::Decimal { value: -0.0001, places: 2 },
            Cell::Percent { fraction: f64::NAN, places: 1 },
            Cell::Empty,
        ])
        .unwrap();
        t.finish().unwrap()
    }

    #[test]
    fn excel_de_bytes() {
        let expected = "\u{FEFF}Rang;Kommune;Fördersumme (EUR);Gesamt;Anteil (%);Eingang\r\n\
                        1;\"Darmstadt; Nord \"\"Quartier\"\"\";1250000;2,83;71,3%;03.09.2026\r\n\
                        2;\"'=HYPERLINK(\"\"http://x\"\")\";-5;0,00;;\r\n";
        assert_eq!(String::from_utf8(sample(Dialect::ExcelDe)).unwrap(), expected);
        assert_eq!(&sample(Dialect::ExcelDe)[..3], [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn rfc_4180_bytes() {
        let expected = "Rang,Kommune,Fördersumme (EUR),Gesamt,Anteil (%),Eingang\r\n\
                        1,\"Darmstadt; Nord \"\"Quartier\"\"\",1250000,2.83,71.3,2026-09-03\r\n\
                        2,\"'=HYPERLINK(\"\"http://x\"\")\",-5,0.00,,\r\n";
        assert_eq!(String::from_utf8(sample(Dialect::Rfc4180)).unwrap(), expected);
    }

    #[test]
    fn dialects_by_name() {
        assert_eq!("excel-de".parse::<Dialect>(), Ok(Dialect::ExcelDe));
        assert_eq!("rfc4180".parse::<Dialect>(), Ok(Dialect::Rfc4180));
        assert_eq!(
            "excel".parse::<Dialect>(),
            Err("unknown CSV dialect \"excel\", expected \"excel-de\" or \"rfc4180\"".to_string())
        );
    }

    #[test]
    fn formula_guard_covers_owasp_characters_in_both_dialects() {
        for dialect in [Dialect::ExcelDe, Dialect::Rfc4180] {
            for s in ["=1+1", "+49 611", "-x", "@SUM(A1)", " =1+1", "\u{a0}=x", "＝1+1", "＋1", "－1", "＠x"]
            {
                assert_eq!(Cell::text(s).render(dialect), format!("'{s}"), "{s:?}");
            }
            // Line breaks and tabs show as spaces once guarded.
            for (s, shown) in [("\tx", "' x"), ("\rx", "' x"), ("\n=1", "' =1")] {
                assert_eq!(Cell::text(s).render(dialect), shown, "{s:?}");
            }
            for s in ["Kassel", "1=1", "'quoted", ""] {
                assert_eq!(Cell::text(s).render(dialect), s);
            }
        }
        assert_eq!(Cell::Money(-5).render(Dialect::ExcelDe), "-5", "numbers are not guarded");
    }

    #[test]
    fn control_and_bidi_characters_show_as_placeholders() {
        for dialect in [Dialect::ExcelDe, Dialect::Rfc4180] {
            assert_eq!(
                Cell::text("Grebenstein \u{202e}NIAM\u{202c}").render(dialect),
                "Grebenstein \u{FFFD}NIAM\u{FFFD}"
            );
            assert_eq!(Cell::text("a\u{1b}]0;x\u{7}b").render(dialect), "a\u{241B}]0;x\u{2407}b");
        }
    }
}
