//! A command line as a person typed it: which program, against what, and what kind of evidence
//! its output is.

use crate::report::Tool;

use super::linux_log::parse_command;

/// What a command's output tells about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `nslookup`, `nc`, `curl`: a network check the connectivity rules read.
    Connectivity(Tool),
    /// The VM agent's state, version or log (`waagent --version`, `systemctl status walinuxagent`,
    /// `az vm get-instance-view`, `Get-AzVM -Status`).
    Agent,
    /// A PowerShell cmdlet or Windows tool (`Test-NetConnection`, `Invoke-WebRequest`,
    /// `Resolve-DnsName`, `netsh`).
    Windows,
    /// Anything else (`uname -a`, `az login`, `ls`): its output is not evidence.
    Other,
}

/// A typed command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The program, without its path (`curl`, `Test-NetConnection`).
    pub program: String,
    pub purpose: Purpose,
    pub target: String,
    pub port: Option<u16>,
}

/// Reads a command line. `None` for an empty line.
pub fn read(line: &str) -> Option<Command> {
    let body = strip_wrappers(line.trim());
    let body = run_command_script(body).unwrap_or(body);
    let body = strip_assignment(body);
    let first = body.split_whitespace().next()?;
    let program = first.rsplit(['/', '\\']).next().unwrap_or(first);
    let program = program.strip_suffix(".exe").unwrap_or(program).to_owned();
    let purpose = purpose(&program, body);
    let (target, port) = match purpose {
        Purpose::Connectivity(Tool::Tnc | Tool::InvokeWebRequest | Tool::ResolveDnsName) => {
            cmdlet_target(body)
        }
        Purpose::Connectivity(_) => {
            let (_, target, port, _) = parse_command(body);
            (target, port)
        }
        _ => (String::new(), None),
    };
    Some(Command {
        program,
        purpose,
        target,
        port,
    })
}

/// `sudo -E`, `timeout 10`, `time`, `command`: prefixes that run the real command.
fn strip_wrappers(mut cmd: &str) -> &str {
    loop {
        let mut words = cmd.splitn(2, char::is_whitespace);
        let (Some(first), rest) = (words.next(), words.next()) else {
            return cmd;
        };
        let rest = rest.unwrap_or("").trim_start();
        cmd = match first {
            "sudo" => skip_options(rest),
            "time" | "command" | "exec" => rest,
            "timeout" => skip_options(rest)
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r.trim_start()),
            _ => return cmd,
        };
    }
}

fn skip_options(mut s: &str) -> &str {
    while s.starts_with('-') {
        s = s
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r.trim_start());
    }
    s
}

/// `az vm run-command invoke … --scripts "nslookup x"`: the script is the command whose output
/// the JSON carries.
fn run_command_script(cmd: &str) -> Option<&str> {
    if !(cmd.starts_with("az vm") || cmd.starts_with("az vmss")) || !cmd.contains("run-command") {
        return None;
    }
    let (_, rest) = cmd.split_once("--scripts ")?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = rest.get(1..)?;
    Some(inner.split(quote).next().unwrap_or(inner).trim())
}

fn purpose(program: &str, cmd: &str) -> Purpose {
    let lower = cmd.to_ascii_lowercase();
    match program {
        "nslookup" => Purpose::Connectivity(Tool::Nslookup),
        "nc" | "ncat" | "netcat" => Purpose::Connectivity(Tool::Nc),
        "curl" => Purpose::Connectivity(Tool::Curl),
        "dig" => Purpose::Connectivity(Tool::Dig),
        "host" => Purpose::Connectivity(Tool::Host),
        "getent" if lower.contains("hosts") => Purpose::Connectivity(Tool::Getent),
        "telnet" => Purpose::Connectivity(Tool::Telnet),
        "waagent" | "WALinuxAgent" => Purpose::Agent,
        "systemctl" | "service" | "journalctl" | "cat" | "tail" | "grep" | "less" | "head"
            if lower.contains("waagent") || lower.contains("walinuxagent") =>
        {
            Purpose::Agent
        }
        "az" if (lower.contains("get-instance-view")
            || lower.starts_with("az vm show")
            || lower.contains("az vm extension"))
            && !lower.contains("run-command") =>
        {
            Purpose::Agent
        }
        _ if program.eq_ignore_ascii_case("Get-AzVM")
            || program.eq_ignore_ascii_case("Get-AzVMExtension")
            || (program.eq_ignore_ascii_case("Get-Service") && lower.contains("azure")) =>
        {
            Purpose::Agent
        }
        _ if ["Test-NetConnection", "tnc"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(program)) =>
        {
            Purpose::Connectivity(Tool::Tnc)
        }
        _ if ["Invoke-WebRequest", "iwr", "Invoke-RestMethod", "irm"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(program)) =>
        {
            Purpose::Connectivity(Tool::InvokeWebRequest)
        }
        _ if program.eq_ignore_ascii_case("Resolve-DnsName") => {
            Purpose::Connectivity(Tool::ResolveDnsName)
        }
        _ if WINDOWS_NETWORK
            .iter()
            .any(|c| c.eq_ignore_ascii_case(program)) =>
        {
            Purpose::Windows
        }
        _ => Purpose::Other,
    }
}

/// `$r = Invoke-WebRequest …`, `$r=tnc …`: PowerShell runs the command on the right.
fn strip_assignment(cmd: &str) -> &str {
    if !cmd.starts_with('$') {
        return cmd;
    }
    match cmd.split_once('=') {
        Some((var, rest)) if !var.trim().contains(char::is_whitespace) => rest.trim_start(),
        _ => cmd,
    }
}

/// The destination of `Test-NetConnection x -Port 443` (`-ComputerName x`, `-Port`/`-p`) and of `Invoke-WebRequest https://x` (`-Uri x`; 443 for https, 80
/// for http). Parameter names are matched case-blind, as PowerShell does.
fn cmdlet_target(cmd: &str) -> (String, Option<u16>) {
    let words: Vec<&str> = cmd.split_whitespace().skip(1).collect();
    let mut target = String::new();
    let mut port = None;
    let mut k = 0;
    while let Some(&w) = words.get(k) {
        let lower = w.to_ascii_lowercase();
        let value = words.get(k + 1).map(|v| v.trim_matches(['"', '\'']));
        if lower.starts_with('-') {
            match lower.as_str() {
                "-computername" | "-uri" | "-cn" | "-name" => {
                    target = value.unwrap_or("").to_owned()
                }
                "-port" | "-p" => port = value.and_then(|v| v.parse().ok()),
                // Switches take no value.
                _ if value.is_some_and(|v| v.starts_with('-')) || is_switch(&lower) => {
                    k += 1;
                    continue;
                }
                _ => {}
            }
            k += 2;
            continue;
        }
        if target.is_empty() {
            target = w.trim_matches(['"', '\'']).to_owned();
        }
        k += 1;
    }
    let (host, url_port) = host_of_url(&target);
    (host, port.or(url_port))
}

/// Switch parameters of the two cmdlets people pass most.
fn is_switch(lower: &str) -> bool {
    matches!(
        lower,
        "-usebasicparsing"
            | "-traceroute"
            | "-detailed"
            | "-disablekeepalive"
            | "-usedefaultcredentials"
            | "-proxyusedefaultcredentials"
            | "-skipcertificatecheck"
            | "-dnsonly"
            | "-nohostsfile"
            | "-cacheonly"
            | "-quicktimeout"
            | "-tcponly"
            | "-norecursion"
            | "-dnssecok"
    )
}

/// A URL to its host and port (the scheme's when none is written, as curl's URLs are read);
/// a bare `host[:port]` names no port unless it says one: `Test-NetConnection x` runs no TCP
/// test.
fn host_of_url(target: &str) -> (String, Option<u16>) {
    if target.contains("://") {
        return super::linux_log::url_host_port(target);
    }
    let authority = target.split(['/', '?']).next().unwrap_or(target);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    match authority.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h.to_owned(), p.parse().ok()),
        _ => (authority.to_owned(), None),
    }
}

/// Windows commands that test the network (their output is read by the Windows reader).
pub const WINDOWS_NETWORK: &[&str] = &[
    "Test-NetConnection",
    "tnc",
    "Invoke-WebRequest",
    "iwr",
    "Invoke-RestMethod",
    "irm",
    "Resolve-DnsName",
    "netsh",
];

/// The Unix program a line starts with, without its directory: `/usr/bin/curl -v x` gives
/// `curl`. Empty when the line starts with anything else than a lowercase name or a path (a
/// timestamp, a capital, punctuation): the programs pastes run are named in lowercase, and
/// this is asked of every line of every paste, so most lines of output are answered by their
/// first byte.
pub fn unix_program(t: &str) -> &str {
    let t = t.trim_start_matches([' ', '\t']);
    if !matches!(t.as_bytes().first(), Some(b'a'..=b'z' | b'/' | b'.' | b'~')) {
        return "";
    }
    let bytes = t.as_bytes();
    let end = memchr::memchr3(b' ', b'\t', b'\r', bytes).unwrap_or(bytes.len());
    let first = bytes.get(..end).unwrap_or(bytes);
    if !first.is_ascii() || memchr::memchr3(b'\n', 0x0b, 0x0c, first).is_some() {
        return unix_program_unicode(t);
    }
    let start = memchr::memrchr(b'/', first).map_or(0, |i| i + 1);
    t.get(start..end).unwrap_or("")
}

/// [`unix_program`] for a line with non-ASCII text before its first space (U+3000 is one).
#[inline(never)]
fn unix_program_unicode(t: &str) -> &str {
    let first = t
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .next()
        .unwrap_or("");
    first.rsplit('/').next().unwrap_or(first)
}

/// A line that is a command typed without a prompt, as procedures print them and people paste
/// them (`nslookup login.microsoftonline.com`). It must have the shape of a real invocation, so
/// prose such as "curl failed to verify …" is not one.
pub fn is_bare_command(t: &str) -> bool {
    let t = t.trim();
    let name = unix_program(t);
    // Asked of every line of a paste: most lines of output start with no program name and stop
    // here; the words after the first are read where a command needs them, never collected.
    if name.is_empty() {
        return false;
    }
    let inner = strip_wrappers(t);
    if inner != t {
        return is_bare_command(inner);
    }
    let mut args = t
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty());
    args.next();
    match name {
        "nslookup" => {
            (1..=2).contains(&args.clone().count())
                && args
                    .clone()
                    .next()
                    .is_some_and(|a| a.contains('.') || a.contains(':') || a.starts_with('$'))
        }
        "nc" | "ncat" | "netcat" => {
            args.clone().any(|a| a.starts_with('-'))
                || args
                    .clone()
                    .next_back()
                    .is_some_and(|a| a.parse::<u16>().is_ok())
        }
        "curl" => args
            .clone()
            .any(|a| a.contains("://") || a.starts_with('-')),
        // `dig name`, `dig @server name +short`, `host name [server]`, `telnet host port`: a
        // dotted name among a few words, as prose rarely has.
        "dig" | "host" | "telnet" => {
            (1..=6).contains(&args.clone().count())
                && args
                    .clone()
                    .any(|a| a.contains('.') && !a.ends_with('.') || a.starts_with('@'))
        }
        "getent" => {
            args.clone().count() == 2
                && args
                    .clone()
                    .next()
                    .is_some_and(|a| matches!(a, "hosts" | "ahosts" | "ahostsv4" | "ahostsv6"))
        }
        "waagent" => args.clone().any(|a| a.starts_with('-')),
        "az" => {
            args.clone()
                .next()
                .is_some_and(|a| a.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                && args.clone().any(|a| a.starts_with("--"))
        }
        "systemctl" => {
            args.clone().next().is_some_and(|a| a == "status")
                && args.clone().any(|a| a.contains("agent"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_are_never_read_as_the_target() {
        for (line, target, port) in [
            (
                "nc -z -v -w 3 x.example.com 443",
                "x.example.com",
                Some(443),
            ),
            ("nc -zvw 3 x.example.com 443", "x.example.com", Some(443)),
            (
                "nc -vz -w3 -4 x.example.com 443",
                "x.example.com",
                Some(443),
            ),
            (
                "ncat --proxy proxy.contoso.com:3128 --proxy-type http -vz x.example.com 443",
                "x.example.com",
                Some(443),
            ),
            (
                "curl -m 10 -x proxy.contoso.com:3128 https://x.example.com",
                "x.example.com",
                Some(443),
            ),
            (
                "curl --max-time 2.5 http://x.example.com/a",
                "x.example.com",
                Some(80),
            ),
            (
                "curl --resolve x.example.com:443:1.2.3.4 https://x.example.com",
                "x.example.com",
                Some(443),
            ),
            ("curl -v [2603:1037::8]:443", "2603:1037::8", Some(443)),
            (
                "curl -sS --url https://x.example.com:8443/ -o /dev/null",
                "x.example.com",
                Some(8443),
            ),
            (
                "curl -H 'Metadata:true' -w '%{http_code}' https://x.example.com",
                "x.example.com",
                Some(443),
            ),
        ] {
            let c = read(line).unwrap();
            assert_eq!((c.target.as_str(), c.port), (target, port), "{line}");
        }
    }

    #[test]
    fn connectivity_commands_give_tool_target_and_port() {
        let c =
            read("sudo timeout 10 nc -vz pod01-manag1.jpe.backup.windowsazure.com 443").unwrap();
        assert_eq!(c.purpose, Purpose::Connectivity(Tool::Nc));
        assert_eq!(c.target, "pod01-manag1.jpe.backup.windowsazure.com");
        assert_eq!(c.port, Some(443));
        let c = read("curl -I https://login.microsoft.com").unwrap();
        assert_eq!(
            (c.purpose, c.port),
            (Purpose::Connectivity(Tool::Curl), Some(443))
        );
    }

    #[test]
    fn run_command_reads_the_script_it_ran() {
        let c = read("az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts \"nslookup login.microsoftonline.com\"").unwrap();
        assert_eq!(c.purpose, Purpose::Connectivity(Tool::Nslookup));
        assert_eq!(c.target, "login.microsoftonline.com");
    }

    #[test]
    fn agent_windows_and_other_commands_are_told_apart() {
        for (line, p) in [
            ("waagent --version", Purpose::Agent),
            ("systemctl status walinuxagent", Purpose::Agent),
            (
                "az vm get-instance-view -g rg -n vm --query instanceView.vmAgent",
                Purpose::Agent,
            ),
            (
                "Get-AzVM -ResourceGroupName rg -Name vm -Status",
                Purpose::Agent,
            ),
            (
                "Test-NetConnection x.example -Port 443",
                Purpose::Connectivity(Tool::Tnc),
            ),
            ("uname -a", Purpose::Other),
            ("az login --service-principal", Purpose::Other),
        ] {
            assert_eq!(read(line).unwrap().purpose, p, "{line}");
        }
    }

    #[test]
    fn bare_commands_need_the_shape_of_an_invocation() {
        assert!(is_bare_command("nslookup login.microsoftonline.com"));
        assert!(is_bare_command("nc -vz x.example 443"));
        assert!(is_bare_command("az login --service-principal ... "));
        assert!(!is_bare_command("curl failed to verify the certificate"));
        assert!(!is_bare_command(
            "nslookup says the name does not exist at all"
        ));
    }

    #[test]
    fn windows_cmdlets_name_their_destination() {
        for (line, target, port) in [
            (
                "Test-NetConnection 192.168.22.14 -Port 8000",
                "192.168.22.14",
                Some(8000),
            ),
            (
                "$testresult=test-netconnection -computername 8.8.8.8 -port 53",
                "8.8.8.8",
                Some(53),
            ),
            (
                "tnc login.microsoft.com -p 443 -InformationLevel Detailed",
                "login.microsoft.com",
                Some(443),
            ),
            ("Test-NetConnection x.example", "x.example", None),
            (
                "Invoke-WebRequest https://x.example/ -UseBasicParsing",
                "x.example",
                Some(443),
            ),
            ("iwr -Uri http://x.example:8080/a", "x.example", Some(8080)),
            (
                "$r = Invoke-RestMethod 'https://login.microsoft.com'",
                "login.microsoft.com",
                Some(443),
            ),
        ] {
            let c = read(line).unwrap();
            assert!(
                matches!(
                    c.purpose,
                    Purpose::Connectivity(Tool::Tnc | Tool::InvokeWebRequest)
                ),
                "{line}"
            );
            assert_eq!((c.target.as_str(), c.port), (target, port), "{line}");
        }
    }
}
