//! Every example of the support article on reading the connectivity log
//! (`tests/fixtures/article/`, the blocks between its `__` lines) gives the verdict the article states.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use preflight_core::report::Status;
use preflight_core::{analyze, Options};

#[test]
fn article_examples_give_the_articles_verdict() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/article");
    let table = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut n = 0;
    for line in table.lines().filter(|l| !l.trim().is_empty()) {
        let (file, want) = line.split_once('\t').expect("file<TAB>status");
        let want = match want.trim() {
            "ok" => Status::Ok,
            "failure" => Status::Failure,
            other => panic!("unknown status {other}"),
        };
        let bytes = std::fs::read(dir.join(file)).expect(file);
        let r = analyze(&bytes, &Options::default());
        assert_eq!(r.checks.len(), 1, "{file}: one check");
        assert_eq!(
            r.checks[0].status,
            want,
            "{file}: {}",
            preflight_core::render::summary(&r.checks[0], preflight_core::i18n::Lang::En)
        );
        assert_eq!(r.overall, want, "{file}");
        n += 1;
    }
    assert_eq!(n, 11, "the article has eleven examples");
}
