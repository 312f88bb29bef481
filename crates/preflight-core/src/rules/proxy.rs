//! The proxy family: proxies between the machine and Azure, and tools that bypass them.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_ARTICLE, DOC_MARS_URLS, DOC_PROXY};

/// The catalogue entries of the proxy family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::NC_IGNORES_PROXY,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "nc cannot test the proxy path",
            "nc ではプロキシ経由の通信を確認できません",
        ),
        explain: t(
            "A proxy is in use, and nc never uses a proxy: its result shows only whether a direct connection works. Even `Connected` / `succeeded!` does not prove that the proxy path works; only curl speaks for it.",
            "プロキシが使用されていますが、nc はプロキシを経由しません。nc の結果は直接接続の可否を示すだけで、「Connected」「succeeded!」と表示されていてもプロキシ経由で通信できるとはいえません。判断は curl の結果で行います。",
        ),
        next_step: t(
            "Judge reachability from the curl checks of the same endpoints.",
            "同じ宛先に対する curl の結果で到達性を判断してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.8",
    },
    Spec {
        code: Code::PROXY_AUTH_REQUIRED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy requires authentication (407)",
            "プロキシが認証を要求しています (407)",
        ),
        explain: t(
            "The proxy refused to open the tunnel with `407 Proxy Authentication Required`. The `HTTP/1.x 407` line is the proxy's reply to CONNECT, not an answer from Azure: no request reached the endpoint.",
            "プロキシが `407 Proxy Authentication Required` でトンネルの確立を拒否しました。`HTTP/1.x 407` の行はプロキシの CONNECT への応答であり、Azure からの応答ではありません。要求はエンドポイントに届いていません。",
        ),
        next_step: t(
            "Allow this machine through the proxy without authentication for the Azure Backup, Storage and Entra ID FQDNs, or configure the proxy credentials for the backup components.",
            "Azure Backup・Storage・Entra ID の FQDN について、このマシンが認証なしでプロキシを通過できるよう許可するか、バックアップのコンポーネントにプロキシの認証情報を設定してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "D.3",
    },
    Spec {
        code: Code::PROXY_CONFIGURED,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "A proxy is in use",
            "プロキシが使用されています",
        ),
        explain: t(
            "The log shows a proxy (environment variables or curl's own output). curl goes through it; nc does not, so nc results say nothing about the proxy path.",
            "ログにプロキシの使用が示されています (環境変数または curl の出力)。curl はプロキシを経由しますが nc は経由しないため、nc の結果はプロキシ経由の通信については何も示しません。",
        ),
        next_step: t(
            "Make sure the backup components (MARS, the workload backup extension) use the same proxy settings.",
            "バックアップのコンポーネント (MARS、ワークロード バックアップ拡張機能) が同じプロキシ設定を使用することを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "B.6",
    },
    Spec {
        code: Code::PROXY_DENIED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy denies this destination (403)",
            "プロキシがこの宛先への通信を拒否しています (403)",
        ),
        explain: t(
            "The proxy refused to open the tunnel (`CONNECT tunnel failed, response 403`, e.g. `403 Filtered`). This 403 is the proxy's policy, not Azure's answer, so it is a failure.",
            "プロキシがトンネルの確立を拒否しました (`CONNECT tunnel failed, response 403`、例: `403 Filtered`)。この 403 はプロキシのポリシーによるもので Azure の応答ではないため、失敗と判定します。",
        ),
        next_step: t(
            "Add the denied FQDNs (e.g. *.blob.core.windows.net for Storage) to the proxy's allow list.",
            "拒否された FQDN (Storage の場合は *.blob.core.windows.net など) をプロキシの許可リストに追加してください。",
        ),
        doc_url: DOC_MARS_URLS,
        rule: "D.4",
    },
    Spec {
        code: Code::PROXY_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy refused the connection",
            "プロキシが接続を拒否しました",
        ),
        explain: t(
            "The proxy answered the CONNECT request with an error, so no request reached the endpoint.",
            "プロキシが CONNECT 要求にエラーで応答したため、要求はエンドポイントに届いていません。",
        ),
        next_step: t(
            "Read the proxy's status and its logs for this destination.",
            "プロキシのステータスと、この宛先に関するプロキシのログを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "D.3",
    },
    Spec {
        code: Code::PROXY_NOT_IN_ENV,
        kind: Kind::Finding,
        severity: Severity::Warning,
        title: t(
            "curl used a proxy that the log's proxy section does not show",
            "プロキシ設定欄にないプロキシを curl が使用しています",
        ),
        explain: t(
            "The proxy section is blank, yet curl's output shows a proxy (CONNECT replies or proxy errors). The proxy is set elsewhere: upper-case HTTPS_PROXY, a profile script, sudo's environment, or a transparent proxy.",
            "プロキシ設定欄は空白ですが、curl の出力にプロキシ (CONNECT の応答やプロキシのエラー) が現れています。大文字の HTTPS_PROXY、プロファイル スクリプト、sudo の環境、透過プロキシなど、別の場所で設定されています。",
        ),
        next_step: t(
            "Find where the proxy is configured (`env | grep -i proxy`, /etc/environment) and make sure the backup components use the same setting.",
            "プロキシの設定箇所を確認し (`env | grep -i proxy`、/etc/environment)、バックアップのコンポーネントも同じ設定を使うようにしてください。",
        ),
        doc_url: DOC_PROXY,
        rule: "B.6",
    },
    Spec {
        code: Code::PROXY_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy never answered the CONNECT request",
            "プロキシが CONNECT 要求に応答しません",
        ),
        explain: t(
            "curl reached the proxy but the proxy did not answer CONNECT within curl's 300 s limit (`Proxy CONNECT aborted due to timeout`).",
            "curl はプロキシに接続しましたが、プロキシが curl の制限時間 300 秒以内に CONNECT に応答しませんでした (`Proxy CONNECT aborted due to timeout`)。",
        ),
        next_step: t(
            "Check the proxy's health and its own outbound access to this destination.",
            "プロキシの稼働状態と、プロキシからこの宛先への外向き通信を確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Spec {
        code: Code::PROXY_UNREACHABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy cannot be reached",
            "プロキシに接続できません",
        ),
        explain: t(
            "curl failed to connect to the proxy itself (the host and port in the error are the proxy's, not the endpoint's): the proxy is down or the address is wrong.",
            "curl がプロキシ自体に接続できませんでした (エラーのホストとポートはエンドポイントではなくプロキシのものです)。プロキシの停止、またはアドレスの誤りです。",
        ),
        next_step: t(
            "Check the proxy address in http_proxy / https_proxy and that the proxy service is running.",
            "http_proxy / https_proxy のプロキシ アドレスと、プロキシ サービスが稼働しているかを確認してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Spec {
        code: Code::PROXY_UNRESOLVABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy's host name does not resolve",
            "プロキシのホスト名を名前解決できません",
        ),
        explain: t(
            "curl could not resolve the proxy's name (`Could not resolve proxy`, exit code 5): no request was sent.",
            "curl がプロキシの名前を解決できませんでした (`Could not resolve proxy`、終了コード 5)。要求は送信されていません。",
        ),
        next_step: t(
            "Fix the proxy name in http_proxy / https_proxy, or the DNS record for it.",
            "http_proxy / https_proxy のプロキシ名、またはその DNS レコードを修正してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
    Spec {
        code: Code::PROXY_UPSTREAM_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The proxy could not reach the destination",
            "プロキシから宛先に接続できません",
        ),
        explain: t(
            "The proxy accepted the request but could not connect to the endpoint itself (CONNECT answered with a 5xx such as `500 Unable to connect`): the proxy's own outbound access is blocked.",
            "プロキシは要求を受け付けましたが、プロキシ自身がエンドポイントに接続できませんでした (CONNECT に `500 Unable to connect` などの 5xx で応答)。プロキシからの外向き通信がブロックされています。",
        ),
        next_step: t(
            "Fix the proxy's outbound rules (firewall, NSG, routes) for the Azure Backup, Storage and Entra ID FQDNs.",
            "Azure Backup・Storage・Entra ID の FQDN について、プロキシからの外向き通信 (ファイアウォール・NSG・ルート) を修正してください。",
        ),
        doc_url: DOC_PROXY,
        rule: "E.1",
    },
];
