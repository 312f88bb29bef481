//! Findings: one per cause, not one per red line (rule D.16).
//!
//! Root-cause rules claim checks first (every name failing DNS, port 3260 only, missing tools per
//! command); the remaining non-OK checks are grouped by code. Facts about the log as a whole
//! (proxy, region, private endpoints, cut-short runs, fragments) are added last.

use crate::code::Code;
use crate::i18n::{Lang, TextBuf};
use crate::report::{
    Check, Excerpt, Finding, FindingText, FindingWords, Lines, Machine, ProxyInfo, Scenario,
    Section, Severity, Status, Tool,
};
use crate::rules::registry::Kind;
use crate::rules::target_list;
use crate::tr;

/// A finding under construction.
pub struct Draft {
    pub code: Code,
    pub checks: Vec<usize>,
    pub title: Option<TextBuf>,
    pub detail: TextBuf,
    pub next_step: Option<TextBuf>,
    pub severity: Option<Severity>,
    pub lines: Vec<Lines>,
    pub evidence: Vec<Excerpt>,
    pub affects: Option<Vec<Scenario>>,
}

impl Draft {
    pub fn new(code: Code) -> Self {
        Draft {
            code,
            checks: Vec::new(),
            title: None,
            detail: TextBuf::default(),
            next_step: None,
            severity: None,
            lines: Vec::new(),
            evidence: Vec::new(),
            affects: None,
        }
    }
}

fn is_dns_failure(c: Code) -> bool {
    matches!(
        c,
        Code::DNS_TIMEOUT
            | Code::DNS_SERVER_REFUSED
            | Code::DNS_NO_NAMESERVER
            | Code::DNS_NXDOMAIN
            | Code::DNS_SERVFAIL
            | Code::DNS_QUERY_REFUSED
            | Code::DNS_NO_ADDRESS
            | Code::DNS_LOOKUP_FAILED
    )
}

fn is_tcp_failure(c: Code) -> bool {
    matches!(
        c,
        Code::TCP_TIMEOUT | Code::TCP_REFUSED | Code::TCP_UNREACHABLE | Code::TCP_CONNECT_FAILED
    )
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

pub fn group(ctx: &Context<'_>) -> Vec<Draft> {
    // A check claimed by one finding is not grouped again by a later step.
    let mut claimed = vec![false; ctx.checks.len()];
    let mut drafts: Vec<Draft> = Vec::new();
    dns_drafts(ctx, &mut claimed, &mut drafts);
    file_recovery_drafts(ctx, &mut claimed, &mut drafts);
    missing_tool_drafts(ctx, &mut claimed, &mut drafts);
    per_code_drafts(ctx, &claimed, &mut drafts);
    proxy_drafts(ctx, &mut drafts);
    dead_address_drafts(ctx, &mut drafts);
    let private_endpoints = private_endpoint_drafts(ctx, &mut drafts);
    if !private_endpoints {
        region_drafts(ctx, &mut drafts);
    }
    if !ctx.checks.is_empty() {
        drafts.push(Draft::new(Code::VM_BACKUP_NOT_TESTED));
    }
    log_incomplete_drafts(ctx, &mut drafts);
    drafts
}

fn claim(claimed: &mut [bool], idx: &[usize]) {
    for &i in idx {
        if let Some(c) = claimed.get_mut(i) {
            *c = true;
        }
    }
}

fn is_claimed(claimed: &[bool], i: usize) -> bool {
    claimed.get(i).copied().unwrap_or(true)
}

/// nc connected to the check's endpoint before context changed its verdict.
fn connected_directly(ctx: &Context<'_>, i: usize) -> bool {
    ctx.verdicts
        .get(i)
        .is_some_and(|j| j.original.1 == Code::TCP_CONNECTED)
}

/// The targets of some checks, in their order.
fn targets_of(checks: &[Check], idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| checks.get(i))
        .map(|c| c.target.clone())
        .collect()
}

/// DNS: every failure of name resolution, by target, under the code nslookup gave the target.
fn dns_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let checks = ctx.checks;
    let dns_idx: Vec<usize> = (0..checks.len())
        .filter(|&i| checks.get(i).is_some_and(|c| is_dns_failure(c.code)))
        .collect();
    if dns_idx.is_empty() {
        return;
    }
    let targets_checked: Vec<String> = unique(
        checks
            .iter()
            .filter(|c| c.status != Status::Inconclusive || is_dns_failure(c.code))
            .map(|c| c.target.to_ascii_lowercase()),
    );
    let targets_failed: Vec<String> = unique(
        dns_idx
            .iter()
            .filter_map(|&i| checks.get(i))
            .map(|c| c.target.to_ascii_lowercase()),
    );
    let all_fail = targets_failed.len() == targets_checked.len() && targets_failed.len() > 1;
    // The code for a target: what nslookup said, else the generic lookup failure.
    let mut nslookup_code: std::collections::HashMap<String, Code> =
        std::collections::HashMap::new();
    for c in checks
        .iter()
        .filter(|c| c.tool == Tool::Nslookup && is_dns_failure(c.code))
    {
        nslookup_code
            .entry(c.target.to_ascii_lowercase())
            .or_insert(c.code);
    }
    let code_for = |target: &str| -> Code {
        nslookup_code
            .get(&target.to_ascii_lowercase())
            .copied()
            .unwrap_or(Code::DNS_LOOKUP_FAILED)
    };
    claim(claimed, &dns_idx);
    if all_fail {
        let codes: Vec<Code> = targets_failed.iter().map(|t| code_for(t)).collect();
        drafts.push(dns_all_fail_draft(ctx, &codes, dns_idx));
    } else {
        let codes: Vec<Code> = dns_idx
            .iter()
            .map(|&i| {
                checks
                    .get(i)
                    .map_or(Code::DNS_LOOKUP_FAILED, |c| code_for(&c.target))
            })
            .collect();
        drafts.extend(dns_by_code_drafts(checks, &dns_idx, &codes));
    }
}

/// Every name fails: one cause, under the most common nslookup code of the failed targets.
fn dns_all_fail_draft(ctx: &Context<'_>, codes: &[Code], dns_idx: Vec<usize>) -> Draft {
    let mut tally: Vec<(Code, usize)> = Vec::new();
    for &c in codes {
        match tally.iter_mut().find(|x| x.0 == c) {
            Some(x) => x.1 += 1,
            None => tally.push((c, 1)),
        }
    }
    // The most common code; on a tie, the first in the catalogue.
    let code = tally
        .iter()
        .min_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)))
        .map(|x| x.0)
        .unwrap_or(Code::DNS_LOOKUP_FAILED);
    let mut d = Draft::new(code);
    let n = dns_idx.len();
    d.checks = dns_idx;
    d.title = Some(tr!(
        en: "Name resolution fails for every endpoint: {}", lower_first(code.spec().title.en);
        ja: "すべての宛先で名前解決に失敗しています: {}", code.spec().title.ja
    ));
    d.detail = tr!(
        en: "Every name the log tests failed to resolve ({} checks across nslookup, nc and curl). This is one DNS problem, not {} separate failures: nothing could even be attempted.", n, n;
        ja: "ログで確認しているすべての名前の解決に失敗しています (nslookup・nc・curl の {} 件)。{} 件の個別の障害ではなく 1 つの DNS の問題であり、接続自体が試行できていません。", n, n
    );
    if let Some(secs) = ctx.machine.script_seconds.filter(|s| *s >= 60) {
        d.detail = d.detail.join(&tr!(
            en: "The run took {} s, consistent with resolver timeouts.", secs;
            ja: "実行時間 {} 秒は、リゾルバーのタイムアウトと一致します。", secs
        ));
    }
    d
}

/// Only some names fail: one finding per code, `codes` index for index with `dns_idx`.
fn dns_by_code_drafts(checks: &[Check], dns_idx: &[usize], codes: &[Code]) -> Vec<Draft> {
    let mut by_code: Vec<Draft> = Vec::new();
    for (&i, &code) in dns_idx.iter().zip(codes) {
        match by_code.iter_mut().find(|d| d.code == code) {
            Some(d) => d.checks.push(i),
            None => {
                let mut d = Draft::new(code);
                d.checks.push(i);
                by_code.push(d);
            }
        }
    }
    for d in &mut by_code {
        let targets = targets_of(checks, &d.checks);
        d.detail = tr!(
            en: "Only some names fail ({}); others resolve, so the DNS server works but cannot resolve these.", target_list(&targets);
            ja: "一部の名前だけが失敗しています ({})。他の名前は解決できているため、DNS サーバーは動作していますが、これらの名前を解決できません。", target_list(&targets)
        );
    }
    by_code
}

/// File recovery: TCP failures on port 3260 (iSCSI).
fn file_recovery_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let checks = ctx.checks;
    let fr: Vec<usize> = (0..checks.len())
        .filter(|&i| {
            checks.get(i).is_some_and(|c| {
                c.tool == Tool::Nc && c.port == Some(3260) && is_tcp_failure(c.code)
            }) && !is_claimed(claimed, i)
        })
        .collect();
    if fr.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::FILE_RECOVERY_PORT_BLOCKED);
    let others_fail = checks
        .iter()
        .enumerate()
        .any(|(i, c)| c.status == Status::Failure && !fr.contains(&i));
    let targets = targets_of(checks, &fr);
    d.detail = if others_fail {
        tr!(en: "Port 3260 fails for {}.", target_list(&targets); ja: "{} へのポート 3260 が失敗しています。", target_list(&targets))
    } else {
        tr!(en: "Port 3260 fails for {}; every other check passed, so only file recovery is affected.", target_list(&targets);
            ja: "{} へのポート 3260 が失敗しています。その他のチェックはすべて成功しているため、影響はファイルの回復のみです。", target_list(&targets))
    };
    d.affects = Some(vec![Scenario::FileRecovery]);
    claim(claimed, &fr);
    d.checks = fr;
    drafts.push(d);
}

/// Missing tools: one finding per missing command, with install hints (rule D.12).
fn missing_tool_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let mut missing: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, c) in ctx.checks.iter().enumerate() {
        if c.code != Code::TOOL_MISSING || is_claimed(claimed, i) {
            continue;
        }
        let name = ctx
            .verdicts
            .get(i)
            .and_then(|f| f.missing_tool.clone())
            .unwrap_or_else(|| c.tool.word().to_owned());
        match missing.iter_mut().find(|m| m.0 == name) {
            Some(m) => m.1.push(i),
            None => missing.push((name, vec![i])),
        }
        claim(claimed, &[i]);
    }
    for (name, idx) in missing {
        let mut d = Draft::new(Code::TOOL_MISSING);
        d.checks = idx;
        d.title = Some(
            tr!(en: "`{}` is not installed", name; ja: "`{}` がインストールされていません", name),
        );
        d.next_step = Some(install_hint(&name));
        d.detail = match name.as_str() {
            "curl" => {
                tr!(en: "HTTPS was never tested: without curl, nothing in this log says whether the endpoints answer over HTTPS.";
                          ja: "HTTPS はまったく確認されていません。curl がないため、エンドポイントが HTTPS で応答するかはこのログからは分かりません。")
            }
            "nc" => tr!(en: "TCP ports were never tested, including 3260 for file recovery.";
                        ja: "TCP ポート (ファイルの回復に必要な 3260 を含む) は確認されていません。"),
            "nslookup" => {
                tr!(en: "DNS was not tested directly; nc and curl still resolve names through the system resolver.";
                              ja: "DNS は直接確認されていません。nc と curl は OS のリゾルバーで名前解決を行います。")
            }
            _ => TextBuf::default(),
        };
        drafts.push(d);
    }
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
        d.detail = per_code_detail(ctx, d);
    }
    drafts.extend(rest);
}

/// What a group of checks with one code says together: TLS failing where TCP works, every check
/// through a proxy failing alike, nc bypassing the proxy.
fn per_code_detail(ctx: &Context<'_>, d: &Draft) -> TextBuf {
    let checks = ctx.checks;
    let targets = targets_of(checks, &d.checks);
    let n = d.checks.len();
    match d.code {
        Code::TLS_INTERCEPTED
        | Code::TLS_RESET
        | Code::TLS_TIMEOUT
        | Code::TLS_UNTRUSTED
        | Code::TLS_HANDSHAKE_FAILED => {
            let nc_connected: std::collections::HashSet<String> = checks
                .iter()
                .enumerate()
                .filter(|(k, c)| c.tool == Tool::Nc && connected_directly(ctx, *k))
                .map(|(_, c)| c.target.to_ascii_lowercase())
                .collect();
            let tcp_ok = targets
                .iter()
                .any(|t| nc_connected.contains(&t.to_ascii_lowercase()));
            if tcp_ok {
                tr!(en: "nc connected to the same endpoints, so TCP is open and only TLS fails ({} checks: {}).", n, target_list(&targets);
                    ja: "同じ宛先への nc は接続できているため TCP は開いており、失敗しているのは TLS だけです ({} 件: {})。", n, target_list(&targets))
            } else {
                seen_in(n, &targets)
            }
        }
        Code::PROXY_AUTH_REQUIRED
        | Code::PROXY_DENIED
        | Code::PROXY_UPSTREAM_FAILED
        | Code::PROXY_ERROR
        | Code::PROXY_TIMEOUT
        | Code::PROXY_UNREACHABLE
        | Code::PROXY_UNRESOLVABLE => {
            let proxy = proxy_name(ctx.proxy);
            let all_curl = checks.iter().filter(|c| c.tool == Tool::Curl).count();
            if n == all_curl && n > 1 {
                tr!(en: "All {} HTTPS checks through the proxy {} fail this way ({}).", n, proxy, target_list(&targets);
                    ja: "プロキシ {} 経由の HTTPS チェック {} 件すべてがこの状態です ({})。", proxy, n, target_list(&targets))
            } else {
                tr!(en: "{} HTTPS check(s) through the proxy {} fail this way: {}.", n, proxy, target_list(&targets);
                    ja: "プロキシ {} 経由の HTTPS チェック {} 件がこの状態です: {}。", proxy, n, target_list(&targets))
            }
        }
        Code::NC_IGNORES_PROXY => {
            let ok = d
                .checks
                .iter()
                .filter(|&&i| connected_directly(ctx, i))
                .count();
            tr!(en: "{} nc check(s) ran while a proxy is in use; {} of them connected directly. That proves nothing about the proxy path.", n, ok;
                ja: "プロキシ使用中に nc のチェックが {} 件実行され、うち {} 件は直接接続できています。これはプロキシ経由の通信については何も示しません。", n, ok)
        }
        _ => seen_in(n, &targets),
    }
}

/// The proxy the log uses, and a proxy curl went through that the environment does not set.
fn proxy_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    if ctx.proxy.detected() {
        let mut d = Draft::new(Code::PROXY_CONFIGURED);
        let proxy = proxy_name(ctx.proxy);
        d.detail = if ctx.proxy.in_env() {
            tr!(en: "The proxy section sets {}.", proxy; ja: "プロキシ設定欄に {} が設定されています。", proxy)
        } else {
            tr!(en: "curl's output shows a proxy ({}).", proxy; ja: "curl の出力にプロキシ ({}) が現れています。", proxy)
        };
        if let Some(l) = ctx.proxy_lines {
            d.lines.push(l);
        }
        drafts.push(d);
    }
    if ctx.proxy.seen_in_curl && !ctx.proxy.in_env() && ctx.full_log {
        let mut d = Draft::new(Code::PROXY_NOT_IN_ENV);
        d.checks = ctx
            .checks
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.tool == Tool::Curl
                    && c.evidence.iter().any(|e| {
                        e.text.contains("CONNECT")
                            || e.text.contains("Connection established")
                            || e.text.contains("proxy")
                    })
            })
            .map(|(i, _)| i)
            .collect();
        if let Some(l) = ctx.proxy_lines {
            d.lines.push(l);
        }
        drafts.push(d);
    }
}

/// nc reached a name only after one of its addresses failed.
fn dead_address_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    let dead: Vec<usize> = (0..ctx.checks.len())
        .filter(|&i| {
            ctx.verdicts
                .get(i)
                .is_some_and(|f| f.reached_after_dead_address)
        })
        .collect();
    if dead.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::TCP_SOME_ADDRESSES_FAILED);
    let targets = targets_of(ctx.checks, &dead);
    d.detail = seen_in(dead.len(), &targets);
    d.checks = dead;
    drafts.push(d);
}

/// Names that resolve to private addresses; whether there were any.
fn private_endpoint_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) -> bool {
    let checks = ctx.checks;
    let pe: Vec<usize> = (0..checks.len())
        .filter(|&i| {
            checks.get(i).is_some_and(|c| {
                is_private_endpoint(c, ctx.verdicts.get(i).is_some_and(|f| f.private_address))
            })
        })
        .collect();
    if pe.is_empty() {
        return false;
    }
    let mut d = Draft::new(Code::PRIVATE_ENDPOINT_RESOLUTION);
    let targets = targets_of(checks, &pe);
    d.detail = seen_in(pe.len(), &targets);
    d.checks = pe;
    drafts.push(d);
    true
}

/// The region codes in the tested FQDNs, which are one region's examples.
fn region_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    let regions: Vec<String> = unique(
        ctx.checks
            .iter()
            .filter_map(|c| crate::rules::region::geo_code(&c.target)),
    );
    if regions.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::FQDN_REGION_EXAMPLES);
    let names: Vec<String> = regions
        .iter()
        .map(|r| match crate::rules::region::region_name(r) {
            Some(n) => format!("{r} = {n}"),
            None => format!("{r} = ?"),
        })
        .collect();
    let names_ja: Vec<String> = regions
        .iter()
        .map(|r| {
            let name = crate::rules::region::region_name_ja(r)
                .or_else(|| crate::rules::region::region_name(r))
                .unwrap_or("?");
            format!("{r} = {name}")
        })
        .collect();
    d.detail = tr!(en: "Region codes in this log: {}.", names.join(", "); ja: "このログのリージョン コード: {}。", names_ja.join("、"));
    drafts.push(d);
}

/// A full log that stops early or holds fewer checks than the script runs.
fn log_incomplete_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    if !ctx.full_log {
        return;
    }
    let checks = ctx.checks;
    let n_blocks = checks.iter().filter(|c| c.marker.is_some()).count();
    if ctx.complete && n_blocks >= crate::rules::SCRIPT_CHECKS.len() {
        return;
    }
    let mut d = Draft::new(Code::LOG_INCOMPLETE);
    d.detail = if ctx.complete {
        tr!(en: "The log ends normally but holds {} of the script's {} checks.", n_blocks, crate::rules::SCRIPT_CHECKS.len();
            ja: "ログは正常に終了していますが、スクリプトの {1} 件のチェックのうち {0} 件しか含まれていません。", n_blocks, crate::rules::SCRIPT_CHECKS.len())
    } else {
        tr!(en: "The log stops after {} of the script's {} checks, with no `Complete...` line.", n_blocks, crate::rules::SCRIPT_CHECKS.len();
            ja: "ログはスクリプトの {1} 件のチェックのうち {0} 件の後で終わっており、`Complete...` 行がありません。", n_blocks, crate::rules::SCRIPT_CHECKS.len())
    };
    if let Some(last) = checks.last() {
        d.lines.push(last.lines);
    }
    drafts.push(d);
}

/// The English message with its first letter in lower case, to follow a colon. The messages
/// start with an ASCII letter or a command name; ASCII-only lowering also keeps the Unicode case
/// tables out of the page's module.
fn lower_first(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn seen_in(n: usize, targets: &[String]) -> TextBuf {
    tr!(en: "Seen in {} check(s): {}.", n, target_list(targets); ja: "該当するチェック {} 件: {}。", n, target_list(targets))
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut v: Vec<String> = Vec::new();
    for i in items {
        if seen.insert(i.clone()) {
            v.push(i);
        }
    }
    v
}

fn proxy_name(p: &ProxyInfo) -> String {
    p.https_proxy
        .clone()
        .or_else(|| p.http_proxy.clone())
        .or_else(|| p.from_curl.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "?".to_owned())
}

fn is_private_endpoint(c: &Check, private_address: bool) -> bool {
    let t = c.target.to_ascii_lowercase();
    let service = t.contains(".backup.windowsazure.")
        || t.contains(".blob.core.windows.net")
        || t.contains(".queue.core.windows.net")
        || t.contains(".blob.storage.azure.net");
    if !service {
        return false;
    }
    if t.contains(".privatelink.") {
        return true;
    }
    private_address
}

/// Install hints per distribution family (rule D.12).
pub fn install_hint(cmd: &str) -> TextBuf {
    match cmd {
        "nslookup" => tr!(
            en: "Install nslookup and re-run the script: RHEL/CentOS/Alma/Rocky/Oracle `sudo dnf install bind-utils` (`yum` on 7); Debian/Ubuntu `sudo apt install bind9-dnsutils` (`dnsutils` on older releases); SUSE `sudo zypper install bind-utils`; Alpine `apk add bind-tools`.";
            ja: "nslookup をインストールしてスクリプトを再実行してください: RHEL/CentOS/Alma/Rocky/Oracle は `sudo dnf install bind-utils` (7 は `yum`)、Debian/Ubuntu は `sudo apt install bind9-dnsutils` (古いリリースは `dnsutils`)、SUSE は `sudo zypper install bind-utils`、Alpine は `apk add bind-tools`。"
        ),
        "nc" | "ncat" | "netcat" => tr!(
            en: "Install nc and re-run the script: RHEL/CentOS/Alma/Rocky/Oracle `sudo dnf install nmap-ncat` (the script's `install nmap` may not provide `nc`); Debian/Ubuntu `sudo apt install netcat-openbsd` (`nmap` does not provide `nc` there); SUSE `sudo zypper install netcat-openbsd`; Alpine `apk add netcat-openbsd`.";
            ja: "nc をインストールしてスクリプトを再実行してください: RHEL/CentOS/Alma/Rocky/Oracle は `sudo dnf install nmap-ncat` (スクリプトの `install nmap` では `nc` が入らない場合があります)、Debian/Ubuntu は `sudo apt install netcat-openbsd` (`nmap` では `nc` は入りません)、SUSE は `sudo zypper install netcat-openbsd`、Alpine は `apk add netcat-openbsd`。"
        ),
        "curl" => tr!(
            en: "Install curl and re-run the script: RHEL family `sudo dnf install curl`; Debian/Ubuntu `sudo apt install curl`; SUSE `sudo zypper install curl`; Alpine `apk add curl`.";
            ja: "curl をインストールしてスクリプトを再実行してください: RHEL 系は `sudo dnf install curl`、Debian/Ubuntu は `sudo apt install curl`、SUSE は `sudo zypper install curl`、Alpine は `apk add curl`。"
        ),
        other => {
            tr!(en: "Install `{}` and re-run the script.", other; ja: "`{}` をインストールしてスクリプトを再実行してください。", other)
        }
    }
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
pub fn finish(drafts: Vec<Draft>, checks: &[Check], lang: Lang) -> Vec<Finding> {
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
            let title = d.title.unwrap_or_else(|| spec.title.to_buf());
            let message = TextBuf::from(spec.explain).join(&d.detail);
            let next = d.next_step.unwrap_or_else(|| spec.next_step.to_buf());
            let mut lines = d.lines;
            let mut evidence: Vec<Excerpt> = Vec::new();
            for &i in &d.checks {
                if let Some(c) = checks.get(i) {
                    lines.push(c.lines);
                    for e in &c.evidence {
                        if evidence.len() < 6 && !evidence.iter().any(|x| x.text == e.text) {
                            evidence.push(e.clone());
                        }
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
            let text = FindingText {
                en: FindingWords {
                    title: title.en.clone(),
                    message: message.en.clone(),
                    next_step: next.en.clone(),
                },
                ja: FindingWords {
                    title: title.ja.clone(),
                    message: message.ja.clone(),
                    next_step: next.ja.clone(),
                },
            };
            let words = text.get(lang).clone();
            let first = d.checks.first().copied().unwrap_or(usize::MAX);
            (
                first,
                Finding {
                    code: d.code,
                    severity,
                    title: words.title,
                    message: words.message,
                    next_step: words.next_step,
                    checks: d.checks,
                    lines,
                    evidence,
                    affects,
                    unaffected,
                    doc_url: spec.doc_url.to_owned(),
                    rule: spec.rule.to_owned(),
                    text,
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
