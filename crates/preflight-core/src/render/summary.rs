//! The banner's one sentence.

use crate::i18n::{Lang, TextBuf};
use crate::report::{Report, Severity, Status};
use crate::tr;

pub fn sentence(r: &Report) -> TextBuf {
    if let Some(a) = &r.agent {
        return agent_sentence(r, a);
    }
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
        Status::Ok => {
            tr!(en: "All {} checks passed."; ja: "{} 件のチェックがすべて成功しました。"; with: n)
        }
        Status::Failure => {
            let t = top(&[Severity::Failure]).unwrap_or_default();
            tr!(en: "{}. {} of {} checks failed.";
            ja: "{3}。{2} 件中 {1} 件のチェックが失敗しています。";
            with: t.0.title.trim_end_matches('.'), c.failure, n, t.1.title.trim_end_matches('。'))
        }
        Status::Warning => {
            let t = top(&[Severity::Warning]).unwrap_or_default();
            tr!(en: "No check failed, but {} of {} need attention: {}.";
            ja: "失敗したチェックはありませんが、{1} 件中 {0} 件に確認が必要です: {3}。";
            with: c.warning + c.inconclusive, n, t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'))
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
        Status::Failure => {
            let t = top(Severity::Failure).unwrap_or_default();
            tr!(en: "{}."; ja: "{1}。"; with: t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'))
        }
        Status::Warning => {
            let t = top(Severity::Warning).unwrap_or_default();
            tr!(en: "{}."; ja: "{1}。"; with: t.0.title.trim_end_matches('.'), t.1.title.trim_end_matches('。'))
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
