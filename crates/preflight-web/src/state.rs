//! The page's state: the open inputs (one tab each) and what is shown about them.

use std::rc::Rc;

use preflight_core::i18n::Text;
use preflight_core::order;
use preflight_core::redact::Pseudonyms;
use preflight_core::report::{InputKind, Lines, RegionKind};
use web_sys::Blob;
use yew::Reducible;

use crate::runner::{Analysis, Failure, JsonSlot};
use crate::view::combined::Together;
use crate::words;

/// An `Rc` compared by identity, so components re-render only when the value is replaced.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A finished analysis plus the lookups the views need.
pub struct Ready {
    pub analysis: Analysis,
    /// Check line ranges sorted by first line, and the check each belongs to.
    pub blocks: Vec<Lines>,
    pub block_check: Vec<usize>,
    /// Non-check regions (headings, environment) sorted by first line.
    pub regions: Vec<(Lines, RegionKind)>,
    /// Seconds the analysis took, input to report.
    pub seconds: f64,
    /// Shown with pseudonyms ("Redact for sharing"): the JSON download is then written from
    /// this report, not taken from the worker.
    pub redacted: bool,
}

impl Ready {
    pub fn new(analysis: Analysis, seconds: f64) -> Ready {
        let mut order: Vec<(Lines, usize)> = analysis
            .report
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| (c.lines, i))
            .collect();
        order::by_key(&mut order, |(l, _)| l.first() as u64);
        let mut regions: Vec<(Lines, RegionKind)> = analysis
            .report
            .regions
            .iter()
            .map(|r| (r.lines, r.kind))
            .collect();
        order::by_key(&mut regions, |(l, _)| order::pair(l.first(), l.last()));
        Ready {
            analysis,
            blocks: order.iter().map(|(l, _)| *l).collect(),
            block_check: order.iter().map(|(_, i)| *i).collect(),
            regions,
            seconds,
            redacted: false,
        }
    }

    /// The same analysis with every string of the report and every shown line of the input
    /// through `names`: the report is read again from the worker's bytes with each string
    /// mapped, so verdicts, counts and line numbers are the report's own. `None` only if those
    /// bytes, read once already, no longer read.
    pub fn redacted(&self, names: &Rc<Pseudonyms>) -> Option<Ready> {
        let a = &self.analysis;
        let mut report = crate::protocol::read_head(&a.head.to_vec(), Some(names))?;
        for chunk in a.chunks.iter() {
            let chunk = js_sys::Uint8Array::new(&chunk).to_vec();
            crate::protocol::read_piece(&mut report, &chunk, Some(names)).ok()?;
        }
        Some(Ready {
            analysis: Analysis {
                report,
                raw: a.raw.redacted(names.clone()),
                json: JsonSlot::default(),
                names: names.clone(),
                head: a.head.clone(),
                chunks: a.chunks.clone(),
            },
            blocks: self.blocks.clone(),
            block_check: self.block_check.clone(),
            regions: self.regions.clone(),
            seconds: self.seconds,
            redacted: true,
        })
    }
}

/// What the page shows of the finished inputs (in tab order), and their combined verdict:
/// as read, or, with "Redact for sharing" on, each redacted with one table of pseudonyms for
/// all of them, so a name reads the same in every tab and in the combined verdict.
pub struct Shown {
    pub names: Option<Shared<Pseudonyms>>,
    /// Each finished input and what is shown of it (`None`: it could not be redacted).
    pub readies: Vec<(Shared<Ready>, Option<Shared<Ready>>)>,
    pub bundle: Shared<Option<Together>>,
}

impl Shown {
    pub fn of(readies: &[Shared<Ready>], redact: bool) -> Shown {
        let names = redact.then(|| {
            Rc::new(Pseudonyms::union(
                readies.iter().map(|r| &*r.analysis.names),
            ))
        });
        let readies: Vec<(Shared<Ready>, Option<Shared<Ready>>)> = readies
            .iter()
            .map(|r| {
                let shown = match &names {
                    Some(n) => r.redacted(n).map(|x| Shared(Rc::new(x))),
                    None => Some(r.clone()),
                };
                (r.clone(), shown)
            })
            .collect();
        // Combined from what is shown: redacted reports give a redacted verdict.
        let displayed: Vec<Shared<Ready>> = readies.iter().filter_map(|(_, s)| s.clone()).collect();
        Shown {
            names: names.map(Shared),
            readies,
            bundle: Shared(Rc::new(crate::view::combined::together(&displayed))),
        }
    }

    /// What is shown of `ready`.
    pub fn of_ready(&self, ready: &Shared<Ready>) -> Option<Shared<Ready>> {
        match self.readies.iter().find(|(r, _)| r == ready) {
            Some((_, shown)) => shown.clone(),
            // Not finished when the set was made: shown as read, never when redacting.
            None => self.names.is_none().then(|| ready.clone()),
        }
    }
}

impl Ready {
    /// The kind of region line `n` is in (the innermost, when regions nest).
    pub fn region_at(&self, n: usize) -> Option<RegionKind> {
        let end = self.regions.partition_point(|(l, _)| l.first() <= n);
        self.regions
            .get(..end)?
            .iter()
            .rev()
            .take(8)
            .find(|(l, _)| l.last() >= n)
            .map(|(_, k)| *k)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Queued,
    Reading,
    Analysing,
    Preparing,
}

impl Stage {
    pub fn label(self) -> Text {
        match self {
            Stage::Queued => words::STAGE_QUEUED,
            Stage::Reading => words::STAGE_READING,
            Stage::Analysing => words::STAGE_ANALYSING,
            Stage::Preparing => words::STAGE_PREPARING,
        }
    }

    /// How far along the bar is, roughly: the core reports no progress inside `analyze`.
    pub fn fraction(self) -> f64 {
        match self {
            Stage::Queued => 0.02,
            Stage::Reading => 0.1,
            Stage::Analysing => 0.35,
            Stage::Preparing => 0.85,
        }
    }
}

/// A failure shown to the user: what happened (translated) and the browser's own detail.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub what: Text,
    pub detail: String,
}

impl Problem {
    pub fn new(what: Text, detail: impl Into<String>) -> Problem {
        Problem {
            what,
            detail: detail.into(),
        }
    }

    pub fn from_failure(f: &Failure) -> Problem {
        match f {
            Failure::Start(d) => Problem::new(words::E_WORKER, d.clone()),
            Failure::Crashed(d) => Problem::new(words::E_CRASHED, d.clone()),
            Failure::Reply(d) => Problem::new(words::E_REPLY, d.clone()),
        }
    }
}

#[derive(Clone, PartialEq)]
pub enum DocState {
    Working { stage: Stage, since_ms: f64 },
    Ready(Shared<Ready>),
    Failed(Problem),
}

#[derive(Clone, PartialEq)]
pub struct Doc {
    pub id: u32,
    pub name: String,
    pub size: usize,
    pub blob: Blob,
    /// The kind the user forced, if any.
    pub kind: Option<InputKind>,
    /// The run whose results this tab accepts; older runs' results are dropped.
    pub ticket: u32,
    pub state: DocState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Info(Text),
    Problem(Problem),
}

#[derive(Clone, Default, PartialEq)]
pub struct State {
    pub docs: Vec<Doc>,
    pub active: Option<u32>,
    pub notices: Vec<(u32, Notice)>,
    /// Markdown the clipboard refused, shown for copying by hand.
    pub copy_fallback: Option<String>,
}

pub enum Action {
    Open {
        id: u32,
        name: String,
        blob: Blob,
    },
    Start {
        id: u32,
        ticket: u32,
        kind: Option<InputKind>,
        since_ms: f64,
    },
    Stage {
        id: u32,
        ticket: u32,
        stage: Stage,
    },
    Ready {
        id: u32,
        ticket: u32,
        ready: Shared<Ready>,
    },
    Failed {
        id: u32,
        ticket: u32,
        problem: Problem,
    },
    Close(u32),
    Activate(u32),
    Notify(u32, Notice),
    Dismiss(u32),
    CopyFallback(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Open { id, name, blob } => {
                s.docs.push(Doc {
                    id,
                    name,
                    size: blob.size() as usize,
                    blob,
                    kind: None,
                    ticket: 0,
                    state: DocState::Working {
                        stage: Stage::Queued,
                        since_ms: 0.0,
                    },
                });
                s.active = Some(id);
            }
            Action::Start {
                id,
                ticket,
                kind,
                since_ms,
            } => {
                if let Some(d) = s.docs.iter_mut().find(|d| d.id == id) {
                    d.ticket = ticket;
                    d.kind = kind;
                    d.state = DocState::Working {
                        stage: Stage::Reading,
                        since_ms,
                    };
                }
            }
            Action::Stage { id, ticket, stage } => {
                if let Some(d) = s.docs.iter_mut().find(|d| d.id == id && d.ticket == ticket) {
                    if let DocState::Working { since_ms, .. } = d.state {
                        d.state = DocState::Working { stage, since_ms };
                    }
                }
            }
            Action::Ready { id, ticket, ready } => {
                if let Some(d) = s.docs.iter_mut().find(|d| d.id == id && d.ticket == ticket) {
                    d.state = DocState::Ready(ready);
                }
            }
            Action::Failed {
                id,
                ticket,
                problem,
            } => {
                if let Some(d) = s.docs.iter_mut().find(|d| d.id == id && d.ticket == ticket) {
                    d.state = DocState::Failed(problem);
                }
            }
            Action::Close(id) => {
                let pos = s.docs.iter().position(|d| d.id == id);
                s.docs.retain(|d| d.id != id);
                if s.active == Some(id) {
                    // The neighbour takes its place, as with browser tabs.
                    s.active = pos
                        .and_then(|p| s.docs.get(p).or_else(|| s.docs.last()))
                        .map(|d| d.id);
                }
            }
            Action::Activate(id) => {
                if s.docs.iter().any(|d| d.id == id) {
                    s.active = Some(id);
                }
            }
            Action::Notify(key, n) => {
                s.notices.retain(|(_, old)| old != &n);
                s.notices.push((key, n));
                if s.notices.len() > 4 {
                    s.notices.remove(0);
                }
            }
            Action::Dismiss(key) => s.notices.retain(|(k, _)| *k != key),
            Action::CopyFallback(md) => s.copy_fallback = md,
        }
        Rc::new(s)
    }
}
