//! The endpoint matrix: one row per endpoint, grouped by service, DNS / TCP / HTTPS side by side.

use preflight_core::i18n::{ui, Lang};
use preflight_core::report::{Cell, Endpoint, Layer};
use yew::prelude::*;

use super::{status_class, Selection};
use crate::state::{Ready, Shared};
use crate::view::cls;
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
    pub on_select: Callback<Selection>,
}

pub fn matrix(p: &Props) -> Html {
    let lang = p.lang;
    let r = &p.ready.analysis.report;
    html! {
        <section class="matrix" aria-labelledby="matrix-title">
            <h2 id="matrix-title" class="section-title">{ ui::ENDPOINTS.get(lang) }</h2>
            if r.endpoints.is_empty() {
                <p class="muted">{ words::NO_ENDPOINTS.get(lang) }</p>
            } else {
                <p class="hint muted no-print">{ words::MATRIX_HINT.get(lang) }</p>
                <table class="endpoints">
                    <thead>
                        <tr>
                            <th scope="col">{ ui::ENDPOINT.get(lang) }</th>
                            <th scope="col">{ ui::DNS.get(lang) }</th>
                            <th scope="col">{ ui::TCP.get(lang) }</th>
                            <th scope="col">{ ui::HTTPS.get(lang) }</th>
                        </tr>
                    </thead>
                    { for r.endpoint_groups().into_iter().map(|(section, rows)| html! {
                        <tbody data-section={section.word()}>
                            <tr class="group"><th colspan="4" scope="rowgroup">{ section.label().get(lang) }</th></tr>
                            { for rows.iter().map(|e| row(&p.ready, e, lang, &p.on_select)) }
                        </tbody>
                    }) }
                </table>
            }
        </section>
    }
}

fn row(ready: &Shared<Ready>, e: &Endpoint, lang: Lang, on_select: &Callback<Selection>) -> Html {
    let target = if e.target.is_empty() {
        ui::UNKNOWN.get(lang).to_owned()
    } else {
        e.target.clone()
    };
    html! {
        <tr class={cls(&["endpoint", status_class(e.status)])} data-testid="endpoint-row"
            data-status={e.status.word()} data-target={e.target.clone()}>
            <th scope="row" class="target">
                // A long host name breaks after a dot rather than anywhere.
                <span class="target-name">
                    { for target.split_inclusive('.').map(|part| html! { <>{ part.to_owned() }<wbr /></> }) }
                </span>
                if let Some(region) = &e.region {
                    <span class="region" title={format!("{}: {}", words::REGION.get(lang), region.name_in(lang))}>
                        { format!("{} · {}", region.code, region.name_in(lang)) }
                    </span>
                }
            </th>
            <td data-label={ui::DNS.get(lang)}>{ cell(ready, &target, Layer::Dns, &e.dns, lang, on_select) }</td>
            <td data-label={ui::TCP.get(lang)} class="tcp">
                { for e.tcp_cells().iter().map(|c| cell(ready, &target, Layer::Tcp, c, lang, on_select)) }
            </td>
            <td data-label={ui::HTTPS.get(lang)}>{ cell(ready, &target, Layer::Https, &e.https, lang, on_select) }</td>
        </tr>
    }
}

fn cell(
    ready: &Shared<Ready>,
    target: &str,
    layer: Layer,
    c: &Cell,
    lang: Lang,
    on_select: &Callback<Selection>,
) -> Html {
    let (icon, word, state) = (c.icon(), c.label().get(lang), c.word());
    let port = c.port().filter(|_| layer == Layer::Tcp);
    let class = cls(&[
        "cell",
        c.status().map(status_class).unwrap_or("s-none"),
        &format!("state-{state}"),
    ]);
    let face = html! {
        <>
            if let Some(port) = port { <span class="port">{ port }</span> }
            <span class="icon" aria-hidden="true">{ icon }</span>
            <span class="word">{ word }</span>
        </>
    };
    match c {
        Cell::Checked { status, checks, .. } => {
            let r = &ready.analysis.report;
            let lines = r.check_lines(checks);
            let summary = checks
                .iter()
                .filter_map(|&i| r.checks.get(i))
                .map(|k| preflight_core::render::summary(k, lang))
                .next()
                .unwrap_or_default();
            let label = format!(
                "{} · {}{}",
                target,
                layer.label().get(lang),
                port.map(|p| format!(" {p}")).unwrap_or_default()
            );
            let aria = format!("{label}: {}. {summary}", status.label().get(lang));
            let cb = on_select.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                cb.emit(Selection::new(lines.iter().copied(), label.clone()))
            });
            html! {
                <button type="button" {class} data-testid="endpoint-cell" data-layer={layer.word()}
                        data-status={status.word()} title={summary} aria-label={aria} {onclick}>
                    { face }
                </button>
            }
        }
        _ => html! {
            <span {class} data-testid="endpoint-cell" data-layer={layer.word()} data-state={state}>
                { face }
            </span>
        },
    }
}
