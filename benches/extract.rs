//! Speed of each stage, of the whole extraction, of batches, and of jieba-rs
//! as the reference, over the seed documents.
//!
//! ```sh
//! cargo bench --bench extract                  # everything (about 5 minutes on 2 cores)
//! cargo bench --bench extract -- stage/        # one family of groups
//! cargo bench --bench extract -- --quick       # stop at significance: much shorter
//! ```
//!
//! Groups: `stage/<name>` (decode, normalize, structure, segment, parties,
//! targets, dates, serialize) and `end_to_end`, each on every seed and on
//! the five seeds concatenated (`all5`), with `Throughput::Bytes` of the
//! input; `scaling` (`all5` repeated 1, 10 and 100 times: throughput should
//! stay flat); `batch` (1,000 documents of about 2.5 KB, cut from the
//! seeds at line ends, through a rayon pool of 1 and 2 threads sharing one
//! `Extractor`); `new` (`Extractor::new()`, the cold
//! cost of its first call (dictionaries parsed, rules compiled), the same
//! with jieba loaded, and `jieba_rs::Jieba::new()`); `reference` (jieba-rs
//! `cut` with HMM over `all5`, line by line).
//!
//! The `Extractor` is built once, outside the timed loops, and its lazies
//! (rules, jieba) are forced before any measurement. Sample counts and
//! times are small so that each group stays under a minute on 2 cores.

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId, Criterion,
    SamplingMode, Throughput,
};
use policy_extract::bench::Stages;
use policy_extract::decode::decode;
use policy_extract::dict::DictKind;
use policy_extract::Extractor;
use rayon::prelude::*;
use std::sync::OnceLock;
use std::time::Duration;

/// A named input text.
struct Input {
    name: String,
    text: String,
}

/// The seeds, in name order, and `all5`, their concatenation.
fn inputs() -> &'static [Input] {
    static INPUTS: OnceLock<Vec<Input>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds/")
            .map(|e| e.expect("seeds/ entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut out: Vec<Input> = paths
            .iter()
            .map(|p| Input {
                name: p.file_stem().unwrap().to_string_lossy()[..3].to_string(),
                text: std::fs::read_to_string(p).expect("a UTF-8 seed"),
            })
            .collect();
        let all = concat(&out, 1);
        out.push(Input {
            name: "all5".into(),
            text: all,
        });
        out
    })
}

/// The seeds concatenated `times` times, each document ending in a line break.
fn concat(seeds: &[Input], times: usize) -> String {
    let one: String = seeds
        .iter()
        .map(|s| format!("{}\n", s.text.trim_end()))
        .collect();
    one.repeat(times)
}

/// The stages of one warmed-up `Extractor`.
fn stages() -> &'static Stages {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    STAGES.get_or_init(|| {
        let stages = Stages::new(Extractor::new());
        // Force every lazy: jieba's dictionary and one full extraction.
        stages.extractor().words().jieba();
        let _ = stages.extractor().extract(&inputs()[0].text);
        stages
    })
}

/// Small samples and short times: the machine is shared.
fn short<M: criterion::measurement::Measurement>(g: &mut BenchmarkGroup<'_, M>) {
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
}

fn bench_stages(c: &mut Criterion) {
    let s = stages();
    let ex = s.extractor();
    // One group per stage; the stages after normalize read normalized text.
    let mut g = c.benchmark_group("stage/decode");
    short(&mut g);
    for i in inputs() {
        g.throughput(Throughput::Bytes(i.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&i.name), i, |b, i| {
            b.iter(|| decode(i.text.as_bytes(), None).expect("utf-8"))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/normalize");
    short(&mut g);
    for i in inputs() {
        g.throughput(Throughput::Bytes(i.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&i.name), i, |b, i| {
            b.iter(|| s.normalize(&i.text))
        });
    }
    g.finish();

    let normalized: Vec<(String, usize)> = inputs()
        .iter()
        .map(|i| (s.normalize(&i.text).text, i.text.len()))
        .collect();
    let parsed: Vec<_> = normalized.iter().map(|(t, _)| s.structure(t)).collect();
    let with_parties: Vec<_> = normalized
        .iter()
        .zip(&parsed)
        .map(|((t, _), p)| {
            let mut p = p.clone();
            s.parties(t, &mut p);
            p
        })
        .collect();
    let dates: Vec<_> = normalized
        .iter()
        .zip(&with_parties)
        .map(|((t, _), p)| s.dates(t, p))
        .collect();

    let mut g = c.benchmark_group("stage/structure");
    short(&mut g);
    for (i, (t, n)) in inputs().iter().zip(&normalized) {
        g.throughput(Throughput::Bytes(*n as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter(|| s.structure(t))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/segment");
    short(&mut g);
    for (i, (t, n)) in inputs().iter().zip(&normalized) {
        g.throughput(Throughput::Bytes(*n as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter(|| ex.words().cut(t).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/parties");
    short(&mut g);
    for ((i, (t, n)), p) in inputs().iter().zip(&normalized).zip(&parsed) {
        g.throughput(Throughput::Bytes(*n as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter_batched(
                || p.clone(),
                |mut p| s.parties(t, &mut p),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/targets");
    short(&mut g);
    for (((i, (t, n)), p), d) in inputs()
        .iter()
        .zip(&normalized)
        .zip(&with_parties)
        .zip(&dates)
    {
        g.throughput(Throughput::Bytes(*n as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter(|| s.targets(t, p, d))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/dates");
    short(&mut g);
    for ((i, (t, n)), p) in inputs().iter().zip(&normalized).zip(&with_parties) {
        g.throughput(Throughput::Bytes(*n as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter(|| s.dates(t, p))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage/serialize");
    short(&mut g);
    for i in inputs() {
        let doc = ex.extract(&i.text);
        g.throughput(Throughput::Bytes(i.text.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(&i.name), |b| {
            b.iter(|| serde_json::to_string(&doc).expect("serializable"))
        });
    }
    g.finish();
}

/// Bytes in, JSON out: what the CLI does per document, without file I/O.
fn end_to_end(ex: &Extractor, bytes: &[u8]) -> usize {
    let doc = ex.extract_bytes(bytes).expect("a text document");
    serde_json::to_string(&doc).expect("serializable").len()
}

fn bench_end_to_end(c: &mut Criterion) {
    let ex = stages().extractor();
    let mut g = c.benchmark_group("end_to_end");
    short(&mut g);
    for i in inputs() {
        g.throughput(Throughput::Bytes(i.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&i.name), i, |b, i| {
            b.iter(|| end_to_end(ex, i.text.as_bytes()))
        });
    }
    g.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let ex = stages().extractor();
    let seeds = &inputs()[..inputs().len() - 1];
    let mut g = c.benchmark_group("scaling");
    short(&mut g);
    // Long iterations: one run per sample.
    g.sampling_mode(SamplingMode::Flat);
    for times in [1, 10, 100] {
        let text = concat(seeds, times);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("all5", format!("{times}x")),
            &text,
            |b, t| b.iter(|| end_to_end(ex, t.as_bytes())),
        );
    }
    g.finish();
}

fn bench_batch(c: &mut Criterion) {
    let ex = stages().extractor();
    // Whole seeds (27 KB on average) would make one iteration last seconds
    // and the group minutes: the seeds are cut at line ends into pieces of
    // about 2.5 KB, and 1,000 of them (2.5 MB) make the batch.
    let pieces = pieces(&inputs()[inputs().len() - 1].text, 2500);
    let docs: Vec<&str> = (0..1000).map(|i| pieces[i % pieces.len()]).collect();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let mut g = c.benchmark_group("batch");
    short(&mut g);
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        g.bench_function(
            BenchmarkId::new("1000_docs", format!("{threads}_threads")),
            |b| {
                b.iter(|| {
                    pool.install(|| {
                        docs.par_iter()
                            .map(|d| end_to_end(ex, d.as_bytes()))
                            .sum::<usize>()
                    })
                })
            },
        );
    }
    g.finish();
}

/// `text` cut after line ends into pieces of at least `size` bytes (the
/// last one may be shorter).
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        if i + 1 - start >= size {
            out.push(&text[start..i + 1]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn bench_new(c: &mut Criterion) {
    let _ = stages(); // the rules' LazyLock is compiled once per process
    let mut g = c.benchmark_group("new");
    short(&mut g);
    g.bench_function("Extractor::new", |b| b.iter(Extractor::new));
    // What the first `Extractor::new()` of a process pays: the embedded
    // dictionaries parsed and the rules compiled (later calls share both).
    g.bench_function("cold: parse dicts+compile rules", |b| {
        b.iter(|| {
            DictKind::ALL
                .into_iter()
                .try_fold(Extractor::builder().without_embedded(), |bld, kind| {
                    bld.add_dict(kind, kind.embedded_text().as_bytes())
                })
                .and_then(|bld| bld.build())
                .expect("the embedded dictionaries load")
        })
    });
    g.bench_function("Extractor::new+jieba", |b| {
        b.iter(|| {
            let ex = Extractor::new();
            ex.words().jieba();
            ex
        })
    });
    g.bench_function("jieba_rs::Jieba::new", |b| b.iter(jieba_rs::Jieba::new));
    g.finish();
}

fn bench_reference(c: &mut Criterion) {
    let text = &inputs()[inputs().len() - 1].text;
    let jieba = jieba_rs::Jieba::new();
    let mut g = c.benchmark_group("reference");
    short(&mut g);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("jieba_cut_hmm/all5", |b| {
        b.iter(|| {
            text.lines()
                .map(|l| jieba.cut(l, true).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_stages,
    bench_end_to_end,
    bench_scaling,
    bench_batch,
    bench_new,
    bench_reference
);
criterion_main!(benches);
