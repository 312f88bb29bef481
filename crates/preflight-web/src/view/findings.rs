//! Root-cause cards: one per finding, most severe first.

use preflight_core::i18n::{ui, Lang};
use preflight_core::report::{Finding, Lines, Scenario, Severity};
use yew::prelude::*;

use super::{icon, rich, severity_badge, severity_class, Selection};
use crate::state::{Ready, Shared};
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
    pub on_select: Callback<Selection>,
    /// The informational notes instead of the root causes.
    pub notes: bool,
}

/// Findings in display order: by severity, most severe first, keeping the report's order within
/// a severity (the core already puts the most telling first).
pub fn ordered(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    preflight_core::order::by_key(&mut v, |f| u64::from(u8::MAX - f.severity.rank()));
    v
}

/// The lines a finding rests on: its own, or else those of its checks.
pub fn finding_lines(ready: &Ready, f: &Finding) -> Vec<Lines> {
    if !f.lines.is_empty() {
        return f.lines.clone();
    }
    f.checks
        .iter()
        .filter_map(|&i| ready.analysis.report.checks.get(i))
        .map(|c| c.lines)
        .collect()
}

pub fn findings(p: &Props) -> Html {
    let lang = p.lang;
    let all = ordered(&p.ready.analysis.report.findings);
    let (main, notes): (Vec<&Finding>, Vec<&Finding>) =
        all.into_iter().partition(|f| f.severity != Severity::Info);
    let (list, title, id, class) = if p.notes {
        (notes, words::OTHER_NOTES, "notes-title", "findings notes")
    } else {
        (main, words::ROOT_CAUSES, "findings-title", "findings")
    };
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <section class={class} aria-labelledby={id}>
            <h2 {id} class="section-title">{ title.get(lang) }</h2>
            { for list.iter().map(|f| card(&p.ready, f, lang, &p.on_select)) }
        </section>
    }
}

fn card(ready: &Shared<Ready>, f: &Finding, lang: Lang, on_select: &Callback<Selection>) -> Html {
    let w = f.text.get(lang);
    let lines = finding_lines(ready, f);
    let show = (!lines.is_empty()).then(|| {
        let label = w.title.clone();
        let first = lines.first().map(|l| l.first()).unwrap_or(1);
        let last = lines.last().map(|l| l.last()).unwrap_or(first);
        let range = if lines.len() == 1 {
            words::line_range(first, last, lang)
        } else {
            format!(
                "{} · {}",
                words::line_range(
                    first,
                    lines.first().map(|l| l.last()).unwrap_or(first),
                    lang
                ),
                words::and_more(lines.len() - 1, lang)
            )
        };
        let cb = on_select.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            cb.emit(Selection::new(lines.iter().copied(), label.clone()))
        });
        html! {
            <button type="button" class="btn small show-in-log no-print" {onclick}>
                { icon("eye") }{ words::SHOW_IN_LOG.get(lang) }
                <span class="muted">{ format!(" ({range})") }</span>
            </button>
        }
    });
    let evidence = (!f.evidence.is_empty()).then(|| {
        html! {
            <div class="evidence">
                <h4>{ ui::EVIDENCE.get(lang) }</h4>
                <ol class="excerpts">
                    { for f.evidence.iter().map(|e| {
                        let cb = on_select.clone();
                        let (n, label) = (e.line, words::line_range(e.line, e.line, lang));
                        let onclick = Callback::from(move |_: MouseEvent| {
                            cb.emit(Selection::new([Lines::one(n)], label.clone()))
                        });
                        html! {
                            <li>
                                <button type="button" class="line-link" {onclick}
                                        aria-label={words::go_to_line(e.line, lang)}>{ e.line }</button>
                                <code class="excerpt">{ e.text.clone() }</code>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    });
    html! {
        <article class={classes!("finding", severity_class(f.severity))}
                 data-testid="finding" data-severity={f.severity.word()} data-code={f.code.as_str()}>
            <header class="finding-head">
                { severity_badge(f.severity, lang) }
                <h3 class="finding-title">{ rich(&w.title) }</h3>
                <code class="finding-code">{ f.code.as_str() }</code>
            </header>
            <p class="finding-message">{ rich(&w.message) }</p>
            if !w.next_step.is_empty() {
                <div class="next-step">
                    <h4>{ ui::NEXT_STEP.get(lang) }</h4>
                    <p>{ rich(&w.next_step) }</p>
                </div>
            }
            if !f.affects.is_empty() || !f.unaffected.is_empty() {
                <div class="scenarios">
                    { scenarios(ui::AFFECTS.get(lang), &f.affects, "affects", lang) }
                    { scenarios(ui::UNAFFECTED.get(lang), &f.unaffected, "unaffected", lang) }
                </div>
            }
            { evidence.unwrap_or_default() }
            <footer class="finding-foot">
                { show.unwrap_or_default() }
                if !f.doc_url.is_empty() {
                    <a class="doc-link" href={f.doc_url.clone()} target="_blank" rel="noopener noreferrer">
                        { ui::DOCS.get(lang) }{ icon("external") }
                    </a>
                }
            </footer>
        </article>
    }
}

fn scenarios(label: &str, list: &[Scenario], class: &'static str, lang: Lang) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <div class={classes!("scenario-row", class)}>
            <span class="scenario-label">{ label }</span>
            <ul class="chips">
                { for list.iter().map(|s| html! {
                    <li class="chip">
                        <span aria-hidden="true">{ if class == "affects" { "✖ " } else { "✔ " } }</span>
                        { s.label().get(lang) }
                    </li>
                }) }
            </ul>
        </div>
    }
}
