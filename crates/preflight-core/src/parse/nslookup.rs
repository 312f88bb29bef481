//! nslookup output: BIND 9.11-style, BIND 9.18-style, BusyBox (field guide §C.1) and Windows in
//! its UI languages (Windows field guide §5.1).
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
    /// The lookup failed and the tool does not say why: BusyBox's `can't resolve 'x'`.
    LookupFailed,
    /// The output stops right after the answer's `Name:` line: cut before its addresses.
    Cut,
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
    Windows,
    /// Not nslookup: PowerShell's `Resolve-DnsName` (`parse::resolve_dns`), read into the same
    /// evidence.
    ResolveDnsName,
    /// Not nslookup either: `dig`, `host` and `getent hosts` (`parse::dig`).
    Dig,
    Host,
    Getent,
    Unknown,
}

impl DnsFlavor {
    pub fn word(self) -> &'static str {
        match self {
            DnsFlavor::Bind918 => "bind-9.18",
            DnsFlavor::BindOld => "bind-9.11",
            DnsFlavor::BusyBox => "busybox",
            DnsFlavor::Windows => "windows",
            DnsFlavor::ResolveDnsName => "resolve-dnsname",
            DnsFlavor::Dig => "dig",
            DnsFlavor::Host => "host",
            DnsFlavor::Getent => "getent",
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

/// The labels Windows translates (field guide §5.1): the server (and the interactive default
/// server) and the name. `Address:`, `Addresses:`, `Aliases:` and the rcodes stay English.
const SERVER_LABELS: &[&str] = &[
    "Server",
    "Default Server",
    "Serveur",
    "Servidor",
    "Servidor predeterminado",
    "Standardserver",
    "服务器",
    "默认服务器",
    "伺服器",
    "서버",
    "サーバー",
    "既定のサーバー",
];
const NAME_LABELS: &[&str] = &[
    "Name", "Nom", "Nombre", "Nome", "名称", "名稱", "이름", "名前",
];

/// The value after one of `labels` and a colon (French puts a space before it).
fn label<'a>(t: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels
        .iter()
        .find_map(|l| t.strip_prefix(l)?.trim_start().strip_prefix(':'))
        .map(str::trim)
}

/// An rcode as BIND, BusyBox and Windows word it at the end of their "can't find" lines.
fn rcode(code: &str) -> DnsOutcome {
    match code
        .trim()
        .trim_end_matches('.')
        .to_ascii_uppercase()
        .as_str()
    {
        "NXDOMAIN" | "NON-EXISTENT DOMAIN" => DnsOutcome::NxDomain,
        "SERVFAIL" | "SERVER FAILED" => DnsOutcome::ServFail,
        "REFUSED" | "QUERY REFUSED" => DnsOutcome::QueryRefused,
        "NO ANSWER" => DnsOutcome::NoAnswer,
        "NO RESPONSE FROM SERVER" | "TIMED OUT" | "TIMED-OUT" => DnsOutcome::Timeout,
        _ => DnsOutcome::Unrecognised,
    }
}

/// A Windows `*** …` line after the header: `UnKnown can't find x: Non-existent domain` (and its
/// French, Chinese and Japanese word orders, whose rcode stays English), `Request to UnKnown
/// timed-out`, `No address (A) records available for x`.
fn windows_notice(rest: &str) -> DnsOutcome {
    let lower = rest.to_ascii_lowercase();
    if lower.contains("timed-out") || rest.starts_with("Le délai de la requête") {
        DnsOutcome::Timeout
    } else if lower.starts_with("no address") || lower.starts_with("no internal type") {
        DnsOutcome::NoAnswer
    } else {
        rest.rsplit_once(':')
            .map_or(DnsOutcome::Unrecognised, |(_, code)| rcode(code))
    }
}

/// `Address 1: …` (old BusyBox): the text after the number and colon.
fn numbered_address(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Address ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0)
        .then(|| rest.get(digits..)?.strip_prefix(':'))
        .flatten()
        .map(str::trim)
}

/// Which list an indented Windows line continues.
#[derive(Clone, Copy, PartialEq, Eq)]
enum More {
    No,
    Addresses,
    Aliases,
}

pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut server = None;
    let mut flavor = DnsFlavor::Unknown;
    let mut addresses = Vec::new();
    let mut address_lines = Vec::new();
    let mut cnames = Vec::new();
    let mut canonical = None;
    let mut after_name = false;
    let mut more = More::No;
    let mut f = Failures::default();
    let mut non_blank = 0usize;
    let mut ended_on_name = false;

    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        non_blank += 1;
        let name = label(t, NAME_LABELS);
        // Whether the output so far ends on the answer's `Name:` line.
        ended_on_name = name.is_some();
        // Windows continues `Addresses:` and `Aliases:` on indented lines, one value each.
        if more != More::No && line.starts_with([' ', '\t']) && !t.contains(char::is_whitespace) {
            if more == More::Aliases {
                cnames.push(t.trim_end_matches('.').to_owned());
            } else if after_name && (super::is_ip_literal(t) || is_masked_address(t)) {
                addresses.push(t.to_owned());
                address_lines.push(n);
            }
            continue;
        }
        more = More::No;
        if let Some(v) = label(t, SERVER_LABELS) {
            if !t.starts_with("Server:") || v == "UnKnown" {
                flavor = DnsFlavor::Windows;
            }
            server = Some(v.to_owned());
            after_name = false;
            continue;
        }
        if let Some(v) = name {
            canonical = Some(v.trim_end_matches('.').to_owned());
            after_name = true;
            continue;
        }
        if let Some(v) = t.strip_prefix("Aliases:") {
            flavor = DnsFlavor::Windows;
            // The first alias is the name asked; the others lead to the canonical name.
            cnames.push(v.trim().trim_end_matches('.').to_owned());
            more = More::Aliases;
            continue;
        }
        // BusyBox before 1.28: `Address 1: 20.60.1.1 name`, numbered, a name after the address.
        if let Some(v) = numbered_address(t) {
            flavor = DnsFlavor::BusyBox;
            let first = v.split_whitespace().next().unwrap_or("");
            if after_name && (super::is_ip_literal(first) || is_masked_address(first)) {
                addresses.push(first.to_owned());
                address_lines.push(n);
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("nslookup: can't resolve '") {
            flavor = DnsFlavor::BusyBox;
            // `'(null)'` is BusyBox failing to name its own server: nothing about the name asked.
            if !rest.starts_with("(null)") && f.rcode_at.is_none() {
                f.rcode_at = Some((DnsOutcome::LookupFailed, n));
            }
            continue;
        }
        let many = t.starts_with("Addresses:");
        if let Some(v) = t
            .strip_prefix("Address:")
            .or_else(|| t.strip_prefix("Addresses:"))
        {
            let v = v.trim();
            if many {
                flavor = DnsFlavor::Windows;
                more = More::Addresses;
            }
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
            } else if server.as_deref() == Some("UnKnown") {
                // Windows could not name its server (no PTR record): its address says more.
                server = Some(v.to_owned());
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
        if f.transport_line(t, n, &mut flavor) {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        let about_server = ["server name", "server address", "default server"]
            .iter()
            .any(|w| lower.contains(w));
        if t.starts_with("DNS request timed out")
            || server.is_none() && t.starts_with("*** ") && about_server
        {
            // Windows. Before the `Server:` header these lines are about the lookup of the
            // server's own name (`*** Can't find server name for address …`, `*** Default
            // servers are not available`), which fails harmlessly without a PTR record.
            flavor = DnsFlavor::Windows;
            if server.is_some() {
                f.timeout.push(n);
            }
            continue;
        }
        let bind = t
            .strip_prefix("** server can't find ")
            .or_else(|| t.strip_prefix("*** Can't find "));
        let outcome = match (bind, t.strip_prefix("*** ")) {
            (Some(rest), _) => rcode(rest.rsplit(": ").next().unwrap_or("")),
            (None, Some(rest)) => {
                flavor = DnsFlavor::Windows;
                windows_notice(rest)
            }
            (None, None) => {
                if t.starts_with(";; Got SERVFAIL reply") && f.rcode_at.is_none() {
                    f.rcode_at = Some((DnsOutcome::ServFail, n));
                }
                if t.starts_with("Non-authoritative answer")
                    || t.starts_with("Authoritative answers")
                {
                    after_name = false;
                }
                continue;
            }
        };
        match outcome {
            DnsOutcome::NoAnswer => f.no_answer = Some(n),
            DnsOutcome::Timeout => f.timeout.push(n),
            o if f.rcode_at.is_none() => f.rcode_at = Some((o, n)),
            _ => {}
        }
    }

    let (outcome, lines) = if addresses.is_empty() && ended_on_name {
        (DnsOutcome::Cut, Vec::new())
    } else if addresses.is_empty() {
        f.outcome(
            !cnames.is_empty() || server.is_some() && non_blank > 2,
            non_blank,
        )
    } else {
        let outcome = DnsOutcome::Resolved {
            addresses,
            canonical,
            cnames,
        };
        (outcome, address_lines)
    };
    DnsEvidence {
        outcome,
        flavor,
        server,
        lines,
    }
}

/// What went wrong, line by line, until the output ends: the outcome when no address came.
/// dig and host print BIND's transport lines too (`parse::dig`).
#[derive(Default)]
pub(super) struct Failures {
    timeout: Vec<usize>,
    pub(super) comm_refused: Vec<usize>,
    comm_targets: Vec<String>,
    no_servers: Option<usize>,
    pub(super) rcode_at: Option<(DnsOutcome, usize)>,
    no_answer: Option<usize>,
}

impl Failures {
    /// BIND's and BusyBox's lines about reaching the server (`;; connection timed out`,
    /// `;; communications error to …`, `;; no servers could be reached`, `nslookup: write
    /// to …`), and the flavor they show; `false` for any other line.
    pub(super) fn transport_line(&mut self, t: &str, n: usize, flavor: &mut DnsFlavor) -> bool {
        if t.starts_with(";; connection timed out") {
            self.timeout.push(n);
            if t.contains("no servers could be reached") {
                self.no_servers = Some(n);
            }
            *flavor = DnsFlavor::BindOld;
            return true;
        }
        if let Some(rest) = t.strip_prefix(";; communications error to ") {
            let (target, err) = rest.split_once(": ").unwrap_or((rest, ""));
            self.comm_targets.push(target.to_owned());
            if err.contains("timed out") {
                self.timeout.push(n);
            } else {
                self.comm_refused.push(n);
            }
            *flavor = DnsFlavor::Bind918;
            return true;
        }
        if t.starts_with(";; no servers could be reached") {
            self.no_servers = Some(n);
            return true;
        }
        if t.starts_with("nslookup: write to") || t.starts_with("nslookup: read:") {
            // BusyBox: `nslookup: write to '127.0.0.53': Connection refused`.
            if t.contains("refused") {
                self.comm_refused.push(n);
            } else {
                self.timeout.push(n);
            }
            *flavor = DnsFlavor::BusyBox;
            return true;
        }
        false
    }
    /// `answered`: the server said something (a header and more, or an alias) but no address.
    pub(super) fn outcome(self, answered: bool, non_blank: usize) -> (DnsOutcome, Vec<usize>) {
        let Failures {
            timeout,
            comm_refused,
            comm_targets,
            no_servers,
            rcode_at,
            no_answer,
        } = self;
        if let Some((o, n)) = rcode_at {
            (o, vec![n])
        } else if timeout.iter().any(|n| Some(*n) != no_servers)
            && timeout.len() >= comm_refused.len()
        {
            (DnsOutcome::Timeout, with(&timeout, no_servers))
        } else if !comm_refused.is_empty() {
            let loopback_only = !comm_targets.is_empty()
                && comm_targets
                    .iter()
                    .all(|t| t.starts_with("::1#") || t.starts_with("127.0.0.1#"));
            let outcome = if loopback_only {
                DnsOutcome::NoNameserver
            } else {
                DnsOutcome::ServerRefused
            };
            (outcome, with(&comm_refused, no_servers))
        } else if let Some(n) = no_servers {
            (DnsOutcome::Timeout, vec![n])
        } else if let Some(n) = no_answer {
            (DnsOutcome::NoAnswer, vec![n])
        } else if answered {
            (DnsOutcome::NoAnswer, Vec::new())
        } else if non_blank == 0 {
            (DnsOutcome::Empty, Vec::new())
        } else {
            (DnsOutcome::Unrecognised, Vec::new())
        }
    }
}

/// The name the output says was asked, for an output pasted without its command: BIND's
/// `x canonical name = …` and `** server can't find x:`, Windows' `*** … can't find x:` in any
/// word order and its first alias, else the answer's `Name:`.
pub fn asked_name(lines: &[&str]) -> Option<String> {
    let mut name = None;
    for l in lines {
        let t = visible(l);
        let t = t.trim();
        if let Some((asked, _)) = t
            .split_once("\tcanonical name =")
            .or_else(|| t.split_once(" canonical name ="))
        {
            return Some(asked.trim().to_owned());
        }
        if let Some(rest) = t.strip_prefix("** server can't find ") {
            return Some(rest.split(':').next().unwrap_or("").trim().to_owned());
        }
        if let Some(rest) = t.strip_prefix("nslookup: can't resolve '") {
            let name = rest.split('\'').next().unwrap_or("");
            if name != "(null)" && !name.is_empty() {
                return Some(name.to_owned());
            }
        }
        if let Some((before, _)) = t.strip_prefix("*** ").and_then(|r| r.rsplit_once(':')) {
            // The name is the last dotted word before the rcode (the server's may come first).
            let dotted = before
                .split_whitespace()
                .map(|w| w.trim_end_matches('.'))
                .rfind(|w| w.contains('.'));
            if let Some(w) = dotted.filter(|_| !before.contains("server name")) {
                return Some(w.to_owned());
            }
        }
        if let Some(v) = t.strip_prefix("Aliases:") {
            return Some(v.trim().trim_end_matches('.').to_owned());
        }
        if name.is_none() {
            name = label(t, NAME_LABELS).map(|v| v.trim_end_matches('.').to_owned());
        }
    }
    name.filter(|n| !n.is_empty())
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
        label(t, SERVER_LABELS).is_some()
            || t.starts_with("DNS request timed out")
            || t.starts_with("*** ") && t.contains("can't find")
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
