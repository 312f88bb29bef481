#!/usr/bin/env bash
# The web part of the tests, from a fresh clone: installs what is missing, builds the page, runs
# the page's own tests in headless Chromium (wasm-bindgen-test), then the end-to-end browser tests
# against the built page (tests/e2e: every corpus file, both languages, privacy, budgets).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; }

step "tools (installed only when missing)"
. scripts/web-setup.sh --browser

step "cargo clippy of the page's WebAssembly build (warnings are errors)"
cargo clippy --locked -p preflight-web --target wasm32-unknown-unknown --all-targets -- -D warnings

step "build the page (dist/), exactly as it is deployed"
bash scripts/web-build.sh

step "the CLI the browser tests compare with"
cargo build --locked -p preflight-cli

step "wasm-bindgen tests (headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked -p preflight-web --target wasm32-unknown-unknown --test web

step "browser tests of the built page"
target_dir="${CARGO_TARGET_DIR:-target}"
[[ "$target_dir" == /* ]] || target_dir="$PWD/$target_dir"
(cd tests/e2e && PREFLIGHT_BIN="$target_dir/debug/preflight" npm test)
