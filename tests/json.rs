//! The hand-written JSON (`render::json`) is byte for byte what `serde_json::to_writer_pretty`
//! writes for the report's serde form, on every file of the corpus, the fixtures and the pastes,
//! in both languages, and for a bundle of several reports. The serde form is the contract's
//! definition; the writer is what the CLI and the page use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use preflight_core::i18n::Lang;
use preflight_core::render::json;
use preflight_core::{analyze, analyze_many, Options};

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

fn serde_form<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s
}

#[test]
fn every_report_is_written_as_its_serde_form_in_both_languages() {
    for path in inputs() {
        let bytes = std::fs::read(&path).unwrap();
        let report = analyze(&bytes, &Options::default());
        for lang in Lang::ALL {
            let ours = json::to_string(&report, lang);
            let theirs = serde_form(&report.localized(lang));
            assert!(
                ours == theirs,
                "{} ({lang:?}): the JSON differs from the serde form",
                path.display()
            );
        }
    }
}

#[test]
fn a_bundle_is_written_as_its_serde_form() {
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
        let mut ours = Vec::new();
        json::write_bundle(&bundle, lang, &mut ours).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_form(&bundle));
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
