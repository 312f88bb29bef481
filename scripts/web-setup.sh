#!/usr/bin/env bash
# Installs what building the web page needs, skipping whatever is already there:
# the wasm32 target, Trunk, the wasm-bindgen CLI matching Cargo.lock, and the npm packages of
# tests/e2e (binaryen's wasm-opt for release builds, playwright-core for the browser tests).
# With --browser, also Debian's Chromium, its WebDriver and a Japanese font (for the tests).
# Source it (`. scripts/web-setup.sh`) to keep its PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true   # Trunk must not ask the network for updates
TRUNK_VERSION=0.21.14                  # 0.22 needs a newer rustc than this project's
WB_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

apt_install() {
  if [[ -z "${PREFLIGHT_APT_UPDATED:-}" ]]; then
    apt-get update -q
    export PREFLIGHT_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if [[ " $* " == *" --browser "* ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # The screenshots show Japanese; without a CJK font it would be drawn as boxes.
  if [[ -z "$(fc-list :lang=ja 2>/dev/null)" ]]; then
    apt_install fonts-noto-cjk
  fi
fi
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]]; then
  # --locked fails for some releases (their lock file names a yanked crate); retry without.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --locked ||
    cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
# npm's binaryen first: Debian's wasm-opt is too old for wasm-bindgen's output.
export PATH="$PWD/tests/e2e/node_modules/.bin:$PATH"
