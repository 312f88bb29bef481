//! The banner's one sentence.

use crate::i18n::TextBuf;
use crate::report::{Report, Severity, Status};
use crate::tr;

pub fn sentence(r: &Report) -> TextBuf {
    let c = r.counts;
    let n = c.total();
    let top = |sev: &[Severity]| {
        r.findings
            .iter()
            .find(|f| sev.contains(&f.severity))
            .map(|f| f.text.clone())
    };
    match r.overall {
        Status::Ok => {
            tr!(en: "All {} checks passed.", n; ja: "{} 件のチェックがすべて成功しました。", n)
        }
        Status::Failure => {
            let t = top(&[Severity::Failure]).unwrap_or_default();
            tr!(en: "{}. {} of {} checks failed.", t.en.title.trim_end_matches('.'), c.failure, n;
                ja: "{}。{} 件中 {} 件のチェックが失敗しています。", t.ja.title.trim_end_matches('。'), n, c.failure)
        }
        Status::Warning => {
            let t = top(&[Severity::Warning]).unwrap_or_default();
            tr!(en: "No check failed, but {} of {} need attention: {}.", c.warning + c.inconclusive, n, t.en.title.trim_end_matches('.');
                ja: "失敗したチェックはありませんが、{} 件中 {} 件に確認が必要です: {}。", n, c.warning + c.inconclusive, t.ja.title.trim_end_matches('。'))
        }
        Status::Inconclusive => {
            let t = top(&[Severity::Failure, Severity::Warning]).unwrap_or_default();
            if t.en.title.is_empty() {
                tr!(en: "Nothing could be concluded from this input."; ja: "この入力からは判定できませんでした。")
            } else {
                tr!(en: "Nothing could be concluded: {}.", t.en.title.trim_end_matches('.'); ja: "判定できませんでした: {}。", t.ja.title.trim_end_matches('。'))
            }
        }
    }
}
