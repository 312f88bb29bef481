#!/usr/bin/env bash
# Sets up, shows the CLI on a sample log, then builds and serves the web viewer and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --locked --release -p preflight-cli
sample=tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log
printf '\n$ preflight analyze %s\n\n' "$sample"
./target/release/preflight analyze "$sample" || true   # exit 1 = a failure was found, as expected here

if [[ -x scripts/serve.sh ]]; then
  exec bash scripts/serve.sh
fi
