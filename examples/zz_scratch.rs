use gremium::domain::Dossier;
use rayon::prelude::*;
use serde_json::value::RawValue;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Raw<'a> {
    #[allow(dead_code)]
    format: String,
    #[serde(borrow)]
    dossiers: Vec<&'a RawValue>,
}

fn ign<'de, T: serde::Deserialize<'de>>(s: &'de str) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(s);
    let mut unknown = false;
    let v = serde_ignored::deserialize(&mut de, |_| unknown = true).ok()?;
    de.end().ok()?;
    (!unknown).then_some(v)
}

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t0 = Instant::now();
    let bytes = gremium::files::read_whole(std::path::Path::new(&path)).unwrap();
    let t1 = Instant::now();
    let s = std::str::from_utf8(&bytes).unwrap();
    let t2 = Instant::now();
    let raw: Raw = ign(s).unwrap();
    let t3 = Instant::now();
    let ids: Option<Vec<String>> =
        raw.dossiers.par_iter().map(|r| ign::<Dossier>(r.get()).map(|d| d.id)).collect();
    let t4 = Instant::now();
    let ids2: Option<Vec<String>> =
        raw.dossiers.iter().map(|r| ign::<Dossier>(r.get()).map(|d| d.id)).collect();
    let t5 = Instant::now();
    let raw2: Raw = ign(s).unwrap();
    let t6 = Instant::now();
    let _ = (ids2, raw2);
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    println!(
        "read {:.1} utf8 {:.1} skim {:.1} parde {:.1} serde {:.1} skim2 {:.1} n {}",
        ms(t0, t1),
        ms(t1, t2),
        ms(t2, t3),
        ms(t3, t4),
        ms(t4, t5),
        ms(t5, t6),
        ids.map_or(0, |v| v.len())
    );
}
