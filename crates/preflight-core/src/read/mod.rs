//! Readers: one per input kind, behind one seam.
//!
//! Each reader takes the segments of its kind and returns a [`Part`]: its checks, findings and
//! facts, which `analyze` merges into the report. A reader pairs a parser (evidence types, in
//! `parse/`) with the rules that judge that evidence. Adding an input kind is one parser, one
//! reader here, and one line in [`READERS`].

mod agent;
mod commands;
mod connectivity;
mod linux_log;
mod windows;

use crate::decode::Text;
use crate::detect::Detected;
use crate::parse::linux_log::LinuxLog;
use crate::report::{
    AgentReport, Check, Counts, Endpoint, Machine, ProxyInfo, SegmentKind, Status, TextRegion,
};
use crate::rules::findings::Draft;
use crate::segment::Segment;

/// What one reader contributes to the report.
#[derive(Default)]
pub struct Part {
    pub checks: Vec<Check>,
    pub endpoints: Vec<Endpoint>,
    pub counts: Counts,
    pub machine: Option<Machine>,
    pub proxy: Option<ProxyInfo>,
    pub regions: Vec<TextRegion>,
    pub agent: Option<AgentReport>,
    pub drafts: Vec<Draft>,
    /// The verdict of this part alone; `None` when it has nothing to say.
    pub overall: Option<Status>,
    /// Segments given to the reader and the check each became: `(segment, check)`.
    pub segment_checks: Vec<(usize, usize)>,
    /// What the reader found confirms the detection (structure, not just words).
    pub sure: bool,
}

/// What every reader may look at.
pub struct Input<'a, 't> {
    pub text: &'a Text<'t>,
    pub detected: &'a Detected,
    /// The script-log parse of `text`, done once for detection; the Linux reader takes it.
    pub linux: &'a mut Option<LinuxLog>,
    /// The lines that followed a prompt (the prompt is gone from `text`).
    pub typed: &'a [usize],
    /// The kind was chosen by the caller, not detected.
    pub chosen: bool,
}

type ReadFn = fn(&mut Input<'_, '_>, &[(usize, &Segment)]) -> Part;

/// Every reader, in the order they run, with the segment kinds each reads. The agent reader
/// runs last: it reads what the others did not claim.
const READERS: &[(&[SegmentKind], ReadFn)] = &[
    (&[SegmentKind::LinuxLog], linux_log::read),
    (
        &[SegmentKind::WindowsTranscript, SegmentKind::WindowsOutput],
        windows::read,
    ),
    (
        &[
            SegmentKind::Command,
            SegmentKind::Query,
            SegmentKind::ToolOutput,
            // The agent's log names the destinations it failed to reach: checks too.
            SegmentKind::AgentStatus,
        ],
        commands::read,
    ),
    (&[SegmentKind::AgentStatus], agent::read),
];

/// Runs every reader that has segments to read, in [`READERS`] order.
pub fn read_all(input: &mut Input<'_, '_>) -> Vec<Part> {
    let detected = input.detected;
    let mut parts = Vec::new();
    for (kinds, read) in READERS {
        let mine: Vec<(usize, &Segment)> = detected
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| kinds.contains(&s.kind))
            .collect();
        // Agent status may be commands alone (a curl to the WireServer): the agent reader
        // reads their lines too.
        let agent_input = *kinds == [SegmentKind::AgentStatus]
            && detected.kind == crate::report::InputKind::AgentStatus;
        if !mine.is_empty() || agent_input {
            parts.push(read(input, &mine));
        }
    }
    parts
}

/// The lines every check segment covers, for the agent reader to leave alone. A check of the
/// agent's own endpoints (the WireServer, IMDS) is left to it too: what it proves is what the
/// agent needs.
pub(crate) fn claimed_lines(segments: &[Segment]) -> Vec<crate::report::Lines> {
    segments
        .iter()
        .filter(|s| s.kind.is_check())
        .filter(|s| {
            !s.plan
                .as_ref()
                .is_some_and(|p| crate::parse::is_agent_endpoint(&p.target))
        })
        .map(|s| s.lines)
        .collect()
}
