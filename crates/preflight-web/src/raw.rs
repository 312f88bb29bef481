//! The input as the core decoded it, held by the page for the raw-log view.
//!
//! The text stays in a JS `Uint8Array` and only the lines being drawn are turned into strings,
//! so a 50 MB input costs the page no bulk work.

use std::rc::Rc;

use js_sys::{Uint32Array, Uint8Array};
use preflight_core::redact::Pseudonyms;
use web_sys::TextDecoder;

use crate::layout;

/// Longest part of one line that is drawn, in bytes; a whole 50 MB single-line input would stall
/// layout.
pub const MAX_LINE_BYTES: usize = 4000;

#[derive(Clone)]
pub struct RawText {
    bytes: Uint8Array,
    spans: Vec<u32>,
    decoder: Option<TextDecoder>,
    /// Set for the redacted view: each drawn line goes through it.
    names: Option<Rc<Pseudonyms>>,
}

/// One line ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineText {
    pub text: String,
    /// Bytes left out at the end of a very long line.
    pub hidden_bytes: usize,
}

impl RawText {
    /// `spans` holds two numbers per line: byte start and end in `bytes`.
    pub fn new(bytes: Uint8Array, spans: &Uint32Array) -> RawText {
        RawText {
            bytes,
            spans: spans.to_vec(),
            decoder: TextDecoder::new().ok(),
            names: None,
        }
    }

    /// The same text, each line shown with `names`' pseudonyms.
    pub fn redacted(&self, names: Rc<Pseudonyms>) -> RawText {
        RawText {
            names: Some(names),
            ..self.clone()
        }
    }

    pub fn line_count(&self) -> usize {
        self.spans.len() / 2
    }

    pub fn byte_len(&self) -> usize {
        self.bytes.length() as usize
    }

    /// Line `n` (1-based); empty when it does not exist.
    pub fn line(&self, n: usize) -> LineText {
        let empty = LineText {
            text: String::new(),
            hidden_bytes: 0,
        };
        let Some(i) = n.checked_sub(1) else {
            return empty;
        };
        let (Some(&s), Some(&e)) = (self.spans.get(2 * i), self.spans.get(2 * i + 1)) else {
            return empty;
        };
        let (s, e) = (s.min(e), e.min(self.bytes.length()));
        let len = (e.saturating_sub(s)) as usize;
        let shown = layout::cut_at_char_boundary(len, MAX_LINE_BYTES, |k| {
            self.bytes.get_index(s + k as u32)
        });
        let mut text = self.decode(s, s + shown as u32);
        if let Some(names) = &self.names {
            names.redact_string(&mut text);
        }
        LineText {
            text,
            hidden_bytes: len - shown,
        }
    }

    fn decode(&self, s: u32, e: u32) -> String {
        let view = self.bytes.subarray(s, e);
        match &self.decoder {
            Some(d) => d.decode_with_buffer_source(&view).unwrap_or_default(),
            None => String::from_utf8_lossy(&view.to_vec()).into_owned(),
        }
    }
}
