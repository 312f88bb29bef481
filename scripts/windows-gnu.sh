#!/usr/bin/env bash
# Builds the `preflight` CLI for Windows x86_64 with Debian's mingw-w64 (no Windows machine, no
# download from GitHub) and checks that the result is a 64-bit Windows console program.
# Usage: bash scripts/windows-gnu.sh   (prints the .exe's path and size)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target=x86_64-pc-windows-gnu

if ! command -v x86_64-w64-mingw32-gcc > /dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc-mingw-w64-x86-64
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

cargo build --release --locked -p preflight-cli --target "$target"
exe="target/$target/release/preflight.exe"

# A PE file: `MZ`, then at the offset in 0x3c the `PE\0\0` signature, machine 0x8664 (x86-64)
# and the console subsystem (3).
python3 - "$exe" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:2] == b"MZ", "not a DOS/PE executable"
pe = struct.unpack_from("<I", data, 0x3C)[0]
assert data[pe:pe + 4] == b"PE\0\0", "no PE signature"
machine = struct.unpack_from("<H", data, pe + 4)[0]
assert machine == 0x8664, f"machine {machine:#x}, not x86-64"
optional = pe + 24
assert struct.unpack_from("<H", data, optional)[0] == 0x20B, "not PE32+"
subsystem = struct.unpack_from("<H", data, optional + 68)[0]
assert subsystem == 3, f"subsystem {subsystem}, not a console program"
print(f"{sys.argv[1]}: PE32+ x86-64 console program, {len(data)} bytes")
PY
