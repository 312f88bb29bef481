//! nslookup output: BIND 9.11-style, BIND 9.18-style and BusyBox (field guide §C.1).
//!
//! The header's `Address:` line names the DNS server, not an answer: an answer address is one
//! that follows a `Name:` line.

use super::visible;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsOutcome {
    /// At least one address after a `Name:` line.
    Resolved {
        addresses: Vec<String>,
        canonical: Option<String>,
        cnames: Vec<String>,
    },
    /// The server never answered: `;; connection timed out; no servers could be reached` (old BIND)
    /// or `;; communications error to …: timed out` … `;; no servers could be reached` (BIND 9.18).
    Timeout,
    /// Nothing listens on the DNS server's port 53.
    ServerRefused,
    /// resolv.conf has no `nameserver`: nslookup fell back to `::1` / `127.0.0.1` and was refused.
    NoNameserver,
    NxDomain,
    ServFail,
    /// The server refuses recursion for this client (`REFUSED`).
    QueryRefused,
    /// The server answered without an address (`No answer`, or only a CNAME).
    NoAnswer,
    /// Output we cannot read as any of the above.
    Unrecognised,
    /// No output at all.
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsFlavor {
    Bind918,
    BindOld,
    BusyBox,
    Unknown,
}

impl DnsFlavor {
    pub fn word(self) -> &'static str {
        match self {
            DnsFlavor::Bind918 => "bind-9.18",
            DnsFlavor::BindOld => "bind-9.11",
            DnsFlavor::BusyBox => "busybox",
            DnsFlavor::Unknown => "nslookup",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsEvidence {
    pub outcome: DnsOutcome,
    pub flavor: DnsFlavor,
    pub server: Option<String>,
    /// Lines the outcome rests on.
    pub lines: Vec<usize>,
}

/// `<PublicIP>`, `<ip address>`, `20.x.x.x`, `*.*.*.*`: an address hidden before pasting.
fn is_masked_address(v: &str) -> bool {
    let placeholder = v.len() <= 40
        && v.starts_with('<')
        && v.ends_with('>')
        && v.len() > 2
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '<' | '>' | ' ' | '_' | '-'));
    let dotted = v.split('.').count() == 4
        && v.contains(['x', 'X', '*'])
        && v.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, 'x' | 'X' | '*'))
        });
    placeholder || dotted
}

pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut server = None;
    let mut flavor = DnsFlavor::Unknown;
    let mut addresses = Vec::new();
    let mut address_lines = Vec::new();
    let mut cnames = Vec::new();
    let mut canonical = None;
    let mut after_name = false;
    let mut timeout = Vec::new();
    let mut comm_refused = Vec::new();
    let mut comm_targets: Vec<String> = Vec::new();
    let mut no_servers = None;
    let mut rcode: Option<(DnsOutcome, usize)> = None;
    let mut no_answer = None;
    let mut non_blank = 0usize;

    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        non_blank += 1;
        if let Some(v) = t.strip_prefix("Server:") {
            server = Some(v.trim().to_owned());
            after_name = false;
            continue;
        }
        if let Some(v) = t.strip_prefix("Name:") {
            canonical = Some(v.trim().trim_end_matches('.').to_owned());
            after_name = true;
            continue;
        }
        if let Some(v) = t
            .strip_prefix("Address:")
            .or_else(|| t.strip_prefix("Addresses:"))
        {
            let v = v.trim();
            if after_name {
                // Only an address counts as an answer; a damaged line is not a resolution. An
                // address the person masked before pasting (`<PublicIP>`, `20.x.x.x`) was one.
                if super::is_ip_literal(v) || is_masked_address(v) {
                    addresses.push(v.to_owned());
                    address_lines.push(n);
                }
            } else if v.contains('#') {
                flavor = DnsFlavor::Bind918;
                if server.is_none() {
                    server = Some(v.to_owned());
                }
            } else if v.rsplit_once(':').is_some_and(|(_, p)| p == "53") && !v.contains("::") {
                // BusyBox writes the server as `127.0.0.53:53` (a colon, not `#`).
                flavor = DnsFlavor::BusyBox;
            }
            continue;
        }
        if t.contains("canonical name =") {
            if let Some((_, target)) = t.split_once("canonical name =") {
                let target = target.trim();
                if !target.ends_with('.') && flavor == DnsFlavor::Unknown {
                    flavor = DnsFlavor::BusyBox;
                }
                cnames.push(target.trim_end_matches('.').to_owned());
            }
            continue;
        }
        if t.starts_with(";; connection timed out") {
            flavor = DnsFlavor::BindOld;
            timeout.push(n);
            if t.contains("no servers could be reached") {
                no_servers = Some(n);
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix(";; communications error to ") {
            flavor = DnsFlavor::Bind918;
            let (target, err) = rest.split_once(": ").unwrap_or((rest, ""));
            comm_targets.push(target.to_owned());
            if err.contains("timed out") {
                timeout.push(n);
            } else {
                comm_refused.push(n);
            }
            continue;
        }
        if t.starts_with(";; no servers could be reached") {
            no_servers = Some(n);
            continue;
        }
        if t.starts_with("nslookup: write to") || t.starts_with("nslookup: read:") {
            // BusyBox: `nslookup: write to '127.0.0.53': Connection refused`.
            flavor = DnsFlavor::BusyBox;
            if t.contains("refused") {
                comm_refused.push(n);
            } else {
                timeout.push(n);
            }
            continue;
        }
        if let Some(rest) = t
            .strip_prefix("** server can't find ")
            .or_else(|| t.strip_prefix("*** Can't find "))
        {
            let code = rest
                .rsplit(": ")
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('.');
            let outcome = match code.to_ascii_uppercase().as_str() {
                "NXDOMAIN" | "NON-EXISTENT DOMAIN" => DnsOutcome::NxDomain,
                "SERVFAIL" | "SERVER FAILED" => DnsOutcome::ServFail,
                "REFUSED" | "QUERY REFUSED" => DnsOutcome::QueryRefused,
                "NO ANSWER" => DnsOutcome::NoAnswer,
                _ => DnsOutcome::Unrecognised,
            };
            if outcome == DnsOutcome::NoAnswer {
                no_answer = Some(n);
            } else if rcode.is_none() {
                rcode = Some((outcome, n));
            }
            continue;
        }
        if t.starts_with(";; Got SERVFAIL reply") {
            if rcode.is_none() {
                rcode = Some((DnsOutcome::ServFail, n));
            }
            continue;
        }
        if t.starts_with("Non-authoritative answer") || t.starts_with("Authoritative answers") {
            after_name = false;
            continue;
        }
    }

    let outcome_lines;
    let outcome = if !addresses.is_empty() {
        outcome_lines = address_lines.clone();
        DnsOutcome::Resolved {
            addresses,
            canonical,
            cnames,
        }
    } else if let Some((o, n)) = rcode {
        outcome_lines = vec![n];
        o
    } else if timeout.iter().any(|n| Some(*n) != no_servers) && timeout.len() >= comm_refused.len()
    {
        outcome_lines = with(&timeout, no_servers);
        DnsOutcome::Timeout
    } else if !comm_refused.is_empty() {
        outcome_lines = with(&comm_refused, no_servers);
        let loopback_only = !comm_targets.is_empty()
            && comm_targets
                .iter()
                .all(|t| t.starts_with("::1#") || t.starts_with("127.0.0.1#"));
        if loopback_only {
            DnsOutcome::NoNameserver
        } else {
            DnsOutcome::ServerRefused
        }
    } else if let Some(n) = no_servers {
        outcome_lines = vec![n];
        DnsOutcome::Timeout
    } else if let Some(n) = no_answer {
        outcome_lines = vec![n];
        DnsOutcome::NoAnswer
    } else if !cnames.is_empty() || server.is_some() && non_blank > 2 {
        outcome_lines = Vec::new();
        DnsOutcome::NoAnswer
    } else if non_blank == 0 {
        outcome_lines = Vec::new();
        DnsOutcome::Empty
    } else {
        outcome_lines = Vec::new();
        DnsOutcome::Unrecognised
    };
    DnsEvidence {
        outcome,
        flavor,
        server,
        lines: outcome_lines,
    }
}

fn with(lines: &[usize], extra: Option<usize>) -> Vec<usize> {
    let mut v = lines.to_vec();
    if let Some(n) = extra {
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v
}

/// True when the output looks like nslookup's (used to recognise a pasted output with no marker).
pub fn looks_like(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        t.starts_with("Server:")
            || t.starts_with(";; communications error to")
            || t.starts_with(";; connection timed out")
            || t.starts_with("** server can't find")
            || t.starts_with("Non-authoritative answer")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> DnsEvidence {
        parse(s.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    #[test]
    fn a_masked_answer_address_is_still_an_answer() {
        for masked in ["<PublicIP>", "<ip address>", "20.x.x.x", "*.*.*.*"] {
            let e = run(&format!("Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nName:\tx.example\nAddress: {masked}\n"));
            assert!(
                matches!(&e.outcome, DnsOutcome::Resolved { addresses, .. } if *addresses == vec![masked.to_owned()]),
                "{masked}: {:?}",
                e.outcome
            );
        }
        let e = run("Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nName:\tx.example\nAddress: <script>alert(1)</script>\n");
        assert!(
            !matches!(e.outcome, DnsOutcome::Resolved { .. }),
            "{:?}",
            e.outcome
        );
    }

    #[test]
    fn article_success_example_resolves() {
        let e = run("Server: 168.63.129.16\nAddress: 168.63.129.16#53\n\nNon-authoritative answer:\npod01-rec2.jpe.backup.windowsazure.com canonical name = jpe-pod01-rec2-s2j8q.ext.trafficmanager.net.\nName: jpe-pod01-rec-01.japaneast.cloudapp.azure.com\nAddress: 20.191.166.150\n");
        assert_eq!(
            e.outcome,
            DnsOutcome::Resolved {
                addresses: vec!["20.191.166.150".into()],
                canonical: Some("jpe-pod01-rec-01.japaneast.cloudapp.azure.com".into()),
                cnames: vec!["jpe-pod01-rec2-s2j8q.ext.trafficmanager.net".into()],
            }
        );
        assert_eq!(e.lines, vec![7]);
    }

    #[test]
    fn a_damaged_address_line_is_not_an_answer() {
        let e = run("Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nName:\tx.example\nAddress:curl: (56) CONNECT tunnel failed, response 407\n");
        assert!(
            !matches!(e.outcome, DnsOutcome::Resolved { .. }),
            "{:?}",
            e.outcome
        );
    }

    #[test]
    fn server_address_alone_is_not_an_answer() {
        let e = run(
            "Server:\t\t127.0.0.56\nAddress:\t127.0.0.56#53\n\n** server can't find x: REFUSED\n",
        );
        assert_eq!(e.outcome, DnsOutcome::QueryRefused);
    }

    #[test]
    fn article_timeout_example_is_timeout() {
        assert_eq!(
            run(";; connection timed out; no servers could be reached\n").outcome,
            DnsOutcome::Timeout
        );
    }

    #[test]
    fn loopback_fallback_means_no_nameserver() {
        let e = run(";; communications error to ::1#53: connection refused\n;; communications error to 127.0.0.1#53: connection refused\n;; no servers could be reached\n");
        assert_eq!(e.outcome, DnsOutcome::NoNameserver);
    }

    #[test]
    fn busybox_refused_write_is_server_refused() {
        let e = run("nslookup: write to '127.0.0.53': Connection refused\n;; connection timed out; no servers could be reached\n");
        assert_eq!(e.outcome, DnsOutcome::ServerRefused);
    }

    #[test]
    fn servfail_reply_above_server_line() {
        let e = run(";; Got SERVFAIL reply from 127.0.0.53\nServer:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find x: SERVFAIL\n");
        assert_eq!(e.outcome, DnsOutcome::ServFail);
    }
}
