//! A candidate-site dossier (`gremium.dossier/1`) and the collection format
//! (`gremium.dossiers/1`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const DOSSIER_FORMAT: &str = "gremium.dossier/1";
pub const DOSSIERS_FORMAT: &str = "gremium.dossiers/1";

/// A file holding several dossiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "gremium dossier collection")]
pub struct DossierCollection {
    /// Always `gremium.dossiers/1`.
    #[schemars(extend("const" = "gremium.dossiers/1"))]
    pub format: String,
    #[serde(deserialize_with = "strict::objects")]
    pub dossiers: Vec<Dossier>,
}

/// One application: a municipality with its neighbourhood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "gremium dossier")]
pub struct Dossier {
    /// `gremium.dossier/1` in a single-dossier file; may be left out inside a
    /// collection.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::present_string")]
    #[schemars(extend("const" = "gremium.dossier/1"))]
    pub format: Option<String>,
    /// Kennung.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))]
    pub id: String,
    /// Kommune.
    pub municipality: String,
    /// Amtlicher Gemeindeschlüssel, 8 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{8}$"))]
    pub ags: Option<String>,
    /// Landkreis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Regierungsbezirk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Ländlicher Raum.
    #[serde(default)]
    pub rural: bool,
    /// Fördergebiet.
    #[serde(deserialize_with = "strict::object")]
    pub area: Area,
    /// Eingang (date the application was received).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::date")]
    pub submitted: Option<NaiveDate>,
    /// Kurzbeschreibung.
    pub summary: String,
    /// Städtebauliche und soziale Missstände.
    #[serde(default)]
    pub deficits: Vec<String>,
    /// Indikatoren: the area compared with the city and the state.
    #[serde(default, deserialize_with = "strict::objects")]
    pub indicators: Vec<Indicator>,
    /// Integriertes Entwicklungskonzept.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::object_or_null")]
    pub concept: Option<Concept>,
    /// Beteiligung, Quartiersmanagement.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::object_or_null")]
    pub participation: Option<Participation>,
    /// Maßnahmen.
    #[serde(default, deserialize_with = "strict::objects")]
    pub measures: Vec<Measure>,
    /// Finanzierung.
    #[serde(deserialize_with = "strict::object")]
    pub funding: Funding,
    /// Formale Prüfung: result of each declared eligibility check.
    #[serde(default, deserialize_with = "strict::unique_keys")]
    pub eligibility: BTreeMap<String, bool>,
    /// Ansprechperson.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::object_or_null")]
    pub contact: Option<Contact>,
    /// Anlagen.
    #[serde(default, deserialize_with = "strict::objects")]
    pub attachments: Vec<Attachment>,
    /// Hinweise der Geschäftsstelle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Dossier {
    /// Ids of declared checks this dossier fails or leaves unanswered.
    pub fn failed_checks<'a>(
        &'a self,
        checks: &'a [super::EligibilityCheck],
    ) -> impl Iterator<Item = &'a super::EligibilityCheck> {
        checks.iter().filter(|c| self.eligibility.get(&c.id) != Some(&true))
    }
}

/// Fördergebiet: the neighbourhood applied for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Area {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub hectares: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residents: Option<u64>,
    /// Kind of area, e.g. "Großwohnsiedlung", "Innenstadt", "Ortskern".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// One indicator: the area's value against the city's and the state's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    pub key: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Value in the area.
    pub area: f64,
    /// Value in the whole municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<f64>,
    /// Value in the state (Land).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when a higher value means a worse situation (unemployment rate);
    /// false when higher is better (share of green space). Unknown if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub higher_is_worse: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IsekStatus {
    /// Adopted by the municipal council.
    Adopted,
    /// A draft exists.
    Draft,
    /// The council resolved to draw one up (Aufstellungsbeschluss).
    Resolution,
    None,
}

/// Integriertes städtebauliches Entwicklungskonzept (ISEK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Concept {
    pub isek: IsekStatus,
    /// Date of adoption or resolution.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict::date")]
    pub isek_date: Option<NaiveDate>,
    /// Handlungsfelder.
    #[serde(default)]
    pub fields_of_action: Vec<String>,
    /// How the concept deals with climate protection and adaptation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climate: Option<String>,
    /// How the area's concept is embedded in the citywide development plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citywide: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuarterManagement {
    Existing,
    Planned,
    None,
}

/// Beteiligung und Quartiersmanagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Participation {
    pub quarter_management: QuarterManagement,
    /// Formats of participation (Stadtteilkonferenz, Bürgerforum …).
    #[serde(default)]
    pub formats: Vec<String>,
    /// Whether a local partnership (lokale Partnerschaft) exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_partnership: Option<bool>,
}

/// A planned measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// At most 2^53 − 1: every amount and sum stays exact.
    #[schemars(range(max = 9_007_199_254_740_991.0))]
    pub cost_eur: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_year: Option<i32>,
}

/// Finanzierung.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Funding {
    /// Amount requested; this is what counts against the budget.
    #[schemars(range(max = 9_007_199_254_740_991.0))]
    pub requested_eur: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 9_007_199_254_740_991.0))]
    pub total_cost_eur: Option<u64>,
    /// Municipal share of eligible costs, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 100.0))]
    pub municipal_share_percent: Option<f64>,
    /// Whether the municipality is under a budget-recovery scheme
    /// (Haushaltssicherung), which lowers its own share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_recovery: Option<bool>,
}

/// Ansprechperson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// An attachment listed with the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    pub title: String,
    /// Path relative to the dossier file.
    pub path: String,
}

/// Deserializers as strict as the loader's checks (PRODUCT.md §3): a date
/// only in the form `YYYY-MM-DD`, a map without a key given twice, a
/// record only as an object (serde would take `["Titel", null]` for a
/// measure, its fields in order). The
/// loader's fast path relies on serde refusing what the checks refuse
/// (docs/decisions.md, "Where serde is more lenient than the schema").
pub mod strict {
    use std::collections::BTreeMap;
    use std::fmt;

    use std::marker::PhantomData;

    use chrono::NaiveDate;
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Error, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let s: Option<String> = serde::Deserialize::deserialize(d)?;
        s.map(|s| {
            super::iso_date(&s)
                .ok_or_else(|| D::Error::custom(format!("`{s}` is not a date in the form YYYY-MM-DD")))
        })
        .transpose()
    }

    /// A text that, when given, is a string: `null` does not stand for
    /// leaving it out (the checks refuse `"format": null`).
    pub fn present_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        String::deserialize(d).map(Some)
    }

    /// A struct only from a JSON object.
    pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
        d.deserialize_map(ObjectOnly(PhantomData))
    }

    pub fn object_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        struct OrNull<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrNull<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or null")
            }
            fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                object(d).map(Some)
            }
        }
        d.deserialize_option(OrNull(PhantomData))
    }

    /// A list of structs, each from a JSON object.
    pub fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        struct Each<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Each<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(Obj(x)) = seq.next_element::<Obj<T>>()? {
                    out.push(x);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Each(PhantomData))
    }

    /// `T` that deserializes only from an object (whole files go through it).
    pub struct Obj<T>(pub T);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            object(d).map(Obj)
        }
    }

    struct ObjectOnly<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }

    pub fn unique_keys<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, bool>, D::Error> {
        struct Unique;
        impl<'de> Visitor<'de> for Unique {
            type Value = BTreeMap<String, bool>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of true/false answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, bool>()? {
                    if out.contains_key(&key) {
                        return Err(A::Error::custom(format!("duplicate key `{key}`")));
                    }
                    out.insert(key, value);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Unique)
    }
}

/// A date written exactly as `YYYY-MM-DD` that exists in the calendar.
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = iso_date_parts(s)?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Year, month and day of a string shaped `YYYY-MM-DD` (digits), whether or
/// not that day exists.
pub fn iso_date_parts(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
    shape.then(|| (num(0..4) as i32, num(5..7), num(8..10)))
}
