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
            "This PowerShell transcript was written by another script. Its results are not the Backup check's; what they show is read where Preflight knows the output, and nothing else is judged.",
            "この PowerShell のトランスクリプトは別のスクリプトが出力したものです。Backup の疎通確認の結果ではありません。Preflight が知っている出力だけを読み、それ以外は判定していません。",
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
            "The Windows script's transcript is interpreted from its published reading guide (tnc and Invoke-WebRequest result lines, WinInet / WinHTTP proxy settings). Its TLS registry dump is not judged. Treat these verdicts with medium confidence and read the quoted lines.",
            "Windows 版スクリプトのトランスクリプトは、公開されている読み方ガイド (tnc と Invoke-WebRequest の結果行、WinInet / WinHTTP のプロキシ設定) に基づいて判定しています。TLS のレジストリ出力は判定していません。判定は参考程度とし、引用した行を確認してください。",
            "If a verdict looks wrong, compare it with the quoted line and the reading guide.",
            "判定が疑わしい場合は、引用した行と読み方ガイドを照らし合わせてください。",
        ),
        doc_url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Windows/",
        rule: "F",
    },
];

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
