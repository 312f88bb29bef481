#!/usr/bin/env bash
# Builds the web page into dist/ (release, size-optimised, relative URLs), fully offline once the
# crates are fetched. Installs missing tools first (scripts/web-setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/web-setup.sh "$@"
cargo fetch --locked            # Trunk builds offline (Trunk.toml), so cargo gets nothing later
trunk build --release --locked
# The samples as one file (see `browser::fetch_sample`): compressed together, the four logs cost
# half of what they cost one by one.
python3 - <<'PY'
import os
names = sorted(os.listdir("web/samples"), key=lambda n: (not n.endswith(".log"), n))
blobs = [open(os.path.join("web/samples", n), "rb").read() for n in names]
head = "preflight-samples/1\n" + "".join(f"{n}\t{len(b)}\n" for n, b in zip(names, blobs)) + "\n"
with open("dist/samples.pack", "wb") as f:
    f.write(head.encode() + b"".join(blobs))
PY
# Trunk minifies the HTML and CSS (Trunk.toml). Two more steps on its output:
# - short import and export names in the module and its glue (scripts/short-names.py);
# - the glue and the start-up scripts minified by terser, from tests/e2e's locked npm packages: Trunk's JavaScript minifier
#   cannot read wasm-bindgen's module glue (it warns "Failed to minify JS" and keeps the file as
#   it is). Minifying changes no exported name.
# Trunk's index.html pins each file's SHA-384 (subresource integrity): the pinned digests are
# replaced by the new files'.
sri() {
  python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha384(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"
}
files=(dist/preflight-web-*.js dist/preflight-web-*_bg.wasm)
pins=()
for file in "${files[@]}"; do pins+=("$(sri "$file")"); done
python3 scripts/short-names.py dist
for js in dist/preflight-web-*.js dist/boot.js; do
  terser "$js" --module --compress --mangle --output "$js"
done
terser dist/worker.js --compress --mangle --output dist/worker.js
for i in "${!files[@]}"; do
  python3 - "${pins[$i]}" "$(sri "${files[$i]}")" <<'PY'
import sys
path = "dist/index.html"
html = open(path, encoding="utf-8").read()
if "sha384-" + sys.argv[1] not in html:
    sys.exit(f"index.html does not pin sha384-{sys.argv[1]}")
open(path, "w", encoding="utf-8").write(html.replace("sha384-" + sys.argv[1], "sha384-" + sys.argv[2]))
PY
done
# The module ships compressed ahead of time in LZMA's `.lzma` form (scripts/lzma-pack.py): about
# 42 KB smaller than zopfli's gzip, which is what a visitor downloads; boot.js unpacks it. index.html
# then names and pins the .lzma file.
wasm=$(ls dist/preflight-web-*_bg.wasm)
python3 scripts/lzma-pack.py "$wasm"
python3 - "$(basename "$wasm")" "$(sri "$wasm")" "$(sri "$wasm.lzma")" <<'PY'
import sys
name, before, after = sys.argv[1:]
path = "dist/index.html"
html = open(path, encoding="utf-8").read()
for old, new in [(name, name + ".lzma"), ("sha384-" + before, "sha384-" + after), ("type=application/wasm", "")]:
    if old not in html:
        sys.exit(f"index.html does not hold {old}")
    html = html.replace(old, new)
open(path, "w", encoding="utf-8").write(html)
PY
rm "$wasm"
# The service worker (web/sw.js) with this build's files and a cache name made from their
# digests: a new build is a new cache, and its worker drops the old one.
python3 - <<'PY'
import hashlib, json, os
files = sorted(f for f in os.listdir("dist") if f != "sw.js" and os.path.isfile(os.path.join("dist", f)))
digest = hashlib.sha256()
for f in files:
    digest.update(f.encode() + b"\0" + hashlib.sha256(open(os.path.join("dist", f), "rb").read()).digest())
template = open("web/sw.js", encoding="utf-8").read()
for hole in ("'__BUILD__'", "__FILES__"):
    if hole not in template:
        raise SystemExit(f"web/sw.js has no {hole}")
sw = template.replace("'__BUILD__'", json.dumps("preflight-" + digest.hexdigest()[:16]))
sw = sw.replace("__FILES__", json.dumps(["./"] + files))
open("dist/sw.js", "w", encoding="utf-8").write(sw)
PY
terser dist/sw.js --compress --mangle --output dist/sw.js

