//! VM agent status output in every common form (field guide §G.2): `az vm get-instance-view`
//! JSON (whole, `instanceView`, `vmAgent`, `--query` results, Ansible's wrapper, cut mid-way),
//! `Get-AzVM -Status` and `$vm.VMAgent` lists, the portal's properties, `waagent --version`,
//! `systemctl` / `service` status, waagent.log and WaAppAgent.log lines, `Get-Service`,
//! `/etc/os-release`, WireServer / IMDS checks, VM assist, and the guest status blob.
//!
//! Like every parser here it records what the text says, line by line, in order; deciding Ready
//! or Not Ready (the last signal wins) is `rules::agent`'s job.

use std::ops::ControlFlow;

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

/// `$hay.find($needle)`, asked only of lines whose pairs allow it (as `has!`): a searcher is set
/// up for each call, which on every line of a large log costs more than the search.
macro_rules! find {
    ($pairs:expr, $hay:expr, $needle:literal) => {{
        const NEEDLE: Pairs = Pairs::of($needle.as_bytes());
        if $pairs.may_contain(NEEDLE) {
            $hay.find($needle)
        } else {
            None
        }
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
    /// The Windows agent's process crashed or its service ended unexpectedly (Event Log).
    Crashed,
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
    /// A line named the Linux agent's `ExtHandler` thread (its family is said once).
    exthandler_seen: bool,
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
    ("catalyst 8000v", "Cisco"),
    ("c8000v", "Cisco"),
    ("ftdv", "Cisco"),
    ("firepower", "Cisco"),
    ("vmseries", "Palo Alto Networks"),
    ("vsrx", "Juniper Networks"),
    ("junos", "Juniper Networks"),
    ("sophos xg", "Sophos"),
    ("sophos-xg", "Sophos"),
    ("sophos utm", "Sophos"),
    ("sophos firewall", "Sophos"),
    ("netscaler", "Citrix"),
    ("citrix adc", "Citrix"),
    ("vyos", "VyOS"),
    ("flexvnf", "Versa Networks"),
    ("versa networks", "Versa Networks"),
    ("edgeconnect", "Aruba (Silver Peak)"),
    ("silver peak", "Aruba (Silver Peak)"),
    ("steelhead", "Riverbed"),
    ("riverbed", "Riverbed"),
    ("loadmaster", "Kemp"),
    ("vthunder", "A10 Networks"),
    ("a10 thunder", "A10 Networks"),
    ("vnios", "Infoblox"),
    ("infoblox", "Infoblox"),
    ("forcepoint", "Forcepoint"),
    ("imperva", "Imperva"),
    ("cloudflare", "Cloudflare"),
    ("cloudeos", "Arista Networks"),
    ("arista veos", "Arista Networks"),
];

pub fn parse(text: &Text<'_>) -> AgentText {
    let mut out = AgentText::default();
    if text.content.contains("{'") {
        // Python's `repr` / `pprint` of an SDK model's `as_dict()`.
        scan_json(&python_repr_as_json(&text.content), &mut out);
    } else if text.content.contains('{') {
        scan_json(&text.content, &mut out);
    } else if text.content.contains("#<") && text.content.contains(" @") {
        // Ruby's `inspect` of an SDK model (`#<…VirtualMachineAgentInstanceView:0x… @key="v">`).
        scan_json(&ruby_inspect_as_json(&text.content), &mut out);
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
            json_extension_field(&mut exts, prefix, it);
        } else if in_agent {
            any = true;
            json_agent_field(it, &mut agent_code, out);
        } else {
            any |= json_vm_field(it, out);
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

/// Ruby's `inspect` as JSON the tolerant scanner reads: `#<Class:0x… ` opens an object,
/// `@name=` is a key, a `>` outside a string closes the object; line breaks are kept, so line
/// numbers stay the input's. Values Ruby prints bare (`2021-03-04 05:06:07 UTC`) are quoted.
fn ruby_inspect_as_json(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 4);
    let mut depth = 0usize;
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' if chars.peek() == Some(&'<') => {
                chars.next();
                // The class name and address: everything to the first space or `>`.
                while chars.next_if(|&c| c != ' ' && c != '>').is_some() {}
                chars.next_if_eq(&' ');
                out.push('{');
                depth += 1;
            }
            '>' if depth > 0 => {
                out.push('}');
                depth -= 1;
            }
            '@' => {
                // `@vm_agent_version`: the JSON's `vmAgentVersion`, as the scanner lower-cases it.
                out.push('"');
                while let Some(k) = chars.next_if(|&c| c != '=') {
                    if k != '_' {
                        out.push(k);
                    }
                }
                chars.next();
                out.push_str("\":");
                if !matches!(chars.peek(), Some('"' | '#' | '[' | '{')) {
                    // A bare value up to the next `, @` or `>`: quoted for the scanner.
                    out.push('"');
                    while let Some(v) = chars.next_if(|&c| c != ',' && c != '>' && c != '\n') {
                        if v != '"' {
                            out.push(v);
                        }
                    }
                    out.push('"');
                }
            }
            '"' => {
                out.push('"');
                while let Some(v) = chars.next() {
                    out.push(v);
                    if v == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if v == '"' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Python's `repr` of a dict as JSON the tolerant scanner reads: single-quoted strings become
/// JSON strings, `snake_case` keys the JSON's keys (`vm_agent_version` → `vmagentversion`, as
/// the scanner lower-cases them), `None` null, and calls or objects (`datetime.datetime(…)`,
/// `<… object at 0x…>`) strings. Line breaks are kept, so line numbers stay the input's.
fn python_repr_as_json(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let mut v = String::new();
                while let Some(x) = chars.next() {
                    if x == '\\' {
                        if let Some(e) = chars.next() {
                            v.push(e);
                        }
                    } else if x == c {
                        break;
                    } else {
                        v.push(x);
                    }
                }
                while chars.next_if(|&c| c == ' ').is_some() {}
                let key = chars.peek() == Some(&':');
                out.push('"');
                for x in v.chars().filter(|&x| !(key && x == '_')) {
                    if x == '"' || x == '\\' {
                        out.push('\\');
                    }
                    out.push(x);
                }
                out.push('"');
            }
            c if c.is_ascii_alphabetic() || c == '<' => {
                // A bare value: up to the `,` `}` `]` that ends it, brackets inside kept.
                let mut v = String::from(c);
                let mut depth = usize::from(c == '<');
                while let Some(&x) = chars.peek() {
                    if depth == 0 && matches!(x, ',' | '}' | ']' | '\n') {
                        break;
                    }
                    match x {
                        '(' | '<' => depth += 1,
                        ')' | '>' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    v.push(x);
                    chars.next();
                }
                match v.trim() {
                    "None" => out.push_str("null"),
                    "True" => out.push_str("true"),
                    "False" => out.push_str("false"),
                    other => {
                        out.push('"');
                        out.push_str(&other.replace(['"', '\\'], ""));
                        out.push('"');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// An extension handler or extension in the JSON: its fields are gathered per element before
/// it becomes a signal.
struct Ext {
    prefix: String,
    name: String,
    version: Option<String>,
    failed: bool,
    message: String,
    line: usize,
}

/// One field of the extension element `prefix` (`…extensionhandlers.3`).
fn json_extension_field(exts: &mut Vec<Ext>, prefix: String, it: &json_scan::Item) {
    let v = it.value.trim();
    let rest = it
        .path
        .get(prefix.len()..)
        .unwrap_or("")
        .trim_start_matches('.');
    let e = match exts.iter().position(|e| e.prefix == prefix) {
        Some(i) => exts.get_mut(i),
        None => {
            exts.push(Ext {
                prefix,
                name: String::new(),
                version: None,
                failed: false,
                message: String::new(),
                line: it.line,
            });
            exts.last_mut()
        }
    };
    let Some(e) = e else {
        return;
    };
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
}

/// A field of the agent's object: version, state, status code and message, OS name.
fn json_agent_field(
    it: &json_scan::Item,
    agent_code: &mut Option<(String, usize)>,
    out: &mut AgentText,
) {
    let v = it.value.trim();
    match it.path.rsplit('.').next().unwrap_or("") {
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
        "code" => *agent_code = Some((v.to_owned(), it.line)),
        "message" if !v.is_empty() => {
            out.add(it.line, Signal::StatusMessage(v.to_owned()));
        }
        "osname" => os_name(v, it.line, out),
        _ => {}
    }
}

/// A field about the VM outside the agent's object: OS, computer name, image and plan, a bare
/// statuses array, the power state, IMDS's `compute` object. Whether it is one of the instance
/// view's fields.
fn json_vm_field(it: &json_scan::Item, out: &mut AgentText) -> bool {
    let p = it.path.as_str();
    let v = it.value.trim();
    let last = p.rsplit('.').next().unwrap_or("");
    let mut any = false;
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
            any = json_image_field(p, last, v, it.line, out);
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
    any
}

/// An image reference or plan field; whether the path is one.
fn json_image_field(p: &str, last: &str, v: &str, line: usize, out: &mut AgentText) -> bool {
    if p.contains("imagereference")
        || p.starts_with("image.")
        || (p.starts_with("compute.") && !p.contains("plan"))
    {
        if last != "name" {
            out.add(
                line,
                Signal::Image {
                    field: last.to_owned(),
                    value: v.to_owned(),
                },
            );
        }
        true
    } else if p.contains("plan.") || p == "plan" || p.ends_with(".plan") {
        out.add(
            line,
            Signal::Plan {
                field: last.to_owned(),
                value: v.to_owned(),
            },
        );
        true
    } else {
        false
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

/// The appliance a product or offer name names (`pfsense-firewall`, `VyOS 1.3`), if any.
pub(crate) fn appliance_text(v: &str, line: usize, out: &mut AgentText) {
    appliance_in(v, line, out);
}

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

/// A step's answer: [`NEXT_LINE`] when the line is fully read and the later steps skip it.
type Step = ControlFlow<()>;
const NEXT_LINE: Step = ControlFlow::Break(());
const READ_ON: Step = ControlFlow::Continue(());

/// One non-blank line as every step reads it.
struct Line<'a> {
    n: usize,
    /// Trimmed, ANSI codes removed.
    t: &'a str,
    /// `t` lower-cased (ASCII only).
    lower: &'a str,
    /// The byte pairs of `lower`, for `has!`.
    lp: Pairs,
    /// Leading whitespace before `t`.
    indent: usize,
}

/// What a form spread over several lines carries from one line to the next.
struct Carry {
    /// Inside a `systemctl status` block of the Linux agent, and its unit's name.
    in_agent_unit: bool,
    unit_name: &'static str,
    /// The previous line was an `az … vmAgentVersion` command.
    version_command: bool,
    /// The indent of a PowerShell `VMAgent :` list, and whether a `$vm.VMAgent` command ran.
    ps_agent_indent: Option<usize>,
    ps_agent_command: bool,
    /// Inside VM assist's `Wire Server` section.
    wire_section: bool,
    /// A portal label whose value is on the next line.
    pending_portal: Option<&'static str>,
    /// A `Test-NetConnection 168.63.129.16` whose result list follows.
    tnc_target: bool,
    tnc_port: Option<u16>,
    /// A WireServer command (`curl`, `nc`) whose reply follows, with its port.
    last_command_wire: Option<u16>,
}

impl Default for Carry {
    fn default() -> Self {
        Carry {
            in_agent_unit: false,
            unit_name: "walinuxagent",
            version_command: false,
            ps_agent_indent: None,
            ps_agent_command: false,
            wire_section: false,
            pending_portal: None,
            tnc_target: false,
            tnc_port: None,
            last_command_wire: None,
        }
    }
}

fn scan_lines(text: &Text<'_>, out: &mut AgentText) {
    let mut carry = Carry::default();
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
        let line = Line {
            n,
            t,
            lower: &lower_buf,
            lp: Pairs::of_lowercase(lower_buf.as_bytes()),
            indent: cleaned.len() - cleaned.trim_start().len(),
        };
        let _ = scan_line(&line, &mut carry, out);
    }
}

/// Every form's step in turn, until one has read the whole line.
fn scan_line(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    portal(l, carry, out)?;
    az_query_version(l, carry, out)?;
    powershell(l, carry, out)?;
    waagent_version(l, out);
    systemctl_status(l, carry, out);
    service_status(l, out);
    vm_assist(l, carry, out)?;
    get_service(l, out);
    os_release(l, out);
    wireserver_check(l, carry, out)?;
    imds_check(l, out);
    wireserver_reply(l, carry, out)?;
    test_netconnection(l, carry, out);
    agent_log(l, out);
    extension_error(l, out)?;
    appliance_in_prose(l, out);
    READ_ON
}

/// The portal's properties: a label, then the value on the same line or the next one.
fn portal(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let (n, t) = (l.n, l.t);
    if let Some(what) = carry.pending_portal.take() {
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
                    return NEXT_LINE;
                }
            }
            _ => {
                if let Some(v) = version_after(t) {
                    out.add(n, Signal::AgentVersion(v));
                    return NEXT_LINE;
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
        if l.lower.starts_with(label) {
            let rest = t
                .get(label.len()..)
                .unwrap_or("")
                .trim_start_matches([':', '：', '\t', ' '])
                .trim();
            if rest.is_empty() {
                carry.pending_portal = Some(what);
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
    READ_ON
}

/// `az … --query instanceView.vmAgent.vmAgentVersion -o tsv` prints a bare version.
fn az_query_version(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let (lp, lower) = (l.lp, l.lower);
    if has!(lp, lower, "vmagentversion")
        && (lower.starts_with("az ")
            || has!(lp, lower, "$ az ")
            || has!(lp, lower, "# az ")
            || lower.starts_with("ps")
            || lower.starts_with('$'))
    {
        carry.version_command = true;
        return NEXT_LINE;
    }
    if carry.version_command {
        carry.version_command = false;
        let bare = l.t.trim_matches('"');
        if bare.chars().all(|c| c.is_ascii_digit() || c == '.') && bare.contains('.') {
            out.form("az-query");
            out.add(l.n, Signal::AgentVersion(bare.to_owned()));
            return NEXT_LINE;
        }
    }
    READ_ON
}

/// PowerShell: `PS > $vm.VMAgent.Statuses[0]`, `Get-AzVM -Status` nested lists.
fn powershell(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    if has!(lp, lower, "vmagent")
        && (lower.starts_with("ps") || lower.starts_with('$') || has!(lp, lower, "get-azvm"))
    {
        carry.ps_agent_command = true;
        out.form("powershell");
        return NEXT_LINE;
    }
    let Some((k, v)) = ps_value(t) else {
        return READ_ON;
    };
    let kl = k.to_ascii_lowercase();
    if kl == "vmagent" || kl == "magent" {
        carry.ps_agent_indent = Some(l.indent);
        out.form("powershell");
        return NEXT_LINE;
    }
    let inside = match carry.ps_agent_indent {
        Some(i) => l.indent > i,
        None => carry.ps_agent_command && !t.starts_with('{'),
    };
    if carry.ps_agent_indent.is_some_and(|i| l.indent <= i) {
        carry.ps_agent_indent = None;
    }
    if inside && !t.starts_with('"') {
        match kl.as_str() {
            "vmagentversion" => {
                if !v.eq_ignore_ascii_case("unknown") {
                    if let Some(ver) = version_after(v) {
                        out.add(n, Signal::AgentVersion(ver));
                    }
                }
                return NEXT_LINE;
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
                return NEXT_LINE;
            }
            "message" => {
                // Read on: the message may also be a status-blob error.
                out.add(n, Signal::StatusMessage(v.to_owned()));
            }
            _ => {}
        }
    }
    if kl == "osname" && !t.starts_with('"') {
        os_name(v, n, out);
    }
    READ_ON
}

/// `waagent --version` (also with en-dashes or flattened into one line), the goal-state agent
/// of `systemctl status`, and waagent.log's version line.
fn waagent_version(l: &Line<'_>, out: &mut AgentText) {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
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
    // Versions written as prose in a ticket: `Waagent version: 2.2.38`, `Goal state version: 2.2.41`.
    for (label, goal) in [("waagent version", false), ("goal state version", true)]
        .into_iter()
        .filter(|_| has!(lp, lower, " version:"))
    {
        if let Some(v) = lower
            .find(label)
            .and_then(|p| t.get(p + label.len()..))
            .filter(|r| r.trim_start().starts_with(':'))
            .and_then(version_after)
        {
            out.add(n, Signal::Family(Family::Linux));
            out.add(
                n,
                if goal {
                    Signal::GoalStateVersion(v)
                } else {
                    Signal::PackageVersion(v)
                },
            );
        }
    }
    if !out.exthandler_seen && has!(lp, lower, " exthandler ") {
        // Only the Linux agent names its threads so (`ERROR ExtHandler …`); said once, not for
        // each of a long log's lines.
        out.exthandler_seen = true;
        out.add(n, Signal::Family(Family::Linux));
    }
    if let Some(pos) = find!(lp, lower, "goal state agent") {
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
}

/// `systemctl status` of the Linux agent; several units' blocks may follow each other.
fn systemctl_status(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    if has!(lp, lower, "walinuxagent.service")
        || has!(lp, lower, "waagent.service")
        || has!(lp, lower, "azure linux agent") && has!(lp, lower, ".service")
    {
        carry.in_agent_unit = true;
        carry.unit_name = if has!(lp, lower, "walinuxagent.service") {
            "walinuxagent"
        } else {
            "waagent"
        };
        out.form("systemctl-status");
        out.add(n, Signal::Family(Family::Linux));
    } else if (t.starts_with('●') || t.starts_with('*') || t.starts_with('○') || t.starts_with('×'))
        && has!(lp, lower, ".service")
    {
        carry.in_agent_unit = false;
    }
    if !carry.in_agent_unit {
        return;
    }
    if let Some(state) = t.strip_prefix("Active:") {
        let s = state.trim().to_ascii_lowercase();
        let running = s.starts_with("active (running)");
        out.add(
            n,
            Signal::Service {
                running,
                unit: carry.unit_name.to_owned(),
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

/// `service waagent status` on SysV, FreeBSD's rc.d and OpenRC: `waagent (pid 1234) is
/// running...`, `waagent is running as pid 1234.`, `waagent is not running.`, `waagent is
/// stopped`, `waagent dead but pid file exists`, `waagent dead but subsys locked`.
fn service_status(l: &Line<'_>, out: &mut AgentText) {
    let (lp, lower) = (l.lp, l.lower);
    if !(lower.starts_with("waagent") || lower.starts_with("walinuxagent")) {
        return;
    }
    let stopped = has!(lp, lower, " is not running")
        || has!(lp, lower, " is stopped")
        || has!(lp, lower, " dead but ");
    let running = !stopped && has!(lp, lower, " is running");
    if stopped || running {
        out.form("service-status");
        out.add(
            l.n,
            Signal::Service {
                running,
                unit: "waagent".to_owned(),
            },
        );
    }
}

/// VM assist's report: the agent service, `=> key: value` lines, its `Wire Server` section and
/// its IMDS line.
fn vm_assist(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    if lower.starts_with("agent service") && has!(lp, lower, ".service") {
        out.form("vmassist");
        carry.in_agent_unit = false;
    }
    if let Some((k, v)) = t.strip_prefix("=>").and_then(|rest| rest.split_once(':')) {
        vm_assist_value(&k.trim().to_ascii_lowercase(), v.trim(), n, out);
    }
    if t == "Wire Server" || t.starts_with("Wire Server") && !t.contains(':') {
        carry.wire_section = true;
        return NEXT_LINE;
    }
    if carry.wire_section {
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
                return NEXT_LINE;
            }
        }
        carry.wire_section = l.indent > 0;
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
    READ_ON
}

/// One `=> key: value` line of VM assist, `k` lower-cased.
fn vm_assist_value(k: &str, v: &str, n: usize, out: &mut AgentText) {
    match k {
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

/// `Get-Service`: a table (`Running  RdAgent  RdAgent`) or a list (`Status : Running`), and the
/// event log's `stopped` lines.
fn get_service(l: &Line<'_>, out: &mut AgentText) {
    let (n, lp, lower) = (l.n, l.lp, l.lower);
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
}

/// `/etc/os-release`.
fn os_release(l: &Line<'_>, out: &mut AgentText) {
    if let Some(v) = l.t.strip_prefix("PRETTY_NAME=") {
        let v = v.trim_matches('"');
        out.form("os-release");
        out.add(l.n, Signal::OsName(v.to_owned()));
        out.add(l.n, Signal::Family(Family::Linux));
        appliance_in(v, l.n, out);
    }
}

/// A line naming the WireServer: a command that tests it (its reply follows), or a result or log
/// line about it.
fn wireserver_check(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let (lp, lower) = (l.lp, l.lower);
    if !has!(lp, lower, "168.63.129.16") {
        return READ_ON;
    }
    if lower.starts_with('[') && has!(lp, lower, "]#")
        || lower.starts_with("$ ")
        || lower.starts_with("# ")
        || lower.starts_with("ps ")
        || has!(lp, lower, "curl ")
        || has!(lp, lower, "nc -")
        || has!(lp, lower, "test-netconnection")
    {
        let port = if has!(lp, lower, "32526") { 32526 } else { 80 };
        carry.last_command_wire = Some(port);
        if has!(lp, lower, "test-netconnection") {
            carry.tnc_target = true;
            carry.tnc_port = Some(port);
        }
        return NEXT_LINE;
    }
    wireserver_result(l, out)
}

/// A result or log line about the WireServer.
fn wireserver_result(l: &Line<'_>, out: &mut AgentText) -> Step {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    let wire = |ok, port, text: &str| Signal::WireServer {
        ok,
        port: Some(port),
        text: text.to_owned(),
    };
    let port_named = || if has!(lp, lower, "32526") { 32526 } else { 80 };
    if let Some(pos) = find!(lp, t, "curl: (") {
        let port = if has!(lp, lower, "port 32526") {
            32526
        } else {
            80
        };
        out.form("wireserver-check");
        out.add(n, wire(false, port, t.get(pos..).unwrap_or(t)));
        return NEXT_LINE;
    }
    if has!(lp, lower, "/machine") && (has!(lp, lower, "ioerror") || has!(lp, lower, "timed out"))
        || has!(lp, lower, "wireserver exception")
    {
        out.form("waagent-log");
        out.add(n, wire(false, 80, clip_at(t, "POST")));
        return NEXT_LINE;
    }
    if has!(lp, lower, ":32526")
        && (has!(lp, lower, "forbidden")
            || has!(lp, lower, "refused")
            || has!(lp, lower, "timed out")
            || has!(lp, lower, "unable to connect"))
    {
        out.form("waappagent-log");
        out.add(n, Signal::Family(Family::Windows));
        out.add(n, wire(false, 32526, t));
        return NEXT_LINE;
    }
    if has!(lp, lower, "succeeded!")
        || has!(lp, lower, "connected to 168.63.129.16")
        || has!(lp, lower, " open")
    {
        out.add(n, wire(true, port_named(), t));
        return NEXT_LINE;
    }
    if has!(lp, lower, "failed: ")
        || has!(lp, lower, "ncat: connection")
        || has!(lp, lower, "timed out")
        || lower.starts_with("warning: tcp connect to")
    {
        out.add(n, wire(false, port_named(), t));
        return NEXT_LINE;
    }
    READ_ON
}

/// `curl` to the Instance Metadata Service that failed.
fn imds_check(l: &Line<'_>, out: &mut AgentText) {
    if !has!(l.lp, l.lower, "169.254.169.254") {
        return;
    }
    if let Some(pos) = find!(l.lp, l.t, "curl: (") {
        out.form("imds-check");
        out.add(
            l.n,
            Signal::Imds {
                ok: false,
                text: l.t.get(pos..).unwrap_or(l.t).to_owned(),
            },
        );
    }
}

/// The reply to a WireServer command of an earlier line: `<Versions>`, a curl error, nc's result.
fn wireserver_reply(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) -> Step {
    let Some(port) = carry.last_command_wire else {
        return READ_ON;
    };
    let (n, t) = (l.n, l.t);
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
        carry.last_command_wire = None;
        return NEXT_LINE;
    }
    if let Some(pos) = find!(l.lp, t, "curl: (") {
        out.form("wireserver-check");
        out.add(
            n,
            Signal::WireServer {
                ok: false,
                port: Some(port),
                text: t.get(pos..).unwrap_or(t).to_owned(),
            },
        );
        carry.last_command_wire = None;
        return NEXT_LINE;
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
            carry.last_command_wire = None;
        }
        return NEXT_LINE;
    }
    READ_ON
}

/// `Test-NetConnection 168.63.129.16`'s result list: `RemotePort`, then `TcpTestSucceeded`.
fn test_netconnection(l: &Line<'_>, carry: &mut Carry, out: &mut AgentText) {
    if !carry.tnc_target {
        return;
    }
    let Some((k, v)) = ps_value(l.t) else {
        return;
    };
    if k.eq_ignore_ascii_case("TcpTestSucceeded") {
        out.form("test-netconnection");
        out.add(
            l.n,
            Signal::WireServer {
                ok: v.eq_ignore_ascii_case("true"),
                port: carry.tnc_port,
                text: l.t.to_owned(),
            },
        );
        carry.tnc_target = false;
    } else if k.eq_ignore_ascii_case("RemotePort") {
        carry.tnc_port = v.parse().ok().or(carry.tnc_port);
    }
}

/// Agent log lines (Linux waagent.log, Windows WaAppAgent.log) about the goal state, the status
/// blob, provisioning and settings.
fn agent_log(l: &Line<'_>, out: &mut AgentText) {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    if has!(
        lp,
        lower,
        "an error occurred while retrieving the goal state"
    ) || has!(lp, lower, "error fetching goal state") && !has!(lp, lower, "410")
        || has!(lp, lower, "calling wire server failed")
        || has!(lp, lower, "exception retrieving extension handlers")
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
    windows_agent_log(l, out);
}

/// The agent's names in Event Log text: the service's display and short names, its programs.
const WINDOWS_AGENT_NAMES: &[&str] = &[
    "windows azure guest agent",
    "windowsazureguestagent",
    "waappagent.exe",
    "rdagent",
];

/// An event that says a program or service ended abnormally, in the UI languages Windows
/// prints it in: Service Control Manager 7031 / 7034 ("terminated unexpectedly"), Application
/// Error 1000 ("Faulting application name"), .NET Runtime 1026 ("unhandled exception").
const CRASH_WORDS: &[&str] = &[
    "terminated unexpectedly",
    "faulting application name",
    "terminated due to an unhandled exception",
    "予期せぬ原因により終了",
    "障害が発生しているアプリケーション名",
    "unerwartet beendet",
    "name der fehlerhaften anwendung",
    "de façon inattendue",
    "de fa\u{e7}on inattendue",
    "application défaillante",
    "de manera inesperada",
    "aplicación con errores",
    "意外终止",
    "错误应用程序名称",
    "예기치 않게 종료",
    "오류 있는 응용 프로그램 이름",
    "encerrado inesperadamente",
    "aplicativo com falha",
];

/// Event Log text (`Get-WinEvent`, `Get-EventLog`, Event Viewer copied) saying the Windows agent
/// crashed: the line names the agent and ends it abnormally, in any of `CRASH_WORDS`' languages.
fn windows_agent_crash(l: &Line<'_>, out: &mut AgentText) {
    let (lp, lower) = (l.lp, l.lower);
    // The pair filter first: the Linux agent's log names "agent" on most lines, none of these.
    let named = has!(lp, lower, "guest agent")
        || has!(lp, lower, "guestagent")
        || has!(lp, lower, "waappagent")
        || has!(lp, lower, "rdagent");
    if !named || !WINDOWS_AGENT_NAMES.iter().any(|a| lower.contains(a)) {
        return;
    }
    if CRASH_WORDS.iter().any(|w| lower.contains(w)) {
        out.form("event-log");
        out.add(l.n, Signal::Family(Family::Windows));
        out.add(l.n, Signal::Crashed);
    }
    // Service Control Manager 7036: the service entered the running or the stopped state.
    let state = [
        ("entered the running state", true),
        ("実行中状態に移行しました", true),
        ("entered the stopped state", false),
        ("停止状態に移行しました", false),
    ]
    .iter()
    .find(|(w, _)| lower.contains(w));
    if let Some(&(_, running)) = state {
        out.form("event-log");
        out.add(l.n, Signal::Family(Family::Windows));
        out.add(
            l.n,
            Signal::Service {
                running,
                unit: "WindowsAzureGuestAgent".to_owned(),
            },
        );
    }
}

/// WaAppAgent.log lines: the agent stuck stopping, Npcap's loopback adapter, the WireServer's 503.
fn windows_agent_log(l: &Line<'_>, out: &mut AgentText) {
    let (n, lp, lower) = (l.n, l.lp, l.lower);
    // Every agent name holds "agent"; the pair filter rules out most lines of a long log.
    if has!(lp, lower, "agent") {
        windows_agent_crash(l, out);
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
                text: l.t.to_owned(),
            },
        );
    }
}

/// An extension's error: an ERROR line naming `[Microsoft.…]`, `[ExtensionError]`, or an error
/// event of the Backup extension.
fn extension_error(l: &Line<'_>, out: &mut AgentText) -> Step {
    let (n, t, lp, lower) = (l.n, l.t, l.lp, l.lower);
    let named = has!(lp, lower, "[microsoft.").then(|| extension_in_brackets(t));
    if let Some(name) = named.flatten() {
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
            return NEXT_LINE;
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
    READ_ON
}

/// Appliance product names in prose; never from a VM's name, so lines that name resources are
/// skipped.
fn appliance_in_prose(l: &Line<'_>, out: &mut AgentText) {
    let (t, lp, lower) = (l.t, l.lp, l.lower);
    let names_a_resource = has!(lp, lower, "name")
        || has!(lp, lower, "/virtualmachines/")
        || has!(lp, lower, " -n ")
        || has!(lp, lower, "--name")
        || has!(lp, lower, "hostname")
        || t.starts_with('[') && t.contains('@');
    if !names_a_resource {
        appliance_in_lower(lower, lp, l.n, out);
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
    fn python_repr_of_as_dict_is_read_like_its_json() {
        let s = signals(">>> pprint(iv.as_dict())\n{'computer_name': 'vm-app01',\n 'vm_agent': {'extension_handlers': [{'status': {'code': 'ProvisioningState/succeeded',\n  'display_status': 'Ready', 'level': 'Info', 'message': 'Plugin enabled'},\n  'type': 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux',\n  'type_handler_version': '1.0.9180.0'}],\n  'statuses': [{'code': 'ProvisioningState/Unavailable', 'display_status': 'Not Ready', 'level': 'Warning',\n  'message': \"VM Agent isn't responding\", 'time': datetime.datetime(2023, 5, 10, 8, 12, 1, tzinfo=<isodate.tzinfo.Utc object at 0x7f3c2a1b5e80>)}],\n  'vm_agent_version': '2.2.45'}}\n");
        assert!(
            s.iter()
                .any(|x| matches!(x, Signal::State { ready: false, .. })),
            "{s:?}"
        );
        assert!(s.contains(&Signal::AgentVersion("2.2.45".into())), "{s:?}");
        assert!(
            s.iter().any(
                |x| matches!(x, Signal::Extension { name, .. } if name.contains("VMSnapshotLinux"))
            ),
            "{s:?}"
        );
    }

    #[test]
    fn ruby_inspect_of_an_instance_view_is_read_like_its_json() {
        let s = signals("#<Azure::Compute::Mgmt::V2019_07_01::Models::VirtualMachineAgentInstanceView:0x00007f8b1c0a2a40 @vm_agent_version=\"2.2.53.1\", @extension_handlers=[], @statuses=[#<Azure::Compute::Mgmt::V2019_07_01::Models::InstanceViewStatus:0x00007f8b1c0a2928 @code=\"ProvisioningState/Unavailable\", @level=\"Warning\", @display_status=\"Not Ready\", @message=\"VM Agent is unresponsive.\", @time=2021-03-04 05:06:07 UTC>]>\n");
        assert!(
            s.iter()
                .any(|x| matches!(x, Signal::State { ready: false, .. })),
            "{s:?}"
        );
        assert!(
            s.contains(&Signal::AgentVersion("2.2.53.1".into())),
            "{s:?}"
        );
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
