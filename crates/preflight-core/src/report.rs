//! The report: the one serde type every renderer, the page and automation read.
//!
//! Field names are a public contract (`schema: "preflight-report/1"`); add fields, never rename
//! or remove them. Line numbers are 1-based and inclusive, counted on LF-terminated lines.

use serde::{Deserialize, Serialize};

use crate::code::{Code, Form};
use crate::i18n::{Lang, TextBuf};

pub const SCHEMA: &str = "preflight-report/1";

/// The verdict vocabulary, shared by checks, endpoints and the overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Failure,
    Inconclusive,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Failure => "failure",
            Status::Inconclusive => "inconclusive",
        }
    }

    /// The more alarming of two statuses.
    pub fn worst(self, other: Status) -> Status {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    /// Larger is more alarming; used to pick the worst of several statuses.
    pub fn rank(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Inconclusive => 1,
            Status::Warning => 2,
            Status::Failure => 3,
        }
    }

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::ui;
        match self {
            Status::Ok => ui::OK,
            Status::Warning => ui::WARNING,
            Status::Failure => ui::FAILURE,
            Status::Inconclusive => ui::INCONCLUSIVE,
        }
    }

    /// A symbol that carries the status without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Ok => "✔",
            Status::Warning => "▲",
            Status::Failure => "✖",
            Status::Inconclusive => "?",
        }
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Ok,
    Warning,
    Failure,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Ok => "ok",
            Severity::Warning => "warning",
            Severity::Failure => "failure",
        }
    }

    pub fn rank(self) -> u8 {
        match self {
            Severity::Info => 0,
            Severity::Ok => 1,
            Severity::Warning => 2,
            Severity::Failure => 3,
        }
    }

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::ui;
        match self {
            Severity::Info => ui::INFO,
            Severity::Ok => ui::OK,
            Severity::Warning => ui::WARNING,
            Severity::Failure => ui::FAILURE,
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Severity::Info => "ℹ",
            Severity::Ok => "✔",
            Severity::Warning => "▲",
            Severity::Failure => "✖",
        }
    }
}

/// What kind of input this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    LinuxConnectivityLog,
    WindowsConnectivityLog,
    AgentStatus,
    Unknown,
}

impl InputKind {
    pub fn word(self) -> &'static str {
        match self {
            InputKind::LinuxConnectivityLog => "linux-connectivity-log",
            InputKind::WindowsConnectivityLog => "windows-connectivity-log",
            InputKind::AgentStatus => "agent-status",
            InputKind::Unknown => "unknown",
        }
    }
}

/// The finer shape of the input, inside its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputShape {
    /// A whole log written by the Linux script (environment section and `##TRY!!` blocks).
    FullLog,
    /// One or more `##TRY!!` blocks copied out of a log.
    Fragment,
    /// A single tool's output without its marker line.
    SingleOutput,
    /// The Site Recovery sibling script's log (same file-name pattern, `====` lines).
    SiteRecoveryLog,
    /// A PowerShell transcript of the Windows script.
    WindowsTranscript,
    /// VM agent status text.
    AgentStatus,
    /// Commands typed in a terminal (or pasted output) with their output, one check each.
    Commands,
    /// Nothing this tool can read.
    Unrecognised,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// What was read and how it was understood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    pub name: String,
    pub bytes: usize,
    /// The encoding the bytes were decoded with, e.g. `utf-8`, `utf-16le`, `shift_jis`.
    pub encoding: String,
    pub kind: InputKind,
    pub shape: InputShape,
    pub confidence: Confidence,
    /// Why the detector chose this kind, in both languages.
    pub detection: TextBuf,
    /// True when the kind was forced by the caller instead of detected.
    pub overridden: bool,
    pub lines: usize,
    /// `lf`, `crlf`, `cr` or `mixed`.
    pub line_endings: String,
    /// The detector's reason, typed (`detection` is the same in words).
    #[serde(with = "json_only")]
    pub why: Why,
    /// Wrappers peeled before reading (run-command JSON, quotes, prompts, …).
    #[serde(with = "json_only")]
    pub wrappers: Vec<Peeled>,
    /// The parts the input was split into, each read by its own reader.
    #[serde(with = "json_only")]
    pub segments: Vec<SegmentInfo>,
}

/// Fields for people and automation (JSON) that the page does not show: compact binary formats
/// carry nothing for them (the page's own codec, `preflight-web`'s `wire.rs`, skips them too).
mod json_only {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            v.serialize(s)
        } else {
            s.serialize_unit()
        }
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: Deserialize<'de> + Default,
        D: Deserializer<'de>,
    {
        if d.is_human_readable() {
            T::deserialize(d)
        } else {
            <()>::deserialize(d).map(|()| T::default())
        }
    }
}

/// Why the detector read a segment (or the whole input) as it did: typed, so that tests and
/// viewers match on the reason, never on its wording.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// A recognised binary format (`png`, `zip`, ...) or NUL-laden data.
    Binary {
        format: String,
    },
    Empty,
    /// The Linux script's environment section and its `##TRY!!` blocks.
    ScriptLayout {
        blocks: usize,
    },
    /// `##TRY!!` blocks with the Site Recovery script's `====` separators.
    SiteRecoveryLayout {
        blocks: usize,
    },
    /// `##TRY!!` blocks without the rest of the log.
    MarkerBlocks {
        blocks: usize,
    },
    /// The Windows script's transcript lines (`Result of tnc`, `#TRY!! Invoke-webRequest`).
    WindowsTranscript,
    /// Windows proxy or TLS settings: the WinInet dump, `netsh winhttp show proxy`, SCHANNEL keys.
    WindowsSettings,
    /// A command line; `typed` when it followed a prompt.
    Command {
        program: String,
        typed: bool,
    },
    /// A query typed at nslookup's interactive prompt.
    NslookupQuery {
        name: String,
        server: Option<String>,
    },
    /// A tool's output recognised without its command line.
    ToolOutput {
        tool: Tool,
    },
    /// Words only VM agent output contains; `form` names the output form they point to.
    AgentOutput {
        form: String,
    },
    /// The commands typed test only the agent's own endpoints (WireServer, IMDS).
    AgentEndpoints {
        form: String,
    },
    /// Prose, a prompt alone, or a command whose output tests nothing.
    NotEvidence,
    #[default]
    Unrecognised,
    /// The caller chose the kind; `detected` is what the detector had found.
    Chosen {
        kind: InputKind,
        detected: Box<Why>,
    },
}

impl Why {
    /// The reason as a sentence fragment, in both languages.
    pub fn text(&self) -> TextBuf {
        if let Why::Chosen { detected, .. } = self {
            let d = detected.text();
            return TextBuf::fill(
                "forced by the user (detected: {0})",
                "ユーザー指定 (検出結果: {1})",
                &[&d.en, &d.ja],
            );
        }
        let (en, ja, args) = self.words();
        let args: Vec<&dyn std::fmt::Display> =
            args.iter().map(|a| a as &dyn std::fmt::Display).collect();
        TextBuf::fill(en, ja, &args)
    }

    /// The sentence in both languages, with `{}` where each argument goes (one table rather than
    /// a formatting call per sentence: this code runs in the page too).
    fn words(&self) -> (&'static str, &'static str, Vec<String>) {
        let n = |k: &usize| vec![k.to_string()];
        match self {
            Why::Binary { format } => ("binary data ({}), not text", "テキストではなくバイナリ データ ({}) です", vec![format.clone()]),
            Why::Empty => ("the input is empty", "入力が空です", Vec::new()),
            Why::ScriptLayout { blocks } => ("the script's environment section and {} `##TRY!!` blocks", "スクリプトの環境情報セクションと `##TRY!!` ブロック {} 件", n(blocks)),
            Why::SiteRecoveryLayout { blocks } => ("{} `##TRY!!` blocks with `====` separator lines (Site Recovery check script)", "`====` 区切り行を含む `##TRY!!` ブロック {} 件 (Site Recovery の確認スクリプト)", n(blocks)),
            Why::MarkerBlocks { blocks } => ("{} `##TRY!!` block(s) without the rest of the log", "ログの他の部分を含まない `##TRY!!` ブロック {} 件", n(blocks)),
            Why::WindowsTranscript => ("PowerShell transcript of the Windows connectivity check", "Windows 版疎通確認スクリプトの PowerShell トランスクリプトです", Vec::new()),
            Why::WindowsSettings => ("Windows proxy or TLS settings (WinInet, `netsh winhttp`, SCHANNEL registry)", "Windows のプロキシまたは TLS の設定 (WinInet、`netsh winhttp`、SCHANNEL のレジストリ)", Vec::new()),
            Why::Command { program, typed: true } => ("`{}` typed after a prompt", "プロンプトの後に入力された `{}`", vec![program.clone()]),
            Why::Command { program, typed: false } => ("`{}` command typed without a prompt", "プロンプトなしで入力された `{}` コマンド", vec![program.clone()]),
            Why::NslookupQuery { name, server: Some(server) } => ("`{}` asked at nslookup's prompt (server {})", "nslookup のプロンプトで `{}` を問い合わせ (サーバー {})", vec![name.clone(), server.clone()]),
            Why::NslookupQuery { name, server: None } => ("`{}` asked at nslookup's prompt", "nslookup のプロンプトで `{}` を問い合わせ", vec![name.clone()]),
            Why::ToolOutput { tool } if tool.is_logged() => ("network errors {} logged", "{} が記録したネットワーク エラー", vec![tool.word().to_owned()]),
            Why::ToolOutput { tool } => ("output of {} with no `##TRY!!` marker", "`##TRY!!` マーカーのない {} の出力", vec![tool.word().to_owned()]),
            Why::AgentOutput { form } => ("VM agent status output ({})", "VM エージェントの状態の出力 ({})", vec![form.clone()]),
            Why::AgentEndpoints { form } => ("checks of the VM agent's own endpoints ({})", "VM エージェント用のエンドポイントの確認 ({})", vec![form.clone()]),
            Why::NotEvidence => ("text that tests no destination", "宛先を確認していないテキスト", Vec::new()),
            Why::Unrecognised | Why::Chosen { .. } => ("no `##TRY!!` block, command, known tool output or script section found", "`##TRY!!` ブロック、コマンド、既知のコマンド出力、スクリプトのセクションが見つかりません", Vec::new()),
        }
    }
}

/// What a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentKind {
    /// The Linux script's log, whole or in `##TRY!!` blocks.
    LinuxLog,
    /// The Windows script's PowerShell transcript.
    WindowsTranscript,
    /// One typed connectivity command (`nslookup`, `nc`, `curl`) and its output.
    Command,
    /// One query typed at nslookup's interactive `>` prompt and its answer.
    Query,
    /// A tool's output pasted without its command.
    ToolOutput,
    /// VM agent status, version, service state or log.
    AgentStatus,
    /// A PowerShell cmdlet's or Windows tool's output.
    WindowsOutput,
    /// Prose, a prompt alone, or a command whose output tests nothing (`uname -a`, `az login`).
    Other,
}

impl SegmentKind {
    pub fn word(self) -> &'static str {
        match self {
            SegmentKind::LinuxLog => "linux-log",
            SegmentKind::WindowsTranscript => "windows-transcript",
            SegmentKind::Command => "command",
            SegmentKind::Query => "query",
            SegmentKind::ToolOutput => "tool-output",
            SegmentKind::AgentStatus => "agent-status",
            SegmentKind::WindowsOutput => "windows-output",
            SegmentKind::Other => "other",
        }
    }

    /// Segments the connectivity rules read as one check each.
    pub fn is_check(self) -> bool {
        matches!(
            self,
            SegmentKind::Command | SegmentKind::Query | SegmentKind::ToolOutput
        )
    }
}

/// One kind of wrapper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wrapper {
    /// `"message": "Enable succeeded: \n[stdout]\n…"` in run-command JSON.
    RunCommandJson,
    /// `Invoke-AzVMRunCommand`'s object as PowerShell formats it (`Value[0]`, `Message :`).
    RunCommandObject,
    /// `Enable succeeded:`, `[stdout]`, `[stderr]` lines around the output.
    OutputFrame,
    CodeFence,
    Quote,
    /// `kubectl exec … -- cmd`, `crictl exec ID cmd`, `docker exec ID cmd`.
    ContainerExec,
    /// A shell or PowerShell prompt before a typed command.
    Prompt,
}

impl Wrapper {
    pub fn word(self) -> &'static str {
        match self {
            Wrapper::RunCommandJson => "run-command-json",
            Wrapper::RunCommandObject => "run-command-object",
            Wrapper::OutputFrame => "output-frame",
            Wrapper::CodeFence => "code-fence",
            Wrapper::Quote => "quote",
            Wrapper::ContainerExec => "container-exec",
            Wrapper::Prompt => "prompt",
        }
    }
}

/// A wrapper found in the input, with the input lines it covered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peeled {
    pub wrapper: Wrapper,
    pub lines: Lines,
}

/// One part of the input and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentInfo {
    pub kind: SegmentKind,
    pub lines: Lines,
    pub why: Why,
    /// The check this segment became, as an index into `checks`.
    pub check: Option<usize>,
}

/// An inclusive, 1-based line range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Lines(pub usize, pub usize);

impl Lines {
    pub fn one(n: usize) -> Self {
        Lines(n, n)
    }
    pub fn first(&self) -> usize {
        self.0
    }
    pub fn last(&self) -> usize {
        self.1
    }
}

/// One quoted line of the input, cleaned for display (progress-meter redraws removed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub line: usize,
    pub text: String,
    /// How many times this text was read among the lines quoted (the same error in eight
    /// checks is quoted once, with 8): renderers show it as "(×8)".
    pub count: usize,
}

impl Excerpt {
    /// Adds `e` to `quoted`: a text already there is counted again (by `e.count`), a new one is
    /// quoted while fewer than `max` are.
    pub fn quote(quoted: &mut Vec<Excerpt>, e: &Excerpt, max: usize) {
        let n = quoted.len();
        match quoted.iter_mut().find(|x| x.text == e.text) {
            Some(x) => x.count += e.count,
            None if n < max => quoted.push(e.clone()),
            None => {}
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tool {
    Nslookup,
    Nc,
    Curl,
    /// Windows: `Test-NetConnection` as logged by the Windows script.
    Tnc,
    /// Windows: `Invoke-WebRequest` as logged by the Windows script.
    #[serde(rename = "invoke-webrequest")]
    InvokeWebRequest,
    /// Windows: `Resolve-DnsName`, pasted (the script does not run it).
    #[serde(rename = "resolve-dnsname")]
    ResolveDnsName,
    Dig,
    Host,
    /// `getent hosts` / `getent ahosts`: the system resolver, hosts file first.
    Getent,
    Telnet,
    /// apt's fetch errors (`Err:` / `E: Failed to fetch`).
    Apt,
    /// yum's fetch errors (`[Errno N]`, `curl#N`).
    Yum,
    /// dnf's fetch errors (`Curl error (N)`, `Status code:`).
    Dnf,
    /// The VM agent's own log (waagent.log): its requests to the WireServer and others.
    #[serde(rename = "waagent-log")]
    AgentLog,
    /// libcurl's `cURL error N:` quoted by an application.
    Libcurl,
    Unknown,
}

impl Tool {
    pub fn word(self) -> &'static str {
        match self {
            Tool::Nslookup => "nslookup",
            Tool::Nc => "nc",
            Tool::Curl => "curl",
            Tool::Tnc => "tnc",
            Tool::InvokeWebRequest => "invoke-webrequest",
            Tool::ResolveDnsName => "resolve-dnsname",
            Tool::Dig => "dig",
            Tool::Host => "host",
            Tool::Getent => "getent",
            Tool::Telnet => "telnet",
            Tool::Apt => "apt",
            Tool::Yum => "yum",
            Tool::Dnf => "dnf",
            Tool::AgentLog => "waagent-log",
            Tool::Libcurl => "libcurl",
            Tool::Unknown => "unknown",
        }
    }

    /// Which matrix column the tool's result belongs to.
    /// A Windows cmdlet (its output says the machine is a Windows one).
    pub fn is_windows(self) -> bool {
        matches!(
            self,
            Tool::Tnc | Tool::InvokeWebRequest | Tool::ResolveDnsName
        )
    }

    /// An error a tool or agent logged, not a test a person ran.
    pub fn is_logged(self) -> bool {
        matches!(
            self,
            Tool::Apt | Tool::Yum | Tool::Dnf | Tool::AgentLog | Tool::Libcurl
        )
    }

    pub fn layer(self) -> Layer {
        match self {
            Tool::Nslookup | Tool::ResolveDnsName | Tool::Dig | Tool::Host | Tool::Getent => {
                Layer::Dns
            }
            Tool::Nc | Tool::Tnc | Tool::Telnet => Layer::Tcp,
            Tool::Curl | Tool::InvokeWebRequest => Layer::Https,
            Tool::Apt | Tool::Yum | Tool::Dnf | Tool::AgentLog | Tool::Libcurl => Layer::Https,
            Tool::Unknown => Layer::Tcp,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    Dns,
    Tcp,
    Https,
}

/// The part of the script a check belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    FileRecovery,
    AzureBackup,
    Storage,
    EntraId,
    /// WireServer, IMDS or anything the script does not test.
    Other,
}

impl Section {
    pub const ORDER: [Section; 5] = [
        Section::FileRecovery,
        Section::AzureBackup,
        Section::Storage,
        Section::EntraId,
        Section::Other,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Section::FileRecovery => "file-recovery",
            Section::AzureBackup => "azure-backup",
            Section::Storage => "storage",
            Section::EntraId => "entra-id",
            Section::Other => "other",
        }
    }

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Section::FileRecovery => Text {
                en: "File recovery (ILR)",
                ja: "ファイルの回復 (ILR)",
            },
            Section::AzureBackup => Text {
                en: "Azure Backup",
                ja: "Azure Backup",
            },
            Section::Storage => Text {
                en: "Azure Storage",
                ja: "Azure Storage",
            },
            Section::EntraId => Text {
                en: "Microsoft Entra ID",
                ja: "Microsoft Entra ID",
            },
            Section::Other => Text {
                en: "Other",
                ja: "その他",
            },
        }
    }
}

/// A backup scenario a failure can break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// Snapshot backup of a whole Azure VM (needs only 168.63.129.16, not tested by the script).
    VmBackup,
    /// Item-level restore from a VM recovery point (iSCSI 3260, download.microsoft.com).
    FileRecovery,
    /// SQL Server / SAP HANA backup inside a VM.
    WorkloadBackup,
    /// The MARS agent (files and folders, System State).
    Mars,
    /// Agentless, crash-consistent snapshots of managed disks.
    DiskBackup,
}

impl Scenario {
    pub const ALL: [Scenario; 4] = [
        Scenario::VmBackup,
        Scenario::FileRecovery,
        Scenario::WorkloadBackup,
        Scenario::Mars,
    ];

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Scenario::VmBackup => Text {
                en: "Azure VM backup",
                ja: "Azure VM バックアップ",
            },
            Scenario::FileRecovery => Text {
                en: "file recovery (ILR)",
                ja: "ファイルの回復 (ILR)",
            },
            Scenario::WorkloadBackup => Text {
                en: "workload backup (SQL Server / SAP HANA in a VM)",
                ja: "ワークロード バックアップ (VM 内の SQL Server / SAP HANA)",
            },
            Scenario::DiskBackup => Text {
                en: "Azure Disk Backup (agentless)",
                ja: "Azure Disk Backup (エージェント不要)",
            },
            Scenario::Mars => Text {
                en: "MARS agent backup",
                ja: "MARS エージェントによるバックアップ",
            },
        }
    }
}

/// One `##TRY!!` block (or one pasted tool output) and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub tool: Tool,
    /// The FQDN or address as written in the marker (or found in the output).
    pub target: String,
    pub port: Option<u16>,
    pub status: Status,
    pub code: Code,
    /// Marker line to the last line of output, 1-based, inclusive.
    pub lines: Lines,
    pub section: Section,
    /// The marker line, when there is one.
    pub marker: Option<usize>,
    /// Which variant of the tool wrote the output (e.g. `ncat`, `openbsd`, `bind-9.18`).
    pub flavor: Option<String>,
    /// What the output says, as sentences with typed arguments (rendered in the language asked
    /// for; see `render::said`).
    pub summary: Vec<Sentence>,
    /// The lines the verdict rests on.
    pub evidence: Vec<Excerpt>,
    /// Index into `endpoints`.
    pub endpoint: usize,
}

/// A finding: one cause, the checks it explains, what it breaks and what to do.
///
/// The words come from the code's catalogue entry and from the finding's own sentences, chosen
/// in the language asked for when it is rendered (`render::words`); the report itself holds no
/// sentence, only what the sentences say, typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Said instead of the catalogue's title, when the finding words its title for this input.
    pub title: Option<Sentence>,
    /// What this input shows, said after the catalogue's explanation.
    pub detail: Vec<Sentence>,
    /// Said instead of the catalogue's next step, when the input calls for another one.
    pub next_step: Option<Sentence>,
    /// Indices into `checks`.
    pub checks: Vec<usize>,
    /// The lines the finding rests on.
    pub lines: Vec<Lines>,
    pub evidence: Vec<Excerpt>,
    pub affects: Vec<Scenario>,
    pub unaffected: Vec<Scenario>,
}

/// One sentence: which of its family's sentences (`Form`) and what fills it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub form: Form,
    pub args: Vec<Arg>,
}

/// A value a sentence names, typed, so that a renderer can show, list or mask it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Arg {
    /// Host names or addresses the checks targeted (shown as a short list).
    Hosts(Vec<String>),
    /// Addresses an answer or an interface gave.
    Addresses(Vec<String>),
    Ports(Vec<u16>),
    Count(usize),
    Seconds(u64),
    /// A proxy as written in the input.
    Proxy(String),
    /// A name, a version, a server, a unit: a word from the input.
    Word(String),
    /// A message quoted from the input.
    Quote(String),
    /// A code's catalogue title.
    Title(Code),
    /// Why the input was read as it was (the detector's typed reason).
    Reason(Why),
}

/// The words of a finding in one language, as renderers show them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindingWords {
    pub title: String,
    pub message: String,
    pub next_step: String,
}

/// One destination with its DNS / TCP / HTTPS results side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub target: String,
    pub section: Section,
    /// Region decoded from a backup FQDN (`jpe` -> Japan East).
    pub region: Option<Region>,
    pub dns: Cell,
    pub tcp: Vec<Cell>,
    pub https: Cell,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    /// The region's name in English (`Japan East`).
    pub name: String,
    /// The same name in Japanese (`東日本`), when known.
    pub name_ja: Option<String>,
}

/// A matrix cell: the checks behind it, or why there are none.
///
/// In JSON a cell is an object tagged by `"state"` (the contract). Compact binary formats
/// cannot read an internally tagged enum back, since that needs a
/// self-describing format, so they get serde's default, externally tagged form; see
/// [`cell_forms`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The script ran a check here.
    Checked {
        status: Status,
        checks: Vec<usize>,
        port: Option<u16>,
    },
    /// The script should have run a check here but the log ends before it.
    NotRun { port: Option<u16> },
    /// The script never tests this (e.g. HTTPS for file-recovery targets).
    NotTested,
    /// The input holds no check here (a fragment, or a target the script does not use).
    NotInInput,
}

/// Declares one serde form of [`Cell`] with the same variants, and the conversions both ways.
macro_rules! cell_form {
    ($(#[$attr:meta])* $name:ident) => {
        #[derive(Serialize, Deserialize)]
        $(#[$attr])*
        pub enum $name {
            Checked {
                status: Status,
                checks: Vec<usize>,
                port: Option<u16>,
            },
            NotRun {
                port: Option<u16>,
            },
            NotTested,
            NotInInput,
        }

        impl From<Cell> for $name {
            fn from(c: Cell) -> Self {
                match c {
                    Cell::Checked { status, checks, port } => $name::Checked { status, checks, port },
                    Cell::NotRun { port } => $name::NotRun { port },
                    Cell::NotTested => $name::NotTested,
                    Cell::NotInInput => $name::NotInInput,
                }
            }
        }

        impl From<$name> for Cell {
            fn from(c: $name) -> Self {
                match c {
                    $name::Checked { status, checks, port } => Cell::Checked { status, checks, port },
                    $name::NotRun { port } => Cell::NotRun { port },
                    $name::NotTested => Cell::NotTested,
                    $name::NotInInput => Cell::NotInInput,
                }
            }
        }
    };
}

mod cell_forms {
    use super::{Cell, Status};
    use serde::{Deserialize, Serialize};

    cell_form!(
        #[serde(tag = "state", rename_all = "kebab-case")]
        Tagged
    );
    cell_form!(
        #[serde(rename_all = "kebab-case")]
        Plain
    );
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            cell_forms::Tagged::from(self.clone()).serialize(s)
        } else {
            cell_forms::Plain::from(self.clone()).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            cell_forms::Tagged::deserialize(d).map(Cell::from)
        } else {
            cell_forms::Plain::deserialize(d).map(Cell::from)
        }
    }
}

impl Cell {
    pub fn status(&self) -> Option<Status> {
        match self {
            Cell::Checked { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Facts about the machine the script ran on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    pub host: Option<String>,
    pub host_line: Option<usize>,
    /// The `date` output exactly as logged.
    pub run_date: Option<String>,
    /// The same date as `YYYY-MM-DD HH:MM:SS`, when it could be read.
    pub run_date_iso: Option<String>,
    pub os: Option<String>,
    pub kernel: Option<String>,
    /// True when hostnamectl failed (containers, WSL, no systemd).
    pub hostnamectl_unavailable: bool,
    pub interfaces: Vec<Interface>,
    pub script_seconds: Option<u64>,
    pub complete: bool,
}

impl Machine {
    /// Whether two inputs name the same host (case aside); `None` when either names none.
    pub fn same_host(&self, other: &Machine) -> Option<bool> {
        Some(
            self.host
                .as_ref()?
                .eq_ignore_ascii_case(other.host.as_ref()?),
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    pub name: String,
    pub addresses: Vec<String>,
}

/// What the log says about proxies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyInfo {
    /// `$http_proxy` as echoed, `None` when the line was empty or absent.
    pub http_proxy: Option<String>,
    pub https_proxy: Option<String>,
    /// True when the environment section was present at all.
    pub section_present: bool,
    /// True when curl's own output shows a proxy (CONNECT replies, proxy errors).
    pub seen_in_curl: bool,
    /// The proxy host:port named by curl, when it names one.
    pub from_curl: Option<String>,
}

impl ProxyInfo {
    pub fn in_env(&self) -> bool {
        self.http_proxy.is_some() || self.https_proxy.is_some()
    }
    pub fn detected(&self) -> bool {
        self.in_env() || self.seen_in_curl
    }
}

/// Counts of checks per status, for banners.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub ok: usize,
    pub warning: usize,
    pub failure: usize,
    pub inconclusive: usize,
}

impl Counts {
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Ok => self.ok += 1,
            Status::Warning => self.warning += 1,
            Status::Failure => self.failure += 1,
            Status::Inconclusive => self.inconclusive += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.ok + self.warning + self.failure + self.inconclusive
    }
}

/// The whole analysis of one input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    /// The language the report is shown in.
    pub lang: Lang,
    pub input: InputInfo,
    pub overall: Status,
    /// One sentence for the banner, in both languages.
    pub summary: TextBuf,
    pub counts: Counts,
    pub machine: Machine,
    pub proxy: ProxyInfo,
    pub checks: Vec<Check>,
    pub endpoints: Vec<Endpoint>,
    pub findings: Vec<Finding>,
    /// Where the input's parts are, for a viewer's gutter (headings, environment, end lines).
    pub regions: Vec<TextRegion>,
    /// VM agent status, when the input is agent output.
    pub agent: Option<AgentReport>,
}

/// Ready or Not Ready, as Azure VM Backup needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgentState {
    Ready,
    NotReady,
    Unknown,
}

impl AgentState {
    pub fn word(self) -> &'static str {
        match self {
            AgentState::Ready => "ready",
            AgentState::NotReady => "not-ready",
            AgentState::Unknown => "unknown",
        }
    }

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            AgentState::Ready => Text {
                en: "Ready",
                ja: "Ready (準備完了)",
            },
            AgentState::NotReady => Text {
                en: "Not Ready",
                ja: "Not Ready (準備未完了)",
            },
            AgentState::Unknown => Text {
                en: "Unknown",
                ja: "不明",
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OsFamily {
    Linux,
    Windows,
}

/// A marketplace image or plan reference.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRef {
    pub publisher: Option<String>,
    pub offer: Option<String>,
    pub sku: Option<String>,
}

/// The Azure Backup extension (`VMSnapshot` / `VMSnapshotLinux`) as the text shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupExtension {
    pub name: String,
    pub version: Option<String>,
    /// `ok`, `failed` or `unknown`.
    pub state: String,
    pub message: Option<String>,
    pub line: usize,
}

/// Whether an address was reachable, with the line that says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub reachable: bool,
    pub port: Option<u16>,
    pub line: usize,
    pub text: String,
}

/// The agent service's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceState {
    pub unit: String,
    pub running: bool,
    pub line: usize,
}

/// A line of agent output with what it means, for an annotated view of the raw text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub line: usize,
    pub status: Status,
    /// What the line says, typed; its words are chosen when it is rendered.
    pub note: Sentence,
}

/// The VM agent's status as far as the text tells it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentReport {
    pub state: AgentState,
    /// The line the state was read from (the last state signal: the last one wins).
    pub state_line: Option<usize>,
    /// Where the state comes from, e.g. `instance view`, `service status`, `agent log`.
    pub state_source: Option<String>,
    pub status_message: Option<String>,
    /// The version that matters: the goal-state agent on Linux, the agent on Windows.
    pub version: Option<String>,
    /// The installed Linux package when it differs from the goal-state agent.
    pub package_version: Option<String>,
    pub minimum_version: Option<String>,
    pub version_supported: Option<bool>,
    pub os_family: Option<OsFamily>,
    pub os: Option<String>,
    pub computer_name: Option<String>,
    /// The vendor, when the image publisher or the text identifies a network appliance or custom OS.
    pub appliance: Option<String>,
    pub image: Option<ImageRef>,
    pub plan: Option<ImageRef>,
    pub extension: Option<BackupExtension>,
    /// The other extension handlers the agent lists (so "no Backup extension" can be told from
    /// "no handler list in this text").
    pub handlers: Vec<String>,
    pub wireserver: Option<Reach>,
    pub imds: Option<Reach>,
    pub service: Option<ServiceState>,
    /// The forms of agent output recognised in the input.
    pub forms: Vec<String>,
    pub annotations: Vec<Annotation>,
}

/// A named stretch of input lines that is not a check (headings, the environment section).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRegion {
    pub kind: RegionKind,
    pub lines: Lines,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionKind {
    Environment,
    Proxy,
    Heading,
    End,
}

impl Report {
    /// Exit code contract of the CLI: 0 ok or warning (or inconclusive), 1 failure, 3 not recognised.
    pub fn exit_code(&self) -> i32 {
        if self.input.kind == InputKind::Unknown {
            return 3;
        }
        match self.overall {
            Status::Failure => 1,
            _ => 0,
        }
    }

    /// Returns a copy that renderers show in `lang`.
    pub fn localized(&self, lang: Lang) -> Report {
        let mut r = self.clone();
        r.set_lang(lang);
        r
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }
}

/// The verdict of one backup scenario across several inputs of the same VM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioVerdict {
    pub scenario: Scenario,
    /// `None` when no input says anything about this scenario.
    pub status: Option<Status>,
    pub reason: TextBuf,
    /// Indices of the reports the verdict rests on.
    pub reports: Vec<usize>,
}

/// "Can this VM be backed up, and how": one verdict from a connectivity log and an agent status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    pub overall: Status,
    pub summary: TextBuf,
    pub recommendation: TextBuf,
    /// Host names the inputs name (connectivity log host, agent computer name).
    pub hosts: Vec<String>,
    /// False when the inputs name different machines.
    pub same_vm: Option<bool>,
    pub scenarios: Vec<ScenarioVerdict>,
}

/// Several reports analysed together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub schema: String,
    pub reports: Vec<Report>,
    pub combined: Combined,
}

pub const BUNDLE_SCHEMA: &str = "preflight-bundle/1";
