//! Page side of the analysis worker: one worker per input, a warm spare so a dropped file does
//! not wait for a worker to load, and results read back a piece at a time.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use preflight_core::report::{InputKind, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Worker};

use crate::browser::describe;
use crate::protocol as p;
use crate::raw::RawText;

/// The worker script Trunk writes next to `index.html` (`data-loader-shim`); relative, so the
/// page works under any sub-path.
pub const WORKER_URL: &str = "./preflight-worker_loader.js";

/// What a worker reports about one job.
pub enum Event {
    Stage(&'static str),
    Done(JsValue),
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
        let worker = Worker::new(WORKER_URL).map_err(|e| describe(&e))?;
        let slot: Rc<RefCell<Slot>> = Rc::default();
        let (s, w) = (slot.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let ty = Reflect::get(&data, &p::TYPE.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
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

/// All workers of the page: the running ones by run ticket, and one spare.
#[derive(Default)]
pub struct Pool {
    spare: Option<Runner>,
    running: HashMap<u32, Runner>,
    /// The current run of each input.
    runs: HashMap<u32, u32>,
}

impl Pool {
    /// Starts a spare worker, so the next input starts at once.
    pub fn warm(&mut self) {
        if self.spare.is_none() {
            self.spare = Runner::spawn().ok();
        }
    }

    /// A worker for run `ticket` of input `id`; an earlier run of the same input is stopped.
    pub fn take(&mut self, id: u32, ticket: u32) -> Result<&Runner, String> {
        if let Some(old) = self.runs.insert(id, ticket) {
            self.running.remove(&old);
        }
        let runner = match self.spare.take() {
            Some(r) => r,
            None => Runner::spawn()?,
        };
        self.running.insert(ticket, runner);
        self.warm();
        self.running
            .get(&ticket)
            .ok_or_else(|| "worker vanished".to_owned())
    }

    /// Releases the worker of a finished run.
    pub fn finish(&mut self, ticket: u32) {
        self.running.remove(&ticket);
    }

    /// Stops whatever runs for input `id`.
    pub fn stop(&mut self, id: u32) {
        if let Some(t) = self.runs.remove(&id) {
            self.running.remove(&t);
        }
    }

    pub fn running(&self) -> usize {
        self.running.len()
    }

    pub fn get(&self, ticket: u32) -> Option<&Runner> {
        self.running.get(&ticket)
    }
}

/// What one finished analysis gives the page.
pub struct Analysis {
    pub report: Report,
    pub raw: RawText,
    pub json_en: Option<Blob>,
    pub json_ja: Option<Blob>,
}

/// Reads a `done` message, yielding to the browser between pieces so the page never stalls.
pub async fn read_done(data: JsValue) -> Result<Analysis, Failure> {
    let get = |k: &str| Reflect::get(&data, &k.into()).map_err(|e| Failure::Reply(describe(&e)));
    let head = get(p::HEAD)?
        .as_string()
        .ok_or_else(|| Failure::Reply("no head".into()))?;
    let mut report = p::read_head(&head).map_err(|e| Failure::Reply(e.to_string()))?;
    drop(head);
    let chunks: Array = get(p::CHECKS)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no checks".into()))?;
    for chunk in chunks.iter() {
        yield_now().await;
        let json = chunk
            .as_string()
            .ok_or_else(|| Failure::Reply("bad chunk".into()))?;
        let mut checks = p::read_checks(&json).map_err(|e| Failure::Reply(e.to_string()))?;
        report.checks.append(&mut checks);
    }
    yield_now().await;
    let text: Uint8Array = get(p::TEXT)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no text".into()))?;
    let spans: Uint32Array = get(p::SPANS)?
        .dyn_into()
        .map_err(|_| Failure::Reply("no spans".into()))?;
    let raw = RawText::new(text, &spans);
    Ok(Analysis {
        report,
        raw,
        json_en: get(p::JSON_EN)?.dyn_into().ok(),
        json_ja: get(p::JSON_JA)?.dyn_into().ok(),
    })
}

/// Lets the browser handle input and paint before continuing.
pub async fn yield_now() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}
