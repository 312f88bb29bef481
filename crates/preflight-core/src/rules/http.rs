//! The HTTP family: the HTTPS request itself and curl's errors that are not about DNS, TCP, TLS or a proxy.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: curl's and Invoke-WebRequest's results (each
//! error offered first to the proxy, TLS, DNS and TCP families, which own theirs), and curl's
//! remaining errors.

use crate::code::Code;
use crate::parse::curl::{self, CurlEvidence};
use crate::parse::winmsg::{self, WebError, WebResult};
use crate::report::{Arg, Sentence, Severity, Status};

use super::check::Judged;
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_WORKLOAD_NET};
use super::say::say;
use super::{dns, proxy, tcp, tls, tool};

super::say::sentences! { Http;
    CURL_SAID = "curl ({}) {}", "curl ({}) {}";
    CURL_CONNECT_TIMED_OUT = "curl (28) connection timed out (packets dropped)", "curl (28) 接続がタイムアウトしました (パケットの破棄)";
    SERVER_ANSWERED = "the server answered HTTP {}", "サーバーが HTTP {} で応答しました";
    SERVER_ANSWERED_REASON = "the server answered HTTP {} {}", "サーバーが HTTP {} {} で応答しました";
    THROUGH_PROXY = "through the proxy", "(プロキシ経由)";
    TUNNEL_WITHOUT_ANSWER = "the proxy opened the tunnel but no server answer follows", "プロキシはトンネルを確立しましたが、サーバーの応答がありません";
    ONLY_PROGRESS_METER = "curl printed no result (only its progress meter)", "curl の結果がありません (進捗表示のみ)";
    NOT_CURL = "output not recognised as curl's", "curl の出力として認識できません";
    ERROR_STATUS_ANSWER = "the server answered with an error status (reachable): {}", "サーバーがエラー ステータスで応答しました (到達可能): {}";
    IWR_FAILED = "Invoke-WebRequest failed: {}", "Invoke-WebRequest が失敗しました: {}";
    NO_RESULT_LINE = "no result line after the marker", "マーカーの後に結果行がありません";
    EXIT_ZERO = "curl exited 0 with its output silenced: an HTTP answer came back", "curl の終了コードは 0 (出力は抑止): HTTP の応答が返っています";
    EXIT_STATUS = "(exit status {}, its message silenced)", "(終了コード {}、メッセージは抑止)";
    TRACE_STOPS = "curl's trace stops before any answer or error", "curl のトレースが応答もエラーもないまま途切れています";
    LOGGED_ERROR = "{} logged: {}", "{} のログ: {}";
    LOGGED_STATUS = "{} got HTTP {} from the destination or a device on the way", "{} は宛先または経路上の装置から HTTP {} を受け取りました";
    ENDPOINT_BODY = "the endpoint's own answer came back (its body, printed without headers)", "宛先自身の応答 (ヘッダーなしの本文) が返りました";
    ECHOED_FAILURE = "curl failed: the command line's `|| echo` printed its failure word (the exit status is not shown)", "curl は失敗しました: コマンド行の `|| echo` が失敗時の文字列を出力しています (終了コードは不明)";
    PRINTED_NOTHING = "curl printed nothing (with `-s` it hides its errors too)", "curl は何も出力していません (`-s` ではエラーも表示されません)";
    TRACE_STOPS_CONNECTED = "curl connected, and its trace stops before any answer or error", "curl は接続しましたが、トレースが応答もエラーもないまま途切れています";
}

/// The catalogue entries of the HTTP family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::CURL_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "curl failed",
            "curl がエラーで終了しました",
            "curl reported an error, so the HTTPS request did not get an answer from the endpoint. An HTTP status line printed next to a curl error never counts as success.",
            "curl がエラーを報告しており、HTTPS 要求にエンドポイントからの応答はありませんでした。curl のエラーと並んで出力された HTTP ステータス行は成功とはみなしません。",
            "Look up the curl exit code (curl.se/libcurl/c/libcurl-errors.html) and check the path to this endpoint.",
            "curl の終了コードの意味を確認し (curl.se/libcurl/c/libcurl-errors.html)、この宛先への通信経路を確認してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "D.2",
    },
    Entry {
        code: Code::HTTP2_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "HTTP/2 framing error",
            "HTTP/2 の通信エラー",
            "curl exit code 16 or 92: the HTTP/2 exchange broke, typically because a middlebox interferes with HTTP/2.",
            "curl の終了コード 16 または 92: HTTP/2 のやり取りが途中で壊れています。通常は中継装置が HTTP/2 に干渉しています。",
            "Check proxies or firewalls that inspect HTTPS; as a test, `curl --http1.1 -I https://<fqdn>`.",
            "HTTPS を検査するプロキシやファイアウォールを確認してください。切り分けとして `curl --http1.1 -I https://<fqdn>` を試してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "C.3",
    },
    Entry {
        code: Code::HTTPS_REACHABLE,
        kind: Kind::Check,
        severity: Severity::Ok,
        texts: texts!(
            "The endpoint answered over HTTPS",
            "HTTPS でエンドポイントが応答しました",
            "The server's own answer came back (a status without a curl or Windows error). Azure's 400, 403 and 404 answers also prove reachability: the endpoint answered over verified TLS.",
            "サーバー自身の応答が返りました (curl や Windows のエラーのないステータス)。Azure の 400・403・404 も到達できている証拠です (検証済みの TLS で応答しています)。",
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.5",
    },
    Entry {
        code: Code::HTTPS_REQUEST_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The HTTPS request failed",
            "HTTPS 要求が失敗しました",
            "Invoke-WebRequest (or another HTTPS client) failed without an answer from the endpoint, for a reason Preflight does not classify further; the quoted error says why.",
            "Invoke-WebRequest などの HTTPS クライアントが、エンドポイントからの応答なしに失敗しました。Preflight ではこれ以上分類できない理由のため、引用したエラーを確認してください。",
            "Read the quoted error and check the path (proxy, firewall, TLS settings) to this endpoint.",
            "引用したエラーを確認し、この宛先への経路 (プロキシ・ファイアウォール・TLS 設定) を確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "F",
    },
    Entry {
        code: Code::HTTPS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The HTTPS request timed out",
            "HTTPS 要求がタイムアウトしました",
            "curl (28) or Windows' `timed out`: the connection or the transfer did not complete in time. Something on the path drops or stalls the traffic.",
            "curl (28) または Windows の `timed out`: 接続または転送が制限時間内に完了しませんでした。経路上でパケットが破棄または停止されています。",
            "Check NSGs, route tables (forced tunnelling) and firewalls on the path to this endpoint.",
            "この宛先への経路上の NSG、ルート テーブル (強制トンネリング)、ファイアウォールを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Entry {
        code: Code::HTTP_BLOCKED_ON_PATH,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "A firewall or proxy on the path refused the request",
            "経路上のファイアウォールまたはプロキシが要求を拒否しました",
            "The tool got an HTTP error status (such as 403 or 470) in place of the content it asked for. A device that inspects web traffic (Azure Firewall application rules, a proxy, a network virtual appliance) denied the URL: the TCP connection worked and the device refused.",
            "ツールは要求した内容の代わりに HTTP のエラー ステータス (403 や 470 など) を受け取りました。Web 通信を検査する装置 (Azure Firewall のアプリケーション ルール、プロキシ、ネットワーク仮想アプライアンス) が URL を拒否しています。TCP 接続はできており、装置が拒否しました。",
            "Allow the destination's FQDN in the firewall's application rules or the proxy's allow list, then run the tool again.",
            "ファイアウォールのアプリケーション ルールまたはプロキシの許可リストで宛先の FQDN を許可してから、ツールを再度実行してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "C.3",
    },
    Entry {
        code: Code::HTTP_EMPTY_REPLY,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The server closed the connection without a reply",
            "サーバーが応答せずに接続を閉じました",
            "curl exit code 52: the connection was closed without any HTTP answer, usually by a middlebox.",
            "curl の終了コード 52: HTTP の応答がないまま接続が閉じられました。通常は中継装置が原因です。",
            "Check proxies, firewalls and load balancers on the path.",
            "経路上のプロキシ・ファイアウォール・ロード バランサーを確認してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "C.3",
    },
];

/// curl's request: the server's answer, or the error that stopped it.
/// `curl -s -o /dev/null …; echo $?` printing 0: curl got an HTTP answer (any status: without
/// `-f` an error status still exits 0), from the server or, through a proxy, relayed by it.
pub(super) fn exit_zero(line: usize) -> Judged {
    let mut j = Judged::new(
        Code::HTTPS_REACHABLE,
        Status::Ok,
        say!(EXIT_ZERO),
        vec![line],
    );
    j.facts.reached = true;
    j
}

/// `curl … || echo FAIL` printing FAIL: curl failed, its error unknown.
pub(super) fn echoed_failure(line: usize) -> Judged {
    Judged::new(
        Code::CURL_ERROR,
        Status::Failure,
        say!(ECHOED_FAILURE),
        vec![line],
    )
}

/// A silent curl's non-zero exit status: its error code, read as curl's own message would be.
pub(super) fn exit_error(target: &str, port: Option<u16>, code: u16, line: usize) -> Judged {
    // libcurl's own words for its codes (`curl_easy_strerror`), which `-s` kept from printing.
    let said = match code {
        5 => "Couldn't resolve proxy name",
        6 => "Couldn't resolve host name",
        7 => "Couldn't connect to server",
        22 => "HTTP response code said error",
        28 => "Timeout was reached",
        35 => "SSL connect error",
        47 => "Number of redirects hit maximum amount",
        52 => "Server returned nothing (no headers, no data)",
        56 => "Failure when receiving data from the peer",
        58 => "Problem with the local SSL certificate",
        60 => "SSL peer certificate or SSH remote key was not OK",
        77 => "Problem with the SSL CA cert (path? access rights?)",
        _ => "",
    };
    let (c, summary, proxy_host) = classify_error(target, port, code, said);
    let mut j = Judged::new(c, Status::Failure, summary, vec![line]);
    j.summary
        .push(say!(EXIT_STATUS, Arg::Count(usize::from(code))));
    j.facts.dns_failed = dns::is_failure(c);
    j.facts.proxy_host = proxy_host;
    j
}

pub(super) fn judge_curl(target: &str, port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
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
        j.facts.dns_failed = dns::is_failure(code);
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
        let status = Arg::Word(st.code.to_string());
        let summary = if st.reason.is_empty() {
            say!(SERVER_ANSWERED, status)
        } else {
            say!(SERVER_ANSWERED_REASON, status, Arg::Word(st.reason.clone()))
        };
        let mut j = Judged::new(Code::HTTPS_REACHABLE, Status::Ok, summary, lines);
        if ev.shows_proxy() {
            j.summary.push(say!(THROUGH_PROXY));
        }
        j.facts.reached = true;
        j.facts.http_status = Some(st.code);
        j.facts.proxy_host = ev.env_proxy.as_ref().map(|(p, _)| p.clone());
        return j;
    }
    if let Some(line) = ev.endpoint_body.filter(|_| !ev.shows_proxy()) {
        // `curl http://168.63.129.16/?comp=versions` prints only the body: the list itself is
        // the WireServer's answer (no proxy could have written it).
        let mut j = Judged::new(
            Code::HTTPS_REACHABLE,
            Status::Ok,
            say!(ENDPOINT_BODY),
            vec![line],
        );
        j.facts.reached = true;
        j.facts.http_status = Some(200);
        return j;
    }
    if ev.statuses.iter().any(|s| s.from_proxy) {
        tool::truncated(
            say!(TUNNEL_WITHOUT_ANSWER),
            ev.statuses.iter().map(|s| s.line).collect(),
        )
    } else if ev.non_blank == 0 {
        tool::truncated(say!(PRINTED_NOTHING), Vec::new())
    } else if ev.meter {
        tool::truncated(say!(ONLY_PROGRESS_METER), Vec::new())
    } else if ev.verbose {
        // `-v`'s trace without an answer or an error: the paste stops while curl still works.
        let said = if ev.connected.is_some() {
            say!(TRACE_STOPS_CONNECTED)
        } else {
            say!(TRACE_STOPS)
        };
        tool::truncated(said, ev.connected.into_iter().collect())
    } else {
        tool::unrecognised(say!(NOT_CURL), Vec::new())
    }
}

/// A network error a tool or agent logged (apt, yum, dnf, waagent.log, libcurl quoted by an
/// application): the destination's last error in the block is its result. An HTTP error
/// status there is a device on the way refusing (470; 403 may be either), or the destination
/// failing (5xx);
/// a 400, 401 or 404 is the destination's own answer.
pub(super) fn judge_logged(
    tool: crate::report::Tool,
    target: &str,
    port: Option<u16>,
    lines: &[(usize, &str)],
) -> Judged {
    use crate::parse::logged::{self, Failure};
    let mine: Vec<logged::Logged> = logged::scan(lines.iter().copied())
        .into_iter()
        .filter(|l| l.tool == tool && l.host.eq_ignore_ascii_case(target) && l.port == port)
        .collect();
    let Some(last) = mine.last() else {
        return tool::unrecognised(say!(NOT_CURL), Vec::new());
    };
    // The first error and the last few: a long agent log repeats the same error thousands of
    // times, and its check quotes where it began and how it stands.
    let mut lines: Vec<usize> = mine.iter().map(|l| l.line).collect();
    if lines.len() > 5 {
        let tail = lines.split_off(lines.len() - 4);
        lines.truncate(1);
        lines.extend(tail);
    }
    let who = Arg::Word(tool.word().to_owned());
    match &last.failure {
        Failure::Error(n, msg) => {
            let (code, _, proxy_host) = classify_error(target, port, *n, msg);
            let said = say!(LOGGED_ERROR, who, Arg::Quote(crate::parse::clip(msg, 160)));
            let mut j = Judged::new(code, Status::Failure, said, lines);
            j.facts.dns_failed = dns::is_failure(code);
            j.facts.proxy_seen = proxy_host.is_some();
            j.facts.proxy_host = proxy_host;
            j
        }
        Failure::Status(n, _) => {
            let (code, status) = match n {
                407 => (Code::PROXY_AUTH_REQUIRED, Status::Failure),
                400 | 401 | 404 => (Code::HTTPS_REACHABLE, Status::Ok),
                // A filter's refusal, or the destination's own (RHUI refuses an expired client
                // certificate so): not reached as asked, but not proven blocked either.
                403 => (Code::HTTP_BLOCKED_ON_PATH, Status::Warning),
                500.. => (Code::HTTPS_REQUEST_FAILED, Status::Failure),
                _ => (Code::HTTP_BLOCKED_ON_PATH, Status::Failure),
            };
            let said = say!(LOGGED_STATUS, who, Arg::Word(n.to_string()));
            let mut j = Judged::new(code, status, said, lines);
            j.facts.reached = status == Status::Ok;
            j.facts.http_status = Some(*n);
            j
        }
    }
}

/// A curl error's code, summary and, when the error names the proxy, the proxy's address.
pub(super) type Classified = (Code, Sentence, Option<String>);

/// One `curl: (N) message`, as each family's classifier reads it.
pub(super) struct CurlError<'a> {
    /// The marker's host and port.
    pub target: &'a str,
    pub port: Option<u16>,
    /// curl's exit code, the N of `curl: (N)`.
    pub code: u16,
    pub msg: &'a str,
    /// `msg` in ASCII lower case, made once for every classifier.
    pub lower: String,
    quoted: String,
}

impl CurlError<'_> {
    /// The code with the error quoted as its summary.
    pub fn plain(&self, c: Code) -> Classified {
        (
            c,
            say!(
                CURL_SAID,
                Arg::Word(self.code.to_string()),
                Arg::Quote(self.quoted.clone())
            ),
            None,
        )
    }

    /// curl's (28) while connecting to the endpoint itself: packets dropped on the way.
    pub fn connect_timed_out(&self) -> Classified {
        (Code::TCP_TIMEOUT, say!(CURL_CONNECT_TIMED_OUT), None)
    }
}

/// Maps a `curl: (N) message` to a code, a summary and, when the error names the proxy, its address.
///
/// Each family claims the errors it owns, in this order: the proxy's first (a proxy's failure
/// can carry the same N as the server's), then TLS, DNS and TCP, and HTTP last with curl's
/// other errors.
pub fn classify_error(target: &str, port: Option<u16>, code: u16, msg: &str) -> Classified {
    let e = CurlError {
        target,
        port,
        code,
        msg,
        lower: msg.to_ascii_lowercase(),
        quoted: crate::parse::clip(msg, 160),
    };
    proxy::curl_error(&e)
        .or_else(|| tls::curl_error(&e))
        .or_else(|| dns::curl_error(&e))
        .or_else(|| tcp::curl_error(&e))
        .unwrap_or_else(|| curl_error(&e))
}

/// The errors of the HTTP exchange itself, and any error no other family claims.
fn curl_error(e: &CurlError<'_>) -> Classified {
    match e.code {
        28 => e.plain(Code::HTTPS_TIMEOUT),
        52 => e.plain(Code::HTTP_EMPTY_REPLY),
        16 | 92 => e.plain(Code::HTTP2_ERROR),
        // A (56) reset that is not the proxy's comes after the handshake: an established
        // connection was reset, not SNI filtering, so it stays curl's generic error.
        _ => e.plain(Code::CURL_ERROR),
    }
}

/// `Invoke-WebRequest` / `Invoke-RestMethod`: the script's result line, the response object, or
/// an error record in any language (`parse::winmsg`; Windows field guide §2.2 and §5).
pub(super) fn judge_iwr(lines: &[(usize, &str)]) -> Judged {
    let (message, says, n) = match winmsg::web_result(lines) {
        Some(WebResult::Answered { status, line }) => {
            let mut j = Judged::new(
                Code::HTTPS_REACHABLE,
                Status::Ok,
                say!(SERVER_ANSWERED, Arg::Word(status)),
                vec![line],
            );
            j.facts.reached = true;
            j.flavor = Some("invoke-webrequest".to_owned());
            return j;
        }
        Some(WebResult::Error {
            message,
            says,
            line,
        }) => (message, says, line),
        None => return tool::truncated(say!(NO_RESULT_LINE), Vec::new()),
    };
    let (code, status) = web_error(says, &message);
    let quoted = crate::parse::clip(&message, 160);
    let summary = if status == Status::Ok {
        say!(ERROR_STATUS_ANSWER, Arg::Quote(quoted))
    } else {
        say!(IWR_FAILED, Arg::Quote(quoted))
    };
    let mut j = Judged::new(code, status, summary, vec![n]);
    j.facts.reached = status == Status::Ok;
    j.facts.dns_failed = dns::is_failure(code);
    j.flavor = Some("invoke-webrequest".to_owned());
    j
}

/// Each family claims the errors it owns, in this order: a proxy's 407 or block page first,
/// then an answer from the server (any other status, its error document, the IE-engine error
/// that follows a successful response), then the failures from the lowest layer up.
fn web_error(says: WebError, message: &str) -> (Code, Status) {
    if let Some(c) = proxy::web_error(says, message) {
        return (c, Status::Failure);
    }
    match says {
        // A gateway error with no document of the server's may be a proxy's (Squid answers a
        // failed CONNECT with 503): not proof that Azure answered.
        WebError::Status(502..=504) => return (Code::HTTPS_REQUEST_FAILED, Status::Inconclusive),
        WebError::Status(_) | WebError::Body | WebError::IeEngine => {
            return (Code::HTTPS_REACHABLE, Status::Ok)
        }
        _ => {}
    }
    let code = dns::web_error(says)
        .or_else(|| tcp::web_error(says))
        .or_else(|| tls::web_error(says))
        .unwrap_or(match says {
            WebError::TimedOut => Code::HTTPS_TIMEOUT,
            _ => Code::HTTPS_REQUEST_FAILED,
        });
    (code, Status::Failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(code: u16, msg: &str) -> Code {
        classify_error(
            "pod01-prot1.jpe.backup.windowsazure.com",
            Some(443),
            code,
            msg,
        )
        .0
    }

    #[test]
    fn a_curl_timeout_belongs_to_the_layer_it_names() {
        assert_eq!(code_of(28, "SSL connection timeout"), Code::TLS_TIMEOUT);
        assert_eq!(
            code_of(28, "Resolving timed out after 5000 milliseconds"),
            Code::DNS_LOOKUP_FAILED
        );
        assert_eq!(
            code_of(28, "Connection timed out after 10001 milliseconds"),
            Code::TCP_TIMEOUT
        );
        assert_eq!(
            code_of(
                28,
                "Operation timed out after 30000 milliseconds with 0 bytes received"
            ),
            Code::HTTPS_TIMEOUT
        );
    }

    #[test]
    fn a_connect_failure_naming_another_port_is_the_proxy() {
        let (code, _, proxy) = classify_error(
            "pod01-prot1.jpe.backup.windowsazure.com",
            Some(443),
            7,
            "Failed to connect to 10.0.0.5 port 8080 after 3 ms: Connection refused",
        );
        assert_eq!(code, Code::PROXY_UNREACHABLE);
        assert_eq!(proxy.as_deref(), Some("10.0.0.5:8080"));
    }

    #[test]
    fn a_connect_failure_naming_the_endpoint_is_tcp() {
        let (code, _, proxy) = classify_error(
            "pod01-prot1.jpe.backup.windowsazure.com",
            Some(443),
            7,
            "Failed to connect to pod01-prot1.jpe.backup.windowsazure.com port 443 after 3 ms: Connection refused",
        );
        assert_eq!(code, Code::TCP_REFUSED);
        assert_eq!(proxy, None);
    }

    #[test]
    fn a_reset_after_the_handshake_is_curls_generic_error_but_a_proxy_reset_is_the_proxys() {
        assert_eq!(
            code_of(56, "Recv failure: Connection reset by peer"),
            Code::CURL_ERROR
        );
        assert_eq!(
            code_of(56, "Proxy CONNECT aborted: Connection reset by peer"),
            Code::PROXY_ERROR
        );
    }

    #[test]
    fn an_unknown_curl_error_is_curls_generic_error() {
        assert_eq!(code_of(3, "URL using bad/illegal format"), Code::CURL_ERROR);
    }

    fn iwr(line: &str) -> Judged {
        judge_iwr(&[(7, line)])
    }

    #[test]
    fn invoke_webrequest_407_is_the_proxy_not_the_server() {
        let j = iwr("Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.");
        assert_eq!(
            (j.code, j.status),
            (Code::PROXY_AUTH_REQUIRED, Status::Failure)
        );
    }

    #[test]
    fn invoke_webrequest_error_status_from_the_server_is_reachable() {
        let j = iwr("Invoke-WebRequest : The remote server returned an error: (404) Not Found.");
        assert_eq!((j.code, j.status), (Code::HTTPS_REACHABLE, Status::Ok));
        assert!(j.facts.reached);
    }

    #[test]
    fn invoke_webrequest_closed_connection_that_timed_out_is_the_http_timeout() {
        let j = iwr("Invoke-WebRequest : The underlying connection was closed: The operation has timed out.");
        assert_eq!(j.code, Code::HTTPS_TIMEOUT);
        let j = iwr("Invoke-WebRequest : The underlying connection was closed: An unexpected error occurred on a send.");
        assert_eq!(j.code, Code::TLS_HANDSHAKE_FAILED);
    }

    #[test]
    fn invoke_webrequest_unresolved_name_is_a_dns_failure() {
        let j = iwr("Invoke-WebRequest : The remote name could not be resolved: 'example.invalid'");
        assert_eq!(j.code, Code::DNS_LOOKUP_FAILED);
        assert!(j.facts.dns_failed);
    }

    #[test]
    fn invoke_webrequest_without_a_result_line_is_truncated() {
        let j = judge_iwr(&[(3, "PS C:\\> ")]);
        assert_eq!(j.code, Code::CHECK_TRUNCATED);
        assert!(j.facts.undecided);
    }

    #[test]
    fn a_gateway_error_without_the_servers_document_proves_nothing() {
        for code in ["502", "503", "504"] {
            let j = iwr(&format!("Invoke-WebRequest : The remote server returned an error: ({code}) Server Unavailable."));
            assert_eq!(
                (j.code, j.status),
                (Code::HTTPS_REQUEST_FAILED, Status::Inconclusive),
                "{code}"
            );
            assert!(!j.facts.reached);
        }
    }
}
