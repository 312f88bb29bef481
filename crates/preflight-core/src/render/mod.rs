//! Renderers: a `Report` in, text out. They never look at the input again.
//!
//! JSON is `json`: the `Report` field by field, as its serde form reads.

pub mod compare;
pub mod json;
pub mod markdown;
pub mod summary;
pub mod text;
pub mod view;

use crate::i18n::{Lang, Text};
use crate::report::{
    AgentReport, AgentState, Cell, Check, Finding, FindingWords, InputKind, Report, Scenario,
    Status,
};
use view::ProxySource;

/// A finding's words in `lang`: its code's catalogue entry, with the finding's own sentences
/// after the explanation and in place of the title or next step where it has them.
pub fn words(f: &Finding, lang: Lang) -> FindingWords {
    let spec = f.code.spec();
    let said = |s: &Option<crate::report::Sentence>, default: Text| match s {
        Some(s) => crate::rules::say::render_one(s, lang),
        None => default.get(lang).to_owned(),
    };
    let mut message = spec.explain.get(lang).to_owned();
    for s in &f.detail {
        crate::rules::say::append(&mut message, s, lang);
    }
    FindingWords {
        title: said(&f.title, spec.title),
        message,
        next_step: said(&f.next_step, spec.next_step),
    }
}

/// What a check's output says, in `lang`.
pub fn summary(c: &Check, lang: Lang) -> String {
    crate::rules::say::render(&c.summary, lang)
}

/// The note on an agent status line, in `lang`.
pub fn note(a: &crate::report::Annotation, lang: Lang) -> String {
    crate::rules::say::render_one(&a.note, lang)
}

pub(crate) fn scenarios(list: &[Scenario], lang: Lang) -> String {
    list.iter()
        .map(|s| s.label().get(lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "、" } else { ", " })
}

/// The status word of a matrix cell, with its icon. A cell the input has nothing for is a bare
/// dot: in a text table its words would only crowd the cells that say something.
pub fn cell_word(cell: &Cell, lang: Lang) -> (Option<Status>, String) {
    let word = match cell {
        Cell::NotInInput => cell.icon().to_owned(),
        _ => format!("{} {}", cell.icon(), cell.label().get(lang)),
    };
    (cell.status(), word)
}

pub(crate) const TITLE: Text = Text {
    en: "Azure Backup connectivity check",
    ja: "Azure Backup 疎通確認",
};

pub(crate) fn input_line(report: &Report, lang: Lang) -> String {
    let i = &report.input;
    format!(
        "{} ({}; {}) · {} · {} {}",
        i.kind.word(),
        i.detection.get(lang),
        i.confidence.label().get(lang),
        i.encoding,
        i.lines,
        match lang {
            Lang::Ja => "行",
            Lang::En if i.lines == 1 => "line",
            Lang::En => "lines",
        }
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

/// The proxy as the report knows it: the variable's value, curl's own mention, or why unknown.
pub fn proxy_label(report: &Report, lang: Lang) -> String {
    use crate::i18n::ui;
    match report.proxy.source() {
        ProxySource::Environment(v) => v.to_owned(),
        ProxySource::Curl(via) => {
            let via = via.map(|v| format!("{v} ")).unwrap_or_default();
            match lang {
                Lang::En => format!("seen in curl's output {via}(not in the proxy section)"),
                Lang::Ja => format!("curl の出力に出現 {via}(プロキシ設定欄には無し)"),
            }
        }
        ProxySource::NotSet => ui::NOT_SET.get(lang).to_owned(),
        ProxySource::Unknown => ui::UNKNOWN.get(lang).to_owned(),
    }
}

/// How often a quoted line was read, after the line: `" (×8)"`, nothing when once.
pub fn times(count: usize) -> String {
    if count > 1 {
        format!(" (×{count})")
    } else {
        String::new()
    }
}

/// The title of a report: what kind of input it is about.
pub fn title(report: &Report, lang: Lang) -> &'static str {
    match report.input.kind {
        InputKind::AgentStatus => crate::i18n::ui::AGENT_TITLE.get(lang),
        _ => TITLE.get(lang),
    }
}

/// One row of the agent panel: a label, a status (for the icon and colour) and a value.
pub struct AgentRow {
    pub label: &'static str,
    pub status: Option<Status>,
    pub value: String,
}

/// The agent panel's rows, shared by every renderer so that they say the same thing.
pub fn agent_rows(a: &AgentReport, lang: Lang) -> Vec<AgentRow> {
    use crate::i18n::ui;
    let mut rows = Vec::new();
    let mut state = a.state.label().get(lang).to_owned();
    if let Some(src) = &a.state_source {
        state.push_str(&format!(" ({src})"));
    }
    if let Some(m) = &a.status_message {
        state.push_str(&format!(" — {m}"));
    }
    if a.state == AgentState::Unknown {
        if let Some(s) = a.service.as_ref().filter(|s| s.running) {
            state.push_str(&match lang {
                Lang::En => format!(" — {} is running, Ready likely", s.unit),
                Lang::Ja => format!(" — {} は実行中 (Ready の可能性が高い)", s.unit),
            });
        }
    }
    rows.push(AgentRow {
        label: ui::STATE.get(lang),
        status: Some(a.state.status()),
        value: state,
    });
    let (vs, vv) = match (&a.version, a.version_supported) {
        (Some(v), Some(true)) => (
            Some(Status::Ok),
            format!(
                "{v} ≥ {} ({})",
                a.minimum_version.clone().unwrap_or_default(),
                ui::SUPPORTED.get(lang)
            ),
        ),
        (Some(v), Some(false)) => (
            Some(Status::Warning),
            format!(
                "{v} < {} ({})",
                a.minimum_version.clone().unwrap_or_default(),
                ui::UNSUPPORTED.get(lang)
            ),
        ),
        (Some(v), None) => (Some(Status::Inconclusive), v.clone()),
        (None, _) => (None, ui::NOT_SHOWN.get(lang).to_owned()),
    };
    let mut vv = vv;
    if let Some(p) = &a.package_version {
        vv.push_str(&match lang {
            Lang::En => format!(" (installed package {p})"),
            Lang::Ja => format!(" (インストール済みパッケージ {p})"),
        });
    }
    rows.push(AgentRow {
        label: ui::VERSION.get(lang),
        status: vs,
        value: vv,
    });
    let (es, ev) = match &a.extension {
        Some(e) if e.state == "failed" => (
            Some(Status::Failure),
            format!(
                "{} {} — {}{}",
                e.name,
                e.version.clone().unwrap_or_default(),
                ui::FAILED.get(lang),
                e.message
                    .as_ref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ),
        ),
        Some(e) => (
            Some(Status::Ok),
            format!("{} {}", e.name, e.version.clone().unwrap_or_default()),
        ),
        None if a.state == AgentState::Ready && !a.handlers.is_empty() => {
            (None, ui::NOT_INSTALLED.get(lang).to_owned())
        }
        None => (None, ui::NOT_SHOWN.get(lang).to_owned()),
    };
    rows.push(AgentRow {
        label: ui::BACKUP_EXTENSION.get(lang),
        status: es,
        value: ev.trim().to_owned(),
    });
    let image = a.image.as_ref().or(a.plan.as_ref()).map(|i| {
        [i.publisher.clone(), i.offer.clone(), i.sku.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ")
    });
    let (as_, av) = match (&a.appliance, &image) {
        (Some(v), Some(img)) => (Some(Status::Failure), format!("{v} ({img})")),
        (Some(v), None) => (Some(Status::Failure), v.clone()),
        (None, Some(img)) => (
            Some(Status::Ok),
            format!("{} ({img})", ui::NONE_IDENTIFIED.get(lang)),
        ),
        (None, None) if a.os.is_some() => {
            (Some(Status::Ok), ui::NONE_IDENTIFIED.get(lang).to_owned())
        }
        (None, None) => (
            Some(Status::Inconclusive),
            ui::ASK_PUBLISHER.get(lang).to_owned(),
        ),
    };
    rows.push(AgentRow {
        label: ui::APPLIANCE.get(lang),
        status: as_,
        value: av,
    });
    if let Some(w) = &a.wireserver {
        let word = if w.reachable {
            ui::REACHABLE.get(lang)
        } else {
            ui::UNREACHABLE.get(lang)
        };
        let port = w.port.map(|p| format!(" (TCP {p})")).unwrap_or_default();
        rows.push(AgentRow {
            label: ui::WIRESERVER.get(lang),
            status: Some(if w.reachable {
                Status::Ok
            } else {
                Status::Failure
            }),
            value: format!("{word}{port}"),
        });
    }
    if let Some(i) = &a.imds {
        let word = if i.reachable {
            ui::REACHABLE.get(lang)
        } else {
            ui::UNREACHABLE.get(lang)
        };
        rows.push(AgentRow {
            label: ui::IMDS.get(lang),
            status: Some(if i.reachable {
                Status::Ok
            } else {
                Status::Warning
            }),
            value: word.to_owned(),
        });
    }
    if let Some(s) = &a.service {
        let word = if s.running {
            ui::RUNNING.get(lang)
        } else {
            ui::STOPPED.get(lang)
        };
        rows.push(AgentRow {
            label: ui::SERVICE.get(lang),
            status: Some(if s.running {
                Status::Ok
            } else {
                Status::Failure
            }),
            value: format!("{} {word}", s.unit),
        });
    }
    if let Some(os) = &a.os {
        rows.push(AgentRow {
            label: ui::OS.get(lang),
            status: None,
            value: os.clone(),
        });
    }
    rows
}
