//! The banner's one sentence.

use crate::i18n::{Lang, TextBuf};
use crate::report::{Report, Severity, Status};
use crate::tr;

pub fn sentence(r: &Report) -> TextBuf {
    match &r.agent {
        Some(a) => agent_sentence(r, a),
        None => checks_sentence(r),
    }
}

/// The sentence of the checks, their counts and the worst finding.
fn checks_sentence(r: &Report) -> TextBuf {
    let c = r.counts;
    let n = c.total();
    let top = |sev: &[Severity]| {
        r.findings
            .iter()
            .find(|f| sev.contains(&f.severity))
            .map(|f| (super::words(f, Lang::En), super::words(f, Lang::Ja)))
    };
    // Settings read without any check (a proxy dump, the TLS registry): their finding says it.
    if n == 0 && r.overall != Status::Inconclusive {
        let sev = match r.overall {
            Status::Failure => Severity::Failure,
            Status::Warning => Severity::Warning,
            _ => Severity::Info,
        };
        let t = top(&[sev]).unwrap_or_default();
        return tr!(en: "{}."; ja: "{1}。"; with: t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'));
    }
    match r.overall {
        Status::Ok if n == 1 => {
            tr!(en: "The check passed."; ja: "チェックは成功しました。")
        }
        Status::Ok if n == 2 => {
            tr!(en: "Both checks passed."; ja: "2 件のチェックがどちらも成功しました。")
        }
        Status::Ok => {
            tr!(en: "All {} checks passed."; ja: "{} 件のチェックがすべて成功しました。"; with: n)
        }
        Status::Failure => {
            let Some(t) = top(&[Severity::Failure]) else {
                // No finding of the failure's own: the counts say it alone.
                return tr!(en: "{} of {} check(s) failed."; ja: "{1} 件中 {0} 件のチェックが失敗しています。"; with: c.failure, n);
            };
            let (en, ja) = (
                t.0.title.trim_end_matches('.'),
                t.1.title.trim_end_matches('。'),
            );
            // Said for the count there is: one check, all of several, some of several.
            if n == 1 && c.failure == 1 {
                tr!(en: "{}. The check failed."; ja: "{1}。チェックは失敗しました。"; with: en, ja)
            } else if c.failure == n && n == 2 {
                tr!(en: "{}. Both checks failed."; ja: "{1}。2 件のチェックがどちらも失敗しています。"; with: en, ja)
            } else if c.failure == n {
                tr!(en: "{}. All {} checks failed."; ja: "{2}。{1} 件のチェックがすべて失敗しています。"; with: en, n, ja)
            } else {
                tr!(en: "{}. {} of {} checks failed.";
                ja: "{3}。{2} 件中 {1} 件のチェックが失敗しています。";
                with: en, c.failure, n, ja)
            }
        }
        Status::Warning => {
            let t = top(&[Severity::Warning]).unwrap_or_default();
            let (en, ja) = (
                t.0.title.trim_end_matches('.'),
                t.1.title.trim_end_matches('。'),
            );
            let k = c.warning + c.inconclusive;
            if k == 0 {
                // The warning is a finding about the input or its settings, not a check's.
                tr!(en: "No check failed, but this needs attention: {}."; ja: "失敗したチェックはありませんが、確認が必要です: {1}。"; with: en, ja)
            } else if n == 1 {
                tr!(en: "The check did not fail, but it needs attention: {}."; ja: "チェックは失敗していませんが、確認が必要です: {1}。"; with: en, ja)
            } else if k == n && n == 2 {
                tr!(en: "No check failed, but both need attention: {}."; ja: "失敗したチェックはありませんが、2 件とも確認が必要です: {1}。"; with: en, ja)
            } else if k == n {
                tr!(en: "No check failed, but all {} need attention: {}."; ja: "失敗したチェックはありませんが、{0} 件すべてに確認が必要です: {2}。"; with: n, en, ja)
            } else if k == 1 {
                tr!(en: "No check failed, but 1 of {} needs attention: {}."; ja: "失敗したチェックはありませんが、{0} 件中 1 件に確認が必要です: {2}。"; with: n, en, ja)
            } else {
                tr!(en: "No check failed, but {} of {} need attention: {}.";
                ja: "失敗したチェックはありませんが、{1} 件中 {0} 件に確認が必要です: {3}。";
                with: k, n, en, ja)
            }
        }
        Status::Inconclusive => {
            let t = top(&[Severity::Failure, Severity::Warning]).unwrap_or_default();
            if t.0.title.is_empty() {
                tr!(en: "Nothing could be concluded from this input."; ja: "この入力からは判定できませんでした。")
            } else {
                tr!(en: "Nothing could be concluded: {}."; ja: "判定できませんでした: {1}。"; with: t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'))
            }
        }
    }
}

fn agent_sentence(r: &Report, a: &crate::report::AgentReport) -> TextBuf {
    use crate::report::AgentState;
    let top = |sev: Severity| {
        r.findings
            .iter()
            .find(|f| f.severity == sev)
            .map(|f| (super::words(f, Lang::En), super::words(f, Lang::Ja)))
    };
    match r.overall {
        // A failing check without an agent finding of its own (IMDS timing out) is said as the
        // checks say it.
        Status::Failure | Status::Warning => {
            let sev = if r.overall == Status::Failure {
                Severity::Failure
            } else {
                Severity::Warning
            };
            match top(sev) {
                Some(t) => {
                    tr!(en: "{}."; ja: "{1}。"; with: t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'))
                }
                None => checks_sentence(r),
            }
        }
        Status::Ok if a.state == AgentState::Ready => match &a.version {
            Some(v) => {
                tr!(en: "The VM agent is Ready (version {})."; ja: "VM エージェントは Ready です (バージョン {})。"; with: v)
            }
            None => tr!(en: "The VM agent is Ready."; ja: "VM エージェントは Ready です。"),
        },
        Status::Ok => {
            tr!(en: "No agent problem found; the Ready state itself is not in this text."; ja: "エージェントの問題は見つかりませんでしたが、Ready 状態そのものはこのテキストに含まれていません。")
        }
        Status::Inconclusive => {
            tr!(en: "The agent's state cannot be decided from this text."; ja: "このテキストからはエージェントの状態を判断できません。")
        }
    }
}
