//! One realistic paste per VM agent output form (field guide §G.2), in `tests/fixtures/agent-forms/`.
//! `EXPECTED.tsv` gives, per file, what a correct reading reports: the state (§G.3, the last state
//! wins), the version that matters and whether it meets the minimum (§G.4: the Linux goal-state
//! agent >= 2.2.53.1, Windows >= 2.7.41491.1010), the appliance vendor (§G.7: from the image
//! publisher or explicit product text, never from a VM's name) and the overall verdict.
//!
//! A `#` line right above an entry marks a verdict the interpreter does not give yet. Every file is
//! checked and every difference is listed in one failure message.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};

use preflight_core::i18n::Lang;
use preflight_core::render::text::{self, Style};
use preflight_core::report::{AgentState, InputKind, Report, Status};
use preflight_core::{analyze, Options};

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/agent-forms")
}

fn report_for(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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

/// One line of `EXPECTED.tsv`.
struct Expected {
    file: String,
    state: AgentState,
    version: Option<String>,
    supported: Option<bool>,
    appliance: Option<String>,
    overall: Status,
    /// The comment above the entry, when the interpreter is known to disagree.
    known: Option<String>,
}

fn dash(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_owned())
}

fn expected() -> Vec<Expected> {
    let tsv = std::fs::read_to_string(forms_dir().join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut out = Vec::new();
    let mut comment: Option<String> = None;
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            comment = c
                .strip_prefix("interpreter disagrees:")
                .map(|r| r.trim().to_owned());
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "EXPECTED.tsv line {}: six columns", i + 1);
        let state = match f[1] {
            "ready" => AgentState::Ready,
            "not-ready" => AgentState::NotReady,
            "unknown" => AgentState::Unknown,
            other => panic!("EXPECTED.tsv line {}: state '{other}'", i + 1),
        };
        let supported = match f[3] {
            "true" => Some(true),
            "false" => Some(false),
            "-" => None,
            other => panic!("EXPECTED.tsv line {}: version_supported '{other}'", i + 1),
        };
        let overall = match f[5] {
            "ok" => Status::Ok,
            "warning" => Status::Warning,
            "failure" => Status::Failure,
            "inconclusive" => Status::Inconclusive,
            other => panic!("EXPECTED.tsv line {}: overall '{other}'", i + 1),
        };
        out.push(Expected {
            file: f[0].to_owned(),
            state,
            version: dash(f[2]),
            supported,
            appliance: dash(f[4]),
            overall,
            known: comment.take(),
        });
    }
    out
}

#[test]
fn every_form_gives_the_expected_verdict() {
    let rows = expected();
    assert!(!rows.is_empty(), "EXPECTED.tsv lists no file");
    let mut problems: Vec<String> = Vec::new();
    for e in &rows {
        let r = report_for(&forms_dir().join(&e.file));
        let mut diffs: Vec<String> = Vec::new();
        if r.input.kind != InputKind::AgentStatus {
            diffs.push(format!(
                "kind: expected agent-status, got {}",
                r.input.kind.word()
            ));
        }
        let (state, version, supported, appliance) = match &r.agent {
            Some(a) => (
                a.state,
                a.version.clone(),
                a.version_supported,
                a.appliance.clone(),
            ),
            None => (AgentState::Unknown, None, None, None),
        };
        if r.agent.is_none() && r.input.kind == InputKind::AgentStatus {
            diffs.push("no agent report".to_owned());
        }
        if state != e.state {
            diffs.push(format!(
                "state: expected {}, got {}",
                e.state.word(),
                state.word()
            ));
        }
        if version != e.version {
            diffs.push(format!(
                "version: expected {:?}, got {version:?}",
                e.version
            ));
        }
        if supported != e.supported {
            diffs.push(format!(
                "version_supported: expected {:?}, got {supported:?}",
                e.supported
            ));
        }
        if appliance != e.appliance {
            diffs.push(format!(
                "appliance: expected {:?}, got {appliance:?}",
                e.appliance
            ));
        }
        if r.overall != e.overall {
            diffs.push(format!(
                "overall: expected {}, got {}",
                e.overall.word(),
                r.overall.word()
            ));
        }
        if !diffs.is_empty() {
            let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
            let known = match &e.known {
                Some(k) => format!("\n    known: {k}"),
                None => String::new(),
            };
            problems.push(format!(
                "{}: {}\n    findings: {codes:?}{known}",
                e.file,
                diffs.join("; ")
            ));
        }
    }
    // A marked entry that now passes should lose its mark.
    let stale: Vec<&str> = rows
        .iter()
        .filter(|e| e.known.is_some())
        .filter(|e| {
            !problems
                .iter()
                .any(|p| p.starts_with(&format!("{}:", e.file)))
        })
        .map(|e| e.file.as_str())
        .collect();
    assert!(
        problems.is_empty() && stale.is_empty(),
        "{} of {} agent forms differ from EXPECTED.tsv:\n{}\nmarked as disagreeing but now correct (remove the mark): {stale:?}",
        problems.len(),
        rows.len(),
        problems.join("\n")
    );
}

/// What an agent reading decides: state, version, support, appliance and the verdict.
fn decided(r: &Report) -> String {
    let a = r.agent.as_ref();
    format!(
        "{:?} {:?} {:?} {:?} {}",
        a.map(|a| a.state),
        a.and_then(|a| a.version.clone()),
        a.and_then(|a| a.version_supported),
        a.and_then(|a| a.appliance.clone()),
        r.overall.word()
    )
}

/// Each form as it reaches a ticket: in a code fence, in a Markdown quote, or as the message of
/// `az vm run-command invoke`; the reading is the same.
#[test]
fn every_form_reads_the_same_fenced_quoted_or_inside_run_command_json() {
    let mut problems = Vec::new();
    for e in expected().iter().filter(|e| e.known.is_none()) {
        let text = std::fs::read_to_string(forms_dir().join(&e.file)).unwrap();
        let plain = decided(&analyze(text.as_bytes(), &Options::default()));
        for (how, wrapped) in [
            ("fenced", format!("```\n{text}\n```\n")),
            ("quoted", text.lines().map(|l| format!("> {l}\n")).collect()),
            ("run-command JSON", common::run_command_json(None, &text)),
        ] {
            let got = decided(&analyze(wrapped.as_bytes(), &Options::default()));
            if got != plain {
                problems.push(format!("{} {how}: {got} instead of {plain}", e.file));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_is_listed_once() {
    let rows = expected();
    let mut listed: Vec<&str> = rows.iter().map(|e| e.file.as_str()).collect();
    listed.sort_unstable();
    let before = listed.len();
    listed.dedup();
    assert_eq!(
        before,
        listed.len(),
        "a file is listed twice in EXPECTED.tsv"
    );
    let mut files: Vec<String> = std::fs::read_dir(forms_dir())
        .expect("agent-forms")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort_unstable();
    assert_eq!(
        files.iter().map(String::as_str).collect::<Vec<_>>(),
        listed,
        "EXPECTED.tsv and the .txt files in agent-forms/ differ"
    );
}

#[test]
fn text_rendering_of_each_form() {
    insta::glob!("fixtures/agent-forms", "*.txt", |path| {
        let r = report_for(path);
        insta::assert_snapshot!(
            "agent_form_text_en",
            text::render(&r, Lang::En, Style { color: false })
        );
    });
}
