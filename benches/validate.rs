//! `gremium validate` on a generated dossier collection of about 20 MB
//! (PRODUCT.md §9: at most a tenth of `jq . >/dev/null` on the same file).

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gremium::load::{Source, validate_paths};

/// One file held in memory.
struct Memory(Vec<u8>);

impl Source for Memory {
    fn read(&self, _: &Path) -> io::Result<Cow<'_, [u8]>> {
        Ok(Cow::Borrowed(&self.0))
    }
    fn read_dir(&self, _: &Path) -> io::Result<Vec<PathBuf>> {
        Ok(Vec::new())
    }
    fn is_dir(&self, _: &Path) -> bool {
        false
    }
}

fn bench(c: &mut Criterion) {
    let text = gremium::load::sample_collection(20_000_000);
    let src = Memory(text.into_bytes());
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(src.0.len() as u64));
    group.bench_function("collection_20mb", |b| {
        b.iter(|| {
            let report = validate_paths(&src, &[PathBuf::from("big.json")], false);
            assert_eq!(report.exit_code(), 0);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
