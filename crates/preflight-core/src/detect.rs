//! What kind of input this is, how sure we are, and why.

use crate::decode::Text;
use crate::i18n::TextBuf;
use crate::parse::guess::guess_tool;
use crate::parse::linux_log::LinuxLog;
use crate::report::{Confidence, InputKind, InputShape};
use crate::tr;

#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    pub kind: InputKind,
    pub shape: InputShape,
    pub confidence: Confidence,
    pub reason: TextBuf,
}

/// Decides the format from the decoded text and the structural parse.
pub fn detect(text: &Text<'_>, log: &LinuxLog) -> Detected {
    let d = |kind, shape, confidence, reason| Detected {
        kind,
        shape,
        confidence,
        reason,
    };
    if let Some(fmt) = text.binary {
        return d(
            InputKind::Unknown,
            InputShape::Unrecognised,
            Confidence::High,
            tr!(en: "binary data ({}), not text", fmt; ja: "テキストではなくバイナリ データ ({}) です", fmt),
        );
    }
    if text.content.trim().is_empty() {
        return d(
            InputKind::Unknown,
            InputShape::Unrecognised,
            Confidence::High,
            tr!(en: "the input is empty"; ja: "入力が空です"),
        );
    }
    // Text has few control characters; an image or archive that no magic number caught has many
    // (and many replacement characters once decoded).
    let sample: Vec<char> = text.content.chars().take(4096).collect();
    let odd = sample
        .iter()
        .filter(|&&c| {
            c == '\u{FFFD}'
                || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}'))
        })
        .count();
    if sample.len() >= 64 && odd * 10 > sample.len() && log.blocks.is_empty() {
        return d(
            InputKind::Unknown,
            InputShape::Unrecognised,
            Confidence::High,
            tr!(en: "binary data (NUL bytes), not text"; ja: "テキストではなくバイナリ データ (NUL バイト) です"),
        );
    }
    let mut cut = text.content.len().min(20_000);
    while !text.content.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.content.get(..cut).unwrap_or("");
    if head.contains("Windows PowerShell transcript start")
        || head.contains("#TRY!! Invoke-webRequest")
        || head.contains("Result of tnc")
        || head.contains("Result of Invoke-webRequest")
    {
        return d(
            InputKind::WindowsConnectivityLog,
            InputShape::WindowsTranscript,
            Confidence::Medium,
            tr!(en: "PowerShell transcript of the Windows connectivity check"; ja: "Windows 版疎通確認スクリプトの PowerShell トランスクリプトです"),
        );
    }
    let n = log.blocks.len();
    if n > 0 && log.separator_lines.len() >= 2 {
        return d(
            InputKind::LinuxConnectivityLog,
            InputShape::SiteRecoveryLog,
            Confidence::High,
            tr!(en: "{} `##TRY!!` blocks with `====` separator lines (Site Recovery check script)", n;
                ja: "`====` 区切り行を含む `##TRY!!` ブロック {} 件 (Site Recovery の確認スクリプト)", n),
        );
    }
    // `[root@vm ~]# curl http://168.63.129.16/?comp=versions` is an agent check, not a Backup one.
    let agent_targets_only = n > 0
        && log
            .blocks
            .iter()
            .all(|b| matches!(b.target.as_str(), "168.63.129.16" | "169.254.169.254"));
    if agent_targets_only && !log.has_layout {
        if let Some(what) = agent_signal(head) {
            return d(
                InputKind::AgentStatus,
                InputShape::AgentStatus,
                Confidence::High,
                tr!(en: "VM agent status output ({})", what; ja: "VM エージェントの状態の出力 ({})", what),
            );
        }
    }
    if log.has_layout {
        let conf = if n >= 10 {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return d(
            InputKind::LinuxConnectivityLog,
            InputShape::FullLog,
            conf,
            tr!(en: "the script's environment section and {} `##TRY!!` blocks", n; ja: "スクリプトの環境情報セクションと `##TRY!!` ブロック {} 件", n),
        );
    }
    if n > 0 {
        let known = log
            .blocks
            .iter()
            .filter(|b| b.tool != crate::report::Tool::Unknown)
            .count();
        let conf = if known == n {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return d(
            InputKind::LinuxConnectivityLog,
            InputShape::Fragment,
            conf,
            tr!(en: "{} `##TRY!!` block(s) or command lines without the rest of the log", n; ja: "ログの他の部分を含まない `##TRY!!` ブロックまたはコマンド行 {} 件", n),
        );
    }
    if let Some(what) = agent_signal(head) {
        return d(
            InputKind::AgentStatus,
            InputShape::AgentStatus,
            Confidence::High,
            tr!(en: "VM agent status output ({})", what; ja: "VM エージェントの状態の出力 ({})", what),
        );
    }
    let sample: Vec<&str> = text.lines().take(400).map(|(_, l)| l).collect();
    if let Some(tool) = guess_tool(&sample) {
        return d(
            InputKind::LinuxConnectivityLog,
            InputShape::SingleOutput,
            Confidence::Medium,
            tr!(en: "output of {} with no `##TRY!!` marker", tool.word(); ja: "`##TRY!!` マーカーのない {} の出力", tool.word()),
        );
    }
    d(
        InputKind::Unknown,
        InputShape::Unrecognised,
        Confidence::High,
        tr!(en: "no `##TRY!!` block, known tool output or script section found"; ja: "`##TRY!!` ブロック、既知のコマンド出力、スクリプトのセクションが見つかりません"),
    )
}

/// Words that only VM agent output contains (field guide §G.2), with the form they point to.
fn agent_signal(head: &str) -> Option<&'static str> {
    const SIGNS: &[(&str, &str)] = &[
        ("\"vmAgent\"", "instance view"),
        ("vmAgentVersion", "instance view"),
        ("\"AgentStatus\"", "az vm get-instance-view --query"),
        ("guestAgentStatus", "guest status blob"),
        ("VMAgent", "Get-AzVM"),
        ("VmAgentVersion", "Get-AzVM"),
        ("WALinuxAgent", "Linux agent"),
        ("walinuxagent", "Linux agent"),
        ("waagent", "Linux agent"),
        ("WindowsAzureGuestAgent", "Windows agent"),
        ("WindowsAzureGue", "Windows agent"),
        ("RdAgent", "Windows agent"),
        ("WaAppAgent", "Windows agent log"),
        ("HostGAPlugin", "Windows agent log"),
        ("GuestAgent", "agent status"),
        ("Guest Agent", "agent status"),
        ("VM Agent", "agent status"),
        ("エージェントの状態", "portal"),
        ("Agent status", "portal"),
        ("168.63.129.16/machine", "agent log"),
        ("168.63.129.16:32526", "agent log"),
        ("?comp=versions", "WireServer check"),
        ("169.254.169.254", "IMDS check"),
        ("ProvisioningState/", "instance view"),
        ("vmassist", "VM assist"),
        ("Microsoft.Azure.RecoveryServices", "Backup extension"),
    ];
    if let Some(w) = SIGNS
        .iter()
        .find(|(s, _)| head.contains(s))
        .map(|(_, w)| *w)
    {
        return Some(w);
    }
    let lower = head.to_ascii_lowercase();
    const LOWER_SIGNS: &[(&str, &str)] = &[
        ("goal state", "agent log"),
        ("resourcegoneerror", "agent log"),
        ("status blob", "agent log"),
        ("npcap loopback adapter", "Windows agent log"),
        ("exthandler", "agent log"),
        ("extensions.enabled", "agent configuration"),
        ("provisioning.agent", "agent configuration"),
        ("\"imagereference\"", "image reference"),
        ("tcptestsucceeded", "Test-NetConnection"),
    ];
    if let Some(w) = LOWER_SIGNS
        .iter()
        .find(|(s, _)| lower.contains(s))
        .map(|(_, w)| *w)
    {
        return Some(w);
    }
    // `az vm show --query "{image:…, plan:plan}"` or IMDS `compute`: a publisher with an offer.
    if lower.contains("\"publisher\"")
        && (lower.contains("\"offer\"") || lower.contains("\"product\""))
    {
        return Some("image and plan");
    }
    // WireServer checks, but not an nslookup naming Azure DNS as its server.
    let wire = head.lines().any(|l| {
        let t = l.trim_start();
        (l.contains("168.63.129.16") || l.contains("169.254.169.254"))
            && !t.starts_with("Server:")
            && !t.starts_with("Address:")
    });
    wire.then_some("WireServer / IMDS check")
}
