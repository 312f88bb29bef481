//! One verdict for a VM from several inputs: a connectivity log says whether file recovery and
//! workload / MARS backup can reach Azure; an agent status says whether Azure VM Backup can run;
//! an appliance points to Azure Disk Backup (field guide §E.2, §G).

use crate::i18n::TextBuf;
use crate::report::{
    AgentState, Combined, InputKind, Report, Scenario, ScenarioVerdict, Section, Status,
};
use crate::tr;

/// Whether a later run of the same checks on the same machine (same kind of input, same host, a
/// later run date, checks in `sections`) is among `reports`: a run made after a fix speaks for
/// the machine, and the failures it no longer has must not keep the combined verdict red. A later
/// run cut short before these sections leaves the earlier run's word on them.
fn superseded(reports: &[&Report], r: &Report, sections: &[Section]) -> bool {
    let Some(date) = &r.machine.run_date_iso else {
        return false;
    };
    reports.iter().any(|x| {
        x.input.kind == r.input.kind
            && x.machine.same_host(&r.machine) == Some(true)
            && x.machine.run_date_iso.as_ref().is_some_and(|d| d > date)
            && x.checks.iter().any(|c| sections.contains(&c.section))
    })
}

/// Status of the connectivity checks of some sections, across the connectivity reports (a run
/// superseded by a later one of the same machine left out).
fn sections_status(
    reports: &[&Report],
    sections: &[Section],
) -> (Option<Status>, Vec<usize>, usize, usize) {
    let mut status: Option<Status> = None;
    let mut from = Vec::new();
    let (mut failed, mut total) = (0, 0);
    for (i, r) in reports.iter().enumerate() {
        if !matches!(
            r.input.kind,
            InputKind::LinuxConnectivityLog | InputKind::WindowsConnectivityLog
        ) || superseded(reports, r, sections)
        {
            continue;
        }
        let checks: Vec<_> = r
            .checks
            .iter()
            .filter(|c| sections.contains(&c.section))
            .collect();
        if checks.is_empty() {
            continue;
        }
        from.push(i);
        for c in checks {
            total += 1;
            if c.status == Status::Failure {
                failed += 1;
            }
            status = Some(status.map_or(c.status, |s| s.worst(c.status)));
        }
    }
    (status, from, failed, total)
}

pub fn combine(reports: &[&Report]) -> Combined {
    let agent = reports
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.agent.as_ref().map(|a| (i, a)));
    let mut scenarios = Vec::new();

    // Azure VM backup: the agent decides; the connectivity log does not test 168.63.129.16.
    let vm = match agent {
        Some((i, a)) => {
            let (status, reason) = if let Some(v) = &a.appliance {
                (
                    Status::Failure,
                    tr!(en: "not supported: the VM is a {} appliance"; ja: "サポート対象外: VM は {} のアプライアンスです"; with: v),
                )
            } else if a.state == AgentState::NotReady {
                (
                    Status::Failure,
                    tr!(en: "the VM agent is Not Ready"; ja: "VM エージェントが Not Ready です"),
                )
            } else if a.extension.as_ref().is_some_and(|e| e.state == "failed") {
                (
                    Status::Failure,
                    tr!(en: "the Backup extension failed"; ja: "Backup 拡張機能が失敗しています"),
                )
            } else if a.state == AgentState::Ready && a.version_supported == Some(false) {
                (
                    Status::Warning,
                    tr!(en: "the agent is Ready but older than the supported minimum"; ja: "エージェントは Ready ですが、サポート対象の最小バージョンより古いです"),
                )
            } else if a.state == AgentState::Ready {
                (
                    Status::Ok,
                    tr!(en: "the VM agent is Ready"; ja: "VM エージェントは Ready です"),
                )
            } else if a.version_supported == Some(false) {
                (
                    Status::Warning,
                    tr!(en: "the agent's state is unknown and its version is below the minimum"; ja: "エージェントの状態は不明で、バージョンが最小バージョン未満です"),
                )
            } else {
                (
                    Status::Inconclusive,
                    tr!(en: "the agent's Ready state is not in the input"; ja: "入力にエージェントの Ready 状態が含まれていません"),
                )
            };
            ScenarioVerdict {
                scenario: Scenario::VmBackup,
                status: Some(status),
                reason,
                reports: vec![i],
            }
        }
        None => ScenarioVerdict {
            scenario: Scenario::VmBackup,
            status: None,
            reason: tr!(en: "needs the VM agent status (the connectivity script does not test 168.63.129.16)"; ja: "VM エージェントの状態が必要です (疎通確認スクリプトは 168.63.129.16 を確認しません)"),
            reports: Vec::new(),
        },
    };
    let vm_status = vm.status;
    scenarios.push(vm);

    let (fr, fr_from, fr_failed, fr_total) = sections_status(reports, &[Section::FileRecovery]);
    scenarios.push(ScenarioVerdict {
        scenario: Scenario::FileRecovery,
        status: fr,
        reason: reason_for(fr, fr_failed, fr_total),
        reports: fr_from,
    });
    let (wl, wl_from, wl_failed, wl_total) = sections_status(
        reports,
        &[Section::AzureBackup, Section::Storage, Section::EntraId],
    );
    // Workload backup runs as an extension, so it also needs the agent; MARS does not.
    let mut workload = wl;
    let mut workload_reason = reason_for(wl, wl_failed, wl_total);
    if let (Some((_, a)), Some(Status::Ok | Status::Warning | Status::Inconclusive) | None) =
        (agent, wl)
    {
        if a.state == AgentState::NotReady || a.appliance.is_some() {
            workload = Some(Status::Failure);
            workload_reason = tr!(en: "the workload extension needs the VM agent, which is not usable"; ja: "ワークロード拡張機能には VM エージェントが必要ですが、利用できない状態です");
        }
    }
    scenarios.push(ScenarioVerdict {
        scenario: Scenario::WorkloadBackup,
        status: workload,
        reason: workload_reason,
        reports: wl_from.clone(),
    });
    scenarios.push(ScenarioVerdict {
        scenario: Scenario::Mars,
        status: wl,
        reason: reason_for(wl, wl_failed, wl_total),
        reports: wl_from,
    });

    let needs_disk =
        agent.is_some_and(|(_, a)| a.appliance.is_some() || a.state == AgentState::NotReady);
    scenarios.push(ScenarioVerdict {
        scenario: Scenario::DiskBackup,
        status: Some(Status::Ok),
        reason: if needs_disk {
            tr!(en: "recommended: agentless, crash-consistent snapshots of the VM's disks"; ja: "推奨: エージェント不要で、VM のディスクをクラッシュ整合性のスナップショットで保護します")
        } else {
            tr!(en: "available as an agentless alternative (crash-consistent)"; ja: "エージェント不要の代替手段として利用可能 (クラッシュ整合性)")
        },
        reports: Vec::new(),
    });

    // Hosts: do the inputs describe the same machine?
    let mut hosts: Vec<String> = Vec::new();
    for r in reports {
        for h in [
            r.machine.host.clone(),
            r.agent.as_ref().and_then(|a| a.computer_name.clone()),
        ]
        .into_iter()
        .flatten()
        {
            let short = h.split('.').next().unwrap_or(&h).to_ascii_lowercase();
            if !hosts.contains(&short) {
                hosts.push(short);
            }
        }
    }
    let named = reports
        .iter()
        .filter(|r| {
            r.machine.host.is_some() || r.agent.as_ref().is_some_and(|a| a.computer_name.is_some())
        })
        .count();
    let same_vm = if named >= 2 {
        Some(hosts.len() <= 1)
    } else {
        None
    };

    let overall = scenarios
        .iter()
        .filter(|s| s.scenario != Scenario::DiskBackup)
        .filter_map(|s| s.status)
        .max_by_key(|s| s.rank())
        .unwrap_or(Status::Inconclusive);
    let (summary, recommendation) = match (vm_status, agent.and_then(|(_, a)| a.appliance.clone()))
    {
        (_, Some(vendor)) => (
            tr!(en: "This {} appliance cannot be protected by Azure VM Backup; back up its disks with Azure Disk Backup.";
            ja: "この {} のアプライアンスは Azure VM Backup では保護できません。Azure Disk Backup でディスクをバックアップしてください。";
            with: vendor),
            tr!(en: "Use Azure Disk Backup (agentless, crash-consistent incremental snapshots) and keep the vendor's configuration export.";
                ja: "Azure Disk Backup (エージェント不要、クラッシュ整合性の増分スナップショット) を利用し、ベンダーの設定エクスポートも併用してください。"),
        ),
        (Some(Status::Failure), None) => (
            tr!(en: "Azure VM Backup cannot run on this VM until its agent is fixed."; ja: "エージェントを修復するまで、この VM では Azure VM Backup を実行できません。"),
            tr!(en: "Fix the agent (see the agent findings); until then, Azure Disk Backup protects the disks without an agent.";
                ja: "エージェントを修復してください (エージェントの検出事項を参照)。それまでの間は Azure Disk Backup でエージェントなしにディスクを保護できます。"),
        ),
        (Some(Status::Ok), None) => (
            tr!(en: "Azure VM Backup can run on this VM: its agent is Ready."; ja: "この VM では Azure VM Backup を実行できます: エージェントは Ready です。"),
            other_scenarios_note(&scenarios),
        ),
        (Some(Status::Warning), None) => (
            tr!(en: "Azure VM Backup should work, but the agent needs an update."; ja: "Azure VM Backup は動作する見込みですが、エージェントの更新が必要です。"),
            other_scenarios_note(&scenarios),
        ),
        _ => (
            tr!(en: "Whether Azure VM Backup can run is not known: add the VM agent status."; ja: "Azure VM Backup を実行できるかは不明です: VM エージェントの状態を追加してください。"),
            other_scenarios_note(&scenarios),
        ),
    };
    let summary = if same_vm == Some(false) {
        summary.join(&tr!(en: "Caution: the inputs name different machines ({})."; ja: "注意: 入力は異なるマシン ({}) を示しています。"; with: hosts.join(", ")))
    } else {
        summary
    };
    Combined {
        overall,
        summary,
        recommendation,
        hosts,
        same_vm,
        scenarios,
    }
}

fn reason_for(status: Option<Status>, failed: usize, total: usize) -> TextBuf {
    match status {
        None => tr!(en: "not tested by these inputs"; ja: "これらの入力では確認されていません"),
        Some(Status::Ok) => {
            tr!(en: "every check passed ({})"; ja: "すべてのチェックが成功 ({} 件)"; with: total)
        }
        Some(Status::Failure) => {
            tr!(en: "{} of {} checks failed"; ja: "{1} 件中 {0} 件のチェックが失敗"; with: failed, total)
        }
        Some(_) => tr!(en: "some checks need attention"; ja: "確認が必要なチェックがあります"),
    }
}

fn other_scenarios_note(scenarios: &[ScenarioVerdict]) -> TextBuf {
    let blocked: Vec<&ScenarioVerdict> = scenarios
        .iter()
        .filter(|s| s.status == Some(Status::Failure))
        .collect();
    if blocked.is_empty() {
        return tr!(en: "No blocker found in these inputs."; ja: "これらの入力に阻害要因は見つかりませんでした。");
    }
    let en: Vec<&str> = blocked.iter().map(|s| s.scenario.label().en).collect();
    let ja: Vec<&str> = blocked.iter().map(|s| s.scenario.label().ja).collect();
    tr!(en: "Blocked: {}; see the connectivity findings."; ja: "阻害されているシナリオ: {1}。疎通確認の検出事項を参照してください。"; with: en.join(", "), ja.join("、"))
}
