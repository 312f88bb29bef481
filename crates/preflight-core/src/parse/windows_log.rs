//! The Windows script's PowerShell transcript (field guide §F), known only from its reading guide:
//! detection is tolerant and verdicts carry medium confidence until real samples arrive.
//!
//! TCP results are one line each (`Result of tnc - 443 / from … /To URL  <fqdn> IPaddress <ip> /
//! TcpTestSucceeded: True`); HTTPS results follow a `#TRY!! Invoke-webRequest <fqdn>` marker.

use crate::decode::Text;
use crate::report::{Lines, Machine};

use super::{is_blank, strip_ansi};

/// The cmdlet a result line comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmdlet {
    /// `Test-NetConnection`, logged as one `Result of tnc` line.
    TestNetConnection,
    /// `Invoke-WebRequest`, after a `#TRY!! Invoke-webRequest <fqdn>` marker.
    InvokeWebRequest,
}

/// One result of the transcript: the cmdlet, its destination and its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WinResult {
    pub cmdlet: Cmdlet,
    pub target: String,
    pub port: Option<u16>,
    /// The marker or result line to the last line of output.
    pub lines: Lines,
    pub output: Option<Lines>,
    /// The result runs to the end of the input with no closing line after it.
    pub at_end_of_input: bool,
}

/// The proxy settings the transcript prints per account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WinProxy {
    /// A `WinInet settings` or `##Check WinHttpProxy` section is present.
    pub section_present: bool,
    /// The user's WinInet proxy (`ProxyEnable: 1` then `ProxyServer`), with its line.
    pub wininet: Option<(String, usize)>,
    /// The machine's WinHTTP proxy (`Proxy Server(s) :`), with its line.
    pub winhttp: Option<(String, usize)>,
}

/// The Windows script's transcript, as far as it is read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WindowsLog {
    pub machine: Machine,
    pub proxy: WinProxy,
    pub results: Vec<WinResult>,
    /// `ScriptStart Completed` (or the transcript's end line).
    pub complete_line: Option<usize>,
}

pub fn parse(text: &Text<'_>) -> WindowsLog {
    let mut log = WindowsLog::default();
    let mut machine = Machine::default();
    let mut proxy = WinProxy::default();
    let mut iwr: Option<(usize, String)> = None;
    let n_lines = text.line_count();

    let close_iwr = |iwr: &mut Option<(usize, String)>, end: usize, blocks: &mut Vec<WinResult>| {
        if let Some((start, target)) = iwr.take() {
            let mut last = start;
            for k in (start + 1..end).rev() {
                if !is_blank(text.line(k)) {
                    last = k;
                    break;
                }
            }
            blocks.push(WinResult {
                cmdlet: Cmdlet::InvokeWebRequest,
                target,
                port: Some(443),
                lines: Lines(start, last),
                output: (last > start).then_some(Lines(start + 1, last)),
                at_end_of_input: end > n_lines,
            });
        }
    };

    for n in 1..=n_lines {
        let raw = strip_ansi(text.line(n));
        let t = raw.trim();
        if let Some(rest) = t.strip_prefix("Machine:") {
            // `Machine: VM01 (Microsoft Windows NT 10.0.17763.0)`
            let rest = rest.trim();
            let (host, os) = match rest.split_once(" (") {
                Some((h, o)) => (h.trim(), Some(o.trim_end_matches(')').to_owned())),
                None => (rest, None),
            };
            machine.host = Some(host.to_owned());
            machine.host_line = Some(n);
            machine.os = os;
            continue;
        }
        if let Some(rest) = t.strip_prefix("Start time:") {
            let d = rest.trim();
            machine.run_date = Some(d.to_owned());
            machine.run_date_iso = compact_date(d);
            continue;
        }
        if t.starts_with("ScriptStart Completed")
            || t.starts_with("-----Script Completed")
            || t.starts_with("Windows PowerShell transcript end")
        {
            close_iwr(&mut iwr, n, &mut log.results);
            log.complete_line.get_or_insert(n);
            continue;
        }
        if t.starts_with("WinInet settings") || t.starts_with("##Check WinHttpProxy") {
            proxy.section_present = true;
            continue;
        }
        if let Some(v) = t.strip_prefix("ProxyEnable") {
            let v = v.trim_start_matches([' ', ':', '\t']).trim();
            if v == "1" && proxy.wininet.is_none() {
                proxy.wininet = Some(("ProxyEnable: 1".to_owned(), n));
            }
            continue;
        }
        if let Some(v) = t.strip_prefix("ProxyServer") {
            let v = v.trim_start_matches([' ', ':', '\t']).trim();
            if !v.is_empty()
                && proxy
                    .wininet
                    .as_ref()
                    .is_some_and(|p| p.0 == "ProxyEnable: 1")
            {
                proxy.wininet = Some((v.to_owned(), n));
            }
            continue;
        }
        if let Some(v) = t
            .strip_prefix("Proxy Server(s) :")
            .or_else(|| t.strip_prefix("Proxy Server(s):"))
        {
            let v = v.trim();
            if !v.is_empty() && proxy.winhttp.is_none() {
                proxy.winhttp = Some((v.to_owned(), n));
            }
            continue;
        }
        if let Some(rest) = t
            .strip_prefix("#TRY!!")
            .or_else(|| t.strip_prefix("##TRY!!"))
        {
            close_iwr(&mut iwr, n, &mut log.results);
            let mut words = rest.split_whitespace();
            let cmd = words.next().unwrap_or("");
            if cmd.eq_ignore_ascii_case("Invoke-webRequest") || cmd.eq_ignore_ascii_case("iwr") {
                let target = words
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("https://")
                    .trim_end_matches('/')
                    .to_owned();
                iwr = Some((n, target));
            }
            continue;
        }
        if t.starts_with("Result of tnc") {
            close_iwr(&mut iwr, n, &mut log.results);
            let (target, port) = tnc_target(t);
            log.results.push(WinResult {
                cmdlet: Cmdlet::TestNetConnection,
                target,
                port,
                lines: Lines::one(n),
                output: Some(Lines::one(n)),
                at_end_of_input: false,
            });
            continue;
        }
    }
    close_iwr(&mut iwr, n_lines + 1, &mut log.results);
    machine.complete = log.complete_line.is_some();
    log.machine = machine;
    log.proxy = proxy;
    log
}

/// `Result of tnc - 443 / from 10.8.0.6 /To URL  <fqdn> IPaddress <ip> / TcpTestSucceeded: True`
fn tnc_target(t: &str) -> (String, Option<u16>) {
    let port = t
        .strip_prefix("Result of tnc")
        .map(|r| r.trim_start_matches([' ', '-']))
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|p| p.parse().ok());
    let target = t
        .split("To URL")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or("")
        .to_owned();
    (target, port)
}

/// `20231204153012` (transcript `Start time:`) to `2023-12-04 15:30:12`.
fn compact_date(d: &str) -> Option<String> {
    let d: String = d.chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() != 14 {
        return None;
    }
    Some(format!(
        "{}-{}-{} {}:{}:{}",
        d.get(0..4)?,
        d.get(4..6)?,
        d.get(6..8)?,
        d.get(8..10)?,
        d.get(10..12)?,
        d.get(12..14)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tnc_line_gives_target_and_port() {
        assert_eq!(
            tnc_target("Result of tnc - 443 / from 10.8.0.6 /To URL  pod01-manag1.jpe.backup.windowsazure.com IPaddress 20.191.166.134 / TcpTestSucceeded: True"),
            ("pod01-manag1.jpe.backup.windowsazure.com".to_owned(), Some(443))
        );
    }

    #[test]
    fn transcript_start_time_is_read() {
        assert_eq!(
            compact_date("20231204153012").as_deref(),
            Some("2023-12-04 15:30:12")
        );
    }
}
