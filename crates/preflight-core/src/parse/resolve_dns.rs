//! `Resolve-DnsName`'s output: its answer table (or list) and its error record.
//!
//! The table's column names, record types and sections are property and enum names, English in
//! every UI language. An error record's `FullyQualifiedErrorId` names the DNS status in English
//! too (`DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName`); the message
//! before it is Windows' own text, in the machine's language, so it is only a fallback.

use super::nslookup::{DnsEvidence, DnsFlavor, DnsOutcome};
use super::{is_ip_literal, visible};

/// DnsClient's status names (Win32 error names) and messages (English, and Japanese where
/// Microsoft's error-code pages give them), and what each means.
fn status(t: &str) -> Option<DnsOutcome> {
    const KEYS: &[(&str, u8)] = &[
        ("DNS_ERROR_RCODE_NAME_ERROR", 0),
        ("DNS name does not exist", 0),
        ("DNS 名が存在しません", 0),
        ("DNS_ERROR_RCODE_SERVER_FAILURE", 1),
        ("DNS server failure", 1),
        ("DNS_ERROR_RCODE_REFUSED", 2),
        ("DNS request refused", 2),
        ("ERROR_TIMEOUT", 3),
        ("timeout period expired", 3),
        ("タイムアウト期間が経過したため", 3),
        ("DNS_INFO_NO_RECORDS", 4),
        ("No records found for given DNS query", 4),
        ("DNS_ERROR_NO_DNS_SERVERS", 5),
        ("No DNS servers configured", 5),
    ];
    let (_, k) = KEYS.iter().find(|(key, _)| t.contains(key))?;
    Some(match k {
        0 => DnsOutcome::NxDomain,
        1 => DnsOutcome::ServFail,
        2 => DnsOutcome::QueryRefused,
        3 => DnsOutcome::Timeout,
        4 => DnsOutcome::NoAnswer,
        _ => DnsOutcome::NoNameserver,
    })
}

/// `Resolve-DnsName : x : …` (Windows PowerShell) or `Resolve-DnsName: x : …` (PowerShell 7).
fn error_line(t: &str) -> Option<&str> {
    t.strip_prefix("Resolve-DnsName")?
        .trim_start()
        .strip_prefix(':')
}

/// Whether a line opens `Resolve-DnsName`'s error record.
pub fn opens_error_record(t: &str) -> bool {
    error_line(t.trim()).is_some()
}

/// The table's header: `Name  Type  TTL  Section  IPAddress` (or `NameHost`, `PrimaryServer`).
fn is_header(t: &str) -> bool {
    let mut w = t.split_whitespace();
    w.next() == Some("Name") && w.next() == Some("Type") && w.next() == Some("TTL")
}

pub fn looks_like(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        is_header(t) || error_line(t).is_some() || t.contains("DnsClient.Commands.ResolveDnsName")
    })
}

pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> DnsEvidence {
    let mut addresses = Vec::new();
    let mut address_lines = Vec::new();
    let mut cnames = Vec::new();
    let mut canonical = None;
    let mut records = 0usize;
    let mut error: Option<(DnsOutcome, usize)> = None;
    let mut in_table = false;
    let mut any = false;
    for (n, raw) in lines {
        let line = visible(raw);
        let t = line.trim();
        if t.is_empty() {
            in_table = false;
            continue;
        }
        any = true;
        if is_header(t) {
            in_table = true;
            continue;
        }
        let found = match status(t) {
            Some(s) if error_line(t).is_some() || t.contains("FullyQualifiedErrorId") => Some(s),
            _ => None,
        };
        if let Some(s) = found {
            // The id on the `+ FullyQualifiedErrorId` line outranks the localised message.
            if error.is_none() || t.contains("FullyQualifiedErrorId") {
                error = Some((s, n));
            }
            continue;
        }
        // A row: `name  A  60  Answer  20.60.1.1`, or the list form's `IP4Address : 20.60.1.1`.
        let w: Vec<&str> = t.split_whitespace().collect();
        let (kind, section, value) = match w.as_slice() {
            [name, kind, ttl, section, value, ..]
                if in_table && ttl.bytes().all(|b| b.is_ascii_digit()) =>
            {
                canonical = Some(name.trim_end_matches('.').to_owned());
                (*kind, *section, *value)
            }
            [key, ":", value] => match *key {
                "IP4Address" | "IP6Address" | "IPAddress" => ("A", "Answer", *value),
                "NameHost" => ("CNAME", "Answer", *value),
                "Name" => {
                    canonical = Some(value.trim_end_matches('.').to_owned());
                    continue;
                }
                _ => continue,
            },
            _ => continue,
        };
        if t.starts_with('-') || section != "Answer" {
            continue;
        }
        records += 1;
        match kind {
            "A" | "AAAA" if is_ip_literal(value) => {
                addresses.push(value.to_owned());
                address_lines.push(n);
            }
            "CNAME" => cnames.push(value.trim_end_matches('.').to_owned()),
            _ => {}
        }
    }
    let (outcome, lines) = if !addresses.is_empty() {
        let outcome = DnsOutcome::Resolved {
            addresses,
            canonical,
            cnames,
        };
        (outcome, address_lines)
    } else if let Some((s, n)) = error {
        (s, vec![n])
    } else if records > 0 {
        // Only aliases (or an SOA from the zone): the name has no address of the type asked.
        (DnsOutcome::NoAnswer, Vec::new())
    } else if any {
        (DnsOutcome::Unrecognised, Vec::new())
    } else {
        (DnsOutcome::Empty, Vec::new())
    };
    DnsEvidence {
        outcome,
        flavor: DnsFlavor::ResolveDnsName,
        server: None,
        lines,
    }
}

/// The name asked: in the error record (`Resolve-DnsName : x : …`), else the table's first row.
pub fn asked_name(lines: &[&str]) -> Option<String> {
    let mut first_row = None;
    let mut in_table = false;
    for l in lines {
        let t = visible(l);
        let t = t.trim();
        if let Some(rest) = error_line(t) {
            let name = rest.split(" : ").next().unwrap_or("").trim();
            if !name.is_empty() {
                return Some(name.to_owned());
            }
        }
        if is_header(t) {
            in_table = true;
        } else if in_table && first_row.is_none() && !t.starts_with('-') {
            first_row = t
                .split_whitespace()
                .next()
                .map(|n| n.trim_end_matches('.').to_owned());
        }
    }
    first_row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> DnsEvidence {
        parse(s.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    #[test]
    fn the_answer_table_resolves_through_its_aliases() {
        let e = run("\nName                           Type   TTL   Section    NameHost\n----                           ----   ---   -------    --------\nx.blob.core.windows.net        CNAME  60    Answer     x.privatelink.blob.core.windows.net\n\nName       : blob.tyo22prdstr02a.store.core.windows.net\nQueryType  : A\nTTL        : 60\nSection    : Answer\nIP4Address : 20.60.1.1\n");
        assert_eq!(
            e.outcome,
            DnsOutcome::Resolved {
                addresses: vec!["20.60.1.1".into()],
                canonical: Some("blob.tyo22prdstr02a.store.core.windows.net".into()),
                cnames: vec!["x.privatelink.blob.core.windows.net".into()],
            }
        );
        assert_eq!(e.lines, vec![10]);
    }

    #[test]
    fn the_error_id_names_the_failure_in_every_language() {
        for (text, outcome) in [
            ("Resolve-DnsName : x.example : DNS name does not exist\n", DnsOutcome::NxDomain),
            ("Resolve-DnsName: x.example : DNS server failure.\n", DnsOutcome::ServFail),
            ("Resolve-DnsName : x.example : このエラーは翻訳されています\n    + FullyQualifiedErrorId : ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName\n", DnsOutcome::Timeout),
            ("Resolve-DnsName : x.example : DNS 名が存在しません\n", DnsOutcome::NxDomain),
        ] {
            assert_eq!(run(text).outcome, outcome, "{text}");
            assert_eq!(
                asked_name(&text.lines().collect::<Vec<_>>()).as_deref(),
                Some("x.example")
            );
        }
    }

    #[test]
    fn aliases_alone_are_no_address() {
        let e = run("Name      Type   TTL   Section    NameHost\n----      ----   ---   -------    --------\nx.example CNAME  60    Answer     y.example\n");
        assert_eq!(e.outcome, DnsOutcome::NoAnswer);
    }
}
