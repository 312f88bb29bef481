#!/usr/bin/env bash
# Times `preflight analyze --format jsonl` on a folder of 400 logs (the corpus's four Linux
# logs, 100 copies each) and prints the wall time and peak memory of three runs.
# Usage: bash benches/batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p preflight-cli -q
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir.time"' EXIT
for i in $(seq 1 100); do
  for f in tests/corpus/connectivity/logs/*.log; do cp "$f" "$dir/$i-$(basename "$f")"; done
done
echo "$(ls "$dir" | wc -l) files, $(du -sh "$dir" | cut -f1), $(nproc) cores"
for _ in 1 2 3; do
  # Exit status 1: some of the logs show failures, as they should.
  /usr/bin/time -f "%e s wall, %M KB peak" target/release/preflight analyze -f jsonl "$dir" > /dev/null 2> "$dir.time" || true
  tail -n 1 "$dir.time"
done
