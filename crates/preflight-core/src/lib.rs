//! Backup Preflight's interpretation core.
//!
//! ```text
//! bytes -> Text (decode) -> Detected (detect) -> Evidence (parse) -> verdicts and findings (rules)
//!       -> Report (report) -> text / Markdown / JSON (render)
//! ```
//!
//! [`analyze`] never panics and never fails: bad input becomes a finding. This crate does no I/O
//! and depends on nothing that ties it to a platform, so the CLI, the tests and the WebAssembly
//! page run the same code.

// Tests may index and unwrap: a panic there is a failing test, not a crash for a user.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod code;
pub mod decode;
pub mod detect;
pub mod i18n;
pub mod order;
pub mod parse;
pub mod render;
pub mod report;
pub mod rules;

use i18n::{Lang, TextBuf};
use parse::linux_log::{self, Block};
use report::{
    Confidence, InputInfo, InputKind, InputShape, Lines, RegionKind, Report, Status, TextRegion,
    SCHEMA,
};
use rules::findings::{self, Draft};
use rules::registry::Code;

/// How to analyse.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The input's name (file name), shown in the report.
    pub name: String,
    /// Language of the `title`/`message` fields; both languages are always in the report.
    pub lang: Lang,
    /// Force the input kind instead of detecting it.
    pub kind: Option<InputKind>,
}

/// Analyses one input.
pub fn analyze(bytes: &[u8], opts: &Options) -> Report {
    analyze_with(bytes, opts, decode::default_decoder())
}

/// [`analyze`] with a caller-supplied decoder for Shift_JIS / EUC-JP (the page passes the
/// browser's `TextDecoder`, so the core's tables stay out of the WebAssembly bundle).
pub fn analyze_with(bytes: &[u8], opts: &Options, legacy: &dyn decode::LegacyDecoder) -> Report {
    analyze_text(bytes, opts, legacy).report
}

/// The report and the decoded text its line numbers refer to, so a viewer that shows the input
/// decodes it once, here, and never again.
pub struct Analysis<'a> {
    pub report: Report,
    pub text: decode::Text<'a>,
}

/// [`analyze_with`], keeping the decoded text.
pub fn analyze_text<'a>(
    bytes: &'a [u8],
    opts: &Options,
    legacy: &dyn decode::LegacyDecoder,
) -> Analysis<'a> {
    let text = decode::decode_with(bytes, legacy);
    let report = report_of(&text, bytes.len(), opts);
    Analysis { report, text }
}

fn report_of(text: &decode::Text<'_>, n_bytes: usize, opts: &Options) -> Report {
    let mut log = linux_log::parse(text);
    let mut detected = detect::detect(text, &log);
    let mut overridden = false;
    if let Some(kind) = opts.kind {
        if kind != detected.kind {
            overridden = true;
            detected.kind = kind;
            detected.confidence = Confidence::Low;
            detected.reason = tr!(en: "forced by the user (detected: {})", detected.reason.en; ja: "ユーザー指定 (検出結果: {})", detected.reason.ja);
        }
    }

    // A single pasted output: one block over all its lines, tool and target from the output.
    if detected.shape == InputShape::SingleOutput
        || (overridden && detected.kind == InputKind::LinuxConnectivityLog && log.blocks.is_empty())
    {
        if let Some(b) = single_output_block(text) {
            log.blocks.push(b);
            if detected.shape != InputShape::SingleOutput {
                detected.shape = InputShape::SingleOutput;
            }
        }
    }

    let input = InputInfo {
        name: opts.name.clone(),
        bytes: n_bytes,
        encoding: text.encoding.clone(),
        kind: detected.kind,
        shape: detected.shape,
        confidence: detected.confidence,
        detection: detected.reason.clone(),
        overridden,
        lines: text.line_count(),
        line_endings: text.line_endings.to_owned(),
    };

    let mut report = Report {
        schema: SCHEMA.to_owned(),
        lang: opts.lang,
        input,
        overall: Status::Inconclusive,
        summary: TextBuf::default(),
        counts: Default::default(),
        machine: log.machine.clone(),
        proxy: Default::default(),
        checks: Vec::new(),
        endpoints: Vec::new(),
        findings: Vec::new(),
        regions: Vec::new(),
        agent: None,
    };

    let mut drafts: Vec<Draft> = Vec::new();
    match detected.kind {
        InputKind::LinuxConnectivityLog | InputKind::WindowsConnectivityLog => {
            connectivity(text, log, &detected, &mut report, &mut drafts);
        }
        InputKind::AgentStatus if detected.shape == InputShape::AgentStatus || overridden => {
            let parsed = parse::agent::parse(text);
            let ev = rules::agent::evaluate(&parsed);
            if let Some(name) = ev.agent.computer_name.clone() {
                report.machine.host.get_or_insert(name);
            }
            if report.machine.os.is_none() {
                report.machine.os = ev.agent.os.clone();
            }
            report.overall = ev.overall;
            report.agent = Some(ev.agent);
            drafts.extend(ev.drafts);
            if parsed.found.is_empty() {
                let mut d = Draft::new(Code::INPUT_NOT_RECOGNISED);
                d.detail = detected.reason.clone();
                drafts.push(d);
                report.overall = Status::Inconclusive;
            }
        }
        InputKind::AgentStatus | InputKind::Unknown => {
            let code = if text.binary.is_some() || detected.reason.en.contains("binary") {
                Code::INPUT_BINARY
            } else if text.content.trim().is_empty() {
                Code::INPUT_EMPTY
            } else {
                Code::INPUT_NOT_RECOGNISED
            };
            let mut d = Draft::new(code);
            d.detail = detected.reason.clone();
            drafts.push(d);
            report.overall = Status::Inconclusive;
        }
    }
    // A binary file is reported as such; its undecodable bytes are not a second finding.
    if !text.lossy_lines.is_empty()
        && text.binary.is_none()
        && !detected.reason.en.contains("binary")
    {
        let mut d = Draft::new(Code::INPUT_DECODE_LOSSY);
        d.lines = text
            .lossy_lines
            .iter()
            .take(20)
            .map(|&n| Lines::one(n))
            .collect();
        d.detail = tr!(en: "{} line(s) affected.", text.lossy_lines.len(); ja: "該当する行は {} 行です。", text.lossy_lines.len());
        drafts.push(d);
    }
    report.findings = findings::finish(drafts, &report.checks, opts.lang);
    report.summary = render::summary::sentence(&report);
    report
}

/// A connectivity log (Linux or Windows), a fragment or a pasted output: its checks, endpoints,
/// findings and verdict.
fn connectivity(
    text: &decode::Text<'_>,
    mut log: linux_log::LinuxLog,
    detected: &detect::Detected,
    report: &mut Report,
    drafts: &mut Vec<Draft>,
) {
    let windows = detected.kind == InputKind::WindowsConnectivityLog;
    if windows {
        log = parse::windows_log::parse(text);
        report.machine = log.machine.clone();
    }
    let full = !windows
        && matches!(
            detected.shape,
            InputShape::FullLog | InputShape::SiteRecoveryLog
        );
    let complete = log.machine.complete;
    let rules::JudgedLog {
        mut checks,
        verdicts,
        mut proxy,
        normalised_markers,
    } = rules::judge_blocks(
        text,
        std::mem::take(&mut log.blocks),
        complete || !full,
        log.proxy.http_proxy.is_some() || log.proxy.https_proxy.is_some(),
    );
    proxy.section_present = log.proxy.section_present;
    proxy.http_proxy = log.proxy.http_proxy.as_ref().map(|p| p.0.clone());
    proxy.https_proxy = log.proxy.https_proxy.as_ref().map(|p| p.0.clone());
    let (endpoints, counts) = rules::build_endpoints(&mut checks, full, complete);
    let ctx = findings::Context {
        checks: &checks,
        verdicts: &verdicts,
        machine: &log.machine,
        proxy: &proxy,
        proxy_lines: log.proxy.lines,
        full_log: full,
        complete,
        end_lines: log
            .complete_line
            .into_iter()
            .chain(log.script_time_line)
            .collect(),
    };
    drafts.extend(findings::group(&ctx));
    // The facts are read; free them before the findings are written out.
    drop(ctx);
    drop(verdicts);
    if detected.shape == InputShape::SiteRecoveryLog {
        let mut d = Draft::new(Code::SITE_RECOVERY_LOG);
        d.lines = log
            .separator_lines
            .iter()
            .take(2)
            .map(|&n| Lines::one(n))
            .collect();
        drafts.push(d);
    }
    if matches!(
        detected.shape,
        InputShape::Fragment | InputShape::SingleOutput
    ) {
        let mut d = Draft::new(Code::INPUT_FRAGMENT);
        d.detail = tr!(en: "It holds {} check(s).", checks.len(); ja: "含まれるチェックは {} 件です。", checks.len());
        drafts.push(d);
    }
    if !normalised_markers.is_empty() {
        let mut d = Draft::new(Code::INPUT_MARKERS_NORMALISED);
        d.lines = normalised_markers;
        drafts.push(d);
    }
    if windows {
        drafts.push(Draft::new(Code::WINDOWS_LOG_PRELIMINARY));
        if !complete {
            let mut d = Draft::new(Code::LOG_INCOMPLETE);
            d.detail = tr!(
                en: "The transcript has no `ScriptStart Completed` line.";
                ja: "トランスクリプトに `ScriptStart Completed` 行がありません。"
            );
            drafts.push(d);
        }
    }
    let full_or_fragment = (!full && !windows) || complete;
    report.overall = rules::overall(
        &counts,
        full_or_fragment && checks.len() >= if full { rules::SCRIPT_CHECKS.len() } else { 1 },
    );
    if report.overall == Status::Ok {
        let mut d = Draft::new(Code::ALL_CHECKS_PASSED);
        d.detail = tr!(en: "{} of {} checks passed.", counts.ok, counts.total(); ja: "{} 件中 {} 件のチェックが成功しました。", counts.total(), counts.ok);
        drafts.push(d);
    }
    report.counts = counts;
    report.proxy = proxy;
    report.checks = checks;
    report.endpoints = endpoints;
    report.regions = regions_of(&log);
}

/// Analyses several inputs of the same VM and adds one combined verdict
/// ("can this VM be backed up, and how").
pub fn analyze_many(inputs: &[(&[u8], String)], opts: &Options) -> report::Bundle {
    let reports: Vec<Report> = inputs
        .iter()
        .map(|(bytes, name)| {
            analyze(
                bytes,
                &Options {
                    name: name.clone(),
                    ..opts.clone()
                },
            )
        })
        .collect();
    combine(reports)
}

/// The combined verdict of reports already made (the page analyses files one at a time).
pub fn combine(reports: Vec<Report>) -> report::Bundle {
    let combined = rules::combine::combine(&reports);
    report::Bundle {
        schema: report::BUNDLE_SCHEMA.to_owned(),
        reports,
        combined,
    }
}

fn single_output_block(text: &decode::Text<'_>) -> Option<Block> {
    let lines: Vec<&str> = text.lines().map(|(_, l)| l).collect();
    let tool = parse::guess::guess_tool(&lines)?;
    let (target, port) = parse::guess::guess_target(tool, &lines);
    let first = text
        .lines()
        .find(|(_, l)| !parse::is_blank(l))
        .map(|(n, _)| n)?;
    let last = text
        .lines()
        .filter(|(_, l)| !parse::is_blank(l))
        .map(|(n, _)| n)
        .last()
        .unwrap_or(first);
    Some(Block {
        tool,
        section: linux_log::section_from_target(&target, port),
        target,
        port,
        marker: None,
        lines: Lines(first, last),
        output: Some(Lines(first, last)),
        marker_normalised: false,
        fullwidth_in_command: false,
        at_end_of_input: false,
    })
}

fn regions_of(log: &linux_log::LinuxLog) -> Vec<TextRegion> {
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
