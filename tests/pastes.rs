//! Pastes as people make them: wrappers peeled, the input split into segments, one check per
//! typed command or nslookup query, and every line number pointing at the input as given.
//!
//! `tests/fixtures/pastes/` holds one fixture per wrapper and prompt style (checks in
//! `EXPECTED.tsv`); `tests/corpus/pastes/` holds the real pastes of the corpus (verdicts in
//! `tests/corpus/README.md`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::report::{
    InputKind, InputShape, Report, SegmentKind, Status, Tool, Why, Wrapper,
};
use preflight_core::{analyze, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn run(rel: &str) -> (Report, String) {
    let bytes = std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let r = analyze(
        &bytes,
        &Options {
            name: rel.to_owned(),
            ..Options::default()
        },
    );
    (r, String::from_utf8_lossy(&bytes).into_owned())
}

fn status(word: &str) -> Status {
    match word {
        "ok" => Status::Ok,
        "failure" => Status::Failure,
        "warning" => Status::Warning,
        _ => Status::Inconclusive,
    }
}

/// One expected check: tool, target, port, status.
type Row = (String, String, Option<u16>, Status);

/// `(file, checks)` from `EXPECTED.tsv`, in file order.
fn expected() -> Vec<(String, Vec<Row>)> {
    let tsv = std::fs::read_to_string(root().join("fixtures/pastes/EXPECTED.tsv")).unwrap();
    let mut out: Vec<(String, Vec<_>)> = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let row = (
            f[1].to_owned(),
            f[2].to_owned(),
            f[3].parse().ok(),
            status(f[4]),
        );
        match out.last_mut() {
            Some((file, rows)) if file == f[0] => rows.push(row),
            _ => out.push((f[0].to_owned(), vec![row])),
        }
    }
    out
}

#[test]
fn every_wrapper_and_prompt_fixture_gives_one_check_per_command() {
    let all = expected();
    assert!(all.len() >= 17, "fixtures listed: {}", all.len());
    for (file, rows) in all {
        let (r, _) = run(&format!("fixtures/pastes/{file}"));
        let got: Vec<Row> = r
            .checks
            .iter()
            .map(|c| (c.tool.word().to_owned(), c.target.clone(), c.port, c.status))
            .collect();
        assert_eq!(got, rows, "{file}");
        let worst = rows.iter().map(|r| r.3).max_by_key(|s| s.rank()).unwrap();
        if worst == Status::Failure {
            assert_eq!(r.overall, Status::Failure, "{file}");
        }
    }
}

#[test]
fn every_fixture_files_its_wrapper() {
    for (file, wrapper) in [
        ("az-vm-run-command-json.txt", Wrapper::RunCommandJson),
        ("az-vmss-run-command-json.txt", Wrapper::RunCommandJson),
        (
            "invoke-azvmruncommand-object.txt",
            Wrapper::RunCommandObject,
        ),
        ("portal-run-command-output.txt", Wrapper::OutputFrame),
        ("markdown-fence.txt", Wrapper::CodeFence),
        ("email-quote-nested.txt", Wrapper::Quote),
        ("ticket-quote-with-escapes.txt", Wrapper::Quote),
        ("kubectl-exec.txt", Wrapper::ContainerExec),
        ("crictl-exec.txt", Wrapper::ContainerExec),
        ("prompt-dollar.txt", Wrapper::Prompt),
        ("prompt-hash-root.txt", Wrapper::Prompt),
        ("prompt-bracket-user-host.txt", Wrapper::Prompt),
        ("prompt-user-at-host-colon.txt", Wrapper::Prompt),
        ("prompt-powershell-drive.txt", Wrapper::Prompt),
    ] {
        let (r, _) = run(&format!("fixtures/pastes/{file}"));
        assert!(
            r.input.wrappers.iter().any(|p| p.wrapper == wrapper),
            "{file}: {:?}",
            r.input.wrappers
        );
    }
}

/// Every line number in the report points at a line of the input, and a check's command line
/// is the input line that names its target (or the shell variable that held it).
fn assert_lines_point_at_the_input(name: &str, r: &Report, input: &str) {
    let n = r.input.lines;
    let lines: Vec<&str> = input.split('\n').collect();
    for c in &r.checks {
        assert!(
            1 <= c.lines.0 && c.lines.0 <= c.lines.1 && c.lines.1 <= n,
            "{name}: {:?}",
            c.lines
        );
        for e in &c.evidence {
            assert!(c.lines.0 <= e.line && e.line <= c.lines.1, "{name}: {e:?}");
        }
        if let (Some(m), false) = (c.marker, c.target.is_empty()) {
            let line = lines[m - 1];
            assert!(
                line.contains(&c.target)
                    || line.contains(&format!("{} $", c.tool.word()))
                    || line.contains("run-command")
                    || line.contains("Message")
                    // PowerShell asked for the missing `-Uri` on a line of its own.
                    || lines[m - 1..c.lines.1]
                        .iter()
                        .any(|l| l.trim().starts_with("Uri:") && l.contains(&c.target)),
                "{name}: line {m} {line:?} does not name {}",
                c.target
            );
        }
    }
    for f in &r.findings {
        for l in &f.lines {
            assert!(1 <= l.0 && l.0 <= l.1 && l.1 <= n, "{name}: {:?}", f.code);
        }
    }
    for s in &r.input.segments {
        assert!(
            1 <= s.lines.0 && s.lines.0 <= s.lines.1 && s.lines.1 <= n,
            "{name}: {s:?}"
        );
    }
}

#[test]
fn line_numbers_point_at_the_input_as_given() {
    let mut seen = 0;
    for dir in ["fixtures/pastes", "corpus/pastes"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let rel = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                let (r, input) = run(&rel);
                assert_lines_point_at_the_input(&rel, &r, &input);
                seen += 1;
            }
        }
    }
    assert!(seen >= 35, "{seen}");
}

fn checks(r: &Report) -> Vec<(Tool, &str, Option<u16>, Status)> {
    r.checks
        .iter()
        .map(|c| (c.tool, c.target.as_str(), c.port, c.status))
        .collect()
}

#[test]
fn an_interactive_nslookup_session_is_one_check_per_query_with_its_server() {
    let (r, _) =
        run("corpus/pastes/P01-nslookup-interactive-server-switch-private-endpoint-nxdomain.txt");
    let sa = "storageaccount.blob.core.windows.net";
    let got = checks(&r);
    assert_eq!(got.len(), 6, "{got:?}");
    assert!(got.iter().all(|c| c.0 == Tool::Nslookup && c.2.is_none()));
    assert_eq!(got[0], (Tool::Nslookup, sa, None, Status::Failure));
    assert_eq!(got[1], (Tool::Nslookup, sa, None, Status::Failure));
    // The masked public answers (`<PublicIP>`) are answers.
    assert_eq!(got[2].3, Status::Ok);
    assert_eq!(got[3].3, Status::Ok);
    assert_eq!(
        got[5],
        (
            Tool::Nslookup,
            "blob.<publicname>.store.core.windows.net",
            None,
            Status::Ok
        )
    );
    assert_eq!(r.overall, Status::Failure);
    assert_eq!(r.input.shape, InputShape::Commands);
    let servers: Vec<Option<&str>> = r
        .input
        .segments
        .iter()
        .filter_map(|s| match &s.why {
            Why::NslookupQuery { server, .. } => Some(server.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(
        servers,
        [
            None,
            Some("168.63.129.16"),
            Some("1.1.1.1"),
            Some("10.0.0.150"),
            Some("10.0.0.200"),
            Some("10.0.0.200")
        ]
    );
}

#[test]
fn run_command_json_reads_like_the_same_output_pasted_plainly() {
    let (plain, _) =
        run("corpus/pastes/P08-quoted-reply-then-unprompted-nslookup-login-msonline.txt");
    let (json, _) =
        run("corpus/pastes/P11-RECONSTRUCTED-az-vm-run-command-json-nslookup-login-msonline.txt");
    assert_eq!(checks(&json), checks(&plain));
    assert_eq!(
        checks(&json),
        [(
            Tool::Nslookup,
            "login.microsoftonline.com",
            None,
            Status::Ok
        )]
    );
    assert_eq!(json.input.kind, InputKind::LinuxConnectivityLog);
    assert!(json.agent.is_none(), "the JSON frame is not agent status");
    assert!(json
        .input
        .wrappers
        .iter()
        .any(|p| p.wrapper == Wrapper::RunCommandJson));
    // The answer lines all sit in the JSON's one `message` line.
    assert_eq!(
        json.checks[0].evidence.iter().map(|e| e.line).max(),
        Some(8)
    );
}

#[test]
fn prompts_a_nas_shell_and_a_directory_name_are_read() {
    let (r, _) = run("corpus/pastes/P02-FRAGMENT-qnap-root-prompt-nslookup-blob-then-ping.txt");
    assert_eq!(
        checks(&r),
        [(
            Tool::Nslookup,
            "mystore123.blob.core.windows.net",
            None,
            Status::Ok
        )]
    );
    let (r, _) = run("corpus/pastes/P10-dir-prompt-nslookup-shell-variable-blob-public-cname.txt");
    assert_eq!(
        checks(&r),
        [(
            Tool::Nslookup,
            "vwan21spoke3sa56e2.blob.core.windows.net",
            None,
            Status::Ok
        )]
    );
}

#[test]
fn an_extension_error_yields_the_curl_failure_under_its_stderr_frame() {
    for file in [
        "P12-extension-error-stdout-stderr-curl7-old-wording.txt",
        "P13-FRAGMENT-extension-error-stderr-meter-then-bold-curl28.txt",
    ] {
        let (r, _) = run(&format!("corpus/pastes/{file}"));
        assert_eq!(
            checks(&r),
            [(
                Tool::Curl,
                "packages.microsoft.com",
                Some(443),
                Status::Failure
            )],
            "{file}"
        );
        assert_eq!(r.overall, Status::Failure, "{file}");
    }
}

#[test]
fn agent_output_and_a_curl_in_one_paste_give_an_agent_section_and_a_check() {
    let (r, _) = run("fixtures/pastes/agent-version-and-curl.txt");
    let kinds: Vec<SegmentKind> = r.input.segments.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SegmentKind::AgentStatus, SegmentKind::Command]);
    let agent = r.agent.as_ref().expect("agent section");
    assert_eq!(agent.version.as_deref(), Some("2.9.1.1"));
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.input.segments[1].check, Some(0));
    assert_eq!(r.overall, Status::Failure);
}

#[test]
fn agent_pastes_stay_agent_status_with_the_destinations_their_logs_name() {
    for (file, want) in [
        (
            "P16-FRAGMENT-systemctl-status-waagent-prompt-activating-auto-restart.txt",
            vec![],
        ),
        (
            "P17-FRAGMENT-agent-version-prose-and-log-hostgaplugin-32526-timeout.txt",
            vec![(
                Tool::AgentLog,
                "168.63.129.16",
                Some(32526),
                Status::Failure,
            )],
        ),
        (
            "P18-FRAGMENT-waagent-log-wireserver-503-goalstate.txt",
            vec![(Tool::AgentLog, "168.63.129.16", Some(80), Status::Failure)],
        ),
        (
            "P07-fenced-curl-v-imds-through-local-proxy-400.txt",
            vec![(Tool::Curl, "169.254.169.254", Some(80), Status::Failure)],
        ),
    ] {
        let (r, _) = run(&format!("corpus/pastes/{file}"));
        assert_eq!(r.input.kind, InputKind::AgentStatus, "{file}");
        assert_eq!(checks(&r), want, "{file}");
        assert_eq!(r.overall, Status::Failure, "{file}");
    }
    // P17's versions are prose; the goal-state one is the agent's.
    let (r, _) = run(
        "corpus/pastes/P17-FRAGMENT-agent-version-prose-and-log-hostgaplugin-32526-timeout.txt",
    );
    let agent = r.agent.as_ref().expect("agent section");
    assert_eq!(agent.version.as_deref(), Some("2.2.41"));
    assert_eq!(agent.version_supported, Some(false));
    // P07: the answer came from the proxy, not from IMDS.
    let (r, _) = run("corpus/pastes/P07-fenced-curl-v-imds-through-local-proxy-400.txt");
    assert_eq!(r.checks[0].code, Code::AGENT_ENDPOINT_VIA_PROXY);
}

#[test]
fn apt_and_yum_errors_in_a_paste_are_checks_of_each_repository() {
    let (r, _) =
        run("corpus/pastes/P14-apt-470-firewall-tls-not-terminated-with-stderr-marker.txt");
    assert_eq!(
        checks(&r),
        [
            (
                Tool::Apt,
                "azure.archive.ubuntu.com",
                Some(80),
                Status::Failure
            ),
            (
                Tool::Apt,
                "packages.microsoft.com",
                Some(443),
                Status::Failure
            ),
            (Tool::Apt, "security.ubuntu.com", Some(80), Status::Failure),
        ]
    );
    let codes: Vec<Code> = r.checks.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        [
            Code::HTTP_BLOCKED_ON_PATH,
            Code::TLS_HANDSHAKE_FAILED,
            Code::HTTP_BLOCKED_ON_PATH
        ]
    );
    let (r, _) = run("corpus/pastes/P15-yum-rhui-errors-in-markdown-quotes-with-escapes.txt");
    assert_eq!(
        checks(&r),
        [
            (
                Tool::Yum,
                "rhui-3.microsoft.com",
                Some(443),
                Status::Failure
            ),
            (
                Tool::Yum,
                "rhui4-1.microsoft.com",
                Some(443),
                Status::Failure
            ),
            (
                Tool::Dnf,
                "rhui-1.microsoft.com",
                Some(443),
                Status::Failure
            ),
            (
                Tool::Yum,
                "rhui-3.microsoft.com",
                Some(443),
                Status::Failure
            ),
        ]
    );
    let codes: Vec<Code> = r.checks.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        [
            Code::HTTPS_TIMEOUT,
            Code::TLS_HANDSHAKE_FAILED,
            Code::HTTPS_TIMEOUT,
            Code::HTTPS_TIMEOUT
        ]
    );
}

/// The README's failures: whatever else the reading gets, none of these may show as OK.
#[test]
fn no_corpus_paste_with_a_failure_reads_as_ok() {
    for file in [
        "P01-nslookup-interactive-server-switch-private-endpoint-nxdomain.txt",
        "P07-fenced-curl-v-imds-through-local-proxy-400.txt",
        "P12-extension-error-stdout-stderr-curl7-old-wording.txt",
        "P13-FRAGMENT-extension-error-stderr-meter-then-bold-curl28.txt",
        "P14-apt-470-firewall-tls-not-terminated-with-stderr-marker.txt",
        "P15-yum-rhui-errors-in-markdown-quotes-with-escapes.txt",
        "P16-FRAGMENT-systemctl-status-waagent-prompt-activating-auto-restart.txt",
        "P17-FRAGMENT-agent-version-prose-and-log-hostgaplugin-32526-timeout.txt",
        "P18-FRAGMENT-waagent-log-wireserver-503-goalstate.txt",
    ] {
        let (r, _) = run(&format!("corpus/pastes/{file}"));
        assert_ne!(r.overall, Status::Ok, "{file}");
    }
    // Cut while still trying, or through a proxy's CONNECT: never a failure of the destination.
    for file in [
        "P05-FRAGMENT-curl-v-login-msonline-ipv6-immediate-connect-fail.txt",
        "P06-FRAGMENT-root-timestamp-prompt-curl-v-proxy-connect-200.txt",
    ] {
        let (r, _) = run(&format!("corpus/pastes/{file}"));
        assert!(
            !matches!(r.overall, Status::Ok | Status::Failure),
            "{file}: {:?}",
            r.overall
        );
    }
}

#[test]
fn choosing_linux_on_a_json_paste_reads_the_unwrapped_output() {
    let bytes = std::fs::read(root().join(
        "corpus/pastes/P11-RECONSTRUCTED-az-vm-run-command-json-nslookup-login-msonline.txt",
    ))
    .unwrap();
    let r = analyze(
        &bytes,
        &Options {
            kind: Some(InputKind::LinuxConnectivityLog),
            ..Options::default()
        },
    );
    assert_eq!(r.checks.len(), 1);
    assert_eq!(r.overall, Status::Ok);
    let r = analyze(
        &bytes,
        &Options {
            kind: Some(InputKind::AgentStatus),
            ..Options::default()
        },
    );
    assert!(r.input.overridden);
    assert!(matches!(
        r.input.why,
        Why::Chosen {
            kind: InputKind::AgentStatus,
            ..
        }
    ));
    assert_eq!(r.input.confidence, preflight_core::report::Confidence::Low);
}

/// The proxy a curl command names (`-x`) is the one the proxy finding names, and no finding
/// says `?` for a proxy, a server or a port it does not know.
#[test]
fn a_proxy_named_on_the_command_line_is_named_and_nothing_says_a_question_mark() {
    let (r, _) = run("fixtures/pastes/curl-x-proxy-407.txt");
    let md = preflight_core::render::markdown::render(&r, preflight_core::i18n::Lang::En);
    assert!(md.contains("through the proxy localhost:3128"), "{md}");
    let mut n = 0;
    for dir in [
        "fixtures/pastes",
        "fixtures/windows-forms",
        "corpus/pastes",
        "corpus/connectivity/tool-outputs",
        "corpus/connectivity/logs",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "tsv" || x == "md") {
                continue;
            }
            let rel = path
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let (r, _) = run(&rel);
            for lang in preflight_core::i18n::Lang::ALL {
                let json = preflight_core::render::json::to_string(&r, lang);
                for placeholder in ["(?)", "proxy ?", "from ?", "port ?"] {
                    assert!(!json.contains(placeholder), "{rel}: {placeholder}");
                }
            }
            n += 1;
        }
    }
    assert!(n >= 150, "{n} inputs");
}

/// The single-command fixtures (a prompt, one command, its output): their command and output.
fn single_commands() -> Vec<(String, Row, String, String)> {
    let mut out = Vec::new();
    for (file, rows) in expected() {
        let text = std::fs::read_to_string(root().join("fixtures/pastes").join(&file)).unwrap();
        // A session of this prompt is split at each prompt: one command each.
        const SESSION: &str = "azureuser@vm-ubuntu01:~$ ";
        let parts: Vec<String> = if text.starts_with(SESSION) {
            text.split(SESSION)
                .filter(|p| !p.is_empty())
                .map(|p| format!("{SESSION}{p}"))
                .collect()
        } else {
            vec![text.clone()]
        };
        if parts.len() != rows.len() {
            continue;
        }
        for (part, row) in parts.iter().zip(&rows) {
            out.extend(single_command(&file, row, part));
        }
    }
    out
}

fn single_command(file: &str, row: &Row, text: &str) -> Option<(String, Row, String, String)> {
    {
        let (first, output) = text.split_once('\n')?;
        // The command starts at its program's name (after whatever prompt).
        let program = row.0.as_str();
        let at = first.find(&format!("{program} "))?;
        if first.contains("run-command") || !first[..at].trim_end().ends_with(['$', '#', '>']) {
            return None;
        }
        Some((
            file.to_owned(),
            row.clone(),
            first[at..].trim().to_owned(),
            output.to_owned(),
        ))
    }
}

fn checks_of(bytes: &[u8]) -> Vec<Row> {
    analyze(bytes, &Options::default())
        .checks
        .iter()
        .map(|c| (c.tool.word().to_owned(), c.target.clone(), c.port, c.status))
        .collect()
}

/// Each single command, run through `az vm run-command invoke` instead of a terminal: the
/// JSON's message holds the output; the check is the same.
#[test]
fn every_single_command_reads_the_same_inside_run_command_json() {
    let all = single_commands();
    assert!(all.len() >= 12, "{} single commands", all.len());
    for (file, row, command, output) in all {
        let paste = common::run_command_json(Some(&command), &output);
        // The command alone, as typed: other checks of its fixture may change its status (a
        // proxy elsewhere makes nc's direct connection unproven), its own output cannot.
        let alone = checks_of(format!("$ {command}\n{output}").as_bytes());
        assert_eq!(
            alone.iter().map(|r| (&r.0, &r.1, r.2)).collect::<Vec<_>>(),
            vec![(&row.0, &row.1, row.2)],
            "{file}: {command}"
        );
        assert_eq!(
            checks_of(paste.as_bytes()),
            alone,
            "{file} in run-command JSON:\n{paste}"
        );
    }
}

/// All the single commands typed one after another in one terminal: one check each, in order.
#[test]
fn the_single_commands_typed_in_one_session_give_one_check_each() {
    let all = single_commands();
    let paste: String = all
        .iter()
        .map(|(_, _, command, output)| format!("user@vm:~$ {command}\n{output}"))
        .collect();
    let want: Vec<Row> = all.iter().map(|(_, row, _, _)| row.clone()).collect();
    let got = checks_of(paste.as_bytes());
    let place = |r: &Row| (r.0.clone(), r.1.clone(), r.2);
    assert_eq!(
        got.iter().map(place).collect::<Vec<_>>(),
        want.iter().map(place).collect::<Vec<_>>()
    );
    // Together the checks may change each other's status (a proxy makes nc's direct success
    // unproven), but a failure stays a failure and nothing becomes OK.
    for (g, w) in got.iter().zip(&want) {
        assert!(
            w.3 != Status::Failure || g.3 == Status::Failure,
            "{g:?} was {w:?}"
        );
        assert!(g.3 != Status::Ok || w.3 == Status::Ok, "{g:?} was {w:?}");
    }
}
