//! Network errors that tools and agents write to their output or logs, not printed by a test
//! command: apt's `Err:` / `E: Failed to fetch`, yum's `[Errno N]` and `curl#N`, dnf's
//! `Curl error (N)`, the Linux agent's `[HTTP Failed]` and `Calling wire server failed`, and
//! libcurl's `cURL error N:` quoted by applications. Each names the destination it failed to
//! reach, so each is read as a check of that destination.
//!
//! Every error becomes a libcurl-like error (its number and message) where the tool printed
//! one; apt and Python print words, which are given the number libcurl uses for the same
//! failure, so one set of rules (`rules::http::classify_error`) judges them all.

use super::find_bytes;
use super::linux_log::url_host_port;
use crate::report::Tool;

/// One logged network error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub tool: Tool,
    pub host: String,
    pub port: Option<u16>,
    /// The line the error is on, and the first line of its record (apt's `Err:` line).
    pub line: usize,
    pub from: usize,
    pub failure: Failure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The request did not get an answer: libcurl's number for the failure and the message.
    Error(u16, String),
    /// The destination (or a device on the way) answered with an HTTP error status.
    Status(u16, String),
}

/// The WireServer, which the agent's `Calling wire server failed` names without its address.
const WIRESERVER: &str = "168.63.129.16";

/// The first logged network error in `lines` (reads no further).
pub fn first<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Option<Logged> {
    let mut found = None;
    each(lines, |l| {
        found = Some(l);
        false
    });
    found
}

/// Every logged network error in `lines`, in order. apt's reason sits on the line after its
/// `Err:` line; the line before is remembered for it.
pub fn scan<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Logged> {
    let mut out = Vec::new();
    each(lines, |l| {
        out.push(l);
        true
    });
    out
}

/// Calls `f` with each logged error in order, until it returns false.
fn each<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>, mut f: impl FnMut(Logged) -> bool) {
    let mut apt_err: Option<(String, Option<u16>, usize)> = None;
    for (n, raw) in lines {
        // Every form names a URL but three: apt's reason under its `Err:` line, the agent's
        // `Calling wire server failed` and libcurl's message quoted without a link. A few
        // searches rule out most lines of a long log.
        let b = raw.as_bytes();
        if apt_err.is_none()
            && find_bytes(b, b"http").is_none()
            && find_bytes(b, b"wire server").is_none()
            && find_bytes(b, b"cURL error").is_none()
        {
            continue;
        }
        // A Markdown escape the unwrapping could not see (a quote's lazy continuation line).
        let unescaped;
        let raw = if raw.contains("\\://") {
            unescaped = raw.replace("\\://", "://");
            unescaped.as_str()
        } else {
            raw
        };
        let t = raw.trim();
        if let Some(url) = apt_err_url(t) {
            let (host, port) = url_host_port(url);
            apt_err = Some((host, port, n));
            continue;
        }
        // The reason is indented under its `Err:` line; a quote or a copy may have eaten the
        // indentation, so its words decide.
        if let Some((host, port, from)) = apt_err.take() {
            let record = t.starts_with("E: ") || t.starts_with("W: ");
            if let Some(failure) = apt_reason(t).filter(|_| !record) {
                if !f(Logged {
                    tool: Tool::Apt,
                    host,
                    port,
                    line: n,
                    from,
                    failure,
                }) {
                    return;
                }
                continue;
            }
        }
        if let Some(l) = read_line(t, n) {
            if !f(l) {
                return;
            }
        }
    }
}

/// `Err:3 http://azure.archive.ubuntu.com/ubuntu focal InRelease` (apt 1.1+; `Err: 3` and the
/// older `Err http://…` too): the URL whose reason follows on the next, indented line.
fn apt_err_url(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Err")?;
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let rest = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let url = rest.split_whitespace().next()?;
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

/// apt's reason for a failed fetch, in the wordings of apt 0.9 to 2.x.
fn apt_reason(t: &str) -> Option<Failure> {
    let lower = t.to_ascii_lowercase();
    let err = |code: u16| Some(Failure::Error(code, t.to_owned()));
    if lower.contains("temporary failure resolving") || lower.contains("could not resolve") {
        return err(6);
    }
    if lower.contains("could not handshake") || lower.contains("tls") || lower.contains("ssl") {
        return err(35);
    }
    if lower.contains("timed out") || lower.contains("timeout") {
        return err(28);
    }
    if lower.contains("refused")
        || lower.contains("unreachable")
        || lower.contains("could not connect")
        || lower.contains("unable to connect")
        || lower.contains("cannot initiate the connection")
        || lower.contains("connection failed")
    {
        return err(7);
    }
    if lower.contains("reset by peer") {
        return err(56);
    }
    // `470  status code 470[IP: …]`, `403  Forbidden [IP: …]`, `404  Not Found`.
    let code: u16 = t.split_whitespace().next()?.parse().ok()?;
    (400..600)
        .contains(&code)
        .then(|| Failure::Status(code, t.to_owned()))
}

/// One line's error, in any of the forms but apt's two-line one.
fn read_line(t: &str, n: usize) -> Option<Logged> {
    let b = t.as_bytes();
    let at = |tool: Tool, url: &str, failure: Failure| {
        let (host, port) = url_host_port(url);
        (!host.is_empty()).then_some(Logged {
            tool,
            host,
            port,
            line: n,
            from: n,
            failure,
        })
    };
    // The agent's lines first: its `[Errno N]` is Python's, not yum's.
    if let Some(l) = agent_line(t, n) {
        return Some(l);
    }
    // apt: `E: Failed to fetch <url>  <reason>` (`W:` in older releases).
    if let Some(rest) = t
        .strip_prefix("E: Failed to fetch ")
        .or_else(|| t.strip_prefix("W: Failed to fetch "))
    {
        let (url, reason) = rest.split_once(char::is_whitespace)?;
        return at(Tool::Apt, url, apt_reason(reason.trim())?);
    }
    // dnf (librepo): `Curl error (28): Timeout was reached for <url> [<libcurl message>]`.
    if let Some(i) = find_bytes(b, b"Curl error (") {
        let rest = t.get(i + 12..)?;
        let (num, msg) = rest.split_once("):")?;
        let code = num.parse().ok()?;
        return at(
            Tool::Dnf,
            first_url(msg)?,
            Failure::Error(code, bracketed(msg)),
        );
    }
    // dnf: `Status code: 403 for <url> (IP: …)`.
    if let Some(i) = find_bytes(b, b"Status code: ") {
        let rest = t.get(i + 13..)?;
        let code: u16 = rest.get(..3)?.parse().ok()?;
        return at(
            Tool::Dnf,
            first_url(rest)?,
            Failure::Status(code, t.to_owned()),
        );
    }
    // yum (urlgrabber): `<url>: [Errno 14] curl#7 - "Failed connect to …"`, `[Errno 12]
    // Timeout on <url>: (28, '…')`, `[Errno 14] HTTPS Error 403 - Forbidden`.
    if let Some(i) = find_bytes(b, b"[Errno ") {
        let url = first_url(t)?;
        let rest = t.get(i..)?;
        if let Some(j) = find_bytes(rest.as_bytes(), b"curl#") {
            let tail = rest.get(j + 5..)?;
            let (num, msg) = tail.split_once(" - ").unwrap_or((tail, ""));
            let code = num.trim().parse().ok()?;
            return at(Tool::Yum, url, Failure::Error(code, unquote(msg)));
        }
        if let Some((_, tuple)) = rest.split_once(": (") {
            let (num, msg) = tuple.split_once(',')?;
            let code = num.trim().parse().ok()?;
            return at(Tool::Yum, url, Failure::Error(code, unquote(msg)));
        }
        if let Some(code) = http_error_status(rest) {
            return at(Tool::Yum, url, Failure::Status(code, t.to_owned()));
        }
        let code = errno_code(rest)?;
        return at(Tool::Yum, url, Failure::Error(code, t.to_owned()));
    }
    // yum / dnf: `<url> [OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to <host>:443 ]`.
    if let Some(i) = find_bytes(b, b"OpenSSL SSL_connect") {
        let url = first_url(t)?;
        let msg = t.get(i..)?.trim_end_matches([']', ' ', '*']);
        return at(Tool::Yum, url, Failure::Error(35, msg.to_owned()));
    }
    // An application quoting libcurl: `cURL error 7: Failed to connect to <host> port 443 …`.
    if let Some(i) = find_bytes(b, b"cURL error ") {
        let rest = t.get(i + 11..)?;
        let (num, msg) = rest.split_once(':')?;
        let code = num.trim().parse().ok()?;
        let target = first_url(msg)
            .map(url_host_port)
            .or_else(|| super::curl::connect_target(msg).map(|(h, p)| (h, p.or(Some(443)))))?;
        return Some(Logged {
            tool: Tool::Libcurl,
            host: target.0,
            port: target.1,
            line: n,
            from: n,
            failure: Failure::Error(code, msg.trim().to_owned()),
        });
    }
    None
}

/// The Linux agent's own errors (waagent.log): `[HTTP Failed] GET http://168.63.129.16:32526/…
/// -- IOError timed out -- 6 attempts made`, `[Errno 110] Connection timed out` after a URL,
/// `Calling wire server failed: 503`.
fn agent_line(t: &str, n: usize) -> Option<Logged> {
    let b = t.as_bytes();
    if let Some(i) = find_bytes(b, b"Calling wire server failed: ") {
        let code: u16 = t.get(i + 28..)?.get(..3)?.parse().ok()?;
        return Some(Logged {
            tool: Tool::AgentLog,
            host: WIRESERVER.to_owned(),
            port: Some(80),
            line: n,
            from: n,
            failure: Failure::Status(code, t.get(i..)?.to_owned()),
        });
    }
    let failed =
        find_bytes(b, b"[HTTP Failed]").is_some() || find_bytes(b, b"[HttpError]").is_some();
    if !failed {
        return None;
    }
    let url = first_url(t)?;
    let lower = t.to_ascii_lowercase();
    let code = if lower.contains("timed out") {
        28
    } else if lower.contains("refused") || lower.contains("unreachable") {
        7
    } else if lower.contains("name or service not known") || lower.contains("name resolution") {
        6
    } else if let Some(c) = lower
        .split("status code ")
        .nth(1)
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse::<u16>().ok())
    {
        let (host, port) = url_host_port(url);
        return Some(Logged {
            tool: Tool::AgentLog,
            host,
            port,
            line: n,
            from: n,
            failure: Failure::Status(c, t.to_owned()),
        });
    } else {
        errno_code(t)?
    };
    let (host, port) = url_host_port(url);
    let msg = t.rsplit(" -- ").nth(1).unwrap_or(t).trim().to_owned();
    Some(Logged {
        tool: Tool::AgentLog,
        host,
        port,
        line: n,
        from: n,
        failure: Failure::Error(code, msg),
    })
}

/// Python's `[Errno N]` for a network failure, as libcurl's number for the same failure.
fn errno_code(t: &str) -> Option<u16> {
    let i = find_bytes(t.as_bytes(), b"[Errno ")?;
    let num: i32 = t.get(i + 7..)?.split(']').next()?.trim().parse().ok()?;
    match num {
        // ETIMEDOUT; urlgrabber's 12 is its own timeout.
        110 | 12 => Some(28),
        // ECONNREFUSED, ENETUNREACH, EHOSTUNREACH.
        111 | 101 | 113 => Some(7),
        // ECONNRESET.
        104 => Some(56),
        // socket.gaierror -2 / -3: name not known, temporary failure in resolution.
        -2 | -3 => Some(6),
        _ => None,
    }
}

/// `HTTP Error 404 - Not Found`, `HTTPS Error 403 - Forbidden`.
fn http_error_status(t: &str) -> Option<u16> {
    let i = find_bytes(t.as_bytes(), b" Error ")?;
    let head = t.get(..i)?;
    if !(head.ends_with("HTTP") || head.ends_with("HTTPS")) {
        return None;
    }
    t.get(i + 7..)?.get(..3)?.parse().ok()
}

/// The first `http://` or `https://` URL in `t`, without trailing punctuation; libcurl's
/// documentation, which applications link in their messages, is not a destination.
fn first_url(t: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(i) = t
        .get(from..)
        .and_then(|r| find_bytes(r.as_bytes(), b"http"))
    {
        let rest = t.get(from + i..)?;
        from += i + 4;
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | ']' | '>'))
            .unwrap_or(rest.len());
        let url = rest.get(..end)?.trim_end_matches([':', ',', '.', ';']);
        if !url.contains("curl.haxx.se") && !url.contains("curl.se/") {
            return Some(url);
        }
    }
    None
}

/// The libcurl message in dnf's brackets (`… for <url> [Operation timed out …]`), or the text.
fn bracketed(msg: &str) -> String {
    match msg.rsplit_once('[') {
        Some((_, inner)) => inner.split(']').next().unwrap_or(inner).trim().to_owned(),
        None => msg.trim().to_owned(),
    }
}

/// A message without the quotes and the tuple's closing parenthesis Python printed around it.
fn unquote(msg: &str) -> String {
    msg.trim()
        .trim_end_matches(')')
        .trim()
        .trim_matches(['"', '\''])
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Logged {
        let v = scan(s.lines().enumerate().map(|(i, l)| (i + 1, l)));
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn error(l: &Logged) -> (u16, &str) {
        match &l.failure {
            Failure::Error(c, m) => (*c, m.as_str()),
            Failure::Status(c, m) => panic!("status {c} {m}"),
        }
    }

    #[test]
    fn apt_reason_on_the_next_line_names_the_url_of_the_err_line() {
        let l = one("Err:6 https://packages.microsoft.com/ubuntu/20.04/prod focal Release\n  Could not handshake: The TLS connection was not properly terminated. [IP: 52.230.121.169  443]");
        assert_eq!(
            (l.tool, l.host.as_str(), l.port, l.line),
            (Tool::Apt, "packages.microsoft.com", Some(443), 2)
        );
        assert_eq!(error(&l).0, 35);
        let l = one("Err: 3 http://azure.archive.ubuntu.com/ubuntu focal-updates InRelease\n  470  status code 470[IP: 23.101.248.31 80]");
        assert_eq!(
            (l.host.as_str(), l.port),
            ("azure.archive.ubuntu.com", Some(80))
        );
        assert!(matches!(l.failure, Failure::Status(470, _)));
        let l = one("Err http://azure.archive.ubuntu.com trusty InRelease\n  Could not connect to azure.archive.ubuntu.com:80 (52.1.2.3), connection timed out");
        assert_eq!(error(&l).0, 28);
    }

    #[test]
    fn apt_failed_to_fetch_carries_its_reason() {
        let l = one("E: Failed to fetch http://security.ubuntu.com/ubuntu/dists/focal/InRelease 470 status code 470 [IP: 23.101.248.31 80");
        assert_eq!((l.host.as_str(), l.port), ("security.ubuntu.com", Some(80)));
        assert!(matches!(l.failure, Failure::Status(470, _)));
        let l = one("W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/xenial/InRelease  Temporary failure resolving 'archive.ubuntu.com'");
        assert_eq!(error(&l).0, 6);
        assert!(scan([(
            1,
            "E: The repository 'http://x focal InRelease' is no longer signed."
        )])
        .is_empty());
        assert!(scan([(
            1,
            "Ign:5 https://packages.microsoft.com/ubuntu/20.04/prod focal InRelease"
        )])
        .is_empty());
    }

    #[test]
    fn yum_and_dnf_errors_keep_libcurl_numbers() {
        let l = one("https://rhui-3.microsoft.com/pulp/repos/x/repodata/repomd.xml: [Errno 12] Timeout on https://rhui-3.microsoft.com/pulp/repos/x/repodata/repomd.xml: (28, 'Operation timed out after 30000 milliseconds with 0 out of 0 bytes received')");
        assert_eq!(
            (l.tool, l.host.as_str(), l.port),
            (Tool::Yum, "rhui-3.microsoft.com", Some(443))
        );
        assert_eq!(
            error(&l),
            (
                28,
                "Operation timed out after 30000 milliseconds with 0 out of 0 bytes received"
            )
        );
        let l = one("https://rhui-3.microsoft.com/x/repomd.xml: [Errno 14] curl#56 - \"Network error recv()\"");
        assert_eq!(error(&l), (56, "Network error recv()"));
        let l = one("DEBUG error: Curl error (28): Timeout was reached for https://rhui-1.microsoft.com/x/repomd.xml [Operation timed out after 30000 milliseconds with 0 out of 0 bytes received] (https://rhui-1.microsoft.com/x/repomd.xml).");
        assert_eq!(
            (l.tool, l.host.as_str()),
            (Tool::Dnf, "rhui-1.microsoft.com")
        );
        assert_eq!(error(&l).0, 28);
        let l = one("https://rhui4-1.microsoft.com/x/repomd.xml [OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to http://rhui4-1.microsoft.com:443 ]");
        assert_eq!(
            (l.host.as_str(), l.port, error(&l).0),
            ("rhui4-1.microsoft.com", Some(443), 35)
        );
        let l = one(
            "https://rhui-1.microsoft.com/x/repomd.xml: [Errno 14] HTTPS Error 403 - Forbidden",
        );
        assert!(matches!(l.failure, Failure::Status(403, _)));
        let l = one("Status code: 404 for https://packages.microsoft.com/rhel/8/prod/repodata/repomd.xml (IP: 13.107.246.40)");
        assert!(matches!(l.failure, Failure::Status(404, _)));
    }

    #[test]
    fn agent_log_errors_name_the_wireserver_and_its_ports() {
        let l = one("2019/07/22 12:36:56.449403 ERROR ExtHandler HostGAPlugin: Exception Get API versions: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/versions -- IOError timed out -- 6 attempts made");
        assert_eq!(
            (l.tool, l.host.as_str(), l.port),
            (Tool::AgentLog, "168.63.129.16", Some(32526))
        );
        assert_eq!(error(&l), (28, "IOError timed out"));
        let l = one("2017/07/07 11:54:37.306205 WARNING Exception retrieving extension handlers: [000008] Calling wire server failed: 503");
        assert_eq!((l.host.as_str(), l.port), ("168.63.129.16", Some(80)));
        assert!(matches!(l.failure, Failure::Status(503, _)));
        let l = one("2023-01-01T00:00:00.000000Z WARNING ExtHandler [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError [Errno 101] Network is unreachable -- 6 attempts made");
        assert_eq!(error(&l).0, 7);
    }

    #[test]
    fn libcurl_quoted_by_an_application_names_its_target() {
        let l = one("GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to login.microsoftonline.com port 443: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)");
        assert_eq!(
            (l.tool, l.host.as_str(), l.port, error(&l).0),
            (Tool::Libcurl, "login.microsoftonline.com", Some(443), 7)
        );
        let l = one("cURL error 28: Operation timed out after 5001 milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://management.azure.com/subscriptions");
        assert_eq!(l.host, "management.azure.com");
    }
}
