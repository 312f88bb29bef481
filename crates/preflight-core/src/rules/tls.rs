//! The TLS family: handshakes, certificates and TLS inspection.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_PE, DOC_TLS, DOC_WORKLOAD_NET};

/// The catalogue entries of the TLS family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::CA_BUNDLE_MISSING,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The machine's CA certificate bundle is missing or unreadable",
            "マシンの CA 証明書バンドルが見つからないか読み取れません",
        ),
        explain: t(
            "curl exit code 77: curl could not read its trusted CA certificates, so no HTTPS connection can be verified. This is a problem on the machine, not on the network.",
            "curl の終了コード 77: 信頼する CA 証明書を読み込めず、HTTPS 接続を検証できません。ネットワークではなくマシン側の問題です。",
        ),
        next_step: t(
            "Reinstall the CA bundle (ca-certificates / ca-certificates package) and re-run the script.",
            "CA 証明書パッケージ (ca-certificates) を再インストールし、スクリプトを再実行してください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
    Spec {
        code: Code::TLS_CERT_EXPIRED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The certificate presented has expired",
            "提示された証明書の有効期限が切れています",
        ),
        explain: t(
            "curl (60): the certificate presented for this endpoint has expired. Azure's certificates are renewed in time, so a device on the path is presenting its own certificate, or the VM's clock is badly wrong.",
            "curl (60): この宛先で提示された証明書の有効期限が切れています。Azure の証明書は期限前に更新されるため、経路上の装置が独自の証明書を提示しているか、VM の時刻が大きくずれています。",
        ),
        next_step: t(
            "Check the VM's clock (`timedatectl`) and any TLS-inspecting device on the path.",
            "VM の時刻 (`timedatectl`) と、経路上の TLS 検査装置を確認してください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
    Spec {
        code: Code::TLS_HANDSHAKE_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The TLS handshake failed",
            "TLS ハンドシェイクに失敗しました",
        ),
        explain: t(
            "curl (35): the TLS handshake did not complete (connection closed during the handshake, a non-TLS service on port 443, or a protocol mismatch). TCP reached something, but not the Azure endpoint's TLS.",
            "curl (35): TLS ハンドシェイクが完了しませんでした (ハンドシェイク中の切断、443 番ポートでの非 TLS サービス、プロトコルの不一致など)。TCP では何かに到達していますが、Azure エンドポイントの TLS には到達していません。",
        ),
        next_step: t(
            "Check firewalls or proxies that inspect or terminate TLS on the path, and that TLS 1.2 is enabled on the machine.",
            "経路上で TLS を検査・終端するファイアウォールやプロキシ、マシンで TLS 1.2 が有効かを確認してください。",
        ),
        doc_url: DOC_TLS,
        rule: "D.9",
    },
    Spec {
        code: Code::TLS_INTERCEPTED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "TLS inspection replaces Azure's certificate",
            "TLS 検査によって Azure の証明書が置き換えられています",
        ),
        explain: t(
            "curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: a proxy or firewall decrypts HTTPS and re-signs it with its own CA, which this machine does not trust. TCP works (nc connects); the certificate check fails. Azure Backup components reject such certificates.",
            "curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: プロキシやファイアウォールが HTTPS を復号し独自の CA で再署名しており、このマシンはその CA を信頼していません。TCP は成功 (nc は接続) していますが、証明書の検証に失敗しています。Azure Backup のコンポーネントはこのような証明書を受け付けません。",
        ),
        next_step: t(
            "Exclude the Azure Backup, Storage and Entra ID FQDNs from TLS inspection on the proxy or firewall.",
            "プロキシまたはファイアウォールで、Azure Backup・Storage・Entra ID の FQDN を TLS 検査の対象外にしてください。",
        ),
        doc_url: DOC_TLS,
        rule: "D.9",
    },
    Spec {
        code: Code::TLS_NAME_MISMATCH,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The certificate does not match the name",
            "証明書が名前と一致しません",
        ),
        explain: t(
            "curl (60) or (51): the certificate's names do not cover the name requested. For `curl -I https://<private ip>` this is expected (certificates never name an IP) and TCP and TLS did reach the endpoint; for an FQDN it means something else answers for that name.",
            "curl (60) または (51): 証明書の名前が要求した名前と一致しません。`curl -I https://<プライベート IP>` の場合は想定どおりで (証明書に IP は含まれません)、TCP と TLS はエンドポイントに到達しています。FQDN の場合は別の何かがその名前で応答しています。",
        ),
        next_step: t(
            "For an IP address, test the FQDN instead; for an FQDN, check DNS (hosts file, private DNS) and TLS-inspecting devices.",
            "IP アドレスの場合は FQDN で確認してください。FQDN の場合は DNS (hosts ファイル、プライベート DNS) と TLS 検査装置を確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "E.5",
    },
    Spec {
        code: Code::TLS_RESET,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The connection was reset during the TLS handshake (SNI filtering)",
            "TLS ハンドシェイク中に接続がリセットされました (SNI フィルタリング)",
        ),
        explain: t(
            "curl (35) `Connection reset by peer` right after the ClientHello while TCP itself works: a firewall filters HTTPS by server name (SNI / FQDN filtering) and does not allow this FQDN.",
            "TCP 接続は成功しているのに、ClientHello の直後に curl (35) `Connection reset by peer` となっています。ファイアウォールがサーバー名 (SNI / FQDN) で HTTPS をフィルタリングしており、この FQDN を許可していません。",
        ),
        next_step: t(
            "Allow the Azure Backup, Storage and Entra ID FQDNs (not only their IP addresses) on the firewall's application / FQDN rules.",
            "ファイアウォールのアプリケーション (FQDN) ルールで、Azure Backup・Storage・Entra ID の FQDN (IP アドレスだけでなく) を許可してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.9",
    },
    Spec {
        code: Code::TLS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "TLS never answered (black-holed handshake)",
            "TLS が応答しません (ハンドシェイクの破棄)",
        ),
        explain: t(
            "curl (28) `SSL connection timeout`: TCP was accepted but the TLS handshake never got an answer, typically a device that black-holes HTTPS it does not allow.",
            "curl (28) `SSL connection timeout`: TCP は受け付けられましたが TLS ハンドシェイクに応答がありません。許可しない HTTPS を黙って破棄する装置が一般的な原因です。",
        ),
        next_step: t(
            "Allow the FQDNs on the firewall or proxy that sits on the path.",
            "経路上のファイアウォールまたはプロキシで、これらの FQDN を許可してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.9",
    },
    Spec {
        code: Code::TLS_UNTRUSTED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The server's certificate is not trusted",
            "サーバー証明書が信頼されていません",
        ),
        explain: t(
            "curl (60): the certificate presented could not be verified (e.g. `self-signed certificate`). A device on the path answers with its own certificate instead of Azure's.",
            "curl (60): 提示された証明書を検証できませんでした (`self-signed certificate` など)。経路上の装置が Azure ではなく独自の証明書で応答しています。",
        ),
        next_step: t(
            "Find the device that answers on port 443 for this FQDN (proxy, firewall, DNS pointing elsewhere) and exclude the Azure FQDNs from it.",
            "この FQDN の 443 番ポートで応答している装置 (プロキシ・ファイアウォール・誤った DNS) を特定し、Azure の FQDN を対象外にしてください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
];
