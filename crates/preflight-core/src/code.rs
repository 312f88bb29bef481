//! The table of finding codes: every code once, sorted by name, with its family and whether it
//! is still in use.
//!
//! Codes are stable: a released code is never renamed, and a code that is no longer reported
//! stays here as `Removed` so that its name is never given to another meaning. What a code says
//! (its catalogue entry) lives with its family under `rules/`; this module depends on nothing
//! else in the crate, so the report and the rules can both name codes.

use serde::{Deserialize, Serialize};

/// The group of related codes a code belongs to; each family has one file under `rules/`,
/// named by [`Family::name`], that holds its codes' catalogue entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Family {
    /// The VM agent's state, version, extensions and its paths to the platform.
    Agent,
    /// Name resolution.
    Dns,
    /// The HTTPS request and curl's other errors.
    Http,
    /// The input as a whole: encoding, shape, completeness.
    Input,
    /// Conclusions about the whole run.
    Overall,
    /// Proxies between the machine and Azure.
    Proxy,
    /// TCP connections.
    Tcp,
    /// TLS handshakes and certificates.
    Tls,
    /// A check's command that did not give a usable result.
    Tool,
    /// Windows-only facts.
    Windows,
}

impl Family {
    /// Every family, in order.
    pub const ALL: &'static [Family] = &[
        Family::Agent,
        Family::Dns,
        Family::Http,
        Family::Input,
        Family::Overall,
        Family::Proxy,
        Family::Tcp,
        Family::Tls,
        Family::Tool,
        Family::Windows,
    ];

    /// The family's module under `rules/`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Agent => "agent",
            Family::Dns => "dns",
            Family::Http => "http",
            Family::Input => "input",
            Family::Overall => "overall",
            Family::Proxy => "proxy",
            Family::Tcp => "tcp",
            Family::Tls => "tls",
            Family::Tool => "tool",
            Family::Windows => "windows",
        }
    }
}

/// Whether a code is still reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeStatus {
    /// Reported today.
    Stable,
    /// No longer reported; kept so that the name is never reused. A removed code has no
    /// fixture and no rule emits it.
    Removed,
}

macro_rules! codes {
    ($($name:ident => $family:ident, $status:ident;)+) => {
        /// A stable finding code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[allow(non_camel_case_types)]
        pub enum Code { $($name),+ }

        impl Code {
            /// Every code, sorted by name.
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => stringify!($name)),+ }
            }

            /// The family whose file under `rules/` holds this code's catalogue entry.
            pub const fn family(self) -> Family {
                match self { $(Code::$name => Family::$family),+ }
            }

            pub const fn status(self) -> CodeStatus {
                match self { $(Code::$name => CodeStatus::$status),+ }
            }
        }

        impl std::str::FromStr for Code {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let up = s.trim().to_ascii_uppercase().replace('-', "_");
                match up.as_str() {
                    $(stringify!($name) => Ok(Code::$name),)+
                    _ => Err(format!("unknown finding code '{s}' (run `preflight explain --list` for the list)")),
                }
            }
        }
    };
}

/// One sentence a rule can say: its family, whose file under `rules/` declares the sentence in
/// both languages (`sentences!`), and its place in that family's list. A finding or a check
/// stores this and the sentence's typed arguments; the words are chosen when it is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Form {
    pub family: Family,
    pub n: u16,
}

codes! {
    AGENT_CRASHED                   => Agent, Stable;
    AGENT_ENDPOINT_VIA_PROXY        => Proxy, Stable;
    AGENT_GOAL_STATE_NEWER          => Agent, Stable;
    AGENT_NOT_READY                 => Agent, Stable;
    AGENT_READY                     => Agent, Stable;
    AGENT_SERVICE_RUNNING           => Agent, Stable;
    AGENT_SERVICE_STOPPED           => Agent, Stable;
    AGENT_STATE_UNKNOWN             => Agent, Stable;
    AGENT_STUCK_STOPPING            => Agent, Stable;
    AGENT_VERSION_UNKNOWN           => Agent, Stable;
    AGENT_VERSION_UNSUPPORTED       => Agent, Stable;
    ALL_CHECKS_PASSED               => Overall, Stable;
    APPLIANCE_VM_BACKUP_UNSUPPORTED => Agent, Stable;
    BACKUP_EXTENSION_FAILED         => Agent, Stable;
    BACKUP_EXTENSION_NOT_INSTALLED  => Agent, Stable;
    CA_BUNDLE_MISSING               => Tls, Stable;
    CHECK_RETESTED                  => Overall, Stable;
    CHECK_TRUNCATED                 => Tool, Stable;
    CLOUD_INIT_PROVISIONING_STUCK   => Agent, Stable;
    CURL_ERROR                      => Http, Stable;
    DNS_LOOKUP_FAILED               => Dns, Stable;
    DNS_NO_ADDRESS                  => Dns, Stable;
    DNS_NO_NAMESERVER               => Dns, Stable;
    DNS_NXDOMAIN                    => Dns, Stable;
    DNS_QUERY_REFUSED               => Dns, Stable;
    DNS_RESOLVED                    => Dns, Stable;
    DNS_SERVER_REFUSED              => Dns, Stable;
    DNS_SERVFAIL                    => Dns, Stable;
    DNS_TIMEOUT                     => Dns, Stable;
    DOTNET_STRONG_CRYPTO_OFF        => Tls, Stable;
    EXTENSIONS_DISABLED             => Agent, Stable;
    FILE_RECOVERY_PORT_BLOCKED      => Tcp, Stable;
    FQDN_REGION_EXAMPLES            => Overall, Stable;
    GOAL_STATE_410_TRANSIENT        => Agent, Stable;
    GOAL_STATE_FETCH_FAILING        => Agent, Stable;
    HTTP2_ERROR                     => Http, Stable;
    HTTPS_REACHABLE                 => Http, Stable;
    HTTPS_REQUEST_FAILED            => Http, Stable;
    HTTPS_TIMEOUT                   => Http, Stable;
    HTTP_BLOCKED_ON_PATH            => Http, Stable;
    HTTP_EMPTY_REPLY                => Http, Stable;
    IMAGE_UNKNOWN                   => Agent, Stable;
    IMDS_UNREACHABLE                => Agent, Stable;
    INPUT_BINARY                    => Input, Stable;
    INPUT_CREDENTIALS_MASKED        => Input, Stable;
    INPUT_DECODE_LOSSY              => Input, Stable;
    INPUT_EMPTY                     => Input, Stable;
    INPUT_FRAGMENT                  => Input, Stable;
    INPUT_INVISIBLE_CHARACTERS      => Input, Stable;
    INPUT_MARKERS_NORMALISED        => Input, Stable;
    INPUT_NOT_RECOGNISED            => Input, Stable;
    LOG_INCOMPLETE                  => Input, Stable;
    NC_IGNORES_PROXY                => Proxy, Stable;
    NC_UNSUPPORTED                  => Tool, Stable;
    NC_USAGE_ERROR                  => Tool, Stable;
    NPCAP_LOOPBACK_BREAKS_FABRIC    => Agent, Stable;
    NSLOOKUP_IGNORES_HOSTS_FILE     => Dns, Stable;
    OUTPUT_UNRECOGNISED             => Tool, Stable;
    PRIVATE_ENDPOINT_RESOLUTION     => Dns, Stable;
    PROXY_AUTH_REQUIRED             => Proxy, Stable;
    PROXY_CONFIGURED                => Proxy, Stable;
    PROXY_DENIED                    => Proxy, Stable;
    PROXY_ERROR                     => Proxy, Stable;
    PROXY_NOT_IN_ENV                => Proxy, Stable;
    PROXY_TIMEOUT                   => Proxy, Stable;
    PROXY_UNREACHABLE               => Proxy, Stable;
    PROXY_UNRESOLVABLE              => Proxy, Stable;
    PROXY_UPSTREAM_FAILED           => Proxy, Stable;
    PROXY_WINDOWS_BACKUP_ACCOUNTS   => Proxy, Stable;
    PROXY_WINDOWS_NONE              => Proxy, Stable;
    SITE_RECOVERY_LOG               => Input, Stable;
    STATUS_BLOB_UPLOAD_FAILING      => Agent, Stable;
    TCP_CONNECTED                   => Tcp, Stable;
    TCP_CONNECT_FAILED              => Tcp, Stable;
    TCP_REFUSED                     => Tcp, Stable;
    TCP_SOME_ADDRESSES_FAILED       => Tcp, Stable;
    TCP_TIMEOUT                     => Tcp, Stable;
    TCP_UNREACHABLE                 => Tcp, Stable;
    TLS12_DISABLED                  => Tls, Stable;
    TLS_CERT_EXPIRED                => Tls, Stable;
    TLS_HANDSHAKE_FAILED            => Tls, Stable;
    TLS_INTERCEPTED                 => Tls, Stable;
    TLS_NAME_MISMATCH               => Tls, Stable;
    TLS_RESET                       => Tls, Stable;
    TLS_TIMEOUT                     => Tls, Stable;
    TLS_UNTRUSTED                   => Tls, Stable;
    TOOL_MISSING                    => Tool, Stable;
    TRANSCRIPT_OTHER_SCRIPT         => Windows, Stable;
    VM_BACKUP_NOT_TESTED            => Overall, Stable;
    WINDOWS_CLIENT_OS               => Windows, Stable;
    WINDOWS_LOG_PRELIMINARY         => Windows, Stable;
    WIRESERVER_REACHABLE            => Agent, Stable;
    WIRESERVER_UNREACHABLE          => Agent, Stable;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
