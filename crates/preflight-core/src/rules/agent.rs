//! VM agent verdicts: Ready or Not Ready and why, the version against the minimum, the Backup
//! extension, and whether the VM is an appliance that VM backup cannot protect (field guide §G).
//!
//! When the text holds several states (a service that ran and then stopped), the last one wins
//! (§G.3). An appliance is never inferred from a VM's name, only from the image publisher or an
//! explicit product name (§G.7).
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here. Below it, the rules that report them.

use crate::code::Code;
use crate::parse::agent::{AgentText, Family, Found, Signal};
use crate::report::{
    AgentReport, AgentState, Annotation, Arg, BackupExtension, ImageRef, Lines, OsFamily, Reach,
    Sentence, ServiceState, Severity, Status,
};
use crate::rules::findings::Draft;
use crate::rules::registry::{
    texts, Entry, Kind, DOC_AGENT_VERSION, DOC_BACKUP_AGENT_TROUBLESHOOT, DOC_DISK_BACKUP,
    DOC_IMDS, DOC_LINUX_AGENT, DOC_NVA, DOC_WINDOWS_AGENT, DOC_WIRESERVER,
};

use super::say::say;

super::say::sentences! { Agent;
    STATUS_MESSAGE = "Status message: “{}”.", "状態メッセージ: 「{}」。";
    PLATFORM_SAYS = "The platform says: “{}”.", "プラットフォームのメッセージ: 「{}」。";
    SERVICE_IS_STOPPED = "The agent service is stopped.", "エージェントのサービスが停止しています。";
    CANNOT_REACH_WIRESERVER = "The agent cannot reach the WireServer 168.63.129.16.", "エージェントが WireServer 168.63.129.16 に到達できません。";
    STATUS_UPLOAD_FAILS = "The agent fails to upload its status.", "エージェントが状態のアップロードに失敗しています。";
    APPLIANCE_IMAGE = "The VM runs a network appliance image, which usually cannot run the agent.", "VM はネットワーク仮想アプライアンスのイメージで、通常はエージェントを実行できません。";
    APPLIANCE_USE_DISK_BACKUP = "Do not try to repair the agent on the appliance; protect its disks with Azure Disk Backup (see the appliance finding).", "アプライアンス上のエージェントの修復は試みず、Azure Disk Backup でディスクを保護してください (アプライアンスの検出事項を参照)。";
    SERVICE = "Service: {}.", "サービス: {}。";
    START_WINDOWS_SERVICES = "Start the agent services and set them to Automatic: `Start-Service WindowsAzureGuestAgent, RdAgent` (then `Get-Service WindowsAzureGuestAgent, RdAgent`).", "エージェントのサービスを開始し、スタートアップの種類を自動にしてください: `Start-Service WindowsAzureGuestAgent, RdAgent` (確認は `Get-Service WindowsAzureGuestAgent, RdAgent`)。";
    BELOW_MINIMUM = "Agent {} is below the minimum {}.", "エージェント {} は最小バージョン {} 未満です。";
    PACKAGE_AND_GOAL_STATE = "Installed package {}, goal-state agent {}.", "インストール済みパッケージ {}、ゴール ステート エージェント {}。";
    ONLY_PACKAGE_KNOWN = "Only the installed package {} is known.", "インストール済みパッケージ {} のみが分かっています。";
    EXTENSION_SAYS = "{}: {}", "{}: {}";
    BLOCKED_PORTS = "Blocked port(s): {}.", "到達できないポート: {}。";
    ALLOW_WIRESERVER_WINDOWS = "Allow outbound TCP 80 and 32526 to 168.63.129.16 in the guest firewall (Windows Firewall, security software), then check `Test-NetConnection 168.63.129.16 -Port 32526` and restart WindowsAzureGuestAgent.", "ゲスト OS のファイアウォール (Windows ファイアウォールやセキュリティ ソフト) で 168.63.129.16 への送信 TCP 80 と 32526 を許可し、`Test-NetConnection 168.63.129.16 -Port 32526` で確認してから WindowsAzureGuestAgent を再起動してください。";
    VENDOR_APPLIANCE = "{} appliance: Azure VM Backup is not supported, use Azure Disk Backup", "{} のアプライアンス: Azure VM Backup はサポート対象外のため、Azure Disk Backup を利用してください";
    VENDOR_DISK_BACKUP = "For a {} appliance that means: the configuration and software stored on its disks are captured as they were at snapshot time, as if the power had been cut; sessions, connection tables and logs being written at that moment may be lost or inconsistent. Restoring creates new disks from a snapshot, which are then attached to a new or rebuilt VM. Keep the vendor's own configuration export as a complement.", "{} のアプライアンスの場合: ディスク上の設定やソフトウェアはスナップショット時点の状態 (電源を切断したのと同じ状態) で保護されますが、その瞬間のセッション、接続テーブル、書き込み中のログは失われるか不整合になる可能性があります。復元ではスナップショットから新しいディスクを作成し、新規または再構築した VM に接続します。ベンダー独自の設定エクスポートも併用してください。";
    VENDOR_APPLIANCE_PROBABLY = "{} appliance: Azure VM Backup is probably unsupported; verify, or use Azure Disk Backup", "{} のアプライアンス: Azure VM Backup はサポート対象外の可能性が高いため、確認するか Azure Disk Backup を利用してください";
    // Notes on the raw text's lines.
    NOTE_READY = "agent Ready", "エージェント Ready";
    NOTE_NOT_READY = "agent Not Ready", "エージェント Not Ready";
    NOTE_RUNNING = "{} running", "{} 実行中";
    NOTE_STOPPED = "{} stopped", "{} 停止";
    NOTE_VERSION = "agent version {}", "エージェント バージョン {}";
    NOTE_PACKAGE = "installed package {}", "インストール済みパッケージ {}";
    NOTE_WIRESERVER_REACHABLE = "WireServer reachable", "WireServer に到達可能";
    NOTE_WIRESERVER_UNREACHABLE = "WireServer unreachable", "WireServer に到達不可";
    NOTE_IMDS_UNREACHABLE = "IMDS unreachable", "IMDS に到達不可";
    NOTE_BACKUP_EXTENSION_FAILED = "Backup extension failed", "Backup 拡張機能が失敗";
    NOTE_BACKUP_EXTENSION = "Backup extension", "Backup 拡張機能";
    NOTE_EXTENSION_ERROR = "extension error", "拡張機能のエラー";
    NOTE_STATUS_UPLOAD_FAILING = "status upload failing", "状態のアップロードに失敗";
    NOTE_GOAL_STATE_ERROR = "goal state error", "ゴール ステートの取得エラー";
    NOTE_TRANSIENT_410 = "transient 410 (harmless if it stops)", "一時的な 410 (収まれば問題なし)";
    NOTE_APPLIANCE_PUBLISHER = "appliance image publisher", "アプライアンスのイメージ発行元";
    NOTE_IMAGE_PUBLISHER = "image publisher", "イメージ発行元";
    NOTE_APPLIANCE = "{} appliance", "{} のアプライアンス";
    NOTE_AGENT_PROBLEM = "agent problem", "エージェントの問題";
    NOTE_CLOUD_INIT_WAITING = "waiting for cloud-init", "cloud-init 待ち";
    VERIFY_WITH_VENDOR = "No public report confirms that this vendor's images fail with the agent: verify with the vendor.", "このベンダーのイメージでエージェントが動作しないという公開情報はないため、ベンダーに確認してください。";
    NOTE_CRASHED = "agent crashed (Event Log)", "エージェントの異常終了 (イベント ログ)";
}

/// The catalogue entries of the VM agent family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::AGENT_CRASHED,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The Windows agent crashed",
            "Windows エージェントが異常終了しています",
            "The Event Log shows the agent's service ending unexpectedly or its program crashing (Service Control Manager 7031 / 7034, Application Error 1000, .NET Runtime 1026). Windows restarts the service, so the agent may be Ready again now; while it keeps crashing it cannot run the Backup extension, and the VM shows Not Ready.",
            "イベント ログに、エージェントのサービスの予期しない終了またはプログラムの異常終了が記録されています (Service Control Manager 7031 / 7034、Application Error 1000、.NET Runtime 1026)。Windows がサービスを再起動するため現在は Ready の可能性もありますが、異常終了が続く間は Backup 拡張機能を実行できず、VM は Not Ready と表示されます。",
            "Check the agent's state now (`Get-Service WindowsAzureGuestAgent, RdAgent`, Agent status in the portal); if the crashes recur, reinstall the latest agent (MSI) and read C:\\WindowsAzure\\Logs\\WaAppAgent.log around the crash time.",
            "現在のエージェントの状態を確認してください (`Get-Service WindowsAzureGuestAgent, RdAgent`、ポータルのエージェントの状態)。異常終了が繰り返される場合は最新のエージェント (MSI) を再インストールし、異常終了の時刻前後の C:\\WindowsAzure\\Logs\\WaAppAgent.log を確認してください。",
        ),
        doc_url: DOC_WINDOWS_AGENT,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_GOAL_STATE_NEWER,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "The installed agent package is old, but auto-update runs a supported agent",
            "インストール済みのエージェント パッケージは古いものの、自動更新でサポート対象のエージェントが動作しています",
            "On Linux the installed WALinuxAgent package only starts the agent; with auto-update (the default) it downloads and runs a newer goal-state agent, which handles extensions such as Backup. The goal-state version is the one that must meet the minimum, and it does.",
            "Linux では、インストールされた WALinuxAgent パッケージはエージェントを起動するだけで、自動更新 (既定で有効) により新しいゴール ステート エージェントをダウンロードして実行します。Backup などの拡張機能を扱うのはゴール ステート エージェントで、最小バージョンを満たす必要があるのもこちらです。この条件は満たしています。",
            "Nothing to do for backup; keep auto-update enabled (`AutoUpdate.Enabled=y` in /etc/waagent.conf).",
            "バックアップのための対応は不要です。自動更新は有効のままにしてください (/etc/waagent.conf の `AutoUpdate.Enabled=y`)。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Entry {
        code: Code::AGENT_NOT_READY,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The VM agent is Not Ready: Azure VM Backup cannot run",
            "VM エージェントが Not Ready です: Azure VM Backup を実行できません",
            "Azure VM Backup works through the Backup extension that the VM agent runs, so the agent must be Ready. Not Ready means the agent does not report to Azure: it is stopped, cannot reach the WireServer 168.63.129.16, cannot upload its status, or the OS is one it does not support.",
            "Azure VM Backup は VM エージェントが実行する Backup 拡張機能を通じて動作するため、エージェントが Ready である必要があります。Not Ready はエージェントが Azure に状態を報告していないことを示します。停止している、WireServer 168.63.129.16 に到達できない、状態をアップロードできない、または OS がサポート対象外であることが原因です。",
            "On a supported OS: restart the agent (Linux `sudo systemctl restart walinuxagent` or `waagent`; Windows restart WindowsAzureGuestAgent) or the VM, check that 168.63.129.16 is reachable on TCP 80 and 32526, and open an agent support case if it stays Not Ready.",
            "サポート対象の OS の場合: エージェント (Linux は `sudo systemctl restart walinuxagent` または `waagent`、Windows は WindowsAzureGuestAgent) または VM を再起動し、168.63.129.16 の TCP 80 と 32526 に到達できるか確認してください。それでも Not Ready のままであれば、VM エージェントの問題としてお問い合わせください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_READY,
        kind: Kind::Finding,
        severity: Severity::Ok,
        texts: texts!(
            "The VM agent is Ready",
            "VM エージェントは Ready です",
            "The agent reports Ready, the precondition for online Azure VM Backup.",
            "エージェントは Ready を報告しており、オンラインの Azure VM Backup の前提条件を満たしています。",
            "Nothing to do for the agent.",
            "エージェントについて対応は不要です。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_SERVICE_RUNNING,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "The agent service runs; the portal's Ready state is not in this text",
            "エージェントのサービスは実行中ですが、ポータルの Ready 状態はこのテキストにありません",
            "The agent process is running, so Ready is likely, but only the platform's view (portal, `az vm get-instance-view`) confirms it: a running agent that cannot reach the WireServer still shows Not Ready.",
            "エージェントのプロセスは実行中のため Ready の可能性が高いですが、確定できるのはプラットフォーム側の表示 (ポータル、`az vm get-instance-view`) だけです。実行中でも WireServer に到達できなければ Not Ready と表示されます。",
            "Confirm with `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent` (or the portal's Agent status).",
            "`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent` (またはポータルのエージェントの状態) で確認してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_SERVICE_STOPPED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The VM agent service is stopped",
            "VM エージェントのサービスが停止しています",
            "The agent's service is not running (`inactive (dead)`, `failed`, `Stopped`), so the agent cannot run the Backup extension and shows Not Ready.",
            "エージェントのサービスが実行されていません (`inactive (dead)`、`failed`、`Stopped`)。エージェントは Backup 拡張機能を実行できず、Not Ready と表示されます。",
            "Start and enable it: Linux `sudo systemctl enable --now walinuxagent` (Ubuntu/Debian) or `waagent` (RHEL/SUSE); Windows `Start-Service WindowsAzureGuestAgent, RdAgent`. If it stops again, read /var/log/waagent.log or C:\\WindowsAzure\\Logs\\WaAppAgent.log.",
            "開始して自動起動を有効にしてください: Linux は `sudo systemctl enable --now walinuxagent` (Ubuntu/Debian) または `waagent` (RHEL/SUSE)、Windows は `Start-Service WindowsAzureGuestAgent, RdAgent`。再び停止する場合は /var/log/waagent.log または C:\\WindowsAzure\\Logs\\WaAppAgent.log を確認してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_STATE_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "The agent's Ready state cannot be read from this text",
            "このテキストからはエージェントの Ready 状態を判断できません",
            "The text holds no agent state (Ready / Not Ready) and no service status.",
            "このテキストにはエージェントの状態 (Ready / Not Ready) もサービスの状態も含まれていません。",
            "Run `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent` (or look at Agent status on the VM's Properties in the portal) and load the output.",
            "`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent` を実行する (またはポータルの VM のプロパティで「エージェントの状態」を確認する) ことで、その出力を読み込んでください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Entry {
        code: Code::AGENT_STUCK_STOPPING,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The Windows agent is stuck stopping",
            "Windows エージェントが停止処理中のまま止まっています",
            "`WindowsAzureGuestAgent could not be stopped` (or a StopPending service): the agent hangs and cannot run extensions.",
            "`WindowsAzureGuestAgent could not be stopped` (またはサービスが StopPending): エージェントが停止処理でハングしており、拡張機能を実行できません。",
            "End the WindowsAzureGuestAgent process, start the service again, and reinstall the agent if it recurs.",
            "WindowsAzureGuestAgent のプロセスを終了してサービスを再度開始し、再発する場合はエージェントを再インストールしてください。",
        ),
        doc_url: DOC_WINDOWS_AGENT,
        rule: "G.2",
    },
    Entry {
        code: Code::AGENT_VERSION_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "The agent version is not known from this text",
            "このテキストからはエージェントのバージョンが分かりません",
            "The version that matters (the goal-state agent on Linux, the agent on Windows) is not in the text, so it cannot be compared with the minimum (Linux 2.2.53.1, Windows 2.7.41491.1010).",
            "判断に必要なバージョン (Linux はゴール ステート エージェント、Windows はエージェント) がテキストに含まれていないため、最小バージョン (Linux 2.2.53.1、Windows 2.7.41491.1010) と比較できません。",
            "On Linux run `waagent --version` (read `Goal state agent`); or `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent.vmAgentVersion`.",
            "Linux では `waagent --version` を実行して `Goal state agent` を確認するか、`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent.vmAgentVersion` を実行してください。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Entry {
        code: Code::AGENT_VERSION_UNSUPPORTED,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The VM agent is older than the supported minimum",
            "VM エージェントがサポート対象の最小バージョンより古いです",
            "Extensions, including Backup, are supported only with Linux goal-state agent 2.2.53.1 or later and Windows agent 2.7.41491.1010 or later. An older agent may fail backups or stop being serviced.",
            "Backup を含む拡張機能は、Linux のゴール ステート エージェント 2.2.53.1 以上、Windows エージェント 2.7.41491.1010 以上でのみサポートされます。古いエージェントではバックアップの失敗やサポート対象外となる可能性があります。",
            "Update the agent: Linux enable auto-update (`AutoUpdate.Enabled=y`) or update the distribution's walinuxagent/WALinuxAgent package; Windows install the latest agent MSI.",
            "エージェントを更新してください: Linux は自動更新 (`AutoUpdate.Enabled=y`) を有効にするかディストリビューションの walinuxagent/WALinuxAgent パッケージを更新し、Windows は最新のエージェント MSI をインストールしてください。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Entry {
        code: Code::APPLIANCE_VM_BACKUP_UNSUPPORTED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "Network appliance: Azure VM Backup is not supported, use Azure Disk Backup",
            "ネットワーク仮想アプライアンス: Azure VM Backup はサポート対象外のため、Azure Disk Backup を利用してください",
            "Network virtual appliances and custom OS images usually cannot run the VM agent and its extensions, so Azure VM Backup cannot protect them (cases are known for Palo Alto, Fortinet FortiAnalyzer, Zscaler and Barracuda). Azure Disk Backup protects the VM's disks without any agent, with crash-consistent incremental snapshots: what was on disk at snapshot time, as if the power cord had been pulled; nothing that was only in memory.",
            "ネットワーク仮想アプライアンスやカスタム OS のイメージは、通常 VM エージェントと拡張機能を実行できないため、Azure VM Backup では保護できません (Palo Alto、Fortinet FortiAnalyzer、Zscaler、Barracuda で事例があります)。Azure Disk Backup はエージェントを使わずに、クラッシュ整合性のある増分スナップショットで VM のディスクを保護します。スナップショット時点でディスク上にあったデータ (電源コードを抜いたときと同じ状態) が対象で、メモリ上にしかないデータは含まれません。",
            "Back up the appliance's OS and data disks with Azure Disk Backup (check the supported disk types), keep the vendor's configuration export as well, and confirm agent support with the vendor if VM backup is still wanted.",
            "アプライアンスの OS ディスクとデータ ディスクを Azure Disk Backup でバックアップし (サポートされるディスクの種類を確認してください)、ベンダーの設定エクスポートも併用してください。VM バックアップを希望する場合は、エージェントへの対応状況をベンダーに確認してください。",
        ),
        doc_url: DOC_DISK_BACKUP,
        rule: "G.7",
    },
    Entry {
        code: Code::BACKUP_EXTENSION_FAILED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The Azure Backup extension failed",
            "Azure Backup 拡張機能が失敗しています",
            "The Backup extension (Microsoft.Azure.RecoveryServices.VMSnapshot / VMSnapshotLinux) reports an error, so snapshots for VM backup fail.",
            "Backup 拡張機能 (Microsoft.Azure.RecoveryServices.VMSnapshot / VMSnapshotLinux) がエラーを報告しており、VM バックアップのスナップショットが失敗します。",
            "Update the agent, then remove the failed extension (it is reinstalled at the next backup) and retry the backup; for `Downgrade not allowed`, delete the old extension folder under /var/lib/waagent first.",
            "エージェントを更新してから失敗した拡張機能を削除し (次回のバックアップ時に再インストールされます)、バックアップを再試行してください。`Downgrade not allowed` の場合は、先に /var/lib/waagent 配下の古い拡張機能のフォルダーを削除してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.5",
    },
    Entry {
        code: Code::BACKUP_EXTENSION_NOT_INSTALLED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "No Backup extension yet: this VM has not been backed up",
            "Backup 拡張機能がありません: この VM はまだバックアップされていません",
            "The agent lists extension handlers but no Microsoft.Azure.RecoveryServices.VMSnapshot(Linux). It is installed at the first backup, so this is normal for a VM that was never backed up.",
            "エージェントは拡張機能ハンドラーを報告していますが、Microsoft.Azure.RecoveryServices.VMSnapshot(Linux) はありません。最初のバックアップ時にインストールされるため、まだバックアップしていない VM では正常です。",
            "Nothing to do; if backups do run for this VM, check the extension's state after the next one.",
            "対応は不要です。この VM のバックアップを実行している場合は、次回のバックアップ後に拡張機能の状態を確認してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.5",
    },
    Entry {
        code: Code::CLOUD_INIT_PROVISIONING_STUCK,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "Provisioning is waiting for cloud-init",
            "プロビジョニングが cloud-init を待っています",
            "The agent waits for cloud-init (`Waiting for cloud-init to copy ovf-env.xml`, `cloud-init does not appear to be running`) and does not start handling extensions.",
            "エージェントが cloud-init を待機しており (`Waiting for cloud-init to copy ovf-env.xml`、`cloud-init does not appear to be running`)、拡張機能の処理を開始していません。",
            "Check `systemctl status cloud-init` and `cloud-init status --long`; fix cloud-init or set `Provisioning.Agent` in /etc/waagent.conf to match the image.",
            "`systemctl status cloud-init` と `cloud-init status --long` を確認し、cloud-init を修正するか、イメージに合わせて /etc/waagent.conf の `Provisioning.Agent` を設定してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Entry {
        code: Code::EXTENSIONS_DISABLED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "Extensions are disabled in the agent's configuration",
            "エージェントの設定で拡張機能が無効になっています",
            "`Extensions.Enabled=n` in /etc/waagent.conf: the agent never runs the Backup extension, so backups fail with GuestAgentSnapshotTaskStatusError.",
            "/etc/waagent.conf に `Extensions.Enabled=n` が設定されており、エージェントは Backup 拡張機能を実行しません。バックアップは GuestAgentSnapshotTaskStatusError で失敗します。",
            "Set `Extensions.Enabled=y` in /etc/waagent.conf and restart the agent.",
            "/etc/waagent.conf で `Extensions.Enabled=y` を設定し、エージェントを再起動してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.1",
    },
    Entry {
        code: Code::GOAL_STATE_410_TRANSIENT,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Transient goal-state error (410 Gone)",
            "一時的なゴール ステートのエラー (410 Gone)",
            "`[ResourceGoneError] [HTTP Failed] [410: Gone]` while fetching the goal state happens when the platform changes the goal state; it is harmless if it stops.",
            "ゴール ステートの取得時の `[ResourceGoneError] [HTTP Failed] [410: Gone]` は、プラットフォームがゴール ステートを更新したときに発生するもので、収まれば問題ありません。",
            "Ignore it unless it repeats for a long time alongside Not Ready.",
            "Not Ready を伴って長時間繰り返されない限り、対応は不要です。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Entry {
        code: Code::GOAL_STATE_FETCH_FAILING,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The agent cannot retrieve its goal state",
            "エージェントがゴール ステートを取得できません",
            "`An error occurred while retrieving the goal state`: the agent cannot talk to the WireServer 168.63.129.16, so it cannot receive extension work (such as Backup).",
            "`An error occurred while retrieving the goal state`: エージェントが WireServer 168.63.129.16 と通信できず、拡張機能 (Backup など) の処理を受け取れません。",
            "Test `curl --noproxy '*' http://168.63.129.16/?comp=versions` and allow 168.63.129.16 (TCP 80, 32526) in the guest firewall; it must not go through a proxy.",
            "`curl --noproxy '*' http://168.63.129.16/?comp=versions` を実行し、ゲスト OS のファイアウォールで 168.63.129.16 (TCP 80 と 32526) を許可してください。プロキシを経由させてはいけません。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.2",
    },
    Entry {
        code: Code::IMAGE_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Whether this VM is an appliance cannot be told from this text",
            "この VM がアプライアンスかどうかはこのテキストからは判断できません",
            "Appliances and custom images usually cannot run the agent, but the text holds no image publisher or plan. A VM's name proves nothing either way.",
            "アプライアンスやカスタム イメージは通常エージェントを実行できませんが、このテキストにはイメージの発行元やプランの情報がありません。VM の名前からは判断できません。",
            "Run `az vm show -g <rg> -n <vm> --query \"{image:storageProfile.imageReference, plan:plan}\"` and load the output.",
            "`az vm show -g <リソース グループ> -n <VM 名> --query \"{image:storageProfile.imageReference, plan:plan}\"` を実行し、その出力を読み込んでください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.7",
    },
    Entry {
        code: Code::IMDS_UNREACHABLE,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The Instance Metadata Service (169.254.169.254) is unreachable",
            "Instance Metadata Service (169.254.169.254) に到達できません",
            "The VM cannot reach IMDS. The agent and many extensions use it; a guest firewall or a proxy setting that does not exclude 169.254.169.254 usually causes this.",
            "VM から IMDS に到達できません。エージェントや多くの拡張機能が IMDS を使用します。通常はゲスト OS のファイアウォールか、169.254.169.254 を除外していないプロキシ設定が原因です。",
            "Allow 169.254.169.254 in the guest firewall and exclude it from proxies (`curl --noproxy '*' -H Metadata:true \"http://169.254.169.254/metadata/instance?api-version=2021-02-01\"`).",
            "ゲスト OS のファイアウォールで 169.254.169.254 を許可し、プロキシの対象外にしてください (`curl --noproxy '*' -H Metadata:true \"http://169.254.169.254/metadata/instance?api-version=2021-02-01\"`)。",
        ),
        doc_url: DOC_IMDS,
        rule: "G.6",
    },
    Entry {
        code: Code::NPCAP_LOOPBACK_BREAKS_FABRIC,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The Npcap loopback adapter breaks the agent's fabric discovery",
            "Npcap ループバック アダプターがエージェントのファブリック検出を妨げています",
            "`Did not discover fabric address on interface Npcap Loopback Adapter`: the agent looks for the WireServer on the wrong interface and cannot report.",
            "`Did not discover fabric address on interface Npcap Loopback Adapter`: エージェントが誤ったインターフェイスで WireServer を探しており、状態を報告できません。",
            "Remove or disable the Npcap loopback adapter (or reinstall Npcap without it) and restart the agent.",
            "Npcap ループバック アダプターを削除または無効にし (またはループバック アダプターなしで Npcap を再インストールし)、エージェントを再起動してください。",
        ),
        doc_url: DOC_WINDOWS_AGENT,
        rule: "G.2",
    },
    Entry {
        code: Code::STATUS_BLOB_UPLOAD_FAILING,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The agent cannot upload its status",
            "エージェントが状態をアップロードできません",
            "`Failed to report vm agent status` / status blob errors: the agent runs but its status never reaches Azure, so the VM shows Not Ready.",
            "`Failed to report vm agent status` や状態 BLOB のエラー: エージェントは動作していますが、状態が Azure に届かないため VM は Not Ready と表示されます。",
            "Check the path to 168.63.129.16 and the agent version; restart the agent and update it if the error persists.",
            "168.63.129.16 への経路とエージェントのバージョンを確認し、エージェントを再起動してください。エラーが続く場合はエージェントを更新してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Entry {
        code: Code::WIRESERVER_REACHABLE,
        kind: Kind::Finding,
        severity: Severity::Ok,
        texts: texts!(
            "The WireServer 168.63.129.16 is reachable",
            "WireServer 168.63.129.16 に到達できます",
            "The VM reaches the WireServer, the only address Azure VM backup needs from inside the VM.",
            "VM から WireServer に到達できます。VM 内から Azure VM バックアップに必要な宛先はこのアドレスだけです。",
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.6",
    },
    Entry {
        code: Code::WIRESERVER_UNREACHABLE,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "The VM cannot reach the WireServer 168.63.129.16",
            "VM から WireServer 168.63.129.16 に到達できません",
            "The agent talks to Azure only through 168.63.129.16 (TCP 80 and 32526). It is blocked inside the guest (a firewall rule, security software, or a proxy that catches it): the agent cannot report and shows Not Ready, so VM backup fails. NSGs and routes cannot block this address; only the guest can.",
            "エージェントは 168.63.129.16 (TCP 80 と 32526) を通じてのみ Azure と通信します。ゲスト OS 内 (ファイアウォールのルール、セキュリティ ソフト、プロキシによる捕捉) でブロックされているため、エージェントは状態を報告できず Not Ready となり、VM バックアップは失敗します。NSG やルートではこのアドレスはブロックされず、ブロックできるのはゲスト OS だけです。",
            "Allow outbound TCP 80 and 32526 to 168.63.129.16 in the guest firewall (`iptables -L -n`, `firewall-cmd --list-all`, Windows Firewall) and exclude it from any proxy, then restart the agent.",
            "ゲスト OS のファイアウォール (`iptables -L -n`、`firewall-cmd --list-all`、Windows ファイアウォール) で 168.63.129.16 への送信 TCP 80 と 32526 を許可し、プロキシの対象外にしてから、エージェントを再起動してください。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.6",
    },
];

/// Linux goal-state agent minimum (support-extensions-agent-version, since July 2022).
pub const LINUX_MINIMUM: &str = "2.2.53.1";
/// Windows agent minimum (2.7.41491.1009 had a self-update race fixed in .1010).
pub const WINDOWS_MINIMUM: &str = "2.7.41491.1010";

/// How sure the field is that a vendor's appliances cannot run VM backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    Known,
    Verify,
}

/// Marketplace publisher IDs of network appliances (field guide §G.7).
fn vendor_of_publisher(publisher: &str) -> Option<(&'static str, Evidence)> {
    let p = publisher.trim().to_ascii_lowercase();
    let v = match p.as_str() {
        "paloaltonetworks" => ("Palo Alto Networks", Evidence::Known),
        "barracudanetworks" => ("Barracuda Networks", Evidence::Known),
        "netapp" => ("NetApp", Evidence::Known),
        "fortinet" => ("Fortinet", Evidence::Verify),
        "netgate" => ("pfSense (Netgate)", Evidence::Known),
        "checkpoint" => ("Check Point", Evidence::Verify),
        "cisco" => ("Cisco", Evidence::Verify),
        "f5-networks" => ("F5", Evidence::Verify),
        "juniper-networks" => ("Juniper Networks", Evidence::Verify),
        "sophos" => ("Sophos", Evidence::Verify),
        "citrix" => ("Citrix", Evidence::Verify),
        "versa-networks" => ("Versa Networks", Evidence::Verify),
        "silver-peak-systems" => ("Aruba (Silver Peak)", Evidence::Verify),
        "netscaler" => ("Citrix", Evidence::Verify),
        "riverbed" => ("Riverbed", Evidence::Verify),
        "kemptech" => ("Kemp", Evidence::Verify),
        "a10networks" => ("A10 Networks", Evidence::Verify),
        "infoblox" => ("Infoblox", Evidence::Verify),
        "imperva" => ("Imperva", Evidence::Verify),
        "cloudflare" => ("Cloudflare", Evidence::Verify),
        "arista-networks" => ("Arista Networks", Evidence::Verify),
        // VyOS is published by Sentrium S.L.
        "sentriumsl" => ("VyOS", Evidence::Verify),
        _ if p.starts_with("zscaler") => ("Zscaler", Evidence::Known),
        _ if p.starts_with("forcepoint") => ("Forcepoint", Evidence::Verify),
        _ if p.starts_with("aruba") => ("Aruba (Silver Peak)", Evidence::Verify),
        _ if p.starts_with("vyos") => ("VyOS", Evidence::Verify),
        _ if p.starts_with("opnsense") => ("OPNsense", Evidence::Verify),
        _ => return None,
    };
    Some(v)
}

fn vendor_evidence(vendor: &str) -> Evidence {
    match vendor {
        // The vendors whose appliances are known not to run the agent (§G.7); text naming
        // FortiAnalyzer maps to "Fortinet" too. The others: verify.
        "Palo Alto Networks" | "Barracuda Networks" | "NetApp" | "pfSense (Netgate)"
        | "Zscaler" | "Fortinet" => Evidence::Known,
        _ => Evidence::Verify,
    }
}

/// Compares dotted versions numerically (`2.2.53.1` > `2.2.9`).
pub fn version_at_least(v: &str, min: &str) -> Option<bool> {
    let parse = |s: &str| -> Option<Vec<u64>> {
        s.trim().split('.').map(|p| p.parse::<u64>().ok()).collect()
    };
    let (a, b) = (parse(v)?, parse(min)?);
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return Some(x > y);
        }
    }
    Some(true)
}

pub struct Evaluated {
    pub agent: AgentReport,
    pub drafts: Vec<Draft>,
    pub overall: Status,
}

pub fn evaluate(parsed: &AgentText) -> Evaluated {
    let found = &parsed.found;
    let os = found.iter().rev().find_map(|f| match &f.signal {
        Signal::OsName(o) => Some((o.clone(), f.line)),
        _ => None,
    });
    let computer_name = found.iter().find_map(|f| match &f.signal {
        Signal::ComputerName(c) => Some(c.clone()),
        _ => None,
    });
    let versions = read_versions(found);
    let reach = read_reachability(found);
    let mut state = read_state(parsed);
    state.when_not_reporting(&reach);
    let image = read_image(found);
    let extensions = read_extensions(found);

    let mut drafts: Vec<Draft> = Vec::new();
    state_drafts(&state, &reach, image.appliance.is_some(), &mut drafts);
    service_drafts(&state, versions.family, &mut drafts);
    version_drafts(&versions, &mut drafts);
    extension_drafts(&extensions, state.state, &mut drafts);
    reachability_drafts(&reach, versions.family, &mut drafts);
    log_drafts(found, &reach, &mut drafts);
    appliance_drafts(&image, state.state, os.is_some(), &mut drafts);
    super::windows::client_os_drafts(os.as_ref(), &mut drafts);
    let annotations = annotations(found, versions.minimum, image.appliance.is_some());

    let agent = AgentReport {
        state: state.state,
        state_line: state.line,
        state_source: state.source,
        status_message: state.message,
        version: versions.version.as_ref().map(|v| v.0.clone()),
        package_version: versions
            .package
            .as_ref()
            .filter(|p| versions.version.as_ref().is_some_and(|v| v.0 != p.0))
            .map(|p| p.0.clone()),
        minimum_version: versions.minimum.map(|m| m.to_owned()),
        version_supported: versions.supported,
        os_family: versions.family,
        os: os.map(|o| o.0),
        computer_name,
        appliance: image.appliance.as_ref().map(|a| a.0.clone()),
        image: (image.image != ImageRef::default()).then_some(image.image),
        plan: (image.plan != ImageRef::default()).then_some(image.plan),
        extension: extensions.backup,
        handlers: extensions.handlers,
        wireserver: reach.wire,
        imds: reach.imds,
        service: state.service,
        forms: parsed.forms.iter().map(|f| (*f).to_owned()).collect(),
        annotations,
    };
    // For an appliance the appliance is the story: put it first among equals.
    if let Some(pos) = drafts
        .iter()
        .position(|d| d.code == Code::APPLIANCE_VM_BACKUP_UNSUPPORTED)
    {
        let d = drafts.remove(pos);
        drafts.insert(0, d);
    }
    let overall = overall_of(&agent, &drafts);
    Evaluated {
        agent,
        drafts,
        overall,
    }
}

/// The last signal that `pred` accepts.
fn last_of(found: &[Found], pred: impl Fn(&Signal) -> bool) -> Option<&Found> {
    found.iter().rev().find(|f| pred(&f.signal))
}

/// A version and the line it is on.
type Version = (String, usize);

/// The versions in the text and what they mean (§G.4).
struct Versions {
    family: Option<OsFamily>,
    /// The Linux goal-state agent, the installed package, the version the platform reports.
    goal: Option<Version>,
    package: Option<Version>,
    reported: Option<Version>,
    /// The one that decides: the goal-state agent on Linux, else the reported one, else the
    /// package.
    version: Option<Version>,
    minimum: Option<&'static str>,
    supported: Option<bool>,
}

fn read_versions(found: &[Found]) -> Versions {
    let text_of = |f: Option<&Found>| -> Option<Version> {
        f.and_then(|f| match &f.signal {
            Signal::GoalStateVersion(v) | Signal::PackageVersion(v) | Signal::AgentVersion(v) => {
                Some((v.clone(), f.line))
            }
            _ => None,
        })
    };
    let goal = text_of(last_of(found, |s| matches!(s, Signal::GoalStateVersion(_))));
    let package = text_of(last_of(found, |s| matches!(s, Signal::PackageVersion(_))));
    let reported = text_of(last_of(found, |s| matches!(s, Signal::AgentVersion(_))));
    let family = family_of(found, &goal, &package, &reported);
    let version = goal
        .clone()
        .or_else(|| reported.clone())
        .or_else(|| package.clone());
    let minimum = match family {
        Some(OsFamily::Linux) => Some(LINUX_MINIMUM),
        Some(OsFamily::Windows) => Some(WINDOWS_MINIMUM),
        None => None,
    };
    let mut versions = Versions {
        family,
        goal,
        package,
        reported,
        version,
        minimum,
        supported: None,
    };
    versions.supported = supported(&versions);
    versions
}

/// The OS family the text names, else the one its versions imply.
fn family_of(
    found: &[Found],
    goal: &Option<Version>,
    package: &Option<Version>,
    reported: &Option<Version>,
) -> Option<OsFamily> {
    let named = found.iter().rev().find_map(|f| match f.signal {
        Signal::Family(Family::Linux) => Some(OsFamily::Linux),
        Signal::Family(Family::Windows) => Some(OsFamily::Windows),
        _ => None,
    });
    if named.is_some() {
        return named;
    }
    if package.is_some() || goal.is_some() {
        return Some(OsFamily::Linux);
    }
    // Windows agents are 2.7.41491.x; WALinuxAgent never has a five-digit third part.
    reported
        .as_ref()
        .and_then(|(v, _)| v.split('.').nth(2))
        .and_then(|p| p.parse::<u64>().ok())
        .is_some_and(|p| p >= 10_000)
        .then_some(OsFamily::Windows)
}

/// Whether the deciding version meets the minimum; `None` when that cannot be told.
fn supported(v: &Versions) -> Option<bool> {
    match (&v.version, v.minimum) {
        (Some((ver, _)), Some(min)) => {
            let ok = version_at_least(ver, min);
            // Only the package is known and it is old: auto-update may run a newer goal-state
            // agent, so the package alone cannot prove the agent unsupported.
            if v.goal.is_none()
                && v.reported.is_none()
                && ok == Some(false)
                && v.family == Some(OsFamily::Linux)
            {
                None
            } else {
                ok
            }
        }
        (Some((ver, _)), None) => match (
            version_at_least(ver, LINUX_MINIMUM),
            version_at_least(ver, WINDOWS_MINIMUM),
        ) {
            (Some(true), Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Ready or Not Ready, where the text says so, and the agent service (§G.3).
struct StateReading {
    state: AgentState,
    line: Option<usize>,
    source: Option<String>,
    service: Option<ServiceState>,
    message: Option<String>,
}

/// The last explicit state or service signal wins (§G.3).
fn read_state(parsed: &AgentText) -> StateReading {
    let found = &parsed.found;
    let mut reading = StateReading {
        state: AgentState::Unknown,
        line: None,
        source: None,
        service: None,
        message: found.iter().rev().find_map(|f| match &f.signal {
            Signal::StatusMessage(m) => Some(m.clone()),
            _ => None,
        }),
    };
    for f in found {
        if let Signal::Service { running, unit } = &f.signal {
            reading.service = Some(ServiceState {
                unit: unit.clone(),
                running: *running,
                line: f.line,
            });
        }
    }
    let state_signal = last_of(found, |s| {
        matches!(s, Signal::State { .. } | Signal::Service { .. })
    });
    if let Some(f) = state_signal {
        match &f.signal {
            Signal::State { ready, .. } => {
                reading.state = if *ready {
                    AgentState::Ready
                } else {
                    AgentState::NotReady
                };
                reading.line = Some(f.line);
                reading.source = Some(
                    if parsed.forms.contains(&"portal") {
                        "portal"
                    } else if parsed.forms.contains(&"powershell") {
                        "Get-AzVM"
                    } else {
                        "instance view"
                    }
                    .to_owned(),
                );
            }
            Signal::Service { running: false, .. } => {
                reading.state = AgentState::NotReady;
                reading.line = Some(f.line);
                reading.source = Some("service status".to_owned());
            }
            _ => {}
        }
    }
    reading
}

impl StateReading {
    /// With no explicit state, an agent that cannot report to the platform shows Not Ready
    /// in the portal (§G.3).
    fn when_not_reporting(&mut self, reach: &Reachability<'_>) {
        let wire_down = reach.wire.as_ref().filter(|w| !w.reachable);
        if self.state != AgentState::Unknown
            || wire_down.is_none() && reach.status_blob.is_empty() && reach.goal_errors.is_empty()
        {
            return;
        }
        self.state = AgentState::NotReady;
        self.line = wire_down
            .map(|w| w.line)
            .or_else(|| reach.status_blob.first().map(|f| f.line))
            .or_else(|| reach.goal_errors.first().map(|f| f.line));
        self.source = Some("agent log / WireServer check".to_owned());
    }
}

/// The agent's paths to the platform: WireServer, IMDS, status upload, goal state.
struct Reachability<'a> {
    /// The last WireServer result, and every failed one.
    wire: Option<Reach>,
    wire_failures: Vec<&'a Found>,
    imds: Option<Reach>,
    status_blob: Vec<&'a Found>,
    /// Goal-state errors that are not the transient 410 case.
    goal_errors: Vec<&'a Found>,
}

fn read_reachability(found: &[Found]) -> Reachability<'_> {
    let wire =
        last_of(found, |s| matches!(s, Signal::WireServer { .. })).and_then(|f| match &f.signal {
            Signal::WireServer { ok, port, text } => Some(Reach {
                reachable: *ok,
                port: *port,
                line: f.line,
                text: text.clone(),
            }),
            _ => None,
        });
    let imds = last_of(found, |s| matches!(s, Signal::Imds { .. })).and_then(|f| match &f.signal {
        Signal::Imds { ok, text } => Some(Reach {
            reachable: *ok,
            port: Some(80),
            line: f.line,
            text: text.clone(),
        }),
        _ => None,
    });
    Reachability {
        wire,
        wire_failures: found
            .iter()
            .filter(|f| matches!(f.signal, Signal::WireServer { ok: false, .. }))
            .collect(),
        imds,
        status_blob: found
            .iter()
            .filter(|f| matches!(f.signal, Signal::StatusBlobFailing(_)))
            .collect(),
        goal_errors: lasting_goal_errors(found),
    }
}

/// `Error fetching goal state` followed by `Inner error: … 410: Gone` is the transient case;
/// the other goal-state errors.
fn lasting_goal_errors(found: &[Found]) -> Vec<&Found> {
    // `found` is in line order, so these lines are sorted: a binary search keeps this linear
    // (n log n) for agent logs of millions of lines.
    let transient_lines: Vec<usize> = found
        .iter()
        .filter(|f| matches!(f.signal, Signal::Transient410))
        .map(|f| f.line)
        .collect();
    found
        .iter()
        .filter(|f| matches!(f.signal, Signal::GoalStateError(_)))
        .filter(|f| {
            let next = transient_lines.partition_point(|&l| l < f.line);
            transient_lines.get(next).is_none_or(|&l| l > f.line + 2)
        })
        .collect()
}

/// The image and plan, and the appliance vendor they (or explicit product text) name (§G.7).
struct ImageReading {
    image: ImageRef,
    plan: ImageRef,
    /// Vendor, how sure, line (0 when not known).
    appliance: Option<(String, Evidence, usize)>,
    has_image_info: bool,
}

fn read_image(found: &[Found]) -> ImageReading {
    let mut image = ImageRef::default();
    let mut plan = ImageRef::default();
    for f in found {
        match &f.signal {
            Signal::Image { field, value } => set_field(&mut image, field, value),
            Signal::Plan { field, value } => set_field(&mut plan, field, value),
            _ => {}
        }
    }
    let appliance = [&plan, &image]
        .into_iter()
        .find_map(|r| appliance_of_publisher(found, r))
        .or_else(|| {
            [&plan, &image]
                .into_iter()
                .find_map(|r| appliance_of_offer(found, r))
        })
        .or_else(|| {
            found.iter().find_map(|f| match f.signal {
                Signal::ApplianceText(v) => Some((v.to_owned(), vendor_evidence(v), f.line)),
                _ => None,
            })
        });
    let has_image_info = image.publisher.is_some() || plan.publisher.is_some();
    ImageReading {
        image,
        plan,
        appliance,
        has_image_info,
    }
}

/// The appliance vendor an image or plan's publisher names, with the publisher's line.
fn appliance_of_publisher(found: &[Found], r: &ImageRef) -> Option<(String, Evidence, usize)> {
    let p = r.publisher.as_ref()?;
    let (vendor, mut ev) = vendor_of_publisher(p)?;
    // Cases are known for FortiAnalyzer; other Fortinet images are "verify" (§G.7).
    let offer = r.offer.clone().unwrap_or_default().to_ascii_lowercase();
    if vendor == "Fortinet" && offer.contains("fortianalyzer") {
        ev = Evidence::Known;
    }
    let line = found
        .iter()
        .find(|f| {
            matches!(&f.signal, Signal::Image { field, value } | Signal::Plan { field, value }
                if field == "publisher" && value == p)
        })
        .map_or(0, |f| f.line);
    Some((vendor.to_owned(), ev, line))
}

/// The appliance an image or plan's offer or product names when its publisher is not a vendor's
/// own (a reseller's listing of pfSense, FortiGate, VyOS …): "verify" evidence.
fn appliance_of_offer(found: &[Found], r: &ImageRef) -> Option<(String, Evidence, usize)> {
    let offer = r.offer.as_ref()?;
    let mut text = AgentText::default();
    crate::parse::agent::appliance_text(offer, 0, &mut text);
    let vendor = text.found.iter().find_map(|f| match f.signal {
        Signal::ApplianceText(v) => Some(v),
        _ => None,
    })?;
    let line = found
        .iter()
        .find(|f| {
            matches!(&f.signal, Signal::Image { value, .. } | Signal::Plan { value, .. }
                if value == offer)
        })
        .map_or(0, |f| f.line);
    Some((vendor.to_owned(), Evidence::Verify, line))
}

/// The Backup extension's last state, and the other extension handlers.
struct Extensions {
    backup: Option<BackupExtension>,
    handlers: Vec<String>,
}

fn read_extensions(found: &[Found]) -> Extensions {
    let mut backup: Option<BackupExtension> = None;
    let mut handlers: Vec<String> = Vec::new();
    for f in found {
        match &f.signal {
            Signal::Extension {
                name,
                version,
                failed,
                message,
            } => {
                if is_backup_extension(name) {
                    backup = Some(BackupExtension {
                        name: name.clone(),
                        version: version.clone(),
                        state: if *failed { "failed" } else { "ok" }.to_owned(),
                        message: (!message.is_empty()).then(|| message.clone()),
                        line: f.line,
                    });
                } else if !handlers.contains(name) {
                    handlers.push(name.clone());
                }
            }
            Signal::ExtensionError { name, message }
                if is_backup_extension(name) || name.is_empty() =>
            {
                let (n, v) = split_name_version(name);
                backup = Some(BackupExtension {
                    name: n,
                    version: v,
                    state: "failed".to_owned(),
                    message: Some(message.clone()),
                    line: f.line,
                });
            }
            _ => {}
        }
    }
    Extensions { backup, handlers }
}

fn line_of(n: usize) -> Vec<Lines> {
    vec![Lines::one(n)]
}

/// Ready, Not Ready and why, or what can be said without a state.
fn state_drafts(
    state: &StateReading,
    reach: &Reachability<'_>,
    appliance: bool,
    drafts: &mut Vec<Draft>,
) {
    match state.state {
        AgentState::Ready => {
            let mut d = Draft::new(Code::AGENT_READY);
            d.lines = state.line.map(line_of).unwrap_or_default();
            if let Some(m) = &state.message {
                let m = m.trim_end_matches('.');
                d.detail = vec![say!(STATUS_MESSAGE, Arg::Quote(m.to_owned()))];
            }
            drafts.push(d);
        }
        AgentState::NotReady => drafts.push(not_ready_draft(state, reach, appliance)),
        AgentState::Unknown => {
            if let Some(s) = state.service.as_ref().filter(|s| s.running) {
                let mut d = Draft::new(Code::AGENT_SERVICE_RUNNING);
                d.lines = line_of(s.line);
                drafts.push(d);
            } else {
                drafts.push(Draft::new(Code::AGENT_STATE_UNKNOWN));
            }
        }
    }
}

/// Not Ready, with every reason the text gives.
fn not_ready_draft(state: &StateReading, reach: &Reachability<'_>, appliance: bool) -> Draft {
    let mut d = Draft::new(Code::AGENT_NOT_READY);
    d.lines = state.line.map(line_of).unwrap_or_default();
    if let Some(m) = &state.message {
        let m = m.trim_end_matches('.');
        d.detail.push(say!(PLATFORM_SAYS, Arg::Quote(m.to_owned())));
    }
    if state.service.as_ref().is_some_and(|s| !s.running) {
        d.detail.push(say!(SERVICE_IS_STOPPED));
    }
    if !reach.wire_failures.is_empty() {
        d.detail.push(say!(CANNOT_REACH_WIRESERVER));
    }
    if !reach.status_blob.is_empty() {
        d.detail.push(say!(STATUS_UPLOAD_FAILS));
    }
    if appliance {
        d.detail.push(say!(APPLIANCE_IMAGE));
        // For an appliance the way forward is Disk Backup, not an agent repair.
        d.next_step = Some(say!(APPLIANCE_USE_DISK_BACKUP));
    }
    d
}

/// A stopped agent service, with the Windows commands on Windows.
fn service_drafts(state: &StateReading, family: Option<OsFamily>, drafts: &mut Vec<Draft>) {
    let Some(s) = state.service.as_ref().filter(|s| !s.running) else {
        return;
    };
    let mut d = Draft::new(Code::AGENT_SERVICE_STOPPED);
    d.lines = line_of(s.line);
    d.detail = vec![say!(SERVICE, Arg::Word(s.unit.clone()))];
    if matches!(family, Some(OsFamily::Windows)) {
        d.next_step = Some(say!(START_WINDOWS_SERVICES));
    }
    drafts.push(d);
}

/// The version against the minimum (§G.4).
fn version_drafts(v: &Versions, drafts: &mut Vec<Draft>) {
    match (&v.version, v.supported) {
        (Some((ver, line)), Some(false)) => {
            let mut d = Draft::new(Code::AGENT_VERSION_UNSUPPORTED);
            let min = v.minimum.unwrap_or(LINUX_MINIMUM);
            d.detail = vec![say!(
                BELOW_MINIMUM,
                Arg::Word(ver.clone()),
                Arg::Word(min.to_owned())
            )];
            d.lines = line_of(*line);
            drafts.push(d);
        }
        (Some((ver, line)), Some(true)) => {
            if let (Some((p, pl)), Some(_)) = (&v.package, &v.goal) {
                if version_at_least(p, LINUX_MINIMUM) == Some(false) {
                    let mut d = Draft::new(Code::AGENT_GOAL_STATE_NEWER);
                    d.detail = vec![say!(
                        PACKAGE_AND_GOAL_STATE,
                        Arg::Word(p.clone()),
                        Arg::Word(ver.clone())
                    )];
                    d.lines = vec![Lines::one(*pl), Lines::one(*line)];
                    drafts.push(d);
                }
            }
        }
        (Some((ver, line)), None) => {
            let mut d = Draft::new(Code::AGENT_VERSION_UNKNOWN);
            d.detail = vec![say!(ONLY_PACKAGE_KNOWN, Arg::Word(ver.clone()))];
            d.lines = line_of(*line);
            drafts.push(d);
        }
        (None, _) => drafts.push(Draft::new(Code::AGENT_VERSION_UNKNOWN)),
    }
}

/// The Backup extension failed, or a Ready agent runs extensions but not yet Backup's (§G.5).
fn extension_drafts(ext: &Extensions, state: AgentState, drafts: &mut Vec<Draft>) {
    if let Some(ext) = &ext.backup {
        if ext.state == "failed" {
            let mut d = Draft::new(Code::BACKUP_EXTENSION_FAILED);
            d.lines = line_of(ext.line);
            let msg = ext.message.clone().unwrap_or_default();
            d.detail = vec![say!(
                EXTENSION_SAYS,
                Arg::Word(ext.name.clone()),
                Arg::Quote(msg)
            )];
            drafts.push(d);
        }
    } else if state == AgentState::Ready && !ext.handlers.is_empty() {
        drafts.push(Draft::new(Code::BACKUP_EXTENSION_NOT_INSTALLED));
    }
}

/// The WireServer (blocked ports, or reachable) and IMDS.
fn reachability_drafts(
    reach: &Reachability<'_>,
    family: Option<OsFamily>,
    drafts: &mut Vec<Draft>,
) {
    if !reach.wire_failures.is_empty() && reach.wire.as_ref().is_some_and(|w| !w.reachable) {
        drafts.push(wireserver_unreachable_draft(&reach.wire_failures, family));
    } else if let Some(w) = reach.wire.as_ref().filter(|w| w.reachable) {
        let mut d = Draft::new(Code::WIRESERVER_REACHABLE);
        d.lines = line_of(w.line);
        drafts.push(d);
    }
    if let Some(i) = reach.imds.as_ref().filter(|i| !i.reachable) {
        let mut d = Draft::new(Code::IMDS_UNREACHABLE);
        d.lines = line_of(i.line);
        drafts.push(d);
    }
}

fn wireserver_unreachable_draft(failures: &[&Found], family: Option<OsFamily>) -> Draft {
    let mut d = Draft::new(Code::WIRESERVER_UNREACHABLE);
    d.lines = failures.iter().map(|f| Lines::one(f.line)).collect();
    let ports: Vec<u16> = failures
        .iter()
        .filter_map(|f| match &f.signal {
            Signal::WireServer { port: Some(p), .. } => Some(*p),
            _ => None,
        })
        .fold(Vec::new(), |mut v, p| {
            if !v.contains(&p) {
                v.push(p);
            }
            v
        });
    let windows_port = ports.contains(&32526) && matches!(family, Some(OsFamily::Windows));
    d.detail = vec![say!(BLOCKED_PORTS, Arg::Ports(ports))];
    if windows_port {
        d.next_step = Some(say!(ALLOW_WIRESERVER_WINDOWS));
    }
    d
}

/// What the agent's own log says: one finding per kind of line, with every such line.
fn log_drafts(found: &[Found], reach: &Reachability<'_>, drafts: &mut Vec<Draft>) {
    for (code, pred) in [
        (
            Code::GOAL_STATE_410_TRANSIENT,
            (|s: &Signal| matches!(s, Signal::Transient410)) as fn(&Signal) -> bool,
        ),
        (Code::CLOUD_INIT_PROVISIONING_STUCK, |s| {
            matches!(s, Signal::CloudInitWaiting)
        }),
        (Code::EXTENSIONS_DISABLED, |s| {
            matches!(s, Signal::ExtensionsDisabled)
        }),
        (Code::AGENT_STUCK_STOPPING, |s| {
            matches!(s, Signal::StuckStopping)
        }),
        (Code::AGENT_CRASHED, |s| matches!(s, Signal::Crashed)),
        (Code::NPCAP_LOOPBACK_BREAKS_FABRIC, |s| {
            matches!(s, Signal::NpcapLoopback)
        }),
    ] {
        let lines: Vec<Lines> = found
            .iter()
            .filter(|f| pred(&f.signal))
            .map(|f| Lines::one(f.line))
            .collect();
        if !lines.is_empty() {
            let mut d = Draft::new(code);
            d.lines = lines;
            drafts.push(d);
        }
    }
    if !reach.status_blob.is_empty() {
        let mut d = Draft::new(Code::STATUS_BLOB_UPLOAD_FAILING);
        d.lines = reach
            .status_blob
            .iter()
            .map(|f| Lines::one(f.line))
            .collect();
        drafts.push(d);
    }
    if !reach.goal_errors.is_empty() && reach.wire_failures.is_empty() {
        let mut d = Draft::new(Code::GOAL_STATE_FETCH_FAILING);
        d.lines = reach
            .goal_errors
            .iter()
            .map(|f| Lines::one(f.line))
            .collect();
        drafts.push(d);
    }
}

/// An appliance and what Azure Disk Backup gives it, or that the image is not known (§G.7).
fn appliance_drafts(
    image: &ImageReading,
    state: AgentState,
    os_named: bool,
    drafts: &mut Vec<Draft>,
) {
    if let Some((vendor, ev, line)) = &image.appliance {
        drafts.push(appliance_draft(vendor, *ev, *line));
    } else if !(image.has_image_info || state == AgentState::Ready && os_named) {
        // An appliance may report a generic OS (Barracuda's agent says `centos`), so only a
        // Ready agent on a named OS settles the question without the image publisher.
        drafts.push(Draft::new(Code::IMAGE_UNKNOWN));
    }
}

fn appliance_draft(vendor: &str, ev: Evidence, line: usize) -> Draft {
    let mut d = Draft::new(Code::APPLIANCE_VM_BACKUP_UNSUPPORTED);
    let vendor = || Arg::Word(vendor.to_owned());
    d.title = Some(say!(VENDOR_APPLIANCE, vendor()));
    d.detail = vec![say!(VENDOR_DISK_BACKUP, vendor())];
    if ev == Evidence::Verify {
        d.severity = Some(Severity::Warning);
        d.title = Some(say!(VENDOR_APPLIANCE_PROBABLY, vendor()));
        d.detail.push(say!(VERIFY_WITH_VENDOR));
    }
    if line > 0 {
        d.lines = line_of(line);
    }
    d
}

/// Notes for the raw text: one per line, the first signal's.
fn annotations(found: &[Found], minimum: Option<&str>, appliance: bool) -> Vec<Annotation> {
    let mut annotations: Vec<Annotation> = Vec::new();
    for f in found {
        let Some((status, note)) = note_for(&f.signal, minimum, appliance) else {
            continue;
        };
        // `found` is in line order (`parse` sorts it), so a line's signals are neighbours.
        if annotations.last().is_none_or(|a| a.line != f.line) {
            annotations.push(Annotation {
                line: f.line,
                status,
                note,
            });
        }
    }
    annotations
}

/// The note a signal puts on its line, if any.
fn note_for(signal: &Signal, minimum: Option<&str>, appliance: bool) -> Option<(Status, Sentence)> {
    let note = match signal {
        Signal::State { ready: true, .. } => (Status::Ok, say!(NOTE_READY)),
        Signal::State { ready: false, .. } => (Status::Failure, say!(NOTE_NOT_READY)),
        Signal::Service {
            running: true,
            unit,
        } => (Status::Ok, say!(NOTE_RUNNING, Arg::Word(unit.clone()))),
        Signal::Service {
            running: false,
            unit,
        } => (Status::Failure, say!(NOTE_STOPPED, Arg::Word(unit.clone()))),
        Signal::GoalStateVersion(v) | Signal::AgentVersion(v) => {
            let st = match minimum.and_then(|m| version_at_least(v, m)) {
                Some(true) => Status::Ok,
                Some(false) => Status::Warning,
                None => Status::Inconclusive,
            };
            (st, say!(NOTE_VERSION, Arg::Word(v.clone())))
        }
        Signal::PackageVersion(v) => (
            Status::Inconclusive,
            say!(NOTE_PACKAGE, Arg::Word(v.clone())),
        ),
        Signal::WireServer { ok: true, .. } => (Status::Ok, say!(NOTE_WIRESERVER_REACHABLE)),
        Signal::WireServer { ok: false, .. } => {
            (Status::Failure, say!(NOTE_WIRESERVER_UNREACHABLE))
        }
        Signal::Imds { ok: false, .. } => (Status::Warning, say!(NOTE_IMDS_UNREACHABLE)),
        Signal::Extension { name, failed, .. } if is_backup_extension(name) => {
            if *failed {
                (Status::Failure, say!(NOTE_BACKUP_EXTENSION_FAILED))
            } else {
                (Status::Ok, say!(NOTE_BACKUP_EXTENSION))
            }
        }
        Signal::ExtensionError { .. } => (Status::Failure, say!(NOTE_EXTENSION_ERROR)),
        Signal::StatusBlobFailing(_) => (Status::Failure, say!(NOTE_STATUS_UPLOAD_FAILING)),
        Signal::GoalStateError(_) => (Status::Warning, say!(NOTE_GOAL_STATE_ERROR)),
        Signal::Transient410 => (Status::Inconclusive, say!(NOTE_TRANSIENT_410)),
        Signal::Image { field, .. } | Signal::Plan { field, .. } if field == "publisher" => {
            if appliance {
                (Status::Failure, say!(NOTE_APPLIANCE_PUBLISHER))
            } else {
                (Status::Ok, say!(NOTE_IMAGE_PUBLISHER))
            }
        }
        Signal::ApplianceText(v) => (
            Status::Failure,
            say!(NOTE_APPLIANCE, Arg::Word((*v).to_owned())),
        ),
        Signal::StuckStopping | Signal::NpcapLoopback | Signal::ExtensionsDisabled => {
            (Status::Failure, say!(NOTE_AGENT_PROBLEM))
        }
        Signal::CloudInitWaiting => (Status::Warning, say!(NOTE_CLOUD_INIT_WAITING)),
        Signal::Crashed => (Status::Warning, say!(NOTE_CRASHED)),
        _ => return None,
    };
    Some(note)
}

fn overall_of(agent: &AgentReport, drafts: &[Draft]) -> Status {
    let worst = drafts
        .iter()
        .map(|d| d.severity.unwrap_or(d.code.spec().severity))
        .max_by_key(|s| s.rank());
    match worst {
        Some(Severity::Failure) => Status::Failure,
        Some(Severity::Warning) => Status::Warning,
        _ if agent.state == AgentState::Ready
            || agent.version_supported == Some(true)
            || agent.wireserver.as_ref().is_some_and(|w| w.reachable) =>
        {
            Status::Ok
        }
        _ => Status::Inconclusive,
    }
}

fn set_field(r: &mut ImageRef, field: &str, value: &str) {
    let v = Some(value.to_owned()).filter(|v| !v.is_empty() && v != "null");
    match field {
        "publisher" => r.publisher = v,
        "offer" | "product" => r.offer = v,
        "sku" | "name" => r.sku = v,
        _ => {}
    }
}

fn is_backup_extension(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("vmsnapshot") || n.contains("recoveryservices")
}

/// `Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9120.0` -> name and version.
fn split_name_version(s: &str) -> (String, Option<String>) {
    match s.rsplit_once('-') {
        Some((n, v)) if v.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            (n.to_owned(), Some(v.to_owned()))
        }
        _ => (s.to_owned(), None),
    }
}

/// A failed check of the WireServer or IMDS is the agent's finding about that endpoint, not a
/// second finding of its own: the generic TCP or HTTP finding of those checks joins the agent's
/// (when the agent reader made one), which then is as severe as the worst of them (IMDS
/// unreachable alone is a warning; a check that failed stays a failure). A proxy in the way
/// stays its own cause.
pub(crate) fn fold_endpoint_checks(drafts: &mut Vec<Draft>, checks: &[crate::report::Check]) {
    for (endpoint, code) in [
        ("168.63.129.16", Code::WIRESERVER_UNREACHABLE),
        ("169.254.169.254", Code::IMDS_UNREACHABLE),
    ] {
        fold_into(drafts, checks, endpoint, code);
    }
}

fn fold_into(drafts: &mut Vec<Draft>, checks: &[crate::report::Check], endpoint: &str, code: Code) {
    use crate::code::Family as Codes;
    if !drafts.iter().any(|d| d.code == code) {
        return;
    }
    let folds = |d: &Draft| {
        matches!(d.code.family(), Codes::Tcp | Codes::Http)
            && !d.checks.is_empty()
            && d.checks
                .iter()
                .all(|&c| checks.get(c).is_some_and(|c| c.target == endpoint))
    };
    let mut moved = Vec::new();
    drafts.retain_mut(|d| {
        if folds(d) {
            moved.append(&mut d.checks);
            false
        } else {
            true
        }
    });
    let failed = moved
        .iter()
        .any(|&c| checks.get(c).is_some_and(|c| c.status == Status::Failure));
    if let Some(d) = drafts.iter_mut().find(|d| d.code == code) {
        d.checks.extend(moved);
        if failed {
            d.severity = Some(Severity::Failure);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(version_at_least("2.2.53.1", "2.2.53.1"), Some(true));
        assert_eq!(version_at_least("2.2.9", "2.2.53.1"), Some(false));
        assert_eq!(version_at_least("2.15.0.1", "2.2.53.1"), Some(true));
        assert_eq!(
            version_at_least("2.7.41491.1009", WINDOWS_MINIMUM),
            Some(false)
        );
        assert_eq!(version_at_least("x", "1"), None);
    }

    #[test]
    fn publishers_name_vendors() {
        assert_eq!(
            vendor_of_publisher("paloaltonetworks").map(|v| v.0),
            Some("Palo Alto Networks")
        );
        assert_eq!(
            vendor_of_publisher("zscaler1579058425289").map(|v| v.0),
            Some("Zscaler")
        );
        assert_eq!(vendor_of_publisher("Canonical"), None);
    }
}
