//! The same module runs twice: on the page, where it mounts the interface, and in the analysis
//! worker that the page starts (web/worker.js), where it serves analyses.

use wasm_bindgen::JsCast;

fn main() {
    if js_sys::global().dyn_into::<web_sys::Window>().is_ok() {
        preflight_web::start_page();
    } else {
        preflight_web::worker::start();
    }
}

// talc instead of the default dlmalloc: a few kilobytes less in the module the page downloads.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
