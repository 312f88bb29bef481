#!/usr/bin/env bash
# Scale benchmark: Preflight against what a user would otherwise run on the same file.
#
#   bash benches/compare.sh [sizes...]        # default sizes: 12K 1M 10M 100M
#
# For each size it writes two inputs into target/bench-inputs/ (never committed): the proxy-407
# corpus log repeated ("connectivity") and a synthetic /var/log/waagent.log ("waagent"), then
# times, with hyperfine (whole processes, medians):
#   grep -c          the lower bound of reading the bytes (output piped: GNU grep stops at the
#                    first match when its output is /dev/null),
#   lnav -n          a log viewer that also indexes and filters the file, headless,
#   preflight        `preflight analyze -f json`: read, analyse, write the JSON report;
# and, in one process, the core alone (examples/analyze_file.rs: bytes in memory to a finished
# report, median of several runs), which gives the throughput figure. Peak memory is GNU time's
# maximum resident set of `preflight analyze -f json`. Prints one Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-12K 1M 10M 100M}")
[[ $# -eq 0 ]] && sizes=(12K 1M 10M 100M)
for tool in hyperfine lnav; do
  command -v "$tool" >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine lnav; break; }
done
cargo build --locked --release -q -p preflight-cli
cargo build --locked --release -q -p preflight-core --example analyze_file
out=target/bench-inputs
mkdir -p "$out"

python3 - "$out" "${sizes[@]}" <<'PY'
import os, sys
out, sizes = sys.argv[1], sys.argv[2:]
unit = {"K": 1024, "M": 1024 * 1024}
log = open("tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log", "rb").read()
agent_lines = [
    b"2020-10-02T18:11:13.148998Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.51 is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 9A3B]\n",
    b"2020-10-02T18:11:14.001002Z INFO ExtHandler ExtHandler ProcessGoalState completed [incarnation 2; 4496 ms]\n",
    b"2020-10-02T18:11:15.129375Z INFO ExtHandler ExtHandler Started tracking cgroup: Microsoft.CPlat.Core.RunCommandLinux-1.0.1, path: /sys/fs/cgroup/memory/system.slice\n",
    b"2020-10-02T18:11:16.189020Z WARNING ExtHandler ExtHandler [ProtocolError] Error fetching goal state\n",
    b"2020-10-02T18:11:16.189021Z WARNING ExtHandler ExtHandler Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone]\n",
]
for s in sizes:
    n = int(s[:-1]) * unit[s[-1]]
    with open(os.path.join(out, f"connectivity-{s}.log"), "wb") as f:
        f.write((log * (n // len(log) + 1))[:n])
    body = b"".join(agent_lines)
    with open(os.path.join(out, f"waagent-{s}.log"), "wb") as f:
        f.write(b"WALinuxAgent-2.2.45 running on ubuntu 18.04\nGoal state agent: 2.2.53.1\n" + (body * (n // len(body) + 1))[:n])
PY

echo "| input | size | grep -c | lnav -n | preflight (JSON) | preflight / grep | preflight / lnav | preflight MB/s | core (median) | core MB/s | peak RSS (preflight) | RSS / input |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for kind in connectivity waagent; do
  for s in "${sizes[@]}"; do
    f="$out/$kind-$s.log"
    bytes=$(stat -c %s "$f")
    runs=10; [[ $bytes -gt 50000000 ]] && runs=5
    hyperfine -N -i --output=pipe -w 1 -r "$runs" --export-json "$out/h.json" \
      "grep -c TRY $f" \
      "lnav -n -c ':filter-in TRY' $f" \
      "./target/release/preflight analyze -f json $f" >/dev/null 2>&1 || true
    read -r g l p < <(python3 -c "import json;r=json.load(open('$out/h.json'))['results'];print(*[x['median'] for x in r])")
    core=$(./target/release/examples/analyze_file "$f" "$runs" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
    rss=$( { /usr/bin/time -f %M ./target/release/preflight analyze -f json "$f" >/dev/null || true; } 2>&1 | tail -1 )
    python3 - "$kind" "$s" "$bytes" "$g" "$l" "$p" "$core" "$rss" <<'PY2'
import sys
kind, s, b, g, l, p, c, rss = sys.argv[1:]
b, g, l, p, c, rss = int(b), float(g), float(l), float(p), float(c) / 1000, int(rss)
ms = lambda x: f"{x*1000:.1f} ms"
print(f"| {kind} | {s} | {ms(g)} | {ms(l)} | {ms(p)} | {p/g:.1f}× | {p/l:.2f}× | {b/p/1e6:.0f} | {ms(c)} | {b/c/1e6:.0f} | {rss/1024:.0f} MiB | {rss*1024/b:.2f}× |")
PY2
  done
done
