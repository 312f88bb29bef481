//! Rules: evidence in, verdicts and findings out.
//!
//! Order matters and follows the field guide: judge each block on its own (D.1), apply context
//! (cut-short logs D.15, proxies D.8, hosts files D.11), then group checks by cause (D.16) and
//! add what is true of the log as a whole; the overall verdict comes last (D.20).

pub mod agent;
pub mod check;
pub mod combine;
pub mod dns;
pub mod findings;
pub mod http;
pub mod input;
pub mod overall;
pub mod proxy;
pub mod region;
pub mod registry;
pub mod say;
pub mod tcp;
pub mod tls;
pub mod tool;
pub mod windows;

use crate::code::Code;
use crate::decode::Text;
use crate::i18n::TextBuf;
use crate::parse::linux_log::Block;
use crate::parse::{clip, visible};
use crate::report::{
    Cell, Check, Counts, Endpoint, Excerpt, Lines, ProxyInfo, Region, Section, Status, Tool,
};
use check::Facts;

/// What the context rules and the findings need of a check beyond the report's `Check`,
/// index for index with the checks. Each block becomes a `Check` as soon as it is judged, so a
/// log of 100 000 blocks never holds a second copy of them.
///
/// Only the few facts later rules read are kept (not the whole [`Facts`]): this is one entry per
/// check of the log.
pub struct Verdict {
    /// The verdict before context changed it (e.g. nc's connection before a proxy made its
    /// result unproven).
    pub original: (Status, Code),
    /// nc connected or the server answered over HTTPS.
    pub reached: bool,
    /// The name did not resolve.
    pub dns_failed: bool,
    /// curl's output shows a proxy.
    pub proxy_seen: bool,
    /// Connected, but only after other addresses of the name failed.
    pub reached_after_dead_address: bool,
    /// nslookup returned a private address.
    pub private_address: bool,
    /// The command that was not found.
    pub missing_tool: Option<String>,
}

impl Verdict {
    fn new(facts: Facts, original: (Status, Code)) -> Verdict {
        Verdict {
            original,
            reached: facts.reached,
            dns_failed: facts.dns_failed,
            proxy_seen: facts.proxy_seen,
            reached_after_dead_address: facts.reached && !facts.dead_addresses.is_empty(),
            private_address: facts
                .addresses
                .iter()
                .any(|a| crate::parse::is_private_ip(a)),
            missing_tool: facts.missing_tool,
        }
    }
}

/// The judged checks of a log, before they are grouped into endpoints and findings.
pub struct JudgedLog {
    pub checks: Vec<Check>,
    pub verdicts: Vec<Verdict>,
    pub proxy: ProxyInfo,
    /// Marker lines that had to be read leniently.
    pub normalised_markers: Vec<Lines>,
}

/// The checks the Linux script ver1.4 runs, in order (field guide §B.3).
pub const SCRIPT_CHECKS: [(Tool, &str, Option<u16>); 30] = [
    (Tool::Nslookup, "download.microsoft.com", None),
    (Tool::Nc, "download.microsoft.com", Some(443)),
    (
        Tool::Nslookup,
        "pod01-rec2.jpw.backup.windowsazure.com",
        None,
    ),
    (
        Tool::Nc,
        "pod01-rec2.jpw.backup.windowsazure.com",
        Some(3260),
    ),
    (
        Tool::Nslookup,
        "pod01-rec2.jpe.backup.windowsazure.com",
        None,
    ),
    (
        Tool::Nc,
        "pod01-rec2.jpe.backup.windowsazure.com",
        Some(3260),
    ),
    (
        Tool::Nslookup,
        "pod01-manag1.jpe.backup.windowsazure.com",
        None,
    ),
    (
        Tool::Nslookup,
        "pod01-prot1.jpe.backup.windowsazure.com",
        None,
    ),
    (
        Tool::Nc,
        "pod01-manag1.jpe.backup.windowsazure.com",
        Some(443),
    ),
    (
        Tool::Nc,
        "pod01-prot1.jpe.backup.windowsazure.com",
        Some(443),
    ),
    (
        Tool::Curl,
        "pod01-manag1.jpe.backup.windowsazure.com",
        Some(443),
    ),
    (
        Tool::Curl,
        "pod01-prot1.jpe.backup.windowsazure.com",
        Some(443),
    ),
    (Tool::Nslookup, "ceuswatcab01.blob.core.windows.net", None),
    (Tool::Nslookup, "weus2watcab01.blob.core.windows.net", None),
    (
        Tool::Nslookup,
        "md-dlbrhcw4gn5r.z33.blob.storage.azure.net",
        None,
    ),
    (Tool::Nc, "ceuswatcab01.blob.core.windows.net", Some(443)),
    (Tool::Nc, "weus2watcab01.blob.core.windows.net", Some(443)),
    (
        Tool::Nc,
        "md-dlbrhcw4gn5r.z33.blob.storage.azure.net",
        Some(443),
    ),
    (Tool::Curl, "ceuswatcab01.blob.core.windows.net", Some(443)),
    (Tool::Curl, "weus2watcab01.blob.core.windows.net", Some(443)),
    (
        Tool::Curl,
        "md-dlbrhcw4gn5r.z33.blob.storage.azure.net",
        Some(443),
    ),
    (Tool::Nslookup, "login.microsoft.com", None),
    (Tool::Nslookup, "login.windows.net", None),
    (Tool::Nslookup, "loginex.microsoftonline.com", None),
    (Tool::Nc, "login.microsoft.com", Some(443)),
    (Tool::Nc, "login.windows.net", Some(443)),
    (Tool::Nc, "loginex.microsoftonline.com", Some(443)),
    (Tool::Curl, "login.microsoft.com", Some(443)),
    (Tool::Curl, "login.windows.net", Some(443)),
    (Tool::Curl, "loginex.microsoftonline.com", Some(443)),
];

/// Blocks judged on their own, before the rules that look across blocks.
#[derive(Default)]
struct Judgements {
    checks: Vec<Check>,
    verdicts: Vec<Verdict>,
    normalised_markers: Vec<Lines>,
    proxy_from_curl: Option<String>,
}

impl Judgements {
    fn with_capacity(n: usize) -> Judgements {
        Judgements {
            checks: Vec::with_capacity(n),
            verdicts: Vec::with_capacity(n),
            ..Judgements::default()
        }
    }

    /// Appends `later`, the judgements of the blocks that follow these.
    #[cfg(not(target_arch = "wasm32"))]
    fn append(&mut self, later: Judgements) {
        self.checks.extend(later.checks);
        self.verdicts.extend(later.verdicts);
        self.normalised_markers.extend(later.normalised_markers);
        if self.proxy_from_curl.is_none() {
            self.proxy_from_curl = later.proxy_from_curl;
        }
    }
}

/// Below this many blocks a second thread costs more than it saves (a real log has 30).
#[cfg(not(target_arch = "wasm32"))]
const BLOCKS_PER_THREAD: usize = 4096;

/// Judges every block on its own. Each block's verdict depends on its own output only, so
/// natively a large log is cut into runs of consecutive blocks judged on separate threads and
/// put back in order: the result is the same as one thread's. The page (WebAssembly) has no
/// threads and judges in its worker.
fn judge_all(text: &Text<'_>, blocks: Vec<Block>, log_complete: bool) -> Judgements {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(blocks.len() / BLOCKS_PER_THREAD)
            .min(8);
        if threads > 1 {
            let mut runs: Vec<Vec<Block>> = Vec::with_capacity(threads);
            let mut rest = blocks;
            let per = rest.len().div_ceil(threads);
            while rest.len() > per {
                let tail = rest.split_off(per);
                runs.push(rest);
                rest = tail;
            }
            runs.push(rest);
            let total = runs.iter().map(Vec::len).sum();
            let parts: Vec<Judgements> = std::thread::scope(|scope| {
                let handles: Vec<_> = runs
                    .into_iter()
                    .map(|run| scope.spawn(move || judge_run(text, run, log_complete)))
                    .collect();
                // A panicking rule is a bug; it goes on as it would on one thread rather than
                // leaving a report with checks missing (which could read as all passed).
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            let mut all = Judgements::with_capacity(total);
            for part in parts {
                all.append(part);
            }
            return all;
        }
    }
    judge_run(text, blocks, log_complete)
}

/// Judges consecutive blocks (rules D.1, C.3, D.15).
fn judge_run(text: &Text<'_>, blocks: Vec<Block>, log_complete: bool) -> Judgements {
    let mut out = Judgements::with_capacity(blocks.len());
    // One buffer for every block's lines: a log of 100 000 blocks makes no 100 000 small vectors.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for b in blocks {
        lines.clear();
        if let Some(Lines(a, z)) = b.output {
            lines.extend((a..=z).map(|n| (n, text.line(n))));
        }
        let command = b.marker.map(|m| text.line(m));
        let mut judged = check::judge_typed(b.tool, &b.target, b.port, &lines, command);
        if b.fullwidth_in_command {
            tool::typed_with_fullwidth_space(&mut judged);
        }
        // A proxy given on curl's command line (`-x localhost:3128`) is the one it went through;
        // it names the proxy of the findings, but says nothing of the machine's own settings.
        let command_proxy = b
            .marker
            .filter(|_| b.tool == Tool::Curl)
            .and_then(|m| crate::parse::curl::command_proxy(text.line(m)));
        proxy::agent_endpoint(&b.target, command_proxy.as_deref(), &mut judged);
        let original = (judged.status, judged.code);
        // C.3: a name mismatch is expected when the target is an IP address.
        tls::name_mismatch_on_ip(&mut judged, &b.target);
        // D.15: the last block of a cut-short log is judged only on complete evidence.
        // A silence that means "no answer" only when a prompt follows (`dig +short`) is
        // undecided as a paste's last command.
        let cut = (!log_complete && judged.facts.undecided) || judged.facts.silent;
        if b.at_end_of_input && cut {
            tool::cut_short(&mut judged);
        }
        if b.marker_normalised {
            if let Some(m) = b.marker.filter(|&m| text.line(m).contains("TRY!!")) {
                out.normalised_markers.push(Lines::one(m));
            }
        }

        let mut evidence: Vec<Excerpt> = judged
            .lines
            .iter()
            .map(|&n| Excerpt {
                line: n,
                text: clip(&visible(text.line(n)), 300),
                count: 1,
            })
            .collect();
        evidence.dedup_by(|a, b| a.line == b.line);
        out.checks.push(Check {
            tool: b.tool,
            target: b.target,
            port: b.port,
            status: judged.status,
            code: judged.code,
            lines: b.lines,
            section: b.section,
            marker: b.marker,
            flavor: judged.flavor,
            summary: judged.summary,
            evidence,
            endpoint: 0,
        });
        if out.proxy_from_curl.is_none() {
            out.proxy_from_curl = judged
                .facts
                .proxy_host
                .take()
                .filter(|h| !h.is_empty())
                .or(command_proxy);
        }
        out.verdicts.push(Verdict::new(judged.facts, original));
    }
    out
}

/// Judges every block, then applies context rules across blocks.
pub fn judge_blocks(
    text: &Text<'_>,
    blocks: Vec<Block>,
    log_complete: bool,
    proxy_env: bool,
) -> JudgedLog {
    let Judgements {
        mut checks,
        verdicts,
        normalised_markers,
        proxy_from_curl,
    } = judge_all(text, blocks, log_complete);

    let mut proxy = ProxyInfo {
        section_present: false,
        ..ProxyInfo::default()
    };
    proxy.seen_in_curl = checks
        .iter()
        .zip(&verdicts)
        .any(|(c, v)| c.tool == Tool::Curl && v.proxy_seen);
    proxy.from_curl = proxy_from_curl;
    let proxied = proxy_env || proxy.seen_in_curl;

    // D.11, then D.8: the hosts-file trap reads nc's verdicts before a proxy makes them unproven.
    dns::hosts_file_trap(&mut checks, &verdicts, proxied);
    if proxied {
        proxy::nc_under_proxy(&mut checks);
    }
    JudgedLog {
        checks,
        verdicts,
        proxy,
        normalised_markers,
    }
}

/// The rules' one hash map type: each key and value type compiles its own copy of the hash table
/// code into the page, so every map and set here is this one (a set maps its keys to 0).
pub(crate) type Index = std::collections::HashMap<String, usize>;

/// Groups the checks into endpoints (setting each check's `endpoint`) and counts them.
pub fn build_endpoints(
    checks: &mut [Check],
    full_log: bool,
    log_complete: bool,
) -> (Vec<Endpoint>, Counts) {
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut counts = Counts::default();
    // A map keeps this linear when a hostile input holds 100 000 distinct targets.
    let mut index = Index::new();
    for (i, c) in checks.iter_mut().enumerate() {
        // The section as a leading character, then the target.
        let mut key = String::from(char::from(c.section as u8));
        key.push_str(&c.target.to_ascii_lowercase());
        let ep_index = match index.get(&key) {
            Some(&p) => p,
            None => {
                endpoints.push(new_endpoint(&c.target, c.section));
                index.insert(key, endpoints.len() - 1);
                endpoints.len() - 1
            }
        };
        c.endpoint = ep_index;
        // A check tested again later gives way to that later check (`overall::mark_retested`).
        if c.code == Code::CHECK_RETESTED {
            continue;
        }
        if let Some(ep) = endpoints.get_mut(ep_index) {
            add_to_cell(ep, c.tool, c.port, i, c.status);
        }
        counts.add(c.status);
    }
    // A full log that stops early: the script's remaining checks never ran.
    if full_log && !log_complete {
        for (tool, target, port) in SCRIPT_CHECKS {
            let present = checks
                .iter()
                .any(|c| c.tool == tool && c.target.eq_ignore_ascii_case(target) && c.port == port);
            if present {
                continue;
            }
            let section = crate::parse::linux_log::section_from_target(target, port);
            let idx = match endpoints
                .iter()
                .position(|e| e.target.eq_ignore_ascii_case(target) && e.section == section)
            {
                Some(p) => p,
                None => {
                    endpoints.push(new_endpoint(target, section));
                    endpoints.len() - 1
                }
            };
            if let Some(ep) = endpoints.get_mut(idx) {
                match tool.layer() {
                    crate::report::Layer::Dns => ep.dns = Cell::NotRun { port: None },
                    crate::report::Layer::Tcp => ep.tcp.push(Cell::NotRun { port }),
                    crate::report::Layer::Https => ep.https = Cell::NotRun { port },
                }
            }
        }
    }
    for ep in &mut endpoints {
        if ep.section == Section::FileRecovery && ep.https == Cell::NotInInput {
            // The script never tests HTTPS for file-recovery targets (field guide §B.3).
            ep.https = Cell::NotTested;
        }
        ep.status = endpoint_status(ep);
    }
    // Group endpoints in the script's order of sections, keeping first-seen order inside each.
    let mut order: Vec<usize> = (0..endpoints.len()).collect();
    crate::order::by_key(&mut order, |&i| {
        endpoints.get(i).map_or(Section::Other, |e| e.section) as u64
    });
    let mut remap = vec![0usize; endpoints.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = remap.get_mut(old) {
            *slot = new;
        }
    }
    let sorted: Vec<Endpoint> = order
        .iter()
        .filter_map(|&i| endpoints.get(i).cloned())
        .collect();
    for c in checks.iter_mut() {
        c.endpoint = remap.get(c.endpoint).copied().unwrap_or(0);
    }
    (sorted, counts)
}

// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
fn new_endpoint(target: &str, section: Section) -> Endpoint {
    let region = region::geo_code(target).and_then(|code| {
        region::region_name(&code).map(|n| Region {
            name_ja: region::region_name_ja(&code).map(str::to_owned),
            code,
            name: n.to_owned(),
        })
    });
    Endpoint {
        target: target.to_owned(),
        section,
        region,
        dns: Cell::NotInInput,
        tcp: Vec::new(),
        https: Cell::NotInInput,
        status: Status::Inconclusive,
    }
}

fn add_to_cell(ep: &mut Endpoint, tool: Tool, port: Option<u16>, idx: usize, status: Status) {
    fn merge(cell: &mut Cell, idx: usize, status: Status, port: Option<u16>) {
        match cell {
            Cell::Checked {
                status: s, checks, ..
            } => {
                checks.push(idx);
                if status.rank() > s.rank() {
                    *s = status;
                }
            }
            _ => {
                *cell = Cell::Checked {
                    status,
                    checks: vec![idx],
                    port,
                }
            }
        }
    }
    match tool.layer() {
        crate::report::Layer::Dns => merge(&mut ep.dns, idx, status, None),
        crate::report::Layer::Https => merge(&mut ep.https, idx, status, port),
        crate::report::Layer::Tcp => {
            if let Some(cell) = ep
                .tcp
                .iter_mut()
                .find(|c| matches!(c, Cell::Checked { port: p, .. } if *p == port))
            {
                merge(cell, idx, status, port);
            } else {
                ep.tcp.push(Cell::Checked {
                    status,
                    checks: vec![idx],
                    port,
                });
            }
        }
    }
}

fn endpoint_status(ep: &Endpoint) -> Status {
    let mut worst: Option<Status> = None;
    let mut not_run = false;
    for c in std::iter::once(&ep.dns)
        .chain(ep.tcp.iter())
        .chain(std::iter::once(&ep.https))
    {
        match c {
            Cell::Checked { status, .. } if worst.is_none_or(|w| status.rank() > w.rank()) => {
                worst = Some(*status);
            }
            Cell::NotRun { .. } => not_run = true,
            _ => {}
        }
    }
    match worst {
        Some(Status::Ok) if not_run => Status::Inconclusive,
        Some(s) => s,
        None => Status::Inconclusive,
    }
}

/// D.20: failure if any check failed; ok only when every check ran and passed.
pub fn overall(counts: &Counts, log_complete_or_fragment: bool) -> Status {
    if counts.failure > 0 {
        Status::Failure
    } else if counts.total() == 0 {
        Status::Inconclusive
    } else if counts.warning > 0 || counts.inconclusive > 0 || !log_complete_or_fragment {
        if counts.ok == 0 && counts.warning == 0 {
            Status::Inconclusive
        } else {
            Status::Warning
        }
    } else {
        Status::Ok
    }
}

/// Texts that name a list of targets, shortened for long lists.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub fn target_list(targets: &[String]) -> String {
    let mut seen = Index::new();
    let mut uniq: Vec<&str> = Vec::new();
    for t in targets {
        if !t.is_empty() && seen.insert(t.clone(), 0).is_none() {
            uniq.push(t);
        }
    }
    if uniq.len() > 6 {
        let more = uniq.len() - 5;
        let mut s = uniq.get(..5).map(|v| v.join(", ")).unwrap_or_default();
        s.push_str(&format!(" (+{more})"));
        s
    } else {
        uniq.join(", ")
    }
}

pub fn no_text() -> TextBuf {
    TextBuf::default()
}
