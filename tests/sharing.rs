//! Safe to share: no planted secret reaches any output, masking changes no verdict, count or
//! line number, invisible characters are written out wherever the text is shown, and a ticket
//! shows what was pasted.
//!
//! Every planted secret in `tests/fixtures/` holds the word `PLANTED`, so "no output contains
//! `PLANTED`" covers all of them at once, whatever form each secret has.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::decode::default_decoder;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::render::{json, markdown, text};
use preflight_core::report::{Bundle, Report};
use preflight_core::{analyze, analyze_many, analyze_text, combine, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` (recursively) that `keep` keeps, sorted.
fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every fixture file whose bytes hold `marker`.
fn files_with(marker: &str) -> Vec<PathBuf> {
    files_under(&root().join("tests/fixtures"), &|p| {
        std::fs::read(p)
            .unwrap()
            .windows(marker.len())
            .any(|w| w == marker.as_bytes())
    })
}

/// Everything a report is shown as: text (plain and coloured), Markdown and JSON, both languages.
fn every_output(r: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for color in [false, true] {
            let style = text::Style { color };
            out.push((
                format!("text {lang:?} color={color}"),
                text::render(r, lang, style),
            ));
        }
        out.push((format!("markdown {lang:?}"), markdown::render(r, lang)));
        out.push((format!("json {lang:?}"), json::to_string(r, lang)));
    }
    out
}

fn every_bundle_output(b: &Bundle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let style = text::Style { color: false };
        out.push((
            format!("text bundle {lang:?}"),
            text::render_bundle(b, lang, style),
        ));
        out.push((
            format!("markdown bundle {lang:?}"),
            markdown::render_bundle(b, lang),
        ));
        let mut j = Vec::new();
        json::write_bundle(b, lang, &mut j).unwrap();
        out.push((
            format!("json bundle {lang:?}"),
            String::from_utf8(j).unwrap(),
        ));
    }
    out
}

#[test]
fn planted_credentials_reach_no_output_in_any_format_or_language() {
    let files = files_with("PLANTED");
    assert!(files.len() >= 5, "the planted fixtures: {files:?}");
    let mut inputs = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let a = analyze_text(&bytes, &Options::default(), default_decoder());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !a.text.content.contains("PLANTED"),
            "{name}: the text the page shows holds a secret"
        );
        let mut redacted = a.report.clone();
        redacted.redact(&Pseudonyms::of(&a.report, &a.text.content));
        for (what, out) in every_output(&a.report)
            .into_iter()
            .chain(every_output(&redacted))
        {
            assert!(
                !out.contains("PLANTED"),
                "{name}: {what} holds a secret:\n{out}"
            );
        }
        let masked = a
            .report
            .findings
            .iter()
            .find(|x| x.code == Code::INPUT_CREDENTIALS_MASKED);
        let masked = masked.unwrap_or_else(|| panic!("{name}: no credentials finding"));
        assert!(
            !masked.lines.is_empty(),
            "{name}: the finding names no line"
        );
        inputs.push((bytes, name));
    }
    let refs: Vec<(&[u8], String)> = inputs
        .iter()
        .map(|(b, n)| (b.as_slice(), n.clone()))
        .collect();
    let bundle = analyze_many(&refs, &Options::default());
    for (what, out) in every_bundle_output(&bundle) {
        assert!(!out.contains("PLANTED"), "{what} holds a secret");
    }
}

/// What masking must leave alone: the verdict, the counts, each check and each line number.
fn verdicts(r: &Report) -> String {
    let mut s = format!("{:?} {:?}\n", r.overall, r.counts);
    for c in &r.checks {
        s += &format!(
            "{:?} {} {:?} {:?} {:?}\n",
            c.tool, c.target, c.port, c.status, c.lines
        );
    }
    for f in &r.findings {
        if f.code != Code::INPUT_CREDENTIALS_MASKED {
            s += &format!("{} {:?} {:?}\n", f.code, f.severity, f.lines);
        }
    }
    if let Some(a) = &r.agent {
        s += &format!("{:?} {:?} {:?}\n", a.state, a.state_line, a.version);
    }
    s
}

#[test]
fn masking_changes_no_verdict_count_check_or_line_number() {
    let plants: &[(&str, &str, &str)] = &[
        (
            "tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
            "http://127.30.0.9:8080",
            "http://backup:PLANTED-p4ss@127.30.0.9:8080",
        ),
        (
            "tests/corpus/agent-status/19-waagent-log-vmsnapshotlinux-downgrade-not-allowed.txt",
            "Target handler state: enabled",
            "Target handler state: enabled sig=PLANTEDsig%3D AccountKey=PLANTEDkey==",
        ),
        (
            "tests/corpus/pastes/P05-FRAGMENT-curl-v-login-msonline-ipv6-immediate-connect-fail.txt",
            "curl -v https://login.microsoftonline.com",
            "curl -v -u me:PLANTED-u -H 'Authorization: Bearer PLANTEDtoken' https://login.microsoftonline.com",
        ),
    ];
    for (file, from, to) in plants {
        let clean = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(clean.contains(from), "{file} holds {from}");
        let planted = clean.replace(from, to);
        let (a, b) = (
            analyze(clean.as_bytes(), &Options::default()),
            analyze(planted.as_bytes(), &Options::default()),
        );
        assert_eq!(
            verdicts(&a),
            verdicts(&b),
            "{file}: masking changed the report"
        );
        assert!(
            b.findings
                .iter()
                .any(|f| f.code == Code::INPUT_CREDENTIALS_MASKED),
            "{file}"
        );
        assert!(
            every_output(&b).iter().all(|(_, o)| !o.contains("PLANTED")),
            "{file}"
        );
    }
}

#[test]
fn invisible_characters_are_written_out_in_every_output() {
    let f = root().join(
        "tests/fixtures/INPUT_INVISIBLE_CHARACTERS/linux_log_zero_width_space_in_host_and_bidi_override.log",
    );
    let bytes = std::fs::read(&f).unwrap();
    let a = analyze_text(&bytes, &Options::default(), default_decoder());
    let raw = |s: &str| s.chars().any(preflight_core::mask::is_invisible);
    assert!(!raw(&a.text.content), "the text the page shows");
    assert!(a.text.content.contains("download.micro<U+200B>soft.com"));
    for (what, out) in every_output(&a.report) {
        assert!(!raw(&out), "{what} holds an invisible character");
        assert!(
            out.contains("<U+200B>"),
            "{what} does not show the zero-width space"
        );
    }
    let finding = a
        .report
        .findings
        .iter()
        .find(|x| x.code == Code::INPUT_INVISIBLE_CHARACTERS)
        .expect("the finding");
    assert_eq!(finding.lines.len(), 2, "{:?}", finding.lines);
}

#[test]
fn an_input_that_is_not_recognised_quotes_its_first_lines_for_the_ticket() {
    let r = analyze(
        b"hello there\nthis is not a log\n\nat all\n",
        &Options::default(),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::INPUT_NOT_RECOGNISED)
        .expect("not recognised");
    let quoted: Vec<(usize, &str)> = f
        .evidence
        .iter()
        .map(|e| (e.line, e.text.as_str()))
        .collect();
    assert_eq!(
        quoted,
        [(1, "hello there"), (2, "this is not a log"), (4, "at all")]
    );
    let md = markdown::render(&r, Lang::En);
    assert!(md.contains("<details><summary>Evidence</summary>"), "{md}");
    assert!(
        md.contains("   1: hello there\n   2: this is not a log\n   4: at all\n"),
        "{md}"
    );
}

/// Every corpus input (every form the product reads).
fn corpus_files() -> Vec<PathBuf> {
    files_under(&root().join("tests/corpus"), &|p| {
        p.extension().is_none_or(|x| x != "md")
    })
}

/// What redaction must leave alone: everything but the strings.
fn decisions(r: &Report) -> String {
    let mut s = format!("{:?} {:?} {:?}\n", r.overall, r.counts, r.input.kind);
    for c in &r.checks {
        s += &format!(
            "{:?} {:?} {:?} {} {:?} {:?}\n",
            c.tool, c.port, c.status, c.code, c.lines, c.section
        );
    }
    for f in &r.findings {
        s += &format!("{} {:?} {:?} {:?}\n", f.code, f.severity, f.lines, f.checks);
    }
    for e in &r.endpoints {
        s += &format!("{:?} {:?}\n", e.section, e.status);
    }
    if let Some(a) = &r.agent {
        s += &format!("{:?} {:?} {:?}\n", a.state, a.state_line, a.version);
    }
    s
}

/// Whether `word` occurs in `text` as a whole word, ignoring ASCII case.
fn holds_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.to_ascii_lowercase(), word.to_ascii_lowercase());
    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
    t.match_indices(&w)
        .any(|(i, _)| !part(t[..i].chars().next_back()) && !part(t[i + w.len()..].chars().next()))
}

#[test]
fn redaction_changes_no_decision_and_leaves_no_original_in_any_output() {
    let files = corpus_files();
    assert!(files.len() >= 80, "{}", files.len());
    let mut learned = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(f).unwrap();
        let a = analyze_text(
            &bytes,
            &Options {
                name: name.clone(),
                ..Options::default()
            },
            default_decoder(),
        );
        let p = Pseudonyms::of(&a.report, &a.text.content);
        let mut r = a.report.clone();
        r.redact(&p);
        assert_eq!(
            decisions(&a.report),
            decisions(&r),
            "{name}: redaction changed a decision"
        );
        learned += p.pairs().len();
        for (what, out) in every_output(&r) {
            for (original, pseudonym) in p.pairs() {
                assert!(
                    !holds_word(&out, original),
                    "{name}: {what} still holds {original} ({pseudonym})"
                );
            }
        }
    }
    assert!(
        learned >= 60,
        "the corpus names hosts and addresses: {learned}"
    );
}

#[test]
fn one_machine_has_one_pseudonym_in_every_report_of_a_bundle() {
    let log =
        std::fs::read_to_string(root().join(
            "tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
        ))
        .unwrap();
    let view = r#"{
  "computerName": "vm-ubuntu-proxy03",
  "osName": "ubuntu",
  "vmAgent": { "vmAgentVersion": "2.9.1.1",
    "statuses": [ { "code": "ProvisioningState/succeeded", "displayStatus": "Ready",
      "message": "Guest Agent is running", "level": "Info" } ] }
}"#;
    let inputs: [(&[u8], &str); 2] = [
        (
            log.as_bytes(),
            "CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
        ),
        (view.as_bytes(), "instance-view.json"),
    ];
    let mut p = Pseudonyms::default();
    let mut reports = Vec::new();
    for (bytes, name) in inputs {
        let a = analyze_text(
            bytes,
            &Options {
                name: name.into(),
                ..Options::default()
            },
            default_decoder(),
        );
        p.learn(&a.report, &a.text.content);
        reports.push(a.report);
    }
    let before: Vec<String> = reports.iter().map(decisions).collect();
    let mut bundle = combine(reports);
    let combined = format!(
        "{:?} {:?}",
        bundle.combined.overall, bundle.combined.same_vm
    );
    bundle.redact(&p);
    assert_eq!(
        before,
        bundle.reports.iter().map(decisions).collect::<Vec<_>>()
    );
    assert_eq!(
        combined,
        format!(
            "{:?} {:?}",
            bundle.combined.overall, bundle.combined.same_vm
        )
    );
    assert_eq!(bundle.reports[0].machine.host.as_deref(), Some("host-1"));
    assert_eq!(
        bundle.reports[1]
            .agent
            .as_ref()
            .unwrap()
            .computer_name
            .as_deref(),
        Some("host-1")
    );
    assert_eq!(
        bundle.reports[0].input.name,
        "CheckNWResult_host-1_202611220004.log"
    );
    assert_eq!(
        bundle.reports[0].proxy.http_proxy.as_deref(),
        Some("http://proxy-1:8080")
    );
    // Numbered from 1 without gaps, each pseudonym for one original only.
    let mut seen: Vec<&str> = p.pairs().iter().map(|(_, v)| v.as_str()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), p.pairs().len());
    for v in &seen {
        let (kind, n) = v.rsplit_once('-').unwrap();
        let n: usize = n.parse().unwrap();
        assert!(
            n == 1 || seen.contains(&format!("{kind}-{}", n - 1).as_str()),
            "{v}"
        );
    }
    for (what, out) in every_bundle_output(&bundle) {
        assert!(!holds_word(&out, "vm-ubuntu-proxy03"), "{what}");
        assert!(out.contains("host-1"), "{what}");
    }
}

#[test]
fn a_line_repeated_in_several_checks_is_quoted_once_with_its_count() {
    let bytes =
        std::fs::read(root().join(
            "tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
        ))
        .unwrap();
    let r = analyze(&bytes, &Options::default());
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::PROXY_AUTH_REQUIRED)
        .unwrap();
    let counts: Vec<(&str, usize)> = f
        .evidence
        .iter()
        .map(|e| (e.text.as_str(), e.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("curl: (56) CONNECT tunnel failed, response 407", 8),
            ("HTTP/1.0 407 Proxy Authentication Required", 8)
        ]
    );
    for lang in Lang::ALL {
        let md = markdown::render(&r, lang);
        assert!(
            md.contains(" 123: curl: (56) CONNECT tunnel failed, response 407 (×8)\n"),
            "{md}"
        );
        let text = text::render(&r, lang, text::Style { color: false });
        assert!(
            text.contains("curl: (56) CONNECT tunnel failed, response 407 (×8)"),
            "{text}"
        );
        assert!(json::to_string(&r, lang).contains("\"count\": 8"));
    }
}
