#!/usr/bin/env bash
# Builds the web page and serves it on this machine; prints its URL. PORT=8080 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/web-build.sh
port="${PORT:-8080}"
# The page uses relative URLs only: dist/ works from any directory or sub-path as well.
printf '\nBackup Preflight: http://127.0.0.1:%s/\n(Ctrl+C stops the server)\n\n' "$port"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
