//! The DNS family: name resolution as nslookup shows it, the hosts-file trap and private endpoints.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_ARTICLE, DOC_DNS, DOC_PE};

/// The catalogue entries of the DNS family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::DNS_LOOKUP_FAILED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The name could not be resolved",
            "名前解決ができませんでした",
        ),
        explain: t(
            "nc or curl could not turn the FQDN into an address (getaddrinfo failure, `Could not resolve host`, curl (6)). This is a DNS problem, not a blocked port: the connection was never attempted.",
            "nc または curl が FQDN を IP アドレスに変換できませんでした (getaddrinfo の失敗、`Could not resolve host`、curl (6))。ポートの遮断ではなく DNS の問題で、接続自体は試行されていません。",
        ),
        next_step: t(
            "Check /etc/resolv.conf and that the DNS server answers (Azure DNS is 168.63.129.16); for custom DNS, check its forwarders.",
            "/etc/resolv.conf と DNS サーバーの応答を確認してください (Azure DNS は 168.63.129.16)。カスタム DNS の場合はフォワーダー設定を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "D.10",
    },
    Spec {
        code: Code::DNS_NO_ADDRESS,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The name exists but has no address",
            "名前は存在しますがアドレスがありません",
        ),
        explain: t(
            "The DNS server answered for this name but returned no IP address (only an alias, or `No answer`). Nothing can connect to it.",
            "DNS サーバーは応答しましたが、IP アドレスを返しませんでした (別名のみ、または `No answer`)。この名前には接続できません。",
        ),
        next_step: t(
            "Check the DNS zone that answers for this name (for private endpoints: the privatelink zone's A record).",
            "この名前に応答している DNS ゾーンを確認してください (プライベート エンドポイントの場合は privatelink ゾーンの A レコード)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_NO_NAMESERVER,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "No DNS server is configured",
            "DNS サーバーが設定されていません",
        ),
        explain: t(
            "nslookup fell back to localhost (::1 and 127.0.0.1) and was refused: /etc/resolv.conf has no `nameserver` line.",
            "nslookup が localhost (::1 と 127.0.0.1) に問い合わせて拒否されました。/etc/resolv.conf に `nameserver` 行がありません。",
        ),
        next_step: t(
            "Add a nameserver to /etc/resolv.conf (or fix the network configuration that writes it, e.g. DHCP, netplan, NetworkManager).",
            "/etc/resolv.conf に nameserver を設定してください (DHCP・netplan・NetworkManager など、このファイルを生成する設定を確認してください)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_NXDOMAIN,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The name does not exist for this DNS server (NXDOMAIN)",
            "DNS サーバーにこの名前が存在しません (NXDOMAIN)",
        ),
        explain: t(
            "The DNS server says the name does not exist. Typical causes: a region-specific FQDN that does not match the vault's region, a typo, or a private DNS zone / conditional forwarder that is missing.",
            "DNS サーバーはこの名前が存在しないと応答しました。よくある原因は、コンテナーのリージョンと合わない FQDN、入力ミス、プライベート DNS ゾーンや条件付きフォワーダーの不足です。",
        ),
        next_step: t(
            "Check the FQDN for the vault's region and the DNS server's zones and forwarders (privatelink zones for private endpoints).",
            "コンテナーのリージョンに対応する FQDN と、DNS サーバーのゾーン・フォワーダー設定 (プライベート エンドポイントの場合は privatelink ゾーン) を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_QUERY_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The DNS server refused the query (REFUSED)",
            "DNS サーバーが問い合わせを拒否しました (REFUSED)",
        ),
        explain: t(
            "The DNS server is reachable but refuses to resolve names for this machine (recursion not allowed for this client).",
            "DNS サーバーには到達できますが、このマシンからの名前解決 (再帰問い合わせ) を拒否しています。",
        ),
        next_step: t(
            "Allow this machine's address on the DNS server (recursion ACL), or point it at a resolver that serves it.",
            "DNS サーバーでこのマシンのアドレスからの再帰問い合わせを許可するか、利用可能なリゾルバーを指定してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_RESOLVED,
        kind: Kind::Check,
        severity: Severity::Ok,
        title: t(
            "The name resolved",
            "名前解決に成功しました",
        ),
        explain: t(
            "nslookup printed an address for the name (the `Address:` after `Name:`).",
            "nslookup が名前に対する IP アドレスを出力しました (`Name:` の後の `Address:`)。",
        ),
        next_step: t(
            "Nothing to do.",
            "対応は不要です。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_SERVER_REFUSED,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "Nothing answers on the DNS server's port",
            "DNS サーバーのポートが応答しません",
        ),
        explain: t(
            "Every query to the DNS server was refused at the connection level: nothing listens on port 53 there, or a firewall rejects it.",
            "DNS サーバーへの問い合わせが接続の段階で拒否されました。ポート 53 で待ち受けていないか、ファイアウォールが拒否しています。",
        ),
        next_step: t(
            "Check that the DNS service runs on the server in /etc/resolv.conf (for systemd-resolved: `systemctl status systemd-resolved`).",
            "/etc/resolv.conf の DNS サーバーでサービスが動作しているか確認してください (systemd-resolved の場合: `systemctl status systemd-resolved`)。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_SERVFAIL,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The DNS server could not resolve the name (SERVFAIL)",
            "DNS サーバーが名前解決に失敗しました (SERVFAIL)",
        ),
        explain: t(
            "The DNS server answered but failed to resolve: its forwarders or upstream servers are failing or unreachable.",
            "DNS サーバーは応答しましたが解決に失敗しました。フォワーダーまたは上位 DNS サーバーに問題があるか到達できません。",
        ),
        next_step: t(
            "Check the DNS server's forwarders (Azure DNS 168.63.129.16 or the on-premises DNS) and its own outbound DNS traffic.",
            "DNS サーバーのフォワーダー設定 (Azure DNS 168.63.129.16 やオンプレミス DNS) と、DNS サーバー自身の外向き通信を確認してください。",
        ),
        doc_url: DOC_DNS,
        rule: "C.1",
    },
    Spec {
        code: Code::DNS_TIMEOUT,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The DNS server did not answer",
            "DNS サーバーから応答がありません",
        ),
        explain: t(
            "nslookup got no reply (`connection timed out; no servers could be reached`, or `communications error … timed out`): the DNS server is down or the path to it drops packets. A local stub resolver whose upstream is dead looks the same.",
            "nslookup に応答がありませんでした (`connection timed out; no servers could be reached` または `communications error … timed out`)。DNS サーバーの停止、または DNS サーバーへの経路でパケットが破棄されています。上位サーバーが応答しないローカルのスタブ リゾルバーも同じ出力になります。",
        ),
        next_step: t(
            "Check /etc/resolv.conf, that the DNS server is up, and that UDP/TCP 53 to it is allowed (Azure DNS is 168.63.129.16; custom DNS VMs must be running).",
            "/etc/resolv.conf、DNS サーバーの稼働、DNS サーバーへの UDP/TCP 53 が許可されているかを確認してください (Azure DNS は 168.63.129.16、カスタム DNS の VM は起動している必要があります)。",
        ),
        doc_url: DOC_DNS,
        rule: "D.17",
    },
    Spec {
        code: Code::NSLOOKUP_IGNORES_HOSTS_FILE,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "nslookup fails, but the names resolve from the hosts file",
            "nslookup は失敗していますが、hosts ファイルで名前解決できています",
        ),
        explain: t(
            "nslookup asks the DNS server directly and ignores /etc/hosts, while nc and curl use the system resolver (hosts file first). They connected to these names, so the names resolve on this machine; DNS is not what blocks backup. This is typical for private endpoints configured through hosts files.",
            "nslookup は DNS サーバーに直接問い合わせ、/etc/hosts を参照しません。一方 nc と curl は OS のリゾルバー (hosts ファイル優先) を使います。nc・curl がこれらの名前に接続できているため、このマシンでは名前解決できており、DNS がバックアップの妨げではありません。hosts ファイルでプライベート エンドポイントを構成している場合によく見られます。",
        ),
        next_step: t(
            "Make sure the hosts entries are current (private IPs change when endpoints are recreated); test with `getent hosts <fqdn>` or `ping` instead of nslookup.",
            "hosts ファイルのエントリが最新か確認してください (エンドポイントを再作成するとプライベート IP が変わります)。nslookup の代わりに `getent hosts <fqdn>` や `ping` で確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "D.11",
    },
    Spec {
        code: Code::PRIVATE_ENDPOINT_RESOLUTION,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: t(
            "Names resolve to private addresses (private endpoint)",
            "名前がプライベート アドレスに解決されています (プライベート エンドポイント)",
        ),
        explain: t(
            "Backup or Storage names resolve to private IP addresses (or through privatelink names), which means private-endpoint resolution. The public FQDNs the script tests are then not the ones the vault uses.",
            "Backup または Storage の名前がプライベート IP アドレスに (または privatelink 名経由で) 解決されており、プライベート エンドポイントによる名前解決です。この場合、スクリプトが確認するパブリック FQDN はコンテナーが実際に使う宛先ではありません。",
        ),
        next_step: t(
            "Test the vault's own privatelink FQDNs (from the private endpoint's DNS configuration) with nslookup, nc -vz <fqdn> 443 and curl -I https://<fqdn>.",
            "プライベート エンドポイントの DNS 構成に表示されるコンテナー固有の privatelink FQDN を、nslookup・nc -vz <fqdn> 443・curl -I https://<fqdn> で確認してください。",
        ),
        doc_url: DOC_PE,
        rule: "D.21",
    },
];
