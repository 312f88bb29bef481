//! The TCP family: connections as nc and curl report them, and the file-recovery port.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: nc's and Test-NetConnection's results, curl's
//! connect errors, and the findings for port 3260 and for names reached after a dead address.

use crate::code::Code;
use crate::parse::nc::{self, ConnectError, NcFlavor, NcOutcome};
use crate::parse::windows_log::{self, TncAddress};
use crate::parse::winmsg::WebError;
use crate::report::{Arg, Scenario, Sentence, Severity, Status, Tool};

use super::check::Judged;
use super::findings::{claim, is_claimed, seen_in, targets_of, Context, Draft};
use super::http::{Classified, CurlError};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_ILR, DOC_WORKLOAD_NET};
use super::say::say;
use super::{dns, tool};

super::say::sentences! { Tcp;
    CONNECTED_PORT = "connected to port {}", "ポート {} に接続できました";
    CONNECTED_TO = "connected to {} port {}", "{} のポート {} に接続できました";
    AFTER_FAILED = "(after {} failed)", "({} は失敗)";
    REFUSED = "connection refused", "接続が拒否されました";
    TIMED_OUT = "connection timed out", "接続がタイムアウトしました";
    NO_ROUTE = "no route to host", "ホストへの経路がありません (No route to host)";
    NET_UNREACHABLE = "network is unreachable", "ネットワークに到達できません (Network is unreachable)";
    FAILED = "connection failed", "接続に失敗しました";
    AT_ADDRESS_PORT = "({} port {})", "({} ポート {})";
    AT_PORT = "(port {})", "(ポート {})";
    FIRST_ADDRESS_ONLY = "— netcat-traditional tries only the first address", "(netcat-traditional は最初のアドレスしか試しません)";
    NAME_TEMPORARY = "the name did not resolve (temporary failure in name resolution)", "名前解決に失敗しました (Temporary failure in name resolution)";
    NAME_UNKNOWN = "the name does not exist (unknown host)", "名前が存在しません (Unknown host / Name or service not known)";
    NO_OUTPUT = "no output", "出力がありません";
    NOT_NC = "output not recognised as nc's", "nc の出力として認識できません";
    TNC_NO_ADDRESS = "the name did not resolve (no IP address after IPaddress)", "名前解決できませんでした (IPaddress の後に IP アドレスがありません)";
    TNC_FAILED = "TCP connection to {} port {} failed", "{} のポート {} への TCP 接続に失敗しました";
    NOT_TNC = "output not recognised as Test-NetConnection's", "Test-NetConnection の出力として認識できません";
    PORT_3260_FAILS = "Port 3260 fails for {}.", "{} へのポート 3260 が失敗しています。";
    ONLY_FILE_RECOVERY = "Port 3260 fails for {}; every other check passed, so only file recovery is affected.", "{} へのポート 3260 が失敗しています。その他のチェックはすべて成功しているため、影響はファイルの回復のみです。";
    TNC_PING_ONLY = "Test-NetConnection ran without -Port: it tested ping only, which says nothing about TCP 443", "Test-NetConnection が -Port なしで実行されており、ping しか確認していません (TCP 443 については何も分かりません)";
    CONNECTED = "connected", "接続できました";
    CONNECTED_HOST = "connected to {}", "{} に接続できました";
    AT_ADDRESS = "({})", "({})";
    TNC_FAILED_HOST = "TCP connection to {} failed", "{} への TCP 接続に失敗しました";
    NC_EXIT_ZERO = "nc exited 0: the port accepted the connection", "nc の終了コードは 0: ポートが接続を受け付けました";
    NC_EXIT = "nc exited {}: no connection (nc printed no reason)", "nc の終了コードは {}: 接続できませんでした (理由は表示されていません)";
}

/// The catalogue entries of the TCP family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::FILE_RECOVERY_PORT_BLOCKED,
        kind: Kind::Finding,
        severity: Severity::Failure,
        texts: texts!(
            "File recovery is blocked: outbound TCP 3260 (iSCSI) fails",
            "ファイルの回復がブロックされています: 送信 TCP 3260 (iSCSI) が失敗",
            "Only the connections to port 3260 fail. File recovery mounts the recovery point over iSCSI on TCP 3260, so it cannot work; scheduled VM backups and the other endpoints are not affected.",
            "ポート 3260 への接続だけが失敗しています。ファイルの回復は TCP 3260 の iSCSI で回復ポイントをマウントするため利用できませんが、スケジュールされた VM バックアップやその他の宛先には影響しません。",
            "Allow outbound TCP 3260 to the Azure Backup file-recovery endpoint (pod01-rec2.<region>.backup.windowsazure.com) on NSGs, firewalls and the guest firewall of the machine that runs the recovery script.",
            "回復スクリプトを実行するマシンから Azure Backup のファイル回復用エンドポイント (pod01-rec2.<リージョン>.backup.windowsazure.com) への送信 TCP 3260 を、NSG・ファイアウォール・ゲスト OS のファイアウォールで許可してください。",
        ),
        doc_url: DOC_ILR,
        rule: "E.1",
    },
    Entry {
        code: Code::TCP_CONNECTED,
        kind: Kind::Check,
        severity: Severity::Ok,
        texts: texts!(
            "TCP connection opened",
            "TCP 接続に成功しました",
            "The endpoint's port accepted the connection (nc, `TcpTestSucceeded: True`).",
            "エンドポイントのポートに接続できました (nc、`TcpTestSucceeded: True`)。",
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "C.2",
    },
    Entry {
        code: Code::TCP_CONNECT_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "TCP connection failed",
            "TCP 接続に失敗しました",
            "The TCP connection could not be opened, and the output does not say why: curl 7.86+ (`Couldn't connect to server`) and Test-NetConnection (`TcpTestSucceeded: False`, `Unable to connect to the remote server`) print the same for refused, no route and administratively prohibited. nc to the same endpoint tells them apart.",
            "TCP 接続を確立できませんでしたが、出力からは理由が分かりません。curl 7.86 以降 (`Couldn't connect to server`) や Test-NetConnection (`TcpTestSucceeded: False`、`Unable to connect to the remote server`) は、拒否・経路なし・管理上の禁止のいずれでも同じ表示になります。同じ宛先への nc の結果で区別できます。",
            "Check the guest firewall, NSGs and any network virtual appliance on the route for this destination and port.",
            "この宛先とポートについて、ゲスト OS のファイアウォール、NSG、経路上のネットワーク仮想アプライアンスを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "C.3",
    },
    Entry {
        code: Code::TCP_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The connection was refused",
            "接続が拒否されました",
            "The connection was actively rejected (TCP reset): a firewall rejects it, or nothing listens on that address and port.",
            "接続が能動的に拒否されました (TCP リセット)。ファイアウォールによる拒否、またはそのアドレスとポートで待ち受けていないことが原因です。",
            "Check the guest firewall (iptables / firewalld / ufw) and any firewall or appliance on the route that rejects this destination.",
            "ゲスト OS のファイアウォール (iptables / firewalld / ufw) と、この宛先を拒否している経路上のファイアウォールやアプライアンスを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Entry {
        code: Code::TCP_SOME_ADDRESSES_FAILED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Some addresses of a name failed before another worked",
            "一部のアドレスで失敗した後、別のアドレスで接続できました",
            "nc reported a failure on one address of the name and then connected to another. The check is OK; the dead address is worth knowing about (e.g. an IPv6 or a stale address).",
            "nc はある名前の 1 つのアドレスで失敗した後、別のアドレスに接続しました。チェックは成功ですが、失敗したアドレス (IPv6 や古いアドレスなど) は把握しておく価値があります。",
            "No action needed for backup; if connections are slow, look at why that address fails.",
            "バックアップのための対応は不要です。接続が遅い場合は、そのアドレスが失敗する理由を確認してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.7",
    },
    Entry {
        code: Code::TCP_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The connection timed out (packets dropped)",
            "接続がタイムアウトしました (パケットの破棄)",
            "The connection attempt got no answer at all: something silently drops the packets (an NSG deny rule, forced tunnelling to a firewall that drops, a route to nowhere). `Ncat: TIMEOUT.`, `Connection timed out` and curl (28) all mean this.",
            "接続要求にまったく応答がありませんでした。何かがパケットを黙って破棄しています (NSG の拒否ルール、破棄するファイアウォールへの強制トンネリング、行き先のないルートなど)。`Ncat: TIMEOUT.`、`Connection timed out`、curl (28) はいずれもこの状態を示します。",
            "Check the effective NSG rules and routes of the VM's NIC, and the logs of any firewall on the path, for this destination and port.",
            "VM の NIC の有効な NSG ルールと有効なルート、経路上のファイアウォールのログを、この宛先とポートについて確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
    Entry {
        code: Code::TCP_UNREACHABLE,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "No route to the destination",
            "宛先への経路がありません",
            "The kernel reported `No route to host` or `Network is unreachable`: a router or firewall answered with an ICMP error (also used for administratively prohibited traffic), or the machine has no route.",
            "カーネルが `No route to host` または `Network is unreachable` を報告しました。ルーターやファイアウォールが ICMP エラー (管理上の禁止も含む) で応答したか、マシンに経路がありません。",
            "Check the VM's routes (UDRs, default gateway) and firewalls that reject with ICMP.",
            "VM のルート (UDR、デフォルト ゲートウェイ) と、ICMP で拒否するファイアウォールを確認してください。",
        ),
        doc_url: DOC_WORKLOAD_NET,
        rule: "D.17",
    },
];

/// The code says a TCP connection failed.
pub(super) fn is_failure(c: Code) -> bool {
    matches!(
        c,
        Code::TCP_TIMEOUT | Code::TCP_REFUSED | Code::TCP_UNREACHABLE | Code::TCP_CONNECT_FAILED
    )
}

/// The code says the tool connected to the endpoint itself.
pub(super) fn is_connected(c: Code) -> bool {
    c == Code::TCP_CONNECTED
}

/// The code of a connection that failed, however the tool words it.
fn connect_code(e: ConnectError) -> Code {
    match e {
        ConnectError::Refused => Code::TCP_REFUSED,
        ConnectError::TimedOut => Code::TCP_TIMEOUT,
        ConnectError::NoRoute | ConnectError::NetUnreachable => Code::TCP_UNREACHABLE,
        ConnectError::Other => Code::TCP_CONNECT_FAILED,
    }
}

/// What nc says about a failed connection, with the code it stands for.
fn connect_words(e: ConnectError) -> (Code, Sentence) {
    let words = match e {
        ConnectError::Refused => say!(REFUSED),
        ConnectError::TimedOut => say!(TIMED_OUT),
        ConnectError::NoRoute => say!(NO_ROUTE),
        ConnectError::NetUnreachable => say!(NET_UNREACHABLE),
        ConnectError::Other => say!(FAILED),
    };
    (connect_code(e), words)
}

/// `nc -z host port; echo $?` with nc silent: 0 is a connection, anything else is none (nc does
/// not say why).
pub(super) fn nc_exit(code: u16, line: usize) -> Judged {
    let mut j = if code == 0 {
        Judged::new(
            Code::TCP_CONNECTED,
            Status::Ok,
            say!(NC_EXIT_ZERO),
            vec![line],
        )
    } else {
        Judged::new(
            Code::TCP_CONNECT_FAILED,
            Status::Failure,
            say!(NC_EXIT, Arg::Count(usize::from(code))),
            vec![line],
        )
    };
    j.facts.reached = code == 0;
    j
}

/// A sentence that names the port a check tested, or its twin without the port when neither
/// the command line nor the output named one (never a `?`).
fn with_port(named: Sentence, unnamed: Sentence, port: Option<u16>) -> Sentence {
    match port {
        Some(p) => {
            let mut s = named;
            s.args.push(Arg::Ports(vec![p]));
            s
        }
        None => unnamed,
    }
}

/// nc's (or telnet's) connection: connected, refused, dropped, unroutable, or why nothing was
/// tested.
pub(super) fn judge_connect(port: Option<u16>, ev: nc::NcEvidence) -> Judged {
    let mut j = match &ev.outcome {
        NcOutcome::Connected { address } => {
            let addr = address.clone().unwrap_or_default();
            let s = if addr.is_empty() {
                with_port(say!(CONNECTED_PORT), say!(CONNECTED), port)
            } else {
                // nc names the host or the address it reached.
                let host = Arg::Hosts(vec![addr]);
                with_port(
                    say!(CONNECTED_TO, host.clone()),
                    say!(CONNECTED_HOST, host),
                    port,
                )
            };
            let dead: Vec<String> = ev.dead_addresses.iter().map(|d| d.0.clone()).collect();
            let mut j = Judged::new(Code::TCP_CONNECTED, Status::Ok, s, ev.lines.clone());
            if !dead.is_empty() {
                j.summary
                    .push(say!(AFTER_FAILED, Arg::Addresses(dead.clone())));
            }
            j.facts.reached = true;
            j.facts.dead_addresses = dead;
            j
        }
        NcOutcome::Failed { error, address, .. } => {
            let (code, words) = connect_words(*error);
            let mut j = Judged::new(code, Status::Failure, words, ev.lines.clone());
            match (address, port) {
                (Some(a), _) if !a.is_empty() => {
                    let host = Arg::Hosts(vec![a.clone()]);
                    j.summary.push(with_port(
                        say!(AT_ADDRESS_PORT, host.clone()),
                        say!(AT_ADDRESS, host),
                        port,
                    ));
                }
                (_, Some(p)) => j.summary.push(say!(AT_PORT, Arg::Ports(vec![p]))),
                _ => {}
            }
            if ev.flavor == NcFlavor::Traditional {
                j.facts.first_address_only = true;
                j.summary.push(say!(FIRST_ADDRESS_ONLY));
            }
            j
        }
        NcOutcome::DnsTemporary => dns::lookup_failed(say!(NAME_TEMPORARY), ev.lines.clone()),
        NcOutcome::DnsUnknownHost => dns::lookup_failed(say!(NAME_UNKNOWN), ev.lines.clone()),
        NcOutcome::UsageError { fullwidth_space } => {
            tool::nc_usage_error(*fullwidth_space, ev.lines.clone())
        }
        NcOutcome::Unsupported => tool::nc_unsupported(ev.lines.clone()),
        NcOutcome::Empty => tool::truncated(say!(NO_OUTPUT), Vec::new()),
        NcOutcome::Unrecognised => tool::unrecognised(say!(NOT_NC), Vec::new()),
    };
    j.flavor = Some(ev.flavor.word().to_owned());
    j
}

/// `Test-NetConnection`: the script's `Result of tnc` line or the result object, with its
/// warnings (Windows field guide §2.1). `PingSucceeded` is never read as the verdict: ping is
/// tried only after TCP failed, and many networks drop it.
pub(super) fn judge_tnc(target: &str, port: Option<u16>, lines: &[(usize, &str)]) -> Judged {
    let Some(ev) = windows_log::tnc_evidence(lines) else {
        return tool::unrecognised(say!(NOT_TNC), Vec::new());
    };
    let dns_line = ev.name_failed.or(match (&ev.tcp, &ev.address) {
        // An empty address field after a failure: the name did not resolve. A masked one says
        // nothing.
        (Some((false, n)), TncAddress::Empty) => Some(*n),
        _ => None,
    });
    let mut j = match ev.tcp {
        Some((true, n)) => {
            let mut j = Judged::new(
                Code::TCP_CONNECTED,
                Status::Ok,
                with_port(
                    say!(CONNECTED_TO, where_to(&ev.address, target)),
                    say!(CONNECTED_HOST, where_to(&ev.address, target)),
                    port,
                ),
                vec![n],
            );
            j.facts.reached = true;
            j
        }
        _ if dns_line.is_some() => {
            dns::lookup_failed(say!(TNC_NO_ADDRESS), dns_line.into_iter().collect())
        }
        Some((false, n)) => Judged::new(
            Code::TCP_CONNECT_FAILED,
            Status::Failure,
            with_port(
                say!(TNC_FAILED, where_to(&ev.address, target)),
                say!(TNC_FAILED_HOST, where_to(&ev.address, target)),
                port,
            ),
            ev.connect_warning.into_iter().chain([n]).collect(),
        ),
        None => {
            let lines = ev.ping_only.into_iter().collect();
            return tool::unrecognised(say!(TNC_PING_ONLY), lines);
        }
    };
    j.flavor = Some("test-netconnection".to_owned());
    j
}

/// The address tnc connected to, or the name it was given when the address is not shown.
fn where_to(address: &TncAddress, target: &str) -> Arg {
    match address {
        TncAddress::Ip(a) => Arg::Addresses(vec![a.clone()]),
        _ => Arg::Hosts(vec![target.to_owned()]),
    }
}

/// curl could not open the connection to the endpoint itself: (7), or a (28) connect timeout.
pub(super) fn curl_error(e: &CurlError<'_>) -> Option<Classified> {
    match e.code {
        28 if e.lower.contains("failed to connect")
            || e.lower.contains("failed connect")
            || e.lower.contains("connection timed out")
            || e.lower.contains("connection timeout") =>
        {
            Some(e.connect_timed_out())
        }
        7 => Some(e.plain(connect_code(ConnectError::from_text(e.msg)))),
        _ => None,
    }
}

/// Invoke-WebRequest could not connect (English or Japanese .NET wording).
pub(super) fn web_error(says: WebError) -> Option<Code> {
    match says {
        WebError::ConnectFailed => Some(Code::TCP_CONNECT_FAILED),
        WebError::Refused => Some(Code::TCP_REFUSED),
        _ => None,
    }
}

/// File recovery: TCP failures on port 3260 (iSCSI).
pub(super) fn file_recovery_drafts(
    ctx: &Context<'_>,
    claimed: &mut [bool],
    drafts: &mut Vec<Draft>,
) {
    let checks = ctx.checks;
    let fr: Vec<usize> = (0..checks.len())
        .filter(|&i| {
            checks
                .get(i)
                .is_some_and(|c| c.tool == Tool::Nc && c.port == Some(3260) && is_failure(c.code))
                && !is_claimed(claimed, i)
        })
        .collect();
    if fr.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::FILE_RECOVERY_PORT_BLOCKED);
    let others_fail = checks
        .iter()
        .enumerate()
        .any(|(i, c)| c.status == Status::Failure && !fr.contains(&i));
    let targets = targets_of(checks, &fr);
    d.detail = vec![if others_fail {
        say!(PORT_3260_FAILS, Arg::Hosts(targets))
    } else {
        say!(ONLY_FILE_RECOVERY, Arg::Hosts(targets))
    }];
    d.affects = Some(vec![Scenario::FileRecovery]);
    claim(claimed, &fr);
    d.checks = fr;
    drafts.push(d);
}

/// nc reached a name only after one of its addresses failed.
pub(super) fn dead_address_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    let dead: Vec<usize> = (0..ctx.checks.len())
        .filter(|&i| {
            ctx.verdicts
                .get(i)
                .is_some_and(|f| f.reached_after_dead_address)
        })
        .collect();
    if dead.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::TCP_SOME_ADDRESSES_FAILED);
    let targets = targets_of(ctx.checks, &dead);
    d.detail = vec![seen_in(dead.len(), &targets)];
    d.checks = dead;
    drafts.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connect_error_has_a_tcp_failure_code() {
        for e in [
            ConnectError::Refused,
            ConnectError::TimedOut,
            ConnectError::NoRoute,
            ConnectError::NetUnreachable,
            ConnectError::Other,
        ] {
            assert!(is_failure(connect_code(e)), "{e:?}");
        }
        assert!(!is_failure(Code::TCP_CONNECTED));
        assert!(is_connected(Code::TCP_CONNECTED));
    }

    #[test]
    fn test_netconnection_without_an_address_is_a_dns_failure() {
        let j = judge_tnc(
            "x.example",
            Some(443),
            &[(
                4,
                "Result of tnc - 443 / IPaddress  / TcpTestSucceeded: False",
            )],
        );
        assert_eq!(j.code, Code::DNS_LOOKUP_FAILED);
        assert!(j.facts.dns_failed);
    }

    #[test]
    fn test_netconnection_reports_the_address_it_reached() {
        let j = judge_tnc(
            "x.example",
            Some(443),
            &[(
                4,
                "Result of tnc - 443 / IPaddress 20.190.151.7 / TcpTestSucceeded: True",
            )],
        );
        assert_eq!((j.code, j.status), (Code::TCP_CONNECTED, Status::Ok));
        assert!(j.facts.reached);
        let j = judge_tnc(
            "x.example",
            Some(443),
            &[(
                4,
                "Result of tnc - 443 / IPaddress 20.190.151.7 / TcpTestSucceeded: False",
            )],
        );
        assert_eq!(j.code, Code::TCP_CONNECT_FAILED);
    }

    #[test]
    fn test_netconnection_without_a_result_is_unrecognised() {
        let j = judge_tnc(
            "x.example",
            Some(443),
            &[(4, "WARNING: Ping to 20.190.151.7 failed")],
        );
        assert_eq!(j.code, Code::OUTPUT_UNRECOGNISED);
        assert!(j.facts.undecided);
    }
}
