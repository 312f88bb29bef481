//! The page's components. Every string from the log or the report is put in text nodes (yew
//! escapes them); nothing is ever set as HTML.

pub mod banner;
pub mod doc;
pub mod findings;
pub mod intake;
pub mod matrix;
pub mod rawlog;

use std::rc::Rc;

use preflight_core::i18n::Lang;
use preflight_core::report::{Lines, Severity, Status};
use yew::prelude::*;

use crate::layout::{code_spans, Highlight};

/// Lines to highlight in the raw log, and what asked for it.
#[derive(Clone, PartialEq)]
pub struct Selection {
    pub lines: Rc<Highlight>,
    /// Shown above the log: what is highlighted.
    pub label: String,
    /// Increases on every request, so selecting the same thing twice scrolls again.
    pub seq: u32,
}

impl Selection {
    pub fn new(ranges: impl IntoIterator<Item = Lines>, label: String) -> Selection {
        thread_local! {
            static SEQ: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
        }
        let seq = SEQ.with(|s| {
            s.set(s.get() + 1);
            s.get()
        });
        Selection {
            lines: Rc::new(Highlight::new(ranges)),
            label,
            seq,
        }
    }
}

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "s-ok",
        Status::Warning => "s-warning",
        Status::Failure => "s-failure",
        Status::Inconclusive => "s-inconclusive",
    }
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Info => "s-info",
        Severity::Ok => "s-ok",
        Severity::Warning => "s-warning",
        Severity::Failure => "s-failure",
    }
}

/// Icon and word: the status is never carried by colour alone.
pub fn status_badge(s: Status, lang: Lang) -> Html {
    html! {
        <span class={classes!("badge", status_class(s))}>
            <span class="icon" aria-hidden="true">{ s.icon() }</span>
            <span class="word">{ s.label().get(lang) }</span>
        </span>
    }
}

pub fn severity_badge(s: Severity, lang: Lang) -> Html {
    html! {
        <span class={classes!("badge", severity_class(s))}>
            <span class="icon" aria-hidden="true">{ s.icon() }</span>
            <span class="word">{ s.label().get(lang) }</span>
        </span>
    }
}

/// Catalogue text with its back-quoted commands as `<code>`; everything stays a text node.
pub fn rich(s: &str) -> Html {
    code_spans(s)
        .into_iter()
        .map(|(code, t)| {
            if code {
                html! { <code>{ t.to_owned() }</code> }
            } else {
                html! { { t.to_owned() } }
            }
        })
        .collect()
}
