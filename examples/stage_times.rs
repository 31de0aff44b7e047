//! Times each stage of the pipeline on one file, best of N runs, for the
//! README's stage table (criterion's `stage/*` groups time the same stages
//! on the seeds; this runs them on a file of any size):
//!
//! ```sh
//! cargo run --release --example stage_times -- /tmp/seeds75.txt 5
//! ```
//!
//! The stages run one after the other on one thread; `extract` is the whole
//! `Extractor::extract` (which uses a second thread from 1 MiB of input).

use policy_extract::bench::Stages;
use policy_extract::Extractor;
use std::time::{Duration, Instant};

/// The shortest of `runs` timings of `f`, and its last result.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    match out {
        Some(r) => (best, r),
        None => unreachable!("at least one run"),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stage_times FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mb = text.len() as f64 / 1e6;
    let row = |name: &str, d: Duration| {
        let ms = d.as_secs_f64() * 1e3;
        println!("{name:<10} {ms:>9.1} ms {:>8.1} MB/s", mb / d.as_secs_f64());
    };
    let once = |name: &str, d: Duration| {
        println!("{name:<10} {:>9.1} ms (once)", d.as_secs_f64() * 1e3);
    };
    let (d, stages) = best(1, || Stages::new(Extractor::new()));
    once("new", d);
    let (d, _) = best(1, || {
        stages.extractor().extract("到2025年，覆盖率达到90%。")
    });
    once("jieba load", d);
    let (d, norm) = best(runs, || stages.normalize(&text));
    row("normalize", d);
    let (d, parsed) = best(runs, || stages.structure(&norm.text));
    row("structure", d);
    let (d, parsed) = best(runs, || {
        let mut p = parsed.clone();
        stages.parties(&norm.text, &mut p);
        p
    });
    row("parties", d);
    let (d, dates) = best(runs, || stages.dates(&norm.text, &parsed));
    row("dates", d);
    let (d, _) = best(runs, || stages.targets(&norm.text, &parsed, &dates));
    row("targets", d);
    let (d, doc) = best(runs, || stages.extractor().extract(&text));
    row("extract", d);
    let (d, json) = best(runs, || serde_json::to_string(&doc).unwrap_or_default());
    row("serialize", d);
    println!(
        "{} measures, {} targets, {} dates, {} bytes of JSON",
        doc.measures.len(),
        doc.targets.len(),
        doc.dates.len(),
        json.len()
    );
}
