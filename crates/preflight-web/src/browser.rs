//! Thin, failure-returning wrappers over the browser APIs the page uses.

use preflight_core::i18n::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Document, HtmlAnchorElement, Response, Url, Window};

/// The one thing the page stores: the chosen language.
pub const LANG_KEY: &str = "preflight.lang";

pub fn window() -> Option<Window> {
    web_sys::window()
}

pub fn document() -> Option<Document> {
    window().and_then(|w| w.document())
}

/// A readable sentence from a JS error value.
pub fn describe(err: &JsValue) -> String {
    if let Some(s) = err.as_string() {
        return s;
    }
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    // Not `{:?}`: JavaScript's value printer would come along into the page's download.
    "the browser gave no description".to_owned()
}

/// The stored choice, then the browser's preferred languages, then English.
pub fn initial_lang() -> Lang {
    stored_lang().unwrap_or_else(|| choose_lang(&browser_langs(), None))
}

/// First language of `tags` the page speaks; `stored` wins when present.
pub fn choose_lang(tags: &[String], stored: Option<&str>) -> Lang {
    stored
        .and_then(Lang::from_tag)
        .or_else(|| tags.iter().find_map(|t| Lang::from_tag(t)))
        .unwrap_or(Lang::En)
}

fn browser_langs() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        tags.push(l);
    }
    tags
}

fn stored_lang() -> Option<Lang> {
    let storage = window()?.local_storage().ok()??;
    let v = storage.get_item(LANG_KEY).ok()??;
    Lang::from_tag(&v)
}

/// Remembers the language. Storage may be disabled (private mode); the page then just forgets.
pub fn store_lang(lang: Lang) {
    if let Some(Ok(Some(s))) = window().map(|w| w.local_storage()) {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// Keeps `<html lang>` and the title in the page's language, for screen readers and tabs.
pub fn set_document_lang(lang: Lang, title: &str) {
    if let Some(doc) = document() {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        doc.set_title(title);
    }
}

/// Runs `f` once, `ms` milliseconds from now. Every delayed call of the page goes through this
/// one boxed closure type, so the timer's JS glue is compiled once, not once per call site.
pub fn later(ms: u32, f: Box<dyn FnOnce()>) {
    gloo::timers::callback::Timeout::new(ms, f).forget();
}

/// A Performance API mark, so timings can be read from outside (`performance.getEntriesByName`).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Writes `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let clipboard = w.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| describe(&e))
}

/// Saves `blob` as a file through a temporary object URL (nothing leaves the browser).
pub fn download(blob: &Blob, file_name: &str) -> Result<(), String> {
    let doc = document().ok_or("no document")?;
    let url = Url::create_object_url_with_blob(blob).map_err(|e| describe(&e))?;
    let a: HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "no anchor element".to_owned())?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoke later: the download starts asynchronously and needs the URL until then.
    later(
        10_000,
        Box::new(move || {
            let _ = Url::revoke_object_url(&url);
        }),
    );
    Ok(())
}

/// Fetches a file shipped with the page (a sample log), relative to the page.
pub async fn fetch_blob(path: &str) -> Result<Blob, String> {
    let w = window().ok_or("no window")?;
    let resp: Response = JsFuture::from(w.fetch_with_str(path))
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not a response".to_owned())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let blob = resp.blob().map_err(|e| describe(&e))?;
    JsFuture::from(blob)
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not a blob".to_owned())
}

/// A sample shipped with the page. The samples travel as one file, `samples.pack` (written by
/// scripts/web-build.sh: a `name<TAB>length` line per sample, an empty line, then the samples'
/// bytes one after the other), so that compression finds what the four logs have in common.
pub async fn fetch_sample(name: &str) -> Result<Blob, String> {
    let pack = fetch_blob("./samples.pack").await?;
    let head = pack
        .slice_with_f64_and_f64(0.0, pack.size().min(4096.0))
        .map_err(|e| describe(&e))?;
    let head = js_sys::Uint8Array::new(&read_blob(&head).await?.into()).to_vec();
    let (start, len) =
        sample_span(&head, name).ok_or_else(|| format!("{name} is not in samples.pack"))?;
    pack.slice_with_f64_and_f64(start as f64, (start + len) as f64)
        .map_err(|e| describe(&e))
}

/// Where `name` lies in the pack, from its header.
pub fn sample_span(head: &[u8], name: &str) -> Option<(usize, usize)> {
    let end = head.windows(2).position(|w| w == b"\n\n")?;
    let text = std::str::from_utf8(head.get(..end)?).ok()?;
    let mut offset = end + 2;
    for line in text.lines().skip(1) {
        let (file, len) = line.split_once('\t')?;
        let len: usize = len.parse().ok()?;
        if file == name {
            return Some((offset, len));
        }
        offset += len;
    }
    None
}

/// Reads a blob's bytes as an `ArrayBuffer`.
pub async fn read_blob(blob: &Blob) -> Result<js_sys::ArrayBuffer, String> {
    JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not an ArrayBuffer".to_owned())
}

/// A text blob, for pasted or dropped text.
pub fn text_blob(text: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    Blob::new_with_str_sequence(&parts).map_err(|e| describe(&e))
}

#[cfg(test)]
mod tests {
    use super::sample_span;

    #[test]
    fn a_sample_is_found_after_the_header_and_the_samples_before_it() {
        let pack = b"preflight-samples/1\na.log\t3\nb.json\t2\n\nabcde";
        let body = pack.len() - 5;
        assert_eq!(sample_span(pack, "a.log"), Some((body, 3)));
        assert_eq!(sample_span(pack, "b.json"), Some((body + 3, 2)));
        assert_eq!(sample_span(pack, "c.log"), None);
    }
}
