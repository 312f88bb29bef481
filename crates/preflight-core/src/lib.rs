//! Backup Preflight's interpretation core.
//!
//! ```text
//! bytes -> Text (decode) -> Unwrapped (unwrap) -> segments with their kinds (segment, detect)
//!       -> Evidence (parse, one reader per kind in read) -> verdicts and findings (rules)
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
pub mod compare;
pub mod decode;
pub mod detect;
pub mod i18n;
pub mod mask;
pub mod order;
pub mod parse;
pub mod read;
pub mod redact;
mod remap;
pub mod render;
pub mod report;
pub mod rules;
pub mod segment;
pub mod unwrap;

use code::Code;
use i18n::{Lang, TextBuf};
use parse::linux_log;
use report::{
    Confidence, InputInfo, InputKind, InputShape, Lines, Report, SegmentInfo, SegmentKind, Status,
    Why, SCHEMA,
};
use rules::findings::{self, Draft};
use rules::input::says;
use rules::say::say;

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
    // Secrets and invisible characters go before anything reads the text: no reader, report
    // or renderer ever holds them (see `mask`).
    let (text, masked) = match mask::mask(&text) {
        Some(mut m) => (text.with_content(std::mem::take(&mut m.content)), Some(m)),
        None => (text, None),
    };
    let mut report = report_of(&text, bytes.len(), opts);
    if let Some(m) = masked {
        let drafts = [
            rules::input::credentials_masked(&m.secrets),
            rules::input::invisible_characters(&m.invisible),
        ];
        // Input line numbers already; the verdict is not theirs to change.
        let found = findings::finish(drafts.into_iter().flatten().collect(), &[]);
        report.findings.extend(found);
        order::by_key(&mut report.findings, |f| {
            u64::from(u8::MAX - f.severity.rank())
        });
    }
    quote_lines(&mut report, &text);
    Analysis { report, text }
}

/// Findings about the input as a whole, the agent or what was masked name lines but hold no
/// check to take evidence from: they quote their lines (already masked), so a ticket shows what
/// was read. An input that was not recognised quotes its first lines.
fn quote_lines(report: &mut Report, text: &decode::Text<'_>) {
    const QUOTED: usize = 6;
    // As the readers quote a check's lines.
    let excerpt = |n: usize| report::Excerpt {
        line: n,
        text: parse::clip(parse::visible(text.line(n)).trim(), 300),
        count: 1,
    };
    for f in &mut report.findings {
        let quotes = f.code.family() == code::Family::Agent
            || matches!(
                f.code,
                Code::INPUT_CREDENTIALS_MASKED | Code::INPUT_INVISIBLE_CHARACTERS
            );
        if !f.evidence.is_empty() || !f.checks.is_empty() {
            continue;
        }
        let lines: Vec<usize> = if f.code == Code::INPUT_NOT_RECOGNISED {
            (1..=text.line_count()).take(200).collect()
        } else if quotes {
            f.lines.iter().flat_map(|l| l.0..=l.1).take(200).collect()
        } else {
            continue;
        };
        for n in lines {
            let e = excerpt(n);
            if e.text.is_empty() {
                continue;
            }
            // A repeated line is quoted once, with how often it was read.
            report::Excerpt::quote(&mut f.evidence, &e, QUOTED);
        }
    }
}

fn report_of(text: &decode::Text<'_>, n_bytes: usize, opts: &Options) -> Report {
    let unwrapped = unwrap::unwrap(text);
    let inner;
    let (read_text, typed, frames): (&decode::Text<'_>, &[usize], &[usize]) = match &unwrapped {
        Some(u) => {
            inner = decode::decode_owned(u.content.clone());
            (&inner, &u.typed, &u.frames)
        }
        None => (text, &[], &[]),
    };
    let log = linux_log::parse(read_text);
    let windows_prompt = unwrapped.is_some() && detect::windows_prompt(text);
    let mut detected = detect::detect(read_text, typed, frames, &log, windows_prompt);
    let mut linux = Some(log);
    let chosen = opts
        .kind
        .is_some_and(|k| choose(&mut detected, k, read_text, linux.as_ref()));
    let parts = read::read_all(&mut read::Input {
        text: read_text,
        detected: &detected,
        linux: &mut linux,
        typed,
        chosen,
    });
    let mut report = assemble(text, n_bytes, opts, &detected, chosen, parts);
    if let Some(u) = &unwrapped {
        report.input.wrappers = u.peeled.clone();
        remap::lines(&mut report, u);
    }
    report.summary = render::summary::sentence(&report);
    report
}

/// The caller's choice of kind replaces the detector's; `true` when it differs.
fn choose(
    detected: &mut detect::Detected,
    kind: InputKind,
    text: &decode::Text<'_>,
    log: Option<&linux_log::LinuxLog>,
) -> bool {
    if kind == detected.kind {
        return false;
    }
    let why = Why::Chosen {
        kind,
        detected: Box::new(detected.why.clone()),
    };
    let whole = Lines(1, text.line_count().max(1));
    let one = |k: SegmentKind| {
        vec![segment::Segment {
            kind: k,
            lines: whole,
            why: why.clone(),
            plan: None,
        }]
    };
    let (shape, segments) = match kind {
        InputKind::AgentStatus => (InputShape::AgentStatus, one(SegmentKind::AgentStatus)),
        InputKind::WindowsConnectivityLog => (
            InputShape::WindowsTranscript,
            one(SegmentKind::WindowsTranscript),
        ),
        InputKind::LinuxConnectivityLog if log.is_some_and(|l| !l.blocks.is_empty()) => {
            let full = log.is_some_and(|l| l.has_layout);
            let shape = if full {
                InputShape::FullLog
            } else {
                InputShape::Fragment
            };
            (shape, one(SegmentKind::LinuxLog))
        }
        InputKind::LinuxConnectivityLog if detected.segments.iter().any(|s| s.kind.is_check()) => {
            let mut segs = std::mem::take(&mut detected.segments);
            for s in &mut segs {
                if !s.kind.is_check() {
                    s.kind = SegmentKind::Other;
                }
            }
            (InputShape::Commands, segs)
        }
        InputKind::LinuxConnectivityLog => (InputShape::SingleOutput, one(SegmentKind::ToolOutput)),
        InputKind::Unknown => (InputShape::Unrecognised, Vec::new()),
    };
    *detected = detect::Detected {
        kind,
        shape,
        confidence: Confidence::Low,
        why,
        segments,
    };
    true
}

/// The report from the readers' parts.
fn assemble(
    text: &decode::Text<'_>,
    n_bytes: usize,
    opts: &Options,
    detected: &detect::Detected,
    chosen: bool,
    parts: Vec<read::Part>,
) -> Report {
    let mut report = Report {
        schema: SCHEMA.to_owned(),
        lang: opts.lang,
        input: InputInfo {
            name: opts.name.clone(),
            bytes: n_bytes,
            encoding: text.encoding.clone(),
            kind: detected.kind,
            shape: detected.shape,
            confidence: detected.confidence,
            detection: detected.why.text(),
            overridden: chosen,
            lines: text.line_count(),
            line_endings: text.line_endings.to_owned(),
            why: detected.why.clone(),
            wrappers: Vec::new(),
            segments: Vec::new(),
        },
        overall: Status::Inconclusive,
        summary: TextBuf::default(),
        counts: Default::default(),
        machine: Default::default(),
        proxy: Default::default(),
        checks: Vec::new(),
        endpoints: Vec::new(),
        findings: Vec::new(),
        regions: Vec::new(),
        agent: None,
    };
    let mut segment_checks = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut overall: Option<Status> = None;
    for part in parts {
        merge(
            &mut report,
            part,
            &mut drafts,
            &mut overall,
            &mut segment_checks,
        );
    }
    report.input.segments = detected
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| SegmentInfo {
            kind: s.kind,
            lines: s.lines,
            why: s.why.clone(),
            check: segment_checks
                .iter()
                .find(|(seg, _)| *seg == i)
                .map(|x| x.1),
        })
        .collect();
    report.overall = overall.unwrap_or(Status::Inconclusive);
    if overall.is_none() && drafts.is_empty() {
        drafts.push(not_read(text, detected));
    }
    // A binary file is reported as such; its undecodable bytes are not a second finding.
    if !text.lossy_lines.is_empty()
        && text.binary.is_none()
        && !matches!(detected.why, Why::Binary { .. })
    {
        let mut d = Draft::new(Code::INPUT_DECODE_LOSSY);
        d.lines = text
            .lossy_lines
            .iter()
            .take(20)
            .map(|&n| Lines::one(n))
            .collect();
        d.detail = vec![say!(
            LINES_AFFECTED,
            report::Arg::Count(text.lossy_lines.len())
        )];
        drafts.push(d);
    }
    rules::agent::fold_endpoint_checks(&mut drafts, &report.checks);
    report.findings = findings::finish(drafts, &report.checks);
    report
}

/// Adds one reader's part. Only connectivity readers bring checks, and only one of them runs
/// on an input; the agent part adds its section and its verdict.
fn merge(
    report: &mut Report,
    part: read::Part,
    drafts: &mut Vec<Draft>,
    overall: &mut Option<Status>,
    segment_checks: &mut Vec<(usize, usize)>,
) {
    if let Some(m) = part.machine {
        // The first part's record is the machine's; later parts only fill what it lacks.
        if report.machine == report::Machine::default() {
            report.machine = m;
        } else {
            report.machine.host = report.machine.host.take().or(m.host);
            report.machine.os = report.machine.os.take().or(m.os);
        }
    }
    if !part.checks.is_empty() || part.proxy.is_some() {
        report.checks = part.checks;
        report.endpoints = part.endpoints;
        report.counts = part.counts;
        report.regions = part.regions;
        report.proxy = part.proxy.unwrap_or_default();
    }
    if part.agent.is_some() {
        report.agent = part.agent;
    }
    if part.sure
        && report.input.kind == InputKind::AgentStatus
        && report.input.confidence == Confidence::Medium
    {
        report.input.confidence = Confidence::High;
    }
    segment_checks.extend(part.segment_checks);
    drafts.extend(part.drafts);
    if let Some(s) = part.overall {
        *overall = Some(overall.map_or(s, |o| o.worst(s)));
    }
}

/// Nothing was read: binary, empty, or not recognised.
fn not_read(text: &decode::Text<'_>, detected: &detect::Detected) -> Draft {
    let code = match detected.why {
        Why::Binary { .. } => Code::INPUT_BINARY,
        _ if text.binary.is_some() => Code::INPUT_BINARY,
        Why::Empty => Code::INPUT_EMPTY,
        _ if text.content.trim().is_empty() => Code::INPUT_EMPTY,
        _ => Code::INPUT_NOT_RECOGNISED,
    };
    let mut d = Draft::new(code);
    d.detail = vec![rules::input::reason(&detected.why)];
    if code == Code::INPUT_NOT_RECOGNISED && detect::looks_windows(text) {
        d.next_step = Some(rules::input::windows_not_recognised());
    }
    d
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
    let combined = rules::combine::combine(&reports.iter().collect::<Vec<_>>());
    report::Bundle {
        schema: report::BUNDLE_SCHEMA.to_owned(),
        reports,
        combined,
    }
}
