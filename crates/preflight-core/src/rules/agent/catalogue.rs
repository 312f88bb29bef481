//! The VM agent family: its state, version, extensions and paths to the platform (WireServer, IMDS), and appliances it cannot run on.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use crate::rules::registry::{
    t, Kind, Spec, DOC_AGENT_VERSION, DOC_BACKUP_AGENT_TROUBLESHOOT, DOC_DISK_BACKUP, DOC_IMDS,
    DOC_LINUX_AGENT, DOC_NVA, DOC_WINDOWS_AGENT, DOC_WIRESERVER,
};

/// The catalogue entries of the VM agent family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::AGENT_GOAL_STATE_NEWER,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "The installed agent package is old, but auto-update runs a supported agent",
            "インストール済みのエージェント パッケージは古いものの、自動更新でサポート対象のエージェントが動作しています",
        ),
        explain: t(
            "On Linux the installed WALinuxAgent package only starts the agent; with auto-update (the default) it downloads and runs a newer goal-state agent, which handles extensions such as Backup. The goal-state version is the one that must meet the minimum, and it does.",
            "Linux では、インストールされた WALinuxAgent パッケージはエージェントを起動するだけで、自動更新 (既定で有効) により新しいゴール ステート エージェントをダウンロードして実行します。Backup などの拡張機能を扱うのはゴール ステート エージェントで、最小バージョンを満たす必要があるのもこちらです。この条件は満たしています。",
        ),
        next_step: t(
            "Nothing to do for backup; keep auto-update enabled (`AutoUpdate.Enabled=y` in /etc/waagent.conf).",
            "バックアップのための対応は不要です。自動更新は有効のままにしてください (/etc/waagent.conf の `AutoUpdate.Enabled=y`)。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Spec {
        code: Code::AGENT_NOT_READY,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The VM agent is Not Ready: Azure VM Backup cannot run",
            "VM エージェントが Not Ready です: Azure VM Backup を実行できません",
        ),
        explain: t(
            "Azure VM Backup works through the Backup extension that the VM agent runs, so the agent must be Ready. Not Ready means the agent does not report to Azure: it is stopped, cannot reach the WireServer 168.63.129.16, cannot upload its status, or the OS is one it does not support.",
            "Azure VM Backup は VM エージェントが実行する Backup 拡張機能を通じて動作するため、エージェントが Ready である必要があります。Not Ready はエージェントが Azure に状態を報告していないことを示します。停止している、WireServer 168.63.129.16 に到達できない、状態をアップロードできない、または OS がサポート対象外であることが原因です。",
        ),
        next_step: t(
            "On a supported OS: restart the agent (Linux `sudo systemctl restart walinuxagent` or `waagent`; Windows restart WindowsAzureGuestAgent) or the VM, check that 168.63.129.16 is reachable on TCP 80 and 32526, and open an agent support case if it stays Not Ready.",
            "サポート対象の OS の場合: エージェント (Linux は `sudo systemctl restart walinuxagent` または `waagent`、Windows は WindowsAzureGuestAgent) または VM を再起動し、168.63.129.16 の TCP 80 と 32526 に到達できるか確認してください。それでも Not Ready のままであれば、VM エージェントの問題としてお問い合わせください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Spec {
        code: Code::AGENT_READY,
        kind: Kind::Finding,
        severity: Severity::Ok,
        title: t(
            "The VM agent is Ready",
            "VM エージェントは Ready です",
        ),
        explain: t(
            "The agent reports Ready, the precondition for online Azure VM Backup.",
            "エージェントは Ready を報告しており、オンラインの Azure VM Backup の前提条件を満たしています。",
        ),
        next_step: t(
            "Nothing to do for the agent.",
            "エージェントについて対応は不要です。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Spec {
        code: Code::AGENT_SERVICE_RUNNING,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "The agent service runs; the portal's Ready state is not in this text",
            "エージェントのサービスは実行中ですが、ポータルの Ready 状態はこのテキストにありません",
        ),
        explain: t(
            "The agent process is running, so Ready is likely, but only the platform's view (portal, `az vm get-instance-view`) confirms it: a running agent that cannot reach the WireServer still shows Not Ready.",
            "エージェントのプロセスは実行中のため Ready の可能性が高いですが、確定できるのはプラットフォーム側の表示 (ポータル、`az vm get-instance-view`) だけです。実行中でも WireServer に到達できなければ Not Ready と表示されます。",
        ),
        next_step: t(
            "Confirm with `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent` (or the portal's Agent status).",
            "`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent` (またはポータルのエージェントの状態) で確認してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.3",
    },
    Spec {
        code: Code::AGENT_SERVICE_STOPPED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The VM agent service is stopped",
            "VM エージェントのサービスが停止しています",
        ),
        explain: t(
            "The agent's service is not running (`inactive (dead)`, `failed`, `Stopped`), so the agent cannot run the Backup extension and shows Not Ready.",
            "エージェントのサービスが実行されていません (`inactive (dead)`、`failed`、`Stopped`)。エージェントは Backup 拡張機能を実行できず、Not Ready と表示されます。",
        ),
        next_step: t(
            "Start and enable it: Linux `sudo systemctl enable --now walinuxagent` (Ubuntu/Debian) or `waagent` (RHEL/SUSE); Windows `Start-Service WindowsAzureGuestAgent, RdAgent`. If it stops again, read /var/log/waagent.log or C:\\WindowsAzure\\Logs\\WaAppAgent.log.",
            "開始して自動起動を有効にしてください: Linux は `sudo systemctl enable --now walinuxagent` (Ubuntu/Debian) または `waagent` (RHEL/SUSE)、Windows は `Start-Service WindowsAzureGuestAgent, RdAgent`。再び停止する場合は /var/log/waagent.log または C:\\WindowsAzure\\Logs\\WaAppAgent.log を確認してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.3",
    },
    Spec {
        code: Code::AGENT_STATE_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "The agent's Ready state cannot be read from this text",
            "このテキストからはエージェントの Ready 状態を判断できません",
        ),
        explain: t(
            "The text holds no agent state (Ready / Not Ready) and no service status.",
            "このテキストにはエージェントの状態 (Ready / Not Ready) もサービスの状態も含まれていません。",
        ),
        next_step: t(
            "Run `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent` (or look at Agent status on the VM's Properties in the portal) and load the output.",
            "`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent` を実行する (またはポータルの VM のプロパティで「エージェントの状態」を確認する) ことで、その出力を読み込んでください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.3",
    },
    Spec {
        code: Code::AGENT_STUCK_STOPPING,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The Windows agent is stuck stopping",
            "Windows エージェントが停止処理中のまま止まっています",
        ),
        explain: t(
            "`WindowsAzureGuestAgent could not be stopped` (or a StopPending service): the agent hangs and cannot run extensions.",
            "`WindowsAzureGuestAgent could not be stopped` (またはサービスが StopPending): エージェントが停止処理でハングしており、拡張機能を実行できません。",
        ),
        next_step: t(
            "End the WindowsAzureGuestAgent process, start the service again, and reinstall the agent if it recurs.",
            "WindowsAzureGuestAgent のプロセスを終了してサービスを再度開始し、再発する場合はエージェントを再インストールしてください。",
        ),
        doc_url: DOC_WINDOWS_AGENT,
        rule: "G.2",
    },
    Spec {
        code: Code::AGENT_VERSION_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "The agent version is not known from this text",
            "このテキストからはエージェントのバージョンが分かりません",
        ),
        explain: t(
            "The version that matters (the goal-state agent on Linux, the agent on Windows) is not in the text, so it cannot be compared with the minimum (Linux 2.2.53.1, Windows 2.7.41491.1010).",
            "判断に必要なバージョン (Linux はゴール ステート エージェント、Windows はエージェント) がテキストに含まれていないため、最小バージョン (Linux 2.2.53.1、Windows 2.7.41491.1010) と比較できません。",
        ),
        next_step: t(
            "On Linux run `waagent --version` (read `Goal state agent`); or `az vm get-instance-view -g <rg> -n <vm> --query instanceView.vmAgent.vmAgentVersion`.",
            "Linux では `waagent --version` を実行して `Goal state agent` を確認するか、`az vm get-instance-view -g <リソース グループ> -n <VM 名> --query instanceView.vmAgent.vmAgentVersion` を実行してください。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Spec {
        code: Code::AGENT_VERSION_UNSUPPORTED,
        kind: Kind::Finding,
        severity: Severity::Warning,
        title: t(
            "The VM agent is older than the supported minimum",
            "VM エージェントがサポート対象の最小バージョンより古いです",
        ),
        explain: t(
            "Extensions, including Backup, are supported only with Linux goal-state agent 2.2.53.1 or later and Windows agent 2.7.41491.1010 or later. An older agent may fail backups or stop being serviced.",
            "Backup を含む拡張機能は、Linux のゴール ステート エージェント 2.2.53.1 以上、Windows エージェント 2.7.41491.1010 以上でのみサポートされます。古いエージェントではバックアップの失敗やサポート対象外となる可能性があります。",
        ),
        next_step: t(
            "Update the agent: Linux enable auto-update (`AutoUpdate.Enabled=y`) or update the distribution's walinuxagent/WALinuxAgent package; Windows install the latest agent MSI.",
            "エージェントを更新してください: Linux は自動更新 (`AutoUpdate.Enabled=y`) を有効にするかディストリビューションの walinuxagent/WALinuxAgent パッケージを更新し、Windows は最新のエージェント MSI をインストールしてください。",
        ),
        doc_url: DOC_AGENT_VERSION,
        rule: "G.4",
    },
    Spec {
        code: Code::APPLIANCE_VM_BACKUP_UNSUPPORTED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "Network appliance: Azure VM Backup is not supported, use Azure Disk Backup",
            "ネットワーク仮想アプライアンス: Azure VM Backup はサポート対象外のため、Azure Disk Backup を利用してください",
        ),
        explain: t(
            "Network virtual appliances and custom OS images usually cannot run the VM agent and its extensions, so Azure VM Backup cannot protect them (cases are known for Palo Alto, Fortinet FortiAnalyzer, Zscaler and Barracuda). Azure Disk Backup protects the VM's disks without any agent, with crash-consistent incremental snapshots: what was on disk at snapshot time, as if the power cord had been pulled; nothing that was only in memory.",
            "ネットワーク仮想アプライアンスやカスタム OS のイメージは、通常 VM エージェントと拡張機能を実行できないため、Azure VM Backup では保護できません (Palo Alto、Fortinet FortiAnalyzer、Zscaler、Barracuda で事例があります)。Azure Disk Backup はエージェントを使わずに、クラッシュ整合性のある増分スナップショットで VM のディスクを保護します。スナップショット時点でディスク上にあったデータ (電源コードを抜いたときと同じ状態) が対象で、メモリ上にしかないデータは含まれません。",
        ),
        next_step: t(
            "Back up the appliance's OS and data disks with Azure Disk Backup (check the supported disk types), keep the vendor's configuration export as well, and confirm agent support with the vendor if VM backup is still wanted.",
            "アプライアンスの OS ディスクとデータ ディスクを Azure Disk Backup でバックアップし (サポートされるディスクの種類を確認してください)、ベンダーの設定エクスポートも併用してください。VM バックアップを希望する場合は、エージェントへの対応状況をベンダーに確認してください。",
        ),
        doc_url: DOC_DISK_BACKUP,
        rule: "G.7",
    },
    Spec {
        code: Code::BACKUP_EXTENSION_FAILED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The Azure Backup extension failed",
            "Azure Backup 拡張機能が失敗しています",
        ),
        explain: t(
            "The Backup extension (Microsoft.Azure.RecoveryServices.VMSnapshot / VMSnapshotLinux) reports an error, so snapshots for VM backup fail.",
            "Backup 拡張機能 (Microsoft.Azure.RecoveryServices.VMSnapshot / VMSnapshotLinux) がエラーを報告しており、VM バックアップのスナップショットが失敗します。",
        ),
        next_step: t(
            "Update the agent, then remove the failed extension (it is reinstalled at the next backup) and retry the backup; for `Downgrade not allowed`, delete the old extension folder under /var/lib/waagent first.",
            "エージェントを更新してから失敗した拡張機能を削除し (次回のバックアップ時に再インストールされます)、バックアップを再試行してください。`Downgrade not allowed` の場合は、先に /var/lib/waagent 配下の古い拡張機能のフォルダーを削除してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.5",
    },
    Spec {
        code: Code::BACKUP_EXTENSION_NOT_INSTALLED,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "No Backup extension yet: this VM has not been backed up",
            "Backup 拡張機能がありません: この VM はまだバックアップされていません",
        ),
        explain: t(
            "The agent lists extension handlers but no Microsoft.Azure.RecoveryServices.VMSnapshot(Linux). It is installed at the first backup, so this is normal for a VM that was never backed up.",
            "エージェントは拡張機能ハンドラーを報告していますが、Microsoft.Azure.RecoveryServices.VMSnapshot(Linux) はありません。最初のバックアップ時にインストールされるため、まだバックアップしていない VM では正常です。",
        ),
        next_step: t(
            "Nothing to do; if backups do run for this VM, check the extension's state after the next one.",
            "対応は不要です。この VM のバックアップを実行している場合は、次回のバックアップ後に拡張機能の状態を確認してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.5",
    },
    Spec {
        code: Code::CLOUD_INIT_PROVISIONING_STUCK,
        kind: Kind::Finding,
        severity: Severity::Warning,
        title: t(
            "Provisioning is waiting for cloud-init",
            "プロビジョニングが cloud-init を待っています",
        ),
        explain: t(
            "The agent waits for cloud-init (`Waiting for cloud-init to copy ovf-env.xml`, `cloud-init does not appear to be running`) and does not start handling extensions.",
            "エージェントが cloud-init を待機しており (`Waiting for cloud-init to copy ovf-env.xml`、`cloud-init does not appear to be running`)、拡張機能の処理を開始していません。",
        ),
        next_step: t(
            "Check `systemctl status cloud-init` and `cloud-init status --long`; fix cloud-init or set `Provisioning.Agent` in /etc/waagent.conf to match the image.",
            "`systemctl status cloud-init` と `cloud-init status --long` を確認し、cloud-init を修正するか、イメージに合わせて /etc/waagent.conf の `Provisioning.Agent` を設定してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Spec {
        code: Code::EXTENSIONS_DISABLED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "Extensions are disabled in the agent's configuration",
            "エージェントの設定で拡張機能が無効になっています",
        ),
        explain: t(
            "`Extensions.Enabled=n` in /etc/waagent.conf: the agent never runs the Backup extension, so backups fail with GuestAgentSnapshotTaskStatusError.",
            "/etc/waagent.conf に `Extensions.Enabled=n` が設定されており、エージェントは Backup 拡張機能を実行しません。バックアップは GuestAgentSnapshotTaskStatusError で失敗します。",
        ),
        next_step: t(
            "Set `Extensions.Enabled=y` in /etc/waagent.conf and restart the agent.",
            "/etc/waagent.conf で `Extensions.Enabled=y` を設定し、エージェントを再起動してください。",
        ),
        doc_url: DOC_BACKUP_AGENT_TROUBLESHOOT,
        rule: "G.1",
    },
    Spec {
        code: Code::GOAL_STATE_410_TRANSIENT,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "Transient goal-state error (410 Gone)",
            "一時的なゴール ステートのエラー (410 Gone)",
        ),
        explain: t(
            "`[ResourceGoneError] [HTTP Failed] [410: Gone]` while fetching the goal state happens when the platform changes the goal state; it is harmless if it stops.",
            "ゴール ステートの取得時の `[ResourceGoneError] [HTTP Failed] [410: Gone]` は、プラットフォームがゴール ステートを更新したときに発生するもので、収まれば問題ありません。",
        ),
        next_step: t(
            "Ignore it unless it repeats for a long time alongside Not Ready.",
            "Not Ready を伴って長時間繰り返されない限り、対応は不要です。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Spec {
        code: Code::GOAL_STATE_FETCH_FAILING,
        kind: Kind::Finding,
        severity: Severity::Warning,
        title: t(
            "The agent cannot retrieve its goal state",
            "エージェントがゴール ステートを取得できません",
        ),
        explain: t(
            "`An error occurred while retrieving the goal state`: the agent cannot talk to the WireServer 168.63.129.16, so it cannot receive extension work (such as Backup).",
            "`An error occurred while retrieving the goal state`: エージェントが WireServer 168.63.129.16 と通信できず、拡張機能 (Backup など) の処理を受け取れません。",
        ),
        next_step: t(
            "Test `curl --noproxy '*' http://168.63.129.16/?comp=versions` and allow 168.63.129.16 (TCP 80, 32526) in the guest firewall; it must not go through a proxy.",
            "`curl --noproxy '*' http://168.63.129.16/?comp=versions` を実行し、ゲスト OS のファイアウォールで 168.63.129.16 (TCP 80 と 32526) を許可してください。プロキシを経由させてはいけません。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.2",
    },
    Spec {
        code: Code::IMAGE_UNKNOWN,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "Whether this VM is an appliance cannot be told from this text",
            "この VM がアプライアンスかどうかはこのテキストからは判断できません",
        ),
        explain: t(
            "Appliances and custom images usually cannot run the agent, but the text holds no image publisher or plan. A VM's name proves nothing either way.",
            "アプライアンスやカスタム イメージは通常エージェントを実行できませんが、このテキストにはイメージの発行元やプランの情報がありません。VM の名前からは判断できません。",
        ),
        next_step: t(
            "Run `az vm show -g <rg> -n <vm> --query \"{image:storageProfile.imageReference, plan:plan}\"` and load the output.",
            "`az vm show -g <リソース グループ> -n <VM 名> --query \"{image:storageProfile.imageReference, plan:plan}\"` を実行し、その出力を読み込んでください。",
        ),
        doc_url: DOC_NVA,
        rule: "G.7",
    },
    Spec {
        code: Code::IMDS_UNREACHABLE,
        kind: Kind::Finding,
        severity: Severity::Warning,
        title: t(
            "The Instance Metadata Service (169.254.169.254) is unreachable",
            "Instance Metadata Service (169.254.169.254) に到達できません",
        ),
        explain: t(
            "The VM cannot reach IMDS. The agent and many extensions use it; a guest firewall or a proxy setting that does not exclude 169.254.169.254 usually causes this.",
            "VM から IMDS に到達できません。エージェントや多くの拡張機能が IMDS を使用します。通常はゲスト OS のファイアウォールか、169.254.169.254 を除外していないプロキシ設定が原因です。",
        ),
        next_step: t(
            "Allow 169.254.169.254 in the guest firewall and exclude it from proxies (`curl --noproxy '*' -H Metadata:true \"http://169.254.169.254/metadata/instance?api-version=2021-02-01\"`).",
            "ゲスト OS のファイアウォールで 169.254.169.254 を許可し、プロキシの対象外にしてください (`curl --noproxy '*' -H Metadata:true \"http://169.254.169.254/metadata/instance?api-version=2021-02-01\"`)。",
        ),
        doc_url: DOC_IMDS,
        rule: "G.6",
    },
    Spec {
        code: Code::NPCAP_LOOPBACK_BREAKS_FABRIC,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The Npcap loopback adapter breaks the agent's fabric discovery",
            "Npcap ループバック アダプターがエージェントのファブリック検出を妨げています",
        ),
        explain: t(
            "`Did not discover fabric address on interface Npcap Loopback Adapter`: the agent looks for the WireServer on the wrong interface and cannot report.",
            "`Did not discover fabric address on interface Npcap Loopback Adapter`: エージェントが誤ったインターフェイスで WireServer を探しており、状態を報告できません。",
        ),
        next_step: t(
            "Remove or disable the Npcap loopback adapter (or reinstall Npcap without it) and restart the agent.",
            "Npcap ループバック アダプターを削除または無効にし (またはループバック アダプターなしで Npcap を再インストールし)、エージェントを再起動してください。",
        ),
        doc_url: DOC_WINDOWS_AGENT,
        rule: "G.2",
    },
    Spec {
        code: Code::STATUS_BLOB_UPLOAD_FAILING,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The agent cannot upload its status",
            "エージェントが状態をアップロードできません",
        ),
        explain: t(
            "`Failed to report vm agent status` / status blob errors: the agent runs but its status never reaches Azure, so the VM shows Not Ready.",
            "`Failed to report vm agent status` や状態 BLOB のエラー: エージェントは動作していますが、状態が Azure に届かないため VM は Not Ready と表示されます。",
        ),
        next_step: t(
            "Check the path to 168.63.129.16 and the agent version; restart the agent and update it if the error persists.",
            "168.63.129.16 への経路とエージェントのバージョンを確認し、エージェントを再起動してください。エラーが続く場合はエージェントを更新してください。",
        ),
        doc_url: DOC_LINUX_AGENT,
        rule: "G.2",
    },
    Spec {
        code: Code::WIRESERVER_REACHABLE,
        kind: Kind::Finding,
        severity: Severity::Ok,
        title: t(
            "The WireServer 168.63.129.16 is reachable",
            "WireServer 168.63.129.16 に到達できます",
        ),
        explain: t(
            "The VM reaches the WireServer, the only address Azure VM backup needs from inside the VM.",
            "VM から WireServer に到達できます。VM 内から Azure VM バックアップに必要な宛先はこのアドレスだけです。",
        ),
        next_step: t(
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.6",
    },
    Spec {
        code: Code::WIRESERVER_UNREACHABLE,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "The VM cannot reach the WireServer 168.63.129.16",
            "VM から WireServer 168.63.129.16 に到達できません",
        ),
        explain: t(
            "The agent talks to Azure only through 168.63.129.16 (TCP 80 and 32526). It is blocked inside the guest (a firewall rule, security software, or a proxy that catches it): the agent cannot report and shows Not Ready, so VM backup fails. NSGs and routes cannot block this address; only the guest can.",
            "エージェントは 168.63.129.16 (TCP 80 と 32526) を通じてのみ Azure と通信します。ゲスト OS 内 (ファイアウォールのルール、セキュリティ ソフト、プロキシによる捕捉) でブロックされているため、エージェントは状態を報告できず Not Ready となり、VM バックアップは失敗します。NSG やルートではこのアドレスはブロックされず、ブロックできるのはゲスト OS だけです。",
        ),
        next_step: t(
            "Allow outbound TCP 80 and 32526 to 168.63.129.16 in the guest firewall (`iptables -L -n`, `firewall-cmd --list-all`, Windows Firewall) and exclude it from any proxy, then restart the agent.",
            "ゲスト OS のファイアウォール (`iptables -L -n`、`firewall-cmd --list-all`、Windows ファイアウォール) で 168.63.129.16 への送信 TCP 80 と 32526 を許可し、プロキシの対象外にしてから、エージェントを再起動してください。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "G.6",
    },
];
