//! The page: header, intake, one tab per input, notices, and the page-wide drop and paste.

use gloo::events::{EventListener, EventListenerOptions};
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::browser::{self, set_document_lang, store_lang};
use crate::ctl::Ctl;
use crate::state::{DocState, Notice, Problem, Shared, Shown, State};
use crate::view::combined;
use crate::view::compare;
use crate::view::doc;
use crate::view::intake::{self, open_files};
use crate::view::{cls, icon, initially_false, on, status_class};
use crate::words;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let ctl = (*use_memo((), {
        let d = state.dispatcher();
        move |_| Ctl::new(d)
    }))
    .clone();
    let lang = use_state(browser::initial_lang);
    let dragging = use_state_eq(initially_false);
    // "Redact for sharing": one switch for every tab and the combined verdict.
    let redact = use_state_eq(initially_false);

    // A warm worker, and drop / paste anywhere on the page. `<html lang>` is set here for the
    // first language and by the switch for the next (one effect less to compile).
    {
        let (ctl, dragging, l) = (ctl.clone(), dragging.clone(), *lang);
        use_effect_with((), move |_| {
            set_document_lang(l, words::APP_NAME.get(l));
            ctl.warm();
            ctl.warm_up();
            let listeners = page_listeners(&ctl, &dragging);
            // From here a drop is taken: the first-load figure (benches/browser.mjs) ends here.
            crate::browser::mark("preflight:ready");
            move || drop(listeners)
        });
    }

    // The intake's paste box: whether it is open, and the box, focused when it opens.
    let paste_open = use_state_eq(initially_false);
    let paste_area = use_node_ref();
    {
        let area = paste_area.clone();
        use_effect_with(*paste_open, move |open| {
            if *open {
                if let Some(t) = area.cast::<HtmlElement>() {
                    let _ = t.focus();
                }
            }
        });
    }

    // The Markdown the clipboard refused is shown selected, ready for Ctrl+C.
    use_effect_with(state.copy_fallback.is_some(), |shown| {
        if let (true, Some(t)) = (
            *shown,
            browser::document()
                .and_then(|d| d.get_element_by_id(COPY_AREA))
                .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()),
        ) {
            let _ = t.focus();
            t.select();
        }
    });

    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = match *lang {
                Lang::En => Lang::Ja,
                Lang::Ja => Lang::En,
            };
            store_lang(next);
            set_document_lang(next, words::APP_NAME.get(next));
            lang.set(next);
        })
    };
    let l = *lang;
    let has_docs = !state.docs.is_empty();
    let active = state
        .active
        .and_then(|id| state.docs.iter().find(|d| d.id == id))
        .or_else(|| state.docs.first());

    // The finished reports, in tab order: two or more get one combined verdict. Combining copies
    // every report; it is redone only when the set of reports changes, not on every render (a
    // language switch or a tab change).
    let finished: Vec<_> = state
        .docs
        .iter()
        .filter_map(|d| match &d.state {
            DocState::Ready(r) => Some(r.clone()),
            _ => None,
        })
        .collect();
    // What is shown of them: as read, or redacted with one table for all (see `Shown`).
    let shown = Shared(use_memo((finished, *redact), |(readies, on)| {
        Shown::of(readies, *on)
    }));
    let names = shown.names.clone();
    let bundle = shown.bundle.clone();
    // Two runs of one machine: the comparison, made when asked for and again only when the
    // reports, the switch or the direction change.
    let comparing = use_state_eq(initially_false);
    let swapped = use_state_eq(initially_false);
    let comparison = Shared(use_memo(
        (bundle.clone(), *comparing, *swapped),
        |(b, on, swapped)| {
            Option::as_ref(&b.0)
                .filter(|_| *on)
                .and_then(|t| t.compare(*swapped))
        },
    ));
    let on_compare = {
        let comparing = comparing.clone();
        Callback::from(move |_: MouseEvent| {
            let open = !*comparing;
            comparing.set(open);
            if open {
                focus_later("compare-title".to_owned());
            }
        })
    };
    let on_swap = {
        let swapped = swapped.clone();
        Callback::from(move |_: MouseEvent| swapped.set(!*swapped))
    };
    let on_close_compare = {
        let comparing = comparing.clone();
        Callback::from(move |_: MouseEvent| {
            comparing.set(false);
            focus_later("compare-open".to_owned());
        })
    };
    // Screen readers hear the active report's verdict (the live region below), and focus moves
    // to the verdict when a file finishes loading (not on a tab switch: the tab keeps focus for
    // the arrow keys).
    let ready_count = state
        .docs
        .iter()
        .filter(|d| matches!(d.state, DocState::Ready(_)))
        .count();
    // Only when the count grows: closing a tab gives the focus to the next tab, not the verdict.
    let last_ready = use_mut_ref(|| 0usize);
    use_effect_with(ready_count, move |n| {
        let grew = *n > *last_ready.borrow();
        *last_ready.borrow_mut() = *n;
        if grew {
            if let Some(h) = browser::document()
                .and_then(|d| d.get_element_by_id("verdict-title"))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = h.focus();
            }
        }
    });
    let announce = match (comparison.0.as_ref(), active.map(|d| &d.state)) {
        (Some(c), _) => crate::words::compare_announce(c, l),
        (None, Some(DocState::Ready(r))) => {
            let rep = &r.0.analysis.report;
            format!(
                "{}: {}. {}",
                words::APP_NAME.get(l),
                rep.overall.label().get(l),
                rep.summary.get(l)
            )
        }
        _ => String::new(),
    };
    let toggle_redact = {
        let redact = redact.clone();
        Callback::from(move |_: Event| redact.set(!*redact))
    };

    html! {
        <ContextProvider<Lang> context={l}>
        <div class={cls(&["page", on(has_docs, "has-docs")])}>
            if has_docs {
                <a class="skip-link" href="#panel">{ words::SKIP_TO_RESULTS.get(l) }</a>
            }
            <header class="top no-print">
                <div class="brand">
                    <img class="logo" src="icon.svg" alt="" width="28" height="28" />
                    <div>
                        <h1 class="app-name">{ words::APP_NAME.get(l) }</h1>
                        if !has_docs { <p class="tagline">{ words::TAGLINE.get(l) }</p> }
                    </div>
                </div>
                <div class="top-right">
                    if has_docs {
                        <label class="redact-switch">
                            <input type="checkbox" role="switch" checked={*redact}
                                   onchange={toggle_redact} data-testid="redact" />
                            { icon("eye") }{ words::REDACT.get(l) }
                        </label>
                    }
                    <span class="privacy-pill" title={words::PRIVACY.get(l)}>
                        { icon("lock") }{ words::PRIVACY_SHORT.get(l) }
                    </span>
                    <button type="button" class="btn lang-switch" onclick={switch_lang}
                            lang={match l { Lang::En => "ja", Lang::Ja => "en" }}
                            aria-label={format!("{}: {}", words::LANGUAGE.get(l), words::OTHER_LANGUAGE.get(l))}>
                        { icon("globe") }{ words::OTHER_LANGUAGE.get(l) }
                    </button>
                </div>
            </header>
            <main>
                { intake::intake(&intake::Props { ctl: ctl.clone(), lang: l, compact: has_docs, paste_open: paste_open.clone(), area: paste_area.clone() }) }
                if let Some(b) = &*bundle.0 {
                    { combined::combined(b, l, *comparing, on_compare) }
                }
                if let Some(c) = &*comparison.0 {
                    { compare::compare_card(c, l, on_swap, on_close_compare) }
                }
                if has_docs {
                    { tabs(&state, active.map(|d| d.id), l, &ctl, names.as_ref()) }
                    if let Some(d) = active {
                        <div class="panel" role="tabpanel" id="panel" aria-labelledby={format!("tab-{}", d.id)} tabindex="-1">
                            { doc::doc_view(&doc::Props { doc: d.clone(), lang: l, ctl: ctl.clone(), shown: shown.clone(), comparison: comparison.clone() }) }
                        </div>
                    }
                }
            </main>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
                 data-testid="announce">{ announce }</div>
            // Loads the log font's glyphs for Japanese text and the status marks before the first
            // log is shown, instead of during its first paint.
            <span class="font-warm" aria-hidden="true">{ "日本語のログ ✔▲✖? ##TRY!!" }</span>
            if has_docs {
                <footer class="foot">
                    <p>{ icon("lock") }{ words::PRIVACY.get(l) }</p>
                </footer>
            }
            { notices(&state, l, &ctl) }
            if let Some(md) = &state.copy_fallback {
                { copy_fallback(md, l, &ctl) }
            }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <div class="drop-overlay-inner">{ icon("drop") }<span>{ words::DROP_OVERLAY.get(l) }</span></div>
                </div>
            }
        </div>
        </ContextProvider<Lang>>
    }
}

fn tabs(
    state: &State,
    active: Option<u32>,
    lang: Lang,
    ctl: &Ctl,
    names: Option<&Shared<Pseudonyms>>,
) -> Html {
    let ids: Vec<u32> = state.docs.iter().map(|d| d.id).collect();
    html! {
        <div class="tabs no-print" role="tablist" aria-label={words::OPEN_LOGS.get(lang)}>
            { for state.docs.iter().map(|d| {
                let selected = Some(d.id) == active;
                let name = match names {
                    Some(n) => n.apply(&d.name).into_owned(),
                    None => d.name.clone(),
                };
                let (mark, class) = match &d.state {
                    DocState::Ready(r) => (r.analysis.report.overall.icon(), status_class(r.analysis.report.overall)),
                    DocState::Working { .. } => ("…", "s-working"),
                    DocState::Failed(_) => ("!", "s-failure"),
                };
                let activate = {
                    let (ctl, id) = (ctl.clone(), d.id);
                    Callback::from(move |_: MouseEvent| ctl.activate(id))
                };
                let close = {
                    let (ctl, id) = (ctl.clone(), d.id);
                    Callback::from(move |_: MouseEvent| ctl.close(id))
                };
                let keys = {
                    let (ctl, ids, id) = (ctl.clone(), ids.clone(), d.id);
                    Callback::from(move |e: KeyboardEvent| {
                        let pos = ids.iter().position(|x| *x == id).unwrap_or(0);
                        let next = match e.key().as_str() {
                            "ArrowRight" => ids.get((pos + 1) % ids.len().max(1)),
                            "ArrowLeft" => ids.get((pos + ids.len().max(1) - 1) % ids.len().max(1)),
                            "Home" => ids.first(),
                            "End" => ids.last(),
                            // The × is for the mouse; from the keyboard Delete closes the tab
                            // (a button inside the tab list would not be a tab).
                            "Delete" => {
                                e.prevent_default();
                                ctl.close(id);
                                let rest: Vec<u32> = ids.iter().copied().filter(|x| *x != id).collect();
                                if let Some(&to) = rest.get(pos.min(rest.len().saturating_sub(1))) {
                                    focus_later(format!("tab-{to}"));
                                }
                                return;
                            }
                            _ => None,
                        };
                        if let Some(&next) = next {
                            e.prevent_default();
                            ctl.activate(next);
                            focus_later(format!("tab-{next}"));
                        }
                    })
                };
                html! {
                    <div key={d.id} class={cls(&["tab", on(selected, "selected"), class])} role="presentation">
                        <button type="button" role="tab" id={format!("tab-{}", d.id)} aria-selected={if selected { "true" } else { "false" }}
                                aria-controls="panel" tabindex={if selected { "0" } else { "-1" }} aria-keyshortcuts="Delete"
                                onclick={activate} onkeydown={keys} title={name.clone()}>
                            <span class="tab-mark" aria-hidden="true">{ mark }</span>
                            <span class="tab-name">{ name.clone() }</span>
                        </button>
                        <button type="button" class="tab-close" onclick={close} tabindex="-1" aria-hidden="true"
                                title={format!("{}: {}", words::CLOSE.get(lang), name)}>{ icon("close") }</button>
                    </div>
                }
            }) }
        </div>
    }
}

fn notices(state: &State, lang: Lang, ctl: &Ctl) -> Html {
    html! {
        <div class="notices no-print">
            { for state.notices.iter().map(|(key, n)| {
                let dismiss = {
                    let (ctl, key) = (ctl.clone(), *key);
                    Callback::from(move |_: MouseEvent| ctl.dismiss(key))
                };
                let (class, role, body) = match n {
                    Notice::Info(t) => ("notice info", "status", html! { <p>{ t.get(lang) }</p> }),
                    Notice::Problem(Problem { what, detail }) => ("notice problem", "alert", html! {
                        <p><strong>{ what.get(lang) }</strong>
                           if !detail.is_empty() { <span class="detail">{ format!(" — {detail}") }</span> }</p>
                    }),
                };
                html! {
                    <div key={*key} class={class} {role} data-testid="notice">
                        { body }
                        <button type="button" class="btn small" onclick={dismiss}>{ words::DISMISS.get(lang) }</button>
                    </div>
                }
            }) }
        </div>
    }
}

/// Shown when the clipboard refuses: the Markdown, to copy by hand (the app selects it).
fn copy_fallback(md: &str, lang: Lang, ctl: &Ctl) -> Html {
    let close = {
        let ctl = ctl.clone();
        Callback::from(move |_: MouseEvent| ctl.copy_fallback(None))
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="copy-title">
                <h2 id="copy-title">{ words::COPY_FALLBACK_TITLE.get(lang) }</h2>
                <p>{ words::COPY_FALLBACK.get(lang) }</p>
                <textarea id={COPY_AREA} readonly=true rows="14" value={md.to_owned()} />
                <button type="button" class="btn primary" onclick={close}>{ words::DISMISS.get(lang) }</button>
            </div>
        </div>
    }
}

const COPY_AREA: &str = "copy-area";

fn focus_later(id: String) {
    browser::later(
        0,
        Box::new(move || {
            if let Some(el) = browser::document()
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }),
    );
}

/// Whether an event started in a field where typing or pasting means editing.
fn in_editable(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

fn page_listeners(ctl: &Ctl, dragging: &UseStateHandle<bool>) -> Vec<EventListener> {
    let Some(win) = browser::window() else {
        return Vec::new();
    };
    let active = EventListenerOptions::enable_prevent_default();
    let mut v = Vec::new();
    {
        let dragging = dragging.clone();
        v.push(EventListener::new_with_options(
            &win,
            "dragover",
            active,
            move |e| {
                // Without this the browser would open the file instead of dropping it here.
                e.prevent_default();
                dragging.set(true);
            },
        ));
    }
    {
        let dragging = dragging.clone();
        v.push(EventListener::new(&win, "dragleave", move |e| {
            let left_window = e
                .dyn_ref::<DragEvent>()
                .is_none_or(|d| d.related_target().is_none());
            if left_window {
                dragging.set(false);
            }
        }));
    }
    {
        let (ctl, dragging) = (ctl.clone(), dragging.clone());
        v.push(EventListener::new_with_options(
            &win,
            "drop",
            active,
            move |e| {
                e.prevent_default();
                dragging.set(false);
                let Some(dt) = e.dyn_ref::<DragEvent>().and_then(|d| d.data_transfer()) else {
                    return;
                };
                if open_files(&ctl, dt.files()) > 0 {
                    return;
                }
                match dt.get_data("text/plain") {
                    Ok(text) if !text.trim().is_empty() => ctl.open_text(&text),
                    _ => ctl.problem(Problem::new(words::E_NOTHING_DROPPED, "")),
                }
            },
        ));
    }
    if let Some(doc) = browser::document() {
        let ctl = ctl.clone();
        v.push(EventListener::new(&doc, "paste", move |e| {
            if in_editable(e.target()) {
                return;
            }
            let Some(data) = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
            else {
                return;
            };
            if open_files(&ctl, data.files()) > 0 {
                return;
            }
            if let Ok(text) = data.get_data("text/plain") {
                if !text.trim().is_empty() {
                    ctl.open_text(&text);
                }
            }
        }));
    }
    v
}
