//! The Windows family: facts that only apply to Windows machines and the Windows script's log.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rule for a Windows client edition named by the agent's output.

use crate::code::Code;
use crate::report::{Arg, Lines, Severity};

use super::findings::Draft;
use super::registry::{texts, Entry, Kind, DOC_SUPPORT_MATRIX};
use super::say::say;

super::say::sentences! { Windows;
    OS = "OS: {}.", "OS: {}。";
    SITE_RECOVERY_SCRIPT = "It is Azure Site Recovery's connectivity check (Check_ASR_NW): its checks are read, for Site Recovery's destinations.", "Azure Site Recovery の疎通確認スクリプト (Check_ASR_NW) です。そのチェックは Site Recovery の宛先について読み取っています。";
    OTHER_SCRIPT = "The transcript names no check of the Backup script.", "トランスクリプトには Backup のスクリプトのチェックがありません。";
    STEP_DNS = "Check the network adapter's DNS servers (`ipconfig /all`, `Get-DnsClientServerAddress`) and that they answer (`Resolve-DnsName <fqdn>`); Azure DNS is 168.63.129.16; for custom DNS, check its forwarders.", "ネットワーク アダプターの DNS サーバー (`ipconfig /all`、`Get-DnsClientServerAddress`) とその応答 (`Resolve-DnsName <FQDN>`) を確認してください。Azure DNS は 168.63.129.16 です。カスタム DNS の場合はフォワーダーを確認してください。";
    STEP_FIREWALL = "Check Windows Defender Firewall's outbound rules (`Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True`) and any firewall or appliance on the route that rejects this destination.", "Windows Defender ファイアウォールの送信の規則 (`Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True`) と、経路上でこの宛先を拒否しているファイアウォールやアプライアンスを確認してください。";
    STEP_PROXY = "Check the proxy in Internet Options (per account), `netsh winhttp show proxy` and the MARS agent's proxy settings, and that the proxy answers.", "インターネット オプション (アカウントごと)、`netsh winhttp show proxy`、MARS エージェントのプロキシ設定にあるプロキシと、そのプロキシが応答することを確認してください。";
    STEP_VM_BACKUP = "To check VM backup, look at the VM agent status (Ready) and run `Test-NetConnection 168.63.129.16 -Port 80` and `-Port 32526`.", "VM バックアップについては、VM エージェントの状態 (Ready) を確認し、`Test-NetConnection 168.63.129.16 -Port 80` と `-Port 32526` を実行してください。";
    STEP_PRIVATE_ENDPOINT = "Test the vault's own privatelink FQDNs with `Resolve-DnsName <fqdn>`, `Test-NetConnection <fqdn> -Port 443` and `Invoke-WebRequest https://<fqdn> -UseBasicParsing`.", "コンテナーの privatelink の FQDN を `Resolve-DnsName <FQDN>`、`Test-NetConnection <FQDN> -Port 443`、`Invoke-WebRequest https://<FQDN> -UseBasicParsing` で確認してください。";
    STEP_TLS = "Check devices that inspect TLS on the path, and that Windows offers TLS 1.2 (SCHANNEL's `TLS 1.2\\Client` key, .NET's SchUseStrongCrypto).", "経路上で TLS を検査する機器と、Windows が TLS 1.2 を使えること (SCHANNEL の `TLS 1.2\\Client` キー、.NET の SchUseStrongCrypto) を確認してください。";
}

/// The catalogue entries of the Windows family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::TRANSCRIPT_OTHER_SCRIPT,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Not the Azure Backup connectivity check",
            "Azure Backup の疎通確認スクリプトではありません",
            "Another script wrote this transcript: only the outputs Preflight knows are read, as what they are, not as the Backup check.",
            "別のスクリプトのトランスクリプトです。Preflight が知っている出力だけを、Backup の疎通確認としてではなく読み取っています。",
            "For Azure Backup, run the Backup connectivity-check script (Check_Backup_NW) and share its AzureBackup_Check_NW_<date>.log.",
            "Azure Backup については、Backup の疎通確認スクリプト (Check_Backup_NW) を実行し、その AzureBackup_Check_NW_<日時>.log を共有してください。",
        ),
        doc_url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Windows/",
        rule: "W.1",
    },
    Entry {
        code: Code::WINDOWS_CLIENT_OS,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Windows client OS: check the Backup support matrix",
            "Windows クライアント OS: Backup のサポート マトリックスを確認してください",
            "The VM runs a Windows client edition. Azure VM Backup supports only some client versions; the support matrix is the reference.",
            "VM は Windows のクライアント エディションで動作しています。Azure VM Backup がサポートするクライアント バージョンは一部のみで、サポート マトリックスが基準になります。",
            "Check the OS against the current Azure VM Backup support matrix.",
            "現在の Azure VM Backup のサポート マトリックスで OS を確認してください。",
        ),
        doc_url: DOC_SUPPORT_MATRIX,
        rule: "G.1",
    },
    Entry {
        code: Code::WINDOWS_LOG_PRELIMINARY,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Windows log: read from the published reading guide",
            "Windows のログ: 公開されている読み方ガイドに基づく判定です",
            "No whole real log of the Windows script is public: its transcript is read from the published reading guide (tnc and Invoke-WebRequest result lines, proxy settings, TLS registry) and the cmdlets' real outputs. Treat these verdicts with medium confidence and read the quoted lines.",
            "Windows 版スクリプトの実際のログ全体は公開されていないため、公開されている読み方ガイド (tnc と Invoke-WebRequest の結果行、プロキシ設定、TLS のレジストリ) とコマンドレットの実際の出力に基づいて判定しています。判定は参考程度とし、引用した行を確認してください。",
            "If a verdict looks wrong, compare it with the quoted line and the reading guide.",
            "判定が疑わしい場合は、引用した行と読み方ガイドを照らし合わせてください。",
        ),
        doc_url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Windows/",
        rule: "F",
    },
];

/// W.5: on Windows, the next step of each code whose catalogue step names Linux files or tools
/// is a Windows one (a step a rule wrote itself stays).
pub(crate) fn windows_steps(drafts: &mut [Draft]) {
    for d in drafts.iter_mut().filter(|d| d.next_step.is_none()) {
        d.next_step = Some(match d.code {
            Code::DNS_LOOKUP_FAILED
            | Code::DNS_TIMEOUT
            | Code::DNS_NO_NAMESERVER
            | Code::DNS_SERVER_REFUSED => say!(STEP_DNS),
            Code::TCP_REFUSED => say!(STEP_FIREWALL),
            Code::PROXY_UNREACHABLE | Code::PROXY_UNRESOLVABLE => say!(STEP_PROXY),
            Code::VM_BACKUP_NOT_TESTED => say!(STEP_VM_BACKUP),
            Code::PRIVATE_ENDPOINT_RESOLUTION => say!(STEP_PRIVATE_ENDPOINT),
            Code::TLS_HANDSHAKE_FAILED => say!(STEP_TLS),
            _ => continue,
        });
    }
}

/// Said of a transcript of Azure Site Recovery's check.
pub(crate) fn site_recovery() -> crate::report::Sentence {
    say!(SITE_RECOVERY_SCRIPT)
}

/// Said of a transcript of another script.
pub(crate) fn other_script() -> crate::report::Sentence {
    say!(OTHER_SCRIPT)
}

/// A Windows client edition, which VM backup supports only in part.
pub(super) fn client_os_drafts(os: Option<&(String, usize)>, drafts: &mut Vec<Draft>) {
    let Some((o, line)) = os else {
        return;
    };
    let l = o.to_ascii_lowercase();
    if l.contains("windows 10")
        || l.contains("windows 11")
        || l.contains("windows 7")
        || l.contains("windows 8")
    {
        let mut d = Draft::new(Code::WINDOWS_CLIENT_OS);
        d.detail = vec![say!(OS, Arg::Word(o.clone()))];
        d.lines = vec![Lines::one(*line)];
        drafts.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafts_for(os: &str) -> Vec<Draft> {
        let mut drafts = Vec::new();
        client_os_drafts(Some(&(os.to_owned(), 12)), &mut drafts);
        drafts
    }

    #[test]
    fn a_client_edition_is_noted_with_its_line_and_a_server_is_not() {
        let drafts = drafts_for("Microsoft Windows 11 Enterprise");
        assert_eq!(drafts.len(), 1);
        assert!(drafts.iter().all(|d| d.code == Code::WINDOWS_CLIENT_OS));
        assert!(drafts.iter().all(|d| d.lines == vec![Lines::one(12)]));
        assert!(drafts_for("Microsoft Windows Server 2022 Datacenter").is_empty());
    }
}
