//! Renderings as a user reads them, one snapshot per corpus log, format and language.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use preflight_core::i18n::Lang;
use preflight_core::render::{json, markdown, text};
use preflight_core::{analyze, Options};

fn report_for(path: &std::path::Path) -> preflight_core::report::Report {
    let bytes = std::fs::read(path).unwrap_or_default();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_owned();
    analyze(
        &bytes,
        &Options {
            name,
            ..Options::default()
        },
    )
}

#[test]
fn text_rendering_of_each_corpus_log() {
    insta::glob!("corpus/connectivity/logs", "*.log", |path| {
        let r = report_for(path);
        insta::assert_snapshot!(
            "text_en",
            text::render(&r, Lang::En, text::Style { color: false })
        );
        insta::assert_snapshot!(
            "text_ja",
            text::render(&r, Lang::Ja, text::Style { color: false })
        );
    });
}

#[test]
fn markdown_rendering_of_each_corpus_log() {
    insta::glob!("corpus/connectivity/logs", "*.log", |path| {
        let r = report_for(path);
        insta::assert_snapshot!("markdown_en", markdown::render(&r, Lang::En));
        insta::assert_snapshot!("markdown_ja", markdown::render(&r, Lang::Ja));
    });
}

#[test]
fn json_contract_of_the_proxy_log() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
    );
    let r = report_for(&path);
    // What `preflight analyze -f json` prints, without its final newline.
    insta::assert_snapshot!("json_proxy_407", json::to_string(&r, r.lang).trim_end());
}

#[test]
fn text_rendering_of_each_tool_output() {
    insta::glob!("corpus/connectivity/tool-outputs", "*.txt", |path| {
        let r = report_for(path);
        insta::assert_snapshot!(
            "tool_text_en",
            text::render(&r, Lang::En, text::Style { color: false })
        );
    });
}

#[test]
fn renderings_of_each_agent_status_paste() {
    insta::glob!("corpus/agent-status", "*", |path| {
        let r = report_for(path);
        insta::assert_snapshot!(
            "agent_text_en",
            text::render(&r, Lang::En, text::Style { color: false })
        );
        insta::assert_snapshot!(
            "agent_text_ja",
            text::render(&r, Lang::Ja, text::Style { color: false })
        );
        insta::assert_snapshot!("agent_markdown_en", markdown::render(&r, Lang::En));
    });
}

#[test]
fn renderings_of_each_windows_sample() {
    insta::glob!("corpus/windows", "*", |path| {
        text_and_markdown("windows", &report_for(path));
    });
}

/// A report's text and Markdown in both languages, as `{prefix}_text_en` … `{prefix}_markdown_ja`.
fn text_and_markdown(prefix: &str, r: &preflight_core::report::Report) {
    for lang in [Lang::En, Lang::Ja] {
        let suffix = if lang == Lang::En { "en" } else { "ja" };
        insta::assert_snapshot!(
            format!("{prefix}_text_{suffix}"),
            text::render(r, lang, text::Style { color: false })
        );
        insta::assert_snapshot!(
            format!("{prefix}_markdown_{suffix}"),
            markdown::render(r, lang)
        );
    }
}

/// Windows' nslookup and Resolve-DnsName, one answer and one failure each, in both languages.
#[test]
fn renderings_of_windows_dns_outputs() {
    insta::glob!(
        "fixtures/windows-forms",
        "{nslookup-nxdomain-ja,nslookup-ptr-timeout-en,resolve-dnsname-name-error-en,resolve-dnsname-resolved-en}.txt",
        |path| text_and_markdown("windows_dns", &report_for(path))
    );
}

#[test]
fn combined_rendering_of_a_log_and_an_appliance() {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let log =
        std::fs::read(base.join("connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log"))
            .unwrap_or_default();
    let agent =
        std::fs::read(base.join(
            "agent-status/26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
        ))
        .unwrap_or_default();
    let b = preflight_core::analyze_many(
        &[
            (
                &log,
                "CheckNWResult_vm-rhel-jpe01_202611220004.log".to_owned(),
            ),
            (&agent, "instance-view.json".to_owned()),
        ],
        &Options::default(),
    );
    insta::assert_snapshot!(
        "combined_text_en",
        text::render_bundle(&b, Lang::En, text::Style { color: false })
    );
    insta::assert_snapshot!(
        "combined_markdown_ja",
        markdown::render_bundle(&b, Lang::Ja)
    );
}

/// The banner's sentence for one, two and many checks, passed, failed, some failed, and
/// needing attention, in both languages: no "1 of 1 checks", no "0 of 1 need attention".
#[test]
fn summaries_for_one_two_and_many_checks() {
    let ok = |i: usize| {
        format!("$ nc -vz sa{i}.blob.core.windows.net 443\nConnection to sa{i}.blob.core.windows.net (20.60.1.{i}) 443 port [tcp/https] succeeded!\n")
    };
    let failed = |i: usize| {
        format!("$ nc -vz sb{i}.blob.core.windows.net 443\nnc: connect to sb{i}.blob.core.windows.net (20.60.2.{i}) port 443 (tcp) failed: Connection refused\n")
    };
    let unread =
        |i: usize| format!("$ nc -vz sc{i}.blob.core.windows.net 443\nsomething nc never prints\n");
    let cases: Vec<(&str, String)> = vec![
        ("1 passed", ok(1)),
        ("2 passed", ok(1) + &ok(2)),
        ("5 passed", (1..=5).map(ok).collect()),
        ("1 failed", failed(1)),
        ("2 of 2 failed", failed(1) + &failed(2)),
        ("1 of 2 failed", ok(1) + &failed(2)),
        (
            "2 of 5 failed",
            (1..=3).map(ok).chain((1..=2).map(failed)).collect(),
        ),
        ("1 unread of 2", ok(1) + &unread(1)),
        (
            "2 unread of 5",
            (1..=3).map(ok).chain((1..=2).map(unread)).collect(),
        ),
        ("1 unread", unread(1)),
    ];
    let mut out = String::new();
    for (label, paste) in cases {
        let r = preflight_core::analyze(paste.as_bytes(), &preflight_core::Options::default());
        out.push_str(&format!(
            "{label} ({:?}):\n  en: {}\n  ja: {}\n",
            r.overall,
            r.summary.get(Lang::En),
            r.summary.get(Lang::Ja)
        ));
    }
    insta::assert_snapshot!("summaries_for_counts", out);
}
