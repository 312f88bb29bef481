//! VM agent verdicts: Ready or Not Ready and why, the version against the minimum, the Backup
//! extension, and whether the VM is an appliance that VM backup cannot protect (field guide §G).
//!
//! When the text holds several states (a service that ran and then stopped), the last one wins
//! (§G.3). An appliance is never inferred from a VM's name, only from the image publisher or an
//! explicit product name (§G.7).

mod catalogue;

pub(crate) use catalogue::CATALOGUE;

use crate::code::Code;
use crate::i18n::TextBuf;
use crate::parse::agent::{AgentText, Family, Found, Signal};
use crate::report::{
    AgentReport, AgentState, Annotation, BackupExtension, ImageRef, Lines, OsFamily, Reach,
    ServiceState, Severity, Status,
};
use crate::rules::findings::Draft;
use crate::tr;

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
        _ if p.starts_with("zscaler") => ("Zscaler", Evidence::Known),
        _ => return None,
    };
    Some(v)
}

fn vendor_evidence(vendor: &str) -> Evidence {
    match vendor {
        // Text naming FortiAnalyzer maps to "Fortinet" too, but only as "verify" evidence when
        // nothing else says which Fortinet product it is.
        "Check Point" | "Cisco" | "F5" | "OPNsense" => Evidence::Verify,
        _ => Evidence::Known,
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
    client_os_drafts(os.as_ref(), &mut drafts);
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
                d.detail = tr!(en: "Status message: “{}”.", m; ja: "状態メッセージ: 「{}」。", m);
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
    let mut why: Vec<TextBuf> = Vec::new();
    if let Some(m) = &state.message {
        let m = m.trim_end_matches('.');
        why.push(
            tr!(en: "The platform says: “{}”.", m; ja: "プラットフォームのメッセージ: 「{}」。", m),
        );
    }
    if state.service.as_ref().is_some_and(|s| !s.running) {
        why.push(tr!(en: "The agent service is stopped."; ja: "エージェントのサービスが停止しています。"));
    }
    if !reach.wire_failures.is_empty() {
        why.push(tr!(en: "The agent cannot reach the WireServer 168.63.129.16."; ja: "エージェントが WireServer 168.63.129.16 に到達できません。"));
    }
    if !reach.status_blob.is_empty() {
        why.push(tr!(en: "The agent fails to upload its status."; ja: "エージェントが状態のアップロードに失敗しています。"));
    }
    if appliance {
        why.push(tr!(en: "The VM runs a network appliance image, which usually cannot run the agent."; ja: "VM はネットワーク仮想アプライアンスのイメージで、通常はエージェントを実行できません。"));
    }
    for w in &why {
        d.detail = d.detail.clone().join(w);
    }
    if appliance {
        // For an appliance the way forward is Disk Backup, not an agent repair.
        d.next_step = Some(tr!(
            en: "Do not try to repair the agent on the appliance; protect its disks with Azure Disk Backup (see the appliance finding).";
            ja: "アプライアンス上のエージェントの修復は試みず、Azure Disk Backup でディスクを保護してください (アプライアンスの検出事項を参照)。"
        ));
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
    d.detail = tr!(en: "Service: {}.", s.unit; ja: "サービス: {}。", s.unit);
    if matches!(family, Some(OsFamily::Windows)) {
        d.next_step = Some(tr!(
            en: "Start the agent services and set them to Automatic: `Start-Service WindowsAzureGuestAgent, RdAgent` (then `Get-Service WindowsAzureGuestAgent, RdAgent`).";
            ja: "エージェントのサービスを開始し、スタートアップの種類を自動にしてください: `Start-Service WindowsAzureGuestAgent, RdAgent` (確認は `Get-Service WindowsAzureGuestAgent, RdAgent`)。"
        ));
    }
    drafts.push(d);
}

/// The version against the minimum (§G.4).
fn version_drafts(v: &Versions, drafts: &mut Vec<Draft>) {
    match (&v.version, v.supported) {
        (Some((ver, line)), Some(false)) => {
            let mut d = Draft::new(Code::AGENT_VERSION_UNSUPPORTED);
            let min = v.minimum.unwrap_or(LINUX_MINIMUM);
            d.detail = tr!(en: "Agent {} is below the minimum {}.", ver, min; ja: "エージェント {} は最小バージョン {} 未満です。", ver, min);
            d.lines = line_of(*line);
            drafts.push(d);
        }
        (Some((ver, line)), Some(true)) => {
            if let (Some((p, pl)), Some(_)) = (&v.package, &v.goal) {
                if version_at_least(p, LINUX_MINIMUM) == Some(false) {
                    let mut d = Draft::new(Code::AGENT_GOAL_STATE_NEWER);
                    d.detail = tr!(en: "Installed package {}, goal-state agent {}.", p, ver; ja: "インストール済みパッケージ {}、ゴール ステート エージェント {}。", p, ver);
                    d.lines = vec![Lines::one(*pl), Lines::one(*line)];
                    drafts.push(d);
                }
            }
        }
        (Some((ver, line)), None) => {
            let mut d = Draft::new(Code::AGENT_VERSION_UNKNOWN);
            d.detail = tr!(en: "Only the installed package {} is known.", ver; ja: "インストール済みパッケージ {} のみが分かっています。", ver);
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
            d.detail = tr!(en: "{}: {}", ext.name, msg; ja: "{}: {}", ext.name, msg);
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
    let ports: Vec<String> = failures
        .iter()
        .filter_map(|f| match &f.signal {
            Signal::WireServer { port: Some(p), .. } => Some(p.to_string()),
            _ => None,
        })
        .fold(Vec::new(), |mut v, p| {
            if !v.contains(&p) {
                v.push(p);
            }
            v
        });
    d.detail = tr!(en: "Blocked port(s): {}.", ports.join(", "); ja: "到達できないポート: {}。", ports.join(", "));
    if ports.iter().any(|p| p == "32526") && matches!(family, Some(OsFamily::Windows)) {
        d.next_step = Some(tr!(
            en: "Allow outbound TCP 80 and 32526 to 168.63.129.16 in the guest firewall (Windows Firewall, security software), then check `Test-NetConnection 168.63.129.16 -Port 32526` and restart WindowsAzureGuestAgent.";
            ja: "ゲスト OS のファイアウォール (Windows ファイアウォールやセキュリティ ソフト) で 168.63.129.16 への送信 TCP 80 と 32526 を許可し、`Test-NetConnection 168.63.129.16 -Port 32526` で確認してから WindowsAzureGuestAgent を再起動してください。"
        ));
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
    d.title = Some(tr!(
        en: "{} appliance: Azure VM Backup is not supported, use Azure Disk Backup", vendor;
        ja: "{} のアプライアンス: Azure VM Backup はサポート対象外のため、Azure Disk Backup を利用してください", vendor
    ));
    d.detail = tr!(
        en: "For a {} appliance that means: the configuration and software stored on its disks are captured as they were at snapshot time, as if the power had been cut; sessions, connection tables and logs being written at that moment may be lost or inconsistent. Restoring creates new disks from a snapshot, which are then attached to a new or rebuilt VM. Keep the vendor's own configuration export as a complement.", vendor;
        ja: "{} のアプライアンスの場合: ディスク上の設定やソフトウェアはスナップショット時点の状態 (電源を切断したのと同じ状態) で保護されますが、その瞬間のセッション、接続テーブル、書き込み中のログは失われるか不整合になる可能性があります。復元ではスナップショットから新しいディスクを作成し、新規または再構築した VM に接続します。ベンダー独自の設定エクスポートも併用してください。", vendor
    );
    if ev == Evidence::Verify {
        d.severity = Some(Severity::Warning);
        d.title = Some(tr!(
            en: "{} appliance: Azure VM Backup is probably unsupported; verify, or use Azure Disk Backup", vendor;
            ja: "{} のアプライアンス: Azure VM Backup はサポート対象外の可能性が高いため、確認するか Azure Disk Backup を利用してください", vendor
        ));
        d.detail = d.detail.clone().join(&tr!(
            en: "No public report confirms that this vendor's images fail with the agent: verify with the vendor.";
            ja: "このベンダーのイメージでエージェントが動作しないという公開情報はないため、ベンダーに確認してください。"
        ));
    }
    if line > 0 {
        d.lines = line_of(line);
    }
    d
}

/// A Windows client edition, which VM backup supports only in part.
fn client_os_drafts(os: Option<&(String, usize)>, drafts: &mut Vec<Draft>) {
    let Some((o, line)) = os else {
        return;
    };
    let l = o.to_ascii_lowercase();
    if l.contains("windows 10")
        || l.contains("windows 11")
        || l.contains("windows 7")
        || l.contains("windows 8")
    {
        let mut d = Draft::new(Code::WINDOWS_CLIENT_OS);
        d.detail = tr!(en: "OS: {}.", o; ja: "OS: {}。", o);
        d.lines = line_of(*line);
        drafts.push(d);
    }
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
fn note_for(signal: &Signal, minimum: Option<&str>, appliance: bool) -> Option<(Status, TextBuf)> {
    let note = match signal {
        Signal::State { ready: true, .. } => {
            (Status::Ok, tr!(en: "agent Ready"; ja: "エージェント Ready"))
        }
        Signal::State { ready: false, .. } => (
            Status::Failure,
            tr!(en: "agent Not Ready"; ja: "エージェント Not Ready"),
        ),
        Signal::Service {
            running: true,
            unit,
        } => (
            Status::Ok,
            tr!(en: "{} running", unit; ja: "{} 実行中", unit),
        ),
        Signal::Service {
            running: false,
            unit,
        } => (
            Status::Failure,
            tr!(en: "{} stopped", unit; ja: "{} 停止", unit),
        ),
        Signal::GoalStateVersion(v) | Signal::AgentVersion(v) => {
            let st = match minimum.and_then(|m| version_at_least(v, m)) {
                Some(true) => Status::Ok,
                Some(false) => Status::Warning,
                None => Status::Inconclusive,
            };
            (
                st,
                tr!(en: "agent version {}", v; ja: "エージェント バージョン {}", v),
            )
        }
        Signal::PackageVersion(v) => (
            Status::Inconclusive,
            tr!(en: "installed package {}", v; ja: "インストール済みパッケージ {}", v),
        ),
        Signal::WireServer { ok: true, .. } => (
            Status::Ok,
            tr!(en: "WireServer reachable"; ja: "WireServer に到達可能"),
        ),
        Signal::WireServer { ok: false, .. } => (
            Status::Failure,
            tr!(en: "WireServer unreachable"; ja: "WireServer に到達不可"),
        ),
        Signal::Imds { ok: false, .. } => (
            Status::Warning,
            tr!(en: "IMDS unreachable"; ja: "IMDS に到達不可"),
        ),
        Signal::Extension { name, failed, .. } if is_backup_extension(name) => {
            if *failed {
                (
                    Status::Failure,
                    tr!(en: "Backup extension failed"; ja: "Backup 拡張機能が失敗"),
                )
            } else {
                (
                    Status::Ok,
                    tr!(en: "Backup extension"; ja: "Backup 拡張機能"),
                )
            }
        }
        Signal::ExtensionError { .. } => (
            Status::Failure,
            tr!(en: "extension error"; ja: "拡張機能のエラー"),
        ),
        Signal::StatusBlobFailing(_) => (
            Status::Failure,
            tr!(en: "status upload failing"; ja: "状態のアップロードに失敗"),
        ),
        Signal::GoalStateError(_) => (
            Status::Warning,
            tr!(en: "goal state error"; ja: "ゴール ステートの取得エラー"),
        ),
        Signal::Transient410 => (
            Status::Inconclusive,
            tr!(en: "transient 410 (harmless if it stops)"; ja: "一時的な 410 (収まれば問題なし)"),
        ),
        Signal::Image { field, .. } | Signal::Plan { field, .. } if field == "publisher" => {
            if appliance {
                (
                    Status::Failure,
                    tr!(en: "appliance image publisher"; ja: "アプライアンスのイメージ発行元"),
                )
            } else {
                (Status::Ok, tr!(en: "image publisher"; ja: "イメージ発行元"))
            }
        }
        Signal::ApplianceText(v) => (
            Status::Failure,
            tr!(en: "{} appliance", v; ja: "{} のアプライアンス", v),
        ),
        Signal::StuckStopping | Signal::NpcapLoopback | Signal::ExtensionsDisabled => (
            Status::Failure,
            tr!(en: "agent problem"; ja: "エージェントの問題"),
        ),
        Signal::CloudInitWaiting => (
            Status::Warning,
            tr!(en: "waiting for cloud-init"; ja: "cloud-init 待ち"),
        ),
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
