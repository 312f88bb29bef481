//! Backup Preflight's page: drop a connectivity log, see the verdict.
//!
//! One WebAssembly module runs twice (`main.rs`): on the page, which shows reports, and in the
//! analysis worker, which runs `preflight_core::analyze_text` with the browser's own decoder for
//! Shift_JIS / EUC-JP. Neither interprets log text itself, and nothing is sent anywhere.

pub mod app;
pub mod browser;
pub mod ctl;
pub mod layout;
pub mod protocol;
pub mod raw;
pub mod runner;
pub mod state;
pub mod view;
pub mod wire;
pub mod words;
pub mod worker;

/// Mounts the page on `#app`, replacing the loading text there.
pub fn start_page() {
    let root = browser::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_text_content(None);
            root.set_class_name("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
