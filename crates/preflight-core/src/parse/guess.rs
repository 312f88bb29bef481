//! A tool's output pasted without its command line: which tool wrote it, and against what.

use crate::report::Tool;

use super::{command, curl, dig, nc, nslookup, resolve_dns, windows_log, winmsg};

/// Guesses the tool from a pasted output that has no marker line.
pub fn guess_tool(lines: &[&str]) -> Option<Tool> {
    if curl::looks_like(lines) {
        Some(Tool::Curl)
    } else if nc::looks_like(lines) {
        Some(Tool::Nc)
    } else if nslookup::looks_like(lines) {
        Some(Tool::Nslookup)
    } else if dig::looks_like_dig(lines) {
        Some(Tool::Dig)
    } else if dig::looks_like_host(lines) {
        Some(Tool::Host)
    } else if nc::looks_like_telnet(lines) {
        Some(Tool::Telnet)
    } else {
        windows_output(lines)
    }
}

/// A cmdlet's output: `Test-NetConnection`'s result, or a web cmdlet's error record or response.
fn windows_output(lines: &[&str]) -> Option<Tool> {
    let numbered: Vec<(usize, &str)> = lines.iter().copied().enumerate().collect();
    if resolve_dns::looks_like(lines) {
        Some(Tool::ResolveDnsName)
    } else if windows_log::tnc_evidence(&numbered)
        .is_some_and(|e| e.tcp.is_some() || e.name_failed.is_some())
    {
        Some(Tool::Tnc)
    } else if winmsg::web_result(&numbered).is_some() {
        Some(Tool::InvokeWebRequest)
    } else {
        None
    }
}

/// Target and port named inside a pasted output with no marker.
pub fn guess_target(tool: Tool, lines: &[&str]) -> (String, Option<u16>) {
    if matches!(tool, Tool::Tnc | Tool::InvokeWebRequest) {
        return cmdlet_output_target(lines);
    }
    if tool == Tool::Nslookup {
        return (nslookup::asked_name(lines).unwrap_or_default(), None);
    }
    if tool == Tool::ResolveDnsName {
        return (resolve_dns::asked_name(lines).unwrap_or_default(), None);
    }
    if matches!(tool, Tool::Dig | Tool::Host) {
        return (dig::asked_name(lines).unwrap_or_default(), None);
    }
    if tool == Tool::Telnet {
        // `Connected to x.`; the port is not in telnet's output.
        let host = lines.iter().find_map(|l| {
            let t = l.trim().strip_prefix("Connected to ")?;
            Some(t.trim_end_matches('.').to_owned())
        });
        return (host.unwrap_or_default(), None);
    }
    for l in lines {
        let t = crate::parse::visible(l);
        let t = t.trim();
        match tool {
            Tool::Nc => {
                if let Some(rest) = t.strip_prefix("Connection to ") {
                    let mut w = rest.split_whitespace();
                    let host = w.next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .next()
                        .and_then(|h| h.split_whitespace().last())
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.strip_prefix("nc: connect to ") {
                    let host = rest.split_whitespace().next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .nth(1)
                        .and_then(|p| p.split_whitespace().next())
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.split_once("forward host lookup failed").map(|(h, _)| h) {
                    return (rest.trim().trim_end_matches(':').to_owned(), None);
                }
                if let Some(rest) = t.strip_prefix("nc: getaddrinfo for host \"") {
                    let host = rest.split('"').next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .nth(1)
                        .and_then(|p| {
                            p.trim_end_matches(|c: char| !c.is_ascii_digit())
                                .split(':')
                                .next()
                        })
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.strip_prefix("Ncat: Connected to ") {
                    let a = rest.trim_end_matches('.');
                    if let Some((h, p)) = a.rsplit_once(':') {
                        return (h.to_owned(), p.parse().ok());
                    }
                }
                // netcat-traditional: `<name> [<ip>] <port> (<svc>) …`; the name may be the CNAME target.
                if let (Some(open), Some(close)) = (t.find(" ["), t.find("] ")) {
                    if open < close {
                        let host = t.get(..open).unwrap_or("").trim();
                        let port = t
                            .get(close + 2..)
                            .and_then(|r| r.split_whitespace().next())
                            .and_then(|p| p.parse().ok());
                        if host != "(UNKNOWN)" {
                            return (host.to_owned(), port);
                        }
                        return (t.get(open + 2..close).unwrap_or("").to_owned(), port);
                    }
                }
                if t.contains("Could not resolve hostname \"") {
                    return (t.split('"').nth(1).unwrap_or("").to_owned(), None);
                }
            }
            Tool::Curl => {
                if let Some(pos) = t
                    .find("Could not resolve host: ")
                    .or_else(|| t.find("Couldn't resolve host '"))
                {
                    let rest = t.get(pos..).unwrap_or("");
                    let host = rest
                        .split([':', '\''])
                        .nth(1)
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    return (host, Some(443));
                }
                // A connect failure on another port names the proxy, not the target.
                if let Some((h, Some(443))) = curl::connect_target(t) {
                    return (h, Some(443));
                }
                if let Some(pos) = t.find("in connection to ") {
                    let rest = t.get(pos + 17..).unwrap_or("").trim();
                    if let Some((h, p)) = rest.rsplit_once(':') {
                        return (h.to_owned(), p.trim().parse().ok());
                    }
                }
            }
            _ => {}
        }
    }
    (
        String::new(),
        if tool == Tool::Curl { Some(443) } else { None },
    )
}

/// Where a cmdlet's output says it went: `ComputerName : x` and `RemotePort : 443`, the name
/// in `Name resolution of x failed` or in a DNS error's `'x'`, the command an error record
/// quotes on its `+ …` line.
fn cmdlet_output_target(lines: &[&str]) -> (String, Option<u16>) {
    let (mut host, mut port) = (String::new(), None);
    for l in lines {
        let t = l.trim();
        let value = |name: &str| {
            t.strip_prefix(name)
                .and_then(|r| r.trim_start().strip_prefix(':'))
                .map(|v| v.trim().to_owned())
        };
        if let Some(v) = value("ComputerName") {
            host = v;
        } else if let Some(v) = value("RemotePort") {
            port = v.parse().ok();
        } else if let Some(name) = t
            .split_once("Name resolution of ")
            .and_then(|(_, r)| r.strip_suffix(" failed"))
        {
            host = name.trim().to_owned();
        } else if host.is_empty() {
            // The source line an error record quotes: `+ Invoke-WebRequest …` (Windows
            // PowerShell) or `  12 |  Invoke-WebRequest …` (PowerShell 7's script view).
            let numbered = t
                .split_once(" |")
                .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .map(|(_, source)| source.trim());
            if let Some(source) = t.strip_prefix('+').map(str::trim).or(numbered) {
                if let Some(c) = command::read(source) {
                    if !c.target.is_empty() && !c.target.starts_with('$') {
                        (host, port) = (c.target, c.port);
                    }
                }
            } else if let Some(name) = t
                .split('\'')
                .nth(1)
                .filter(|n| n.contains('.') && !n.contains(' '))
            {
                host = name.to_owned();
                port = port.or(Some(443));
            }
        }
    }
    (host, port)
}
