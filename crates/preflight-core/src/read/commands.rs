//! Commands typed in a terminal, queries typed at nslookup's prompt, and tool outputs pasted
//! without their command: one check each.

use crate::decode::Text;
use crate::parse::guess;
use crate::parse::linux_log::Block;
use crate::report::{InputKind, InputShape, Lines, Machine, SegmentKind, Tool};
use crate::segment::{Plan, Segment};

use super::connectivity::{self, How, ProxySettings};
use super::{Input, Part};

pub fn read(input: &mut Input<'_, '_>, segments: &[(usize, &Segment)]) -> Part {
    let last_segment = input.detected.segments.len().saturating_sub(1);
    let mut blocks = Vec::new();
    let mut owners = Vec::new();
    for (i, seg) in segments {
        let logged = seg.kind == SegmentKind::AgentStatus
            || seg.plan.as_ref().is_some_and(|p| p.tool.is_logged());
        if logged {
            for b in logged_blocks(input.text, seg.lines) {
                blocks.push(b);
                owners.push(*i);
            }
            continue;
        }
        if let Some(mut b) = block_of(input.text, seg, *i == last_segment) {
            // `echo $?` typed right after: its answer is the command's exit status, read with
            // the command's own output (`check::exit_status`).
            let next = input.detected.segments.get(i + 1);
            if let Some(end) = next.and_then(|s| echoed_status(input.text, s)) {
                let from = b.output.map_or(b.lines.1 + 1, |o| o.0);
                b.output = Some(Lines(from, end));
                b.lines.1 = end;
            }
            blocks.push(b);
            owners.push(*i);
        }
    }
    let n = blocks.len();
    if n == 0 {
        // Agent text that names no destination: the agent reader's alone.
        return Part::default();
    }
    let only_logged = blocks.iter().all(|b| b.tool.is_logged());
    let how = How {
        full: false,
        complete: false,
        finished: true,
        expected_checks: 1,
        proxy: ProxySettings::default(),
        machine: Machine::default(),
        end_lines: Vec::new(),
        windows: input.detected.kind == InputKind::WindowsConnectivityLog,
        typed: true,
    };
    let how_windows = how.windows;
    let mut part = connectivity::judge(input.text, blocks, how);
    // Errors apt or the agent logged are not part of a connectivity log: nothing is missing.
    if !only_logged
        && matches!(
            input.detected.shape,
            InputShape::SingleOutput | InputShape::Commands | InputShape::Fragment
        )
    {
        part.drafts
            .push(crate::rules::input::fragment_draft(n, how_windows));
    }
    part.segment_checks = owners
        .into_iter()
        .enumerate()
        .map(|(c, s)| (s, c))
        .collect();
    part
}

/// A segment that is `echo $?` and its answer: its last line.
fn echoed_status(text: &Text<'_>, seg: &Segment) -> Option<usize> {
    let lines: Vec<(usize, &str)> = (seg.lines.0..=seg.lines.1)
        .map(|n| (n, text.line(n)))
        .collect();
    matches!(crate::parse::shell::echo_status(&lines), Some((0, _, _))).then_some(seg.lines.1)
}

/// `curl` and `wget` typed in Windows PowerShell 5.1 are aliases of `Invoke-WebRequest`: its
/// response object or error record (`curl : …`) says so. PowerShell asks for a missing `-Uri`
/// (`Uri: https://…`), which then names the target.
fn powershell_alias(
    text: &Text<'_>,
    out: Lines,
    tool: Tool,
    target: String,
    port: Option<u16>,
) -> (Tool, String, Option<u16>) {
    let lines: Vec<(usize, &str)> = (out.0..=out.1).map(|n| (n, text.line(n))).collect();
    let cmdlet = lines
        .iter()
        .any(|(_, l)| l.contains("cmdlet Invoke-WebRequest at command pipeline position"))
        || crate::parse::winmsg::web_result(&lines).is_some();
    if !cmdlet || crate::parse::curl::looks_like(&lines.iter().map(|l| l.1).collect::<Vec<_>>()) {
        return (tool, target, port);
    }
    if !target.is_empty() {
        return (Tool::InvokeWebRequest, target, port);
    }
    let asked = lines
        .iter()
        .find_map(|(_, l)| l.trim().strip_prefix("Uri:").map(str::trim))
        .filter(|u| !u.is_empty());
    match asked {
        Some(url) => {
            let (host, port) = crate::parse::linux_log::url_host_port(url);
            (Tool::InvokeWebRequest, host, port)
        }
        None => (Tool::InvokeWebRequest, target, port),
    }
}

/// The block a segment is judged as; `None` when no tool can be told from it.
fn block_of(text: &Text<'_>, seg: &Segment, last: bool) -> Option<Block> {
    let plan = match &seg.plan {
        Some(p) => p.clone(),
        None => guessed_plan(text, seg.lines)?,
    };
    let Plan {
        tool,
        target,
        port,
        command_line,
        ..
    } = plan;
    let output = match command_line {
        Some(at) => (seg.lines.1 > at).then_some(Lines(at + 1, seg.lines.1)),
        None => Some(seg.lines),
    };
    let (tool, target, port) = match output {
        Some(out) if matches!(tool, Tool::Curl) => powershell_alias(text, out, tool, target, port),
        _ => (tool, target, port),
    };
    // A typed command's output that stops with the paste may have been cut off.
    let at_end = last && seg.kind != SegmentKind::ToolOutput;
    Some(Block::typed(
        tool,
        target,
        port,
        command_line,
        seg.lines,
        output,
        at_end,
    ))
}

/// Tool and target read from the output alone.
fn guessed_plan(text: &Text<'_>, lines: Lines) -> Option<Plan> {
    let body: Vec<&str> = (lines.0..=lines.1).map(|k| text.line(k)).collect();
    let tool = guess::guess_tool(&body)?;
    let (target, port) = guess::guess_target(tool, &body);
    Some(Plan {
        tool,
        target,
        port,
        command_line: None,
        server: None,
    })
    .filter(|p| p.tool != Tool::Unknown)
}

/// One check per destination each paragraph of logged errors names (apt's `Err:` lines, yum's,
/// the agent's): its lines from the first record to the last, which the judge reads for that
/// destination only.
fn logged_blocks(text: &Text<'_>, lines: Lines) -> Vec<Block> {
    let numbered = (lines.0..=lines.1).map(|n| (n, text.line(n)));
    // Blank lines, in order: a long agent log is read once, not once per error it holds.
    let blanks: Vec<usize> = (lines.0..=lines.1)
        .filter(|&n| text.line(n).trim().is_empty())
        .collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut paragraph = lines.0;
    let mut groups: Vec<(Tool, String, Option<u16>, usize, usize)> = Vec::new();
    for l in crate::parse::logged::scan(numbered) {
        // A blank line between two records starts another paragraph: the same destination
        // there is another event (another quoted output), not more of the same one.
        let next_blank = blanks
            .get(blanks.partition_point(|&b| b <= paragraph))
            .copied();
        if next_blank.is_some_and(|b| b < l.from) {
            paragraph = l.from;
            blocks.extend(groups.drain(..).map(logged_block));
        }
        match groups
            .iter_mut()
            .find(|g| g.0 == l.tool && g.1.eq_ignore_ascii_case(&l.host) && g.2 == l.port)
        {
            Some(g) => g.4 = l.line,
            None => groups.push((l.tool, l.host, l.port, l.from, l.line)),
        }
    }
    blocks.extend(groups.into_iter().map(logged_block));
    blocks
}

fn logged_block((tool, host, port, from, to): (Tool, String, Option<u16>, usize, usize)) -> Block {
    let lines = Lines(from, to);
    Block::typed(tool, host, port, None, lines, Some(lines), false)
}
