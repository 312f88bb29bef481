//! What kind of input this is, part by part, how sure we are, and why.
//!
//! Detection reads parse results only (the script log's layout, the segments and what each
//! holds); it never calls the rules. A script log is one segment; anything else is split by
//! [`segment::split`] and the input's kind follows from its segments.

use crate::decode::Text;
use crate::parse::guess;
use crate::parse::linux_log::LinuxLog;
use crate::parse::nslookup::DnsFlavor;
use crate::report::{Confidence, InputKind, InputShape, Lines, SegmentKind, Why};
use crate::segment::{self, Segment};

#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    pub kind: InputKind,
    pub shape: InputShape,
    pub confidence: Confidence,
    pub why: Why,
    /// The parts of the (unwrapped) text, in order.
    pub segments: Vec<Segment>,
}

impl Detected {
    fn whole(
        text: &Text<'_>,
        kind: InputKind,
        shape: InputShape,
        confidence: Confidence,
        why: Why,
        segment: SegmentKind,
    ) -> Detected {
        let lines = Lines(1, text.line_count().max(1));
        Detected {
            kind,
            shape,
            confidence,
            segments: vec![Segment {
                kind: segment,
                lines,
                why: why.clone(),
                plan: None,
            }],
            why,
        }
    }

    fn unrecognised(why: Why) -> Detected {
        Detected {
            kind: InputKind::Unknown,
            shape: InputShape::Unrecognised,
            confidence: Confidence::High,
            why,
            segments: Vec::new(),
        }
    }
}

/// Decides the kind of every part of `text`. `typed` lists the lines that followed a prompt,
/// `frames` the `[stdout]` / `[stderr]` lines; `log` is the script-log parse of the same text.
pub fn detect(
    text: &Text<'_>,
    typed: &[usize],
    frames: &[usize],
    log: &LinuxLog,
    windows_prompt: bool,
) -> Detected {
    if let Some(d) = not_text(text, log) {
        return d;
    }
    if let Some(d) = script_log(text, log) {
        return d;
    }
    paste(text, typed, frames, windows_prompt)
}

/// Binary data or an empty input.
fn not_text(text: &Text<'_>, log: &LinuxLog) -> Option<Detected> {
    if let Some(fmt) = text.binary {
        return Some(Detected::unrecognised(Why::Binary {
            format: fmt.to_owned(),
        }));
    }
    if text.content.trim().is_empty() {
        return Some(Detected::unrecognised(Why::Empty));
    }
    // Text has few control characters; an image or archive that no magic number caught has many
    // (and many replacement characters once decoded).
    let sample: Vec<char> = text.content.chars().take(4096).collect();
    let odd = sample
        .iter()
        .filter(|&&c| {
            c == '\u{FFFD}'
                || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}'))
        })
        .count();
    (sample.len() >= 64 && odd * 10 > sample.len() && log.blocks.is_empty()).then(|| {
        Detected::unrecognised(Why::Binary {
            format: "NUL bytes".to_owned(),
        })
    })
}

/// The first 20 000 bytes, where a script's headers are.
fn head<'t>(text: &'t Text<'_>) -> &'t str {
    let mut cut = text.content.len().min(20_000);
    while !text.content.is_char_boundary(cut) {
        cut -= 1;
    }
    text.content.get(..cut).unwrap_or("")
}

/// Lines only a PowerShell transcript or the Windows script prints (in any UI language; the
/// 22-asterisk header is found by the Windows reader).
const WINDOWS_SCRIPT: &[&str] = &[
    "Windows PowerShell transcript start",
    "Transcript started, output file is",
    "トランスクリプトが開始されました",
    "-----ScriptStart",
    "-----Script Completed-----",
    "#TRY!! Invoke-webRequest",
    "#TRY!! Test-NetConnection",
    "Result of tnc",
    "Result of Invoke-webRequest",
    "WinInet settings for ",
    "##Check WinHttpProxy",
    "========== TLS CHECK",
];

/// Whether the text came from a Windows machine: a PowerShell prompt, a Windows path, the
/// registry, a script. Said of an input nothing else recognised, to fit its advice.
pub fn looks_windows(text: &Text<'_>) -> bool {
    const SIGNS: &[&str] = &[
        "PS C:\\",
        "PS>",
        ":\\Users\\",
        "HKEY_",
        "PowerShell",
        ".ps1",
    ];
    let head = head(text);
    SIGNS.iter().any(|s| head.contains(s)) || windows_console(text)
}

/// Whether checks were run in a Windows console: a Command Prompt prompt left in the text or
/// Windows' own nslookup wording. Narrower than [`looks_windows`]: a Linux paste may mention
/// PowerShell or a registry key without having run there.
fn windows_console(text: &Text<'_>) -> bool {
    text.lines().take(400).any(|(_, l)| drive_prompt(l))
        || crate::parse::nslookup::parse(text.lines().take(400)).flavor == DnsFlavor::Windows
}

/// Whether the text as given (before its prompts were taken off) has a Windows prompt:
/// `C:\Users\me>` or `PS C:\Users\me>`.
pub fn windows_prompt(original: &Text<'_>) -> bool {
    original.lines().take(400).any(|(_, l)| {
        // A console pads its lines, so `PS C:\…>` may follow other text on its line.
        drive_prompt(l)
            || l.match_indices("PS ")
                .any(|(i, _)| l.get(i + 3..).is_some_and(drive_prompt))
    })
}

/// `C:\Users\admin>`: the Command Prompt's prompt.
fn drive_prompt(line: &str) -> bool {
    let t = line.trim_start();
    crate::unwrap::prompt::is_drive_path(t) && t.contains('>')
}

/// The Windows transcript or the Linux script's log (whole, Site Recovery, or `##TRY!!` blocks).
fn script_log(text: &Text<'_>, log: &LinuxLog) -> Option<Detected> {
    let head = head(text);
    let whole = |kind, shape, confidence, why, segment| {
        Some(Detected::whole(text, kind, shape, confidence, why, segment))
    };
    if WINDOWS_SCRIPT.iter().any(|w| head.contains(w)) {
        return whole(
            InputKind::WindowsConnectivityLog,
            InputShape::WindowsTranscript,
            Confidence::Medium,
            Why::WindowsTranscript,
            SegmentKind::WindowsTranscript,
        );
    }
    let n = log.blocks.len();
    let markers = n.saturating_sub(log.typed_commands);
    let linux = |shape, confidence, why| {
        whole(
            InputKind::LinuxConnectivityLog,
            shape,
            confidence,
            why,
            SegmentKind::LinuxLog,
        )
    };
    if n > 0 && log.separator_lines.len() >= 2 {
        return linux(
            InputShape::SiteRecoveryLog,
            Confidence::High,
            Why::SiteRecoveryLayout { blocks: n },
        );
    }
    if log.has_layout {
        let conf = if n >= 10 {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return linux(InputShape::FullLog, conf, Why::ScriptLayout { blocks: n });
    }
    if markers > 0 {
        let known = log
            .blocks
            .iter()
            .filter(|b| b.tool != crate::report::Tool::Unknown)
            .count();
        let conf = if known == n {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return linux(InputShape::Fragment, conf, Why::MarkerBlocks { blocks: n });
    }
    None
}

/// `curl http://168.63.129.16/?comp=versions` typed alone tests the agent's path, not a Backup
/// endpoint: the input is agent status, and each command is still a check of its endpoint.
fn agent_endpoints_only(text: &Text<'_>, checks: &[&Segment]) -> Option<Why> {
    let all = checks.iter().all(|s| {
        s.plan
            .as_ref()
            .is_some_and(|p| crate::parse::is_agent_endpoint(&p.target) || p.tool.is_logged())
    });
    let endpoint = checks.iter().any(|s| {
        s.plan
            .as_ref()
            .is_some_and(|p| crate::parse::is_agent_endpoint(&p.target))
    });
    let form = segment::agent_signal(head(text)).filter(|_| all && endpoint)?;
    Some(Why::AgentEndpoints {
        form: form.to_owned(),
    })
}

/// Anything that is not a script's log: split into segments, the kind follows from them.
fn paste(text: &Text<'_>, typed: &[usize], frames: &[usize], windows_prompt: bool) -> Detected {
    let segments = segment::split(text, typed, frames);
    let checks: Vec<&Segment> = segments.iter().filter(|s| s.kind.is_check()).collect();
    if !checks.is_empty() {
        if let Some(why) = agent_endpoints_only(text, &checks) {
            return Detected {
                kind: InputKind::AgentStatus,
                shape: InputShape::AgentStatus,
                confidence: Confidence::Medium,
                why,
                segments,
            };
        }
        let all_output = checks.iter().all(|s| s.kind == SegmentKind::ToolOutput);
        let guessed = checks.iter().any(|s| s.kind == SegmentKind::ToolOutput);
        // Commands printed without a prompt (as procedures print them) read like the log's
        // blocks; a prompt or nslookup's own `>` makes the paste a terminal session.
        let session = checks.iter().any(|s| {
            matches!(
                s.why,
                Why::Command { typed: true, .. } | Why::NslookupQuery { .. }
            )
        });
        let shape = match (all_output, session) {
            (true, _) => InputShape::SingleOutput,
            (false, true) => InputShape::Commands,
            (false, false) => InputShape::Fragment,
        };
        let confidence = if guessed {
            Confidence::Medium
        } else {
            Confidence::High
        };
        let why = checks.first().map_or(Why::Unrecognised, |s| s.why.clone());
        // Test-NetConnection and the web cmdlets run on Windows; Linux tools may run anywhere,
        // and a Windows prompt or Windows' own nslookup wording says where they ran.
        let windows = checks
            .iter()
            .filter_map(|s| s.plan.as_ref())
            .any(|p| p.tool.is_windows())
            || windows_prompt
            || windows_console(text);
        return Detected {
            kind: if windows {
                InputKind::WindowsConnectivityLog
            } else {
                InputKind::LinuxConnectivityLog
            },
            shape,
            confidence,
            why,
            segments,
        };
    }
    if let Some(win) = segments
        .iter()
        .find(|s| s.kind == SegmentKind::WindowsOutput)
    {
        // Windows settings (netsh, the proxy dump, registry keys), typed or pasted alone.
        let shape = if matches!(win.why, Why::Command { .. }) {
            InputShape::Commands
        } else {
            InputShape::SingleOutput
        };
        return Detected {
            kind: InputKind::WindowsConnectivityLog,
            shape,
            confidence: Confidence::Medium,
            why: win.why.clone(),
            segments,
        };
    }
    if let Some(agent) = segments.iter().find(|s| s.kind == SegmentKind::AgentStatus) {
        return Detected {
            kind: InputKind::AgentStatus,
            shape: InputShape::AgentStatus,
            confidence: Confidence::Medium,
            why: agent.why.clone(),
            segments,
        };
    }
    whole_text_fallback(text, segments, windows_prompt)
}

/// No segment says what the text is: the agent's words anywhere, or one tool's output spread
/// over several paragraphs.
fn whole_text_fallback(text: &Text<'_>, segments: Vec<Segment>, windows_prompt: bool) -> Detected {
    if let Some(form) = segment::agent_signal(text.region(1, 400)) {
        return Detected::whole(
            text,
            InputKind::AgentStatus,
            InputShape::AgentStatus,
            Confidence::Medium,
            Why::AgentOutput {
                form: form.to_owned(),
            },
            SegmentKind::AgentStatus,
        );
    }
    let lines: Vec<&str> = text.lines().take(400).map(|(_, l)| l).collect();
    if let Some(tool) = guess::guess_tool(&lines) {
        let kind = if tool.is_windows() || windows_prompt || windows_console(text) {
            InputKind::WindowsConnectivityLog
        } else {
            InputKind::LinuxConnectivityLog
        };
        return Detected::whole(
            text,
            kind,
            InputShape::SingleOutput,
            Confidence::Medium,
            Why::ToolOutput { tool },
            SegmentKind::ToolOutput,
        );
    }
    let why = segments
        .iter()
        .find(|s| s.kind == SegmentKind::WindowsOutput)
        .map_or(Why::Unrecognised, |s| s.why.clone());
    Detected {
        segments,
        ..Detected::unrecognised(why)
    }
}
