//! What the page and the analysis worker say to each other.
//!
//! Page → worker: `{ bytes: ArrayBuffer (transferred), name, kind? }`.
//! Worker → page: `{ type: "ready" }` once, `{ type: "stage", stage }` while working, then
//! `{ type: "done", head, checks: [..], text, spans, json_en, json_ja }`.
//!
//! The report travels as JSON in pieces (`head` is the report without its checks, `checks` holds
//! them in chunks) so that the page can read a report with a hundred thousand checks a piece at a
//! time, never blocking for long. `text` and `spans` are the decoded input and its line index as
//! computed by `preflight_core::decode`, so the page shows lines exactly as the core numbered them.

use preflight_core::decode;
use preflight_core::i18n::Lang;
use preflight_core::report::{Check, InputKind, Report};
use preflight_core::{analyze, Options};

pub const TYPE: &str = "type";
pub const READY: &str = "ready";
pub const STAGE: &str = "stage";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";
pub const DETAIL: &str = "detail";

pub const BYTES: &str = "bytes";
pub const NAME: &str = "name";
pub const KIND: &str = "kind";

pub const HEAD: &str = "head";
pub const CHECKS: &str = "checks";
pub const TEXT: &str = "text";
pub const SPANS: &str = "spans";
pub const JSON_EN: &str = "json_en";
pub const JSON_JA: &str = "json_ja";

/// Stages the worker reports; the page translates them.
pub const STAGE_ANALYSING: &str = "analysing";
pub const STAGE_PREPARING: &str = "preparing";

/// Checks per JSON chunk: small enough that reading one takes a few milliseconds.
pub const CHECKS_PER_CHUNK: usize = 1500;

/// Everything the worker sends back, before it becomes JS values.
#[derive(Debug)]
pub struct Prepared {
    pub head: String,
    pub chunks: Vec<String>,
    /// The decoded input as UTF-8.
    pub text: Vec<u8>,
    /// Byte start and end (exclusive) of each line in `text`, two numbers per line.
    pub spans: Vec<u32>,
    /// The report as `preflight analyze -f json -l en` prints it.
    pub json_en: Vec<u8>,
    pub json_ja: Vec<u8>,
}

pub fn kind_from_word(word: &str) -> Option<InputKind> {
    [
        InputKind::LinuxConnectivityLog,
        InputKind::WindowsConnectivityLog,
        InputKind::AgentStatus,
        InputKind::Unknown,
    ]
    .into_iter()
    .find(|k| k.word() == word)
}

/// Runs the analysis and shapes its results for the page. `stage` is told when analysis ends.
pub fn prepare(
    bytes: &[u8],
    name: &str,
    kind: Option<InputKind>,
    mut stage: impl FnMut(&str),
) -> Result<Prepared, serde_json::Error> {
    let mut report = analyze(
        bytes,
        &Options {
            name: name.to_owned(),
            lang: Lang::En,
            kind,
        },
    );
    stage(STAGE_PREPARING);

    // The same text as the CLI's `-f json`: pretty, with a final newline.
    let json_en = pretty(&report)?;
    report.set_lang(Lang::Ja);
    let json_ja = pretty(&report)?;
    report.set_lang(Lang::En);

    let checks = std::mem::take(&mut report.checks);
    let head = serde_json::to_string(&report)?;
    let chunks = checks
        .chunks(CHECKS_PER_CHUNK)
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()?;

    let (text, spans) = line_index(bytes);
    Ok(Prepared {
        head,
        chunks,
        text,
        spans,
        json_en,
        json_ja,
    })
}

fn pretty(report: &Report) -> Result<Vec<u8>, serde_json::Error> {
    let mut v = serde_json::to_vec_pretty(report)?;
    v.push(b'\n');
    Ok(v)
}

/// The decoded text and the byte span of every line, from the core's own line index.
pub fn line_index(bytes: &[u8]) -> (Vec<u8>, Vec<u32>) {
    let text = decode::decode(bytes);
    let content: &str = &text.content;
    let base = content.as_ptr() as usize;
    let mut spans = Vec::with_capacity(text.line_count() * 2);
    for (_, line) in text.lines() {
        // Each line is a slice of `content`; its offset is where the slice starts.
        let start = (line.as_ptr() as usize).wrapping_sub(base);
        let (s, e) = if start <= content.len() && start + line.len() <= content.len() {
            (start, start + line.len())
        } else {
            (0, 0)
        };
        spans.push(u32::try_from(s).unwrap_or(u32::MAX));
        spans.push(u32::try_from(e).unwrap_or(u32::MAX));
    }
    (content.as_bytes().to_vec(), spans)
}

/// Reads the `head` piece: the report without its checks.
pub fn read_head(json: &str) -> Result<Report, serde_json::Error> {
    serde_json::from_str(json)
}

/// Reads one `checks` piece.
pub fn read_checks(json: &str) -> Result<Vec<Check>, serde_json::Error> {
    serde_json::from_str(json)
}
