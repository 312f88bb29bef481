//! The catalogue of finding codes: what each means, how bad it is, what to do, where to read more.
//!
//! The codes themselves, sorted and each with its family, are in `crate::code`. Each family's
//! file under `rules/` (`dns.rs`, `tls.rs`, `agent.rs`, ...) holds its codes' entries, and
//! `Code::spec` reads them from there. `docs/findings.md` is generated from the entries (see
//! `catalogue`), and `preflight explain <CODE>` prints the same text.

// The code's former path, still used by the crate root.
pub use crate::code::Code;
use crate::code::Family;
use crate::i18n::Text;
use crate::report::Severity;

/// Where a code is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The outcome of one check (also used for findings that group such checks).
    Check,
    /// A conclusion drawn across checks or about the input as a whole.
    Finding,
}

/// Everything the catalogue says about a code.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub code: Code,
    pub kind: Kind,
    pub severity: Severity,
    pub title: Text,
    pub explain: Text,
    pub next_step: Text,
    pub doc_url: &'static str,
    /// The field-guide rule or section the code implements.
    pub rule: &'static str,
}

pub(crate) const DOC_ARTICLE: &str =
    "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Linux/";
pub(crate) const DOC_DNS: &str = "https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances";
pub(crate) const DOC_WORKLOAD_NET: &str = "https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms#establish-network-connectivity";
pub(crate) const DOC_MARS_URLS: &str =
    "https://learn.microsoft.com/azure/backup/backup-support-matrix-mars-agent#url-and-ip-access";
pub(crate) const DOC_ILR: &str =
    "https://learn.microsoft.com/azure/backup/backup-azure-restore-files-from-vm";
pub(crate) const DOC_PE: &str = "https://learn.microsoft.com/azure/backup/private-endpoints";
pub(crate) const DOC_TLS: &str =
    "https://learn.microsoft.com/azure/backup/transport-layer-security";
pub(crate) const DOC_GEO: &str = "https://learn.microsoft.com/azure/backup/scripts/geo-code-list";
pub(crate) const DOC_WIRESERVER: &str =
    "https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16";
pub(crate) const DOC_PROXY: &str = "https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms#use-an-http-proxy-server-to-route-traffic";
pub(crate) const DOC_REQUEST: &str =
    "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/RequestForInvestigatingNW/";
pub(crate) const DOC_KEY_ROTATION: &str =
    "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage";
pub(crate) const DOC_UNICODE_SECURITY: &str = "https://www.unicode.org/reports/tr36/";
pub(crate) const DOC_NVA: &str = "https://jpabrs-scem.github.io/blog/AzureVMBackup/NVA_backup/";
pub(crate) const DOC_AGENT_VERSION: &str = "https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/support-extensions-agent-version";
pub(crate) const DOC_LINUX_AGENT: &str =
    "https://learn.microsoft.com/troubleshoot/azure/virtual-machines/linux/linux-azure-guest-agent";
pub(crate) const DOC_WINDOWS_AGENT: &str = "https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent";
pub(crate) const DOC_DISK_BACKUP: &str =
    "https://learn.microsoft.com/azure/backup/disk-backup-overview";
pub(crate) const DOC_BACKUP_AGENT_TROUBLESHOOT: &str = "https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout";
pub(crate) const DOC_IMDS: &str =
    "https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service";
pub(crate) const DOC_SUPPORT_MATRIX: &str =
    "https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas";
pub(crate) const DOC_ASR: &str =
    "https://learn.microsoft.com/azure/site-recovery/azure-to-azure-about-networking";

/// A catalogue entry as a family file writes it: [`Spec`] with its six texts in one string,
/// separated by U+001F (`texts!`), which keeps the tables the page downloads a fifth as large.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub code: Code,
    pub kind: Kind,
    pub severity: Severity,
    /// Title, explanation and next step, each in English then Japanese.
    pub texts: &'static str,
    pub doc_url: &'static str,
    pub rule: &'static str,
}

/// An [`Entry`]'s texts: title, explanation and next step, each in English then Japanese.
macro_rules! texts {
    ($te:literal, $tj:literal, $ee:literal, $ej:literal, $ne:literal, $nj:literal $(,)?) => {
        concat!($te, "\u{1f}", $tj, "\u{1f}", $ee, "\u{1f}", $ej, "\u{1f}", $ne, "\u{1f}", $nj)
    };
}
pub(crate) use texts;

impl Entry {
    /// The entry with its texts apart.
    pub fn spec(&self) -> Spec {
        let mut parts = self.texts.split('\u{1f}');
        let mut next = || {
            let en = parts.next().unwrap_or_default();
            Text {
                en,
                ja: parts.next().unwrap_or_default(),
            }
        };
        Spec {
            code: self.code,
            kind: self.kind,
            severity: self.severity,
            title: next(),
            explain: next(),
            next_step: next(),
            doc_url: self.doc_url,
            rule: self.rule,
        }
    }
}

impl Code {
    /// The catalogue entry for this code, from its family's file.
    pub fn spec(self) -> Spec {
        family_catalogue(self.family())
            .iter()
            .find(|s| s.code == self)
            .map(Entry::spec)
            // Never taken: the build fails when a code has no entry (see below).
            .unwrap_or_else(|| unlisted(self))
    }
}

/// The catalogue entries of one family, sorted by code.
pub const fn family_catalogue(family: Family) -> &'static [Entry] {
    match family {
        Family::Agent => super::agent::CATALOGUE,
        Family::Dns => super::dns::CATALOGUE,
        Family::Http => super::http::CATALOGUE,
        Family::Input => super::input::CATALOGUE,
        Family::Overall => super::overall::CATALOGUE,
        Family::Proxy => super::proxy::CATALOGUE,
        Family::Tcp => super::tcp::CATALOGUE,
        Family::Tls => super::tls::CATALOGUE,
        Family::Tool => super::tool::CATALOGUE,
        Family::Windows => super::windows::CATALOGUE,
    }
}

/// Checked when the crate compiles, so that `Code::spec` always finds an entry: every code has
/// exactly one, in its own family's catalogue.
const _: () = assert!(
    every_code_has_one_entry(Code::ALL),
    "a finding code has no catalogue entry, or more than one, in its family's file"
);

const fn every_code_has_one_entry(mut codes: &[Code]) -> bool {
    while let Some((&code, rest)) = codes.split_first() {
        if entries_for(code, family_catalogue(code.family())) != 1 {
            return false;
        }
        codes = rest;
    }
    true
}

const fn entries_for(code: Code, mut entries: &[Entry]) -> usize {
    let mut n = 0;
    while let Some((first, rest)) = entries.split_first() {
        if first.code as u16 == code as u16 {
            n += 1;
        }
        entries = rest;
    }
    n
}

/// What `Code::spec` would give for a code without an entry, which the check above rules out.
fn unlisted(code: Code) -> Spec {
    let name = Text {
        en: code.as_str(),
        ja: code.as_str(),
    };
    Spec {
        code,
        kind: Kind::Finding,
        severity: Severity::Info,
        title: name,
        explain: name,
        next_step: name,
        doc_url: "",
        rule: "",
    }
}

/// Renders the whole catalogue as Markdown (both languages), the content of `docs/findings.md`.
pub fn catalogue() -> String {
    let mut out = String::new();
    out.push_str("<!-- Generated from crates/preflight-core/src/rules/registry.rs by `PREFLIGHT_BLESS=1 cargo test -p preflight-core --test catalogue`; do not edit by hand. -->\n\n");
    out.push_str("# Finding codes\n\n");
    out.push_str("Every code Preflight reports, in English and Japanese.\n");
    out.push_str("Codes are stable: a released code is never renamed or reused.\n");
    out.push_str("`preflight explain <CODE>` prints the same text in a terminal.\n\n");
    out.push_str("| code | kind | default severity | title |\n| --- | --- | --- | --- |\n");
    for &c in Code::ALL {
        let s = c.spec();
        let kind = match s.kind {
            Kind::Check => "check",
            Kind::Finding => "finding",
        };
        out.push_str(&format!(
            "| [`{c}`](#{}) | {kind} | {} | {} |\n",
            c.as_str().to_ascii_lowercase(),
            s.severity.word(),
            s.title.en
        ));
    }
    out.push('\n');
    for &c in Code::ALL {
        out.push_str(&explain(c));
        out.push('\n');
    }
    out
}

/// The catalogue entry of one code as Markdown.
pub fn explain(c: Code) -> String {
    let s = c.spec();
    format!(
        "## {c}\n\n**{}** / **{}**\n\nSeverity: `{}` · field guide rule {} · [documentation]({})\n\n{}\n\n*Next step:* {}\n\n{}\n\n*次の対応:* {}\n",
        s.title.en, s.title.ja, s.severity.word(), s.rule, s.doc_url, s.explain.en, s.next_step.en, s.explain.ja, s.next_step.ja
    )
}
