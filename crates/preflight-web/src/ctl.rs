//! Turns user intents (open a file, force a kind, close a tab) into worker runs and state
//! changes. Components get a `Ctl` and never touch workers themselves.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use preflight_core::i18n::Text;
use preflight_core::report::InputKind;
use wasm_bindgen_futures::spawn_local;
use web_sys::Blob;
use yew::UseReducerDispatcher;

use crate::browser::{self, mark, now_ms};
use crate::runner::{read_done, Event, Pool};
use crate::state::{Action, Notice, Problem, Ready, Shared, Stage, State};
use crate::{protocol as p, words};

/// How long a worker may take to load before the page gives up on it.
const READY_TIMEOUT_MS: u32 = 30_000;
/// How long an informational notice stays.
const INFO_MS: u32 = 5_000;

#[derive(Clone)]
pub struct Ctl {
    dispatch: UseReducerDispatcher<State>,
    pool: Rc<RefCell<Pool>>,
    counter: Rc<Cell<u32>>,
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
        }
    }

    /// Starts a worker ahead of the first input.
    pub fn warm(&self) {
        self.pool.borrow_mut().warm();
    }

    fn next(&self) -> u32 {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        n
    }

    /// Opens a new tab for `blob` and analyses it.
    pub fn open(&self, name: String, blob: Blob) {
        let id = self.next();
        mark(&format!("preflight:input:{id}"));
        self.dispatch.dispatch(Action::Open {
            id,
            name: name.clone(),
            blob: blob.clone(),
        });
        self.run(id, name, blob, None);
    }

    /// (Re)analyses input `id`, optionally forcing its kind.
    pub fn run(&self, id: u32, name: String, blob: Blob, kind: Option<InputKind>) {
        let ticket = self.next();
        let since = now_ms();
        self.dispatch.dispatch(Action::Start {
            id,
            ticket,
            kind,
            since_ms: since,
        });
        let this = self.clone();
        spawn_local(async move {
            let bytes = match browser::read_blob(&blob).await {
                Ok(b) => b,
                Err(e) => return this.fail(id, ticket, Problem::new(words::E_READ, e)),
            };
            let sink: Rc<dyn Fn(Event)> = {
                let this = this.clone();
                Rc::new(move |ev| this.on_event(id, ticket, since, ev))
            };
            let started = match this.pool.borrow_mut().take(id, ticket) {
                Ok(runner) => {
                    runner.start(&bytes, &name, kind, sink);
                    Ok(())
                }
                Err(e) => Err(e),
            };
            if let Err(e) = started {
                return this.fail(id, ticket, Problem::new(words::E_WORKER, e));
            }
            gloo::timers::future::TimeoutFuture::new(READY_TIMEOUT_MS).await;
            let stuck = this
                .pool
                .borrow()
                .get(ticket)
                .filter(|r| !r.is_ready())
                .map(|r| r.fail_start("the worker did not start"));
            let _ = stuck;
        });
    }

    fn on_event(&self, id: u32, ticket: u32, since: f64, ev: Event) {
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
                let this = self.clone();
                // Released from a task, not from inside the worker's own message handler.
                spawn_local(async move {
                    this.pool.borrow_mut().finish(ticket);
                    match read_done(data).await {
                        Ok(analysis) => {
                            let seconds = (now_ms() - since) / 1000.0;
                            let ready = Shared(Rc::new(Ready::new(analysis, seconds)));
                            this.dispatch
                                .dispatch(Action::Ready { id, ticket, ready });
                        }
                        Err(f) => this.fail(id, ticket, Problem::from_failure(&f)),
                    }
                });
            }
            Event::Failed(f) => {
                let this = self.clone();
                spawn_local(async move {
                    this.pool.borrow_mut().finish(ticket);
                    this.fail(id, ticket, Problem::from_failure(&f));
                });
            }
        }
    }

    fn fail(&self, id: u32, ticket: u32, problem: Problem) {
        self.dispatch.dispatch(Action::Failed {
            id,
            ticket,
            problem,
        });
    }

    /// Closes a tab, stopping its analysis if one is running.
    pub fn close(&self, id: u32) {
        self.pool.borrow_mut().stop(id);
        self.dispatch.dispatch(Action::Close(id));
    }

    pub fn activate(&self, id: u32) {
        self.dispatch.dispatch(Action::Activate(id));
    }

    pub fn info(&self, text: Text) {
        let key = self.next();
        self.dispatch.dispatch(Action::Notify(key, Notice::Info(text)));
        let d = self.dispatch.clone();
        gloo::timers::callback::Timeout::new(INFO_MS, move || d.dispatch(Action::Dismiss(key)))
            .forget();
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
                let n = self.next();
                self.open(words::pasted_name(n), blob);
            }
            Err(e) => self.problem(Problem::new(words::E_READ, e)),
        }
    }

    /// Loads a sample shipped with the page.
    pub fn open_sample(&self, file: &'static str) {
        let this = self.clone();
        spawn_local(async move {
            match browser::fetch_blob(&format!("./samples/{file}")).await {
                Ok(blob) => this.open(file.to_owned(), blob),
                Err(e) => this.problem(Problem::new(words::E_SAMPLE, format!("{file}: {e}"))),
            }
        });
    }
}
