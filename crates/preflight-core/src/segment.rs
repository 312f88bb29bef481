//! Segmenting: one input split into the parts that each have one kind.
//!
//! A script's log is one segment. A paste is split at every command the person typed (after a
//! prompt, or a bare `curl …` / `nslookup …` line) and at every query typed at nslookup's own
//! `>` prompt; the text before the first command is a segment of its own. Each segment then gets
//! its kind from the command (`curl` → a check, `waagent --version` → agent status) or, for text
//! with no command, from what the text holds.

use crate::decode::Text;
use crate::parse::command::{self, Command, Purpose};
use crate::parse::{find_bytes, guess, is_blank, winsettings};
use crate::report::{Lines, SegmentKind, Tool, Why};
use crate::unwrap::opens_nslookup_session;

/// What a check segment tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub tool: Tool,
    pub target: String,
    pub port: Option<u16>,
    /// The command or query line, when there is one.
    pub command_line: Option<usize>,
    /// The DNS server an interactive nslookup query went to (`> server X`).
    pub server: Option<String>,
}

/// One segment: its kind, its lines (in the text that was segmented) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub lines: Lines,
    pub why: Why,
    pub plan: Option<Plan>,
}

/// Where a new segment starts.
enum Start {
    Command {
        cmd: Command,
        typed: bool,
    },
    Query {
        name: String,
        server: Option<String>,
    },
    /// `> server X`, `> set type=A`, a prompt alone: ends the previous segment.
    Break,
    /// `[stdout]` / `[stderr]`: what follows is another output, read for what it holds.
    Frame,
}

/// Splits a paste (not a script log) into segments. `typed` lists the lines that followed a
/// prompt, `frames` the `[stdout]` / `[stderr]` lines, both in order.
pub fn split(text: &Text<'_>, typed: &[usize], frames: &[usize]) -> Vec<Segment> {
    let starts = find_starts(text, typed, frames);
    let mut segments = Vec::new();
    let first_start = starts.first().map_or(text.line_count() + 1, |s| s.0);
    if let Some(lines) = trimmed(text, 1, first_start.saturating_sub(1)) {
        segments.extend(untyped(text, lines));
    }
    for (i, (line, start)) in starts.iter().enumerate() {
        let end = starts
            .get(i + 1)
            .map_or(text.line_count(), |s| s.0.saturating_sub(1));
        let lines = trimmed(text, *line, end).unwrap_or(Lines::one(*line));
        segments.push(segment_of(text, lines, *line, start));
    }
    segments
}

/// Every command and query line, in order.
fn find_starts(text: &Text<'_>, typed: &[usize], frames: &[usize]) -> Vec<(usize, Start)> {
    let mut starts = Vec::new();
    let mut session: Option<Option<String>> = None;
    // Output frames separate untyped outputs (an extension's installer log from the curl error
    // under `[stderr]`); a typed command's frames belong to its own output.
    let mut after_command = false;
    // Non-blank lines since the last start, and whether the line before was blank.
    let mut output_lines = 0usize;
    let mut after_blank = true;
    for (n, line) in text.lines() {
        let t = line.trim();
        let paragraph = std::mem::replace(&mut after_blank, t.is_empty());
        let had_output = output_lines > 1;
        if !t.is_empty() {
            output_lines += 1;
        }
        if paragraph && had_output && opens_error_record(t) && typed.binary_search(&n).is_err() {
            // Another cmdlet's error record after a command's output and a blank line (a
            // script's errors one after another, a record pasted without its command): its
            // own check, not more output of the command before.
            starts.push((n, Start::Frame));
            output_lines = 1;
            continue;
        }
        if frames.binary_search(&n).is_ok() {
            if !after_command {
                starts.push((n, Start::Frame));
            }
            continue;
        }
        let is_typed = typed.binary_search(&n).is_ok();
        if let (Some(server), false) = (&mut session, is_typed) {
            if let Some(q) = t.strip_prefix('>') {
                let q = q.trim();
                if let Some(start) = query(q, server) {
                    starts.push((n, start));
                }
                continue;
            }
        }
        if paragraph
            && had_output
            && !is_typed
            && t.starts_with(|c: char| c.is_ascii_digit())
            && agent_signal(t).is_some()
        {
            // Agent log lines (dated) after a command's output and a blank line (`curl` to the
            // WireServer, then the waagent.log lines about it): the agent's text, not curl's.
            starts.push((n, Start::Frame));
            output_lines = 1;
            continue;
        }
        let is_command = is_typed
            || command::is_bare_command(t)
            || (opens_nslookup_session(t) && next_is_prompt(text, n));
        if !is_command {
            continue;
        }
        let Some(cmd) = command::read(t) else {
            starts.push((n, Start::Break));
            continue;
        };
        session = opens_nslookup_session(t).then(|| session_server(t));
        after_command = true;
        output_lines = 1;
        starts.push((
            n,
            Start::Command {
                cmd,
                typed: is_typed,
            },
        ));
    }
    starts
}

/// The first line of a cmdlet's error record.
fn opens_error_record(t: &str) -> bool {
    crate::parse::winmsg::opens_error_record(t) || crate::parse::resolve_dns::opens_error_record(t)
}

/// A line typed at nslookup's `>` prompt.
fn query(q: &str, server: &mut Option<String>) -> Option<Start> {
    if q.is_empty() {
        return None;
    }
    let mut words = q.split_whitespace();
    let first = words.next().unwrap_or("");
    match first {
        "server" | "lserver" => {
            *server = words.next().map(str::to_owned);
            Some(Start::Break)
        }
        "set" | "exit" | "help" | "ls" | "view" | "finger" | "root" => Some(Start::Break),
        _ => Some(Start::Query {
            name: first.trim_end_matches('.').to_owned(),
            server: server.clone(),
        }),
    }
}

fn session_server(t: &str) -> Option<String> {
    t.split_whitespace().nth(2).map(str::to_owned)
}

fn next_is_prompt(text: &Text<'_>, n: usize) -> bool {
    (n + 1..=text.line_count())
        .map(|k| text.line(k).trim())
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.starts_with('>'))
}

/// `first..=last` without blank lines at either end; `None` when nothing is left.
fn trimmed(text: &Text<'_>, first: usize, last: usize) -> Option<Lines> {
    let first = (first..=last).find(|&k| !is_blank(text.line(k)))?;
    let last = (first..=last).rev().find(|&k| !is_blank(text.line(k)))?;
    Some(Lines(first, last))
}

fn segment_of(text: &Text<'_>, lines: Lines, at: usize, start: &Start) -> Segment {
    let other = |why| Segment {
        kind: SegmentKind::Other,
        lines,
        why,
        plan: None,
    };
    match start {
        Start::Break => other(Why::NotEvidence),
        Start::Frame => untyped(text, lines).unwrap_or_else(|| other(Why::NotEvidence)),
        Start::Query { name, server } => Segment {
            kind: SegmentKind::Query,
            lines,
            why: Why::NslookupQuery {
                name: name.clone(),
                server: server.clone(),
            },
            plan: Some(Plan {
                tool: Tool::Nslookup,
                target: name.clone(),
                port: None,
                command_line: Some(at),
                server: server.clone(),
            }),
        },
        Start::Command { cmd, typed } => {
            let why = Why::Command {
                program: cmd.program.clone(),
                typed: *typed,
            };
            if lines.1 <= at && text.line(at).trim_start().starts_with('$') {
                // `$r = Test-NetConnection …` prints nothing; `$r` shows the result later.
                return other(why);
            }
            if opens_nslookup_session(text.line(at).trim()) {
                // nslookup's interactive mode: the queries after it are the checks.
                return other(why);
            }
            let kind = match cmd.purpose {
                Purpose::Connectivity(_) => SegmentKind::Command,
                Purpose::Agent => SegmentKind::AgentStatus,
                Purpose::Windows => SegmentKind::WindowsOutput,
                // `cat out.txt`, `$r = Invoke-AzVMRunCommand …; $r`: the output is read for
                // what it holds.
                Purpose::Other => {
                    let output = (lines.1 > at).then_some(lines);
                    return match output.and_then(|o| untyped(text, o)) {
                        Some(s) if s.kind != SegmentKind::Other => s,
                        _ => other(why),
                    };
                }
            };
            let plan = match cmd.purpose {
                Purpose::Connectivity(tool) => Some(plan_of(text, lines, at, tool, cmd)),
                _ => None,
            };
            Segment {
                kind,
                lines,
                why,
                plan,
            }
        }
    }
}

/// The check a typed command makes; the target comes from the output when the command line
/// does not name one (`nslookup $host`).
fn plan_of(text: &Text<'_>, lines: Lines, at: usize, tool: Tool, cmd: &Command) -> Plan {
    let (mut target, mut port) = (cmd.target.clone(), cmd.port);
    if target.is_empty() || target.starts_with('$') {
        let output: Vec<&str> = (at + 1..=lines.1).map(|k| text.line(k)).collect();
        let (t, p) = guess::guess_target(tool, &output);
        target = t;
        port = port.or(p);
    }
    Plan {
        tool,
        target,
        port,
        command_line: Some(at),
        server: None,
    }
}

/// Text with no command line: tool output, agent status, or neither.
fn untyped(text: &Text<'_>, lines: Lines) -> Option<Segment> {
    if let Some(form) = agent_signal(text.region(lines.0, lines.1)) {
        return Some(Segment {
            kind: SegmentKind::AgentStatus,
            lines,
            why: Why::AgentOutput {
                form: form.to_owned(),
            },
            plan: None,
        });
    }
    let body: Vec<&str> = (lines.0..=lines.1).map(|k| text.line(k)).collect();
    let numbered: Vec<(usize, &str)> = (lines.0..=lines.1).zip(body.iter().copied()).collect();
    if !winsettings::read(&numbered).is_empty() {
        return Some(Segment {
            kind: SegmentKind::WindowsOutput,
            lines,
            why: Why::WindowsSettings,
            plan: None,
        });
    }
    if let Some(first) = crate::parse::logged::first(numbered.iter().copied()) {
        // Errors apt, yum or an application logged: each destination they name is a check.
        return Some(Segment {
            kind: SegmentKind::ToolOutput,
            lines,
            why: Why::ToolOutput { tool: first.tool },
            plan: Some(Plan {
                tool: first.tool,
                target: first.host.clone(),
                port: first.port,
                command_line: None,
                server: None,
            }),
        });
    }
    if let Some(tool) = guess::guess_tool(&body) {
        let (target, port) = guess::guess_target(tool, &body);
        return Some(Segment {
            kind: SegmentKind::ToolOutput,
            lines,
            why: Why::ToolOutput { tool },
            plan: Some(Plan {
                tool,
                target,
                port,
                command_line: None,
                server: None,
            }),
        });
    }
    Some(Segment {
        kind: SegmentKind::Other,
        lines,
        why: Why::NotEvidence,
        plan: None,
    })
}

/// Words that only VM agent output contains (field guide §G.2), with the form they point to.
/// `region` is the text searched, several lines at once: no sign spans a line break, and one
/// search over the whole region costs far less than one per line.
pub fn agent_signal(region: &str) -> Option<&'static str> {
    const SIGNS: &[(&str, &str)] = &[
        ("\"vmAgent\"", "instance view"),
        ("vmAgentVersion", "instance view"),
        ("\"AgentStatus\"", "az vm get-instance-view --query"),
        ("guestAgentStatus", "guest status blob"),
        ("VMAgent", "Get-AzVM"),
        ("VmAgentVersion", "Get-AzVM"),
        ("WALinuxAgent", "Linux agent"),
        ("walinuxagent", "Linux agent"),
        ("waagent", "Linux agent"),
        ("WindowsAzureGuestAgent", "Windows agent"),
        ("WindowsAzureGue", "Windows agent"),
        ("RdAgent", "Windows agent"),
        ("WaAppAgent", "Windows agent log"),
        ("HostGAPlugin", "Windows agent log"),
        ("GuestAgent", "agent status"),
        ("Guest Agent", "agent status"),
        ("VM Agent", "agent status"),
        ("エージェントの状態", "portal"),
        ("Agent status", "portal"),
        ("168.63.129.16/machine", "agent log"),
        ("168.63.129.16:32526", "agent log"),
        ("?comp=versions", "WireServer check"),
        ("169.254.169.254", "IMDS check"),
        ("ProvisioningState/", "instance view"),
        ("vmassist", "VM assist"),
        ("Microsoft.Azure.RecoveryServices", "Backup extension"),
    ];
    const LOWER_SIGNS: &[(&str, &str)] = &[
        ("goal state", "agent log"),
        ("resourcegoneerror", "agent log"),
        ("status blob", "agent log"),
        ("npcap loopback adapter", "Windows agent log"),
        ("exthandler", "agent log"),
        ("extensions.enabled", "agent configuration"),
        ("provisioning.agent", "agent configuration"),
        ("\"imagereference\"", "image reference"),
    ];
    let has = |s: &str| find_bytes(region.as_bytes(), s.as_bytes()).is_some();
    // Sign by sign, so that the most telling sign names the form wherever it is.
    if let Some((_, w)) = SIGNS.iter().find(|(s, _)| has(s)) {
        return Some(w);
    }
    let lower = region.to_ascii_lowercase();
    let has = |s: &str| find_bytes(lower.as_bytes(), s.as_bytes()).is_some();
    if let Some((_, w)) = LOWER_SIGNS.iter().find(|(s, _)| has(s)) {
        return Some(w);
    }
    // `az vm show --query "{image:…, plan:plan}"` or IMDS `compute`: a publisher with an offer.
    if has("\"publisher\"") && (has("\"offer\"") || has("\"product\"")) {
        return Some("image and plan");
    }
    // WireServer checks, but not a DNS tool naming Azure DNS as its server (nslookup's
    // `Server:` / `Address:`, dig's `;; SERVER:`, host's server block).
    let wire = has("168.63.129.16")
        && region.split(['\n', '\r']).any(|l| {
            let t = l.trim_start();
            l.contains("168.63.129.16")
                && !t.starts_with("Server:")
                && !t.starts_with("Address:")
                && !t.starts_with("Default server:")
                && !t.starts_with("Default Server:")
                && !t.starts_with(";; SERVER:")
                && !t.starts_with("Name:")
        });
    wire.then_some("WireServer / IMDS check")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::unwrap::unwrap;

    fn segments(input: &str) -> Vec<Segment> {
        let text = decode(input.as_bytes());
        match unwrap(&text) {
            Some(u) => split(&decode(u.content.as_bytes()), &u.typed, &u.frames),
            None => split(&text, &[], &[]),
        }
    }

    fn plans(input: &str) -> Vec<(Tool, String, Option<u16>)> {
        segments(input)
            .into_iter()
            .filter_map(|s| s.plan)
            .map(|p| (p.tool, p.target, p.port))
            .collect()
    }

    #[test]
    fn three_typed_commands_are_three_checks_with_their_own_targets() {
        let paste = "azureuser@vm01:~$ nslookup login.microsoftonline.com\nServer:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nazureuser@vm01:~$ nc -vz x.blob.core.windows.net 443\nConnection to x.blob.core.windows.net 443 port [tcp/https] succeeded!\nazureuser@vm01:~$ curl -I http://packages.microsoft.com\nHTTP/1.1 200 OK\nazureuser@vm01:~$ \n";
        assert_eq!(
            plans(paste),
            [
                (Tool::Nslookup, "login.microsoftonline.com".to_owned(), None),
                (Tool::Nc, "x.blob.core.windows.net".to_owned(), Some(443)),
                (Tool::Curl, "packages.microsoft.com".to_owned(), Some(80)),
            ]
        );
    }

    #[test]
    fn interactive_nslookup_queries_are_one_check_each_with_their_server() {
        let session = "nslookup\n> a.example\nServer:127.0.0.53\n** server can't find a.example: NXDOMAIN\n> server 1.1.1.1\nDefault server: 1.1.1.1\n> b.example\nName: b.example\nAddress: 1.2.3.4\n";
        let segs = segments(session);
        let queries: Vec<(String, Option<String>)> = segs
            .iter()
            .filter(|s| s.kind == SegmentKind::Query)
            .filter_map(|s| s.plan.clone())
            .map(|p| (p.target, p.server))
            .collect();
        assert_eq!(
            queries,
            [
                ("a.example".to_owned(), None),
                ("b.example".to_owned(), Some("1.1.1.1".to_owned()))
            ]
        );
    }

    #[test]
    fn agent_command_and_curl_in_one_paste_are_two_kinds() {
        let paste = "$ waagent --version\nWALinuxAgent - 2.2.45\nGoal state agent: 2.9.1.1\n$ curl -v https://x.blob.core.windows.net\n* Could not resolve host: x.blob.core.windows.net\ncurl: (6) Could not resolve host: x.blob.core.windows.net\n";
        let kinds: Vec<SegmentKind> = segments(paste).iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SegmentKind::AgentStatus, SegmentKind::Command]);
    }

    #[test]
    fn prose_before_a_command_is_its_own_segment() {
        let paste = "Curl on IMDS results in a timeout!\n\n```bash\ncurl 'http://169.254.169.254/metadata' -v\n* Trying 127.0.0.1:3128...\n```\n";
        let segs = segments(paste);
        assert_eq!(segs.first().map(|s| s.kind), Some(SegmentKind::Other));
        assert_eq!(
            plans(paste),
            [(Tool::Curl, "169.254.169.254".to_owned(), Some(80))]
        );
    }
}
