//! Parsers: text in, typed evidence out, every item with its line number.
//!
//! Parsers describe what the output says (a DNS timeout, a TCP refusal, a proxy's 407); they never
//! decide how alarming it is. That is `rules`' job.

pub mod agent;
pub mod curl;
pub mod json_scan;
pub mod linux_log;
pub mod nc;
pub mod nslookup;
pub mod shell;
pub mod windows_log;

use std::borrow::Cow;

/// Removes ANSI escape sequences (colour codes from a terminal paste) from a line.
pub fn strip_ansi(line: &str) -> Cow<'_, str> {
    if !line.contains('\u{1b}') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                // CSI: parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                // OSC: ends at BEL or ESC \.
                chars.next();
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' {
                        chars.next();
                        break;
                    }
                }
            }
            Some(_) => {
                chars.next();
            }
            None => {}
        }
    }
    Cow::Owned(out)
}

/// What a person sees of a line in a terminal: ANSI codes removed and, for curl's progress meter,
/// only the last redraw after a carriage return. A `curl: (N)` glued to the meter is kept.
pub fn visible(line: &str) -> Cow<'_, str> {
    let line = strip_ansi(line);
    if !line.contains('\r') {
        return line;
    }
    if let Some(pos) = line.find("curl: (") {
        return Cow::Owned(line.get(pos..).unwrap_or("").to_owned());
    }
    let last = line
        .rsplit('\r')
        .find(|s| !s.trim().is_empty())
        .unwrap_or("");
    Cow::Owned(last.to_owned())
}

/// A line counts as blank when it holds only whitespace, CRs or a full-width space.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\u{3000}')
}

/// Shortens a line for quoting, on a character boundary.
pub fn clip(s: &str, max_chars: usize) -> String {
    let s = s.trim_end();
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max_chars).collect();
    out.push('…');
    out
}

/// True for an IPv4 or IPv6 literal.
pub fn is_ip_literal(s: &str) -> bool {
    s.parse::<std::net::IpAddr>().is_ok()
}

/// True for addresses a VM uses inside a virtual network: RFC 1918 and IPv6 unique-local.
pub fn is_private_ip(s: &str) -> bool {
    match s.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => v4.is_private(),
        Ok(std::net::IpAddr::V6(v6)) => {
            (v6.segments().first().copied().unwrap_or(0) & 0xfe00) == 0xfc00
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_keeps_glued_curl_error() {
        let l = "\r  0     0 --:--:--\r  0  0:00:19     0curl: (6) Could not resolve host: x";
        assert_eq!(visible(l), "curl: (6) Could not resolve host: x");
    }

    #[test]
    fn visible_takes_last_meter_redraw() {
        assert_eq!(visible("\r  0 a\r  100 b"), "  100 b");
    }

    #[test]
    fn ansi_colours_are_removed() {
        assert_eq!(
            strip_ansi("\u{1b}[31mNcat: TIMEOUT.\u{1b}[0m"),
            "Ncat: TIMEOUT."
        );
    }

    #[test]
    fn private_addresses_are_rfc1918_and_ula() {
        assert!(is_private_ip("10.12.0.15"));
        assert!(is_private_ip("172.16.0.1"));
        assert!(is_private_ip("fd00::1"));
        assert!(!is_private_ip("20.191.166.150"));
        assert!(!is_private_ip("127.20.1.12"));
    }
}
