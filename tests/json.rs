//! The JSON (`render::json`) against the report's serde form: every field the serde form has is
//! in the JSON with the same value, except the typed sentences, which the JSON shows in words
//! (each check's `summary`, each agent line's `note`, each finding's `title`, `message`,
//! `next_step` and `text` in both languages, its catalogue's `doc_url` and `rule`) and, for
//! findings, also typed under `said`.
//! Checked on every file of the corpus and the fixtures, in both languages, and on a bundle.
//! The order of the fields is the snapshot's business (`tests/snapshots.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use preflight_core::i18n::Lang;
use preflight_core::render::{self, json};
use preflight_core::report::{Finding, Report};
use preflight_core::{analyze, analyze_many, Options};
use serde_json::{json, Value};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if !p
            .extension()
            .is_some_and(|x| x == "snap" || x == "tsv" || x == "md")
        {
            out.push(p);
        }
    }
}

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut v = Vec::new();
    for d in ["corpus", "fixtures"] {
        files(&root.join(d), &mut v);
    }
    v.sort();
    assert!(
        v.len() > 50,
        "the corpus and fixtures are where they should be"
    );
    v
}

fn words(f: &Finding, lang: Lang) -> Value {
    let w = render::words(f, lang);
    json!({ "title": w.title, "message": w.message, "next_step": w.next_step })
}

/// The serde form of a report with the typed sentences in words, as the JSON shows them.
fn contract(report: &Report, lang: Lang) -> Value {
    let mut v = serde_json::to_value(report).unwrap();
    v["lang"] = json!(lang.code());
    for (i, c) in report.checks.iter().enumerate() {
        v["checks"][i]["summary"] = json!({
            "en": render::summary(c, Lang::En),
            "ja": render::summary(c, Lang::Ja),
        });
    }
    if let Some(agent) = &report.agent {
        for (i, a) in agent.annotations.iter().enumerate() {
            v["agent"]["annotations"][i]["note"] = json!({
                "en": render::note(a, Lang::En),
                "ja": render::note(a, Lang::Ja),
            });
        }
    }
    for (i, f) in report.findings.iter().enumerate() {
        let spec = f.code.spec();
        let obj = v["findings"][i].as_object_mut().unwrap();
        for typed in ["title", "detail", "next_step"] {
            obj.remove(typed);
        }
        for (k, w) in words(f, lang).as_object().unwrap() {
            obj.insert(k.clone(), w.clone());
        }
        obj.insert("doc_url".into(), json!(spec.doc_url));
        obj.insert("rule".into(), json!(spec.rule));
        obj.insert(
            "text".into(),
            json!({ "en": words(f, Lang::En), "ja": words(f, Lang::Ja) }),
        );
    }
    v
}

/// The JSON as written, without the findings' typed sentences.
fn written(report: &Report, lang: Lang) -> Value {
    let mut v: Value = serde_json::from_str(&json::to_string(report, lang)).unwrap();
    if let Some(findings) = v["findings"].as_array_mut() {
        for f in findings {
            assert!(
                f["said"].is_object(),
                "a finding's typed sentences are in `said`"
            );
            f.as_object_mut().unwrap().remove("said");
        }
    }
    v
}

#[test]
fn every_report_is_its_serde_form_with_sentences_in_words_in_both_languages() {
    for path in inputs() {
        let bytes = std::fs::read(&path).unwrap();
        let report = analyze(&bytes, &Options::default());
        for lang in Lang::ALL {
            assert!(
                written(&report, lang) == contract(&report, lang),
                "{} ({lang:?}): the JSON differs from the report",
                path.display()
            );
        }
    }
}

#[test]
fn a_bundle_holds_each_report_as_its_own_json_and_the_combined_verdict() {
    let paths = inputs();
    let picked: Vec<(Vec<u8>, String)> = paths
        .iter()
        .filter(|p| p.to_string_lossy().contains("corpus"))
        .take(3)
        .map(|p| (std::fs::read(p).unwrap(), p.display().to_string()))
        .collect();
    let inputs: Vec<(&[u8], String)> = picked
        .iter()
        .map(|(b, n)| (b.as_slice(), n.clone()))
        .collect();
    for lang in Lang::ALL {
        let bundle = analyze_many(
            &inputs,
            &Options {
                lang,
                ..Options::default()
            },
        );
        let mut out = Vec::new();
        json::write_bundle(&bundle, lang, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["schema"], json!(bundle.schema));
        assert_eq!(
            v["combined"],
            serde_json::to_value(&bundle.combined).unwrap()
        );
        for (i, r) in bundle.reports.iter().enumerate() {
            let one: Value = serde_json::from_str(&json::to_string(r, lang)).unwrap();
            assert_eq!(v["reports"][i], one);
        }
    }
}

#[test]
fn a_closed_output_is_an_error_not_a_panic() {
    struct Closed;
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let report = analyze(b"nslookup example.com", &Options::default());
    let err = json::write_report(&report, Lang::En, &mut Closed).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
}
