//! The judging every connectivity reader shares: blocks of tool output in, checks, the endpoint
//! matrix, findings and a verdict out.

use crate::code::Code;
use crate::decode::Text;
use crate::parse::linux_log::Block;
use crate::report::{Arg, Lines, Machine, Status};
use crate::rules::findings::{self, Draft};
use crate::rules::overall::says;
use crate::rules::say::say;
use crate::rules::{self, JudgedLog};

use super::Part;

/// The proxy the input's own settings name (not curl's output).
#[derive(Clone, Debug, Default)]
pub struct ProxySettings {
    pub section_present: bool,
    pub http: Option<String>,
    pub https: Option<String>,
    pub lines: Option<Lines>,
}

/// What the judging needs to know about where the blocks come from.
pub struct How {
    /// A whole Linux log: the script's fixed list of checks, not-run cells when cut short.
    pub full: bool,
    /// The run reached its end lines.
    pub complete: bool,
    /// Nothing is missing: a finished run, or a paste, which holds what it holds.
    pub finished: bool,
    /// How many checks an `ok` needs (the script's full list for a whole log).
    pub expected_checks: usize,
    pub proxy: ProxySettings,
    pub machine: Machine,
    pub end_lines: Vec<usize>,
    /// The checks ran on Windows (a cmdlet, a Windows prompt or Windows' nslookup): the next
    /// steps are Windows steps.
    pub windows: bool,
    /// The checks are commands a person typed and may have run again after a change (a
    /// paste); a script's own checks are never taken as retests.
    pub typed: bool,
}

/// Judges the blocks and writes the findings of the connectivity rules.
pub fn judge(text: &Text<'_>, blocks: Vec<Block>, how: How) -> Part {
    let proxy_env = how.proxy.http.is_some() || how.proxy.https.is_some();
    let JudgedLog {
        mut checks,
        verdicts,
        mut proxy,
        normalised_markers,
    } = rules::judge_blocks(text, blocks, how.complete || !how.full, proxy_env);
    proxy.section_present = how.proxy.section_present;
    proxy.http_proxy = how.proxy.http.clone();
    proxy.https_proxy = how.proxy.https.clone();
    if how.typed {
        rules::overall::mark_retested(text, &mut checks);
    }
    let (endpoints, counts) = rules::build_endpoints(&mut checks, how.full, how.complete);
    let ctx = findings::Context {
        checks: &checks,
        verdicts: &verdicts,
        machine: &how.machine,
        proxy: &proxy,
        proxy_lines: how.proxy.lines,
        full_log: how.full,
        complete: how.complete,
        end_lines: how.end_lines.clone(),
    };
    let mut drafts = findings::group(&ctx);
    if how.typed {
        crate::rules::tool::typed_steps(&mut drafts);
    }
    if how.windows {
        crate::rules::windows::windows_steps(&mut drafts);
    }
    // The facts are read; free them before the findings are written out.
    drop(ctx);
    drop(verdicts);
    if !normalised_markers.is_empty() {
        let mut d = Draft::new(Code::INPUT_MARKERS_NORMALISED);
        d.lines = normalised_markers;
        drafts.push(d);
    }
    let overall = rules::overall(
        &counts,
        how.finished && checks.len() >= how.expected_checks.max(1),
    );
    if overall == Status::Ok {
        let mut d = Draft::new(Code::ALL_CHECKS_PASSED);
        d.detail = vec![say!(
            CHECKS_PASSED,
            Arg::Count(counts.ok),
            Arg::Count(counts.total())
        )];
        drafts.push(d);
    }
    Part {
        checks,
        endpoints,
        counts,
        machine: Some(how.machine),
        proxy: Some(proxy),
        drafts,
        overall: Some(overall),
        ..Part::default()
    }
}
