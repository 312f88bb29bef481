//! The endpoint matrix: one row per endpoint, grouped by service, DNS / TCP / HTTPS side by side.

use preflight_core::i18n::{ui, Lang};
use preflight_core::report::{Cell, Endpoint, Layer, Section, Status};
use yew::prelude::*;

use super::{status_class, Selection};
use crate::state::{Ready, Shared};
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
    pub on_select: Callback<Selection>,
}

/// Icon, word and state name of a cell; the state name is `data-status` for checked cells.
pub fn cell_face(cell: &Cell, lang: Lang) -> (&'static str, &'static str, &'static str) {
    match cell {
        Cell::Checked { status, .. } => (status.icon(), status.label().get(lang), status.word()),
        Cell::NotRun { .. } => ("…", ui::NOT_RUN.get(lang), "not-run"),
        Cell::NotTested => ("–", ui::NOT_TESTED.get(lang), "not-tested"),
        Cell::NotInInput => ("·", words::NOT_IN_INPUT.get(lang), "not-in-input"),
    }
}

fn layer_word(l: Layer) -> &'static str {
    match l {
        Layer::Dns => "dns",
        Layer::Tcp => "tcp",
        Layer::Https => "https",
    }
}

fn layer_label(l: Layer, lang: Lang) -> &'static str {
    match l {
        Layer::Dns => ui::DNS.get(lang),
        Layer::Tcp => ui::TCP.get(lang),
        Layer::Https => ui::HTTPS.get(lang),
    }
}

pub fn matrix(p: &Props) -> Html {
    let lang = p.lang;
    let r = &p.ready.analysis.report;
    let title =
        html! { <h2 id="matrix-title" class="section-title">{ ui::ENDPOINTS.get(lang) }</h2> };
    if r.endpoints.is_empty() {
        return html! {
            <section class="matrix" aria-labelledby="matrix-title">
                { title }
                <p class="muted">{ words::NO_ENDPOINTS.get(lang) }</p>
            </section>
        };
    }
    let groups = Section::ORDER.iter().filter_map(|s| {
        let rows: Vec<&Endpoint> = r.endpoints.iter().filter(|e| e.section == *s).collect();
        (!rows.is_empty()).then_some((*s, rows))
    });
    html! {
        <section class="matrix" aria-labelledby="matrix-title">
            { title }
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
                { for groups.map(|(section, rows)| html! {
                    <tbody data-section={section.word()}>
                        <tr class="group"><th colspan="4" scope="rowgroup">{ section.label().get(lang) }</th></tr>
                        { for rows.into_iter().map(|e| row(&p.ready, e, lang, &p.on_select)) }
                    </tbody>
                }) }
            </table>
        </section>
    }
}

fn row(ready: &Shared<Ready>, e: &Endpoint, lang: Lang, on_select: &Callback<Selection>) -> Html {
    let tcp: Vec<Cell> = if e.tcp.is_empty() {
        vec![Cell::NotInInput]
    } else {
        e.tcp.clone()
    };
    let target = if e.target.is_empty() {
        ui::UNKNOWN.get(lang).to_owned()
    } else {
        e.target.clone()
    };
    html! {
        <tr class={classes!("endpoint", status_class(e.status))} data-testid="endpoint-row"
            data-status={e.status.word()} data-target={e.target.clone()}>
            <th scope="row" class="target">
                // A long host name breaks after a dot rather than anywhere.
                <span class="target-name">
                    { for target.split_inclusive('.').map(|part| html! { <>{ part.to_owned() }<wbr /></> }) }
                </span>
                if let Some(region) = &e.region {
                    <span class="region" title={format!("{}: {}", words::REGION.get(lang), region_name(region, lang))}>
                        { format!("{} · {}", region.code, region_name(region, lang)) }
                    </span>
                }
            </th>
            <td data-label={ui::DNS.get(lang)}>{ cell(ready, &target, Layer::Dns, &e.dns, lang, on_select) }</td>
            <td data-label={ui::TCP.get(lang)} class="tcp">
                { for tcp.iter().map(|c| cell(ready, &target, Layer::Tcp, c, lang, on_select)) }
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
    let (icon, word, state) = cell_face(c, lang);
    let port = match c {
        Cell::Checked { port: Some(p), .. } | Cell::NotRun { port: Some(p) }
            if layer == Layer::Tcp =>
        {
            Some(*p)
        }
        _ => None,
    };
    let class = classes!(
        "cell",
        c.status().map(status_class).unwrap_or("s-none"),
        format!(
            "state-{}",
            if c.status().is_some() {
                "checked"
            } else {
                state
            }
        )
    );
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
            let lines: Vec<_> = checks
                .iter()
                .filter_map(|&i| r.checks.get(i))
                .map(|k| k.lines)
                .collect();
            let summary = checks
                .iter()
                .filter_map(|&i| r.checks.get(i))
                .map(|k| k.summary.get(lang).to_owned())
                .next()
                .unwrap_or_default();
            let label = format!(
                "{} · {}{}",
                target,
                layer_label(layer, lang),
                port.map(|p| format!(" {p}")).unwrap_or_default()
            );
            let aria = format!("{label}: {}. {summary}", status_word(*status, lang));
            let cb = on_select.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                cb.emit(Selection::new(lines.iter().copied(), label.clone()))
            });
            html! {
                <button type="button" {class} data-testid="endpoint-cell" data-layer={layer_word(layer)}
                        data-status={status.word()} title={summary} aria-label={aria} {onclick}>
                    { face }
                </button>
            }
        }
        _ => html! {
            <span {class} data-testid="endpoint-cell" data-layer={layer_word(layer)} data-state={state}>
                { face }
            </span>
        },
    }
}

fn status_word(s: Status, lang: Lang) -> &'static str {
    s.label().get(lang)
}

/// The region's name in the page's language (English when no Japanese name is known).
fn region_name(region: &preflight_core::report::Region, lang: Lang) -> &str {
    match (lang, &region.name_ja) {
        (Lang::Ja, Some(ja)) => ja,
        _ => &region.name,
    }
}
