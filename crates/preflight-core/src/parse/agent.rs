//! VM agent status output in every common form (field guide §G.2): `az vm get-instance-view`
//! JSON (whole, `instanceView`, `vmAgent`, `--query` results, Ansible's wrapper, cut mid-way),
//! `Get-AzVM -Status` and `$vm.VMAgent` lists, the portal's properties, `waagent --version`,
//! `systemctl` / `service` status, waagent.log and WaAppAgent.log lines, `Get-Service`,
//! `/etc/os-release`, WireServer / IMDS checks, VM assist, and the guest status blob.
//!
//! Like every parser here it records what the text says, line by line, in order; deciding Ready
//! or Not Ready (the last signal wins) is `rules::agent`'s job.

use crate::decode::Text;

use super::json_scan;
use super::{strip_ansi, Pairs};

/// `hay.contains(needle)`, ruled out first by the line's byte pairs (see [`Pairs`]): the needle's
/// pairs are computed at compile time, so a phrase absent from a line costs one AND.
macro_rules! has {
    ($pairs:expr, $hay:expr, $needle:literal) => {{
        const NEEDLE: Pairs = Pairs::of($needle.as_bytes());
        $pairs.may_contain(NEEDLE) && $hay.contains($needle)
    }};
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Linux,
    Windows,
}

/// One fact read from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signal {
    /// `displayStatus: Ready` / `Not Ready`, the portal's agent status, the status blob.
    State {
        ready: bool,
        text: String,
    },
    /// The agent status's message (`VM Agent is unresponsive.`).
    StatusMessage(String),
    /// The agent service's state (`Active: active (running)`, `Stopped WindowsAzureGuestAgent`).
    Service {
        running: bool,
        unit: String,
    },
    /// The version the platform reports (`vmAgentVersion`, portal, Windows agent).
    AgentVersion(String),
    /// The installed Linux package / daemon (`WALinuxAgent-2.2.45 running on …`).
    PackageVersion(String),
    /// The Linux goal-state agent that handles extensions.
    GoalStateVersion(String),
    OsName(String),
    Family(Family),
    ComputerName(String),
    /// `storageProfile.imageReference` or IMDS `compute` fields.
    Image {
        field: String,
        value: String,
    },
    /// `plan` fields.
    Plan {
        field: String,
        value: String,
    },
    /// A product name that identifies an appliance in text (not in a VM name).
    ApplianceText(&'static str),
    /// An extension handler or extension status.
    Extension {
        name: String,
        version: Option<String>,
        failed: bool,
        message: String,
    },
    /// `[ExtensionError]` or an ERROR line naming an extension.
    ExtensionError {
        name: String,
        message: String,
    },
    WireServer {
        ok: bool,
        port: Option<u16>,
        text: String,
    },
    Imds {
        ok: bool,
        text: String,
    },
    GoalStateError(String),
    Transient410,
    StatusBlobFailing(String),
    CloudInitWaiting,
    ExtensionsDisabled,
    StuckStopping,
    NpcapLoopback,
    PowerState(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub signal: Signal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgentText {
    pub found: Vec<Found>,
    /// The forms recognised, e.g. `instance-view-json`, `waagent-version`.
    pub forms: Vec<&'static str>,
}

impl AgentText {
    fn add(&mut self, line: usize, signal: Signal) {
        self.found.push(Found { line, signal });
    }
    fn form(&mut self, f: &'static str) {
        if !self.forms.contains(&f) {
            self.forms.push(f);
        }
    }
}

/// Appliance products as they are written in text (field guide §G.7). Matched case-insensitively.
const APPLIANCE_TEXT: &[(&str, &str)] = &[
    ("barracuda cloudgen", "Barracuda Networks"),
    ("barracuda ng firewall", "Barracuda Networks"),
    ("pan-os", "Palo Alto Networks"),
    ("panos", "Palo Alto Networks"),
    ("vm-series", "Palo Alto Networks"),
    ("fortianalyzer", "Fortinet"),
    ("fortigate", "Fortinet"),
    ("fortios", "Fortinet"),
    ("zscaler", "Zscaler"),
    ("cloud volumes ontap", "NetApp"),
    ("pfsense", "pfSense (Netgate)"),
    ("opnsense", "OPNsense"),
    ("check point cloudguard", "Check Point"),
    ("gaia", "Check Point"),
    ("big-ip", "F5"),
    ("csr 1000v", "Cisco"),
    ("asav", "Cisco"),
];

pub fn parse(text: &Text<'_>) -> AgentText {
    let mut out = AgentText::default();
    if text.content.contains('{') {
        scan_json(&text.content, &mut out);
    }
    scan_lines(text, &mut out);
    crate::order::by_key(&mut out.found, |f| f.line as u64);
    out
}

fn scan_json(content: &str, out: &mut AgentText) {
    let items = json_scan::scan(content);
    if items.is_empty() {
        return;
    }
    // Extension handlers and extensions: gather fields per element before emitting.
    struct Ext {
        prefix: String,
        name: String,
        version: Option<String>,
        failed: bool,
        message: String,
        line: usize,
    }
    let mut exts: Vec<Ext> = Vec::new();
    let mut agent_code: Option<(String, usize)> = None;
    let mut any = false;
    // `--query instanceView.vmAgent` prints the agent object itself, without a `vmAgent` key:
    // the object holding `vmAgentVersion` is the agent, wherever it sits.
    let agent_roots: Vec<String> = items
        .iter()
        .filter(|it| it.path.ends_with("vmagentversion"))
        .map(|it| it.path.trim_end_matches("vmagentversion").to_owned())
        .collect();
    for it in &items {
        let p = it.path.as_str();
        let v = it.value.trim();
        let last = p.rsplit('.').next().unwrap_or("");
        let under_root = agent_roots.iter().any(|r| {
            p.starts_with(r.as_str())
                && p.get(r.len()..).is_some_and(|rest| {
                    rest.starts_with("statuses") || rest.starts_with("vmagentversion")
                })
        });
        let in_agent = under_root
            || p.contains("vmagent")
            || p.starts_with("agentstatus")
            || p.contains("guestagentstatus");
        // Extension handlers / extensions: `…extensionhandlers.N.…`, `…extensions.N.…`.
        if let Some(prefix) =
            element_prefix(p, "extensionhandlers").or_else(|| element_prefix(p, "extensions"))
        {
            any = true;
            let e = match exts.iter_mut().find(|e| e.prefix == prefix) {
                Some(e) => e,
                None => {
                    exts.push(Ext {
                        prefix: prefix.clone(),
                        name: String::new(),
                        version: None,
                        failed: false,
                        message: String::new(),
                        line: it.line,
                    });
                    match exts.last_mut() {
                        Some(e) => e,
                        None => continue,
                    }
                }
            };
            let rest = p.get(prefix.len()..).unwrap_or("").trim_start_matches('.');
            match rest {
                "type" | "name" if (e.name.is_empty() || rest == "type") => {
                    e.name = v.to_owned();
                    e.line = it.line;
                }
                "typehandlerversion" => e.version = Some(v.to_owned()),
                _ if rest.ends_with("level") && v.eq_ignore_ascii_case("error") => {
                    e.failed = true;
                }
                _ if rest.ends_with("code") || rest.ends_with("displaystatus") => {
                    let lv = v.to_ascii_lowercase();
                    if lv.contains("failed") || lv.contains("error") {
                        e.failed = true;
                    }
                }
                _ if rest.ends_with("message") && e.message.is_empty() => e.message = v.to_owned(),
                _ => {}
            }
            continue;
        }
        if in_agent {
            any = true;
            match last {
                "vmagentversion" | "version"
                    if !v.eq_ignore_ascii_case("unknown") && !v.is_empty() && v != "null" =>
                {
                    out.add(it.line, Signal::AgentVersion(v.to_owned()));
                }
                "displaystatus" | "status" => {
                    if let Some(ready) = ready_word(v) {
                        out.add(
                            it.line,
                            Signal::State {
                                ready,
                                text: v.to_owned(),
                            },
                        );
                    }
                }
                "code" => agent_code = Some((v.to_owned(), it.line)),
                "message" if !v.is_empty() => {
                    out.add(it.line, Signal::StatusMessage(v.to_owned()));
                }
                "osname" => os_name(v, it.line, out),
                _ => {}
            }
            continue;
        }
        match last {
            "osname" => {
                any = true;
                os_name(v, it.line, out);
            }
            "osversion" => any = true,
            "computername" => {
                any = true;
                if v != "null" && !v.is_empty() {
                    out.add(it.line, Signal::ComputerName(v.to_owned()));
                }
            }
            "ostype" => {
                any = true;
                if v.eq_ignore_ascii_case("linux") {
                    out.add(it.line, Signal::Family(Family::Linux));
                } else if v.eq_ignore_ascii_case("windows") {
                    out.add(it.line, Signal::Family(Family::Windows));
                }
            }
            "publisher" | "offer" | "sku" | "product" | "name" => {
                if p.contains("imagereference")
                    || p.starts_with("image.")
                    || (p.starts_with("compute.") && !p.contains("plan"))
                {
                    any = true;
                    if last != "name" {
                        out.add(
                            it.line,
                            Signal::Image {
                                field: last.to_owned(),
                                value: v.to_owned(),
                            },
                        );
                    }
                } else if p.contains("plan.") || p == "plan" || p.ends_with(".plan") {
                    any = true;
                    out.add(
                        it.line,
                        Signal::Plan {
                            field: last.to_owned(),
                            value: v.to_owned(),
                        },
                    );
                }
            }
            // Only the agent says Ready / Not Ready (VM and extension statuses say
            // "Provisioning succeeded"), so a bare `--query …statuses` array is the agent's.
            "displaystatus" if !p.contains("extension") => {
                if let Some(ready) = ready_word(v) {
                    any = true;
                    out.add(
                        it.line,
                        Signal::State {
                            ready,
                            text: v.to_owned(),
                        },
                    );
                }
            }
            "code" if v.starts_with("PowerState/") => {
                any = true;
                out.add(
                    it.line,
                    Signal::PowerState(v.trim_start_matches("PowerState/").to_owned()),
                );
            }
            _ => {}
        }
        if p.starts_with("compute.") {
            out.form("imds-json");
            out.add(
                it.line,
                Signal::Imds {
                    ok: true,
                    text: "IMDS returned instance metadata".to_owned(),
                },
            );
        }
    }
    if let Some((code, line)) = agent_code {
        // `ProvisioningState/Unavailable` without a displayStatus still says Not Ready.
        if code.eq_ignore_ascii_case("ProvisioningState/Unavailable")
            && !out
                .found
                .iter()
                .any(|f| matches!(f.signal, Signal::State { .. }))
        {
            out.add(
                line,
                Signal::State {
                    ready: false,
                    text: code,
                },
            );
        }
    }
    for e in exts {
        if e.name.is_empty() {
            continue;
        }
        out.add(
            e.line,
            Signal::Extension {
                name: e.name,
                version: e.version,
                failed: e.failed,
                message: e.message,
            },
        );
    }
    if any {
        out.form("instance-view-json");
    }
}

/// `a.b.extensionhandlers.3.status.code` -> `a.b.extensionhandlers.3`.
fn element_prefix(path: &str, key: &str) -> Option<String> {
    let pos = path.find(&format!("{key}."))?;
    let after = path.get(pos + key.len() + 1..)?;
    let idx = after.split('.').next()?;
    if !idx.chars().all(|c| c.is_ascii_digit()) || idx.is_empty() {
        return None;
    }
    Some(format!("{}{}.{}", path.get(..pos).unwrap_or(""), key, idx))
}

fn ready_word(v: &str) -> Option<bool> {
    let l = v.trim().to_ascii_lowercase();
    match l.as_str() {
        "ready" | "準備完了" => Some(true),
        "not ready" | "notready" | "not-ready" | "準備ができていません" | "準備未完了" => {
            Some(false)
        }
        _ => None,
    }
}

fn os_name(v: &str, line: usize, out: &mut AgentText) {
    if v.is_empty() || v == "null" {
        return;
    }
    out.add(line, Signal::OsName(v.to_owned()));
    let l = v.to_ascii_lowercase();
    if l.contains("windows") {
        out.add(line, Signal::Family(Family::Windows));
    } else if LINUX_NAMES.iter().any(|n| l.contains(n)) {
        out.add(line, Signal::Family(Family::Linux));
    }
    appliance_in(v, line, out);
}

/// Distribution names the agent reports as `osName` or in `running on <os>`.
const LINUX_NAMES: &[&str] = &[
    "ubuntu",
    "debian",
    "redhat",
    "red hat",
    "rhel",
    "centos",
    "suse",
    "sles",
    "opensuse",
    "oracle",
    "almalinux",
    "alma",
    "rocky",
    "mariner",
    "azurelinux",
    "azure linux",
    "flatcar",
    "coreos",
    "fedora",
    "linux",
];

fn appliance_in(v: &str, line: usize, out: &mut AgentText) {
    let l = v.to_ascii_lowercase();
    appliance_in_lower(&l, Pairs::of_lowercase(l.as_bytes()), line, out);
}

/// [`appliance_in`] for a text already lower-cased, with its byte pairs.
fn appliance_in_lower(l: &str, pairs: Pairs, line: usize, out: &mut AgentText) {
    // Evaluated by the compiler: an out-of-range index here fails the build, not a run.
    #[allow(clippy::indexing_slicing)]
    const NEEDLES: [Pairs; APPLIANCE_TEXT.len()] = {
        let mut all = [Pairs::of(b""); APPLIANCE_TEXT.len()];
        let mut i = 0;
        while i < APPLIANCE_TEXT.len() {
            all[i] = Pairs::of(APPLIANCE_TEXT[i].0.as_bytes());
            i += 1;
        }
        all
    };
    for ((needle, vendor), pn) in APPLIANCE_TEXT.iter().zip(NEEDLES) {
        if pairs.may_contain(pn) && l.contains(needle) {
            out.add(line, Signal::ApplianceText(vendor));
            return;
        }
    }
}

/// Versions look like `2.2.53.1` or `2.7.41491.1083`.
fn version_after(s: &str) -> Option<String> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let v: String = s
        .get(start..)?
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = v.trim_end_matches('.').to_owned();
    (v.contains('.')).then_some(v)
}

/// The value after `Key :` in a PowerShell list line, or after `key=`.
fn ps_value(t: &str) -> Option<(&str, &str)> {
    if let Some(k) = t.strip_suffix(':') {
        // `VMAgent           :` opens a nested list.
        return (!k.trim().is_empty() && !k.contains(' ') || k.ends_with(' '))
            .then(|| (k.trim(), ""));
    }
    let (k, v) = split_colon(t)?;
    Some((k.trim(), v.trim()))
}

/// `t.split_once(" : ").or_else(|| t.split_once(": "))`, by looking only at the colons: this runs
/// on every line of an agent log.
fn split_colon(t: &str) -> Option<(&str, &str)> {
    let b = t.as_bytes();
    let spaced = |i: usize| b.get(i + 1) == Some(&b' ');
    let colons = || memchr::memchr_iter(b':', b);
    let (at, len) = colons()
        .find(|&i| i > 0 && b.get(i - 1) == Some(&b' ') && spaced(i))
        .map(|i| (i - 1, 3))
        .or_else(|| colons().find(|&i| spaced(i)).map(|i| (i, 2)))?;
    Some((t.get(..at)?, t.get(at + len..)?))
}

fn scan_lines(text: &Text<'_>, out: &mut AgentText) {
    let mut in_agent_unit = false;
    let mut unit_name = "walinuxagent";
    let mut version_command = false;
    let mut ps_agent_indent: Option<usize> = None;
    let mut ps_agent_command = false;
    let mut wire_section = false;
    let mut pending_portal: Option<(&'static str, usize)> = None;
    let mut tnc_target: Option<String> = None;
    let mut tnc_port: Option<u16> = None;
    let mut last_command_wire: Option<(u16, bool)> = None;

    // One buffer for the lower-cased line, not one allocation per line of a 300 MB waagent.log.
    let mut lower_buf = String::new();
    for (n, raw) in text.lines() {
        let cleaned = strip_ansi(raw);
        let t = cleaned.trim();
        if t.is_empty() {
            continue;
        }
        lower_buf.clear();
        lower_buf.push_str(t);
        lower_buf.make_ascii_lowercase();
        let lower: &str = &lower_buf;
        let lp = Pairs::of_lowercase(lower.as_bytes());
        let indent = cleaned.len() - cleaned.trim_start().len();

        // The portal: label, then the value on the same line or the next one.
        if let Some((what, _)) = pending_portal.take() {
            match what {
                "state" => {
                    if let Some(ready) = ready_word(t) {
                        out.form("portal");
                        out.add(
                            n,
                            Signal::State {
                                ready,
                                text: t.to_owned(),
                            },
                        );
                        continue;
                    }
                }
                _ => {
                    if let Some(v) = version_after(t) {
                        out.add(n, Signal::AgentVersion(v));
                        continue;
                    }
                }
            }
        }
        for (label, what) in [
            ("agent status", "state"),
            ("エージェントの状態", "state"),
            ("エージェントのステータス", "state"),
            ("agent version", "version"),
            ("エージェントのバージョン", "version"),
        ] {
            if lower.starts_with(label) {
                let rest = t
                    .get(label.len()..)
                    .unwrap_or("")
                    .trim_start_matches([':', '：', '\t', ' '])
                    .trim();
                if rest.is_empty() {
                    pending_portal = Some((what, n));
                } else if what == "state" {
                    if let Some(ready) = ready_word(rest) {
                        out.form("portal");
                        out.add(
                            n,
                            Signal::State {
                                ready,
                                text: rest.to_owned(),
                            },
                        );
                    }
                } else if let Some(v) = version_after(rest) {
                    out.add(n, Signal::AgentVersion(v));
                }
            }
        }

        // `az … --query instanceView.vmAgent.vmAgentVersion -o tsv` prints a bare version.
        if has!(lp, lower, "vmagentversion")
            && (lower.starts_with("az ")
                || has!(lp, lower, "$ az ")
                || has!(lp, lower, "# az ")
                || lower.starts_with("ps")
                || lower.starts_with('$'))
        {
            version_command = true;
            continue;
        }
        if version_command {
            version_command = false;
            let bare = t.trim_matches('"');
            if bare.chars().all(|c| c.is_ascii_digit() || c == '.') && bare.contains('.') {
                out.form("az-query");
                out.add(n, Signal::AgentVersion(bare.to_owned()));
                continue;
            }
        }

        // PowerShell: `PS > $vm.VMAgent.Statuses[0]`, `Get-AzVM -Status` nested lists.
        if has!(lp, lower, "vmagent")
            && (lower.starts_with("ps") || lower.starts_with('$') || has!(lp, lower, "get-azvm"))
        {
            ps_agent_command = true;
            out.form("powershell");
            continue;
        }
        if let Some((k, v)) = ps_value(t) {
            let kl = k.to_ascii_lowercase();
            if kl == "vmagent" || kl == "magent" {
                ps_agent_indent = Some(indent);
                out.form("powershell");
                continue;
            }
            let inside = match ps_agent_indent {
                Some(i) => indent > i,
                None => ps_agent_command && !t.starts_with('{'),
            };
            if ps_agent_indent.is_some_and(|i| indent <= i) {
                ps_agent_indent = None;
            }
            if inside && !t.starts_with('"') {
                match kl.as_str() {
                    "vmagentversion" => {
                        if !v.eq_ignore_ascii_case("unknown") {
                            if let Some(ver) = version_after(v) {
                                out.add(n, Signal::AgentVersion(ver));
                            }
                        }
                        continue;
                    }
                    "displaystatus" => {
                        if let Some(ready) = ready_word(v) {
                            out.add(
                                n,
                                Signal::State {
                                    ready,
                                    text: v.to_owned(),
                                },
                            );
                        }
                        continue;
                    }
                    "message" => {
                        // No `continue`: the message may also be a status-blob error.
                        out.add(n, Signal::StatusMessage(v.to_owned()));
                    }
                    _ => {}
                }
            }
            if kl == "osname" && !t.starts_with('"') {
                os_name(v, n, out);
            }
        }

        // waagent --version, also with en-dashes or flattened into one line.
        if let Some(pos) = has!(lp, lower, "walinuxagent")
            .then(|| {
                t.find("WALinuxAgent-")
                    .or_else(|| t.find("WALinuxAgent –"))
                    .or_else(|| t.find("WALinuxAgent —"))
                    .or_else(|| t.find("WALinuxAgent - "))
            })
            .flatten()
        {
            let rest = t.get(pos + "WALinuxAgent".len()..).unwrap_or("");
            let is_goal = has!(lp, lower, "goal state agent") && has!(lp, lower, "is running as");
            let is_exthandler = has!(lp, lower, "-run-exthandlers");
            if let Some(v) = version_after(rest) {
                out.add(n, Signal::Family(Family::Linux));
                if is_goal || is_exthandler {
                    out.form("systemctl-status");
                    out.add(n, Signal::GoalStateVersion(v));
                } else {
                    out.form("waagent-version");
                    out.add(n, Signal::PackageVersion(v));
                }
            }
            if let Some(on) = t.split(" running on ").nth(1) {
                let os: String = on.split(" Python").next().unwrap_or(on).trim().to_owned();
                if !os.is_empty() {
                    out.add(n, Signal::OsName(os.clone()));
                    appliance_in(&os, n, out);
                }
            }
        }
        if let Some(pos) = lower.find("goal state agent") {
            let rest = t.get(pos + "goal state agent".len()..).unwrap_or("");
            if !has!(lp, lower, "is running as") {
                if let Some(v) = version_after(rest) {
                    out.form("waagent-version");
                    out.add(n, Signal::GoalStateVersion(v));
                }
            }
        }
        if let Some(pos) = has!(lp, lower, "azure linux agent version")
            .then(|| t.find("Azure Linux Agent Version"))
            .flatten()
        {
            if let Some(v) = version_after(t.get(pos..).unwrap_or("")) {
                out.form("waagent-log");
                out.add(n, Signal::PackageVersion(v));
            }
        }

        // systemctl / service status of the Linux agent; several blocks may follow each other.
        if has!(lp, lower, "walinuxagent.service")
            || has!(lp, lower, "waagent.service")
            || has!(lp, lower, "azure linux agent") && has!(lp, lower, ".service")
        {
            in_agent_unit = true;
            unit_name = if has!(lp, lower, "walinuxagent.service") {
                "walinuxagent"
            } else {
                "waagent"
            };
            out.form("systemctl-status");
            out.add(n, Signal::Family(Family::Linux));
        } else if (t.starts_with('●')
            || t.starts_with('*')
            || t.starts_with('○')
            || t.starts_with('×'))
            && has!(lp, lower, ".service")
        {
            in_agent_unit = false;
        }
        if in_agent_unit {
            if let Some(state) = t.strip_prefix("Active:") {
                let s = state.trim().to_ascii_lowercase();
                let running = s.starts_with("active (running)");
                out.add(
                    n,
                    Signal::Service {
                        running,
                        unit: unit_name.to_owned(),
                    },
                );
            } else if t.starts_with("Loaded: not-found") {
                out.add(
                    n,
                    Signal::Service {
                        running: false,
                        unit: "walinuxagent (not installed)".to_owned(),
                    },
                );
            }
        }
        if (lower.starts_with("waagent") || lower.starts_with("walinuxagent"))
            && (has!(lp, lower, " is running") || has!(lp, lower, " is stopped"))
        {
            out.form("service-status");
            out.add(
                n,
                Signal::Service {
                    running: has!(lp, lower, "is running"),
                    unit: "waagent".to_owned(),
                },
            );
        }

        // VM assist.
        if lower.starts_with("agent service") && has!(lp, lower, ".service") {
            out.form("vmassist");
            in_agent_unit = false;
        }
        if let Some(rest) = t.strip_prefix("=>") {
            if let Some((k, v)) = rest.split_once(':') {
                let k = k.trim().to_ascii_lowercase();
                let v = v.trim();
                match k.as_str() {
                    "status" => out.add(
                        n,
                        Signal::Service {
                            running: v.to_ascii_lowercase().starts_with("active(running)")
                                || v.to_ascii_lowercase().starts_with("active (running)"),
                            unit: "walinuxagent".to_owned(),
                        },
                    ),
                    "main version" => {
                        if let Some(ver) = version_after(v) {
                            out.add(n, Signal::PackageVersion(ver));
                        }
                    }
                    "goal state" => {
                        if let Some(ver) = version_after(v) {
                            out.add(n, Signal::GoalStateVersion(ver));
                        }
                    }
                    _ => {}
                }
            }
        }
        if t == "Wire Server" || t.starts_with("Wire Server") && !t.contains(':') {
            wire_section = true;
            continue;
        }
        if wire_section {
            if let Some((k, v)) = t.split_once(':') {
                let k = k.trim().to_ascii_lowercase();
                if let Some(p) = k.strip_prefix("port ") {
                    let v = v.trim();
                    let ok = v == "200" || v.eq_ignore_ascii_case("true");
                    out.add(
                        n,
                        Signal::WireServer {
                            ok,
                            port: p.trim().parse().ok(),
                            text: t.to_owned(),
                        },
                    );
                    continue;
                }
            }
            wire_section = indent > 0;
        }
        if lower.starts_with("imds") {
            if let Some((_, v)) = t.split_once(':') {
                let v = v.trim();
                out.add(
                    n,
                    Signal::Imds {
                        ok: v == "200",
                        text: t.to_owned(),
                    },
                );
            }
        }

        // Get-Service: a table (`Running  RdAgent  RdAgent`) or a list (`Status : Running`).
        for svc in ["windowsazureguestagent", "windowsazuregue", "rdagent"] {
            if lower.contains(svc)
                && (lower.starts_with("running")
                    || lower.starts_with("stopped")
                    || lower.starts_with("stoppending")
                    || lower.starts_with("startpending"))
            {
                out.form("get-service");
                out.add(n, Signal::Family(Family::Windows));
                let unit = if svc == "rdagent" {
                    "RdAgent"
                } else {
                    "WindowsAzureGuestAgent"
                };
                out.add(
                    n,
                    Signal::Service {
                        running: lower.starts_with("running"),
                        unit: unit.to_owned(),
                    },
                );
                if lower.starts_with("stoppending") {
                    out.add(n, Signal::StuckStopping);
                }
                break;
            }
        }
        if has!(lp, lower, "stopped windowsazureguestagent")
            || has!(lp, lower, "windows azure guest agent service was stopped")
        {
            out.add(
                n,
                Signal::Service {
                    running: false,
                    unit: "WindowsAzureGuestAgent".to_owned(),
                },
            );
        }

        // /etc/os-release.
        if let Some(v) = t.strip_prefix("PRETTY_NAME=") {
            let v = v.trim_matches('"');
            out.form("os-release");
            out.add(n, Signal::OsName(v.to_owned()));
            out.add(n, Signal::Family(Family::Linux));
            appliance_in(v, n, out);
        }

        // WireServer and IMDS checks.
        if has!(lp, lower, "168.63.129.16") {
            if lower.starts_with('[') && has!(lp, lower, "]#")
                || lower.starts_with("$ ")
                || lower.starts_with("# ")
                || lower.starts_with("ps ")
                || has!(lp, lower, "curl ")
                || has!(lp, lower, "nc -")
                || has!(lp, lower, "test-netconnection")
            {
                let port = if has!(lp, lower, "32526") { 32526 } else { 80 };
                last_command_wire = Some((port, true));
                if has!(lp, lower, "test-netconnection") {
                    tnc_target = Some("168.63.129.16".to_owned());
                    tnc_port = Some(port);
                }
                continue;
            }
            if let Some(pos) = t.find("curl: (") {
                let port = if has!(lp, lower, "port 32526") {
                    32526
                } else {
                    80
                };
                out.form("wireserver-check");
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(port),
                        text: t.get(pos..).unwrap_or(t).to_owned(),
                    },
                );
                continue;
            }
            if has!(lp, lower, "/machine")
                && (has!(lp, lower, "ioerror") || has!(lp, lower, "timed out"))
                || has!(lp, lower, "wireserver exception")
            {
                out.form("waagent-log");
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(80),
                        text: clip_at(t, "POST").to_owned(),
                    },
                );
                continue;
            }
            if has!(lp, lower, ":32526")
                && (has!(lp, lower, "forbidden")
                    || has!(lp, lower, "refused")
                    || has!(lp, lower, "timed out")
                    || has!(lp, lower, "unable to connect"))
            {
                out.form("waappagent-log");
                out.add(n, Signal::Family(Family::Windows));
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(32526),
                        text: t.to_owned(),
                    },
                );
                continue;
            }
            if has!(lp, lower, "succeeded!")
                || has!(lp, lower, "connected to 168.63.129.16")
                || has!(lp, lower, " open")
            {
                let port = if has!(lp, lower, "32526") { 32526 } else { 80 };
                out.add(
                    n,
                    Signal::WireServer {
                        ok: true,
                        port: Some(port),
                        text: t.to_owned(),
                    },
                );
                continue;
            }
            if has!(lp, lower, "failed: ")
                || has!(lp, lower, "ncat: connection")
                || has!(lp, lower, "timed out")
            {
                let port = if has!(lp, lower, "32526") { 32526 } else { 80 };
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(port),
                        text: t.to_owned(),
                    },
                );
                continue;
            }
            if lower.starts_with("warning: tcp connect to") {
                let port = if has!(lp, lower, "32526") { 32526 } else { 80 };
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(port),
                        text: t.to_owned(),
                    },
                );
                continue;
            }
        }
        if has!(lp, lower, "169.254.169.254") {
            if let Some(pos) = t.find("curl: (") {
                out.form("imds-check");
                out.add(
                    n,
                    Signal::Imds {
                        ok: false,
                        text: t.get(pos..).unwrap_or(t).to_owned(),
                    },
                );
            }
        }
        if let Some((port, _)) = last_command_wire {
            if t.contains("<Versions>") || t.contains("<Preferred>") {
                out.form("wireserver-check");
                out.add(
                    n,
                    Signal::WireServer {
                        ok: true,
                        port: Some(port),
                        text: "<Versions> returned".to_owned(),
                    },
                );
                last_command_wire = None;
                continue;
            }
            if let Some(pos) = t.find("curl: (") {
                out.form("wireserver-check");
                out.add(
                    n,
                    Signal::WireServer {
                        ok: false,
                        port: Some(port),
                        text: t.get(pos..).unwrap_or(t).to_owned(),
                    },
                );
                last_command_wire = None;
                continue;
            }
            if t.starts_with("Ncat: ") || t.starts_with("nc: ") || t.starts_with("Connection to") {
                let ok = t.contains("Connected to") || t.contains("succeeded!");
                if !t.starts_with("Ncat: Version") {
                    out.add(
                        n,
                        Signal::WireServer {
                            ok,
                            port: Some(port),
                            text: t.to_owned(),
                        },
                    );
                    last_command_wire = None;
                }
                continue;
            }
        }
        if tnc_target.is_some() {
            if let Some((k, v)) = ps_value(t) {
                if k.eq_ignore_ascii_case("TcpTestSucceeded") {
                    out.form("test-netconnection");
                    out.add(
                        n,
                        Signal::WireServer {
                            ok: v.eq_ignore_ascii_case("true"),
                            port: tnc_port,
                            text: t.to_owned(),
                        },
                    );
                    tnc_target = None;
                } else if k.eq_ignore_ascii_case("RemotePort") {
                    tnc_port = v.parse().ok().or(tnc_port);
                }
            }
        }

        // Agent log lines (Linux waagent.log, Windows WaAppAgent.log).
        if has!(
            lp,
            lower,
            "an error occurred while retrieving the goal state"
        ) || has!(lp, lower, "error fetching goal state") && !has!(lp, lower, "410")
        {
            out.form("waagent-log");
            out.add(n, Signal::GoalStateError(t.to_owned()));
        }
        if has!(lp, lower, "resourcegoneerror") || has!(lp, lower, "410: gone") {
            out.form("waagent-log");
            out.add(n, Signal::Transient410);
        }
        if has!(lp, lower, "failed to report vm agent status")
            || has!(lp, lower, "failed to get status blob")
            || has!(lp, lower, "status blob") && has!(lp, lower, "fail")
        {
            out.form("waagent-log");
            out.add(n, Signal::StatusBlobFailing(t.to_owned()));
        }
        if has!(lp, lower, "vm status blob")
            && (has!(lp, lower, "not found") || has!(lp, lower, "not yet populated"))
        {
            out.add(n, Signal::StatusBlobFailing(t.to_owned()));
        }
        if has!(lp, lower, "waiting for cloud-init")
            || has!(lp, lower, "cloud-init does not appear to be running")
        {
            out.form("waagent-log");
            out.add(n, Signal::CloudInitWaiting);
        }
        // `grep -n` prefixes (`17:`) aside, a `#` line is a comment, not a setting.
        let setting = t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches([':', '-']);
        if !setting.starts_with('#') && has!(lp, lower, "extensions.enabled=n")
            || has!(lp, lower, "extension handling is disabled")
            || has!(lp, lower, "extensions are disabled")
        {
            out.add(n, Signal::ExtensionsDisabled);
        }
        if has!(lp, lower, "windowsazureguestagent could not be stopped") {
            out.form("waappagent-log");
            out.add(n, Signal::Family(Family::Windows));
            out.add(n, Signal::StuckStopping);
        }
        if has!(lp, lower, "npcap loopback adapter") && has!(lp, lower, "fabric") {
            out.form("waappagent-log");
            out.add(n, Signal::Family(Family::Windows));
            out.add(n, Signal::NpcapLoopback);
        }
        if has!(lp, lower, "getversions() failed")
            && (has!(lp, lower, "503") || has!(lp, lower, "unavailable"))
            || has!(lp, lower, "(503) server unavailable")
        {
            out.form("waappagent-log");
            out.add(n, Signal::Family(Family::Windows));
            out.add(
                n,
                Signal::WireServer {
                    ok: false,
                    port: Some(32526),
                    text: t.to_owned(),
                },
            );
        }
        if let Some(name) = extension_in_brackets(t) {
            let is_error = has!(lp, lower, " error ")
                || lower.starts_with("error")
                || has!(lp, lower, "[extensionerror]")
                || has!(lp, lower, " error\t");
            if is_error {
                out.form("waagent-log");
                out.add(
                    n,
                    Signal::ExtensionError {
                        name,
                        message: error_message(t),
                    },
                );
                continue;
            }
        }
        if has!(lp, lower, "[extensionerror]")
            || (has!(lp, lower, "error event: name=")
                || has!(lp, lower, "error") && has!(lp, lower, "event: name="))
                && has!(lp, lower, "recoveryservices")
        {
            let name = t
                .split("name=")
                .nth(1)
                .map(|r| r.split(',').next().unwrap_or(r).trim().to_owned())
                .unwrap_or_default();
            out.form("waagent-log");
            out.add(
                n,
                Signal::ExtensionError {
                    name,
                    message: error_message(t),
                },
            );
        }

        // Appliance product names in prose (never from a VM's name: lines that name resources are skipped).
        let names_a_resource = has!(lp, lower, "name")
            || has!(lp, lower, "/virtualmachines/")
            || has!(lp, lower, " -n ")
            || has!(lp, lower, "--name")
            || has!(lp, lower, "hostname")
            || t.starts_with('[') && t.contains('@');
        if !names_a_resource {
            appliance_in_lower(lower, lp, n, out);
        }
    }
}

fn clip_at<'a>(t: &'a str, marker: &str) -> &'a str {
    t.find(marker).and_then(|p| t.get(p..)).unwrap_or(t)
}

/// `[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9120.0]` -> the extension name with version.
fn extension_in_brackets(t: &str) -> Option<String> {
    let start = t.find("[Microsoft.")?;
    let end = t.get(start..)?.find(']')? + start;
    Some(t.get(start + 1..end)?.to_owned())
}

fn error_message(t: &str) -> String {
    if let Some(m) = t.split("message=").nth(1) {
        return m.split(", duration=").next().unwrap_or(m).trim().to_owned();
    }
    match t.rsplit_once("] ") {
        Some((_, m)) => m.trim().to_owned(),
        None => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn signals(s: &str) -> Vec<Signal> {
        parse(&decode(s.as_bytes()))
            .found
            .into_iter()
            .map(|f| f.signal)
            .collect()
    }

    #[test]
    fn en_dash_waagent_version() {
        let s = signals("WALinuxAgent – 2.2.45\nPython – 3.6.9\nGoal State Agent – 2.2.53.1\n");
        assert!(s.contains(&Signal::PackageVersion("2.2.45".into())));
        assert!(s.contains(&Signal::GoalStateVersion("2.2.53.1".into())));
    }

    #[test]
    fn classic_waagent_version_names_the_os() {
        let s = signals("WALinuxAgent-2.2.22 running on ubuntu 14.04\nPython: 2.7.6\nGoal state agent: 2.2.22\n");
        assert!(s.contains(&Signal::PackageVersion("2.2.22".into())));
        assert!(s.contains(&Signal::GoalStateVersion("2.2.22".into())));
        assert!(s.contains(&Signal::OsName("ubuntu 14.04".into())));
    }

    #[test]
    fn powershell_vmagent_status_list() {
        let s = signals("PS > $vm.VMAgent.Statuses[0] \n\nCode          : ProvisioningState/succeeded \nLevel         : Info \nDisplayStatus : Ready \nMessage       : GuestAgent is running and processing the extensions. \n");
        assert!(
            s.contains(&Signal::State {
                ready: true,
                text: "Ready".into()
            }),
            "{s:?}"
        );
    }

    #[test]
    fn get_azvm_status_nested_list_keeps_vm_statuses_apart() {
        let t = "ResourceGroupName : rg\nName              : vm01\nVMAgent           :\n  VmAgentVersion  : Unknown\n  Statuses[0]     :\n    Code          : ProvisioningState/Unavailable\n    Level         : Warning\n    DisplayStatus : Not Ready\n    Message       : VM Agent is unresponsive.\nStatuses[0]       :\n  Code            : PowerState/running\n  DisplayStatus   : VM running\n";
        let s = signals(t);
        assert!(
            s.contains(&Signal::State {
                ready: false,
                text: "Not Ready".into()
            }),
            "{s:?}"
        );
        assert!(!s.iter().any(|x| matches!(x, Signal::AgentVersion(_))));
    }

    #[test]
    fn portal_label_and_value_on_two_lines() {
        let s =
            signals("エージェントの状態\nNot Ready\nエージェントのバージョン\n2.7.41491.1010\n");
        assert!(s.contains(&Signal::State {
            ready: false,
            text: "Not Ready".into()
        }));
        assert!(s.contains(&Signal::AgentVersion("2.7.41491.1010".into())));
    }

    #[test]
    fn a_vm_name_never_makes_an_appliance() {
        let s =
            signals("{\n  \"name\": \"paloalto-fw-01\",\n  \"computerName\": \"fortigate01\"\n}\n");
        assert!(
            !s.iter().any(|x| matches!(x, Signal::ApplianceText(_))),
            "{s:?}"
        );
    }
}
