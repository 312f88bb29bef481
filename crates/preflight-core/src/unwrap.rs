//! Unwrapping: peels the wrappers people paste tool output through, so every reader sees the
//! output itself, and keeps a map from each unwrapped line back to the line of the input.
//!
//! Wrappers peeled, each in its own step below:
//! - run-command JSON (`az vm` / `az vmss run-command invoke`, `az vm run-command show
//!   --instance-view`): the output is a JSON string with escaped `\n`, `\t` and `\"`;
//! - the object `Invoke-AzVMRunCommand` prints (`Value[0]`, `Code : ComponentStatus/…`, `Message :`);
//! - the `Enable succeeded:` / `[stdout]` / `[stderr]` frame of the portal and of extension errors;
//! - Markdown code fences and quotes (`> `, nested, indented inside a list), with Markdown's
//!   backslash escapes inside quotes (`https\://`);
//! - `kubectl exec`, `crictl exec`, `docker exec` and `oc exec` around a command;
//! - shell and PowerShell prompts: the line is then a command the person typed.
//!
//! Most inputs carry no wrapper at all (a whole script log); for them nothing is copied and
//! [`unwrap`] returns `None`.

use crate::decode::Text;
use crate::parse::command::unix_program;
use crate::report::{Lines, Peeled, Wrapper};

/// The input with its wrappers removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unwrapped {
    /// The text the readers see, one `\n` per line.
    pub content: String,
    /// For each line of `content` (index 0 is line 1), the input line it came from.
    pub origin: Vec<usize>,
    /// Lines of `content` (1-based) that held a prompt: commands the person typed.
    pub typed: Vec<usize>,
    /// Lines of `content` (1-based) that were a `[stdout]` / `[stderr]` frame (now blank): where
    /// one output ends and another begins.
    pub frames: Vec<usize>,
    pub peeled: Vec<Peeled>,
}

impl Unwrapped {
    /// The input line an unwrapped line came from.
    pub fn original(&self, n: usize) -> usize {
        n.checked_sub(1)
            .and_then(|i| self.origin.get(i))
            .copied()
            .unwrap_or(n)
    }
}

/// The unwrapped text under construction. Nothing is copied until the first wrapper is found:
/// then the lines before it are copied as they are, and every line after it goes through here.
struct Out<'t> {
    text: &'t Text<'t>,
    content: String,
    origin: Vec<usize>,
    typed: Vec<usize>,
    frames: Vec<usize>,
    peeled: Vec<Peeled>,
    changed: bool,
}

impl Out<'_> {
    fn push(&mut self, line: &str, from: usize) {
        if !self.changed {
            return;
        }
        self.content.push_str(line);
        self.content.push('\n');
        self.origin.push(from);
    }

    /// Records a wrapper on input line `line`, before that line's text is pushed.
    fn note(&mut self, wrapper: Wrapper, line: usize) {
        if !self.changed {
            self.changed = true;
            let text = self.text;
            for k in 1..line {
                self.push(text.line(k), k);
            }
        }
        match self.peeled.last_mut() {
            Some(p) if p.wrapper == wrapper && p.lines.1 + 1 >= line => p.lines.1 = line,
            _ => self.peeled.push(Peeled {
                wrapper,
                lines: Lines::one(line),
            }),
        }
    }

    fn line_count(&self) -> usize {
        self.origin.len()
    }
}

/// Peels every wrapper; `None` when the input has none (the text is read as it is).
pub fn unwrap(text: &Text<'_>) -> Option<Unwrapped> {
    // The Linux script's own log opens with its environment heading: nothing wraps it (a quote,
    // fence, prompt or JSON would come first), and trying each wrapper on each of its lines
    // would cost as much as judging them.
    if opens_as_script_log(text) {
        return None;
    }
    let n_lines = text.line_count();
    let keys = JsonKeys::of(text);
    let json = json_frame_lines(text, keys);
    let mut out = Out {
        text,
        content: String::new(),
        origin: Vec::new(),
        typed: Vec::new(),
        frames: Vec::new(),
        peeled: Vec::new(),
        changed: false,
    };
    let mut ctx = Context::default();
    for n in 1..=n_lines {
        let raw = text.line(n);
        if json.binary_search(&n).is_ok() {
            out.note(Wrapper::RunCommandJson, n);
            out.push("", n);
            continue;
        }
        if let Some(body) = run_command_message(raw, keys) {
            out.note(Wrapper::RunCommandJson, n);
            for piece in body.split('\n') {
                peel_line(piece, n, &mut ctx, &mut out);
            }
            continue;
        }
        peel_line(raw, n, &mut ctx, &mut out);
    }
    if !out.changed {
        return None;
    }
    Some(Unwrapped {
        content: out.content,
        origin: out.origin,
        typed: out.typed,
        frames: out.frames,
        peeled: out.peeled,
    })
}

/// What earlier lines tell about the next one.
#[derive(Default)]
struct Context {
    /// Inside `nslookup`'s interactive mode, where `> name` is its prompt, not a quote.
    nslookup_session: bool,
    /// The previous line was curl's verbose output (`* `, `> `, `< `).
    curl_verbose: bool,
    /// Inside the `Invoke-AzVMRunCommand` object, before its `Message :` value.
    run_command_object: bool,
    /// Inside that object's `Message :` value: lines are output until the next property.
    run_command_message: bool,
}

/// Peels one line and appends what is left.
fn peel_line(raw: &str, n: usize, ctx: &mut Context, out: &mut Out) {
    let trimmed = raw.trim_start();
    // Most lines of most inputs (every line of a script log but its markers) are plain output:
    // answer them without trying each wrapper in turn, which would cost more than the rest of
    // the analysis of such a line.
    if !ctx.nslookup_session && !ctx.run_command_object && is_plain(trimmed) {
        ctx.curl_verbose = trimmed.starts_with("* ") || trimmed.starts_with("< ");
        out.push(raw, n);
        return;
    }
    if is_fence(trimmed) {
        out.note(Wrapper::CodeFence, n);
        out.push("", n);
        return;
    }
    if let Some(kept) = run_command_object_line(trimmed, ctx) {
        out.note(Wrapper::RunCommandObject, n);
        out.push(kept, n);
        return;
    }
    if is_output_frame(trimmed) {
        out.note(Wrapper::OutputFrame, n);
        out.push("", n);
        out.frames.push(out.line_count());
        return;
    }
    let curl_line = trimmed.starts_with("* ") || trimmed.starts_with("< ");
    let unquoted;
    let mut line = raw;
    if trimmed.starts_with('>') && !ctx.nslookup_session && !ctx.curl_verbose {
        unquoted = unquote(trimmed);
        out.note(Wrapper::Quote, n);
        line = &unquoted;
        // A fence or an output frame quoted with the rest (an extension error in a reply).
        let inner = line.trim_start();
        if is_fence(inner) || is_output_frame(inner) {
            out.push("", n);
            if is_output_frame(inner) {
                out.note(Wrapper::OutputFrame, n);
                out.frames.push(out.line_count());
            } else {
                out.note(Wrapper::CodeFence, n);
            }
            return;
        }
    }
    ctx.curl_verbose = curl_line || (ctx.curl_verbose && trimmed.starts_with('>'));
    if let Some(cmd) = prompt::strip(line) {
        out.note(Wrapper::Prompt, n);
        let cmd = match container_exec(cmd) {
            Some(inner) => {
                out.note(Wrapper::ContainerExec, n);
                inner
            }
            None => cmd,
        };
        ctx.nslookup_session = opens_nslookup_session(cmd);
        out.push(cmd, n);
        out.typed.push(out.line_count());
        return;
    }
    if ctx.nslookup_session && !trimmed.is_empty() && is_shell_command(trimmed) {
        ctx.nslookup_session = false;
    }
    if !ctx.nslookup_session && opens_nslookup_session(line.trim()) {
        ctx.nslookup_session = true;
    }
    if let Some(inner) = container_exec(line.trim()) {
        out.note(Wrapper::ContainerExec, n);
        out.push(inner, n);
        out.typed.push(out.line_count());
        return;
    }
    out.push(line, n);
}

/// The input's first non-blank line is the Linux script's first heading (`#### 環境情報確認 ####`).
fn opens_as_script_log(text: &Text<'_>) -> bool {
    (1..=text.line_count())
        .map(|n| text.line(n).trim())
        .find(|l| !l.is_empty())
        .is_some_and(crate::parse::linux_log::is_env_start)
}

/// A line no wrapper can start at: no prompt byte (`$ # > %`, see `prompt::strip`), no fence,
/// frame or run-command property at its start, and a first word that is neither nslookup
/// (which opens its interactive mode) nor a container tool (`kubectl exec`).
fn is_plain(t: &str) -> bool {
    if prompt::may_hold_prompt(t) {
        return false;
    }
    if matches!(
        t.as_bytes().first(),
        Some(b'`' | b'~' | b'[' | b'E' | b'V' | b'C')
    ) {
        return false;
    }
    let name = unix_program(t);
    name != "nslookup" && !CONTAINER_TOOLS.contains(&name)
}

/// The tools whose `exec` runs a command in a container (`container_exec`).
const CONTAINER_TOOLS: &[&str] = &["kubectl", "oc", "crictl", "docker", "podman"];

/// ```` ``` ````, ```` ```bash ````, `~~~`.
fn is_fence(t: &str) -> bool {
    let t = t.trim_end();
    (t.starts_with("```") || t.starts_with("~~~")) && !t.get(3..).unwrap_or("").contains(['`', ' '])
}

/// `Enable succeeded:`, `[stdout]`, `[stderr]`: the frame run-command and extensions put around
/// a script's output.
fn is_output_frame(t: &str) -> bool {
    let t = t.trim_end();
    matches!(t, "[stdout]" | "[stderr]")
        || (t.starts_with("Enable ") && t.ends_with(':') && t.len() < 40)
}

/// Removes Markdown quote marks (`> `, `>> `, `> > `) and the backslash escapes Markdown needs.
fn unquote(t: &str) -> String {
    let mut rest = t;
    while let Some(r) = rest.strip_prefix('>') {
        // One space belongs to the mark; the rest is the text's own indentation (PowerShell's
        // nested properties are read by it).
        rest = r.strip_prefix(' ').unwrap_or(r);
        let inner = rest.trim_start_matches(' ');
        if !inner.starts_with('>') {
            break;
        }
        rest = inner;
    }
    unescape_markdown(rest)
}

/// `https\://host` to `https://host`: a backslash before ASCII punctuation only escapes it.
fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// `nslookup` typed with no name (or `-` and a server) starts its interactive mode.
pub fn opens_nslookup_session(cmd: &str) -> bool {
    if unix_program(cmd) != "nslookup" {
        return false;
    }
    let rest: Vec<&str> = cmd.split_whitespace().skip(1).collect();
    match rest.as_slice() {
        [] => true,
        [dash, ..] => *dash == "-",
    }
}

/// A line that leaves nslookup's prompt: the shell's next command.
fn is_shell_command(t: &str) -> bool {
    !t.starts_with('>')
        && !t.starts_with("Server:")
        && !t.starts_with("Address:")
        && !t.starts_with("Default server:")
        && prompt::strip(t).is_some()
}

/// The command a container runtime runs: `kubectl exec -it pod -- curl …` gives `curl …`.
fn container_exec(cmd: &str) -> Option<&str> {
    let mut words = cmd.split_whitespace();
    let tool = words.next()?;
    let tool = tool.rsplit('/').next().unwrap_or(tool);
    if !CONTAINER_TOOLS.contains(&tool) || words.next() != Some("exec") {
        return None;
    }
    let inner = match cmd.find(" -- ") {
        Some(i) => cmd.get(i + 4..)?,
        None if matches!(tool, "crictl" | "docker" | "podman") => after_container_id(cmd)?,
        None => return None,
    };
    Some(shell_c(inner.trim()))
}

/// `docker exec -it -e A=B web curl …`: skips the options and the container's id or name.
fn after_container_id(cmd: &str) -> Option<&str> {
    const WITH_VALUE: &[&str] = &[
        "-e",
        "--env",
        "-u",
        "--user",
        "-w",
        "--workdir",
        "--env-file",
    ];
    let mut rest = cmd.split_once(" exec ")?.1.trim_start();
    loop {
        let (word, tail) = rest.split_once(char::is_whitespace)?;
        let tail = tail.trim_start();
        if WITH_VALUE.contains(&word) {
            rest = tail.split_once(char::is_whitespace)?.1.trim_start();
        } else if word.starts_with('-') {
            rest = tail;
        } else {
            return Some(tail);
        }
    }
}

/// `sh -c "curl …"` to `curl …`.
fn shell_c(cmd: &str) -> &str {
    for sh in ["sh -c ", "bash -c ", "/bin/sh -c ", "/bin/bash -c "] {
        if let Some(rest) = cmd.strip_prefix(sh) {
            return rest.trim().trim_matches(|c| c == '"' || c == '\'');
        }
    }
    cmd
}

/// Which JSON strings hold a script's output in this input.
#[derive(Clone, Copy, Default)]
struct JsonKeys {
    /// `"message"` of `az vm run-command invoke` (`Enable succeeded: \n[stdout]…`), or of the
    /// Windows form, whose items are coded `ComponentStatus/StdOut/succeeded`.
    std_codes: bool,
    /// `"output"` / `"error"` of a managed run command's instance view (`executionState`).
    managed: bool,
}

impl JsonKeys {
    fn of(text: &Text<'_>) -> JsonKeys {
        let c = &text.content;
        JsonKeys {
            std_codes: c.contains("ComponentStatus/Std"),
            managed: c.contains("\"executionState\""),
        }
    }
}

/// The output inside a run-command JSON string, unescaped; `None` for any other line.
fn run_command_message(line: &str, keys: JsonKeys) -> Option<String> {
    let t = line.trim_start();
    let (key, rest) = ["\"message\"", "\"Message\"", "\"output\"", "\"error\""]
        .iter()
        .find_map(|k| t.strip_prefix(k).map(|r| (*k, r)))?;
    let value = rest.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    // An instance view's messages are one-line statuses; a script's output is framed by
    // `[stdout]` / `[stderr]`, or coded as standard output, or a managed command's `output`.
    let output = match key {
        "\"output\"" | "\"error\"" => keys.managed,
        _ => value.contains("[stdout]") || value.contains("[stderr]") || keys.std_codes,
    };
    if !output || !(value.contains("\\n") || value.contains("[stdout]")) {
        return None;
    }
    Some(json_unescape(value))
}

/// Decodes a JSON string body up to its closing quote (or the end of a cut line).
fn json_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => {}
                Some('b') | Some('f') => {}
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(ch);
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    out
}

/// The JSON lines around a run-command message (`{`, `"value": [`, `"code": …`): the wrapper's
/// own text, which says the extension ran, not what the command found.
fn json_frame_lines(text: &Text<'_>, keys: JsonKeys) -> Vec<usize> {
    let n_lines = text.line_count();
    let messages: Vec<usize> = (1..=n_lines)
        .filter(|&n| {
            let l = text.line(n);
            memchr::memchr(b'"', l.as_bytes()).is_some() && run_command_message(l, keys).is_some()
        })
        .collect();
    // Ranges are found message by message, so they come in order; a line two ranges share is
    // kept once. Another message's line is never part of a frame.
    let mut frame: Vec<usize> = Vec::new();
    for &m in &messages {
        let is_frame =
            |n: usize| messages.binary_search(&n).is_err() && is_json_frame(text.line(n));
        let mut first = m;
        while first > 1 && is_frame(first - 1) {
            first -= 1;
        }
        let mut last = m;
        while last < n_lines && is_frame(last + 1) {
            last += 1;
        }
        for n in (first..=last).filter(|&n| n != m) {
            if frame.last().is_none_or(|&l| n > l) {
                frame.push(n);
            }
        }
    }
    frame
}

/// `{`, `],`, `"code": "ProvisioningState/succeeded",`: a line of JSON structure.
fn is_json_frame(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| matches!(c, '{' | '}' | '[' | ']' | ',')) {
        return true;
    }
    t.starts_with('"')
        && t.get(1..)
            .and_then(|r| r.split_once('"'))
            .is_some_and(|(key, rest)| {
                !key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && rest.trim_start().starts_with(':')
            })
}

/// A line of `Invoke-AzVMRunCommand`'s object: `None` to keep the line as output, `Some("")` to
/// blank a property line, `Some(value)` for the first line of `Message :`.
fn run_command_object_line<'a>(t: &'a str, ctx: &mut Context) -> Option<&'a str> {
    let property = |t: &str| -> Option<(String, usize)> {
        let (name, _) = t.split_once(':')?;
        let name = name.trim_end();
        let plain = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '[' | ']'));
        (plain && !name.is_empty() && t.get(name.len()..)?.trim_start().starts_with(':'))
            .then(|| (name.to_owned(), t.find(':').map_or(0, |i| i + 1)))
    };
    let opens = t.starts_with("Value[") && t.trim_end().ends_with(':');
    if opens || (t.starts_with("Code") && t.contains("ComponentStatus/")) {
        ctx.run_command_object = true;
        ctx.run_command_message = false;
        return Some("");
    }
    if !ctx.run_command_object {
        return None;
    }
    match property(t) {
        Some((name, at)) if name == "Message" => {
            ctx.run_command_message = true;
            Some(t.get(at..).unwrap_or("").strip_prefix(' ').unwrap_or(""))
        }
        Some((name, _))
            if matches!(
                name.as_str(),
                "Level" | "DisplayStatus" | "Time" | "Status" | "Capacity" | "Count" | "Value"
            ) || name.starts_with("Value[") =>
        {
            ctx.run_command_message = false;
            Some("")
        }
        _ if ctx.run_command_message => None,
        _ if t.is_empty() => None,
        _ => {
            ctx.run_command_object = false;
            None
        }
    }
}

pub mod prompt {
    //! Shell and PowerShell prompts. A prompt is what the shell printed before a typed command;
    //! the command is what follows it.

    /// Commands worth reading (with `command::WINDOWS_NETWORK`), or that end one output and start
    /// the next. A weak prompt (`$ `, `# `, `> `, a bare directory name) counts only before one
    /// of these.
    const KNOWN: &[&str] = &[
        "nslookup",
        "nc",
        "ncat",
        "netcat",
        "curl",
        "wget",
        "dig",
        "host",
        "getent",
        "telnet",
        "ping",
        "traceroute",
        "tracepath",
        "openssl",
        "waagent",
        "systemctl",
        "service",
        "journalctl",
        "cat",
        "tail",
        "grep",
        "less",
        "az",
        "sudo",
        "timeout",
        "echo",
        "uname",
        "ip",
        "ifconfig",
        "ss",
        "netstat",
        "hostname",
        "hostnamectl",
        "kubectl",
        "crictl",
        "docker",
        "apt",
        "apt-get",
        "yum",
        "dnf",
        "zypper",
        "python",
        "python3",
        "env",
        "export",
        "ls",
        "cd",
        "Get-AzVM",
        "Get-Service",
        "ipconfig",
        "curl.exe",
        "nslookup.exe",
        "powershell",
        "pwsh",
    ];

    /// The command after a prompt, or `None` when the line does not start with one.
    /// Every prompt form holds one of `$ # > %`; most log lines hold none.
    pub fn may_hold_prompt(line: &str) -> bool {
        let b = line.as_bytes();
        memchr::memchr3(b'$', b'#', b'>', b).is_some() || memchr::memchr(b'%', b).is_some()
    }

    pub fn strip(line: &str) -> Option<&str> {
        if !may_hold_prompt(line) {
            return None;
        }
        let t = line.trim_start();
        // A prompt with nothing typed after it: the session went on to its next prompt.
        if matches!(t.trim_end(), "$" | "%" | "PS>") {
            return Some("");
        }
        if let Some(cmd) = powershell(line) {
            return Some(cmd);
        }
        if let Some(cmd) = bracketed(t).or_else(|| user_at_host(t)) {
            return Some(cmd);
        }
        weak(t).filter(|cmd| starts_with_known(cmd))
    }

    /// `PS C:\Users\me> cmd`, `PS /home/me> cmd`, `PS>`, `C:\Users\me>cmd`; PowerShell consoles
    /// pad lines, so the prompt may follow other text on the same line.
    fn powershell(line: &str) -> Option<&str> {
        let mut from = 0;
        while let Some(i) = line.get(from..)?.find("PS ") {
            let at = from + i;
            let before_ok = at == 0
                || line
                    .get(..at)
                    .is_some_and(|b| b.ends_with(|c: char| c.is_whitespace()));
            let rest = line.get(at + 3..)?;
            if before_ok && (is_drive_path(rest) || rest.starts_with('/')) {
                if let Some(end) = rest
                    .find("> ")
                    .or_else(|| rest.ends_with('>').then(|| rest.len() - 1))
                {
                    let path = rest.get(..end)?;
                    if !path.contains(['>', '<', '|']) {
                        return Some(rest.get(end + 1..)?.trim());
                    }
                }
            }
            from = at + 3;
        }
        let t = line.trim_start();
        if let Some(r) = t.strip_prefix("PS>") {
            return Some(r.trim());
        }
        // cmd.exe: `C:\Users\me>nslookup x`
        if is_drive_path(t) {
            let end = t.find('>')?;
            let path = t.get(..end)?;
            if !path.contains(' ') || path.contains('\\') {
                return Some(t.get(end + 1..)?.trim());
            }
        }
        None
    }

    /// `C:\…`: a Windows path (the Command Prompt's and PowerShell's prompts start with one).
    pub fn is_drive_path(s: &str) -> bool {
        let b = s.as_bytes();
        matches!(b, [d, b':', b'\\', ..] if d.is_ascii_alphabetic())
    }

    /// `[root@vm ~]# cmd`, `[user@host dir]$ cmd`, `[/share/Public] # cmd`,
    /// `[root@10.1.2.3 2024-03-06_20:23:45 UTC ~]# cmd`.
    fn bracketed(t: &str) -> Option<&str> {
        if !t.starts_with('[') {
            return None;
        }
        let close = t.find(']')?;
        let inside = t.get(1..close)?;
        if !(inside.contains('@') || inside.starts_with('/') || inside.starts_with('~')) {
            return None;
        }
        let rest = t.get(close + 1..)?.trim_start_matches(' ');
        let rest = rest
            .strip_prefix('$')
            .or_else(|| rest.strip_prefix('#'))
            .or_else(|| rest.strip_prefix('%'))?;
        Some(rest.trim())
    }

    /// `user@host:~$ cmd`, `user@host:/tmp# cmd`, `core@cluster-d0 ~ $ cmd`, `me@mac ~ % cmd`.
    fn user_at_host(t: &str) -> Option<&str> {
        let first = t.split(' ').next()?;
        let at = first.find('@')?;
        if at == 0 || first.contains("://") {
            return None;
        }
        for sign in ["$ ", "# ", "% "] {
            if let Some(i) = t.find(sign) {
                let head = t.get(..i)?;
                // The prompt is the user, host and directory: at most two spaces in it.
                if head.matches(' ').count() <= 2 && !head.contains(['"', '\'', '=']) {
                    return Some(t.get(i + 2..)?.trim());
                }
            }
        }
        for sign in ['$', '#', '%'] {
            if t.trim_end().ends_with(sign) && t.trim_end().matches(' ').count() <= 2 {
                return Some("");
            }
        }
        None
    }

    /// `$ cmd`, `# cmd`, `% cmd`, `> cmd`, `sh-4.2$ cmd`, `1-vwan-single-region$ cmd`.
    fn weak(t: &str) -> Option<&str> {
        for sign in ["$ ", "# ", "% ", "> "] {
            if let Some(r) = t.strip_prefix(sign) {
                return Some(r.trim());
            }
        }
        let (first, rest) = t.split_once(' ')?;
        let word = first
            .strip_suffix('$')
            .or_else(|| first.strip_suffix('#'))?;
        let plain = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '~'));
        plain.then(|| rest.trim())
    }

    /// The command's first word (after `sudo`) is one [`KNOWN`] lists.
    pub fn starts_with_known(cmd: &str) -> bool {
        let first = cmd.split_whitespace().next().unwrap_or("");
        let name = first.rsplit(['/', '\\']).next().unwrap_or(first);
        KNOWN
            .iter()
            .chain(crate::parse::command::WINDOWS_NETWORK)
            .any(|k| k.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn lines(u: &Unwrapped) -> Vec<&str> {
        u.content.lines().collect()
    }

    #[test]
    fn a_plain_log_is_not_copied() {
        let t =
            decode(b"##TRY!! nslookup x.example ##\nServer:\t\t127.0.0.53\n\n#### heading ####\n");
        assert!(unwrap(&t).is_none());
    }

    #[test]
    fn run_command_json_message_becomes_lines_that_point_at_the_json_line() {
        let input = b"$ az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts \"nslookup login.microsoftonline.com\"\n{\n  \"value\": [\n    {\n      \"code\": \"ProvisioningState/succeeded\",\n      \"message\": \"Enable succeeded: \\n[stdout]\\nServer:\\t\\t127.0.0.53\\nAddress: 40.126.24.82\\n\\n[stderr]\\n\",\n      \"time\": null\n    }\n  ]\n}\n";
        let u = unwrap(&decode(input)).unwrap();
        let l = lines(&u);
        assert!(l.contains(&"Server:\t\t127.0.0.53"), "{l:?}");
        assert!(!u.content.contains("ProvisioningState"), "{}", u.content);
        let server = l.iter().position(|x| x.starts_with("Server:")).unwrap();
        assert_eq!(u.original(server + 1), 6);
        assert_eq!(u.typed, vec![1]);
        let kinds: Vec<Wrapper> = u.peeled.iter().map(|p| p.wrapper).collect();
        assert!(kinds.contains(&Wrapper::RunCommandJson));
        assert!(kinds.contains(&Wrapper::OutputFrame));
    }

    #[test]
    fn windows_run_command_json_keeps_both_messages() {
        let input = "{\n  \"value\": [\n    {\n      \"code\": \"ComponentStatus/StdOut/succeeded\",\n      \"message\": \"TcpTestSucceeded : True\\n\"\n    },\n    {\n      \"code\": \"ComponentStatus/StdErr/succeeded\",\n      \"message\": \"WARNING: Ping failed\\n\"\n    }\n  ]\n}\n";
        let u = unwrap(&decode(input.as_bytes())).unwrap();
        let l: Vec<&str> = lines(&u).into_iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(l, ["TcpTestSucceeded : True", "WARNING: Ping failed"]);
    }

    #[test]
    fn powershell_run_command_object_keeps_the_message_only() {
        let input = "Value[0]        :\n  Code          : ComponentStatus/StdOut/succeeded\n  Level         : Info\n  DisplayStatus : Provisioning succeeded\n  Message       : ComputerName     : login.microsoftonline.com\nRemoteAddress    : 20.190.151.7\nTcpTestSucceeded : True\nValue[1]        :\n  Code          : ComponentStatus/StdErr/succeeded\n  Message       :\nStatus          : Succeeded\n";
        let u = unwrap(&decode(input.as_bytes())).unwrap();
        let l: Vec<&str> = lines(&u).into_iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            l,
            [
                "ComputerName     : login.microsoftonline.com",
                "RemoteAddress    : 20.190.151.7",
                "TcpTestSucceeded : True"
            ]
        );
    }

    #[test]
    fn fences_and_quotes_are_peeled_with_markdown_escapes() {
        let input =
            "```bash\n> https\\://rhui-3.microsoft.com/x: [Errno 12] Timeout\n> > nested\n```\n";
        let u = unwrap(&decode(input.as_bytes())).unwrap();
        assert_eq!(
            lines(&u),
            [
                "",
                "https://rhui-3.microsoft.com/x: [Errno 12] Timeout",
                "nested",
                ""
            ]
        );
        assert_eq!(u.origin, vec![1, 2, 3, 4]);
    }

    #[test]
    fn curl_verbose_request_lines_and_nslookup_prompts_are_not_quotes() {
        let curl = "* Connected to localhost (127.0.0.1) port 3128 (#0)\n> GET http://169.254.169.254/ HTTP/1.1\n> Host: 169.254.169.254\n< HTTP/1.0 400 Fail\n";
        assert!(unwrap(&decode(curl.as_bytes())).is_none());
        let session = "nslookup\n> server 168.63.129.16\nDefault server: 168.63.129.16\n> storageaccount.blob.core.windows.net\nServer:168.63.129.16\n";
        assert!(unwrap(&decode(session.as_bytes())).is_none());
    }

    #[test]
    fn every_prompt_style_gives_the_typed_command() {
        for (line, cmd) in [
            ("$ curl -v https://x.example", "curl -v https://x.example"),
            ("# nc -vz x.example 443", "nc -vz x.example 443"),
            (
                "[azureuser@vm01 ~]$ nslookup x.example",
                "nslookup x.example",
            ),
            (
                "[root@10.164.202.53 2024-03-06_20:23:45 UTC ~]# curl -L -v https://p.example",
                "curl -L -v https://p.example",
            ),
            (
                "[/share/Public] # nslookup m.blob.core.windows.net",
                "nslookup m.blob.core.windows.net",
            ),
            (
                "azureuser@vm01:~$ curl -I https://x.example",
                "curl -I https://x.example",
            ),
            (
                "root@vm01:/tmp# nc -zv x.example 443",
                "nc -zv x.example 443",
            ),
            (
                "core@cluster-d0 ~ $ systemctl status waagent ",
                "systemctl status waagent",
            ),
            ("1-vwan-single-region$ nslookup $host", "nslookup $host"),
            (
                "PS C:\\> Test-NetConnection x.example -Port 443",
                "Test-NetConnection x.example -Port 443",
            ),
            ("PS C:\\Users\\me> curl", "curl"),
            (
                "Try the new PowerShell     PS C:\\Users\\lamkt> curl",
                "curl",
            ),
            (
                "PS /home/me> Resolve-DnsName x.example",
                "Resolve-DnsName x.example",
            ),
            ("> nslookup x.example", "nslookup x.example"),
            ("C:\\Users\\me>nslookup x.example", "nslookup x.example"),
        ] {
            assert_eq!(prompt::strip(line), Some(cmd), "{line}");
        }
    }

    #[test]
    fn log_lines_are_not_prompts() {
        for line in [
            "##TRY!! nc -vz x.example 443 ##",
            "#### 環境情報確認 ####",
            "$ this is prose about money",
            "Ncat: Connected to 20.1.2.3:443.",
            "* Trying 127.0.0.1:3128...",
            "< HTTP/1.1 200 OK",
            "# comment in a config file",
        ] {
            assert_eq!(prompt::strip(line), None, "{line}");
        }
    }

    #[test]
    fn container_exec_gives_the_inner_command() {
        for (line, cmd) in [
            (
                "$ kubectl exec -it web-0 -n prod -- curl -v https://x.example",
                "curl -v https://x.example",
            ),
            (
                "$ kubectl exec web-0 -- sh -c \"nslookup x.example\"",
                "nslookup x.example",
            ),
            (
                "# crictl exec -it 3f2a nc -vz x.example 443",
                "nc -vz x.example 443",
            ),
            (
                "$ docker exec -e A=B web curl -I https://x.example",
                "curl -I https://x.example",
            ),
        ] {
            let u = unwrap(&decode(line.as_bytes())).unwrap();
            assert_eq!(lines(&u), [cmd], "{line}");
            assert!(u.peeled.iter().any(|p| p.wrapper == Wrapper::ContainerExec));
        }
    }
}
