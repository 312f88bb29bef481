//! `cargo run --release -p preflight-core --example analyze_file -- <file> [runs]`: analyses a
//! file `runs` times in one process and prints each run's time and the median, bytes in memory
//! to finished `Report` (no file reading, no output). The allocator and its setting are the
//! CLI's. Used by `benches/compare.sh` and for profiling (`valgrind --tool=callgrind`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`, as in `preflight-cli`'s `main`.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // SAFETY: a plain FFI call that changes an allocator setting; no pointer is involved.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analyze_file <file> [runs]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("analyze_file: cannot read '{path}': {e}");
            std::process::exit(2);
        }
    };
    let opts = preflight_core::Options::default();
    let mut times = Vec::with_capacity(runs);
    let mut checks = 0;
    for _ in 0..runs {
        let start = std::time::Instant::now();
        let report = preflight_core::analyze(&bytes, &opts);
        times.push(start.elapsed());
        checks = report.checks.len();
    }
    let list: Vec<String> = times
        .iter()
        .map(|t| format!("{:.1}", t.as_secs_f64() * 1e3))
        .collect();
    times.sort();
    let median = times.get(times.len() / 2).map_or(0.0, |t| t.as_secs_f64());
    println!(
        "{} bytes, {} checks, runs (ms): {}; median {:.1} ms = {:.0} MB/s",
        bytes.len(),
        checks,
        list.join(" "),
        median * 1e3,
        bytes.len() as f64 / median / 1e6
    );
}
