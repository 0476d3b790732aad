//! One pass over a clean dossier file: serde straight into the domain types,
//! without the spanned tree, then on those types every check that the
//! schema and the semantic pass would make.
//!
//! The fast path only decides *whether* a file is clean. It accepts a file
//! when the spanned path would report nothing about it — no error, no
//! warning; anything else (a syntax error, an unknown field, a date in
//! another form, an id used twice, a warning) sends the load back to the
//! spanned path, which finds it again and says where. So the messages are
//! the spanned path's, always, and a clean file is read once.
//! `tests::fast_path_agrees` holds the two paths to that on mutated files.

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::strict::Obj;
use crate::domain::{DOSSIER_FORMAT, DOSSIERS_FORMAT, Dossier, is_valid_id};

/// The largest amount of money a file may give (2^53 − 1): every sum stays
/// exact (the schema's `maximum`).
const MAX_EUR: u64 = 9_007_199_254_740_991;

/// Every dossier of a clean file (only its id unless `keep`), in file
/// order; `None` when the spanned path must look at it. Whether the ids
/// are new to the session is the caller's to check.
pub(super) fn dossier_file(bytes: &[u8], declared: Option<&[String]>, keep: bool) -> Option<Read> {
    // A file that is not UTF-8 is not clean; one that is, is read as text,
    // which serde does not check again string by string.
    let bytes = std::str::from_utf8(bytes).ok()?;
    let collection = || {
        let Obj(c): Obj<RawCollection<'_>> = strict(bytes, true)?;
        (c.format == DOSSIERS_FORMAT).then_some(())?;
        read_all(&c.dossiers, |d| in_collection(d, declared), keep)
    };
    let single = || {
        let Obj(d): Obj<Dossier> = strict(bytes, true)?;
        let ok = d.format.as_deref().is_some_and(is_dossier_format) && clean(&d, declared);
        ok.then(|| if keep { Read::Kept(vec![d]) } else { Read::Ids(vec![d.id]) })
    };
    if names_the_collection_format(bytes.as_bytes()) { collection().or_else(single) } else { single() }
}

/// The dossiers of a file read, in file order: kept whole, or only their
/// ids (`validate` keeps none). One vector, handed on as it is: 2,000
/// dossiers are 1.3 MB, which a vector per dossier or a second vector
/// would copy again.
pub(super) enum Read {
    Kept(Vec<Dossier>),
    Ids(Vec<String>),
}

impl Read {
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Read::Kept(dossiers) => dossiers.iter().map(|d| d.id.as_str()).collect(),
            Read::Ids(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

fn in_collection(d: &Dossier, declared: Option<&[String]>) -> bool {
    d.format.as_deref().is_none_or(is_dossier_format) && clean(d, declared)
}

/// A collection with its dossiers as spans of the file: serde checks their
/// syntax as it skips over them, and builds nothing yet.
#[derive(Deserialize)]
struct RawCollection<'a> {
    format: String,
    #[serde(borrow)]
    dossiers: Vec<&'a RawValue>,
}

/// Below this many dossiers one core does it faster than two.
const PARALLEL_FROM: usize = 256;

/// Each dossier deserialized and checked, in file order; a dossier not
/// kept is dropped where it was made, its id kept. `None` if any one is
/// not clean.
fn read_all(raw: &[&RawValue], ok: impl Fn(&Dossier) -> bool + Sync + Send, keep: bool) -> Option<Read> {
    let one = |r: &&RawValue| strict::<Obj<Dossier>>(r.get(), false).map(|d| d.0).filter(|d| ok(d));
    if keep { each(raw, one).map(Read::Kept) } else { each(raw, |r| one(r).map(|d| d.id)).map(Read::Ids) }
}

/// `f` on each dossier on rayon's pool (every core, and a core that is
/// done takes the next dossiers), in file order; `None` if any gives none.
fn each<T: Send>(raw: &[&RawValue], f: impl Fn(&&RawValue) -> Option<T> + Sync + Send) -> Option<Vec<T>> {
    if raw.len() < PARALLEL_FROM {
        return raw.iter().map(f).collect();
    }
    // A panic on the pool comes back here: it counts as not clean, and the
    // spanned path reads the file
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| raw.par_iter().map(f).collect())).ok().flatten()
}

fn is_dossier_format(f: &str) -> bool {
    f == DOSSIER_FORMAT
}

/// A collection names its format somewhere (keys may come in any order);
/// a file that does not is a single dossier, and one that does is tried as
/// a collection first.
fn names_the_collection_format(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, DOSSIERS_FORMAT.as_bytes()).is_some()
}

/// Deserialize, refusing what serde would pass over: a field the types do
/// not know (the spanned path warns of it; `$schema` at the top of a file,
/// `file_top`, is allowed there and here, once). Duplicate keys are refused
/// by serde itself (struct fields) and by the domain's strict map.
fn strict<'de, T: Deserialize<'de>>(text: &'de str, file_top: bool) -> Option<T> {
    let mut unknown = false;
    // `$schema` given twice is a duplicate key to the spanned path; serde
    // passes over both
    let mut schemas = 0;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(&mut de, |path| {
        let top_schema = file_top
            && matches!(&path, serde_ignored::Path::Map { parent: serde_ignored::Path::Root, key } if key == "$schema");
        schemas += usize::from(top_schema);
        unknown |= !top_schema;
    })
    .ok()?;
    de.end().ok()?;
    (!unknown && schemas <= 1).then_some(value)
}

/// Every check of the schema and of the semantic pass on one dossier.
fn clean(d: &Dossier, declared: Option<&[String]>) -> bool {
    let money = |m: Option<u64>| m.is_none_or(|m| m <= MAX_EUR);
    let not_negative = |x: Option<f64>| x.is_none_or(|x| x.is_sign_positive());
    let f = &d.funding;
    is_valid_id(&d.id)
        && d.ags.as_deref().is_none_or(|a| a.len() == 8 && a.bytes().all(|b| b.is_ascii_digit()))
        && not_negative(d.area.hectares)
        && money(Some(f.requested_eur))
        && money(f.total_cost_eur)
        && f.municipal_share_percent.is_none_or(|p| p.is_sign_positive() && p <= 100.0)
        && f.total_cost_eur.is_none_or(|total| f.requested_eur <= total)
        && d.measures
            .iter()
            .all(|m| money(m.cost_eur) && !matches!((m.start_year, m.end_year), (Some(s), Some(e)) if e < s))
        && declared.is_none_or(|declared| d.eligibility.keys().all(|k| declared.contains(k)))
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
