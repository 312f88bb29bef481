//! The analysis worker: receives the bytes of one input, runs `preflight_core::analyze` and posts
//! the report back. Running here keeps the page responsive however large the input is.

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent};

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
        .and_then(|w| p::kind_from_word(&w));

    // Stages matter only when the analysis takes long enough for a progress card to show; for
    // small inputs they would only cost the page extra renders.
    let tell = bytes.len() > p::STAGES_ABOVE_BYTES;
    if tell {
        stage(scope, p::STAGE_ANALYSING);
    }
    let (prepared, mut report) = p::prepare(&bytes, &name, kind, |s| {
        if tell {
            stage(scope, s)
        }
    })
    .map_err(|e| JsValue::from_str(&e.to_string()))?;
    drop(bytes);
    let (msg, transfer) = reply(prepared)?;
    scope.post_message_with_transfer(&msg, &transfer)?;

    let (en, ja) = p::downloads(&mut report).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let msg = Object::new();
    Reflect::set(&msg, &p::TYPE.into(), &p::JSON.into())?;
    Reflect::set(&msg, &p::JSON_EN.into(), &json_blob(&en)?.into())?;
    Reflect::set(&msg, &p::JSON_JA.into(), &json_blob(&ja)?.into())?;
    scope.post_message(&msg)
}

fn stage(scope: &DedicatedWorkerGlobalScope, stage: &str) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &p::TYPE.into(), &p::STAGE.into());
    let _ = Reflect::set(&msg, &p::STAGE.into(), &stage.into());
    let _ = scope.post_message(&msg);
}

/// Builds the `done` message and the buffers to transfer (not copy) to the page.
fn reply(prepared: Prepared) -> Result<(JsValue, Array), JsValue> {
    let Prepared {
        head,
        chunks,
        text,
        spans,
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
        list.push(&bytes(c));
    }
    Reflect::set(&msg, &p::CHECKS.into(), &list)?;
    Reflect::set(&msg, &p::TEXT.into(), &bytes(&text))?;
    let spans = Uint32Array::from(spans.as_slice());
    transfer.push(&spans.buffer());
    Reflect::set(&msg, &p::SPANS.into(), &spans)?;
    Ok((msg.into(), transfer))
}

fn json_blob(bytes: &[u8]) -> Result<Blob, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let opts = BlobPropertyBag::new();
    opts.set_type("application/json");
    Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
}

fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| {
            err.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{err:?}"))
}
