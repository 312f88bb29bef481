//! Two runs compared: each destination's change (fixed, broken, still failing, unchanged, only
//! in one run), the notes that make a comparison doubtful, and the words in both languages.
//!
//! AFTER (`tests/fixtures/compare/…0130.log`) is the corpus's proxy log after the proxy allowed
//! the tunnel for every destination but login.windows.net.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use preflight_core::code::Code;
use preflight_core::compare::{compare, pair, Change, ChangeKind, Comparison, Note};
use preflight_core::i18n::Lang;
use preflight_core::render;
use preflight_core::report::{Bundle, InputKind, Report, Scenario, ScenarioVerdict, Status, Tool};
use preflight_core::{analyze, analyze_many, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

fn read(rel: &str) -> Report {
    let name = rel.rsplit('/').next().unwrap().to_owned();
    analyze(
        &bytes(rel),
        &Options {
            name,
            ..Options::default()
        },
    )
}

const BEFORE: &str = "corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log";
const AFTER: &str = "fixtures/compare/CheckNWResult_vm-ubuntu-proxy03_202611220130.log";

fn proxy_fixed() -> Comparison {
    compare(&read(BEFORE), &read(AFTER))
}

#[test]
fn a_proxy_that_lets_seven_tunnels_through_fixes_seven_of_eight() {
    let c = proxy_fixed();
    assert_eq!(c.schema, "preflight-compare/1");
    assert_eq!(c.same_machine, Some(true));
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    assert_eq!(c.before.overall, Status::Failure);
    assert_eq!(c.before.host.as_deref(), Some("vm-ubuntu-proxy03"));
    assert_eq!(c.after.run_date.as_deref(), Some("2026-11-22 01:30:12 UTC"));
    assert_eq!(c.changes.len(), 30);
    assert_eq!(c.count(ChangeKind::Fixed), 7);
    assert_eq!(c.count(ChangeKind::StillFailing), 1);
    assert_eq!(c.count(ChangeKind::Broken), 0);
    assert_eq!(c.count(ChangeKind::Unchanged), 22);
    let still = c
        .changes
        .iter()
        .find(|x| x.change == ChangeKind::StillFailing)
        .unwrap();
    assert_eq!(
        (
            still.tool,
            still.target.as_str(),
            still.port,
            still.after_code
        ),
        (
            Tool::Curl,
            "login.windows.net",
            Some(443),
            Some(Code::PROXY_AUTH_REQUIRED)
        )
    );
    for fixed in c.changes.iter().filter(|x| x.change == ChangeKind::Fixed) {
        assert_eq!(fixed.tool, Tool::Curl);
        assert_eq!(
            (fixed.before, fixed.after),
            (Some(Status::Failure), Some(Status::Ok))
        );
    }
    assert!(c.anything_fails());
}

#[test]
fn the_sentence_says_how_many_were_fixed_and_what_still_fails_in_both_languages() {
    let s = render::compare::sentence(&proxy_fixed());
    assert_eq!(
        s.en,
        "After the change: 7 of 8 failures fixed; login.windows.net (Microsoft Entra ID) still fails (The proxy requires authentication (407))."
    );
    assert_eq!(
        s.ja,
        "変更後: 8 件中 7 件の失敗が解消しました。login.windows.net (Microsoft Entra ID) は引き続き失敗しています (プロキシが認証を要求しています (407))。"
    );
}

#[test]
fn swapped_runs_are_seven_broken_and_say_after_is_older() {
    let c = compare(&read(AFTER), &read(BEFORE));
    assert_eq!(c.count(ChangeKind::Broken), 7);
    assert_eq!(c.count(ChangeKind::Fixed), 0);
    assert_eq!(
        c.notes,
        vec![Note::AfterIsOlder {
            before: "2026-11-22 01:30:12 UTC".into(),
            after: "2026-11-22 00:04:57 UTC".into()
        }]
    );
    let s = render::compare::sentence(&c);
    assert!(
        s.en.ends_with("7 destinations fail now and did not before: pod01-manag1.jpe.backup.windowsazure.com, pod01-prot1.jpe.backup.windowsazure.com, ceuswatcab01.blob.core.windows.net and 4 more."),
        "{}",
        s.en
    );
    assert!(
        s.ja.ends_with("ceuswatcab01.blob.core.windows.net ほか 4 件。"),
        "{}",
        s.ja
    );
}

#[test]
fn other_hosts_and_other_kinds_are_said_plainly() {
    let c = compare(
        &read(BEFORE),
        &read("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log"),
    );
    assert_eq!(c.same_machine, Some(false));
    assert!(c.notes.contains(&Note::DifferentHosts {
        before: "vm-ubuntu-proxy03".into(),
        after: "vm-rhel-jpe01".into()
    }));
    let paste = analyze(
        b"$ curl -I https://login.windows.net\nHTTP/1.1 200 OK\n",
        &Options::default(),
    );
    let c = compare(&read(BEFORE), &paste);
    assert_eq!(c.same_machine, None);
    // A paste of commands is a Linux connectivity input too: no note about kinds.
    assert!(!c
        .notes
        .iter()
        .any(|n| matches!(n, Note::DifferentKinds { .. })));
    // The one destination both tested: fixed; the rest only before.
    let fixed: Vec<&str> = c
        .changes
        .iter()
        .filter(|x| x.change == ChangeKind::Fixed)
        .map(|x| x.target.as_str())
        .collect();
    assert_eq!(fixed, ["login.windows.net"]);
    assert_eq!(c.count(ChangeKind::OnlyBefore), 29);
    let agent = analyze(
        b"$ az vm get-instance-view -g rg -n vm --query instanceView.vmAgent.statuses\n[{\"code\": \"ProvisioningState/succeeded\", \"displayStatus\": \"Ready\"}]\n",
        &Options::default(),
    );
    let c = compare(&read(BEFORE), &agent);
    assert!(c.notes.contains(&Note::DifferentKinds {
        before: InputKind::LinuxConnectivityLog,
        after: InputKind::AgentStatus
    }));
}

#[test]
fn nothing_to_compare_is_said_and_fails_nothing() {
    let empty = analyze(b"hello\n", &Options::default());
    let c = compare(&empty, &empty);
    assert!(c.changes.is_empty());
    assert!(!c.anything_fails());
    assert_eq!(
        render::compare::sentence(&c).en,
        "Neither input holds a check to compare."
    );
}

#[test]
fn renderings_of_the_proxy_comparison() {
    let c = proxy_fixed();
    for lang in [Lang::En, Lang::Ja] {
        let l = lang.code();
        insta::assert_snapshot!(format!("compare_text_{l}"), render::compare::text(&c, lang));
        insta::assert_snapshot!(
            format!("compare_markdown_{l}"),
            render::compare::markdown(&c, lang)
        );
    }
}

#[test]
fn a_destination_only_the_later_run_tested_is_only_after() {
    let paste = analyze(
        b"$ curl -I https://login.windows.net\nHTTP/1.1 200 OK\n",
        &Options::default(),
    );
    let c = compare(&paste, &read(BEFORE));
    assert_eq!(c.count(ChangeKind::OnlyAfter), 29);
    assert_eq!(c.count(ChangeKind::Broken), 1);
    let only: Vec<&Change> = c
        .changes
        .iter()
        .filter(|x| x.change == ChangeKind::OnlyAfter)
        .collect();
    assert!(only.iter().all(|x| x.before.is_none() && x.after.is_some()));
    // A failure only the later run saw still fails the comparison.
    assert!(only
        .iter()
        .any(|x| x.target == "pod01-prot1.jpe.backup.windowsazure.com"
            && x.after == Some(Status::Failure)));
    assert!(c.anything_fails());
}

#[test]
fn the_page_pairs_one_hosts_earliest_and_latest_runs() {
    let (before, after) = (read(BEFORE), read(AFTER));
    let other = read("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log");
    let paste = analyze(
        b"$ curl -I https://login.windows.net\nHTTP/1.1 200 OK\n",
        &Options::default(),
    );
    let none = analyze(b"hello\n", &Options::default());
    // Opened after first: the run dates decide which is BEFORE.
    assert_eq!(pair(&[&after, &before]), Some((1, 0)));
    // Another machine and a paste open beside them do not get in the way.
    assert_eq!(pair(&[&other, &paste, &before, &after]), Some((2, 3)));
    // Two machines, one run each: nothing to compare.
    assert_eq!(pair(&[&before, &other]), None);
    // Two inputs, one without a host: compared in the order they were opened.
    assert_eq!(pair(&[&paste, &before]), Some((0, 1)));
    // An input without a check is not a run.
    assert_eq!(pair(&[&before, &none]), None);
    assert_eq!(pair(&[&before]), None);
    // The same file twice: nothing fixed, nothing broken, its failures still failing.
    assert_eq!(pair(&[&before, &before]), Some((0, 1)));
    let c = compare(&before, &before);
    assert_eq!(c.count(ChangeKind::Fixed) + c.count(ChangeKind::Broken), 0);
    assert_eq!(c.count(ChangeKind::StillFailing), 8);
}

#[test]
fn a_later_run_of_the_same_machine_speaks_for_it_in_the_combined_verdict() {
    let (before, after) = (bytes(BEFORE), bytes(AFTER));
    // Opened in either order, only the later run's checks count.
    for inputs in [
        [
            (&before[..], "before".to_owned()),
            (&after[..], "after".to_owned()),
        ],
        [
            (&after[..], "after".to_owned()),
            (&before[..], "before".to_owned()),
        ],
    ] {
        let b = analyze_many(&inputs, &Options::default());
        let later = inputs.iter().position(|(_, n)| n == "after").unwrap();
        let workload = scenario(&b, Scenario::WorkloadBackup);
        assert_eq!(workload.reports, [later]);
        assert_eq!(workload.reason.en, "1 of 24 checks failed");
    }
    // Runs of two machines both count.
    let other = bytes("corpus/connectivity/logs/CheckNWResult_vm-rhel-jpe01_202611220004.log");
    let b = analyze_many(
        &[
            (&before[..], "before".to_owned()),
            (&other[..], "other".to_owned()),
        ],
        &Options::default(),
    );
    assert_eq!(scenario(&b, Scenario::Mars).reports, [0, 1]);
}

#[test]
fn a_later_run_cut_short_leaves_the_earlier_runs_word_on_what_it_did_not_reach() {
    let before = bytes(BEFORE);
    // The later run stopped after its file-recovery part, before the Azure Backup endpoints.
    let after = String::from_utf8(bytes(AFTER)).unwrap();
    let cut = after
        .find("##TRY!! nslookup  pod01-manag1")
        .expect("the Azure Backup part");
    let head = after.get(..cut).unwrap();
    let b = analyze_many(
        &[
            (&before[..], "before".to_owned()),
            (head.as_bytes(), "after".to_owned()),
        ],
        &Options::default(),
    );
    assert_eq!(
        b.reports[1].machine.host.as_deref(),
        Some("vm-ubuntu-proxy03")
    );
    assert_eq!(scenario(&b, Scenario::FileRecovery).reports, [1]);
    assert_eq!(scenario(&b, Scenario::WorkloadBackup).reports, [0]);
    assert_eq!(scenario(&b, Scenario::Mars).reports, [0]);
}

/// The combined verdict's word on one scenario.
fn scenario(b: &Bundle, s: Scenario) -> &ScenarioVerdict {
    b.combined
        .scenarios
        .iter()
        .find(|x| x.scenario == s)
        .unwrap()
}
