#!/usr/bin/env python3
"""Gives the page's WebAssembly imports and exports short names, in the module and in its JS glue.

wasm-bindgen names every import after its JS function plus a hash
(`__wbg_addEventListener_f2d27251d333a631`) and every import sits under the module
`./preflight-web_bg.js`. The names are written twice, in the module and in the glue, and their
hashes do not compress: about 6 KB gzip of the page's 300 KB budget. binaryen renames them
(`--minify-imports-and-exports-and-modules`) and prints what it renamed; this script makes the
glue say the same.

It checks the glue's shape instead of trusting it: every import must be one key of the glue's
import object, the module one key of the object handed to `WebAssembly.instantiate`, every export
read as a property of one exports object only (the glue's own functions of the same names are
its own identifiers, left alone). Anything else stops the build, so a new
wasm-bindgen glue fails here rather than in the browser.

usage: short-names.py DIST_DIR  (after `trunk build`, before the glue is minified)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

# The features the module uses (its features section is stripped, see index.html).
FEATURES = [
    "--enable-bulk-memory", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue",
]
IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")


def fail(message):
    sys.exit(f"short-names: {message}")


def one(pattern):
    found = glob.glob(pattern)
    if len(found) != 1:
        fail(f"expected one file {pattern}, found {found}")
    return found[0]


def leb(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def import_modules(wasm):
    """The module names of the import section (binary format, section 2)."""
    at = 8
    while at < len(wasm):
        section, at = wasm[at], at + 1
        size, at = leb(wasm, at)
        if section != 2:
            at += size
            continue
        count, at = leb(wasm, at)
        modules = set()
        for _ in range(count):
            length, at = leb(wasm, at)
            modules.add(wasm[at:at + length].decode())
            at += length
            length, at = leb(wasm, at)
            at += length
            kind, at = wasm[at], at + 1
            if kind == 0:            # function: type index
                _, at = leb(wasm, at)
            elif kind == 1:          # table: reference type, limits
                at = limits(wasm, at + 1)
            elif kind == 2:          # memory: limits
                at = limits(wasm, at)
            elif kind == 3:          # global: value type, mutability
                at += 2
            elif kind == 4:          # tag: attribute, type index
                _, at = leb(wasm, at + 1)
            else:
                fail(f"unknown import kind {kind}")
        return modules
    return set()


def limits(wasm, at):
    flags, at = wasm[at], at + 1
    _, at = leb(wasm, at)
    if flags & 1:
        _, at = leb(wasm, at)
    return at


def key(name):
    return name if IDENT.match(name) else json.dumps(name)


def rename_glue(js, renamed, old_module, new_module):
    for _, old, new in renamed["imports"]:
        if js.count(old + ":") != 1 or js.count(old) != 1:
            fail(f"import {old} is not one key of the glue's import object")
        js = js.replace(old + ":", key(new) + ":")
    module_key = json.dumps(old_module) + ":"
    if js.count(module_key) != 1:
        fail(f"module {old_module} is not one key of the glue's imports")
    js = js.replace(module_key, key(new_module) + ":")

    readers = set()
    for old, _ in renamed["exports"]:
        readers |= set(re.findall(r"([\w$]+)\." + re.escape(old) + r"\b", js))
    if len(readers) != 1:
        fail(f"exports are read from {sorted(readers)}, not from one exports object")
    exports = readers.pop()
    for old, new in renamed["exports"]:
        if not IDENT.match(new):
            fail(f"export {old} renamed to {new!r}, not an identifier")
        js = re.sub(re.escape(exports) + r"\." + re.escape(old) + r"\b", f"{exports}.{new}", js)
    return js


def main():
    dist = sys.argv[1]
    wasm_path = one(os.path.join(dist, "preflight-web-*_bg.wasm"))
    js_path = one(os.path.join(dist, "preflight-web-*[0-9a-f].js"))
    with open(wasm_path, "rb") as f:
        before = import_modules(f.read())
    if len(before) != 1:
        fail(f"expected one import module, found {sorted(before)}")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "short.wasm")
        run = subprocess.run(
            ["wasm-opt", wasm_path, "--minify-imports-and-exports-and-modules", *FEATURES, "-o", out],
            check=True, capture_output=True, text=True)
        renamed = json.loads(run.stdout)
        with open(out, "rb") as f:
            short = f.read()
    after = import_modules(short)
    if len(after) != 1:
        fail(f"expected one import module after renaming, found {sorted(after)}")

    with open(js_path, encoding="utf-8") as f:
        js = rename_glue(f.read(), renamed, before.pop(), after.pop())
    with open(js_path, "w", encoding="utf-8") as f:
        f.write(js)
    with open(wasm_path, "wb") as f:
        f.write(short)


if __name__ == "__main__":
    main()
