//! `dig`, `host` and `getent hosts` output, read into nslookup's evidence so one DNS rule
//! judges them all.
//!
//! dig states the response code (`status: NXDOMAIN`) and lists records; `host` says a sentence
//! per record (`x has address …`, `Host x not found: 3(NXDOMAIN)`); getent prints what the
//! system resolver (hosts file first) returned, and nothing at all when the name did not
//! resolve, which alone proves nothing: its exit status was not pasted.

use super::nslookup::{DnsEvidence, DnsFlavor, DnsOutcome, Failures};
use super::{is_ip_literal, visible};

/// An rcode by its name, as dig's header and host's `not found: 3(NXDOMAIN)` give it.
fn rcode(name: &str) -> Option<DnsOutcome> {
    Some(match name {
        "NOERROR" => return None,
        "NXDOMAIN" => DnsOutcome::NxDomain,
        "SERVFAIL" => DnsOutcome::ServFail,
        "REFUSED" => DnsOutcome::QueryRefused,
        _ => DnsOutcome::Unrecognised,
    })
}

/// What the three tools share: the answers, and BIND's transport failures and outcome ladder
/// as nslookup reads them (`nslookup::Failures`).
#[derive(Default)]
struct Seen {
    addresses: Vec<String>,
    address_lines: Vec<usize>,
    cnames: Vec<String>,
    canonical: Option<String>,
    failures: Failures,
    server: Option<String>,
    records: usize,
    non_blank: usize,
}

impl Seen {
    fn address(&mut self, a: &str, n: usize) {
        self.addresses.push(a.to_owned());
        self.address_lines.push(n);
    }

    fn rcode(&mut self, outcome: DnsOutcome, n: usize) {
        self.failures.rcode_at = Some((outcome, n));
    }

    /// BIND's lines about reaching the server (nslookup's, and dig's bare `;; … connection
    /// refused`): the server never answered.
    fn transport(&mut self, t: &str, n: usize) -> bool {
        let mut flavor = DnsFlavor::Unknown;
        if self.failures.transport_line(t, n, &mut flavor) {
            return true;
        }
        let refused = t.starts_with(";;") && t.contains("connection refused");
        if refused {
            self.failures.comm_refused.push(n);
        }
        refused
    }

    fn evidence(self, flavor: DnsFlavor) -> DnsEvidence {
        let (outcome, lines) = if self.addresses.is_empty() {
            // Only aliases (or other record types) is an answer without an address.
            self.failures.outcome(self.records > 0, self.non_blank)
        } else {
            let outcome = DnsOutcome::Resolved {
                addresses: self.addresses,
                canonical: self.canonical,
                cnames: self.cnames,
            };
            (outcome, self.address_lines)
        };
        DnsEvidence {
            outcome,
            flavor,
            server: self.server,
            lines,
        }
    }
}

/// dig's output, full or `+short`.
pub fn parse_dig<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut seen = Seen::default();
    let mut header = false;
    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen.non_blank += 1;
        if seen.transport(t, n) {
            continue;
        }
        if let Some(rest) = t.split_once("->>HEADER<<-").map(|(_, r)| r) {
            header = true;
            let status = rest
                .split(',')
                .find_map(|p| p.trim().strip_prefix("status:"))
                .map(str::trim);
            if let Some(o) = status.and_then(rcode) {
                seen.rcode(o, n);
            }
            continue;
        }
        if let Some(s) = t.strip_prefix(";; SERVER:") {
            seen.server = Some(s.trim().split(['#', '(']).next().unwrap_or("").to_owned());
            continue;
        }
        if t.starts_with(';') {
            continue;
        }
        // A record: `name. TTL IN A 20.1.2.3`, `name. TTL IN CNAME other.`.
        let w: Vec<&str> = t.split_whitespace().collect();
        if let [name, _ttl, "IN", kind, value, ..] = w.as_slice() {
            seen.records += 1;
            match *kind {
                "A" | "AAAA" if is_ip_literal(value) => {
                    seen.canonical = Some(name.trim_end_matches('.').to_owned());
                    seen.address(value, n);
                }
                "CNAME" => seen.cnames.push(value.trim_end_matches('.').to_owned()),
                "PTR" => seen.address(value.trim_end_matches('.'), n),
                _ => {}
            }
        } else if !header && w.len() == 1 {
            // `+short`: an address per line, aliases as names ending with a dot.
            if is_ip_literal(t) {
                seen.records += 1;
                seen.address(t, n);
            } else if t.ends_with('.') {
                seen.records += 1;
                seen.cnames.push(t.trim_end_matches('.').to_owned());
            }
        }
    }
    seen.evidence(DnsFlavor::Dig)
}

/// `host`'s output.
pub fn parse_host<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut seen = Seen::default();
    // `host x 8.8.8.8` first names the server it used: `Using domain server:`, `Name:`,
    // `Address: 8.8.8.8#53`, `Aliases:`, up to a blank line.
    let mut server_block = false;
    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            server_block = false;
            continue;
        }
        seen.non_blank += 1;
        if t.starts_with("Using domain server") {
            server_block = true;
            continue;
        }
        if server_block {
            if let Some(a) = t.strip_prefix("Address:") {
                seen.server = Some(a.trim().split('#').next().unwrap_or("").to_owned());
            }
            continue;
        }
        if seen.transport(t, n) {
            continue;
        }
        if let Some((_, code)) = t
            .strip_prefix("Host ")
            .and_then(|r| r.split_once(" not found: "))
        {
            // `3(NXDOMAIN)`: the name inside the parentheses.
            let name = code.split(['(', ')']).nth(1).unwrap_or("");
            seen.rcode(rcode(name).unwrap_or(DnsOutcome::Unrecognised), n);
        } else if let Some((name, addr)) = t
            .split_once(" has address ")
            .or_else(|| t.split_once(" has IPv6 address "))
        {
            seen.records += 1;
            if is_ip_literal(addr.trim()) {
                seen.canonical = Some(name.to_owned());
                seen.address(addr.trim(), n);
            }
        } else if let Some((_, to)) = t.split_once(" is an alias for ") {
            seen.records += 1;
            seen.cnames.push(to.trim_end_matches('.').to_owned());
        } else if let Some((_, to)) = t.split_once(" domain name pointer ") {
            seen.records += 1;
            seen.address(to.trim_end_matches('.'), n);
        } else if t.contains(" mail is handled by ") || t.contains(" has no ") {
            seen.records += 1;
        }
    }
    seen.evidence(DnsFlavor::Host)
}

/// `getent hosts x` / `getent ahosts x`: `20.1.2.3  x` per address. No output is no evidence.
pub fn parse_getent<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut seen = Seen::default();
    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen.non_blank += 1;
        let mut w = t.split_whitespace();
        if let (Some(a), Some(name)) = (w.next(), w.last()) {
            if is_ip_literal(a) && seen.addresses.iter().all(|x| x != a) {
                seen.canonical = Some(name.to_owned());
                seen.address(a, n);
            }
        }
    }
    seen.evidence(DnsFlavor::Getent)
}

/// Whether an output pasted alone is dig's or host's.
pub fn looks_like_dig(lines: &[&str]) -> bool {
    lines
        .iter()
        .any(|l| l.contains("<<>> DiG ") || l.contains("->>HEADER<<-"))
}

pub fn looks_like_host(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        t.contains(" has address ")
            || t.contains(" is an alias for ")
            || (t.starts_with("Host ") && t.contains(" not found: "))
    })
}

/// The name an output names: dig's question (`;name. IN A`) or banner, host's sentences.
pub fn asked_name(lines: &[&str]) -> Option<String> {
    for l in lines {
        let t = visible(l);
        let t = t.trim();
        if let Some(rest) = t.split_once("<<>> DiG ").map(|(_, r)| r) {
            // `; <<>> DiG 9.18.18 <<>> name [options]`
            if let Some(name) = rest
                .split_once("<<>>")
                .map(|(_, args)| args)
                .and_then(|args| {
                    args.split_whitespace()
                        .find(|w| !w.starts_with(['@', '+', '-']) && w.contains('.'))
                })
            {
                return Some(name.trim_end_matches('.').to_owned());
            }
        }
        if let Some(q) = t
            .strip_prefix(';')
            .filter(|q| q.contains("\tIN\t") || q.contains(" IN "))
        {
            if let Some(name) = q.split_whitespace().next().filter(|n| n.contains('.')) {
                return Some(name.trim_end_matches('.').to_owned());
            }
        }
        for sep in [" has address ", " has IPv6 address ", " is an alias for "] {
            if let Some((name, _)) = t.split_once(sep) {
                return Some(name.to_owned());
            }
        }
        if let Some((name, _)) = t
            .strip_prefix("Host ")
            .and_then(|r| r.split_once(" not found: "))
        {
            return Some(name.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(s: &str) -> Vec<(usize, &str)> {
        s.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
    }

    #[test]
    fn dig_reads_status_records_and_short_answers() {
        let ok = "; <<>> DiG 9.18.18-0ubuntu0.22.04.2-Ubuntu <<>> login.microsoftonline.com\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242\n;; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n\n;; QUESTION SECTION:\n;login.microsoftonline.com.\tIN\tA\n\n;; ANSWER SECTION:\nlogin.microsoftonline.com. 1730\tIN\tCNAME\tlogin.mso.msidentity.com.\nwww.tm.ak.prd.aadg.akadns.net. 30 IN\tA\t20.190.141.34\n\n;; Query time: 3 msec\n;; SERVER: 127.0.0.53#53(127.0.0.53) (UDP)\n";
        let e = parse_dig(numbered(ok));
        assert!(
            matches!(&e.outcome, DnsOutcome::Resolved { addresses, .. } if addresses == &["20.190.141.34"])
        );
        assert_eq!(e.server.as_deref(), Some("127.0.0.53"));
        assert_eq!(
            asked_name(&ok.lines().collect::<Vec<_>>()).as_deref(),
            Some("login.microsoftonline.com")
        );
        let nx = ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1\n";
        assert_eq!(parse_dig(numbered(nx)).outcome, DnsOutcome::NxDomain);
        let short = "login.mso.msidentity.com.\n20.190.141.34\n";
        assert!(matches!(
            parse_dig(numbered(short)).outcome,
            DnsOutcome::Resolved { .. }
        ));
        assert_eq!(parse_dig(numbered("")).outcome, DnsOutcome::Empty);
        let timeout = ";; connection timed out; no servers could be reached\n";
        assert_eq!(parse_dig(numbered(timeout)).outcome, DnsOutcome::Timeout);
    }

    #[test]
    fn host_reads_its_sentences_and_skips_the_server_block() {
        let ok = "Using domain server:\nName: 8.8.8.8\nAddress: 8.8.8.8#53\nAliases: \n\nlogin.microsoftonline.com is an alias for login.mso.msidentity.com.\nwww.tm.ak.prd.aadg.akadns.net has address 20.190.141.34\n";
        let e = parse_host(numbered(ok));
        assert!(
            matches!(&e.outcome, DnsOutcome::Resolved { addresses, .. } if addresses == &["20.190.141.34"])
        );
        assert_eq!(e.server.as_deref(), Some("8.8.8.8"));
        let nx = "Host x.blob.core.windows.net not found: 3(NXDOMAIN)\n";
        assert_eq!(parse_host(numbered(nx)).outcome, DnsOutcome::NxDomain);
        assert_eq!(
            asked_name(&[nx.trim()]).as_deref(),
            Some("x.blob.core.windows.net")
        );
        let sf = "Host x.example not found: 2(SERVFAIL)\n";
        assert_eq!(parse_host(numbered(sf)).outcome, DnsOutcome::ServFail);
    }

    #[test]
    fn getent_without_output_proves_nothing() {
        assert_eq!(parse_getent(numbered("")).outcome, DnsOutcome::Empty);
        let ok = "20.190.141.34   www.tm.ak.prd.aadg.akadns.net login.microsoftonline.com\n";
        assert!(matches!(
            parse_getent(numbered(ok)).outcome,
            DnsOutcome::Resolved { .. }
        ));
    }
}
