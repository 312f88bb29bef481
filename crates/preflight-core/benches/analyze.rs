//! `cargo bench -p preflight-core --bench analyze`: time to analyse the 12 KB RHEL log (all OK)
//! and the 22 KB DNS-dead log, from bytes to a finished `Report`; and to compare two runs (the
//! proxy log before and after its fix, and two runs of 100 000 checks each).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use preflight_core::compare::compare;
use preflight_core::report::Report;
use preflight_core::{analyze, Options};

const RHEL: &[u8] = include_bytes!(
    "../../../tests/corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log"
);
const PROXY: &[u8] = include_bytes!(
    "../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log"
);
const DNS: &[u8] = include_bytes!(
    "../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log"
);

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("analyze");
    for (name, bytes) in [
        ("rhel_ok_12KB", RHEL),
        ("proxy_407_12KB", PROXY),
        ("dns_dead_22KB", DNS),
    ] {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| analyze(std::hint::black_box(bytes), &opts))
        });
    }
    g.finish();
}

const AFTER: &[u8] = include_bytes!(
    "../../../tests/fixtures/compare/CheckNWResult_vm-ubuntu-proxy03_202611220130.log"
);

/// `r` with `n` checks: its own, again and again, each to a destination of its own.
fn grown(r: &Report, n: usize) -> Report {
    let mut big = r.clone();
    big.checks = r
        .checks
        .iter()
        .cycle()
        .take(n)
        .enumerate()
        .map(|(i, c)| {
            let mut c = c.clone();
            c.target = format!("n{i}.{}", c.target);
            c
        })
        .collect();
    big
}

fn bench_compare(c: &mut Criterion) {
    let opts = Options::default();
    let (before, after) = (analyze(PROXY, &opts), analyze(AFTER, &opts));
    let mut g = c.benchmark_group("compare");
    g.bench_function("proxy_30_checks", |b| {
        b.iter(|| compare(std::hint::black_box(&before), &after))
    });
    let (big_before, big_after) = (grown(&before, 100_000), grown(&after, 100_000));
    g.sample_size(10);
    g.bench_function("100k_checks", |b| {
        b.iter(|| compare(std::hint::black_box(&big_before), &big_after))
    });
    g.finish();
}

criterion_group!(benches, bench, bench_compare);
criterion_main!(benches);
