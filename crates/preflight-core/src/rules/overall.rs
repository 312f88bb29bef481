//! The overall family: conclusions about the whole run of checks.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them as findings: the region codes of the tested FQDNs
//! and the VM backup the script does not test.

use crate::code::Code;
use crate::report::{Arg, Check, Severity};

use super::findings::{unique, Context, Draft};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_GEO, DOC_WIRESERVER};
use super::say::say;

super::say::sentences! { Overall;
    SEEN_IN = "Seen in {} check(s): {}.", "該当するチェック {} 件: {}。";
    CHECKS_PASSED = "{} of {} check(s) passed.", "{1} 件中 {0} 件のチェックが成功しました。";
    REGION_CODES = "Region codes in this log: {0}.", "このログのリージョン コード: {1}。";
    TESTED_AGAIN = "— tested again further down: the later result is the current one", "(この後で再度確認されており、後の結果が現在の状態です)";
    RETESTED = "Tested more than once: {}. Each earlier result is shown but not counted; the verdict and the endpoint table use the later one.", "複数回確認された宛先: {}。前の結果は表示しますが集計には含めず、判定と宛先ごとの結果には後の結果を使います。";
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
        code: Code::CHECK_RETESTED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "A destination was tested again",
            "同じ宛先が再度確認されています",
            "The same command tested the same destination and port more than once, usually before and after a change (a firewall rule, a proxy setting). The later result is the current state.",
            "同じコマンドで同じ宛先とポートが複数回確認されています。多くはファイアウォール規則やプロキシ設定の変更前後です。後の結果が現在の状態です。",
            "If the later result still fails, fix that; if it passes, the change worked.",
            "後の結果がまだ失敗している場合はその原因に対処してください。成功している場合は変更が有効です。",
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

/// A paste that runs the same command against the same destination again (before and after a
/// change): each earlier check gives way to the later one. Its row stays, with its own result
/// and a note; it leaves the counts, the endpoint cells and the failure findings.
/// "The same command" is the same command line (a `-x proxy` or `--noproxy` added makes another
/// test), or the same tool, target and port when there is no command line.
pub fn mark_retested(text: &crate::decode::Text<'_>, checks: &mut [Check]) {
    let mut later: super::Index = super::Index::new();
    let key = |c: &Check| {
        let command: Vec<&str> = c
            .marker
            .map(|m| text.line(m).split_whitespace().collect())
            .unwrap_or_default();
        format!(
            "{}|{}|{:?}|{}",
            c.tool.word(),
            c.target.to_ascii_lowercase(),
            c.port,
            command.join(" ")
        )
    };
    for i in (0..checks.len()).rev() {
        let Some(c) = checks.get(i) else { continue };
        // DNS queries of one name are often put to several servers to compare them (an
        // interactive nslookup's `server X`): each is its own test, not a retest.
        // A logged error is not a test a person ran again: two of them are two events.
        if c.target.is_empty() || c.tool.layer() == crate::report::Layer::Dns || c.tool.is_logged()
        {
            continue;
        }
        let k = key(c);
        match later.get(&k) {
            Some(_) => {
                if let Some(c) = checks.get_mut(i) {
                    c.code = Code::CHECK_RETESTED;
                    c.summary.push(say!(TESTED_AGAIN));
                }
            }
            None => {
                later.insert(k, i);
            }
        }
    }
}

/// The finding that says which destinations were tested again.
pub(super) fn retested_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let idx: Vec<usize> = (0..ctx.checks.len())
        .filter(|&i| {
            ctx.checks
                .get(i)
                .is_some_and(|c| c.code == Code::CHECK_RETESTED)
        })
        .collect();
    if idx.is_empty() {
        return;
    }
    super::findings::claim(claimed, &idx);
    let mut d = Draft::new(Code::CHECK_RETESTED);
    d.detail = vec![say!(
        RETESTED,
        Arg::Hosts(super::findings::targets_of(ctx.checks, &idx))
    )];
    d.checks = idx;
    drafts.push(d);
}

/// The script's checks never test what scheduled VM backup needs, so a log with checks says so.
pub(super) fn vm_backup_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    // A check of the WireServer itself is the test VM backup needs.
    let wireserver = ctx.checks.iter().any(|c| c.target == "168.63.129.16");
    // Errors apt or an application logged, and checks of the agent's own endpoints, were no
    // test of Backup's endpoints: the agent's section speaks for VM backup.
    let logged = ctx
        .checks
        .iter()
        .all(|c| c.tool.is_logged() || crate::parse::is_agent_endpoint(&c.target));
    if !ctx.checks.is_empty() && !wireserver && !logged {
        drafts.push(Draft::new(Code::VM_BACKUP_NOT_TESTED));
    }
}
