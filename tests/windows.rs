//! Windows: the connectivity script's transcript and the cmdlet outputs people paste.
//!
//! `tests/corpus/windows/` holds the corpus's Windows samples; their verdicts are the table in
//! `tests/corpus/README.md` (`n/a`: recognised, no verdict, never a failure). Each sample is
//! also read re-encoded as a real transcript is written (UTF-8 with a BOM and CRLF) and as
//! PowerShell 5.1's `>` writes it (UTF-16LE): the report must not change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::report::{InputKind, Report, Status, Tool};
use preflight_core::{analyze, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One check as the tests name it: tool, target, port, status, code.
type Row<'a> = (Tool, &'a str, Option<u16>, Status, Code);

fn run(bytes: &[u8]) -> Report {
    analyze(bytes, &Options::default())
}

/// The corpus README's `windows/` table: file, verdict.
fn stated_verdicts() -> Vec<(String, String)> {
    let readme = String::from_utf8(read("corpus/README.md")).unwrap();
    let section = readme
        .split("## windows/")
        .nth(1)
        .expect("a windows/ section");
    section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let file = cells.get(1)?.trim_matches('`');
            (file.ends_with(".txt") || file.ends_with(".log"))
                .then(|| (file.to_owned(), cells.get(2).unwrap_or(&"").to_string()))
        })
        .collect()
}

#[test]
fn every_windows_sample_gives_its_stated_verdict() {
    let stated = stated_verdicts();
    assert_eq!(stated.len(), 19, "the README lists every sample");
    for (file, verdict) in stated {
        let r = run(&read(&format!("corpus/windows/{file}")));
        assert_eq!(
            r.input.kind,
            InputKind::WindowsConnectivityLog,
            "{file}: kind"
        );
        let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
        assert!(
            !codes.contains(&Code::INPUT_NOT_RECOGNISED),
            "{file}: recognised"
        );
        if verdict == "n/a" {
            assert_ne!(r.overall, Status::Failure, "{file}: never a failure");
            assert!(r.checks.is_empty(), "{file}: no check");
        } else {
            assert_eq!(r.overall.word(), verdict, "{file}: verdict");
        }
    }
}

/// Every check of every sample: tool, target, port, status and code.
#[test]
fn every_check_of_the_windows_samples() {
    use Tool::{InvokeWebRequest as Iwr, Tnc};
    let backup = "pod01-manag1.jpe.backup.windowsazure.com";
    let expected: &[(&str, &[Row<'_>])] = &[
        (
            "01-blog-tnc-success.txt",
            &[(Tnc, backup, Some(443), Status::Ok, Code::TCP_CONNECTED)],
        ),
        (
            "02-blog-tnc-tcp-false.txt",
            &[(
                Tnc,
                backup,
                Some(443),
                Status::Failure,
                Code::TCP_CONNECT_FAILED,
            )],
        ),
        (
            "03-blog-iwr-200-ok.txt",
            &[(
                Iwr,
                "login.microsoft.com",
                Some(443),
                Status::Ok,
                Code::HTTPS_REACHABLE,
            )],
        ),
        (
            "04-blog-iwr-404-ja.txt",
            &[(Iwr, backup, Some(443), Status::Ok, Code::HTTPS_REACHABLE)],
        ),
        (
            "07-blog-iwr-unable-to-connect-en.txt",
            &[(
                Iwr,
                backup,
                Some(443),
                Status::Failure,
                Code::TCP_CONNECT_FAILED,
            )],
        ),
        ("09-TRANSCRIBED-blog-proxy-section-no-proxy.txt", &[]),
        (
            "10-TRANSCRIBED-blog-proxy-section-system-and-plugin-proxy.txt",
            &[],
        ),
        ("12-TRANSCRIBED-blog-console-scriptstart-completed.txt", &[]),
        (
            "13-TRANSCRIBED-asr-console-start-and-blob-tnc.txt",
            &[(
                Tnc,
                "ok<MASKED>.blob.core.windows.net",
                Some(443),
                Status::Ok,
                Code::TCP_CONNECTED,
            )],
        ),
        ("18-transcript-en-ps51-complete-dnsomatic.txt", &[]),
        ("21-transcript-ja-console-transcript-started.txt", &[]),
        (
            "25-tnc-success-object.txt",
            &[(Tnc, "8.8.8.8", Some(53), Status::Ok, Code::TCP_CONNECTED)],
        ),
        (
            "26-tnc-tcp-failed-ping-timedout.txt",
            &[(
                Tnc,
                "192.168.22.14",
                Some(8000),
                Status::Failure,
                Code::TCP_CONNECT_FAILED,
            )],
        ),
        (
            "31-iwr-en-unable-to-connect-in-script.txt",
            &[(Iwr, "", None, Status::Failure, Code::TCP_CONNECT_FAILED)],
        ),
        (
            "33-irm-en-trust-failure.txt",
            &[(
                Iwr,
                "massgrave.dev",
                Some(443),
                Status::Failure,
                Code::TLS_UNTRUSTED,
            )],
        ),
        ("45-netsh-ja-direct.txt", &[]),
        (
            "51-RECONSTRUCTED-script-iwr-failure-full-block.txt",
            &[(
                Iwr,
                backup,
                Some(443),
                Status::Failure,
                Code::TCP_CONNECT_FAILED,
            )],
        ),
        ("52-RECONSTRUCTED-tls-check-tls12-client-disabled.txt", &[]),
        (
            "AzureBackup_Check_NW_20261122_101500.log",
            &[
                (Tnc, backup, Some(443), Status::Ok, Code::TCP_CONNECTED),
                (Iwr, backup, Some(443), Status::Ok, Code::HTTPS_REACHABLE),
                (
                    Tnc,
                    "ceuswatcab01.blob.core.windows.net",
                    Some(443),
                    Status::Failure,
                    Code::TCP_CONNECT_FAILED,
                ),
                (
                    Iwr,
                    "ceuswatcab01.blob.core.windows.net",
                    Some(443),
                    Status::Failure,
                    Code::TCP_CONNECT_FAILED,
                ),
                (
                    Tnc,
                    "login.microsoft.com",
                    Some(443),
                    Status::Ok,
                    Code::TCP_CONNECTED,
                ),
                (
                    Iwr,
                    "login.microsoft.com",
                    Some(443),
                    Status::Ok,
                    Code::HTTPS_REACHABLE,
                ),
            ],
        ),
    ];
    for (file, checks) in expected {
        let r = run(&read(&format!("corpus/windows/{file}")));
        let got: Vec<Row<'_>> = r
            .checks
            .iter()
            .map(|c| (c.tool, c.target.as_str(), c.port, c.status, c.code))
            .collect();
        assert_eq!(got, checks.to_vec(), "{file}");
    }
}

/// The findings that carry the samples' settings verdicts.
#[test]
fn the_settings_samples_say_why() {
    for (file, code) in [
        (
            "09-TRANSCRIBED-blog-proxy-section-no-proxy.txt",
            Code::PROXY_WINDOWS_NONE,
        ),
        (
            "10-TRANSCRIBED-blog-proxy-section-system-and-plugin-proxy.txt",
            Code::PROXY_WINDOWS_BACKUP_ACCOUNTS,
        ),
        (
            "13-TRANSCRIBED-asr-console-start-and-blob-tnc.txt",
            Code::TRANSCRIPT_OTHER_SCRIPT,
        ),
        (
            "18-transcript-en-ps51-complete-dnsomatic.txt",
            Code::TRANSCRIPT_OTHER_SCRIPT,
        ),
        (
            "21-transcript-ja-console-transcript-started.txt",
            Code::TRANSCRIPT_OTHER_SCRIPT,
        ),
        ("45-netsh-ja-direct.txt", Code::PROXY_WINDOWS_NONE),
        (
            "52-RECONSTRUCTED-tls-check-tls12-client-disabled.txt",
            Code::TLS12_DISABLED,
        ),
    ] {
        let r = run(&read(&format!("corpus/windows/{file}")));
        assert!(
            r.findings.iter().any(|f| f.code == code),
            "{file}: {code:?}"
        );
    }
}

#[test]
fn the_bypass_list_names_the_azure_names_it_leaves_to_the_proxy() {
    let r = run(&read(
        "corpus/windows/10-TRANSCRIBED-blog-proxy-section-system-and-plugin-proxy.txt",
    ));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::PROXY_WINDOWS_BACKUP_ACCOUNTS)
        .unwrap();
    let text = preflight_core::render::markdown::render(&r, preflight_core::i18n::Lang::En);
    for name in [
        "login.microsoft.com",
        "login.windows.net",
        "login.microsoftonline.com",
        "10.2.0.16:8080",
    ] {
        assert!(text.contains(name), "{name} is named");
    }
    // The names left to the proxy, as the finding holds them: Entra ID only, since the
    // bypass list covers Backup, blob and managed-disk storage.
    let missed: Vec<&String> = f
        .detail
        .iter()
        .flat_map(|s| &s.args)
        .filter_map(|a| match a {
            preflight_core::report::Arg::Hosts(h) => Some(h),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(
        missed,
        [
            "login.microsoft.com",
            "login.windows.net",
            "login.microsoftonline.com"
        ]
    );
    assert_eq!(f.severity, preflight_core::report::Severity::Warning);
}

/// The text with CRLF line ends, without the BOM it may have.
fn crlf_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\n', "\r\n")
}

/// UTF-8 with a BOM and CRLF line ends, as the script's transcript is written.
fn utf8_bom_crlf(bytes: &[u8]) -> Vec<u8> {
    let text = crlf_text(bytes);
    [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()
}

/// UTF-16LE with its BOM, as Windows PowerShell 5.1's `>` writes.
fn utf16le(bytes: &[u8]) -> Vec<u8> {
    let text = crlf_text(bytes);
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// What must not change with the encoding.
fn decisions(r: &Report) -> String {
    let checks: Vec<Row<'_>> = r
        .checks
        .iter()
        .map(|c| (c.tool, c.target.as_str(), c.port, c.status, c.code))
        .collect();
    let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    format!("{:?} {:?} {checks:?} {codes:?}", r.overall, r.input.kind)
}

#[test]
fn a_bom_crlf_or_utf16_sample_reads_as_the_plain_one() {
    let dirs = ["corpus/windows", "fixtures/windows-forms"];
    let mut n = 0;
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "log"))
            .collect();
        files.sort();
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let plain = decisions(&run(&bytes));
            for (how, re) in [
                ("utf-8 bom crlf", utf8_bom_crlf(&bytes)),
                ("utf-16le", utf16le(&bytes)),
            ] {
                assert_eq!(decisions(&run(&re)), plain, "{} as {how}", path.display());
            }
            n += 1;
        }
    }
    assert!(n >= 18, "read {n} files");
}

/// `tests/fixtures/windows-forms/EXPECTED.tsv`: file, tool, target, port, status, code.
fn forms() -> Vec<(String, Vec<String>)> {
    let table = String::from_utf8(read("fixtures/windows-forms/EXPECTED.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<String> = l.split('\t').map(str::to_owned).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect()
}

fn check_row(r: &Report) -> Vec<String> {
    assert_eq!(r.checks.len(), 1, "one check");
    let c = &r.checks[0];
    vec![
        c.tool.word().to_owned(),
        c.target.clone(),
        c.port.map(|p| p.to_string()).unwrap_or_default(),
        c.status.word().to_owned(),
        c.code.as_str().to_owned(),
    ]
}

/// Every cmdlet output form in every language, pasted alone with its command.
#[test]
fn every_cmdlet_form_alone() {
    let forms = forms();
    assert!(forms.len() >= 100, "{} forms", forms.len());
    for (file, want) in forms {
        let r = run(&read(&format!("fixtures/windows-forms/{file}")));
        assert_eq!(r.input.kind, InputKind::WindowsConnectivityLog, "{file}");
        assert_eq!(check_row(&r), want, "{file}");
    }
}

/// nslookup and Resolve-DnsName outputs pasted without the command that ran them: the name
/// asked is read from the output (the failure line, the first alias, the table's first row).
#[test]
fn every_dns_form_reads_the_same_without_its_command() {
    let mut n = 0;
    for (file, want) in forms() {
        if !(file.starts_with("nslookup-") || file.starts_with("resolve-dnsname-")) {
            continue;
        }
        let text = String::from_utf8(read(&format!("fixtures/windows-forms/{file}"))).unwrap();
        let output: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let r = run(output.as_bytes());
        assert_eq!(r.input.kind, InputKind::WindowsConnectivityLog, "{file}");
        let mut got = check_row(&r);
        if !output.contains(&want[1]) {
            // The output does not name the name asked (a timeout, a table of the canonical
            // name's records): the target is a name it holds, or none; none is made up.
            assert!(output.contains(&got[1]), "{file}: {}", got[1]);
            got[1] = want[1].clone();
        }
        assert_eq!(got, want, "{file} without its command");
        n += 1;
    }
    assert!(n >= 30, "{n} outputs");
}

/// The same error records where the script writes them: its `#TRY!!` marker, the
/// `PS>TerminatingError` line, the record, and the empty result line, in a whole transcript.
#[test]
fn every_error_record_inside_the_scripts_transcript() {
    let host = "pod01-manag1.jpe.backup.windowsazure.com";
    let mut n = 0;
    for (file, want) in forms() {
        if !file.starts_with("iwr-") || want[1] != host {
            continue;
        }
        let text = String::from_utf8(read(&format!("fixtures/windows-forms/{file}"))).unwrap();
        // The record without the prompt line that ran it.
        let record: Vec<&str> = text.lines().skip(1).collect();
        let message = record[0].split_once(" : ").unwrap().1;
        let transcript = format!(
            "**********************\nWindows PowerShell transcript start\nStart time: 20231104155224\nUsername: CONTOSO\\azureuser\nMachine: VM-WIN01 (Microsoft Windows NT 10.0.20348.0)\nPSVersion: 5.1.20348.2031\n**********************\nTranscript started, output file is C:\\temp\\AzureBackup_Check_NW_20231104_155224.log\n-----ScriptStart----- 11/04/2023 15:52:24\n#TRY!! Invoke-webRequest {host}\nPS>TerminatingError(Invoke-WebRequest): \"{message}\"\n{}\nResult of Invoke-webRequest  / StatusCode: / StatusDescription:\n-----ScriptStart Completed----- 11/04/2023 15:53:10\n**********************\nWindows PowerShell transcript end\nEnd time: 20231104155310\n**********************\n",
            record.join("\n")
        );
        let r = run(transcript.as_bytes());
        assert_eq!(r.input.kind, InputKind::WindowsConnectivityLog, "{file}");
        let got = check_row(&r);
        assert_eq!(got, want, "{file} inside a transcript");
        assert_eq!(r.machine.host.as_deref(), Some("VM-WIN01"), "{file}");
        n += 1;
    }
    assert!(n >= 70, "{n} records");
}

/// Every form typed at the prompt of a transcript someone started around their own checks
/// (`Start-Transcript`): each command is its check, the transcript is named as not the Backup
/// script's, and its header gives the machine.
#[test]
fn every_form_typed_inside_an_interactive_transcript() {
    let mut n = 0;
    for (file, want) in forms() {
        let text = String::from_utf8(read(&format!("fixtures/windows-forms/{file}"))).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        // `C:\>cmd` and `PS C:\> cmd` alike: PowerShell's prompt in a transcript.
        let Some((_, command)) = first.split_once('>') else {
            continue;
        };
        let transcript = format!(
            "**********************\nWindows PowerShell transcript start\nStart time: 20261122101500\nUsername: CONTOSO\\azureuser\nRunAs User: CONTOSO\\azureuser\nMachine: VM-WIN01 (Microsoft Windows NT 10.0.20348.0)\nHost Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\nProcess ID: 4242\nPSVersion: 5.1.20348.2031\n**********************\nTranscript started, output file is C:\\temp\\checks.txt\nPS C:\\Users\\azureuser> {}\n{rest}PS C:\\Users\\azureuser> Stop-Transcript\n**********************\nWindows PowerShell transcript end\nEnd time: 20261122101600\n**********************\n",
            command.trim()
        );
        let r = run(transcript.as_bytes());
        assert_eq!(
            check_row(&r),
            want,
            "{file} inside an interactive transcript"
        );
        assert_eq!(r.machine.host.as_deref(), Some("VM-WIN01"), "{file}");
        assert!(
            r.findings
                .iter()
                .any(|f| f.code == Code::TRANSCRIPT_OTHER_SCRIPT),
            "{file}"
        );
        n += 1;
    }
    assert!(n >= 130, "{n} forms");
}

/// An error record after another command's output and a blank line is its own check (a
/// script's errors, a record pasted without its command): read as more output of the command
/// before, a 407 after a resolved name would have been an OK.
#[test]
fn an_error_record_after_another_commands_output_is_its_own_check() {
    let form = |f: &str| String::from_utf8(read(&format!("fixtures/windows-forms/{f}"))).unwrap();
    let paste = form("resolve-dnsname-resolved-en.txt") + &form("pwsh7-script-view-407.txt");
    let r = run(paste.as_bytes());
    let rows: Vec<(Tool, Status, Code)> = r
        .checks
        .iter()
        .map(|c| (c.tool, c.status, c.code))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Tool::ResolveDnsName, Status::Ok, Code::DNS_RESOLVED),
            (
                Tool::InvokeWebRequest,
                Status::Failure,
                Code::PROXY_AUTH_REQUIRED
            ),
        ]
    );
    assert_eq!(r.overall, Status::Failure);
    // A blank line between a command and its own record splits nothing.
    let r = run(b"PS C:\\> Invoke-WebRequest https://x.example.com\n\nInvoke-WebRequest : The remote name could not be resolved: 'x.example.com'\nAt line:1 char:1\n");
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.checks[0].code, Code::DNS_LOOKUP_FAILED);
}

/// The proxies the Windows settings name are the customer's: redaction replaces them.
#[test]
fn redaction_replaces_the_proxies_windows_settings_name() {
    use preflight_core::redact::Pseudonyms;
    for (file, proxy) in [
        (
            "fixtures/PROXY_WINDOWS_BACKUP_ACCOUNTS/netsh_winhttp_proxy.txt",
            "proxy.contoso.com",
        ),
        (
            "fixtures/PROXY_WINDOWS_BACKUP_ACCOUNTS/netsh_winhttp_proxy_ja.txt",
            "10.0.0.5",
        ),
        (
            "corpus/windows/10-TRANSCRIBED-blog-proxy-section-system-and-plugin-proxy.txt",
            "10.2.0.16",
        ),
    ] {
        let bytes = read(file);
        let a = preflight_core::analyze_text(
            &bytes,
            &Options::default(),
            preflight_core::decode::default_decoder(),
        );
        let mut r = a.report.clone();
        r.redact(&Pseudonyms::of(&a.report, &a.text.content));
        for lang in [
            preflight_core::i18n::Lang::En,
            preflight_core::i18n::Lang::Ja,
        ] {
            let md = preflight_core::render::markdown::render(&r, lang);
            assert!(!md.contains(proxy), "{file}: {proxy} is still named");
            assert!(md.contains("proxy-1"), "{file}: the proxy's pseudonym");
        }
    }
}

/// Text nothing recognised gets the advice of the platform it came from.
#[test]
fn an_unrecognised_windows_paste_gets_windows_advice() {
    let step = |bytes: &[u8]| {
        let r = run(bytes);
        let f = r
            .findings
            .iter()
            .find(|f| f.code == Code::INPUT_NOT_RECOGNISED)
            .expect("not recognised");
        preflight_core::render::markdown::render(&r, preflight_core::i18n::Lang::En)
            .contains("Test-NetConnection")
            && f.next_step.is_some()
    };
    assert!(step(&read(
        "fixtures/INPUT_NOT_RECOGNISED/powershell_session_without_a_check.txt"
    )));
    assert!(!step(b"hello there\nthis is not a log\n"));
}
