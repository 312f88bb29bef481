//! `nc -vz` output from Ncat, OpenBSD netcat, netcat-traditional and BusyBox (field guide §C.2).
//!
//! The verdict is the block's **last** outcome line: OpenBSD nc prints one `failed` line per dead
//! address before `succeeded!` on a later one (rule D.7).

use super::visible;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NcFlavor {
    Ncat,
    OpenBsd,
    Traditional,
    BusyBox,
    /// Not nc: telnet, read into the same evidence (`parse_telnet`).
    Telnet,
    Unknown,
}

impl NcFlavor {
    pub fn word(self) -> &'static str {
        match self {
            NcFlavor::Ncat => "ncat",
            NcFlavor::OpenBsd => "netcat-openbsd",
            NcFlavor::Traditional => "netcat-traditional",
            NcFlavor::BusyBox => "busybox",
            NcFlavor::Telnet => "telnet",
            NcFlavor::Unknown => "nc",
        }
    }
}

/// Why a TCP connection failed, in the kernel's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectError {
    Refused,
    TimedOut,
    NoRoute,
    NetUnreachable,
    Other,
}

impl ConnectError {
    pub fn from_text(s: &str) -> ConnectError {
        let s = s.to_ascii_lowercase();
        if s.contains("refused") {
            ConnectError::Refused
        } else if s.contains("timed out") || s.contains("timeout") {
            ConnectError::TimedOut
        } else if s.contains("no route to host") || s.contains("host is unreachable") {
            ConnectError::NoRoute
        } else if s.contains("network is unreachable") {
            ConnectError::NetUnreachable
        } else {
            ConnectError::Other
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NcOutcome {
    Connected {
        address: Option<String>,
    },
    Failed {
        error: ConnectError,
        address: Option<String>,
        text: String,
    },
    /// The name did not resolve: a temporary failure (timeout, SERVFAIL, no server).
    DnsTemporary,
    /// The name does not exist (NXDOMAIN).
    DnsUnknownHost,
    /// nc never tried: `nc: missing port number`, or a host "name" holding a full-width space.
    UsageError {
        fullwidth_space: bool,
    },
    /// BusyBox nc has no `-v`/`-z`: the check did not run.
    Unsupported,
    Unrecognised,
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NcEvidence {
    pub flavor: NcFlavor,
    pub outcome: NcOutcome,
    /// Addresses that failed before a later one succeeded (reported as info).
    pub dead_addresses: Vec<(String, ConnectError)>,
    pub lines: Vec<usize>,
}

struct Event {
    line: usize,
    outcome: NcOutcome,
}

pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> NcEvidence {
    let mut flavor = NcFlavor::Unknown;
    let mut events: Vec<Event> = Vec::new();
    let mut non_blank = 0usize;
    let mut version_line = None;

    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        non_blank += 1;
        if let Some(rest) = t.strip_prefix("Ncat: ") {
            flavor = NcFlavor::Ncat;
            if rest.starts_with("Version ") {
                version_line = Some(n);
                continue;
            }
            if let Some(o) = ncat_line(rest) {
                events.push(Event {
                    line: n,
                    outcome: o,
                });
            }
            continue;
        }
        if t.starts_with("BusyBox v")
            || t.starts_with("nc: invalid option")
            || t.starts_with("Usage: nc [-iN]")
        {
            flavor = NcFlavor::BusyBox;
            events.push(Event {
                line: n,
                outcome: NcOutcome::Unsupported,
            });
            continue;
        }
        if t.starts_with("Connection to ") && t.ends_with("succeeded!") {
            flavor = NcFlavor::OpenBsd;
            events.push(Event {
                line: n,
                outcome: NcOutcome::Connected {
                    address: openbsd_address(t),
                },
            });
            continue;
        }
        if let Some(rest) = t.strip_prefix("nc: connect to ") {
            flavor = NcFlavor::OpenBsd;
            let (head, err) = rest.rsplit_once(" failed: ").unwrap_or((rest, ""));
            let address = paren(head).or_else(|| head.split(" port ").next().map(|s| s.to_owned()));
            events.push(Event {
                line: n,
                outcome: NcOutcome::Failed {
                    error: ConnectError::from_text(err),
                    address,
                    text: err.to_owned(),
                },
            });
            continue;
        }
        if let Some(rest) = t.strip_prefix("nc: getaddrinfo for host ") {
            flavor = NcFlavor::OpenBsd;
            events.push(Event {
                line: n,
                outcome: dns_reason(rest),
            });
            continue;
        }
        if t == "nc: missing port number"
            || t.starts_with("nc: port number invalid")
            || t.starts_with("nc: port range not valid")
        {
            flavor = NcFlavor::OpenBsd;
            events.push(Event {
                line: n,
                outcome: NcOutcome::UsageError {
                    fullwidth_space: false,
                },
            });
            continue;
        }
        if t.contains("forward host lookup failed") {
            flavor = NcFlavor::Traditional;
            let o = if t.contains("Unknown host") {
                NcOutcome::DnsUnknownHost
            } else {
                NcOutcome::DnsTemporary
            };
            events.push(Event {
                line: n,
                outcome: o,
            });
            continue;
        }
        if t.contains("inverse host lookup failed") || t.starts_with("DNS fwd/rev mismatch") {
            flavor = NcFlavor::Traditional;
            continue;
        }
        if let Some(o) = traditional_line(t) {
            flavor = NcFlavor::Traditional;
            events.push(Event {
                line: n,
                outcome: o,
            });
            continue;
        }
    }

    let Some(last) = events.last() else {
        let outcome = if non_blank == 0
            || (flavor == NcFlavor::Ncat && non_blank == 1 && version_line.is_some())
        {
            NcOutcome::Empty
        } else {
            NcOutcome::Unrecognised
        };
        return NcEvidence {
            flavor,
            outcome,
            dead_addresses: Vec::new(),
            lines: Vec::new(),
        };
    };
    let outcome = last.outcome.clone();
    let mut lines = vec![last.line];
    let mut dead = Vec::new();
    if matches!(outcome, NcOutcome::Connected { .. }) {
        for e in &events {
            if let NcOutcome::Failed { error, address, .. } = &e.outcome {
                dead.push((address.clone().unwrap_or_default(), *error));
                lines.insert(lines.len() - 1, e.line);
            }
        }
    }
    NcEvidence {
        flavor,
        outcome,
        dead_addresses: dead,
        lines,
    }
}

fn ncat_line(rest: &str) -> Option<NcOutcome> {
    let r = rest.trim_end_matches('.');
    if let Some(addr) = r.strip_prefix("Connected to ") {
        // Ncat always prints `<ip>:<port>`; anything else is a damaged line, not a connection.
        let ip = strip_port(addr);
        if !super::is_ip_literal(&ip) {
            return None;
        }
        return Some(NcOutcome::Connected { address: Some(ip) });
    }
    if rest.starts_with("Could not resolve hostname") {
        let host = rest.split('"').nth(1).unwrap_or("");
        if host.contains('\u{3000}') || host.contains(' ') || host.contains('\t') {
            return Some(NcOutcome::UsageError {
                fullwidth_space: host.contains('\u{3000}'),
            });
        }
        return Some(dns_reason(rest));
    }
    if rest.starts_with("TIMEOUT") {
        return Some(NcOutcome::Failed {
            error: ConnectError::TimedOut,
            address: None,
            text: "TIMEOUT.".into(),
        });
    }
    if rest.starts_with("Connection refused")
        || rest.starts_with("Connection timed out")
        || rest.starts_with("No route to host")
        || rest.starts_with("Network is unreachable")
        || rest.starts_with("Host is unreachable")
        || rest.starts_with("Permission denied")
        || rest.starts_with("Connection reset")
    {
        return Some(NcOutcome::Failed {
            error: ConnectError::from_text(rest),
            address: None,
            text: rest.to_owned(),
        });
    }
    if rest.contains("bytes sent") || rest.starts_with("Version") {
        return None;
    }
    if rest.starts_with("Invalid") || rest.contains("QUITTING") {
        return Some(NcOutcome::UsageError {
            fullwidth_space: rest.contains('\u{3000}'),
        });
    }
    None
}

fn dns_reason(s: &str) -> NcOutcome {
    if s.contains("Name or service not known")
        || s.contains("nodename nor servname")
        || s.contains("No address associated")
    {
        NcOutcome::DnsUnknownHost
    } else {
        NcOutcome::DnsTemporary
    }
}

/// `<name> [<ip>] <port> (<svc>) open` or `… (<svc>) : <error>` (netcat-traditional).
fn traditional_line(t: &str) -> Option<NcOutcome> {
    let open = t.find(" [")?;
    let close = t.get(open..)?.find("] ")? + open;
    let address = t.get(open + 2..close)?.to_owned();
    let rest = t.get(close + 2..)?;
    if rest.ends_with(" open") {
        return Some(NcOutcome::Connected {
            address: Some(address),
        });
    }
    let (_, err) = rest.split_once(" : ")?;
    Some(NcOutcome::Failed {
        error: ConnectError::from_text(err),
        address: Some(address),
        text: err.to_owned(),
    })
}

fn openbsd_address(t: &str) -> Option<String> {
    let head = t.strip_prefix("Connection to ")?;
    if let Some(p) = paren(head) {
        return Some(p);
    }
    head.split_whitespace().next().map(|s| s.to_owned())
}

fn paren(s: &str) -> Option<String> {
    let a = s.find('(')?;
    let b = s.get(a..)?.find(')')? + a;
    let inner = s.get(a + 1..b)?;
    if inner == "tcp" || inner == "udp" {
        return None;
    }
    Some(inner.to_owned())
}

fn strip_port(addr: &str) -> String {
    // `20.191.166.134:443` or `[2603::1]:443`.
    if let Some(rest) = addr.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest).to_owned();
    }
    match addr.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !host.contains(':') => {
            host.to_owned()
        }
        _ => addr.to_owned(),
    }
}

/// True when the output looks like one of the nc variants (for a pasted output with no marker).
pub fn looks_like(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        t.starts_with("Ncat: ")
            || t.starts_with("nc: ")
            || (t.starts_with("Connection to ") && t.ends_with("succeeded!"))
            || traditional_line(t).is_some()
            || t.contains("forward host lookup failed")
    })
}

/// telnet's output (inetutils / netkit on Linux, Windows' client): `Connected to x.`,
/// `telnet: Unable to connect to remote host: Connection refused`, a name that does not
/// resolve, or Windows' `Could not open connection to the host, on port 443: Connect failed`.
pub fn parse_telnet<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> NcEvidence {
    let mut tried: Option<String> = None;
    let mut outcome = NcOutcome::Empty;
    let mut at = Vec::new();
    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if matches!(outcome, NcOutcome::Empty) {
            outcome = NcOutcome::Unrecognised;
        }
        if let Some(a) = t.strip_prefix("Trying ") {
            tried = Some(a.trim_end_matches('.').to_owned());
        } else if t.starts_with("Connected to ") || t.starts_with("Escape character is") {
            if !matches!(outcome, NcOutcome::Connected { .. }) {
                outcome = NcOutcome::Connected {
                    address: tried.clone(),
                };
                at = vec![n];
            }
        } else if let Some(why) = t
            .strip_prefix("telnet: Unable to connect to remote host:")
            .or_else(|| t.strip_prefix("telnet: connect to address "))
            .or_else(|| {
                t.split_once("Could not open connection to the host")
                    .map(|(_, r)| r)
            })
        {
            if !matches!(outcome, NcOutcome::Connected { .. }) {
                outcome = NcOutcome::Failed {
                    error: ConnectError::from_text(why),
                    address: tried.clone(),
                    text: t.to_owned(),
                };
                at = vec![n];
            }
        } else if t.starts_with("telnet:") && t.contains("Temporary failure in name resolution") {
            outcome = NcOutcome::DnsTemporary;
            at = vec![n];
        } else if t.starts_with("telnet:")
            && (t.contains("Name or service not known")
                || t.contains("Unknown host")
                || t.contains("could not resolve"))
        {
            outcome = NcOutcome::DnsUnknownHost;
            at = vec![n];
        }
    }
    NcEvidence {
        flavor: NcFlavor::Telnet,
        outcome,
        dead_addresses: Vec::new(),
        lines: at,
    }
}

/// Whether an output pasted alone is telnet's.
pub fn looks_like_telnet(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        t.starts_with("telnet: Unable to connect")
            || t.starts_with("Escape character is '^]'")
            || t.contains("Could not open connection to the host")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> NcEvidence {
        parse(s.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    #[test]
    fn openbsd_failed_then_succeeded_is_connected() {
        let e = run("nc: connect to login.windows.net (127.20.4.52) port 443 (tcp) failed: Connection refused\nConnection to login.windows.net (127.20.4.42) 443 port [tcp/https] succeeded!\n");
        assert_eq!(
            e.outcome,
            NcOutcome::Connected {
                address: Some("127.20.4.42".into())
            }
        );
        assert_eq!(
            e.dead_addresses,
            vec![("127.20.4.52".into(), ConnectError::Refused)]
        );
        assert_eq!(e.lines, vec![1, 2]);
    }

    #[test]
    fn article_old_openbsd_timeout_without_ip() {
        let e = run("nc: connect to pod01-prot1.jpe.backup.windowsazure.com port 443 (tcp) failed: Connection timed out\n");
        assert!(matches!(
            e.outcome,
            NcOutcome::Failed {
                error: ConnectError::TimedOut,
                ..
            }
        ));
    }

    #[test]
    fn article_ncat_750_timeout() {
        let e = run("Ncat: Version 7.50 ( https://nmap.org/ncat )\nNcat: Connection timed out.\n");
        assert_eq!(e.flavor, NcFlavor::Ncat);
        assert!(matches!(
            e.outcome,
            NcOutcome::Failed {
                error: ConnectError::TimedOut,
                ..
            }
        ));
    }

    #[test]
    fn ncat_fullwidth_space_is_a_usage_error() {
        let e = run("Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Could not resolve hostname \"10.12.0.15\u{3000}443\": Name or service not known. QUITTING.\n");
        assert_eq!(
            e.outcome,
            NcOutcome::UsageError {
                fullwidth_space: true
            }
        );
    }

    #[test]
    fn traditional_prints_cname_target() {
        let e =
            run("jpe-pod01-manag1.japaneast.cloudapp.azure.com [127.20.2.21] 443 (https) open\n");
        assert_eq!(e.flavor, NcFlavor::Traditional);
        assert_eq!(
            e.outcome,
            NcOutcome::Connected {
                address: Some("127.20.2.21".into())
            }
        );
    }

    #[test]
    fn traditional_unknown_reverse_is_still_open() {
        let e = run("10.0.0.4: inverse host lookup failed: Unknown host\n(UNKNOWN) [10.0.0.4] 443 (https) open\n");
        assert_eq!(
            e.outcome,
            NcOutcome::Connected {
                address: Some("10.0.0.4".into())
            }
        );
    }

    #[test]
    fn a_damaged_connected_line_is_not_a_connection() {
        let e = run("Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Connected to curl: (56) CONNECT tunnel failed, response 407\n");
        assert!(
            !matches!(e.outcome, NcOutcome::Connected { .. }),
            "{:?}",
            e.outcome
        );
    }

    #[test]
    fn busybox_has_no_z() {
        let e = run("nc: invalid option -- 'v'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n");
        assert_eq!(e.outcome, NcOutcome::Unsupported);
        assert_eq!(e.flavor, NcFlavor::BusyBox);
    }
}
