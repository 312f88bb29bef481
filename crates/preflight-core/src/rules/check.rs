//! One block's verdict from its own output (rule D.1), before context (proxy, hosts file) is
//! applied in `rules::context`.

use crate::code::Code;
use crate::i18n::TextBuf;
use crate::parse::curl::{self, CurlEvidence};
use crate::parse::nc::{self, ConnectError, NcFlavor, NcOutcome};
use crate::parse::nslookup::{self, DnsOutcome};
use crate::parse::shell;
use crate::report::{Status, Tool};
use crate::tr;

/// What rules across checks need to know about one check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The name did not resolve, from any tool.
    pub dns_failed: bool,
    /// Addresses nslookup returned.
    pub addresses: Vec<String>,
    pub cnames: Vec<String>,
    /// nc connected or the server answered over HTTPS.
    pub reached: bool,
    /// curl's output shows a proxy; the proxy `host[:port]` when an error names it.
    pub proxy_seen: bool,
    pub proxy_host: Option<String>,
    /// Addresses that failed before another address worked (nc).
    pub dead_addresses: Vec<String>,
    pub missing_tool: Option<String>,
    /// The outcome has no decisive line (a cut-off block is then `CHECK_TRUNCATED`).
    pub undecided: bool,
    /// netcat-traditional tried only the first address.
    pub first_address_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub status: Status,
    pub code: Code,
    pub summary: TextBuf,
    /// Lines the verdict rests on.
    pub lines: Vec<usize>,
    pub flavor: Option<String>,
    pub facts: Facts,
}

impl Judged {
    fn new(code: Code, status: Status, summary: TextBuf, lines: Vec<usize>) -> Self {
        Judged {
            status,
            code,
            summary,
            lines,
            flavor: None,
            facts: Facts::default(),
        }
    }
}

/// Judges one block. `lines` are the block's output lines (not the marker).
pub fn judge(tool: Tool, target: &str, port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    if let Some(m) = shell::find_missing(lines.iter().copied()) {
        let mut j = Judged::new(
            Code::TOOL_MISSING,
            Status::Inconclusive,
            tr!(en: "`{}` is not installed: the check did not run", m.command; ja: "`{}` がインストールされていないため、チェックは実行されていません", m.command),
            vec![m.line],
        );
        j.facts.missing_tool = Some(m.command);
        return j;
    }
    match tool {
        Tool::Nslookup => judge_nslookup(lines),
        Tool::Nc => judge_nc(port, lines),
        Tool::Tnc => judge_tnc(port, lines),
        Tool::Curl => judge_curl(target, port, lines),
        Tool::InvokeWebRequest => judge_iwr(lines),
        Tool::Unknown => {
            let mut j = Judged::new(
                Code::OUTPUT_UNRECOGNISED,
                Status::Inconclusive,
                tr!(en: "not a command Preflight interprets"; ja: "Preflight が解釈しないコマンドです"),
                Vec::new(),
            );
            j.facts.undecided = true;
            j
        }
    }
}

fn judge_nslookup(lines: &[(usize, &str)]) -> Judged {
    let ev = nslookup::parse(lines.iter().copied());
    let flavor = Some(ev.flavor.word().to_owned());
    let server = ev.server.clone().unwrap_or_else(|| "?".to_owned());
    let (code, status, summary) = match &ev.outcome {
        DnsOutcome::Resolved { addresses, .. } => (
            Code::DNS_RESOLVED,
            Status::Ok,
            tr!(en: "resolved to {}", addresses.join(", "); ja: "{} に名前解決できました", addresses.join(", ")),
        ),
        DnsOutcome::Timeout => (
            Code::DNS_TIMEOUT,
            Status::Failure,
            tr!(en: "no reply from the DNS server"; ja: "DNS サーバーから応答がありません"),
        ),
        DnsOutcome::ServerRefused => (
            Code::DNS_SERVER_REFUSED,
            Status::Failure,
            tr!(en: "the DNS server's port refused the query"; ja: "DNS サーバーのポートが問い合わせを拒否しました"),
        ),
        DnsOutcome::NoNameserver => (
            Code::DNS_NO_NAMESERVER,
            Status::Failure,
            tr!(en: "no nameserver configured (fell back to localhost)"; ja: "nameserver が未設定です (localhost に問い合わせ)"),
        ),
        DnsOutcome::NxDomain => (
            Code::DNS_NXDOMAIN,
            Status::Failure,
            tr!(en: "NXDOMAIN from {}: the name does not exist there", server; ja: "{} が NXDOMAIN を返しました (名前が存在しません)", server),
        ),
        DnsOutcome::ServFail => (
            Code::DNS_SERVFAIL,
            Status::Failure,
            tr!(en: "SERVFAIL from {}", server; ja: "{} が SERVFAIL を返しました", server),
        ),
        DnsOutcome::QueryRefused => (
            Code::DNS_QUERY_REFUSED,
            Status::Failure,
            tr!(en: "REFUSED by {}", server; ja: "{} が REFUSED を返しました", server),
        ),
        DnsOutcome::NoAnswer => (
            Code::DNS_NO_ADDRESS,
            Status::Failure,
            tr!(en: "answered without an address"; ja: "アドレスなしの応答でした"),
        ),
        DnsOutcome::Empty => (
            Code::CHECK_TRUNCATED,
            Status::Inconclusive,
            tr!(en: "no output"; ja: "出力がありません"),
        ),
        DnsOutcome::Unrecognised => (
            Code::OUTPUT_UNRECOGNISED,
            Status::Inconclusive,
            tr!(en: "output not recognised as nslookup's"; ja: "nslookup の出力として認識できません"),
        ),
    };
    let mut j = Judged::new(code, status, summary, ev.lines.clone());
    j.flavor = flavor;
    j.facts.undecided = ev.lines.is_empty();
    match ev.outcome {
        DnsOutcome::Resolved {
            addresses, cnames, ..
        } => {
            j.facts.addresses = addresses;
            j.facts.cnames = cnames;
        }
        DnsOutcome::Empty | DnsOutcome::Unrecognised => {}
        _ => j.facts.dns_failed = true,
    }
    j
}

fn connect_words(e: ConnectError) -> (Code, TextBuf) {
    match e {
        ConnectError::Refused => (
            Code::TCP_REFUSED,
            tr!(en: "connection refused"; ja: "接続が拒否されました"),
        ),
        ConnectError::TimedOut => (
            Code::TCP_TIMEOUT,
            tr!(en: "connection timed out"; ja: "接続がタイムアウトしました"),
        ),
        ConnectError::NoRoute => (
            Code::TCP_UNREACHABLE,
            tr!(en: "no route to host"; ja: "ホストへの経路がありません (No route to host)"),
        ),
        ConnectError::NetUnreachable => (
            Code::TCP_UNREACHABLE,
            tr!(en: "network is unreachable"; ja: "ネットワークに到達できません (Network is unreachable)"),
        ),
        ConnectError::Other => (
            Code::TCP_CONNECT_FAILED,
            tr!(en: "connection failed"; ja: "接続に失敗しました"),
        ),
    }
}

fn judge_nc(port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    let ev = nc::parse(lines.iter().copied());
    let port_s = port
        .map(|p| p.to_string())
        .unwrap_or_else(|| "?".to_owned());
    let mut j = match &ev.outcome {
        NcOutcome::Connected { address } => {
            let addr = address.clone().unwrap_or_default();
            let mut s = if addr.is_empty() {
                tr!(en: "connected to port {}", port_s; ja: "ポート {} に接続できました", port_s)
            } else {
                tr!(en: "connected to {} port {}", addr, port_s; ja: "{} のポート {} に接続できました", addr, port_s)
            };
            if !ev.dead_addresses.is_empty() {
                let dead: Vec<&str> = ev.dead_addresses.iter().map(|d| d.0.as_str()).collect();
                s = s.join(&tr!(en: "(after {} failed)", dead.join(", "); ja: "({} は失敗)", dead.join(", ")));
            }
            let mut j = Judged::new(Code::TCP_CONNECTED, Status::Ok, s, ev.lines.clone());
            j.facts.reached = true;
            j.facts.dead_addresses = ev.dead_addresses.iter().map(|d| d.0.clone()).collect();
            j
        }
        NcOutcome::Failed { error, address, .. } => {
            let (code, words) = connect_words(*error);
            let s = match address {
                Some(a) if !a.is_empty() => {
                    words.join(&tr!(en: "({} port {})", a, port_s; ja: "({} ポート {})", a, port_s))
                }
                _ => words.join(&tr!(en: "(port {})", port_s; ja: "(ポート {})", port_s)),
            };
            let mut j = Judged::new(code, Status::Failure, s, ev.lines.clone());
            if ev.flavor == NcFlavor::Traditional {
                j.facts.first_address_only = true;
                j.summary = j.summary.join(&tr!(
                    en: "— netcat-traditional tries only the first address";
                    ja: "(netcat-traditional は最初のアドレスしか試しません)"
                ));
            }
            j
        }
        NcOutcome::DnsTemporary => {
            let mut j = Judged::new(
                Code::DNS_LOOKUP_FAILED,
                Status::Failure,
                tr!(en: "the name did not resolve (temporary failure in name resolution)"; ja: "名前解決に失敗しました (Temporary failure in name resolution)"),
                ev.lines.clone(),
            );
            j.facts.dns_failed = true;
            j
        }
        NcOutcome::DnsUnknownHost => {
            let mut j = Judged::new(
                Code::DNS_LOOKUP_FAILED,
                Status::Failure,
                tr!(en: "the name does not exist (unknown host)"; ja: "名前が存在しません (Unknown host / Name or service not known)"),
                ev.lines.clone(),
            );
            j.facts.dns_failed = true;
            j
        }
        NcOutcome::UsageError { fullwidth_space } => Judged::new(
            Code::NC_USAGE_ERROR,
            Status::Failure,
            if *fullwidth_space {
                tr!(en: "mistyped command: a full-width space (U+3000) is in it; nothing was tested"; ja: "コマンドに全角スペース (U+3000) が含まれる入力誤りです。何も確認されていません")
            } else {
                tr!(en: "mistyped command (`missing port number`); nothing was tested"; ja: "コマンドの入力誤りです (`missing port number`)。何も確認されていません")
            },
            ev.lines.clone(),
        ),
        NcOutcome::Unsupported => Judged::new(
            Code::NC_UNSUPPORTED,
            Status::Inconclusive,
            tr!(en: "BusyBox nc has no -v/-z: the check did not run"; ja: "BusyBox の nc は -v/-z に未対応のため、チェックは実行されていません"),
            ev.lines.clone(),
        ),
        NcOutcome::Empty => {
            let mut j = Judged::new(
                Code::CHECK_TRUNCATED,
                Status::Inconclusive,
                tr!(en: "no output"; ja: "出力がありません"),
                Vec::new(),
            );
            j.facts.undecided = true;
            j
        }
        NcOutcome::Unrecognised => {
            let mut j = Judged::new(
                Code::OUTPUT_UNRECOGNISED,
                Status::Inconclusive,
                tr!(en: "output not recognised as nc's"; ja: "nc の出力として認識できません"),
                Vec::new(),
            );
            j.facts.undecided = true;
            j
        }
    };
    j.flavor = Some(ev.flavor.word().to_owned());
    j
}

/// `Result of tnc - 443 / … IPaddress <ip> / TcpTestSucceeded: True|False` (Windows, field guide §F).
fn judge_tnc(port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    let port_s = port
        .map(|p| p.to_string())
        .unwrap_or_else(|| "?".to_owned());
    for &(n, raw) in lines {
        let t = raw.trim();
        let Some((_, verdict)) = t.rsplit_once("TcpTestSucceeded") else {
            continue;
        };
        let verdict = verdict
            .trim_start_matches([' ', ':'])
            .trim()
            .to_ascii_lowercase();
        let address = t
            .split("IPaddress")
            .nth(1)
            .map(|r| r.trim_start())
            .and_then(|r| r.split_whitespace().next())
            .filter(|a| *a != "/" && crate::parse::is_ip_literal(a));
        let mut j = match (verdict.as_str(), address) {
            (_, None) => {
                let mut j = Judged::new(
                    Code::DNS_LOOKUP_FAILED,
                    Status::Failure,
                    tr!(en: "the name did not resolve (no IP address after IPaddress)"; ja: "名前解決できませんでした (IPaddress の後に IP アドレスがありません)"),
                    vec![n],
                );
                j.facts.dns_failed = true;
                j
            }
            ("true", Some(a)) => {
                let mut j = Judged::new(
                    Code::TCP_CONNECTED,
                    Status::Ok,
                    tr!(en: "connected to {} port {}", a, port_s; ja: "{} のポート {} に接続できました", a, port_s),
                    vec![n],
                );
                j.facts.reached = true;
                j
            }
            ("false", Some(a)) => Judged::new(
                Code::TCP_CONNECT_FAILED,
                Status::Failure,
                tr!(en: "TCP connection to {} port {} failed", a, port_s; ja: "{} のポート {} への TCP 接続に失敗しました", a, port_s),
                vec![n],
            ),
            _ => continue,
        };
        j.flavor = Some("test-netconnection".to_owned());
        return j;
    }
    let mut j = Judged::new(
        Code::OUTPUT_UNRECOGNISED,
        Status::Inconclusive,
        tr!(en: "output not recognised as Test-NetConnection's"; ja: "Test-NetConnection の出力として認識できません"),
        Vec::new(),
    );
    j.facts.undecided = true;
    j
}

/// `Result of Invoke-webRequest  / StatusCode: 200/ …` or `PS>TerminatingError(Invoke-WebRequest): "…"`
/// in English or Japanese .NET wording (field guide §F).
fn judge_iwr(lines: &[(usize, &str)]) -> Judged {
    for &(n, raw) in lines {
        let t = raw.trim();
        if let Some(rest) = t.split("StatusCode:").nth(1) {
            let code = rest
                .trim()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            let mut j = Judged::new(
                Code::HTTPS_REACHABLE,
                Status::Ok,
                tr!(en: "the server answered HTTP {}", code; ja: "サーバーが HTTP {} で応答しました", code),
                vec![n],
            );
            j.facts.reached = true;
            j.flavor = Some("invoke-webrequest".to_owned());
            return j;
        }
        if !t.contains("TerminatingError") && !t.contains("Invoke-WebRequest :") {
            continue;
        }
        let msg = t
            .split_once(": ")
            .map(|x| x.1)
            .unwrap_or(t)
            .trim_matches('"');
        let lower = msg.to_ascii_lowercase();
        let quoted = crate::parse::clip(msg, 160);
        let status_in_parens = |c: &str| lower.contains(&format!("({c})"));
        let answered = ["400", "401", "403", "404", "405", "409"]
            .iter()
            .any(|c| status_in_parens(c))
            || msg.starts_with("InvalidQueryParameterValue")
            || msg.starts_with("AuthenticationFailed")
            || msg.contains("見つかりません")
            || msg.contains("<Error>");
        let (code, status) = if status_in_parens("407") || msg.contains("プロキシ認証") {
            (Code::PROXY_AUTH_REQUIRED, Status::Failure)
        } else if answered {
            (Code::HTTPS_REACHABLE, Status::Ok)
        } else if lower.contains("remote name could not be resolved")
            || msg.contains("リモート名を解決できません")
        {
            (Code::DNS_LOOKUP_FAILED, Status::Failure)
        } else if lower.contains("unable to connect to the remote server")
            || msg.contains("リモート サーバーに接続できません")
        {
            (Code::TCP_CONNECT_FAILED, Status::Failure)
        } else if lower.contains("trust relationship") || msg.contains("信頼関係") {
            (Code::TLS_UNTRUSTED, Status::Failure)
        } else if lower.contains("timed out") || msg.contains("タイムアウト") {
            (Code::HTTPS_TIMEOUT, Status::Failure)
        } else if lower.contains("underlying connection was closed")
            || msg.contains("基になる接続が閉じられました")
        {
            (Code::TLS_HANDSHAKE_FAILED, Status::Failure)
        } else {
            (Code::HTTPS_REQUEST_FAILED, Status::Failure)
        };
        let summary = if status == Status::Ok {
            tr!(en: "the server answered with an error status (reachable): {}", quoted; ja: "サーバーがエラー ステータスで応答しました (到達可能): {}", quoted)
        } else {
            tr!(en: "Invoke-WebRequest failed: {}", quoted; ja: "Invoke-WebRequest が失敗しました: {}", quoted)
        };
        let mut j = Judged::new(code, status, summary, vec![n]);
        j.facts.reached = status == Status::Ok;
        j.facts.dns_failed = code == Code::DNS_LOOKUP_FAILED;
        j.flavor = Some("invoke-webrequest".to_owned());
        return j;
    }
    let mut j = Judged::new(
        Code::CHECK_TRUNCATED,
        Status::Inconclusive,
        tr!(en: "no result line after the marker"; ja: "マーカーの後に結果行がありません"),
        Vec::new(),
    );
    j.facts.undecided = true;
    j
}

fn judge_curl(target: &str, port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    let ev = curl::parse(lines.iter().copied());
    let mut j = classify_curl(target, port, &ev);
    j.facts.proxy_seen = j.facts.proxy_seen || ev.shows_proxy();
    j
}

fn classify_curl(target: &str, port: Option<u16>, ev: &CurlEvidence) -> Judged {
    if let Some(err) = ev.first_error() {
        let (code, summary, proxy_host) = classify_error(target, port, err.code, &err.message);
        let mut lines = vec![err.line];
        // The proxy's own status line sits next to its error; quote it too (it is evidence).
        lines.extend(ev.statuses.iter().filter(|s| s.from_proxy).map(|s| s.line));
        let mut j = Judged::new(code, Status::Failure, summary, lines);
        j.facts.dns_failed = code == Code::DNS_LOOKUP_FAILED;
        j.facts.proxy_host = proxy_host.clone();
        j.facts.proxy_seen = proxy_host.is_some();
        return j;
    }
    if let Some(st) = ev.server_status() {
        let mut lines: Vec<usize> = ev
            .statuses
            .iter()
            .filter(|s| s.from_proxy)
            .map(|s| s.line)
            .collect();
        lines.push(st.line);
        let reason = if st.reason.is_empty() {
            String::new()
        } else {
            format!(" {}", st.reason)
        };
        let via = if ev.statuses.iter().any(|s| s.from_proxy) {
            tr!(en: "through the proxy"; ja: "(プロキシ経由)")
        } else {
            TextBuf::default()
        };
        let summary = tr!(en: "the server answered HTTP {}{}", st.code, reason; ja: "サーバーが HTTP {}{} で応答しました", st.code, reason).join(&via);
        let mut j = Judged::new(Code::HTTPS_REACHABLE, Status::Ok, summary, lines);
        j.facts.reached = true;
        return j;
    }
    let mut j = if ev.statuses.iter().any(|s| s.from_proxy) {
        Judged::new(
            Code::CHECK_TRUNCATED,
            Status::Inconclusive,
            tr!(en: "the proxy opened the tunnel but no server answer follows"; ja: "プロキシはトンネルを確立しましたが、サーバーの応答がありません"),
            ev.statuses.iter().map(|s| s.line).collect(),
        )
    } else if ev.meter || ev.non_blank == 0 {
        Judged::new(
            Code::CHECK_TRUNCATED,
            Status::Inconclusive,
            tr!(en: "curl printed no result (only its progress meter)"; ja: "curl の結果がありません (進捗表示のみ)"),
            Vec::new(),
        )
    } else {
        Judged::new(
            Code::OUTPUT_UNRECOGNISED,
            Status::Inconclusive,
            tr!(en: "output not recognised as curl's"; ja: "curl の出力として認識できません"),
            Vec::new(),
        )
    };
    j.facts.undecided = true;
    j
}

/// Maps a `curl: (N) message` to a code, a summary and, when the error names the proxy, its address.
pub fn classify_error(
    target: &str,
    port: Option<u16>,
    code: u16,
    msg: &str,
) -> (Code, TextBuf, Option<String>) {
    let lower = msg.to_ascii_lowercase();
    let quoted = crate::parse::clip(msg, 160);
    let plain = |c: Code| {
        (
            c,
            tr!(en: "curl ({}) {}", code, quoted; ja: "curl ({}) {}", code, quoted),
            None,
        )
    };
    // A connect failure naming another host or port than the marker's is the proxy (field guide §B.6).
    let named = curl::connect_target(msg);
    let names_proxy = named.as_ref().is_some_and(|(h, p)| {
        let host_differs = !target.is_empty() && !h.eq_ignore_ascii_case(target);
        let port_differs = matches!((p, port), (Some(a), Some(b)) if *a != b);
        host_differs || port_differs
    }) || lower.contains("via ") && lower.contains("proxy")
        || lower.contains("over proxy");
    let proxy_addr = named.as_ref().map(|(h, p)| match p {
        Some(p) => format!("{h}:{p}"),
        None => h.clone(),
    });
    match code {
        5 => {
            let name = msg
                .rsplit([':', '\''])
                .find(|s| !s.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_owned();
            (
                Code::PROXY_UNRESOLVABLE,
                tr!(en: "curl (5) the proxy name {} does not resolve", name; ja: "curl (5) プロキシ名 {} を名前解決できません", name),
                Some(name),
            )
        }
        6 => (
            Code::DNS_LOOKUP_FAILED,
            tr!(en: "curl (6) could not resolve the host name"; ja: "curl (6) ホスト名を名前解決できません"),
            None,
        ),
        7 | 28
            if names_proxy
                && (lower.contains("failed to connect") || lower.contains("failed connect")) =>
        {
            let addr = proxy_addr.unwrap_or_default();
            (
                Code::PROXY_UNREACHABLE,
                tr!(en: "curl ({}) could not connect to the proxy {}", code, addr; ja: "curl ({}) プロキシ {} に接続できません", code, addr),
                Some(addr),
            )
        }
        28 if lower.contains("proxy connect aborted") || lower.contains("proxy connect") => (
            Code::PROXY_TIMEOUT,
            tr!(en: "curl (28) the proxy never answered CONNECT"; ja: "curl (28) プロキシが CONNECT に応答しません"),
            Some(String::new()),
        ),
        28 if lower.contains("ssl connection timeout") => plain(Code::TLS_TIMEOUT),
        28 if lower.contains("resolving timed out") => plain(Code::DNS_LOOKUP_FAILED),
        28 if lower.contains("failed to connect")
            || lower.contains("failed connect")
            || lower.contains("connection timed out")
            || lower.contains("connection timeout") =>
        {
            (
                Code::TCP_TIMEOUT,
                tr!(en: "curl (28) connection timed out (packets dropped)"; ja: "curl (28) 接続がタイムアウトしました (パケットの破棄)"),
                None,
            )
        }
        28 => plain(Code::HTTPS_TIMEOUT),
        7 => {
            let e = ConnectError::from_text(msg);
            let c = match e {
                ConnectError::Refused => Code::TCP_REFUSED,
                ConnectError::TimedOut => Code::TCP_TIMEOUT,
                ConnectError::NoRoute | ConnectError::NetUnreachable => Code::TCP_UNREACHABLE,
                ConnectError::Other => Code::TCP_CONNECT_FAILED,
            };
            plain(c)
        }
        35 if lower.contains("reset by peer") => plain(Code::TLS_RESET),
        35 => plain(Code::TLS_HANDSHAKE_FAILED),
        51 => plain(Code::TLS_NAME_MISMATCH),
        52 => plain(Code::HTTP_EMPTY_REPLY),
        16 | 92 => plain(Code::HTTP2_ERROR),
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
            (
                c,
                tr!(en: "curl ({}) the proxy refused the tunnel with {}", code, status; ja: "curl ({}) プロキシが {} でトンネルを拒否しました", code, status),
                Some(String::new()),
            )
        }
        56 if lower.contains("proxy") => (
            Code::PROXY_ERROR,
            tr!(en: "curl (56) {}", quoted; ja: "curl (56) {}", quoted),
            Some(String::new()),
        ),
        // (56) after the handshake is a reset of an established connection, not SNI filtering.
        56 if lower.contains("reset by peer") => plain(Code::CURL_ERROR),
        97 => (
            Code::PROXY_ERROR,
            tr!(en: "curl (97) {}", quoted; ja: "curl (97) {}", quoted),
            Some(String::new()),
        ),
        60 | 83 => {
            let c = if lower.contains("certificate chain")
                || lower.contains("unable to get local issuer")
                || lower.contains("issuer is not recognized")
                || lower.contains("unable to get issuer")
            {
                Code::TLS_INTERCEPTED
            } else if lower.contains("expired") {
                Code::TLS_CERT_EXPIRED
            } else if lower.contains("subject name")
                || lower.contains("does not match")
                || lower.contains("doesn't match")
            {
                Code::TLS_NAME_MISMATCH
            } else {
                Code::TLS_UNTRUSTED
            };
            plain(c)
        }
        77 => plain(Code::CA_BUNDLE_MISSING),
        _ => plain(Code::CURL_ERROR),
    }
}

/// Guesses the tool from a pasted output that has no marker line.
pub fn guess_tool(lines: &[&str]) -> Option<Tool> {
    if curl::looks_like(lines) {
        Some(Tool::Curl)
    } else if nc::looks_like(lines) {
        Some(Tool::Nc)
    } else if nslookup::looks_like(lines) {
        Some(Tool::Nslookup)
    } else {
        None
    }
}

/// Target and port named inside a pasted output with no marker.
pub fn guess_target(tool: Tool, lines: &[&str]) -> (String, Option<u16>) {
    for l in lines {
        let t = crate::parse::visible(l);
        let t = t.trim();
        match tool {
            Tool::Nslookup => {
                if let Some((name, _)) = t
                    .split_once("\tcanonical name =")
                    .or_else(|| t.split_once(" canonical name ="))
                {
                    return (name.trim().to_owned(), None);
                }
                if let Some(rest) = t.strip_prefix("** server can't find ") {
                    return (rest.split(':').next().unwrap_or("").trim().to_owned(), None);
                }
            }
            Tool::Nc => {
                if let Some(rest) = t.strip_prefix("Connection to ") {
                    let mut w = rest.split_whitespace();
                    let host = w.next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .next()
                        .and_then(|h| h.split_whitespace().last())
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.strip_prefix("nc: connect to ") {
                    let host = rest.split_whitespace().next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .nth(1)
                        .and_then(|p| p.split_whitespace().next())
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.split_once("forward host lookup failed").map(|(h, _)| h) {
                    return (rest.trim().trim_end_matches(':').to_owned(), None);
                }
                if let Some(rest) = t.strip_prefix("nc: getaddrinfo for host \"") {
                    let host = rest.split('"').next().unwrap_or("").to_owned();
                    let port = rest
                        .split(" port ")
                        .nth(1)
                        .and_then(|p| {
                            p.trim_end_matches(|c: char| !c.is_ascii_digit())
                                .split(':')
                                .next()
                        })
                        .and_then(|p| p.parse().ok());
                    return (host, port);
                }
                if let Some(rest) = t.strip_prefix("Ncat: Connected to ") {
                    let a = rest.trim_end_matches('.');
                    if let Some((h, p)) = a.rsplit_once(':') {
                        return (h.to_owned(), p.parse().ok());
                    }
                }
                // netcat-traditional: `<name> [<ip>] <port> (<svc>) …`; the name may be the CNAME target.
                if let (Some(open), Some(close)) = (t.find(" ["), t.find("] ")) {
                    if open < close {
                        let host = t.get(..open).unwrap_or("").trim();
                        let port = t
                            .get(close + 2..)
                            .and_then(|r| r.split_whitespace().next())
                            .and_then(|p| p.parse().ok());
                        if host != "(UNKNOWN)" {
                            return (host.to_owned(), port);
                        }
                        return (t.get(open + 2..close).unwrap_or("").to_owned(), port);
                    }
                }
                if t.contains("Could not resolve hostname \"") {
                    return (t.split('"').nth(1).unwrap_or("").to_owned(), None);
                }
            }
            Tool::Curl => {
                if let Some(pos) = t
                    .find("Could not resolve host: ")
                    .or_else(|| t.find("Couldn't resolve host '"))
                {
                    let rest = t.get(pos..).unwrap_or("");
                    let host = rest
                        .split([':', '\''])
                        .nth(1)
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    return (host, Some(443));
                }
                // A connect failure on another port names the proxy, not the target.
                if let Some((h, Some(443))) = curl::connect_target(t) {
                    return (h, Some(443));
                }
                if let Some(pos) = t.find("in connection to ") {
                    let rest = t.get(pos + 17..).unwrap_or("").trim();
                    if let Some((h, p)) = rest.rsplit_once(':') {
                        return (h.to_owned(), p.trim().parse().ok());
                    }
                }
            }
            _ => {}
        }
    }
    (
        String::new(),
        if tool == Tool::Curl { Some(443) } else { None },
    )
}
