//! The DNS family: name resolution as nslookup shows it, the hosts-file trap and private endpoints.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: nslookup's answer, name failures as the other tools
//! say them, the hosts-file trap (D.11), one finding per DNS cause, and private endpoints.

use crate::code::Code;
use crate::parse::nslookup::{self, DnsOutcome};
use crate::parse::winmsg::WebError;
use crate::report::{Arg, Check, Sentence, Severity, Status, Tool};

use super::check::Judged;
use super::findings::{claim, seen_in, targets_of, unique, Context, Draft};
use super::http::{Classified, CurlError};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_DNS, DOC_PE};
use super::say::say;
use super::tool;
use super::Verdict;

super::say::sentences! { Dns;
    RESOLVED_TO = "resolved to {}", "{} に名前解決できました";
    NO_REPLY = "no reply from the DNS server", "DNS サーバーから応答がありません";
    SERVER_REFUSED = "the DNS server's port refused the query", "DNS サーバーのポートが問い合わせを拒否しました";
    NO_NAMESERVER = "no nameserver configured (fell back to localhost)", "nameserver が未設定です (localhost に問い合わせ)";
    NXDOMAIN_FROM = "NXDOMAIN from {}: the name does not exist there", "{} が NXDOMAIN を返しました (名前が存在しません)";
    SERVFAIL_FROM = "SERVFAIL from {}", "{} が SERVFAIL を返しました";
    REFUSED_BY = "REFUSED by {}", "{} が REFUSED を返しました";
    NO_ADDRESS = "answered without an address", "アドレスなしの応答でした";
    NO_OUTPUT = "no output", "出力がありません";
    NOT_NSLOOKUP = "output not recognised as nslookup's", "nslookup の出力として認識できません";
    CURL_UNRESOLVED = "curl (6) could not resolve the host name", "curl (6) ホスト名を名前解決できません";
    HOSTS_FILE_RESOLVES = "— but nc/curl reached this name, so it resolves from the hosts file", "(ただし nc/curl はこの名前に接続できており、hosts ファイルで名前解決されています)";
    EVERY_ENDPOINT_FAILS = "Name resolution fails for every endpoint: {}", "すべての宛先で名前解決に失敗しています: {}";
    EVERY_NAME_FAILS = "Every name the log tests failed to resolve ({0} checks across nslookup, nc and curl). This is one DNS problem, not {0} separate failures: nothing could even be attempted.", "ログで確認しているすべての名前の解決に失敗しています (nslookup・nc・curl の {0} 件)。{0} 件の個別の障害ではなく 1 つの DNS の問題であり、接続自体が試行できていません。";
    RUN_TOOK = "The run took {} s, consistent with resolver timeouts.", "実行時間 {} 秒は、リゾルバーのタイムアウトと一致します。";
    SOME_NAMES_FAIL = "Only some names fail ({}); others resolve, so the DNS server works but cannot resolve these.", "一部の名前だけが失敗しています ({})。他の名前は解決できているため、DNS サーバーは動作していますが、これらの名前を解決できません。";
    NXDOMAIN = "NXDOMAIN: the name does not exist for the DNS server", "DNS サーバーが NXDOMAIN を返しました (名前が存在しません)";
    SERVFAIL = "SERVFAIL from the DNS server", "DNS サーバーが SERVFAIL を返しました";
    REFUSED = "REFUSED by the DNS server", "DNS サーバーが REFUSED を返しました";
    CANT_RESOLVE = "could not resolve the name (BusyBox's nslookup does not say why)", "名前を解決できませんでした (BusyBox の nslookup は理由を表示しません)";
    CUT_AFTER_NAME = "the output stops after `Name:`, before the addresses", "出力が `Name:` の後、アドレスの前で途切れています";
    GETENT_NOT_FOUND = "getent exited 2: the name was not found (hosts file and DNS)", "getent の終了コードは 2: 名前が見つかりませんでした (hosts ファイルと DNS)";
    SHORT_NO_ANSWER = "`dig +short` printed no address: no such name, or no A record", "`dig +short` がアドレスを出力しませんでした: 名前が存在しないか、A レコードがありません";
}

/// The catalogue entries of the DNS family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::DNS_LOOKUP_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The name could not be resolved",
            "名前解決ができませんでした",
            "The FQDN did not turn into an address (curl (6), nc's getaddrinfo failure, Windows' `could not be resolved`). This is a DNS problem, not a blocked port: the connection was never attempted.",
            "FQDN を IP アドレスに変換できませんでした (curl (6)、nc の getaddrinfo の失敗、Windows の `could not be resolved`)。ポートの遮断ではなく DNS の問題で、接続自体は試行されていません。",
            "Check /etc/resolv.conf and that the DNS server answers (Azure DNS is 168.63.129.16); for custom DNS, check its forwarders.",
            "/etc/resolv.conf と DNS サーバーの応答を確認してください (Azure DNS は 168.63.129.16)。カスタム DNS の場合はフォワーダー設定を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "D.10",
    },
    Entry {
        code: Code::DNS_NO_ADDRESS,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The name exists but has no address",
            "名前は存在しますがアドレスがありません",
            "The DNS server answered for this name but returned no IP address (only an alias, or `No answer`). Nothing can connect to it.",
            "DNS サーバーは応答しましたが、IP アドレスを返しませんでした (別名のみ、または `No answer`)。この名前には接続できません。",
            "Check the DNS zone that answers for this name (for private endpoints: the privatelink zone's A record).",
            "この名前に応答している DNS ゾーンを確認してください (プライベート エンドポイントの場合は privatelink ゾーンの A レコード)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_NO_NAMESERVER,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "No DNS server is configured",
            "DNS サーバーが設定されていません",
            "nslookup fell back to localhost (::1 and 127.0.0.1) and was refused: /etc/resolv.conf has no `nameserver` line.",
            "nslookup が localhost (::1 と 127.0.0.1) に問い合わせて拒否されました。/etc/resolv.conf に `nameserver` 行がありません。",
            "Add a nameserver to /etc/resolv.conf (or fix the network configuration that writes it, e.g. DHCP, netplan, NetworkManager).",
            "/etc/resolv.conf に nameserver を設定してください (DHCP・netplan・NetworkManager など、このファイルを生成する設定を確認してください)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_NXDOMAIN,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The name does not exist for this DNS server (NXDOMAIN)",
            "DNS サーバーにこの名前が存在しません (NXDOMAIN)",
            "The DNS server says the name does not exist. Typical causes: a region-specific FQDN that does not match the vault's region, a typo, or a private DNS zone / conditional forwarder that is missing.",
            "DNS サーバーはこの名前が存在しないと応答しました。よくある原因は、コンテナーのリージョンと合わない FQDN、入力ミス、プライベート DNS ゾーンや条件付きフォワーダーの不足です。",
            "Check the FQDN for the vault's region and the DNS server's zones and forwarders (privatelink zones for private endpoints).",
            "コンテナーのリージョンに対応する FQDN と、DNS サーバーのゾーン・フォワーダー設定 (プライベート エンドポイントの場合は privatelink ゾーン) を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_QUERY_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The DNS server refused the query (REFUSED)",
            "DNS サーバーが問い合わせを拒否しました (REFUSED)",
            "The DNS server is reachable but refuses to resolve names for this machine (recursion not allowed for this client).",
            "DNS サーバーには到達できますが、このマシンからの名前解決 (再帰問い合わせ) を拒否しています。",
            "Allow this machine's address on the DNS server (recursion ACL), or point it at a resolver that serves it.",
            "DNS サーバーでこのマシンのアドレスからの再帰問い合わせを許可するか、利用可能なリゾルバーを指定してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_RESOLVED,
        kind: Kind::Check,
        severity: Severity::Ok,
        texts: texts!(
            "The name resolved",
            "名前解決に成功しました",
            "nslookup printed an address for the name (the `Address:` after `Name:`).",
            "nslookup が名前に対する IP アドレスを出力しました (`Name:` の後の `Address:`)。",
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_SERVER_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "Nothing answers on the DNS server's port",
            "DNS サーバーのポートが応答しません",
            "Every query to the DNS server was refused at the connection level: nothing listens on port 53 there, or a firewall rejects it.",
            "DNS サーバーへの問い合わせが接続の段階で拒否されました。ポート 53 で待ち受けていないか、ファイアウォールが拒否しています。",
            "Check that the DNS service runs on the server in /etc/resolv.conf (for systemd-resolved: `systemctl status systemd-resolved`).",
            "/etc/resolv.conf の DNS サーバーでサービスが動作しているか確認してください (systemd-resolved の場合: `systemctl status systemd-resolved`)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_SERVFAIL,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The DNS server could not resolve the name (SERVFAIL)",
            "DNS サーバーが名前解決に失敗しました (SERVFAIL)",
            "The DNS server answered but failed to resolve: its forwarders or upstream servers are failing or unreachable.",
            "DNS サーバーは応答しましたが解決に失敗しました。フォワーダーまたは上位 DNS サーバーに問題があるか到達できません。",
            "Check the DNS server's forwarders (Azure DNS 168.63.129.16 or the on-premises DNS) and its own outbound DNS traffic.",
            "DNS サーバーのフォワーダー設定 (Azure DNS 168.63.129.16 やオンプレミス DNS) と、DNS サーバー自身の外向き通信を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Entry {
        code: Code::DNS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The DNS server did not answer",
            "DNS サーバーから応答がありません",
            "nslookup got no reply (`connection timed out; no servers could be reached`, or `communications error … timed out`): the DNS server is down or the path to it drops packets. A local stub resolver whose upstream is dead looks the same.",
            "nslookup に応答がありませんでした (`connection timed out; no servers could be reached` または `communications error … timed out`)。DNS サーバーの停止、または DNS サーバーへの経路でパケットが破棄されています。上位サーバーが応答しないローカルのスタブ リゾルバーも同じ出力になります。",
            "Check /etc/resolv.conf, that the DNS server is up, and that UDP/TCP 53 to it is allowed (Azure DNS is 168.63.129.16; custom DNS VMs must be running).",
            "/etc/resolv.conf、DNS サーバーの稼働、DNS サーバーへの UDP/TCP 53 が許可されているかを確認してください (Azure DNS は 168.63.129.16、カスタム DNS の VM は起動している必要があります)。",
        ),
        doc_url: DOC_DNS,
        rule: "D.17",
    },
    Entry {
        code: Code::NSLOOKUP_IGNORES_HOSTS_FILE,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "nslookup fails, but the names resolve from the hosts file",
            "nslookup は失敗していますが、hosts ファイルで名前解決できています",
            "nslookup asks the DNS server directly and ignores /etc/hosts, while nc and curl use the system resolver (hosts file first). They connected to these names, so the names resolve on this machine; DNS is not what blocks backup. This is typical for private endpoints configured through hosts files.",
            "nslookup は DNS サーバーに直接問い合わせ、/etc/hosts を参照しません。一方 nc と curl は OS のリゾルバー (hosts ファイル優先) を使います。nc・curl がこれらの名前に接続できているため、このマシンでは名前解決できており、DNS がバックアップの妨げではありません。hosts ファイルでプライベート エンドポイントを構成している場合によく見られます。",
            "Make sure the hosts entries are current (private IPs change when endpoints are recreated); test with `getent hosts <fqdn>` or `ping` instead of nslookup.",
            "hosts ファイルのエントリが最新か確認してください (エンドポイントを再作成するとプライベート IP が変わります)。nslookup の代わりに `getent hosts <fqdn>` や `ping` で確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "D.11",
    },
    Entry {
        code: Code::PRIVATE_ENDPOINT_RESOLUTION,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Names resolve to private addresses (private endpoint)",
            "名前がプライベート アドレスに解決されています (プライベート エンドポイント)",
            "Backup or Storage names resolve to private IP addresses (or through privatelink names), which means private-endpoint resolution. The public FQDNs the script tests are then not the ones the vault uses.",
            "Backup または Storage の名前がプライベート IP アドレスに (または privatelink 名経由で) 解決されており、プライベート エンドポイントによる名前解決です。この場合、スクリプトが確認するパブリック FQDN はコンテナーが実際に使う宛先ではありません。",
            "Test the vault's own privatelink FQDNs (from the private endpoint's DNS configuration) with nslookup, nc -vz <fqdn> 443 and curl -I https://<fqdn>.",
            "プライベート エンドポイントの DNS 構成に表示されるコンテナー固有の privatelink FQDN を、nslookup・nc -vz <fqdn> 443・curl -I https://<fqdn> で確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "D.21",
    },
];

/// nslookup's (or Resolve-DnsName's) answer: the name's addresses or why there are none.
pub(super) fn judge_dns(ev: nslookup::DnsEvidence) -> Judged {
    let flavor = Some(ev.flavor.word().to_owned());
    // Resolve-DnsName does not name its server; nslookup does.
    let from = |named: Sentence, unnamed| match &ev.server {
        Some(s) => Sentence {
            args: vec![Arg::Word(s.clone())],
            ..named
        },
        None => unnamed,
    };
    let answer = |code, status, summary| Judged::new(code, status, summary, ev.lines.clone());
    let mut j = match &ev.outcome {
        DnsOutcome::Resolved { addresses, .. } => answer(
            Code::DNS_RESOLVED,
            Status::Ok,
            say!(RESOLVED_TO, Arg::Addresses(addresses.clone())),
        ),
        DnsOutcome::Timeout => answer(Code::DNS_TIMEOUT, Status::Failure, say!(NO_REPLY)),
        DnsOutcome::ServerRefused => answer(
            Code::DNS_SERVER_REFUSED,
            Status::Failure,
            say!(SERVER_REFUSED),
        ),
        DnsOutcome::NoNameserver => answer(
            Code::DNS_NO_NAMESERVER,
            Status::Failure,
            say!(NO_NAMESERVER),
        ),
        DnsOutcome::NxDomain => answer(
            Code::DNS_NXDOMAIN,
            Status::Failure,
            from(say!(NXDOMAIN_FROM), say!(NXDOMAIN)),
        ),
        DnsOutcome::ServFail => answer(
            Code::DNS_SERVFAIL,
            Status::Failure,
            from(say!(SERVFAIL_FROM), say!(SERVFAIL)),
        ),
        DnsOutcome::QueryRefused => answer(
            Code::DNS_QUERY_REFUSED,
            Status::Failure,
            from(say!(REFUSED_BY), say!(REFUSED)),
        ),
        DnsOutcome::NoAnswer => answer(Code::DNS_NO_ADDRESS, Status::Failure, say!(NO_ADDRESS)),
        DnsOutcome::LookupFailed => {
            answer(Code::DNS_LOOKUP_FAILED, Status::Failure, say!(CANT_RESOLVE))
        }
        DnsOutcome::Empty => tool::truncated(say!(NO_OUTPUT), ev.lines.clone()),
        DnsOutcome::Cut => tool::truncated(say!(CUT_AFTER_NAME), ev.lines.clone()),
        DnsOutcome::Unrecognised => tool::unrecognised(say!(NOT_NSLOOKUP), ev.lines.clone()),
    };
    j.flavor = flavor;
    j.facts.undecided = ev.lines.is_empty();
    match ev.outcome {
        DnsOutcome::Resolved {
            addresses, cnames, ..
        } => {
            j.facts.addresses = addresses;
            j.facts.cnames = cnames;
        }
        DnsOutcome::Empty | DnsOutcome::Cut | DnsOutcome::Unrecognised => {}
        _ => j.facts.dns_failed = true,
    }
    j
}

/// `getent hosts x; echo $?` printing 2: not found.
pub(super) fn getent_not_found(line: usize) -> Judged {
    lookup_failed(say!(GETENT_NOT_FOUND), vec![line])
}

/// `dig +short` that printed nothing before the next prompt: no answer record. The last
/// command of a paste may have been cut instead, so it stays undecided there (D.15).
pub(super) fn short_without_answer() -> Judged {
    let mut j = lookup_failed(say!(SHORT_NO_ANSWER), Vec::new());
    j.facts.silent = true;
    j
}

/// A name that did not resolve, as nc, curl, Test-NetConnection or Invoke-WebRequest say it.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn lookup_failed(summary: impl Into<Sentence>, lines: Vec<usize>) -> Judged {
    let mut j = Judged::new(Code::DNS_LOOKUP_FAILED, Status::Failure, summary, lines);
    j.facts.dns_failed = true;
    j
}

/// The code says name resolution failed, whichever tool saw it.
pub(super) fn is_failure(c: Code) -> bool {
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

/// curl could not resolve the endpoint's name: (6), or a (28) timeout while resolving.
pub(super) fn curl_error(e: &CurlError<'_>) -> Option<Classified> {
    match e.code {
        6 => Some((Code::DNS_LOOKUP_FAILED, say!(CURL_UNRESOLVED), None)),
        28 if e.lower.contains("resolving timed out") => Some(e.plain(Code::DNS_LOOKUP_FAILED)),
        _ => None,
    }
}

/// Invoke-WebRequest could not resolve the name (English or Japanese .NET wording).
pub(super) fn web_error(says: WebError) -> Option<Code> {
    (says == WebError::NameNotResolved).then_some(Code::DNS_LOOKUP_FAILED)
}

/// D.11: nslookup failing for a name that nc (or curl without a proxy) reached: the name
/// resolves from the hosts file, which nslookup never reads.
pub(super) fn hosts_file_trap(checks: &mut [Check], verdicts: &[Verdict], proxied: bool) {
    let reached: super::Index = checks
        .iter()
        .zip(verdicts)
        .filter(|(c, v)| v.reached && (c.tool == Tool::Nc || !proxied))
        .map(|(c, _)| (c.target.to_ascii_lowercase(), 0))
        .collect();
    if reached.is_empty() {
        return;
    }
    for (c, v) in checks.iter_mut().zip(verdicts) {
        if c.tool == Tool::Nslookup
            && v.dns_failed
            && reached.contains_key(&c.target.to_ascii_lowercase())
        {
            c.status = Status::Warning;
            c.code = Code::NSLOOKUP_IGNORES_HOSTS_FILE;
            c.summary.push(say!(HOSTS_FILE_RESOLVES));
        }
    }
}

/// DNS: every failure of name resolution, by target, under the code nslookup gave the target.
pub(super) fn failure_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let checks = ctx.checks;
    let dns_idx: Vec<usize> = (0..checks.len())
        .filter(|&i| checks.get(i).is_some_and(|c| is_failure(c.code)))
        .collect();
    if dns_idx.is_empty() {
        return;
    }
    let targets_checked: Vec<String> = unique(
        &mut checks
            .iter()
            .filter(|c| c.status != Status::Inconclusive || is_failure(c.code))
            .map(|c| c.target.to_ascii_lowercase()),
    );
    let targets_failed: Vec<String> = unique(
        &mut dns_idx
            .iter()
            .filter_map(|&i| checks.get(i))
            .map(|c| c.target.to_ascii_lowercase()),
    );
    let all_fail = targets_failed.len() == targets_checked.len() && targets_failed.len() > 1;
    // The code for a target: what nslookup said, else the generic lookup failure.
    // By target, the first such nslookup check.
    let mut nslookup_code = super::Index::new();
    for (i, c) in checks.iter().enumerate() {
        if c.tool.layer() == crate::report::Layer::Dns && is_failure(c.code) {
            nslookup_code
                .entry(c.target.to_ascii_lowercase())
                .or_insert(i);
        }
    }
    let code_for = |target: &str| -> Code {
        nslookup_code
            .get(&target.to_ascii_lowercase())
            .and_then(|&i| checks.get(i))
            .map_or(Code::DNS_LOOKUP_FAILED, |c| c.code)
    };
    claim(claimed, &dns_idx);
    if all_fail {
        let codes: Vec<Code> = targets_failed.iter().map(|t| code_for(t)).collect();
        drafts.push(all_fail_draft(ctx, &codes, dns_idx));
    } else {
        let codes: Vec<Code> = dns_idx
            .iter()
            .map(|&i| {
                checks
                    .get(i)
                    .map_or(Code::DNS_LOOKUP_FAILED, |c| code_for(&c.target))
            })
            .collect();
        // "Only some names fail" needs a name that resolved.
        let others = targets_checked.len() > targets_failed.len();
        drafts.extend(by_code_drafts(checks, &dns_idx, &codes, others));
    }
}

/// Every name fails: one cause, under the most common nslookup code of the failed targets.
fn all_fail_draft(ctx: &Context<'_>, codes: &[Code], dns_idx: Vec<usize>) -> Draft {
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
    d.title = Some(say!(EVERY_ENDPOINT_FAILS, Arg::Title(code)));
    d.detail = vec![say!(EVERY_NAME_FAILS, Arg::Count(n))];
    if let Some(secs) = ctx.machine.script_seconds.filter(|s| *s >= 60) {
        d.detail.push(say!(RUN_TOOK, Arg::Seconds(secs)));
    }
    d
}

/// Only some names fail: one finding per code, `codes` index for index with `dns_idx`.
fn by_code_drafts(
    checks: &[Check],
    dns_idx: &[usize],
    codes: &[Code],
    others_resolve: bool,
) -> Vec<Draft> {
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
        d.detail = vec![if others_resolve {
            say!(SOME_NAMES_FAIL, Arg::Hosts(targets))
        } else {
            seen_in(d.checks.len(), &targets)
        }];
    }
    by_code
}

/// Names that resolve to private addresses; whether there were any.
pub(super) fn private_endpoint_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) -> bool {
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
    d.detail = vec![seen_in(pe.len(), &targets)];
    d.checks = pe;
    drafts.push(d);
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_code_is_a_failure_and_the_others_are_not() {
        for c in [
            Code::DNS_TIMEOUT,
            Code::DNS_SERVER_REFUSED,
            Code::DNS_NO_NAMESERVER,
            Code::DNS_NXDOMAIN,
            Code::DNS_SERVFAIL,
            Code::DNS_QUERY_REFUSED,
            Code::DNS_NO_ADDRESS,
            Code::DNS_LOOKUP_FAILED,
        ] {
            assert!(is_failure(c), "{c}");
        }
        for c in [
            Code::DNS_RESOLVED,
            Code::NSLOOKUP_IGNORES_HOSTS_FILE,
            Code::PRIVATE_ENDPOINT_RESOLUTION,
            Code::TCP_TIMEOUT,
        ] {
            assert!(!is_failure(c), "{c}");
        }
    }

    #[test]
    fn a_lookup_failure_says_the_name_did_not_resolve() {
        let j = lookup_failed(say!(CURL_UNRESOLVED), vec![3]);
        assert_eq!(
            (j.code, j.status),
            (Code::DNS_LOOKUP_FAILED, Status::Failure)
        );
        assert!(j.facts.dns_failed);
    }

    #[test]
    fn nslookup_without_output_is_truncated_not_a_failure() {
        let j = judge_dns(nslookup::parse([]));
        assert_eq!(j.code, Code::CHECK_TRUNCATED);
        assert!(!j.facts.dns_failed);
        assert!(j.facts.undecided);
    }
}
