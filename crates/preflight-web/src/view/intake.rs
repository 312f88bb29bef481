//! Getting text in: the file picker, the paste box and the sample buttons. Drag-and-drop and
//! Ctrl+V work anywhere on the page (see `app`).

use preflight_core::i18n::{Lang, Text};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::icon;
use crate::ctl::Ctl;
use crate::view::{cls, on};
use crate::words;

/// Sample logs shipped under `samples/`, byte-identical to the test corpus.
pub const SAMPLES: [(&str, Text); 8] = [
    (
        "CheckNWResult_vm-rhel-jpe01_202611220004.log",
        words::SAMPLE_OK,
    ),
    (
        "CheckNWResult_vm-ubuntu-proxy03_202611220004.log",
        words::SAMPLE_PROXY,
    ),
    (
        "CheckNWResult_vm-ubuntu-dns12_202611220016.log",
        words::SAMPLE_DNS,
    ),
    (
        "CheckNWResult_vm-minimal06_202611220005.log",
        words::SAMPLE_TOOLS,
    ),
    (
        "AzureBackup_Check_NW_20261122_101500.log",
        words::SAMPLE_WINDOWS,
    ),
    (
        "03-instance-view-windows11-ready-extension-handlers.json",
        words::SAMPLE_AGENT_READY,
    ),
    (
        "04-ansible-returns-vm-not-ready-unresponsive-centos.json",
        words::SAMPLE_AGENT_NOT_READY,
    ),
    (
        "26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json",
        words::SAMPLE_APPLIANCE,
    ),
];

/// Drawn as a plain function by the app, which holds its state (whether the paste box is open,
/// and the box itself).
pub struct Props {
    pub ctl: Ctl,
    pub lang: Lang,
    /// After the first input the intake shrinks to a toolbar.
    pub compact: bool,
    pub paste_open: UseStateHandle<bool>,
    pub area: NodeRef,
}

/// Opens every file of a `FileList`; returns how many.
pub fn open_files(ctl: &Ctl, files: Option<web_sys::FileList>) -> u32 {
    let Some(files) = files else { return 0 };
    let several = files.length() > 1;
    let mut n = 0;
    for i in 0..files.length() {
        if let Some(f) = files.get(i) {
            if several {
                ctl.open_now(f.name(), f.into());
            } else {
                ctl.open(f.name(), f.into());
            }
            n += 1;
        }
    }
    n
}

pub fn intake(p: &Props) -> Html {
    let (lang, paste_open, area) = (p.lang, &p.paste_open, &p.area);
    let open = **paste_open;

    let on_files = {
        let ctl = p.ctl.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                open_files(&ctl, input.files());
                // Choosing the same file again must fire `change` again.
                input.set_value("");
            }
        })
    };
    let toggle_paste = {
        let paste_open = paste_open.clone();
        Callback::from(move |_: MouseEvent| paste_open.set(!*paste_open))
    };
    let analyse_paste = {
        let (ctl, area, paste_open) = (p.ctl.clone(), area.clone(), paste_open.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                let text = t.value();
                if !text.trim().is_empty() {
                    t.set_value("");
                    paste_open.set(false);
                }
                ctl.open_text(&text);
            }
        })
    };
    let samples = html! {
        <div class="samples" role="group" aria-labelledby="samples-label">
            <span id="samples-label" class="samples-label">{ words::SAMPLES.get(lang) }</span>
            { for SAMPLES.iter().map(|(file, label)| {
                let ctl = p.ctl.clone();
                let file: &'static str = file;
                let onclick = Callback::from(move |_: MouseEvent| ctl.open_sample(file));
                html! {
                    <button type="button" class="btn sample" data-sample={file} title={file} {onclick}>
                        { label.get(lang) }
                    </button>
                }
            }) }
        </div>
    };

    html! {
        <section class={cls(&["intake", on(p.compact, "compact"), "no-print"])}
                 aria-label={words::CHOOSE_FILES.get(lang)}>
            if !p.compact {
                <div class="drop-hero">
                    <div class="drop-icon">{ icon("drop") }</div>
                    <p class="drop-title">{ words::DROP_HERE.get(lang) }</p>
                    <p class="drop-how muted">{ words::HOW_TO.get(lang) }</p>
                </div>
            }
            <div class="intake-row">
                <div class="intake-actions">
                    <input type="file" multiple=true id="file-input" class="file-input" onchange={on_files} />
                    <label for="file-input" class="btn primary">
                        { icon("folder") }{ words::CHOOSE_FILES.get(lang) }
                    </label>
                    <button type="button" class="btn" aria-expanded={if open { "true" } else { "false" }}
                            aria-controls="paste-box" onclick={toggle_paste}>
                        { icon("paste") }{ words::PASTE_TEXT.get(lang) }
                    </button>
                    <span class="muted paste-hint">{ words::PASTE_HINT.get(lang) }</span>
                </div>
                { samples }
            </div>
            if open {
                <div class="paste-box" id="paste-box">
                    <label for="paste-area">{ words::PASTE_LABEL.get(lang) }</label>
                    <textarea id="paste-area" ref={area} rows="8" spellcheck="false"
                              placeholder={words::PASTE_PLACEHOLDER.get(lang)} />
                    <div class="paste-actions">
                        <button type="button" class="btn primary" onclick={analyse_paste}>{ words::ANALYSE.get(lang) }</button>
                        <button type="button" class="btn" onclick={{
                            let paste_open = paste_open.clone();
                            Callback::from(move |_: MouseEvent| paste_open.set(false))
                        }}>{ words::CANCEL.get(lang) }</button>
                    </div>
                </div>
            }
            if !p.compact {
                <ol class="steps">
                    { for [words::STEP_DROP, words::STEP_READ, words::STEP_SHARE].iter().enumerate().map(|(i, t)| html! {
                        <li><span class="step-n" aria-hidden="true">{ i + 1 }</span><span>{ t.get(lang) }</span></li>
                    }) }
                </ol>
                <p class="privacy">{ icon("lock") }<span>{ words::PRIVACY.get(lang) }</span></p>
            }
        </section>
    }
}
