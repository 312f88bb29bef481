//! The endpoint matrix: one row per endpoint, grouped by service, DNS / TCP / HTTPS side by side.

use preflight_core::i18n::{ui, Lang};
use preflight_core::report::{Cell, Endpoint, Layer};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
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
    // One tab stop for the whole matrix: the first cell with a result; the arrow keys move on.
    let tab_stop = std::cell::Cell::new(true);
    html! {
        <section class="matrix" aria-labelledby="matrix-title">
            <h2 id="matrix-title" class="section-title">{ ui::ENDPOINTS.get(lang) }</h2>
            if r.endpoints.is_empty() {
                <p class="muted">{ words::NO_ENDPOINTS.get(lang) }</p>
            } else {
                <p class="hint muted no-print">{ words::MATRIX_HINT.get(lang) }</p>
                <table class="endpoints" onkeydown={Callback::from(move_focus)}>
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
                            { for rows.iter().map(|e| row(&p.ready, e, lang, &p.on_select, &tab_stop)) }
                        </tbody>
                    }) }
                </table>
            }
        </section>
    }
}

fn row(
    ready: &Shared<Ready>,
    e: &Endpoint,
    lang: Lang,
    on_select: &Callback<Selection>,
    tab_stop: &std::cell::Cell<bool>,
) -> Html {
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
            <td data-label={ui::DNS.get(lang)}>{ cell(ready, &target, Layer::Dns, &e.dns, lang, on_select, tab_stop) }</td>
            <td data-label={ui::TCP.get(lang)} class="tcp">
                { for e.tcp_cells().iter().map(|c| cell(ready, &target, Layer::Tcp, c, lang, on_select, tab_stop)) }
            </td>
            <td data-label={ui::HTTPS.get(lang)}>{ cell(ready, &target, Layer::Https, &e.https, lang, on_select, tab_stop) }</td>
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
    tab_stop: &std::cell::Cell<bool>,
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
            let tabindex = if tab_stop.replace(false) { "0" } else { "-1" };
            html! {
                <button type="button" {class} data-testid="endpoint-cell" data-layer={layer.word()}
                        data-status={status.word()} title={summary} aria-label={aria} {onclick} {tabindex}>
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

/// The arrow keys (and Home / End) move between the matrix's cells with a result: left and right
/// along a row, up and down to the nearest cell of the row above or below. The cell moved to
/// becomes the matrix's one tab stop.
fn move_focus(e: KeyboardEvent) {
    let key = e.key();
    let Some(from) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(table) = from.closest("table").ok().flatten() else {
        return;
    };
    let grid: Vec<Vec<HtmlElement>> = elements(&table, "tr[data-testid=endpoint-row]")
        .iter()
        .map(|r| {
            elements(r, "button[data-testid=endpoint-cell]")
                .into_iter()
                .filter_map(|b| b.dyn_into::<HtmlElement>().ok())
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    let Some((r, c)) = grid.iter().enumerate().find_map(|(i, row)| {
        row.iter()
            .position(|b| b.is_same_node(Some(&from)))
            .map(|j| (i, j))
    }) else {
        return;
    };
    let last = |row: usize| grid.get(row).map_or(0, |x| x.len().saturating_sub(1));
    let (r2, c2) = match key.as_str() {
        "ArrowRight" => (r, (c + 1).min(last(r))),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowDown" => ((r + 1).min(grid.len() - 1), c),
        "ArrowUp" => (r.saturating_sub(1), c),
        "Home" => (0, 0),
        "End" => (grid.len() - 1, last(grid.len() - 1)),
        _ => return,
    };
    e.prevent_default();
    let Some(to) = grid.get(r2).and_then(|row| row.get(c2.min(last(r2)))) else {
        return;
    };
    for b in grid.iter().flatten() {
        let _ = b.set_attribute("tabindex", "-1");
    }
    let _ = to.set_attribute("tabindex", "0");
    let _ = to.focus();
}

/// The elements under `root` that `selector` matches.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}
