//! Parsers: text in, typed evidence out, every item with its line number.
//!
//! Parsers describe what the output says (a DNS timeout, a TCP refusal, a proxy's 407); they never
//! decide how alarming it is. That is `rules`' job.

pub mod agent;
pub mod command;
pub mod curl;
pub mod dig;
pub mod guess;
pub mod ip;
pub mod json_scan;
pub mod linux_log;
pub mod logged;
pub mod nc;
pub mod nslookup;
pub mod resolve_dns;
pub mod shell;
pub mod windows_log;
pub mod winmsg;
pub mod winsettings;

use std::borrow::Cow;

/// The byte pairs of a text, case-folded and hashed into 128 bits.
///
/// An agent log line is matched against dozens of phrases, and almost every phrase is absent from
/// almost every line. A phrase whose pairs are not all in a line's set cannot occur in it, so one
/// AND rules it out before any search (see the `has!` macro in `agent.rs`). The phrases' sets are
/// computed at compile time; a set saturates on long lines, which then simply fall through to
/// the real search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pairs(u128);

impl Pairs {
    pub const fn of(bytes: &[u8]) -> Pairs {
        let mut bits = 0u128;
        let mut rest = bytes;
        while let [a, b, ..] = rest {
            bits |= 1u128 << pair_bit(*a, *b);
            rest = match rest {
                [_, tail @ ..] => tail,
                [] => rest,
            };
        }
        Pairs(bits)
    }

    /// [`Pairs::of`] for text already in ASCII lower case: what runs on every line of an
    /// agent log, so it skips the case folding and builds the two halves without a 128-bit shift.
    pub fn of_lowercase(bytes: &[u8]) -> Pairs {
        let (mut lo, mut hi) = (0u64, 0u64);
        for w in bytes.windows(2) {
            if let [a, b] = w {
                let h = pair_hash(*a, *b);
                let bit = 1u64 << (h & 63);
                // All ones for the low half, zero for the high one.
                let low = u64::from(h >> 6).wrapping_sub(1);
                lo |= bit & low;
                hi |= bit & !low;
            }
        }
        Pairs(u128::from(hi) << 64 | u128::from(lo))
    }

    /// Whether a text with these pairs may contain a text whose pairs are `needle`.
    #[inline]
    pub fn may_contain(self, needle: Pairs) -> bool {
        self.0 & needle.0 == needle.0
    }
}

const fn pair_bit(a: u8, b: u8) -> u32 {
    pair_hash(a.to_ascii_lowercase(), b.to_ascii_lowercase())
}

/// 0..128 for a byte pair.
#[inline]
const fn pair_hash(a: u8, b: u8) -> u32 {
    ((a as u32) << 8 | b as u32).wrapping_mul(0x9E37_79B1) >> 25
}

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

/// Where `needle` first occurs in `hay`. Natively memchr's vectorised searcher; in the page a
/// plain search from the needle's first byte, which keeps memchr's searchers (about 5 KB) out of
/// the download. Both give the same answer (`tests` below hold them to each other).
#[cfg(not(target_arch = "wasm32"))]
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// See the other [`find_bytes`].
#[cfg(target_arch = "wasm32")]
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    find_plain(hay, needle)
}

/// A needle searched for many times ([`find_bytes`] set up once): natively memchr's
/// prepared searcher, in the page the plain search.
pub struct Finder<'n> {
    #[cfg(not(target_arch = "wasm32"))]
    inner: memchr::memmem::Finder<'n>,
    #[cfg(target_arch = "wasm32")]
    needle: &'n [u8],
}

impl<'n> Finder<'n> {
    pub fn new(needle: &'n [u8]) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        return Finder {
            inner: memchr::memmem::Finder::new(needle),
        };
        #[cfg(target_arch = "wasm32")]
        return Finder { needle };
    }

    pub fn find(&self, hay: &[u8]) -> Option<usize> {
        #[cfg(not(target_arch = "wasm32"))]
        return self.inner.find(hay);
        #[cfg(target_arch = "wasm32")]
        return find_plain(hay, self.needle);
    }
}

/// Every position `find` finds in `hay`, one after another (one search routine for every
/// kind of search, rather than an iterator type per kind).
pub fn each<'a>(
    hay: &'a [u8],
    find: impl Fn(&[u8]) -> Option<usize> + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find(hay.get(from..)?)?;
        from = at + 1;
        Some(at)
    })
}

/// Where `needle` (lowercase ASCII) occurs in `hay`, ignoring ASCII case. Candidates are
/// found by the first letter in either case, so a line is not compared at every byte.
pub fn find_ci<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = needle.first().copied().unwrap_or(0);
    let upper = first.to_ascii_uppercase();
    each(hay, move |h| memchr::memchr2(first, upper, h)).filter(move |&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// [`find_bytes`] without a searcher: each place the needle's first byte occurs, compared.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn find_plain(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, hay.get(from..)?) {
        let at = from + i;
        if hay.get(at + 1..at + needle.len()) == Some(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The VM agent's own endpoints: the WireServer and the instance metadata service (IMDS).
pub fn is_agent_endpoint(target: &str) -> bool {
    matches!(target, "168.63.129.16" | "169.254.169.254")
}

/// True for an IPv4 or IPv6 literal.
pub fn is_ip_literal(s: &str) -> bool {
    ip::ipv4(s).is_some() || ip::ipv6(s).is_some()
}

/// True for addresses a VM uses inside a virtual network: RFC 1918 and IPv6 unique-local.
pub fn is_private_ip(s: &str) -> bool {
    if let Some(v4) = ip::ipv4(s) {
        return std::net::Ipv4Addr::from(v4).is_private();
    }
    ip::ipv6(s).is_some_and(|g| (g[0] & 0xfe00) == 0xfc00)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_plain_search_finds_what_the_vectorised_one_finds() {
        let hay = b"aaab ab abc abcabd xabcabdx 168.63.129.16/machine ?comp=versions";
        for start in 0..hay.len() {
            for len in 0..6 {
                let needle = &hay[start..(start + len).min(hay.len())];
                assert_eq!(
                    find_plain(hay, needle),
                    memchr::memmem::find(hay, needle),
                    "{needle:?}"
                );
            }
        }
        for needle in [&b"zz"[..], b"abd x", b"versionsX", b""] {
            assert_eq!(find_plain(hay, needle), memchr::memmem::find(hay, needle));
            assert_eq!(find_plain(b"", needle), memchr::memmem::find(b"", needle));
        }
    }

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

#[cfg(test)]
mod pairs_tests {
    use super::Pairs;

    #[test]
    fn lowercase_pairs_match_the_folded_ones_and_rule_out_absent_phrases() {
        let line =
            "2020-10-02T18:11:16Z WARNING ExtHandler Inner error: [ResourceGoneError] [410: Gone]";
        let lower = line.to_ascii_lowercase();
        let p = Pairs::of_lowercase(lower.as_bytes());
        assert_eq!(p, Pairs::of(line.as_bytes()));
        for present in [
            "resourcegoneerror",
            "410: gone",
            "inner error",
            "exthandler",
        ] {
            assert!(p.may_contain(Pairs::of(present.as_bytes())), "{present}");
        }
        // Every phrase the line holds passes; these it does not hold are ruled out.
        assert!(!p.may_contain(Pairs::of(b"walinuxagent.service")));
        assert!(!p.may_contain(Pairs::of(b"168.63.129.16")));
    }
}
