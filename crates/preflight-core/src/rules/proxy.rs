//! The proxy family: proxies between the machine and Azure, and tools that bypass them.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: curl's and Invoke-WebRequest's proxy errors, nc
//! under a proxy (D.8), what proxy failures say together, and the proxy the log uses.

use crate::code::Code;
use crate::parse::curl;
use crate::parse::winmsg::{self, WebError};
use crate::parse::winsettings::{self, Account, WinSettings};
use crate::report::{Arg, Check, ProxyInfo, Sentence, Severity, Status, Tool};

use super::findings::{connected_directly, targets_of, Context, Draft};
use super::http::{Classified, CurlError};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_MARS_URLS, DOC_PROXY};
use super::say::say;
use super::tool;

super::say::sentences! { Proxy;

    ALL_THROUGH_PROXY_FAIL = "All {} HTTPS checks through the proxy {} fail this way ({}).", "プロキシ {1} 経由の HTTPS チェック {0} 件すべてがこの状態です ({2})。";
    SOME_THROUGH_PROXY_FAIL = "{} HTTPS check(s) through the proxy {} [fails|fail] this way: {}.", "プロキシ {1} 経由の HTTPS チェック {0} 件がこの状態です: {2}。";
    NC_UNDER_PROXY = "{} nc check(s) ran while a proxy is in use; {} of them connected directly. That proves nothing about the proxy path.", "プロキシ使用中に nc のチェックが {} 件実行され、うち {} 件は直接接続できています。これはプロキシ経由の通信については何も示しません。";
    PROXY_UNRESOLVED = "curl (5) the proxy name {} does not resolve", "curl (5) プロキシ名 {} を名前解決できません";
    PROXY_UNREACHED = "curl ({}) could not connect to the proxy {}", "curl ({}) プロキシ {} に接続できません";
    NO_CONNECT_ANSWER = "curl (28) the proxy never answered CONNECT", "curl (28) プロキシが CONNECT に応答しません";
    TUNNEL_REFUSED = "curl ({}) the proxy refused the tunnel with {}", "curl ({}) プロキシが {} でトンネルを拒否しました";
    NC_DIRECT = "direct connection (nc ignores the proxy):", "直接接続の結果 (nc はプロキシを使用しません):";
    SECTION_SETS = "The proxy section sets {}.", "プロキシ設定欄に {} が設定されています。";
    CURL_SHOWS = "curl's output shows a proxy ({}).", "curl の出力にプロキシ ({}) が現れています。";
    WIN_SYSTEM_PROXY = "SYSTEM (the MARS agent, the SQL / SAP HANA coordinator) uses the proxy {}.", "SYSTEM (MARS エージェント、SQL / SAP HANA のコーディネーター) はプロキシ {} を使います。";
    WIN_PLUGIN_PROXY = "The workload backup plug-in's account (AzureWLBackupPluginSvc) uses the proxy {}.", "ワークロード バックアップのプラグインのアカウント (AzureWLBackupPluginSvc) はプロキシ {} を使います。";
    WIN_ACCOUNT_PROXY = "{} uses the proxy {}.", "{} はプロキシ {} を使います。";
    WIN_WINHTTP_PROXY = "WinHTTP (used by Windows services) uses the proxy {}.", "WinHTTP (Windows のサービスが使用) はプロキシ {} を使います。";
    WIN_BYPASS_MISSES = "The bypass list sends these Azure names through the proxy: {}.", "バイパス リストに含まれず、プロキシ経由になる Azure の名前: {}。";
    ALL_THROUGH_A_PROXY_FAIL = "All {} HTTPS checks through a proxy fail this way ({}).", "プロキシ経由の HTTPS チェック {0} 件すべてがこの状態です ({1})。";
    SOME_THROUGH_A_PROXY_FAIL = "{} HTTPS check(s) through a proxy [fails|fail] this way: {}.", "プロキシ経由の HTTPS チェック {0} 件がこの状態です: {1}。";
    CURL_SHOWS_A_PROXY = "curl's output shows a proxy.", "curl の出力にプロキシが現れています。";
    UNNAMED_THROUGH_PROXY_FAIL = "{} HTTPS check(s) through a proxy [fails|fail] this way; the output does not name the destination.", "プロキシ経由の HTTPS チェック {} 件がこの状態です (出力に宛先が示されていません)。";
    AGENT_ENDPOINT_ASKED_PROXY = "the request to {} went to the proxy {}, which answered instead", "{} への要求はプロキシ {} に送られ、プロキシが代わりに応答しました";
    UNNAMED_THROUGH_THE_PROXY_FAIL = "{} HTTPS check(s) through the proxy {} [fails|fail] this way; the output does not name the destination.", "プロキシ {1} 経由の HTTPS チェック {0} 件がこの状態です (出力に宛先が示されていません)。";
}

/// The catalogue entries of the proxy family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::AGENT_ENDPOINT_VIA_PROXY,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "IMDS or the WireServer was asked through a proxy",
            "IMDS または WireServer への要求がプロキシ経由になっています",
            "169.254.169.254 (the instance metadata service, IMDS) and 168.63.129.16 (the WireServer) answer only requests the VM sends them directly; IMDS refuses requests a proxy forwards. The request went to the proxy and the answer is the proxy's, so the endpoint itself was not reached, and every tool on the VM that takes this proxy setting fails the same way (managed identities, the Azure CLI, extensions).",
            "169.254.169.254 (インスタンス メタデータ サービス、IMDS) と 168.63.129.16 (WireServer) は VM から直接送られた要求にだけ応答し、IMDS はプロキシが転送した要求を拒否します。要求はプロキシに送られ、応答もプロキシのものなので、宛先そのものには届いていません。このプロキシ設定を使う VM 上のツール (マネージド ID、Azure CLI、拡張機能) はすべて同じように失敗します。",
            "Exclude both addresses from the proxy: add `169.254.169.254,168.63.129.16` to `no_proxy` and `NO_PROXY` (on Windows, to the proxy bypass list), then test again with `curl --noproxy '*' …`.",
            "両方のアドレスをプロキシの対象外にしてください: `no_proxy` と `NO_PROXY` に `169.254.169.254,168.63.129.16` を追加し (Windows ではプロキシのバイパス リストに追加)、`curl --noproxy '*' …` で再度確認してください。",
        ),
        doc_url: super::registry::DOC_IMDS,
        rule: "G.6",
    },
    Entry {
        code: Code::NC_IGNORES_PROXY,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "nc cannot test the proxy path",
            "nc ではプロキシ経由の通信を確認できません",
            "A proxy is in use, and nc never uses a proxy: its result shows only whether a direct connection works. Even `Connected` / `succeeded!` does not prove that the proxy path works; only curl speaks for it.",
            "プロキシが使用されていますが、nc はプロキシを経由しません。nc の結果は直接接続の可否を示すだけで、「Connected」「succeeded!」と表示されていてもプロキシ経由で通信できるとはいえません。判断は curl の結果で行います。",
            "Judge reachability from the curl checks of the same endpoints.",
            "同じ宛先に対する curl の結果で到達性を判断してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.8",
    },
    Entry {
        code: Code::PROXY_AUTH_REQUIRED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy requires authentication (407)",
            "プロキシが認証を要求しています (407)",
            "The proxy refused to open the tunnel with `407 Proxy Authentication Required`. The `HTTP/1.x 407` line is the proxy's reply to CONNECT, not an answer from Azure: no request reached the endpoint.",
            "プロキシが `407 Proxy Authentication Required` でトンネルの確立を拒否しました。`HTTP/1.x 407` の行はプロキシの CONNECT への応答であり、Azure からの応答ではありません。要求はエンドポイントに届いていません。",
            "Allow this machine through the proxy without authentication for the Azure Backup, Storage and Entra ID FQDNs, or configure the proxy credentials for the backup components.",
            "Azure Backup・Storage・Entra ID の FQDN について、このマシンが認証なしでプロキシを通過できるよう許可するか、バックアップのコンポーネントにプロキシの認証情報を設定してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "D.3",
    },
    Entry {
        code: Code::PROXY_CONFIGURED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "A proxy is in use",
            "プロキシが使用されています",
            "The log shows a proxy (environment variables or curl's own output). curl goes through it; nc does not, so nc results say nothing about the proxy path.",
            "ログにプロキシの使用が示されています (環境変数または curl の出力)。curl はプロキシを経由しますが nc は経由しないため、nc の結果はプロキシ経由の通信については何も示しません。",
            "Make sure the backup components (MARS, the workload backup extension) use the same proxy settings.",
            "バックアップのコンポーネント (MARS、ワークロード バックアップ拡張機能) が同じプロキシ設定を使用することを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "B.6",
    },
    Entry {
        code: Code::PROXY_DENIED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy denies this destination (403)",
            "プロキシがこの宛先への通信を拒否しています (403)",
            "The proxy refused to open the tunnel (`CONNECT tunnel failed, response 403`, e.g. `403 Filtered`). This 403 is the proxy's policy, not Azure's answer, so it is a failure.",
            "プロキシがトンネルの確立を拒否しました (`CONNECT tunnel failed, response 403`、例: `403 Filtered`)。この 403 はプロキシのポリシーによるもので Azure の応答ではないため、失敗と判定します。",
            "Add the denied FQDNs (e.g. *.blob.core.windows.net for Storage) to the proxy's allow list.",
            "拒否された FQDN (Storage の場合は *.blob.core.windows.net など) をプロキシの許可リストに追加してください。",
        ),
        doc_url: DOC_MARS_URLS,
        rule: "D.4",
    },
    Entry {
        code: Code::PROXY_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy refused the connection",
            "プロキシが接続を拒否しました",
            "The proxy answered the CONNECT request with an error, so no request reached the endpoint.",
            "プロキシが CONNECT 要求にエラーで応答したため、要求はエンドポイントに届いていません。",
            "Read the proxy's status and its logs for this destination.",
            "プロキシのステータスと、この宛先に関するプロキシのログを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "D.3",
    },
    Entry {
        code: Code::PROXY_NOT_IN_ENV,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "curl used a proxy that the log's proxy section does not show",
            "プロキシ設定欄にないプロキシを curl が使用しています",
            "The proxy section is blank, yet curl's output shows a proxy (CONNECT replies or proxy errors). The proxy is set elsewhere: upper-case HTTPS_PROXY, a profile script, sudo's environment, or a transparent proxy.",
            "プロキシ設定欄は空白ですが、curl の出力にプロキシ (CONNECT の応答やプロキシのエラー) が現れています。大文字の HTTPS_PROXY、プロファイル スクリプト、sudo の環境、透過プロキシなど、別の場所で設定されています。",
            "Find where the proxy is configured (`env | grep -i proxy`, /etc/environment) and make sure the backup components use the same setting.",
            "プロキシの設定箇所を確認し (`env | grep -i proxy`、/etc/environment)、バックアップのコンポーネントも同じ設定を使うようにしてください。",
        ),
        doc_url: DOC_PROXY,
        rule: "B.6",
    },
    Entry {
        code: Code::PROXY_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy never answered the CONNECT request",
            "プロキシが CONNECT 要求に応答しません",
            "curl reached the proxy but the proxy did not answer CONNECT within curl's 300 s limit (`Proxy CONNECT aborted due to timeout`).",
            "curl はプロキシに接続しましたが、プロキシが curl の制限時間 300 秒以内に CONNECT に応答しませんでした (`Proxy CONNECT aborted due to timeout`)。",
            "Check the proxy's health and its own outbound access to this destination.",
            "プロキシの稼働状態と、プロキシからこの宛先への外向き通信を確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Entry {
        code: Code::PROXY_UNREACHABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy cannot be reached",
            "プロキシに接続できません",
            "curl failed to connect to the proxy itself (the host and port in the error are the proxy's, not the endpoint's): the proxy is down or the address is wrong.",
            "curl がプロキシ自体に接続できませんでした (エラーのホストとポートはエンドポイントではなくプロキシのものです)。プロキシの停止、またはアドレスの誤りです。",
            "Check the proxy address in http_proxy / https_proxy and that the proxy service is running.",
            "http_proxy / https_proxy のプロキシ アドレスと、プロキシ サービスが稼働しているかを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Entry {
        code: Code::PROXY_UNRESOLVABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy's host name does not resolve",
            "プロキシのホスト名を名前解決できません",
            "curl could not resolve the proxy's name (`Could not resolve proxy`, exit code 5): no request was sent.",
            "curl がプロキシの名前を解決できませんでした (`Could not resolve proxy`、終了コード 5)。要求は送信されていません。",
            "Fix the proxy name in http_proxy / https_proxy, or the DNS record for it.",
            "http_proxy / https_proxy のプロキシ名、またはその DNS レコードを修正してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Entry {
        code: Code::PROXY_UPSTREAM_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The proxy could not reach the destination",
            "プロキシから宛先に接続できません",
            "The proxy accepted the request but could not connect to the endpoint itself (CONNECT answered with a 5xx such as `500 Unable to connect`): the proxy's own outbound access is blocked.",
            "プロキシは要求を受け付けましたが、プロキシ自身がエンドポイントに接続できませんでした (CONNECT に `500 Unable to connect` などの 5xx で応答)。プロキシからの外向き通信がブロックされています。",
            "Fix the proxy's outbound rules (firewall, NSG, routes) for the Azure Backup, Storage and Entra ID FQDNs.",
            "Azure Backup・Storage・Entra ID の FQDN について、プロキシからの外向き通信 (ファイアウォール・NSG・ルート) を修正してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Entry {
        code: Code::PROXY_WINDOWS_BACKUP_ACCOUNTS,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The backup services use a proxy the script did not test",
            "バックアップのサービスは、スクリプトが確認していないプロキシを使います",
            "The script tests direct, as the user who runs it. The MARS agent and the SQL / SAP HANA coordinator run as SYSTEM, the workload plug-in as its own account, services use WinHTTP: their traffic takes the proxy set for them, which no check here went through.",
            "スクリプトは実行ユーザーとして直接接続を確認します。MARS エージェントと SQL / SAP HANA のコーディネーターは SYSTEM、ワークロードのプラグインは専用アカウント、サービスは WinHTTP で通信し、それぞれに設定されたプロキシを通りますが、ここのチェックはどれもそのプロキシを経由していません。",
            "Allow the Azure Backup, Storage and Entra ID names on that proxy (or bypass it for them), then test through it: `Invoke-WebRequest -Proxy`, or a backup with the MARS agent's proxy setting.",
            "そのプロキシで Azure Backup・Storage・Entra ID の名前を許可 (またはバイパス) し、プロキシ経由で確認してください: `Invoke-WebRequest -Proxy`、または MARS エージェントのプロキシ設定でのバックアップ。",
        ),
        doc_url: DOC_MARS_URLS,
        rule: "W.3",
    },
    Entry {
        code: Code::PROXY_WINDOWS_NONE,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "No proxy for the backup services",
            "バックアップのサービスにプロキシは設定されていません",
            "SYSTEM, the workload plug-in's account and WinHTTP have no proxy: the direct checks are the backup path.",
            "SYSTEM、プラグインのアカウント、WinHTTP にプロキシはなく、直接接続のチェックがバックアップの経路です。",
            "Read the connection checks.",
            "接続のチェック結果を確認してください。",
        ),
        doc_url: DOC_MARS_URLS,
        rule: "W.3",
    },
];

/// IMDS and the WireServer asked through a proxy (field guide §G.6): whatever the proxy answered
/// (its own 400, a cut-short trace) is not the endpoint's answer. A 2xx relayed by a proxy on the
/// VM itself did come from the endpoint, and a failure of the proxy keeps its own code.
pub(super) fn agent_endpoint(
    target: &str,
    command_proxy: Option<&str>,
    j: &mut super::check::Judged,
) {
    if !crate::parse::is_agent_endpoint(target) || j.status == Status::Failure {
        return;
    }
    let proxy = match (command_proxy, j.facts.proxy_host.as_deref()) {
        (Some(p), _) | (None, Some(p)) => p.to_owned(),
        (None, None) if j.facts.proxy_seen => String::new(),
        (None, None) => return,
    };
    if j.facts.http_status.is_some_and(|c| (200..300).contains(&c)) {
        return;
    }
    j.status = Status::Failure;
    j.code = Code::AGENT_ENDPOINT_VIA_PROXY;
    j.facts.reached = false;
    j.summary = vec![say!(
        AGENT_ENDPOINT_ASKED_PROXY,
        Arg::Hosts(vec![target.to_owned()]),
        Arg::Proxy(proxy.clone())
    )];
    j.facts.proxy_seen = true;
    j.facts.proxy_host = Some(proxy).filter(|p| !p.is_empty());
}

/// curl's errors that come from the proxy rather than the server: its name, its port, its
/// CONNECT reply (a proxy's reply is never the server's answer).
pub(super) fn curl_error(e: &CurlError<'_>) -> Option<Classified> {
    let (code, lower, msg) = (e.code, e.lower.as_str(), e.msg);
    match code {
        5 => {
            let name = msg
                .rsplit([':', '\''])
                .find(|s| !s.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_owned();
            Some((
                Code::PROXY_UNRESOLVABLE,
                say!(PROXY_UNRESOLVED, Arg::Proxy(name.clone())),
                Some(name),
            ))
        }
        7 | 28
            if (lower.contains("failed to connect") || lower.contains("failed connect"))
                && names_proxy(e) =>
        {
            let addr = curl::connect_target(msg)
                .map(|(h, p)| match p {
                    Some(p) => format!("{h}:{p}"),
                    None => h,
                })
                .unwrap_or_default();
            Some((
                Code::PROXY_UNREACHABLE,
                say!(
                    PROXY_UNREACHED,
                    Arg::Word(code.to_string()),
                    Arg::Proxy(addr.clone())
                ),
                Some(addr),
            ))
        }
        28 if lower.contains("proxy connect aborted") || lower.contains("proxy connect") => Some((
            Code::PROXY_TIMEOUT,
            say!(NO_CONNECT_ANSWER),
            Some(String::new()),
        )),
        56 | 97
            if lower.contains("connect tunnel failed")
                || lower.contains("from proxy after connect") =>
        {
            let status = lower
                .split("response ")
                .nth(1)
                .or_else(|| lower.split("http code ").nth(1))
                .and_then(|r| r.get(..3))
                .and_then(|s| s.parse::<u16>().ok())
                .unwrap_or(0);
            let c = match status {
                407 => Code::PROXY_AUTH_REQUIRED,
                403 => Code::PROXY_DENIED,
                500..=599 => Code::PROXY_UPSTREAM_FAILED,
                _ => Code::PROXY_ERROR,
            };
            Some((
                c,
                say!(
                    TUNNEL_REFUSED,
                    Arg::Word(code.to_string()),
                    Arg::Word(status.to_string())
                ),
                Some(String::new()),
            ))
        }
        56 if lower.contains("proxy") => Some(proxy_error(e)),
        97 => Some(proxy_error(e)),
        _ => None,
    }
}

/// curl's own error about the proxy, quoted.
fn proxy_error(e: &CurlError<'_>) -> Classified {
    let (c, summary, _) = e.plain(Code::PROXY_ERROR);
    (c, summary, Some(String::new()))
}

/// A connect failure naming another host or port than the marker's is the proxy (field guide
/// §B.6), as is an error that says it went through one.
fn names_proxy(e: &CurlError<'_>) -> bool {
    curl::connect_target(e.msg).is_some_and(|(h, p)| {
        let host_differs = !e.target.is_empty() && !h.eq_ignore_ascii_case(e.target);
        let port_differs = matches!((p, e.port), (Some(a), Some(b)) if a != b);
        host_differs || port_differs
    }) || e.lower.contains("via ") && e.lower.contains("proxy")
        || e.lower.contains("over proxy")
}

/// Invoke-WebRequest's proxy asked for credentials (English or Japanese .NET wording).
pub(super) fn web_error(says: WebError, message: &str) -> Option<Code> {
    if says == WebError::Status(407) {
        Some(Code::PROXY_AUTH_REQUIRED)
    } else if winmsg::is_proxy_page(message) {
        Some(Code::PROXY_DENIED)
    } else {
        None
    }
}

/// D.8: nc never uses a proxy, so under one its result is not the endpoint's verdict.
pub(super) fn nc_under_proxy(checks: &mut [Check]) {
    for c in checks {
        // iSCSI (3260) never goes through an HTTP proxy, so a failed 3260 still blocks file
        // recovery; a successful one stays unproven like every nc result here (corpus README).
        let iscsi_failure = c.port == Some(3260) && c.status == Status::Failure;
        if c.tool == Tool::Nc && !tool::tested_nothing(c.code) && !iscsi_failure {
            c.status = Status::Inconclusive;
            c.code = Code::NC_IGNORES_PROXY;
            c.summary.insert(0, say!(NC_DIRECT));
        }
    }
}

/// What a group of checks failing at the proxy says together: every check through the proxy
/// failing alike, or nc bypassing it. `None` for the codes this rule does not group.
pub(super) fn group_detail(ctx: &Context<'_>, d: &Draft) -> Option<Sentence> {
    let checks = ctx.checks;
    let n = d.checks.len();
    match d.code {
        Code::PROXY_AUTH_REQUIRED
        | Code::PROXY_DENIED
        | Code::PROXY_UPSTREAM_FAILED
        | Code::PROXY_ERROR
        | Code::PROXY_TIMEOUT
        | Code::PROXY_UNREACHABLE
        | Code::PROXY_UNRESOLVABLE => {
            let targets = targets_of(checks, &d.checks);
            let all_curl = checks.iter().filter(|c| c.tool == Tool::Curl).count();
            let all = n == all_curl && n > 1;
            let proxy = proxy_name(ctx.proxy);
            if targets.iter().all(String::is_empty) {
                return Some(match proxy {
                    Some(p) => say!(UNNAMED_THROUGH_THE_PROXY_FAIL, Arg::Count(n), Arg::Proxy(p)),
                    None => say!(UNNAMED_THROUGH_PROXY_FAIL, Arg::Count(n)),
                });
            }
            // A proxy seen only in curl's replies has no name to give.
            Some(match (proxy, all) {
                (Some(p), true) => say!(
                    ALL_THROUGH_PROXY_FAIL,
                    Arg::Count(n),
                    Arg::Proxy(p),
                    Arg::Hosts(targets)
                ),
                (Some(p), false) => say!(
                    SOME_THROUGH_PROXY_FAIL,
                    Arg::Count(n),
                    Arg::Proxy(p),
                    Arg::Hosts(targets)
                ),
                (None, true) => say!(ALL_THROUGH_A_PROXY_FAIL, Arg::Count(n), Arg::Hosts(targets)),
                (None, false) => {
                    say!(
                        SOME_THROUGH_A_PROXY_FAIL,
                        Arg::Count(n),
                        Arg::Hosts(targets)
                    )
                }
            })
        }
        Code::NC_IGNORES_PROXY => {
            let ok = d
                .checks
                .iter()
                .filter(|&&i| connected_directly(ctx, i))
                .count();
            Some(say!(NC_UNDER_PROXY, Arg::Count(n), Arg::Count(ok)))
        }
        _ => None,
    }
}

/// The proxy the log uses, and a proxy curl went through that the environment does not set.
pub(super) fn drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    if ctx.proxy.detected() {
        let mut d = Draft::new(Code::PROXY_CONFIGURED);
        d.detail = vec![match (proxy_name(ctx.proxy), ctx.proxy.in_env()) {
            (Some(p), true) => say!(SECTION_SETS, Arg::Proxy(p)),
            (Some(p), false) => say!(CURL_SHOWS, Arg::Proxy(p)),
            (None, _) => say!(CURL_SHOWS_A_PROXY),
        }];
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

fn proxy_name(p: &ProxyInfo) -> Option<String> {
    p.https_proxy
        .clone()
        .or_else(|| p.http_proxy.clone())
        .or_else(|| p.from_curl.clone())
        .filter(|s| !s.is_empty())
}

/// The names the Windows script tests, one per kind, to read a bypass list against.
const AZURE_NAMES: &[(&str, &str)] = &[
    (
        "*.backup.windowsazure.com",
        "pod01-manag1.jpe.backup.windowsazure.com",
    ),
    (
        "*.blob.core.windows.net",
        "ceuswatcab01.blob.core.windows.net",
    ),
    (
        "*.blob.storage.azure.net",
        "md-dlbrhcw4gn5r.z33.blob.storage.azure.net",
    ),
    ("login.microsoft.com", "login.microsoft.com"),
    ("login.windows.net", "login.windows.net"),
    ("login.microsoftonline.com", "login.microsoftonline.com"),
];

/// W.3: the Windows script tests direct as the user who runs it; a proxy set for SYSTEM, the
/// workload plug-in's account (or any other service account) or WinHTTP is the path backup
/// traffic takes instead. Returns the verdict the settings alone give, `None` without them.
pub(crate) fn windows_settings(s: &WinSettings, drafts: &mut Vec<Draft>) -> Option<Status> {
    let winhttp_said = s
        .winhttp
        .as_ref()
        .is_some_and(|w| w.direct || w.proxy.is_some());
    if s.read_accounts().next().is_none() && !winhttp_said {
        return None;
    }
    let mut d = Draft::new(Code::PROXY_WINDOWS_BACKUP_ACCOUNTS);
    let mut bypass: Vec<&str> = Vec::new();
    for a in s.read_accounts() {
        let (Some(true), Some(server)) = (a.enabled, a.server.as_ref()) else {
            continue;
        };
        let proxy = Arg::Proxy(server.clone());
        d.detail.push(match &a.account {
            Account::CurrentUser => continue,
            Account::System => say!(WIN_SYSTEM_PROXY, proxy),
            Account::WorkloadPlugin => say!(WIN_PLUGIN_PROXY, proxy),
            Account::Other(name) => say!(WIN_ACCOUNT_PROXY, Arg::Word(name.clone()), proxy),
        });
        d.lines.push(a.lines);
        bypass.push(a.bypass.as_deref().unwrap_or(""));
    }
    if let Some((p, n)) = s
        .winhttp
        .as_ref()
        .and_then(|w| w.proxy.as_ref().map(|p| (p, w)))
    {
        d.detail
            .push(say!(WIN_WINHTTP_PROXY, Arg::Proxy(p.0.clone())));
        d.lines.push(crate::report::Lines(n.line, p.1));
        bypass.push(n.bypass.as_deref().unwrap_or(""));
    }
    if d.detail.is_empty() {
        let mut none = Draft::new(Code::PROXY_WINDOWS_NONE);
        none.lines = s.read_accounts().map(|a| a.lines).collect();
        none.lines.extend(
            s.winhttp
                .as_ref()
                .map(|w| crate::report::Lines::one(w.line)),
        );
        drafts.push(none);
        return Some(Status::Ok);
    }
    let missed: Vec<String> = AZURE_NAMES
        .iter()
        .filter(|(_, host)| bypass.iter().any(|list| !winsettings::bypasses(list, host)))
        .map(|(name, _)| (*name).to_owned())
        .collect();
    if !missed.is_empty() {
        d.detail.push(say!(WIN_BYPASS_MISSES, Arg::Hosts(missed)));
    }
    drafts.push(d);
    Some(Status::Warning)
}

#[cfg(test)]
mod tests {
    use super::super::http::classify_error;
    use super::*;

    fn classify(code: u16, msg: &str) -> Classified {
        classify_error("login.microsoft.com", Some(443), code, msg)
    }

    #[test]
    fn the_tunnel_reply_status_names_the_proxy_failure() {
        let cases = [
            (
                "Received HTTP code 407 from proxy after CONNECT",
                Code::PROXY_AUTH_REQUIRED,
            ),
            (
                "Received HTTP code 403 from proxy after CONNECT",
                Code::PROXY_DENIED,
            ),
            (
                "Received HTTP code 502 from proxy after CONNECT",
                Code::PROXY_UPSTREAM_FAILED,
            ),
            ("CONNECT tunnel failed, response 400", Code::PROXY_ERROR),
        ];
        for (msg, code) in cases {
            assert_eq!(classify(56, msg).0, code, "{msg}");
        }
    }

    #[test]
    fn an_unresolvable_proxy_is_named() {
        let (code, _, proxy) = classify(5, "Could not resolve proxy: proxy.contoso.local");
        assert_eq!(code, Code::PROXY_UNRESOLVABLE);
        assert_eq!(proxy.as_deref(), Some("proxy.contoso.local"));
    }

    #[test]
    fn a_connect_that_times_out_at_the_proxy_is_the_proxys_timeout() {
        assert_eq!(
            classify(28, "Proxy CONNECT aborted due to timeout").0,
            Code::PROXY_TIMEOUT
        );
    }

    #[test]
    fn a_web_cmdlets_407_or_block_page_is_the_proxys() {
        assert_eq!(
            web_error(
                WebError::Status(407),
                "(407) Proxy Authentication Required."
            ),
            Some(Code::PROXY_AUTH_REQUIRED)
        );
        assert_eq!(
            web_error(
                WebError::Body,
                "<html><title>Blocked by the proxy</title></html>"
            ),
            Some(Code::PROXY_DENIED)
        );
        assert_eq!(web_error(WebError::Status(404), "(404) Not Found."), None);
    }
}
