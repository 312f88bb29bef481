//! `curl -I https://<fqdn>` output: error lines, status lines and proxy traces (field guide §C.3).
//!
//! `curl: (N)` is searched anywhere in a line because curl glues it to the progress meter
//! (rule D.6). A proxy's CONNECT reply is marked as such so that no rule mistakes it for the
//! server's answer (rule D.3).

use super::strip_ansi;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurlError {
    pub code: u16,
    pub message: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub version: String,
    pub code: u16,
    pub reason: String,
    pub line: usize,
    /// True when this is a proxy's reply to CONNECT, not the server's answer.
    pub from_proxy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CurlEvidence {
    pub errors: Vec<CurlError>,
    pub statuses: Vec<StatusLine>,
    /// Proxy headers seen (`Proxy-agent:`, `Proxy-Authenticate:`), with their line.
    pub proxy_header_lines: Vec<usize>,
    /// Whether the progress meter was printed (curl ran and started).
    pub meter: bool,
    pub non_blank: usize,
    /// The `(60)` explanation lines that belong to the error, not to new findings.
    pub explanation_lines: Vec<usize>,
    /// `-v`'s trace (`* `, `> `, `< ` lines) was printed.
    pub verbose: bool,
    /// `* Uses proxy env variable https_proxy == '…'`: the proxy curl took from the environment.
    pub env_proxy: Option<(String, usize)>,
    /// `> GET http://…` (a request in absolute form) or `> CONNECT …`: sent to a proxy.
    pub proxy_request: Option<usize>,
    /// `* Connected to <host> (<ip>) port <n>`: a TCP connection opened (to the proxy, if any).
    pub connected: Option<usize>,
    /// A body only the agent's endpoints send, printed without headers: the WireServer's
    /// `<Versions>` list, IMDS's instance or token JSON.
    pub endpoint_body: Option<usize>,
}

impl CurlEvidence {
    /// The server's status line: the first one that is not a proxy's CONNECT reply.
    pub fn server_status(&self) -> Option<&StatusLine> {
        self.statuses.iter().find(|s| !s.from_proxy)
    }

    pub fn first_error(&self) -> Option<&CurlError> {
        self.errors.first()
    }

    /// True when curl's own output shows that a proxy was used (field guide §B.6).
    pub fn shows_proxy(&self) -> bool {
        self.statuses.iter().any(|s| s.from_proxy)
            || !self.proxy_header_lines.is_empty()
            || self.env_proxy.is_some()
            || self.proxy_request.is_some()
            || self.errors.iter().any(|e| {
                e.message.contains("CONNECT")
                    || e.message.contains("from proxy")
                    || e.message.contains("resolve proxy")
                    || e.message.contains("Proxy")
            })
    }
}

pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> CurlEvidence {
    let mut ev = CurlEvidence::default();
    // Status lines grouped by header block; a block ends at an empty line.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut in_block = false;
    let mut after_60 = false;

    for (n, raw) in lines {
        let line = strip_ansi(raw);
        if line.trim().is_empty() {
            in_block = false;
            continue;
        }
        ev.non_blank += 1;
        if line.starts_with('\r')
            || line.trim_start().starts_with("% Total")
            || line.trim_start().starts_with("Dload")
        {
            ev.meter = true;
        }
        // `curl: (N)` can be glued anywhere (rule D.6); look for its `(` first, cheaply.
        if let Some(pos) = super::find_bytes(line.as_bytes(), b"curl: (") {
            let rest = line.get(pos + 7..).unwrap_or("");
            if let Some((num, msg)) = rest.split_once(')') {
                if let Ok(code) = num.trim().parse::<u16>() {
                    ev.errors.push(CurlError {
                        code,
                        message: msg.trim().to_owned(),
                        line: n,
                    });
                    after_60 = code == 60 || code == 51;
                    in_block = false;
                    continue;
                }
            }
        }
        let mut t = line.trim_start_matches('\r').trim();
        // `-v` marks what it received with `< `, what it sent with `> ` and its notes with `* `.
        // A body's `<html>` is not a trace line: the mark is followed by a space or nothing.
        if let Some(rest) = t.strip_prefix("< ").or((t == "<").then_some("")) {
            ev.verbose = true;
            t = rest.trim();
            if t.is_empty() {
                in_block = false;
                continue;
            }
        } else if let Some(sent) = t.strip_prefix("> ") {
            ev.verbose = true;
            if trace_sent_to_proxy(sent) {
                ev.proxy_request = ev.proxy_request.or(Some(n));
            }
            continue;
        } else if let Some(note) = t.strip_prefix("* ") {
            ev.verbose = true;
            trace_note(&mut ev, note.trim(), n);
            continue;
        }
        if after_60
            && (t.starts_with("More details here")
                || t.starts_with("curl failed to verify")
                || t.starts_with("establish a secure connection")
                || t.starts_with("how to fix it")
                || t.starts_with("curl performs SSL certificate verification")
                || t.starts_with("of Certificate Authority")
                || t.starts_with("If the default bundle")
                || t.starts_with("the bundle"))
        {
            ev.explanation_lines.push(n);
            continue;
        }
        if ev.endpoint_body.is_none()
            && (t.starts_with("<Versions>")
                || t.starts_with("{\"compute\"")
                || t.starts_with("{\"access_token\""))
        {
            ev.endpoint_body = Some(n);
        }
        if let Some(st) = status_line(t, n) {
            ev.statuses.push(st);
            blocks.push(vec![ev.statuses.len() - 1]);
            in_block = true;
            continue;
        }
        let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        if starts("proxy-agent:") || starts("proxy-authenticate:") || starts("proxy-connection:") {
            ev.proxy_header_lines.push(n);
            if in_block {
                if let Some(&i) = blocks.last().and_then(|b| b.first()) {
                    if let Some(s) = ev.statuses.get_mut(i) {
                        s.from_proxy = true;
                    }
                }
            }
        }
    }

    // Codes a CONNECT failure names (`response 407`, `HTTP code 407 from proxy`).
    let connect_codes: Vec<u16> = ev
        .errors
        .iter()
        .filter_map(|e| {
            let m = &e.message;
            if let Some(r) = m.split("response ").nth(1) {
                return r.trim().get(..3).and_then(|c| c.parse().ok());
            }
            if m.contains("from proxy after CONNECT") {
                return m
                    .split("HTTP code ")
                    .nth(1)
                    .and_then(|r| r.get(..3))
                    .and_then(|c| c.parse().ok());
            }
            None
        })
        .collect();
    let status_count = ev.statuses.len();
    for (i, s) in ev.statuses.iter_mut().enumerate() {
        let established = s.code == 200
            && s.reason
                .to_ascii_lowercase()
                .contains("connection established");
        // With more than one status block, all but the last are CONNECT replies: `-I` follows no
        // redirects, so only a proxy puts a response in front of the server's.
        if established || connect_codes.contains(&s.code) || s.code == 407 || i + 1 < status_count {
            s.from_proxy = true;
        }
    }
    ev
}

/// A request line `-v` shows: in absolute form (`GET http://host/…`) or `CONNECT host:port`,
/// only a proxy is sent it.
fn trace_sent_to_proxy(sent: &str) -> bool {
    let mut words = sent.split_whitespace();
    match (words.next(), words.next()) {
        (Some("CONNECT"), Some(_)) => true,
        (Some(method), Some(uri)) => {
            method.bytes().all(|b| b.is_ascii_uppercase())
                && (uri.starts_with("http://") || uri.starts_with("https://"))
        }
        _ => false,
    }
}

/// One of `-v`'s `* ` notes: the proxy taken from the environment, the connection opened, the
/// tunnel asked of a proxy.
fn trace_note(ev: &mut CurlEvidence, note: &str, n: usize) {
    if let Some(rest) = note.strip_prefix("Uses proxy env variable ") {
        if let Some((name, value)) = rest.split_once("==") {
            // `no_proxy` is listed too, whether or not it applies; only a proxy variable names one.
            if !name.trim().eq_ignore_ascii_case("no_proxy") && ev.env_proxy.is_none() {
                let value = value.trim().trim_matches(['\'', '"']);
                ev.env_proxy = Some((value.to_owned(), n));
            }
        }
    } else if note.starts_with("Connected to ") {
        ev.connected = ev.connected.or(Some(n));
    } else if note.starts_with("Establish HTTP proxy tunnel") {
        ev.proxy_request = ev.proxy_request.or(Some(n));
    }
}

fn status_line(t: &str, line: usize) -> Option<StatusLine> {
    let rest = t.strip_prefix("HTTP/")?;
    let (version, rest) = rest.split_once(' ')?;
    if !version.chars().all(|c| c.is_ascii_digit() || c == '.') || version.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    let code_str = rest.get(..3)?;
    let code: u16 = code_str.parse().ok()?;
    if !(100..=599).contains(&code) {
        return None;
    }
    let reason = rest.get(3..).unwrap_or("").trim().to_owned();
    Some(StatusLine {
        version: version.to_owned(),
        code,
        reason,
        line,
        from_proxy: false,
    })
}

/// True when the output looks like curl's (for a pasted output with no marker).
/// The proxy a curl command line names (`-x`, `--proxy`, `--socks5`, `--socks5-hostname`,
/// `--socks4`, `--socks4a`, `--preproxy`, as one word or two); `None` when it names none.
pub fn command_proxy(line: &str) -> Option<String> {
    const OPTIONS: &[&str] = &[
        "--proxy",
        "--socks5-hostname",
        "--socks5",
        "--socks4a",
        "--socks4",
        "--preproxy",
    ];
    let mut words = line.split_whitespace();
    while let Some(w) = words.next() {
        let value = if w == "-x" || OPTIONS.contains(&w) {
            words.next()
        } else {
            // `--proxy=host:port`, `-xhost:port`.
            OPTIONS
                .iter()
                .find_map(|o| w.strip_prefix(o)?.strip_prefix('='))
                .or_else(|| {
                    w.strip_prefix("-x")
                        .filter(|v| !v.is_empty() && !v.starts_with('-'))
                })
        };
        if let Some(v) = value
            .map(|v| v.trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
        {
            return Some(v.to_owned());
        }
    }
    None
}

pub fn looks_like(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        l.contains("curl: (")
            || l.contains("% Total    % Received")
            || l.trim_start().starts_with("HTTP/")
            || l.trim_start().starts_with("< HTTP/")
    })
}

/// Host and port named by a connect failure: `Failed to connect to <host> port <p>`,
/// `Failed connect to <host>:<p>;` (curl <= 7.33) or `Failed to connect to <host>:<p>` (>= 8.21).
pub fn connect_target(message: &str) -> Option<(String, Option<u16>)> {
    let rest = message
        .split_once("Failed to connect to ")
        .or_else(|| message.split_once("Failed connect to "))
        .map(|(_, r)| r)?;
    let mut words = rest.split_whitespace();
    let first = words.next()?.trim_end_matches(';');
    if words.next() == Some("port") {
        let port = words
            .next()
            .and_then(|p| p.trim_end_matches([':', ';']).parse().ok());
        return Some((first.to_owned(), port));
    }
    match first.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => Some((h.to_owned(), p.parse().ok())),
        _ => Some((first.to_owned(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_to_name_a_proxy_is_read() {
        for (line, proxy) in [
            ("curl -x localhost:3128 https://x", Some("localhost:3128")),
            (
                "curl --proxy http://10.0.0.5:8080 -I https://x",
                Some("http://10.0.0.5:8080"),
            ),
            (
                "curl --proxy=proxy.contoso.com:3128 https://x",
                Some("proxy.contoso.com:3128"),
            ),
            ("curl -xproxy:80 https://x", Some("proxy:80")),
            (
                "curl --socks5-hostname 127.0.0.1:1080 https://x",
                Some("127.0.0.1:1080"),
            ),
            ("curl -x '' https://x", None),
            (
                "curl --noproxy '*' http://168.63.129.16/?comp=versions",
                None,
            ),
            ("curl -v https://x", None),
        ] {
            assert_eq!(command_proxy(line).as_deref(), proxy, "{line}");
        }
    }

    fn run(s: &str) -> CurlEvidence {
        parse(
            s.split('\n')
                .enumerate()
                .map(|(i, l)| (i + 1, l.trim_end_matches('\r'))),
        )
    }

    #[test]
    fn glued_error_is_found() {
        let e = run("\r  0     0    0     0 --:--:--  0:00:19 --:--:--     0curl: (6) Could not resolve host: x\n");
        assert_eq!(
            e.errors,
            vec![CurlError {
                code: 6,
                message: "Could not resolve host: x".into(),
                line: 1
            }]
        );
    }

    #[test]
    fn proxy_407_status_is_from_the_proxy() {
        let e = run("curl: (56) CONNECT tunnel failed, response 407\nHTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\n");
        assert!(e.statuses.iter().all(|s| s.from_proxy));
        assert!(e.server_status().is_none());
        assert!(e.shows_proxy());
    }

    #[test]
    fn connection_established_then_server_answer() {
        let e = run("HTTP/1.0 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\nHTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n");
        assert_eq!(e.server_status().map(|s| s.code), Some(404));
        assert!(e.shows_proxy());
    }

    #[test]
    fn http2_status_without_reason() {
        let e = run("HTTP/2 404 \r\nserver: nginx\r\n");
        assert_eq!(
            e.server_status().map(|s| (s.version.as_str(), s.code)),
            Some(("2", 404))
        );
    }

    #[test]
    fn connect_target_forms() {
        assert_eq!(
            connect_target(
                "Failed to connect to 127.30.0.99 port 8080 after 0 ms: Couldn't connect to server"
            ),
            Some(("127.30.0.99".into(), Some(8080)))
        );
        assert_eq!(
            connect_target("Failed connect to x.example:443; Connection timed out"),
            Some(("x.example".into(), Some(443)))
        );
        assert_eq!(
            connect_target("Failed to connect to pod01-manag1.jpe.backup.windowsazure.com port 443: Connection timed out"),
            Some(("pod01-manag1.jpe.backup.windowsazure.com".into(), Some(443)))
        );
    }
}
