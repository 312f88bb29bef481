//! The binary form in which the worker hands the report to the page.
//!
//! Written by hand rather than derived with serde for a binary format: serde's generated code for
//! every report type, and `postcard` behind it, cost the page about 8 KB gzip (optimised module
//! 283 505 → 275 234 bytes); this is a few small functions per type.
//!
//! Integers are LEB128 varints, strings and lists carry their length first, and enums and
//! `Option` a tag byte. Both ends run the same module, so the form needs no version and no
//! field names.
//!
//! Reading never panics: bad or truncated input gives `None` (see [`Reader`]). Every field is
//! carried, so a JSON download written from a report read here (the redacted one) is the CLI's.

use preflight_core::code::{Code, Family, Form};
use preflight_core::i18n::{Lang, TextBuf};
use preflight_core::redact::Pseudonyms;
use preflight_core::report::Why;
use preflight_core::report::{
    AgentReport, AgentState, Annotation, Arg, BackupExtension, Cell, Check, Confidence, Counts,
    Endpoint, Excerpt, Finding, ImageRef, InputInfo, InputKind, InputShape, Interface, Lines,
    Machine, OsFamily, Peeled, ProxyInfo, Reach, Region, RegionKind, Report, Scenario, Section,
    SegmentInfo, SegmentKind, Sentence, ServiceState, Severity, Status, TextRegion, Tool, Wrapper,
};

/// A value the worker writes and the page reads back.
pub trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    /// Reads one value from the front of the reader. On bad input it marks the reader bad and
    /// returns some value of the type, which the caller then throws away.
    fn take(r: &mut Reader<'_>) -> Self;
}

/// Encoded bytes being read, and whether anything read so far was not what the worker writes.
///
/// Reading goes on after a fault, and the fault is checked once at the end: with no early return
/// there is no code to drop the half-read fields of every struct at every field, which was most
/// of the reading code (returning `Option` at each field cost the page 2.8 KB gzip more).
pub struct Reader<'a> {
    pub rest: &'a [u8],
    pub bad: bool,
    /// "Redact for sharing": every string read goes through these pseudonyms, so the redacted
    /// report is read from the worker's bytes rather than copied and rewritten.
    pub names: Option<&'a Pseudonyms>,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader::with_names(bytes, None)
    }

    pub fn with_names(bytes: &'a [u8], names: Option<&'a Pseudonyms>) -> Self {
        Reader {
            rest: bytes,
            bad: false,
            names,
        }
    }

    /// Marks the input bad, returning `v` as the value read.
    fn fail<T>(&mut self, v: T) -> T {
        self.bad = true;
        v
    }

    fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&b, rest)) => {
                self.rest = rest;
                b
            }
            None => self.fail(0),
        }
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        match (self.rest.get(..n), self.rest.get(n..)) {
            (Some(taken), Some(rest)) => {
                self.rest = rest;
                taken
            }
            _ => self.fail(&[]),
        }
    }

    fn u64(&mut self) -> u64 {
        let mut v = 0;
        let mut shift = 0;
        // Ten bytes hold 64 bits; a longer run of continuation bits is not a number.
        while shift < 64 {
            let b = self.byte();
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
        self.fail(0)
    }

    fn usize(&mut self) -> usize {
        let v = self.u64();
        usize::try_from(v).unwrap_or_else(|_| self.fail(0))
    }

    /// A tag byte that must be below `n`.
    fn tag(&mut self, n: usize) -> usize {
        let t = usize::from(self.byte());
        if t < n {
            t
        } else {
            self.fail(0)
        }
    }
}

/// `value` encoded.
pub fn to_vec(value: &impl Wire) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Reads a value that fills all of `bytes` (anything left over means the bytes are not one).
pub fn from_bytes<T: Wire>(bytes: &[u8], names: Option<&Pseudonyms>) -> Option<T> {
    let mut r = Reader::with_names(bytes, names);
    let value = T::take(&mut r);
    (!r.bad && r.rest.is_empty()).then_some(value)
}

fn put_u64(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Wire for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self)
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.u64()
    }
}

impl Wire for usize {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self as u64)
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.usize()
    }
}

impl Wire for u16 {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, u64::from(*self))
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let v = r.u64();
        u16::try_from(v).unwrap_or_else(|_| r.fail(0))
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self))
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.tag(2) == 1
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let n = r.usize();
        match (std::str::from_utf8(r.bytes(n)), r.names) {
            (Ok(s), Some(names)) => names.apply(s).into_owned(),
            (Ok(s), None) => s.to_owned(),
            (Err(_), _) => r.fail(String::new()),
        }
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(self.is_some()));
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        bool::take(r).then(|| T::take(r))
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, self.len() as u64);
        for v in self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        // No capacity from the length: a garbled length must not allocate. Every item takes at
        // least one byte, so a false length runs out of input after as many items as there are.
        let n = r.usize();
        let mut items = Vec::new();
        for _ in 0..n {
            if r.bad {
                break;
            }
            items.push(T::take(r));
        }
        items
    }
}

/// Enums without fields: one byte, the variant's position. The variants are listed in declaration
/// order (checked at compile time), so writing is the plain `as u8` cast.
macro_rules! tags {
    ($($t:ident [$first:ident $(, $v:ident)*];)+) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.push(*self as u8)
            }
            fn take(r: &mut Reader<'_>) -> Self {
                const ALL: &[$t] = &[$t::$first $(, $t::$v)*];
                match ALL.get(r.tag(ALL.len())) {
                    Some(&v) => v,
                    None => $t::$first,
                }
            }
        }

        const _: () = {
            let all = [$t::$first $(, $t::$v)*];
            let mut i = 0;
            while i < all.len() {
                assert!(all[i] as usize == i);
                i += 1;
            }
        };
    )+};
}
tags! {
    Status [Ok, Warning, Failure, Inconclusive];
    Severity [Info, Ok, Warning, Failure];
    InputKind [LinuxConnectivityLog, WindowsConnectivityLog, AgentStatus, Unknown];
    InputShape [
        FullLog, Fragment, SingleOutput, SiteRecoveryLog, WindowsTranscript, AgentStatus,
        Commands, Unrecognised
    ];
    Confidence [High, Medium, Low];
    Tool [
        Nslookup, Nc, Curl, Tnc, InvokeWebRequest, ResolveDnsName, Dig, Host, Getent, Telnet, Apt, Yum,
        Dnf, AgentLog, Libcurl, Unknown
    ];
    Section [FileRecovery, AzureBackup, Storage, EntraId, Other];
    Scenario [VmBackup, FileRecovery, WorkloadBackup, Mars, DiskBackup];
    RegionKind [Environment, Proxy, Heading, End];
    AgentState [Ready, NotReady, Unknown];
    OsFamily [Linux, Windows];
    Lang [En, Ja];
    Family [Agent, Dns, Http, Input, Overall, Proxy, Tcp, Tls, Tool, Windows];
    SegmentKind [
        LinuxLog, WindowsTranscript, Command, Query, ToolOutput, AgentStatus, WindowsOutput, Other
    ];
    Wrapper [
        RunCommandJson, RunCommandObject, OutputFrame, CodeFence, Quote, ContainerExec, Prompt
    ];
}

// `Code::ALL` lists the codes in declaration order, so a code's position is its discriminant.
const _: () = {
    let mut i = 0;
    while i < Code::ALL.len() {
        assert!(Code::ALL[i] as usize == i);
        i += 1;
    }
};

impl Wire for Code {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self as u64)
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match Code::ALL.get(r.usize()) {
            Some(&c) => c,
            None => r.fail(Code::ALL_CHECKS_PASSED),
        }
    }
}

/// Structs: their fields in the order listed, then the fields after `default`, which are not
/// carried and read back as their defaults.
macro_rules! fields {
    ($($t:ident { $($f:ident),+ } $(default { $($d:ident),+ })?;)+) => {$(
        impl Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)+
            }
            fn take(r: &mut Reader<'_>) -> Self {
                // Struct fields are evaluated in the order written, which is the order put.
                $t {
                    $($f: Wire::take(r),)+
                    $($($d: Default::default(),)+)?
                }
            }
        }
    )+};
}

fields! {
    TextBuf { en, ja };
    Excerpt { line, text, count };
    InputInfo {
        name, bytes, encoding, kind, shape, confidence, detection, overridden, lines, line_endings,
        why, wrappers, segments
    };
    Peeled { wrapper, lines };
    SegmentInfo { kind, lines, why, check };
    Check {
        tool, target, port, status, code, lines, section, marker, flavor, summary, evidence,
        endpoint
    };
    Finding {
        code, severity, title, detail, next_step, checks, lines, evidence, affects, unaffected
    };
    Form { family, n };
    Sentence { form, args };
    Endpoint { target, section, region, dns, tcp, https, status };
    Region { code, name, name_ja };
    Machine {
        host, host_line, run_date, run_date_iso, os, kernel, hostnamectl_unavailable, interfaces,
        script_seconds, complete
    };
    Interface { name, addresses };
    ProxyInfo { http_proxy, https_proxy, section_present, seen_in_curl, from_curl };
    Counts { ok, warning, failure, inconclusive };
    Report {
        schema, lang, input, overall, summary, counts, machine, proxy, checks, endpoints, findings,
        regions, agent
    };
    TextRegion { kind, lines };
    ImageRef { publisher, offer, sku };
    BackupExtension { name, version, state, message, line };
    Reach { reachable, port, line, text };
    ServiceState { unit, running, line };
    Annotation { line, status, note };
    AgentReport {
        state, state_line, state_source, status_message, version, package_version,
        minimum_version, version_supported, os_family, os, computer_name, appliance, image, plan,
        extension, handlers, wireserver, imds, service, forms, annotations
    };
}

impl Wire for Lines {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        Lines(r.usize(), r.usize())
    }
}

impl Wire for Cell {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Cell::Checked {
                status,
                checks,
                port,
            } => {
                out.push(0);
                status.put(out);
                checks.put(out);
                port.put(out);
            }
            Cell::NotRun { port } => {
                out.push(1);
                port.put(out);
            }
            Cell::NotTested => out.push(2),
            Cell::NotInInput => out.push(3),
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.tag(4) {
            0 => Cell::Checked {
                status: Wire::take(r),
                checks: Wire::take(r),
                port: Wire::take(r),
            },
            1 => Cell::NotRun {
                port: Wire::take(r),
            },
            2 => Cell::NotTested,
            _ => Cell::NotInInput,
        }
    }
}

impl Wire for Arg {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Arg::Hosts(v) => {
                out.push(0);
                v.put(out);
            }
            Arg::Addresses(v) => {
                out.push(1);
                v.put(out);
            }
            Arg::Ports(v) => {
                out.push(2);
                v.put(out);
            }
            Arg::Count(n) => {
                out.push(3);
                n.put(out);
            }
            Arg::Seconds(n) => {
                out.push(4);
                n.put(out);
            }
            Arg::Proxy(s) => {
                out.push(5);
                s.put(out);
            }
            Arg::Word(s) => {
                out.push(6);
                s.put(out);
            }
            Arg::Quote(s) => {
                out.push(7);
                s.put(out);
            }
            Arg::Title(c) => {
                out.push(8);
                c.put(out);
            }
            Arg::Reason(w) => {
                out.push(9);
                w.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.tag(10) {
            0 => Arg::Hosts(Wire::take(r)),
            1 => Arg::Addresses(Wire::take(r)),
            2 => Arg::Ports(Wire::take(r)),
            3 => Arg::Count(Wire::take(r)),
            4 => Arg::Seconds(Wire::take(r)),
            5 => Arg::Proxy(Wire::take(r)),
            6 => Arg::Word(Wire::take(r)),
            7 => Arg::Quote(Wire::take(r)),
            8 => Arg::Title(Wire::take(r)),
            _ => Arg::Reason(Wire::take(r)),
        }
    }
}

impl Wire for Why {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Why::Binary { format } => {
                out.push(0);
                format.put(out);
            }
            Why::Empty => out.push(1),
            Why::ScriptLayout { blocks } => {
                out.push(2);
                blocks.put(out);
            }
            Why::SiteRecoveryLayout { blocks } => {
                out.push(3);
                blocks.put(out);
            }
            Why::MarkerBlocks { blocks } => {
                out.push(4);
                blocks.put(out);
            }
            Why::WindowsTranscript => out.push(5),
            Why::Command { program, typed } => {
                out.push(6);
                program.put(out);
                typed.put(out);
            }
            Why::NslookupQuery { name, server } => {
                out.push(7);
                name.put(out);
                server.put(out);
            }
            Why::ToolOutput { tool } => {
                out.push(8);
                tool.put(out);
            }
            Why::AgentOutput { form } => {
                out.push(9);
                form.put(out);
            }
            Why::AgentEndpoints { form } => {
                out.push(10);
                form.put(out);
            }
            Why::NotEvidence => out.push(11),
            Why::Unrecognised => out.push(12),
            Why::WindowsSettings => out.push(13),
            Why::Chosen { kind, detected } => {
                out.push(14);
                kind.put(out);
                detected.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        take_why(r, true)
    }
}

/// A reason; `chosen` is false inside a chosen kind's reason, which is never itself chosen (so
/// bad input cannot nest it without end).
fn take_why(r: &mut Reader<'_>, chosen: bool) -> Why {
    match r.tag(if chosen { 15 } else { 14 }) {
        0 => Why::Binary {
            format: Wire::take(r),
        },
        1 => Why::Empty,
        2 => Why::ScriptLayout {
            blocks: Wire::take(r),
        },
        3 => Why::SiteRecoveryLayout {
            blocks: Wire::take(r),
        },
        4 => Why::MarkerBlocks {
            blocks: Wire::take(r),
        },
        5 => Why::WindowsTranscript,
        6 => Why::Command {
            program: Wire::take(r),
            typed: Wire::take(r),
        },
        7 => Why::NslookupQuery {
            name: Wire::take(r),
            server: Wire::take(r),
        },
        8 => Why::ToolOutput {
            tool: Wire::take(r),
        },
        9 => Why::AgentOutput {
            form: Wire::take(r),
        },
        10 => Why::AgentEndpoints {
            form: Wire::take(r),
        },
        11 => Why::NotEvidence,
        12 => Why::Unrecognised,
        13 => Why::WindowsSettings,
        _ => Why::Chosen {
            kind: Wire::take(r),
            detected: Box::new(take_why(r, false)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{from_bytes, to_vec};
    use preflight_core::code::Code;
    use preflight_core::report::{Cell, Report};
    use preflight_core::{analyze, Options};
    use std::path::{Path, PathBuf};

    fn corpus(dir: &Path, into: &mut Vec<PathBuf>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => panic!("{}: {e}", dir.display()),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                corpus(&path, into);
            } else {
                into.push(path);
            }
        }
    }

    fn reports() -> Vec<(PathBuf, Report)> {
        let mut files = Vec::new();
        corpus(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"),
            &mut files,
        );
        assert!(files.len() > 50, "the corpus is where it should be");
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let bytes = match std::fs::read(&path) {
                    Ok(b) => b,
                    Err(e) => panic!("{}: {e}", path.display()),
                };
                let options = Options {
                    name: path.display().to_string(),
                    ..Options::default()
                };
                (path, analyze(&bytes, &options))
            })
            .collect()
    }

    #[test]
    fn every_corpus_report_reads_back_as_written() {
        for (path, report) in reports() {
            let back: Option<Report> = from_bytes(&to_vec(&report), None);
            assert_eq!(back, Some(report), "{}", path.display());
        }
    }

    #[test]
    fn truncated_or_garbled_reports_read_as_none_without_panicking() {
        for (path, report) in reports().into_iter().take(12) {
            let bytes = to_vec(&report);
            for end in 0..bytes.len() {
                assert!(
                    from_bytes::<Report>(&bytes[..end], None).is_none(),
                    "{}: {end} bytes",
                    path.display()
                );
            }
            // Every byte flipped in turn: the result may be another report, but never a panic.
            let mut garbled = bytes.clone();
            for i in 0..garbled.len() {
                garbled[i] ^= 0xff;
                let _ = from_bytes::<Report>(&garbled, None);
                garbled[i] ^= 0xff;
            }
            let mut longer = bytes;
            longer.push(0);
            assert!(
                from_bytes::<Report>(&longer, None).is_none(),
                "trailing byte"
            );
        }
    }

    #[test]
    fn every_code_and_cell_reads_back() {
        for &code in Code::ALL {
            assert_eq!(from_bytes(&to_vec(&code), None), Some(code));
        }
        let cells = [
            Cell::Checked {
                status: preflight_core::report::Status::Warning,
                checks: vec![3, 400],
                port: Some(443),
            },
            Cell::NotRun { port: None },
            Cell::NotTested,
            Cell::NotInInput,
        ];
        for cell in cells {
            assert_eq!(from_bytes(&to_vec(&cell), None), Some(cell));
        }
    }

    #[test]
    fn numbers_are_leb128_and_overlong_ones_are_refused() {
        assert_eq!(to_vec(&300usize), vec![0xac, 0x02]);
        assert_eq!(from_bytes(&to_vec(&u64::MAX), None), Some(u64::MAX));
        assert_eq!(from_bytes::<u64>(&[0xff; 11], None), None);
        assert_eq!(from_bytes::<u16>(&to_vec(&70_000u64), None), None);
        assert_eq!(
            from_bytes::<String>(&[5, b'a'], None),
            None,
            "length beyond the input"
        );
        assert_eq!(
            from_bytes::<String>(&[2, 0xc3, 0x28], None),
            None,
            "not UTF-8"
        );
    }
}
