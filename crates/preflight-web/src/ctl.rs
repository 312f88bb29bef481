//! Turns user intents (open a file, force a kind, close a tab) into worker runs and state
//! changes. Components get a `Ctl` and never touch workers themselves.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Reflect;
use preflight_core::i18n::Text;
use preflight_core::report::InputKind;
use wasm_bindgen_futures::spawn_local;
use web_sys::Blob;
use yew::UseReducerDispatcher;

use crate::browser::{self, mark, now_ms};
use crate::runner::{read_done, read_json, Event, JsonSlot, Pool};
use crate::state::{Action, Notice, Problem, Ready, Shared, Stage, State};
use crate::{protocol as p, words};

/// How long a worker may take to load before the page gives up on it.
const READY_TIMEOUT_MS: u32 = 30_000;
/// A new input gets its tab when its report is ready or after this long, whichever comes first:
/// a quick analysis then goes straight from the drop to the report, with no frame in between.
const TAB_AFTER_MS: u32 = 120;
/// Workers that analysed more than this are not kept for the next input (they hold the memory
/// the input made them take).
const REUSE_MAX_BYTES: usize = 8 << 20;
/// The sample the idle worker analyses once at start-up, and when.
const WARM_UP_SAMPLE: &str = "CheckNWResult_vm-minimal06_202611220005.log";
const WARM_UP_AFTER_MS: u32 = 300;
/// How long the rehearsal stays: both drawing passes and a paint.
const REHEARSAL_MS: u32 = 600;
/// How long after a worker was stopped a new idle one starts (not during the rendering).
const WARM_AFTER_MS: u32 = 1_000;
/// How long an informational notice stays.
const INFO_MS: u32 = 5_000;

/// A tab not yet in the state: it is added when needed (see `TAB_AFTER_MS`).
struct NewTab {
    added: Cell<bool>,
    name: String,
    blob: Blob,
}

/// One analysis run, as its worker's events see it.
#[derive(Clone)]
struct Run {
    id: u32,
    ticket: u32,
    since: f64,
    kind: Option<InputKind>,
    size: usize,
    json: JsonSlot,
    /// The report reached the page (later failures only concern the JSON download).
    shown: Rc<Cell<bool>>,
    tab: Option<Rc<NewTab>>,
}

#[derive(Clone)]
pub struct Ctl {
    dispatch: UseReducerDispatcher<State>,
    pool: Rc<RefCell<Pool>>,
    counter: Rc<Cell<u32>>,
    /// Numbers pasted texts `pasted-1.txt`, `pasted-2.txt`, … in the order they came.
    pastes: Rc<Cell<u32>>,
    /// The start-up rehearsal while it is drawn (see `warm_up`).
    rehearsal: Rc<RefCell<Option<crate::view::doc::RehearsalHandle>>>,
}

impl PartialEq for Ctl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.pool, &other.pool)
    }
}

impl Ctl {
    pub fn new(dispatch: UseReducerDispatcher<State>) -> Ctl {
        Ctl {
            dispatch,
            pool: Rc::default(),
            counter: Rc::new(Cell::new(0)),
            pastes: Rc::new(Cell::new(0)),
            rehearsal: Rc::default(),
        }
    }

    /// Starts a worker ahead of the first input.
    pub fn warm(&self) {
        self.pool.borrow_mut().warm();
    }

    /// Once the page is up, analyses a shipped sample in the background and draws its report
    /// off-screen, then throws it away. The engine compiles code on first use and the browser
    /// loads fonts on first use: this way the user's first input does not pay for either.
    /// Best effort: a failure here only means the first report is a little slower.
    pub fn warm_up(&self) {
        let this = self.clone();
        spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(WARM_UP_AFTER_MS).await;
            let Ok(blob) = browser::fetch_sample(WARM_UP_SAMPLE).await else {
                return;
            };
            let Ok(bytes) = browser::read_blob(&blob).await else {
                return;
            };
            let run = Run {
                id: 0,
                ticket: this.next(),
                since: now_ms(),
                kind: None,
                size: bytes.byte_length() as usize,
                json: JsonSlot::default(),
                shown: Rc::new(Cell::new(false)),
                tab: None,
            };
            let sink: Rc<dyn Fn(Event)> = {
                let (this, run, blob) = (this.clone(), run.clone(), blob.clone());
                Rc::new(move |ev| {
                    let (this, run, blob) = (this.clone(), run.clone(), blob.clone());
                    spawn_local(async move {
                        match ev {
                            Event::Done(data) => {
                                if let Ok(a) = read_done(data, run.json.clone()).await {
                                    let ready = Shared(Rc::new(Ready::new(a, 0.0)));
                                    let handle = crate::view::doc::rehearse(ready, blob, &this);
                                    *this.rehearsal.borrow_mut() = handle;
                                    let slot = this.rehearsal.clone();
                                    browser::later(
                                        REHEARSAL_MS,
                                        Box::new(move || drop(slot.borrow_mut().take())),
                                    );
                                }
                            }
                            Event::Json(_) => this.release(&run),
                            Event::Failed(_) => {
                                this.pool.borrow_mut().finish(run.ticket, false);
                                this.pool.borrow_mut().warm();
                            }
                            Event::Stage(_) => {}
                        }
                    });
                })
            };
            if let Ok(runner) = this.pool.borrow_mut().take(0, run.ticket) {
                runner.start(&bytes, WARM_UP_SAMPLE, None, sink);
            }
        });
    }

    fn release(&self, run: &Run) {
        let reuse = run.size <= REUSE_MAX_BYTES;
        self.pool.borrow_mut().finish(run.ticket, reuse);
        if !reuse {
            let pool = self.pool.clone();
            browser::later(WARM_AFTER_MS, Box::new(move || pool.borrow_mut().warm()));
        }
    }

    fn next(&self) -> u32 {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        n
    }

    /// Opens a new tab for `blob` and analyses it.
    pub fn open(&self, name: String, blob: Blob) {
        self.open_tab(name, blob, true);
    }

    /// Opens a new tab at once: for several inputs, whose tabs must keep their order.
    pub fn open_now(&self, name: String, blob: Blob) {
        self.open_tab(name, blob, false);
    }

    fn open_tab(&self, name: String, blob: Blob, defer: bool) {
        // A real input ends the rehearsal at once: it must not compete with the real report.
        let rehearsal = self.rehearsal.borrow_mut().take();
        drop(rehearsal);
        let id = self.next();
        mark(&format!("preflight:input:{id}"));
        let tab = Rc::new(NewTab {
            added: Cell::new(false),
            name: name.clone(),
            blob: blob.clone(),
        });
        self.start(id, name, blob, None, Some(tab), defer);
    }

    /// Re-analyses input `id` (its tab exists), optionally forcing its kind.
    pub fn run(&self, id: u32, name: String, blob: Blob, kind: Option<InputKind>) {
        self.start(id, name, blob, kind, None, false);
    }

    fn start(
        &self,
        id: u32,
        name: String,
        blob: Blob,
        kind: Option<InputKind>,
        tab: Option<Rc<NewTab>>,
        defer: bool,
    ) {
        let run = Run {
            id,
            ticket: self.next(),
            since: now_ms(),
            kind,
            size: blob.size() as usize,
            json: JsonSlot::default(),
            shown: Rc::new(Cell::new(false)),
            tab,
        };
        if defer {
            let (this, run) = (self.clone(), run.clone());
            browser::later(TAB_AFTER_MS, Box::new(move || this.show_tab(&run)));
        } else {
            self.show_tab(&run);
        }
        let this = self.clone();
        spawn_local(async move {
            let bytes = match browser::read_blob(&blob).await {
                Ok(b) => b,
                Err(e) => return this.fail(&run, Problem::new(words::E_READ, e)),
            };
            let sink: Rc<dyn Fn(Event)> = {
                let (this, run) = (this.clone(), run.clone());
                Rc::new(move |ev| this.on_event(&run, ev))
            };
            let started = match this.pool.borrow_mut().take(run.id, run.ticket) {
                Ok(runner) => {
                    runner.start(&bytes, &name, kind, sink);
                    Ok(())
                }
                Err(e) => Err(e),
            };
            if let Err(e) = started {
                return this.fail(&run, Problem::new(words::E_WORKER, e));
            }
            gloo::timers::future::TimeoutFuture::new(READY_TIMEOUT_MS).await;
            if let Some(r) = this.pool.borrow().get(run.ticket).filter(|r| !r.is_ready()) {
                r.fail_start("the worker did not start");
            }
        });
    }

    /// Puts the run's tab (for a new input) and its progress in the state, once.
    fn show_tab(&self, run: &Run) {
        if let Some(tab) = &run.tab {
            if tab.added.replace(true) {
                return;
            }
            self.dispatch.dispatch(Action::Open {
                id: run.id,
                name: tab.name.clone(),
                blob: tab.blob.clone(),
            });
        }
        self.dispatch.dispatch(Action::Start {
            id: run.id,
            ticket: run.ticket,
            kind: run.kind,
            since_ms: run.since,
        });
    }

    fn on_event(&self, run: &Run, ev: Event) {
        let (id, ticket) = (run.id, run.ticket);
        match ev {
            Event::Stage(s) => {
                let stage = if s == p::STAGE_PREPARING {
                    Stage::Preparing
                } else {
                    Stage::Analysing
                };
                self.dispatch.dispatch(Action::Stage { id, ticket, stage });
            }
            Event::Done(data) => {
                mark(&format!("preflight:reply:{id}"));
                run.shown.set(true);
                let (this, run) = (self.clone(), run.clone());
                spawn_local(async move {
                    match read_done(data, run.json.clone()).await {
                        Ok(analysis) => {
                            mark(&format!("preflight:read:{id}"));
                            let seconds = (now_ms() - run.since) / 1000.0;
                            let ready = Shared(Rc::new(Ready::new(analysis, seconds)));
                            this.show_tab(&run);
                            this.dispatch.dispatch(Action::Ready { id, ticket, ready });
                        }
                        Err(f) => {
                            this.release(&run);
                            this.fail(&run, Problem::from_failure(&f));
                        }
                    }
                });
            }
            Event::Json(data) => {
                let outcome = read_json(&data, &run.json);
                if let Some(bytes) = Reflect::get(&data, &p::MEMORY.into())
                    .ok()
                    .and_then(|v| v.as_f64())
                {
                    // As an integer: formatting a float would pull float printing into the page.
                    let bytes = bytes as u64;
                    mark(&format!("preflight:worker-memory:{}:{bytes}", run.id));
                }
                let (this, run) = (self.clone(), run.clone());
                // Released from a task, not from inside the worker's own message handler.
                spawn_local(async move {
                    this.release(&run);
                    if let Err(f) = outcome {
                        this.problem(Problem::from_failure(&f));
                    }
                });
            }
            Event::Failed(f) => {
                let (this, run) = (self.clone(), run.clone());
                spawn_local(async move {
                    // A worker that failed is not reused.
                    this.pool.borrow_mut().finish(run.ticket, false);
                    this.pool.borrow_mut().warm();
                    if run.shown.get() {
                        // The report is on screen; only its JSON download is missing.
                        this.problem(Problem::from_failure(&f));
                    } else {
                        this.fail(&run, Problem::from_failure(&f));
                    }
                });
            }
        }
    }

    fn fail(&self, run: &Run, problem: Problem) {
        self.show_tab(run);
        self.dispatch.dispatch(Action::Failed {
            id: run.id,
            ticket: run.ticket,
            problem,
        });
    }

    /// Closes a tab, stopping its analysis if one is running.
    pub fn close(&self, id: u32) {
        self.pool.borrow_mut().stop(id);
        self.warm();
        self.dispatch.dispatch(Action::Close(id));
    }

    pub fn activate(&self, id: u32) {
        self.dispatch.dispatch(Action::Activate(id));
    }

    pub fn info(&self, text: Text) {
        let key = self.next();
        self.dispatch
            .dispatch(Action::Notify(key, Notice::Info(text)));
        let d = self.dispatch.clone();
        browser::later(INFO_MS, Box::new(move || d.dispatch(Action::Dismiss(key))));
    }

    pub fn problem(&self, problem: Problem) {
        let key = self.next();
        self.dispatch
            .dispatch(Action::Notify(key, Notice::Problem(problem)));
    }

    pub fn dismiss(&self, key: u32) {
        self.dispatch.dispatch(Action::Dismiss(key));
    }

    pub fn copy_fallback(&self, md: Option<String>) {
        self.dispatch.dispatch(Action::CopyFallback(md));
    }

    /// Opens a pasted or dropped text as a new input.
    pub fn open_text(&self, text: &str) {
        if text.trim().is_empty() {
            self.problem(Problem::new(words::E_EMPTY_PASTE, ""));
            return;
        }
        match browser::text_blob(text) {
            Ok(blob) => {
                let n = self.pastes.get() + 1;
                self.pastes.set(n);
                self.open(words::pasted_name(n), blob);
            }
            Err(e) => self.problem(Problem::new(words::E_READ, e)),
        }
    }

    /// Loads a sample shipped with the page.
    pub fn open_sample(&self, file: &'static str) {
        let this = self.clone();
        spawn_local(async move {
            match browser::fetch_sample(file).await {
                Ok(blob) => this.open(file.to_owned(), blob),
                Err(e) => this.problem(Problem::new(words::E_SAMPLE, format!("{file}: {e}"))),
            }
        });
    }
}
