#!/usr/bin/env bash
# Sets up what the tests need on a fresh machine, then runs every test: formatting and lint gates,
# the native suite (core + CLI: corpus, fixtures, snapshots, properties), the CLI's Windows build,
# then the web suite (with the GitHub workflows through actionlint).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings

step "native tests"
cargo test --locked

step "the CLI for Windows (x86_64-pc-windows-gnu, Debian's mingw-w64)"
bash scripts/windows-gnu.sh

if [[ -x scripts/web-test.sh && "${PREFLIGHT_SKIP_WEB:-}" != 1 ]]; then
  step "web tests"
  bash scripts/web-test.sh
fi
