//! VM agent status: read from every line the connectivity readers did not claim.

use crate::code::Code;
use crate::decode::{self, Text};
use crate::parse;
use crate::report::{Machine, SegmentKind};
use crate::rules;
use crate::rules::findings::Draft;
use crate::segment::Segment;

use super::{claimed_lines, Input, Part};

pub fn read(input: &mut Input<'_, '_>, segments: &[(usize, &Segment)]) -> Part {
    let claimed = claimed_lines(&input.detected.segments);
    // Checks come from check segments, and from the destinations the agent's log names.
    let beside_checks = input.detected.segments.iter().any(|s| s.kind.is_check())
        || segments.iter().any(|(_, s)| {
            let lines = (s.lines.0..=s.lines.1).map(|n| (n, input.text.line(n)));
            parse::logged::first(lines).is_some()
        });
    // The agent's own words may sit anywhere around the commands (`cat /etc/os-release` before
    // `waagent --version`), so the reader sees the whole text but the checks' lines.
    let masked;
    let text: &Text<'_> = if claimed.is_empty() {
        input.text
    } else {
        masked = blank_lines(input.text, &claimed);
        &masked
    };
    let parsed = parse::agent::parse(text);
    let ev = rules::agent::evaluate(&parsed);
    let machine = Machine {
        host: ev.agent.computer_name.clone(),
        os: ev.agent.os.clone(),
        ..Machine::default()
    };
    let mut part = Part {
        machine: Some(machine),
        agent: Some(ev.agent),
        drafts: ev.drafts,
        overall: Some(ev.overall),
        ..Part::default()
    };
    if parsed.found.is_empty() {
        // Alone, text that looked like agent output but says nothing is reported as such;
        // beside checks it simply adds nothing.
        if beside_checks {
            part.overall = None;
            part.agent = None;
            part.drafts.clear();
        } else {
            let mut d = Draft::new(Code::INPUT_NOT_RECOGNISED);
            let why = segments
                .first()
                .map_or(&input.detected.why, |(_, s)| &s.why);
            d.detail = vec![crate::rules::input::reason(why)];
            part.drafts.push(d);
            part.overall = Some(crate::report::Status::Inconclusive);
        }
    } else {
        part.sure = segments
            .iter()
            .all(|(_, s)| s.kind == SegmentKind::AgentStatus);
    }
    part
}

/// A copy of `text` with the given line ranges emptied, line numbers unchanged.
fn blank_lines(text: &Text<'_>, ranges: &[crate::report::Lines]) -> Text<'static> {
    let mut out = String::with_capacity(text.content.len());
    for (n, line) in text.lines() {
        if !ranges.iter().any(|r| r.0 <= n && n <= r.1) {
            out.push_str(line);
        }
        out.push('\n');
    }
    decode::decode_owned(out)
}
