#!/usr/bin/env bash
# Scale in the browser (benches/browser.mjs): builds the page if needed, then times it in
# headless Chromium on 12 KB to 100 MB inputs and prints a Markdown table.
#
#   bash benches/browser.sh [sizes...]        # default sizes: 12K 1M 10M 100M
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/web-setup.sh --browser
[[ -f dist/index.html ]] || bash scripts/web-build.sh
node benches/browser.mjs "$@"
