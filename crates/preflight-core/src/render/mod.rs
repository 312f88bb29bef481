//! Renderers: a `Report` in, text out. They never look at the input again.
//!
//! JSON is `serde_json` of the `Report` itself (done by the callers, which own serde_json).

pub mod markdown;
pub mod summary;
pub mod text;

use crate::i18n::{Lang, Text};
use crate::report::{Cell, Report, Scenario, Status};

pub(crate) fn scenarios(list: &[Scenario], lang: Lang) -> String {
    list.iter()
        .map(|s| s.label().get(lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "、" } else { ", " })
}

/// The status word of a matrix cell, with its icon.
pub fn cell_word(cell: &Cell, lang: Lang) -> (Option<Status>, String) {
    use crate::i18n::ui;
    match cell {
        Cell::Checked { status, .. } => (
            Some(*status),
            format!("{} {}", status.icon(), status.label().get(lang)),
        ),
        Cell::NotRun { .. } => (None, format!("… {}", ui::NOT_RUN.get(lang))),
        Cell::NotTested => (None, format!("– {}", ui::NOT_TESTED.get(lang))),
        Cell::NotInInput => (None, "·".to_owned()),
    }
}

pub(crate) const TITLE: Text = Text {
    en: "Azure Backup connectivity check",
    ja: "Azure Backup 疎通確認",
};

/// `N lines` / `行 N–M` for a set of ranges.
pub(crate) fn lines_label(r: &crate::report::Lines, lang: Lang) -> String {
    let (a, b) = (r.first(), r.last());
    match (lang, a == b) {
        (Lang::En, true) => format!("line {a}"),
        (Lang::En, false) => format!("lines {a}–{b}"),
        (Lang::Ja, true) => format!("{a} 行目"),
        (Lang::Ja, false) => format!("{a}–{b} 行目"),
    }
}

pub(crate) fn input_line(report: &Report, lang: Lang) -> String {
    let i = &report.input;
    let conf = match (i.confidence, lang) {
        (crate::report::Confidence::High, Lang::En) => "high confidence",
        (crate::report::Confidence::Medium, Lang::En) => "medium confidence",
        (crate::report::Confidence::Low, Lang::En) => "low confidence",
        (crate::report::Confidence::High, Lang::Ja) => "確度 高",
        (crate::report::Confidence::Medium, Lang::Ja) => "確度 中",
        (crate::report::Confidence::Low, Lang::Ja) => "確度 低",
    };
    format!(
        "{} ({}; {}) · {} · {} {}",
        i.kind.word(),
        i.detection.get(lang),
        conf,
        i.encoding,
        i.lines,
        if lang == Lang::Ja { "行" } else { "lines" }
    )
}

/// The OS line: from hostnamectl, or why it is unknown.
pub(crate) fn os_label(report: &Report, lang: Lang) -> String {
    use crate::i18n::ui;
    match (&report.machine.os, report.machine.hostnamectl_unavailable) {
        (Some(os), _) => os.clone(),
        (None, true) => match lang {
            Lang::En => "unknown (hostnamectl unavailable: no systemd)".to_owned(),
            Lang::Ja => "不明 (hostnamectl を実行できない環境: systemd なし)".to_owned(),
        },
        (None, false) => ui::UNKNOWN.get(lang).to_owned(),
    }
}

/// The machine's addresses from `ip a`, loopback and link-local left out.
pub(crate) fn addresses_label(report: &Report) -> Option<String> {
    let mut parts = Vec::new();
    for i in &report.machine.interfaces {
        if i.name == "lo" {
            continue;
        }
        for a in &i.addresses {
            if a.starts_with("fe80:") || a.starts_with("::1") {
                continue;
            }
            parts.push(format!("{} {}", i.name, a));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

pub(crate) fn proxy_label(report: &Report, lang: Lang) -> String {
    use crate::i18n::ui;
    let p = &report.proxy;
    if let Some(v) = p.https_proxy.as_ref().or(p.http_proxy.as_ref()) {
        return v.clone();
    }
    if p.seen_in_curl {
        let via = p
            .from_curl
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_default();
        return match lang {
            Lang::En => {
                format!("seen in curl's output {via} (not in the proxy section)").replace("  ", " ")
            }
            Lang::Ja => {
                format!("curl の出力に出現 {via} (プロキシ設定欄には無し)").replace("  ", " ")
            }
        };
    }
    if p.section_present {
        ui::NOT_SET.get(lang).to_owned()
    } else {
        ui::UNKNOWN.get(lang).to_owned()
    }
}
