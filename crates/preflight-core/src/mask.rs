//! Masking: what must not leave the machine, and what must not pass for something else.
//!
//! Runs on the decoded text before anything reads it. A secret's value (a password in a URL,
//! an `Authorization` header, a SAS signature, a storage key, a token, a client secret, a
//! password setting, credentials on a curl command line) becomes [`MASK`]; a character that
//! changes how a line reads without showing itself (bidi controls, zero-width characters, a BOM
//! inside the text, tag characters) becomes a visible `<U+202E>`. Lines stay where they were,
//! so line numbers, verdicts and counts are those of the unmasked text, and every output (the
//! report, each renderer, a raw-log view) shows the masked text, because none of them ever sees
//! another.
//!
//! Finding candidates costs a few searches over the whole text (a byte or a word that every
//! form needs); only the lines they hit are read rule by rule.

use memchr::memchr;

use crate::parse::{each, find_bytes, find_ci, Finder};

use crate::decode::Text;

/// What a secret's value is replaced with.
pub const MASK: &str = "****";

/// The kinds of secret that are masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Secret {
    /// `scheme://user:password@host`, `user:password@proxy:port`.
    UrlPassword,
    /// `Authorization:` / `Proxy-Authorization:` header values.
    AuthorizationHeader,
    /// `sig=` of a SAS URL or token.
    SasSignature,
    /// `AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=` of a connection string.
    StorageKey,
    /// A JWT (`eyJ….….…`) or a `token=` / `api_key=` value.
    Token,
    /// `client_secret=` and other `…secret` settings.
    ClientSecret,
    /// A password setting (`HttpProxy.Password=`, `ProxyPassword REG_SZ …`, `"password": …`) or
    /// `ConvertTo-SecureString '…' -AsPlainText`.
    Password,
    /// `curl -u user:pass`, `-U`, `--user`, `--proxy-user`.
    CommandLine,
}

impl Secret {
    pub const ALL: [Secret; 8] = [
        Secret::UrlPassword,
        Secret::AuthorizationHeader,
        Secret::SasSignature,
        Secret::StorageKey,
        Secret::Token,
        Secret::ClientSecret,
        Secret::Password,
        Secret::CommandLine,
    ];
}

/// The masked text and what was masked where.
#[derive(Debug, Default)]
pub struct Masked {
    /// The text with masks and visible escapes, one line per line of the input.
    pub content: String,
    /// Each line with a secret and the secret's kind, in line order (a line may appear once
    /// per kind).
    pub secrets: Vec<(usize, Secret)>,
    /// Lines that held an invisible or direction-changing character.
    pub invisible: Vec<usize>,
}

/// Masks `text`; `None` when it holds nothing to mask.
pub fn mask(text: &Text<'_>) -> Option<Masked> {
    let candidates = candidate_lines(text);
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut found = Masked::default();
    for (n, tags) in candidates {
        let line = text.line(n);
        let mut cuts: Vec<Cut> = Vec::new();
        secrets_in(line, tags, &mut cuts);
        let masked = apply(line, &mut cuts);
        let kinds = Secret::ALL
            .into_iter()
            .filter(|k| cuts.iter().any(|c| c.kind == *k));
        found.secrets.extend(kinds.map(|k| (n, k)));
        let shown = (tags & hit::INVISIBLE != 0)
            .then(|| show_invisible(masked.as_deref().unwrap_or(line)))
            .flatten();
        if shown.is_some() {
            found.invisible.push(n);
        }
        if let Some(new) = shown.or(masked) {
            edits.push((n, new));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut content = String::with_capacity(text.content.len() + 64);
    let mut edits = edits.into_iter().peekable();
    for (n, line) in text.lines() {
        match edits.next_if(|(k, _)| *k == n) {
            Some((_, new)) => content.push_str(&new),
            None => content.push_str(line),
        }
        content.push('\n');
    }
    found.content = content;
    Some(found)
}

/// Which rules a candidate line is read with: the searches that found it.
mod hit {
    pub const AT: u16 = 1;
    pub const EQUALS: u16 = 1 << 1;
    pub const AUTHORIZATION: u16 = 1 << 2;
    pub const LABEL: u16 = 1 << 3;
    pub const JWT: u16 = 1 << 4;
    pub const CURL: u16 = 1 << 5;
    pub const SECURE_STRING: u16 = 1 << 6;
    pub const INVISIBLE: u16 = 1 << 7;
}

/// Words every keyword rule needs, searched for in the whole text, in the case they are
/// written in (an all-capitals `PASSWORD=` is a setting, found by its `=`). `@` (user info),
/// `=` (settings) and the lead bytes of invisible characters are searched for as bytes.
const ANCHORS: &[(&str, u16)] = &[
    ("uthorization", hit::AUTHORIZATION),
    ("assw", hit::LABEL),
    ("ecret", hit::LABEL),
    ("eyJ", hit::JWT),
    ("curl", hit::CURL),
    ("SecureString", hit::SECURE_STRING),
];

/// The lines that may hold a secret or an invisible character, in order, each with the
/// searches that found it.
fn candidate_lines(text: &Text<'_>) -> Vec<(usize, u16)> {
    let bytes = text.content.as_bytes();
    let mut lines: Vec<(usize, u16)> = Vec::new();
    let mut add = |offsets: &mut dyn Iterator<Item = usize>, tag: &dyn Fn(u8) -> u16| {
        // Each search gives its offsets in order: a line with many hits is looked up once.
        let mut end = 0;
        for o in offsets {
            let t = tag(bytes.get(o).copied().unwrap_or(0));
            match lines.last_mut() {
                Some((_, tags)) if o < end => *tags |= t,
                _ => {
                    let n = text.line_at(o);
                    end = text.line_end(n);
                    lines.push((n, t));
                }
            }
        }
    };
    add(
        &mut each(bytes, |h| memchr::memchr3(b'@', b'=', 0xE2, h)),
        &|b| match b {
            b'@' => hit::AT,
            b'=' => hit::EQUALS,
            _ => hit::INVISIBLE,
        },
    );
    // 0xEF starts U+FEFF, 0xF3 the tag characters (U+E0000…).
    add(
        &mut each(bytes, |h| memchr::memchr2(0xEF, 0xF3, h)),
        &|_| hit::INVISIBLE,
    );
    for &(anchor, tag) in ANCHORS {
        let finder = Finder::new(anchor.as_bytes());
        add(&mut each(bytes, |h| finder.find(h)), &|_| tag);
    }
    crate::order::by_key(&mut lines, |&(n, _)| n as u64);
    // One entry per line, with the tags of all its hits.
    let mut merged: Vec<(usize, u16)> = Vec::with_capacity(lines.len());
    for (n, t) in lines {
        match merged.last_mut() {
            Some((m, tags)) if *m == n => *tags |= t,
            _ => merged.push((n, t)),
        }
    }
    merged
}

/// A byte range of a line to replace with the mask.
#[derive(Clone, Copy, Debug)]
struct Cut {
    start: usize,
    end: usize,
    kind: Secret,
}

/// Every secret's value in `line`, by the rules its `tags` call for.
fn secrets_in(line: &str, tags: u16, cuts: &mut Vec<Cut>) {
    let b = line.as_bytes();
    let has = |tag: u16| tags & tag != 0;
    if has(hit::AT) {
        let mut last_token = usize::MAX;
        for at in each(b, |h| memchr(b'@', h)) {
            let (start, end) = token(b, at);
            if start != last_token {
                last_token = start;
                user_info(b, start, end, cuts);
            }
        }
    }
    if has(hit::EQUALS) {
        for eq in each(b, |h| memchr(b'=', h)) {
            setting(b, eq, cuts);
        }
    }
    if has(hit::AUTHORIZATION) {
        for at in find_ci(b, b"authorization") {
            authorization(b, at, cuts);
        }
    }
    if has(hit::LABEL) {
        for word in [&b"password"[..], b"passwd", b"secret"] {
            for at in find_ci(b, word) {
                labelled(b, at, cuts);
            }
        }
    }
    if has(hit::JWT) {
        for at in each(b, |h| find_bytes(h, b"eyJ")) {
            jwt(b, at, cuts);
        }
    }
    if has(hit::CURL) {
        curl_credentials(b, cuts);
    }
    if has(hit::SECURE_STRING) {
        if let Some(at) = find_ci(b, b"convertto-securestring").next() {
            plain_text_password(b, at, cuts);
        }
    }
}

/// Bytes that end a token around a URL or a `user:pass@host` value.
fn ends_token(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'"' | b'\''
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b','
                | b';'
                | b'`'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'\\'
        )
}

/// The token around byte `at`: `[start, end)`.
fn token(b: &[u8], at: usize) -> (usize, usize) {
    let start = b
        .get(..at)
        .and_then(|h| h.iter().rposition(|&c| ends_token(c)))
        .map_or(0, |p| p + 1);
    let end = b
        .get(at..)
        .and_then(|t| t.iter().position(|&c| ends_token(c)))
        .map_or(b.len(), |p| at + p);
    (start, end)
}

/// `scheme://user:password@host` or `user:password@host:port` (registry, `netsh`, a proxy
/// variable without its scheme): the password, or the whole user info of a URL that has no
/// password (a token used as the user name).
fn user_info(b: &[u8], start: usize, end: usize, cuts: &mut Vec<Cut>) {
    let tok = b.get(start..end).unwrap_or_default();
    let cut = |from: usize, to: usize| Cut {
        start: start + from,
        end: start + to,
        kind: Secret::UrlPassword,
    };
    if let Some(scheme) = find_bytes(tok, b"://") {
        let auth = scheme + 3;
        let rest = tok.get(auth..).unwrap_or_default();
        // The user info ends at the last `@`: a password may hold `#` or `?`, which would end
        // a URL's authority, and people write them unencoded.
        let Some(at) = rest.iter().rposition(|&c| c == b'@') else {
            return;
        };
        let info = rest.get(..at).unwrap_or_default();
        let colon = info.iter().position(|&c| c == b':');
        let slash = info.iter().position(|&c| c == b'/');
        // `host/path@x` is a path, not user info; `user:pa/ss@host` is a password with a slash.
        if slash.is_some_and(|s| colon.is_none_or(|c| c > s)) || info.is_empty() {
            return;
        }
        let from = colon.map_or(0, |c| c + 1);
        if from < at {
            cuts.push(cut(auth + from, auth + at));
        }
        return;
    }
    let Some(at) = tok.iter().rposition(|&c| c == b'@') else {
        return;
    };
    // `https_proxy=user:pass@proxy`, `http=user:pass@proxy:8080`: the value after the last `=`.
    let value = tok
        .get(..at)
        .and_then(|h| h.iter().rposition(|&c| c == b'='))
        .map_or(0, |p| p + 1);
    let info = tok.get(value..at).unwrap_or_default();
    // Without a colon it is an address (`user@example.com`, `eth0@if5`), not credentials;
    // ending in one it is a list (curl's `Cipher selection: ALL:!EXPORT:…:!RC4:@STRENGTH`).
    if let Some(colon) = info.iter().position(|&c| c == b':') {
        if value + colon + 1 < at && !info.contains(&b'/') && info.last() != Some(&b':') {
            cuts.push(cut(value + colon + 1, at));
        }
    }
}

/// `key=value` where the key names a secret.
fn setting(b: &[u8], eq: usize, cuts: &mut Vec<Cut>) {
    let head = b.get(..eq).unwrap_or_default();
    let key_end = head.len() - head.iter().rev().take_while(|&&c| c == b' ').count();
    let key = head
        .get(key_start(head, key_end)..key_end)
        .unwrap_or_default();
    let Some(kind) = secret_key(key) else {
        return;
    };
    // A connection string's SAS holds `&`; a URL's query parameter ends at one.
    let amp_ends = kind != Secret::StorageKey;
    if let Some((start, end)) = value_at(b, eq + 1, amp_ends) {
        cuts.push(Cut { start, end, kind });
    }
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')
}

/// Where the key that ends at `end` starts.
fn key_start(b: &[u8], end: usize) -> usize {
    b.get(..end)
        .unwrap_or_default()
        .iter()
        .rposition(|&c| !is_key_byte(c))
        .map_or(0, |p| p + 1)
}

/// A value that is no secret: none, a variable (`$password`), a mask already (`****`),
/// PowerShell's placeholder for a protected string.
fn names_no_secret(value: &[u8]) -> bool {
    value.starts_with(b"$")
        || value.iter().all(|&c| c == b'*')
        || value.eq_ignore_ascii_case(b"System.Security.SecureString")
}

/// The kind of secret a setting's key names.
fn secret_key(key: &[u8]) -> Option<Secret> {
    // Compared without a lower-cased copy: this runs for each `=` of a candidate line.
    let is = |s: &[u8]| key.eq_ignore_ascii_case(s);
    let ends = |s: &[u8]| {
        key.len() >= s.len()
            && key
                .get(key.len() - s.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(s))
    };
    Some(match key {
        _ if is(b"sig") => Secret::SasSignature,
        _ if is(b"accountkey") || is(b"sharedaccesskey") || is(b"sharedaccesssignature") => {
            Secret::StorageKey
        }
        _ if ends(b"password") || ends(b"passwd") || ends(b"pwd") => Secret::Password,
        _ if ends(b"secret") => Secret::ClientSecret,
        _ if ends(b"token") || ends(b"apikey") || ends(b"api_key") || ends(b"api-key") => {
            Secret::Token
        }
        _ => return None,
    })
}

/// The value that starts at `from` (after a separator): quoted, up to its closing quote;
/// otherwise up to the next delimiter. `None` for no value, a variable or a value already
/// hidden (`$password`, `System.Security.SecureString`, `****`).
fn value_at(b: &[u8], from: usize, amp_ends: bool) -> Option<(usize, usize)> {
    let mut start = from;
    while b.get(start) == Some(&b' ') {
        start += 1;
    }
    let quote = b.get(start).copied().filter(|&c| c == b'"' || c == b'\'');
    let (start, end) = match quote {
        Some(q) => {
            let s = start + 1;
            let len = b.get(s..)?.iter().position(|&c| c == q || c == b'\\');
            (s, len.map_or(b.len(), |l| s + l))
        }
        None => {
            let len = b.get(start..)?.iter().position(|&c| {
                c.is_ascii_whitespace()
                    || matches!(c, b';' | b',' | b'"' | b'\'' | b'<' | b'>' | b')' | b']')
                    || matches!(c, b'}' | b'`' | b'\\')
                    || (amp_ends && c == b'&')
            });
            (start, len.map_or(b.len(), |l| start + l))
        }
    };
    let value = b.get(start..end)?;
    let hidden = names_no_secret(value) || value.eq_ignore_ascii_case(b"null");
    (!hidden).then_some((start, end))
}

/// `Authorization: Basic …`, `Proxy-Authorization: Negotiate …`, `"Authorization": "Bearer …"`,
/// `-H 'Authorization: …'`: the credentials after the scheme word, which stays.
fn authorization(b: &[u8], at: usize, cuts: &mut Vec<Cut>) {
    let mut i = at + "authorization".len();
    let opened = quote_before(b, at);
    if matches!(b.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    // A header or a setting, not prose ("the Authorization header is formed …").
    if !matches!(b.get(i), Some(b':' | b'=')) {
        return;
    }
    i += 1;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let mut quote = opened;
    if let Some(&c @ (b'"' | b'\'')) = b.get(i) {
        quote = quote.or(Some(c));
        i += 1;
    }
    let rest = b.get(i..).unwrap_or_default();
    let scheme_len = rest.iter().position(|&c| c == b' ').unwrap_or(0);
    let scheme = rest.get(..scheme_len).unwrap_or_default();
    const SCHEMES: &[&[u8]] = &[
        b"basic",
        b"bearer",
        b"ntlm",
        b"negotiate",
        b"digest",
        b"sharedkey",
        b"sharedaccesssignature",
        b"kerberos",
    ];
    let known = SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s));
    let start = if known { i + scheme_len + 1 } else { i };
    // A Digest value quotes its fields: it runs to the end of the header.
    let digest = scheme.eq_ignore_ascii_case(b"digest");
    let len = b
        .get(start..)
        .unwrap_or_default()
        .iter()
        .position(|&c| match quote {
            Some(q) => c == q,
            None => c == b'\\' || (!digest && c == b'"'),
        });
    let end = len.map_or(b.len(), |l| start + l);
    let end = start + trim_end_len(b.get(start..end).unwrap_or_default());
    if end > start {
        cuts.push(Cut {
            start,
            end,
            kind: Secret::AuthorizationHeader,
        });
    }
}

/// The quote that opens a quoted header right before `at` (`"Authorization`, `'Proxy-Authorization`).
fn quote_before(b: &[u8], at: usize) -> Option<u8> {
    let head = b.get(..at).unwrap_or_default();
    let head = head.strip_suffix(b"Proxy-").unwrap_or(head);
    let head = head.strip_suffix(b"proxy-").unwrap_or(head);
    head.last().copied().filter(|&c| c == b'"' || c == b'\'')
}

fn trim_end_len(v: &[u8]) -> usize {
    v.len()
        - v.iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count()
}

/// `ProxyPassword : …` (a PowerShell list), `"password": "…"` (JSON), `ProxyPassword REG_SZ …`
/// (a registry dump): a key that names a password or a secret, a separator, a value.
fn labelled(b: &[u8], at: usize, cuts: &mut Vec<Cut>) {
    let end = at
        + b.get(at..)
            .unwrap_or_default()
            .iter()
            .position(|&c| !is_key_byte(c))
            .unwrap_or(b.len() - at);
    let start = key_start(b, at);
    // `adminPassword`, not `disablePasswordAuthentication` or `"secrets": []`.
    let kind = match secret_key(b.get(start..end).unwrap_or_default()) {
        Some(k @ (Secret::Password | Secret::ClientSecret)) => k,
        _ => return,
    };
    let mut i = end;
    let quoted_key = matches!(b.get(i), Some(b'"' | b'\''));
    if quoted_key {
        i += 1;
    }
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let after = b.get(i..).unwrap_or_default();
    let from = if after.starts_with(b":") && !after.starts_with(b"://") {
        i + 1
    } else if let Some(t) = [&b"REG_SZ"[..], b"REG_EXPAND_SZ"]
        .iter()
        .find(|t| after.starts_with(t))
    {
        i + t.len()
    } else {
        // `key=value` is `setting`'s.
        return;
    };
    let mut start = from;
    while matches!(b.get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    match b.get(start) {
        // A quoted or JSON value: up to its closing quote.
        Some(b'"' | b'\'') => {
            if let Some((s, e)) = value_at(b, start, false) {
                cuts.push(Cut {
                    start: s,
                    end: e,
                    kind,
                });
            }
        }
        Some(_) => {
            // A listed value runs to the end of the line (it may hold spaces); a JSON
            // literal to the next member.
            let len = b
                .get(start..)
                .unwrap_or_default()
                .iter()
                .position(|&c| c == b'\\' || c == b'"' || (quoted_key && matches!(c, b',' | b'}')))
                .unwrap_or(b.len() - start);
            let end = start + trim_end_len(b.get(start..start + len).unwrap_or_default());
            let value = b.get(start..end).unwrap_or_default();
            let hidden = names_no_secret(value)
                || matches!(value, b"null" | b"true" | b"false" | b"{" | b"[");
            if end > start && !hidden {
                cuts.push(Cut { start, end, kind });
            }
        }
        None => {}
    }
}

/// `eyJ….….…`: a JSON Web Token (a bearer token, an access token in a JSON reply).
fn jwt(b: &[u8], at: usize, cuts: &mut Vec<Cut>) {
    let part = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    if at > 0 && b.get(at - 1).is_some_and(|&c| part(c)) {
        return;
    }
    let mut i = at;
    let mut dots = 0;
    while let Some(&c) = b.get(i) {
        if part(c) {
            i += 1;
        } else if c == b'.' && dots < 2 && b.get(i + 1).is_some_and(|&n| part(n)) {
            dots += 1;
            i += 1;
        } else {
            break;
        }
    }
    if dots == 2 && i - at >= 24 {
        cuts.push(Cut {
            start: at,
            end: i,
            kind: Secret::Token,
        });
    }
}

/// `curl -u user:pass`, `-U user:pass`, `--user user:pass`, `--proxy-user=user:pass`, `-su …`:
/// the password after the user name (curl asks for it when there is none).
fn curl_credentials(b: &[u8], cuts: &mut Vec<Cut>) {
    // Most curl lines have no user flag: look at each option's letters before reading words.
    let user_flag = each(b, |h| memchr(b'-', h)).any(|i| {
        let rest = b.get(i + 1..).unwrap_or_default();
        let run = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let letters = rest.get(..run).unwrap_or_default();
        matches!(letters.first(), Some(b'u' | b'U')) || matches!(letters.last(), Some(b'u' | b'U'))
    });
    if !user_flag {
        return;
    }
    let words: Vec<(usize, &[u8])> = words_at(b).collect();
    let mut i = 0;
    while let Some(&(start, w)) = words.get(i) {
        i += 1;
        let attached = [&b"--user="[..], b"--proxy-user="]
            .iter()
            .find(|p| w.starts_with(p))
            .map(|p| p.len())
            .or_else(|| {
                let glued = (w.starts_with(b"-u") || w.starts_with(b"-U"))
                    && w.get(2).is_some_and(|&c| c != b'-');
                glued.then_some(2)
            });
        let value = match attached {
            Some(skip) => Some((start + skip, w.len() - skip)),
            None if is_user_flag(w) => {
                i += 1;
                words.get(i - 1).map(|&(s, v)| (s, v.len()))
            }
            None => None,
        };
        if let Some((s, len)) = value {
            password_after_colon(b, s, s + len, cuts);
        }
    }
}

/// `--user`, `--proxy-user`, `-u`, `-U`, or a cluster of short flags ending in one (`-su`).
fn is_user_flag(w: &[u8]) -> bool {
    matches!(w, b"--user" | b"--proxy-user")
        || (w.len() >= 2
            && w.first() == Some(&b'-')
            && w.get(1..)
                .is_some_and(|f| f.iter().all(u8::is_ascii_alphabetic))
            && matches!(w.last(), Some(b'u' | b'U')))
}

/// In `user:pass` (quoted or not) at `start..end`, the part after the first colon.
fn password_after_colon(b: &[u8], start: usize, end: usize, cuts: &mut Vec<Cut>) {
    let v = b.get(start..end).unwrap_or_default();
    let lead = usize::from(matches!(v.first(), Some(b'"' | b'\'')));
    let trail = usize::from(v.len() > lead && matches!(v.last(), Some(b'"' | b'\'')));
    let inner = v.get(lead..v.len() - trail).unwrap_or_default();
    let Some(colon) = inner.iter().position(|&c| c == b':') else {
        return;
    };
    let password = inner.get(colon + 1..).unwrap_or_default();
    if !password.is_empty() && !password.starts_with(b"$") {
        cuts.push(Cut {
            start: start + lead + colon + 1,
            end: start + lead + inner.len(),
            kind: Secret::CommandLine,
        });
    }
}

/// The words of a line with their byte offsets; a quoted word runs to its closing quote
/// (`-u 'user:pass word'`).
fn words_at(b: &[u8]) -> impl Iterator<Item = (usize, &[u8])> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let start = i;
        let mut quote = None;
        while let Some(&c) = b.get(i) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c.is_ascii_whitespace() => break,
                None => {}
            }
            i += 1;
        }
        (i > start).then(|| (start, b.get(start..i).unwrap_or_default()))
    })
}

/// `ConvertTo-SecureString 'P@ss' -AsPlainText -Force` (or `-String 'P@ss'`): the password.
fn plain_text_password(b: &[u8], at: usize, cuts: &mut Vec<Cut>) {
    let from = at + "convertto-securestring".len();
    for (start, w) in words_at(b.get(from..).unwrap_or_default()) {
        let start = from + start;
        if w.starts_with(b"-") || w.starts_with(b"$") || w == b"|" {
            continue;
        }
        if let Some((s, e)) = value_at(b, start, false) {
            cuts.push(Cut {
                start: s,
                end: e,
                kind: Secret::Password,
            });
        }
        return;
    }
}

/// `<U+202E>`: a code point written out, at least four hex digits.
fn write_code_point(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let n = u32::from(c);
    out.push_str("<U+");
    let digits = if n > 0xFFFF { 5 } else { 4 };
    for i in (0..digits).rev() {
        let d = (n >> (4 * i)) & 0xF;
        out.push(char::from(HEX.get(d as usize).copied().unwrap_or(b'0')));
    }
    out.push('>');
}

/// The line with its cuts replaced by the mask; `None` when there is nothing to cut.
fn apply(line: &str, cuts: &mut Vec<Cut>) -> Option<String> {
    if cuts.is_empty() {
        return None;
    }
    crate::order::by_key(cuts, |c| crate::order::pair(c.start, c.end));
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for c in cuts.iter() {
        // Overlapping cuts (a URL password that is also a setting's value) mask once.
        let start = c.start.max(at);
        if c.end <= start {
            continue;
        }
        out.push_str(line.get(at..start).unwrap_or(""));
        out.push_str(MASK);
        at = c.end;
    }
    out.push_str(line.get(at..).unwrap_or(""));
    Some(out)
}

/// Whether `c` changes how text reads without being seen: bidi embeddings, overrides and
/// isolates, zero-width characters and marks, invisible operators, a BOM, tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}')
}

/// The line with each invisible character written as `<U+202E>`; `None` when it has none.
fn show_invisible(line: &str) -> Option<String> {
    // Each of them is encoded with a lead byte of 0xE2, 0xEF or 0xF3.
    if memchr::memchr3(0xE2, 0xEF, 0xF3, line.as_bytes()).is_none()
        || !line.chars().any(is_invisible)
    {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        if is_invisible(c) {
            write_code_point(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    /// The line as masked, and the kinds found on it.
    fn masked(line: &str) -> (String, Vec<Secret>) {
        let text = decode(line.as_bytes());
        match mask(&text) {
            Some(m) => (
                m.content.trim_end_matches('\n').to_owned(),
                m.secrets.iter().map(|s| s.1).collect(),
            ),
            None => (line.to_owned(), Vec::new()),
        }
    }

    #[track_caller]
    fn hides(line: &str, want: &str, kind: Secret) {
        let (got, kinds) = masked(line);
        assert_eq!(got, want, "masked form of {line:?}");
        assert!(kinds.contains(&kind), "{line:?}: {kinds:?} lacks {kind:?}");
    }

    #[track_caller]
    fn keeps(line: &str) {
        assert_eq!(masked(line), (line.to_owned(), Vec::new()));
    }

    #[test]
    fn passwords_in_urls_are_masked_and_the_user_and_host_stay() {
        use Secret::UrlPassword as U;
        hides(
            "https_proxy=http://user:pa55w0rd@proxy.contoso.com:8080",
            "https_proxy=http://user:****@proxy.contoso.com:8080",
            U,
        );
        hides(
            "* Uses proxy env variable https_proxy == 'http://user:s3cret@10.0.0.5:3128'",
            "* Uses proxy env variable https_proxy == 'http://user:****@10.0.0.5:3128'",
            U,
        );
        hides(
            "HTTPS_PROXY=user:p@ss:w0rd@proxy:8080",
            "HTTPS_PROXY=user:****@proxy:8080",
            U,
        );
        hides(
            "    ProxyServer    REG_SZ    corp\\user:pass@proxy:8080",
            "    ProxyServer    REG_SZ    corp\\user:****@proxy:8080",
            U,
        );
        hides(
            "    Proxy Server(s) :  http=u:one@proxy:8080;https=u:two@proxy:8443",
            "    Proxy Server(s) :  http=u:****@proxy:8080;https=u:****@proxy:8443",
            U,
        );
        hides(
            "git clone https://ghp_abc123@github.com/x/y",
            "git clone https://****@github.com/x/y",
            U,
        );
        hides(
            "curl -x http://user:pa/ss@proxy:3128 https://a.example",
            "curl -x http://user:****@proxy:3128 https://a.example",
            U,
        );
        hides(
            "https_proxy=http://backup:Zq#A0?%Aa@10.0.0.5:3128",
            "https_proxy=http://backup:****@10.0.0.5:3128",
            U,
        );
    }

    #[test]
    fn addresses_that_are_not_credentials_stay() {
        keeps("2: vpeer0@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500");
        keeps("Contact admin@contoso.com for access");
        keeps("GET https://example.com/path@x?y=1 HTTP/1.1");
        keeps("ssh root@host:22");
        keeps("Make sure the value of Authorization header is formed correctly including the signature.");
        keeps("Password expires : never");
        keeps("Password : System.Security.SecureString");
        keeps("curl -u user https://a.example");
        keeps("sudo -u root curl https://a.example");
        keeps("  UserName : contoso\\backup");
        keeps("* Cipher selection: ALL:!EXPORT:!EXPORT40:!EXPORT56:!aNULL:!LOW:!RC4:@STRENGTH");
    }

    #[test]
    fn authorization_headers_keep_their_scheme_and_lose_their_value() {
        use Secret::AuthorizationHeader as A;
        hides(
            "> Proxy-Authorization: Basic dXNlcjpwYXNz",
            "> Proxy-Authorization: Basic ****",
            A,
        );
        hides(
            "Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCC",
            "Authorization: Negotiate ****",
            A,
        );
        hides(
            "curl -H 'Authorization: Bearer abc.def' https://management.azure.com/",
            "curl -H 'Authorization: Bearer ****' https://management.azure.com/",
            A,
        );
        hides(
            r#"  "Authorization": "SharedKey acct:c2lnbmF0dXJl","#,
            r#"  "Authorization": "SharedKey ****","#,
            A,
        );
        hides(
            r#"@{Authorization = "token abcdef"}"#,
            r#"@{Authorization = "****"}"#,
            A,
        );
    }

    #[test]
    fn sas_signatures_storage_keys_tokens_and_secrets_are_masked() {
        hides(
            "GET https://md-x.blob.core.windows.net/abc?sv=2018-03-28&sr=b&sig=AbC%2Bd%3D&se=2020-01-01 HTTP/1.1",
            "GET https://md-x.blob.core.windows.net/abc?sv=2018-03-28&sr=b&sig=****&se=2020-01-01 HTTP/1.1",
            Secret::SasSignature,
        );
        hides(
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=ab+c/d==;EndpointSuffix=core.windows.net",
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=****;EndpointSuffix=core.windows.net",
            Secret::StorageKey,
        );
        hides(
            "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2020&ss=b&sig=xyz%3D",
            "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=****",
            Secret::StorageKey,
        );
        hides(
            "token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlX2hlcmU",
            "token: ****",
            Secret::Token,
        );
        hides(
            "grant_type=client_credentials&client_id=1&client_secret=Zx~8Q&scope=x",
            "grant_type=client_credentials&client_id=1&client_secret=****&scope=x",
            Secret::ClientSecret,
        );
    }

    #[test]
    fn password_settings_in_each_notation_are_masked() {
        use Secret::Password as P;
        hides("HttpProxy.Password=Sup3r", "HttpProxy.Password=****", P);
        hides("ProxyPassword : Sup3r secret", "ProxyPassword : ****", P);
        hides(r#"  "password": "Sup3r","#, r#"  "password": "****","#, P);
        hides(
            "    ProxyPassword    REG_SZ    Sup3r",
            "    ProxyPassword    REG_SZ    ****",
            P,
        );
        hides(
            "$pw = ConvertTo-SecureString 'P@ssw0rd!' -AsPlainText -Force",
            "$pw = ConvertTo-SecureString '****' -AsPlainText -Force",
            P,
        );
        hides(
            "wget --proxy-password=Sup3r https://a",
            "wget --proxy-password=**** https://a",
            P,
        );
    }

    #[test]
    fn curl_credentials_are_masked_after_the_user_name() {
        use Secret::CommandLine as C;
        hides(
            "curl -u user:pass https://a",
            "curl -u user:**** https://a",
            C,
        );
        hides(
            "curl -sSu user:pass https://a",
            "curl -sSu user:**** https://a",
            C,
        );
        hides(
            "curl -U 'px:two words' -x p:3128 https://a",
            "curl -U 'px:****' -x p:3128 https://a",
            C,
        );
        hides(
            "curl --proxy-user=px:pw https://a",
            "curl --proxy-user=px:**** https://a",
            C,
        );
        hides(
            "curl -uuser:pass https://a",
            "curl -uuser:**** https://a",
            C,
        );
    }

    #[test]
    fn invisible_characters_are_written_out_and_lines_stay_where_they_were() {
        let text = decode(
            "one\nlogin.microsoftonline\u{200B}.com\nthree \u{202E}txt.exe\nfour".as_bytes(),
        );
        let m = mask(&text).unwrap();
        assert_eq!(
            m.content,
            "one\nlogin.microsoftonline<U+200B>.com\nthree <U+202E>txt.exe\nfour\n"
        );
        assert_eq!(m.invisible, vec![2, 3]);
        assert!(m.secrets.is_empty());
        let masked = text.with_content(m.content);
        assert_eq!(masked.line_count(), text.line_count());
    }

    #[test]
    fn a_text_without_secrets_is_left_alone() {
        let text = decode(b"nslookup login.microsoftonline.com\nServer:\t\t127.0.0.53\n");
        assert!(mask(&text).is_none());
    }
}
