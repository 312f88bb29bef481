//! VM agent status: every paste in `tests/corpus/agent-status/` gives the verdict its README
//! states (state, version, supported, appliance, overall), and a connectivity log plus an agent
//! status combine into one answer to "can this VM be backed up, and how".

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::type_complexity
)]

use std::path::Path;

use preflight_core::code::Code;
use preflight_core::report::{AgentState, InputKind, Report, Scenario, Status};
use preflight_core::{analyze, analyze_many, Options};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests")
            .join(rel),
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn run(rel: &str) -> Report {
    analyze(&read(rel), &Options::default())
}

/// `(file, state, version, supported, appliance, overall)` from the corpus README.
const EXPECTED: &[(
    &str,
    AgentState,
    Option<&str>,
    Option<bool>,
    Option<&str>,
    Status,
)] = &[
    (
        "01-az-cli-query-vmagent-statuses-ready.txt",
        AgentState::Ready,
        None,
        None,
        None,
        Status::Ok,
    ),
    (
        "03-instance-view-windows11-ready-extension-handlers.json",
        AgentState::Ready,
        Some("2.7.41491.1083"),
        Some(true),
        None,
        Status::Ok,
    ),
    (
        "04-ansible-returns-vm-not-ready-unresponsive-centos.json",
        AgentState::NotReady,
        None,
        None,
        None,
        Status::Failure,
    ),
    (
        "09-waagent-version-doc-example-ubuntu1804.txt",
        AgentState::Unknown,
        Some("2.2.53.1"),
        Some(true),
        None,
        Status::Ok,
    ),
    (
        "13-service-walinuxagent-status-ubuntu1804-active.txt",
        AgentState::Unknown,
        Some("2.2.51"),
        Some(false),
        None,
        Status::Warning,
    ),
    (
        "15-wireserver-blocked-curl-and-waagent-log.txt",
        AgentState::NotReady,
        None,
        None,
        None,
        Status::Failure,
    ),
    (
        "19-waagent-log-vmsnapshotlinux-downgrade-not-allowed.txt",
        AgentState::Unknown,
        Some("2.2.22"),
        Some(false),
        None,
        Status::Failure,
    ),
    (
        "21-windows-waappagent-log-wireserver-unreachable.log",
        AgentState::NotReady,
        None,
        None,
        None,
        Status::Failure,
    ),
    (
        "26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
        AgentState::NotReady,
        None,
        None,
        Some("Palo Alto Networks"),
        Status::Failure,
    ),
];

#[test]
fn every_agent_status_paste_gives_the_readme_verdict() {
    for &(file, state, version, supported, appliance, overall) in EXPECTED {
        let r = run(&format!("corpus/agent-status/{file}"));
        assert_eq!(r.input.kind, InputKind::AgentStatus, "{file}");
        let a = r
            .agent
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no agent report"));
        assert_eq!(a.state, state, "{file}");
        assert_eq!(a.version.as_deref(), version, "{file}");
        assert_eq!(a.version_supported, supported, "{file}");
        assert_eq!(a.appliance.as_deref(), appliance, "{file}");
        assert_eq!(
            r.overall,
            overall,
            "{file}: {:?}",
            r.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_corpus_covers_every_file() {
    let n = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/agent-status"),
    )
    .map(|d| d.count())
    .unwrap_or(0);
    assert_eq!(n, EXPECTED.len());
}

fn codes(r: &Report) -> Vec<Code> {
    r.findings.iter().map(|f| f.code).collect()
}

#[test]
fn the_readme_notes_become_findings() {
    // 01: version and image are not in the paste; say which command shows them.
    let c = codes(&run(
        "corpus/agent-status/01-az-cli-query-vmagent-statuses-ready.txt",
    ));
    assert!(
        c.contains(&Code::AGENT_VERSION_UNKNOWN) && c.contains(&Code::IMAGE_UNKNOWN),
        "{c:?}"
    );
    // 03: no VMSnapshot handler = not backed up yet; Windows client OS must be checked.
    let c = codes(&run(
        "corpus/agent-status/03-instance-view-windows11-ready-extension-handlers.json",
    ));
    assert!(
        c.contains(&Code::BACKUP_EXTENSION_NOT_INSTALLED) && c.contains(&Code::WINDOWS_CLIENT_OS),
        "{c:?}"
    );
    // 04: a supported OS with the agent down is not the appliance path.
    let c = codes(&run(
        "corpus/agent-status/04-ansible-returns-vm-not-ready-unresponsive-centos.json",
    ));
    assert!(
        c.contains(&Code::AGENT_NOT_READY) && !c.contains(&Code::APPLIANCE_VM_BACKUP_UNSUPPORTED),
        "{c:?}"
    );
    // 09: the package is older but the goal-state agent is supported.
    let c = codes(&run(
        "corpus/agent-status/09-waagent-version-doc-example-ubuntu1804.txt",
    ));
    assert!(c.contains(&Code::AGENT_GOAL_STATE_NEWER), "{c:?}");
    // 15 and 21: the WireServer is blocked inside the guest.
    for f in [
        "15-wireserver-blocked-curl-and-waagent-log.txt",
        "21-windows-waappagent-log-wireserver-unreachable.log",
    ] {
        let r = run(&format!("corpus/agent-status/{f}"));
        assert!(codes(&r).contains(&Code::WIRESERVER_UNREACHABLE), "{f}");
    }
    let r = run("corpus/agent-status/21-windows-waappagent-log-wireserver-unreachable.log");
    assert_eq!(
        r.agent
            .as_ref()
            .and_then(|a| a.wireserver.as_ref())
            .and_then(|w| w.port),
        Some(32526)
    );
    // 19: the Backup extension fails with Downgrade not allowed.
    let r = run("corpus/agent-status/19-waagent-log-vmsnapshotlinux-downgrade-not-allowed.txt");
    let ext = r
        .agent
        .as_ref()
        .and_then(|a| a.extension.clone())
        .expect("extension");
    assert_eq!(ext.state, "failed");
    assert!(
        ext.name.contains("VMSnapshotLinux")
            && ext
                .message
                .unwrap_or_default()
                .contains("Downgrade not allowed")
    );
    // 26: the appliance finding leads and recommends Azure Disk Backup.
    let r = run(
        "corpus/agent-status/26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
    );
    assert_eq!(r.findings[0].code, Code::APPLIANCE_VM_BACKUP_UNSUPPORTED);
    assert!(
        preflight_core::render::words(&r.findings[0], preflight_core::i18n::Lang::En)
            .message
            .contains("crash-consistent")
            && preflight_core::render::words(&r.findings[0], preflight_core::i18n::Lang::En)
                .next_step
                .contains("Azure Disk Backup")
    );
}

#[test]
fn a_vm_name_never_makes_an_appliance() {
    // The Palo Alto paste without its image and plan: the name `fw-vmseries-01` proves nothing.
    let text = String::from_utf8(read(
        "corpus/agent-status/26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
    ))
    .unwrap();
    let cut = text.split("\"plan\"").next().unwrap().to_owned();
    let r = analyze(cut.as_bytes(), &Options::default());
    let a = r.agent.expect("agent");
    assert_eq!(a.appliance, None);
    assert!(r.findings.iter().any(|f| f.code == Code::IMAGE_UNKNOWN));
}

#[test]
fn the_last_state_wins() {
    let t = "$ systemctl status walinuxagent\n● walinuxagent.service - Azure Linux Agent\n   Active: active (running) since Thu 2020-10-08 17:10:29 UTC; 3min 9s ago\n...(省略)...\n$ systemctl status walinuxagent\n● walinuxagent.service - Azure Linux Agent\n   Active: inactive (dead) since Thu 2020-10-08 18:00:01 UTC; 1s ago\n";
    let r = analyze(t.as_bytes(), &Options::default());
    let a = r.agent.expect("agent");
    assert_eq!(a.state, AgentState::NotReady);
    assert_eq!(a.state_line, Some(7));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == Code::AGENT_SERVICE_STOPPED));
    // And the other way round: stopped, then started again.
    let t2 = t
        .replace("active (running)", "TMP")
        .replace("inactive (dead)", "active (running)")
        .replace("TMP", "inactive (dead)");
    let r = analyze(t2.as_bytes(), &Options::default());
    assert_ne!(r.agent.expect("agent").state, AgentState::NotReady);
}

#[test]
fn a_connectivity_log_and_an_appliance_status_combine_into_disk_backup() {
    let log = read("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log");
    let agent = read(
        "corpus/agent-status/26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
    );
    let b = analyze_many(
        &[(&log, "log".to_owned()), (&agent, "agent".to_owned())],
        &Options::default(),
    );
    let c = &b.combined;
    let vm = c
        .scenarios
        .iter()
        .find(|s| s.scenario == Scenario::VmBackup)
        .unwrap();
    assert_eq!(vm.status, Some(Status::Failure));
    let fr = c
        .scenarios
        .iter()
        .find(|s| s.scenario == Scenario::FileRecovery)
        .unwrap();
    assert_eq!(fr.status, Some(Status::Ok));
    let disk = c
        .scenarios
        .iter()
        .find(|s| s.scenario == Scenario::DiskBackup)
        .unwrap();
    assert!(disk.reason.en.starts_with("recommended"));
    assert!(c.summary.en.contains("Azure Disk Backup"));
}

#[test]
fn a_ready_agent_and_a_dns_dead_log_say_vm_backup_works_but_the_rest_is_blocked() {
    let log = read("corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log");
    let agent =
        read("corpus/agent-status/03-instance-view-windows11-ready-extension-handlers.json");
    let b = analyze_many(
        &[(&log, "log".to_owned()), (&agent, "agent".to_owned())],
        &Options::default(),
    );
    let c = &b.combined;
    assert_eq!(
        c.scenarios
            .iter()
            .find(|s| s.scenario == Scenario::VmBackup)
            .unwrap()
            .status,
        Some(Status::Ok)
    );
    assert_eq!(
        c.scenarios
            .iter()
            .find(|s| s.scenario == Scenario::Mars)
            .unwrap()
            .status,
        Some(Status::Failure)
    );
    assert_eq!(c.overall, Status::Failure);
    assert_eq!(
        c.same_vm,
        Some(false),
        "vm-ubuntu-dns12 and myVM are different machines"
    );
    assert!(c.summary.en.contains("different machines"));
}
