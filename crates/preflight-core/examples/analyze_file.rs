//! `cargo run --release -p preflight-core --example analyze_file -- <file> [repeat]`: analyses a
//! file `repeat` times and prints the time per run; used to profile (`valgrind --tool=callgrind`).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analyze_file <file> [repeat]");
        std::process::exit(2);
    };
    let repeat: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("analyze_file: cannot read '{path}': {e}");
            std::process::exit(2);
        }
    };
    let opts = preflight_core::Options::default();
    let start = std::time::Instant::now();
    let mut checks = 0;
    for _ in 0..repeat {
        checks += preflight_core::analyze(&bytes, &opts).checks.len();
    }
    let per = start.elapsed() / repeat.max(1);
    println!(
        "{} bytes, {} checks, {:?} per run",
        bytes.len(),
        checks / repeat.max(1) as usize,
        per
    );
}
