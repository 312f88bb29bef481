//! The report as JSON, the form automation reads (`preflight analyze -f json`, the page's JSON
//! downloads): the same bytes `serde_json::to_writer_pretty` writes for the `Report`'s serde form
//! (`tests/json.rs` holds the two to each other on every corpus file), written by hand.
//!
//! Why by hand: the page writes the same JSON as the CLI, and `serde_json`'s pretty serializer,
//! compiled for every report type, weighed about 23 KB gzip in the page's WebAssembly, close to a
//! tenth of its whole budget. Here each type writes itself through one concrete writer, so each
//! field is one call.
//!
//! Findings are written in the language asked for, whatever language the report was made in.

use std::io::Write;

use crate::i18n::{Lang, TextBuf};
use crate::report::*;

/// Writes `report` as JSON, its sentences in `lang`, followed by a newline.
pub fn write_report(report: &Report, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut j = Json::new(lang, out);
    report.to_json(&mut j);
    j.finish()
}

/// Writes several reports and their combined verdict as JSON, followed by a newline.
pub fn write_bundle(bundle: &Bundle, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut j = Json::new(lang, out);
    j.obj();
    j.key("schema", &bundle.schema);
    j.key("reports", &bundle.reports);
    j.key("combined", &bundle.combined);
    j.end_obj();
    j.finish()
}

/// The report's JSON as a string (tests, small outputs).
pub fn to_string(report: &Report, lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing into a vector does not fail.
    let _ = write_report(report, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A pretty-printing JSON writer with two-space indents, buffered in large pieces.
pub struct Json<'a> {
    buf: Vec<u8>,
    out: &'a mut dyn Write,
    error: Option<std::io::Error>,
    /// Per open object or array: whether it has an entry yet.
    open: Vec<bool>,
    lang: Lang,
    /// Sentences are put into words here before they are written: one buffer for all of them.
    scratch: String,
}

/// Flushed to the output past this size: large writes, bounded memory.
const CHUNK: usize = 1 << 16;

impl<'a> Json<'a> {
    fn new(lang: Lang, out: &'a mut dyn Write) -> Self {
        Json {
            buf: Vec::with_capacity(CHUNK + 4096),
            out,
            error: None,
            open: Vec::new(),
            lang,
            scratch: String::new(),
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.buf.push(b'\n');
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn flush(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(&self.buf) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    fn raw(&mut self, s: &[u8]) {
        self.buf.extend_from_slice(s);
    }

    fn open_with(&mut self, c: u8) {
        self.buf.push(c);
        self.open.push(false);
    }

    fn close_with(&mut self, c: u8) {
        if self.open.pop() == Some(true) {
            self.newline();
        }
        self.buf.push(c);
        if self.buf.len() > CHUNK {
            self.flush();
        }
    }

    fn newline(&mut self) {
        const SPACES: &[u8] = &[b' '; 64];
        self.buf.push(b'\n');
        let mut indent = 2 * self.open.len();
        while indent > 0 {
            let piece = SPACES.get(..indent.min(SPACES.len())).unwrap_or(SPACES);
            self.buf.extend_from_slice(piece);
            indent -= piece.len();
        }
    }

    /// Starts the next entry of the innermost object or array.
    fn entry(&mut self) {
        if let Some(has) = self.open.last_mut() {
            if std::mem::replace(has, true) {
                self.buf.push(b',');
            }
        }
        self.newline();
    }

    pub fn obj(&mut self) {
        self.open_with(b'{');
    }

    pub fn end_obj(&mut self) {
        self.close_with(b'}');
    }

    /// One member of the current object.
    pub fn key<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) {
        self.name(name);
        value.to_json(self);
    }

    /// A member's name: the report's own field names, which need no escaping.
    fn name(&mut self, name: &str) {
        self.entry();
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.raw(b"\": ");
    }

    /// Sentences in `lang`'s words, as a string.
    fn sentences(&mut self, sentences: &[Sentence], lang: Lang) {
        let mut words = std::mem::take(&mut self.scratch);
        words.clear();
        for s in sentences {
            crate::rules::say::append(&mut words, s, lang);
        }
        self.string(&words);
        self.scratch = words;
    }

    /// Sentences in both languages: `{ "en": ..., "ja": ... }`.
    fn sentences_in_both(&mut self, name: &str, sentences: &[Sentence]) {
        self.name(name);
        self.obj();
        for lang in Lang::ALL {
            self.name(lang.code());
            self.sentences(sentences, lang);
        }
        self.end_obj();
    }

    pub fn string(&mut self, s: &str) {
        // The bytes JSON strings must escape: control characters, the quote, the backslash.
        // Evaluated by the compiler: an out-of-range index here fails the build, not a run.
        #[allow(clippy::indexing_slicing)]
        const ESCAPED: [bool; 256] = {
            let mut t = [false; 256];
            let mut b = 0;
            while b < 0x20 {
                t[b] = true;
                b += 1;
            }
            t[b'"' as usize] = true;
            t[b'\\' as usize] = true;
            t
        };
        self.buf.push(b'"');
        let mut rest = s.as_bytes();
        let escaped = |b: &u8| ESCAPED.get(usize::from(*b)).copied().unwrap_or(false);
        while let Some(at) = rest.iter().position(escaped) {
            let (plain, tail) = rest.split_at(at);
            self.buf.extend_from_slice(plain);
            let Some((&b, tail)) = tail.split_first() else {
                break;
            };
            match b {
                b'"' => self.raw(b"\\\""),
                b'\\' => self.raw(b"\\\\"),
                b'\n' => self.raw(b"\\n"),
                b'\r' => self.raw(b"\\r"),
                b'\t' => self.raw(b"\\t"),
                0x08 => self.raw(b"\\b"),
                0x0c => self.raw(b"\\f"),
                _ => {
                    let hex = |n: u8| if n < 10 { b'0' + n } else { b'a' + n - 10 };
                    self.raw(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 15)]);
                }
            }
            rest = tail;
        }
        self.buf.extend_from_slice(rest);
        self.buf.push(b'"');
    }

    fn number(&mut self, n: u64) {
        // Digits from the right, then the ones written.
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut n = n;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (n % 10) as u8;
            start -= 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf
            .extend_from_slice(digits.get(start..).unwrap_or_default());
    }

    /// An externally tagged enum variant with fields: `{ "tag": { ... } }`; the caller writes
    /// the fields and calls `end_variant`.
    fn variant(&mut self, tag: &str) {
        self.obj();
        self.name(tag);
        self.obj();
    }

    fn end_variant(&mut self) {
        self.end_obj();
        self.end_obj();
    }
}

/// A value that writes itself as JSON.
pub trait ToJson {
    fn to_json(&self, j: &mut Json<'_>);
}

impl ToJson for str {
    fn to_json(&self, j: &mut Json<'_>) {
        j.string(self);
    }
}

impl ToJson for String {
    fn to_json(&self, j: &mut Json<'_>) {
        j.string(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, j: &mut Json<'_>) {
        j.raw(if *self { b"true" } else { b"false" });
    }
}

impl ToJson for usize {
    fn to_json(&self, j: &mut Json<'_>) {
        j.number(*self as u64);
    }
}

impl ToJson for u16 {
    fn to_json(&self, j: &mut Json<'_>) {
        j.number(u64::from(*self));
    }
}

impl ToJson for u64 {
    fn to_json(&self, j: &mut Json<'_>) {
        j.number(*self);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, j: &mut Json<'_>) {
        match self {
            Some(v) => v.to_json(j),
            None => j.raw(b"null"),
        }
    }
}

impl<T: ToJson> ToJson for Box<T> {
    fn to_json(&self, j: &mut Json<'_>) {
        (**self).to_json(j);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, j: &mut Json<'_>) {
        j.open_with(b'[');
        for v in self {
            j.entry();
            v.to_json(j);
        }
        j.close_with(b']');
    }
}

/// Enums written as their word (serde's unit variants, renamed).
macro_rules! words {
    ($($t:ty => $f:expr),* $(,)?) => {$(
        impl ToJson for $t {
            fn to_json(&self, j: &mut Json<'_>) {
                #[allow(clippy::redundant_closure_call)]
                j.string(($f)(*self));
            }
        }
    )*};
}

words! {
    Status => Status::word,
    Severity => Severity::word,
    InputKind => InputKind::word,
    InputShape => shape_word,
    Confidence => |c| match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    },
    SegmentKind => SegmentKind::word,
    Wrapper => Wrapper::word,
    Tool => Tool::word,
    Section => Section::word,
    Scenario => scenario_word,
    AgentState => AgentState::word,
    OsFamily => |o| match o {
        OsFamily::Linux => "linux",
        OsFamily::Windows => "windows",
    },
    RegionKind => |k| match k {
        RegionKind::Environment => "environment",
        RegionKind::Proxy => "proxy",
        RegionKind::Heading => "heading",
        RegionKind::End => "end",
    },
    Lang => Lang::code,
    crate::code::Code => crate::code::Code::as_str,
}

fn shape_word(s: InputShape) -> &'static str {
    match s {
        InputShape::FullLog => "full-log",
        InputShape::Fragment => "fragment",
        InputShape::SingleOutput => "single-output",
        InputShape::SiteRecoveryLog => "site-recovery-log",
        InputShape::WindowsTranscript => "windows-transcript",
        InputShape::AgentStatus => "agent-status",
        InputShape::Commands => "commands",
        InputShape::Unrecognised => "unrecognised",
    }
}

fn scenario_word(s: Scenario) -> &'static str {
    match s {
        Scenario::VmBackup => "vm-backup",
        Scenario::FileRecovery => "file-recovery",
        Scenario::WorkloadBackup => "workload-backup",
        Scenario::Mars => "mars",
        Scenario::DiskBackup => "disk-backup",
    }
}

/// Structs written field by field, in declaration order (serde's order).
macro_rules! fields {
    ($($t:ty { $($f:ident),* $(,)? })*) => {$(
        impl ToJson for $t {
            fn to_json(&self, j: &mut Json<'_>) {
                j.obj();
                $(j.key(stringify!($f), &self.$f);)*
                j.end_obj();
            }
        }
    )*};
}

fields! {
    InputInfo { name, bytes, encoding, kind, shape, confidence, detection, overridden, lines,
                line_endings, why, wrappers, segments }
    Peeled { wrapper, lines }
    SegmentInfo { kind, lines, why, check }
    Excerpt { line, text, count }
    Endpoint { target, section, region, dns, tcp, https, status }
    Region { code, name, name_ja }
    Machine { host, host_line, run_date, run_date_iso, os, kernel, hostnamectl_unavailable,
              interfaces, script_seconds, complete }
    Interface { name, addresses }
    ProxyInfo { http_proxy, https_proxy, section_present, seen_in_curl, from_curl }
    Counts { ok, warning, failure, inconclusive }
    ImageRef { publisher, offer, sku }
    BackupExtension { name, version, state, message, line }
    Reach { reachable, port, line, text }
    ServiceState { unit, running, line }
    AgentReport { state, state_line, state_source, status_message, version, package_version,
                  minimum_version, version_supported, os_family, os, computer_name, appliance,
                  image, plan, extension, handlers, wireserver, imds, service, forms,
                  annotations }
    TextRegion { kind, lines }
    ScenarioVerdict { scenario, status, reason, reports }
    Combined { overall, summary, recommendation, hosts, same_vm, scenarios }
    TextBuf { en, ja }
    FindingWords { title, message, next_step }
}

impl ToJson for Report {
    /// The report's own fields, except that `lang` is the language asked for.
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        j.key("schema", &self.schema);
        let lang = j.lang;
        j.key("lang", &lang);
        j.key("input", &self.input);
        j.key("overall", &self.overall);
        j.key("summary", &self.summary);
        j.key("counts", &self.counts);
        j.key("machine", &self.machine);
        j.key("proxy", &self.proxy);
        j.key("checks", &self.checks);
        j.key("endpoints", &self.endpoints);
        j.key("findings", &self.findings);
        j.key("regions", &self.regions);
        j.key("agent", &self.agent);
        j.end_obj();
    }
}

impl ToJson for Check {
    /// The check's fields, `summary` in both languages (one check of a large log is a line of
    /// its JSON: the typed sentences stay out of it).
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        j.key("tool", &self.tool);
        j.key("target", &self.target);
        j.key("port", &self.port);
        j.key("status", &self.status);
        j.key("code", &self.code);
        j.key("lines", &self.lines);
        j.key("section", &self.section);
        j.key("marker", &self.marker);
        j.key("flavor", &self.flavor);
        j.sentences_in_both("summary", &self.summary);
        j.key("evidence", &self.evidence);
        j.key("endpoint", &self.endpoint);
        j.end_obj();
    }
}

impl ToJson for Finding {
    /// `title`, `message` and `next_step` in the language asked for, both languages under
    /// `text`, and what the finding says, typed, under `said`.
    fn to_json(&self, j: &mut Json<'_>) {
        let spec = self.code.spec();
        let (en, ja) = (super::words(self, Lang::En), super::words(self, Lang::Ja));
        let words = if j.lang == Lang::Ja { &ja } else { &en };
        j.obj();
        j.key("code", &self.code);
        j.key("severity", &self.severity);
        j.key("title", &words.title);
        j.key("message", &words.message);
        j.key("next_step", &words.next_step);
        j.key("checks", &self.checks);
        j.key("lines", &self.lines);
        j.key("evidence", &self.evidence);
        j.key("affects", &self.affects);
        j.key("unaffected", &self.unaffected);
        j.key("doc_url", spec.doc_url);
        j.key("rule", spec.rule);
        j.name("text");
        j.obj();
        j.key("en", &en);
        j.key("ja", &ja);
        j.end_obj();
        j.name("said");
        j.obj();
        j.key("title", &self.title);
        j.key("detail", &self.detail);
        j.key("next_step", &self.next_step);
        j.end_obj();
        j.end_obj();
    }
}

impl ToJson for Annotation {
    /// The note in both languages, as the line's words (a long agent log has thousands).
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        j.key("line", &self.line);
        j.key("status", &self.status);
        j.sentences_in_both("note", std::slice::from_ref(&self.note));
        j.end_obj();
    }
}

impl ToJson for Sentence {
    /// `{ "form": "dns.RESOLVED_TO", "args": [...] }`.
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        j.key("form", crate::rules::say::name(self.form).as_str());
        j.key("args", &self.args);
        j.end_obj();
    }
}

impl ToJson for Arg {
    /// `{ "hosts": [...] }`, `{ "count": 3 }`: the kind of value, then the value.
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        match self {
            Arg::Hosts(v) => j.key("hosts", v),
            Arg::Addresses(v) => j.key("addresses", v),
            Arg::Ports(v) => j.key("ports", v),
            Arg::Count(n) => j.key("count", n),
            Arg::Seconds(n) => j.key("seconds", n),
            Arg::Proxy(v) => j.key("proxy", v),
            Arg::Word(v) => j.key("word", v),
            Arg::Quote(v) => j.key("quote", v),
            Arg::Title(c) => j.key("title", c),
            Arg::Reason(w) => j.key("reason", w),
        }
        j.end_obj();
    }
}

impl ToJson for Lines {
    /// A two-number array, as serde writes a tuple struct.
    fn to_json(&self, j: &mut Json<'_>) {
        j.open_with(b'[');
        j.entry();
        j.number(self.0 as u64);
        j.entry();
        j.number(self.1 as u64);
        j.close_with(b']');
    }
}

impl ToJson for Cell {
    /// An object tagged by `state`.
    fn to_json(&self, j: &mut Json<'_>) {
        j.obj();
        match self {
            Cell::Checked {
                status,
                checks,
                port,
            } => {
                j.key("state", "checked");
                j.key("status", status);
                j.key("checks", checks);
                j.key("port", port);
            }
            Cell::NotRun { port } => {
                j.key("state", "not-run");
                j.key("port", port);
            }
            Cell::NotTested => j.key("state", "not-tested"),
            Cell::NotInInput => j.key("state", "not-in-input"),
        }
        j.end_obj();
    }
}

impl ToJson for Why {
    /// Externally tagged, as serde writes an enum: a bare word, or `{ "word": { fields } }`.
    fn to_json(&self, j: &mut Json<'_>) {
        let unit = |j: &mut Json<'_>, w: &str| j.string(w);
        match self {
            Why::Empty => unit(j, "empty"),
            Why::WindowsTranscript => unit(j, "windows-transcript"),
            Why::WindowsSettings => unit(j, "windows-settings"),
            Why::NotEvidence => unit(j, "not-evidence"),
            Why::Unrecognised => unit(j, "unrecognised"),
            Why::Binary { format } => {
                j.variant("binary");
                j.key("format", format);
                j.end_variant();
            }
            Why::ScriptLayout { blocks } => blocks_variant(j, "script-layout", *blocks),
            Why::SiteRecoveryLayout { blocks } => {
                blocks_variant(j, "site-recovery-layout", *blocks)
            }
            Why::MarkerBlocks { blocks } => blocks_variant(j, "marker-blocks", *blocks),
            Why::Command { program, typed } => {
                j.variant("command");
                j.key("program", program);
                j.key("typed", typed);
                j.end_variant();
            }
            Why::NslookupQuery { name, server } => {
                j.variant("nslookup-query");
                j.key("name", name);
                j.key("server", server);
                j.end_variant();
            }
            Why::ToolOutput { tool } => {
                j.variant("tool-output");
                j.key("tool", tool);
                j.end_variant();
            }
            Why::AgentOutput { form } => form_variant(j, "agent-output", form),
            Why::AgentEndpoints { form } => form_variant(j, "agent-endpoints", form),
            Why::Chosen { kind, detected } => {
                j.variant("chosen");
                j.key("kind", kind);
                j.key("detected", detected);
                j.end_variant();
            }
        }
    }
}

fn blocks_variant(j: &mut Json<'_>, tag: &str, blocks: usize) {
    j.variant(tag);
    j.key("blocks", &blocks);
    j.end_variant();
}

fn form_variant(j: &mut Json<'_>, tag: &str, form: &str) {
    j.variant(tag);
    j.key("form", form);
    j.end_variant();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: ToJson>(v: &T) -> String {
        let mut out = Vec::new();
        let mut j = Json::new(Lang::En, &mut out);
        v.to_json(&mut j);
        j.flush();
        drop(j);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let s = "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}k日本".to_owned();
        assert_eq!(json(&s), serde_json::to_string(&s).unwrap());
    }

    #[test]
    fn empty_and_nested_lists_are_laid_out_as_serde_json_lays_them_out() {
        let v: Vec<Vec<usize>> = vec![vec![], vec![1, 22], vec![]];
        assert_eq!(json(&v), serde_json::to_string_pretty(&v).unwrap());
        let e: Vec<usize> = Vec::new();
        assert_eq!(json(&e), "[]");
    }

    #[test]
    fn every_reason_is_written_as_serde_writes_it() {
        let all = [
            Why::Binary {
                format: "png".into(),
            },
            Why::Empty,
            Why::ScriptLayout { blocks: 3 },
            Why::SiteRecoveryLayout { blocks: 4 },
            Why::MarkerBlocks { blocks: 1 },
            Why::WindowsTranscript,
            Why::Command {
                program: "curl".into(),
                typed: true,
            },
            Why::NslookupQuery {
                name: "a.example".into(),
                server: None,
            },
            Why::ToolOutput {
                tool: Tool::InvokeWebRequest,
            },
            Why::AgentOutput {
                form: "waagent".into(),
            },
            Why::AgentEndpoints {
                form: "wireserver".into(),
            },
            Why::NotEvidence,
            Why::Unrecognised,
            Why::Chosen {
                kind: InputKind::AgentStatus,
                detected: Box::new(Why::Empty),
            },
        ];
        for w in all {
            assert_eq!(json(&w), serde_json::to_string_pretty(&w).unwrap(), "{w:?}");
        }
    }

    #[test]
    fn every_cell_is_written_as_serde_writes_it() {
        let all = [
            Cell::Checked {
                status: Status::Ok,
                checks: vec![0, 2],
                port: Some(443),
            },
            Cell::Checked {
                status: Status::Failure,
                checks: vec![],
                port: None,
            },
            Cell::NotRun { port: Some(3260) },
            Cell::NotTested,
            Cell::NotInInput,
        ];
        for c in all {
            assert_eq!(json(&c), serde_json::to_string_pretty(&c).unwrap(), "{c:?}");
        }
    }

    #[test]
    fn every_word_is_serdes_word() {
        for s in [
            InputShape::FullLog,
            InputShape::Fragment,
            InputShape::SingleOutput,
            InputShape::SiteRecoveryLog,
            InputShape::WindowsTranscript,
            InputShape::AgentStatus,
            InputShape::Commands,
            InputShape::Unrecognised,
        ] {
            assert_eq!(json(&s), serde_json::to_string(&s).unwrap());
        }
        for s in [
            Scenario::VmBackup,
            Scenario::FileRecovery,
            Scenario::WorkloadBackup,
            Scenario::Mars,
            Scenario::DiskBackup,
        ] {
            assert_eq!(json(&s), serde_json::to_string(&s).unwrap());
        }
        for c in crate::code::Code::ALL {
            assert_eq!(json(c), serde_json::to_string(c).unwrap());
        }
        for k in [
            RegionKind::Environment,
            RegionKind::Proxy,
            RegionKind::Heading,
            RegionKind::End,
        ] {
            assert_eq!(json(&k), serde_json::to_string(&k).unwrap());
        }
    }
}
