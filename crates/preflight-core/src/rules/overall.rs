//! The overall family: conclusions about the whole run of checks.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them as findings: the region codes of the tested FQDNs
//! and the VM backup the script does not test.

use crate::code::Code;
use crate::report::{Arg, Severity};

use super::findings::{unique, Context, Draft};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_GEO, DOC_WIRESERVER};
use super::say::say;

super::say::sentences! { Overall;
    SEEN_IN = "Seen in {} check(s): {}.", "該当するチェック {} 件: {}。";
    CHECKS_PASSED = "{} of {} checks passed.", "{1} 件中 {0} 件のチェックが成功しました。";
    REGION_CODES = "Region codes in this log: {0}.", "このログのリージョン コード: {1}。";
}

/// The catalogue entries of the overall family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::ALL_CHECKS_PASSED,
        kind: Kind::Finding,
        severity: Severity::Ok,
        texts: texts!(
            "Every check passed",
            "すべてのチェックが成功しました",
            "Every name resolved, every TCP connection opened and every HTTPS request got an answer from the Azure endpoint.",
            "すべての名前解決・TCP 接続が成功し、すべての HTTPS 要求に Azure のエンドポイントが応答しました。",
            "Nothing to fix on this network path. If backups still fail, look at the error code of the backup job itself.",
            "この通信経路に対応が必要な問題はありません。それでもバックアップが失敗する場合は、バックアップ ジョブ自体のエラー コードを確認してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.20",
    },
    Entry {
        code: Code::FQDN_REGION_EXAMPLES,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "The script tests example FQDNs for one region",
            "スクリプトが確認する FQDN は特定リージョンの例です",
            "The Azure Backup and Storage FQDNs in the script are examples (Japan East / Japan West and representative storage accounts). The FQDNs your vault needs depend on its region and may change.",
            "スクリプト内の Azure Backup と Storage の FQDN は例です (東日本・西日本と代表的なストレージ アカウント)。実際に必要な FQDN はコンテナーのリージョンによって異なり、変更されることもあります。",
            "If the vault is in another region, also test `pod01-*.<region code>.backup.windowsazure.com` for that region.",
            "コンテナーが別リージョンにある場合は、そのリージョン コードの `pod01-*.<リージョン コード>.backup.windowsazure.com` も確認してください。",
        ),
        doc_url: DOC_GEO,
        rule: "D.19",
    },
    Entry {
        code: Code::VM_BACKUP_NOT_TESTED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Azure VM backup itself is not tested by this script",
            "Azure VM バックアップ自体はこのスクリプトでは確認していません",
            "Scheduled Azure VM backup needs only the VM agent's path to the WireServer 168.63.129.16 (TCP 80 and 32526), which this script does not test; backup data moves inside Azure, not through the VM's network. The endpoints tested here matter for file recovery, workload (SQL Server / SAP HANA) backup and the MARS agent.",
            "スケジュールされた Azure VM バックアップに必要なのは VM エージェントから WireServer 168.63.129.16 (TCP 80 と 32526) への通信だけで、このスクリプトでは確認していません。バックアップ データは VM のネットワークではなく Azure 内部で転送されます。ここで確認している宛先は、ファイルの回復、ワークロード (SQL Server / SAP HANA) バックアップ、MARS エージェントに必要です。",
            "To check VM backup, look at the VM agent status (Ready) and test `curl --noproxy '*' http://168.63.129.16/?comp=versions`.",
            "VM バックアップについては VM エージェントの状態 (Ready) を確認し、`curl --noproxy '*' http://168.63.129.16/?comp=versions` を実行してください。",
        ),
        doc_url: DOC_WIRESERVER,
        rule: "E.2",
    },
];

/// The region codes in the tested FQDNs, which are one region's examples.
pub(super) fn region_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    let regions: Vec<String> = unique(
        &mut ctx
            .checks
            .iter()
            .filter_map(|c| crate::rules::region::geo_code(&c.target)),
    );
    if regions.is_empty() {
        return;
    }
    let mut d = Draft::new(Code::FQDN_REGION_EXAMPLES);
    let names: Vec<String> = regions
        .iter()
        .map(|r| match crate::rules::region::region_name(r) {
            Some(n) => format!("{r} = {n}"),
            None => format!("{r} = ?"),
        })
        .collect();
    let names_ja: Vec<String> = regions
        .iter()
        .map(|r| {
            let name = crate::rules::region::region_name_ja(r)
                .or_else(|| crate::rules::region::region_name(r))
                .unwrap_or("?");
            format!("{r} = {name}")
        })
        .collect();
    // Each language names the regions its own way, so each has its own list.
    d.detail = vec![say!(
        REGION_CODES,
        Arg::Word(names.join(", ")),
        Arg::Word(names_ja.join("、"))
    )];
    drafts.push(d);
}

/// The script's checks never test what scheduled VM backup needs, so a log with checks says so.
pub(super) fn vm_backup_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    if !ctx.checks.is_empty() {
        drafts.push(Draft::new(Code::VM_BACKUP_NOT_TESTED));
    }
}
