//! The hostile corpus (`tests/hostile/make_corpus.py`, generated at test time, never committed):
//! empty, binary, re-encoded, re-line-ended, huge, truncated, reordered, hand-edited, coloured
//! and HTML-laden inputs. Each gets a specific message or a correct report; none panics, none
//! hangs, none shows a false `ok`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use preflight_core::i18n::Lang;
use preflight_core::report::{Report, Status};
use preflight_core::{analyze, render, Options};

/// Writes the corpus once per test run: tests run in parallel, and one rewriting the files
/// while another reads them would make both flaky.
fn corpus() -> PathBuf {
    static CORPUS: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
            let script =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/make_corpus.py");
            let status = Command::new("python3")
                .arg(&script)
                .arg(&out)
                .status()
                .expect("python3 runs the generator");
            assert!(status.success(), "make_corpus.py failed");
            out
        })
        .clone()
}

fn codes(r: &Report) -> Vec<String> {
    r.checks
        .iter()
        .map(|c| c.code.to_string())
        .chain(r.findings.iter().map(|f| f.code.to_string()))
        .collect()
}

fn statuses(r: &Report) -> Vec<(String, Option<u16>, Status)> {
    r.checks
        .iter()
        .map(|c| (c.target.clone(), c.port, c.status))
        .collect()
}

#[test]
fn every_hostile_input_gets_a_specific_answer_and_never_a_false_ok() {
    let dir = corpus();
    let table = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let logs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/connectivity/logs");
    let mut problems = Vec::new();
    let mut n = 0;
    for line in table.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (name, kind, overall, code, same_as) = (f[0], f[1], f[2], f[3], f[4]);
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let start = Instant::now();
        let r = analyze(
            &bytes,
            &Options {
                name: name.to_owned(),
                ..Options::default()
            },
        );
        let took = start.elapsed();
        n += 1;
        // Whatever the text holds (control characters, quotes, bidi), the JSON reads back.
        if bytes.len() < 1 << 20
            && serde_json::from_str::<serde_json::Value>(&render::json::to_string(&r, r.lang))
                .is_err()
        {
            problems.push(format!("{name}: the JSON does not parse"));
        }
        // A generous bound: the point is "never hangs", the speed budget lives in BENCHMARKS.md.
        if took > Duration::from_secs(20) {
            problems.push(format!("{name}: took {took:?}"));
        }
        if r.input.kind.word() != kind {
            problems.push(format!(
                "{name}: kind {} (expected {kind})",
                r.input.kind.word()
            ));
        }
        let ok_expected = overall == "ok";
        match overall {
            "!ok" if r.overall == Status::Ok => problems.push(format!("{name}: false ok")),
            "!ok" => {}
            w if r.overall.word() != w => problems.push(format!(
                "{name}: overall {} (expected {w})",
                r.overall.word()
            )),
            _ => {}
        }
        if !ok_expected && r.overall == Status::Ok {
            problems.push(format!("{name}: ok where it must not be"));
        }
        if code != "-" && !codes(&r).iter().any(|c| c == code) {
            problems.push(format!("{name}: no {code} in {:?}", codes(&r)));
        }
        if same_as != "-" {
            let want = analyze(
                &std::fs::read(logs.join(same_as)).unwrap(),
                &Options::default(),
            );
            if statuses(&r) != statuses(&want) {
                problems.push(format!("{name}: per-check verdicts differ from {same_as}"));
            }
        }
        // Every renderer copes, and log text never reaches a terminal or a ticket raw.
        for lang in Lang::ALL {
            let t = render::text::render(&r, lang, render::text::Style { color: false });
            if t.contains('\u{1b}') || t.contains('\u{202e}') {
                problems.push(format!(
                    "{name}: control or bidi character in the text rendering"
                ));
            }
            // Rendered as a ticket system would: log text may appear in code spans, but never as
            // live HTML.
            let md = render::markdown::render(&r, lang);
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
            for raw in ["<script", "<img", "<svg", "onerror=\"", "<a href"] {
                if html.contains(raw)
                    && !(raw == "<a href"
                        && html.matches("<a href=\"https://").count()
                            == html.matches("<a href").count())
                {
                    problems.push(format!("{name}: live {raw} in the Markdown's HTML"));
                }
            }
        }
    }
    assert!(n >= 20, "only {n} hostile inputs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn html_in_a_log_stays_data_in_the_json() {
    let dir = corpus();
    let r = analyze(
        &std::fs::read(dir.join("proxy_html_injection.log")).unwrap(),
        &Options::default(),
    );
    assert!(
        r.machine
            .host
            .as_deref()
            .unwrap_or("")
            .contains("<script>alert(1)</script>"),
        "the host name is kept as written"
    );
    assert_eq!(
        r.proxy.http_proxy.as_deref(),
        Some("\"><img src=x onerror=alert(document.domain)>")
    );
}

/// Thousands of blocks are judged on several threads natively (`rules::judge_all`): every copy
/// of a log repeated 300 times (9,000 checks) must read exactly as the log alone, in order.
#[test]
fn a_log_repeated_300_times_reads_as_300_copies_of_the_log() {
    let one = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
    ))
    .unwrap();
    let alone = analyze(&one, &Options::default());
    let copies = 300;
    let many = analyze(&one.repeat(copies), &Options::default());
    let per = alone.checks.len();
    let lines = alone.input.lines;
    assert_eq!(many.checks.len(), per * copies);
    for (i, c) in many.checks.iter().enumerate() {
        let a = &alone.checks[i % per];
        let shift = (i / per) * lines;
        assert_eq!(
            (c.tool, &c.target, c.port, c.status, c.code, &c.summary),
            (a.tool, &a.target, a.port, a.status, a.code, &a.summary),
            "check {i}"
        );
        assert_eq!(
            (c.lines.0, c.lines.1),
            (a.lines.0 + shift, a.lines.1 + shift),
            "check {i}: lines"
        );
    }
    assert_eq!(many.overall, alone.overall);
    let codes = |r: &Report| r.findings.iter().map(|f| f.code).collect::<Vec<_>>();
    assert_eq!(codes(&many), codes(&alone));
}
