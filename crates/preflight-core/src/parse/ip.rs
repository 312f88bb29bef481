//! IP address literals, read exactly as the standard library's `IpAddr` parser reads them.
//!
//! Written out here because the page ships this crate as WebAssembly, where `std::net`'s
//! general parser costs over a kilobyte compressed for the few questions asked of it; the tests
//! below hold both readers to the same answer for every input they generate.

/// The four octets of a dotted-quad IPv4 literal (`10.0.0.4`; no leading zeros, as std).
pub fn ipv4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = s.split('.');
    for octet in &mut out {
        let p = parts.next()?.as_bytes();
        let digits = (1..=3).contains(&p.len()) && p.iter().all(u8::is_ascii_digit);
        if !digits || (p.len() > 1 && p.first() == Some(&b'0')) {
            return None;
        }
        let v = p.iter().fold(0u16, |v, &c| v * 10 + u16::from(c - b'0'));
        *octet = u8::try_from(v).ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// The eight groups of an IPv6 literal (`fd00::4`, `::ffff:10.0.0.4`; no zone, no brackets).
pub fn ipv6(s: &str) -> Option<[u16; 8]> {
    let (head, tail) = match s.find("::") {
        Some(at) => (s.get(..at)?, Some(s.get(at + 2..)?)),
        None => (s, None),
    };
    let mut front = [0u16; 8];
    let mut back = [0u16; 8];
    // The dotted quad, if any, ends the address: the tail's, or the head's when there is no `::`.
    let nf = groups(head, tail.is_none(), &mut front)?;
    let nb = match tail {
        Some(t) => groups(t, true, &mut back)?,
        None => 0,
    };
    let n = nf + nb;
    if (tail.is_none() && n != 8) || (tail.is_some() && n > 7) {
        return None;
    }
    let mut out = [0u16; 8];
    out.get_mut(..nf)?.copy_from_slice(front.get(..nf)?);
    out.get_mut(8 - nb..)?.copy_from_slice(back.get(..nb)?);
    Some(out)
}

/// Reads `:`-separated groups into `out`; how many it read (a dotted quad counts two).
fn groups(part: &str, quad_last: bool, out: &mut [u16; 8]) -> Option<usize> {
    if part.is_empty() {
        return Some(0);
    }
    let mut n = 0;
    let mut pieces = part.split(':').peekable();
    while let Some(p) = pieces.next() {
        if quad_last && pieces.peek().is_none() && p.contains('.') {
            let [a, b, c, d] = ipv4(p)?;
            *out.get_mut(n)? = u16::from_be_bytes([a, b]);
            *out.get_mut(n + 1)? = u16::from_be_bytes([c, d]);
            return Some(n + 2);
        }
        let hex = (1..=4).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_hexdigit());
        if !hex {
            return None;
        }
        *out.get_mut(n)? = u16::from_str_radix(p, 16).ok()?;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_std(s: &str) {
        assert_eq!(
            ipv4(s),
            s.parse::<std::net::Ipv4Addr>().ok().map(|a| a.octets()),
            "{s:?}"
        );
        assert_eq!(
            ipv6(s),
            s.parse::<std::net::Ipv6Addr>().ok().map(|a| a.segments()),
            "{s:?}"
        );
    }

    #[test]
    fn known_forms_read_as_std_reads_them() {
        for s in [
            "10.0.0.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "",
            ".",
            "::",
            "::1",
            "1::",
            "fd00::4",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8::",
            "1::2::3",
            ":1",
            "1:",
            "::ffff:10.0.0.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1.2.3.4::",
            "12345::",
            "fe80::1%eth0",
            "[::1]",
            "0001::",
            "::1.2.3",
            "1:2:3:4:5:6:7",
            "a:b:c:d:e:f:1.2.3.4",
        ] {
            same_as_std(s);
        }
    }

    proptest! {
        #[test]
        fn any_text_of_address_characters_reads_as_std_reads_it(s in "[0-9a-fA-F:.%]{0,24}") {
            same_as_std(&s);
        }

        #[test]
        fn any_address_and_its_text_read_back(v4 in any::<[u8; 4]>(), v6 in any::<[u16; 8]>()) {
            same_as_std(&std::net::Ipv4Addr::from(v4).to_string());
            same_as_std(&std::net::Ipv6Addr::from(v6).to_string());
        }
    }
}
