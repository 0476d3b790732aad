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
        let ok = |d: &Dossier| in_collection(d, declared);
        let pieces = pieces_for(bytes.len());
        let found = if keep {
            in_place(bytes, pieces, &|text| one(text, &ok)).map(Read::Kept)
        } else {
            in_place(bytes, pieces, &|text| one(text, &ok).map(|(d, at)| (d.id, at))).map(Read::Ids)
        };
        match found {
            InPlace::Read { format, dossiers } => (format == DOSSIERS_FORMAT).then_some(dossiers),
            InPlace::NotClean => None,
            InPlace::Guessed => skimmed(bytes, declared, keep),
        }
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
#[derive(Debug, PartialEq)]
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

/// A collection read the other way: its list skimmed first (serde checks
/// the syntax as it passes over each dossier and builds nothing), then
/// each dossier deserialized on every core.
pub(super) fn skimmed(text: &str, declared: Option<&[String]>, keep: bool) -> Option<Read> {
    let Obj(c): Obj<RawCollection<'_>> = strict(text, true)?;
    (c.format == DOSSIERS_FORMAT).then_some(())?;
    read_all(&c.dossiers, |d| in_collection(d, declared), keep)
}

/// What reading a collection in place found.
#[derive(Debug, PartialEq)]
pub(super) enum InPlace<L> {
    /// Read through as serde reads the collection (its `format` still to
    /// be compared): every dossier in file order.
    Read { format: String, dossiers: L },
    /// Not what the skim would take either: the spanned path is to look.
    NotClean,
    /// A piece began at a place guessed wrong (inside a dossier): read the
    /// file the other way ([`skimmed`]).
    Guessed,
}

impl<L> InPlace<L> {
    fn map<M>(self, f: impl FnOnce(L) -> M) -> InPlace<M> {
        match self {
            InPlace::Read { format, dossiers } => InPlace::Read { format, dossiers: f(dossiers) },
            InPlace::NotClean => InPlace::NotClean,
            InPlace::Guessed => InPlace::Guessed,
        }
    }
}

/// About how many bytes of a list one piece should hold at least.
const PIECE_BYTES: usize = 64 * 1024;

/// Pieces for a text of `len` bytes: a few per core for a large file, so
/// that a core done early takes the next; one for a small one.
pub(super) fn pieces_for(len: usize) -> usize {
    (len / PIECE_BYTES).clamp(1, 4 * rayon::current_num_threads())
}

/// A collection read without skimming its list first, which costs as much
/// as a fifth of reading a large file and runs on one core: the top-level
/// object's few fields are read in place, and the list of dossiers is cut
/// into `pieces` where a line starts a dossier as the first one's line
/// does (after `}` and `,`), each piece read on a core of its own. A raw
/// line break cannot lie inside a text, but a guessed place may lie inside
/// a dossier (an object written at the dossiers' indentation); so each
/// piece is read from where it starts to the first place at or past the
/// next piece's start, and must end exactly there: the first piece starts
/// where the list does, so each next start is then a dossier's. Any piece
/// that does not is `Guessed`, and nothing read from a wrong start is
/// used. `one` reads one dossier from the start of its text and says how
/// many bytes it took.
pub(super) fn in_place<T: Send>(
    text: &str,
    pieces: usize,
    one: &(dyn Fn(&str) -> Option<(T, usize)> + Sync),
) -> InPlace<Vec<T>> {
    let b = text.as_bytes();
    let mut at = skip_white(b, 0);
    if b.get(at) != Some(&b'{') {
        return InPlace::NotClean;
    }
    at = skip_white(b, at + 1);
    let (mut format, mut dossiers, mut schemas) = (None, None, 0);
    if b.get(at) != Some(&b'}') {
        loop {
            let Some((key, len)) = value::<String>(&text[at..]) else { return InPlace::NotClean };
            at = skip_white(b, at + len);
            if b.get(at) != Some(&b':') {
                return InPlace::NotClean;
            }
            at = skip_white(b, at + 1);
            let len = match key.as_str() {
                "dossiers" if dossiers.is_none() => match list(text, at, pieces, one) {
                    Listed::Read(read, end) => {
                        dossiers = Some(read);
                        end - at
                    }
                    Listed::NotClean => return InPlace::NotClean,
                    Listed::Guessed => return InPlace::Guessed,
                },
                "format" if format.is_none() => match value::<String>(&text[at..]) {
                    Some((f, len)) => {
                        format = Some(f);
                        len
                    }
                    None => return InPlace::NotClean,
                },
                // `$schema` is allowed at the top of a file, once (as in
                // `strict`)
                "$schema" => match value::<serde::de::IgnoredAny>(&text[at..]) {
                    Some((_, len)) => {
                        schemas += 1;
                        len
                    }
                    None => return InPlace::NotClean,
                },
                // a field the collection does not have, or one given twice
                _ => return InPlace::NotClean,
            };
            at = skip_white(b, at + len);
            match b.get(at) {
                Some(b',') => at = skip_white(b, at + 1),
                Some(b'}') => break,
                _ => return InPlace::NotClean,
            }
        }
    }
    // nothing but white space after the object
    if skip_white(b, at + 1) != b.len() || schemas > 1 {
        return InPlace::NotClean;
    }
    match (format, dossiers) {
        (Some(format), Some(dossiers)) => InPlace::Read { format, dossiers },
        _ => InPlace::NotClean,
    }
}

/// A list read in pieces.
enum Listed<T> {
    /// Its dossiers, and where it ends (past its `]`).
    Read(Vec<T>, usize),
    NotClean,
    Guessed,
}

/// The list that starts at `at` (`[`), read in pieces.
fn list<T: Send>(
    text: &str,
    at: usize,
    pieces: usize,
    one: &(dyn Fn(&str) -> Option<(T, usize)> + Sync),
) -> Listed<T> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'[') {
        return Listed::NotClean;
    }
    let first = skip_white(b, at + 1);
    match b.get(first) {
        Some(b']') => return Listed::Read(Vec::new(), first + 1),
        None => return Listed::NotClean,
        Some(_) => {}
    }
    let mut starts = vec![first];
    if pieces > 1 {
        // A list written one dossier under another is cut where a line
        // starts a dossier as the first one's line does; one written on a
        // single line is skimmed instead.
        let Some(line) = line_start(b, first) else { return Listed::Guessed };
        let finder = memchr::memmem::Finder::new(line);
        for k in 1..pieces {
            let from = (first + (b.len() - first) / pieces * k).max(starts[k - 1] + 1);
            match seeming_start(b, from, &finder) {
                Some(s) => starts.push(s),
                None => break,
            }
        }
    }
    let read = |k: usize| piece(text, starts[k], starts.get(k + 1).copied(), one);
    // A panic on the pool comes back here: it counts as not clean, and the
    // spanned path reads the file
    let Ok(read): Result<Vec<Piece<T>>, _> = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if starts.len() == 1 { vec![read(0)] } else { (0..starts.len()).into_par_iter().map(read).collect() }
    })) else {
        return Listed::NotClean;
    };
    let mut dossiers = Vec::with_capacity(read.iter().map(|p| p.read.len()).sum());
    let last = read.len() - 1;
    for (k, mut p) in read.into_iter().enumerate() {
        // every piece before this one ended where this one starts: it
        // starts where a dossier does
        match p.end {
            End::Failed => return Listed::NotClean,
            End::Reached(at) if k < last && at == starts[k + 1] => dossiers.append(&mut p.read),
            End::Closed(end) if k == last => {
                dossiers.append(&mut p.read);
                return Listed::Read(dossiers, end);
            }
            _ => return Listed::Guessed,
        }
    }
    Listed::Guessed
}

/// One piece of a list read.
struct Piece<T> {
    read: Vec<T>,
    end: End,
}

enum End {
    /// At the first dossier at or past the next piece's start, after a
    /// comma.
    Reached(usize),
    /// Past the list's `]`.
    Closed(usize),
    /// A dossier that does not read, or no comma or `]` after one.
    Failed,
}

/// Dossiers from `at` on, until the first at or past `until` (the next
/// piece's start), or to the end of the list.
fn piece<T>(
    text: &str,
    mut at: usize,
    until: Option<usize>,
    one: &dyn Fn(&str) -> Option<(T, usize)>,
) -> Piece<T> {
    let b = text.as_bytes();
    let mut read = Vec::new();
    loop {
        let Some((d, len)) = one(&text[at..]) else { return Piece { read, end: End::Failed } };
        read.push(d);
        at = skip_white(b, at + len);
        match b.get(at) {
            Some(b',') => at = skip_white(b, at + 1),
            Some(b']') => return Piece { read, end: End::Closed(at + 1) },
            _ => return Piece { read, end: End::Failed },
        }
        if until.is_some_and(|u| at >= u) {
            return Piece { read, end: End::Reached(at) };
        }
    }
}

/// The line break, indentation and `{` that the list's first dossier at
/// `first` starts with, when it starts a line.
fn line_start(b: &[u8], first: usize) -> Option<&[u8]> {
    let newline = b.get(..first)?.iter().rposition(|c| *c == b'\n')?;
    let line = b.get(newline..=first)?;
    line[1..line.len() - 1].iter().all(|c| matches!(c, b' ' | b'\t')).then_some(line)
}

/// The first place from `from` on that looks like the start of a dossier
/// after another: a `{` that starts a line as the first dossier's does
/// (`line`), with `}` and `,` before it and only white space between.
fn seeming_start(b: &[u8], from: usize, line: &memchr::memmem::Finder<'_>) -> Option<usize> {
    let mut at = from;
    while let Some(i) = b.get(at..).and_then(|rest| line.find(rest)) {
        let brace = at + i + line.needle().len() - 1;
        let mut before = b[..at + i].iter().rev().filter(|c| !is_white(**c));
        if before.next() == Some(&b',') && before.next() == Some(&b'}') {
            return Some(brace);
        }
        at = brace;
    }
    None
}

/// One dossier from the start of `text` (an object, no field unknown,
/// every check passed), and the bytes it took.
fn one(text: &str, ok: &(dyn Fn(&Dossier) -> bool + Sync)) -> Option<(Dossier, usize)> {
    let (Known(d), len) = value::<Known<Obj<Dossier>>>(text)?;
    d.map(|d| d.0).filter(|d| ok(d)).map(|d| (d, len))
}

/// A JSON value from the start of `text` and the bytes it took; what
/// follows it is not looked at.
fn value<'de, T: Deserialize<'de>>(text: &'de str) -> Option<(T, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<T>();
    let v = stream.next()?.ok()?;
    Some((v, stream.byte_offset()))
}

/// `T`, and whether serde passed over a field it does not know (`None`
/// then), as `strict` sees it inside a collection.
struct Known<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Known<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut unknown = false;
        let v = serde_ignored::deserialize(d, |_| unknown = true)?;
        Ok(Known((!unknown).then_some(v)))
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\t' | b'\r')
}

/// The first place from `at` on that is not JSON white space.
fn skip_white(b: &[u8], at: usize) -> usize {
    at + b.get(at..).map_or(0, |rest| rest.iter().take_while(|c| is_white(**c)).count())
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
