//! The one table of finding codes: what each means, how bad it is, what to do, where to read more.
//!
//! Codes are stable: a released code is never renamed or reused. Each code is listed once, in
//! `Code::ALL` (sorted), and described once, in `Code::spec`. `docs/findings.md` is generated from
//! this table (see `catalogue`), and `preflight explain <CODE>` prints the same text.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::report::Severity;

/// Where a code is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The outcome of one check (also used for findings that group such checks).
    Check,
    /// A conclusion drawn across checks or about the input as a whole.
    Finding,
}

/// Everything the catalogue says about a code.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub code: Code,
    pub kind: Kind,
    pub severity: Severity,
    pub title: Text,
    pub explain: Text,
    pub next_step: Text,
    pub doc_url: &'static str,
    /// The field-guide rule or section the code implements.
    pub rule: &'static str,
}

macro_rules! codes {
    ($($name:ident),+ $(,)?) => {
        /// A stable finding code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[allow(non_camel_case_types)]
        pub enum Code { $($name),+ }

        impl Code {
            /// Every code, sorted by name.
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => stringify!($name)),+ }
            }
        }

        impl std::str::FromStr for Code {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let up = s.trim().to_ascii_uppercase().replace('-', "_");
                match up.as_str() {
                    $(stringify!($name) => Ok(Code::$name),)+
                    _ => Err(format!("unknown finding code '{s}' (run `preflight explain --list` for the list)")),
                }
            }
        }
    };
}

codes!(
    ALL_CHECKS_PASSED,
    CA_BUNDLE_MISSING,
    CHECK_TRUNCATED,
    CURL_ERROR,
    DNS_LOOKUP_FAILED,
    DNS_NO_ADDRESS,
    DNS_NO_NAMESERVER,
    DNS_NXDOMAIN,
    DNS_QUERY_REFUSED,
    DNS_RESOLVED,
    DNS_SERVER_REFUSED,
    DNS_SERVFAIL,
    DNS_TIMEOUT,
    FILE_RECOVERY_PORT_BLOCKED,
    FQDN_REGION_EXAMPLES,
    HTTP2_ERROR,
    HTTPS_REACHABLE,
    HTTPS_REQUEST_FAILED,
    HTTPS_TIMEOUT,
    HTTP_EMPTY_REPLY,
    INPUT_BINARY,
    INPUT_DECODE_LOSSY,
    INPUT_EMPTY,
    INPUT_FRAGMENT,
    INPUT_MARKERS_NORMALISED,
    INPUT_NOT_RECOGNISED,
    LOG_INCOMPLETE,
    NC_IGNORES_PROXY,
    NC_UNSUPPORTED,
    NC_USAGE_ERROR,
    NSLOOKUP_IGNORES_HOSTS_FILE,
    OUTPUT_UNRECOGNISED,
    PRIVATE_ENDPOINT_RESOLUTION,
    PROXY_AUTH_REQUIRED,
    PROXY_CONFIGURED,
    PROXY_DENIED,
    PROXY_ERROR,
    PROXY_NOT_IN_ENV,
    PROXY_TIMEOUT,
    PROXY_UNREACHABLE,
    PROXY_UNRESOLVABLE,
    PROXY_UPSTREAM_FAILED,
    SITE_RECOVERY_LOG,
    TCP_CONNECTED,
    TCP_CONNECT_FAILED,
    TCP_REFUSED,
    TCP_SOME_ADDRESSES_FAILED,
    TCP_TIMEOUT,
    TCP_UNREACHABLE,
    TLS_CERT_EXPIRED,
    TLS_HANDSHAKE_FAILED,
    TLS_INTERCEPTED,
    TLS_NAME_MISMATCH,
    TLS_RESET,
    TLS_TIMEOUT,
    TLS_UNTRUSTED,
    TOOL_MISSING,
    VM_BACKUP_NOT_TESTED,
    WINDOWS_LOG_PRELIMINARY,
);

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const DOC_ARTICLE: &str =
    "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Linux/";
const DOC_DNS: &str = "https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances";
const DOC_WORKLOAD_NET: &str = "https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms#establish-network-connectivity";
const DOC_MARS_URLS: &str =
    "https://learn.microsoft.com/azure/backup/backup-support-matrix-mars-agent#url-and-ip-access";
const DOC_ILR: &str = "https://learn.microsoft.com/azure/backup/backup-azure-restore-files-from-vm";
const DOC_PE: &str = "https://learn.microsoft.com/azure/backup/private-endpoints";
const DOC_TLS: &str = "https://learn.microsoft.com/azure/backup/transport-layer-security";
const DOC_GEO: &str = "https://learn.microsoft.com/azure/backup/scripts/geo-code-list";
const DOC_WIRESERVER: &str =
    "https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16";
const DOC_PROXY: &str = "https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms#use-an-http-proxy-server-to-route-traffic";
const DOC_REQUEST: &str =
    "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/RequestForInvestigatingNW/";
const DOC_ASR: &str =
    "https://learn.microsoft.com/azure/site-recovery/azure-to-azure-about-networking";

impl Code {
    /// The catalogue entry for this code.
    pub fn spec(self) -> Spec {
        use Code::*;
        use Kind::{Check as C, Finding as F};
        use Severity::{Failure as Fail, Info, Ok as Good, Warning as Warn};
        let s = |kind, severity, title, explain, next_step, doc_url, rule| Spec {
            code: self,
            kind,
            severity,
            title,
            explain,
            next_step,
            doc_url,
            rule,
        };
        match self {
            ALL_CHECKS_PASSED => s(F, Good,
                t("Every check passed", "すべてのチェックが成功しました"),
                t("Every name resolved, every TCP connection opened and every HTTPS request got an answer from the Azure endpoint.",
                  "すべての名前解決・TCP 接続が成功し、すべての HTTPS 要求に Azure のエンドポイントが応答しました。"),
                t("Nothing to fix on this network path. If backups still fail, look at the error code of the backup job itself.",
                  "この通信経路に対応が必要な問題はありません。それでもバックアップが失敗する場合は、バックアップ ジョブ自体のエラー コードを確認してください。"),
                DOC_ARTICLE, "D.20"),
            CA_BUNDLE_MISSING => s(C, Fail,
                t("The machine's CA certificate bundle is missing or unreadable", "マシンの CA 証明書バンドルが見つからないか読み取れません"),
                t("curl exit code 77: curl could not read its trusted CA certificates, so no HTTPS connection can be verified. This is a problem on the machine, not on the network.",
                  "curl の終了コード 77: 信頼する CA 証明書を読み込めず、HTTPS 接続を検証できません。ネットワークではなくマシン側の問題です。"),
                t("Reinstall the CA bundle (ca-certificates / ca-certificates package) and re-run the script.",
                  "CA 証明書パッケージ (ca-certificates) を再インストールし、スクリプトを再実行してください。"),
                DOC_TLS, "C.3"),
            CHECK_TRUNCATED => s(C, Warn,
                t("The check was cut short before it printed a result", "チェックが結果を出力する前に途切れています"),
                t("The output of this check stops before any result line: the run was interrupted or the text was cut when it was copied. Nothing can be concluded from it, and it is not counted as a timeout.",
                  "このチェックの出力は結果行が出る前に終わっています。スクリプトの中断、またはコピー時の欠落が考えられます。ここから判断はできず、タイムアウトとしても扱いません。"),
                t("Re-run the script to the end (until `Complete...`) and send the whole log.",
                  "スクリプトを最後 (`Complete...` の出力) まで実行し、ログ全体を送付してください。"),
                DOC_REQUEST, "D.15"),
            CURL_ERROR => s(C, Fail,
                t("curl failed", "curl がエラーで終了しました"),
                t("curl reported an error, so the HTTPS request did not get an answer from the endpoint. An HTTP status line printed next to a curl error never counts as success.",
                  "curl がエラーを報告しており、HTTPS 要求にエンドポイントからの応答はありませんでした。curl のエラーと並んで出力された HTTP ステータス行は成功とはみなしません。"),
                t("Look up the curl exit code (curl.se/libcurl/c/libcurl-errors.html) and check the path to this endpoint.",
                  "curl の終了コードの意味を確認し (curl.se/libcurl/c/libcurl-errors.html)、この宛先への通信経路を確認してください。"),
                "https://curl.se/libcurl/c/libcurl-errors.html", "D.2"),
            DNS_LOOKUP_FAILED => s(C, Fail,
                t("The name could not be resolved", "名前解決ができませんでした"),
                t("nc or curl could not turn the FQDN into an address (getaddrinfo failure, `Could not resolve host`, curl (6)). This is a DNS problem, not a blocked port: the connection was never attempted.",
                  "nc または curl が FQDN を IP アドレスに変換できませんでした (getaddrinfo の失敗、`Could not resolve host`、curl (6))。ポートの遮断ではなく DNS の問題で、接続自体は試行されていません。"),
                t("Check /etc/resolv.conf and that the DNS server answers (Azure DNS is 168.63.129.16); for custom DNS, check its forwarders.",
                  "/etc/resolv.conf と DNS サーバーの応答を確認してください (Azure DNS は 168.63.129.16)。カスタム DNS の場合はフォワーダー設定を確認してください。"),
                DOC_DNS, "D.10"),
            DNS_NO_ADDRESS => s(C, Fail,
                t("The name exists but has no address", "名前は存在しますがアドレスがありません"),
                t("The DNS server answered for this name but returned no IP address (only an alias, or `No answer`). Nothing can connect to it.",
                  "DNS サーバーは応答しましたが、IP アドレスを返しませんでした (別名のみ、または `No answer`)。この名前には接続できません。"),
                t("Check the DNS zone that answers for this name (for private endpoints: the privatelink zone's A record).",
                  "この名前に応答している DNS ゾーンを確認してください (プライベート エンドポイントの場合は privatelink ゾーンの A レコード)。"),
                DOC_DNS, "C.1"),
            DNS_NO_NAMESERVER => s(C, Fail,
                t("No DNS server is configured", "DNS サーバーが設定されていません"),
                t("nslookup fell back to localhost (::1 and 127.0.0.1) and was refused: /etc/resolv.conf has no `nameserver` line.",
                  "nslookup が localhost (::1 と 127.0.0.1) に問い合わせて拒否されました。/etc/resolv.conf に `nameserver` 行がありません。"),
                t("Add a nameserver to /etc/resolv.conf (or fix the network configuration that writes it, e.g. DHCP, netplan, NetworkManager).",
                  "/etc/resolv.conf に nameserver を設定してください (DHCP・netplan・NetworkManager など、このファイルを生成する設定を確認してください)。"),
                DOC_DNS, "C.1"),
            DNS_NXDOMAIN => s(C, Fail,
                t("The name does not exist for this DNS server (NXDOMAIN)", "DNS サーバーにこの名前が存在しません (NXDOMAIN)"),
                t("The DNS server says the name does not exist. Typical causes: a region-specific FQDN that does not match the vault's region, a typo, or a private DNS zone / conditional forwarder that is missing.",
                  "DNS サーバーはこの名前が存在しないと応答しました。よくある原因は、コンテナーのリージョンと合わない FQDN、入力ミス、プライベート DNS ゾーンや条件付きフォワーダーの不足です。"),
                t("Check the FQDN for the vault's region and the DNS server's zones and forwarders (privatelink zones for private endpoints).",
                  "コンテナーのリージョンに対応する FQDN と、DNS サーバーのゾーン・フォワーダー設定 (プライベート エンドポイントの場合は privatelink ゾーン) を確認してください。"),
                DOC_DNS, "C.1"),
            DNS_QUERY_REFUSED => s(C, Fail,
                t("The DNS server refused the query (REFUSED)", "DNS サーバーが問い合わせを拒否しました (REFUSED)"),
                t("The DNS server is reachable but refuses to resolve names for this machine (recursion not allowed for this client).",
                  "DNS サーバーには到達できますが、このマシンからの名前解決 (再帰問い合わせ) を拒否しています。"),
                t("Allow this machine's address on the DNS server (recursion ACL), or point it at a resolver that serves it.",
                  "DNS サーバーでこのマシンのアドレスからの再帰問い合わせを許可するか、利用可能なリゾルバーを指定してください。"),
                DOC_DNS, "C.1"),
            DNS_RESOLVED => s(C, Good,
                t("The name resolved", "名前解決に成功しました"),
                t("nslookup printed an address for the name (the `Address:` after `Name:`).",
                  "nslookup が名前に対する IP アドレスを出力しました (`Name:` の後の `Address:`)。"),
                t("Nothing to do.", "対応は不要です。"),
                DOC_ARTICLE, "C.1"),
            DNS_SERVER_REFUSED => s(C, Fail,
                t("Nothing answers on the DNS server's port", "DNS サーバーのポートが応答しません"),
                t("Every query to the DNS server was refused at the connection level: nothing listens on port 53 there, or a firewall rejects it.",
                  "DNS サーバーへの問い合わせが接続の段階で拒否されました。ポート 53 で待ち受けていないか、ファイアウォールが拒否しています。"),
                t("Check that the DNS service runs on the server in /etc/resolv.conf (for systemd-resolved: `systemctl status systemd-resolved`).",
                  "/etc/resolv.conf の DNS サーバーでサービスが動作しているか確認してください (systemd-resolved の場合: `systemctl status systemd-resolved`)。"),
                DOC_DNS, "C.1"),
            DNS_SERVFAIL => s(C, Fail,
                t("The DNS server could not resolve the name (SERVFAIL)", "DNS サーバーが名前解決に失敗しました (SERVFAIL)"),
                t("The DNS server answered but failed to resolve: its forwarders or upstream servers are failing or unreachable.",
                  "DNS サーバーは応答しましたが解決に失敗しました。フォワーダーまたは上位 DNS サーバーに問題があるか到達できません。"),
                t("Check the DNS server's forwarders (Azure DNS 168.63.129.16 or the on-premises DNS) and its own outbound DNS traffic.",
                  "DNS サーバーのフォワーダー設定 (Azure DNS 168.63.129.16 やオンプレミス DNS) と、DNS サーバー自身の外向き通信を確認してください。"),
                DOC_DNS, "C.1"),
            DNS_TIMEOUT => s(C, Fail,
                t("The DNS server did not answer", "DNS サーバーから応答がありません"),
                t("nslookup got no reply (`connection timed out; no servers could be reached`, or `communications error … timed out`): the DNS server is down or the path to it drops packets. A local stub resolver whose upstream is dead looks the same.",
                  "nslookup に応答がありませんでした (`connection timed out; no servers could be reached` または `communications error … timed out`)。DNS サーバーの停止、または DNS サーバーへの経路でパケットが破棄されています。上位サーバーが応答しないローカルのスタブ リゾルバーも同じ出力になります。"),
                t("Check /etc/resolv.conf, that the DNS server is up, and that UDP/TCP 53 to it is allowed (Azure DNS is 168.63.129.16; custom DNS VMs must be running).",
                  "/etc/resolv.conf、DNS サーバーの稼働、DNS サーバーへの UDP/TCP 53 が許可されているかを確認してください (Azure DNS は 168.63.129.16、カスタム DNS の VM は起動している必要があります)。"),
                DOC_DNS, "D.17"),
            FILE_RECOVERY_PORT_BLOCKED => s(F, Fail,
                t("File recovery is blocked: outbound TCP 3260 (iSCSI) fails", "ファイルの回復がブロックされています: 送信 TCP 3260 (iSCSI) が失敗"),
                t("Only the connections to port 3260 fail. File recovery mounts the recovery point over iSCSI on TCP 3260, so it cannot work; scheduled VM backups and the other endpoints are not affected.",
                  "ポート 3260 への接続だけが失敗しています。ファイルの回復は TCP 3260 の iSCSI で回復ポイントをマウントするため利用できませんが、スケジュールされた VM バックアップやその他の宛先には影響しません。"),
                t("Allow outbound TCP 3260 to the Azure Backup file-recovery endpoint (pod01-rec2.<region>.backup.windowsazure.com) on NSGs, firewalls and the guest firewall of the machine that runs the recovery script.",
                  "回復スクリプトを実行するマシンから Azure Backup のファイル回復用エンドポイント (pod01-rec2.<リージョン>.backup.windowsazure.com) への送信 TCP 3260 を、NSG・ファイアウォール・ゲスト OS のファイアウォールで許可してください。"),
                DOC_ILR, "E.1"),
            FQDN_REGION_EXAMPLES => s(F, Info,
                t("The script tests example FQDNs for one region", "スクリプトが確認する FQDN は特定リージョンの例です"),
                t("The Azure Backup and Storage FQDNs in the script are examples (Japan East / Japan West and representative storage accounts). The FQDNs your vault needs depend on its region and may change.",
                  "スクリプト内の Azure Backup と Storage の FQDN は例です (東日本・西日本と代表的なストレージ アカウント)。実際に必要な FQDN はコンテナーのリージョンによって異なり、変更されることもあります。"),
                t("If the vault is in another region, also test pod01-*.<region code>.backup.windowsazure.com for that region.",
                  "コンテナーが別リージョンにある場合は、そのリージョン コードの pod01-*.<リージョン コード>.backup.windowsazure.com も確認してください。"),
                DOC_GEO, "D.19"),
            HTTP2_ERROR => s(C, Fail,
                t("HTTP/2 framing error", "HTTP/2 の通信エラー"),
                t("curl exit code 16 or 92: the HTTP/2 exchange broke, typically because a middlebox interferes with HTTP/2.",
                  "curl の終了コード 16 または 92: HTTP/2 のやり取りが途中で壊れています。通常は中継装置が HTTP/2 に干渉しています。"),
                t("Check proxies or firewalls that inspect HTTPS; as a test, `curl --http1.1 -I https://<fqdn>`.",
                  "HTTPS を検査するプロキシやファイアウォールを確認してください。切り分けとして `curl --http1.1 -I https://<fqdn>` を試してください。"),
                "https://curl.se/libcurl/c/libcurl-errors.html", "C.3"),
            HTTPS_REACHABLE => s(C, Good,
                t("The endpoint answered over HTTPS", "HTTPS でエンドポイントが応答しました"),
                t("The server's own status line came back with no curl error. Azure's 400, 403 and 404 answers also prove reachability: the endpoint answered over verified TLS.",
                  "curl のエラーなしでサーバー自身のステータス行が返りました。Azure の 400・403・404 も到達できている証拠です (検証済みの TLS で応答しています)。"),
                t("Nothing to do.", "対応は不要です。"),
                DOC_ARTICLE, "D.5"),
            HTTPS_REQUEST_FAILED => s(C, Fail,
                t("The HTTPS request failed", "HTTPS 要求が失敗しました"),
                t("Invoke-WebRequest (or another HTTPS client) failed without an answer from the endpoint, for a reason Preflight does not classify further; the quoted error says why.",
                  "Invoke-WebRequest などの HTTPS クライアントが、エンドポイントからの応答なしに失敗しました。Preflight ではこれ以上分類できない理由のため、引用したエラーを確認してください。"),
                t("Read the quoted error and check the path (proxy, firewall, TLS settings) to this endpoint.",
                  "引用したエラーを確認し、この宛先への経路 (プロキシ・ファイアウォール・TLS 設定) を確認してください。"),
                DOC_WORKLOAD_NET, "F"),
            HTTPS_TIMEOUT => s(C, Fail,
                t("The HTTPS request timed out", "HTTPS 要求がタイムアウトしました"),
                t("curl exit code 28: the connection or the transfer did not complete within curl's time limit. Something on the path drops or stalls the traffic.",
                  "curl の終了コード 28: 接続または転送が curl の制限時間内に完了しませんでした。経路上でパケットが破棄または停止されています。"),
                t("Check NSGs, route tables (forced tunnelling) and firewalls on the path to this endpoint.",
                  "この宛先への経路上の NSG、ルート テーブル (強制トンネリング)、ファイアウォールを確認してください。"),
                DOC_WORKLOAD_NET, "D.17"),
            HTTP_EMPTY_REPLY => s(C, Fail,
                t("The server closed the connection without a reply", "サーバーが応答せずに接続を閉じました"),
                t("curl exit code 52: the connection was closed without any HTTP answer, usually by a middlebox.",
                  "curl の終了コード 52: HTTP の応答がないまま接続が閉じられました。通常は中継装置が原因です。"),
                t("Check proxies, firewalls and load balancers on the path.", "経路上のプロキシ・ファイアウォール・ロード バランサーを確認してください。"),
                "https://curl.se/libcurl/c/libcurl-errors.html", "C.3"),
            INPUT_BINARY => s(F, Warn,
                t("This is a binary file, not a log", "テキストのログではなくバイナリ ファイルです"),
                t("The file holds binary data (an image, an archive or similar), not the text a connectivity check writes.",
                  "このファイルには疎通確認スクリプトが出力するテキストではなく、バイナリ データ (画像やアーカイブなど) が含まれています。"),
                t("Extract the log from the archive, or attach the text file `CheckNWResult_<host>_<date>.log` itself instead of a screenshot.",
                  "アーカイブからログを取り出すか、スクリーンショットではなくテキスト ファイル `CheckNWResult_<ホスト名>_<日時>.log` そのものを添付してください。"),
                DOC_REQUEST, "B.8"),
            INPUT_DECODE_LOSSY => s(F, Warn,
                t("Some bytes could not be decoded", "一部のバイトを文字に変換できませんでした"),
                t("Some lines hold bytes that are not valid in the detected encoding; they are shown with replacement characters (�). Verdicts on those lines may be incomplete.",
                  "検出した文字コードとして不正なバイトを含む行があり、置換文字 (�) で表示しています。該当行の判定が不完全な可能性があります。"),
                t("If the text looks wrong, re-save the log as UTF-8 and load it again.", "表示が崩れている場合は、ログを UTF-8 で保存し直して再度読み込んでください。"),
                DOC_REQUEST, "B.8"),
            INPUT_EMPTY => s(F, Warn,
                t("The input is empty", "入力が空です"),
                t("There is no text to analyse.", "解析するテキストがありません。"),
                t("Load the log file written by the script (CheckNWResult_<host>_<date>.log), or paste a `##TRY!!` block.",
                  "スクリプトが出力したログ ファイル (CheckNWResult_<ホスト名>_<日時>.log) を読み込むか、`##TRY!!` ブロックを貼り付けてください。"),
                DOC_REQUEST, "A.1"),
            INPUT_FRAGMENT => s(F, Info,
                t("Only part of a log was given", "ログの一部のみが入力されています"),
                t("This is a fragment (copied blocks or a single command output), not the whole log. Only what is here is judged; the other checks of the script are unknown.",
                  "これはログ全体ではなく一部 (コピーされたブロックや単一コマンドの出力) です。含まれている部分だけを判定しており、スクリプトの他のチェック結果は不明です。"),
                t("For a complete picture, send the whole CheckNWResult_<host>_<date>.log.",
                  "全体を判断するには、CheckNWResult_<ホスト名>_<日時>.log 全体を送付してください。"),
                DOC_REQUEST, "A.1"),
            INPUT_MARKERS_NORMALISED => s(F, Info,
                t("Some marker lines were read leniently", "一部のマーカー行を補正して読み取りました"),
                t("Some `##TRY!!` lines had extra spaces, tabs, full-width spaces or colour codes, as happens when a log is edited or pasted. They were normalised before reading.",
                  "一部の `##TRY!!` 行に余分な空白・タブ・全角スペース・色コードが含まれていました (ログの編集や貼り付けで起こります)。補正してから読み取っています。"),
                t("Nothing to do, unless the log was edited by hand: then prefer the original file.",
                  "対応は不要です。ただしログを手で編集した場合は、元のファイルを使用してください。"),
                DOC_ARTICLE, "B.4"),
            INPUT_NOT_RECOGNISED => s(F, Warn,
                t("This is not a connectivity-check log", "疎通確認スクリプトのログではありません"),
                t("No `##TRY!!` block, no known tool output and no section of the connectivity-check script was found in this text.",
                  "このテキストには `##TRY!!` ブロック、既知のコマンド出力、疎通確認スクリプトのセクションのいずれも見つかりませんでした。"),
                t("Load the log written by Check_Backup_NW_Linux (CheckNWResult_<host>_<date>.log) or paste the output of nslookup, nc -vz or curl -I.",
                  "Check_Backup_NW_Linux が出力したログ (CheckNWResult_<ホスト名>_<日時>.log) を読み込むか、nslookup・nc -vz・curl -I の出力を貼り付けてください。"),
                DOC_REQUEST, "A.1"),
            LOG_INCOMPLETE => s(F, Warn,
                t("The log is incomplete: the script did not finish", "ログが不完全です: スクリプトが最後まで実行されていません"),
                t("The log has no `Complete...` / `[INFO] Script time is` lines, or fewer checks than the script runs. The run was interrupted or the file was cut; checks that never ran are unknown, so the result cannot be OK.",
                  "ログに `Complete...` / `[INFO] Script time is` 行がないか、スクリプトが実行するチェックより少ない状態です。実行の中断またはファイルの欠落が考えられ、実行されなかったチェックの結果は不明のため、OK とは判定できません。"),
                t("Run the script again and let it finish (it can take several minutes when connections time out), then send the whole log.",
                  "スクリプトを再実行し最後まで完了させてから (タイムアウトが発生すると数分かかることがあります)、ログ全体を送付してください。"),
                DOC_REQUEST, "D.15"),
            NC_IGNORES_PROXY => s(C, Warn,
                t("nc cannot test the proxy path", "nc ではプロキシ経由の通信を確認できません"),
                t("A proxy is in use, and nc never uses a proxy: its result shows only whether a direct connection works. Even `Connected` / `succeeded!` does not prove that the proxy path works; only curl speaks for it.",
                  "プロキシが使用されていますが、nc はプロキシを経由しません。nc の結果は直接接続の可否を示すだけで、「Connected」「succeeded!」と表示されていてもプロキシ経由で通信できるとはいえません。判断は curl の結果で行います。"),
                t("Judge reachability from the curl checks of the same endpoints.", "同じ宛先に対する curl の結果で到達性を判断してください。"),
                DOC_ARTICLE, "D.8"),
            NC_UNSUPPORTED => s(C, Warn,
                t("This nc cannot run the check (BusyBox)", "この nc ではチェックを実行できません (BusyBox)"),
                t("The installed nc is BusyBox's, which has no -v / -z options: the check did not run, so TCP connectivity is unknown.",
                  "インストールされている nc は BusyBox 版で、-v / -z オプションがありません。チェックは実行されておらず、TCP の疎通は不明です。"),
                t("Install a full netcat (Debian/Ubuntu: `sudo apt install netcat-openbsd`; RHEL family: `sudo dnf install nmap-ncat`; Alpine: `apk add netcat-openbsd`) and re-run the script.",
                  "フル機能の netcat をインストールしてください (Debian/Ubuntu: `sudo apt install netcat-openbsd`、RHEL 系: `sudo dnf install nmap-ncat`、Alpine: `apk add netcat-openbsd`)。その後スクリプトを再実行してください。"),
                DOC_ARTICLE, "D.13"),
            NC_USAGE_ERROR => s(C, Fail,
                t("The nc command was mistyped, nothing was tested", "nc コマンドの入力誤りのため、何も確認されていません"),
                t("nc rejected its arguments (`missing port number`, or a host name holding a full-width space). This usually comes from copying `nc -vz <ip>　443` with a full-width space (U+3000) from a web page. It says nothing about the network.",
                  "nc が引数を受け付けませんでした (`missing port number`、または全角スペースを含むホスト名)。Web ページから全角スペース (U+3000) を含む `nc -vz <IP>　443` をコピーした場合によく起こります。ネットワークについては何も示していません。"),
                t("Retype the command with ordinary (ASCII) spaces, e.g. `nc -vz 10.12.0.15 443`, and run it again.",
                  "半角スペースでコマンドを入力し直して再実行してください (例: `nc -vz 10.12.0.15 443`)。"),
                DOC_PE, "D.14"),
            NSLOOKUP_IGNORES_HOSTS_FILE => s(C, Warn,
                t("nslookup fails, but the names resolve from the hosts file", "nslookup は失敗していますが、hosts ファイルで名前解決できています"),
                t("nslookup asks the DNS server directly and ignores /etc/hosts, while nc and curl use the system resolver (hosts file first). They connected to these names, so the names resolve on this machine; DNS is not what blocks backup. This is typical for private endpoints configured through hosts files.",
                  "nslookup は DNS サーバーに直接問い合わせ、/etc/hosts を参照しません。一方 nc と curl は OS のリゾルバー (hosts ファイル優先) を使います。nc・curl がこれらの名前に接続できているため、このマシンでは名前解決できており、DNS がバックアップの妨げではありません。hosts ファイルでプライベート エンドポイントを構成している場合によく見られます。"),
                t("Make sure the hosts entries are current (private IPs change when endpoints are recreated); test with `getent hosts <fqdn>` or `ping` instead of nslookup.",
                  "hosts ファイルのエントリが最新か確認してください (エンドポイントを再作成するとプライベート IP が変わります)。nslookup の代わりに `getent hosts <fqdn>` や `ping` で確認してください。"),
                DOC_PE, "D.11"),
            OUTPUT_UNRECOGNISED => s(C, Warn,
                t("The output of this check could not be read", "このチェックの出力を読み取れませんでした"),
                t("The block holds text that matches none of the known outputs of nslookup, nc or curl, so no verdict is given.",
                  "このブロックの内容は nslookup・nc・curl の既知の出力のいずれにも一致しないため、判定していません。"),
                t("Read the raw lines yourself, and send the log to the Preflight maintainers if it is real tool output.",
                  "元の行を直接確認してください。実際のコマンド出力であれば、ログを Preflight の開発者に送付してください。"),
                DOC_ARTICLE, "D.1"),
            PRIVATE_ENDPOINT_RESOLUTION => s(F, Info,
                t("Names resolve to private addresses (private endpoint)", "名前がプライベート アドレスに解決されています (プライベート エンドポイント)"),
                t("Backup or Storage names resolve to private IP addresses (or through privatelink names), which means private-endpoint resolution. The public FQDNs the script tests are then not the ones the vault uses.",
                  "Backup または Storage の名前がプライベート IP アドレスに (または privatelink 名経由で) 解決されており、プライベート エンドポイントによる名前解決です。この場合、スクリプトが確認するパブリック FQDN はコンテナーが実際に使う宛先ではありません。"),
                t("Test the vault's own privatelink FQDNs (from the private endpoint's DNS configuration) with nslookup, nc -vz <fqdn> 443 and curl -I https://<fqdn>.",
                  "プライベート エンドポイントの DNS 構成に表示されるコンテナー固有の privatelink FQDN を、nslookup・nc -vz <fqdn> 443・curl -I https://<fqdn> で確認してください。"),
                DOC_PE, "D.21"),
            PROXY_AUTH_REQUIRED => s(C, Fail,
                t("The proxy requires authentication (407)", "プロキシが認証を要求しています (407)"),
                t("The proxy refused to open the tunnel with `407 Proxy Authentication Required`. The `HTTP/1.x 407` line is the proxy's reply to CONNECT, not an answer from Azure: no request reached the endpoint.",
                  "プロキシが `407 Proxy Authentication Required` でトンネルの確立を拒否しました。`HTTP/1.x 407` の行はプロキシの CONNECT への応答であり、Azure からの応答ではありません。要求はエンドポイントに届いていません。"),
                t("Allow this machine through the proxy without authentication for the Azure Backup, Storage and Entra ID FQDNs, or configure the proxy credentials for the backup components.",
                  "Azure Backup・Storage・Entra ID の FQDN について、このマシンが認証なしでプロキシを通過できるよう許可するか、バックアップのコンポーネントにプロキシの認証情報を設定してください。"),
                DOC_PROXY, "D.3"),
            PROXY_CONFIGURED => s(F, Info,
                t("A proxy is in use", "プロキシが使用されています"),
                t("The log shows a proxy (environment variables or curl's own output). curl goes through it; nc does not, so nc results say nothing about the proxy path.",
                  "ログにプロキシの使用が示されています (環境変数または curl の出力)。curl はプロキシを経由しますが nc は経由しないため、nc の結果はプロキシ経由の通信については何も示しません。"),
                t("Make sure the backup components (MARS, the workload backup extension) use the same proxy settings.",
                  "バックアップのコンポーネント (MARS、ワークロード バックアップ拡張機能) が同じプロキシ設定を使用することを確認してください。"),
                DOC_PROXY, "B.6"),
            PROXY_DENIED => s(C, Fail,
                t("The proxy denies this destination (403)", "プロキシがこの宛先への通信を拒否しています (403)"),
                t("The proxy refused to open the tunnel (`CONNECT tunnel failed, response 403`, e.g. `403 Filtered`). This 403 is the proxy's policy, not Azure's answer, so it is a failure.",
                  "プロキシがトンネルの確立を拒否しました (`CONNECT tunnel failed, response 403`、例: `403 Filtered`)。この 403 はプロキシのポリシーによるもので Azure の応答ではないため、失敗と判定します。"),
                t("Add the denied FQDNs (e.g. *.blob.core.windows.net for Storage) to the proxy's allow list.",
                  "拒否された FQDN (Storage の場合は *.blob.core.windows.net など) をプロキシの許可リストに追加してください。"),
                DOC_MARS_URLS, "D.4"),
            PROXY_ERROR => s(C, Fail,
                t("The proxy refused the connection", "プロキシが接続を拒否しました"),
                t("The proxy answered the CONNECT request with an error, so no request reached the endpoint.",
                  "プロキシが CONNECT 要求にエラーで応答したため、要求はエンドポイントに届いていません。"),
                t("Read the proxy's status and its logs for this destination.", "プロキシのステータスと、この宛先に関するプロキシのログを確認してください。"),
                DOC_PROXY, "D.3"),
            PROXY_NOT_IN_ENV => s(F, Warn,
                t("curl used a proxy that the log's proxy section does not show", "プロキシ設定欄にないプロキシを curl が使用しています"),
                t("The proxy section is blank, yet curl's output shows a proxy (CONNECT replies or proxy errors). The proxy is set elsewhere: upper-case HTTPS_PROXY, a profile script, sudo's environment, or a transparent proxy.",
                  "プロキシ設定欄は空白ですが、curl の出力にプロキシ (CONNECT の応答やプロキシのエラー) が現れています。大文字の HTTPS_PROXY、プロファイル スクリプト、sudo の環境、透過プロキシなど、別の場所で設定されています。"),
                t("Find where the proxy is configured (`env | grep -i proxy`, /etc/environment) and make sure the backup components use the same setting.",
                  "プロキシの設定箇所を確認し (`env | grep -i proxy`、/etc/environment)、バックアップのコンポーネントも同じ設定を使うようにしてください。"),
                DOC_PROXY, "B.6"),
            PROXY_TIMEOUT => s(C, Fail,
                t("The proxy never answered the CONNECT request", "プロキシが CONNECT 要求に応答しません"),
                t("curl reached the proxy but the proxy did not answer CONNECT within curl's 300 s limit (`Proxy CONNECT aborted due to timeout`).",
                  "curl はプロキシに接続しましたが、プロキシが curl の制限時間 300 秒以内に CONNECT に応答しませんでした (`Proxy CONNECT aborted due to timeout`)。"),
                t("Check the proxy's health and its own outbound access to this destination.", "プロキシの稼働状態と、プロキシからこの宛先への外向き通信を確認してください。"),
                DOC_PROXY, "E.1"),
            PROXY_UNREACHABLE => s(C, Fail,
                t("The proxy cannot be reached", "プロキシに接続できません"),
                t("curl failed to connect to the proxy itself (the host and port in the error are the proxy's, not the endpoint's): the proxy is down or the address is wrong.",
                  "curl がプロキシ自体に接続できませんでした (エラーのホストとポートはエンドポイントではなくプロキシのものです)。プロキシの停止、またはアドレスの誤りです。"),
                t("Check the proxy address in http_proxy / https_proxy and that the proxy service is running.",
                  "http_proxy / https_proxy のプロキシ アドレスと、プロキシ サービスが稼働しているかを確認してください。"),
                DOC_PROXY, "E.1"),
            PROXY_UNRESOLVABLE => s(C, Fail,
                t("The proxy's host name does not resolve", "プロキシのホスト名を名前解決できません"),
                t("curl could not resolve the proxy's name (`Could not resolve proxy`, exit code 5): no request was sent.",
                  "curl がプロキシの名前を解決できませんでした (`Could not resolve proxy`、終了コード 5)。要求は送信されていません。"),
                t("Fix the proxy name in http_proxy / https_proxy, or the DNS record for it.", "http_proxy / https_proxy のプロキシ名、またはその DNS レコードを修正してください。"),
                DOC_PROXY, "E.1"),
            PROXY_UPSTREAM_FAILED => s(C, Fail,
                t("The proxy could not reach the destination", "プロキシから宛先に接続できません"),
                t("The proxy accepted the request but could not connect to the endpoint itself (CONNECT answered with a 5xx such as `500 Unable to connect`): the proxy's own outbound access is blocked.",
                  "プロキシは要求を受け付けましたが、プロキシ自身がエンドポイントに接続できませんでした (CONNECT に `500 Unable to connect` などの 5xx で応答)。プロキシからの外向き通信がブロックされています。"),
                t("Fix the proxy's outbound rules (firewall, NSG, routes) for the Azure Backup, Storage and Entra ID FQDNs.",
                  "Azure Backup・Storage・Entra ID の FQDN について、プロキシからの外向き通信 (ファイアウォール・NSG・ルート) を修正してください。"),
                DOC_PROXY, "E.1"),
            SITE_RECOVERY_LOG => s(F, Warn,
                t("This is the Site Recovery check's log, not Azure Backup's", "Azure Backup ではなく Site Recovery の疎通確認ログです"),
                t("The log has the `====` separator lines of Check_ASR_NW_Linux (Azure Site Recovery). It tests Site Recovery's endpoints; the verdicts below are read with the same rules, but the scenarios are Site Recovery's.",
                  "このログには Check_ASR_NW_Linux (Azure Site Recovery) の `====` 区切り行があります。Site Recovery の宛先を確認するもので、以下の判定は同じ規則で読み取っていますが、影響するのは Site Recovery のシナリオです。"),
                t("For Azure Backup, run Check_Backup_NW_Linux and load its log.", "Azure Backup の確認には Check_Backup_NW_Linux を実行し、そのログを読み込んでください。"),
                DOC_ASR, "B.9"),
            TCP_CONNECTED => s(C, Good,
                t("TCP connection opened", "TCP 接続に成功しました"),
                t("nc connected to the endpoint's port (`Connected to`, `succeeded!`, `open`).",
                  "nc がエンドポイントのポートに接続しました (`Connected to`、`succeeded!`、`open`)。"),
                t("Nothing to do.", "対応は不要です。"),
                DOC_ARTICLE, "C.2"),
            TCP_CONNECT_FAILED => s(C, Fail,
                t("TCP connection failed", "TCP 接続に失敗しました"),
                t("The TCP connection could not be opened, and the output does not say why: curl 7.86+ (`Couldn't connect to server`) and Test-NetConnection (`TcpTestSucceeded: False`, `Unable to connect to the remote server`) print the same for refused, no route and administratively prohibited. nc to the same endpoint tells them apart.",
                  "TCP 接続を確立できませんでしたが、出力からは理由が分かりません。curl 7.86 以降 (`Couldn't connect to server`) や Test-NetConnection (`TcpTestSucceeded: False`、`Unable to connect to the remote server`) は、拒否・経路なし・管理上の禁止のいずれでも同じ表示になります。同じ宛先への nc の結果で区別できます。"),
                t("Check the guest firewall, NSGs and any network virtual appliance on the route for this destination and port.",
                  "この宛先とポートについて、ゲスト OS のファイアウォール、NSG、経路上のネットワーク仮想アプライアンスを確認してください。"),
                DOC_WORKLOAD_NET, "C.3"),
            TCP_REFUSED => s(C, Fail,
                t("The connection was refused", "接続が拒否されました"),
                t("The connection was actively rejected (TCP reset): a firewall rejects it, or nothing listens on that address and port.",
                  "接続が能動的に拒否されました (TCP リセット)。ファイアウォールによる拒否、またはそのアドレスとポートで待ち受けていないことが原因です。"),
                t("Check the guest firewall (iptables / firewalld / ufw) and any firewall or appliance on the route that rejects this destination.",
                  "ゲスト OS のファイアウォール (iptables / firewalld / ufw) と、この宛先を拒否している経路上のファイアウォールやアプライアンスを確認してください。"),
                DOC_WORKLOAD_NET, "D.17"),
            TCP_SOME_ADDRESSES_FAILED => s(F, Info,
                t("Some addresses of a name failed before another worked", "一部のアドレスで失敗した後、別のアドレスで接続できました"),
                t("nc reported a failure on one address of the name and then connected to another. The check is OK; the dead address is worth knowing about (e.g. an IPv6 or a stale address).",
                  "nc はある名前の 1 つのアドレスで失敗した後、別のアドレスに接続しました。チェックは成功ですが、失敗したアドレス (IPv6 や古いアドレスなど) は把握しておく価値があります。"),
                t("No action needed for backup; if connections are slow, look at why that address fails.",
                  "バックアップのための対応は不要です。接続が遅い場合は、そのアドレスが失敗する理由を確認してください。"),
                DOC_ARTICLE, "D.7"),
            TCP_TIMEOUT => s(C, Fail,
                t("The connection timed out (packets dropped)", "接続がタイムアウトしました (パケットの破棄)"),
                t("The connection attempt got no answer at all: something silently drops the packets (an NSG deny rule, forced tunnelling to a firewall that drops, a route to nowhere). `Ncat: TIMEOUT.`, `Connection timed out` and curl (28) all mean this.",
                  "接続要求にまったく応答がありませんでした。何かがパケットを黙って破棄しています (NSG の拒否ルール、破棄するファイアウォールへの強制トンネリング、行き先のないルートなど)。`Ncat: TIMEOUT.`、`Connection timed out`、curl (28) はいずれもこの状態を示します。"),
                t("Check the effective NSG rules and routes of the VM's NIC, and the logs of any firewall on the path, for this destination and port.",
                  "VM の NIC の有効な NSG ルールと有効なルート、経路上のファイアウォールのログを、この宛先とポートについて確認してください。"),
                DOC_WORKLOAD_NET, "D.17"),
            TCP_UNREACHABLE => s(C, Fail,
                t("No route to the destination", "宛先への経路がありません"),
                t("The kernel reported `No route to host` or `Network is unreachable`: a router or firewall answered with an ICMP error (also used for administratively prohibited traffic), or the machine has no route.",
                  "カーネルが `No route to host` または `Network is unreachable` を報告しました。ルーターやファイアウォールが ICMP エラー (管理上の禁止も含む) で応答したか、マシンに経路がありません。"),
                t("Check the VM's routes (UDRs, default gateway) and firewalls that reject with ICMP.",
                  "VM のルート (UDR、デフォルト ゲートウェイ) と、ICMP で拒否するファイアウォールを確認してください。"),
                DOC_WORKLOAD_NET, "D.17"),
            TLS_CERT_EXPIRED => s(C, Fail,
                t("The certificate presented has expired", "提示された証明書の有効期限が切れています"),
                t("curl (60): the certificate presented for this endpoint has expired. Azure's certificates are renewed in time, so a device on the path is presenting its own certificate, or the VM's clock is badly wrong.",
                  "curl (60): この宛先で提示された証明書の有効期限が切れています。Azure の証明書は期限前に更新されるため、経路上の装置が独自の証明書を提示しているか、VM の時刻が大きくずれています。"),
                t("Check the VM's clock (`timedatectl`) and any TLS-inspecting device on the path.", "VM の時刻 (`timedatectl`) と、経路上の TLS 検査装置を確認してください。"),
                DOC_TLS, "C.3"),
            TLS_HANDSHAKE_FAILED => s(C, Fail,
                t("The TLS handshake failed", "TLS ハンドシェイクに失敗しました"),
                t("curl (35): the TLS handshake did not complete (connection closed during the handshake, a non-TLS service on port 443, or a protocol mismatch). TCP reached something, but not the Azure endpoint's TLS.",
                  "curl (35): TLS ハンドシェイクが完了しませんでした (ハンドシェイク中の切断、443 番ポートでの非 TLS サービス、プロトコルの不一致など)。TCP では何かに到達していますが、Azure エンドポイントの TLS には到達していません。"),
                t("Check firewalls or proxies that inspect or terminate TLS on the path, and that TLS 1.2 is enabled on the machine.",
                  "経路上で TLS を検査・終端するファイアウォールやプロキシ、マシンで TLS 1.2 が有効かを確認してください。"),
                DOC_TLS, "D.9"),
            TLS_INTERCEPTED => s(C, Fail,
                t("TLS inspection replaces Azure's certificate", "TLS 検査によって Azure の証明書が置き換えられています"),
                t("curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: a proxy or firewall decrypts HTTPS and re-signs it with its own CA, which this machine does not trust. TCP works (nc connects); the certificate check fails. Azure Backup components reject such certificates.",
                  "curl (60) `self-signed certificate in certificate chain` / `unable to get local issuer certificate`: プロキシやファイアウォールが HTTPS を復号し独自の CA で再署名しており、このマシンはその CA を信頼していません。TCP は成功 (nc は接続) していますが、証明書の検証に失敗しています。Azure Backup のコンポーネントはこのような証明書を受け付けません。"),
                t("Exclude the Azure Backup, Storage and Entra ID FQDNs from TLS inspection on the proxy or firewall.",
                  "プロキシまたはファイアウォールで、Azure Backup・Storage・Entra ID の FQDN を TLS 検査の対象外にしてください。"),
                DOC_TLS, "D.9"),
            TLS_NAME_MISMATCH => s(C, Fail,
                t("The certificate does not match the name", "証明書が名前と一致しません"),
                t("curl (60) or (51): the certificate's names do not cover the name requested. For `curl -I https://<private ip>` this is expected (certificates never name an IP) and TCP and TLS did reach the endpoint; for an FQDN it means something else answers for that name.",
                  "curl (60) または (51): 証明書の名前が要求した名前と一致しません。`curl -I https://<プライベート IP>` の場合は想定どおりで (証明書に IP は含まれません)、TCP と TLS はエンドポイントに到達しています。FQDN の場合は別の何かがその名前で応答しています。"),
                t("For an IP address, test the FQDN instead; for an FQDN, check DNS (hosts file, private DNS) and TLS-inspecting devices.",
                  "IP アドレスの場合は FQDN で確認してください。FQDN の場合は DNS (hosts ファイル、プライベート DNS) と TLS 検査装置を確認してください。"),
                DOC_PE, "E.5"),
            TLS_RESET => s(C, Fail,
                t("The connection was reset during the TLS handshake (SNI filtering)", "TLS ハンドシェイク中に接続がリセットされました (SNI フィルタリング)"),
                t("curl (35) `Connection reset by peer` right after the ClientHello while TCP itself works: a firewall filters HTTPS by server name (SNI / FQDN filtering) and does not allow this FQDN.",
                  "TCP 接続は成功しているのに、ClientHello の直後に curl (35) `Connection reset by peer` となっています。ファイアウォールがサーバー名 (SNI / FQDN) で HTTPS をフィルタリングしており、この FQDN を許可していません。"),
                t("Allow the Azure Backup, Storage and Entra ID FQDNs (not only their IP addresses) on the firewall's application / FQDN rules.",
                  "ファイアウォールのアプリケーション (FQDN) ルールで、Azure Backup・Storage・Entra ID の FQDN (IP アドレスだけでなく) を許可してください。"),
                DOC_WORKLOAD_NET, "D.9"),
            TLS_TIMEOUT => s(C, Fail,
                t("TLS never answered (black-holed handshake)", "TLS が応答しません (ハンドシェイクの破棄)"),
                t("curl (28) `SSL connection timeout`: TCP was accepted but the TLS handshake never got an answer, typically a device that black-holes HTTPS it does not allow.",
                  "curl (28) `SSL connection timeout`: TCP は受け付けられましたが TLS ハンドシェイクに応答がありません。許可しない HTTPS を黙って破棄する装置が一般的な原因です。"),
                t("Allow the FQDNs on the firewall or proxy that sits on the path.", "経路上のファイアウォールまたはプロキシで、これらの FQDN を許可してください。"),
                DOC_WORKLOAD_NET, "D.9"),
            TLS_UNTRUSTED => s(C, Fail,
                t("The server's certificate is not trusted", "サーバー証明書が信頼されていません"),
                t("curl (60): the certificate presented could not be verified (e.g. `self-signed certificate`). A device on the path answers with its own certificate instead of Azure's.",
                  "curl (60): 提示された証明書を検証できませんでした (`self-signed certificate` など)。経路上の装置が Azure ではなく独自の証明書で応答しています。"),
                t("Find the device that answers on port 443 for this FQDN (proxy, firewall, DNS pointing elsewhere) and exclude the Azure FQDNs from it.",
                  "この FQDN の 443 番ポートで応答している装置 (プロキシ・ファイアウォール・誤った DNS) を特定し、Azure の FQDN を対象外にしてください。"),
                DOC_TLS, "C.3"),
            TOOL_MISSING => s(C, Warn,
                t("A command the script needs is not installed", "スクリプトが使用するコマンドがインストールされていません"),
                t("The shell reported `command not found`: the check did not run, so its result is unknown (not a failure).",
                  "シェルが `command not found` を報告しました。チェックは実行されておらず、結果は不明です (失敗ではありません)。"),
                t("Install the missing command and re-run the script.", "不足しているコマンドをインストールし、スクリプトを再実行してください。"),
                DOC_ARTICLE, "D.12"),
            VM_BACKUP_NOT_TESTED => s(F, Info,
                t("Azure VM backup itself is not tested by this script", "Azure VM バックアップ自体はこのスクリプトでは確認していません"),
                t("Scheduled Azure VM backup needs only the VM agent's path to the WireServer 168.63.129.16 (TCP 80 and 32526), which this script does not test; backup data moves inside Azure, not through the VM's network. The endpoints tested here matter for file recovery, workload (SQL Server / SAP HANA) backup and the MARS agent.",
                  "スケジュールされた Azure VM バックアップに必要なのは VM エージェントから WireServer 168.63.129.16 (TCP 80 と 32526) への通信だけで、このスクリプトでは確認していません。バックアップ データは VM のネットワークではなく Azure 内部で転送されます。ここで確認している宛先は、ファイルの回復、ワークロード (SQL Server / SAP HANA) バックアップ、MARS エージェントに必要です。"),
                t("To check VM backup, look at the VM agent status (Ready) and test `curl --noproxy '*' http://168.63.129.16/?comp=versions`.",
                  "VM バックアップについては VM エージェントの状態 (Ready) を確認し、`curl --noproxy '*' http://168.63.129.16/?comp=versions` を実行してください。"),
                DOC_WIRESERVER, "E.2"),
            WINDOWS_LOG_PRELIMINARY => s(F, Info,
                t("Windows log: read from the published reading guide", "Windows のログ: 公開されている読み方ガイドに基づく判定です"),
                t("The Windows script's transcript is interpreted from its published reading guide (tnc and Invoke-WebRequest result lines, WinInet / WinHTTP proxy settings). Its TLS registry dump is not judged. Treat these verdicts with medium confidence and read the quoted lines.",
                  "Windows 版スクリプトのトランスクリプトは、公開されている読み方ガイド (tnc と Invoke-WebRequest の結果行、WinInet / WinHTTP のプロキシ設定) に基づいて判定しています。TLS のレジストリ出力は判定していません。判定は参考程度とし、引用した行を確認してください。"),
                t("If a verdict looks wrong, compare it with the quoted line and the reading guide.",
                  "判定が疑わしい場合は、引用した行と読み方ガイドを照らし合わせてください。"),
                "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Windows/", "F"),
        }
    }
}

const fn t(en: &'static str, ja: &'static str) -> Text {
    Text { en, ja }
}

/// Renders the whole catalogue as Markdown (both languages), the content of `docs/findings.md`.
pub fn catalogue() -> String {
    let mut out = String::new();
    out.push_str("<!-- Generated from crates/preflight-core/src/rules/registry.rs by `PREFLIGHT_BLESS=1 cargo test -p preflight-core --test catalogue`; do not edit by hand. -->\n\n");
    out.push_str("# Finding codes\n\n");
    out.push_str("Every code Preflight reports, in English and Japanese.\n");
    out.push_str("Codes are stable: a released code is never renamed or reused.\n");
    out.push_str("`preflight explain <CODE>` prints the same text in a terminal.\n\n");
    out.push_str("| code | kind | default severity | title |\n| --- | --- | --- | --- |\n");
    for &c in Code::ALL {
        let s = c.spec();
        let kind = match s.kind {
            Kind::Check => "check",
            Kind::Finding => "finding",
        };
        out.push_str(&format!(
            "| [`{c}`](#{}) | {kind} | {} | {} |\n",
            c.as_str().to_ascii_lowercase(),
            s.severity.word(),
            s.title.en
        ));
    }
    out.push('\n');
    for &c in Code::ALL {
        out.push_str(&explain(c));
        out.push('\n');
    }
    out
}

/// The catalogue entry of one code as Markdown.
pub fn explain(c: Code) -> String {
    let s = c.spec();
    format!(
        "## {c}\n\n**{}** / **{}**\n\nSeverity: `{}` · field guide rule {} · [documentation]({})\n\n{}\n\n*Next step:* {}\n\n{}\n\n*次の対応:* {}\n",
        s.title.en, s.title.ja, s.severity.word(), s.rule, s.doc_url, s.explain.en, s.next_step.en, s.explain.ja, s.next_step.ja
    )
}
