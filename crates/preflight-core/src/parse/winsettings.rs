//! Windows settings that decide which path backup traffic takes (Windows field guide §3): the
//! script's WinInet dump per account, `netsh winhttp show proxy` (English and Japanese), and the
//! SCHANNEL and .NET registry values that decide whether TLS 1.2 is used. Read wherever they
//! appear: inside the script's transcript or pasted alone.

use crate::report::Lines;

/// The account a WinInet proxy setting belongs to, and what runs under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Account {
    /// The person running the script: its own `Invoke-WebRequest` and file recovery.
    CurrentUser,
    /// `NT Authority\System`: the MARS agent and the SQL / SAP HANA coordinator.
    System,
    /// `NT Service\AzureWLBackupPluginSvc`: the workload backup plug-in.
    WorkloadPlugin,
    Other(String),
}

/// One account's WinInet proxy settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountProxy {
    pub account: Account,
    /// The heading line.
    pub line: usize,
    /// `ProxyEnable: 1`; `None` when empty or absent.
    pub enabled: Option<bool>,
    pub server: Option<String>,
    /// `ProxyOverride`: the bypass list.
    pub bypass: Option<String>,
    /// `WinInet Proxy settings not found for …`.
    pub not_found: bool,
    /// The lines of this account's block.
    pub lines: Lines,
}

/// `netsh winhttp show proxy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WinHttp {
    /// `Current WinHTTP proxy settings:` / `現在の WinHTTP プロキシ設定:`.
    pub line: usize,
    /// `Proxy Server(s) :  <p>` / `プロキシ サーバー:  <p>`, with its line; `None`: direct.
    pub proxy: Option<(String, usize)>,
    /// `Direct access (no proxy server).` / `直接アクセス (プロキシ サーバーなし)。` was read.
    pub direct: bool,
    pub bypass: Option<String>,
}

/// A registry value that decides TLS: an SCHANNEL protocol key's `Enabled` or
/// `DisabledByDefault`, or .NET's `SchUseStrongCrypto` / `SystemDefaultTlsVersions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsValue {
    /// `TLS 1.2`, `TLS 1.0`, `SSL 3.0`, …; empty for .NET values.
    pub protocol: String,
    /// `Client` or `Server`; the .NET key's path for .NET values.
    pub side: String,
    pub name: String,
    pub value: u32,
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WinSettings {
    pub accounts: Vec<AccountProxy>,
    pub winhttp: Option<WinHttp>,
    pub tls: Vec<TlsValue>,
}

impl WinSettings {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.winhttp.is_none() && self.tls.is_empty()
    }

    /// The accounts whose block says something (a value line, or "not found"): a heading
    /// alone is no evidence of "no proxy".
    pub fn read_accounts(&self) -> impl Iterator<Item = &AccountProxy> {
        self.accounts
            .iter()
            .filter(|a| a.not_found || a.lines.1 > a.line)
    }
}

/// Reads every setting among `lines` (line number, text).
pub fn read(lines: &[(usize, &str)]) -> WinSettings {
    let mut s = WinSettings::default();
    let mut key = Key::default();
    let mut pending_name: Option<(String, usize)> = None;
    for &(n, raw) in lines {
        let t = raw.trim();
        if let Some(heading) = t.strip_prefix("WinInet settings for ") {
            s.accounts.push(AccountProxy {
                account: account_of(heading),
                line: n,
                enabled: None,
                server: None,
                bypass: None,
                not_found: false,
                lines: Lines::one(n),
            });
            continue;
        }
        if let Some(a) = s.accounts.last_mut() {
            if account_line(a, t, n) {
                continue;
            }
        }
        if t.starts_with("WinInet Proxy settings not found for") {
            let account = account_of(t.rsplit(' ').next().unwrap_or(""));
            match s.accounts.last_mut() {
                Some(a) if a.account == account => {
                    a.not_found = true;
                    a.lines.1 = n;
                }
                _ => {}
            }
            continue;
        }
        if winhttp_line(&mut s.winhttp, t, n) {
            continue;
        }
        tls_line(&mut s.tls, &mut key, &mut pending_name, t, n);
    }
    s
}

fn account_of(heading: &str) -> Account {
    let lower = heading.to_ascii_lowercase();
    if lower.starts_with("current user") {
        Account::CurrentUser
    } else if lower.contains("authority\\system") {
        Account::System
    } else if lower.contains("azurewlbackupplugin") {
        Account::WorkloadPlugin
    } else {
        Account::Other(
            heading
                .split(" (")
                .next()
                .unwrap_or(heading)
                .trim()
                .to_owned(),
        )
    }
}

/// One `Name: value` line of an account's block; `false` when the line is not one.
fn account_line(a: &mut AccountProxy, t: &str, n: usize) -> bool {
    let Some((name, value)) = t.split_once(':') else {
        return false;
    };
    let value = value.trim();
    let value = (!value.is_empty()).then(|| value.to_owned());
    match name.trim() {
        "ProxyEnable" => a.enabled = value.map(|v| v == "1"),
        "ProxyServer" => a.server = value,
        "ProxyOverride" => a.bypass = value,
        // Binary blobs printed as text: never read, never shown.
        "DefaultConnectionSettings" | "SavedLegacySettings" => {}
        _ => return false,
    }
    a.lines.1 = n;
    true
}

/// A line of `netsh winhttp show proxy`, English or Japanese.
fn winhttp_line(w: &mut Option<WinHttp>, t: &str, n: usize) -> bool {
    if t.starts_with("Current WinHTTP proxy settings")
        || t.starts_with("現在の WinHTTP プロキシ設定")
    {
        *w = Some(WinHttp {
            line: n,
            proxy: None,
            direct: false,
            bypass: None,
        });
        return true;
    }
    let Some(w) = w.as_mut() else {
        return false;
    };
    let value = |prefixes: &[&str]| {
        prefixes.iter().find_map(|p| {
            let rest = t.strip_prefix(p)?.trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            Some(rest.trim().to_owned())
        })
    };
    if t.starts_with("Direct access") || t.starts_with("直接アクセス") {
        w.direct = true;
        return true;
    }
    if let Some(p) = value(&["Proxy Server(s)", "プロキシ サーバー"]) {
        w.proxy = Some((p, n));
        return true;
    }
    if let Some(b) = value(&["Bypass List", "バイパス一覧"]) {
        let none = b.is_empty() || b == "(none)" || b == "(なし)";
        w.bypass = (!none).then_some(b);
        return true;
    }
    false
}

/// Where the registry dump is: the protocol key (`…\Protocols\TLS 1.2`) and subkey (`Client`).
#[derive(Default)]
struct Key {
    protocol: String,
    side: String,
}

/// The registry dump in its three printed forms: `Hive: …\Protocols\TLS 1.2` with the table
/// view (`Client   DisabledByDefault : 1` / `   Enabled : 0`), the script's value-per-line form
/// (`Enabled` then `0`), and `reg query` (`Enabled    REG_DWORD    0x0`); .NET's
/// `SchUseStrongCrypto` and `SystemDefaultTlsVersions` in any of them.
fn tls_line(
    tls: &mut Vec<TlsValue>,
    key: &mut Key,
    pending: &mut Option<(String, usize)>,
    t: &str,
    n: usize,
) {
    if let Some(path) = t
        .strip_prefix("Hive:")
        .or_else(|| t.starts_with("HKEY_").then_some(t))
    {
        let path = path.trim();
        match path.split_once("\\Protocols\\") {
            Some((_, rest)) => {
                let mut parts = rest.split('\\');
                key.protocol = parts.next().unwrap_or("").to_owned();
                key.side = parts.next().unwrap_or("").to_owned();
            }
            None => {
                key.protocol.clear();
                key.side = path.rsplit('\\').next().unwrap_or("").to_owned();
            }
        }
        *pending = None;
        return;
    }
    // `Client   DisabledByDefault : 1`: the table view names the subkey on its first line.
    let mut rest = t;
    if let Some(side) = ["Client", "Server"].iter().find(|s| {
        t.strip_prefix(**s)
            .is_some_and(|r| r.starts_with(' ') && r.contains(':'))
    }) {
        key.side = (*side).to_owned();
        rest = t.get(side.len()..).unwrap_or("").trim();
    }
    let mut push = |name: &str, value: u32| {
        if key.protocol.is_empty() && !is_dotnet(name) {
            return;
        }
        tls.push(TlsValue {
            protocol: if is_dotnet(name) {
                String::new()
            } else {
                key.protocol.clone()
            },
            side: key.side.clone(),
            name: name.to_owned(),
            value,
            line: n,
        });
    };
    if let Some((name, value)) = rest.split_once(':') {
        if let (true, Some(v)) = (is_tls_value(name.trim()), number(value.trim())) {
            push(name.trim(), v);
            return;
        }
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    if let [name, "REG_DWORD", value] = words.as_slice() {
        if let (true, Some(v)) = (is_tls_value(name), number(value)) {
            push(name, v);
            return;
        }
    }
    match pending.take() {
        Some((name, _)) if number(t).is_some() => push(&name, number(t).unwrap_or(0)),
        _ if is_tls_value(t) => *pending = Some((t.to_owned(), n)),
        _ => {}
    }
}

fn is_tls_value(name: &str) -> bool {
    matches!(name, "Enabled" | "DisabledByDefault") || is_dotnet(name)
}

fn is_dotnet(name: &str) -> bool {
    matches!(name, "SchUseStrongCrypto" | "SystemDefaultTlsVersions")
}

/// `1`, `0`, `0x0`, `0x00000001`, `4294967295`.
fn number(v: &str) -> Option<u32> {
    let v = v.split_whitespace().next()?;
    match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

/// Whether a WinInet / WinHTTP bypass list (`;`-separated, `*` wildcards, `<local>` for
/// names without a dot) lets `host` go direct.
pub fn bypasses(list: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    list.split([';', ' ', ','])
        .map(|p| p.trim().to_ascii_lowercase())
        .filter(|p| !p.is_empty())
        .any(|p| {
            if p == "<local>" {
                !host.contains('.')
            } else if let Some(suffix) = p.strip_prefix('*') {
                host.ends_with(suffix)
            } else {
                host == p
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
    }

    #[test]
    fn each_accounts_proxy_is_read_and_the_blobs_are_skipped() {
        let text = "WinInet settings for current user (used by ILR but not supported ,not used by Azure SQL / MARS Backup)\nProxyEnable: 0\nProxyServer: 10.2.0.16:8080\nProxyOverride: *.blob.core.windows.net;<local>\nDefaultConnectionSettings: F   i\n\nWinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)\nProxyEnable: 1\nProxyServer: http://10.2.0.16:8080\n\nWinInet settings for NT Service\\AzureWLBackupPluginSv (used by Azure Workload Backup Plugin service)\nWinInet Proxy settings not found for NT Service\\AzureWLBackupPluginSvc\n";
        let s = read(&numbered(text));
        let got: Vec<(Account, Option<bool>, Option<&str>, bool)> = s
            .accounts
            .iter()
            .map(|a| {
                (
                    a.account.clone(),
                    a.enabled,
                    a.server.as_deref(),
                    a.not_found,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Account::CurrentUser,
                    Some(false),
                    Some("10.2.0.16:8080"),
                    false
                ),
                (
                    Account::System,
                    Some(true),
                    Some("http://10.2.0.16:8080"),
                    false
                ),
                (Account::WorkloadPlugin, None, None, true),
            ]
        );
    }

    #[test]
    fn netsh_in_english_and_japanese() {
        let direct = read(&numbered(
            "現在の WinHTTP プロキシ設定:\n\n    直接アクセス (プロキシ サーバーなし)。\n",
        ));
        assert_eq!(direct.winhttp.as_ref().map(|w| w.proxy.clone()), Some(None));
        let set = read(&numbered("Current WinHTTP proxy settings:\n\n    Proxy Server(s) :  proxy.contoso.com:8080\n    Bypass List     :  *.contoso.com;<local>\n"));
        let w = set.winhttp.unwrap();
        assert_eq!(w.proxy, Some(("proxy.contoso.com:8080".into(), 3)));
        assert_eq!(w.bypass.as_deref(), Some("*.contoso.com;<local>"));
        let ja = read(&numbered("現在の WinHTTP プロキシ設定:\n    プロキシ サーバー:  10.0.0.5:3128\n    バイパス一覧     : (なし)\n"));
        let w = ja.winhttp.unwrap();
        assert_eq!(w.proxy, Some(("10.0.0.5:3128".into(), 2)));
        assert_eq!(w.bypass, None);
    }

    #[test]
    fn schannel_values_in_every_printed_form() {
        let table = "    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\n\nName                           Property\n----                           --------\nClient                         DisabledByDefault : 1\n                               Enabled           : 0\n-ForegroundColor\nYellow\n\nDisabledByDefault\n1\n\nEnabled\n0\n";
        let s = read(&numbered(table));
        let got: Vec<(&str, &str, &str, u32)> = s
            .tls
            .iter()
            .map(|v| {
                (
                    v.protocol.as_str(),
                    v.side.as_str(),
                    v.name.as_str(),
                    v.value,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("TLS 1.2", "Client", "DisabledByDefault", 1),
                ("TLS 1.2", "Client", "Enabled", 0),
                ("TLS 1.2", "Client", "DisabledByDefault", 1),
                ("TLS 1.2", "Client", "Enabled", 0),
            ]
        );
        let reg = read(&numbered("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server\n    Enabled    REG_DWORD    0x1\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\n    SchUseStrongCrypto    REG_DWORD    0x0\n"));
        let got: Vec<(&str, &str, u32)> = reg
            .tls
            .iter()
            .map(|v| (v.protocol.as_str(), v.name.as_str(), v.value))
            .collect();
        assert_eq!(
            got,
            vec![("TLS 1.2", "Enabled", 1), ("", "SchUseStrongCrypto", 0)]
        );
    }

    #[test]
    fn a_bypass_list_matches_wildcards_and_local_names() {
        let list =
            "localhost;168.63.129.16;*.backup.windowsazure.com;*.blob.core.windows.net;<local>";
        assert!(bypasses(list, "pod01-manag1.jpe.backup.windowsazure.com"));
        assert!(bypasses(list, "ceuswatcab01.blob.core.windows.net"));
        assert!(bypasses(list, "intranet"));
        assert!(!bypasses(list, "login.microsoft.com"));
    }
}
