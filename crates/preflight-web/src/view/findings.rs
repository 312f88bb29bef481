//! Root-cause cards: one per finding, in the report's order (most severe first), and the notes.

use preflight_core::i18n::{ui, Lang};
use preflight_core::report::{Finding, Lines, Scenario};
use yew::prelude::*;

use super::{icon, rich, severity_badge, severity_class, Selection};
use crate::state::{Ready, Shared};
use crate::view::cls;
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
    pub on_select: Callback<Selection>,
    /// The informational notes instead of the root causes.
    pub notes: bool,
}

pub fn findings(p: &Props) -> Html {
    let lang = p.lang;
    let r = &p.ready.analysis.report;
    let (list, title, id, class): (Vec<&Finding>, _, _, _) = if p.notes {
        (
            r.notes().collect(),
            words::OTHER_NOTES,
            "notes-title",
            "findings notes",
        )
    } else {
        (
            r.causes().collect(),
            words::ROOT_CAUSES,
            "findings-title",
            "findings",
        )
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
    let w = preflight_core::render::words(f, lang);
    let lines = ready.analysis.report.finding_lines(f);
    let doc_url = f.code.spec().doc_url;
    let show = (!lines.is_empty()).then(|| {
        let label = w.title.clone();
        let first = lines.first().map(|l| l.label(lang)).unwrap_or_default();
        let range = if lines.len() == 1 {
            first
        } else {
            format!("{first} · {}", words::and_more(lines.len() - 1, lang))
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
                        let (n, label) = (e.line, Lines::one(e.line).label(lang));
                        let onclick = Callback::from(move |_: MouseEvent| {
                            cb.emit(Selection::new([Lines::one(n)], label.clone()))
                        });
                        html! {
                            <li>
                                <button type="button" class="line-link" {onclick}
                                        aria-label={words::go_to_line(e.line, lang)}>{ e.line }</button>
                                <code class="excerpt">{ e.text.clone() }</code>
                                if e.count > 1 {
                                    <span class="times">{ preflight_core::render::times(e.count) }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    });
    html! {
        <article class={cls(&["finding", severity_class(f.severity)])}
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
                if !doc_url.is_empty() {
                    <a class="doc-link" href={doc_url} target="_blank" rel="noopener noreferrer">
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
        <div class={cls(&["scenario-row", class])}>
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
