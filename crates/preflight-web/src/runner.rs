//! Page side of the analysis worker: one worker per input, a warm spare so a dropped file does
//! not wait for a worker to load, and results read back a piece at a time.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use preflight_core::redact::Pseudonyms;
use preflight_core::report::{InputKind, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::browser::describe;
use crate::protocol as p;
use crate::raw::RawText;

/// The worker's start-up script, next to `index.html`; relative, so the page works under any
/// sub-path.
pub const WORKER_URL: &str = "./worker.js";

/// The page's JS glue, as `boot.js` loaded it (Trunk writes its hashed name on that script tag).
fn glue_url() -> Result<String, String> {
    let doc = crate::browser::document().ok_or("no document")?;
    let src = doc
        .query_selector("script[data-js]")
        .map_err(|e| describe(&e))?
        .and_then(|s| s.get_attribute("data-js"))
        .ok_or("the page's start-up script is missing")?;
    let base = doc
        .base_uri()
        .map_err(|e| describe(&e))?
        .unwrap_or_default();
    web_sys::Url::new_with_base(&src, &base)
        .map(|u| u.href())
        .map_err(|e| describe(&e))
}

/// What a worker reports about one job.
pub enum Event {
    Stage(&'static str),
    Done(JsValue),
    /// The downloadable report, after `Done`.
    Json(JsValue),
    Failed(Failure),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The worker could not be created or loaded.
    Start(String),
    /// The worker died (out of memory, a trap) or reported an error.
    Crashed(String),
    /// The reply could not be read.
    Reply(String),
}

#[derive(Default)]
struct Slot {
    ready: bool,
    /// A failure that happened before anyone listened (the spare failed to load).
    failed: Option<Failure>,
    queued: Option<(JsValue, Array)>,
    sink: Option<Rc<dyn Fn(Event)>>,
}

/// One worker and its handlers. Dropping it terminates the worker.
pub struct Runner {
    worker: Worker,
    slot: Rc<RefCell<Slot>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Runner {
    pub fn spawn() -> Result<Runner, String> {
        let glue = glue_url()?;
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_URL, &opts).map_err(|e| describe(&e))?;
        let slot: Rc<RefCell<Slot>> = Rc::default();
        let (s, w) = (slot.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let ty = Reflect::get(&data, &p::TYPE.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if ty == p::FAILED && !s.borrow().ready {
                let detail = Reflect::get(&data, &p::DETAIL.into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                emit(&s, Event::Failed(Failure::Start(detail)));
                return;
            }
            if ty == p::READY {
                let queued = {
                    let mut slot = s.borrow_mut();
                    slot.ready = true;
                    slot.queued.take()
                };
                if let Some((msg, transfer)) = queued {
                    post(&w, &s, &msg, &transfer);
                }
                return;
            }
            let event = match ty.as_str() {
                p::STAGE => {
                    let stage = Reflect::get(&data, &p::STAGE.into())
                        .ok()
                        .and_then(|v| v.as_string());
                    match stage.as_deref() {
                        Some(p::STAGE_PREPARING) => Event::Stage(p::STAGE_PREPARING),
                        _ => Event::Stage(p::STAGE_ANALYSING),
                    }
                }
                p::DONE => Event::Done(data),
                p::JSON => Event::Json(data),
                _ => Event::Failed(Failure::Crashed(
                    Reflect::get(&data, &p::DETAIL.into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default(),
                )),
            };
            emit(&s, event);
        });
        let s = slot.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            let ready = s.borrow().ready;
            let detail = e.message();
            emit(
                &s,
                Event::Failed(if ready {
                    Failure::Crashed(detail)
                } else {
                    Failure::Start(detail)
                }),
            );
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // This very module, already compiled: the worker instantiates it instead of fetching it.
        let init = Object::new();
        let _ = Reflect::set(&init, &"glue".into(), &glue.into());
        let _ = Reflect::set(&init, &"module".into(), &wasm_bindgen::module());
        worker.post_message(&init).map_err(|e| describe(&e))?;
        Ok(Runner {
            worker,
            slot,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn is_ready(&self) -> bool {
        self.slot.borrow().ready
    }

    /// Reports a worker that never said `ready` (a script or module that failed to load does
    /// not always raise an error event).
    pub fn fail_start(&self, detail: &str) {
        emit(&self.slot, Event::Failed(Failure::Start(detail.to_owned())));
    }

    /// Starts the analysis of `bytes` (transferred, so the page's copy becomes empty).
    pub fn start(
        &self,
        bytes: &js_sys::ArrayBuffer,
        name: &str,
        kind: Option<InputKind>,
        sink: Rc<dyn Fn(Event)>,
    ) {
        let msg = Object::new();
        let _ = Reflect::set(&msg, &p::BYTES.into(), bytes);
        let _ = Reflect::set(&msg, &p::NAME.into(), &name.into());
        if let Some(k) = kind {
            let _ = Reflect::set(&msg, &p::KIND.into(), &k.word().into());
        }
        let transfer = Array::of1(bytes);
        let early = self.slot.borrow_mut().failed.take();
        if let Some(f) = early {
            sink(Event::Failed(f));
            return;
        }
        let ready = {
            let mut slot = self.slot.borrow_mut();
            slot.sink = Some(sink);
            if !slot.ready {
                slot.queued = Some((msg.clone().into(), transfer.clone()));
            }
            slot.ready
        };
        if ready {
            post(&self.worker, &self.slot, &msg, &transfer);
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
    }
}

fn post(worker: &Worker, slot: &Rc<RefCell<Slot>>, msg: &JsValue, transfer: &Array) {
    if let Err(e) = worker.post_message_with_transfer(msg, transfer) {
        emit(slot, Event::Failed(Failure::Start(describe(&e))));
    }
}

fn emit(slot: &Rc<RefCell<Slot>>, event: Event) {
    let sink = slot.borrow().sink.clone();
    match (sink, event) {
        (Some(sink), event) => sink(event),
        (None, Event::Failed(f)) => slot.borrow_mut().failed = Some(f),
        (None, _) => {}
    }
}

/// All workers of the page: the running ones by run ticket, and an idle one ready to serve.
///
/// A page runs a handful of workers at most, so plain lists searched in order serve as the maps
/// (and keep hash map code out of the download).
#[derive(Default)]
pub struct Pool {
    idle: Option<Runner>,
    /// `(ticket, worker)`.
    running: Vec<(u32, Runner)>,
    /// The current run of each input: `(input, ticket)`.
    runs: Vec<(u32, u32)>,
}

impl Pool {
    /// Makes sure an idle worker is there, so the next input starts at once.
    pub fn warm(&mut self) {
        if self.idle.is_none() {
            self.idle = Runner::spawn().ok();
        }
    }

    /// A worker for run `ticket` of input `id`; an earlier run of the same input is stopped.
    pub fn take(&mut self, id: u32, ticket: u32) -> Result<&Runner, String> {
        if let Some(old) = self.set_run(id, ticket) {
            self.remove_running(old);
        }
        let runner = match self.idle.take() {
            Some(r) => r,
            None => Runner::spawn()?,
        };
        self.remove_running(ticket);
        self.running.push((ticket, runner));
        self.running
            .last()
            .map(|(_, r)| r)
            .ok_or_else(|| "worker vanished".to_owned())
    }

    /// Ends run `ticket`. Its worker serves the next input when `reuse` (it is warm, and the
    /// engine's compiled code is hot there); otherwise it is stopped, which frees the memory a
    /// large input made it take.
    pub fn finish(&mut self, ticket: u32, reuse: bool) {
        self.runs.retain(|&(_, t)| t != ticket);
        if let Some(runner) = self.remove_running(ticket) {
            if reuse && self.idle.is_none() {
                runner.slot.borrow_mut().sink = None;
                self.idle = Some(runner);
            }
        }
    }

    /// Stops whatever runs for input `id`.
    pub fn stop(&mut self, id: u32) {
        if let Some(i) = self.runs.iter().position(|&(input, _)| input == id) {
            let (_, t) = self.runs.swap_remove(i);
            self.remove_running(t);
        }
    }

    pub fn running(&self) -> usize {
        self.running.len()
    }

    pub fn idle(&self) -> Option<&Runner> {
        self.idle.as_ref()
    }

    pub fn get(&self, ticket: u32) -> Option<&Runner> {
        self.running
            .iter()
            .find(|&&(t, _)| t == ticket)
            .map(|(_, r)| r)
    }

    /// Records `ticket` as the current run of input `id`; gives the run it replaces.
    fn set_run(&mut self, id: u32, ticket: u32) -> Option<u32> {
        match self.runs.iter_mut().find(|(input, _)| *input == id) {
            Some((_, t)) => Some(std::mem::replace(t, ticket)),
            None => {
                self.runs.push((id, ticket));
                None
            }
        }
    }

    fn remove_running(&mut self, ticket: u32) -> Option<Runner> {
        let i = self.running.iter().position(|&(t, _)| t == ticket)?;
        Some(self.running.swap_remove(i).1)
    }
}

/// The report as JSON files, English and Japanese, once the worker has written them.
pub type JsonSlot = Rc<RefCell<Option<(Blob, Blob)>>>;

/// What one finished analysis gives the page.
pub struct Analysis {
    pub report: Report,
    pub raw: RawText,
    pub json: JsonSlot,
    /// This input's pseudonyms (see `preflight_core::redact`).
    pub names: Rc<Pseudonyms>,
    /// The report as the worker encoded it, kept to read it again redacted.
    pub head: Uint8Array,
    pub chunks: Array,
}

/// Reads a `json` message into the slot.
pub fn read_json(data: &JsValue, slot: &JsonSlot) -> Result<(), Failure> {
    let blob = |k: &str| {
        Reflect::get(data, &k.into())
            .ok()
            .and_then(|v| v.dyn_into::<Blob>().ok())
            .ok_or_else(|| Failure::Reply(format!("no {k}")))
    };
    *slot.borrow_mut() = Some((blob(p::JSON_EN)?, blob(p::JSON_JA)?));
    Ok(())
}

/// Reads a `done` message, yielding to the browser between pieces so the page never stalls.
pub async fn read_done(data: JsValue, json: JsonSlot) -> Result<Analysis, Failure> {
    let get = |k: &str| Reflect::get(&data, &k.into()).map_err(|e| Failure::Reply(describe(&e)));
    let bytes = |v: JsValue| {
        v.dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .map_err(|_| Failure::Reply("not bytes".into()))
    };
    // Encoded by this very module in the worker, so it decodes.
    let head: Uint8Array = get(p::HEAD)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no head".into()))?;
    let mut report = p::read_head(&head.to_vec(), None)
        .ok_or_else(|| Failure::Reply("the report could not be decoded".into()))?;
    let chunks: Array = get(p::CHECKS)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no checks".into()))?;
    // A large report is read in slices of a few milliseconds, so input and painting go on in
    // between; a small one is read at once.
    let mut slice = crate::browser::now_ms();
    for chunk in chunks.iter() {
        if crate::browser::now_ms() - slice > SLICE_MS {
            yield_now().await;
            slice = crate::browser::now_ms();
        }
        p::read_piece(&mut report, &bytes(chunk)?, None).map_err(Failure::Reply)?;
    }
    let text: Uint8Array = get(p::TEXT)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no text".into()))?;
    let spans: Uint32Array = get(p::SPANS)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no spans".into()))?;
    let raw = RawText::new(text, &spans);
    let names = get(p::NAMES)?.as_string().unwrap_or_default();
    let names = Rc::new(p::names_from_text(&names));
    Ok(Analysis {
        report,
        raw,
        json,
        names,
        head,
        chunks,
    })
}

/// Longest stretch of reading before the page lets the browser run.
const SLICE_MS: f64 = 12.0;

/// Lets the browser handle input and paint before continuing.
pub async fn yield_now() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}
