//! Findings: one per cause, not one per red line (rule D.16).
//!
//! Root-cause rules claim checks first (every name failing DNS, port 3260 only, missing tools per
//! command); the remaining non-OK checks are grouped by code. Facts about the log as a whole
//! (proxy, region, private endpoints, cut-short runs, fragments) are added last. Each step is a
//! rule in its family's file; this module runs them in order and turns drafts into findings.

use crate::code::Code;
use crate::report::{
    Arg, Check, Excerpt, Finding, Lines, Machine, ProxyInfo, Scenario, Section, Sentence, Severity,
    Status,
};
use crate::rules::registry::Kind;

use super::overall::says;
use super::say::say;
use super::{dns, input, overall, proxy, tcp, tls, tool};

/// A finding under construction.
pub struct Draft {
    pub code: Code,
    pub checks: Vec<usize>,
    /// Said instead of the catalogue's title.
    pub title: Option<Sentence>,
    /// Said after the catalogue's explanation.
    pub detail: Vec<Sentence>,
    /// Said instead of the catalogue's next step.
    pub next_step: Option<Sentence>,
    pub severity: Option<Severity>,
    pub lines: Vec<Lines>,
    pub evidence: Vec<Excerpt>,
    pub affects: Option<Vec<Scenario>>,
}

impl Draft {
    // Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
    #[inline(never)]
    pub fn new(code: Code) -> Self {
        Draft {
            code,
            checks: Vec::new(),
            title: None,
            detail: Vec::new(),
            next_step: None,
            severity: None,
            lines: Vec::new(),
            evidence: Vec::new(),
            affects: None,
        }
    }
}

/// Everything the grouping needs to know about the input as a whole.
pub struct Context<'a> {
    pub checks: &'a [Check],
    /// The same checks with their facts, index for index.
    pub verdicts: &'a [crate::rules::Verdict],
    pub machine: &'a Machine,
    pub proxy: &'a ProxyInfo,
    pub proxy_lines: Option<Lines>,
    pub full_log: bool,
    pub complete: bool,
    pub end_lines: Vec<usize>,
}

/// Each step is its family's rule, in this order: root causes claim their checks first, the
/// rest is grouped by code, then facts about the input as a whole.
pub fn group(ctx: &Context<'_>) -> Vec<Draft> {
    // A check claimed by one finding is not grouped again by a later step.
    let mut claimed = vec![false; ctx.checks.len()];
    let mut drafts: Vec<Draft> = Vec::new();
    dns::failure_drafts(ctx, &mut claimed, &mut drafts);
    tcp::file_recovery_drafts(ctx, &mut claimed, &mut drafts);
    tool::missing_drafts(ctx, &mut claimed, &mut drafts);
    overall::retested_drafts(ctx, &mut claimed, &mut drafts);
    per_code_drafts(ctx, &claimed, &mut drafts);
    proxy::drafts(ctx, &mut drafts);
    tcp::dead_address_drafts(ctx, &mut drafts);
    let private_endpoints = dns::private_endpoint_drafts(ctx, &mut drafts);
    if !private_endpoints {
        overall::region_drafts(ctx, &mut drafts);
    }
    overall::vm_backup_drafts(ctx, &mut drafts);
    input::incomplete_drafts(ctx, &mut drafts);
    drafts
}

pub(super) fn claim(claimed: &mut [bool], idx: &[usize]) {
    for &i in idx {
        if let Some(c) = claimed.get_mut(i) {
            *c = true;
        }
    }
}

pub(super) fn is_claimed(claimed: &[bool], i: usize) -> bool {
    claimed.get(i).copied().unwrap_or(true)
}

/// nc connected to the check's endpoint before context changed its verdict.
pub(super) fn connected_directly(ctx: &Context<'_>, i: usize) -> bool {
    ctx.verdicts
        .get(i)
        .is_some_and(|j| tcp::is_connected(j.original.1))
}

/// The targets of some checks, in their order.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn targets_of(checks: &[Check], idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| checks.get(i))
        .map(|c| c.target.clone())
        .collect()
}

/// Everything else that did not pass: one finding per code.
fn per_code_drafts(ctx: &Context<'_>, claimed: &[bool], drafts: &mut Vec<Draft>) {
    let mut rest: Vec<Draft> = Vec::new();
    for (i, c) in ctx.checks.iter().enumerate() {
        if c.status == Status::Ok || is_claimed(claimed, i) {
            continue;
        }
        match rest.iter_mut().find(|d| d.code == c.code) {
            Some(d) => d.checks.push(i),
            None => {
                let mut d = Draft::new(c.code);
                d.checks.push(i);
                rest.push(d);
            }
        }
    }
    for d in &mut rest {
        d.detail = vec![per_code_detail(ctx, d)];
    }
    drafts.extend(rest);
}

/// What a group of checks with one code says together: TLS failing where TCP works, every check
/// through a proxy failing alike, nc bypassing the proxy; else where it was seen.
fn per_code_detail(ctx: &Context<'_>, d: &Draft) -> Sentence {
    tls::group_detail(ctx, d)
        .or_else(|| proxy::group_detail(ctx, d))
        .unwrap_or_else(|| seen_in(d.checks.len(), &targets_of(ctx.checks, &d.checks)))
}

/// Where a group of findings was seen: how many checks, and their targets.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn seen_in(n: usize, targets: &[String]) -> Sentence {
    say!(SEEN_IN, Arg::Count(n), Arg::Hosts(targets.to_vec()))
}

/// The items without repeats, in first-seen order.
// A `dyn` iterator and out of line: one copy of this for every caller rather than one per
// iterator type, which keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn unique(items: &mut dyn Iterator<Item = String>) -> Vec<String> {
    let mut seen = super::Index::new();
    let mut v: Vec<String> = Vec::new();
    for i in items {
        if seen.insert(i.clone(), 0).is_none() {
            v.push(i);
        }
    }
    v
}

fn scenarios_of(checks: &[Check], idx: &[usize]) -> Vec<Scenario> {
    let mut out: Vec<Scenario> = Vec::new();
    for &i in idx {
        let Some(c) = checks.get(i) else { continue };
        let add: &[Scenario] = match c.section {
            Section::FileRecovery => &[Scenario::FileRecovery],
            Section::AzureBackup | Section::Storage | Section::EntraId => {
                &[Scenario::WorkloadBackup, Scenario::Mars]
            }
            Section::Other => &[],
        };
        for s in add {
            if !out.contains(s) {
                out.push(*s);
            }
        }
    }
    Scenario::ALL
        .into_iter()
        .chain([Scenario::DiskBackup])
        .filter(|s| out.contains(s))
        .collect()
}

fn severity_of(status: Status) -> Severity {
    match status {
        Status::Ok => Severity::Ok,
        Status::Warning | Status::Inconclusive => Severity::Warning,
        Status::Failure => Severity::Failure,
    }
}

/// Turns drafts into report findings, most severe first.
pub fn finish(drafts: Vec<Draft>, checks: &[Check]) -> Vec<Finding> {
    let mut out: Vec<(usize, Finding)> = drafts
        .into_iter()
        .map(|d| {
            let spec = d.code.spec();
            let severity = d.severity.unwrap_or_else(|| {
                if spec.kind == Kind::Finding || d.checks.is_empty() {
                    spec.severity
                } else {
                    d.checks
                        .iter()
                        .filter_map(|&i| checks.get(i))
                        .map(|c| severity_of(c.status))
                        .max_by_key(|s| s.rank())
                        .unwrap_or(spec.severity)
                }
            });
            let mut lines = d.lines;
            let mut evidence: Vec<Excerpt> = Vec::new();
            for &i in &d.checks {
                if let Some(c) = checks.get(i) {
                    lines.push(c.lines);
                    for e in &c.evidence {
                        // The same line from several checks is quoted once, with its count.
                        Excerpt::quote(&mut evidence, e, 6);
                    }
                }
            }
            crate::order::by_key(&mut lines, |l| crate::order::pair(l.0, l.1));
            lines.dedup();
            let affects = match d.affects {
                Some(a) => a,
                None if severity == Severity::Failure => scenarios_of(checks, &d.checks),
                None => Vec::new(),
            };
            let unaffected: Vec<Scenario> = if affects.is_empty() {
                Vec::new()
            } else {
                Scenario::ALL
                    .iter()
                    .copied()
                    .filter(|s| !affects.contains(s))
                    .collect()
            };
            // The agent's findings keep the agent reader's order (Not Ready, an appliance, then
            // causes), even when checks of its endpoints joined one of them.
            let first = if d.code.family() == crate::code::Family::Agent {
                usize::MAX
            } else {
                d.checks.first().copied().unwrap_or(usize::MAX)
            };
            (
                first,
                Finding {
                    code: d.code,
                    severity,
                    title: d.title,
                    detail: d.detail,
                    next_step: d.next_step,
                    checks: d.checks,
                    lines,
                    evidence,
                    affects,
                    unaffected,
                },
            )
        })
        .collect();
    // Most severe first, then in the order of the log.
    crate::order::by_key(&mut out, |(first, f)| {
        crate::order::pair(usize::from(u8::MAX - f.severity.rank()), *first)
    });
    out.into_iter().map(|x| x.1).collect()
}
