//! The HTTP family: the HTTPS request itself and curl's errors that are not about DNS, TCP, TLS or a proxy.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_ARTICLE, DOC_WORKLOAD_NET};

/// The catalogue entries of the HTTP family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::CURL_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "curl failed",
            "curl がエラーで終了しました",
        ),
        explain: t(
            "curl reported an error, so the HTTPS request did not get an answer from the endpoint. An HTTP status line printed next to a curl error never counts as success.",
            "curl がエラーを報告しており、HTTPS 要求にエンドポイントからの応答はありませんでした。curl のエラーと並んで出力された HTTP ステータス行は成功とはみなしません。",
        ),
        next_step: t(
            "Look up the curl exit code (curl.se/libcurl/c/libcurl-errors.html) and check the path to this endpoint.",
            "curl の終了コードの意味を確認し (curl.se/libcurl/c/libcurl-errors.html)、この宛先への通信経路を確認してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "D.2",
    },
    Spec {
        code: Code::HTTP2_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "HTTP/2 framing error",
            "HTTP/2 の通信エラー",
        ),
        explain: t(
            "curl exit code 16 or 92: the HTTP/2 exchange broke, typically because a middlebox interferes with HTTP/2.",
            "curl の終了コード 16 または 92: HTTP/2 のやり取りが途中で壊れています。通常は中継装置が HTTP/2 に干渉しています。",
        ),
        next_step: t(
            "Check proxies or firewalls that inspect HTTPS; as a test, `curl --http1.1 -I https://<fqdn>`.",
            "HTTPS を検査するプロキシやファイアウォールを確認してください。切り分けとして `curl --http1.1 -I https://<fqdn>` を試してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "C.3",
    },
    Spec {
        code: Code::HTTPS_REACHABLE,
        kind: Kind::Check,
        severity: Severity::Ok,
        title: t(
            "The endpoint answered over HTTPS",
            "HTTPS でエンドポイントが応答しました",
        ),
        explain: t(
            "The server's own status line came back with no curl error. Azure's 400, 403 and 404 answers also prove reachability: the endpoint answered over verified TLS.",
            "curl のエラーなしでサーバー自身のステータス行が返りました。Azure の 400・403・404 も到達できている証拠です (検証済みの TLS で応答しています)。",
        ),
        next_step: t(
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.5",
    },
    Spec {
        code: Code::HTTPS_REQUEST_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The HTTPS request failed",
            "HTTPS 要求が失敗しました",
        ),
        explain: t(
            "Invoke-WebRequest (or another HTTPS client) failed without an answer from the endpoint, for a reason Preflight does not classify further; the quoted error says why.",
            "Invoke-WebRequest などの HTTPS クライアントが、エンドポイントからの応答なしに失敗しました。Preflight ではこれ以上分類できない理由のため、引用したエラーを確認してください。",
        ),
        next_step: t(
            "Read the quoted error and check the path (proxy, firewall, TLS settings) to this endpoint.",
            "引用したエラーを確認し、この宛先への経路 (プロキシ・ファイアウォール・TLS 設定) を確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "F",
    },
    Spec {
        code: Code::HTTPS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The HTTPS request timed out",
            "HTTPS 要求がタイムアウトしました",
        ),
        explain: t(
            "curl exit code 28: the connection or the transfer did not complete within curl's time limit. Something on the path drops or stalls the traffic.",
            "curl の終了コード 28: 接続または転送が curl の制限時間内に完了しませんでした。経路上でパケットが破棄または停止されています。",
        ),
        next_step: t(
            "Check NSGs, route tables (forced tunnelling) and firewalls on the path to this endpoint.",
            "この宛先への経路上の NSG、ルート テーブル (強制トンネリング)、ファイアウォールを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Spec {
        code: Code::HTTP_EMPTY_REPLY,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The server closed the connection without a reply",
            "サーバーが応答せずに接続を閉じました",
        ),
        explain: t(
            "curl exit code 52: the connection was closed without any HTTP answer, usually by a middlebox.",
            "curl の終了コード 52: HTTP の応答がないまま接続が閉じられました。通常は中継装置が原因です。",
        ),
        next_step: t(
            "Check proxies, firewalls and load balancers on the path.",
            "経路上のプロキシ・ファイアウォール・ロード バランサーを確認してください。",
        ),
        doc_url: "https://curl.se/libcurl/c/libcurl-errors.html",
        rule: "C.3",
    },
];
