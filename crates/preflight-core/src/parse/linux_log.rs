//! The layout of the Linux script's log (field guide §B): environment section, proxy section,
//! `####` / `###` headings, `##TRY!!` blocks, and the closing `Complete...` lines.
//!
//! Also reads fragments (blocks copied out of a log) and a single tool output with no marker.
//! A block runs from its marker to the next marker, heading or end line; blank-line counts are
//! never used to find blocks (they differ when a tool is missing).

use std::borrow::Cow;

use crate::decode::Text;
use crate::report::{Interface, Lines, Machine, Section, Tool};

use super::{is_blank, strip_ansi};

/// One check as the log lays it out; its output is not interpreted here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub tool: Tool,
    pub target: String,
    pub port: Option<u16>,
    /// The marker line, or `None` for a pasted output with no marker.
    pub marker: Option<usize>,
    /// Marker (or first output line) to the last non-blank output line.
    pub lines: Lines,
    /// Output lines: first and last, or `None` when the tool printed nothing.
    pub output: Option<Lines>,
    pub section: Section,
    /// The marker had to be read leniently (extra spaces, tabs, full-width spaces, ANSI codes).
    pub marker_normalised: bool,
    /// The command held a full-width space (U+3000), the private-endpoint article's pitfall.
    pub fullwidth_in_command: bool,
    /// The block runs to the end of the input with no end line after it (it may be cut short).
    pub at_end_of_input: bool,
}

impl Block {
    /// A block read from a typed command or a transcript's result rather than a `##TRY!!`
    /// marker: its section from its target, nothing read leniently.
    pub fn typed(
        tool: Tool,
        target: String,
        port: Option<u16>,
        marker: Option<usize>,
        lines: Lines,
        output: Option<Lines>,
        at_end_of_input: bool,
    ) -> Block {
        Block {
            tool,
            section: section_from_target(&target, port),
            target,
            port,
            marker,
            lines,
            output,
            marker_normalised: false,
            fullwidth_in_command: false,
            at_end_of_input,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    pub section_present: bool,
    pub http_proxy: Option<(String, usize)>,
    pub https_proxy: Option<(String, usize)>,
    pub lines: Option<Lines>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinuxLog {
    pub machine: Machine,
    pub proxy: ProxyEnv,
    pub blocks: Vec<Block>,
    pub environment: Option<Lines>,
    pub headings: Vec<usize>,
    pub complete_line: Option<usize>,
    pub script_time_line: Option<usize>,
    /// `====` separator lines of the Site Recovery sibling script.
    pub separator_lines: Vec<usize>,
    /// The environment heading or the connectivity banner is present: a whole log, not a paste.
    pub has_layout: bool,
    /// Blocks that start at a typed command rather than at a `##TRY!!` marker.
    pub typed_commands: usize,
}

const ENV_START: &str = "#### 環境情報確認 ####";
const ENV_END: &str = "#### 環境情報確認終了 ####";

/// The heading that opens the script's environment section (its log's first line).
pub fn is_env_start(t: &str) -> bool {
    t == ENV_START || t.starts_with("#### 環境情報確認 ") && !t.contains("終了")
}
const HOST_PREFIX: &str = "## 実行しているマシンのホスト名は";
const DATE_PREFIXES: [&str; 2] = ["## 実行日次は", "## 実行日時は"];
const PROXY_HEADING: &str = "##プロキシ設定状態";

/// Reads a marker line: `##TRY!! <command> ##`, leniently.
pub fn parse_marker(raw: &str) -> Option<(String, bool)> {
    // Most lines are tool output: reject them before allocating.
    if !raw.as_bytes().contains(&b'!') || !raw.contains("TRY!!") {
        return None;
    }
    let cleaned = strip_ansi(raw);
    let mut normalised = cleaned.len() != raw.len();
    // Tabs and full-width spaces become spaces; a marker as the script writes it (no tab, no
    // 0xE3 lead byte of U+3000) is read in place, without a copy.
    let rewrite = cleaned.bytes().any(|b| b == b'\t' || b == 0xE3);
    let line: Cow<'_, str> = if rewrite {
        let l: String = cleaned
            .chars()
            .map(|c| if c == '\t' || c == '\u{3000}' { ' ' } else { c })
            .collect();
        if l != *cleaned {
            normalised = true;
        }
        Cow::Owned(l)
    } else {
        Cow::Borrowed(&*cleaned)
    };
    let t = line.trim();
    // The script writes `##TRY!! <command> ##` with nothing around it; anything else was edited.
    if t.len() != line.len() || !t.starts_with("##TRY!! ") || !t.ends_with(" ##") {
        normalised = true;
    }
    let rest = t.strip_prefix('#')?.trim_start_matches('#');
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("TRY!!")?;
    let cmd = rest.trim().trim_end_matches('#').trim();
    if cmd.is_empty() {
        return None;
    }
    Some((
        cleaned.trim().trim_end_matches('#').trim().to_owned(),
        normalised,
    ))
}

/// Splits a command into tool, target and port.
pub fn parse_command(cmd: &str) -> (Tool, String, Option<u16>, bool) {
    let body = cmd.trim_start_matches('#').trim_start();
    let body = body.strip_prefix("TRY!!").unwrap_or(body).trim();
    let fullwidth = body.contains('\u{3000}');
    let words: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty() && *w != "##")
        .collect();
    let Some((&first, args)) = words.split_first() else {
        return (Tool::Unknown, String::new(), None, fullwidth);
    };
    // `curl.exe` (Windows' own curl, `C:\Windows\System32\curl.exe`) is curl.
    let name = first.rsplit(['/', '\\']).next().unwrap_or(first);
    let name = name.strip_suffix(".exe").unwrap_or(name);
    let positional = match name {
        "nc" | "ncat" | "netcat" => operands(args, NC_SHORT_VALUES, NC_LONG_VALUES),
        "curl" => operands(args, CURL_SHORT_VALUES, CURL_LONG_VALUES),
        "dig" => operands(args, "bcfkpqty", &[]),
        "host" => operands(args, "cmNRtW", &[]),
        _ => operands(args, "", &[]),
    };
    match name {
        "dig" => {
            // `dig -x 20.1.2.3` asks for the address's name; otherwise the name is the operand
            // that is not `@server`, `+option` or a record type.
            let reverse = args
                .iter()
                .position(|a| *a == "-x")
                .and_then(|i| args.get(i + 1));
            let name = reverse.copied().or_else(|| {
                positional.iter().copied().find(|a| {
                    !a.starts_with(['@', '+'])
                        && !matches!(
                            a.to_ascii_uppercase().as_str(),
                            "A" | "AAAA"
                                | "CNAME"
                                | "ANY"
                                | "MX"
                                | "TXT"
                                | "NS"
                                | "SOA"
                                | "PTR"
                                | "IN"
                                | "SRV"
                        )
                })
            });
            (Tool::Dig, name.unwrap_or("").to_owned(), None, fullwidth)
        }
        "host" => (
            Tool::Host,
            positional.first().unwrap_or(&"").to_string(),
            None,
            fullwidth,
        ),
        "getent" => (
            Tool::Getent,
            positional.get(1).unwrap_or(&"").to_string(),
            None,
            fullwidth,
        ),
        "telnet" => {
            let target = positional.first().unwrap_or(&"").to_string();
            // telnet's own port is 23 when none is given.
            let port = positional.get(1).map_or(Some(23), |p| p.parse().ok());
            (Tool::Telnet, target, port, fullwidth)
        }
        "nslookup" => (
            Tool::Nslookup,
            positional.first().unwrap_or(&"").to_string(),
            None,
            fullwidth,
        ),
        "nc" | "ncat" | "netcat" => {
            let target = positional.first().unwrap_or(&"").to_string();
            let port = positional.get(1).and_then(|p| p.parse().ok());
            (Tool::Nc, target, port, fullwidth)
        }
        "curl" => {
            let url = positional
                .iter()
                .find(|a| a.contains("://"))
                .or_else(|| {
                    positional
                        .iter()
                        .find(|a| a.contains('.') || a.starts_with('['))
                })
                .copied()
                .unwrap_or("");
            let (host, port) = url_host_port(url);
            (Tool::Curl, host, port, fullwidth)
        }
        _ => (
            Tool::Unknown,
            positional.first().unwrap_or(&"").to_string(),
            None,
            fullwidth,
        ),
    }
}

/// nc's options that take a value (OpenBSD, Ncat, traditional, BusyBox): `-w 3`, `-x proxy:3128`.
const NC_SHORT_VALUES: &str = "wispxXqTOVIMmecgGP";
const NC_LONG_VALUES: &[&str] = &[
    "--proxy",
    "--proxy-type",
    "--proxy-auth",
    "--proxy-dns",
    "--wait",
    "--source",
    "--source-port",
    "--idle-timeout",
    "--exec",
    "--sh-exec",
    "--lua-exec",
    "--output",
    "--hex-dump",
    "--max-conns",
    "--allow",
    "--deny",
];
/// curl's options that take a value: `-m 10`, `-x proxy:3128`, `-o /dev/null`, `-w '%{…}'`.
const CURL_SHORT_VALUES: &str = "AbcCdDeEFHKmortTuUwxXyYzQP";
const CURL_LONG_VALUES: &[&str] = &[
    "--max-time",
    "--connect-timeout",
    "--proxy",
    "--preproxy",
    "--socks4",
    "--socks4a",
    "--socks5",
    "--socks5-hostname",
    "--noproxy",
    "--proxy-user",
    "--proxy-header",
    "--output",
    "--write-out",
    "--header",
    "--user-agent",
    "--user",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-urlencode",
    "--request",
    "--resolve",
    "--connect-to",
    "--cacert",
    "--capath",
    "--cert",
    "--key",
    "--cookie",
    "--cookie-jar",
    "--referer",
    "--retry",
    "--retry-delay",
    "--retry-max-time",
    "--interface",
    "--dns-servers",
    "--limit-rate",
    "--max-filesize",
    "--config",
    "--form",
    "--upload-file",
    "--range",
    "--speed-limit",
    "--speed-time",
    "--tls-max",
    "--ciphers",
    "--trace",
    "--trace-ascii",
    "--stderr",
];

/// The operands of a command (not its options or their values). Short options may be joined
/// (`-zvw3`, `-zvw 3`): a value letter takes the rest of its word, or the next word when it is
/// the word's last letter.
fn operands<'a>(args: &[&'a str], short_values: &str, long_values: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&a) = args.get(i) {
        i += 1;
        if a == "--url" {
            // curl's `--url https://…`: the option's value is the operand.
            out.extend(args.get(i).copied());
            i += 1;
        } else if let Some(long) = a.strip_prefix("--") {
            if !long.contains('=') && long_values.contains(&a) {
                i += 1;
            }
        } else if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            // The first value letter ends the cluster; it takes the next word if nothing follows.
            if let Some(at) = short.find(|c: char| short_values.contains(c)) {
                if at + 1 == short.len() {
                    i += 1;
                }
            }
        } else {
            out.push(a);
        }
    }
    out
}

/// `https://host[:port][/path]` to host and port (443 for https, 80 for http when not given).
pub fn url_host_port(url: &str) -> (String, Option<u16>) {
    let url = url.trim_matches(|c| c == '"' || c == '\'');
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("https".to_owned(), url),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let default_port = if scheme == "http" { 80 } else { 443 };
    if let Some(v6) = authority.strip_prefix('[') {
        let (host, tail) = v6.split_once(']').unwrap_or((v6, ""));
        let port = tail
            .strip_prefix(':')
            .and_then(|p| p.parse().ok())
            .unwrap_or(default_port);
        return (host.to_owned(), Some(port));
    }
    match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() => {
            (h.to_owned(), p.parse().ok().or(Some(default_port)))
        }
        _ => (authority.to_owned(), Some(default_port)),
    }
}

fn is_heading(t: &str) -> bool {
    t.starts_with("###") || t.starts_with("## ## ##") || t.starts_with("# ## ##")
}

fn is_end_line(t: &str) -> bool {
    t.starts_with("Complete...") || t.starts_with("[INFO] Script time is")
}

/// A manual command typed among the blocks, e.g. `nc -vz host 443` (its prompt, `[root@vm ~]# `, is
/// removed by `unwrap` before the log is read).
fn prompt_command(t: &str) -> Option<String> {
    // `unwrap` has already taken the prompt off; what is left must have the shape of a real
    // invocation of a network tool, so prose such as "curl failed to verify …" is not one.
    let name = super::command::unix_program(t);
    let network = matches!(
        name,
        "nslookup" | "nc" | "ncat" | "netcat" | "curl" | "dig" | "host" | "getent" | "telnet"
    );
    (network && super::command::is_bare_command(t)).then(|| t.to_owned())
}

/// Section from the nearest `####` heading and its `###` service-tag heading.
#[derive(Clone, Copy, Default)]
struct SectionState {
    ilr: bool,
    service: Option<Section>,
}

fn heading_section(t: &str, st: &mut SectionState) {
    if t.starts_with("#### ") || t.starts_with("####\t") {
        if t.contains("ILR") {
            st.ilr = true;
            st.service = None;
        } else if t.contains("Backup / Storage / AAD") || t.contains("代表宛先") {
            st.ilr = false;
            st.service = None;
        }
    } else if t.starts_with("### Servicetag") || t.starts_with("###Servicetag") {
        st.service = if t.contains("AzureActiveDirectory") {
            Some(Section::EntraId)
        } else if t.contains("Storage") {
            Some(Section::Storage)
        } else if t.contains("AzureBackup") {
            Some(Section::AzureBackup)
        } else if t.contains("AzureFrontDoor") {
            Some(Section::FileRecovery)
        } else {
            None
        };
    }
}

/// The section of a target that carries no heading (fragments), from its FQDN and port.
pub fn section_from_target(target: &str, port: Option<u16>) -> Section {
    let t = target.to_ascii_lowercase();
    if port == Some(3260) || t == "download.microsoft.com" || t.starts_with("pod01-rec") {
        return Section::FileRecovery;
    }
    if t.contains(".backup.windowsazure.") {
        return Section::AzureBackup;
    }
    if t.contains(".blob.core.windows.net")
        || t.contains(".queue.core.windows.net")
        || t.contains(".blob.storage.azure.net")
        || t.contains(".core.windows.net")
    {
        return Section::Storage;
    }
    if t.starts_with("login.")
        || t.contains("microsoftonline")
        || t.contains("msidentity.com")
        || t.contains("msauth.net")
        || t.contains("msftauth.net")
        || t.contains("graph.windows.net")
        || t.contains("graph.microsoft.com")
    {
        return Section::EntraId;
    }
    Section::Other
}

pub fn parse(text: &Text<'_>) -> LinuxLog {
    let mut log = LinuxLog::default();
    let n_lines = text.line_count();
    let mut markers: Vec<(usize, String, bool)> = Vec::new();
    let mut stops: Vec<usize> = Vec::new();
    let mut sections: Vec<(usize, SectionState)> = Vec::new();
    let mut st = SectionState::default();
    let mut env_start = None;
    let mut env_end = None;
    let mut in_ip = false;
    let mut in_hostnamectl = false;
    let mut current_if: Option<Interface> = None;

    // One scan of the whole input decides whether lines need ANSI handling at all.
    let has_ansi = memchr::memchr(0x1b, text.content.as_bytes()).is_some();
    let mut iter = (1..=n_lines).peekable();
    while let Some(n) = iter.next() {
        let raw = text.line(n);
        let cleaned = if has_ansi {
            strip_ansi(raw)
        } else {
            std::borrow::Cow::Borrowed(raw)
        };
        let t = cleaned.trim();
        // Markers start with `#` once trimmed; anything else skips the marker parser.
        let maybe_marker = t.starts_with('#') || (has_ansi && raw.contains('\u{1b}'));
        if let Some((cmd, normalised)) = maybe_marker.then(|| parse_marker(raw)).flatten() {
            markers.push((n, cmd, normalised));
            sections.push((n, st));
            in_ip = false;
            in_hostnamectl = false;
            continue;
        }
        // Tool output is most of a log; only lines that open like structure need the checks below.
        if !(in_ip || in_hostnamectl || opens_like_structure(t)) {
            continue;
        }
        if t.starts_with("==========") {
            log.separator_lines.push(n);
            continue;
        }
        if is_env_start(t) {
            env_start = Some(n);
            log.has_layout = true;
            log.headings.push(n);
            continue;
        }
        if t.starts_with(ENV_END) || t.starts_with("#### 環境情報確認終了") {
            env_end = Some(n);
            log.headings.push(n);
            flush_if(&mut current_if, &mut log.machine);
            in_ip = false;
            in_hostnamectl = false;
            stops.push(n);
            continue;
        }
        if let Some(h) = t.strip_prefix(HOST_PREFIX) {
            log.machine.host = Some(h.trim_end_matches("です。").trim().to_owned());
            log.machine.host_line = Some(n);
            continue;
        }
        if let Some(d) = DATE_PREFIXES.iter().find_map(|p| t.strip_prefix(p)) {
            let d = d.trim_end_matches("です。").trim();
            log.machine.run_date = Some(d.to_owned());
            log.machine.run_date_iso = parse_date(d);
            continue;
        }
        if t.starts_with("## ip a") {
            flush_if(&mut current_if, &mut log.machine);
            in_ip = true;
            in_hostnamectl = false;
            continue;
        }
        if t.starts_with("## hostnamectl") {
            flush_if(&mut current_if, &mut log.machine);
            in_ip = false;
            in_hostnamectl = true;
            continue;
        }
        if t.starts_with(PROXY_HEADING) {
            flush_if(&mut current_if, &mut log.machine);
            in_ip = false;
            in_hostnamectl = false;
            proxy_section(text, n, &mut iter, &mut log.proxy);
            continue;
        }
        if in_ip {
            ip_line(t, &mut current_if, &mut log.machine);
            continue;
        }
        if in_hostnamectl {
            hostnamectl_line(t, &mut log.machine);
            continue;
        }
        if is_heading(t) {
            if t.contains("疎通確認") || t.starts_with("## ## ##") {
                log.has_layout = true;
            }
            heading_section(t, &mut st);
            log.headings.push(n);
            stops.push(n);
            continue;
        }
        if is_end_line(t) {
            end_line(t, n, &mut log);
            stops.push(n);
            continue;
        }
        if let Some(cmd) = prompt_command(t) {
            log.typed_commands += 1;
            markers.push((n, cmd, true));
            sections.push((n, st));
            continue;
        }
    }
    flush_if(&mut current_if, &mut log.machine);
    log.machine.complete = log.complete_line.is_some() || log.script_time_line.is_some();
    if let Some(s) = env_start {
        log.environment = Some(Lines(s, env_end.unwrap_or(s)));
    }

    push_blocks(text, &markers, &stops, &sections, &mut log);
    log
}

/// Whether a line opens like the log's structure (a marker, heading, prompt, separator or end
/// line) rather than like tool output.
fn opens_like_structure(t: &str) -> bool {
    matches!(
        t.as_bytes().first(),
        Some(b'#' | b'=' | b'[' | b'$' | b'>' | b'%')
    ) || t.starts_with("Complete...")
        || t.starts_with("nc ")
        || t.starts_with("ncat ")
        || t.starts_with("curl ")
        || t.starts_with("nslookup ")
        || (memchr::memchr(b']', t.as_bytes()).is_some()
            && (t.contains("]# ") || t.contains("]$ ")))
        || (memchr::memchr(b'~', t.as_bytes()).is_some() && t.contains(":~"))
}

/// The proxy section after its heading on line `n`: `http_proxy コマンドの結果` then one value
/// line, the same for https_proxy. Consumes the lines it reads from `iter`.
fn proxy_section(
    text: &Text<'_>,
    n: usize,
    iter: &mut std::iter::Peekable<std::ops::RangeInclusive<usize>>,
    proxy: &mut ProxyEnv,
) {
    proxy.section_present = true;
    let mut last = n;
    for _ in 0..2 {
        let Some(&label_n) = iter.peek() else { break };
        let label = text.line(label_n).trim().to_owned();
        let is_https = label.starts_with("https_proxy");
        if !(label.starts_with("http_proxy") || is_https) {
            break;
        }
        iter.next();
        last = label_n;
        let Some(&value_n) = iter.peek() else { break };
        let value = strip_ansi(text.line(value_n)).trim().to_owned();
        if value.starts_with("https_proxy") || value.starts_with("####") {
            continue;
        }
        iter.next();
        last = value_n;
        let v = (!value.is_empty()).then_some((value, value_n));
        if is_https {
            proxy.https_proxy = v;
        } else {
            proxy.http_proxy = v;
        }
    }
    proxy.lines = Some(Lines(n, last));
}

/// A line of the `hostnamectl` section.
fn hostnamectl_line(t: &str, machine: &mut Machine) {
    if let Some(os) = t.strip_prefix("Operating System:") {
        machine.os = Some(os.trim().to_owned());
    } else if let Some(k) = t.strip_prefix("Kernel:") {
        machine.kernel = Some(k.trim().to_owned());
    } else if t.starts_with("System has not been booted with systemd")
        || t.starts_with("Failed to connect to bus")
    {
        machine.hostnamectl_unavailable = true;
    }
}

/// `Complete...` or the script's run time, on line `n`.
fn end_line(t: &str, n: usize, log: &mut LinuxLog) {
    if t.starts_with("Complete...") {
        log.complete_line = Some(n);
    } else {
        log.script_time_line = Some(n);
        log.machine.script_seconds = t
            .trim_start_matches("[INFO] Script time is")
            .trim()
            .trim_end_matches("sec.")
            .trim()
            .parse()
            .ok();
    }
}

/// One block per marker: from the marker to the next marker or stop line (heading, end line),
/// without trailing blank lines.
fn push_blocks(
    text: &Text<'_>,
    markers: &[(usize, String, bool)],
    stops: &[usize],
    sections: &[(usize, SectionState)],
    log: &mut LinuxLog,
) {
    let n_lines = text.line_count();
    let marker_lines: Vec<usize> = markers.iter().map(|m| m.0).collect();
    // Exactly one block per marker: no doubling slack in a log of 100 000 blocks.
    log.blocks.reserve_exact(markers.len());
    for (i, (n, cmd, normalised)) in markers.iter().enumerate() {
        let next_marker = marker_lines.get(i + 1).copied();
        // `stops` is in line order: a binary search keeps this linear for 100 000 blocks.
        let next_stop = stops.get(stops.partition_point(|&s| s <= *n)).copied();
        let end_exclusive = match (next_marker, next_stop) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => n_lines + 1,
        };
        let at_end = next_marker.is_none() && next_stop.is_none();
        let (tool, target, port, fullwidth) = parse_command(cmd);
        let mut last = *n;
        for k in (n + 1..end_exclusive).rev() {
            if !is_blank(text.line(k)) {
                last = k;
                break;
            }
        }
        let output = (last > *n).then(|| Lines(n + 1, last));
        let state = sections.get(i).map(|s| s.1).unwrap_or_default();
        let section = block_section(state, &target, port);
        log.blocks.push(Block {
            tool,
            target,
            port,
            marker: Some(*n),
            lines: Lines(*n, last),
            output,
            section,
            marker_normalised: *normalised,
            fullwidth_in_command: fullwidth,
            at_end_of_input: at_end,
        });
    }
}

fn block_section(st: SectionState, target: &str, port: Option<u16>) -> Section {
    if st.ilr {
        return Section::FileRecovery;
    }
    if let Some(s) = st.service {
        if s != Section::FileRecovery {
            return s;
        }
    }
    section_from_target(target, port)
}

fn flush_if(current: &mut Option<Interface>, machine: &mut Machine) {
    // Several runs of the script appended to one file repeat the environment section: an
    // interface is listed once.
    if let Some(i) = current.take() {
        if !machine.interfaces.contains(&i) {
            machine.interfaces.push(i);
        }
    }
}

fn ip_line(t: &str, current: &mut Option<Interface>, machine: &mut Machine) {
    // `2: eth0: <BROADCAST,…>` starts an interface; `inet 10.0.0.4/24 … scope global eth0` adds to it.
    if let Some((idx, rest)) = t.split_once(": ") {
        if idx.chars().all(|c| c.is_ascii_digit()) && !idx.is_empty() {
            flush_if(current, machine);
            let name = rest
                .split(':')
                .next()
                .unwrap_or("")
                .split('@')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            *current = Some(Interface {
                name,
                addresses: Vec::new(),
            });
            return;
        }
    }
    let mut words = t.split_whitespace();
    if let (Some(kind), Some(addr)) = (words.next(), words.next()) {
        if kind == "inet" || kind == "inet6" {
            if let Some(i) = current.as_mut() {
                i.addresses.push(addr.to_owned());
            }
        }
    }
}

/// Reads `date` output in the en_US and ja_JP shapes into `YYYY-MM-DD HH:MM:SS[ TZ]`.
///
/// `Sun Nov 22 12:04:54 AM UTC 2026`, `Sun Nov 22 00:04:54 UTC 2026`,
/// `2026年 11月 22日 日曜日 00:04:54 UTC`. Anything else gives `None`; the raw text is kept.
pub fn parse_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let (mut year, mut month, mut day, mut time, mut tz, mut pm, mut am) =
        (None, None, None, None, None, false, false);
    for w in &words {
        let lw = w.to_ascii_lowercase();
        if let Some(y) = w.strip_suffix('年') {
            year = y.parse::<u32>().ok();
        } else if let Some(m) = w.strip_suffix('月') {
            month = m.parse::<u32>().ok();
        } else if let Some(d) = w.strip_suffix('日') {
            if let Ok(d) = d.parse::<u32>() {
                day = Some(d);
            }
        } else if let Some(i) = MONTHS.iter().position(|m| lw.starts_with(m)) {
            month = Some(i as u32 + 1);
        } else if w.contains(':') && w.chars().all(|c| c.is_ascii_digit() || c == ':') {
            time = Some(w.to_string());
        } else if lw == "am" || lw == "午前" {
            am = true;
        } else if lw == "pm" || lw == "午後" {
            pm = true;
        } else if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            year = w.parse().ok();
        } else if (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()) {
            day = w.parse().ok();
        } else if w.chars().all(|c| c.is_ascii_uppercase()) && (2..=5).contains(&w.len()) {
            tz = Some(w.to_string());
        }
    }
    let (y, m, d, t) = (year?, month?, day?, time?);
    let mut parts = t.split(':');
    let mut h: u32 = parts.next()?.parse().ok()?;
    let mi: u32 = parts.next()?.parse().ok()?;
    let se: u32 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    if pm && h < 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{se:02}");
    if let Some(tz) = tz {
        out.push(' ');
        out.push_str(&tz);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_leniently() {
        assert_eq!(
            parse_marker("##TRY!! nslookup  x.example ##").map(|m| m.1),
            Some(false)
        );
        assert!(parse_marker("##TRY!!\tnc -vz x 443 ##").is_some_and(|m| m.1));
        assert!(parse_marker("##TRY!!\u{3000}nc -vz x 443 ##").is_some_and(|m| m.1));
        assert!(parse_marker("## Servicetag").is_none());
    }

    #[test]
    fn commands_give_tool_target_port() {
        assert_eq!(
            parse_command("##TRY!! nslookup  download.microsoft.com ##"),
            (Tool::Nslookup, "download.microsoft.com".into(), None, false)
        );
        assert_eq!(
            parse_command("nc -vz  10.12.0.15\u{3000}443"),
            (Tool::Nc, "10.12.0.15".into(), Some(443), true)
        );
        assert_eq!(
            parse_command("curl -I https://login.microsoft.com"),
            (Tool::Curl, "login.microsoft.com".into(), Some(443), false)
        );
    }

    #[test]
    fn dates_in_both_locales() {
        assert_eq!(
            parse_date("Sun Nov 22 12:04:54 AM UTC 2026").as_deref(),
            Some("2026-11-22 00:04:54 UTC")
        );
        assert_eq!(
            parse_date("Sun Nov 22 00:04:54 UTC 2026").as_deref(),
            Some("2026-11-22 00:04:54 UTC")
        );
        assert_eq!(
            parse_date("2026年 11月 22日 日曜日 00:04:54 UTC").as_deref(),
            Some("2026-11-22 00:04:54 UTC")
        );
        assert_eq!(
            parse_date("Sun Nov 22 03:04:54 PM JST 2026").as_deref(),
            Some("2026-11-22 15:04:54 JST")
        );
        assert_eq!(parse_date("garbage"), None);
    }

    #[test]
    fn two_runs_in_one_file_list_each_interface_once() {
        let run = "#### 環境情報確認 ####\n## ip a コマンドの結果は以下です\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n    inet 10.0.0.4/24 brd 10.0.0.255 scope global eth0\n#### 環境情報確認終了 ####\n";
        let twice = format!("{run}{run}");
        let log = parse(&crate::decode::decode(twice.as_bytes()));
        assert_eq!(
            log.machine.interfaces.len(),
            1,
            "{:?}",
            log.machine.interfaces
        );
        assert_eq!(log.machine.interfaces[0].addresses, vec!["10.0.0.4/24"]);
    }

    #[test]
    fn sections_from_fqdns() {
        assert_eq!(
            section_from_target("pod01-rec2.jpe.backup.windowsazure.com", Some(3260)),
            Section::FileRecovery
        );
        assert_eq!(
            section_from_target("pod01-manag1.jpe.backup.windowsazure.com", Some(443)),
            Section::AzureBackup
        );
        assert_eq!(
            section_from_target("md-x.z33.blob.storage.azure.net", None),
            Section::Storage
        );
        assert_eq!(
            section_from_target("loginex.microsoftonline.com", None),
            Section::EntraId
        );
    }
}
