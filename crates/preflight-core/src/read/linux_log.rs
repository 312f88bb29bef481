//! The Linux script's log, whole or as `##TRY!!` blocks.

use crate::code::Code;
use crate::parse::linux_log::{self, LinuxLog};
use crate::report::{InputShape, Lines, RegionKind, TextRegion};
use crate::rules::findings::Draft;
use crate::rules::SCRIPT_CHECKS;
use crate::segment::Segment;

use super::connectivity::{self, How, ProxySettings};
use super::{Input, Part};

pub fn read(input: &mut Input<'_, '_>, _segments: &[(usize, &Segment)]) -> Part {
    let mut log = input
        .linux
        .take()
        .unwrap_or_else(|| linux_log::parse(input.text));
    let shape = input.detected.shape;
    let full = matches!(shape, InputShape::FullLog | InputShape::SiteRecoveryLog);
    let complete = log.machine.complete;
    let blocks = std::mem::take(&mut log.blocks);
    let n_blocks = blocks.len();
    let windows = blocks.iter().any(|b| b.tool.is_windows());
    let how = How {
        full,
        complete,
        finished: !full || complete,
        expected_checks: if full { SCRIPT_CHECKS.len() } else { 1 },
        proxy: ProxySettings {
            section_present: log.proxy.section_present,
            http: log.proxy.http_proxy.as_ref().map(|p| p.0.clone()),
            https: log.proxy.https_proxy.as_ref().map(|p| p.0.clone()),
            lines: log.proxy.lines,
        },
        machine: log.machine.clone(),
        end_lines: log
            .complete_line
            .into_iter()
            .chain(log.script_time_line)
            .collect(),
        windows,
        // A fragment of `##TRY!!` blocks may hold a block pasted twice, but the script's own
        // repeats are never retests.
        typed: false,
    };
    let mut part = connectivity::judge(input.text, blocks, how);
    if shape == InputShape::SiteRecoveryLog {
        let mut d = Draft::new(Code::SITE_RECOVERY_LOG);
        d.lines = log
            .separator_lines
            .iter()
            .take(2)
            .map(|&n| Lines::one(n))
            .collect();
        part.drafts.push(d);
    }
    if shape == InputShape::Fragment {
        part.drafts
            .push(crate::rules::input::fragment_draft(n_blocks, false));
    }
    part.regions = regions_of(&log);
    part
}

fn regions_of(log: &LinuxLog) -> Vec<TextRegion> {
    let mut v = Vec::new();
    if let Some(l) = log.environment {
        v.push(TextRegion {
            kind: RegionKind::Environment,
            lines: l,
        });
    }
    if let Some(l) = log.proxy.lines {
        v.push(TextRegion {
            kind: RegionKind::Proxy,
            lines: l,
        });
    }
    for &h in &log.headings {
        v.push(TextRegion {
            kind: RegionKind::Heading,
            lines: Lines::one(h),
        });
    }
    for n in log.complete_line.into_iter().chain(log.script_time_line) {
        v.push(TextRegion {
            kind: RegionKind::End,
            lines: Lines::one(n),
        });
    }
    v
}
