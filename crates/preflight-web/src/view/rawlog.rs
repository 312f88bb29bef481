//! The raw log with a gutter: line numbers, each check block tinted by its result, and the lines
//! a finding or a matrix cell points at highlighted. Large inputs draw only the lines in view.

use preflight_core::report::{RegionKind, Status};
use web_sys::{HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use super::{status_class, use_lang, Selection};
use crate::layout::{self, Segment, Window, PAD_PX};
use crate::state::{Ready, Shared};
use crate::view::{cls, on};
use crate::words;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub ready: Shared<Ready>,
    pub selection: Option<Selection>,
    pub on_clear: Callback<()>,
    /// False for the first pass, which draws only the first screenful of a small log.
    pub full: bool,
}

/// Lines drawn in the first pass of a small input: a screenful and more. The rest follow right
/// after the first paint (see `doc::ReadyView`).
pub const FIRST_PASS: usize = 64;

fn full_window(n: usize, limit: usize) -> Window {
    Window {
        first: 1,
        last: n.min(limit),
        offset_px: 0.0,
    }
}

#[function_component(RawLog)]
pub fn raw_log(p: &Props) -> Html {
    let lang = use_lang();
    let ready = p.ready.clone();
    let n = ready.analysis.raw.line_count();
    let virtual_view = n > layout::VIRTUAL_ABOVE;
    let panel = use_node_ref();
    let scroller = use_node_ref();
    let space = use_node_ref();
    let lines_box = use_node_ref();
    let limit = if p.full { n } else { FIRST_PASS.min(n) };
    // The window of drawn lines is state only for a large input, where scrolling moves it.
    let win = use_state_eq(|| layout::window(n, 0.0, 800.0));
    let complete = virtual_view || limit >= n;
    // Long lines (a run-command message is one) wrap on request; a large input's lines keep
    // their fixed height, which its scrolling window is computed from.
    let wrap = use_state_eq(|| false);
    let toggle_wrap = {
        let wrap = wrap.clone();
        Callback::from(move |_: Event| wrap.set(!*wrap))
    };

    let onscroll = {
        let (win, scroller) = (win.clone(), scroller.clone());
        Callback::from(move |_: Event| {
            if let (true, Some(el)) = (virtual_view, scroller.cast::<HtmlElement>()) {
                win.set(layout::window(
                    n,
                    f64::from(el.scroll_top()),
                    f64::from(el.client_height()),
                ));
            }
        })
    };

    // Sizes go through the CSSOM: the page's CSP forbids inline style attributes.
    {
        let (space, lines_box) = (space.clone(), lines_box.clone());
        let offset = win.offset_px;
        use_effect_with((virtual_view, n, offset.to_bits()), move |_| {
            if virtual_view {
                if let Some(el) = space.cast::<HtmlElement>() {
                    let h = (layout::space_px(n) + 2.0 * PAD_PX) as u64;
                    let _ = el.style().set_property("height", &format!("{h}px"));
                }
                if let Some(el) = lines_box.cast::<HtmlElement>() {
                    let y = (PAD_PX + offset) as u64;
                    let _ = el
                        .style()
                        .set_property("transform", &format!("translateY({y}px)"));
                }
            }
        });
    }

    // Bring the selection into view: the panel into the page, then the lines into the panel.
    {
        let (panel, scroller, win) = (panel.clone(), scroller.clone(), win.clone());
        let target = p
            .selection
            .as_ref()
            .and_then(|s| s.lines.first_line().map(|l| (s.seq, l, complete)));
        use_effect_with(target, move |target| {
            if let (Some((_, line, _)), Some(el)) = (target, scroller.cast::<HtmlElement>()) {
                let h = f64::from(el.client_height());
                let top = layout::scroll_top_for(*line, n, h);
                el.set_scroll_top(top as i32);
                if virtual_view {
                    win.set(layout::window(n, top, h));
                }
                if let Some(panel) = panel.cast::<HtmlElement>() {
                    let opts = ScrollIntoViewOptions::new();
                    opts.set_block(ScrollLogicalPosition::Nearest);
                    opts.set_behavior(ScrollBehavior::Smooth);
                    panel.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        });
    }

    let w = if virtual_view {
        *win
    } else {
        full_window(n, limit)
    };
    let hl = p.selection.as_ref().map(|s| s.lines.clone());
    let report = &ready.analysis.report;
    let segments = layout::segments(&ready.blocks, w.first, w.last);
    let line = |k: usize, marker: Option<Status>| -> Html {
        let t = ready.analysis.raw.line(k);
        let region = ready.region_at(k).map(|r| match r {
            RegionKind::Heading => "rg-heading",
            RegionKind::Environment | RegionKind::Proxy => "rg-env",
            RegionKind::End => "rg-end",
        });
        let lit = hl.as_ref().is_some_and(|h| h.contains(k));
        // One element per line: the number is drawn by CSS from `data-line`, so it is neither
        // copied with the text nor a node of its own.
        html! {
            <div key={k} class={cls(&["ln", region.unwrap_or(""), on(lit, "hl")])} data-line={k.to_string()}>
                if let Some(s) = marker {
                    <span class="mk" aria-hidden="true">{ s.icon() }</span>
                }
                { t.text }
                if t.hidden_bytes > 0 {
                    <span class="cut">{ words::more_hidden(t.hidden_bytes, lang) }</span>
                }
            </div>
        }
    };
    let body: Html = segments
        .into_iter()
        .map(|seg| {
            // A block whose check is missing is drawn as plain lines.
            let (first, last, check) = match seg {
                Segment::Plain { first, last } => (first, last, None),
                Segment::Check { check, first, last } => {
                    let idx = ready.block_check.get(check).copied().unwrap_or(check);
                    (first, last, report.checks.get(idx).map(|c| (idx, c)))
                }
            };
            match check {
                Some((idx, c)) => {
                    let title = format!(
                        "{} {} · {} {}{} — {}",
                        c.status.icon(),
                        c.status.label().get(lang),
                        c.tool.word(),
                        c.target,
                        c.port.map(|p| format!(" {p}")).unwrap_or_default(),
                        preflight_core::render::summary(c, lang)
                    );
                    let head = c.lines.first();
                    html! {
                        <div key={format!("c{idx}")} class={cls(&["blk", status_class(c.status)])}
                             data-testid="check-block" data-status={c.status.word()}
                             data-check={idx.to_string()} title={title}>
                            { for (first..=last).map(|k| line(k, (k == head).then_some(c.status))) }
                        </div>
                    }
                }
                None => html! {
                    <div key={format!("p{first}")} class="plain">
                        { for (first..=last).map(|k| line(k, None)) }
                    </div>
                },
            }
        })
        .collect();

    let clear = {
        let cb = p.on_clear.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let i = &report.input;
    html! {
        <section class="rawlog" ref={panel} aria-labelledby="rawlog-title">
            <header class="rawlog-head">
                <h2 id="rawlog-title" class="section-title">{ words::RAW_LOG.get(lang) }</h2>
                <span class="muted rawlog-meta">
                    { format!("{} · {} · {}", i.name, words::n_lines(n, lang), i.encoding) }
                </span>
                if !virtual_view {
                    <label class="wrap-switch no-print">
                        <input type="checkbox" checked={*wrap} onchange={toggle_wrap} data-testid="wrap-lines" />
                        { words::WRAP_LINES.get(lang) }
                    </label>
                }
            </header>
            <p class="legend muted">
                <span>{ words::LEGEND.get(lang) }</span>
                { for Status::ALL.iter().map(|s| html! {
                    <span class={cls(&["legend-item", status_class(*s)])}>
                        <span aria-hidden="true">{ s.icon() }</span>{ " " }{ s.label().get(lang) }
                    </span>
                }) }
            </p>
            if virtual_view {
                <p class="muted large-note">{ words::LARGE_INPUT.get(lang) }</p>
            }
            <div class={cls(&["selection-bar", on(p.selection.is_some(), "on")])} aria-live="polite">
                if let Some(s) = &p.selection {
                    <span class="selection-label">
                        <span class="hl-swatch" aria-hidden="true"></span>
                        { format!("{}: {}", words::HIGHLIGHTED.get(lang), s.label) }
                    </span>
                    <button type="button" class="btn small" onclick={clear}>{ words::CLEAR.get(lang) }</button>
                }
            </div>
            <div class={cls(&["log-scroll", on(virtual_view, "virtual"), on(*wrap && !virtual_view, "wrap")])} ref={scroller}
                 data-drawn={if virtual_view { "window" } else if complete { "all" } else { "partial" }}
                 tabindex="0" role="region" aria-label={words::LOG_REGION.get(lang)} {onscroll}>
                <div class="log-space" ref={space}>
                    <div class="log-lines" ref={lines_box}>{ body }</div>
                </div>
            </div>
        </section>
    }
}
