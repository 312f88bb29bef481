//! The analysis worker: receives the bytes of one input, runs `preflight_core::analyze` and posts
//! the report back. Running here keeps the page responsive however large the input is.

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent};

use preflight_core::i18n::Lang;

use crate::browser::describe;
use crate::protocol::{self as p, Prepared};

/// Installs the message handler and tells the page the worker is ready. Messages sent before the
/// handler exists would be lost, which is why the page waits for `ready`.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply_to = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Err(err) = handle(&reply_to, &e.data()) {
            let msg = Object::new();
            let _ = Reflect::set(&msg, &p::TYPE.into(), &p::FAILED.into());
            let _ = Reflect::set(&msg, &p::DETAIL.into(), &describe(&err).into());
            let _ = reply_to.post_message(&msg);
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &p::TYPE.into(), &p::READY.into());
    let _ = scope.post_message(&ready);
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) -> Result<(), JsValue> {
    let bytes = Uint8Array::new(&Reflect::get(data, &p::BYTES.into())?).to_vec();
    let name = Reflect::get(data, &p::NAME.into())?
        .as_string()
        .unwrap_or_default();
    let kind = Reflect::get(data, &p::KIND.into())?
        .as_string()
        .and_then(|w| preflight_core::report::InputKind::from_word(&w));

    // Stages matter only when the analysis takes long enough for a progress card to show; for
    // small inputs they would only cost the page extra renders.
    let tell = bytes.len() > p::STAGES_ABOVE_BYTES;
    if tell {
        stage(scope, p::STAGE_ANALYSING);
    }
    // Each encoded piece leaves the module's memory as soon as it is made.
    let (prepared, report) = p::prepare(
        &bytes,
        &name,
        kind,
        |s| {
            if tell {
                stage(scope, s)
            }
        },
        |piece| Uint8Array::from(piece.as_slice()),
    );
    let (msg, transfer) = reply(prepared)?;
    drop(bytes);
    scope.post_message_with_transfer(&msg, &transfer)?;

    let msg = Object::new();
    Reflect::set(&msg, &p::TYPE.into(), &p::JSON.into())?;
    for (key, lang) in [(p::JSON_EN, Lang::En), (p::JSON_JA, Lang::Ja)] {
        let mut parts = BlobParts::default();
        // `BlobParts` never fails a write, so this cannot fail: a fixed message keeps the text
        // of every I/O error kind (which formatting the error would bring) out of the module.
        preflight_core::render::json::write_report(&report, lang, &mut parts)
            .map_err(|_| JsValue::from_str("the JSON could not be written"))?;
        Reflect::set(&msg, &key.into(), &parts.finish()?.into())?;
    }
    let memory = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    Reflect::set(&msg, &p::MEMORY.into(), &memory.into())?;
    scope.post_message(&msg)
}

fn stage(scope: &DedicatedWorkerGlobalScope, stage: &str) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &p::TYPE.into(), &p::STAGE.into());
    let _ = Reflect::set(&msg, &p::STAGE.into(), &stage.into());
    let _ = scope.post_message(&msg);
}

/// Builds the `done` message and the buffers to transfer (not copy) to the page.
fn reply(prepared: Prepared<'_, Uint8Array>) -> Result<(JsValue, Array), JsValue> {
    let Prepared {
        head,
        chunks,
        text,
        spans,
        names,
    } = prepared;
    let msg = Object::new();
    let transfer = Array::new();
    let bytes = |v: &[u8]| {
        let a = Uint8Array::from(v);
        transfer.push(&a.buffer());
        a
    };
    Reflect::set(&msg, &p::TYPE.into(), &p::DONE.into())?;
    Reflect::set(&msg, &p::HEAD.into(), &bytes(&head))?;
    let list = Array::new();
    for c in &chunks {
        transfer.push(&c.buffer());
        list.push(c);
    }
    Reflect::set(&msg, &p::CHECKS.into(), &list)?;
    Reflect::set(&msg, &p::TEXT.into(), &bytes(&text))?;
    let spans = Uint32Array::from(spans.as_slice());
    transfer.push(&spans.buffer());
    Reflect::set(&msg, &p::SPANS.into(), &spans)?;
    Reflect::set(&msg, &p::NAMES.into(), &names.into())?;
    Ok((msg.into(), transfer))
}

/// A JSON download written in pieces of `PART_BYTES`, each moved out of the module's memory
/// into a JS buffer as it fills, then made into one `Blob`.
#[derive(Default)]
pub struct BlobParts {
    parts: Vec<Uint8Array>,
    buf: Vec<u8>,
}

const PART_BYTES: usize = 1 << 20;

impl BlobParts {
    pub fn finish(mut self) -> Result<Blob, JsValue> {
        self.spill();
        let parts = Array::new();
        for p in &self.parts {
            parts.push(p);
        }
        let opts = BlobPropertyBag::new();
        opts.set_type("application/json");
        Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
    }

    fn spill(&mut self) {
        if !self.buf.is_empty() {
            self.parts.push(Uint8Array::from(self.buf.as_slice()));
            self.buf.clear();
        }
    }
}

impl std::io::Write for BlobParts {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PART_BYTES {
            self.spill();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
