//! Properties over the public entry point: arbitrary bytes and arbitrary edits of real logs never
//! panic, every line range lies inside the input, every index points at something, and no check
//! with a curl error is ever OK.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use preflight_core::i18n::Lang;
use preflight_core::report::{Cell, Report, Status};
use preflight_core::{analyze, render, Options};
use proptest::prelude::*;

const LOGS: [&[u8]; 4] = [
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-minimal06_202611220005.log"),
    include_bytes!("corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log"),
];

fn check_invariants(r: &Report) {
    let n = r.input.lines;
    for (i, c) in r.checks.iter().enumerate() {
        assert!(
            c.lines.first() >= 1 && c.lines.first() <= c.lines.last() && c.lines.last() <= n,
            "check {i} lines {:?} outside 1..={n}",
            c.lines
        );
        for e in &c.evidence {
            assert!(
                e.line >= c.lines.first() && e.line <= c.lines.last(),
                "evidence line {} outside check {:?}",
                e.line,
                c.lines
            );
            if e.text.contains("curl: (") {
                assert_ne!(c.status, Status::Ok, "a check quoting a curl error is OK");
            }
        }
        assert!(c.endpoint < r.endpoints.len());
    }
    for f in &r.findings {
        for &k in &f.checks {
            assert!(k < r.checks.len());
        }
        for l in &f.lines {
            assert!(
                l.first() >= 1 && l.first() <= l.last() && l.last() <= n,
                "finding {} lines {:?} outside 1..={n}",
                f.code,
                l
            );
        }
        assert!(!f.text.en.title.is_empty() && !f.text.ja.title.is_empty());
    }
    for e in &r.endpoints {
        for cell in std::iter::once(&e.dns)
            .chain(e.tcp.iter())
            .chain(std::iter::once(&e.https))
        {
            if let Cell::Checked { checks, .. } = cell {
                for &k in checks {
                    assert!(k < r.checks.len());
                }
            }
        }
    }
    if r.checks.iter().any(|c| c.status == Status::Failure) {
        assert_eq!(r.overall, Status::Failure);
    }
    if r.overall == Status::Ok {
        assert!(r.checks.iter().all(|c| c.status == Status::Ok) && !r.checks.is_empty());
    }
    assert_eq!(r.counts.total(), r.checks.len());
}

fn full_run(bytes: &[u8]) {
    let r = analyze(bytes, &Options::default());
    check_invariants(&r);
    for lang in Lang::ALL {
        let _ = render::text::render(&r, lang, render::text::Style { color: true });
        let _ = render::markdown::render(&r, lang);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Duplicate(usize, usize, usize),
    Truncate(usize),
    Flip(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let marker_bits = prop::sample::select(vec![
        b"##TRY!! ".to_vec(),
        b"\r".to_vec(),
        b"\n".to_vec(),
        b"curl: (56) CONNECT tunnel failed, response 407\n".to_vec(),
        b"HTTP/1.1 200 OK\r\n".to_vec(),
        "\u{3000}".as_bytes().to_vec(),
        b"\x1b[31m".to_vec(),
        b"Complete...\n".to_vec(),
        b"#### ILR \xe3\x81\xae\n".to_vec(),
        b"\xff\xfe".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(a, b)| Edit::Delete(a, b)),
        (
            any::<usize>(),
            prop_oneof![prop::collection::vec(any::<u8>(), 0..64), marker_bits]
        )
            .prop_map(|(a, v)| Edit::Insert(a, v)),
        (any::<usize>(), 0usize..2000, any::<usize>())
            .prop_map(|(a, b, c)| Edit::Duplicate(a, b, c)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
    ]
}

fn apply(mut v: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = v.len().max(1);
        match e {
            Edit::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    v.drain(a..b);
                }
            }
            Edit::Insert(a, bytes) => {
                let a = a % (v.len() + 1);
                v.splice(a..a, bytes.iter().copied());
            }
            Edit::Duplicate(a, n, at) => {
                let a = a % len;
                let b = (a + n).min(v.len());
                if a < b {
                    let chunk: Vec<u8> = v[a..b].to_vec();
                    let at = at % (v.len() + 1);
                    v.splice(at..at, chunk);
                }
            }
            Edit::Truncate(a) => v.truncate(a % len),
            Edit::Flip(a, b) => {
                if !v.is_empty() {
                    let i = a % v.len();
                    v[i] ^= b;
                }
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        full_run(&bytes);
    }

    #[test]
    fn arbitrary_text_with_markers_never_panics(lines in prop::collection::vec(
        prop_oneof![
            "##TRY!! (nslookup |nc -vz |curl -I https://)[a-z0-9.\u{3000} -]{0,30}( 443| 3260)? ##",
            "[ -~\u{3000}\t\r]{0,80}",
            Just("curl: (7) Failed to connect to x port 8080 after 0 ms: Couldn't connect to server".to_owned()),
            Just("Ncat: Connected to 1.2.3.4:443.".to_owned()),
            Just("HTTP/1.0 200 Connection established\r".to_owned()),
        ], 0..60)) {
        full_run(lines.join("\n").as_bytes());
    }

    #[test]
    fn edited_real_logs_never_panic_and_stay_in_range(which in 0usize..4, edits in prop::collection::vec(edit(), 1..6)) {
        let bytes = apply(LOGS[which].to_vec(), &edits);
        full_run(&bytes);
    }
}

#[test]
fn truncating_a_real_log_anywhere_never_gives_ok() {
    // A log cut short can never be `ok` (rule D.15): try every 97th byte of the all-OK log.
    let log = LOGS[0];
    let mut cut = 1;
    while cut < log.len() {
        let r = analyze(&log[..cut], &Options::default());
        check_invariants(&r);
        assert_ne!(r.overall, Status::Ok, "cut at byte {cut} is ok");
        cut += 97;
    }
    assert_eq!(analyze(log, &Options::default()).overall, Status::Ok);
}
