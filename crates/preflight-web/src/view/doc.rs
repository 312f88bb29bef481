//! One input's panel: progress while it is analysed, the failure if it failed, else the verdict,
//! the findings, the matrix and the raw log.

use preflight_core::i18n::Lang;
use std::rc::Rc;

use preflight_core::compare::Comparison;
use preflight_core::redact::Pseudonyms;
use preflight_core::render::{self, json, markdown};
use preflight_core::report::InputKind;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::combined::Together;
use super::rawlog::RawLog;
use super::{agent, banner, findings, matrix};
use super::{use_lang, Selection};
use crate::browser::{self, mark, now_ms};
use crate::ctl::Ctl;
use crate::state::{Doc, DocState, Problem, Ready, Shared, Shown, Stage};
use crate::words;

/// Drawn as a plain function by the app, which passes its language on; the
/// components inside read the language from the context and are keyed by the document, so
/// switching tabs starts them afresh.
pub struct Props {
    pub doc: Doc,
    pub lang: Lang,
    pub ctl: Ctl,
    /// What is shown of the finished inputs: as read, or redacted.
    pub shown: Shared<Shown>,
    /// The comparison of two runs, while it is shown: Copy as Markdown puts it first.
    pub comparison: Shared<Option<Comparison>>,
}

/// `name.log` → `name.preflight.json`.
pub fn json_file_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.preflight.json")
}

pub fn doc_view(p: &Props) -> Html {
    let d = &p.doc;
    match &d.state {
        DocState::Working { stage, since_ms } => html! {
            <Progress key={d.id} name={d.name.clone()} size={d.size} stage={*stage} since_ms={*since_ms}
                      ctl={p.ctl.clone()} id={d.id} />
        },
        DocState::Failed(problem) => failed(d, problem, p.lang, &p.ctl),
        DocState::Ready(ready) => match p.shown.of_ready(ready) {
            Some(ready) => html! {
                <ReadyView key={d.id} id={d.id} ticket={d.ticket} ready={ready} name={d.name.clone()}
                           blob={d.blob.clone()} kind={d.kind} ctl={p.ctl.clone()}
                           names={p.shown.names.clone()} bundle={p.shown.bundle.clone()}
                           comparison={p.comparison.clone()} />
            },
            None => failed(d, &Problem::new(words::E_REDACT, ""), p.lang, &p.ctl),
        },
    }
}

#[derive(Properties, PartialEq)]
struct ProgressProps {
    id: u32,
    name: String,
    size: usize,
    stage: Stage,
    since_ms: f64,
    ctl: Ctl,
}

/// A quick analysis shows no progress card: it would flash for a frame and cost a paint.
const PROGRESS_AFTER_MS: f64 = 250.0;

#[function_component(Progress)]
fn progress(p: &ProgressProps) -> Html {
    let lang = use_lang();
    // Re-render a few times a second so the elapsed time moves.
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        let interval = gloo::timers::callback::Interval::new(250, move || redraw.force_update());
        move || drop(interval)
    });
    let elapsed_ms = if p.since_ms > 0.0 {
        (now_ms() - p.since_ms).max(0.0)
    } else {
        0.0
    };
    if elapsed_ms < PROGRESS_AFTER_MS {
        return html! { <div class="progress-pending" data-testid="progress" aria-busy="true"></div> };
    }
    let elapsed = (elapsed_ms / 1000.0) as u64;
    let cancel = {
        let (ctl, id) = (p.ctl.clone(), p.id);
        Callback::from(move |_: MouseEvent| ctl.close(id))
    };
    let pct = (p.stage.fraction() * 100.0).round() as u32;
    html! {
        <section class="progress-card" data-testid="progress" aria-busy="true">
            <h2 class="progress-title">{ p.stage.label().get(lang) }</h2>
            <p class="muted">{ format!("{} · {}", p.name, words::bytes(p.size)) }</p>
            <progress max="100" value={pct.to_string()} aria-label={p.stage.label().get(lang)}></progress>
            <div class="indeterminate" aria-hidden="true"><span></span></div>
            <p class="muted">
                { words::elapsed(elapsed, lang) }{ " · " }{ words::STAGE_NOTE.get(lang) }
            </p>
            <button type="button" class="btn" onclick={cancel}>{ words::CANCEL.get(lang) }</button>
        </section>
    }
}

fn failed(d: &Doc, problem: &Problem, lang: Lang, ctl: &Ctl) -> Html {
    let retry = {
        let (ctl, id, name, blob, kind) =
            (ctl.clone(), d.id, d.name.clone(), d.blob.clone(), d.kind);
        Callback::from(move |_: MouseEvent| ctl.run(id, name.clone(), blob.clone(), kind))
    };
    let close = {
        let (ctl, id) = (ctl.clone(), d.id);
        Callback::from(move |_: MouseEvent| ctl.close(id))
    };
    html! {
        <section class="problem-card" role="alert" data-testid="problem">
            <h2>{ problem.what.get(lang) }</h2>
            <p class="muted">{ d.name.clone() }</p>
            if !problem.detail.is_empty() {
                <p><code>{ problem.detail.clone() }</code></p>
            }
            <div class="actions">
                <button type="button" class="btn primary" onclick={retry}>{ words::RETRY.get(lang) }</button>
                <button type="button" class="btn" onclick={close}>{ words::CLOSE.get(lang) }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReadyProps {
    id: u32,
    ticket: u32,
    ready: Shared<Ready>,
    /// What a re-run with a forced kind needs of the document (its report is `ready`).
    name: String,
    blob: web_sys::Blob,
    kind: Option<InputKind>,
    ctl: Ctl,
    names: Option<Shared<Pseudonyms>>,
    bundle: Shared<Option<Together>>,
    comparison: Shared<Option<Comparison>>,
}

#[function_component(ReadyView)]
fn ready_view(p: &ReadyProps) -> Html {
    let lang = use_lang();
    // Everything below shows, copies, downloads and prints this one: the redacted analysis
    // while the switch is on.
    let ready = p.ready.clone();
    let name = match &p.names {
        Some(n) => n.apply(&p.name).into_owned(),
        None => p.name.clone(),
    };
    let selection = use_state(|| None::<Selection>);
    // Two passes: first what fills the first screen (verdict, root causes, the log's first
    // lines), then, once that is painted, the notes, the matrix and the rest of the log.
    let full = use_state_eq(super::initially_false);
    // One effect for both things a new report starts (one effect type less to compile): the
    // second pass, and the timing marks for the budgets (input → rendered, per tab).
    {
        let (full, id) = (full.clone(), p.id);
        use_effect_with(ready.clone(), move |_| {
            let frame = gloo::render::request_animation_frame(move |_| {
                browser::later(0, Box::new(move || full.set(true)));
            });
            mark(&format!("preflight:rendered:{id}"));
            if let Some(perf) = browser::window().and_then(|w| w.performance()) {
                let _ = perf.measure_with_start_mark_and_end_mark(
                    &format!("preflight:analyse:{id}"),
                    &format!("preflight:input:{id}"),
                    &format!("preflight:rendered:{id}"),
                );
            }
            move || drop(frame)
        });
    }

    let on_select = {
        let selection = selection.clone();
        Callback::from(move |s: Selection| selection.set(Some(s)))
    };
    let on_clear = {
        let selection = selection.clone();
        Callback::from(move |_: ()| selection.set(None))
    };
    let on_kind = {
        let (ctl, id, name, blob) = (p.ctl.clone(), p.id, p.name.clone(), p.blob.clone());
        Callback::from(move |kind| ctl.run(id, name.clone(), blob.clone(), kind))
    };
    let on_copy = {
        let (ctl, ready, bundle, comparison) = (
            p.ctl.clone(),
            ready.clone(),
            p.bundle.clone(),
            p.comparison.clone(),
        );
        Callback::from(move |_: ()| {
            // With several inputs open, the ticket gets the combined verdict and every report,
            // after the comparison of two runs when it is shown.
            let mut md = match &*comparison.0 {
                Some(c) => render::compare::markdown(c, lang) + "\n",
                None => String::new(),
            };
            md.push_str(&match &*bundle.0 {
                Some(t) => t.markdown(lang),
                None => markdown::render(&ready.analysis.report, lang),
            });
            let ctl = ctl.clone();
            spawn_local(async move {
                match browser::copy_text(&md).await {
                    Ok(()) => ctl.info(words::COPIED),
                    Err(_) => ctl.copy_fallback(Some(md)),
                }
            });
        })
    };
    let on_download = {
        let (ctl, ready, name) = (p.ctl.clone(), ready.clone(), name);
        Callback::from(move |_: ()| {
            let blob = if ready.redacted {
                // Written here from the redacted report; the worker's JSON is the unredacted one.
                let mut parts = crate::worker::BlobParts::default();
                json::write_report(&ready.analysis.report, lang, &mut parts)
                    .ok()
                    .and_then(|_| parts.finish().ok())
            } else {
                ready
                    .analysis
                    .json
                    .borrow()
                    .as_ref()
                    .map(|(en, ja)| match lang {
                        Lang::En => en.clone(),
                        Lang::Ja => ja.clone(),
                    })
            };
            let result = match blob {
                Some(b) => browser::download(&b, &json_file_name(&name))
                    .map_err(|e| Problem::new(words::E_DOWNLOAD, e)),
                None => Err(Problem::new(words::E_JSON_NOT_READY, "")),
            };
            if let Err(p) = result {
                ctl.problem(p);
            }
        })
    };
    let on_print = Callback::from(|_: ()| {
        if let Some(w) = browser::window() {
            let _ = w.print();
        }
    });

    let is_agent = ready.analysis.report.agent.is_some();
    html! {
        <div class="report" id="results" data-drawn={if *full { "all" } else { "partial" }}>
            { banner::banner(&banner::Props { ready: ready.clone(), lang, kind: p.kind, on_kind, on_copy, on_download, on_print }) }
            <div class="report-grid">
                <div class="report-main">
                    if is_agent {
                        { agent::agent_panel(&agent::Props { ready: ready.clone(), lang }) }
                    }
                    { findings::findings(&findings::Props { ready: ready.clone(), lang, on_select: on_select.clone(), notes: false }) }
                    if *full {
                        // Agent text has no endpoints: its matrix would be an empty table.
                        if !is_agent {
                            { matrix::matrix(&matrix::Props { ready: ready.clone(), lang, on_select: on_select.clone() }) }
                        }
                        { findings::findings(&findings::Props { ready: ready.clone(), lang, on_select, notes: true }) }
                    }
                </div>
                <div class="report-side">
                    <RawLog key={p.ticket} ready={ready.clone()} selection={(*selection).clone()} {on_clear} full={*full} />
                </div>
            </div>
        </div>
    }
}

/// A rehearsal being drawn; dropping it removes it.
pub struct RehearsalHandle {
    app: Option<yew::AppHandle<ReadyView>>,
    host: web_sys::Element,
}

impl Drop for RehearsalHandle {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }
}

/// Draws `ready` once, invisibly, in a closed shadow root (so nothing that queries the page, a
/// test or a screen reader, ever sees it); see `Ctl::warm_up`. Dropping the handle removes it.
pub fn rehearse(ready: Shared<Ready>, blob: web_sys::Blob, ctl: &Ctl) -> Option<RehearsalHandle> {
    let doc = browser::document()?;
    let host = doc.create_element("div").ok()?;
    host.set_class_name("rehearsal");
    let _ = host.set_attribute("aria-hidden", "true");
    let _ = host.set_attribute("inert", "");
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(
            web_sys::ShadowRootMode::Closed,
        ))
        .ok()?;
    // The page's own stylesheet (already loaded), so the rehearsal matches the real thing.
    if let Some(href) = doc
        .query_selector("link[rel=stylesheet]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"))
    {
        let link = doc.create_element("link").ok()?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &href);
        shadow.append_child(&link).ok()?;
    }
    let root = doc.create_element("div").ok()?;
    shadow.append_child(&root).ok()?;
    doc.body()?.append_child(&host).ok()?;
    let name = ready.analysis.report.input.name.clone();
    // The ready view itself is the root: what `doc_view` draws for a ready document. Outside the
    // app's context provider, it speaks English (see `use_lang`).
    let props = ReadyProps {
        id: 0,
        ticket: 0,
        ready,
        name,
        blob,
        kind: None,
        ctl: ctl.clone(),
        names: None,
        bundle: Shared(Rc::new(None)),
        comparison: Shared(Rc::new(None)),
    };
    let app = yew::Renderer::<ReadyView>::with_root_and_props(root, props).render();
    Some(RehearsalHandle {
        app: Some(app),
        host,
    })
}
