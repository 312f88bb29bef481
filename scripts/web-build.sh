#!/usr/bin/env bash
# Builds the web page into dist/ (release, size-optimised, relative URLs), fully offline once the
# crates are fetched. Installs missing tools first (scripts/web-setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/web-setup.sh "$@"
cargo fetch --locked            # Trunk builds offline (Trunk.toml), so cargo gets nothing later
trunk build --release --locked
# Trunk minifies the HTML and CSS (Trunk.toml). Its JavaScript minifier cannot read
# wasm-bindgen's module glue (it warns "Failed to minify JS" and keeps the file as it is);
# terser, from tests/e2e's locked npm packages, can. Minifying changes no exported name.
for js in dist/*.js; do
  terser "$js" --module --compress --mangle --output "$js"
done
