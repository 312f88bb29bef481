//! The Windows script's PowerShell transcript.

use crate::code::Code;
use crate::parse::linux_log::{section_from_target, Block};
use crate::parse::windows_log::{self, Cmdlet, WinResult};
use crate::report::{Lines, RegionKind, TextRegion, Tool};
use crate::rules::findings::Draft;
use crate::rules::input::says;
use crate::rules::say::say;
use crate::segment::Segment;

use super::connectivity::{self, How, ProxySettings};
use super::{Input, Part};

pub fn read(input: &mut Input<'_, '_>, _segments: &[(usize, &Segment)]) -> Part {
    let log = windows_log::parse(input.text);
    let complete = log.machine.complete;
    let how = How {
        full: false,
        complete,
        finished: complete,
        expected_checks: 1,
        proxy: ProxySettings {
            section_present: log.proxy.section_present,
            http: log.proxy.winhttp.as_ref().map(|p| p.0.clone()),
            https: log.proxy.wininet.as_ref().map(|p| p.0.clone()),
            lines: None,
        },
        machine: log.machine.clone(),
        end_lines: log.complete_line.into_iter().collect(),
    };
    let regions = log
        .complete_line
        .map(|n| TextRegion {
            kind: RegionKind::End,
            lines: Lines::one(n),
        })
        .into_iter()
        .collect();
    let blocks = log.results.into_iter().map(block_of).collect();
    let mut part = connectivity::judge(input.text, blocks, how);
    part.regions = regions;
    part.drafts.push(Draft::new(Code::WINDOWS_LOG_PRELIMINARY));
    if !complete {
        let mut d = Draft::new(Code::LOG_INCOMPLETE);
        d.detail = vec![say!(NO_TRANSCRIPT_END)];
        part.drafts.push(d);
    }
    part
}

/// A transcript result as the block the shared judging reads.
fn block_of(r: WinResult) -> Block {
    let tool = match r.cmdlet {
        Cmdlet::TestNetConnection => Tool::Tnc,
        Cmdlet::InvokeWebRequest => Tool::InvokeWebRequest,
    };
    Block {
        tool,
        section: section_from_target(&r.target, r.port),
        target: r.target,
        port: r.port,
        marker: Some(r.lines.0),
        lines: r.lines,
        output: r.output,
        marker_normalised: false,
        fullwidth_in_command: false,
        at_end_of_input: r.at_end_of_input,
    }
}
