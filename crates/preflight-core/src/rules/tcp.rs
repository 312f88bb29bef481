//! The TCP family: connections as nc and curl report them, and the file-recovery port.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_ARTICLE, DOC_ILR, DOC_WORKLOAD_NET};

/// The catalogue entries of the TCP family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::FILE_RECOVERY_PORT_BLOCKED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        title: t(
            "File recovery is blocked: outbound TCP 3260 (iSCSI) fails",
            "ファイルの回復がブロックされています: 送信 TCP 3260 (iSCSI) が失敗",
        ),
        explain: t(
            "Only the connections to port 3260 fail. File recovery mounts the recovery point over iSCSI on TCP 3260, so it cannot work; scheduled VM backups and the other endpoints are not affected.",
            "ポート 3260 への接続だけが失敗しています。ファイルの回復は TCP 3260 の iSCSI で回復ポイントをマウントするため利用できませんが、スケジュールされた VM バックアップやその他の宛先には影響しません。",
        ),
        next_step: t(
            "Allow outbound TCP 3260 to the Azure Backup file-recovery endpoint (pod01-rec2.<region>.backup.windowsazure.com) on NSGs, firewalls and the guest firewall of the machine that runs the recovery script.",
            "回復スクリプトを実行するマシンから Azure Backup のファイル回復用エンドポイント (pod01-rec2.<リージョン>.backup.windowsazure.com) への送信 TCP 3260 を、NSG・ファイアウォール・ゲスト OS のファイアウォールで許可してください。",
        ),
        doc_url: DOC_ILR,
        rule: "E.1",
    },
    Spec {
        code: Code::TCP_CONNECTED,
        kind: Kind::Check,
        severity: Severity::Ok,
        title: t(
            "TCP connection opened",
            "TCP 接続に成功しました",
        ),
        explain: t(
            "nc connected to the endpoint's port (`Connected to`, `succeeded!`, `open`).",
            "nc がエンドポイントのポートに接続しました (`Connected to`、`succeeded!`、`open`)。",
        ),
        next_step: t(
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "C.2",
    },
    Spec {
        code: Code::TCP_CONNECT_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "TCP connection failed",
            "TCP 接続に失敗しました",
        ),
        explain: t(
            "The TCP connection could not be opened, and the output does not say why: curl 7.86+ (`Couldn't connect to server`) and Test-NetConnection (`TcpTestSucceeded: False`, `Unable to connect to the remote server`) print the same for refused, no route and administratively prohibited. nc to the same endpoint tells them apart.",
            "TCP 接続を確立できませんでしたが、出力からは理由が分かりません。curl 7.86 以降 (`Couldn't connect to server`) や Test-NetConnection (`TcpTestSucceeded: False`、`Unable to connect to the remote server`) は、拒否・経路なし・管理上の禁止のいずれでも同じ表示になります。同じ宛先への nc の結果で区別できます。",
        ),
        next_step: t(
            "Check the guest firewall, NSGs and any network virtual appliance on the route for this destination and port.",
            "この宛先とポートについて、ゲスト OS のファイアウォール、NSG、経路上のネットワーク仮想アプライアンスを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "C.3",
    },
    Spec {
        code: Code::TCP_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The connection was refused",
            "接続が拒否されました",
        ),
        explain: t(
            "The connection was actively rejected (TCP reset): a firewall rejects it, or nothing listens on that address and port.",
            "接続が能動的に拒否されました (TCP リセット)。ファイアウォールによる拒否、またはそのアドレスとポートで待ち受けていないことが原因です。",
        ),
        next_step: t(
            "Check the guest firewall (iptables / firewalld / ufw) and any firewall or appliance on the route that rejects this destination.",
            "ゲスト OS のファイアウォール (iptables / firewalld / ufw) と、この宛先を拒否している経路上のファイアウォールやアプライアンスを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Spec {
        code: Code::TCP_SOME_ADDRESSES_FAILED,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "Some addresses of a name failed before another worked",
            "一部のアドレスで失敗した後、別のアドレスで接続できました",
        ),
        explain: t(
            "nc reported a failure on one address of the name and then connected to another. The check is OK; the dead address is worth knowing about (e.g. an IPv6 or a stale address).",
            "nc はある名前の 1 つのアドレスで失敗した後、別のアドレスに接続しました。チェックは成功ですが、失敗したアドレス (IPv6 や古いアドレスなど) は把握しておく価値があります。",
        ),
        next_step: t(
            "No action needed for backup; if connections are slow, look at why that address fails.",
            "バックアップのための対応は不要です。接続が遅い場合は、そのアドレスが失敗する理由を確認してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.7",
    },
    Spec {
        code: Code::TCP_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The connection timed out (packets dropped)",
            "接続がタイムアウトしました (パケットの破棄)",
        ),
        explain: t(
            "The connection attempt got no answer at all: something silently drops the packets (an NSG deny rule, forced tunnelling to a firewall that drops, a route to nowhere). `Ncat: TIMEOUT.`, `Connection timed out` and curl (28) all mean this.",
            "接続要求にまったく応答がありませんでした。何かがパケットを黙って破棄しています (NSG の拒否ルール、破棄するファイアウォールへの強制トンネリング、行き先のないルートなど)。`Ncat: TIMEOUT.`、`Connection timed out`、curl (28) はいずれもこの状態を示します。",
        ),
        next_step: t(
            "Check the effective NSG rules and routes of the VM's NIC, and the logs of any firewall on the path, for this destination and port.",
            "VM の NIC の有効な NSG ルールと有効なルート、経路上のファイアウォールのログを、この宛先とポートについて確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Spec {
        code: Code::TCP_UNREACHABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "No route to the destination",
            "宛先への経路がありません",
        ),
        explain: t(
            "The kernel reported `No route to host` or `Network is unreachable`: a router or firewall answered with an ICMP error (also used for administratively prohibited traffic), or the machine has no route.",
            "カーネルが `No route to host` または `Network is unreachable` を報告しました。ルーターやファイアウォールが ICMP エラー (管理上の禁止も含む) で応答したか、マシンに経路がありません。",
        ),
        next_step: t(
            "Check the VM's routes (UDRs, default gateway) and firewalls that reject with ICMP.",
            "VM のルート (UDR、デフォルト ゲートウェイ) と、ICMP で拒否するファイアウォールを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
];
