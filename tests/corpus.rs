//! The real-output corpus (`tests/corpus/`, copied byte-exact from the shared corpus) interpreted
//! as its README says. Each expectation cites the README's verdict; none may drift.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::report::{InputKind, InputShape, Report, Status, Tool};
use preflight_core::{analyze, Options};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(rel)
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(corpus(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

fn run(rel: &str) -> Report {
    analyze(
        &read(rel),
        &Options {
            name: rel.to_owned(),
            ..Options::default()
        },
    )
}

fn markers(r: &Report) -> Vec<usize> {
    r.checks.iter().filter_map(|c| c.marker).collect()
}

fn statuses(r: &Report, tool: Tool) -> Vec<Status> {
    r.checks
        .iter()
        .filter(|c| c.tool == tool)
        .map(|c| c.status)
        .collect()
}

#[test]
fn rhel_log_with_ncat_is_all_ok() {
    let r = run("connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log");
    assert_eq!(r.input.kind, InputKind::LinuxConnectivityLog);
    assert_eq!(r.input.shape, InputShape::FullLog);
    assert_eq!(r.input.lines, 313);
    assert_eq!(r.input.bytes, 12_116);
    assert_eq!(
        markers(&r),
        vec![
            46, 56, 63, 74, 79, 90, 99, 109, 119, 124, 129, 140, 153, 163, 173, 183, 188, 193, 198,
            209, 220, 233, 243, 253, 263, 268, 273, 278, 289, 300
        ]
    );
    assert_eq!(r.overall, Status::Ok);
    assert!(
        r.checks.iter().all(|c| c.status == Status::Ok),
        "{:?}",
        r.checks
            .iter()
            .map(|c| (c.target.as_str(), c.status))
            .collect::<Vec<_>>()
    );
    assert_eq!(r.machine.host.as_deref(), Some("vm-rhel-jpe01"));
    assert_eq!(
        r.machine.run_date.as_deref(),
        Some("Sun Nov 22 12:04:54 AM UTC 2026")
    );
    assert_eq!(r.machine.script_seconds, Some(2));
    assert!(r.machine.complete);
    assert!(r.machine.hostnamectl_unavailable);
    assert!(!r.proxy.detected());
    assert!(r.findings.iter().any(|f| f.code == Code::ALL_CHECKS_PASSED));
    assert_eq!(
        r.checks
            .iter()
            .filter(|c| c.flavor.as_deref() == Some("ncat"))
            .count(),
        11
    );
    // Azure's 400, 403 and 404 answers are reachability (rule D.5).
    let curl: Vec<String> = r
        .checks
        .iter()
        .filter(|c| c.tool == Tool::Curl)
        .map(|c| preflight_core::render::summary(c, preflight_core::i18n::Lang::En))
        .collect();
    assert!(curl.iter().any(|s| s.contains("HTTP 403")), "{curl:?}");
    assert_eq!(r.exit_code(), 0);
}

#[test]
fn proxy_407_log_fails_on_one_proxy_finding_and_nc_proves_nothing() {
    let r = run("connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log");
    assert_eq!(r.input.lines, 299);
    assert_eq!(
        markers(&r),
        vec![
            46, 56, 61, 72, 75, 86, 93, 103, 113, 116, 119, 131, 145, 155, 165, 175, 178, 181, 184,
            196, 208, 222, 232, 242, 252, 255, 258, 261, 273, 285
        ]
    );
    assert_eq!(r.overall, Status::Failure);
    assert_eq!(statuses(&r, Tool::Nslookup), vec![Status::Ok; 11]);
    assert_eq!(
        statuses(&r, Tool::Nc),
        vec![Status::Inconclusive; 11],
        "nc success under a proxy is never plain ok (D.8)"
    );
    assert_eq!(
        statuses(&r, Tool::Curl),
        vec![Status::Failure; 8],
        "a proxy's 407 is never ok (D.2-D.4)"
    );
    assert!(r
        .checks
        .iter()
        .filter(|c| c.tool == Tool::Curl)
        .all(|c| c.code == Code::PROXY_AUTH_REQUIRED));
    assert_eq!(
        r.proxy.https_proxy.as_deref(),
        Some("http://127.30.0.9:8080")
    );
    let first = &r.findings[0];
    assert_eq!(first.code, Code::PROXY_AUTH_REQUIRED);
    assert_eq!(first.checks.len(), 8, "eight 407s are one finding (D.16)");
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.code == Code::PROXY_AUTH_REQUIRED)
            .count(),
        1
    );
    assert!(first
        .evidence
        .iter()
        .any(|e| e.text.contains("CONNECT tunnel failed, response 407")));
    assert_eq!(r.exit_code(), 1);
}

#[test]
fn minimal_log_with_missing_tools_is_a_warning_with_install_hints() {
    let r = run("connectivity/logs/CheckNWResult_vm-minimal06_202611220005.log");
    assert_eq!(r.input.lines, 212);
    assert_eq!(
        markers(&r),
        vec![
            46, 49, 54, 57, 60, 63, 70, 73, 76, 79, 82, 93, 106, 109, 112, 115, 118, 121, 124, 135,
            146, 159, 162, 165, 168, 171, 174, 177, 188, 199
        ]
    );
    assert_eq!(r.overall, Status::Warning);
    assert_eq!(statuses(&r, Tool::Nslookup), vec![Status::Inconclusive; 11]);
    assert_eq!(statuses(&r, Tool::Nc), vec![Status::Inconclusive; 11]);
    assert_eq!(statuses(&r, Tool::Curl), vec![Status::Ok; 8]);
    let missing: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == Code::TOOL_MISSING)
        .collect();
    assert_eq!(missing.len(), 2, "one finding per missing command");
    let hints: String = missing
        .iter()
        .map(|f| preflight_core::render::words(f, preflight_core::i18n::Lang::En).next_step)
        .collect();
    for pkg in [
        "bind-utils",
        "bind9-dnsutils",
        "nmap-ncat",
        "netcat-openbsd",
    ] {
        assert!(
            hints.contains(pkg),
            "install hint for {pkg} missing: {hints}"
        );
    }
    assert_eq!(r.exit_code(), 0);
}

#[test]
fn dead_dns_log_is_one_dns_finding_for_all_thirty_checks() {
    let r = run("connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log");
    assert_eq!(r.input.lines, 208);
    assert_eq!(
        markers(&r),
        vec![
            46, 53, 58, 65, 68, 75, 82, 89, 96, 99, 102, 107, 114, 121, 128, 135, 138, 141, 144,
            149, 154, 161, 168, 175, 182, 185, 188, 191, 196, 201
        ]
    );
    assert_eq!(r.overall, Status::Failure);
    assert!(r.checks.iter().all(|c| c.status == Status::Failure));
    assert!(r
        .checks
        .iter()
        .filter(|c| c.tool == Tool::Nslookup)
        .all(|c| c.code == Code::DNS_TIMEOUT));
    assert!(
        r.checks
            .iter()
            .filter(|c| c.tool != Tool::Nslookup)
            .all(|c| c.code == Code::DNS_LOOKUP_FAILED),
        "nc/curl name errors are DNS, not ports (D.10)"
    );
    let failures: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity == preflight_core::report::Severity::Failure)
        .collect();
    assert_eq!(
        failures.len(),
        1,
        "one DNS finding, not 30 red lines: {:?}",
        failures.iter().map(|f| f.code).collect::<Vec<_>>()
    );
    assert_eq!(failures[0].code, Code::DNS_TIMEOUT);
    assert_eq!(failures[0].checks.len(), 30);
    assert_eq!(r.machine.script_seconds, Some(545));
    // The curl (6) glued to a CR-separated progress meter is found (D.6).
    assert!(r.checks.iter().filter(|c| c.tool == Tool::Curl).all(|c| c
        .evidence
        .iter()
        .any(|e| e.text.starts_with("curl: (6) Could not resolve host"))));
}

/// `(file, marker, status, code)`: every single-tool capture with the README's verdict.
const TOOL_OUTPUTS: &[(&str, &str, Status, Code)] = &[
    (
        "busybox-nslookup_ok.txt",
        "##TRY!! nslookup  pod01-rec2.jpe.backup.windowsazure.com ##",
        Status::Ok,
        Code::DNS_RESOLVED,
    ),
    (
        "curl_dns_servfail.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "curl_dns_timeout.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "curl_multi_address_first_refused_then_ok.txt",
        "##TRY!! curl -I https://login.windows.net ##",
        Status::Ok,
        Code::HTTPS_REACHABLE,
    ),
    (
        "curl_no-route_ja.txt",
        "##TRY!! curl -I https://weus2watcab01.blob.core.windows.net ##",
        Status::Failure,
        Code::TCP_CONNECT_FAILED,
    ),
    (
        "curl_no_nameserver_in_resolvconf.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "curl_nxdomain.txt",
        "##TRY!! curl -I https://pod01-manag1.jpx.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "curl_ok_403_storage.txt",
        "##TRY!! curl -I https://md-dlbrhcw4gn5r.z33.blob.storage.azure.net ##",
        Status::Ok,
        Code::HTTPS_REACHABLE,
    ),
    (
        "curl_ok_404_http2.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Ok,
        Code::HTTPS_REACHABLE,
    ),
    (
        "curl_proxy_allowed_via_filter_proxy_404.txt",
        "##TRY!! curl -I https://pod01-prot1.jpe.backup.windowsazure.com ##",
        Status::Ok,
        Code::HTTPS_REACHABLE,
    ),
    (
        "curl_proxy_denied_403.txt",
        "##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##",
        Status::Failure,
        Code::PROXY_DENIED,
    ),
    (
        "curl_proxy_ok_403_storage.txt",
        "##TRY!! curl -I https://md-dlbrhcw4gn5r.z33.blob.storage.azure.net ##",
        Status::Ok,
        Code::HTTPS_REACHABLE,
    ),
    (
        "curl_proxy_refused.txt",
        "##TRY!! curl -I https://login.microsoft.com ##",
        Status::Failure,
        Code::PROXY_UNREACHABLE,
    ),
    (
        "curl_proxy_unresolvable.txt",
        "##TRY!! curl -I https://login.microsoft.com ##",
        Status::Failure,
        Code::PROXY_UNRESOLVABLE,
    ),
    (
        "curl_refused.txt",
        "##TRY!! curl -I https://weus2watcab01.blob.core.windows.net ##",
        Status::Failure,
        Code::TCP_CONNECT_FAILED,
    ),
    (
        "curl_timeout_syn_dropped_kernel_default.txt",
        "##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "curl_tls_closed_after_accept.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::TLS_HANDSHAKE_FAILED,
    ),
    (
        "curl_tls_expired_cert.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::TLS_CERT_EXPIRED,
    ),
    (
        "curl_tls_reset_after_clienthello.txt",
        "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::TLS_RESET,
    ),
    (
        "nc-openbsd_admin-prohibited_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-openbsd_dns_port_unreachable.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "nc-openbsd_dns_servfail.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "nc-openbsd_dns_timeout.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "nc-openbsd_dns_timeout_ja.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "nc-openbsd_multi_address_first_refused_then_ok.txt",
        "##TRY!! nc -vz login.windows.net 443 ##",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "nc-openbsd_net-unreachable_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-openbsd_no-route_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-openbsd_no-route_443_ja.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-openbsd_ok_3260.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "nc-openbsd_pe-style_ip_literal_ok.txt",
        "nc -vz 127.20.2.21 443",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "nc-openbsd_pe_copy_paste_fullwidth_space.txt",
        "nc -vz  127.20.2.21\u{3000}443",
        Status::Failure,
        Code::NC_USAGE_ERROR,
    ),
    (
        "nc-openbsd_refused_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_REFUSED,
    ),
    (
        "nc-openbsd_timeout_3260_kernel_default.txt",
        "##TRY!! nc -vz pod01-rec2.jpw.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "nc-openbsd_timeout_443_kernel_default_ja.txt",
        "##TRY!! nc -vz ceuswatcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "nc-traditional_admin-prohibited_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-traditional_multi_address_first_refused.txt",
        "##TRY!! nc -vz login.windows.net 443 ##",
        Status::Failure,
        Code::TCP_REFUSED,
    ),
    (
        "nc-traditional_net-unreachable_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "nc-traditional_nxdomain.txt",
        "##TRY!! nc -vz pod01-rec2.jpx.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "nc-traditional_ok_443.txt",
        "##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "nc-traditional_timeout_443_kernel_default.txt",
        "##TRY!! nc -vz ceuswatcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "ncat_dns_servfail.txt",
        "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "ncat_multi_address_first_refused_then_ok.txt",
        "##TRY!! nc -vz login.windows.net 443 ##",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "ncat_net-unreachable_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "ncat_no-route_443_ja.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_UNREACHABLE,
    ),
    (
        "ncat_nxdomain.txt",
        "##TRY!! nc -vz pod01-rec2.jpx.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::DNS_LOOKUP_FAILED,
    ),
    (
        "ncat_ok_443.txt",
        "##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##",
        Status::Ok,
        Code::TCP_CONNECTED,
    ),
    (
        "ncat_refused_443.txt",
        "##TRY!! nc -vz weus2watcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_REFUSED,
    ),
    (
        "ncat_timeout_3260_own_10s.txt",
        "##TRY!! nc -vz pod01-rec2.jpw.backup.windowsazure.com 3260 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "ncat_timeout_443_own_10s.txt",
        "##TRY!! nc -vz ceuswatcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "ncat_timeout_kernel_before_own_10s.txt",
        "##TRY!! nc -vz ceuswatcab01.blob.core.windows.net 443 ##",
        Status::Failure,
        Code::TCP_TIMEOUT,
    ),
    (
        "nslookup_ok_authoritative_answer.txt",
        "##TRY!! nslookup  pod01-manag1.jpe.backup.windowsazure.com ##",
        Status::Ok,
        Code::DNS_RESOLVED,
    ),
    (
        "nslookup_ok_cname_chain.txt",
        "##TRY!! nslookup  pod01-rec2.jpe.backup.windowsazure.com ##",
        Status::Ok,
        Code::DNS_RESOLVED,
    ),
    (
        "nslookup_ok_multiple_addresses.txt",
        "##TRY!! nslookup  login.windows.net ##",
        Status::Ok,
        Code::DNS_RESOLVED,
    ),
    (
        "nslookup_ok_storage_cname.txt",
        "##TRY!! nslookup  ceuswatcab01.blob.core.windows.net ##",
        Status::Ok,
        Code::DNS_RESOLVED,
    ),
    (
        "nslookup_refused.txt",
        "##TRY!! nslookup  pod01-rec2.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_QUERY_REFUSED,
    ),
    (
        "nslookup_timeout_no_servers.txt",
        "##TRY!! nslookup  pod01-rec2.jpe.backup.windowsazure.com ##",
        Status::Failure,
        Code::DNS_TIMEOUT,
    ),
];

/// The code a check carries; a finding may group it under a root cause (3260 -> file recovery).
fn check_or_finding_code(r: &Report) -> Vec<Code> {
    r.checks
        .iter()
        .map(|c| c.code)
        .chain(r.findings.iter().map(|f| f.code))
        .collect()
}

#[test]
fn every_tool_output_file_is_in_the_table() {
    let dir = corpus("connectivity/tool-outputs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let listed: Vec<&str> = TOOL_OUTPUTS.iter().map(|t| t.0).collect();
    assert_eq!(names.len(), 56);
    for n in &names {
        assert!(listed.contains(&n.as_str()), "{n} has no expectation");
    }
}

#[test]
fn tool_outputs_pasted_alone_give_the_readme_verdict() {
    for &(file, _, status, code) in TOOL_OUTPUTS {
        let r = run(&format!("connectivity/tool-outputs/{file}"));
        assert_eq!(r.checks.len(), 1, "{file}: one check expected");
        assert_eq!(
            r.checks[0].status,
            status,
            "{file}: {:?}",
            preflight_core::render::summary(&r.checks[0], preflight_core::i18n::Lang::En)
        );
        assert_eq!(r.overall, status, "{file}");
        assert!(
            check_or_finding_code(&r).contains(&code),
            "{file}: expected {code}, got {:?}",
            check_or_finding_code(&r)
        );
    }
}

#[test]
fn tool_outputs_as_log_blocks_give_the_readme_verdict() {
    for &(file, marker, status, code) in TOOL_OUTPUTS {
        let mut bytes = format!("{marker}\n").into_bytes();
        bytes.extend(read(&format!("connectivity/tool-outputs/{file}")));
        bytes.push(b'\n');
        let r = analyze(&bytes, &Options::default());
        assert_eq!(r.input.shape, InputShape::Fragment, "{file}");
        assert_eq!(r.checks.len(), 1, "{file}");
        let c = &r.checks[0];
        assert_eq!(
            c.status,
            status,
            "{file}: {:?}",
            preflight_core::render::summary(c, preflight_core::i18n::Lang::En)
        );
        assert_eq!(c.marker, Some(1));
        assert!(
            check_or_finding_code(&r).contains(&code),
            "{file}: expected {code}, got {:?}",
            check_or_finding_code(&r)
        );
        assert!(c.lines.last() <= r.input.lines);
    }
}

#[test]
fn no_block_with_a_curl_error_is_ever_ok() {
    // Rule D.20's last sentence, over every corpus file in both forms.
    for &(file, marker, _, _) in TOOL_OUTPUTS {
        let raw = read(&format!("connectivity/tool-outputs/{file}"));
        let mut block = format!("{marker}\n").into_bytes();
        block.extend(&raw);
        for bytes in [raw.clone(), block] {
            let r = analyze(&bytes, &Options::default());
            for c in &r.checks {
                let has_error = c.evidence.iter().any(|e| e.text.contains("curl: ("));
                assert!(
                    !(has_error && c.status == Status::Ok),
                    "{file}: ok with a curl error"
                );
            }
        }
    }
}

#[test]
fn the_three_ways_a_full_log_is_split_agree_on_lines() {
    // Line numbers count LF only: a bare CR inside the meter never shifts a range (field guide §B.4).
    for log in [
        "CheckNWResult_vm-rhel-jpe01_202611220004.log",
        "CheckNWResult_vm-ubuntu-dns12_202611220016.log",
    ] {
        let bytes = read(&format!("connectivity/logs/{log}"));
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        let r = analyze(&bytes, &Options::default());
        assert_eq!(r.input.lines, lf, "{log}");
        let text = String::from_utf8_lossy(&bytes);
        for c in &r.checks {
            let marker_line = text.split('\n').nth(c.lines.first() - 1).unwrap_or("");
            assert!(
                marker_line.starts_with("##TRY!!"),
                "{log}: line {} is {marker_line:?}",
                c.lines.first()
            );
        }
    }
}

#[test]
fn a_blocked_3260_is_file_recovery_only() {
    for file in [
        "ncat_timeout_3260_own_10s.txt",
        "nc-openbsd_timeout_3260_kernel_default.txt",
    ] {
        let mut bytes = b"##TRY!! nc -vz pod01-rec2.jpw.backup.windowsazure.com 3260 ##\n".to_vec();
        bytes.extend(read(&format!("connectivity/tool-outputs/{file}")));
        let r = analyze(&bytes, &Options::default());
        let f = r
            .findings
            .iter()
            .find(|f| f.code == Code::FILE_RECOVERY_PORT_BLOCKED)
            .unwrap_or_else(|| panic!("{file}: no file-recovery finding"));
        assert_eq!(
            f.affects,
            vec![preflight_core::report::Scenario::FileRecovery]
        );
        assert!(f
            .unaffected
            .contains(&preflight_core::report::Scenario::VmBackup));
    }
}

fn fixture(rel: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    analyze(
        &std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}")),
        &Options::default(),
    )
}

#[test]
fn a_name_mismatch_on_an_ip_address_is_only_a_warning() {
    // Field guide §E.5 pitfall 2: `curl -I https://<private ip>` always fails the name check.
    let r = fixture("TLS_NAME_MISMATCH/curl_60_ip_literal_private_endpoint_style.txt");
    assert_eq!(r.checks[0].status, Status::Warning);
    let r = fixture("TLS_NAME_MISMATCH/curl_51_old_name_mismatch.txt");
    assert_eq!(
        r.checks[0].status,
        Status::Failure,
        "on an FQDN it is a failure"
    );
}

#[test]
fn a_blocked_3260_behind_a_proxy_still_blocks_file_recovery() {
    let r = fixture("FILE_RECOVERY_PORT_BLOCKED/proxy_env_3260_timeout_is_still_blocked.txt");
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::FILE_RECOVERY_PORT_BLOCKED)
        .expect("file-recovery finding");
    assert_eq!(f.checks.len(), 2);
    let nc_443: Vec<Status> = r
        .checks
        .iter()
        .filter(|c| c.tool == Tool::Nc && c.port == Some(443))
        .map(|c| c.status)
        .collect();
    assert!(
        nc_443.iter().all(|s| *s == Status::Inconclusive),
        "443 nc stays unproven behind the proxy"
    );
}
