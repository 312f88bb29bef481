//! Properties over the public entry point: arbitrary bytes and arbitrary edits of real logs never
//! panic, every line range lies inside the input, every index points at something, no check
//! with a curl error is ever OK, and no planted credential reaches an output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use preflight_core::code::Code;
use preflight_core::decode::default_decoder;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::report::{Cell, Report, Status};
use preflight_core::{analyze, analyze_text, render, Options};
use proptest::prelude::*;

const LOGS: [&[u8]; 4] = [
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-minimal06_202611220005.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log"),
];

/// Windows: the reconstructed whole transcript and the proxy dump.
const WINDOWS: [&[u8]; 2] = [
    include_bytes!("corpus/windows/AzureBackup_Check_NW_20261122_101500.log"),
    include_bytes!("corpus/windows/10-TRANSCRIBED-blog-proxy-section-system-and-plugin-proxy.txt"),
];

fn check_invariants(r: &Report) {
    let n = r.input.lines;
    for (i, c) in r.checks.iter().enumerate() {
        assert!(
            c.lines.first() >= 1 && c.lines.first() <= c.lines.last() && c.lines.last() <= n,
            "check {i} lines {:?} outside 1..={n}",
            c.lines
        );
        for e in &c.evidence {
            assert!(
                e.line >= c.lines.first() && e.line <= c.lines.last(),
                "evidence line {} outside check {:?}",
                e.line,
                c.lines
            );
            // curl's own error, and libcurl's as yum, dnf and applications quote it.
            if ["curl: (", "curl#", "Curl error (", "cURL error "]
                .iter()
                .any(|m| e.text.contains(m))
            {
                assert_ne!(c.status, Status::Ok, "a check quoting a curl error is OK");
            }
            let failed_tnc =
                e.text.contains("TcpTestSucceeded") && e.text.trim_end().ends_with("False");
            if failed_tnc || e.text.contains("Unable to connect to the remote server") {
                assert_ne!(
                    c.status,
                    Status::Ok,
                    "a check quoting a Windows failure is OK"
                );
            }
        }
        assert!(c.endpoint < r.endpoints.len());
    }
    for f in &r.findings {
        for &k in &f.checks {
            assert!(k < r.checks.len());
        }
        for l in &f.lines {
            assert!(
                l.first() >= 1 && l.first() <= l.last() && l.last() <= n,
                "finding {} lines {:?} outside 1..={n}",
                f.code,
                l
            );
        }
        assert!(
            !preflight_core::render::words(f, preflight_core::i18n::Lang::En)
                .title
                .is_empty()
                && !preflight_core::render::words(f, preflight_core::i18n::Lang::Ja)
                    .title
                    .is_empty()
        );
    }
    for e in &r.endpoints {
        for cell in std::iter::once(&e.dns)
            .chain(e.tcp.iter())
            .chain(std::iter::once(&e.https))
        {
            if let Cell::Checked { checks, .. } = cell {
                for &k in checks {
                    assert!(k < r.checks.len());
                }
            }
        }
    }
    // A check tested again later gives way to the later one, which must exist.
    let retested = |c: &&preflight_core::report::Check| c.code == Code::CHECK_RETESTED;
    for (i, c) in r.checks.iter().enumerate().filter(|(_, c)| retested(c)) {
        assert!(
            r.checks.iter().skip(i + 1).any(|l| l.tool == c.tool
                && l.target.eq_ignore_ascii_case(&c.target)
                && l.port == c.port
                && !retested(&l)),
            "check {i} gives way to no later check"
        );
    }
    let current: Vec<_> = r.checks.iter().filter(|c| !retested(c)).collect();
    if current.iter().any(|c| c.status == Status::Failure) {
        assert_eq!(r.overall, Status::Failure);
    }
    if r.overall == Status::Ok {
        // OK rests on checks, or on settings a finding names (Windows: no proxy for backup).
        assert!(current.iter().all(|c| c.status == Status::Ok));
        assert!(
            !r.checks.is_empty() || !r.findings.is_empty(),
            "an OK with nothing behind it"
        );
    }
    assert_eq!(r.counts.total(), current.len());
}

fn full_run(bytes: &[u8]) {
    let r = analyze(bytes, &Options::default());
    check_invariants(&r);
    for lang in Lang::ALL {
        let _ = render::text::render(&r, lang, render::text::Style { color: true });
        let _ = render::markdown::render(&r, lang);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Duplicate(usize, usize, usize),
    Truncate(usize),
    Flip(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let marker_bits = prop::sample::select(vec![
        b"##TRY!! ".to_vec(),
        b"\r".to_vec(),
        b"\n".to_vec(),
        b"curl: (56) CONNECT tunnel failed, response 407\n".to_vec(),
        b"HTTP/1.1 200 OK\r\n".to_vec(),
        "\u{3000}".as_bytes().to_vec(),
        b"\x1b[31m".to_vec(),
        b"Complete...\n".to_vec(),
        b"#### ILR \xe3\x81\xae\n".to_vec(),
        b"\xff\xfe".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(a, b)| Edit::Delete(a, b)),
        (
            any::<usize>(),
            prop_oneof![prop::collection::vec(any::<u8>(), 0..64), marker_bits]
        )
            .prop_map(|(a, v)| Edit::Insert(a, v)),
        (any::<usize>(), 0usize..2000, any::<usize>())
            .prop_map(|(a, b, c)| Edit::Duplicate(a, b, c)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
    ]
}

fn apply(mut v: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = v.len().max(1);
        match e {
            Edit::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    v.drain(a..b);
                }
            }
            Edit::Insert(a, bytes) => {
                let a = a % (v.len() + 1);
                v.splice(a..a, bytes.iter().copied());
            }
            Edit::Duplicate(a, n, at) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    let chunk: Vec<u8> = v[a..b].to_vec();
                    let at = at % (v.len() + 1);
                    v.splice(at..at, chunk);
                }
            }
            Edit::Truncate(a) => v.truncate(a % len),
            Edit::Flip(a, b) => {
                if !v.is_empty() {
                    let i = a % v.len();
                    v[i] ^= b;
                }
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        full_run(&bytes);
    }

    #[test]
    fn arbitrary_text_with_markers_never_panics(lines in prop::collection::vec(
        prop_oneof![
            "##TRY!! (nslookup |nc -vz |curl -I https://)[a-z0-9.\u{3000} -]{0,30}( 443| 3260)? ##",
            "[ -~\u{3000}\t\r]{0,80}",
            Just("curl: (7) Failed to connect to x port 8080 after 0 ms: Couldn't connect to server".to_owned()),
            Just("Ncat: Connected to 1.2.3.4:443.".to_owned()),
            Just("HTTP/1.0 200 Connection established\r".to_owned()),
        ], 0..60)) {
        full_run(lines.join("\n").as_bytes());
    }

    #[test]
    fn edited_real_logs_never_panic_and_stay_in_range(which in 0usize..4, edits in prop::collection::vec(edit(), 1..6)) {
        let bytes = apply(LOGS[which].to_vec(), &edits);
        full_run(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn edited_windows_logs_never_panic_and_stay_in_range(which in 0usize..2, edits in prop::collection::vec(edit(), 1..6)) {
        full_run(&apply(WINDOWS[which].to_vec(), &edits));
    }

    /// Windows result lines, error records and settings in any order and mixed with noise: no
    /// panic, and a failed Test-NetConnection or connect error is never an OK check.
    #[test]
    fn arbitrary_windows_lines_never_panic_and_a_windows_failure_is_never_ok(lines in prop::collection::vec(
        prop_oneof![
            "Result of tnc - 443 / from 10\\.0\\.0\\.4 /To URL  [a-z0-9.]{1,20} IPaddress (20\\.1\\.2\\.3|<MASKED>)? / TcpTestSucceeded: (True|False)",
            "#TRY!! Invoke-webRequest [a-z0-9.]{1,20}",
            Just("PS>TerminatingError(Invoke-WebRequest): \"Unable to connect to the remote server\"".to_owned()),
            Just("Invoke-WebRequest : The remote server returned an error: (404) Not Found.".to_owned()),
            Just("Result of Invoke-webRequest  / StatusCode: / StatusDescription:".to_owned()),
            Just("WARNING: TCP connect to (20.1.2.3 : 443) failed".to_owned()),
            Just("TcpTestSucceeded       : False".to_owned()),
            Just("WinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)".to_owned()),
            Just("ProxyEnable: 1".to_owned()),
            Just("**********************".to_owned()),
            "[ -~\t]{0,60}",
        ], 0..40)) {
        full_run(lines.join("\r\n").as_bytes());
    }
}

#[test]
fn truncating_a_real_log_anywhere_never_gives_ok() {
    // A log cut short can never be `ok` (rule D.15): try every 97th byte of the all-OK log.
    let log = LOGS[0];
    let mut cut = 1;
    while cut < log.len() {
        let r = analyze(&log[..cut], &Options::default());
        check_invariants(&r);
        assert_ne!(r.overall, Status::Ok, "cut at byte {cut} is ok");
        cut += 97;
    }
    assert_eq!(analyze(log, &Options::default()).overall, Status::Ok);
}

/// Real answers of nslookup, as the interactive mode prints them after `> name`.
const ANSWER_OK: &str = "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\t{}\nAddress: 20.60.204.1\n\n";
const ANSWER_NXDOMAIN: &str =
    "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find {}: NXDOMAIN\n\n";

/// Real outputs of one command each, with whether the destination failed.
const COMMANDS: &[(&str, &str, bool)] = &[
    (
        "nc -vz {} 443",
        "Connection to {} 443 port [tcp/https] succeeded!\n",
        false,
    ),
    (
        "nc -vz {} 443",
        "nc: connect to {} port 443 (tcp) failed: Connection refused\n",
        true,
    ),
    (
        "curl -I https://{}",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        false,
    ),
    (
        "curl -I https://{}",
        "curl: (28) Failed to connect to {} port 443 after 134663 ms: Couldn't connect to server\n",
        true,
    ),
    (
        "nslookup {}",
        "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\t{}\nAddress: 20.60.204.1\n\n",
        false,
    ),
    (
        "nslookup {}",
        "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find {}: NXDOMAIN\n\n",
        true,
    ),
];

const PROMPTS: &[&str] = &[
    "$ ",
    "# ",
    "[azureuser@vm01 ~]$ ",
    "azureuser@vm01:~$ ",
    "PS C:\\Users\\me> ",
];

fn host(i: usize) -> String {
    format!("name{i}.blob.core.windows.net")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// An interactive nslookup session: one check per query, and one NXDOMAIN among them is
    /// never an OK input.
    #[test]
    fn an_nslookup_session_with_one_failed_query_is_never_ok(
        n in 2usize..7,
        failed in prop::collection::vec(any::<bool>(), 7),
        quoted in any::<bool>(),
    ) {
        let mut s = String::from("nslookup\n");
        for (i, &fails) in failed.iter().take(n).enumerate() {
            s.push_str(&format!("> {}\n", host(i)));
            let answer = if fails { ANSWER_NXDOMAIN } else { ANSWER_OK };
            s.push_str(&answer.replace("{}", &host(i)));
        }
        let input = if quoted { format!("```\n{s}```\n") } else { s };
        let r = analyze(input.as_bytes(), &Options::default());
        check_invariants(&r);
        prop_assert_eq!(r.checks.len(), n);
        for (i, c) in r.checks.iter().enumerate() {
            prop_assert_eq!(&c.target, &host(i));
            prop_assert_eq!(c.status == Status::Failure, failed[i]);
        }
        if failed[..n].iter().any(|f| *f) {
            prop_assert_eq!(r.overall, Status::Failure);
        } else {
            prop_assert_eq!(r.overall, Status::Ok);
        }
    }

    /// Several commands typed after a prompt: one check each, each with its own target, and a
    /// failed one never leaves the input OK.
    #[test]
    fn typed_commands_are_one_check_each_and_a_failure_is_never_ok(
        picks in prop::collection::vec((0usize..6, 0usize..5), 1..6),
    ) {
        let mut s = String::new();
        for (i, &(cmd, prompt)) in picks.iter().enumerate() {
            let (line, out, _) = COMMANDS[cmd];
            s.push_str(PROMPTS[prompt]);
            s.push_str(&line.replace("{}", &host(i)));
            s.push('\n');
            s.push_str(&out.replace("{}", &host(i)));
        }
        let r = analyze(s.as_bytes(), &Options::default());
        check_invariants(&r);
        prop_assert_eq!(r.checks.len(), picks.len(), "{}", s);
        for (i, c) in r.checks.iter().enumerate() {
            prop_assert_eq!(&c.target, &host(i));
            let failed = COMMANDS[picks[i].0].2;
            prop_assert_eq!(c.status == Status::Failure, failed, "{}", s);
        }
        if picks.iter().any(|p| COMMANDS[p.0].2) {
            prop_assert_eq!(r.overall, Status::Failure);
        }
    }
}

/// Real log number `which` with `line` inserted at `at`.
fn plant(which: usize, at: prop::sample::Index, line: &str) -> String {
    let log = String::from_utf8_lossy(LOGS[which]).into_owned();
    let mut lines: Vec<&str> = log.lines().collect();
    lines.insert(at.index(lines.len() + 1), line);
    lines.join("\n")
}

/// A report in every format, in `lang`.
fn outputs(r: &Report, lang: Lang) -> [String; 3] {
    [
        render::json::to_string(r, lang),
        render::markdown::render(r, lang),
        render::text::render(r, lang, render::text::Style { color: false }),
    ]
}

/// Where a credential is planted: each form the masking reads, with `{}` for the secret.
const SECRET_FORMS: [&str; 8] = [
    "https_proxy=http://backup:{}@10.0.0.5:3128",
    "* Uses proxy env variable https_proxy == 'http://backup:{}@10.0.0.5:3128'",
    "> Proxy-Authorization: Basic {}",
    "curl -U backup:{} -x http://10.0.0.5:3128 https://login.microsoftonline.com",
    "PUT https://md-x.z41.blob.storage.azure.net/$system/vm.status?sv=2018-03-28&sr=b&sig={}&se=x",
    "DefaultEndpointsProtocol=https;AccountName=a;AccountKey={};EndpointSuffix=core.windows.net",
    "    ProxyPassword    REG_SZ    {}",
    "    Proxy Server(s) :  http=backup:{}@10.2.0.16:8080",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A credential of any shape the forms allow, planted anywhere in a real log, reaches no
    /// output in any format or language.
    #[test]
    fn a_planted_credential_reaches_no_output(
        which in 0usize..4,
        form in 0usize..SECRET_FORMS.len(),
        secret in "Zq[A-Za-z0-9!#%+~._-]{6,24}",
        at in any::<prop::sample::Index>(),
    ) {
        let line = SECRET_FORMS[form].replace("{}", &secret);
        let planted = plant(which, at, &line);
        let r = analyze(planted.as_bytes(), &Options::default());
        check_invariants(&r);
        for lang in Lang::ALL {
            for out in outputs(&r, lang) {
                prop_assert!(!out.contains(&secret), "{} leaked through {}", secret, line);
            }
        }
    }
}

/// Where an identifier is planted: each form redaction reads, with `{}` for it.
const NAME_FORMS: [&str; 6] = [
    "inet 10.{}/24 brd 10.0.0.255 scope global eth0",
    "hostname={}",
    "[{}@vm-prod ~]$ curl -v https://login.microsoftonline.com",
    "/home/{}/.bashrc",
    "\"resourceGroup\": \"{}\",",
    "link/ether {} brd ff:ff:ff:ff:ff:ff",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// An identifier planted anywhere in a real log is replaced in every output, and redaction
    /// changes no status, code, count or line number.
    #[test]
    fn a_planted_identifier_is_redacted_and_no_decision_moves(
        which in 0usize..4,
        form in 0usize..NAME_FORMS.len(),
        word in "zq[a-z0-9]{4,12}",
        octets in (0u8..=255, 0u8..=255, 1u8..=254),
        mac in any::<[u8; 6]>(),
        at in any::<prop::sample::Index>(),
    ) {
        let planted_value = match form {
            0 => format!("{}.{}.{}", octets.0, octets.1, octets.2),
            5 => mac.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"),
            _ => word.clone(),
        };
        let original = if form == 0 { format!("10.{planted_value}") } else { planted_value.clone() };
        let line = NAME_FORMS[form].replace("{}", &planted_value);
        let planted = plant(which, at, &line);
        let a = analyze_text(planted.as_bytes(), &Options::default(), default_decoder());
        let p = Pseudonyms::of(&a.report, &a.text.content);
        let mut r = a.report.clone();
        r.redact(&p);
        let decisions = |r: &Report| {
            let checks: Vec<_> = r.checks.iter().map(|c| (c.tool, c.port, c.status, c.code, c.lines)).collect();
            let findings: Vec<_> = r.findings.iter().map(|f| (f.code, f.severity, f.lines.clone())).collect();
            format!("{:?} {:?} {checks:?} {findings:?}", r.overall, r.counts)
        };
        prop_assert_eq!(decisions(&a.report), decisions(&r));
        for lang in Lang::ALL {
            for out in outputs(&r, lang) {
                let lower = out.to_ascii_lowercase();
                let hit = lower.match_indices(&original.to_ascii_lowercase()).any(|(i, _)| {
                    let before = lower[..i].chars().next_back();
                    let after = lower[i + original.len()..].chars().next();
                    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
                    !part(before) && !part(after)
                });
                prop_assert!(!hit, "{} left in an output ({})", original, line);
            }
        }
    }
}

/// Captures as people paste them: the real pastes of the corpus that hold checks, and the
/// logged-error and agent-endpoint fixtures.
const CAPTURES: &[&str] = &[
    include_str!("corpus/pastes/P07-fenced-curl-v-imds-through-local-proxy-400.txt"),
    include_str!("corpus/pastes/P12-extension-error-stdout-stderr-curl7-old-wording.txt"),
    include_str!("corpus/pastes/P14-apt-470-firewall-tls-not-terminated-with-stderr-marker.txt"),
    include_str!(
        "corpus/pastes/P17-FRAGMENT-agent-version-prose-and-log-hostgaplugin-32526-timeout.txt"
    ),
    include_str!("corpus/pastes/P18-FRAGMENT-waagent-log-wireserver-503-goalstate.txt"),
    include_str!("fixtures/logged/apt-2x-connect-timeout.txt"),
    include_str!("fixtures/logged/yum-curl7-refused.txt"),
    include_str!("fixtures/logged/dnf-curl-error-35-reset.txt"),
    include_str!("fixtures/logged/libcurl-guzzle-error-7.txt"),
    include_str!("fixtures/logged/waagent-log-errno-110-goalstate.txt"),
    include_str!("fixtures/pastes/two-curls-one-times-out.txt"),
    include_str!("fixtures/pastes/silent-commands-with-exit-status.txt"),
    include_str!("fixtures/pastes/commands-with-echo-ok-or-fail.txt"),
    include_str!("fixtures/AGENT_ENDPOINT_VIA_PROXY/curl-v-imds-env-proxy-400.txt"),
    include_str!("fixtures/agent-forms/wireserver-curl-failed-curl-7.88.txt"),
];

/// A capture as it reaches a ticket: a code fence, a Markdown quote (one or two levels), or
/// the message of `az vm run-command invoke`.
fn wrap(text: &str, how: usize) -> String {
    match how {
        0 => format!("```\n{text}\n```\n"),
        1 => text.lines().map(|l| format!("> {l}\n")).collect(),
        2 => text.lines().map(|l| format!("> > {l}\n")).collect(),
        _ => common::run_command_json(None, text),
    }
}

type Seen = (Status, Vec<(String, String, Option<u16>, Status)>);

fn verdicts(r: &Report) -> Seen {
    let checks = r
        .checks
        .iter()
        .map(|c| (c.tool.word().to_owned(), c.target.clone(), c.port, c.status))
        .collect();
    (r.overall, checks)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A wrapper around a capture changes no check and no verdict.
    #[test]
    fn a_wrapper_around_a_capture_never_changes_its_verdict(
        which in 0usize..CAPTURES.len(),
        how in 0usize..4,
    ) {
        let text = CAPTURES[which];
        let plain = analyze(text.as_bytes(), &Options::default());
        let wrapped = analyze(wrap(text, how).as_bytes(), &Options::default());
        check_invariants(&wrapped);
        prop_assert_eq!(verdicts(&wrapped), verdicts(&plain), "{}", wrap(text, how));
    }
}
