//! What the page and the analysis worker say to each other.
//!
//! Page → worker: `{ bytes: ArrayBuffer (transferred), name, kind? }`.
//! Worker → page: `{ type: "ready" }` once, `{ type: "stage", stage }` while working, then
//! `{ type: "done", head, checks: [..], text, spans }`, and last `{ type: "json", json_en, json_ja }`
//! (the downloadable report, prepared after the page already has what it shows).
//!
//! The report travels in pieces, in the compact binary form of [`crate::wire`] (reading it
//! back needs far less code than JSON would: the page downloads that code). `head` is the report
//! with its lists emptied, and `checks` holds the lists' items in pieces of about `PIECE_BYTES` (each piece is
//! the list's tag byte, then its items). A report of a hundred thousand checks is thus read a
//! piece at a time, never blocking the page for long. The downloadable JSON is made in the worker. `text` and `spans` are the decoded input and its line index as
//! computed by `preflight_core::decode`, so the page shows lines exactly as the core numbered them.

use preflight_core::decode;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::render::json;
use preflight_core::report::{
    Annotation, Check, Endpoint, Finding, InputKind, Interface, Report, TextRegion,
};
use preflight_core::{analyze_text, Analysis, Options};

use crate::wire::{self, Wire};

pub const TYPE: &str = "type";
pub const READY: &str = "ready";
pub const STAGE: &str = "stage";
pub const DONE: &str = "done";
pub const JSON: &str = "json";
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
pub const NAMES: &str = "names";
/// Bytes of the worker's WebAssembly memory when it is done: the memory only grows, so this is
/// the analysis's peak (the page marks it for benches/browser.mjs).
pub const MEMORY: &str = "memory";

/// Stages the worker reports; the page translates them.
pub const STAGE_ANALYSING: &str = "analysing";
pub const STAGE_PREPARING: &str = "preparing";

/// Inputs above this size report their stages to the page.
pub const STAGES_ABOVE_BYTES: usize = 1 << 20;

/// Size of one encoded piece: small enough that reading it takes a few milliseconds.
pub const PIECE_BYTES: usize = 192 * 1024;

/// Everything the worker sends back, before it becomes JS values. Byte buffers are transferred to the page without a copy, where strings would be copied while
/// the page's main thread receives the message.
#[derive(Debug)]
pub struct Prepared<'a, P> {
    pub head: Vec<u8>,
    /// The report's pieces, each already handed to the caller's `piece` function (the worker
    /// turns each into a JS buffer at once, so they never pile up in its memory).
    pub chunks: Vec<P>,
    /// The decoded input as UTF-8: the input itself when it was UTF-8 already.
    pub text: std::borrow::Cow<'a, [u8]>,
    /// Byte start and end (exclusive) of each line in `text`, two numbers per line.
    pub spans: Vec<u32>,
    /// The pseudonyms for "Redact for sharing", learned here where the text is at hand: one
    /// `original<TAB>pseudonym` per line (neither holds a tab or a line break).
    pub names: String,
}

/// Runs the analysis and shapes its results for the page; the report is returned too, for
/// [`write_json`]. `stage` is told when analysis ends; `piece` receives each encoded piece.
pub fn prepare<'a, P>(
    bytes: &'a [u8],
    name: &str,
    kind: Option<InputKind>,
    mut stage: impl FnMut(&str),
    piece: impl FnMut(Vec<u8>) -> P,
) -> (Prepared<'a, P>, Report) {
    // The input is decoded once: the report's line numbers and the page's lines come from the
    // same decoded text.
    let Analysis { mut report, text } = analyze_text(
        bytes,
        &Options {
            name: name.to_owned(),
            lang: Lang::En,
            kind,
        },
        &BrowserDecoder,
    );
    stage(STAGE_PREPARING);
    let names = names_to_text(&Pseudonyms::of(&report, &text.content));
    let (head, chunks) = split_with(&mut report, piece);
    let (text, spans) = text_spans(text);
    (
        Prepared {
            head,
            chunks,
            text,
            spans,
            names,
        },
        report,
    )
}

/// The lists of a report that can grow with the input, in the order the page reads them back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Checks,
    Endpoints,
    Findings,
    Regions,
    Interfaces,
    /// The agent text's annotated lines: a large waagent.log has hundreds of thousands.
    Annotations,
}

impl List {
    pub const ALL: [List; 6] = [
        List::Checks,
        List::Endpoints,
        List::Findings,
        List::Regions,
        List::Interfaces,
        List::Annotations,
    ];

    pub fn tag(self) -> u8 {
        match self {
            List::Checks => b'c',
            List::Endpoints => b'e',
            List::Findings => b'f',
            List::Regions => b'r',
            List::Interfaces => b'i',
            List::Annotations => b'a',
        }
    }

    pub fn from_tag(t: u8) -> Option<List> {
        List::ALL.into_iter().find(|l| l.tag() == t)
    }
}

/// Empties the report's lists into pieces (first byte: the list's tag, then its items one after
/// the other) and returns the rest of the report encoded; the lists are put back afterwards.
pub fn split(report: &mut Report) -> (Vec<u8>, Vec<Vec<u8>>) {
    split_with(report, |piece| piece)
}

/// [`split`], handing each piece to `piece` as soon as it is full.
pub fn split_with<P>(
    report: &mut Report,
    mut piece: impl FnMut(Vec<u8>) -> P,
) -> (Vec<u8>, Vec<P>) {
    let checks = std::mem::take(&mut report.checks);
    let endpoints = std::mem::take(&mut report.endpoints);
    let findings = std::mem::take(&mut report.findings);
    let regions = std::mem::take(&mut report.regions);
    let interfaces = std::mem::take(&mut report.machine.interfaces);
    let annotations = report
        .agent
        .as_mut()
        .map(|a| std::mem::take(&mut a.annotations))
        .unwrap_or_default();
    let head = wire::to_vec(&*report);
    let mut pieces = Vec::new();
    let mut out = |p: Vec<u8>| pieces.push(piece(p));
    pieces_of(List::Checks, &checks, &mut out);
    pieces_of(List::Endpoints, &endpoints, &mut out);
    pieces_of(List::Findings, &findings, &mut out);
    pieces_of(List::Regions, &regions, &mut out);
    pieces_of(List::Interfaces, &interfaces, &mut out);
    pieces_of(List::Annotations, &annotations, &mut out);
    report.checks = checks;
    report.endpoints = endpoints;
    report.findings = findings;
    report.regions = regions;
    report.machine.interfaces = interfaces;
    if let Some(a) = report.agent.as_mut() {
        a.annotations = annotations;
    }
    (head, pieces)
}

fn pieces_of<T: Wire>(list: List, items: &[T], out: &mut impl FnMut(Vec<u8>)) {
    let mut piece: Vec<u8> = Vec::new();
    for item in items {
        if piece.is_empty() {
            piece.push(list.tag());
        }
        item.put(&mut piece);
        if piece.len() >= PIECE_BYTES {
            out(std::mem::take(&mut piece));
        }
    }
    if !piece.is_empty() {
        out(piece);
    }
}

/// Reads one piece back into the report.
pub fn read_piece(
    report: &mut Report,
    piece: &[u8],
    names: Option<&Pseudonyms>,
) -> Result<(), String> {
    let (tag, rest) = piece.split_first().ok_or("empty piece")?;
    /// Items encoded one after the other, up to the end of the piece.
    fn items<T: Wire>(
        rest: &[u8],
        into: &mut Vec<T>,
        names: Option<&Pseudonyms>,
    ) -> Result<(), String> {
        let mut r = wire::Reader::with_names(rest, names);
        while !r.rest.is_empty() {
            let item = T::take(&mut r);
            // The worker encoded the piece with this very module, so this does not happen.
            if r.bad {
                return Err("a piece could not be decoded".into());
            }
            into.push(item);
        }
        Ok(())
    }
    match List::from_tag(*tag).ok_or("unknown piece")? {
        List::Checks => items::<Check>(rest, &mut report.checks, names),
        List::Endpoints => items::<Endpoint>(rest, &mut report.endpoints, names),
        List::Findings => items::<Finding>(rest, &mut report.findings, names),
        List::Regions => items::<TextRegion>(rest, &mut report.regions, names),
        List::Interfaces => items::<Interface>(rest, &mut report.machine.interfaces, names),
        List::Annotations => match report.agent.as_mut() {
            Some(a) => items::<Annotation>(rest, &mut a.annotations, names),
            None => Err("annotations without agent status".into()),
        },
    }
}

/// The report as `preflight analyze -f json -l en` and `-l ja` print it.
pub fn downloads(report: &Report) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let (mut en, mut ja) = (Vec::new(), Vec::new());
    json::write_report(report, Lang::En, &mut en)?;
    json::write_report(report, Lang::Ja, &mut ja)?;
    Ok((en, ja))
}

/// The decoded text and the byte span of every line, from the core's own line index.
pub fn line_index(bytes: &[u8]) -> (std::borrow::Cow<'_, [u8]>, Vec<u32>) {
    text_spans(decode::decode_with(bytes, &BrowserDecoder))
}

/// The decoded text as UTF-8 bytes (borrowed from the input when it was UTF-8 already) and the
/// byte span of every line, from the core's own line index.
pub fn text_spans(text: decode::Text<'_>) -> (std::borrow::Cow<'_, [u8]>, Vec<u32>) {
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
    let text = match text.content {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    };
    (text, spans)
}

/// Reads the `head` piece: the report without its lists. `None` when the bytes are not a report.
pub fn read_head(head: &[u8], names: Option<&Pseudonyms>) -> Option<Report> {
    wire::from_bytes(head, names)
}

/// Shift_JIS and EUC-JP through the browser's own `TextDecoder` (strict), so the core's decoding
/// tables (about 120 KB compressed) stay out of the bundle. Outside a browser (native tests) it
/// decodes nothing and the core falls back to lossy UTF-8.
pub struct BrowserDecoder;

impl decode::LegacyDecoder for BrowserDecoder {
    fn decode(&self, enc: decode::Legacy, bytes: &[u8]) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            let opts = web_sys::TextDecoderOptions::new();
            opts.set_fatal(true);
            let d = web_sys::TextDecoder::new_with_label_and_options(enc.label(), &opts).ok()?;
            d.decode_with_u8_array(bytes).ok()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (enc, bytes);
            None
        }
    }
}

/// The `names` field of `done`.
pub fn names_to_text(p: &Pseudonyms) -> String {
    let mut out = String::new();
    for (original, pseudonym) in p.pairs() {
        out.push_str(original);
        out.push('\t');
        out.push_str(pseudonym);
        out.push('\n');
    }
    out
}

/// Reads [`names_to_text`] back.
pub fn names_from_text(text: &str) -> Pseudonyms {
    let pairs = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(o, p)| (o.to_owned(), p.to_owned()))
        .collect();
    Pseudonyms::from_pairs(pairs)
}
