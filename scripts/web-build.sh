#!/usr/bin/env bash
# Builds the web page into dist/ (release, size-optimised, relative URLs), fully offline once the
# crates are fetched. Installs missing tools first (scripts/web-setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/web-setup.sh "$@"
cargo fetch --locked            # Trunk builds offline (Trunk.toml), so cargo gets nothing later
trunk build --release --locked
