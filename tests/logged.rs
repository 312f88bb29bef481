//! Network errors that tools and agents logged, read as checks of the destinations they name:
//! apt, yum, dnf, the Linux agent's waagent.log and libcurl's errors quoted by applications.
//!
//! Every fixture in `tests/fixtures/logged/` (checks in `EXPECTED.tsv`) is read alone, after a
//! prompt with the command that printed it, inside `az vm run-command` JSON, and with all the
//! others in one terminal paste; each form must give the same checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::report::{Report, Status};
use preflight_core::{analyze, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

/// One expected check: tool, target, port, status, code.
type Row = (String, String, Option<u16>, Status, Code);

fn status(word: &str) -> Status {
    match word {
        "ok" => Status::Ok,
        "failure" => Status::Failure,
        "warning" => Status::Warning,
        _ => Status::Inconclusive,
    }
}

/// `(file, its text, its checks)` from `EXPECTED.tsv`, in file order.
fn fixtures() -> Vec<(String, String, Vec<Row>)> {
    let dir = root().join("fixtures/logged");
    let tsv = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut out: Vec<(String, String, Vec<Row>)> = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let row = (
            f[1].to_owned(),
            f[2].to_owned(),
            f[3].parse().ok(),
            status(f[4]),
            f[5].parse().unwrap(),
        );
        match out.last_mut() {
            Some((file, _, rows)) if file == f[0] => rows.push(row),
            _ => {
                let text = std::fs::read_to_string(dir.join(f[0])).unwrap();
                out.push((f[0].to_owned(), text, vec![row]));
            }
        }
    }
    out
}

fn checks(r: &Report) -> Vec<Row> {
    r.checks
        .iter()
        .map(|c| {
            (
                c.tool.word().to_owned(),
                c.target.clone(),
                c.port,
                c.status,
                c.code,
            )
        })
        .collect()
}

fn read(text: &str) -> Report {
    analyze(text.as_bytes(), &Options::default())
}

/// The command a person runs to print each tool's errors.
fn command(tool: &str) -> &'static str {
    match tool {
        "apt" => "sudo apt-get update",
        "yum" => "sudo yum makecache",
        "dnf" => "sudo dnf makecache",
        "waagent-log" => "sudo tail -n 20 /var/log/waagent.log",
        _ => "tail -n 1 storage/logs/laravel.log",
    }
}

fn after_prompt(tool: &str, text: &str) -> String {
    format!("azureuser@vm-01:~$ {}\n{text}", command(tool))
}

fn in_run_command_json(tool: &str, text: &str) -> String {
    common::run_command_json(Some(command(tool)), text)
}

#[test]
fn every_logged_error_is_a_check_of_the_destination_it_names() {
    let all = fixtures();
    assert!(all.len() >= 12, "{} fixtures", all.len());
    for (file, text, rows) in &all {
        let r = read(text);
        assert_eq!(&checks(&r), rows, "{file}");
        // A failure the tool logged is never an OK run.
        if rows.iter().any(|r| r.3 == Status::Failure) {
            assert_eq!(r.overall, Status::Failure, "{file}");
        }
    }
}

#[test]
fn a_prompt_or_run_command_json_around_a_log_changes_no_check() {
    for (file, text, rows) in fixtures() {
        let tool = rows[0].0.as_str();
        let prompted = read(&after_prompt(tool, &text));
        assert_eq!(checks(&prompted), rows, "{file} after a prompt");
        let json = in_run_command_json(tool, &text);
        assert_eq!(
            checks(&read(&json)),
            rows,
            "{file} in run-command JSON:\n{json}"
        );
    }
}

#[test]
fn all_the_logs_in_one_terminal_paste_give_every_check_in_order() {
    let all = fixtures();
    let paste: String = all
        .iter()
        .map(|(_, text, rows)| after_prompt(&rows[0].0, text))
        .collect();
    let want: Vec<Row> = all.iter().flat_map(|(_, _, rows)| rows.clone()).collect();
    assert_eq!(checks(&read(&paste)), want);
}

#[test]
fn the_same_destination_in_two_quoted_outputs_is_two_checks_and_never_a_retest() {
    let text = "> https://rhui-3.microsoft.com/x/repomd.xml: [Errno 14] curl#56 - \"Network error recv()\"\n\n\
                > https://rhui-3.microsoft.com/x/repomd.xml: [Errno 14] curl#7 - \"Failed connect to rhui-3.microsoft.com:443; Connection timed out\"\n";
    let r = read(text);
    let got: Vec<(Status, Code)> = r.checks.iter().map(|c| (c.status, c.code)).collect();
    assert_eq!(
        got,
        [
            (Status::Failure, Code::CURL_ERROR),
            (Status::Failure, Code::TCP_TIMEOUT)
        ]
    );
}

#[test]
fn a_wireserver_error_in_the_agent_log_is_a_check_and_the_agent_finding() {
    let text =
        std::fs::read_to_string(root().join("fixtures/logged/waagent-log-errno-110-goalstate.txt"))
            .unwrap();
    let r = read(&text);
    let agent = r.agent.as_ref().expect("agent section");
    assert_eq!(agent.wireserver.as_ref().map(|w| w.reachable), Some(false));
    let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::WIRESERVER_UNREACHABLE), "{codes:?}");
    // The check's timeout is the WireServer finding, not a second one of its own.
    assert!(!codes.contains(&Code::TCP_TIMEOUT), "{codes:?}");
    assert!(!codes.contains(&Code::VM_BACKUP_NOT_TESTED), "{codes:?}");
}
