//! One fixture directory per finding code: `tests/fixtures/<CODE>/*.txt` must report the code
//! (in a check or a finding); `tests/fixtures/<CODE>/okay_*.txt` must not.
//!
//! Every code in use needs at least one firing fixture, so a code cannot exist without an input
//! that shows it. A removed code (kept in the table so its name is never reused) has no fixture
//! and no fixture reports it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use preflight_core::code::{Code, CodeStatus};
use preflight_core::{analyze, Options};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn codes_in(bytes: &[u8]) -> BTreeSet<Code> {
    let r = analyze(bytes, &Options::default());
    r.checks
        .iter()
        .map(|c| c.code)
        .chain(r.findings.iter().map(|f| f.code))
        .collect()
}

fn files(code: Code) -> Vec<PathBuf> {
    let dir = fixtures_dir().join(code.as_str());
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_code_has_a_firing_fixture() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.status() == CodeStatus::Stable)
        .filter(|&&c| !files(c).iter().any(|p| !is_okay(p)))
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a firing fixture in tests/fixtures/<CODE>/: {missing:?}"
    );
}

fn removed_codes() -> Vec<Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| c.status() == CodeStatus::Removed)
        .collect()
}

#[test]
fn removed_codes_have_no_fixtures() {
    let with_fixtures: Vec<&str> = removed_codes()
        .into_iter()
        .filter(|&c| fixtures_dir().join(c.as_str()).exists())
        .map(|c| c.as_str())
        .collect();
    assert!(
        with_fixtures.is_empty(),
        "removed codes must not have fixtures: {with_fixtures:?}"
    );
}

fn is_okay(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("okay_"))
}

#[test]
fn fixtures_fire_their_code_and_okay_fixtures_do_not() {
    let mut failures = Vec::new();
    let mut seen = 0;
    let removed = removed_codes();
    for &code in Code::ALL {
        for path in files(code) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            seen += 1;
            let codes = codes_in(&bytes);
            for gone in removed.iter().filter(|c| codes.contains(c)) {
                failures.push(format!(
                    "{} reported {gone}, a removed code",
                    path.display()
                ));
            }
            let fired = codes.contains(&code);
            if is_okay(&path) && fired {
                failures.push(format!(
                    "{} fired {code} but is an okay_ fixture",
                    path.display()
                ));
            } else if !is_okay(&path) && !fired {
                failures.push(format!(
                    "{} did not fire {code}; got {:?}",
                    path.display(),
                    codes
                ));
            }
        }
    }
    assert!(
        seen > 0,
        "no fixtures found under {}",
        fixtures_dir().display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixture_directories_name_real_codes() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let unknown: Vec<String> = std::fs::read_dir(fixtures_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                // Form fixtures, not code fixtures: the article's examples, agent output forms,
                // wrappers and prompts, Windows cmdlet outputs, logged network errors, runs compared.
                .filter(|n| {
                    !known.contains(n.as_str())
                        && ![
                            "article",
                            "agent-forms",
                            "compare",
                            "logged",
                            "pastes",
                            "windows-forms",
                        ]
                        .contains(&n.as_str())
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        unknown.is_empty(),
        "fixture directories that are not codes: {unknown:?}"
    );
}
