//! The catalogue's promises: codes sorted and unique, each with one entry in its family's file,
//! both languages present and different, codes that round-trip, and a committed
//! `docs/findings.md` that matches the code.
//! Regenerate the doc with `PREFLIGHT_BLESS=1 cargo test -p preflight-core --test catalogue`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use preflight_core::code::{Code, Family};
use preflight_core::rules::registry::{catalogue, family_catalogue};

#[test]
fn codes_are_sorted_and_unique() {
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted);
}

#[test]
fn every_code_has_one_entry_in_its_own_family() {
    let mut problems = Vec::new();
    let mut listed = Vec::new();
    for &family in Family::ALL {
        for e in family_catalogue(family) {
            // Title, explanation and next step in both languages, none empty.
            let parts: Vec<&str> = e.texts.split('\u{1f}').collect();
            if parts.len() != 6 || parts.iter().any(|p| p.trim().is_empty()) {
                problems.push(format!("{}: its texts are not six non-empty parts", e.code));
            }
        }
        let codes: Vec<Code> = family_catalogue(family).iter().map(|s| s.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        if codes != sorted {
            problems.push(format!(
                "{family:?}: entries not sorted by code, or listed twice"
            ));
        }
        for c in codes {
            if c.family() != family {
                problems.push(format!(
                    "{c} is in {family:?}'s file, its family is {:?}",
                    c.family()
                ));
            }
            listed.push(c);
        }
    }
    listed.sort();
    if listed != Code::ALL {
        problems.push(format!(
            "the families' entries {} codes, the table has {}",
            listed.len(),
            Code::ALL.len()
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The family's file under `src/rules/`: `dns.rs`, or every file of the family's directory.
fn family_source(family: Family) -> String {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let file = rules.join(format!("{}.rs", family.name()));
    if file.is_file() {
        return std::fs::read_to_string(file).unwrap();
    }
    let dir = rules.join(family.name());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{family:?} has no file or directory {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

#[test]
fn every_code_is_described_in_its_family_file() {
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|c| !family_source(c.family()).contains(&format!("code: Code::{c},")))
        .map(|c| format!("{c} (rules/{})", c.family().name()))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without an entry in their family's file: {missing:?}"
    );
}

#[test]
fn every_code_round_trips_through_its_name() {
    for &c in Code::ALL {
        assert_eq!(c.as_str().parse::<Code>(), Ok(c));
        assert_eq!(c.to_string(), c.as_str());
        assert_eq!(
            serde_json::to_string(&c).ok(),
            Some(format!("\"{}\"", c.as_str()))
        );
        assert_eq!(c.spec().code, c, "spec of {c} names another code");
    }
}

#[test]
fn every_spec_has_both_languages() {
    for &c in Code::ALL {
        let s = c.spec();
        for (what, t) in [
            ("title", s.title),
            ("explain", s.explain),
            ("next_step", s.next_step),
        ] {
            assert!(
                !t.en.trim().is_empty() && !t.ja.trim().is_empty(),
                "{c} {what} is empty in a language"
            );
            assert_ne!(t.en, t.ja, "{c} {what} is not translated");
            assert!(
                t.ja.chars()
                    .any(|ch| ('\u{3040}'..='\u{30ff}').contains(&ch)
                        || ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{c} {what} has no Japanese"
            );
        }
        assert!(
            s.doc_url.starts_with("https://"),
            "{c} has no documentation link"
        );
        assert!(!s.rule.is_empty());
    }
}

#[test]
fn docs_findings_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/findings.md");
    let want = catalogue();
    if std::env::var_os("PREFLIGHT_BLESS").is_some() {
        std::fs::write(&path, &want).expect("write docs/findings.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/findings.md is stale: run `PREFLIGHT_BLESS=1 cargo test -p preflight-core --test catalogue` and commit it");
}
