//! The Windows script's PowerShell transcript (field guide §F), known only from its reading guide:
//! detection is tolerant and verdicts carry medium confidence until real samples arrive.
//!
//! TCP results are one line each (`Result of tnc - 443 / from … /To URL  <fqdn> IPaddress <ip> /
//! TcpTestSucceeded: True`); HTTPS results follow a `#TRY!! Invoke-webRequest <fqdn>` marker.

use crate::decode::Text;
use crate::report::{Lines, Machine};

use super::winsettings::{self, WinSettings};
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

/// Which script wrote the transcript.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Script {
    /// The Azure Backup check (`Check_Backup_NW`): its result lines, proxy dump or markers.
    #[default]
    Backup,
    /// Azure Site Recovery's sibling (`Check_ASR_NW`): the same result lines, other destinations.
    SiteRecovery,
    /// A transcript with none of either script's lines.
    Other,
}

/// The Windows script's transcript, as far as it is read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WindowsLog {
    pub machine: Machine,
    pub settings: WinSettings,
    pub results: Vec<WinResult>,
    /// The transcript file's header (`**********************` … `PSVersion:` …), which only a
    /// whole transcript has; a console capture or a copied part has none.
    pub header_line: Option<usize>,
    /// `-----ScriptStart Completed-----` (or the transcript's end line).
    pub complete_line: Option<usize>,
    pub script: Script,
    /// A check the capture ends in before it printed anything (a console copied mid-run).
    pub cut_at: Option<usize>,
}

/// The lines only the Site Recovery sibling prints.
const SITE_RECOVERY: &[&str] = &[
    "Check_ASR_NW",
    "ASR_Check_NW_",
    "Connection check ASR",
    "-----Script Completed-----",
    "### Check for Cache Storage Account",
];

/// The lines only the Backup script prints (besides its result lines).
const BACKUP: &[&str] = &[
    "Check_Backup_NW",
    "AzureBackup_Check_NW_",
    "-----ScriptStart Completed-----",
    "WinInet settings for",
    "##Check WinHttpProxy",
    "TLS CHECK",
];

pub fn parse(text: &Text<'_>) -> WindowsLog {
    let mut log = WindowsLog::default();
    let mut machine = Machine::default();
    let mut iwr: Option<(usize, String)> = None;
    let n_lines = text.line_count();
    let mut numbered = Vec::with_capacity(n_lines);
    let (mut asr, mut backup) = (false, false);
    let mut asterisks: Option<usize> = None;

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
        numbered.push((n, text.line(n)));
        asr |= SITE_RECOVERY.iter().any(|w| t.contains(w));
        backup |= BACKUP.iter().any(|w| t.contains(w));
        // The header: a line of 22 asterisks, then `PSVersion:` (never localised) before the next.
        if t.len() == 22 && t.bytes().all(|b| b == b'*') {
            asterisks = Some(n);
            continue;
        }
        if t.starts_with("PSVersion:") || t.starts_with("Windows PowerShell transcript start") {
            log.header_line = log.header_line.or(asterisks).or(Some(n));
        }
        if let Some(rest) = t
            .strip_prefix("Machine:")
            .or_else(|| t.strip_prefix("コンピューター:"))
        {
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
        if t.starts_with("-----ScriptStart Completed")
            || t.starts_with("ScriptStart Completed")
            || t.starts_with("-----Script Completed")
            || t.starts_with("Windows PowerShell transcript end")
        {
            close_iwr(&mut iwr, n, &mut log.results);
            log.complete_line.get_or_insert(n);
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
    // A capture that stops at a check's marker did not run that check yet: not a result. A
    // whole transcript that stops there was cut short, which its own finding says.
    if log.header_line.is_none() {
        if let Some(last) = log.results.last() {
            if last.at_end_of_input && last.output.is_none() {
                log.cut_at = Some(last.lines.0);
                log.results.pop();
            }
        }
    }
    log.script = if asr {
        Script::SiteRecovery
    } else if backup || !log.results.is_empty() {
        Script::Backup
    } else {
        Script::Other
    };
    log.settings = winsettings::read(&numbered);
    if log.script == Script::Other && !log.settings.is_empty() {
        // Settings pasted alone (a proxy dump, netsh, the TLS keys) are the Backup script's
        // sections or the commands its guide asks for.
        log.script = Script::Backup;
    }
    machine.complete = log.complete_line.is_some();
    log.machine = machine;
    log
}

/// What a `Test-NetConnection` output says: the script's one-line result, the result object
/// (`TcpTestSucceeded : True`, also with `-InformationLevel Detailed`) and the warnings before
/// it, whose prefix is localised (`WARNING:`, `警告:`, `WARNUNG:`, `AVERTISSEMENT :`, …) while
/// their text stays English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TncEvidence {
    /// `TcpTestSucceeded`'s value and line.
    pub tcp: Option<(bool, usize)>,
    /// The address it connected to (`IPaddress <ip>`, `RemoteAddress : <ip>`).
    pub address: TncAddress,
    /// `Name resolution of <name> failed`, or `NameResolutionSucceeded : False`.
    pub name_failed: Option<usize>,
    /// `TCP connect to (<ip> : <port>) failed`.
    pub connect_warning: Option<usize>,
    /// `PingSucceeded` without `TcpTestSucceeded`: run without `-Port`, it tested ping only.
    pub ping_only: Option<usize>,
}

/// The address field of a `Test-NetConnection` result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TncAddress {
    /// No address field at all.
    #[default]
    Absent,
    /// The field is there and empty: the name did not resolve.
    Empty,
    /// A value that is not an address: masked or cut before it was pasted (`<MASKED>`, `xxx`).
    Hidden,
    Ip(String),
}

/// Reads a `Test-NetConnection` output; `None` when no line is one of its.
pub fn tnc_evidence(lines: &[(usize, &str)]) -> Option<TncEvidence> {
    let mut ev = TncEvidence::default();
    let mut ping = None;
    let mut seen = false;
    for &(n, raw) in lines {
        let t = raw.trim();
        if t.contains("TCP connect to (") && t.ends_with("failed") {
            ev.connect_warning.get_or_insert(n);
            seen = true;
        } else if t.contains("Name resolution of ") && t.ends_with("failed") {
            ev.name_failed.get_or_insert(n);
            seen = true;
        } else if let Some(v) = field(t, "TcpTestSucceeded") {
            ev.tcp = bool_of(v).map(|b| (b, n));
            seen = true;
        } else if let Some(v) = field(t, "NameResolutionSucceeded") {
            if bool_of(v) == Some(false) {
                ev.name_failed.get_or_insert(n);
            }
        } else if field(t, "PingSucceeded").is_some() {
            ping.get_or_insert(n);
        }
        if let Some(v) = field(t, "RemoteAddress").or_else(|| after_word(t, "IPaddress")) {
            ev.address = address_of(v);
        }
    }
    if ev.tcp.is_none() {
        ev.ping_only = ping;
    }
    (seen || ev.ping_only.is_some()).then_some(ev)
}

/// `Name : value` (the object form) or `Name: value` (the script's line); the value up to the
/// next ` /` in the script's line.
fn field<'t>(t: &'t str, name: &str) -> Option<&'t str> {
    let at = t.find(name)?;
    let rest = t.get(at + name.len()..)?.trim_start();
    let value = rest.strip_prefix(':')?.trim();
    Some(value.split(" /").next().unwrap_or(value).trim())
}

/// The word after `IPaddress` in the script's line, or `""`.
fn after_word<'t>(t: &'t str, word: &str) -> Option<&'t str> {
    let rest = t.split_once(word)?.1;
    Some(
        rest.split_whitespace()
            .next()
            .filter(|w| *w != "/")
            .unwrap_or(""),
    )
}

fn bool_of(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn address_of(v: &str) -> TncAddress {
    if v.is_empty() {
        TncAddress::Empty
    } else if crate::parse::is_ip_literal(v) {
        TncAddress::Ip(v.to_owned())
    } else {
        TncAddress::Hidden
    }
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

    #[test]
    fn the_result_object_and_its_warnings_are_read() {
        let lines = [
            (2, "WARNING: TCP connect to (192.168.22.14 : 8000) failed"),
            (
                3,
                "WARNING: Ping to 192.168.22.14 failed with status: TimedOut",
            ),
            (6, "ComputerName           : 192.168.22.14"),
            (7, "RemoteAddress          : 192.168.22.14"),
            (11, "PingSucceeded          : False"),
            (13, "TcpTestSucceeded       : False"),
        ];
        let ev = tnc_evidence(&lines).unwrap();
        assert_eq!(ev.tcp, Some((false, 13)));
        assert_eq!(ev.connect_warning, Some(2));
        assert_eq!(ev.address, TncAddress::Ip("192.168.22.14".into()));
        assert_eq!(ev.ping_only, None);
    }

    #[test]
    fn a_masked_address_is_hidden_and_an_empty_one_is_empty() {
        let masked = tnc_evidence(&[(1, "Result of tnc - 443 / from 10.0.0.254 /To URL  x.blob.core.windows.net IPaddress <MASKED> / TcpTestSucceeded: True")]).unwrap();
        assert_eq!(masked.address, TncAddress::Hidden);
        assert_eq!(masked.tcp, Some((true, 1)));
        let empty = tnc_evidence(&[(
            1,
            "Result of tnc - 443 / from  /To URL  x.example IPaddress  / TcpTestSucceeded: False",
        )])
        .unwrap();
        assert_eq!(empty.address, TncAddress::Empty);
    }

    #[test]
    fn localised_warnings_and_ping_only_runs_are_read() {
        let ev = tnc_evidence(&[
            (1, "경고: Name resolution of x.example failed"),
            (4, "PingSucceeded : False"),
        ])
        .unwrap();
        assert_eq!(ev.name_failed, Some(1));
        let ping = tnc_evidence(&[(4, "PingSucceeded          : True")]).unwrap();
        assert_eq!(ping.ping_only, Some(4));
        assert_eq!(
            tnc_evidence(&[(1, "Connection to x 443 port [tcp/https] succeeded!")]),
            None
        );
    }
}
