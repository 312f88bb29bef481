//! One block's verdict from its own output (rule D.1), before context (proxy, hosts file) is
//! applied across blocks. Each tool's output is read by the family it tests: nslookup by
//! `dns`, nc and Test-NetConnection by `tcp`, curl and Invoke-WebRequest by `http` (which asks
//! `proxy`, `tls`, `dns` and `tcp` about the errors they own); a missing or unknown command is
//! `tool`'s.

use crate::code::Code;
use crate::parse::{dig, nc, nslookup, resolve_dns, shell};
use crate::report::{Sentence, Status, Tool};

use super::{dns, http, tcp, tool};

/// A silent command's exit status as its result: curl's statuses are its error codes; nc's
/// and getent's are documented (0 connected or found; getent 2 not found).
fn judge_exit(
    tool: Tool,
    target: &str,
    port: Option<u16>,
    code: u16,
    line: usize,
) -> Option<Judged> {
    match (tool, code) {
        // Over HTTPS a 0 needs the server's TLS handshake; over plain HTTP a proxy's own page
        // exits 0 too, so it proves nothing.
        (Tool::Curl, 0) => (port == Some(443)).then(|| http::exit_zero(line)),
        (Tool::Curl, NONZERO) => Some(http::echoed_failure(line)),
        (Tool::Curl, c) => Some(http::exit_error(target, port, c, line)),
        (Tool::Nc, NONZERO) => Some(tcp::nc_exit(1, line)),
        (Tool::Nc, c) => Some(tcp::nc_exit(c, line)),
        (Tool::Getent, NONZERO) => None,
        (Tool::Getent, 2) => Some(dns::getent_not_found(line)),
        _ => None,
    }
}

/// What rules across checks need to know about one check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The name did not resolve, from any tool.
    pub dns_failed: bool,
    /// Addresses nslookup returned.
    pub addresses: Vec<String>,
    pub cnames: Vec<String>,
    /// nc connected or the server answered over HTTPS.
    pub reached: bool,
    /// curl's output shows a proxy; the proxy `host[:port]` when an error names it.
    pub proxy_seen: bool,
    pub proxy_host: Option<String>,
    /// Addresses that failed before another address worked (nc).
    pub dead_addresses: Vec<String>,
    pub missing_tool: Option<String>,
    /// The outcome has no decisive line (a cut-off block is then judged cut short).
    pub undecided: bool,
    /// netcat-traditional tried only the first address.
    pub first_address_only: bool,
    /// The HTTP status that came back (curl), from the server or a proxy.
    pub http_status: Option<u16>,
    /// Judged from printing nothing (`dig +short`), which is a result only when a prompt
    /// follows: a paste's last command may have been cut instead.
    pub silent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub status: Status,
    pub code: Code,
    /// What the output says (the check's `summary`).
    pub summary: Vec<Sentence>,
    /// Lines the verdict rests on.
    pub lines: Vec<usize>,
    pub flavor: Option<String>,
    pub facts: Facts,
}

impl Judged {
    // Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
    #[inline(never)]
    pub(super) fn new(
        code: Code,
        status: Status,
        summary: impl Into<Sentence>,
        lines: Vec<usize>,
    ) -> Self {
        Judged {
            status,
            code,
            summary: vec![summary.into()],
            lines,
            flavor: None,
            facts: Facts::default(),
        }
    }
}

/// An exit status and the line it was printed on.
type Exit = Option<(u16, usize)>;

/// A trailing `echo $?` and its number: the output before it and the exit status (with the
/// status's line).
fn exit_status<'l, 'a>(lines: &'l [(usize, &'a str)]) -> (&'l [(usize, &'a str)], Exit) {
    match shell::echo_status(lines) {
        Some((at, status, n)) => (lines.get(..at).unwrap_or(&[]), Some((status, n))),
        None => (lines, None),
    }
}

/// A failure `|| echo FAIL` reported: non-zero, its number unknown.
const NONZERO: u16 = u16::MAX;

/// The word `&& echo OK || echo FAIL` on the command line printed as the output's last line:
/// the output before it, and the exit status it stands for (0, or [`NONZERO`]).
fn echoed<'l, 'a>(lines: &'l [(usize, &'a str)], command: &str) -> (&'l [(usize, &'a str)], Exit) {
    let (ok, failed) = shell::echo_words(command);
    let Some(at) = lines.iter().rposition(|(_, l)| !l.trim().is_empty()) else {
        return (lines, None);
    };
    let Some(&(n, last)) = lines.get(at) else {
        return (lines, None);
    };
    let status = if Some(last.trim()) == ok {
        0
    } else if Some(last.trim()) == failed {
        NONZERO
    } else {
        return (lines, None);
    };
    (lines.get(..at).unwrap_or(&[]), Some((status, n)))
}

/// Judges one block. `lines` are the block's output lines (not the marker).
pub fn judge(tool: Tool, target: &str, port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    judge_typed(tool, target, port, lines, None)
}

/// Judges one block whose command line is known: what it echoes after success or failure
/// (`&& echo OK || echo FAIL`) is read as its exit status.
pub fn judge_typed(
    tool: Tool,
    target: &str,
    port: Option<u16>,
    lines: &[(usize, &str)],
    command: Option<&str>,
) -> Judged {
    // A logged error is read for its destination alone; the block may span a long agent log,
    // which holds no `echo $?` and no missing command of its own.
    if tool.is_logged() {
        return http::judge_logged(tool, target, port, lines);
    }
    let (lines, exit) = exit_status(lines);
    let (lines, exit) = match (exit, command) {
        (None, Some(c)) => echoed(lines, c),
        _ => (lines, exit),
    };
    if let Some(m) = shell::find_missing(lines.iter().copied()) {
        return tool::missing(m);
    }
    let silent = lines.iter().all(|(_, l)| l.trim().is_empty());
    if silent
        && exit.is_none()
        && tool == Tool::Dig
        && command.is_some_and(|c| c.contains("+short"))
    {
        return dns::short_without_answer();
    }
    // A command that printed nothing (`nc -z`, `curl -s -o /dev/null`): its exit status says
    // what happened, for the tools whose statuses are documented.
    if let Some((code, line)) = exit.filter(|_| silent) {
        if let Some(j) = judge_exit(tool, target, port, code, line) {
            return j;
        }
    }
    match tool {
        Tool::Nslookup => dns::judge_dns(nslookup::parse(lines.iter().copied())),
        Tool::ResolveDnsName => dns::judge_dns(resolve_dns::parse(lines.iter().copied())),
        Tool::Dig => dns::judge_dns(dig::parse_dig(lines.iter().copied())),
        Tool::Host => dns::judge_dns(dig::parse_host(lines.iter().copied())),
        Tool::Getent => dns::judge_dns(dig::parse_getent(lines.iter().copied())),
        Tool::Telnet => tcp::judge_connect(port, nc::parse_telnet(lines.iter().copied())),
        Tool::Nc => tcp::judge_connect(port, nc::parse(lines.iter().copied())),
        Tool::Tnc => tcp::judge_tnc(target, port, lines),
        Tool::Curl => http::judge_curl(target, port, lines),
        Tool::InvokeWebRequest => http::judge_iwr(lines),
        Tool::Apt | Tool::Yum | Tool::Dnf | Tool::AgentLog | Tool::Libcurl => {
            http::judge_logged(tool, target, port, lines)
        }
        Tool::Unknown => tool::unknown_command(),
    }
}
