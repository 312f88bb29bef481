//! The terminal rendering: a verdict line, findings, the endpoint matrix and every check.
//!
//! Colour is optional (the CLI turns it off for `NO_COLOR`, `--no-color` and pipes); every status
//! also carries an icon and a word, so nothing depends on colour.

use std::fmt::Write;

use crate::i18n::{ui, Lang, Text};
use crate::report::{Layer, Report, Severity, Status};

use super::{
    addresses_label, agent_rows, cell_word, input_line, os_label, proxy_label, scenarios, title,
};

#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_owned()
        }
    }
    fn status(&self, st: Status, s: &str) -> String {
        let code = match st {
            Status::Ok => "32",
            Status::Warning => "33",
            Status::Failure => "1;31",
            Status::Inconclusive => "35",
        };
        self.paint(code, s)
    }
    fn severity(&self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Info => "36",
            Severity::Ok => "32",
            Severity::Warning => "33",
            Severity::Failure => "1;31",
        };
        self.paint(code, s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

const CHECKS_HEADING: Text = Text {
    en: "Checks (in log order)",
    ja: "チェック (ログの順)",
};

/// Renders the report for a terminal. Log-derived strings have control characters removed so a
/// hostile log cannot move the cursor or recolour the terminal.
pub fn render(r: &Report, lang: Lang, style: Style) -> String {
    let mut o = String::new();
    header(&mut o, r, lang, style);
    verdict(&mut o, r, lang, style);
    agent_section(&mut o, r, lang, style);
    findings_section(&mut o, r, lang, style);
    endpoints_section(&mut o, r, lang, style);
    checks_section(&mut o, r, lang, style);
    if r.checks.is_empty() && r.agent.is_none() {
        let _ = writeln!(o, "\n{}", style.dim(&lines_note(r, lang)));
    }
    o
}

/// The input's name, kind and machine.
fn header(o: &mut String, r: &Report, lang: Lang, style: Style) {
    let name = if r.input.name.is_empty() {
        "-"
    } else {
        r.input.name.as_str()
    };
    let _ = writeln!(o, "{} — {}", style.bold(title(r, lang)), safe(name));
    let _ = writeln!(
        o,
        "{}",
        style.dim(&format!(
            "{}: {}",
            ui::INPUT.get(lang),
            safe(&input_line(r, lang))
        ))
    );
    if r.agent.is_some() {
        let mut parts = Vec::new();
        if let Some(h) = &r.machine.host {
            parts.push(format!("{}: {}", ui::HOST.get(lang), h));
        }
        if let Some(os) = &r.machine.os {
            parts.push(format!("{}: {}", ui::OS.get(lang), os));
        }
        if !parts.is_empty() {
            let _ = writeln!(o, "{}", style.dim(&safe(&parts.join(" · "))));
        }
    } else if r.machine.host.is_some() || r.machine.run_date.is_some() {
        let host = r
            .machine
            .host
            .clone()
            .unwrap_or_else(|| ui::UNKNOWN.get(lang).to_owned());
        let date = r.machine.run_date().unwrap_or_default();
        let _ = writeln!(
            o,
            "{}",
            style.dim(&safe(&format!(
                "{}: {} · {}: {} · {}: {} · {}: {}",
                ui::HOST.get(lang),
                host,
                ui::RUN_DATE.get(lang),
                date,
                ui::OS.get(lang),
                os_label(r, lang),
                ui::PROXY.get(lang),
                proxy_label(r, lang)
            )))
        );
    }
    if let Some(a) = addresses_label(r) {
        let _ = writeln!(
            o,
            "{}",
            style.dim(&safe(&format!("{}: {}", ui::IP_ADDRESSES.get(lang), a)))
        );
    }
}

/// The overall verdict, the summary and the counts.
fn verdict(o: &mut String, r: &Report, lang: Lang, style: Style) {
    o.push('\n');
    let verdict = format!(
        "{} {}",
        r.overall.icon(),
        r.overall.label().get(lang).to_uppercase()
    );
    let _ = writeln!(
        o,
        "{}  {}",
        style.status(r.overall, &verdict),
        safe(r.summary.get(lang))
    );
    let c = r.counts;
    if c.total() > 0 {
        let _ = writeln!(
            o,
            "   {} {} · {} {} · {} {} · {} {}",
            style.status(Status::Ok, &c.ok.to_string()),
            ui::OK.get(lang),
            style.status(Status::Warning, &c.warning.to_string()),
            ui::WARNING.get(lang),
            style.status(Status::Failure, &c.failure.to_string()),
            ui::FAILURE.get(lang),
            style.status(Status::Inconclusive, &c.inconclusive.to_string()),
            ui::INCONCLUSIVE.get(lang),
        );
    }
}

/// The VM agent's status, one row per fact.
fn agent_section(o: &mut String, r: &Report, lang: Lang, style: Style) {
    if let Some(a) = &r.agent {
        let _ = writeln!(o, "\n{}", style.bold(ui::AGENT.get(lang)));
        let rows = agent_rows(a, lang);
        let w = rows
            .iter()
            .map(|x| display_width(x.label))
            .max()
            .unwrap_or(8);
        for row in rows {
            let icon = row.status.map(|s| s.icon()).unwrap_or("·");
            let value = format!("{icon} {}", safe(&row.value));
            let painted = match row.status {
                Some(s) => style.status(s, &value),
                None => value,
            };
            let _ = writeln!(o, "  {}  {}", pad(row.label, w), painted);
        }
    }
}

/// Every finding with its message, scenarios, next step and evidence.
fn findings_section(o: &mut String, r: &Report, lang: Lang, style: Style) {
    if !r.findings.is_empty() {
        let _ = writeln!(o, "\n{}", style.bold(ui::FINDINGS.get(lang)));
        for f in &r.findings {
            let w = &super::words(f, lang);
            let head = format!("{} {}", f.severity.icon(), f.code);
            let _ = writeln!(
                o,
                "{}  {}",
                style.severity(f.severity, &head),
                style.bold(&safe(&w.title))
            );
            for line in wrap(&safe(&w.message), 96) {
                let _ = writeln!(o, "    {line}");
            }
            if !f.affects.is_empty() {
                let _ = writeln!(
                    o,
                    "    {}: {}",
                    ui::AFFECTS.get(lang),
                    scenarios(&f.affects, lang)
                );
                if !f.unaffected.is_empty() {
                    let _ = writeln!(
                        o,
                        "    {}: {}",
                        ui::UNAFFECTED.get(lang),
                        scenarios(&f.unaffected, lang)
                    );
                }
            }
            let next = safe(&w.next_step);
            for (i, line) in wrap(&next, 92).into_iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(
                        o,
                        "    {} {}",
                        style.bold(&format!("{}:", ui::NEXT_STEP.get(lang))),
                        line
                    );
                } else {
                    let _ = writeln!(o, "      {line}");
                }
            }
            for e in f.evidence.iter().take(3) {
                let _ = writeln!(
                    o,
                    "    {}",
                    style.dim(&format!(
                        "{} {:>5} │ {}{}",
                        ui::LINE.get(lang),
                        e.line,
                        safe(&e.text),
                        super::times(e.count)
                    ))
                );
            }
            let _ = writeln!(o, "    {}", style.dim(f.code.spec().doc_url));
        }
    }
}

/// The endpoint matrix: DNS, TCP and HTTPS per endpoint, by section.
fn endpoints_section(o: &mut String, r: &Report, lang: Lang, style: Style) {
    if !r.endpoints.is_empty() {
        let _ = writeln!(o, "\n{}", style.bold(ui::ENDPOINTS.get(lang)));
        let width = r
            .endpoints
            .iter()
            .map(|e| e.target.chars().count())
            .max()
            .unwrap_or(10)
            .min(48);
        for (section, endpoints) in r.endpoint_groups() {
            let _ = writeln!(o, "  {}", style.bold(section.label().get(lang)));
            for e in endpoints {
                let mut row = format!("    {:<width$}", safe(&e.target), width = width);
                let mut cell = |label: &str, c: &crate::report::Cell| {
                    let (st, word) = cell_word(c, lang);
                    let word = format!("{label} {word}");
                    let padded = format!("{word:<22}");
                    row.push_str("  ");
                    row.push_str(&match st {
                        Some(s) => style.status(s, &padded),
                        None => style.dim(&padded),
                    });
                };
                cell(Layer::Dns.label().get(lang), &e.dns);
                for t in e.tcp_cells() {
                    let tcp = Layer::Tcp.label().get(lang);
                    match t.port() {
                        Some(p) => cell(&format!("{tcp}/{p}"), t),
                        None => cell(tcp, t),
                    }
                }
                cell(Layer::Https.label().get(lang), &e.https);
                if let Some(reg) = &e.region {
                    let name = reg.name_in(lang);
                    row.push_str(&style.dim(&format!("  [{} = {}]", reg.code, name)));
                }
                let _ = writeln!(o, "{}", row.trim_end());
            }
        }
    }
}

/// Every check in log order.
fn checks_section(o: &mut String, r: &Report, lang: Lang, style: Style) {
    if !r.checks.is_empty() {
        let _ = writeln!(o, "\n{}", style.bold(CHECKS_HEADING.get(lang)));
        let tool_w = r
            .checks
            .iter()
            .map(|c| c.tool.word().len())
            .max()
            .unwrap_or(8);
        for c in &r.checks {
            let target = match c.port {
                Some(p) if c.tool != crate::report::Tool::Curl => format!("{} {}", c.target, p),
                _ => c.target.clone(),
            };
            let word = format!("{} {:<12}", c.status.icon(), c.status.label().get(lang));
            let _ = writeln!(
                o,
                "  {:>9}  {:<tool_w$} {:<48} {}  {}",
                format!("{}-{}", c.lines.first(), c.lines.last()),
                c.tool.word(),
                safe(&target),
                style.status(c.status, &word),
                style.dim(&safe(&super::summary(c, lang)))
            );
        }
    }
}

fn lines_note(r: &Report, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} bytes, {} lines read; no checks found.",
            r.input.bytes, r.input.lines
        ),
        Lang::Ja => format!(
            "{} バイト・{} 行を読み込みました。チェックは見つかりませんでした。",
            r.input.bytes, r.input.lines
        ),
    }
}

/// Replaces control characters (ANSI escapes, CR, bidi overrides) so log text cannot act on the terminal.
pub fn safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '�',
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => '�',
            c => c,
        })
        .collect()
}

/// Wraps on spaces (or between CJK characters) to `width` columns, counting wide characters twice.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut w = 0usize;
    for ch in s.chars() {
        let cw = if is_wide(ch) { 2 } else { 1 };
        if w + cw > width && !cur.is_empty() {
            // Break at the last space when the line has one, else between characters.
            if ch == ' ' {
                lines.push(cur.trim_end().to_owned());
                cur = String::new();
                w = 0;
                continue;
            }
            if let Some(pos) = cur.rfind(' ').filter(|_| !is_wide(ch)) {
                let rest = cur.split_off(pos);
                lines.push(cur.trim_end().to_owned());
                cur = rest.trim_start().to_owned();
                w = cur.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
            } else {
                lines.push(cur.trim_end().to_owned());
                cur = String::new();
                w = 0;
            }
        }
        if !(cur.is_empty() && ch == ' ') {
            cur.push(ch);
            w += cw;
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_owned());
    }
    lines
}

/// Columns a string takes in a terminal (CJK characters take two).
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Pads to `width` terminal columns.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_owned();
    for _ in display_width(s)..width {
        out.push(' ');
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Several reports and their combined verdict.
pub fn render_bundle(b: &crate::report::Bundle, lang: Lang, style: Style) -> String {
    let mut o = String::new();
    for r in &b.reports {
        o.push_str(&render(r, lang, style));
        o.push('\n');
    }
    let c = &b.combined;
    let _ = writeln!(o, "{}", style.bold(ui::COMBINED.get(lang)));
    let verdict = format!(
        "{} {}",
        c.overall.icon(),
        c.overall.label().get(lang).to_uppercase()
    );
    let _ = writeln!(
        o,
        "{}  {}",
        style.status(c.overall, &verdict),
        safe(c.summary.get(lang))
    );
    let w = c
        .scenarios
        .iter()
        .map(|s| display_width(s.scenario.label().get(lang)))
        .max()
        .unwrap_or(10);
    for s in &c.scenarios {
        let word = match s.status {
            Some(st) => style.status(st, &format!("{} {:<12}", st.icon(), st.label().get(lang))),
            None => style.dim(&format!("· {:<12}", ui::NOT_TESTED.get(lang))),
        };
        let _ = writeln!(
            o,
            "  {}  {}  {}",
            pad(s.scenario.label().get(lang), w),
            word,
            style.dim(&safe(s.reason.get(lang)))
        );
    }
    let _ = writeln!(
        o,
        "  {}: {}",
        style.bold(ui::RECOMMENDATION.get(lang)),
        safe(c.recommendation.get(lang))
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_on_spaces() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
    }

    #[test]
    fn safe_removes_escape_and_bidi() {
        assert_eq!(safe("a\u{1b}[31mb\u{202E}c"), "a�[31mb�c");
    }
}
