//! Two runs of one machine side by side, under the combined verdict: the core's comparison
//! (`preflight_core::compare`) in the CLI's words (`render::compare`), with each status as a badge.

use preflight_core::compare::{Change, ChangeKind, Comparison, Side};
use preflight_core::i18n::Lang;
use preflight_core::render::compare::{
    change_label, headers, labels, note, ordered, sentence, side_line,
};
use yew::prelude::*;

use super::{cls, icon, status_badge, status_class};
use crate::words;

/// Rows drawn per table: a log of thousands of checks compares to thousands of rows, which the
/// Markdown copy holds and the page need not.
const ROW_LIMIT: usize = 500;

/// Drawn as a plain function by the app, which keeps the comparison between renders.
pub fn compare_card(
    c: &Comparison,
    lang: Lang,
    on_swap: Callback<MouseEvent>,
    on_close: Callback<MouseEvent>,
) -> Html {
    let (title, before, after) = labels(lang);
    let rows = ordered(c);
    let (unchanged, changed): (Vec<&Change>, Vec<&Change>) = rows
        .into_iter()
        .partition(|x| x.change == ChangeKind::Unchanged);
    html! {
        <section class={cls(&["combined", "compare", "card", status_class(c.after.overall)])} id="compare"
                 data-testid="compare" data-status={c.after.overall.word()}
                 data-fails={if c.anything_fails() { "true" } else { "false" }} aria-labelledby="compare-title">
            <h2 id="compare-title" class="combined-title" tabindex="-1">{ icon("compare") }{ title }</h2>
            <dl class="facts compare-sides">
                { side(before, &c.before, lang) }
                { side(after, &c.after, lang) }
            </dl>
            <p class="combined-summary" data-testid="compare-sentence">{ sentence(c).get(lang).to_owned() }</p>
            { for c.notes.iter().map(|n| html! {
                <p class="combined-warning" role="note" data-testid="compare-note">
                    <span class="icon" aria-hidden="true">{ "▲" }</span>{ note(n).get(lang).to_owned() }
                </p>
            }) }
            if !changed.is_empty() { { table(&changed, lang) } }
            if !unchanged.is_empty() {
                <details class="compare-unchanged">
                    <summary>{ words::n_unchanged(unchanged.len(), lang) }</summary>
                    { table(&unchanged, lang) }
                </details>
            }
            <p class="muted compare-note">{ words::COMPARE_COPY_NOTE.get(lang) }</p>
            <div class="actions no-print">
                <button type="button" class="btn" onclick={on_swap} data-testid="compare-swap">
                    { icon("compare") }{ words::SWAP_RUNS.get(lang) }</button>
                <button type="button" class="btn" onclick={on_close}>
                    { icon("close") }{ words::CLOSE_COMPARISON.get(lang) }</button>
            </div>
        </section>
    }
}

fn side(label: &'static str, s: &Side, lang: Lang) -> Html {
    html! {
        <div class="fact"><dt>{ label }</dt><dd>{ format!("{} · {}", s.name, side_line(s, lang)) }</dd></div>
    }
}

fn table(rows: &[&Change], lang: Lang) -> Html {
    let h = headers(lang);
    let more = rows.len().saturating_sub(ROW_LIMIT);
    html! {
        <>
        <div class="compare-scroll">
            <table class="combined-scenarios compare-table">
                <thead><tr>{ for h.iter().map(|x| html! { <th scope="col">{ *x }</th> }) }</tr></thead>
                <tbody>{ for rows.iter().take(ROW_LIMIT).map(|x| row(x, lang)) }</tbody>
            </table>
        </div>
        if more > 0 { <p class="muted">{ words::n_more_rows(more, lang) }</p> }
        </>
    }
}

fn row(x: &Change, lang: Lang) -> Html {
    let cell = |s: Option<preflight_core::report::Status>| match s {
        Some(s) => status_badge(s, lang),
        None => html! { <span class="muted">{ "–" }</span> },
    };
    let class = match x.change {
        ChangeKind::Fixed => "s-ok",
        ChangeKind::Broken | ChangeKind::StillFailing => "s-failure",
        _ => "s-none",
    };
    html! {
        <tr data-testid="compare-row" data-change={x.change.word()}>
            <th scope="row" class={cls(&["compare-change", class])}>{ change_label(x.change, lang) }</th>
            <td>{ x.tool.word() }</td>
            <td class="compare-target">{ x.target.clone() }</td>
            <td>{ x.port.map_or_else(|| "–".to_owned(), |p| p.to_string()) }</td>
            <td>{ cell(x.before) }</td>
            <td>{ cell(x.after) }</td>
        </tr>
    }
}
