//! Rules: evidence in, verdicts and findings out.
//!
//! Order matters and follows the field guide: judge each block on its own (D.1), apply context
//! (cut-short logs D.15, proxies D.8, hosts files D.11), then group checks by cause (D.16) and
//! add what is true of the log as a whole; the overall verdict comes last (D.20).

pub mod agent;
pub mod check;
pub mod combine;
pub mod findings;
pub mod region;
pub mod registry;

use crate::decode::Text;
use crate::i18n::TextBuf;
use crate::parse::linux_log::Block;
use crate::parse::{clip, visible};
use crate::report::{
    Cell, Check, Counts, Endpoint, Excerpt, Lines, ProxyInfo, Region, Section, Status, Tool,
};
use crate::tr;
use check::{Facts, Judged};
use registry::Code;

/// A check with what cross-check rules need, before it becomes a report `Check`.
pub struct Judgement {
    pub block: Block,
    pub judged: Judged,
    /// The verdict before context changed it (e.g. nc `TCP_CONNECTED` before a proxy made it
    /// `NC_IGNORES_PROXY`).
    pub original: (Status, Code),
}

impl Judgement {
    pub fn facts(&self) -> &Facts {
        &self.judged.facts
    }
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

/// Judges every block, then applies context rules.
pub fn judge_blocks(
    text: &Text<'_>,
    blocks: &[Block],
    log_complete: bool,
    proxy_env: bool,
) -> (Vec<Judgement>, ProxyInfo) {
    let mut out: Vec<Judgement> = blocks
        .iter()
        .map(|b| {
            let lines: Vec<(usize, &str)> = match b.output {
                Some(Lines(a, z)) => (a..=z).map(|n| (n, text.line(n))).collect(),
                None => Vec::new(),
            };
            let mut judged = check::judge(b.tool, &b.target, b.port, &lines);
            if b.fullwidth_in_command && judged.code == Code::NC_USAGE_ERROR {
                judged.summary = tr!(
                    en: "mistyped command: a full-width space (U+3000) is in it; nothing was tested";
                    ja: "コマンドに全角スペース (U+3000) が含まれる入力誤りです。何も確認されていません"
                );
            }
            let original = (judged.status, judged.code);
            Judgement { block: b.clone(), judged, original }
        })
        .collect();

    // C.3 / E.5: `curl -I https://<ip>` always fails the name check, yet TCP and TLS reached the
    // endpoint: a warning, not a failure.
    for j in &mut out {
        if j.judged.code == Code::TLS_NAME_MISMATCH && crate::parse::is_ip_literal(&j.block.target)
        {
            j.judged.status = Status::Warning;
            j.judged.summary = j.judged.summary.clone().join(&tr!(
                en: "— expected for an IP address: TCP and TLS reached the endpoint";
                ja: "(IP アドレス指定では想定どおりで、TCP と TLS はエンドポイントに到達しています)"
            ));
        }
    }

    // D.15: the last block of a cut-short log is judged only on complete evidence.
    for j in &mut out {
        if j.block.at_end_of_input && !log_complete && j.judged.facts.undecided {
            j.judged.code = Code::CHECK_TRUNCATED;
            j.judged.status = Status::Inconclusive;
            j.judged.summary = tr!(en: "the output stops before a result (the log was cut short)"; ja: "結果が出る前に出力が途切れています (ログの途中終了)");
        }
    }

    let mut proxy = ProxyInfo {
        section_present: false,
        ..ProxyInfo::default()
    };
    proxy.seen_in_curl = out
        .iter()
        .any(|j| j.block.tool == Tool::Curl && j.judged.facts.proxy_seen);
    proxy.from_curl = out
        .iter()
        .filter_map(|j| j.judged.facts.proxy_host.clone())
        .find(|h| !h.is_empty());
    let proxied = proxy_env || proxy.seen_in_curl;

    // D.11: nslookup failing for a name that nc (or curl without a proxy) reached.
    let reached: std::collections::HashSet<String> = out
        .iter()
        .filter(|j| j.judged.facts.reached && (j.block.tool == Tool::Nc || !proxied))
        .map(|j| j.block.target.to_ascii_lowercase())
        .collect();
    for j in &mut out {
        if j.block.tool == Tool::Nslookup
            && j.judged.facts.dns_failed
            && reached.contains(&j.block.target.to_ascii_lowercase())
        {
            j.judged.status = Status::Warning;
            j.judged.code = Code::NSLOOKUP_IGNORES_HOSTS_FILE;
            j.judged.summary = j.judged.summary.clone().join(&tr!(
                en: "— but nc/curl reached this name, so it resolves from the hosts file";
                ja: "(ただし nc/curl はこの名前に接続できており、hosts ファイルで名前解決されています)"
            ));
        }
    }

    // D.8: nc never uses a proxy, so under one its result is not the endpoint's verdict.
    if proxied {
        for j in &mut out {
            let skip = matches!(
                j.judged.code,
                Code::TOOL_MISSING
                    | Code::NC_UNSUPPORTED
                    | Code::NC_USAGE_ERROR
                    | Code::CHECK_TRUNCATED
                    | Code::OUTPUT_UNRECOGNISED
            );
            // iSCSI (3260) never goes through an HTTP proxy, so a failed 3260 still blocks file
            // recovery; a successful one stays unproven like every nc result here (corpus README).
            let iscsi_failure = j.block.port == Some(3260) && j.judged.status == Status::Failure;
            if j.block.tool == Tool::Nc && !skip && !iscsi_failure {
                let direct = j.judged.summary.clone();
                j.judged.status = Status::Inconclusive;
                j.judged.code = Code::NC_IGNORES_PROXY;
                j.judged.summary = tr!(en: "direct connection (nc ignores the proxy):"; ja: "直接接続の結果 (nc はプロキシを使用しません):").join(&direct);
            }
        }
    }
    (out, proxy)
}

/// Turns judgements into report checks, endpoints and counts.
pub fn build_checks(
    text: &Text<'_>,
    judgements: &[Judgement],
    full_log: bool,
    log_complete: bool,
) -> (Vec<Check>, Vec<Endpoint>, Counts) {
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut checks = Vec::with_capacity(judgements.len());
    let mut counts = Counts::default();
    // A map keeps this linear when a hostile input holds 100 000 distinct targets.
    let mut index: std::collections::HashMap<(String, Section), usize> =
        std::collections::HashMap::new();
    for (i, j) in judgements.iter().enumerate() {
        let b = &j.block;
        let key = (b.target.to_ascii_lowercase(), b.section);
        let ep_index = match index.get(&key) {
            Some(&p) => p,
            None => {
                endpoints.push(new_endpoint(&b.target, b.section));
                index.insert(key, endpoints.len() - 1);
                endpoints.len() - 1
            }
        };
        if let Some(ep) = endpoints.get_mut(ep_index) {
            add_to_cell(ep, b.tool, b.port, i, j.judged.status);
        }
        counts.add(j.judged.status);
        let mut evidence: Vec<Excerpt> = j
            .judged
            .lines
            .iter()
            .map(|&n| Excerpt {
                line: n,
                text: clip(&visible(text.line(n)), 300),
            })
            .collect();
        evidence.dedup_by(|a, b| a.line == b.line);
        checks.push(Check {
            tool: b.tool,
            target: b.target.clone(),
            port: b.port,
            status: j.judged.status,
            code: j.judged.code,
            lines: b.lines,
            section: b.section,
            marker: b.marker,
            flavor: j.judged.flavor.clone(),
            summary: j.judged.summary.clone(),
            evidence,
            endpoint: ep_index,
        });
    }
    // A full log that stops early: the script's remaining checks never ran.
    if full_log && !log_complete {
        for (tool, target, port) in SCRIPT_CHECKS {
            let present = judgements.iter().any(|j| {
                j.block.tool == tool
                    && j.block.target.eq_ignore_ascii_case(target)
                    && j.block.port == port
            });
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
    for c in &mut checks {
        c.endpoint = remap.get(c.endpoint).copied().unwrap_or(0);
    }
    (checks, sorted, counts)
}

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
pub fn target_list(targets: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut uniq: Vec<&str> = Vec::new();
    for t in targets {
        if !t.is_empty() && seen.insert(t.as_str()) {
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
