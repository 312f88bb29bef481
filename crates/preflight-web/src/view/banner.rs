//! The verdict banner: the overall result at a glance, then the facts about the input.

use preflight_core::i18n::{ui, Lang};
use preflight_core::render::proxy_label;
use preflight_core::report::InputKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{icon, rich, status_badge, status_class};
use crate::state::{Ready, Shared};
use crate::view::{cls, on};
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
    /// The kind the user forced, if any.
    pub kind: Option<InputKind>,
    pub on_kind: Callback<Option<InputKind>>,
    pub on_copy: Callback<()>,
    pub on_download: Callback<()>,
    pub on_print: Callback<()>,
}

pub fn banner(p: &Props) -> Html {
    let lang = p.lang;
    let r = &p.ready.analysis.report;
    let c = r.counts;

    let mut facts: Vec<(&'static str, String)> = Vec::new();
    if let Some(h) = &r.machine.host {
        facts.push((ui::HOST.get(lang), h.clone()));
    }
    if let Some(d) = r.machine.run_date() {
        facts.push((ui::RUN_DATE.get(lang), d.to_owned()));
    }
    if let Some(os) = &r.machine.os {
        facts.push((ui::OS.get(lang), os.clone()));
    }
    if r.input.kind.has_environment() {
        facts.push((ui::PROXY.get(lang), proxy_label(r, lang)));
    }
    if p.ready.redacted {
        facts.push((
            words::REDACTED.get(lang),
            words::REDACTED_NOTE.get(lang).to_owned(),
        ));
    }

    let on_select = {
        let on_kind = p.on_kind.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_kind.emit(InputKind::from_word(&v));
        })
    };
    let selected = p.kind.map(|k| k.word()).unwrap_or("");
    let i = &r.input;
    let format = format!(
        "{} ({}, {})",
        i.kind.label().get(lang),
        i.shape.label().get(lang),
        i.certainty().get(lang)
    );

    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    html! {
        <section class={cls(&["verdict", status_class(r.overall)])}
                 data-testid="verdict" data-status={r.overall.word()} data-name={r.input.name.clone()}
                 aria-labelledby="verdict-title">
            <div class="verdict-head">
                <h2 id="verdict-title" class="verdict-status" tabindex="-1">
                    <span class="visually-hidden">{ format!("{}: ", ui::OVERALL.get(lang)) }</span>
                    <span class="verdict-icon" aria-hidden="true">{ r.overall.icon() }</span>
                    <span class="verdict-word">{ r.overall.label().get(lang) }</span>
                </h2>
                <p class="verdict-summary" elementtiming="preflight-verdict">{ rich(r.summary.get(lang)) }</p>
            </div>
            if c.total() > 0 {
                <ul class="counts" aria-label={ui::COUNTS.get(lang)}>
                    { for c.by_status().iter().map(|(s, n)| html! {
                        <li class={cls(&["count", status_class(*s), on(*n == 0, "zero")])}
                            data-status={s.word()}>
                            <span class="count-n">{ n }</span>
                            { status_badge(*s, lang) }
                        </li>
                    }) }
                </ul>
            }
            if !facts.is_empty() {
                <dl class="facts">
                    { for facts.into_iter().map(|(k, v)| html! {
                        <div class="fact"><dt>{ k }</dt><dd>{ v }</dd></div>
                    }) }
                </dl>
            }
            <dl class="facts input-facts">
                <div class="fact"><dt>{ ui::INPUT.get(lang) }</dt>
                    <dd>{ format!("{} · {} · {}", i.name, words::bytes(i.bytes), words::n_lines(i.lines, lang)) }</dd></div>
                <div class="fact"><dt>{ ui::FORMAT.get(lang) }</dt>
                    <dd title={i.detection.get(lang).to_owned()}>{ format }</dd></div>
                <div class="fact"><dt>{ ui::ENCODING.get(lang) }</dt>
                    <dd>{ format!("{} · {}: {}", i.encoding, words::LINE_ENDINGS.get(lang), i.line_endings_label().get(lang)) }</dd></div>
                <div class="fact read-as no-print">
                    <dt><label for="read-as">{ words::READ_AS.get(lang) }</label></dt>
                    <dd>
                        <select id="read-as" onchange={on_select}>
                            <option value="" selected={selected.is_empty()}>{ words::DETECT_AUTOMATICALLY.get(lang) }</option>
                            { for InputKind::FORCEABLE.iter().map(|k| html! {
                                <option value={k.word()} selected={selected == k.word()}>{ k.label().get(lang) }</option>
                            }) }
                        </select>
                    </dd>
                </div>
            </dl>
            <div class="actions no-print">
                <button type="button" class="btn primary" onclick={click(&p.on_copy)}>
                    { icon("copy") }{ words::COPY_MARKDOWN.get(lang) }</button>
                <button type="button" class="btn" onclick={click(&p.on_download)}>
                    { icon("download") }{ words::DOWNLOAD_JSON.get(lang) }</button>
                <button type="button" class="btn" onclick={click(&p.on_print)}>
                    { icon("print") }{ words::PRINT.get(lang) }</button>
            </div>
        </section>
    }
}
