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
# Trunk minifies the HTML and CSS (Trunk.toml). Its JavaScript minifier cannot read
# wasm-bindgen's module glue (it warns "Failed to minify JS" and keeps the file as it is);
# terser, from tests/e2e's locked npm packages, can. Minifying changes no exported name.
# Trunk's index.html pins each script's SHA-384 (subresource integrity): after minifying, the
# pinned digest is replaced by the new file's.
sri() {
  python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha384(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"
}
for js in dist/preflight-web-*.js; do
  before=$(sri "$js")
  terser "$js" --module --compress --mangle --output "$js"
  after=$(sri "$js")
  python3 - "$before" "$after" <<'PY'
import sys
path = "dist/index.html"
html = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(html.replace("sha384-" + sys.argv[1], "sha384-" + sys.argv[2]))
PY
done
