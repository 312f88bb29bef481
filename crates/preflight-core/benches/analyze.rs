//! `cargo bench -p preflight-core --bench analyze`: time to analyse the 12 KB RHEL log (all OK)
//! and the 22 KB DNS-dead log, from bytes to a finished `Report`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
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

criterion_group!(benches, bench);
criterion_main!(benches);
