#!/usr/bin/env bash
# Times `preflight analyze -f json` on two synthetic 50 MB waagent.logs: the benchmark's lines
# alone (benches/compare.sh's "waagent" input), and the same with a WireServer timeout on every
# sixth line (each one a logged error the check of 168.63.129.16 reads). Prints three runs each.
# Usage: bash benches/agent-log-errors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --release -q -p preflight-cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import os, sys
lines = [
    b"2020-10-02T18:11:13.148998Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.51 is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 9A3B]\n",
    b"2020-10-02T18:11:14.001002Z INFO ExtHandler ExtHandler ProcessGoalState completed [incarnation 2; 4496 ms]\n",
    b"2020-10-02T18:11:15.129375Z INFO ExtHandler ExtHandler Started tracking cgroup: Microsoft.CPlat.Core.RunCommandLinux-1.0.1, path: /sys/fs/cgroup/memory/system.slice\n",
    b"2020-10-02T18:11:16.189020Z WARNING ExtHandler ExtHandler [ProtocolError] Error fetching goal state\n",
    b"2020-10-02T18:11:16.189021Z WARNING ExtHandler ExtHandler Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone]\n",
]
error = b"2020-10-02T18:11:17.000000Z WARNING ExtHandler ExtHandler [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError [Errno 110] Connection timed out -- 6 attempts made\n"
n = 50 * 1024 * 1024
head = b"WALinuxAgent-2.2.45 running on ubuntu 18.04\nGoal state agent: 2.2.53.1\n"
for name, body in [("plain", b"".join(lines)), ("errors", b"".join(lines) + error)]:
    with open(os.path.join(sys.argv[1], f"waagent-{name}.log"), "wb") as f:
        f.write(head + (body * (n // len(body) + 1))[:n])
PY
for name in plain errors; do
  for _ in 1 2 3; do
    # Exit status 1: both logs show the agent failing, as they should.
    /usr/bin/time -f "waagent-$name 50 MB: %e s wall, %M KB peak" \
      target/release/preflight analyze -f json "$dir/waagent-$name.log" > /dev/null 2> "$dir/t" || true
    tail -n 1 "$dir/t"
  done
done
