//! The TLS family: handshakes, certificates and TLS inspection.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: curl's and Invoke-WebRequest's TLS errors, the name
//! mismatch expected for an IP address (C.3), and what TLS failures say together.

use crate::code::Code;
use crate::parse::winmsg::WebError;
use crate::parse::winsettings::TlsValue;
use crate::report::{Arg, Sentence, Severity, Status, Tool};

use super::check::Judged;
use super::findings::{connected_directly, seen_in, targets_of, Context, Draft};
use super::http::{Classified, CurlError};
use super::registry::{texts, Entry, Kind, DOC_PE, DOC_TLS, DOC_WORKLOAD_NET};
use super::say::say;

super::say::sentences! { Tls;

    ONLY_TLS_FAILS = "nc connected to the same endpoints, so TCP is open and only TLS fails ({} checks: {}).", "同じ宛先への nc は接続できているため TCP は開いており、失敗しているのは TLS だけです ({} 件: {})。";
    EXPECTED_FOR_IP = "— expected for an IP address: TCP and TLS reached the endpoint", "(IP アドレス指定では想定どおりで、TCP と TLS はエンドポイントに到達しています)";
    TLS_VALUE = "{} is set to {} ({}).", "{} が {} に設定されています ({})。";
}

/// The catalogue entries of the TLS family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::CA_BUNDLE_MISSING,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The machine's CA certificate bundle is missing or unreadable",
            "マシンの CA 証明書バンドルが見つからないか読み取れません",
            "curl exit code 77: curl could not read its trusted CA certificates, so no HTTPS connection can be verified. This is a problem on the machine, not on the network.",
            "curl の終了コード 77: 信頼する CA 証明書を読み込めず、HTTPS 接続を検証できません。ネットワークではなくマシン側の問題です。",
            "Reinstall the CA bundle (ca-certificates / ca-certificates package) and re-run the script.",
            "CA 証明書パッケージ (ca-certificates) を再インストールし、スクリプトを再実行してください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
    Entry {
        code: Code::DOTNET_STRONG_CRYPTO_OFF,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            ".NET may not offer TLS 1.2 (SchUseStrongCrypto is 0)",
            ".NET が TLS 1.2 を使わない可能性があります (SchUseStrongCrypto が 0)",
            "With SchUseStrongCrypto = 0, .NET Framework 4.x programs (the MARS agent, Windows PowerShell 5.1) may offer only older TLS versions, which Azure refuses: \"Could not create SSL/TLS secure channel\".",
            "SchUseStrongCrypto = 0 では、.NET Framework 4.x のプログラム (MARS エージェント、Windows PowerShell 5.1) が古い TLS しか提示せず、Azure に拒否されることがあります (\"チャネルを作成できませんでした\")。",
            "Set SchUseStrongCrypto = 1 (DWORD) under .NETFramework\\v4.0.30319 (also under WOW6432Node) and restart the MARS agent.",
            ".NETFramework\\v4.0.30319 (WOW6432Node 側も) に SchUseStrongCrypto = 1 (DWORD) を設定し、MARS エージェントを再起動してください。",
        ),
        doc_url: DOC_TLS,
        rule: "W.4",
    },
    Entry {
        code: Code::TLS12_DISABLED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "TLS 1.2 is disabled in the SCHANNEL registry",
            "SCHANNEL のレジストリで TLS 1.2 が無効になっています",
            "Azure Backup accepts TLS 1.2 and later only. With Enabled = 0 or DisabledByDefault = 1 on the TLS 1.2 key, Windows does not offer it and the backup agents' HTTPS handshakes fail.",
            "Azure Backup は TLS 1.2 以降しか受け付けません。TLS 1.2 のキーが Enabled = 0 または DisabledByDefault = 1 のため、Windows は TLS 1.2 を使わず、バックアップ エージェントの HTTPS のハンドシェイクが失敗します。",
            "In SCHANNEL\\Protocols\\TLS 1.2\\Client (and \\Server), set Enabled = 1 and DisabledByDefault = 0 (or delete both), then restart.",
            "SCHANNEL\\Protocols\\TLS 1.2\\Client (および \\Server) で Enabled = 1、DisabledByDefault = 0 に設定 (または両方を削除) し、再起動してください。",
        ),
        doc_url: DOC_TLS,
        rule: "W.4",
    },
    Entry {
        code: Code::TLS_CERT_EXPIRED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The certificate presented has expired",
            "提示された証明書の有効期限が切れています",
            "curl (60): the certificate presented for this endpoint has expired. Azure's certificates are renewed in time, so a device on the path is presenting its own certificate, or the VM's clock is badly wrong.",
            "curl (60): この宛先で提示された証明書の有効期限が切れています。Azure の証明書は期限前に更新されるため、経路上の装置が独自の証明書を提示しているか、VM の時刻が大きくずれています。",
            "Check the VM's clock (`timedatectl`) and any TLS-inspecting device on the path.",
            "VM の時刻 (`timedatectl`) と、経路上の TLS 検査装置を確認してください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
    Entry {
        code: Code::TLS_HANDSHAKE_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The TLS handshake failed",
            "TLS ハンドシェイクに失敗しました",
            "curl (35) or Windows' secure-channel error: the TLS handshake did not complete (connection closed during the handshake, a non-TLS service on port 443, or a protocol mismatch). TCP reached something, but not the Azure endpoint's TLS.",
            "curl (35) または Windows のセキュリティ チャネルのエラー: TLS ハンドシェイクが完了しませんでした (ハンドシェイク中の切断、443 番ポートでの非 TLS サービス、プロトコルの不一致など)。TCP では何かに到達していますが、Azure エンドポイントの TLS には到達していません。",
            "Check firewalls or proxies that inspect or terminate TLS on the path, and that TLS 1.2 is enabled on the machine.",
            "経路上で TLS を検査・終端するファイアウォールやプロキシ、マシンで TLS 1.2 が有効かを確認してください。",
        ),
        doc_url: DOC_TLS,
        rule: "D.9",
    },
    Entry {
        code: Code::TLS_INTERCEPTED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "TLS inspection replaces Azure's certificate",
            "TLS 検査によって Azure の証明書が置き換えられています",
            "curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: a proxy or firewall decrypts HTTPS and re-signs it with its own CA, which this machine does not trust. TCP works (nc connects); the certificate check fails. Azure Backup components reject such certificates.",
            "curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: プロキシやファイアウォールが HTTPS を復号し独自の CA で再署名しており、このマシンはその CA を信頼していません。TCP は成功 (nc は接続) していますが、証明書の検証に失敗しています。Azure Backup のコンポーネントはこのような証明書を受け付けません。",
            "Exclude the Azure Backup, Storage and Entra ID FQDNs from TLS inspection on the proxy or firewall.",
            "プロキシまたはファイアウォールで、Azure Backup・Storage・Entra ID の FQDN を TLS 検査の対象外にしてください。",
        ),
        doc_url: DOC_TLS,
        rule: "D.9",
    },
    Entry {
        code: Code::TLS_NAME_MISMATCH,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The certificate does not match the name",
            "証明書が名前と一致しません",
            "curl (60) or (51): the certificate's names do not cover the name requested. For `curl -I https://<private ip>` this is expected (certificates never name an IP) and TCP and TLS did reach the endpoint; for an FQDN it means something else answers for that name.",
            "curl (60) または (51): 証明書の名前が要求した名前と一致しません。`curl -I https://<プライベート IP>` の場合は想定どおりで (証明書に IP は含まれません)、TCP と TLS はエンドポイントに到達しています。FQDN の場合は別の何かがその名前で応答しています。",
            "For an IP address, test the FQDN instead; for an FQDN, check DNS (hosts file, private DNS) and TLS-inspecting devices.",
            "IP アドレスの場合は FQDN で確認してください。FQDN の場合は DNS (hosts ファイル、プライベート DNS) と TLS 検査装置を確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "E.5",
    },
    Entry {
        code: Code::TLS_RESET,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The connection was reset during the TLS handshake (SNI filtering)",
            "TLS ハンドシェイク中に接続がリセットされました (SNI フィルタリング)",
            "curl (35) `Connection reset by peer` right after the ClientHello while TCP itself works: a firewall filters HTTPS by server name (SNI / FQDN filtering) and does not allow this FQDN.",
            "TCP 接続は成功しているのに、ClientHello の直後に curl (35) `Connection reset by peer` となっています。ファイアウォールがサーバー名 (SNI / FQDN) で HTTPS をフィルタリングしており、この FQDN を許可していません。",
            "Allow the Azure Backup, Storage and Entra ID FQDNs (not only their IP addresses) on the firewall's application / FQDN rules.",
            "ファイアウォールのアプリケーション (FQDN) ルールで、Azure Backup・Storage・Entra ID の FQDN (IP アドレスだけでなく) を許可してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.9",
    },
    Entry {
        code: Code::TLS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "TLS never answered (black-holed handshake)",
            "TLS が応答しません (ハンドシェイクの破棄)",
            "curl (28) `SSL connection timeout`: TCP was accepted but the TLS handshake never got an answer, typically a device that black-holes HTTPS it does not allow.",
            "curl (28) `SSL connection timeout`: TCP は受け付けられましたが TLS ハンドシェイクに応答がありません。許可しない HTTPS を黙って破棄する装置が一般的な原因です。",
            "Allow the FQDNs on the firewall or proxy that sits on the path.",
            "経路上のファイアウォールまたはプロキシで、これらの FQDN を許可してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.9",
    },
    Entry {
        code: Code::TLS_UNTRUSTED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The server's certificate is not trusted",
            "サーバー証明書が信頼されていません",
            "curl (60) or Windows' `trust relationship` error: the certificate presented could not be verified (e.g. `self-signed certificate`). A device on the path answers with its own certificate instead of Azure's.",
            "curl (60) または Windows の `信頼関係` のエラー: 提示された証明書を検証できませんでした (`self-signed certificate` など)。経路上の装置が Azure ではなく独自の証明書で応答しています。",
            "Find the device that answers on port 443 for this FQDN (proxy, firewall, DNS pointing elsewhere) and exclude the Azure FQDNs from it.",
            "この FQDN の 443 番ポートで応答している装置 (プロキシ・ファイアウォール・誤った DNS) を特定し、Azure の FQDN を対象外にしてください。",
        ),
        doc_url: DOC_TLS,
        rule: "C.3",
    },
];

/// curl's TLS errors: the handshake, the server's certificate and the local CA bundle.
pub(super) fn curl_error(e: &CurlError<'_>) -> Option<Classified> {
    let lower = e.lower.as_str();
    let c = match e.code {
        28 if lower.contains("ssl connection timeout") => Code::TLS_TIMEOUT,
        35 if lower.contains("reset by peer") => Code::TLS_RESET,
        35 => Code::TLS_HANDSHAKE_FAILED,
        51 => Code::TLS_NAME_MISMATCH,
        60 | 83 => {
            if lower.contains("certificate chain")
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
            }
        }
        77 => Code::CA_BUNDLE_MISSING,
        _ => return None,
    };
    Some(e.plain(c))
}

/// Invoke-WebRequest's TLS failures (English or Japanese .NET wording). A closed connection
/// that also timed out is the HTTP timeout, not the handshake.
pub(super) fn web_error(says: WebError) -> Option<Code> {
    match says {
        WebError::Untrusted => Some(Code::TLS_UNTRUSTED),
        WebError::SecureChannel | WebError::SendFailed | WebError::Closed => {
            Some(Code::TLS_HANDSHAKE_FAILED)
        }
        _ => None,
    }
}

/// C.3 / E.5: `curl -I https://<ip>` always fails the name check, yet TCP and TLS reached the
/// endpoint: a warning, not a failure.
pub(super) fn name_mismatch_on_ip(j: &mut Judged, target: &str) {
    if j.code == Code::TLS_NAME_MISMATCH && crate::parse::is_ip_literal(target) {
        j.status = Status::Warning;
        j.summary.push(say!(EXPECTED_FOR_IP));
    }
}

/// What a group of TLS failures says together: when nc connected to the same endpoints, TCP is
/// open and only TLS fails. `None` for the codes this rule does not group.
pub(super) fn group_detail(ctx: &Context<'_>, d: &Draft) -> Option<Sentence> {
    if !matches!(
        d.code,
        Code::TLS_INTERCEPTED
            | Code::TLS_RESET
            | Code::TLS_TIMEOUT
            | Code::TLS_UNTRUSTED
            | Code::TLS_HANDSHAKE_FAILED
    ) {
        return None;
    }
    let checks = ctx.checks;
    let targets = targets_of(checks, &d.checks);
    let n = d.checks.len();
    let nc_connected: super::Index = checks
        .iter()
        .enumerate()
        .filter(|(k, c)| c.tool == Tool::Nc && connected_directly(ctx, *k))
        .map(|(_, c)| (c.target.to_ascii_lowercase(), 0))
        .collect();
    let tcp_ok = targets
        .iter()
        .any(|t| nc_connected.contains_key(&t.to_ascii_lowercase()));
    Some(if tcp_ok {
        say!(ONLY_TLS_FAILS, Arg::Count(n), Arg::Hosts(targets))
    } else {
        seen_in(n, &targets)
    })
}

/// W.4: the SCHANNEL and .NET registry values that decide whether TLS 1.2 is offered.
/// TLS 1.0 / 1.1 / SSL switched off is what Azure wants and says nothing. Returns the verdict
/// the values alone give, `None` when they disable nothing Azure needs.
pub(crate) fn windows_registry(values: &[TlsValue], drafts: &mut Vec<Draft>) -> Option<Status> {
    let off = |v: &TlsValue| {
        (v.name == "Enabled" && v.value == 0) || (v.name == "DisabledByDefault" && v.value == 1)
    };
    let said = |v: &TlsValue| {
        let key = if v.protocol.is_empty() {
            v.side.clone()
        } else {
            format!("{} {}", v.protocol, v.side).trim().to_owned()
        };
        say!(
            TLS_VALUE,
            Arg::Word(v.name.clone()),
            Arg::Word(v.value.to_string()),
            Arg::Word(key)
        )
    };
    // The same value is printed twice (the table view and the value lines): said once.
    let mut seen: Vec<(&str, &str, &str, u32)> = Vec::new();
    let mut found: Vec<Draft> = Vec::new();
    let mut status = Status::Ok;
    for v in values {
        let (code, s) = if v.protocol == "TLS 1.2" && off(v) {
            (Code::TLS12_DISABLED, Status::Failure)
        } else if v.name == "SchUseStrongCrypto" && v.value == 0 {
            (Code::DOTNET_STRONG_CRYPTO_OFF, Status::Warning)
        } else {
            continue;
        };
        let key = (
            v.protocol.as_str(),
            v.side.as_str(),
            v.name.as_str(),
            v.value,
        );
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if !found.iter().any(|d| d.code == code) {
            found.push(Draft::new(code));
        }
        let Some(d) = found.iter_mut().find(|d| d.code == code) else {
            continue;
        };
        d.detail.push(said(v));
        d.lines.push(crate::report::Lines::one(v.line));
        status = status.worst(s);
    }
    drafts.extend(found);
    // Values that disable nothing Azure needs give no verdict of their own.
    (status != Status::Ok).then_some(status)
}

#[cfg(test)]
mod tests {
    use super::super::http::classify_error;
    use super::*;

    fn code_of(code: u16, msg: &str) -> Code {
        classify_error("login.microsoft.com", Some(443), code, msg).0
    }

    #[test]
    fn an_unknown_issuer_is_inspection_and_an_expired_certificate_is_expired() {
        assert_eq!(
            code_of(
                60,
                "SSL certificate problem: unable to get local issuer certificate"
            ),
            Code::TLS_INTERCEPTED
        );
        assert_eq!(
            code_of(60, "SSL certificate problem: certificate has expired"),
            Code::TLS_CERT_EXPIRED
        );
        assert_eq!(
            code_of(
                60,
                "SSL: no alternative certificate subject name matches target host name"
            ),
            Code::TLS_NAME_MISMATCH
        );
        assert_eq!(
            code_of(60, "SSL certificate problem: self-signed certificate"),
            Code::TLS_UNTRUSTED
        );
    }

    #[test]
    fn a_handshake_reset_is_told_from_other_handshake_failures() {
        assert_eq!(
            code_of(35, "OpenSSL SSL_connect: Connection reset by peer in connection to login.microsoft.com:443"),
            Code::TLS_RESET
        );
        assert_eq!(
            code_of(
                35,
                "error:0A000410:SSL routines::sslv3 alert handshake failure"
            ),
            Code::TLS_HANDSHAKE_FAILED
        );
        assert_eq!(
            code_of(77, "error setting certificate file"),
            Code::CA_BUNDLE_MISSING
        );
    }

    #[test]
    fn a_name_mismatch_on_an_ip_address_is_only_a_warning() {
        let mut j = Judged::new(
            Code::TLS_NAME_MISMATCH,
            Status::Failure,
            say!(EXPECTED_FOR_IP),
            Vec::new(),
        );
        name_mismatch_on_ip(&mut j, "login.microsoft.com");
        assert_eq!(j.status, Status::Failure);
        name_mismatch_on_ip(&mut j, "20.190.151.7");
        assert_eq!(j.status, Status::Warning);
    }
}
