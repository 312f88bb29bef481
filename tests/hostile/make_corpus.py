#!/usr/bin/env python3
"""Writes the hostile corpus: inputs people will drop into Preflight by mistake or by malice.

Usage: python3 tests/hostile/make_corpus.py <out-dir>

Every file is generated from the real corpus (tests/corpus/) so nothing large is committed.
`EXPECTED.tsv` says, per file, what a correct interpreter reports:
  kind      the report's input kind (linux-connectivity-log, agent-status, unknown, ...)
  overall   the overall status, or `!ok` when anything but ok is acceptable
  code      a finding or check code that must be reported, or `-`
  same_as   a corpus log whose per-check statuses the file must reproduce, or `-`
"""
import os
import random
import sys
import zlib
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "corpus", "connectivity", "logs")
OK_LOG = "CheckNWResult_vm-rhel-jpe01_202611220004.log"
PROXY_LOG = "CheckNWResult_vm-ubuntu-proxy03_202611220004.log"
DNS_LOG = "CheckNWResult_vm-ubuntu-dns12_202611220016.log"


def read(name):
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


def png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * 16 for _ in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def zip_of(name, data):
    # A stored (uncompressed) zip with one member, as a user zips a log to attach it.
    crc = zlib.crc32(data) & 0xFFFFFFFF
    n = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data), len(n), 0) + n + data
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, crc, len(data), len(data), len(n), 0, 0, 0, 0, 0, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def lines_of(data):
    return data.split(b"\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/hostile"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261122)
    ok, proxy, dns = read(OK_LOG), read(PROXY_LOG), read(DNS_LOG)
    cases = []

    def add(name, data, kind, overall, code="-", same_as="-"):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        cases.append((name, kind, overall, code, same_as))

    add("empty.txt", b"", "unknown", "inconclusive", "INPUT_EMPTY")
    add("whitespace.txt", b"  \n\t\n\r\n   \n", "unknown", "inconclusive", "INPUT_EMPTY")
    add("screenshot.png", png(), "unknown", "inconclusive", "INPUT_BINARY")
    add("log.zip", zip_of(OK_LOG, ok), "unknown", "inconclusive", "INPUT_BINARY")
    add("random.bin", bytes(rng.getrandbits(8) for _ in range(64 * 1024)), "unknown", "!ok")
    # NUL bytes in the middle of a log (a bad copy): the blocks around them still read.
    ls = lines_of(proxy)
    ls.insert(40, b"\x00" * 32)
    add("nul_in_proxy_log.log", b"\n".join(ls), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED")
    # Notepad re-saves.
    text = proxy.decode("utf-8")
    add("proxy_utf16le_bom.log", b"\xff\xfe" + text.encode("utf-16-le"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    add("proxy_utf16le_no_bom.log", text.encode("utf-16-le"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    add("proxy_utf16be_bom.log", b"\xfe\xff" + text.encode("utf-16-be"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    add("proxy_shift_jis.log", text.encode("shift_jis"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    add("proxy_euc_jp.log", text.encode("euc_jp"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    add("proxy_crlf.log", proxy.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED", PROXY_LOG)
    mixed = b"".join(l + (b"\r\n" if i % 3 == 0 else b"\n") for i, l in enumerate(lines_of(dns)))
    add("dns_mixed_line_ends.log", mixed, "linux-connectivity-log", "failure", "DNS_TIMEOUT", DNS_LOG)
    add("ok_cr_only.log", ok.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), "linux-connectivity-log", "ok", "ALL_CHECKS_PASSED", OK_LOG)
    add("single_line_5mb.txt", b"A" * (5 * 1024 * 1024), "unknown", "inconclusive", "INPUT_NOT_RECOGNISED")
    blocks = b"".join(
        b"##TRY!! nc -vz host%d.blob.core.windows.net 443 ##\nConnection to host%d.blob.core.windows.net (10.1.%d.%d) 443 port [tcp/https] succeeded!\n\n" % (i, i, i % 250, i % 200)
        for i in range(100_000))
    add("blocks_100k.log", blocks, "linux-connectivity-log", "ok", "TCP_CONNECTED")
    # A block cut mid-line: the last curl printed its meter and nothing else.
    cut = ok[: ok.index(b"##TRY!! curl -I https://login.microsoft.com ##")]
    cut += b"##TRY!! curl -I https://login.microsoft.com ##\n  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n     Dload  Upl"
    add("ok_truncated_mid_line.log", cut, "linux-connectivity-log", "!ok", "LOG_INCOMPLETE")
    # Duplicated and reordered sections: a log pasted twice, Entra ID first.
    head, rest = ok.split(b"#### ILR", 1)
    ilr, tail = (b"#### ILR" + rest).split(b"#### Backup / Storage / AAD", 1)
    add("ok_duplicated_reordered.log", head + b"#### Backup / Storage / AAD" + tail.split(b"Complete...")[0] + ilr + ilr + b"Complete...\n[INFO] Script time is 2sec.\n",
        "linux-connectivity-log", "ok")
    # Markers edited by hand: extra spaces, tabs, full-width spaces.
    edited = proxy.replace(b"##TRY!! nslookup  ", b"##TRY!!\tnslookup   ").replace(b"##TRY!! nc -vz ", "##TRY!!\u3000nc -vz ".encode()).replace(b"##TRY!! curl", b"  ##TRY!!  curl")
    add("proxy_markers_edited.log", edited, "linux-connectivity-log", "failure", "INPUT_MARKERS_NORMALISED", PROXY_LOG)
    # Colour escapes from a terminal paste.
    coloured = dns.replace(b";; communications error", b"\x1b[31m;; communications error").replace(b"timed out\n", b"timed out\x1b[0m\n")
    add("dns_ansi_colours.log", coloured, "linux-connectivity-log", "failure", "DNS_TIMEOUT", DNS_LOG)
    # Hostile host names and proxy values: must show literally and execute nothing.
    evil = proxy.replace(b"vm-ubuntu-proxy03\xe3\x81\xa7\xe3\x81\x99", "<script>alert(1)</script>\u202eevil\u202c\u3067\u3059".encode())
    evil = evil.replace(b"http://127.30.0.9:8080\n", b"\"><img src=x onerror=alert(document.domain)>\n", 1)
    evil = evil.replace(b"##TRY!! curl -I https://login.windows.net ##", b"##TRY!! curl -I https://login.windows.net<svg/onload=alert(2)> ##")
    add("proxy_html_injection.log", evil, "linux-connectivity-log", "failure", "PROXY_AUTH_REQUIRED")
    # An agent status with hostile text in its fields.
    add("agent_html_injection.json", b'{"computerName": "<img src=x onerror=alert(3)>", "osName": "\xe2\x80\xaeswodniW", "vmAgent": {"vmAgentVersion": "2.7.41491.1083", "statuses": [{"code": "ProvisioningState/succeeded", "displayStatus": "Ready", "message": "<script>alert(4)</script>"}]}}',
        "agent-status", "ok", "AGENT_READY")

    with open(os.path.join(out, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
        for c in cases:
            f.write("\t".join(c) + "\n")
    print(f"wrote {len(cases)} hostile inputs to {out}")


if __name__ == "__main__":
    main()
