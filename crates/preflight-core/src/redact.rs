//! Redaction for sharing: the names and addresses that identify a customer's machine, network
//! and Azure resources, replaced with stable pseudonyms (`host-1`, `ip-1`, `user-1`, …).
//!
//! [`Pseudonyms`] is learned from what was already read: a report's typed values (the host
//! name, the proxy, the interfaces' addresses, the agent's computer name) and the masked text
//! the report was read from (addresses, MAC addresses, home paths, prompts, Azure resource IDs
//! and settings, storage-account and private-endpoint names). Redacting is then a mapping over
//! strings, not a second analysis: every string of a report ([`Report::redact`]) and every line
//! a viewer shows go through [`Pseudonyms::apply`]. Verdicts, codes, counts and line numbers are
//! not strings, so they stay what they were; the same original gets the same pseudonym
//! everywhere, so the reasoning still reads ("host-1 could not reach … through proxy-1").
//!
//! Kept on purpose, because the reasoning needs them: Azure's public names (the script's
//! FQDNs, the Azure-owned storage accounts it tests), WireServer (168.63.129.16), the instance
//! metadata service (169.254.169.254), loopback and unspecified addresses, netmasks, `root` and
//! `localhost`, and the agent's version numbers (which look like IPv4 addresses).

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::i18n::TextBuf;
use crate::parse::find_ci;
use crate::parse::ip::{ipv4, ipv6};
use crate::report::{AgentReport, Arg, Bundle, Excerpt, ImageRef, Report, Sentence, Why};

/// What a pseudonym stands for; its word is the pseudonym's prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Host,
    Ip,
    Mac,
    User,
    Proxy,
    Subscription,
    Id,
    ResourceGroup,
    Vm,
    Vault,
    Storage,
    PrivateEndpoint,
}

impl Kind {
    const ALL: [Kind; 12] = [
        Kind::Host,
        Kind::Ip,
        Kind::Mac,
        Kind::User,
        Kind::Proxy,
        Kind::Subscription,
        Kind::Id,
        Kind::ResourceGroup,
        Kind::Vm,
        Kind::Vault,
        Kind::Storage,
        Kind::PrivateEndpoint,
    ];

    fn word(self) -> &'static str {
        match self {
            Kind::Host => "host",
            Kind::Ip => "ip",
            Kind::Mac => "mac",
            Kind::User => "user",
            Kind::Proxy => "proxy",
            Kind::Subscription => "subscription",
            Kind::Id => "id",
            Kind::ResourceGroup => "rg",
            Kind::Vm => "vm",
            Kind::Vault => "vault",
            Kind::Storage => "storage",
            Kind::PrivateEndpoint => "pe",
        }
    }
}

/// Originals (lower-cased) and their pseudonyms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pseudonyms {
    /// Sorted by original, for lookup.
    pairs: Vec<(String, String)>,
    /// The next number of each kind.
    next: [u32; 12],
    /// Values that look like an address but are not one (the agent's versions).
    keep: Vec<String>,
}

impl Pseudonyms {
    /// The table of one report and the text it was read from.
    pub fn of(report: &Report, text: &str) -> Self {
        let mut p = Pseudonyms::default();
        p.learn(report, text);
        p
    }

    /// A table already learned (the page receives it from its analysis worker).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut p = Pseudonyms::default();
        // Inserted in order (no sort routine of its own in the page's download).
        for (original, pseudonym) in pairs {
            let original = original.to_ascii_lowercase();
            if let Err(at) = p.pairs.binary_search_by(|(k, _)| k.as_str().cmp(&original)) {
                p.pairs.insert(at, (original, pseudonym));
            }
        }
        p
    }

    /// One table for several inputs learned apart (the page's tabs): each table's names in the
    /// order it numbered them, the first table first, numbered again without gaps.
    pub fn union<'a>(tables: impl IntoIterator<Item = &'a Pseudonyms>) -> Pseudonyms {
        let mut u = Pseudonyms::default();
        for t in tables {
            let mut named: Vec<(Kind, u32, &str)> = t
                .pairs
                .iter()
                .filter_map(|(original, v)| {
                    let (word, n) = v.rsplit_once('-')?;
                    let kind = Kind::ALL.into_iter().find(|k| k.word() == word)?;
                    Some((kind, n.parse().ok()?, original.as_str()))
                })
                .collect();
            crate::order::by_key(&mut named, |&(k, n, _)| {
                crate::order::pair(k as usize, n as usize)
            });
            for (kind, _, original) in named {
                u.add(kind, original);
            }
        }
        u
    }

    /// Original and pseudonym, sorted by original.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds what identifies the customer in `report` and `text`. Several inputs about the same
    /// machine learn into one table, so a name has one pseudonym across all of them.
    pub fn learn(&mut self, report: &Report, text: &str) {
        if let Some(a) = &report.agent {
            let versions = [&a.version, &a.package_version, &a.minimum_version];
            self.keep.extend(versions.into_iter().flatten().cloned());
            if let Some(c) = &a.computer_name {
                self.add(Kind::Host, c);
            }
        }
        if let Some(h) = &report.machine.host {
            self.add(Kind::Host, h);
        }
        let proxy = &report.proxy;
        for v in [&proxy.http_proxy, &proxy.https_proxy, &proxy.from_curl]
            .into_iter()
            .flatten()
        {
            self.add(Kind::Proxy, url_host(v));
        }
        // A proxy a finding names (the Windows accounts' and WinHTTP's), typed as such.
        for f in &report.findings {
            for sentence in f.title.iter().chain(&f.detail).chain(&f.next_step) {
                for a in &sentence.args {
                    if let crate::report::Arg::Proxy(v) = a {
                        self.add(Kind::Proxy, url_host(v));
                    }
                }
            }
        }
        for i in &report.machine.interfaces {
            for a in &i.addresses {
                self.add(Kind::Ip, a.split('/').next().unwrap_or(a));
            }
        }
        for line in text.lines() {
            self.scan(line);
        }
    }

    /// `s` with every original replaced by its pseudonym, as whole words (`vm1` in
    /// `vm1.contoso.com`, not in `vm10`).
    pub fn apply<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if self.pairs.is_empty() {
            return Cow::Borrowed(s);
        }
        let mut out = String::new();
        let mut done = 0;
        for (start, end) in runs(s) {
            let run = s.get(start..end).unwrap_or_default();
            if let Some(new) = self.map_run(run) {
                out.push_str(s.get(done..start).unwrap_or_default());
                out.push_str(&new);
                done = end;
            }
        }
        if done == 0 {
            return Cow::Borrowed(s);
        }
        out.push_str(s.get(done..).unwrap_or_default());
        Cow::Owned(out)
    }

    /// Replaces `s` in place when it holds an original.
    pub fn redact_string(&self, s: &mut String) {
        if let Cow::Owned(new) = self.apply(s) {
            *s = new;
        }
    }

    fn get(&self, word: &str) -> Option<&str> {
        // A MAC address is learned as `00:0d:3a:…`; Windows writes it `00-0D-3A-…`.
        let colons;
        let word = if is_mac(word) && word.contains('-') {
            colons = word.replace('-', ":");
            colons.as_str()
        } else {
            word
        };
        self.pairs
            .binary_search_by(|(k, _)| cmp_lower(k, word))
            .ok()
            .and_then(|i| self.pairs.get(i))
            .map(|(_, v)| v.as_str())
    }

    /// A run of word characters: whole (an address, a MAC, an FQDN), else each `:`-separated
    /// piece (`10.0.0.4:3128`), else each word between `.`, `:` and `_` (`vm1.contoso.com`,
    /// `CheckNWResult_vm1_202611220004.log`).
    fn map_run(&self, run: &str) -> Option<String> {
        let core = run.trim_end_matches('.');
        if let Some(v) = self.get(core) {
            return Some(format!("{v}{}", &run[core.len()..]));
        }
        let mut out = String::with_capacity(run.len());
        let mut changed = false;
        for (i, piece) in run.split(':').enumerate() {
            if i > 0 {
                out.push(':');
            }
            if let Some(v) = self.get(piece) {
                out.push_str(v);
                changed = true;
                continue;
            }
            for part in piece.split_inclusive(['.', '_']) {
                let word = part.trim_end_matches(['.', '_']);
                changed |= self.push_word(&mut out, word);
                out.push_str(part.get(word.len()..).unwrap_or_default());
            }
        }
        changed.then_some(out)
    }

    /// Writes `word` or its pseudonym; a private endpoint's label keeps its role suffix
    /// (`<vault id>-ab-pod01-fc1` → `pe-1-ab-pod01-fc1`).
    fn push_word(&self, out: &mut String, word: &str) -> bool {
        let (head, tail) = match word.find("-ab-") {
            Some(at) if self.get(word).is_none() => word.split_at(at),
            _ => (word, ""),
        };
        match self.get(head) {
            Some(v) => {
                out.push_str(v);
                out.push_str(tail);
                true
            }
            None => {
                out.push_str(word);
                false
            }
        }
    }

    /// Gives `original` the next pseudonym of its kind, unless it has one or is kept.
    fn add(&mut self, kind: Kind, original: &str) {
        let original = original.trim_end_matches('.');
        let colons;
        let original = if kind == Kind::Mac {
            colons = original.replace('-', ":");
            colons.as_str()
        } else {
            original
        };
        let word_like = original.len() >= 2
            && original
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'));
        if !word_like || kept(kind, original) || self.keep.iter().any(|k| k == original) {
            return;
        }
        let Err(at) = self.pairs.binary_search_by(|(k, _)| cmp_lower(k, original)) else {
            return;
        };
        let n = self.next.get_mut(kind as usize).map_or(0, |n| {
            *n += 1;
            *n
        });
        let pair = (
            original.to_ascii_lowercase(),
            format!("{}-{n}", kind.word()),
        );
        self.pairs.insert(at, pair);
    }

    /// Learns from one line of text.
    fn scan(&mut self, line: &str) {
        let mut prompt_user: Option<(usize, usize)> = None;
        for (start, end) in runs(line) {
            // A value ends before a trailing `:` or `.` (`user@host:~$`, "… from vm1.").
            let run = line.get(start..end).unwrap_or_default();
            let run = run.trim_end_matches(['.', ':']);
            let end = start + run.len();
            let before = line.get(..start).unwrap_or_default();
            let after = line.get(end..).unwrap_or_default();
            // `user@host:~$`, `[user@host dir]#`: a prompt at the start of a line.
            if matches!(before.trim_start(), "" | "[") && after.starts_with('@') {
                prompt_user = Some((start, end));
                continue;
            }
            if let Some((us, ue)) = prompt_user.take() {
                if line.get(ue..start) == Some("@") && (after.contains('$') || after.contains('#'))
                {
                    self.add(Kind::User, line.get(us..ue).unwrap_or_default());
                    self.add(Kind::Host, run);
                    continue;
                }
            }
            if let Some(kind) = context_kind(before) {
                self.add(kind, run);
                continue;
            }
            self.scan_run(run, before);
        }
    }

    /// A run that says by its shape what it is.
    fn scan_run(&mut self, run: &str, before: &str) {
        // Decided by its dots and colons first: most runs are plain words, read no further.
        let count = |c: u8| run.bytes().filter(|&x| x == c).count();
        let (dots, colons) = (count(b'.'), count(b':'));
        if dots == 3 && run.starts_with(|c: char| c.is_ascii_digit()) {
            // `10.0.0.4`, `10.0.0.4:3128`.
            let addr = run.split(':').next().unwrap_or(run);
            if ipv4(addr).is_some() && !names_version(before) {
                self.add(Kind::Ip, addr);
            }
        } else if is_mac(run) {
            self.add(Kind::Mac, run);
        } else if colons >= 2 {
            if ipv6(run).is_some() {
                self.add(Kind::Ip, run);
            }
        } else if is_guid(run) {
            let kind = if contains_ci(before, "subscription") {
                Kind::Subscription
            } else {
                Kind::Id
            };
            self.add(kind, run);
        } else if dots >= 2 {
            if let Some((kind, name)) = azure_name(run) {
                self.add(kind, name);
            }
        }
    }
}

/// Compares a lower-case key with `word` as if `word` were lower-cased too.
fn cmp_lower(key: &str, word: &str) -> Ordering {
    key.bytes()
        .cmp(word.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Where each run of word characters (`[A-Za-z0-9_.:-]`) starts and ends.
fn runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = s.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'-');
    let mut i = 0;
    std::iter::from_fn(move || {
        while b.get(i).is_some_and(|&c| !is_word(c)) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(|&c| is_word(c)) {
            i += 1;
        }
        (i > start).then_some((start, i))
    })
}

/// The host of a proxy value: `http://user:****@proxy.corp:3128/` → `proxy.corp`.
fn url_host(v: &str) -> &str {
    let v = v.split_once("://").map_or(v, |(_, rest)| rest);
    let v = v.rsplit_once('@').map_or(v, |(_, host)| host);
    let v = v.split('/').next().unwrap_or(v);
    match v.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => v.rsplit_once(':').map_or(v, |(h, _)| h),
    }
}

/// What the words right before a value say it is: a path segment (`/home/`,
/// `/resourceGroups/`, `\Users\`) or a setting's key (`"computerName": "`, `USER=`).
fn context_kind(before: &str) -> Option<Kind> {
    const PATHS: &[(&str, Kind)] = &[
        ("/home/", Kind::User),
        ("\\users\\", Kind::User),
        ("/users/", Kind::User),
        ("/resourcegroups/", Kind::ResourceGroup),
        ("/virtualmachines/", Kind::Vm),
        ("/vaults/", Kind::Vault),
        ("/storageaccounts/", Kind::Storage),
        ("/privateendpoints/", Kind::PrivateEndpoint),
    ];
    const KEYS: &[(&str, Kind)] = &[
        ("resourcegroup", Kind::ResourceGroup),
        ("resourcegroupname", Kind::ResourceGroup),
        ("vmname", Kind::Vm),
        ("virtualmachinename", Kind::Vm),
        ("computername", Kind::Host),
        ("hostname", Kind::Host),
        ("adminusername", Kind::User),
        ("username", Kind::User),
        ("user", Kind::User),
        ("logname", Kind::User),
        ("sudo_user", Kind::User),
        ("vaultname", Kind::Vault),
        ("storageaccount", Kind::Storage),
        ("storageaccountname", Kind::Storage),
    ];
    if before.ends_with(['/', '\\']) {
        return PATHS
            .iter()
            .find(|(p, _)| ends_with_ci(before, p))
            .map(|&(_, k)| k);
    }
    let key = before.trim_end_matches(['"', '\'', ' ', ':', '=', '\t']);
    // A setting's separator (`=`, `:` or a quote), not a space alone: "the user is root" in
    // prose names no user called "is".
    let separator = before.get(key.len()..).unwrap_or_default();
    if !separator.contains(['"', '\'', ':', '=']) {
        return None;
    }
    let start = key
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let key = key.get(start..).unwrap_or_default();
    KEYS.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|&(_, k)| k)
}

/// `hay.ends_with(suffix)` ignoring ASCII case; `suffix` is lower-case.
fn ends_with_ci(hay: &str, suffix: &str) -> bool {
    hay.len() >= suffix.len()
        && hay
            .as_bytes()
            .get(hay.len() - suffix.len()..)
            .is_some_and(|t| t.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// `hay` holds `word` (lower-case), ignoring ASCII case.
fn contains_ci(hay: &str, word: &str) -> bool {
    find_ci(hay.as_bytes(), word.as_bytes()).next().is_some()
}

/// Whether the words before a dotted number make it a version (`Version: 2.2.53.1`,
/// `agent 2.9.1.1`), not an address.
fn names_version(before: &str) -> bool {
    let mut from = before.len().saturating_sub(40);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before.get(from..).unwrap_or_default();
    contains_ci(tail, "version") || ends_with_ci(tail.trim_end(), "agent")
}

/// `00:0d:3a:12:34:56` or `00-0D-3A-12-34-56`.
fn is_mac(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 17
        && b.iter().enumerate().all(|(i, &c)| match i % 3 {
            2 => c == b':' || c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A customer's storage account (`<account>.blob.core.windows.net`, also behind
/// `privatelink.`) or a vault's private endpoint
/// (`<vault id>-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com`).
fn azure_name(run: &str) -> Option<(Kind, &str)> {
    let (label, rest) = run.split_once('.')?;
    if ends_with_ci(run, ".core.windows.net") {
        let service = rest.trim_start_matches("privatelink.");
        let storage = ["blob.", "queue.", "table.", "file.", "dfs.", "web."];
        // The script tests Azure's own accounts (`…watcab01`); `privatelink` alone is the zone.
        let customer = !label.eq_ignore_ascii_case("privatelink") && !contains_ci(label, "watcab");
        return (customer && storage.iter().any(|s| service.starts_with(s)))
            .then_some((Kind::Storage, label));
    }
    if ends_with_ci(run, ".backup.windowsazure.com") && contains_ci(run, ".privatelink.") {
        let vault = label.split_once("-ab-").map_or(label, |(v, _)| v);
        return Some((Kind::PrivateEndpoint, vault));
    }
    None
}

/// Values that stay: Azure's fixed addresses, loopback and the like, and names that identify
/// no one.
fn kept(kind: Kind, original: &str) -> bool {
    match kind {
        // A loopback's and a broadcast address identify no machine.
        Kind::Mac => ["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"]
            .iter()
            .any(|m| original.eq_ignore_ascii_case(m)),
        Kind::Ip => {
            // Loopback, unspecified, netmasks, WireServer, the instance metadata service.
            if let Some(a) = ipv4(original) {
                return matches!(
                    a,
                    [127 | 0 | 255, ..] | [168, 63, 129, 16] | [169, 254, 169, 254]
                );
            }
            ipv6(original).is_none_or(|g| g == [0; 8] || g == [0, 0, 0, 0, 0, 0, 0, 1])
        }
        _ => {
            let l = original.to_ascii_lowercase();
            matches!(
                l.as_str(),
                "root"
                    | "localhost"
                    | "system"
                    | "administrator"
                    | "null"
                    | "true"
                    | "false"
                    | "none"
                    | "unknown"
            ) || l.ends_with(".windows.net")
                || l.ends_with(".windowsazure.com")
                || l.ends_with(".microsoft.com")
                || l.ends_with(".microsoftonline.com")
                || l.ends_with(".azure.com")
        }
    }
}

impl Report {
    /// Every string of the report through `p` (see the module's comment).
    pub fn redact(&mut self, p: &Pseudonyms) {
        let s = &mut |v: &mut String| p.redact_string(v);
        s(&mut self.input.name);
        text_buf(&mut self.input.detection, p);
        why(&mut self.input.why, p);
        for seg in &mut self.input.segments {
            why(&mut seg.why, p);
        }
        text_buf(&mut self.summary, p);
        let m = &mut self.machine;
        for v in [&mut m.host, &mut m.os, &mut m.kernel]
            .into_iter()
            .flatten()
        {
            s(v);
        }
        for i in &mut m.interfaces {
            i.addresses.iter_mut().for_each(&mut *s);
        }
        let x = &mut self.proxy;
        for v in [&mut x.http_proxy, &mut x.https_proxy, &mut x.from_curl]
            .into_iter()
            .flatten()
        {
            s(v);
        }
        for c in &mut self.checks {
            s(&mut c.target);
            c.flavor.iter_mut().for_each(&mut *s);
            sentences(&mut c.summary, p);
            excerpts(&mut c.evidence, p);
        }
        for e in &mut self.endpoints {
            s(&mut e.target);
        }
        for f in &mut self.findings {
            f.title.iter_mut().for_each(|t| sentence(t, p));
            sentences(&mut f.detail, p);
            f.next_step.iter_mut().for_each(|t| sentence(t, p));
            excerpts(&mut f.evidence, p);
        }
        if let Some(a) = &mut self.agent {
            agent(a, p);
        }
    }
}

impl Bundle {
    /// Each report and the combined verdict through `p`.
    pub fn redact(&mut self, p: &Pseudonyms) {
        for r in &mut self.reports {
            r.redact(p);
        }
        let c = &mut self.combined;
        text_buf(&mut c.summary, p);
        text_buf(&mut c.recommendation, p);
        c.hosts.iter_mut().for_each(|h| p.redact_string(h));
        for v in &mut c.scenarios {
            text_buf(&mut v.reason, p);
        }
    }
}

fn agent(a: &mut AgentReport, p: &Pseudonyms) {
    let s = &mut |v: &mut String| p.redact_string(v);
    let fields = [
        &mut a.state_source,
        &mut a.status_message,
        &mut a.os,
        &mut a.computer_name,
        &mut a.appliance,
    ];
    fields.into_iter().flatten().for_each(&mut *s);
    for ImageRef {
        publisher,
        offer,
        sku,
    } in [&mut a.image, &mut a.plan].into_iter().flatten()
    {
        [publisher, offer, sku]
            .into_iter()
            .flatten()
            .for_each(&mut *s);
    }
    if let Some(e) = &mut a.extension {
        s(&mut e.name);
        s(&mut e.state);
        e.message.iter_mut().for_each(&mut *s);
    }
    a.handlers.iter_mut().for_each(&mut *s);
    for r in [&mut a.wireserver, &mut a.imds].into_iter().flatten() {
        s(&mut r.text);
    }
    for n in &mut a.annotations {
        sentence(&mut n.note, p);
    }
}

fn text_buf(t: &mut TextBuf, p: &Pseudonyms) {
    p.redact_string(&mut t.en);
    p.redact_string(&mut t.ja);
}

fn excerpts(list: &mut [Excerpt], p: &Pseudonyms) {
    for e in list {
        p.redact_string(&mut e.text);
    }
}

fn sentences(list: &mut [Sentence], p: &Pseudonyms) {
    for t in list {
        sentence(t, p);
    }
}

fn sentence(t: &mut Sentence, p: &Pseudonyms) {
    for a in &mut t.args {
        match a {
            Arg::Hosts(v) | Arg::Addresses(v) => v.iter_mut().for_each(|h| p.redact_string(h)),
            Arg::Proxy(v) | Arg::Word(v) | Arg::Quote(v) => p.redact_string(v),
            Arg::Reason(w) => why(w, p),
            Arg::Ports(_) | Arg::Count(_) | Arg::Seconds(_) | Arg::Title(_) => {}
        }
    }
}

fn why(w: &mut Why, p: &Pseudonyms) {
    match w {
        Why::Binary { format: v }
        | Why::Command { program: v, .. }
        | Why::AgentOutput { form: v }
        | Why::AgentEndpoints { form: v } => p.redact_string(v),
        Why::NslookupQuery { name, server } => {
            p.redact_string(name);
            server.iter_mut().for_each(|v| p.redact_string(v));
        }
        Why::Chosen { detected, .. } => why(detected, p),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Pseudonyms {
        let mut p = Pseudonyms::default();
        for line in text.lines() {
            p.scan(line);
        }
        p
    }

    #[test]
    fn addresses_macs_and_ids_get_numbered_pseudonyms_in_order() {
        let p = table(
            "inet 10.1.2.3/24 brd 10.1.2.255\nlink/ether 00:0d:3a:aa:bb:cc\n\
             /subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-prod/providers/\
             Microsoft.Compute/virtualMachines/web01",
        );
        assert_eq!(p.apply("from 10.1.2.3:443"), "from ip-1:443");
        assert_eq!(p.apply("10.1.2.255"), "ip-2");
        assert_eq!(p.apply("MAC 00-0D-3A-AA-BB-CC"), "MAC mac-1");
        assert_eq!(p.apply("MAC 00:0D:3A:AA:BB:CC"), "MAC mac-1");
        let q = table("link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff");
        assert!(q.is_empty(), "{:?}", q.pairs());
        assert_eq!(
            p.apply("/subscriptions/0F1E2D3C-4B5A-6978-8A9B-0C1D2E3F4A5B/resourceGroups/rg-prod"),
            "/subscriptions/subscription-1/resourceGroups/rg-1"
        );
        assert_eq!(p.apply("vm web01 in rg-prod"), "vm vm-1 in rg-1");
    }

    #[test]
    fn azure_public_names_and_fixed_addresses_stay() {
        let p = table(
            "curl http://168.63.129.16/?comp=versions\ncurl 169.254.169.254\n\
             nslookup 127.0.0.53\npod01-rec2.jpe.backup.windowsazure.com\n\
             weus2watcab01.blob.core.windows.net\nnetmask 255.255.255.0\nroot@web01:~# ls",
        );
        assert_eq!(p.pairs().len(), 1, "{:?}", p.pairs());
        assert_eq!(p.apply("root@web01:~#"), "root@host-1:~#");
    }

    #[test]
    fn customer_storage_accounts_and_private_endpoints_get_pseudonyms() {
        let p = table(
            "mystore123.blob.core.windows.net\n\
             curl https://mystore123.privatelink.blob.core.windows.net\n\
             1234567890-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com",
        );
        assert_eq!(
            p.apply("mystore123.blob.core.windows.net"),
            "storage-1.blob.core.windows.net"
        );
        assert_eq!(
            p.apply("1234567890-ab-pod01-prot1.privatelink.eus.backup.windowsazure.com"),
            "pe-1-ab-pod01-prot1.privatelink.eus.backup.windowsazure.com"
        );
    }

    #[test]
    fn users_come_from_prompts_home_paths_and_settings() {
        let p = table(
            "[alice@web01 ~]$ id\n/home/bob/.bashrc\nC:\\Users\\carol\\Desktop\n\
             \"adminUsername\": \"dave\",\nUSER=erin",
        );
        let users: Vec<&str> = ["alice", "bob", "carol", "dave", "erin"]
            .into_iter()
            .map(|u| p.get(u).unwrap_or("?"))
            .collect();
        assert_eq!(users, ["user-1", "user-2", "user-3", "user-4", "user-5"]);
        assert_eq!(p.apply("[alice@web01 ~]$"), "[user-1@host-1 ~]$");
    }

    #[test]
    fn whole_words_only_and_version_numbers_are_not_addresses() {
        let p = table("host vm1 says Version: 2.2.53.1\nhostname=vm1");
        assert_eq!(
            p.apply("vm1.contoso.com vm10 xvm1"),
            "host-1.contoso.com vm10 xvm1"
        );
        assert_eq!(p.apply("2.2.53.1"), "2.2.53.1");
        assert_eq!(
            p.apply("CheckNWResult_vm1_202611220004.log"),
            "CheckNWResult_host-1_202611220004.log"
        );
    }

    #[test]
    fn a_union_numbers_each_name_once_in_table_order() {
        let a = table("hostname=vm-a\ninet 10.0.0.4\ninet 10.0.0.5");
        let b = table("hostname=vm-b\ninet 10.0.0.5\ninet 10.0.0.6");
        let u = Pseudonyms::union([&a, &b]);
        let got: Vec<(&str, &str)> = ["vm-a", "vm-b", "10.0.0.4", "10.0.0.5", "10.0.0.6"]
            .into_iter()
            .map(|k| (k, u.get(k).unwrap_or("?")))
            .collect();
        assert_eq!(
            got,
            [
                ("vm-a", "host-1"),
                ("vm-b", "host-2"),
                ("10.0.0.4", "ip-1"),
                ("10.0.0.5", "ip-2"),
                ("10.0.0.6", "ip-3")
            ]
        );
        assert_eq!(Pseudonyms::union([&a]).pairs(), a.pairs());
    }

    #[test]
    fn prose_with_a_setting_word_names_nobody() {
        let p = table("the user is root and the hostname is set\nUser-Agent: curl/7.58.0");
        assert!(p.is_empty(), "{:?}", p.pairs());
        let q = table("hostname: web01\nUSER = erin");
        assert_eq!(q.apply("web01 erin"), "host-1 user-1");
    }

    #[test]
    fn proxy_hosts_come_from_proxy_values() {
        assert_eq!(url_host("http://u:****@proxy.corp:3128/"), "proxy.corp");
        assert_eq!(url_host("10.0.0.9:8080"), "10.0.0.9");
        assert_eq!(url_host("http://[fd00::9]:3128"), "fd00::9");
    }
}
