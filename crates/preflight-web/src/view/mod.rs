//! The page's components. Every string from the log or the report is put in text nodes (yew
//! escapes them); nothing is ever set as HTML.

pub mod agent;
pub mod banner;
pub mod combined;
pub mod compare;
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

/// The page's language, which the app provides to every component through yew's context (a
/// component outside any provider, such as a test's, speaks English).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The start of every yes/no state (`use_state_eq(initially_false)`): a hook's code is compiled
/// once per initialiser type, and this one function is one type where each closure is another.
pub fn initially_false() -> bool {
    false
}

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
/// A `class` value from its parts, empty ones left out: one small function, where `classes!`
/// builds an ordered set at each place it is written.
pub fn cls(parts: &[&str]) -> AttrValue {
    let mut s = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(p);
    }
    AttrValue::from(s)
}

/// `class` when `cond` holds, else nothing (for [`cls`]).
pub fn on(cond: bool, class: &'static str) -> &'static str {
    if cond {
        class
    } else {
        ""
    }
}

pub fn status_badge(s: Status, lang: Lang) -> Html {
    html! {
        <span class={cls(&["badge", status_class(s)])}>
            <span class="icon" aria-hidden="true">{ s.icon() }</span>
            <span class="word">{ s.label().get(lang) }</span>
        </span>
    }
}

pub fn severity_badge(s: Severity, lang: Lang) -> Html {
    html! {
        <span class={cls(&["badge", severity_class(s)])}>
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

/// Small line icons drawn inline (no icon font, no emoji font needed); decorative only.
pub fn icon(name: &'static str) -> Html {
    let d = match name {
        "folder" => "M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z",
        "lock" => "M7 11V8a5 5 0 0 1 10 0v3M5.5 11h13v9h-13z",
        "copy" => "M9 9h10v11H9zM5 15V4h10",
        "download" => "M12 4v11M7 10l5 5 5-5M5 20h14",
        "print" => "M7 9V4h10v5M6 18H4v-7h16v7h-2M7 14h10v6H7z",
        "paste" => "M9 4h6v3H9zM7 5.5H5V21h14V5.5h-2",
        "drop" => "M12 3v12M7 10l5 5 5-5M4 15v4.5A1.5 1.5 0 0 0 5.5 21h13a1.5 1.5 0 0 0 1.5-1.5V15",
        "close" => "M6 6l12 12M18 6L6 18",
        "globe" => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z",
        "eye" => "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
        "external" => "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
        "compare" => "M4 8h13M13 4l4 4-4 4M20 16H7M11 12l-4 4 4 4",
        _ => "",
    };
    html! {
        <svg class="ico" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={d} />
        </svg>
    }
}
