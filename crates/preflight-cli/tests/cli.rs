//! The `preflight` binary's contract: formats, languages, colours and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const LOGS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/corpus/connectivity/logs/"
);

fn preflight(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preflight"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn preflight");
    if let Some(input) = stdin {
        // A program that stops before reading (a usage error) closes the pipe: not a failure.
        match child.stdin.take().expect("stdin").write_all(input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
            _ => {}
        }
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("wait")
}

fn log(name: &str) -> String {
    format!("{LOGS}{name}")
}

#[test]
fn all_ok_log_exits_zero_and_says_ok() {
    let out = preflight(
        &[
            "analyze",
            &log("CheckNWResult_vm-rhel-jpe01_202611220004.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("✔ OK") && s.contains("All 30 checks passed."),
        "{s}"
    );
    assert!(
        !s.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn proxy_407_log_exits_one() {
    let out = preflight(
        &[
            "analyze",
            &log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PROXY_AUTH_REQUIRED"));
}

#[test]
fn missing_tools_log_is_a_warning_and_exits_zero() {
    let out = preflight(
        &[
            "analyze",
            &log("CheckNWResult_vm-minimal06_202611220005.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("WARNING"));
}

#[test]
fn json_has_the_contract_fields() {
    let out = preflight(
        &[
            "analyze",
            "--format",
            "json",
            &log("CheckNWResult_vm-ubuntu-dns12_202611220016.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema"], "preflight-report/1");
    assert_eq!(
        v["input"]["name"],
        "CheckNWResult_vm-ubuntu-dns12_202611220016.log"
    );
    assert_eq!(v["input"]["bytes"], 22_145);
    assert_eq!(v["input"]["encoding"], "utf-8");
    assert_eq!(v["input"]["kind"], "linux-connectivity-log");
    assert_eq!(v["overall"], "failure");
    let checks = v["checks"].as_array().expect("checks");
    assert_eq!(checks.len(), 30);
    let first = &checks[0];
    assert_eq!(first["tool"], "nslookup");
    assert_eq!(first["target"], "download.microsoft.com");
    assert!(first["port"].is_null());
    assert_eq!(first["status"], "failure");
    assert_eq!(first["code"], "DNS_TIMEOUT");
    assert_eq!(first["lines"], serde_json::json!([46, 50]));
    assert_eq!(checks[1]["port"], 443);
    let f = &v["findings"][0];
    for key in ["code", "severity", "title", "message", "checks"] {
        assert!(!f[key].is_null(), "finding lacks {key}");
    }
    assert_eq!(f["severity"], "failure");
}

#[test]
fn markdown_and_japanese_render_the_same_report() {
    let out = preflight(
        &[
            "analyze",
            "-f",
            "markdown",
            "--lang",
            "ja",
            &log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("## Azure Backup 疎通確認: ✖ 失敗"), "{s}");
    assert!(s.contains("プロキシが認証を要求しています (407)"));
    assert!(s.contains("| サービス | 宛先 | DNS | TCP | HTTPS |"));
}

#[test]
fn a_pasted_fragment_on_stdin_is_analysed() {
    let frag = b"##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##\nNcat: Version 7.50 ( https://nmap.org/ncat )\nNcat: Connected to 20.191.166.134:443.\nNcat: 0 bytes sent, 0 bytes received in 0.06 seconds.\n";
    let out = preflight(&["analyze", "-", "--format", "json"], Some(frag), &[]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["input"]["name"], "<stdin>");
    assert_eq!(v["checks"][0]["status"], "ok");
    assert_eq!(v["checks"][0]["code"], "TCP_CONNECTED");
}

#[test]
fn something_that_is_not_a_log_exits_three() {
    let out = preflight(
        &["analyze", "-"],
        Some(b"Dear team,\nplease find the screenshot attached.\n"),
        &[],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("INPUT_NOT_RECOGNISED"));
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_two() {
    let out = preflight(&["analyze", "/nonexistent/CheckNWResult_x.log"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("preflight: cannot read '/nonexistent/CheckNWResult_x.log'"),
        "{err}"
    );
}

#[test]
fn a_bad_flag_is_a_usage_error_with_exit_two() {
    let out = preflight(&["analyze", "--format", "xml"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_both_languages() {
    let out = preflight(&["explain", "proxy_auth_required"], None, &[]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("## PROXY_AUTH_REQUIRED") && s.contains("プロキシが認証を要求しています"));
    let out = preflight(&["explain", "NOPE"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn several_files_give_the_worst_exit_code_and_a_bundle() {
    let out = preflight(
        &[
            "analyze",
            "-f",
            "json",
            &log("CheckNWResult_vm-rhel-jpe01_202611220004.log"),
            &log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["schema"], "preflight-bundle/1");
    assert_eq!(v["reports"].as_array().map(|a| a.len()), Some(2));
    assert!(v["combined"]["scenarios"].is_array());
}

#[test]
fn redact_replaces_names_in_every_format_and_language_and_keeps_the_exit_code() {
    let file = log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log");
    let plain = preflight(&["analyze", "-f", "json", &file], None, &[]);
    for format in ["text", "json", "markdown"] {
        for lang in ["en", "ja"] {
            let out = preflight(
                &["analyze", "--redact", "-f", format, "-l", lang, &file],
                None,
                &[],
            );
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), plain.status.code(), "{format} {lang}");
            assert!(
                !text.contains("vm-ubuntu-proxy03"),
                "{format} {lang}: {text}"
            );
            assert!(text.contains("host-1"), "{format} {lang}");
            assert!(text.contains("proxy-1"), "{format} {lang}");
        }
    }
}

#[test]
fn planted_secrets_stay_out_of_every_format_with_and_without_redact() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/INPUT_CREDENTIALS_MASKED"
    );
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for format in ["text", "json", "markdown"] {
        for lang in ["en", "ja"] {
            for redact in [false, true] {
                let mut args = vec!["analyze", "-f", format, "-l", lang];
                if redact {
                    args.push("--redact");
                }
                args.extend(files.iter().map(String::as_str));
                let out = preflight(&args, None, &[]);
                let all = [out.stdout, out.stderr].concat();
                assert!(
                    !String::from_utf8_lossy(&all).contains("PLANTED"),
                    "{format} {lang} redact={redact}"
                );
            }
        }
    }
}

const COMPARE_AFTER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/compare/CheckNWResult_vm-ubuntu-proxy03_202611220130.log"
);

#[test]
fn compare_exits_one_while_a_destination_still_fails_and_prints_the_schema() {
    let before = log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log");
    let out = preflight(
        &["compare", &before, COMPARE_AFTER, "-f", "json"],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "preflight-compare/1");
    assert_eq!(v["same_machine"], true);
    assert_eq!(v["before"]["host"], "vm-ubuntu-proxy03");
    let changes = v["changes"].as_array().unwrap();
    let count = |k: &str| changes.iter().filter(|c| c["change"] == k).count();
    assert_eq!(
        (count("fixed"), count("still_failing"), count("broken")),
        (7, 1, 0)
    );
    let still = changes
        .iter()
        .find(|c| c["change"] == "still_failing")
        .unwrap();
    assert_eq!(
        (
            &still["tool"],
            &still["target"],
            &still["port"],
            &still["before"],
            &still["after"]
        ),
        (
            &serde_json::json!("curl"),
            &serde_json::json!("login.windows.net"),
            &serde_json::json!(443),
            &serde_json::json!("failure"),
            &serde_json::json!("failure")
        )
    );
}

#[test]
fn compare_of_a_passing_run_with_itself_exits_zero_in_text_and_markdown() {
    let ok = log("CheckNWResult_vm-rhel-jpe01_202611220004.log");
    for (format, lead) in [
        ("text", "Preflight comparison"),
        ("markdown", "### Preflight comparison"),
    ] {
        let out = preflight(&["compare", &ok, &ok, "-f", format], None, &[]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(lead), "{text}");
        assert!(
            text.contains("After the change: nothing that both runs tested failed before."),
            "{text}"
        );
    }
}

#[test]
fn compare_in_japanese_and_a_missing_file_is_a_usage_error() {
    let before = log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log");
    let out = preflight(
        &["compare", &before, COMPARE_AFTER, "--lang", "ja"],
        None,
        &[],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("8 件中 7 件の失敗が解消しました"), "{text}");
    let out = preflight(&["compare", &before, "/nonexistent/after.log"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn jsonl_walks_folders_and_prints_one_report_per_file_in_order() {
    let dir = std::env::temp_dir().join(format!("preflight-jsonl-{}", std::process::id()));
    let sub = dir.join("b-later");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(
        log("CheckNWResult_vm-rhel-jpe01_202611220004.log"),
        dir.join("a-ok.log"),
    )
    .unwrap();
    std::fs::copy(
        log("CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
        sub.join("proxy.log"),
    )
    .unwrap();
    std::fs::write(sub.join("paste.txt"), "$ nc -vz x.blob.core.windows.net 443\nnc: connect to x.blob.core.windows.net port 443 (tcp) timed out: Operation now in progress\n").unwrap();
    let out = preflight(
        &["analyze", "-f", "jsonl", dir.to_str().unwrap()],
        None,
        &[],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<String> = lines
        .iter()
        .map(|r| {
            let n = r["input"]["name"].as_str().unwrap();
            n.rsplit(['/', '\\']).next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(names, ["a-ok.log", "paste.txt", "proxy.log"]);
    assert!(lines.iter().all(|r| r["schema"] == "preflight-report/1"));
    let overall: Vec<&str> = lines
        .iter()
        .map(|r| r["overall"].as_str().unwrap())
        .collect();
    assert_eq!(overall, ["ok", "failure", "failure"]);
    // Each file is its own case: a failure anywhere exits 1, and no combined verdict is printed.
    assert_eq!(out.status.code(), Some(1));
    assert!(!text.contains("\"combined\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_needs_files_and_reads_a_passing_file_with_exit_zero() {
    let out = preflight(&["analyze", "-f", "jsonl", "-"], Some(b"x"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let ok = log("CheckNWResult_vm-rhel-jpe01_202611220004.log");
    let out = preflight(&["analyze", "-f", "jsonl", &ok, &ok], None, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[test]
fn jsonl_on_the_corpus_folder_gives_each_file_its_own_report_and_sums_them_up() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/connectivity"
    );
    let out = preflight(&["analyze", "-f", "jsonl", dir], None, &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            files.push(p);
        }
    }
    assert_eq!(lines.len(), files.len());
    assert!(lines.len() >= 20, "{} files", lines.len());
    // Each line is the file's own report, as `analyze -f json` gives it alone.
    let mut failures = 0;
    for line in &lines {
        let name = line["input"]["name"].as_str().unwrap();
        let alone = preflight(&["analyze", "-f", "json", name], None, &[]);
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(line["overall"], alone["overall"], "{name}");
        assert_eq!(line["checks"], alone["checks"], "{name}");
        failures += usize::from(line["overall"] == "failure");
    }
    assert_eq!(out.status.code(), Some(1));
    // The summary on stderr: every file counted once, the failures among them.
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{} files: ✖ Failure {failures} ·", lines.len())),
        "{first}"
    );
    assert!(err.contains("Top finding codes: "), "{err}");
}
